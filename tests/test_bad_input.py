"""Bad input through the CLI (a subprocess, as a user runs it) and through the library.

The contract: exit 2, exactly one line on stderr starting `error:` that names the file, no traceback, and no output
file left behind when -o was given. Library calls raise the matching `ReportDiffError` subclass.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

import pdfgen
from conftest import IS_ROOT, assert_clean_error, listing, run_cli

import reportdiff
from reportdiff.pdf import inputs
from reportdiff.errors import (CorruptPDFError, EncryptedPDFError, InputFileError, NoTextLayerError, NotAPDFError,
                               OutputError, ReportDiffError, TooLargeError, UsageError)


def _extract_to(tmp_path: Path, pdf: Path, *extra: str):
    """Run `extract pdf -o out/edition.json` and return (process, output folder)."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    proc = run_cli("extract", pdf, "-o", out / "edition.json", "--no-progress", *extra)
    return proc, out


def _assert_fails_cleanly(tmp_path: Path, pdf: Path, *mentions: str, extra: tuple[str, ...] = ()) -> str:
    proc, out = _extract_to(tmp_path, pdf, *extra)
    line = assert_clean_error(proc, pdf.name, *mentions)
    assert listing(out) == set(), f"output left behind: {listing(out)}"
    assert proc.stdout == ""
    return line


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- not a PDF ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, looks_like", [("html", "HTML"), ("zip", "ZIP"), ("text", "text")])
def test_not_a_pdf(tmp_path, kind, looks_like):
    pdf = pdfgen.write(tmp_path / f"report-{kind}.pdf", pdfgen.not_pdfs()[kind])
    line = _assert_fails_cleanly(tmp_path, pdf, "not a PDF", looks_like)
    with pytest.raises(NotAPDFError):
        reportdiff.load(pdf)
    assert line


def test_empty_file(tmp_path):
    pdf = pdfgen.write(tmp_path / "empty.pdf", b"")
    _assert_fails_cleanly(tmp_path, pdf, "empty")
    with pytest.raises(InputFileError):
        reportdiff.load(pdf)


def test_header_only(tmp_path):
    pdf = pdfgen.write(tmp_path / "stub.pdf", b"%PDF-1.7\n%%EOF\n")
    _assert_fails_cleanly(tmp_path, pdf)
    with pytest.raises(CorruptPDFError):
        reportdiff.load(pdf)


# --- truncated and corrupt ------------------------------------------------------------------------------------

CUTS = {"10pct": 0.10, "50pct": 0.50, "90pct": 0.90, "minus100": -100}


@pytest.mark.parametrize("cut", CUTS)
@pytest.mark.parametrize("source", ["S_2025_72.pdf", "generated"])
def test_truncated(tmp_path, gen, cut, source):
    data = (Path(__file__).parent.parent / "samples" / source).read_bytes() if source != "generated" \
        else gen["report"].read_bytes()
    keep = CUTS[cut]
    cut_data = data[:keep] if isinstance(keep, int) else pdfgen.truncate(data, keep)
    pdf = pdfgen.write(tmp_path / f"cut-{cut}.pdf", cut_data)
    _assert_fails_cleanly(tmp_path, pdf, "truncated")
    with pytest.raises(CorruptPDFError):
        reportdiff.load(pdf)


def test_corrupt_xref_and_trailer(tmp_path, gen):
    """Cross-reference table and trailer garbled: no reader can find the document catalog."""
    pdf = pdfgen.write(tmp_path / "badxref.pdf", pdfgen.corrupt_xref(gen["report"].read_bytes()))
    _assert_fails_cleanly(tmp_path, pdf, "damaged")
    with pytest.raises(CorruptPDFError):
        reportdiff.load(pdf)


@pytest.mark.slow
def test_corrupt_xref_recoverable(tmp_path, sample_72):
    """The sample's xref garbled but its objects intact: readers rebuild the table. Either it is read, or it fails
    cleanly — never a crash."""
    pdf = pdfgen.write(tmp_path / "badxref72.pdf", pdfgen.corrupt_xref(sample_72.read_bytes()))
    proc, out = _extract_to(tmp_path, pdf)
    if proc.returncode == 0:
        assert listing(out) == {"edition.json"}
    else:
        assert_clean_error(proc, pdf.name)
        assert listing(out) == set()


