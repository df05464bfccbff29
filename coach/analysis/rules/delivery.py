"""D: delivery — length for about one minute spoken, sentence length, hedges, fillers, and an
answer too long to be read in full."""

from __future__ import annotations

from collections.abc import Iterator

from coach.analysis import MAX_ANSWER, count_chars
from coach.analysis.lexicon import lexicon
from coach.analysis.rules import ALL_STRUCTURES, Draft, Hit, rule
from coach.analysis.rules.patterns import low_number_role, patterns
from coach.domain import CHARS_PER_MINUTE, label_for

SHORT_ANSWER = 80  # characters: well under half a minute spoken
SHORT_REVERSE = 25  # a reverse question can be short, but not a bare word
LONG_ANSWER = 480  # about 1.6 minutes spoken: an interviewer stops following
LONG_ADVICE = 400  # about 1.3 minutes: on the long side, worth trimming
LONG_ADVICE_PENALTY = 3
# a time asked for in so many words is a limit: over it by a tenth is advice, by 30% a warning
OVER_TARGET_ADVICE = 1.1
OVER_TARGET_WARNING = 1.3
LONG_SENTENCE = 90


def target_seconds(draft: Draft) -> int | None:
    """The speaking time asked for: the bank's, else the question's own words (「30秒で」
    「1分ほどで」), else the category's (a self-introduction is short)."""
    if draft.target_seconds:
        return draft.target_seconds
    p = patterns()
    m = p.target_in_question.search(draft.question or "")
    if m:
        amount = int(m.group("n")) if m.group("n").isdigit() else p.kanji_numbers[m.group("n")]
        return amount * (60 if m.group("unit") == "分" else 1)
    return p.targets.get(draft.category)


def _scaled(chars: int, draft: Draft) -> int:
    """A length limit set for one minute, scaled to the time the question asks for."""
    return round(chars * (target_seconds(draft) or 60) / 60)


@rule(
    "D401",
    "too-short",
    level="warning",
    title="短すぎる",
    summary=f"回答が一言で終わっていないかを見ます（話して約1分＝{CHARS_PER_MINUTE}字が目安）。",
    rationale=(
        "一言だけの回答は受け身に見え、面接官に毎回質問を重ねさせることになります。"
        "二次面接では、質問の意図をくんで自分から話を広げられるかも見られています。"
    ),
    fix="約1分（300字前後）を目安に、結論のあとに理由と具体的なエピソードを足しましょう",
    bad="はい、粘り強さです。",
    good="私の強みは粘り強さです。理由は…。実際に前職で…",
    structures=ALL_STRUCTURES,
    priority=8,
    penalty=15,
)
def too_short(draft: Draft) -> Iterator[Hit]:
    limit = SHORT_REVERSE if draft.structure == "reverse" else _scaled(SHORT_ANSWER, draft)
    if 0 < draft.chars < limit:
        yield Hit(
            None,
            f"{draft.chars}字（話すと約{draft.seconds}秒）で、一言に近い回答になっています",
            fix=_short_fix(draft),
        )
        return
    # a one-liner lengthened with stock phrases (「その結果、良い経験になりました」) is still a
    # one-liner: what counts is the part that says something
    said = sum(len(s.norm) for s in draft.body if not s.hollow)
    if draft.structure != "reverse" and draft.chars >= limit and said < limit:
        yield Hit(
            None,
            f"{draft.chars}字ありますが、中身のある文は{said}字だけで、"
            "残りは何にでも当てはまる決まり文句です",
            fix=_short_fix(draft),
        )


def _short_fix(draft: Draft) -> str | None:
    """What to add to a short answer: a question for a reverse question, the missing elements
    when some are, and more detail on each when none is."""
    if draft.structure == "reverse":
        return "入社後の仕事・チーム・役割について、聞きたい理由を一言添えて1〜2問尋ねましょう"
    wanted = draft.expects or ()
    missing = [e for e in wanted if not draft.labels.get(label_for(e))]
    length = _target_length(draft)
    if wanted and not missing:
        # care, teaching, back office: frequency, duration and change stand in for numbers
        measure = (
            "回数や期間・相手の変化" if low_number_role(draft.category, draft.text) else "数字"
        )
        # a question that asks no episode (a self-introduction) grows by what it does ask
        parts = (
            f"具体例の場面・自分の行動・{measure}"
            if "example" in wanted
            else f"担当してきた仕事の中身・任されている役割・{measure}"
        )
        return (
            f"要素はそろっています。{parts}をそれぞれ1〜2文ずつ膨らませて、"
            f"{length}を目安に話しましょう"
        )
    if target_seconds(draft):
        return f"{length}を目安に、結論のあとに足りない要素を足しましょう"
    return None


