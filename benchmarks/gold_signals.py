#!/usr/bin/env python3
"""Signals given perfect links: the analysts' own links, read by reportdiff's assessment signals, scored against
the analysts' key changes (a development harness, not part of the tests; it needs the team's shared folder).

    .venv/bin/python benchmarks/gold_signals.py [--shared /work/shared] [--annotator A] [--out /tmp/gold-signals]
                                                [--show-figures] [-v] isil libya southsudan monitoringteam

For each gold pair: both editions are read with `reportdiff.load`; every link of the annotator's key
(`ann_A.json`: old ids → new ids, clear or plausible) becomes a Change — `unchanged` when the texts are equal,
`modified` when the word diff is still readable (similarity ≥ MODIFIED), `split` / `merged` for one-to-many and
many-to-one, `rewritten` otherwise — and every numbered or unnumbered paragraph in no link is `removed` or
`added`. The comparison's own assessment stage (`brief.assess_changes`) then gives every change its signals and
ranks the brief; the result is written as comparison JSON and scored with `score_keys.py KEY.json THAT.json`
(an item is *signalled* when a signal on the change linking its paragraphs quotes ≥ 2 content words of each of
its phrases). That measures the signals alone: "signalled given perfect links".
`--show-figures` prints every figure signal (to read them all and count the pairs of different quantities).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from rapidfuzz import fuzz

import reportdiff
from reportdiff.diff.align import equality_key, normalize
from reportdiff.diff.brief import assess_changes
from reportdiff.diff.comparison import footnote_changes
from reportdiff.diff.signals import signals_from_diff
from reportdiff.diff.wordiff import diff_words
from reportdiff.model import Change, Comparison

MODIFIED = 0.6


def changes_from_links(old, new, links) -> list[Change]:
    old_text = {p.id: p.text for p in old.paragraphs}
    new_text = {p.id: p.text for p in new.paragraphs}
    changes, seen_old, seen_new = [], set(), set()
    for link in links:
        o = [i for i in map(str, link["old"]) if i in old_text]
        n = [i for i in map(str, link["new"]) if i in new_text]
        if not o or not n:
            continue
        seen_old.update(o)
        seen_new.update(n)
        a, b = " ".join(old_text[i] for i in o), " ".join(new_text[i] for i in n)
        sim = fuzz.ratio(normalize(a), normalize(b)) / 100
        if len(o) == 1 and len(n) == 1:
            kind = "unchanged" if equality_key(a) == equality_key(b) else "modified" if sim >= MODIFIED else "rewritten"
        else:
            kind = "split" if len(o) == 1 else "merged" if len(n) == 1 else "rewritten"
        ops = diff_words(a, b).ops if kind != "unchanged" else [("=", b)]
        sigs = signals_from_diff(ops) if kind in ("modified", "split", "merged") else []
        changes.append(Change(kind, o, n, similarity=sim, diff=ops, signals=sigs))
    for p in old.paragraphs:
        if p.id not in seen_old:
            changes.append(Change("removed", [p.id], [], similarity=0.0, diff=[("-", p.text)]))
    for p in new.paragraphs:
        if p.id not in seen_new:
            changes.append(Change("added", [], [p.id], similarity=0.0, diff=[("+", p.text)]))
    return changes


def run_pair(shared: Path, pair: str, annotator: str, out_dir: Path, verbose: bool, show_figures: bool):
    gold = shared / "gold" / pair
    names = json.loads((gold / "pair.json").read_text())
    old = reportdiff.load(shared / "reports" / names["old"])
    new = reportdiff.load(shared / "reports" / names["new"])
    ann = json.loads((gold / f"ann_{annotator}.json").read_text())
    changes = changes_from_links(old, new, ann["links"])
    brief = assess_changes(old, new, changes)
    cmp = Comparison(old=old, new=new, changes=changes, brief=brief)
    out = out_dir / f"{pair}.json"
    out.write_text(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=1))
    res = subprocess.run([sys.executable, str(shared / "tools" / "score_keys.py"), str(gold / "key_A.json"),
                          str(out)], capture_output=True, text=True, check=True).stdout
    if verbose:
        print(res.rstrip())
        for b in brief:
            print(f"   brief {b.rank:>2} [{b.role or '-'}] {b.old}->{b.new} {b.summary[:110]}")
    if show_figures:
        for ch in changes:
            for s in ch.signals:
                if s.kind == "figure":
                    print(f"   FIG {ch.old}->{ch.new}: {s.old!r} ⇒ {s.new!r} | {s.change}")
    m = re.search(r"linked (\d+)/(\d+) .*signalled (\d+)/(\d+) \S+; (\d+) signals", res)
    linked, n, signalled, _, total = map(int, m.groups())
    figs = sum(1 for ch in changes for s in ch.signals if s.kind == "figure")
    in_brief = _in_brief(shared, json.loads((gold / "key_A.json").read_text()), cmp)
    print(f"{pair:<15} linked {linked:>2}/{n}  signalled {signalled:>2}/{n}  in the brief {in_brief:>2}/{n}  "
          f"({total} signals, {figs} figure)")
    return linked, signalled, n, in_brief


def _in_brief(shared: Path, key: dict, cmp: Comparison) -> int:
    """Key items that the top-12 brief itself names: an item of the brief on the item's change whose quotes hold
    ≥ 2 content words of each phrase (score_keys.py's rule, applied to the brief instead of all signals)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("score_keys", shared / "tools" / "score_keys.py")
    sk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sk)
    found = 0
    for it in key["items"]:
        old, new = set(map(str, it["old"])), set(map(str, it["new"]))
        ow, nw = sk.words(it.get("old_phrase")), sk.words(it.get("new_phrase"))
        for b in cmp.brief:
            ch = cmp.changes[b.change]
            linked = (old and new and old & set(ch.old) and new & set(ch.new)) or (
                not old and new & set(ch.new) and not ch.old) or (not new and old & set(ch.old) and not ch.new)
            t = sk.words(" ".join(x for x in (b.quote_old, b.quote_new, b.summary) if x))
            if linked and sk.quotes(t, ow) and sk.quotes(t, nw):
                found += 1
                break
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs="+")
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    ap.add_argument("--annotator", default="A")
    ap.add_argument("--out", type=Path, default=Path("/tmp/gold-signals"))
    ap.add_argument("--show-figures", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    totals = [0, 0, 0, 0]
    for pair in args.pairs:
        for k, v in enumerate(run_pair(args.shared, pair, args.annotator, args.out, args.verbose, args.show_figures)):
            totals[k] += v
    print(f"{'pooled':<15} linked {totals[0]:>2}/{totals[2]}  signalled {totals[1]:>2}/{totals[2]}  "
          f"in the brief {totals[3]:>2}/{totals[2]}")


if __name__ == "__main__":
    main()
