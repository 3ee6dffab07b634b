#!/usr/bin/env python3
"""How far the brief's "new" and "dropped" items are new or dropped to the analysts too (a development harness,
not part of the tests; it needs the team's shared folder).

    .venv/bin/python benchmarks/brief_claims.py [--shared /work/shared] [--held-out] [-v]

For each gold pair (`gold/*/pair.json`) the two editions are compared as `reportdiff compare` does, and each item
of the brief on an added or removed paragraph (a new or dropped concern, a new or dropped call, a lone stance) is
checked against the analysts' links (`ann_*.json`, every annotator): an item whose paragraph the analysts link to
a successor claims "new" or "dropped" wrongly. Printed per pair and pooled, by kind (concerns, calls, other), with
the key items the brief names (`gold_signals._in_brief`, the four pairs with a `key_A.json`).
`--held-out`: each pair compared with the successor model fitted without it (train_successors.py), as a pair never
seen; by default the shipped model, which was fitted on these seven pairs (in-sample links).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reportdiff import api  # noqa: E402
from reportdiff.diff import successors  # noqa: E402
from reportdiff.model import Comparison  # noqa: E402

KIND_GROUP = {"new_concern": "concerns", "dropped_concern": "concerns", "recommendation": "calls"}


def one_sided_items(cmp: Comparison, linked: set[tuple[str, str]]) -> list[tuple[str, bool, str]]:
    """(kind group, wrongly claimed, summary) of each brief item on an added or removed paragraph."""
    out = []
    for item in cmp.brief:
        ch = cmp.changes[item.change]
        if bool(ch.old) == bool(ch.new):
            continue
        ids = [("old", i) for i in ch.old] + [("new", i) for i in ch.new]
        out.append((KIND_GROUP.get(item.kind, "other"), any(x in linked for x in ids), item.summary))
    return out


def compare_pair(shared: Path, folder: Path, model: successors.Model | None) -> Comparison:
    """The pair compared as `reportdiff compare` does, with `model` for the successor tier (default: the shipped
    one)."""
    spec = json.loads((folder / "pair.json").read_text())
    old, new = (shared / "reports" / spec[k] for k in ("old", "new"))
    if model is None:
        return api.compare(old, new)
    with mock.patch.object(successors, "shipped_model", lambda: model):
        return api.compare(old, new)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("REPORTDIFF_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--held-out", action="store_true", help="compare each pair with a model fitted without it")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every one-sided item")
    a = ap.parse_args()
    from gold_signals import _in_brief
    from train_successors import Pair, analysts_linked, held_out_models
    folders = sorted(f for f in (a.shared / "gold").iterdir() if (f / "pair.json").exists())
    held = held_out_models([Pair(f, a.shared / "reports") for f in folders]) if a.held_out else {}
    items, wrong, keys, key_items = Counter(), Counter(), 0, 0
    for folder in folders:
        cmp = compare_pair(a.shared, folder, held.get(folder.name))
        keyed = analysts_linked([json.loads(f.read_text()) for f in sorted(folder.glob("ann_*.json"))])
        found = one_sided_items(cmp, keyed)
        for group, is_wrong, summary in found:
            items[group] += 1
            wrong[group] += is_wrong
            if a.verbose:
                print(f"    {'LINKED' if is_wrong else 'ok    '} {group:8} {summary[:90]}")
        named = ""
        if (folder / "key_A.json").exists():
            n = _in_brief(a.shared, json.loads((folder / "key_A.json").read_text()), cmp)
            keys, key_items = keys + n, key_items + 12
            named = f"; key items in the brief {n}/12"
        print(f"{folder.name:15} one-sided items {len(found):2}, linked by the analysts "
              f"{sum(w for _, w, _ in found):2}{named}")
    detail = ", ".join(f"{g} {wrong[g]}/{items[g]}" for g in ("concerns", "calls", "other") if items[g])
    print(f"pooled: one-sided items {sum(items.values())}, linked by the analysts {sum(wrong.values())} ({detail}); "
          f"key items in the brief {keys}/{key_items}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
