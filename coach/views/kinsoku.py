"""Japanese line breaking (禁則処理) for Rich.

Rich breaks lines only at spaces: a Japanese run after a space (「--batch でまとめて…」) jumps
whole to the next line, a longer one is folded or cut off with …, and a line can start with
「。」 or end with 「「」. :func:`install` teaches Rich two things: every Japanese character is a
place where a line may break (Latin words still stay whole), and where a break would leave a
closing mark or small kana at the start of a line, or an opening bracket at the end of one, the
break moves back a character or two (追い出し), so no line gets wider than Rich made it.

Two more places use the same rules: :func:`phrased` texts (the answer's sentences and the
findings) break at BudouX's phrase boundaries first, and :func:`input_padding` gives the answer
prompt (prompt_toolkit, which wraps between any two characters) the blanks that keep a closing
mark from starting a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.containers import Lines

# a "word" for Rich's wrapper: a run of Latin letters, digits and marks (ASCII and Latin-1), or
# any other single character (each Japanese character), with the spaces around it. The class
# stays within Latin-1 on purpose: a character class over the CJK ranges costs milliseconds to
# compile, paid by every `coach --help`.
WORD = re.compile(r"\s*(?:[!-~\u00a1-\u024f\u2019]+|\S)\s*")

# may not start a line
NO_START = frozenset(
    "、。，．,.)）]］｝}」』】〕〉》〙〗!！?？:：;；・ー…‥〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
)
# may not end a line
NO_END = frozenset("(（[［｛{「『【〔〈《〘〖")
# how far back a break may move (at least) before the line is left as Rich made it
_MAX_SHIFT = 3

Divider = Callable[[str, int, bool], list[int]]


def _forbidden(text: str, at: int) -> bool:
    """May a line not break before ``text[at]``? Not before a closing mark, not after an
    opening one, and not inside a Latin word (moving back from a closing mark can land there)."""
    before, here = text[at - 1], text[at]
    if here in NO_START or before in NO_END or here.isspace():
        return True
    return _latin(before) and _latin(here)


def _latin(ch: str) -> bool:
    return "!" <= ch <= "~" or "\u00a1" <= ch <= "\u024f" or ch == "\u2019"


# above zero while a PhraseText wraps: its breaks go to BudouX's phrase boundaries where one is
# near. A counter, not a ContextVar: Rich renders on one thread, and --help pays for imports
_phrasing = [0]


@lru_cache(maxsize=1)
def _parser() -> Any:
    """BudouX's Japanese model, loaded on the first phrase-wrapped text (never by --help:
    the import and the model cost about 20 ms, more than the startup goal leaves)."""
    try:
        import budoux
    except ImportError:  # an installation without it wraps by character, as before
        return None
    return budoux.load_default_japanese_parser()


@lru_cache(maxsize=512)
def phrase_boundaries(text: str) -> tuple[int, ...]:
    """The offsets where a phrase starts (BudouX), the first excepted."""
    parser = _parser()
    if parser is None or not text:
        return ()
    out, at = [], 0
    for chunk in parser.parse(text):
        at += len(chunk)
        out.append(at)
    return tuple(out[:-1])


def _phrase_break(text: str, offset: int, cut: int, width: int) -> int | None:
    """The last phrase boundary before Rich's break, if moving there costs little of the line
    and breaks no rule."""
    from bisect import bisect_right

    bounds = phrase_boundaries(text)
    i = bisect_right(bounds, cut) - 1
    if i < 0:
        return None
    at = bounds[i]
    # a phrase is rarely longer than 6 characters; a long line may give up a little more
    if at <= offset or cut - at > max(6, width // 8) or _forbidden(text, at):
        return None
    return at


def kinsoku_divider(divide: Divider) -> Divider:
    """A line divider that keeps Rich's breaks except where they break the rules above."""

    def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
        reach = max(_MAX_SHIFT, width // 2)
        phrasing = _phrasing[0] > 0
        # Rich's first break depends only on about a line of text: divide a window of a few
        # lines, not the whole rest (which made long texts quadratic)
        window = 4 * max(width, 1) + 16
        breaks: list[int] = []
        offset = 0
        while True:
            end = offset + window
            rest = divide(text[offset:end], width, fold)
            if not rest and end < len(text):
                rest = divide(text[offset:], width, fold)  # zero-width characters: look further
            if not rest:
                return breaks
            cut = offset + rest[0]
            phrase = _phrase_break(text, offset, cut, width) if phrasing else None
            if phrase is not None:
                breaks.append(phrase)
                offset = phrase
                continue
            moved = cut
            while moved - 1 > offset and cut - moved < reach and _forbidden(text, moved):
                moved -= 1
            if _forbidden(text, moved):
                moved = cut  # nothing better within reach: keep Rich's break
            breaks.append(moved)
            offset = moved

    return divide_line


def install() -> None:
    """Make every Rich ``Text`` wrap Japanese by the rules (idempotent)."""
    from rich import _wrap, text

    # rich.text imported divide_line by name: that is the one Text.wrap calls
    current = getattr(text, "divide_line")  # noqa: B009 (not in rich.text.__all__)
    if getattr(current, "kinsoku", False):
        return
    _wrap.re_word = WORD
    divider = kinsoku_divider(current)
    divider.kinsoku = True  # type: ignore[attr-defined]
    setattr(text, "divide_line", divider)  # noqa: B010 (not in rich.text.__all__)


def input_padding(
    text: str, width: int, indent: int, cells: Callable[[str], int]
) -> dict[int, int]:
    """The same rules for a prompt that wraps between any two characters (prompt_toolkit):
    where a row would start with a closing mark or end with an opening one, the character
    before the break moves to the next row too. Returns {index: blank cells to show before
    text[index]} (display only: the typed text is untouched). ``indent`` is the prompt's width
    on every row, ``cells`` the terminal width of a character."""
    pads: dict[int, int] = {}
    reach = max(_MAX_SHIFT, (width - indent) // 4)
    x, start, i = indent, 0, 0
    at: list[int] = []  # the column each character of the current row starts at
    while i < len(text):
        if text[i] == "\n":
            x, start, i, at = indent, i + 1, i + 1, []
            continue
        cw = cells(text[i])
        if x + cw > width and i > start:
            moved = i
            while moved - 1 > start and i - moved < reach and _forbidden(text, moved):
                moved -= 1
            if moved < i and not _forbidden(text, moved):
                pads[moved] = width - at[moved - start]
                i = moved
            x, start, at = indent, i, []
            continue
        at.append(x)
        x += cw
        i += 1
    return pads


class PhraseText(Text):
    """A Rich Text that wraps Japanese at phrase boundaries (BudouX), with 禁則 on top: for
    the sentences of an answer and the feedback, where a word cut in two is read wrong. Plain
    Text everywhere else (help, tables of ids), so only these screens load the model."""

    def wrap(self, console: Console, width: int, **options: Any) -> Lines:
        _phrasing[0] += 1
        try:
            return super().wrap(console, width, **options)
        finally:
            _phrasing[0] -= 1


def phrased(text: Text) -> PhraseText:
    """``text`` (styles kept) as a PhraseText."""
    return PhraseText(
        text.plain,
        style=text.style,
        justify=text.justify,
        overflow=text.overflow,
        no_wrap=text.no_wrap,
        end=text.end,
        spans=list(text.spans),
    )
