"""Time from finishing an answer to its feedback on screen (goal: within 150 ms).

    python benchmarks/feedback.py

Measures, in one process, what a practice session does after the user submits: analyse the
answer and render the feedback (structure map, checklist, findings) with Rich. Reports the
first answer of a session with the background warm-up that `coach practice` starts (the user
types for far longer than it takes), the first answer without it, and the median of typical
answers afterwards.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import time

from _common import corpus_answers

FIRST = """
import io, sys, time, threading
from rich.console import Console
{warm}
from coach.analysis import analyze
from coach.views import feedback as render
t = time.perf_counter()
a = analyze(sys.argv[1], category="reproducibility", structure="both")
Console(file=io.StringIO(), width=100).print(render.feedback(a))
print((time.perf_counter() - t) * 1000)
"""
WARM = """
from coach.analysis import warm_up
threading.Thread(target=warm_up).start()
time.sleep(2.0)  # the user is typing
"""


def main() -> None:
    answers = corpus_answers()
    sample = next(a for a in answers if len(a) > 250)
    cold = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST.format(warm=""), sample],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(3)
    ]
    warmed = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST.format(warm=WARM), sample],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(3)
    ]
    from rich.console import Console

    from coach.analysis import analyze
    from coach.views import feedback as render

    analyze("準備")
    times = []
    for text in answers:
        t = time.perf_counter()
        a = analyze(text, category="reproducibility", structure="both")
        Console(file=io.StringIO(), width=100).print(render.feedback(a))
        times.append((time.perf_counter() - t) * 1000)
    print(f"first answer, after the background warm-up: {statistics.median(warmed):6.1f} ms")
    print(f"first answer, no warm-up (cold analyzer):   {statistics.median(cold):6.1f} ms")
    print(
        f"later answers ({len(times)}): median {statistics.median(times):6.1f} ms, "
        f"95th percentile {sorted(times)[int(len(times) * 0.95)]:6.1f} ms  (goal: within 150 ms)"
    )


if __name__ == "__main__":
    main()
