"""The score: how an on-site manager would rate the answer as an answer to *this* question.

    score = min(cap, 80 × coverage + 20 − Σ penalty(finding))        clamped to 0…100

* coverage is the weighted share of the elements the question demands that the answer *gives*.
  The weights start from the category's structure (:data:`WEIGHTS`) and follow what the question
  asks (:data:`ASK_WEIGHTS`: 「なぜ」 weighs the reason more, 「どのように」 the steps, a
  hypothetical wants steps instead of a deed and a result, 「一言で」 a short claim first, an
  episode question may start with the scene).
* an element counts for its substance (:func:`credit`): named by a cue with nothing behind it
  (「工夫した点は、丁寧に取り組んだことです」) it earns nothing; where the label model is unsure
  (its probability close to the threshold it was decided on) it counts half.
* every rule has a fixed penalty (`coach rules` shows it), taken once per answer.
* caps (:func:`cap_for`): an off-topic answer, an error-level finding (several lower it more), a
  red flag at warning level. The caps go by level and family, never by rule code, so a rule
  added later caps the score as its level says.

docs/score.md explains the model; tests/analysis/test_score_doc.py checks it against this file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.analysis.model import Analysis, Finding
from coach.domain import label_for

if TYPE_CHECKING:
    from coach.analysis.elements import Elements

WEIGHTS: dict[str, float] = {
    "conclusion": 3.0,
    "reason": 2.0,
    "example": 2.0,
    "action": 2.0,
    "result": 2.0,
    "ingenuity": 1.5,
    "quantified": 1.5,
    "steps": 3.0,  # a hypothetical's concrete steps (「〜ならどうしますか」)
}
# What the question asks first changes what weighs: element -> factor, per ask
# (coach.domain.ASKS).
ASK_WEIGHTS: dict[str, dict[str, float]] = {
    "reason": {"reason": 1.5},  # 「なぜ」 asks for the reason above all
    "one_word": {"conclusion": 2.0},  # 「一言で」: the short claim first
    "process": {"action": 1.5},  # 「どのように」: the steps taken
    "failure_event": {"reason": 1.5},  # one's own analysis of why it failed
    "fact": {"quantified": 1.5},  # 「何人」「どのくらい」
    "episode": {"example": 1.25},  # the episode itself
}
# What a main ask does not require: counted when given, costing nothing when not. An episode
# question (「〜したことはありますか」) may be answered starting with the scene.
OPTIONAL: dict[str, tuple[str, ...]] = {"episode": ("conclusion",)}
# Evidence a manager values in any answer: counted where given even if not demanded.
EVIDENCE = ("action", "result", "quantified")
# Elements a cue can name without giving: they are checked for substance.
CHECKED = ("conclusion", "reason", "example", "action", "result", "ingenuity")
# The label model is unsure when its probability lies this close above the threshold the label
# was decided on (label_model.threshold): the element counts UNSURE_CREDIT.
UNSURE_BAND = 0.1
UNSURE_CREDIT = 0.5
# Caps, read against the calibration rubric (benchmarks/calibration/rubric.md: 1 = 0–20,
# 2 = 20–40 … 5 = 80–100). The question first: an off-topic answer does not answer it (the
# rubric's 1). An error-level finding (重大: hostile blame, a declined reverse question) is at
# best a weak answer, never 80 or above; each further one takes ERROR_STEP more. A red flag
# (family R) at warning level is "one worrying sign": at best a middling answer.
OFF_TOPIC_CAP = 20
ERROR_CAP = 55
ERROR_STEP = 15
ERROR_FLOOR = 25
RED_FLAG_CAP = 65
DELIVERY_SHARE = 20  # the points not tied to elements: delivery, taken by penalties


@dataclass(frozen=True)
class Credit:
    """One demanded element: its weight and what it earned (0, UNSURE_CREDIT or 1)."""

    element: str
    weight: float
    earned: float
    why: str  # given / missing / empty (named, nothing behind it) / unsure
    demanded: bool = True  # False: evidence the structure does not ask for, counted as given


@dataclass(frozen=True)
class Detail:
    """Why the score is what it is (the feedback's one line, `coach check --json`'s
    `uncertain`)."""

    credits: tuple[Credit, ...]
    penalties: tuple[tuple[Finding, int], ...]
    cap: int | None
    cap_why: str  # off_topic / error / errors / red_flag / ""
    raw: int
    score: int
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        total = sum(c.weight for c in self.credits)
        return sum(c.weight * c.earned for c in self.credits) / total if total else 1.0

    @property
    def uncertain(self) -> list[str]:
        return [c.element for c in self.credits if c.why == "unsure"]

    @property
    def empty(self) -> list[str]:
        return [c.element for c in self.credits if c.why == "empty"]


def weights(expects: Iterable[str], asks: Sequence[str] = ()) -> dict[str, float]:
    """The weight of each demanded element for a question that asks ``asks``."""
    out = {e: WEIGHTS[e] for e in expects if e in WEIGHTS}
    if tuple(asks) == ("fact",) and "quantified" in out:
        # 「何名ですか」「何%くらいですか」 asks for a figure, and the figure first: the rest of
        # the structure is not demanded of a one-line answer
        out = {e: w for e, w in out.items() if e in ("conclusion", "quantified")}
    if "hypothetical_steps" in asks:
        out["steps"] = WEIGHTS["steps"]
    # the main ask (the question's first) weighs; a later part's ask is demanded, not weighted
    for element, factor in ASK_WEIGHTS.get(asks[0] if asks else "", {}).items():
        if element in out:
            out[element] *= factor
    return out


def demanded(base: Sequence[str], asks: Sequence[str]) -> tuple[str, ...]:
    """The elements an answer to this question is judged on: the category's, made to fit what
    the question asks. A hypothetical is answered with steps (not a deed done, not a result:
    T103 checks the steps); 「なぜ」 wants a reason whatever the category's structure."""
    out = list(base)
    if "hypothetical_steps" in asks:
        out = [e for e in out if e not in ("action", "result")]
    if "reason" in asks and out and "reason" not in out:
        out.insert(1 if out[0] == "conclusion" else 0, "reason")
    return tuple(out)


