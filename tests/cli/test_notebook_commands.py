"""`coach history --search / --question / --json` and `coach delete` (issue 18, item 1)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import schedule
from coach.analysis import analyze
from coach.cli import app
from coach.notebook import Notebook

GOOD = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、WMSの設定も見直しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)
BLAME = "上司が評価してくれず、会社の方針も悪かったので、成果が出ませんでした。"


def practise(runner: CliRunner, *answers: str, category: str = "growth") -> None:
    """Answer the bank's first questions of a category from a script, one session."""
    result = runner.invoke(
        app,
        ["practice", "-c", category, "-n", str(len(answers)), "--order", "bank"],
        input="\n---\n".join(answers),
    )
    assert result.exit_code == 0, result.output


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


@pytest.fixture
def three(runner: CliRunner, home: Path) -> Path:
    """growth-01 answered twice (blame, then good) and growth-02 once; a follow-up reply on #3."""
    practise(runner, BLAME)
    practise(runner, GOOD, "学んだことをノートにまとめています。")
    with Notebook(home / "history.db") as nb:
        nb.add_follow_up(
            3, "具体的にはどんなノートですか？", "Ｅｘｃｅｌの表で管理しています。", "example"
        )
    return home


def test_search_finds_answers_questions_and_follow_ups_whatever_the_width(
    runner: CliRunner, three: Path
) -> None:
    out = runner.invoke(app, ["history", "--search", "ｗｍｓ"]).output  # the answer says WMS
    assert "「ｗｍｓ」を含む回答 1件" in out and "回答: " in out and "WMS" in out
    out = runner.invoke(app, ["history", "-s", "EXCEL"]).output
    assert "を含む回答 1件" in out and "追加質問への回答" in out and "Ｅｘｃｅｌ" in out
    out = runner.invoke(app, ["history", "-s", "学んだこと"]).output
    assert "を含む回答 3件" in out and "質問: " in out  # two by the question, #3 by its answer
    out = runner.invoke(app, ["history", "-s", "存在しない言葉"]).output
    assert "「存在しない言葉」を含む回答は見つかりませんでした" in out
    result = runner.invoke(app, ["history", "-s", "  "])
    assert result.exit_code == 2 and "--search に探す言葉を指定してください" in result.output


def test_search_json_lists_the_matching_attempts(runner: CliRunner, three: Path) -> None:
    data = json.loads(runner.invoke(app, ["history", "-s", "excel", "--json"]).output)
    assert data["schema"] == 1 and data["search"] == "excel"
    assert [a["id"] for a in data["attempts"]] == [3]
    assert data["attempts"][0]["follow_ups"][0]["answer"] == "Ｅｘｃｅｌの表で管理しています。"


def test_question_history_shows_each_attempt_with_score_elements_flags_and_a_chart(
    runner: CliRunner, three: Path
) -> None:
    result = runner.invoke(app, ["history", "--question", "growth-01"])
    assert result.exit_code == 0, result.output
    out = result.output
    with Notebook(three / "history.db") as nb:
        first, second = nb.attempts(question_id="growth-01", newest_first=False)
    assert first.score is not None and second.score is not None and second.score > first.score
    assert f"初回 {first.score}点 → 最新 {second.score}点（+{second.score - first.score}）" in out
    rows = [line for line in out.splitlines() if line.strip().startswith(("1 ", "2 "))]
    assert [r.split()[0] for r in rows] == ["1", "2"]  # oldest first
    assert "他責" in rows[0] and "█" in rows[0]  # the blame answer's red flag and its bar
    assert "結論・理由・具体例" in rows[1] and "なし" in rows[1]
    assert "growth-02" not in out


