"""Role banks (職種別の深掘り): categories with ``kind: role``, found by a short id or Japanese name.

A role is a category like any other (``coach practice -c role-sales`` works), but people name it
the way they name their job: ``sales``, ``営業`` or ``営業職``. Here: the lookup and the mix of a
role's questions into a practice or a mock. Values only; the CLI prints.
"""

from __future__ import annotations

import unicodedata
from difflib import get_close_matches

from coach.banks import Catalog, Category, Question
from coach.errors import CoachError

PREFIX = "role-"


def roles(catalog: Catalog) -> list[Category]:
    return [c for c in catalog.ordered() if c.kind == "role"]


def short_id(cat: Category) -> str:
    return cat.id.removeprefix(PREFIX)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _names(cat: Category) -> set[str]:
    """What a user may type: both ids, the name, and the name without 「の深掘り」 and 「職」."""
    name = _fold(cat.name).removesuffix("の深掘り")
    return {_fold(cat.id), _fold(short_id(cat)), _fold(cat.name), name, name.removesuffix("職")}


def find_role(catalog: Catalog, name_or_id: str) -> Category:
    """The role bank for ``name_or_id``; unknown → one line with the valid ids and a guess."""
    wanted = _fold(name_or_id)
    available = roles(catalog)
    for cat in available:
        if wanted in _names(cat):
            return cat
    by_name = {n: c for c in available for n in _names(c)}
    near = get_close_matches(wanted, list(by_name), n=1, cutoff=0.6)
    hint = f"もしかして: {short_id(by_name[near[0]])}。" if near else ""
    valid = ", ".join(f"{short_id(c)}（{c.name}）" for c in available) or "なし"
    raise CoachError(f"不明な職種です: '{name_or_id}'。{hint}使える職種: {valid}")


def mix(general: list[Question], role: list[Question], n: int) -> list[Question]:
    """n questions alternating general and role ones (the general first), no repeats; when one
    side runs out the other fills the rest. The order within each side is kept."""
    out: list[Question] = []
    sides = [list(general), list(role)]
    turn = 0
    while len(out) < n and any(sides):
        side = sides[turn % 2] or sides[(turn + 1) % 2]
        out.append(side.pop(0))
        turn += 1
    return out
