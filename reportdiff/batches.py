"""Batches: many comparisons and series in one run, resumable, on this machine's CPUs or a Dask cluster.

    reportdiff batch manifest.csv -o out/                       # this machine's CPUs
    reportdiff batch manifest.jsonl -o out/ --scheduler tcp://scheduler:8786

The manifest lists *items*: pairs (old, new) and series (three or more editions), each edition a path or a UN
document symbol (see `read_manifest`). For each item the batch writes, in the output folder, its HTML report (a
series: its timeline) and its JSON; then `index.html`, every item with its counts and its first key changes;
`changes.parquet` (with pyarrow) or `changes.jsonl`, one row per paragraph change of every comparison; and
`errors.jsonl`, one line per item that failed, when any did.

How it runs:
- Each item is one task, `run_item(item, options, previous)`, a plain function of picklable arguments: any
  `concurrent.futures.Executor` runs it — the default process pool, a Dask `Client` (through its
  `get_executor()`), or the caller's own. The task reads the PDFs where it runs (a path must be visible to the
  worker; a symbol is fetched into the worker's download cache) and returns the rendered report, the JSON and the
  index's and table's rows. Only this process writes files, so the outputs are the same whatever ran the tasks.
- Resumable: an item's *key* is its editions' sha256 (the bytes read), what was asked and the code's version
  (`code_version`). Its record (`.reportdiff-batch/<id>.json`, written after its outputs) keeps the key; an item
  whose key is unchanged is not redone — checked here when the inputs are visible, else by the task, which then
  returns at once.
- A failing item (a corrupt PDF, an unknown symbol…) is recorded with its one-line reason and the batch goes on;
  so is one whose process dies (see `_run_tasks`: the items a dead worker's pool left run again, each apart).
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .errors import ReportDiffError, UsageError, raise_if_interrupted
from .fileio import file_identities

if TYPE_CHECKING:
    from datetime import datetime

RECORD_FORMAT = "reportdiff.batch-record/1"
STATE_DIR = ".reportdiff-batch"
INDEX = "index.html"
ERRORS = "errors.jsonl"
TABLE_STEM = "changes"
BRIEF_ITEMS = 3


# ---------------------------------------------------------------------------------------------------- items

@dataclass(frozen=True)
class Item:
    """One unit of a batch: a pair (two editions, old then new) or a series (three or more, any order). An
    edition is a path (made absolute against the manifest's folder) or a UN document symbol."""
    id: str
    kind: str                     # "pair" | "series"
    editions: tuple[str, ...]

    @property
    def label(self) -> str:
        """How the index names the item: "old → new" for a pair, the editions joined by " · " for a series."""
        return " → ".join(self.editions) if self.kind == "pair" else " · ".join(self.editions)


@dataclass(frozen=True)
class Options:
    """What every task is asked to do alike (picklable: sent to the workers)."""
    max_pages: int = 3000
    cache: bool = True
    offline: bool = False
    refresh: bool = False
    generated: str = ""           # ISO time stamped on every page of the batch (one for all: same bytes anywhere)


def read_manifest(path: str | os.PathLike) -> list[Item]:
    """A manifest file → its items. Paths in it are taken from the manifest's folder.

    - JSON (`.json`, `.jsonl`, `.ndjson`, or any file but a `.csv` whose first character, after blank and `#`
      lines, is `{` or `[`): one object a line (JSON Lines), `{"old": …, "new": …}` for a pair or
      `{"series": [e1, e2, e3, …]}` for a series, with an optional `"id"`; or a JSON array of such objects.
    - CSV (anything else): one item a row, `old,new` a pair, three or more cells a series; an optional header
      row naming the columns (`old,new`, or `id,old,new,…`: the `id` column names the items).
    Blank lines and lines starting with `#` are skipped. Raises UsageError naming the line of a bad entry."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"manifest {path} does not exist; check the path") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read manifest {path} ({type(e).__name__}); give a UTF-8 CSV or JSON Lines "
                         f"file") from None
    reader = _json_entries if _is_json(path, text) else _csv_entries
    entries = [(line, spec) for line, spec in reader(text, path.name)]
    if not entries:
        raise UsageError(f"manifest {path} lists no pairs or series; add lines such as old.pdf,new.pdf")
    return make_items(entries, base=path.parent)


def _is_json(path: Path, text: str) -> bool:
    """Whether a manifest is JSON: by its suffix, else (not a `.csv`) by its first character: a CSV row never
    starts with `{` or `[` in practice, and a JSON manifest named `.txt` or without a suffix was read as CSV,
    each line one bogus item."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl", ".ndjson", ".csv"):
        return suffix != ".csv"
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if line and not line.startswith("#")), "")
    return first[:1] in ("{", "[")


