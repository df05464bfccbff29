"""The mock interview report, as the terminal shows it (Markdown: coach.views.markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.views.common import (
    literal,
)
from coach.views.kinsoku import phrased

if TYPE_CHECKING:
    from coach.mock import MockReport
    from coach.session import Summary


def answers_view(summary: Summary) -> RenderableType:
    """本番モード's feedback, given at the end: each question, then its answer's feedback."""
    from coach.views.feedback import feedback

    parts: list[RenderableType] = [Text("面接の講評（質問ごと）", style="bold")]
    for number, result in enumerate(summary.results, start=1):
        parts.append(Text(""))
        parts.append(literal(f"■ {number}. {result.category.name}: {result.question.text}", "bold"))
        if result.final is None:
            parts.append(Text("（未回答）", style="dim"))
            continue
        parts.append(feedback(result.final))
    return Group(*parts)


def mock_report_view(report: MockReport) -> RenderableType:
    from rich.panel import Panel

    table = Table(title="評価軸", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("軸", no_wrap=True)
    table.add_column("評価", justify="center", no_wrap=True)
    table.add_column("根拠となる文", overflow="fold")
    colors = {"A": "bold green", "B": "green", "C": "yellow", "D": "bold red", "—": "dim"}
    for a in report.axes:
        evidence = phrased(literal(a.evidence))
        table.add_row(a.axis, Text(a.shown, style=colors.get(a.grade, "")), evidence)
    parts: list[RenderableType] = [
        Text.assemble(
            ("模擬二次面接のレポート", "bold"),
            "  " + "  ".join(report.facts()),
        ),
        table,
    ]
    if report.tendencies:
        for t in report.tendencies:
            parts.append(
                Panel(
                    Group(
                        Text(t.trait),
                        Text.assemble(("見えたサイン: ", "dim"), "、".join(t.signs)),
                        Text.assemble(("変えること: ", "bold"), t.change),
                    ),
                    title=f"心理的な傾向: {t.name}",
                    title_align="left",
                    border_style="red",
                )
            )
    else:
        parts.append(
            Text(
                "目立った心理的な傾向（安心型・防衛型・他責型・過剰適応型・完璧主義型）はありません。",
                style="green",
            )
        )
    for a in (a for a in report.axes if a.needs_work):
        parts.append(Text.assemble((f"▲ {a.axis}: ", "yellow"), a.advice))
    return Group(*parts)