def test_garbage_after_header(tmp_path):
    pdf = pdfgen.write(tmp_path / "garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    _assert_fails_cleanly(tmp_path, pdf)


def test_no_pages(tmp_path):
    """A well-formed PDF whose page tree is empty."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    pdf = tmp_path / "nopages.pdf"
    doc.save(str(pdf))
    doc.close()
    _assert_fails_cleanly(tmp_path, pdf, "no pages")


# --- encryption and scans -------------------------------------------------------------------------------------

def test_encrypted_user_password(tmp_path, gen):
    pdf = shutil.copy(gen["encrypted"], tmp_path / "locked.pdf")
    _assert_fails_cleanly(tmp_path, Path(pdf), "encrypted", "decrypt")
    with pytest.raises(EncryptedPDFError):
        reportdiff.load(pdf)


def test_owner_password_only_is_read(gen):
    """Owner-password-only encryption restricts permissions, not reading: the text is extracted."""
    assert inputs.validate_pdf(gen["owner_only"], max_pages=10) == 2
    edition = reportdiff.load(gen["owner_only"])
    plain = reportdiff.load(gen["report"])
    assert [p.text for p in edition.paragraphs] == [p.text for p in plain.paragraphs]
    assert edition.symbol == "S/2099/1"


def test_scanned(tmp_path, gen):
    pdf = shutil.copy(gen["scanned"], tmp_path / "scan.pdf")
    _assert_fails_cleanly(tmp_path, Path(pdf), "text layer")
    with pytest.raises(NoTextLayerError):
        reportdiff.load(pdf)


def test_a_scan_is_named_by_the_path_given(tmp_path, gen):
    """Two scans may share a file name: the error names the one given, and its OCR command runs from here."""
    folder = tmp_path / "second batch"
    folder.mkdir()
    pdf = shutil.copy(gen["scanned"], folder / "report.pdf")
    with pytest.raises(NoTextLayerError) as caught:
        reportdiff.load(pdf)
    message = str(caught.value)
    assert message.startswith(f"{pdf} has no text layer")
    assert f"ocrmypdf '{pdf}' '{folder / 'report.ocr.pdf'}'" in message


def test_has_text_layer(gen, sample_72):
    assert inputs.has_text_layer(sample_72)
    assert inputs.has_text_layer(gen["report"])
    assert not inputs.has_text_layer(gen["scanned"])
    with pytest.raises(NoTextLayerError, match="OCR"):
        inputs.require_text_layer(gen["scanned"])


# --- paths ----------------------------------------------------------------------------------------------------

def test_missing_path(tmp_path):
    missing = tmp_path / "no-such-report.pdf"
    _assert_fails_cleanly(tmp_path, missing, "does not exist")
    with pytest.raises(InputFileError):
        reportdiff.load(missing)


def test_directory_instead_of_file(tmp_path):
    folder = tmp_path / "reports.pdf"
    folder.mkdir()
    _assert_fails_cleanly(tmp_path, folder, "directory")
    with pytest.raises(InputFileError):
        reportdiff.load(folder)


def test_an_empty_argument_is_no_path(tmp_path, sample_72):
    """"$DIR" of an unset shell variable is "": read as the current folder, `series ""` compared every PDF in
    it and `compare "" b.pdf` named a folder the user never gave."""
    shutil.copy(sample_72, tmp_path / "a.pdf")
    for args in (("series", "", sample_72, "-f", "json", "-o", "-"), ("compare", "", sample_72),
                 ("extract", ""), ("compare", sample_72, sample_72, "-o", "")):
        proc = run_cli(*args, cwd=tmp_path, timeout=60)
        assert_clean_error(proc, "empty")
        assert proc.stdout == ""
    for bad in ("", "a\x00b.pdf"):                  # the library: one of its own errors, not os.stat's ValueError
        with pytest.raises(InputFileError, match="not a path"):
            reportdiff.load(bad)
    assert reportdiff.load(os.fsencode(sample_72), cache=False).symbol == "S/2025/72"   # a path as bytes is a path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    t = time.monotonic()
    _assert_fails_cleanly(tmp_path, fifo, "not a regular file")
    assert time.monotonic() - t < 60


@pytest.mark.skipif(IS_ROOT, reason="root reads any file whatever its mode")
def test_unreadable_file(tmp_path, gen):
    pdf = Path(shutil.copy(gen["report"], tmp_path / "secret.pdf"))
    pdf.chmod(0)
    try:
        _assert_fails_cleanly(tmp_path, pdf, "permission denied")
    finally:
        pdf.chmod(0o644)


def test_odd_file_name_stays_one_line(tmp_path):
    pdf = pdfgen.write(tmp_path / "bad\nname  with\ttabs.pdf", b"<html>oops</html>")
    proc, out = _extract_to(tmp_path, pdf)
    assert_clean_error(proc, "name with tabs.pdf")


HOSTILE_NAME = "esc\x1b[31mred\x1b]0;TITLE\x07 \u202eevil.pdf"       # colour, window title, bell, bidi override


def _assert_inert(line: str) -> None:
    assert not any(ch in line for ch in "\x1b\x07\u202e"), repr(line)


def test_file_names_reach_the_terminal_without_escape_sequences(tmp_path):
    """A file name is untrusted: printed in an error, its control characters and bidi overrides are dropped."""
    pdf = pdfgen.write(tmp_path / HOSTILE_NAME, b"<html>oops</html>")
    proc, _ = _extract_to(tmp_path, pdf)
    _assert_inert(assert_clean_error(proc, "red", "evil.pdf", "not a PDF"))
    # a usage error quotes the value given: the same cleaning applies
    _assert_inert(assert_clean_error(run_cli("compare", pdf, pdf, "--format", "\x1b[31mhtml\u202e"), "--format"))


def test_a_lone_surrogate_in_the_text_is_read_as_a_replacement_character(tmp_path):
    """A ToUnicode map naming U+D800 (no encoder writes it): read as U+FFFD, every command and format works."""
    old = pdfgen.un_report(tmp_path / "old.pdf")
    new = pdfgen.mapped_text(tmp_path / "new.pdf", {"¤": 0xD800, "¦": 0xDFFF},
                             texts={2: "Surrogate ¤ high and ¦ low and 42 incidents end."})
    proc = run_cli("extract", new, "-f", "text", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert "Surrogate \ufffd high and \ufffd low" in proc.stdout
    for fmt in ("markdown", "json", "html"):
        out = tmp_path / f"report.{fmt}"
        proc = run_cli("compare", old, new, "-f", fmt, "-o", out)
        assert proc.returncode == 0, proc.stderr
        assert "\ufffd" in out.read_text(encoding="utf-8")
    edition = reportdiff.load(new, cache=False)
    assert any("Surrogate \ufffd high" in p.text for p in edition.paragraphs)


def test_output_onto_a_pipe_or_a_link_to_a_device_is_refused(tmp_path, gen):
    """-o naming an existing FIFO, or a symbolic link to a device, is refused (the rename would have replaced it by
    a regular file: as root, -o /dev/null replaced the device); both are left as they were."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    link = tmp_path / "null.json"
    link.symlink_to(os.devnull)
    for target in (fifo, link):
        proc = run_cli("extract", gen["report"], "-o", target, timeout=60)
        assert_clean_error(proc, target.name, "not a regular file", "-o -")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert listing(tmp_path) == {"pipe.json", "null.json"}


def test_output_through_a_link_writes_its_target(tmp_path, gen):
    """-o naming a symbolic link writes the file it points to, as a shell's `>` does, and keeps the link (a
    robustness sweep: the atomic rename put a plain file in the link's place, the target untouched or never
    created)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "latest.json").write_text("old")
    link, dangling = tmp_path / "latest.json", tmp_path / "next.json"
    link.symlink_to(site / "latest.json")
    dangling.symlink_to(site / "next.json")
    for target in (link, dangling):
        proc = run_cli("extract", gen["report"], "-o", target, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert target.is_symlink()
    assert (site / "latest.json").read_text().startswith("{") and (site / "next.json").read_text().startswith("{")
    assert listing(site) == {"latest.json", "next.json"}
    # a link into a folder that is not there is refused before the work, as the folder itself would be
    lost = tmp_path / "lost.json"
    lost.symlink_to(tmp_path / "missing" / "out.json")
    assert_clean_error(run_cli("extract", gen["report"], "-o", lost, timeout=60), "missing", "does not exist")


def test_compare_fails_fast_on_bad_second_file(tmp_path, sample_72):
    """The second file is refused before the first is parsed (which takes seconds)."""
    bad = pdfgen.write(tmp_path / "second.pdf", b"")
    t = time.monotonic()
    proc = run_cli("compare", sample_72, bad, "-o", tmp_path / "cmp.json")
    assert_clean_error(proc, "second.pdf", "empty")
    assert time.monotonic() - t < 20
    assert not (tmp_path / "cmp.json").exists()


# --- output ---------------------------------------------------------------------------------------------------

def _unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write into: mode 0555 for a normal user; for root (CI), a sysfs or procfs
    folder, where creating a file fails whatever the user."""
    if not IS_ROOT:
        folder = tmp_path / "readonly"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        return folder
    for candidate in (Path("/sys"), Path("/proc")):
        if candidate.is_dir():
            return candidate
    pytest.skip("no unwritable folder available to root")


def test_unwritable_output_folder(tmp_path, gen):
    folder = _unwritable_folder(tmp_path)
    target = folder / "edition.json"
    try:
        proc = run_cli("extract", gen["report"], "-o", target)
        assert_clean_error(proc, "edition.json", "cannot write")
        assert not target.exists()
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o755)


