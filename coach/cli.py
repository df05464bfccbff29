"""The `coach` command line: thin commands that parse options, call the core and render.

Heavy modules (msgspec, yaml, SudachiPy, questionary) are imported inside the commands that need
them, so `coach --help` and `coach --version` start as fast as a bare Typer app.
"""

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from coach import __version__
from coach.errors import CoachError

if TYPE_CHECKING:
    from rich.console import Console
    from typer._click import Context as ClickContext

    from coach.banks import Catalog


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


class CoachGroup(TyperGroup):
    """Turns a CoachError raised anywhere below into one line on stderr and exit status 2."""

    def get_help_option(self, ctx: "ClickContext") -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

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

    from coach import kinsoku

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


CONTEXT = {"help_option_names": ["-h", "--help"]}

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


def build_context(company: Path | None = None, use_profile: bool = True) -> Any:
    """The profile and company context, with a warning when the company file is still the
    unedited template (its suggestions would be about a made-up company)."""
    from coach import second

    context = second.build_context(company, use_profile)
    if context.company is not None and context.company.name == second.TEMPLATE_COMPANY:
        sys.stderr.write(
            f"coach: 注意: {company} はひな形の会社（{second.TEMPLATE_COMPANY}）のままです。"
            "受ける会社の情報に書き換えてから使ってください\n"
        )
    return context


def script_asker(out: "Console", example: str) -> Any:
    """Answers read from a non-terminal standard input; refuses input with no answer at all
    rather than recording an empty session."""
    from coach import render, terminal

    asker = terminal.ScriptAsker(
        sys.stdin, echo=lambda block: out.print(render.literal(block), style="dim")
    )
    if not any(block.strip() for block in asker.blocks):
        raise CoachError(
            "標準入力に回答がありません。回答を「---」だけの行で区切って渡してください"
            f"（例: {example}）"
        )
    return asker


def console(stderr: bool = False) -> "Console":
    from rich.console import Console

    from coach import kinsoku

    kinsoku.install()
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


CompanyOption = Annotated[
    Path | None,
    typer.Option(
        "--company",
        help="企業プロフィールのYAML（coach company init で作成）。志望動機と逆質問のチェックに使います。",
    ),
]

BankOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--bank",
        "-b",
        help="追加で読み込む質問バンク（YAMLファイルかフォルダ）。何度でも指定できます。",
    ),
]


def start_warm_up() -> None:
    """Load the analyzer in the background while the first answer is typed. Not a daemon: a
    daemon thread stopped inside SudachiPy's native code at exit aborts the whole process
    (SIGABRT) when a user quits within the first second."""
    import threading

    from coach.analysis import warm_up

    threading.Thread(target=warm_up, name="coach-warm-up").start()


def load_catalog(banks: list[Path] | None) -> "Catalog":
    from coach.banks import load_catalog as _load

    return _load(banks or [])


# --- banks ------------------------------------------------------------------------------------

banks_app = typer.Typer(
    cls=CoachGroup,
    help="質問バンク（カテゴリと質問のYAML）を一覧・検証します。",
    invoke_without_command=True,
    context_settings=CONTEXT,
)
app.add_typer(banks_app, name="banks", rich_help_panel="準備")


@banks_app.callback()
def banks_list(ctx: typer.Context, bank: BankOption = None) -> None:
    """カテゴリの一覧（日本語名・回答の型・質問数）を表示します。"""
    if ctx.invoked_subcommand is not None:
        return
    from coach import render

    catalog = load_catalog(bank)
    console().print(render.categories_table(catalog))


@banks_app.command("validate", cls=CoachCommand)
def banks_validate(
    paths_: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="検証するバンクのYAMLファイルまたはフォルダ。",
            show_default=False,
        ),
    ],
) -> None:
    """自作の質問バンクを検証します（組み込みバンクとの重複も確認）。"""
    from coach.banks import validate

    files, questions, errors = validate(paths_)
    if errors:
        for line in errors:
            sys.stderr.write(f"coach: エラー: {line}\n")
        raise typer.Exit(2)
    typer.echo(f"OK: {files}ファイル、{questions}問を確認しました。")


