"""The second-interview context the N rules read, and the text overlap they measure with.

A :class:`Context` holds what is known besides the answer: the round-one answers and career axis
(the user's profile), the company, and the earlier answers of this session. The profile and the
company are described here by the attributes the rules read (:class:`ProfileFacts`,
:class:`CompanyFacts`); :mod:`coach.profile` loads the real ones from YAML, so the analysis
never reaches outside ``coach.analysis``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from coach.analysis.text import Token


class RoundOneFacts(Protocol):
    def answers(self) -> list[tuple[str, str]]: ...


class AxisFacts(Protocol):
    @property
    def statement(self) -> str: ...
    @property
    def keywords(self) -> Sequence[str]: ...


class ProfileFacts(Protocol):
    """What the rules read of the user's profile (coach.profile.Profile)."""

    @property
    def round_one(self) -> RoundOneFacts: ...
    @property
    def career_axis(self) -> AxisFacts: ...


class CompanyFacts(Protocol):
    """What the rules read of a company profile (coach.profile.Company)."""

    @property
    def name(self) -> str: ...
    @property
    def business(self) -> str: ...
    @property
    def issues(self) -> Sequence[str]: ...
    @property
    def values(self) -> Sequence[str]: ...
    @property
    def role(self) -> str: ...
    @property
    def team(self) -> str: ...
    @property
    def key_terms(self) -> Sequence[str]: ...
    @property
    def known_answers(self) -> Sequence[str]: ...


# --- comparing texts ------------------------------------------------------------------------------

_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})


_STOP = frozenset(
    [
        "する",
        "為る",
        "ある",
        "有る",
        "いる",
        "居る",
        "なる",
        "成る",
        "こと",
        "事",
        "もの",
        "物",
        "ため",
        "為",
        "よう",
        "様",
        "私",
        "わたし",
        "自分",
        "御社",
        "貴社",
        "弊社",
        "前職",
        "現職",
        "会社",
        "仕事",
        "業務",
        "経験",
        "思う",
        "考える",
        "方",
        "中",
        "時",
        "とき",
        "際",
        "今",
        "これ",
        "それ",
        "あれ",
        "ところ",
        "上",
        "できる",
        "出来る",
        "行う",
        "いただく",
        "頂く",
        "くださる",
        "申す",
        "おる",
        "れる",
        "られる",
        "様々",
        "色々",
        "一",
        "二",
        "三",
    ]
)


def words_of(tokens: Iterable[Token]) -> tuple[str, ...]:
    """The content words (normalised forms) among tokens: what the overlap compares."""
    return tuple(
        t.norm
        for t in tokens
        if t.pos in _CONTENT_POS and t.norm not in _STOP and t.pos1 != "数詞" and len(t.norm) > 1
    )


@cache
def content_words(text: str) -> tuple[str, ...]:
    """The content words of a text nobody analysed (a round-one answer, the career axis, a
    company line). An analysed answer already has its tokens: use :func:`words_of`."""
    from coach.analysis.text import normalize, tokens

    return words_of(tokens(normalize(text)))


# A text, or the content words of one already analysed (so it is not tokenised again).
Words = str | tuple[str, ...]


def _words(text: Words) -> tuple[str, ...]:
    return content_words(text) if isinstance(text, str) else text


_GENERIC_NOUNS = frozenset(
    [
        "担当",
        "対応",
        "チーム",
        "改善",
        "現場",
        "候補",
        "不足",
        "主義",
        "運営",
        "センター",
        "事業",
        "会社",
        "仕事",
        "業務",
        "顧客",
        "お客様",
        "サービス",
        "提供",
        "企業",
        "社員",
        "入社",
        "営業",
        "管理",
        "部門",
        "部署",
        "課題",
        "計画",
        "関係",
        "推進",
        "強化",
        "拡大",
        "向上",
        "実現",
        "活用",
        "支援",
        "開発",
        "製品",
        "商品",
        "体制",
        "役割",
        "人材",
        "組織",
        "方針",
        "価値",
        "理念",
        "成長",
        "環境",
        "社会",
        "世界",
        "日本",
        "全国",
        "地域",
        "向け",
        "以上",
        "以下",
        "程度",
        "今後",
        "将来",
        "現在",
        "最近",
        "予定",
        "目標",
        "結果",
        "成果",
        "方法",
        "手法",
        "仕組み",
        "全体",
        "一部",
    ]
)