def _json_entries(text: str, name: str):
    """A JSON array of objects, one object (indented over several lines), or JSON Lines. `#` lines are blanked
    first (as the CSV reader skips them), so that line numbers in messages stay those of the file."""
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    body = "\n".join(lines)
    first_line = next((k for k, line in enumerate(lines, start=1) if line.strip()), 1)
    if body.lstrip().startswith("["):
        items = _parse_json(body, name)
        yield from (_located_object(obj, f"{name} item {k}") for k, obj in enumerate(items, start=1))
        return
    try:
        whole = json.loads(body)                # one object written over several lines
    except (ValueError, RecursionError):
        whole = None
    if isinstance(whole, dict):
        yield _located_object(whole, f"{name} line {first_line}")
        return
    yield from _jsonl_entries(text, name)


def _parse_json(body: str, name: str):
    try:
        return json.loads(body)
    except RecursionError:
        raise UsageError(f"{name} is not valid JSON (nested too deeply); give an array of objects") from None
    except ValueError as e:
        where = f" (line {e.lineno} column {e.colno}: {e.msg})" if isinstance(e, json.JSONDecodeError) else ""
        raise UsageError(f"{name} is not valid JSON{where}; give an array of objects or one object a "
                         f"line") from None


def _located_object(obj, where: str) -> tuple[str, dict]:
    if not isinstance(obj, dict):
        raise UsageError(f"{where} is not an object; write {{\"old\": …, \"new\": …}} or {{\"series\": […]}}")
    return (where, obj)


def _jsonl_entries(text: str, name: str):
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            raise UsageError(f"{name} line {n} is not JSON; write one object a line, e.g. "
                             f'{{"old": "a.pdf", "new": "b.pdf"}}') from None
        yield _located_object(obj, f"{name} line {n}")


def _csv_entries(text: str, name: str):
    import csv
    import io

    reader = csv.reader(io.StringIO(text))
    rows, last = [], 0
    stray_quote = ("a quote (\") opens a cell that runs on over the next lines; close it, or quote the whole cell "
                   "and double the quote inside (\"\")")
    while True:
        try:
            row = next(reader, None)
        except csv.Error as e:         # a stray quote with over 128 KiB after it, a NUL byte
            why = stray_quote if "field larger" in str(e) else f"{e}; it cannot be read as CSV"
            raise UsageError(f"{name} line {last + 1}: {why}") from None
        if row is None:
            break
        n, last = last + 1, reader.line_num              # the row's first line, as an editor numbers them
        if any("\n" in c or "\r" in c for c in row):
            # a stray quote (a file name holding one) makes the rest of the file one cell, silently garbling
            # every item after it: no edition's name spans lines
            raise UsageError(f"{name} line {n}: {stray_quote}")
        rows.append((n, [c.strip() for c in row]))
    rows = [(n, row) for n, row in rows if any(row) and not row[0].startswith("#")]
    id_column = None
    if rows and {c.lower() for c in rows[0][1] if c} <= {"id", "old", "new", "series", "edition", "editions"}:
        header = [c.lower() for c in rows.pop(0)[1]]
        id_column = header.index("id") if "id" in header else None
    for n, row in rows:
        cells = [c for i, c in enumerate(row) if i != id_column and c]
        spec: dict[str, Any] = {"old": cells[0], "new": cells[1]} if len(cells) == 2 else {"series": cells}
        if id_column is not None and id_column < len(row) and row[id_column]:
            spec["id"] = row[id_column]
        yield (f"{name} line {n}", spec)


def make_items(entries: Iterable, base: str | os.PathLike = ".") -> list[Item]:
    """Items from specs: `Item`s, `(old, new)` tuples, lists of three or more editions, or dicts as in a JSON
    Lines manifest; `entries` may also be (where, spec) pairs, `where` naming the spec in error messages.
    Ids not given are made from the editions' names, numbered when they repeat."""
    items, taken = [], set()
    for k, entry in enumerate(entries, start=1):
        where, spec = entry if _is_located(entry) else (f"item {k}", entry)
        item = _item(spec, where, Path(base))
        given = item.id
        if given in taken:
            if _explicit_id(spec):
                raise UsageError(f"{where}: id {given!r} is used twice; give each item its own id")
            item = dataclasses.replace(item, id=_unique(given, taken))
        taken.add(item.id)
        items.append(item)
    return items


def _is_located(entry) -> bool:
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str) and isinstance(
        entry[1], (dict, Item))


def _explicit_id(spec) -> bool:
    return isinstance(spec, Item) or (isinstance(spec, dict) and bool(spec.get("id")))


