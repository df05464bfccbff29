"""One topic told the other way round is off-topic (issue 14: 教えた vs 教わった, a measure that
worked where one that failed was asked). Each direction of relevance.yaml `directions` has a case:
an answer told the opposite way (off-topic, reason direction:<name>, and the finding says which
way it went) and an answer told the asked way under the same question (not off-topic)."""

from __future__ import annotations

import pytest

from coach.analysis import analyze, relevance

# name, category, question, answer told the other way, answer told the asked way
CASES = [
    (
        "taught",
        "reproducibility",
        "後輩に仕事のやり方を教えたとき、どう教えましたか。",
        (
            "私が入社したばかりの頃、先輩から伝票の締め方を教えてもらいました。"
            "毎日夕方に一緒に数字を確かめてくれたので、一か月で一人で締められるようになりました。"
            "あの丁寧さには今でも感謝しています。"
        ),
        (
            "2023年に後輩二人に検品のやり方を教えました。最初の一週間は私が隣で見本を見せ、次の週からは後輩に任せて、終わった後に気づいた点だけ伝えました。"
            "一か月後には二人とも一人で検品できるようになりました。"
        ),
    ),
    (
        "taught-by",
        "growth",
        "先輩から教わったことで、今も役立っていることは何ですか。",
        (
            "私は昨年、新人三人に見積書の作り方を教えました。項目ごとに確認の順番を決めて紙にまとめ、毎週その紙を見ながら一緒に作りました。"
            "今では三人とも一人で見積書を作れています。"
        ),
        (
            "先輩から教わった、締め切りの二日前に一度見直すという習慣が今も役立っています。"
            "新人の頃、提出直前に誤りに気づいて慌てたとき、その先輩が自分のやり方を見せてくれました。"
            "それ以来、どの資料も二日前に見直しています。"
        ),
    ),
    (
        "yielded",
        "collaboration",
        "自分の意見を取り下げて、相手の案に乗ったことはありますか。",
        (
            "はい、店舗の改装で売り場の配置を決めたときのことです。私は入口の近くに新商品を置く案を出し、店長は定番品を置く案でした。"
            "過去の売上の表を見せて説明したところ、最終的に私の案が採用され、翌月の新商品の売上は二割伸びました。"
        ),
        (
            "はい、店舗の改装で売り場の配置を決めたときのことです。私は入口の近くに新商品を置く案を出しましたが、店長の定番品を置く案の方が常連のお客様に合っていると分かりました。"
            "そこで自分の案を取り下げ、店長の案に乗って準備を進めました。"
        ),
    ),
    (
        "did-not-work",
        "problem-solving",
        "対策を打ったのに、思ったほど効果が出なかったことはありますか。",
        (
            "はい、配送の遅れを減らすために、積み込みの順番を変えたことがあります。"
            "地図で回る順に荷物を並べ直したところ、これが思った以上に効いて、翌月の遅れは半分になりました。"
            "ドライバーの皆さんにも喜ばれました。"
        ),
        (
            "はい、配送の遅れを減らすために、積み込みの順番を変えたことがあります。"
            "ところが遅れは思ったほど減りませんでした。原因を調べると、積み込みではなく出発前の点検に時間がかかっていたので、点検表を短くして出発を十五分早めました。"
        ),
    ),
    (
        "unsolved",
        "problem-solving",
        "今まさに抱えていて、まだ解決できていない課題はありますか。",
        "以前、倉庫の棚卸しで毎回数が合わないことがありました。入荷のときの数え方を二人で確かめる形に変えたところ、差異はほとんど出なくなり、この問題は解決しました。",
        (
            "はい、今の職場で新人が半年以内に辞めてしまうことです。面談の回数を増やして理由を聞き始めましたが、まだ原因が絞れていません。"
            "今は配属先ごとの違いを調べている途中です。"
        ),
    ),
    (
        "kept",
        "deep-dive",
        "人に任せずに、自分で抱えたままの作業はありますか。",
        (
            "以前は月末の請求書の確認を全部自分でやっていましたが、手順を一枚にまとめて、去年から後輩に任せています。"
            "今は確認の結果だけを見るようにしています。"
        ),
        (
            "月末の請求書の最終確認は、今も自分で続けています。金額の誤りが一件でもあると取引先の信頼を失うので、手放していません。"
            "その代わり、途中の作業は後輩に分けています。"
        ),
    ),
    (
        "dropped",
        "thinking",
        "前職の業務で、やめても良かったと思うものはありますか。",
        "前職では、受付に新しくチェック表を加えたことがあります。来られた方がどの窓口に行けばよいかを一枚にまとめて渡すようにしたところ、案内の電話が減りました。",
        (
            "前職では、毎朝紙に印刷して配っていた売上の日報は、やめても良かったと思います。"
            "同じ数字が画面で見られるのに、印刷と配布に毎日三十分かかっていました。"
            "実際に私の部署では配布をやめ、その時間を発注の確認に回しました。"
        ),
    ),
    (
        "criticised",
        "growth",
        "上司から受けた指摘で、一番耳が痛かったものは何ですか。",
        (
            "一番心に残っているのは、上司から『あなたの資料は読みやすい』と褒められたことです。"
            "表の見出しをそろえる工夫をしていたのを見てくれていたようで、それ以来、部署の資料の型づくりを任されています。"
        ),
        (
            "一番耳が痛かったのは、上司から『結論が最後まで出てこない』と指摘されたことです。"
            "報告のたびに経緯から話していたので、聞く側が待たされていました。"
            "それからは一文目に結論を言うように直しました。"
        ),
    ),
    (
        "strength",
        "introduction",
        "ご自身の強みが一番出ている仕事はどれですか。",
        (
            "強みというより、私は心配性なところがあって、それが弱みだと思っています。"
            "何度も確認しないと気が済まず、時間がかかってしまいます。最近は確認の回数を決めて、それ以上はしないようにしています。"
        ),
        (
            "私の強みは、段取りを前日までに組んでおけることです。それが一番出ているのは、月に一度の棚卸しの仕事です。"
            "前日に担当と順番を決めておくので、毎回予定の時間内に終わっています。"
        ),
    ),
    (
        "weakness",
        "growth",
        "ご自身の弱みを教えてください。",
        "私の強みは、最後まで粘り強く取り組めることです。前職では、断られた取引先にも三か月ごとに提案を持って通い、二年目に契約をいただきました。",
        (
            "私の弱みは、人に頼むのが遅いことです。自分でやった方が早いと考えて抱え込み、締め切り前に慌てたことがありました。"
            "今は作業を始める前に、人に頼める部分を書き出すようにしています。"
        ),
    ),
    (
        "learned",
        "growth",
        "ここ1年で、仕事のために自分から学んだことは何ですか。",
        "今一番学びたいと思っているのは、原価計算です。今の職場では触れる機会がありませんでしたが、入社後は必要になると思いますので、来年までに勉強を始めたいと考えています。",
        (
            "ここ1年で、表計算の関数を独学で学びました。通勤の時間に本を一冊読み、毎月の集計表を作り直しました。"
            "手で三時間かかっていた集計が、今は二十分で終わっています。"
        ),
    ),
    (
        "chosen-by-others",
        "thinking",
        "前職の会社の商品が、競合ではなく選ばれていた理由は何だと考えていますか。",
        (
            "私がその会社を選んだのは、地元に根ざした商品づくりに惹かれたからです。"
            "工場見学で社員の方が楽しそうに話していたのが決め手でした。入社してからもその印象は変わりませんでした。"
        ),
        (
            "お客様に選ばれていた理由は、注文から届くまでの早さだと思います。"
            "同じ品質の商品は他社にもありましたが、翌日に届くのはうちだけでした。"
            "実際、乗り換えてこられたお客様の多くが納期を理由に挙げていました。"
        ),
    ),
    (
        "steps-not-dream",
        "reproducibility",
        "仮に、入社して最初の3か月で成果を一つ出してほしいと言われたら、何をどの順番で進めますか。",
        (
            "将来的には、複数の店舗をまとめるエリアマネージャーになりたいと考えています。"
            "店長として五年働き、人を育てる仕事に一番やりがいを感じてきました。"
            "そのために、管理の資格の勉強も進めています。"
        ),
        (
            "まず最初の一か月で、各店舗の売上と在庫の数字を見て、廃棄の多い品目を三つに絞ります。"
            "次の一か月で、その品目の発注の量を店長と一緒に見直します。最後の一か月で結果を比べ、効果のあった店のやり方を他の店にも広げます。"
        ),
    ),
    (
        "unwanted-post",
        "career",
        "入社後、希望していない部署に配属されたら、どう受け止めますか。",
        "一番希望しているのは、今回募集されている経理の部署です。前職で決算の数字をまとめる仕事をしてきたので、その経験をそのまま活かせると考えています。",
        (
            "まずは会社がその部署に私を置いた理由を聞き、前向きに受け止めます。"
            "前職でも希望外の物流の部署に移ったことがありますが、そこで在庫の見方を覚えたことが、後の発注の仕事に役立ちました。"
        ),
    ),
    (
        "stay",
        "career",
        "仮に今の会社から「希望を聞くから残ってほしい」と言われたら、どんな条件なら残りますか。",
        (
            "条件としては、年収は今と同じくらいを希望していて、できれば転勤のない勤務地で働きたいと"
            "考えています。子どもがまだ小さいので、在宅の勤務が週に何日かできると助かります。"
        ),
        (
            "今の会社に残るなら、設計の仕事に戻れることが条件です。今は営業の支援が中心で、"
            "図面を引く機会がほとんどないので、そこが変わらなければ残る理由がありません。"
        ),
    ),
]


