"""Reading the user's files: one clear line naming the file for every way it can fail.

Only regular files are read, and only up to a size limit: a named pipe (FIFO) would block
forever and ``/dev/zero`` would be read until memory runs out. The file is opened without
blocking and checked with ``fstat`` on the open descriptor, so what is checked is what is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from coach.errors import CoachError

# Banks, profiles, company files, batch and log files are text a person wrote or a script
# produced; 5 MB is far beyond any of them (the built-in banks together are under 200 KB).
MAX_FILE_BYTES = 5 * 1024 * 1024
# A batch file for `coach check --batch` is machine-made and may hold many thousands of answers
# (100,000 answers of a minute each are about 100 MB).
MAX_BATCH_BYTES = 512 * 1024 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO for reading must not wait for a writer
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

_NOT_REGULAR = (
    (stat.S_ISFIFO, "名前付きパイプ（FIFO）"),
    (stat.S_ISCHR, "デバイス"),
    (stat.S_ISBLK, "デバイス"),
    (stat.S_ISSOCK, "ソケット"),
)

_ERRNO_JA = {
    errno.EACCES: "読む権限がありません",
    errno.EPERM: "読む権限がありません",
    errno.ELOOP: "シンボリックリンクが循環しています",
    errno.ENAMETOOLONG: "パスが長すぎます",
    errno.ENOTDIR: "途中にフォルダではないものがあります",
    errno.EIO: "入出力エラー",
}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def _too_large(shown: str, size: int | None, limit: int) -> CoachError:
    actual = f"{_megabytes(size)} MB" if size is not None else f"{_megabytes(limit)} MB を超えます"
    return CoachError(
        f"{shown}: ファイルが大きすぎます（{actual}。読み込めるのは {_megabytes(limit)} MB まで）"
        "。分けて指定してください"
    )


def _os_error(shown: str, exc: OSError) -> CoachError:
    if isinstance(exc, FileNotFoundError):
        return CoachError(f"{shown}: ファイルが見つかりません")
    if isinstance(exc, IsADirectoryError):
        return CoachError(f"{shown}: ファイルではなくフォルダです")
    reason = _ERRNO_JA.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    return CoachError(f"{shown}: 読み込めません（{reason}）")


def read_bytes(path: Path, shown: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is a CoachError."""
    shown = shown or str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(shown, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CoachError(f"{shown}: ファイルではなくフォルダです")
        if not stat.S_ISREG(info.st_mode):
            kind = next(
                (name for test, name in _NOT_REGULAR if test(info.st_mode)), "特殊なファイル"
            )
            raise CoachError(
                f"{shown}: 通常のファイルではありません（{kind}）。ファイルを指定してください"
            )
        if info.st_size > limit:
            raise _too_large(shown, info.st_size, limit)
        # the size can be wrong (a file still growing, /proc reports 0): never read past the limit
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_large(shown, None, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _os_error(shown, exc) from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, shown: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit`` bytes of a stream (standard input): ``< /dev/zero`` is refused, not
    read until memory runs out."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise _too_large(shown, None, limit)
    return raw


def decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CoachError(
            f"{where}: UTF-8 として読めません（{exc.start}バイト目）。UTF-8 で保存してください"
        ) from None


def read_text(path: Path, shown: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file (a byte-order mark is allowed), a regular file of at most ``limit``."""
    shown = shown or str(path)
    return decode(read_bytes(path, shown, limit), shown)
