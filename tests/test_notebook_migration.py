"""A notebook made by the build before issue 18 (schema 6, tests/fixtures/notebooks): it opens,
gains migration 0007 and nothing else changes; every new command reads it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from coach.cli import app
from coach.notebook import MIGRATIONS, Notebook

from support import ROOT

OLD = ROOT / "tests" / "fixtures" / "notebooks" / "main-schema6.db"


def rows(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return [
            *db.execute("SELECT * FROM attempts ORDER BY id"),
            *db.execute("SELECT * FROM follow_ups ORDER BY id"),
            *db.execute("SELECT * FROM sessions ORDER BY id"),
            *db.execute("SELECT * FROM reviews ORDER BY question_id"),
        ]
    finally:
        db.close()


def test_the_old_notebook_is_migrated_without_changing_a_row(home: Path) -> None:
    home.mkdir(parents=True)
    path = home / "history.db"
    shutil.copy(OLD, path)
    before = rows(path)
    assert sqlite3.connect(OLD).execute("PRAGMA user_version").fetchone()[0] == 6
    with Notebook(path) as nb:
        assert nb.version == len(MIGRATIONS) == 7
        indexes = {r[0] for r in nb.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"attempts_progress", "attempts_recent"} <= indexes
    assert rows(path) == before


def test_every_new_command_reads_the_old_notebook(home: Path, runner: CliRunner) -> None:
    home.mkdir(parents=True)
    shutil.copy(OLD, home / "history.db")
    stats = runner.invoke(app, ["stats"])
    # 11 scored: one is a one-line reply (「工程表は毎週見直しました。」), kept apart
    assert stats.exit_code == 0 and "採点済みの回答 10件" in stats.output
    assert "一言だけの回答 1件" in stats.output
    assert "週ごとの推移" in stats.output
    question = runner.invoke(app, ["history", "--question", "growth-01"])
    assert question.exit_code == 0 and "初回 " in question.output
    found = json.loads(runner.invoke(app, ["history", "--search", "工程表", "--json"]).output)
    assert len(found["attempts"]) >= 2
    exported = json.loads(runner.invoke(app, ["export", "--format", "json"]).output)
    growth = next(c for c in exported["categories"] if c["id"] == "growth")
    first = next(q for q in growth["questions"] if q["id"] == "growth-01")
    assert first["attempts"] == 2 and first["first"]["id"] != first["latest"]["id"]
    assert len(exported["mock_reports"]) == 1
    deleted = runner.invoke(app, ["delete", str(first["first"]["id"]), "--yes"])
    assert deleted.exit_code == 0, deleted.output
    with Notebook(home / "history.db") as nb:
        assert nb.count() == 10 and nb.review_card("growth-01") is not None
