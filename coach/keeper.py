"""Where a typed answer goes so that it is never lost, and a record of where it went.

:class:`Keeper` stores each answer in the notebook the moment it is typed; when the notebook
cannot take it (locked, disk full, read-only, damaged) the answer goes to a recovery file
(:mod:`coach.recovery`), or, when even that fails, to the screen in full, and the user is told
exactly where. :class:`Kept` counts what went where, so that no message claims a save that did
not happen. Used by the practice and mock sessions (coach.session) and by `coach log`
(coach.interviews).

Core module: it never prints; what the user must be told goes to the ``say`` callable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.analysis import Analysis
    from coach.notebook import Notebook
    from coach.recovery import PendingAnswer


@dataclass
class Kept:
    """Where this run has put what the user typed, so that no message (the crash line among
    them) claims a save that did not happen."""

    stored: int = 0  # answers and follow-up replies committed to the notebook
    files: list[str] = field(default_factory=list)  # recovery files written
    shown: int = 0  # answers printed in full because no file could be written either

    def describe(self) -> str:
        """One sentence on what this run kept and where, or "" when it kept nothing."""
        parts = []
        if self.stored:
            parts.append(f"面接ノートに{self.stored}件")
        if self.files:
            parts.append(f"回復用ファイルに{len(self.files)}件（{self.files[-1]} など）")
        line = "この実行で保存した回答: " + "、".join(parts) + "。" if parts else ""
        if self.shown:
            line += f"保存できず全文を画面に表示した回答: {self.shown}件。"
        return line


class Keeper:
    """Puts each answer where it cannot be lost: the notebook, or, when the notebook cannot
    take it (locked, disk full, read-only, damaged), a recovery file (coach.recovery), or,
    when even that fails, the screen in full. The user is told exactly where (``say``).

    A follow-up reply to an answer that went to a recovery file joins that file (rewritten
    whole), so one attempt is always one file.
    """

    def __init__(
        self,
        notebook: Notebook | None,
        kind: str,
        kept: Kept,
        say: Callable[[str], None],
        *,
        company: str | None = None,
        round: str | None = None,
    ) -> None:
        self.notebook = notebook
        self.session_id: int | None = None
        self.kind = kind
        self.kept = kept
        self.say = say
        self.company = company
        self.round = round
        self._count = 0
        self.stored = 0  # what this keeper put in the notebook (Kept counts the whole run)
        self._answers: dict[int, PendingAnswer] = {}  # each answer, by key
        self._waiting: dict[int, tuple[PendingAnswer, str | None]] = {}  # kept outside, by key
        self._start_error: CoachError | None = None

    def start(self, category: str | None = None) -> int | None:
        """Start the notebook session; a notebook that cannot be written just now is kept as
        the reason each answer then goes to a recovery file."""
        if self.notebook is None:
            return None
        try:
            self.session_id = self.notebook.start_session(
                self.kind, category, company=self.company, round=self.round
            )
        except CoachError as exc:
            self._start_error = exc
        return self.session_id

    def answer(
        self,
        *,
        category: str,
        question: str,
        question_id: str | None = None,
        answer: str,
        duration_s: float | None = None,
        status: str = "answered",
        real: bool = False,
    ) -> tuple[int | None, int]:
        """Store one answer: (its attempt id, or None when it went elsewhere; a key for its
        follow-up replies)."""
        from coach.recovery import PendingAnswer

        self._count += 1
        key = self._count
        pending = PendingAnswer(
            question=question,
            question_id=question_id,
            category=category,
            answer=answer,
            kind=self.kind,
            status=status,
            duration_s=duration_s,
            real=real,
            company=self.company,
            round=self.round,
        )
        self._answers[key] = pending
        if self.notebook is None:
            return None, key
        if self.session_id is None:
            self._elsewhere(key, pending, self._start_error)
            return None, key
        try:
            attempt_id = self.notebook.record_answer(
                self.session_id,
                category=category,
                question=question,
                question_id=question_id,
                answer=answer,
                duration_s=duration_s,
                status=status,
                real=real,
            )
        except Exception as exc:
            self._elsewhere(key, pending, exc)
            if not isinstance(exc, CoachError):
                raise  # a bug: the answer is safe, the crash handler reports the rest
            return None, key
        self.kept.stored += 1
        self.stored += 1
        return attempt_id, key

    def follow_up(
        self, key: int, attempt_id: int | None, question: str, reply: str, element: str | None
    ) -> bool:
        """Store a follow-up reply with the answer it belongs to; True when it went into the
        notebook."""
        from dataclasses import replace

        held = self._waiting.get(key)
        if held is not None:  # the answer (or an earlier reply) waits in a file: this joins it
            pending, _ = held
            follow_ups = (*pending.follow_ups, (question, reply, element))
            self._elsewhere(key, replace(pending, follow_ups=follow_ups), None)
            return False
        if self.notebook is None or attempt_id is None or key not in self._answers:
            return False
        try:
            self.notebook.add_follow_up(attempt_id, question, reply, element)
        except Exception as exc:
            # the answer is in the notebook: the file holds the reply and the answer it joins
            pending = replace(
                self._answers[key], attempt_id=attempt_id, follow_ups=((question, reply, element),)
            )
            self._elsewhere(key, pending, exc)
            if not isinstance(exc, CoachError):
                raise
            return False
        self.kept.stored += 1
        self.stored += 1
        return True

    def _elsewhere(self, key: int, pending: PendingAnswer, exc: BaseException | None) -> None:
        from contextlib import suppress
        from pathlib import Path

        from coach import recovery

        _, before = self._waiting.get(key, (None, None))
        path = recovery.save(pending)
        if path is not None:
            if before is not None:
                with suppress(OSError):  # the new file holds everything the old one did
                    Path(before).unlink()
                with suppress(ValueError):
                    self.kept.files.remove(before)
            self.kept.files.append(str(path))
            self._waiting[key] = (pending, str(path))
            where = (
                f"回答を保存しました: {path}（coach notebook recover で面接ノートに取り込めます）"
            )
        else:
            self.kept.shown += 1
            self._waiting[key] = (pending, None)
            where = (
                "回復用のファイルにも書けませんでした。回答の全文をここに表示します。"
                "コピーして残してください:\n" + recovery.as_text(pending)
            )
        self.say(f"{_why(exc)}{where}")

    @property
    def elsewhere(self) -> bool:
        """Whether some answer had to go to a recovery file or the screen."""
        return bool(self._waiting)

    def analysis(self, attempt_id: int | None, analysis: Analysis) -> None:
        """Store an analysis; a notebook that cannot take it leaves the answer 未分析 (analysed
        again at the next start), which is said, not raised."""
        if self.notebook is None or attempt_id is None:
            return
        try:
            self.notebook.save_analysis(attempt_id, analysis)
        except CoachError as exc:
            self.say(
                f"{exc.message}\n分析結果は保存できませんでした。回答は「未分析」として"
                "面接ノートにあり、次の起動時に分析します。"
            )

    def finish(self, status: str = "finished") -> None:
        if self.notebook is None or self.session_id is None:
            return
        from contextlib import suppress

        # only the session's end time would be missing; every answer is already kept
        with suppress(CoachError):
            self.notebook.finish_session(self.session_id, status)


def _why(exc: BaseException | None) -> str:
    if isinstance(exc, CoachError):
        return exc.message + "\n"
    if exc is not None:
        return f"面接ノートに書き込めませんでした（{type(exc).__name__}）。\n"
    return ""
