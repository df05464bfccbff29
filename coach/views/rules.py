"""The rule screens: `coach rules` (the table) and `coach rules explain CODE`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import (
    FAMILY_JA,
    LEVEL_JA,
)
from coach.views.common import (
    LEVEL_MARK,
)

if TYPE_CHECKING:
    from coach.analysis.rules import Rule

from coach.views.markdown import applies


def rules_table(registry: Mapping[str, Rule]) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, title="ルール一覧", title_justify="left")
    table.add_column("コード", style="cyan", no_wrap=True)
    table.add_column("名前", no_wrap=True)
    table.add_column("内容", overflow="fold")
    table.add_column("レベル", no_wrap=True)
    table.add_column("減点", justify="right", no_wrap=True)
    table.add_column("対象", overflow="fold")
    family = ""
    for r in registry.values():
        if r.family != family:
            family = r.family
            table.add_section()
            table.add_row(Text(family, style="bold"), Text(FAMILY_JA[family], style="bold"))
        mark, style = LEVEL_MARK[r.level]
        table.add_row(
            r.code,
            r.name,
            r.title,
            Text(f"{mark} {LEVEL_JA[r.level]}", style=style),
            str(r.penalty) if r.penalty else "—",
            applies(r),
        )
    table.caption = "詳しい説明: coach rules explain CODE"
    table.caption_justify = "left"
    return table


def rule_detail(rule: Rule) -> RenderableType:
    mark, style = LEVEL_MARK[rule.level]
    return Group(
        Text.assemble(
            (f"{rule.code} {rule.name}", "bold cyan"),
            f"  {rule.title}  ",
            (f"{mark} {LEVEL_JA[rule.level]}", style),
            f"  系統: {FAMILY_JA[rule.family]}  対象: {applies(rule)}",
            f"  減点: {rule.penalty}" if rule.penalty else "",
        ),
        Text(""),
        Text("何を見るか", style="bold underline"),
        Text(rule.summary),
        Text(""),
        Text("二次面接の面接官が気にする理由", style="bold underline"),
        Text(rule.rationale),
        Text(""),
        Text("直し方", style="bold underline"),
        Text(rule.fix + "。"),
        Text(""),
        Text.assemble(("✗ 指摘される例  ", "bold red"), rule.bad),
        Text.assemble(("✓ 代わりに      ", "bold green"), rule.good),
    )
