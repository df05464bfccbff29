"""The cue words of the conduct, keigo and reverse-question rules (``patterns.yaml``), compiled
once per process. Kept apart from ``cues.yaml``: these cues feed rules only, never the labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from coach.analysis.lexicon import Compiled, alternation, compile_cue, probes

PATTERNS_FILE = Path(__file__).with_name("patterns.yaml")
TABLES = ("examples", "example_roles", "targets", "kanji_numbers")


@dataclass(frozen=True)
class Patterns:
    sections: dict[str, re.Pattern[str]]
    examples: dict[str, str]
    example_roles: dict[str, re.Pattern[str]]
    targets: dict[str, int]
    kanji_numbers: dict[str, int]
    # each section as the patterns that together match somewhere exactly when it does
    # (lexicon.probes): a quicker yes or no where a section is slow to search
    probes: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> re.Pattern[str]:
        # each section also a plain attribute, set the first time it is asked for (an instance
        # attribute is found at once; this is the fallback, run only after a failed lookup)
        try:
            pattern = self.sections[name]
        except KeyError:
            raise AttributeError(name) from None
        object.__setattr__(self, name, pattern)
        return pattern


def low_number_role(category: str, text: str) -> bool:
    """Care, nursing, teaching and back-office work, where numbers rarely show the result:
    the category says so, or the answer's own words do."""
    p = patterns()
    return bool(p.low_number_categories.search(category) or p.low_number_role.search(text))


def role_example(category: str, text: str) -> str:
    """R302's vague → concrete example for this kind of work (the first role that matches)."""
    p = patterns()
    for role, pattern in p.example_roles.items():
        if pattern.search(category) or pattern.search(text):
            return p.examples[role]
    return p.examples["default"]


@cache
def patterns() -> Patterns:
    with PATTERNS_FILE.open(encoding="utf-8") as fh:
        # libyaml's loader when there is one (as for cues.yaml): a tenth of the start-up time
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(fh, Loader=loader)
    sources = {
        str(name): alternation([str(e) for e in entries])
        for name, entries in data.items()
        if name not in TABLES
    }
    # compiled when first asked for (lexicon.Compiled): a batch needs fewer than all of them
    sections = Compiled(sources, lambda name: compile_cue(sources[name]))
    return Patterns(
        sections=sections,
        examples={str(k): str(v) for k, v in data["examples"].items()},
        example_roles={str(k): re.compile(str(v)) for k, v in data["example_roles"].items()},
        targets={str(k): int(v) for k, v in data["targets"].items()},
        kanji_numbers={str(k): int(v) for k, v in data["kanji_numbers"].items()},
        probes=Compiled(sources, lambda name: probes(sources[name])),
    )
