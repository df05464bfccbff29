"""The score: how much of what the category asks for is present, minus red flags.

    score = 80 × coverage + 20 − Σ penalty(finding)        clamped to 0…100

coverage is the weighted share of the elements the category's structure expects that the answer
contains (weights below; 結論 weighs most because everything else hangs on it). A reverse-question
answer has no elements to cover (coverage 1) and is judged by its Q-rule penalties. The 20 points
are the delivery share; every rule has a fixed penalty (shown by `coach rules`), taken once per
answer however many sentences trigger it. Missing-element rules have penalty 0: the coverage term
already counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coach.analysis.model import Finding
from coach.domain import label_for

WEIGHTS: dict[str, float] = {
    "conclusion": 3.0,
    "reason": 2.0,
    "example": 2.0,
    "action": 2.0,
    "result": 2.0,
    "ingenuity": 1.5,
    "quantified": 1.5,
}


def coverage(expects: Iterable[str], labels: Mapping[str, bool]) -> float:
    wanted = [e for e in expects if e in WEIGHTS]
    if not wanted:
        return 1.0
    total = sum(WEIGHTS[e] for e in wanted)
    got = sum(WEIGHTS[e] for e in wanted if labels.get(label_for(e)))
    return got / total


def score(expects: Iterable[str], labels: Mapping[str, bool], findings: Iterable[Finding]) -> int:
    penalties = {f.code: f.penalty for f in findings}  # once per rule
    raw = 80 * coverage(expects, labels) + 20 - sum(penalties.values())
    return max(0, min(100, round(raw)))
