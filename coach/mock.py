"""A full mock second interview and its report.

The order follows a real second interview: a short self-introduction, a deep-dive into the job
history, the reason for changing jobs (which managers almost always check again), then
reproducibility, problem solving, collaboration, motivation, and the reverse questions last,
where the interviewer answers what the candidate asks (coach.interviewer) and takes a second one.
By default it runs as 本番モード: only questions and follow-ups, no feedback until the end. The report grades the five axes an on-site manager judges (再現性・思考の深さ・
協働性・課題解決力・成長意欲) plus 企業理解 and 逆質問, each with the sentence that is its evidence,
and names the psychological tendencies the red flags point to. Pure values; nothing prints (the views draw the report:
coach.views.mock for the terminal, coach.views.markdown for a file).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coach.domain import ELEMENT_JA, missing_names

if TYPE_CHECKING:
    from coach.analysis import Analysis
    from coach.analysis.model import AnalysedSentence
    from coach.banks import Catalog, Question
    from coach.notebook import Notebook
    from coach.session import Ask, Plan, Summary

STAGES: tuple[tuple[str, str], ...] = (
    ("introduction", "自己紹介"),
    ("deep-dive", "職務経歴の深掘り"),
    ("career", "転職理由"),
    ("reproducibility", "再現性"),
    ("problem-solving", "課題解決"),
    ("collaboration", "協働"),
    ("motivation", "志望動機"),
    ("reverse-questions", "逆質問"),
)

CUES_FILE = Path(__file__).with_name("mock_cues.yaml")


@cache
def cues() -> dict[str, re.Pattern[str]]:
    """The cue lists of mock_cues.yaml, each as one pattern (the words are plain substrings)."""
    with CUES_FILE.open(encoding="utf-8") as f:
        data: dict[str, list[str]] = yaml.safe_load(f)
    return {key: re.compile("|".join(map(re.escape, words))) for key, words in data.items()}


RECENT_HOURS = 24
# the target of the follow-up row that holds a second reverse question (「ほかに何かありますか」)
REVERSE_TARGET = "reverse-question"


def mock_questions(
    catalog: Catalog, seed: int | None = None, avoid: Collection[str] = (), role: str | None = None
) -> list[Question]:
    """One question per stage, drawn at random (categories a bank lacks are skipped). Question
    ids in ``avoid`` (practised in the last day) are drawn only when a stage has nothing else:
    an answer rehearsed minutes ago says little about the interview."""
    rng = random.Random(seed)
    out = []
    for category, _name in STAGES:
        # a role bank (its category id) replaces the general deep-dive: its manager's questions
        pool = catalog.questions_of(role if role and category == "deep-dive" else category)
        fresh = [q for q in pool if q.id not in avoid]
        if pool:
            out.append(rng.choice(fresh or pool))
    return out


def recently_practised(notebook: Notebook, hours: float = RECENT_HOURS) -> set[str]:
    """The bank question ids answered (practice, mock or real) in the last ``hours``."""
    since = (datetime.now(UTC) - timedelta(hours=hours)).isoformat(timespec="seconds")
    return {a.question_id for a in notebook.iter_attempts(since=since) if a.question_id}


@dataclass(frozen=True)
class AxisGrade:
    axis: str
    grade: str  # A–D, or — when nothing was answered for it
    score: int | None
    evidence: str  # the sentence that shows it, or why there is none
    advice: str  # for a weak axis: what was missing, then what to do; empty when 未評価

    @property
    def shown(self) -> str:
        return "未評価" if self.grade == "—" else self.grade

    @property
    def needs_work(self) -> bool:
        """A graded axis below B gets its advice; an ungraded one has nothing to improve on yet
        (reports saved before this rule still hold advice for them: it is not shown)."""
        return self.grade in ("C", "D") and bool(self.advice)


@dataclass(frozen=True)
class Tendency:
    name: str
    trait: str
    signs: tuple[str, ...]
    change: str


@dataclass
class MockReport:
    created_at: str
    company: str | None
    minutes: float | None  # None when the answers came from a script (no real clock)
    answered: int
    average: float | None
    planned: int = 0  # questions the mock meant to ask (0 in reports saved before this field)
    axes: list[AxisGrade] = field(default_factory=list)
    tendencies: list[Tendency] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    def facts(self) -> list[str]:
        """The report's header facts, for the terminal and for Markdown alike."""
        out = [f"企業: {self.company or '（指定なし）'}"]
        if self.minutes is not None:
            out.append(f"所要 {self.minutes}分")
        out.append(f"回答 {self.answered}" + (f"/{self.planned}" if self.planned else "") + "問")
        out.append(f"平均 {self.average if self.average is not None else '—'}点")
        return out

    @classmethod
    def from_json(cls, text: str) -> MockReport:
        data = json.loads(text)
        data["axes"] = [AxisGrade(**a) for a in data["axes"]]
        data["tendencies"] = [
            Tendency(**{**t, "signs": tuple(t["signs"])}) for t in data["tendencies"]
        ]
        return cls(**data)