def test_output_folder_missing(tmp_path, gen):
    proc = run_cli("extract", gen["report"], "-o", tmp_path / "nope" / "edition.json")
    assert_clean_error(proc, "does not exist")


def test_output_is_a_directory(tmp_path, gen):
    proc = run_cli("extract", gen["report"], "-o", tmp_path)
    assert_clean_error(proc, "directory")


@pytest.mark.parametrize("how", ["same", "symlink", "relative"])
def test_output_equal_to_input_is_refused(tmp_path, gen, how):
    pdf = Path(shutil.copy(gen["report"], tmp_path / "edition.pdf"))
    before = _sha(pdf)
    if how == "same":
        proc = run_cli("extract", pdf, "-o", pdf, "--format", "json")
    elif how == "symlink":
        link = tmp_path / "link.json"
        link.symlink_to(pdf)
        proc = run_cli("extract", pdf, "-o", link, "--format", "json")
    else:
        (tmp_path / "sub").mkdir()
        proc = run_cli("extract", "edition.pdf", "-o", "./sub/../edition.pdf", "--format", "json", cwd=tmp_path)
    assert_clean_error(proc, "refusing to overwrite input")
    assert _sha(pdf) == before


def test_compare_output_equal_to_second_input_is_refused(tmp_path, gen):
    pdf = Path(shutil.copy(gen["report2"], tmp_path / "new.pdf"))
    before = _sha(pdf)
    proc = run_cli("compare", gen["report"], pdf, "-o", pdf, "--format", "json")
    assert_clean_error(proc, "refusing to overwrite input")
    assert _sha(pdf) == before