def _item(spec, where: str, base: Path) -> Item:
    if isinstance(spec, Item):
        _check_id(spec.id, where)
        return spec
    if isinstance(spec, dict):
        editions = [spec["old"], spec["new"]] if "old" in spec and "new" in spec else spec.get("series")
        explicit = spec.get("id")
        kind = "pair" if "old" in spec and "new" in spec else "series"
    else:
        editions, explicit = list(spec), None
        kind = "pair" if len(editions) == 2 else "series"
    if not isinstance(editions, list) or not all(isinstance(e, (str, os.PathLike)) for e in editions):
        raise UsageError(f"{where}: give old and new, or a series of editions (paths or UN symbols)")
    if len(editions) < 2:
        raise UsageError(f"{where}: an item needs two editions (a pair) or more (a series); got {len(editions)}")
    resolved = tuple(_edition(os.fspath(e), base) for e in editions)
    if explicit is not None:
        _check_id(str(explicit), where)
    return Item(id=str(explicit) if explicit else _default_id(kind, resolved), kind=kind, editions=resolved)


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _check_id(item_id: str, where: str) -> None:
    """An id names the item's files in the output folder: a plain name, never a path, never the index's."""
    if not _ID.fullmatch(item_id):
        raise UsageError(f"{where}: id {item_id[:40]!r} may hold letters, digits, '.', '_' and '-' only")
    if item_id.lower() == INDEX.split(".")[0]:
        raise UsageError(f"{where}: id {item_id!r} is the batch's own index page; choose another id")


def _edition(text: str, base: Path) -> str:
    """A symbol as written; a path made absolute against the manifest's folder."""
    from . import sources

    if not text.strip():
        raise UsageError("an edition is empty; give a path or a UN document symbol")
    candidate = text if os.path.isabs(text) else os.path.join(base, text)
    if sources.is_symbol(text) and not os.path.exists(candidate):
        return text
    return os.path.abspath(candidate)


def _stem(edition: str) -> str:
    from . import sources

    return sources.file_stem(edition) if sources.is_symbol(edition) else Path(edition).stem


def _default_id(kind: str, editions: tuple[str, ...]) -> str:
    """An id made from the editions' names that `_check_id` accepts (a letter or digit first, 100 at most)."""
    stems = [re.sub(r"[^A-Za-z0-9._-]+", "-", _stem(e)).strip("-._") or "x" for e in editions]
    name = f"{stems[0]}__{stems[-1]}" if kind == "pair" else f"series_{stems[0]}__{stems[-1]}"
    return name[:100]


def _unique(name: str, taken: set[str]) -> str:
    """`name` numbered ("-2", "-3"…) to differ from the ids `taken`, cut to keep within the 100 characters."""
    n = 2
    while (numbered := f"{name[:100 - len(f'-{n}')]}-{n}") in taken:
        n += 1
    return numbered


# ---------------------------------------------------------------------------------------------------- the task

#: Libraries whose version can change a comparison or its rendering (those that read: `cache.PARSER_LIBRARIES`).
RESULT_LIBRARIES = ("diff-match-patch", "rapidfuzz", "numpy", "jinja2")


def code_files() -> list[Path]:
    """The package's files that decide a comparison: its modules and its data (the successor model, the word
    lists, the schemas), which a refit changes without touching a line of code."""
    here = Path(__file__).resolve().parent
    return sorted(p for p in here.rglob("*") if p.suffix in (".py", ".json") and "__pycache__" not in p.parts)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """reportdiff's version and a hash of its code, data and templates, and of the versions of the libraries that
    read the PDFs (`cache.PARSER_LIBRARIES`) and compare and render them: a result made by other code is redone.
    (The parser's own files are among `code_files`: `cache.code_key`, which hashes them again, is not needed.)"""
    import hashlib
    from importlib import resources

    from . import __version__
    from .cache import PARSER_LIBRARIES, library_versions

    here = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    h.update(library_versions(PARSER_LIBRARIES + RESULT_LIBRARIES).encode())
    templates = resources.files("reportdiff.templates")
    for name, read in ([(p.relative_to(here).as_posix(), p.read_bytes) for p in code_files()]
                       + [(f"templates/{t.name}", t.read_bytes) for t in sorted(templates.iterdir(),
                                                                                key=lambda t: t.name)
                          if t.is_file()]):
        try:
            h.update(name.encode() + b"\0" + read() + b"\0")
        except OSError:
            h.update(name.encode() + b"\0?\0")
    return f"{__version__}+{h.hexdigest()[:12]}"


def item_key(item: Item, digests: list[str]) -> dict[str, Any]:
    return {"version": code_version(), "editions": list(item.editions), "sha256": digests}


def run_item(item: Item, options: Options, previous: dict | None = None) -> dict[str, Any]:
    """The task: read the item's editions where this runs, compare them (a series: follow them) and return
    {"status": "done", "key", "files": {name: text}, "record"}, {"status": "unchanged", "key"} when `previous`
    (the key of the last result) still holds, or {"status": "failed", "error": one line}. Never raises for bad
    input: the batch goes on."""
    try:
        paths = _local_paths(item, options)
        key = item_key(item, [_digest(p) for p in paths])
        if previous == key:
            return {"status": "unchanged", "key": key}
        made = _compare_pair(item, paths, options) if item.kind == "pair" else _follow_series(item, paths, options)
        return {"status": "done", "key": key, **made}
    except Exception as e:            # bad input, or a bug or an input nobody foresaw: recorded, the batch goes on
        raise_if_interrupted(e)                     # a Ctrl-C stops the batch, as it does between items
        return {"status": "failed", "error": _failure(e)}