@banks_app.command("schema", cls=CoachCommand)
def banks_schema() -> None:
    """質問バンクの JSON Schema を出力します（YAMLエディタの補完用）。"""
    import json

    from coach.banks import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


# --- questions --------------------------------------------------------------------------------


@app.command("questions", cls=CoachCommand, rich_help_panel="準備")
def questions_cmd(
    category: Annotated[
        str,
        typer.Argument(
            help="カテゴリID または日本語名（例: growth, 成長意欲）。", show_default=False
        ),
    ],
    bank: BankOption = None,
) -> None:
    """カテゴリの質問を、IDと面接官の意図つきで一覧表示します。"""
    from coach import render

    catalog = load_catalog(bank)
    cat = catalog.category(category)
    console().print(render.questions_view(catalog, cat))


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


# --- check ------------------------------------------------------------------------------------


@app.command("check", cls=CoachCommand, rich_help_panel="練習")
def check_cmd(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE | -",
            help="回答のテキストファイル。省略するか - で標準入力から読みます。",
            show_default=False,
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            help="カテゴリID または日本語名。省略すると一般（逆質問のルールなし）で確認します。",
        ),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option(
            "--question", "-q", help="面接官の質問文（結論が最初にあるかの判定に使います）。"
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="結果を JSON で出力します（スクリプト向け）。")
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="JSON Lines のファイル（1行に id, category, question, answer）をまとめて確認します。",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=64,
            help="--batch で同時に使うプロセス数（省略時はCPU数、200件以上のとき並列）。",
        ),
    ] = None,
    company: CompanyOption = None,
    use_profile: Annotated[
        bool,
        typer.Option(
            "--profile/--no-profile",
            help="プロフィール（一次面接の回答・キャリアの軸）も使って確認します。",
        ),
    ] = False,
    bank: BankOption = None,
) -> None:
    """回答を1つ（または --batch でまとめて）分析し、型・要素・レッドフラグを指摘します。"""
    from coach import checking

    if batch is not None:
        if file is not None:
            raise CoachError("--batch と回答ファイルは同時に指定できません")
        catalog = load_catalog(bank)
        items = checking.read_batch(batch, catalog)
        if as_json:
            checking.write_batch_json(items, catalog, sys.stdout, jobs)
        else:
            from coach import render

            console().print(render.batch_table(checking.analyse_batch(items, catalog)))
        return
    text, source = checking.read_answer(file)
    if not text.strip():
        raise CoachError(f"{source}: 回答が空です。何か書いてから確認してください")
    catalog = load_catalog(bank)

    context = build_context(company, use_profile) if company or use_profile else None
    analysis = checking.check_one(text, catalog, category, question, context)
    if as_json:
        import json

        sys.stdout.write(json.dumps(analysis.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    from coach import render

    console().print(render.feedback(analysis, all_findings=True))


# --- rules ------------------------------------------------------------------------------------

rules_app = typer.Typer(
    cls=CoachGroup,
    help="回答チェックのルール（コード・名前・レベル）を一覧・説明します。",
    invoke_without_command=True,
    context_settings=CONTEXT,
)
app.add_typer(rules_app, name="rules", rich_help_panel="準備")


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Markdown で出力します（docs/rules.md の生成用）。"),
    ] = False,
) -> None:
    """ルールの一覧（系統ごとのコード・名前・レベル・減点）を表示します。"""
    if ctx.invoked_subcommand is not None:
        return
    from coach import render
    from coach.analysis import rules

    registry = rules.load_all()
    if markdown:
        typer.echo(render.rules_markdown(registry), nl=False)
        return
    console().print(render.rules_table(registry))