@pytest.mark.parametrize("where", ["a-file", "unwritable"])
def test_broken_cache_dir_does_not_matter(tmp_path, gen, where):
    """The cache of parsed editions is an optimisation: a cache path that is a file or cannot be written changes
    nothing for the user."""
    import subprocess

    from conftest import CLI_ENV, cli_command

    if where == "a-file":
        cache = pdfgen.write(tmp_path / "cache", b"not a folder")
    else:
        cache = _unwritable_folder(tmp_path) / "reportdiff-cache"
    try:
        proc = subprocess.run(cli_command() + ["extract", str(gen["report2"])], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, env={**CLI_ENV, "REPORTDIFF_CACHE_DIR": str(cache)},
                              timeout=300)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        assert '"S/2099/50"' in proc.stdout
    finally:
        if (tmp_path / "readonly").exists():
            (tmp_path / "readonly").chmod(0o755)


# --- resource limits ------------------------------------------------------------------------------------------

def test_max_pages_exceeded(tmp_path):
    pdf = pdfgen.big_document(tmp_path / "long.pdf", pages=40)
    t = time.monotonic()
    line = _assert_fails_cleanly(tmp_path, pdf, "40 pages", "--max-pages", extra=("--max-pages", "10"))
    assert time.monotonic() - t < 30, "the page limit must be checked before parsing"
    with pytest.raises(TooLargeError):
        reportdiff.load(pdf, max_pages=10)
    assert line


