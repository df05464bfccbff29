"""Numbers as a listener hears them: kanji numerals read as digits (十二本 is 12本)."""

from __future__ import annotations

import re

_KANJI_DIGITS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十百千]+(?:万[〇一二三四五六七八九十百千]*)?")


def _kanji_value(text: str) -> int:
    """十二 → 12, 二十 → 20, 三百五十 → 350, 一万二千 → 12000 (also digit by digit: 二〇 → 20)."""
    total = 0
    if "万" in text:
        high, _, text = text.partition("万")
        total = (_kanji_value(high) or 1) * 10_000
    if not any(ch in _KANJI_UNITS for ch in text):
        digits = "".join(str(_KANJI_DIGITS[ch]) for ch in text)
        return total + (int(digits) if digits else 0)
    section = digit = 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch]
        else:
            section += (digit or 1) * _KANJI_UNITS[ch]
            digit = 0
    return total + section + digit


def arabic(norm: str) -> str:
    """Kanji numerals as digits, so that 十二本, 四日, 二十件ほど are read like 12本. A lone 一
    stays (一部, 一時, 一度: words, not counts)."""

    def repl(m: re.Match[str]) -> str:
        text = m.group(0)
        if text == "一":
            return text
        return str(_kanji_value(text))

    return _KANJI_NUMBER.sub(repl, norm)
