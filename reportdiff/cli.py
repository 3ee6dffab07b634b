"""The `reportdiff` command: a thin layer mapping flags to library calls and errors to exit codes.

Exit codes: 0 success; 1 with --exit-code when the editions differ; 2 bad input or usage (one line on stderr).
Conventions: `-o -` is standard output; progress on stderr (a live line on a terminal, plain lines with
--progress elsewhere); --color=auto|always|never (NO_COLOR, FORCE_COLOR); shell completion
(--install-completion); `reportdiff cache info|clear`.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
import warnings
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer

from . import __version__, api
from ._progress import JobProgress
from .pdf import inputs
from .errors import OutputError, ReportDiffError, UsageError, interrupted
from .fileio import check_output_path, link_target, write_atomic

class _OneLineUsageErrors(typer.Typer):
    """Usage errors (missing argument, unknown option, bad value) on one `error:` line with exit 2, like every other
    failure, instead of click's multi-line usage box."""

    def __call__(self, *args, **kwargs):
        if kwargs.get("standalone_mode", True) is False:
            return super().__call__(*args, **kwargs)
        argv = kwargs.get("args", args[0] if args else None)
        if "" in (sys.argv[1:] if argv is None else argv):
            # "" would be read as the current folder ("$DIR" of an unset variable): `series ""` compared every PDF
            # in it, `compare "" b.pdf` named a folder the user never gave
            _say("error", "an argument is empty (an unset shell variable?); give a file, a folder or a symbol")
            sys.exit(2)
        try:
            rv = super().__call__(*args, **{**kwargs, "standalone_mode": False})
        except Exception as e:
            if type(e).__name__ == "NoArgsIsHelpError":          # no arguments at all: the help is shown
                sys.exit(2)
            if type(e).__name__ == "Abort":                      # Ctrl-D / Ctrl-C at a prompt
                sys.exit(130)
            if hasattr(e, "format_message") and isinstance(getattr(e, "exit_code", None), int):
                ctx = getattr(e, "ctx", None)
                hint = f"; see '{ctx.command_path} --help'" if ctx is not None else ""
                _say("error", f"{e.format_message().rstrip('.')}{hint}")
                sys.exit(e.exit_code)
            raise
        sys.exit(rv if isinstance(rv, int) else 0)


# add_completion: typer's --install-completion / --show-completion for bash, zsh, fish and PowerShell
app = _OneLineUsageErrors(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                           help="Show precisely how a periodic UN report changed from one edition to the next.")


class EditionFormat(str, Enum):
    json = "json"
    text = "text"
    markdown = "markdown"
    md = "md"


class CompareFormat(str, Enum):
    html = "html"
    json = "json"
    markdown = "markdown"
    md = "md"
    text = "text"
    eml = "eml"


#: Short names --format also takes, as the output file's suffix does (-o report.md).
FORMAT_ALIASES = {"md": "markdown"}


# Options every command shares (one definition each, so the commands cannot drift apart).
MAX_PAGES_OPTION = typer.Option(api.DEFAULT_MAX_PAGES, "--max-pages", help="Refuse documents longer than this.")
PROGRESS_OPTION = typer.Option(None, "--progress/--no-progress",
                               help="Progress on stderr: shown on a terminal unless --no-progress; elsewhere (a CI "
                                    "log) plain lines with --progress.")
CACHE_OPTION = typer.Option(True, "--cache/--no-cache",
                            help="Reuse editions parsed before (cache of parsed editions; see README, Performance).")
DEBUG_OPTION = typer.Option(False, "--debug", help="Show the traceback of a failure (for bug reports).")
JOBS_OPTION = typer.Option(None, "--jobs", "-j", min=1,
                           help="Processes reading PDFs at once (default: one per CPU; 1: all in this process, "
                                "e.g. when a pipeline already runs one reportdiff per CPU).")
OFFLINE_OPTION = typer.Option(False, "--offline",
                              help="Documents given by UN symbol come from the download cache only (no network).")
REFRESH_OPTION = typer.Option(False, "--refresh",
                              help="Ask ODS whether documents given by UN symbol were reissued since cached.")

SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown", ".markdown": "markdown",
                  ".txt": "text", ".eml": "eml"}


INTERRUPTED = "interrupted; no output was written"

#: The longest message printed: room for long paths, never a screenful.
MESSAGE_LIMIT = 2000


