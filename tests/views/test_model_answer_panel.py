"""The 「模範回答を見る」 panel: the full model answer, then the 30-second one (issue 17)."""

from __future__ import annotations

import msgspec
from rich.console import Console

from coach.banks import load_catalog
from coach.views.session import model_answer_panel


def _shown(panel: object) -> str:
    console = Console(width=200, record=True, color_system=None)
    with console.capture() as captured:
        console.print(panel)
    return "".join(captured.get().replace("│", "").split())


def test_the_30_second_answer_follows_the_full_one() -> None:
    q = load_catalog().question("introduction-01")
    assert q.model_answer and q.model_answer_short
    text = _shown(model_answer_panel(q))
    full = "".join(q.model_answer.split())
    short = "".join(q.model_answer_short.split())
    assert full in text and short in text
    assert text.index(full) < text.index("30秒版") < text.index(short)


def test_no_30_second_heading_without_a_short_answer() -> None:
    q = load_catalog().question("introduction-01")
    text = _shown(model_answer_panel(msgspec.structs.replace(q, model_answer_short=None)))
    assert "30秒版" not in text and "".join((q.model_answer or "").split()) in text
