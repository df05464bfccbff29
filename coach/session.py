"""The practice loop: ask a question, take the answer, give feedback, dig deeper, repeat.

The loop never touches the terminal. It receives an ``ask`` callable (returns what the user typed
or chose, ``None`` at end of input, or raises :class:`Interrupted` with whatever was typed so
far) and a ``show`` callable that receives plain event values to render. Every answer goes to the
notebook the moment it is typed, before it is analysed or shown.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from coach.analysis import Analysis, analyze
from coach.analysis.score import rescued
from coach.errors import CoachError
from coach.followup import FollowUp, plan_follow_up
from coach.keeper import Keeper, Kept

if TYPE_CHECKING:
    from coach.analysis.context import Context
    from coach.banks import Catalog, Category, Question
    from coach.notebook import Attempt, Notebook

MENU_NEXT, MENU_RETRY, MENU_MODEL, MENU_END = "next", "retry", "model", "end"


class Interrupted(Exception):
    """Ctrl-C at a prompt. Carries what had been typed so that it can be kept."""

    def __init__(self, partial: str = "", saved: bool = False) -> None:
        super().__init__(partial)
        self.partial = partial
        self.saved = saved  # the partial text was already stored where it belongs


@dataclass(frozen=True)
class Ask:
    kind: Literal["answer", "follow_up", "menu"]
    text: str
    number: int = 0
    total: int = 0
    element: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    timer: int | None = None


# --- events for the view ---------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionShown:
    question: Question
    category: Category
    number: int
    total: int
    hints: bool
    expects: tuple[str, ...]
    timer: int | None
    retry: bool = False
    previous: Attempt | None = None
    remaining: float | None = None  # seconds left in a mock interview


@dataclass(frozen=True)
class FeedbackShown:
    analysis: Analysis
    elapsed: float | None
    limit: int | None
    before: Analysis | None = None  # set after a follow-up: what the first answer had
    previous: Attempt | None = None  # the last time this question was practised
    target: int | None = None  # the speaking time the question asks for, in seconds


@dataclass(frozen=True)
class FollowUpAsked:
    text: str
    element: str | None
    # what it digs for may be named (「数字についての深掘り」): coaching, which a mock in 本番モード
    # keeps for the report, as a real interviewer asks without saying why
    coaching: bool = True


@dataclass(frozen=True)
class ModelAnswerShown:
    question: Question


@dataclass(frozen=True)
class RetryCompared:
    before: Analysis
    after: Analysis


@dataclass(frozen=True)
class SuggestionsShown:
    """Reverse questions built from the company profile."""

    company: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Notice:
    message: str


@dataclass
class QuestionResult:
    question: Question
    category: Category
    analyses: list[Analysis] = field(default_factory=list)  # one per attempt (final)
    attempt_ids: list[int] = field(default_factory=list)
    reviewed: int = 0  # how many of the analyses were passed to on_scored
    answer: str | None = None  # the last attempt's answer as typed
    # the last attempt's follow-ups as (question, reply, target), in the order asked
    follow_ups: list[tuple[str, str, str | None]] = field(default_factory=list)
    kept_partial: bool = False  # Ctrl-C while typing: the half-typed answer is in the notebook

    @property
    def final(self) -> Analysis | None:
        return self.analyses[-1] if self.analyses else None


@dataclass
class Summary:
    results: list[QuestionResult]
    interrupted: bool = False
    saved_partial: bool = False
    session_id: int | None = None
    notebook_path: str | None = None
    planned: int = 0  # questions the session meant to ask
    ended_early: bool = False  # input ended (Ctrl-D on an empty answer) before the last question
    timer: int | None = None  # the --timer the session ran with (seconds per question)

    @property
    def answered(self) -> list[QuestionResult]:
        return [r for r in self.results if r.final is not None]

    @property
    def average(self) -> float | None:
        scores = [r.final.score for r in self.answered if r.final is not None]
        return sum(scores) / len(scores) if scores else None

    def suggestion(self) -> str:
        """One concrete thing to practise next: the most serious finding (an error, then a red
        flag), else the element missing most often."""
        answered = [(r, r.final) for r in self.answered if r.final is not None]
        if not answered:
            return (
                "まずは1問、最後まで答えてみましょう。"
                "「coach practice --hints」で面接官の意図を見ながら練習できます。"
            )

        def again(result: QuestionResult) -> str:
            from coach.schedule import AGAIN, rating_for

            category = result.category.id
            if result.final is not None and rating_for(result.final) == AGAIN:
                # rated もう一度: the question is due again after ten minutes
                return (
                    f"10分ほどおいてから「coach practice -c {category} --due」で、"
                    "つまずいた質問にもう一度答えてみましょう。"
                )
            return (
                f"復習の時期が来たら「coach practice -c {category} --due」で、"
                "同じ質問にもう一度答えてみましょう（時期は coach due で確認できます）。"
            )

        from coach.analysis.rules import load_all

        registry = load_all()
        errors = [(r, f) for r, a in answered for f in a.findings if f.level == "error"]
        if errors:
            # the most important rule first (逆質問なし outranks a blamed colleague)
            result, finding = min(
                errors,
                key=lambda rf: registry[rf[1].code].priority if rf[1].code in registry else 99,
            )
            rule = registry.get(finding.code)
            fix = rule.fix.rstrip("。") + "。" if rule else ""
            return f"「{finding.title}」（{finding.code}）が出ています。{fix}{again(result)}"
        flags = [(r, f) for r, a in answered for f in a.red_flags]
        if flags:
            counts = Counter(f.code for _, f in flags)
            code, _ = counts.most_common(1)[0]
            result, finding = next((r, f) for r, f in flags if f.code == code)
            return (
                f"「{finding.title}」のレッドフラグが出ています。二次面接ではこれだけで評価が大きく"
                f"下がります。「coach rules explain {code}」で理由と言い換え例を確かめ、"
                + again(result)
            )
        missing = Counter(e for _, a in answered for e in a.missing)
        if not missing:
            if self.timer is None:
                return "すべての要素がそろっています。次は「--timer 60」を付けて、1分以内に話す練習をしましょう。"
            return (
                f"すべての要素がそろっています。目安の{self.timer}秒に収まるまで、同じ質問を声に出して"
                "言い直してみましょう。"
            )
        element, _ = missing.most_common(1)[0]
        category = next(r.category.id for r, a in answered if element in a.missing)
        return {
            "conclusion": "最初の一文で答えを言い切る練習をしましょう。"
            f"「coach practice -c {category} --hints」で、答える前に質問の意図を確認できます。",
            "reason": "結論のすぐ後に「理由は〜だからです」を一文入れる練習をしましょう。"
            f"「coach practice -c {category}」でもう一度。",
            "example": "「いつ・どの案件で・何が起きたか」が分かるエピソードを1つ準備しましょう。"
            "職務経歴書の案件から1つ選ぶと話しやすくなります。",
            "action": "主語を「私は」にして、自分がとった手順を動詞で3つ挙げる練習をしましょう。"
            "「coach practice -c deep-dive」が向いています。",
            "result": "行動の後に「その結果、〜」と結果を必ず言う練習をしましょう。失敗した結果でも構いません。",
            "quantified": "件数・割合・期間など、数字を1つ入れる練習をしましょう。"
            "職務経歴書の実績の数字を手元に置いて答えると効果的です。",
            "ingenuity": "「〜を防ぐために、あえて〜した」と、自分で決めた点とその理由を加える練習をしましょう。"
            "「coach practice -c problem-solving」が向いています。",
        }[element]


@dataclass
class Plan:
    catalog: Catalog
    questions: list[Question]
    follow_ups: int = 2
    timer: int | None = None
    hints: bool = False
    interactive: bool = True  # show the next / retry / model-answer menu after each question
    seed: int | None = None
    context: Context | None = None
    kind: str = "practice"  # the notebook session kind: practice | mock
    time_budget: float | None = None  # seconds; when spent, jump to the last question
    timed: bool = True  # False for scripted input, where answer times mean nothing
    kept: Kept = field(default_factory=Kept)  # what the session stored, and where
    # feedback after each answer; a mock in 本番モード keeps it for the report at the end, as a
    # real interview gives none between questions
    feedback: bool = True


def choose_questions(
    catalog: Catalog,
    category: Category,
    n: int,
    order: str = "random",
    seed: int | None = None,
    first: Sequence[str] = (),
) -> list[Question]:
    """n questions without repeats; ids in ``first`` (due for review) come first."""
    pool = catalog.questions_of(category.id)
    if order == "random":
        random.Random(seed).shuffle(pool)
    due = [q for q in pool if q.id in set(first)]
    rest = [q for q in pool if q.id not in set(first)]
    return (due + rest)[: max(0, n)]


def choose_category(
    notebook: Notebook, catalog: Catalog, due: bool
) -> tuple[str | None, str | None]:
    """The category `coach practice` starts from when none is given: with --due, the category of
    the question that has waited longest. Returns (category or None, a line saying why)."""
    if not due:
        return None, None
    from coach import schedule

    waiting = [d for d in schedule.due_questions(notebook) if d.category in catalog.categories]
    if not waiting:
        return None, "いま復習の時期が来た質問はありません。"
    category = waiting[0].category
    name = catalog.categories[category].name
    return category, f"復習の時期が来た質問がある「{name}」から出題します。"


def category_menu(notebook: Notebook, catalog: Catalog) -> tuple[list[tuple[str, str]], str | None]:
    """The category menu's (id, label) choices, the weakest category marked and preselected."""
    from coach import stats

    weakest = stats.weakest_category(notebook)
    options = []
    for c in catalog.ordered():
        label = f"{c.name}（{c.id}）  {len(catalog.questions_of(c.id))}問"
        if c.id == weakest:
            label += "  ★いちばん伸びしろがあるカテゴリ"
        options.append((c.id, label))
    return options, weakest


