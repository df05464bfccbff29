"""SQL the notebook's methods share: filters and the inserts (text cleaned before it is kept)."""

from __future__ import annotations

import sqlite3
from typing import Any

from coach.sanitize import clean


def where(
    category: str | None,
    since: str | None,
    question_id: str | None,
    session_id: int | None,
    real: bool | None,
    status: str | None,
    analysed: bool | None,
) -> tuple[str, list[Any]]:
    sql = " WHERE 1=1"
    args: list[Any] = []
    if category:
        sql += " AND category = ?"
        args.append(category)
    if since:
        sql += " AND created_at >= ?"
        args.append(since)
    if question_id:
        sql += " AND question_id = ?"
        args.append(question_id)
    if session_id is not None:
        sql += " AND session_id = ?"
        args.append(session_id)
    if real is not None:
        sql += " AND real = ?"
        args.append(int(real))
    if status is not None:
        sql += " AND status = ?"
        args.append(status)
    if analysed is not None:
        sql += " AND score IS NOT NULL" if analysed else " AND score IS NULL"
    return sql, args


def insert_session(
    db: sqlite3.Connection,
    kind: str,
    started_at: str,
    category: str | None,
    company: str | None,
    round: str | None,
    note: str | None,
) -> int:
    cur = db.execute(
        "INSERT INTO sessions (kind, started_at, category, company, round, note)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            kind,
            started_at,
            category,
            None if company is None else clean(company),
            None if round is None else clean(round),
            note,
        ),
    )
    return int(cur.lastrowid or 0)


def insert_attempt(
    db: sqlite3.Connection,
    session_id: int,
    *,
    category: str,
    question: str,
    answer: str,
    question_id: str | None,
    duration_s: float | None,
    status: str,
    real: bool,
    created_at: str,
) -> int:
    question, answer, category = clean(question), clean(answer), clean(category)
    (count,) = db.execute(
        "SELECT COUNT(*) FROM attempts WHERE question_id IS ? AND question = ?",
        (question_id, question),
    ).fetchone()
    cur = db.execute(
        "INSERT INTO attempts (session_id, question_id, category, question, answer,"
        " attempt_no, duration_s, status, created_at, real)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session_id,
            question_id,
            category,
            question,
            answer,
            int(count) + 1,
            duration_s,
            status,
            created_at,
            int(real),
        ),
    )
    return int(cur.lastrowid or 0)


def insert_follow_up(
    db: sqlite3.Connection,
    attempt_id: int,
    question: str,
    answer: str,
    element: str | None,
    created_at: str,
) -> None:
    (position,) = db.execute(
        "SELECT COUNT(*) FROM follow_ups WHERE attempt_id = ?", (attempt_id,)
    ).fetchone()
    db.execute(
        "INSERT INTO follow_ups (attempt_id, position, element, question, answer,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (attempt_id, position, element, clean(question), clean(answer), created_at),
    )
