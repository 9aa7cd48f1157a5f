"""Planning a batch run: inputs → partitions with stable ids.

Article files (txt/html/feeds) are grouped `size` files to a partition in path order; JSONL(.gz)
and Parquet article files are cut into partitions of `size` records. A partition's id hashes what
it covers (paths, sizes, modification times, record ranges), so a re-run over the same inputs
finds the same partitions and skips those already written.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ingest.files import iter_files

RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".parquet")


@dataclass(frozen=True)
class Part:
    """One input slice: a whole file (start = stop = None) or records [start, stop) of a file."""

    path: str
    start: int | None = None
    stop: int | None = None


@dataclass
class Partition:
    id: str
    parts: list[Part] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "parts": [asdict(p) for p in self.parts]}


def expand(inputs: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files named by paths, folders (recursively) and glob patterns."""
    files: list[Path] = []
    errors: list[InputError] = []
    for item in inputs:
        matches = sorted(glob.glob(item)) if any(ch in item for ch in "*?[") else [item]
        if not matches:
            errors.append(InputError("no file matches", subject=item))
        for f in iter_files(matches):
            (errors if isinstance(f, InputError) else files).append(f)
    return files, errors


def _count_records(path: Path) -> int:
    if path.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{int(st.st_mtime)}"


def plan(files: list[Path], *, size: int = 200) -> tuple[list[Partition], list[InputError]]:
    partitions: list[Partition] = []
    errors: list[InputError] = []
    loose: list[Path] = []
    for f in files:
        if f.name.endswith(RECORD_SUFFIXES):
            try:
                n = _count_records(f)
            except Exception as exc:  # a corrupt archive is reported, the rest goes on
                errors.append(InputError(f"cannot read records ({exc.__class__.__name__})", subject=str(f)))
                continue
            for start in range(0, max(n, 1), size):
                part = Part(str(f), start, min(start + size, n))
                pid = hashlib.sha1(f"{_stamp(f)}|{start}|{part.stop}".encode()).hexdigest()[:16]
                partitions.append(Partition(pid, [part]))
        else:
            loose.append(f)
    for i in range(0, len(loose), size):
        chunk = loose[i:i + size]
        pid = hashlib.sha1("\n".join(_stamp(f) for f in chunk).encode()).hexdigest()[:16]
        partitions.append(Partition(pid, [Part(str(f)) for f in chunk]))
    return partitions, errors
