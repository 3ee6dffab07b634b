"""The CLI's conventions, each tested through the command itself: `-o -` is standard output; progress on a
terminal by default and plain lines in a log when asked; --color with NO_COLOR and FORCE_COLOR; shell completion;
`reportdiff cache info|clear` and the cache's size cap and folder; the Markdown report's full redline.

Terminal behaviour is tested on a pseudo-terminal (the pty module): stdout and stderr each get one, as in a
terminal window, or a pipe, as in a pipeline or a CI log.
"""
from __future__ import annotations

import os
import re
import select
import subprocess
import time
from pathlib import Path

import pytest

import pdfgen
from conftest import CLI_ENV, SAMPLES, assert_clean_error, cli_command, listing, run_cli

OLD, NEW = SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in CLI_ENV.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    for k, v in changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run_tty(*args, stdout_tty: bool = True, stderr_tty: bool = True, env: dict[str, str] | None = None,
            cwd: Path | None = None, timeout: float = 300) -> tuple[int, str, str]:
    """The CLI with stdout and/or stderr on a pseudo-terminal of its own (else a pipe): (exit code, stdout,
    stderr) as the terminal (or pipe) received them."""
    import pty

    ends: dict[str, tuple[int, int] | None] = {}
    for name, tty in (("out", stdout_tty), ("err", stderr_tty)):
        ends[name] = pty.openpty() if tty else os.pipe()
    proc = subprocess.Popen(cli_command() + [os.fspath(a) for a in args], stdin=subprocess.DEVNULL,
                            stdout=ends["out"][1], stderr=ends["err"][1], env=env or _env(), cwd=cwd)
    for name in ends:
        os.close(ends[name][1])
    chunks: dict[int, list[bytes]] = {ends["out"][0]: [], ends["err"][0]: []}
    open_fds = set(chunks)
    deadline = time.monotonic() + timeout
    while open_fds and time.monotonic() < deadline:
        ready, _, _ = select.select(list(open_fds), [], [], 0.5)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:              # a pty's other end closed (EIO)
                data = b""
            if data:
                chunks[fd].append(data)
            else:
                open_fds.discard(fd)
    proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    for fd in chunks:
        os.close(fd)
    out, err = (b"".join(chunks[ends[n][0]]).decode("utf-8", "replace").replace("\r\n", "\n") for n in ("out", "err"))
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory) -> tuple[Path, Path]:
    """Two 120-page editions: long enough (a second or more) for the live progress to show."""
    d = tmp_path_factory.mktemp("long")
    return (pdfgen.big_document(d / "old.pdf", pages=120, symbol="S/2099/101"),
            pdfgen.big_document(d / "new.pdf", pages=120, symbol="S/2099/102"))


# ---------------------------------------------------------------------------------------------------- -o -

def _writes_stdout(tmp_path, *args):
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert listing(tmp_path) == set(), "a file named '-' was written"
    return proc.stdout


@pytest.mark.slow
def test_dash_output_is_standard_output(tmp_path):
    for args in (("compare", OLD, NEW, "-f", "json", "-o", "-"), ("extract", OLD, "-o", "-")):
        out = _writes_stdout(tmp_path, *args)
        assert out.lstrip().startswith("{") and '"schema": "reportdiff.' in out


@pytest.mark.slow
def test_dash_output_for_a_series_and_markdown(tmp_path):
    assert '"schema": "reportdiff.series/1"' in _writes_stdout(tmp_path, "series", OLD, NEW, "-f", "json", "-o", "-")
    out = _writes_stdout(tmp_path, "compare", OLD, NEW, "-f", "markdown", "-o", "-")
    assert out.startswith("**S/2025/72**") and "## The text, section by section" in out


def test_dash_output_needs_a_format_where_it_cannot_be_guessed(tmp_path):
    for args in (("compare", OLD, NEW, "-o", "-"), ("series", OLD, NEW, "-o", "-")):
        proc = run_cli(*args, cwd=tmp_path)
        assert_clean_error(proc, "--format")
        assert proc.stdout == "" and listing(tmp_path) == set()


