"""The topic model alone is a guess from word statistics: it does not call an answer off-topic
when the answer takes up the question's own words, asks back under a reverse question, is too
short for the statistics to mean anything, or tells a failure of its own under a failure question
(relevance.yaml `topic_use`). Each case below is one
the model alone flags with its guard switched off; the guard alone keeps it on-topic."""

from __future__ import annotations

from typing import Any

import pytest

from coach.analysis import analyze, relevance

OFF = {
    "min_chars": 0,
    "alone_overlap": 9,
    "asking_back_answers": False,
    "failure_told_answers": False,
}

CASES = [
    (
        "min_chars",
        60,
        "motivation",
        "both",
        "当社のことは、どこで知りましたか。",
        "取引先の担当者から聞いたのが最初です。",
    ),
    (
        "alone_overlap",
        0.3,
        "motivation",
        "both",
        "この会社を知ったきっかけは何ですか。",
        "きっかけは展示会です。ブースで見た在庫管理の画面が、前職で手作業で集計していた棚卸しを"
        "そのまま置き換えられると思い、担当の方に質問しました。",
    ),
    (
        "asking_back_answers",
        True,
        "reverse-questions",
        "reverse",
        "逆にあなたから聞いておきたいことはありますか。",
        "前の会社では営業と製造がぶつかることが多くて、間に入って調整していました。"
        "こちらでは部署同士の連携はどんな感じでしょうか。",
    ),
    (
        "failure_told_answers",
        True,
        "failure",
        "prep",
        "これまでで一番の失敗を教えてください。",
        "営業事務として、取引先への見積書を作っていたときのことです。"
        "単価の改定に気づかず古い表のまま出してしまい、受注後に二十万円の赤字になりました。"
        "営業部長と先方に事情を説明し、次の発注で差額の一部を調整していただきました。",
    ),
]


@pytest.mark.parametrize(("guard", "value", "category", "structure", "question", "answer"), CASES)
def test_the_topic_model_alone_does_not_overrule(
    monkeypatch: pytest.MonkeyPatch,
    guard: str,
    value: Any,
    category: str,
    structure: str,
    question: str,
    answer: str,
) -> None:
    use = dict(relevance.DATA["topic_use"])
    assert use[guard] == value  # the shipped setting
    monkeypatch.setitem(relevance.DATA, "topic_use", {**use, **OFF})
    unguarded = analyze(answer, category=category, structure=structure, question=question)
    assert unguarded.labels["off_topic"], "the model does not flag it: the case proves nothing"
    assert unguarded.extras["relevance"].why == (f"model:{unguarded.extras['relevance'].topic}",)
    monkeypatch.setitem(relevance.DATA, "topic_use", {**use, **OFF, guard: value})
    guarded = analyze(answer, category=category, structure=structure, question=question)
    assert not guarded.labels["off_topic"]
