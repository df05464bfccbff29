"""The rule registry.

A rule reads an analysed answer (:class:`Draft`) and returns :class:`Hit` values; it never
re-tokenises, prints or reaches into storage. Each rule has a stable code (one letter per
family and three digits), a kebab-case name, a level, a Japanese title, the fix, the rationale a
second interviewer would give, and an example pair. ``coach rules`` and ``coach rules explain``
print from this same registry; ``docs/rules.md`` is generated from it.

Families:
    S  結論→理由→具体例 (structure)          A  行動・結果・工夫
    R  red flags (他責・抽象的・迎合・完璧主義・防衛的)
    D  delivery (length, sentences, hedges, fillers)
    Q  reverse questions (逆質問)            N  second-interview specifics (一次面接・軸・企業)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coach.analysis.model import LEVEL_ORDER, Finding, Level
from coach.domain import FAMILY_JA

if TYPE_CHECKING:
    from coach.analysis.context import Context
    from coach.analysis.elements import Elements, Sentence
    from coach.analysis.relevance import Relevance

ALL_STRUCTURES = frozenset({"prep", "ari", "both", "reverse"})
ANSWER_STRUCTURES = frozenset({"prep", "ari", "both"})


@dataclass(frozen=True)
class Hit:
    """One place where a rule fires. ``found`` says what was found, in Japanese."""

    sentence: int | None
    found: str
    fix: str | None = None  # overrides the rule's fix when the situation needs a sharper one
    # a milder or sharper case of the same rule (D402 just over the target is advice only)
    level: Level | None = None
    penalty: int | None = None


@dataclass
class Draft:
    """What rules read: the analysed answer and its setting."""

    text: str
    category: str
    structure: str
    question: str | None
    elements: Elements
    chars: int
    seconds: int
    context: Context | None = None  # when a profile or company is known
    expects: tuple[str, ...] | None = None  # the elements this question asks for
    target_seconds: int | None = None  # the speaking time the question asks for
    asks: tuple[str, ...] = ()  # what the question asks (coach.banks.ASKS)
    relevance: Relevance | None = None  # does the answer answer it (None without a question)

    @property
    def labels(self) -> dict[str, bool]:
        return self.elements.labels

    @property
    def body(self) -> list[Sentence]:
        return [s for s in self.elements.sentences if not s.preface]

    def sentence(self, index: int) -> Sentence:
        return self.elements.sentences[index]


Check = Callable[[Draft], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    level: Level
    title: str
    summary: str  # what it checks
    rationale: str  # why a second interviewer cares
    fix: str  # how to fix it
    bad: str  # an answer (fragment) that triggers it
    good: str  # the same, fixed
    structures: frozenset[str]
    priority: int  # lower is more important when choosing the top findings
    penalty: int  # points taken off the score for each answer it fires on
    check: Check = field(compare=False, repr=False)
    needs: str = ""  # "profile" / "axis" / "company": only runs when that context is present
    element: str = ""  # the element whose absence it reports: off when the question does not ask it

    @property
    def family(self) -> str:
        return self.code[0]

    def finding(self, hit: Hit, draft: Draft) -> Finding:
        where = _where(draft, hit.sentence)
        fix = hit.fix or self.fix
        if not fix.endswith(("。", "！", "？")):
            fix += "。"
        return Finding(
            code=self.code,
            name=self.name,
            level=hit.level or self.level,
            title=self.title,
            message=f"{hit.found}（{where}）。{fix}",
            sentence=hit.sentence,
            family=self.family,
            penalty=self.penalty if hit.penalty is None else hit.penalty,
        )


def _where(draft: Draft, index: int | None) -> str:
    if index is None:
        return "回答全体"
    text = draft.sentence(index).text
    quote = text if len(text) <= 24 else text[:23] + "…"
    return f"{index + 1}文目「{quote}」"


# A cue often ends on a verb stem (何でもやり, 頑張り); the quote takes the ending along.
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_PARTICLE = re.compile(r"(?:と|が|の|よ|ね|か|し|から|ので|けど)")
_ENDING = re.compile(r"(?:ませんでした|ました|ます|ません|たいです|たい|ている|ていた|る|た)")


_QUOTED = re.compile(r"「[^」]*」|『[^』]*』")


@lru_cache(maxsize=1024)
def unquoted(norm: str) -> str:
    """The sentence without what it quotes (「…」『…』: someone else's words). Memoised: several
    rules read each sentence so, and a batch never holds more than a few answers' sentences."""
    return _QUOTED.sub("", norm)


def quoted(norm: str, m: re.Match[str]) -> str:
    """The matched cue as the user wrote it, up to the end of its verb: 「何でもやります」."""
    tail = _ENDING.match(norm, m.end())
    # only a whole ending: できるだけ|たくさん is not できるだけた
    if (
        tail is not None
        and _HIRAGANA.match(norm, tail.end())
        and not _PARTICLE.match(norm, tail.end())
    ):
        tail = None
    return norm[m.start() : tail.end() if tail else m.end()]


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    level: Level,
    title: str,
    summary: str,
    rationale: str,
    fix: str,
    bad: str,
    good: str,
    structures: Iterable[str] = ANSWER_STRUCTURES,
    priority: int = 50,
    penalty: int = 0,
    needs: str = "",
    element: str = "",
) -> Callable[[Check], Check]:
    """Register a check function under a stable code."""

    def wrap(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        if any(r.name == name for r in REGISTRY.values()):
            raise ValueError(f"rule name {name} registered twice")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            level=level,
            title=title,
            summary=summary,
            rationale=rationale,
            fix=fix,
            bad=bad,
            good=good,
            structures=frozenset(structures),
            priority=priority,
            penalty=penalty,
            check=check,
            needs=needs,
            element=element,
        )
        return check

    return wrap


def load_all() -> dict[str, Rule]:
    """Import every family module (registration happens on import) and return the registry."""
    from coach.analysis.rules import (  # noqa: F401
        ari,
        conduct,
        cues,
        delivery,
        keigo,
        redflags,
        relevance,
        reverse,
        second,
        structure,
    )

    if _SORTED[0] != len(REGISTRY):  # sorted once, again only if a rule was added since
        order = list(FAMILY_JA)  # the registry lists families in the order they are named
        ordered = dict(sorted(REGISTRY.items(), key=lambda kv: (order.index(kv[0][0]), kv[0])))
        _SORTED[:] = [len(REGISTRY), ordered]
    return dict(_SORTED[1])


# (the registry's size when sorted, the sorted registry)
_SORTED: list[Any] = [-1, {}]


def applicable(draft: Draft) -> list[Rule]:
    load_all()
    rules = _SORTED[1].values()
    out = []
    for r in rules:
        if draft.structure not in r.structures:
            continue
        if r.needs and not (draft.context is not None and draft.context.has(r.needs)):
            continue
        if r.element and draft.expects is not None and r.element not in draft.expects:
            continue
        out.append(r)
    return out


def run(draft: Draft) -> list[Finding]:
    """Every finding for the draft, most important first."""
    found: list[tuple[int, int, Finding]] = []
    for r in applicable(draft):
        for hit in r.check(draft):
            f = r.finding(hit, draft)
            found.append((LEVEL_ORDER[f.level], r.priority, f))
    found.sort(key=lambda item: (item[0], item[1]))
    return [f for _, _, f in found]
