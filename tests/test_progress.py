"""Stats, the exported notebook, spaced re-practice and `coach log`."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import export, notebook, schedule, stats
from coach.analysis import analyze
from coach.banks import load_catalog
from coach.cli import app
from coach.notebook import Notebook

from support import ROOT

GOOD = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)
WEAK = "色々と頑張りました。"
# blame with no reason of the speaker's own (the 〜ので form is read as a cause given, a reason, since
# the label model learned from more voices; the weakest answer here should give nothing but blame)
BLAME = "上司が評価してくれず、会社の方針も悪くて、成果が出ませんでした。"


@pytest.fixture
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Notebook:
    """A notebook with a fixed clock: growth twice (weak, then good), career once with blame."""
    times = iter(f"2026-11-{day:02d}T10:00:00+00:00" for day in range(1, 29))
    monkeypatch.setattr(notebook, "now", lambda: next(times))
    nb = Notebook(tmp_path / "h.db")
    s = nb.start_session("practice", "growth")
    for qid, cat, structure, text in [
        ("growth-01", "growth", "prep", WEAK),
        ("growth-01", "growth", "prep", GOOD),
        ("career-01", "career", "prep", BLAME),
    ]:
        question = load_catalog().question(qid).text
        a = nb.record_answer(s, category=cat, question=question, question_id=qid, answer=text)
        nb.save_analysis(a, analyze(text, category=cat, structure=structure, question=question))
    nb.add_follow_up(2, "具体的には？", "工程表を作り直しました。", "example")
    nb.finish_session(s)
    return nb


def test_stats_per_category_element_and_flags(filled: Notebook) -> None:
    result = stats.collect(filled, load_catalog())
    by_id = {c.id: c for c in result.categories}
    assert by_id["growth"].attempts == 2 and by_id["career"].attempts == 1
    assert by_id["growth"].trend[1] > by_id["growth"].trend[0]
    assert by_id["growth"].change > 0
    assert result.weakest_category == "career"
    assert result.next_command == "coach practice -c career --hints"
    assert dict(result.red_flags)["R301"] == 1
    present, expected = result.elements["reason"]
    assert expected == 3 and 1 <= present <= 2
    assert stats.sparkline([0, 50, 100]) == "▁▄█"


def test_export_markdown_matches_the_snapshot(filled: Notebook) -> None:
    text = export.markdown(load_catalog(), filled.attempts(newest_first=False))
    text = re.sub(r"^出力: .*?／", "出力: (時刻) ／", text, flags=re.M)
    snapshot = ROOT / "tests" / "snapshots" / "export.md"
    if os.environ.get("COACH_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), "run with COACH_UPDATE_SNAPSHOTS=1 to create the snapshot"
    assert text == snapshot.read_text(encoding="utf-8")


def test_export_json_keeps_latest_and_best(filled: Notebook) -> None:
    data = json.loads(export.as_json(load_catalog(), filled.attempts(newest_first=False)))
    assert data["schema"] == 1
    growth = next(c for c in data["categories"] if c["id"] == "growth")
    (question,) = growth["questions"]
    assert question["attempts"] == 2
    assert question["latest"]["answer"] == GOOD
    assert question["best"]["score"] >= question["latest"]["score"]
    assert question["latest"]["follow_ups"][0]["element"] == "example"


def test_rating_follows_the_analysis() -> None:
    assert schedule.rating_for(analyze(GOOD, structure="prep")) == schedule.EASY
    assert schedule.rating_for(analyze(BLAME, structure="prep")) == schedule.AGAIN
    assert schedule.rating_for(analyze(WEAK, structure="prep")) == schedule.AGAIN


def test_due_questions_with_a_fixed_clock(tmp_path: Path) -> None:
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with Notebook(tmp_path / "h.db") as nb:
        weak = schedule.review(nb, "growth-01", "growth", analyze(WEAK, structure="prep"), at=start)
        good = schedule.review(nb, "growth-02", "growth", analyze(GOOD, structure="prep"), at=start)
        assert weak == start + timedelta(minutes=10)  # Again: back the same evening
        assert good > start + timedelta(days=2)  # Easy: much later
        tonight = [d.question_id for d in schedule.due_questions(nb, at=start + timedelta(hours=1))]
        assert tonight == ["growth-01"]
        assert schedule.due_questions(nb, at=start) == []
        later = schedule.due_questions(nb, at=good + timedelta(minutes=1))
        assert {d.question_id for d in later} == {"growth-01", "growth-02"}
        # practising it again well pushes it out
        again = schedule.review(nb, "growth-01", "growth", analyze(GOOD, structure="prep"), at=weak)
        assert again >= weak + timedelta(days=1)


def test_due_command_and_practice_due_first(runner: CliRunner, home: Path) -> None:
    with Notebook(home / "history.db") as nb:
        past = datetime.now(UTC) - timedelta(days=3)
        schedule.review(nb, "growth-05", "growth", analyze(WEAK, structure="prep"), at=past)
    result = runner.invoke(app, ["due"])
    assert result.exit_code == 0
    assert load_catalog().question("growth-05").text[:12] in result.output.replace("\n", "")
    assert "coach practice -c growth --due" in result.output
    result = runner.invoke(
        app, ["practice", "-c", "growth", "-n", "1", "--due", "--follow-ups", "0"], input=GOOD
    )
    assert result.exit_code == 0, result.output
    assert load_catalog().question("growth-05").text[:12] in result.output.replace("\n", "")


LOG = """\
Q: 前職での一番の成果を教えてください。
A: 私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。
2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直しました。その結果、追加の受注を3件いただきました。
C: 再現性
---
Q: 最後に何か質問はありますか。
A: 特にありません。
C: reverse-questions
"""


def test_log_records_real_interviews(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    path = tmp_path / "interview.txt"
    path.write_text(LOG, encoding="utf-8")
    result = runner.invoke(
        app, ["log", "--company", "株式会社サンプル", "--round", "二次", "--from", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "2件の回答を本番の記録として保存しました" in result.output
    with Notebook(home / "history.db") as nb:
        rows = nb.attempts(newest_first=False)
        assert [r.real for r in rows] == [True, True]
        assert rows[0].category == "reproducibility" and rows[1].labels["no_question"] is True
        assert nb.sessions()[0].company == "株式会社サンプル"
    assert "本番" in runner.invoke(app, ["history"]).output
    assert "## 本番の面接" in runner.invoke(app, ["export"]).output
    assert "うち本番 2件" in runner.invoke(app, ["stats"]).output


def test_log_shows_the_follow_up_each_answer_would_have_drawn(
    runner: CliRunner, tmp_path: Path
) -> None:
    from coach.followup import plan_follow_up

    path = tmp_path / "interview.txt"
    path.write_text(LOG, encoding="utf-8")
    result = runner.invoke(app, ["log", "--from", str(path)])
    assert result.exit_code == 0, result.output
    flat = re.sub(r"[│╭╮╰╯─\s]", "", result.output)
    assert flat.count("次の面接で聞かれそうな追加質問") == 2
    declined = analyze(
        "特にありません。",
        category="reverse-questions",
        structure="reverse",
        question="最後に何か質問はありますか。",
    )
    fu = plan_follow_up(declined, "最後に何か質問はありますか。")
    assert fu is not None and fu.target == "Q501"
    assert re.sub(r"\s", "", fu.question) in flat and "指摘「逆質問なし」について" in flat


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("A: 回答だけ\n", ":1: 質問（Q:）がありません"),
        ("Q: 質問だけ\n", ":1: 回答（A:）がありません"),
        ("Q: 質問\nA: 回答\nC: 営業力\n", ":1: 不明なカテゴリです"),
        ("こんにちは\n", ":1: 「Q:」「A:」「C:」のどれかで始めてください"),
    ],
)
def test_log_file_errors_name_the_line(
    runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["log", "--from", str(path)])
    assert result.exit_code == 2
    assert f"{path}{message}" in result.output


def test_history_names_a_missing_question_for_a_declined_reverse_question(
    runner: CliRunner, home: Path
) -> None:
    from rich.table import Table

    from coach.views.notebook import history_view

    result = runner.invoke(
        app, ["practice", "-c", "reverse-questions", "-n", "1"], input="特にありません。\n"
    )
    assert result.exit_code == 0, result.output
    with notebook.open_notebook() as nb:
        view = history_view(nb.sessions(limit=5), nb.attempts(limit=5), {})
    table = view.renderables[1]
    assert isinstance(table, Table)
    missing = next(c for c in table.columns if c.header == "足りない要素")
    assert [str(cell) for cell in missing._cells] == ["質問"]


def test_a_logged_reverse_question_without_a_category_is_read_as_one() -> None:
    from coach import interviews as real

    entries = real.parse_log_text(
        "Q: 最後に何か質問はありますか。\nA: 特にありません。\n---\nQ: 前職の成果は？\nA: 売上を伸ばしました。\n",
        "log.txt",
        load_catalog(),
    )
    assert [e.category for e in entries] == ["reverse-questions", "general"]
    # a question that only mentions questions is not the reverse question
    assert (
        real.guess_category("お客様からの質問対応で工夫したことはありますか", load_catalog())[0]
        != "reverse-questions"
    )


def test_mock_answers_are_scheduled_and_due_alone_picks_their_category(
    runner: CliRunner, home: Path
) -> None:
    result = runner.invoke(
        app, ["mock", "--seed", "1"], input="頑張ります。\n---\n色々やりました。\n"
    )
    assert result.exit_code == 0, result.output
    with Notebook(home / "history.db") as nb:
        reviews = nb.all_reviews()
        assert len(reviews) == 2  # both answered mock questions come back for review
        later = datetime.now(UTC) + timedelta(hours=1)
        first = schedule.due_questions(nb, at=later)[0]
        # make it due now, as ten minutes from now would be
        nb.db.execute(
            "UPDATE reviews SET due = ? WHERE question_id = ?",
            ("2000-01-01T00:00:00+00:00", first.question_id),
        )
        nb.db.commit()
    result = runner.invoke(app, ["practice", "--due", "-n", "1"], input=GOOD)
    assert result.exit_code == 0, result.output
    name = load_catalog().categories[first.category].name
    assert f"復習の時期が来た質問がある「{name}」から出題します" in result.output
    assert load_catalog().question(first.question_id).text[:12] in result.output.replace("\n", "")


@pytest.mark.parametrize(
    ("question", "category"),
    [
        ("なぜ弊社なのですか", "motivation"),
        ("前職を辞めた理由は何ですか", "career"),
        ("これまでで一番の失敗は？", "failure"),
        ("5年後にどうなっていたいですか", "career"),
        ("あなたの弱みは何ですか", "growth"),
        ("自己紹介をお願いします", "introduction"),
        ("今日はここまで迷わず来られましたか", "general"),
    ],
)
def test_a_logged_question_without_a_category_is_read_as_its_kind(
    question: str, category: str
) -> None:
    """「なぜ弊社なのですか」 logged without C: is a motivation question, not a general one that
    would demand 行動・結果・工夫."""
    from coach import interviews

    assert interviews.guess_category(question, load_catalog())[0] == category
