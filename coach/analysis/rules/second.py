"""N: what only round two asks — something new since round one, one career axis, this company.

These rules need context: the user's profile (round-one answers, career axis) or a company
profile. Without it they do not run.
"""

from __future__ import annotations

from collections.abc import Iterator

from coach.analysis.context import (
    AxisFacts,
    CompanyFacts,
    Context,
    ProfileFacts,
    mentions,
    numbers,
    repeat_share,
    word_overlap,
    words_of,
)
from coach.analysis.lexicon import lexicon
from coach.analysis.rules import ANSWER_STRUCTURES, Draft, Hit, quoted, rule

REPEATED = 0.5  # share of the answer's word pairs already said in round one
AXIS_CATEGORIES = ("motivation", "career")


# The registry runs these rules only when their `needs` is in the context: these helpers say so
# to the type checker (and fail loudly if a rule is ever run without it).
def _ctx(draft: Draft) -> Context:
    assert draft.context is not None, "an N rule ran without a context"
    return draft.context


def _profile(draft: Draft) -> ProfileFacts:
    profile = _ctx(draft).profile
    assert profile is not None, "an N rule ran without a profile"
    return profile


def _company(draft: Draft) -> CompanyFacts:
    company = _ctx(draft).company
    assert company is not None, "an N rule ran without a company"
    return company


def _answer_words(draft: Draft) -> tuple[str, ...]:
    """The answer's content words, from the tokens the analysis already made."""
    return words_of(t for s in draft.elements.sentences for t in s.tokens)


def _new_material(draft: Draft, source: str) -> list[str]:
    """What the answer adds to the round-one text: numbers, an episode, a judgment."""
    found = []
    if numbers(draft.text) - numbers(source):
        found.append("数字")
    for s in draft.body:
        fresh = word_overlap(words_of(s.tokens), source) < 0.5
        if (
            fresh
            and (draft.elements.shows(s, "example") or draft.elements.shows(s, "action"))
            and "具体例" not in found
        ):
            found.append("具体例")
        if (
            fresh
            and (draft.elements.shows(s, "ingenuity") or draft.elements.shows(s, "reason"))
            and "判断" not in found
        ):
            found.append("判断")
    return found


@rule(
    "N601",
    "round-one-repeat",
    level="warning",
    title="一次面接と同じ話",
    summary="一次面接で話した内容（プロフィールに記録したもの）を、新しい具体例・数字・判断を足さずに繰り返していないかを見ます。",
    rationale=(
        "二次面接の面接官は一次面接の記録を読んでいることが多く、同じ話は「成長がない」「話が浅い」と受け取られます。"
        "同じテーマでも、一次面接では話さなかった場面・数字・自分の判断を足して深掘りに備えましょう。"
    ),
    fix="同じテーマを使うなら、一次面接では話さなかった具体的な場面・数字・そのとき自分で判断したことを1つ以上足しましょう",
    bad="（一次面接の自己PRとほぼ同じ文章を、そのまま二次面接でも話す）",
    good="一次面接で話した調整力について、今日は納期が2週間前倒しになった案件で、私が工程表をどう組み替えたかをお話しします。…",
    structures=ANSWER_STRUCTURES,
    priority=7,
    penalty=10,
    needs="profile",
)
def round_one_repeat(draft: Draft) -> Iterator[Hit]:
    profile = _profile(draft)
    answer = _answer_words(draft)
    best = max(
        ((repeat_share(answer, text), title, text) for title, text in profile.round_one.answers()),
        default=None,
    )
    if best is None:
        return
    share, title, text = best
    if share < REPEATED:
        return
    added = _new_material(draft, text)
    if added:
        return
    yield Hit(
        None,
        f"一次面接で話した「{title}」とほとんど同じ内容です（重なり約{round(share * 100)}%、新しい具体例・数字・判断なし）",
    )


def _axis_label(draft: Draft) -> str:
    axis: AxisFacts = _profile(draft).career_axis
    statement = axis.statement.strip()
    if statement:
        return statement if len(statement) <= 30 else statement[:29] + "…"
    return "・".join(axis.keywords)


