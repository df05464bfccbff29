"""Never lose an answer, never claim a save that did not happen (issue 11, items 3, 6, 8, 13):
the CLI side of a notebook that cannot be written, the crash line, a data folder that is a file,
a profile that does not validate, and writing through a dangling symbolic link."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach import recovery
from coach.cli import app
from coach.notebook import Notebook

from support import coach_executable, subprocess_env

ANSWER = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)
VAGUE = "頑張ります。"  # missing nearly everything: a follow-up is asked
REPLY = "2022年の4月に異動したとき、私は手順書を作り直しました。"
FALSE_CLAIM = "入力した回答は保存済みです"
PRACTICE = ["practice", "-c", "growth", "-n", "1", "--seed", "3"]


def flat(text: str) -> str:
    """Rich wraps long lines at the terminal width: read the output as one line."""
    return text.replace("\n", "")


@pytest.fixture
def locked_on_write(monkeypatch: pytest.MonkeyPatch, home: Path) -> list[sqlite3.Connection]:
    """Another process takes the notebook's write lock just before an answer is written (a real
    SQLITE_BUSY after a short busy timeout)."""
    holders: list[sqlite3.Connection] = []
    original_init = Notebook.__init__
    original_record = Notebook.record_answer

    def short_wait(self: Notebook, path: Path | None = None, **kw: Any) -> None:
        original_init(self, path, timeout=0.2)

    def record_while_locked(self: Notebook, *args: Any, **kwargs: Any) -> int:
        if not holders:
            holder = sqlite3.connect(self.path, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            holders.append(holder)
        return original_record(self, *args, **kwargs)

    monkeypatch.setattr(Notebook, "__init__", short_wait)
    monkeypatch.setattr(Notebook, "record_answer", record_while_locked)
    yield holders
    for holder in holders:
        holder.execute("ROLLBACK")
        holder.close()


def release(holders: list[sqlite3.Connection]) -> None:
    for holder in holders:
        holder.execute("ROLLBACK")
        holder.close()
    holders.clear()


def test_a_locked_notebook_mid_practice_keeps_answer_and_reply_in_one_recovery_file(
    runner: CliRunner, home: Path, locked_on_write: list[sqlite3.Connection]
) -> None:
    script = f"{VAGUE}\n---\n{REPLY}\n"
    result = runner.invoke(app, [*PRACTICE, "--follow-ups", "1"], input=script)
    # before: NotebookUnwritable ended the practice (exit 2) with the answer only in memory
    assert result.exit_code == 0, result.output
    files = recovery.pending_files()
    assert len(files) == 1  # the reply joined the answer's file
    out = flat(result.output)
    assert f"回答を保存しました: {files[0]}" in out
    assert "coach notebook recover" in out and "使用中" in out
    assert FALSE_CLAIM not in out and "move-aside" not in out
    assert "保存先: " not in out  # the summary does not name the notebook it could not write
    pending = recovery.load(files[0])
    assert pending.answer == VAGUE and pending.category == "growth"
    assert [reply for _q, reply, _e in pending.follow_ups] == [REPLY]

    release(locked_on_write)
    recovered = runner.invoke(app, ["notebook", "recover"])
    assert recovered.exit_code == 0, recovered.output
    assert "取り込んだ回答: 1件" in recovered.output
    assert recovery.pending_files() == []
    with Notebook(home / "history.db") as nb:
        (attempt,) = nb.attempts()
        assert attempt.answer == VAGUE and attempt.score is not None
        assert [f[1] for f in attempt.follow_ups] == [REPLY]


def test_when_neither_notebook_nor_recovery_folder_can_be_written_the_answer_is_shown_whole(
    runner: CliRunner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coach.notebook as notebook_module

    def disk_full(*args: Any, **kwargs: Any) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    runner.invoke(app, ["history"])  # the notebook exists before the disk fills
    monkeypatch.setattr(notebook_module, "insert_attempt", disk_full)
    home.joinpath("recovery").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, [*PRACTICE, "--follow-ups", "0"], input=ANSWER)
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "ディスクの空きがありません" in out and "回復用のファイルにも書けませんでした" in out
    assert ANSWER in out  # in full, to copy
    assert FALSE_CLAIM not in out and "move-aside" not in out


def test_the_next_practice_imports_recovery_files_and_analyses_unanalysed_answers(
    runner: CliRunner, home: Path
) -> None:
    with Notebook(home / "history.db") as nb:
        session = nb.start_session("practice", "growth")
        stopped = nb.record_answer(session, category="growth", question="前の質問", answer=ANSWER)
        # stored an hour ago and never analysed: that process stopped in between
        nb.db.execute(
            "UPDATE attempts SET created_at = '2026-01-01T09:00:00+00:00' WHERE id = ?", (stopped,)
        )
        # stored just now by a practice still running in another terminal: it is left to it
        running = nb.start_session("practice", "growth")
        nb.record_answer(running, category="growth", question="いまの質問", answer=ANSWER)
    recovery.save(
        recovery.PendingAnswer(
            question="ファイルに残った質問", category="growth", answer=ANSWER + "（回復）"
        )
    )
    result = runner.invoke(app, [*PRACTICE, "--follow-ups", "0"], input=ANSWER)
    assert result.exit_code == 0, result.output
    assert "回復用ファイルから1件の回答を取り込みました" in result.output
    assert "未分析だった2件の回答を分析しました" in result.output
    assert recovery.pending_files() == []
    with Notebook(home / "history.db") as nb:
        scored = {a.question: a.score is not None for a in nb.attempts()}
    assert scored.pop("いまの質問") is False  # still the running practice's to analyse
    assert scored.pop("前の質問") and scored.pop("ファイルに残った質問")
    assert list(scored.values()) == [True]  # this practice's own answer


def test_coach_log_keeps_an_entry_the_notebook_cannot_take_and_says_where(
    runner: CliRunner, home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import coach.notebook as notebook_module

    def disk_full(*args: Any, **kwargs: Any) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    runner.invoke(app, ["history"])
    log = tmp_path / "log.txt"
    log.write_text(f"Q: 強みは何ですか。\nA: {ANSWER}\n", encoding="utf-8")
    with monkeypatch.context() as mp:
        mp.setattr(notebook_module, "insert_attempt", disk_full)
        result = runner.invoke(app, ["log", "--from", str(log), "--company", "テスト商事"])
    assert result.exit_code == 0, result.output
    (file,) = recovery.pending_files()
    out = flat(result.output)
    assert f"回答を保存しました: {file}" in out
    assert "0件の回答を本番の記録として保存しました（ほかの1件は" in out
    assert runner.invoke(app, ["notebook", "recover"]).exit_code == 0
    with Notebook(home / "history.db") as nb:
        (attempt,) = nb.attempts()
    assert attempt.real and attempt.answer == ANSWER and attempt.score is not None


# --- the crash line says only what was saved -------------------------------------------------

CRASH = """
import sys
from coach import session
import coach.notebook as nb
def boom(*args, **kwargs):
    raise RuntimeError("boom")
