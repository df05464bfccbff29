"""`coach delete` in a real terminal: it shows what goes and asks, and no is the default."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pty_support import finish, spawn
from support import coach_executable, subprocess_env

pytestmark = pytest.mark.pty

ANSWERS = "私の強みは調整力です。前職で納期の調整を任されていました。\n---\n学んだことをノートにまとめています。\n"


def count(home: Path) -> int:
    from coach.notebook import Notebook

    with Notebook(home / "history.db") as nb:
        return nb.count()


def test_delete_asks_on_a_terminal_and_no_is_the_default(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = subprocess.run(
        [coach_executable(), "practice", "-c", "growth", "-n", "2", "--order", "bank"],
        input=ANSWERS,
        capture_output=True,
        text=True,
        env=subprocess_env(home),
    )
    assert done.returncode == 0, done.stderr
    assert count(home) == 2

    child = spawn(home, "delete", "1")
    child.expect("削除する回答")
    child.expect("この1件の回答を削除しますか？")
    child.send("\r")  # Enter takes the default: no
    child.expect("削除しませんでした")
    status, _ = finish(child)
    assert status == 0 and count(home) == 2

    child = spawn(home, "delete", "1", "2")
    child.expect("この2件の回答を削除しますか？")
    child.send("y")
    child.expect("回答 #1・#2 を削除しました")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    assert count(home) == 0


def test_the_confirmation_names_the_mock_report_that_goes_with_the_answer(tmp_path: Path) -> None:
    import json

    from coach.notebook import Notebook

    home = tmp_path / "home"
    home.mkdir()
    with Notebook(home / "history.db") as nb:
        s = nb.start_session("mock")
        a = nb.record_answer(s, category="growth", question="質問", answer="回答その一")
        nb.record_answer(s, category="growth", question="質問2", answer="回答その二")
        nb.save_report(s, json.dumps({"company": None}))
    child = spawn(home, "delete", str(a))
    child.expect("模擬面接のレポート（セッション #1）も一緒に削除されます")
    child.expect("この1件の回答と、模擬面接のレポートを削除しますか？")
    child.send("\r")  # no, the default
    child.expect("削除しませんでした")
    status, _ = finish(child)
    assert status == 0
    with Notebook(home / "history.db") as nb:
        assert len(nb.reports()) == 1 and nb.count() == 2
