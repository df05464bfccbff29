"""The practice commands: practice, mock, check."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli import app, crash_log
from coach.cli.common import (
    BankOption,
    CompanyOption,
    asker,
    build_context,
    console,
    kept,
    load_catalog,
    recover_on_start,
    saved_line,
    start_warm_up,
    styled,
)
from coach.cli.japanese import CoachCommand
from coach.errors import CoachError

if TYPE_CHECKING:
    from rich.console import Console

    from coach.banks import Catalog, Category
    from coach.mock import MockReport
    from coach.notebook import Notebook
    from coach.session import Plan, Summary
    from coach.terminal import Asker


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
            from coach.views.feedback import batch_table

            console().print(batch_table(checking.analyse_batch(items, catalog)))
        return
    text, source = checking.read_answer(file)
    if not text.strip():
        raise CoachError(f"{source}: 回答が空です。何か書いてから確認してください")
    catalog = load_catalog(bank)

    context = build_context(company, use_profile) if company or use_profile else None
    analysis = checking.check_one(text, catalog, category, question, context)
    result = checking.with_follow_up(
        analysis.to_json(), analysis, checking.bank_question(catalog, question) or question
    )
    if as_json:
        import json

        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    from coach.views.feedback import feedback
    from coach.views.session import follow_up_panel

    out = console()
    out.print(feedback(analysis, all_findings=True))
    if result["follow_up"] is not None:
        # what the practice would ask next about this answer
        fu = result["follow_up"]
        out.print(follow_up_panel(fu["question"], fu["target"], "面接官が次に聞きそうな質問"))


def show_event(event: object, out: "Console", keys: bool = True) -> None:
    """Print one session event. A failure here never loses an answer: it is kept before it is
    shown. ``keys`` is False for scripted input, where there are no keys to explain."""
    from coach.views.session import event_view

    try:
        for part in event_view(event, keys):
            out.print(part)
    except Exception as exc:  # a rendering bug must not end the session
        _display_failed("表示中にエラーが起きました", exc, out)


def _display_failed(what: str, exc: Exception, out: "Console") -> None:
    log = crash_log(exc)
    detail = f"詳細: {log}" if log is not None else "詳細は記録できませんでした"
    from contextlib import suppress

    with suppress(Exception):  # the screen itself may be gone (a hang-up); answers are kept
        out.print(styled(f"（{what}。{saved_line()}{detail}）", style="red"))


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
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            help="職種別の深掘り（sales・営業など。coach banks で一覧）を混ぜます。-c がなければその職種だけ。"
            "省略時はプロフィールの role。",
        ),
    ] = None,
    company: CompanyOption = None,
    bank: BankOption = None,
) -> None:
    """二次面接の深掘り質問に答えて、型のチェックと追加質問を受けます（メインの練習）。

    回答は複数行で入力できます。空行（Enter を2回）か Ctrl-D で確定、Ctrl-C で中断します。

    端末でない標準入力からは、「---」だけの行で区切った回答を順に読みます（このとき追加質問は既定でなし。--follow-ups を付けると、追加質問にも次のブロックで答えます）。
    """
    from coach import session, terminal
    from coach.notebook import open_notebook
    from coach.session import Interrupted, Plan, choose_questions

    if order not in ("random", "bank"):
        raise CoachError(f"--order は random か bank を指定してください（指定: {order}）")
    catalog = load_catalog(bank)
    interactive = terminal.stdin_is_terminal()
    out = console()
    role_cat = _role(catalog, role)
    notebook = open_notebook()
    try:
        recover_on_start(notebook, catalog, out)
        if category is None and role_cat is not None and not due:
            category = role_cat.id  # the role alone
        if category is None:
            # --due alone: the category of the question that has waited longest
            category, notice = session.choose_category(notebook, catalog, due)
            if notice is not None:
                out.print(styled(notice, style="dim"))
        if category is not None:
            cat = catalog.category(category)
        elif interactive:
            options, weakest = session.category_menu(notebook, catalog)
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
            from coach import schedule

            first = [d.question_id for d in schedule.due_questions(notebook, category=cat.id)]
        questions = choose_questions(catalog, cat, count, order, seed, first)
        if role_cat is not None and role_cat.id != cat.id:
            from coach.roles import mix

            own = choose_questions(catalog, role_cat, count, order, seed)
            questions = mix(questions, own, count)
        if not questions:
            raise CoachError(f"カテゴリ '{cat.id}' に質問がありません")
        ask = asker(out, f"coach practice -c {cat.id} < answers.txt", editor=editor)

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
            kept=kept(),
        )
        out.print(
            styled(
                f"二次面接コーチ：{_title(cat, role_cat)}を{len(questions)}問練習します。"
                "現場の面接官になったつもりで深掘りします。",
                style="bold",
            )
        )
        summary, _ = run(plan, ask, out, notebook, interactive)
        if summary.interrupted:
            raise typer.Exit(_stopped_status())
    finally:
        notebook.close()


def _role(catalog: "Catalog", role: str | None) -> "Category | None":
    """The --role bank, else the profile's role, else none."""
    from contextlib import suppress

    from coach.profile import load_profile
    from coach.roles import find_role

    if role is None:
        profile = None
        with suppress(CoachError):  # a broken profile: build_context warns once and goes on
            profile = load_profile()
        role = profile.role.strip() if profile is not None and profile.role.strip() else None
    return find_role(catalog, role) if role is not None else None


