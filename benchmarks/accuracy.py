"""Agreement of the analyzer with hand-labelled answers: precision, recall, F1 per label.

    python benchmarks/accuracy.py [CORPUS.jsonl ...] [--rules-only] [--errors LABEL] [--json]

Without arguments it reports, in this order:
  1. the held-out answers (tests/corpus/holdout*.jsonl) — written by authors whose answers were
     never used for tuning the rules or training the label model: the number that matters;
  2. the development answers (tests/corpus/dev*.jsonl) — used for tuning and training, so these
     numbers are optimistic; `python -m coach.analysis.training --report` gives the honest
     leave-one-author-out estimate for them;
  3. the style corpora (tests/corpus/styles/*.jsonl: speech, short, casual, implicit, …), the
     tuning authors (TUNING_AUTHORS) apart from the held-out authors (all others), each with F1
     per label and a table of F1 per style and label.
``--styles`` reports only the style corpora; ``--tuning-only`` leaves the held-out style authors
out (use it while iterating: the held-out ones are for a few aggregate measurements only).
``--rules-only`` switches the label model off (the rules alone), for comparison.
``--errors LABEL`` lists the answers where that label disagrees (use it on dev corpora only).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from _common import CORPUS, corpus_items

from coach.analysis import analyze
from coach.analysis.training import TUNING_PROBE_AUTHORS
from coach.domain import ANSWER_LABELS as LABELS  # off_topic needs the question: not in the corpora

# Probe authors the rules were tuned on: those the label model is trained on, and probe-G and
# probe-H (spoken.jsonl), tuned on but not trained on (training with them lost on the held-out
# authors). probe-C, probe-F and probe-I are held out of both.
PROBE_TUNING_AUTHORS = (*TUNING_PROBE_AUTHORS, "probe-G", "probe-H")
STYLES = CORPUS / "styles"
PROBES = CORPUS / "probes"
# Authors whose style answers are used for tuning and training; the others are held out.
TUNING_AUTHORS = ("sekou", "it", "tune-extra", "sales", "mfg", "shop", "gov")


def evaluate(items: list[dict]) -> tuple[dict[str, dict[str, float]], list[tuple[dict, dict]]]:
    from coach.banks import load_catalog

    catalog = load_catalog()
    pairs = []
    for item in items:
        cat = catalog.categories.get(item["category"])
        analysis = analyze(
            item["answer"],
            category=item["category"],
            structure=cat.structure if cat else "both",
            question=item.get("question"),
        )
        pairs.append((item, analysis.labels))
    stats: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for it, got in pairs if it["labels"][label] and got[label])
        fp = sum(1 for it, got in pairs if not it["labels"][label] and got[label])
        fn = sum(1 for it, got in pairs if it["labels"][label] and not got[label])
        tn = len(pairs) - tp - fp - fn
        p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
        r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        stats[label] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "precision": p,
            "recall": r,
            "f1": f,
        }
    return stats, pairs


def report(name: str, stats: dict[str, dict[str, float]], n: int) -> float:
    print(f"\n{name}  ({n} answers)")
    print(f"{'label':<18}{'P':>7}{'R':>7}{'F1':>7}   tp  fp  fn  tn")
    for label, s in stats.items():
        print(
            f"{label:<18}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}"
            f"  {s['tp']:3.0f} {s['fp']:3.0f} {s['fn']:3.0f} {s['tn']:3.0f}"
        )
    macro = sum(s["f1"] for s in stats.values()) / len(stats)
    worst = min(stats, key=lambda k: stats[k]["f1"])
    print(f"{'macro-F1':<18}{macro:21.3f}   (lowest: {worst} {stats[worst]['f1']:.3f})")
    return macro


def style_table(pairs: list[tuple[dict, dict]]) -> None:
    """F1 per style (rows) and label (columns), and each style's macro-F1."""
    styles = sorted({it.get("style", "?") for it, _ in pairs})
    short = {label: label[:6] for label in LABELS}
    print(f"{'style':<16}{'n':>4}" + "".join(f"{short[lab]:>7}" for lab in LABELS) + "  macro")
    for style in styles:
        sub = [(it, got) for it, got in pairs if it.get("style", "?") == style]
        f1s = [_f1(sub, lab) for lab in LABELS]
        cells = "".join("      -" if f is None else f"{f:7.2f}" for f in f1s)
        scored = [f for f in f1s if f is not None]
        macro = sum(scored) / len(scored) if scored else 0.0
        print(f"{style:<16}{len(sub):4d}{cells}  {macro:.3f}")
    print("  (- : no positive and no predicted positive in that style)")


