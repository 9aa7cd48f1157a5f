"""Dyads with the largest change: tension in the latest period with coverage against the mean of
the preceding four periods, computed in one SQL pass over the clusters."""

from __future__ import annotations

from .series import PERIODS, WEIGHTS


def top_dyads(con, *, by: str = "week", n: int = 10) -> list[dict]:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    w = WEIGHTS
    sql = f"""
    WITH last AS (SELECT max(date_trunc('{by}', day))::DATE AS p FROM clusters WHERE day IS NOT NULL),
    vol AS (SELECT date_trunc('{by}', published)::DATE AS period, count(*) AS volume FROM articles
            WHERE published IS NOT NULL GROUP BY 1),
    m AS (
        SELECT source_primary AS source, target_primary AS target,
               date_trunc('{by}', day)::DATE AS period,
               sum(greatest(0, -goldstein) * CASE status WHEN 'asserted' THEN {w['asserted']}
                   WHEN 'alleged' THEN {w['alleged']} WHEN 'hypothetical' THEN {w['hypothetical']}
                   ELSE 0 END) AS mass,
               count(*) AS clusters
        FROM clusters, last
        WHERE day IS NOT NULL AND target_primary IS NOT NULL AND source_primary <> target_primary
          AND day >= last.p - INTERVAL 35 DAY
        GROUP BY 1, 2, 3),
    t AS (SELECT m.*, m.mass / sqrt(greatest(coalesce(vol.volume, 0), 1)) AS tension
          FROM m LEFT JOIN vol USING (period))
    SELECT source, target,
           round(coalesce(sum(tension) FILTER (WHERE period = (SELECT p FROM last)), 0), 3) AS current,
           round(coalesce(sum(tension) FILTER (WHERE period < (SELECT p FROM last)), 0) / 4, 3) AS before,
           round(coalesce(sum(tension) FILTER (WHERE period = (SELECT p FROM last)), 0)
                 - coalesce(sum(tension) FILTER (WHERE period < (SELECT p FROM last)), 0) / 4, 3) AS change,
           sum(clusters) FILTER (WHERE period = (SELECT p FROM last)) AS clusters,
           (SELECT p FROM last)::VARCHAR AS period
    FROM t GROUP BY source, target ORDER BY abs(change) DESC, source, target LIMIT {int(n)}"""
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