def _say(prefix: str, message: str) -> None:
    """One `error:` or `warning:` line on stderr: the one place messages are printed. A message holds file names
    and text from a PDF or a server: `sources.printable` keeps it to one line and drops escape sequences, bidi
    overrides and the password of a URL."""
    from .sources import printable

    try:
        typer.echo(f"{prefix}: {printable(message, limit=MESSAGE_LIMIT)}", err=True)
    except OSError:
        # stderr cannot take it (2>/dev/full): there is no one to tell, and the exit code must still say what
        # happened (2, not the 1 of an unprintable traceback); the interpreter's own flush at exit would fail too
        sys.stderr = open(os.devnull, "w", encoding="utf-8")


def _fail(message: str, code: int = 2) -> None:
    _say("error", message)
    raise typer.Exit(code)


def _to_stdout(data: str | bytes) -> None:
    """Write a command's result to standard output: one clear line when it is closed (`>&-`) or cannot take it
    (/dev/full: ENOSPC), rather than a Python failure."""
    if sys.stdout is None:                  # Python started with file descriptor 1 closed
        raise OutputError("standard output is closed; give -o FILE, or leave standard output open")
    out = sys.stdout
    _on_stdout(lambda: out.buffer.write(data) if isinstance(data, bytes) else out.write(data))


def _flush_stdout() -> None:
    if sys.stdout is not None:
        _on_stdout(sys.stdout.flush)        # a closed pipe or a full device shows up here, inside _run's handlers


def _on_stdout(action: Callable[[], Any]) -> None:
    """Run a write to standard output; a reader gone (`| head`) is left to _run, any other failure is one line."""
    try:
        action()
    except BrokenPipeError:
        raise
    except OSError as e:
        _silence_stdout()                   # the interpreter's own last flush would fail again, and print
        raise OutputError(f"cannot write to standard output: {e.strerror or e}; give -o FILE instead") from None


def _silence_stdout() -> None:
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())   # so the interpreter's final flush does not complain either
    except (OSError, ValueError):
        pass


def _quiet_libraries(debug: bool) -> None:
    """pdfminer logs a warning for every damaged object it repairs, and Python prints warnings on stderr: keep
    stderr to our own `warning:`/`error:` lines unless --debug asks for everything."""
    if debug:
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
        return
    logging.getLogger().addHandler(logging.NullHandler())    # no 'last resort' printing of library warnings
    warnings.simplefilter("ignore")
    _quiet_pdfium_shutdown()


def _quiet_pdfium_shutdown() -> None:
    """pypdfium2 closes what is still open at exit and writes its own diagnostics straight to file descriptor 2,
    past `logging`. After a Ctrl-C that lands inside one of its finalizers it prints "Weakref … was not cleaned up
    from ObjectTracker?" under our one line. Its threshold (a log level) is raised to ERROR: those shutdown notes
    are at WARNING and say nothing a user can act on."""
    try:
        import pypdfium2_cfg
    except ImportError:         # an older pypdfium2 without the switch: nothing to quiet
        return
    pypdfium2_cfg.DEBUG_AUTOCLOSE.value = max(pypdfium2_cfg.DEBUG_AUTOCLOSE.value, logging.ERROR)


def _run(debug: bool, job: Callable[[], int]) -> None:
    """Run a command body, turning every failure into one line on stderr and exit 2 (a traceback with --debug)."""
    _quiet_libraries(debug)
    try:
        code = job()
        _flush_stdout()
    except BrokenPipeError:     # the reader went away (`| head`): stop quietly with SIGPIPE's status, as Unix tools do
        _silence_stdout()
        raise typer.Exit(141)
    except ReportDiffError as e:
        if debug:
            traceback.print_exc()
        _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        _fail(INTERRUPTED, 130)
    except MemoryError:
        _fail("out of memory while reading the input; try --max-pages or a smaller document")
    except RecursionError:
        _fail("the PDF's structure is nested too deeply to read safely; it is probably corrupt or malicious")
    except Exception as e:  # a bug or an input we did not foresee: still one line, never a traceback
        if interrupted(e):              # a Ctrl-C that ctypes turned into an ArgumentError
            _fail(INTERRUPTED, 130)
        if debug:
            traceback.print_exc()
        _fail(f"unexpected failure ({type(e).__name__}: {e}); rerun with --debug and report it with the input file")
    raise typer.Exit(code)


