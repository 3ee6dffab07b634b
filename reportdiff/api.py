"""The library's entry points: `load` reads one edition, `compare` two, `series` many; `load_pair` and
`load_many` read several at once in parallel processes. The CLI is a thin layer over these.

Paths may be `str` or `pathlib.Path`; wherever an edition is expected, an `Edition` already read works too.
The keyword options of `load` (`LoadOptions`) pass through `compare`, `series`, `load_pair` and `load_many`.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, TypedDict, Union

from . import _fork
from .model import Comparison, Edition

if TYPE_CHECKING:
    from datetime import datetime

    from typing_extensions import Unpack

    from .batches import BatchResult

    from .lineage import Series

DEFAULT_MAX_PAGES = 3000

#: A path to a file, as a str or a path object.
StrPath = Union[str, "os.PathLike[str]"]
#: An edition given by its PDF's path, or already read.
EditionLike = Union[Edition, str, "os.PathLike[str]"]
#: `progress(done, total)`: pages read so far and pages in all, called as the reading goes.
Progress = Callable[[int, int], None]


class LoadOptions(TypedDict, total=False):
    """The keyword options of `load`, which `compare`, `series`, `load_pair` and `load_many` pass on."""

    max_pages: int                  # refuse a PDF longer than this (default DEFAULT_MAX_PAGES = 3000)
    progress: Progress | None       # called with (pages read, pages in all)
    cache: bool                     # use the cache of parsed editions (default True)
    workers: int | None             # processes reading at once (default: one per CPU; 1: all in this one)
    offline: bool                   # a UN symbol is taken from the download cache only, never fetched
    refresh: bool                   # a UN symbol's cached copy is checked with the server (reissued?)


def load(path: StrPath, *, max_pages: int = DEFAULT_MAX_PAGES, progress: Progress | None = None,
         cache: bool = True, workers: int | None = None, offline: bool = False, refresh: bool = False) -> Edition:
    """Read a UN report PDF into an `Edition` (metadata, section tree, paragraphs with their footnotes).

    >>> reportdiff.load("samples/S_2025_72.pdf")
    Edition('S/2025/72', 2025-01-31, 15 pages, 68 paragraphs)

    `path` may also be a UN document symbol (`"S/2025/496"`, when no such file exists): its English PDF is
    fetched from ODS into the download cache (`reportdiff.sources`); `offline` uses that cache only, `refresh`
    asks the server whether the cached copy was reissued.

    With `cache` (the default) a file whose exact content was read before, by the same version of the parser,
    is not parsed again: its Edition comes from the cache of parsed editions (`reportdiff.cache`).
    `workers`: processes reading the pages of a long file in parallel (default: one per CPU; see
    `extract.read_pages`). `progress(pages_done, pages_total)` is called as pages are read. `max_pages`: a longer
    PDF is refused (`TooLargeError`). Raises a `ReportDiffError` subclass for input that is not a readable,
    text-bearing PDF (a missing file: `MissingFileError`, also a `FileNotFoundError`).
    """
    from . import sources

    if isinstance(path, bytes):
        path = os.fsdecode(path)         # a path as the OS gives it (os.listdir(b".")): read, not "damaged"
    path = sources.resolve(path, sources.FetchOptions(offline=offline, refresh=refresh))
    source = os.path.basename(os.fspath(path))
    key = _cache_key(path) if cache else None
    if key is not None:
        from . import cache as edition_cache

        hit = edition_cache.get(*key, source=source)
        if hit is not None:
            if max_pages < 1 or hit.pages > max_pages:     # the same content passed every other check before
                from .pdf.inputs import validate_pdf

                validate_pdf(path, max_pages=max_pages)     # raises the usual error
            if progress:
                progress(hit.pages, hit.pages)
            return hit

    from .pdf.extract import read_pages
    from .pdf.structure import build_edition

    edition = build_edition(read_pages(path, max_pages=max_pages, progress=progress,
                                       workers=_fork.cpu_count() if workers is None else workers), source=source)
    if key is not None:
        edition_cache.put(*key, edition)
    return edition


def load_pair(old: EditionLike, new: EditionLike, *, parallel: bool | None = None, executor: Any = None,
              **load_options: Unpack[LoadOptions]) -> tuple[Edition, Edition]:
    """`load` the two editions of a comparison. With more than one CPU, when neither is cached and their lengths
    are alike (`parallel=None`; True or False force it), the second is parsed in a forked process while this one
    parses the first: on two cores a 300-page pair reads in ~0.55 of the time (README, Performance). Otherwise one
    is read after the other, each with its pages split between the CPUs (`load(workers=...)`), which keeps both
    cores busy when one file is cached or far longer than the other. `workers` (in `load_options`) caps the
    processes (1: everything in this one). Only the first file reports progress. Errors are `load`'s exceptions.
    `executor` (a `concurrent.futures.Executor`): read both through it instead (see `load_many`)."""
    old, new = _resolve_all([old, new], load_options)
    if executor is not None:
        first, second = load_many([old, new], executor=executor, **load_options)
        return first, second
    if isinstance(old, Edition) or isinstance(new, Edition):        # at most one file to read
        return _as_edition(old, **load_options), _as_edition(new, **load_options)
    if parallel is None:
        parallel = ((load_options.get("workers") or _fork.cpu_count()) > 1
                    and not (load_options.get("cache", True) and (is_cached(old) or is_cached(new)))
                    and _alike_lengths(old, new, load_options.get("max_pages", DEFAULT_MAX_PAGES)))
    context = _fork.fork_context() if parallel else None
    if context is None:
        return load(old, **load_options), load(new, **load_options)
    one_each = {**load_options, "workers": 1}            # the two files share the CPUs
    worker = _Worker(context, new, {k: v for k, v in one_each.items() if k != "progress"})
    try:
        first = load(old, **one_each)
        return first, worker.result()
    finally:
        worker.stop()


def _alike_lengths(old: StrPath, new: StrPath, max_pages: int) -> bool:
    """Whether the shorter file has at least half the pages of the longer (the checks count them, once a file)."""
    from .pdf.inputs import validate_pdf

    lengths = sorted(validate_pdf(p, max_pages=max_pages) for p in (old, new))
    return lengths[0] * 2 >= lengths[1]


def load_many(paths: Iterable[EditionLike], *, parallel: bool | None = None, executor: Any = None,
              **load_options: Unpack[LoadOptions]) -> list[Edition]:
    """`load` several editions (a series), returned in the order given. With more than one CPU and at least two
    files not cached (`parallel=None`; True or False force it), those files are read in forked worker processes,
    as many at a time as there are CPUs, or as `workers` (in `load_options`) says (1: all in this process).
    `progress(pages, total)` is then called as each file is done, with the pages of all the files read so far.
    Errors are `load`'s exceptions: the first one stops the other workers.

    `executor`: a `concurrent.futures.Executor` of the caller's (a `ProcessPoolExecutor`, a Dask
    `client.get_executor()`…) that reads the files not cached instead, each task `load(path, workers=1)`: for a
    process that keeps a pool anyway, or where this one's own workers cannot start (a daemonic process)."""
    paths = _resolve_all(paths, load_options)
    if executor is not None:
        return _load_through(executor, paths, load_options)
    cpus = load_options.get("workers") or _fork.cpu_count()
    if parallel is None:
        parallel = cpus > 1 and len(_to_read(paths, load_options)) > 1
    context = _fork.fork_context() if parallel else None
    if context is None:
        return [_as_edition(p, **load_options) for p in paths]    # one file at a time (its pages in parallel)
    from multiprocessing.connection import wait

    reading = _Reading.plan(paths, load_options)
    waiting, running = list(reading.pages), {}
    try:
        while waiting or running:
            while waiting and len(running) < cpus:
                i = waiting.pop(0)
                running[i] = _Worker(context, paths[i], reading.options)
            ready = wait([worker.receive for worker in running.values()])
            for i, worker in list(running.items()):
                if worker.receive in ready:
                    reading.finished(i, worker.result())
                    worker.stop()
                    del running[i]
    finally:
        for worker in running.values():
            worker.stop()
    return reading.editions


