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

from ..output import event_id

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


# -- batch outputs: the same columns as `export --format parquet`, written without a database ---

_TYPES: dict[str, list[tuple[str, str]]] = {}
_ARROW = {"VARCHAR": "string", "INTEGER": "int32", "DOUBLE": "float64", "DATE": "date32",
          "TIMESTAMP": "timestamp[us]", "BIGINT": "int64"}
ARTICLE_EXTRA = [("outlet", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
                 ("published", "TIMESTAMP")]


def table_columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of a store table, read from the schema itself (an in-memory database
    migrated once per process), so batch files always match the store."""
    if not _TYPES:
        import duckdb

        from .schema import migrate

        con = duckdb.connect(":memory:")
        migrate(con)
        for t in ("events", "articles"):
            _TYPES[t] = [tuple(r) for r in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [t]).fetchall()]
        con.close()
    cols = _TYPES[table]
    return cols + ARTICLE_EXTRA if table == "events" else cols


def event_rows(articles) -> list[list]:
    from .db import Store, article_key, event_day

    rows = []
    for art in articles:
        key = article_key(art)
        seen = set()
        for e in art.events:
            eid = f"{key}|{event_id(e)}"
            if eid in seen:
                continue
            seen.add(eid)
            rows.append(Store._event_row(eid, key, e, event_day(e), None)
                        + [art.outlet, art.url, art.title, art.published])
    return rows


def article_rows(articles) -> list[list]:
    from datetime import datetime

    from .db import article_key, content_hash

    now = datetime.now().replace(microsecond=0)
    return [[article_key(a), a.id, a.path, a.url, a.outlet, a.title, a.published,
             a.digest or content_hash(a.text), a.language or "en", now, len(a.events),
             max((e.sentence_index for e in a.events), default=-1) + 1] for a in articles]


def write_parquet(rows: list[list], path: Path, table: str) -> Path:
    """Write rows atomically (temp file, then rename) as Parquet with the store's column types."""
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = table_columns(table)
    data = pa.table({name: pa.array([r[k] for r in rows], type=pa.type_for_alias(_ARROW[dtype]))
                     for k, (name, dtype) in enumerate(cols)})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(data, tmp)
    os.replace(tmp, path)
    return path


def read_batch(out_dir: str | Path):
    """A batch result (events/ and articles/ Parquet folders) back into Articles with Events,
    so `tocsin ingest` stores it through the same path as freshly coded articles."""
    import pyarrow.parquet as pq

    from ..model import Actor, Article, Event, Mention

    out = Path(out_dir)
    root = out if (out / "articles").is_dir() else out.parent
    arts: dict[str, Article] = {}
    for f in sorted((root / "articles").glob("part-*.parquet")):
        for r in pq.read_table(f).to_pylist():
            arts[r["id"]] = Article(id=r["doc_id"], text="", title=r["title"], outlet=r["outlet"],
                                    published=r["published"], url=r["url"], path=r["path"],
                                    language=r["language"], digest=r["content_hash"])
    for f in sorted((root / "events").glob("part-*.parquet")):
        for r in pq.read_table(f).to_pylist():
            art = arts.get(r["article_id"])
            if art is None:
                continue

            def mention(prefix):
                if r[f"{prefix}_code"] is None and r[f"{prefix}_text"] is None:
                    return None
                return Mention(Actor(r[f"{prefix}_code"] or "", r[f"{prefix}_name"] or "", "stored"),
                               r[f"{prefix}_text"] or "", r[f"{prefix}_start"] or 0, r[f"{prefix}_end"] or 0)

            art.events.append(Event(
                doc_id=art.id, unit_id=r["unit_id"], sentence_index=r["sentence_index"],
                sentence=r["evidence"], trigger=r["trigger"],
                trigger_span=(r["trigger_start"], r["trigger_end"]), trigger_lemma=r["trigger_lemma"],
                rule=r["rule"], source=mention("source"), target=mention("target"), code=r["code"],
                name=r["name"], root=r["root"], quad=r["quad"], goldstein=r["goldstein"],
                plover=r["plover"] or "", plover_mode=r["plover_mode"] or "", status=r["status"],
                reporter=r["reporter"], event_date=r["event_date"], date_precision=r["date_precision"],
                confidence=r["confidence"], goldstein_scheme=r["goldstein_scheme"]))
    return list(arts.values())