def _chosen_format(fmt: Optional[Enum], output: Optional[Path], default: Optional[str]) -> Optional[str]:
    """--format, else the output file's suffix, else `default` (also for an unknown suffix)."""
    if fmt:
        return FORMAT_ALIASES.get(fmt.value, fmt.value)
    return SUFFIX_FORMATS.get(output.suffix.lower(), default) if output else default


def _emit(data: str | bytes, out_path: Optional[Path]) -> None:
    """Write a command's result to its output file (atomically) or to stdout (text ending in a newline). A symbolic
    link is written through, as a shell's `>` does: the atomic rename would otherwise put a plain file in the
    link's place, its target untouched (or, for a link to a file not there yet, never created)."""
    if out_path:
        write_atomic(link_target(out_path), data)
    else:
        _to_stdout(data if isinstance(data, bytes) or data.endswith("\n") else data + "\n")


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        _say("warning", warning)


def _resolve_inputs(args: list[str], offline: bool, refresh: bool) -> list[Path]:
    """Arguments that are UN document symbols (S/2025/496; not an existing path) → their PDFs, fetched from ODS
    into the download cache unless there already (reportdiff.sources); files and folders as given. The arguments
    are taken as typed (str, not Path: a Path drops "./" from "./S/2025/496", a path the user wrote as one, and
    the "/" that ends "S/2025/", which is then no symbol's prefix)."""
    from . import sources

    options = sources.FetchOptions(offline=offline, refresh=refresh)
    return [Path(sources.resolve(os.fspath(a), options)) for a in args]


def _check_inputs(pdfs: list[Path], max_pages: int, cache: bool) -> int:
    """Fail fast on a bad later file before time is spent on the first. A file whose parse is cached passed every
    check when it was parsed (`load` still checks its page count against --max-pages). Returns the pages to
    parse (those of the files not cached)."""
    pages = 0
    for pdf in pdfs:
        if not (cache and api.is_cached(pdf)):
            pages += inputs.validate_pdf(pdf, max_pages=max_pages)
    return pages


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


COLOR_OPTION = typer.Option(ColorMode.auto, "--color", case_sensitive=False,
                            help="Colour the text summary: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR "
                                 "forces it), always (e.g. for less -R), never.")


def _use_color(mode: ColorMode, to_file: bool) -> bool:
    """--color, then the conventions of https://no-color.org and FORCE_COLOR, then: a terminal, not a file."""
    if mode is not ColorMode.auto:
        return mode is ColorMode.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return not to_file and sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _output_file(output: Optional[Path]) -> Optional[Path]:
    """The file -o names, or None for standard output (no -o, or `-o -`)."""
    return None if output is None or str(output) == "-" else output


@contextmanager
def _progress_job(asked: Optional[bool]) -> Iterator[JobProgress]:
    """The whole command's progress on stderr (`_progress.JobProgress`; a silent one when not shown), closed at
    the end: erased before the command's own warnings and errors are printed."""
    job = JobProgress.for_cli(asked)
    try:
        yield job
    except BaseException:
        job.close(ok=False)
        raise
    job.close()


