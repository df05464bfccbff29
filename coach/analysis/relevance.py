"""Does the answer answer the question? What a question asks, off-topic and partial answers.

Offline and lexical, so every verdict can be explained in the words of the question:

* :func:`infer_asks` reads what a free-text question asks (なぜ → reason, 失敗 → failure_event,
  質問はありますか → question …), part by part (a question of two sentences asks both).
* :func:`assess` checks each part against the answer: does the answer show the part's asks (a
  failure of its own, a future, a question to the interviewer, a view of others …) and does it
  take up the part's own content words? An answer whose first part is unanswered is off-topic
  and the finding names the question's words it never addressed; an answer that takes up the
  first part and not a later one is partial, and the finding quotes the part left out.

Why lexical: the check must run offline on every answer in a batch at no visible cost, and a
finding must say *which* words were not addressed. Measured against GiNZA's word vectors in
benchmarks/relevance.py (docs/relevance.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.analysis.asks import (
    DATA,
    GENERIC,
    _asks_of,
    compile_cue,
    content_terms,
    cue,
    question_parts,
)
from coach.analysis.asks import demanded as demanded
from coach.analysis.asks import infer_asks as infer_asks
from coach.analysis.model import Part as Part
from coach.analysis.model import Relevance as Relevance
from coach.analysis.relevance_answer import (
    BARE_NO,
    BARE_YES_NO,
    BASIS_ASKED,
    COMPANY,
    DECISIVE,
    FAILURE_TOLD,
    FUTURE,
    HABIT_OR_GENERAL,
    HANDLED_ASKED,
    KANA_ONLY,
    MODIFIER,
    OTHER_TOPIC,
    OUTCOME_ASKED,
    PAIRED_WH,
    PAST_Q,
    SHORT,
    STEP,
    USED_ASKED,
    Answer,
    applied,
    asks_back,
    count,
    covered,
    instead,
    read_answer,
    shows,
)
from coach.analysis.topic import features as topic_features
from coach.analysis.topic import load as load_topic

if TYPE_CHECKING:
    from coach.analysis.elements import Elements


def _off_topic_reasons(
    a: Answer,
    first_asks: Sequence[str],
    all_asks: Sequence[str],
    unshown: Sequence[str],
    overlap: float,
    structure: str,
    first_text: str = "",
) -> list[str]:
    why: list[str] = []
    decisive_unshown = [x for x in first_asks if x in DECISIVE and x in unshown]
    if "question" in decisive_unshown and (
        _DECLINE.search(a.norm) or _OR_SUPPLEMENT.search(a.question)
    ):
        # a decline answers 「質問はありますか」 (no_question says so): not another topic
        decisive_unshown.remove("question")
    if "question" in decisive_unshown and (_WRAP_UP.search(a.lead) or len(a.norm) < SHORT):
        decisive_unshown.remove("question")  # a decline or a thank-you: no_question, not a topic
    if "self_assessment" in decisive_unshown and "transfer" in first_asks:
        decisive_unshown.remove("self_assessment")  # 「強みは当社でも活かせますか」 asks the use
    if (
        "failure_event" in decisive_unshown
        and _DIFFICULTY.search(a.norm)
        and not _SUCCESS.search(a.norm)
    ):
        decisive_unshown.remove("failure_event")  # a hardship told in other words, no success
    why += [f"unshown:{x}" for x in decisive_unshown]
    cause_given = "reason" in all_asks and any(_CAUSE_CLOSES.search(x) for x in a.sentences[:2])
    for name, (asked, shown) in _TOPICS.items():
        if asked.search(a.question) and not shown.search(a.norm):
            if name in _BY_CAUSE and cause_given:
                continue  # 「なぜ辞めるのですか」 answered with a cause: a reason, maybe blame
            why.append(f"topic:{name}")
    if (
        "episode" in first_asks
        and not a.episode
        and count(HABIT_OR_GENERAL, a.norm) >= 2
        and overlap < 0.5
    ):
        why.append("general-for-episode")  # a general talk where one occasion was asked
    # what the answer is, against what was asked: a question list, a self-introduction or a
    # motivation speech under a question that asks none of those
    if (
        a.questions >= 2
        and "question" not in all_asks
        and structure != "reverse"
        and a.questions * 2 >= len(a.sentences)
    ):
        why.append("question-list")
    if (
        count(COMPANY, a.norm) >= 2
        and count(FUTURE, a.norm) >= 1
        and not a.episode
        and not set(all_asks) & {"company_link", "future", "transfer", "reason", "question"}
        and overlap < 0.5
    ):
        why.append("motivation-speech")
    first = a.first
    lead = "".join(a.sentences[:2])
    q = a.question
    if _ASKS_SUCCESS.search(q) and "failure_event" not in all_asks and _FAILURE_NAMED.search(lead):
        why.append("failure-for-success")  # 「一番大きかったのは…失敗です」 under 成果
    if (
        "failure_event" in first_asks
        and a.result
        and _SUCCESS.search(a.norm)
        and not _OWN_FAULT.search(a.norm)
        and len(a.sentences) >= 2
    ):
        why.append("success-for-failure")  # a problem solved well, no part of one's own at fault
    m = _DEFLECT.search(lead)
    if m and m.group(1) in q:
        why.append("deflected")  # 「失敗というより、苦労した話を」
    if _ASKS_INTRO.search(q) and _NOT_INTRO.search(first):
        why.append("not-intro")  # a failure or a goal where a self-introduction was asked
    if _SELF_INTRO.search(a.opening) and not _ASKS_INTRO.search(q):
        why.append("self-intro")
    if (
        _CAREER_MOVE_TOLD.search(lead)
        and not _TOPICS["career-move"][0].search(q)
        and not _FUTURE_Q.search(q)
        and "company_link" not in all_asks
    ):
        why.append("career-move-told")  # 「今の会社を離れようと決めたきっかけは」 elsewhere
    if _HISTORY.search(first) and not _ASKS_HISTORY.search(q):
        why.append(
            "career-history"
        )  # 「大学卒業後、2014年に入社し」 where a way of working was asked
    if (
        _WISH.search(first)
        and not set(all_asks)
        & {"future", "company_link", "transfer", "self_assessment", "hypothetical_steps"}
        and not _FUTURE_Q.search(q)
    ):
        why.append("future-wish")  # 「私は将来的には〜になりたい」 where no future was asked
    if _CAREER_TOLD.search(lead) and not _CAREER_Q.search(q):
        why.append("career-told")  # 「キャリアの軸は」「転職の理由は」 under an episode question
    if (
        _DECLINE_TOLD.search(lead)
        and "question" not in all_asks
        and structure != "reverse"
        and not _YES_NO.search(q)
    ):
        why.append("decline-told")  # 「特に気になる点はなくなりました」 where an answer was asked
    if (
        structure != "reverse"
        and "question" not in all_asks
        and len(a.sentences) >= 2
        and _EXISTENCE_REPLY.search(a.opening)
        and not _existence_asked(q, first_text, overlap)
    ):
        why.append("existence-reply")  # 「はい、あります。」 where what or how was asked
    if (
        "hypothetical_steps" in first_asks
        and _CASE_SET.search(first_text)
        and not _PAST_ASKED.search(first_text)
        and len(a.sentences) >= 2
        and not any(_STEP_TOLD.search(x) for x in a.sentences)
    ):
        why.append("no-step")  # a case asked, and only past deeds or states told: no step for it
    if _COUNT_ASKED.search(first_text) and not _COUNT_TOLD.search(a.norm) and len(a.sentences) >= 2:
        why.append("unshown:count")  # 「何名のメンバーを」 and no number given
    if _BARE_REASON.search(first) and "reason" not in all_asks and not _FUTURE_Q.search(q):
        why.append("reason-unasked")  # 「〜を広げたいからです」 answers a why nobody asked
    if (
        PAST_Q.search(q)
        and "future" not in all_asks
        and not set(all_asks) & _NOT_AN_EPISODE
        and a.past == 0
        and count(FUTURE, a.norm) >= 2
        and len(a.sentences) >= 2
    ):
        why.append("future-for-past")  # plans where something done was asked
    for name, d in _DIRECTIONS.items():
        if (
            d.asked.search(q)
            and d.opposite.search(_scoped(a, d.scope))
            and not d.same.search(_scoped(a, d.same_scope))
        ):
            why.append(f"direction:{name}")  # the same topic told the other way round
    m = _ANNOUNCED.search(first)
    announced = m.group(1) if m else ""
    if not announced and (t := _TRAIT.search(first)):
        announced = t.group(1) or t.group(2)
    # a strength told through the episode or the achievement that was asked for still answers
    # it (「私の強みは粘り強さです。…不良率を2.1%から0.8%まで下げました」 under 「前職での成果は」)
    framed = announced in ("強み", "長所", "自信", "得意") and (
        "episode" in all_asks or bool(_ASKS_SUCCESS.search(q))
    )
    if (
        announced
        and not any(w in q for w in _ANNOUNCED_FAMILY[announced])
        and not (framed and (a.episode or a.result))
    ):
        why.append("announced-other")  # 「私の強みは」 under a question that asks no strength
    if (
        "question" not in all_asks
        and structure != "reverse"
        and any(_ASKS_BACK.search(x) for x in a.sentences[:2])
    ):
        why.append("asks-back")  # a question to the interviewer where an answer was asked
    if (
        _COMPANY_TOLD.search(first)
        and not set(all_asks) & {"company_link", "transfer", "future", "question"}
        and not _COMPANY_Q.search(q)
        and not ("hypothetical_steps" in all_asks and count(STEP, a.norm) > 0)
    ):
        why.append("company-told")  # 「御社の中期経営計画を拝見し」 under a teamwork question
    if (
        "episode" in first_asks
        and not set(all_asks) & _NOT_AN_EPISODE
        and a.past == 0
        and not a.episode
        and len(a.sentences) >= 2
    ):
        why.append("no-episode")  # one occasion asked, none told
    return why


@dataclass(frozen=True)
class _Direction:
    asked: re.Pattern[str]
    opposite: re.Pattern[str]
    same: re.Pattern[str]
    scope: str
    same_scope: str


def _scoped(a: Answer, scope: str) -> str:
    if scope == "first":
        return a.first
    if scope == "lead":
        return a.lead
    return a.norm


# One topic, two directions (教えた vs 教わった): relevance.yaml `directions`.
_DIRECTIONS: dict[str, _Direction] = {
    name: _Direction(
        compile_cue(d["asked"]),
        compile_cue(d["opposite"]),
        compile_cue(d["same"]),
        d.get("scope", "all"),
        d.get("same_scope", "all"),
    )
    for name, d in DATA["directions"].items()
}


# Topics a question names that an answer cannot skip and still answer it (the category's
# expected content): asked in the question → some word of it in the answer.
_TOPICS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    name: (compile_cue(t["asked"]), compile_cue(t["shown"])) for name, t in DATA["topics"].items()
}
# Topics a why-question names that any cause given as the answer addresses (relevance.yaml).
_BY_CAUSE = frozenset(name for name, t in DATA["topics"].items() if t.get("answered_by_cause"))
_CAUSE_CLOSES = cue("cause_closes")

# What every answer in a category talks about, whatever the question's wording (the category's
# expected content): a motivation answer names the company or the wish, a collaboration
# answer has other people in it, a career answer a future or a move.
_EXPECTED: dict[str, re.Pattern[str]] = {cat: compile_cue(p) for cat, p in DATA["expected"].items()}

# The answer announces its own topic in its first sentence (「私の強みは」「キャリアの軸は」):
# a topic the question does not name is another question's answer.
_ANNOUNCED = cue("announced")
_TRAIT = cue("announced_trait")
_ANNOUNCED_FAMILY: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in DATA["announced_family"].items()
}
_ASKS_BACK = cue("asks_back")
_COMPANY_TOLD = cue("company_told")
_COMPANY_Q = cue("company_q")

_CAREER_TOLD = cue("career_told")
_CAREER_Q = cue("career_q")
_DECLINE_TOLD = cue("decline_told")
_YES_NO = cue("yes_no")
_BARE_REASON = cue("bare_reason")
_EXISTENCE_REPLY = cue("existence_reply")
_EXISTENCE_ASKED = cue("existence_asked")
_OCCASION_ASKED = cue("occasion_asked")
_WH_ASKED = cue("wh_asked")
_STEP_TOLD = cue("step_told")
_CASE_SET = cue("case_set")
_PAST_ASKED = cue("past_asked")
_COUNT_ASKED = cue("count_asked")
_COUNT_TOLD = cue("count_told")
# The question's focal noun phrase and the words that take it up: relevance.yaml `focal`.
_FOCAL: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    name: (compile_cue(f["asked"]), compile_cue(f["taken"])) for name, f in DATA["focal"].items()
}
# Focal asks that are always the point of the question they appear in (弱み): never taken up is
# enough, whatever the topic model believes (relevance.yaml `focal.<name>.alone`).
_FOCAL_ALONE = frozenset(name for name, f in DATA["focal"].items() if f.get("alone"))


def _existence_asked(question: str, first_part: str, overlap: float) -> bool:
    """Does the question ask whether there is one (ありますか), or ask for an occasion? Then
    「はい、あります。」 may open the answer, unless the first part asks which or what and the
    answer takes up little of the question's words (it was written for another question)."""
    if _EXISTENCE_ASKED.search(question):
        return True
    if not _OCCASION_ASKED.search(question):
        return False
    return not _WH_ASKED.search(first_part) or overlap >= DATA["topic_use"]["alone_overlap"]


