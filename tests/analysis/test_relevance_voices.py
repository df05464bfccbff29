"""On-topic answers in plain, spoken voices that the relevance check once called off-topic: the
question decides which stories answer it (relevance.yaml `answers_for_asks`), a guess at what one
will do is a future, a person spoken of casually is a person, and a regret told in plain words is
a failure; a success story told in a failure's words (ミスを減らした) stays off-topic."""

from __future__ import annotations

import pytest

from coach.analysis import analyze
from coach.analysis.relevance import answering


def test_a_failure_question_that_asks_for_an_episode_is_answered_by_a_problem_handled() -> None:
    episode = answering("failure", ("episode", "process"))
    failure = answering("failure", ("failure_event", "own_part"))
    assert {"problem-solving", "collaboration"} <= episode
    assert failure == frozenset({"failure"})
    # a success story still answers neither
    assert "reproducibility" not in episode
    assert "collaboration" in answering("conditions", ("episode", "process"))
    assert "collaboration" not in answering("conditions", ("fact", "reason"))


CASES = [
    (
        # a failure-category question that asks how a clash was settled
        "failure",
        "上司と意見がぶつかったことはありますか。そのとき、どうやって折り合いをつけましたか。",
        "ありました。課長が繁忙期の夜勤を三人から二人に減らすと決めたときです。私は転倒の報告が"
        "夜中の二時から四時に集中していることを記録から拾い出して見せ、その時間だけ三人にする案を"
        "出しました。最後は課長もその形で了承してくれました。",
    ),
    (
        # a guess at what one will do, in a long answer
        "motivation",
        "もし当社とのご縁がなかったとしたら、次はどんな会社を受けようと考えていますか。",
        "そうですね、あの、もしご縁がなかったら、たぶん同じように地域の物流を支える会社を中心に"
        "探すと思います。トラックの手配を十年やってきて、荷主さんと運転手さんの間に立つのが自分に"
        "一番合っていると分かったので、そこは変えないつもりでいます。",
    ),
    (
        # the member who is behind, spoken of casually
        "collaboration",
        "チームの中に仕事が遅れているメンバーがいたとき、あなたはどう関わりましたか。",
        "春に入ってきた子が、夕方の検品がいつも終わらなくて、出荷に間に合わない日が続いたんです。"
        "自分の分を早めに片付けて横についてみたら、伝票を一枚ずつ探し直していました。"
        "棚の番号順に並べてから始めるように言ったら、一週間で定時に終わるようになりました。",
    ),
    (
        # a regret told without 失敗 or ミス
        "failure",
        "今振り返って、もしやり直せるなら違う判断をしたい場面はありますか。",
        "去年、倉庫の通路に仮置きの棚を増やすのを私が決めたんです。でもそのせいで、フォークの"
        "曲がり角が狭くなって、ぶつけそうになる人が何人も出ました。置き場が足りないことばかり"
        "考えて、動線を全然見てなかったんです。今なら、まず一日通路に立って流れを見てから決めます。",
    ),
]


@pytest.mark.parametrize(("category", "question", "answer"), CASES)
def test_answers_in_plain_voices_answer_the_question(
    category: str, question: str, answer: str
) -> None:
    a = analyze(answer, category=category, question=question)
    assert not a.labels["off_topic"], a.extras["relevance"].why


def test_a_success_story_under_a_failure_question_is_still_off_topic() -> None:
    a = analyze(
        "一番の成果は、担当する倉庫の出荷ミスを半年で月二十件から三件に減らしたことです。ピッキングの"
        "棚に色分けの札を付け、二人で読み合わせる手順を入れました。その結果、エリアの表彰を受けました。",
        category="failure",
        question="これまでの仕事で一番大きな失敗を教えてください。原因のうち、あなた自身の判断ミスは"
        "どこにありましたか。",
    )
    assert a.labels["off_topic"]


HOW_Q = (
    "目の前のトラブルに対応しているうちに、「本当の原因は別のところにある」と気づいた経験はありますか。"
    "表に見えていた問題と本当の原因を、どうやって見分けたのか教えてください。"
)


def test_a_later_part_asking_how_is_answered_by_ones_own_steps_in_any_words() -> None:
    told = analyze(
        "ありました 倉庫で出荷ミスが続いてて 最初は作業員の不注意やと思ってたんですけど 棚の番号を"
        "見たら 似た品番が隣同士に置いてあって それが原因でした なので品番の並びを変えて 月20件"
        "あったミスが3件になりました",
        category="thinking",
        question=HOW_Q,
        asks=("episode", "process"),
    )
    assert told.extras["relevance"].missing_part is None
    # the cause named and no step of one's own: how it was told apart is left unanswered
    untold = analyze(
        "あります。去年、出荷ミスの本当の原因が棚の配置にあると分かりました。今はミスはほとんど"
        "ありません。",
        category="thinking",
        question=HOW_Q,
        asks=("episode", "process"),
    )
    assert untold.extras["relevance"].missing_part is not None
