"""Sentence roles and the ten answer labels.

Definitions: ``shared/spec/answer-elements.md``. Cue words come from ``cues.yaml``; this module
holds the logic that combines them: which sentence comes first, tense, who acts, and context
(例えば before a generic statement, years that only date something, plans that are not deeds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from coach.analysis import label_model
from coach.analysis.clauses import CONNECTIVE, clause_segments
from coach.analysis.lexicon import Lexicon, lexicon
from coach.analysis.numbers import arabic
from coach.analysis.opening import answers_first, said_back
from coach.analysis.substance import content_words, hollow, restates
from coach.analysis.text import Span, Token, matching_form, split_sentences, tokens
from coach.analysis.verbs import befell, find_verbs


def _form(name: str) -> re.Pattern[str]:
    """A form of the sentence logic (``cues.yaml``, compiled once with the lexicon)."""
    return lexicon().patterns[name]


@dataclass(frozen=True)
class Sentence:
    """One sentence with what the analyzer found in it. Frozen once prepared: the reading
    (roles) is made into a new value at the end of :func:`rule_elements`, and nothing after
    that (the label model, the rules) changes a sentence; only the cue memo fills in."""

    index: int
    text: str  # as typed
    start: int
    norm: str
    tokens: list[Token]
    preface: bool = False
    past: bool = False
    future: bool = False
    hypothetical: bool = False
    first_person: bool = False
    team: bool = False
    other: bool = False
    question: bool = False
    actions: list[str] = field(default_factory=list)  # own, concrete, done
    team_actions: list[str] = field(default_factory=list)  # done, but by "we" only
    planned: list[str] = field(default_factory=list)  # intended, not done
    habits: list[str] = field(default_factory=list)  # done as a practice now (〜ようにしています)
    quantities: list[str] = field(default_factory=list)
    generic_example: bool = False
    named_device: bool = False  # 「〜を防ぐために、あえて〜しました」: a device by definition
    # no substance: every content word generic, no figure, no contrast (substance.py); such a
    # sentence names an element (理由は, その結果, 私は…しました) without giving it
    hollow: bool = False
    # an outcome is stated: a result cue, a mishap that befell (遅れてしまいました), or a later
    # point in time after the steps (翌年、〜に入りました)
    outcome: bool = False
    roles: tuple[str, ...] = ()
    pos: int = -1  # position among the clauses the roles are read from

    cues: dict[str, bool] = field(default_factory=dict, repr=False)

    def has(self, role: str) -> bool:
        return role in self.roles

    def cue(self, section: str) -> bool:
        """Does a cue section of the lexicon occur in this sentence? (memoised: the rules,
        the roles and the model features all ask the same questions)"""
        found = self.cues.get(section)
        if found is None:
            # (ownership is a reading of the cue, not a search for it)
            own = section == "ownership"
            found = self.owns() if own else lexicon().occurs(section, self.norm)
            self.cues[section] = found  # a memo of what the text matches, not a reading
        return found

    def owns(self) -> bool:
        """Does the speaker own a part of what went wrong here? Not when the ownership is only
        conceded before the real point (「私にも反省点はありますが、〜」), when it denies
        (「私の力では〜」「私のミスではなく」), or when the if-only is about someone else
        (「システムがちゃんとしていれば」)."""
        for m in lexicon().patterns["ownership"].finditer(self.norm):
            rest = self.norm[m.end() :]
            if _form("conceded").match(rest) or _form("denial").match(self.norm, m.start()):
                continue
            clause = self.norm[: m.start()].replace(",", "、").rsplit("、", 1)[-1]
            if (
                _form("counterfactual").match(m.group(0))
                and "が" in clause
                and not self.first_person
            ):
                continue
            return True
        return False


_SENTENCE_FIELDS = frozenset(f.name for f in dataclass_fields(Sentence))


def evolve(s: Sentence, **changes: Any) -> Sentence:
    """``dataclasses.replace`` for a Sentence, the same new value at a fraction of the cost
    (replace looks up the fields and runs ``__init__`` on every call; a sentence is made a few
    times per clause). Sentence has no ``__post_init__``, no ``init=False`` field, no slots."""
    if not _SENTENCE_FIELDS.issuperset(changes):
        raise TypeError(f"not fields of Sentence: {sorted(set(changes) - _SENTENCE_FIELDS)}")
    new = object.__new__(Sentence)
    attrs = new.__dict__
    attrs.update(s.__dict__)
    attrs.update(changes)
    return new


@dataclass
class Elements:
    sentences: list[Sentence]
    labels: dict[str, bool]  # final: the label model's decision when it is available
    first: int | None  # index of the first substantive sentence
    rule_labels: dict[str, bool] = field(default_factory=dict)  # what the rules alone said
    probabilities: dict[str, float] = field(default_factory=dict)
    # sentences that carried a role the label model did not accept (a device that reads as the
    # obvious step, an outcome that reads as a state): the rules point at them when they say
    # the element is missing
    doubted: dict[str, list[int]] = field(default_factory=dict)
    # the clauses roles were read from (a typed sentence that does not run on is one clause)
    clauses: list[Sentence] = field(default_factory=list)
    # the roles shown per typed sentence once the labels are final (the label model's map); the
    # sentences' own roles are what the rules read and are not edited afterwards
    shown: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # elements named without being given (理由は…説明できません): role -> typed sentence indices;
    # such a cue earns nothing (the score builds on this)
    empty: dict[str, list[int]] = field(default_factory=dict)

    def roles_of(self, index: int) -> tuple[str, ...]:
        """The roles shown on one typed sentence (the structure map)."""
        shown = self.shown.get(index)
        return shown if shown is not None else tuple(self.sentences[index].roles)

    def shows(self, sentence: Sentence, role: str) -> bool:
        return role in self.roles_of(sentence.index)


def _quantities(norm: str, lex: Lexicon) -> list[str]:
    cleaned = _form("not_a_count").sub(" ", norm)
    cleaned = lex.date_like.sub(" ", arabic(cleaned))
    cleaned = _form("ordinal").sub(" ", cleaned)  # 二回目, 3人目: which one, not how many
    found = [m.group(0) for m in lex.quantity.finditer(cleaned)]
    found += [m.group(0) for m in lex.magnitude_words.finditer(cleaned)]
    return found


def _name_only(toks: list[Token]) -> bool:
    """「佐藤花子です。」「私は山田です。」: a name given before the answer, a preface like
    「山田太郎と申します」."""
    named = False
    for t in toks:
        if t.pos == "名詞" and t.pos2 == "人名":
            named = True
        elif not (
            t.pos in ("補助記号", "空白")
            or t.surface
            in ("私", "わたくし", "わたし", "は", "です", "でございます", "と", "申し", "ます")
        ):
            return False
    return named


def _is_past(toks: list[Token]) -> bool:
    # tense of the main predicate: the last た/だ among the final auxiliaries
    return any(t.pos == "助動詞" and t.lemma == "た" for t in reversed(toks[-8:]))


def _prepare(
    span: Span,
    index: int,
    lex: Lexicon,
    norm: str | None = None,
    continues_past: bool | None = None,
    toks: list[Token] | None = None,
    absent: frozenset[str] = frozenset(),
) -> Sentence:
    if norm is None:
        norm = matching_form(span.text)  # bounded: cue patterns stay linear on any input
    if toks is None:
        toks = tokens(norm)
    # sections no sentence of the answer can match are known already (Lexicon.absent); the
    # text's facts are read from a bare sentence whose cue memo the prepared one keeps
    bare = Sentence(
        index=index,
        text=span.text,
        start=span.start,
        norm=norm,
        tokens=toks,
        cues=dict.fromkeys(absent, False),
    )
    cue = bare.cue
    past = _is_past(toks) or bool(_form("past_ending").search(norm))
    # a clause that runs on is told in the tense around it (see _units)
    past = past or bool(continues_past)
    sent = evolve(
        bare,
        preface=bool(lex.bare_preface.match(norm.strip())) or _name_only(toks),
        past=past,
        hypothetical=cue("hypothetical"),
        future=cue("future") and not past,
        first_person=cue("first_person") and not _form("one_of_team").search(norm),
        team=cue("team_subject"),
        other=cue("other_subject"),
        question=cue("question"),
        quantities=_quantities(norm, lex),
    )
    find_verbs(sent, lex)  # fills the verb lists of the sentence being prepared
    if cue("thought_clause"):
        stated = lex.occurs("result_marker", lex.thought_clause.sub("", norm))  # yes or no
    else:
        stated = cue("result_marker")
    return evolve(
        sent,
        hollow=hollow(norm, toks, sent.quantities, lex),
        outcome=(
            stated
            or (cue("mishap_ending") and befell(toks, lex))
            or (cue("outcome_opener") and past and not sent.actions and not sent.future)
        ),
    )


def _clause(
    sent: Sentence, segs: list[tuple[int, int]], lex: Lexicon, absent: frozenset[str]
) -> Sentence:
    """One clause of a typed sentence, its morphemes taken from the sentence's."""
    norm = "".join(sent.norm[a:b] for a, b in segs)
    toks: list[Token] = []
    pos = 0
    for t in sent.tokens:
        end = pos + len(t.surface)
        for a, b in segs:  # a loop, not any() over a generator: no frame per token
            if a <= pos and end <= b:
                toks.append(t)
                break
        pos = end
    if pos != len(sent.norm):  # the morphemes do not spell the sentence: tokenise the clause
        toks = tokens(norm)
    # a clause with fillers cut out of it is no longer one piece of the answer's text
    known = absent if len(segs) == 1 else frozenset()
    return _prepare(Span(norm, sent.start), 0, lex, norm=norm, toks=toks, absent=known)


