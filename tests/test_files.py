"""coach.files: only regular files, only up to a size limit, one Japanese line for every failure."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import files
from coach.cli import app
from coach.errors import CoachError

from support import GOOD_BANK, coach_executable, subprocess_env

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def error_of(path: Path, **kwargs: int) -> str:
    with pytest.raises(CoachError) as info:
        files.read_text(path, **kwargs)
    return str(info.value)


def _limit_memory() -> None:
    # without the fix /dev/zero is read until MemoryError: keep that from taking the machine
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_coach(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [coach_executable(), *args],
        env=subprocess_env(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,  # a FIFO read without the fix blocks forever: this turns that into a failure
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
    )


# The user files every command reads through coach.files, each given a path that is not one.
COMMANDS = {
    "bank": ["questions", "growth", "--bank", "{path}"],
    "validate": ["banks", "validate", "{path}"],
    "company": ["company", "show", "{path}"],
    "batch": ["check", "--batch", "{path}"],
    "answer": ["check", "{path}"],
    "log": ["log", "--from", "{path}"],
}


def _one_error_line(result: subprocess.CompletedProcess[str], path: str, expected: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert path in lines[0] and expected in lines[0], lines[0]
    assert "Traceback" not in result.stderr


@needs_fifo
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, home: Path, command: str) -> None:
    fifo = tmp_path / "bank.yaml"
    os.mkfifo(fifo)
    args = [a.format(path=fifo) for a in COMMANDS[command]]
    result = run_coach(home, *args)
    _one_error_line(result, str(fifo), "通常のファイルではありません（名前付きパイプ（FIFO））")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["bank", "batch", "company"])
def test_dev_zero_is_refused_without_reading_it(home: Path, command: str) -> None:
    args = [a.format(path="/dev/zero") for a in COMMANDS[command]]
    result = run_coach(home, *args)
    _one_error_line(result, "/dev/zero", "通常のファイルではありません（デバイス）")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(files.MAX_FILE_BYTES + 1)  # sparse: the size says it all
    message = error_of(big)
    assert message == (
        f"{big}: ファイルが大きすぎます（5 MB。読み込めるのは 5 MB まで）。分けて指定してください"
    )
    big.write_bytes(b"x" * 2048)
    assert "2 KB" not in error_of(big, limit=1024)  # said in MB, like the limit


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(b"a" * 4096)
    assert files.read_text(path, limit=4096) == "a" * 4096
    assert "大きすぎます" in error_of(path, limit=4095)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_a_size_that_lies_is_not_trusted() -> None:
    # /proc files report size 0 whatever they hold: reading stops at the limit all the same
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0
    message = error_of(maps, limit=16)
    assert "ファイルが大きすぎます" in message and "を超えます" in message


def test_large_bank_through_the_cli_is_one_line(tmp_path: Path, runner: CliRunner) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(GOOD_BANK + "#" + "x" * files.MAX_FILE_BYTES + "\n", encoding="utf-8")
    result = runner.invoke(app, ["banks", "validate", str(big)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"coach: エラー: {big}: ファイルが大きすぎます")


def test_missing_folder_and_dangling_link(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: ファイルが見つかりません"
    assert error_of(tmp_path) == f"{tmp_path}: ファイルではなくフォルダです"
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    assert error_of(link).endswith("ファイルが見つかりません")


def test_a_symlink_loop_is_named_in_japanese(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.symlink_to(b)
    b.symlink_to(a)
    assert error_of(a) == f"{a}: 読み込めません（シンボリックリンクが循環しています）"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads all")
def test_an_unreadable_file_is_named_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert error_of(path) == f"{path}: 読み込めません（読む権限がありません）"


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("category: x\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert files.read_text(link) == "category: x\n"


@pytest.mark.parametrize("args", [["check", "-"], ["log"]])
def test_standard_input_is_read_only_up_to_the_limit(args: list[str], tmp_path: Path) -> None:
    """`< /dev/zero` on standard input is one line, not a read until memory runs out."""
    env = {**os.environ, "COACH_HOME": str(tmp_path / "home")}
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "coach", *args],
            stdin=zero,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert "標準入力" in done.stderr and "大きすぎます" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_batch_file_may_be_larger_than_a_bank(tmp_path: Path) -> None:
    from coach.files import MAX_BATCH_BYTES, MAX_FILE_BYTES

    assert MAX_BATCH_BYTES > 20 * MAX_FILE_BYTES
    lines = (
        json.dumps(
            {"id": f"a{i}", "category": "failure", "answer": "あ" * 1000}, ensure_ascii=False
        )
        for i in range(2000)
    )
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # about 6 MB
    assert path.stat().st_size > MAX_FILE_BYTES
    from coach.banks import load_catalog
    from coach.checking import read_batch

    assert len(read_batch(path, load_catalog())) == 2000