@rules_app.command("explain", cls=CoachCommand)
def rules_explain(
    code: Annotated[
        str,
        typer.Argument(
            help="ルールのコード（例: S101）または名前（例: blame）。", show_default=False
        ),
    ],
) -> None:
    """ルールの内容・面接官が気にする理由・直し方・例を表示します。"""
    from coach import render
    from coach.analysis import rules

    registry = rules.load_all()
    wanted = code.strip()
    found = registry.get(wanted.upper()) or next(
        (r for r in registry.values() if r.name == wanted.lower()), None
    )
    if found is None:
        raise CoachError(
            f"不明なルールです: '{code}'。coach rules で一覧を確認してください"
            f"（例: {', '.join(list(registry)[:4])}）"
        )
    console().print(render.rule_detail(found))


# --- practice ---------------------------------------------------------------------------------


def show_event(event: object, out: "Console", keys: bool = True) -> None:
    """Render one session event. A failure here never loses an answer: it is already saved.
    ``keys`` is False for scripted input, where there are no keys to explain."""
    from coach import render, session

    try:
        if isinstance(event, session.QuestionShown):
            out.print()
            out.print(render.question_panel(event))
            if keys:
                out.print(Text_(render.FINISH_HINT, style="dim"))
        elif isinstance(event, session.FeedbackShown):
            out.print(
                render.feedback(
                    event.analysis,
                    before=event.before,
                    elapsed=event.elapsed,
                    limit=event.limit,
                    previous=event.previous,
                    target=event.target,
                )
            )
        elif isinstance(event, session.FollowUpAsked):
            out.print(render.follow_up_panel(event.text, event.element))
            if keys:
                out.print(Text_(render.FINISH_HINT_FOLLOW_UP, style="dim"))
        elif isinstance(event, session.ModelAnswerShown):
            out.print(render.model_answer_panel(event.question))
        elif isinstance(event, session.RetryCompared):
            out.print(render.retry_comparison(event.before, event.after))
        elif isinstance(event, session.SuggestionsShown):
            out.print(render.suggestions_panel(event.company, event.questions))
        elif isinstance(event, session.Notice):
            out.print(Text_(event.message, style="yellow"))
    except Exception as exc:  # a rendering bug must not end the session
        log = crash_log(exc)
        out.print(
            Text_(f"（表示中にエラーが起きました。回答は保存済みです。詳細: {log}）", style="red")
        )


def Text_(text: str, style: str = "") -> Any:
    from rich.text import Text

    return Text(text, style=style)


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


