"""Coder throughput against bare spaCy, measured in the same run on the same text.

Reads ../shared/corpus/ruua (txt + html), repeats it `--repeat` times, and times:
  1. baseline: `nlp.pipe` with the same pipeline and components Tocsin uses (NER excluded);
  2. tocsin single process: `Coder.code_articles` (parse + actors + events);
  3. tocsin with `--workers` processes (`code_parallel`), start-up included and reported apart.
Prints sentences per second and the ratios the issue asks for (single/baseline >= 0.85,
workers/single >= 1.4), and the peak RSS of the worker processes. Timings are never asserted in
tests; this script is how they are measured.

Usage: python benchmarks/coder.py [--repeat 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import copy
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ruua"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"benchmark needs {args.corpus} (../shared beside the repository); it is absent")
        return 1

    from tocsin.coder import BATCH_SIZE, Coder, code_parallel
    from tocsin.ingest import read_articles
    from tocsin.model import Article

    base = [a for a in read_articles([args.corpus]) if isinstance(a, Article)]
    articles = [copy.deepcopy(a) for _ in range(args.repeat) for a in base]
    texts = [u.text for a in articles for u in (a.units or [])]
    print(f"corpus: {len(base)} articles x {args.repeat} = {len(articles)} articles, "
          f"{len(texts)} paragraphs, {sum(len(t) for t in texts):,} characters")

    coder = Coder()
    nlp = coder.nlp
    print(f"pipeline: {coder.model} components {nlp.pipe_names}")
    list(nlp.pipe(texts[:50], batch_size=BATCH_SIZE))  # warm up

    t0 = time.perf_counter()
    n_sents = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=BATCH_SIZE))
    t_base = time.perf_counter() - t0

    work = [copy.deepcopy(a) for a in articles]
    t0 = time.perf_counter()
    n_events = sum(len(a.events) for a in coder.code_articles(work))
    t_single = time.perf_counter() - t0

    t0 = time.perf_counter()
    list(code_parallel([copy.deepcopy(articles[0])], workers=args.workers, coder=coder))
    t_start = time.perf_counter() - t0

    work = [copy.deepcopy(a) for a in articles]
    t0 = time.perf_counter()
    n_events_par = sum(len(a.events) for a in code_parallel(work, workers=args.workers, coder=coder))
    t_par = time.perf_counter() - t0
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"sentences: {n_sents}; events: {n_events} (single) / {n_events_par} (workers)")
    print(f"baseline nlp.pipe        : {t_base:7.2f} s  {n_sents / t_base:8.1f} sentences/s")
    print(f"tocsin single process    : {t_single:7.2f} s  {n_sents / t_single:8.1f} sentences/s")
    print(f"tocsin --workers {args.workers}       : {t_par:7.2f} s  {n_sents / t_par:8.1f} sentences/s "
          f"(incl. start-up; a pool starts in {t_start:.2f} s)")
    print(f"ratio single / baseline  : {t_base / t_single:.3f}   (target >= 0.85)")
    print(f"ratio workers / single   : {t_single / t_par:.3f}   (target >= 1.4)")
    print(f"peak RSS: worker {peak_child:.0f} MiB (target < 1024), main process {peak_self:.0f} MiB")
    if n_events != n_events_par:
        print("WARNING: single and parallel runs coded different numbers of events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
