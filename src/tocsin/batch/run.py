"""Batch runs on Dask: plan partitions, send them to workers, collect a manifest.

    run_batch(inputs, out_dir, scheduler="tcp://host:8786")    # an existing cluster
    run_batch(inputs, out_dir, local_workers=2)                # a LocalCluster here

Partitions whose events file already exists are skipped (a restarted run resumes); each worker
writes its own files, so the driver only gathers small summaries. The manifest (`manifest.json`)
records inputs, partitions, counts, failures and the versions of code, lexicon, knowledge base and
model, so a result can be traced to what made it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata, resources
from pathlib import Path

from .partitions import Partition, expand, plan
from .worker import code_partition


@dataclass
class BatchReport:
    partitions: int = 0
    skipped: int = 0
    done: int = 0
    articles: int = 0
    events: int = 0
    failures: int = 0
    input_errors: list[str] = field(default_factory=list)
    dashboard: str | None = None
    seconds: float = 0.0
    workers: list[dict] = field(default_factory=list)


def _data_version(folder: str) -> str:
    h = hashlib.sha1()
    root = resources.files("tocsin") / "data" / folder
    for f in sorted(root.iterdir(), key=lambda p: p.name):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def versions(settings: dict) -> dict:
    from ..nlp import model_name

    name = model_name(settings.get("model"))
    try:
        model_version = metadata.version(name.replace("_", "-"))
    except metadata.PackageNotFoundError:
        model_version = "unknown"
    return {"tocsin": metadata.version("tocsin"), "spacy": metadata.version("spacy"),
            "model": f"{name}=={model_version}", "lexicon": _data_version("lexicon"),
            "actors": _data_version("actors"), "codebook": _data_version("codebook")}


def run_batch(inputs: list[str], out_dir: str | Path, *, scheduler: str | None = None,
              local_workers: int = 2, partition_size: int = 200, settings: dict | None = None,
              on_done: Callable[[dict], None] | None = None,
              on_start: Callable[[int, str | None], None] | None = None) -> BatchReport:
    from dask.distributed import Client, LocalCluster, as_completed

    settings = settings or {}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rep = BatchReport()
    t0 = time.perf_counter()
    files, errors = expand(inputs)
    partitions, plan_errors = plan(files, size=partition_size)
    rep.input_errors = [str(e) for e in errors + plan_errors]
    rep.partitions = len(partitions)
    todo: list[Partition] = []
    for p in partitions:
        if (out / "events" / f"part-{p.id}.parquet").exists():
            rep.skipped += 1
        else:
            todo.append(p)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=40)
        client = Client(cluster)
    rep.dashboard = client.dashboard_link
    if on_start:
        on_start(len(todo), rep.dashboard)
    results = []
    try:
        futures = [client.submit(code_partition, p, str(out), settings, key=f"tocsin-{p.id}", pure=False)
                   for p in todo]
        for fut in as_completed(futures):
            try:
                res = fut.result()
            except Exception as exc:  # a partition whose worker died (KilledWorker) or raised
                rep.input_errors.append(f"[T004] partition {fut.key}: {exc.__class__.__name__}: "
                                        f"{str(exc)[:200]} (re-run to retry it)")
                continue
            results.append(res)
            rep.done += 1
            rep.articles += res["articles"]
            rep.events += res["events"]
            rep.failures += res["failures"]
            if on_done:
                on_done(res)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    rep.seconds = round(time.perf_counter() - t0, 3)
    by_pid: dict[int, float] = {}
    for r in results:
        by_pid[r["pid"]] = max(by_pid.get(r["pid"], 0.0), r["peak_rss_mib"])
    rep.workers = [{"pid": k, "peak_rss_mib": v} for k, v in sorted(by_pid.items())]
    previous = {}
    if (out / "manifest.json").exists():  # a resumed run keeps what earlier runs recorded
        try:
            previous = {p["id"]: p for p in json.loads((out / "manifest.json").read_text())["partitions"]}
        except (ValueError, KeyError):
            previous = {}
    manifest = {
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": list(inputs), "partition_size": partition_size,
        "partitions": [_entry(p, results, previous, out) for p in partitions],
        "counts": {"partitions": rep.partitions, "written": rep.done, "skipped": rep.skipped,
                   "articles": rep.articles, "events": rep.events, "failures": rep.failures},
        "input_errors": rep.input_errors, "versions": versions(settings),
        "scheduler": scheduler or f"LocalCluster({local_workers} workers)",
    }
    tmp = out / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, default=str), encoding="utf-8")
    tmp.replace(out / "manifest.json")
    return rep


def _entry(p: Partition, results: list[dict], previous: dict, out: Path) -> dict:
    done = next((r for r in results if r["id"] == p.id), None)
    if done is not None:
        return {**p.to_dict(), **done, "status": "written"}
    if (out / "events" / f"part-{p.id}.parquet").exists():
        return {**previous.get(p.id, p.to_dict()), "status": "written earlier"}
    return {**p.to_dict(), "status": "missing"}
