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
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coach.analysis import Analysis, analyze
from coach.analysis.context import content_words
from coach.analysis.lexicon import lexicon
from coach.analysis.score import demanded_elements
from coach.analysis.text import Token, matching_form, normalize, tokens
from coach.errors import CoachError

PHRASES_FILE = Path(__file__).with_name("followup_phrases.yaml")

# A pattern compiled once and kept: ``_re(p).search(s)`` is ``re.search(p, s)`` without the
# module-level call's cache lookup in Python (the planner runs some hundred searches an answer).
_re = cache(re.compile)

# The symbolic targets of the issue, as the codes the rules use (`coach rules`).
BLAME = "R301"
OVER_ADAPTING = "R303"
PERFECTIONISM = "R304"
NO_QUESTION = "Q501"
# A reverse question of conditions only (Q502) and a motive of conditions only (R306) are pushed
# back on in the same words (followup_phrases.yaml, under Q502); the follow-up names the finding
# the answer raised.
CONDITIONS_ONLY = "Q502"
CONDITIONS_MOTIVE = "R306"
OFF_TOPIC = "T101"  # the relevance rule; read defensively, the label may not exist yet
VAGUE = "R302"
PROBE = "probe"
RED_FLAGS = (BLAME, PERFECTIONISM, OVER_ADAPTING, NO_QUESTION, CONDITIONS_ONLY)
MOTIVE_CATEGORIES = ("motivation", "career")

# Which missing element matters most: what the outcome was and what the speaker did come
# before the reason, the episode and the figures (issue 16).
PRIORITY = ("action", "result", "reason", "example", "conclusion", "ingenuity", "quantified")
ASK_FIRST = {"reason": "reason", "episode": "example", "own_part": "action", "process": "action"}

QUANTITY = re.compile(
    r"(?:月|年|週|日|1日あたり|一日|毎月|年間|平均で?)?"
    r"[0-9０-９][0-9０-９,.]*(?:\s*(?:万|千|百))?\s*"
    r"(?:件|%|％|人|名|時間|分|日|か月|ヶ月|カ月|ケ月|倍|円|万円|店舗|社|回|食|割|週間|台|本|個|点|箇所|ライン|キロ|kg|トン)"
)
YEAR = re.compile(r"^(?:19|20)\d\d")
# A change told with its figures (「月40件から5件に減りました」), read back in the plain past.
_NUM = r"(?:月|年|週|1日|一日)?[0-9０-９][0-9０-９.,]*[^\s、。からにま]{0,4}"
OUTCOME = re.compile(
    rf"({_NUM}から{_NUM}(?:に|まで))(減り|増え|短くなり|伸び|上がり|下がり|改善し|短縮し|削減し)ました"
)
PLAIN_PAST = {
    "減り": "減った",
    "増え": "増えた",
    "短くなり": "短くなった",
    "伸び": "伸びた",
    "上がり": "上がった",
    "下がり": "下がった",
    "改善し": "改善した",
    "短縮し": "短縮した",
    "削減し": "削減した",
}


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
    flag: list[str] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        if name == "noun2":
            # the second noun: not the first one, nor the one the action phrase quotes
            used = [*self.noun[:1], *(a.split("を")[0] for a in self.act[:1])]
            rest = [n for n in self.noun if not any(n in u or u in n for u in used)]
            return rest[0] if rest else None
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
        # 感ずる is how the dictionary lists 感じる: its past is 感じた
        return lemma[:-2] + ("じた" if lemma.endswith("ずる") else "した")
    return None


# Tokens a quoted noun phrase may not start with: time words and adverb-like nouns
# (去年の, いつも, 最初) read as a slot's head sound wrong (「いつも調整役は」).
_NOT_HEAD = ("副詞可能", "助数詞可能", "形状詞可能")
# After a verb, these make the phrase someone else's act or not a deed (任された, 見せてもらう).
_NOT_OWN = ("れる", "られる", "せる", "させる", "ない", "ぬ", "たい")
_NOT_OWN_AFTER_TE = ("もらう", "いただく", "くれる", "くださる", "しまう")