def _resolve_all(paths, load_options: dict) -> list:
    """Symbols fetched (once, here) before any file is read: workers get plain paths."""
    from . import sources

    return sources.resolve_all(paths, sources.FetchOptions(offline=load_options.get("offline", False),
                                                           refresh=load_options.get("refresh", False)))


class _Reading:
    """The plan and the progress of reading several files in other processes (load_many's own workers, or the
    caller's executor): each file's `load` options (one worker, no progress or refresh of its own: symbols are
    resolved already), the editions at hand — given, or cached — with None where a file is to be read, and the
    page counts of those files. Every file is checked before any is read, so that a bad last file fails at once;
    the counts serve the progress, reported as each file is done."""

    def __init__(self, options: dict, editions: list, pages: dict[int, int], progress: Progress | None) -> None:
        self.options, self.editions, self.pages, self.progress = options, editions, pages, progress
        self.done_pages = 0

    @classmethod
    def plan(cls, paths: list, load_options: dict) -> _Reading:
        from .pdf.inputs import validate_pdf

        options = {**{k: v for k, v in load_options.items() if k not in ("progress", "refresh")}, "workers": 1}
        todo = _to_read(paths, load_options)
        pages = {i: validate_pdf(paths[i], max_pages=options.get("max_pages", DEFAULT_MAX_PAGES)) for i in todo}
        editions = [None if i in pages else p if isinstance(p, Edition) else load(p, **options)   # given, or cached
                    for i, p in enumerate(paths)]
        return cls(options, editions, pages, load_options.get("progress"))

    def finished(self, i: int, edition: Edition) -> None:
        self.editions[i] = edition
        self.done_pages += self.pages[i]
        if self.progress:
            self.progress(self.done_pages, sum(self.pages.values()))


def _to_read(paths: list, load_options: dict) -> list[int]:
    """The places of the files that must be read: neither given as an Edition nor cached (when the cache is on)."""
    use_cache = load_options.get("cache", True)
    return [i for i, p in enumerate(paths) if not isinstance(p, Edition) and not (use_cache and is_cached(p))]


