"""The topic model behind off-topic (which category an answer was written for), its data, and the
cue patterns of relevance.py / asks.py living in relevance.yaml."""

from __future__ import annotations

import ast
import json
import math
import re
from pathlib import Path

import pytest

from coach.analysis import analyze
from coach.analysis.asks import DATA
from coach.analysis.topic import MODEL_FILE, load
from coach.domain import ASKS

from support import SPEC_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]

CAREER_UNDER_FAILURE = (
    "私は10年間、地方の工場で品質管理を担当してきました。工場では御社の測定器を使っており、"
    "若手が設定を間違えてやり直す場面を何度も見てきました。現場の使いにくさを製品の改良に届ける側に"
    "回りたいと考えたのが、転職のきっかけです。"
)
FAILURE_QUESTION = "失敗したプロジェクトで、あなたの責任はどこにありましたか。"


def test_the_shipped_model_is_whole_and_small() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["trained_by"] == "python -m coach.analysis.topic_training"
    model = load()
    assert model is not None
    assert set(SPEC_CATEGORIES) <= set(model.categories)
    assert all(len(v) == len(model.categories) for v in model.weights.values())
    assert MODEL_FILE.stat().st_size < 600_000  # shipped in the package


def test_the_posterior_is_a_distribution_and_reads_the_words() -> None:
    model = load()
    assert model is not None
    empty = model.posterior(set())
    assert math.isclose(sum(empty.values()), 1.0)
    asking = model.posterior({"@asking", "@@asking", "@1asking", "配属", "伺う"})
    failing = model.posterior({"@failure", "@@failure", "@1failure", "原因", "反省", "確認"})
    assert max(asking, key=asking.__getitem__) == "reverse-questions"
    assert max(failing, key=failing.__getitem__) == "failure"


def test_which_categories_answer_which_is_directional_and_complete() -> None:
    model = load()
    assert model is not None
    answers_for = DATA["answers_for"]
    assert set(answers_for) == set(model.categories)
    for question_category, answers in answers_for.items():
        assert question_category in answers  # its own answers answer it
        assert set(answers) <= set(model.categories)
    # a failure story answers a problem-solving question; a success story not a failure one
    assert "failure" in answers_for["problem-solving"]
    assert "reproducibility" not in answers_for["failure"]
    assert answers_for["reverse-questions"] == ["reverse-questions"]


def test_the_model_catches_what_the_words_alone_let_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caught = analyze(CAREER_UNDER_FAILURE, category="failure", question=FAILURE_QUESTION)
    rel = caught.extras["relevance"]
    # a career move told to this company (御社): the model reads it as a career or a
    # motivation answer, either of which answers no failure question
    assert caught.labels["off_topic"] and rel.why == (f"model:{rel.topic}",)
    assert rel.topic in ("career", "motivation")
    finding = next(f for f in caught.findings if f.code == "T101")
    # what was asked, what the answer spoke about instead, and the words that said so
    assert "失敗したプロジェクトであなたの責任はどこにありましたか" in finding.message
    assert DATA["topic_names"][rel.topic] in finding.message
    assert rel.topic_words and all(f"「{w}」" in finding.message for w in rel.topic_words)
    # the model's verdict unused
    monkeypatch.setitem(DATA["topic_use"], "off_below", -1.0)
    monkeypatch.setitem(DATA["topic_use"], "off_below_untouched", -1.0)
    assert not analyze(CAREER_UNDER_FAILURE, category="failure", question=FAILURE_QUESTION).labels[
        "off_topic"
    ]


def test_no_model_verdict_without_a_known_category() -> None:
    a = analyze(CAREER_UNDER_FAILURE, category="general", question=FAILURE_QUESTION)
    assert "topic_fit" not in a.extras["relevance"].evidence


@pytest.mark.parametrize("name", ["relevance.py", "asks.py"])
def test_no_regex_literals_in_the_relevance_code(name: str) -> None:
    """Cue words live in relevance.yaml: no pattern written into the code."""
    tree = ast.parse((ROOT / "coach" / "analysis" / name).read_text(encoding="utf-8"))
    literal = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert not literal, f"{name}: regex literals on lines {literal}"


def test_every_relevance_pattern_compiles_and_every_ask_has_a_cue() -> None:
    from coach.analysis.asks import _ASK_CUES, cue

    for name in DATA["patterns"]:
        assert cue(name).pattern
    assert {name for name, _ in _ASK_CUES} <= set(ASKS)
    assert set(DATA["topic_markers"]) <= set(DATA["patterns"])


