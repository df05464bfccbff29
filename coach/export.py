"""The interview notebook as a document: Markdown to read, JSON to keep or process.

Per category, each question practised with its latest and best answers, their feedback and the
follow-ups; then the real interviews recorded with `coach log`. Pure: takes attempts, returns text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from coach.domain import missing_names

if TYPE_CHECKING:
    from coach.banks import Catalog
    from coach.notebook import Attempt

SCHEMA = 1


@dataclass(frozen=True)
class QuestionEntry:
    question_id: str | None
    question: str
    category: str
    attempts: int
    latest: Attempt
    best: Attempt


def entries(attempts: Sequence[Attempt]) -> list[QuestionEntry]:
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
        out.append(QuestionEntry(qid, text, items[-1].category, len(items), items[-1], best))
    return out


def _category_order(catalog: Catalog, entries_: Sequence[QuestionEntry]) -> list[str]:
    known = [c.id for c in catalog.ordered()]
    seen = {e.category for e in entries_}
    return [c for c in known if c in seen] + sorted(seen - set(known))


def _name(catalog: Catalog, category: str) -> str:
    cat = catalog.categories.get(category)
    return f"{cat.name}（{category}）" if cat else category


def _attempt_md(a: Attempt, heading: str) -> list[str]:
    lines = [f"#### {heading}（{a.created_at[:10]}・{a.score}点・{a.attempt_no}回目）", ""]
    lines += [f"> {line}" if line else ">" for line in a.answer.splitlines()]
    lines.append("")
    analysis = a.analysis or {}
    missing = missing_names(analysis.get("missing", []), analysis.get("labels", {}))
    lines.append(f"- 足りない要素: {'・'.join(missing) or 'なし'}")
    for f in analysis.get("findings", [])[:5]:
        lines.append(f"- [{f['code']}] {f.get('title', f['name'])}: {f['message']}")
    for q, ans, _element in a.follow_ups:
        lines.append(f"- 追加質問: {q}")
        lines.append(f"  - 回答: {' '.join(ans.splitlines())}")
    lines.append("")
    return lines


def markdown(
    catalog: Catalog,
    attempts: Sequence[Attempt],
    title: str = "面接ノート",
    reports: Sequence[str] = (),
) -> str:
    """reports: mock-interview reports (JSON) to append."""
    practice = entries(attempts)
    real = [a for a in attempts if a.real]
    cut = interrupted(attempts)
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"# {title}",
        "",
        f"出力: {stamp} ／ 練習した質問: {len(practice)}問 ／ 本番の記録: {len(real)}件",
        "",
    ]
    if not practice and not real and not reports and not cut:
        lines.append("まだ記録がありません。`coach practice` で練習を始めましょう。")
        return "\n".join(lines) + "\n"
    for category in _category_order(catalog, practice):
        lines += [f"## {_name(catalog, category)}", ""]
        for e in sorted(
            (x for x in practice if x.category == category), key=lambda x: x.question_id or ""
        ):
            qid = f"（{e.question_id}）" if e.question_id else ""
            lines += [
                f"### {e.question}{qid}",
                "",
                f"練習 {e.attempts}回 ／ 最新 {e.latest.score}点 ／ ベスト {e.best.score}点",
                "",
            ]
            lines += _attempt_md(e.latest, "最新の回答")
            if e.best.id != e.latest.id:
                lines += _attempt_md(e.best, "ベストの回答")
    if cut:
        lines += ["## 中断した回答（入力の途中で保存、未分析）", ""]
        for a in cut:
            lines += [f"### {a.question or '（質問なし）'}", "", f"{a.created_at[:10]}", ""]
            lines += [f"> {line}" if line else ">" for line in a.answer.splitlines()]
            lines.append("")
    if real:
        lines += ["## 本番の面接（coach log）", ""]
        for a in sorted(real, key=lambda a: (a.created_at, a.id)):
            lines += [f"### {a.question}", ""]
            lines += _attempt_md(a, "本番での回答")
    if reports:
        from coach.mock import MockReport
        from coach.mock import markdown as report_markdown

        lines += ["## 模擬二次面接（coach mock）", ""]
        for raw in reports:
            body = report_markdown(MockReport.from_json(raw))
            # one heading level down, so each report sits under this section
            lines += [("#" + line if line.startswith("#") else line) for line in body.splitlines()]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def interrupted(attempts: Sequence[Attempt]) -> list[Attempt]:
    """Answers saved half-typed when a session was stopped (Ctrl-C): never analysed, but the
    user's words, so the notebook keeps them."""
    cut = [a for a in attempts if a.status == "interrupted" and a.score is None and not a.real]
    return sorted(cut, key=lambda a: (a.created_at, a.id))


def _attempt_json(a: Attempt) -> dict[str, Any]:
    return {
        "id": a.id,
        "created_at": a.created_at,
        "attempt_no": a.attempt_no,
        "score": a.score,
        "answer": a.answer,
        "duration_s": a.duration_s,
        "follow_ups": [
            {"question": q, "answer": ans, "element": el} for q, ans, el in a.follow_ups
        ],
        "analysis": a.analysis,
    }


def as_json(catalog: Catalog, attempts: Sequence[Attempt], reports: Sequence[str] = ()) -> str:
    practice = entries(attempts)
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "categories": [],
        "real": [
            dict(_attempt_json(a), question=a.question, category=a.category)
            for a in attempts
            if a.real
        ],
        "mock_reports": [json.loads(r) for r in reports],
        "interrupted": [
            dict(_attempt_json(a), question=a.question, category=a.category)
            for a in interrupted(attempts)
        ],
    }
    for category in _category_order(catalog, practice):
        cat = catalog.categories.get(category)
        data["categories"].append(
            {
                "id": category,
                "name": cat.name if cat else category,
                "questions": [
                    {
                        "id": e.question_id,
                        "question": e.question,
                        "attempts": e.attempts,
                        "latest": _attempt_json(e.latest),
                        "best": _attempt_json(e.best),
                    }
                    for e in practice
                    if e.category == category
                ],
            }
        )
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
