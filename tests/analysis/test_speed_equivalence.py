"""The speed work changes how results are reached, never the results: each shortcut is checked
against the plain way it replaces (issue 13)."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import pytest

from coach.analysis import analyze
from coach.analysis.elements import evolve, rule_elements
from coach.analysis.features import extract
from coach.analysis.label_model import load
from coach.analysis.lexicon import alternation, compile_cue, lexicon
from coach.analysis.rules import unquoted
from coach.analysis.rules.patterns import PATTERNS_FILE
from coach.analysis.text import matching_form, split_sentences

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _answers(name: str = "dev.jsonl") -> list[str]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["answer"] for line in lines if line.strip()]


def _sentences() -> list[str]:
    return [matching_form(s.text) for a in _answers() for s in split_sentences(a)]


@pytest.mark.parametrize(
    ("source", "lookahead"),
    [
        ("a?b", "(?=[ab])"),
        (r"\d+円", r"(?=[\d])"),
        ("(?<=前)後", "(?=[後])"),  # a lookbehind consumes nothing
        ("^(?:その)?結果", "(?=[そ結])"),
        ("(?:x|y)*z", "(?=[xyz])"),
        ("[あ-お]い", "(?=[あ-お])"),
        ("x*", None),  # can match the empty string: no first character
        ("a|", None),
        ("(?i)abc", None),  # case folding: not worked out
        ("[^。]*?が", None),  # a negated class: not worked out
        (".b", None),
        (r"(a)\1", "(?=[a])"),  # the reference comes after the first character
    ],
)
def test_compile_cue_puts_the_first_characters_in_front(source: str, lookahead: str | None) -> None:
    pattern = compile_cue(source)
    if lookahead is None:
        assert pattern.pattern == source
    else:
        assert pattern.pattern == f"{lookahead}(?:{source})"


def test_compile_cue_finds_the_same_matches_on_every_cue_section() -> None:
    import yaml

    lex = lexicon()
    sources = dict(lex.sources)
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    tables = ("examples", "example_roles", "targets", "kanji_numbers")
    sources |= {
        f"patterns:{k}": alternation([str(e) for e in v])
        for k, v in data.items()
        if k not in tables
    }
    sentences = _sentences()
    sentences += [s[1:] for s in sentences[:200]] + [s[:-1] for s in sentences[:200]]
    prefixed = 0
    for name, source in sources.items():
        fast, plain = compile_cue(source), re.compile(source)
        prefixed += fast.pattern != source
        for s in sentences:
            spans = [m.span() for m in fast.finditer(s)]
            assert spans == [m.span() for m in plain.finditer(s)], (name, s)
            assert (fast.match(s) is None) == (plain.match(s) is None), (name, s)
    assert prefixed > len(sources) // 2  # most sections get the shortcut


def test_compile_cue_compiles_as_re_compile_would() -> None:
    # compile_cue parses a section once and builds the prefixed pattern from that parse (its
    # first characters in the info block instead of the lookahead: tests/analysis/
    # test_speed_charset.py): the same text, flags and groups as re.compile of the prefixed
    # text, for every section, every probe and (a|b, groups, references) the edges
    from coach.analysis import lexicon as lx

    lex = lexicon()
    sources = set(lex.sources.values()) | {r"(a)\1", "(?P<x>あ)い", "(?:あ|い)(う)+", "(?i)abc"}
    for source in list(sources):
        sources |= {p.pattern for p in lx.probes(source)}
    lx._CUE_CACHE.clear()
    for source in sources:
        fast = compile_cue(source)
        plain = re.compile(fast.pattern)
        assert (fast.pattern, fast.flags, fast.groups, fast.groupindex) == (
            plain.pattern,
            plain.flags,
            plain.groups,
            plain.groupindex,
        ), source


def test_first_characters_read_off_as_parsing_finds_them() -> None:
    # _starts reads a plain leading character off the text instead of parsing the alternative
    from coach.analysis import lexicon as lx

    def parsed(alternative: str) -> frozenset[str] | None:
        try:
            first: set[str] = set()
            if lx._first_chars(list(lx._parser.parse(alternative)), first):
                return None
        except (lx._Unknown, re.error):
            return None
        chars = {c[1] if len(c) == 2 and c[0] == "\\" else c for c in first}
        return frozenset(chars) if all(len(c) == 1 for c in chars) else None

    extra = ["a?b", "あ*", "x{2}", "a+", r"a\1", r"(a)\1", "(?P<x>a)(?P=x)", "[あい]う", " x"]
    alternatives = [a for s in lexicon().sources.values() for a in lx.alternatives(s)]
    for alternative in alternatives + extra:
        assert lx._starts(alternative) == parsed(alternative), alternative


def test_probes_find_a_match_exactly_where_the_section_does() -> None:
    lex = lexicon()
    sentences = _sentences()
    sentences += [s[1:] for s in sentences[:200]] + [s[:-1] for s in sentences[:200]]
    split = [name for name, group in lex.probes.items() if len(group) > 1]
    assert "blame" in split and "result_marker" in split  # the slow sections are split
    for name, pattern in lex.patterns.items():
        for s in sentences:
            assert lex.occurs(name, s) == (pattern.search(s) is not None), (name, s)


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        # a leading run of any length goes: the rest is found wherever the whole is
        ("[^、。]*?と思い(?:、|て)", ["売れると思い、", "と思いて", "思い、"]),
        # an alternative that may start at any kanji is searched apart from the others
        ("|".join(f"語{i}" for i in range(12)) + "|[一-龥]{1,3}が原因", ["雨が原因", "語3", "語"]),
        # alternatives with a group, a lookbehind and an anchor keep their meaning apart
        (
            "|".join(f"(?:あ{i}|い)" for i in range(12)) + "|(?<![私])[一-龥]が$",
            ["私が", "君が", "い"],
        ),
    ],
)
def test_probes_of_a_section(source: str, texts: list[str]) -> None:
    from coach.analysis.lexicon import probes

    group = probes(source)
    for text in texts:
        found = any(p.search(text) for p in group)
        assert found == (re.search(source, text) is not None), text


def test_alternation_without_groups_matches_as_with_them() -> None:
    lex = lexicon()
    sentences = _sentences()
    for section, entries in lex.raw.items():
        joined = re.compile(alternation(entries))
        grouped = re.compile("|".join(f"(?:{e})" for e in entries))
        for s in sentences:
            ours = [(m.span(), m.group(0)) for m in joined.finditer(s)]
            assert ours == [(m.span(), m.group(0)) for m in grouped.finditer(s)], section


def test_evolve_is_dataclasses_replace() -> None:
    elements = rule_elements(_answers()[0], "both")
    for s in elements.sentences:
        fast = evolve(s, roles=("example",), quantities=["3件"])
        plain = dataclasses.replace(s, roles=("example",), quantities=["3件"])
        assert fast == plain and fast is not s
        assert fast.cues is s.cues  # the memo is shared, as replace shares it
    with pytest.raises(TypeError):
        evolve(elements.sentences[0], role=("example",))  # a misspelt field, as replace says


def test_label_model_sums_as_the_plain_dot_product() -> None:
    models = load()
    assert models is not None
    for answer in _answers()[:60]:
        a = analyze(answer, structure="both")
        assert a.labels
        elements = rule_elements(answer, "both")
        features = extract(elements, dict(elements.labels), "both")
        rows = [models.bias]
        for name, value in features.items():  # the implementation before the speed work
            row = models.weights.get(name)
            if row is not None:
                rows.append(row if value == 1.0 else tuple(w * value for w in row))
        z = [sum(col) for col in zip(*rows, strict=True)]
        plain = {
            label: 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, zk))))
            for label, zk in zip(models.labels, z, strict=True)
        }
        assert models.probabilities(features) == plain  # bit for bit


def test_label_model_reads_every_weight_as_json_does() -> None:
    from coach.analysis.label_model import MODEL_FILE

    models = load()
    assert models is not None
    data = json.loads(MODEL_FILE.read_bytes())["labels"]  # the reader before the speed work
    assert models.labels == tuple(data)
    assert models.bias == tuple(float(data[label]["bias"]) for label in models.labels)
    names = list(dict.fromkeys(n for label in models.labels for n in data[label]["weights"]))
    assert list(models.weights) == names
    for name, row in models.weights.items():
        plain = tuple(float(data[label]["weights"].get(name, 0.0)) for label in models.labels)
        assert [w.hex() for w in row] == [w.hex() for w in plain], name  # bit for bit
        assert all(type(w) is float for w in row)


def test_tokens_shared_by_word_id_are_the_morphemes_read_afresh() -> None:
    from coach.analysis import text

    tokenizer = text.MORPHOLOGY._load()
    sentences = _sentences() + [matching_form(a) for a in _answers("holdout.jsonl")[:40]]
    sentences += ["ＡＢＣ社のExcelとexcel、ぴゃらりゅ𠮷野家でLINE", "ｶﾀｶﾅとカタカナ"]
    for s in sentences:
        plain = [  # one Token per morpheme, from its own fields
            text.Token(
                m.surface(),
                *(m.part_of_speech()[i] for i in (0, 1, 2, 4, 5)),
                m.dictionary_form(),
                m.normalized_form(),
            )
            for m in tokenizer.tokenize(s)
        ]
        assert text.MORPHOLOGY._chunk(tokenizer, s, {}) == plain, s


def _split_char_by_char(text: str) -> list[tuple[str, int]]:
    """split_sentences before the speed work: every character looked at in Python."""
    # (how a piece becomes a sentence, emit_sentence, is shared: the scan is what changed)
    from coach.analysis.text import _CLOSERS, _ENDS, _OPENERS, Span, emit_sentence

    found: list[Span] = []
    depth = start = i = 0
    n = len(text)

    def emit(end: int) -> None:
        emit_sentence(text, start, end, found)

    while i < n:
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
            j = i + 1
            while j < n and (text[j] in _ENDS or text[j] in _CLOSERS):
                j += 1
            emit(j)
            start = j
            i = j
            continue
        i += 1
    emit(n)
    return [(s.text, s.start) for s in found]


def test_sentences_split_as_character_by_character() -> None:
    import random

    texts = _answers() + _answers("holdout.jsonl")
    rng = random.Random(13)
    alphabet = "あ漢A 。．！？!?「」『』（）()【】〔〕［］[]〈〉《》“”‘’\"'\n\r・-1"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    texts += ["あ" * 2500 + "。", "「" * 5 + "。」" * 7, "。。！？」」\n\r\n", ""]
    for text in texts:
        assert [(s.text, s.start) for s in split_sentences(text)] == _split_char_by_char(text)


def test_spoken_characters_are_those_str_isspace_does_not_call_space() -> None:
    import sys

    from coach.analysis import count_chars

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert all((c.split() == []) == c.isspace() for c in every)  # split drops exactly these
    space = [c for c in every if c.isspace()]
    for text in [*_answers(), "".join(space) + "あ a\u3000\n\t", "", "\ud800 x"]:
        assert count_chars(text) == len(text) - sum(map(str.isspace, text))


def test_relaxed_returns_a_pattern_with_nothing_to_drop_as_it_is() -> None:
    from coach.analysis import lexicon as lx

    def piece_by_piece(pattern: str) -> str:  # _relaxed without its shortcut
        out, skip_to = [], 0
        for a, b in lx._pieces(pattern):
            if a < skip_to or (b - a == 1 and pattern[a] in "^$"):
                continue
            if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), a):
                skip_to = lx._group_end(pattern, a)
                if skip_to < len(pattern) and pattern[skip_to] in "?*+":
                    skip_to += 1
                continue
            out.append(pattern[a:b])
        return "".join(out)

    sources = list(lexicon().sources.values())
    sources += [a for s in sources for a in lx.alternatives(s)]
    sources += [r"[^、]a", r"a\$", r"(?:x)y", "(?P<n>a)", "a(?=b)", "^a$", r"\^b"]
    for source in sources:
        assert lx._relaxed(source) == piece_by_piece(source), source


def test_unquoted_drops_only_the_quotes() -> None:
    assert unquoted("課長に「急いで」と言われ、『手順書』を直しました。") == (
        "課長にと言われ、を直しました。"
    )
    assert unquoted("引用のない文です。") == "引用のない文です。"


def test_cue_counts_are_the_plain_per_section_sums() -> None:
    from coach.analysis.features import _FLAG_CUES, CUE_SECTIONS

    for answer in _answers()[:60] + _answers("holdout.jsonl")[:30]:
        elements = rule_elements(answer, "both")
        features = extract(elements, dict(elements.labels), "both")
        typed = [s for s in elements.sentences if not s.preface]
        body = [s for s in typed if not s.hollow]
        hollow = [s for s in typed if s.hollow]
        plain = {}  # the implementation before the speed work: each section over every sentence
        for section in CUE_SECTIONS:
            if section == "result_marker":
                hits = sum(1 for s in body if s.outcome)
            else:
                hits = sum(1 for s in body if s.cue(section))
            hits += sum(1 for s in hollow if section in _FLAG_CUES and s.cue(section))
            if hits:
                plain["cue:" + section] = min(hits, 3)
        ours = {k: v for k, v in features.items() if k.startswith("cue:")}
        assert list(ours.items()) == list(plain.items())  # the same values in the same order


def test_lazily_compiled_patterns_are_the_eager_ones() -> None:
    import yaml

    from coach.analysis.lexicon import CUES_FILE, compile_lexicon, probes
    from coach.analysis.rules.patterns import patterns

    fresh = compile_lexicon(yaml.safe_load(CUES_FILE.read_text(encoding="utf-8")))
    assert not dict.__len__(fresh.patterns) and not dict.__len__(fresh.probes)  # none yet
    first = fresh.first_person  # an attribute compiles its section, and only that one
    assert first is fresh.patterns["first_person"] and dict.__len__(fresh.patterns) == 1
    for name, source in fresh.sources.items():  # the plain way: every section at load
        assert fresh.patterns[name].pattern == compile_cue(source).pattern, name
        assert [p.pattern for p in fresh.probes[name]] == [p.pattern for p in probes(source)]
    assert set(fresh.screens) <= set(fresh.patterns) and "ownership" in fresh.screens
    assert fresh.screens["ownership"] is fresh.patterns["ownership"]
    with pytest.raises(KeyError):
        fresh.patterns["no_such_section"]
    with pytest.raises(AttributeError):
        fresh.no_such_section  # noqa: B018
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    sections = patterns().sections
    for name, entries in data.items():
        if name in sections:
            plain = compile_cue(alternation([str(e) for e in entries]))
            assert sections[name].pattern == plain.pattern, name
    assert len(sections) == len(data) - 4  # every section but the four tables


def test_noun_runs_are_found_as_one_token_at_a_time() -> None:
    from coach.analysis.text import normalize, tokens
    from coach.followup import _NOT_HEAD, _compounds, _content, phrases

    leading = frozenset(phrases()["leading_adverbs"])

    def plain(toks: list) -> list[tuple[int, int, str]]:  # before the speed work
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(toks):
            if not (_content(toks[i]) or toks[i].pos == "接頭辞"):
                i += 1
                continue
            j = i
            while j < len(toks) and (
                _content(toks[j]) or toks[j].pos in ("接頭辞", "接尾辞") or toks[j].pos1 == "数詞"
            ):
                j += 1
            while (
                j - 1 > i
                and toks[j - 1].pos == "接尾辞"
                and toks[j - 1].surface in ("ごと", "など")
            ):
                j -= 1
            run = toks[i:j]
            head = i
            while head < j - 1 and (
                run[head - i].pos2 in _NOT_HEAD or run[head - i].surface in leading
            ):
                head += 1
            part = toks[head:j]
            numeric = i > 0 and toks[i - 1].pos1 == "数詞"
            adjectival = any(t.pos == "接尾辞" and t.pos1 == "形状詞的" for t in part)
            if (
                not numeric
                and not adjectival
                and part[0].pos2 not in _NOT_HEAD
                and not any(t.pos1 == "数詞" for t in part)
                and any(_content(t) for t in part)
            ):
                out.append((head, j, "".join(t.surface for t in part)))
            i = j
        return out

    texts = [s.text for a in _answers() + _answers("holdout.jsonl") for s in split_sentences(a)]
    texts += ["", "3件", "工事ごと", "去年の4月から", "お客様ごとの資料など。", "約20%の効率化"]
    found = 0
    for text in texts:
        toks = tokens(normalize(text))
        assert _compounds(toks) == plain(toks), text
        found += bool(_compounds(toks))
    assert found > len(texts) // 2


def test_planner_patterns_are_compiled_once_as_re_would() -> None:
    from coach.followup import _re

    assert _re(r"[ァ-ヺ]{2}") is _re(r"[ァ-ヺ]{2}")
    for pattern, text in [(r"[ァ-ヺ]{2}", "新しいシステム"), (r"\s+", "1 0件"), (r"^x", "ax")]:
        ours = _re(pattern).search(text)
        plain = re.search(pattern, text)
        assert (ours and ours.span()) == (plain and plain.span())
        assert _re(pattern).sub("", text) == re.sub(pattern, "", text)


def test_rule_probes_find_a_match_exactly_where_the_section_does() -> None:
    from coach.analysis.rules.patterns import patterns

    p = patterns()
    sentences = _sentences()
    sentences += [s[1:] for s in sentences[:200]] + [s[:-1] for s in sentences[:200]]
    sentences += ["必ず達成してみせます。", "確実に売上を伸ばしてみせます", "やってみせます"]
    assert len(p.probes["certainty"]) > 1  # the slow section is split
    for name, pattern in p.sections.items():
        for s in sentences:
            found = any(q.search(s) for q in p.probes[name])
            assert found == (pattern.search(s) is not None), (name, s)
