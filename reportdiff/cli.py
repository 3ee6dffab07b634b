"""The `reportdiff` command: a thin layer mapping flags to library calls and errors to exit codes.

Exit codes: 0 success; 1 with --exit-code when the editions differ; 2 bad input or usage (one line on stderr).
"""
from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from enum import Enum
from pathlib import Path
from typing import Callable, Optional

import typer

from . import __version__, api
from .pdf import inputs
from .render import report as render
from .errors import ReportDiffError, UsageError
from .fileio import check_output_path, write_atomic

class _OneLineUsageErrors(typer.Typer):
    """Usage errors (missing argument, unknown option, bad value) on one `error:` line with exit 2, like every other
    failure, instead of click's multi-line usage box."""

    def __call__(self, *args, **kwargs):
        if kwargs.get("standalone_mode", True) is False:
            return super().__call__(*args, **kwargs)
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
                typer.echo("error: " + " ".join(f"{e.format_message().rstrip('.')}{hint}".split()), err=True)
                sys.exit(e.exit_code)
            raise
        sys.exit(rv if isinstance(rv, int) else 0)


app = _OneLineUsageErrors(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                           help="Show precisely how a periodic UN report changed from one edition to the next.")


class EditionFormat(str, Enum):
    json = "json"
    text = "text"
    markdown = "markdown"


class CompareFormat(str, Enum):
    html = "html"
    json = "json"
    markdown = "markdown"
    text = "text"
    eml = "eml"


# Options every command shares (one definition each, so the commands cannot drift apart).
MAX_PAGES_OPTION = typer.Option(api.DEFAULT_MAX_PAGES, "--max-pages", help="Refuse documents longer than this.")
PROGRESS_OPTION = typer.Option(sys.stderr.isatty(), "--progress/--no-progress", help="Page progress on stderr.")
CACHE_OPTION = typer.Option(True, "--cache/--no-cache",
                            help="Reuse editions parsed before (cache of parsed editions; see README, Performance).")
DEBUG_OPTION = typer.Option(False, "--debug", help="Show the traceback of a failure (for bug reports).")
JOBS_OPTION = typer.Option(None, "--jobs", "-j", min=1,
                           help="Processes reading PDFs at once (default: one per CPU; 1: all in this process, "
                                "e.g. when a pipeline already runs one reportdiff per CPU).")

SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown", ".markdown": "markdown",
                  ".txt": "text", ".eml": "eml"}


def _fail(message: str, code: int = 2) -> None:
    # One line, whatever the message holds: a PDF's name or text must not break the contract.
    typer.echo("error: " + " ".join(message.split()), err=True)
    raise typer.Exit(code)


def _silence_stdout() -> None:
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


def _run(debug: bool, job: Callable[[], int]) -> None:
    """Run a command body, turning every failure into one line on stderr and exit 2 (a traceback with --debug)."""
    _quiet_libraries(debug)
    try:
        code = job()
        sys.stdout.flush()      # a closed pipe shows up here, inside the handlers below
    except BrokenPipeError:     # the reader went away (`| head`): stop quietly with SIGPIPE's status, as Unix tools do
        _silence_stdout()
        raise typer.Exit(141)
    except ReportDiffError as e:
        if debug:
            traceback.print_exc()
        _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted; no output was written", err=True)
        raise typer.Exit(130)
    except MemoryError:
        _fail("out of memory while reading the input; try --max-pages or a smaller document")
    except RecursionError:
        _fail("the PDF's structure is nested too deeply to read safely; it is probably corrupt or malicious")
    except Exception as e:  # a bug or an input we did not foresee: still one line, never a traceback
        if debug:
            traceback.print_exc()
        _fail(f"unexpected failure ({type(e).__name__}: {e}); rerun with --debug and report it with the input file")
    raise typer.Exit(code)


def _chosen_format(fmt: Optional[Enum], output: Optional[Path], default: Optional[str]) -> Optional[str]:
    """--format, else the output file's suffix, else `default` (also for an unknown suffix)."""
    if fmt:
        return fmt.value
    return SUFFIX_FORMATS.get(output.suffix.lower(), default) if output else default


def _emit(data: str | bytes, out_path: Optional[Path]) -> None:
    """Write a command's result to its output file (atomically) or to stdout (text ending in a newline)."""
    if out_path:
        write_atomic(out_path, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data if data.endswith("\n") else data + "\n")


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        typer.echo("warning: " + " ".join(warning.split()), err=True)


def _check_inputs(pdfs: list[Path], max_pages: int, cache: bool) -> None:
    """Fail fast on a bad later file before time is spent on the first. A file whose parse is cached passed every
    check when it was parsed (`load` still checks its page count against --max-pages)."""
    for pdf in pdfs:
        if not (cache and api.is_cached(pdf)):
            inputs.validate_pdf(pdf, max_pages=max_pages)