def run_practice(
    plan: Plan,
    ask: Callable[[Ask], str | None],
    show: Callable[[object], None],
    notebook: Notebook | None = None,
    clock: Callable[[], float] = time.monotonic,
    on_scored: Callable[[Question, Analysis], None] | None = None,
) -> Summary:
    """Run one practice session. Returns its summary; never raises Interrupted."""
    catalog = plan.catalog
    first_cat = catalog.category_of(plan.questions[0]) if plan.questions else None
    company = getattr(getattr(plan.context, "company", None), "name", None)
    keeper = Keeper(notebook, plan.kind, plan.kept, lambda m: show(Notice(m)), company=company)
    if notebook is not None:
        # a notebook that cannot be written at the start is an error before anything is typed
        session_id = notebook.start_session(
            plan.kind, first_cat.id if first_cat else None, company=company
        )
        keeper.session_id = session_id
    else:
        session_id = None
    summary = Summary(
        results=[],
        session_id=session_id,
        notebook_path=str(notebook.path) if notebook else None,
        planned=len(plan.questions),
        timer=plan.timer,
    )
    total = len(plan.questions)
    started = clock()
    try:
        out_of_time = False
        for number, question in enumerate(plan.questions, start=1):
            budget = plan.time_budget
            if budget is not None and number < total and clock() - started > budget:
                if not out_of_time:
                    show(Notice("時間になりました。残りの質問は飛ばして、最後の質問に移ります。"))
                out_of_time = True
                continue
            category = catalog.category_of(question)
            result = QuestionResult(question, category)
            summary.results.append(result)
            retry = False
            while True:
                outcome = _one_attempt(
                    plan,
                    question,
                    category,
                    number,
                    total,
                    retry,
                    ask,
                    show,
                    notebook,
                    keeper,
                    clock,
                    result,
                    None if plan.time_budget is None else plan.time_budget - (clock() - started),
                )
                if outcome == "eof":
                    _score(result, on_scored, show)
                    summary.ended_early = result.final is None or number < total
                    return _finish(
                        summary, keeper, "interrupted" if summary.ended_early else "finished"
                    )
                if outcome == "skipped":
                    break
                _score(result, on_scored, show)
                if not plan.interactive:
                    break
                choice = _menu(question, number == total, ask, show)
                if choice == MENU_RETRY:
                    retry = True
                    continue
                if choice in (MENU_END, None):
                    return _finish(summary, keeper, "finished")
                break
    except (Interrupted, KeyboardInterrupt) as stop:
        # Ctrl-C may also arrive outside a prompt (while feedback is being shown)
        partial = stop.partial if isinstance(stop, Interrupted) else ""
        summary.interrupted = True
        summary.saved_partial = isinstance(stop, Interrupted) and stop.saved
        if partial.strip() and notebook is not None:
            # kept first: nothing after this line may cost the half-typed answer
            current = summary.results[-1] if summary.results else None
            attempt_id, _ = keeper.answer(
                category=current.category.id if current else "general",
                question=current.question.text if current else "",
                question_id=current.question.id if current else None,
                answer=partial,
                status="interrupted",
            )
            # "saved in the notebook" only when it is (a recovery file is announced by path)
            summary.saved_partial = attempt_id is not None
            if current is not None:
                current.kept_partial = summary.saved_partial
        if summary.results:
            # an answer scored before the stop (Ctrl-C in its follow-up) still gets its review
            _score(summary.results[-1], on_scored, show)
        return _finish(summary, keeper, "interrupted")
    return _finish(summary, keeper, "finished")


