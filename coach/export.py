"""The interview notebook as a document: Markdown to read, JSON to keep or process.

Per category, each question practised with its first and latest answers (and the best, when it
is neither), their feedback and the follow-ups; answers stored but never analysed (未分析) and half-typed ones; then the real
interviews recorded with `coach log` and the mock interviews: each report with the questions,
answers and follow-ups given in it (a mock stopped before its report still shows its answers).

:func:`write` streams the document from the notebook into a text stream: it reads one page of
attempts at a time and keeps only each question's latest and best attempt, so its memory does
not grow with the number of answers. :func:`save` writes it to a file safely (never through a
dangling symbolic link, never over an existing file without ``force``, never half-written).
:func:`markdown` and :func:`as_json` render attempts already in memory.

Everything the user typed (answers, follow-up replies, logged questions, quoted sentences) is
cleaned (:func:`coach.sanitize.clean`) and escaped for Markdown and HTML, so an answer cannot
become a heading, a link, an image or a script in whatever renders the file.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from coach.domain import missing_names
from coach.sanitize import clean

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Attempt, Notebook

SCHEMA = 1
UNANALYSED = "未分析"

# --- escaping -------------------------------------------------------------------------------

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Inline Markdown: emphasis, code, links and images, tables, strikethrough; HTML as entities.
_INLINE = re.compile(r"[\\`*_\[\]|~&<>]")
# What starts a block at the beginning of a line: heading, list item, setext underline, quote.
_LINE_START = re.compile(r"^[ \t]*(?:([#+=-])|(\d+)([.)]))")


def _escape_char(m: re.Match[str]) -> str:
    c = m.group(0)
    return _ENTITIES.get(c, "\\" + c)


def _escape_line(line: str) -> str:
    line = _INLINE.sub(_escape_char, line)
    start = _LINE_START.match(line)
    if start:
        head = line[: start.end()].lstrip(" \t")
        rest = line[start.end() :]
        # "# x" → "\\# x"; "1. x" → "1\\. x"
        line = "\\" + head + rest if start.group(1) else head[:-1] + "\\" + head[-1] + rest
    return line


def inline(text: str) -> str:
    """User text on one line (a heading, a list item, a table cell), shown as typed."""
    joined = " ".join(line.strip(" \t") for line in clean(text).splitlines())
    return _escape_line(joined.strip(" \t"))


def block(text: str) -> list[str]:
    """User text as lines of its own (a quoted answer), shown as typed."""
    return [_escape_line(line.strip(" \t")) for line in clean(text).splitlines()]


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in block(text)]


# --- what is exported -----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionEntry:
    question_id: str | None
    question: str
    category: str
    attempts: int
    latest: Attempt
    best: Attempt
    first: Attempt


@dataclass(frozen=True)
class MockEntry:
    """One mock interview: its report (None when it was stopped before the end) and every
    answer given in it, with the follow-ups."""

    started_at: str
    company: str | None
    report: str | None
    answers: Sequence[Attempt]


class _Source(Protocol):
    """Where the sections' attempts come from: a notebook (streamed) or a list."""

    def entries(self) -> list[QuestionEntry]: ...
    def real(self) -> Iterable[Attempt]: ...
    def unanalysed(self) -> Iterable[Attempt]: ...
    def interrupted(self) -> Iterable[Attempt]: ...
    def reports(self) -> list[str]: ...
    def mocks(self) -> list[MockEntry]: ...
    def counts(self) -> tuple[int, int, int]: ...  # real, unanalysed, interrupted


def entries(attempts: Iterable[Attempt]) -> list[QuestionEntry]:
    """Group practice attempts by question (oldest first in, latest/best out)."""
    groups: dict[tuple[str | None, str], list[Attempt]] = defaultdict(list)
    for a in attempts:
        if a.real or a.score is None:
            continue
        groups[(a.question_id, a.question)].append(a)
    out = []
    for (qid, text), items in groups.items():
        items.sort(key=lambda a: (a.created_at, a.id))
        best = max(items, key=lambda a: (a.score or 0, a.created_at))
        out.append(
            QuestionEntry(qid, text, items[-1].category, len(items), items[-1], best, items[0])
        )
    return out


def interrupted(attempts: Iterable[Attempt]) -> list[Attempt]:
    """Answers saved half-typed when a session was stopped (Ctrl-C): never analysed, but the
    user's words, so the notebook keeps them."""
    cut = [a for a in attempts if a.status == "interrupted" and a.score is None and not a.real]
    return sorted(cut, key=lambda a: (a.created_at, a.id))


