"""Start-up cost of `coach --help` against a bare two-command Typer app, in the same run.

    python benchmarks/startup.py [--runs N]

Prints the median wall time of each and their ratio (goal: coach ≤ 1.15× the bare app).
Both run with the same interpreter, as separate processes, alternating so that machine load
affects them alike.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import coach_command

BARE_APP = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye(name: str) -> None:
    """Say goodbye."""
    print(f"bye {name}")


app()
'''


def wall_time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    coach_cmd = [coach_command()]
    # An installed package has its bytecode compiled by pip; an editable install under
    # PYTHONDONTWRITEBYTECODE never gets it and would pay for compiling coach/cli.py on every
    # run. Compile it once, as an installation would (typer and rich already have theirs).
    import compileall

    import coach

    compileall.compile_dir(Path(coach.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        bare_cmd = [sys.executable, str(bare)]
        # warm the file cache, then alternate
        for cmd in (bare_cmd, coach_cmd):
            subprocess.run([*cmd, "--help"], check=True, stdout=subprocess.DEVNULL)
        bare_times, coach_times = [], []
        for _ in range(args.runs):
            bare_times.append(wall_time([*bare_cmd, "--help"]))
            coach_times.append(wall_time([*coach_cmd, "--help"]))

    bare_ms = statistics.median(bare_times) * 1000
    coach_ms = statistics.median(coach_times) * 1000
    version_ms = (
        statistics.median(wall_time([*coach_cmd, "--version"]) for _ in range(args.runs)) * 1000
    )
    print(f"runs per command:          {args.runs}")
    print(f"bare Typer app --help:     {bare_ms:7.1f} ms (median)")
    print(f"coach --help:              {coach_ms:7.1f} ms (median)")
    print(f"coach --version:           {version_ms:7.1f} ms (median)")
    print(f"ratio coach / bare:        {coach_ms / bare_ms:7.2f}x  (goal <= 1.15x)")


if __name__ == "__main__":
    main()