def grade(score: float | None) -> str:
    if score is None:
        return "—"
    return "A" if score >= 80 else "B" if score >= 65 else "C" if score >= 50 else "D"


# axis: (categories whose answers count (None = all), elements it looks for, roles for evidence)
AXES: tuple[tuple[str, tuple[str, ...] | None, tuple[str, ...], tuple[str, ...], str], ...] = (
    (
        "再現性",
        ("reproducibility", "deep-dive", "introduction"),
        ("action", "result", "quantified"),
        ("result", "action"),
        "成果そのものより、成果に至った手順と判断を話し、数字で裏づけましょう。",
    ),
    (
        "思考の深さ",
        None,
        ("reason", "ingenuity"),
        ("ingenuity", "reason"),
        "「なぜそうしたか」「他の選択肢と比べてどう判断したか」を一文ずつ足しましょう。",
    ),
    (
        "協働性",
        ("collaboration",),
        ("action", "result", "ingenuity"),
        ("action", "ingenuity"),
        "意見が違う相手の考えをどう受け止め、自分が何をして合意に至ったかを話しましょう。",
    ),
    (
        "課題解決力",
        ("problem-solving",),
        ("action", "result", "ingenuity"),
        ("action", "ingenuity", "result"),
        "制約の中でとった手順と、その結果（うまくいかなかった結果も）を順に話しましょう。",
    ),
    (
        "成長意欲",
        None,
        (),
        (),
        "失敗や苦手から何を学び、次にどう変えたかを具体的に話しましょう。",
    ),
    (
        "企業理解",
        ("motivation",),
        ("conclusion", "reason", "example"),
        ("reason", "conclusion"),
        "会社の事業や課題の言葉を使い、自分の経験とのつながりを話しましょう。",
    ),
    (
        "逆質問",
        ("reverse-questions",),
        (),
        (),
        "入社後の働き方・チーム・役割について、2つ以上の質問を用意しましょう。",
    ),
)

TENDENCIES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "他責型",
        "うまくいかなかった理由を、他の人や環境のせいにする",
        ("R301",),
        "事実は短く述べ、自分に足りなかった点と、次に変えた行動を必ずセットで話しましょう。",
    ),
    (
        "過剰適応型",
        "面接官に合わせすぎて、自分の軸が見えない",
        ("R303", "N603"),
        "「何でもやります」ではなく、自分が力を出せる領域とキャリアの軸を言い切りましょう。",
    ),
    (
        "完璧主義型",
        "失敗を認めず、挑戦していないように見える",
        ("R304",),
        "小さくても実際の失敗を一つ挙げ、そこからの学びと変えた行動を話しましょう。",
    ),
    (
        "防衛型",
        "評価を恐れて無難な答えにとどまり、自分の考えが見えない",
        ("R305", "Q501"),
        "一般論をやめて、自分の判断とその理由を「私は〜と考え、〜しました」と言い切りましょう。",
    ),
    (
        "安心型",
        "一次面接の延長のような浅い答えで、深掘りに耐えない",
        ("R302", "D401", "N601", "S103"),
        "一次面接の答えを作り直し、新しい具体例・数字・判断を1つずつ足しましょう。",
    ),
)


def _candidates(
    analyses: Sequence[Analysis], keep: Callable[[AnalysedSentence], bool]
) -> list[AnalysedSentence]:
    """The sentences that may be an axis's evidence: never one a red flag points at, nor one
    that puts the fault on others (the blame cues catch what the rule did not flag)."""
    blame = cues()["blame"]
    out = []
    for a in analyses:
        flagged = {f.sentence for f in a.red_flags}
        out += [s for s in a.sentences if s.index not in flagged and not blame.search(s.text)]
    return [s for s in out if keep(s)]


