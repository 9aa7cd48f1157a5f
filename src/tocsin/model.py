"""The language of the house: plain dataclasses shared by every stage.

An `Article` comes out of ingest, is parsed by nlp, and leaves the coder with its `Event`s. Every
event carries its evidence (sentence and character spans), its actors with the text they were found
in, its codes under named schemes, its status and who reported it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

STATUSES = ("asserted", "alleged", "hypothetical", "negated")


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a CAMEO-style code (empty when unknown), a display name and its kind."""

    code: str
    name: str
    kind: str = "unknown"  # country | organization | group | person | seat | role | unknown

    @property
    def primary(self) -> str:
        return self.code[:3]


@dataclass(frozen=True)
class Mention:
    """An actor as found in a sentence: the actor, the text and its character span (in the sentence)."""

    actor: Actor
    text: str
    start: int
    end: int
    how: str = ""  # why we believe it: "name", "adjective", "capital", "title", "pronoun"...

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.actor.code or None,
            "name": self.actor.name,
            "text": self.text,
            "span": [self.start, self.end],
            "how": self.how,
        }


@dataclass
class Unit:
    """A piece of an article coded in order (a paragraph, or a gold unit from JSONL)."""

    id: str | None
    text: str
    date: date | None = None


@dataclass
class Event:
    doc_id: str
    unit_id: str | None
    sentence_index: int
    sentence: str
    trigger: str
    trigger_span: tuple[int, int]
    trigger_lemma: str
    rule: str
    source: Mention | None
    target: Mention | None
    code: str
    name: str
    root: str
    quad: int
    goldstein: float | None
    plover: str
    plover_mode: str
    status: str
    reporter: str | None
    event_date: str | None
    date_precision: str | None
    confidence: float
    goldstein_scheme: str = "gdelt"
    quad_scheme: str = "gdelt"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "unit_id": self.unit_id,
            "sentence_index": self.sentence_index,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "code": self.code,
            "name": self.name,
            "root": self.root,
            "quad": self.quad,
            "quad_scheme": self.quad_scheme,
            "goldstein": self.goldstein,
            "goldstein_scheme": self.goldstein_scheme,
            "plover": self.plover or None,
            "plover_mode": self.plover_mode or None,
            "status": self.status,
            "reporter": self.reporter,
            "event_date": self.event_date,
            "date_precision": self.date_precision,
            "confidence": round(self.confidence, 3),
            "trigger": {"text": self.trigger, "lemma": self.trigger_lemma,
                        "span": list(self.trigger_span)},
            "evidence": self.sentence,
            "rule": self.rule,
        }


@dataclass
class Article:
    """A document ready for coding: cleaned body, metadata, and (after coding) its events."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    path: str | None = None
    language: str | None = None
    units: list[Unit] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    digest: str | None = None  # content hash when the text itself is not at hand (batch results)

    @property
    def report_date(self) -> date | None:
        return self.published.date() if self.published else None

    def to_dict(self, *, with_events: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "path": self.path,
            "text": self.text,
        }
        if with_events:
            out["events"] = [e.to_dict() for e in self.events]
        return out
