"""The cue words of the conduct, keigo and reverse-question rules (``patterns.yaml``), compiled
once per process. Kept apart from ``cues.yaml``: these cues feed rules only, never the labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PATTERNS_FILE = Path(__file__).with_name("patterns.yaml")
TABLES = ("examples", "example_roles", "targets")


@dataclass(frozen=True)
class Patterns:
    sections: dict[str, re.Pattern[str]]
    examples: dict[str, str]
    example_roles: dict[str, re.Pattern[str]]
    targets: dict[str, int]

    def __getattr__(self, name: str) -> re.Pattern[str]:
        try:
            return self.sections[name]
        except KeyError:
            raise AttributeError(name) from None


@cache
def patterns() -> Patterns:
    with PATTERNS_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    sections = {
        name: re.compile("|".join(f"(?:{e})" for e in entries))
        for name, entries in data.items()
        if name not in TABLES
    }
    return Patterns(
        sections=sections,
        examples={str(k): str(v) for k, v in data["examples"].items()},
        example_roles={str(k): re.compile(str(v)) for k, v in data["example_roles"].items()},
        targets={str(k): int(v) for k, v in data["targets"].items()},
    )