@app.command("practice", cls=CoachCommand, rich_help_panel="練習")
def practice_cmd(
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            help="練習するカテゴリ（IDか日本語名）。省略するとメニューから選べます。",
        ),
    ] = None,
    count: Annotated[
        int, typer.Option("-n", "--count", min=1, max=50, help="出題する質問の数。")
    ] = 3,
    order: Annotated[
        str,
        typer.Option(
            "--order", help="出題順: random（重複なしのランダム）または bank（バンクの順）。"
        ),
    ] = "random",
    timer: Annotated[
        int | None,
        typer.Option(
            "--timer",
            min=10,
            max=1800,
            help="1問あたりの目安時間（秒）。超えても入力は止めません。",
        ),
    ] = None,
    hints: Annotated[
        bool,
        typer.Option("--hints", help="面接官の意図・求める要素・ヒントを質問と一緒に表示します。"),
    ] = False,
    follow_ups: Annotated[
        int | None,
        typer.Option(
            "--follow-ups",
            min=0,
            max=5,
            help="足りない要素について面接官が深掘りする回数の上限（端末では2、標準入力からは0）。",
        ),
    ] = None,
    editor: Annotated[
        bool, typer.Option("--editor", help="回答を $EDITOR で書きます（長い回答向け）。")
    ] = False,
    due: Annotated[
        bool, typer.Option("--due", help="復習の時期が来た質問から先に出題します。")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="出題順の乱数の種（同じ順番を再現したいとき）。")
    ] = None,
    company: CompanyOption = None,
    bank: BankOption = None,
) -> None:
    """二次面接の深掘り質問に答えて、型のチェックと追加質問を受けます（メインの練習）。

    回答は複数行で入力できます。空行（Enter を2回）か Ctrl-D で確定、Ctrl-C で中断します。

    端末でない標準入力からは、「---」だけの行で区切った回答を順に読みます（このとき追加質問は既定でなし。--follow-ups を付けると、追加質問にも次のブロックで答えます）。
    """
    from coach import render, schedule, terminal
    from coach.notebook import open_notebook
    from coach.session import Interrupted, Plan, choose_questions, run_practice

    if order not in ("random", "bank"):
        raise CoachError(f"--order は random か bank を指定してください（指定: {order}）")
    catalog = load_catalog(bank)
    interactive = terminal.stdin_is_terminal()
    out = console()
    notebook = open_notebook()
    try:
        if category is None and due:
            # --due alone: the category of the question that has waited longest
            waiting = [
                d for d in schedule.due_questions(notebook) if d.category in catalog.categories
            ]
            if waiting:
                category = waiting[0].category
                out.print(
                    Text_(
                        f"復習の時期が来た質問がある「{catalog.categories[category].name}」"
                        "から出題します。",
                        style="dim",
                    )
                )
            else:
                out.print(Text_("いま復習の時期が来た質問はありません。", style="dim"))
        if category is not None:
            cat = catalog.category(category)
        elif interactive:
            from coach import stats

            weakest = stats.weakest_category(notebook)
            options = []
            for c in catalog.ordered():
                label = f"{c.name}（{c.id}）  {len(catalog.questions_of(c.id))}問"
                if c.id == weakest:
                    label += "  ★いちばん伸びしろがあるカテゴリ"
                options.append((c.id, label))
            try:
                picked = terminal.choose_category(options, weakest)
            except Interrupted:
                raise typer.Exit(130) from None
            if picked is None:
                raise typer.Exit(0)
            cat = catalog.categories[picked]
        else:
            raise CoachError(
                "標準入力が端末ではありません。--category でカテゴリを指定してください"
                "（例: coach practice -c growth < answers.txt）"
            )
        first: list[str] = []
        if due:
            first = [d.question_id for d in schedule.due_questions(notebook, category=cat.id)]
        questions = choose_questions(catalog, cat, count, order, seed, first)
        if not questions:
            raise CoachError(f"カテゴリ '{cat.id}' に質問がありません")
        if interactive:
            asker: Any = terminal.EditorAsker() if editor else terminal.TerminalAsker()
        else:
            asker = script_asker(out, f"coach practice -c {cat.id} < answers.txt")

        if follow_ups is None:
            # a script cannot know in advance which follow-ups will be asked
            follow_ups = 2 if interactive else 0
        plan = Plan(
            catalog=catalog,
            questions=questions,
            follow_ups=follow_ups,
            timer=timer,
            hints=hints,
            interactive=interactive,
            timed=interactive,
            seed=seed,
            context=build_context(company),
        )
        out.print(
            Text_(
                f"二次面接コーチ：{cat.name}を{len(questions)}問練習します。"
                "現場の面接官になったつもりで深掘りします。",
                style="bold",
            )
        )

        start_warm_up()
        summary = run_practice(
            plan,
            asker,
            lambda event: show_event(event, out, keys=interactive),
            notebook,
            on_scored=schedule.reviewer(notebook, catalog),
        )
        out.print()
        try:
            out.print(render.summary_view(summary))
        except Exception as exc:
            out.print(f"（まとめの表示に失敗しました。回答は保存済みです。詳細: {crash_log(exc)}）")
        if summary.interrupted:
            raise typer.Exit(130)
    finally:
        notebook.close()


# --- the interview notebook -------------------------------------------------------------------


def category_names(catalog: "Catalog") -> dict[str, str]:
    names = {c.id: c.name for c in catalog.categories.values()}
    names["general"] = "一般"
    return names


CategoryFilter = Annotated[
    str | None, typer.Option("--category", "-c", help="カテゴリ（IDか日本語名）で絞り込みます。")
]


