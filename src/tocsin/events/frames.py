"""Frames: what speech acts, intentions, demands and conditions do to the events inside them.

The rules here turn "X claimed Y was violating the ceasefire" into an accusation, "X said Y must"
into a demand, "X is ready to send troops" or "X will give Y a grant" into an intention (03x/13x),
"X would retaliate if Y attacked" into a threat, and absorb what a refusal, denial or demand
already carries. `FrameRules` is mixed into the `Extractor`; it relies on its actor and target
helpers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Mention
from .lexicon import Predicate
from .status import MODALS, clause_status, has_negation, is_conditional


@dataclass
class Candidate:
    tok: object
    entry: Predicate


@dataclass
class Rejection:
    trigger: str
    rule: str
    reason: str


_COND = Predicate(id="cond-threat", lemma="", pos="VERB", code="130", particle=None,
                  objects=frozenset(), preps=(), target="object", embeds=None, negative=False)

READY_ADJ = {"ready", "willing", "prepared", "determined", "eager", "keen", "poised", "set"}
# The intent code for an intended act, by the act's root: cooperation 03x, conflict 13x.
INTENT_CODES = {"03": "030", "04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
                "13": "130", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138",
                "20": "138"}
DEONTIC = {"must", "should"}
FUTURE = {"will", "would", "shall", "'ll", "wo"}


def _complement_path(tok, frame) -> bool:
    """Whether `tok` is in the frame's complement through clauses only (xcomp, ccomp, conj...)."""
    while tok.i != frame.i:
        if tok.dep_ not in {"xcomp", "ccomp", "conj", "advcl", "pcomp", "prep", "aux", "dobj"} or \
                (tok.dep_ == "dobj" and tok.pos_ != "VERB"):
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def has_future(tok) -> bool:
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE for c in tok.children):
        return True
    # "is going to", "is to visit"
    return tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and any(
        c.dep_ == "aux" and c.lower_ in {"is", "are", "was", "were"} for c in tok.head.children)
# "X will not <act>": a refusal, by the act's root.
REFUSAL_CODES = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "03": "120"}


def has_deontic(tok) -> bool:
    """"Y must do Z", "Y should do Z", "Y has to/needs to do Z"."""
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in DEONTIC:
            return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_ in {"have", "need"} and head.i != tok.i


CLAIM_LEMMAS = {"claim", "allege", "insist", "charge", "contend", "assert", "maintain", "argue"}


NON_STATE_ROLES = {"REB", "SEP", "OPP", "INS", "CVL", "MED", "NGO", "BUS", "CRM"}


def same_side(a: str, b: str) -> bool:
    """Whether a speaker reporting an act of `b` is reporting on its own side (a self-report,
    asserted) rather than on another actor (alleged): same code, or the same state's organs."""
    if a == b:
        return True
    return a[:3] == b[:3] and a[3:6] not in NON_STATE_ROLES and b[3:6] not in NON_STATE_ROLES


def _state_against_state(spk: Mention, other: Mention) -> bool:
    a, b = spk.actor.code, other.actor.code
    return bool(a and b) and a[:3] != b[:3] and a[3:6] not in NON_STATE_ROLES \
        and b[3:6] not in NON_STATE_ROLES and spk.actor.kind != "organization"


