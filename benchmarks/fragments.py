"""Fragments: unnumbered paragraphs of under 8 words (table cells, chart labels read as text), over a set of PDFs.

    python benchmarks/fragments.py /path/to/reports/*.pdf [--list] [--json out.json]

Runs `reportdiff extract` in-process (through the edition cache) on each PDF and prints, per file, its paragraphs,
its fragments, and its tables and figures; the last line is the total and the share of fragments. `--list` prints
every fragment (a short unnumbered paragraph is not always a fragment: an underlined sub-heading or a one-line
note are kept as text on purpose, so the list is for reading, not only for counting)."""
from __future__ import annotations

import argparse
import json
import os
import sys

from reportdiff import api

SHORT = 8


def fragments(edition) -> list:
    return [p for p in edition.paragraphs if not p.number and len(p.text.split()) < SHORT]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--list", action="store_true", help="print every fragment")
    ap.add_argument("--json", help="write the per-file figures to this file")
    a = ap.parse_args()
    total = frag = 0
    rows = []
    for pdf in a.pdfs:
        ed = api.load(pdf)
        fr = fragments(ed)
        total += len(ed.paragraphs)
        frag += len(fr)
        rows.append({"file": os.path.basename(pdf), "paragraphs": len(ed.paragraphs), "fragments": len(fr),
                     "tables": len(ed.tables), "figures": len(ed.figures),
                     "fragment_texts": [p.text for p in fr]})
        print(f"{os.path.basename(pdf)}: paragraphs={len(ed.paragraphs)} fragments={len(fr)} "
              f"tables={len(ed.tables)} figures={len(ed.figures)}")
        if a.list:
            for p in fr:
                print(f"    {p.id} p.{p.page_start}: {p.text[:80]!r}")
    share = frag / total if total else 0.0
    print(f"fragments: {frag} of {total} paragraphs = {share:.2%} over {len(a.pdfs)} PDFs")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"fragments": frag, "paragraphs": total, "share": share, "files": rows}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
