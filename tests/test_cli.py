from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import ROOT

EXAMPLES = ROOT / "examples"


def _tocsin(*args, check=True):
    return subprocess.run([sys.executable, "-m", "tocsin.cli", *map(str, args)], capture_output=True,
                          text=True, check=check, cwd=ROOT)


def test_code_jsonl_has_the_documented_fields():
    out = _tocsin("code", EXAMPLES / "05-2021-04-09-kremlin-warns-beginning-of-end.txt", "--format", "jsonl").stdout
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    for key in ("doc_id", "source", "target", "code", "root", "quad", "goldstein", "plover", "status",
                "reporter", "event_date", "evidence", "rule", "trigger", "confidence"):
        assert key in events[0]
    assert {"code", "name", "text"} <= set(events[0]["source"])
    assert any(e["source"]["code"] and e["source"]["code"].startswith("RUS") for e in events)


def test_code_json_one_object_per_article_with_cleaned_text():
    out = _tocsin("code", EXAMPLES / "05-2021-04-09-kremlin-warns-beginning-of-end.txt",
                  EXAMPLES / "08-2021-06-16-biden-putin-geneva-summit.html", "--format", "json").stdout
    arts = json.loads(out)
    assert len(arts) == 2
    for a in arts:
        assert {"id", "title", "outlet", "published", "url", "text", "events"} <= set(a)
        assert a["title"] and a["outlet"] and a["published"]


def test_code_csv_has_gdelt_like_columns():
    out = _tocsin("code", EXAMPLES / "05-2021-04-09-kremlin-warns-beginning-of-end.txt", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code", "EventCode",
                     "EventRootCode", "QuadClass", "GoldsteinScale", "Status"} <= set(rows[0])


def test_bad_inputs_get_one_line_each_and_the_run_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff" * 100)
    good = EXAMPLES / "05-2021-04-09-kremlin-warns-beginning-of-end.txt"
    res = _tocsin("code", tmp_path, good, "--format", "jsonl")
    skipped = [ln for ln in res.stderr.splitlines() if ln.startswith("tocsin: skipped")]
    assert len(skipped) == 2 and all("Traceback" not in ln for ln in res.stderr.splitlines())
    assert any("empty.txt" in ln for ln in skipped) and any("blob.txt" in ln for ln in skipped)
    assert res.stdout.strip()


def test_workers_give_the_same_events_as_one_process():
    one = _tocsin("code", EXAMPLES, "--format", "jsonl").stdout.splitlines()
    two = _tocsin("code", EXAMPLES, "--format", "jsonl", "--workers", "2").stdout.splitlines()
    assert one and one == two


def test_explain_shows_actors_rules_and_events():
    out = _tocsin("explain", "Moscow denies the allegation.").stdout
    assert "actor: 'Moscow' = RUSGOV" in out
    assert "rule 01-deny" in out and "EVENT RUSGOV" in out


def test_explain_shows_why_a_candidate_was_rejected():
    out = _tocsin("explain", "The talks were held in secret.").stdout
    assert "rejected: 'talks' (04-noun-talk): no source actor" in out
    assert "no events" in out


def test_store_commands_end_to_end(tmp_path):
    db = tmp_path / "t.duckdb"
    _tocsin("ingest", EXAMPLES, "--db", db)
    alerts = json.loads(_tocsin("alerts", "--db", db, "--format", "json").stdout)
    assert alerts  # the examples reach the 2022 invasion
    assert any(a["source"] == "RUS" and a["target"] == "UKR" and a["start"] >= "2022-02-21" for a in alerts)
    for a in alerts:
        assert {"source", "target", "start", "level", "score", "kind", "events"} <= set(a)
    series = _tocsin("dyad", "RUS", "UKR", "--by", "month", "--db", db, "--format", "csv").stdout
    assert series.splitlines()[0].startswith("period,")
    ev = json.loads(_tocsin("events", "--dyad", "RUS-UKR", "--db", db, "--format", "json").stdout)
    assert ev and all(e["source"].startswith("RUS") for e in ev)
    png = tmp_path / "rus-ukr.png"
    _tocsin("dyad", "RUS", "UKR", "--db", db, "--plot", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    top = json.loads(_tocsin("top", "--db", db, "--format", "json").stdout)
    assert top and {"source", "target", "change"} <= set(top[0])
    bad = _tocsin("events", "--dyad", "RUSSIA", "--db", db, check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_explain_says_why_an_inner_event_is_not_coded_on_its_own():
    out = _tocsin("explain", "Israel refused to meet Jordan's king.").stdout
    assert "absorbed: what 'refused' refuses or denies" in out
    assert "EVENT ISR" in out
