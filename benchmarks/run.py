"""reportdiff's benchmark: how long a comparison takes, next to `pdftotext` reading the same two files.

    .venv/bin/python benchmarks/run.py                 # sample pair, ~60-page and ~300-page pairs
    .venv/bin/python benchmarks/run.py --sizes sample --runs 7
    .venv/bin/python benchmarks/run.py --json results.json

For each pair (the bundled samples S/2025/72 -> S/2025/496; generated pairs of about 60 and 300 pages, see
benchmarks/pairs.py, written once to a scratch folder and reused):

1. Whole process, as a user runs it: `reportdiff compare OLD NEW -o report.html`, cold (`--no-cache`), with the
   cache of parsed editions warm, and with only OLD in the cache ("old cached": a new edition arrives; its pages
   are split between the CPUs); wall time and the child's peak memory (ru_maxrss from os.wait4). Each run is
   paired with `pdftotext OLD -` + `pdftotext NEW -` in the same moment (alternating, so load from other work
   hits both alike); the ratio is the median of the per-run ratios.
2. Stages, timed in-process (median of the runs): extraction (extract.read_pages, both files), structure
   (structure.build_edition), alignment alone (align.align), align + word diffs + signals (comparison.compare_editions)
   and rendering (render.render_comparison to HTML) — so the slow stage is visible; and both editions read at
   once in two processes (api.load_pair, extract + structure), as `compare` does.

Nothing here is a test: timings depend on the machine and its load. Results print as a Markdown table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import pairs  # noqa: E402

SIZES = {"sample": None, "60": 60, "300": 300}


def scratch_dir() -> Path:
    d = Path(os.environ.get("REPORTDIFF_BENCH_DIR") or Path(tempfile.gettempdir()) / "reportdiff-bench")
    d.mkdir(parents=True, exist_ok=True)
    return d


def pair_for(size: str) -> tuple[Path, Path]:
    if SIZES[size] is None:
        return pairs.OLD, pairs.NEW
    d = scratch_dir() / f"pair-{size}-v{pairs.VERSION}"
    if not ((d / "old.pdf").exists() and (d / "new.pdf").exists()):
        print(f"generating the ~{size}-page pair in {d} ...", file=sys.stderr, flush=True)
        pairs.make_pair(d, SIZES[size])
    return d / "old.pdf", d / "new.pdf"


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def run_child(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process (its own rusage, through os.wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()[:500]}")
    return wall, usage.ru_maxrss / 1024          # ru_maxrss is in KiB on Linux


def pdftotext_both(old: Path, new: Path, env: dict) -> float:
    return sum(run_child(["pdftotext", "-q", str(p), os.devnull], env)[0] for p in (old, new))


def compile_bytecode() -> None:
    """Byte-compile reportdiff as an installed package is (pip compiles it), so that no run pays for compiling
    a module changed since the last import: with PYTHONDONTWRITEBYTECODE set, as on some machines, an editable
    install would otherwise recompile every changed module on every run."""
    import compileall

    import reportdiff

    compileall.compile_dir(os.path.dirname(reportdiff.__file__), quiet=1)


def whole_process(old: Path, new: Path, runs: int, work: Path) -> dict:
    cache = work / "cache"
    env = {**os.environ, "REPORTDIFF_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    base = [sys.executable, "-m", "reportdiff", "compare", str(old), str(new), "-o", str(work / "report.html"),
            "--no-progress"]
    cold, warm, ref_cold, ref_warm, mem_cold, mem_warm, new_only = [], [], [], [], [], [], []
    run_child(base, env)                         # warm the OS file cache and fill the edition cache
    # A new edition arrives, the previous one was read before: a cache holding the old edition only.
    old_only = work / "cache-old-only"
    run_child([sys.executable, "-m", "reportdiff", "extract", str(old), "-o", str(work / "old.json")],
              {**env, "REPORTDIFF_CACHE_DIR": str(old_only)})
    for _ in range(runs):
        t, m = run_child(base + ["--no-cache"], env)
        cold.append(t)
        mem_cold.append(m)
        ref_cold.append(pdftotext_both(old, new, env))
        ref_warm.append(pdftotext_both(old, new, env))
        t, m = run_child(base, env)
        warm.append(t)
        mem_warm.append(m)
        scratch = work / "cache-run"
        shutil.copytree(old_only, scratch)
        new_only.append(run_child(base, {**env, "REPORTDIFF_CACHE_DIR": str(scratch)})[0])
        shutil.rmtree(scratch)
    med = statistics.median
    return {
        "cold_s": med(cold), "cached_s": med(warm), "new_only_s": med(new_only), "pdftotext_s": med(ref_cold + ref_warm),
        "cold_ratio": med(a / b for a, b in zip(cold, ref_cold)),
        "cached_ratio": med(a / b for a, b in zip(warm, ref_warm)),
        "cold_peak_mb": max(mem_cold), "cached_peak_mb": max(mem_warm),
        "cold_runs": cold, "cached_runs": warm, "pdftotext_runs": ref_cold + ref_warm,
    }


def stages(old: Path, new: Path, runs: int) -> dict:
    from reportdiff import api
    from reportdiff.render import report as render
    from reportdiff.diff.align import align
    from reportdiff.diff.comparison import compare_editions
    from reportdiff.pdf.extract import read_pages
    from reportdiff.pdf.structure import build_edition

    out: dict[str, list[float]] = {k: [] for k in ("extract", "structure", "align", "compare", "render", "pair")}
    for _ in range(runs):
        if hasattr(api, "load_pair"):
            t = time.perf_counter()
            api.load_pair(old, new, parallel=True, cache=False)
            out["pair"].append(time.perf_counter() - t)
        t = time.perf_counter()
        pages = [read_pages(old), read_pages(new)]
        out["extract"].append(time.perf_counter() - t)
        t = time.perf_counter()
        eds = [build_edition(p, source=f.name) for p, f in zip(pages, (old, new))]
        out["structure"].append(time.perf_counter() - t)
        del pages
        t = time.perf_counter()
        align(*eds)
        out["align"].append(time.perf_counter() - t)
        t = time.perf_counter()
        comparison = compare_editions(*eds)
        out["compare"].append(time.perf_counter() - t)
        t = time.perf_counter()
        render.render_comparison(comparison, "html", color=False)
        out["render"].append(time.perf_counter() - t)
        paragraphs = [len(e.paragraphs) for e in eds]
    res = {k + "_s": statistics.median(v) if v else float("nan") for k, v in out.items()}
    res["paragraphs"] = paragraphs
    return res


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = "load %.1f" % os.getloadavg()[0]
    except OSError:
        load = ""
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {load}"


def table(results: list[dict]) -> str:
    rows = ["| pair | pages | paragraphs | compare → HTML, cold | cached | old cached | pdftotext ×2 | "
            "cold ÷ pdftotext | cached ÷ pdftotext | peak MB cold / cached | extract | structure | align | "
            "align+diff | render | both read in 2 processes |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        w, s = r["whole"], r["stages"]
        rows.append(f"| {r['pair']} | {r['pages'][0]}+{r['pages'][1]} | {s['paragraphs'][0]}+{s['paragraphs'][1]} "
                    f"| {w['cold_s']:.2f} s | {w['cached_s']:.2f} s | {w['new_only_s']:.2f} s "
                    f"| {w['pdftotext_s']:.2f} s "
                    f"| {w['cold_ratio']:.1f}× | {w['cached_ratio']:.1f}× "
                    f"| {w['cold_peak_mb']:.0f} / {w['cached_peak_mb']:.0f} "
                    f"| {s['extract_s']:.2f} s | {s['structure_s']:.2f} s | {s['align_s']:.2f} s "
                    f"| {s['compare_s']:.2f} s | {s['render_s']:.2f} s | {s['pair_s']:.2f} s |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="sample,60,300", help="comma-separated: sample, 60, 300")
    ap.add_argument("--runs", type=int, default=5, help="paired runs per pair (fewer are used for 300 pages)")
    ap.add_argument("--stage-runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args()
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext is needed as the yardstick: apt-get install poppler-utils")
    compile_bytecode()
    results = []
    with tempfile.TemporaryDirectory(prefix="reportdiff-bench-") as tmp:
        for size in a.sizes.split(","):
            old, new = pair_for(size)
            runs = a.runs if size != "300" else max(1, min(a.runs, 3))
            print(f"{size}: {old.name} -> {new.name}, {runs} paired runs ...", file=sys.stderr, flush=True)
            work = Path(tmp) / size
            work.mkdir()
            whole = whole_process(old, new, runs, work)
            st = stages(old, new, a.stage_runs if size != "300" else 1)
            results.append({"pair": "sample (S/2025/72 → S/2025/496)" if size == "sample" else f"generated ~{size}",
                            "pages": [page_count(old), page_count(new)], "whole": whole, "stages": st})
            print(table(results[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    header = f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {machine()}"
    print(header)
    print()
    print(table(results))
    if a.json:
        a.json.write_text(json.dumps({"when": header, "results": results}, indent=1))


if __name__ == "__main__":
    main()
