"""Features of an analysed answer for the label model.

Two kinds: what the rules found (labels, roles, cue sections, verb counts) and what the text
says (lemma unigrams and bigrams from SudachiPy, the first sentence's lemmas, sentence endings).
The rules carry the definitions; the lexical features let the model learn the many ways people
phrase blame, reasons or vagueness that no cue list anticipates. Training and inference use this
one function, so they cannot drift apart.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from coach.analysis.lexicon import PATTERN_SECTIONS
from coach.analysis.substance import fixed_before

if TYPE_CHECKING:
    from coach.analysis.elements import Elements, Sentence

# Every cue section of the lexicon is a feature, except those that only serve the sentence logic
# (prefaces, answer announcements, dates, fillers) and would add noise.
_NOT_FEATURES = frozenset(
    {
        "preface",
        "conclusion_marker",
        "conclusion_topic",
        "answer_announce",
        "asks_job",
        "decision_predicate",
        "date_like",
        "magnitude_words",
        "filler",
        "casual",
        "clause_break",
        "disfluency",
        "axis_conditions",
        "generic_motive",
        "already_known",
        "substance_marker",
        "thought_clause",
    }
)
# What a hollow sentence still tells: stock phrases, red flags, a declined question.
_FLAG_CUES = frozenset(
    {
        "vague",
        "generic",
        "eagerness",
        "over_adapting",
        "perfectionism",
        "defensive",
        "blame",
        "ownership",
        "hedge_ending",
        "decline",
        "question",
        "future",
        "hypothetical",
    }
)
CUE_SECTIONS = tuple(s for s in PATTERN_SECTIONS if s not in _NOT_FEATURES)
_SKIP_POS = frozenset({"補助記号", "空白"})
# the sections a sentence is asked for (extract): a body sentence all but result_marker (its
# stated outcome counts instead), a hollow sentence its flags
_BODY_CUES = tuple(s for s in CUE_SECTIONS if s != "result_marker")
_HOLLOW_CUES = tuple(s for s in CUE_SECTIONS if s in _FLAG_CUES)


def extract(elements: Elements, rule_labels: dict[str, bool], structure: str) -> dict[str, float]:
    f: dict[str, float] = defaultdict(float)
    typed = [s for s in elements.sentences if not s.preface]
    # A sentence that only names an element (no substance: substance.py) adds nothing towards
    # the elements, neither its words nor its cues, so that stock phrases cannot earn a label
    # through the model; it still speaks for the stock phrases (vague) and the red flags.
    body = [s for s in typed if not s.hollow]
    hollow = [s for s in typed if s.hollow]
    if hollow:
        f["hollow"] = min(len(hollow), 3)
    for label, value in rule_labels.items():
        f["rule:" + label] = float(value)
    for s in body:
        for role in s.roles:
            f["role:" + role] += 1
    # sentences with each cue section: one pass per sentence over its cue memo (a plain dict
    # read for what is known, Sentence.cue only for the rest); result_marker counts any stated
    # outcome (elements.Sentence.outcome), a hollow sentence only its flags. The flags are also
    # counted over the sentences with substance alone (scue:): the elements are fitted on
    # those, never on what the stock phrases say (training._fit), so that padding neither earns
    # an element nor takes one away; vague and the red flags read both
    hits = dict.fromkeys(CUE_SECTIONS, 0)
    hits["result_marker"] = sum(1 for s in body if s.outcome)
    _count_cues(body, _BODY_CUES, hits)
    for section in _HOLLOW_CUES:
        if hits[section]:
            f["scue:" + section] = min(hits[section], 3)
    _count_cues(hollow, _HOLLOW_CUES, hits)
    for section, n in hits.items():
        if n:
            f["cue:" + section] = min(n, 3)
    # Where a justification sits tells a reason for the claim from a cause inside the story.
    for i, s in enumerate(body):
        if s.cue("cause_clause"):
            f["cause:story" if s.past and not s.cue("claim_predicate") else "cause:claim"] += 1
            if i >= 1 and s.past and s.actions and not s.cue("decision_predicate"):
                f["cause:step"] += 1  # 「時間がなかったため、表にして比べました」: why a step
                if s.cue("circumstance_cause"):
                    f["cause:circumstance"] += 1  # the why is a circumstance, not a judgment
        if s.cue("reason_ending"):
            f["because:point" if i <= 1 else "because:story"] += 1
        if s.cue("reason_marker"):
            f["reason_marker:point" if i <= 1 else "reason_marker:later"] += 1
    # in a one- or two-line answer, the stated reason is itself a complaint about others
    # (ブラックだったから辞めました) and the speaker owns nothing: blame by definition (the model
    # has too few words to go on there); a cause attached to the decision in the point
    # (〜だったから辞めました) is a reason by definition
    owned = any(s.cue("ownership") or s.cue("own_cause") for s in typed)
    # the speaker owns a part after the last complaint about others (or in the same sentence):
    # the answer ends owning it; a complaint that follows the owned part still stands
    complaints = [i for i, s in enumerate(typed) if s.cue("blame")]
    if owned and complaints:
        f["owned_last"] = float(
            any(s.cue("ownership") or s.cue("own_cause") for s in typed[complaints[-1] :])
        )
    for i, s in enumerate(elements.clauses or body):
        if s.preface:
            continue
        because = s.cue("reason_ending") or (s.cue("cause_clause") and s.cue("decision_predicate"))
        if because and s.cue("blame") and not owned and len(body) <= 2:
            f["blame_reason"] = 1
        if i <= 1 and s.cue("cause_clause") and s.cue("decision_predicate") and "reason" in s.roles:
            f["decision_because"] = 1
    # the speaker's own part named as the cause of a failure (原因は、私が確認表を省いたことです)
    f["own_cause"] = float(
        any(s.cue("own_cause") and not s.future and not s.hypothetical for s in body)
    )
    # an element only named, never given (理由は…説明できません): the model may not grant it
    for role in elements.empty:
        f["empty:" + role] = 1
    # …named so in a sentence that says something else too (理由は特にないんですけど、前の店が
    # 近かったので): only there can the model have read the named element from its words
    # (a hollow sentence gives it none), so only there does labels.only_given undo what it granted
    said = {s.index for s in body}
    for role, where in elements.empty.items():
        if any(i in said for i in where):
            f["empty_open:" + role] = 1
    f["structure:" + structure] = 1
    f["sentences"] = min(len(body), 10) / 10
    f["chars"] = min(sum(len(s.norm) for s in body), 600) / 600
    f["quantities"] = float(any(s.quantities for s in body))
    f["actions"] = min(sum(len(s.actions) for s in body), 5)
    f["team_actions"] = min(sum(len(s.team_actions) for s in body), 3)
    f["planned"] = min(sum(len(s.planned) for s in body), 3)
    f["habits"] = min(sum(len(s.habits) for s in body), 3)
    # 「私は〜しました」: an action the speaker explicitly claims as their own
    f["own_explicit"] = float(any(s.actions and s.first_person for s in body))
    # 「〜を防ぐために、あえて〜しました」: a step named as the speaker's own device
    f["device_explicit"] = float(any(s.named_device for s in body))
    # the definition's own form, purpose and deliberate choice together: a device whatever the
    # model says (device_explicit alone is only evidence: あえて also comes with the obvious)
    f["device_defined"] = float(any(s.named_device and s.cue("device_in_definition") for s in body))
    # 「その結果、問い合わせが大きく減りました」: an outcome in the definition's own words
    f["outcome_explicit"] = float(any(s.cue("stated_outcome") and not s.future for s in body))
    # none since, after a fix the speaker owns or took up (以後、同じミスは一度もありません after
    # 発注を間違えました。それからは毎回ダブルチェックしています): the fix's outcome, not a denial
    f["fixed_since"] = float(
        any(s.outcome and s.cue("perfectionism") and fixed_before(body, s.index) for s in body)
    )
    # an outcome told in plain words, after the steps (次の日には刷り直しが届いた)
    f["outcome_told"] = float(outcome_told(elements.clauses or body))
    # the opening words: of the first sentence (first:), and of the first sentence with
    # substance (sfirst:), which the elements read: a stock phrase put in front (「結論から
    # 申しますと、…大切だと考えています」) does not change what the answer opens with
    opening = body[0] if body else None
    for s in typed:
        lemmas = [t.lemma for t in s.tokens if t.pos not in _SKIP_POS]
        if not s.hollow:
            for name in lexical(lemmas):
                f[name] = 1
        else:  # its own words: they tell stock phrases (vague), not elements
            for lemma in lemmas:
                f["hw:" + lemma] = 1
        if s is typed[0]:
            for lemma in lemmas:
                f["first:" + lemma] = 1
        if s is opening:
            for lemma in lemmas:
                f["sfirst:" + lemma] = 1
    return dict(f)


def _count_cues(sentences: list[Sentence], sections: tuple[str, ...], hits: dict[str, int]) -> None:
    """Add to ``hits`` the sentences each section occurs in: one pass per sentence over its
    cue memo (a plain dict read for what is known, Sentence.cue only for the rest)."""
    for s in sentences:
        memo = s.cues
        for section in sections:
            found = memo.get(section)
            if found or (found is None and s.cue(section)):
                hits[section] += 1


def outcome_told(units: list[Sentence]) -> bool:
    """Is an outcome told without a cue word? A clause after the speaker's first step that is
    told as done or as a state now, and is neither a step, a plan, a habit, a question nor a
    cause, a feeling, a lesson or an opinion (次の日には刷り直しが届いた; 今は5分で終わってます;
    その方とは最後は仲良くなって). It tells the label model's reading of an implicit result
    from an answer that lists steps and stops."""
    body = [u for u in units if not u.preface]
    first = next((i for i, u in enumerate(body) if u.actions), None)
    if first is None:
        return False
    for u in body[first + 1 :]:
        if (
            u.actions
            or u.planned
            or u.habits
            or u.future
            or u.hypothetical
            or u.question
            or u.hollow
        ):
            continue
        if not (u.past or u.cue("state_now") or u.cue("ongoing")):
            continue
        if any(
            u.cue(c) for c in ("stance_ending", "reason_ending", "cause_clause", "thought_clause")
        ):
            continue
        if not u.cue("feeling_or_view"):
            return True
    return False


def lexical(lemmas: list[str]) -> list[str]:
    """The text features of one sentence: its lemmas, lemma pairs and ending."""
    names = ["w:" + lemma for lemma in lemmas]
    names += ["b:" + a + "_" + b for a, b in itertools.pairwise(lemmas)]
    names.append("end:" + "_".join(lemmas[-3:]))
    return names


def sentence_features(sentence: Sentence) -> list[str]:
    """What one sentence contributes to the answer's features (its cues and its text): used to
    find the sentence that carries an element the model found in the answer as a whole."""
    lemmas = [t.lemma for t in sentence.tokens if t.pos not in _SKIP_POS]
    cues = ["cue:" + section for section in CUE_SECTIONS if sentence.cue(section)]
    return cues + lexical(lemmas)
