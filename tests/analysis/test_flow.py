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
        changed += shown != [list(s.roles) for s in final.sentences]
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


def _regex_literals(path: Path) -> list[str]:
    """String literals handed to re.compile/search/match/sub/split/findall in a module."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def test_no_cue_words_in_regex_literals_of_the_sentence_logic() -> None:
    analysis = Path(__file__).resolve().parents[2] / "coach" / "analysis"
    for name in ("elements.py", "opening.py"):
        assert _regex_literals(analysis / name) == [], name
    interviews = analysis.parent / "interviews.py"
    # the question that invites the candidate's questions is data too
    assert not any("逆質問" in lit for lit in _regex_literals(interviews))


def test_the_speakers_own_device_is_one_list() -> None:
    from coach.analysis.lexicon import lexicon

    lex = lexicon()
    for entry in lex.raw["own_device"]:
        assert entry in lex.ingenuity_marker.pattern  # the wider cue includes the one list
    elements = rule_elements(
        "前職で誤出荷を防ぐために、あえて出荷前の確認を二人で行う手順にしました。", "both"
    )
    assert elements.sentences[0].named_device and elements.rule_labels["ingenuity"]


def test_the_answer_screen_never_hides_a_cue_a_sentence_has() -> None:
    from coach.analysis.lexicon import lexicon

    lex = lexicon()
    items = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    screened = 0
    for item in items[::4]:
        elements = rule_elements(item["answer"], "both")
        absent = lex.absent("\n".join(s.norm for s in elements.sentences))
        screened += len(absent)
        for unit in [*elements.sentences, *elements.clauses]:
            for section in absent:
                assert lex.patterns[section].search(unit.norm) is None, (section, unit.norm)
                assert unit.cue(section) is False
    assert screened  # some sections were skipped, so the check above means something


def test_sentences_are_frozen_once_prepared() -> None:
    import dataclasses

    import pytest

    elements = analyze_elements(
        "前職で、私は出荷の手順書を作り直しました。その結果、誤出荷が月5件から1件に減りました。",
        "both",
        use_model=True,
    )
    sentence = elements.sentences[1]
    assert "result" in sentence.roles and isinstance(sentence.roles, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.roles = ("action",)  # type: ignore[misc]
    # the label model's map lives beside the sentences, not in them
    assert "result" in elements.roles_of(1)


def _duplicate_keys(text: str) -> list[str]:
    """Keys said twice in one mapping: yaml.safe_load keeps the last silently, so a new section
    named like an old one would replace it without a word."""
    found: list[str] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if key.value in seen:
                    found.append(f"{key.value} (line {key.start_mark.line + 1})")
                seen.add(key.value)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    root = yaml.compose(text)
    if root is not None:
        walk(root)
    return found


def test_no_data_file_of_the_analysis_names_a_section_twice() -> None:
    files = sorted((Path(__file__).resolve().parents[2] / "coach").rglob("*.yaml"))
    assert files
    for path in files:
        assert _duplicate_keys(path.read_text(encoding="utf-8")) == [], path.name


def test_a_section_named_twice_is_found() -> None:
    assert _duplicate_keys("a: [x]\nb: [y]\na: [z]\n") == ["a (line 3)"]