# ---------------------------------------------------------------------------------------------------- progress

def test_the_progress_line_shows_file_names_as_written_and_off_draws_nothing():
    """A reviewer's finding: the live line read a file's name as rich markup ("reading [draft] r.pdf" showed
    "reading  r.pdf"), and progress "off" still started a live display when pages were reported."""
    import io

    from reportdiff._progress import JobProgress

    now = [0.0]
    off = JobProgress("off", io.StringIO(), clock=lambda: now[0])
    live = JobProgress("live", io.StringIO(), clock=lambda: now[0])
    now[0] = 2.0                                   # past the delay before anything is drawn
    off.pages(1, 10)
    assert off.live is None
    live.reading(["[draft] r.pdf"], 10)
    live.pages(3, 10)
    try:
        (task,) = live.live.tasks
        assert [column.render(task).plain for column in live.live.columns[1:2]] == ["reading [draft] r.pdf"]
    finally:
        live.close()


@pytest.mark.slow
def test_progress_off_a_terminal_is_silent_unless_asked(tmp_path):
    proc = run_cli("compare", OLD, NEW, "-f", "json", "-o", tmp_path / "c.json")
    assert proc.returncode == 0 and proc.stderr == ""


@pytest.mark.slow
def test_progress_asked_off_a_terminal_is_plain_lines_for_the_whole_job(tmp_path):
    proc = run_cli("compare", OLD, NEW, "-o", tmp_path / "c.json", "--no-cache", "--progress")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and all(re.fullmatch(r"progress: .+ \(\d+\.\d s\)", line) for line in lines), lines
    assert "\x1b" not in proc.stderr and "\r" not in proc.stderr
    text = [re.sub(r" \(\d+\.\d s\)$", "", line).removeprefix("progress: ") for line in lines]
    assert text[0] == "reading 2 files (29 pages to parse)"           # both files: 15 + 14 pages
    pages = [line for line in text if line.startswith("read ")]
    assert pages and pages[-1] == "read 29/29 pages"
    assert text[-3:] == ["comparing", "rendering", "done"]
    assert (tmp_path / "c.json").is_file()


@pytest.mark.slow
def test_progress_asked_for_a_series_and_an_extract(tmp_path):
    proc = run_cli("series", OLD, NEW, "-o", tmp_path / "t.json", "--no-cache", "--progress")
    text = [re.sub(r" \(\d+\.\d s\)$", "", line) for line in proc.stderr.splitlines()]
    assert text[0] == "progress: reading 2 files (29 pages to parse)" and "progress: read 29/29 pages" in text
    assert text[-3:] == ["progress: comparing 2 editions", "progress: rendering", "progress: done"]
    proc = run_cli("extract", OLD, "-o", tmp_path / "e.json", "--progress")         # cached by now
    assert [re.sub(r" \(\d+\.\d s\)$", "", line) for line in proc.stderr.splitlines()] == [
        "progress: reading S_2025_72.pdf (from the cache)", "progress: rendering", "progress: done"]


@pytest.mark.slow
def test_progress_on_a_terminal_shows_the_whole_job_and_clears_it(long_pair, tmp_path):
    out = tmp_path / "report.html"
    code, stdout, stderr = run_tty("compare", *long_pair, "-o", out, "--no-cache", stdout_tty=False)
    assert code == 0, stderr
    shown = ANSI.sub("", stderr)
    assert "reading 2 files" in shown and "/240 pages" in shown, shown[-2000:]   # both files' pages
    assert "comparing" in shown or "rendering" in shown or "240/240" in shown
    assert stderr.rstrip("\n").endswith(("\x1b[?25h",)) or "\x1b[2K" in stderr  # the live line is erased
    assert out.is_file() and stdout == ""


@pytest.mark.slow
def test_no_progress_on_a_terminal_draws_nothing(long_pair, tmp_path):
    code, stdout, stderr = run_tty("compare", *long_pair, "-o", tmp_path / "r.json", "--no-cache",
                                   "--no-progress", stdout_tty=False)
    assert code == 0 and stderr == ""