def test_question_history_json_and_an_unknown_question(runner: CliRunner, three: Path) -> None:
    data = json.loads(runner.invoke(app, ["history", "-q", "growth-01", "--json"]).output)
    assert data["question_id"] == "growth-01"
    first, second = data["attempts"]
    assert first["red_flags"] and first["red_flags"][0].startswith("R")
    assert set(second) >= {
        "id", "session_id", "created_at", "category", "question_id", "question", "answer",
        "attempt_no", "status", "real", "score", "duration_s", "elements", "missing",
        "red_flags", "finding_codes", "follow_ups",
    }  # fmt: skip
    assert second["attempt_no"] == 2 and second["status"] == "answered"
    result = runner.invoke(app, ["history", "-q", "growth-99"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "coach: エラー: 不明な質問IDです: 'growth-99'（coach questions カテゴリ でIDを確認できます）"
    ]
    out = runner.invoke(app, ["history", "-q", "growth-05"]).output
    assert "この質問にはまだ答えていません" in out


def test_plain_history_json(runner: CliRunner, three: Path) -> None:
    data = json.loads(runner.invoke(app, ["history", "--json", "-l", "2"]).output)
    assert [a["id"] for a in data["attempts"]] == [3, 2]


def test_delete_removes_from_history_stats_export_and_replays_the_review(
    runner: CliRunner, three: Path
) -> None:
    with Notebook(three / "history.db") as nb:
        before = nb.review_card("growth-01")
        first = nb.attempt(1)
    assert before is not None
    result = runner.invoke(app, ["delete", "2", "--yes"])
    assert result.exit_code == 0, result.output
    assert "回答 #2 を削除しました" in result.output
    data = json.loads(runner.invoke(app, ["history", "--json"]).output)
    assert [a["id"] for a in data["attempts"]] == [3, 1]
    assert "を含む回答は見つかりませんでした" in runner.invoke(app, ["history", "-s", "WMS"]).output
    assert "WMS" not in runner.invoke(app, ["export"]).output
    stats_out = runner.invoke(app, ["stats"]).output
    assert "採点済みの回答 2件" in stats_out
    with Notebook(three / "history.db") as nb:
        after = nb.review_card("growth-01")
        assert nb.attempt(3).attempt_no == 1
        assert nb.attempt(1).attempt_no == 1
    # the card is the one the remaining attempt alone gives
    assert after is not None and after.card != before.card
    assert first.analysis is not None
    expected = schedule.rating_for(analyze(BLAME, category="growth", structure="prep"))
    assert after.last_rating == expected
    assert datetime.fromisoformat(after.due) > datetime.fromisoformat(first.created_at)


def test_deleting_every_attempt_of_a_question_drops_its_review(
    runner: CliRunner, three: Path
) -> None:
    result = runner.invoke(app, ["delete", "1", "2", "--yes"])
    assert result.exit_code == 0, result.output
    with Notebook(three / "history.db") as nb:
        assert nb.review_card("growth-01") is None
        assert nb.review_card("growth-02") is not None
        assert len(nb.sessions()) == 1  # the first session had only #1: it went with it
    assert "growth-01" not in runner.invoke(app, ["due"]).output


def test_delete_refuses_unknown_ids_with_one_line_and_deletes_nothing(
    runner: CliRunner, three: Path
) -> None:
    result = runner.invoke(app, ["delete", "1", "41", "42", "--yes"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "coach: エラー: 回答 #41、#42 は面接ノートにありません（coach history で ID を確認できます）。"
        "何も削除していません"
    ]
    with Notebook(three / "history.db") as nb:
        assert nb.count() == 3


def test_delete_from_a_script_needs_yes(runner: CliRunner, three: Path) -> None:
    result = runner.invoke(app, ["delete", "1"])
    assert result.exit_code == 2
    assert "--yes を付けてください" in result.output
    with Notebook(three / "history.db") as nb:
        assert nb.count() == 3


def test_deleting_a_mock_answer_removes_the_report_that_quotes_it(
    runner: CliRunner, home: Path
) -> None:
    with Notebook(home / "history.db") as nb:
        s = nb.start_session("mock")
        a = nb.record_answer(s, category="growth", question="質問", answer="回答その一")
        nb.record_answer(s, category="growth", question="質問2", answer="回答その二")
        nb.save_report(s, json.dumps({"company": None}))
    result = runner.invoke(app, ["delete", str(a), "--yes"])
    assert result.exit_code == 0, result.output
    assert "模擬面接のレポートも削除しました（セッション #1）" in result.output
    with Notebook(home / "history.db") as nb:
        assert nb.reports() == []
        assert nb.count() == 1