class FrameRules:
    """Rules over embedding predicates (speech, intent, demand, denial, condition)."""

    def _complement_actors(self, tok, res, ctx, exclude: set[str]) -> list[Mention]:
        """Actors named in a speech act's content, in order (for "X warned that Y...")."""
        out = []
        comp = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp", "advcl"} or
                (c.dep_ == "prep" and c.lower_ in {"of", "about", "against"})]
        for c in comp:
            for t in c.subtree:
                if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" and t.i not in res.matches:
                    got = [g for g in self._resolve(t, res, ctx) if g.actor.code]
                    if got and got[0].actor.primary not in exclude and all(
                            o.actor.primary != got[0].actor.primary for o in out):
                        out.append(got[0])  # "demanding that President Mugabe abandon..."
                    continue
                if t.i in res.matches and t.pos_ in {"PROPN", "NOUN", "ADJ"} and t.dep_ not in {"compound"} or (
                        t.i in res.matches and t.dep_ == "compound" and t.head.i not in res.matches):
                    m = res.matches[t.i]
                    if m.best() is None or m.start != t.i and t.i != m.end - 1:
                        continue
                    got = self._resolve(t, res, ctx)
                    for g in got:
                        if g.actor.code and g.actor.primary not in exclude and all(
                                o.actor.primary != g.actor.primary for o in out):
                            out.append(g)
        return out

    def _speech_rules(self, cands, by_tok, frames, raw, res, ctx) -> list[tuple]:
        """Speech acts with no code of their own, or 010: an accusation when their content is a
        hostile act by someone else, else a low-confidence statement about a named actor."""
        out = []
        for cand in cands:
            e = cand.entry
            if e.embeds != "say" or (e.code not in (None, "010")):
                continue
            speakers = self._sources(cand, by_tok, res, ctx)
            if not speakers:
                continue
            spk = speakers[0]
            if not spk.actor.code or spk.actor.code[3:6] == "MED":
                continue  # a news outlet or an unknown voice reports; it does not accuse
            inner = [c for c in cands if c.tok.i != cand.tok.i and cand.tok in c.tok.ancestors
                     and self._nearest_frame(c.tok, by_tok) == cand.tok]
            coded = [r for r in raw if r[0] in inner]
            hostile = []
            for c in inner:
                if c.entry.negative or (c.entry.code and c.entry.code[:2] >= "10"):
                    if c.entry.embeds in {"say", "deny"}:
                        continue
                    for s in self._sources(c, by_tok, res, ctx):
                        if s.actor.code and s.actor.code != spk.actor.code:
                            status, _ = clause_status(c.tok, frames)
                            if status in {"asserted", "alleged"}:
                                hostile.append(s)
            demanded = self._deontic_subjects(cand.tok, spk, res, ctx)
            if demanded:  # "X said Y must do Z": a demand on Y
                for d in demanded:
                    out.append((cand, spk, d, "say-demand", "100", 0.7))
            elif hostile and (cand.tok.lemma_ in CLAIM_LEMMAS or _state_against_state(spk, hostile[0])):
                # a claim accuses; so does one state saying another state did something hostile
                # ("Khomchak said Russian groups were deployed"); a report of a domestic attack
                # by the police or witnesses does not
                # only a claim accuses: "said"/"reported" an act is reporting it (alleged status)
                out.append((cand, spk, hostile[0], "say-accuse", "112", 0.7))
            elif not coded and e.code == "010" and spk.how not in {"context", "location"}:
                tgt = self._complement_actors(cand.tok, res, ctx, exclude={spk.actor.primary})
                if tgt:
                    out.append((cand, spk, tgt[0], "say-statement", "010", 0.5))
        return out

    def _intentions(self, raw, by_tok, frames, res, ctx) -> list[tuple]:
        """Events inside intentions, demands and conditions are what someone wants or warns of.

        - under a plan, promise, threat or readiness ("vowed to retaliate", "is ready to send
          troops"), or reported by their own source with a future modal ("said they will release
          the hostages"): one intent event, 03x for cooperation and 13x for conflict, from the
          source toward the inner event's target; the inner event is absorbed;
        - "X said Y must do Z": a demand (100) from X to Y, absorbing Z;
        - under an appeal or demand that was coded, or in the if-clause of a conditional threat:
          absorbed (the frame event carries it).
        """
        frame_events = {r[0].tok.i: k for k, r in enumerate(raw)}
        cond_clauses = set()
        for r in raw:
            if r[3] == "cond-threat":
                for c in r[0].tok.subtree:
                    if c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children):
                        cond_clauses |= {t.i for t in c.subtree}
        out = list(raw)
        drop: set[int] = set()

        def absorb(k: int, reason: str) -> None:
            drop.add(k)
            res.rejected.append(Rejection(raw[k][0].tok.text, raw[k][3], "absorbed: " + reason))

        for k, (cand, src, tgt, rule, code, conf) in enumerate(raw):
            tok = cand.tok
            if rule == "cond-threat":
                continue
            if tok.i in cond_clauses:
                absorb(k, "the condition of a threat (coded as the threat)")
                continue
            frame = next((a for a in tok.ancestors if a.i in frames), None)
            if frame is not None and not _complement_path(tok, frame):
                # "offered to hand over nationals suspected of blowing up a plane": the bombing
                # hangs on a noun, it is not what was offered: it does not shape the frame's code
                if frames[frame.i] in {"intent", "demand", "deny"}:
                    absorb(k, f"inside the {frames[frame.i]} frame of '{frame.text}' but not its complement")
                continue
            if frame is None:
                if has_future(tok) and not has_negation(tok):
                    # "Finland will give Tanzania a grant": a stated intention (03x/13x)
                    new = INTENT_CODES.get(code[:2])
                    if new is not None and new != code:
                        out[k] = (cand, src, tgt, "future-intent", new, conf * 0.9)
                continue
            kind = frames[frame.i]
            status, _ = clause_status(tok, frames)
            if kind in {"demand", "deny"} and frame.i in frame_events:
                # "refused to meet X", "denied committing genocide": the refusal or denial is the
                # event; what was refused or denied is not a second one
                absorb(k, f"what '{frame.text}' {('asks for' if kind == 'demand' else 'refuses or denies')} (coded as that act)")
                continue
            speaker = None
            if kind in {"intent", "say"}:
                s_tok = self._subject_token(frame, by_tok)
                got = self._resolve(s_tok, res, ctx) if s_tok is not None else []
                speaker = got[0] if got else None
            if kind == "say" and speaker is not None and speaker.actor.code and src.actor.code \
                    and not same_side(speaker.actor.code, src.actor.code) and has_deontic(tok):
                absorb(k, f"demanded by the speaker of '{frame.text}' (coded as a demand)")
                continue
            if kind == "intent" and speaker is not None and speaker.actor.code and src.actor.code \
                    and not same_side(speaker.actor.code, src.actor.code) \
                    and tok.dep_ in {"xcomp", "ccomp"}:
                # "Sharon wants Germany to pay": wanting someone else to act is an appeal to them
                out.append((Candidate(frame, by_tok[frame.i].entry if frame.i in by_tok else _COND),
                            speaker, src, "want-appeal", "020", conf * 0.8))
                absorb(k, f"what '{frame.text}' wants another actor to do (coded as an appeal)")
                continue
            own = speaker is not None and src.actor.code and speaker.actor.code and \
                same_side(speaker.actor.code, src.actor.code)
            if kind == "intent" or (kind == "say" and own and status in {"hypothetical", "negated"}):
                j = frame_events.get(frame.i)
                frame_family = raw[j][4][:2] if j is not None else None
                if status == "negated" and kind == "say":
                    new = REFUSAL_CODES.get(code[:2])  # "will not meet the demands"
                    if new is None:
                        continue  # "we are not threatening anyone" stays a negated threat
                else:
                    new = INTENT_CODES.get(code[:2])
                    if frame_family == "13" and new is not None and new[:2] != "13":
                        new = None  # a threat stays a threat whatever its condition offers
                if new is None:
                    if frame_family in {"03", "13"}:
                        absorb(k, f"the content of '{frame.text}' (its code carries no intention)")
                    continue
                if j is not None and frame_family in {"03", "13"}:
                    fc, fs, ft, frule, _, fconf = out[j]
                    out[j] = (fc, fs, ft or tgt, frule, new, fconf)
                else:
                    fcand = Candidate(frame, by_tok[frame.i].entry if frame.i in by_tok else _COND)
                    out.append((fcand, src, tgt, "intent", new, conf * 0.85))
                absorb(k, f"an intention stated by '{frame.text}' (coded as {new})")
        return [r for k, r in enumerate(out) if k not in drop]

    def _deontic_subjects(self, speech_tok, spk, res, ctx) -> list[Mention]:
        out = []
        for c in speech_tok.children:
            if c.dep_ != "ccomp" or not has_deontic(c):
                continue
            subj = next((g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None:
                continue
            for m in self._resolve(subj, res, ctx):
                if m.actor.code and not same_side(spk.actor.code, m.actor.code):
                    out.append(m)
        return out

    def _conditional_threats(self, sent, by_tok, res, ctx) -> list[tuple]:
        """"X would take measures / respond / be forced to act if Y does Z" → X threatens Y."""
        out = []
        for tok in sent:
            if tok.pos_ != "VERB" or not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS
                                             for c in tok.children):
                continue
            conds = [c for c in tok.children if is_conditional(c)]
            for x in tok.children:  # "forced to take measures ... if": the if-clause may hang lower
                if x.dep_ == "xcomp":
                    conds += [c for c in x.children if is_conditional(c)]
            if not conds:
                continue
            response = tok.lemma_ in self.responses or any(
                t.lemma_ in self.responses for t in tok.subtree if t.dep_ in {"xcomp", "dobj"})
            if not response:
                continue
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None:
                continue
            sources = self._resolve(subj, res, ctx)
            for cond in conds:
                csubj = next((c for c in cond.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if csubj is None:
                    continue
                targets = self._resolve(csubj, res, ctx)
                for s in sources:
                    for t in targets:
                        if s.actor.code and t.actor.code and s.actor.primary != t.actor.primary:
                            out.append((Candidate(tok, _COND), s, t, "cond-threat", "130", 0.75))
        return out

    def _speaker_of(self, speech_tok, res, ctx) -> Mention | None:
        s = self._subject_token(speech_tok, {})
        if s is None:
            return None
        got = self._resolve(s, res, ctx)
        return got[0] if got else None
