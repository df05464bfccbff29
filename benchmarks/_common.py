"""What the benchmark scripts share: where the repository is, the installed `coach`, and sample
answers from the development corpus."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def coach_command() -> str:
    """The `coach` installed beside this Python, else the one on PATH."""
    coach = Path(sys.executable).parent / "coach"
    return str(coach) if coach.exists() else (shutil.which("coach") or "coach")


def corpus_items(path: Path) -> list[dict[str, Any]]:
    """The labelled answers of one corpus file (JSON Lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus_answers(name: str = "dev.jsonl") -> list[str]:
    """The answer texts of one corpus file under tests/corpus."""
    return [item["answer"] for item in corpus_items(CORPUS / name)]
