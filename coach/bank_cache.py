"""Parsed built-in question banks, kept between runs.

Reading the 23 YAML files the coach ships costs a cold command about 0.2 s (YAML parsing and the
checks beyond YAML), the largest fixed cost of `coach check`, `coach stats` and a practice start.
A built-in file that parsed and validated once is stored as msgpack under ``paths.cache_dir()``,
keyed by the file's bytes and by the code that reads it (this module's and banks.py's
modification times, the coach version), so an edited bank or a changed schema is parsed again.
Best effort only: a cache that cannot be read, written or trusted is ignored, never an error.
User banks are always parsed (they are the files people edit and want line numbers for).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import msgspec

from coach import __version__, paths

_CODE = (Path(__file__), Path(__file__).with_name("banks.py"))


def _key(raw: bytes) -> bytes:
    h = hashlib.sha256(raw)
    h.update(__version__.encode())
    for code in _CODE:
        h.update(str(code.stat().st_mtime_ns).encode())
    return h.hexdigest().encode()


def _entry(path: Path) -> Path:
    name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    return paths.cache_dir() / "banks" / f"{name}.msgpack"


def is_builtin(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(paths.builtin_banks_dir().resolve())
    except OSError:
        return False


def load(path: Path, kind: type[Any]) -> Any | None:
    """The parsed bank stored for ``path`` as it is now, or None."""
    try:
        raw = path.read_bytes()
        stored = _entry(path).read_bytes()
        key, _, payload = stored.partition(b"\n")
        if key != _key(raw):
            return None
        return msgspec.msgpack.decode(payload, type=kind)
    except (OSError, ValueError, msgspec.DecodeError):
        return None


def store(path: Path, bank: Any) -> None:
    """Keep ``bank`` (parsed from ``path``) for the next run; silently skipped on any failure."""
    try:
        entry = _entry(path)
        entry.parent.mkdir(parents=True, exist_ok=True)
        data = _key(path.read_bytes()) + b"\n" + msgspec.msgpack.encode(bank)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".bank-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, entry)  # whole or not at all: a reader never sees half a file
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, msgspec.EncodeError):
        return
