"""The benchmark scripts still run against the current code: each one's core is run on a few
corpus items (the full runs are too slow for the suite; their numbers live in the README)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def test_the_accuracy_benchmark_evaluates_corpus_items() -> None:
    import accuracy
    from _common import CORPUS, corpus_items

    items = corpus_items(CORPUS / "holdout.jsonl")[:3]
    stats, pairs = accuracy.evaluate(items)
    assert len(pairs) == 3
    assert set(stats) == set(accuracy.LABELS)
    assert all(0.0 <= s["f1"] <= 1.0 for s in stats.values())


def test_the_relevance_benchmark_runs_moved_answers_and_their_controls() -> None:
    import relevance

    items = [m for m in relevance.moved_items(50)][:4] + relevance.relevance_items()[:2]
    results = relevance.run(items)
    assert len(results) == len(items)
    assert all(isinstance(r["got_off"], bool) and 0 <= r["score"] <= 100 for r in results)


def test_a_redrawn_pairing_moves_the_same_answers_under_other_distant_questions() -> None:
    import relevance

    default = [m for m in relevance.moved_items(10) if m["kind"] == "moved"]
    redrawn = [m for m in relevance.moved_items(10, "~1") if m["kind"] == "moved"]
    assert [m["answer"] for m in default] == [m["answer"] for m in redrawn]
    assert all(m["id"].endswith("~1") for m in redrawn)
    changed = sum(a["question"] != b["question"] for a, b in zip(default, redrawn, strict=True))
    assert changed > len(default) // 2
    # the re-drawn move is compared with the same control (the score gap)
    control = next(
        m for m in relevance.moved_items(10) if m["id"] == "mc-" + redrawn[0]["id"][3:-2]
    )
    assert relevance._pair_key(redrawn[0]) == relevance._pair_key(control)


def test_the_calibration_benchmark_scores_an_item_with_its_bank_question() -> None:
    import calibration
    from _common import CORPUS, corpus_items

    item = next(it for it in corpus_items(CORPUS / "holdout.jsonl") if it.get("question"))
    scorer = calibration.Scorer()
    assert 0 <= scorer.score(item) <= 100
    assert scorer.score(item, "特にありません。") < scorer.score(item)


@pytest.mark.parametrize("name", ["followup", "feedback", "speed", "startup", "notebook"])
def test_every_benchmark_script_imports(name: str) -> None:
    __import__(name)
