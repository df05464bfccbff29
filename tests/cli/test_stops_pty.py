"""Stops driven for real in a pseudo-terminal (issue 11, items 4, 6 and 13): SIGTERM and SIGHUP
while an answer is typed keep it as Ctrl-C does, Ctrl-D at a menu ends the input there, and a
profile edit that does not validate offers the editor again."""

from __future__ import annotations

import signal
import stat
from pathlib import Path

import pexpect
import pytest

from coach.notebook import Notebook

from pty_support import finish, spawn, type_answer, wait_for_prompt
from support import coach_executable, subprocess_env

pytestmark = pytest.mark.pty

HALF = "前職では月次の締めを担当しており、書きかけの"


def _attempts(home: Path) -> list[tuple[str, str]]:
    with Notebook(home / "history.db") as nb:
        return [(a.answer, a.status) for a in nb.attempts()]


def _session_statuses(home: Path) -> list[str]:
    with Notebook(home / "history.db") as nb:
        return [r[0] for r in nb.db.execute("SELECT status FROM sessions ORDER BY id")]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_while_typing_keeps_the_text_and_closes_the_session(
    tmp_path: Path, sig: signal.Signals
) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "2", "--follow-ups", "0")
    wait_for_prompt(child)
    child.send(HALF)
    child.expect_exact(HALF[-4:])  # the prompt has the text before the signal comes
    child.kill(sig)
    status, rest = finish(child)
    assert status == 128 + sig
    assert "Traceback" not in rest
    # before: the process died with the signal and nothing of the answer was kept
    assert _attempts(home) == [(HALF, "interrupted")]
    assert _session_statuses(home) == ["interrupted"]


def test_sigterm_after_an_answer_keeps_it_and_the_half_typed_one_in_a_mock(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    child = spawn(home, "mock", "--follow-ups", "0", "--seed", "1")
    type_answer(child, ["私は経理を5年担当し、月次決算の手順書を作って締めを2日短縮しました。"])
    child.expect(r"  2/\d")  # 本番モード: the next question follows, no feedback between
    wait_for_prompt(child)
    child.send(HALF)
    child.expect_exact(HALF[-4:])
    child.kill(signal.SIGTERM)
    status, rest = finish(child)
    assert status == 128 + signal.SIGTERM
    assert "Traceback" not in rest
    kept = _attempts(home)
    assert [s for _, s in kept] == ["interrupted", "answered"]  # newest first
    assert kept[0][0] == HALF
    assert _session_statuses(home) == ["interrupted"]


def test_ctrl_d_at_the_next_menu_ends_the_practice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "2", "--follow-ups", "0")
    type_answer(
        child, ["私は毎朝30分、業務で使う表計算の関数を学び、集計を半日から1時間にしました。"]
    )
    child.expect("次はどうしますか")
    child.sendcontrol("d")  # before: ignored, the menu waited
    child.expect("練習のまとめ", timeout=15)
    status, rest = finish(child)
    assert status == 0
    assert "Traceback" not in rest
    assert [s for _, s in _attempts(home)] == ["answered"]


def test_ctrl_d_at_the_category_menu_ends_without_a_session(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-n", "1")
    child.expect("どのカテゴリを練習しますか")
    child.sendcontrol("d")
    status, rest = finish(child)
    assert status == 0
    assert "Traceback" not in rest and "成長意欲を1問" not in rest


def _editor(tmp_path: Path) -> Path:
    """An editor that breaks the file the first time and writes a valid profile the second."""
    script = tmp_path / "editor.sh"
    count = tmp_path / "count"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ -e "{count}" ]; then\n'
        "  printf 'round_one:\\n  self_pr: 二度目に直した自己PR\\n' > \"$1\"\n"
        "else\n"
        f'  touch "{count}"\n'
        "  printf 'round_one:\\n  self_pr: [閉じ忘れ\\n' > \"$1\"\n"
        "fi\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_rejected_profile_edit_offers_the_editor_again_on_a_terminal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    profile = home / "profile.yaml"
    profile.write_text("round_one:\n  self_pr: 最初の自己PR\n", encoding="utf-8")
    env = subprocess_env(
        home, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", EDITOR=str(_editor(tmp_path))
    )
    child = pexpect.spawn(
        coach_executable(), ["profile", "edit"], env=env, encoding="utf-8", timeout=30
    )
    child.expect("エディタでもう一度直しますか")
    # meanwhile the last valid file is back and the rejected text is beside it
    assert profile.read_text(encoding="utf-8") == "round_one:\n  self_pr: 最初の自己PR\n"
    assert "閉じ忘れ" in (home / "profile.rejected.yaml").read_text(encoding="utf-8")
    child.send("y")
    child.send("\r")
    child.expect("プロフィールを確認しました")
    status, rest = finish(child)
    assert status == 0, rest
    assert "二度目に直した自己PR" in profile.read_text(encoding="utf-8")
    assert not (home / "profile.rejected.yaml").exists()


def test_sigterm_while_typing_in_the_log_keeps_the_half_typed_answer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    child.expect("聞かれた質問")
    child.send("最後に何か質問はありますか。\r")
    wait_for_prompt(child)
    child.send("配属予定のチームの課題を")
    child.expect_exact("課題を")
    child.kill(signal.SIGTERM)
    child.expect("1件の回答を本番の記録として保存しました")
    status, rest = finish(child)
    assert status == 128 + signal.SIGTERM
    assert "Traceback" not in rest
    # kept as typed, as 中断: a fragment is never scored as an answer
    assert _attempts(home) == [("配属予定のチームの課題を", "interrupted")]


def test_a_real_hang_up_keeps_the_text_being_typed(tmp_path: Path) -> None:
    """The terminal goes away (its master side closes): the kernel sends SIGHUP and the input
    ends; whichever the prompt sees first, the text is kept."""
    import os
    import time

    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "2", "--follow-ups", "0")
    wait_for_prompt(child)
    child.send(HALF)
    child.expect_exact(HALF[-4:])
    pid = child.pid
    os.close(child.child_fd)  # hang up, without sending any signal ourselves
    child.closed = True
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("coach did not end after the hang-up")
    assert _attempts(home) == [(HALF, "interrupted")]
    assert _session_statuses(home) == ["interrupted"]
