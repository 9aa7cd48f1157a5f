"""Event dates from the words around a predicate, against the report date.

"on Thursday" in a Friday article is the day before; "yesterday", "today", "last week"; "on
April 1", "in March 2021", "in 2014", "Later in 2015". The phrase that applies to an event is the
nearest one on the predicate or on the clauses above it; a sentence-initial phrase applies to the
whole sentence. Precision is `day`, `week`, `month` or `year`.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..ingest.datelines import MONTHS

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
DATE_PREPS = {"on", "in", "during", "last", "this", "earlier", "later"}


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if len(w) < 3 or (w[:3] not in MONTHS) or (w not in _MONTH_WORDS):
        return None
    return MONTHS[w[:3]]


_MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
                "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _year(tok) -> int | None:
    if tok.like_num and len(tok.text) == 4 and tok.text.isdigit():
        y = int(tok.text)
        if 1900 <= y <= 2100:
            return y
    return None


def phrase_date(tokens, report: date | None) -> tuple[str, str] | None:
    """Interpret a short time phrase (a list of tokens) → (ISO date or year-month, precision)."""
    words = [t.lower_ for t in tokens]
    if report is not None:
        for w in words:
            if w in WEEKDAYS:
                back = (report.weekday() - WEEKDAYS[w]) % 7
                if "next" in words:
                    back = -((WEEKDAYS[w] - report.weekday()) % 7 or 7)
                return (report - timedelta(days=back)).isoformat(), "day"
        if "yesterday" in words:
            return (report - timedelta(days=1)).isoformat(), "day"
        if "today" in words or "tonight" in words:
            return report.isoformat(), "day"
        if "last" in words and "week" in words:
            return (report - timedelta(days=7)).isoformat(), "week"
        if "last" in words and "month" in words:
            m = report.replace(day=1) - timedelta(days=1)
            return f"{m.year:04d}-{m.month:02d}", "month"
        if "last" in words and "year" in words:
            return f"{report.year - 1:04d}", "year"
    month = next((m for t in tokens if (m := _month(t.text))), None)
    year = next((y for t in tokens if (y := _year(t))), None)
    day = next((int(t.text) for t in tokens if t.text.isdigit() and 1 <= int(t.text) <= 31
                and len(t.text) <= 2), None)
    if month and not year and report is not None:
        year = report.year if month <= report.month else report.year - 1
    if month and year and day:
        try:
            return date(year, month, day).isoformat(), "day"
        except ValueError:
            return None
    if month and year:
        return f"{year:04d}-{month:02d}", "month"
    if year:
        return f"{year:04d}", "year"
    return None


def _time_phrases(tok):
    """Time phrases hanging directly on a token: npadvmod/tmod words, prep + object."""
    for c in tok.children:
        if c.dep_ in {"npadvmod", "tmod"} and (c.lower_ in WEEKDAYS or c.lower_ in {"yesterday", "today"}
                                               or c.ent_type_ == "DATE"):
            yield list(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in {"on", "in", "during"}:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and (objs[0].lower_ in WEEKDAYS or _month(objs[0].text) or _year(objs[0])):
                yield [c, *objs[0].subtree]
        elif c.dep_ == "advmod" and c.lower_ in {"yesterday", "today", "tonight"}:
            yield [c]
        elif c.dep_ == "advmod" and c.lower_ in {"later", "earlier"}:
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "in":
                    yield [c, *g.subtree]


SEQUEL_WORDS = {"afterwards", "afterward", "subsequently", "thereafter", "then", "later"}


def event_date(pred, report: date | None, narrative: tuple[str, str] | None = None
               ) -> tuple[str | None, str | None]:
    """The date of the event whose predicate is `pred`; the report date (precision `report`)
    when the sentence says nothing.

    `narrative` is the last background date the document gave ("In 2014, ..."): a sentence that
    goes on from it ("Russia annexed Crimea shortly afterwards") takes that date, not the
    report's."""
    tok = pred
    for _ in range(8):
        for phrase in _time_phrases(tok):
            got = phrase_date(phrase, report)
            if got:
                return got
        if tok.dep_ == "relcl" and (_year(tok.head) or _month(tok.head.text)):
            # "since 2014, when the bloc imposed sanctions": the clause belongs to its date
            got = phrase_date([tok.head, *[c for c in tok.head.children if c.dep_ in {"compound", "nummod"}]],
                              report)
            if got:
                return got
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if narrative is not None and any(t.lower_ in SEQUEL_WORDS for t in pred.sent):
        return narrative
    if report is None:
        return None, None
    return report.isoformat(), "report"


def is_time_prep(prep) -> bool:
    """A preposition that only says when ("on Monday", "in March", "in 2014")."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if not objs:
        return False
    o = objs[0]
    return o.lower_ in WEEKDAYS or bool(_month(o.text)) or _year(o) is not None or o.lower_ in {
        "morning", "evening", "afternoon", "night", "weekend", "week", "month", "year", "day"}
