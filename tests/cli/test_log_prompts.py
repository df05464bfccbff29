"""`coach log` in a terminal: each entry is saved the moment it is confirmed, and Ctrl-D or
Ctrl-C at any prompt ends the log without losing it (pexpect, as a user would type)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pexpect
import pytest

from pty_support import DOWN, finish, spawn, wait_for_prompt
from support import coach_executable, subprocess_env

pytestmark = pytest.mark.pty

ANSWER = "前職で経理を担当した際、私は月次決算の手順書を作成し、締めを5日から3日に短縮しました。"


def real_answers(home: Path) -> list[dict[str, object]]:
    shown = subprocess.run(
        [coach_executable(), "export", "--format", "json"],
        capture_output=True,
        text=True,
        env=subprocess_env(home),
        check=True,
    )
    real: list[dict[str, object]] = json.loads(shown.stdout)["real"]
    return real


def log_one_entry(child: pexpect.spawn) -> None:
    child.expect("聞かれた質問")
    child.send("前職で一番の成果は何ですか。\r")
    wait_for_prompt(child)
    child.send(ANSWER + "\r\r")
    child.expect("この質問のカテゴリ")
    child.send(DOWN + "\r")  # the first category of the menu after 分からない・一般
    child.expect("聞かれた質問")


def test_an_entry_is_saved_as_soon_as_it_is_confirmed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    log_one_entry(child)
    # the log is still open at the next question: the entry is in the notebook already
    (entry,) = real_answers(home)
    assert entry["answer"] == ANSWER
    child.send("\r")  # an empty question ends the log
    child.expect("1件の回答を本番の記録として保存しました")
    status, _ = finish(child)
    assert status == 0


def test_ctrl_d_at_the_question_prompt_keeps_the_entries(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    log_one_entry(child)
    child.sendcontrol("d")
    child.expect("記録を終えました。1件の回答を本番の記録として保存しました")
    status, rest = finish(child)
    assert status == 0
    assert "Aborted" not in rest and "Traceback" not in rest
    (entry,) = real_answers(home)
    assert entry["answer"] == ANSWER and entry["category"] == "introduction"


def test_ctrl_d_on_an_empty_answer_ends_the_log_like_practice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    log_one_entry(child)
    child.send("志望動機を教えてください。\r")
    wait_for_prompt(child)
    child.sendcontrol("d")  # nothing typed: the log ends; the question alone is not an entry
    child.expect("記録を終えました。1件の回答を本番の記録として保存しました")
    status, rest = finish(child)
    assert status == 0 and "Aborted" not in rest
    assert [e["answer"] for e in real_answers(home)] == [ANSWER]


def test_ctrl_c_at_the_question_prompt_keeps_the_entries(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    log_one_entry(child)
    child.sendcontrol("c")
    child.expect("記録を終えました。1件の回答を本番の記録として保存しました")
    status, rest = finish(child)
    assert status == 0 and "Aborted" not in rest and "Traceback" not in rest
    assert [e["answer"] for e in real_answers(home)] == [ANSWER]


def test_ctrl_d_before_any_entry_says_nothing_was_saved(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    child.expect("聞かれた質問")
    child.sendcontrol("d")
    child.expect("記録を中止しました（まだ何も保存していません）")
    status, rest = finish(child)
    assert status == 2 and "Aborted" not in rest


def test_ctrl_c_while_typing_keeps_the_half_answer_as_interrupted_and_unscored(
    tmp_path: Path,
) -> None:
    from coach.notebook import Notebook

    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    log_one_entry(child)
    child.send("他部署と対立したときのことを教えてください。\r")
    wait_for_prompt(child)
    child.send("出荷ルールの変更で営業と倉庫が対立したとき、私は双方の")
    child.expect_exact("私は双方の")
    child.sendcontrol("c")
    child.expect("2件の回答を本番の記録として保存しました")
    child.expect("うち1件は入力の途中で中断した回答で、分析せず「中断」として残しています")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    with Notebook(home / "history.db") as nb:
        kept = [(a.answer, a.status, a.score is None) for a in nb.attempts()]
    assert (ANSWER, "answered", False) in kept
    assert ("出荷ルールの変更で営業と倉庫が対立したとき、私は双方の", "interrupted", True) in kept
