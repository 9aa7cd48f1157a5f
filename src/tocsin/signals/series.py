"""Dyad series: per period, event clusters by quad class and status, Goldstein sum and mean,
conflict share, material-conflict count, coverage volume, and the tension index.

Formulas (docs/signals.md has the long form):
- a cluster is one happening (see store); it counts once however many reports it has;
- status weight w: asserted 1, alleged 0.5, hypothetical 0.25, negated 0 (never conflict);
- conflict mass C = sum over the dyad's clusters in the period of w * max(0, -goldstein);
- coverage volume V = articles stored with a publication time in the period (all dyads);
- tension index T = C / sqrt(max(V, 1)): more coverage brings more reported events, so the mass is
  damped by volume, but only by its square root, because a real escalation also brings more
  distinct happenings; a period with no coverage has T = 0 and is flagged `low_volume`.
"""

from __future__ import annotations

import math
from datetime import date

PERIODS = ("day", "week", "month")
WEIGHTS = {"asserted": 1.0, "alleged": 0.5, "hypothetical": 0.25, "negated": 0.0}
MATERIAL_CONFLICT_ROOTS = ("15", "17", "18", "19", "20")
_STEP = {"day": "INTERVAL 1 DAY", "week": "INTERVAL 7 DAY", "month": "INTERVAL 1 MONTH"}

# The per-period aggregates over the clusters `c` of a dyad (shared by both series queries).
AGGREGATES = f"""count(c.status) FILTER (WHERE c.status = 'asserted') AS clusters,
        count(*) FILTER (WHERE c.status = 'asserted' AND c.quad = 1) AS verbal_coop,
        count(*) FILTER (WHERE c.status = 'asserted' AND c.quad = 2) AS material_coop,
        count(*) FILTER (WHERE c.status = 'asserted' AND c.quad = 3) AS verbal_conflict,
        count(*) FILTER (WHERE c.status = 'asserted' AND c.quad = 4) AS material_conflict_quad,
        count(*) FILTER (WHERE c.status = 'asserted' AND c.root IN {MATERIAL_CONFLICT_ROOTS}) AS material_conflict,
        count(*) FILTER (WHERE c.status = 'alleged') AS alleged,
        count(*) FILTER (WHERE c.status = 'hypothetical') AS hypothetical,
        count(*) FILTER (WHERE c.status = 'negated') AS negated,
        coalesce(sum(c.goldstein) FILTER (WHERE c.status = 'asserted'), 0) AS goldstein_sum,
        avg(c.goldstein) FILTER (WHERE c.status = 'asserted') AS goldstein_mean,
        coalesce(sum(greatest(0, -c.goldstein) * CASE c.status WHEN 'asserted' THEN {WEIGHTS['asserted']}
            WHEN 'alleged' THEN {WEIGHTS['alleged']} WHEN 'hypothetical' THEN {WEIGHTS['hypothetical']}
            ELSE 0 END), 0) AS conflict_mass"""


def _check_period(by: str) -> str:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {by!r}")
    return by


STATE_ROLES = ("", "GOV", "MIL", "COP", "SPY", "LEG", "JUD")


def _role_filter(state_only: bool) -> str:
    """Restrict to clusters whose two actors are states or state organs (no rebels, media...)."""
    if not state_only:
        return ""
    roles = ", ".join(f"'{r}'" for r in STATE_ROLES)
    return f" AND coalesce(source_role, '') IN ({roles}) AND coalesce(target_role, '') IN ({roles})"


