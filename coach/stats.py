"""Progress from the notebook: per category, per element, red flags, and what to practise next.

Pure computation over rows; the CLI renders the result.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.domain import ELEMENTS, STRUCTURE_ELEMENTS

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Notebook, ScoredRow

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
    rows: Iterable[ScoredRow],
    structures: Mapping[str, str],
) -> Stats:
    """rows: the scored attempts, oldest first."""
    by_category: dict[str, list[int]] = defaultdict(list)
    present: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    stats = Stats()
    for row in rows:
        by_category[row.category].append(row.score)
        stats.total += 1
        stats.real += row.real
        labels = row.labels
        for element in STRUCTURE_ELEMENTS.get(structures.get(row.category, "both"), ELEMENTS):
            expected[element] += 1
            key = "conclusion_first" if element == "conclusion" else element
            if labels.get(key):
                present[element] += 1
        for code in row.finding_codes:
            if code.startswith(("R", "Q501")):
                flags[code] += 1
    for category, scores in by_category.items():
        stats.categories.append(
            CategoryStats(
                id=category,
                attempts=len(scores),
                average=sum(scores) / len(scores),
                best=max(scores),
                trend=tuple(scores[-TREND_POINTS:]),
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
    return compute(notebook.iter_scored(since), structures)


def weakest_category(notebook: Notebook) -> str | None:
    """The category with the lowest average score (for the practice menu)."""
    return notebook.weakest_category()
