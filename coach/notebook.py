"""The interview notebook (自分専用の面接ノート): every attempt, kept in SQLite.

One file, ``history.db``, in the data folder. The schema grows by an append-only list of named
migrations; ``PRAGMA user_version`` counts how many have run. WAL mode and a busy timeout let
two coach processes write at once. Every answer is written as soon as it is typed — before it is
analysed or rendered — so nothing typed is lost if anything later fails.

The notebook returns values and raises :class:`~coach.errors.CoachError` for files it cannot
use; it never prints.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.analysis.model import Analysis

FILE_NAME = "history.db"

# Append-only: never edit or reorder an entry that has shipped; add a new one.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_sessions_attempts_follow_ups",
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT 'practice',      -- practice | mock | real
            started_at TEXT NOT NULL,
            ended_at TEXT,
            category TEXT,
            company TEXT,
            round TEXT,
            status TEXT NOT NULL DEFAULT 'open'         -- open | finished | interrupted
        );
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            question_id TEXT,
            category TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            attempt_no INTEGER NOT NULL DEFAULT 1,
            duration_s REAL,
            status TEXT NOT NULL DEFAULT 'answered',    -- answered | interrupted
            created_at TEXT NOT NULL,
            score INTEGER,
            labels TEXT,                                -- JSON object of the ten labels
            finding_codes TEXT,                         -- JSON list of rule codes
            analysis TEXT                               -- the full analysis JSON, as shown
        );
        CREATE INDEX attempts_question ON attempts(question_id, created_at);
        CREATE INDEX attempts_category ON attempts(category, created_at);
        CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL REFERENCES attempts(id),
            position INTEGER NOT NULL,
            element TEXT,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX follow_ups_attempt ON follow_ups(attempt_id);
        """,
    ),
    (
        "0002_review_schedule",
        """
        CREATE TABLE reviews (
            question_id TEXT PRIMARY KEY,
            category TEXT NOT NULL,
            card TEXT NOT NULL,                         -- fsrs Card as JSON
            due TEXT NOT NULL,
            last_rating INTEGER,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX reviews_due ON reviews(due);
        """,
    ),
    (
        "0003_real_interviews",
        """
        ALTER TABLE attempts ADD COLUMN real INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sessions ADD COLUMN note TEXT;
        """,
    ),
    (
        "0004_mock_reports",
        """
        ALTER TABLE sessions ADD COLUMN report TEXT;       -- a mock interview's report (JSON)
        """,
    ),
    (
        "0005_attempts_by_session",
        """
        CREATE INDEX attempts_session ON attempts(session_id, id);
        """,
    ),
]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def db_path(home: Path | None = None) -> Path:
    return (home or paths.data_dir()) / FILE_NAME


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


