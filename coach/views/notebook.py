"""The notebook screens: `coach history`, `coach show`, `coach stats`, `coach due`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import (
    ELEMENT_JA,
    KIND_JA,
    RATING_JA,
    STATUS_JA,
    missing_names,
)
from coach.views.common import (
    format_duration,
    literal,
    local_time,
    score_style,
)

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Attempt, SessionRow
    from coach.notebook.manage import Match
    from coach.schedule import Due
    from coach.stats import Stats

from coach.views.feedback import feedback
from coach.views.session import follow_up_panel


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
        if a.score is not None:
            score = Text(str(a.score), style=score_style(a.score))
        else:  # stored but not analysed yet: the next start (or notebook recover) analyses it
            score = Text("未分析", style="yellow") if a.pending else Text("—")
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


def stats_view(stats: Stats, names: Mapping[str, str], filtered: bool = False) -> RenderableType:
    from coach.stats import sparkline

    if stats.total == 0 and stats.apart == 0:
        if filtered:  # answers may exist, just none in the period asked for
            return Text("指定した期間に採点された回答はありません（--since を外すと全期間です）。")
        return Text("まだ採点された回答がありません。coach practice で練習を始めましょう。")
    parts: list[RenderableType] = [
        Text(f"採点済みの回答 {stats.total}件（うち本番 {stats.real}件）", style="bold")
    ]
    apart = apart_line(stats)
    if apart is not None:
        parts.append(apart)
    if stats.total == 0:
        parts.append(Text("平均に入る回答はまだありません。", style="dim"))
        return Group(*parts)
    ct = Table(title="カテゴリ別（平均の低い順）", box=box.SIMPLE_HEAD, title_justify="left")
    ct.add_column("カテゴリ", no_wrap=True)
    ct.add_column("回答数", justify="right")
    ct.add_column("平均", justify="right")
    ct.add_column("ベスト", justify="right")
    ct.add_column("推移", no_wrap=True)
    ct.add_column("変化", justify="right", no_wrap=True)
    ct.caption = (
        "推移は古→新の点数。変化は同じ質問の初回→最新の差の平均"
        "（2回以上答えた質問だけ。（）はその質問数）"
    )
    ct.caption_justify = "left"
    for c in stats.categories:
        change = c.change
        ct.add_row(
            literal(names.get(c.id, c.id)),
            str(c.attempts),
            Text(f"{c.average:.0f}", style=score_style(round(c.average))),
            str(c.best),
            Text(sparkline(c.trend), style="cyan"),
            Text("—", style="dim")
            if change is None
            else Text(
                f"{change:+.0f}（{c.compared}）",
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
        et.add_row(
            ELEMENT_JA[element],
            f"{rate:.0%}（{present}/{expected}）",
            Text(bar(rate, 20), style=score_style(round(rate * 100))),
        )
    parts += [ct, weeks_chart(stats), et]
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


def bar(rate: float, width: int) -> str:
    filled = round(max(0.0, min(1.0, rate)) * width)
    return "█" * filled + "░" * (width - filled)


def apart_line(stats: Stats) -> Text | None:
    """What the averages leave out, said once (they are neither lost nor counted)."""
    pieces = []
    if stats.partial:
        average = f"、平均 {stats.partial_average:.0f}点" if stats.partial_average else ""
        pieces.append(f"一言だけの回答 {stats.partial}件{average}")
    if stats.interrupted:
        pieces.append(f"入力の途中で中断した回答 {stats.interrupted}件")
    if stats.pending:
        pieces.append(f"未分析の回答 {stats.pending}件")
    if not pieces:
        return None
    return Text(
        "平均に入れていない回答: "
        + "、".join(pieces)
        + "（coach history で確認、coach delete で削除）",
        style="dim",
    )


# Short names for the weekly columns: seven elements must fit beside the bar at 80 columns.
ELEMENT_SHORT = {
    "conclusion": "結論",
    "reason": "理由",
    "example": "具体",
    "action": "行動",
    "result": "結果",
    "ingenuity": "工夫",
    "quantified": "数字",
}


def weeks_chart(stats: Stats) -> RenderableType:
    """One row a week: the average as a bar, then each element's rate."""
    table = Table(
        title="週ごとの推移（平均点と要素の出現率）",
        box=box.SIMPLE_HEAD,
        title_justify="left",
        padding=(0, 1),
        pad_edge=False,
    )
    table.add_column("週", no_wrap=True)
    table.add_column("回答", justify="right")
    table.add_column("平均", no_wrap=True)
    shown = [e for e in ELEMENT_SHORT if e in stats.elements]
    for element in shown:
        table.add_column(ELEMENT_SHORT[element], justify="right", no_wrap=True)
    for w in stats.weeks:
        cells: list[RenderableType] = [
            f"{w.start:%m/%d}〜",
            str(w.attempts),
            Text.assemble(
                (bar(w.average / 100, 8), score_style(round(w.average))), f" {w.average:3.0f}"
            ),
        ]
        for element in shown:
            rate = w.rate(element)
            cells.append(
                Text("—", style="dim")
                if rate is None
                else Text(f"{rate:.0%}", style=score_style(round(rate * 100)))
            )
        table.add_row(*cells)
    return table