# How much each sign counts when ranking the nouns to quote (tuned on the odd fixture ids).
W = {
    "long": 1.0,
    "kata": 0.8,
    "sahen": 0.6,
    "arg": 0.0,
    "act": 0.5,
    "prefer": 1.0,
    "deed": 0.0,
    "new": 2.0,
}


def _content(t: Token) -> bool:
    return t.pos == "名詞" and t.pos1 not in ("数詞", "代名詞")


def _compounds(toks: list[Token]) -> list[tuple[int, int, str]]:
    """Runs of nouns (with prefixes and suffixes) as (start, end, surface), leading time words
    and adverb-like nouns cut off, runs that hold a number or an adjectival 的 dropped."""
    # each token's part of speech read once (the runs below look at most tokens several times)
    pos = [t.pos for t in toks]
    pos1 = [t.pos1 for t in toks]
    content = [
        p == "名詞" and p1 not in ("数詞", "代名詞") for p, p1 in zip(pos, pos1, strict=True)
    ]
    out: list[tuple[int, int, str]] = []
    n = len(toks)
    i = 0
    while i < n:
        if not (content[i] or pos[i] == "接頭辞"):
            i += 1
            continue
        j = i
        while j < n and (content[j] or pos[j] in ("接頭辞", "接尾辞") or pos1[j] == "数詞"):
            j += 1
        while j - 1 > i and pos[j - 1] == "接尾辞" and toks[j - 1].surface in ("ごと", "など"):
            j -= 1  # 「工事ごと」「資料など」 read back without the suffix
        head = i
        while head < j - 1 and (
            toks[head].pos2 in _NOT_HEAD or toks[head].surface in _leading_adverbs()
        ):
            head += 1
        numeric = i > 0 and pos1[i - 1] == "数詞"
        if (
            not numeric
            and toks[head].pos2 not in _NOT_HEAD
            and not _adjectival(pos, pos1, head, j)
            and "数詞" not in pos1[head:j]
            and any(content[head:j])
        ):
            out.append((head, j, "".join([t.surface for t in toks[head:j]])))
        i = j
    return out


def _adjectival(pos: list[str], pos1: list[str], start: int, stop: int) -> bool:
    """Does the run hold an adjectival suffix (〜的)? (a loop: no generator per run)"""
    for k in range(start, stop):  # noqa: SIM110
        if pos[k] == "接尾辞" and pos1[k] == "形状詞的":
            return True
    return False


@cache
def _generic_nouns() -> frozenset[str]:
    return frozenset(phrases()["generic_nouns"])


def _own_cause(text: str) -> bool:
    return lexicon().occurs("own_cause", matching_form(text))


@cache
def _leading_adverbs() -> frozenset[str]:
    return frozenset(phrases()["leading_adverbs"])


@cache
def _receiving() -> frozenset[str]:
    return frozenset(phrases()["receiving_verbs"])


def _quotable(noun: str, asked: str) -> bool:
    if noun in _generic_nouns() or len(noun) < 2 or len(noun) > 14:
        return False
    if _re(r"[ぁ-ゖー]+").fullmatch(noun) or _re(r"[0-9０-９]").search(noun):
        return False
    return noun not in asked


def _own_deed(toks: list[Token], v: int) -> bool:
    """The verb at ``v`` is the speaker's own completed act, not a passive, a wish or a favour."""
    nxt = toks[v + 1] if v + 1 < len(toks) else None
    if nxt is not None and nxt.pos == "助動詞" and nxt.lemma in _NOT_OWN:
        return False
    if nxt is not None and nxt.surface == "て" and v + 2 < len(toks):
        return toks[v + 2].lemma not in _NOT_OWN_AFTER_TE
    return True


