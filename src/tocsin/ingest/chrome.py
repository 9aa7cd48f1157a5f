"""Site chrome: the lines of a copied web page that are not the article.

Donation and subscription banners, cookie notices, share buttons, "Join the ... mailing list",
section names and reporting credits. Recognised by pattern, not by a list of sites, so a new site's
chrome is caught as long as it says the usual things.
"""

from __future__ import annotations

import re

_CHROME_PATTERNS = [
    r"\bdonat(e|ion)s?\b", r"\bsubscribe\b", r"\bsubscription\b", r"\bmailing list\b",
    r"\bnewsletter\b", r"\bcookies?\b", r"\bsign (up|in)\b", r"\blog ?in\b", r"\bshare (this|on)\b",
    r"^share\b", r"\bfollow us\b", r"\badvertisement\b", r"^advert", r"^related( articles| stories)?\b",
    r"^read (more|also|next)\b", r"^more (from|on|stories)\b", r"\ball rights reserved\b", r"©",
    r"^\(?copyright\b", r"^\(?reporting by\b", r"^\(?editing by\b", r"^\(?additional reporting\b",
    r"\bsupport (our|independent)\b", r"\bbecome a (member|patron|supporter)\b",
    r"\bprivacy policy\b", r"\bterms of (use|service)\b", r"^click here\b", r"^tags?:",
    r"^photo:", r"^image:", r"^file photo\b", r"^watch:", r"^listen:", r"^print\b", r"^email\b",
    r"\bmake a charitable\b", r"^skip to\b", r"^menu$", r"^home$", r"^search$", r"\bjoin (the|our)\b.*\blist\b",
    r"^comments?\b", r"^leave a (comment|reply)\b", r"^top stories\b", r"^trending\b",
]
_CHROME_RE = re.compile("|".join(_CHROME_PATTERNS), re.IGNORECASE)


def is_chrome(line: str) -> bool:
    """True for a line that is site furniture rather than article text."""
    s = line.strip()
    if not s:
        return True
    if len(s) > 300:  # long paragraphs are text even if they mention a newsletter
        return False
    return bool(_CHROME_RE.search(s))


def is_sentence_like(line: str) -> bool:
    """Body paragraphs end like sentences or are long; headers and menus do not."""
    s = line.strip().rstrip("\"'”’)")
    return len(s) > 120 or (len(s.split()) >= 6 and s[-1:] in ".!?:;")


_WIRE_LEAD = re.compile(
    # "MOSCOW, April 8 (Northern Wire) - ", "KYIV – ", "United Nations (Global Desk) - "
    r"^(?:(?P<place>[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Za-z .]{2,20})?),?\s+"
    r"(?:(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s+)?(?:\((?P<outlet>[^)]{2,40})\)\s*)?"
    r"|(?P<tplace>[A-Z][A-Za-z.'’/-]+(?:\s[A-Z][A-Za-z.'’/-]+){0,3}),?\s+"
    r"(?:(?P<tdate>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s+)?\((?P<toutlet>[^)]{2,40})\)\s*)[-–—]+\s+"
)


def strip_wire_lead(paragraph: str) -> tuple[str, str | None]:
    """Remove a wire-style lead ("MOSCOW, April 8 (Northern Wire) - ", "KYIV – ") so the parser
    sees a clean sentence; return the rest and the outlet named in it, if any."""
    m = _WIRE_LEAD.match(paragraph)
    if not m:
        return paragraph, None
    found = m.group("outlet") or m.group("toutlet")
    outlet = found.strip() if found else None
    return paragraph[m.end():], outlet