def due_view(due: Sequence[Due], upcoming: Sequence[Due], catalog: Catalog) -> RenderableType:
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


def _score_cell(a: Attempt) -> Text:
    if a.score is not None:
        return Text(str(a.score), style=score_style(a.score))
    return Text("未分析", style="yellow") if a.pending else Text("—")


def _mark(a: Attempt) -> str:
    return "【本番】" if a.real else "（中断）" if a.status == "interrupted" else ""


def search_view(text: str, matches: Sequence[Match], names: Mapping[str, str]) -> RenderableType:
    if not matches:
        return Text.assemble("「", literal(text), "」を含む回答は見つかりませんでした。")
    table = Table(
        title=f"「{text}」を含む回答 {len(matches)}件（新しい順。coach show ID で詳しく）",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("ID", justify="right", style="cyan")
    table.add_column("日時", no_wrap=True)
    table.add_column("質問", overflow="fold", ratio=2)
    table.add_column("スコア", justify="right")
    table.add_column("見つかった箇所", overflow="fold", ratio=3)
    for m in matches:
        a = m.attempt
        table.add_row(
            str(a.id),
            local_time(a.created_at),
            literal(_mark(a) + a.question),
            _score_cell(a),
            Text.assemble((f"{m.where}: ", "dim"), literal(m.excerpt)),
        )
    return table


def question_history_view(
    question_id: str, text: str, attempts: Sequence[Attempt], names: Mapping[str, str]
) -> RenderableType:
    from coach.stats import sparkline

    head = Text.assemble((f"{question_id}  ", "bold cyan"), literal(text, "bold"))
    if not attempts:
        return Group(head, Text("この質問にはまだ答えていません。", style="dim"))
    scores = [a.score for a in attempts if a.score is not None]
    parts: list[RenderableType] = [head]
    if scores:
        first, latest = scores[0], scores[-1]
        delta = latest - first
        parts.append(
            Text.assemble(
                ("推移  ", "bold"),
                (sparkline(scores), "cyan"),
                f"  初回 {first}点 → 最新 {latest}点",
                (
                    f"（{delta:+d}）" if len(scores) > 1 else "",
                    "green" if delta > 0 else "red" if delta < 0 else "dim",
                ),
                f"  ベスト {max(scores)}点",
            )
        )
    table = Table(
        title=f"回答 {len(attempts)}件（古い順。coach show ID で詳しく）",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("ID", justify="right", style="cyan")
    table.add_column("日時", no_wrap=True)
    table.add_column("スコア", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("あった要素", overflow="fold", ratio=1)
    table.add_column("レッドフラグ", overflow="fold", ratio=1)
    for a in attempts:
        chart = (
            Text(bar(a.score / 100, 10), style=score_style(a.score)) if a.score is not None else ""
        )
        flags = "、".join(title for _code, title in a.red_flags)
        table.add_row(
            str(a.id),
            local_time(a.created_at),
            _score_cell(a),
            chart,
            Text(_mark(a), style="dim")
            + Text(
                "・".join(ELEMENT_JA[e] for e in a.present)
                or ("なし" if a.score is not None else "")
            ),
            Text(flags or ("なし" if a.score is not None else ""), style="red" if flags else "dim"),
        )
    parts.append(table)
    return Group(*parts)


def delete_preview(attempts: Sequence[Attempt], names: Mapping[str, str]) -> RenderableType:
    table = Table(title="削除する回答", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("ID", justify="right", style="cyan")
    table.add_column("日時", no_wrap=True)
    table.add_column("カテゴリ", no_wrap=True)
    table.add_column("質問", overflow="fold")
    table.add_column("スコア", justify="right")
    for a in attempts:
        table.add_row(
            str(a.id),
            local_time(a.created_at),
            literal(names.get(a.category, a.category)),
            literal(_mark(a) + a.question),
            _score_cell(a),
        )
    return table
