"""Typer and Click in Japanese: help titles and placeholders, `-h` described in Japanese, a
mistyped command line as one Japanese usage-error line, and every CoachError as one line on
stderr with exit status 2 (never a traceback)."""

import re
import sys
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

from coach.cli import coercion
from coach.errors import CoachError

if TYPE_CHECKING:
    from typer._click import Context as ClickContext


CONTEXT = {"help_option_names": ["-h", "--help"]}

HELP_TEXT = "このヘルプを表示して終了します。"


class CoachCommand(TyperCommand):
    """A command whose --help option is described in Japanese too."""

    def get_help_option(self, ctx: "ClickContext") -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_help(self, ctx: "ClickContext", formatter: Any) -> None:
        _japanese_help_titles()
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: "ClickContext", args: list[str]) -> list[str]:
        coercion.install(self.get_params(ctx))  # plain values converted without pydantic
        return super().parse_args(ctx, args)


class CoachGroup(TyperGroup):
    """Turns a CoachError raised anywhere below into one line on stderr and exit status 2."""

    def get_help_option(self, ctx: "ClickContext") -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def parse_args(self, ctx: "ClickContext", args: list[str]) -> list[str]:
        coercion.install(self.get_params(ctx))  # plain values converted without pydantic
        return super().parse_args(ctx, args)

    def make_context(self, *args: Any, **kwargs: Any) -> "ClickContext":
        try:
            return super().make_context(*args, **kwargs)
        except Exception as exc:
            _fail_on_usage_error(exc)
            raise

    def invoke(self, ctx: "ClickContext") -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            fail(str(exc))
        except Exception as exc:
            # a subcommand's own parse error carries no context: name it from ours
            sub = ctx.invoked_subcommand
            _fail_on_usage_error(exc, f"{ctx.command_path} {sub}" if sub else None)
            raise

    def format_help(self, ctx: "ClickContext", formatter: Any) -> None:
        _japanese_help_titles()
        super().format_help(ctx, formatter)


def _fail_on_usage_error(exc: Exception, where: str | None = None) -> None:
    """A mistyped command line (unknown option, missing argument, a value of the wrong type or
    out of range) is one Japanese line and exit status 2, like every other bad input."""
    from typer._click import exceptions as ce

    if not isinstance(exc, ce.UsageError) or isinstance(exc, ce.NoArgsIsHelpError):
        return
    fail(usage_error_line(exc, where))


