"""The label model: logistic regression over rule and lexical features, one per label.

Weights live in ``label_model.json`` beside this file, produced by ``python -m
coach.analysis.training`` from the development corpora (never the held-out ones). Inference is a
sparse dot product in plain Python: no numerical library is needed at run time.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("label_model.json")
# Set to 1 to see what the rules alone decide (benchmarks compare both).
RULES_ONLY_ENV = "COACH_RULES_ONLY"
# The rules' reading wins ties: to overturn "absent" the model needs p >= RAISE, to overturn
# "present" it needs p < LOWER. Chosen by leave-one-corpus-out F1 over a small grid, where
# 0.55–0.7 scored within 0.002 of each other; the higher value keeps the rules in charge.
RAISE, LOWER = 0.65, 0.4


def decide(rule: bool, probability: float) -> bool:
    return probability >= LOWER if rule else probability >= RAISE


@dataclass(frozen=True)
class LinearModel:
    bias: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias
        weights = self.weights
        for name, value in features.items():
            w = weights.get(name)
            if w is not None:
                z += w * value
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@cache
def load(path: Path = MODEL_FILE) -> dict[str, LinearModel] | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        label: LinearModel(float(m["bias"]), {k: float(v) for k, v in m["weights"].items()})
        for label, m in data["labels"].items()
    }


def enabled() -> bool:
    return os.environ.get(RULES_ONLY_ENV) != "1" and load() is not None


def constrain(labels: dict[str, bool], features: dict[str, float]) -> dict[str, bool]:
    """Definitions the model may not overrule (checked from the rule cues in the features):
    a result needs some stated outcome, blame the speaker owns is not blame, and a device needs
    at least one cue that something was chosen for a reason."""
    out = dict(labels)
    if out.get("result") and not features.get("cue:result_marker"):
        out["result"] = False
    if out.get("blame") and features.get("cue:ownership"):
        out["blame"] = False
    if out.get("ingenuity") and not any(
        features.get("cue:" + cue)
        for cue in ("ingenuity_marker", "purpose_clause", "reason_ending", "cause_clause")
    ):
        out["ingenuity"] = False
    return out


def predict(features: dict[str, float]) -> dict[str, float]:
    """Probability that each label is true."""
    models = load()
    if models is None:
        return {}
    return {label: model.probability(features) for label, model in models.items()}
