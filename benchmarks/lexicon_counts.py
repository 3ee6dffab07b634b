#!/usr/bin/env python3
"""Where the assessment lexicon (reportdiff/diff/lexicon.py) comes from, re-counted over a folder of reports.

    .venv/bin/python benchmarks/lexicon_counts.py /work/shared/reports [--candidates word word …] [--top 60]

For every PDF of the folder (read with `reportdiff.load`, through the edition cache), it counts each lexicon word:
in how many reports it occurs, how often in the reports' "Observations"/"Conclusions" sections and how often
elsewhere. `--candidates` counts words not (yet) in the lexicon the same way, to vet an addition: a word kept
in the lexicon occurs in at least two reports. `--top` lists the words most over-represented in the
observations (the Secretary-General's own voice), the first way the lexicon was found.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

import reportdiff
from reportdiff.diff import lexicon
from reportdiff.diff.sentences import paragraph_roles

WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def count(folder: Path):
    in_obs, elsewhere, reports = Counter(), Counter(), defaultdict(set)
    for pdf in sorted(folder.glob("*.pdf")):
        edition = reportdiff.load(pdf)
        roles = paragraph_roles(edition)
        for p in edition.paragraphs:
            words = WORD.findall(p.text.lower())
            (in_obs if roles.get(p.id) == "observation" else elsewhere).update(words)
            for w in set(words):
                reports[w].add(pdf.name)
    return in_obs, elsewhere, reports


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--candidates", nargs="*", default=[])
    ap.add_argument("--top", type=int, default=0)
    args = ap.parse_args()
    in_obs, elsewhere, reports = count(args.folder)
    n = len({r for rs in reports.values() for r in rs})
    print(f"{n} reports")
    rare = []
    for cat in lexicon.WEIGHT:
        words = sorted(w for w, c in lexicon.CATEGORY.items() if c == cat)
        print(f"\n{cat} (weight {lexicon.WEIGHT[cat]}):")
        print("  " + ", ".join(f"{w} {len(reports[w])}/{in_obs[w]}/{elsewhere[w]}" for w in words))
        rare += [w for w in words if len(reports[w]) < 2]
    print("\n(word reports/in observations/elsewhere)")
    print(f"lexicon words in fewer than two reports: {', '.join(rare) or 'none'}")
    for w in args.candidates:
        print(f"candidate {w}: {len(reports[w])} reports, {in_obs[w]} in observations, {elsewhere[w]} elsewhere")
    if args.top:
        total_obs, total_else = sum(in_obs.values()) or 1, sum(elsewhere.values()) or 1
        over = sorted(((in_obs[w] / total_obs) / ((elsewhere[w] + 1) / total_else), w) for w in in_obs
                      if in_obs[w] >= 6 and len(reports[w]) >= 4)
        print("\nover-represented in observations: " + ", ".join(f"{w} {r:.0f}" for r, w in reversed(over[-args.top:])))


if __name__ == "__main__":
    main()
