"""Feedback on one answer: the sentence map, the checklist, length and time, the findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coach.domain import (
    ELEMENT_JA,
    label_for,
    missing_names,
)
from coach.views.common import (
    LEVEL_MARK,
    format_duration,
    literal,
    score_style,
)
from coach.views.kinsoku import phrased

if TYPE_CHECKING:
    from coach.analysis.model import Analysis, Finding
    from coach.notebook import Attempt


ROLE_STYLE = {
    "conclusion": "bold white on blue",
    "reason": "black on cyan",
    "example": "black on green",
    "action": "black on yellow",
    "result": "black on magenta",
    "ingenuity": "white on dark_orange3",
}


def role_badges(roles: Sequence[str]) -> Text:
    out = Text()
    for role in roles:
        out.append(f" {ELEMENT_JA[role]} ", style=ROLE_STYLE.get(role, "reverse"))
        out.append(" ")
    return out


def structure_map(analysis: Analysis) -> Table:
    table = Table(box=box.SIMPLE, show_header=True, expand=False, pad_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("文", overflow="fold", ratio=3)
    table.add_column("役割", overflow="fold", ratio=1)
    for s in analysis.sentences:
        table.add_row(str(s.index + 1), phrased(literal(s.text)), role_badges(s.roles))
    return table


def checklist(analysis: Analysis, before: Analysis | None = None) -> Text:
    out = Text()
    if not analysis.expects:
        return out
    for element in analysis.expects:
        ok = analysis.present(element)
        mark, style = ("✓", "green") if ok else ("✗", "red")
        out.append(f"{mark} {ELEMENT_JA[element]}", style=style)
        if before is not None and before.present(element) != ok:
            out.append("（追加）" if ok else "（消えた）", style="bold " + style)
        out.append("  ")
    return out


def timing_line(
    analysis: Analysis,
    elapsed: float | None = None,
    limit: int | None = None,
    target: int | None = None,
) -> Text:
    """Score, length and speaking time against the target (one minute unless the question asks
    for another length: half to one and a half times the target is right)."""
    seconds = analysis.speaking_seconds
    target = target or analysis.extras.get("target_seconds") or 60
    if seconds < target / 2:
        judgement, style = "短め", "yellow"
    elif seconds <= target * 1.5:
        judgement, style = "ちょうどよい長さ", "green"
    else:
        judgement, style = "長め", "yellow"
    out = Text.assemble(
        ("スコア ", "bold"),
        (f"{analysis.score}", "bold " + score_style(analysis.score)),
        " / 100   ",
        f"{analysis.chars}字・話すと約{seconds}秒（目安{target}秒: ",
        (judgement, style),
        "）",
    )
    if elapsed is not None:
        out.append(f"   回答時間 {format_duration(elapsed)}")
        if limit is not None and elapsed > limit:
            out.append(f"（目安 {format_duration(limit)} を超過）", style="bold red")
    return out


_CAP_JA = {
    "off_topic": "質問に答えていない",
    "error": "重大な指摘あり",
    "errors": "重大な指摘が複数",
    "red_flag": "レッドフラグあり",
}


def _element_ja(element: str) -> str:
    return ELEMENT_JA.get(element, "手順" if element == "steps" else element)


def _count(x: float) -> str:
    return f"{x:g}"


def score_lines(analysis: Analysis) -> list[Text]:
    """Why the score is what it is, in one line (「要素 5/7（理由・工夫なし）− 他責 20 → 上限 70」),
    and the elements the checker was unsure of. Nothing for a score read back from the notebook
    (its breakdown is not stored)."""
    detail = analysis.extras.get("score")
    if detail is None:
        return []
    parts: list[str] = []
    asked = [c for c in detail.credits if c.demanded]
    if asked:
        earned = sum(c.earned for c in asked)
        missing = [_element_ja(c.element) for c in asked if c.why == "missing"]
        empty = [_element_ja(c.element) for c in asked if c.why == "empty"]
        notes = []
        if missing:
            notes.append("・".join(missing) + "なし")
        if empty:
            notes.append("・".join(empty) + "は中身なし")
        note = f"（{'、'.join(notes)}）" if notes else ""
        parts.append(f"要素 {_count(earned)}/{len(asked)}{note}")
        extra = [_element_ja(c.element) for c in detail.credits if not c.demanded]
        if extra:
            parts.append(f"＋{'・'.join(extra)}")
    else:
        parts.append("逆質問は指摘で採点")
    for finding, points in detail.penalties:
        parts.append(f"− {finding.title} {points}")
    line = " ".join(parts)
    if detail.cap is not None:  # shown even when the sum is lower: the user sees the ceiling
        why = _CAP_JA.get(detail.cap_why, detail.cap_why)
        if detail.raw > detail.cap:
            line += f" → 上限 {detail.cap}（{why}）"
        else:  # the ceiling did not lower this score: said as a note, not as a step
            line += f"（上限 {detail.cap}: {why}。この点数は上限より下です）"
    if "rescued" in detail.extra:
        line += f" → 追加質問の前の回答（{detail.extra['rescued']}点）と平均して {detail.score}"
    out = [Text.assemble(("採点の内訳 ", "bold"), literal(line), style="dim")]
    if detail.uncertain:
        names = "・".join(_element_ja(e) for e in detail.uncertain)
        out.append(
            Text(
                f"判定が微妙な要素: {names}（半分として採点。はっきり言葉にすると確実です）",
                style="yellow",
            )
        )
    return out


def findings_view(findings: Sequence[Finding], limit: int = 3) -> RenderableType:
    if not findings:
        return Text("指摘はありません。この型を本番でも再現しましょう。", style="green")
    lines: list[RenderableType] = []
    for f in list(findings)[:limit]:
        mark, style = LEVEL_MARK[f.level]
        flag = Text(" レッドフラグ ", style="bold white on red") if f.family == "R" else Text("")
        lines.append(
            Text.assemble(
                (f"{mark} ", style), (f"[{f.code}] {f.title}", "bold " + style), " ", flag
            )
        )
        # the message keeps its indent when it wraps
        lines.append(Padding(phrased(literal(f.message)), (0, 0, 0, 3)))
    rest = list(findings)[limit:]
    if rest:
        # name what is hidden: a user should see that D406 (casual speech) is among them
        named = "、".join(f"{f.code} {f.title}" for f in rest)
        lines.append(
            Text(
                f"ほか{len(rest)}件: {named}"
                "（すべての指摘は coach show で、詳しい説明は coach rules explain CODE で見られます）",
                style="dim",
            )
        )
    return Group(*lines)


def feedback(
    analysis: Analysis,
    *,
    before: Analysis | None = None,
    elapsed: float | None = None,
    limit: int | None = None,
    all_findings: bool = False,
    previous: Attempt | None = None,
    target: int | None = None,
) -> RenderableType:
    parts: list[RenderableType] = [structure_map(analysis)]
    if analysis.expects:
        title = "追加質問のあと  " if before is not None else "チェック  "
        parts.append(Text.assemble((title, "bold"), checklist(analysis, before)))
    parts.append(timing_line(analysis, elapsed, limit, target))
    parts.extend(score_lines(analysis))
    if previous is not None and previous.score is not None:
        parts.append(previous_line(previous))
    flags = [f for f in analysis.findings if f.family == "R"]
    if flags:
        parts.append(
            Text.assemble(
                (" ⚠ レッドフラグ: ", "bold white on red"),
                " ",
                "、".join(f.title for f in flags),
            )
        )
    parts.append(Text("改善ポイント", style="bold underline"))
    parts.append(findings_view(analysis.findings, limit=99 if all_findings else 3))
    return Group(*parts)


def previous_line(previous: Attempt) -> Text:
    labels = previous.labels
    have = [ELEMENT_JA[e] for e in ELEMENT_JA if labels.get(label_for(e))]
    when = previous.created_at[:10]
    flags = "、".join(title for _code, title in previous.red_flags)
    return Text.assemble(
        ("前回 ", "bold"),
        f"{when}  {previous.score}点  ",
        ("あった要素: ", "dim"),
        "・".join(have) or "なし",
        ("  レッドフラグ: ", "dim"),
        (flags, "bold red") if flags else "なし",
        style="magenta",
    )


def batch_table(results: Sequence[tuple[str, Analysis]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("カテゴリ", no_wrap=True)
    table.add_column("スコア", justify="right")
    table.add_column("足りない要素", overflow="fold")
    table.add_column("指摘", overflow="fold")
    for item_id, a in results:
        table.add_row(
            literal(item_id),
            a.category,
            Text(str(a.score), style=score_style(a.score)),
            "・".join(missing_names(a.missing, a.labels)) or "—",
            " ".join(f.code for f in a.findings) or "—",
        )
    return table
