"""The knowledge files load, validate, and reject malformed rows with a message naming the row."""

from __future__ import annotations

import pytest

import tocsin
from tocsin.actors.kb import load_kb
from tocsin.codebook import load_codebook
from tocsin.errors import DataError
from tocsin.events.lexicon import load_lexicon, parse_entries


def _tok(text):
    return text.replace("-", " - ").split()


def test_shipped_knowledge_loads_and_is_large_enough(coder):
    assert len(load_codebook()) >= 300
    assert len(coder.lexicon) >= 1000
    roots = {e.code[:2] for e in coder.lexicon.entries if e.code}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    kb = coder.kb
    assert len(kb.country_names) >= 195
    assert len(kb.people) >= 500


def test_bad_actor_code_is_refused_with_its_row(tmp_path):
    (tmp_path / "countries.tsv").write_text("code\tname\taliases\tadjectives\tcapitals\nru5\tRussia\t\t\t\n")
    with pytest.raises(DataError, match=r"countries.tsv:2.*bad actor code"):
        load_kb(_tok, [tmp_path])


def test_bad_dates_and_reversed_roles_are_refused(tmp_path):
    head = "name\taliases\tcode\tstart\tend\ttitle\n"
    (tmp_path / "people.tsv").write_text(head + "A B\t\tRUSGOV\t2020-13-01\t\tx\n")
    with pytest.raises(DataError, match="bad date"):
        load_kb(_tok, [tmp_path])
    (tmp_path / "people.tsv").write_text(head + "A B\t\tRUSGOV\t2020\t2019\tx\n")
    with pytest.raises(DataError, match="ends before it starts"):
        load_kb(_tok, [tmp_path])


def test_user_files_extend_the_knowledge_base(tmp_path, coder):
    (tmp_path / "groups.tsv").write_text("code\tname\taliases\tnote\nUKRREB\tAzure Brigade\t\t\n")
    kb = load_kb(_tok, [tmp_path])
    assert any(e.actor and e.actor.code == "UKRREB" for e in kb.lookup(("azure", "brigade")))


def test_lexicon_entries_are_validated():
    cb = load_codebook()
    with pytest.raises(DataError, match="unknown CAMEO code"):
        parse_entries([{"id": "x-1", "lemma": "attack", "code": "999"}], "t.yaml", cb)
    with pytest.raises(DataError, match="embeds must be"):
        parse_entries([{"id": "x-1", "lemma": "say", "embeds": "shout"}], "t.yaml", cb)
    with pytest.raises(DataError, match="no code, embeds or negative"):
        parse_entries([{"id": "x-1", "lemma": "say"}], "t.yaml", cb)
    ok = parse_entries([{"id": "x-1", "lemma": "Attack", "code": "190", "preps": ["on"]}], "t.yaml", cb)
    assert ok[0].lemma == "attack" and ok[0].preps == ("on",)


def test_user_lexicon_file_adds_a_predicate(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text('- {id: mine-rebuke-sharply, lemma: snub, code: "111"}\n')
    lex = load_lexicon(load_codebook(), [f])
    assert lex.candidates("snub", "VERB")[0].code == "111"


def test_public_api_is_sorted_and_small():
    assert tocsin.__all__ == sorted(tocsin.__all__)
    for name in tocsin.__all__:
        assert hasattr(tocsin, name)


def test_code_text_api_returns_typed_events():
    from datetime import date

    events = tocsin.code_text("Kyiv accused Moscow of shelling Avdiivka on Thursday.", date=date(2022, 2, 18))
    assert events and isinstance(events[0], tocsin.Event)
    acc = next(e for e in events if e.root == "11")
    assert acc.source.actor.primary == "UKR" and acc.target.actor.primary == "RUS"
    assert acc.status == "asserted" and acc.event_date == "2022-02-18"  # the accusation: report day
    shelling = next(e for e in events if e.root == "19")
    assert shelling.status == "alleged" and shelling.event_date == "2022-02-17"  # the act: Thursday