def _outcome_beyond_empty(s: Sentence, lex: Lexicon) -> bool:
    """Does an outcome sentence state one outside the words that only sum one up?
    (「売場の雰囲気が良くなり、常連のお客様から声をかけられることが増えました」: the mood is felt,
    the greetings that grew are stated)"""
    rest = _form("result_connective").sub("", _form("empty_result").sub("、", s.norm))
    return lex.occurs("result_marker", rest)


def _units(
    sentences: list[Sentence], lex: Lexicon, absent: frozenset[str], asked: str | None
) -> tuple[list[Sentence], list[Sentence], list[int]]:
    """The typed sentences, the clauses roles are read from, and for each clause the index of
    its typed sentence. A sentence that is one clause is its own unit (the same object in both
    lists)."""
    typed: list[Sentence] = []
    units: list[Sentence] = []
    owner: list[int] = []
    for sent in sentences:
        clauses = clause_segments(sent.norm, lex)
        whole = len(clauses) == 1 and clauses[0] == [(0, len(sent.norm))]
        if whole:
            made = [sent]
        else:
            made = [_clause(sent, segs, lex, absent) for segs in clauses]
            # a clause that runs on (〜して、〜を調べて) takes the tense of the clause it leads
            # into; before a spoken connective (〜減って、なので) it closes a sentence and takes
            # the tense of the story so far
            for k, unit in enumerate(made):
                if unit.past or not _form("continuative").search(unit.norm) or k + 1 == len(made):
                    continue
                after = made[k + 1]
                closes = CONNECTIVE.match(after.norm) is not None
                inherited = made[k - 1].past if closes and k else after.past
                if inherited:
                    made[k] = _prepare(
                        Span(unit.norm, sent.start),
                        0,
                        lex,
                        norm=unit.norm,
                        continues_past=True,
                        toks=unit.tokens,
                        # the same text: what it was found not to match still holds
                        absent=frozenset(k for k, v in unit.cues.items() if not v),
                    )
        for unit in made:
            if asked and all(u.preface for u in units) and _echoes(unit, asked):
                unit = evolve(unit, preface=True)
            unit = _as_unit(unit, sent.index, len(units), asked)
            units.append(unit)
            owner.append(sent.index)
        typed.append(units[-1] if whole else sent)
    return typed, units, owner