def unanalysed(attempts: Iterable[Attempt]) -> list[Attempt]:
    """Practice answers stored in full but never analysed (the process stopped in between)."""
    waiting = [a for a in attempts if a.pending and not a.real]
    return sorted(waiting, key=lambda a: (a.created_at, a.id))


class _ListSource:
    def __init__(self, attempts: Sequence[Attempt], reports: Sequence[str]) -> None:
        self._attempts = attempts
        self._reports = list(reports)

    def entries(self) -> list[QuestionEntry]:
        return entries(self._attempts)

    def real(self) -> list[Attempt]:
        return sorted((a for a in self._attempts if a.real), key=lambda a: (a.created_at, a.id))

    def unanalysed(self) -> list[Attempt]:
        return unanalysed(self._attempts)

    def interrupted(self) -> list[Attempt]:
        return interrupted(self._attempts)

    def reports(self) -> list[str]:
        return self._reports

    def mocks(self) -> list[MockEntry]:
        return [MockEntry("", None, r, []) for r in self._reports]

    def counts(self) -> tuple[int, int, int]:
        return len(self.real()), len(self.unanalysed()), len(self.interrupted())


class _NotebookSource:
    def __init__(self, notebook: Notebook, category: str | None, since: str | None) -> None:
        self.nb = notebook
        self.filters: dict[str, Any] = {"category": category, "since": since}
        self._reports = [] if category else [r for _, r in notebook.reports(since)]

    def entries(self) -> list[QuestionEntry]:
        out = []
        for g in self.nb.question_groups(**self.filters):
            # the first, latest and best are often the same attempt: read each once
            ids = {g.first_id or g.latest_id, g.latest_id, g.best_id}
            read = {aid: self.nb.attempt(aid) for aid in ids}
            out.append(
                QuestionEntry(
                    g.question_id,
                    g.question,
                    g.category,
                    g.attempts,
                    read[g.latest_id],
                    read[g.best_id],
                    read[g.first_id or g.latest_id],
                )
            )
        return out

    def _iter(self, **where: Any) -> Iterator[Attempt]:
        return self.nb.iter_attempts(**self.filters, **where, newest_first=False)

    def real(self) -> Iterator[Attempt]:
        return self._iter(real=True)

    def unanalysed(self) -> Iterator[Attempt]:
        return self._iter(real=False, status="answered", analysed=False)

    def interrupted(self) -> Iterator[Attempt]:
        return self._iter(real=False, status="interrupted", analysed=False)

    def reports(self) -> list[str]:
        return self._reports

    def mocks(self) -> list[MockEntry]:
        from coach.notebook.manage import mock_sessions

        if self.filters["category"]:
            return []
        return [
            MockEntry(
                started, company, report, self.nb.attempts(session_id=sid, newest_first=False)
            )
            for sid, started, company, report in mock_sessions(self.nb, self.filters["since"])
        ]

    def counts(self) -> tuple[int, int, int]:
        n = self.nb.count_attempts
        return (
            n(**self.filters, real=True),
            n(**self.filters, real=False, status="answered", analysed=False),
            n(**self.filters, real=False, status="interrupted", analysed=False),
        )


def _category_order(catalog: Catalog, entries_: Sequence[QuestionEntry]) -> list[str]:
    known = [c.id for c in catalog.ordered()]
    seen = {e.category for e in entries_}
    return [c for c in known if c in seen] + sorted(seen - set(known))


def _name(catalog: Catalog, category: str) -> str:
    cat = catalog.categories.get(category)
    return f"{cat.name}（{category}）" if cat else inline(category)


# --- Markdown -------------------------------------------------------------------------------


def _score(a: Attempt) -> str:
    return UNANALYSED if a.score is None else f"{a.score}点"


def _attempt_md(a: Attempt, heading: str) -> list[str]:
    lines = [f"#### {heading}（{a.created_at[:10]}・{_score(a)}・{a.attempt_no}回目）", ""]
    lines += _quote(a.answer)
    lines.append("")
    analysis = a.analysis or {}
    if a.score is not None:
        missing = missing_names(analysis.get("missing", []), analysis.get("labels", {}))
        lines.append(f"- 足りない要素: {'・'.join(missing) or 'なし'}")
    for f in analysis.get("findings", [])[:5]:
        title = inline(str(f.get("title", f["name"])))
        lines.append(f"- [{inline(str(f['code']))}] {title}: {inline(str(f['message']))}")
    for q, ans, _element in a.follow_ups:
        lines.append(f"- 追加質問: {inline(q)}")
        lines.append(f"  - 回答: {inline(ans)}")
    lines.append("")
    return lines


