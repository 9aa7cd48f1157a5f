"""Store and signal benchmarks.

1. A dyad's weekly series and the top-dyads query over N synthetic event clusters (default 5
   million, 40 countries, 2015-2024) in a fresh DuckDB file: median of repeated runs, against the
   issue's budgets (series < 100 ms, top < 2 s).
2. Ingest cost: `tocsin ingest` (code + store) against coding alone on the same files in the same
   run (../shared/corpus/ruua); reported as a ratio (the store should cost < 15%).

Usage: python benchmarks/store.py [--events 5000000] [--skip-ingest]
"""

from __future__ import annotations

import argparse

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ruua"
COUNTRIES = ["RUS", "UKR", "USA", "CHN", "GBR", "FRA", "DEU", "TUR", "IRN", "ISR", "PSE", "LBN",
             "SYR", "IRQ", "SAU", "YEM", "EGY", "LBY", "SDN", "ETH", "SOM", "NGA", "MLI", "COD",
             "RWA", "IND", "PAK", "AFG", "PRK", "KOR", "JPN", "TWN", "VEN", "COL", "MEX", "BRA",
             "ARM", "AZE", "GEO", "BLR"]


def timed(fn, repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def synth(store, n: int) -> None:
    arr = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    k = len(COUNTRIES)
    store.con.execute(f"""
        INSERT INTO clusters
        SELECT 'c' || i::VARCHAR,
               {arr}[1 + (hash(i) % {k})::INT],
               {arr}[1 + (hash(i * 7 + 3) % {k})::INT],
               lpad((1 + hash(i * 13) % 20)::VARCHAR, 2, '0'),
               lpad((1 + hash(i * 13) % 20)::VARCHAR, 2, '0') || '0',
               CASE WHEN 1 + hash(i * 13) % 20 <= 5 THEN 1 WHEN 1 + hash(i * 13) % 20 <= 9 THEN 2
                    WHEN 1 + hash(i * 13) % 20 <= 14 THEN 3 ELSE 4 END,
               -10 + (hash(i * 17) % 200) / 10.0,
               CASE hash(i * 19) % 10 WHEN 0 THEN 'alleged' WHEN 1 THEN 'hypothetical'
                    WHEN 2 THEN 'negated' ELSE 'asserted' END,
               DATE '2015-01-01' + (hash(i * 23) % 3650)::INT,
               1, 1, 1, 'synthetic', 'x',
               CASE hash(i * 29) % 5 WHEN 0 THEN 'REB' ELSE 'GOV' END, ''
        FROM range({n}) t(i)""")
    store.con.execute(f"""
        INSERT INTO articles
        SELECT 'a' || i::VARCHAR, 'a' || i::VARCHAR, NULL, NULL, 'O', 't',
               TIMESTAMP '2015-01-01' + INTERVAL (hash(i) % 3650) DAY, 'h', 'en', NULL, 0, 0
        FROM range({n // 5}) t(i)""")
    store.con.execute("CHECKPOINT")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=5_000_000)
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()

    from tocsin.signals import dyad_series
    from tocsin.signals.top import top_dyads
    from tocsin.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        t0 = time.perf_counter()
        synth(store, args.events)
        print(f"synthetic: {args.events:,} clusters, {args.events // 5:,} articles "
              f"in {time.perf_counter() - t0:.1f} s")
        s = timed(lambda: dyad_series(store.con, "RUS", "UKR", by="week"))
        t = timed(lambda: top_dyads(store.con, by="week", n=10), repeat=5)
        print(f"dyad weekly series (RUS->UKR): {s * 1000:8.1f} ms median  (budget 100 ms: "
              f"{'ok' if s < 0.1 else 'OVER'})")
        print(f"top dyads by week            : {t * 1000:8.1f} ms median  (budget 2000 ms: "
              f"{'ok' if t < 2 else 'OVER'})")
        store.close()

    if args.skip_ingest:
        return 0
    if not CORPUS.exists():
        print(f"ingest benchmark needs {CORPUS} (../shared beside the repository); it is absent")
        return 0
    from tocsin.coder import Coder
    from tocsin.ingest import read_articles
    from tocsin.jobs import ingest
    from tocsin.model import Article

    coder = Coder()
    from tocsin.signals import detect, save_alerts

    def read_and_code():
        return list(coder.code_articles(a for a in read_articles([CORPUS]) if isinstance(a, Article)))

    coded = read_and_code()
    t_read_code = timed(read_and_code, repeat=3)

    opened: list[float] = []

    def store_only():
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            st = Store(Path(tmp) / "i.duckdb")  # one-time cost: schema, outlet table
            opened.append(time.perf_counter() - t0)
            for i in range(0, len(coded), 16):
                st.put_articles(coded[i:i + 16])
            save_alerts(st.con, detect(st.con))
            st.close()

    def run_ingest():
        with tempfile.TemporaryDirectory() as tmp:
            st = Store(Path(tmp) / "i.duckdb")
            ingest([CORPUS], st, coder=coder)
            st.close()

    t_store = timed(store_only, repeat=5)
    t_ingest = timed(run_ingest, repeat=3)
    print(f"read + code ({len(coded)} articles)   : {t_read_code:.2f} s")
    t_open = statistics.median(opened)
    t_store -= t_open
    print(f"store only (write + alerts)  : {t_store:.2f} s  (+ {t_open:.2f} s once to create the file)")
    print(f"ingest (read + code + store) : {t_ingest:.2f} s")
    print(f"store cost = store / (read + code) = {t_store / t_read_code:.1%}  (budget < 15%); "
          f"end to end ingest / code = {t_ingest / t_read_code:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