# ---------------------------------------------------------------------------------------------------- colour

def _colored(text: str) -> bool:
    return "\x1b[" in text


SLOW = pytest.mark.slow


@pytest.mark.parametrize("args,env,stdout_tty,expected", [
    ((), {}, True, True),                                    # auto on a terminal
    ((), {}, False, False),                                  # auto into a pipe
    (("--color=always",), {}, False, True),                  # for less -R
    ((), {"NO_COLOR": "1"}, True, False),
    pytest.param(("--color=never",), {}, True, False, marks=SLOW),
    pytest.param((), {"FORCE_COLOR": "1"}, False, True, marks=SLOW),
    pytest.param(("--color=never",), {"FORCE_COLOR": "1"}, False, False, marks=SLOW),   # the flag wins
    pytest.param(("--color=always",), {"NO_COLOR": "1"}, False, True, marks=SLOW),
    pytest.param((), {"TERM": "dumb"}, True, False, marks=SLOW),
])
@pytest.mark.slow
def test_color_follows_the_flag_then_the_environment_then_the_terminal(args, env, stdout_tty, expected):
    code, stdout, stderr = run_tty("compare", OLD, NEW, "-f", "text", *args, env=_env(**env),
                                   stdout_tty=stdout_tty, stderr_tty=False)
    assert code == 0, stderr
    assert _colored(stdout) is expected, stdout[:300]
    assert "S/2025/72" in stdout


def test_color_is_checked(tmp_path):
    assert_clean_error(run_cli("compare", OLD, NEW, "-f", "text", "--color=sometimes"), "--color")


