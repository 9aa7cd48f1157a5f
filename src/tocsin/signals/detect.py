"""Escalation detection on a dyad's tension series.

- `surge`: the period's tension index T is far above its own recent past: score =
  (T - median) / (1.4826 * MAD + floor) over the trailing `window` periods (median/MAD are robust
  to the odd spike; the floor keeps quiet dyads from alarming on one event). An alert needs
  score >= `threshold` and at least `min_count` conflict clusters (asserted or alleged) in the
  period. Levels: elevated (score < 2x threshold), high (< 4x), severe.
- `ladder`: the first asserted material conflict (roots 15, 17-20) after `calm` periods without
  any: a step up the escalation ladder that Goldstein sums cannot see. Level high; severe for
  roots 18-20 (assault, fight, mass violence).
Each alert names the clusters that drove it.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from dataclasses import asdict, dataclass, field
from datetime import date

from .series import MATERIAL_CONFLICT_ROOTS, all_series, dyad_series


@dataclass
class Alert:
    source: str
    target: str
    start: str
    period: str
    level: str
    score: float
    kind: str
    value: float
    baseline: float
    events: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.source}|{self.target}|{self.start}|{self.period}|{self.kind}"
                            .encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        return d


@dataclass(frozen=True)
class Settings:
    by: str = "week"
    window: int = 8
    threshold: float = 3.0
    min_count: int = 2
    floor: float = 1.0
    calm: int = 8
    min_history: int = 4


def _level(score: float, threshold: float) -> str:
    return "elevated" if score < 2 * threshold else "high" if score < 4 * threshold else "severe"


def detect_series(rows: list[dict], source: str, target: str, s: Settings) -> list[tuple[Alert, dict]]:
    out = []
    last_material = None
    for i, r in enumerate(rows):
        hist = [x["tension"] for x in rows[max(0, i - s.window):i]]
        if len(hist) >= s.min_history:
            med = statistics.median(hist)
            mad = statistics.median(abs(h - med) for h in hist)
            score = (r["tension"] - med) / (1.4826 * mad + s.floor)
            conflicts = r["verbal_conflict"] + r["material_conflict_quad"] + r["alleged"]
            if score >= s.threshold and conflicts >= s.min_count:
                out.append((Alert(source, target, str(r["period"]), s.by, _level(score, s.threshold),
                                  round(score, 3), "surge", r["tension"], round(med, 4)), r))
        if r["material_conflict"]:
            if last_material is None or i - last_material > s.calm:
                out.append((Alert(source, target, str(r["period"]), s.by, "high", float(r["material_conflict"]),
                                  "ladder", r["tension"], 0.0), r))
            last_material = i
    return out


def _attach_drivers(con, alerts: list[Alert], by: str, limit: int = 5) -> None:
    """Give each alert the clusters that drove it: the most hostile asserted or alleged clusters
    of its dyad and period (material conflict only, for a ladder step). One query for all
    alerts, so the cost does not grow with their number."""
    if not alerts:
        return
    keys = sorted({f"{a.source}|{a.target}|{a.start}" for a in alerts})
    cur = con.execute(f"""
        WITH c AS (
            SELECT c.*, date_trunc('{by}', c.day)::DATE AS period FROM clusters c
            WHERE c.status IN ('asserted', 'alleged') AND c.day IS NOT NULL
              AND c.source_primary || '|' || c.target_primary || '|' || date_trunc('{by}', c.day)::DATE::VARCHAR
                  IN (SELECT unnest(?))),
        o AS (
            SELECT e.cluster_id, string_agg(DISTINCT a.outlet, ', ') AS outlets
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE e.cluster_id IN (SELECT id FROM c) GROUP BY e.cluster_id)
        SELECT c.source_primary, c.target_primary, c.period::VARCHAR AS start, c.id AS cluster,
               c.code, c.root, c.status, c.day::VARCHAR AS day, c.goldstein, c.n_articles,
               c.n_outlets, c.evidence, o.outlets
        FROM c LEFT JOIN o ON o.cluster_id = c.id
        ORDER BY c.goldstein ASC, c.n_articles DESC, c.id""", [keys])
    cols = [d[0] for d in cur.description][3:]
    found: dict[tuple, list[dict]] = {}
    for src, tgt, start, *vals in cur.fetchall():
        found.setdefault((src, tgt, start), []).append(dict(zip(cols, vals)))
    for a in alerts:
        rows = found.get((a.source, a.target, a.start), [])
        if a.kind == "ladder":
            rows = [r for r in rows if r["root"] in MATERIAL_CONFLICT_ROOTS]
            if any(r["root"] in {"18", "19", "20"} for r in rows[:limit]):
                a.level = "severe"
        a.events = rows[:limit]


def detect(con, *, settings: Settings | None = None, dyads: list[tuple[str, str]] | None = None,
           since: date | None = None) -> list[Alert]:
    s = settings or Settings()
    alerts: list[Alert] = []
    if dyads:
        series = {(a, b): dyad_series(con, a, b, by=s.by) for a, b in dyads}
    else:
        series = all_series(con, by=s.by)
    for (src, tgt), rows in sorted(series.items()):
        for alert, _row in detect_series(rows, src, tgt, s):
            if since and date.fromisoformat(alert.start) < since:
                continue
            alerts.append(alert)
    _attach_drivers(con, alerts, s.by)
    alerts.sort(key=lambda a: (a.start, a.source, a.target))
    return alerts


def save_alerts(con, alerts: list[Alert]) -> int:
    """Replace the stored alerts with these (alerts are derived from the events; an alert keeps
    its id — dyad, start, period, kind — across runs, so deliveries keyed by it are not repeated)."""
    from datetime import datetime

    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM alerts")
        for a in alerts:
            con.execute("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [a.id, a.source, a.target, a.start, a.period, a.level, a.score, a.kind,
                         a.value, a.baseline, json.dumps(a.events, default=str),
                         datetime.now().replace(microsecond=0)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(alerts)
