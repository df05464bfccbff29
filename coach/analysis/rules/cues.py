"""Rules that are "the first cue of a lexicon section": entries of ``cue_rules.yaml`` (data, as
in Vale), registered here with one reading function. A new rule of this kind is a new entry, not
new code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from coach.analysis.lexicon import lexicon
from coach.analysis.rules import (
    ALL_STRUCTURES,
    ANSWER_STRUCTURES,
    Draft,
    Hit,
    quoted,
    rule,
    unquoted,
)
from coach.analysis.rules.patterns import patterns
from coach.analysis.substance import fixed_before

CUE_RULES_FILE = Path(__file__).with_name("cue_rules.yaml")
_STRUCTURES = {"all": ALL_STRUCTURES, "answers": ANSWER_STRUCTURES}


def _fixed_since(draft: Draft, index: int) -> bool:
    """「以後、納期が遅れたことは一度もありません」 closing a story the speaker owns is the
    outcome of a fix, not a denial of failure."""
    s = draft.sentence(index)
    return s.cue("result_marker") and fixed_before(draft.body, index)


# The named exceptions an entry may give as `unless`.
EXCEPTIONS: dict[str, Callable[[Draft, int], bool]] = {"fixed_since": _fixed_since}


def _check(entry: dict[str, Any]) -> Callable[[Draft], Iterator[Hit]]:
    section = entry["section"]
    found = entry["found"]
    every = entry["sentences"] == "all"
    outside_quotes = bool(entry["outside_quotes"])
    with_ending = entry["word"] == "ending"
    unless = EXCEPTIONS[entry["unless"]] if entry.get("unless") else None
    also = entry.get("also")  # a section of patterns.yaml whose cues count too

    # the sentence's cue memo says where the section was already searched for and not found
    # (not for ownership: its memo is a reading, not a search; nor with quotes taken out or
    # with the extra cues, which the memo does not cover)
    memo_holds = not outside_quotes and not also and section != "ownership"

    def check(draft: Draft) -> Iterator[Hit]:
        pattern = lexicon().patterns[section]
        extra = patterns().sections[also] if also else None
        for s in draft.elements.sentences if every else draft.body:
            if memo_holds and s.cues.get(section) is False:
                continue
            norm = unquoted(s.norm) if outside_quotes else s.norm
            m = pattern.search(norm) or (extra.search(norm) if extra is not None else None)
            if m is None:
                continue
            if unless is not None and unless(draft, s.index):
                return
            word = quoted(norm, m) if with_ending else m.group(0).rstrip("、")
            yield Hit(s.index, found.format(word))
            return

    return check


def register() -> None:
    with CUE_RULES_FILE.open(encoding="utf-8") as fh:
        entries = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for entry in entries:
        structures = entry["structures"]
        rule(
            entry["code"],
            entry["name"],
            level=entry["level"],
            title=entry["title"],
            summary=entry["summary"],
            rationale=entry["rationale"],
            fix=entry["fix"],
            bad=entry["bad"],
            good=entry["good"],
            structures=_STRUCTURES.get(structures, structures)
            if isinstance(structures, str)
            else structures,
            priority=int(entry["priority"]),
            penalty=int(entry["penalty"]),
        )(_check(entry))


register()
