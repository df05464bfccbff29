"""The `coach` command line: thin commands that parse options, call the core and render.

Heavy modules (msgspec, yaml, SudachiPy, questionary) are imported inside the commands that need
them, so `coach --help` and `coach --version` start as fast as a bare Typer app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from coach import __version__
from coach.errors import CoachError

if TYPE_CHECKING:
    from rich.console import Console
    from typer._click import Context as ClickContext

    from coach.banks import Catalog


class CoachGroup(TyperGroup):
    """Turns a CoachError raised anywhere below into one line on stderr and exit status 2."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            fail(str(exc))

    def format_help(self, ctx: ClickContext, formatter: Any) -> None:
        _japanese_help_titles()
        super().format_help(ctx, formatter)


def _japanese_help_titles() -> None:
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "引数"
    rich_utils.OPTIONS_PANEL_TITLE = "オプション"
    rich_utils.COMMANDS_PANEL_TITLE = "コマンド"
    rich_utils.ERRORS_PANEL_TITLE = "エラー"
    rich_utils.DEFAULT_STRING = "[既定: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[必須]"


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
        "二次面接コーチ — 現場の面接官が聞く深掘り質問で、回答の型"
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


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


BankOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--bank",
        "-b",
        help="追加で読み込む質問バンク（YAMLファイルかフォルダ）。何度でも指定できます。",
    ),
]


def load_catalog(banks: list[Path] | None) -> Catalog:
    from coach.banks import load_catalog as _load

    return _load(banks or [])


# --- banks ------------------------------------------------------------------------------------

banks_app = typer.Typer(
    cls=CoachGroup,
    help="質問バンク（カテゴリと質問のYAML）を一覧・検証します。",
    invoke_without_command=True,
    context_settings=CONTEXT,
)
app.add_typer(banks_app, name="banks")


@banks_app.callback()
def banks_list(ctx: typer.Context, bank: BankOption = None) -> None:
    """カテゴリの一覧（日本語名・回答の型・質問数）を表示します。"""
    if ctx.invoked_subcommand is not None:
        return
    from coach import render

    catalog = load_catalog(bank)
    console().print(render.categories_table(catalog))


@banks_app.command("validate")
def banks_validate(
    paths_: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
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


@banks_app.command("schema")
def banks_schema() -> None:
    """質問バンクの JSON Schema を出力します（YAMLエディタの補完用）。"""
    import json

    from coach.banks import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


# --- questions --------------------------------------------------------------------------------


@app.command("questions")
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
    """Console-script entry point."""
    app(prog_name="coach")


# --- check ------------------------------------------------------------------------------------


@app.command("check")
def check_cmd(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE | -]",
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
        typer.Option("--question", "-q", help="面接官の質問文（結論が最初にあるかの判定に使います）。"),
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
            checking.write_batch_json(items, catalog, sys.stdout)
        else:
            from coach import render

            console().print(render.batch_table(checking.analyse_batch(items, catalog)))
        return
    text, source = checking.read_answer(file)
    catalog = load_catalog(bank)
    analysis = checking.check_one(text, catalog, category, question)
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
app.add_typer(rules_app, name="rules")


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


@rules_app.command("explain")
def rules_explain(
    code: Annotated[
        str, typer.Argument(help="ルールのコード（例: S101）または名前（例: blame）。", show_default=False)
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