_ASKS_SUCCESS = cue("asks_success")
_FAILURE_NAMED = cue("failure_named")
_DEFLECT = cue("deflect")
_ASKS_INTRO = cue("asks_intro")
_NOT_INTRO = cue("not_intro")
_SELF_INTRO = cue("self_intro")
_CAREER_MOVE_TOLD = cue("career_move_told")
_HISTORY = cue("history")
_ASKS_HISTORY = cue("asks_history")
_WISH = cue("wish")
_FUTURE_Q = cue("future_q")


_SUCCESS = cue("success")
_OWN_FAULT = cue("own_fault")
_DIFFICULTY = cue("difficulty")
_SETBACK = cue("setback")
_WRAP_UP = cue("wrap_up")
_DECLINE = cue("decline")
# Asks whose answer is not one past occasion, even when the question says 経験.
_NOT_AN_EPISODE = frozenset(
    {
        "future",
        "transfer",
        "hypothetical_steps",
        "company_link",
        "self_assessment",
        "one_word",
        "others_view",
    }
)
# 「話し足りなかったことや、確かめておきたいことは」: a supplement answers too
_OR_SUPPLEMENT = cue("or_supplement")
# The ask markers the topic model reads besides the words (a failure told, a future, a question).
MARKERS = {name: cue(name) for name in DATA["topic_markers"]}


