"""The practice loop without a terminal: scripted `ask`, recorded `show`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coach import session as practice
from coach.banks import Catalog, load_catalog
from coach.notebook import Notebook
from coach.session import Ask, Interrupted, Plan, run_practice

SHORT = "私の強みは調整力です。"
# on-topic for growth-01 (what did you learn), but with no occasion of its use
LEARNT = "ここ1年は、業務で使うために簿記2級を自分で勉強しました。"
# on-topic for reproducibility-01 (the biggest result), with no step of the speaker's own
BIGGEST = "一番大きな成果は、2023年の大口案件で、前倒しになった納期を守り切ったことです。"
FULL = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def script(*replies: str | Exception | None) -> Callable[[Ask], str | None]:
    queue = list(replies)

    def ask(request: Ask) -> str | None:
        if not queue:
            return None
        reply = queue.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    return ask


def plan_for(catalog: Catalog, question_ids: list[str], **kw: Any) -> Plan:
    return Plan(
        catalog=catalog, questions=[catalog.question(q) for q in question_ids], seed=1, **kw
    )


def test_follow_up_asks_for_the_missing_piece_and_fills_it(
    catalog: Catalog, tmp_path: Path
) -> None:
    events: list[object] = []
    with Notebook(tmp_path / "h.db") as nb:
        summary = run_practice(
            plan_for(catalog, ["growth-01"], follow_ups=1),
            script(
                LEARNT,
                "前職で経理を担当した際、私は決算の手順書を作り、締めを5日から3日に短縮しました。",
                "next",
            ),
            events.append,
            nb,
        )
        stored = nb.attempts()
    asked = [e for e in events if isinstance(e, practice.FollowUpAsked)]
    assert len(asked) == 1
    assert asked[0].element == "example"  # a manager asks "for instance?" before "why?"
    feedback = [e for e in events if isinstance(e, practice.FeedbackShown)]
    assert feedback[-1].before is not None
    assert not feedback[-1].before.present("example") and feedback[-1].analysis.present("example")
    assert summary.results[0].final is feedback[-1].analysis
    assert stored[0].follow_ups and stored[0].score == feedback[-1].analysis.score


def test_retry_shows_before_and_after(catalog: Catalog) -> None:
    events: list[object] = []
    summary = run_practice(
        plan_for(catalog, ["reproducibility-01"], follow_ups=0),
        script(SHORT, "retry", FULL, "end"),
        events.append,
    )
    compared = [e for e in events if isinstance(e, practice.RetryCompared)]
    assert len(compared) == 1
    assert compared[0].after.score > compared[0].before.score
    assert len(summary.results[0].analyses) == 2
    shown = [e for e in events if isinstance(e, practice.QuestionShown)]
    assert [e.retry for e in shown] == [False, True]


def test_model_answer_then_next(catalog: Catalog) -> None:
    events: list[object] = []
    run_practice(
        plan_for(catalog, ["reproducibility-01", "reproducibility-02"], follow_ups=0),
        script(FULL, "model", "next", FULL, "end"),
        events.append,
    )
    assert any(isinstance(e, practice.ModelAnswerShown) for e in events)
    assert sum(isinstance(e, practice.QuestionShown) for e in events) == 2


def test_ctrl_c_while_typing_keeps_the_partial_answer(catalog: Catalog, tmp_path: Path) -> None:
    with Notebook(tmp_path / "h.db") as nb:
        summary = run_practice(
            plan_for(catalog, ["growth-01", "growth-02"], follow_ups=0),
            script(FULL, "next", Interrupted("書きかけの回答です")),
            lambda e: None,
            nb,
        )
        rows = nb.attempts(newest_first=False)
        sessions = nb.sessions()
    assert summary.interrupted and summary.saved_partial
    assert [r.status for r in rows] == ["answered", "interrupted"]
    assert rows[1].answer == "書きかけの回答です"
    assert sessions[0].status == "interrupted"


def test_end_of_input_ends_the_session_quietly(catalog: Catalog) -> None:
    summary = run_practice(
        plan_for(catalog, ["growth-01", "growth-02"], follow_ups=0), script(), lambda e: None
    )
    assert not summary.interrupted
    assert summary.answered == []


def test_empty_answer_skips_the_question(catalog: Catalog) -> None:
    events: list[object] = []
    summary = run_practice(
        plan_for(catalog, ["growth-01"], follow_ups=0), script("   "), events.append
    )
    assert any(isinstance(e, practice.Notice) for e in events)
    assert summary.answered == []


def test_answer_is_saved_before_analysis_even_if_analysis_fails(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("analysis bug")

    monkeypatch.setattr(practice, "analyze", broken)
    with Notebook(tmp_path / "h.db") as nb:
        with pytest.raises(RuntimeError):
            run_practice(plan_for(catalog, ["growth-01"]), script(FULL), lambda e: None, nb)
        assert nb.attempts()[0].answer == FULL


def test_non_interactive_plan_never_shows_the_menu(catalog: Catalog) -> None:
    asked: list[str] = []

    def ask(request: Ask) -> str | None:
        asked.append(request.kind)
        return FULL if request.kind == "answer" else None

    run_practice(
        plan_for(catalog, ["growth-01", "growth-02"], follow_ups=0, interactive=False),
        ask,
        lambda e: None,
    )
    assert asked == ["answer", "answer"]


def test_choose_questions_has_no_repeats_and_puts_due_first(catalog: Catalog) -> None:
    cat = catalog.categories["growth"]
    picked = practice.choose_questions(catalog, cat, 5, "random", seed=3, first=["growth-07"])
    ids = [q.id for q in picked]
    assert ids[0] == "growth-07"
    assert len(ids) == len(set(ids)) == 5
    in_order = practice.choose_questions(catalog, cat, 3, "bank")
    assert [q.id for q in in_order] == ["growth-01", "growth-02", "growth-03"]


# answers of every kind: abstract, blaming, complete, declining
KINDS = (
    SHORT,
    "頑張ります。",
    "上司が協力してくれなかったので大変でした。",
    FULL,
    "特にありません。",
)


def first_follow_up(
    catalog: Catalog, question_id: str, answer: str
) -> practice.FollowUpAsked | None:
    shown: list[object] = []
    run_practice(
        plan_for(catalog, [question_id], follow_ups=1, interactive=False),
        script(answer, ""),
        shown.append,
    )
    asked = [e for e in shown if isinstance(e, practice.FollowUpAsked)]
    return asked[0] if asked else None


def test_practice_asks_first_the_follow_up_check_gives(catalog: Catalog) -> None:
    from coach import checking

    targets = set()
    for question in catalog.all_questions():
        category = catalog.category_of(question).id
        for answer in KINDS:
            asked = first_follow_up(catalog, question.id, answer)
            analysis = checking.check_one(answer, catalog, category, question.text)
            bank = checking.bank_question(catalog, question.text)
            assert bank is question
            planned = checking.with_follow_up({}, analysis, bank)["follow_up"]
            shown = None if asked is None else {"target": asked.element, "question": asked.text}
            assert shown == planned, (question.id, answer)
            targets.add(None if planned is None else planned["target"])
    # the red flags, the missing elements and the probes all come through the same planner
    assert {"R301", "Q501", "probe", "example"} <= targets


def test_a_declined_reverse_question_is_pushed_back_on_once(catalog: Catalog) -> None:
    shown: list[object] = []
    run_practice(
        plan_for(catalog, ["reverse-questions-01"], follow_ups=2, interactive=False),
        script("特にありません。", "配属予定のチームの課題を教えていただけますか。"),
        shown.append,
    )
    asked = [e for e in shown if isinstance(e, practice.FollowUpAsked)]
    assert [a.element for a in asked] == ["Q501"]  # asked well the second time: nothing more


def test_follow_ups_chain_on_the_replies_and_are_stored_with_their_targets(
    catalog: Catalog, tmp_path: Path
) -> None:
    reply = (
        "2023年に大口案件の納期が前倒しになった際、私は工程表を組み直し、"
        "夜間の段取り替えを製造課長に提案しました。"
    )
    events: list[object] = []
    with Notebook(tmp_path / "h.db") as nb:
        summary = run_practice(
            plan_for(catalog, ["reproducibility-01"], follow_ups=2, interactive=False),
            script(BIGGEST, reply, "その結果、納期を守り、追加で3件の受注につながりました。"),
            events.append,
            nb,
        )
        stored = nb.attempts()[0]
    asked = [e for e in events if isinstance(e, practice.FollowUpAsked)]
    assert len(asked) == 2 and asked[0].text != asked[1].text
    assert asked[0].element in ("action", "example")  # the answer names no step of its own
    # the second reads the reply: it quotes the act the reply named, which the answer did not
    assert "工程表を組み直した" in asked[1].text and "工程表" not in BIGGEST
    assert [e for _q, _a, e in stored.follow_ups] == [a.element for a in asked]
    result = summary.results[0]
    assert result.answer == BIGGEST
    assert [(q, e) for q, _r, e in result.follow_ups] == [(a.text, a.element) for a in asked]


def test_without_feedback_only_questions_and_follow_ups_are_shown(
    catalog: Catalog, tmp_path: Path
) -> None:
    with Notebook(tmp_path / "h.db") as nb:
        run_practice(plan_for(catalog, ["growth-01"], follow_ups=0), script(FULL, "end"), print, nb)
        events: list[object] = []
        summary = run_practice(
            plan_for(catalog, ["growth-01"], follow_ups=1, interactive=False, feedback=False),
            script(SHORT, "前職で経理を担当した際、私は決算の手順書を作りました。"),
            events.append,
            nb,
        )
    kinds = {type(e).__name__ for e in events}
    assert "FollowUpAsked" in kinds and "FeedbackShown" not in kinds
    shown = next(e for e in events if isinstance(e, practice.QuestionShown))
    assert shown.previous is None  # 「前回 100点」 is not said in the middle of an interview
    assert summary.results[0].final is not None  # scored all the same, for the report


def test_summary_suggests_the_most_missing_element(catalog: Catalog) -> None:
    summary = run_practice(
        plan_for(catalog, ["growth-01", "growth-02"], follow_ups=0),
        # short answers to what each question asks (a strength under 弱み would be off-topic)
        script("自分から学んだのはPythonです。", "next", "私の弱みは心配性なところです。", "end"),
        lambda e: None,
    )
    assert summary.average is not None
    assert "理由" in summary.suggestion()


def test_suggestion_puts_an_error_before_a_red_flag_and_names_commands_plainly(
    catalog: Catalog,
) -> None:
    eager = "御社の方針には全て従います。何でもやります。"
    summary = run_practice(
        plan_for(
            catalog, ["motivation-01", "reverse-questions-01"], follow_ups=0, interactive=False
        ),
        script(eager, "特にありません。"),
        lambda e: None,
    )
    codes = [f.code for r in summary.answered if r.final for f in r.final.findings]
    assert "R303" in codes and "Q501" in codes  # a red flag (warning) and an error
    suggestion = summary.suggestion()
    assert suggestion.startswith("「逆質問なし」（Q501）が出ています。")
    assert "`" not in suggestion
    # the session is over, so the suggestion points at what brings the question back
    assert "やり直す" not in suggestion
    assert "coach practice -c reverse-questions --due" in suggestion


def test_summary_table_shows_an_error_even_without_a_red_flag(catalog: Catalog) -> None:
    from rich.table import Table

    from coach.views.session import summary_view

    summary = run_practice(
        plan_for(catalog, ["reverse-questions-01"], follow_ups=0, interactive=False),
        script("特にありません。"),
        lambda e: None,
    )
    table = summary_view(summary).renderables[0]
    assert isinstance(table, Table)
    cells = {c.header: [str(x) for x in c._cells] for c in table.columns}
    assert cells["足りない要素"] == ["質問"]
    assert cells["レッドフラグ・重大な指摘"] == ["逆質問なし"]


def test_a_conclusion_given_in_a_follow_up_counts_as_the_start(catalog: Catalog) -> None:
    story = (
        "前職で展示会の準備を任された際、外注より社内で作る方が早いと判断しました。"
        "そこで、デザイン担当と毎朝10分の確認を設けました。"
        "結果として、準備期間を3週間から2週間に縮めました。"
    )
    shown: list[Any] = []
    summary = run_practice(
        # 「どれですか」 wants the point first; an episode question may start with the scene
        plan_for(catalog, ["introduction-05"], follow_ups=1, interactive=False),
        script(story, "私の強みは、締め切りから逆算して段取りを組む力です。"),
        shown.append,
    )
    asked = [e for e in shown if isinstance(e, practice.FollowUpAsked)]
    assert asked and asked[0].element == "conclusion"
    final = summary.results[0].final
    assert final is not None and final.labels["conclusion_first"]
    assert final.sentences[0].text.startswith("私の強みは")


def test_end_of_input_before_the_last_question_is_an_early_end(
    catalog: Catalog, tmp_path: Path
) -> None:
    nb = Notebook(tmp_path / "h.db")
    summary = run_practice(
        plan_for(catalog, ["growth-01", "growth-02", "growth-03"], follow_ups=0),
        script(FULL, "next"),
        lambda e: None,
        nb,
    )
    assert summary.ended_early and not summary.interrupted
    assert summary.planned == 3 and len(summary.answered) == 1
    assert nb.sessions()[0].status == "interrupted"


def test_an_answer_scored_before_ctrl_c_in_its_follow_up_is_still_reviewed(
    catalog: Catalog,
) -> None:
    reviewed: list[str] = []
    summary = run_practice(
        plan_for(catalog, ["growth-01", "growth-02"], follow_ups=1),
        script(SHORT, Interrupted("書きかけ")),
        lambda e: None,
        on_scored=lambda q, a: reviewed.append(q.id),
    )
    assert summary.interrupted
    assert reviewed == ["growth-01"]  # once, with the analysis the user saw


def test_a_question_that_asks_for_thirty_seconds_is_timed_against_thirty(
    catalog: Catalog,
) -> None:
    from rich.console import Console

    from coach.views.feedback import feedback

    question = catalog.question("introduction-07")
    assert question.seconds == 30
    shown: list[Any] = []
    answer = "今回のポジションに近い経験は、出荷ミスを月12件から3件に減らした仕事です。"
    run_practice(
        plan_for(catalog, ["introduction-07"], follow_ups=0, interactive=False),
        script(answer),
        shown.append,
    )
    event = next(e for e in shown if isinstance(e, practice.FeedbackShown))
    assert event.target == 30
    console = Console(width=120, record=True)
    console.print(feedback(event.analysis, target=event.target))
    text = console.export_text()
    assert "目安30秒" in text and "目安60秒" not in text
    short = next(f for f in event.analysis.findings if f.code == "D401")
    assert "約30秒（150字前後）" in short.message


def test_the_timer_is_the_length_target_and_the_next_step_knows_it(catalog: Catalog) -> None:
    """--timer 30: the feedback judges the length against 30 seconds (not the default minute)
    and the summary does not tell the user to add --timer 60."""
    events: list[object] = []
    summary = run_practice(
        plan_for(catalog, ["reproducibility-01"], follow_ups=0, timer=30, interactive=False),
        script(FULL, ""),
        events.append,
    )
    feedback = [e for e in events if isinstance(e, practice.FeedbackShown)]
    assert feedback and all(e.target == 30 for e in feedback)
    assert summary.timer == 30 and "--timer 60" not in summary.suggestion()


def test_summary_says_a_half_typed_answer_was_kept(catalog: Catalog, tmp_path: Path) -> None:
    from rich.table import Table

    from coach.views.session import summary_view

    with Notebook(tmp_path / "h.db") as nb:
        summary = run_practice(
            plan_for(catalog, ["growth-01"], follow_ups=0),
            script(Interrupted("書きかけの回答です")),
            lambda e: None,
            nb,
        )
    table = summary_view(summary).renderables[0]
    assert isinstance(table, Table)
    cells = {c.header: [str(x) for x in c._cells] for c in table.columns}
    # not 「未回答」 next to 「入力途中の回答も面接ノートに保存しました」
    assert cells["足りない要素"] == ["（中断・途中まで保存）"]


def test_a_session_that_stored_nothing_names_no_notebook(catalog: Catalog, tmp_path: Path) -> None:
    # Ctrl-D on the first, empty answer: nothing is in the notebook, so the summary does not
    # print 「保存先: …」 as if something had been saved
    with Notebook(tmp_path / "h.db") as nb:
        summary = run_practice(
            plan_for(catalog, ["growth-01"], follow_ups=0), script(None), lambda e: None, nb
        )
        stored = nb.count()
    assert stored == 0 and summary.notebook_path is None


def test_a_follow_up_cut_off_by_ctrl_c_is_in_the_summary_too(
    catalog: Catalog, tmp_path: Path
) -> None:
    # the notebook keeps the half-typed follow-up reply; so does the session's own record,
    # which the mock report is built from
    with Notebook(tmp_path / "h.db") as nb:
        summary = run_practice(
            plan_for(catalog, ["growth-01"], follow_ups=1),
            script(
                "前職では学んだことをノートにまとめています。", Interrupted("途中まで書いた答え")
            ),
            lambda e: None,
            nb,
        )
    (result,) = summary.results
    assert [reply for _q, reply, _t in result.follow_ups] == ["途中まで書いた答え"]
