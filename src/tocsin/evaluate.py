"""Scoring the coder against gold data, by the rules of shared/eval/README.md.

Gold units (`id`, `date`, `text`, `context`, `events`, `negatives`) are coded as documents (units
chained by `context` in order). Predicted and gold events are matched one-to-one within a unit,
greedily, at three levels: dyad+root (the headline), dyad+code, root. Optional gold events excuse
a prediction that matches them with the same status, and count neither way. Negatives are events
that must not be output; a hit is reported and also counts as a false positive.

The ConfliBERT file (`text<TAB>label`) is scored by quad class: the unit's class is the most
severe quad among its events, 0 when it has only statements or nothing. Its labels follow the
Phoenix 0-4 scheme (roots 01-02 statement, 03-05 verbal cooperation, 06-08 material cooperation,
09-13 and 16 verbal conflict, 14-15 and 17-20 material conflict), so that scheme is used there.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .ingest.files import articles_from_records
from .model import Article, Event

LEVELS = ("dyad+root", "dyad+code", "root")
ALIASES = {"KSV": "XKX"}


def _as_list(v) -> list:
    return v if isinstance(v, list) else [v]


def _primary(code: str | None) -> str | None:
    if code is None:
        return None
    p = code[:3]
    return ALIASES.get(p, p)


@dataclass
class Gold:
    unit: str
    source: list | None  # acceptable codes; None when not given
    target: list | None
    codes: list[str]
    roots: list[str]
    status: str
    optional: bool
    raw: dict


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    required: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "matched": self.matched, "predicted": self.predicted,
                "required": self.required}


@dataclass
class Report:
    name: str
    units: int = 0
    levels: dict[str, Score] = field(default_factory=lambda: {lv: Score() for lv in LEVELS})
    per_root: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    per_status: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    negative_hits: list[dict] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    dyad_units: int = 0
    quad: dict | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name, "units": self.units, "dyad_units": self.dyad_units,
            "levels": {k: v.as_dict() for k, v in self.levels.items()},
            "per_root": {k: v.as_dict() for k, v in sorted(self.per_root.items())},
            "per_status": {k: dict(v) for k, v in self.per_status.items()},
            "negative_hits": self.negative_hits, "misses": self.misses, "quad": self.quad,
        }


class Scorer:
    def __init__(self, igo_codes: set[str]) -> None:
        self.igo = igo_codes

    def _actor_ok(self, accepted: list | None, code: str | None) -> bool:
        if accepted is None:
            return True
        p = _primary(code)
        for a in accepted:
            if a is None:
                if p is None:
                    return True
                continue
            ga = _primary(a)
            if ga == p or (ga == "IGO" and p in self.igo):
                return True
        return False

    def ok(self, level: str, g: Gold, e: Event) -> bool:
        if level in {"dyad+root", "root"} and e.root not in g.roots:
            return False
        if level == "dyad+code" and e.code not in g.codes:
            return False
        if level == "root":
            return True
        src = e.source.actor.code if e.source else None
        tgt = e.target.actor.code if e.target and e.target.actor.code else None
        return self._actor_ok(g.source, src) and self._actor_ok(g.target, tgt)

    def negative_hit(self, neg: dict, e: Event) -> bool:
        if e.status != neg.get("status", "asserted"):
            return False
        if "root" in neg and e.root not in _as_list(neg["root"]):
            return False
        if "source" in neg and not self._actor_ok(_as_list(neg["source"]),
                                                  e.source.actor.code if e.source else None):
            return False
        if "target" in neg and neg["target"] is not None and not self._actor_ok(
                _as_list(neg["target"]), e.target.actor.code if e.target else None):
            return False
        return True


def parse_gold(unit: dict) -> list[Gold]:
    out = []
    for ev in unit.get("events", []):
        codes = [str(c) for c in _as_list(ev.get("code", []))]
        roots = [str(r) for r in _as_list(ev.get("root"))] if ev.get("root") else sorted({c[:2] for c in codes})
        out.append(Gold(
            unit=unit["id"],
            source=_as_list(ev["source"]) if "source" in ev else None,
            target=_as_list(ev["target"]) if "target" in ev else None,
            codes=codes, roots=roots, status=ev.get("status", "asserted"),
            optional=bool(ev.get("optional", False)), raw=ev,
        ))
    return out


def score_unit(report: Report, scorer: Scorer, unit: dict, preds: list[Event]) -> None:
    golds = parse_gold(unit)
    has_dyads = any(g.source is not None for g in golds) or (not golds and unit.get("negatives"))
    report.units += 1
    report.dyad_units += bool(has_dyads)
    for level in LEVELS:
        if level != "root" and not has_dyads:
            continue
        used_p: set[int] = set()
        matched_g: dict[int, int] = {}
        # required golds first, then optional; same-status predictions first
        order = sorted(range(len(golds)), key=lambda i: golds[i].optional)
        for gi in order:
            g = golds[gi]
            cands = [pi for pi, e in enumerate(preds) if pi not in used_p and scorer.ok(level, g, e)]
            if not cands:
                continue
            cands.sort(key=lambda pi: (preds[pi].status != g.status, -preds[pi].confidence))
            pi = cands[0]
            if g.optional and preds[pi].status != g.status:
                continue
            used_p.add(pi)
            matched_g[gi] = pi
        sc = report.levels[level]
        opt = sum(1 for gi in matched_g if golds[gi].optional)
        req_matched = sum(1 for gi in matched_g if not golds[gi].optional)
        sc.matched += req_matched
        sc.predicted += len(preds) - opt
        sc.required += sum(1 for g in golds if not g.optional)
        if level == "dyad+root" or (level == "root" and not has_dyads):
            for gi, g in enumerate(golds):
                if g.optional:
                    continue
                if gi in matched_g:
                    report.per_status[g.status][
                        "right" if preds[matched_g[gi]].status == g.status else
                        f"predicted {preds[matched_g[gi]].status}"] += 1
                else:
                    report.per_status[g.status]["missed"] += 1
                    report.misses.append({"unit": unit["id"], "level": level, "gold": g.raw,
                                          "text": unit["text"][:200],
                                          "predicted": [_short(e) for e in preds]})
        if level == "root":
            for gi, g in enumerate(golds):
                if g.optional:
                    continue
                r = report.per_root[g.roots[0]]
                r.required += 1
                r.matched += gi in matched_g
            for pi, e in enumerate(preds):
                if not any(golds[gi].optional for gi, p in matched_g.items() if p == pi):
                    report.per_root[e.root].predicted += 1
    for neg in unit.get("negatives", []):
        for e in preds:
            if scorer.negative_hit(neg, e):
                report.negative_hits.append({"unit": unit["id"], "negative": neg, "predicted": _short(e)})


def _short(e: Event) -> str:
    s = e.source.actor.code or f"?{e.source.text}" if e.source else "-"
    t = (e.target.actor.code or f"?{e.target.text}") if e.target else "-"
    return f"{s}->{t} {e.code} {e.status} [{e.rule}: {e.trigger}]"


def load_units(path: Path) -> list[dict]:
    if path.suffix == ".json":
        obj = json.loads(path.read_text(encoding="utf-8"))
        return obj["units"] if isinstance(obj, dict) else obj
    if path.suffix == ".tsv":
        units = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "\t" not in line:
                continue
            text, label = line.rsplit("\t", 1)
            units.append({"id": f"{path.stem}-{n}", "text": text, "quad": int(label)})
        return units
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def evaluate(path: str | Path, coder) -> Report:
    path = Path(path)
    units = load_units(path)
    for u in units:  # gold units carry their own date; ConfliBERT/cameo units have none
        u.setdefault("date", None)
    records = [{"id": u["id"], "date": u.get("date"), "text": u["text"],
                **({"context": u["context"]} if u.get("context") else {})} for u in units]
    arts: list[Article] = [a for a in articles_from_records(records, where=str(path))
                           if isinstance(a, Article)]
    by_unit: dict[str, list[Event]] = defaultdict(list)
    for art in coder.code_articles(arts):
        for e in art.events:
            by_unit[e.unit_id].append(e)
    report = Report(name=path.name)
    if units and "quad" in units[0]:
        return _score_quads(report, units, by_unit, coder)
    igo = {a.code[:3] for entries in coder.kb.names.values() for e in entries
           if e.kind == "organization" and (a := e.actor) is not None}
    scorer = Scorer(igo)
    for u in units:
        score_unit(report, scorer, u, by_unit.get(u["id"], []))
    return report


def _score_quads(report: Report, units, by_unit, coder) -> Report:
    labels = range(5)
    confusion = [[0] * 5 for _ in labels]
    right = 0
    for u in units:
        evs = by_unit.get(u["id"], [])
        quads = [coder.codebook[e.code].quad_phoenix for e in evs]
        pred = max(quads, default=0)
        confusion[u["quad"]][pred] += 1
        right += pred == u["quad"]
        report.units += 1
        if pred != u["quad"]:
            report.misses.append({"unit": u["id"], "gold": u["quad"], "predicted": pred,
                                  "text": u["text"][:160], "events": [_short(e) for e in evs]})
    report.quad = {"accuracy": round(right / max(1, len(units)), 4), "confusion": confusion,
                   "labels": ["0 statement", "1 verbal coop", "2 material coop",
                              "3 verbal conflict", "4 material conflict"],
                   "scheme": "phoenix 0-4"}
    return report
