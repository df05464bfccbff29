"""docs/score.md shows the weights and caps score.py uses."""

from __future__ import annotations

from pathlib import Path

from coach.analysis import score

DOC = Path(__file__).resolve().parents[2] / "docs" / "score.md"


def test_score_doc_tables_match_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("<!-- generated from coach/analysis/score.py: tables_markdown() -->")
    end = text.index("<!-- end generated -->")
    block = text[start:end].split("\n", 1)[1].strip()
    assert block == score.tables_markdown().strip()


def test_score_doc_names_every_cap_and_weight() -> None:
    table = score.tables_markdown()
    for element in score.WEIGHTS:
        assert f"| {element} |" in table
    for value in (score.OFF_TOPIC_CAP, score.ERROR_CAP, score.RED_FLAG_CAP):
        assert f"| {value} |" in table
