"""HTML pages: main text and metadata through trafilatura; the publication time from the page's
own metadata (Open Graph, JSON-LD, <time>) so the clock time survives, which trafilatura drops."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from .chrome import is_chrome, strip_wire_lead
from .datelines import parse_iso

_META_TIME = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|"
    r"datePublished|pubdate|publishdate|date|dc\.date)[\"'][^>]*content=[\"']([^\"']+)[\"']",
    re.I,
)
_META_TIME_REV = re.compile(
    r"<meta[^>]+content=[\"']([^\"']+)[\"'][^>]*(?:property|name|itemprop)=[\"']"
    r"(?:article:published_time|datePublished)[\"']",
    re.I,
)
_LD_JSON = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_DESCRIPTION = re.compile(
    r"<meta[^>]+(?:property|name)=[\"'](?:og:description|description)[\"'][^>]*content=[\"']([^\"']+)",
    re.I,
)
_TAGS = re.compile(r"<[^>]+>")
_TIME_TAG = re.compile(r"<time[^>]+datetime=[\"']([^\"']+)[\"']", re.I)


@dataclass
class HtmlPage:
    title: str | None
    outlet: str | None
    published: datetime | None
    url: str | None
    paragraphs: list[str]
    language: str | None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _published(html: str) -> datetime | None:
    for rx in (_META_TIME, _META_TIME_REV):
        m = rx.search(html)
        if m and (dt := parse_iso(m.group(1))):
            return dt
    for block in _LD_JSON.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and (dt := parse_iso(str(item.get("datePublished") or ""))):
                return dt
    m = _TIME_TAG.search(html)
    return parse_iso(m.group(1)) if m else None


def parse_html_page(html: str, *, url: str | None = None) -> HtmlPage:
    import trafilatura  # heavy import; only for HTML inputs

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return HtmlPage(None, None, _published(html), url, [], None)
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = get("text") or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip() and not is_chrome(p)]
    title = get("title")
    if paragraphs and title and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    paragraphs = _with_lead(html, paragraphs)
    if paragraphs:
        paragraphs[0], _ = strip_wire_lead(paragraphs[0])
    published = _published(html)
    if published is None and get("date"):
        published = parse_iso(get("date"))
    return HtmlPage(
        title=title, outlet=get("sitename"), published=published, url=get("url") or url,
        paragraphs=paragraphs, language=get("language"),
    )


def _with_lead(html: str, paragraphs: list[str]) -> list[str]:
    """Put back a lead paragraph trafilatura dropped (it skips "summary"/"standfirst" blocks):
    the page's description, when it stands in the page body but not in the extracted text."""
    import html as htmllib

    m = _DESCRIPTION.search(html)
    if not m:
        return paragraphs
    lead = htmllib.unescape(m.group(1)).strip()
    probe = lead[:60]
    body_start = html.lower().find("<body")
    body_text = htmllib.unescape(_TAGS.sub(" ", html[body_start:] if body_start >= 0 else html))
    if len(lead.split()) >= 8 and probe in body_text and not any(probe in p for p in paragraphs):
        return [lead, *paragraphs]
    return paragraphs
