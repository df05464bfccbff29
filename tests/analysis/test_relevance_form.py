"""The question's form against the answer's form (issue 14, round two): a case set up and no step
for it, a count asked and none given, the focal noun never taken up, 「はい、あります。」 where
which or what was asked. Each test names the reason it fires for and one the same answer's
well-formed twin does not."""

from __future__ import annotations

from typing import Any

import pytest

from coach.analysis import analyze

CASE_Q = "仮に、来月から倉庫の出荷量が倍になると分かったら、何から手をつけますか。"
CASE_PAST = (
    "前職では、倉庫の出荷担当を五年続けてきました。繁忙期には毎日三百件の荷物を出していました。"
    "新人の教育も任されていて、手順書を自分で作り直したこともありました。"
)
CASE_STEPS = (
    "まず、今の人数と棚の配置で一日に何件まで出せるかを数字で確かめます。"
    "そのうえで、足りない人手を派遣会社に早めに相談します。前職の繁忙期にも同じ順番で準備しました。"
)


def _why(answer: str, question: str, category: str) -> tuple[str, ...]:
    return tuple(analyze(answer, category=category, question=question).extras["relevance"].why)


def _read(said: str, structure: str, question: str) -> Any:
    """The answer as the relevance tests read it (relevance_answer.Answer)."""
    from coach.analysis.elements import analyze_elements
    from coach.analysis.relevance_answer import read_answer

    return read_answer(analyze_elements(said, structure, question), question)


def test_a_case_set_up_wants_a_step_for_it() -> None:
    assert "no-step" in _why(CASE_PAST, CASE_Q, "problem-solving")
    assert "no-step" not in _why(CASE_STEPS, CASE_Q, "problem-solving")
    # what one would do, named as 「…するのは…です」, is a step too (but 「…しているのは」 is a state)
    named = (
        "最初に手をつけるのは、一日に出せる件数を数字で確かめることです。"
        "前職の繁忙期にも、棚の配置を見直して出荷を間に合わせました。"
    )
    assert "no-step" not in _why(named, CASE_Q, "problem-solving")


def test_an_opinion_or_a_state_is_no_step() -> None:
    # 「〜と思います」「〜と考えています」 and a state (「〜の仕事をしています」) end in ます without
    # saying what one would do; the plain-form step (「話す。」) must not read the す of ます
    opinion = (
        "こういう事態の多くは、仕組みに問題があるケースだと思います。"
        "本来は、引き継ぎの資料を残しておくのが理想です。"
        "私は、ルールづくりがとても大切だと考えています。"
    )
    assert "no-step" in _why(opinion, CASE_Q, "problem-solving")
    state = "前職では倉庫の出荷担当を五年続けました。今は物流会社で在庫管理の仕事をしています。"
    assert "no-step" in _why(state, CASE_Q, "problem-solving")
    # a habit told for the case (「〜ようにしています」) and a plain step are still steps
    habit = "前職でも繁忙期は毎年ありました。まず朝のうちに件数を見て、人を回すようにしています。"
    assert "no-step" not in _why(habit, CASE_Q, "problem-solving")
    plain = "前職でも同じことがあった。一日に出せる件数を先に数える。"
    assert "no-step" not in _why(plain, CASE_Q, "problem-solving")


def test_a_past_case_or_a_habit_is_not_a_case_set_up() -> None:
    # 〜場合、どう対処しましたか asks what was done; 〜とき、どうしますか is answered by an episode
    for q in ("データに誤りがあった場合、どう対処しましたか。", "忙しいとき、どうしますか。"):
        assert "no-step" not in _why(CASE_PAST, q, "problem-solving")


