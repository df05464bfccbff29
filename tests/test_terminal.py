"""What the terminal layer reads is repaired before anything stores or shows it: bytes that are
not UTF-8, escape sequences, control characters (coach.sanitize.clean)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coach.session import Ask
from coach.terminal import ScriptAsker, script_text

from support import coach_executable, subprocess_env

ANSWER = "私は月次決算の手順書を作り、締めを5日から3日に短縮しました。"


@given(st.binary(max_size=300))
def test_any_bytes_on_standard_input_become_storable_text(raw: bytes) -> None:
    text = script_text(raw)
    text.encode("utf-8")  # no lone surrogate: SQLite and SudachiPy accept it
    assert not any(ord(ch) < 0x20 and ch not in "\n\t" for ch in text)
    assert "\x7f" not in text and "\x1b" not in text


def test_invalid_utf8_is_replaced_not_refused() -> None:
    assert script_text(b"\xff\xfe" + ANSWER.encode()) == "\ufffd\ufffd" + ANSWER


def test_scripted_blocks_are_cleaned() -> None:
    asker = ScriptAsker("\x1b[2J" + ANSWER + "\r\n---\n次の\x07回答\n")
    assert asker(Ask("answer", "質問")) == ANSWER
    assert asker(Ask("answer", "質問")) == "次の回答"


def test_a_scripted_practice_fed_invalid_utf8_saves_the_answer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = subprocess_env(home)
    done = subprocess.run(
        [coach_executable(), "practice", "-c", "growth", "-n", "1"],
        input=b"\xff\xfe" + ANSWER.encode("utf-8"),
        capture_output=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    exported = subprocess.run(
        [coach_executable(), "export", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    data = json.loads(exported.stdout)
    answers = [
        question["latest"]["answer"]
        for category in data["categories"]
        for question in category["questions"]
    ]
    assert answers == ["\ufffd\ufffd" + ANSWER]


def test_a_piped_log_with_invalid_utf8_is_recorded(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = subprocess_env(home)
    done = subprocess.run(
        [coach_executable(), "log", "--company", "株式会社テスト"],
        input="Q: 前職での成果は？\nA: ".encode() + ANSWER.encode() + b"\xff\n",
        capture_output=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    exported = subprocess.run(
        [coach_executable(), "export", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    (entry,) = json.loads(exported.stdout)["real"]
    assert entry["answer"] == ANSWER + "\ufffd"


def test_the_key_help_fits_80_columns_with_the_clock_and_says_how_to_stop_first() -> None:
    """The bottom line at 80 columns always keeps the Ctrl-C hint; it names no 練習 (a mock and
    the profile use it too)."""
    import unicodedata

    from coach.terminal import FINISH_HELP, FINISH_HELP_FOLLOW_UP

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    clock = " 経過 12:34 | "
    for line in (FINISH_HELP, FINISH_HELP_FOLLOW_UP):
        assert width(clock + line) <= 80, line
        assert line.index("Ctrl-C") < 30 and "練習" not in line
