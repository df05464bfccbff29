"""Answer analysis: text → sentences → roles → labels → findings → score.

The only entry point the rest of the coach needs is :func:`analyze`. It never prints; it returns
an :class:`~coach.analysis.model.Analysis` or raises :class:`~coach.errors.CoachError` for an
answer that cannot be analysed (empty or whitespace only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.analysis.model import AnalysedSentence, Analysis, Finding
from coach.analysis.text import MAX_ANSWER as MAX_ANSWER  # re-exported: the rules name it
from coach.domain import CHARS_PER_MINUTE, GENERAL_CATEGORY, STRUCTURE_ELEMENTS
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.analysis.context import Context
    from coach.analysis.elements import Elements

__all__ = ["Analysis", "Finding", "analyze", "count_chars", "speaking_seconds", "warm_up"]


def warm_up() -> None:
    """Load SudachiPy, the lexicon and the label model now (a practice session does this in the
    background while the first answer is typed, so its feedback is not delayed)."""
    analyze("準備のための文です。")


def count_chars(text: str) -> int:
    """Characters that are spoken: everything except white space."""
    return len(text) - sum(map(str.isspace, text))


def speaking_seconds(chars: int) -> int:
    return round(chars * 60 / CHARS_PER_MINUTE)


def analyze(
    text: str,
    *,
    category: str = GENERAL_CATEGORY,
    structure: str = "both",
    question: str | None = None,
    expects: tuple[str, ...] | None = None,
    asks: tuple[str, ...] | None = None,
    context: Context | None = None,
    target_seconds: int | None = None,
    substance: bool = True,
) -> Analysis:
    """Analyse one answer. ``substance`` (on by default) also reads the answer without its
    hollow sentences (docs/score.md): an element only they carry earns nothing, and a finding
    they hide (blame diluted by stock phrases) still counts."""
    from coach.analysis import rules
    from coach.analysis.elements import analyze_elements
    from coach.analysis.relevance import assess, demanded, infer_asks
    from coach.analysis.score import detail, element_status, hollow_sentences
    from coach.analysis.text import analysed_part
    from coach.sanitize import clean

    # Repaired first: escape sequences are not the speaker's numbers, and SudachiPy refuses
    # lone surrogates. The length is counted on the whole answer; only its first MAX_ANSWER
    # characters are read (D407 says so), which bounds the time any input takes.
    text = clean(text)
    question = clean(question) if question is not None else None
    if not text.strip():
        raise CoachError("回答が空です。何か書いてから確認してください")
    chars = count_chars(text)
    text = analysed_part(text)
    elements = analyze_elements(text, structure, question)
    # what the question asks: as the bank declares it, else read from the question's text
    if asks is None:
        asks = infer_asks(question)
    wanted = expects if expects is not None else demanded(STRUCTURE_ELEMENTS[structure], asks)
    relevance = assess(elements, question, asks, structure, category)
    elements.labels["off_topic"] = relevance.off_topic
    seconds = speaking_seconds(chars)
    draft = rules.Draft(
        text=text,
        category=category,
        structure=structure,
        question=question,
        elements=elements,
        chars=chars,
        seconds=seconds,
        context=context,
        expects=tuple(wanted),
        target_seconds=target_seconds,
        asks=tuple(asks),
        relevance=relevance,
    )
    findings = rules.run(draft)
    labels = elements.labels
    hollow = hollow_sentences(elements)
    status = element_status(elements, wanted, hollow)
    if not substance:
        hollow = set()
    kept = [s for s in elements.sentences if s.index not in hollow]
    off_without_hollow = False
    if hollow and any(not s.preface for s in kept):
        bare = analyze(
            "\n".join(s.text for s in kept),
            category=category,
            structure=structure,
            question=question,
            expects=tuple(wanted),
            asks=tuple(asks),
            context=context,
            target_seconds=target_seconds,
            substance=False,
        )
        status = _without_hollow(status, bare, elements, hollow)
        off_without_hollow = bare.labels["off_topic"]
        findings = [*findings, *_hidden(findings, bare, [s.index for s in kept])]
    # the question first: an off-topic answer is capped however well it is built
    why = detail(
        wanted,
        labels,
        findings,
        asks=tuple(asks),
        status=status,
        # hollow sentences do not address the question either
        off_topic=relevance.off_topic or off_without_hollow,
    )
    points = why.score
    return Analysis(
        category=category,
        structure=structure,
        expects=tuple(wanted),
        labels={k: bool(v) for k, v in labels.items()},
        sentences=tuple(
            AnalysedSentence(s.index, s.text, elements.roles_of(s.index))
            for s in elements.sentences
        ),
        findings=tuple(findings),
        score=points,
        chars=chars,
        speaking_seconds=seconds,
        question=question,
        extras={"relevance": relevance, "score": why},
    )


def _without_hollow(
    status: dict[str, str], bare: Analysis, elements: Elements, hollow: set[int]
) -> dict[str, str]:
    """An element the answer gives only with its hollow sentences is empty: the answer without
    them lacks it. When the hollow sentences name an element (a cue for a reason, a device, a
    result, a step or an example), any element the answer without them lacks was bought by the
    cue: the label model weighs cue words answer-wide and may grant it on another sentence.
    Otherwise (a bare 「あります。」) only an element a hollow sentence showed, or none did, is
    empty: removing a sentence also sways the label model a little."""
    named = {"reason", "example", "action", "result", "ingenuity"}
    naming = any(
        named & {*elements.sentences[i].roles, *elements.roles_of(i)} for i in hollow
    ) or any(i in hollow for where in elements.empty.values() for i in where)
    out = {}
    for element, why in status.items():
        shown = [s.index for s in elements.sentences if element in elements.roles_of(s.index)]
        leans = naming or not shown or any(i in hollow for i in shown)
        out[element] = "empty" if leans and not bare.present(element) else why
    return out


def _hidden(findings: list[Finding], bare: Analysis, kept: list[int]) -> list[Finding]:
    """Findings on the answer's substance that its hollow sentences hid (a complaint diluted by
    stock phrases), placed on the sentences as typed."""
    from dataclasses import replace

    have = {f.code for f in findings}
    out = []
    for f in bare.findings:
        # only what changes the score: a missing element is already in the breakdown, and
        # length and delivery (D) are read from the whole answer
        if f.code in have or f.family == "D" or not (f.penalty or f.level == "error"):
            continue
        if f.sentence is None or f.sentence >= len(kept):
            out.append(replace(f, sentence=None))
            continue
        where = kept[f.sentence]
        message = f.message.replace(f"（{f.sentence + 1}文目「", f"（{where + 1}文目「", 1)
        out.append(replace(f, sentence=where, message=message))
    return out