def _progress_bar(enabled: bool):
    """A page progress bar on stderr for long documents (only when stderr is a terminal or asked for)."""
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.console import Console

    state: dict = {}

    def update(done: int, total: int) -> None:
        if "progress" not in state:
            if total < 50:      # short documents read in a blink: no bar
                return
            p = Progress(TextColumn("reading pages"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                         console=Console(stderr=True), transient=True)
            p.start()
            state["progress"], state["task"] = p, p.add_task("pages", total=total)
        state["progress"].update(state["task"], completed=done)
        if done >= total:
            state["progress"].stop()

    return update


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
    pdf: Path = typer.Argument(..., help="The report PDF to read."),
    fmt: Optional[EditionFormat] = typer.Option(None, "--format", "-f", help="json, text or markdown."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    max_pages: int = MAX_PAGES_OPTION,
    progress: bool = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Parse one edition: metadata, section tree, numbered paragraphs with their footnotes."""

    def job() -> int:
        out_path = check_output_path(output, [pdf]) if output else None
        chosen = _chosen_format(fmt, output, "json")
        if chosen not in ("json", "text", "markdown"):
            raise UsageError(f"extract writes json, text or markdown, not {chosen}; use --format")
        edition = api.load(pdf, max_pages=max_pages, progress=_progress_bar(progress), cache=cache, workers=jobs)
        _warn([f"{pdf.name}: {w}" for w in edition.warnings])
        _emit(render.render_edition(edition, chosen), out_path)
        return 0

    _run(debug, job)


@app.command()
def compare(
    old: Path = typer.Argument(..., help="The earlier edition (PDF)."),
    new: Path = typer.Argument(..., help="The later edition (PDF)."),
    fmt: Optional[CompareFormat] = typer.Option(None, "--format", "-f",
                                                help="html, json, markdown, text or eml (default: from -o's "
                                                     "suffix; without -o a short summary)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here (atomically)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the editions differ (as git diff)."),
    max_pages: int = MAX_PAGES_OPTION,
    progress: bool = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Compare two editions: what became of every section and paragraph, word by word."""

    def job() -> int:
        out_path = check_output_path(output, [old, new]) if output else None
        chosen = _chosen_format(fmt, output, None)
        if output and not chosen:
            raise UsageError(f"cannot tell the format from {output.name}; add --format html|json|markdown|text|eml")
        _check_inputs([old, new], max_pages, cache)
        bar = _progress_bar(progress)
        comparison = api.compare(*api.load_pair(old, new, max_pages=max_pages, progress=bar, cache=cache,
                                                workers=jobs))
        _warn(comparison.warnings)
        if chosen is None:
            sys.stdout.write(render.terminal_summary(comparison))
        else:
            # colour only for a terminal: a file written with -o gets plain text
            _emit(render.render_comparison(comparison, chosen, color=False if out_path else None), out_path)
        return 1 if exit_code and comparison.differs else 0

    _run(debug, job)


class SeriesFormat(str, Enum):
    html = "html"
    json = "json"


@app.command()
def series(
    editions: list[Path] = typer.Argument(..., help="Two or more editions (PDFs, a folder of them or a quoted glob); "
                                                    "put in date order whatever the order given."),
    fmt: Optional[SeriesFormat] = typer.Option(None, "--format", "-f",
                                               help="html or json (default: from -o's suffix; without -o a short "
                                                    "summary)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the timeline here (atomically)."),
    max_pages: int = MAX_PAGES_OPTION,
    progress: bool = PROGRESS_OPTION,
    cache: bool = CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Follow a report through many editions: every paragraph's lineage, key figures and sections over time."""

    def job() -> int:
        from .render import series as render_series
        from .series import build_series, expand_inputs

        pdfs = [Path(p) for p in expand_inputs(editions)]
        if len(pdfs) < 2:
            raise UsageError(f"a series needs at least two editions (got {len(pdfs)}); give two or more PDFs")
        out_path = check_output_path(output, pdfs) if output else None
        chosen = _chosen_format(fmt, output, None)
        if output and chosen not in ("html", "json"):
            raise UsageError(f"series writes html or json, not {chosen or output.name}; use -o timeline.html, "
                             f"-o timeline.json or --format")
        _check_inputs(pdfs, max_pages, cache)
        bar = _progress_bar(progress)
        loaded = api.load_many(pdfs, max_pages=max_pages, progress=bar, cache=cache, workers=jobs)   # each once
        result = build_series(loaded)
        _warn(result.warnings)
        if chosen is None:
            sys.stdout.write(render_series.series_summary(result))
        else:
            _emit(render_series.render_series(result, chosen), out_path)
        return 0

    _run(debug, job)