@app.command("history", cls=CoachCommand, rich_help_panel="面接ノート")
def history_cmd(
    category: CategoryFilter = None,
    limit: Annotated[
        int, typer.Option("--limit", "-l", min=1, max=1000, help="表示する件数。")
    ] = 10,
    bank: BankOption = None,
) -> None:
    """最近のセッションと回答を一覧表示します。"""
    from coach import render
    from coach.notebook import open_notebook

    catalog = load_catalog(bank)
    cat_id = catalog.category(category).id if category else None
    with open_notebook() as nb:
        sessions = nb.sessions(category=cat_id, limit=limit)
        attempts = nb.attempts(category=cat_id, limit=limit)
    console().print(render.history_view(sessions, attempts, category_names(catalog)))


@app.command("show", cls=CoachCommand, rich_help_panel="面接ノート")
def show_cmd(
    attempt_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", help="回答のID（coach history で表示される番号）。", show_default=False
        ),
    ],
    bank: BankOption = None,
) -> None:
    """1つの回答を、そのとき表示したフィードバックと一緒に表示します。"""
    from coach import render
    from coach.notebook import open_notebook

    catalog = load_catalog(bank)
    with open_notebook() as nb:
        attempt = nb.attempt(attempt_id)
    console().print(
        render.attempt_view(
            attempt, category_names(catalog).get(attempt.category, attempt.category)
        )
    )


@app.command("stats", cls=CoachCommand, rich_help_panel="面接ノート")
def stats_cmd(
    since: Annotated[
        str | None,
        typer.Option("--since", help="この日付（YYYY-MM-DD）以降の回答だけで集計します。"),
    ] = None,
    bank: BankOption = None,
) -> None:
    """上達の様子: カテゴリ別の平均と推移、要素の出現率、よく出るレッドフラグ、次の練習。"""
    from coach import render, stats
    from coach.notebook import open_notebook

    catalog = load_catalog(bank)
    with open_notebook() as nb:
        result = stats.collect(nb, catalog, parse_date(since, "--since"))
    console().print(render.stats_view(result, category_names(catalog)))


def parse_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    from datetime import datetime

    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise CoachError(
            f"{option}: 日付は YYYY-MM-DD の形で指定してください（指定: {value}）"
        ) from None
    return day.astimezone().isoformat()


@app.command("export", cls=CoachCommand, rich_help_panel="面接ノート")
def export_cmd(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="出力形式: markdown（読む用）または json（保存・加工用）。"
        ),
    ] = "markdown",
    category: CategoryFilter = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="この日付（YYYY-MM-DD）以降の回答だけを書き出します。"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="書き出すファイル。省略すると画面に出力します。"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="既存のファイルを上書きします。")] = False,
    bank: BankOption = None,
) -> None:
    """面接ノートを書き出します（質問ごとの最新・ベストの回答と指摘）。

    カテゴリごとに、各質問の最新とベストの回答・指摘・追加質問、本番の記録、模擬面接のレポートを含みます。
    """
    from coach import export
    from coach.notebook import open_notebook

    if fmt not in ("markdown", "json"):
        raise CoachError(f"--format は markdown か json を指定してください（指定: {fmt}）")
    if output is not None and output.exists() and not force:
        raise CoachError(
            f"{output}: すでにファイルがあります。上書きするには --force を付けてください"
        )
    catalog = load_catalog(bank)
    cat_id = catalog.category(category).id if category else None
    since_at = parse_date(since, "--since")
    with open_notebook() as nb:
        attempts = nb.attempts(category=cat_id, since=since_at, newest_first=False)
        reports = [] if cat_id else [r for _, r in nb.reports(since_at)]
    if fmt == "markdown":
        text = export.markdown(catalog, attempts, reports=reports)
    else:
        text = export.as_json(catalog, attempts, reports=reports)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"{output}: 書き込めません（{exc.strerror}）") from None
    typer.echo(f"面接ノートを書き出しました: {output}")