def run_item_apart(item: Item, options: Options, previous: dict | None = None) -> dict[str, Any]:
    """`run_item` in a forked process of its own, where one may be started. A PDF that crashes the reader (a
    fault in PDFium, the kernel's out-of-memory killer) then fails its own item only: in a process pool it would
    kill the pool's worker, and concurrent.futures then fails every item still waiting (the pool is "broken");
    run in this process, it would end the whole batch."""
    from . import _fork

    context = _fork.fork_context()
    if context is None:
        return run_item(item, options, previous)
    warm()
    try:
        forked = _fork.Forked(context, run_item, item, options, previous)
    except OSError:                  # no process could be started (EAGAIN, out of memory): the item runs here
        return run_item(item, options, previous)
    try:
        return forked.result()
    except _fork.WorkerDied:
        return {"status": "failed", "error": _WORKER_DIED}
    finally:
        forked.stop()


_WORKER_DIED = ("the process comparing it ended without a result (killed: out of memory, or a crash in the PDF "
                "reader)")
_WARM_TEXTS = ("During the reporting period, the threat posed by the group in the northern region remained high.",
               "The Mission recorded 120 incidents affecting civilians, compared with 95 in the previous period.",
               "I call on the parties to respect the ceasefire and to allow humanitarian access to Wau and Yei.")


@functools.lru_cache(maxsize=1)
def warm() -> None:
    """Load in this process, once, what a task loads on first use — the modules that read, compare and render,
    the successor model, word lists, compiled templates — by following a made-up series of three small editions
    through every stage: the processes forked for the tasks (`run_item_apart`) then start with it, instead of
    each loading it again (0.25-0.5 s of a 0.6 s comparison of the bundled pair, measured)."""
    from . import api  # noqa: F401  (the reading stage: its modules load with it)
    from .lineage import build_series
    from .model import Edition, Paragraph
    from .pdf import extract  # noqa: F401
    from .render import report, series

    first, figures, call = _WARM_TEXTS
    texts = [[first, figures, call], [first.replace("high", "undiminished"), figures.replace("120", "140"), call],
             [figures, call]]
    editions = [Edition(f"S/2000/{k + 1}", f"2000-0{k + 1}-01", "Report", 1, [],
                        [Paragraph(str(n), str(n), None, t) for n, t in enumerate(ts, 1)])
                for k, ts in enumerate(texts)]
    made = build_series(editions)
    code_version()
    report.render_html(made.comparisons[0])
    report.render_comparison(made.comparisons[0], "json")
    series.render_series_html(made)


def _failure(e: Exception) -> str:
    """The one line errors.jsonl keeps for an item that failed with `e`."""
    if isinstance(e, ReportDiffError):
        return _one_line(str(e))
    if isinstance(e, MemoryError):
        return "out of memory while reading the input"
    return _one_line(f"unexpected failure ({type(e).__name__}: {e})")


def _local_paths(item: Item, options: Options) -> list[str]:
    from . import sources

    fetch = sources.FetchOptions(offline=options.offline, refresh=options.refresh)
    return [os.fspath(sources.resolve(e, fetch)) for e in item.editions]


def _digest(path: str) -> str:
    from . import cache
    from .errors import InputFileError
    from .pdf.inputs import stat_regular_file

    try:
        stat_regular_file(path)      # first: hashing a FIFO would wait for a writer for ever (and ignore Ctrl-C)
        return cache.file_digest(path)
    except FileNotFoundError:
        raise InputFileError(f"{path} does not exist where this task ran; on a cluster every worker must see "
                             f"the path (shared storage) or use UN symbols") from None
    except OSError as e:
        raise InputFileError(f"{path} cannot be read ({e.strerror or e}); check the path") from None


def _load_options(options: Options) -> dict[str, Any]:
    # one process per task: the executor runs the tasks in parallel, a task reads its files one after the other
    return {"max_pages": options.max_pages, "cache": options.cache, "workers": 1}


def _stamp(options: Options) -> datetime | None:
    from datetime import datetime

    return datetime.fromisoformat(options.generated) if options.generated else None


