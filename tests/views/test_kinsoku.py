"""Japanese line breaking in Rich output (禁則処理)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from coach.views import kinsoku

TEXT = (
    "二次面接の深掘り質問に答えて、型のチェックと追加質問を受けます（メインの練習）。"
    "そして「結論」を先に。回答を1つ（または --batch でまとめて）分析し、answer）を確認します。"
)


def _lines(text: str, width: int) -> list[str]:
    kinsoku.install()
    console = Console(width=width, file=None, record=True, color_system=None)
    with console.capture() as captured:
        console.print(text)
    return [line.rstrip() for line in captured.get().splitlines()]


@pytest.mark.parametrize("width", range(14, 41))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(width: int) -> None:
    lines = _lines(TEXT, width)
    assert "".join(line.strip() for line in lines).replace(" ", "") == TEXT.replace(" ", "")
    for line in lines:
        assert len(line) == 0 or line[0] not in kinsoku.NO_START, (width, line)
        assert len(line) == 0 or line[-1] not in kinsoku.NO_END, (width, line)
        assert Console().measure(line).maximum <= width


def test_japanese_after_a_space_fills_the_line_instead_of_jumping_to_the_next() -> None:
    lines = _lines("回答を1つ（または --batch でまとめて）分析し、型・要素を指摘します。", 30)
    assert lines[0].startswith("回答を1つ（または --batch でま")


def test_latin_words_stay_whole() -> None:
    lines = _lines("This is english text with many words that wrap normally at spaces.", 30)
    assert lines == ["This is english text with many", "words that wrap normally at", "spaces."]
    for width in range(10, 30):
        joined = " ".join(_lines(TEXT, width))
        assert "--batch" in joined and "answer" in joined, width


def test_install_is_idempotent() -> None:
    from rich import text

    kinsoku.install()
    first = text.divide_line
    kinsoku.install()
    assert text.divide_line is first


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="語理「」（）、。 ABCDEFabc’ーっ\u200b", min_size=1, max_size=80),
    width=st.integers(min_value=2, max_value=24),
)
def test_breaks_are_increasing_and_inside_the_text(text: str, width: int) -> None:
    from rich import text as rich_text

    kinsoku.install()
    breaks = rich_text.divide_line(text, width, True)
    assert breaks == sorted(set(breaks))
    assert all(0 < b < len(text) for b in breaks)


def test_a_line_never_starts_with_a_space_after_a_moved_break() -> None:
    for width in range(8, 20):
        for line in _lines("語 「 （ CODECODE理  理  、もう少し続く文章です。", width):
            assert line == "" or not line.startswith(" ") or line.strip() == ""
