"""`coach check`: read answers from a file, standard input or JSON Lines, and analyse them.

Input problems become one-line :class:`CoachError` messages naming the file and line.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from coach.analysis import Analysis, analyze
from coach.analysis.context import Context
from coach.banks import Catalog, Question
from coach.domain import GENERAL_CATEGORY
from coach.errors import CoachError, parser_message
from coach.files import MAX_BATCH_BYTES, decode, read_stream, read_text
from coach.sanitize import clean

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class BatchItem:
    line: int
    id: str
    category: str
    structure: str
    question: str | None
    answer: str
    raw_id: str | int = ""  # the id as given (a number stays a number in the JSON output)
    asks: tuple[str, ...] | None = None  # a bank question's declared asks (None: read the text)
    expects: tuple[str, ...] | None = None  # a bank question's expects, as a practice has them


def read_answer(file: str | None) -> tuple[str, str]:
    """The answer text and a name for where it came from."""
    if file is None or file == "-":
        if file is None and sys.stdin.isatty():
            raise CoachError(
                "回答がありません。ファイルを指定するか、標準入力から渡してください"
                "（例: coach check answer.txt / pbpaste | coach check -）"
            )
        return decode(read_stream(sys.stdin.buffer, "標準入力"), "標準入力"), "標準入力"
    return read_text(Path(file), file), file


def resolve_category(catalog: Catalog, category: str | None) -> tuple[str, str]:
    """(category id, structure). None or 'general' → the general category."""
    if category is None or category.strip().casefold() in (GENERAL_CATEGORY, "一般"):
        return GENERAL_CATEGORY, "both"
    cat = catalog.category(category)
    return cat.id, cat.structure


def quoted_question(catalog: Catalog, text: str | None) -> Question | None:
    """The bank question a batch line or `--question` quotes (the same text, up to NFKC, case
    and surrounding space), or None."""
    if not text:
        return None
    wanted = _fold(text)
    return next((q for q in catalog.all_questions() if _fold(q.text) == wanted), None)


def declared(
    catalog: Catalog, text: str | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The declared asks and expects of the quoted bank question, each None where it declares
    none: the analyzer then reads the asks from the text and fits the category's elements to
    them, as the practice does (so `coach check` scores the answer as the practice does)."""
    return _declared_by(catalog, quoted_question(catalog, text))