def _compare_pair(item: Item, paths: list[str], options: Options) -> dict[str, Any]:
    from . import api
    from .render import report

    old, new = api.load_pair(paths[0], paths[1], parallel=False, **_load_options(options))
    comparison = api.compare(old, new)
    data = comparison.to_dict()
    files = {f"{item.id}.html": report.render_html(comparison, generated=_stamp(options)),
             f"{item.id}.json": report.render_comparison(comparison, "json")}
    return {"files": files, "record": {"kind": "pair", "steps": [_step(data)], "rows": table_rows(item.id, data),
                                       "warnings": list(comparison.warnings)}}


def _follow_series(item: Item, paths: list[str], options: Options) -> dict[str, Any]:
    from . import api
    from .render import series as render_series
    from .lineage import build_series

    series = build_series(api.load_many(paths, parallel=False, **_load_options(options)))
    files = {f"{item.id}.html": render_series.render_series_html(series, generated=_stamp(options)),
             f"{item.id}.json": render_series.render_series_json(series)}
    steps, rows = [], []
    for comparison in series.comparisons:
        data = comparison.to_dict()
        steps.append(_step(data))
        rows += table_rows(item.id, data)
    return {"files": files, "record": {"kind": "series", "steps": steps, "rows": rows,
                                       "warnings": list(series.warnings)}}


def _edition_label(meta: dict) -> str:
    return meta.get("symbol") or meta.get("source") or "?"


def _step(data: dict) -> dict[str, Any]:
    """One comparison as the index shows it: the two editions, the counts, the first key changes."""
    return {"old": _edition_label(data["old"]), "new": _edition_label(data["new"]),
            "old_date": data["old"].get("date"), "new_date": data["new"].get("date"),
            "title": data["new"].get("title") or "", "summary": data["summary"], "brief": brief_items(data)}


def brief_items(comparison: dict, n: int = BRIEF_ITEMS) -> list[str]:
    """The first items of a comparison's brief (its `Comparison.to_dict()`), one plain line each, for the index:
    where the report says it, then the item's summary."""
    lines = []
    for item in comparison.get("brief", [])[:n]:
        where = ", ".join(item.get("new") or item.get("old") or [])
        lines.append(f"¶ {where}: {item.get('summary') or item.get('kind', 'change')}")
    return lines


def table_rows(item_id: str, comparison: dict) -> list[dict[str, Any]]:
    """One row per change of a comparison (its `Comparison.to_dict()`): the pair, then the change's own fields
    — every one but the word diffs and footnote changes, so that fields added to `Change` flow into the table —
    with its paragraph ids as `old_ids` and `new_ids`."""
    old, new = _edition_label(comparison["old"]), _edition_label(comparison["new"])
    rows = []
    for change in comparison["changes"]:
        row: dict[str, Any] = {"item": item_id, "pair": f"{old} → {new}", "old_edition": old, "new_edition": new}
        for name, value in change.items():
            if name not in ("diff", "footnotes"):
                row[{"old": "old_ids", "new": "new_ids"}.get(name, name)] = value
        rows.append(row)
    return rows


def _one_line(message: str) -> str:
    from .sources import printable

    return printable(message, limit=500)


# ---------------------------------------------------------------------------------------------------- the run

@dataclass
class BatchResult:
    """What a batch did: item ids done now, unchanged (skipped) and failed (with their one-line reasons)."""
    out_dir: Path
    done: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    table: Path | None = None

    @property
    def ok(self) -> bool:
        """Whether every item succeeded (the CLI exits 1 otherwise)."""
        return not self.failed

    def summary(self) -> str:
        """One line: "24 items: 23 compared, 0 unchanged since the last run, 1 failed (see …/errors.jsonl)"."""
        total = len(self.done) + len(self.unchanged) + len(self.failed)
        line = f"{total} items: {len(self.done)} compared, {len(self.unchanged)} unchanged since the last run"
        return line + (f", {len(self.failed)} failed (see {self.out_dir / ERRORS})" if self.failed else "")


