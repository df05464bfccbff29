"""Writing a file the user named (an export, a mock report, a company template): one place that
refuses to overwrite without --force and turns an OSError into one Japanese line."""

from __future__ import annotations

from pathlib import Path

from coach.errors import CoachError


def refuse_existing(path: Path, force: bool) -> None:
    """Fail before any work is done when ``path`` exists and --force was not given, or is a
    symbolic link to nothing (writing through it would create a file wherever it points)."""
    if path.is_symlink() and not path.exists():
        raise CoachError(
            f"{path}: リンク先のないシンボリックリンクです。別の書き出し先を指定してください"
        )
    if path.exists() and not force:
        raise CoachError(
            f"{path}: すでにファイルがあります。上書きするには --force を付けてください"
        )


def write_output(path: Path, text: str, force: bool) -> Path:
    refuse_existing(path, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"{path}: 書き込めません（{exc.strerror}）") from None
    return path