def _declared_by(
    catalog: Catalog, q: Question | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    if q is None:
        return None, None
    return (
        tuple(q.asks) if q.asks else None,
        tuple(catalog.expects(q)) if q.expects else None,
    )


def _declared_lookup(
    catalog: Catalog,
) -> Callable[[str | None], tuple[tuple[str, ...] | None, tuple[str, ...] | None]]:
    """:func:`declared` for many lines of one batch: the bank questions folded once (the
    first of equal folds wins, as in quoted_question), each question text looked up once."""
    by_fold: dict[str, Question] = {}
    for q in catalog.all_questions():
        by_fold.setdefault(_fold(q.text), q)
    memo: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {}

    def lookup(text: str | None) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        if not text:
            return None, None
        found = memo.get(text)
        if found is None:
            found = memo[text] = _declared_by(catalog, by_fold.get(_fold(text)))
        return found

    return lookup


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def check_one(
    text: str,
    catalog: Catalog,
    category: str | None,
    question: str | None,
    context: Context | None = None,
) -> Analysis:
    text = clean(text)
    if not text.strip():
        raise CoachError("回答が空です。何か書いてから確認してください")
    cat_id, structure = resolve_category(catalog, category)
    asks, expects = declared(catalog, question)
    return analyze(
        text,
        category=cat_id,
        structure=structure,
        question=question,
        asks=asks,
        expects=expects,
        context=context,
    )


def read_batch(path: Path, catalog: Catalog) -> list[BatchItem]:
    """Parse and validate every line first, so bad input never leaves half an output.

    Strings are repaired with :func:`clean` (a ``"\\ud800"`` escape becomes U+FFFD, escape
    sequences go), so every line that passes here can be analysed and written out."""
    where = clean(str(path))
    text = read_text(path, where, limit=MAX_BATCH_BYTES)
    items: list[BatchItem] = []
    seen: dict[str, int] = {}
    declared_of = _declared_lookup(catalog)
    # Only \n, \r\n or \r end a JSON line: str.splitlines also splits at U+2028 and U+0085,
    # which JSON allows unescaped inside a string.
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CoachError(
                f"{at}: JSON として読めません（{parser_message(exc.msg)}、{exc.colno}文字目）"
            ) from None
        if not isinstance(obj, dict):
            raise CoachError(f"{at}: 1行に1つの JSON オブジェクト（{{...}}）が必要です")
        answer = obj.get("answer")
        if answer is None:
            raise CoachError(f"{at}: answer（回答の文字列）がありません")
        if not isinstance(answer, str):
            raise CoachError(f'{at}: answer は文字列にしてください（"…" で囲む）')
        answer = clean(answer)
        if not answer.strip():
            raise CoachError(f"{at}: answer が空です")
        # the id is what ties a result line to its answer: never guessed
        raw_id = obj.get("id")
        if raw_id is None:
            raise CoachError(f"{at}: id（結果と回答を対応させる文字列か数値）がありません")
        if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
            raise CoachError(f"{at}: id は文字列か数値にしてください")
        if isinstance(raw_id, str):
            raw_id = clean(raw_id)  # it is written back out
            if not raw_id.strip():
                raise CoachError(f"{at}: id が空です")
        item_id = str(raw_id)
        if item_id in seen:
            raise CoachError(
                f"{at}: id '{item_id}' が重複しています（{seen[item_id]}行目にもあります）"
            )
        seen[item_id] = number
        category = obj.get("category")
        if category is not None and not isinstance(category, str):
            raise CoachError(f"{at}: category は文字列にしてください")
        if category is not None:
            category = clean(category)  # it may be quoted in an error line
        try:
            cat_id, structure = resolve_category(catalog, category)
        except CoachError as exc:
            raise CoachError(f"{at}: {exc}") from None
        question = obj.get("question")
        if question is not None and not isinstance(question, str):
            raise CoachError(f"{at}: question は文字列にしてください")
        if question is not None:
            question = clean(question)
        items.append(
            BatchItem(
                number,
                item_id,
                cat_id,
                structure,
                question,
                answer,
                raw_id,
                *declared_of(question),
            )
        )
    if not items:
        raise CoachError(f"{where}: 回答が1件もありません（1行に1つ、id と answer を持つ JSON）")
    return items


def analyse_batch(items: Iterable[BatchItem], catalog: Catalog) -> list[tuple[str, Analysis]]:
    return [
        (
            item.id,
            analyze(
                item.answer,
                category=item.category,
                structure=item.structure,
                question=item.question,
                asks=item.asks,
                expects=item.expects,
            ),
        )
        for item in items
    ]


def _result_line(item: BatchItem, bank: Question | None = None) -> str:
    analysis = analyze(
        item.answer,
        category=item.category,
        structure=item.structure,
        question=item.question,
        asks=item.asks,
        expects=item.expects,
    )
    out = with_follow_up(analysis.to_json(id=item.raw_id), analysis, bank or item.question)
    return json.dumps(out, ensure_ascii=False)


def _analyse_chunk(items: list[tuple[BatchItem, Question | None]]) -> list[str]:
    return [_result_line(item, bank) for item, bank in items]


def bank_question(catalog: Catalog, text: str | None) -> Question | None:
    """The bank question whose text is exactly ``text`` (its probes and expects shape the
    follow-up, as in a practice), or None."""
    if not text:
        return None
    return next((q for q in catalog.all_questions() if q.text == text), None)


def with_follow_up(
    result: dict[str, Any], analysis: Analysis, question: Question | str | None
) -> dict[str, Any]:
    """A JSON result with its `follow_up` (the spec's object, or null): the question a practice
    asks first about the same answer to the same question."""
    from coach.followup import plan_follow_up

    fu = plan_follow_up(analysis, question, asks=getattr(question, "asks", None))
    result["follow_up"] = fu.to_json() if fu else None
    detail = analysis.extras.get("score")
    if detail is not None:
        # an added key (the contract allows it): elements the score counted half, unsure
        result["uncertain"] = detail.uncertain
    return result


PARALLEL_FROM = 200  # answers; below this, starting workers costs more than it saves
CHUNK = 10  # answers per task: small enough that no worker idles long at the end of a batch

# The batch the forked workers read: set before the pool starts, so each worker has it from the
# fork and a task is only its bounds (no answer or bank question is pickled to a worker).
_BATCH: list[tuple[BatchItem, Question | None]] = []


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _analyse_range(bounds: tuple[int, int]) -> list[str]:
    start, stop = bounds
    return [_result_line(item, bank) for item, bank in _BATCH[start:stop]]


def pattern_file() -> Path:
    """Where a batch keeps the engine code of the cue patterns it compiled
    (coach.analysis.pattern_store): with the parsed banks, in the cache folder."""
    from coach import paths

    return paths.cache_dir() / "patterns" / "cues.msgpack"


def write_batch_json(
    items: list[BatchItem], catalog: Catalog, out: IO[str], jobs: int | None = None
) -> None:
    """One JSON line per answer, in input order. Large batches are analysed by worker
    processes (forked after the analyzer is warm, so they share its loaded dictionary). The
    cue patterns start from the code an earlier batch kept, and what this one compiled is kept
    for the next (the patterns a first answer needs are compiled before the fork)."""
    from coach.analysis.pattern_store import STORE

    store = pattern_file()
    STORE.load(store)
    _write_batch_json(items, catalog, out, jobs)
    STORE.save(store)


def _write_batch_json(
    items: list[BatchItem], catalog: Catalog, out: IO[str], jobs: int | None
) -> None:
    jobs = default_jobs() if jobs is None else max(1, jobs)
    # each answer's bank question (bank_question: the first of that exact text), looked up
    banks: dict[str, Question] = {}  # in one dict instead of a scan of the catalog per line
    for q in catalog.all_questions():
        banks.setdefault(q.text, q)

    def bank(text: str | None) -> Question | None:
        return banks.get(text) if text else None

    if jobs == 1 or len(items) < PARALLEL_FROM or not hasattr(os, "fork"):
        # one line written as each answer is analysed: memory stays flat however long the batch
        for item in items:
            out.write(_result_line(item, bank(item.question)) + "\n")
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _BATCH
    # each answer's bank question is looked up here, once: the workers get no catalog
    _BATCH = [(item, bank(item.question)) for item in items]
    _analyse_chunk(_BATCH[:1])  # load SudachiPy, the lexicon and the label model once, here
    if any(item.question for item in items):
        from coach.analysis import warm_relevance

        warm_relevance()  # and the topic model, before the fork, not once per worker
    bounds = [(i, min(i + CHUNK, len(items))) for i in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("fork")
    # What is loaded now lives as long as the workers: frozen, the workers' collector never
    # walks it, so the pages they share with this process stay shared instead of being copied.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for lines in pool.map(_analyse_range, bounds):
                for line in lines:
                    out.write(line + "\n")
    finally:
        gc.unfreeze()
        _BATCH = []
