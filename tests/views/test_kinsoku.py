"""Japanese line breaking in Rich output (禁則処理)."""

from __future__ import annotations

from pathlib import Path

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


# --- the answer area (prompt_toolkit wraps between any two characters) ------------------------


def _displayed_rows(text: str, width: int) -> tuple[list[str], object]:
    from types import SimpleNamespace

    from prompt_toolkit.utils import get_cwidth

    from coach.terminal import kinsoku_processor

    # what prompt_toolkit hands a processor, as far as it reads it
    shown = kinsoku_processor().apply_transformation(
        SimpleNamespace(fragments=[("", text)], width=width)
    )
    rows, row, x = [], "", 2
    for _style, ch, *_ in shown.fragments:
        for c in ch:
            if x + get_cwidth(c) > width:
                rows.append(row)
                row, x = "", 2
            row += c
            x += get_cwidth(c)
    return [*rows, row], shown


# phrases of a few kana with a bracket or mark around them: a legal break is always near
_PHRASE = st.tuples(
    st.sampled_from(["", "「", "（"]),
    st.text(alphabet="あいうえお漢字", min_size=2, max_size=5),
    st.sampled_from(["", "。", "、", "）", "」", "ー"]),
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PHRASE, min_size=1, max_size=30).map("".join), st.integers(12, 60))
def test_the_answer_area_keeps_the_rules_and_the_cursor_maps_back(text: str, width: int) -> None:
    rows, shown = _displayed_rows(text, width)
    assert "".join(rows).replace(" ", "") == text
    for i in range(len(text) + 1):
        assert shown.display_to_source(shown.source_to_display(i)) == i  # type: ignore[attr-defined]
    for row in rows[1:]:
        assert row[0] not in kinsoku.NO_START, (rows, width)
    for row in rows[:-1]:
        assert row.rstrip()[-1] not in kinsoku.NO_END, (rows, width)


def test_a_row_never_starts_with_a_closing_mark_when_it_can_move() -> None:
    text = "あ" * 18 + "い。" + "う" * 17 + "え」お" + "か" * 30
    rows, _ = _displayed_rows(text, 40)
    assert rows[1].startswith("い。") and rows[0].endswith("あ  ")
    assert all(row.strip()[0] not in kinsoku.NO_START for row in rows if row.strip())


# --- phrase boundaries (BudouX) in the answer's sentences and the feedback --------------------

PHRASED = "私は何度も資料を作って頼みましたが、営業部が協力してくれなかったので大変でした。"


def _phrased_lines(text: str, width: int) -> list[str]:
    from rich.padding import Padding

    from coach.views.common import literal

    kinsoku.install()
    console = Console(width=width, file=None, record=True, color_system=None)
    with console.capture() as captured:
        # as the feedback shows it: inside a container (console.print joins bare Texts anew)
        console.print(Padding(kinsoku.phrased(literal(text)), 0))
    return [line.rstrip() for line in captured.get().splitlines()]


def test_a_phrased_text_breaks_between_phrases_not_inside_a_word() -> None:
    plain = _lines(PHRASED, 46)
    assert plain[0].endswith("営業部が協")  # by character: 協力 cut in two
    phrased = _phrased_lines(PHRASED, 46)
    assert phrased[0].endswith("営業部が") and phrased[1].startswith("協力してくれなかった")
    assert "".join(phrased) == PHRASED


@pytest.mark.parametrize("width", range(14, 41))
def test_phrased_text_keeps_the_kinsoku_rules(width: int) -> None:
    lines = _phrased_lines(TEXT, width)
    assert "".join(line.strip() for line in lines).replace(" ", "") == TEXT.replace(" ", "")
    for line in lines:
        assert len(line) == 0 or line[0] not in kinsoku.NO_START, (width, line)
        assert len(line) == 0 or line[-1] not in kinsoku.NO_END, (width, line)
        assert Console().measure(line).maximum <= width


def test_help_does_not_load_budoux_and_the_feedback_does(tmp_path: Path) -> None:
    import subprocess
    import sys

    from support import subprocess_env

    probe = (
        "import sys\n"
        "from coach.cli import main\n"
        "sys.argv = ['coach', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('BUDOUX', 'budoux' in sys.modules, file=sys.stderr)\n"
    )
    env = subprocess_env(tmp_path, COLUMNS="60")
    run = [sys.executable, "-c", probe]
    helped = subprocess.run([*run, "--help"], capture_output=True, text=True, env=env)
    assert "BUDOUX False" in helped.stderr, helped.stderr
    checked = subprocess.run(
        [*run, "check", "-c", "growth"], input=PHRASED, capture_output=True, text=True, env=env
    )
    assert "BUDOUX True" in checked.stderr, checked.stderr