def _title(cat: "Category", role: "Category | None") -> str:
    return cat.name if role is None or role.id == cat.id else f"{cat.name}と{role.name}"


def _stopped_status() -> int:
    """130 for Ctrl-C; 128 + the signal for SIGTERM or SIGHUP."""
    from coach import terminal

    return 128 + terminal.received if terminal.received is not None else 130


def run(
    plan: "Plan", ask: "Asker", out: "Console", notebook: "Notebook", interactive: bool
) -> "tuple[Summary, MockReport | None]":
    """The one place a session runs: practice answers come back for review, and a mock
    interview is graded (its report saved with the session). The summary is shown at the end;
    a failure to show it never loses the answers."""
    import signal

    from coach import mock, schedule, terminal
    from coach.session import run_practice
    from coach.views.session import summary_view

    start_warm_up()

    def show(event: object) -> None:
        show_event(event, out, keys=interactive)

    report = None
    with terminal.stop_on_signals():
        if plan.kind == "mock":
            summary, report = mock.run_mock(plan, ask, show, notebook)
        else:
            summary = run_practice(
                plan, ask, show, notebook, on_scored=schedule.reviewer(notebook, plan.catalog)
            )
    if terminal.received == signal.SIGHUP:
        return summary, report  # the terminal hung up: nobody to show the summary to
    try:
        out.print()
        if report is not None and not plan.feedback:
            # 本番モード kept the feedback for the end: every answer's, before the grades
            from coach.views.mock import answers_view

            out.print(answers_view(summary))
        out.print(summary_view(summary))
        if report is not None:
            from coach.views.mock import mock_report_view

            out.print(mock_report_view(report))
    except Exception as exc:
        _display_failed("まとめの表示に失敗しました", exc, out)
    return summary, report


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
        int | None,
        typer.Option(
            "--seed",
            help="出題の乱数の種（直近24時間に練習した質問を除いてから引くので、同じ種でも練習のあとは質問が変わります）。",
        ),
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
    feedback: Annotated[
        bool,
        typer.Option(
            "--feedback",
            help="1問ごとにフィードバックを表示します（既定は本番モード: 深掘りだけで、評価は最後に）。",
        ),
    ] = False,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            help="職種別の深掘り（sales・営業など。coach banks で一覧）から職務経歴の深掘りを出します。"
            "省略時はプロフィールの role。",
        ),
    ] = None,
    bank: BankOption = None,
) -> None:
    """本番と同じ順番で模擬二次面接を行い、評価レポートを出します。

    順番: 自己紹介→職務の深掘り→転職理由→再現性→課題解決→協働→志望動機→逆質問。直近24時間に練習した質問は避けます。

    --role（またはプロフィールの role）を付けると、職務の深掘りをその職種の質問から出します。

    既定は本番モード: 面接の途中ではフィードバックを出さず、深掘りの質問だけをします。全問のフィードバックとレポートは最後に出します。

    レポートは5つの評価軸と企業理解・逆質問を A〜D で評価し、根拠の文と心理的な傾向を示します。
    """

    from coach import mock, terminal
    from coach.notebook import open_notebook
    from coach.output import refuse_existing, write_output
    from coach.session import Plan

    if output is not None:
        refuse_existing(output, force)  # before the interview, not after it
    catalog = load_catalog(bank)
    role_cat = _role(catalog, role)  # before the answers are read: a typo costs nothing
    context = build_context(company)
    interactive = terminal.stdin_is_terminal()
    out = console()
    ask = asker(out, "coach mock < answers.txt")
    depth = (1 if interactive else 0) if follow_ups is None else follow_ups
    with open_notebook() as notebook:
        recover_on_start(notebook, catalog, out)
        # a question rehearsed minutes ago is not an interview question any more
        questions = mock.mock_questions(
            catalog,
            seed,
            avoid=mock.recently_practised(notebook),
            role=role_cat.id if role_cat is not None else None,
        )
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
            kept=kept(),
            feedback=feedback,
        )
        who = f"{context.company.name}の" if context.company else ""
        out.print(
            styled(
                f"模擬二次面接を始めます。{who}現場の責任者が面接官です。持ち時間は{minutes:g}分、"
                f"質問は{len(questions)}問"
                + (f"（足りない点は{depth}回まで深掘りします）。" if depth else "（深掘りなし）。"),
                style="bold",
            )
        )
        if not feedback:
            out.print(
                styled(
                    "本番モード: 途中のフィードバックはありません。全問の講評は最後に出します"
                    "（1問ごとに見たいときは --feedback）。",
                    style="dim",
                )
            )
        summary, report = run(plan, ask, out, notebook, interactive)
    if output is not None and report is not None:
        from coach.views.markdown import mock_report

        write_output(output, mock_report(report), force)
        out.print(styled(f"レポートを書き出しました: {output}", style="green"))
    if summary.interrupted:
        raise typer.Exit(_stopped_status())
