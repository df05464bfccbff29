"""What a question asks: its parts, the asks each part names, its own content words.

Read from the question's text (issue 14, item 3) when a bank question does not declare its asks;
the vocabulary is coach.domain.ASKS. :func:`demanded` makes the elements an answer is judged on
fit what the question asks.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, cast

import yaml

from coach.analysis.score import demanded as demanded  # defined there (light to import)
from coach.analysis.text import matching_form, tokens

# The cue words and patterns of this module and of relevance.py (issue 14): data, not code.
DATA_FILE = Path(__file__).with_name("relevance.yaml")


def _load() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with DATA_FILE.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=loader)
    return data


DATA = _load()


def _source(value: str | list[str]) -> str:
    """A pattern's text: a list is its items joined by |, and "$name" is the named pattern."""
    if isinstance(value, str):
        return value
    return "|".join(_source(DATA["patterns"][x[1:]]) if x.startswith("$") else x for x in value)


class _OnFirstUse:
    """A pattern compiled when it is first used. relevance.py and relevance_answer.py name about
    180 patterns at import, and a batch whose answers carry no question uses none of them:
    compiling them all was some 60 ms of serial start-up before the workers fork. The first
    attribute asked for compiles the pattern and puts its methods on the instance, so later
    calls are plain attribute lookups of the compiled pattern's own methods."""

    _BOUND = ("search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split")

    def __init__(self, source: str) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self.__dict__["_source"])
        for method in self._BOUND:
            setattr(self, method, getattr(compiled, method))
        self.pattern = compiled.pattern
        return getattr(compiled, name)


def compile_cue(value: str | list[str]) -> re.Pattern[str]:
    """The pattern of a cue value, compiled on first use (it behaves as the compiled pattern)."""
    return cast("re.Pattern[str]", _OnFirstUse(_source(value)))


def cue(name: str) -> re.Pattern[str]:
    """The named pattern of relevance.yaml."""
    return compile_cue(DATA["patterns"][name])


def _parts_cue(name: str) -> re.Pattern[str]:
    return compile_cue(DATA["question_parts"][name])


# What a question asks, read from its text (issue 14, item 3), in the order they are tried.
_ASK_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, compile_cue(p)) for name, p in DATA["ask_cues"].items()
)

_QUESTION_SENTENCE = _parts_cue("question_sentence")
# A part of a question ends at a sentence end or at a て-form joint before a second request
# (「成果を一つ挙げて、その成果を出すまでに何をしたのか教えてください」).
_JOINT = _parts_cue("joint")
_REQUEST = _parts_cue("request")
# 「何を諦めて、何に集中しましたか」: a piece with a question word of its own asks on its own
_WH = _parts_cue("wh")


def question_parts(question: str) -> list[str]:
    """The parts of a question: its sentences, and the two halves of a 「〜て、〜ください」."""
    norm = matching_form(question).strip()
    out: list[str] = []
    for m in _QUESTION_SENTENCE.finditer(norm):
        sent = m.group(0).strip()
        if not sent:
            continue
        pieces = _JOINT.split(sent)
        if len(pieces) > 2:  # 「〜について、〜したのか、またその中で〜」: cut at the last joint
            pieces = ["、".join(pieces[:-1]), pieces[-1]]
        if len(pieces) == 2 and _REQUEST.search(pieces[1]) and len(pieces[0]) >= 6:
            out.extend(pieces)
        else:
            out.append(sent)
    # a lead-in without a request (「当社は前職と規模が違います。」) belongs to what follows
    merged: list[str] = []
    carry = ""
    for piece in out:
        if not _REQUEST.search(piece) and not piece.endswith(("?", "？")) and not _WH.search(piece):
            carry += piece
            continue
        merged.append(carry + piece)
        carry = ""
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    return merged


_NOT_FAILURE = compile_cue(DATA["ask_not_failure"])


def _asks_of(text: str) -> list[str]:
    found = [name for name, pattern in _ASK_CUES if pattern.search(text)]
    if "failure_event" in found and _NOT_FAILURE.search(text):
        found.remove("failure_event")  # 「うまくいかない企業は、どこに原因が」: not one's own
    if "hypothetical_steps" in found:
        # 「〜なら、どうしますか」 asks for steps, not for a past failure or a process told
        found = [a for a in found if a not in ("process", "episode")]
    if "question" in found:
        found = ["question"]
    return found


@functools.lru_cache(maxsize=2048)
def infer_asks(question: str | None) -> tuple[str, ...]:
    """What a free-text question asks, in the order its parts ask it (both parts of a
    question of two sentences)."""
    if not question or not question.strip():
        return ()
    asks: list[str] = []
    for part in question_parts(question):
        for a in _asks_of(part):
            if a not in asks:
                asks.append(a)
    return tuple(asks)


# --- content words ---------------------------------------------------------------------------

# Words every interview question uses: taking them up says nothing about answering.
_GENERIC = GENERIC = frozenset(DATA["generic_words"].split())
_KANJI = cue("kanji")
_SHORT_KANA = cue("short_kana")  # a word of one or two kana is a particle or a stem


def content_terms(text: str) -> list[str]:
    """Content words (nouns, verbs, adjectives by dictionary form), generic interview words left
    out, in order of first appearance."""
    out: list[str] = []
    for t in tokens(matching_form(text)):
        if t.pos not in ("名詞", "動詞", "形容詞") or t.pos1 in ("数詞", "非自立可能", "代名詞"):
            continue
        word = t.lemma
        if len(word) < 2 and not _KANJI.match(word):
            continue
        if word in _GENERIC or _SHORT_KANA.fullmatch(word):
            continue
        if word not in out:
            out.append(word)
    return out
