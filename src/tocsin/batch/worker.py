"""What runs on a Dask worker: code one partition and write it as Parquet, atomically.

Each worker process loads the spaCy pipeline and the knowledge base once (a module-level coder)
and sends the partition's articles through the same `Coder.code_articles` path as `tocsin code`.
Failures (unreadable inputs, articles that raise) go to the partition's failures file with the
reason; they never stop the run. The events file is written last, by rename, and marks the
partition done.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import time
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .partitions import Part, Partition

_CODER = None


def _coder(settings: dict):
    global _CODER
    if _CODER is None:
        from ..coder import Coder

        _CODER = Coder(**settings)
    return _CODER


def _records(part: Part) -> list[dict]:
    path = Path(part.path)
    if path.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        rows = table.slice(part.start or 0, (part.stop or table.num_rows) - (part.start or 0)).to_pylist()
        return rows
    opener = gzip.open if path.name.endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as fh:
        i = 0
        for line in fh:
            if not line.strip():
                continue
            if part.start <= i < part.stop:
                out.append(json.loads(line))
            i += 1
            if i >= part.stop:
                break
    return out


def read_part(part: Part, failures: list[dict]) -> list[Article]:
    from ..ingest import read_path
    from ..ingest.files import articles_from_records

    items = []
    try:
        if part.start is None:
            items = list(read_path(Path(part.path)))
        else:
            items = list(articles_from_records(_records(part), where=part.path))
    except (OSError, ValueError, EOFError) as exc:
        items = [InputError(f"cannot read ({exc.__class__.__name__}: {str(exc)[:120]})", subject=part.path)]
    arts = []
    for it in items:
        if isinstance(it, InputError):
            failures.append({"input": it.subject or part.path, "reason": it.message})
        else:
            arts.append(it)
    return arts


def code_partition(partition: Partition, out_dir: str, settings: dict) -> dict:
    from ..store.export import article_rows, event_rows, write_parquet

    t0 = time.perf_counter()
    out = Path(out_dir)
    coder = _coder(settings)
    failures: list[dict] = []
    articles: list[Article] = []
    for part in partition.parts:
        arts = read_part(part, failures)
        for art in arts:
            try:
                articles.extend(coder.code_articles([art]))
            except Exception as exc:  # one bad article never stops a batch
                failures.append({"input": art.path or part.path, "article": art.id,
                                 "reason": f"{exc.__class__.__name__}: {str(exc)[:200]}"})
    pid = partition.id
    (out / "failures").mkdir(parents=True, exist_ok=True)
    tmp = out / "failures" / f".part-{pid}.jsonl.tmp"
    tmp.write_text("".join(json.dumps(f) + "\n" for f in failures), encoding="utf-8")
    os.replace(tmp, out / "failures" / f"part-{pid}.jsonl")
    write_parquet(article_rows(articles), out / "articles" / f"part-{pid}.parquet", "articles")
    write_parquet(event_rows(articles), out / "events" / f"part-{pid}.parquet", "events")
    return {"id": pid, "articles": len(articles), "events": sum(len(a.events) for a in articles),
            "failures": len(failures), "seconds": round(time.perf_counter() - t0, 3),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "pid": os.getpid()}
