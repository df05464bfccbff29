"""Finding and removing attempts: `coach history --search / --question` and `coach delete`.

Functions over an open :class:`~coach.notebook.Notebook` (kept out of its module, which holds
the file's life cycle). They return values or raise :class:`~coach.errors.CoachError`.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.notebook.faults import guarded

if TYPE_CHECKING:
    from coach.notebook import Attempt, Notebook


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Text as search compares it: full-width and half-width forms alike (ＡＢＣ, ｶﾀｶﾅ), case
    ignored."""
    return unicodedata.normalize("NFKC", text).casefold()


def _fold_sql(text: str | None) -> str:
    # long answers are seldom searched twice: fold them without filling the cache
    if text is None:
        return ""
    return fold(text) if len(text) < 200 else unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class Match:
    attempt: Attempt
    where: str  # 質問 | 回答 | 追加質問 | 追加質問への回答
    excerpt: str  # the words around the first match, as stored (NFKC)


def excerpt(text: str, needle: str, width: int = 16) -> str | None:
    """The words around the first match of the folded ``needle``, as the user typed them."""
    flat = text.replace("\n", " ")
    # fold character by character, remembering where each folded piece came from
    folded, origin = [], []
    for i, ch in enumerate(flat):
        piece = fold(ch)
        folded.append(piece)
        origin += [i] * len(piece)
    at = "".join(folded).find(needle)
    if at < 0:  # a match across characters NFKC joins (ｶﾞ → ガ): show the folded text
        flat = unicodedata.normalize("NFKC", flat)
        at = flat.casefold().find(needle)
        if at < 0:
            return None
        start, end = at, at + len(needle)
    else:
        start, end = origin[at], origin[at + len(needle) - 1] + 1
    start, end = max(0, start - width), min(len(flat), end + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


@guarded
def search(nb: Notebook, text: str, *, category: str | None = None, limit: int = 50) -> list[Match]:
    """Attempts whose question, answer or follow-ups contain ``text`` (width and case
    ignored), newest first."""
    needle = fold(text.strip())
    if not needle:
        raise CoachError("--search に探す言葉を指定してください（例: --search 工程表）")
    nb.db.create_function("coach_fold", 1, _fold_sql, deterministic=True)
    sql = (
        "SELECT * FROM attempts a WHERE (instr(coach_fold(a.question), ?)"
        " OR instr(coach_fold(a.answer), ?)"
        " OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.attempt_id = a.id"
        "  AND (instr(coach_fold(f.question), ?) OR instr(coach_fold(f.answer), ?))))"
    )
    args: list[object] = [needle] * 4
    if category:
        sql += " AND a.category = ?"
        args.append(category)
    sql += " ORDER BY a.created_at DESC, a.id DESC LIMIT ?"
    args.append(limit)
    found = nb._attempts(nb.db.execute(sql, args).fetchall())
    return [_match(a, needle) for a in found]


def _match(a: Attempt, needle: str) -> Match:
    places: list[tuple[str, str]] = [("回答", a.answer), ("質問", a.question)]
    for q, ans, _element in a.follow_ups:
        places += [("追加質問への回答", ans), ("追加質問", q)]
    for where, text in places:
        found = excerpt(text, needle)
        if found is not None:
            return Match(a, where, found)
    return Match(a, "回答", "")  # folded SQL and Python agree, so this is not reached


@guarded
def question_attempts(nb: Notebook, question_id: str) -> list[Attempt]:
    """One question's attempts, oldest first (scored, unscored and half-typed alike)."""
    rows = nb.db.execute(
        "SELECT * FROM attempts WHERE question_id = ? ORDER BY created_at, id", (question_id,)
    ).fetchall()
    return nb._attempts(rows)


@dataclass(frozen=True)
class Deleted:
    attempts: list[int]
    questions: list[tuple[str, str]]  # (question_id, category) whose review card must be redone
    sessions: list[int]  # sessions left with no attempt, removed with them
    reports: list[int]  # mock sessions whose report quoted a removed answer: report removed


@guarded
def find(nb: Notebook, ids: Sequence[int]) -> list[Attempt]:
    """The attempts with these ids, in the order given; an unknown id is one error line
    naming every unknown id."""
    wanted = list(dict.fromkeys(ids))
    marks = ",".join("?" * len(wanted))
    rows = nb.db.execute(f"SELECT * FROM attempts WHERE id IN ({marks})", wanted).fetchall()
    by_id = {a.id: a for a in nb._attempts(rows)}
    unknown = [i for i in wanted if i not in by_id]
    if unknown:
        shown = "、".join(f"#{i}" for i in unknown)
        raise CoachError(
            f"回答 {shown} は面接ノートにありません（coach history で ID を確認できます）。"
            "何も削除していません"
        )
    return [by_id[i] for i in wanted]


def _with_report(db: sqlite3.Connection, sessions: Sequence[int]) -> list[int]:
    """Those of ``sessions`` that have a mock report, in order."""
    if not sessions:
        return []
    marks = ",".join("?" * len(sessions))
    rows = db.execute(
        f"SELECT id FROM sessions WHERE id IN ({marks}) AND report IS NOT NULL ORDER BY id",
        list(sessions),
    )
    return [int(r[0]) for r in rows]


@guarded
def reports_quoting(nb: Notebook, attempts: Iterable[Attempt]) -> list[int]:
    """The sessions whose mock report quotes one of these answers: deleting the answers
    removes those reports too (the confirmation says so first)."""
    return _with_report(nb.db, sorted({a.session_id for a in attempts}))


@guarded
def delete(nb: Notebook, attempts: Iterable[Attempt]) -> Deleted:
    """Remove the attempts and their follow-ups in one transaction; sessions left empty go too,
    and a mock report that quoted a removed answer is removed with it. The attempt numbers
    (n回目) of the questions are counted again. The caller redoes the review cards."""
    chosen = list(attempts)
    ids = [a.id for a in chosen]
    if not ids:
        return Deleted([], [], [], [])
    marks = ",".join("?" * len(ids))
    sessions = sorted({a.session_id for a in chosen})
    smarks = ",".join("?" * len(sessions))
    with nb.transaction() as db:
        db.execute(f"DELETE FROM follow_ups WHERE attempt_id IN ({marks})", ids)
        db.execute(f"DELETE FROM attempts WHERE id IN ({marks})", ids)
        reports = _with_report(db, sessions)
        db.execute(f"UPDATE sessions SET report = NULL WHERE id IN ({smarks})", sessions)
        empty = [
            int(r[0])
            for r in db.execute(
                f"SELECT id FROM sessions s WHERE id IN ({smarks})"
                " AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.session_id = s.id)",
                sessions,
            )
        ]
        if empty:
            db.execute(f"DELETE FROM sessions WHERE id IN ({','.join('?' * len(empty))})", empty)
        for qid, question in {(a.question_id, a.question) for a in chosen}:
            _renumber(nb, qid, question)
    questions = sorted({(a.question_id, a.category) for a in chosen if a.question_id})
    return Deleted(ids, questions, empty, [r for r in reports if r not in empty])


def _renumber(nb: Notebook, question_id: str | None, question: str) -> None:
    rows = nb.db.execute(
        "SELECT id FROM attempts WHERE question_id IS ? AND question = ? ORDER BY id",
        (question_id, question),
    ).fetchall()
    nb.db.executemany(
        "UPDATE attempts SET attempt_no = ? WHERE id = ? AND attempt_no != ?",
        [(n, r[0], n) for n, r in enumerate(rows, start=1)],
    )


@guarded
def drop_review(nb: Notebook, question_id: str) -> None:
    with nb.transaction() as db:
        db.execute("DELETE FROM reviews WHERE question_id = ?", (question_id,))


HISTORY_SCHEMA = 1  # `coach history --json`: bump when a field changes meaning or goes away


def attempt_record(a: Attempt) -> dict[str, object]:
    """One attempt as `coach history --json` writes it (the fields the README lists)."""
    from coach.sanitize import clean

    return {
        "id": a.id,
        "session_id": a.session_id,
        "created_at": a.created_at,
        "category": a.category,
        "question_id": a.question_id,
        "question": clean(a.question),
        "answer": clean(a.answer),
        "attempt_no": a.attempt_no,
        "status": "unanalysed" if a.pending else a.status,
        "real": a.real,
        "score": a.score,
        "duration_s": a.duration_s,
        "elements": a.present,
        "missing": a.missing,
        "red_flags": [code for code, _title in a.red_flags],
        "finding_codes": a.finding_codes,
        "follow_ups": [
            {"question": clean(q), "answer": clean(ans), "element": element}
            for q, ans, element in a.follow_ups
        ],
    }


@guarded
def mock_sessions(
    nb: Notebook, since: str | None = None
) -> list[tuple[int, str, str | None, str | None]]:
    """(id, started_at, company, report JSON or None) of every mock interview with an answer
    or a report, oldest first."""
    sql = (
        "SELECT id, started_at, company, report FROM sessions s WHERE kind = 'mock'"
        " AND (report IS NOT NULL OR EXISTS (SELECT 1 FROM attempts a WHERE a.session_id = s.id))"
    )
    args: list[object] = []
    if since:
        sql += " AND started_at >= ?"
        args.append(since)
    rows = nb.db.execute(sql + " ORDER BY started_at, id", args)
    return [(int(r[0]), str(r[1]), r[2], r[3]) for r in rows]
