"""The exception tree. Every error has a code and names the input it concerns.

    TocsinError
    ├── InputError        [T001] an input file or text cannot be read as an article
    ├── DataError         [T002] a knowledge file (actors, lexicon, codebook) is malformed
    └── ModelError        [T003] the spaCy pipeline cannot be loaded

The CLI prints `str(error)`: one line, never a traceback.
"""

from __future__ import annotations


class TocsinError(Exception):
    code = "T000"

    def __init__(self, message: str, *, subject: str | None = None) -> None:
        self.subject = subject
        self.message = message
        super().__init__(f"[{self.code}] {subject + ': ' if subject else ''}{message}")


class InputError(TocsinError):
    code = "T001"


class DataError(TocsinError):
    code = "T002"


class ModelError(TocsinError):
    code = "T003"
