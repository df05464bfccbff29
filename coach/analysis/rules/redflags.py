"""R: red flags — the patterns that sink candidates in round two."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coach.analysis.elements import NOT_BLAMING
from coach.analysis.lexicon import lexicon
from coach.analysis.rules import Draft, Hit, quoted, rule
from coach.analysis.rules.patterns import low_number_role, patterns, role_example


@rule(
    "R301",
    "blame",
    level="error",
    title="他責",
    summary="失敗・苦労・退職の理由を、上司や会社、環境のせいにしていないかを見ます。",
    rationale=(
        "現場の責任者は「うまくいかないとき、この人はチームのせいにしないか」を気にします。"
        "他人や環境のせいにする話は、事実であっても、自分で改善できない人という印象を残します（他責型）。"
    ),
    fix="事実は短く述べ、自分に足りなかった点と、そこから自分がどう行動を変えたかを話しましょう",
    bad="上司が評価してくれず、会社の方針も悪かったので転職を決めました。",
    good="評価の基準を自分から確認しなかった反省から、今は期初に上司と目標を数字で合意するようにしています。",
    structures=("prep", "ari", "both"),
    priority=1,
    penalty=20,
)
def blame(draft: Draft) -> Iterator[Hit]:
    if draft.labels["blame"]:
        # where: the first sentence with a blaming cue (a position only this rule needs)
        index = next(
            (s.index for s in draft.body if s.cue("blame") and not NOT_BLAMING.search(s.norm)),
            None,
        )
        yield Hit(index, "うまくいかなかった理由を、他の人や環境のせいにしています")


@rule(
    "R302",
    "vague",
    level="warning",
    title="抽象的",
    summary="「頑張りました」「様々な経験」のような抽象的な言葉だけで、具体的な場面・行動・数字がないかを見ます。",
    rationale=(
        "抽象的な言葉は誰の回答にも当てはまるため、あなたのスキルの水準が伝わりません。"
        "一次面接では熱意として通っても、二次面接では「中身がない」と判断されます。"
    ),
    fix="抽象的な言葉を、具体的な場面・自分の行動・数字に置き換えましょう（「頑張った」→「毎日30件電話した」）",
    bad="前職では様々な経験を積み、コミュニケーション能力を活かして頑張りました。",
    good="前職では新規開拓を担当し、毎日30件の架電と週3件の訪問を半年続けて、新規12社と契約しました。",
    structures=("prep", "ari", "both"),
    priority=5,
    penalty=12,
)
def vague(draft: Draft) -> Iterator[Hit]:
    if draft.labels["vague"]:
        pattern = lexicon().vague
        index = next((s.index for s in draft.body if s.cue("vague")), None)
        norm = draft.sentence(index).norm if index is not None else ""
        m = pattern.search(norm)
        word = f"「{quoted(norm, m)}」など" if m else ""
        # name only what is really absent: a figure may be there with nothing around it
        # where numbers do not fit the work, frequency, duration and change count instead
        low = low_number_role(draft.category, draft.text)
        measure = "数字や回数・期間" if low else "数字"
        absent = [
            name
            for name, present in (
                ("具体的な場面", draft.labels["example"]),
                ("自分の行動", draft.labels["action"]),
                (measure, draft.labels["quantified"]),
            )
            if not present
        ]
        lacking = "・".join(absent) or "具体的な中身"
        example = role_example(draft.category, draft.text)
        fix = (
            f"抽象的な言葉を、具体的な場面・自分の行動・{measure}・相手の変化に置き換えましょう（{example}）"
            if low
            else f"抽象的な言葉を、具体的な場面・自分の行動・数字に置き換えましょう（{example}）"
        )
        yield Hit(index, f"{word}抽象的な言葉が中心で、{lacking}がありません", fix=fix)


def _own_view_follows(norm: str, end: int) -> bool:
    """「一般的には〜と言われますが、私は〜」 sets up the speaker's own view: not defensive."""
    return bool(re.search(r"(?:が|けれど|けど)、?(?:私|自分)(?:は|としては)", norm[end:]))


@rule(
    "R305",
    "defensive",
    level="info",
    title="防衛的・無難",
    summary="「特にこれといって」「無難に」「一般的には」のように、評価を恐れて当たり障りのない答えにしていないかを見ます。",
    rationale=(
        "無難な答えは減点されにくい一方で、加点もされません。"
        "二次面接では、あなた自身の考えや判断が見えない回答は「主体性がない」と受け取られます（防衛型）。"
    ),
    fix="一般論や控えめな表現をやめ、自分の考え・判断を「私は〜と考え、〜しました」と言い切りましょう",
    bad="特にこれといった強みはありませんが、与えられた仕事は一通り問題なくこなしてきました。",
    good="私の強みは、引き継いだ業務の無駄を見つけて手順を作り直すことです。",
    structures=("prep", "ari", "both"),
    priority=6,
    penalty=8,
)
def defensive(draft: Draft) -> Iterator[Hit]:
    pattern = lexicon().defensive
    scope = patterns().defensive_scope
    for s in draft.body:
        for m in pattern.finditer(s.norm):
            if _own_view_follows(s.norm, m.end()) or scope.match(s.norm, m.start()):
                continue  # 「一通り把握し」 names what was learnt: not playing safe
            yield Hit(
                s.index, f"「{quoted(s.norm, m)}」のような無難な言い方で、自分の考えが見えません"
            )
            return
