"""The profile screens: `coach profile show` and `coach company show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.views.common import (
    literal,
)

if TYPE_CHECKING:
    from coach.profile import Company, Profile

from coach.views.session import suggestions_panel


def profile_view(profile: Profile) -> RenderableType:
    from rich.panel import Panel

    parts: list[RenderableType] = []
    answers = profile.round_one.answers()
    if answers:
        for title, text in answers:
            parts.append(Panel(literal(text), title=f"一次面接: {title}", title_align="left"))
    else:
        parts.append(Text("一次面接の回答はまだ記録されていません。", style="dim"))
    axis = profile.career_axis
    parts.append(
        Text.assemble(
            ("キャリアの軸  ", "bold"),
            literal(axis.statement or "（未記入）"),
            ("  キーワード: ", "dim"),
            literal("・".join(axis.keywords) or "（なし）"),
        )
    )
    return Group(*parts)


def company_view(company: Company) -> RenderableType:
    from coach.profile import suggested_questions

    table = Table(
        box=box.SIMPLE_HEAD,
        show_header=False,
        title=f"企業プロフィール: {company.name}",
        title_justify="left",
    )
    table.add_column("項目", style="cyan", no_wrap=True)
    table.add_column("内容", overflow="fold")
    rows = [
        ("事業内容", company.business),
        ("課題・計画", "／".join(company.issues)),
        ("理念・価値観", "／".join(company.values)),
        ("職種", company.role),
        ("配属チーム", company.team),
        ("キーワード", "・".join(company.key_terms)),
        ("聞いたこと", "／".join(company.known_answers)),
    ]
    for key, value in rows:
        table.add_row(key, literal(value or "（未記入）"))
    return Group(table, suggestions_panel(company.name, suggested_questions(company)))
