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
        0.4,
        "motivation",
        "both",
        "この会社を知ったきっかけは何ですか。",
        # (reworded when the topic model was retrained on more authors: the old wording's belief
        # rose above off_below, so the model alone no longer flagged it and the case proved nothing)
        # (and again after the next retraining, on five more authors; and when the share rose
        # from 0.3 to 0.4 the answer came to take up 知る as well as きっかけ)
        "知ったきっかけは展示会です。前職の倉庫では棚卸しを毎月手作業で数えて集計していて、丸二日かかり、"
        "数え間違いも毎回出ていました。ブースで見たハンディ端末の画面なら集計を置き換えられると"
        "思い、担当の方に操作を質問しました。",
    ),
    (
        "asking_back_answers",
        True,
        "reverse-questions",
        "reverse",
        "逆にあなたから聞いておきたいことはありますか。",
        # (reworded when the topic model was retrained on five more authors: the shorter story's
        # belief rose above off_below, so the model alone no longer flagged it)
        "前の会社では営業と製造の納期の意見がぶつかることが多くて、私が間に入って週一回の調整会議を"
        "開き、半年で急ぎの依頼を三割減らしました。こちらでは部署同士の連携はどんな感じでしょうか。",
    ),
    (
        "failure_told_answers",
        True,
        "failure",
        "prep",
        "これまでで一番の失敗を教えてください。",
        # (reworded when the topic model was retrained on more authors: it now reads the old
        # wording as the failure it is, so a story of more people and their roles stands in)
        "取引先との打ち合わせで、チームの皆さんの意見をまとめて先方に伝える役でした。"
        "先方の要望を聞き間違えてしまい、提案書を一から作り直すことになりました。"
        "課長と一緒に先方へお詫びに伺い、チームで手分けして三日で出し直しました。",
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