def _evidence(analyses: Sequence[Analysis], roles: Sequence[str], axis: str = "") -> str:
    """The best sentence for the axis: the one holding its most telling role (the first of
    ``roles``), and for 課題解決力 never the statement of the problem unless it also holds the
    candidate's own action."""
    problem = cues()["problem"]

    def keep(s: AnalysedSentence) -> bool:
        if not set(roles) & set(s.roles):
            return False
        return axis != "課題解決力" or "action" in s.roles or not problem.search(s.text)

    found = _candidates(analyses, keep)
    if not found:
        return ""
    # the earliest role wins; among equals, the sentence holding more of the roles, then the first
    best = min(
        enumerate(found),
        key=lambda pair: (
            min(roles.index(r) for r in pair[1].roles if r in roles),
            -sum(r in pair[1].roles for r in roles),
            pair[0],
        ),
    )
    return best[1].text


def _matching(analyses: Sequence[Analysis], pattern: re.Pattern[str]) -> str:
    """The first sentence the pattern finds, preferring one that holds the candidate's action."""
    found = _candidates(analyses, lambda s: bool(pattern.search(s.text)))
    acted = [s for s in found if "action" in s.roles]
    return (acted or found)[0].text if found else ""


def _missing(items: Sequence[Analysis], elements: Sequence[str]) -> list[str]:
    """The axis's elements that no answer for it showed."""
    return [e for e in elements if not any(a.present(e) for a in items)]


def _weak_advice(missing: Sequence[str], flags: Sequence[str], advice: str) -> str:
    """What was missing (elements by their Japanese names, then the red flags that cost
    points), then what to do."""
    said = []
    if missing:
        said.append("足りなかったもの: " + "・".join(ELEMENT_JA.get(e, e) for e in missing))
    if flags:
        said.append("減点: " + "、".join(dict.fromkeys(flags)))
    return "。".join([*said, advice]) if said else advice


def build_report(
    summary: Summary,
    minutes: float | None,
    company: str | None = None,
    company_terms: Sequence[str] = (),
    interviewer: Sequence[str] = (),
) -> MockReport:
    """The graded report. ``interviewer`` holds the interviewer's answers to the reverse
    questions, in order: the first answers the stage's answer, the next ones its follow-ups
    that asked again (target REVERSE_TARGET)."""
    answered = [r for r in summary.results if r.final is not None]
    by_category: dict[str, list[Analysis]] = {}
    for r in answered:
        assert r.final is not None
        # a role's deep-dive (--role) stands where the general deep-dive would: its axes count it
        key = "deep-dive" if r.category.kind == "role" else r.category.id
        by_category.setdefault(key, []).append(r.final)
    everything = [a for items in by_category.values() for a in items]
    report = MockReport(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        company=company,
        minutes=None if minutes is None else round(minutes, 1),
        answered=len(answered),
        planned=summary.planned,
        average=round(summary.average, 1) if summary.average is not None else None,
    )
    for name, categories, elements, roles, advice in AXES:
        items = (
            everything
            if categories is None
            else [a for c in categories for a in by_category.get(c, [])]
        )
        report.axes.append(_grade_axis(name, items, elements, roles, advice, company_terms))
    for name, trait, codes, change in TENDENCIES:
        signs = [
            f"{f.title}（{f.code}）" for a in everything for f in a.findings if f.code in codes
        ]
        threshold = 2 if name == "安心型" else 1
        if len(signs) >= threshold:
            report.tendencies.append(Tendency(name, trait, tuple(dict.fromkeys(signs)), change))
    spoken = list(interviewer)
    for r in summary.results:
        final = r.final
        entry: dict[str, Any] = {}
        if r.category.id == "reverse-questions" and spoken:
            entry["interviewer"] = spoken.pop(0)
        follow_ups: list[dict[str, Any]] = []
        for q, reply, target in r.follow_ups:
            item: dict[str, Any] = {"question": q, "reply": reply, "target": target}
            if target == REVERSE_TARGET and spoken:
                item["interviewer"] = spoken.pop(0)
            follow_ups.append(item)
        report.questions.append(
            {
                "category": r.category.name,
                "question": r.question.text,
                "score": final.score if final else None,
                "missing": missing_names(final.missing, final.labels) if final else [],
                "flags": [f.title for f in final.red_flags] if final else [],
                # what was said, so the report can be read without the notebook
                "answer": r.answer,
                "follow_ups": follow_ups,
                **entry,
            }
        )
    return report


