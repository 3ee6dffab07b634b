"""Editions by UN symbol, against a stand-in for ODS on 127.0.0.1 (tests/ods_server.py): the same report as from
the files, every bad answer one line and exit 2 with nothing left behind, the download cache and its validators."""
from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import CLI_ENV, SAMPLES, assert_clean_error, cli_command, listing
from ods_server import OdsServer

from reportdiff import sources
from reportdiff.errors import FetchError


@pytest.fixture(scope="module")
def ods():
    server = OdsServer({"S/2025/72": SAMPLES / "S_2025_72.pdf", "S/2025/496": SAMPLES / "S_2025_496.pdf",
                        "S/2099/906": SAMPLES / "S_2025_72.pdf"}).start()
    yield server
    server.stop()


@pytest.fixture
def env(ods, tmp_path) -> dict[str, str]:
    """The CLI's environment: this test's own cache folder, the stand-in server, short timeout and size limit."""
    return {**CLI_ENV, "REPORTDIFF_CACHE_DIR": str(tmp_path / "cache"), "REPORTDIFF_ODS_URL": ods.url,
            "REPORTDIFF_ODS_TIMEOUT": "1", "REPORTDIFF_ODS_MAX_BYTES": "1500000", "SOURCE_DATE_EPOCH": "1767225600",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}   # a CI proxy must not step in


