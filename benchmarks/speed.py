"""Checking speed: 1,000 answers through `coach check --batch` against SudachiPy alone.

    python benchmarks/speed.py [--answers N] [--runs R]

Both sides run as separate processes with the same interpreter and read the same JSON Lines
file of answers 200–500 characters long (taken from the corpora, joined where one is too short,
each corpus answer used once):

  coach    `coach check --batch FILE --json` (sentence split, morphology, roles, labels, the label
           model, every rule, the score, JSON out)
  baseline a script that loads SudachiPy's dictionary, reads the file and tokenizes each answer
           in mode B, touching every morpheme's surface

It prints answers per second for each, the ratio (goal: coach <= 2x the baseline), and the cold
wall time of `coach check` for one answer (a new process each time).
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

from _common import ROOT, coach_command

BASELINE = """
import json, sys
from sudachipy import Dictionary, SplitMode
dictionary = Dictionary(dict="core")
make = getattr(dictionary, "tokenizer", None) or dictionary.create
tokenizer = make(mode=SplitMode.B)
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        answer = json.loads(line)["answer"]
        for m in tokenizer.tokenize(answer):
            m.surface()
        n += 1
print(n)
"""


def answers(count: int) -> list[dict[str, str]]:
    """``count`` answers, each corpus answer used once until the pool runs out (so no sentence
    repeats within a run of up to ~1,500 answers and no cache is flattered by repeats)."""
    pool: list[dict[str, str]] = []
    paths = sorted((ROOT / "tests" / "corpus").glob("*.jsonl"))
    paths += [ROOT / "tests" / "corpus" / "styles" / f"{n}.jsonl" for n in ("sekou", "it")]
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                pool.append({"category": item["category"], "answer": item["answer"]})
    out = []
    k = 0
    while len(out) < count:
        item = dict(pool[k % len(pool)])
        k += 1
        while len(item["answer"]) < 200:  # join short answers into one of a realistic length
            item["answer"] += pool[k % len(pool)]["answer"]
            k += 1
        item["answer"] = item["answer"][:500]
        item["id"] = f"s{len(out):04d}"
        out.append(item)
    return out


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    coach_cmd = coach_command()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "answers.jsonl"
        items = answers(args.answers)
        data.write_text(
            "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8"
        )
        script = Path(tmp) / "baseline.py"
        script.write_text(BASELINE, encoding="utf-8")
        one = Path(tmp) / "one.txt"
        one.write_text(items[0]["answer"], encoding="utf-8")
        base_cmd = [sys.executable, str(script), str(data)]
        check_cmd = [coach_cmd, "check", "--batch", str(data), "--json"]
        single_cmd = [*check_cmd, "--jobs", "1"]
        for cmd in (base_cmd, check_cmd, single_cmd):
            wall(cmd)  # warm the file cache
        base_times, coach_times, single_times = [], [], []
        for _ in range(args.runs):  # alternate so machine load hits all alike
            base_times.append(wall(base_cmd))
            coach_times.append(wall(check_cmd))
            single_times.append(wall(single_cmd))
        cold = [wall([coach_cmd, "check", str(one)]) for _ in range(5)]
    base = statistics.median(base_times)
    ours = statistics.median(coach_times)
    single = statistics.median(single_times)
    chars = sum(len(x["answer"]) for x in items) / len(items)
    cpus = os.cpu_count() or 1
    print(f"answers:                          {len(items)} (mean {chars:.0f} characters)")
    print(f"SudachiPy alone (baseline, 1 CPU): {base:6.2f} s  {len(items) / base:8.0f} answers/s")
    print(
        f"coach check --batch --json -j 1:   {single:6.2f} s  {len(items) / single:8.0f} answers/s"
    )
    print(
        f"coach check --batch --json ({cpus} CPU): {ours:6.2f} s  {len(items) / ours:8.0f} answers/s"
    )
    print(f"ratio coach / baseline, one CPU:   {single / base:6.2f}x  (goal <= 2x)")
    print(f"ratio coach / baseline, all CPUs:  {ours / base:6.2f}x")
    print(
        f"cold `coach check` (1 answer):     {statistics.median(cold) * 1000:5.0f} ms (median of 5)"
    )


if __name__ == "__main__":
    main()
