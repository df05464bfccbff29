"""What the commands share: the console, the common options, loading the catalog and the
context, and the small conversions every command needs."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.errors import CoachError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from coach.analysis.context import Context
    from coach.banks import Catalog
    from coach.keeper import Kept
    from coach.notebook import Notebook
    from coach.terminal import Asker

_kept: "Kept | None" = None


def kept() -> "Kept":
    """What this command has kept of the user's answers, and where (read by the crash line)."""
    global _kept
    if _kept is None:
        from coach.keeper import Kept

        _kept = Kept()
    return _kept


def reset_kept() -> None:
    global _kept
    _kept = None


def saved_line() -> str:
    """What the run has saved, for messages after a failure: never more than is true."""
    return _kept.describe() if _kept is not None else ""


SETTLE_MINUTES = 10


def recover_on_start(notebook: "Notebook", catalog: "Catalog", out: "Console") -> None:
    """Import waiting recovery files and analyse 未分析 answers before a practice starts, in
    one dim line. A notebook that still cannot be written leaves the files for later."""
    from datetime import UTC, datetime, timedelta

    from coach import recovery, schedule
    from coach.notebook import NotebookUnwritable

    # an answer stored in the last minutes may belong to a practice running in another
    # terminal, which analyses (and schedules) it itself a moment later
    settled = (datetime.now(UTC) - timedelta(minutes=SETTLE_MINUTES)).isoformat(timespec="seconds")
    try:
        done = recovery.recover(
            notebook, catalog, on_scored=schedule.reviewer(notebook, catalog), before=settled
        )
    except NotebookUnwritable:
        return
    parts = []
    if done.imported.imported:
        parts.append(f"回復用ファイルから{len(done.imported.imported)}件の回答を取り込みました")
    if done.analysed:
        parts.append(f"未分析だった{len(done.analysed)}件の回答を分析しました")
    if done.imported.failed:
        parts.append(
            f"取り込めないファイルが{len(done.imported.failed)}件あります（coach notebook recover で確認できます）"
        )
    if parts:
        out.print(styled("、".join(parts) + "。", style="dim"))


def console(stderr: bool = False) -> "Console":
    from rich.console import Console

    from coach.views import kinsoku

    kinsoku.install()
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def styled(text: str, style: str = "") -> "Text":
    from rich.text import Text

    return Text(text, style=style)


def build_context(company: Path | None = None, use_profile: bool = True) -> "Context":
    """The profile and company context, with a warning when the company file is still the
    unedited template (its suggestions would be about a made-up company)."""
    from coach import profile

    def warn(line: str) -> None:
        sys.stderr.write(f"coach: {line}\n")

    context = profile.build_context(company, use_profile, warn=warn)
    if context.company is not None and context.company.name == profile.TEMPLATE_COMPANY:
        sys.stderr.write(
            f"coach: 注意: {company} はひな形の会社（{profile.TEMPLATE_COMPANY}）のままです。"
            "受ける会社の情報に書き換えてから使ってください\n"
        )
    return context


def asker(out: "Console", example: str, editor: bool = False) -> "Asker":
    """The one asker chooser: the terminal, $EDITOR, or the scripted answers on standard input
    (each echoed dim as it is read)."""
    from coach import terminal
    from coach.views.common import literal

    return terminal.asker(
        example, echo=lambda block: out.print(literal(block), style="dim"), editor=editor
    )


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


def category_names(catalog: "Catalog") -> dict[str, str]:
    names = {c.id: c.name for c in catalog.categories.values()}
    names["general"] = "一般"
    return names


CategoryFilter = Annotated[
    str | None,
    typer.Option(
        "--category",
        "-c",
        help="カテゴリ（ID・日本語名・短い名前。coach banks で一覧）で絞り込みます。",
    ),
]


def parse_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    from datetime import datetime

    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        import re

        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
            raise CoachError(f"{option}: その日付はありません（指定: {value}）") from None
        raise CoachError(
            f"{option}: 日付は YYYY-MM-DD の形で指定してください（指定: {value}）"
        ) from None
    return day.astimezone().isoformat()
