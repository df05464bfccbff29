"""The score model (coach.analysis.score, docs/score.md): substance, the question's asks,
caps by level, the label model's doubt, answers rescued by a follow-up, and the feedback line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coach.analysis import analyze
from coach.analysis import score as S
from coach.analysis.model import Finding
from coach.cli import app
from coach.domain import STRUCTURE_ELEMENTS
from coach.views.feedback import score_lines

ROOT = Path(__file__).resolve().parents[2]
ALL = STRUCTURE_ELEMENTS["both"]
FULL_LABELS = {
    "conclusion_first": True,
    "reason": True,
    "example": True,
    "action": True,
    "result": True,
    "ingenuity": True,
    "quantified": True,
}
EPISODE = (
    "私の強みは段取り力です。前職の物流センターでは、2023年の繁忙期に出荷の遅れが毎日20件ほど出ていました。"
    "私は遅れた伝票を一週間分並べ、午後の便に集中していると気づいたので、ピッキングの順番を便ごとに組み替えました。"
    "その結果、遅れは一日3件まで減り、翌月からはセンター全体の手順になりました。"
)
QUESTION = "これまでで一番大きな成果を教えてください。"


def finding(code: str, level: str, penalty: int = 0) -> Finding:
    return Finding(code, code.lower(), level, code, "…", None, family=code[0], penalty=penalty)  # type: ignore[arg-type]


def tune_phrases() -> dict[str, list[str]]:
    data = yaml.safe_load((ROOT / "benchmarks/calibration/stock_phrases.yaml").read_text("utf-8"))
    return {k: [p["text"] for p in v if p["split"] == "tune"] for k, v in data.items()}


# --- caps ------------------------------------------------------------------------------------


def test_an_error_level_finding_never_leaves_an_answer_at_80_or_above() -> None:
    # any rule, however new: the cap goes by level, not by code
    alone = S.score(ALL, FULL_LABELS, [])
    capped = S.score(ALL, FULL_LABELS, [finding("X999", "error")])
    assert alone == 100 and capped == S.ERROR_CAP < 80


def test_several_error_level_findings_cap_lower() -> None:
    two = S.score(ALL, FULL_LABELS, [finding("X998", "error"), finding("X999", "error")])
    assert two == S.ERROR_CAP - S.ERROR_STEP
    # the same rule on two sentences is one finding
    same = S.score(ALL, FULL_LABELS, [finding("X999", "error"), finding("X999", "error")])
    assert same == S.ERROR_CAP


def test_a_red_flag_at_warning_level_caps_and_other_warnings_do_not() -> None:
    assert S.score(ALL, FULL_LABELS, [finding("R399", "warning")]) == S.RED_FLAG_CAP < 80
    assert S.score(ALL, FULL_LABELS, [finding("S199", "warning")]) == 100


def test_off_topic_caps_lowest() -> None:
    assert S.score(ALL, FULL_LABELS, [], off_topic=True) == S.OFF_TOPIC_CAP
    a = analyze(EPISODE, category="reproducibility", question=QUESTION)
    moved = analyze(
        EPISODE,
        category="reverse-questions",
        structure="reverse",
        question="何か質問はありますか。",
    )
    assert moved.score <= S.OFF_TOPIC_CAP and a.score - moved.score >= 25


# --- weights ---------------------------------------------------------------------------------


def test_a_reason_question_weighs_the_reason_more() -> None:
    plain = S.weights(ALL, ())
    why = S.weights(ALL, ("reason",))
    assert why["reason"] > plain["reason"]
    labels = dict(FULL_LABELS, reason=False)
    assert S.score(ALL, labels, [], asks=("reason",)) < S.score(ALL, labels, [])


def test_only_the_main_ask_changes_the_weights() -> None:
    assert S.weights(ALL, ("episode", "reason"))["reason"] == S.WEIGHTS["reason"]


def test_a_hypothetical_wants_steps_not_a_result() -> None:
    expects = ("conclusion", "reason")  # coach.analysis.asks.demanded drops action and result
    asks = ("hypothetical_steps",)
    assert "steps" in S.weights(expects, asks)
    with_steps = S.score(expects, FULL_LABELS, [], asks=asks)
    without = S.score(expects, FULL_LABELS, [finding("T103", "warning")], asks=asks)
    assert with_steps == 100 and without < 80


# --- substance -------------------------------------------------------------------------------


def test_an_element_named_without_substance_earns_nothing() -> None:
    empty = S.credits(ALL, FULL_LABELS, status={"ingenuity": "empty"})
    given = S.credits(ALL, FULL_LABELS)
    assert {c.element: c.earned for c in empty}["ingenuity"] == 0
    assert {c.element: c.earned for c in given}["ingenuity"] == 1


def test_stock_phrases_do_not_raise_the_score() -> None:
    base = analyze(EPISODE, category="reproducibility", question=QUESTION)
    p = tune_phrases()
    first, rest = EPISODE.split("。", 1)
    padded = (
        first + "。" + p["reason"][0] + p["action"][0] + rest + p["ingenuity"][0] + p["result"][0]
    )
    after = analyze(padded, category="reproducibility", question=QUESTION)
    assert after.score <= base.score + 3


def test_a_hollow_answer_earns_no_element() -> None:
    p = tune_phrases()
    hollow = p["conclusion"][0] + p["reason"][0] + p["ingenuity"][0] + p["result"][0]
    a = analyze(hollow, category="reproducibility", question=QUESTION)
    detail = a.extras["score"]
    assert all(c.earned == 0 for c in detail.credits if c.element != "quantified")
    assert a.score < 40


def test_a_concrete_sentence_is_not_hollow() -> None:
    from coach.analysis.elements import analyze_elements

    el = analyze_elements(EPISODE, "both")
    assert S.hollow_sentences(el) == set()


# --- doubt -----------------------------------------------------------------------------------


def test_an_unsure_element_counts_half() -> None:
    sure = S.score(ALL, FULL_LABELS, [])
    unsure = S.detail(ALL, FULL_LABELS, [], status={"ingenuity": "unsure"})
    assert unsure.uncertain == ["ingenuity"]
    assert sure > unsure.score > S.score(ALL, dict(FULL_LABELS, ingenuity=False), [])


def test_element_status_marks_a_decision_close_to_the_threshold_unsure() -> None:
    from coach.analysis import label_model
    from coach.analysis.elements import analyze_elements

    el = analyze_elements(EPISODE, "both")
    el.labels["ingenuity"] = True
    el.rule_labels["ingenuity"] = True
    el.probabilities["ingenuity"] = label_model.LOWER + S.UNSURE_BAND / 2
    assert S.element_status(el, ALL).get("ingenuity") == "unsure"
    el.probabilities["ingenuity"] = 0.99
    assert S.element_status(el, ALL).get("ingenuity") != "unsure"


# --- the feedback line and the JSON -----------------------------------------------------------


def test_feedback_shows_why_the_score_is_what_it_is(runner: CliRunner) -> None:
    blame = "前職では上司が評価してくれず、周りも協力してくれませんでした。" + EPISODE
    result = runner.invoke(
        app, ["check", "--category", "reproducibility", "--question", QUESTION, "-"], input=blame
    )
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "採点の内訳" in x)
    assert "要素 " in line and "他責 20" in result.output
    assert f"上限 {S.ERROR_CAP}" in result.output


def test_json_carries_the_unsure_elements(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--json", "-c", "reproducibility", "-"], input=EPISODE)
    data = json.loads(result.output)
    assert isinstance(data["uncertain"], list)
    assert set(data["uncertain"]) <= set(data["expects"])


# --- a follow-up rescue ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    from coach.banks import load_catalog

    return load_catalog()


def test_a_decline_rescued_by_a_follow_up_is_scored_as_both_parts(catalog) -> None:  # type: ignore[no-untyped-def]
    from coach import session as practice
    from coach.session import Ask, Plan, run_practice

    replies = [
        "特にありません。",
        "では一点だけ。入社後最初の3か月で、このチームの方に一番期待されている成果は何でしょうか。",
        "end",
    ]

    def ask(request: Ask) -> str | None:
        return replies.pop(0) if replies else None

    q = next(q for q in catalog.all_questions() if catalog.category_of(q).structure == "reverse")
    events: list[object] = []
    run_practice(Plan(catalog=catalog, questions=[q], seed=1, follow_ups=1), ask, events.append)
    shown = [e.analysis for e in events if isinstance(e, practice.FeedbackShown)]
    first, after = shown[0], shown[-1]
    assert after is not first
    assert any(f.level == "error" for f in first.findings)
    # not 100 with no finding: the decline stays on the answer and weighs in the score
    assert first.score < after.score < 80
    assert {f.code for f in first.findings if f.level == "error"} <= {
        f.code for f in after.findings
    }
    assert "追加質問の前の回答" in " ".join(str(t) for t in score_lines(after))


def test_an_own_deed_and_outcome_count_where_the_structure_does_not_ask_for_them() -> None:
    prep = STRUCTURE_ELEMENTS["prep"]
    labels = dict(FULL_LABELS, conclusion_first=False, reason=False)
    status = {"example": "given", "action": "given", "result": "given", "quantified": "given"}
    scene_first = S.score(prep, labels, [], status=status)
    form_only = S.score(prep, labels, [], status={"example": "given"})
    assert scene_first > form_only
    extra = [c.element for c in S.credits(prep, labels, status=status) if not c.demanded]
    assert extra == list(S.EVIDENCE)
    # a hollow deed is no evidence
    assert S.score(prep, labels, [], status={**status, "action": "empty", "result": "empty"}) < (
        scene_first
    )


def test_a_question_for_a_figure_asks_for_the_figure_first() -> None:
    assert set(S.weights(ALL, ("fact",))) == {"conclusion", "quantified"}
    assert set(S.weights(ALL, ("fact", "episode"))) == set(ALL)


def test_a_reverse_question_is_judged_by_its_findings_only() -> None:
    status = {"action": "unsure", "result": "unsure"}
    assert S.score((), dict(FULL_LABELS), [], status=status) == 100


def test_an_episode_question_may_start_with_the_scene() -> None:
    labels = dict(FULL_LABELS, conclusion_first=False)
    assert S.score(ALL, labels, [], asks=("episode",)) == 100
    assert S.score(ALL, labels, [], asks=("process",)) < 100


def test_feedback_names_the_elements_judged_unsure() -> None:
    from dataclasses import replace

    a = analyze(EPISODE, category="reproducibility", question=QUESTION)
    unsure = S.detail(a.expects, a.labels, a.findings, status={"ingenuity": "unsure"})
    lines = [str(t) for t in score_lines(replace(a, extras={**a.extras, "score": unsure}))]
    assert any(line.startswith("判定が微妙な要素: 工夫") for line in lines)
    sure = S.detail(a.expects, a.labels, a.findings)
    assert not any("判定が微妙" in str(t) for t in score_lines(replace(a, extras={"score": sure})))