@pytest.mark.slow
def test_color_always_reaches_a_file(tmp_path):
    out = tmp_path / "summary.txt"
    assert run_cli("compare", OLD, NEW, "-o", out, "--color=always").returncode == 0
    assert _colored(out.read_text(encoding="utf-8"))
    assert run_cli("compare", OLD, NEW, "-o", out).returncode == 0
    assert not _colored(out.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------- completion

def _complete(words: str, cword: int) -> list[str]:
    env = {**CLI_ENV, "_REPORTDIFF_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    proc = subprocess.run(cli_command(), capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


@pytest.mark.slow
def test_shell_completion():
    import shlex

    # --show-completion detects the shell it runs under (shellingham, from the process tree): run it from bash
    # (`; true` keeps bash from exec-ing the command, so that bash stays its parent)
    command = " ".join(shlex.quote(a) for a in cli_command()) + " --show-completion; true"
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=CLI_ENV, timeout=60)
    assert proc.returncode == 0 and "_REPORTDIFF_COMPLETE=complete_bash" in proc.stdout, proc.stdout + proc.stderr
    assert "--install-completion" in run_cli("--help").stdout
    assert _complete("reportdiff com", 1) == ["compare"]
    assert set(_complete("reportdiff ", 1)) >= {"extract", "compare", "series", "cache"}
    assert _complete("reportdiff compare a.pdf b.pdf --color ", 5) == ["auto", "always", "never"]
    assert _complete("reportdiff cache ", 2) == ["info", "clear"]


# ---------------------------------------------------------------------------------------------------- cache

def _cache_env(folder: Path, **extra: str) -> dict[str, str]:
    return {**CLI_ENV, "REPORTDIFF_CACHE_DIR": str(folder), **extra}


def _cli(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command() + [os.fspath(a) for a in args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=300)


@pytest.mark.slow
def test_cache_info_and_clear(tmp_path):
    folder = tmp_path / "cache"
    env = _cache_env(folder)
    info = _cli("cache", "info", env=env)
    assert info.returncode == 0 and f"folder:  {folder}" in info.stdout and "entries: 0 parsed editions" in info.stdout
    assert _cli("extract", OLD, "-o", tmp_path / "old.json", env=env).returncode == 0
    info = _cli("cache", "info", env=env).stdout
    assert "entries: 1 parsed edition\n" in info and re.search(r"size: +5\d\.\d KB of at most 500\.0 MB", info), info
    cleared = _cli("cache", "clear", env=env)
    assert cleared.returncode == 0 and cleared.stdout.startswith("removed 1 parsed edition (") \
        and str(folder) in cleared.stdout
    assert [p for p in folder.iterdir()] == []
    assert "entries: 0 parsed editions" in _cli("cache", "info", env=env).stdout


def test_an_unreadable_cache_cap_is_said_not_implied(tmp_path):
    """`REPORTDIFF_CACHE_MAX=abc` was ignored while `cache info` showed the default cap as the setting's."""
    info = _cli("cache", "info", env=_cache_env(tmp_path / "cache", REPORTDIFF_CACHE_MAX="abc"))
    assert info.returncode == 0
    assert info.stderr.strip() == ("warning: REPORTDIFF_CACHE_MAX='abc' is not a size (write e.g. 500MB or 2G): the "
                                   "default cap applies")
    assert "of at most 500.0 MB ($REPORTDIFF_CACHE_MAX; unreadable: the default)" in info.stdout


@pytest.mark.slow
def test_cache_size_cap_evicts_the_least_recently_used(tmp_path):
    folder = tmp_path / "cache"
    env = _cache_env(folder, REPORTDIFF_CACHE_MAX="100K")             # room for one sample edition (~60 KB)
    assert _cli("extract", OLD, "-o", tmp_path / "a.json", env=env).returncode == 0
    first = {p.name for p in folder.iterdir()}
    assert _cli("extract", NEW, "-o", tmp_path / "b.json", env=env).returncode == 0
    now = {p.name for p in folder.iterdir()}
    assert len(now) == 1 and now != first, "the older entry should have made room"
    assert "of at most 100.0 KB ($REPORTDIFF_CACHE_MAX)" in _cli("cache", "info", env=env).stdout
    # a hit counts as a use: the entry read last survives the next write
    env_big = _cache_env(folder, REPORTDIFF_CACHE_MAX="1M")
    assert _cli("extract", OLD, "-o", tmp_path / "a.json", env=env_big).returncode == 0      # 2 entries now
    time.sleep(1.1)
    assert _cli("extract", NEW, "-o", tmp_path / "b.json", env=env_big).returncode == 0      # a hit: NEW is newest
    names = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime)
    assert _cli("extract", pdfgen.un_report(tmp_path / "third.pdf"), "-o", tmp_path / "c.json",
                env=_cache_env(folder, REPORTDIFF_CACHE_MAX="100K")).returncode == 0
    left = {p.name for p in folder.iterdir()}
    assert names[0].name not in left and names[1].name in left


def test_cache_folder_follows_xdg_then_home(tmp_path):
    base = {k: v for k, v in CLI_ENV.items() if k != "REPORTDIFF_CACHE_DIR"}
    xdg = _cli("cache", "info", env={**base, "XDG_CACHE_HOME": str(tmp_path / "xdg")}).stdout
    assert f"folder:  {tmp_path / 'xdg' / 'reportdiff'}" in xdg
    home = _cli("cache", "info", env={**{k: v for k, v in base.items() if k != "XDG_CACHE_HOME"},
                                      "HOME": str(tmp_path / "home")}).stdout
    assert f"folder:  {tmp_path / 'home' / '.cache' / 'reportdiff'}" in home
    relative = _cli("cache", "info", env={**base, "XDG_CACHE_HOME": "relative/dir", "HOME": str(tmp_path)}).stdout
    assert f"folder:  {tmp_path / '.cache' / 'reportdiff'}" in relative      # the XDG spec: relative is ignored


# ---------------------------------------------------------------------------------------------------- markdown

@pytest.mark.slow
def test_markdown_gives_the_full_redline_and_summary_only_on_request(tmp_path):
    from markdown_it import MarkdownIt

    full = run_cli("compare", OLD, NEW, "-o", tmp_path / "report.md")
    assert full.returncode == 0, full.stderr
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)   # as GitHub renders it
    assert "<h2>The text, section by section</h2>" in html and "<h3>I. Introduction</h3>" in html
    assert "the <s>twentieth</s> <strong>twenty-first</strong> such report" in html
    assert "<details><summary>1 unchanged paragraph (¶1)</summary>" in html
    assert "~~" not in re.sub(r"<code>.*?</code>", "", html), "a strike-through marker was left unrendered"
    summary = run_cli("compare", OLD, NEW, "-o", tmp_path / "summary.md", "--summary")
    short = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.returncode == 0 and "The text, section by section" not in short
    assert short.startswith("**S/2025/72**") and "**The brief: key changes in the assessment**" in short
    assert len(short) < len(md) / 5


