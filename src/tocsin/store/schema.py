"""The DuckDB schema and its forward migrations.

`meta.schema_version` says which migrations have run; `migrate` applies the missing ones in order,
each in its own transaction. Column names follow the coder's `Event` fields; exports map them to
GDELT- and POLECAT-like names (`tocsin.store.export`).
"""

from __future__ import annotations

SCHEMA_VERSION = 2

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS articles (
            id VARCHAR PRIMARY KEY,          -- stable key: url, else doc id
            doc_id VARCHAR, path VARCHAR, url VARCHAR, outlet VARCHAR, title VARCHAR,
            published TIMESTAMP, content_hash VARCHAR, language VARCHAR,
            ingested_at TIMESTAMP, n_events INTEGER, n_sentences INTEGER)""",
        """CREATE TABLE IF NOT EXISTS events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, unit_id VARCHAR, sentence_index INTEGER,
            source_code VARCHAR, source_primary VARCHAR, source_name VARCHAR, source_text VARCHAR,
            target_code VARCHAR, target_primary VARCHAR, target_name VARCHAR, target_text VARCHAR,
            code VARCHAR, root VARCHAR, name VARCHAR, quad INTEGER, goldstein DOUBLE,
            goldstein_scheme VARCHAR, plover VARCHAR, plover_mode VARCHAR, status VARCHAR,
            reporter VARCHAR, event_date VARCHAR, date_precision VARCHAR, day DATE,
            confidence DOUBLE, trigger VARCHAR, trigger_lemma VARCHAR, trigger_start INTEGER,
            trigger_end INTEGER, source_start INTEGER, source_end INTEGER, target_start INTEGER,
            target_end INTEGER, rule VARCHAR, evidence VARCHAR, cluster_id VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS clusters (
            id VARCHAR PRIMARY KEY, source_primary VARCHAR, target_primary VARCHAR, root VARCHAR,
            code VARCHAR, quad INTEGER, goldstein DOUBLE, status VARCHAR, day DATE,
            n_events INTEGER, n_articles INTEGER, n_outlets INTEGER, evidence VARCHAR,
            trigger_lemma VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS outlets (
            name VARCHAR PRIMARY KEY, country VARCHAR, category VARCHAR, domain VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS alerts (
            id VARCHAR PRIMARY KEY, source VARCHAR, target VARCHAR, start DATE, period VARCHAR,
            level VARCHAR, score DOUBLE, kind VARCHAR, value DOUBLE, baseline DOUBLE,
            clusters VARCHAR, created_at TIMESTAMP)""",
        """CREATE INDEX IF NOT EXISTS events_dyad ON events (source_primary, target_primary, day)""",
        """CREATE INDEX IF NOT EXISTS events_article ON events (article_id)""",
        """CREATE INDEX IF NOT EXISTS clusters_dyad ON clusters (source_primary, target_primary, root, day)""",
    ],
    # 2: the roles of a cluster's actors (from its first event), so series can be restricted to
    # state actors; existing clusters are filled from their events.
    2: [
        """ALTER TABLE clusters ADD COLUMN IF NOT EXISTS source_role VARCHAR""",
        """ALTER TABLE clusters ADD COLUMN IF NOT EXISTS target_role VARCHAR""",
        """UPDATE clusters SET source_role = r.sr, target_role = r.tr
           FROM (SELECT cluster_id, substr(arg_min(source_code, id), 4, 3) AS sr,
                        substr(arg_min(target_code, id), 4, 3) AS tr
                 FROM events WHERE cluster_id IS NOT NULL GROUP BY cluster_id) r
           WHERE clusters.id = r.cluster_id""",
    ],
}


def migrate(con) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it had."""
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    have = int(row[0]) if row else 0
    for version in sorted(v for v in MIGRATIONS if v > have):
        con.execute("BEGIN TRANSACTION")
        try:
            for stmt in MIGRATIONS[version]:
                con.execute(stmt)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return have
