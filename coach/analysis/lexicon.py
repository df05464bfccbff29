"""The cue lexicon (``cues.yaml``), compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CUES_FILE = Path(__file__).with_name("cues.yaml")

PATTERN_SECTIONS = (
    "preface",
    "conclusion_marker",
    "conclusion_topic",
    "stance_ending",
    "scene_opener",
    "frame_sentence",
    "state_ending",
    "answer_announce",
    "asks_job",
    "reason_marker",
    "reason_ending",
    "cause_clause",
    "decision_predicate",
    "claim_predicate",
    "situating",
    "hypothetical",
    "example_marker",
    "future",
    "first_person",
    "team_subject",
    "other_subject",
    "result_marker",
    "mishap_ending",
    "thought_clause",
    "outcome_opener",
    "ingenuity_marker",
    "purpose_clause",
    "date_like",
    "magnitude_words",
    "blame",
    "ownership",
    "vague",
    "generic",
    "eagerness",
    "over_adapting",
    "perfectionism",
    "defensive",
    "hedge_ending",
    "filler",
    "casual",
    "decline",
    "question",
    "conditions_topic",
    "work_topic",
    "clause_break",
    "disfluency",
    "empty_reason",
    "empty_result",
    "empty_ingenuity",
    "axis_conditions",
    "generic_motive",
    "already_known",
    "substance_marker",
)
WORD_SECTIONS = ("non_action_verbs", "counter", "generic_content", "not_a_choice")


@dataclass(frozen=True)
class Lexicon:
    patterns: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]
    raw: dict[str, list[str]]

    def __getattr__(self, name: str) -> re.Pattern[str]:
        try:
            return self.patterns[name]
        except KeyError:
            raise AttributeError(name) from None


def _alternation(entries: list[str]) -> str:
    return "|".join(f"(?:{e})" for e in entries)


def compile_lexicon(data: dict[str, Any]) -> Lexicon:
    patterns: dict[str, re.Pattern[str]] = {}
    raw: dict[str, list[str]] = {}
    for section in PATTERN_SECTIONS:
        entries = [str(e) for e in data.get(section) or []]
        if not entries:
            raise ValueError(f"cues.yaml: section '{section}' is empty or missing")
        raw[section] = entries
        patterns[section] = re.compile(_alternation(entries))
    words = {s: frozenset(str(w) for w in data.get(s) or []) for s in WORD_SECTIONS}
    counters = sorted(words["counter"], key=len, reverse=True)
    # A magnitude: digits (with decimals or separators), optionally 数/約/over, then a counter.
    patterns["quantity"] = re.compile(
        r"(?<![0-9.,])\d+(?:[.,]\d+)*\s*(?:" + "|".join(re.escape(c) for c in counters) + ")"
    )
    patterns["bare_preface"] = re.compile(
        # atomic: a preface matched once is not re-split (that backtracking was exponential)
        # (so an entry must come before any shorter entry it starts with: cues.yaml says so)
        r"^(?:(?>" + _alternation(raw["preface"]) + r")[、,。.!！\s]*)+$"
    )
    return Lexicon(patterns, words, raw)


@cache
def lexicon() -> Lexicon:
    with CUES_FILE.open(encoding="utf-8") as fh:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(fh, Loader=loader)
    return compile_lexicon(data)
