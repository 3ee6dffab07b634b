"""Batch throughput: pairs per minute on this machine's process pool and on a Dask LocalCluster, with 1 and 2
workers, and what Dask adds to each task.

    .venv/bin/python benchmarks/batch.py                  # 16 pairs, 1 and 2 workers, pool and Dask
    .venv/bin/python benchmarks/batch.py --pairs 32 --json results.json

The pairs are copies of the bundled sample pair (S/2025/72 → S/2025/496, 15 + 14 pages), each under its own
name, read with the edition cache off (`cache=False`): every task reads its two PDFs, compares them and renders
the report and JSON, as a batch of new editions does. Each configuration runs the same manifest into a fresh
folder through `reportdiff.batches.run(executor=...)`; the pool or cluster is started before the clock starts
(its start-up, until every worker has imported what a task uses, is reported on its own). Dask's overhead per task is measured with tasks that do nothing: the
round trip of submitting one and getting its result, on the pool and on the cluster.

Needs the `dask` extra (dask[distributed]). Not a test: the figures depend on the machine and its load (printed
with them).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def make_manifest(d: Path, pairs: int) -> Path:
    lines = []
    for k in range(pairs):
        old, new = d / f"old-{k:03d}.pdf", d / f"new-{k:03d}.pdf"
        shutil.copyfile(SAMPLES / "S_2025_72.pdf", old)
        shutil.copyfile(SAMPLES / "S_2025_496.pdf", new)
        lines.append(json.dumps({"id": f"pair-{k:03d}", "old": str(old), "new": str(new)}))
    manifest = d / "manifest.jsonl"
    manifest.write_text("\n".join(lines) + "\n")
    return manifest


def timed_batch(manifest: Path, executor, out: Path) -> float:
    from reportdiff.batches import run

    start = time.perf_counter()
    result = run(manifest, out, executor=executor, cache=False, table="jsonl")
    wall = time.perf_counter() - start
    assert result.ok and not result.unchanged, result.summary()
    return wall


def _noop(x):
    return x


def _warm(_):
    """Import what a task uses, so that the timed batches measure steady work (a Dask worker is a fresh process:
    its first task would pay for importing numpy, scipy and the reader)."""
    import reportdiff.diff.comparison  # noqa: F401
    import reportdiff.pdf.extract  # noqa: F401
    import reportdiff.pdf.structure  # noqa: F401
    import reportdiff.render.report  # noqa: F401
    import reportdiff.batches  # noqa: F401
    return os.getpid()


def warm_up(executor, workers: int) -> None:
    pids: set[int] = set()
    for _ in range(20):                                   # until every worker has run one
        pids |= set(f.result() for f in [executor.submit(_warm, k) for k in range(4 * workers)])
        if len(pids) >= workers:
            return


def round_trip(executor, n: int) -> float:
    """Seconds per task for `n` do-nothing tasks submitted one after the other (submit, wait for the result)."""
    start = time.perf_counter()
    for k in range(n):
        assert executor.submit(_noop, k).result() == k
    return (time.perf_counter() - start) / n


def pool(workers: int):
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def measure(args) -> list[dict]:
    from distributed import Client, LocalCluster

    scratch = Path(tempfile.mkdtemp(prefix="reportdiff-batch-bench-"))
    manifest = make_manifest(scratch, args.pairs)
    rows = []
    for workers in args.workers:
        for kind in ("pool", "dask"):
            start = time.perf_counter()
            if kind == "pool":
                executor, closers = pool(workers), []
            else:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                client = Client(cluster)
                executor, closers = client.get_executor(pure=False), [client, cluster]
            warm_up(executor, workers)
            startup = time.perf_counter() - start
            try:
                runs = [timed_batch(manifest, executor, scratch / f"out-{kind}-{workers}-{r}")
                        for r in range(args.runs)]
                trip = round_trip(executor, args.noops)
            finally:
                if kind == "pool":
                    executor.shutdown()
                for c in closers:
                    c.close()
            wall = statistics.median(runs)
            rows.append({"executor": kind, "workers": workers, "pairs": args.pairs, "startup_s": round(startup, 2),
                         "wall_s": round(wall, 2), "runs": [round(r, 2) for r in runs],
                         "pairs_per_minute": round(60 * args.pairs / wall, 1),
                         "round_trip_ms": round(1000 * trip, 2)})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    return rows


def overheads(rows: list[dict]) -> dict[int, dict]:
    """Per worker count: Dask's extra round trip per task, and its extra wall time per pair in the batch."""
    out = {}
    for w in sorted({r["workers"] for r in rows}):
        p = next(r for r in rows if r["workers"] == w and r["executor"] == "pool")
        d = next(r for r in rows if r["workers"] == w and r["executor"] == "dask")
        out[w] = {"round_trip_ms": round(d["round_trip_ms"] - p["round_trip_ms"], 2),
                  "per_pair_ms": round(1000 * (d["wall_s"] - p["wall_s"]) / p["pairs"], 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=16)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=3, help="batches per configuration (the median is reported)")
    ap.add_argument("--noops", type=int, default=200, help="do-nothing tasks for the round-trip time")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    load_before = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    rows = measure(args)
    over = overheads(rows)
    load_after = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    print(f"\n{args.pairs} pairs (copies of S/2025/72 → S/2025/496, cache off), median of {args.runs} batches; "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {' '.join(load_before)} → "
          f"{' '.join(load_after)}\n")
    print("| executor | workers | start-up | batch wall | pairs per minute | round trip of an empty task |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['executor']} | {r['workers']} | {r['startup_s']} s | {r['wall_s']} s | "
              f"{r['pairs_per_minute']} | {r['round_trip_ms']} ms |")
    for w, o in over.items():
        print(f"\nDask's overhead with {w} worker(s): {o['round_trip_ms']} ms more per empty task round trip; "
              f"{o['per_pair_ms']} ms more wall time per pair in the batch")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "overhead": over, "load": [load_before, load_after]},
                                        indent=1))


if __name__ == "__main__":
    main()