def _ungraded(axis: str, why: str) -> AxisGrade:
    # nothing to improve on yet: no advice (the evidence column says why)
    return AxisGrade(axis, "—", None, why, "")


def _grade_axis(
    name: str,
    items: Sequence[Analysis],
    elements: Sequence[str],
    roles: Sequence[str],
    advice: str,
    company_terms: Sequence[str] = (),
) -> AxisGrade:
    """One axis of the report. An axis nothing speaks to (no question for it answered, or no
    sentence showing it and no red flag against it) is 未評価, with no advice; a weak one
    says what was missing."""
    if not items:
        return _ungraded(name, "この軸を確かめる質問に答えていません")
    flagged = [f"{f.title}（{f.code}）" for a in items for f in a.red_flags]
    missing = _missing(items, elements)
    if name == "成長意欲":
        growth = cues()["growth"]
        hits = sum(1 for a in items if any(growth.search(s.text) for s in a.sentences))
        perfection = [f for a in items for f in a.findings if f.code == "R304"]
        if not hits and not perfection:
            # no stage of the mock asks about growth: nothing said is not evidence of none
            return _ungraded(
                name,
                "成長を直接たずねる質問はなく、回答にも学びや次に変えた行動の話はありませんでした",
            )
        # no stage asks about growth: a learning told unasked counts for it (B), more for A;
        # a flat denial of any failure counts against it
        value = (65 + 35 * hits / len(items) if hits else 30) - (30 if perfection else 0)
        evidence = _matching(items, growth)
        if evidence and len(items) > 1:
            evidence = f"学びや変えた行動が出た回答 {hits}/{len(items)}問。例: {evidence}"
        evidence = evidence or (
            f"学びや次に変えた行動の話はなく、{perfection[0].title}（R304）がありました"
        )
        said = [f"{f.title}（{f.code}）" for f in perfection]
        advice = _weak_advice([], said, advice)
    elif name == "逆質問":
        value = sum(a.score for a in items) / len(items)
        asking = cues()["asking"]
        asked = [
            (a, s)
            for a in items
            for s in a.sentences
            if s.text.rstrip("。？?").endswith("か") or asking.search(s.text)
        ]
        # a question a finding points at (already answered, pay only) is not the evidence
        # of a good reverse question; one nothing points at is
        pointed = {(id(a), f.sentence) for a in items for f in a.findings}
        good = [s.text for a, s in asked if (id(a), s.index) not in pointed]
        evidence = good[0] if good else (asked[0][1].text if asked else "")
        if not evidence and items[0].sentences:
            evidence = f"「{items[0].sentences[0].text}」と答え、質問をしていません"
        advice = _weak_advice([], [], advice)
    else:
        evidence = _evidence(items, roles, name)
        shown_names = "・".join(ELEMENT_JA[e] for e in ELEMENT_JA if e in roles)
        if not evidence and not flagged:
            return _ungraded(name, f"この軸を示す文（{shown_names}）がありませんでした")
        share = sum(a.present(e) for a in items for e in elements) / (len(items) * len(elements))
        value = 0.5 * (sum(a.score for a in items) / len(items)) + 50 * share
        if not evidence:
            evidence = (
                f"{shown_names}を示す文がなく、{'、'.join(dict.fromkeys(flagged))}がありました"
            )
        elif len(items) > 1:
            # one good sentence is not the whole axis: say how many answers showed it
            shown = sum(1 for a in items if any(a.present(e) for e in roles))
            evidence = f"{shown_names}が出た回答 {shown}/{len(items)}問。例: {evidence}"
        unlinked = False
        if name == "企業理解" and company_terms:
            terms = re.compile("|".join(re.escape(t) for t in company_terms))
            linked = _matching(items, terms)
            evidence = linked or evidence
            unlinked = not linked
            value -= 15 if unlinked else 0
        advice = _weak_advice(
            [*missing, *(["会社の事業や課題の言葉"] if unlinked else [])], flagged, advice
        )
    # red flags count per answer (a flag in one answer of seven is not a flag in each)
    flags = sum(len(a.red_flags) for a in items)
    value = max(0.0, min(100.0, value - 10 * flags / len(items)))
    return AxisGrade(name, grade(value), round(value), evidence, advice)


