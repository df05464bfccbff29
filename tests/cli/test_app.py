"""End-to-end tests of the commands through Typer's runner, plus the help meta-test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from coach import __version__
from coach.cli import app

from support import GOOD_BANK, coach_executable, subprocess_env

ROOT = Path(__file__).resolve().parents[2]


def all_commands() -> list[tuple[list[str], Any]]:
    root = typer.main.get_command(app)
    out: list[tuple[list[str], Any]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        out.append((path, cmd))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(root, [])
    return out


@pytest.mark.parametrize(
    ("path", "command"),
    all_commands(),
    ids=lambda v: " ".join(["coach", *v]) if isinstance(v, list) else "",
)
def test_every_command_and_option_has_japanese_help(
    path: list[str], command: Any, runner: CliRunner
) -> None:
    assert command.help, f"coach {' '.join(path)} has no help text"
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"coach {' '.join(path)} {param.opts} has no help"
            assert any(
                "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in param.help
            )
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "オプション" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"coach {__version__}"


def test_banks_lists_categories_with_counts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["banks"])
    assert result.exit_code == 0, result.output
    for name in ("再現性", "逆質問", "成長意欲"):
        assert name in result.output
    assert "結論→理由→具体例" in result.output
    assert "13カテゴリ" in result.output  # the ten of the spec, 自己紹介, マネジメント, 条件
    assert "10職種" in result.output  # the role banks, in their own table


def test_questions_shows_ids_and_intents(runner: CliRunner) -> None:
    result = runner.invoke(app, ["questions", "成長意欲"])
    assert result.exit_code == 0, result.output
    assert "growth-01" in result.output
    assert "意図：" in result.output


def test_unknown_category_exits_2_with_valid_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["questions", "宇宙飛行"])
    assert result.exit_code == 2
    assert "不明なカテゴリです: '宇宙飛行'" in result.output
    assert "growth（成長意欲）" in result.output


def test_banks_validate_ok_and_error(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD_BANK, encoding="utf-8")
    result = runner.invoke(app, ["banks", "validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "1ファイル、1問" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD_BANK.replace("structure: both", "structure: 3"), encoding="utf-8")
    result = runner.invoke(app, ["banks", "validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:5: category.structure" in result.output


def test_user_bank_shows_up_in_banks(runner: CliRunner, home: Path) -> None:
    (home / "banks").mkdir(parents=True)
    (home / "banks" / "sales.yaml").write_text(GOOD_BANK, encoding="utf-8")
    result = runner.invoke(app, ["banks"])
    assert "営業の深掘り" in result.output


def test_bank_option_and_bad_bank_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("category: !!python/object:os.system {}\n", encoding="utf-8")
    result = runner.invoke(app, ["questions", "growth", "--bank", str(bad)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_banks_schema_is_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["banks", "schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "coach question bank"


def test_help_and_version_do_not_import_heavy_modules(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from coach.cli import main\n"
        "sys.argv = ['coach', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('questionary', 'sudachipy', 'prompt_toolkit', 'msgspec', 'yaml')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    for flag in ("--help", "--version"):
        out = subprocess.run(
            [sys.executable, "-c", probe, flag],
            capture_output=True,
            text=True,
            env=subprocess_env(tmp_path),
            check=True,
        )
        assert "HEAVY []" in out.stderr, out.stderr


@pytest.mark.parametrize("command", [["history"], ["practice"], ["banks", "validate"]])
def test_help_of_a_fresh_process_is_japanese(command: list[str], tmp_path: Path) -> None:
    # in-process tests share Typer's module-level titles, so check a fresh process per command
    out = subprocess.run(
        [coach_executable(), *command, "--help"],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path, COLUMNS="80"),
        check=True,
    )
    assert "オプション" in out.stdout and "Options" not in out.stdout
    assert "[default" not in out.stdout
    # at 80 columns every Japanese help text is wrapped, not cut off with …, a line never
    # starts with 。 or 、, and no Python type name stands in for a value
    assert "…" not in out.stdout
    inner = [line.strip("│ ") for line in out.stdout.splitlines()]
    assert not [line for line in inner if line.startswith(("。", "、", "）"))]
    assert "<str>" not in out.stdout and "<bool>" not in out.stdout
    usage = next(line for line in out.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage and "[[" not in usage  # ID / [FILE], as people write usage lines


def test_console_script_runs(tmp_path: Path) -> None:
    out = subprocess.run(
        [coach_executable(), "banks"],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert "再現性" in out.stdout


def test_python_dash_m_works(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "coach", "--version"],
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("coach ")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["show", "abc"], "'ID' の値が正しくありません: 整数を指定してください（指定: abc）"),
        (["show"], "'ID' を指定してください"),
        (["show", "1", "2"], "余分な引数があります: 2"),
        (["practice", "-n", "0"], "1 以上を指定してください（指定: 0）"),
        (["practice", "-n", "99"], "50 以下を指定してください（指定: 99）"),
        (["mock", "-m", "1"], "3 以上を指定してください"),
        (["mock", "-m", "abc"], "数値を指定してください"),
        (["practice", "--hint"], "--hint というオプションはありません。もしかして: --hints"),
        (["--bogus"], "--bogus というオプションはありません"),
        (["bogus"], "bogus というコマンドはありません"),
        (["chek"], "chek というコマンドはありません。もしかして: check。"),
        (["practice", "-c"], "coach practice: -c には値が必要です（coach practice -h"),
        (["banks", "validate"], "'PATH' を指定してください"),
    ],
)
def test_a_mistyped_command_line_is_one_japanese_line_and_exit_2(
    runner: CliRunner, argv: list[str], expected: str
) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert (
        result.output.startswith("coach: エラー: ") and "coach: エラー: coach:" not in result.output
    )
    assert expected in result.output
    assert result.output.count("\n") == 1, result.output
    assert "Usage" not in result.output and "╭" not in result.output


def test_no_args_still_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "practice" in result.output and "エラー" not in result.output


@pytest.mark.parametrize("argv", [["practice", "-c", "failure", "-n", "1"], ["mock"]])
def test_a_script_with_no_answer_is_refused_and_records_nothing(
    runner: CliRunner, argv: list[str]
) -> None:
    result = runner.invoke(app, argv, input="\n  \n---\n")
    assert result.exit_code == 2
    assert "標準入力に回答がありません" in result.output
    assert result.output.count("\n") == 1
    history = runner.invoke(app, ["history"])
    assert "まだ記録がありません" in history.output
