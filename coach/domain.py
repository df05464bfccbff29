"""The vocabulary of the domain, shared by banks, analysis and views.

Element names follow ``shared/spec/answer-elements.md``. Japanese display names live here once:
elements, structures, finding levels, rule families, session kinds and statuses, review ratings.
"""

from __future__ import annotations

from typing import Final, Literal

Element = Literal["conclusion", "reason", "example", "action", "result", "ingenuity", "quantified"]
Role = Literal["conclusion", "reason", "example", "action", "result", "ingenuity"]
Structure = Literal["prep", "ari", "both", "reverse"]

ROLES: Final[tuple[Role, ...]] = (
    "conclusion",
    "reason",
    "example",
    "action",
    "result",
    "ingenuity",
)
ELEMENTS: Final[tuple[Element, ...]] = (*ROLES, "quantified")

LABELS: Final[tuple[str, ...]] = (
    "conclusion_first",
    "reason",
    "example",
    "action",
    "result",
    "ingenuity",
    "quantified",
    "blame",
    "vague",
    "no_question",
)

ELEMENT_JA: Final[dict[str, str]] = {
    "conclusion": "結論",
    "reason": "理由",
    "example": "具体例",
    "action": "行動",
    "result": "結果",
    "ingenuity": "工夫",
    "quantified": "数字",
}


def label_for(element: str) -> str:
    """The label that says an answer has ``element``: a conclusion counts only when it comes
    first (結論ファースト); every other element is its own label."""
    return "conclusion_first" if element == "conclusion" else element


def missing_names(missing: list[str], labels: dict[str, bool]) -> list[str]:
    """What an answer lacks, in Japanese, for tables: the expected elements it misses, and 質問
    for a reverse-question answer that asks nothing (that category expects no element)."""
    names = [ELEMENT_JA.get(e, e) for e in missing]
    if labels.get("no_question"):
        names.append("質問")
    return names


STRUCTURE_JA: Final[dict[str, str]] = {
    "prep": "結論→理由→具体例",
    "ari": "行動・結果・工夫",
    "both": "結論→理由→具体例 ＋ 行動・結果・工夫",
    "reverse": "逆質問",
}

# What a category's structure asks of an answer, in the order feedback lists them.
STRUCTURE_ELEMENTS: Final[dict[str, tuple[Element, ...]]] = {
    "prep": ("conclusion", "reason", "example"),
    "ari": ("action", "result", "ingenuity", "quantified"),
    "both": ELEMENTS,
    "reverse": (),
}

# Used by `coach check` when no category is given: the general rules, no reverse questions.
GENERAL_CATEGORY: Final = "general"

# Spoken Japanese runs at about 300 characters a minute; a good answer is about a minute.
CHARS_PER_MINUTE: Final = 300
TARGET_SECONDS: Final = 60

# Finding levels, as the rule list and feedback name them.
LEVEL_JA: Final[dict[str, str]] = {"error": "重大", "warning": "注意", "info": "助言"}

# Rule families: one letter per family, in the order the registry lists them.
FAMILY_JA: Final[dict[str, str]] = {
    "S": "結論→理由→具体例",
    "A": "行動・結果・工夫",
    "R": "レッドフラグ",
    "D": "話し方・長さ",
    "Q": "逆質問",
    "N": "二次面接ならではの確認",
}

# Notebook sessions: what kind they were and how they ended.
KIND_JA: Final[dict[str, str]] = {"practice": "練習", "mock": "模擬面接", "real": "本番"}
STATUS_JA: Final[dict[str, str]] = {"open": "記録中", "finished": "完了", "interrupted": "中断"}

# Review ratings (FSRS: 1 again, 2 hard, 3 good, 4 easy).
RATING_JA: Final[dict[int, str]] = {1: "もう一度", 2: "難しい", 3: "良い", 4: "簡単"}
