"""From a parsed sentence to events: predicates from the lexicon, actors from the dependency
parse, status and reporter from the clauses above, the date from the time phrases around.

Rules, each named on the events it makes (`rule`):
- `<lexicon id>`: a verb or noun of the lexicon with its source and target;
- `say-accuse`: a speech act whose content is a hostile act by another actor is an accusation
  (CAMEO 112) against that actor ("claimed Moscow was undermining...");
- `say-statement`: a speech act with nothing coded inside and an actor to talk about (010, low
  confidence: statements are subordinate events);
- `cond-threat`: "X would take measures if Y deploys troops" is a threat by X against Y (130);
- `intent`, `future-intent`, `say-demand`: see `frames.py`.
The frame rules (speech acts, intentions, demands, conditions) live in `frames.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..actors.resolve import PRONOUNS_PERSON, DocMemory, Match, Resolver
from ..codebook import Codebook
from ..model import Actor, Event, Mention
from .dates import event_date, is_time_prep
from .lexicon import Lexicon, Predicate
from .frames import NON_STATE_ROLES, READY_ADJ, Candidate, FrameRules, Rejection, same_side
from .status import clause_status

SUBJ = {"nsubj", "csubj"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "appos", "conj"}
OBJ = {"dobj", "obj"}
LIGHT_VERBS = {"launch", "carry", "conduct", "hold", "stage", "mount", "begin", "start", "have",
               "make", "issue", "announce", "impose", "continue", "resume", "step", "intensify",
               "open", "deliver", "provide", "sign", "reach", "give", "take", "order", "offer"}
PARTICLES = {"up", "down", "back", "out", "off", "away", "over", "in", "on"}
DEFAULT_TARGET_PREPS = ("on", "against", "to", "with", "into", "in", "toward", "towards", "at")






@dataclass
class SentenceResult:
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    matches: dict[int, Match] = field(default_factory=dict)
    cache: dict[int, list[Mention]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Context:
    doc_id: str
    unit_id: str | None
    report: date | None
    outlet: str | None
    memory: DocMemory


def _dobj(tok):
    return next((c for c in tok.children if c.dep_ in OBJ), None)


def _pobjs(tok, preps) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ in preps and not is_time_prep(c):
            out += [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    return out


# Posture verbs whose passive subject, when it is a force, is the actor ("troops were massed").
SELF_MOVING = {"deploy", "mass", "amass", "station", "concentrate", "move", "position", "send",
               "redeploy", "build", "gather", "muster"}
FORCE_WORDS = {"troop", "force", "soldier", "group", "battalion", "brigade", "division", "unit",
               "tank", "warship", "ship", "missile", "army", "regiment", "jet", "aircraft"}
# "urged X to", "wants X to": the object of these verbs does what the infinitive says
OBJECT_CONTROL = {"urge", "ask", "call", "tell", "order", "force", "invite", "persuade", "press",
                  "want", "expect", "encourage", "allow", "help", "need", "pressure", "push"}
RECEIVING_VERBS = {"draw", "receive", "face", "attract", "earn", "suffer", "undergo", "get"}
LOCATED_ROOTS = {"07", "15", "16", "17", "18", "19", "20"}
ASSAULT_LEMMAS = {"kill", "wound", "injure", "murder", "attack", "shoot", "stab", "beat", "ambush"}
BOMB_WORDS = {"bomb", "bombing", "explosive", "explosion", "ied", "blast", "bomber"}


def _main_clause(tok, frames) -> bool:
    """The sentence's own statement (or the content of its speech act), not a background clause."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "ROOT":
        return True
    return tok.dep_ == "ccomp" and frames.get(tok.head.i) == "say" and tok.head.dep_ == "ROOT"