def _sentence_slots(text: str, asked: str, weight: float, scores: dict[str, float]) -> list[str]:
    """Score the sentence's nouns into ``scores``; return its action phrases."""
    acts: list[str] = []
    toks = tokens(normalize(text))
    for start, end, noun in _compounds(toks):
        if not _quotable(noun, asked):
            continue
        # a compound, a katakana or a rarer word is more the speaker's own than 確認 or 相談
        bonus = W["long"] * (len(noun) >= 3) + W["kata"] * bool(_re(r"[ァ-ヺ]{2}").search(noun))
        if end - start == 1 and toks[start].pos2 == "サ変可能":
            bonus -= W["sahen"]
        if end < len(toks) and toks[end].surface in ("を", "が", "に", "で", "の"):
            bonus += W["arg"]
        scores[noun] = scores.get(noun, 0.0) + weight + bonus
        if end + 1 < len(toks) and toks[end].surface == "を" and toks[end + 1].pos == "動詞":
            verb = toks[end + 1]
            past = _past(verb) if verb.lemma != "する" and verb.lemma not in _receiving() else None
            if past and len(noun) <= 10 and _own_deed(toks, end + 1):
                acts.append(f"{noun}を{past}")
                scores[noun] += W["act"]
    return acts


def _slots(
    sentences: Sequence[tuple[str, tuple[str, ...]]],
    asked: str,
    prefer: str,
    blamed_in: str | None = None,
) -> _Slots:
    """Fill the slots from the sentences; those with the ``prefer`` role count most (the action
    sentence for a question about what came of it, and so on), and a word said twice is more
    the answer's topic than one said once."""
    slots = _Slots()
    scores: dict[str, float] = {}
    acts: list[tuple[float, int, str]] = []
    for k, (text, roles) in enumerate(sentences):
        weight = (
            1.0
            + W["prefer"] * (prefer in roles)
            + W["deed"] * ("action" in roles or "result" in roles)
        )
        if _own_cause(text):
            # the speaker's own mistake named as the cause (原因は、私が確認表を省いたことです)
            # is no step to ask a device or an alternative of, nor the topic to dig into
            continue
        deeds = _sentence_slots(text, asked, weight, scores)
        if not _re(phrases()["mishap"]).search(text):
            # a deed told as the mishap (検品を省いたまま送ってしまい) is no step to ask a device
            # or an outcome of; the steps that followed it are
            acts += [(weight, k, act) for act in deeds]
        for m in OUTCOME.finditer(text):
            slots.outcome.append(m.group(1) + PLAIN_PAST[m.group(2)])
        if "result" not in roles or not _re(phrases()["change"]).search(text):
            continue  # a figure is quoted back as an outcome only where it was one
        for m in QUANTITY.finditer(text):
            q = _re(r"\s+").sub("", m.group(0))
            duration = _re(r"(か月|ヶ月|カ月|ケ月|週間|時間|分|日)$").search(q) and not _re(
                r"(月|年|週|日|1日あたり|一日|毎月|年間)"
            ).match(q)
            if not YEAR.match(q) and not duration and q not in slots.num:
                slots.num.append(q)
    slots.noun = sorted(scores, key=lambda n: -scores[n])
    slots.act = [
        a
        for _w, _k, a in sorted(
            acts, key=lambda x: (-x[0] - scores.get(x[2].split("を")[0], 0), x[1])
        )
    ]
    whole = "".join(t for t, _ in sentences)
    blamed = phrases()["blamed"]
    named = [w for w in blamed if w in whole and w not in asked]
    named += [n for n in slots.noun if _re(phrases()["blamed_suffix"]).search(n)]
    # the party named in the blaming sentence, if that sentence names one
    focus = blamed_in if blamed_in and any(w in blamed_in for w in named) else whole
    named = [w for w in named if w in focus]
    specific = [n for n in named if _re(phrases()["blamed_suffix"]).search(n)]
    slots.who = sorted(specific or named, key=lambda w: (focus.find(w), -len(w)))[:1]
    conds = [c for c in phrases()["conditions"] if c in whole]
    conds = [c for c in conds if not any(c != o and c in o for o in conds)]
    shown: list[str] = []
    for c in sorted(conds, key=whole.find):
        # nouns only (not 「家から」), and one of each kind (お給料, not お給料や給与 too)
        if not c.endswith("から") and not any(set(c) & set(o) - set("おご") for o in shown):
            shown.append(c)
    slots.cond = ["や".join(shown[:2])] if shown else []
    return slots


