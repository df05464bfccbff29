"""The notebook under faults: concurrent first starts, a notebook that cannot be written, damaged
or foreign files, answers never analysed, hostile text in the export (issue 11)."""

from __future__ import annotations

import errno
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from coach import export, notebook, recovery
from coach.analysis import analyze
from coach.banks import load_catalog
from coach.cli import app
from coach.errors import CoachError
from coach.notebook import (
    MIGRATIONS,
    Notebook,
    NotebookUnusable,
    NotebookUnwritable,
    ReviewCard,
    ScoredRow,
    manage,
    schema,
)
from coach.sanitize import clean

from support import coach_executable, subprocess_env

ANSWER = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)
MOVE_ASIDE = "move-aside"


def fill(path: Path, answers: int = 3) -> None:
    with Notebook(path) as nb:
        s = nb.start_session("practice", "growth")
        for i in range(answers):
            a = nb.record_answer(
                s, category="growth", question=f"質問{i}", question_id="growth-01", answer=ANSWER
            )
            nb.save_analysis(a, analyze(ANSWER, category="growth", structure="prep"))


# --- item 2: concurrent first starts and migrations ------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from coach.notebook import Notebook
path, name, start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))  # all processes open the fresh file at once
nb = Notebook(path)
s = nb.start_session("practice", "growth")
for i in range(30):
    nb.record_answer(s, category="growth", question=f"q{i}", answer=f"{name}-{i}")