def cli(env: dict, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command() + [os.fspath(a) for a in args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=180, cwd=cwd)


def documents(env: dict) -> Path:
    return Path(env["REPORTDIFF_CACHE_DIR"]) / "documents"


# ------------------------------------------------------------------------------------------------ what a symbol is

@pytest.mark.parametrize("text", ["S/2025/496", "A/79/947", "S/2025/71/Rev.1", "E/CN.6/2025/3", "DP/FPA/2025/1",
                                  "A/HRC/58/1", "S/PV.9876", "A/C.3/79/L.5", "S/RES/2719 (2023)", "A/79/947/Add.1"])
def test_symbols(text):
    assert sources.is_symbol(text)


@pytest.mark.parametrize("text", ["report.pdf", "reports/south-sudan", "s/2025/496", "S/2025/", "S//496", "S",
                                  "S/2025/4 96", "S/2025/496\x1b[31m", "2025/496", "S/2025/-1", "S/ABC"])
def test_not_symbols(text):
    assert not sources.is_symbol(text)


def test_file_stems_are_distinct():
    assert sources.file_stem("S/2025/71/Rev.1") == "S_2025_71_Rev.1"
    assert sources.file_stem("S/RES/2719 (2023)") == "S_RES_2719(2023)"
    assert sources.file_stem("E/CN.6/2025/3") != sources.file_stem("E/CN/6/2025/3")


def test_an_existing_path_wins_over_a_symbol(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "S" / "2025").mkdir(parents=True)
    (tmp_path / "S" / "2025" / "496").write_bytes((SAMPLES / "S_2025_496.pdf").read_bytes())
    assert sources.resolve("S/2025/496") == "S/2025/496"          # the file, not ODS


# ------------------------------------------------------------------------------------------------ through the CLI

@pytest.mark.slow
def test_compare_by_symbol_is_the_compare_of_the_files(env, tmp_path, ods):
    by_symbol, by_file = tmp_path / "by-symbol.html", tmp_path / "by-file.html"
    proc = cli(env, "compare", "S/2025/72", "S/2025/496", "-o", by_symbol)
    assert proc.returncode == 0, proc.stderr
    proc = cli(env, "compare", SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf", "-o", by_file, "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert by_symbol.read_bytes() == by_file.read_bytes()
    assert sorted(p.name for p in documents(env).iterdir()) == [
        "S_2025_496.meta.json", "S_2025_496.pdf", "S_2025_72.meta.json", "S_2025_72.pdf"]
    # the JSON too, and a second run reads the cache without asking the server
    hits = dict(ods.hits)
    proc = cli(env, "compare", "S/2025/72", "S/2025/496", "-f", "json")
    files = cli(env, "compare", SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf", "-f", "json")
    assert proc.returncode == 0 and proc.stdout == files.stdout
    assert ods.hits == hits


@pytest.mark.slow
def test_extract_and_series_take_symbols(env, tmp_path):
    proc = cli(env, "extract", "S/2025/496", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert '"symbol": "S/2025/496"' in proc.stdout
    proc = cli(env, "series", "S/2025/496", "S/2025/72", "-o", tmp_path / "t.json")
    assert proc.returncode == 0, proc.stderr
    assert [e["symbol"] for e in __import__("json").loads((tmp_path / "t.json").read_text())["editions"]] == [
        "S/2025/72", "S/2025/496"]


@pytest.mark.slow
def test_fetch_to_a_folder_offline_and_refresh(env, tmp_path, ods):
    out = tmp_path / "pdfs"
    out.mkdir()
    proc = cli(env, "fetch", "S/2025/72", "S/2025/496", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [str(out / "S_2025_72.pdf"), str(out / "S_2025_496.pdf")]
    assert (out / "S_2025_72.pdf").read_bytes() == (SAMPLES / "S_2025_72.pdf").read_bytes()
    before = ods.hits.get("S/2025/72", 0)
    offline = {**env, "REPORTDIFF_ODS_URL": "http://127.0.0.1:9"}       # nothing listens there
    assert cli(offline, "fetch", "S/2025/72", "--offline").returncode == 0
    assert ods.hits.get("S/2025/72", 0) == before
    # --refresh revalidates with the ETag kept beside the file: the server answers 304, the file stays
    proc = cli(env, "fetch", "S/2025/72", "--refresh")
    assert proc.returncode == 0, proc.stderr
    assert ods.hits["S/2025/72"] == before + 1
    assert ods.last_headers["S/2025/72"].get("If-None-Match", "").startswith('"')
    assert (documents(env) / "S_2025_72.pdf").read_bytes() == (SAMPLES / "S_2025_72.pdf").read_bytes()


def test_fetch_to_a_folder_checks_every_copy_first_and_writes_through_links(env, tmp_path, ods):
    """A reviewer's finding: fetch -o copied one PDF before finding the next one's place taken by a folder (its
    hint: "give a file name for the output"), and replaced a symbolic link by a file where every other -o writes
    through it."""
    out = tmp_path / "pdfs"
    (out / "S_2025_496.pdf").mkdir(parents=True)
    assert_clean_error(cli(env, "fetch", "S/2025/72", "S/2025/496", "-o", out),
                       f"{out / 'S_2025_496.pdf'} is a folder where fetch copies the PDF")
    assert listing(out) == {"S_2025_496.pdf"}
    (out / "S_2025_496.pdf").rmdir()
    kept = tmp_path / "kept.pdf"
    (out / "S_2025_72.pdf").symlink_to(kept)
    proc = cli(env, "fetch", "S/2025/72", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert (out / "S_2025_72.pdf").is_symlink() and kept.read_bytes() == (SAMPLES / "S_2025_72.pdf").read_bytes()


def test_validators_that_are_not_ascii_are_not_kept(env, tmp_path, ods):
    """A robustness sweep: a server's ETag and Last-Modified were kept as sent, and sent back by every later
    --refresh, where httpx cannot encode "é" in a header: "unexpected failure (UnicodeEncodeError …)" on every
    refresh of that symbol until the cache was cleared. Server text is untrusted: a validator that is not
    printable ASCII is not kept, and the refresh downloads the document again."""
    import json

    assert cli(env, "fetch", "S/2099/912").returncode == 0
    meta = json.loads((documents(env) / "S_2099_912.meta.json").read_text(encoding="utf-8"))
    assert meta["etag"] is None and meta["last_modified"] is None
    proc = cli(env, "fetch", "S/2099/912", "--refresh")
    assert proc.returncode == 0, proc.stderr
    assert "If-None-Match" not in ods.last_headers["S/2099/912"]
    # a meta file written by an older version, or edited, is read the same way
    meta_path = documents(env) / "S_2099_912.meta.json"
    meta_path.write_text(json.dumps({**meta, "etag": '"v\u00e91"', "last_modified": 12}), encoding="utf-8")
    proc = cli(env, "fetch", "S/2099/912", "--refresh")
    assert proc.returncode == 0, proc.stderr
    assert not {"If-None-Match", "If-Modified-Since"} & set(ods.last_headers["S/2099/912"])


def test_a_redirect_to_a_server_that_is_down_names_that_server(env, ods):
    """A robustness sweep: "could not reach 127.0.0.1:PORT" named the server that had answered (with a redirect),
    not the one that could not be reached."""
    line = assert_clean_error(cli(env, "fetch", "S/2099/913"), "could not reach 127.0.0.1:9 (where",
                              "redirected) for S/2099/913")
    assert ods.url.split("//")[1].rstrip("/") in line


def test_a_redirect_to_an_address_httpx_cannot_fetch_is_one_line(env, tmp_path):
    """A reviewer's finding: a redirect to a data: URL raised httpx.InvalidURL, which is no httpx.HTTPError: the
    CLI said "unexpected failure … report it", the library raised httpx's own error."""
    assert_clean_error(cli(env, "fetch", "S/2099/914"), "redirected S/2099/914 to an address that cannot be fetched")
    assert not documents(env).exists() or not list(documents(env).iterdir())


@pytest.mark.parametrize("proxy", ["foo://proxy.example:1", "socks5://127.0.0.1:9"])
def test_a_proxy_httpx_cannot_use_is_one_line(env, proxy):
    """A reviewer's finding: an unknown proxy scheme (ValueError) or SOCKS without httpx's optional package
    (ImportError) came out as "unexpected failure … report it"."""
    if proxy.startswith("socks"):
        import importlib.util

        if importlib.util.find_spec("socksio") is not None:
            pytest.skip("httpx's SOCKS support (socksio) is installed here")
    env = {k: v for k, v in env.items() if k.lower() != "no_proxy"}
    assert_clean_error(cli({**env, "ALL_PROXY": proxy, "all_proxy": proxy}, "fetch", "S/2025/72"),
                       "the proxy set in the environment")


@pytest.mark.parametrize("base", ["http://LOCALHOST:{port}", "http://[::1]:{port}", "http://127.0.0.1:{port}/"])
def test_an_unreachable_server_written_otherwise_is_no_redirect(env, base):
    """A code review: the host was compared as typed with httpx's normalised URL, so "LOCALHOST", "[::1]" or a
    default port were told as a redirect to the same server."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = assert_clean_error(cli({**env, "REPORTDIFF_ODS_URL": base.format(port=port)}, "fetch", "S/2025/72"),
                              "could not reach")
    assert "redirected" not in line


def test_offline_without_the_document(env, tmp_path):
    line = assert_clean_error(cli(env, "compare", "S/2025/72", "S/2025/496", "--offline"), "S/2025/72",
                              "--offline")
    assert "not in the download cache" in line


def test_retry_after_a_503(env, tmp_path, ods):
    proc = cli(env, "fetch", "S/2099/906")
    assert proc.returncode == 0, proc.stderr
    assert ods.hits["S/2099/906"] == 2
    assert (documents(env) / "S_2099_906.pdf").read_bytes() == (SAMPLES / "S_2025_72.pdf").read_bytes()


BAD = [  # (symbol, words the one line must hold)
    ("S/2099/404", ["S/2099/404", "HTTP 404", "check the symbol"]),
    ("S/2099/900", ["S/2099/900", "no English PDF"]),
    ("S/2099/901", ["S/2099/901", "no English PDF"]),
    ("S/2099/902", ["S/2099/902", "did not answer within 1 s"]),
    ("S/2099/903", ["S/2099/903", "cut short"]),
    ("S/2099/904", ["S/2099/904", "larger than"]),
    ("S/2099/905", ["S/2099/905", "larger than"]),
    ("S/2099/907", ["S/2099/907", "server error", "4 tries"]),
    ("S/2099/908", ["S/2099/908", "wait 3600 s"]),
    ("S/2099/909", ["S/2099/909", "redirected too many times"]),
]


# The quick loop keeps an unknown symbol and an HTML page for a PDF; the others (a timeout, three backoffs: 3.5 s;
# 2-4 s each through the CLI) run in the full suite.
QUICK_ANSWERS = {"S/2099/404", "S/2099/900"}


@pytest.mark.parametrize("symbol,words", [b if b[0] in QUICK_ANSWERS else pytest.param(*b, marks=pytest.mark.slow)
                                          for b in BAD], ids=[b[0] for b in BAD])
def test_bad_answers_are_one_line_and_leave_nothing(env, tmp_path, symbol, words):
    out = tmp_path / "out"
    out.mkdir()
    for args in (["fetch", symbol, "-o", out], ["compare", symbol, SAMPLES / "S_2025_72.pdf", "-o",
                                                  out / "r.html"]):
        line = assert_clean_error(cli(env, *args), *words)
        assert "EVIL" not in line and "SERVER TEXT" not in line and "\x1b" not in line and "\u202e" not in line
        assert listing(out) == set()
        assert not documents(env).exists() or listing(documents(env)) == set()


def test_server_unreachable(env, tmp_path):
    with socket.socket() as s:                   # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = {**env, "REPORTDIFF_ODS_URL": f"http://127.0.0.1:{port}"}
    assert_clean_error(cli(down, "compare", "S/2025/72", "S/2025/496", "-o", tmp_path / "r.html"),
                       "could not reach 127.0.0.1", "pass a file path, or --offline")
    assert listing(tmp_path) == {"cache"} or listing(tmp_path) == set()


@pytest.mark.parametrize("arg, why", [("S/2025/72 ", "a space before or after it"),
                                      ("S/2025/\u200b72", "an invisible or control character"),
                                      ("S/2025/72\x1b[31m", "an invisible or control character")])
def test_a_symbol_refused_for_what_its_echo_cannot_show_says_so(env, arg, why):
    """A robustness sweep: "S/2025/72 " was refused as "S/2025/72 is not a UN document symbol": the cleaned echo
    drops the very character that made it no symbol, and the refusal read as nonsense."""
    line = assert_clean_error(cli(env, "fetch", arg), "is not a UN document symbol", why)
    assert "\x1b" not in line and "\u200b" not in line


@pytest.mark.parametrize("arg", ["S/2025/72  Rev.1", "S/2025/" + "1" * 120])
def test_a_symbol_refused_for_its_shape_blames_no_invisible_character(env, arg):
    """A code review: the reason was found by comparing the symbol with its cleaned echo, which also collapses
    spaces and cuts long text: two spaces, or a long number, were blamed on "an invisible or control character"."""
    line = assert_clean_error(cli(env, "fetch", arg), "is not a UN document symbol")
    assert "invisible" not in line and "space before or after" not in line


def test_validators_kept_are_those_a_request_can_carry():
    """Printable ASCII, and no space at either end (h11 refuses to send one: every --refresh failed)."""
    from reportdiff.sources import _validator

    assert [_validator(v) for v in ('"33a64df5"', 'W/"x y"', "Fri, 31 Jan 2025 12:00:00 GMT")] == [
        '"33a64df5"', 'W/"x y"', "Fri, 31 Jan 2025 12:00:00 GMT"]
    assert [_validator(v) for v in (' "a"', '"a" ', "", '"v\u00e91"', '"a\x1b"', 12, None, "x" * 201)] == [None] * 8


@pytest.mark.parametrize("arg", ["s/2025/496", "S/2025/4 96", "S/2025/-1"])
def test_malformed_symbols(env, tmp_path, arg, ods):
    hits = sum(ods.hits.values())
    line = assert_clean_error(cli(env, "compare", arg, SAMPLES / "S_2025_72.pdf"), "not a UN document symbol")
    assert sum(ods.hits.values()) == hits                  # never sent to the server
    assert_clean_error(cli(env, "fetch", arg), "not a UN document symbol")
    assert line


def test_library_load_by_symbol(env, monkeypatch):
    for name in ("REPORTDIFF_CACHE_DIR", "REPORTDIFF_ODS_URL", "REPORTDIFF_ODS_TIMEOUT", "NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, env[name])
    import reportdiff

    edition = reportdiff.load("S/2025/496")
    assert edition.symbol == "S/2025/496" and edition.source == "S_2025_496.pdf"
    with pytest.raises(FetchError, match="HTTP 404"):
        reportdiff.load("S/2099/404")
    with pytest.raises(FetchError, match="not in the download cache"):
        reportdiff.load("S/2025/72", offline=True)


@pytest.mark.slow
def test_batch_by_symbol_and_its_second_run_offline(env, tmp_path, ods):
    """A manifest of symbols: each task fetches its editions; the second run finds them in the download cache
    and redoes nothing, without asking the server (here: gone)."""
    manifest = tmp_path / "m.csv"
    manifest.write_text("old,new\nS/2025/72,S/2025/496\nS/2025/72,S/2099/404\n")
    proc = cli(env, "batch", manifest, "-o", tmp_path / "out", "--table", "jsonl", "-j", "1")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.strip().startswith("2 items: 1 compared, 0 unchanged since the last run, 1 failed")
    error = __import__("json").loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert error["id"] == "S_2025_72__S_2099_404" and "HTTP 404" in error["error"] and "EVIL" not in error["error"]
    by_file = cli(env, "compare", SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf", "-f", "json")
    assert (tmp_path / "out" / "S_2025_72__S_2025_496.json").read_text() == by_file.stdout.rstrip("\n")
    gone = {**env, "REPORTDIFF_ODS_URL": "http://127.0.0.1:9"}
    manifest.write_text("old,new\nS/2025/72,S/2025/496\n")
    proc = cli(gone, "batch", manifest, "-o", tmp_path / "out", "--table", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1 items: 0 compared, 1 unchanged since the last run"


# ------------------------------------------------------------------------------------------------ hostile answers

@pytest.mark.parametrize("symbol", ["S/2099/910", "S/2099/911"])
def test_a_download_that_fails_the_input_checks_is_not_kept(env, tmp_path, symbol):
    """A PDF cut short but served whole, an error page behind a %PDF- header: the input checks run on the
    downloaded bytes before they are renamed into place, so neither the cache nor -o DIR keeps them."""
    out = tmp_path / "out"
    out.mkdir()
    line = assert_clean_error(cli(env, "fetch", symbol, "-o", out), symbol, "truncated", "not kept")
    assert "EVIL" not in line
    assert listing(out) == set()
    assert not documents(env).exists() or listing(documents(env)) == set()


def test_a_damaged_file_in_the_download_cache_is_not_used(env, tmp_path):
    """A cut file an older reportdiff kept: refused and removed with --offline, downloaded again without."""
    from ods_server import HALF_PDF

    docs = documents(env)
    docs.mkdir(parents=True)
    (docs / "S_2025_72.pdf").write_bytes(HALF_PDF)
    assert_clean_error(cli(env, "fetch", "S/2025/72", "--offline"), "cached copy of S/2025/72", "damaged",
                       "fetch it again")
    assert listing(docs) == set()
    (docs / "S_2025_72.pdf").write_bytes(HALF_PDF)
    proc = cli(env, "extract", "S/2025/72", "-f", "text")
    assert proc.returncode == 0, proc.stderr
    assert (docs / "S_2025_72.pdf").read_bytes() == (SAMPLES / "S_2025_72.pdf").read_bytes()


def _closed_port() -> int:
    with socket.socket() as s:                   # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_password_in_the_server_address_is_never_printed(env):
    down = {**env, "REPORTDIFF_ODS_URL": f"http://reader:s3cret@127.0.0.1:{_closed_port()}"}
    line = assert_clean_error(cli(down, "fetch", "S/2025/72"), "could not reach 127.0.0.1")
    assert "s3cret" not in line and "reader" not in line


@pytest.mark.parametrize("name,value,words", [
    ("REPORTDIFF_ODS_URL", "http://[::1", ["REPORTDIFF_ODS_URL", "not an http(s) address"]),
    ("REPORTDIFF_ODS_URL", "http://reader:s3cret@127.0.0.1:99999999", ["not an http(s) address", "127.0.0.1"]),
    # a password holding "/" (code review): the address is shown from its host on
    ("REPORTDIFF_ODS_URL", "http://reader:s3/cret@127.0.0.1:1", ["not an http(s) address", "127.0.0.1"]),
    ("REPORTDIFF_ODS_URL", "reader:s3cret@127.0.0.1", ["not an http(s) address", "127.0.0.1"]),
    ("REPORTDIFF_ODS_MAX_BYTES", "1e400", ["REPORTDIFF_ODS_MAX_BYTES=1e400", "up to 1e+12"]),
    ("REPORTDIFF_ODS_TIMEOUT", "inf", ["REPORTDIFF_ODS_TIMEOUT=inf", "up to 86400"]),
    # a value that is no positive number was ignored, and the default used without a word (user review)
    ("REPORTDIFF_ODS_TIMEOUT", "abc", ["REPORTDIFF_ODS_TIMEOUT=abc", "not a number"]),
    ("REPORTDIFF_ODS_TIMEOUT", "0", ["REPORTDIFF_ODS_TIMEOUT=0", "above 0"]),
    ("REPORTDIFF_ODS_MAX_BYTES", "-5", ["REPORTDIFF_ODS_MAX_BYTES=-5", "from 1 up to"]),
    ("REPORTDIFF_ODS_MAX_BYTES", "0.5", ["REPORTDIFF_ODS_MAX_BYTES=0.5", "from 1 up to"]),   # was a limit of 0
])
def test_a_bad_setting_is_one_clear_line(env, name, value, words):
    line = assert_clean_error(cli({**env, name: value}, "fetch", "S/2025/72"), *words)
    assert "s3cret" not in line and "cret" not in line and "reader" not in line


@pytest.mark.parametrize("command", [["extract"], ["compare", str(SAMPLES / "S_2025_72.pdf")],
                                     ["series", str(SAMPLES / "S_2025_72.pdf")]])
@pytest.mark.parametrize("text", ["./S/2025/496", "S/2025/"])
def test_an_argument_is_taken_as_typed(env, tmp_path, command, text):
    """A reviewer's finding: the commands took their arguments as Paths, which drop a leading "./" and a trailing
    "/": "./S/2025/496", a path the user wrote as one, was fetched as the symbol S/2025/496, and "S/2025/" as
    S/2025, as the library never does."""
    proc = cli(env, *command, text, "--offline", cwd=tmp_path)
    assert_clean_error(proc, f"{text} is not an existing file, and not a UN document symbol")


def test_a_file_name_with_a_colon_and_an_at_sign_is_named_whole(tmp_path):
    """A reviewer's finding: the password filter also took "draft:v2@" for a URL's user info, so the error named
    another file ("final.pdf does not exist")."""
    proc = subprocess.run(cli_command() + ["extract", str(tmp_path / "draft:v2@final.pdf")], capture_output=True,
                          text=True, env=CLI_ENV, timeout=60)
    assert_clean_error(proc, "draft:v2@final.pdf does not exist")
    assert sources.printable("http://reader:s3cret@host/x and a:b@c.pdf") == "http://host/x and a:b@c.pdf"


def test_a_file_refused_only_for_its_size_or_lock_is_not_damaged(tmp_path, monkeypatch):
    """check_document judges damage only (code review: a 300 MiB PDF fetched under a 1 GiB limit was refused by
    the 256 MiB limit of the input checks, and thrown away); the command that reads the file applies its limits."""
    from reportdiff import sources
    from reportdiff.errors import CorruptPDFError, EncryptedPDFError, TooLargeError
    from reportdiff.pdf import inputs

    real = inputs.validate_pdf
    for refusal in (TooLargeError("x.pdf is 300 MiB, above the 256 MiB limit"), EncryptedPDFError("x.pdf is locked")):
        def refuse(path, **kw):
            raise refusal
        monkeypatch.setattr(inputs, "validate_pdf", refuse)
        sources.check_document(SAMPLES / "S_2025_72.pdf")        # no error: the reading command will say it
    monkeypatch.setattr(inputs, "validate_pdf", real)
    sources.check_document(SAMPLES / "S_2025_72.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((SAMPLES / "S_2025_72.pdf").read_bytes()[:5000])
    with pytest.raises(CorruptPDFError):
        sources.check_document(cut)


def test_a_full_disk_under_the_download_cache_is_one_clear_line(env, monkeypatch):
    import errno

    for name in ("REPORTDIFF_CACHE_DIR", "REPORTDIFF_ODS_URL", "REPORTDIFF_ODS_TIMEOUT", "NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, env[name])

    def disk_full(self, response, f):
        f.write(b"%PDF-1.7\n")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sources._Download, "_copy_body", disk_full)
    with pytest.raises(FetchError, match="cannot write the download cache .*No space left on device"):
        sources.fetch("S/2025/72")
    assert listing(documents(env)) == set()


def test_messages_and_text_forms_clean_untrusted_text_alike():
    """One mechanism for text that may come from a PDF, a server or a file name: a message line (`printable`) drops
    the same invisible format characters as the terminal and Markdown forms (the Arabic letter mark, word joiners,
    a byte order mark, tag characters), besides controls and bidi overrides."""
    from reportdiff.render.report import _clean

    hostile = "S/2025/\u061c72\u2060 \ufeffreport\U000e0041 \x1b[31mred\u202e"
    assert sources.printable(hostile) == _clean(hostile) == "S/2025/72 report [31mred"
