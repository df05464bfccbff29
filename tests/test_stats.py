"""`coach stats`: the change of a question against itself, the weekly chart, and the answers
kept out of the averages."""

from __future__ import annotations

import json
from pathlib import Path

from rich.cells import cell_len
from typer.testing import CliRunner

from coach import stats
from coach.banks import load_catalog
from coach.cli import app
from coach.domain import LABELS
from coach.notebook import Notebook

ALL = {label: label in ("conclusion_first", "reason", "example") for label in LABELS}
NONE = dict.fromkeys(LABELS, False)


def put(
    nb: Notebook,
    qid: str,
    score: int | None,
    day: str,
    labels: dict[str, bool] = ALL,
    codes: tuple[str, ...] = (),
    status: str = "answered",
) -> int:
    """An attempt with a given score, labels and findings on a given day (UTC noon)."""
    question = load_catalog().question(qid)
    category = load_catalog().category_of(question).id
    session = nb.start_session("practice", category)
    aid = nb.record_answer(
        session,
        category=category,
        question=question.text,
        question_id=qid,
        answer=f"{qid} の回答 {score}",
        status=status,
    )
    created = f"{day}T03:00:00+00:00"
    if score is None:
        nb.db.execute("UPDATE attempts SET created_at = ? WHERE id = ?", (created, aid))
        return aid
    analysis = {"labels": labels, "findings": [], "missing": [], "score": score}
    nb.db.execute(
        "UPDATE attempts SET created_at = ?, score = ?, labels = ?, finding_codes = ?,"
        " analysis = ? WHERE id = ?",
        (created, score, json.dumps(labels), json.dumps(list(codes)), json.dumps(analysis), aid),
    )
    return aid


def test_the_change_compares_each_question_with_itself(home: Path) -> None:
    # issue 18: one question went 63 → 100, yet the old change (later half of the category's
    # scores minus the earlier half) said −6, because a new question scored low afterwards
    with Notebook(home / "history.db") as nb:
        put(nb, "collaboration-01", 90, "2026-11-02")
        put(nb, "collaboration-02", 63, "2026-11-03")
        put(nb, "collaboration-02", 100, "2026-11-04")
        put(nb, "collaboration-03", 40, "2026-11-05")
        result = stats.collect(nb, load_catalog())
    (collaboration,) = result.categories
    assert collaboration.trend == (90, 63, 100, 40)
    assert collaboration.change == 37 and collaboration.compared == 1