@pytest.mark.parametrize(
    ("answer", "fires"),
    [
        ("毎朝、一人ひとりに声をかけています。表情が違う人には昼までに話を聞きます。", True),
        ("今は6名です。パートさんが4名で、朝礼で予定を伝えています。", False),
    ],
)
def test_a_count_asked_wants_a_number(answer: str, fires: bool) -> None:
    why = _why(answer, "今、何名のスタッフを見ていますか。", "management")
    assert ("unshown:count" in why) is fires


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("仕事で大切にしている考え方は何ですか。経験を交えて教えてください。", True),
        ("仕事で大きな失敗をした経験を教えてください。", False),  # no which or what asked
        # 〜ていますか is no ありますか: a count was asked, not whether there is one
        ("何名のメンバーを見ていますか。", True),
    ],
)
def test_yes_there_is_under_a_what_question(question: str, fires: bool) -> None:
    answer = (
        "はい、あります。去年、配送の担当エリアが倍になり、午前の便が遅れていました。"
        "私はルートを引き直して、遅れを月に十回から一回まで減らしました。"
    )
    assert ("existence-reply" in _why(answer, question, "thinking")) is fires


def test_yes_there_is_after_a_filler() -> None:
    # spoken: 「はい、えー、ありました。」 replies to 「ありましたか」, not to 「お考えですか」
    answer = (
        "はい、えー、ありました。台風の前の日に、支店長から鉄骨の建方は予定どおりやれと言われました。"
        "風の予報を見せて、午前中で作業を止めると決めました。"
    )
    assert "existence-reply" in _why(
        answer, "前職での成果は、当社でも再現できるとお考えですか。", "thinking"
    )


WEAKNESS_Q = "ご自身の弱みと、それをどう克服してきたかを教えてください。"


def test_a_weakness_asked_and_never_taken_up_needs_no_model() -> None:
    # a plan for the first months under a weakness question: no weakness, not even a near word
    # (苦手, 足りない, 克服), so it answers another question whatever the topic model believes
    plan = (
        "入社して最初の3か月は、まず既存のお客様を10社選んで訪問するところから始めます。"
        "前職でも、新規の開拓より既存のお客様への追加の提案の方が早く結果が出ました。"
        "1か月目に聞き取り、2か月目に提案書、3か月目に受注という順番で進めるつもりです。"
    )
    a = analyze(plan, category="growth", question=WEAKNESS_Q)
    assert "focal:weakness" in a.extras["relevance"].why and a.labels["off_topic"]
    # the same plan told as the way a weakness is made up for takes the weakness up
    owned = "私の弱みは、新しいお客様に話しかけるのが苦手なことです。" + plan
    assert (
        "focal:weakness"
        not in analyze(owned, category="growth", question=WEAKNESS_Q).extras["relevance"].why
    )


@pytest.mark.parametrize(
    "question",
    [
        "なぜこのタイミングで転職するのですか。",
        "転職を何度かされていますが、理由を教えてください。",  # the reason asked a clause later
    ],
)
def test_a_reason_for_leaving_asked_and_a_work_story_told(question: str) -> None:
    # a delivery story: nothing of leaving, moving or a wish; 「残りの便」 is no 残る (to stay)
    story = (
        "前職では、各部署への物品の配送が一日平均で二時間ほど遅れていました。原因を調べると、"
        "配送の順番が依頼の受付順になっていて、同じ建物を何度も往復していたと分かりました。"
        "私は依頼の締め切りを前日に揃え、残りの便を建物ごとにまとめるルートに組み替えました。"
    )
    assert "topic:career-move" in _why(story, question, "career")
    told = story + "ただ、現場の改善よりも仕組みを作る側の仕事がしたいと考え、転職を決めました。"
    assert "topic:career-move" not in _why(told, question, "career")


def test_the_person_asked_about_and_nobody_in_the_answer() -> None:
    q = "チームの中に仕事が遅れているメンバーがいたとき、あなたはどう関わりましたか。"
    # one's own numbers only: the member who was behind never appears, nor anybody else
    alone = (
        "私自身は、担当分を早めに終わらせることを一番に心がけていました。去年は配送ルートを自分で"
        "組み直して、一日の配達件数を80件から95件まで増やしました。自分の仕事を早く片づけることが、"
        "結果的にチームのためになると思っています。"
    )
    assert "focal:person" in _why(alone, q, "collaboration")
    helped = (
        "入って二か月の後輩が、伝票の入力でいつも遅れていました。隣で一度やってもらうと、メモを"
        "取らずに後から思い出して打っていたので、入力欄を短くした表を作って渡しました。二週間で"
        "遅れはなくなりました。"
    )
    assert "focal:person" not in _why(helped, q, "collaboration")


