"""The cache of parsed editions (reportdiff.cache, `load(cache=...)`, `--no-cache`): a hit returns exactly what a
parse returns, a changed parser or version never returns a stale parse, a corrupt entry is ignored, and
concurrent runs neither corrupt an entry nor leave temporary files."""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

import reportdiff
from reportdiff import api, cache
from reportdiff.pdf import extract
from reportdiff.errors import TooLargeError

from conftest import CLI_ENV, cli_command


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(d))
    return d


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    import pdfgen
    return pdfgen.un_report(tmp_path_factory.mktemp("cachegen") / "report.pdf", paragraphs=8)


def entries(d) -> list[str]:
    return sorted(p.name for p in d.iterdir()) if d.exists() else []


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "explicit"))
    assert cache.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv(cache.ENV_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "reportdiff"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "reportdiff"


@pytest.mark.slow
def test_miss_then_hit_returns_the_same_edition(cache_dir, sample_72, monkeypatch):
    fresh = api.load(sample_72, cache=False)
    assert entries(cache_dir) == []                      # cache=False neither reads nor writes
    first = api.load(sample_72)
    assert first.to_dict() == fresh.to_dict()
    [name] = entries(cache_dir)
    assert name.startswith(cache.file_digest(sample_72)) and name.endswith(f"-{cache.code_key()}.json")

    def boom(*a, **k):
        raise AssertionError("parsed again")
    monkeypatch.setattr(extract, "read_pages", boom)
    hit = api.load(sample_72)
    assert hit.to_dict() == fresh.to_dict()              # source (the file name) included
    assert reportdiff.compare(hit, hit).summary() == reportdiff.compare(fresh, fresh).summary()


def test_hit_by_content_not_name(cache_dir, report, tmp_path, monkeypatch):
    original = api.load(report)                          # parse once ...
    copy = tmp_path / "renamed copy.pdf"
    shutil.copyfile(report, copy)
    monkeypatch.setattr(extract, "read_pages", lambda *a, **k: pytest.fail("parsed again"))
    hit = api.load(copy)                                 # ... a copy under another name hits
    assert hit.source == "renamed copy.pdf"
    assert {**hit.to_dict(), "source": None} == {**original.to_dict(), "source": None}


def test_changed_content_misses(cache_dir, report, tmp_path):
    api.load(report)
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(report.read_bytes() + b"\n% one more comment\n")
    calls = []
    real = extract.read_pages

    def counting(*a, **k):
        calls.append(a)
        return real(*a, **k)

    extract.read_pages, saved = counting, extract.read_pages
    try:
        api.load(changed)
    finally:
        extract.read_pages = saved
    assert len(calls) == 1
    assert len(entries(cache_dir)) == 2


def test_code_key_changes_with_version_source_and_libraries(monkeypatch, tmp_path):
    cache.code_key.cache_clear()
    base = cache.code_key()
    monkeypatch.setattr(reportdiff, "__version__", "999.0")
    cache.code_key.cache_clear()
    assert cache.code_key() != base                      # a new release
    monkeypatch.undo()
    extra = tmp_path / "parser_part.py"
    extra.write_text("A = 1\n")
    monkeypatch.setattr(cache, "PARSER_MODULES", cache.PARSER_MODULES + (str(extra),))
    cache.code_key.cache_clear()
    k1 = cache.code_key()
    extra.write_text("A = 2\n")                          # an edited parser module
    cache.code_key.cache_clear()
    k2 = cache.code_key()
    assert len({base, k1, k2}) == 3
    monkeypatch.undo()
    monkeypatch.setattr(cache, "PARSER_LIBRARIES", cache.PARSER_LIBRARIES + ("reportdiff",))
    cache.code_key.cache_clear()
    assert cache.code_key() != base                      # a library upgrade
    monkeypatch.undo()
    cache.code_key.cache_clear()
    assert cache.code_key() == base
    assert set(cache.PARSER_MODULES) >= {"pdf", "model.py"}


def test_stale_entries_are_never_returned_and_are_pruned(cache_dir, report, monkeypatch):
    old = api.load(report)
    [old_entry] = entries(cache_dir)
    cache.code_key.cache_clear()
    monkeypatch.setattr(cache, "code_key", lambda: "0123456789abcdef")   # the parser changed
    digest = cache.file_digest(report)
    assert cache.get(digest, "pdfium") is None
    # even an entry renamed to the new key is refused: it says which code wrote it
    (cache_dir / old_entry).rename(cache.entry_path(digest, "pdfium"))
    assert cache.get(digest, "pdfium") is None
    again = api.load(report)                             # parsed again, stored under the new key ...
    assert again.to_dict() == old.to_dict()
    assert entries(cache_dir) == [cache.entry_path(digest, "pdfium").name]
    monkeypatch.undo()
    cache.code_key.cache_clear()


@pytest.mark.parametrize("damage", ["empty", "truncated", "not json", "binary", "wrong file", "wrong shape",
                                    "directory"])
def test_corrupt_entry_is_ignored_and_replaced(cache_dir, report, damage):
    good = api.load(report)
    [name] = entries(cache_dir)
    entry = cache_dir / name
    text = entry.read_text()
    if damage == "empty":
        entry.write_bytes(b"")
    elif damage == "truncated":
        entry.write_text(text[: len(text) // 2])
    elif damage == "not json":
        entry.write_text("<html>not an entry</html>")
    elif damage == "binary":
        entry.write_bytes(os.urandom(300))
    elif damage == "wrong file":
        data = json.loads(text)
        data["sha256"] = "0" * 64
        entry.write_text(json.dumps(data))
    elif damage == "wrong shape":
        data = json.loads(text)
        data["edition"] = {"paragraphs": [{"no id": 1}]}
        entry.write_text(json.dumps(data))
    elif damage == "directory":
        entry.unlink()
        entry.mkdir()
    again = api.load(report)
    assert again.to_dict() == good.to_dict()
    if damage != "directory":
        assert json.loads(entry.read_text())["edition"]["paragraphs"]   # rewritten whole
    assert not [n for n in entries(cache_dir) if n.endswith(".part")]


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch, report):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    assert api.load(report).paragraphs


def test_page_limit_still_applies_to_a_cached_edition(cache_dir, sample_72, monkeypatch):
    pages = api.load(sample_72).pages
    monkeypatch.setattr(extract, "read_pages", lambda *a, **k: pytest.fail("parsed again"))
    assert api.load(sample_72, max_pages=pages).pages == pages
    with pytest.raises(TooLargeError, match="more than the limit"):
        api.load(sample_72, max_pages=pages - 1)


def _load_in_child(args):
    path, d = args
    os.environ[cache.ENV_DIR] = d
    return json.dumps(api.load(path).to_dict(), sort_keys=True)


@pytest.mark.slow
def test_concurrent_runs_agree_and_leave_one_whole_entry(cache_dir, report):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        results = pool.map(_load_in_child, [(str(report), str(cache_dir))] * 8)
    assert len(set(results)) == 1
    cache.code_key.cache_clear()         # the children read the parser's source now: so does the expectation
    assert entries(cache_dir) == [cache.entry_path(cache.file_digest(report), "pdfium", cache_dir).name]
    assert json.dumps(api.load(report).to_dict(), sort_keys=True) == results[0]


def test_readers_never_see_half_an_entry(cache_dir, report):
    edition = api.load(report, cache=False)
    digest = cache.file_digest(report)
    expected = edition.to_dict()
    stop = threading.Event()
    seen: list = []

    def writer():
        while not stop.is_set():
            cache.put(digest, "pdfium", edition)

    cache.put(digest, "pdfium", edition)      # the entry exists from here on: replacing it must never hide it
    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for _ in range(300):
            got = cache.get(digest, "pdfium", source=edition.source)
            seen.append(got is not None)
            if got is not None:
                assert got.to_dict() == expected
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert all(seen), f"entry missing in {seen.count(False)} of {len(seen)} reads during rewrites"
    assert not [n for n in entries(cache_dir) if n.endswith(".part")]


def _cli(*args, env):
    return subprocess.run(cli_command() + [os.fspath(a) for a in args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=300)


@pytest.mark.slow
def test_cli_no_cache_flag(tmp_path, report):
    d = tmp_path / "clicache"
    env = {**CLI_ENV, cache.ENV_DIR: str(d)}
    out = tmp_path / "e.json"
    proc = _cli("extract", report, "--no-cache", "-o", out, env=env)
    assert proc.returncode == 0, proc.stderr
    assert entries(d) == []
    proc = _cli("extract", report, "-o", tmp_path / "e2.json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert len(entries(d)) == 1
    assert json.loads(out.read_text()) == json.loads((tmp_path / "e2.json").read_text())
    proc = _cli("compare", report, report, "--no-cache", "-f", "json", "-o", tmp_path / "c.json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "--no-cache" in _cli("compare", "--help", env=env).stdout


@pytest.mark.slow
def test_cached_compare_writes_the_same_report(tmp_path, sample_72, sample_496):
    env = {**CLI_ENV, cache.ENV_DIR: str(tmp_path / "c"), "SOURCE_DATE_EPOCH": "1767323040"}
    outs = []
    for i, flags in enumerate([["--no-cache"], [], []]):     # parse, parse + store, hit
        out = tmp_path / f"r{i}.json"
        proc = _cli("compare", sample_72, sample_496, *flags, "-o", out, env=env)
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_text())
    assert outs[0] == outs[1] == outs[2]
    assert len(entries(tmp_path / "c")) == 2


@pytest.mark.slow
def test_load_pair_in_two_processes_gives_what_one_gives(cache_dir, sample_72, report):
    together = api.load_pair(sample_72, report, parallel=True, cache=False)
    apart = api.load_pair(sample_72, report, parallel=False, cache=False)
    assert [e.to_dict() for e in together] == [e.to_dict() for e in apart]
    assert entries(cache_dir) == []
    api.load_pair(sample_72, report, parallel=True)           # the worker's parse is cached too
    assert len(entries(cache_dir)) == 2


@pytest.mark.slow
def test_load_pair_splits_the_work_by_length(tmp_path, sample_72, sample_496, monkeypatch):
    """Editions of alike length: one process each; a long one beside a short one (or beside a cached one): one after
    the other, each with its pages split between the CPUs."""
    import pdfgen
    from reportdiff import _fork

    if _fork.cpu_count() < 2:
        pytest.skip("one CPU: nothing is read in parallel")
    workers = []
    real_load = api.load
    monkeypatch.setattr(api, "load", lambda path, **kw: workers.append((os.path.basename(path), kw.get("workers")))
                        or real_load(path, **kw))
    api.load_pair(sample_72, sample_496, cache=False)                 # 15 and 14 pages
    assert workers == [("S_2025_72.pdf", 1)]                          # this process; the other is in a worker
    workers.clear()
    long = pdfgen.big_document(tmp_path / "long.pdf", pages=40)
    api.load_pair(long, sample_496, cache=False)                      # 40 and 14 pages
    assert workers == [("long.pdf", None), ("S_2025_496.pdf", None)]  # None: load's default, one per CPU


@pytest.mark.parametrize("bad_first", [True, False])
def test_load_pair_raises_loads_errors(tmp_path, report, bad_first):
    from reportdiff.errors import NotAPDFError

    bad = tmp_path / "notes.pdf"
    bad.write_text("just some notes, not a PDF\n")
    args = (bad, report) if bad_first else (report, bad)
    with pytest.raises(NotAPDFError, match="notes.pdf"):
        api.load_pair(*args, parallel=True, cache=False)


if __name__ == "__main__":   # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


def test_writing_an_entry_counts_the_cache_only_now_and_then_and_keeps_the_cap(cache_dir, sample_72, monkeypatch):
    """A reviewer's finding: every entry written stat'ed every entry of the cache to apply the cap (80 ms a write
    with 8,000 entries). A process now trusts its own count, plus what it wrote, for RECOUNT_SECONDS; past the
    cap it counts again and evicts as before."""
    edition = api.load(sample_72, cache=False)
    counts = []
    real = cache.entries
    monkeypatch.setattr(cache, "entries", lambda *a: counts.append(1) or real(*a))
    monkeypatch.setattr(cache, "_counted", {})
    for k in range(3):
        cache.put(f"{k:064x}", "pdfium", edition)
    assert len(counts) == 1 and len(real()) == 3                      # counted once, at the first write
    size = os.path.getsize(real()[0].path)
    monkeypatch.setenv("REPORTDIFF_CACHE_MAX", str(int(size * 3.5)))     # room for three entries
    cache.put(f"{3:064x}", "pdfium", edition)
    assert len(counts) == 2 and len(real()) == 3                      # past the cap: counted, the oldest evicted
    monkeypatch.setattr(cache, "RECOUNT_SECONDS", 0.0)
    monkeypatch.setenv("REPORTDIFF_CACHE_MAX", "1G")
    cache.put(f"{4:064x}", "pdfium", edition)
    assert len(counts) == 3                                           # a count too old is made again


def test_clear_and_eviction_touch_only_the_caches_own_files(cache_dir, report):
    """REPORTDIFF_CACHE_DIR may name a folder holding other files: `clear` and the size cap remove entries
    (<sha256>-<engine>-<code key>.json) and the cache's own temporaries only; `clear` also removes what a
    download cut short (SIGTERM) left in documents/, never the documents."""
    reportdiff.load(report)
    [entry] = [name for name in entries(cache_dir) if name.endswith(".json")]
    others = ["notes.json", "settings.json", ".hidden.json", "a" * 64 + ".json", ".draft.md.x1y2z3.part"]
    for name in others:
        (cache_dir / name).write_text("{}")
    documents = cache_dir / "documents"
    documents.mkdir()
    (documents / "S_2025_72.pdf").write_bytes(b"%PDF-1.7 kept")
    stray = [documents / ".S_2025_72.pdf.k2l_3m4n.part", documents / ".S_2025_72.meta.json.ab12cd34.part"]
    for p in stray:
        p.write_bytes(b"%PDF-1.7 half")
        os.utime(p, (time.time() - 7200, time.time() - 7200))     # cut short two hours ago
    going_on = documents / ".S_2025_496.pdf.q9r8s7t6.part"       # a download going on in another process
    going_on.write_bytes(b"%PDF-1.7 arriving")
    assert cache.info().entries == 1
    cache.evict(0)                                              # everything of the cache's goes
    assert entries(cache_dir) == sorted(["documents", *others])
    reportdiff.load(report)
    assert entry in entries(cache_dir)
    cache.clear()
    assert entries(cache_dir) == sorted(["documents", *others])
    assert entries(documents) == sorted(["S_2025_72.pdf", going_on.name])
