"""The practice session screen: question, follow-up, model answer, retry, summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import (
    ELEMENT_JA,
    missing_names,
)
from coach.views.common import (
    format_duration,
    literal,
    score_style,
)

if TYPE_CHECKING:
    from coach.analysis.model import Analysis
    from coach.banks import Question
    from coach.session import QuestionShown, Summary

from coach.views.feedback import previous_line

FINISH_HINT = (
    "回答を入力：空行（Enterを2回）かCtrl-Dで確定。何も書かずにCtrl-Dで終了、"
    "Ctrl-Cで中断（入力中の内容も保存されます）"
)


FINISH_HINT_FOLLOW_UP = "追加質問に答えて確定（何も書かずに Enter で深掘りを終えます）"


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


# The off-topic rule may not be in the registry yet (the relevance rule lands separately).
FOLLOW_UP_CODE_FALLBACK = {"T101": "質問とのずれ"}


def follow_up_about(target: str | None) -> str:
    """What a follow-up digs for, as its box says it: the element's Japanese name, 深掘り for a
    probe on a complete answer, the finding's Japanese name for a pushed-back red flag. Unknown
    targets (an old notebook's 'question') say nothing rather than something wrong."""
    if target is None:
        return ""
    if target in ELEMENT_JA:
        return f"{ELEMENT_JA[target]}についての深掘り"
    if target == "probe":
        return "深掘り"
    if target == "reverse-question":
        return "逆質問"  # 「ほかに何かありますか」: the candidate's second reverse question
    from coach.analysis.rules import load_all

    rule = load_all().get(target)
    title = rule.title if rule is not None else FOLLOW_UP_CODE_FALLBACK.get(target)
    return f"指摘「{title}」について" if title else ""


def follow_up_panel(
    text: str, element: str | None, heading: str = "面接官の追加質問"
) -> RenderableType:
    from rich.panel import Panel

    about = follow_up_about(element)
    return Panel(
        literal(text, "bold"),
        title=f"{heading}（{about}）" if about else heading,
        title_align="left",
        border_style="yellow",
    )


def model_answer_panel(question: Question) -> RenderableType:
    from rich.panel import Panel

    if question.model_answer:
        body: RenderableType = literal(question.model_answer)
        if question.model_answer_short:
            # the full answer first; the 30-second one is what to say when time is short
            body = Group(
                body, Text(), Text("30秒版", style="bold"), literal(question.model_answer_short)
            )
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


def suggestions_panel(company: str, questions: Sequence[str]) -> RenderableType:
    from rich.panel import Panel

    body = Group(*(literal(f"・{q}") for q in questions))
    return Panel(
        body,
        title=f"{company}の企業プロフィールから作った逆質問の例",
        title_align="left",
        border_style="green",
    )


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
            unanswered = "（中断・途中まで保存）" if result.kept_partial else "（未回答）"
            table.add_row(str(i), literal(result.question.text), "—", unanswered, "")
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


def event_view(event: object, keys: bool = True) -> list[RenderableType]:
    """What the terminal shows for one session event (coach.session), in order. ``keys`` is
    False for scripted input, where there are no keys to explain."""
    from coach import session
    from coach.views.feedback import feedback

    if isinstance(event, session.QuestionShown):
        shown: list[RenderableType] = [Text(""), question_panel(event)]
        if keys:
            shown.append(Text(FINISH_HINT, style="dim"))
        return shown
    if isinstance(event, session.FeedbackShown):
        return [
            feedback(
                event.analysis,
                before=event.before,
                elapsed=event.elapsed,
                limit=event.limit,
                previous=event.previous,
                target=event.target,
            )
        ]
    if isinstance(event, session.FollowUpAsked):
        shown = [follow_up_panel(event.text, event.element if event.coaching else None)]
        if keys:
            shown.append(Text(FINISH_HINT_FOLLOW_UP, style="dim"))
        return shown
    if isinstance(event, session.ModelAnswerShown):
        return [model_answer_panel(event.question)]
    if isinstance(event, session.RetryCompared):
        return [retry_comparison(event.before, event.after)]
    if isinstance(event, session.SuggestionsShown):
        return [suggestions_panel(event.company, event.questions)]
    if isinstance(event, session.Notice):
        return [Text(event.message, style="yellow")]
    from coach import mock

    if isinstance(event, mock.InterviewerReplied):
        from rich.panel import Panel

        return [
            Panel(
                literal(event.text), title="面接官の回答", title_align="left", border_style="cyan"
            )
        ]
    return []
