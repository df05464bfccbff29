"""Empty named cues earn nothing (issue 13 item 3; spec 「Substance, not phrases」): a sentence
that names an element without giving it (no content word outside the generic lexicon, no
figure, no contrast) carries no role, is recorded in ``Elements.empty`` and cannot earn the
label through the model either."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.analysis import analyze
from coach.analysis.elements import analyze_elements, rule_elements
from coach.analysis.lexicon import lexicon
from coach.analysis.substance import hollow
from coach.analysis.text import matching_form, split_sentences, tokens
from coach.banks import load_catalog

ROOT = Path(__file__).resolve().parents[2]
PHRASES = ROOT / "benchmarks" / "calibration" / "stock_phrases.yaml"
STYLES = ROOT / "tests" / "corpus" / "styles"
LABEL = {
    "reason": "reason",
    "ingenuity": "ingenuity",
    "result": "result",
    "action": "action",
    "example": "example",
}


def tune_phrases() -> list[tuple[str, str, str]]:
    """(element, text, where) of the stock phrases marked for tuning (never the held-out)."""
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    return [
        (element, e["text"], e["where"])
        for element, entries in data.items()
        if element in LABEL
        for e in entries
        if e["split"] == "tune"
    ]


def insert(answer: str, text: str, where: str) -> str:
    def closed(part: str) -> str:
        part = part.rstrip()
        return part if part.endswith(("。", "！", "？", "!", "?")) else part + "。"

    if where == "start":
        return text + answer
    if where == "end":
        return closed(answer) + text
    first = split_sentences(answer)[0]
    end = first.start + len(first.text)
    return closed(answer[:end]) + text + answer[end:]


def test_the_tune_phrases_are_hollow() -> None:
    lex = lexicon()
    for element, text, _ in tune_phrases():
        norm = matching_form(text)
        assert hollow(norm, tokens(norm), [], lex), (element, text)


@pytest.mark.parametrize(
    "text",
    [
        "その結果、受注できました。",
        "理由は、家から近いからです。",
        "その結果、ミスがなくなりました。",
        "そこで、上司に相談しました。",
        "値引きではなく代行プランにしました。",
        "その結果、問い合わせが3割減りました。",
    ],
)
def test_a_short_sentence_with_content_is_not_hollow(text: str) -> None:
    norm = matching_form(text)
    assert not hollow(norm, tokens(norm), [], lexicon())


def test_an_empty_action_and_example_are_recorded_not_given() -> None:
    elements = rule_elements(
        "私の強みは行動力です。私は自ら率先して行動しました。"
        "例えば、日々の業務の中でそれを実践してきました。",
        "both",
    )
    assert not elements.rule_labels["action"] and not elements.rule_labels["example"]
    assert elements.empty.get("action") == [1, 2]
    assert elements.empty.get("example") == [2]


def _tuning_answers() -> list[dict]:
    items = []
    for name in ("sekou", "it"):
        lines = (STYLES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        items += [json.loads(line) for line in lines if line.strip()]
    return items[::23]  # a spread of styles and categories, a few seconds in all


def _analysed(item: dict, text: str | None = None) -> Any:
    """A corpus answer (or ``text`` in its place) analysed under its own category and question."""
    cat = load_catalog().categories.get(item["category"])
    return analyze(
        item["answer"] if text is None else text,
        category=item["category"],
        structure=cat.structure if cat else "both",
        question=item.get("question"),
    )


def test_tune_phrases_inserted_into_answers_do_not_turn_a_label_on() -> None:
    checked = 0
    for item in _tuning_answers():
        base = _analysed(item)
        for element, text, where in tune_phrases():
            label = LABEL[element]
            if base.labels[label]:
                continue
            got = _analysed(item, insert(item["answer"], text, where))
            assert not got.labels[label], (item["id"], text)
            checked += 1
    assert checked >= 50  # enough (answer, phrase) pairs where the label was off to begin with


def test_tune_phrases_inserted_into_answers_do_not_turn_a_label_off() -> None:
    # a stock phrase earns nothing, and takes nothing away either: padded with 「その結果、良い
    # 経験になりました」, a reason, a step or an outcome told in substance is still there
    checked = lost = 0
    for item in _tuning_answers():
        base = _analysed(item)
        given = [label for label in LABEL.values() if base.labels[label]]
        if not given:
            continue
        for _element, text, where in tune_phrases():
            got = _analysed(item, insert(item["answer"], text, where))
            checked += len(given)
            lost += sum(1 for label in given if not got.labels[label])
    assert checked >= 200
    # (a phrase glued onto a spoken sentence with no full stop becomes part of it: rare)
    assert lost <= checked // 50, (lost, checked)


def test_a_padded_one_liner_is_still_too_short() -> None:
    one_liner = "工程表を組み直しました。"
    padded = one_liner + (
        "その理由は、自分にとって意味のあることだと考えたためです。私は自ら率先して行動しました。"
        "工夫した点は、丁寧に取り組んだことです。その結果、良い経験になりました。"
    )
    short = next(
        f for f in analyze(padded, category="problem-solving").findings if f.code == "D401"
    )
    assert "中身のある文は" in short.message


def test_a_hollow_sentence_gives_the_model_nothing_towards_the_element() -> None:
    # an answer whose action the model doubts does not gain it from 「私は自ら率先して行動しました」
    base = "一番変わったのは、電話口で焦らなくなったことです。今は落ち着いて対応できています。"
    padded = base + "私は自ら率先して行動しました。"
    before = analyze_elements(base, "both", use_model=True)
    after = analyze_elements(padded, "both", use_model=True)
    assert after.labels["action"] == before.labels["action"]
    assert after.empty.get("action") == [2]


@pytest.mark.parametrize(
    ("text", "given"),
    [
        # the justification only repeats the claim's words: circular, named without being given
        (
            "一番大事なのはユーザー目線だと思います。"
            "理由としては、ユーザー目線がないと良い対応はできないからです。",
            False,
        ),
        (
            "ポイントは、最初に全体像を把握することです。"
            "なぜなら、全体像を把握することで、進められるからです。",
            False,
        ),
        # the same claim with a justification that brings something of its own
        (
            "一番大事なのはユーザー目線だと思います。"
            "理由は、前職のヘルプデスクで利用者の画面を一緒に見るようにしたら、"
            "問い合わせの電話が半分に減ったからです。",
            True,
        ),
    ],
)
def test_a_circular_reason_is_recorded_not_given(text: str, given: bool) -> None:
    elements = rule_elements(text, "both")
    assert elements.rule_labels["reason"] is given
    assert ("reason" in elements.empty) is not given
