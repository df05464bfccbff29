"""`coach.sanitize.clean`: the one repair for text from outside (issue 11, items 1 and 12)."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.sanitize import clean

BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NASTY = [
    "\x00",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\r",
    "\r\n",
    "\x1b",
    "\x1b[",
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b]8;;https://example.com\x1b\\",
    "\x1b]",
    "\x1bP",
    "\x7f",
    "\x85",
    "\x9b",
    "\x9b1;2H",
    "\x9d",
    "\x9c",
    "\ud800",
    "\udfff",
    "\ud83d",
    "\u2028",
    "\u2029",
    *BIDI_CONTROLS,
]
# Ordinary text: Japanese (kana, kanji, full-width forms and punctuation), printable ASCII,
# emoji, combining marks, newlines and tabs. clean must leave all of it exactly as typed.
ORDINARY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # kanji
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),  # full-width, half-width kana
        st.characters(min_codepoint=0x3000, max_codepoint=0x303F),  # 、。「」『』
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # printable ASCII, [bold] too
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
        st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
        st.sampled_from(["\n", "\t", "\u200d", "\ufe0f", "\u3099", "①", "㈱", "é"]),
    ),
    max_size=200,
)
# Any code point (lone surrogates included) mixed with whole escape sequences.
ANYTHING = st.lists(st.one_of(st.characters(), st.sampled_from(NASTY), ORDINARY), max_size=60).map(
    "".join
)


def _is_c0_c1(ch: str) -> bool:
    return (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F


@settings(max_examples=500, deadline=None)
@given(ANYTHING)
def test_clean_output_is_safe_and_clean_is_idempotent(text: str) -> None:
    out = clean(text)
    out.encode("utf-8")  # never raises: no lone surrogate survives
    assert not any(_is_c0_c1(ch) for ch in out)
    assert not (set(out) & BIDI_CONTROLS)
    assert "\u2028" not in out and "\u2029" not in out
    assert clean(out) == out


@settings(max_examples=500, deadline=None)
@given(ORDINARY)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert clean(text) == text


@settings(max_examples=300, deadline=None)
@given(ORDINARY, ORDINARY, st.sampled_from(NASTY))
def test_ordinary_text_around_a_nasty_character_survives(
    before: str, after: str, nasty: str
) -> None:
    """Whatever is injected, the ordinary text on both sides is kept: the injection becomes
    nothing, a newline or U+FFFD, and an escape takes at most the ASCII parameters and final
    byte a terminal would read as part of it."""
    out = clean(before + nasty + after)
    assert out.startswith(before)
    rest = out[len(before) :]
    for lead in ("", "\n", "\ufffd"):
        if rest.startswith(lead):
            tail = rest[len(lead) :]
            eaten = after[: len(after) - len(tail)]
            if after.endswith(tail) and eaten.isascii() and (not eaten or nasty[0] in "\x1b\x9b"):
                return
    raise AssertionError((before, nasty, after, out))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("売上を\x1b[31m20%\x1b[0m伸ばしました", "売上を20%伸ばしました"),
        ("\x1b[2J\x1b[H画面", "画面"),
        ("\x1b]0;偽のタイトル\x07本文", "本文"),
        ("\x1b]8;;https://evil.example\x1b\\リンク\x1b]8;;\x1b\\", "リンク"),
        ("\x9b31m赤\x9b0m", "赤"),
        ("\x1b]ここから先も回答です", "ここから先も回答です"),  # unterminated: text kept
        ("\x1bPq残り", "q残り"),
        ("私は\ud800リーダー", "私は\ufffdリーダー"),
        ("一行目\r\n二行目\r三行目\u2028四行目\u2029五", "一行目\n二行目\n三行目\n四行目\n五"),
        ("\u202e了完\u202c・\u2066隔離\u2069・\u200f印", "了完・隔離・印"),
        ("NUL\x00と\x7fDEL\tタブ\n改行", "NULとDEL\tタブ\n改行"),
        ("がぎ\u3099（結合）", "がぎ\u3099（結合）"),
        ("[bold]太字[/] 「引用 『片方 ①２３ 😀👍🏽", "[bold]太字[/] 「引用 『片方 ①２３ 😀👍🏽"),
    ],
    ids=[
        "csi-colour",
        "csi-clear-screen",
        "osc-title",
        "osc-hyperlink",
        "c1-csi",
        "osc-unterminated",
        "dcs-unterminated",
        "lone-surrogate",
        "line-breaks",
        "bidi",
        "nul-del-kept-tab",
        "combining-mark",
        "ordinary",
    ],
)
def test_clean_examples(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_clean_does_not_normalise() -> None:
    text = "ｶﾀｶﾅ１２３％ＡＢＣ㈱"
    assert unicodedata.normalize("NFKC", text) != text
    assert clean(text) == text  # analysis normalises its own copy; what was typed is kept


def test_clean_is_linear_on_many_unterminated_sequences() -> None:
    samples = [
        ("\x9d" + "あ" * 1000) * 200,
        ("\x1b]" + "あ" * 1000) * 200,
        "\x1b[" * 100_000,
        "\x1b]0;" * 50_000,
        "\ud800" * 100_000,
    ]
    start = time.perf_counter()
    for text in samples:
        clean(text)
    assert time.perf_counter() - start < 2.0  # a quadratic scan takes minutes here
