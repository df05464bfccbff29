"""Reading the user's files: one clear line naming the file for every way it can fail."""

from __future__ import annotations

from pathlib import Path

from coach.errors import CoachError


def read_bytes(path: Path, shown: str | None = None) -> bytes:
    shown = shown or str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CoachError(f"{shown}: ファイルが見つかりません") from None
    except IsADirectoryError:
        raise CoachError(f"{shown}: ファイルではなくフォルダです") from None
    except OSError as exc:
        raise CoachError(f"{shown}: 読み込めません（{exc.strerror}）") from None


def decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CoachError(
            f"{where}: UTF-8 として読めません（{exc.start}バイト目）。UTF-8 で保存してください"
        ) from None


def read_text(path: Path, shown: str | None = None) -> str:
    """A UTF-8 text file (a byte-order mark is allowed)."""
    shown = shown or str(path)
    return decode(read_bytes(path, shown), shown)
