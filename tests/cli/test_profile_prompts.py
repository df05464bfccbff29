"""The `coach profile` wizard in a terminal: each answer is saved as it is confirmed, and Ctrl-C
or Ctrl-D at any prompt keeps what was confirmed and says so (pexpect, as a user would type)."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
import yaml

from pty_support import finish, spawn, wait_for_prompt

pytestmark = pytest.mark.pty

SELF_PR = "私の強みは調整力です。"
MOTIVATION = "御社の自動化に関わりたいからです。"
REASON = "顧客の課題に最初から関わりたいからです。"


def answer(child: pexpect.spawn, text: str) -> None:
    wait_for_prompt(child)
    child.send(text + "\r\r")


def saved(home: Path) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = yaml.safe_load(
        (home / "profile.yaml").read_text(encoding="utf-8")
    )
    return data


def test_each_answer_is_saved_as_it_is_confirmed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "profile")
    answer(child, SELF_PR)
    child.expect("一次面接で話した志望動機")
    # the wizard is still asking: the first answer is on disk already
    assert saved(home)["round_one"]["self_pr"] == SELF_PR
    child.expect_exact("\x1b[?2004h")
    child.sendcontrol("c")
    child.expect("確定した回答は保存しました")
    status, rest = finish(child)
    assert status == 130
    assert "Aborted" not in rest and "Traceback" not in rest
    assert saved(home)["round_one"]["self_pr"] == SELF_PR


def test_ctrl_d_at_the_axis_prompt_keeps_the_three_answers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "profile")
    for text in (SELF_PR, MOTIVATION, REASON):
        answer(child, text)
    child.expect("キャリアの軸:")
    child.sendcontrol("d")
    child.expect("確定した回答は保存しました")
    status, rest = finish(child)
    assert status == 0
    assert "Aborted" not in rest and "Traceback" not in rest
    assert saved(home)["round_one"] == {
        "self_pr": SELF_PR,
        "motivation": MOTIVATION,
        "reason_for_leaving": REASON,
        "others": [],
    }


def test_ctrl_d_on_an_empty_first_answer_changes_nothing_and_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "profile")
    child.expect_exact("\x1b[?2004h")
    child.sendcontrol("d")
    child.expect("プロフィールは変更していません")
    status, rest = finish(child)
    assert status == 0 and "Aborted" not in rest
    assert not (home / "profile.yaml").exists()