def run(items, out_dir: str | os.PathLike, *, executor=None, jobs: int | None = None,
        progress: Callable[[int, int], None] | None = None, max_pages: int = 3000, cache: bool = True,
        offline: bool = False, refresh: bool = False, table: str = "auto",
        generated: datetime | None = None, manifest: str | os.PathLike | None = None) -> BatchResult:
    """Run a batch (see the module docstring): `items` as `make_items` takes them, or a manifest path.
    `manifest`: the file the items were read from, when the caller read it (a pipe cannot be read twice): no
    output may overwrite it.

    `executor`: None (this machine's CPUs: a process pool of `jobs` workers, default one per CPU; `jobs=1` runs
    in this process), any `concurrent.futures.Executor`, or a `dask.distributed.Client`. `progress(done, total)`
    is called as items finish. `table`: "auto" (Parquet when pyarrow is installed, else JSON Lines), "parquet"
    or "jsonl". Returns a `BatchResult`; raises UsageError for a bad manifest, option or output folder, and
    OutputError for an output that would overwrite an input (both `ReportDiffError`s)."""
    read_here = isinstance(items, (str, os.PathLike))
    protected = [items] if read_here else [manifest] if manifest is not None else []
    items = read_manifest(items) if read_here else make_items(items)
    if table not in ("auto", "parquet", "jsonl"):
        raise UsageError(f"table format {table!r}: choose auto, parquet or jsonl")
    if jobs is not None and jobs < 1:
        raise UsageError(f"jobs={jobs}: give 1 or more items to compare at once (None: one per CPU)")
    if max_pages < 1:                # else every item would fail with the same message, after its work began
        raise UsageError(f"--max-pages must be at least 1 (got {max_pages})")
    if table == "parquet" and not _has_pyarrow():      # else found after every item had run
        raise UsageError("the Parquet table needs pyarrow: pip install 'reportdiff[parquet]', or use --table jsonl")
    refuse_overwriting_inputs(items, protected, Path(out_dir), table)      # before the folder is even created
    out = _prepare_out_dir(Path(out_dir), table)
    options = Options(max_pages=max_pages, cache=cache, offline=offline, refresh=refresh,
                      generated=_generated_iso(generated))
    records = {item.id: _read_record(out, item) for item in items}
    result = BatchResult(out_dir=out)
    todo = []
    for item in items:
        if _still_valid(item, records[item.id], options, out):
            result.unchanged.append(item.id)
        else:
            todo.append(item)
    if progress:
        progress(len(result.unchanged), len(items))
    if todo:
        _run_tasks(todo, options, records, out, result, executor, jobs, progress, len(items))
    _write_summaries(items, records, result, out, table, _stamp(options))
    return result


def refuse_overwriting_inputs(items: list[Item], manifest: list, out: Path, table: str) -> None:
    """Refuse a batch that would write over one of its editions or its manifest (a PDF named `x.html` in the
    output folder, read by the item `x`, was replaced by x's report), as `compare -o INPUT` is refused: the
    same file by its resolved path, or (hard links) by its device and inode. `run` checks it; the command checks
    it first as well, before it starts a Dask cluster for nothing."""
    from .errors import OutputError

    inputs = _input_identities([e for item in items for e in item.editions] + [os.fspath(m) for m in manifest])
    if not inputs:
        return
    for output in _outputs(items, out, table):
        given = next((inputs[key] for key in file_identities(output) if key in inputs), None)
        if given is not None:
            raise OutputError(f"refusing to overwrite input {given} with the batch's output {output}; move the "
                              f"input out of the folder or choose another -o folder")


def _input_identities(inputs: list[str]) -> dict:
    """Each input given as a path, by its resolved path and (when it exists) its (device, inode)."""
    from . import sources

    identities: dict = {}
    for given in inputs:
        if sources.is_symbol(given) and not os.path.exists(given):
            continue                          # fetched into the download cache, never into the output folder
        identities.update(dict.fromkeys(file_identities(Path(given)), given))
    return identities


def _outputs(items: list[Item], out: Path, table: str) -> Iterable[Path]:
    """Every file a batch may write (or delete) in `out`."""
    for item in items:
        yield from (out / f"{item.id}.html", out / f"{item.id}.json", _record_path(out, item.id))
    yield from (path for path, _ in _summary_files(out, table))


def _summary_files(out: Path, table: str) -> list[tuple[Path, str]]:
    """The files a batch writes at its end, each with what it holds."""
    return [(out / INDEX, "index page"), (table_path(out, table), "table of changes"),
            (out / ERRORS, "list of failed items")]


def _prepare_out_dir(out: Path, table: str) -> Path:
    from .fileio import check_output_path

    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; give a folder for the batch's outputs (-o OUTDIR)")
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create {out}: {e.strerror or e}; choose another -o folder") from None
    # every file the batch writes at its end, checked before any work starts: a folder in the way of the table
    # or of errors.jsonl was found only after hours of comparisons
    for path, what in _summary_files(out, table):
        if path.is_dir():
            raise UsageError(f"{path} is a folder where the batch writes its {what}; move it away or choose "
                             f"another -o folder")
        check_output_path(path, [])              # writable (a probe file)
    return out


def _generated_iso(generated: datetime | None) -> str:
    from .render.report import _now

    return _now(generated).isoformat(timespec="seconds")


def _record_path(out: Path, item_id: str) -> Path:
    return out / STATE_DIR / f"{item_id}.json"