@app.command("due", cls=CoachCommand, rich_help_panel="面接ノート")
def due_cmd(
    category: CategoryFilter = None,
    bank: BankOption = None,
) -> None:
    """復習の時期が来た質問をカテゴリごとに表示します（間隔反復 FSRS）。"""
    from coach import render, schedule
    from coach.notebook import open_notebook

    catalog = load_catalog(bank)
    cat_id = catalog.category(category).id if category else None
    with open_notebook() as nb:
        due = schedule.due_questions(nb, category=cat_id)
        upcoming = [d for d in schedule.upcoming(nb) if cat_id is None or d.category == cat_id]
    console().print(render.due_view(due, upcoming, catalog))


notebook_app = typer.Typer(
    cls=CoachGroup,
    help="面接ノート（履歴のデータベース）の場所の確認と退避。",
    no_args_is_help=True,
    context_settings=CONTEXT,
)
app.add_typer(notebook_app, name="notebook", rich_help_panel="面接ノート")


@notebook_app.command("path", cls=CoachCommand)
def notebook_path_cmd() -> None:
    """面接ノートのファイルの場所を表示します。"""
    from coach.notebook import db_path

    typer.echo(str(db_path()))


@notebook_app.command("move-aside", cls=CoachCommand)
def notebook_move_aside_cmd() -> None:
    """読めなくなった面接ノートを別名に退避します（次回の起動で新しく作られます）。"""
    from coach.notebook import move_aside

    target = move_aside()
    if target is None:
        typer.echo("面接ノートのファイルはまだありません。")
        return
    typer.echo(f"退避しました: {target}")


@app.command("log", cls=CoachCommand, rich_help_panel="面接ノート")
def log_cmd(
    company: Annotated[str | None, typer.Option("--company", help="面接を受けた会社名。")] = None,
    round_: Annotated[
        str | None, typer.Option("--round", help="面接の段階（例: 一次, 二次, 最終）。")
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="質問と回答を書いたファイル（「Q: 質問」「A: 回答」「C: カテゴリ」、区切りは ---）。",
        ),
    ] = None,
    bank: BankOption = None,
) -> None:
    """本番の面接を当日のうちに記録します（練習と同じように分析）。

    回答は練習と同じように分析され、「本番」として統計と書き出しに入ります。
    """
    from coach import real, render, terminal
    from coach.notebook import open_notebook

    catalog = load_catalog(bank)
    out = console()
    if source is not None:
        entries = real.parse_log(source, catalog)
    elif terminal.stdin_is_terminal():
        entries = real.ask_log(catalog, company, round_)
        company = company or real.LAST_COMPANY.get("company")
        round_ = round_ or real.LAST_COMPANY.get("round")
    else:
        from coach.files import decode

        entries = real.parse_log_text(
            decode(sys.stdin.buffer.read(), "標準入力"), "標準入力", catalog
        )
    if not entries:
        raise CoachError("記録する質問と回答がありません")
    with open_notebook() as nb:
        results = real.record(nb, catalog, entries, company or "（会社名なし）", round_ or "二次")
    for entry, analysis in results:
        out.print(render.literal("■ " + entry.question, "bold"))
        out.print(render.feedback(analysis))
    typer.echo(
        f"{len(results)}件の回答を本番の記録として保存しました（coach stats / coach export に反映されます）。"
    )


# --- profile and company ----------------------------------------------------------------------

profile_app = typer.Typer(
    cls=CoachGroup,
    help="一次面接の回答とキャリアの軸を記録します（同じ話・軸のブレの確認用）。",
    invoke_without_command=True,
    context_settings=CONTEXT,
)
app.add_typer(profile_app, name="profile", rich_help_panel="準備")


@profile_app.callback()
def profile_cmd(ctx: typer.Context) -> None:
    """一次面接の回答（自己PR・志望動機・転職理由）とキャリアの軸を、質問に答えて記録します。"""
    if ctx.invoked_subcommand is not None:
        return
    from coach import render, second, terminal

    if not terminal.stdin_is_terminal():
        raise CoachError(
            "coach profile は対話的に入力します。ファイルで書く場合は coach profile edit を使ってください"
        )
    current = second.load_profile() or second.Profile()
    try:
        profile = second_wizard(current)
    except second_interrupted() as stop:
        raise typer.Exit(130) from stop
    path = second.save_profile(profile)
    out = console()
    out.print(render.profile_view(profile))
    out.print(Text_(f"保存しました: {path}（coach profile edit で直せます）", style="green"))