def _echoes(unit: Sentence, asked: str) -> bool:
    """「発注金額ですか。」「一貫しているもの、ですか。」: the question said back before the answer
    (a preface, like はい), not the claim. Short, in the echo form, and most of its words are the
    question's."""
    m = _form("echo_ending").search(unit.norm)
    if m is None or len(unit.norm) > 30:
        return False
    return said_back(lexicon().patterns["lead_filler"].sub("", unit.norm[: m.start()]), asked)


def _as_unit(unit: Sentence, index: int, pos: int, asked: str | None) -> Sentence:
    """A clause as roles are read from it: placed in its typed sentence and in the answer,
    without the figures that are not the speaker's (inside a question, or given by the question
    itself: 5年後, 最初の3か月), without the deeds of a sentence built on stock phrases
    (色々な経験を積み…, unless a figure or a date makes it narrate), and with what follows from
    its own words: a device named with an own step (あえて, 〜を防ぐために), a generic example
    (例えば, not in the past)."""
    # (a question that ends the clause: 「〜とかですかね」 inside a run-on answer hedges, it
    # asks nothing, and the figures told before it are the speaker's)
    asking = unit.question and _form("question_end").search(unit.norm) is not None
    quantities = [] if asking else [q for q in unit.quantities if not asked or q not in asked]
    changes: dict[str, Any] = {"index": index, "pos": pos, "quantities": quantities}
    if not unit.preface:
        if _abstract(unit, quantities):
            changes["actions"] = []
        else:
            own = (
                bool(unit.actions or unit.habits)
                and not (unit.team and not unit.first_person)
                and not unit.hollow
            )
            changes["named_device"] = (
                own and not unit.future and not unit.hypothetical and unit.cue("own_device")
            )
            changes["generic_example"] = unit.cue("example_marker") and not unit.past
    return evolve(unit, **changes)