class Extractor(FrameRules):
    def __init__(self, lexicon: Lexicon, resolver: Resolver, codebook: Codebook,
                 responses: frozenset[str], *, goldstein_scheme: str = "gdelt") -> None:
        self.lexicon = lexicon
        self.resolver = resolver
        self.codebook = codebook
        self.responses = responses
        self.scheme = goldstein_scheme
        self._lemmas = lexicon.lemmas

    # -- predicates ------------------------------------------------------------------------
    def _choose(self, tok) -> Predicate | None:
        pos = "VERB" if tok.pos_ in {"VERB", "AUX"} else "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else None
        if pos is None:
            return None
        entries = self.lexicon.candidates(tok.lemma_.lower(), pos)
        if not entries and pos == "NOUN":
            # spaCy lemmatises some plurals oddly; try the lower-cased form
            entries = self.lexicon.candidates(tok.lower_, pos)
        if not entries:
            return None
        # spaCy often tags "down", "back" as adverbs or prepositions without an object
        passive_obj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        prt = {c.lower_ for c in tok.children if c.dep_ == "prt" or (
            c.dep_ in {"advmod", "prep"} and c.lower_ in PARTICLES and not any(True for _ in c.children))}
        obj = (_dobj(tok) or passive_obj) if pos == "VERB" else None
        obj_lemmas = set()
        if obj is not None:
            obj_lemmas = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")}
        if pos == "NOUN":
            obj_lemmas = {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod"}}
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    obj_lemmas |= {g.lemma_.lower() for g in p.children if g.dep_ == "pobj"}
        preps = {c.lower_ for c in tok.children if c.dep_ in {"prep", "agent", "dative"}
                 and not is_time_prep(c)}
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ in {"ADP", "SCONJ"}:
            preps.add(tok.nbor(1).lower_)  # "called for Burma to reform": "for" parsed as a mark
        fallback = None
        for e in entries:
            if e.particle and e.particle not in prt:
                continue
            if e.objects and not (e.objects & obj_lemmas):
                continue
            if not e.particle and prt and any(x.particle in prt for x in entries if x.particle):
                continue
            if e.preps and not e.objects and not e.particle and not (set(e.preps) & preps):
                fallback = fallback or e
                continue
            return e
        return fallback

    def candidates(self, sent) -> list[Candidate]:
        out = []
        lemmas = self._lemmas
        for tok in sent:
            if tok.lemma_.lower() not in lemmas and tok.lower_ not in lemmas:
                continue
            e = self._choose(tok)
            if e is not None:
                out.append(Candidate(tok, e))
        # a noun that is the object named by its verb's entry ("impose sanctions") is not coded twice
        by_tok = {c.tok.i: c for c in out}
        keep = []
        for c in out:
            h = c.tok.head
            if c.entry.pos == "NOUN" and h.i in by_tok and c.tok.dep_ in OBJ and (
                by_tok[h.i].entry.objects or by_tok[h.i].entry.code
            ):
                continue
            keep.append(c)
        return keep

    # -- actors ----------------------------------------------------------------------------
    def _resolve(self, tok, res: SentenceResult, ctx: Context, avoid: frozenset[str] = frozenset()
                 ) -> list[Mention]:
        got = res.cache.get(tok.i)
        if got is None:
            got = res.cache[tok.i] = self.resolver.resolve(tok, res.matches, ctx.memory, ctx.report)
        if avoid and any(m.how in {"context", "title+context"} and m.actor.primary in avoid for m in got):
            # a target taken from the context must not be the source's own country
            return self.resolver.resolve(tok, res.matches, ctx.memory, ctx.report, avoid=avoid)
        return got

    def _prime(self, sent, res: SentenceResult, ctx: Context) -> None:
        """Resolve the sentence's argument heads in reading order, so that the document memory
        (last person, remembered titles) grows in the order a reader meets the names."""
        for tok in sent:
            if tok.dep_ in ARG_DEPS and (tok.i in res.matches or tok.pos_ == "PROPN"
                                         or tok.lower_ in PRONOUNS_PERSON):
                self._resolve(tok, res, ctx)

    def _subject_token(self, tok, cands: dict[int, Candidate], depth: int = 0):
        """The token naming who acts: subject, passive agent, or inherited through
        coordination, control ("agreed to meet") and accusations ("accused X of building")."""
        if depth > 4:
            return None
        for c in tok.children:
            if c.dep_ in SUBJ:
                return c
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            if tok.lemma_ in SELF_MOVING and passive.lemma_ in FORCE_WORDS:
                return passive  # "28 Russian battalions were deployed": the forces are the actor
            return None  # passive without agent: the actor is unknown
        dep, head = tok.dep_, tok.head
        if head.i == tok.i:
            return None
        if dep == "conj":
            return self._subject_token(head, cands, depth + 1)
        if dep in {"xcomp", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            if dep == "xcomp" and _dobj(head) is not None and head.lemma_ in OBJECT_CONTROL:
                return _dobj(head)
            return self._subject_token(head, cands, depth + 1)
        if dep == "xcomp":
            return self._subject_token(head, cands, depth + 1)
        if dep == "pcomp" and head.dep_ == "prep" and head.head.i in cands:
            emb = cands[head.head.i].entry
            obj = _dobj(head.head)
            if emb.embeds in {"accuse", "demand"} and obj is not None:
                return obj
            return self._subject_token(head.head, cands, depth + 1)
        if dep == "pcomp" and head.dep_ == "prep":  # "guilty of violating", "by launching"
            return self._subject_token(head.head, cands, depth + 1)
        if dep == "relcl":
            return head
        if dep in {"acomp", "attr", "oprd"}:  # "France is ready to contribute": ready -> is -> France
            return self._subject_token(head, cands, depth + 1)
        return None

    def _sources(self, cand: Candidate, cands, res, ctx) -> list[Mention]:
        tok = cand.tok
        if cand.entry.pos == "NOUN":
            for c in tok.children:
                if c.dep_ == "poss":
                    got = self._resolve(c, res, ctx)
                    if got:  # "its invasion": an unresolved pronoun leaves the other routes open
                        return got
            for p in _pobjs(tok, ("by", "from")):
                got = self._resolve(p, res, ctx)
                if got:
                    return got
            for c in tok.children:
                # "Russian attack", "NATO summit"; a role word alone ("general strike") is no actor
                if c.dep_ in {"compound", "amod"} and c.i in res.matches and res.matches[c.i].best():
                    got = self._resolve(c, res, ctx)
                    if got:
                        return got
            h = tok.head
            if tok.dep_ in OBJ and h.lemma_ in RECEIVING_VERBS:
                return []  # "the invasion drew condemnation": the subject is who is condemned
            if tok.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in {"in", "into", "for", "of", "during"} \
                    and h.head.pos_ in {"VERB", "ADJ"} and h.head.i not in cands:
                # "engaged peacekeepers in a firefight", "responsible for mass killings",
                # "were engaged in ethnic cleansing" (a stative passive: its subject acts)
                s = self._subject_token(h.head, cands) or next(
                    (c for c in h.head.children if c.dep_ == "nsubjpass"), None)
                return self._resolve(s, res, ctx) if s is not None else []
            if tok.dep_ in OBJ and h.pos_ == "VERB" and (h.lemma_ in LIGHT_VERBS or h.i not in cands):
                # "launched an attack", "renewed negotiations": the verb's subject acts
                s = self._subject_token(h, cands)
                return self._resolve(s, res, ctx) if s is not None else []
            return []
        s = self._subject_token(tok, cands)
        return self._resolve(s, res, ctx) if s is not None else []

    def _targets(self, cand: Candidate, res, ctx, avoid: frozenset[str] = frozenset()) -> list[Mention]:
        tok, e = cand.tok, cand.entry

        if e.target == "none":
            return []
        if e.pos == "VERB" and not e.objects:
            obj = _dobj(tok)
            if obj is None:
                obj = next((c for c in tok.children if c.dep_ == "nsubjpass"
                            and not (tok.lemma_ in SELF_MOVING and c.lemma_ in FORCE_WORDS)), None)
            if obj is None:
                obj = next((c for c in tok.children if c.dep_ == "dative"), None)
            if obj is not None:
                got = self._resolve(obj, res, ctx, avoid)
                if got:
                    return got
                got = self._owner(obj, res, ctx, avoid)
                if got:  # "rejected calls by East Germany", "criticised Sweden's decision"
                    return got
                for p in _pobjs(obj, ("against", "on", "upon", "toward", "towards", "to", "with")):
                    got = self._resolve(p, res, ctx, avoid)  # "threatened action against the Soviet Union"
                    if got:
                        return got
        if e.objects:
            dative = next((c for c in tok.children if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN"}), None)
            if dative is not None:  # "give Tanzania a grant"
                got = self._resolve(dative, res, ctx, avoid)
                if got:
                    return got
        preps = e.preps or (DEFAULT_TARGET_PREPS if e.objects else ())
        holders = [tok]
        obj = _dobj(tok) or next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if e.objects and obj is not None:
            holders.append(obj)
        for holder in holders:
            for p in _pobjs(holder, preps):
                got = self._resolve(p, res, ctx, avoid)
                if got:
                    return got
                for q in _pobjs(p, ("against", "on", "upon", "toward", "towards")):
                    got = self._resolve(q, res, ctx, avoid)  # "called for sanctions against Nigeria"
                    if got:
                        return got
        if e.pos == "NOUN" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and \
                tok.head.head.pos_ == "VERB" and _dobj(tok.head.head) is not None:
            got = self._resolve(_dobj(tok.head.head), res, ctx, avoid)  # "engaged peacekeepers in a firefight"
            if got:
                return got
        if e.objects and _dobj(tok) is not None:
            # "expelled Russian diplomats": the object itself names the target, but only by a
            # name or adjective, never by the document's context ("deployed troops")
            got = [m for m in self._resolve(_dobj(tok), res, ctx, avoid)
                   if m.how not in {"context", "coreference", "pronoun", "unknown"}]
            if got:
                return got
        return []

    def _subtree_actors(self, tok, res, ctx) -> list[Mention]:
        """Actors named by name (not by context) in a predicate's own clause, in order."""
        out = []
        for t in tok.subtree:
            if t.i not in res.matches or t.dep_ == "compound" or t.i == tok.i:
                continue
            m = res.matches[t.i]
            if m.best() is None or t.i != m.end - 1:
                continue
            for g in self._resolve(t, res, ctx):
                if g.actor.code and g.how not in {"context", "coreference", "pronoun"}:
                    out.append(g)
        return out

    def _place_target(self, tok, res, sources) -> list[Mention]:
        holders = [tok, *[c for c in tok.children if c.dep_ in OBJ]]
        for h in holders:
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in {"in", "into", "across", "throughout", "on"} or is_time_prep(c):
                    continue
                for t in c.subtree:
                    m = res.matches.get(t.i)
                    e = m.best() if m else None
                    if e is not None and e.actor is not None and e.kind in {"place", "country", "capital"}:
                        code = e.actor.primary
                        if any(s.actor.code == code for s in sources):
                            return []
                        span = (t.idx - tok.sent.start_char, t.idx + len(t) - tok.sent.start_char)
                        return [Mention(Actor(code, self.resolver.kb.name_of(code), "place"), t.text,
                                        span[0], span[1], "place")]
        return []

    def _owner(self, noun, res, ctx, avoid: frozenset[str] = frozenset()) -> list[Mention]:
        """The actor a thing belongs to: "Sweden's decision", "calls by Kofi Annan", "demands
        from Hutu rebels", "the plan of the government"."""
        for c in noun.children:
            if c.dep_ == "poss":
                got = self._resolve(c, res, ctx, avoid)
                if got:
                    return got
        for p in _pobjs(noun, ("by", "from", "of")):
            got = self._resolve(p, res, ctx, avoid)
            if got:
                return [m for m in got if m.how not in {"context"}]
        return []

    def _between(self, cand: Candidate, res, ctx) -> list[Mention]:
        tok = cand.tok
        holders = [tok, *[c for c in tok.children if c.dep_ in OBJ]]
        for h in holders:
            for p in _pobjs(h, ("between", "among")):
                got = self._resolve(p, res, ctx)
                if len(got) >= 2:
                    return got
        return []

    # -- the sentence ----------------------------------------------------------------------
    def sentence(self, sent, sent_index: int, ctx: Context) -> SentenceResult:
        res = SentenceResult()
        res.matches = self.resolver.scan(sent)
        self._remember(sent, res, ctx)
        cands = self.candidates(sent)
        res.candidates = cands
        if not cands:
            return res
        self._prime(sent, res, ctx)
        by_tok = {c.tok.i: c for c in cands}
        frames = {c.tok.i: c.entry.embeds for c in cands if c.entry.embeds}
        raw: list[tuple] = []  # (cand, source mention, target mention, rule, code, confidence)
        for cand in cands:
            e = cand.entry
            if e.negative and e.code is None:
                continue
            comp = next((c for c in cand.tok.children if c.dep_ in {"xcomp", "ccomp"}
                         and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
            who = _dobj(cand.tok) or (next((c for c in comp.children if c.dep_ == "nsubj"), None)
                                      if comp is not None else None)
            if e.code is None and e.embeds == "intent" and comp is not None and who is not None:
                # "Sharon wants Germany to pay": wanting someone else to act is an appeal to them
                wanter = self._sources(cand, by_tok, res, ctx)
                wanted = self._resolve(who, res, ctx)
                for w in wanter[:1]:
                    for t in wanted:
                        if w.actor.code and t.actor.code and not same_side(w.actor.code, t.actor.code):
                            raw.append((cand, w, t, "want-appeal", "020", 0.7))
                continue
            if e.code is None or (e.embeds == "say" and e.code == "010"):
                continue  # plain speech verbs are coded by _speech_rules, from their content
            if e.target == "between":
                pair = self._between(cand, res, ctx)
                if len(pair) >= 2:
                    a, b = pair[0], pair[1]
                    raw.append((cand, a, b, e.id, e.code, 0.8))
                    raw.append((cand, b, a, e.id, e.code, 0.8))
                    continue
            sources = self._sources(cand, by_tok, res, ctx)
            if not sources and e.code[:2] in {"18", "19", "20"} and _main_clause(cand.tok, frames):
                # "three civilians were killed in a car bombing": violence with an unknown
                # perpetrator is kept (source unknown, low confidence), never guessed
                targets = self._targets(cand, res, ctx)
                if targets:
                    unknown = Mention(Actor("", "unknown perpetrator", "unknown"), "", 0, 0, "unknown")
                    for t in targets:
                        raw.append((cand, unknown, t, e.id, e.code, 0.5))
                    continue
            if not sources:
                res.rejected.append(Rejection(cand.tok.text, e.id, "no source actor"))
                continue
            avoid = frozenset(m.actor.primary for m in sources if m.actor.code)
            if not any(c not in avoid for c in ctx.memory.current):
                avoid = frozenset()  # with no other country in the sentence, the context may be the source's
            targets = self._targets(cand, res, ctx, avoid)
            conf = 0.9 if e.pos == "VERB" else 0.75
            if not targets and e.embeds and e.code and e.code != "010":
                targets = self._complement_actors(cand.tok, res, ctx, exclude={s.actor.primary for s in sources})[:1]
                conf *= 0.85
            if not targets and len(sources) > 1 and e.code[:2] <= "08" and \
                    not all(m.how == "adjective" for m in sources):
                # "Iran and Russia signed a deal": a compound actor cooperating with itself is
                # each member acting toward the other
                for s in sources:
                    for t in sources:
                        if t is not s:
                            raw.append((cand, s, t, e.id, e.code, conf * 0.9))
                continue
            if not targets and e.code[:2] == "14":
                # a protest is against whoever the sentence names ("in defiance of Chinese
                # authorities"), else, by CAMEO convention, the government of the protesters' own country
                named = [m for m in self._subtree_actors(cand.tok, res, ctx)
                         if all(m.actor.primary != s.actor.primary for s in sources)]
                targets = named[:1]
            if not targets and e.code[:2] == "14":
                targets = [Mention(Actor(s.actor.primary + "GOV", self.resolver._display(s.actor.primary + "GOV", None), "role"),
                                   "", 0, 0, "default") for s in sources[:1]
                           if s.actor.code and s.actor.primary in self.resolver.kb.country_names
                           and len(s.actor.primary) == 3 and s.actor.code[3:6] != "GOV"]
            if not targets and e.code[:2] in LOCATED_ROOTS and e.target != "none":
                # "reimposed blockades in the West Bank", "imposed martial law in Algiers": an act
                # done to a place is done to its country
                targets = self._place_target(cand.tok, res, sources)
            if e.need_target and not targets:
                res.rejected.append(Rejection(cand.tok.text, e.id, "no target (the entry needs one)"))
                continue
            if e.reverse:  # "received weapons from X": X acts on the subject
                for s in sources:
                    for t in targets:
                        raw.append((cand, t, s, e.id, e.code, conf))
                continue
            for s in sources:
                for t in targets or [None]:
                    raw.append((cand, s, t, e.id, e.code, conf))
        for tok in sent:  # "ready/willing/prepared to X" states an intention like "plan to X"
            if tok.pos_ == "ADJ" and tok.lemma_ in READY_ADJ and any(c.dep_ == "xcomp" for c in tok.children):
                frames[tok.i] = "intent"
        conds = self._conditional_threats(sent, by_tok, res, ctx)
        raw = self._intentions(raw + conds, by_tok, frames, res, ctx)
        speech = self._speech_rules(cands, by_tok, frames, raw, res, ctx)
        if raw:  # a bare statement is coded only when nothing else is
            speech = [r for r in speech if r[3] != "say-statement"]
        raw += speech
        self._emit(raw, frames, sent, sent_index, res, ctx)
        self._note_narrative(res, ctx)
        return res

    def _remember(self, sent, res: SentenceResult, ctx: Context) -> None:
        """Countries named in a sentence feed the document's context (for "the separatists")."""
        seen = set()
        ctx.memory.current.clear()
        for m in res.matches.values():
            if id(m) in seen:
                continue
            seen.add(id(m))
            e = m.best()
            if e is not None and e.actor is not None and e.kind in {"country", "adjective", "capital", "place"}:
                ctx.memory.countries[e.actor.primary] += 1
                ctx.memory.current[e.actor.primary] += 1

    @staticmethod
    def _nearest_frame(tok, by_tok):
        for a in tok.ancestors:
            c = by_tok.get(a.i)
            if c is not None and c.entry.embeds in {"say", "accuse", "deny"}:
                return a
        return None

    def _emit(self, raw, frames, sent, sent_index, res: SentenceResult, ctx: Context) -> None:
        seen = set()
        sent_start = sent.start_char
        for cand, src, tgt, rule, code, conf in raw:
            tok = cand.tok
            if tgt is not None and src.actor.code and tgt.actor.code == src.actor.code and \
                    tgt.how in {"capital", "place"} and code[:2] in LOCATED_ROOTS:
                # "extended the curfew in Abidjan": done to the people of the place, not its government
                code_cvl = src.actor.primary + "CVL"
                tgt = Mention(Actor(code_cvl, self.resolver._display(code_cvl, None), "role"), tgt.text,
                              tgt.start, tgt.end, "place")
            if tgt is not None and src.actor.code and tgt.actor.code == src.actor.code:
                res.rejected.append(Rejection(tok.text, rule, "source and target are the same actor"))
                continue
            if rule in {"cond-threat", "future-intent"}:
                # the threat or the stated intention is itself asserted, though what it is about
                # has not happened
                status, speech = "asserted", self._speech_above(tok, frames)
            else:
                status, speech = clause_status(tok, frames)
            reporter = ctx.outlet
            if speech is not None:
                spk = self._speaker_of(speech, res, ctx)
                if spk is not None:
                    reporter = spk.actor.name if spk.actor.code else spk.text
                    if status == "asserted" and src.actor.code and spk.actor.code and \
                            not same_side(spk.actor.code, src.actor.code) and rule not in {"say-accuse"}:
                        status = "alleged"
            key = (src.actor.code or src.text, tgt.actor.code if tgt else None, code, status)
            if key in seen:
                continue
            seen.add(key)
            code = self._assault_or_fight(code, tok, src)
            cb = self.codebook[code]
            when, precision = event_date(tok, ctx.report, ctx.memory.narrative)
            if not src.actor.code or (tgt is not None and not tgt.actor.code):
                conf *= 0.5
            if src.how in {"pronoun", "coreference", "context"}:
                conf *= 0.85
            res.events.append(Event(
                doc_id=ctx.doc_id, unit_id=ctx.unit_id, sentence_index=sent_index,
                sentence=sent.text, trigger=tok.text,
                trigger_span=(tok.idx - sent_start, tok.idx - sent_start + len(tok)),
                trigger_lemma=tok.lemma_.lower(), rule=rule, source=src, target=tgt, code=code,
                name=cb.name, root=cb.root, quad=cb.quad, goldstein=cb.goldstein(self.scheme),
                plover=cb.plover, plover_mode=cb.plover_mode, status=status, reporter=reporter,
                event_date=when, date_precision=precision, confidence=round(conf, 3),
                goldstein_scheme=self.scheme,
            ))

    @staticmethod
    def _assault_or_fight(code: str, tok, src: Mention) -> str:
        """CAMEO keeps conventional military force (19) apart from unconventional violence (18):
        killing or wounding by guerrillas, militias or unknown attackers is an assault, and a
        bombing by them is 183."""
        state = bool(src.actor.code) and src.actor.code[3:6] not in NON_STATE_ROLES
        if code[:2] != "19" or tok.lemma_ not in ASSAULT_LEMMAS or state:
            return code
        if any(t.lemma_ in BOMB_WORDS for t in tok.sent):
            return "183"
        return "180"

    @staticmethod
    def _note_narrative(res: SentenceResult, ctx: Context) -> None:
        """Remember a background date the sentence gave, for sentences that go on from it."""
        for e in res.events:
            if e.date_precision in {"year", "month"} or (
                    e.date_precision == "day" and ctx.report and e.event_date[:4] != str(ctx.report.year)):
                ctx.memory.narrative = (e.event_date, e.date_precision)
                return

    @staticmethod
    def _speech_above(tok, frames):
        for a in tok.ancestors:
            if frames.get(a.i) in {"say", "accuse"}:
                return a
        return None

