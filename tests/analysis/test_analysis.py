"""Unit tests of the analysis pipeline: sentences, morphology, quantities, labels, the contract."""

from __future__ import annotations

import pytest

from coach.analysis import analyze, count_chars, speaking_seconds
from coach.analysis.elements import analyze_elements
from coach.analysis.text import split_sentences, tokens
from coach.domain import LABELS
from coach.errors import CoachError

STRONG = (
    "私の強みは、データから原因を突き止めて仕組みで解決する力です。"
    "というのも、前職の物流センターで欠品が続いた際、私は発注データを3か月分分析し、"
    "発注点を見直す仕組みを提案したからです。"
    "現場の反発を防ぐために、あえて1つの倉庫で試験導入してから全体に広げました。"
    "その結果、欠品率は12%から4%まで下がりました。"
)


def labels(text: str, structure: str = "both", question: str | None = None) -> dict[str, bool]:
    return analyze_elements(text, structure, question).labels


# --- sentences -----------------------------------------------------------------------------


def test_sentences_split_on_japanese_and_ascii_marks_and_line_breaks() -> None:
    spans = split_sentences("はい。結論です！本当ですか？\n箇条書きの行\n次の行")
    assert [s.text for s in spans] == [
        "はい。",
        "結論です！",
        "本当ですか？",
        "箇条書きの行",
        "次の行",
    ]


def test_quotes_are_never_split() -> None:
    spans = split_sentences("上司に「急いで。今日中に。」と言われました。そこで動きました。")
    assert [s.text for s in spans] == [
        "上司に「急いで。今日中に。」と言われました。",
        "そこで動きました。",
    ]


def test_bullets_are_removed_and_offsets_point_into_the_original() -> None:
    text = "やったことは二つです。\n・手順書を作りました\n1. 共有会を開きました"
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "やったことは二つです。",
        "手順書を作りました",
        "共有会を開きました",
    ]
    for s in spans:
        assert text[s.start : s.start + len(s.text)] == s.text


def test_morphology_gives_dictionary_forms_and_parts_of_speech() -> None:
    toks = tokens("発注データを分析し、提案しました。")
    assert ("分析", "名詞") in [(t.lemma, t.pos) for t in toks]
    assert any(t.pos == "助動詞" and t.lemma == "た" for t in toks)


def test_input_longer_than_sudachis_limit_is_chunked() -> None:
    long = "あ" * 60_000  # one 180,000-byte "sentence": over SudachiPy's 49,149-byte limit
    assert len(tokens(long)) >= 1
    analysis = analyze(long)
    assert analysis.chars == 60_000


# --- labels ---------------------------------------------------------------------------------


def test_a_complete_answer_has_every_element() -> None:
    got = labels(STRONG)
    for label in (
        "conclusion_first",
        "reason",
        "example",
        "action",
        "result",
        "ingenuity",
        "quantified",
    ):
        assert got[label], label
    assert not got["blame"] and not got["vague"] and not got["no_question"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年4月に入社し、3年目に主任になりました。", False),  # dates only
        ("問い合わせを月100件から60件に減らしました。", True),
        ("三か月で解約を二割減らしました。", True),  # kanji numerals
        ("理由は2点あります。", False),  # an enumeration, not a magnitude
        ("十分に準備して臨みました。", False),  # 十分 = enough
        ("二回目の確認を担当者と分けるようにしました。", False),  # an ordinal says which one
    ],
)
def test_quantified(text: str, expected: bool) -> None:
    assert labels(text)["quantified"] is expected


def test_a_failure_told_first_answers_a_failure_question() -> None:
    """Asked for a failure, a first sentence that tells the failure (with its time in front)
    is the answer, not a scene."""
    question = "これまでの仕事で一番大きな失敗を教えてください。"
    answer = (
        "入社3年目に、発注数を一桁間違えて在庫が三倍になりました。原因は、私が確認表を省いた"
        "ことです。以来、発注前に二人で読み合わせています。"
    )
    assert labels(answer, "both", question)["conclusion_first"]
    # the same time in front of a scene, under the same question, is still a scene
    scene = "入社3年目に、物流センターへ異動しました。そこで発注を担当しました。"
    assert not labels(scene, "both", question)["conclusion_first"]


def test_background_first_is_not_a_conclusion() -> None:
    assert not labels("前職では物流センターで在庫管理を担当していました。欠品が課題でした。")[
        "conclusion_first"
    ]
    assert labels("はい。私の強みは調整力です。")["conclusion_first"]


def test_team_only_actions_are_not_own_actions() -> None:
    el = analyze_elements("チームで業務フローを見直し、残業を減らしました。", "both")
    assert not el.labels["action"]
    assert any(s.team_actions for s in el.sentences)
    assert labels("チームで業務フローを見直す中で、私は各工程の時間を計測しました。")["action"]


