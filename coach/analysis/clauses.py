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
_PAUSE = re.compile(r"[^\s、。][ \u3000]+[^\s、。]")
_MIN_CLAUSE = 6
_RESTART = 12  # how far back a restart may reach (「取るようにしてて あ 取るようにして…」)
# A clause that opens with a spoken connective starts a new sentence as a listener hears it.
CONNECTIVE = re.compile(
    r"^(?:で|それで|なので|だから|そしたら|そこで|そのあと|その後|結局|ですので)[、 \u3000]?"
)


def clause_norms(norm: str, lex: Lexicon) -> list[str]:
    """The clauses of one typed sentence, as a listener hears them, with fillers set aside
    (they stay in the typed text for display and the delivery checks) and restarts dropped
    (「取るようにしてて あ 取るようにしていまして」 keeps only the second try). A sentence that
    does not run on is one clause."""
    if len(norm) < _RUN_ON and not (len(norm) >= 30 and _PAUSE.search(norm)):
        return [norm]
    parts: list[str] = []
    start = 0
    for m in lex.clause_break.finditer(norm):
        if m.end() - start >= _MIN_CLAUSE:
            parts.append(norm[start : m.end()])
            start = m.end()
    parts.append(norm[start:])
    clauses: list[str] = []
    for part in parts:
        part = lex.disfluency.sub("", part).strip()
        if not part:
            continue
        if clauses and len(clauses[-1]) < _MIN_CLAUSE:
            clauses[-1] += part  # a fragment joins the clause it starts
        else:
            clauses.append(part)
    kept: list[str] = []
    for clause in clauses:
        if kept and len(clause) >= 4:
            # a restart repeats the end of the clause before it: keep the second try only
            k = kept[-1].rfind(clause[:4])
            if k >= 0 and k >= len(kept[-1]) - _RESTART and len(clause) >= len(kept[-1]) - k:
                kept[-1] = kept[-1][:k] + clause
                continue
        kept.append(clause)
    return kept or [norm]
