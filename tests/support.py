"""Helpers shared by the tests (pytest puts this folder on sys.path)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from coach import paths

if TYPE_CHECKING:
    from coach.analysis.context import Context

ROOT = Path(__file__).resolve().parents[1]

# The ten categories ../shared/spec/domain.md names (the banks may have more)
SPEC_CATEGORIES = frozenset(
    {
        "reproducibility",
        "thinking",
        "collaboration",
        "problem-solving",
        "growth",
        "motivation",
        "reverse-questions",
        "deep-dive",
        "failure",
        "career",
    }
)

GOOD_BANK = """\
category:
  id: my-sales
  name: 営業の深掘り
  description: 自分で足した営業職向けの質問です。
  structure: both
questions:
  - id: my-sales-01
    text: 直近の商談で一番手応えがあったものを教えてください。
    intent: 商談の進め方に再現性があるかを見ます。
    follow_ups:
      conclusion: [一言で言うと何が決め手でしたか。]
      reason: [なぜそう言えるのですか。]
      example: [どの顧客との商談ですか。]
      action: [あなたは具体的に何をしましたか。]
      result: [結果はどうなりましたか。]
      ingenuity: [あなたなりの工夫は何ですか。]
      quantified: [金額や件数で言うとどのくらいですか。]
      probes: [なぜその提案にしたのですか。, 失注していたら何を変えましたか。]
    tips: [結論から話しましょう。]
"""


def coach_executable() -> str:
    """The installed `coach` console script next to the running interpreter."""
    candidate = Path(sys.executable).parent / "coach"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("coach")
    if found is None:
        pytest.skip("the coach console script is not installed")
    return found


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env[paths.ENV_HOME] = str(home)
    env.update(extra)
    return env


def context_from_fixture(case: dict[str, Any]) -> Context:
    """The rule fixtures' context: a profile and a company as YAML data, earlier answers."""
    import msgspec

    from coach.analysis.context import Context
    from coach.profile import Company, Profile

    profile = msgspec.convert(case["profile"], Profile) if case.get("profile") else None
    company = msgspec.convert(case["company"], Company) if case.get("company") else None
    ctx = Context(profile=profile, company=company)
    for prev in case.get("previous", []):
        ctx.remember(prev.get("category", "motivation"), prev["answer"])
    return ctx