def _target_length(draft: Draft) -> str:
    """約1分（300字前後）, or the length the question asks for (約30秒（150字前後）)."""
    seconds = target_seconds(draft) or 60
    when = f"約{_when(seconds)}"
    return f"{when}（{round(seconds * CHARS_PER_MINUTE / 60, -1):.0f}字前後）"


@rule(
    "D402",
    "too-long",
    level="warning",
    title="長すぎる",
    summary=(
        f"話して1分半を超える長さになっていないかを見ます（{LONG_ANSWER}字超は注意、"
        f"{LONG_ADVICE}字超は助言。質問や種類が長さを示すときはそれに合わせます）。"
    ),
    rationale=(
        "長い回答は要点が薄まり、面接官が聞きたい深掘りの時間も奪います。"
        "二次面接は対話です。要点を短く言い、詳しい部分は追加の質問で話す方が評価されます。"
    ),
    fix="結論・理由・具体例を1つずつに絞り、300字前後にまとめましょう。細部は追加の質問で話せば十分です",
    bad="（600字を超える、経緯を時系列ですべて話す回答）",
    good="（結論・理由・エピソード1つに絞った300字前後の回答）",
    structures=ALL_STRUCTURES,
    priority=40,
    penalty=12,
)
def too_long(draft: Draft) -> Iterator[Hit]:
    # well past the limit the interviewer stops following (a warning); just over it, advice
    target = target_seconds(draft)
    advice, warning = _long_limits(target)
    over = draft.chars > warning
    if not over and draft.chars <= advice:
        return
    when = _when(target)
    how = "大きく超えています" if over else "超えていて、少し長めです"
    yield Hit(
        None,
        f"{draft.chars}字（話すと約{draft.seconds}秒）あり、{when}の目安を{how}",
        fix=(
            f"要点を1つずつに絞り、{_target_length(draft)}にまとめましょう。"
            "細部は追加の質問で話せば十分です"
            if target
            else None
        ),
        level=None if over else "info",
        penalty=None if over else LONG_ADVICE_PENALTY,
    )


def _long_limits(target: int | None) -> tuple[int, int]:
    """(advice, warning) character limits: about 1.3 and 1.6 minutes when the question names no
    time; just over the time it names otherwise (「1分で」 is 300 characters, not 480)."""
    if not target:
        return LONG_ADVICE, LONG_ANSWER
    chars = target * CHARS_PER_MINUTE / 60
    return round(chars * OVER_TARGET_ADVICE), round(chars * OVER_TARGET_WARNING)


def _when(seconds: int | None) -> str:
    if not seconds or seconds == 60:
        return "1分"
    return f"{seconds // 60}分" if seconds % 60 == 0 else f"{seconds}秒"


@rule(
    "D403",
    "long-sentence",
    level="info",
    title="一文が長い",
    summary=f"一文が{LONG_SENTENCE}字を超えて、話すと要点を見失う長さになっていないかを見ます。",
    rationale=(
        "「〜し、〜して、〜なので」と続く長い文は、耳で聞くと主語と結論の対応が分からなくなります。"
        "現場の報告でも同じ話し方をすると思われかねません。"
    ),
    fix="「〜し、〜し」とつなげず、60字前後で文を切りましょう",
    bad="私は前職で営業をしていて、担当顧客が多かったので、まず優先順位をつけることにして、…",
    good="私は前職で法人営業を担当していました。担当が80社と多かったため、まず優先順位をつけました。",
    structures=ALL_STRUCTURES,
    priority=45,
    penalty=3,
)
def long_sentence(draft: Draft) -> Iterator[Hit]:
    for s in draft.body:
        length = len("".join(s.text.split()))
        if length > LONG_SENTENCE:
            yield Hit(
                s.index, f"1文が{length}字と長く、聞き手が途中で要点を見失いやすくなっています"
            )
            return


