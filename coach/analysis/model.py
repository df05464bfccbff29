"""Values the analyzer returns. Plain, frozen and JSON-ready; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from coach.domain import ELEMENTS, LABELS, label_for

Level = Literal["error", "warning", "info"]
LEVEL_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    level: Level
    title: str  # short Japanese name of the rule
    message: str  # what was found, where, how to fix
    sentence: int | None  # index into Analysis.sentences, None for the whole answer
    family: str = ""
    penalty: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "title": self.title,
            "message": self.message,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class AnalysedSentence:
    index: int
    text: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    category: str
    structure: str
    expects: tuple[str, ...]
    labels: dict[str, bool]
    sentences: tuple[AnalysedSentence, ...]
    findings: tuple[Finding, ...]
    score: int
    chars: int
    speaking_seconds: int
    question: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def present(self, element: str) -> bool:
        return bool(self.labels.get(label_for(element), False))

    @property
    def missing(self) -> list[str]:
        return [e for e in self.expects if not self.present(e)]

    @property
    def red_flags(self) -> list[Finding]:
        return [f for f in self.findings if f.family == "R"]

    def to_json(self, id: str | int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA_VERSION}
        if id is not None:
            out["id"] = id
        out["category"] = self.category
        out["structure"] = self.structure
        out["labels"] = {k: bool(self.labels[k]) for k in LABELS}
        out["sentences"] = [
            {"index": s.index, "text": s.text, "roles": list(s.roles)} for s in self.sentences
        ]
        out["findings"] = [f.to_json() for f in self.findings]
        out["score"] = self.score
        out["chars"] = self.chars
        out["speaking_seconds"] = self.speaking_seconds
        out["expects"] = list(self.expects)
        out["missing"] = self.missing
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis stored by the notebook (same schema as ``to_json``)."""
        findings = tuple(
            Finding(
                code=f["code"],
                name=f["name"],
                level=f["level"],
                title=f.get("title", f["name"]),
                message=f["message"],
                sentence=f["sentence"],
                family=f["code"][:1],
            )
            for f in data.get("findings", [])
        )
        sentences = tuple(
            AnalysedSentence(s["index"], s["text"], tuple(s["roles"]))
            for s in data.get("sentences", [])
        )
        return cls(
            category=data["category"],
            structure=data.get("structure", "both"),
            expects=tuple(data.get("expects", ELEMENTS)),
            labels=dict(data["labels"]),
            sentences=sentences,
            findings=findings,
            score=int(data["score"]),
            chars=int(data["chars"]),
            speaking_seconds=int(data["speaking_seconds"]),
            question=data.get("question"),
        )


@dataclass(frozen=True)
class Part:
    """One part of a question: its text, what it asks and its own content words."""

    text: str
    asks: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Relevance:
    """The verdict on one answer. ``unaddressed`` are the question's words the answer never
    took up; ``missing_part`` is the part of a two-part question left unanswered."""

    off_topic: bool
    asks: tuple[str, ...]
    parts: tuple[Part, ...] = ()
    unaddressed: tuple[str, ...] = ()
    unshown: tuple[str, ...] = ()  # asks of the first part the answer does not show
    instead: str = ""  # what the answer spoke about, in Japanese
    missing_part: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)
    why: tuple[str, ...] = ()  # which tests said off-topic (for the benchmark)
    topic: str = ""  # the category the topic model believes the answer was written for
    topic_words: tuple[str, ...] = ()  # the answer's words that most told it so
