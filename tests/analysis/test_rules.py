"""Every rule runs against its own fixture file of valid and invalid answers.

tests/fixtures/rules/<CODE>.yaml holds `invalid` answers (the rule must fire) and `valid` ones (it
must not), each with the category it is checked in. A meta-test fails when a registered rule has
no fixture file, or when a fixture names a rule that does not exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.analysis import analyze, rules
from coach.banks import load_catalog
from coach.checking import resolve_category
from coach.domain import FAMILY_JA

from support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
REGISTRY = rules.load_all()


def _cases() -> list[Any]:
    out = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("invalid", "valid"):
            for i, case in enumerate(data.get(kind) or []):
                out.append(pytest.param(data["code"], kind, case, id=f"{data['code']}-{kind}-{i}"))
    return out


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog()


def context_for(case: dict[str, Any]) -> Any:
    if "profile" not in case and "company" not in case:
        return None
    from support import context_from_fixture

    return context_from_fixture(case)


@pytest.mark.parametrize(("code", "kind", "case"), _cases())
def test_rule_fixture(code: str, kind: str, case: dict[str, Any], catalog: Any) -> None:
    category, structure = resolve_category(catalog, case.get("category"))
    rule = REGISTRY[code]
    assert structure in rule.structures, (
        f"{code} does not apply to {category}: fixture proves nothing"
    )
    analysis = analyze(
        case["answer"],
        category=category,
        structure=structure,
        question=case.get("question"),
        context=context_for(case),
    )
    hits = [f for f in analysis.findings if f.code == code]
    if kind == "invalid":
        assert hits, f"{code} should fire on: {case['answer']}"
        if "sentence" in case:
            assert hits[0].sentence == case["sentence"]
        message = hits[0].message
        assert "（" in message and "。" in message  # what / where / how to fix
    else:
        assert not hits, f"{code} should not fire: {hits[0].message if hits else ''}"


def test_every_rule_has_fixtures() -> None:
    files = {p.stem for p in FIXTURES.glob("*.yaml")}
    missing = sorted(set(REGISTRY) - files)
    assert not missing, f"rules without fixtures: {missing}"
    unknown = sorted(files - set(REGISTRY))
    assert not unknown, f"fixtures for unknown rules: {unknown}"
    for path in FIXTURES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["code"] == path.stem
        assert len(data.get("invalid") or []) >= 2, path.name
        assert len(data.get("valid") or []) >= 2, path.name


def test_rule_codes_and_names_are_unique_and_well_formed() -> None:
    import re

    names = [r.name for r in REGISTRY.values()]
    assert len(names) == len(set(names))
    for code, r in REGISTRY.items():
        assert re.fullmatch(r"[SARDQNT]\d{3}", code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
        assert r.family in FAMILY_JA
        for text in (r.title, r.summary, r.rationale, r.fix, r.bad, r.good):
            assert text and any("\u3040" <= ch <= "\u9fff" for ch in text), (code, text)


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    from coach.views.markdown import rules_markdown

    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(REGISTRY), (
        "docs/rules.md is stale: run `coach rules --markdown > docs/rules.md`"
    )


def test_cue_lexicon_sections_compile_and_have_no_duplicates() -> None:
    from coach.analysis.lexicon import CUES_FILE, PATTERN_SECTIONS

    text = Path(CUES_FILE).read_text(encoding="utf-8")
    keys = [node.value for node, _ in yaml.compose(text).value]
    assert len(keys) == len(set(keys)), "a section is defined twice in cues.yaml"
    data = yaml.safe_load(text)
    for section in PATTERN_SECTIONS:
        entries = data[section]
        assert len(entries) == len(set(entries)), section