def test_experience_asked_and_nothing_of_the_past_told() -> None:
    q = "今回のポジションに関係しそうな経験だけに絞って、30秒ほどで話してもらえますか。"
    keen = (
        "はい、私は明るくて人と話すのが大好きな性格です。休日はよく友人とキャンプに行ったり、"
        "地域のマラソン大会に出たりしています。体力には自信があるので、どんな仕事でも頑張れます。"
    )
    assert "focal:experience" in _why(keen, q, "introduction")
    told = (
        "前職では五年間、法人のお客様への提案営業を担当しました。最後の二年は新規開拓のチームで、"
        "年間で三十社の契約を取りました。今回のポジションにも、この新規開拓の経験が近いと思います。"
    )
    assert "focal:experience" not in _why(told, q, "introduction")


@pytest.mark.parametrize(
    ("name", "question", "category", "other", "taken"),
    [
        (
            "hobby",
            "ご趣味は何ですか。",
            "introduction",
            # a work story where a pastime was asked
            "前の工場では、夜勤明けの引き継ぎで伝達漏れが続いていました。私は引き継ぎ票の項目を"
            "三つに絞り、口頭の確認を必ず入れる形にしました。三か月で伝達漏れは月五件から一件に"
            "減りました。",
            "休日は子どもと近くの川で釣りをしています。もう五年ほど続けていて、釣れた魚の種類と"
            "場所をノートに記録するのが楽しみです。",
        ),
        (
            "conditions",
            "転職先を選ぶうえで、譲れない条件はありますか。",
            "career",
            "前職では営業事務として、見積書の作成を担当していました。書式が担当者ごとに違い、"
            "確認に時間がかかっていたので、共通の雛形を作って課内に配りました。半年で差し戻しは"
            "半分ほどになりました。",
            "転勤がないことです。親の介護があり、今の家から通える範囲で働く必要があります。"
            "そのうえで、事務の経験を活かして長く働ける職場を選びたいと考えています。",
        ),
    ],
)
def test_a_pastime_or_a_condition_asked_and_never_taken_up(
    name: str, question: str, category: str, other: str, taken: str
) -> None:
    assert f"focal:{name}" in _why(other, question, category)
    assert f"focal:{name}" not in _why(taken, question, category)


def test_a_rhetorical_janai_desu_ka_in_speech_asks_nothing() -> None:
    from coach.analysis.relevance_answer import asks_back

    q = "他部署に協力してもらった経験はありますか。"
    said = "ありました 人事からしたら 情シスの作業って 優先度低いじゃないですか なので 一覧表に列を足してもらいました"
    assert not asks_back(_read(said, "both", q))


@pytest.mark.parametrize(
    ("said", "asking"),
    [
        # a wh-clause inside a statement asks nothing
        ("自治体の中で物事がどのような順序で決まっていくのか、身をもって存じております。", False),
        ("新人が独り立ちするまでの期間を、何を基準に決めるかでいつも悩んでいました。", False),
        # …but one that says what the speaker wants to know does
        ("配属後にどんな研修があるのか、知りたいと思っております。", True),
        # a wh-question to the listener closing on 〜ますか。 with no question mark
        ("配属先では、お客様の要望をどのように開発の優先順位に反映されていますか。", True),
        # said with no 。: a pause after 〜ですか, and 「聞きたいんですけど」
        ("あ じゃあ一つだけ 配属先の班って 今は何人くらいですか それとも 時期で変わりますか", True),
        ("一つ聞きたいんですけど 入社してすぐの研修は本社でやるんでしょうか それとも現場で", True),
    ],
)
def test_a_question_is_asked_only_when_it_is_put_to_the_listener(said: str, asking: bool) -> None:
    from coach.analysis.relevance_answer import asks_back

    q = "最後に何か質問はありますか。"
    assert asks_back(_read(said, "reverse", q)) is asking