def usage_error_line(exc: Any, where: str | None = None) -> str:
    from typer._click import exceptions as ce

    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else (where or "coach")
    # the line already starts with 「coach: エラー:」: name a subcommand, not coach again
    lead = "" if where == "coach" else f"{where}: "
    help_hint = f"（{where} -h でヘルプを表示）"
    if isinstance(exc, ce.NoSuchOption):
        maybe = f"もしかして: {', '.join(exc.possibilities)}。" if exc.possibilities else ""
        return f"{lead}{exc.option_name} というオプションはありません。{maybe}{help_hint}"
    if isinstance(exc, ce.MissingParameter):
        name = exc.param.get_error_hint() if exc.param is not None else "引数"
        return f"{lead}{name} を指定してください{help_hint}"
    if isinstance(exc, ce.BadParameter):
        param = exc.param
        name = param.get_error_hint() if param is not None else str(exc.param_hint or "値")
        return f"{lead}{name} の値が正しくありません: {_bad_value(exc)}{help_hint}"
    message = exc.format_message()
    command = re.match(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", message)
    if command:
        maybe = f"もしかして: {command.group(2)}。" if command.group(2) else ""
        return (
            f"{lead}{command.group(1)} というコマンドはありません。{maybe}"
            f"（{where} -h で一覧を表示）"
        )
    needs_value = re.match(r"Option '(.+?)' requires an? ?arguments?", message)
    if needs_value:
        return f"{lead}{needs_value.group(1)} には値が必要です{help_hint}"
    extra = re.match(r"Got unexpected extra argument\(s\) \((.*)\)", message)
    if extra:
        return f"{lead}余分な引数があります: {extra.group(1)}{help_hint}"
    return f"{lead}{message}{help_hint}"


def _bad_value(exc: Any) -> str:
    """Why a value was refused, in Japanese (Typer validates with pydantic)."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        first = errors()[0]
        kind, given = first.get("type", ""), first.get("input")
        limits = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v
            for k, v in (first.get("ctx") or {}).items()
        }
        shown = f"（指定: {given}）" if given is not None else ""
        texts = {
            "int_parsing": "整数を指定してください",
            "int_from_float": "整数を指定してください",
            "float_parsing": "数値を指定してください",
            "greater_than_equal": f"{limits.get('ge')} 以上を指定してください",
            "less_than_equal": f"{limits.get('le')} 以下を指定してください",
            "greater_than": f"{limits.get('gt')} より大きい値を指定してください",
            "less_than": f"{limits.get('lt')} より小さい値を指定してください",
        }
        if kind in texts:
            return texts[kind] + shown
    message = str(exc.message)
    for english, japanese in (
        (r"'(.*)' does not exist", "{} が見つかりません"),
        (r"'(.*)' is a file", "{} はファイルです。フォルダを指定してください"),
        (r"'(.*)' is a directory", "{} はフォルダです。ファイルを指定してください"),
        (r"'(.*)' is not readable", "{} を読めません"),
    ):
        found = re.search(english, message)
        if found:
            return japanese.format(found.group(1))
    return message


# What the type column of an option shows: a short placeholder instead of a Python type name
# (<str>, <list[Path]>), and nothing for a flag, which takes no value.
_TYPE_PLACEHOLDERS = {
    "<str>": "TEXT",
    "<int>": "N",
    "<int range>": "N",
    "<float>": "N",
    "<float range>": "N",
    "<path>": "PATH",
}


def _japanese_help_titles() -> None:
    """Make Typer's Rich help read well in Japanese: titles in Japanese, long Japanese lines
    folded at the column edge (Rich breaks lines only at spaces, and cut the rest off with …),
    and value placeholders instead of Python type names. Runs only when help is shown."""
    from rich.text import Text
    from typer import core, rich_utils

    from coach.views import kinsoku

    kinsoku.install()

    rich_utils.ARGUMENTS_PANEL_TITLE = "引数"
    rich_utils.OPTIONS_PANEL_TITLE = "オプション"
    rich_utils.COMMANDS_PANEL_TITLE = "コマンド"
    rich_utils.ERRORS_PANEL_TITLE = "エラー"
    rich_utils.DEFAULT_STRING = "[既定: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[必須]"
    rich_utils.ENVVAR_STRING = "[環境変数: {}]"
    if getattr(rich_utils, "_coach_patched", False):
        return
    rich_utils._coach_patched = True  # type: ignore[attr-defined]
    make_text = rich_utils._make_rich_text

    def folding_text(**kwargs: Any) -> Any:
        made = make_text(**kwargs)
        if isinstance(made, Text):
            made.overflow = "fold"
        return made

    rich_utils._make_rich_text = folding_text
    shown_type = core.TyperOption.display_type_rich

    def placeholder(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False):
            return None
        shown = shown_type(self, ctx)
        if shown is None or self.metavar is not None:
            return shown
        if shown.startswith("<list["):
            return "PATH" if "Path" in shown else "TEXT"
        return _TYPE_PLACEHOLDERS.get(shown, shown.strip("<>").upper())

    core.TyperOption.display_type_rich = placeholder  # type: ignore[method-assign]
    # an argument's name already says what it is (FILE, ID, CATEGORY)
    core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

    def usage_name(self: Any) -> str:
        # the usual convention: ID for a required argument, [FILE] for an optional one
        name = str(self.display_name_raw).upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line to stderr and exit (never a traceback)."""
    sys.stderr.write(f"coach: エラー: {message}\n")
    sys.stderr.flush()
    raise typer.Exit(code)