def demanded_elements(expects: Iterable[str], asks: Sequence[str] = ()) -> tuple[str, ...]:
    """The elements of ``expects`` the score demands of a question that asks ``asks`` (the
    rules that report a missing element and the checklist ask for the same ones, so that no
    screen says 「具体例がない」 of an answer whose score demanded none)."""
    expects = tuple(expects)
    demanded = weights(expects, asks)
    return tuple(e for e in expects if e in demanded)


def hollow_sentences(elements: Elements) -> set[int]:
    """Typed sentences that say nothing checkable, as the analysis reads them
    (coach/analysis/substance.py: no figure, no contrast, no content word outside the generic
    lexicon of cues.yaml); a sentence quoting someone's words is never hollow."""
    return {
        s.index
        for s in elements.sentences
        if s.hollow and not s.preface and "「" not in s.text and "『" not in s.text
    }


def element_status(
    elements: Elements, expects: Iterable[str], hollow: set[int] | None = None
) -> dict[str, str]:
    """For each checked element the labels grant (the demanded ones and EVIDENCE): given,
    empty or unsure.

    empty: every sentence that shows it is hollow, or named it without giving it (the
    analyzer's `empty`). unsure: the label model decided it within UNSURE_BAND of its
    threshold, and no definition forced it."""
    from coach.analysis import label_model

    hollow = hollow_sentences(elements) if hollow is None else hollow
    labels = elements.labels
    out: dict[str, str] = {}
    for element in dict.fromkeys([*expects, *EVIDENCE]):
        label = label_for(element)
        if not labels.get(label):
            continue
        status = "given"
        if element in CHECKED:
            if element == "conclusion":
                carriers = [elements.first] if elements.first is not None else []
            else:
                carriers = [
                    s.index for s in elements.sentences if element in elements.roles_of(s.index)
                ]
            named_empty = set(elements.empty.get(element, ()))
            if carriers and all(i in hollow or i in named_empty for i in carriers):
                status = "empty"
        p = elements.probabilities.get(label)
        rule = elements.rule_labels.get(label)
        if status == "given" and p is not None and rule is not None:
            bar = label_model.threshold(label, rule)
            if p >= bar and p < bar + UNSURE_BAND:
                status = "unsure"
        out[element] = status
    return out


def credits(
    expects: Iterable[str],
    labels: Mapping[str, bool],
    asks: Sequence[str] = (),
    status: Mapping[str, str] | None = None,
    findings: Iterable[Finding] = (),
) -> tuple[Credit, ...]:
    """What each demanded element earned. Without ``status`` (no analysed text) a label counts
    as given. A hypothetical's steps are given unless T103 (hypothetical-without-steps) says
    they are missing."""
    codes = {f.code for f in findings}
    out = []
    for element, weight in weights(expects, asks).items():
        if element == "steps":
            have = "T103" not in codes
            out.append(
                Credit(element, weight, 1.0 if have else 0.0, "given" if have else "missing")
            )
            continue
        if not labels.get(label_for(element)):
            if element not in OPTIONAL.get(asks[0] if asks else "", ()):
                out.append(Credit(element, weight, 0.0, "missing"))
            continue
        why = (status or {}).get(element, "given")
        earned = {"given": 1.0, "unsure": UNSURE_CREDIT}.get(why, 0.0)
        if not earned and element in OPTIONAL.get(asks[0] if asks else "", ()):
            continue  # not given where it is not required: it costs nothing
        out.append(Credit(element, weight, earned, why))
    if status is not None and out:
        # substance first: an own deed, an outcome, a figure count in any answer that gives
        # them, even where the category's structure (PREP) does not ask for them (not in a
        # reverse question, which demands no element: its Q rules judge it)
        asked = {c.element for c in out}
        for element in EVIDENCE:
            why = status.get(element, "")
            if element not in asked and labels.get(element) and why in ("given", "unsure"):
                earned = 1.0 if why == "given" else UNSURE_CREDIT
                out.append(Credit(element, WEIGHTS[element], earned, why, demanded=False))
    return tuple(out)


