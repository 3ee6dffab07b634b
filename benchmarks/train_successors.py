"""Fit the successor tier's weights on analysts' answer keys, and measure them on pairs held out of the fitting.

    .venv/bin/python benchmarks/train_successors.py                      # fit on all keys, write the model
    .venv/bin/python benchmarks/train_successors.py --lopo               # leave one pair out: the honest figures
    .venv/bin/python benchmarks/train_successors.py --hold libya,monitoringteam,southsudan1 --no-write

Reads the answer keys in ../shared/gold (each folder: pair.json naming two PDFs in ../shared/reports, ann_*.json
with the analysts' links) — a development tool, run by hand; the package and its tests never need it. For each
pair it runs the textual tier of the alignment, computes the successor evidence (`successors.pair_features`) for
the paragraphs left free and fits a conditional logit per direction: each paragraph's choice among the free
paragraphs of the other edition, or none (an analyst's links to any of several paragraphs all count as the right
choice). The threshold is the smallest whose pooled precision on the fitting pairs reaches --precision. Scores use
the per-paragraph definition of ../shared/tools/score_links.py (imported from there).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff import api  # noqa: E402
from reportdiff.diff import successors as S  # noqa: E402
from reportdiff.diff.align import section_ids, textual_alignment  # noqa: E402

L2 = 0.5                       # ridge penalty on the standardised weights (the no-successor score is not penalised)
THRESHOLDS = np.round(np.arange(0.20, 0.951, 0.025), 3)


class Pair:
    """One answer key's pair of editions, read, with the evidence for its free paragraphs."""

    def __init__(self, folder: Path, reports: Path):
        self.name = folder.name
        spec = json.loads((folder / "pair.json").read_text())
        self.old, self.new = api.load(reports / spec["old"]), api.load(reports / spec["new"])
        self.keys = [json.loads(f.read_text()) for f in sorted(folder.glob("ann_*.json"))]
        state = textual_alignment(self.old, self.new)
        self.textual = [(l.old, l.new) for l in state.linker.links]
        self.sections = section_ids(state)
        po, pn = S._Paragraphs.of(self.old), S._Paragraphs.of(self.new)
        self.rows = [i for i in state.linker.free_old() if len(po.terms[i]) >= S.MIN_TERMS]
        self.cols = [j for j in state.linker.free_new() if len(pn.terms[j]) >= S.MIN_TERMS]
        self.read = po, pn
        self.counts = S.document_frequencies(po.terms + pn.terms)
        self.features = S.pair_features(self.old, self.new, self.rows, self.cols, self.sections, self.read,
                                        self.counts)
        self.cited = set(S.cited_positions(S.citations(self.old, self.new), self.rows, self.cols))
        allowed = {(str(o), str(n)) for k in self.keys for link in k["links"] for o in link["old"]
                   for n in link["new"]}
        self.target = np.array([[(self.old.paragraphs[i].id, self.new.paragraphs[j].id) in allowed
                                 for j in self.cols] for i in self.rows], dtype=float).reshape(len(self.rows),
                                                                                               len(self.cols))

    def x(self, names) -> np.ndarray:
        return np.stack([self.features[k] for k in names], axis=-1)

    def links(self, model: S.Model) -> list[tuple[list[int], list[int]]]:
        """The textual links, as the product grows them with the paragraphs they absorb, and the successor
        groups (without the product's shared-terms test)."""
        groups = []
        if self.rows and self.cols:
            p_old, p_new = S._choices(self.features, model)
            groups = [([self.rows[r] for r in rs], [self.cols[c] for c in cs])
                      for rs, cs, _ in S._groups_of(p_old, p_new, model.threshold, self.rows, self.cols, self.cited)]
        textual = [(list(a), list(b)) for a, b in self.textual]
        for a in S.absorbed(self.textual, S.left_free(self.rows, self.cols, groups), self.read, self.counts):
            textual[a.link][0 if a.side == "old" else 1].append(a.paragraph)
        return textual + groups


def analysts_linked(keys: list[dict]) -> set[tuple[str, str]]:
    """("old" | "new", paragraph id) of every paragraph some analyst's key links to a successor."""
    return {(side, str(x)) for key in keys for link in key["links"]
            for side, ids in (("old", link["old"]), ("new", link["new"])) for x in ids}