def _write_markdown(out: TextIO, catalog: Catalog, src: _Source, title: str) -> None:
    practice = src.entries()
    real, waiting, cut = src.counts()
    mocks = src.mocks()
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    head = [
        f"# {title}",
        "",
        f"出力: {stamp} ／ 練習した質問: {len(practice)}問 ／ 本番の記録: {real}件",
        "",
    ]
    if not practice and not real and not mocks and not cut and not waiting:
        filters = getattr(src, "filters", {})
        if any(filters.values()):  # answers may exist, just none for the filter asked for
            head.append(
                "指定したカテゴリ・期間に記録はありません（-c や --since を外すと全件です）。"
            )
        else:
            head.append("まだ記録がありません。`coach practice` で練習を始めましょう。")
        out.write("\n".join(head) + "\n")
        return
    # The same text as "\n".join(all lines).rstrip() + "\n", without holding all the lines:
    # the last line with text waits, with the blank lines after it, until more text comes.
    last = head[0]
    blanks = head[1:]

    def emit(lines: list[str]) -> None:
        nonlocal last, blanks
        for line in lines:
            if line.strip():
                out.write("\n".join([last, *blanks]) + "\n")
                last, blanks = line, []
            else:
                blanks.append(line)

    for category in _category_order(catalog, practice):
        emit([f"## {_name(catalog, category)}", ""])
        for e in sorted(
            (x for x in practice if x.category == category), key=lambda x: x.question_id or ""
        ):
            qid = f"（{inline(e.question_id)}）" if e.question_id else ""
            emit([f"### {inline(e.question)}{qid}", "", _progress_line(e), ""])
            if e.first.id != e.latest.id:
                emit(_attempt_md(e.first, "最初の回答"))
            emit(_attempt_md(e.latest, "最新の回答"))
            if e.best.id not in (e.latest.id, e.first.id):
                emit(_attempt_md(e.best, "ベストの回答"))
    if waiting:
        emit([f"## {UNANALYSED}の回答（保存済み、分析の前に終了）", ""])
        for a in src.unanalysed():
            emit([f"### {inline(a.question) or '（質問なし）'}", ""])
            emit(_attempt_md(a, "回答"))
    if cut:
        emit(["## 中断した回答（入力の途中で保存、未分析）", ""])
        for a in src.interrupted():
            emit([f"### {inline(a.question) or '（質問なし）'}", "", f"{a.created_at[:10]}", ""])
            emit(_quote(a.answer))
            emit([""])
    if real:
        emit(["## 本番の面接（coach log）", ""])
        for a in src.real():
            emit([f"### {inline(a.question)}", ""])
            emit(_attempt_md(a, "本番での回答"))
    if mocks:
        from coach.mock import markdown as report_markdown

        emit(["## 模擬二次面接（coach mock）", ""])
        for m in mocks:
            if m.report is not None:
                body = report_markdown(_escaped_report(m.report))
                # one heading level down, so each report sits under this section
                emit([("#" + line if line.startswith("#") else line) for line in body.splitlines()])
                emit([""])
            else:
                who = f"・{inline(m.company)}" if m.company else ""
                emit([f"### 模擬面接 {m.started_at[:10]}{who}（途中で終了、レポートなし）", ""])
            if m.answers and not _has_transcript(m.report):
                # a report saved before reports kept the answers, or a mock stopped early
                emit(["#### この模擬面接の質問と回答", ""])
                for a in m.answers:
                    emit(_mock_answer_md(a))
    out.write(last.rstrip() + "\n")


def _has_transcript(raw: str | None) -> bool:
    if raw is None:
        return False
    questions = json.loads(raw).get("questions") or []
    return any(isinstance(q, dict) and "answer" in q for q in questions)


def _progress_line(e: QuestionEntry) -> str:
    if e.attempts == 1 or e.first.id == e.latest.id:
        return f"練習 {e.attempts}回 ／ 最新 {e.latest.score}点"
    first, latest = e.first.score or 0, e.latest.score or 0
    return (
        f"練習 {e.attempts}回 ／ 初回 {first}点 → 最新 {latest}点（{latest - first:+d}）"
        f" ／ ベスト {e.best.score}点"
    )


def _mock_answer_md(a: Attempt) -> list[str]:
    lines = [f"- 質問: {inline(a.question)}（{_score(a)}）"]
    lines += [f"  > {line}" if line else "  >" for line in block(a.answer)]
    for q, ans, _element in a.follow_ups:
        lines.append(f"  - 追加質問: {inline(q)}")
        lines.append(f"    - 回答: {inline(ans)}")
    lines.append("")
    return lines