class Notebook:
    """A connection to history.db. Use as a context manager or call close()."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise self._unusable(exc) from None

    def _unusable(self, exc: Exception) -> CoachError:
        return CoachError(
            f"{self.path}: 面接ノート（履歴）のファイルを読めません（{exc}）。"
            "別の場所を使うには --home を指定するか、"
            "`coach notebook move-aside` でこのファイルを退避してから作り直してください"
        )

    # --- schema ----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations this file has not seen yet; return their names."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise CoachError(
                f"{self.path}: このファイルは新しいバージョンの coach で作られています"
                f"（スキーマ {version} > {len(MIGRATIONS)}）。coach を更新してください"
            )
        applied = []
        for number, (name, sql) in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
            applied.append(name)
        return applied

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------------

    def start_session(
        self,
        kind: str = "practice",
        category: str | None = None,
        company: str | None = None,
        round: str | None = None,
        note: str | None = None,
    ) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO sessions (kind, started_at, category, company, round, note)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (kind, now(), category, company, round, note),
            )
        return int(cur.lastrowid or 0)

    def save_report(self, session_id: int, report_json: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET report = ? WHERE id = ?", (report_json, session_id))

    def reports(self, since: str | None = None) -> list[tuple[int, str]]:
        sql = "SELECT id, report FROM sessions WHERE report IS NOT NULL"
        args: list[Any] = []
        if since:
            sql += " AND started_at >= ?"
            args.append(since)
        return [(r["id"], r["report"]) for r in self.db.execute(sql + " ORDER BY id", args)]

    def finish_session(self, session_id: int, status: str = "finished") -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET ended_at = ?, status = ? WHERE id = ?",
                (now(), status, session_id),
            )

    def record_answer(
        self,
        session_id: int,
        *,
        category: str,
        question: str,
        answer: str,
        question_id: str | None = None,
        duration_s: float | None = None,
        status: str = "answered",
        real: bool = False,
    ) -> int:
        """Write the answer as typed, before anything else happens to it."""
        with self.transaction() as db:
            row = db.execute(
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
                    int(row[0]) + 1,
                    duration_s,
                    status,
                    now(),
                    int(real),
                ),
            )
        return int(cur.lastrowid or 0)

    def add_follow_up(
        self, attempt_id: int, question: str, answer: str, element: str | None
    ) -> None:
        with self.transaction() as db:
            (position,) = db.execute(
                "SELECT COUNT(*) FROM follow_ups WHERE attempt_id = ?", (attempt_id,)
            ).fetchone()
            db.execute(
                "INSERT INTO follow_ups (attempt_id, position, element, question, answer,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (attempt_id, position, element, question, answer, now()),
            )

    def save_analysis(self, attempt_id: int, analysis: Analysis) -> None:
        data = analysis.to_json()
        with self.transaction() as db:
            db.execute(
                "UPDATE attempts SET score = ?, labels = ?, finding_codes = ?, analysis = ?"
                " WHERE id = ?",
                (
                    analysis.score,
                    json.dumps(data["labels"]),
                    json.dumps([f.code for f in analysis.findings]),
                    json.dumps(data, ensure_ascii=False),
                    attempt_id,
                ),
            )

    # --- reading -----------------------------------------------------------------------------

    def attempt(self, attempt_id: int) -> Attempt:
        row = self.db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise CoachError(
                f"回答 #{attempt_id} は面接ノートにありません（coach history で確認できます）"
            )
        return self._attempt(row)

    def _attempt(self, row: sqlite3.Row) -> Attempt:
        follow = self.db.execute(
            "SELECT question, answer, element FROM follow_ups WHERE attempt_id = ?"
            " ORDER BY position",
            (row["id"],),
        ).fetchall()
        return Attempt(
            id=row["id"],
            session_id=row["session_id"],
            question_id=row["question_id"],
            category=row["category"],
            question=row["question"],
            answer=row["answer"],
            attempt_no=row["attempt_no"],
            duration_s=row["duration_s"],
            status=row["status"],
            created_at=row["created_at"],
            score=row["score"],
            labels=json.loads(row["labels"]) if row["labels"] else {},
            finding_codes=json.loads(row["finding_codes"]) if row["finding_codes"] else [],
            analysis=json.loads(row["analysis"]) if row["analysis"] else None,
            real=bool(row["real"]),
            follow_ups=[(f["question"], f["answer"], f["element"]) for f in follow],
        )

    def attempts(
        self,
        *,
        category: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        question_id: str | None = None,
        session_id: int | None = None,
        newest_first: bool = True,
    ) -> list[Attempt]:
        sql = "SELECT * FROM attempts WHERE 1=1"
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
        sql += " ORDER BY created_at DESC, id DESC" if newest_first else " ORDER BY created_at, id"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [self._attempt(r) for r in self.db.execute(sql, args).fetchall()]

    def previous_attempt(self, question_id: str, before_id: int | None = None) -> Attempt | None:
        sql = "SELECT * FROM attempts WHERE question_id = ? AND score IS NOT NULL"
        args: list[Any] = [question_id]
        if before_id is not None:
            sql += " AND id < ?"
            args.append(before_id)
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return self._attempt(row) if row else None

    def sessions(self, *, category: str | None = None, limit: int = 20) -> list[SessionRow]:
        # The average is the one the session's summary showed: each question's latest scored
        # attempt (a retry replaces the attempt before it).
        where = ""
        args: list[Any] = []
        if category:
            where = (
                " WHERE s.category = ?"
                " OR EXISTS (SELECT 1 FROM attempts a WHERE a.session_id = s.id AND a.category = ?)"
            )
            args += [category, category]
        sql = (
            "WITH recent AS (SELECT s.* FROM sessions s" + where + " ORDER BY s.started_at DESC,"
            " s.id DESC LIMIT ?)"
            " SELECT r.*,"
            " (SELECT COUNT(*) FROM attempts a WHERE a.session_id = r.id) AS n,"
            " (SELECT AVG(a.score) FROM attempts a WHERE a.id IN"
            "   (SELECT MAX(b.id) FROM attempts b WHERE b.session_id = r.id"
            "    AND b.score IS NOT NULL GROUP BY COALESCE(b.question_id, b.question)))"
            " AS avg"
            " FROM recent r ORDER BY r.started_at DESC, r.id DESC"
        )
        args.append(limit)
        return [
            SessionRow(
                id=r["id"],
                kind=r["kind"],
                started_at=r["started_at"],
                ended_at=r["ended_at"],
                category=r["category"],
                company=r["company"],
                round=r["round"],
                status=r["status"],
                attempts=r["n"],
                average=r["avg"],
            )
            for r in self.db.execute(sql, args).fetchall()
        ]

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])

    def scored_rows(self, since: str | None = None) -> list[sqlite3.Row]:
        """(category, question_id, score, labels, finding_codes, created_at) for stats."""
        sql = (
            "SELECT category, question_id, score, labels, finding_codes, created_at, real"
            " FROM attempts WHERE score IS NOT NULL"
        )
        args: list[Any] = []
        if since:
            sql += " AND created_at >= ?"
            args.append(since)
        return self.db.execute(sql + " ORDER BY created_at, id", args).fetchall()

    # --- review schedule -----------------------------------------------------------------------

    def review_card(self, question_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute(
            "SELECT * FROM reviews WHERE question_id = ?", (question_id,)
        ).fetchone()
        return row

    def save_review(
        self, question_id: str, category: str, card_json: str, due: str, rating: int
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reviews (question_id, category, card, due, last_rating, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(question_id) DO UPDATE SET"
                " category = excluded.category, card = excluded.card, due = excluded.due,"
                " last_rating = excluded.last_rating, updated_at = excluded.updated_at",
                (question_id, category, card_json, due, rating, now()),
            )

    def due_reviews(self, at: str, category: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM reviews WHERE due <= ?"
        args: list[Any] = [at]
        if category:
            sql += " AND category = ?"
            args.append(category)
        return self.db.execute(sql + " ORDER BY due", args).fetchall()

    def all_reviews(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM reviews ORDER BY due").fetchall()


def _statements(sql: str) -> Sequence[str]:
    out = []
    for part in sql.split(";"):
        lines = [line.split("--", 1)[0] for line in part.splitlines()]
        text = "\n".join(lines).strip()
        if text:
            out.append(text)
    return out


def open_notebook(home: Path | None = None) -> Notebook:
    return Notebook(db_path(home))


def move_aside(home: Path | None = None) -> Path | None:
    """Rename an unusable history.db (and its WAL files) so a fresh one can be created."""
    path = db_path(home)
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
