from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import paths


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own empty data folder; nothing touches the real one."""
    folder = tmp_path / "coach-home"
    monkeypatch.setenv(paths.ENV_HOME, str(folder))
    monkeypatch.setenv("COLUMNS", "100")
    paths.set_home(None)
    yield folder
    paths.set_home(None)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
