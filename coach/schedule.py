"""Spaced re-practice with FSRS: weak answers come back soon, strong ones later.

Each question has an FSRS card. After every scored attempt the card is reviewed with a rating
taken from the analysis:

    Again  score < 50, or a red flag of level error (他責, 逆質問なし)
    Hard   score < 70, or any other red flag, or two or more expected elements missing
    Good   score < 85, or one element missing
    Easy   everything present and score ≥ 85

A question answered badly comes back after ten minutes (the night before an interview is when
people drill), then a day; fuzzing is off (the same history always gives the same schedule,
which the tests rely on).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from coach.analysis import Analysis
    from coach.banks import Catalog, Question
    from coach.notebook import Notebook, ReviewCard

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_JA = {AGAIN: "もう一度", HARD: "難しい", GOOD: "良い", EASY: "簡単"}


def rating_for(analysis: Analysis) -> int:
    errors = [f for f in analysis.findings if f.level == "error"]
    flags = analysis.red_flags
    missing = len(analysis.missing)
    if analysis.score < 50 or errors:
        return AGAIN
    if analysis.score < 70 or flags or missing >= 2:
        return HARD
    if analysis.score < 85 or missing == 1:
        return GOOD
    return EASY


def _scheduler() -> object:
    from fsrs import Scheduler

    return Scheduler(
        learning_steps=(timedelta(minutes=10), timedelta(days=1)),
        relearning_steps=(timedelta(minutes=10),),
        enable_fuzzing=False,
    )


def review(
    notebook: Notebook,
    question_id: str,
    category: str,
    analysis: Analysis,
    at: datetime | None = None,
) -> datetime:
    """Record one practice of the question; return when it is due next."""
    from fsrs import Card, Rating

    at = at or datetime.now(UTC)
    saved = notebook.review_card(question_id)
    card = Card.from_json(saved.card) if saved is not None else Card(due=at)
    rating = rating_for(analysis)
    card, _log = _scheduler().review_card(card, Rating(rating), review_datetime=at)  # type: ignore[attr-defined]
    due: datetime = card.due
    notebook.save_review(question_id, category, card.to_json(), due.isoformat(), rating)
    return due


def reviewer(notebook: Notebook, catalog: Catalog) -> Callable[[Question, Analysis], None]:
    """The on_scored callback of a session: every scored question (practice or mock) gets its
    review scheduled."""

    def scored(question: Question, analysis: Analysis) -> None:
        review(notebook, question.id, catalog.category_of(question).id, analysis)

    return scored


@dataclass(frozen=True)
class Due:
    question_id: str
    category: str
    due: datetime
    last_rating: int | None


def due_questions(
    notebook: Notebook, at: datetime | None = None, category: str | None = None
) -> list[Due]:
    at = at or datetime.now(UTC)
    return [_due(r) for r in notebook.due_reviews(at.isoformat(), category)]


def upcoming(notebook: Notebook) -> list[Due]:
    return [_due(r) for r in notebook.all_reviews()]


def _due(card: ReviewCard) -> Due:
    return Due(card.question_id, card.category, datetime.fromisoformat(card.due), card.last_rating)


def replay(notebook: Notebook, question_id: str, category: str) -> datetime | None:
    """The question's card made again from the scored attempts it still has (after some were
    deleted), oldest first, as if only those had happened; dropped when none is left.
    Returns the new due time, or None when the card was dropped."""
    from fsrs import Card, Rating

    from coach.analysis.model import Analysis
    from coach.notebook.manage import drop_review, question_attempts

    # a real interview (coach log) never schedules a review; practice and mock answers do
    attempts = question_attempts(notebook, question_id)
    scored = [a for a in attempts if a.analysis is not None and a.score is not None and not a.real]
    if not scored:
        drop_review(notebook, question_id)
        return None
    scheduler = _scheduler()
    card: Card | None = None
    rating = GOOD
    for a in scored:
        at = datetime.fromisoformat(a.created_at)
        card = card or Card(due=at)
        rating = rating_for(Analysis.from_json(a.analysis or {}))
        card, _log = scheduler.review_card(card, Rating(rating), review_datetime=at)  # type: ignore[attr-defined]
    assert card is not None
    due: datetime = card.due
    notebook.save_review(question_id, category, card.to_json(), due.isoformat(), rating)
    return due