def test_markdown_keeps_entities_and_addresses_from_a_pdf_inert(gen, tmp_path):
    """A PDF's literal "&lt;script&gt;" must read as written, not become <script> in a Markdown renderer, and
    "www." and e-mail addresses must not become live links (as "http://" already does not)."""
    from markdown_it import MarkdownIt

    from reportdiff.render.report import _md

    new = pdfgen.un_report(tmp_path / "new.pdf", texts={
        3: "Entity &lt;script&gt;alert(1)&lt;/script&gt; and AT&T, see www.evil.example/login or admin@evil.example."})
    out = tmp_path / "report.md"
    proc = run_cli("compare", gen["report"], new, "-o", out)
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in rendered      # a browser shows "&lt;script&gt;"
    assert "www.evil" not in md and "admin@evil" not in md
    assert "www.x" not in _md("WWW.x www.x") and "WWW.x" not in _md("WWW.x") and "\\&" in _md("a & b")


def test_md_is_short_for_markdown(gen, tmp_path):
    env = {**CLI_ENV, "SOURCE_DATE_EPOCH": "1767225600"}
    for command in (["extract", gen["report"]], ["compare", gen["report"], gen["report2"]],
                    ["series", gen["report"], gen["report2"]]):
        short, long = (_cli(*command, "-f", fmt, "-o", "-", env=env) for fmt in ("md", "markdown"))
        assert short.returncode == 0, short.stderr
        assert short.stdout == long.stdout


def test_fetch_takes_no_progress_as_every_command_does(tmp_path):
    env = {**CLI_ENV, "REPORTDIFF_CACHE_DIR": str(tmp_path / "cache")}
    assert_clean_error(_cli("fetch", "--no-progress", "--offline", "S/2025/72", env=env), "not in the download cache")


def test_standard_output_that_cannot_be_written_is_one_clear_line(gen):
    """Standard output on a full device, or closed (`>&-`): one line, exit 2, no Python failure."""
    def run(stdout, **kw) -> subprocess.CompletedProcess:
        proc = subprocess.run(cli_command() + ["extract", os.fspath(gen["report"]), "-f", "text"], stdout=stdout,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=CLI_ENV, text=True, timeout=120,
                              **kw)
        proc.stdout = ""                  # not captured: it went to the device
        return proc

    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            assert_clean_error(run(full), "cannot write to standard output", "-o FILE")
    assert_clean_error(run(subprocess.DEVNULL, preexec_fn=lambda: os.close(1)), "standard output is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_error_with_nowhere_to_say_it_still_exits_2(gen, tmp_path):
    """Standard error on a full device (`2>/dev/full`): the message cannot be shown, but the exit code still tells
    a script what happened (it was 1, the code of an unprintable failure), and nothing is written."""
    with open("/dev/full", "w") as full:
        for args in (["compare", tmp_path / "missing.pdf", gen["report"], "-o", tmp_path / "out.html"],
                     ["extract", gen["report"], "--format", "nonsense"]):
            proc = subprocess.run(cli_command() + [os.fspath(a) for a in args], stdout=subprocess.PIPE,
                                  stderr=full, stdin=subprocess.DEVNULL, env=CLI_ENV, timeout=120)
            assert proc.returncode == 2, args
            assert proc.stdout == b""
    assert listing(tmp_path) == set()
def test_an_output_name_too_long_is_one_clear_line(gen, tmp_path):
    proc = run_cli("extract", gen["report"], "-o", tmp_path / ("a" * 300 + ".json"))
    assert_clean_error(proc, "cannot write", "choose another -o path")
    assert listing(tmp_path) == set()
