#!/usr/bin/env python3
"""Score series lineages against a generated chain of editions with known histories (not part of the tests).

    .venv/bin/python benchmarks/score_series.py [--tools /work/shared/tools] [--chains 5] [--editions 4]

Each chain starts from the tools' seed text (S/2018/770) and applies mutate.py's mutation repeatedly (seed k for
the k-th step), so every step has ground truth; the truths are chained. The edition models are converted to
reportdiff Editions (the text models, no PDF rendering: this measures lineage building on top of alignment, not
extraction) and `build_series` is run on them, in shuffled order. Scores:
  edges       precision / recall of the links between consecutive editions (kind ignored)
  kinds       share of the true links found with the true kind (moved counted as a flag)
  lineages    pair-counting precision / recall of the partition of all nodes into lineages
  ancestry    share of the latest edition's paragraphs whose full set of ancestors in every earlier edition is exact
  born        share of the latest edition's paragraphs whose first edition is right
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
from collections import defaultdict
from pathlib import Path

from reportdiff.model import Edition, Footnote, Paragraph, Section
from reportdiff.lineage import build_series


def to_reportdiff(ed, strip_markers) -> Edition:
    paths = ed.section_paths()
    sections, paragraphs = [], []
    stack: list[tuple[int, str]] = []
    for s, path in zip(ed.sections, paths):
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        sections.append(Section(path, s.label, s.title, s.level, parent=stack[-1][1] if stack else None))
        stack.append((s.level, path))
        for p in s.paragraphs:
            paragraphs.append(Paragraph(str(p.number), str(p.number), path, " ".join(strip_markers(p.text).split()),
                                        [Footnote(str(f.number), f.text) for f in p.footnotes]))
    date = dt.datetime.strptime(ed.meta["date"], "%d %B %Y").date().isoformat() if ed.meta.get("date") else None
    return Edition(ed.meta.get("symbol"), date, ed.meta.get("title", ""), 0, sections, paragraphs,
                   source=ed.meta.get("symbol"))


def components(nodes, edges):
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    return {n: find(n) for n in nodes}


def ancestors(node, back):
    out, todo = set(), [node]
    while todo:
        x = todo.pop()
        for y in back.get(x, ()):
            if y not in out:
                out.add(y)
                todo.append(y)
    return frozenset(out)


def via_pdf(models, chain: int, folder: Path) -> list[Edition]:
    """Each model rendered to a PDF with its own layout (as make_pair does) and read back by reportdiff.load."""
    from unpdf import Layout, render

    import reportdiff

    out = []
    for k, m in enumerate(models):
        path = folder / f"chain{chain}-e{k}.pdf"
        render(m, str(path), Layout.variant(2 * (1000 * chain + k) + 1, "Times", None))
        out.append(reportdiff.load(path))
    return out


def score_chain(tools: Path, chain: int, n_editions: int, pdf_dir: Path | None = None) -> dict:
    sys.path.insert(0, str(tools))
    from edition import strip_markers
    from mutate import mutate
    from seedparse import parse_seed

    models = [parse_seed((tools / "seeds" / "S-2018-770.txt").read_text(encoding="utf-8"))]
    models[0].meta.setdefault("date", "")
    if not models[0].meta.get("date"):
        models[0].meta["date"] = "16 August 2018"
    truths = []
    for k in range(1, n_editions):
        new, truth = mutate(models[-1], seed=1000 * chain + k)
        models.append(new)
        truths.append(truth)
    editions = via_pdf(models, chain, pdf_dir) if pdf_dir else [to_reportdiff(m, strip_markers) for m in models]
    true_edges: dict[tuple, str] = {}
    for i, t in enumerate(truths):
        for r in t["paragraphs"]:
            for x in r["from"]:
                true_edges[((i, str(x)), (i + 1, str(r["new"])))] = r["kind"]
    shuffled = editions[:]
    random.Random(chain).shuffle(shuffled)
    series = build_series(shuffled)
    assert [e.symbol for e in series.editions] == [e.symbol for e in editions], "date order"
    pred_edges = {((e.source.edition, e.source.paragraph), (e.target.edition, e.target.paragraph)): e
                  for e in series.edges}
    tp = len(true_edges.keys() & pred_edges.keys())
    kind_ok = 0
    for key, kind in true_edges.items():
        e = pred_edges.get(key)
        if e is None:
            continue
        if kind == "moved":
            kind_ok += e.moved
        elif kind in ("unchanged", "modified"):
            kind_ok += e.kind == kind and not e.moved
        else:
            kind_ok += e.kind == kind
    nodes = [(i, p.id) for i, e in enumerate(editions) for p in e.paragraphs]
    true_comp = components(nodes, true_edges)
    pred_comp = {(n.edition, n.paragraph): lin.id for lin in series.lineages for n in lin.nodes}
    assert set(pred_comp) == set(nodes), "every paragraph in exactly one lineage"
    same_t = same_p = both = 0
    for a, b in itertools.combinations(nodes, 2):
        t = true_comp[a] == true_comp[b]
        p = pred_comp[a] == pred_comp[b]
        same_t += t
        same_p += p
        both += t and p
    back_t, back_p = defaultdict(list), defaultdict(list)
    for a, b in true_edges:
        back_t[b].append(a)
    for a, b in pred_edges:
        back_p[b].append(a)
    last = len(editions) - 1
    latest = [(last, p.id) for p in editions[last].paragraphs]
    anc_ok = sum(ancestors(n, back_t) == ancestors(n, back_p) for n in latest)
    born_t = {n: min([a[0] for a in ancestors(n, back_t)] + [n[0]]) for n in latest}
    born_p = {n: series.lineage_of(n[1], last).born for n in latest}
    # per transition: the pairwise comparisons' own edge recall, to see what chaining adds or loses
    per_step = []
    for i in range(len(editions) - 1):
        te = {k for k in true_edges if k[0][0] == i}
        pe = {k for k in pred_edges if k[0][0] == i}
        per_step.append((len(te & pe) / max(1, len(pe)), len(te & pe) / max(1, len(te))))
    kinds_count: dict[str, int] = defaultdict(int)
    for kind in true_edges.values():
        kinds_count[kind] += 1
    return {"chain": chain, "editions": len(editions), "true_kinds": dict(kinds_count), "nodes": len(nodes),
            "true_edges": len(true_edges), "pred_edges": len(pred_edges),
            "edge_p": tp / max(1, len(pred_edges)), "edge_r": tp / max(1, len(true_edges)),
            "kinds": kind_ok / max(1, len(true_edges)),
            "lin_p": both / max(1, same_p), "lin_r": both / max(1, same_t),
            "ancestry": anc_ok / len(latest), "born": sum(born_t[n] == born_p[n] for n in latest) / len(latest),
            "steps": per_step}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools", type=Path, default=Path("/work/shared/tools"))
    ap.add_argument("--chains", type=int, default=5)
    ap.add_argument("--editions", type=int, default=4)
    ap.add_argument("--pdf", action="store_true", help="render every edition to a PDF and read it back (extraction "
                                                       "included)")
    a = ap.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        rows = [score_chain(a.tools, c, a.editions, Path(tmp) if a.pdf else None) for c in range(1, a.chains + 1)]
    kinds = defaultdict(int)
    for r in rows:
        for k, v in r["true_kinds"].items():
            kinds[k] += v
    print("true links by kind:", dict(kinds))
    keys = ("edge_p", "edge_r", "kinds", "lin_p", "lin_r", "ancestry", "born")
    print("chain nodes edges(true/pred) " + " ".join(f"{k:>8}" for k in keys))
    for r in rows:
        print(f"{r['chain']:>5} {r['nodes']:>5} {r['true_edges']:>5}/{r['pred_edges']:<5}    "
              + " ".join(f"{r[k]:8.3f}" for k in keys)
              + "   steps P/R " + " ".join(f"{p:.2f}/{q:.2f}" for p, q in r["steps"]))
    print("mean                          " + " ".join(f"{sum(r[k] for r in rows) / len(rows):8.3f}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
