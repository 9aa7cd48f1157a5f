"""The predicate lexicon: verbs and nouns that code events, read from `data/lexicon/*.yaml`
(format in docs/data-formats.md) and validated against the CAMEO table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from ..codebook import Codebook
from ..errors import DataError

EMBEDS = {"say", "accuse", "deny", "intent", "demand"}
TARGETS = {"object", "none", "between"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Predicate:
    id: str
    lemma: str
    pos: str  # VERB | NOUN
    code: str | None
    particle: str | None
    objects: frozenset[str]
    preps: tuple[str, ...]
    target: str
    embeds: str | None
    negative: bool
    need_target: bool = False  # code only when a target is found ("called Zelensky", not "called it")
    reverse: bool = False  # the target acts on the subject ("received weapons from X": X gives)

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (2 if self.particle else 0) + (1 if self.preps else 0)


class Lexicon:
    def __init__(self, entries: list[Predicate]) -> None:
        self.entries = entries
        self.index: dict[tuple[str, str], list[Predicate]] = {}
        for e in entries:
            self.index.setdefault((e.lemma, e.pos), []).append(e)
        for lst in self.index.values():
            lst.sort(key=lambda e: -e.specificity)
        self.lemmas = frozenset(lemma for lemma, _ in self.index)

    def candidates(self, lemma: str, pos: str) -> list[Predicate]:
        return self.index.get((lemma, pos), [])

    def __len__(self) -> int:
        return len(self.entries)


def _as_list(value, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value.lower()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.lower() for v in value]
    raise DataError(f"expected a string or list of strings, got {value!r}", subject=where)


def parse_entries(items: object, source: str, codebook: Codebook) -> list[Predicate]:
    if not isinstance(items, list):
        raise DataError("expected a YAML list of entries", subject=source)
    out = []
    for n, it in enumerate(items, start=1):
        where = f"{source} entry {n}"
        if not isinstance(it, dict):
            raise DataError("entry is not a mapping", subject=where)
        pid = str(it.get("id", ""))
        if not _ID.match(pid):
            raise DataError(f"bad id {pid!r}", subject=where)
        where = f"{source} entry {pid!r}"
        lemma = str(it.get("lemma", "")).strip().lower()
        if not lemma:
            raise DataError("no lemma", subject=where)
        pos = str(it.get("pos", "VERB")).upper()
        if pos not in {"VERB", "NOUN"}:
            raise DataError(f"pos must be VERB or NOUN, not {pos!r}", subject=where)
        code = it.get("code")
        code = None if code is None else str(code)
        if code is not None and code not in codebook:
            raise DataError(f"unknown CAMEO code {code!r}", subject=where)
        embeds = it.get("embeds")
        if embeds is not None and embeds not in EMBEDS:
            raise DataError(f"embeds must be one of {sorted(EMBEDS)}", subject=where)
        target = str(it.get("target", "object"))
        if target not in TARGETS:
            raise DataError(f"target must be one of {sorted(TARGETS)}", subject=where)
        negative = bool(it.get("negative", False))
        if code is None and embeds is None and not negative:
            raise DataError("entry has no code, embeds or negative", subject=where)
        particle = it.get("particle")
        out.append(Predicate(
            id=pid, lemma=lemma, pos=pos, code=code,
            particle=str(particle).lower() if particle else None,
            objects=frozenset(_as_list(it.get("object"), where)),
            preps=tuple(_as_list(it.get("preps"), where)),
            target=target, embeds=embeds, negative=negative,
            need_target=bool(it.get("need_target", False)), reverse=bool(it.get("reverse", False)),
        ))
    return out


def load_lexicon(codebook: Codebook, extra_files: list[Path] | None = None) -> Lexicon:
    folder = resources.files("tocsin") / "data" / "lexicon"
    entries: list[Predicate] = []
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    # the user's files come first, so their entries win over shipped ones of the same specificity
    for f in [*(extra_files or []), *files]:
        try:
            items = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise DataError(f"YAML error: {exc}", subject=f.name) from exc
        entries.extend(parse_entries(items or [], f.name, codebook))
    ids: set[str] = set()
    for e in entries:
        if e.id in ids:
            raise DataError(f"duplicate id {e.id!r}", subject="lexicon")
        ids.add(e.id)
    return Lexicon(entries)
