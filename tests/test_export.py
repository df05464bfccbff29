"""`coach export`: each question's first and latest answer, and every mock's answers and
follow-ups (issue 18, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coach.analysis import analyze
from coach.cli import app
from coach.notebook import Notebook

# Answers to the first growth question (what was learned, and how it was used at work), so that
# each scores on its substance: GOOD answers both parts, MIDDLE only the first, BLAME neither.
GOOD = (
    "ここ1年で学んだのは、工程表の作り方です。というのも、営業と製造の間で納期の調整を"
    "任されるようになったからです。独学で工程表の引き方を覚え、2023年に大口案件の納期が"
    "2週間前倒しになった際、私はそれを使って工程表を組み直しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)
MIDDLE = "ここ1年で工程表の作り方を学びました。前職では営業と製造の間で納期を調整していました。"
BLAME = "上司が評価してくれず、会社の方針も悪かったので、成果が出ませんでした。"


def practise(runner: CliRunner, answer: str) -> None:
    result = runner.invoke(
        app, ["practice", "-c", "growth", "-n", "1", "--order", "bank"], input=answer
    )
    assert result.exit_code == 0, result.output


def test_export_shows_the_first_and_the_latest_answer_of_a_question(runner: CliRunner) -> None:
    for answer in (BLAME, GOOD, MIDDLE):
        practise(runner, answer)
    out = runner.invoke(app, ["export"]).output
    first = out.index("#### 最初の回答")
    latest = out.index("#### 最新の回答")
    best = out.index("#### ベストの回答")
    assert first < latest < best
    assert BLAME in out[first:latest] and MIDDLE in out[latest:best] and GOOD in out[best:]
    data = json.loads(runner.invoke(app, ["export", "--format", "json"]).output)
    (question,) = data["categories"][0]["questions"]
    assert [question[k]["answer"] for k in ("first", "latest", "best")] == [BLAME, MIDDLE, GOOD]
    line = next(x for x in out.splitlines() if x.startswith("練習 3回"))
    f, m = question["first"]["score"], question["latest"]["score"]
    assert f"初回 {f}点 → 最新 {m}点（{m - f:+d}）" in line


def test_a_question_answered_once_has_no_first_apart(runner: CliRunner) -> None:
    practise(runner, GOOD)
    out = runner.invoke(app, ["export"]).output
    assert "#### 最初の回答" not in out and out.count("#### 最新の回答") == 1


def test_a_stopped_mock_without_a_report_still_exports_its_answers_and_follow_ups(
    runner: CliRunner, home: Path
) -> None:
    with Notebook(home / "history.db") as nb:
        s = nb.start_session("mock", company="株式会社サンプル")
        a = nb.record_answer(s, category="growth", question="最近学んだことは？", answer=GOOD)
        nb.save_analysis(a, analyze(GOOD, category="growth", structure="prep"))
        nb.add_follow_up(a, "具体的には何を学びましたか？", "工程表の作り方です。", "example")
        nb.finish_session(s, "interrupted")
    out = runner.invoke(app, ["export"]).output
    section = out[out.index("## 模擬二次面接（coach mock）") :]
    assert "株式会社サンプル（途中で終了、レポートなし）" in section
    assert "- 質問: 最近学んだことは？" in section and GOOD in section
    assert "  - 追加質問: 具体的には何を学びましたか？" in section
    assert "    - 回答: 工程表の作り方です。" in section
    data = json.loads(runner.invoke(app, ["export", "--format", "json"]).output)
    (mock,) = data["mocks"]
    assert mock["finished"] is False and mock["company"] == "株式会社サンプル"
    (answer,) = mock["answers"]
    assert answer["answer"] == GOOD and answer["follow_ups"][0]["answer"] == "工程表の作り方です。"


def test_a_finished_mock_is_exported_with_its_transcript_once(runner: CliRunner) -> None:
    answers = "\n---\n".join(f"{GOOD}（{n}問目）" for n in range(12))
    result = runner.invoke(app, ["mock", "--seed", "1", "--follow-ups", "0"], input=answers)
    assert result.exit_code == 0, result.output
    out = runner.invoke(app, ["export"]).output
    section = out[out.index("## 模擬二次面接（coach mock）") :]
    assert "### 質問と回答" in section and f"{GOOD}（0問目）" in section
    assert "この模擬面接の質問と回答" not in section  # the report's transcript is enough
    assert section.count(f"{GOOD}（0問目）") == 1
