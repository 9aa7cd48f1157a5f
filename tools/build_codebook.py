"""Rebuild Tocsin's CAMEO table from the reference facts in ../shared/reference.

The package ships its own table (`src/tocsin/data/codebook/cameo.tsv`): one row per CAMEO code
with its English name, root, GDELT quad class, Goldstein values under two named schemes, and the
PLOVER event type/mode/context it maps to. Only facts (codes, names, numbers, crosswalk cells) are
taken; descriptions, notes and examples stay in the reference files. Codes the 2021 crosswalk does
not list inherit the mapping of their nearest listed parent (`0231` -> `023` -> `02`).

Usage: python tools/build_codebook.py [../shared/reference]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/tocsin/data/codebook/cameo.tsv"


def gdelt_quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def main(ref: Path) -> None:
    rows = list(csv.DictReader(open(ref / "cameo_codebook.csv", encoding="utf-8", errors="replace")))
    gdelt = {}
    for line in open(ref / "gdelt_cameo_goldstein.txt", encoding="utf-8").read().splitlines()[1:]:
        code, value = line.split("\t")
        gdelt[code.strip()] = float(value)
    phoenix_json = json.load(open(ref / "phoenix_cameo_goldstein_quad.json"))
    phoenix = phoenix_json["goldstein_scale"]
    phoenix_quad = phoenix_json["quad_conversion_root_to_0-4"]
    plover = {r["cameo"].strip(): r for r in csv.DictReader(open(ref / "cameo2plover_2021.csv"))}

    def plover_for(code: str) -> tuple[str, str, str]:
        if code.startswith("02"):
            # The 2021 crosswalk leaves out root 02; PLOVER files all appeals under REQUEST.
            return "REQUEST", "", ""
        c = code + "0" if len(code) == 2 else code
        while c:
            if c in plover and plover[c]["plover_event"]:
                p = plover[c]
                return p["plover_event"].strip(), p["mode"].strip(), p["context"].strip()
            c = c[:-1] if len(c) > 2 else ""
        return "", "", ""

    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# CAMEO 1.1b3 event codes. Built by tools/build_codebook.py from reference facts;\n")
        fh.write("# goldstein_gdelt = GDELT 2.0 lookup, goldstein_phoenix = Phoenix/CAMEO.SCALE,\n")
        fh.write("# quad = GDELT scheme (1 verbal coop 01-05, 2 material coop 06-09,\n")
        fh.write("# 3 verbal conflict 10-14, 4 material conflict 15-20); quad_phoenix = Phoenix 0-4 scheme\n")
        fh.write("# (0 statement/appeal, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material\n")
        fh.write("# conflict), as used by ConfliBERT; plover_* = 2021 crosswalk.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "root", "quad", "quad_phoenix", "goldstein_gdelt", "goldstein_phoenix",
                    "plover_event", "plover_mode", "plover_context"])
        for r in rows:
            code = r["code"].strip()
            root = code[:2]
            name = " ".join(r["name"].split())
            g = gdelt.get(code, gdelt.get(code[:3], gdelt.get(root)))
            ph = phoenix.get(code, phoenix.get(code[:3], phoenix.get(root, "")))
            ev, mode, ctx = plover_for(code)
            w.writerow([code, name, root, gdelt_quad(root), phoenix_quad[root], g, ph, ev, mode, ctx])
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/reference")
