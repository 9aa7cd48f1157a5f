"""Shared fixtures. Gold data and corpora live in ../shared (beside the repository); tests that
need them are skipped, saying so, when it is absent (a user's clone has no ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).parent / "fixtures"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: gold data and corpora live in ../shared beside the repository")
    return path


@pytest.fixture(scope="session")
def coder():
    from tocsin.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    """Code a short text → events (paragraphs by blank lines; report date optional)."""

    def _code(text: str, date=None):
        from datetime import date as _date

        d = _date.fromisoformat(date) if isinstance(date, str) else date
        return coder.code_text(text, date=d)

    return _code


def dyads(events, status: str | None = None) -> set[tuple]:
    """(source primary, target primary or None, root, status) of events."""
    return {
        (e.source.actor.primary if e.source else None,
         e.target.actor.primary if e.target and e.target.actor.code else None, e.root, e.status)
        for e in events if status is None or e.status == status
    }