def test_future_plans_are_not_actions_or_results() -> None:
    got = labels("入社後は新しい営業手法を取り入れて、売上を伸ばしていきたいです。")
    assert not got["action"] and not got["result"]


def test_generic_example_is_not_an_example() -> None:
    el = analyze_elements("例えば、お客様の立場に立って考えることが大切だと思います。", "prep")
    assert not el.labels["example"]
    assert any(s.generic_example for s in el.sentences)


def test_blame_and_owned_blame() -> None:
    assert labels("上司が評価してくれず、会社の方針も悪かったので辞めました。")["blame"]
    owned = "上司の指示も曖昧でしたが、確認しなかった私にも原因があります。"
    assert not labels(owned)["blame"]
    # a slip owned first and then the whole failure put on others: still blame
    for text in (
        "私の確認不足もありました。ただ、そもそも設計事務所のチェックが甘かったのが原因で、"
        "現場はそのしわ寄せを受けました。何度催促しても、設計側は動いてくれませんでした。",
        "自分の段取りにも甘さはありました。でも、本部が人を一人もつけてくれなかったので、"
        "正直どうしようもなかったです。",
    ):
        assert labels(text)["blame"], text


def test_no_question_only_in_reverse_questions() -> None:
    assert labels("特にありません。", "reverse")["no_question"]
    assert not labels("特にありません。", "both")["no_question"]
    assert not labels("配属先のチームの課題を教えていただけますか。", "reverse")["no_question"]


# --- the contract ---------------------------------------------------------------------------


def test_json_result_follows_the_contract() -> None:
    data = analyze(STRONG, category="reproducibility", structure="both").to_json(id="h001")
    assert data["schema"] == 1
    assert data["id"] == "h001"
    assert data["category"] == "reproducibility"
    assert list(data["labels"]) == list(LABELS)
    assert all(isinstance(v, bool) for v in data["labels"].values())
    assert data["sentences"][0] == {
        "index": 0,
        "text": data["sentences"][0]["text"],
        "roles": ["conclusion"],
    }
    for s in data["sentences"]:
        assert set(s["roles"]) <= {
            "conclusion",
            "reason",
            "example",
            "action",
            "result",
            "ingenuity",
        }
    for f in data["findings"]:
        assert set(f) >= {"code", "name", "level", "message", "sentence"}
        assert f["sentence"] is None or 0 <= f["sentence"] < len(data["sentences"])
    assert 0 <= data["score"] <= 100
    assert data["chars"] == count_chars(STRONG)
    assert data["speaking_seconds"] == speaking_seconds(data["chars"])


def test_sentences_keep_the_original_text() -> None:
    text = "私の強みは１２０％の達成率です。"
    analysis = analyze(text)
    assert analysis.sentences[0].text == text  # full-width digits as typed
    assert analysis.labels["quantified"]  # normalised for matching


def test_speaking_time_uses_300_characters_a_minute() -> None:
    assert speaking_seconds(300) == 60
    assert speaking_seconds(150) == 30


@pytest.mark.parametrize("blank", ["", "   ", "\n\t\u3000"])
def test_empty_answer_is_a_clean_error(blank: str) -> None:
    with pytest.raises(CoachError, match="回答が空です"):
        analyze(blank)


def test_score_rewards_complete_answers_and_punishes_red_flags() -> None:
    good = analyze(STRONG).score
    bad = analyze(
        "上司が協力してくれなかったので、色々と頑張りましたがうまくいきませんでした。"
    ).score
    assert good >= 80 > 40 > bad


def test_reverse_no_question_scores_low() -> None:
    analysis = analyze("特にありません。", category="reverse-questions", structure="reverse")
    assert analysis.score <= 30
    assert analysis.findings[0].code == "Q501"


DEVICE = (
    "私の強みは改善力です。前職では出荷ミスが月に10件ありました。"
    "私は記録を3か月分集め、原因別に分けて対策しました。その結果、ミスは月2件まで減りました。"
)


def test_a_device_the_model_doubts_is_named_in_the_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.analysis import label_model

    predict = label_model.predict

    def doubting(features: dict[str, float]) -> dict[str, float]:
        return {**predict(features), "ingenuity": 0.05}

    monkeypatch.setattr(label_model, "predict", doubting)
    a = analyze(DEVICE, category="problem-solving", structure="ari")
    assert not a.labels["ingenuity"]
    assert not any("ingenuity" in s.roles for s in a.sentences)  # the map agrees with ✗
    finding = next(f for f in a.findings if f.code == "A205")
    assert finding.sentence == 2 and finding.message.startswith("判断の跡はありますが")


