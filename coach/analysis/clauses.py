"""Clauses: where a listener hears a run-on sentence end (speech transcripts, text without 。).

Roles are read from clauses; the sentence table still shows what the user typed. The break
points and the fillers set aside are cue data (``clause_break`` and ``disfluency`` in
``cues.yaml``).
"""

from __future__ import annotations

import re

from coach.analysis.lexicon import Lexicon

# A sentence this long, or one with pauses typed as spaces, is read clause by clause.
_RUN_ON = 70
# (a space between two Latin words or figures is not a pause: Windows Server 2012)
_PAUSE = re.compile(r"[^\s、。A-Za-z0-9][ \u3000]+[^\s、。]|[^\s、。][ \u3000]+[^\s、。A-Za-z0-9]")
_MIN_CLAUSE = 6
# a short clause that ends as a sentence does (「ありました」) is one, not a fragment to join
_FINAL = re.compile(r"(?:ます|ました|です|でした)$")
_RESTART = 12  # how far back a restart may reach (「取るようにしてて あ 取るようにして…」)
# A clause that opens with a spoken connective starts a new sentence as a listener hears it.
CONNECTIVE = re.compile(
    r"^(?:で|それで|なので|だから|そしたら|そこで|そのあと|その後|結局|ですので)[、 \u3000]?"
)


Segments = list[tuple[int, int]]  # character ranges of the typed sentence's matching form


def clause_norms(norm: str, lex: Lexicon) -> list[str]:
    """The text of each clause (see :func:`clause_segments`)."""
    return ["".join(norm[a:b] for a, b in segs) for segs in clause_segments(norm, lex)]


def clause_segments(norm: str, lex: Lexicon) -> list[Segments]:
    """The clauses of one typed sentence, as a listener hears them, with fillers set aside
    (they stay in the typed text for display and the delivery checks) and restarts dropped
    (「取るようにしてて あ 取るようにしていまして」 keeps only the second try). Each clause is
    given as ranges of ``norm``, so that its morphemes are taken from the sentence's (no second
    tokenisation). A sentence that does not run on is one clause."""
    whole = [[(0, len(norm))]]
    if len(norm) < _RUN_ON and not (len(norm) >= 30 and _PAUSE.search(norm)):
        return whole
    parts: list[tuple[int, int]] = []
    start = 0
    for m in lex.clause_break.finditer(norm):
        if m.end() - start >= _MIN_CLAUSE:
            parts.append((start, m.end()))
            start = m.end()
    parts.append((start, len(norm)))
    clauses: list[Segments] = []
    for a, b in parts:
        segs = _strip(norm, _without_fillers(norm, a, b, lex))
        if not segs:
            continue
        if (
            clauses
            and _length(clauses[-1]) < _MIN_CLAUSE
            and not _FINAL.search(_text(norm, clauses[-1]))
        ):
            clauses[-1] = clauses[-1] + segs  # a fragment joins the clause it starts
        else:
            clauses.append(segs)
    kept: list[Segments] = []
    texts: list[str] = []
    for segs in clauses:
        text = "".join(norm[a:b] for a, b in segs)
        if kept and len(text) >= 4:
            # a restart repeats the end of the clause before it: keep the second try only
            before = texts[-1]
            k = before.rfind(text[:4])
            if k >= 0 and k >= len(before) - _RESTART and len(text) >= len(before) - k:
                kept[-1] = _head(kept[-1], k) + segs
                texts[-1] = before[:k] + text
                continue
        kept.append(segs)
        texts.append(text)
    return kept or whole


def _without_fillers(norm: str, a: int, b: int, lex: Lexicon) -> Segments:
    segs: Segments = []
    pos = a
    for m in lex.disfluency.finditer(norm, a, b):
        if m.start() > pos:
            segs.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < b:
        segs.append((pos, b))
    return segs


def _strip(norm: str, segs: Segments) -> Segments:
    """The segments without white space at either end."""
    out = [(a, b) for a, b in segs if norm[a:b].strip()]
    if not out:
        return []
    a, b = out[0]
    out[0] = (a + len(norm[a:b]) - len(norm[a:b].lstrip()), b)
    a, b = out[-1]
    out[-1] = (a, b - (len(norm[a:b]) - len(norm[a:b].rstrip())))
    return out


def _text(norm: str, segs: Segments) -> str:
    return "".join(norm[a:b] for a, b in segs)


def _length(segs: Segments) -> int:
    return sum(b - a for a, b in segs)


def _head(segs: Segments, k: int) -> Segments:
    """The segments covering the first k characters of their text."""
    out: Segments = []
    for a, b in segs:
        if k <= 0:
            break
        out.append((a, min(b, a + k)))
        k -= b - a
    return out
