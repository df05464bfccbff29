"""The follow-up box: its label says what the question digs for (issue 16)."""

from __future__ import annotations

from rich.console import Console

from coach.analysis import analyze
from coach.banks import load_catalog
from coach.domain import ELEMENT_JA
from coach.followup import plan_follow_up
from coach.views.session import follow_up_about, follow_up_panel


def _title(text: str, target: str | None) -> str:
    console = Console(width=120, record=True, color_system=None)
    with console.capture() as captured:
        console.print(follow_up_panel(text, target))
    return captured.get().splitlines()[0]


def test_each_kind_of_target_gets_its_own_japanese_label() -> None:
    assert "（具体例についての深掘り）" in _title("いつの話ですか。", "example")
    assert "（深掘り）" in _title("他の方法は検討しましたか。", "probe")
    assert "（指摘「他責」について）" in _title("改善できた点は？", "R301")
    assert "（指摘「逆質問なし」について）" in _title("本当にありませんか。", "Q501")
    # an old notebook's 'question' element, or a code nothing knows: no label rather than a
    # wrong one, and never the raw id
    for unknown in ("question", "X999", None):
        title = _title("何か質問はありますか。", unknown)
        assert "面接官の追加質問" in title and "（" not in title


def test_the_label_never_names_what_the_answer_already_gave() -> None:
    catalog = load_catalog()
    answers = (
        "私の強みは調整力です。",
        "前職で展示会の準備を任された際、私はデザイン担当と毎朝10分の確認を設けました。",
        "上司が協力してくれなかったので大変でした。",
    )
    labelled = 0
    for question in catalog.all_questions():
        cat = catalog.category_of(question)
        for answer in answers:
            analysis = analyze(
                answer,
                category=cat.id,
                structure=cat.structure,
                question=question.text,
                expects=catalog.expects(question),
            )
            fu = plan_follow_up(analysis, question)
            if fu is None or fu.target not in ELEMENT_JA:
                continue
            labelled += 1
            assert ELEMENT_JA[fu.target] in follow_up_about(fu.target)
            assert not analysis.present(fu.target), (question.id, answer, fu)
    # (most of these answers are off-topic under most questions, which T101 labels instead)
    assert labelled > 25
