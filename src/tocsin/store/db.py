"""The event store: one DuckDB file (`./tocsin.duckdb`, or `--db`/`TOCSIN_DB`).

Each article is written in one transaction with its events and their cluster assignments, so a
process killed mid-ingest leaves a consistent file and a re-run completes it. Articles are keyed
by URL (else document id) and carry a content hash: the same text is stored once, a changed text
replaces its old events.

Clusters merge reports of the same happening across articles and outlets: same source and target
primaries, root and status, event days within one day, and similar evidence (same trigger lemma or
overlapping content words). Signals count clusters, not reports.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

from ..model import Article, Event
from ..output import event_id
from .schema import migrate

DEFAULT_DB = "tocsin.duckdb"
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset("that with from have been were said this would their which about after".split())
SIMILARITY = 0.25


def db_path(path: str | Path | None = None) -> str:
    return str(path or os.environ.get("TOCSIN_DB") or DEFAULT_DB)


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def article_key(art: Article) -> str:
    return art.url or art.id


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def similar(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def event_day(e: Event) -> date | None:
    """The day an event counts on in series: day-precise or report-dated events only; background
    dated to a month or year stays out of the series."""
    if e.event_date and e.date_precision in {"day", "report", "week"}:
        try:
            return date.fromisoformat(e.event_date)
        except ValueError:
            return None
    return None


class Store:
    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        import duckdb

        self.path = db_path(path)
        self._column_cache: dict[str, list] = {}
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            migrate(self.con)
            self._load_outlets()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- outlets ---------------------------------------------------------------------------
    def _load_outlets(self) -> None:
        if self.con.execute("SELECT count(*) FROM outlets").fetchone()[0]:
            return
        text = (resources.files("tocsin") / "data" / "outlets.tsv").read_text("utf-8")
        rows = [r for r in csv.reader((ln for ln in text.splitlines() if ln and not ln.startswith("#")),
                                      delimiter="\t")][1:]
        if rows:
            self.con.executemany("INSERT OR REPLACE INTO outlets VALUES (?, ?, ?, ?)",
                                 [r[:4] + [""] * (4 - len(r[:4])) for r in rows])

    # -- writing ---------------------------------------------------------------------------
    def known_hashes(self) -> dict[str, str]:
        """Article key → content hash for everything stored."""
        return dict(self.con.execute("SELECT id, content_hash FROM articles").fetchall())

    def put_article(self, art: Article) -> str:
        """Store one coded article and its events in one transaction; returns
        new/unchanged/replaced."""
        return self.put_articles([art])[0]

    def put_articles(self, arts: list[Article]) -> list[str]:
        """Store a batch of coded articles in one transaction (an article is never split across
        transactions; a kill leaves whole articles or none of a batch). Returns one result per
        article: new, unchanged or replaced. A handful of statements per batch, whatever its size:
        per-statement cost, not data, dominates small writes in DuckDB."""
        con = self.con
        keyed = [(art, article_key(art), art.digest or content_hash(art.text)) for art in arts]
        con.execute("BEGIN TRANSACTION")
        try:
            keys = list({k for _, k, _ in keyed})
            stored = dict(con.execute("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))",
                                      [keys]).fetchall()) if keys else {}
            results: list[str] = []
            todo: list[tuple[Article, str, str]] = []
            seen: set[str] = set()
            for art, key, digest in keyed:
                if stored.get(key) == digest or key in seen:
                    results.append("unchanged")
                    continue
                seen.add(key)
                results.append("replaced" if key in stored else "new")
                todo.append((art, key, digest))
            replaced = [k for _, k, _ in todo if k in stored]
            touched: set[str] = set()
            if replaced:
                touched |= {r[0] for r in con.execute(
                    "SELECT DISTINCT cluster_id FROM events WHERE article_id IN (SELECT unnest(?)) "
                    "AND cluster_id IS NOT NULL", [replaced]).fetchall()}
                con.execute("DELETE FROM events WHERE article_id IN (SELECT unnest(?))", [replaced])
                con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [replaced])
            now = datetime.now().replace(microsecond=0)
            self._insert_many("articles", [
                [key, art.id, art.path, art.url, art.outlet, art.title, art.published, digest,
                 art.language or "en", now, len(art.events),
                 max((e.sentence_index for e in art.events), default=-1) + 1]
                for art, key, digest in todo])
            rows, new_clusters = self._event_rows([(key, art.events) for art, key, _ in todo], touched)
            self._insert_many("clusters", new_clusters, ignore=True)
            self._insert_many("events", rows)
            self._refresh_clusters(touched)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return results

    def _insert_many(self, table: str, rows: list[list], *, ignore: bool = False) -> None:
        """Bulk insert through an Arrow table: binding thousands of Python parameters one by one
        costs DuckDB more than the write itself."""
        if not rows:
            return
        import pyarrow as pa

        cols = self._columns(table)
        data = pa.table({c: pa.array([r[k] for r in rows], type=t) for k, (c, t) in enumerate(cols)})
        self.con.register("_tocsin_rows", data)
        try:
            self.con.execute(f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} SELECT * FROM _tocsin_rows")
        finally:
            self.con.unregister("_tocsin_rows")

    _ARROW_TYPES = {"VARCHAR": "string", "INTEGER": "int32", "DOUBLE": "float64", "DATE": "date32",
                    "TIMESTAMP": "timestamp[us]", "BIGINT": "int64"}

    def _columns(self, table: str) -> list[tuple[str, object]]:
        import pyarrow as pa

        cache = self._column_cache
        if table not in cache:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()
            cache[table] = [(name, pa.type_for_alias(self._ARROW_TYPES[dtype])) for name, dtype in rows]
        return cache[table]

    def _event_rows(self, articles: list[tuple[str, list[Event]]], touched: set[str]
                    ) -> tuple[list[list], list[list]]:
        """Rows for the events table, each event assigned to a cluster. Candidate clusters for
        the whole batch are fetched in one query; clusters opened by the batch are shared by its
        later events."""
        days = [d for _, evs in articles for e in evs if (d := event_day(e)) is not None]
        candidates: list[tuple] = []
        if days:
            candidates = self.con.execute(
                "SELECT id, source_primary, target_primary, root, status, day, evidence, trigger_lemma "
                "FROM clusters WHERE day BETWEEN ? AND ? ORDER BY day, id",
                [min(days) - timedelta(days=1), max(days) + timedelta(days=1)]).fetchall()
        by_key: dict[tuple, list[tuple]] = {}
        for c in candidates:
            by_key.setdefault((c[1], c[2], c[3], c[4]), []).append(c)
        new_clusters: list[list] = []
        new_ids: set[str] = set()
        rows: list[list] = []
        for key, events in articles:
            seen_ids: set[str] = set()
            for e in events:
                eid = f"{key}|{event_id(e)}"
                if eid in seen_ids:
                    continue
                seen_ids.add(eid)
                day = event_day(e)
                cid = None
                if e.source and e.source.actor.code:
                    src = e.source.actor.primary
                    tgt = e.target.actor.primary if e.target and e.target.actor.code else None
                    bucket = by_key.setdefault((src, tgt, e.root, e.status), [])
                    if day is not None:
                        for c in bucket:
                            if abs((c[5] - day).days) <= 1 and (
                                    c[7] == e.trigger_lemma or similar(c[6], e.sentence) >= SIMILARITY):
                                cid = c[0]
                                break
                    if cid is None:
                        cid = hashlib.sha1(f"{src}|{tgt}|{e.root}|{e.status}|{day}|{e.sentence}"
                                           .encode()).hexdigest()[:16]
                        if cid not in new_ids:
                            new_ids.add(cid)
                            new_clusters.append([cid, src, tgt, e.root, e.code, e.quad, e.goldstein,
                                                 e.status, day, 0, 0, 0, e.sentence, e.trigger_lemma,
                                                 e.source.actor.code[3:6],
                                                 e.target.actor.code[3:6] if e.target else None])
                            if day is not None:
                                bucket.append((cid, src, tgt, e.root, e.status, day, e.sentence,
                                               e.trigger_lemma))
                    touched.add(cid)
                rows.append(self._event_row(eid, key, e, day, cid))
        return rows, new_clusters

    @staticmethod
    def _event_row(eid: str, key: str, e: Event, day: date | None, cid: str | None) -> list:
        s, t = e.source, e.target
        return [eid, key, e.unit_id, e.sentence_index,
                (s.actor.code or None) if s else None, s.actor.primary if s and s.actor.code else None,
                s.actor.name if s else None, s.text if s else None,
                (t.actor.code or None) if t else None, t.actor.primary if t and t.actor.code else None,
                t.actor.name if t else None, t.text if t else None,
                e.code, e.root, e.name, e.quad, e.goldstein, e.goldstein_scheme, e.plover or None,
                e.plover_mode or None, e.status, e.reporter, e.event_date, e.date_precision,
                day, e.confidence, e.trigger, e.trigger_lemma, e.trigger_span[0],
                e.trigger_span[1], s.start if s else None, s.end if s else None,
                t.start if t else None, t.end if t else None, e.rule, e.sentence, cid]

    def _refresh_clusters(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if not ids:
            return
        self.con.execute(
            """UPDATE clusters SET
                 n_events = s.n_events, n_articles = s.n_articles, n_outlets = s.n_outlets
               FROM (SELECT e.cluster_id, count(*) AS n_events,
                            count(DISTINCT e.article_id) AS n_articles,
                            count(DISTINCT coalesce(a.outlet, e.article_id)) AS n_outlets
                     FROM events e JOIN articles a ON a.id = e.article_id
                     WHERE e.cluster_id IN (SELECT unnest(?)) GROUP BY e.cluster_id) s
               WHERE clusters.id = s.cluster_id""", [ids])
        self.con.execute(
            "DELETE FROM clusters WHERE id IN (SELECT unnest(?)) AND id NOT IN "
            "(SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL)", [ids])

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "events", "clusters", "alerts")}

    def query(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
