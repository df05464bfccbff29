"""Progress from the notebook: per category, per element, per week, red flags, what next.

Pure computation over the notebook's scored attempts, grouped in SQL (a few thousand groups at
any number of answers); the CLI renders the result.

What counts: scored answers. A practice answer of one line with nothing but its first sentence
and no red flag (a test run, a slip; :func:`coach.notebook.progress.partial`), a half-typed
answer saved at a stop and an answer never analysed are counted apart and never pull an
average down.

The change (変化) of a category compares a question with itself: for each question answered
(and counted) at least twice, its latest score minus its first, averaged over those questions.
Comparing the later answers of a category with its earlier ones would compare different
questions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from coach.domain import ELEMENTS, STRUCTURE_ELEMENTS, label_for

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Notebook, ScoreGroup
    from coach.notebook.progress import QuestionSpan, WeekGroup

TREND_POINTS = 12
WEEKS_SHOWN = 8
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class CategoryStats:
    id: str
    attempts: int
    average: float
    best: int
    trend: tuple[int, ...]  # the last counted scores, oldest first
    change: float | None = None  # latest minus first of the same question, averaged
    compared: int = 0  # the questions answered at least twice that the change averages


@dataclass(frozen=True)
class WeekStats:
    start: date  # the Monday
    attempts: int
    average: float
    elements: dict[str, tuple[int, int]]  # present, expected

    def rate(self, element: str) -> float | None:
        present, expected = self.elements.get(element, (0, 0))
        return present / expected if expected else None


@dataclass
class Stats:
    total: int = 0  # counted answers
    real: int = 0
    partial: int = 0  # scored, but one line with no element: apart
    partial_average: float | None = None
    interrupted: int = 0  # half-typed, saved at a stop
    pending: int = 0  # stored, never analysed
    categories: list[CategoryStats] = field(default_factory=list)
    elements: dict[str, tuple[int, int]] = field(default_factory=dict)  # present, expected
    weeks: list[WeekStats] = field(default_factory=list)
    red_flags: list[tuple[str, int]] = field(default_factory=list)
    weakest_category: str | None = None
    weakest_element: str | None = None

    def rate(self, element: str) -> float | None:
        present, expected = self.elements.get(element, (0, 0))
        return present / expected if expected else None

    @property
    def apart(self) -> int:
        return self.partial + self.interrupted + self.pending

    @property
    def next_command(self) -> str:
        if self.weakest_category is None:
            return "coach practice"
        return f"coach practice -c {self.weakest_category} --hints"


def sparkline(scores: Sequence[int]) -> str:
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, s) * len(SPARKS) // 101)] for s in scores)


def changes(spans: Iterable[QuestionSpan]) -> dict[str, tuple[float, int]]:
    """Per category: the latest-minus-first score of each question answered at least twice,
    averaged, and how many questions that is."""
    deltas: dict[str, list[int]] = {}
    for s in spans:
        if s.count >= 2:
            deltas.setdefault(s.category, []).append(s.latest - s.first)
    return {c: (sum(d) / len(d), len(d)) for c, d in deltas.items()}


def compute(
    groups: Iterable[ScoreGroup],
    trends: Mapping[str, Sequence[int]],
    structures: Mapping[str, str],
    spans: Iterable[QuestionSpan] = (),
    weeks: Iterable[WeekGroup] = (),
) -> Stats:
    """groups: the scored attempts grouped, earliest first; trends: each category's last
    counted scores, oldest first; spans: each question's first and latest counted score;
    weeks: the counted attempts per week and category."""
    from coach.notebook.progress import partial

    attempts: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    best: dict[str, int] = {}
    present: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    partial_total = 0
    stats = Stats()
    for g in groups:
        if partial(g.labels, g.finding_codes, g.real):
            stats.partial += g.count
            partial_total += g.total
            continue
        attempts[g.category] += g.count
        totals[g.category] += g.total
        best[g.category] = max(best.get(g.category, g.best), g.best)
        stats.total += g.count
        stats.real += g.count if g.real else 0
        for element in _expected(structures, g.category):
            expected[element] += g.count
            if g.labels.get(label_for(element)):
                present[element] += g.count
        for code in g.finding_codes:
            if code.startswith(("R", "Q501")):
                flags[code] += g.count
    if stats.partial:
        stats.partial_average = partial_total / stats.partial
    change = changes(spans)
    for category, count in attempts.items():
        moved, compared = change.get(category, (None, 0))
        stats.categories.append(
            CategoryStats(
                id=category,
                attempts=count,
                average=totals[category] / count,
                best=best[category],
                trend=tuple(trends.get(category, ())),
                change=moved,
                compared=compared,
            )
        )
    stats.categories.sort(key=lambda c: c.average)
    stats.elements = {e: (present[e], expected[e]) for e in ELEMENTS if expected[e]}
    stats.weeks = _weeks(weeks, structures)
    stats.red_flags = flags.most_common()
    rated = [c for c in stats.categories if c.id in structures]
    stats.weakest_category = rated[0].id if rated else None
    if stats.elements:
        weakest = min(stats.elements, key=lambda e: present[e] / expected[e])
        if present[weakest] < expected[weakest]:  # nothing is "weakest" when all are present
            stats.weakest_element = weakest
    return stats


def _expected(structures: Mapping[str, str], category: str) -> tuple[str, ...]:
    return STRUCTURE_ELEMENTS.get(structures.get(category, "both"), ELEMENTS)


def _weeks(rows: Iterable[WeekGroup], structures: Mapping[str, str]) -> list[WeekStats]:
    by_week: dict[str, list[Counter[str]]] = {}  # count/total, present, expected
    for r in rows:
        week = by_week.setdefault(r.week, [Counter(), Counter(), Counter()])
        week[0]["count"] += r.count
        week[0]["total"] += r.total
        for element in _expected(structures, r.category):
            week[2][element] += r.count
            week[1][element] += r.present.get(label_for(element), 0)
    return [
        WeekStats(
            date.fromisoformat(start),
            w[0]["count"],
            w[0]["total"] / w[0]["count"],
            {e: (w[1][e], w[2][e]) for e in ELEMENTS if w[2][e]},
        )
        for start, w in sorted(by_week.items())
    ]


def collect(notebook: Notebook, catalog: Catalog, since: str | None = None) -> Stats:
    from coach.notebook import progress

    structures = {c.id: c.structure for c in catalog.categories.values()}
    groups = notebook.score_groups(since)
    counted = {
        g.category for g in groups if not progress.partial(g.labels, g.finding_codes, g.real)
    }
    trends = {
        category: progress.recent_counted(notebook, category, TREND_POINTS, since)
        for category in counted
    }
    stats = compute(
        groups,
        trends,
        structures,
        progress.question_spans(notebook, since),
        progress.week_groups(notebook, WEEKS_SHOWN, since),
    )
    stats.interrupted, stats.pending = progress.unscored_counts(notebook, since)
    return stats


def weakest_category(notebook: Notebook) -> str | None:
    """The category with the lowest average score (for the practice menu)."""
    return notebook.weakest_category()