def held_out_models(pairs: list[Pair], precision: float = 0.9) -> dict[str, S.Model]:
    """For each pair, the model fitted on the others."""
    return {p.name: fit([q for q in pairs if q is not p], precision=precision) for p in pairs}


def _neg_log_likelihood(w, data, l2):
    """Conditional logit over each row's candidates plus a no-successor option (last weight); the likelihood of
    a row is the probability of choosing any of its right answers (or none, when it has none)."""
    d = len(w) - 1
    total, grad = 0.0, np.zeros_like(w)
    for x, y in data:
        if x.shape[1] == 0:
            continue
        s = np.concatenate([x @ w[:d], np.full((x.shape[0], 1), w[d])], axis=1)
        t = np.concatenate([y, (y.sum(axis=1, keepdims=True) == 0).astype(float)], axis=1)
        e = np.exp(s - s.max(axis=1, keepdims=True))
        z = e.sum(axis=1, keepdims=True)
        hit = (e * t).sum(axis=1, keepdims=True)
        total -= float((np.log(hit) - np.log(z)).sum())
        g = e / z - e * t / hit
        grad[:d] += np.einsum("rk,rkd->d", g[:, :-1], x)
        grad[d] += g[:, -1].sum()
    total += l2 * float(w[:d] @ w[:d])
    grad[:d] += 2 * l2 * w[:d]
    return total, grad


def fit(pairs: list[Pair], names=S.FEATURES, precision: float = 0.9) -> S.Model:
    flat = np.concatenate([p.x(names).reshape(-1, len(names)) for p in pairs if p.target.size])
    mean, scale = flat.mean(axis=0), flat.std(axis=0) + 1e-9
    weights = {}
    for side in ("old", "new"):
        data = []
        for p in pairs:
            x, y = (p.x(names) - mean) / scale, p.target
            data.append((x, y) if side == "old" else (x.transpose(1, 0, 2), y.T))
        weights[side] = minimize(_neg_log_likelihood, np.zeros(len(names) + 1), args=(data, L2), jac=True,
                                 method="L-BFGS-B").x
    model = S.Model(tuple(names), mean, scale, weights["old"], weights["new"], 0.5)
    return _with_threshold(model, pairs, precision)


def _with_threshold(model: S.Model, pairs: list[Pair], precision: float) -> S.Model:
    """The smallest threshold whose pooled precision on `pairs` reaches `precision` (the most recall that
    precision allows)."""
    for th in THRESHOLDS:
        candidate = S.Model(model.features, model.mean, model.scale, model.weights_old, model.weights_new,
                            float(th))
        if _precision(sum_scores(pairs, candidate)) >= precision:
            return candidate
    return S.Model(model.features, model.mean, model.scale, model.weights_old, model.weights_new,
                   float(THRESHOLDS[-1]))


def _score_links():
    tools = Path(os.environ.get("REPORTDIFF_SHARED", ROOT.parent / "shared")) / "tools"
    sys.path.insert(0, str(tools))
    argv, sys.argv = sys.argv, sys.argv[:1]
    import score_links                       # reads its flags from sys.argv at import
    sys.argv = argv
    return score_links


def pair_score(pair: Pair, model: S.Model, by_pairs: bool = False) -> list[int]:
    sl = _score_links()
    sl.BY_PAIRS = by_pairs
    found = sl.pairs([{"old": [pair.old.paragraphs[i].id for i in a], "new": [pair.new.paragraphs[j].id for j in b]}
                      for a, b in pair.links(model) if a and b])
    total = [0, 0, 0, 0]
    for key in pair.keys:
        total = [x + y for x, y in zip(total, sl.score(key, found))]
    return total


def sum_scores(pairs: list[Pair], model: S.Model, by_pairs: bool = False) -> list[int]:
    total = [0, 0, 0, 0]
    for p in pairs:
        total = [x + y for x, y in zip(total, pair_score(p, model, by_pairs))]
    return total


def _precision(t: list[int]) -> float:
    return t[2] / max(1, t[3])


