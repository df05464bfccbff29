"""The interview notebook at many stored answers: `coach stats` and `coach export` time and memory.

    python benchmarks/notebook.py [--answers N] [--home DIR]

Fills a data folder with N analysed answers spread over the categories (each distinct answer
analysed once, like a practice session stores it), then times the commands as a user runs them
(new processes, median of 3) and reports each one's peak memory (the child's maximum resident
set size). With ``--home DIR`` the folder is kept and reused by the next run (filling 100,000
answers takes a while). Then the core export and statistics run in this process under
tracemalloc, to show what they hold in memory and how long they take apart from the interpreter
and libraries (tracemalloc slows Python code down, so these times are upper bounds).

Goals at 100,000 answers: `coach stats` under 1 s; export streams (its memory does not grow
with the number of answers). `coach history --search` reads every answer (width and case
folded in Python) and `--question` one question's attempts: both timed too. The time of a bare
`coach --version` is the fixed cost of starting a process.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _common import ROOT, coach_command, corpus_answers

# Runs one command and prints its time and peak RSS (KiB on Linux): each command is measured
# alone, and without the start of this wrapper's own interpreter.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


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


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds, peak RSS in MiB) of one run of cmd."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], check=True, capture_output=True, text=True, env=env
    )
    seconds, rss = out.stdout.split()[-2:]
    return float(seconds), int(rss) // 1024


def in_process(home: Path) -> list[tuple[str, float, float]]:
    """(name, seconds, tracemalloc peak MiB) of the core export, streamed into a counting sink,
    and of the statistics: the work itself, apart from starting a process."""
    from coach import export
    from coach.banks import load_catalog
    from coach.notebook import Notebook

    catalog = load_catalog()

    class Sink(io.TextIOBase):
        size = 0

        def write(self, s: str) -> int:
            self.size += len(s)
            return len(s)

    results = []
    for fmt in ("markdown", "json"):
        with Notebook(home / "history.db") as nb:
            tracemalloc.start()
            start = time.perf_counter()
            if hasattr(export, "write"):
                export.write(Sink(), catalog, nb, fmt=fmt)
            else:  # the build before streaming: a list of every attempt, then one string
                render = export.markdown if fmt == "markdown" else export.as_json
                Sink().write(render(catalog, nb.attempts(newest_first=False)))
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        results.append((f"export.write ({fmt})", seconds, peak))
    from coach import stats

    with Notebook(home / "history.db") as nb:
        tracemalloc.start()
        start = time.perf_counter()
        stats.collect(nb, catalog)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    results.append(("stats.collect", seconds, peak))
    return results


def _has_option(coach_cmd: str, command: str, option: str) -> bool:
    out = subprocess.run([coach_cmd, command, "--help"], capture_output=True, text=True)
    return option in out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--home", type=Path, help="keep the filled data folder here and reuse it")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    coach_cmd = coach_command()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "home"
        home.mkdir(parents=True, exist_ok=True)
        filled = 0.0
        if not (home / "history.db").exists():
            start = time.perf_counter()
            fill(home, args.answers)
            filled = time.perf_counter() - start
        from coach.notebook import Notebook

        Notebook(home / "history.db").close()  # a reused folder's migrations are not timed
        env = dict(os.environ, COACH_HOME=str(home), COLUMNS="100")
        results = {}
        for name, cmd in (
            ("coach --version", [coach_cmd, "--version"]),
            ("coach stats", [coach_cmd, "stats"]),
            ("coach export (markdown)", [coach_cmd, "export"]),
            ("coach export --format json", [coach_cmd, "export", "--format", "json"]),
            ("coach history", [coach_cmd, "history"]),
            ("coach history --search", [coach_cmd, "history", "--search", "ＷＭＳ"]),
            ("coach history --question", [coach_cmd, "history", "--question", "growth-01"]),
        ):
            if cmd[2:3] in (["--search"], ["--question"]) and not _has_option(
                coach_cmd, "history", "--search"
            ):
                continue  # the build before history could search
            runs = [measured(cmd, env) for _ in range(args.runs)]
            results[name] = (
                statistics.median(s for s, _ in runs),
                max(m for _, m in runs),
            )
        core = in_process(home)
        size = (home / "history.db").stat().st_size / 2**20
    count = f"{args.answers}" if filled else "(reused folder)"
    print(f"stored answers: {count}, history.db {size:.0f} MiB (filled in {filled:.1f} s)")
    for name, (seconds, rss) in results.items():
        print(f"{name:<28} {seconds * 1000:7.0f} ms  peak RSS {rss:5d} MiB (median of {args.runs})")
    for name, seconds, peak in core:
        print(f"{name:<28} {seconds * 1000:7.0f} ms  tracemalloc peak {peak:6.1f} MiB (in process)")
    stats_s = results["coach stats"][0]
    print(f"goal: coach stats under 1 s -> {'met' if stats_s < 1 else 'NOT met'}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
