"""The CAMEO table: code → name, root, quad classes, Goldstein (two named schemes), PLOVER.

Loaded once from `data/codebook/cameo.tsv` (built by `tools/build_codebook.py`) and validated.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataError

CODE_RE = re.compile(r"^\d{2,4}$")
GOLDSTEIN_SCHEMES = ("gdelt", "phoenix")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad: int  # GDELT scheme 1-4
    quad_phoenix: int  # Phoenix/ConfliBERT scheme 0-4
    goldstein_gdelt: float
    goldstein_phoenix: float
    plover: str
    plover_mode: str
    plover_context: str

    def goldstein(self, scheme: str = "gdelt") -> float:
        return self.goldstein_phoenix if scheme == "phoenix" else self.goldstein_gdelt


class Codebook:
    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def __getitem__(self, code: str) -> CameoCode:
        return self._codes[code]

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> CameoCode | None:
        return self._codes.get(code)

    def codes(self) -> list[str]:
        return list(self._codes)


def _float(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise DataError(f"not a number: {value!r}", subject=where) from exc


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    path = resources.files("tocsin") / "data" / "codebook" / "cameo.tsv"
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    codes: dict[str, CameoCode] = {}
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        where = f"cameo.tsv row {n}"
        code = row["code"]
        if not CODE_RE.match(code) or not code.startswith(row["root"]):
            raise DataError(f"bad CAMEO code {code!r}", subject=where)
        codes[code] = CameoCode(
            code=code,
            name=row["name"],
            root=row["root"],
            quad=int(row["quad"]),
            quad_phoenix=int(row["quad_phoenix"]),
            goldstein_gdelt=_float(row["goldstein_gdelt"], where),
            goldstein_phoenix=_float(row["goldstein_phoenix"], where),
            plover=row["plover_event"],
            plover_mode=row["plover_mode"],
            plover_context=row["plover_context"],
        )
    if len(codes) < 300:
        raise DataError(f"only {len(codes)} codes", subject="cameo.tsv")
    return Codebook(codes)
