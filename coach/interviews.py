"""Real interviews recorded the same day (`coach log`): parse, analyse and store.

The article's last lever is reflection: write down the questions and your answers on the day,
and they become part of the notebook next to the practice answers (marked as real). The
interactive prompts live in coach.terminal (:func:`coach.terminal.ask_log`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.analysis import Analysis, analyze
from coach.analysis.lexicon import lexicon
from coach.domain import GENERAL_CATEGORY
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.keeper import Kept
    from coach.notebook import Notebook


@dataclass(frozen=True)
class LoggedAnswer:
    question: str
    answer: str
    category: str = GENERAL_CATEGORY
    structure: str = "both"
    # typed only in part when the log was stopped (Ctrl-C): kept as 中断, never scored
    interrupted: bool = False


_FIELD = re.compile(r"^(Q|A|C|質問|回答|カテゴリ)\s*[:：]\s?(.*)$")


# A question whose main ask is one of these belongs to that category, whatever its words.
_CATEGORY_OF_ASK = {
    "failure_event": "failure",
    "future": "career",
    "self_assessment": "growth",
}
# How much of a logged question's character pairs a bank question must share for the logged
# one to be read as the same kind (「なぜ弊社なのですか」 and 「…なぜ当社を選んだのですか」).
_SIMILAR_ENOUGH = 0.5
_COMPANY = re.compile(r"弊社|御社|貴社|当社|うちの会社")


def _pairs(text: str) -> set[str]:
    import unicodedata

    folded = _COMPANY.sub("当社", unicodedata.normalize("NFKC", text))
    folded = re.sub(r"[^\w]", "", folded)
    return {folded[i : i + 2] for i in range(len(folded) - 1)}


def guess_category(question: str, catalog: Catalog) -> tuple[str, str]:
    """(category, structure) for a logged question given no category: 「最後に何か質問は
    ありますか」 is the reverse question; a failure, the future or a strength/weakness asked for
    names its category; otherwise the bank question most like it, when it is like enough;
    anything else is read as a general answer."""
    from coach.analysis.asks import infer_asks

    def found(cat_id: str) -> tuple[str, str] | None:
        cat = catalog.categories.get(cat_id)
        return (cat.id, cat.structure) if cat is not None else None

    if lexicon().asks_for_questions.search(question) and (hit := found("reverse-questions")):
        return hit
    for ask in infer_asks(question):
        if ask in _CATEGORY_OF_ASK and (hit := found(_CATEGORY_OF_ASK[ask])):
            return hit
    pairs = _pairs(question)
    if pairs:
        best, share = None, 0.0
        for q in catalog.all_questions():
            common = len(pairs & _pairs(q.text)) / len(pairs)
            if common > share:
                best, share = q, common
        if best is not None and share >= _SIMILAR_ENOUGH:
            cat = catalog.category_of(best)
            return cat.id, cat.structure
    return GENERAL_CATEGORY, "both"


def parse_log_text(text: str, where: str, catalog: Catalog) -> list[LoggedAnswer]:
    """Blocks separated by `---`; in each, `Q:` the question, `A:` the answer (may continue on
    the following lines), optional `C:` a category id or Japanese name."""
    entries: list[LoggedAnswer] = []
    block: dict[str, list[str]] = {}
    current: str | None = None
    start = 1

    def close(line_no: int) -> None:
        nonlocal block, current
        if not any(v for v in block.values()):
            block, current = {}, None
            return
        question = "\n".join(block.get("Q", [])).strip()
        answer = "\n".join(block.get("A", [])).strip()
        if not question:
            raise CoachError(f"{where}:{start}: 質問（Q:）がありません")
        if not answer:
            raise CoachError(f"{where}:{start}: 回答（A:）がありません")
        category, structure = guess_category(question, catalog)
        if block.get("C"):
            try:
                cat = catalog.category("".join(block["C"]).strip())
            except CoachError as exc:
                raise CoachError(f"{where}:{start}: {exc}") from None
            category, structure = cat.id, cat.structure
        entries.append(LoggedAnswer(question, answer, category, structure))
        block, current = {}, None

    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() == "---":
            close(number)
            start = number + 1
            continue
        m = _FIELD.match(line.strip())
        if m:
            key = {"質問": "Q", "回答": "A", "カテゴリ": "C"}.get(m.group(1), m.group(1))
            if not block:
                start = number
            current = key
            block.setdefault(key, []).append(m.group(2))
        elif current is not None:
            block[current].append(line)
        elif line.strip():
            raise CoachError(f"{where}:{number}: 「Q:」「A:」「C:」のどれかで始めてください")
    close(len(lines))
    return entries


def parse_log(path: Path, catalog: Catalog) -> list[LoggedAnswer]:
    from coach.files import read_text

    return parse_log_text(read_text(path), str(path), catalog)


class RealLog:
    """One real interview being logged: each answer is stored the moment it is confirmed (the
    session starts with the first one), and analysed when the log is finished. An answer the
    notebook cannot take goes to a recovery file (coach.session.Keeper); ``notices`` collects
    what the user must be told about that, for the terminal to print."""

    def __init__(
        self,
        notebook: Notebook,
        catalog: Catalog,
        company: str,
        round_: str,
        kept: Kept | None = None,
    ) -> None:
        from coach.keeper import Keeper, Kept

        self.notebook = notebook
        self.catalog = catalog
        self.company = company
        self.round = round_
        self.notices: list[str] = []
        self.keeper = Keeper(
            notebook,
            "real",
            kept if kept is not None else Kept(),
            self._notice,
            company=company,
            round=round_,
        )
        self.started = False
        self.results: list[tuple[LoggedAnswer, Analysis]] = []
        self.kept: list[tuple[int | None, LoggedAnswer]] = []

    def _notice(self, event: object) -> None:
        self.notices.append(str(getattr(event, "message", event)))

    def keep(self, entry: LoggedAnswer) -> str | None:
        """Store one entry; what to tell the user when it had to go elsewhere, else None."""
        if not self.started:
            self.started = True
            self.keeper.start()
        before = len(self.notices)
        attempt_id, _ = self.keeper.answer(
            category=entry.category,
            question=entry.question,
            answer=entry.answer,
            real=True,
            status="interrupted" if entry.interrupted else "answered",
        )
        self.kept.append((attempt_id, entry))
        return "\n".join(self.notices[before:]) or None

    @property
    def stored(self) -> int:
        """How many of the entries are in the notebook (the rest wait in recovery files)."""
        return sum(1 for attempt_id, _ in self.kept if attempt_id is not None)

    @property
    def cut(self) -> list[LoggedAnswer]:
        """The entries kept as typed when the log was stopped mid-answer (not analysed)."""
        return [entry for _, entry in self.kept if entry.interrupted]

    def finish(self) -> list[tuple[LoggedAnswer, Analysis]]:
        """Analyse every kept answer (not one cut off mid-typing: a fragment scored as an
        answer would pull the statistics down), store the analyses, close the session."""
        out = []
        for attempt_id, entry in self.kept:
            if entry.interrupted:
                continue
            analysis = analyze(
                entry.answer,
                category=entry.category,
                structure=entry.structure,
                question=entry.question,
            )
            self.keeper.analysis(attempt_id, analysis)
            out.append((entry, analysis))
        self.keeper.finish()
        return out


def record(
    notebook: Notebook,
    catalog: Catalog,
    entries: list[LoggedAnswer],
    company: str,
    round_: str,
    kept: Kept | None = None,
) -> RealLog:
    """Store every answer first, then its analysis; the log, analysed (``log.results``)."""
    log = RealLog(notebook, catalog, company, round_, kept)
    for entry in entries:
        log.keep(entry)
    log.results = log.finish()
    return log
