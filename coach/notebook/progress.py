"""The notebook read for `coach stats`: scored attempts grouped per day, and each question's
first and latest counted attempt, grouped in SQL along covering indexes (a few thousand rows at
any number of answers).

Which attempts count is decided here, once: :func:`partial` names the practice answers that are
a word or a line (the 短すぎる finding) with nothing but a first sentence in them and no red
flag: a test run (「テスト」), a slip of the Enter key, 「はい」. They are shown apart and kept out
of every average. A short answer with a red flag (他責, 抽象的) said something that matters, and
a real interview's answer is what happened: both always count.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.domain import ELEMENTS, label_for
from coach.notebook.faults import guarded

if TYPE_CHECKING:
    from coach.notebook import Notebook

SHORT_CODE = "D401"  # the 短すぎる finding: an answer of a line or so


# Any first sentence counts as a conclusion (「テスト」 too): only the other elements show that an
# answer was attempted.
_ATTEMPTED = tuple(label_for(e) for e in ELEMENTS if e != "conclusion")


def partial(labels: dict[str, bool], codes: Sequence[str], real: bool = False) -> bool:
    """A scored answer that is no attempt at the question: practice, too short, no element
    besides the first sentence, no red flag."""
    return (
        not real
        and SHORT_CODE in codes
        and not any(labels.get(label) for label in _ATTEMPTED)
        and not any(code.startswith("R") for code in codes)
    )


@dataclass(frozen=True)
class DayGroup:
    """Scored attempts of one local day that share a category, labels, findings, realness."""

    day: str  # YYYY-MM-DD, local time
    category: str
    labels: dict[str, bool]
    finding_codes: list[str]
    real: bool
    count: int
    total: int  # the sum of their scores
    best: int

    @property
    def partial(self) -> bool:
        return partial(self.labels, self.finding_codes, self.real)


@dataclass(frozen=True)
class QuestionSpan:
    """One question's counted attempts: how many, the first and the latest score."""

    question_id: str
    category: str
    count: int
    first: int
    latest: int


def _offset() -> str:
    """The local UTC offset as an SQLite date modifier, so a day is the user's day."""
    delta = datetime.now().astimezone().utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    return f"{minutes:+d} minutes"


class _Decoded:
    """JSON decoded once per distinct text: the rows share few label and finding sets."""

    def __init__(self) -> None:
        self.seen: dict[str, Any] = {}

    def __call__(self, text: str | None, empty: Any) -> Any:
        if not text:
            return empty
        value = self.seen.get(text)
        if value is None:
            value = self.seen[text] = json.loads(text)
        return value


@guarded
def day_groups(nb: Notebook, since: str | None = None) -> list[DayGroup]:
    sql = (
        "SELECT date(created_at, ?), category, labels, finding_codes, real, COUNT(*),"
        " SUM(score), MAX(score) FROM attempts INDEXED BY attempts_scores"
        " WHERE score IS NOT NULL"
    )
    args: list[Any] = [_offset()]
    if since:
        sql += " AND created_at >= ?"
        args.append(since)
    sql += " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1"
    decoded = _Decoded()
    return [
        DayGroup(
            r[0],
            r[1],
            decoded(r[2], {}),
            decoded(r[3], []),
            bool(r[4]),
            int(r[5]),
            int(r[6]),
            int(r[7]),
        )
        for r in nb.db.execute(sql, args)
    ]


@guarded
def question_spans(nb: Notebook, since: str | None = None) -> list[QuestionSpan]:
    """Each question's counted attempts with their first and latest score. The order key
    carries the score at its end, so MIN and MAX of it give the first and the latest."""
    key = "created_at || printf('%010d%04d', id, score)"
    sql = (
        f"SELECT question_id, category, labels, finding_codes, real, COUNT(*), MIN({key}),"
        f" MAX({key})"
        " FROM attempts INDEXED BY attempts_progress"
        " WHERE score IS NOT NULL AND question_id IS NOT NULL"
    )
    args: list[Any] = []
    if since:
        sql += " AND created_at >= ?"
        args.append(since)
    sql += " GROUP BY question_id, labels, finding_codes, real"
    spans: dict[str, list[Any]] = {}
    decoded = _Decoded()
    for qid, category, labels, codes, real, count, low, high in nb.db.execute(sql, args):
        if partial(decoded(labels, {}), decoded(codes, []), bool(real)):
            continue
        span = spans.get(qid)
        if span is None:
            spans[qid] = [category, count, low, high]
            continue
        span[1] += count
        span[2], span[3] = min(span[2], low), max(span[3], high)
    return [
        QuestionSpan(qid, s[0], s[1], int(s[2][-4:]), int(s[3][-4:])) for qid, s in spans.items()
    ]


@guarded
def recent_counted(nb: Notebook, category: str, count: int, since: str | None = None) -> list[int]:
    """The category's last ``count`` counted scores, oldest first (read backwards along its
    index, stopping as soon as there are enough)."""
    sql = (
        "SELECT score, labels, finding_codes, real FROM attempts"
        " WHERE category = ? AND score IS NOT NULL"
    )
    args: list[Any] = [category]
    if since:
        sql += " AND created_at >= ?"
        args.append(since)
    scores: list[int] = []
    decoded = _Decoded()
    cursor = nb.db.execute(sql + " ORDER BY created_at DESC, id DESC", args)
    for score, labels, codes, real in cursor:
        if not partial(decoded(labels, {}), decoded(codes, []), bool(real)):
            scores.append(int(score))
            if len(scores) == count:
                break
    cursor.close()
    return scores[::-1]


@guarded
def unscored_counts(nb: Notebook, since: str | None = None) -> tuple[int, int]:
    """(half-typed answers saved at a stop, answers stored but never analysed)."""
    sql = (
        "SELECT SUM(status = 'interrupted'), SUM(status = 'answered') FROM attempts"
        " WHERE score IS NULL AND real = 0"
    )
    args: list[Any] = []
    if since:
        sql += " AND created_at >= ?"
        args.append(since)
    row = nb.db.execute(sql, args).fetchone()
    return int(row[0] or 0), int(row[1] or 0)