if sys.argv[1] == "analysis":
    session.analyze = boom
else:
    nb.Notebook.record_answer = boom
from coach.cli import main
sys.argv = ["coach", "practice", "-c", "growth", "-n", "1", "--follow-ups", "0"]
main()
"""


def _crash(home: Path, where: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CRASH, where],
        input=ANSWER,
        capture_output=True,
        text=True,
        env=subprocess_env(home),
        timeout=120,
    )


def test_a_crash_after_the_answer_is_stored_says_it_is_in_the_notebook(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = _crash(home, "analysis")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "内部エラー" in done.stderr and "この実行で保存した回答: 面接ノートに1件" in done.stderr
    assert FALSE_CLAIM not in done.stderr
    assert (home / "crash.log").exists()


def test_a_crash_while_storing_the_answer_names_its_recovery_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = _crash(home, "record")
    assert done.returncode == 1
    files = sorted((home / "recovery").glob("*.json"))
    assert len(files) == 1
    # before: 「入力した回答は保存済みです」 while the answer existed nowhere
    assert FALSE_CLAIM not in done.stderr
    assert "回復用ファイルに1件" in done.stderr and str(files[0]) in done.stderr
    assert "面接ノートに" not in done.stderr


def test_a_crash_log_that_cannot_be_written_is_still_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "crash.log").mkdir(parents=True)  # the log cannot be opened for writing
    done = _crash(home, "analysis")
    assert done.returncode == 1
    # before: a second traceback from the crash log itself
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "crash.log）も書けませんでした" in done.stderr


# --- item 8: the data folder --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["practice", "-c", "growth", "-n", "1"],
        ["history"],
        ["profile", "edit"],
        ["profile", "show"],
        ["export", "-o", "OUT"],
        ["notebook", "recover"],
    ],
    ids=" ".join,
)
def test_a_data_folder_that_is_a_file_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str]
) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("", encoding="utf-8")
    args = [str(tmp_path / "out.md") if a == "OUT" else a for a in args]
    done = subprocess.run(
        [coach_executable(), *args],
        input=ANSWER,
        capture_output=True,
        text=True,
        env=subprocess_env(home, EDITOR="true"),
        timeout=120,
    )
    # before: `profile edit` was a double traceback (the crash log failed too)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "データフォルダ" in done.stderr and str(home) in done.stderr


def test_an_os_error_inside_the_data_folder_is_one_line_not_an_internal_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import internal_error

    error = PermissionError(13, "Permission denied", str(home / "banks" / "x.yaml"))
    assert internal_error(error) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "データフォルダに書き込めません" in err
    assert not (home / "crash.log").exists()


# --- item 6: the profile ------------------------------------------------------------------------

BROKEN = "round_one:\n  self_pr: [閉じ忘れ\n"
VALID = "round_one:\n  self_pr: 最初の自己PR\n"


def _breaking_editor(tmp_path: Path) -> Path:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\nprintf '{BROKEN}' > \"$1\"\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_rejected_profile_edit_keeps_the_last_valid_file_and_the_edit_beside_it(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "profile.yaml").write_text(VALID, encoding="utf-8")
    done = subprocess.run(
        [coach_executable(), "profile", "edit"],
        capture_output=True,
        text=True,
        env=subprocess_env(home, EDITOR=str(_breaking_editor(tmp_path))),
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    # before: the broken file stayed and every later practice stopped on it
    assert (home / "profile.yaml").read_text(encoding="utf-8") == VALID
    assert (home / "profile.rejected.yaml").read_text(encoding="utf-8") == BROKEN
    assert "profile.rejected.yaml" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        [*PRACTICE, "--follow-ups", "0"],
        ["mock", "--follow-ups", "0", "--seed", "1"],
        ["profile", "show"],
        ["check", "--profile"],
    ],
    ids=" ".join,
)
def test_a_broken_profile_is_one_warning_and_the_command_goes_on(
    runner: CliRunner, home: Path, args: list[str]
) -> None:
    home.mkdir()
    (home / "profile.yaml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, args, input=ANSWER)
    assert result.exit_code == 0, result.output
    assert result.output.count("プロフィールを読めないので、使わずに続けます") == 1
    if args[0] in ("practice", "mock"):
        with Notebook(home / "history.db") as nb:
            assert nb.count() >= 1


def test_an_explicit_bad_company_file_stays_an_error(
    runner: CliRunner, home: Path, tmp_path: Path
) -> None:
    company = tmp_path / "company.yaml"
    company.write_text("name: [閉じ忘れ\n", encoding="utf-8")
    result = runner.invoke(app, [*PRACTICE, "--company", str(company)], input=ANSWER)
    assert result.exit_code == 2
    assert str(company) in result.output


# --- item 13: no writing through a dangling symbolic link ---------------------------------------


@pytest.mark.parametrize(
    "args",
    [["export", "-o", "LINK"], ["mock", "-o", "LINK"], ["company", "init", "LINK"]],
    ids=" ".join,
)
def test_a_dangling_symlink_is_refused_and_nothing_is_created(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "elsewhere" / "created.md"
    target.parent.mkdir()
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = runner.invoke(app, [str(link) if a == "LINK" else a for a in args], input=ANSWER)
    # before: export and mock wrote a new file wherever the link pointed
    assert result.exit_code == 2, result.output
    assert "リンク先のないシンボリックリンク" in result.output
    assert not target.exists()


def test_export_still_writes_a_file_and_streams_to_stdout(
    runner: CliRunner, home: Path, tmp_path: Path
) -> None:
    runner.invoke(app, [*PRACTICE, "--follow-ups", "0"], input=ANSWER)
    out = tmp_path / "note.json"
    result = runner.invoke(app, ["export", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ANSWER in json.dumps(json.loads(out.read_text(encoding="utf-8")), ensure_ascii=False)
    shown = runner.invoke(app, ["export"])
    assert shown.exit_code == 0 and "## 成長意欲（growth）" in shown.output


# --- done means: concurrent practices on a fresh data folder ------------------------------------


@pytest.mark.slow
def test_eight_practices_starting_at_once_import_waiting_files_exactly_once(
    tmp_path: Path,
) -> None:
    """Eight scripted `coach practice` runs on a fresh data folder that holds three recovery
    files: every typed answer is saved, each waiting file imported once, nothing analysed twice
    into a missing score."""
    home = tmp_path / "home"
    waiting = [f"{ANSWER}（回復{n}）" for n in range(3)]
    for n, text in enumerate(waiting):
        recovery.save(
            recovery.PendingAnswer(question=f"回復した質問{n}", category="growth", answer=text),
            home,
        )
    env = subprocess_env(home, COLUMNS="100")
    answers = [f"{ANSWER}（{n}-{i}）" for n in range(8) for i in range(3)]
    procs = [
        subprocess.Popen(
            [coach_executable(), "practice", "-c", "growth", "-n", "3", "--seed", str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(8)
    ]
    done = [
        p.communicate("\n---\n".join(answers[n * 3 : n * 3 + 3]) + "\n", timeout=300)
        for n, p in enumerate(procs)
    ]
    assert [p.returncode for p in procs] == [0] * 8, [err for _, err in done]
    assert all("Traceback" not in out + err for out, err in done)
    with Notebook(home / "history.db") as nb:
        stored = [a.answer for a in nb.attempts()]
        assert all(a.score is not None for a in nb.attempts())
    assert sorted(stored) == sorted(answers + waiting)  # none lost, none twice
    assert recovery.pending_files(home) == []
    imported = sum(out.count("回復用ファイルから") for out, _ in done)
    assert 1 <= imported <= 3


def test_history_marks_an_answer_stored_but_not_analysed(runner: CliRunner, home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        session = nb.start_session("practice", "growth")
        nb.record_answer(
            session, category="growth", question="分析の前に止まった質問", answer=ANSWER
        )
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.output
    assert "未分析" in result.output  # before: "—", as for a half-typed answer
