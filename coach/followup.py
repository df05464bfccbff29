"""The follow-up planner: the one question an on-site manager asks next about an answer.

Priority (issue 16): an off-topic answer is brought back to the question; a red flag is pushed
back on (its finding code is the target); otherwise the most important element missing for this
question is asked for; a complete answer gets a probe (the bank's probes first, then generated
ones). The question quotes the candidate's own words: slots are filled from the analysed
sentences (an action phrase, a quantity with its counter, a noun phrase, the people named).
Templates and cue words live in ``followup_phrases.yaml``. Nothing here prints or prompts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coach.analysis import Analysis, analyze
from coach.analysis.text import Token, normalize, tokens

PHRASES_FILE = Path(__file__).with_name("followup_phrases.yaml")

# The symbolic targets of the issue, as the codes the rules use (`coach rules`).
BLAME = "R301"
OVER_ADAPTING = "R303"
PERFECTIONISM = "R304"
NO_QUESTION = "Q501"
# Q502 is the only conditions rule (reverse questions); a motive that names only working
# conditions is pushed back on under the same code until a motive rule exists.
CONDITIONS_ONLY = "Q502"
OFF_TOPIC = "T101"  # the relevance rule; read defensively, the label may not exist yet
PROBE = "probe"
RED_FLAGS = (BLAME, PERFECTIONISM, OVER_ADAPTING, NO_QUESTION, CONDITIONS_ONLY)
MOTIVE_CATEGORIES = ("motivation", "career")

# Which missing element matters most: what the outcome was and what the speaker did come
# before the reason, the episode and the figures (issue 16).
PRIORITY = ("result", "action", "reason", "example", "conclusion", "ingenuity", "quantified")
ASK_FIRST = {"reason": "reason", "episode": "example", "own_part": "action", "process": "action"}

QUANTITY = re.compile(
    r"(?:月|年|週|日|1日あたり|一日|毎月|年間|平均で?)?"
    r"[0-9０-９][0-9０-９,.]*(?:\s*(?:万|千|百))?\s*"
    r"(?:件|%|％|人|名|時間|分|日|か月|ヶ月|カ月|ケ月|倍|円|万円|店舗|社|回|食|割|週間|台|本|個|点|箇所|ライン|キロ|kg|トン)"
)
YEAR = re.compile(r"^(?:19|20)\d\d")


@dataclass(frozen=True)
class FollowUp:
    target: str  # an element name, a finding code, or "probe"
    question: str

    def to_json(self) -> dict[str, str]:
        return {"target": self.target, "question": self.question}


@dataclass
class _Slots:
    act: list[str] = field(default_factory=list)
    noun: list[str] = field(default_factory=list)
    num: list[str] = field(default_factory=list)
    who: list[str] = field(default_factory=list)
    cond: list[str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        values: list[str] = getattr(self, name)
        return values[0] if values else None


@cache
def phrases() -> dict[str, Any]:
    with PHRASES_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


# --- slots ------------------------------------------------------------------------------------


def _past(verb: Token) -> str | None:
    """The plain past of a verb token (組み直す → 組み直した), or None when unsure."""
    lemma, conj = verb.lemma, verb.conj
    if conj.startswith("五段"):
        row = conj[3:4]
        stem = lemma[:-1]
        if lemma.endswith("行く"):
            return stem + "った"
        endings = {"カ": "いた", "ガ": "いだ", "サ": "した", "タ": "った", "ラ": "った"}
        endings |= {"ワ": "った", "ナ": "んだ", "バ": "んだ", "マ": "んだ"}
        return stem + endings[row] if row in endings else None
    if "一段" in conj:
        return lemma[:-1] + "た"
    if conj.startswith("サ行変格"):
        return lemma[:-2] + "した"
    return None


def _content(t: Token) -> bool:
    return t.pos == "名詞" and t.pos1 not in ("数詞", "代名詞") and t.pos1 != "助動詞語幹"


def _compounds(toks: list[Token]) -> list[tuple[int, int, str]]:
    """Runs of nouns (with prefixes and suffixes) as (start, end, surface)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        if _content(toks[i]) or toks[i].pos == "接頭辞":
            j = i
            while j < len(toks) and (
                _content(toks[j]) or toks[j].pos in ("接頭辞", "接尾辞") or toks[j].pos1 == "数詞"
            ):
                j += 1
            text = "".join(t.surface for t in toks[i:j])
            if any(_content(t) for t in toks[i:j]):
                out.append((i, j, text))
            i = j
        else:
            i += 1
    return out


