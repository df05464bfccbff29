"""One-way data flow in the analysis (issue 13 item 6): the label model builds the shown map
without editing the roles the rules read; rules that are "the first cue of a section" are data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from coach.analysis.elements import analyze_elements, rule_elements
from coach.analysis.rules import load_all
from coach.analysis.rules.cues import CUE_RULES_FILE

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "styles" / "sekou.jsonl"


def test_the_label_model_leaves_sentence_roles_alone_and_builds_the_shown_map() -> None:
    items = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    changed = 0
    for item in items[:80]:
        rules = rule_elements(item["answer"], "both", item.get("question"))
        final = analyze_elements(item["answer"], "both", item.get("question"), use_model=True)
        assert [s.roles for s in final.sentences] == [s.roles for s in rules.sentences]
        shown = [list(final.roles_of(s.index)) for s in final.sentences]
        changed += shown != [s.roles for s in final.sentences]
        # the map agrees with the checklist: a role the labels deny is never shown
        for role in ("reason", "example", "action", "result", "ingenuity"):
            if not final.labels[role]:
                assert all(role not in roles for roles in shown)
    assert changed  # the model did overrule the rules somewhere, so the check above means something


def test_first_cue_rules_are_entries_of_data() -> None:
    entries = yaml.safe_load(CUE_RULES_FILE.read_text(encoding="utf-8"))
    registry = load_all()
    assert {e["code"] for e in entries} >= {"R303", "R304", "D405", "D406"}
    for entry in entries:
        rule = registry[entry["code"]]
        assert (rule.name, rule.title, rule.priority) == (
            entry["name"],
            entry["title"],
            entry["priority"],
        )
        assert rule.check.__module__ == "coach.analysis.rules.cues"
