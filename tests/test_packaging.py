"""The wheel carries the question banks: an installed coach finds them from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import ROOT, subprocess_env


@pytest.mark.slow
def test_wheel_ships_the_banks_and_finds_them_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("coach-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "coach/question_banks/ja/reproducibility.yaml" in names
    assert "coach/question_banks/schema.json" in names
    assert "coach/analysis/topic_model.json" in names

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # PYTHONPATH puts the installed copy ahead of any editable install of the checkout.
    env = subprocess_env(tmp_path / "home", PYTHONPATH=str(target))
    where = subprocess.run(
        [sys.executable, "-c", "import coach.paths as p; print(p.builtin_banks_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)
    out = subprocess.run(
        [sys.executable, "-m", "coach", "banks"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
    )
    assert out.returncode == 0, out.stderr
    assert "13カテゴリ" in out.stdout and "10職種" in out.stdout  # roles/ is shipped too
