"""The cue lexicon (``cues.yaml``), compiled once per process."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

import yaml

from coach.analysis.pattern_store import STORE, Code

CUES_FILE = Path(__file__).with_name("cues.yaml")

# Cue sections: each is also a feature of the label model (features.py), unless excluded there.
PATTERN_SECTIONS = (
    "preface",
    "conclusion_marker",
    "conclusion_topic",
    "stance_ending",
    "scene_opener",
    "frame_sentence",
    "state_ending",
    "answer_announce",
    "asks_job",
    "reason_marker",
    "reason_ending",
    "cause_clause",
    "decision_predicate",
    "claim_predicate",
    "situating",
    "hypothetical",
    "example_marker",
    "future",
    "first_person",
    "team_subject",
    "other_subject",
    "result_marker",
    "mishap_ending",
    "thought_clause",
    "outcome_opener",
    "stated_outcome",
    "ingenuity_marker",
    "purpose_clause",
    "date_like",
    "magnitude_words",
    "blame",
    "ownership",
    "vague",
    "generic",
    "eagerness",
    "over_adapting",
    "perfectionism",
    "defensive",
    "hedge_ending",
    "filler",
    "casual",
    "decline",
    "question",
    "conditions_topic",
    "work_topic",
    "clause_break",
    "disfluency",
    "empty_reason",
    "empty_result",
    "empty_ingenuity",
    "axis_conditions",
    "generic_motive",
    "already_known",
    "substance_marker",
)
LOGIC_SECTIONS = (
    "asks_company_choice",
    "old_job",
    "company_or_motive",
    "asks_own_part",
    "conceded",
    "denial",
    "counterfactual",
    "ongoing",
    "judged",
    "answer_named",
    "so_then",
    "asks_why",
    "since",
    "ordinal",
    "not_a_count",
    "past_ending",
    "one_of_team",
    "continuative",
    "not_blaming",
    "point_opener",
    "question_end",
    "career_decision",
    "dated",
    "state_now",
    "plain_ending",
    "lead_filler",
    "asks_how",
    "asked_topic",
    "names_the_answer",
    "endeavour_then_outcome",
    "role_became",
    "asks_scale",
    "asks_experience",
    "method",
    "copula_past",
    "state_only",
    "failure_word",
    "other_ask",
    "job_words",
    "occasion_frame",
    "had_happen",
    "own_device",
    "asks_for_questions",
    "feeling_or_view",
    "circumstance_cause",
    "device_in_definition",
    "own_cause",
    "echo_ending",
    "background_announce",
    "asks_yes_no",
    "affirm_ending",
    "setup_opening",
    "asks_doing",
    "runs_on",
    "role_taken",
    "asks_ahead",
    "looks_ahead",
    "setting_topic",
    "setting_answers",
    "setting_topic_own",
    "setting_belief",
    "asks_values",
    "trailing_but",
    "result_connective",
    "asks_after_failure",
    "negative_answer",
    "conduct_stance",
    "setup_clause",
    "affirm_start",
    "setup_but",
)
WORD_SECTIONS = ("non_action_verbs", "counter", "generic_content", "not_a_choice")


_V = TypeVar("_V")


class Compiled(dict[str, _V]):
    """Patterns by name, each compiled when it is first asked for (a process compiles only what
    it uses: a batch asks for about half of what the cue files hold, and compiling is serial at
    start-up, before the workers fork). A plain dict once filled: ``[]`` is a dict lookup; asking
    for every entry (iterating, ``len``, ``items``) compiles them all first."""

    def __init__(self, names: Iterable[str], make: Callable[[str], _V]) -> None:
        super().__init__()
        self._names = tuple(names)
        self._known = frozenset(self._names)
        self._make = make

    def __missing__(self, name: str) -> _V:
        if name not in self._known:
            raise KeyError(name)
        value = self._make(name)
        self[name] = value
        return value

    def _all(self) -> None:
        for name in self._names:
            self[name]  # compiles what is missing

    def __contains__(self, name: object) -> bool:
        return name in self._known

    def names(self) -> tuple[str, ...]:
        """The names, in order, without compiling anything."""
        return self._names

    def __iter__(self) -> Iterator[str]:
        self._all()
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._known else default

    def keys(self) -> Any:
        self._all()
        return dict.fromkeys(self._names).keys()

    def values(self) -> Any:
        return [self[name] for name in self._names]

    def items(self) -> Any:
        return [(name, self[name]) for name in self._names]

    def __eq__(self, other: object) -> bool:
        return dict(self.items()) == other

    __hash__ = None


@dataclass(frozen=True)
class Lexicon:
    patterns: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]
    raw: dict[str, list[str]]
    # each section without its anchors and lookarounds: it matches wherever the section does
    # (and more), so one search of the whole answer tells which sections no sentence can have
    screens: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # each pattern as written (the compiled one may have a first-character lookahead before it)
    sources: dict[str, str] = field(default_factory=dict)
    # each section as a few patterns whose alternatives share selective first characters: the
    # section matches somewhere exactly when one of them does (see :func:`probes`)
    probes: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def occurs(self, name: str, text: str) -> bool:
        """Does cue section ``name`` match anywhere in ``text``? (``patterns[name].search``
        as a yes or no, found faster: see :func:`probes`)"""
        probes = self.probes[name]
        # most sections are one probe: one search, no generator (asked ~250 times an answer)
        if len(probes) == 1:
            return probes[0].search(text) is not None
        # a loop, not any() over a generator: no generator frame per call
        for probe in probes:  # noqa: SIM110
            if probe.search(text) is not None:
                return True
        return False

    def absent(self, text: str) -> frozenset[str]:
        """The cue sections that match nowhere in ``text`` (the answer's sentences joined by
        line breaks), hence in none of its sentences nor in any clause that is one piece of a
        sentence: a sentence need not search for them (one search per section and answer
        instead of one per section and sentence)."""
        # the names only: a screen section is searched through its probes, so its whole pattern
        # is compiled only if something else asks for it
        names = self.screens.names() if isinstance(self.screens, Compiled) else self.screens
        return frozenset(name for name in names if not self.occurs(name, text))

    def __getattr__(self, name: str) -> re.Pattern[str]:
        # each section also a plain attribute, set the first time it is asked for (an instance
        # attribute is found at once; this is the fallback, run only after a failed lookup)
        try:
            pattern = self.patterns[name]
        except KeyError:
            raise AttributeError(name) from None
        object.__setattr__(self, name, pattern)
        return pattern


def _class_end(pattern: str, i: int) -> int:
    """The index just past the character class that opens at ``pattern[i]`` (``[``): a ``]``
    first (or after ``^``) is a member, a backslash escapes the next character."""
    n = len(pattern)
    j = i + 1
    if j < n and pattern[j] == "^":
        j += 1
    if j < n and pattern[j] == "]":
        j += 1
    while j < n and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _pieces(pattern: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """The pattern from ``start`` as (start, end) pieces: an escape (``\\d``), a character
    class (``[^、。]``) or one other character, so that a ``(``, ``)`` or ``|`` piece is
    syntax, never a member of a class nor an escaped character."""
    i = start
    n = len(pattern)
    while i < n:
        c = pattern[i]
        end = i + 2 if c == "\\" else _class_end(pattern, i) if c == "[" else i + 1
        yield i, end
        i = end


def _group_end(pattern: str, i: int) -> int:
    """The index just past the group that opens at ``pattern[i]`` (``(``)."""
    depth = 0
    for a, b in _pieces(pattern, i):
        if b - a == 1 and pattern[a] == "(":
            depth += 1
        elif b - a == 1 and pattern[a] == ")":
            depth -= 1
            if depth == 0:
                return b
    return len(pattern)


_DROPPED = ("^", "$", "(?=", "(?!", "(?<=", "(?<!")  # what _relaxed can take out


def _relaxed(pattern: str) -> str:
    """The pattern without anchors and lookarounds: it matches wherever the pattern matches
    (and more), in any text that contains the matched part."""
    if not any(mark in pattern for mark in _DROPPED):
        return pattern  # nothing to drop (most sections: start-up is serial before the fork)
    out = []
    skip_to = 0
    for a, b in _pieces(pattern):
        if a < skip_to:
            continue
        if b - a == 1 and pattern[a] in "^$":
            continue
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), a):
            skip_to = _group_end(pattern, a)
            # a quantifier after a lookaround would now apply to what precedes it
            if skip_to < len(pattern) and pattern[skip_to] in "?*+":
                skip_to += 1
            continue
        out.append(pattern[a:b])
    return "".join(out)


# the standard library's own regular-expression parser (no stubs: typed as Any)
_parser: Any = import_module("re._parser")
_sre: Any = import_module("re._constants")


class _Unknown(Exception):
    """A construct whose first characters :func:`_first_chars` does not work out."""


# the character classes a first character may be drawn from, as written in a pattern
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _first_chars(items: Any, out: set[str]) -> bool:
    """Add to ``out`` the character-class items (``a``, ``a-z``, ``\\d``) that every non-empty
    match of the parsed sequence ``items`` starts with; True when the sequence can also match
    the empty string. Raises _Unknown on anything else (., [^…], back-references, flags)."""
    for op, av in items:
        if op in _ZERO_WIDTH:  # anchors and lookarounds consume nothing
            continue
        if op is _sre.LITERAL:
            out.add(re.escape(chr(av)))
            return False
        if op is _sre.IN:
            for kind, value in av:
                if kind is _sre.LITERAL:
                    out.add(re.escape(chr(value)))
                elif kind is _sre.RANGE:
                    out.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                elif kind is _sre.CATEGORY and value in _CATEGORIES:
                    out.add(_CATEGORIES[value])
                else:
                    raise _Unknown(kind)
            return False
        if op is _sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unknown(op)
            nullable = _first_chars(av[3], out)
        elif op is _sre.ATOMIC_GROUP:
            nullable = _first_chars(av, out)
        elif op is _sre.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable = _first_chars(alternative, out) or nullable
        elif op in _REPEATS:
            nullable = _first_chars(av[2], out) or av[0] == 0
        else:
            raise _Unknown(op)
        if not nullable:
            return False
    return True


def compile_cue(source: str) -> re.Pattern[str]:
    """:func:`_compile_cue`, once per source (a one-probe section's probe is its pattern)."""
    pattern = _CUE_CACHE.get(source)
    if pattern is None:
        pattern = _CUE_CACHE[source] = _compile_cue(source)
    return pattern


_CUE_CACHE: dict[str, re.Pattern[str]] = {}


def _compile_cue(source: str) -> re.Pattern[str]:
    """``source`` compiled as :func:`_cue_code` says, from the engine code a previous run kept
    (pattern_store) when there is some, else from the code compiled now (then kept)."""
    stored = STORE.get(source)
    if stored is not None:
        try:
            pattern: re.Pattern[str] = _engine.compile(*stored)
            return pattern
        except (RuntimeError, TypeError, ValueError, OverflowError):  # not code of this engine
            STORE.forget(source)
    code = _cue_code(source)
    STORE.record(source, code)
    compiled: re.Pattern[str] = _engine.compile(*code)
    return compiled


def _cue_code(source: str) -> Code:
    """The engine code of ``source`` behind a lookahead for the characters a match can start
    with when they are known: the same matches at the same places (every match starts with one
    of them), found faster, since the engine tests one character class at each position instead
    of trying every alternative there (a cue section is dozens of alternatives). Otherwise the
    code ``re.compile(source)`` builds (a pattern ``re`` refuses raises re.error here too)."""
    parsed = _parser.parse(source)
    try:
        first: set[str] = set()
        if parsed.state.flags & re.IGNORECASE or _first_chars(list(parsed), first):
            return _plain_code(source, parsed)  # it can match the empty string
        head = "(?=[" + "".join(sorted(first)) + "])"
        if source.startswith("(?") and source[2:3] in _FLAGS:
            text = head + "(?:" + source + ")"  # inline flags: not put behind
            return _plain_code(text, _parser.parse(text))
        return _wrapped(head, source, parsed)
    except (_Unknown, re.error):
        return _plain_code(source, _parser.parse(source))


def _plain_code(text: str, parsed: Any) -> Code:
    """What ``re.compile(text)`` hands the engine (re._compiler.compile, with no flags)."""
    state = parsed.state
    code = _compiler._code(parsed, 0)
    indexgroup: list[str | None] = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return (text, state.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup))


_FLAGS = frozenset("aiLmsux-")
# the standard library's pattern compiler and engine (no stubs: typed as Any)
_compiler: Any = import_module("re._compiler")
_engine: Any = import_module("_sre")


def _wrapped(head: str, source: str, parsed: Any) -> Code:
    """The code of ``re.compile(head + "(?:" + source + ")")`` in meaning, built from the parsed
    ``source`` without parsing it again (parsing is most of the cost of compiling a cue section,
    and this is start-up time). The first characters go into the pattern's info block as the
    charset a search skips to, instead of a lookahead run at every position: the engine then
    tests one character at a time in a tight loop and tries the pattern only where a match can
    start. That is what ``re`` itself does for a pattern that opens with a character class; a
    cue section opens with an alternation it cannot see through. A match and a full match ignore
    the charset, and every match starts with one of the characters, so the matches are those of
    the lookahead form (whose text is the pattern's ``pattern``)."""
    state = parsed.state
    flags = state.flags
    ((op, av),) = _parser.parse(head[3:-1]).data  # the class inside "(?=" and ")"
    charset = av if op is _sre.IN else [(op, av)]
    lo, hi = parsed.getwidth()
    code = [_sre.INFO, 0, _sre.SRE_INFO_CHARSET, min(lo, _compiler.MAXCODE)]
    code.append(min(hi, _compiler.MAXCODE))
    optimized, _ = _compiler._optimize_charset(charset)
    _compiler._compile_charset(optimized, flags, code)
    code[1] = len(code) - 1  # the skip past the info block
    _compiler._compile(code, parsed.data, flags)
    code.append(_sre.SUCCESS)
    groupindex = state.groupdict
    indexgroup: list[str | None] = [None] * state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        head + "(?:" + source + ")",
        flags,
        code,
        state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern (``a|(?:b|c)|d`` → ``a``, ``(?:b|c)``, ``d``)."""
    out: list[str] = []
    depth = 0
    start = 0
    for a, b in _pieces(source):
        c = source[a] if b - a == 1 else ""
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(source[start:a])
            start = b
    out.append(source[start:])
    return out


# a leading run of any length (「[^、。]*?と思い」): a search finds the rest wherever it finds
# the whole, so for a yes or no the run can go (the engine would try it at every position)
_LEADING_RUN = re.compile(r"^(?:\[(?:\\.|[^\]])+\]|\.)\*\??(?=.)")


def _starts(alternative: str) -> frozenset[str] | None:
    """The characters every match of ``alternative`` starts with, when they are a few known
    literals (not a range such as 一-龥 or a class such as \\d); else None."""
    c = alternative[:1]
    if (
        c
        and (c.isalnum() or not c.isascii())
        and alternative[1:2] not in ("?", "*", "{")
        and not _REFERENCE.search(alternative)
    ):
        # a plain character that must come first (most alternatives: 「結果として」), what
        # parsing would find; an alternative with a reference is parsed (it may not parse alone)
        return frozenset(c)
    try:
        first: set[str] = set()
        if _first_chars(list(_parser.parse(alternative)), first):
            return None
    except (_Unknown, re.error):
        return None
    chars = {c[1] if len(c) == 2 and c[0] == "\\" else c for c in first}
    return frozenset(chars) if all(len(c) == 1 for c in chars) else None


_REFERENCE = re.compile(r"\\\d|\(\?P=|\(\?\(")
_HIRAGANA = frozenset(chr(c) for c in range(0x3041, 0x3097))
_KANA_APART = 20  # alternatives that start with kana: fewer are tried together with the rest


_SPLIT_FROM = 12  # alternatives: a shorter section is searched as one pattern
_SPLIT_WIDE = 2  # at most this many alternatives that may start anywhere are searched apart


def probes(source: str) -> tuple[re.Pattern[str], ...]:
    """Patterns that together match somewhere in a text exactly when ``source`` does (an
    alternation matches at a position when one of its alternatives does, and a leading run of
    any length can go: the rest matches wherever the whole does). A long section with one or
    two alternatives that may start at any kanji (「[一-龥]{1,8}が…が原因」) makes the engine try
    every alternative at every kanji: those few are searched apart, the others together behind
    the lookahead of their first characters."""
    parts = [_LEADING_RUN.sub("", p) for p in alternatives(source)]
    if len(parts) == 1:
        return (compile_cue(parts[0]),)
    at_start = [p for p in parts if p.startswith("^")]
    if at_start and not any(
        (p.startswith("(?") and p[2:3].isalpha()) or _REFERENCE.search(p) for p in parts
    ):
        # 「^…」 matches only at the start of the text (no inline flags: no multiline mode),
        # so those alternatives are one pattern that opens with ^, which a search tries at
        # the start alone; the others are probed as a section of their own
        rest = [p for p in parts if not p.startswith("^")]
        try:
            opening = re.compile("^(?:" + alternation([p[1:] for p in at_start]) + ")")
        except re.error:
            return (compile_cue(source),)
        return (opening, *(probes(alternation(rest)) if rest else ()))
    starts = [_starts(p) for p in parts]
    wide = [p for p, first in zip(parts, starts, strict=True) if first is None]
    if (
        len(parts) < _SPLIT_FROM
        or len(wide) > _SPLIT_WIDE
        or any(p.startswith("(?") and p[2:3].isalpha() for p in parts)
    ):
        return (compile_cue(source),)
    # kana start most positions of a text: the alternatives that start with kana are one
    # pattern, those that start with kanji, katakana or digits (few positions) another
    kana = [p for p, first in zip(parts, starts, strict=True) if first and first <= _HIRAGANA]
    other = [p for p, first in zip(parts, starts, strict=True) if first and not first <= _HIRAGANA]
    groups = [g for g in (other, kana) if g] if len(kana) >= _KANA_APART else [other + kana]
    if len(groups) + len(wide) < 2:
        return (compile_cue(source),)
    first_of = dict(zip(parts, starts, strict=True))
    chunks = [c for g in groups for c in _chunks(g, first_of)]
    return (*(compile_cue(alternation(c)) for c in chunks), *(compile_cue(p) for p in wide))


_CHUNK = 12  # alternatives per probe at most


def _chunks(group: list[str], first_of: dict[str, frozenset[str] | None]) -> list[list[str]]:
    """A long group of alternatives as probes of at most _CHUNK alternatives that share first
    characters (sorted by them): each probe's search skips to fewer positions and tries fewer
    alternatives there."""
    if len(group) <= _CHUNK:
        return [group]
    ordered = sorted(group, key=lambda p: "".join(sorted(first_of[p] or ())))
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def alternation(entries: list[str]) -> str:
    """The entries as one alternation. ``|`` binds loosest, so ``a|b`` + ``c`` joined is the
    alternation of a, b and c in that order, as with each entry in its own ``(?:…)``; without
    the groups the regular-expression compiler can see the literals the alternatives start
    with and skip the positions where none can start (cue searches run ~15% faster)."""
    return "|".join(entries)


def compile_lexicon(data: dict[str, Any]) -> Lexicon:
    sources: dict[str, str] = {}
    raw: dict[str, list[str]] = {}
    for section in PATTERN_SECTIONS + LOGIC_SECTIONS:
        entries = [str(e) for e in data.get(section) or []]
        if not entries:
            raise ValueError(f"cues.yaml: section '{section}' is empty or missing")
        raw[section] = entries
        sources[section] = alternation(entries)
    words = {s: frozenset(str(w) for w in data.get(s) or []) for s in WORD_SECTIONS}
    # the speaker's own device named (工夫した点は, あえて): one list, also part of the wider cues
    sources["ingenuity_marker"] = alternation(raw["own_device"] + raw["ingenuity_marker"])
    counters = sorted(words["counter"], key=len, reverse=True)
    # A magnitude: digits (with decimals or separators), optionally 数/約/over, then a counter.
    sources["quantity"] = (
        r"(?<![0-9.,])\d+(?:[.,]\d+)*\s*(?:" + "|".join(re.escape(c) for c in counters) + ")"
    )
    sources["bare_preface"] = (
        # atomic: a preface matched once is not re-split (that backtracking was exponential)
        # (so an entry must come before any shorter entry it starts with: cues.yaml says so)
        r"^(?:(?>" + alternation(raw["preface"]) + r")[、,。.!！\s]*)+$"
    )
    # compiled when first asked for (Compiled): the same patterns, fewer of them at start-up
    patterns = Compiled(sources, lambda name: compile_cue(sources[name]))
    # only sections that are plain alternations (relaxing them changes nothing): a screen that
    # drops an anchor or a bounded wildcard scans the whole answer at every position and costs
    # more than it saves
    screens = Compiled(
        [
            name
            for name in PATTERN_SECTIONS  # the sections asked of every sentence (the features)
            if _relaxed(sources[name]) == sources[name]
            and ".{" not in sources[name]
            and "[^" not in sources[name]
        ],
        patterns.__getitem__,
    )
    return Lexicon(
        patterns, words, raw, screens, sources, Compiled(sources, lambda n: probes(sources[n]))
    )


@cache
def lexicon() -> Lexicon:
    with CUES_FILE.open(encoding="utf-8") as fh:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(fh, Loader=loader)
    return compile_lexicon(data)
