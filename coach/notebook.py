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
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from coach import paths
from coach.errors import CoachError
from coach.sanitize import clean

if TYPE_CHECKING:
    from coach.analysis.model import Analysis

FILE_NAME = "history.db"
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another coach process before giving up
# PRAGMA quick_check reads the whole file (0.4 s at 100,000 answers, 400 MB); above this size
# damage is found when a page is read (cell_size_check) instead of on every start.
QUICK_CHECK_MAX_BYTES = 64 * 2**20
_HEADER = b"SQLite format 3\x00"

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
    (
        "0006_scores_for_stats",
        """
        -- covering: the statistics read this small index, not the analyses stored in each row
        CREATE INDEX attempts_scores ON attempts(category, labels, finding_codes, real, score,
            created_at) WHERE score IS NOT NULL;
        """,
    ),
]


P = ParamSpec("P")
R = TypeVar("R")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def db_path(home: Path | None = None) -> Path:
    return (home or paths.data_dir()) / FILE_NAME


class NotebookUnusable(CoachError):
    """The file is not a notebook we can use: damaged, empty, or another application's."""


class NotebookUnwritable(CoachError):
    """A notebook that cannot be written just now (locked, disk full, read-only).

    The file itself is not the problem, so the message never suggests moving it aside.
    ``reason`` is one of locked, full, readonly, io, cantopen.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


_REASON_NAMES = (
    ("SQLITE_BUSY", "locked"),
    ("SQLITE_LOCKED", "locked"),
    ("SQLITE_FULL", "full"),
    ("SQLITE_READONLY", "readonly"),
    ("SQLITE_PERM", "readonly"),
    ("SQLITE_IOERR", "io"),
    ("SQLITE_CANTOPEN", "cantopen"),
)
# Errors raised without an SQLite code (Python's own, or a test's) are read by their words.
_REASON_WORDS = (
    ("is locked", "locked"),
    ("is busy", "locked"),
    ("disk is full", "full"),
    ("readonly", "readonly"),
    ("read-only", "readonly"),
    ("disk i/o error", "io"),
    ("unable to open", "cantopen"),
)
_DAMAGE_WORDS = (
    "malformed",
    "not a database",
    "no such table",
    "no such column",
    "unsupported file format",
)
_REASONS_JA = {
    "locked": "ほかの coach などが使用中で、{timeout:g}秒待っても空きませんでした。"
    "ファイルが壊れたわけではありません。そちらを終えてからもう一度試してください",
    "full": "ディスクの空きがありません。ファイルが壊れたわけではありません。"
    "空きを作ってからもう一度試してください",
    "readonly": "ファイルかフォルダが読み取り専用です。ファイルが壊れたわけではありません。"
    "書き込める場所を --home で指定してください",
    "io": "ディスクの読み書きに失敗しました（{detail}）",
    "cantopen": "ファイルを開けません（{detail}）。フォルダがあり、書き込めるか確認してください",
}


def _write_reason(exc: BaseException) -> str | None:
    """Why a healthy notebook could not be written, or None if the error is something else."""
    if not isinstance(exc, sqlite3.OperationalError):
        return None
    name = getattr(exc, "sqlite_errorname", None) or ""
    for prefix, reason in _REASON_NAMES:
        if name.startswith(prefix):
            return reason
    words = str(exc).lower()
    for word, reason in _REASON_WORDS:
        if word in words:
            return reason
    return None


def _damaged(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", None) or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    words = str(exc).lower()
    return any(word in words for word in _DAMAGE_WORDS)


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite errors of a notebook method as the CoachError the user can act on."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            error = cast("Notebook", args[0])._error(exc)
            if error is None:
                raise
            raise error from None

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


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
                self._create()
            self._check_file()
            self.db = self._connect(self.path)
            try:
                self.migrate()
                self._quick_check()
                # only now: switching to WAL writes the header of whatever file this is
                _use_wal(self.db)
            except BaseException:
                self.db.close()
                raise
        except sqlite3.DatabaseError as exc:
            raise (self._error(exc) or self._unusable(str(exc))) from None

    def _unusable(self, detail: str) -> NotebookUnusable:
        return NotebookUnusable(
            f"{self.path}: 面接ノート（履歴）のファイルを読めません（{detail}）。"
            "別の場所を使うには --home を指定するか、"
            "`coach notebook move-aside` でこのファイルを退避してから作り直してください"
        )

    def _error(self, exc: BaseException) -> CoachError | None:
        """The CoachError for an SQLite error, or None when it is not about the file."""
        reason = _write_reason(exc)
        if reason is not None:
            detail = _REASONS_JA[reason].format(timeout=self.timeout, detail=exc)
            return NotebookUnwritable(f"{self.path}: 面接ノートに書き込めません。{detail}", reason)
        if _damaged(exc):
            return self._unusable(str(exc))
        return None

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

    def _create(self) -> None:
        """Build a complete notebook beside the path, then link it into place.

        Linking never replaces a file, so of several processes starting at once one wins and
        the others open its file; and no process ever sees a half-made notebook.
        """
        tmp = self.path.with_name(f".{self.path.name}.new-{os.getpid()}-{os.urandom(4).hex()}")
        try:
            db = self._connect(tmp)
            try:
                _use_wal(db)
                with _transaction(db):
                    _apply(db, 0)
            finally:
                db.close()
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass  # another process made it first: use theirs
            except OSError:
                _copy_without_link(tmp, self.path)
        except OSError as exc:
            raise NotebookUnwritable(
                f"{self.path}: 面接ノートを作れません（{exc.strerror}）", "cantopen"
            ) from None
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)

    def _check_file(self) -> None:
        """Refuse what is not an SQLite database before SQLite writes anything into it."""
        try:
            info = self.path.stat()
            if not self.path.is_file():
                raise self._unusable("ファイルではありません")
            if info.st_size == 0:
                raise self._unusable("空のファイルで、coach の面接ノートではありません")
            with self.path.open("rb") as f:
                header = f.read(len(_HEADER))
        except OSError as exc:
            raise CoachError(f"{self.path}: 面接ノートを読み込めません（{exc.strerror}）") from None
        if header != _HEADER:
            raise self._unusable("SQLite のデータベースではありません")

    def _quick_check(self) -> None:
        if self.path.stat().st_size > QUICK_CHECK_MAX_BYTES:
            return
        rows = self.db.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise self._unusable(f"整合性の検査で問題が見つかりました: {rows[0][0]}")

    def _check_tables(self, version: int) -> None:
        names = {
            r[0]
            for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if version == 0 and names:
            shown = "、".join(sorted(names)[:5])
            raise self._unusable(f"coach の面接ノートではないデータベースです（テーブル: {shown}）")
        missing = _tables_up_to(version) - names
        if missing:
            raise self._unusable(f"テーブル {'、'.join(sorted(missing))} がありません")

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
            self._check_tables(version)
            return []
        with self.transaction():
            version = self._user_version()
            self._refuse_newer(version)
            self._check_tables(version)
            return _apply(self.db, version)

    @property
    def version(self) -> int:
        return self._user_version()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with _transaction(self.db):
            yield self.db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------------

    @_guarded
    def start_session(
        self,
        kind: str = "practice",
        category: str | None = None,
        company: str | None = None,
        round: str | None = None,
        note: str | None = None,
    ) -> int:
        with self.transaction() as db:
            return _insert_session(db, kind, now(), category, company, round, note)

    @_guarded
    def save_report(self, session_id: int, report_json: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET report = ? WHERE id = ?", (report_json, session_id))

    @_guarded
    def reports(self, since: str | None = None) -> list[tuple[int, str]]:
        sql = "SELECT id, report FROM sessions WHERE report IS NOT NULL"
        args: list[Any] = []
        if since:
            sql += " AND started_at >= ?"
            args.append(since)
        return [(r["id"], r["report"]) for r in self.db.execute(sql + " ORDER BY id", args)]

    @_guarded
    def finish_session(self, session_id: int, status: str = "finished") -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET ended_at = ?, status = ? WHERE id = ?",
                (now(), status, session_id),
            )

    @_guarded
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
            return _insert_attempt(
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

    @_guarded
    def add_follow_up(
        self, attempt_id: int, question: str, answer: str, element: str | None
    ) -> None:
        with self.transaction() as db:
            _insert_follow_up(db, attempt_id, question, answer, element, now())

    @_guarded
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
                        _insert_follow_up(db, attempt_id, q, a, element, created_at)
                    return attempt_id if new else None
            known = db.execute(
                "SELECT id FROM attempts WHERE created_at = ? AND question = ? AND answer = ?",
                (created_at, clean(question), clean(answer)),
            ).fetchone()
            if known is not None:
                return None
            session = _insert_session(db, kind, created_at, category, company, round, "recovered")
            attempt = _insert_attempt(
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
                _insert_follow_up(db, attempt, q, a, element, created_at)
            db.execute(
                "UPDATE sessions SET ended_at = ?, status = 'interrupted' WHERE id = ?",
                (created_at, session),
            )
        return attempt

    @_guarded
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

    @_guarded
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
        where, args = _where(category, since, question_id, session_id, real, status, analysed)
        sql = "SELECT * FROM attempts" + where
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

    @_guarded
    def count_attempts(
        self,
        *,
        category: str | None = None,
        since: str | None = None,
        real: bool | None = None,
        status: str | None = None,
        analysed: bool | None = None,
    ) -> int:
        where, args = _where(category, since, None, None, real, status, analysed)
        return int(self.db.execute("SELECT COUNT(*) FROM attempts" + where, args).fetchone()[0])

    @_guarded
    def question_groups(
        self, *, category: str | None = None, since: str | None = None
    ) -> list[QuestionGroup]:
        """Every practised question with its count, latest and best scored attempt (a higher
        score, then a later one, is better), read row by row: memory grows with the number of
        questions, not of attempts."""
        where, args = _where(category, since, None, None, False, None, True)
        groups: dict[tuple[str | None, str], list[Any]] = {}
        for row in self.db.execute(
            "SELECT id, question_id, question, category, score, created_at FROM attempts"
            + where
            + " ORDER BY created_at, id",
            args,
        ):
            aid, qid, text, cat, score, created = tuple(row)
            group = groups.get((qid, text))
            if group is None:
                groups[(qid, text)] = [1, aid, cat, aid, (score, created)]
                continue
            group[0] += 1
            group[1], group[2] = aid, cat
            if (score, created) > group[4]:
                group[3], group[4] = aid, (score, created)
        return [
            QuestionGroup(qid, text, g[2], g[0], g[1], g[3]) for (qid, text), g in groups.items()
        ]

    @_guarded
    def previous_attempt(self, question_id: str, before_id: int | None = None) -> Attempt | None:
        sql = "SELECT * FROM attempts WHERE question_id = ? AND score IS NOT NULL"
        args: list[Any] = [question_id]
        if before_id is not None:
            sql += " AND id < ?"
            args.append(before_id)
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return self._attempts([row])[0] if row else None

    @_guarded
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

    @_guarded
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

    @_guarded
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

    @_guarded
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

    @_guarded
    def weakest_category(self) -> str | None:
        """The category with the lowest average score (general answers aside)."""
        row = self.db.execute(
            "SELECT category FROM attempts WHERE score IS NOT NULL AND category != 'general'"
            " GROUP BY category ORDER BY AVG(score) LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    # --- review schedule -----------------------------------------------------------------------

    @_guarded
    def review_card(self, question_id: str) -> ReviewCard | None:
        row = self.db.execute(
            "SELECT * FROM reviews WHERE question_id = ?", (question_id,)
        ).fetchone()
        return None if row is None else _review(row)

    @_guarded
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

    @_guarded
    def due_reviews(self, at: str, category: str | None = None) -> list[ReviewCard]:
        sql = "SELECT * FROM reviews WHERE due <= ?"
        args: list[Any] = [at]
        if category:
            sql += " AND category = ?"
            args.append(category)
        return [_review(r) for r in self.db.execute(sql + " ORDER BY due", args)]

    @_guarded
    def all_reviews(self) -> list[ReviewCard]:
        return [_review(r) for r in self.db.execute("SELECT * FROM reviews ORDER BY due")]


def _review(row: sqlite3.Row) -> ReviewCard:
    return ReviewCard(
        row["question_id"],
        row["category"],
        row["card"],
        row["due"],
        row["last_rating"],
        row["updated_at"],
    )


def _where(
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


def _use_wal(db: sqlite3.Connection) -> None:
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        # busy: the file keeps its rollback journal, which works too
        with suppress(sqlite3.OperationalError):
            db.execute("PRAGMA journal_mode = WAL")


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        # a COMMIT that failed (disk full) leaves the transaction open: close it too
        if db.in_transaction:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


def _apply(db: sqlite3.Connection, version: int) -> list[str]:
    """Run the migrations after ``version`` inside the caller's transaction."""
    applied = []
    for number, (name, sql) in enumerate(MIGRATIONS[version:], start=version + 1):
        for statement in _statements(sql):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
        applied.append(name)
    return applied


def _tables_up_to(version: int) -> set[str]:
    tables: set[str] = set()
    for _name, sql in MIGRATIONS[:version]:
        tables |= set(re.findall(r"CREATE TABLE (\w+)", sql))
        tables -= set(re.findall(r"DROP TABLE (\w+)", sql))
    return tables


def _copy_without_link(tmp: Path, path: Path) -> None:
    """Where hard links are not supported: claim the name, then copy the new notebook in.
    (Another process that opens the name during the copy sees an empty file and is refused.)"""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return
    os.close(fd)
    source, target = sqlite3.connect(tmp), sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _insert_session(
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


def _insert_attempt(
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


def _insert_follow_up(
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
