"""The feedback screen's list of findings."""

from __future__ import annotations

from rich.console import Console

from coach.analysis import analyze
from coach.views.feedback import findings_view


def render(renderable: object, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_the_findings_past_the_limit_are_named_not_only_counted() -> None:
    # casual speech and fillers are among the later findings of a short, loose answer
    answer = "えーと、マジで色々頑張りました。めっちゃ大変でしたけど、とにかく頑張りました。"
    analysis = analyze(answer, category="reproducibility", structure="both")
    findings = list(analysis.findings)
    assert len(findings) > 3
    shown = render(findings_view(findings, limit=3))
    assert f"ほか{len(findings) - 3}件" in shown
    for hidden in findings[3:]:
        assert hidden.code in shown
    assert "coach show" in shown and "coach rules explain" in shown
