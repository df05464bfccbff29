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
    from coach.cli.common import reset_kept

    paths.set_home(home)
    reset_kept()
    folder = paths.data_dir()
    if folder.exists() and not folder.is_dir():
        from coach.errors import CoachError

        raise CoachError(
            f"{folder}: データフォルダの場所がファイルを指しています。"
            "COACH_HOME か --home にフォルダを指定してください"
        )


def main() -> None:
    """Console-script entry point: an internal error is one line and a crash log, never a
    traceback on the user's screen. The line says what this run saved, and no more."""
    try:
        app(prog_name="coach")
    except Exception as exc:
        raise SystemExit(internal_error(exc)) from None


def internal_error(exc: BaseException) -> int:
    """Report an error no command handled: a data-folder OSError as the one-line error it is
    (exit 2), anything else as an internal error with its crash log (exit 1). Never raises."""
    from coach.cli.common import saved_line

    try:
        saved = saved_line()
    except Exception:
        saved = ""
    folder_error = _data_folder_error(exc)
    if folder_error is not None:
        _say(f"coach: エラー: {folder_error}" + (f" {saved}" if saved else ""))
        return 2
    log = crash_log(exc)
    detail = f"詳細: {log}" if log is not None else "詳細の記録（crash.log）も書けませんでした"
    _say(f"coach: 内部エラーが起きました（{type(exc).__name__}）。{saved}{detail}")
    return 1


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except Exception:
        pass  # no terminal left to tell (a hang-up): the exit status still says it


def _data_folder_error(exc: BaseException) -> str | None:
    """An OSError on a path inside the data folder (it is a file, unwritable, full) in words."""
    if not isinstance(exc, OSError) or not exc.filename:
        return None
    try:
        from coach import paths

        folder = paths.data_dir().absolute()
        target = Path(str(exc.filename)).absolute()
    except Exception:
        return None
    if target != folder and folder not in target.parents:
        return None
    return f"{target}: データフォルダに書き込めません（{exc.strerror or exc}）"


def crash_log(exc: BaseException) -> Path | None:
    """Append a traceback to crash.log in the data folder; return its path, or None when it
    cannot be written (the caller still reports the error in one line)."""
    import traceback
    from datetime import datetime

    try:
        from coach import paths

        path = paths.data_dir() / "crash.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat()} coach {__version__}\n")
            fh.write("".join(traceback.format_exception(exc)))
    except Exception:
        return None
    return path


# The commands register themselves on `app` when their modules are imported.
from coach.cli import notebook, practice, prepare  # noqa: E402

__all__ = ["app", "crash_log", "internal_error", "main", "notebook", "practice", "prepare"]

# `coach --help` lists the main job first.
_ORDER = ["practice", "mock", "check", "questions"]
app.registered_commands.sort(
    key=lambda c: _ORDER.index(c.name) if c.name in _ORDER else len(_ORDER)
)
