"""Q: reverse questions (逆質問) — asking about the work, the team and the role after joining."""

from __future__ import annotations

from collections.abc import Iterator

from coach.analysis.elements import asks
from coach.analysis.lexicon import lexicon
from coach.analysis.rules import Draft, Hit, rule
from coach.analysis.rules.patterns import patterns

REVERSE = ("reverse",)


def questions(draft: Draft) -> list[int]:
    lex = lexicon()
    return [s.index for s in draft.body if asks(s, lex)]


@rule(
    "Q501",
    "no-question",
    level="error",
    title="逆質問なし",
    summary="逆質問の場面で、何も質問していない・「特にありません」と断っていないかを見ます。",
    rationale=(
        "逆質問は、入社後の自分を具体的に想像しているかを示す場です。"
        "「特にありません」は、関心や主体性がないと受け取られ、二次面接では大きな減点になります。"
    ),
    fix="入社後の働き方・チーム・役割について、少なくとも2つ質問を用意しましょう（例: 配属先のチームが今いちばん力を入れている課題は何ですか）",
    bad="特にありません。今日のお話で十分理解できました。",
    good="配属予定のチームで、入社後3か月の間に期待される役割を教えていただけますか。",
    structures=REVERSE,
    priority=1,
    penalty=70,
)
def no_question(draft: Draft) -> Iterator[Hit]:
    if draft.labels["no_question"]:
        decline = lexicon().decline
        index = next((s.index for s in draft.body if decline.search(s.norm)), None)
        found = "質問をせずに断っています" if index is not None else "質問が一つもありません"
        yield Hit(index, found + "。関心や主体性がないと受け取られやすい答え方です")


@rule(
    "Q502",
    "conditions-only",
    level="warning",
    title="条件面だけの質問",
    summary="質問が給与・休日・残業などの条件面だけになっていないかを見ます。",
    rationale=(
        "条件の確認は大切ですが、内定後や人事との面談でも確認できます。"
        "現場の責任者にそれだけを聞くと、仕事そのものへの関心が薄いと受け取られます。"
    ),
    fix="条件面は人事との面談で確認し、二次面接では仕事の進め方やチームの課題について聞きましょう",
    bad="残業はどのくらいありますか。有給は取りやすいですか。",
    good="繁忙期のチームの動き方と、その中で新しく入る人に期待することを教えていただけますか。",
    structures=REVERSE,
    priority=5,
    penalty=35,
)
def conditions_only(draft: Draft) -> Iterator[Hit]:
    asked = questions(draft)
    if not asked:
        return
    lex = lexicon()
    topics = [
        (
            lex.conditions_topic.search(draft.sentence(i).norm),
            lex.work_topic.search(draft.sentence(i).norm),
        )
        for i in asked
    ]
    if all(cond and not work for cond, work in topics):
        yield Hit(asked[0], "質問が給与・休日などの条件面だけです")


@rule(
    "Q503",
    "no-work-question",
    level="warning",
    title="仕事についての質問がない",
    summary="仕事の進め方・チーム・入社後の役割についての質問があるかを見ます。",
    rationale=(
        "二次面接の面接官は一緒に働く現場の人です。業務やチームについての質問は、"
        "入社後を具体的に考えている証拠になり、面接官と共通の言葉で話すきっかけにもなります。"
    ),
    fix="「配属後の最初の3か月で期待される成果は何ですか」のように、入社後の仕事が具体的に分かる質問を加えましょう",
    bad="御社の社名の由来を教えてください。",
    good="チームの皆さんが今いちばん時間を使っている業務と、その中での課題を伺えますか。",
    structures=REVERSE,
    priority=10,
    penalty=20,
)
def no_work_question(draft: Draft) -> Iterator[Hit]:
    asked = questions(draft)
    if not asked:
        return
    lex = lexicon()
    if any(about_work(draft.sentence(i).norm) for i in asked):
        return
    if all(lex.conditions_topic.search(draft.sentence(i).norm) for i in asked):
        return  # Q502 covers it
    website = next(
        (i for i in asked if patterns().website_topic.search(draft.sentence(i).norm)), None
    )
    if website is not None:
        yield Hit(
            website,
            "会社のホームページや資料で分かる内容の質問だけで、現場の仕事・チーム・入社後の役割についての質問がありません",
        )
        return
    yield Hit(asked[0], "仕事の進め方・チーム・入社後の役割についての質問がありません")


def about_work(norm: str) -> bool:
    """A question about the work: its topic is the work, or how to prepare for it (「入社までに
    勉強しておくべきこと」). A topic any website answers (事業展開・企業理念) counts only when
    it is asked at the level of the team or the role."""
    p = patterns()
    if p.prepare_for_work.search(norm):
        return True
    if not lexicon().work_topic.search(norm):
        return False
    return not p.website_topic.search(norm) or p.team_level.search(norm) is not None


@rule(
    "Q504",
    "undermining-question",
    level="warning",
    title="自分を下げる質問",
    summary="「自信がないのですが、務まりますか」「未経験でも大丈夫でしょうか」のように、自分の力への不安をそのまま質問にしていないかを見ます。",
    rationale=(
        "逆質問は最後に残る印象です。不安をそのまま聞くと、面接官は「この人は自分でも務まらないと思っている」と受け取り、"
        "それまでの回答の評価まで下がります。採用を決める人に判断の理由を渡してしまうので注意としています（聞き方を変えれば同じことを確かめられます）。"
    ),
    fix="不安は「入社までに身につけておくべきことは何ですか」「最初の3か月で期待される水準を教えてください」のように、準備する姿勢の質問に言い換えましょう",
    bad="未経験の業界なので自信がないのですが、私に務まるでしょうか。",
    good="未経験の業界なので、入社までに読んでおくべき資料や、身につけておくべき知識があれば教えていただけますか。",
    structures=REVERSE,
    priority=4,
    penalty=15,
)
def undermining_question(draft: Draft) -> Iterator[Hit]:
    pattern = patterns().undermining
    for s in draft.body:
        m = pattern.search(s.norm)
        if m:
            yield Hit(s.index, f"「{m.group(0)}」と、自分の力への不安をそのまま聞いています")
            return
