"""Shared fixtures: paths of the committed samples, generated test PDFs, and running the CLI in a subprocess."""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SAMPLES = ROOT / "samples"
FIXTURES = TESTS / "fixtures"

if str(TESTS) not in sys.path:          # `import pdfgen` from any test module, whatever pytest's import mode
    sys.path.insert(0, str(TESTS))

import pdfgen  # noqa: E402
import schema_check  # noqa: E402

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# The cache of parsed editions (reportdiff.cache): a fresh folder for each test session, never the user's own.
os.environ["REPORTDIFF_CACHE_DIR"] = _TEST_CACHE = tempfile.mkdtemp(prefix="reportdiff-test-cache-")
atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)

#: Environment for CLI subprocesses: no colours, a wide terminal, no stdin (as in CI).
CLI_ENV = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}


def cli_command() -> list[str]:
    """How to run the CLI: the module form works for editable and wheel installs alike."""
    return [sys.executable, "-m", "reportdiff"]


def default_sigint() -> None:
    """In a child before it starts: Ctrl-C handled as a terminal's shell leaves it. A shell without job control
    starts a background job (`pytest ... &`, a CI step run with &) with SIGINT ignored, children inherit that, and
    Python then leaves it ignored: the interrupt tests would see a CLI that cannot be interrupted."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_cli_group(*args: str | os.PathLike) -> subprocess.Popen:
    """The CLI started in a process group of its own, as a terminal runs a command (see `ctrl_c`)."""
    return subprocess.Popen(cli_command() + [os.fspath(a) for a in args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=CLI_ENV, text=True,
                            start_new_session=True, preexec_fn=default_sigint)


def ctrl_c(proc: subprocess.Popen, output: Path) -> None:
    """Ctrl-C from a terminal reaches the whole process group, workers included: one line, exit 130, no output."""
    import signal

    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["error: interrupted; no output was written"], err
    assert not output.exists()


def run_cli(*args: str | os.PathLike, timeout: float = 300, cwd: str | os.PathLike | None = None
            ) -> subprocess.CompletedProcess:
    """The CLI in a subprocess; any JSON document it writes (stdout or -o) is checked against the schemas."""
    proc = subprocess.run(cli_command() + [os.fspath(a) for a in args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=CLI_ENV, timeout=timeout, cwd=cwd)
    if proc.returncode in (0, 1):
        schema_check.check_text(proc.stdout, "the CLI's stdout")
        out = schema_check.output_path(args)
        if out is not None:
            schema_check.check_file(out if out.is_absolute() or cwd is None else Path(cwd) / out)
    return proc


def assert_clean_error(proc: subprocess.CompletedProcess, *mentions: str, code: int = 2) -> str:
    """The CLI's failure contract: exit `code`, exactly one line on stderr starting `error:` that mentions each of
    `mentions` (a file name, a hint), and no traceback anywhere. Returns the line."""
    lines = proc.stderr.splitlines()
    assert proc.returncode == code, f"exit {proc.returncode}, stderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{proc.stderr}"
    assert lines[0].startswith("error: "), lines[0]
    assert "unexpected failure" not in lines[0], f"an unforeseen exception reached the CLI: {lines[0]}"
    for m in mentions:
        assert m in lines[0], f"{m!r} not in {lines[0]!r}"
    return lines[0]


@pytest.fixture(scope="session")
def sample_72() -> Path:
    return SAMPLES / "S_2025_72.pdf"


@pytest.fixture(scope="session")
def sample_496() -> Path:
    return SAMPLES / "S_2025_496.pdf"


@pytest.fixture(scope="session")
def gen(tmp_path_factory) -> dict[str, Path]:
    """Generated test PDFs, written once per session: report, report2 (a next edition), french, letter, scanned,
    encrypted, owner_only."""
    d = tmp_path_factory.mktemp("generated")
    return {
        "report": pdfgen.un_report(d / "report.pdf"),
        "report2": pdfgen.un_report(d / "report2.pdf", symbol="S/2099/50", date="1 July 2099",
                                    texts={3: "The Mission recorded 57 incidents affecting civilians, compared with "
                                              "33 in the previous period, a marked increase.",
                                           7: "The Secretary-General is deeply concerned by the deterioration of "
                                              "the situation."}),
        "french": pdfgen.french_report(d / "french.pdf"),
        "letter": pdfgen.letter(d / "letter.pdf"),
        "scanned": pdfgen.scanned(d / "scanned.pdf"),
        "encrypted": pdfgen.encrypted(d / "encrypted.pdf"),
        "owner_only": pdfgen.owner_only_encrypted(d / "owner_only.pdf"),
    }


def listing(folder: Path) -> set[str]:
    """Names in a folder, hidden temporaries included (to catch a left-over .part or .probe file)."""
    return {p.name for p in folder.iterdir()}


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium (Debian's) per test module that needs it."""
    from browser_util import chromium

    with chromium() as b:
        yield b


# ---------------------------------------------------------------------------------------------------- JSON Schemas

@pytest.fixture(autouse=True)
def _json_matches_the_schemas(request, monkeypatch):
    """Every JSON document a test produces matches reportdiff/schemas/ (see schema_check): the in-process
    writers as they write, and after the test every *.json left under its tmp_path."""
    if request.node.get_closest_marker("malformed_models"):
        yield                       # deliberately inconsistent models: their JSON is garbage by design
        return
    schema_check.wrap_writers(monkeypatch)
    tmp = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if tmp is not None:
        schema_check.check_tree(tmp)


def pytest_sessionfinish(session, exitstatus):
    # The session's cache of parsed editions holds every edition the tests parsed: each entry is an edition's JSON.
    try:
        schema_check.check_tree(Path(_TEST_CACHE))
    except AssertionError as e:
        schema_check.late_failures.append(str(e))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    for failure in schema_check.late_failures:
        terminalreporter.write_line(f"FAILED (cache of parsed editions): {failure}", red=True)
    n = schema_check.checked["documents"]
    if n:
        terminalreporter.write_line(f"JSON documents checked against reportdiff/schemas: {n}")


def assert_partition(c: Comparison) -> None:
    """Every paragraph of each edition is in exactly one change."""
    olds = [i for ch in c.changes for i in ch.old]
    news = [j for ch in c.changes for j in ch.new]
    assert sorted(olds) == sorted(p.id for p in c.old.paragraphs)
    assert sorted(news) == sorted(p.id for p in c.new.paragraphs)


def assert_new_reading_order(c: Comparison) -> None:
    """The changes stand in the new edition's reading order, each where its first new paragraph stands. A
    textual change's new paragraphs follow each other; a rewritten group's may be apart (old ¶29 succeeded by new
    ¶29 and ¶31, with ¶30 a new subject): then the report reads "¶29, ¶31" and ¶30 follows."""
    where = {p.id: k for k, p in enumerate(c.new.paragraphs)}
    firsts = [where[ch.new[0]] for ch in c.changes if ch.new]
    assert firsts == sorted(firsts)
    for ch in c.changes:
        places = [where[j] for j in ch.new]
        assert places == sorted(places)
        if places and ch.kind != "rewritten":
            assert places == list(range(places[0], places[0] + len(places)))
