"""The command line as a user (or a script) drives it: exit codes, formats, outputs written atomically."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import (CLI_ENV, assert_clean_error, cli_command, ctrl_c, default_sigint, listing, run_cli,
                      start_cli_group)

import reportdiff
from reportdiff import fileio
from reportdiff.errors import OutputError


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- basics ---------------------------------------------------------------------------------------------------

def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("reportdiff ")


def test_help():
    proc = run_cli("--help")
    assert proc.returncode == 0 and "extract" in proc.stdout and "compare" in proc.stdout


def test_console_script_matches_module():
    script = Path(sys.executable).with_name("reportdiff")
    if not script.exists():
        pytest.skip("no console script next to the interpreter")
    proc = subprocess.run([str(script), "--version"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0 and proc.stdout == run_cli("--version").stdout


@pytest.mark.parametrize("args, mention", [
    (("extract",), "Missing argument"),
    (("extract", "--bogus", "x.pdf"), "--bogus"),
    (("extract", "x.pdf", "--max-pages", "many"), "--max-pages"),
    (("extract", "x.pdf", "--format", "html"), "--format"),
    (("compare", "a.pdf"), "Missing argument"),
    (("frobnicate",), "frobnicate"),
])
def test_usage_errors_are_one_line(args, mention):
    assert_clean_error(run_cli(*args), mention)


def test_no_arguments_shows_help():
    proc = run_cli()
    assert proc.returncode == 2 and "extract" in proc.stdout + proc.stderr


# --- extract --------------------------------------------------------------------------------------------------

def test_extract_json_to_stdout(gen):
    proc = run_cli("extract", gen["report"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["schema"] == "reportdiff.edition/1"
    assert data["symbol"] == "S/2099/1" and data["date"] == "2099-01-01" and data["pages"] == 2
    numbers = [p["number"] for p in data["paragraphs"] if p["number"]]
    assert numbers == [str(i) for i in range(1, 13)]


def test_extract_french(gen):
    proc = run_cli("extract", gen["french"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["symbol"] == "S/2099/1"
    text = " ".join(p["text"] for p in data["paragraphs"])
    assert "Secrétaire général" in text and "période précédente" in text


def test_extract_letter_without_numbered_paragraphs(gen):
    proc = run_cli("extract", gen["letter"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert not [p for p in data["paragraphs"] if p["number"]], "a letter has no numbered paragraphs"
    assert "continued cooperation" in " ".join(p["text"] for p in data["paragraphs"])


def test_extract_one_page_letter_metadata(gen):
    data = json.loads(run_cli("extract", gen["letter"]).stdout)
    assert data["symbol"] == "S/2099/2"
    assert data["title"].startswith("Letter dated 1 January 2099 from the Secretary-General")


@pytest.mark.parametrize("name, check", [
    ("edition.json", lambda t: json.loads(t)["symbol"] == "S/2099/1"),
    ("edition.md", lambda t: "#" in t and "S/2099/1" in t),
    ("edition.txt", lambda t: "S/2099/1" in t and not t.lstrip().startswith("{")),
])
def test_extract_output_format_from_suffix(tmp_path, gen, name, check):
    out = tmp_path / name
    proc = run_cli("extract", gen["report"], "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert check(out.read_text(encoding="utf-8"))
    assert listing(tmp_path) == {name}, "temporary files left behind"


def test_extract_refuses_html(tmp_path, gen):
    proc = run_cli("extract", gen["report"], "-o", tmp_path / "edition.html")
    assert_clean_error(proc, "--format")
    assert listing(tmp_path) == set()


def test_extract_replaces_an_existing_output(tmp_path, gen):
    out = tmp_path / "edition.json"
    out.write_text("old content")
    proc = run_cli("extract", gen["report"], "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["symbol"] == "S/2099/1"
    assert listing(tmp_path) == {"edition.json"}


def test_closed_stdout_pipe_is_quiet(gen):
    """`reportdiff extract x.pdf | head -1`: the reader leaving early is not an error to report."""
    p1 = subprocess.Popen(cli_command() + ["extract", os.fspath(gen["report"])], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=CLI_ENV)
    p1.stdout.close()                       # nobody reads: the first write fails with EPIPE
    _, err = p1.communicate(timeout=120)
    assert p1.returncode in (0, 141), err
    assert b"Traceback" not in err and b"error" not in err, err


# --- compare and --exit-code ----------------------------------------------------------------------------------

def test_same_file_twice_is_all_unchanged(tmp_path, gen):
    out = tmp_path / "same.json"
    proc = run_cli("compare", gen["report"], gen["report"], "-o", out, "--exit-code")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["changes"], "no changes listed at all"
    assert {c["kind"] for c in data["changes"]} == {"unchanged"}
    assert not any(c["moved"] for c in data["changes"])
    assert all(c["old"] == c["new"] for c in data["changes"])


@pytest.mark.slow
def test_exit_code_when_editions_differ(gen):
    proc = run_cli("compare", gen["report"], gen["report2"], "--exit-code")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_cli("compare", gen["report"], gen["report2"])
    assert proc.returncode == 0, proc.stderr


def test_exit_code_same_content_different_files(tmp_path, gen):
    copy = Path(shutil.copy(gen["report"], tmp_path / "copy.pdf"))
    assert run_cli("compare", gen["report"], copy, "--exit-code").returncode == 0


def test_compare_unknown_output_suffix(tmp_path, gen):
    proc = run_cli("compare", gen["report"], gen["report2"], "-o", tmp_path / "report.xyz")
    assert_clean_error(proc, "report.xyz", "--format")
    assert listing(tmp_path) == set()


@pytest.mark.parametrize("fmt", ["json", "html", *(pytest.param(f, marks=pytest.mark.slow) for f in ("markdown", "text", "eml"))])
def test_compare_every_format_writes_one_file(tmp_path, gen, fmt):
    out = tmp_path / f"report.{fmt}"
    proc = run_cli("compare", gen["report"], gen["report2"], "-o", out, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.stat().st_size > 0
    assert listing(tmp_path) == {out.name}


@pytest.mark.slow
def test_samples_same_file_twice(sample_72, tmp_path):
    out = tmp_path / "same.json"
    proc = run_cli("compare", sample_72, sample_72, "-o", out, "--exit-code")
    assert proc.returncode == 0, proc.stderr
    kinds = {c["kind"] for c in json.loads(out.read_text())["changes"]}
    assert kinds == {"unchanged"}


@pytest.mark.slow
def test_samples_differ(sample_72, sample_496):
    proc = run_cli("compare", sample_72, sample_496, "--exit-code")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr


# --- atomic writes --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError])
def test_write_atomic_failure_leaves_nothing(tmp_path, monkeypatch, fail_at, exc):
    target = tmp_path / "report.html"
    target.write_text("previous report")

    def boom(*a, **k):
        raise exc(errno.ENOSPC, "No space left on device") if exc is OSError else exc()

    if fail_at == "fsync":
        monkeypatch.setattr(fileio.os, "fsync", boom)
    elif fail_at == "replace":
        monkeypatch.setattr(fileio.os, "replace", boom)
    else:
        real_fdopen = os.fdopen

        def fdopen(fd, *a, **k):
            fh = real_fdopen(fd, *a, **k)

            class Half:
                def __enter__(self):
                    return self

                def __exit__(self, *e):
                    fh.close()

                def write(self, data):
                    fh.write(data[: len(data) // 2])
                    boom()

                def __getattr__(self, name):
                    return getattr(fh, name)
            return Half()

        monkeypatch.setattr(fileio.os, "fdopen", fdopen)

    expected = KeyboardInterrupt if exc is KeyboardInterrupt else OutputError
    with pytest.raises(expected):
        fileio.write_atomic(target, "new report " * 10_000)
    assert target.read_text() == "previous report", "the old output must survive a failed write"
    assert listing(tmp_path) == {"report.html"}, "temporary file left behind"


def test_write_atomic_new_file(tmp_path):
    fileio.write_atomic(tmp_path / "a.json", "{}")
    fileio.write_atomic(tmp_path / "b.eml", b"bytes")
    assert (tmp_path / "a.json").read_text() == "{}" and (tmp_path / "b.eml").read_bytes() == b"bytes"
    assert listing(tmp_path) == {"a.json", "b.eml"}


def test_write_atomic_keeps_a_private_file_private(tmp_path):
    """A reviewer's finding: every output was made 0644 whatever the umask, and a report kept at 0600 became
    readable by all when written again."""
    kept = tmp_path / "kept.html"
    kept.write_text("old")
    kept.chmod(0o600)
    fileio.write_atomic(kept, "new")
    assert kept.read_text() == "new" and kept.stat().st_mode & 0o777 == 0o600
    old_umask = os.umask(0o077)
    try:
        fileio.write_atomic(tmp_path / "new.html", "report")
    finally:
        os.umask(old_umask)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o600
    fileio.write_atomic(tmp_path / "plain.html", "report")
    assert (tmp_path / "plain.html").stat().st_mode & 0o777 == 0o666 & ~old_umask


def test_interrupt_during_cli_write(tmp_path, gen, monkeypatch):
    """Ctrl-C while the output is being written, through the CLI's own handling (in-process): exit 130, one line,
    no output file, input untouched."""
    from typer.testing import CliRunner

    from reportdiff import cli

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    pdf = Path(shutil.copy(gen["report"], tmp_path / "in.pdf"))
    before = _sha(pdf)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.setattr(fileio.os, "fsync", interrupted)
    result = CliRunner().invoke(cli.app, ["extract", str(pdf), "-o", str(out_dir / "e.json")])
    assert result.exit_code == 130
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert err.strip().splitlines() == ["error: interrupted; no output was written"]
    assert listing(out_dir) == set()
    assert _sha(pdf) == before


# `python -m reportdiff`, with the command line's first library import held up until the test interrupts it
_SLOW_LOADING = """
import importlib.abc, runpy, sys, time
class HoldTyper(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "typer":
            print("loading", flush=True)
            time.sleep(60)
        return None
sys.meta_path.insert(0, HoldTyper())
sys.argv = ["reportdiff", "--version"]
runpy.run_module("reportdiff", run_name="__main__")
"""


def test_interrupt_while_the_command_line_loads():
    """Ctrl-C in the tenth of a second the command line takes to load (typer, the library) is answered like one
    during a command: one line, exit 130, no traceback from whichever import it hit."""
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_LOADING], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=CLI_ENV, text=True, preexec_fn=default_sigint)
    assert proc.stdout.readline().strip() == "loading"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert err.strip().splitlines() == ["error: interrupted; no output was written"], err
    assert proc.returncode == 130


def _wait_until_reading(proc: subprocess.Popen, pdf: Path, limit: float = 60) -> None:
    """Wait until the child holds the PDF open (parsing under way, imports long done): a Ctrl-C during Python's
    start-up is the interpreter's business, not ours. Falls back to a fixed delay without /proc."""
    fds = Path(f"/proc/{proc.pid}/fd")
    if not fds.is_dir():
        time.sleep(3)
        return
    end = time.monotonic() + limit
    target = os.path.realpath(pdf)
    while time.monotonic() < end and proc.poll() is None:
        try:
            if any(os.path.realpath(f) == target for f in fds.iterdir()):
                time.sleep(0.3)
                return
        except OSError:
            pass
        time.sleep(0.05)


@pytest.mark.slow
def test_sigint_during_extraction(tmp_path):
    """A real Ctrl-C (SIGINT) while a report is being parsed: exit 130, one line, nothing written. The report has
    300 pages (about 2 s to parse): a 15-page one is parsed within the 0.3 s the test waits."""
    import pdfgen

    pdf = pdfgen.big_document(tmp_path / "long.pdf", pages=300)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen(cli_command() + ["extract", os.fspath(pdf), "-o", os.fspath(out_dir / "e.json"),
                                             "--no-cache"],    # a cached edition is not parsed: nothing to interrupt
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=CLI_ENV,
                            text=True, preexec_fn=default_sigint)
    _wait_until_reading(proc, pdf)
    if proc.poll() is not None:
        pytest.skip("extraction finished before the interrupt")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["error: interrupted; no output was written"], err
    assert listing(out_dir) == set()


def test_a_ctrl_c_that_ctypes_disguised_is_still_an_interruption(gen, monkeypatch):
    """A SIGINT that lands while ctypes converts a PDFium call's arguments comes out as ctypes.ArgumentError
    ("argument 1: KeyboardInterrupt: "), and was reported as a damaged PDF, exit 2 (test_sigint_during_extraction
    caught it once in CI). Reading, the input check and the CLI's last resort each see it as the Ctrl-C it is."""
    import ctypes

    from reportdiff.errors import interrupted
    from reportdiff.pdf import extract, inputs

    def disguised(*args, **kwargs):
        raise ctypes.ArgumentError("argument 1: KeyboardInterrupt: ")

    assert interrupted(ctypes.ArgumentError("argument 1: KeyboardInterrupt: "))
    assert not interrupted(ctypes.ArgumentError("argument 1: TypeError: wrong type"))
    monkeypatch.setattr(extract, "_read_pdfium", disguised)
    with pytest.raises(KeyboardInterrupt):
        extract.read_pages(gen["report"])
    monkeypatch.setattr(inputs, "_check_inflation", disguised)
    with pytest.raises(KeyboardInterrupt):
        inputs._pdfminer_check(gen["report"])


def test_public_compare_can_be_called_twice(gen):
    """The documented API, `reportdiff.compare(old, new)`, must keep working after its first call (importing the
    submodule reportdiff.compare once rebound the package attribute to the module)."""
    a = reportdiff.load(gen["report"])
    reportdiff.compare(a, a)
    assert callable(reportdiff.compare), type(reportdiff.compare)
    reportdiff.compare(a, a)


def test_library_load_accepts_str_and_path(gen):
    a = reportdiff.load(str(gen["report"]))
    b = reportdiff.load(gen["report"])
    assert a.to_dict() == b.to_dict()


# --- series: the same contract over many inputs --------------------------------------------------------------

def _series_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("reportdiff.lineage") is not None


needs_series = pytest.mark.skipif(not _series_available(), reason="reportdiff.lineage not written yet")


@needs_series
def test_a_series_given_one_edition_twice_says_so(tmp_path, gen):
    """A copy of an edition under another name was a second edition, compared with itself (0 % new), and nothing
    said why (a robustness sweep)."""
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(gen["report"].read_bytes())
    proc = run_cli("series", gen["report"], copy, gen["report2"], "-o", tmp_path / "t.json")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "given twice" in line]
    assert len(warnings) == 1 and "compares it with itself" in warnings[0], proc.stderr


