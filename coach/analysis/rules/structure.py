"""S: 結論→理由→具体例 — answer first, then why, then a real episode."""

from __future__ import annotations

from collections.abc import Iterator

from coach.analysis.elements import Sentence
from coach.analysis.model import Level
from coach.analysis.rules import ANSWER_STRUCTURES, Draft, Hit, rule
from coach.analysis.rules.patterns import patterns

PREP = ("prep", "both")
HEADLINE_WITHIN = 2  # a headline in the first two sentences still comes first


def _bare(s: Sentence) -> bool:
    """「はい、あります。」 says yes and nothing more: it is not the answer's point."""
    return patterns().bare_answer.search(s.norm) is not None


def _lead(draft: Draft) -> list[Sentence]:
    """The first sentences a listener hears, a bare yes/no left out."""
    return [s for s in draft.body if not _bare(s)][:HEADLINE_WITHIN]


def _headline_early(draft: Draft) -> bool:
    """Does the point come within the first two sentences (after a bare 「はい、あります。」)?"""
    lead = _lead(draft)
    if not lead:
        return False
    first = draft.elements.first
    if draft.labels["conclusion_first"] and first is not None and not _bare(draft.sentence(first)):
        return True
    headline = patterns().headline
    return any(
        draft.elements.shows(s, "conclusion")
        or headline.search(s.norm)
        or _episode_headline(draft, s)
        for s in lead
    )


def _episode_headline(draft: Draft, s: Sentence) -> bool:
    """To 「〜した経験はありますか」, one sentence saying what one did is the headline; one that
    sets the scene (「前職では〜を担当しており」) is not."""
    return (
        "episode" in draft.asks
        and bool(s.actions)
        and not s.cue("scene_opener")
        and not s.cue("situating")
    )


def _later_conclusion(draft: Draft) -> int | None:
    first = draft.elements.first
    for s in draft.body:
        if s.index != first and draft.elements.shows(s, "conclusion") and not _bare(s):
            return s.index
    return None


@rule(
    "S101",
    "conclusion-not-first",
    level="warning",
    title="結論が最初にない",
    summary="最初の一文（「はい。」などの前置きを除く）が質問への答えになっているかを見ます。",
    rationale=(
        "現場の面接官は限られた時間で「この人に仕事を任せられるか」を判断します。"
        "背景から話し始めると、何の話かが分からないまま聞くことになり、要点をつかむ力や"
        "報告の仕方まで不安視されます。想定外の質問でも結論から入る型があると、"
        "緊張しても話が崩れません。"
    ),
    fix="最初の一文で質問への答え（主張・強み・理由・選択）を言い切り、理由と具体例はその後に続けましょう",
    bad="前職では物流センターで在庫管理を担当していました。毎月欠品が多く、…",
    good="私の強みは、データから原因を突き止めて仕組みで解決する力です。…",
    structures=PREP,
    priority=10,
)
def conclusion_not_first(draft: Draft) -> Iterator[Hit]:
    first = draft.elements.first
    if first is None or _headline_early(draft) or _later_conclusion(draft) is not None:
        return
    lead = _lead(draft)
    if not lead:
        return
    # after a bare 「はい、あります。」 even an asked-for scene needs its one-line point first
    if _bare(draft.sentence(first)):
        yield Hit(
            first,
            "「はい」「あります」のあとに、何があったか・何を言いたいかを言い切る一文がないまま"
            "話が続いています",
            fix="「はい、あります。」の直後に、何があったか・何を言いたいかを一文で言い切り、"
            "経緯はその後に話しましょう",
            level=_episode_level(draft),
        )
        return
    if _opens_asked_scene(draft, first):
        return
    yield Hit(
        first, "最初の文が結論ではなく、背景や経緯から始まっています", level=_episode_level(draft)
    )


def _episode_level(draft: Draft) -> Level | None:
    """An episode question is told as a story: an opening without a headline is advice there."""
    return "info" if "episode" in draft.asks else None


def _opens_asked_scene(draft: Draft, first: int) -> bool:
    """An episode question (「〜した経験はありますか」「〜の場面を教えてください」) may be answered by
    opening with its scene: the scene is what was asked. Not when a short claim is asked first."""
    if "episode" not in draft.asks or "one_word" in draft.asks:
        return False
    lead = draft.sentence(first)
    return lead.past or lead.cue("scene_opener") or lead.cue("situating")