def _read_record(out: Path, item: Item) -> dict | None:
    try:
        data = json.loads(_record_path(out, item.id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if _well_formed(data) else None       # a malformed record is ignored, and replaced by this run's


def _well_formed(record) -> bool:
    """Whether a record read from disk has the shape `_take` writes. Its files must be plain names in the output
    folder: a hand-made record naming "/etc/x" or "../x" must not make `_forget` delete a file elsewhere."""
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        return False
    files, rows, steps = record.get("files"), record.get("rows", []), record.get("steps", [])
    return (isinstance(files, list) and all(_plain_name(name) for name in files)
            and isinstance(rows, list) and all(isinstance(row, dict) for row in rows)
            and isinstance(steps, list) and all(isinstance(step, dict) and isinstance(step.get("summary"), dict)
                                                for step in steps))


def _plain_name(name) -> bool:
    """A file name without any folder part (no "/", "..", "\\", NUL)."""
    return (isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name
            and not any(ch in name for ch in "\\\0"))


def _outputs_present(record: dict, out: Path) -> bool:
    """Whether a record's files are all still there: a result whose report was deleted must be made again."""
    return all((out / name).is_file() for name in record.get("files", []))


def _still_valid(item: Item, record: dict | None, options: Options, out: Path) -> bool:
    """Whether an item's last result holds, judged here (inputs visible to this process, symbols cached)."""
    if record is None or not _outputs_present(record, out):
        return False
    digests = _visible_digests(item, options)
    return digests is not None and record.get("key") == item_key(item, digests)


def _visible_digests(item: Item, options: Options) -> list[str] | None:
    from . import api, sources

    digests = []
    for edition in item.editions:
        path = edition if os.path.exists(edition) else None
        if path is None and sources.is_symbol(edition) and not options.refresh:
            path = sources.cached_path(edition)
        if path is None:
            return None                       # only the worker can tell
        key = api._cache_key(path)           # a regular file only: a pipe would block the hash
        if key is None:
            return None
        digests.append(key[0])
    return digests


def worker_count(jobs: int | None, tasks: int) -> int:
    """Processes to start for `tasks` items: `jobs` (default one per CPU), never more than the items, as
    `compare --jobs` starts no more readers than files (a pool of `--jobs 99999999999999999999` overflowed)."""
    from . import _fork

    return max(1, min(jobs or _fork.cpu_count(), tasks))


def _executor_for(executor, jobs: int | None, tasks: int):
    """(executor, owned): the caller's executor (a Dask Client through its concurrent.futures view), a new
    process pool, which this run shuts down, or (None, False): run in this process (`jobs=1`, one task, or where
    no worker process may be started)."""
    import concurrent.futures as cf

    if executor is not None:
        if not isinstance(executor, cf.Executor) and hasattr(executor, "get_executor"):   # a Dask Client
            return executor.get_executor(pure=False), False
        return executor, False
    from . import _fork

    workers = worker_count(jobs, tasks)
    context = _fork.fork_context() if workers > 1 else None
    if context is None:
        return None, False
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_fork.adopt,
                               initargs=(_fork.surroundings(context),)), True


def _run_tasks(todo: list[Item], options: Options, records: dict, out: Path, result: BatchResult, executor,
               jobs: int | None, progress, total: int) -> None:
    def finished(item: Item, outcome: dict) -> None:
        records[item.id] = _take(outcome, item, records[item.id], out, result)
        if progress:
            progress(len(result.done) + len(result.unchanged) + len(result.failed), total)

    def previous(item: Item) -> dict | None:
        """The key the task may find unchanged: none when the outputs are gone (the task must remake them)."""
        record = records[item.id]
        return record.get("key") if record is not None and _outputs_present(record, out) else None

    def one_by_one(items: list[Item]) -> None:         # here, each item in a process of its own
        for item in items:
            finished(item, run_item_apart(item, options, previous(item)))

    pool, owned = _executor_for(executor, jobs, len(todo))
    if pool is None:
        return one_by_one(todo)
    broken = _run_in(pool, owned, run_item, todo, options, previous, finished)
    if broken:
        # A worker died (a crash in the PDF reader, the out-of-memory killer) and took the pool with it: which
        # item killed it is unknown, so the items it left run again, each in a process of its own
        # (`run_item_apart`: a fork per item costs 0.1-0.15 s more, paid only after a crash).
        pool, _ = _executor_for(None, jobs, len(broken))
        if pool is None:
            return one_by_one(broken)
        for item in _run_in(pool, True, run_item_apart, broken, options, previous, finished):
            finished(item, {"status": "failed", "error": _WORKER_DIED})
    return None


def _run_in(pool, owned: bool, task, items: list[Item], options: Options, previous, finished) -> list[Item]:
    """Run `task` for `items` in `pool`, giving each outcome to `finished`; returns the items left undone by a
    worker's death, where this run owns the pool and can start another (a caller's executor: recorded as failed;
    Dask reruns a task whose worker died by itself)."""
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool

    broken = []
    try:
        futures = {pool.submit(task, item, options, previous(item)): item for item in items}
        for future in cf.as_completed(futures):
            if owned and isinstance(future.exception(), BrokenProcessPool):
                broken.append(futures[future])
            else:
                finished(futures[future], _outcome(future))
    finally:
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)
    return broken


