"""Command-line values converted without pydantic (coach.cli.coercion): every parameter of
every command gets what Typer's own conversion gives, value and type, or the same error, on
ordinary and awkward values; and `coach check --batch` parses without importing pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from coach.cli import app, coercion

VALUES: list[Any] = [
    None,
    (),
    [],
    True,
    False,
    "",
    "-",
    " ",
    "0",
    "1",
    "7",
    "64",
    "65",
    "-1",
    "07",
    " 7",
    "+7",
    "7_0",
    "1.0",
    "１",
    "x",
    "answers.jsonl",
    "/tmp/",
    "./a/b/",
    "a\udcff",
    "カテゴリ",
    ("a", "b"),
    ("1", "2"),
    ("1", "x"),
    ["7"],
]


def _params() -> list[Any]:
    out: list[Any] = []

    def walk(command: Any) -> None:
        ctx = command.make_context("coach", [], resilient_parsing=True)
        out.extend((command, ctx, p) for p in command.get_params(ctx))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return out


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return ("error", (type(exc), exc.format_message()))
    except Exception as exc:  # what Typer raises is part of the contract
        return ("error", (type(exc), str(exc)))
    return ("value", (type(got), [type(x) for x in got] if isinstance(got, list) else None, got))


def test_plain_conversion_gives_what_typer_gives(tmp_path: Path) -> None:
    (tmp_path / "answers.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    eligible = 0
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        for _command, ctx, param in _params():
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None or not coercion._eligible(descriptor):
                continue
            eligible += 1
            plain = coercion.PlainRuntimeParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
            typer_own = build_runtime_param(descriptor)
            for value in VALUES:
                want = _outcome(typer_own, value, param, ctx)
                got = _outcome(plain, value, param, ctx)
                assert got == want, (param.name, value, got, want)
    assert eligible >= 40  # str, int, bool, Path and list parameters across the commands


def test_check_command_parses_as_before() -> None:
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    args = ["--batch", "answers.jsonl", "--json", "-j", "2", "-b", "x.yaml", "-c", "営業"]
    ctx = command.make_context("check", list(args))
    assert ctx.params == {
        "batch": Path("answers.jsonl"),
        "as_json": True,
        "jobs": 2,
        "bank": [Path("x.yaml")],
        "category": "営業",
        "file": None,
        "question": None,
        "company": None,
        "use_profile": False,
    }


def test_batch_check_does_not_import_pydantic(tmp_path: Path) -> None:
    batch = tmp_path / "answers.jsonl"
    batch.write_text("", encoding="utf-8")
    code = (
        "import sys\n"
        "from coach import checking\n"
        "checking.write_batch_json = lambda *a, **k: None\n"
        "from coach.cli import main\n"
        f"sys.argv = ['coach', 'check', '--batch', {str(batch)!r}, '--json', '-j', '1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