@rule(
    "S102",
    "reason-missing",
    level="warning",
    title="理由がない",
    summary="主張を支える理由（なぜそう言えるのか）が述べられているかを見ます。",
    rationale=(
        "二次面接では結論そのものより「どう考えてそこに至ったか」が評価されます。"
        "理由のない主張は、入社後に同じ判断を再現できるのかが伝わらず、思考の浅さと受け取られます。"
    ),
    fix="「理由は〜だからです」「というのも〜」と、なぜそう言えるのかを一文で添えましょう",
    bad="私の強みは調整力です。前職では…",
    good="私の強みは調整力です。というのも、利害の違う部署の間で合意を作る役を3年続けてきたからです。",
    # every answer structure: a category without reasons still asks for one when its question
    # says なぜ (the reason is then among the expected elements)
    structures=ANSWER_STRUCTURES,
    priority=20,
    element="reason",
)
def reason_missing(draft: Draft) -> Iterator[Hit]:
    if not _why_asked(draft):
        return
    if draft.elements.first is not None and not draft.labels["reason"]:
        yield Hit(None, "結論を支える理由が見当たりません")


def _why_asked(draft: Draft) -> bool:
    """A reason is asked for where the question says なぜ or asks for a judgment or a view
    (「大切にしていることは」「どう考えますか」); 「何をしましたか」 asks for none. Without a
    question the category's structure decides."""
    if not draft.question:
        return True
    return "reason" in draft.asks or patterns().why_question.search(draft.question) is not None


def _generic_example(draft: Draft) -> int | None:
    return next((s.index for s in draft.body if s.generic_example), None)


@rule(
    "S103",
    "example-missing",
    level="warning",
    title="具体例がない",
    summary="自分の経験にもとづく具体的なエピソード（時期・案件・チームが分かるもの）があるかを見ます。",
    rationale=(
        "現場の面接官は、あなたが実際の職場でどう動く人かを知りたがっています。"
        "エピソードがないと主張を確かめる材料がなく、一次面接と同じ浅い話に聞こえます。"
    ),
    fix="いつ・どの案件やチームで・何が起きたかが分かるエピソードを一つ入れましょう",
    bad="私は粘り強さには自信があります。どんな仕事でも最後までやり抜きます。",
    good="前職で大型案件の納期が2週間前倒しになった際、私は工程表を組み直し…",
    structures=PREP,
    priority=25,
    element="example",
)
def example_missing(draft: Draft) -> Iterator[Hit]:
    if draft.body and not draft.labels["example"] and _generic_example(draft) is None:
        yield Hit(None, "自分の経験にもとづく具体的なエピソードがありません")


@rule(
    "S104",
    "example-generic",
    level="warning",
    title="具体例が一般論",
    summary="「例えば」のあとが自分の経験ではなく、一般論や仮定の話になっていないかを見ます。",
    rationale=(
        "「例えば、チームでは協力が大切です」のような一般論は、誰にでも言えるため評価材料になりません。"
        "面接官が知りたいのは、あなたが実際に経験した場面です。"
    ),
    fix="一般論や仮定ではなく、あなた自身が経験した場面（時期・案件・チーム）を話しましょう",
    bad="例えば、お客様の立場に立って考えることが大切だと思います。",
    good="例えば前職で、解約を申し出た取引先を訪ねた際に…",
    structures=PREP,
    priority=24,
    element="example",
)
def example_generic(draft: Draft) -> Iterator[Hit]:
    index = _generic_example(draft)
    if index is not None and not draft.labels["example"]:
        yield Hit(index, "「例えば」のあとが一般論や仮定の話になっています")


@rule(
    "S105",
    "point-buried",
    level="warning",
    title="結論が埋もれている",
    summary="要点が最後に回り、具体例や経緯が先に来ていないかを見ます。",
    rationale=(
        "結論が最後にあると、面接官は話の着地点が分からないまま聞き続けることになります。"
        "時間切れや途中での質問で、肝心の要点が伝わらずに終わる危険もあります。"
    ),
    fix="最後にある要点を冒頭に移し、結論→理由→具体例の順に並べ替えましょう",
    bad="…という経験をしました。以上のことから、私の強みは粘り強さだと考えています。",
    good="私の強みは粘り強さです。理由は…。実際に…",
    structures=PREP,
    priority=11,
    penalty=5,
)
def point_buried(draft: Draft) -> Iterator[Hit]:
    if _headline_early(draft):
        return
    later = _later_conclusion(draft)
    if later is not None and not patterns().recital_close.search(draft.sentence(later).norm):
        # 「以上が私の職務経歴になります」 closes a recital (S106), it is not a buried point
        yield Hit(later, "要点が後ろに回っていて、経緯や具体例が先に来ています")
