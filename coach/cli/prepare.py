"""Commands that prepare the practice: banks, questions, rules, profile, company."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli import app
from coach.cli.common import BankOption, console, load_catalog, styled
from coach.cli.japanese import CONTEXT, CoachCommand, CoachGroup
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.profile import Profile

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
    from coach.views.banks import categories_table

    catalog = load_catalog(bank)
    console().print(categories_table(catalog))


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
    from coach.views.banks import questions_view

    catalog = load_catalog(bank)
    cat = catalog.category(category)
    console().print(questions_view(catalog, cat))


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
    from coach.analysis import rules

    registry = rules.load_all()
    if markdown:
        from coach.views.markdown import rules_markdown

        typer.echo(rules_markdown(registry), nl=False)
        return
    from coach.views.rules import rules_table

    console().print(rules_table(registry))


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
    from coach.analysis import rules
    from coach.views.rules import rule_detail

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
    console().print(rule_detail(found))


# --- profile and company ----------------------------------------------------------------------

profile_app = typer.Typer(
    cls=CoachGroup,
    help="一次面接の回答とキャリアの軸を記録します（同じ話・軸のブレの確認用）。",
    invoke_without_command=True,
    context_settings=CONTEXT,
)
app.add_typer(profile_app, name="profile", rich_help_panel="準備")

ProfileCompany = Annotated[
    str | None,
    typer.Option(
        "--company",
        help="会社ごとのプロフィール（その会社の一次面接の回答）。practice・mock の --company "
        "に同じ会社名か、name がこの会社の企業プロフィールを渡すと使われます。省略時は会社名なしの"
        "プロフィール（既定）。",
    ),
]


def _start(company: str | None) -> tuple["Profile", "Path"]:
    """The profile to edit and where it is saved: a company's begins from the unnamed
    profile's axis and role (round one differs per company), saved under its name."""
    from coach import profile as profiles

    if company is None:
        return profiles.load_profile() or profiles.Profile(), profiles.profile_path()
    name = company.strip()
    path = profiles.profile_path(name)
    own = profiles.load_profile(path)
    if own is not None:
        return own, path
    default = profiles.load_profile() or profiles.Profile()
    return profiles.Profile(company=name, career_axis=default.career_axis), path


@profile_app.callback()
def profile_cmd(ctx: typer.Context, company: ProfileCompany = None) -> None:
    """一次面接の回答（自己PR・志望動機・転職理由）とキャリアの軸を、質問に答えて記録します。

    --company NAME を付けると、その会社の一次面接の回答として別に記録します（会社名なしのプロフィールはそのまま）。
    """
    if ctx.invoked_subcommand is not None:
        return
    from coach import profile as profiles
    from coach import terminal
    from coach.views.profile import profile_view

    if not terminal.stdin_is_terminal():
        raise CoachError(
            "coach profile は対話的に入力します。ファイルで書く場合は coach profile edit を使ってください"
        )
    current, target = _start(company)
    out = console()
    if company is not None:
        out.print(
            styled(f"{current.company} の一次面接の回答を記録します（{target}）", style="bold")
        )

    def save(updated: "Profile") -> "Path":
        return profiles.save_profile(updated, target)

    end = terminal.profile_wizard(current, out, save)
    if end.ended == "done":
        path = save(end.profile)
        out.print(profile_view(end.profile))
        out.print(styled(f"保存しました: {path}（coach profile edit で直せます）", style="green"))
        return
    # Ctrl-C or Ctrl-D: what was confirmed is already saved; say so
    out.print()
    if end.saved is None:
        out.print(styled("入力を終えました。プロフィールは変更していません。", style="yellow"))
    else:
        out.print(
            styled(
                f"入力を終えました。確定した回答は保存しました: {end.saved}"
                "（coach profile edit で直せます）",
                style="yellow",
            )
        )
    if end.ended == "interrupted":
        raise typer.Exit(130)


@profile_app.command("show", cls=CoachCommand)
def profile_show_cmd(company: ProfileCompany = None) -> None:
    """記録したプロフィールを表示します（--company でその会社のもの。空の項目は既定のもの）。"""
    from coach import profile as profiles
    from coach.views.profile import profile_view

    if company is not None and not profiles.profile_path(company.strip()).exists():
        raise CoachError(
            f"{company} のプロフィールはまだありません。coach profile --company {company} で記録できます"
        )
    warnings: list[str] = []
    profile = profiles.implicit_profile(warnings.append, company.strip() if company else None)
    for line in warnings:
        sys.stderr.write(f"coach: {line}\n")
    others = profiles.company_profiles()
    if profile is None:
        if not warnings:
            typer.echo("プロフィールはまだありません。coach profile で記録できます。")
    else:
        console().print(profile_view(profile))
    if company is None and others:
        typer.echo(
            f"会社ごとのプロフィール: {'、'.join(others)}（coach profile show --company 会社名）"
        )


@profile_app.command("edit", cls=CoachCommand)
def profile_edit_cmd(company: ProfileCompany = None) -> None:
    """プロフィールのYAMLファイルを $EDITOR で開いて編集します（保存後に検証します）。"""
    import os
    import shlex
    import subprocess

    from coach import profile, terminal

    start, path = _start(company)
    if not path.exists():
        profile.save_profile(start, path)
    before = profile.read_bytes(path)  # the text to go back to when the edit does not validate
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    editing = path
    while True:
        try:
            subprocess.run([*shlex.split(command), str(editing)], check=False)
        except FileNotFoundError:
            raise CoachError(
                f"エディタ '{command}' が見つかりません。環境変数 EDITOR を設定してください"
            ) from None
        try:
            profile.load_profile(editing)  # a mistake is reported with its line
        except CoachError as exc:
            rejected = profile.reject_edit(path, editing, before)
            kept_note = (
                f"プロフィールは編集前の内容のままです。編集した内容は {rejected} に保存しました"
            )
            if terminal.stdin_is_terminal():
                sys.stderr.write(f"coach: エラー: {exc.message}\n{kept_note}\n")
                if terminal.confirm("エディタでもう一度直しますか？"):
                    editing = rejected
                    continue
            raise CoachError(f"{exc.message}（{kept_note}）") from None
        profile.accept_edit(path, editing)
        break
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
    from coach import profile

    path = profile.write_company_template(file, force)
    typer.echo(f"企業プロフィールの雛形を作りました: {path}")
    typer.echo(f"書き換えたら: coach practice -c motivation --company {path}")


@company_app.command("show", cls=CoachCommand)
def company_show_cmd(
    file: Annotated[
        Path, typer.Argument(help="企業プロフィールのYAMLファイル。", show_default=False)
    ],
) -> None:
    """企業プロフィールを検証して表示し、そこから作った逆質問の例を示します。"""
    from coach import profile
    from coach.views.profile import company_view

    company = profile.load_company(file)
    console().print(company_view(company))