def _fill(template: str, slots: _Slots, ask: str) -> str | None:
    names = _re(r"\{(\w+)\}").findall(template)
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
    out: list[str] = []
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


def _flag_phrase(code: str, text: str) -> str | None:
    """The words of the answer that raised a red flag, as a short clause to quote back
    (「何でもやります」): from the clause start to the end of the cue, politeness kept."""
    for pattern in phrases()["red_flag_cues"].get(code, ()):
        m = _re(pattern).search(text)
        if m is None:
            continue
        start = max(text.rfind("、", 0, m.start()), text.rfind("。", 0, m.start())) + 1
        stop = text.find("。", m.end())
        clause = text[start : stop if stop >= 0 else len(text)].strip()
        clause = _re(r"^(はい|いえ|正直に言うと|正直なところ)、?").sub("", clause)
        # an aside in parentheses (「（笑）」) is not read aloud, nor quoted inside a quote
        clause = _re(r"[（(][^）)]*[）)]").sub("", clause).strip()
        if _re(r"[()（）「」『』]").search(clause):
            return None
        begin = text.rfind("。", 0, m.start()) + 1
        sentence = text[begin : stop if stop >= 0 else len(text)].strip()
        if len(clause) > 24 or clause == sentence:
            # the cue alone, when it ends on a whole predicate; a whole sentence is not quoted
            clause = m.group(0) if m.group(0) != sentence else ""
        # a cut verb (「自分を変え」) dangles: a clause that does not end a sentence is not quoted
        whole = _re(r"(ません|ないです|ない|ます|です|でした)$").search(clause)
        return clause if whole and 2 <= len(clause) <= 24 else None
    return None


def _flagged(analysis: Analysis, code: str, text: str) -> str | None:
    """The sentence that raised ``code``: the finding's own, else the first the cues match."""
    for f in analysis.findings:
        if f.code == code and f.sentence is not None and f.sentence < len(analysis.sentences):
            return analysis.sentences[f.sentence].text
    for pattern in phrases()["red_flag_cues"].get(code, ()):
        m = _re(pattern).search(text)
        if m:
            begin = text.rfind("。", 0, m.start()) + 1
            stop = text.find("。", m.end())
            return text[begin : stop if stop >= 0 else len(text)]
    return None


def _cue_flag(code: str, text: str, outcomes: Sequence[str]) -> bool:
    """Do the red flag's cue words occur, for perfectionism outside the sentences the analysis
    read as an outcome (``outcomes``)? (「この2年は同じミスは一度もありません」 after the fix told
    is its result, not perfectionism: R304 says nothing of it, and neither does the interviewer)"""
    for pattern in phrases()["red_flag_cues"].get(code, ()):
        for m in _re(pattern).finditer(text):
            if code != PERFECTIONISM or not any(m.group(0) in o for o in outcomes):
                return True
    return False


def _red_flags(analysis: Analysis, text: str) -> list[str]:
    codes = _codes(analysis)
    outcomes = [s.text for s in analysis.sentences if "result" in s.roles]
    found = [c for c in RED_FLAGS if c in codes or _cue_flag(c, text, outcomes)]
    asks_nothing = not _re(phrases()["asking"]).search(text)
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
        if e in expects and (e in first or e not in gated or _re(gated[e]).search(question))
    ]
    return [e for e in wanted if e not in present]


def _first_sentence(question: str) -> str:
    parts = [p for p in _re(r"(?<=[。？?])").split(question) if p.strip()]
    asking = [p for p in parts if _re(r"[か？?]。?$|ください。?$").search(p.strip())]
    return (asking or parts or [question])[0].strip()


def _answered(probe: str, said: str, asked: str) -> bool:
    """A bank probe the answer has already answered: most of its own words (those not in the
    question) are words of the answer (「任されている範囲」 asked, and told)."""
    own = set(content_words(probe)) - set(content_words(asked))
    if len(own) < 2:
        return False
    return len(own & set(content_words(said))) / len(own) >= 0.6


