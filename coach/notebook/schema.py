"""The notebook's file: its migrations, how a new one is made and how an existing one is checked.

A new notebook is built complete in a temporary file and linked into place (:func:`create`), so a
``history.db`` that exists is either one of ours or someone else's. :func:`check_file` and
:func:`check_tables` refuse an empty file, another application's database or a damaged one
before anything is written into it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from coach.errors import CoachError
from coach.notebook.faults import NotebookUnwritable

HEADER = b"SQLite format 3\x00"

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
        "0006_indexes_for_stats_and_pending",
        """
        -- covering: the statistics read this small index, not the analyses stored in each row
        CREATE INDEX attempts_scores ON attempts(category, labels, finding_codes, real, score,
            created_at) WHERE score IS NOT NULL;
        -- the answers never analysed, found at every start without reading the table
        CREATE INDEX attempts_unscored ON attempts(created_at, id) WHERE score IS NULL;
        """,
    ),
    (
        "0007_indexes_for_progress_and_history",
        """
        -- covering, for coach stats without reading the analyses stored in each row:
        -- one question's attempts in order (its first and latest are two seeks) ...
        CREATE INDEX attempts_progress ON attempts(question_id, created_at, id, category, score,
            labels, finding_codes, real) WHERE score IS NOT NULL;
        -- ... and the last weeks' attempts (the weekly chart reads only those)
        CREATE INDEX attempts_recent ON attempts(created_at, category, score, labels,
            finding_codes, real) WHERE score IS NOT NULL;
        -- coach history: the latest attempts without sorting the whole table
        CREATE INDEX attempts_time ON attempts(created_at, id);
        """,
    ),
]


def statements(sql: str) -> Sequence[str]:
    out = []
    for part in sql.split(";"):
        lines = [line.split("--", 1)[0] for line in part.splitlines()]
        text = "\n".join(lines).strip()
        if text:
            out.append(text)
    return out


def apply(db: sqlite3.Connection, version: int) -> list[str]:
    """Run the migrations after ``version`` inside the caller's transaction."""
    applied = []
    for number, (name, sql) in enumerate(MIGRATIONS[version:], start=version + 1):
        for statement in statements(sql):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
        applied.append(name)
    return applied


def tables_up_to(version: int) -> set[str]:
    tables: set[str] = set()
    for _name, sql in MIGRATIONS[:version]:
        tables |= set(re.findall(r"CREATE TABLE (\w+)", sql))
        tables -= set(re.findall(r"DROP TABLE (\w+)", sql))
    return tables


def use_wal(db: sqlite3.Connection) -> None:
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        # busy: the file keeps its rollback journal, which works too
        with suppress(sqlite3.OperationalError):
            db.execute("PRAGMA journal_mode = WAL")


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
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


def create(path: Path, connect: Callable[[Path], sqlite3.Connection]) -> None:
    """Build a complete notebook beside the path, then link it into place.

    Linking never replaces a file, so of several processes starting at once one wins and
    the others open its file; and no process ever sees a half-made notebook.
    """
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        db = connect(tmp)
        try:
            use_wal(db)
            with transaction(db):
                apply(db, 0)
        finally:
            db.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            _copy_without_link(tmp, path)
    except OSError as exc:
        raise NotebookUnwritable(
            f"{path}: 面接ノートを作れません（{exc.strerror}）", "cantopen"
        ) from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def check_file(path: Path, unusable: Callable[[str], CoachError]) -> None:
    """Refuse what is not an SQLite database before SQLite writes anything into it."""
    try:
        info = path.stat()
        if not path.is_file():
            raise unusable("ファイルではありません")
        if info.st_size == 0:
            raise unusable("空のファイルで、coach の面接ノートではありません")
        with path.open("rb") as f:
            header = f.read(len(HEADER))
    except OSError as exc:
        raise CoachError(f"{path}: 面接ノートを読み込めません（{exc.strerror}）") from None
    if header != HEADER:
        raise unusable("SQLite のデータベースではありません")


def check_tables(
    db: sqlite3.Connection, version: int, unusable: Callable[[str], CoachError]
) -> None:
    names = {
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if version == 0 and names:
        shown = "、".join(sorted(names)[:5])
        raise unusable(f"coach の面接ノートではないデータベースです（テーブル: {shown}）")
    missing = tables_up_to(version) - names
    if missing:
        raise unusable(f"テーブル {'、'.join(sorted(missing))} がありません")


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
