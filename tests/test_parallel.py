"""Parallel reading where fork is not safe or not allowed: beside other threads (forkserver), in a daemonic
process (no children: read in the process), and through an executor the caller passes."""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import threading

import pytest

from conftest import SAMPLES

from reportdiff import _fork, api


@pytest.fixture
def other_thread():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield thread
    stop.set()
    thread.join()


@pytest.mark.slow
def test_a_pair_read_beside_a_thread_is_read_in_parallel_and_the_same(other_thread, monkeypatch):
    alone = api.load_pair(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf", cache=False, workers=1)
    started = []
    real = _fork.Forked
    monkeypatch.setattr(_fork, "Forked", lambda context, *a, **k: started.append(context.get_start_method())
                        or real(context, *a, **k))
    both = api.load_pair(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf", cache=False, parallel=True)
    assert started == ["forkserver"]
    assert [e.to_dict() for e in both] == [e.to_dict() for e in alone]


def test_editions_already_read_are_taken_whichever_way_the_rest_is_read():
    """A reviewer's finding: the module promises that an Edition works wherever an edition is expected, but
    load_many took one only when it read in parallel (workers=1: TypeError), and load_pair never did."""
    first = api.load(SAMPLES / "S_2025_72.pdf")
    second = api.load(SAMPLES / "S_2025_496.pdf")
    assert api.load_pair(first, second) == (first, second)
    assert api.load_pair(first, SAMPLES / "S_2025_496.pdf")[0] is first
    for options in ({"workers": 1}, {"parallel": True}):
        read = api.load_many([first, SAMPLES / "S_2025_496.pdf"], **options)
        assert read[0] is first and read[1].symbol == "S/2025/496"


def _context_in_daemon(queue) -> None:
    queue.put(_fork.fork_context() is None)


def test_a_daemonic_process_reads_in_itself():
    """A Dask worker or a pool's worker is daemonic: multiprocessing refuses it children."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_context_in_daemon, args=(queue,), daemon=True)
    process.start()
    assert queue.get(timeout=60) is True
    process.join()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["threads", "processes"])
def test_load_many_through_the_callers_executor(kind):
    paths = [SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf"]
    alone = [api.load(p, cache=False, workers=1) for p in paths]
    pool = (cf.ThreadPoolExecutor(2) if kind == "threads"
            else cf.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")))
    seen = []
    with pool:
        got = api.load_many(paths, executor=pool, cache=False, progress=lambda d, t: seen.append((d, t)))
        pair = api.load_pair(*paths, executor=pool, cache=False)
    assert [e.to_dict() for e in got] == [e.to_dict() for e in alone] == [e.to_dict() for e in pair]
    assert seen[-1][0] == seen[-1][1] == sum(e.pages for e in alone)


@pytest.mark.slow
def test_workers_of_a_forkserver_take_on_the_callers_environment(other_thread, tmp_path, monkeypatch):
    """A forkserver started earlier has the environment of then: the workers take on the caller's current one
    (the cache folder is read from it) and its working folder (a path may be relative)."""
    import shutil

    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "first"))
    api.load_pair(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf", parallel=True)    # the server starts
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "second"))
    for name in ("S_2025_72.pdf", "S_2025_496.pdf"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    api.load_pair("S_2025_72.pdf", "S_2025_496.pdf", parallel=True, cache=True)
    assert len(list((tmp_path / "second").glob("*.json"))) == 2        # the worker's parse went there too


@pytest.mark.slow
def test_many_threads_reading_at_once_share_pdfium_safely():
    """PDFium is not thread-safe: editions read in many threads at once (a caller's ThreadPoolExecutor, a web
    server) must come out the same as alone, and the process must live (unguarded, it died of SIGTRAP inside
    libpdfium). Run in a child process, so that a crash fails this test instead of ending the test run."""
    import subprocess
    import sys

    script = f"""
import concurrent.futures as cf, json
from reportdiff import api
from reportdiff.pdf import inputs
paths = [{str(SAMPLES / "S_2025_72.pdf")!r}, {str(SAMPLES / "S_2025_496.pdf")!r}] * 4
alone = {{p: api.load(p, cache=False, workers=1).to_dict() for p in paths[:2]}}
with cf.ThreadPoolExecutor(8) as pool:
    counts = list(pool.map(lambda p: inputs.text_char_counts(p, None), paths))
    got = list(pool.map(lambda p: api.load(p, cache=False, workers=1).to_dict(), paths))
assert all(g == alone[p] for g, p in zip(got, paths)), "an edition read in a thread differs"
assert counts[0] == counts[2] and counts[1] == counts[3]
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", (proc.returncode, proc.stderr[-2000:])


def test_a_worker_ends_with_its_killed_parent(tmp_path):
    """A caller's timeout that kills only the process it started (subprocess.run(..., timeout=…)), or a SIGKILL,
    leaves no reader behind: one blocked for ever writing a result no one reads (it held its own pipe's other
    end) was found still running 46 s later."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, sys, time\n"
        "from reportdiff import _fork\n"
        "def work():\n"
        "    time.sleep(1.0)\n"
        "    return 'x' * 1_000_000\n"            # far more than a pipe's buffer
        "w = _fork.Forked(multiprocessing.get_context('fork'), work)\n"
        "print(w.process.pid, flush=True)\n"
        "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        if _zombie(child):
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the worker outlived its parent")


def test_a_worker_whose_parent_is_already_gone_ends():
    """The parent's pid is taken before the worker starts: read in the worker, it would already be init's when the
    parent died first, and the worker would run on (a review: 29 of 30 such workers survived)."""
    import subprocess
    import sys

    code = "from reportdiff import _fork; _fork._end_with_parent(parent=1); print('ran on')"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "ran on" not in proc.stdout and proc.stderr == ""


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