def second_interrupted() -> type[BaseException]:
    from coach.session import Interrupted

    return Interrupted


def second_wizard(current: Any) -> Any:
    """Ask for each round-one answer and the career axis; Enter on an empty answer keeps the
    current value."""
    import questionary

    from coach import second
    from coach.session import Ask, Interrupted
    from coach.terminal import TerminalAsker

    asker = TerminalAsker()
    out = console()
    r = current.round_one
    values = {}
    for key, title in (
        ("self_pr", "一次面接で話した自己紹介・自己PR"),
        ("motivation", "一次面接で話した志望動機"),
        ("reason_for_leaving", "一次面接で話した転職理由"),
    ):
        out.print(Text_(f"■ {title}（空のまま確定すると今の内容のまま）", style="bold"))
        old = getattr(r, key)
        if old:
            out.print(Text_("今の内容: " + old.replace("\n", " ")[:80], style="dim"))
        text = asker.answer(Ask("answer", title))
        values[key] = text.strip() if text and text.strip() else old
    out.print(Text_("■ キャリアの軸を一文で（例: 現場の課題を仕組みで解決する）", style="bold"))
    try:
        statement = questionary.text(
            "キャリアの軸:", default=current.career_axis.statement
        ).unsafe_ask()
        keywords = questionary.text(
            "軸を表すキーワード（読点かカンマで区切る）:",
            default="、".join(current.career_axis.keywords),
        ).unsafe_ask()
    except KeyboardInterrupt:
        raise Interrupted("") from None
    words = [w.strip() for w in re.split(r"[、,，]", keywords or "") if w.strip()]
    return second.Profile(
        round_one=second.RoundOne(
            self_pr=values["self_pr"],
            motivation=values["motivation"],
            reason_for_leaving=values["reason_for_leaving"],
            others=r.others,
        ),
        career_axis=second.CareerAxis(statement=(statement or "").strip(), keywords=words),
    )


@profile_app.command("show", cls=CoachCommand)
def profile_show_cmd() -> None:
    """記録したプロフィールを表示します。"""
    from coach import render, second

    profile = second.load_profile()
    if profile is None:
        typer.echo("プロフィールはまだありません。coach profile で記録できます。")
        return
    console().print(render.profile_view(profile))


@profile_app.command("edit", cls=CoachCommand)
def profile_edit_cmd() -> None:
    """プロフィールのYAMLファイルを $EDITOR で開いて編集します（保存後に検証します）。"""
    import os
    import shlex
    import subprocess

    from coach import second

    path = second.profile_path()
    if not path.exists():
        second.save_profile(second.Profile())
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run([*shlex.split(command), str(path)], check=False)
    except FileNotFoundError:
        raise CoachError(
            f"エディタ '{command}' が見つかりません。環境変数 EDITOR を設定してください"
        ) from None
    second.load_profile(path)  # a mistake is reported with its line
    typer.echo(f"プロフィールを確認しました: {path}")


company_app = typer.Typer(
    cls=CoachGroup,
    help="企業プロフィール（事業・課題・職種・チーム）のファイルを作成・確認します。",
    no_args_is_help=True,
    context_settings=CONTEXT,
)
app.add_typer(company_app, name="company", rich_help_panel="準備")


@company_app.command("init", cls=CoachCommand)
def company_init_cmd(
    file: Annotated[Path, typer.Argument(help="作成するYAMLファイル。", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="既存のファイルを上書きします。")] = False,
) -> None:
    """コメント付きの企業プロフィールの雛形を作ります。調べた内容で書き換えて使います。"""
    from coach import second

    path = second.write_company_template(file, force)
    typer.echo(f"企業プロフィールの雛形を作りました: {path}")
    typer.echo(f"書き換えたら: coach practice -c motivation --company {path}")


