"""Driving the installed coach in a pseudo-terminal (pexpect): one place for every pty test."""

from __future__ import annotations

from pathlib import Path

import pexpect

from support import coach_executable, subprocess_env

DOWN = "\x1b[B"


def spawn(home: Path, *args: str, columns: int = 110) -> pexpect.spawn:
    env = subprocess_env(
        home, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS=str(columns), LINES="40"
    )
    child = pexpect.spawn(
        coach_executable(),
        list(args),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, columns),
    )
    child.logfile_read = (home.parent / "pty.log").open("a", encoding="utf-8")
    return child


def wait_for_prompt(child: pexpect.spawn) -> None:
    # prompt_toolkit turns on bracketed paste once it owns the terminal; keys sent earlier
    # would be handled by the line discipline instead
    child.expect_exact("\x1b[?2004h")


def type_answer(child: pexpect.spawn, lines: list[str]) -> None:
    wait_for_prompt(child)
    for line in lines:
        child.send(line + "\r")
    child.send("\r")  # an empty line submits


def finish(child: pexpect.spawn) -> tuple[int | None, str]:
    child.expect(pexpect.EOF)
    before = child.before or ""
    # The terminal closes a moment before the process is reaped; close() alone could signal a
    # process that is already exiting and report no exit status at all.
    child.wait()
    child.close()
    return child.exitstatus, before