def test_every_direction_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(relevance.DATA["directions"])


@pytest.mark.parametrize(("name", "category", "question", "turned", "straight"), CASES)
def test_the_other_way_round_is_off_topic(
    name: str, category: str, question: str, turned: str, straight: str
) -> None:
    a = analyze(turned, category=category, question=question)
    assert a.labels["off_topic"], a.extras["relevance"].why
    assert f"direction:{name}" in a.extras["relevance"].why
    message = next(f.message for f in a.findings if f.code == "T101")
    assert relevance.DATA["directions"][name]["instead"] in message
    b = analyze(straight, category=category, question=question)
    assert not b.labels["off_topic"], b.extras["relevance"].why
    assert not any(w.startswith("direction:") for w in b.extras["relevance"].why)


def test_a_direction_the_question_does_not_ask_says_nothing() -> None:
    # 教わった話 under a question that asks no teaching: not this test's business
    turned = CASES[0][3]
    a = analyze(turned, category="growth", question="新人の頃に苦労したことは何ですか。")
    assert not any(w.startswith("direction:") for w in a.extras["relevance"].why)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (  # 思った以上 of a cost, not of a success
            "対策を打ったのに、思ったほど効果が出なかったことはありますか。",
            "はい、問い合わせを減らすためによくある質問のページを作りましたが、思った以上に準備に"
            "時間がかかり、問い合わせの件数は変わりませんでした。原因は、ページの場所がお客様に"
            "分かりにくかったことでした。",
        ),
        (  # the painful words quoted as 「…」という言葉 are the criticism asked for
            "上司から受けた指摘で、一番耳が痛かったものは何ですか。",
            "一番こたえたのは、上司の『数字の根拠がない』という言葉です。"
            "それ以来、提案には必ず元の数字を添えています。",
        ),
        (  # being held back asked, and the new company chosen: an answer, not conditions told
            "内定後に今の会社から引き止められたら、どうしますか。",
            "お気持ちはありがたく受け止めますが、御社で働きたい気持ちは変わりません。"
            "引き継ぎの期間は一か月いただけるよう、上司と相談して進めます。",
        ),
        (  # a hypothetical that asks the future is answered by the future
            "もし当社に入社したら、将来どうなりたいですか。",
            "将来的には、店舗をまとめる立場になりたいと考えています。"
            "そのために資格の勉強を続けています。",
        ),
    ],
)
def test_the_asked_way_in_other_words_is_not_turned(question: str, answer: str) -> None:
    a = analyze(answer, category="general", question=question)
    assert not any(w.startswith("direction:") for w in a.extras["relevance"].why)