def line(name: str, t: list[int]) -> str:
    r, p = t[0] / max(1, t[1]), _precision(t)
    return f"{name}: recall {r:.3f} ({t[0]}/{t[1]}), precision {p:.3f} ({t[2]}/{t[3]}), F1 {2 * p * r / max(1e-9, p + r):.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("REPORTDIFF_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--gold", type=Path, default=shared / "gold")
    ap.add_argument("--reports", type=Path, default=shared / "reports")
    ap.add_argument("--lopo", action="store_true", help="also fit without each pair and score it (held out)")
    ap.add_argument("--hold", default="", help="comma-separated pairs left out of the fitting (scored apart)")
    ap.add_argument("--precision", type=float, default=0.9, help="precision the threshold must reach when fitting")
    ap.add_argument("--alone", action="store_true",
                    help="with each pair held out: of the paragraphs left without a successor, the share the "
                         "analysts link, by how likely their best choice was (Change.successor_likelihood)")
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    pairs = [Pair(f, a.reports) for f in sorted(a.gold.iterdir()) if (f / "pair.json").exists()]
    hold = [p for p in pairs if p.name in a.hold.split(",")]
    fitting = [p for p in pairs if p not in hold]
    model = fit(fitting, precision=a.precision)
    print(f"fitted on {', '.join(p.name for p in fitting)}; threshold {model.threshold}")
    for p in pairs:
        print("  " + line(p.name + (" (held out)" if p in hold else ""), pair_score(p, model)))
    print(line("fitting pairs", sum_scores(fitting, model)))
    if hold:
        print(line("held-out pairs", sum_scores(hold, model)))
    print(line("all pairs, by (old, new) pairs", sum_scores(pairs, model, by_pairs=True)))
    held = held_out_models(pairs, a.precision) if a.lopo or a.alone else {}
    if a.lopo:
        total = [0, 0, 0, 0]
        for p in pairs:
            s = pair_score(p, held[p.name])
            total = [x + y for x, y in zip(total, s)]
            print("  " + line(f"{p.name} held out (threshold {held[p.name].threshold})", s))
        print(line("each pair held out, pooled", total))
    if a.alone:
        _alone_table(pairs, held)
    if not a.no_write and not hold:
        _write(model, pairs)
    return 0


ALONE_BINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 1.01)


def _alone_table(pairs: list[Pair], held: dict[str, S.Model]) -> None:
    """How far a paragraph left without a successor is new or dropped to the analysts too, by the likelihood of
    its best choice, each pair held out of the fitting (numbered paragraphs only, as the scorer counts). As
    everywhere in this script, a chosen group is linked without the tier's shared-terms test (`Pair.links`)."""
    sl = _score_links()
    seen: list[tuple[float, bool]] = []
    for p in pairs:
        model = held[p.name]
        p_old, p_new = S._choices(p.features, model)
        pairs_linked = [(olds, news) for olds, news in p.links(model) if olds and news]
        linked = {("old", i) for olds, _ in pairs_linked for i in olds} | {("new", j) for _, news in pairs_linked
                                                                            for j in news}
        keyed = analysts_linked(p.keys)
        sides = [("old", p.rows, p.old, p_old.max(axis=1) if p_old.size else np.zeros(len(p.rows))),
                 ("new", p.cols, p.new, p_new.max(axis=0) if p_new.size else np.zeros(len(p.cols)))]
        for side, idx, ed, best in sides:
            for k, i in enumerate(idx):
                pid = ed.paragraphs[i].id
                if (side, i) not in linked and sl.NUMBERED.fullmatch(pid):
                    seen.append((float(best[k]), (side, pid) in keyed))
    print("paragraphs left without a successor, each pair held out: best choice's likelihood -> analysts link it")
    for lo, hi in zip(ALONE_BINS, ALONE_BINS[1:]):
        in_bin = [is_keyed for x, is_keyed in seen if lo <= x < hi]
        share = sum(in_bin) / max(1, len(in_bin))
        print(f"  {lo:.2f}-{min(hi, 1.0):.2f}: {len(in_bin):4d} paragraphs, {share:.0%} linked by the analysts")


def _write(model: S.Model, pairs: list[Pair]) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    out = {"fitted": dt.date.today().isoformat(), "commit": commit, "pairs": [p.name for p in pairs],
           "features": list(model.features), "mean": model.mean.round(6).tolist(),
           "scale": model.scale.round(6).tolist(), "weights_old": model.weights_old.round(6).tolist(),
           "weights_new": model.weights_new.round(6).tolist(), "threshold": model.threshold}
    path = ROOT / "reportdiff" / "diff" / S.MODEL_FILE
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