def _drifts(draft: Draft) -> Hit | None:
    ctx = _ctx(draft)
    axis = _profile(draft).career_axis
    axis_text = axis.statement + " ".join(axis.keywords)
    reasons = [s for s in draft.body if draft.elements.shows(s, "reason")] or draft.body
    for s in reasons:
        m = lexicon().axis_conditions.search(s.norm)
        if m and not lexicon().axis_conditions.search(axis_text):
            return Hit(
                s.index,
                f"理由が「{m.group(0)}」など条件面になっていて、キャリアの軸（{_axis_label(draft)}）とずれています",
            )
    earlier = [a for c, a in ctx.session_reasons if c in AXIS_CATEGORIES and a != draft.text]
    if (
        earlier
        and any(ctx.touches_axis(a) for a in earlier)
        and not ctx.touches_axis(draft.text, _answer_words(draft))
    ):
        index = reasons[0].index if reasons else None
        # an answer that gives no reason at all has not "changed" its reason: it left it out
        gives_reason = any(draft.elements.shows(s, "reason") for s in draft.body)
        now = "別の理由になっています" if gives_reason else "軸にも理由にも触れていません"
        return Hit(
            index,
            f"この練習の前の回答では軸（{_axis_label(draft)}）を話していたのに、この回答では{now}",
        )
    return None


@rule(
    "N602",
    "axis-missing",
    level="warning",
    title="キャリアの軸に触れていない",
    summary="志望動機・転職理由の回答が、プロフィールに記録したキャリアの軸に触れているかを見ます。",
    rationale=(
        "面接官ごとに話す動機が変わると、一貫性がなく本音が見えないと判断されます。"
        "転職理由と志望動機を同じ軸でつなげると、入社後に長く活躍するイメージが伝わります。"
    ),
    fix="転職理由・志望動機の中で、キャリアの軸を自分の言葉で一度は言い、その軸と今回の応募先がどうつながるかを話しましょう",
    bad="（軸は「現場の課題を仕組みで解決する」なのに）御社は安定していて、働きやすい環境だと感じたからです。",
    good="私の軸は、現場の課題を仕組みで解決することです。御社が進める拠点の自動化は、まさにその軸を生かせる仕事だと考えました。",
    structures=("prep", "both"),
    priority=12,
    penalty=8,
    needs="axis",
)
def axis_missing(draft: Draft) -> Iterator[Hit]:
    if draft.category not in AXIS_CATEGORIES or _drifts(draft) is not None:
        return
    if not _ctx(draft).touches_axis(draft.text, _answer_words(draft)):
        yield Hit(None, f"キャリアの軸（{_axis_label(draft)}）に一度も触れていません")


@rule(
    "N603",
    "axis-drift",
    level="warning",
    title="軸のブレ",
    summary="同じ練習の中で、志望動機・転職理由の理由がキャリアの軸からずれたり、条件面にすり替わったりしていないかを見ます。",
    rationale=(
        "二次面接では複数の面接官が同じ動機を別の角度から確かめます。理由が答えごとに変わると、"
        "どれが本音か分からず、入社後にすぐ辞めるのではという不安を与えます。"
    ),
    fix="どの質問でも、理由はキャリアの軸から話しましょう。条件面の希望は、軸を話したあとに補足として短く添える程度にします",
    bad="（軸は「顧客の課題を技術で解決する」なのに）一番の理由は、年収が上がることと在宅勤務ができることです。",
    good="一番の理由は、顧客の課題を技術で解決するという軸を、より大きな案件で実践できるからです。",
    structures=("prep", "both"),
    priority=9,
    penalty=10,
    needs="axis",
)
def axis_drift(draft: Draft) -> Iterator[Hit]:
    if draft.category not in AXIS_CATEGORIES:
        return
    hit = _drifts(draft)
    if hit is not None:
        yield hit


