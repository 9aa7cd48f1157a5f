"""End to end on the Russia-Ukraine corpus: ingest, then the RUS->UKR alerts must fall where the
escalation happened (issue bar). Reads ../shared/corpus/ruua; skipped when absent."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import CORPUS, need_shared
from tocsin.jobs import ingest
from tocsin.signals import detect
from tocsin.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ruua_store(tmp_path_factory, coder):
    store = Store(tmp_path_factory.mktemp("ruua") / "ruua.duckdb")
    rep = ingest([need_shared(CORPUS / "ruua")], store, coder=coder)
    assert rep.new == 77 and not rep.skipped
    yield store
    store.close()


def test_rus_ukr_alerts_fall_in_the_escalations(ruua_store):
    starts = [date.fromisoformat(a.start) for a in detect(ruua_store.con, dyads=[("RUS", "UKR")])]
    assert any(date(2021, 3, 20) <= d <= date(2021, 4, 20) for d in starts), starts
    assert any(date(2021, 11, 1) <= d <= date(2022, 2, 23) for d in starts), starts
    assert any(d >= date(2022, 2, 24) for d in starts), starts
    assert not any(date(2021, 6, 1) <= d <= date(2021, 9, 30) for d in starts), starts


def test_reingest_is_idempotent(ruua_store, coder):
    before = ruua_store.counts()
    rep = ingest([CORPUS / "ruua"], ruua_store, coder=coder)
    assert rep.new == 0 and rep.unchanged == 77
    assert ruua_store.counts() == before


def test_negated_threats_do_not_raise_tension(ruua_store):
    from tocsin.signals import dyad_series

    rows = ruua_store.query("SELECT count(*) AS n FROM clusters WHERE status = 'negated'")
    assert rows[0]["n"] >= 1  # the corpus has denials ("not threatening anyone")
    weights = {"asserted": 1.0, "alleged": 0.5, "hypothetical": 0.25}
    for r in dyad_series(ruua_store.con, "RUS", "UKR"):
        clusters = ruua_store.query(
            "SELECT status, goldstein FROM clusters WHERE source_primary = 'RUS' AND target_primary = 'UKR' "
            "AND date_trunc('week', day)::DATE = ?", [r["period"]])
        expected = sum(weights.get(c["status"], 0.0) * max(0.0, -c["goldstein"]) for c in clusters)
        assert r["conflict_mass"] == pytest.approx(expected, abs=1e-3)