def _quotable(noun: str, asked: str) -> bool:
    generic = set(phrases()["generic_nouns"])
    if noun in generic or len(noun) < 2 or len(noun) > 14:
        return False
    if re.fullmatch(r"[ぁ-ゖー]+", noun) or re.search(r"[0-9０-９]", noun):
        return False
    return noun not in asked


def _sentence_slots(text: str, asked: str, slots: _Slots) -> None:
    toks = tokens(normalize(text))
    for start, end, noun in _compounds(toks):
        if not _quotable(noun, asked):
            continue
        if noun not in slots.noun:
            slots.noun.append(noun)
        # 「Xを<verb>」: the action phrase, in the plain past
        if end + 1 < len(toks) and toks[end].surface == "を" and toks[end + 1].pos == "動詞":
            verb = toks[end + 1]
            if verb.lemma == "する":
                continue
            past = _past(verb)
            if past and len(noun) <= 10:
                slots.act.append(f"{noun}を{past}")
        elif (
            end < len(toks)
            and toks[end].pos == "動詞"
            and toks[end].lemma == "する"
            and toks[end - 1].pos2 == "サ変可能"
            and start > 1
            and toks[start - 1].surface == "を"
        ):
            # 「改善策を提案し」: the object before a verbal noun
            for s2, e2, obj in _compounds(toks[: start - 1]):
                if e2 == start - 1 and _quotable(obj, asked) and len(obj + noun) <= 12:
                    slots.act.append(f"{obj}を{noun}した")
    for m in QUANTITY.finditer(text):
        q = re.sub(r"\s+", "", m.group(0))
        if not YEAR.match(q) and q not in slots.num:
            slots.num.append(q)


def _slots(sentences: Sequence[tuple[str, tuple[str, ...]]], asked: str, prefer: str) -> _Slots:
    """Fill the slots from the sentences, those with the ``prefer`` role first (the action
    sentence for a question about what came of it, and so on)."""
    slots = _Slots()
    ordered = sorted(sentences, key=lambda s: 0 if prefer in s[1] else 1)
    for text, _roles in ordered:
        _sentence_slots(text, asked, slots)
    whole = "".join(t for t, _ in sentences)
    slots.who = [w for w in phrases()["blamed"] if w in whole and w not in asked][:1]
    conds = [c for c in phrases()["conditions"] if c in whole]
    conds = [c for c in conds if not any(c != o and c in o for o in conds)]
    slots.cond = ["や".join(conds[:2])] if conds else []
    return slots


def _fill(template: str, slots: _Slots, ask: str) -> str | None:
    names = re.findall(r"\{(\w+)\}", template)
    values: dict[str, str] = {"ask": ask}
    for name in names:
        if name == "ask":
            continue
        value = slots.get(name)
        if value is None:
            return None
        values[name] = value
    return template.format(**values)


def _candidates(key: str, slots: _Slots, ask: str) -> list[str]:
    out = []
    for template in phrases()["templates"].get(key, []):
        text = _fill(template, slots, ask)
        if text is not None:
            out.append(text)
    return out


# --- what to dig for --------------------------------------------------------------------------


def _codes(analysis: Analysis) -> list[str]:
    return [f.code for f in analysis.findings]


def _off_topic(analysis: Analysis) -> bool:
    return bool(analysis.labels.get("off_topic")) or OFF_TOPIC in _codes(analysis)


def _condition_only(analysis: Analysis, text: str) -> bool:
    if analysis.category not in MOTIVE_CATEGORIES:
        return False
    words = phrases()
    conds = sum(1 for c in words["conditions"] if c in text)
    return conds >= 2 and not any(w in text for w in words["work_words"])


def _red_flags(analysis: Analysis, text: str) -> list[str]:
    codes = _codes(analysis)
    cues = phrases()["red_flag_cues"]
    found = [
        c
        for c in RED_FLAGS
        if c in codes or any(re.search(p, text) for p in cues.get(c, ()))
    ]
    asks_nothing = not re.search(r"(か|？|\?)[。」]?(\s|$)|でしょうか", text)
    reverse = analysis.category == "reverse-questions" or analysis.structure == "reverse"
    if reverse and NO_QUESTION not in found and asks_nothing:
        found.append(NO_QUESTION)  # a reverse question with no question in it declines
    if CONDITIONS_ONLY not in found and _condition_only(analysis, text):
        found.append(CONDITIONS_ONLY)
    return found


