"""How the analyzer reads answers that are not textbook prose (issue 13): clauses of speech and
run-on text, fillers and restarts, numbers as spoken, cues left empty, blame vs constraint."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.analysis import analyze
from coach.analysis.clauses import clause_norms
from coach.analysis.elements import rule_elements
from coach.analysis.lexicon import lexicon
from coach.analysis.numbers import arabic

# A transcript without 。: background, a step, an outcome and a conclusion in one typed sentence.
RUN_ON = (
    "前の職場で夜勤の引き継ぎに毎回30分かかってたんですけど、で、まあ、えー私が引き継ぎの"
    "項目を一枚の表にまとめて、それを朝礼で配ったら、半年で引き継ぎが10分まで減って、なので"
    "表で渡すやり方は御社でも使えると思っています"
)


def rules_only(text: str, structure: str = "both", question: str | None = None) -> dict:
    return rule_elements(text, structure, question).rule_labels


# --- 1. clauses ------------------------------------------------------------------------------


def test_a_run_on_transcript_is_read_clause_by_clause() -> None:
    elements = rule_elements(RUN_ON, "both")
    assert len(elements.sentences) == 1  # the table still shows what was typed
    assert elements.sentences[0].text == RUN_ON
    assert len(elements.clauses) >= 3
    labels = elements.rule_labels
    assert labels["example"] and labels["action"] and labels["result"]
    # the typed sentence shows the roles its clauses carry
    assert {"example", "action", "result"} <= set(elements.sentences[0].roles)


def test_pauses_typed_as_spaces_end_clauses() -> None:
    text = (
        "前の現場で夜間の騒音の苦情が続いてました 私が搬入の時間を朝8時以降にずらして "
        "近所に挨拶に回りました それで苦情は工期中1件もなかったです"
    )
    elements = rule_elements(text, "both")
    assert len(elements.sentences) == 1
    assert len(elements.clauses) >= 3
    assert elements.rule_labels["action"] and elements.rule_labels["result"]


def test_fillers_are_set_aside_for_analysis_but_kept_for_display_and_delivery() -> None:
    clauses = clause_norms(
        "えー、あの、朝礼で危険な作業を一つだけ言うようにしてて まあ 続けてます", lexicon()
    )
    assert all("えー" not in c and "あの" not in c and "まあ" not in c for c in clauses)
    text = "えー、あの、朝礼で危険な作業を一つだけ言うようにしてて、まあ、それを半年続けています。"
    analysis = analyze(text)
    assert analysis.sentences[0].text.startswith("えー、あの、")
    assert "D405" in [f.code for f in analysis.findings]  # the delivery check still sees them


def test_a_restart_keeps_only_the_second_try() -> None:
    clauses = clause_norms(
        "夜勤の前に必ず仮眠を取るようにしてて あ 取るようにしていまして それで体調を崩さずに済みました",
        lexicon(),
    )
    assert sum("取るようにして" in c for c in clauses) == 1
    assert any("取るようにしていまして" in c for c in clauses)


def test_speech_with_no_comma_at_all_is_cut_where_a_listener_hears_it() -> None:
    # no 、 and no space: a joint followed straight by a drawn-out filler, and 〜んですけど
    said = (
        "前職では配送センターで入荷の検品を担当していてあのー最初の年は数え間違いが多くて"
        "月に二十件ほどあったんですけど私が検品表の並びを棚の順に変えて半年で五件まで減りました"
    )
    clauses = clause_norms(said, lexicon())
    assert clauses[0] == "前職では配送センターで入荷の検品を担当していて"
    assert any(c.endswith("あったんですけど") for c in clauses)
    assert clauses[-1].startswith("私が検品表の並びを")
    # the same words read clause by clause: the story's steps and its outcome fall on clauses
    labels = rule_elements(said, "both", "これまでの成果を教えてください。").rule_labels
    assert labels["action"] and labels["result"] and not labels["conclusion_first"]


def test_textbook_sentences_are_not_cut() -> None:
    text = "私は前職で、発注データを3か月分分析し、発注点を見直す仕組みを提案しました。"
    elements = rule_elements(text, "both")
    assert len(elements.clauses) == 1 and elements.clauses[0] is elements.sentences[0]


# --- 2. numbers ------------------------------------------------------------------------------


def test_kanji_numerals_with_counters_are_magnitudes() -> None:
    for text in (
        "ホースを十二本、四日で交換しました。",
        "八年続けてきました。",
        "問い合わせに二十件ほど対応しました。",
        "クレームは３〜４割減りました。",
        # a half day, one week of work, a count of patterns or of fiscal periods
        "月末の照合が半日早く終わるようになりました。",
        "窓口に来た方の用件を一週間記録しました。",
        "返品の理由を4パターンに分けました。",
        "過去三期分の帳簿を見直しました。",
    ):
        assert rules_only(text)["quantified"], text


def test_numbers_that_do_not_measure_the_speakers_work_are_not_counted() -> None:
    assert not rules_only("創業30年の会社だと伺っています。")["quantified"]
    assert not rules_only("10年後には現場を任される立場になりたいです。")["quantified"]
    assert not rules_only("最初の3か月で覚えるべきことは何でしょうか。")["quantified"]
    # the question's own figure is the question's, not the speaker's
    asked = "5年後にどうなっていたいですか。"
    assert not rules_only("5年後は設備の保全を任されていたいです。", question=asked)["quantified"]
    # an age gap, and the count of one's own questions, measure no work
    assert not rules_only("前の職場では、私より六つ上の主任と組んでいました。")["quantified"]
    assert not rules_only("はい、2点お伺いしたいです。")["quantified"]
    assert not rules_only("気になっていることが三つあって、順番にお聞きします。")["quantified"]
    # a figure of the company's, reported by the speaker
    assert not rules_only("御社は県内に9か所の営業所をお持ちと伺っております。")["quantified"]
    assert not rules_only(
        "説明会で、御社では一人あたり月15件の訪問を担当されていると伺い、応募しました。"
    )["quantified"]
    # …while a count of one's own work still is
    assert rules_only("前職では、一日に三つの現場を回っていました。")["quantified"]


def test_a_lone_ichi_stays_a_word() -> None:
    assert not rules_only("一部の書類を一度だけ見直しました。")["quantified"]


def _kanji(n: int) -> str:
    digits = "〇一二三四五六七八九"
    out = ""
    man, rest = divmod(n, 10_000)
    if man:
        out += _kanji(man) + "万"
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        d, rest = divmod(rest, value)
        if d:
            out += ("" if d == 1 else digits[d]) + unit
    if rest:
        out += digits[rest]
    return out


@given(st.integers(min_value=2, max_value=99_999_999))
def test_kanji_numerals_read_as_their_value(n: int) -> None:
    assert arabic(_kanji(n) + "件") == f"{n}件"


# --- 3. cues that name an element without giving it ------------------------------------------


def test_a_value_held_is_no_reason() -> None:
    elements = rule_elements(
        "調整役を担いました。というのも、チームの和を大切にしたいと常々考えているからです。", "both"
    )
    assert not elements.rule_labels["reason"] and elements.empty.get("reason") == [1]


def test_an_empty_reason_is_no_reason_and_is_recorded() -> None:
    elements = rule_elements("志望した理由は、まだうまく説明できません。", "both")
    assert not elements.rule_labels["reason"]
    assert elements.empty.get("reason") == [0]


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        # a truth about work in general justifies nothing in particular
        ("安全を一番に考えています。理由は、安全は現場の基本だからです。", True),
        ("分担を決め直しました。というのも、人それぞれ得意不得意があるからです。", True),
        ("対策は一度では効きませんでした。なぜなら、現場には色々な要因があるからです。", True),
        ("今だと考えました。理由は、今がそのタイミングだと感じたからです。", True),
        # stock motives and credits
        ("進め方を変えました。その理由は、同じミスを繰り返さないためです。", True),
        ("やり直したい場面があります。あのときもっと頑張れたと思うからです。", True),
        ("立て直せました。それは、周りの協力があったからだと思います。", True),
        # the same shapes with a cause of this answer's own are reasons
        ("進め方を変えました。その理由は、締め日の前に入力が三日分たまっていたからです。", False),
        ("立て直せました。それは、倉庫の棚番号を出荷順に並べ替えたからです。", False),
    ],
)
def test_a_reason_true_of_any_answer_is_no_reason(text: str, empty: bool) -> None:
    elements = rule_elements(text, "both")
    assert elements.rule_labels["reason"] is not empty
    assert ("reason" in elements.empty) is empty


def test_an_attitude_named_as_a_device_is_no_ingenuity() -> None:
    text = (
        "前職の店舗で接客を担当していました。工夫した点は、スタッフとの関係を大切にしたことです。"
    )
    elements = rule_elements(text, "both")
    assert not elements.rule_labels["ingenuity"]
    assert "ingenuity" in elements.empty


def test_a_hoped_for_outcome_is_no_result() -> None:
    text = (
        "前職の物流センターで、私は出荷の手順書を作り直しました。"
        "その結果、ミスが減って職場の雰囲気が良くなればいいなと思っていました。"
    )
    elements = rule_elements(text, "both")
    assert elements.rule_labels["action"]
    assert not elements.rule_labels["result"]
    assert "result" in elements.empty


def test_never_again_after_a_fix_is_a_result_not_perfectionism() -> None:
    text = (
        "入社2年目に、私が発注の確認を省いたせいで納期を1週間遅らせました。"
        "そこで発注前に確認表で二人が見る手順を作りました。"
        "以後、納期が遅れたことは一度もありません。"
    )
    analysis = analyze(text, category="failure")
    assert analysis.labels["result"]
    assert "R304" not in [f.code for f in analysis.findings]


def test_never_again_after_a_practice_taken_up_is_a_result_too() -> None:
    # the fix is a practice kept since (毎回〜しています), not a one-off step
    text = (
        "前職で、振込の金額を間違えました。"
        "それからは毎回ダブルチェックしています。"
        "以後、同じミスは一度もありません。"
    )
    analysis = analyze(text, category="failure", question="これまでの失敗を教えてください。")
    assert analysis.labels["result"]
    assert "R304" not in [f.code for f in analysis.findings]
    # a denial with nothing owned or fixed before it is still perfectionism
    denial = analyze("ミスをしたことは一度もありません。", category="failure")
    assert not denial.labels["result"]
    assert "R304" in [f.code for f in denial.findings]


# --- 4. blame vs constraint ------------------------------------------------------------------


def test_short_blame_one_liners_are_blame() -> None:
    for text in ("前職がブラックだったから辞めました。", "不当な評価を受けていたからです。"):
        assert analyze(text, category="career").labels["blame"], text


@pytest.mark.parametrize(
    "text",
    [
        "宴会の予約を二重で受けてしまいました。私が台帳を確認しなかったのが原因です。",
        "発注を一桁間違えました。原因は、見積書と発注書を私が見比べていなかったことです。",
    ],
)
def test_ones_own_slip_named_as_the_cause_is_a_reason_not_blame(text: str) -> None:
    labels = analyze(
        text, category="failure", question="仕事で大きなミスをしたことはありますか。"
    ).labels
    assert labels["reason"] and not labels["blame"]
    # someone else's omission named as the cause is still blame
    other = "宴会の予約を二重で受けてしまいました。アルバイトが台帳を確認しなかったのが原因です。"
    assert analyze(other, category="failure").labels["blame"]


def test_a_hedge_inside_a_run_on_answer_keeps_its_figures() -> None:
    # 「〜とかですかね」 in the middle of a transcript hedges: the 80世帯 before it is the speaker's
    said = (
        "えー福祉課では生活保護のケースワーカーをしてましてあのー担当は80世帯くらいで"
        "えー訪問と相談対応と就労支援とかですかね色々やってました"
    )
    assert rules_only(said)["quantified"]
    # a figure inside a question put to the listener is not
    assert not rules_only("最初の3か月でどこまで求められるのでしょうか。")["quantified"]


def test_a_one_line_reason_for_leaving_answers_first() -> None:
    labels = analyze("前職がブラックだったから辞めました。", category="career").labels
    assert labels["conclusion_first"] and labels["reason"]


def test_neutral_constraints_and_principles_are_not_blame() -> None:
    for text in (
        "前の会社では異動がかないません。",
        "前の店は本部がメニューを決める形だったので、自分で献立を考える機会がありませんでした。",
        "納得できないものを出すのは、プロとして失礼だと思っています。",
    ):
        assert not rules_only(text)["blame"], text


# --- 5. implicit elements and roles ----------------------------------------------------------


def test_a_choice_over_an_alternative_is_a_device_without_naming_it() -> None:
    labels = rules_only("前職の店舗で、値引きではなく代行プランにしました。")
    assert labels["action"] and labels["ingenuity"]


def test_a_later_point_after_the_steps_states_an_outcome() -> None:
    text = "先代と何度も話し合い、事業計画書を一緒に作りました。翌年、承継の手続きに入りました。"
    elements = rule_elements(text, "both")
    assert elements.rule_labels["result"]
    assert elements.sentences[1].roles == ("result",)


@pytest.mark.parametrize(
    "text",
    [
        "配管の位置がずれて、やり直しに2日かかりましたが、工程を詰めて取り戻しました。",
        "記念日のケーキを忘れ、翌朝お詫びに伺いました。翌年も同じ日にご予約をいただきました。",
    ],
)
def test_a_delay_made_up_and_a_guest_who_came_back_are_outcomes(text: str) -> None:
    assert rules_only(text)["result"]


def test_a_name_alone_and_a_decline_are_not_the_conclusion() -> None:
    elements = rule_elements("佐藤花子です。前職では施工管理を10年担当しました。", "both")
    assert elements.sentences[0].preface and elements.first == 1
    assert not rules_only("特にありません。")["conclusion_first"]
    # a reverse question is answered by declining it (no_question says so)
    assert rules_only("特にありません。", "reverse")["conclusion_first"]


def test_what_should_have_been_said_is_reflection_not_action() -> None:
    elements = rule_elements("本当は、早めに相談すべきだと上司に伝えるべきでした。", "both")
    assert not elements.rule_labels["action"]
    assert not elements.sentences[0].actions


def test_a_deed_done_out_of_fear_is_no_reason_result_or_device() -> None:
    labels = rules_only("断ると評価が下がると思い、引き受けてしまいました。")
    assert not (labels["reason"] or labels["result"] or labels["ingenuity"])
    # while a mishap that befell is an outcome
    assert rules_only("前職で確認を省いた結果、納品が遅れてしまいました。")["result"]


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # outcomes told in speech or casually
        (
            "前職の情シスで配信時間を昼にずらしました。それ以降、その問い合わせは来てないです。",
            "result",
            True,
        ),
        (
            "前職の倉庫で休憩所を屋根の上に移しました。8月は病院に行った人はゼロでした。",
            "result",
            True,
        ),
        ("前職の現場で北面だけ4日待ちました。工期には響かなかったです。", "result", True),
        # outcomes said in passing: a zero after a period, a zero that runs on, a goal met in a
        # bullet, a client adopting the proposal, a change asked for and made, what a trial showed
        ("前職の工場で検査台の照明を変えたら、返品は三か月でゼロ。", "result", True),
        (
            "去年、受付の順番を入れ替えました。待ち時間の苦情はゼロで、残業も減りました。",
            "result",
            True,
        ),
        (
            "前職で、見積もりの出し方を変える案を三社に出し、二社で採用してもらいました。",
            "result",
            True,
        ),
        ("課長に相談して、日報を週報に変えてもらいました。", "result", True),
        ("試しに先に電話で確認してみたら、差し戻しがほとんど出なかったんです。", "result", True),
        # an outcome stated beside one only felt: the stated one counts
        (
            "前職で朝礼の進め方を変えました。職場の雰囲気が良くなり、休む人が月に二人減りました。",
            "result",
            True,
        ),
        (
            "前職で朝礼の進め方を変えました。その結果、職場の雰囲気も良くなりました。",
            "result",
            False,
        ),
        # none since, in a formal or plain word; a certificate won; a device still in use
        ("それ以降、同じ記入漏れはございません。", "result", True),
        ("去年から確認表を使っています。それで、発注の漏れは発生していません。", "result", True),
        ("前職の薬局で勉強を続け、一年で認定薬剤師の資格を取得しました。", "result", True),
        ("前職で作った点検の表は、三年たった今も使われています。", "result", True),
        # a resolve after その結果 is no outcome
        (
            "前職で請求書の宛先を間違えました。その結果、次からは気をつけようと思いました。",
            "result",
            False,
        ),
        # a request turned down is a negative outcome
        (
            "店長に人を増やしてほしいと二度お願いしましたが、聞き入れてもらえませんでした。",
            "result",
            True,
        ),
        # a claim of never having clashed is no outcome, nor is a budget of nothing
        ("どんな人とも問題なくやっていけますし、衝突したことも一度もありません。", "result", False),
        ("年収が上がるなら残るかもしれません。", "result", False),
        # a step done with やる is the step its object names
        ("前職の経理で、月末の伝票の照合をやりました。", "action", True),
        # the speaker's own analysis of a failure is a reason; someone else's fault is not
        ("振込の金額を間違えました。私の確認不足です。", "reason", True),
        # blame in short form, and constraints that are not blame
        ("会社が人を入れないから、現場が回らない。もう無理だと思った。", "blame", True),
        ("園長が保育のことを何もわかってなくて、現場の意見を全部無視するからです。", "blame", True),
        ("前の会社では、現場の人間が本社の仕事に移る道がありません。", "blame", False),
        (
            "前の会社は経理が一人だけで、連結決算の経験を積む機会がありませんでした。",
            "blame",
            False,
        ),
        ("誰がやっても同じ品質になる仕組みを作りました。", "blame", False),
        ("前任者が荒らしていたので、誰がやっても同じだったと思います。", "blame", True),
    ],
)
def test_readings_of_real_answers(text: str, label: str, expected: bool) -> None:
    assert rule_elements(text, "both").rule_labels[label] is expected


def test_a_goal_met_in_a_bullet_is_a_result() -> None:
    # a bullet ending in the noun (体言止め) states the outcome; the rules mark it as stated, the
    # label model reads the tense from the bullets around it
    text = (
        "- 担当は法人営業5名\n- 毎週金曜に一人15分の面談\n- 止まっている商談だけ一緒に電話する\n"
        "- 昨年度は5名全員が目標の9割以上を達成"
    )
    elements = rule_elements(text, "both")
    assert elements.sentences[-1].outcome
    assert analyze(text, category="management").labels["result"]


def test_a_conclusion_announcement_alone_is_a_preface() -> None:
    # the sentence after it decides whether the answer comes first
    text = "結論から申し上げますと。前職では物流センターで働いていました。"
    elements = rule_elements(text, "both")
    assert elements.sentences[0].preface
    assert elements.first == 1


def test_a_step_opened_with_nanode_after_a_cause_found_is_a_device() -> None:
    text = (
        "前の現場で、話を聞いたら、屋根の上の職人さんは休憩時間でも上にいたんですね。"
        "なので、屋根の上に日よけのテントとクーラーボックスを上げるようにしました。"
    )
    assert rule_elements(text, "both").rule_labels["ingenuity"]


# --- the first sentence: said back, set up, or a yes ----------------------------------------

OPENINGS = [
    # a no, in the question's own words, answers however it opens
    (
        "前職で、どのように成長できたと思いますか。",
        "正直なところ、前職の三年間ではあまり成長できなかったと思っています。理由は、同じ作業の繰り返しだったことです。",
        True,
    ),
    (
        "売上が落ちたとき、どう立て直しましたか。",
        "立て直すのは難しかったです。前の店では、値引きを増やしても客数が戻りませんでした。",
        True,
    ),
    # a way of working told as a past state answers how it was handled
    (
        "お客様からの苦情に、どう対応していましたか。",
        "苦情には、まずその日のうちに電話でお詫びすることを心がけていました。",
        True,
    ),
    # "there are many" left for a general talk, and years of 「様々な経験」, answer nothing yet
    (
        "これまでの失敗について教えてください。",
        "失敗は数えきれないほどありますが、そのたびに反省して次に活かしてきました。",
        False,
    ),
    (
        "これまでの失敗について教えてください。",
        "失敗は色々ありますが、一番大きかったのは発注の桁を間違えたことです。",
        True,
    ),
    (
        "課題をどう解決したか教えてください。",
        "私は入社以来、経理、総務、営業事務と様々な部署を経験してまいりました。",
        False,
    ),
    # asked how a failure was handled: the failure itself only sets the scene
    (
        "仕事で失敗したとき、どのように立て直しましたか。",
        "2021年の秋、私は取引先への請求書を二重に送ってしまいました。",
        False,
    ),
    # a first sentence trailing off after a but or a so, hesitation alone, and leave asked to
    # tell it another way: the answer is still to come
    (
        "大きなクレームを受けた経験を教えてください。",
        "そうですね、窓口にいると、まあ、お叱りは毎日のようにあるんですけど……。先月、振込の期限を私が伝え忘れたことがありました。",
        False,
    ),
    (
        "当社の働き方で合わないと感じた点はありますか。",
        "いや、うーん……。夜勤の回数は少し気になっています。",
        False,
    ),
    (
        "同じやり方で二回成果を出した経験はありますか。",
        "ええと……前の職場の話になってしまうんですけど、よろしいでしょうか。",
        False,
    ),
    (
        "これまでで一番の失敗を教えてください。",
        "うーん、失敗というか、ちょっと悔しかった件なんですけど。去年、見積もりの桁を一つ間違えました。",
        False,
    ),
    # the first clause of a run-on answer that only sets up the story (no 。 anywhere)
    (
        "課題をどう分析して解決策を決めたか教えてください。",
        "えーと前の倉庫で誤出荷が急に増えた時期があってあのー私が一週間分の伝票を全部見直したら"
        "半分が同じ棚の取り違えだったので棚の表示を色で分けました",
        False,
    ),
    # …after a yes, the same clause tells the episode asked for
    (
        "意見が割れたことはありますか。",
        "ありましたあの新しい検査の手順で私と先輩で意見が分かれてたんですけどえー"
        "両方で一週間ずつ試してみて先輩の案に決めました",
        True,
    ),
    # …while a claim that trails off is still the claim
    (
        "その経験は当社でも通用すると思いますか。",
        "人の配置を先に決めるやり方は、どこでも使えるのかなと……。前の倉庫でも三つの班で試しました。",
        True,
    ),
    # the official version first, and a concession first: the answer comes after
    (
        "仕入れ先はどうやって決めていますか。",
        "建前で言うと、本部が年に一度の入札で決めることになっています。実際は私が三社に見積もりを取って決めています。",
        False,
    ),
    (
        "これまでの経歴に共通するものは何ですか。",
        "経歴だけ見ると、確かに一貫していないように見えると思います。どの職場でも、数字の締めを任されてきました。",
        False,
    ),
    # the old job's environment first, and leave asked to tell a story
    (
        "前職の成果は、当社でも出せると思いますか。",
        "正直に申し上げますと、前職は新しいことを試しにくい環境でした。",
        False,
    ),
    (
        "チームで意見が割れたとき、どうしましたか。",
        "ちょっと前の職場の話になりますけど、その話でいいですか。",
        False,
    ),
    # a yes to a yes/no question answers it, bare or with what was asked
    (
        "後輩の指導で苦労したことはありますか。",
        "ありました。新人が二人同時に配属された年で、私が教える順番を決めました。",
        True,
    ),
    (
        "仕事のやり方を大きく変えざるを得なかった経験はありますか。",
        "やり方を変えざるを得ない時期はありました。紙の点検表がタブレットに変わった年です。",
        True,
    ),
    # yes said to a question that asks how: not yet an answer
    (
        "納品トラブルにどう対応しましたか。",
        "ありました。取引先に届いた箱の数が一つ足りませんでした。",
        False,
    ),
    # the question said back is a preface, as はい is; the sentence after it is read
    (
        "原価はどうやって管理していましたか。",
        "原価管理ですか。毎月、出来高と支払いの見込みを工種ごとに並べて予算と比べていました。",
        True,
    ),
    (
        "原価はどうやって管理していましたか。",
        "原価管理ですか。えーと、その前に少しだけ現場の説明をさせてください。私の現場は三十人ほどで…",
        False,
    ),
    # a story's setting announced first
    (
        "チームで苦労した経験を教えてください。",
        "倉庫で夜勤のリーダーをしていたときの話なんですけど、出荷の締めが毎晩三十分遅れていて、原因を探しました。",
        False,
    ),
    (
        "この仕事を選んだ理由を教えてください。",
        "理由を申し上げる前に、少し経緯をお話しさせてください。私は十年、信用金庫で融資の事務をしてきました。",
        False,
    ),
    # asked how it was handled, 「〜したことがあります」 only sets the scene
    (
        "工期が遅れそうになったとき、どうやって取り戻しましたか。",
        "去年の改修工事で、資材の入荷が二週間遅れたことがあります。私は工程を三つに分け直しました。",
        False,
    ),
    # what was read, or the times in general, told before the answer
    (
        "数ある会社の中で、なぜ当社なのですか。",
        "御社の採用ページと決算資料を拝見しました。中でも地方の店舗を減らさない方針が一番の理由です。",
        False,
    ),
    (
        "今後のキャリアプランを教えてください。",
        "近年は物流の現場でも自動化が進み、求められる役割が変わってきています。",
        False,
    ),
    # asked what was done to get there, the job told in the past is a self-introduction
    (
        "売上が上位だったとのことですが、そのために具体的に何をしていたのですか。",
        "前職では、地元の工務店向けに建材のルート営業をしていました。",
        False,
    ),
    # asked for an experience, naming it answers
    (
        "工期が遅れそうになった経験はありますか。どう取り戻しましたか。",
        "去年の改修工事で、資材の入荷が二週間遅れたことがあります。私は工程を三つに分け直しました。",
        True,
    ),
    # a story that opens on a day or on the year of a post held is a scene, not yet the answer
    (
        "急な欠員が出たとき、どのように現場を回しましたか。",
        "ある朝、出勤予定の職員が二人とも体調不良で休みでした。私は残りの四人で回せるよう、入浴の順番を組み替えました。",
        False,
    ),
    (
        "前職で成果を出したときの進め方を教えてください。",
        "倉庫の班長をしていた2022年、出荷の誤りが月に十件を超えていました。私は棚の番号を色で分けました。",
        False,
    ),
    # 「〜のときの話になります」 announces the story to come
    (
        "うまくいかなかった仕事について、どこでまずいと気づいたか教えてください。",
        "新しい会計ソフトへの移行を任されたときの話になります。移行の日程は経理課長が決めていました。",
        False,
    ),
    # asked how it was handled, naming only when it was (「〜のは、〜の月末ですね」)
    (
        "締め切りに追われた場面で、どう優先順位をつけましたか。",
        "一番追われたのは、決算前の三月ですね。請求書の確認を後回しにして、支払いの期限があるものから片づけました。",
        False,
    ),
    # a scene that runs on into the story (〜にいた頃、〜がいて、) has not answered yet
    (
        "取引先と協力して仕事を進めた経験を教えてください。",
        "印刷会社にいた頃、ある出版社と共同で販促の冊子を作ることになりました。私は毎週の進み具合を表にしました。",
        False,
    ),
    (
        "年上の部下と仕事をするとき、気をつけていることは何ですか。",
        "前の職場で、二十年以上勤めている主任の方がいて、私の指示をなかなか聞いてもらえませんでした。",
        False,
    ),
    # 「失敗はたくさんしてきました」 says there were many and names none
    (
        "失敗から学んだことを教えてください。",
        "失敗はたくさんしてきました。その中で学んだのは、確認を人任せにしないことです。",
        False,
    ),
    # 「〜というのが正直なところです」 is no time (ところ)
    (
        "転職の理由を前向きに言うとどうなりますか。",
        "今の仕事が嫌になったというより、現場に近い仕事に戻りたいというのが正直なところです。",
        True,
    ),
    # the job answers a question only when the job is what it asks for, not a word that frames
    # another ask, and a role taken in a team's disagreement is no job
    (
        "チームの中で意見が割れたとき、あなたはどんな役割を取りましたか。",
        "前の職場では、倉庫の出荷管理を担当していました。ある月、出荷の順番で意見が割れました。",
        False,
    ),
    (
        "これまでの経験で、当社でも生かせる強みは何ですか。",
        "私は物流センターの班長として、二十名のパートさんの班を見てきました。",
        False,
    ),
    (
        "学童では、具体的にどんな役割を担っていましたか。",
        "低学年の子どもたちの宿題を見る係と、おやつの準備を担当していました。",
        True,
    ),
    (
        "まず、今どんなチームで、どんな立場のお仕事をされているかを教えてください。",
        "経理課の四名の中で、売掛金の管理と月次の締めを担当しています。",
        True,
    ),
    # the setting described first (a workplace, an industry), unless a reason or a no is given
    (
        "これまでで一番大きな成果を教えてください。",
        "物流の現場では、毎日のように急な出荷の変更が入ります。私は変更の受付表を作り直しました。",
        False,
    ),
    (
        "今の会社を離れようと決めた一番のきっかけは何ですか。",
        "今の会社では、現場の人間が企画の仕事に移る道がないからです。",
        True,
    ),
    # a belief about the field in general, unless the question asks what one values
    (
        "仕事で判断に迷ったとき、何を基準に決めていますか。",
        "物流の仕事は、時間を守ることが何より大切な仕事だと考えております。私は迷ったとき、納期に近い方を先にします。",
        False,
    ),
    (
        "仕事で一番大切にしていることは何ですか。",
        "物流の仕事は、時間を守ることが何より大切だと考えております。",
        True,
    ),
    # the setting named as one's own, the speaker only in the phrase that names it
    (
        "これまでで一番の失敗を教えてください。",
        "私が勤めていた倉庫は、一日に八千件を出荷する拠点でした。ある日、私は棚番号を読み違えました。",
        False,
    ),
    # a preamble, a past self before the change, the premise confirmed
    (
        "チームで意見が割れたとき、あなたはどんな役割を取りましたか。",
        "前置きが少し長くなりますが、当時の状況からご説明します。私の班は六名でした。",
        False,
    ),
    (
        "入社してから一番成長したと思うことは何ですか。",
        "新人として配属された頃、私は電話に出るのがとても苦手でした。",
        False,
    ),
    (
        "転職の回数が多いようですが、理由を教えてください。",
        "おっしゃる通り、これまで三社を経験してまいりました。",
        False,
    ),
    # a disclaimer before the answer (「外れていたら申し訳ないんですけど。」)
    (
        "当社が今いちばん困っていることは何だと思いますか。",
        "外から見える範囲なので、外れていたら申し訳ないんですけど。求人の数から見て、現場の人手だと思います。",
        False,
    ),
    # a time as the whole predicate sets the scene: 「〜目のことです」「〜直後でした」
    (
        "仕事でお客様を怒らせてしまったことはありますか。",
        "配属されて三か月目のことです。私が納品日を一日間違えて伝えてしまいました。",
        False,
    ),
    (
        "前職で直面した大きな問題と、その対処を教えてください。",
        "私が店長になったのは、前の店長が急に辞めた直後でした。在庫の数が帳簿と合っていませんでした。",
        False,
    ),
    # asked how it was handled: the trouble (〜ことがございました) or one's part in it
    # (〜を私が担当しました) only sets it up; the steps themselves answer
    (
        "業務上のトラブルにどう対処しましたか。",
        "前職の運送会社で、配送先の住所データに誤りがあり、約300件のお荷物に誤配が発生したことが"
        "ございました。私は当日中に対象を洗い出しました。",
        False,
    ),
    (
        "失敗をどのように挽回しましたか。",
        "前職で、新しく導入した勤怠システムの設定を私が担当しました。ところが締め日を一日ずらして"
        "登録していました。",
        False,
    ),
    (
        "失敗をどのように挽回しましたか。",
        "前職では、まず影響の出た取引先を一覧にして、その日のうちに全社へ電話しました。",
        True,
    ),
    # asked what one will do here: a past deed alone sets it up; one that looks ahead answers
    (
        "入社後、どのように貢献できるとお考えですか。",
        "前職の経理部では、月次決算の締めを七営業日から四営業日に縮めました。",
        False,
    ),
    (
        "入社後、どのように貢献できるとお考えですか。",
        "前職で月次決算の締めを四営業日に縮めた経験を、御社の決算早期化に活かせると考えています。",
        True,
    ),
    (
        "失敗経験について教えてください。その失敗をどう活かしましたか。",
        "私の失敗は、設定変更の手順を一つ飛ばし、社内のシステムを三時間止めてしまったことでした。",
        True,
    ),
    # asked one's own part: the whole team as the doer has not said it yet; 私 in it has
    (
        "そのプロジェクトで、あなた自身が担当した部分はどこですか。",
        "営業所全体で、みんなで新規開拓に取り組みました。私は見積もりの作り方を変えました。",
        False,
    ),
    (
        "そのプロジェクトで、あなた自身が担当した部分はどこですか。",
        "チーム一丸となって進めた中で、私は見積もりの標準化を担当しました。",
        True,
    ),
    # asked why this company: the job one leaves has not answered it; a motive of one's own has
    (
        "数ある会社の中で、なぜ当社を選ばれたのですか。",
        "正直に申し上げますと、現職は残業が多く、家族との時間がほとんど取れない状況が続いております。",
        False,
    ),
    (
        "数ある会社の中で、なぜ当社を選ばれたのですか。",
        "前職で身につけた在宅介護の経験を、御社の訪問サービスで活かせると考えたからです。",
        True,
    ),
    # a run-on answer whose first clause tells a happening or a time and turns on a but sets up
    # a story; with the question's words, a yes or 「〜のは」 in it, it answers
    (
        "急なトラブルをその日のうちに収めた経験を教えてください。",
        "おととしの年末なんですけど 配送のトラックが雪で三台とも止まってしもて "
        "まず近くの営業所に電話して 車を借りました",
        False,
    ),
    (
        "急なトラブルをその日のうちに収めた経験を教えてください。",
        "ありました、配送のトラックが雪で三台とも止まったんですけど、"
        "近くの営業所に電話して車を借りて、その日のうちに全部届けました。",
        True,
    ),
    (
        "前職を辞めた理由を教えてください。",
        "辞めた理由は正直に言うと夜勤が月十回を超えて体がもたなかったからなんですけど、"
        "今は日勤の仕事を探しています。",
        True,
    ),
    # an occasion named as the answer (〜したことです), even after a time or a place
    (
        "これまでで一番の失敗は何ですか。",
        "去年の夏、発注書の数量を一桁多く書いて倉庫を段ボールで埋めたことです。",
        True,
    ),
    (
        "複数の案から一つを選んだ判断のうち、今も正しかったと思うものを教えてください。",
        "去年の秋、倉庫の棚替えを週末に一気にやらず、三回に分けて進めたことです。",
        True,
    ),
    # 「〜のは…ことですね」 answers; 「〜ということですね」 only says the question back
    (
        "仕事で一番大事にしていることは何ですか。",
        "大事にしてるのは、頼まれたことをその日のうちに一度返すことですね。",
        True,
    ),
    (
        "その改善は、どういう手順で進めましたか。",
        "受付の待ち時間を短くしたときのことでしょうか。まず三日間、受付の時刻を全部記録しました。",
        False,
    ),
    # asked a scale or figures: the figures, in the question's words, answer (a setting only when
    # they are not what was asked)
    (
        "今の倉庫の規模と、一日の出荷件数を教えてください。",
        "今の倉庫は延床約4,000平米で、出荷は一日平均1,200件です。",
        True,
    ),
]


def test_a_because_after_the_answer_named_is_its_reason() -> None:
    # 「〜のは…です」 names the answer; the 〜からです right after it is that answer's reason,
    # even after the scene and the figures
    answer = (
        "今の倉庫は延床約4,000平米で、出荷は一日平均1,200件です。"
        "去年、誤出荷が月に20件ほどありました。"
        "私が一番手を打ったのは検品の順番です。"
        "人を増やすより、似た品番を先に分ける方が早いと考えたからです。"
    )
    assert rules_only(answer, "both", "一番手を打ったのはどこですか。")["reason"]


@pytest.mark.parametrize(("question", "answer", "first"), OPENINGS)
def test_what_the_first_sentence_does(question: str, answer: str, first: bool) -> None:
    assert rules_only(answer, "both", question)["conclusion_first"] is first


def test_a_question_said_back_is_a_preface() -> None:
    elements = rule_elements(
        "一貫しているもの、ですか。どの職場でも、数字の締めを任されてきました。",
        "both",
        "これまでのキャリアで一貫しているものは何ですか。",
    )
    assert elements.clauses[0].preface and elements.first == 1
    # in a reverse-question answer a question of one's own is not said back
    own = rule_elements(
        "研修制度はどのようなものですか。", "reverse", "最後に何か質問はありますか。"
    )
    assert not own.clauses[0].preface


@pytest.mark.parametrize(
    ("answer", "first"),
    [
        ("じゃあ一個だけ。配属先のセンターの人数を教えてください。", True),
        ("メモしてきた質問を読ませてください。", True),
        ("大丈夫でございます。", True),
    ],
)
def test_a_reverse_question_answer_announced_or_declined_answers(answer: str, first: bool) -> None:
    assert (
        rules_only(answer, "reverse", "最後に何か質問はありますか。")["conclusion_first"] is first
    )


def test_a_space_between_latin_words_is_not_a_pause() -> None:
    text = "前職では社内インフラ担当として、オンプレミスのWindows Server 2012環境からの移行を担当していました。"
    assert len(clause_norms(text, lexicon())) == 1
    # a pause between Japanese words still is
    assert (
        len(
            clause_norms(
                "あー ありました 団体のお客様の部屋が 予約のミスで五部屋足りなかったことがあって",
                lexicon(),
            )
        )
        >= 3
    )


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        # 「〜てから、」 tells when, not why
        ("まだ伝えていません。内定をいただいてから、直属の課長に伝えるつもりです。", False),
        ("今は特にありません。入社してから、分からないことはその都度伺います。", False),
        # 「〜ですから、」 and 「〜たから、」 still give a cause
        (
            "御社を志望しました。保全の仕事をこれからも続けたいですから、設備の多い御社に応募しました。",
            True,
        ),
        (
            "御社を志望しました。現場の改善を続けたいと思ったから、設備の多い御社に応募しました。",
            True,
        ),
    ],
)
def test_te_kara_is_a_time_not_a_cause(answer: str, reason: bool) -> None:
    assert rules_only(answer, "both", "今後の進め方を教えてください。")["reason"] is reason


@pytest.mark.parametrize(
    ("question", "answer", "reason"),
    [
        # asked why or on what basis, a cause said mid-sentence after a bare yes is the why
        (
            "自分の意見を取り下げて、相手の案に乗ったことはありますか。何を基準にそう判断しましたか。",
            "あります。自分の案より後輩の案のほうがお客様に合っていたので、そちらに乗りました。",
            True,
        ),
        # …while a cause inside the story, asked no why, is not the answer's justification
        (
            "チームで成果を出した経験を教えてください。",
            "あります。繁忙期で人が足りなかったので、私が夜の検品にも入りました。",
            False,
        ),
    ],
)
def test_a_cause_after_a_bare_yes_answers_the_why_asked(
    question: str, answer: str, reason: bool
) -> None:
    assert rules_only(answer, "both", question)["reason"] is reason