def test_max_pages_zero_is_a_usage_error(tmp_path, gen):
    proc = run_cli("extract", gen["report"], "--max-pages", "0")
    assert_clean_error(proc, "--max-pages")
    with pytest.raises(UsageError):
        inputs.validate_pdf(gen["report"], max_pages=0)


def test_file_size_limit(gen):
    with pytest.raises(TooLargeError, match="MAX_FILE_BYTES"):
        inputs.validate_pdf(gen["report"], max_pages=10, max_bytes=1000)
    assert inputs.MAX_FILE_BYTES >= 64 * 2**20


@pytest.mark.parametrize("kind", [pytest.param("decompression-bomb", marks=pytest.mark.slow), "page-tree-bomb",
                                  "page-tree-loop", "lying-count"])
def test_malicious_resources(tmp_path, kind):
    """Small files that ask for huge work or memory: refused (or read) quickly with bounded memory, never a crash."""
    data = {"decompression-bomb": lambda: pdfgen.decompression_bomb(400), "page-tree-bomb": pdfgen.page_tree_bomb,
            "page-tree-loop": pdfgen.page_tree_loop, "lying-count": pdfgen.lying_page_count}[kind]()
    pdf = pdfgen.write(tmp_path / f"{kind}.pdf", data)
    t = time.monotonic()
    proc, out = _extract_to(tmp_path, pdf)
    assert time.monotonic() - t < 60
    if kind == "lying-count" and proc.returncode == 0:
        return                                   # the one real page is read: fine
    line = assert_clean_error(proc, pdf.name)
    if kind == "decompression-bomb":
        assert "decompression bomb" in line
        for engine in ("pdfium", "pdfplumber"):      # found by the byte scan, and through pdfminer
            with pytest.raises(TooLargeError):
                inputs.validate_pdf(pdf, max_pages=10, engine=engine)
    assert listing(out) == set()


@pytest.mark.slow
def test_a_bomb_in_a_stream_with_an_unusual_dictionary_is_found(tmp_path):
    """The byte scan finds a Flate stream whose dictionary spells the filter /Fl, spans lines and has no /Length."""
    data = pdfgen.decompression_bomb(400, dictionary=b"<<\n/Filter\r\n/Fl\n>>\r\n")
    assert b"/FlateDecode" not in data and b"/Length" not in data
    pdf = pdfgen.write(tmp_path / "bomb.pdf", data)
    with pytest.raises(TooLargeError):
        inputs.validate_pdf(pdf, max_pages=10)


# --- the library-level checks in detail -----------------------------------------------------------------------

def test_validate_accepts_the_samples(sample_72, sample_496):
    assert inputs.validate_pdf(sample_72, max_pages=100) == 15
    assert inputs.validate_pdf(sample_496, max_pages=100) == 14


def test_validate_tolerates_padding_after_eof(tmp_path, sample_72):
    data = sample_72.read_bytes()
    assert inputs.validate_pdf(pdfgen.write(tmp_path / "pad.pdf", data + b"\r\n\x00\x00\x00  \n"), max_pages=99)
    assert inputs.validate_pdf(pdfgen.write(tmp_path / "junk.pdf", data + b"\nsome junk"), max_pages=99)


def test_validate_is_cheap_on_long_documents(tmp_path):
    pdf = pdfgen.big_document(tmp_path / "long.pdf", pages=300)
    t = time.monotonic()
    assert inputs.validate_pdf(pdf, max_pages=1000) == 300
    assert time.monotonic() - t < 5


