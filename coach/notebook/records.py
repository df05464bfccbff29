"""The typed records the notebook hands out (never sqlite3.Row)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Attempt:
    id: int
    session_id: int
    question_id: str | None
    category: str
    question: str
    answer: str
    attempt_no: int
    duration_s: float | None
    status: str
    created_at: str
    score: int | None
    labels: dict[str, bool]
    finding_codes: list[str]
    analysis: dict[str, Any] | None
    real: bool
    follow_ups: list[tuple[str, str, str | None]] = field(default_factory=list)  # q, a, element

    @property
    def missing(self) -> list[str]:
        if self.analysis:
            return list(self.analysis.get("missing", []))
        return []

    @property
    def present(self) -> list[str]:
        """The expected elements the answer has (none known for an answer never analysed)."""
        if not self.analysis:
            return []
        from coach.domain import label_for

        return [e for e in self.analysis.get("expects", []) if self.labels.get(label_for(e))]

    @property
    def red_flags(self) -> list[tuple[str, str]]:
        """(code, title) of the red flags (family R) the feedback showed for this answer."""
        if self.analysis:
            return [
                (str(f["code"]), str(f.get("title") or f.get("name") or f["code"]))
                for f in self.analysis.get("findings", [])
                if str(f.get("code", "")).startswith("R")
            ]
        return [(code, code) for code in self.finding_codes if code.startswith("R")]

    @property
    def pending(self) -> bool:
        """Answered in full but never analysed (the process stopped in between): 未分析."""
        return self.status == "answered" and self.score is None


@dataclass(frozen=True)
class SessionRow:
    id: int
    kind: str
    started_at: str
    ended_at: str | None
    category: str | None
    company: str | None
    round: str | None
    status: str
    attempts: int
    average: float | None


@dataclass(frozen=True)
class ScoredRow:
    """One scored attempt, as the progress statistics see it."""

    category: str
    question_id: str | None
    score: int
    labels: dict[str, bool]
    finding_codes: list[str]
    created_at: str
    real: bool


@dataclass(frozen=True)
class ScoreGroup:
    """Scored attempts that share a category, labels, findings and realness: the statistics
    read a few hundred of these instead of every attempt."""

    category: str
    labels: dict[str, bool]
    finding_codes: list[str]
    real: bool
    count: int
    total: int  # the sum of their scores
    best: int
    first: tuple[str, int]  # the earliest created_at and id: the order the attempts came in


@dataclass(frozen=True)
class ReviewCard:
    """A question's spaced-repetition card (the fsrs Card as JSON) and when it is due."""

    question_id: str
    category: str
    card: str
    due: str
    last_rating: int | None
    updated_at: str


@dataclass(frozen=True)
class QuestionGroup:
    """One practised question: how often it was answered, its latest and its best attempt."""

    question_id: str | None
    question: str
    category: str
    attempts: int
    latest_id: int
    best_id: int
    first_id: int = 0  # 0: not read (the first attempt is the latest one)


def review_card(row: sqlite3.Row) -> ReviewCard:
    return ReviewCard(
        row["question_id"],
        row["category"],
        row["card"],
        row["due"],
        row["last_rating"],
        row["updated_at"],
    )