def _score(
    result: QuestionResult,
    on_scored: Callable[[Question, Analysis], None] | None,
    show: Callable[[object], None],
) -> None:
    """Hand the latest analysis of a question to on_scored, once. A review that cannot be
    written is said; the answer itself is already kept."""
    if on_scored is None or result.final is None or result.reviewed == len(result.analyses):
        return
    result.reviewed = len(result.analyses)
    try:
        on_scored(result.question, result.final)
    except CoachError as exc:
        show(Notice(f"{exc.message}\n復習の予定は更新できませんでした（回答には影響しません）。"))


def _finish(summary: Summary, keeper: Keeper, status: str) -> Summary:
    keeper.finish(status)
    if keeper.stored == 0:
        # nothing went into the notebook (every answer elsewhere, or none given): the summary
        # must not name it as where the answers are
        summary.notebook_path = None
    return summary


def _menu(
    question: Question, last: bool, ask: Callable[[Ask], str | None], show: Callable[[object], None]
) -> str | None:
    choices = [
        (MENU_NEXT, "結果のまとめへ" if last else "次の質問へ"),
        (MENU_RETRY, "この質問をやり直す"),
        (MENU_MODEL, "模範回答を見る" if question.model_answer else "答え方のヒントを見る"),
        (MENU_END, "終了する"),
    ]
    while True:
        choice = ask(Ask("menu", "次はどうしますか？", choices=tuple(choices)))
        if choice == MENU_MODEL:
            show(ModelAnswerShown(question))
            choices = [c for c in choices if c[0] != MENU_MODEL]
            continue
        return choice


