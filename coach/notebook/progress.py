"""The notebook read for `coach stats` beyond the totals (:meth:`Notebook.score_groups`): the
weeks, each question's first and latest counted attempt, the latest counted scores. Grouped in
SQL along covering indexes, so a few hundred rows come back at any number of answers.

Which attempts count is decided here, once: :func:`partial` names the practice answers that are
a word or a line (the 短すぎる finding) with nothing but a first sentence in them and no red
flag: a test run (「テスト」), a slip of the Enter key, 「はい」. They are shown apart and kept out
of every average. A short answer with a red flag (他責, 抽象的) said something that matters, and
a real interview's answer is what happened: both always count. :data:`PARTIAL_SQL` is the same
test in SQL (tests check that the two agree on every answer).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
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


def _has(label: str) -> str:
    # the notebook writes labels with json.dumps: {"reason": true, ...}
    return f"instr(COALESCE(labels, ''), '\"{label}\": true') > 0"


PARTIAL_SQL = (
    f"(real = 0 AND instr(COALESCE(finding_codes, ''), '\"{SHORT_CODE}\"') > 0"
    " AND instr(COALESCE(finding_codes, ''), '\"R') = 0"
    f" AND NOT ({' OR '.join(_has(label) for label in _ATTEMPTED)}))"
)


@dataclass(frozen=True)
class WeekGroup:
    """The counted attempts of one category in one week (Monday first, local time)."""

    week: str  # the Monday, YYYY-MM-DD
    category: str
    count: int
    total: int  # the sum of their scores
    present: dict[str, int]  # label: how many of them have it


@dataclass(frozen=True)
class QuestionSpan:
    """One question's counted attempts: how many, the first and the latest score."""

    question_id: str
    category: str
    count: int  # 2 stands for "two or more": only that is read
    first: int
    latest: int


def _since(sql: str, args: list[Any], since: str | None) -> str:
    if since:
        args.append(since)
        return sql + " AND created_at >= ?"
    return sql


@guarded
def week_groups(nb: Notebook, weeks: int, since: str | None = None) -> list[WeekGroup]:
    """The counted attempts per week (local time) and category, for the last ``weeks`` weeks
    up to the latest answer: only those rows pay for reading the labels."""
    latest = nb.db.execute("SELECT MAX(created_at) FROM attempts").fetchone()[0]
    if latest is None:
        return []
    cut = _monday(latest) - timedelta(weeks=weeks - 1)
    # the local Monday is at most a day away from the UTC one: start a day early, drop later
    start = (cut - timedelta(days=1)).isoformat()
    labels = [label_for(e) for e in ELEMENTS]
    args: list[Any] = [max(start, since or "")]
    sql = (
        "SELECT substr(created_at, 1, 13), category, labels, COUNT(*), SUM(score)"
        " FROM attempts INDEXED BY attempts_recent"
        f" WHERE score IS NOT NULL AND created_at >= ? AND NOT {PARTIAL_SQL}"
        " GROUP BY 1, 2, 3"
    )
    decoded: dict[str, dict[str, bool]] = {}
    merged: dict[tuple[str, str], list[int]] = {}
    for hour, category, text, count, total in nb.db.execute(sql, args):
        monday = _monday(hour + ":00:00+00:00")
        if monday < cut:
            continue
        found = decoded.get(text)
        if found is None:
            found = decoded[text] = json.loads(text) if text else {}
        sums = merged.setdefault((monday.isoformat(), category), [0] * (2 + len(labels)))
        sums[0] += int(count)
        sums[1] += int(total)
        for i, label in enumerate(labels, start=2):
            if found.get(label):
                sums[i] += int(count)
    return [
        WeekGroup(week, category, n[0], n[1], dict(zip(labels, n[2:], strict=True)))
        for (week, category), n in sorted(merged.items())
    ]


@lru_cache(maxsize=1024)
def _monday(stamp: str) -> date:
    """The Monday (local time) of the week of an ISO time."""
    day = datetime.fromisoformat(stamp).astimezone().date()
    return day - timedelta(days=day.weekday())


@guarded
def question_spans(nb: Notebook, since: str | None = None) -> list[QuestionSpan]:
    """The questions with two counted attempts or more, with their first and latest score:
    the questions found by skipping along their index, then two seeks each."""
    args: list[Any] = []
    where = _since(f"score IS NOT NULL AND NOT {PARTIAL_SQL}", args, since)

    def pick(order: str) -> str:
        return (
            "(SELECT printf('%010d %d %s', id, score, category) FROM attempts a"
            " INDEXED BY attempts_progress"
            f" WHERE a.question_id = q.id AND {where} ORDER BY {order} LIMIT 1)"
        )

    sql = (
        "WITH RECURSIVE q(id) AS ("
        " SELECT MIN(question_id) FROM attempts INDEXED BY attempts_progress"
        "  WHERE score IS NOT NULL AND question_id IS NOT NULL"
        " UNION ALL SELECT (SELECT MIN(question_id) FROM attempts INDEXED BY attempts_progress"
        "  WHERE score IS NOT NULL AND question_id > q.id) FROM q WHERE q.id IS NOT NULL)"
        f" SELECT id, {pick('created_at, id')}, {pick('created_at DESC, id DESC')}"
        " FROM q WHERE id IS NOT NULL"
    )
    spans = []
    for qid, first, latest in nb.db.execute(sql, args * 2):
        if first is None or first == latest:  # none counted, or just one
            continue
        (_, low, category), (_, high, _) = first.split(" ", 2), latest.split(" ", 2)
        spans.append(QuestionSpan(qid, category, 2, int(low), int(high)))
    return spans


@guarded
def recent_counted(nb: Notebook, category: str, count: int, since: str | None = None) -> list[int]:
    """The category's last ``count`` counted scores, oldest first (read backwards along its
    index)."""
    args: list[Any] = [category]
    sql = _since(
        "SELECT score FROM attempts WHERE category = ? AND score IS NOT NULL"
        f" AND NOT {PARTIAL_SQL}",
        args,
        since,
    )
    args.append(count)
    rows = nb.db.execute(sql + " ORDER BY created_at DESC, id DESC LIMIT ?", args)
    return [int(r[0]) for r in rows][::-1]


@guarded
def unscored_counts(nb: Notebook, since: str | None = None) -> tuple[int, int]:
    """(half-typed answers saved at a stop, answers stored but never analysed)."""
    args: list[Any] = []
    sql = _since(
        "SELECT SUM(status = 'interrupted'), SUM(status = 'answered') FROM attempts"
        " WHERE score IS NULL AND real = 0",
        args,
        since,
    )
    row = nb.db.execute(sql, args).fetchone()
    return int(row[0] or 0), int(row[1] or 0)
