from __future__ import annotations

import gzip
import json
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tocsin.errors import InputError
from tocsin.ingest import read_articles
from tocsin.ingest.chrome import is_chrome, strip_wire_lead
from tocsin.ingest.datelines import parse_dateline
from tocsin.ingest.htmlpage import parse_html_page
from tocsin.ingest.textpage import parse_text_page

PAGE = """Support our reporting - donate now!
World News
Harbor Gazette
Ankara and Baku sign new defence pact
Harbor Gazette
Tuesday, 09 March 2021 4:05 PM

ANKARA, March 9 (Harbor Gazette) - Turkey and Azerbaijan signed a defence cooperation agreement on Tuesday, officials said.

The two governments said the pact would cover joint training and arms production.

Share this article
Join the Harbor Gazette mailing list
"""


def test_text_page_finds_outlet_title_dateline_and_drops_chrome():
    page = parse_text_page(PAGE)
    assert page.outlet == "Harbor Gazette"
    assert page.title == "Ankara and Baku sign new defence pact"
    assert page.published == datetime(2021, 3, 9, 16, 5)
    assert page.paragraphs[0].startswith("Turkey and Azerbaijan signed")
    assert len(page.paragraphs) == 2
    for line in ("Support our reporting - donate now!", "Share this article",
                 "Join the Harbor Gazette mailing list", "World News"):
        assert line not in page.text


def test_text_page_without_dateline_keeps_body():
    page = parse_text_page("A headline here for you\n\nThe minister said on Monday that talks would resume soon.\n")
    assert page.published is None
    assert page.paragraphs == ["The minister said on Monday that talks would resume soon."]


def test_datelines_in_many_formats():
    assert parse_dateline("Friday, 02 April 2021 1:41 PM") == datetime(2021, 4, 2, 13, 41)
    assert parse_dateline("April 2, 2021 14:05 GMT") == datetime(2021, 4, 2, 14, 5)
    assert parse_dateline("2021-04-02") == datetime(2021, 4, 2)
    assert parse_dateline("03.02.2021 09:30") == datetime(2021, 2, 3, 9, 30)
    assert parse_dateline("15 Apr 2021 | 18:05 UTC") == datetime(2021, 4, 15, 18, 5)
    assert parse_dateline("Saturday, 13 February 2021 | 25 Bahman 1399 | 11:20") == datetime(2021, 2, 13, 11, 20)
    assert parse_dateline("12:00 AM, December 1st, 2021") == datetime(2021, 12, 1, 0, 0)
    assert parse_dateline("The talks went on") is None


def test_chrome_patterns():
    assert is_chrome("Join the GlobalSecurity.org mailing list")
    assert is_chrome("UNITED24 - Make a charitable donation in support of Ukraine!")
    assert is_chrome("We use cookies to improve your experience.")
    assert not is_chrome("Russia said on Friday it would respond to any deployment.")


def test_wire_lead_is_stripped_and_outlet_found():
    text, outlet = strip_wire_lead("KYIV/MOSCOW, Feb 8 (Northern Wire) - French President said...")
    assert text == "French President said..."
    assert outlet == "Northern Wire"
    assert strip_wire_lead("RIGA – NATO ministers met.")[0] == "NATO ministers met."
    assert strip_wire_lead("NATO said it would meet.")[0] == "NATO said it would meet."


HTML = """<!DOCTYPE html><html><head><title>Talks resume | Meridian Post</title>
<meta property="og:site_name" content="Meridian Post">
<meta property="og:title" content="Talks resume in Geneva">
<meta property="article:published_time" content="2022-01-10T19:30:00+01:00">
</head><body><div class="cookie">We use cookies. Accept</div><nav><a href="/">Home</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Russian and American diplomats met in Geneva on Monday for talks on European security, officials said.</p>
<p>The meeting lasted nearly eight hours and ended without a breakthrough, both delegations said later.</p>
<p>The <script>alert(1)</script> next round will be held in Brussels on Wednesday, a NATO official said.</p>
</article><footer>Copyright Meridian Post</footer></body></html>"""


def test_html_page_metadata_and_body():
    page = parse_html_page(HTML)
    assert page.outlet == "Meridian Post"
    assert page.published == datetime(2022, 1, 10, 19, 30)
    assert "Russian and American diplomats met in Geneva" in page.text
    assert "cookies" not in page.text
    assert "alert(1)" not in page.text


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "german.txt").write_text(
        "Überschrift\n\nDie Regierung in Berlin hat am Montag neue Sanktionen gegen Russland "
        "beschlossen, wie ein Sprecher mitteilte. Die Maßnahmen sollen sofort gelten.")
    (tmp_path / "good.txt").write_text(PAGE)
    (tmp_path / "units.jsonl.gz").write_bytes(gzip.compress(json.dumps(
        {"id": "u1", "date": "2021-04-02", "text": "Russia warned NATO."}).encode()))
    items = list(read_articles([tmp_path, tmp_path / "missing.txt"]))
    errors = {str(e.subject).split("/")[-1]: e for e in items if isinstance(e, InputError)}
    good = [a for a in items if not isinstance(a, InputError)]
    assert set(errors) == {"empty.txt", "binary.txt", "broken.json", "german.txt", "missing.txt"}
    assert "empty" in str(errors["empty.txt"]) and "binary" in str(errors["binary.txt"])
    assert "not English" in str(errors["german.txt"])
    assert sorted(a.id for a in good) == ["good", "u1"]


def test_jsonl_units_chained_by_context_are_one_document(tmp_path):
    lines = [
        {"id": "a-1", "date": "2021-04-02", "text": "Kremlin spokesman Dmitry Peskov spoke."},
        {"id": "a-2", "date": "2021-04-02", "text": "He said more.", "context": "a-1"},
        {"id": "b-1", "date": "2021-04-03", "text": "Another story."},
    ]
    f = tmp_path / "g.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in lines))
    arts = list(read_articles([f]))
    assert [a.id for a in arts] == ["a-1", "b-1"]
    assert [u.id for u in arts[0].units] == ["a-1", "a-2"]


_words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
                 min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(header=st.lists(_words, max_size=6), body=st.lists(_words, min_size=1, max_size=8))
def test_text_page_parser_never_crashes_and_keeps_sentence_paragraphs(header, body):
    paragraphs = [f"The minister said {b.strip()} in a statement on the matter today." for b in body]
    raw = "\n".join(header) + "\n\n" + "\n\n".join(paragraphs)
    page = parse_text_page(raw)
    for p in paragraphs:
        assert p.split(" in a statement")[0][-20:] in page.text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_text_page_parser_survives_any_text(raw):
    page = parse_text_page(raw)
    assert isinstance(page.paragraphs, list)


def test_huge_single_paragraph_is_coded_in_pieces(coder):
    from tocsin.model import Article, Unit

    sentence = "Turkey criticised Greece over the border incident. "
    text = sentence * 2500  # 130 kB without a paragraph break: cut into pieces of <= 20 kB
    art = coder.code_article(Article(id="huge", text=text, units=[Unit(None, text)]))
    assert len(art.units) > 1 and all(len(u.text) <= 20_000 for u in art.units)
    assert len(art.events) >= 2500
