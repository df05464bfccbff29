"""Two regular-expression shortcuts checked against the plain way (issue 13): a cue pattern's
first characters in its info block instead of a lookahead, and the alternatives of a section
that open with ^ probed as one pattern anchored at the start."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from coach.analysis import lexicon as lx
from coach.analysis.lexicon import alternation, compile_cue, lexicon, probes
from coach.analysis.rules.patterns import PATTERNS_FILE, TABLES
from coach.analysis.text import matching_form, split_sentences

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _texts() -> list[str]:
    out: list[str] = []
    for name in ("dev.jsonl", "holdout.jsonl", "styles/care.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                answer = json.loads(line)["answer"]
                out += [matching_form(s.text) for s in split_sentences(answer)]
    # pieces that start or end mid-sentence, and a whole answer's sentences joined
    out += [s[3:] for s in out[:150]] + [s[:-2] for s in out[:150]]
    out += ["\n".join(out[i : i + 6]) for i in range(0, 120, 6)]
    return [*out, "", "。", "結果", "その結果、", "私は"]


def _sources() -> dict[str, str]:
    sources = dict(lexicon().sources)
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    sources |= {
        f"patterns:{k}": alternation([str(e) for e in v])
        for k, v in data.items()
        if k not in TABLES
    }
    return sources


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_charset_in_the_info_block_matches_as_the_lookahead_does() -> None:
    # every section and probe (and, on fewer texts, every alternative of one): finditer,
    # search from a position, match and fullmatch give the spans and groups of re.compile of
    # the source (the lookahead form is the compiled pattern's text: the same again)
    texts = _texts()
    sections = set(_sources().values())
    for source in list(sections):
        sections |= {p.pattern for p in probes(source)}
    pieces = {a for s in sections for a in lx.alternatives(s)} - sections
    lx._CUE_CACHE.clear()
    shortcut = 0
    for sources, sample in ((sections, texts), (pieces, texts[::8])):
        for source in sorted(sources):
            fast = compile_cue(source)
            shortcut += fast.pattern != source
            plain = re.compile(source)
            for text in sample:
                assert _spans(fast, text) == _spans(plain, text), (source, text)
                pos = len(text) // 2
                a, b = fast.search(text, pos), plain.search(text, pos)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), source
                a, b = fast.match(text), plain.match(text)
                assert (a and a.span()) == (b and b.span()), (source, text)
                assert (fast.fullmatch(text) is None) == (plain.fullmatch(text) is None)
    assert shortcut > (len(sections) + len(pieces)) // 2  # most patterns get the shortcut


@pytest.mark.parametrize(
    ("source", "text", "found"),
    [
        ("a|b", "xxb", True),
        ("あ|[か-こ]い", "xきい", True),
        ("あ|[か-こ]い", "xさい", False),
        (r"\d+円|万", "約30円", True),
        (r"(a)\1|c", "xaa", True),
        ("(?P<x>あ)い", "ああい", True),
    ],
)
def test_charset_edges(source: str, text: str, found: bool) -> None:
    fast = compile_cue(source)
    assert fast.pattern != source  # the shortcut applies
    assert (fast.search(text) is not None) == found == (re.search(source, text) is not None)
    assert _spans(fast, text) == _spans(re.compile(source), text)


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        # an alternative that opens with ^ matches at the start only, never mid-text
        ("^結果|おかげで", ["結果が出た", "その結果", "おかげで", "xおかげで", "", "\n結果"]),
        ("^(?:私は)?前職|^今|で働い", ["前職では", "私は前職", "今は", "昨日今", "で働いた"]),
        ("^.{0,5}を担当|^前に|x", ["5年を担当", "長い長い長い話を担当", "前に", "x", "y前に"]),
        ("^|a", ["", "b"]),  # an empty anchored alternative matches every text
        ("(?m)^a|b", ["x\na", "c"]),  # a flag (multiline): not split, searched as it is
        (r"^(a)\1|b", ["aa", "xaa", "b"]),  # a reference: not split
        ("^" + "|^".join(f"語{i}" for i in range(12)) + "|[一-龥]{1,3}が原因", ["x語3", "語3"]),
    ],
)
def test_probes_with_anchored_alternatives(source: str, texts: list[str]) -> None:
    group = probes(source)
    for text in texts:
        found = any(p.search(text) for p in group)
        assert found == (re.search(source, text) is not None), (source, text)


def test_anchored_alternatives_are_probed_apart_on_every_section() -> None:
    texts = _texts()
    split = 0
    for name, source in _sources().items():
        group = probes(source)
        split += any(p.pattern.startswith("^(?:") for p in group) and len(group) > 1
        plain = re.compile(source)
        for text in texts:
            found = any(p.search(text) for p in group)
            assert found == (plain.search(text) is not None), (name, text)
    assert split >= 3  # frame_sentence, result_marker, reason_marker, …


def test_long_groups_are_probed_in_chunks() -> None:
    # a group of alternatives longer than _CHUNK is searched as several probes (sorted by their
    # first characters): together they match exactly where the section does
    words = [f"語{i}" for i in range(30)] + [f"かな{i}" for i in range(30)] + ["[あい]う"]
    source = "|".join([*words, "(?:その|この)結果", "[一-龥]{1,3}が原因"])
    group = probes(source)
    assert len(group) >= 6
    assert all(
        len(lx.alternatives(p.pattern[p.pattern.find("(?:") + 3 : -1])) <= lx._CHUNK
        for p in group[:-1]
    )
    texts = ["x語29", "語3", "かな7です", "いう", "この結果", "雨が原因", "語", "かな", "その"]
    for text in texts + _texts()[:300]:
        found = any(p.search(text) for p in group)
        assert found == (re.search(source, text) is not None), text
    lex = lexicon()
    assert len(lex.probes["result_marker"]) > 3  # the long sections are chunked