def topic_sentences(elements: Elements) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The answer's sentences (prefaces left out) as the topic model reads them."""
    return [
        (s.norm, [(t.pos, t.pos1, t.lemma) for t in s.tokens])
        for s in elements.sentences
        if not s.preface
    ]


def _topic_fit(
    features: set[str], category: str, fits: frozenset[str]
) -> tuple[float, str, float, float] | None:
    """How much of the topic model's belief goes to categories whose answers answer this
    question (``fits``), the category it believes most, that belief, and the belief in the
    categories whose answers come near enough to keep a weak lexical test quiet (veto_also).
    ``features`` are the answer's words as the model reads them."""
    model = load_topic()
    if model is None or not fits:
        return None
    post = model.posterior(features)
    best = max(post, key=post.__getitem__)
    fit = sum(v for c, v in post.items() if c in fits)
    near = fit + sum(post.get(c, 0.0) for c in DATA["veto_also"].get(category, ()) if c not in fits)
    return fit, best, post[best], near


def _topic_words(features: set[str], best: str, category: str) -> tuple[str, ...]:
    """The answer's own words that most made the model believe ``best`` over ``category``."""
    model = load_topic()
    if model is None or category not in model.categories:
        return ()
    stop = GENERIC | set(DATA["topic_evidence_stop"])
    plain = {w.removeprefix("1:") for w in features if not w.startswith("@")}
    # a word of one character (社, 回) tells the speaker nothing of a topic
    plain = {w for w in plain if w not in stop and not KANA_ONLY.fullmatch(w) and len(w) > 1}
    return tuple(model.evidence(plain, best, category))