def _missing(
    question: str, expects: Sequence[str], asks: Sequence[str], present: set[str]
) -> list[str]:
    """The elements to ask for, most important first. Reason, conclusion, ingenuity and
    figures are asked for only where the question (or its asks) asks them: a manager does not
    dig for a reason the question never wanted."""
    first = [ASK_FIRST[a] for a in asks if a in ASK_FIRST]
    order = [*dict.fromkeys([*first, *PRIORITY])]
    gated = phrases()["asked_by_question"]
    wanted = [
        e
        for e in order
        if e in expects and (e in first or e not in gated or re.search(gated[e], question))
    ]
    return [e for e in wanted if e not in present]


def _first_sentence(question: str) -> str:
    parts = [p for p in re.split(r"(?<=[。？?])", question) if p.strip()]
    asking = [p for p in parts if re.search(r"[か？?]。?$|ください。?$", p.strip())]
    return (asking or parts or [question])[0].strip()


def _present(analysis: Analysis) -> set[str]:
    return {e for e in (*analysis.expects, *PRIORITY) if analysis.present(e)}


# --- the planner ------------------------------------------------------------------------------


def _reply_pairs(replies: Iterable[Any]) -> list[tuple[str, str, str | None]]:
    """Earlier follow-ups as (question, reply, target): FollowUp or plain text, with the reply."""
    out = []
    for item in replies:
        asked, reply = item[0], item[1]
        if isinstance(asked, FollowUp):
            out.append((asked.question, str(reply or ""), asked.target))
        else:
            target = item[2] if len(item) > 2 else None
            out.append((str(asked), str(reply or ""), target))
    return out


def plan_follow_up(
    analysis: Analysis,
    question: Any = None,
    *,
    asks: Sequence[str] | None = None,
    replies: Iterable[Any] = (),
) -> FollowUp | None:
    """The next follow-up on ``analysis``, or None when there is nothing to ask.

    ``question`` is the bank question (its probes, expects and asks are used) or its text.
    ``replies`` are the follow-ups already asked with the candidate's replies, as
    ``(FollowUp or question text, reply)`` pairs; the next one never repeats them and digs
    where the last reply left a gap.
    """
    asked_text = getattr(question, "text", question) or analysis.question or ""
    asked_text = str(asked_text)
    expects = tuple(getattr(question, "expects", None) or analysis.expects)
    if asks is None:
        asks = tuple(getattr(question, "asks", None) or ())
    follow_ups = getattr(question, "follow_ups", None)
    bank_probes = list(getattr(follow_ups, "probes", None) or [])

    pairs = _reply_pairs(replies)
    done = {q for q, _, _ in pairs}
    targets_done = [t for _, _, t in pairs if t]
    sentences = [(s.text, s.roles) for s in analysis.sentences]
    present = _present(analysis)
    said = "".join(s for s, _ in sentences)
    last_gap: str | None = None
    for _q, reply, target in pairs:
        if not reply.strip():
            last_gap = target
            continue
        said += reply
        try:
            more = analyze(reply, category=analysis.category, structure=analysis.structure)
        except Exception:  # a reply the analysis refuses adds nothing to dig into
            last_gap = target
            continue
        # what a reply says is quoted first: the next question digs into what was new
        sentences = [(s.text, s.roles) for s in more.sentences] + sentences
        present |= _present(more)
        last_gap = target if target and target in PRIORITY and target not in present else None

    def first_new(key: str, prefer: str) -> str | None:
        slots = _slots(sentences, asked_text, prefer)
        for text in _candidates(key, slots, _first_sentence(asked_text)):
            if text not in done:
                return text
        return None

    # the last reply left the gap open: the same gap, in other words
    if last_gap is not None:
        text = first_new(last_gap, "action")
        if text:
            return FollowUp(last_gap, text)

    if _off_topic(analysis) and OFF_TOPIC not in targets_done:
        text = first_new("off_topic", "action")
        if text:
            return FollowUp(OFF_TOPIC, text)

    for code in _red_flags(analysis, said):
        if code in targets_done:
            continue
        text = first_new(code, "action")
        if text:
            return FollowUp(code, text)

    if analysis.category == "reverse-questions" or analysis.structure == "reverse":
        return None  # a reverse question that asked well: nothing to ask

    for element in _missing(asked_text, expects, asks, present):
        if element in targets_done:
            continue
        prefer = "result" if element == "quantified" else "action"
        text = first_new(element, prefer)
        if text:
            return FollowUp(element, text)

    # complete: probe, the bank's own first, led by the candidate's words
    slots = _slots(sentences, asked_text, "action")
    leads = _candidates("lead", slots, "")
    for probe in bank_probes:
        text = (leads[0] if leads else "") + probe
        if text not in done and probe not in done:
            return FollowUp(PROBE, text)
    for text in _candidates("probe", slots, ""):
        if text not in done:
            return FollowUp(PROBE, text)
    return None
