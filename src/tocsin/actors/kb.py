"""The actor knowledge base: countries, seats of government, international bodies, armed groups,
role terms and people with dated roles, read from TSV files (docs/data-formats.md).

Every row is validated (codes, dates, column counts); a bad row is a `DataError` naming file and
line. User files (`extra_dirs`) are read after the shipped ones and win on conflicts. Names are
indexed as lower-cased token tuples from the pipeline's own tokenizer, so "U.S." or
"commander-in-chief" match exactly the tokens the parser sees.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from ..errors import DataError
from ..model import Actor

CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
ROLE_RE = re.compile(r"^[A-Z]{3}$")

FAMILY_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"}

# How strongly a kind of name signals its actor; used to choose among overlapping matches.
KINDS = ("person", "group", "organization", "seat", "country", "capital", "adjective", "place",
         "role")


@dataclass(frozen=True)
class PersonRole:
    code: str
    start: date | None
    end: date | None
    title: str


@dataclass
class Person:
    name: str
    roles: list[PersonRole] = field(default_factory=list)

    def active_on(self, when: date | None) -> bool:
        return when is not None and any(
            (r.start or date.min) <= when <= (r.end or date.max) for r in self.roles)

    def actor_on(self, when: date | None) -> Actor:
        """The person's actor on a date: the role covering it, else the latest role before it,
        else the earliest role."""
        roles = sorted(self.roles, key=lambda r: r.start or date.min)
        chosen = roles[-1]
        if when is not None:
            covering = [r for r in roles if (r.start or date.min) <= when <= (r.end or date.max)]
            before = [r for r in roles if (r.start or date.min) <= when]
            chosen = covering[-1] if covering else before[-1] if before else roles[0]
        return Actor(chosen.code, self.name, "person")


@dataclass(frozen=True)
class Entry:
    """What a name in the text can stand for."""

    kind: str  # one of KINDS
    actor: Actor | None = None  # fixed actor (countries, seats, organizations, groups)
    person: Person | None = None
    role: str | None = None  # for role terms
    names_person: bool = False  # role term naming one person ("minister")
    exact_case: bool = False  # acronyms: match only in this case ("US", not "us")
    surface: str = ""

    def actor_on(self, when: date | None) -> Actor | None:
        if self.person is not None:
            return self.person.actor_on(when)
        return self.actor


def _parse_date(value: str, where: str, *, end: bool = False) -> date | None:
    value = value.strip()
    if not value:
        return None
    if not DATE_RE.match(value):
        raise DataError(f"bad date {value!r} (YYYY or YYYY-MM-DD)", subject=where)
    if len(value) == 4:
        return date(int(value), 12, 31) if end else date(int(value), 1, 1)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DataError(f"bad date {value!r}", subject=where) from exc


def _rows(path: Path | resources.abc.Traversable, columns: tuple[str, ...]) -> Iterable[tuple[str, dict]]:
    text = path.read_text(encoding="utf-8")
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), start=1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(f"missing columns {missing}", subject=f"{path.name}")
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DataError(f"{len(cells)} cells for {len(header)} columns", subject=f"{path.name}:{n}")
        cells += [""] * (len(header) - len(cells))
        yield f"{path.name}:{n}", {k: v.strip() for k, v in zip(header, cells)}


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _check_code(code: str, where: str) -> str:
    if not CODE_RE.match(code):
        raise DataError(f"bad actor code {code!r}", subject=where)
    return code


class KnowledgeBase:
    """Names → entries, role terms, and the code tables the resolver needs."""

    def __init__(self, tokenize: Callable[[str], list[str]]) -> None:
        self._tokenize = tokenize
        self.names: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len = 1
        self.roles: dict[str, str] = {}  # role code → description (from roles.tsv)
        self.country_names: dict[str, str] = {}  # primary code → display name
        self.people: dict[str, Person] = {}

    # -- building ---------------------------------------------------------------------------
    def add_name(self, surface: str, entry: Entry) -> None:
        toks = tuple(t.lower() for t in self._tokenize(surface))
        if not toks:
            return
        exact = surface.isupper() and len(surface.replace(".", "")) <= 4
        if exact != entry.exact_case:
            entry = Entry(entry.kind, entry.actor, entry.person, entry.role, entry.names_person,
                          exact, surface)
        elif not entry.surface:
            entry = Entry(entry.kind, entry.actor, entry.person, entry.role, entry.names_person,
                          entry.exact_case, surface)
        bucket = self.names.setdefault(toks, [])
        if entry.kind == "person":
            # several people can share a name ("Sharif"); the date decides when resolving
            if all(e.person is not entry.person for e in bucket):
                bucket.append(entry)
        else:
            # a later file wins over an earlier one for the same name and kind
            bucket[:] = [e for e in bucket if e.kind != entry.kind] + [entry]
        self.max_len = max(self.max_len, len(toks))

    def load_dir(self, folder: Path | resources.abc.Traversable) -> None:
        def f(name: str):
            p = folder / name
            return p if p.is_file() else None

        for fname in ("countries.tsv", "historical.tsv"):
            p = f(fname)
            if p is None:
                continue
            for where, r in _rows(p, ("code", "name", "aliases", "adjectives", "capitals")):
                code = _check_code(r["code"], where)
                if len(code) != 3:
                    raise DataError(f"country code {code!r} is not 3 letters", subject=where)
                actor = Actor(code, self.country_names.get(code, r["name"]), "country")
                self.country_names.setdefault(code, r["name"])
                for n in [r["name"], *_split(r["aliases"])]:
                    self.add_name(n, Entry("country", actor))
                for n in _split(r["adjectives"]):
                    self.add_name(n, Entry("adjective", actor))
                gov = Actor(code + "GOV", f"{r['name']} (government)", "capital")
                for n in _split(r["capitals"]):
                    self.add_name(n, Entry("capital", gov))
        if p := f("places.tsv"):
            # cities, regions and territories: where something happens, and whose country is hit
            for where, r in _rows(p, ("name", "aliases", "country")):
                code = _check_code(r["country"], where)
                actor = Actor(code, r["name"], "place")
                for n in [r["name"], *_split(r["aliases"])]:
                    self.add_name(n, Entry("place", actor))
        if p := f("organizations.tsv"):
            for where, r in _rows(p, ("code", "name", "aliases")):
                actor = Actor(_check_code(r["code"], where), r["name"], "organization")
                self.country_names.setdefault(actor.code[:3], r["name"])
                for n in [r["name"], *_split(r["aliases"])]:
                    self.add_name(n, Entry("organization", actor))
                for n in _split(r.get("adjectives", "")):
                    self.add_name(n, Entry("adjective", actor))
        if p := f("seats.tsv"):
            for where, r in _rows(p, ("text", "code")):
                actor = Actor(_check_code(r["code"], where), r["text"], "seat")
                self.add_name(r["text"], Entry("seat", actor))
        if p := f("groups.tsv"):
            for where, r in _rows(p, ("code", "name", "aliases")):
                actor = Actor(_check_code(r["code"], where), r["name"], "group")
                for n in [r["name"], *_split(r["aliases"])]:
                    self.add_name(n, Entry("group", actor))
        if p := f("roles.tsv"):
            for where, r in _rows(p, ("term", "role", "person")):
                role = r["role"]
                if not ROLE_RE.match(role):
                    raise DataError(f"bad role code {role!r}", subject=where)
                self.roles.setdefault(role, r["term"])
                self.add_name(r["term"], Entry("role", role=role,
                                               names_person=r["person"].lower() in {"yes", "y", "1"}))
        if p := f("people.tsv"):
            for where, r in _rows(p, ("name", "aliases", "code", "start", "end", "title")):
                code = _check_code(r["code"], where)
                start = _parse_date(r["start"], where)
                end = _parse_date(r["end"], where, end=True)
                if start and end and end < start:
                    raise DataError("role ends before it starts", subject=where)
                person = self.people.setdefault(r["name"], Person(r["name"]))
                person.roles.append(PersonRole(code, start, end, r["title"]))
                if len(person.roles) == 1:
                    names = [r["name"], *_split(r["aliases"])]
                    parts = r["name"].split()
                    # Chinese and Korean names are written family name first in English news
                    surname = parts[0] if code[:3] in FAMILY_FIRST and len(parts) > 1 else parts[-1]
                    if surname not in names and len(surname) >= 2:
                        names.append(surname)
                    for n in names:
                        self.add_name(n, Entry("person", person=person))
                else:
                    for n in _split(r["aliases"]):
                        self.add_name(n, Entry("person", person=person))

    # -- lookups ----------------------------------------------------------------------------
    def lookup(self, tokens: tuple[str, ...]) -> list[Entry]:
        return self.names.get(tokens, [])

    def name_of(self, code: str) -> str:
        return self.country_names.get(code[:3], code)


def shipped_dir() -> resources.abc.Traversable:
    return resources.files("tocsin") / "data" / "actors"


def user_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    dirs = [Path(p) for p in extra]
    env = os.environ.get("TOCSIN_KB")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    for d in dirs:
        if not d.is_dir():
            raise DataError("not a directory", subject=str(d))
    return dirs


def load_kb(tokenize: Callable[[str], list[str]], extra_dirs: Iterable[str | Path] = ()) -> KnowledgeBase:
    kb = KnowledgeBase(tokenize)
    kb.load_dir(shipped_dir())
    for d in user_dirs(extra_dirs):
        kb.load_dir(d)
    return kb
