"""Real interviews recorded the same day (`coach log`): parse, ask, analyse and store.

The article's last lever is reflection: write down the questions and your answers on the day,
and they become part of the notebook next to the practice answers (marked as real).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.analysis import Analysis, analyze
from coach.domain import GENERAL_CATEGORY
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Notebook

# What the interactive prompt learnt, so the CLI can label the session.
LAST_COMPANY: dict[str, str] = {}


@dataclass(frozen=True)
class LoggedAnswer:
    question: str
    answer: str
    category: str = GENERAL_CATEGORY
    structure: str = "both"


_FIELD = re.compile(r"^(Q|A|C|質問|回答|カテゴリ)\s*[:：]\s?(.*)$")


_ASKS_FOR_QUESTIONS = re.compile(
    r"(?:質問|聞きたいこと|聞いておきたいこと|確認したいこと)(?:は|など|が)?(?:何か)?"
    r"(?:あり|ござい)ますか[。？?]?$|逆質問"
)


def guess_category(question: str, catalog: Catalog) -> tuple[str, str]:
    """(category, structure) for a logged question given no category: 「最後に何か質問は
    ありますか」 is the reverse question; anything else is read as a general answer."""
    cat = catalog.categories.get("reverse-questions")
    if cat is not None and _ASKS_FOR_QUESTIONS.search(question):
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


def ask_log(catalog: Catalog, company: str | None, round_: str | None) -> list[LoggedAnswer]:
    """Interactive entry: company, round, then question / answer / category until done."""
    import questionary

    from coach.session import Ask, Interrupted
    from coach.terminal import TerminalAsker

    try:
        if company is None:
            company = questionary.text("会社名:").unsafe_ask() or "（会社名なし）"
        if round_ is None:
            round_ = questionary.select(
                "面接の段階:",
                choices=["一次", "二次", "最終", "その他"],
                default="二次",
                instruction="（↑↓で選んで Enter）",
            ).unsafe_ask()
    except KeyboardInterrupt:
        raise CoachError("記録を中止しました（まだ何も保存していません）") from None
    LAST_COMPANY.update(company=company or "", round=round_ or "")
    asker = TerminalAsker(
        help_line="空行（Enter を2回）か Ctrl-D で確定 ・ Ctrl-C で記録を終える（入力中の内容も保存）"
    )
    choices = [("general", "分からない・一般")] + [(c.id, c.name) for c in catalog.ordered()]
    entries: list[LoggedAnswer] = []
    while True:
        question = answer = ""
        try:
            question = questionary.text("聞かれた質問（空で終了）:").unsafe_ask()
            if not question:
                break
            print("答えた内容を入力してください（空行か Ctrl-D で確定）")
            answer = asker.answer(Ask("answer", question)) or ""
            if not answer.strip():
                continue
            category = asker.menu("この質問のカテゴリ:", choices)
        except (Interrupted, KeyboardInterrupt) as stop:
            # Ctrl-C keeps what was typed: the answer (or the half of it) is recorded too
            typed = answer or (stop.partial if isinstance(stop, Interrupted) else "")
            if question and typed.strip():
                entries.append(LoggedAnswer(question, typed, *guess_category(question, catalog)))
            break
        cat = catalog.categories.get(category or "")
        guessed = (cat.id, cat.structure) if cat else guess_category(question, catalog)
        entries.append(LoggedAnswer(question, answer, *guessed))
    return entries


def record(
    notebook: Notebook,
    catalog: Catalog,
    entries: list[LoggedAnswer],
    company: str,
    round_: str,
) -> list[tuple[LoggedAnswer, Analysis]]:
    """Store every answer first, then its analysis; return them analysed."""
    session = notebook.start_session("real", company=company, round=round_)
    ids = [
        notebook.record_answer(
            session, category=e.category, question=e.question, answer=e.answer, real=True
        )
        for e in entries
    ]
    out = []
    for attempt_id, entry in zip(ids, entries, strict=True):
        analysis = analyze(
            entry.answer,
            category=entry.category,
            structure=entry.structure,
            question=entry.question,
        )
        notebook.save_analysis(attempt_id, analysis)
        out.append((entry, analysis))
    notebook.finish_session(session)
    return out
