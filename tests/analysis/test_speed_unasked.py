"""Without a question, analyze() does not import the relevance modules (start-up before a batch
forks): what it uses instead is what they give for no question."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coach.analysis import analyze
from coach.analysis.elements import analyze_elements
from coach.analysis.model import Relevance
from coach.analysis.relevance import Relevance as RelevanceReexported
from coach.analysis.relevance import assess, infer_asks

ANSWER = "私の強みは粘り強さです。前職では、半年かけて新規の取引先を3社開拓しました。"


@pytest.mark.parametrize("question", [None, "", " ", "\n\u3000"])
def test_no_question_is_what_the_relevance_modules_say(question: str | None) -> None:
    assert infer_asks(question) == ()
    elements = analyze_elements(ANSWER, "both", question)
    for asks in (None, (), ("reason",)):
        for structure in ("both", "reverse"):
            got = assess(elements, question, asks, structure, "strength")
            assert got == Relevance(False, ())
    result = analyze(ANSWER, category="strength", question=question)
    assert result.extras["relevance"] == Relevance(False, ())


def test_relevance_reexports_the_same_class() -> None:
    assert RelevanceReexported is Relevance


def test_analysis_without_a_question_does_not_import_relevance() -> None:
    code = (
        "import sys\n"
        "from coach.analysis import analyze\n"
        f"analyze({ANSWER!r}, category='strength')\n"
        "print(sorted(m for m in sys.modules if m.startswith('coach.analysis.') and\n"
        "      m.split('.')[2] in ('relevance', 'asks', 'relevance_answer', 'topic')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
