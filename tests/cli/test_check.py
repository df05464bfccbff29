"""`coach check` end to end: files, standard input, JSON, batches and bad input."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.cli import app

from support import coach_executable, subprocess_env

ANSWER = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)


def test_check_file_prints_feedback(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ANSWER, encoding="utf-8")
    result = runner.invoke(app, ["check", "--category", "再現性", str(path)])
    assert result.exit_code == 0, result.output
    assert "結論" in result.output and "スコア" in result.output
    assert "話すと約" in result.output


def test_check_stdin_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--json", "-c", "growth", "-"], input=ANSWER)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == 1 and data["category"] == "growth"
    assert "id" not in data
    assert data["labels"]["conclusion_first"] is True


def test_check_without_category_uses_general(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--json", "-"], input="特にありません。")
    data = json.loads(result.output)
    assert data["category"] == "general"
    assert data["labels"]["no_question"] is False  # no reverse-question rules
    assert all(not f["code"].startswith("Q") for f in data["findings"])


def test_batch_keeps_input_order_and_ids(runner: CliRunner, tmp_path: Path) -> None:
    lines = [
        {"id": "b", "category": "reverse-questions", "answer": "特にありません。"},
        {"id": "a", "category": "growth", "question": "強みは？", "answer": ANSWER},
        {"id": 3, "category": "一般", "answer": "頑張ります。"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "--batch", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["b", "a", 3]  # the input id as given, number or string
    assert out[0]["labels"]["no_question"] is True
    assert out[2]["category"] == "general"
    # every result carries the spec's follow_up: the declined reverse question is pushed back on
    assert all(set(o["follow_up"]) == {"target", "question"} for o in out)
    assert out[0]["follow_up"]["target"] == "Q501"
    assert out[2]["follow_up"]["target"] != "probe"  # 頑張ります lacks everything


def test_check_json_follow_up_is_what_the_practice_asks_first(runner: CliRunner) -> None:
    from coach.banks import load_catalog

    question = load_catalog().question("reproducibility-01")
    for answer in ("私の強みは調整力です。", ANSWER, "上司が協力してくれなかったので大変でした。"):
        checked = runner.invoke(
            app,
            ["check", "--json", "-c", "reproducibility", "-q", question.text, "-"],
            input=answer,
        )
        assert checked.exit_code == 0, checked.output
        follow_up = json.loads(checked.output)["follow_up"]
        practised = runner.invoke(
            app,
            [
                "practice",
                "-c",
                "reproducibility",
                "--order",
                "bank",
                "-n",
                "1",
                "--follow-ups",
                "1",
            ],
            input=answer + "\n---\n",
        )
        assert practised.exit_code == 0, practised.output
        # the practice's box, its frame and line breaks taken out
        flat = re.sub(r"[│╭╮╰╯─\s]", "", practised.output)
        assert re.sub(r"\s", "", follow_up["question"]) in flat, answer
        plain = runner.invoke(
            app, ["check", "-c", "reproducibility", "-q", question.text, "-"], input=answer
        )
        assert "面接官が次に聞きそうな質問" in plain.output
        assert re.sub(r"\s", "", follow_up["question"]) in re.sub(r"[│╭╮╰╯─\s]", "", plain.output)


def test_a_reverse_question_that_asks_well_has_a_null_follow_up(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["check", "--json", "-c", "reverse-questions", "-"],
        input="配属予定のチームが今いちばん困っている課題を教えていただけますか。",
    )
    data = json.loads(result.output)
    assert "follow_up" in data and data["follow_up"] is None


def test_batch_without_json_prints_a_table(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x1", "answer": ANSWER}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--batch", str(path)])
    assert result.exit_code == 0
    assert "x1" in result.output and "スコア" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "1", "answer": "はい"}\n{"id": 2, "answer": \n', ":2: JSON として読めません"),
        (
            '{"id": "1", "category": "営業力", "answer": "はい"}\n',
            ":1: 不明なカテゴリです: '営業力'",
        ),
        ('{"id": "1"}\n', ":1: answer（回答の文字列）がありません"),
        ('{"id": "1", "answer": "   "}\n', ":1: answer が空です"),
        ("[1, 2]\n", ":1: 1行に1つの JSON オブジェクト"),
        ('{"id": "1", "answer": "a"}\n{"id": "1", "answer": "b"}\n', ":2: id '1' が重複しています"),
    ],
)
def test_bad_batch_lines_name_file_and_line(
    runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", "--batch", str(path), "--json"])
    assert result.exit_code == 2
    assert f"{path}{message}" in result.output
    assert result.output.count("\n") == 1  # one line, nothing else printed
    assert "Traceback" not in result.output


def test_non_utf8_missing_file_and_empty_answer(runner: CliRunner, tmp_path: Path) -> None:
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("私の強みは調整力です。".encode("shift_jis"))
    result = runner.invoke(app, ["check", str(sjis)])
    assert result.exit_code == 2 and "UTF-8 として読めません" in result.output
    result = runner.invoke(app, ["check", str(tmp_path / "none.txt")])
    assert result.exit_code == 2 and "ファイルが見つかりません" in result.output
    result = runner.invoke(app, ["check", "-"], input=" \n ")
    assert result.exit_code == 2 and "回答が空です" in result.output


def test_unknown_category_in_check(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-c", "nope", "-"], input=ANSWER)
    assert result.exit_code == 2
    assert "使えるカテゴリ" in result.output


def test_markup_is_shown_literally_and_escape_sequences_are_removed(tmp_path: Path) -> None:
    answer = "[red]赤[/red] と [bold]太字[/bold] \x1b[31mエスケープ\x1b[0m を書きました。"
    out = subprocess.run(
        [coach_executable(), "check", "-"],
        input=answer,
        capture_output=True,
        text=True,
        env=subprocess_env(tmp_path, COLUMNS="200"),
    )
    assert out.returncode == 0, out.stderr
    assert "[red]赤[/red]" in out.stdout
    assert "[bold]太字[/bold]" in out.stdout
    assert "\x1b" not in out.stdout  # never sent to the terminal as a control sequence
    assert "エスケープ" in out.stdout and "[31m" not in out.stdout  # removed whole, text kept


def test_rules_list_and_explain(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "S101" in result.output and "R301" in result.output and "Q501" in result.output
    result = runner.invoke(app, ["rules", "explain", "r301"])
    assert result.exit_code == 0
    assert "他責" in result.output and "面接官が気にする理由" in result.output
    result = runner.invoke(app, ["rules", "explain", "blame"])
    assert result.exit_code == 0 and "R301" in result.output
    result = runner.invoke(app, ["rules", "explain", "X999"])
    assert result.exit_code == 2 and "不明なルール" in result.output


def test_parallel_batch_keeps_order_and_matches_one_process(tmp_path: Path) -> None:
    from coach.banks import load_catalog
    from coach.checking import read_batch, write_batch_json

    path = tmp_path / "many.jsonl"
    # every other answer to a bank question: its probes travel to the workers with it
    bank = "ここ1年ほどで、仕事のために自分から学んだことは何ですか。学んだことを、実際の業務でどう使いましたか。"
    lines = [
        json.dumps(
            {"id": f"a{i:03d}", "category": "growth", "answer": ANSWER[: 40 + i % 120]}
            | ({"question": bank} if i % 2 else {}),
            ensure_ascii=False,
        )
        for i in range(230)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog()
    items = read_batch(path, catalog)
    import io

    one, many = io.StringIO(), io.StringIO()
    write_batch_json(items, catalog, one, jobs=1)
    write_batch_json(items, catalog, many, jobs=2)
    assert one.getvalue() == many.getvalue()
    results = [json.loads(x) for x in many.getvalue().splitlines()]
    assert [r["id"] for r in results] == [f"a{i:03d}" for i in range(230)]
    assert all(r["follow_up"] is not None for r in results)


def test_parser_errors_read_in_japanese(tmp_path: Path) -> None:
    from coach.errors import parser_message

    assert parser_message("Expecting value") == "値がありません"
    assert parser_message("did not find expected ',' or ']'").startswith("「]」")
    assert parser_message("something new") == "something new"  # unknown: kept as the parser said


def test_batch_keeps_a_numeric_id_numeric_and_names_a_non_string_answer(
    runner: Any, tmp_path: Path
) -> None:
    from coach.cli import app

    good = tmp_path / "good.jsonl"
    good.write_text('{"id": 7, "answer": "私の強みは調整力です。"}\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--batch", str(good), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == 7
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "b", "answer": 123}\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--batch", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1: answer は文字列にしてください" in result.output


SELF_INTRO = (
    "田中と申します。物流会社で8年、倉庫の在庫管理と出荷の段取りを担当してきました。"
    "直近の3年はセンター長の補佐として、繁忙期の人員計画を任されています。"
    "本日はよろしくお願いいたします。"
)


def test_check_of_a_bank_question_scores_and_asks_as_the_practice_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`--question` quoting a bank question uses its expects, and the checklist, the findings,
    the score and the follow-up ask for the same elements: a self-introduction (asks: fact)
    demands its point and a figure, not an episode, so nothing says 「具体例がない」."""
    from coach.analysis import analyze
    from coach.banks import load_catalog

    catalog = load_catalog()
    q = catalog.question("introduction-01")
    path = tmp_path / "a.txt"
    path.write_text(SELF_INTRO, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "-c", "introduction", "--question", q.text, str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "example" not in data["expects"]
    assert "S103" not in [f["code"] for f in data["findings"]]
    assert data["follow_up"]["target"] != "example"
    # too short: it grows by what a self-introduction asks, not by an episode's scene
    path.write_text("田中と申します。物流会社で8年、在庫管理を担当してきました。", encoding="utf-8")
    brief = runner.invoke(
        app, ["check", "-c", "introduction", "--question", q.text, str(path), "--json"]
    )
    short = next(f for f in json.loads(brief.output)["findings"] if f["code"] == "D401")
    assert "具体例の場面" not in short["message"] and "担当してきた仕事" in short["message"]
    # as the practice analyses it (coach.session): the bank's asks and the catalog's expects
    practice = analyze(
        SELF_INTRO,
        category="introduction",
        structure="prep",
        question=q.text,
        asks=tuple(q.asks),
        expects=catalog.expects(q),
    )
    assert data["score"] == practice.score and tuple(data["expects"]) == practice.expects
    # and a batch line quoting the same question is scored the same way
    batch = tmp_path / "in.jsonl"
    line = {"id": 1, "category": "introduction", "question": q.text, "answer": SELF_INTRO}
    batch.write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    out = runner.invoke(app, ["check", "--batch", str(batch), "--json"])
    assert out.exit_code == 0, out.output
    row = json.loads(out.output.splitlines()[0])
    assert row["score"] == data["score"] and row["expects"] == data["expects"]


def test_an_empty_batch_file_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--batch", str(path)])
    assert result.exit_code == 2
    assert "回答が1件もありません" in result.output and "Traceback" not in result.output


def test_a_cap_that_did_not_lower_the_score_is_a_note_not_a_step(runner: CliRunner) -> None:
    # an off-topic one-liner scores below its cap: the breakdown says the ceiling exists,
    # without an arrow that reads as if the score had been cut to it
    result = runner.invoke(
        app,
        ["check", "-c", "failure", "-q", "これまでの仕事で一番大きな失敗を教えてください。"],
        input="私の強みは粘り強さです。\n",
    )
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())  # the line may wrap
    line = text[text.index("採点の内訳") :]
    assert "→上限" not in line and "この点数は上限より下です" in line


def test_the_length_line_measures_against_the_time_the_question_asks(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["check", "-c", "introduction", "-q", "まず30秒ほどで自己紹介をお願いします。"],
        input="営業事務を5年しています。\n",
    )
    assert result.exit_code == 0, result.output
    assert "目安30秒" in result.output and "目安60秒" not in result.output