def _one_attempt(
    plan: Plan,
    question: Question,
    category: Category,
    number: int,
    total: int,
    retry: bool,
    ask: Callable[[Ask], str | None],
    show: Callable[[object], None],
    notebook: Notebook | None,
    keeper: Keeper,
    clock: Callable[[], float],
    result: QuestionResult,
    remaining: float | None = None,
) -> Literal["done", "eof", "skipped"]:
    catalog = plan.catalog
    expects = catalog.expects(question)
    # the length an answer is judged against: the user's --timer, else the question's own target
    target = plan.timer or question.seconds
    # 「前回 100点」 is coaching: a mock in 本番モード does not show it mid-interview
    previous = notebook.previous_attempt(question.id) if notebook and plan.feedback else None
    show(
        QuestionShown(
            question,
            category,
            number,
            total,
            plan.hints,
            expects,
            plan.timer,
            retry,
            previous,
            remaining,
        )
    )
    started = clock()
    text = ask(Ask("answer", question.text, number, total, timer=plan.timer))
    if text is None:
        return "eof"
    if not text.strip():
        show(Notice("回答が空だったので、この質問はスキップしました。"))
        return "skipped"
    elapsed = clock() - started if plan.timed else None
    try:
        attempt_id, key = keeper.answer(
            category=category.id,
            question=question.text,
            question_id=question.id,
            answer=text,
            duration_s=None if elapsed is None else round(elapsed, 1),
        )
    except KeyboardInterrupt:
        # a signal while the answer was being written: the stop keeps it as typed
        raise Interrupted(text) from None
    if attempt_id is not None:
        result.attempt_ids.append(attempt_id)

    def check(answer: str) -> Analysis:
        return analyze(
            answer,
            category=category.id,
            structure=category.structure,
            question=question.text,
            asks=tuple(question.asks) if question.asks else None,
            expects=expects,
            context=plan.context,
            target_seconds=target,
        )

    analysis = check(text)
    keeper.analysis(attempt_id, analysis)
    before_retry = result.final
    # the attempt counts from the moment it is scored, whatever interrupts what follows
    result.analyses.append(analysis)
    result.answer, result.follow_ups = text, []
    if plan.feedback:
        show(FeedbackShown(analysis, elapsed, plan.timer, previous=previous, target=target))
    company = getattr(plan.context, "company", None)
    if plan.feedback and category.structure == "reverse" and company is not None:
        from coach.profile import suggested_questions

        show(SuggestionsShown(company.name, tuple(suggested_questions(company))))

    first = analysis
    answers = [text]
    # each follow-up reads the first answer and every reply so far (issue 16: the chain)
    pairs: list[tuple[FollowUp, str]] = []
    for _ in range(max(0, plan.follow_ups)):
        fu = plan_follow_up(first, question, asks=getattr(question, "asks", None), replies=pairs)
        if fu is None:
            break
        element = fu.target
        show(FollowUpAsked(fu.question, element, coaching=plan.feedback))
        try:
            reply = ask(
                Ask("follow_up", fu.question, number, total, element=element, timer=plan.timer)
            )
        except Interrupted as stop:
            # the first answer is already scored and kept; keep the half-typed follow-up
            # answer too, with the question it answers (in the notebook, and in the summary
            # and the mock report, as `coach show` has it)
            if stop.partial.strip():
                result.follow_ups.append((fu.question, stop.partial, element))
            if stop.partial.strip() and notebook is not None:
                stored = keeper.follow_up(key, attempt_id, fu.question, stop.partial, element)
                raise Interrupted("", saved=stored) from None
            raise Interrupted("") from None
        if reply is None:
            return "eof"
        if not reply.strip():
            break
        keeper.follow_up(key, attempt_id, fu.question, reply, element)
        pairs.append((fu, reply))
        result.follow_ups.append((fu.question, reply, element))
        if element == "conclusion":
            # asked for the point first, the reply is where the answer should have started
            answers.insert(0, reply)
        else:
            answers.append(reply)
        # scored as both parts: a decline rescued by the reply keeps what the first answer did
        combined = rescued(first, check("\n".join(answers)))
        keeper.analysis(attempt_id, combined)
        result.analyses[-1] = combined
        if plan.feedback:
            show(FeedbackShown(combined, None, None, before=analysis, target=target))
        analysis = combined
    if plan.context is not None:
        plan.context.remember(category.id, "\n".join(answers))
    if retry and before_retry is not None:
        show(RetryCompared(before_retry, analysis))
    return "done"
