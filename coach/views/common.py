"""Pieces every screen uses: user text shown literally, score colours, durations, local times."""

from __future__ import annotations

from rich.text import Text


def literal(text: str, style: str = "") -> Text:
    """User or bank text, shown exactly as written (control characters made visible)."""
    return Text(_visible(text), style=style)


def _visible(text: str) -> str:
    # Escape sequences and other control characters would drive the terminal; show them.
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"^{chr(code + 64) if code < 0x20 else '?'}")
        elif 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    return "".join(out)


def paragraph(text: str) -> str:
    """Join a bank paragraph's soft line breaks (Japanese needs no space between lines)."""
    return "".join(line.strip() for line in text.splitlines())


LEVEL_MARK = {"error": ("✖", "bold red"), "warning": ("▲", "yellow"), "info": ("●", "cyan")}


def score_style(score: int) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}分{seconds % 60:02d}秒" if seconds >= 60 else f"{seconds}秒"


def local_time(stamp: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