nb.close()
"""


def _race(path: Path, processes: int = 8) -> list[subprocess.CompletedProcess[str]]:
    start = time.time() + 2.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"p{n}", str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


@pytest.mark.slow
def test_eight_processes_creating_a_fresh_notebook_at_once_save_every_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fresh" / "history.db"
    results = _race(path)
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    with Notebook(path) as nb:
        answers = {a.answer for a in nb.attempts()}
        assert nb.version == len(MIGRATIONS)
    assert answers == {f"p{n}-{i}" for n in range(8) for i in range(30)}
    assert not list(path.parent.glob(".history.db.new-*"))  # no temporary file left behind


@pytest.mark.slow
def test_eight_processes_migrating_an_old_notebook_at_once_apply_each_migration_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    for number, (_name, sql) in enumerate(MIGRATIONS[:2], start=1):
        for statement in schema.statements(sql):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.commit()
    db.close()
    results = _race(path)
    # before: "duplicate column name: real" for the processes that lost the race
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    with Notebook(path) as nb:
        assert nb.count() == 240
        columns = [r[1] for r in nb.db.execute("PRAGMA table_info(attempts)")]
    assert columns.count("real") == 1


@pytest.mark.slow
def test_eight_scripted_practices_on_a_fresh_data_folder_save_every_answer(
    tmp_path: Path,
) -> None:
    """The real command, as a user starting several terminals at once would run it."""
    home = tmp_path / "home"
    env = subprocess_env(home, COLUMNS="100")
    answers = [f"{ANSWER}（{n}-{i}）" for n in range(8) for i in range(3)]
    procs = []
    for n in range(8):
        script = "\n---\n".join(answers[n * 3 : n * 3 + 3]) + "\n"
        proc = subprocess.Popen(
            [coach_executable(), "practice", "-c", "growth", "-n", "3", "--seed", str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        procs.append((proc, script))
    done = [proc.communicate(script, timeout=300) for proc, script in procs]
    assert [p.returncode for p, _ in procs] == [0] * 8, [err for _, err in done]
    with Notebook(home / "history.db") as nb:
        stored = [a.answer for a in nb.attempts()]
        assert all(a.score is not None for a in nb.attempts())
    assert sorted(stored) == sorted(answers)


# --- item 3: a notebook that cannot be written ----------------------------------------------


def _assert_not_called_corrupt(error: CoachError) -> None:
    text = str(error)
    assert MOVE_ASIDE not in text and "退避" not in text and "読めません" not in text
    assert "\n" not in text and "history.db" in text


def test_a_locked_notebook_is_unwritable_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    fill(path, 1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Notebook(path, timeout=0.2) as nb:  # reading still works while it is held
            assert nb.count() == 1
            with pytest.raises(NotebookUnwritable) as caught:
                nb.record_answer(1, category="growth", question="Q", answer="A")
            assert caught.value.reason == "locked"
            assert "使用中" in str(caught.value) and "0.2秒" in str(caught.value)
            _assert_not_called_corrupt(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Notebook(path) as nb:
        assert nb.count() == 1  # nothing half-written


def test_a_full_disk_is_unwritable_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    fill(path, 1)
    with Notebook(path) as nb:
        (pages,) = nb.db.execute("PRAGMA page_count").fetchone()
        # SQLite's own "database or disk is full" once the file may not grow
        nb.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(NotebookUnwritable) as caught:
            nb.record_answer(1, category="growth", question="Q", answer="長い回答。" * 5000)
        assert caught.value.reason == "full" and "ディスクの空き" in str(caught.value)
        _assert_not_called_corrupt(caught.value)
        assert not nb.db.in_transaction  # the failed write was rolled back
        assert nb.count() == 1


class _FullDisk:
    """A connection whose writes fail as on a full disk (what the brief's monkeypatch does)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith(("INSERT", "UPDATE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def test_an_error_without_an_sqlite_code_is_read_by_its_words(tmp_path: Path) -> None:
    with Notebook(tmp_path / "history.db") as nb:
        session = nb.start_session()
        real_db = nb.db
        nb.db = _FullDisk(real_db)  # type: ignore[assignment]
        try:
            with pytest.raises(NotebookUnwritable) as caught:
                nb.record_answer(session, category="growth", question="Q", answer="A")
            assert caught.value.reason == "full"
            with pytest.raises(NotebookUnwritable):
                nb.add_follow_up(1, "なぜ？", "理由です", "reason")
        finally:
            nb.db = real_db
        assert not nb.db.in_transaction


def test_a_read_only_notebook_is_unwritable_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    fill(path, 1)
    with Notebook(path) as nb:
        nb.db.execute("PRAGMA query_only = ON")  # SQLITE_READONLY, as for a read-only file
        with pytest.raises(NotebookUnwritable) as caught:
            nb.start_session()
        assert caught.value.reason == "readonly" and "読み取り専用" in str(caught.value)
        _assert_not_called_corrupt(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files")
def test_a_read_only_file_on_disk_is_unwritable(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    fill(path, 1)
    path.chmod(0o444)
    try:
        with pytest.raises(NotebookUnwritable), Notebook(path) as nb:
            nb.start_session()
    finally:
        path.chmod(0o644)


def test_the_unwritable_error_is_a_coach_error_the_cli_prints_in_one_line(
    runner: CliRunner, home: Path
) -> None:
    """A locked notebook at `coach practice`: exit 2, one line, no move-aside advice."""
    fill(home / "history.db", 1)
    holder = sqlite3.connect(home / "history.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        original = Notebook.__init__

        def short_wait(self: Notebook, path: Path | None = None, **kw: Any) -> None:
            original(self, path, timeout=0.2)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Notebook, "__init__", short_wait)
            result = runner.invoke(
                app, ["practice", "-c", "growth", "-n", "1", "--follow-ups", "0"], input=ANSWER
            )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2, result.output
    assert MOVE_ASIDE not in result.output and "使用中" in result.output


# --- item 3: recovery files ------------------------------------------------------------------

PENDING = recovery.PendingAnswer(
    question="ここ1年ほどで、仕事のために自分から学んだことは何ですか。",
    question_id="growth-01",
    category="growth",
    answer=ANSWER + "\x1b[2J",
    follow_ups=(("具体的には？", "工程表を作り直しました。", "example"),),
    created_at="2026-11-01T10:00:00+00:00",
)


def test_a_pending_answer_is_written_whole_and_imported_once(tmp_path: Path, home: Path) -> None:
    saved = recovery.save(PENDING)
    assert saved is not None and saved.parent == home / "recovery"
    assert recovery.pending_files() == [saved]
    assert not list(saved.parent.glob(".*"))  # the temporary file became the file
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["answer"] == ANSWER  # cleaned before it was kept
    assert recovery.load(saved).follow_ups == PENDING.follow_ups
    kept = saved.read_bytes()
    with Notebook(home / "history.db") as nb:
        result = recovery.import_pending(nb)
        assert len(result.imported) == 1 and result.failed == []
        (attempt,) = nb.attempts()
        assert attempt.answer == ANSWER and attempt.created_at == PENDING.created_at
        assert attempt.follow_ups == [("具体的には？", "工程表を作り直しました。", "example")]
        assert attempt.pending  # stored, not yet analysed: 未分析
        assert recovery.pending_files() == []
        # a file imported but not removed (the process stopped in between) adds nothing
        saved.write_bytes(kept)
        again = recovery.import_pending(nb)
        assert again.imported == [] and again.already == 1
        assert nb.count() == 1 and recovery.pending_files() == []


def test_follow_up_replies_kept_for_a_stored_answer_join_it(home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        s = nb.start_session()
        attempt = nb.record_answer(
            s, category="growth", question=PENDING.question, answer=ANSWER, question_id="growth-01"
        )
        recovery.save(
            recovery.PendingAnswer(**{**PENDING.__dict__, "answer": ANSWER, "attempt_id": attempt})
        )
        result = recovery.import_pending(nb)
        assert result.imported == [attempt] and nb.count() == 1
        assert nb.attempt(attempt).follow_ups == [
            ("具体的には？", "工程表を作り直しました。", "example")
        ]


def test_files_stay_when_the_notebook_still_cannot_be_written(home: Path) -> None:
    saved = recovery.save(PENDING)
    assert saved is not None
    fill(home / "history.db", 0)
    holder = sqlite3.connect(home / "history.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with (
            Notebook(home / "history.db", timeout=0.2) as nb,
            pytest.raises(NotebookUnwritable),
        ):
            recovery.import_pending(nb)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert recovery.pending_files() == [saved]


def test_a_broken_recovery_file_is_reported_and_kept(home: Path) -> None:
    (home / "recovery").mkdir(parents=True)
    broken = home / "recovery" / "20261101-100000-0000.json"
    broken.write_text("{not json", encoding="utf-8")
    with Notebook(home / "history.db") as nb:
        result = recovery.import_pending(nb)
    assert [p for p, _ in result.failed] == [broken] and broken.exists()


def test_when_no_file_can_be_written_save_returns_none_and_the_text_is_whole(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    (home / "recovery").write_text("", encoding="utf-8")  # the folder cannot be made
    assert recovery.save(PENDING) is None
    text = recovery.as_text(PENDING)
    assert ANSWER in text and "工程表を作り直しました。" in text and "\x1b" not in text


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_full_or_read_only_data_folder_leaves_no_partial_file(
    home: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def failing(fd: int, data: Any) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(recovery.os, "write", failing)
    assert recovery.save(PENDING) is None
    assert list((home / "recovery").iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_data_folder_returns_none(home: Path) -> None:
    home.mkdir(parents=True)
    home.chmod(0o555)
    try:
        assert recovery.save(PENDING) is None
    finally:
        home.chmod(0o755)


# --- item 9: damaged and foreign files -------------------------------------------------------


def _refused(path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(NotebookUnusable) as caught:
        Notebook(path)
    message = str(caught.value)
    assert MOVE_ASIDE in message and "--home" in message and "\n" not in message
    assert path.read_bytes() == before  # nothing of ours written into it
    return message


def test_an_empty_file_is_refused_not_filled(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"")
    assert "空のファイル" in _refused(path)


def test_another_applications_database_is_refused_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    db.execute("INSERT INTO contacts VALUES ('山田', '090')")
    db.commit()
    db.close()
    assert "contacts" in _refused(path)


def test_a_dropped_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    fill(path)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE follow_ups")
    db.commit()
    db.close()
    assert "follow_ups" in _refused(path)


def _corrupt_page(path: Path, table: str) -> None:
    db = sqlite3.connect(path)
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = db.execute("PRAGMA page_size").fetchone()
    db.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(os.urandom(size))


def test_random_bytes_in_a_page_are_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    fill(path, 20)
    _corrupt_page(path, "attempts")
    _refused(path)


def test_damage_found_while_reading_a_large_file_is_the_same_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above QUICK_CHECK_MAX_BYTES nothing is checked at open: the read that meets the damage
    gives the move-aside line, not a DatabaseError."""
    path = tmp_path / "history.db"
    fill(path, 20)
    _corrupt_page(path, "attempts")
    monkeypatch.setattr(notebook, "QUICK_CHECK_MAX_BYTES", 0)
    with Notebook(path) as nb:
        with pytest.raises(NotebookUnusable, match=MOVE_ASIDE):
            nb.attempts()
        with pytest.raises(NotebookUnusable, match=MOVE_ASIDE):
            manage.search(nb, "調整")  # reads every answer


@pytest.mark.parametrize("kind", ["empty", "foreign", "page"])
def test_the_cli_refuses_a_bad_file_in_one_line(runner: CliRunner, home: Path, kind: str) -> None:
    path = home / "history.db"
    if kind == "empty":
        home.mkdir(parents=True)
        path.write_bytes(b"")
    elif kind == "foreign":
        home.mkdir(parents=True)
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE notes (body TEXT)")
        db.commit()
        db.close()
    else:
        fill(path, 20)
        _corrupt_page(path, "attempts")
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2
    assert MOVE_ASIDE in result.output and result.output.count("\n") == 1


def test_a_file_created_by_the_notebook_itself_still_works(tmp_path: Path) -> None:
    path = tmp_path / "new" / "history.db"
    with Notebook(path) as nb:
        assert nb.version == len(MIGRATIONS) and nb.count() == 0
    with Notebook(path) as nb:  # and opens again
        assert nb.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_empty_sqlite_database_is_still_migrated(tmp_path: Path) -> None:
    """A database with no tables at all (an older coach stopped before its first migration)
    holds nothing of anyone's: it becomes a notebook."""
    path = tmp_path / "history.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE t (x)")
    db.execute("DROP TABLE t")
    db.commit()
    db.close()
    with Notebook(path) as nb:
        assert nb.version == len(MIGRATIONS)


# --- item 5: answers never analysed ----------------------------------------------------------


def test_answers_never_analysed_appear_as_unanalysed_and_are_analysed_later(
    tmp_path: Path,
) -> None:
    catalog = load_catalog()
    question = catalog.question("growth-01")
    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session("practice", "growth")
        # the process stopped between record_answer and save_analysis
        attempt = nb.record_answer(
            s, category="growth", question=question.text, question_id="growth-01", answer=ANSWER
        )
        nb.add_follow_up(attempt, "結論は？", "結論から言うと調整力です。", "conclusion")
        text = export.markdown(catalog, nb.attempts(newest_first=False))
        assert "## 未分析の回答" in text and "未分析" in text and ANSWER in text
        data = json.loads(export.as_json(catalog, nb.attempts(newest_first=False)))
        assert [a["answer"] for a in data["unanalysed"]] == [ANSWER]
        assert nb.attempts()[0].pending

        scored: list[str] = []
        done = recovery.reanalyse_pending(nb, catalog, lambda q, a: scored.append(q.id))
        assert done == [attempt] and scored == ["growth-01"]
        got = nb.attempt(attempt)
        expected = analyze(
            "結論から言うと調整力です。\n" + ANSWER,
            category="growth",
            structure=catalog.categories["growth"].structure,
            question=question.text,
            expects=catalog.expects(question),
            target_seconds=question.seconds,
        )
        assert got.score == expected.score and not got.pending
        text = export.markdown(catalog, nb.attempts(newest_first=False))
        assert "未分析" not in text and f"最新 {got.score}点" in text
        assert recovery.reanalyse_pending(nb, catalog) == []


def test_half_typed_answers_are_not_analysed(tmp_path: Path) -> None:
    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session()
        nb.record_answer(
            s, category="growth", question="Q", answer="途中まで", status="interrupted"
        )
        assert recovery.reanalyse_pending(nb, load_catalog()) == []


# --- item 12: the export escapes what the user typed -----------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</details><details open>",
    "[押してください](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![x](javascript:alert(2))",
    "# 見出しではありません",
    "====",
    "1. リストでもありません",
    "\x1b[2J\x1b]0;title\x07\x1b]8;;http://evil.example\x1b\\リンク\x1b]8;;\x1b\\",
    "右から左\u202eへ",
    "| 表 | です |\n|---|---|",
    "`code` *強調* _斜体_ ~~取り消し~~",
]


def _html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def test_export_escapes_markdown_and_html_in_what_the_user_typed(tmp_path: Path) -> None:
    catalog = load_catalog()
    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session("real")
        for n, bad in enumerate(HOSTILE):
            a = nb.record_answer(
                s,
                category="general",
                question=f"質問{n}\n# 二行目の見出し {bad}",
                answer=f"回答です。\n{bad}\n続き",
                real=True,
            )
            nb.add_follow_up(a, f"追加{n} {bad}", f"返事 {bad}\n# 見出し", None)
            if n % 2:
                nb.save_analysis(a, analyze(f"回答です。{bad}", structure="both"))
        out = tmp_path / "note.md"
        export.save(out, catalog, nb)
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    rendered = _html(text)
    for bad in ("<script", "<img", 'javascript:alert(1)"', "</details>", "<details", "<table"):
        assert bad not in rendered
    assert 'href="javascript' not in rendered and "<em>" not in rendered
    assert "<code>" not in rendered and "<s>" not in rendered and "<ol" not in rendered
    # one h3 per logged question: the second line of a question is not a heading of its own
    assert re.findall(r"<h1>", rendered) == ["<h1>"]
    assert len(re.findall(r"<h3>", rendered)) == len(HOSTILE)
    assert "<h3>質問0 # 二行目の見出し &lt;script&gt;alert(1)&lt;/script&gt;</h3>" in rendered


def test_the_stored_text_is_cleaned_before_it_is_kept(tmp_path: Path) -> None:
    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session()
        a = nb.record_answer(
            s, category="growth", question="Q\x1b[31m", answer="売上を\x1b[31m3割\u202e伸ばした"
        )
        nb.add_follow_up(a, "なぜ\x07", "理由は\x1b]0;x\x07です", None)
        got = nb.attempt(a)
    assert got.answer == "売上を3割伸ばした" and got.question == "Q"
    assert got.follow_ups == [("なぜ", "理由はです", None)]


_TEXT = st.text(
    alphabet=st.sampled_from([*"ab あ漢 \t\n#>-+=*_`[]()!<>&|~\\:.1)", "\x1b", "\u202e"]),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_inline_text_renders_as_exactly_the_text(text: str) -> None:
    expected = " ".join(line.strip(" \t") for line in clean(text).splitlines()).strip(" \t")
    rendered = _html(export.inline(text))
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n")
    body = rendered[3:-5]
    assert "<" not in body  # no tag of any kind
    assert html.unescape(body) == expected


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_quoted_answer_stays_one_quote_of_plain_paragraphs(text: str) -> None:
    lines = export._quote(text)
    rendered = _html("\n".join(lines))
    tags = set(re.findall(r"</?([a-z0-9]+)", rendered))
    assert tags <= {"blockquote", "p"}


def test_export_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    catalog = load_catalog()
    link = tmp_path / "note.md"
    target = tmp_path / "elsewhere" / "created.md"
    link.symlink_to(target)
    with Notebook(tmp_path / "h.db") as nb:
        for force in (False, True):
            with pytest.raises(CoachError, match="シンボリックリンク"):
                export.save(link, catalog, nb, force=force)
    assert not target.exists() and not target.parent.exists()


def test_export_save_never_replaces_without_force_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    catalog = load_catalog()
    out = tmp_path / "note.md"
    with Notebook(tmp_path / "h.db") as nb:
        assert export.save(out, catalog, nb) == out
        out.write_text("mine", encoding="utf-8")
        with pytest.raises(CoachError, match="--force"):
            export.save(out, catalog, nb)
        assert out.read_text(encoding="utf-8") == "mine"
        # a link to an existing file is followed with --force: the file is replaced
        link = tmp_path / "link.md"
        link.symlink_to(out)
        export.save(link, catalog, nb, force=True, fmt="json")
    assert link.is_symlink() and json.loads(out.read_text(encoding="utf-8"))["schema"] == 1
    assert not list(tmp_path.glob(".*.tmp"))


# --- performance shape and typed records -----------------------------------------------------


def test_streamed_export_matches_the_in_memory_one_and_never_lists_every_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    catalog = load_catalog()
    path = tmp_path / "h.db"
    fill(path, 5)
    with Notebook(path) as nb:
        s = nb.start_session("real")
        nb.record_answer(s, category="general", question="本番の質問", answer=ANSWER, real=True)
        nb.record_answer(s, category="growth", question="Q", answer="途中", status="interrupted")
        nb.record_answer(s, category="growth", question="Q2", answer="未分析の回答")
        whole = nb.attempts(newest_first=False)
        wanted = {
            "markdown": export.markdown(catalog, whole),
            "json": export.as_json(catalog, whole),
        }
        monkeypatch.setattr(Notebook, "attempts", None)  # the stream must not call it
        for fmt, text in wanted.items():
            out = io.StringIO()
            export.write(out, catalog, nb, fmt=fmt)
            streamed = out.getvalue()
            if fmt == "json":
                a, b = json.loads(streamed), json.loads(text)
                a.pop("exported_at"), b.pop("exported_at")
                assert a == b and streamed.count("\n") == text.count("\n")
            else:
                strip = re.compile(r"^出力: .*?／", re.M)
                assert strip.sub("", streamed) == strip.sub("", text)


def test_the_notebook_hands_out_typed_records(tmp_path: Path) -> None:
    from coach import schedule

    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session()
        a = nb.record_answer(s, category="growth", question="Q", answer=ANSWER, question_id="g-1")
        nb.save_analysis(a, analyze(ANSWER, structure="prep"))
        schedule.review(nb, "g-1", "growth", analyze(ANSWER, structure="prep"))
        (row,) = nb.scored_rows()
        assert isinstance(row, ScoredRow) and isinstance(row.labels, dict)
        card = nb.review_card("g-1")
        assert isinstance(card, ReviewCard) and json.loads(card.card)
        assert all(isinstance(r, ReviewCard) for r in nb.all_reviews() + nb.due_reviews("9999"))
        assert nb.weakest_category() == "growth"
        for value in (row, card, *nb.attempts(), *nb.sessions()):
            assert not isinstance(value, sqlite3.Row)


def _stats_row_by_row(rows: list[ScoredRow], structures: dict[str, str]) -> Any:
    """The statistics computed attempt by attempt, as before they were grouped in SQL."""
    from collections import Counter, defaultdict

    from coach.domain import ELEMENTS, STRUCTURE_ELEMENTS
    from coach.stats import TREND_POINTS, CategoryStats, Stats

    by_category: dict[str, list[int]] = defaultdict(list)
    present: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    out = Stats()
    from coach.notebook.progress import partial

    for row in rows:
        if partial(row.labels, row.finding_codes, row.real):
            out.partial += 1  # one line, no element: apart, in no average
            continue
        by_category[row.category].append(row.score)
        out.total += 1
        out.real += row.real
        for element in STRUCTURE_ELEMENTS.get(structures.get(row.category, "both"), ELEMENTS):
            expected[element] += 1
            key = "conclusion_first" if element == "conclusion" else element
            present[element] += bool(row.labels.get(key))
        flags.update(c for c in row.finding_codes if c.startswith(("R", "Q501")))
    out.categories = sorted(
        (
            CategoryStats(c, len(s), sum(s) / len(s), max(s), tuple(s[-TREND_POINTS:]))
            for c, s in by_category.items()
        ),
        key=lambda c: c.average,
    )
    out.elements = {e: (present[e], expected[e]) for e in ELEMENTS if expected[e]}
    out.red_flags = flags.most_common()
    return out


def test_stats_grouped_in_sql_equal_the_attempt_by_attempt_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    from coach import stats

    catalog = load_catalog()
    texts = [
        ANSWER,
        "色々と頑張りました。",
        "上司が悪かったので、成果が出ませんでした。",
        "頑張ります。",
    ]
    analyses = {
        (t, c): analyze(t, category=c, structure=catalog.categories[c].structure)
        for t in texts
        for c in ("growth", "career", "reverse-questions")
    }
    rng = random.Random(7)
    # many answers in the same second: the order between them is their id
    times = iter(f"2026-11-{1 + n // 40:02d}T10:00:00+00:00" for n in range(1000))
    monkeypatch.setattr(notebook, "now", lambda: next(times))
    with Notebook(tmp_path / "h.db") as nb:
        s = nb.start_session()
        for _ in range(150):
            text, cat = rng.choice(list(analyses))
            a = nb.record_answer(
                s, category=cat, question="Q", answer=text, real=rng.random() < 0.2
            )
            nb.save_analysis(a, analyses[(text, cat)])
        structures = {c.id: c.structure for c in catalog.categories.values()}
        for since in (None, "2026-11-02"):
            got = stats.collect(nb, catalog, since)
            want = _stats_row_by_row(nb.scored_rows(since), structures)
            assert got.total == want.total and got.real == want.real
            assert got.partial == want.partial and got.partial > 0
        # the SQL test of a one-line answer is the Python one, answer by answer
        from coach.notebook.progress import PARTIAL_SQL, partial

        for r in nb.db.execute(
            f"SELECT labels, finding_codes, real, {PARTIAL_SQL} FROM attempts"
            " WHERE score IS NOT NULL"
        ):
            assert bool(r[3]) == partial(json.loads(r[0]), json.loads(r[1]), bool(r[2]))
            assert got.categories == want.categories
            assert got.elements == want.elements and got.red_flags == want.red_flags


def test_the_statistics_read_covering_indexes_not_the_stored_analyses(tmp_path: Path) -> None:
    from coach.notebook import progress

    plans: list[str] = []
    fill(tmp_path / "h.db", 2)  # the weeks are read up to the latest answer: have one
    with Notebook(tmp_path / "h.db") as nb:
        real_db = nb.db

        class Explaining:
            def execute(self, sql: str, args: Any = ()) -> Any:
                if "MAX(created_at)" not in sql:
                    rows = real_db.execute("EXPLAIN QUERY PLAN " + sql, args).fetchall()
                    plans.append(" ".join(str(r[3]) for r in rows))
                return real_db.execute(sql, args)

        nb.db = Explaining()  # type: ignore[assignment]
        try:
            progress.week_groups(nb, 8)
            progress.question_spans(nb)
        finally:
            nb.db = real_db
    weeks, spans = plans
    assert "COVERING INDEX attempts_recent (created_at>?)" in weeks
    assert "COVERING INDEX attempts_progress" in spans and "TEMP B-TREE" not in spans


def test_recover_imports_then_analyses_and_finds_pending_answers_by_index(home: Path) -> None:
    catalog = load_catalog()
    recovery.save(PENDING)
    with Notebook(home / "history.db") as nb:
        s = nb.start_session()
        waiting = nb.record_answer(s, category="growth", question="Q", answer=ANSWER)
        done = recovery.recover(nb, catalog)
        assert len(done.imported.imported) == 1
        assert sorted(done.analysed) == sorted([waiting, *done.imported.imported])
        assert all(not a.pending for a in nb.attempts())
        again = recovery.recover(nb, catalog)
        assert again.imported.imported == [] and again.analysed == []
        plan = " ".join(
            str(r[3])
            for r in nb.db.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM attempts WHERE status = 'answered'"
                " AND score IS NULL ORDER BY created_at, id"
            )
        )
    assert "attempts_unscored" in plan


def test_the_mock_reports_in_the_export_escape_the_users_words() -> None:
    from coach.mock import AxisGrade, MockReport

    report = MockReport(
        created_at="2026-11-01T10:00:00+00:00",
        company="<b>株式会社</b>",
        minutes=None,
        answered=1,
        average=50.0,
        axes=[AxisGrade("論理性", "C", 50, "<script>alert(1)</script>と話した", "結論から")],
        questions=[
            {
                "category": "growth",
                "question": "<img src=x onerror=1>",
                "score": 50,
                "missing": [],
                "flags": [],
            }
        ],
    )
    text = export.markdown(load_catalog(), [], reports=[report.to_json()])
    rendered = _html(text)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;" in rendered
