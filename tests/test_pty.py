"""Interactive commands driven for real in a pseudo-terminal (pexpect), as a user would."""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
from pathlib import Path

import pexpect
import pytest
from vt_screen import Screen

from pty_support import DOWN, finish, spawn, type_answer, wait_for_prompt
from support import coach_executable, subprocess_env

pytestmark = pytest.mark.pty

ANSWER_LINES = [
    "私の強みは、分からないことを自分で調べて手順に落とす力です。",
    "前職で経理を担当した際、私は月次決算の手順書を作成し、締めを5日から3日に短縮しました。",
]


def test_full_session_with_a_follow_up_then_history_stats_export(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "1", "--follow-ups", "1", "--seed", "3")
    child.expect("成長意欲  1/1")
    type_answer(child, ANSWER_LINES[:1])
    child.expect("スコア")
    child.expect("面接官の追加質問")
    type_answer(child, ANSWER_LINES[1:])
    child.expect("追加質問のあと")
    child.expect("（追加）")
    child.expect("次はどうしますか")
    child.send("\r")  # 結果のまとめへ
    child.expect("練習のまとめ")
    status, rest = finish(child)
    assert status == 0
    assert "Traceback" not in rest

    env = subprocess_env(home, COLUMNS="120")
    for args, expected in [
        (["history"], "成長意欲"),
        (["stats"], "次に実行するコマンド"),
        (["export"], "## 成長意欲（growth）"),
    ]:
        out = subprocess.run([coach_executable(), *args], capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
        assert expected in out.stdout
    exported = subprocess.run(
        [coach_executable(), "export"], capture_output=True, text=True, env=env
    ).stdout
    assert ANSWER_LINES[0] in exported and "追加質問" in exported


def test_two_follow_ups_in_a_chain_the_second_reads_the_reply(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(
        home, "practice", "-c", "reproducibility", "-n", "1", "--order", "bank", "--follow-ups", "2"
    )
    child.expect("再現性  1/1")
    # on-topic, but with no step of the speaker's own
    type_answer(
        child, ["一番大きな成果は、2023年の大口案件で、前倒しになった納期を守り切ったことです。"]
    )
    child.expect("面接官の追加質問（(行動|具体例)についての深掘り）")
    # the reply names an act the answer did not: the next follow-up digs into it
    type_answer(
        child,
        ["2023年に納期が前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"],
    )
    child.expect("追加質問のあと")
    child.expect("面接官の追加質問")
    child.expect("「工程表を組み直した」")
    type_answer(child, ["その結果、納期を守り、追加で3件の受注につながりました。"])
    child.expect("次はどうしますか")
    child.send("\r")
    child.expect("練習のまとめ")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    shown = subprocess.run(
        [coach_executable(), "show", "1"],
        capture_output=True,
        text=True,
        env=subprocess_env(home, COLUMNS="140"),
    )
    assert shown.stdout.count("面接官の追加質問") == 2 and "工程表を組み直した" in shown.stdout


def test_retry_shows_before_and_after(tmp_path: Path) -> None:
    child = spawn(tmp_path / "home", "practice", "-c", "growth", "-n", "1", "--follow-ups", "0")
    type_answer(child, ["頑張ります。"])
    child.expect("次はどうしますか")
    child.send(DOWN)
    child.send("\r")  # この質問をやり直す
    child.expect("やり直し")
    type_answer(child, ANSWER_LINES)
    child.expect("やり直しの比較")
    child.expect("次はどうしますか")
    child.send(DOWN * 2)  # 終了する is last after 模範回答 / ヒント
    child.send(DOWN)
    child.send("\r")
    child.expect("練習のまとめ")
    status, _ = finish(child)
    assert status == 0


def test_ctrl_c_while_typing_prints_the_summary_and_keeps_the_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "2")
    wait_for_prompt(child)
    child.send("書きかけの回答です")
    child.sendcontrol("c")
    child.expect("練習のまとめ")
    child.expect("入力途中の回答も面接ノートに保存しました")
    status, rest = finish(child)
    assert status == 130
    assert "Traceback" not in rest
    out = subprocess.run(
        [coach_executable(), "history"],
        capture_output=True,
        text=True,
        env=subprocess_env(home, COLUMNS="140"),
    )
    assert "（中断）" in out.stdout
    for fmt in ("markdown", "json"):
        exported = subprocess.run(
            [coach_executable(), "export", "--format", fmt],
            capture_output=True,
            text=True,
            env=subprocess_env(home, COLUMNS="140"),
        )
        assert "書きかけの回答です" in exported.stdout, fmt


def test_category_menu_when_no_category_is_given(tmp_path: Path) -> None:
    child = spawn(tmp_path / "home", "practice", "-n", "1", "--follow-ups", "0")
    child.expect("どのカテゴリを練習しますか")
    child.expect("自己紹介")
    child.send(DOWN)
    child.send("\r")  # the second category: 再現性
    child.expect("再現性  1/1")
    wait_for_prompt(child)
    child.sendcontrol("d")  # Ctrl-D on an empty answer ends the session
    child.expect("練習のまとめ")
    status, _ = finish(child)
    assert status == 0


def test_log_a_real_interview_interactively(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log")
    child.expect("会社名")
    child.send("株式会社テスト\r")
    child.expect("面接の段階")
    child.send("\r")  # 二次 (default)
    child.expect("聞かれた質問")
    child.send("前職で一番の成果は何ですか。\r")
    wait_for_prompt(child)
    child.send(ANSWER_LINES[1] + "\r\r")
    child.expect("この質問のカテゴリ")
    child.send(DOWN + "\r")  # 再現性
    child.expect("聞かれた質問")
    child.send("\r")  # empty: done
    child.expect("本番の記録として保存しました")
    status, _ = finish(child)
    assert status == 0
    out = subprocess.run(
        [coach_executable(), "history"], capture_output=True, text=True, env=subprocess_env(home)
    )
    assert "株式会社テスト" in out.stdout


def test_ctrl_c_in_log_keeps_the_half_typed_answer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "log", "--company", "株式会社テスト", "--round", "二次")
    child.expect("聞かれた質問")
    child.send("最後に何か質問はありますか。\r")
    wait_for_prompt(child)
    child.send("配属予定のチームの課題を")
    child.sendcontrol("c")
    child.expect("1件の回答を本番の記録として保存しました")
    finish(child)
    shown = subprocess.run(
        [coach_executable(), "export", "--format", "json"],
        capture_output=True,
        text=True,
        env=subprocess_env(home),
    )
    (entry,) = json.loads(shown.stdout)["real"]
    assert entry["answer"] == "配属予定のチームの課題を"
    assert entry["category"] == "reverse-questions"  # 「最後に何か質問は」 is the reverse question


def test_mock_interview_in_honban_mode_reaches_the_report(tmp_path: Path) -> None:
    home = tmp_path / "home"
    company = tmp_path / "company.yaml"
    subprocess.run(
        [coach_executable(), "company", "init", str(company)],
        check=True,
        capture_output=True,
        env=subprocess_env(home),
    )
    child = spawn(home, "mock", "--company", str(company), "--seed", "5", "--minutes", "30")
    child.expect("模擬二次面接を始めます")
    child.expect("本番モード")
    answered = 0
    during = ""
    for _ in range(24):  # eight questions, each with at most one follow-up
        index = child.expect_exact(["\x1b[?2004h", "面接の講評（質問ごと）"])
        during += child.before or ""
        if index == 1:
            break
        child.send(ANSWER_LINES[answered % 2] + "\r\r")
        answered += 1
    else:
        pytest.fail("the mock interview never reached its report")
    # 本番モード: questions and follow-ups only, every answer's feedback at the end
    assert "スコア" not in during and "改善ポイント" not in during
    assert "転職理由" in during and "面接官の追加質問" in during
    child.expect("スコア")
    child.expect("模擬二次面接のレポート")
    child.expect("評価軸")
    for axis in ("再現性", "思考の深さ", "協働性", "課題解決力", "成長意欲", "企業理解", "逆質問"):
        child.expect(axis)
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    assert answered >= 8


def test_mock_reverse_questions_are_answered_and_a_second_one_reaches_the_report(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    company = tmp_path / "company.yaml"
    subprocess.run(
        [coach_executable(), "company", "init", str(company)],
        check=True,
        capture_output=True,
        env=subprocess_env(home),
    )
    out_file = tmp_path / "report.md"
    child = spawn(
        home,
        "mock",
        "--company",
        str(company),
        "--seed",
        "5",
        "--follow-ups",
        "0",
        "-o",
        str(out_file),
    )
    child.expect("模擬二次面接を始めます")
    for number in range(1, 8):
        child.expect(f"{number}/8")
        type_answer(child, ANSWER_LINES[number % 2 :][:1])
    child.expect("逆質問  8/8")
    type_answer(child, ["配属予定のチームの体制を教えていただけますか。"])
    child.expect("面接官の回答")
    child.expect("関東センターの運営チームで、15名です")
    child.expect("ほかに何かありますか")
    type_answer(child, ["入社後の研修はどのような形でしょうか。"])
    child.expect("面接官の回答")
    child.expect("OJT")
    child.expect("面接の講評（質問ごと）")
    child.expect("模擬二次面接のレポート")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    report_md = out_file.read_text(encoding="utf-8")
    assert "- 回答: 入社後の研修はどのような形でしょうか。" in report_md
    assert "面接官の回答: 研修は入社後2週間のOJTです。" in report_md


def test_profile_is_recorded_interactively(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "profile")
    for text in (
        "私の強みは調整力です。",
        "御社の自動化に関わりたいからです。",
        "顧客の課題に最初から関わりたいからです。",
    ):
        wait_for_prompt(child)
        child.send(text + "\r\r")
    child.expect("キャリアの軸:")
    child.send("現場の課題を仕組みで解決する\r")
    child.expect("キーワード")
    child.send("仕組み、現場\r")
    child.expect("保存しました")
    status, _ = finish(child)
    assert status == 0
    saved = (home / "profile.yaml").read_text(encoding="utf-8")
    assert "私の強みは調整力です。" in saved and "仕組み" in saved


def test_menu_preselects_the_weakest_category(tmp_path: Path) -> None:
    home = tmp_path / "home"
    scripted = subprocess.run(
        [coach_executable(), "practice", "-c", "career", "-n", "1"],
        input="頑張ります。",
        capture_output=True,
        text=True,
        env=subprocess_env(home),
    )
    assert scripted.returncode == 0, scripted.stderr
    child = spawn(home, "practice", "-n", "1", "--follow-ups", "0")
    child.expect("★いちばん伸びしろがあるカテゴリ")
    child.send("\r")  # the pointer starts on the weakest category
    child.expect("転職理由・キャリア観  1/1")
    wait_for_prompt(child)
    child.sendcontrol("d")
    child.expect("練習のまとめ")
    status, rest = finish(child)
    assert status == 0, (child.signalstatus, rest[-2000:])


def test_an_empty_follow_up_declines_it_and_ctrl_d_on_an_empty_answer_ends(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "3", "--follow-ups", "2", "--seed", "3")
    type_answer(child, ["頑張ります。"])
    child.expect("面接官の追加質問")
    wait_for_prompt(child)
    child.send("\r")  # nothing typed: decline the follow-up, do not end the session
    child.expect("次はどうしますか")
    child.send("\r")  # 次の質問へ
    child.expect("成長意欲  2/3")
    type_answer(child, ["頑張ります。"])
    child.expect("面接官の追加質問")
    wait_for_prompt(child)
    child.sendcontrol("d")  # Ctrl-D on an empty follow-up declines it too
    child.expect("次はどうしますか")
    child.send("\r")
    child.expect("成長意欲  3/3")
    wait_for_prompt(child)
    child.sendcontrol("d")  # Ctrl-D on an empty answer ends the practice
    child.expect("練習のまとめ")
    child.expect("途中で終了しました（3問中2問に回答）")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    out = subprocess.run(
        [coach_executable(), "history"],
        capture_output=True,
        text=True,
        env=subprocess_env(home, COLUMNS="140"),
    )
    assert "中断" in out.stdout


def test_ctrl_c_in_a_follow_up_keeps_the_scored_answer_and_the_partial_reply(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "1", "--follow-ups", "1", "--seed", "3")
    type_answer(child, ["頑張ります。"])
    child.expect("面接官の追加質問")
    wait_for_prompt(child)
    child.send("2022年の4月に異動したときで")
    child.sendcontrol("c")
    child.expect("練習のまとめ")
    child.expect("入力途中の回答も面接ノートに保存しました")
    status, rest = finish(child)
    assert status == 130
    assert "（未回答）" not in rest  # the first answer was scored before the follow-up
    shown = subprocess.run(
        [coach_executable(), "show", "1"],
        capture_output=True,
        text=True,
        env=subprocess_env(home, COLUMNS="140"),
    )
    assert "2022年の4月に異動したときで" in shown.stdout and "追加質問への回答" in shown.stdout


# --- the answer area wraps by 禁則 (issue 18, item 10) --------------------------------------

# at 40 columns each row of the answer holds 19 wide characters after the 2-column prompt:
# 「。」 is the 20th character, so a wrap between any two characters starts a row with it
KINSOKU_ANSWER = (
    "前職で物流の在庫管理を六年担当しました。棚卸の手順を見直したときは、現場の声を一人ずつ"
    "聞き、作業の順番を変えました（半年かけて）。その結果、差異は半年で二割減りました。"
)


def _naive_rows(text: str, width: int, indent: int) -> list[str]:
    from wcwidth import wcwidth

    rows, row, x = [], "", indent
    for ch in text:
        if x + wcwidth(ch) > width:
            rows.append(row)
            row, x = "", indent
        row += ch
        x += wcwidth(ch)
    return [*rows, row]


def _answer_rows(lines: list[str]) -> list[str]:
    """The rows of the answer area: from the prompt to the first row not indented under it."""
    starts = [i for i, line in enumerate(lines) if line.startswith("> ")]
    if not starts:
        return []
    rows = [lines[starts[-1]][2:]]
    for line in lines[starts[-1] + 1 :]:
        if not line.startswith("  ") or not line.strip():
            break
        rows.append(line[2:])
    return rows


def _read_until_shown(child: pexpect.spawn, screen: Screen, text: str) -> list[str]:
    """Replay the output until the whole answer is on the screen (the toolbar's clock redraws
    every second, so the output never goes quiet)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(pexpect.TIMEOUT):
            screen.feed(child.read_nonblocking(100_000, timeout=0.5))
        rows = _answer_rows(screen.lines())
        if "".join(row.strip() for row in rows) == text:
            return rows
    return _answer_rows(screen.lines())


def test_the_answer_area_keeps_kinsoku_at_40_columns(tmp_path: Path) -> None:
    from coach.views.kinsoku import NO_END, NO_START

    naive = _naive_rows(KINSOKU_ANSWER, 40, 2)
    assert any(row[0] in NO_START for row in naive[1:])  # the test would see a bad break
    home = tmp_path / "home"
    child = spawn(home, "practice", "-c", "growth", "-n", "1", columns=40)
    screen = Screen(40, 40)
    wait_for_prompt(child)
    screen.feed(child.before + child.after)
    child.send(KINSOKU_ANSWER)
    rows = _read_until_shown(child, screen, KINSOKU_ANSWER)
    assert "".join(row.strip() for row in rows) == KINSOKU_ANSWER, rows
    assert len(rows) > 3
    for row in rows:
        content = row.strip()
        assert content[0] not in NO_START, rows
        assert content[-1] not in NO_END, rows
    child.send("\r\r")  # submit: what is saved is what was typed, without the display blanks
    wait_for_prompt(child)  # the follow-up: declined with an empty line
    child.send("\r")
    child.expect("次はどうしますか")
    child.send("\r")  # 結果のまとめへ
    child.expect("練習のまとめ")
    finish(child)
    exported = subprocess.run(
        [coach_executable(), "export", "--format", "json"],
        capture_output=True,
        text=True,
        env=subprocess_env(home, COLUMNS="140"),
    )
    assert f'"{KINSOKU_ANSWER}"' in exported.stdout  # the whole value: no blanks inside