def dyad_series(con, source: str, target: str, *, by: str = "week", start: date | None = None,
                end: date | None = None, state_only: bool = False) -> list[dict]:
    """One row per period from the first to the last period with coverage or events."""
    by = _check_period(by)

    sql = f"""
    WITH vol AS (
        SELECT date_trunc('{by}', published)::DATE AS period, count(*) AS volume
        FROM articles WHERE published IS NOT NULL GROUP BY 1),
    c AS (
        SELECT date_trunc('{by}', day)::DATE AS period, quad, goldstein, status, root
        FROM clusters WHERE source_primary = $src AND target_primary = $tgt AND day IS NOT NULL
        {_role_filter(state_only)}),
    bounds AS (
        SELECT coalesce($start::DATE, least((SELECT min(period) FROM vol), (SELECT min(period) FROM c))) AS lo,
               coalesce($end::DATE, greatest((SELECT max(period) FROM vol), (SELECT max(period) FROM c))) AS hi),
    periods AS (
        SELECT date_trunc('{by}', r.range)::DATE AS period
        FROM bounds, range(date_trunc('{by}', bounds.lo), bounds.hi + INTERVAL 1 DAY, {_STEP[by]}) r)
    SELECT p.period,
        coalesce(vol.volume, 0) AS volume,
        {AGGREGATES}
    FROM periods p LEFT JOIN vol USING (period) LEFT JOIN c USING (period)
    GROUP BY p.period, vol.volume ORDER BY p.period"""
    cur = con.execute(sql, {"src": source, "tgt": target, "start": start, "end": end})
    cols = [d[0] for d in cur.description]
    return [_finish(dict(zip(cols, r))) for r in cur.fetchall()]


def all_series(con, *, by: str = "week", min_clusters: int = 2) -> dict[tuple[str, str], list[dict]]:
    """The series of every active dyad in one pass (the same columns as `dyad_series`): one
    aggregate query, then gaps filled in Python over the common range of periods."""
    by = _check_period(by)

    vol = dict(con.execute(f"SELECT date_trunc('{by}', published)::DATE, count(*) FROM articles "
                           "WHERE published IS NOT NULL GROUP BY 1").fetchall())
    cur = con.execute(f"""
    WITH dy AS (
        SELECT source_primary, target_primary FROM clusters
        WHERE target_primary IS NOT NULL AND source_primary <> target_primary AND day IS NOT NULL
        GROUP BY 1, 2 HAVING count(*) >= {int(min_clusters)})
    SELECT c.source_primary, c.target_primary, date_trunc('{by}', c.day)::DATE AS period,
        {AGGREGATES}
    FROM clusters c JOIN dy USING (source_primary, target_primary)
    WHERE c.day IS NOT NULL GROUP BY 1, 2, 3""")
    cols = [d[0] for d in cur.description][3:]
    found: dict[tuple[str, str], dict] = {}
    periods = set(vol)
    for src, tgt, period, *vals in cur.fetchall():
        found.setdefault((src, tgt), {})[period] = dict(zip(cols, vals))
        periods.add(period)
    if not periods:
        return {}
    timeline = _timeline(min(periods), max(periods), by)
    zero = {c: 0 for c in cols}
    zero["goldstein_mean"] = None
    out = {}
    for dyad, by_period in found.items():
        rows = []
        for p in timeline:
            r = {"period": p, "volume": vol.get(p, 0), **by_period.get(p, zero)}
            rows.append(_finish(r))
        out[dyad] = rows
    return out


def _timeline(lo: date, hi: date, by: str) -> list[date]:
    from datetime import timedelta

    out, p = [], lo
    while p <= hi:
        out.append(p)
        if by == "day":
            p = p + timedelta(days=1)
        elif by == "week":
            p = p + timedelta(days=7)
        else:
            p = date(p.year + (p.month == 12), p.month % 12 + 1, 1)
    return out


def _finish(r: dict) -> dict:
    conflict = r["verbal_conflict"] + r["material_conflict_quad"]
    r["conflict_share"] = round(conflict / r["clusters"], 4) if r["clusters"] else 0.0
    r["tension"] = round(r["conflict_mass"] / math.sqrt(max(r["volume"], 1)), 4)
    r["low_volume"] = r["volume"] == 0
    r["goldstein_mean"] = round(r["goldstein_mean"], 3) if r["goldstein_mean"] is not None else None
    r["goldstein_sum"] = round(r["goldstein_sum"], 3)
    r["conflict_mass"] = round(r["conflict_mass"], 3)
    return r
