from __future__ import annotations

from datetime import date, datetime, timedelta

from tocsin.signals import Settings, detect, dyad_series
from tocsin.store import Store


def _cluster(store, cid, day, *, root="11", quad=3, goldstein=-2.0, status="asserted", src="AAA", tgt="BBB",
             source_role="", target_role=""):
    store.con.execute("INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, 'x', 'y', ?, ?)",
                      [cid, src, tgt, root, root + "0", quad, goldstein, status, day, source_role, target_role])


def _articles(store, start: date, weeks: int, per_week: int = 3):
    rows = []
    for w in range(weeks):
        for k in range(per_week):
            rows.append([f"a{w}-{k}", f"a{w}-{k}", None, None, "O", "t",
                         datetime.combine(start + timedelta(weeks=w), datetime.min.time()), "h", "en",
                         None, 0, 0])
    store.con.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def test_series_counts_clusters_by_quad_and_status_and_normalises_by_volume(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    monday = date(2021, 3, 1)
    _articles(store, monday, 3, per_week=4)
    _cluster(store, "c1", monday, goldstein=-2)
    _cluster(store, "c2", monday + timedelta(days=2), root="19", quad=4, goldstein=-10)
    _cluster(store, "c3", monday, status="alleged", goldstein=-10, root="19", quad=4)
    _cluster(store, "c4", monday, status="negated", goldstein=-10, root="19", quad=4)
    _cluster(store, "c5", monday + timedelta(weeks=1), root="04", quad=1, goldstein=1)
    rows = dyad_series(store.con, "AAA", "BBB", by="week")
    assert [str(r["period"]) for r in rows] == ["2021-03-01", "2021-03-08", "2021-03-15"]
    first = rows[0]
    assert (first["clusters"], first["verbal_conflict"], first["material_conflict"], first["alleged"],
            first["negated"]) == (2, 1, 1, 1, 1)
    # conflict mass: 2 + 10 (asserted) + 0.5 * 10 (alleged) + 0 (negated) = 17; volume 4 -> 17 / 2
    assert first["tension"] == 8.5
    assert rows[1]["tension"] == 0 and rows[1]["verbal_coop"] == 1
    assert rows[2]["clusters"] == 0 and rows[2]["volume"] == 4


def test_surge_and_ladder_alerts(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    start = date(2021, 1, 4)
    _articles(store, start, 20, per_week=4)
    for w in range(12):  # a quiet, steady background of verbal conflict
        _cluster(store, f"q{w}", start + timedelta(weeks=w), goldstein=-2)
    surge = start + timedelta(weeks=12)
    for k in range(5):
        _cluster(store, f"s{k}", surge + timedelta(days=k % 3), goldstein=-5, root="13", quad=3)
    _cluster(store, "m1", surge + timedelta(days=1), root="15", quad=4, goldstein=-7.2)
    alerts = detect(store.con, settings=Settings(by="week"), dyads=[("AAA", "BBB")])
    kinds = {(a.kind, a.start) for a in alerts}
    assert ("surge", str(surge)) in kinds
    assert ("ladder", str(surge)) in kinds
    assert all(a.start == str(surge) for a in alerts)
    surge_alert = next(a for a in alerts if a.kind == "surge")
    assert surge_alert.events and surge_alert.score >= 3.0
    ladder = next(a for a in alerts if a.kind == "ladder")
    assert [e["root"] for e in ladder.events] == ["15"] and ladder.level == "high"


def test_no_alert_on_a_steady_series(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    start = date(2021, 1, 4)
    _articles(store, start, 20)
    for w in range(20):
        _cluster(store, f"q{w}", start + timedelta(weeks=w), goldstein=-2)
    assert detect(store.con, dyads=[("AAA", "BBB")]) == []


def test_all_series_agrees_with_dyad_series(tmp_path):
    from tocsin.signals.series import all_series

    store = Store(tmp_path / "s.duckdb")
    start = date(2021, 1, 4)
    _articles(store, start, 10)
    for w in range(10):
        _cluster(store, f"a{w}", start + timedelta(weeks=w, days=w % 3), goldstein=-2 - w)
        if w % 2:
            _cluster(store, f"b{w}", start + timedelta(weeks=w), src="CCC", tgt="AAA", status="alleged",
                     root="19", quad=4, goldstein=-10)
    together = all_series(store.con, by="week")
    assert set(together) == {("AAA", "BBB"), ("CCC", "AAA")}
    for (src, tgt), rows in together.items():
        alone = {r["period"]: r for r in dyad_series(store.con, src, tgt, by="week")}
        for r in rows:
            assert alone[r["period"]]["tension"] == r["tension"]
            assert alone[r["period"]]["alleged"] == r["alleged"]


def test_state_only_series_leaves_out_non_state_actors(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    monday = date(2021, 3, 1)
    _articles(store, monday, 1)
    _cluster(store, "g", monday, source_role="GOV", goldstein=-2)
    _cluster(store, "r", monday, source_role="REB", root="19", quad=4, goldstein=-10)
    (everything,) = dyad_series(store.con, "AAA", "BBB", by="week")
    (state,) = dyad_series(store.con, "AAA", "BBB", by="week", state_only=True)
    assert everything["clusters"] == 2 and state["clusters"] == 1 and state["material_conflict"] == 0


def test_schema_migrates_forward_from_version_1(tmp_path):
    import duckdb

    from tocsin.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for stmt in MIGRATIONS[1]:
        con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO clusters VALUES ('c', 'RUS', 'UKR', '19', '190', 4, -10, 'asserted', "
                "DATE '2022-02-24', 1, 1, 1, 'x', 'attack')")
    con.execute("INSERT INTO events (id, cluster_id, source_code, target_code) VALUES ('e', 'c', 'RUSMIL', 'UKR')")
    assert migrate(con) == 1
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert con.execute("SELECT source_role, target_role FROM clusters").fetchone() == ("MIL", "")