def test_a_self_introduction_under_a_reverse_question_is_off_topic() -> None:
    from coach.analysis import analyze

    q = "現場の私にしか聞けないことがあればどうぞ。"
    said = (
        "改めまして、市の窓口で二十年勤めてまいりました。民間は初めてですが、培ってきた調整力を"
        "御社の自治体向けの事業で必ず生かせると確信しております。とりわけ、自治体の中で物事が"
        "どのような順序で決まっていくのか、身をもって存じております。体力にも自信がございます。"
        "何卒よろしくお願い申し上げます。"
    )
    assert analyze(said, category="reverse-questions", structure="reverse", question=q).labels[
        "off_topic"
    ]


@pytest.mark.parametrize(
    ("name", "question", "other", "asked"),
    [
        (
            "hesitation",
            "ここ1年の仕事で、一番迷った判断は何ですか。",
            "問い合わせの日時を並べてみると、毎週月曜の朝に集中していました。調べると、全社のウイルス"
            "対策ソフトの定期スキャンが始業時刻に設定されていました。スキャンを昼休みに移してからは、"
            "同じ問い合わせはほとんどなくなりました。",
            "一番迷ったのは、古くからの取引先の値上げを受け入れるかどうかでした。三社の見積もりを"
            "そろえて比べ、品質の記録も見直したうえで、最後は半年だけ受け入れると決めました。",
        ),
        (
            "company-plan",
            "当社の中期経営計画や決算資料を読んで、特に気になった取り組みはありますか。",
            "私は御社の商品が昔から大好きで、特にキャンプ用品は10年以上愛用しています。使うたびに"
            "作り手のこだわりを感じますし、家族でキャンプに行くときは必ず御社のランタンを持って"
            "いきます。",
            "中期経営計画にある、地方の店舗を三年で二十店増やす取り組みが気になりました。前職で"
            "地方の出店を担当したので、人の確保が一番の壁になると考えています。",
        ),
        (
            "unfamiliar",
            "あえて自分の得意ではない仕事や役割に、自分から手を挙げたことはありますか。",
            "ここ1年で一番迷ったのは、売主さんの物件を相場より高いまま預かり続けるかどうかでした。"
            "周辺の成約事例をそろえて、値段が原因で見られていないことを確かめ、5%下げる提案をして"
            "1か月後に成約しました。",
            "はい、社内の勉強会の司会に自分から手を挙げました。人前で話すのは苦手でしたが、"
            "毎回の進め方を紙にまとめて臨み、半年で十回の会を回しました。",
        ),
        (
            "distance",
            "在宅勤務や拠点の違いなどで、顔を合わせる機会が少ないメンバーと仕事を進めた経験はありますか。",
            "普段の仕事で使っているのは、タスク管理の表と、障害の記録用の表です。障害の記録の表は"
            "私が作りました。発生日時や原因の分類を後から集計できるように項目を固定し、2年前から"
            "全員で使っています。",
            "はい、大阪と福岡の倉庫の担当者と、在庫の移動計画を作っていました。顔を合わせるのは年に"
            "一度だけだったので、毎週月曜に画面を共有する打ち合わせを三十分入れました。",
        ),
        (
            "our-work",
            "私たちのチームが普段どんな仕事をしているか、どのくらいイメージできていますか。",
            "私は、数字を使ってお客様に分かりやすく説明することが得意です。前職でも、見積もりを図に"
            "してお見せし、お客様から「初めてちゃんと分かった」と言っていただけました。",
            "求人票と説明会で伺った範囲ですが、既存のお客様の契約更新と、新しい機能の提案が中心だと"
            "思っています。更新の時期の管理は、前職の仕事に近いと感じました。",
        ),
        (
            "root-cause",
            "目の前のトラブルに対応しているうちに、「本当の原因は別のところにある」と気づいた経験はありますか。",
            "フロントにいたとき、団体のお客様の予約が二重に取られていました。まず当日の空室を全部"
            "洗い出し、足りない部屋は系列のホテルに電話して押さえました。お客様には予定どおり夕食に"
            "間に合っていただけました。",
            "朝食の料理が冷めているという声が続き、保温器を疑いましたが異常はありませんでした。会場で"
            "様子を見ると、厨房から運ぶ間に冷めていたと分かり、運ぶ順番を変えました。",
        ),
        (
            "contrast",
            "前職で、成果を出し続けている人とそうでない人の違いは何だと見ていましたか。",
            "私の一番の成果は、去年、学校法人さん向けに複合機の入れ替えを一括で受注したことです。"
            "5校分の印刷枚数を集めて台数を見直す提案書を作り、計22台の契約になりました。",
            "成果を出し続けている人は、うまくいかなかった商談のメモを自分用に残していました。"
            "そうでない人は、毎回その場の感覚で話していたように見えます。",
        ),
        (
            "can-you",
            "当社のセンターは24時間稼働で夜勤もありますが、大丈夫ですか。",
            "コールセンターで2年、社内SEで2年です。社内SEでは社員約600名のアカウント管理と、"
            "チケットシステムの移行を担当し、一次回答の時間を6時間から2時間弱に縮めました。",
            "はい、大丈夫です。コールセンターでも月に4回ほど夜勤に入っていたので、生活のリズムの"
            "作り方には慣れています。",
        ),
    ],
)
def test_a_focal_ask_never_taken_up(name: str, question: str, other: str, asked: str) -> None:
    assert f"focal:{name}" in _why(other, question, "deep-dive")
    assert f"focal:{name}" not in _why(asked, question, "deep-dive")


