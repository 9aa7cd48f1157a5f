"""Mention → actor resolution, sentence by sentence with a document memory.

`scan` finds knowledge-base names in a sentence (longest match first; proper names must be
capitalised in the text, acronyms must match their case). `Resolver.resolve` turns the head token
of a noun phrase into actors:

- names: countries, capitals and seats (metonymy: "Moscow", "the Kremlin" → government), bodies,
  armed groups, people with dated roles (the role on the event's date counts);
- composition: a country word plus a role word ("Ukrainian government forces" → UKRMIL,
  "Ukraine's commander-in-chief" → UKRMIL); "pro-Russia" is an affiliation, not the country;
- titles without a dictionary entry: "Russian Foreign Minister Sergei Lavrov" → RUSGOV, and the
  surname is remembered for the rest of the document;
- coreference: he/she, "the official", "the minister" → the last person; a remembered surname;
- context: "separatists", "the government" with no country → the document's main country;
- compounds: "Iran and Russia" → both;
- anything else that is a proper name is kept as an unknown actor with its text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..model import Actor, Mention
from .kb import Entry, KnowledgeBase

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_COLLECTIVE = {"it", "they", "we", "them"}
SPEECH_LEMMAS = {"say", "announce", "declare", "state", "tell", "add", "report", "claim", "insist",
                 "warn", "confirm", "stress", "note", "reiterate", "indicate", "write", "vow",
                 "pledge", "promise", "assert"}
NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "punct",
                "advmod", "npadvmod", "predet"}
PRIORITY = {"person": 0, "group": 1, "organization": 2, "seat": 3, "capital": 4, "country": 5,
            "adjective": 6, "place": 7}
AFFILIATION = {"pro", "anti"}
ROLE_NAMES = {"GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence",
              "REB": "rebels", "SEP": "separatists", "OPP": "opposition", "CVL": "civilians",
              "MED": "media", "JUD": "judiciary", "LEG": "legislature", "BUS": "business",
              "REF": "refugees"}
LOCATION_PREPS = {"in", "from", "throughout", "across", "inside"}
# "Russian speakers", "the Hungarian minority": people of a language or ethnicity, not the state
COMMUNITY_HEADS = {"speaker", "minority", "diaspora", "community", "population", "expatriate"}
GROUP_HEADS = {"party", "group", "leader", "member", "official", "unit", "activist", "supporter",
               "faction", "movement", "coalition", "bloc", "wing", "body", "agency", "people",
               "delegation", "representative", "figure", "circle", "camp", "side"}
QUANTITY_HEADS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million",
                  "millions", "dozen", "dozens", "score", "scores", "member", "some", "many",
                  "most", "all", "group", "number", "majority", "handful", "several", "none",
                  "one", "two", "three", "few", "part", "section", "faction", "wing", "unit",
                  "delegation", "team", "contingent", "batch", "patch", "band"}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "today", "yesterday"}


@dataclass
class Match:
    start: int  # token index in the doc
    end: int
    entries: list[Entry]

    def best(self, *, roles: bool = False, when: date | None = None) -> Entry | None:
        cands = [e for e in self.entries if (e.kind == "role") == roles]
        if not cands:
            return None
        # among people sharing a name, the one in office on the date comes first
        return min(cands, key=lambda e: (PRIORITY.get(e.kind, 9),
                                         not (e.person is not None and e.person.active_on(when))))


@dataclass
class DocMemory:
    """What a document has told us so far about who is who."""

    surnames: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    last_collective: Actor | None = None  # the last country, body or group named as a subject
    countries: Counter = field(default_factory=Counter)

    current: Counter = field(default_factory=Counter)  # countries named in the sentence at hand
    narrative: tuple[str, str] | None = None  # the last background date (for "afterwards")

    def main_country(self, exclude: set[str] = frozenset()) -> str | None:
        """The country of the context: the sentence's own first, then the document's."""
        for code, _ in self.current.most_common():
            if code not in exclude:
                return code
        for code, _ in self.countries.most_common():
            if code not in exclude:
                return code
        return None


class Resolver:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # first token → the longest name starting with it, to keep the scan cheap
        self._first: dict[str, int] = {}
        for toks in kb.names:
            self._first[toks[0]] = max(self._first.get(toks[0], 0), len(toks))

    # -- finding names ---------------------------------------------------------------------
    def scan(self, span) -> dict[int, Match]:
        """Token index → the KB match covering it, for one sentence (a spaCy Span)."""
        doc = span.doc
        out: dict[int, Match] = {}
        i, end = span.start, span.end
        lower = [t.lower_ for t in doc[span.start:span.end]]
        first = self._first
        while i < end:
            longest = first.get(lower[i - span.start], 0)
            found = None
            for n in range(min(longest, end - i), 0, -1):
                key = tuple(lower[i - span.start:i - span.start + n])
                entries = self.kb.names.get(key)
                if not entries:
                    continue
                ok = self._case_ok(doc, i, n, entries)
                if ok:
                    found = Match(i, i + n, ok)
                    break
            if found:
                for k in range(found.start, found.end):
                    out[k] = found
                i = found.end
            else:
                i += 1
        return out

    @staticmethod
    def _case_ok(doc, i: int, n: int, entries: list[Entry]) -> list[Entry]:
        # a proper name has a capital somewhere: "Kremlin", "the West", "al-Qaeda", "bin Laden"
        capital = any(t.text[:1].isupper() for t in doc[i:i + n] if t.lower_ != "the")
        surface = "".join(t.text for t in doc[i:i + n])
        ok = []
        for e in entries:
            if e.kind == "role":
                ok.append(e)
            elif e.exact_case:
                if surface == e.surface.replace(" ", ""):
                    ok.append(e)
            elif capital:
                ok.append(e)
        return ok

    # -- resolving noun phrases -------------------------------------------------------------
    def np_tokens(self, head) -> list:
        """The head and its modifiers (not its clauses, conjuncts or most prepositions)."""
        toks = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                dep = c.dep_
                if c.i < t.i and dep in NP_LEFT_DEPS:
                    toks.append(c)
                    stack.append(c)
                elif c.i > t.i and dep == "prep" and (
                    c.lower_ == "of" or (c.i > 0 and c.nbor(-1).text == "-")
                ):
                    toks.append(c)
                    stack.append(c)
                elif c.i > t.i and dep in {"pobj", "punct"} and t.dep_ == "prep":
                    toks.append(c)
                    stack.append(c)
        return sorted(toks, key=lambda t: t.i)

    def resolve(self, head, matches: dict[int, Match], memory: DocMemory,
                when: date | None, *, avoid: frozenset[str] = frozenset()) -> list[Mention]:
        """Actors for a noun phrase head (and its conjuncts). `avoid`: primaries the context may
        not supply (the source's own country, when resolving "civilians" as a target)."""
        heads = [head, *[c for c in head.conjuncts if c.i > head.i]]
        out = []
        for h in heads:
            m = self._resolve_one(h, matches, memory, when, avoid)
            if m is not None:
                out.append(m)
        return out

    def _resolve_one(self, h, matches, memory: DocMemory, when, avoid=frozenset()) -> Mention | None:
        sent_start = h.sent.start_char
        if h.lower_ in PRONOUNS_PERSON or h.lower_ in PRONOUNS_COLLECTIVE:
            speaker = self._reporting_speaker(h, matches, memory, when)
            if speaker is not None:  # "Russia said it would...", "the rebels said they will..."
                return Mention(speaker.actor, h.text, h.idx - sent_start, h.idx + len(h) - sent_start,
                               "pronoun")
            ref = memory.last_person if h.lower_ in PRONOUNS_PERSON else memory.last_collective
            if ref is None:
                return None
            return Mention(ref, h.text, h.idx - sent_start, h.idx + len(h) - sent_start, "pronoun")
        if h.tag_ in {"WP", "WDT"} and h.head.dep_ == "relcl":
            return self._resolve_one(h.head.head, matches, memory, when)
        if h.pos_ == "VERB" and h.dep_ in {"nsubj", "nsubjpass"}:
            # "The Red Cross operating in Iraq said": the parser made the participle the subject
            inner = next((c for c in h.children if c.dep_ == "nsubj"), None)
            if inner is not None:
                return self._resolve_one(inner, matches, memory, when, avoid)
        if (h.lemma_.lower() in QUANTITY_HEADS or h.tag_ == "CD") and h.pos_ != "PROPN":
            # "Tens of thousands of students throughout Indonesia", "Members of the opposition"
            of = next((g for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), None)
            if of is not None:
                return self._resolve_one(of, matches, memory, when, avoid)
        toks = self.np_tokens(h)
        first, last = toks[0], toks[-1]
        text = h.doc.text[first.idx:last.idx + len(last)]
        span = (first.idx - sent_start, last.idx + len(last) - sent_start)

        seen: list[Match] = []
        for t in toks:
            m = matches.get(t.i)
            if m is not None and m not in seen:
                seen.append(m)
        role_entry = None
        role_on_head = False
        base: tuple[int, Entry, Match] | None = None
        affiliated: set[str] = set()
        ethnic = False
        for m in seen:
            r = m.best(roles=True)
            if r is not None and (role_entry is None or m.start <= h.i < m.end):
                role_entry, role_on_head = r, m.start <= h.i < m.end
            e = m.best(when=when)
            if e is None:
                continue
            if e.kind == "person" and not (m.start <= h.i < m.end) and h.pos_ == "PROPN":
                continue  # a first name inside a longer name ("Omar" in "Omar Al Bashir")
            if e.kind == "adjective" and m.start <= h.i and (
                    any(t.lower_ == "ethnic" for t in toks) or h.lemma_.lower() in COMMUNITY_HEADS):
                # "ethnic Albanians in south Serbia": an ethnicity, not the state
                if e.actor is not None:
                    affiliated.add(e.actor.primary)
                ethnic = True
                continue
            if m.start >= 2 and h.doc[m.start - 1].text == "-" and h.doc[m.start - 2].lower_ in AFFILIATION:
                if e.actor is not None:
                    affiliated.add(e.actor.primary)
                continue
            rank = PRIORITY.get(e.kind, 9) - (10 if m.start <= h.i < m.end else 0)
            if base is None or rank < base[0]:
                base = (rank, e, m)

        if base is None and ethnic:
            located = self._location(h, matches, when)
            country = located or memory.main_country(exclude=affiliated | avoid)
            if country is not None:
                code = country + "CVL"
                return Mention(Actor(code, self._display(code, None), "role"), text, span[0], span[1],
                               "ethnic")
        if base is not None:
            entry = base[1]
            actor = entry.actor_on(when)
            if actor is None:
                return None
            code = actor.code
            if entry.kind != "person" and role_entry is not None and entry.kind != "group":
                if len(code) == 3 or (role_on_head and code[3:6] != role_entry.role):
                    code = code[:3] + role_entry.role
            if code != actor.code:
                actor = Actor(code, self._display(code, actor), actor.kind)
            how = entry.kind
            if entry.kind != "person" and role_entry is not None and role_entry.names_person \
                    and h.pos_ == "PROPN" and not (base[2].start <= h.i < base[2].end):
                # "Russian Foreign Minister Sergei Lavrov": a title gives an unknown person a code
                actor = Actor(code, text_of_name(h), "person")
                memory.surnames[h.text] = actor
                how = "title"
            if actor.kind == "person":
                memory.last_person = actor
            elif h.dep_ in {"nsubj", "nsubjpass"}:
                memory.last_collective = actor
            memory.countries[actor.primary] += 1
            return Mention(actor, text, span[0], span[1], how)

        if h.pos_ == "PROPN" and h.text in memory.surnames:
            actor = memory.surnames[h.text]
            memory.last_person = actor
            return Mention(actor, text, span[0], span[1], "surname")
        if role_entry is not None and role_entry.names_person and h.pos_ == "PROPN" and not role_on_head:
            # "Ousted President Askar Akayev": a title with no country takes the context's country
            country = memory.main_country(exclude=affiliated | avoid)
            if country is not None:
                actor = Actor(country + role_entry.role, text_of_name(h), "person")
                memory.surnames[h.text] = actor
                memory.last_person = actor
                return Mention(actor, text, span[0], span[1], "title+context")
        if role_entry is not None:
            det = next((c.lower_ for c in h.children if c.dep_ == "det"), None)
            if role_entry.names_person and h.tag_ in {"NN", "NNP"} and det in {"the", None} \
                    and memory.last_person is not None and role_on_head:
                return Mention(memory.last_person, text, span[0], span[1], "coreference")
            if role_on_head or h.lemma_.lower() in GROUP_HEADS:  # "opposition parties in Nepal"
                located = self._location(h, matches, when)
                if located is not None:  # "rebels in the Ivory Coast", "students throughout Indonesia"
                    code = located + role_entry.role
                    return Mention(Actor(code, self._display(code, None), "role"), text, span[0],
                                   span[1], "location")
                country = memory.main_country(exclude=affiliated | avoid)
                if country is None:
                    return None
                code = country + role_entry.role
                return Mention(Actor(code, self._display(code, None), "role"), text, span[0],
                               span[1], "context")
            return None
        if h.pos_ == "PROPN" and h.lower_ not in TIME_WORDS:
            return Mention(Actor("", text, "unknown"), text, span[0], span[1], "unknown")
        for c in h.children:  # "a camp for Congolese refugees": the people a place is for
            if c.dep_ == "prep" and c.lower_ == "for":
                for g in c.children:
                    if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}:
                        got = self._resolve_one(g, matches, memory, when, avoid)
                        if got is not None and got.how not in {"context", "unknown"}:
                            return got
        return None

    def _location(self, h, matches, when) -> str | None:
        """The country a group is placed in or comes from: "in/from/throughout/across X"."""
        nouns = [h] + [g for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]
        for n in nouns:
            for c in n.children:
                if c.dep_ != "prep" or c.lower_ not in LOCATION_PREPS:
                    continue
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    for t in g.subtree:
                        m = matches.get(t.i)
                        e = m.best(when=when) if m else None
                        if e is not None and e.kind in {"country", "capital", "adjective", "place"} and e.actor:
                            return e.actor.primary
        return None

    def _reporting_speaker(self, h, matches, memory, when) -> Mention | None:
        """For a subject pronoun inside reported speech, the speaker: "X said it/they/he ..."."""
        if h.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = h.head
        if clause.dep_ not in {"ccomp", "xcomp"} or clause.head.i == clause.i:
            return None
        verb = clause.head
        if verb.lemma_ not in SPEECH_LEMMAS:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in PRONOUNS_PERSON | PRONOUNS_COLLECTIVE:
            return None
        got = self._resolve_one(subj, matches, memory, when)
        if got is None or not got.actor.code:
            return None
        person = got.actor.kind == "person"
        if (h.lower_ in PRONOUNS_PERSON) != person and h.lower_ not in {"they", "we"}:
            return None
        return got

    def _display(self, code: str, actor: Actor | None) -> str:
        base = self.kb.name_of(code[:3]) if actor is None or actor.kind != "person" else actor.name
        role = code[3:]
        if not role:
            return base
        desc = ROLE_NAMES.get(role[:3], role[:3].lower())
        return f"{base} {desc}"


def text_of_name(h) -> str:
    """A person's name: the head and the proper-noun compounds right before it."""
    toks = [h]
    for c in reversed([c for c in h.children if c.i < h.i]):
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == toks[0].i - 1:
            toks.insert(0, c)
    return " ".join(t.text for t in toks)