def _load_through(executor, paths: list, load_options: dict) -> list[Edition]:
    """`load_many` with the caller's executor: the files to read submitted as tasks. On an error the tasks not
    started are cancelled and the error raised."""
    import concurrent.futures as cf

    reading = _Reading.plan(paths, load_options)
    futures = {executor.submit(load, paths[i], **reading.options): i for i in reading.pages}
    try:
        for future in cf.as_completed(futures):
            reading.finished(futures[future], future.result())
    finally:
        for future in futures:
            future.cancel()
    return reading.editions


class _Worker:
    """One file `load`ed in a forked process (`_fork.Forked`); read here instead if the worker died."""

    def __init__(self, context, path, options: dict) -> None:
        self.path, self.options = path, options
        self.forked = _fork.Forked(context, load, path, **options)
        self.receive = self.forked.receive          # for multiprocessing.connection.wait

    def result(self) -> Edition:
        try:
            return self.forked.result()
        except _fork.WorkerDied:                     # killed, out of memory: read it here
            return load(self.path, **self.options)

    def stop(self) -> None:
        self.forked.stop()


def is_cached(path: StrPath) -> bool:
    """Whether this file's content was parsed before by this version of the parser (its Edition is cached)."""
    key = _cache_key(path)
    if key is None:
        return False
    from . import cache as edition_cache

    return edition_cache.entry_path(*key).is_file()


def _cache_key(path: StrPath) -> tuple[str, str] | None:
    """(content hash, engine) of a file for the edition cache; None when it cannot be read (the parser then
    reports why)."""
    from . import cache as edition_cache
    from .pdf.extract import DEFAULT_ENGINE
    from .pdf.inputs import MAX_FILE_BYTES

    digest = edition_cache.readable_digest(path, MAX_FILE_BYTES)    # the parser's checks say what is wrong
    return (digest, DEFAULT_ENGINE) if digest else None


def _as_edition(x: EditionLike, **kw: Unpack[LoadOptions]) -> Edition:
    return x if isinstance(x, Edition) else load(x, **kw)


def compare(old: EditionLike, new: EditionLike, **load_options: Unpack[LoadOptions]) -> Comparison:
    """Compare two editions (paths or `Edition`s): aligned sections, paragraph changes with word diffs and signals.

    Paths are read as `load_pair` reads them (in parallel where that pays, as the CLI reads them), with
    `load_options`. The result says what became of every paragraph:

    >>> cmp = reportdiff.compare("samples/S_2025_72.pdf", "samples/S_2025_496.pdf")
    >>> cmp                                                  # doctest: +ELLIPSIS
    Comparison('S/2025/72' → 'S/2025/496': ... modified, ...)
    >>> cmp.changes[0]
    Change('unchanged', ['1'] → ['1'])
    >>> [c for c in cmp.changes if c.signals][0].signals[0]  # doctest: +ELLIPSIS
    Signal(...)
    """
    from .diff.comparison import compare_editions

    return compare_editions(*load_pair(old, new, **load_options))


def series(editions: EditionLike | Iterable[EditionLike], **load_options: Unpack[LoadOptions]) -> Series:
    """Follow a report through many editions (paths, Editions, a folder or a glob pattern; any order: they are
    put in date order). Each edition is read once (through the cache of parsed editions unless `cache=False`) and
    compared with the next; the links are chained into lineages (see `reportdiff.lineage`). Returns a `Series`."""
    from .lineage import build_series, expand_inputs

    items = expand_inputs(editions)
    paths = [x for x in items if not isinstance(x, Edition)]
    loaded = iter(load_many(paths, **load_options))           # the files read in parallel
    return build_series([x if isinstance(x, Edition) else next(loaded) for x in items])


def batch(items: str | os.PathLike[str] | Iterable[Any], out_dir: str | os.PathLike[str], *, executor: Any = None,
          jobs: int | None = None, progress: Callable[[int, int], None] | None = None, max_pages: int = 3000,
          cache: bool = True, offline: bool = False, refresh: bool = False, table: str = "auto",
          generated: datetime | None = None) -> BatchResult:
    """Run a batch of comparisons and series (`reportdiff.batches.run`): `items` is a manifest path (CSV, or JSON:
    JSON Lines or an array of objects, told by the name `.json`/`.jsonl`/`.ndjson` or by its first character) or a list of pairs `(old, new)`, series `[e1, e2, e3, …]` and dicts; each edition a path or a UN
    symbol. Writes each item's report and JSON, `index.html` and the table of all changes into `out_dir`; items
    whose inputs and code are unchanged since the last run are not redone; failures are recorded, not raised.
    `executor`: None (this machine's CPUs), any `concurrent.futures.Executor`, or a `dask.distributed.Client`.
    Returns a `BatchResult`."""
    from .batches import run

    return run(items, out_dir, executor=executor, jobs=jobs, progress=progress, max_pages=max_pages, cache=cache,
               offline=offline, refresh=refresh, table=table, generated=generated)
