"""The interview notebook: migrations, concurrent writers, unusable files, the CLI over it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.analysis import analyze
from coach.cli import app
from coach.errors import CoachError
from coach.notebook import MIGRATIONS, Notebook, schema

from support import coach_executable, subprocess_env

ANSWER = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)


def test_a_blank_database_gets_every_migration(tmp_path: Path) -> None:
    with Notebook(tmp_path / "h.db") as nb:
        assert nb.version == len(MIGRATIONS)
        tables = {r[0] for r in nb.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"sessions", "attempts", "follow_ups", "reviews"} <= tables
        assert nb.migrate() == []  # idempotent
        assert nb.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migration_names_are_unique_and_append_only() -> None:
    names = [name for name, _ in MIGRATIONS]
    assert len(names) == len(set(names))
    assert names == sorted(names)


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS)))
def test_each_migration_upgrades_the_previous_versions_file(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for number, (_name, sql) in enumerate(MIGRATIONS[:version], start=1):
        for statement in schema.statements(sql):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00+00:00')")
    db.execute(
        "INSERT INTO attempts (session_id, category, question, answer, created_at)"
        " VALUES (1, 'growth', '質問', '古い回答', '2026-01-01T00:00:00+00:00')"
    )
    db.commit()
    db.close()
    with Notebook(path) as nb:
        assert nb.version == len(MIGRATIONS)
        (old,) = nb.attempts()
        assert old.answer == "古い回答"
        assert old.real is False


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(CoachError, match="新しいバージョン"):
        Notebook(path)


def test_record_then_analyse_and_read_back(tmp_path: Path) -> None:
    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session("practice", "growth")
        first = nb.record_answer(
            s, category="growth", question="Q", question_id="growth-01", answer="A"
        )
        assert nb.attempt(first).score is None  # stored before any analysis
        analysis = analyze(ANSWER, category="growth", structure="prep")
        nb.save_analysis(first, analysis)
        nb.add_follow_up(first, "なぜですか", "理由は…", "reason")
        second = nb.record_answer(
            s, category="growth", question="Q", question_id="growth-01", answer="B"
        )
        got = nb.attempt(first)
        assert got.score == analysis.score and got.labels["reason"] is True
        assert got.follow_ups == [("なぜですか", "理由は…", "reason")]
        assert nb.attempt(second).attempt_no == 2
        assert nb.previous_attempt("growth-01").id == first
        with pytest.raises(CoachError, match="#999"):
            nb.attempt(999)


WRITER = """
import sys
from pathlib import Path
from coach.notebook import Notebook
nb = Notebook(Path(sys.argv[1]))
s = nb.start_session("practice", "growth")
for i in range(200):
    nb.record_answer(s, category="growth", question=f"q{i}", answer=f"{sys.argv[2]}-{i}")
nb.close()
"""


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    Notebook(path).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Notebook(path) as nb:
        assert nb.count() == 400
        answers = {a.answer for a in nb.attempts()}
    assert {f"a-{i}" for i in range(200)} | {f"b-{i}" for i in range(200)} == answers


def test_corrupt_file_is_a_clear_error_and_can_be_moved_aside(
    runner: CliRunner, home: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "history.db").write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2
    assert (
        "history.db" in result.output
        and "move-aside" in result.output
        and "--home" in result.output
    )
    assert result.output.count("\n") == 1
    result = runner.invoke(app, ["notebook", "move-aside"])
    assert result.exit_code == 0 and "退避しました" in result.output
    assert list(home.glob("history.db.broken-*"))
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert "まだ記録がありません" in result.output


def test_notebook_path_and_home_option(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--home", str(tmp_path / "elsewhere"), "notebook", "path"])
    assert result.output.strip() == str(tmp_path / "elsewhere" / "history.db")


def test_practice_from_a_script_then_history_show_stats_export(tmp_path: Path) -> None:
    """Scripted practice through the installed command (stdin is not a terminal)."""
    env = subprocess_env(tmp_path / "home", COLUMNS="120")
    script = f"{ANSWER}\n---\n{ANSWER}\n"
    run = subprocess.run(
        [
            coach_executable(),
            "practice",
            "-c",
            "growth",
            "-n",
            "2",
            "--follow-ups",
            "0",
            "--seed",
            "4",
        ],
        input=script,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "練習のまとめ" in run.stdout and "保存先" in run.stdout

    def coach(*args: str) -> str:
        out = subprocess.run([coach_executable(), *args], capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
        return out.stdout

    assert "成長意欲" in coach("history")
    shown = coach("show", "1")
    assert "あなたの回答" in shown and "スコア" in shown
    stats = coach("stats")
    assert "成長意欲" in stats and "coach practice -c growth" in stats
    exported = coach("export")
    assert exported.startswith("# 面接ノート") and "## 成長意欲（growth）" in exported
    target = tmp_path / "note.md"
    coach("export", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("# 面接ノート")
    refused = subprocess.run(
        [coach_executable(), "export", "-o", str(target)], capture_output=True, text=True, env=env
    )
    assert refused.returncode == 2 and "--force" in refused.stderr
    coach("export", "-o", str(target), "--force", "--format", "json")
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")
    due = coach("due")
    assert "復習" in due


def test_a_sessions_average_counts_each_questions_latest_attempt(tmp_path: Path) -> None:
    from coach.analysis import analyze

    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session("practice", "growth")
        for question_id, text in [
            ("growth-01", "頑張ります。"),
            ("growth-01", "私の強みは学ぶ力です。前職で簿記2級を取り、決算を3日短縮しました。"),
            ("growth-02", "色々と頑張りました。"),
        ]:
            attempt = nb.record_answer(
                s, category="growth", question=question_id, question_id=question_id, answer=text
            )
            nb.save_analysis(attempt, analyze(text, category="growth", structure="prep"))
        scores = [a.score for a in nb.attempts()]
        latest = {a.question_id: a.score for a in sorted(nb.attempts(), key=lambda a: a.id)}
        (row,) = nb.sessions()
        assert row.attempts == 3
        assert row.average == pytest.approx(sum(latest.values()) / 2)
        assert row.average != pytest.approx(sum(s for s in scores if s is not None) / 3)
