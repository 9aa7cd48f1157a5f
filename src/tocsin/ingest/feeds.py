"""RSS and Atom feeds (feedparser): each item is an article, its text taken from the item's full
content when present, else its summary. A feed that feedparser cannot make sense of is one error
naming the file; a bad item is skipped with its own error."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from datetime import datetime

from ..errors import InputError
from ..model import Article, Unit
from .chrome import is_chrome, strip_wire_lead

_P_SPLIT = re.compile(r"</p\s*>|<br\s*/?>|\n\s*\n", re.I)
_TAGS = re.compile(r"<[^>]+>")


def html_paragraphs(fragment: str) -> list[str]:
    out = []
    for part in _P_SPLIT.split(fragment):
        text = " ".join(htmllib.unescape(_TAGS.sub(" ", part)).split())
        if text and not is_chrome(text):
            out.append(text)
    return out


def _time(entry) -> datetime | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*t[:6]) if t else None


def read_feed(text: str, *, where: str) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        reason = str(feed.get("bozo_exception", "no items")) if feed.get("bozo") else "no items"
        yield InputError(f"not a readable feed ({reason.splitlines()[0][:120]})", subject=where)
        return
    channel = feed.feed.get("title", "")
    channel_outlet = re.split(r"\s+[–—|-]\s+", channel)[0] if channel else None
    for n, entry in enumerate(feed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        body = body or entry.get("summary", "")
        paras = html_paragraphs(body)
        if not paras:
            yield InputError(f"item {n} has no text", subject=where)
            continue
        paras[0], wire_outlet = strip_wire_lead(paras[0])
        yield Article(
            id=str(entry.get("id") or entry.get("link") or f"{where}#{n}"),
            text="\n\n".join(paras), title=entry.get("title"),
            outlet=entry.get("author") or wire_outlet or channel_outlet,
            published=_time(entry), url=entry.get("link"), path=where,
            units=[Unit(None, p) for p in paras],
        )
