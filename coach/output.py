"""Writing a file the user named (an export, a mock report, a company template): the one writer.

It refuses to overwrite without --force (even a file that appears while the text is written),
never writes through a symbolic link that points nowhere (that would create a file wherever it
points), never leaves a half-written file (the text goes to a temporary file beside the target
first), and turns an OSError into one Japanese line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from coach.errors import CoachError


def refuse_existing(path: Path, force: bool) -> None:
    """Fail before any work is done when ``path`` exists and --force was not given, or is a
    symbolic link to nothing."""
    if path.is_symlink() and not path.exists():
        raise CoachError(
            f"{path}: リンク先のないシンボリックリンクです。別の書き出し先を指定してください"
        )
    if path.exists():
        if not path.is_file():
            raise CoachError(f"{path}: ファイルではありません。別の書き出し先を指定してください")
        if not force:
            raise _exists(path)


def _exists(path: Path) -> CoachError:
    return CoachError(f"{path}: すでにファイルがあります。上書きするには --force を付けてください")


def write_with(path: Path, fill: Callable[[TextIO], None], force: bool) -> Path:
    """Write what ``fill`` writes into a text stream to ``path``; return the file written (the
    link's target when ``path`` is a link to an existing file)."""
    refuse_existing(path, force)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with open(fd, "w", encoding="utf-8", newline="\n") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # never replaces: a file that appeared meanwhile stays
            except FileExistsError:
                raise _exists(path) from None
            except OSError:
                if path.exists():
                    raise
                os.replace(tmp, path)  # no hard links on this file system
    except OSError as exc:
        raise CoachError(f"{path}: 書き込めません（{exc.strerror}）") from None
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
    return path


def write_output(path: Path, text: str, force: bool) -> Path:
    def fill(out: TextIO) -> None:
        out.write(text)

    return write_with(path, fill, force)
