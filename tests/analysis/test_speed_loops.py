"""Generators replaced by plain loops in hot paths (issue 13): each loop gives what the any()
it replaces gave, on the corpora's sentences."""

from __future__ import annotations

import json
from pathlib import Path

from coach.analysis.clauses import clause_segments
from coach.analysis.elements import _clause, _prepare
from coach.analysis.lexicon import lexicon
from coach.analysis.text import matching_form, normalize, split_sentences, tokens
from coach.followup import _adjectival

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _answers() -> list[str]:
    out = []
    for name in ("dev.jsonl", "holdout.jsonl", "styles/care.jsonl", "styles/it.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["answer"])
    return out


def test_occurs_loops_over_the_probes_as_any_did() -> None:
    lex = lexicon()
    texts = [matching_form(s.text) for a in _answers()[:150] for s in split_sentences(a)]
    split = [name for name in lex.sources if len(lex.probes[name]) > 1]
    assert len(split) >= 5
    for name in split:
        probes = lex.probes[name]
        for text in texts:
            plain = any(p.search(text) is not None for p in probes)
            assert lex.occurs(name, text) == plain, (name, text)


def test_clause_tokens_are_those_any_picked() -> None:
    lex = lexicon()
    checked = 0
    for answer in _answers():
        for i, span in enumerate(split_sentences(answer)):
            sent = _prepare(span, i, lex)
            for segs in clause_segments(sent.norm, lex):
                unit = _clause(sent, segs, lex, frozenset())
                norm = "".join(sent.norm[a:b] for a, b in segs)
                plain, pos = [], 0
                for t in sent.tokens:
                    end = pos + len(t.surface)
                    if any(a <= pos and end <= b for a, b in segs):
                        plain.append(t)
                    pos = end
                if pos != len(sent.norm):
                    plain = tokens(norm)
                assert unit.tokens == plain, (sent.norm, segs)
                checked += len(segs) > 1 or segs != [(0, len(sent.norm))]
    assert checked > 100  # sentences cut into clauses, and clauses with fillers cut out


def test_adjectival_is_any_over_the_run() -> None:
    runs = 0
    for answer in _answers()[:200]:
        for s in split_sentences(answer):
            toks = tokens(normalize(s.text))
            pos = [t.pos for t in toks]
            pos1 = [t.pos1 for t in toks]
            for start in range(len(toks)):
                for stop in range(start, min(len(toks), start + 6) + 1):
                    plain = any(
                        pos[k] == "接尾辞" and pos1[k] == "形状詞的" for k in range(start, stop)
                    )
                    assert _adjectival(pos, pos1, start, stop) == plain
                    runs += plain
    assert runs > 20  # runs with a 〜的 in them were seen
