"""Train the topic model (which category an answer was written for) and write topic_model.json.

    python -m coach.analysis.topic_training            # train, report, write the weights
    python -m coach.analysis.topic_training --report   # leave-one-corpus-out report only

Needs scikit-learn (``pip install -e '.[train]'``): multinomial logistic regression over an answer's
content lemmas (each counted once), the lemmas of its first sentence and its ask markers. Training answers: the bank model answers (a role bank's answers count as deep-dive),
``tests/corpus/dev*.jsonl``, the tuning style authors (sekou, it), every answer of tune-extra and of
the label corpora food, nurse, logi, sales, mfg, shop and gov, the answers of ``tests/corpus/topics/`` (written
for the categories the model had least of: conditions, management), and the odd-id half of the relevance corpus (each answer
under the category it was written for). Never read: the held-out corpora (holdout*, styles/care,
styles/office, styles/acct, styles/web), relevance2, the even-id half of the relevance corpus, and the answers that
benchmarks/relevance.py moves (so that both of its halves measure unseen answers). The coach never
imports this script; it only reads the weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from coach.analysis.elements import rule_elements
from coach.analysis.relevance import MARKERS, topic_sentences
from coach.analysis.topic import MODEL_FILE, Topic, features

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
BANKS = ROOT / "question_banks" / "ja"
TUNING_STYLE_AUTHORS = ("sekou", "it")
# Authors whose every answer trains the model (benchmarks/relevance.py moves none of them): the
# tuning author tune-extra and the label corpora food, nurse, logi, sales, mfg, shop and gov, each
# answer under the category it was written for. styles/care, office, acct and web stay out.
EXTRA_AUTHORS = ("tune-extra", "food", "nurse", "logi", "sales", "mfg", "shop", "gov")
MIN_DOCS = 3  # a word must occur in this many training answers to get a weight
C = 0.3  # inverse regularisation, chosen by leave-one-corpus-out log loss (0.1, 0.3, 1, 3)
PRUNE = 0.01  # words whose weights are all smaller than this are left out of the file
# benchmarks/relevance.py moves every third corpus answer under another question (and keeps it
# under its own as a control): those answers are left out here, so that both of its halves
# measure the model on answers it has never seen.
MOVE_EVERY = 3


def moved_by_benchmark(position: int) -> bool:
    return position % MOVE_EVERY == 0


def bank_items() -> list[dict[str, Any]]:
    out = []
    for path in sorted(BANKS.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cat = data["category"]["id"]
        if cat.startswith("role-"):
            cat = "deep-dive"  # a role bank digs into one's own work, as deep-dive does
        for q in data.get("questions", []):
            for key in ("model_answer", "model_answer_short"):
                if q.get(key):
                    out.append({"category": cat, "answer": q[key], "corpus": "banks"})
    return out


# dev13 (a textbook author written for the label model's openings) is left out: trained on it,
# the model's belief moved on borderline self-introductions (a valid T101 fixture, a career
# history ending in 御社を受けています, became off-topic) and false alarms on the dev corpora rose
# 10 -> 13 of 1,380, for 5 more of 1,495 off-topic answers found.
LEFT_OUT = ("dev13",)


def dev_files() -> list[Path]:
    return [p for p in sorted(CORPUS.glob("dev*.jsonl")) if p.stem not in LEFT_OUT]


def topic_files() -> list[Path]:
    """Answers written only to teach the model the categories it had least of (conditions,
    management), each under the category it was written for."""
    return sorted((CORPUS / "topics").glob("*.jsonl"))


def _every_answer(path: Path, corpus: str) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            it = json.loads(line)
            out.append({"category": it["category"], "answer": it["answer"], "corpus": corpus})
    return out


def corpus_items() -> list[dict[str, Any]]:
    files = dev_files() + [CORPUS / "styles" / f"{a}.jsonl" for a in TUNING_STYLE_AUTHORS]
    out = []
    for path in files:
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        for position, line in enumerate(lines):
            it = json.loads(line)
            if moved_by_benchmark(position):
                continue
            out.append({"category": it["category"], "answer": it["answer"], "corpus": path.stem})
    for author in EXTRA_AUTHORS:
        out += _every_answer(CORPUS / "styles" / f"{author}.jsonl", author)
    for path in topic_files():
        out += _every_answer(path, path.stem)
    return out


def relevance_items() -> list[dict[str, Any]]:
    """The tuning half (odd ids) of the relevance corpus, each answer under the category it was
    written for (a miss answers another category's question); the even ids are never read."""
    out = []
    path = CORPUS / "relevance" / "relevance.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        it = json.loads(line)
        if int(it["id"].rsplit("-", 1)[1]) % 2 == 0:
            continue
        cat = it.get("answers_category") if it["kind"] == "miss" else it["category"]
        if cat:
            out.append({"category": cat, "answer": it["answer"], "corpus": "relevance"})
    return out


def words_of(answer: str) -> set[str]:
    return features(topic_sentences(rule_elements(answer, "both", None)), MARKERS)


def fit(docs: list[tuple[set[str], str]], c: float = C) -> Topic:
    """Multinomial logistic regression over the words present (scikit-learn)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    df: Counter[str] = Counter(w for ws, _ in docs for w in ws)
    known = {w for w, n in df.items() if n >= MIN_DOCS}
    vec = DictVectorizer()
    x = vec.fit_transform([{w: 1 for w in ws if w in known} for ws, _ in docs])
    model = LogisticRegression(C=c, max_iter=5000).fit(x, [cat for _, cat in docs])
    names = vec.get_feature_names_out()
    weights = {
        str(w): tuple(float(v) for v in model.coef_[:, j])
        for j, w in enumerate(names)
        if max(abs(model.coef_[:, j])) >= PRUNE
    }
    return Topic(
        tuple(str(x) for x in model.classes_),
        tuple(float(b) for b in model.intercept_),
        weights,
        1.0,
    )


def loco(docs: list[tuple[set[str], str, str]], c: float = C) -> dict[str, Any]:
    """Leave one corpus out: accuracy and log loss on the left-out author's answers."""
    hits = total = 0
    loss = 0.0
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for corpus in sorted({k for _, _, k in docs}):
        model = fit([(w, cat) for w, cat, k in docs if k != corpus], c)
        for w, cat, k in docs:
            if k != corpus or cat not in model.categories:
                continue
            post = model.posterior(w)
            best = max(post, key=post.__getitem__)
            hits += best == cat
            total += 1
            per_cat[cat][0] += best == cat
            per_cat[cat][1] += 1
            loss -= math.log(max(post[cat], 1e-9))
    return {"accuracy": hits / total, "log_loss": loss / total, "per_category": dict(per_cat)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="report only, write nothing")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    items = bank_items() + corpus_items() + relevance_items()
    docs = [(words_of(it["answer"]), it["category"], it["corpus"]) for it in items]
    r = loco(docs)
    print(f"C {C}: leave-one-corpus-out accuracy {r['accuracy']:.3f}, log loss {r['log_loss']:.3f}")
    for cat, (h, n) in sorted(r["per_category"].items()):
        print(f"  {cat:<18} {h / n:.2f} ({h}/{n})")
    if args.report:
        return
    model = fit([(w, cat) for w, cat, _ in docs])
    files = dev_files()
    data = {
        "trained_by": "python -m coach.analysis.topic_training",
        "method": "multinomial logistic regression over content lemmas, first-sentence lemmas "
        "and ask markers (present or not)",
        "C": C,
        "min_docs": MIN_DOCS,
        "answers": len(docs),
        "loco_accuracy": round(r["accuracy"], 3),
        "corpora": {
            f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:16]
            for f in [
                *files,
                *(CORPUS / "styles" / f"{a}.jsonl" for a in TUNING_STYLE_AUTHORS + EXTRA_AUTHORS),
                *topic_files(),
            ]
        },
        "temperature": 1.0,
        "categories": list(model.categories),
        "bias": [round(x, 3) for x in model.bias],
        "weights": {w: [round(x, 3) for x in v] for w, v in sorted(model.weights.items())},
    }
    args.out.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(model.weights)} words)")


if __name__ == "__main__":
    main()
