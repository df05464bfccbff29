"""Parsed built-in banks are kept between runs (coach/bank_cache.py): the next run reads them
without YAML, an edited bank is parsed again, and a cache that fails is never an error."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from coach import bank_cache, banks, paths


def _no_yaml(path: Path) -> Any:
    raise AssertionError(f"parsed again: {path}")


def test_the_second_run_reads_the_parsed_banks_without_yaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = banks.load_catalog()
    assert list((paths.cache_dir() / "banks").glob("*.msgpack")), "nothing was kept"
    monkeypatch.setattr(banks, "parse_yaml", _no_yaml)
    second = banks.load_catalog()
    assert [q for q in second.all_questions()] == [q for q in first.all_questions()]
    assert second.categories == first.categories


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped banks standing in for the built-in folder."""
    root = tmp_path / "shipped"
    shutil.copytree(paths.builtin_banks_dir(), root)
    monkeypatch.setattr(paths, "builtin_banks_dir", lambda: root)
    return root / "ja" / "failure.yaml"


def test_an_edited_bank_is_parsed_again(shipped: Path) -> None:
    banks.load_catalog()
    text = shipped.read_text(encoding="utf-8")
    assert "\n  aliases: [" in text
    shipped.write_text(text.replace("\n  aliases: [", "\n  aliases: [しくじり, ", 1), "utf-8")
    assert banks.load_catalog().category("しくじり").id == "failure"


def test_a_broken_or_unwritable_cache_is_ignored(shipped: Path) -> None:
    expected = banks.load_catalog().category("failure")
    for entry in (paths.cache_dir() / "banks").glob("*.msgpack"):
        entry.write_bytes(entry.read_bytes()[:40])  # cut short, as by a full disk
    assert banks.load_catalog().category("failure") == expected
    shutil.rmtree(paths.cache_dir())
    paths.cache_dir().write_text("not a folder")  # nothing can be written there
    assert banks.load_catalog().category("failure") == expected
    assert bank_cache.load(shipped, banks.BankFile) is None


def test_a_cached_bank_still_names_the_line_of_an_error(shipped: Path) -> None:
    banks.load_catalog()
    loaded = banks.load_file(shipped)
    assert loaded.root is None  # from the cache
    fresh = banks.LoadedFile(shipped, loaded.bank, banks.parse_yaml(shipped)[1])
    where = ["questions", 2, "text"]
    assert loaded.line_of(where) == fresh.line_of(where) > 1


def test_user_banks_are_always_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "mine.yaml"
    shutil.copy(paths.builtin_banks_dir() / "ja" / "failure.yaml", own)
    assert not bank_cache.is_builtin(own)
    banks.load_file(own)
    monkeypatch.setattr(banks, "parse_yaml", _no_yaml)
    with pytest.raises(AssertionError, match="parsed again"):
        banks.load_file(own)
