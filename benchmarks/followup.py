"""How the follow-up planner does on the fixtures and on the style corpora (issue 16).

    python benchmarks/followup.py

For tests/fixtures/followups.yaml (90 answers with the target an independent author expects),
split by id parity (odd ids were used for tuning, even ids are held out), it prints: the share
that matches the expected target, the share with a follow-up, the share quoting a must_quote
word, the share grounded in the answer's own words (a content word of the answer the question
did not contain), the probe rate on complete answers and the push-back rate on blame. For
tests/corpus/styles/sekou.jsonl and it.jsonl (no expected targets) it prints only the shares.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from _common import CORPUS, ROOT, corpus_items

from coach.analysis import Analysis, analyze
from coach.banks import Catalog, load_catalog
from coach.followup import BLAME, PROBE, FollowUp, plan_follow_up, quotes_answer

FIXTURES = ROOT / "tests" / "fixtures" / "followups.yaml"
# The fixture vocabulary, as the codes the rules use (`coach rules`).
TARGETS = {
    "blame": "R301",
    "perfectionism": "R304",
    "over_adapting": "R303",
    "off_topic": "T101",
    "no_question": "Q501",
    "condition_only": "Q502",
}
# the same ground in a motivation answer is the motivation red flag R306 (conditions only)
ALSO = {"condition_only": "R306"}


def plan(catalog: Catalog, item: dict[str, Any]) -> tuple[Analysis, FollowUp | None]:
    """Analyse one answer as `coach check` would under its bank question, and plan."""
    by_text = {q.text: q for q in catalog.all_questions()}
    question = by_text.get(item.get("question") or "")
    category = item["category"]
    structure = catalog.categories[category].structure if category in catalog.categories else "both"
    expects = catalog.expects(question) if question else None
    analysis = analyze(
        item["answer"],
        category=category,
        structure=structure,
        question=item.get("question"),
        expects=expects,
    )
    return analysis, plan_follow_up(analysis, question or item.get("question"))


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.0%}" if total else "—"


def fixtures(catalog: Catalog) -> None:
    items = yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))
    for half, parity in (("tuning (odd ids)", 1), ("held out (even ids)", 0)):
        c: Counter[str] = Counter()
        for item in items:
            if int(item["id"].rsplit("-", 1)[1]) % 2 != parity:
                continue
            _analysis, fu = plan(catalog, item)
            want = {TARGETS.get(item["target"], item["target"]), ALSO.get(item["target"], "")}
            c["n"] += 1
            c["asked"] += fu is not None
            c["target"] += fu is not None and fu.target in want
            if fu is None:
                continue
            c["grounded"] += quotes_answer(fu.question, item["answer"], item["question"])
            if item["must_quote"]:
                c["mq_n"] += 1
                c["mq"] += any(w in fu.question for w in item["must_quote"])
            if want == PROBE:
                c["probe_n"] += 1
                c["probe"] += fu.target == PROBE
            if want == BLAME:
                c["blame_n"] += 1
                c["blame"] += fu.target == BLAME
        print(f"fixtures, {half}: {c['n']} answers")
        print(f"  target matches        {_share(c['target'], c['n'])}")
        print(f"  with a follow-up      {_share(c['asked'], c['n'])}")
        print(f"  grounded              {_share(c['grounded'], c['asked'])}")
        print(f"  quotes a must_quote   {_share(c['mq'], c['mq_n'])}")
        print(f"  probe on complete     {_share(c['probe'], c['probe_n'])}")
        print(f"  push-back on blame    {_share(c['blame'], c['blame_n'])}")


def corpus(catalog: Catalog, path: Path) -> None:
    c: Counter[str] = Counter()
    for item in corpus_items(path):
        analysis, fu = plan(catalog, item)
        c["n"] += 1
        c["asked"] += fu is not None
        if fu is not None:
            c["grounded"] += quotes_answer(fu.question, item["answer"], item.get("question", ""))
        reverse = analysis.structure == "reverse"
        if not reverse and not analysis.missing and not analysis.red_flags:
            c["complete"] += 1
            c["probe"] += fu is not None and fu.target == PROBE
        if any(f.code == BLAME for f in analysis.findings):
            c["blamed"] += 1
            c["pushed"] += fu is not None and fu.target == BLAME
    print(f"{path.relative_to(ROOT)}: {c['n']} answers")
    print(f"  with a follow-up      {_share(c['asked'], c['n'])}")
    print(f"  grounded              {_share(c['grounded'], c['asked'])}")
    print(f"  probe on complete     {_share(c['probe'], c['complete'])}")
    print(f"  push-back on R301     {_share(c['pushed'], c['blamed'])}")


def main() -> None:
    catalog = load_catalog()
    fixtures(catalog)
    for name in ("sekou.jsonl", "it.jsonl"):
        corpus(catalog, CORPUS / "styles" / name)


if __name__ == "__main__":
    main()
