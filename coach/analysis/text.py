"""Text preparation: sentence splitting, normalisation and lazy SudachiPy morphology.

Sentences are cut from the original text so that feedback can quote exactly what the user
typed; each sentence is then NFKC-normalised for matching (full-width digits and ％ become
ASCII, half-width katakana becomes full-width).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

# Sentence ends: 。！？!? and their full-width forms; a closing quote or bracket that follows
# stays with the sentence. Line breaks always end a sentence (list items, typed paragraphs).
_CLOSERS = "」』）)】〕］]〉》\"'”’"
_OPENERS = "「『（(【〔［[〈《“‘"
_ENDS = "。．！？!?"
_SPECIAL = re.compile("[" + re.escape(_CLOSERS + _OPENERS + _ENDS) + "\n\r]")
_RUN = re.compile("[" + re.escape(_ENDS + _CLOSERS) + "]*")
_BULLET = re.compile(
    r"^\s*(?:[・\-*＊•●○◦▪■□◆◇→➡]|[0-9０-９]{1,2}[.)．）]|[①-⑳]|[(（][0-9０-９]{1,2}[)）])\s*"
)
# Nobody says a thousand characters without a pause; longer runs (pasted text without
# punctuation) are cut so that no sentence makes matching or tokenising quadratic.
MAX_SENTENCE = 1_000
# SudachiPy refuses input over 49,149 bytes; 12,000 characters stay under it even at
# four bytes a character.
_CHUNK = 12_000
_SEEN_MAX = 256  # the sentences of the last few answers, kept for their next reader
_SEEN_CHARS = 600
# An answer is analysed up to this many characters (over half an hour spoken); the rest is
# counted for its length but not read, so a pasted document or a run of digits is analysed in
# bounded time. Rule D407 tells the user. Documented in the README (coach check).
MAX_ANSWER = 10_000
_BREAKS = "。．！？!?\n"
# The matching form of a sentence is bounded too: NFKC can make one character eighteen (﷽),
# and the cue patterns that start at any digit rescan a long digit run from each of its
# digits (a 1,000-digit sentence took 0.9 s). No spoken number has more than 24 digits.
_MAX_NORM = 2 * MAX_SENTENCE
_LONG_NUMBER = re.compile(r"(\d[\d.,]{23})[\d.,]+")
_LONG_KANJI_NUMBER = re.compile(
    r"([〇一二三四五六七八九十百千万億兆]{24})[〇一二三四五六七八九十百千万億兆]+"
)


@dataclass(frozen=True)
class Span:
    text: str  # as typed (bullet markers removed, surrounding spaces stripped)
    start: int  # offset in the original answer


def emit_sentence(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Add ``text[start:end]`` to ``spans`` as a sentence: stripped, a leading bullet (・, -)
    left out, and cut into pieces of MAX_SENTENCE characters."""
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    offset = start + (len(raw) - len(raw.lstrip()))
    bullet = _BULLET.match(stripped)
    if bullet and bullet.end() < len(stripped):
        offset += bullet.end()
        stripped = stripped[bullet.end() :]
    for k in range(0, len(stripped), MAX_SENTENCE):
        spans.append(Span(stripped[k : k + MAX_SENTENCE], offset + k))


def split_sentences(text: str) -> list[Span]:
    """Cut an answer into sentences. Quotes 「…」 are never split."""
    spans: list[Span] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)

    def emit(end: int) -> None:
        emit_sentence(text, start, end, spans)

    # only sentence ends, brackets and line breaks do anything: the scan jumps from one to the
    # next (a search in C) instead of looking at every character in Python
    special = _SPECIAL.search
    run_after = _RUN.match
    while (found := special(text, i)) is not None:
        i = found.start()
        ch = text[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth > 0:
            depth -= 1
        if ch == "\n" or ch == "\r":
            emit(i)
            depth = 0
            start = i + 1
        elif ch in _ENDS and depth == 0:
            run = run_after(text, i + 1)  # the ends and closers that follow stay with it
            j = run.end() if run is not None else i + 1  # (the run may be empty: always found)
            emit(j)
            start = j
            i = j
            continue
        i += 1
    emit(n)
    return spans


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1024)
def matching_form(text: str) -> str:
    """What cue patterns read: NFKC, at most two sentences long, long numbers cut short.
    Memoised (a pure function of the text): the element stage and the follow-up planner both
    ask it of every sentence, and a batch never holds more than a few answers' sentences."""
    norm = normalize(text[:_MAX_NORM])[:_MAX_NORM]
    norm = _LONG_NUMBER.sub(r"\1", norm)
    return _LONG_KANJI_NUMBER.sub(r"\1", norm)


