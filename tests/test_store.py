from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT
from tocsin.model import Article, Unit
from tocsin.store import Store

STORY = ("Russia accused Ukraine of shelling Donetsk on Monday. "
         "Ukraine denied the accusation and criticised Moscow.")


def _article(id, outlet, text=STORY, url=None):
    return Article(id=id, text=text, outlet=outlet, url=url, published=datetime(2022, 2, 15, 10),
                   units=[Unit(None, text)])


def test_same_article_is_stored_once_and_changed_article_replaces_its_events(tmp_path, coder):
    store = Store(tmp_path / "t.duckdb")
    a = coder.code_article(_article("a1", "Northern Wire", url="https://x.example/1"))
    assert a.events
    assert store.put_article(a) == "new"
    n = store.counts()
    assert store.put_article(coder.code_article(_article("a1", "Northern Wire", url="https://x.example/1"))) == "unchanged"
    assert store.counts() == n
    changed = coder.code_article(_article("a1", "Northern Wire", text="Turkey criticised Greece on Monday.",
                                          url="https://x.example/1"))
    assert store.put_article(changed) == "replaced"
    rows = store.query("SELECT DISTINCT source_primary FROM events")
    assert {r["source_primary"] for r in rows} == {"TUR"}
    assert store.counts()["articles"] == 1


def test_reports_from_several_outlets_merge_into_one_cluster(tmp_path, coder):
    store = Store(tmp_path / "t.duckdb")
    for i, outlet in enumerate(["Northern Wire", "Kyiv Ledger", "Eurasia Today"]):
        store.put_article(coder.code_article(_article(f"a{i}", outlet, url=f"https://x.example/{i}")))
    rows = store.query("SELECT n_articles, n_outlets FROM clusters WHERE source_primary = 'RUS' "
                       "AND target_primary = 'UKR' AND root = '11'")
    assert len(rows) == 1 and rows[0]["n_articles"] == 3 and rows[0]["n_outlets"] == 3


def test_different_happenings_stay_apart(tmp_path, coder):
    store = Store(tmp_path / "t.duckdb")
    store.put_article(coder.code_article(_article("a", "W", text="Russia criticised Ukraine over the blockade on Monday.", url="u1")))
    other = _article("b", "W", text="Russia criticised Ukraine over the elections on Monday.", url="u2")
    other.published = datetime(2022, 3, 30, 10)
    store.put_article(coder.code_article(other))
    assert store.query("SELECT count(*) AS n FROM clusters WHERE root = '11'")[0]["n"] == 2


def _counts(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "clusters")}
    out["event_ids"] = con.execute("SELECT count(DISTINCT id) FROM events").fetchone()[0]
    con.close()
    return out


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_counts(tmp_path):
    src = tmp_path / "articles"
    shutil.copytree(ROOT / "examples", src)
    tocsin = [sys.executable, "-m", "tocsin.cli"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    full = tmp_path / "full.duckdb"
    subprocess.run([*tocsin, "ingest", str(src), "--db", str(full)], check=True, env=env, capture_output=True)
    crash = tmp_path / "crash.duckdb"
    proc = subprocess.Popen([*tocsin, "ingest", str(src), "--db", str(crash), "--verbose", "--batch", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stored = 0
    for line in proc.stderr:  # kill -9 right after the fifth article has been committed
        if line.startswith("tocsin: new "):
            stored += 1
            if stored == 5:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _counts(crash)
    assert 5 <= partial["articles"] < _counts(full)["articles"], "the kill came too late to test anything"
    subprocess.run([*tocsin, "ingest", str(src), "--db", str(crash)], check=True, env=env, capture_output=True)
    assert _counts(crash) == _counts(full)


def test_exports_round_trip(tmp_path, coder):
    from tocsin.store.export import export_events

    store = Store(tmp_path / "t.duckdb")
    for i, outlet in enumerate(["Northern Wire", "Kyiv Ledger"]):
        store.put_article(coder.code_article(_article(f"a{i}", outlet, url=f"https://x.example/{i}")))
    n = store.counts()["events"]
    out = tmp_path / "out"
    con = duckdb.connect()
    (g,) = export_events(store.con, out, "gdelt")
    rows = con.execute(f"SELECT * FROM read_csv('{g}', delim='\t', header=true)").fetchall()
    cols = [d[0] for d in con.description]
    assert len(rows) == n and {"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code", "EventCode",
                               "EventRootCode", "QuadClass", "GoldsteinScale", "SOURCEURL", "Status"} <= set(cols)
    (p,) = export_events(store.con, out, "polecat")
    con.execute(f"SELECT * FROM read_csv('{p}', header=true)")
    assert {"Event ID", "Event Date", "Event Type", "Actor Country", "Recipient Country"} <= {d[0] for d in con.description}
    ev, arts = export_events(store.con, out, "parquet")
    assert con.execute(f"SELECT count(*) FROM read_parquet('{ev}')").fetchone()[0] == n
    assert con.execute(f"SELECT count(*) FROM read_parquet('{arts}')").fetchone()[0] == 2
    (c,) = export_events(store.con, out, "csv")
    assert con.execute(f"SELECT count(*) FROM read_csv('{c}', header=true)").fetchone()[0] == n
