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

__all__ = [
    "Analysis",
    "Finding",
    "analyze",
    "count_chars",
    "speaking_seconds",
    "warm_relevance",
    "warm_up",
]


def warm_up() -> None:
    """Load SudachiPy, the lexicon, the label model and the topic model now (a practice session
    does this in the background while the first answer is typed, so its feedback is not
    delayed)."""
    analyze("準備のための文です。")
    warm_relevance()


def warm_relevance() -> None:
    """Read the topic model (an answer under a question of a known category needs it)."""
    from coach.analysis.topic import load as load_topic

    load_topic()


def count_chars(text: str) -> int:
    """Characters that are spoken: everything except white space (str.split drops exactly the
    characters str.isspace calls white space; the join runs in C, not once per character)."""
    return len("".join(text.split()))


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
) -> Analysis:
    """Analyse one answer: text → sentences → roles → labels → findings → score."""
    from coach.analysis import rules
    from coach.analysis.elements import analyze_elements
    from coach.analysis.model import Relevance
    from coach.analysis.rules.delivery import target_seconds as target_of
    from coach.analysis.score import (
        demanded,
        demanded_elements,
        detail,
        element_status,
        hollow_sentences,
    )
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
    # Without a question, infer_asks reads nothing and assess says neither off-topic nor partial
    # (Relevance(False, ())): the relevance modules, whose import compiles many cues, are not
    # imported then (start-up before a batch forks; tests/analysis/test_speed_unasked.py).
    asked = question is not None and question.strip() != ""
    if asked:
        from coach.analysis.relevance import assess, infer_asks
    # what the question asks: as the bank declares it, else read from the question's text
    if asks is None:
        asks = infer_asks(question) if asked else ()
    wanted = expects if expects is not None else demanded(STRUCTURE_ELEMENTS[structure], asks)
    # what the score demands of this question: the rules and the checklist ask for the same
    wanted = demanded_elements(wanted, asks)
    if asked:
        relevance = assess(elements, question, asks, structure, category)
    else:
        relevance = Relevance(False, ())
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
    # an element shown only on hollow sentences (no content: docs/score.md) earns nothing
    status = element_status(elements, wanted, hollow_sentences(elements))
    # the question first: an off-topic answer is capped however well it is built
    why = detail(
        wanted,
        labels,
        findings,
        asks=tuple(asks),
        status=status,
        off_topic=relevance.off_topic,
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
        # the speaking time the question asks for (its own 「30秒で」, the bank's, the
        # category's), which the screen's length line measures against as D401/D402 do
        extras={"relevance": relevance, "score": why, "target_seconds": target_of(draft)},
    )