@needs_series
@pytest.mark.parametrize("case", ["one", "same-twice", "missing", "empty-folder", "no-match", "not-pdf",
                                  "output-is-input"])
def test_series_bad_input(tmp_path, gen, case):
    out = tmp_path / "out"
    out.mkdir()
    folder = tmp_path / "none"
    folder.mkdir()
    html = tmp_path / "page.pdf"
    html.write_bytes(b"<!DOCTYPE html><html></html>")
    a, b = gen["report"], gen["report2"]
    args, mention = {
        "one": ([a], "two"),
        "same-twice": ([a, a], "the same file named twice is read once"),     # it said "got 1" to two names
        "missing": ([a, tmp_path / "gone.pdf", b], "gone.pdf"),
        "empty-folder": ([folder], "none"),
        "no-match": ([str(tmp_path / "zz*.pdf"), a], "zz*.pdf"),
        "not-pdf": ([a, html, b], "page.pdf"),
        "output-is-input": ([a, b, "-o", b], "refusing to overwrite input"),
    }[case]
    if case != "output-is-input":
        args = args + ["-o", out / "timeline.html"]
    before = _sha(b)
    assert_clean_error(run_cli("series", *args), mention)
    assert listing(out) == set()
    assert _sha(b) == before


_NOISY = """
import logging, sys, warnings
from reportdiff import api, cli
real = api.load
def noisy(*a, **k):
    logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
    warnings.warn("a library warning")
    return real(*a, **k)
api.load = noisy
sys.argv = ["reportdiff"] + sys.argv[1:]
cli.app(prog_name="reportdiff")
"""