def _read(job: JobProgress, pdfs: list[Path], pages: int, read: Callable[..., Any]) -> Any:
    """`read(progress=...)`, the files' reading shown by the job."""
    from .sources import printable

    job.reading([printable(p.name) for p in pdfs], pages)     # file names are untrusted on stderr too
    result = read(progress=job.pages if job.shown else None)
    job.files_read()
    return result


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reportdiff {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Show precisely how a periodic UN report changed from one edition to the next."""


@app.command()
def extract(
    pdf: str = typer.Argument(..., help="The report PDF to read."),
    fmt: Optional[EditionFormat] = typer.Option(None, "--format", "-f", help="json, text or markdown (md)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write here (atomically) instead of stdout; - is stdout."),
    max_pages: int = MAX_PAGES_OPTION,
    progress: Optional[bool] = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    debug: bool = DEBUG_OPTION,
    offline: bool = OFFLINE_OPTION,
    refresh: bool = REFRESH_OPTION,
) -> None:
    """Parse one edition: metadata, section tree, numbered paragraphs with their footnotes."""

    def job() -> int:
        [path] = _resolve_inputs([pdf], offline, refresh)          # a UN symbol → its PDF
        out_file = _output_file(output)
        out_path = check_output_path(out_file, [path]) if out_file else None
        chosen = _chosen_format(fmt, out_file, "json")
        if chosen not in ("json", "text", "markdown"):
            raise UsageError(f"extract writes json, text or markdown, not {chosen}; use --format")
        with _progress_job(progress) as status:
            pages = _check_inputs([path], max_pages, cache) if status.shown else 0
            edition = _read(status, [path], pages, lambda **p: api.load(path, max_pages=max_pages, cache=cache,
                                                                       workers=jobs, **p))
            status.stage("rendering")
            from .render import report as render     # only now: a run that fails on its input never loads jinja2

            text = render.render_edition(edition, chosen)
        _warn([f"{path.name}: {w}" for w in edition.warnings])
        _emit(text, out_path)
        return 0

    _run(debug, job)


@app.command()
def compare(
    old: str = typer.Argument(..., help="The earlier edition (PDF)."),
    new: str = typer.Argument(..., help="The later edition (PDF)."),
    fmt: Optional[CompareFormat] = typer.Option(None, "--format", "-f",
                                                help="html, json, markdown (md), text or eml (default: from -o's "
                                                     "suffix; without -o a short summary)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write the report here (atomically); - is stdout (with --format)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the editions differ (as git diff)."),
    summary: bool = typer.Option(False, "--summary",
                                 help="Markdown: only the summary (counts, key changes, sections most changed), "
                                      "without the redline of every paragraph."),
    color: ColorMode = COLOR_OPTION,
    max_pages: int = MAX_PAGES_OPTION,
    progress: Optional[bool] = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    debug: bool = DEBUG_OPTION,
    offline: bool = OFFLINE_OPTION,
    refresh: bool = REFRESH_OPTION,
) -> None:
    """Compare two editions: what became of every section and paragraph, word by word."""

    def job() -> int:
        first, second = _resolve_inputs([old, new], offline, refresh)  # UN symbols → their PDFs
        out_file = _output_file(output)
        out_path = check_output_path(out_file, [first, second]) if out_file else None
        chosen = _chosen_format(fmt, out_file, None)
        if output and not chosen:
            where = "standard output (-o -)" if out_file is None else output.name
            raise UsageError(f"cannot tell the format for {where}; add --format html|json|markdown|text|eml")
        with _progress_job(progress) as status:
            pages = _check_inputs([first, second], max_pages, cache)
            editions = _read(status, [first, second], pages, lambda **p: api.load_pair(
                first, second, max_pages=max_pages, cache=cache, workers=jobs, **p))
            status.stage("comparing")
            comparison = api.compare(*editions)
            status.stage("rendering")
            from .render import report as render
            text = render.terminal_summary(comparison) if chosen is None else render.render_comparison(
                comparison, chosen, color=_use_color(color, to_file=out_path is not None), summary_only=summary)
        _warn(comparison.warnings)
        if chosen is None:
            _to_stdout(text)
        else:
            _emit(text, out_path)
        return 1 if exit_code and comparison.differs else 0

    _run(debug, job)


class SeriesFormat(str, Enum):
    html = "html"
    json = "json"
    markdown = "markdown"
    md = "md"


@app.command()
def series(
    editions: list[str] = typer.Argument(..., help="Two or more editions (PDFs, a folder of them or a quoted glob); "
                                                    "put in date order whatever the order given."),
    fmt: Optional[SeriesFormat] = typer.Option(None, "--format", "-f",
                                               help="html, json or markdown (md) (default: from -o's suffix; "
                                                    "without -o a short summary)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write the timeline here (atomically); - is stdout (with --format)."),
    max_pages: int = MAX_PAGES_OPTION,
    progress: Optional[bool] = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    debug: bool = DEBUG_OPTION,
    offline: bool = OFFLINE_OPTION,
    refresh: bool = REFRESH_OPTION,
) -> None:
    """Follow a report through many editions: every paragraph's lineage, key figures and sections over time."""

    def job() -> int:
        from .render import series as render_series
        from .lineage import build_series, expand_inputs

        pdfs = _resolve_inputs([os.fspath(p) for p in expand_inputs(editions)], offline, refresh)
        if len(pdfs) < 2:
            again = ": the same file named twice is read once" if len(editions) > len(pdfs) else ""
            raise UsageError(f"a series needs at least two editions (got {len(pdfs)}{again}); give two or more PDFs")
        out_file = _output_file(output)
        out_path = check_output_path(out_file, pdfs) if out_file else None
        chosen = _chosen_format(fmt, out_file, None)
        if output and chosen not in ("html", "json", "markdown"):
            raise UsageError(f"series writes html, json or markdown, not {chosen or output.name}; use -o "
                             f"timeline.html, -o timeline.json, -o timeline.md or --format (-o - with --format for "
                             f"stdout)")
        with _progress_job(progress) as status:
            pages = _check_inputs(pdfs, max_pages, cache)
            loaded = _read(status, pdfs, pages, lambda **p: api.load_many(     # each edition read once
                pdfs, max_pages=max_pages, cache=cache, workers=jobs, **p))
            status.stage(f"comparing {len(pdfs)} editions")
            result = build_series(loaded)
            status.stage("rendering")
            text = render_series.series_summary(result) if chosen is None else \
                render_series.render_series(result, chosen)
        _warn(result.warnings)
        if chosen is None:
            _to_stdout(text)
        else:
            _emit(text, out_path)
        return 0

    _run(debug, job)


# ---------------------------------------------------------------------------------------------------- cache

cache_app = typer.Typer(no_args_is_help=True, help="The cache of parsed editions: where it is, its size, emptying it.")
app.add_typer(cache_app, name="cache")


def _size_text(n: int) -> str:
    """Bytes as people read them (binary units, as REPORTDIFF_CACHE_MAX and du -h count)."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _when(timestamp: Optional[float]) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M") if timestamp else "-"


@cache_app.command("info")
def cache_info(debug: bool = DEBUG_OPTION) -> None:
    """Where the cache of parsed editions is, what it holds, and its size against the cap."""

    def job() -> int:
        from . import cache as edition_cache

        i = edition_cache.info()
        problem = edition_cache.max_bytes_problem()
        if problem:
            _warn([problem])
        cap = f"{_size_text(i.max_bytes)} (${edition_cache.ENV_MAX}"
        cap += "; unset: the default)" if not os.environ.get(edition_cache.ENV_MAX) else (
            "; unreadable: the default)" if problem else ")")
        _to_stdout(f"folder:  {i.folder}\n"
                   f"entries: {i.entries} parsed edition{'s' if i.entries != 1 else ''}\n"
                   f"size:    {_size_text(i.bytes)} of at most {cap}; the least recently used go first\n"
                   f"used:    least recently {_when(i.oldest)}, most recently {_when(i.newest)}\n")
        return 0

    _run(debug, job)


@cache_app.command("clear")
def cache_clear(debug: bool = DEBUG_OPTION) -> None:
    """Remove every parsed edition from the cache (the next reading of each file parses it again)."""

    def job() -> int:
        from . import cache as edition_cache

        before = edition_cache.info()
        edition_cache.clear()
        _to_stdout(f"removed {before.entries} parsed edition{'s' if before.entries != 1 else ''} "
                   f"({_size_text(before.bytes)}) from {before.folder}\n")
        return 0

    _run(debug, job)


@app.command()
def fetch(
    symbols: list[str] = typer.Argument(..., help="UN document symbols, e.g. S/2025/496 A/79/947 S/2025/71/Rev.1."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Also copy each PDF into this folder (as S_2025_496.pdf)."),
    refresh: bool = REFRESH_OPTION,
    offline: bool = OFFLINE_OPTION,
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Taken as every command takes it (scripts pass it to all); fetch "
                                                 "shows no progress."),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Download editions by UN symbol from ODS into the download cache (and -o DIR); prints where each is."""

    def job() -> int:          # `progress` is only taken: a download is short, and its result is the line printed
        from . import sources

        if output is not None and not output.is_dir():
            raise UsageError(f"{output} is not a folder; create it first or give an existing folder to -o")
        options = sources.FetchOptions(offline=offline, refresh=refresh)
        pdfs = [sources.fetch(symbol, options) for symbol in symbols]       # every one, before any copy
        targets = pdfs if output is None else [_copy_target(output / pdf.name) for pdf in pdfs]  # all checked
        for pdf, target in zip(pdfs, targets):
            if output is not None:
                write_atomic(link_target(target), pdf.read_bytes())        # through a link, as every -o writes
            _to_stdout(f"{target}\n")
        return 0

    _run(debug, job)


def _copy_target(target: Path) -> Path:
    """Where `fetch -o DIR` copies a PDF, refused (as every -o) before any copy is made."""
    if link_target(target).is_dir():
        raise OutputError(f"{target} is a folder where fetch copies the PDF; move it away or give -o another folder")
    return check_output_path(target, [])


class TableFormat(str, Enum):
    auto = "auto"
    parquet = "parquet"
    jsonl = "jsonl"


@app.command()
def batch(
    manifest: Path = typer.Argument(..., help="CSV (old,new a row; three or more cells: a series) or JSON: one "
                                              "object a line ({\"old\":…,\"new\":…} or {\"series\":[…]}) or "
                                              "an array of them; paths or UN symbols."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the reports, index.html and the table."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Run on a Dask cluster: tcp://HOST:PORT of its scheduler, or "
                                                 "'local' for a LocalCluster on this machine (needs the "
                                                 "'dask' extra of reportdiff)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Items compared at once on this machine (default: one per CPU; 1: in "
                                            "this process); with --scheduler local, the LocalCluster's workers."),
    table: TableFormat = typer.Option(TableFormat.auto, "--table",
                                      help="The table of all changes: parquet (needs pyarrow), jsonl, or auto."),
    max_pages: int = MAX_PAGES_OPTION,
    progress: Optional[bool] = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    offline: bool = OFFLINE_OPTION,
    refresh: bool = REFRESH_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Compare many pairs and series in one run: reports, an index and one table of all changes. Items whose
    inputs are unchanged since the last run into the same folder are not redone; failures go to errors.jsonl.
    Exit 0 when every item succeeded, 1 when any failed, 2 for a bad manifest or folder."""

    def job() -> int:
        from .batches import read_manifest, refuse_overwriting_inputs, run, worker_count

        # a bad manifest, or an output over an input, is told before a cluster starts
        items = read_manifest(manifest)
        refuse_overwriting_inputs(items, [manifest], output, table.value)
        try:
            with _items_progress(progress) as shown, \
                    _dask_executor(scheduler, worker_count(jobs, len(items))) as executor:
                # the items read above: a manifest on a pipe (`<(…)`, /dev/stdin) cannot be read twice
                result = run(items, output, executor=executor, jobs=jobs, progress=shown, max_pages=max_pages,
                             cache=cache, offline=offline, refresh=refresh, table=table.value, manifest=manifest)
        except KeyboardInterrupt:
            raise _BatchInterrupted(f"interrupted; the items finished so far are kept in {output} (their records "
                                    f"too): run the same command again to go on") from None
        from .sources import without_controls

        # the line names the output folder as the user typed it: no escape sequence reaches the terminal, and
        # the name stays one that can be pasted (its spaces kept)
        _to_stdout(without_controls(result.summary()) + "\n")
        return 0 if result.ok else 1

    _run(debug, job)


class _BatchInterrupted(ReportDiffError):
    exit_code = 130


@contextmanager
def _items_progress(asked: Optional[bool]) -> Iterator[Any]:
    """The batch's progress over its items on stderr, shown as every command's (`JobProgress.for_cli`): a bar
    on a terminal, plain `progress:` lines elsewhere with --progress (a CI log), else None; a callback of
    (done, total), erased (or its log closed) before the command's own lines are printed."""
    mode = JobProgress.for_cli(asked).mode
    if mode == "off":
        yield None
        return
    shown = _ItemsBar() if mode == "live" else _ItemsLines()
    try:
        yield shown
    except BaseException:
        shown.close(ok=False)
        raise
    shown.close(ok=True)


class _ItemsBar:
    """A bar over the items, refreshed on each update only (no refresh thread: the batch's process pool then
    forks from a single-threaded process), erased at the end."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("comparing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True, auto_refresh=False)
        self.task = self.bar.add_task("items", total=None)

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)
        if not self.bar.live.is_started:
            self.bar.start()
        self.bar.refresh()

    def close(self, ok: bool) -> None:
        if self.bar.live.is_started:
            self.bar.stop()


class _ItemsLines:
    """Plain lines for a log, as `compare --progress` writes off a terminal: the first count, then at most one
    every few seconds, the last count, and `done` when the batch ran to its end (failed items are in the summary
    line and errors.jsonl)."""

    def __init__(self) -> None:
        self.job = JobProgress("lines")
        self.last = -1e9

    def __call__(self, done: int, total: int) -> None:
        from ._progress import LINE_INTERVAL

        now = self.job.clock()
        if done == total or now - self.last >= LINE_INTERVAL:
            self.last = now
            self.job.stage(f"{done}/{total} items done")

    def close(self, ok: bool) -> None:
        self.job.close(ok=ok)


SCHEDULER_TIMEOUT = 10       # seconds to reach a Dask scheduler and hear it answer as one


class _SchedulerProblem(ValueError):
    """What the scheduler probe found wrong, in words for the user's line."""


def _probe_scheduler(address: str, seconds: float) -> None:
    """Ask `address` who it is, within `seconds` in all: OSError or TimeoutError when it cannot be reached in
    time, _SchedulerProblem when it answers but not as a Dask scheduler (or TLS is not set up). distributed.Client's
    own timeout bounds the connection, not the handshake after it: a port that accepts and never speaks Dask (a web
    server, a firewall's tarpit) held `Client(addr, timeout=10)` for good. The connection takes the TLS settings
    from Dask's configuration, as Client does."""
    import asyncio

    from distributed.comm import connect
    from distributed.security import Security

    async def ask() -> object:
        comm = None
        try:
            comm = await connect(address, timeout=seconds, **Security().get_connection_args("client"))
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        except (OSError, asyncio.TimeoutError, TimeoutError):   # refused, closed (CommClosedError), too slow
            raise
        except Exception as e:
            if isinstance(e, TypeError) and comm is None and address.startswith("tls://"):
                # no certificates configured: there is no SSL context to connect with
                raise _SchedulerProblem("tls:// needs Dask's TLS settings, distributed.comm.tls.*: the CA file, "
                                        "the client's certificate and key") from None
            # a reply that does not decode, in the handshake or after it (an HTTP answer read as a Dask frame's
            # length asks for petabytes: MemoryError)
            raise _SchedulerProblem("it answers, but not as a Dask scheduler") from None
        finally:
            if comm is not None:
                comm.abort()

    try:
        reply = asyncio.run(asyncio.wait_for(ask(), seconds))
    except asyncio.TimeoutError:          # not the builtin TimeoutError before Python 3.11
        raise TimeoutError(f"no answer within {seconds:g} s") from None
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        raise _SchedulerProblem("it answers, but not as a Dask scheduler")


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C ignored while worker processes are started: they inherit the ignored signal (Python leaves an
    ignored SIGINT ignored) and never see a terminal's Ctrl-C, which reaches the whole process group (each Dask
    worker printed its own KeyboardInterrupt traceback); this process stops them as it stops the batch.
    Blocking the signal instead would keep a Ctrl-C pressed meanwhile for this process, but the workers start with
    an empty signal mask (multiprocessing's spawn), so they would see every later one: a Ctrl-C in the cluster's
    first seconds is the price (the next one stops the batch)."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _dask_executor:
    """The Dask client a --scheduler asks for (None without one), closed afterwards with its LocalCluster."""

    def __init__(self, scheduler: Optional[str], jobs: Optional[int]) -> None:
        self.scheduler, self.jobs, self.client, self.cluster = scheduler, jobs, None, None

    def __enter__(self):
        if not self.scheduler:
            return None
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--scheduler needs Dask's distributed scheduler: pip install 'reportdiff[dask]'") from None
        try:
            if self.scheduler == "local":
                from . import _fork

                with _sigint_ignored():
                    self.cluster = LocalCluster(n_workers=self.jobs or _fork.cpu_count(), threads_per_worker=1,
                                                processes=True, dashboard_address=None, silence_logs=logging.CRITICAL)
                self.client = Client(self.cluster)
            else:
                _probe_scheduler(self.scheduler, SCHEDULER_TIMEOUT)
                self.client = Client(self.scheduler, timeout=f"{SCHEDULER_TIMEOUT}s")
        except BaseException as e:       # a Ctrl-C while the cluster starts too: nothing left running
            self.__exit__(None, None, None)
            if not isinstance(e, (OSError, TimeoutError, ValueError)):
                raise
            why = str(e) if isinstance(e, _SchedulerProblem) else type(e).__name__
            raise UsageError(f"could not reach the Dask scheduler at {self.scheduler} ({why}); "
                             f"check the address (tcp://HOST:PORT) and that `dask scheduler` runs") from None
        return self.client

    def __exit__(self, *exc) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:
                    pass