def _abstract(s: Sentence, quantities: list[str]) -> bool:
    """Built on stock phrases, with no figure or date to make it narrate something."""
    return s.cue("vague") and not quantities and not _form("dated").search(s.norm)


# 「人のせいにせず」 names blame only to refuse it


class _NotBlaming:
    """「人のせいにせず」 names blame only to refuse it (the rules ask it too); the form is
    ``not_blaming`` in cues.yaml."""

    def search(self, text: str) -> re.Match[str] | None:
        return lexicon().patterns["not_blaming"].search(text)


NOT_BLAMING = _NotBlaming()
_ROLE_ORDER = ("conclusion", "reason", "example", "action", "result", "ingenuity")


def asks(sent: Sentence, lex: Lexicon) -> bool:
    """A real question: declines (特にありません) do not count, unless the sentence still ends
    by asking (「ほぼ解消されましたが、一点だけ伺えますか。」)."""
    if not sent.question:
        return False
    return not sent.cue("decline") or bool(_form("question_end").search(sent.norm))


# the elements a sentence can name without giving (substance.py), and those with cue lists of
# their own for it (empty_reason…: a belief offered as the reason, a hope as the outcome)
_EMPTY_CUES = frozenset({"reason", "result", "ingenuity"})


def analyze_elements(
    text: str,
    category_structure: str,
    question: str | None = None,
    use_model: bool | None = None,
) -> Elements:
    """Roles per sentence and the ten labels. The rules decide roles and give a first reading of
    the labels; the label model (rule + lexical features) makes the final call on each label."""
    elements = rule_elements(text, category_structure, question)
    if use_model is None:
        use_model = label_model.enabled()
    if use_model:
        from coach.analysis.labels import apply_model

        apply_model(elements, category_structure)
    return elements


