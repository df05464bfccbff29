"""The `coach` command line: the Typer app, the entry point and the crash log.

The commands live by what they are for — coach.cli.prepare (banks, questions, rules, profile,
company), coach.cli.practice (practice, mock, check) and coach.cli.notebook (history, show,
stats, export, due, notebook, log) — and are thin: parse options, call one core function,
render its value with coach.views. Typer and Click are taught Japanese in coach.cli.japanese.

Heavy modules (msgspec, yaml, SudachiPy, questionary) are imported inside the commands that need
them, so `coach --help` and `coach --version` start as fast as a bare Typer app.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach import __version__
from coach.cli.japanese import CONTEXT, CoachGroup

app = typer.Typer(
    cls=CoachGroup,
    name="coach",
    help=(
        "二次面接コーチ：現場の面接官が聞く深掘り質問で、回答の型"
        "（結論→理由→具体例、行動・結果・工夫）を練習します。"
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="バージョンを表示して終了します。",
        ),
    ] = False,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            envvar="COACH_HOME",
            help="データフォルダ（履歴・ユーザーバンク・プロフィール）の場所。",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    from coach import paths

    paths.set_home(home)


def main() -> None:
    """Console-script entry point: an internal error is one line and a crash log, never a
    traceback on the user's screen (answers are saved before anything can fail)."""
    try:
        app(prog_name="coach")
    except Exception as exc:
        log = crash_log(exc)
        sys.stderr.write(
            f"coach: 内部エラーが起きました（{type(exc).__name__}）。入力した回答は保存済みです。"
            f"詳細: {log}\n"
        )
        raise SystemExit(1) from None


def crash_log(exc: BaseException) -> Path:
    """Append a traceback to crash.log in the data folder; return its path."""
    import traceback
    from datetime import datetime

    from coach import paths

    path = paths.data_dir() / "crash.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {datetime.now().isoformat()} coach {__version__}\n")
        fh.write("".join(traceback.format_exception(exc)))
    return path


# The commands register themselves on `app` when their modules are imported.
from coach.cli import notebook, practice, prepare  # noqa: E402

__all__ = ["app", "crash_log", "main", "notebook", "practice", "prepare"]

# `coach --help` lists the main job first.
_ORDER = ["practice", "mock", "check", "questions"]
app.registered_commands.sort(
    key=lambda c: _ORDER.index(c.name) if c.name in _ORDER else len(_ORDER)
)
