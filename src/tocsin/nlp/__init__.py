"""The spaCy pipeline: loading by name, batching."""

from .pipeline import DEFAULT_MODEL, load_pipeline, model_name, tokenizer_of

__all__ = ["DEFAULT_MODEL", "load_pipeline", "model_name", "tokenizer_of"]
