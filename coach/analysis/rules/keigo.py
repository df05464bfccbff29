"""D409–D410: keigo as it sounds in a spoken answer — 貴社 (a written word) and honorifics
stacked or misused. Cue words live in ``patterns.yaml``."""

from __future__ import annotations

from collections.abc import Iterator

from coach.analysis.rules import ALL_STRUCTURES, Draft, Hit, rule, unquoted
from coach.analysis.rules.patterns import patterns

SASETE_LIMIT = 3  # three させていただく in one answer is what an interviewer notices


@rule(
    "D409",
    "written-word-in-speech",
    level="warning",
    title="話し言葉で「貴社」",
    summary="面接（話し言葉）で、書き言葉の「貴社」を使っていないかを見ます。",
    rationale=(
        "「貴社」は履歴書やメールで使う書き言葉で、面接で話すときは「御社」が基本です。"
        "小さなことですが、面接官は社会人としての基本が身についているかをこうした言葉で見ています。"
    ),
    fix="話すときは「御社」（銀行なら「御行」、病院なら「御院」）に言い換えましょう",
    bad="貴社の物流改革に、私の経験を活かしたいと考えています。",
    good="御社の物流改革に、私の経験を活かしたいと考えています。",
    structures=ALL_STRUCTURES,
    priority=42,
    penalty=5,
)
def written_word(draft: Draft) -> Iterator[Hit]:
    pattern = patterns().written_company
    for s in draft.elements.sentences:
        m = pattern.search(unquoted(s.norm))
        if m:
            yield Hit(s.index, f"書き言葉の「{m.group(0)}」を話し言葉で使っています")
            return


def _misuses(draft: Draft) -> list[tuple[int, str]]:
    """Each kind of misuse once, with the first sentence it occurs in."""
    p = patterns()
    sentences = [(s.index, unquoted(s.norm)) for s in draft.elements.sentences]
    body = {s.index for s in draft.body}
    out: list[tuple[int, str]] = []
    for i, norm in sentences:
        m = p.double_honorific.search(norm)
        if m:
            out.append(
                (i, f"「{m.group(0)}」は敬語が重なった（または相手に謙譲語を使った）言い方です")
            )
            break
    sasete = [(i, m.group(0)) for i, norm in sentences for m in p.sasete.finditer(norm)]
    if len(sasete) >= SASETE_LIMIT:
        out.append(
            (sasete[0][0], f"「させていただく」が{len(sasete)}回あり、へりくだりすぎて聞こえます")
        )
    for i, norm in sentences:
        m = p.naru_desu.search(norm)
        if m and i in body:
            out.append(
                (
                    i,
                    "「〜になります」は何かに変わるときの言い方で、「〜です」の代わりには使いません",
                )
            )
            break
    first_body = min(body) if body else None
    # 了解 said in quotes (「了解しました」と答え) is still what the speaker says
    for i, norm in [(s.index, s.norm) for s in draft.elements.sentences]:
        m = p.ryoukai.search(norm)
        if m and (p.superior.search(norm) or i == first_body or i not in body):
            out.append((i, f"「{m.group(0)}」は目上の人への返事としては失礼に聞こえます"))
            break
    return sorted(out)


@rule(
    "D410",
    "keigo-misuse",
    level="warning",
    title="敬語の誤り",
    summary="「おっしゃられる」「拝見させていただく」のような二重敬語、他人への「申される」、3回以上の「させていただく」、「です」の代わりの「〜になります」、目上への「了解しました」がないかを見ます。",
    rationale=(
        "丁寧にしようとして重ねた敬語は、かえって不自然に聞こえ、お客様や他部署の前でも同じ話し方をするのではと思われます。"
        "現場の責任者は、入社後に社外の人の前へ出せるかを言葉遣いからも判断しています。"
    ),
    fix="「おっしゃられる」は「おっしゃる」、「拝見させていただく」は「拝見する」、他人には「申される」ではなく「おっしゃる」、「させていただく」は「いたします」、「〜になります」は「〜です」、「了解しました」は「承知しました」に言い換えましょう",
    bad="社長様が申されていた方針を、ホームページで拝見させていただきました。以上が私の職務経歴になります。",
    good="社長がおっしゃっていた方針を、ホームページで拝見しました。私の職務経歴は以上です。",
    structures=ALL_STRUCTURES,
    priority=43,
    penalty=6,
)
def keigo_misuse(draft: Draft) -> Iterator[Hit]:
    # one hit per kind of misuse: each has its own fix; the score counts the rule once
    for index, what in _misuses(draft):
        yield Hit(index, what)