def test_the_timing_of_a_move_told_where_teamwork_was_asked() -> None:
    # 「このタイミングを選んだ理由」 opens a reason for moving now: under a question of how others'
    # cooperation was won it answers another question; under 「なぜこのタイミングで」 it answers
    told = (
        "前職で担当していた基幹システムの刷新が、この春に一区切りを迎えたことが、このタイミングを"
        "選んだ理由でございます。私は経理部の代表として、約2年間、要件定義から本番稼働まで関わりました。"
    )
    q = "分析結果を関係者に納得してもらうために、どのように協力を得ましたか。"
    assert "career-move-told" in _why(told, q, "collaboration")
    own = "なぜこのタイミングで転職しようと思われたのですか。"
    assert "career-move-told" not in _why(told, own, "career")


@pytest.mark.parametrize(
    ("said", "off"),
    [
        (
            "私が気をつけているのは、先輩のやり方をまず理由ごと聞いてから意見を言うことです。"
            "学年の行事を二十年目の先生と組んで担当したとき、先生の進め方を一学期そばで見て、"
            "なぜ朝の声かけを大事にしているのかを聞きました。そのうえで、保護者への連絡を私の"
            "分担として申し出たところ、任せていただけるようになりました。",
            True,
        ),
        (
            "三年目に、提出物の確認を後回しにして、校長から強く叱られたことがあります。"
            "締切を一日過ぎてしまい、教育委員会への報告が遅れました。すぐに謝って、その日の"
            "うちに提出し、以後は締切の三日前に自分の確認日を入れています。今は校長とも"
            "何でも相談できる関係です。",
            False,
        ),
    ],
)
def test_a_question_about_being_scolded_is_not_answered_by_a_story_with_no_one_upset(
    said: str, off: bool
) -> None:
    from coach.analysis import analyze

    q = "上司やお客様から強く叱られた経験を教えてください。その後、相手との関係はどうなりましたか。"
    assert analyze(said, category="failure", question=q).labels["off_topic"] is off


@pytest.mark.parametrize(
    "said",
    [
        "新しいお店の立ち上げを任せてもらえるようになりたくて。後輩の子たちに教える側にも回っていけたらうれしいです。",
        "現場のリーダーはやってみたいなって。人を育てるのが好きなんで、後輩を見る立場をやりたいんですよね。",
    ],
)
def test_a_wish_said_in_speech_tells_the_future_asked(said: str) -> None:
    from coach.analysis.relevance_answer import shows

    q = "入社して3年後、どんな仕事を任されていたいですか。"
    assert shows("future", _read(said, "both", q))