@pytest.mark.parametrize("debug", [False, True])
def test_library_log_noise_stays_off_stderr(gen, debug):
    """pdfminer logs a warning for each damaged object it repairs; without --debug stderr stays clean."""
    args = ["extract", str(gen["report"])] + (["--debug"] if debug else [])
    proc = subprocess.run([sys.executable, "-c", _NOISY] + args, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=CLI_ENV, timeout=120)
    assert proc.returncode == 0, proc.stderr
    if debug:
        assert "FontBBox" in proc.stderr
    else:
        assert proc.stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize("second", ["short", "long"])
def test_ctrl_c_during_compare_is_one_line(tmp_path, gen, second):
    """Ctrl-C from a terminal reaches the whole process group, workers included: still one line, exit 130 (the
    forked worker of api.load_pair once printed its own KeyboardInterrupt traceback). Beside a short edition the
    long one's pages are split between two processes; beside another long one each file has its own process."""
    import pdfgen

    long_old = pdfgen.big_document(tmp_path / "long.pdf", pages=400)
    other = gen["report"] if second == "short" else pdfgen.big_document(tmp_path / "long2.pdf", pages=400,
                                                                         symbol="S/2099/998")
    out = tmp_path / "cmp.json"
    proc = start_cli_group("compare", long_old, other, "-o", out, "--no-cache")
    _wait_until_reading(proc, long_old)
    time.sleep(1.0)                     # the 400 pages are being read
    if proc.poll() is not None:
        pytest.skip("comparison finished before the interrupt")
    ctrl_c(proc, out)


