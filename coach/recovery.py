"""Answers the notebook could not take, kept as files until it can.

When ``history.db`` cannot be written (locked past the busy timeout, disk full, read-only), the
typed answer must not exist only in memory. :func:`save` writes it as one JSON file in the data
folder's ``recovery/`` folder (a temporary file, fsync, then ``os.replace``, so a file there is
always whole); when even that fails it returns None and the caller prints the answer in full
(:func:`as_text`). :func:`import_pending` moves the files into the notebook later (``coach
notebook recover`` or the next start): each file in its own transaction, removed only after
that transaction has committed, and an answer the notebook already holds is not added twice.

:func:`reanalyse_pending` analyses answers that were stored but never analysed (the process
stopped between storing and analysing, or a recovered file was just imported).

Core module: returns values, raises :class:`~coach.errors.CoachError`, never prints.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import paths
from coach.errors import CoachError
from coach.notebook import now
from coach.sanitize import clean

if TYPE_CHECKING:
    from coach.analysis import Analysis
    from coach.banks import Catalog, Question
    from coach.notebook import Notebook

FOLDER = "recovery"
VERSION = 1


@dataclass(frozen=True)
class PendingAnswer:
    """One answer (with the follow-up replies given so far) waiting to enter the notebook.

    ``attempt_id`` is set when the answer itself is already in the notebook and only follow-up
    replies could not be added to it.
    """

    question: str
    category: str
    answer: str
    question_id: str | None = None
    follow_ups: tuple[tuple[str, str, str | None], ...] = ()  # question, reply, element
    created_at: str = field(default_factory=now)
    kind: str = "practice"  # the session it belongs to: practice | mock | real
    status: str = "answered"  # answered | interrupted (half-typed when stopped)
    duration_s: float | None = None
    real: bool = False
    company: str | None = None
    round: str | None = None
    attempt_id: int | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {"version": VERSION, **asdict(self)}
        data["follow_ups"] = [list(f) for f in self.follow_ups]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str) -> PendingAnswer:
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("version", None) != VERSION:
                raise ValueError("version")
            data["follow_ups"] = tuple(
                (str(q), str(a), None if e is None else str(e)) for q, a, e in data["follow_ups"]
            )
            pending = cls(**data)
            if not all(isinstance(v, str) for v in (pending.question, pending.category)):
                raise ValueError("question")
            if not isinstance(pending.answer, str):
                raise ValueError("answer")
        except (ValueError, TypeError, KeyError):
            raise CoachError(f"{where}: 回復用ファイルの形式が正しくありません") from None
        return pending


def folder(home: Path | None = None) -> Path:
    return (home or paths.data_dir()) / FOLDER


def save(pending: PendingAnswer, home: Path | None = None) -> Path | None:
    """Write the answer to a new file in the recovery folder; its path, or None if that failed
    too (the caller then prints the answer in full)."""
    pending = _cleaned(pending)
    target_dir = folder(home)
    stamp = pending.created_at[:19].replace("-", "").replace(":", "").replace("T", "-")
    name = f"{stamp}-{os.urandom(4).hex()}.json"
    tmp = target_dir / f".{name}.tmp"
    try:
        target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            data = pending.to_json().encode("utf-8")
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target_dir / name)
        _sync_dir(target_dir)
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        return None
    return target_dir / name


def as_text(pending: PendingAnswer) -> str:
    """The answer in full, for the screen when no file could be written."""
    lines = [f"質問: {clean(pending.question)}", "回答:", clean(pending.answer)]
    for question, reply, _element in pending.follow_ups:
        lines += [f"追加質問: {clean(question)}", "回答:", clean(reply)]
    return "\n".join(lines)


def pending_files(home: Path | None = None) -> list[Path]:
    """The recovery files waiting to be imported, oldest first."""
    try:
        return sorted(folder(home).glob("[0-9]*.json"))
    except OSError:
        return []


def load(path: Path) -> PendingAnswer:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CoachError(f"{path}: 回復用ファイルを読めません（{exc}）") from None
    return PendingAnswer.from_json(text, str(path))


@dataclass
class ImportResult:
    imported: list[int] = field(default_factory=list)  # attempt ids added or completed
    already: int = 0  # files whose answer the notebook already held
    failed: list[tuple[Path, str]] = field(default_factory=list)  # file, why it stays


def import_pending(notebook: Notebook, home: Path | None = None) -> ImportResult:
    """Move every recovery file into the notebook.

    A file is removed only after its answer's transaction has committed; a file that cannot be
    read stays where it is and is reported. When the notebook cannot be written, its
    :class:`~coach.notebook.NotebookUnwritable` propagates and every file stays.
    """
    result = ImportResult()
    for path in pending_files(home):
        try:
            pending = load(path)
        except CoachError as exc:
            if not path.exists():
                continue  # another coach starting at the same time imported it
            result.failed.append((path, exc.message))
            continue
        attempt_id = notebook.restore(
            kind=pending.kind,
            created_at=pending.created_at,
            category=pending.category,
            question=pending.question,
            answer=pending.answer,
            question_id=pending.question_id,
            follow_ups=pending.follow_ups,
            duration_s=pending.duration_s,
            status=pending.status,
            real=pending.real,
            company=pending.company,
            round=pending.round,
            attempt_id=pending.attempt_id,
        )
        if attempt_id is None:
            result.already += 1
        else:
            result.imported.append(attempt_id)
        try:
            path.unlink(missing_ok=True)  # gone already: another coach imported it too
        except OSError as exc:
            # committed: importing it again finds the answer and adds nothing
            result.failed.append((path, f"取り込み済みですが削除できません（{exc.strerror}）"))
    return result


def reanalyse_pending(
    notebook: Notebook,
    catalog: Catalog,
    on_scored: Callable[[Question, Analysis], None] | None = None,
    before: str | None = None,
    include: Collection[int] = (),
) -> list[int]:
    """Analyse every answer stored but never analysed (未分析); return their attempt ids.

    The text analysed is the answer with its follow-up replies, joined as the practice joins
    them (a reply to the conclusion follow-up first). ``on_scored`` (the schedule's reviewer)
    is called for practice answers to questions in the catalog. With ``before`` (a time as
    :func:`coach.notebook.now` writes it), only answers stored earlier: a session running in
    another process analyses its own newest answers; attempts in ``include`` regardless.
    """
    from coach.analysis import analyze

    waiting = list(notebook.iter_attempts(status="answered", analysed=False, newest_first=False))
    done = []
    for attempt in waiting:
        if before is not None and attempt.created_at >= before and attempt.id not in include:
            continue
        question = _question(catalog, attempt.question_id)
        category = catalog.categories.get(attempt.category)
        texts = [attempt.answer]
        for _q, reply, element in attempt.follow_ups:
            if element == "conclusion":
                texts.insert(0, reply)
            else:
                texts.append(reply)
        text = "\n".join(texts)
        if not text.strip():
            continue
        analysis = analyze(
            text,
            category=attempt.category,
            structure=category.structure if category else "both",
            question=attempt.question or None,
            expects=catalog.expects(question) if question else None,
            target_seconds=question.seconds if question else None,
        )
        notebook.save_analysis(attempt.id, analysis)
        done.append(attempt.id)
        if on_scored is not None and question is not None and not attempt.real:
            on_scored(question, analysis)
    return done


@dataclass
class Recovered:
    imported: ImportResult
    analysed: list[int]  # attempt ids analysed now (imported ones and earlier 未分析 ones)


def recover(
    notebook: Notebook,
    catalog: Catalog,
    home: Path | None = None,
    on_scored: Callable[[Question, Analysis], None] | None = None,
    before: str | None = None,
) -> Recovered:
    """Everything ``coach notebook recover`` (or the next start) does: import the recovery
    files, then analyse every answer still waiting for its analysis. Cheap when there is
    nothing to do (a folder listing and one indexed query)."""
    imported = import_pending(notebook, home)
    # an answer just imported is analysed whatever its time: it was added for this
    analysed = reanalyse_pending(notebook, catalog, on_scored, before, set(imported.imported))
    return Recovered(imported, analysed)


def _question(catalog: Catalog, question_id: str | None) -> Question | None:
    if not question_id:
        return None
    try:
        return catalog.question(question_id)
    except CoachError:
        return None


def _cleaned(p: PendingAnswer) -> PendingAnswer:
    return PendingAnswer(
        **{
            **asdict(p),
            "question": clean(p.question),
            "answer": clean(p.answer),
            "category": clean(p.category),
            "follow_ups": tuple((clean(q), clean(a), e) for q, a, e in p.follow_ups),
        }
    )


def _sync_dir(path: Path) -> None:
    """Make the rename itself durable (not possible everywhere, so best effort)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
