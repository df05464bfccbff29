"""A retry shows the previous attempt's red flags beside its score and elements (issue 18,
item 4), in a real terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from pty_support import DOWN, finish, spawn, type_answer

pytestmark = pytest.mark.pty

BLAME = "上司が評価してくれず、会社の方針も悪かったので、成果が出ませんでした。"


def test_retry_panel_names_the_previous_red_flags(tmp_path: Path) -> None:
    child = spawn(
        tmp_path / "home", "practice", "-c", "growth", "-n", "1", "--follow-ups", "0",
        "--order", "bank",
    )  # fmt: skip
    type_answer(child, [BLAME])
    child.expect("次はどうしますか")
    child.send(DOWN)
    child.send("\r")  # この質問をやり直す
    child.expect("やり直し")
    # the previous line, colours between its parts: 前回 <date>  <score>点  あった要素: …
    child.expect(r"前回 .*?\d+点  (\x1b\[[0-9;]*m)*あった要素: ")
    child.expect(r"レッドフラグ: (\x1b\[[0-9;]*m)*他責")
    type_answer(child, ["私は工程表を組み直し、納期を2週間短縮しました。"])
    child.expect("やり直しの比較")
    child.expect("次はどうしますか")
    child.send(DOWN * 3)
    child.send("\r")
    child.expect("練習のまとめ")
    status, _ = finish(child)
    assert status == 0
