"""What went wrong with the notebook, in words the user can act on.

:class:`NotebookUnusable`: the file is not a notebook we can use (the move-aside message).
:class:`NotebookUnwritable`: a healthy notebook that cannot be written just now.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from coach.errors import CoachError

P = ParamSpec("P")
R = TypeVar("R")


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


def write_reason(exc: BaseException) -> str | None:
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


def unusable(path: Path, detail: str) -> NotebookUnusable:
    return NotebookUnusable(
        f"{path}: 面接ノート（履歴）のファイルを読めません（{detail}）。"
        "別の場所を使うには --home を指定するか、"
        "`coach notebook move-aside` でこのファイルを退避してから作り直してください"
    )


def describe(exc: BaseException, path: Path, timeout: float) -> CoachError | None:
    """The CoachError for an SQLite error, or None when it is not about the file."""
    reason = write_reason(exc)
    if reason is not None:
        detail = _REASONS_JA[reason].format(timeout=timeout, detail=exc)
        return NotebookUnwritable(f"{path}: 面接ノートに書き込めません。{detail}", reason)
    if _damaged(exc):
        return unusable(path, str(exc))
    return None


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite errors of a notebook method as the CoachError the user can act on."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            owner: Any = args[0]
            error = describe(exc, owner.path, owner.timeout)
            if error is None:
                raise
            raise error from None

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper
