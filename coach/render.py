"""Rich views. Everything a user or a bank wrote is wrapped in ``Text`` so that markup such as
``[red]`` or escape sequences in it are shown literally, never interpreted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import ELEMENT_JA, STRUCTURE_JA

if TYPE_CHECKING:
    from coach.banks import Catalog, Category


def literal(text: str, style: str = "") -> Text:
    """User or bank text, shown exactly as written (control characters made visible)."""
    return Text(_visible(text), style=style)


def _visible(text: str) -> str:
    # Escape sequences and other control characters would drive the terminal; show them.
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"^{chr(code + 64) if code < 0x20 else '?'}")
        elif 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    return "".join(out)


def paragraph(text: str) -> str:
    """Join a bank paragraph's soft line breaks (Japanese needs no space between lines)."""
    return "".join(line.strip() for line in text.splitlines())


def categories_table(catalog: Catalog) -> Table:
    table = Table(title="質問バンク", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("カテゴリ", no_wrap=True)
    table.add_column("回答の型", overflow="fold")
    table.add_column("質問数", justify="right")
    total = 0
    for cat in catalog.ordered():
        count = len(catalog.questions_of(cat.id))
        total += count
        table.add_row(literal(cat.id), literal(cat.name), STRUCTURE_JA[cat.structure], str(count))
    table.caption = f"{len(catalog.categories)}カテゴリ・{total}問"
    table.caption_justify = "left"
    return table


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