@company_app.command("show", cls=CoachCommand)
def company_show_cmd(
    file: Annotated[
        Path, typer.Argument(help="企業プロフィールのYAMLファイル。", show_default=False)
    ],
) -> None:
    """企業プロフィールを検証して表示し、そこから作った逆質問の例を示します。"""
    from coach import render, second

    company = second.load_company(file)
    console().print(render.company_view(company))


# --- mock interview ---------------------------------------------------------------------------


@app.command("mock", cls=CoachCommand, rich_help_panel="練習")
def mock_cmd(
    company: CompanyOption = None,
    minutes: Annotated[
        float,
        typer.Option(
            "--minutes",
            "-m",
            min=3,
            max=120,
            help="面接全体の持ち時間（分）。超えると逆質問に進みます。",
        ),
    ] = 20,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="レポートを Markdown で書き出すファイル。"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="--output の既存ファイルを上書きします。")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="出題の乱数の種（同じ質問を再現したいとき）。")
    ] = None,
    follow_ups: Annotated[
        int | None,
        typer.Option(
            "--follow-ups",
            min=0,
            max=3,
            help="1問あたりの深掘りの回数（端末では1、標準入力からは0）。",
        ),
    ] = None,
    bank: BankOption = None,
) -> None:
    """本番と同じ順番で模擬二次面接を行い、評価レポートを出します。

    順番: 自己紹介→職務の深掘り→再現性→課題解決→協働→志望動機→逆質問。

    レポートは5つの評価軸と企業理解・逆質問を A〜D で評価し、根拠の文と心理的な傾向を示します。
    """
    import time

    from coach import mock, render, terminal
    from coach.notebook import open_notebook
    from coach.session import Plan, run_practice

    if output is not None and output.exists() and not force:
        raise CoachError(
            f"{output}: すでにファイルがあります。上書きするには --force を付けてください"
        )
    catalog = load_catalog(bank)
    context = build_context(company)
    questions = mock.mock_questions(catalog, seed)
    interactive = terminal.stdin_is_terminal()
    out = console()
    if interactive:
        asker: Any = terminal.TerminalAsker()
    else:
        asker = script_asker(out, "coach mock < answers.txt")
    depth = (1 if interactive else 0) if follow_ups is None else follow_ups
    plan = Plan(
        catalog=catalog,
        questions=questions,
        follow_ups=depth,
        interactive=False,
        timed=interactive,
        seed=seed,
        context=context,
        kind="mock",
        time_budget=minutes * 60,
    )
    who = f"{context.company.name}の" if context.company else ""
    out.print(
        Text_(
            f"模擬二次面接を始めます。{who}現場の責任者が面接官です。持ち時間は{minutes:g}分、"
            f"質問は{len(questions)}問"
            + (f"（足りない点は{depth}回まで深掘りします）。" if depth else "（深掘りなし）。"),
            style="bold",
        )
    )
    start_warm_up()
    started = time.monotonic()
    with open_notebook() as notebook:
        from coach import schedule

        # mock answers come back for review like practice answers
        summary = run_practice(
            plan,
            asker,
            lambda event: show_event(event, out, keys=interactive),
            notebook,
            on_scored=schedule.reviewer(notebook, catalog),
        )
        elapsed = (time.monotonic() - started) / 60 if interactive else None
        terms = context.company_terms() if context.company else []
        report = mock.build_report(
            summary, elapsed, context.company.name if context.company else None, terms
        )
        if summary.session_id is not None:
            notebook.save_report(summary.session_id, report.to_json())
    out.print()
    out.print(render.summary_view(summary))
    out.print(render.mock_report_view(report))
    if output is not None:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(mock.markdown(report), encoding="utf-8")
        except OSError as exc:
            raise CoachError(f"{output}: 書き込めません（{exc.strerror}）") from None
        out.print(Text_(f"レポートを書き出しました: {output}", style="green"))
    if summary.interrupted:
        raise typer.Exit(130)


# `coach --help` lists the main job first.
_ORDER = ["practice", "mock", "check", "questions"]
app.registered_commands.sort(
    key=lambda c: _ORDER.index(c.name) if c.name in _ORDER else len(_ORDER)
)
