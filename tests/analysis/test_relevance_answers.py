"""Curt and plain answers that do answer (a bare yes or no, a plain future or 「まだ決めていません」,
the colleagues' words quoted, the company seen for oneself), a question quoted from a story that asks the interviewer
nothing, and the parts of a question T102 checks. Each cue case is flagged with its cue switched
off, so the case proves the cue does the work."""

from __future__ import annotations

import re

import pytest

from coach.analysis import analyze, relevance, relevance_answer

NEVER = re.compile(r"(?!x)x")

# cue, category, structure, declared asks, question, answer, off-topic with the cue
CUES = [
    (
        "BARE_YES_NO",
        "failure",
        "prep",
        None,
        "自分のミスに気づいたのに、報告をためらったことはありますか。",
        "ありました。でもその日のうちに上司に伝えました。",
        False,
    ),
    (
        "BARE_NO",
        "failure",
        "prep",
        None,
        "失敗した経験を一つ教えてください。",
        "特に思い当たりません。",
        False,
    ),
    (
        "_FUTURE_PLAIN",
        "career",
        "prep",
        None,
        "10年後のキャリアについて、どう考えていますか。",
        "正直なところ、まだはっきりとは決めていません。",
        False,
    ),
    (
        "_WILL_DO",
        "motivation",
        "prep",
        ("future",),
        "もし当社とのご縁がなかったとしたら、次はどんな会社を受けようと考えていますか。",
        "同じ業界で、倉庫の現場に立てる会社を受けます。",
        False,
    ),
    (
        # a guess at what one will do decides at any length (a long answer in the plain non-past
        # is as likely a habit, so _WILL_DO alone reads only short ones)
        "_WILL_DO_GUESS",
        "motivation",
        "prep",
        ("future",),
        "もし当社とのご縁がなかったとしたら、次はどんな会社を受けようと考えていますか。",
        "そのときは、あの、同じように倉庫の現場に立てる会社を中心に探すと思います。前の職場で"
        "出荷の段取りを八年やってきて、現場で人と荷物の流れを組むのが自分に一番合っていると"
        "分かったので、そこは譲れない点です。",
        False,
    ),
    (
        "_OTHERS_QUOTE",
        "collaboration",
        "both",
        None,
        "前職の同僚に、あなたのことを一言で紹介してもらうとしたら、何と言われると思いますか。",
        "「細かいけど頼れる人」やと思います。",
        False,
    ),
    (
        "_COMPANY_SEEN",
        "motivation",
        "prep",
        ("company_link",),
        "当社のサービスを実際に使ってみて、改善したいと思う点があれば教えてください。",
        "ホームページの申し込み画面を使ってみて、入力の項目が多いのが気になりました。",
        False,
    ),
    (
        "_QUOTED",
        "reverse-questions",
        "reverse",
        None,
        "最後に、何か質問はありますか。",
        "前の職場では、作業を頼まれたら「それ、誰が困ってるの？」と最初に確かめるようにして"
        "いました。依頼通りに作っても使われないことが多かったからです。実際、日報のアプリを作る"
        "前に営業に同行してみて、困っていたのは日報ではなく移動の時間だと分かりました。",
        True,
    ),
]


@pytest.mark.parametrize(
    ("cue", "category", "structure", "asks", "question", "answer", "off"), CUES
)
def test_a_cue_decides_the_case(
    monkeypatch: pytest.MonkeyPatch,
    cue: str,
    category: str,
    structure: str,
    asks: tuple[str, ...] | None,
    question: str,
    answer: str,
    off: bool,
) -> None:
    def verdict() -> bool:
        a = analyze(answer, category=category, structure=structure, question=question, asks=asks)
        return bool(a.labels["off_topic"])

    assert verdict() is off
    # the answer's reading (relevance_answer) holds the cue; relevance.py imports some of them
    monkeypatch.setattr(relevance_answer, cue, NEVER)
    if hasattr(relevance, cue):
        monkeypatch.setattr(relevance, cue, NEVER)
    assert verdict() is not off, "the cue does not decide this case"


LEARNED_Q = "ここ1年ほどで、仕事のために自分から学んだことは何ですか。学んだことを、実際の業務でどう使いましたか。"


def _t102(answer: str, question: str, category: str) -> str | None:
    a = analyze(answer, category=category, question=question)
    assert not a.labels["off_topic"]
    return a.extras["relevance"].missing_part if any(f.code == "T102" for f in a.findings) else None


def test_a_deed_that_uses_the_learning_answers_how_it_was_used() -> None:
    used = (
        "表計算の関数を独学で学びました。毎月の在庫の集計表を関数で作り直して、"
        "手で三時間かかっていた集計を二十分で終わるようにしました。"
    )
    # the deed of learning itself (本を読み、問題を解いた) is not a use of it
    learning_only = "表計算の関数を独学で学びました。通勤の時間を使って本を一冊読み、練習用の問題も一通り解きました。"
    assert _t102(used, LEARNED_Q, "growth") is None
    assert (
        _t102(learning_only, LEARNED_Q, "growth") == "学んだことを、実際の業務でどう使いましたか。"
    )