def cap_for(findings: Iterable[Finding], off_topic: bool = False) -> tuple[int | None, str]:
    """The highest score the answer may have, and why (by level and family, never by code)."""
    findings = list(findings)
    errors = len({f.code for f in findings if f.level == "error"})
    caps: list[tuple[int, str]] = []
    if off_topic:
        caps.append((OFF_TOPIC_CAP, "off_topic"))
    if errors:
        cap = max(ERROR_FLOOR, ERROR_CAP - ERROR_STEP * (errors - 1))
        caps.append((cap, "errors" if errors > 1 else "error"))
    if any(f.family == "R" and f.level == "warning" for f in findings):
        caps.append((RED_FLAG_CAP, "red_flag"))
    if not caps:
        return None, ""
    return min(caps)


def detail(
    expects: Iterable[str],
    labels: Mapping[str, bool],
    findings: Iterable[Finding],
    *,
    asks: Sequence[str] = (),
    status: Mapping[str, str] | None = None,
    off_topic: bool = False,
) -> Detail:
    findings = list(findings)
    wanted = credits(expects, labels, asks, status, findings)
    once: dict[str, Finding] = {}
    for f in findings:
        once.setdefault(f.code, f)  # a rule's penalty is taken once per answer
    penalties = tuple((f, f.penalty) for f in once.values() if f.penalty)
    total = sum(c.weight for c in wanted)
    share = sum(c.weight * c.earned for c in wanted) / total if total else 1.0
    raw = round(80 * share + DELIVERY_SHARE - sum(p for _, p in penalties))
    cap, why = cap_for(findings, off_topic)
    points = max(0, min(100, raw, cap if cap is not None else 100))
    return Detail(wanted, penalties, cap, why, raw, points)


def score(
    expects: Iterable[str],
    labels: Mapping[str, bool],
    findings: Iterable[Finding],
    *,
    asks: Sequence[str] = (),
    status: Mapping[str, str] | None = None,
    off_topic: bool = False,
) -> int:
    return detail(expects, labels, findings, asks=asks, status=status, off_topic=off_topic).score


def rescued(first: Analysis, combined: Analysis) -> Analysis:
    """An answer rescued by a follow-up (「特にありません。」, then a good question once pushed)
    is scored as both parts: the error-level findings of the first answer that the reply made
    go away stay on it, and the score is the mean of the first answer's and the combined one's.
    Any other follow-up result is returned as it is."""
    from dataclasses import replace

    have = {f.code for f in combined.findings}
    gone = [f for f in first.findings if f.level == "error" and f.code not in have]
    if not gone:
        return combined
    texts = {s.index: s.text for s in combined.sentences}
    # a finding keeps its sentence where the first answer still stands in the same place
    gone = [
        f
        if f.sentence is None or texts.get(f.sentence) == first.sentences[f.sentence].text
        else replace(f, sentence=None)
        for f in gone
    ]
    points = round((first.score + combined.score) / 2)
    extras = dict(combined.extras)
    detail = extras.get("score")
    if isinstance(detail, Detail):
        extras["score"] = replace(
            detail, score=points, extra={**detail.extra, "rescued": str(first.score)}
        )
    return replace(combined, findings=(*gone, *combined.findings), score=points, extras=extras)


def tables_markdown() -> str:
    """The weights, ask factors and caps as docs/score.md shows them (a test compares the two;
    regenerate with ``python -c "from coach.analysis.score import tables_markdown as t;
    print(t())"``)."""
    lines = ["| element | weight |", "|---|---|"]
    lines += [f"| {e} | {w:g} |" for e, w in WEIGHTS.items()]
    lines += ["", "| main ask | element × factor |", "|---|---|"]
    for ask, factors in ASK_WEIGHTS.items():
        lines.append(f"| {ask} | " + ", ".join(f"{e} × {f:g}" for e, f in factors.items()) + " |")
    lines += ["", "| main ask | optional (costs nothing when not given) |", "|---|---|"]
    lines += [f"| {ask} | {', '.join(els)} |" for ask, els in OPTIONAL.items()]
    lines += ["", f"Evidence counted in any answer that gives it: {', '.join(EVIDENCE)}."]
    lines += ["", "| cap | value |", "|---|---|"]
    lines += [
        f"| off-topic | {OFF_TOPIC_CAP} |",
        f"| one error-level finding | {ERROR_CAP} |",
        f"| each further error-level finding | −{ERROR_STEP} (not below {ERROR_FLOOR}) |",
        f"| a red flag (family R) at warning level | {RED_FLAG_CAP} |",
        "",
        f"An unsure element counts {UNSURE_CREDIT:g} (probability within {UNSURE_BAND:g} above"
        " the threshold it was decided on).",
    ]
    return "\n".join(lines)