@dataclass(frozen=True)
class InterviewerReplied:
    """The interviewer's answer to a reverse question, for the view."""

    text: str


def _answer_reverse_questions(
    plan: Plan,
    summary: Summary,
    ask: Callable[[Ask], str | None],
    show: Callable[[object], None],
    notebook: Notebook,
) -> list[str]:
    """The last stage of a real interview is a conversation: the interviewer answers the
    candidate's reverse question and offers another. A decline gets no answer (its push-back
    follow-up was asked already). The second question is kept as a follow-up of the first.
    Returns what the interviewer said, in order, for the report."""
    from coach import interviewer
    from coach.errors import CoachError
    from coach.session import Ask, FollowUpAsked, Interrupted, Notice

    said: list[str] = []
    if not summary.results or summary.results[-1].category.id != "reverse-questions":
        return said
    result = summary.results[-1]
    if result.answer is None:
        return said
    asked = [result.answer, *(reply for _q, reply, _t in result.follow_ups)]
    question = next((t for t in reversed(asked) if interviewer.is_question(t)), None)
    if question is None:
        return said
    company = plan.context.company if plan.context is not None else None
    said.append(interviewer.answer(question, company).text)
    show(InterviewerReplied(said[-1]))
    show(FollowUpAsked(interviewer.ANOTHER, REVERSE_TARGET))
    try:
        second = ask(Ask("follow_up", interviewer.ANOTHER, element=REVERSE_TARGET))
    except (Interrupted, KeyboardInterrupt) as stop:
        # Ctrl-C while typing it: what was typed is kept like any follow-up's, then the mock stops
        second = stop.partial if isinstance(stop, Interrupted) else ""
        summary.interrupted = True
    if not second or not second.strip():
        return said
    attempt_id = result.attempt_ids[-1] if result.attempt_ids else None
    if attempt_id is not None:
        try:
            notebook.add_follow_up(attempt_id, interviewer.ANOTHER, second, REVERSE_TARGET)
            summary.saved_partial = summary.saved_partial or summary.interrupted
        except CoachError as exc:
            show(Notice(f"{exc.message}\n2つ目の逆質問は面接ノートに保存できませんでした。"))
    result.follow_ups.append((interviewer.ANOTHER, second, REVERSE_TARGET))
    if not summary.interrupted and interviewer.is_question(second):
        said.append(interviewer.answer(second, company).text)
        show(InterviewerReplied(said[-1]))
    return said


def run_mock(
    plan: Plan,
    ask: Callable[[Ask], str | None],
    show: Callable[[object], None],
    notebook: Notebook,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[Summary, MockReport]:
    """Run the mock interview and grade it; the report is saved with the session. Answers come
    back for review like practice answers."""
    from coach import schedule
    from coach.session import run_practice

    started = clock()
    summary = run_practice(
        plan, ask, show, notebook, clock, on_scored=schedule.reviewer(notebook, plan.catalog)
    )
    said = (
        [] if summary.interrupted else _answer_reverse_questions(plan, summary, ask, show, notebook)
    )
    # a script has no real clock: its minutes would mean nothing
    minutes = (clock() - started) / 60 if plan.timed else None
    company = plan.context.company if plan.context is not None else None
    terms = plan.context.company_terms() if plan.context is not None and company else []
    report = build_report(summary, minutes, company.name if company else None, terms, said)
    if summary.session_id is not None:
        from coach.errors import CoachError
        from coach.session import Notice

        try:
            notebook.save_report(summary.session_id, report.to_json())
        except CoachError as exc:
            # the answers are kept already; the report is still shown (and written with -o)
            show(Notice(f"{exc.message}\n模擬面接のレポートは面接ノートに保存できませんでした。"))
    return summary, report


def markdown(report: MockReport) -> str:
    """The report as Markdown. Only coach/export.py still calls this, until the notebook
    export's Markdown moves to coach.views.markdown too; new code calls that directly."""
    from coach.views.markdown import mock_report

    return mock_report(report)