@pytest.mark.parametrize("head, says", [
    (b"<!DOCTYPE html><html>", "HTML"), (b"PK\x03\x04....word/document.xml", "Word"), (b"PK\x03\x04xx", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff\xe0", "JPEG"), (b"{\\rtf1\\ansi", "RTF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office"), (b"%!PS-Adobe-3.0", "PostScript"),
    (b"Just some words\n", "plain text"), (b"\x00\x01\x02\x03\xfe\xff" * 10, "binary"),
    (b"\x1f\x8b\x08", "gzip"), ("Rapport du Secrétaire général\n".encode(), "plain text"),
])
def test_describe_non_pdf(head, says):
    assert says in inputs.describe_non_pdf(head)


def test_every_error_is_a_reportdiff_error():
    for cls in (CorruptPDFError, EncryptedPDFError, InputFileError, NoTextLayerError, NotAPDFError, OutputError,
                TooLargeError, UsageError):
        assert issubclass(cls, ReportDiffError) and cls.exit_code == 2


def test_messages_are_one_line_and_name_the_file(tmp_path, gen):
    cases = [pdfgen.write(tmp_path / "a.pdf", b""), pdfgen.write(tmp_path / "b.pdf", b"<html>"),
             gen["encrypted"], tmp_path / "missing.pdf", tmp_path]
    for path in cases:
        with pytest.raises(ReportDiffError) as err:
            inputs.validate_pdf(path, max_pages=100)
        msg = str(err.value)
        assert "\n" not in msg and os.fspath(path) in msg, msg



# --- a very long document -------------------------------------------------------------------------------------

HUGE_PAGES = 2000
HUGE_SECONDS = 40 * 60          # a hard bound well inside CI's 90 minutes


@pytest.fixture(scope="module")
def huge_pdf(tmp_path_factory) -> Path:
    return pdfgen.big_document(tmp_path_factory.mktemp("huge") / "huge.pdf", pages=HUGE_PAGES)


def _run_measured(args: list[str], folder: Path, timeout: float) -> tuple[int, float, int, str]:
    """Run the CLI; return (exit code, seconds, peak RSS in MiB of the child, stderr)."""
    import subprocess

    from conftest import CLI_ENV, cli_command

    err_path = folder / "stderr.txt"
    with open(err_path, "wb") as err, open(os.devnull, "wb") as out:
        t = time.monotonic()
        proc = subprocess.Popen(cli_command() + args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=CLI_ENV)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                pytest.fail(f"{' '.join(args[:2])} took more than {timeout}s")
            time.sleep(0.2)
        seconds = time.monotonic() - t
    proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here, so Popen must not wait again
    return proc.returncode, seconds, usage.ru_maxrss // 1024, err_path.read_text()


@pytest.mark.slow
def test_huge_document_over_max_pages_is_refused_fast(huge_pdf, tmp_path):
    """A 2,000-page file with the limit at 1,000: refused before any parsing, in seconds, one line."""
    (tmp_path / "out").mkdir()
    code, seconds, _, err = _run_measured(["extract", os.fspath(huge_pdf), "--max-pages", "1000", "-o",
                                           os.fspath(tmp_path / "out" / "huge.json")], tmp_path, 120)
    assert code == 2 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and "2000 pages" in lines[0] and "--max-pages" in lines[0], err
    assert seconds < 30
    assert listing(tmp_path / "out") == set()


@pytest.mark.slow
def test_two_thousand_pages(huge_pdf, tmp_path, capsys):
    """`reportdiff extract` on 2,000 pages of numbered paragraphs: completes, reads every paragraph in order, with
    bounded memory (pages are released as they are read). Prints the time and peak memory for the record."""
    import json

    out = tmp_path / "huge.json"
    code, seconds, peak_mib, err = _run_measured(["extract", os.fspath(huge_pdf), "-o", os.fspath(out),
                                                  "--max-pages", str(HUGE_PAGES), "--no-progress", "--no-cache"],
                                                 tmp_path, HUGE_SECONDS)
    with capsys.disabled():
        print(f"\n2,000-page extract: exit {code}, {seconds:.0f} s, peak RSS {peak_mib} MiB")
    assert code == 0, err
    data = json.loads(out.read_text())
    assert data["pages"] == HUGE_PAGES
    numbers = [int(p["number"]) for p in data["paragraphs"] if p["number"]]
    assert len(numbers) > 3 * HUGE_PAGES
    assert numbers == list(range(1, len(numbers) + 1)), "numbered paragraphs lost or out of order"
    assert peak_mib < 3072, f"peak memory {peak_mib} MiB"
