"""The labelled corpora the benchmarks read are well formed: every answer carries the analyzer's
labels as booleans, a category the banks know, and an id no other answer has (the probes and
the style corpora are written by different authors, so a copied file would show here)."""

from __future__ import annotations

import json
from pathlib import Path

from coach.banks import load_catalog
from coach.domain import ANSWER_LABELS

CORPUS = Path(__file__).parent / "corpus"


def _labelled() -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(CORPUS.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if "labels" in item:
                    out.append((path, item))
    return out


def test_every_labelled_answer_has_the_labels_a_category_and_a_unique_id() -> None:
    items = _labelled()
    assert len(items) > 3000
    categories = set(load_catalog().categories)
    seen: dict[str, Path] = {}
    for path, item in items:
        where = f"{path.name}:{item.get('id')}"
        labels = item["labels"]
        assert set(ANSWER_LABELS) <= set(labels), where
        assert all(isinstance(labels[k], bool) for k in ANSWER_LABELS), where
        assert item["category"] in categories, where
        assert item["answer"].strip(), where
        assert item["id"] not in seen, f"{where} also in {seen.get(item['id'])}"
        seen[item["id"]] = path


def test_the_probes_are_kept_apart_from_the_style_corpora() -> None:
    # the benchmarks read the style folder as tuning or held-out authors; the probes are read
    # only when named, so a probe file must not sit among the styles
    styles = {p.name for p in (CORPUS / "styles").glob("*.jsonl")}
    probes = {p.name for p in (CORPUS / "probes").glob("*.jsonl")}
    assert probes and not styles & probes