def _escaped_report(raw: str) -> Any:
    """A mock report with the user's words in it (company, quoted sentences, questions)
    escaped before the report's own Markdown is drawn around them."""
    from coach.mock import MockReport

    report = MockReport.from_json(raw)
    report.company = None if report.company is None else inline(report.company)
    # the report turns | into ｜ in its table cells: do it first, so no escape is left before it
    report.axes = [replace(a, evidence=inline(a.evidence.replace("|", "｜"))) for a in report.axes]
    report.questions = [
        dict(q, question=inline(str(q.get("question", "")))) for q in report.questions
    ]
    return report


# --- JSON -----------------------------------------------------------------------------------


def _attempt_json(a: Attempt) -> dict[str, Any]:
    return {
        "id": a.id,
        "created_at": a.created_at,
        "attempt_no": a.attempt_no,
        "score": a.score,
        "answer": clean(a.answer),
        "duration_s": a.duration_s,
        "follow_ups": [
            {"question": clean(q), "answer": clean(ans), "element": el}
            for q, ans, el in a.follow_ups
        ],
        "analysis": a.analysis,
    }


def _with_question(a: Attempt) -> dict[str, Any]:
    return dict(_attempt_json(a), question=clean(a.question), category=a.category)


def _write_json(out: TextIO, catalog: Catalog, src: _Source) -> None:
    """The same text as json.dumps(document, indent=2), written one list item at a time."""
    practice = src.entries()
    categories = []
    for category in _category_order(catalog, practice):
        cat = catalog.categories.get(category)
        categories.append(
            {
                "id": category,
                "name": cat.name if cat else category,
                "questions": [
                    {
                        "id": e.question_id,
                        "question": clean(e.question),
                        "attempts": e.attempts,
                        "first": _attempt_json(e.first),
                        "latest": _attempt_json(e.latest),
                        "best": _attempt_json(e.best),
                    }
                    for e in practice
                    if e.category == category
                ],
            }
        )
    fields: list[tuple[str, Any]] = [
        ("schema", SCHEMA),
        ("exported_at", datetime.now(UTC).isoformat(timespec="seconds")),
        ("categories", categories),
        ("real", (_with_question(a) for a in src.real())),
        ("mock_reports", [json.loads(r) for r in src.reports()]),
        (
            "mocks",
            [
                {
                    "started_at": m.started_at,
                    "company": None if m.company is None else clean(m.company),
                    "finished": m.report is not None,
                    "answers": [_with_question(a) for a in m.answers],
                }
                for m in src.mocks()
                if m.answers
            ],
        ),
        ("interrupted", (_with_question(a) for a in src.interrupted())),
        ("unanalysed", (_with_question(a) for a in src.unanalysed())),
    ]
    out.write("{")
    for number, (key, value) in enumerate(fields):
        out.write(("," if number else "") + f"\n  {json.dumps(key)}: ")
        if isinstance(value, list | Iterator):
            first = True
            for item in value:
                out.write(("[" if first else ",") + "\n    " + _dumps(item, "    "))
                first = False
            out.write("[]" if first else "\n  ]")
        else:
            out.write(_dumps(value, "  "))
    out.write("\n}\n")


def _dumps(value: Any, indent: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


# --- entry points -----------------------------------------------------------------------------


def write(
    out: TextIO,
    catalog: Catalog,
    notebook: Notebook,
    *,
    fmt: str = "markdown",
    category: str | None = None,
    since: str | None = None,
    title: str = "面接ノート",
) -> None:
    """Stream the notebook (optionally one category, answers since a time) into out."""
    src = _NotebookSource(notebook, category, since)
    if fmt == "json":
        _write_json(out, catalog, src)
    else:
        _write_markdown(out, catalog, src, title)


def markdown(
    catalog: Catalog,
    attempts: Sequence[Attempt],
    title: str = "面接ノート",
    reports: Sequence[str] = (),
) -> str:
    """reports: mock-interview reports (JSON) to append."""
    out = io.StringIO()
    _write_markdown(out, catalog, _ListSource(attempts, reports), title)
    return out.getvalue()


def as_json(catalog: Catalog, attempts: Sequence[Attempt], reports: Sequence[str] = ()) -> str:
    out = io.StringIO()
    _write_json(out, catalog, _ListSource(attempts, reports))
    return out.getvalue()


def save(
    path: Path,
    catalog: Catalog,
    notebook: Notebook,
    *,
    fmt: str = "markdown",
    category: str | None = None,
    since: str | None = None,
    force: bool = False,
) -> Path:
    """Write the export to path; return the file written.

    Through the one writer (:func:`coach.output.write_with`): a symbolic link is followed only
    to a file that exists, an existing file is never replaced without ``force`` (even one that
    appears while the export runs), and a failed export leaves no half-written file.
    """
    from coach.output import write_with

    def fill(out: TextIO) -> None:
        write(out, catalog, notebook, fmt=fmt, category=category, since=since)

    return write_with(path, fill, force)
