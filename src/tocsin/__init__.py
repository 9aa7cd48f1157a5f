"""Tocsin: reads the news and rings the alarm when a conflict escalates.

Public API (everything else is internal):

    >>> import tocsin
    >>> events = tocsin.code_text("Russia accused Ukraine of shelling Donetsk.")
    >>> article = tocsin.code_file("examples/05-2021-04-09-kremlin-warns-beginning-of-end.txt")
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import DataError, InputError, ModelError, TocsinError
from .model import Actor, Article, Event, Mention, Unit

__version__ = "0.1.0"


@lru_cache(maxsize=2)
def get_coder(model: str | None = None):
    """The shared default coder (loaded once per process)."""
    from .coder import Coder

    return Coder(model=model)


def code_text(text: str, *, date=None, outlet: str | None = None, model: str | None = None) -> list[Event]:
    """Code a text (paragraphs separated by blank lines) reported on `date`."""
    return get_coder(model).code_text(text, date=date, outlet=outlet)


def code_file(path: str | Path, *, model: str | None = None) -> list[Article]:
    """Read and code one file (txt, html, jsonl, json); bad input raises InputError."""
    from .ingest import read_path

    arts = []
    for item in read_path(Path(path)):
        if isinstance(item, TocsinError):
            raise item
        arts.append(item)
    return list(get_coder(model).code_articles(arts))


__all__ = [
    "Actor",
    "Article",
    "DataError",
    "Event",
    "InputError",
    "Mention",
    "ModelError",
    "TocsinError",
    "Unit",
    "__version__",
    "code_file",
    "code_text",
    "get_coder",
]
