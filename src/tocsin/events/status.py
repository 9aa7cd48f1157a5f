"""Status and attribution of an event from the clauses above its predicate.

Walking up from the predicate to the sentence root:
- `negated`: a negation on the predicate or on a clause above it (up to the first speech act),
  "no"/"never" on it, or a denial above it ("denied attacking");
- `hypothetical`: a modal or future auxiliary (would, could, will, may...), an if/unless clause,
  a plan/attempt/threat noun it depends on ("any plan to deploy"), or an intention or demand above
  it ("threatened to", "urged ... to");
- `alleged`: an accusation above it, or a speech act by an actor other than its source;
- else `asserted`.
Negation wins over hypothetical, hypothetical over alleged. The reporter is the speaker of the
nearest speech act above, else the outlet.
"""

from __future__ import annotations

MODALS = {"would", "could", "might", "may", "will", "shall", "should", "can", "'ll", "wo", "ca",
          "must"}
CONDITION_MARKS = {"if", "unless", "whether"}
HYPO_NOUNS = {"plan", "attempt", "threat", "possibility", "risk", "intention", "readiness", "bid",
              "proposal", "offer", "chance", "prospect", "scenario", "danger", "option", "idea",
              "effort", "call", "demand", "request", "warning", "pledge", "promise", "ability"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}


def has_negation(tok) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in {"advmod", "det"} and c.lower_ in {"never", "no"}):
            return True
    return False


def has_modal(tok) -> bool:
    for c in tok.children:
        if c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS:
            return True
        if c.dep_ == "aux" and c.lower_ == "going":  # "is going to attack"
            return True
    return False


def is_conditional(tok) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS
                                       for c in tok.children)


def clause_status(pred, frames: dict[int, str]) -> tuple[str, object | None]:
    """(status, embedding speech token or None) for the event whose predicate is `pred`.

    `frames` maps token index → embed kind for the predicates of the sentence that embed."""
    negated = has_negation(pred)
    hypothetical = has_modal(pred) or is_conditional(pred)
    alleged = False
    speaker = None
    tok = pred
    crossed_speech = False
    while tok.head.i != tok.i:
        child, tok = tok, tok.head
        kind = frames.get(tok.i)
        if kind is not None and child.dep_ not in {"nsubj", "nsubjpass", "conj", "cc"}:
            if kind == "deny":
                negated = True
            elif kind in {"intent", "demand"}:
                hypothetical = True
            elif kind == "accuse":
                alleged = True
                speaker = speaker or tok
                crossed_speech = True
            elif kind == "say":
                speaker = speaker or tok
                crossed_speech = True
            if crossed_speech:
                break
            continue
        if child.dep_ == "conj":
            continue  # a coordinated clause shares its head's subject, not its status
        if not crossed_speech:
            if tok.pos_ in {"VERB", "AUX"} and has_negation(tok) and child.dep_ not in {"advcl"}:
                negated = True
            if tok.pos_ in {"VERB", "AUX"} and has_modal(tok) and child.dep_ in {"xcomp", "ccomp"}:
                hypothetical = True
            if is_conditional(tok):
                hypothetical = True
            if tok.pos_ == "NOUN" and tok.lemma_ in HYPO_NOUNS and child.dep_ in {"acl", "relcl"}:
                hypothetical = True
            if child.dep_ == "relcl" and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in {"any", "no"} for c in tok.children
            ):
                hypothetical = True
    if negated:
        return "negated", speaker
    if hypothetical:
        return "hypothetical", speaker
    if alleged:
        return "alleged", speaker
    return "asserted", speaker
