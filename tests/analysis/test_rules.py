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


# --- #15: levels and messages that a fixture (fires / does not fire) cannot show -------------


def _check(answer: str, category: str, question: str | None = None, **ctx: Any) -> Any:
    catalog = load_catalog()
    category, structure = resolve_category(catalog, category)
    return analyze(
        answer,
        category=category,
        structure=structure,
        question=question,
        context=context_for(ctx) if ctx else None,
    )


def _finding(analysis: Any, code: str) -> Any:
    return next((f for f in analysis.findings if f.code == code), None)


def test_too_long_is_advice_just_over_a_minute_and_a_warning_well_past_it() -> None:
    data = yaml.safe_load((FIXTURES / "D402.yaml").read_text(encoding="utf-8"))
    answers = {len(c["answer"]): c for c in data["invalid"] if "秒" not in c["question"]}
    shortest, longest = answers[min(answers)], answers[max(answers)]
    assert 400 < min(answers) <= 480 < max(answers)
    mild = _finding(_check(shortest["answer"], shortest["category"], shortest["question"]), "D402")
    sharp = _finding(_check(longest["answer"], longest["category"], longest["question"]), "D402")
    assert (mild.level, sharp.level) == ("info", "warning")
    assert mild.penalty < sharp.penalty
    assert "少し長め" in mild.message and "大きく超えて" in sharp.message


def test_conclusion_not_first_is_advice_on_an_episode_question() -> None:
    answer = (
        "はい、あります。前職の物流センターでは、毎朝8時に出荷の仕分けを始める決まりがありました。"
        "ある年の年末、仕分けの担当が2人休んだ日に、出荷が昼まで遅れたことがありました。"
    )
    episode = _finding(
        _check(answer, "problem-solving", "困難を乗り越えた経験はありますか。"), "S101"
    )
    view = _finding(
        _check(answer, "thinking", "仕事で大切にしていることを教えてください。"), "S101"
    )
    assert episode is not None and episode.level == "info"
    assert view is not None and view.level == "warning"


def test_vague_example_follows_the_kind_of_work() -> None:
    care = _finding(
        _check(
            "利用者さんのために、いつも一生懸命頑張ってきました。様々な経験を積み、柔軟に対応してきました。",
            "role-care",
            "介護の仕事で大切にしてきたことは何ですか。",
        ),
        "R302",
    )
    sales = _finding(
        _check(
            "新規開拓では、いつも一生懸命頑張ってきました。様々な経験を積み、柔軟に対応してきました。",
            "role-sales",
            "営業の仕事で大切にしてきたことは何ですか。",
        ),
        "R302",
    )
    assert care is not None and sales is not None
    assert "毎日30件電話" not in care.message and "巡回" in care.message
    assert "毎日30件電話" in sales.message


def test_website_question_scores_below_a_question_about_preparing_for_the_work() -> None:
    ask = "最後に何か質問はありますか。"
    prepare = _check("入社までに勉強しておくべきことはありますか。", "reverse-questions", ask)
    website = _check("御社の今後の事業展開について教えていただけますか。", "reverse-questions", ask)
    assert _finding(prepare, "Q503") is None and _finding(website, "Q503") is not None
    assert prepare.score > website.score


def test_axis_drift_does_not_say_another_reason_when_the_answer_gives_none() -> None:
    # issue 18 item 15: 「合わないと感じた点は全くありません。」 gives no reason at all
    axis = {
        "career_axis": {
            "statement": "顧客の課題を技術で解決する",
            "keywords": ["顧客の課題", "技術"],
        }
    }
    analysis = _check(
        "合わないと感じた点は全くありません。",
        "motivation",
        "当社の働き方で、合わないと感じた点はありますか。",
        profile=axis,
        previous=[
            {
                "category": "motivation",
                "answer": "顧客の課題を技術で解決するという軸で御社を志望しました。",
            }
        ],
    )
    drift = _finding(analysis, "N603")
    assert drift is not None, [f.code for f in analysis.findings]
    assert "別の理由になっています" not in drift.message
    assert "軸にも理由にも触れていません" in drift.message