def test_an_unsolved_issue_asked_and_one_told_as_over() -> None:
    # no 解決しました, but the issue is told as a thing of the past that now runs smoothly
    over = (
        "今抱えている課題というと、少し前の話になりますが、伝票の処理が月末に集中して締めが遅れる"
        "問題がありました。部署ごとに提出の締め切りを分けるよう提案し、締めが2日早くなって、"
        "今はもう問題なく回っています。"
    )
    a = analyze(over, category="problem-solving", question=CASES[4][2])
    assert "direction:unsolved" in a.extras["relevance"].why and a.labels["off_topic"]


def test_a_criticism_asked_and_praise_told_without_the_word() -> None:
    # no 褒められた: the words of praise are told as someone introducing one's work
    praised = (
        "上司から言われて一番印象に残っているのは、『あなたの電話はお客様を安心させる』という"
        "言葉です。お客様がアンケートに私の名前を書いてくださり、それを見た課長が朝礼で紹介して"
        "くれました。それ以来、お客様ごとの情報をメモに残しています。"
    )
    q = "これまで上司や同僚から受けた指摘の中で、一番耳が痛かったものは何ですか。"
    a = analyze(praised, category="growth", question=q)
    assert "direction:criticised" in a.extras["relevance"].why and a.labels["off_topic"]