def test_an_element_the_model_finds_gets_a_badge(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.analysis import label_model

    predict = label_model.predict
    habit = (
        "前職では配送センターで出荷管理を担当していました。誤出荷が多く、現場が疲れていました。"
        "それ以来、私は毎日15分の朝会で前日のミスを共有しています。"
    )
    monkeypatch.setattr(label_model, "predict", lambda f: {**predict(f), "action": 0.99})
    a = analyze(habit, structure="ari")
    assert a.labels["action"]
    assert [s.index for s in a.sentences if "action" in s.roles] == [2]


def test_a_named_device_is_ingenuity_whatever_the_model_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coach.analysis import label_model

    predict = label_model.predict
    monkeypatch.setattr(label_model, "predict", lambda f: {**predict(f), "ingenuity": 0.01})
    a = analyze(
        "手入力の転記ミスを防ぐために、あえてバーコード読み取りに一本化しました。",
        structure="ari",
    )
    assert a.labels["ingenuity"]


def test_one_device_cue_alone_is_left_to_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the definition's whole form (a purpose and a deliberate choice) forces a device:
    〜を防ぐために alone, or あえて alone, may come with the obvious step."""
    from coach.analysis import label_model

    predict = label_model.predict
    monkeypatch.setattr(label_model, "predict", lambda f: {**predict(f), "ingenuity": 0.01})
    for text in (
        "入力ミスを防ぐために、私は伝票を二回見直しました。",
        "私はあえて、いつも通り伝票を二回見直しました。",
    ):
        assert not analyze(text, structure="ari").labels["ingenuity"], text


def test_the_structure_map_and_the_checklist_agree_on_every_dev_answer() -> None:
    """An element the checklist marks ✓ has a badge on some sentence, and one marked ✗ has none
    (the map and the checklist are the same decision shown twice)."""
    import json
    from pathlib import Path

    from coach.banks import load_catalog

    catalog = load_catalog()
    corpus = Path(__file__).parents[1] / "corpus" / "dev.jsonl"
    for line in corpus.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        category = catalog.categories[item["category"]]
        a = analyze(
            item["answer"],
            category=category.id,
            structure=category.structure,
            question=item.get("question"),
        )
        for role in ("reason", "example", "action", "result", "ingenuity"):
            badged = any(role in s.roles for s in a.sentences)
            assert badged == a.labels[role], (item["id"], role)


def test_a_question_that_does_not_ask_for_an_element_is_not_marked_down_for_it() -> None:
    job = "物流センターで出荷管理のリーダーをしています。12名のチームで、1日3,000件の出荷を回しています。"
    default = analyze(job, category="introduction", structure="prep")
    assert "S102" in [f.code for f in default.findings]  # prep asks for a reason by default
    described = analyze(
        job,
        category="introduction",
        structure="prep",
        expects=("conclusion", "example", "quantified"),  # introduction-08: describe your job
    )
    assert "S102" not in [f.code for f in described.findings]
    assert "reason" not in described.missing


def test_short_and_vague_findings_name_only_what_is_absent() -> None:
    complete = (
        "私の強みは調整力です。理由は、納期の調整を任されていたからです。"
        "前職で2023年に納期が前倒しになった際、私は工程表を組み直しました。"
    )
    a = analyze(complete, category="thinking", structure="prep")
    assert a.labels["conclusion_first"] and a.labels["reason"] and a.labels["example"]
    short = next(f for f in a.findings if f.code == "D401")
    assert "要素はそろっています" in short.message and "理由と具体的" not in short.message

    vague = analyze(
        # both sentences lean on stock phrases; the figures only set the scene (a plain
        # 「3年間、10名のチームで働きました」 gives a figure and is not vague by the definition)
        "色々な改善を頑張ってきました。10名のチームで3年間、様々な経験を積みました。",
        structure="prep",
    )
    flag = next(f for f in vague.findings if f.code == "R302")
    assert vague.labels["quantified"] and "数字" not in flag.message.split("。")[0]


@pytest.mark.parametrize(
    "preface", ["はい。", "そうですねえ。", "はい、ありがとうございます。", "山田太郎と申します。"]
)
def test_bare_prefaces_are_skipped(preface: str) -> None:
    from coach.analysis.lexicon import lexicon

    assert lexicon().bare_preface.match(preface)


def test_the_preface_pattern_does_not_backtrack_exponentially() -> None:
    from coach.analysis.lexicon import lexicon

    # 40 repetitions took over a minute when a matched preface could be re-split
    assert lexicon().bare_preface.match("山田と申します" * 40 + "X") is None