@rule(
    "N604",
    "company-generic",
    level="warning",
    title="どの会社にも言える志望動機",
    summary="志望動機に、企業プロフィールにあるその会社ならではの言葉（事業・課題・職種・用語）が入っているかを見ます。",
    rationale=(
        "「理念に共感」「成長できる環境」だけの志望動機は、どの会社にも言えるため企業研究が浅いと判断されます。"
        "二次面接の面接官は、自社の課題をあなたがどう理解しているかを見ています。"
    ),
    fix="企業プロフィールに書いた事業・課題・職種の言葉を使って、「御社の〜という課題に、私の〜の経験が生かせる」と話しましょう",
    bad="御社の理念に共感し、成長できる環境だと感じたため志望しました。",
    good="御社が3年で進める物流拠点の自動化に、WMS導入で出荷ミスを半減させた経験を生かしたいと考え、志望しました。",
    structures=("prep", "both"),
    priority=6,
    penalty=10,
    needs="company",
)
def company_generic(draft: Draft) -> Iterator[Hit]:
    if draft.category != "motivation":
        return
    terms = _ctx(draft).company_specifics()
    if mentions(draft.text, terms):
        return
    matches = [
        (s.index, quoted(s.norm, m))
        for s in draft.body
        if (m := lexicon().generic_motive.search(s.norm))
    ]
    examples = "・".join(t for t in terms[:3])
    found = f"「{matches[0][1]}」のような" if matches else ""
    yield Hit(
        matches[0][0] if matches else None,
        f"{found}どの会社にも言える理由だけで、{_company(draft).name}ならではの言葉（例: {examples}）がありません",
    )


@rule(
    "N605",
    "company-unlinked",
    level="info",
    title="会社と自分の経験がつながっていない",
    summary="志望動機で会社の事業や課題に触れたとき、それを自分の経験と結びつけているかを見ます。",
    rationale=(
        "会社のことをよく調べていても、自分の経験とのつながりがないと「ファン」の志望動機に聞こえます。"
        "面接官が知りたいのは、会社の課題にあなたが何を持ち込めるかです。"
    ),
    fix="会社の課題や事業の話のあとに、それに関係する自分の経験（いつ・何をして・どうなったか）を一つつなげましょう",
    bad="御社は物流拠点の自動化を進めていて、業界の先を行っていると感じました。",
    good="御社が進める物流拠点の自動化について、前職でハンディ端末を導入し誤出荷を月20件から5件に減らした経験が生かせると考えました。",
    structures=("prep", "both"),
    priority=14,
    penalty=5,
    needs="company",
)
def company_unlinked(draft: Draft) -> Iterator[Hit]:
    if draft.category != "motivation":
        return
    terms = mentions(draft.text, _ctx(draft).company_terms())
    if not terms:
        return
    if draft.labels["example"] or draft.labels["action"]:
        return
    yield Hit(
        None, f"「{terms[0]}」に触れていますが、あなた自身の経験とのつながりが語られていません"
    )


@rule(
    "N606",
    "already-known",
    level="info",
    title="調べれば分かる質問",
    summary="逆質問が、企業プロフィールに書いてある（調べれば分かる・すでに聞いた）内容になっていないかを見ます。",
    rationale=(
        "ホームページや説明会で分かることを聞くと、準備不足に見えます。"
        "逆質問は、調べても分からない現場の実態や入社後の役割を聞く貴重な時間です。"
    ),
    fix="調べて分かったことを前提にして、その先の現場の実態（進め方・課題・期待される役割）を聞きましょう",
    bad="御社の事業内容を教えていただけますか。",
    good="共同配送の拠点を増やす中で、現場の運営チームが今いちばん苦労されている点はどこでしょうか。",
    structures=("reverse",),
    priority=12,
    penalty=8,
    needs="company",
)
def already_known(draft: Draft) -> Iterator[Hit]:
    from coach.analysis.rules.reverse import questions

    company = _company(draft)
    known = [company.business, *company.values, *company.known_answers]
    for index in questions(draft):
        s = draft.sentence(index)
        topic = lexicon().already_known.search(s.norm)
        if topic and (company.business or company.values):
            yield Hit(
                index,
                f"「{topic.group(0)}」は企業プロフィールに書いてある（調べれば分かる）内容です",
            )
            return
        for text in known:
            if text and word_overlap(words_of(s.tokens), text) >= 0.5:
                yield Hit(index, f"すでに分かっている内容（「{text[:20]}」）を聞いています")
                return
