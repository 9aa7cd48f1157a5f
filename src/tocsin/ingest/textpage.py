"""Plain-text pages copied off websites: find outlet, headline, dateline and body; drop chrome.

The usual shape is a header (banners, section, outlet, headline, outlet again, dateline), the body
paragraphs, and a footer (mailing lists, share lines, credits). We anchor on the dateline; without
one, on the first paragraph that reads like a sentence. The outlet is the header line that is
repeated, or the name in a wire-style lead ("MOSCOW, April 8 (Northern Wire) -"), which is removed
from the first paragraph so the parser sees a clean sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from .chrome import is_chrome, is_sentence_like, strip_wire_lead
from .datelines import looks_like_dateline, parse_dateline

_BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_HEADER_SCAN = 15


@dataclass
class TextPage:
    title: str | None
    outlet: str | None
    published: datetime | None
    paragraphs: list[str]
    dropped: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _paragraphs(raw: str) -> list[str]:
    """Lines of the page; a blank line or a single newline both separate paragraphs here,
    except that wrapped lines (no terminal punctuation, next starts lower case) are joined."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln:
            out.append("")
            continue
        if out and out[-1] and out[-1][-1:] not in ".!?:\"”'’)" and ln[:1].islower():
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    return [p for p in out if p]


def parse_text_page(raw: str) -> TextPage:
    paras = _paragraphs(raw)
    dropped: list[str] = []
    if not paras:
        return TextPage(None, None, None, [], [])

    # 1. The dateline anchors the header.
    date_idx, published = None, None
    for i, p in enumerate(paras[:_HEADER_SCAN]):
        if looks_like_dateline(p) and not is_sentence_like(p):
            dt = parse_dateline(p)
            if dt is not None:
                date_idx, published = i, dt
                break
    if date_idx is None:
        first_body = next((i for i, p in enumerate(paras) if is_sentence_like(p) and not is_chrome(p)),
                          len(paras))
        header, body, date_line = paras[:first_body], paras[first_body:], []
    else:
        header, body, date_line = paras[:date_idx], paras[date_idx + 1:], [paras[date_idx]]
        # a header that runs past the dateline (byline after it) is still header
        while body and not is_sentence_like(body[0]) and len(body) > 1:
            header_tail = body.pop(0)
            if not is_chrome(header_tail) and not _BYLINE.match(header_tail):
                header.append(header_tail)
            else:
                dropped.append(header_tail)

    # 2. Outlet: a repeated header line, else a short line next to the headline.
    counts = Counter(h for h in header if not is_chrome(h))
    repeated = [h for h, c in counts.items() if c > 1 and len(h) <= 60]
    outlet = repeated[0] if repeated else None

    # 3. Headline: the last header line that is not the outlet, chrome, byline or section name.
    content = [h for h in header if h != outlet and not is_chrome(h) and not _BYLINE.match(h)]
    title = None
    for h in reversed(content):
        if len(h.split()) >= 4:
            title = h
            break
    dropped.extend(h for h in header if h != title)
    dropped.extend(date_line)

    # 4. Body: drop chrome anywhere, and trailing short non-sentences (footers, tags).
    kept = []
    for p in body:
        if is_chrome(p) or (p == outlet):
            dropped.append(p)
        else:
            kept.append(p)
    while kept and not is_sentence_like(kept[-1]):
        dropped.append(kept.pop())

    # 5. Wire-style lead: "MOSCOW, April 8 (Northern Wire) - Russia could ..."
    if kept:
        kept[0], wire_outlet = strip_wire_lead(kept[0])
        outlet = outlet or wire_outlet
    if outlet is None and len(content) >= 2 and title is not None:
        # a short capitalised line right before the headline is usually the outlet
        i = content.index(title)
        if i > 0 and len(content[i - 1].split()) <= 5:
            outlet = content[i - 1]
    return TextPage(title=title, outlet=outlet, published=published, paragraphs=kept, dropped=dropped)
