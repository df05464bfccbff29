"""Rich views. Everything a user or a bank wrote is wrapped in ``Text`` so that markup such as
``[red]`` or escape sequences in it are shown literally, never interpreted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import ELEMENT_JA, STRUCTURE_JA

if TYPE_CHECKING:
    from coach.analysis.model import Analysis, Finding
    from coach.analysis.rules import Rule
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


# --- feedback on one answer -----------------------------------------------------------------

ROLE_STYLE = {
    "conclusion": "bold white on blue",
    "reason": "black on cyan",
    "example": "black on green",
    "action": "black on yellow",
    "result": "black on magenta",
    "ingenuity": "white on dark_orange3",
}
LEVEL_MARK = {"error": ("✖", "bold red"), "warning": ("▲", "yellow"), "info": ("●", "cyan")}


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
        table.add_row(str(s.index + 1), literal(s.text), role_badges(s.roles))
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


def timing_line(analysis: Analysis, elapsed: float | None = None, limit: int | None = None) -> Text:
    seconds = analysis.speaking_seconds
    if seconds < 30:
        judgement, style = "短め", "yellow"
    elif seconds <= 90:
        judgement, style = "ちょうどよい長さ", "green"
    else:
        judgement, style = "長め", "yellow"
    out = Text.assemble(
        ("スコア ", "bold"),
        (f"{analysis.score}", "bold " + score_style(analysis.score)),
        " / 100   ",
        f"{analysis.chars}字・話すと約{seconds}秒（目安60秒: ",
        (judgement, style),
        "）",
    )
    if elapsed is not None:
        out.append(f"   回答時間 {format_duration(elapsed)}")
        if limit is not None and elapsed > limit:
            out.append(f"（制限 {format_duration(limit)} を超過）", style="bold red")
    return out


def score_style(score: int) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}分{seconds % 60:02d}秒" if seconds >= 60 else f"{seconds}秒"


def findings_view(findings: Sequence[Finding], limit: int = 3) -> RenderableType:
    if not findings:
        return Text("指摘はありません。この型を本番でも再現しましょう。", style="green")
    lines = []
    for f in list(findings)[:limit]:
        mark, style = LEVEL_MARK[f.level]
        flag = Text(" レッドフラグ ", style="bold white on red") if f.family == "R" else Text("")
        lines.append(
            Text.assemble(
                (f"{mark} ", style),
                (f"[{f.code}] {f.title}", "bold " + style),
                " ",
                flag,
                "\n   ",
                literal(f.message),
            )
        )
    rest = len(findings) - limit
    if rest > 0:
        lines.append(Text(f"ほか{rest}件（coach rules explain CODE で詳しい説明）", style="dim"))
    return Group(*lines)


def feedback(
    analysis: Analysis,
    *,
    before: Analysis | None = None,
    elapsed: float | None = None,
    limit: int | None = None,
    all_findings: bool = False,
) -> RenderableType:
    parts: list[RenderableType] = [structure_map(analysis)]
    if analysis.expects:
        parts.append(Text.assemble(("チェック  ", "bold"), checklist(analysis, before)))
    parts.append(timing_line(analysis, elapsed, limit))
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
            "・".join(ELEMENT_JA[e] for e in a.missing) or "—",
            " ".join(f.code for f in a.findings) or "—",
        )
    return table


# --- rules ------------------------------------------------------------------------------------

STRUCTURE_SHORT = {"prep": "PREP", "ari": "行動結果工夫", "both": "両方", "reverse": "逆質問"}
LEVEL_JA = {"error": "重大", "warning": "注意", "info": "助言"}


def _applies(rule: Rule) -> str:
    if rule.structures >= {"prep", "ari", "both", "reverse"}:
        text = "すべて"
    elif rule.structures == {"reverse"}:
        text = "逆質問"
    elif rule.structures >= {"prep", "ari", "both"}:
        text = "回答すべて"
    elif rule.structures == {"prep", "both"}:
        text = "結論→理由→具体例"
    elif rule.structures == {"ari", "both"}:
        text = "行動・結果・工夫"
    else:
        text = "・".join(STRUCTURE_SHORT[s] for s in sorted(rule.structures))
    if rule.needs:
        text += "（" + {"profile": "プロフィール", "company": "企業プロフィール"}[rule.needs] + "あり）"
    return text


def rules_table(registry: Mapping[str, Rule]) -> RenderableType:
    from coach.analysis.rules import FAMILIES

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
            table.add_row(Text(family, style="bold"), Text(FAMILIES[family], style="bold"))
        mark, style = LEVEL_MARK[r.level]
        table.add_row(
            r.code,
            r.name,
            r.title,
            Text(f"{mark} {LEVEL_JA[r.level]}", style=style),
            str(r.penalty) if r.penalty else "—",
            _applies(r),
        )
    table.caption = "詳しい説明: coach rules explain CODE"
    table.caption_justify = "left"
    return table


def rule_detail(rule: Rule) -> RenderableType:
    from coach.analysis.rules import FAMILIES

    mark, style = LEVEL_MARK[rule.level]
    return Group(
        Text.assemble(
            (f"{rule.code} {rule.name}", "bold cyan"),
            f"  {rule.title}  ",
            (f"{mark} {LEVEL_JA[rule.level]}", style),
            f"  系統: {FAMILIES[rule.family]}  対象: {_applies(rule)}",
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


def rules_markdown(registry: Mapping[str, Rule]) -> str:
    """docs/rules.md, generated from the registry (a test keeps the file in sync)."""
    from coach.analysis.rules import FAMILIES

    lines = [
        "# ルール一覧 (rules)",
        "",
        "<!-- generated by `coach rules --markdown > docs/rules.md`; do not edit by hand -->",
        "",
        "| コード | 名前 | 内容 | レベル | 減点 | 対象 |",
        "|---|---|---|---|---|---|",
    ]
    for r in registry.values():
        lines.append(
            f"| {r.code} | `{r.name}` | {r.title} | {LEVEL_JA[r.level]} | "
            f"{r.penalty or '—'} | {_applies(r)} |"
        )
    family = ""
    for r in registry.values():
        if r.family != family:
            family = r.family
            lines += ["", f"## {family}: {FAMILIES[family]}"]
        lines += [
            "",
            f"### {r.code} `{r.name}` — {r.title}",
            "",
            f"- レベル: {LEVEL_JA[r.level]}（{r.level}） / 減点: {r.penalty} / 対象: {_applies(r)}",
            "",
            f"**何を見るか** {r.summary}",
            "",
            f"**面接官が気にする理由** {r.rationale}",
            "",
            f"**直し方** {r.fix}。",
            "",
            f"- ✗ {r.bad}",
            f"- ✓ {r.good}",
        ]
    return "\n".join(lines) + "\n"
