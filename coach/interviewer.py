"""The interviewer's side of the reverse questions: a short spoken answer to what the candidate
asked, taken from the company profile when something in it fits, else a promise to check.

Pure values; nothing prints. The answer is one or two sentences in です・ます, meant to be read
aloud: asides in parentheses become a clause, never a parenthetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.analysis.context import CompanyFacts

ANOTHER = "ほかに何かありますか。"
WILL_CHECK = (
    "ありがとうございます。その点はいま正確にお答えできないので、確認して、のちほどお伝えします。"
)

# field: (words in a question that point at it, how the answer opens, a second sentence or "")
TOPICS: tuple[tuple[str, str, str, str], ...] = (
    (
        "team",
        r"チーム|体制|人数|メンバー|配属|部署|部門|上司|同僚|雰囲気|進め方",
        "配属予定のチームは、",
        "入社後は、まずチームの進め方に慣れていただくところから始めます。",
    ),
    (
        "role",
        r"役割|仕事内容|業務内容|業務|ポジション|職種|期待|任せ|担当|ミッション|入社後|最初",
        "お任せしたいのは、",
        "",
    ),
    (
        "issues",
        r"課題|計画|今後|方針|戦略|目標|注力|力を入れ|取り組|展望|将来|中期",
        "いま力を入れているのは、",
        "ちょうど、その取り組みを一緒に進めていただける方を探しています。",
    ),
    (
        "business",
        r"事業|サービス|製品|商品|顧客|お客様|取引先|強み|市場",
        "私たちの事業は、",
        "",
    ),
    (
        "values",
        r"理念|価値観|大切|文化|社風|評価|活躍|求める人",
        "社内で大切にしているのは、",
        "",
    ),
    (
        "known_answers",
        r"研修|教育|育成|OJT|オンボーディング|残業|休暇|働き方|リモート|在宅",
        "",
        "",
    ),
)

# words of a question that say nothing about what it asks
STOP = frozenset({"御社", "貴社", "弊社", "質問", "具体", "具体的", "実際", "現在", "予定"})
CONTENT = re.compile(r"[一-龥々]{2,}|[ァ-ヴー]{2,}|[A-Za-z0-9]{2,}")
PAREN = re.compile(r"\s*[（(]([^（）()]*)[）)]\s*")


@dataclass(frozen=True)
class InterviewerAnswer:
    text: str
    source: str | None  # the profile field it came from; None when it promises to check


def content_words(text: str) -> list[str]:
    """The kanji, katakana and Latin runs of a text that carry what it is about."""
    return [w for w in CONTENT.findall(text) if w not in STOP]


def _spoken(fact: str) -> tuple[str, str]:
    """(the fact without asides, the asides joined): 「関東センターの運営チーム（15名）」 is read
    as 「関東センターの運営チームで、15名です」, not with its parenthesis."""
    asides = [m.strip() for m in PAREN.findall(fact) if m.strip()]
    main = PAREN.sub("", fact).strip().rstrip("。")
    return main, "、".join(asides)


def _sentence(lead: str, fact: str) -> str:
    main, aside = _spoken(fact)
    if re.search(r"(です|ます|でした|ました)$", main):
        # the profile already says it in です・ます
        body = main
    elif aside:
        body = f"{main}で、{aside}です"
    elif re.search(r"(る|す|く|ぐ|む|ぶ|ぬ|う|つ)$", main):
        # a plan written as a verb (「自動化を3年で進める」): spoken as 「〜ことです」
        body = f"{main}ことです"
    else:
        body = f"{main}です"
    if aside and body == main:
        body = f"{main}。{aside}です"
    return f"{lead}{body}。"


def _facts(company: CompanyFacts, field: str) -> list[str]:
    value = getattr(company, field, "")
    items = [value] if isinstance(value, str) else list(value)
    return [v for v in items if isinstance(v, str) and v.strip()]


def answer(question: str, company: CompanyFacts | None) -> InterviewerAnswer:
    """What the interviewer says to a reverse question: the profile field the question's words
    point at (its topic words, or a content word the field's text contains), spoken in one or
    two sentences; with no profile, or nothing in it that fits, a promise to check and answer
    later, as a real interviewer would rather than guess."""
    if company is None or not question.strip():
        return InterviewerAnswer(WILL_CHECK, None)
    words = content_words(question)
    best: tuple[int, str, str, str] | None = None  # (score, field, fact, second sentence)
    for order, (field, topic, _lead, second) in enumerate(TOPICS):
        facts = _facts(company, field)
        if not facts:
            continue
        topical = bool(re.search(topic, question))
        for fact in facts:
            shared = sum(1 for w in words if w in fact)
            score = 2 * shared + (3 if topical else 0)
            if score == 0:
                continue
            key = (score * 10 - order, field, fact, second)
            if best is None or key[0] > best[0]:
                best = key
    if best is None:
        return InterviewerAnswer(WILL_CHECK, None)
    _, field, fact, second = best
    lead = next(t[2] for t in TOPICS if t[0] == field)
    text = _sentence(lead, fact) + second
    return InterviewerAnswer(text, field)


def is_question(text: str) -> bool:
    """Whether a reverse-questions reply asks something (「特にありません」 does not)."""
    from coach.followup import phrases

    return bool(text.strip()) and bool(re.search(phrases()["asking"], text))
