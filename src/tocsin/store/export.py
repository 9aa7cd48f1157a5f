"""Exports that load in pandas, DuckDB, R: GDELT-like and POLECAT-like column names.

- `gdelt`: tab-separated `events.gdelt.tsv` with GDELT 2.0 event column names where a column has
  a GDELT counterpart (GLOBALEVENTID, SQLDATE, Actor1Code, ..., QuadClass, GoldsteinScale,
  SOURCEURL) plus Tocsin's own (Status, Reporter, Evidence);
- `polecat`: `events.polecat.csv` with POLECAT-like names (Event ID, Event Date, Event Type, Mode,
  Actor Name, Actor Country, Recipient Name, ... ) and CAMEO columns;
- `csv` / `parquet`: the events table as stored, joined with article metadata.
"""

from __future__ import annotations

from pathlib import Path

EXPORTS = ("gdelt", "polecat", "csv", "parquet")

_BASE = """SELECT e.*, a.outlet, a.url, a.title, a.published FROM events e
           JOIN articles a ON a.id = e.article_id ORDER BY e.day NULLS LAST, e.article_id, e.sentence_index"""

GDELT_SQL = """SELECT e.id AS GLOBALEVENTID, strftime(e.day, '%Y%m%d') AS SQLDATE,
    strftime(e.day, '%Y%m') AS MonthYear, year(e.day) AS "Year",
    e.source_code AS Actor1Code, e.source_name AS Actor1Name, e.source_primary AS Actor1CountryCode,
    substr(e.source_code, 4, 3) AS Actor1Type1Code,
    e.target_code AS Actor2Code, e.target_name AS Actor2Name, e.target_primary AS Actor2CountryCode,
    substr(e.target_code, 4, 3) AS Actor2Type1Code,
    CASE WHEN e.root = '01' THEN 0 ELSE 1 END AS IsRootEvent, e.code AS EventCode,
    substr(e.code, 1, 3) AS EventBaseCode, e.root AS EventRootCode, e.quad AS QuadClass,
    e.goldstein AS GoldsteinScale, 1 AS NumMentions, 1 AS NumSources, 1 AS NumArticles,
    strftime(a.published, '%Y%m%d%H%M%S') AS DATEADDED, a.url AS SOURCEURL,
    e.status AS Status, e.reporter AS Reporter, e.evidence AS Evidence, e.cluster_id AS ClusterID,
    e.goldstein_scheme AS GoldsteinScheme, a.outlet AS Outlet
  FROM events e JOIN articles a ON a.id = e.article_id
  ORDER BY e.day NULLS LAST, e.article_id, e.sentence_index"""

POLECAT_SQL = """SELECT e.id AS "Event ID", e.day::VARCHAR AS "Event Date",
    e.plover AS "Event Type", e.plover_mode AS "Mode", e.status AS "Status",
    e.source_name AS "Actor Name", e.source_primary AS "Actor Country", e.source_code AS "Actor Code",
    e.target_name AS "Recipient Name", e.target_primary AS "Recipient Country",
    e.target_code AS "Recipient Code", e.code AS "CAMEO Code", e.root AS "CAMEO Root",
    e.evidence AS "Event Text", a.outlet AS "Publisher", a.url AS "Story URL",
    strftime(a.published, '%Y-%m-%d %H:%M:%S') AS "Story Date", e.reporter AS "Reporter",
    e.confidence AS "Confidence"
  FROM events e JOIN articles a ON a.id = e.article_id
  ORDER BY e.day NULLS LAST, e.article_id, e.sentence_index"""


def export_events(con, out_dir: str | Path, fmt: str) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        path = out / "events.gdelt.tsv"
        con.execute(f"COPY ({GDELT_SQL}) TO '{_q(path)}' (HEADER, DELIMITER '\t')")
    elif fmt == "polecat":
        path = out / "events.polecat.csv"
        con.execute(f"COPY ({POLECAT_SQL}) TO '{_q(path)}' (HEADER, DELIMITER ',')")
    elif fmt == "csv":
        path = out / "events.csv"
        con.execute(f"COPY ({_BASE}) TO '{_q(path)}' (HEADER, DELIMITER ',')")
    elif fmt == "parquet":
        path = out / "events.parquet"
        con.execute(f"COPY ({_BASE}) TO '{_q(path)}' (FORMAT PARQUET)")
        art = out / "articles.parquet"
        con.execute(f"COPY (SELECT * FROM articles ORDER BY id) TO '{_q(art)}' (FORMAT PARQUET)")
        return [path, art]
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return [path]


def _q(path: Path) -> str:
    return str(path).replace("'", "''")