def _outcome(future) -> dict:
    try:
        return future.result()
    except Exception as e:                    # the worker died (killed, out of memory) or the cluster went away
        return {"status": "failed",
                "error": _one_line(f"the task did not finish ({type(e).__name__}{': ' + str(e) if str(e) else ''})")}


def _take(outcome: dict, item: Item, record: dict | None, out: Path, result: BatchResult) -> dict | None:
    """Write what a task returned: its files, then its record (so that a record always has its files). An item
    whose outputs cannot be written is failed like any other."""
    status = outcome.get("status")
    if status == "unchanged" and record is not None:
        result.unchanged.append(item.id)
        return record
    if status == "done":
        try:
            return _write_done(outcome, item, out, result)
        except Exception as e:     # its outputs cannot be written (a folder in the way, a full disk): the batch goes on
            outcome = {"status": "failed", "error": _failure(e)}
    _forget(item, record, out)                 # a failure leaves no stale result of an earlier run behind
    result.failed[item.id] = outcome.get("error") or "the task returned nothing"
    return None


def _write_done(outcome: dict, item: Item, out: Path, result: BatchResult) -> dict:
    """A done item's files, then its record; the record returned."""
    from .fileio import write_atomic

    for name, text in outcome["files"].items():
        write_atomic(out / name, text)
    record = {"format": RECORD_FORMAT, "id": item.id, "key": outcome["key"], "files": sorted(outcome["files"]),
              **outcome["record"]}
    write_atomic(_record_path(out, item.id), json.dumps(record, ensure_ascii=False, indent=1))
    result.done.append(item.id)
    return record


def _forget(item: Item, record: dict | None, out: Path) -> None:
    names = list((record or {}).get("files", [])) + [f"{item.id}.html", f"{item.id}.json"]
    for path in [out / name for name in names] + [_record_path(out, item.id)]:
        try:
            path.unlink()
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------------- summaries

def _write_summaries(items: list[Item], records: dict, result: BatchResult, out: Path, table: str,
                     generated: datetime | None) -> None:
    from .fileio import write_atomic

    result.table = write_table([row for item in items for row in (records[item.id] or {}).get("rows", [])],
                               out, table)
    write_atomic(out / INDEX, render_index(items, records, result, generated))
    errors = out / ERRORS
    if result.failed:
        lines = [json.dumps({"id": item.id, "editions": list(item.editions), "error": result.failed[item.id]},
                            ensure_ascii=False) for item in items if item.id in result.failed]
        write_atomic(errors, "\n".join(lines) + "\n")
    elif errors.exists():
        errors.unlink()


def write_table(rows: list[dict], out: Path, table: str = "auto") -> Path:
    """All change rows as `changes.parquet` (pyarrow; columns in order of first appearance) or `changes.jsonl`."""
    from .fileio import write_atomic

    path = table_path(out, table)
    if path.suffix == ".jsonl":
        write_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(dict.fromkeys(name for row in rows for name in row)) or ["item", "pair", "kind"]
    data = pa.table({name: pa.array([row.get(name) for row in rows]) for name in columns})
    sink = pa.BufferOutputStream()
    pq.write_table(data, sink)
    write_atomic(path, sink.getvalue().to_pybytes())
    return path


def table_path(out: Path, table: str = "auto") -> Path:
    """Where `write_table` writes: `changes.parquet` (asked, or "auto" with pyarrow installed), else `.jsonl`."""
    use_parquet = table == "parquet" or (table == "auto" and _has_pyarrow())
    return out / f"{TABLE_STEM}.{'parquet' if use_parquet else 'jsonl'}"


def _has_pyarrow() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def render_index(items: list[Item], records: dict, result: BatchResult, generated: datetime | None = None) -> str:
    """index.html: every item with its counts and first key changes, failures with their reasons."""
    from types import SimpleNamespace

    from .render.report import render_page, stamp
    from .render.view import human_date

    rows = []
    for item in items:
        record = records.get(item.id)
        rows.append({"id": item.id, "kind": item.kind, "label": item.label, "error": result.failed.get(item.id),
                     "html": f"{item.id}.html", "json": f"{item.id}.json",
                     "steps": [{**s, "old_date": human_date(s.get("old_date")) if s.get("old_date") else "",
                                "new_date": human_date(s.get("new_date")) if s.get("new_date") else "",
                                "counts": [(k, v) for k, v in s["summary"].items() if v and k != "unchanged"],
                                "unchanged": s["summary"].get("unchanged", 0)}
                               for s in (record or {}).get("steps", [])]})
    view = SimpleNamespace(entries=rows, total=len(items), done=len(result.done), unchanged=len(result.unchanged),
                           failed=len(result.failed), table=result.table.name if result.table else None,
                           errors=ERRORS if result.failed else None, **stamp(generated))
    return render_page("batch.html.j2", "batch", view)
