"""What a user may type for a category or a role, and the one-line answer when it names none.

People name a category the way they say it, not by its id: 「失敗」「志望動機」「逆質問」「営業」,
full- or half-width, sometimes with 「カテゴリ」 after it. Every category answers to its id, its
role short id (sales for role-sales), its Japanese name, each part of the name (「失敗経験・プレッ
シャー」 → 失敗経験, プレッシャー), the name without 「の深掘り」 or 「職」, and the ``aliases`` its bank
defines. A name several categories answer to, or the start of names of several, is refused with
the candidates named; a miss names the nearest ones (もしかして). Values only; the CLI prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import get_close_matches
from functools import cache
from typing import TYPE_CHECKING

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.banks import Category

ROLE_PREFIX = "role-"
# what people put after a name and the name does not need (longest first)
_SUFFIXES = ("カテゴリー", "カテゴリ", "の質問")
# a name's parts: 「志望動機・企業理解」 is asked for as either
_PARTS = re.compile(r"[・/／、]")
# a prefix this short would match half the catalogue
MIN_PREFIX = 2


def fold(text: str) -> str:
    """The form names are compared in: NFKC (full-width Latin and half-width kana alike),
    casefolded, without spaces or a trailing 「カテゴリ」."""
    out = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
    stripped = True
    while stripped:  # 「最後の質問カテゴリ」: both
        stripped = False
        for suffix in _SUFFIXES:
            if out.endswith(suffix) and len(out) > len(suffix):
                out, stripped = out.removesuffix(suffix), True
                break
    return out


def short_id(cat: Category) -> str:
    return cat.id.removeprefix(ROLE_PREFIX)


def names(cat: Category) -> frozenset[str]:
    """Every folded name ``cat`` answers to."""
    return _names(cat.id, cat.name, tuple(cat.aliases))


@cache  # a batch resolves the category of every answer: fold each name once
def _names(cat_id: str, name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    found = {fold(cat_id), fold(cat_id.removeprefix(ROLE_PREFIX)), fold(name)}
    base = fold(name).removesuffix("の深掘り")
    for whole in (base, base.removesuffix("職")):
        found.add(whole)
        found.update(part for part in _PARTS.split(whole) if part)
    found.update(fold(alias) for alias in aliases)
    found.discard("")
    return frozenset(found)


def short_names(cat: Category) -> list[str]:
    """The names worth showing in a list, as the bank writes them: the parts of the name (when
    it has several) and the aliases."""
    base = cat.name.removesuffix("の深掘り")
    parts = [p for p in _PARTS.split(base) if p] if _PARTS.search(base) else []
    return list(dict.fromkeys([*parts, *cat.aliases]))


def _label(cat: Category, role: bool) -> str:
    return f"{short_id(cat) if role else cat.id}（{cat.name}）"


def resolve(candidates: Sequence[Category], typed: str, what: str = "カテゴリ") -> Category:
    """The one category of ``candidates`` that ``typed`` names; else CoachError in one line."""
    role = what == "職種"
    for c in candidates:
        if c.id == typed:  # the common case, and what a batch file gives
            return c
    wanted = fold(typed)
    exact = [c for c in candidates if wanted in names(c)]
    if not exact and len(wanted) >= MIN_PREFIX:
        exact = [c for c in candidates if any(n.startswith(wanted) for n in names(c))]
    if len(exact) == 1:
        return exact[0]
    if exact:
        listed = ", ".join(_label(c, role) for c in exact)
        raise CoachError(
            f"「{typed}」に当てはまる{what}が複数あります: {listed}。IDで指定してください"
        )
    by_name = {n: c for c in candidates for n in sorted(names(c))}
    near = get_close_matches(wanted, list(by_name), n=6, cutoff=0.5)
    near += [n for n in by_name if len(n) >= MIN_PREFIX and n in wanted]  # 「失敗談の質問」
    guesses = list(dict.fromkeys(by_name[n].id for n in near))[:3]
    # a role is typed by its short id: the guess is what to type
    shown = ", ".join(
        short_id(c) if role else _label(c, role) for c in candidates if c.id in guesses
    )
    hint = f"もしかして: {shown}。" if guesses else ""
    if guesses and not role:
        # thirteen categories and ten roles would drown the guess: the list is one command away
        raise CoachError(f"不明な{what}です: '{typed}'。{hint}一覧は coach banks で表示できます")
    # the general categories by id; the role banks would double the line (coach banks lists them)
    general = [c for c in candidates if role or c.kind != "role"]
    valid = ", ".join(_label(c, role) for c in general) or "なし"
    more = (
        "（職種別の深掘りは coach banks で一覧できます）" if len(general) < len(candidates) else ""
    )
    raise CoachError(f"不明な{what}です: '{typed}'。{hint}使える{what}: {valid}{more}")