def _f1(pairs: list[tuple[dict, dict]], label: str) -> float | None:
    tp = sum(1 for it, got in pairs if it["labels"][label] and got[label])
    fp = sum(1 for it, got in pairs if not it["labels"][label] and got[label])
    fn = sum(1 for it, got in pairs if it["labels"][label] and not got[label])
    if tp + fp + fn == 0:
        return None
    return 2 * tp / (2 * tp + fp + fn)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--errors", metavar="LABEL", help="list disagreements for one label")
    parser.add_argument("--rules-only", action="store_true", help="switch the label model off")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--styles", action="store_true", help="only the style corpora")
    parser.add_argument(
        "--tuning-only", action="store_true", help="leave the held-out style authors out"
    )
    args = parser.parse_args()
    if args.rules_only:
        os.environ["COACH_RULES_ONLY"] = "1"
    styled: set[str] = set()
    # for a group of probe files: the tuning authors, and whether to keep them or the others
    # (the probe files hold tuning and held-out authors side by side)
    authors: dict[str, tuple[tuple[str, ...], bool]] = {}
    if args.corpora:
        groups = [(p.name, [p]) for p in args.corpora]
        styled = {p.name for p in args.corpora if p.parent == STYLES}
    else:
        groups = []
        if not args.styles:
            held = sorted(CORPUS.glob("holdout*.jsonl"))
            dev = sorted(CORPUS.glob("dev*.jsonl"))
            groups += [("HELD-OUT (unseen authors): " + " + ".join(p.name for p in held), held)]
            groups += [
                ("development (seen in tuning/training): " + " + ".join(p.name for p in dev), dev)
            ]
        style_files = sorted(STYLES.glob("*.jsonl"))
        tuning = [p for p in style_files if p.stem in TUNING_AUTHORS]
        held_styles = [p for p in style_files if p.stem not in TUNING_AUTHORS]
        names = [
            "styles, tuning authors (seen in tuning/training): "
            + " + ".join(p.name for p in tuning)
        ]
        groups += [(names[0], tuning)]
        if not args.tuning_only:
            names.append("STYLES, HELD-OUT authors: " + " + ".join(p.name for p in held_styles))
            groups += [(names[1], held_styles)]
        styled = set(names)
        if not args.styles:
            probes = sorted(PROBES.glob("*.jsonl"))
            seen = "probes, tuning authors (seen in tuning/training): " + ", ".join(
                PROBE_TUNING_AUTHORS
            )
            groups += [(seen, probes)]
            authors[seen] = (PROBE_TUNING_AUTHORS, True)
            if not args.tuning_only:
                unseen = "PROBES, HELD-OUT authors: the other authors of " + " + ".join(
                    p.name for p in probes
                )
                groups += [(unseen, probes)]
                authors[unseen] = (PROBE_TUNING_AUTHORS, False)
    rules_only = args.rules_only or os.environ.get("COACH_RULES_ONLY") == "1"
    mode = "rules only" if rules_only else "rules + label model"
    if not args.json:
        print(f"mode: {mode}")
    out = {}
    for name, paths in groups:
        items = [it for p in paths if p.exists() for it in corpus_items(p)]
        if name in authors:  # the tuning authors of the probes, or all the others
            tuned, wanted = authors[name]
            items = [it for it in items if (it.get("author") in tuned) == wanted]
        if not items:
            print(f"(skipping {name}: not found)")
            continue
        start = time.perf_counter()
        stats, pairs = evaluate(items)
        elapsed = time.perf_counter() - start
        if args.json:
            out[name] = stats
            continue
        report(name, stats, len(items))
        print(f"analysed in {elapsed:.2f}s")
        if name in styled:
            style_table(pairs)
        if args.errors and "HELD-OUT" not in name:  # (PROBES, HELD-OUT as well)
            for item, got in pairs:
                if item["labels"][args.errors] != got[args.errors]:
                    print(
                        f"  {item['id']} [{item['category']}] gold={item['labels'][args.errors]} "
                        f"got={got[args.errors]} :: {item['answer'][:160]!r}"
                    )
                    if item.get("note"):
                        print(f"      note: {item['note']}")
    if args.json:
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
