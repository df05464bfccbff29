"""The label model's final call on each label, and the structure map made to agree with it.

The rules (coach.analysis.elements) give roles per sentence and a first reading of the labels;
here the label model decides, and a role the model denies leaves the map while an element it
grants is shown on the sentence most likely to carry it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coach.analysis import label_model

if TYPE_CHECKING:
    from coach.analysis.elements import Elements, Sentence


# the elements a sentence can name without giving (substance.py)
NAMED_ELEMENTS = ("reason", "example", "action", "result", "ingenuity")


def only_given(labels: dict[str, bool], features: dict[str, float]) -> dict[str, bool]:
    """An element the rules found only named, never given, in a sentence that has words of
    its own (「理由は特にないんですけど、家から近いので」), is not granted by the model either:
    the words that name it would otherwise earn it. A wholly hollow sentence (「私は自ら率先して
    行動しました」「具体的には、様々な場面で努力を重ねてきました」) gives the model no words at
    all (training fits the elements without them), so it neither earns the element nor takes
    away one the rest of the answer gives. Training applies the same check."""
    out = dict(labels)
    for role in NAMED_ELEMENTS:
        if (
            out.get(role)
            and features.get("empty_open:" + role)
            and not features.get("rule:" + role)
        ):
            out[role] = False
    return out


def apply_model(elements: Elements, structure: str) -> None:
    """Let the label model decide each label, then make the structure map agree with it."""
    from coach.analysis.features import extract

    features = extract(elements, elements.rule_labels, structure)
    probabilities = label_model.predict(features)
    labels = dict(elements.rule_labels)
    for label, p in probabilities.items():
        labels[label] = label_model.decide(label, elements.rule_labels[label], p)
    labels["no_question"] = labels["no_question"] and structure == "reverse"
    labels = only_given(label_model.constrain(labels, features), features)
    elements.labels = labels
    elements.probabilities = probabilities
    # The structure map never shows an element the checklist denies, and an element the
    # checklist grants is shown on the sentence that most likely carries it. The map is the
    # elements' `shown` roles: the roles the rules read from each sentence stay as they were.
    shown = {s.index: list(s.roles) for s in elements.sentences}
    for role in ("reason", "example", "action", "result", "ingenuity"):
        carriers = [s for s in elements.sentences if role in shown[s.index]]
        if not labels.get(role):
            if carriers:
                elements.doubted[role] = [s.index for s in carriers]
            for s in carriers:
                shown[s.index].remove(role)
        elif not carriers:
            chosen = _carrier(elements, role, shown)
            if chosen is not None:
                shown[chosen.index].append(role)
                shown[chosen.index].sort(key=_ROLE_ORDER.index)
    first = elements.first
    if first is not None:
        lead = shown[first]
        if labels["conclusion_first"] and "conclusion" not in lead:
            lead.insert(0, "conclusion")
        elif not labels["conclusion_first"] and "conclusion" in lead:
            lead.remove("conclusion")
    elements.shown = {index: tuple(roles) for index, roles in shown.items()}


_ROLE_ORDER = ("conclusion", "reason", "example", "action", "result", "ingenuity")
# What makes a sentence the likely carrier of an element the label model found in the answer
# when no sentence had the role by the rules.
_EVIDENCE: dict[str, Callable[[Sentence], bool]] = {
    "action": lambda s: bool(s.actions or s.habits or s.team_actions),
    "result": lambda s: s.outcome or bool(s.quantities and s.past),
    "ingenuity": lambda s: s.cue("ingenuity_marker") or s.cue("purpose_clause"),
    "reason": lambda s: s.cue("reason_marker") or s.cue("reason_ending") or s.cue("cause_clause"),
    "example": lambda s: s.cue("situating") or s.cue("example_marker"),
}


def _carrier(elements: Elements, role: str, shown: dict[int, list[str]]) -> Sentence | None:
    """The sentence that most likely carries an element the model found in the answer: one with
    a cue for it (outcomes close a story, the others are where they first appear), else the
    sentence whose own cues and words weigh most towards the element in the model."""
    from coach.analysis.features import sentence_features

    body = [s for s in elements.sentences if not s.preface]
    evidence = [s for s in body if _EVIDENCE[role](s)]
    if evidence:
        return evidence[-1] if role == "result" else evidence[0]
    # an outcome is a poor place for a device or a step: other sentences first
    outcome = [s for s in body if role in ("ingenuity", "action") and "result" in shown[s.index]]
    for group in ([s for s in body if s not in outcome], outcome):
        weighed = [(label_model.weight_of(role, sentence_features(s)), s) for s in group]
        best = max(weighed, key=lambda ws: ws[0], default=None)
        if best is not None and best[0] > 0:
            return best[1]
    return None
