"""Train the label model from the development corpora.

    python -m coach.analysis.training            # train, report, write label_model.json
    python -m coach.analysis.training --report   # leave-one-corpus-out report only

Needs scikit-learn (``pip install -e '.[train]'``); the coach itself never does, it only reads the
weights. Training data: every ``tests/corpus/dev*.jsonl`` and the style corpora of the tuning
authors (``tests/corpus/styles/{sekou,it,tune-extra,sales,mfg,shop,gov}.jsonl``: speech, short,
casual, implicit answers; tune-extra was written for the weak spots: cue words without the
element, implicit devices and outcomes, short blame vs constraint; sales, mfg, shop and gov are
four more voices — 営業・不動産, 製造・品質, 小売・美容, 公務員・金融 — written without seeing the
analyzer or any other corpus), and the probes of tests/corpus/probes by their tuning authors
(probe-A/B: textbook cue words without the element; probe-D/E: short answers). The held-out
corpora (``holdout*.jsonl``, the other style
authors: care, office, food, nurse, logi, acct, web, and probe-C and probe-F) are never read here. Each corpus was written by a different author, so
leaving one corpus out at a time estimates accuracy on a new author's answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.analysis.elements import rule_elements
from coach.analysis.features import _FLAG_CUES, extract
from coach.analysis.label_model import LOWER, MODEL_FILE, RAISE, RAISE_BY_LABEL, constrain, decide
from coach.analysis.labels import only_given
from coach.domain import ANSWER_LABELS as LABELS  # off_topic needs the question: not in the corpora
from coach.domain import ELEMENTS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
C = 0.3  # inverse regularisation, chosen by leave-one-corpus-out macro-F1
MIN_COUNT = 3  # a lexical feature must occur in at least this many training answers
PRUNE = 0.01  # weights smaller than this are dropped from the file
MARGIN = 0.01  # the model must beat the rules by this much (mean F1) to decide a label


# Style authors whose answers train the model; the others stay held out.
TUNING_STYLE_AUTHORS = ("sekou", "it", "tune-extra", "sales", "mfg", "shop", "gov")


# Probe authors (tests/corpus/probes) whose answers train the model; probe-C and probe-F stay
# held out.
TUNING_PROBE_AUTHORS = ("probe-A", "probe-B", "probe-D", "probe-E")


def training_files() -> list[Path]:
    styles = [CORPUS / "styles" / f"{name}.jsonl" for name in TUNING_STYLE_AUTHORS]
    probes = sorted((CORPUS / "probes").glob("*.jsonl"))
    return sorted(CORPUS.glob("dev*.jsonl")) + [p for p in styles if p.exists()] + probes


def training_items(path: Path) -> list[dict[str, Any]]:
    """The answers of one training corpus (of a probe file, only the tuning authors')."""
    items = load_items(path)
    if path.parent.name == "probes":
        items = [it for it in items if it.get("author") in TUNING_PROBE_AUTHORS]
    return items


def corpus_digest(files: list[Path]) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:16] for f in files}


def load_items(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def rule_predictions(features: list[dict[str, float]]) -> list[dict[str, bool]]:
    return [{lab: bool(f.get("rule:" + lab, 0.0)) for lab in LABELS} for f in features]


def featurize(items: list[dict[str, Any]]) -> list[dict[str, float]]:
    from coach.banks import load_catalog

    catalog = load_catalog()
    out = []
    for item in items:
        cat = catalog.categories.get(item["category"])
        structure = cat.structure if cat else "both"
        elements = rule_elements(item["answer"], structure, item.get("question"))
        out.append(extract(elements, elements.rule_labels, structure))
    return out


def _fit(features: list[dict[str, float]], targets: list[list[bool]]) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for f in features:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    keep = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in features]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(keep)
    names = vectorizer.get_feature_names_out()
    # the elements are fitted without the stock-phrase features (hollow sentences' words, cues
    # and count, elements named without being given): a stock phrase is no evidence for an
    # element, nor against one given elsewhere in the answer (padded with 「その結果、良い経験に
    # なりました」, a reason told in substance is still a reason)
    substance = [i for i, name in enumerate(names) if not _stock(str(name))]
    # …and the other labels (vague, the red flags, a declined question) without the features
    # made for the elements (the same signs counted over the sentences with substance alone)
    whole = [i for i, name in enumerate(names) if not _substance_only(str(name))]
    columns = {True: substance, False: whole}
    matrices = {k: x[:, v] for k, v in columns.items()}
    labels: dict[str, Any] = {}
    for j, label in enumerate(LABELS):
        y = [t[j] for t in targets]
        if len(set(y)) < 2:
            labels[label] = {"bias": 30.0 if y[0] else -30.0, "weights": {}}
            continue
        element = label in ELEMENTS
        model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
        model.fit(matrices[element], y)
        used = [names[i] for i in columns[element]]
        weights = {
            str(name): round(float(w), 5)
            for name, w in zip(used, model.coef_[0], strict=True)
            if abs(w) >= PRUNE
        }
        labels[label] = {"bias": round(float(model.intercept_[0]), 5), "weights": weights}
    return {label: named_but_empty_earns_nothing(label, m) for label, m in labels.items()}


def named_but_empty_earns_nothing(label: str, model: dict[str, Any]) -> dict[str, Any]:
    """An element named without being given (``empty:<label>``) may count against that element,
    never towards it: a stock phrase must not earn the label it names (answer-elements.md, "what
    the score means"). Answers that name a reason often also give one elsewhere, so a fit alone
    can learn a positive weight there; it is dropped. For the same reason the words of hollow
    sentences (``hw:``) and their count (``hollow``) never count towards an element: padding an
    answer with 「というのも、それが大切だと考えているからです」 must not lift its reason."""
    weights = dict(model["weights"])
    if weights.get("empty:" + label, 0.0) > 0:
        del weights["empty:" + label]
    if label in ELEMENTS:  # the elements an answer gives (not red flags or declines)
        for name in [k for k, w in weights.items() if w > 0 and _stock(k)]:
            del weights[name]
    return {**model, "weights": weights}


