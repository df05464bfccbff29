"""Cue patterns built from the engine code kept by an earlier run (coach.analysis.pattern_store)
are the patterns compiled now: the same text, flags, groups and engine code (a compiled
pattern compares equal to another only when all of them are equal)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coach.analysis import lexicon as lexicon_module
from coach.analysis import pattern_store
from coach.analysis.lexicon import (
    _cue_code,
    _engine,
    _parser,
    _plain_code,
    alternation,
    lexicon,
    probes,
)
from coach.analysis.pattern_store import PatternStore
from coach.analysis.rules.patterns import PATTERNS_FILE, TABLES

ROOT = Path(__file__).resolve().parents[2]


def _sources() -> list[str]:
    lex = lexicon()
    out = list(lex.sources.values())
    for source in lex.sources.values():
        out.extend(p.pattern for p in probes(source))
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    for name, entries in data.items():
        if name not in TABLES:
            source = alternation([str(e) for e in entries])
            out.append(source)
            out.extend(p.pattern for p in probes(source))
    return list(dict.fromkeys(out))


def test_plain_code_is_what_re_compile_builds() -> None:
    texts = ["", "a", ".*", "(?i)abc", "(?P<x>a)|(b)", "(?:x|y)+$", r"\d+(?:[.,]\d+)*"]
    texts += [s for s in _sources() if s.startswith("(?")]
    for text in texts:
        built = _engine.compile(*_plain_code(text, _parser.parse(text)))
        assert built == re.compile(text), text


def test_stored_code_gives_the_pattern_compiled_now(tmp_path: Path) -> None:
    sources = _sources()
    assert len(sources) > 200
    first = PatternStore()
    first.load(tmp_path / "none.msgpack")  # no file yet: records from now on
    for source in sources:
        first.record(source, _cue_code(source))
    path = tmp_path / "patterns" / "cues.msgpack"
    first.save(path)
    again = PatternStore()
    again.load(path)
    for source in sources:
        stored = again.get(source)
        assert stored is not None, source
        assert _engine.compile(*stored) == _engine.compile(*_cue_code(source)), source


def test_a_file_for_another_python_or_lexicon_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cues.msgpack"
    store = PatternStore()
    store.load(path)
    store.record("あ|い", _cue_code("あ|い"))
    store.save(path)
    monkeypatch.setattr(pattern_store, "_key", lambda: "another")
    other = PatternStore()
    other.load(path)
    assert other.get("あ|い") is None
    path.write_bytes(b"not msgpack")
    broken = PatternStore()
    broken.load(path)  # no error
    assert broken.get("あ|い") is None


def test_code_the_engine_refuses_is_compiled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "(?:テスト専用の|検証用の)節"
    store = PatternStore()
    store.load(Path("/nonexistent/cues.msgpack"))
    text, flags, code, groups, index, names = _cue_code(source)
    store.record(source, (text, flags, [999, *code[1:]], groups, index, names))
    monkeypatch.setattr(lexicon_module, "STORE", store)
    monkeypatch.setattr(lexicon_module, "_CUE_CACHE", {})
    assert lexicon_module.compile_cue(source) == _engine.compile(*_cue_code(source))


def test_nothing_is_recorded_without_a_file() -> None:
    store = PatternStore()
    store.record("あ|い", _cue_code("あ|い"))
    assert store.get("あ|い") is None


def test_a_batch_reads_what_the_last_one_kept(tmp_path: Path) -> None:
    batch = tmp_path / "answers.jsonl"
    lines = (ROOT / "tests" / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()][:5]
    batch.write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8"
    )
    env = {**os.environ, "COACH_HOME": str(tmp_path / "home"), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, "-m", "coach", "check", "--batch", str(batch), "--json", "-j", "1"]
    cold = subprocess.run(cmd, capture_output=True, check=True, env=env).stdout
    kept = tmp_path / "home" / "cache" / "patterns" / "cues.msgpack"
    assert kept.is_file()
    warm = subprocess.run(cmd, capture_output=True, check=True, env=env).stdout
    assert warm == cold
    assert cold.count(b"\n") == 5
