"""The interview notebook (自分専用の面接ノート): every attempt, kept in SQLite.

One file, ``history.db``, in the data folder. The schema grows by an append-only list of named
migrations; ``PRAGMA user_version`` counts how many have run. WAL mode and a busy timeout let
several coach processes write at once. Every answer is written as soon as it is typed — before it
is analysed or rendered — so nothing typed is lost if anything later fails.

A new notebook is built complete in a temporary file and linked into place, so a ``history.db``
that exists is either one of ours or someone else's: an empty file, another application's
database or a damaged one is refused (:class:`NotebookUnusable`, the move-aside message) and never
gets our schema written into it. Migrations of an older file run in one ``BEGIN IMMEDIATE``
transaction that re-reads the version, so concurrent first starts cannot apply one twice.

A healthy file that cannot be written just now (locked past the busy timeout, disk full,
read-only) is :class:`NotebookUnwritable`: the caller keeps the answer elsewhere
(:mod:`coach.recovery`) and never tells the user to move the file aside.

The notebook hands out typed records (:class:`Attempt`, :class:`SessionRow`,
:class:`ScoredRow`, :class:`ReviewCard`), returns values and raises
:class:`~coach.errors.CoachError` for files it cannot use; it never prints.

The package: ``schema`` (migrations, making and checking the file), ``faults`` (the errors),
``records`` (the typed records), ``rows`` (shared SQL); this module the :class:`Notebook`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths
from coach.errors import CoachError
from coach.notebook import schema
from coach.notebook.faults import (
    NotebookUnusable,
    NotebookUnwritable,
    describe,
    guarded,
    unusable,
)
from coach.notebook.records import (
    Attempt,
    QuestionGroup,
    ReviewCard,
    ScoredRow,
    ScoreGroup,
    SessionRow,
    review_card,
)
from coach.notebook.rows import insert_attempt, insert_follow_up, insert_session, where
from coach.notebook.schema import MIGRATIONS
from coach.sanitize import clean

if TYPE_CHECKING:
    from coach.analysis.model import Analysis

__all__ = [
    "MIGRATIONS",
    "Attempt",
    "Notebook",
    "NotebookUnusable",
    "NotebookUnwritable",
    "QuestionGroup",
    "ReviewCard",
    "ScoreGroup",
    "ScoredRow",
    "SessionRow",
    "db_path",
    "move_aside",
    "now",
    "open_notebook",
]

FILE_NAME = "history.db"
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another coach process before giving up
# PRAGMA quick_check reads the whole file (0.4 s at 100,000 answers, 400 MB); above this size
# damage is found when a page is read (cell_size_check) instead of on every start.
QUICK_CHECK_MAX_BYTES = 64 * 2**20


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def db_path(home: Path | None = None) -> Path:
    return (home or paths.data_dir()) / FILE_NAME


class Notebook:
    """A connection to history.db. Use as a context manager or call close()."""

    def __init__(self, path: Path | None = None, *, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = path or db_path()
        self.timeout = timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CoachError(
                f"{self.path.parent}: データフォルダを作れません（{exc.strerror}）"
            ) from None
        try:
            if not os.path.lexists(self.path):
                schema.create(self.path, self._connect)
            schema.check_file(self.path, self._unusable)
            self.db = self._connect(self.path)
            try:
                self.migrate()
                self._quick_check()
                # only now: switching to WAL writes the header of whatever file this is
                schema.use_wal(self.db)
            except BaseException:
                self.db.close()
                raise
        except sqlite3.DatabaseError as exc:
            raise (self._error(exc) or self._unusable(str(exc))) from None

    def _unusable(self, detail: str) -> NotebookUnusable:
        return unusable(self.path, detail)

    def _error(self, exc: BaseException) -> CoachError | None:
        return describe(exc, self.path, self.timeout)

    # --- opening and the schema -------------------------------------------------------------

    def _connect(self, path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=self.timeout, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            # a damaged page read later is then an error, not wrong data
            db.execute("PRAGMA cell_size_check = ON")
            db.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            db.close()
            raise
        return db

    def _quick_check(self) -> None:
        if self.path.stat().st_size > QUICK_CHECK_MAX_BYTES:
            return
        rows = self.db.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise self._unusable(f"整合性の検査で問題が見つかりました: {rows[0][0]}")

    def _user_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _refuse_newer(self, version: int) -> None:
        if version > len(MIGRATIONS):
            raise CoachError(
                f"{self.path}: このファイルは新しいバージョンの coach で作られています"
                f"（スキーマ {version} > {len(MIGRATIONS)}）。coach を更新してください"
            )

    def migrate(self) -> list[str]:
        """Apply the migrations this file has not seen yet; return their names.

        All of them in one BEGIN IMMEDIATE transaction that reads the version again once it
        holds the write lock: another process may have migrated the file while this one waited.
        """
        version = self._user_version()
        self._refuse_newer(version)
        if version == len(MIGRATIONS):
            schema.check_tables(self.db, version, self._unusable)
            return []
        with self.transaction():
            version = self._user_version()
            self._refuse_newer(version)
            schema.check_tables(self.db, version, self._unusable)
            return schema.apply(self.db, version)

    @property
    def version(self) -> int:
        return self._user_version()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with schema.transaction(self.db):
            yield self.db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------------

    @guarded
    def start_session(
        self,
        kind: str = "practice",
        category: str | None = None,
        company: str | None = None,
        round: str | None = None,
        note: str | None = None,
    ) -> int:
        with self.transaction() as db:
            return insert_session(db, kind, now(), category, company, round, note)

    @guarded
    def save_report(self, session_id: int, report_json: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET report = ? WHERE id = ?", (report_json, session_id))

    @guarded
    def reports(self, since: str | None = None) -> list[tuple[int, str]]:
        sql = "SELECT id, report FROM sessions WHERE report IS NOT NULL"
        args: list[Any] = []
        if since:
            sql += " AND started_at >= ?"
            args.append(since)
        return [(r["id"], r["report"]) for r in self.db.execute(sql + " ORDER BY id", args)]

    @guarded
    def finish_session(self, session_id: int, status: str = "finished") -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET ended_at = ?, status = ? WHERE id = ?",
                (now(), status, session_id),
            )

    @guarded
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
        """Write the answer as typed (control characters removed), before anything else
        happens to it."""
        with self.transaction() as db:
            return insert_attempt(
                db,
                session_id,
                category=category,
                question=question,
                answer=answer,
                question_id=question_id,
                duration_s=duration_s,
                status=status,
                real=real,
                created_at=now(),
            )

    @guarded
    def add_follow_up(
        self, attempt_id: int, question: str, answer: str, element: str | None
    ) -> None:
        with self.transaction() as db:
            insert_follow_up(db, attempt_id, question, answer, element, now())

    @guarded
    def restore(
        self,
        *,
        kind: str,
        created_at: str,
        category: str,
        question: str,
        answer: str,
        question_id: str | None = None,
        follow_ups: Sequence[tuple[str, str, str | None]] = (),
        duration_s: float | None = None,
        status: str = "answered",
        real: bool = False,
        company: str | None = None,
        round: str | None = None,
        attempt_id: int | None = None,
    ) -> int | None:
        """Store an answer kept outside the notebook (a recovery file) in a session of its own,
        in one transaction. Returns the attempt's id, or None when the notebook already holds
        this answer (same time, question and text), so importing twice adds nothing.

        With ``attempt_id`` (the answer was stored, its follow-up replies were not), the
        replies the attempt lacks are added to it when it still holds this question and answer.
        """
        with self.transaction() as db:
            if attempt_id is not None:
                row = db.execute(
                    "SELECT question, answer FROM attempts WHERE id = ?", (attempt_id,)
                ).fetchone()
                if row is not None and tuple(row) == (clean(question), clean(answer)):
                    have = {
                        (r[0], r[1])
                        for r in db.execute(
                            "SELECT question, answer FROM follow_ups WHERE attempt_id = ?",
                            (attempt_id,),
                        )
                    }
                    new = [f for f in follow_ups if (clean(f[0]), clean(f[1])) not in have]
                    for q, a, element in new:
                        insert_follow_up(db, attempt_id, q, a, element, created_at)
                    return attempt_id if new else None
            known = db.execute(
                "SELECT id FROM attempts WHERE created_at = ? AND question = ? AND answer = ?",
                (created_at, clean(question), clean(answer)),
            ).fetchone()
            if known is not None:
                return None
            session = insert_session(db, kind, created_at, category, company, round, "recovered")
            attempt = insert_attempt(
                db,
                session,
                category=category,
                question=question,
                answer=answer,
                question_id=question_id,
                duration_s=duration_s,
                status=status,
                real=real,
                created_at=created_at,
            )
            for q, a, element in follow_ups:
                insert_follow_up(db, attempt, q, a, element, created_at)
            db.execute(
                "UPDATE sessions SET ended_at = ?, status = 'interrupted' WHERE id = ?",
                (created_at, session),
            )
        return attempt

    @guarded
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

    @guarded
    def attempt(self, attempt_id: int) -> Attempt:
        row = self.db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise CoachError(
                f"回答 #{attempt_id} は面接ノートにありません（coach history で確認できます）"
            )
        return self._attempts([row])[0]

    def _attempts(self, rows: Sequence[sqlite3.Row]) -> list[Attempt]:
        """Attempts of rows, with their follow-ups read in one query for all of them."""
        follow: dict[int, list[tuple[str, str, str | None]]] = {}
        if rows:
            marks = ",".join("?" * len(rows))
            for f in self.db.execute(
                "SELECT attempt_id, question, answer, element FROM follow_ups"
                f" WHERE attempt_id IN ({marks}) ORDER BY attempt_id, position",
                [r["id"] for r in rows],
            ):
                follow.setdefault(f[0], []).append((f[1], f[2], f[3]))
        return [
            Attempt(
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
                follow_ups=follow.get(row["id"], []),
            )
            for row in rows
        ]

    def iter_attempts(
        self,
        *,
        category: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        question_id: str | None = None,
        session_id: int | None = None,
        real: bool | None = None,
        status: str | None = None,
        analysed: bool | None = None,
        newest_first: bool = True,
    ) -> Iterator[Attempt]:
        """Attempts one page at a time: any number of them in bounded memory."""
        clause, args = where(category, since, question_id, session_id, real, status, analysed)
        sql = "SELECT * FROM attempts" + clause
        sql += " ORDER BY created_at DESC, id DESC" if newest_first else " ORDER BY created_at, id"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        try:
            cursor = self.db.execute(sql, args)
            while rows := cursor.fetchmany(256):
                yield from self._attempts(rows)
        except sqlite3.DatabaseError as exc:
            raise (self._error(exc) or exc) from None

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
        return list(
            self.iter_attempts(
                category=category,
                since=since,
                limit=limit,
                question_id=question_id,
                session_id=session_id,
                newest_first=newest_first,
            )
        )

    @guarded
    def count_attempts(
        self,
        *,
        category: str | None = None,
        since: str | None = None,
        real: bool | None = None,
        status: str | None = None,
        analysed: bool | None = None,
    ) -> int:
        clause, args = where(category, since, None, None, real, status, analysed)
        return int(self.db.execute("SELECT COUNT(*) FROM attempts" + clause, args).fetchone()[0])

    @guarded
    def question_groups(
        self, *, category: str | None = None, since: str | None = None
    ) -> list[QuestionGroup]:
        """Every practised question with its count, first, latest and best scored attempt (a higher
        score, then a later one, is better), read row by row: memory grows with the number of
        questions, not of attempts."""
        clause, args = where(category, since, None, None, False, None, True)
        groups: dict[tuple[str | None, str], list[Any]] = {}
        for row in self.db.execute(
            "SELECT id, question_id, question, category, score, created_at FROM attempts"
            + clause
            + " ORDER BY created_at, id",
            args,
        ):
            aid, qid, text, cat, score, created = tuple(row)
            group = groups.get((qid, text))
            if group is None:
                groups[(qid, text)] = [1, aid, cat, aid, (score, created), aid]
                continue
            group[0] += 1
            group[1], group[2] = aid, cat
            if (score, created) > group[4]:
                group[3], group[4] = aid, (score, created)
        return [
            QuestionGroup(qid, text, g[2], g[0], g[1], g[3], g[5])
            for (qid, text), g in groups.items()
        ]

    @guarded
    def previous_attempt(self, question_id: str, before_id: int | None = None) -> Attempt | None:
        sql = "SELECT * FROM attempts WHERE question_id = ? AND score IS NOT NULL"
        args: list[Any] = [question_id]
        if before_id is not None:
            sql += " AND id < ?"
            args.append(before_id)
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return self._attempts([row])[0] if row else None

    @guarded
    def sessions(self, *, category: str | None = None, limit: int = 20) -> list[SessionRow]:
        # The average is the one the session's summary showed: each question's latest scored
        # attempt (a retry replaces the attempt before it).
        condition = ""
        args: list[Any] = []
        if category:
            condition = (
                " WHERE s.category = ?"
                " OR EXISTS (SELECT 1 FROM attempts a WHERE a.session_id = s.id AND a.category = ?)"
            )
            args += [category, category]
        sql = (
            "WITH recent AS (SELECT s.* FROM sessions s"
            + condition
            + " ORDER BY s.started_at DESC,"
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

    @guarded
    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])

    def iter_scored(self, since: str | None = None) -> Iterator[ScoredRow]:
        """Scored attempts, oldest first, for the statistics."""
        sql = (
            "SELECT category, question_id, score, labels, finding_codes, created_at, real"
            " FROM attempts WHERE score IS NOT NULL"
        )
        args: list[Any] = []
        if since:
            sql += " AND created_at >= ?"
            args.append(since)
        # a few hundred distinct label and finding sets among any number of answers: decode each
        # once (the rows share the decoded values; nobody may change them)
        decoded: dict[str, Any] = {}

        def loads(text: str) -> Any:
            value = decoded.get(text)
            if value is None:
                value = decoded[text] = json.loads(text)
            return value

        try:
            cursor = self.db.execute(sql + " ORDER BY created_at, id", args)
            cursor.row_factory = None  # plain tuples: this loop runs once per attempt
            for category, qid, score, labels, codes, created, real in cursor:
                yield ScoredRow(
                    category,
                    qid,
                    int(score),
                    loads(labels) if labels else {},
                    loads(codes) if codes else [],
                    created,
                    bool(real),
                )
        except sqlite3.DatabaseError as exc:
            raise (self._error(exc) or exc) from None

    def scored_rows(self, since: str | None = None) -> list[ScoredRow]:
        return list(self.iter_scored(since))

    @guarded
    def score_groups(self, since: str | None = None) -> list[ScoreGroup]:
        """Scored attempts grouped in SQL, earliest group first."""
        sql = (
            "SELECT category, labels, finding_codes, real, COUNT(*), SUM(score), MAX(score),"
            " MIN(created_at), MIN(id)"
            " FROM attempts INDEXED BY attempts_scores WHERE score IS NOT NULL"
        )
        args: list[Any] = []
        if since:
            sql += " AND created_at >= ?"
            args.append(since)
        sql += " GROUP BY category, labels, finding_codes, real ORDER BY MIN(created_at), MIN(id)"
        return [
            ScoreGroup(
                r[0],
                json.loads(r[1]) if r[1] else {},
                json.loads(r[2]) if r[2] else [],
                bool(r[3]),
                int(r[4]),
                int(r[5]),
                int(r[6]),
                (r[7], int(r[8])),
            )
            for r in self.db.execute(sql, args)
        ]

    @guarded
    def recent_scores(self, category: str, count: int, since: str | None = None) -> list[int]:
        """The category's last count scores, oldest first (read backwards along its index)."""
        sql = "SELECT score FROM attempts WHERE category = ? AND score IS NOT NULL"
        args: list[Any] = [category]
        if since:
            sql += " AND created_at >= ?"
            args.append(since)
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        args.append(count)
        return [int(r[0]) for r in self.db.execute(sql, args)][::-1]

    @guarded
    def weakest_category(self) -> str | None:
        """The category with the lowest average score (general answers aside)."""
        row = self.db.execute(
            "SELECT category FROM attempts WHERE score IS NOT NULL AND category != 'general'"
            " GROUP BY category ORDER BY AVG(score) LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    # --- review schedule -----------------------------------------------------------------------

    @guarded
    def review_card(self, question_id: str) -> ReviewCard | None:
        row = self.db.execute(
            "SELECT * FROM reviews WHERE question_id = ?", (question_id,)
        ).fetchone()
        return None if row is None else review_card(row)

    @guarded
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

    @guarded
    def due_reviews(self, at: str, category: str | None = None) -> list[ReviewCard]:
        sql = "SELECT * FROM reviews WHERE due <= ?"
        args: list[Any] = [at]
        if category:
            sql += " AND category = ?"
            args.append(category)
        return [review_card(r) for r in self.db.execute(sql + " ORDER BY due", args)]

    @guarded
    def all_reviews(self) -> list[ReviewCard]:
        return [review_card(r) for r in self.db.execute("SELECT * FROM reviews ORDER BY due")]


def open_notebook(home: Path | None = None) -> Notebook:
    return Notebook(db_path(home))


def move_aside(home: Path | None = None) -> Path | None:
    """Rename an unusable history.db (and its WAL files) so a fresh one can be created."""
    path = db_path(home)
    if not os.path.lexists(path):
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
