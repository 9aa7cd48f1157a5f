"""Serialising coded articles: JSON (one object per article), JSONL (one event per line), CSV with
GDELT-like column names. Pure functions returning strings/rows; the CLI writes them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .model import Article, Event

CSV_COLUMNS = [
    "GLOBALEVENTID", "doc_id", "unit_id", "SQLDATE", "DatePrecision", "Actor1Code", "Actor1Name",
    "Actor1Text", "Actor2Code", "Actor2Name", "Actor2Text", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "GoldsteinScheme", "PloverEventType",
    "PloverMode", "Status", "Reporter", "Confidence", "Trigger", "Rule", "SOURCEURL", "Outlet",
    "Evidence",
]


def event_id(e: Event) -> str:
    return f"{e.doc_id}:{e.sentence_index}:{e.trigger_span[0]}:{e.code}:" \
           f"{e.source.actor.code if e.source else ''}:{e.target.actor.code if e.target else ''}"


def event_record(e: Event, art: Article | None = None) -> dict:
    d = e.to_dict()
    d["id"] = event_id(e)
    if art is not None:
        d["outlet"] = art.outlet
        d["url"] = art.url
        d["published"] = art.published.isoformat() if art.published else None
    return d


def to_jsonl(articles: Iterable[Article]) -> Iterable[str]:
    for art in articles:
        for e in art.events:
            yield json.dumps(event_record(e, art), ensure_ascii=False)


def csv_row(e: Event, art: Article) -> list:
    return [
        event_id(e), e.doc_id, e.unit_id or "", (e.event_date or "").replace("-", ""),
        e.date_precision or "", e.source.actor.code if e.source else "",
        e.source.actor.name if e.source else "", e.source.text if e.source else "",
        e.target.actor.code if e.target else "", e.target.actor.name if e.target else "",
        e.target.text if e.target else "", e.code, e.code[:3], e.root, e.quad,
        e.goldstein, e.goldstein_scheme, e.plover, e.plover_mode, e.status, e.reporter or "",
        e.confidence, e.trigger, e.rule, art.url or "", art.outlet or "", e.sentence,
    ]


def to_csv(articles: Iterable[Article], *, header: bool = True) -> Iterable[str]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if header:
        w.writerow(CSV_COLUMNS)
    for art in articles:
        for e in art.events:
            w.writerow(csv_row(e, art))
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    rest = buf.getvalue()
    if rest:
        yield rest