def test_how_to_answer_is_not_a_part_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    # a vague answer (other findings say so), but 「できるだけ具体的に」 asks no second thing
    q = "入社して最初の1年で、どんな貢献ができると考えていますか。できるだけ具体的にお願いします。"
    answer = (
        "最初の1年は、言われたことは何でもやります。配属先に合わせて、何でも吸収するつもりです。"
    )
    assert _t102(answer, q, "motivation") is None
    monkeypatch.setattr(relevance, "MODIFIER", NEVER)
    assert _t102(answer, q, "motivation") == "できるだけ具体的にお願いします。"


def test_a_why_and_a_comparison_in_one_sentence_are_two_parts() -> None:
    q = "同業の会社もいくつか受けていると思いますが、その中でなぜ当社なのか、他社との違いを踏まえて聞かせてください。"
    answer = (
        "御社を志望しているのは、導入したあとのサポートまで一緒に行っているからです。"
        "前職では、ソフトを入れたものの使いこなせずに紙に戻ってしまう会社を何社も見てきました。"
        "導入後のつまずきを一緒に解決する仕事がしたいと考えています。"
    )
    assert _t102(answer, q, "motivation") == "他社との違いを踏まえて聞かせてください。"


def test_a_failure_of_others_is_not_asked_of_the_speaker() -> None:
    from coach.analysis.relevance import infer_asks

    assert "failure_event" in infer_asks("これまでで一番の失敗を教えてください。")
    assert "failure_event" not in infer_asks(
        "中途採用がうまくいかない企業は、どこに原因があると考えますか。"
    )


def test_a_thin_motive_is_a_motive() -> None:
    # 「家から近い」 is a weak reason for choosing a company (other findings say so), not another topic
    for answer in ("家から近く、休みが多いからです。", "家から近いのと、休みが多いところです。"):
        a = analyze(answer, category="motivation", question="当社を志望する理由を教えてください。")
        assert not a.labels["off_topic"], a.extras["relevance"].why


PAIRED_Q = "人手が足りない月がありましたね。そのとき、何を諦めて、何に集中しましたか。"


def test_two_things_asked_in_one_breath_are_two_parts() -> None:
    only_focus = (
        "去年の繁忙期、パートさんが二人辞めた月がありました。"
        "そのとき私が集中したのは、朝の品出しを開店までに終えることでした。"
    )
    both = (
        "去年の繁忙期に、夕方の売場づくりは諦めて、朝の品出しを開店までに終えることに集中しました。"
    )
    # the same said in other words: やめた for 諦めた, 絞った for 集中した
    in_other_words = "去年の繁忙期に、夕方の売場づくりはやめて、朝の品出しだけに人を絞りました。"
    assert _t102(only_focus, PAIRED_Q, "problem-solving") == "何を諦めて"
    assert _t102(both, PAIRED_Q, "problem-solving") is None
    assert _t102(in_other_words, PAIRED_Q, "problem-solving") is None


def test_the_word_reason_inside_a_noun_does_not_answer_a_why() -> None:
    # 「解約理由のメモ」 names a memo, it gives no reason for the order chosen
    q = "数字が急に悪くなったとき、どの順番で原因を確かめましたか。その順番にした理由も教えてください。"
    answer = (
        "解約率が上がった月に、仮説を三つ立てました。まず解約理由のメモを全部読み、"
        "次に競合のサイトを見て、最後に応対の記録を確かめました。結局、料金改定が原因でした。"
    )
    assert _t102(answer, q, "thinking") == "その順番にした理由も教えてください。"


def test_what_a_judgment_was_based_on_is_answered_by_the_reason_given() -> None:
    q = "自分の意見を取り下げて、相手の案に乗ったことはありますか。そのとき、何を基準にそう判断しましたか。"
    reasoned = (
        "はい、あります。前の店で売場の配置を決めたとき、私は新商品を入口に置く案でしたが、"
        "店長は定番品を置く案でした。去年の売上を二人で見たら、常連のお客様が定番品を目当てに"
        "来ていると分かったので、店長の案に乗りました。"
    )
    told_only = (
        "はい、あります。前の店で売場の配置を決めたとき、私は新商品を入口に置く案でしたが、"
        "最後は店長の定番品を置く案に乗りました。翌月の売上は一割伸びました。"
    )
    assert _t102(reasoned, q, "collaboration") is None
    assert _t102(told_only, q, "collaboration") == "そのとき、何を基準にそう判断しましたか。"
