"""The interview notebook at 10,000 stored answers: `coach stats` and `coach export` times.

    python benchmarks/notebook.py [--answers N]

Fills a temporary data folder with N analysed answers spread over the categories (each answer
analysed once, like a practice session stores it), then times the commands as a user runs them
(new processes, median of 5). Goal: `coach stats` under 0.5 s at 10,000 answers. The time of a
bare `coach --version` is printed alongside as the fixed cost of starting a process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, coach_command, corpus_answers


def fill(home: Path, count: int) -> None:
    from coach import paths
    from coach.analysis import analyze
    from coach.banks import load_catalog
    from coach.notebook import Notebook

    paths.set_home(home)
    catalog = load_catalog()
    questions = list(catalog.all_questions())
    answers = corpus_answers()
    analysed = {}
    with Notebook(home / "history.db") as nb:
        session = nb.start_session("practice")
        nb.db.execute("BEGIN")  # one transaction: this is about reading speed, not writing
        for i in range(count):
            q = questions[i % len(questions)]
            cat = catalog.category_of(q)
            text = answers[i % len(answers)]
            key = (text, cat.id)
            if key not in analysed:
                analysed[key] = analyze(text, category=cat.id, structure=cat.structure)
            a = analysed[key]
            data = a.to_json()
            nb.db.execute(
                "INSERT INTO attempts (session_id, question_id, category, question, answer,"
                " attempt_no, created_at, score, labels, finding_codes, analysis)"
                " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
                (
                    session,
                    q.id,
                    cat.id,
                    q.text,
                    text,
                    f"2026-{1 + i * 12 // count:02d}-01T00:00:00+00:00",
                    a.score,
                    json.dumps(data["labels"]),
                    json.dumps([f.code for f in a.findings]),
                    json.dumps(data, ensure_ascii=False),
                ),
            )
        nb.db.execute("COMMIT")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    args = parser.parse_args()
    coach_cmd = coach_command()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        start = time.perf_counter()
        fill(home, args.answers)
        filled = time.perf_counter() - start
        env = dict(os.environ, COACH_HOME=str(home), COLUMNS="100")
        results = {}
        for name, cmd in (
            ("coach --version", [coach_cmd, "--version"]),
            ("coach stats", [coach_cmd, "stats"]),
            ("coach export (markdown)", [coach_cmd, "export"]),
            ("coach export --format json", [coach_cmd, "export", "--format", "json"]),
            ("coach history", [coach_cmd, "history"]),
        ):
            timed(cmd, env)
            results[name] = statistics.median(timed(cmd, env) for _ in range(5))
    print(f"stored answers: {args.answers} (filled in {filled:.1f} s)")
    for name, seconds in results.items():
        print(f"{name:<28} {seconds * 1000:7.0f} ms (median of 5)")
    print(
        f"goal: coach stats under 500 ms -> {'met' if results['coach stats'] < 0.5 else 'NOT met'}"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
