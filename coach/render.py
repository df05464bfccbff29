"""Rich views. Everything a user or a bank wrote is wrapped in ``Text`` so that markup such as
``[red]`` or escape sequences in it are shown literally, never interpreted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coach.domain import ELEMENT_JA, STRUCTURE_JA, missing_names

if TYPE_CHECKING:
    from coach.analysis.model import Analysis, Finding
    from coach.analysis.rules import Rule
    from coach.banks import Catalog, Category, Question
    from coach.notebook import Attempt, SessionRow
    from coach.schedule import Due
    from coach.session import QuestionShown, Summary
    from coach.stats import Stats


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
        # both structures on two lines: a narrow column would split a word of the second
        structure = STRUCTURE_JA[cat.structure].replace(" ＋ ", " ＋\n")
        table.add_row(literal(cat.id), literal(cat.name), structure, str(count))
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
FINISH_HINT = (
    "回答を入力：空行（Enterを2回）かCtrl-Dで確定。何も書かずにCtrl-Dで練習を終了、"
    "Ctrl-Cで中断（入力中の内容も保存されます）"
)
FINISH_HINT_FOLLOW_UP = "追加質問に答えて確定（何も書かずに Enter で深掘りを終えます）"
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


def timing_line(
    analysis: Analysis,
    elapsed: float | None = None,
    limit: int | None = None,
    target: int | None = None,
) -> Text:
    """Score, length and speaking time against the target (one minute unless the question asks
    for another length: half to one and a half times the target is right)."""
    seconds = analysis.speaking_seconds
    target = target or 60
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
            out.append(f"（制限 {format_duration(limit)} を超過）", style="bold red")
    return out


def score_style(score: int) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}分{seconds % 60:02d}秒" if seconds >= 60 else f"{seconds}秒"


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
        lines.append(Padding(literal(f.message), (0, 0, 0, 3)))
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
    previous: Attempt | None = None,
    target: int | None = None,
) -> RenderableType:
    parts: list[RenderableType] = [structure_map(analysis)]
    if analysis.expects:
        title = "追加質問のあと  " if before is not None else "チェック  "
        parts.append(Text.assemble((title, "bold"), checklist(analysis, before)))
    parts.append(timing_line(analysis, elapsed, limit, target))
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
        needs = {"profile": "一次面接の記録", "axis": "キャリアの軸", "company": "企業プロフィール"}
        text += "（" + needs[rule.needs] + "があるとき）"
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


# --- practice session -------------------------------------------------------------------------


def question_panel(event: QuestionShown) -> RenderableType:
    from rich.panel import Panel

    q = event.question
    body: list[RenderableType] = [literal(q.text, "bold")]
    if event.hints:
        body.append(Text(""))
        body.append(Text.assemble(("面接官の意図  ", "bold cyan"), literal(q.intent)))
        expects = "・".join(ELEMENT_JA[e] for e in event.expects) or "入社後の仕事についての質問"
        body.append(Text.assemble(("求める要素    ", "bold cyan"), expects))
        for tip in q.tips:
            body.append(Text.assemble(("ヒント        ", "bold cyan"), literal(tip)))
    if event.previous is not None and event.previous.score is not None:
        body.append(Text(""))
        body.append(previous_line(event.previous))
    if event.timer:
        body.append(
            Text(
                f"目安時間: {format_duration(event.timer)}（超えても入力は続けられます）",
                style="dim",
            )
        )
    title = f"{event.category.name}  {event.number}/{event.total}"
    if event.retry:
        title += "  （やり直し）"
    return Panel(Group(*body), title=literal(title), title_align="left", border_style="blue")


def previous_line(previous: Attempt) -> Text:
    labels = previous.labels
    have = [
        ELEMENT_JA[e]
        for e in ELEMENT_JA
        if labels.get("conclusion_first" if e == "conclusion" else e)
    ]
    when = previous.created_at[:10]
    return Text.assemble(
        ("前回 ", "bold"),
        f"{when}  {previous.score}点  ",
        ("あった要素: ", "dim"),
        "・".join(have) or "なし",
        style="magenta",
    )


def follow_up_panel(text: str, element: str | None) -> RenderableType:
    from rich.panel import Panel

    about = f"（{ELEMENT_JA[element]}についての深掘り）" if element in ELEMENT_JA else ""
    return Panel(
        literal(text, "bold"),
        title=f"面接官の追加質問{about}",
        title_align="left",
        border_style="yellow",
    )


def model_answer_panel(question: Question) -> RenderableType:
    from rich.panel import Panel

    if question.model_answer:
        body: RenderableType = literal(question.model_answer)
        title = "模範回答"
    else:
        body = Group(*(literal("・" + tip) for tip in question.tips))
        title = "答え方のヒント（この質問には模範回答がありません）"
    return Panel(body, title=title, title_align="left", border_style="green")


def retry_comparison(before: Analysis, after: Analysis) -> Text:
    delta = after.score - before.score
    sign = "+" if delta > 0 else ""
    gained = [ELEMENT_JA[e] for e in after.expects if after.present(e) and not before.present(e)]
    lost = [ELEMENT_JA[e] for e in after.expects if before.present(e) and not after.present(e)]
    out = Text.assemble(
        ("やり直しの比較  ", "bold"),
        f"{before.score} → ",
        (str(after.score), "bold " + score_style(after.score)),
        (f"（{sign}{delta}）", "green" if delta > 0 else "red" if delta < 0 else "dim"),
    )
    if gained:
        out.append(f"  増えた要素: {'・'.join(gained)}", style="green")
    if lost:
        out.append(f"  消えた要素: {'・'.join(lost)}", style="red")
    if not gained and not lost:
        out.append("  要素の増減はありません", style="dim")
    return out


def summary_view(summary: Summary) -> RenderableType:
    table = Table(title="練習のまとめ", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("#", justify="right", style="dim")
    table.add_column("質問", overflow="fold", ratio=3)
    table.add_column("スコア", justify="right", no_wrap=True)
    table.add_column("足りない要素", overflow="fold", ratio=1)
    table.add_column("レッドフラグ・重大な指摘", overflow="fold", ratio=1)
    for i, result in enumerate(summary.results, start=1):
        final = result.final
        if final is None:
            table.add_row(str(i), literal(result.question.text), "—", "（未回答）", "")
            continue
        scores = " → ".join(str(a.score) for a in result.analyses)
        missing = missing_names(final.missing, final.labels)
        serious = [f.title for f in final.findings if f.family == "R" or f.level == "error"]
        table.add_row(
            str(i),
            literal(result.question.text),
            Text(scores, style=score_style(final.score)),
            "・".join(missing) or "なし",
            Text("、".join(serious) or "なし", style="red" if serious else ""),
        )
    parts: list[RenderableType] = [table]
    average = summary.average
    if average is not None:
        parts.append(
            Text.assemble(("平均スコア ", "bold"), (f"{average:.0f}", score_style(round(average))))
        )
    parts.append(Text.assemble(("次の練習  ", "bold"), summary.suggestion()))
    if summary.ended_early and not summary.interrupted:
        parts.append(
            Text(
                f"途中で終了しました（{summary.planned}問中{len(summary.answered)}問に回答）。",
                style="yellow",
            )
        )
    if summary.interrupted:
        note = "中断しました。"
        if summary.saved_partial:
            note += "入力途中の回答も面接ノートに保存しました。"
        parts.append(Text(note, style="yellow"))
    if summary.notebook_path:
        parts.append(
            Text(f"保存先: {summary.notebook_path}（coach history で振り返れます）", style="dim")
        )
    return Group(*parts)


# --- notebook views ---------------------------------------------------------------------------

KIND_JA = {"practice": "練習", "mock": "模擬面接", "real": "本番"}
STATUS_JA = {"open": "記録中", "finished": "完了", "interrupted": "中断"}


def local_time(stamp: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def history_view(
    sessions: Sequence[SessionRow], attempts: Sequence[Attempt], names: Mapping[str, str]
) -> RenderableType:
    if not sessions and not attempts:
        return Text("まだ記録がありません。coach practice で練習を始めましょう。")
    st = Table(title="最近のセッション", box=box.SIMPLE_HEAD, title_justify="left")
    st.add_column("セッション", justify="right", style="cyan")
    st.add_column("日時", no_wrap=True)
    st.add_column("種類", no_wrap=True)
    st.add_column("カテゴリ / 会社", overflow="fold")
    st.add_column("回答", justify="right")
    st.add_column("平均", justify="right")
    st.add_column("状態", no_wrap=True)
    for s in sessions:
        where = s.company or names.get(s.category or "", s.category or "—")
        if s.round:
            where += f"（{s.round}）"
        st.add_row(
            str(s.id),
            local_time(s.started_at),
            KIND_JA.get(s.kind, s.kind),
            literal(where),
            str(s.attempts),
            f"{s.average:.0f}" if s.average is not None else "—",
            STATUS_JA.get(s.status, s.status),
        )
    at = Table(
        title="最近の回答（coach show ID で詳しく）", box=box.SIMPLE_HEAD, title_justify="left"
    )
    at.add_column("ID", justify="right", style="cyan")
    at.add_column("日時", no_wrap=True)
    at.add_column("質問", overflow="fold", ratio=3)
    at.add_column("スコア", justify="right")
    at.add_column("足りない要素", overflow="fold", ratio=1)
    for a in attempts:
        score = Text(str(a.score), style=score_style(a.score)) if a.score is not None else Text("—")
        missing = "・".join(missing_names(a.missing, a.labels)) or (
            "なし" if a.score is not None else ""
        )
        mark = "【本番】" if a.real else "（中断）" if a.status == "interrupted" else ""
        at.add_row(str(a.id), local_time(a.created_at), literal(mark + a.question), score, missing)
    return Group(st, at)


def attempt_view(a: Attempt, name: str) -> RenderableType:
    from rich.panel import Panel

    from coach.analysis.model import Analysis

    head = Text.assemble(
        (f"回答 #{a.id}", "bold cyan"),
        f"  {local_time(a.created_at)}  {name}  {a.attempt_no}回目",
        ("  【本番】" if a.real else "", "bold magenta"),
        (f"  回答時間 {format_duration(a.duration_s)}" if a.duration_s else "", "dim"),
    )
    parts: list[RenderableType] = [
        head,
        Panel(literal(a.question, "bold"), title="質問", title_align="left", border_style="blue"),
        Panel(literal(a.answer), title="あなたの回答", title_align="left"),
    ]
    for q, ans, _element in a.follow_ups:
        parts.append(follow_up_panel(q, _element))
        parts.append(Panel(literal(ans), title="追加質問への回答", title_align="left"))
    if a.analysis is not None:
        parts.append(feedback(Analysis.from_json(a.analysis), all_findings=True))
    elif a.status == "interrupted":
        parts.append(Text("入力の途中で中断された回答です（分析はしていません）。", style="yellow"))
    return Group(*parts)


def stats_view(stats: Stats, names: Mapping[str, str]) -> RenderableType:
    from coach.stats import sparkline

    if stats.total == 0:
        return Text("まだ採点された回答がありません。coach practice で練習を始めましょう。")
    ct = Table(title="カテゴリ別（平均の低い順）", box=box.SIMPLE_HEAD, title_justify="left")
    ct.add_column("カテゴリ", no_wrap=True)
    ct.add_column("回答数", justify="right")
    ct.add_column("平均", justify="right")
    ct.add_column("ベスト", justify="right")
    ct.add_column("推移", no_wrap=True)
    ct.add_column("変化", justify="right")
    ct.caption = "推移は古→新の点数、変化は推移の後半と前半の平均の差"
    ct.caption_justify = "left"
    for c in stats.categories:
        change = c.change
        ct.add_row(
            literal(names.get(c.id, c.id)),
            str(c.attempts),
            Text(f"{c.average:.0f}", style=score_style(round(c.average))),
            str(c.best),
            Text(sparkline(c.trend), style="cyan"),
            Text(
                f"{change:+.0f}" if len(c.trend) >= 2 else "—",
                style="green" if change > 0 else "red" if change < 0 else "dim",
            ),
        )
    et = Table(
        title="要素ごとの出現率（求められた回答のうち）", box=box.SIMPLE_HEAD, title_justify="left"
    )
    et.add_column("要素", no_wrap=True)
    et.add_column("出現率", justify="right")
    et.add_column("", no_wrap=True)
    for element, (present, expected) in stats.elements.items():
        rate = present / expected
        bar = "█" * round(rate * 20) + "░" * (20 - round(rate * 20))
        et.add_row(
            ELEMENT_JA[element],
            f"{rate:.0%}（{present}/{expected}）",
            Text(bar, style=score_style(round(rate * 100))),
        )
    parts: list[RenderableType] = [
        Text(f"採点済みの回答 {stats.total}件（うち本番 {stats.real}件）", style="bold"),
        ct,
        et,
    ]
    if stats.red_flags:
        from coach.analysis import rules

        registry = rules.load_all()
        flags = "、".join(
            f"{registry[code].title if code in registry else code}（{code}）×{n}"
            for code, n in stats.red_flags[:5]
        )
        parts.append(Text.assemble(("よく出るレッドフラグ  ", "bold red"), flags))
    weakest = []
    if stats.weakest_category:
        weakest.append(
            f"いちばん伸びしろのあるカテゴリ: {names.get(stats.weakest_category, stats.weakest_category)}"
        )
    if stats.weakest_element:
        weakest.append(f"いちばん抜けやすい要素: {ELEMENT_JA[stats.weakest_element]}")
    if weakest:
        parts.append(Text(" ／ ".join(weakest), style="bold"))
    parts.append(
        Text.assemble(("次に実行するコマンド  ", "bold"), (stats.next_command, "bold cyan"))
    )
    return Group(*parts)


def due_view(due: Sequence[Due], upcoming: Sequence[Due], catalog: Catalog) -> RenderableType:
    from coach.schedule import RATING_JA

    if not due and not upcoming:
        return Text("復習の予定はまだありません。練習すると、質問ごとに次の復習日が決まります。")
    parts: list[RenderableType] = []
    if due:
        table = Table(title="復習の時期が来た質問", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("カテゴリ", no_wrap=True)
        table.add_column("質問", overflow="fold")
        table.add_column("前回の評価", no_wrap=True)
        table.add_column("予定日", no_wrap=True)
        for d in due:
            cat = catalog.categories.get(d.category)
            try:
                text = catalog.question(d.question_id).text
            except Exception:
                text = d.question_id
            table.add_row(
                cat.name if cat else d.category,
                literal(text),
                RATING_JA.get(d.last_rating or 0, "—"),
                d.due.astimezone().strftime("%m/%d %H:%M"),
            )
        parts.append(table)
        cats = sorted({d.category for d in due})
        parts.append(
            Text.assemble(
                ("次に実行するコマンド  ", "bold"),
                (f"coach practice -c {cats[0]} --due", "bold cyan"),
            )
        )
    else:
        nxt = min(upcoming, key=lambda d: d.due)
        name = catalog.categories[nxt.category].name if nxt.category in catalog.categories else ""
        parts.append(
            Text(
                "いま復習する質問はありません。次の復習は "
                f"{nxt.due.astimezone().strftime('%Y-%m-%d %H:%M')}"
                + (f"（{name}）" if name else "")
                + " です。"
            )
        )
    return Group(*parts)


def suggestions_panel(company: str, questions: Sequence[str]) -> RenderableType:
    from rich.panel import Panel

    body = Group(*(literal(f"・{q}") for q in questions))
    return Panel(
        body,
        title=f"{company}の企業プロフィールから作った逆質問の例",
        title_align="left",
        border_style="green",
    )


def profile_view(profile: Any) -> RenderableType:
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


def company_view(company: Any) -> RenderableType:
    from coach.second import suggested_questions

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


def mock_report_view(report: Any) -> RenderableType:
    from rich.panel import Panel

    table = Table(title="評価軸", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("軸", no_wrap=True)
    table.add_column("評価", justify="center", no_wrap=True)
    table.add_column("根拠となる文", overflow="fold")
    colors = {"A": "bold green", "B": "green", "C": "yellow", "D": "bold red", "—": "dim"}
    for a in report.axes:
        table.add_row(a.axis, Text(a.shown, style=colors.get(a.grade, "")), literal(a.evidence))
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
    weak = [a for a in report.axes if a.grade in ("C", "D", "—")]
    for a in weak:
        parts.append(Text.assemble((f"▲ {a.axis}: ", "yellow"), a.advice))
    return Group(*parts)