@rule(
    "D404",
    "hedging",
    level="info",
    title="言い切らない",
    summary="「〜と思います」「〜かもしれません」で終わる文が続いていないかを見ます。",
    rationale=(
        "語尾をぼかす文が続くと、自分の経験や判断にまで自信がないように聞こえ、"
        "面接官は仕事を任せてよいか迷います。自分がしたことと考えは言い切り、"
        "相手の会社の事情を推し量るところだけ「〜と思います」と控えめに言うのが自然です。"
    ),
    fix="事実は「〜しました」、考えは「〜と考えています」と言い切りましょう",
    bad="強みは調整力だと思います。周りからもそう言われていると思います。",
    good="私の強みは調整力です。前職でも部署間の調整役を任されてきました。",
    structures=ALL_STRUCTURES,
    priority=35,
    penalty=4,
)
def hedging(draft: Draft) -> Iterator[Hit]:
    pattern = lexicon().hedge_ending
    # 「御社では〜が課題だと思います」 guesses at the company's own situation: modest, not vague
    p = patterns()
    hits = [
        s.index
        for s in draft.body
        if pattern.search(s.norm)
        and not (p.company_guess.search(s.norm) and not p.own_claim.search(s.norm))
    ]
    if len(hits) >= 2 and len(hits) * 3 >= len(draft.body):
        yield Hit(hits[0], f"「〜と思います」のような言い切らない文末が{len(hits)}文あります")


@rule(
    "D407",
    "not-read-in-full",
    level="warning",
    title="長すぎて途中まで",
    summary=(
        f"回答が{MAX_ANSWER:,}文字を超えて、最初の{MAX_ANSWER:,}文字分しか確認できなかったことを知らせます。"
    ),
    rationale=(
        "面接で数十分話し続けることはありません。確認は最初の部分だけで、"
        "それ以降に書いたことは指摘にもスコアにも入っていません。"
    ),
    fix="1つの質問への回答だけを貼り付け、300字前後にまとめてから確認しましょう",
    bad="（職務経歴書全体を貼り付けた、1万字を超える回答）",
    good="（1つの質問に答える300字前後の回答）",
    structures=ALL_STRUCTURES,
    priority=1,
    penalty=0,
)
def not_read_in_full(draft: Draft) -> Iterator[Hit]:
    # draft.chars counts the whole answer, draft.text is the part that was analysed
    unread = draft.chars - count_chars(draft.text)
    if unread > 0:
        yield Hit(
            None,
            f"回答が長いため最初の{MAX_ANSWER:,}文字分だけを確認し、"
            f"残りの{unread:,}字は確認していません",
        )


# A block is at least two sentences in a row, long enough not to be a set phrase said twice.
_BLOCK_CHARS = 30


@rule(
    "D408",
    "repeated-block",
    level="warning",
    title="同じ文のまとまりが2回",
    summary="2文以上続く同じまとまりが、回答の中にもう一度出てくる（貼り付けの重複など）ことを知らせます。",
    rationale=(
        "同じ話を二度すると、面接官は準備した文章を読み上げていると感じ、時間も倍かかります。"
        "貼り付けるときの重複に気づかないまま確認すると、長さの指摘やスコアも重複分で決まってしまいます。"
    ),
    fix="重複しているまとまりを1つ消してから、もう一度確認しましょう",
    bad="（同じ段落を2回貼り付けた回答）",
    good="（それぞれの話を1回ずつ話す回答）",
    structures=ALL_STRUCTURES,
    priority=2,
    penalty=0,
)
def repeated_block(draft: Draft) -> Iterator[Hit]:
    body = draft.body
    first_at: dict[tuple[str, str], int] = {}
    for k in range(len(body) - 1):
        pair = (body[k].norm, body[k + 1].norm)
        if len(pair[0]) + len(pair[1]) < _BLOCK_CHARS:
            continue
        start = first_at.setdefault(pair, k)
        if k >= start + 2:  # the same two sentences again, not overlapping the first time
            head = body[start].text
            quote = head if len(head) <= 20 else head[:20] + "…"
            yield Hit(
                body[k].index,
                f"{body[start].index + 1}文目からの「{quote}」と同じ文のまとまりが、"
                f"{body[k].index + 1}文目からもう一度出てきます（貼り付けの重複かもしれません）",
            )
            return
