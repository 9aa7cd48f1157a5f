"""From paths to `Article`s: plain-text pages, HTML pages, JSONL (gold units or article records),
JSON (a gold file with `units`), recursively through directories.

Every input that cannot be an article (binary, empty, undecodable, too large, not English, broken
JSON) becomes an `InputError` naming the file; the caller records it and carries on. Reading is
separate from coding so a batch can skip, count and report what it could not read.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..model import Article, Unit
from .datelines import parse_iso
from .feeds import read_feed
from .htmlpage import parse_html_page
from .textpage import parse_text_page

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom"}
SKIP_NAMES = {"README.md", "EXPECTATIONS.md", "manifest.jsonl", "LICENSE"}
_ENGLISH = frozenset(
    "the of and to in a is that for on with as was by said it at from has be have are an his "
    "were not will would this which their its after but he they".split()
)
_WORD = re.compile(r"[A-Za-z]+")


def is_english(text: str) -> bool:
    """A cheap guard: English prose has a high share of these function words."""
    words = _WORD.findall(text[:5000].lower())
    if len(words) < 8:
        return True  # too short to judge; the coder will find nothing if it is not English
    return sum(w in _ENGLISH for w in words) / len(words) > 0.12


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError("empty file", subject=where)
    if b"\x00" in data[:8192]:
        raise InputError("binary file (not text)", subject=where)
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise InputError("cannot decode as UTF-8 or Windows-1252", subject=where)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise InputError("binary file (control characters)", subject=where)
    return text


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size // 1024 // 1024} MiB > {MAX_BYTES >> 20} MiB)",
                             subject=where)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", subject=where) from exc
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError("corrupt gzip file", subject=where) from exc
    return data


def _article_id(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".jsonl", ".html", ".htm", ".txt", ".json"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _check_body(article: Article, where: str) -> Article:
    if not article.text.strip():
        raise InputError("no article text found", subject=where)
    if not is_english(article.text):
        raise InputError("not English (only English is coded)", subject=where)
    return article


def article_from_text(text: str, *, id: str, path: str | None = None,
                      published: datetime | None = None) -> Article:
    """A plain-text page → Article (chrome stripped, metadata found)."""
    page = parse_text_page(text)
    return Article(id=id, text=page.text, title=page.title, outlet=page.outlet,
                   published=page.published or published, path=path,
                   units=[Unit(None, p) for p in page.paragraphs])


def article_from_html(html: str, *, id: str, path: str | None = None,
                      url: str | None = None) -> Article:
    page = parse_html_page(html, url=url)
    return Article(id=id, text=page.text, title=page.title, outlet=page.outlet,
                   published=page.published, url=page.url, path=path, language=page.language,
                   units=[Unit(None, p) for p in page.paragraphs])


def _as_date(value: object) -> date | None:
    if not value:
        return None
    dt = parse_iso(str(value))
    return dt.date() if dt else None


def articles_from_records(records: Iterable[dict], *, where: str) -> Iterator[Article | InputError]:
    """JSON records → Articles. Gold units (`id`, `date`, `text`, `context`) chained by `context`
    form one document each; article records (`id`, `text` and `title`/`outlet`/`url`/`published`)
    are one article each."""
    chains: dict[str, Article] = {}
    unit_doc: dict[str, str] = {}
    for n, rec in enumerate(records, start=1):
        rwhere = f"{where} record {n}"
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield InputError("record has no 'text' string", subject=rwhere)
            continue
        rid = str(rec.get("id") or f"{Path(where).name}-{n}")
        if any(k in rec for k in ("title", "outlet", "url", "published")) and "context" not in rec:
            art = article_from_text(rec["text"], id=rid, path=where) if rec.get("raw") else Article(
                id=rid, text=rec["text"].strip(), title=rec.get("title"), outlet=rec.get("outlet"),
                published=parse_iso(str(rec.get("published") or "")), url=rec.get("url"),
                path=where, units=[Unit(None, p.strip()) for p in re.split(r"\n\s*\n|\n", rec["text"])
                                   if p.strip()])
            yield art
            continue
        ctx = rec.get("context")
        unit = Unit(rid, rec["text"], _as_date(rec.get("date")))
        if ctx and ctx in unit_doc:
            doc = chains[unit_doc[ctx]]
            doc.units.append(unit)
            doc.text += "\n\n" + unit.text
            unit_doc[rid] = doc.id
        else:
            dt = unit.date
            doc = Article(id=rid, text=unit.text, path=where,
                          published=datetime(dt.year, dt.month, dt.day) if dt else None,
                          units=[unit])
            chains[rid] = doc
            unit_doc[rid] = rid
    yield from chains.values()


def read_path(path: Path) -> Iterator[Article | InputError]:
    """One file → its articles (or errors)."""
    where = str(path)
    try:
        data = _read_bytes(path)
        name = path.name[:-3] if path.name.endswith(".gz") else path.name
        suffix = Path(name).suffix.lower()
        text = _decode(data, where)
        if suffix in JSONL_SUFFIXES:
            records = []
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except ValueError:
                    yield InputError(f"line {n} is not JSON", subject=where)
            yield from articles_from_records(records, where=where)
            return
        if suffix == ".json":
            try:
                obj = json.loads(text)
            except ValueError as exc:
                raise InputError(f"broken JSON ({exc.msg} at line {exc.lineno})", subject=where) from exc
            recs = obj.get("units") if isinstance(obj, dict) and "units" in obj else (
                obj if isinstance(obj, list) else [obj])
            yield from articles_from_records(recs, where=where)
            return
        if suffix in FEED_SUFFIXES or (suffix == ".xml" and re.search(r"<(rss|feed|rdf:RDF)\b", text[:3000])):
            yield from read_feed(text, where=where)
            return
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and "<html" in text[:2000].lower()):
            art = article_from_html(text, id=_article_id(path), path=where)
        elif suffix in TEXT_SUFFIXES or suffix not in {".xml", ".rss", ".atom"}:
            art = article_from_text(text, id=_article_id(path), path=where)
        else:
            raise InputError(f"unsupported file type {suffix!r}", subject=where)
        yield _check_body(art, where)
    except InputError as err:
        yield err


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files under the given paths, recursively, in a stable order; hidden files are skipped."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts) \
                        and f.name not in SKIP_NAMES:
                    yield f
        elif path.is_file():
            yield path
        else:
            yield InputError("no such file or directory", subject=str(path))


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    for f in iter_files(paths):
        if isinstance(f, InputError):
            yield f
        else:
            yield from read_path(f)
