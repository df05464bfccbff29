"""The vocabulary of the domain, shared by banks, analysis and views.

Element names follow ``shared/spec/answer-elements.md``. Japanese display names live here once:
elements, structures, finding levels, rule families, session kinds and statuses, review ratings.
"""

from __future__ import annotations

from typing import Final, Literal

Element = Literal["conclusion", "reason", "example", "action", "result", "ingenuity", "quantified"]
Role = Literal["conclusion", "reason", "example", "action", "result", "ingenuity"]
Structure = Literal["prep", "ari", "both", "reverse"]
Kind = Literal["general", "role"]  # a bank category: asked of everyone, or a role's deep-dive

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
    "off_topic",  # needs the question: false without one
)
# The labels read from the answer alone (the label model and its corpora know these ten).
ANSWER_LABELS: Final[tuple[str, ...]] = LABELS[:10]

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


# What a question asks (a bank question's `asks`, or read from a free-text question): the
# name feedback uses, and how an answer shows it.
ASKS: Final[dict[str, tuple[str, str]]] = {
    "episode": ("具体的な出来事", "具体的な一つの出来事（いつ・どこで・何があったか）を話す"),
    "own_part": ("自分の役割", "自分が何をしたか・何を決めたかを、チームと分けて話す"),
    "reason": ("理由", "なぜそうしたか・なぜそう言えるかを述べる"),
    "process": ("進め方", "どのように進めたか（手順・やり方）を順に述べる"),
    "future": ("これからのこと", "これから何をしたいか・どうなりたいかを述べる"),
    "failure_event": ("失敗の経験", "自分の失敗やうまくいかなかった出来事を認めて話す"),
    "learning": ("学び", "そこから何を学び、何を変えたかを述べる"),
    "transfer": ("当社での活かし方", "その経験や力を、この仕事・この会社でどう活かすかを述べる"),
    "company_link": ("当社を選ぶ理由", "なぜこの会社なのかを、会社の事業や特徴と結びつけて述べる"),
    "question": ("面接官への質問", "面接官への質問をする"),
    "one_word": ("一言での答え", "最初に短い一言（一文）で答えてから補う"),
    "hypothetical_steps": (
        "その場面での動き方",
        "示された場面で自分ならどう動くかを、具体的な手順で述べる",
    ),
    "others_view": ("周りからの見え方", "周りの人が自分をどう見ているか・何と言うかを述べる"),
    "self_assessment": ("強み・弱み", "自分の強み・弱みを自分で評価して述べる"),
    "fact": ("事実（数字・時期・条件）", "数字・時期・条件などの事実をそのまま答える"),
}

# How the bank schema describes `asks`: each ask with how an answer shows it.
ASKS_DESCRIPTION: Final = "この質問が求めること（2つの部分がある質問は両方）。" + "／".join(
    f"{key}: {how}" for key, (_, how) in ASKS.items()
)
# The asks as a type, for the bank schema (a test keeps it equal to the keys of ASKS).
Ask = Literal[
    "episode",
    "own_part",
    "reason",
    "process",
    "future",
    "failure_event",
    "learning",
    "transfer",
    "company_link",
    "question",
    "one_word",
    "hypothetical_steps",
    "others_view",
    "self_assessment",
    "fact",
]

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
    "T": "質問に答えているか",
}

# Notebook sessions: what kind they were and how they ended.
KIND_JA: Final[dict[str, str]] = {"practice": "練習", "mock": "模擬面接", "real": "本番"}
STATUS_JA: Final[dict[str, str]] = {"open": "記録中", "finished": "完了", "interrupted": "中断"}

# Review ratings (FSRS: 1 again, 2 hard, 3 good, 4 easy).
RATING_JA: Final[dict[int, str]] = {1: "もう一度", 2: "難しい", 3: "良い", 4: "簡単"}
