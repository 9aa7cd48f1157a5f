"""Batch throughput on a Dask LocalCluster: 1 and 2 workers on the same input, in the same run.

Input: ../shared/corpus/ruua copied `--repeat` times into a temporary folder (distinct files, so
nothing is skipped). Reports articles per second, the ratio 2 workers / 1 worker (target >= 1.7
on this 2-core machine), each worker's peak RSS, and the fixed start-up cost (cluster start and
model load, measured on a one-file run).

Usage: python benchmarks/batch.py [--repeat 4] [--partition-size 25]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ruua"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--partition-size", type=int, default=25)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"benchmark needs {CORPUS} (../shared beside the repository); it is absent")
        return 1
    from tocsin.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        for k in range(args.repeat):
            for f in CORPUS.iterdir():
                if f.suffix in {".txt", ".html"}:
                    (src / str(k)).mkdir(parents=True, exist_ok=True)
                    shutil.copy(f, src / str(k) / f.name)
        n_files = sum(1 for _ in src.rglob("*.*"))
        one = next(src.rglob("*.txt"))
        t0 = time.perf_counter()
        run_batch([str(one)], Path(tmp) / "warm", local_workers=1)
        startup = time.perf_counter() - t0
        print(f"input: {n_files} articles; fixed start-up (cluster + model load, 1 file): {startup:.2f} s")
        results = {}
        for workers in (1, 2):
            out = Path(tmp) / f"out{workers}"
            t0 = time.perf_counter()
            rep = run_batch([str(src)], out, local_workers=workers, partition_size=args.partition_size)
            dt = time.perf_counter() - t0
            results[workers] = dt
            rss = ", ".join(f"{w['peak_rss_mib']:.0f} MiB" for w in rep.workers)
            print(f"{workers} worker(s): {dt:6.2f} s  {rep.articles / dt:6.1f} articles/s  "
                  f"{rep.events} events  peak RSS per worker: {rss}")
        print(f"ratio 2 workers / 1 worker: {results[1] / results[2]:.2f}  (target >= 1.7; start-up "
              f"included; without it: {(results[1] - startup) / max(results[2] - startup, 1e-9):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
