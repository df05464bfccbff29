"""The bank screens: `coach banks` (the categories) and `coach questions` (one category)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import (
    ELEMENT_JA,
    STRUCTURE_JA,
)
from coach.views.common import (
    literal,
    paragraph,
)

if TYPE_CHECKING:
    from coach.banks import Catalog, Category


def categories_table(catalog: Catalog) -> RenderableType:
    """The general categories, then the role banks in a table of their own (--role takes them)."""
    general = [c for c in catalog.ordered() if c.kind != "role"]
    roles = [c for c in catalog.ordered() if c.kind == "role"]
    table = Table(title="質問バンク", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("カテゴリ / 短い名前", overflow="fold")
    table.add_column("回答の型", overflow="fold")
    table.add_column("質問数", justify="right")
    total = 0
    for cat in general:
        count = len(catalog.questions_of(cat.id))
        total += count
        # both structures on two lines: a narrow column would split a word of the second
        structure = STRUCTURE_JA[cat.structure].replace(" ＋ ", " ＋\n")
        table.add_row(literal(cat.id), _named(cat), structure, str(count))
    table.caption = f"{len(general)}カテゴリ・{total}問。{NAMES_HINT}"
    table.caption_justify = "left"
    if not roles:
        return table
    role_table = Table(
        title="職種別の深掘り（practice・mock の --role）",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    role_table.add_column("ID", style="cyan", no_wrap=True)
    role_table.add_column("職種 / 短い名前", overflow="fold")
    role_table.add_column("質問数", justify="right")
    role_total = 0
    for cat in roles:
        count = len(catalog.questions_of(cat.id))
        role_total += count
        role_table.add_row(literal(cat.id.removeprefix("role-")), _named(cat), str(count))
    role_table.caption = f"{len(roles)}職種・{role_total}問（合計{total + role_total}問）"
    role_table.caption_justify = "left"
    return Group(table, Text(), role_table)


NAMES_HINT = "-c・--role には ID、日本語名、その一部（「・」の前後）、短い名前も使えます"


def _named(cat: Category) -> Text:
    """The name, and under it (dim) the short names its bank defines (coach.category_names)."""
    from coach.views.kinsoku import phrased

    cell = literal(cat.name)
    if cat.aliases:
        cell.append("\n")
        cell.append_text(literal("、".join(cat.aliases), "dim"))
    return phrased(cell)  # a narrow column breaks between names, not inside one


def questions_view(catalog: Catalog, cat: Category) -> RenderableType:
    head = Text.assemble(
        (cat.name, "bold"),
        f"（{cat.id}）  回答の型: {STRUCTURE_JA[cat.structure]}\n",
        literal(paragraph(cat.description), "dim"),
    )
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False)
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("質問 / 面接官の意図", overflow="fold")
    table.add_column("模範", justify="center", no_wrap=True)
    for q in catalog.questions_of(cat.id):
        cell = Text.assemble(literal(q.text), "\n", literal("意図：" + q.intent, "dim"))
        table.add_row(q.id, cell, "○" if q.model_answer else "")
    expects = "・".join(ELEMENT_JA[e] for e in cat.expects) or "質問をすること"
    foot = Text(f"求める要素: {expects}", style="dim")
    return Group(head, table, foot)