@pytest.mark.parametrize(
    ("said", "asks", "instead"),
    [
        # asked for a failure, the finding never says the answer speaks of a failure instead
        ("ミスをしました。ミスは誰にでもあります。", ("failure_event",), "質問とは別の話題"),
        ("ミスをしました。ミスは誰にでもあります。", ("episode",), "失敗の経験"),
        # asked for a question, never that it asks the interviewer something instead
        ("研修はありますか。配属はどこですか。", ("question",), "質問とは別の話題"),
        ("研修はありますか。配属はどこですか。", ("reason",), "面接官への質問"),
    ],
)
def test_what_the_answer_speaks_of_instead_is_never_what_was_asked(
    said: str, asks: tuple[str, ...], instead: str
) -> None:
    from coach.analysis.relevance import _what_instead

    assert _what_instead(_read(said, "both", "何か教えてください。"), [], asks) == instead


# a trait claimed first (「〜には自信があります」「〜が得意です」) where a scene was asked: a
# self-promotion; told through the scene that was asked, it answers
TRAIT_Q = "部署の中で意見が二つに割れたとき、あなたはどんな立場を取りましたか。実際の場面で教えてください。"


@pytest.mark.parametrize(
    ("answer", "fires"),
    [
        (
            "私は調整役には自信があります。誰とでも分け隔てなく話せますし、"
            "周りからも相談しやすいと言われます。御社でも周りと協力して成果を出したいです。",
            True,
        ),
        (
            "聞き役は得意なほうです。去年、棚卸しの日程で営業と倉庫の意見が割れたとき、"
            "私は両方の言い分を一枚の表にまとめ、月末を避けた日程を二案出して決めてもらいました。",
            False,
        ),
    ],
)
def test_a_trait_claimed_where_a_scene_was_asked(answer: str, fires: bool) -> None:
    assert ("announced-other" in _why(answer, TRAIT_Q, "collaboration")) is fires


def test_a_why_that_is_not_about_the_move_does_not_excuse_a_wish() -> None:
    # 「なぜそれを手放していないのですか」 asks nothing of the future: a wish told instead is off-topic;
    # under 「なぜ転職を考えたのですか」 the same wish is the motive
    wish = "将来は自分の店を持ちたいんです。三年以内に、地元で小さなカフェを開くのが目標です。"
    kept = "今の仕事で、人に任せずに自分で抱えたままの作業はありますか。なぜそれを手放していないのですか。"
    move = "なぜ転職を考えたのですか。"
    assert "future-wish" in _why(wish, kept, "deep-dive")
    assert "future-wish" not in _why(wish, move, "career")


def test_a_strength_told_through_the_achievement_asked_answers_it() -> None:
    # 「前職での成果は」 answered 「私の強みは…」 with the achievement behind it: framed as a
    # strength, but the achievement is told
    q = "前職での成果を教えてください。"
    framed = (
        "私の強みは、粘り強く改善を続けられることです。前職の検査工程で3年間、"
        "不良の記録を毎週まとめ、治具の当て方を変えて、不良率を2.1%から0.8%まで下げました。"
    )
    bare = "私の強みは、粘り強く改善を続けられることです。どんな仕事でも最後まで諦めません。"
    assert "announced-other" not in _why(framed, q, "reproducibility")
    assert "announced-other" in _why(bare, q, "reproducibility")


def test_a_thin_motive_said_casually_is_a_motive_not_another_topic() -> None:
    # 「家から近いんで」 answers 「なぜ当社を志望したか」 thinly (R306 says so), not off-topic
    a = analyze(
        "家から近いんで。あと、まかないが出るって聞いたっす。",
        category="motivation",
        question="当社を志望した理由を教えてください。",
    )
    assert not a.labels["off_topic"]