def rule_elements(text: str, category_structure: str, question: str | None = None) -> Elements:
    lex = lexicon()
    spans = split_sentences(text)
    norms = [matching_form(span.text) for span in spans]  # bounded: patterns stay linear
    absent = lex.absent("\n".join(norms))
    typed = [
        _prepare(span, i, lex, norm=norm, absent=absent)
        for i, (span, norm) in enumerate(zip(spans, norms, strict=True))
    ]
    # Roles are read from clauses (a run-on sentence is several); a typed sentence shows the
    # roles of its clauses.
    typed, sentences, owner = _units(
        typed, lex, absent, matching_form(question) if question else None
    )
    # the reading: roles per clause (by position), made into the sentences at the end
    roles: dict[int, list[str]] = {s.pos: [] for s in sentences}

    def has(s: Sentence, role: str) -> bool:
        return role in roles[s.pos]

    first = next((s.pos for s in sentences if not s.preface), None)
    reverse = category_structure == "reverse"

    empty: dict[str, list[int]] = {}
    # what the claim (the first clause) and the clause just before say: a reason that only
    # repeats those words is circular (words told earlier in a story may well be summed up)
    said_before: dict[int, set[str]] = {}
    claim: set[str] | None = None
    last: set[str] = set()
    for s in sentences:
        said_before[s.pos] = (claim or set()) | last
        if not s.preface:
            last = set(content_words(s.tokens, lex))
            claim = last if claim is None else claim

    def give(s: Sentence, role: str, front: bool = False) -> bool:
        """Give a sentence a role, unless it only names the element (no substance, a cue left
        empty: 理由は…説明できません, or a reason that restates what was said before it): then it
        is recorded as empty and earns nothing."""
        if (
            s.hollow
            or (
                role in _EMPTY_CUES
                and s.cue("empty_" + role)
                and not (role == "result" and _outcome_beyond_empty(s, lex))
            )
            or (
                role == "reason"
                and restates(s.tokens, s.quantities, s.norm, said_before[s.pos], lex)
            )
        ):
            if s.index not in empty.get(role, ()):
                empty.setdefault(role, []).append(s.index)
            return False
        if front:
            roles[s.pos].insert(0, role)
        else:
            roles[s.pos].append(role)
        return True

    situated_any = False
    for s in sentences:
        if s.preface:
            continue
        norm = s.norm
        if _abstract(s, s.quantities):
            continue  # stock phrases narrate nothing (its deeds were dropped: _as_unit)
        # example: an own episode, placed in a project, period, team or situation
        situated = s.cue("situating")
        marker = s.cue("example_marker")
        if (
            situated
            or (marker and s.past)
            or (situated_any and s.past and (s.actions or s.quantities))
        ) and (s.past and not s.hypothetical):
            situated_any = give(s, "example") or situated_any
        # action, result, ingenuity; a step the speaker has kept taking since a point in time
        # (私は先月から〜を毎朝共有しています) is an action too, not a mere habit
        if s.actions or (
            s.habits
            and s.first_person
            and not s.future
            and not s.hypothetical
            and _form("since").search(norm)
        ):
            give(s, "action")
        if s.outcome and (s.past or _form("state_now").search(norm)) and not s.future:
            give(s, "result")
        own = bool(s.actions or s.habits) and not (s.team and not s.first_person) and not s.hollow
        decision = bool(_form("career_decision").search(norm))
        if own and not decision and s.cue("purpose_clause") and not s.future:
            give(s, "ingenuity")
        elif s.cue("ingenuity_marker") and not s.future and not s.hypothetical and not decision:
            # named as one's own device: 工夫した点は…, あえて…, 自分なりに…
            explicit = s.cue("own_device")
            if (explicit and not (s.team and not s.first_person) and not s.other) or own:
                give(s, "ingenuity")

    # Reasons. Explicit markers (理由は, なぜなら, 原因は…) count anywhere; a bare 〜からです or a
    # cause clause only counts in the point part of the answer (before the story starts) or
    # when it justifies a decision — inside the story it explains a tactical step instead.
    story_start = next(
        (
            s.pos
            for s in sentences
            if not s.preface and s.pos != first and (has(s, "example") or has(s, "action"))
        ),
        len(sentences),
    )
    # When the question asks for a judgment (なぜ, 判断, 決め手…), the 〜からです behind the
    # central decision in the story is the justification asked for.
    asks_why = bool(question and _form("asks_why").search(matching_form(question)))
    # (or the sentence after a bare yes: 「ある。」「はい、あります。」 then 「〜に合ってたから乗った。」)
    why_at = first
    if first is not None:
        opener = sentences[first]
        if len(opener.norm) <= 12 and _form("affirm_ending").search(opener.norm):
            why_at = next((s.pos for s in sentences if s.pos > first and not s.preface), first)
    body_units = [s for s in sentences if not s.preface]
    last_pos = body_units[-1].pos if body_units else -1
    before_last = body_units[-2] if len(body_units) >= 2 else None
    named: Sentence | None = None  # the clause before, when it names the answer (〜のは…です)
    for s in sentences:
        if s.preface:
            continue
        norm = s.norm
        # a 〜からです right after a clause that names the answer (「私が一番手を打ったのは客単価
        # です。…方が早いと考えたからです」) justifies that answer, wherever it stands
        after_named = named is not None and named.pos == s.pos - 1
        named = s if _form("answer_named").search(norm) else None
        in_point = s.pos <= story_start or s.pos == first or after_named
        # a 〜からです that closes the answer, after the story's outcome rather than a step,
        # justifies the claim (「…半年後の差異は3分の1になりました。手順自体は品目が変わっても
        # 同じだからです」)
        closing = (
            s.pos == last_pos
            and s.pos != first
            and not s.past
            and not s.actions
            and before_last is not None
            and not before_last.actions
        )
        if (
            s.cue("reason_marker")
            or (s.cue("reason_ending") and (in_point or asks_why or closing))
            or (
                s.cue("cause_clause")
                and (s.cue("decision_predicate") or (reverse and s.cue("decline")))
            )
            or (
                s.cue("cause_clause")
                and not s.past
                and not s.question
                and not s.hypothetical
                and (in_point or s.cue("claim_predicate") or s.future)
            )
            # asked why, a cause told first is the answer's why (上司が何も教えてくれなかった
            # ので、成長できないと思いました), told in the past or not
            or (
                s.cue("cause_clause")
                and asks_why
                and (s.pos == why_at or s.pos < story_start)
                and not s.hypothetical
            )
        ):
            give(s, "reason", front=True)

    # A 〜からです right after (or inside) an own action explains why that step was chosen.
    previous: Sentence | None = None
    found: Sentence | None = None  # the last clause that stated a judgment or a cause found
    for s in sentences:
        if s.preface:
            continue
        if (
            not has(s, "ingenuity")
            and s.cue("reason_ending")
            and not s.cue("reason_marker")
            and s.pos > story_start
            and (s.actions or (previous is not None and previous.actions and previous.pos != first))
            and not s.future
        ):
            give(s, "ingenuity")
        # 「〜の方が早いと判断しました。そこで、〜しました」: a step taken on a judgment just
        # stated is the speaker's own choice, made for a reason.
        # (the finding may sit one clause back: 話を聞いたら、…上にいたんですね。なので、…)
        if (
            found is not None
            and found.pos >= s.pos - 2
            and _form("so_then").match(s.norm)
            and s.actions
            and not has(s, "ingenuity")
            and not s.future
        ):
            give(s, "ingenuity")
        if _form("judged").search(s.norm):
            found = s
        previous = s

    if first is not None:
        lead = sentences[first]
        only = sum(1 for t in typed if not t.preface) == 1 and len(sentences) == lead.pos + 1
        # a one-line answer that gives its reason or decision answers directly
        # (「前職がブラックだったから辞めました」)
        direct = only and not reverse and (has(lead, "reason") or lead.cue("decision_predicate"))
        whole = typed[lead.index].norm
        if direct or answers_first(lead, lex, question, reverse, whole):
            roles[lead.pos].insert(0, "conclusion")
    for s in sentences[(first or 0) + 1 :]:
        if s.preface or has(s, "conclusion"):
            continue
        opens = s.cue("conclusion_marker") or _form("point_opener").match(s.norm)
        if opens and (
            s.cue("stance_ending")
            or s.cue("claim_predicate")
            or _form("plain_ending").search(s.norm)
        ):
            roles[s.pos].insert(0, "conclusion")

    body = [s for s in sentences if not s.preface]

    def any_role(role: str) -> bool:
        return any(has(s, role) for s in body)

    quantified = any(s.quantities for s in body)
    action = any_role("action")
    example = any_role("example") and (action or any_role("result") or quantified or len(body) >= 3)
    if not example:
        for s in body:
            if has(s, "example"):
                roles[s.pos].remove("example")

    for s in body:
        for role in ("reason", "result", "ingenuity"):
            if s.cue("empty_" + role) and s.index not in empty.get(role, ()):
                empty.setdefault(role, []).append(s.index)  # named, even where no role fell
    # the reading made into the sentences; each typed sentence shows the roles of its clauses
    read = {s.pos: evolve(s, roles=tuple(roles[s.pos])) for s in sentences}
    conclusion_first = first is not None and has(sentences[first], "conclusion")
    sentences = [read[s.pos] for s in sentences]
    for i, s in enumerate(typed):
        if s.pos >= 0:  # its own clause
            typed[i] = read[s.pos]
            continue
        parts = [u for u, o in zip(sentences, owner, strict=True) if o == s.index]
        typed[i] = evolve(
            s,
            roles=tuple(r for r in _ROLE_ORDER if any(r in u.roles for u in parts)),
            quantities=[q for u in parts for q in u.quantities],
        )
    typed_body = [s for s in typed if not s.preface]

    blame_at = [s.index for s in typed_body if s.cue("blame") and not NOT_BLAMING.search(s.norm)]
    # (one's own slip named as the cause, 私が確認しなかったのが原因です, owns it too)
    owned = any(s.cue("ownership") or s.cue("own_cause") for s in typed_body)
    vague_at = [s.index for s in typed_body if s.cue("vague")]
    generic_at = [s.index for s in typed_body if s.cue("generic")]
    labels = {
        "conclusion_first": conclusion_first,
        "reason": any_role("reason"),
        "example": example,
        "action": action,
        "result": any_role("result"),
        "ingenuity": any_role("ingenuity"),
        "quantified": quantified,
        "blame": bool(blame_at) and not owned,
        "vague": (
            bool(vague_at or generic_at) and not (example or action or quantified)
            if not reverse
            # a reverse-question answer is vague when it offers eagerness instead of a question
            else any(s.cue("eagerness") for s in body) and not any(s.question for s in body)
        ),
        "no_question": reverse and not any(asks(s, lex) for s in body),
    }
    return Elements(
        typed,
        labels,
        owner[first] if first is not None else None,
        rule_labels=dict(labels),
        clauses=sentences,
        empty=empty,
    )
