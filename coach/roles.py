"""Role banks (職種別の深掘り): categories with ``kind: role``, found by a short id or Japanese name.

A role is a category like any other (``coach practice -c role-sales`` works), but people name it
the way they name their job: ``sales``, ``営業`` or ``営業職``. Here: the lookup and the mix of a
role's questions into a practice or a mock. Values only; the CLI prints.
"""

from __future__ import annotations

from coach.banks import Catalog, Category, Question

PREFIX = "role-"


def roles(catalog: Catalog) -> list[Category]:
    return [c for c in catalog.ordered() if c.kind == "role"]


def short_id(cat: Category) -> str:
    return cat.id.removeprefix(PREFIX)


def find_role(catalog: Catalog, name_or_id: str) -> Category:
    """The role bank for ``name_or_id`` (its ids, name, short names or aliases: see
    coach.category_names); unknown → one line with a guess or the valid ids."""
    from coach.category_names import resolve

    return resolve(roles(catalog), name_or_id, what="職種")


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