# What the stock phrases say, which the elements are fitted without: the hollow sentences'
# count and words, the flag sections' counts that include them (cue:vague…; scue: counts them
# over the sentences with substance alone), the elements they name without giving, and the
# words of the first sentence, which may be one (sfirst: reads the first with substance).
_STOCK_CUES = frozenset("cue:" + section for section in _FLAG_CUES)


def _substance_only(feature: str) -> bool:
    """Features made for the elements: signs counted over the sentences with substance alone."""
    return feature.startswith(("scue:", "sfirst:"))


def _stock(feature: str) -> bool:
    return (
        feature == "hollow"
        or feature in _STOCK_CUES
        or feature.startswith(("hw:", "empty:", "empty_open:", "first:"))
    )


def _predict(model: dict[str, Any], features: dict[str, float]) -> dict[str, bool]:
    out = {}
    for label, m in model.items():
        z = m["bias"] + sum(m["weights"].get(k, 0.0) * v for k, v in features.items())
        p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
        out[label] = decide(label, bool(features.get("rule:" + label, 0.0)), p)
    return only_given(constrain(out, features), features)


def f1(gold: list[bool], pred: list[bool]) -> float:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    if tp == 0:
        return 1.0 if fp == 0 and fn == 0 else 0.0
    return 2 * tp / (2 * tp + fp + fn)


def report(
    data: dict[str, tuple[list[dict[str, float]], list[list[bool]]]],
) -> dict[str, tuple[float, float]]:
    """Leave-one-corpus-out F1 per label for the model and for the rules alone; returns the
    mean of each per label."""
    print(f"leave-one-corpus-out (train on the others, test on the named one), C={C}")
    print(f"{'corpus':<10}{'':6}{'macro':>7}  " + " ".join(f"{lab[:6]:>6}" for lab in LABELS))
    model_scores: dict[str, list[float]] = {lab: [] for lab in LABELS}
    rule_scores: dict[str, list[float]] = {lab: [] for lab in LABELS}
    for held in data:
        xs = [f for name, (fs, _) in data.items() if name != held for f in fs]
        ys = [t for name, (_, ts) in data.items() if name != held for t in ts]
        model = _fit(xs, ys)
        fs, ts = data[held]
        for kind, preds, store in (
            ("model", [_predict(model, f) for f in fs], model_scores),
            ("rules", rule_predictions(fs), rule_scores),
        ):
            scores = [
                f1([t[j] for t in ts], [p[lab] for p in preds]) for j, lab in enumerate(LABELS)
            ]
            for lab, score in zip(LABELS, scores, strict=True):
                store[lab].append(score)
            macro = sum(scores) / len(scores)
            print(f"{held:<10}{kind:6}{macro:7.3f}  " + " ".join(f"{sc:6.3f}" for sc in scores))
    means = {
        lab: (sum(model_scores[lab]) / len(data), sum(rule_scores[lab]) / len(data))
        for lab in LABELS
    }
    print(
        f"{'mean':<10}{'model':6}{sum(m for m, _ in means.values()) / len(LABELS):7.3f}  "
        + " ".join(f"{m:6.3f}" for m, _ in means.values())
    )
    print(
        f"{'mean':<10}{'rules':6}{sum(r for _, r in means.values()) / len(LABELS):7.3f}  "
        + " ".join(f"{r:6.3f}" for _, r in means.values())
    )
    return means


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the coach's label model.")
    parser.add_argument("--report", action="store_true", help="only the cross-validation report")
    args = parser.parse_args(argv)
    try:
        import sklearn
    except ImportError:
        print("scikit-learn is needed: pip install -e '.[train]'", file=sys.stderr)
        return 2
    files = training_files()
    data = {}
    for path in files:
        items = training_items(path)
        data[("probe-" if path.parent.name == "probes" else "") + path.stem] = (
            featurize(items),
            [[bool(it["labels"][lab]) for lab in LABELS] for it in items],
        )
    means = report(data)
    # The model decides a label only where it beats the rules on authors it has not seen.
    use_model = [lab for lab, (m, r) in means.items() if m > r + MARGIN]
    print("model decides:", ", ".join(use_model) or "(none)")
    print("rules decide: ", ", ".join(lab for lab in LABELS if lab not in use_model) or "(none)")
    if args.report:
        return 0
    model = _fit(
        [f for fs, _ in data.values() for f in fs], [t for _, ts in data.values() for t in ts]
    )
    payload = {
        "schema": 1,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "trained_on": corpus_digest(files),
        "answers": sum(len(ts) for _, ts in data.values()),
        "sklearn": sklearn.__version__,
        "C": C,
        "raise": {**dict.fromkeys(LABELS, RAISE), **RAISE_BY_LABEL},
        "lower": LOWER,
        "use_model": use_model,
        "loco_f1": {
            lab: {"model": round(m, 4), "rules": round(r, 4)} for lab, (m, r) in means.items()
        },
        "labels": {lab: model[lab] for lab in use_model},
    }
    MODEL_FILE.write_text(
        json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    size = MODEL_FILE.stat().st_size
    weights = sum(len(model[lab]["weights"]) for lab in use_model)
    print(f"wrote {MODEL_FILE} ({size // 1024} KiB, {weights} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