def _tail(question: str) -> str:
    return _re(r"[、。]").split(question.rstrip("。"))[-1]


def _present(analysis: Analysis) -> set[str]:
    return {e for e in (*analysis.expects, *PRIORITY) if analysis.present(e)}


# --- the planner ------------------------------------------------------------------------------


def _reply_pairs(replies: Iterable[Any]) -> list[tuple[str, str, str | None]]:
    """Earlier follow-ups as (question, reply, target): FollowUp or plain text, with the reply."""
    out: list[tuple[str, str, str | None]] = []
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
    if asks is None:
        asks = tuple(getattr(question, "asks", None) or ())
    # what the score demands of this question (a self-introduction asks no episode): the
    # follow-up digs for what the checklist says is missing, nothing else
    expects = demanded_elements(getattr(question, "expects", None) or analysis.expects, asks)
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
        except CoachError:  # a reply the analysis refuses adds nothing to dig into
            last_gap = target
            continue
        # what a reply says is quoted first: the next question digs into what was new
        sentences = [(s.text, s.roles) for s in more.sentences] + sentences
        present |= _present(more)
        last_gap = target if target and target in PRIORITY and target not in present else None

    # a question counts as asked when its last clause was asked: 「もしうまくいっていなかったら、
    # 次に何をしていましたか」 is not asked again with another lead
    done_tails = {_tail(q) for q in done}

    def fresh(text: str) -> bool:
        return text not in done and _tail(text) not in done_tails

    filled: dict[tuple[str, str | None], _Slots] = {}

    def slots_for(prefer: str, focus: str | None = None) -> _Slots:
        # the same sentences are read for each gap the planner tries: fill each kind once
        if (prefer, focus) not in filled:
            filled[prefer, focus] = _slots(sentences, asked_text, prefer, focus)
        return filled[prefer, focus]

    def first_new(
        key: str, prefer: str, flag: str | None = None, focus: str | None = None
    ) -> str | None:
        slots = replace(slots_for(prefer, focus), flag=[flag] if flag else [])
        for text in _candidates(key, slots, _first_sentence(asked_text)):
            if fresh(text):
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
        # the follow-up names the finding the answer raised: a motive of conditions only is R306
        # (the push-back's words are the same as for a reverse question's, Q502)
        shown = (
            CONDITIONS_MOTIVE
            if code == CONDITIONS_ONLY and CONDITIONS_MOTIVE in _codes(analysis)
            else code
        )
        if code in targets_done or shown in targets_done:
            continue
        text = first_new(code, "action", _flag_phrase(code, said), _flagged(analysis, code, said))
        if text:
            return FollowUp(shown, text)

    if analysis.category == "reverse-questions" or analysis.structure == "reverse":
        return None  # a reverse question that asked well: nothing to ask

    missing = _missing(asked_text, expects, asks, present)
    if VAGUE in _codes(analysis) and "example" not in targets_done:
        # abstract through and through: whatever it lacks, the first thing is one real episode
        missing = ["example", *[e for e in missing if e != "example"]]
    for element in missing:
        if element in targets_done:
            continue
        prefer = "result" if element == "quantified" else "action"
        text = first_new(element, prefer)
        if text:
            return FollowUp(element, text)

    # complete: probe, the bank's own first, led by the candidate's words
    slots = slots_for("action")
    leads = _candidates("lead", slots, "")
    for probe in bank_probes:
        text = (leads[0] if leads else "") + probe
        if not any(probe in d for d in done) and not _answered(probe, said, asked_text):
            return FollowUp(PROBE, text)
    for text in _candidates("probe", slots, ""):
        if fresh(text):
            return FollowUp(PROBE, text)
    return None


def quotes_answer(follow_up: str, answer: str, asked: str = "") -> bool:
    """Whether a follow-up uses the answer's own words: a content word of the answer that the
    question asked did not contain (how issue 16 measures grounding)."""
    asked_words = set(content_words(asked)) if asked else set()
    answer_words = set(content_words(answer)) - asked_words
    return any(w in answer_words for w in content_words(follow_up))