CHANGE_Q = "失敗をきっかけに、自分の仕事の進め方を変えたことはありますか。"


def test_a_growth_story_stands_in_for_a_failure_only_with_a_setback() -> None:
    # a change of method told with no setback at all: the model's belief in growth may not keep
    # the missing failure quiet (veto_also needs a setback told, in any words)
    change = (
        "はい、仕事の進め方を変えたことがあります。入社三年目に、独学で表計算の関数を勉強し、"
        "それまで手で集計していた週報を、関数で自動で作れるように作り直しました。この経験から、"
        "仕組みで仕事を楽にする大切さを学び、今も新しいツールは自分で試すようにしています。"
    )
    a = analyze(change, category="failure", question=CHANGE_Q)
    assert a.labels["off_topic"] and "unshown:failure_event" in a.extras["relevance"].why
    # the same growth told after a setback (苦しい時期, 成果が出せず) stands near a failure story
    setback = change.replace(
        "入社三年目に、独学で",
        "入社三年目は思うような成果が出せず、苦しい時期がありました。そこで独学で",
    )
    assert not analyze(setback, category="failure", question=CHANGE_Q).labels["off_topic"]


def test_a_near_certain_model_outweighs_a_few_shared_words() -> None:
    # a success story under 「なぜ当社を志望されたのですか」 takes up 数 and 企業 (two of
    # the question's three words), which alone would keep the model quiet; the model all but certain (below
    # topic_use.sure_below) still says it was written for another question
    success = (
        "はい。最も成果を上げたのは、前職で担当していた約80社の解約率を下げた取り組みです。"
        "ログインの回数が落ちているお客様を毎週一覧にして、解約の申し出が来る前に訪問しました。"
        "その結果、半年で解約率が8%から3%まで下がり、社内で表彰されました。担当企業の数が倍になった"
        "翌年も、同じ進め方で解約率を3%台に保ちました。当社でも成果を再現できると考えています。"
        # (reworded when the topic model was retrained with dev13 and the conditions and
        # management answers: the old wording's belief rose just above sure_below)
    )
    q = "数ある企業の中で、なぜ当社を志望されたのですか。"
    rel = analyze(success, category="motivation", question=q).extras["relevance"]
    assert rel.evidence["first_overlap"] >= DATA["topic_use"]["alone_overlap"]
    assert rel.off_topic and rel.why == ("model:reproducibility",)


_ANSWERS_FOR_HASH = (
    "前職では物流センターで入出荷の管理を担当していました。出荷の誤りが月に三十件ほどあり、私はピッキングの"
    "リストを棚の順に並べ替え、確認の印を二人でつける形にしました。三か月で誤りは月五件まで減り、センター長"
    "からは他の倉庫にも広げるよう言われました。御社の物流の改善でも、同じ進め方で貢献できると考えています。",
    "入社後の配属についてお伺いしたいのですが、最初の一年はどの現場を担当することが多いのでしょうか。また、"
    "現場の方と本社の方が一緒に改善を考える場は、どのくらいの頻度でありますか。前職では月に一度でした。",
)


def test_the_topic_belief_does_not_depend_on_the_string_hash() -> None:
    # a set's order follows the string hash, which changes from process to process: the model's
    # sum runs in a fixed order, so the belief (and a verdict at its threshold) is the same in
    # every process
    import os
    import subprocess
    import sys

    answers = [CAREER_UNDER_FAILURE, *_ANSWERS_FOR_HASH]
    code = (
        "import json, sys\n"
        "from coach.analysis.elements import rule_elements\n"
        "from coach.analysis.relevance import MARKERS, topic_sentences\n"
        "from coach.analysis.topic import features, load\n"
        "model = load()\n"
        "for a in json.loads(sys.stdin.read()):\n"
        "    w = features(topic_sentences(rule_elements(a, 'both', None)), MARKERS)\n"
        "    print(repr(model.scores(w)))\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps(answers),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(seen) == 1


def test_a_cue_pattern_compiled_on_first_use_behaves_as_the_compiled_one() -> None:
    from coach.analysis.asks import compile_cue

    lazy, eager = compile_cue(["失敗", "ミス(?:を|が)"]), re.compile("失敗|ミス(?:を|が)")
    text = "入力のミスが二件あり、失敗を報告しました。"
    assert lazy.pattern == eager.pattern
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub("■", text) == eager.sub("■", text) and lazy.split(text) == eager.split(text)
    assert lazy.search("成功しました") is None