def test_the_change_averages_over_questions_answered_twice(home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        for qid, scores in (
            ("growth-01", (40, 50, 80)),
            ("growth-02", (70, 60)),
            ("growth-03", (10,)),
        ):
            for n, score in enumerate(scores):
                put(nb, qid, score, f"2026-11-{n + 1:02d}")
        result = stats.collect(nb, load_catalog())
    (growth,) = result.categories
    assert growth.change == ((80 - 40) + (60 - 70)) / 2 and growth.compared == 2
    assert growth.attempts == 6


def test_a_category_with_no_question_answered_twice_has_no_change(home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        put(nb, "growth-01", 40, "2026-11-01")
        put(nb, "growth-02", 90, "2026-11-02")
        result = stats.collect(nb, load_catalog())
    assert result.categories[0].change is None
    out = CliRunner().invoke(app, ["stats"]).output
    assert "変化は同じ質問の初回→最新" in out.replace("\n", "")


def test_one_line_answers_and_half_typed_ones_stay_out_of_the_averages(
    runner: CliRunner, home: Path
) -> None:
    with Notebook(home / "history.db") as nb:
        put(nb, "growth-01", 80, "2026-11-02")
        put(nb, "growth-02", 5, "2026-11-02", labels=NONE, codes=("D401", "D403"))
        put(nb, "growth-01", 4, "2026-11-03", labels=NONE, codes=("D401",))
        put(nb, "growth-03", None, "2026-11-03", status="interrupted")
        result = stats.collect(nb, load_catalog())
    assert result.total == 1 and result.categories[0].average == 80
    assert result.categories[0].trend == (80,)
    assert result.categories[0].change is None  # the one-liner is not a second attempt
    assert (result.partial, result.interrupted) == (2, 1)
    assert result.partial_average == 4.5
    out = runner.invoke(app, ["stats"]).output.replace("\n", "")
    assert "平均に入れていない回答: 一言だけの回答 2件" in out
    assert "入力の途中で中断した回答 1件" in out


def test_a_short_answer_with_an_element_still_counts(home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        put(nb, "growth-01", 30, "2026-11-02", codes=("D401",))
        result = stats.collect(nb, load_catalog())
    assert result.total == 1 and result.partial == 0


def test_a_test_run_is_apart_though_its_one_sentence_counts_as_a_conclusion(
    runner: CliRunner, home: Path
) -> None:
    result = runner.invoke(
        app, ["practice", "-c", "growth", "-n", "2", "--order", "bank"], input="テスト\n---\nはい"
    )
    assert result.exit_code == 0, result.output
    with Notebook(home / "history.db") as nb:
        first = nb.attempt(1)
        assert first.labels["conclusion_first"] and "D401" in first.finding_codes
        result = stats.collect(nb, load_catalog())
    assert (result.total, result.partial) == (0, 2)
    out = runner.invoke(app, ["stats"]).output
    assert "一言だけの回答 2件" in out and "平均に入る回答はまだありません" in out


def test_weekly_chart_has_one_row_per_week_with_element_rates(
    runner: CliRunner, home: Path
) -> None:
    only_conclusion = dict(NONE, conclusion_first=True)
    with Notebook(home / "history.db") as nb:
        put(nb, "growth-01", 40, "2026-11-03", labels=only_conclusion)  # a Tuesday
        put(nb, "growth-02", 60, "2026-11-08", labels=only_conclusion)  # the Sunday after
        put(nb, "growth-01", 90, "2026-11-10")  # next week
        result = stats.collect(nb, load_catalog())
    first, second = result.weeks
    assert (str(first.start), first.attempts, first.average) == ("2026-11-02", 2, 50)
    assert first.rate("conclusion") == 1 and first.rate("reason") == 0
    assert (str(second.start), second.attempts, second.average) == ("2026-11-09", 1, 90)
    assert second.rate("reason") == 1
    out = runner.invoke(app, ["stats"]).output
    assert "週ごとの推移" in out
    week_rows = [line for line in out.splitlines() if "〜" in line]
    assert [row.split()[0] for row in week_rows] == ["11/02〜", "11/09〜"]
    assert "████░░░░" in week_rows[0] and "100%" in week_rows[0] and "0%" in week_rows[0]


def test_stats_fit_in_80_columns(home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        put(nb, "growth-01", 40, "2026-11-03")
        put(nb, "failure-01", 60, "2026-11-10")
    out = CliRunner().invoke(app, ["stats"], env={"COLUMNS": "80"}).output
    week_rows = [line for line in out.splitlines() if "〜" in line]
    assert len(week_rows) == 2
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    header = next(line for line in out.splitlines() if line.split()[:3] == ["週", "回答", "平均"])
    assert header.split()[-1] == "数字"  # every element column fits, none is cut


def test_a_one_line_answer_with_a_red_flag_or_from_a_real_interview_counts(home: Path) -> None:
    only_first = dict(NONE, conclusion_first=True)
    with Notebook(home / "history.db") as nb:
        put(nb, "career-01", 9, "2026-11-02", labels=only_first, codes=("D401", "R301"))
        aid = put(nb, "growth-01", 5, "2026-11-02", labels=only_first, codes=("D401",))
        nb.db.execute("UPDATE attempts SET real = 1 WHERE id = ?", (aid,))
        result = stats.collect(nb, load_catalog())
    assert (result.total, result.partial, result.real) == (2, 0, 1)
    assert dict(result.red_flags)["R301"] == 1


def test_the_weekly_chart_shows_the_last_eight_weeks_up_to_the_latest_answer(home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        for day in ("2026-08-03", "2026-09-07", "2026-09-14", "2026-10-26", "2026-11-02"):
            put(nb, "growth-01", 50, day)
        result = stats.collect(nb, load_catalog())
    # 2026-11-02 is a Monday: eight weeks back is 2026-09-14; August stays in the totals only
    assert [str(w.start) for w in result.weeks] == ["2026-09-14", "2026-10-26", "2026-11-02"]
    assert result.total == 5


def test_a_period_with_no_answers_is_not_an_empty_notebook(home: Path) -> None:
    from typer.testing import CliRunner

    from coach.cli import app

    runner = CliRunner()
    runner.invoke(
        app,
        ["log", "--company", "テスト商事"],
        input="Q: 志望動機は？\nA: 御社の物流に惹かれました。\n",
    )
    out = runner.invoke(app, ["stats", "--since", "2099-01-01"]).output
    assert "指定した期間に採点された回答はありません" in out and "練習を始めましょう" not in out
    bad = runner.invoke(app, ["stats", "--since", "2027-02-30"])
    assert bad.exit_code == 2 and "その日付はありません" in bad.output
