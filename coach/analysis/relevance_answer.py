"""What an answer shows, read once for the relevance checks: its sentences, past deeds, questions
to the interviewer, an episode, and whether it shows each ask a question can make (a failure of
its own, a future, a question, a view of others …). The cue words are in relevance.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.asks import DATA, compile_cue, cue
from coach.analysis.text import matching_form

if TYPE_CHECKING:
    from coach.analysis.elements import Elements

# --- what an answer shows ---------------------------------------------------------------------

_FAILURE = cue("failure")
FUTURE = cue("future")
COMPANY = cue("company")
_OTHERS = cue("others")
_SELF = cue("self")
_LEARNING = cue("learning")
_TRANSFER = cue("transfer")
STEP = cue("step")
HABIT_OR_GENERAL = cue("habit_or_general")
_INTRO = cue("intro")
_PAST_END = cue("past_end")
_SELF_NAMED = cue("self_named")
KANA_ONLY = cue("kana_only")
_REASON_TOLD = cue("reason_told")
FAILURE_TOLD = cue("failure_told")
_OTHERS_QUOTE = cue("others_quote")
_COMPANY_SEEN = cue("company_seen")
BARE_YES_NO = cue("bare_yes_no")
BARE_NO = cue("bare_no")
_FUTURE_PLAIN = cue("future_plain")
_WILL_DO = cue("will_do")
_WILL_DO_GUESS = cue("will_do_guess")
SHORT = DATA["topic_use"]["min_chars"]  # an answer this short is a curt one
_QUOTED = cue("quoted")
_MOTIVE_NAMED = cue("motive_named")
_CHANGED = cue("changed")
PAST_Q = cue("past_q")
_RHETORICAL = cue("rhetorical")


def asks_back(a: Answer) -> bool:
    """Does the answer ask the interviewer something? Not a question quoted from a story
    (「誰が困ってるの？」), a rhetorical 〜じゃないですか, or 「この話でいいですか」."""
    for s in a.sentences:
        plain = _QUOTED.sub("", s)
        if _ASKING.search(plain) and not _RHETORICAL.search(plain):
            return True
    return False


MODIFIER = compile_cue(DATA["partial"]["modifier"])
USED_ASKED = compile_cue(DATA["partial"]["used_asked"])
_LEARNED = compile_cue(DATA["partial"]["learned"])
_APPLIED = compile_cue(DATA["partial"]["applied"])
_CLAUSE = compile_cue(DATA["partial"]["clause"])
OUTCOME_ASKED = compile_cue(DATA["partial"]["outcome_asked"])
HANDLED_ASKED = compile_cue(DATA["partial"]["handled_asked"])
PAIRED_WH = compile_cue(DATA["partial"]["paired_wh"])
BASIS_ASKED = compile_cue(DATA["partial"]["basis_asked"])


def applied(a: Answer) -> bool:
    """Does the answer tell a deed that uses what was learned, after telling the learning? The
    deed is a clause of its own that is not the learning itself (「講座を受け」 uses no learning)."""
    clauses = [c for c in _CLAUSE.split(a.norm) if c]
    learned = next((i for i, c in enumerate(clauses) if _LEARNED.search(c)), None)
    if learned is None:
        return False
    return any(_APPLIED.search(c) and not _LEARNED.search(c) for c in clauses[learned + 1 :])


def count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


@dataclass
class Answer:
    question: str
    norm: str
    first: str
    lead: str  # the first two sentences
    opening: str  # the first three sentences, prefaces included (「はい、山田と申します。」)
    sentences: list[str]
    past: int
    questions: int
    episode: bool
    action: bool
    steps: bool  # a deed of one's own read in the words (not the label model's guess)
    reason: bool
    result: bool
    terms: set[str]  # the words of the sentences with substance (not the stock phrases)
    substance: str  # those sentences: what takes up the question's words (covered)


def read_answer(elements: Elements, question: str) -> Answer:
    body = [s for s in elements.sentences if not s.preface]
    norm = "".join(s.norm for s in body)
    labels = elements.labels
    past = sum(1 for s in body if s.past)
    # a stock phrase (「工夫した点は、丁寧に取り組んだことです」) takes up none of the question's
    # words: 工夫 said in it does not answer 「工夫した点も教えてください」
    said = [s for s in body if not s.hollow]
    terms: set[str] = set()
    for s in said:
        for t in s.tokens:
            terms.add(t.lemma)
            terms.add(t.surface)
    return Answer(
        question=matching_form(question),
        norm=norm,
        first=body[0].norm if body else "",
        lead="".join(s.norm for s in body[:2]),
        opening="".join(s.norm for s in elements.sentences[:3]),
        sentences=[s.norm for s in body],
        past=past,
        questions=sum(1 for s in body if _ASKING.search(s.norm)),
        episode=bool(labels.get("example")) or past >= 2,
        action=bool(labels.get("action")) or any(s.actions for s in body),
        steps=any(s.actions for s in body),
        reason=bool(labels.get("reason")),
        result=bool(labels.get("result")),
        terms=terms,
        substance="".join(s.norm for s in said),
    )


def shows(ask: str, a: Answer) -> bool:
    """Does the answer show this ask (lexically)?"""
    n = a.norm
    if ask == "question":
        return a.questions > 0
    if ask == "failure_event":
        hits = count(_FAILURE, n)
        return (
            count(_FAILURE, a.lead) > 0 or hits >= 2 or (hits == 1 and count(_LEARNING, a.lead) > 0)
        )
    if ask == "future":
        # or a curt plain future (「同じ業界の会社を受けると思います」): a long answer in the
        # non-past is as likely a procedure or a habit
        return (
            count(FUTURE, n) > 0
            or bool(_FUTURE_PLAIN.search(n))
            or (len(n) < SHORT and bool(_WILL_DO.search(a.first)))
            or bool(_WILL_DO_GUESS.search(a.first))
        )
    if ask == "company_link":  # the company named, or a reason for choosing it (however thin)
        # …or the first sentence gives the reason asked for (「家から近く、福利厚生が充実しているから
        # です」: a thin motive, but a motive; other findings push back on it)
        return (
            count(COMPANY, n) > 0
            or bool(_CHOSEN.search(n) or _COMPANY_SEEN.search(n))
            or bool(_REASON_TOLD.search(a.first) or _MOTIVE_NAMED.search(a.first))
        )
    if ask == "others_view":
        return count(_OTHERS, n) > 0 or bool(_OTHERS_QUOTE.search(n))
    if ask == "self_assessment":
        return count(_SELF, n) > 0 or bool(_SELF_NAMED.search(n))
    if ask == "learning":
        return count(_LEARNING, n) > 0 or bool(_CHANGED.search(n))
    if ask == "transfer":
        return count(_TRANSFER, n) > 0
    if ask == "hypothetical_steps":
        return count(STEP, n) >= 2 or a.action
    if ask == "episode":
        return a.episode
    if ask == "process":
        return a.steps or count(STEP, n) >= 2 or a.past >= 3  # a told sequence of deeds
    if ask == "reason":
        return a.reason or bool(_REASON_TOLD.search(n))
    if ask == "one_word":
        return len(a.first) <= 45
    return True  # own_part, fact: too weak to decide on


# Asks that decide by themselves: an answer that does not show them answers something else.
DECISIVE = (
    "question",
    "failure_event",
    "future",
    "others_view",
    "company_link",
    "self_assessment",
)


def covered(term: str, a: Answer) -> bool:
    said = a.substance
    return term in a.terms or term in said or (len(term) >= 3 and term[:2] in said)


def instead(a: Answer) -> str:
    """What the answer spoke about, named by its kind (for the finding)."""
    if a.questions >= 1 and a.questions * 2 >= len(a.sentences):
        return "面接官への質問"
    if count(_INTRO, a.norm):
        return "自己紹介・経歴"
    if count(COMPANY, a.norm) >= 2 and count(FUTURE, a.norm):
        return "志望動機や入社後の抱負"
    if count(_FAILURE, a.norm) >= 2:
        return "失敗の経験"
    if a.episode and a.action:
        return "別の場面での成功体験"
    if count(_SELF, a.norm):
        return "自分の強み・人柄"
    if count(HABIT_OR_GENERAL, a.norm) and not a.episode:
        return "一般論や心がけ"
    return OTHER_TOPIC


_CHOSEN = cue("chosen")
_ASKING = cue("asking")
OTHER_TOPIC = "質問とは別の話題"