# The kinds of answer the lexical reading names (relevance_answer.instead) that are what an ask
# asks for: a finding never says an answer to 「失敗を教えてください」 talks of a failure instead.
_KIND_ASKED = {"失敗の経験": "failure_event", "面接官への質問": "question"}


def _what_instead(a: Answer, why: Sequence[str], asks: Sequence[str]) -> str:
    """What the answer spoke about: the lexical reading, unless only the topic model saw the
    answer as off-topic (or the lexical reading is no more than 「別の話題」)."""
    turned = [w[10:] for w in why if w.startswith("direction:")]
    if turned:  # the same topic the other way round: say which way
        return str(DATA["directions"][turned[0]]["instead"])
    lexical = instead(a)
    if _KIND_ASKED.get(lexical) in asks:
        lexical = OTHER_TOPIC
    names: dict[str, str] = DATA["topic_names"]
    model = [names[w[6:]] for w in why if w.startswith("model:") and w[6:] in names]
    if model and (all(w.startswith("model:") for w in why) or lexical == OTHER_TOPIC):
        return model[0]
    return lexical


@functools.cache
def _answers_for() -> dict[str, frozenset[str]]:
    return {q: frozenset(v) for q, v in DATA["answers_for"].items()}


def answering(category: str, asks: Sequence[str]) -> frozenset[str]:
    """The categories whose answers answer a question of ``category`` that asks ``asks``: the
    category's own (answers_for), widened when the question asks otherwise (answers_for_asks)."""
    fits = _answers_for().get(category, frozenset())
    rule = DATA["answers_for_asks"].get(category)
    if rule and (rule["unless"] not in asks if "unless" in rule else rule["if"] in asks):
        fits = fits | frozenset(rule["add"])
    return fits