@cache
def key_nouns(text: str) -> tuple[str, ...]:
    """Distinctive noun phrases as written (consecutive nouns joined: 物流拠点, 共同配送)."""
    from coach.analysis.text import normalize, tokens

    out: list[str] = []
    run: list[str] = []

    def close() -> None:
        phrase = "".join(run)
        if len(phrase) >= 2 and phrase not in _GENERIC_NOUNS:
            out.append(phrase)
        run.clear()

    for t in tokens(normalize(text)):
        if t.pos in ("名詞", "接尾辞") and t.pos1 not in ("数詞",) and t.pos2 != "助数詞可能":
            if t.pos == "接尾辞" and not run:
                continue
            run.append(t.surface)
        else:
            close()
    close()
    return tuple(dict.fromkeys(out))


def shingles(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def containment(answer: Words, source: Words) -> float:
    """Share of the answer's content-word pairs that already appear in the source text."""
    a = shingles(_words(answer))
    if not a:
        return 0.0
    return len(a & shingles(_words(source))) / len(a)


def repeat_share(answer: Words, source: Words) -> float:
    """How much of the answer the source already said: shared word pairs, or, for a reworded
    telling (調整力です → 調整する力だと考えています), most of the same content words."""
    return max(containment(answer, source), 0.8 * word_overlap(answer, source))


def word_overlap(answer: Words, source: Words) -> float:
    a = set(_words(answer))
    if not a:
        return 0.0
    return len(a & set(_words(source))) / len(a)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


def mentions(text: str, terms: Iterable[str]) -> list[str]:
    folded = unicodedata.normalize("NFKC", text)
    found = []
    for term in terms:
        t = unicodedata.normalize("NFKC", term).strip()
        if len(t) >= 2 and t in folded:
            found.append(term)
    return found


# --- the context rules read -------------------------------------------------------------------------


@dataclass
class Context:
    """What the N rules know besides the answer: profile, company, earlier answers this session."""

    profile: ProfileFacts | None = None
    company: CompanyFacts | None = None
    session_reasons: list[tuple[str, str]] = field(default_factory=list)  # (category, answer)

    def has(self, need: str) -> bool:
        if need == "profile":
            return self.profile is not None and bool(self.profile.round_one.answers())
        if need == "axis":
            axis = self.profile.career_axis if self.profile else None
            return axis is not None and bool(axis.statement.strip() or axis.keywords)
        if need == "company":
            return self.company is not None
        return False

    def remember(self, category: str, answer: str) -> None:
        self.session_reasons.append((category, answer))

    # --- helpers the rules share -------------------------------------------------------------

    def axis_terms(self) -> list[str]:
        if self.profile is None:
            return []
        axis = self.profile.career_axis
        return [*axis.keywords, *content_words(axis.statement)]

    def touches_axis(self, text: str, words: tuple[str, ...] | None = None) -> bool:
        """Does the text name the career axis (a keyword, or a third of the statement's
        words)? ``words``: the text's content words when it was analysed already."""
        if self.profile is None:
            return False
        axis = self.profile.career_axis
        if mentions(text, axis.keywords):
            return True
        if not axis.statement:
            return False
        return word_overlap(axis.statement, text if words is None else words) >= 0.34

    def company_terms(self) -> list[str]:
        """Words only this company's answer would use: its name, the user's key terms, and the
        distinctive noun phrases of its business, issues, values, role and team."""
        c = self.company
        if c is None:
            return []
        terms = [c.name, *c.key_terms]
        for text in (c.business, c.role, c.team, *c.issues, *c.values):
            terms += list(key_nouns(text))
        short = re.sub(r"^(?:株式会社|有限会社)|(?:株式会社|ホールディングス)$", "", c.name).strip()
        if short and short != c.name:
            terms.append(short)
        return [t for t in dict.fromkeys(terms) if len(t) >= 2]

    def company_specifics(self) -> list[str]:
        """The company terms that say something about its work: saying its name is not it."""
        c = self.company
        if c is None:
            return []
        short = re.sub(r"^(?:株式会社|有限会社)|(?:株式会社|ホールディングス)$", "", c.name).strip()
        names = {c.name, short}
        return [t for t in self.company_terms() if not any(t in n or n in t for n in names if n)]
