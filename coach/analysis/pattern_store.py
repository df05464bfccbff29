"""Compiled cue patterns kept between runs, as the regular-expression engine's own code.

Compiling the cue sections a first answer needs (some 120 patterns, 25,000 characters) is the
largest part of a batch's start-up, serial before the workers fork: ``re``'s parser and compiler
are pure Python. What they produce for a pattern is a list of integers that the engine
(``_sre.compile``) turns into a pattern object at once. :func:`lexicon.compile_cue` records that
code for every pattern it compiles; a batch saves what it recorded and the next batch starts
from it, so the engine gets the same code without the parsing.

The code is a function of the pattern's text alone, for a given Python (its ``re`` compiler)
and a given ``lexicon.py`` (which builds the first-character info block): the file is keyed by
all three and a pattern by its full text, so a changed cue is a new pattern, never a stale one.
Best effort only, like the bank cache: a file that cannot be read, written or trusted is
ignored. The analysis never chooses the file: the caller names it (``coach.checking``).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path
from typing import Any

import msgspec

_LEXICON = Path(__file__).with_name("lexicon.py")

# text, flags, code, groups - 1, groupindex, indexgroup: the arguments of _sre.compile
Code = tuple[str, int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _File(msgspec.Struct):
    key: str
    patterns: dict[str, tuple[str, int, list[int], int, dict[str, int], list[str | None]]]


def _key() -> str:
    engine: Any = import_module("_sre")  # no stubs
    h = hashlib.sha256(sys.version.encode())
    h.update(f"{engine.MAGIC} {engine.CODESIZE} {engine.MAXREPEAT} {engine.MAXGROUPS}".encode())
    h.update(_LEXICON.read_bytes())
    return h.hexdigest()


class PatternStore:
    """Engine code by pattern text: what a file held, and what this process compiled."""

    def __init__(self) -> None:
        self._known: dict[str, Code] = {}
        self._new = False
        self._kept = False  # code is recorded only for a caller that loads and saves a file

    def get(self, source: str) -> Code | None:
        return self._known.get(source)

    def record(self, source: str, code: Code) -> None:
        if self._kept and source not in self._known:
            self._known[source] = code
            self._new = True

    def forget(self, source: str) -> None:
        """Drop a stored entry the engine refused (the file was not what it should be)."""
        self._known.pop(source, None)

    def load(self, path: Path) -> None:
        """Add what ``path`` holds, when it was written for this Python and this lexicon.py;
        from now on, what is compiled is recorded for :meth:`save`."""
        self._kept = True
        try:
            stored = msgspec.msgpack.decode(path.read_bytes(), type=_File)
            if stored.key != _key():
                return
        except (OSError, ValueError, msgspec.DecodeError):
            return
        for source, (text, flags, code, groups, index, names) in stored.patterns.items():
            self._known.setdefault(source, (text, flags, code, groups, index, tuple(names)))

    def save(self, path: Path) -> None:
        """Write what is known to ``path`` if this process compiled anything new (whole or not
        at all: a reader never sees half a file); silently skipped on any failure."""
        if not self._new:
            return
        try:
            # the opcodes are named int constants: stored as the plain ints they are
            patterns = {
                source: (text, flags, list(map(int, code)), groups, index, list(names))
                for source, (text, flags, code, groups, index, names) in self._known.items()
            }
            data = msgspec.msgpack.encode(_File(key=_key(), patterns=patterns))
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, msgspec.EncodeError):
            return
        self._new = False


STORE = PatternStore()