def _paired_unanswered(question: str, a: Answer) -> str | None:
    """「何を諦めて、何に集中しましたか」: two things asked in one breath; the one whose verb
    never appears in the answer (by its first two characters: 諦め, 集中, or a word that says the
    same: relevance.yaml partial.paired_wh_same) is the part left out."""
    same = DATA["partial"]["paired_wh_same"]
    for m in PAIRED_WH.finditer(question):
        first, second = m.group(1), m.group(2)
        stems = [
            (question[m.start() : m.end(1) + 1], first[:2]),  # 何を諦めて
            (question[m.start(2) : m.end()], second.lstrip("何にを")[:2]),  # 何に集中しましたか
        ]
        missing = [
            text
            for text, stem in stems
            if len(stem) == 2 and not any(w in a.norm for w in same.get(stem, [stem]))
        ]
        if len(missing) == 1:
            return missing[0]
    return None


@functools.lru_cache(maxsize=2048)
def _parts(question: str) -> tuple[Part, ...]:
    """The question read once: a batch or a practice session asks the same questions again and
    again, and tokenising them was a tenth of the analysis time."""
    return tuple(
        Part(t, tuple(_asks_of(t)), tuple(content_terms(t))) for t in question_parts(question)
    )


def assess(
    elements: Elements,
    question: str | None,
    asks: Sequence[str] | None = None,
    structure: str = "both",
    category: str = "",
) -> Relevance:
    """Off-topic and partial verdicts for one analysed answer. Without a question, neither."""
    if not question or not question.strip():
        return Relevance(False, ())
    a = read_answer(elements, question)
    parts = _parts(question)
    declared = tuple(asks) if asks else ()
    all_asks = declared or tuple(dict.fromkeys(x for p in parts for x in p.asks))
    if not parts:
        return Relevance(False, all_asks)
    first = parts[0]
    first_asks = first.asks
    if declared and len(parts) == 1:
        first_asks = declared
    if structure == "reverse" and not first_asks:
        first_asks = ("question",)  # a reverse-question category asks for a question
    unshown = tuple(x for x in first_asks if not shows(x, a))
    terms = [t for p in parts for t in p.terms]
    uncovered = tuple(dict.fromkeys(t for t in terms if not covered(t, a)))
    overlap = 1 - len(uncovered) / len(set(terms)) if terms else 1.0
    first_overlap = (
        sum(1 for t in first.terms if covered(t, a)) / len(first.terms) if first.terms else 1.0
    )
    evidence = {"overlap": overlap, "first_overlap": first_overlap}
    fits = answering(category, all_asks)
    features = topic_features(topic_sentences(elements), MARKERS) if fits else set()
    fit = _topic_fit(features, category, fits)
    topic_best = ""
    if fit is not None:
        evidence["topic_fit"], topic_best, evidence["topic_best"], _ = fit

    why = _off_topic_reasons(a, first_asks, all_asks, unshown, overlap, structure, first.text)
    for name, (asked, taken) in _FOCAL.items():
        if (
            asked.search(first.text)
            and not taken.search(a.norm)
            and len(a.norm) >= SHORT  # too short for the model's word statistics
            and (
                name in _FOCAL_ALONE
                or (
                    fit is not None
                    and topic_best not in fits
                    and fit[2] >= DATA["topic_use"]["focal_best"]
                )
            )
        ):
            why.append(f"focal:{name}")  # 「弱み」 never taken up, the words say elsewhere
    expected = _EXPECTED.get(category)
    if (
        expected is not None
        and not expected.search(a.norm)
        and first_overlap == 0
        and a.episode  # a story told, and nothing of what this category talks about
    ):
        why.append(f"category:{category}")  # none of what this category's answers talk about
    if (
        why
        and len(a.norm) < SHORT
        and a.sentences
        and (
            (_YES_NO.search(a.question) and BARE_YES_NO.search(a.sentences[0]))
            or BARE_NO.search(a.sentences[0])
        )
    ):
        # 「ないです。ミスはその場で言うのが鉄則なんで」: a curt yes or no answers a 〜ことは
        # ありますか question (weakly, and other findings say so); only the weak tests said no
        weak = set(DATA["topic_use"]["weak_reasons"])
        why = [w for w in why if (w.split(":")[0] if w.startswith("category:") else w) not in weak]
    if "career-history" in why and expected is not None and expected.search(a.norm):
        # 「大学卒業後、県庁に入庁し…御社の理念を拝見し」: the history leads to what the category's
        # answers talk about (the company, the move), so it was the preamble of an answer
        why.remove("career-history")
    topic_words: tuple[str, ...] = ()
    if fit is not None:
        use = DATA["topic_use"]
        kinds = {w.split(":")[0] if w.startswith("category:") else w for w in why}
        # a growth story stands near a failure story only when it tells a setback (a 挫折 told as
        # growth); a change told with no setback at all is no failure told in other words
        near = fit[3] if _SETBACK.search(a.norm) else fit[0]
        if why and near > use["veto_above"] and kinds <= set(use["weak_reasons"]):
            why = []  # the words say it was written for this kind of question
        # a complaint's words (上司, 却下, 評価してくれない) mislead the model; a blaming answer
        # that takes up the question's words is left to the blame red flag, unless the lexical
        # tests also found it off-topic
        blaming = (
            bool(elements.labels.get("blame"))
            and not why
            and first_overlap > 0
            and fit[0] >= use["sure_below"]
        )
        # the model alone is a guess from word statistics: it may not overrule an answer that
        # takes up the question's own words, asks back under a reverse question, or is too short
        # for the statistics to mean anything
        # (the overlap guard yields when the model is all but certain: shared words like 当社 or
        # 再現 are easily taken up by an answer written for another question)
        alone_unsure = not why and (
            (
                bool(first.terms)
                and first_overlap >= use["alone_overlap"]
                and fit[0] >= use["sure_below"]
            )
            or (structure == "reverse" and asks_back(a) and use["asking_back_answers"])
            or len(a.norm) < use["min_chars"]
            # a failure told under a failure question: the model reads its setting (設備, 調整)
            or (
                use["failure_told_answers"]
                and (category == "failure" or "failure_event" in first_asks)
                and bool(FAILURE_TOLD.search(a.norm))
            )
        )
        # an answer that takes up none of the question's words needs less of the model's doubt
        below = use["off_below"]
        if first.terms and first_overlap == 0:
            below = use["off_below_untouched"]
        if fit[0] < below and not blaming and not alone_unsure:
            why.append(f"model:{topic_best}")
            topic_words = _topic_words(features, topic_best, category)
    missing_part = None
    if why and len(parts) > 1 and all(w.startswith("unshown:") for w in why):
        # the first part unanswered but a later one answered: partial, not off-topic
        later = [t for p in parts[1:] for t in p.terms]
        if later and sum(1 for t in later if covered(t, a)) * 2 >= len(later):
            missing_part = first.text
            why = []
    off = bool(why)
    if not off and missing_part is None and len(parts) > 1:
        seen = set(first.terms)
        for p in parts[1:]:
            own = [x for x in p.asks if x not in first.asks and x not in ("own_part", "fact")]
            # the part's own words (not the first part's): none taken up means not answered
            words = [t for t in p.terms if t not in seen]
            seen.update(p.terms)
            if MODIFIER.search(p.text):
                continue  # how to answer, not a question of its own
            if "transfer" in own and USED_ASKED.search(p.text) and applied(a):
                own = [x for x in own if x != "transfer"]
            if OUTCOME_ASKED.search(p.text) and a.result:
                continue  # 「その後、相手との関係はどうなりましたか」 is answered by the outcome told
            if HANDLED_ASKED.search(p.text) and a.episode and a.action:
                continue
            if BASIS_ASKED.search(p.text) and a.reason:
                continue  # 「何を基準にそう判断しましたか」: 「…と分かったので、店長の案に乗りました」  # 「その場でどう収めて」 is answered by the own steps told
            unasked = bool(own) and all(not shows(x, a) for x in own)
            if own == ["process"] and not unasked and a.episode and a.steps:
                continue  # 「どうやって見分けたのか」 answered by one's own steps, in any words
            enough = len(words) >= DATA["partial"]["min_words"]
            untouched = enough and not any(covered(t, a) for t in words)
            if untouched or (unasked and not enough):
                missing_part = p.text
                break
    if not off and missing_part is None:
        missing_part = _paired_unanswered(question, a)
    return Relevance(
        off_topic=off,
        asks=all_asks,
        parts=parts,
        unaddressed=uncovered,
        unshown=unshown,
        instead=_what_instead(a, why, all_asks) if off else "",
        missing_part=missing_part,
        evidence=evidence,
        why=tuple(why),
        topic=topic_best,
        topic_words=topic_words,
    )