def analysed_part(text: str) -> str:
    """The first MAX_ANSWER characters of an answer (after any leading white space), ending at
    a sentence end or line break when there is one in the last sentence's length (so no
    sentence is cut in two)."""
    if len(text) <= MAX_ANSWER:
        return text
    head = text.lstrip()[:MAX_ANSWER]
    cut = max(head.rfind(ch) for ch in _BREAKS)
    if cut >= MAX_ANSWER - MAX_SENTENCE:
        head = head[: cut + 1]
    return head


class Token(NamedTuple):
    surface: str
    pos: str  # 動詞, 名詞, 助動詞, …
    pos1: str  # 普通名詞, 数詞, 非自立可能, …
    pos2: str
    conj: str  # conjugation type, e.g. 五段-サ行
    form: str  # conjugation form, e.g. 連用形-一般
    lemma: str  # dictionary form
    norm: str  # normalized form (表記ゆれ folded: 売上 → 売り上げ)


class _Morphology:
    """One SudachiPy tokenizer per process, created on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._in_use = threading.Lock()
        self._tokenizer: Any = None
        self._pos: dict[int, tuple[str, ...]] = {}
        self._dictionary: Any = None
        # The same sentence is read by the element stage, the relevance check, the round-one
        # overlap and the follow-up planner (several times per plan): tokenize it once.
        self._seen: dict[str, tuple[Token, ...]] = {}

    def _load(self) -> Any:
        with self._lock:
            if self._tokenizer is None:
                from sudachipy import Dictionary, SplitMode

                self._dictionary = Dictionary(dict="core")
                # `tokenizer` replaced `create` in SudachiPy 0.7; 0.6 has only `create`.
                make = getattr(self._dictionary, "tokenizer", None) or self._dictionary.create
                self._tokenizer = make(mode=SplitMode.B)
        return self._tokenizer

    def tokens(self, text: str) -> list[Token]:
        seen = self._seen.get(text)
        if seen is not None:
            return list(seen)
        tokenizer = self._tokenizer or self._load()
        out: list[Token] = []
        pos_cache = self._pos
        # A SudachiPy tokenizer must not be used by two threads at once (a practice session
        # warms it up in the background while the first answer is typed).
        with self._in_use:
            for i in range(0, len(text), _CHUNK):
                out.extend(self._chunk(tokenizer, text[i : i + _CHUNK], pos_cache))
            if len(text) <= _SEEN_CHARS:  # sentences, not whole documents
                if len(self._seen) >= _SEEN_MAX:  # oldest out: a batch of any size stays small
                    del self._seen[next(iter(self._seen))]
                self._seen[text] = tuple(out)
        return out

    @staticmethod
    def _chunk(tokenizer: Any, text: str, pos_cache: dict[int, tuple[str, ...]]) -> list[Token]:
        out: list[Token] = []
        append = out.append
        words = _WORDS
        known = words.get
        make = tuple.__new__  # Token(...) goes through a Python-level __new__; this does not
        for m in tokenizer.tokenize(text):
            # A dictionary word's id fixes its part of speech and forms; an unknown word's id
            # is its part of speech, its forms are its surface: the same id and surface are the
            # same Token (two method calls and no new tuple for a word seen before)
            key = (m.word_id(), m.surface())
            token = known(key)
            if token is None:
                pid = m.part_of_speech_id()
                pos = pos_cache.get(pid)
                if pos is None:
                    full = m.part_of_speech()
                    # the five fields a Token keeps, in its order: pos, pos1, pos2, conj, form
                    pos = pos_cache[pid] = (full[0], full[1], full[2], full[4], full[5])
                if len(words) >= _WORDS_MAX:
                    words.clear()
                token = words[key] = make(
                    Token, (key[1], *pos, m.dictionary_form(), m.normalized_form())
                )
            append(token)
        return out


# Tokens by (word id, surface): a batch of 4,000 answers has some 11,000 (Tokens are immutable,
# so the sentences share them); cleared when full, so a long session's memory stays bounded
_WORDS: dict[tuple[int, str], Token] = {}
_WORDS_MAX = 100_000
MORPHOLOGY = _Morphology()


def tokens(text: str) -> list[Token]:
    return MORPHOLOGY.tokens(text)