def test_pdfium_shutdown_notes_stay_off_stderr():
    """pypdfium2 writes its shutdown notes straight to file descriptor 2 ("Weakref … was not cleaned up from
    ObjectTracker?" after a Ctrl-C inside one of its finalizers: CI saw it under the one interrupted line). The CLI
    quiets them; a library user keeps pypdfium2's default."""
    script = ("import sys\nfrom pypdfium2.internal import bases\n"
              "if sys.argv[1] == 'cli':\n    from reportdiff import cli\n    cli._quiet_libraries(False)\n"
              "bases._warn_close('Weakref was not cleaned up from ObjectTracker?')\n")
    as_library = subprocess.run([sys.executable, "-c", script, "library"], capture_output=True, text=True)
    as_cli = subprocess.run([sys.executable, "-c", script, "cli"], capture_output=True, text=True)
    assert "ObjectTracker" in as_library.stderr
    assert as_cli.returncode == 0 and as_cli.stderr == ""


@pytest.mark.slow
def test_jobs_option_caps_the_processes(tmp_path, monkeypatch):
    """--jobs 1 reads everything in the CLI's own process (a pipeline running one reportdiff per CPU); the default
    forks readers."""
    import pdfgen
    from typer.testing import CliRunner

    from reportdiff import _fork, cli

    forks = []
    real = _fork.Forked

    def counting(*args, **kwargs):
        forks.append(args[1].__name__)
        return real(*args, **kwargs)

    monkeypatch.setattr(_fork, "Forked", counting)
    a = pdfgen.big_document(tmp_path / "a.pdf", pages=20)
    b = pdfgen.big_document(tmp_path / "b.pdf", pages=20, symbol="S/2099/998")
    for args in (["extract", str(a), "-o", str(tmp_path / "a.json")],
                 ["compare", str(a), str(b), "-o", str(tmp_path / "c.json")],
                 ["series", str(a), str(b), "-o", str(tmp_path / "s.json")]):
        result = CliRunner().invoke(cli.app, args + ["--no-cache", "--jobs", "1"])
        assert result.exit_code == 0, result.output
        assert forks == [], args
        result = CliRunner().invoke(cli.app, args + ["--no-cache"])
        assert result.exit_code == 0, result.output
        assert forks, args
        forks.clear()


def test_jobs_must_be_positive(sample_72):
    proc = run_cli("extract", sample_72, "--jobs", "0")
    line = assert_clean_error(proc)
    assert "--jobs" in line
