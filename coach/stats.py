"""Progress from the notebook: per category, per element, red flags, and what to practise next.

Pure computation over the notebook's scored attempts, grouped in SQL (a few hundred groups at any
number of answers); the CLI renders the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.domain import ELEMENTS, STRUCTURE_ELEMENTS

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Notebook, ScoreGroup

TREND_POINTS = 12
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class CategoryStats:
    id: str
    attempts: int
    average: float
    best: int
    trend: tuple[int, ...]  # the last scores, oldest first

    @property
    def change(self) -> float:
        """Average of the later half of the trend minus the earlier half."""
        t = self.trend
        if len(t) < 2:
            return 0.0
        half = len(t) // 2
        return sum(t[half:]) / len(t[half:]) - sum(t[:half]) / half


@dataclass
class Stats:
    total: int = 0
    real: int = 0
    categories: list[CategoryStats] = field(default_factory=list)
    elements: dict[str, tuple[int, int]] = field(default_factory=dict)  # present, expected
    red_flags: list[tuple[str, int]] = field(default_factory=list)
    weakest_category: str | None = None
    weakest_element: str | None = None

    def rate(self, element: str) -> float | None:
        present, expected = self.elements.get(element, (0, 0))
        return present / expected if expected else None

    @property
    def next_command(self) -> str:
        if self.weakest_category is None:
            return "coach practice"
        return f"coach practice -c {self.weakest_category} --hints"


def sparkline(scores: Sequence[int]) -> str:
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, s) * len(SPARKS) // 101)] for s in scores)


def compute(
    groups: Iterable[ScoreGroup],
    trends: Mapping[str, Sequence[int]],
    structures: Mapping[str, str],
) -> Stats:
    """groups: the scored attempts grouped, earliest first; trends: each category's last
    scores, oldest first."""
    attempts: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    best: dict[str, int] = {}
    present: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    stats = Stats()
    for g in groups:
        attempts[g.category] += g.count
        totals[g.category] += g.total
        best[g.category] = max(best.get(g.category, g.best), g.best)
        stats.total += g.count
        stats.real += g.count if g.real else 0
        for element in STRUCTURE_ELEMENTS.get(structures.get(g.category, "both"), ELEMENTS):
            expected[element] += g.count
            key = "conclusion_first" if element == "conclusion" else element
            if g.labels.get(key):
                present[element] += g.count
        for code in g.finding_codes:
            if code.startswith(("R", "Q501")):
                flags[code] += g.count
    for category, count in attempts.items():
        stats.categories.append(
            CategoryStats(
                id=category,
                attempts=count,
                average=totals[category] / count,
                best=best[category],
                trend=tuple(trends.get(category, ())),
            )
        )
    stats.categories.sort(key=lambda c: c.average)
    stats.elements = {e: (present[e], expected[e]) for e in ELEMENTS if expected[e]}
    stats.red_flags = flags.most_common()
    rated = [c for c in stats.categories if c.id in structures]
    stats.weakest_category = rated[0].id if rated else None
    if stats.elements:
        weakest = min(stats.elements, key=lambda e: present[e] / expected[e])
        if present[weakest] < expected[weakest]:  # nothing is "weakest" when all are present
            stats.weakest_element = weakest
    return stats


def collect(notebook: Notebook, catalog: Catalog, since: str | None = None) -> Stats:
    structures = {c.id: c.structure for c in catalog.categories.values()}
    groups = notebook.score_groups(since)
    trends = {
        category: notebook.recent_scores(category, TREND_POINTS, since)
        for category in {g.category for g in groups}
    }
    return compute(groups, trends, structures)


def weakest_category(notebook: Notebook) -> str | None:
    """The category with the lowest average score (for the practice menu)."""
    return notebook.weakest_category()
