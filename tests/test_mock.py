"""The mock second interview: its order, its time budget, its report and `coach mock`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach import mock
from coach import profile as profiles
from coach.banks import load_catalog
from coach.session import Ask, Plan, run_practice
from coach.views import markdown

from support import coach_executable, subprocess_env

# answers the mock is fed: a deepened story, a generic and a company-linked motivation
DEEPENED = (
    "私の強みは関係者を巻き込む調整力です。2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、"
    "夜間の段取り替えを製造課長に提案しました。その結果、納期を守り、追加で3件の受注につながりました。"
)
GENERIC = "御社の理念に共感し、成長できる環境だと感じたため志望しました。"
LINKED = "御社が3年で進める物流拠点の自動化に、前職でWMSを導入して誤出荷を半分にした経験を生かしたいと考え、志望しました。"


@pytest.fixture
def company_file(tmp_path: Path) -> Path:
    return profiles.write_company_template(tmp_path / "company.yaml")


def scripted_mock(
    company_file: Path, out_file: Path, answers: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """`coach mock` with a company profile, fed a script of answers on standard input."""
    return subprocess.run(
        [
            coach_executable(),
            "mock",
            "--company",
            str(company_file),
            "--seed",
            "1",
            "-o",
            str(out_file),
        ],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
    )


def test_mock_runs_in_order_and_reports_axes_and_tendencies(tmp_path: Path) -> None:
    catalog = load_catalog()
    questions = mock.mock_questions(catalog, seed=1)
    order = [catalog.category_of(q).id for q in questions]
    assert order == [c for c, _ in mock.STAGES]
    # the reason for leaving is checked again, after the job history, as managers do
    assert order.index("career") == order.index("deep-dive") + 1
    answers = iter(
        [
            DEEPENED,
            "上司が協力してくれなかったので大変でした。",
            "前職では評価の仕組みが合わず、成果が見える仕事をしたいと考えて転職を決めました。",
            DEEPENED,
            DEEPENED,
            DEEPENED,
            GENERIC,
            "特にありません。",
        ]
    )

    def ask(request: Ask) -> str | None:
        return next(answers, None) if request.kind == "answer" else ""

    plan = Plan(catalog=catalog, questions=questions, follow_ups=1, interactive=False, kind="mock")
    summary = run_practice(plan, ask, lambda e: None)
    report = mock.build_report(summary, minutes=12.3, company="株式会社サンプル物流")
    axes = {a.axis: a for a in report.axes}
    assert set(axes) == {
        "再現性",
        "思考の深さ",
        "協働性",
        "課題解決力",
        "成長意欲",
        "企業理解",
        "逆質問",
    }
    assert axes["逆質問"].grade == "D"
    assert all(a.evidence for a in report.axes)
    assert "他責型" in [t.name for t in report.tendencies]
    again = mock.MockReport.from_json(report.to_json())
    assert again.axes == report.axes and again.tendencies == report.tendencies
    text = markdown.mock_report(report)
    assert text.startswith("# 模擬二次面接のレポート")
    assert "| 再現性 |" in text and "### 他責型" in text


def test_questions_practised_in_the_last_day_are_avoided(tmp_path: Path) -> None:
    from coach.notebook import Notebook

    catalog = load_catalog()
    drawn = mock.mock_questions(catalog, seed=3)
    with Notebook(tmp_path / "h.db") as nb:
        session = nb.start_session("practice", None)
        for q in drawn:
            nb.record_answer(
                session,
                category=catalog.category_of(q).id,
                question=q.text,
                question_id=q.id,
                answer="練習した回答です。",
            )
        recent = mock.recently_practised(nb)
        assert recent == {q.id for q in drawn}
        again = mock.mock_questions(catalog, seed=3, avoid=recent)
        assert not {q.id for q in again} & recent
        assert len(again) == len(drawn)
        # practised two days ago: asked again
        nb.db.execute("UPDATE attempts SET created_at = '2000-01-01T00:00:00+00:00'")
        nb.db.commit()
        assert mock.recently_practised(nb) == set()
    # a stage whose every question was practised still asks one
    only = {q.id for q in catalog.questions_of("introduction")}
    intro = mock.mock_questions(catalog, seed=3, avoid=only)
    assert catalog.category_of(intro[0]).id == "introduction"


def test_the_markdown_report_holds_every_question_answer_and_follow_up() -> None:
    catalog = load_catalog()
    questions = mock.mock_questions(catalog, seed=1)[:3]
    typed = ["# 見出しにしない\n" + DEEPENED, "頑張ります。", GENERIC]
    replies = iter(["2022年に、私は[リンク](http://x)の手順書を作りました。", "", ""])
    answers = iter(typed)

    def ask(request: Ask) -> str | None:
        return next(answers, None) if request.kind == "answer" else next(replies, "")

    plan = Plan(catalog=catalog, questions=questions, follow_ups=1, interactive=False, kind="mock")
    summary = run_practice(plan, ask, lambda e: None)
    report = mock.build_report(summary, minutes=None)
    text = markdown.mock_report(mock.MockReport.from_json(report.to_json()))
    section = text[text.index("## 質問と回答") :]
    for q in questions:
        assert q.text in section
    assert "> \\# 見出しにしない" in section and "\n# 見出し" not in text  # escaped, not a heading
    assert DEEPENED in section and "頑張ります。" in section and GENERIC in section
    asked = [fu for q in report.questions for fu in q["follow_ups"]]
    assert asked and all(fu["question"] in section for fu in asked)
    assert "回答: 2022年に、私は\\[リンク\\](http://x)の手順書を作りました。" in section


def test_growth_is_not_graded_when_nothing_in_the_mock_speaks_to_it() -> None:
    catalog = load_catalog()
    questions = mock.mock_questions(catalog, seed=1)
    plain = (
        "私の強みは段取り力です。前職で展示会の準備を任され、私は毎朝10分の確認を設けました。"
        "その結果、準備期間を3週間から2週間に縮めました。"
    )
    plan = Plan(catalog=catalog, questions=questions, follow_ups=0, interactive=False)
    summary = run_practice(plan, lambda a: plain, lambda e: None)
    report = mock.build_report(summary, minutes=None)
    growth = next(a for a in report.axes if a.axis == "成長意欲")
    assert growth.grade == "—" and growth.score is None
    assert "成長を直接たずねる質問はなく" in growth.evidence
    text = markdown.mock_report(report)
    assert "| 成長意欲 | 未評価 |" in text and "所要" not in text
    learned = (
        plain + "この経験から、先に全員の予定を押さえる大切さを学び、次の案件でも続けています。"
    )
    summary = run_practice(plan, lambda a: learned, lambda e: None)
    growth = next(a for a in mock.build_report(summary, 5.0).axes if a.axis == "成長意欲")
    assert growth.grade == "A" and "学び" in growth.evidence


def test_time_budget_skips_to_the_reverse_questions() -> None:
    catalog = load_catalog()
    questions = mock.mock_questions(catalog, seed=2)
    ticks = iter(range(0, 10_000, 100))  # every clock call moves 100 seconds on
    shown: list[object] = []
    plan = Plan(
        catalog=catalog, questions=questions, follow_ups=0, interactive=False, time_budget=250
    )
    summary = run_practice(plan, lambda a: DEEPENED, shown.append, clock=lambda: next(ticks))
    assert summary.results[-1].category.id == "reverse-questions"
    assert len(summary.results) < len(questions)
    assert any("時間になりました" in getattr(e, "message", "") for e in shown)


def test_mock_command_from_a_script_writes_and_exports_the_report(
    tmp_path: Path, company_file: Path
) -> None:
    home = tmp_path / "home"
    env = subprocess_env(home, COLUMNS="120")
    # one block per question: a script gets no follow-ups unless --follow-ups asks for them
    answers = "\n---\n".join(
        [
            DEEPENED,
            DEEPENED,
            "成果が数字で見える仕事に移りたいと考え、転職を決めました。",
            DEEPENED,
            DEEPENED,
            DEEPENED,
            LINKED,
            "配属予定のチームの課題を教えていただけますか。",
        ]
    )
    out_file = tmp_path / "report.md"
    run = scripted_mock(company_file, out_file, answers, env)
    assert run.returncode == 0, run.stderr
    assert "模擬二次面接のレポート" in run.stdout and "評価軸" in run.stdout
    assert "（深掘りなし）" in run.stdout and "回深掘り" not in run.stdout
    assert "スキップ" not in run.stdout  # every block answered its own question
    # 本番モード: no feedback between questions, all of it at the end
    assert "本番モード" in run.stdout
    review = run.stdout.index("面接の講評（質問ごと）")
    assert "スコア" not in run.stdout[:review] and run.stdout.count("スコア") >= 8
    report_md = out_file.read_text(encoding="utf-8")
    assert "## 質問と回答" in report_md and report_md.count(DEEPENED) == 5
    with_feedback = subprocess.run(
        [coach_executable(), "mock", "--seed", "1", "--feedback"],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
    )
    assert with_feedback.returncode == 0, with_feedback.stderr
    first_question = with_feedback.stdout.index("2/8")
    assert "スコア" in with_feedback.stdout[:first_question]  # shown after the first answer
    assert "面接の講評" not in with_feedback.stdout and "本番モード" not in with_feedback.stdout
    assert "所要" not in run.stdout and "回答時間" not in run.stdout  # a script has no clock
    assert out_file.read_text(encoding="utf-8").startswith("# 模擬二次面接のレポート")
    exported = subprocess.run(
        [coach_executable(), "export", "--format", "json"], capture_output=True, text=True, env=env
    )
    data = json.loads(exported.stdout)
    assert data["mock_reports"] and data["mock_reports"][0]["company"] == "株式会社サンプル物流"
    history = subprocess.run(
        [coach_executable(), "history"], capture_output=True, text=True, env=env
    )
    assert "模擬面接" in history.stdout


# --- the interviewer answers the reverse questions (issue 16, item 5) ---------------------------


@pytest.fixture
def company(company_file: Path) -> profiles.Company:
    return profiles.load_company(company_file)


@pytest.mark.parametrize(
    ("question", "field", "fact"),
    [
        ("配属予定のチームの体制を教えていただけますか。", "team", "関東センターの運営チーム"),
        ("入社後に期待される役割は何でしょうか。", "role", "倉庫運営の改善担当"),
        ("今後、特に力を入れていく取り組みは何ですか。", "issues", "物流拠点の自動化"),
        ("ドライバー不足にはどう対応されていますか。", "issues", "ドライバー不足への対応"),
        ("御社の事業の強みはどこにあるとお考えですか？", "business", "共同配送と倉庫運営"),
        ("入社後の研修はどのような形でしょうか。", "known_answers", "2週間のOJT"),
    ],
)
def test_the_interviewer_answers_from_the_company_profile(
    company: profiles.Company, question: str, field: str, fact: str
) -> None:
    from coach import interviewer

    said = interviewer.answer(question, company)
    assert said.source == field
    assert fact in said.text
    # spoken: one or two sentences in です・ます, no parenthesis read aloud
    sentences = [s for s in said.text.split("。") if s]
    assert 1 <= len(sentences) <= 2 and said.text.endswith("。")
    assert all(s.endswith(("です", "ます")) for s in sentences)
    assert not any(p in said.text for p in "（）()")


def test_a_parenthetical_in_the_profile_becomes_a_spoken_clause(company: profiles.Company) -> None:
    from coach import interviewer

    said = interviewer.answer("チームの人数を伺えますか。", company)
    assert "関東センターの運営チームで、15名です。" in said.text


def test_the_interviewer_promises_to_check_without_a_profile_or_a_fit(
    company: profiles.Company,
) -> None:
    from coach import interviewer

    none = interviewer.answer("配属予定のチームの体制を教えていただけますか。", None)
    unmatched = interviewer.answer("海外拠点を増やすご予定はありますか。", company)
    for said in (none, unmatched):
        assert said.source is None and "確認して" in said.text and "のちほど" in said.text


def test_a_decline_is_not_a_question_to_answer() -> None:
    from coach import interviewer

    assert not interviewer.is_question("特にありません。")
    assert not interviewer.is_question("")
    assert interviewer.is_question("チームの課題を教えていただけますか。")


def _reverse_only(company_file: Path | None) -> Plan:
    from coach.analysis.context import Context

    catalog = load_catalog()
    question = catalog.questions_of("reverse-questions")[0]
    context = (
        Context(company=profiles.load_company(company_file)) if company_file is not None else None
    )
    return Plan(
        catalog=catalog,
        questions=[question],
        follow_ups=0,
        interactive=False,
        kind="mock",
        context=context,
        timed=False,
    )


def test_the_mock_answers_a_reverse_question_and_takes_a_second_one(
    tmp_path: Path, company_file: Path
) -> None:
    from coach.notebook import Notebook

    replies = iter(
        ["配属予定のチームの体制を教えていただけますか。", "入社後の研修はどのような形でしょうか。"]
    )
    asked: list[Ask] = []

    def ask(request: Ask) -> str | None:
        asked.append(request)
        return next(replies, None)

    shown: list[object] = []
    notebook = Notebook(tmp_path / "notebook.db")
    _summary, report = mock.run_mock(_reverse_only(company_file), ask, shown.append, notebook)
    said = [e.text for e in shown if isinstance(e, mock.InterviewerReplied)]
    assert len(said) == 2 and "関東センターの運営チーム" in said[0] and "OJT" in said[1]
    assert asked[-1].kind == "follow_up" and asked[-1].text == "ほかに何かありますか。"
    # the second question is a follow-up row of the reverse-questions answer
    rows = notebook.db.execute("SELECT question, answer, element FROM follow_ups").fetchall()
    assert [tuple(r) for r in rows] == [
        ("ほかに何かありますか。", "入社後の研修はどのような形でしょうか。", mock.REVERSE_TARGET)
    ]
    text = markdown.mock_report(mock.MockReport.from_json(report.to_json()))
    assert "入社後の研修はどのような形でしょうか。" in text
    assert f"**面接官の回答** {said[0]}" in text and f"面接官の回答: {said[1]}" in text


def test_a_declined_reverse_question_gets_no_answer(tmp_path: Path, company_file: Path) -> None:
    from coach.notebook import Notebook

    replies = iter(["特にありません。"])
    asked: list[Ask] = []

    def ask(request: Ask) -> str | None:
        asked.append(request)
        return next(replies, None)

    shown: list[object] = []
    notebook = Notebook(tmp_path / "notebook.db")
    mock.run_mock(_reverse_only(company_file), ask, shown.append, notebook)
    assert not any(isinstance(e, mock.InterviewerReplied) for e in shown)
    assert [a.kind for a in asked] == ["answer"]


def test_without_a_profile_the_interviewer_says_it_will_check(tmp_path: Path) -> None:
    from coach.notebook import Notebook

    replies = iter(["配属予定のチームの体制を教えていただけますか。", ""])
    shown: list[object] = []
    notebook = Notebook(tmp_path / "notebook.db")
    _, report = mock.run_mock(
        _reverse_only(None), lambda _r: next(replies, None), shown.append, notebook
    )
    said = [e.text for e in shown if isinstance(e, mock.InterviewerReplied)]
    assert len(said) == 1 and "確認して" in said[0]
    assert report.questions[-1]["follow_ups"] == []  # an empty second question is none


def test_a_scripted_mock_asks_a_second_reverse_question_and_reports_it(
    tmp_path: Path, company_file: Path
) -> None:
    home = tmp_path / "home"
    second = "入社後に期待される役割は何でしょうか。"
    answers = "\n---\n".join(
        [DEEPENED] * 6 + [LINKED, "配属予定のチームの体制を教えていただけますか。", second]
    )
    out_file = tmp_path / "report.md"
    run = scripted_mock(company_file, out_file, answers, subprocess_env(home, COLUMNS="200"))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    # the answer comes after the question and before 「ほかに何かありますか」, both before the report
    first = out.index("関東センターの運営チームで、15名です。")
    offer = out.index("ほかに何かありますか。")
    role = out.index("倉庫運営の改善担当で、センター長候補です。")
    assert first < offer < role < out.index("模擬二次面接のレポート")
    report_md = out_file.read_text(encoding="utf-8")
    assert f"- 回答: {second}" in report_md
    assert "面接官の回答: お任せしたいのは、倉庫運営の改善担当" in report_md


def test_ctrl_c_while_typing_the_second_reverse_question_keeps_it(
    tmp_path: Path, company_file: Path
) -> None:
    from coach.notebook import Notebook
    from coach.session import Interrupted

    def ask(request: Ask) -> str | None:
        if request.kind == "answer":
            return "配属予定のチームの体制を教えていただけますか。"
        raise Interrupted("入社後の研修は")

    notebook = Notebook(tmp_path / "notebook.db")
    summary, _ = mock.run_mock(_reverse_only(company_file), ask, lambda e: None, notebook)
    assert summary.interrupted and summary.saved_partial
    rows = notebook.db.execute("SELECT answer FROM follow_ups").fetchall()
    assert [r[0] for r in rows] == ["入社後の研修は"]


def test_a_role_deep_dive_counts_for_the_axes_the_deep_dive_stands_for() -> None:
    """With --role the deep-dive stage asks a role question: its answer still grades 再現性."""
    catalog = load_catalog()
    role_question = catalog.questions_of("role-sales")[0]
    answer = (
        "直近1年の達成率は112%でした。既存のお客様で8割、新規開拓で2割を作りました。"
        "私は見込みの低い商談を月初に整理し、訪問を新規に週2件回しました。その結果、新規の受注が前年の倍になりました。"
    )
    plan = Plan(catalog=catalog, questions=[role_question], follow_ups=0, interactive=False)
    summary = run_practice(plan, lambda a: answer, lambda e: None)
    axis = next(a for a in mock.build_report(summary, minutes=None).axes if a.axis == "再現性")
    assert axis.score is not None and axis.grade != "—"


# --- the axes' evidence and advice (issue 18, item 12) -------------------------------------

PROBLEM_STATED_FIRST = (
    "前職の物流センターでは、繁忙期に誤出荷が月30件まで増えていました。"
    "原因はピッキングリストの並び順が棚の配置と合っていないことでした。"
    "そこで私は、棚番号順にリストを並べ替える仕組みを作り、新人向けの手順書も用意しました。"
    "その結果、誤出荷は3か月で月5件まで減りました。"
)
BLAME_FIRST = (
    "私は何度も資料を作って頼みましたが、営業部が協力してくれなかったので大変でした。"
    # (the step is a plain one: 「双方の数字を同じ表で見られるようにしました」 read as a device once
    # the label model learned from more voices, and this answer stands for one with no device)
    "そこで私は週1回の定例会を提案し、毎週の進み具合を一緒に確認しました。"
    "その結果、納期の調整が早くなりました。"
)
NEVER_FAILED = "私はこれまで大きな失敗をしたことがありません。常に準備を徹底しているからです。"


def _mock_report(answers: dict[str, str]) -> mock.MockReport:
    """A scripted mock of one question per given category, graded."""
    catalog = load_catalog()
    questions = [catalog.questions_of(category)[0] for category in answers]
    typed = iter(answers.values())
    plan = Plan(catalog=catalog, questions=questions, follow_ups=0, interactive=False, kind="mock")
    summary = run_practice(plan, lambda a: next(typed, None), lambda e: None)
    return mock.build_report(summary, minutes=None)


def _axis(report: mock.MockReport, name: str) -> mock.AxisGrade:
    return next(a for a in report.axes if a.axis == name)


def test_problem_solving_cites_what_the_candidate_did_not_the_problem() -> None:
    axis = _axis(_mock_report({"problem-solving": PROBLEM_STATED_FIRST}), "課題解決力")
    assert axis.evidence.startswith("そこで私は、棚番号順に")
    assert "増えていました" not in axis.evidence


def test_collaboration_never_cites_a_blame_sentence() -> None:
    axis = _axis(_mock_report({"collaboration": BLAME_FIRST}), "協働性")
    assert "協力してくれなかった" not in axis.evidence
    assert axis.evidence.startswith("そこで私は週1回の定例会")


def test_an_axis_nothing_speaks_to_is_ungraded_and_gets_no_advice() -> None:
    from rich.console import Console

    from coach.views.mock import mock_report_view

    # the collaboration answer gives no reason and no device: nothing speaks to 思考の深さ
    report = _mock_report({"collaboration": BLAME_FIRST})
    axis = _axis(report, "思考の深さ")
    assert (axis.shown, axis.score, axis.advice) == ("未評価", None, "")
    assert "根拠になる文が見つかりませんでした" not in axis.evidence
    assert "理由・工夫" in axis.evidence
    text = markdown.mock_report(report)
    advice = text[text.index("## 改善のポイント") : text.index("## 質問ごとの結果")]
    assert "思考の深さ" not in advice and "成長意欲" not in advice
    console = Console(width=100, record=True, color_system=None)
    console.print(mock_report_view(report))
    assert "▲ 思考の深さ" not in console.export_text()


def test_a_report_saved_with_advice_for_an_ungraded_axis_does_not_show_it() -> None:
    old = mock.AxisGrade("成長意欲", "—", None, "答えていません", "学びを話しましょう。")
    assert not old.needs_work


def test_a_weak_axis_says_what_was_missing() -> None:
    from rich.console import Console

    from coach.views.mock import mock_report_view

    report = _mock_report({"failure": NEVER_FAILED})
    growth = _axis(report, "成長意欲")
    # the denial of any failure speaks to growth: graded, and the evidence says why
    assert growth.grade == "D"
    assert "完璧主義（R304）" in growth.evidence
    assert "根拠になる文が見つかりませんでした" not in growth.evidence
    thinking = _axis(report, "思考の深さ")
    assert thinking.grade in ("C", "D")
    assert thinking.advice.startswith("足りなかったもの: 工夫")
    console = Console(width=120, record=True, color_system=None)
    console.print(mock_report_view(report))
    shown = console.export_text()
    assert "▲ 成長意欲: 減点: 完璧主義（R304）" in shown
    assert "▲ 思考の深さ: 足りなかったもの: 工夫" in shown


def test_the_mock_cue_words_are_data() -> None:
    source = (Path(mock.__file__)).read_text(encoding="utf-8")
    assert "GROWTH_CUE" not in source and "身につけ" not in source
    words = (Path(mock.__file__).with_name("mock_cues.yaml")).read_text(encoding="utf-8")
    assert "身につけ" in words
    assert mock.cues()["growth"].search("この経験から段取りを身につけました")


def test_a_learning_told_unasked_counts_for_growth_not_against_it() -> None:
    learned = (
        "私は週1回の定例会を提案しました。その結果、納期の調整が早くなりました。"
        "この経験から、先に相手の数字を聞く大切さを学び、次の案件でも続けています。"
    )
    report = _mock_report({"collaboration": learned, "problem-solving": PROBLEM_STATED_FIRST})
    growth = _axis(report, "成長意欲")
    # one answer of two tells a learning: more than silence (未評価), never a D
    assert growth.grade in ("A", "B"), growth
    assert growth.evidence.startswith("学びや変えた行動が出た回答 1/2問。例: ")
    assert "学び" in growth.evidence


def test_in_honban_mode_a_follow_up_does_not_say_what_it_digs_for() -> None:
    from coach.session import FollowUpAsked
    from coach.views.session import event_view

    catalog = load_catalog()
    questions = mock.mock_questions(catalog, seed=1)[:2]
    answers: Iterator[str] = iter(())

    def ask(request: Ask) -> str | None:
        return next(answers, None) if request.kind == "answer" else ""

    events: list[object] = []
    for feedback in (False, True):
        events.clear()
        plan = Plan(
            catalog=catalog,
            questions=questions,
            follow_ups=1,
            interactive=False,
            kind="mock",
            feedback=feedback,
        )
        answers = iter(["上司が協力してくれなかったので大変でした。", GENERIC])
        run_practice(plan, ask, events.append)
        asked = [e for e in events if isinstance(e, FollowUpAsked)]
        assert asked and all(e.coaching is feedback for e in asked)
        if not feedback:
            from rich.console import Console

            console = Console(width=100, record=True)
            for e in asked:
                for part in event_view(e, keys=False):
                    console.print(part)
            text = console.export_text()
            assert "深掘り）" not in text and "指摘「" not in text
