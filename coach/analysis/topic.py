"""Which category an answer was written for: a small lexical topic model (naive Bayes).

Trained by hand with ``python -m coach.analysis.topic_training`` on answers whose category is
known (bank model answers, the development corpora of the tuning authors); the coach only reads
the weights (``topic_model.json``). Its features are the answer's content lemmas, so a verdict can
be explained by the words that weighed most (:func:`Topic.evidence`).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("topic_model.json")

# Parts of speech that carry the topic; numbers, pronouns and auxiliaries say nothing of it.
_CONTENT_POS = ("名詞", "動詞", "形容詞")
_SKIP_POS1 = ("数詞", "代名詞", "固有名詞")


def features(
    sentences: Sequence[tuple[str, Sequence[tuple[str, str, str]]]],
    markers: Mapping[str, re.Pattern[str]],
) -> set[str]:
    """What the model reads of an answer: its content lemmas (present or not: a word said twice
    is not twice the topic), the lemmas of its first sentence again (where an answer says what
    it is about), and the ask markers it shows (``@failure`` once, ``@@failure`` twice or more,
    ``@1failure`` in the first sentence). ``sentences`` are (text, (pos, pos1, lemma) tokens)."""
    out: set[str] = set()
    for i, (_, toks) in enumerate(sentences):
        for pos, pos1, lemma in toks:
            if pos not in _CONTENT_POS or pos1 in _SKIP_POS1:
                continue
            if len(lemma) < 2 and not ("一" <= lemma[:1] <= "龥"):
                continue
            out.add(lemma)
            if i == 0:
                out.add("1:" + lemma)
    text = "".join(t for t, _ in sentences)
    first = sentences[0][0] if sentences else ""
    for name, pattern in markers.items():
        n = len(pattern.findall(text))
        if n:
            out.add("@" + name)
        if n >= 2:
            out.add("@@" + name)
        if pattern.search(first):
            out.add("@1" + name)
    return out


@dataclass(frozen=True)
class Topic:
    """The model read once: categories, a bias per category and, per word, what its presence
    adds to each category's log score."""

    categories: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    temperature: float

    def scores(self, words: set[str]) -> list[float]:
        out = list(self.bias)
        # in a fixed order: a set's order follows the string hash, which changes from process to
        # process, and the floating-point sum with it (the verdict must not hang on the last bit)
        for w in sorted(words):
            vec = self.weights.get(w)
            if vec is not None:
                for i, v in enumerate(vec):
                    out[i] += v
        return out

    def posterior(self, words: set[str]) -> dict[str, float]:
        """P(category | answer), flattened by the temperature (naive Bayes is overconfident:
        the words of one answer are far from independent)."""
        s = [x / self.temperature for x in self.scores(words)]
        top = max(s)
        e = [math.exp(x - top) for x in s]
        total = sum(e)
        return {c: v / total for c, v in zip(self.categories, e, strict=True)}

    def evidence(
        self, words: set[str], category: str, against: str, n: int = 3, least: float = 0.1
    ) -> list[str]:
        """The answer's words that most favour ``category`` over ``against`` (for the finding)."""
        if category not in self.categories or against not in self.categories:
            return []
        i, j = self.categories.index(category), self.categories.index(against)
        ranked = sorted(
            ((self.weights[w][i] - self.weights[w][j], w) for w in words if w in self.weights),
            reverse=True,
        )
        return [w for d, w in ranked[:n] if d > least]


@functools.cache
def load(path: Path = MODEL_FILE) -> Topic | None:
    """The shipped model, or None when the file is absent (the lexical checks still run)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Topic(
        categories=tuple(data["categories"]),
        bias=tuple(data["bias"]),
        weights={w: tuple(v) for w, v in data["weights"].items()},
        temperature=float(data["temperature"]),
    )
