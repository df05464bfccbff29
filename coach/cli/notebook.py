"""The interview-notebook commands: history, show, stats, export, due, notebook, log."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli import app
from coach.cli.common import (
    BankOption,
    CategoryFilter,
    category_names,
    console,
    kept,
    load_catalog,
    parse_date,
    styled,
)
from coach.cli.japanese import CONTEXT, CoachCommand, CoachGroup
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.notebook import Attempt


@app.command("history", cls=CoachCommand, rich_help_panel="面接ノート")
def history_cmd(
    category: CategoryFilter = None,
    limit: Annotated[
        int, typer.Option("--limit", "-l", min=1, max=1000, help="表示する件数。")
    ] = 10,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="質問・回答・追加質問にこの言葉を含む回答を探します（全角半角・大文字小文字は区別しません）。",
        ),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option(
            "--question",
            "-q",
            help="1つの質問（ID、例: growth-01）の回答を古い順に、点数・要素・レッドフラグと推移のグラフで表示します。",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="回答を JSON で出力します（項目は README に記載）。")
    ] = False,
    bank: BankOption = None,
) -> None:
    """最近のセッションと回答を一覧表示します（--search で検索、--question で1問の推移）。"""
    from coach.notebook import manage, open_notebook
    from coach.views import notebook as views

    if search is not None and question is not None:
        raise CoachError("--search と --question は同時に指定できません")
    catalog = load_catalog(bank)
    cat_id = catalog.category(category).id if category else None
    names = category_names(catalog)
    with open_notebook() as nb:
        if question is not None:
            qid = question.strip()
            attempts = manage.question_attempts(nb, qid)
            known = next((q for q in catalog.all_questions() if q.id == qid), None)
            if not attempts and known is None:
                raise CoachError(
                    f"不明な質問IDです: '{qid}'（coach questions カテゴリ でIDを確認できます）"
                )
            text = known.text if known is not None else attempts[0].question
            if as_json:
                _print_json({"question_id": qid, "question": text}, attempts)
                return
            console().print(views.question_history_view(qid, text, attempts, names))
            return
        if search is not None:
            matches = manage.search(nb, search, category=cat_id, limit=limit)
            if as_json:
                _print_json({"search": search}, [m.attempt for m in matches])
                return
            console().print(views.search_view(search, matches, names))
            return
        attempts = nb.attempts(category=cat_id, limit=limit)
        if as_json:
            _print_json({}, attempts)
            return
        sessions = nb.sessions(category=cat_id, limit=limit)
    console().print(views.history_view(sessions, attempts, names))


def _print_json(head: dict[str, object], attempts: "list[Attempt]") -> None:
    import json

    from coach.notebook.manage import HISTORY_SCHEMA, attempt_record

    document = {"schema": HISTORY_SCHEMA, **head, "attempts": [attempt_record(a) for a in attempts]}
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@app.command("delete", cls=CoachCommand, rich_help_panel="面接ノート")
def delete_cmd(
    ids: Annotated[
        list[int],
        typer.Argument(
            metavar="ID",
            help="削除する回答のID（coach history で表示される番号。いくつでも）。",
            show_default=False,
        ),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="確認せずに削除します（スクリプト向け）。")
    ] = False,
    bank: BankOption = None,
) -> None:
    """回答を面接ノートから削除します（履歴・統計・復習の予定・書き出しから消えます）。

    端末では削除する回答を示して確認します（既定は「いいえ」）。スクリプトからは --yes を付けます。
    """
    from coach import schedule, terminal
    from coach.notebook import manage, open_notebook
    from coach.views.notebook import delete_preview

    catalog = load_catalog(bank)
    out = console()
    with open_notebook() as nb:
        attempts = manage.find(nb, ids)  # an unknown id: one line, nothing deleted
        if not yes:
            if not terminal.stdin_is_terminal():
                raise CoachError(
                    "確認できないので削除しませんでした。スクリプトから削除するときは --yes を"
                    f"付けてください（例: coach delete {' '.join(map(str, ids))} --yes）"
                )
            out.print(delete_preview(attempts, category_names(catalog)))
            quoting = manage.reports_quoting(nb, attempts)
            if quoting:  # the report quotes the answer: it cannot stay without it
                out.print(
                    styled(
                        "この回答を引用している模擬面接のレポート（セッション "
                        + "・".join(f"#{i}" for i in quoting)
                        + "）も一緒に削除されます。",
                        style="yellow",
                    )
                )
            also = "と、模擬面接のレポート" if quoting else ""
            if not terminal.confirm(
                f"この{len(attempts)}件の回答{also}を削除しますか？", default=False
            ):
                out.print("削除しませんでした。")
                return
        deleted = manage.delete(nb, attempts)
        for qid, category in deleted.questions:
            schedule.replay(nb, qid, category)
    shown = "・".join(f"#{i}" for i in deleted.attempts)
    out.print(f"回答 {shown} を削除しました（履歴・統計・復習の予定・書き出しから消えます）。")
    if deleted.reports:
        out.print(
            styled(
                "その回答を含む模擬面接のレポートも削除しました（セッション "
                + "・".join(f"#{i}" for i in deleted.reports)
                + "）。",
                style="dim",
            )
        )


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
    from coach.notebook import open_notebook
    from coach.views.notebook import attempt_view

    catalog = load_catalog(bank)
    with open_notebook() as nb:
        attempt = nb.attempt(attempt_id)
    console().print(
        attempt_view(attempt, category_names(catalog).get(attempt.category, attempt.category))
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
    from coach import stats
    from coach.notebook import open_notebook
    from coach.views.notebook import stats_view

    catalog = load_catalog(bank)
    with open_notebook() as nb:
        result = stats.collect(nb, catalog, parse_date(since, "--since"))
    console().print(stats_view(result, category_names(catalog), filtered=since is not None))


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
    from coach.output import refuse_existing

    if fmt not in ("markdown", "json"):
        raise CoachError(f"--format は markdown か json を指定してください（指定: {fmt}）")
    if output is not None:
        refuse_existing(output, force)  # before the notebook is read, not after
    catalog = load_catalog(bank)
    cat_id = catalog.category(category).id if category else None
    since_at = parse_date(since, "--since")
    with open_notebook() as nb:
        if output is None:
            export.write(sys.stdout, catalog, nb, fmt=fmt, category=cat_id, since=since_at)
            return
        # the one safe writer: never through a dangling link, never half-written
        written = export.save(
            output, catalog, nb, fmt=fmt, category=cat_id, since=since_at, force=force
        )
    typer.echo(f"面接ノートを書き出しました: {written}")


@app.command("due", cls=CoachCommand, rich_help_panel="面接ノート")
def due_cmd(
    category: CategoryFilter = None,
    bank: BankOption = None,
) -> None:
    """復習の時期が来た質問をカテゴリごとに表示します（間隔反復 FSRS）。"""
    from coach import schedule
    from coach.notebook import open_notebook
    from coach.views.notebook import due_view

    catalog = load_catalog(bank)
    cat_id = catalog.category(category).id if category else None
    with open_notebook() as nb:
        due = schedule.due_questions(nb, category=cat_id)
        upcoming = [d for d in schedule.upcoming(nb) if cat_id is None or d.category == cat_id]
    console().print(due_view(due, upcoming, catalog))


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


@notebook_app.command("recover", cls=CoachCommand)
def notebook_recover_cmd(bank: BankOption = None) -> None:
    """面接ノートに書き込めなかった回答（回復用ファイル）を取り込み、未分析の回答を分析します。"""
    from coach import recovery, schedule
    from coach.notebook import open_notebook

    catalog = load_catalog(bank)
    waiting = recovery.folder()
    with open_notebook() as nb:
        done = recovery.recover(nb, catalog, on_scored=schedule.reviewer(nb, catalog))
    out = console()
    out.print(
        f"回復用ファイルから取り込んだ回答: {len(done.imported.imported)}件"
        f"（取り込み済みだったもの: {done.imported.already}件）"
    )
    out.print(f"分析した未分析の回答: {len(done.analysed)}件")
    for path, why in done.imported.failed:
        out.print(styled(f"取り込めませんでした: {path}: {why}", style="yellow"))
    if not done.imported.failed:
        out.print(
            styled(f"回復用フォルダ: {waiting}（残っているファイルはありません）", style="dim")
        )


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
    from coach import interviews, terminal
    from coach.followup import plan_follow_up
    from coach.notebook import open_notebook
    from coach.views.common import literal
    from coach.views.feedback import feedback
    from coach.views.session import follow_up_panel

    catalog = load_catalog(bank)
    out = console()
    ended: terminal.LogEnd = "done"
    stopped_by: int | None = None
    if source is not None or not terminal.stdin_is_terminal():
        if source is not None:
            entries = interviews.parse_log(source, catalog)
        else:
            entries = interviews.parse_log_text(terminal.read_stdin(), "標準入力", catalog)
        if not entries:
            raise CoachError("記録する質問と回答がありません")
        with open_notebook() as nb:
            log = interviews.record(
                nb, catalog, entries, company or "（会社名なし）", round_ or "二次", kept()
            )
        for note in log.notices:
            out.print(literal(note, "yellow"))
        results = log.results
    else:
        company, round_ = terminal.ask_log_setting(company, round_)
        with open_notebook() as nb:
            log = interviews.RealLog(
                nb, catalog, company or "（会社名なし）", round_ or "二次", kept()
            )
            with terminal.stop_on_signals():  # SIGTERM/SIGHUP end the log as Ctrl-C does
                ended = terminal.ask_log(catalog, log.keep)
            stopped_by = terminal.received
            results = log.finish()
        if not results and not log.cut:
            if ended == "done":
                raise CoachError("記録する質問と回答がありません")
            raise CoachError("記録を中止しました（まだ何も保存していません）")
    for entry, analysis in results:
        out.print(literal("■ " + entry.question, "bold"))
        out.print(feedback(analysis))
        # what a manager would have dug into next: worth preparing for the next round
        fu = plan_follow_up(analysis, entry.question)
        if fu is not None:
            out.print(follow_up_panel(fu.question, fu.target, "次の面接で聞かれそうな追加質問"))
    lead = "記録を終えました。" if ended != "done" else ""
    elsewhere = len(log.kept) - log.stored
    where = f"（ほかの{elsewhere}件は上に示した回復用ファイルなどに保存）" if elsewhere else ""
    cut = len(log.cut)
    if cut:
        where += (
            f"。うち{cut}件は入力の途中で中断した回答で、分析せず「中断」として残しています"
            "（coach history / coach show で見られます）"
        )
    typer.echo(
        f"{lead}{log.stored}件の回答を本番の記録として保存しました{where}"
        "（分析した回答は coach stats / coach export に反映されます）。"
    )
    if stopped_by is not None:
        raise typer.Exit(128 + stopped_by)
