"""Cheap pre-flight checks on an input PDF, before any parsing.

`validate_pdf(path, max_pages=...)` costs a small fraction of a parse (about 20 ms for a 15-page report): it looks
at the file system entry, sniffs the first and last bytes, opens the document with pypdfium2 (page count and
encryption only, no page content) and counts what its compressed streams inflate to (decompression bombs), found
by scanning the file's bytes. For the pdfplumber engine (`engine="pdfplumber"`), and for encrypted files whose
streams only a PDF parser can decipher, pdfminer (pdfplumber's parser) must also read the cross-reference table
and trailer, and the streams are counted through it (4-5 times slower: 0.04-0.08 s for a 15-page report).
Every failure is a `ReportDiffError` subclass whose message names the file, says what is wrong and what to do, on
one line. `has_text_layer` / `require_text_layer` tell a scan (images only) from a document with text.

Policies:
- A file without the `%%EOF` end marker near its end is treated as truncated and refused, even when a reader could
  recover part of it: a partial download must not be compared as if it were the whole report.
- Encryption with a user password is refused (EncryptedPDFError). Encryption with an owner password only (anyone
  may open the file; only permissions such as copying are restricted) is accepted: the text is readable by every
  viewer and reportdiff only reads it.
"""
from __future__ import annotations

import errno
import mmap
import os
import re
import shlex
import stat
import zlib

from ..errors import CorruptPDFError, EncryptedPDFError, InputFileError, NoTextLayerError, NotAPDFError, \
    TooLargeError, UsageError, raise_if_interrupted
from .pdfium_lock import with_pdfium_lock

#: Largest input file accepted, in bytes. UN reports, annexes included, are a few MB; 256 MiB leaves a wide margin
#: while refusing e.g. a disk image renamed .pdf before a parser tries to load it.
MAX_FILE_BYTES = 256 * 1024 * 1024

#: Decompression-bomb guard: the Flate streams other than images (page contents, forms, fonts) may inflate to at
#: most this much in all, and one stream to at most MAX_STREAM_INFLATED. A UN report's pages inflate to ~50 KB each,
#: so 2,000 pages stay far below; a 500 KB file inflating to gigabytes would otherwise exhaust memory in the parser.
MAX_INFLATED_BYTES = 1024 * 1024 * 1024
MAX_STREAM_INFLATED = 256 * 1024 * 1024

#: The PDF header may follow some junk; readers (and the PDF spec's implementation notes) accept it in the first KiB.
HEADER_WINDOW = 1024
#: After the last `%%EOF`: only whitespace / NUL padding, or under a KiB of junk that does not look like PDF syntax.
EOF_WINDOW = 1024

_PDF_SYNTAX = re.compile(rb"\b(obj|endobj|stream|endstream|xref|trailer|startxref)\b")
_DECRYPT_HINT = "decrypt it first (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)"


def _name(path: str | os.PathLike) -> str:
    return os.fspath(path)


def _unreadable(name: str, e: Exception, hint: str = "") -> InputFileError:
    """The one-line error for a file that cannot be found, opened or read (`hint` ends the generic message); for
    an OSError, of the InputFileError subclass that is also that OSError (a missing file: FileNotFoundError)."""
    if isinstance(e, IsADirectoryError):
        message = f"{name} is a directory, not a PDF file; give the path of the report's PDF"
    elif isinstance(e, (NotADirectoryError, FileNotFoundError, PermissionError)):
        return InputFileError.from_os_error(e, name)
    else:
        message = f"cannot read {name}: {getattr(e, 'strerror', None) or e}{hint}"
    return InputFileError.like(e, message, name) if isinstance(e, OSError) else InputFileError(message)


def stat_regular_file(path: str | os.PathLike) -> os.stat_result:
    name = _name(path)
    if not name or "\x00" in os.fsdecode(name):
        raise InputFileError(f"{name!r} is not a path to a file; give the path of the report's PDF")
    try:
        st = os.stat(path)
    except OSError as e:
        raise _unreadable(name, e, "; check the path") from None
    if stat.S_ISDIR(st.st_mode):
        raise _unreadable(name, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name))
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(f"{name} is not a regular file (a pipe, socket or device); save the PDF to a file first")
    return st


def _read_ends(path: str | os.PathLike, size: int) -> tuple[bytes, bytes]:
    name = _name(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEADER_WINDOW + 8)
            tail_len = min(size, 64 * 1024)
            fh.seek(size - tail_len)
            tail = fh.read(tail_len)
    except OSError as e:
        raise _unreadable(name, e) from None
    return head, tail


# What a file that is not a PDF starts with, and what to call it in the error message.
FILE_SIGNATURES: tuple[tuple[bytes | tuple[bytes, ...], str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    ((b"GIF87a", b"GIF89a"), "a GIF image"),
    ((b"II*\x00", b"MM\x00*"), "a TIFF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"%!PS", "a PostScript file"),
)


def describe_non_pdf(head: bytes) -> str:
    """What a file that is not a PDF looks like, from its first bytes: 'an HTML page', 'a ZIP archive'..."""
    h = head.lstrip(b"\xef\xbb\xbf").lstrip()
    low = h[:512].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in low:
        return "an HTML page (perhaps an error or login page saved instead of the document)"
    if h.startswith(b"PK\x03\x04") or h.startswith(b"PK\x05\x06"):
        if b"word/" in head:
            return "a Word document (.docx, a ZIP archive)"
        return "a ZIP archive (a .zip, .docx or similar)"
    for magic, what in FILE_SIGNATURES:
        if h.startswith(magic):
            return what
    if low.startswith(b"<?xml"):
        return "an XML file"
    if h[:1] in (b"{", b"[") and not h.startswith(b"{\\"):
        return "a JSON file" if b'"' in h[:64] else "a text file"
    sample = head[:HEADER_WINDOW]
    if not sample.strip():
        return "blank (only whitespace or zero bytes)"
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as e:  # a multi-byte character cut at the window's end is still text
        text = sample[:e.start].decode("utf-8") if e.start > len(sample) - 4 else None
    if text is not None:
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if printable >= 0.95 * max(1, len(text)):
            return "a plain text file"
    return "unrecognised binary data"


def _looks_like_update(after: bytes) -> bool:
    """The first bytes of an incremental update: an object number, or a cut-off `xref` / `trailer` / `<<`."""
    word = after[:9]
    return after[:1].isdigit() or after.startswith(b"<<") or any(
        k.startswith(word) or word.startswith(k) for k in (b"xref", b"trailer", b"startxref"))


def _check_header_and_end(path: str | os.PathLike, head: bytes, tail: bytes) -> None:
    name = _name(path)
    if b"%PDF-" not in head[:HEADER_WINDOW + 5]:
        raise NotAPDFError(f"{name} is not a PDF: it looks like {describe_non_pdf(head)}; "
                           f"get the report's PDF (e.g. from documents.un.org)")
    at = tail.rfind(b"%%EOF")
    after = tail[at + 5:].strip(b" \t\r\n\f\x00") if at >= 0 else b""
    # After the last %%EOF: nothing, or a little junk. PDF syntax there means an incremental update cut short
    # (a file truncated after an earlier %%EOF, as in Word's hybrid files).
    if at < 0 or (after and (len(tail) - at > EOF_WINDOW or _PDF_SYNTAX.search(after) or _looks_like_update(after))):
        raise CorruptPDFError(f"{name} is truncated or damaged: it does not end with a %%EOF marker; "
                              f"download it again")


@with_pdfium_lock
def _pdfium_page_count(path: str | os.PathLike) -> tuple[int, int]:
    """(page count, security handler revision or -1) with pypdfium2, mapping its errors to ours."""
    import pypdfium2 as pdfium

    name = _name(path)
    try:
        doc = pdfium.PdfDocument(os.fspath(path))
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise EncryptedPDFError(f"{name} is encrypted (it needs a password to open); {_DECRYPT_HINT}") from None
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise EncryptedPDFError(f"{name} is encrypted with an unsupported security scheme; {_DECRYPT_HINT}") \
                from None
        if code == pdfium.raw.FPDF_ERR_FILE:
            raise InputFileError(f"cannot open {name}; check that it exists and is readable") from None
        if code == pdfium.raw.FPDF_ERR_SUCCESS:   # loaded, but FPDF_GetPageCount was 0
            raise CorruptPDFError(f"{name} is a PDF with no pages (or a damaged page tree); check the file") from None
        raise CorruptPDFError(f"{name} is a damaged PDF that cannot be opened (PDFium: format error); "
                              f"download it again or repair it (e.g. qpdf in.pdf out.pdf)") from None
    except FileNotFoundError as e:
        raise _unreadable(name, e) from None
    try:
        pages = len(doc)
        revision = pdfium.raw.FPDF_GetSecurityHandlerRevision(doc)
    finally:
        doc.close()
    if pages < 1:
        raise CorruptPDFError(f"{name} is a PDF with no pages (or a damaged page tree); check the file")
    return pages, revision


def _pdfminer_check(path: str | os.PathLike) -> None:
    """pdfplumber's parser must read the cross-reference table, trailer and document catalog."""
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect, PDFEncryptionError
    from pdfminer.pdfparser import PDFParser

    name = _name(path)
    try:
        with open(path, "rb") as fh:
            doc = PDFDocument(PDFParser(fh), password="")
            if not isinstance(doc.catalog, dict) or "Pages" not in doc.catalog:
                raise CorruptPDFError(f"{name} is a damaged PDF: its document catalog has no page tree; "
                                      f"download it again or repair it (e.g. qpdf in.pdf out.pdf)")
            _check_inflation(name, doc)
    except (CorruptPDFError, TooLargeError):
        raise
    except PDFPasswordIncorrect:
        raise EncryptedPDFError(f"{name} is encrypted (it needs a password to open); {_DECRYPT_HINT}") from None
    except PDFEncryptionError:
        raise EncryptedPDFError(f"{name} is encrypted with a scheme the PDF parser does not support; "
                                f"{_DECRYPT_HINT}") from None
    except (MemoryError, RecursionError):
        raise CorruptPDFError(f"{name} is a damaged or malicious PDF (its structure cannot be read safely); "
                              f"check the file") from None
    except Exception as e:  # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError, TypeError...)
        raise_if_interrupted(e)
        raise CorruptPDFError(f"{name} is a damaged PDF that the parser cannot read ({type(e).__name__}); "
                              f"download it again or repair it (e.g. qpdf in.pdf out.pdf)") from None


def _inflated_size(data: bytes, cap: int) -> int:
    """Bytes a zlib stream inflates to, counted in 1 MiB steps and given up past `cap` (nothing is kept)."""
    d = zlib.decompressobj()
    n = 0
    try:
        while data and not d.eof:
            out = d.decompress(data, 1 << 20)
            n += len(out)
            if n > cap:
                break
            data = d.unconsumed_tail
            if not out and not data:
                break
    except zlib.error:
        pass          # damaged data: the parser will cope or fail on it later; its size so far is what counts
    return n


# A stream's data starts after the `stream` keyword and its end of line (not the end of `endstream`).
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE_SUBTYPE = re.compile(rb"/Subtype\s*/Image\b")
# How far back from `stream` its dictionary may start: dictionaries of real PDFs are far shorter.
_DICT_WINDOW = 8192


def _check_inflation_raw(path: str | os.PathLike) -> None:
    """Refuse a decompression bomb (see MAX_INFLATED_BYTES) by inflating, and throwing away, every Flate stream
    found in the file's bytes: streams are never nested in other objects, so a scan finds them all (encrypted
    ones aside, see `_validate_pdf`). A false `stream` keyword in binary data inflates to nothing."""
    name = _name(path)
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            total = 0
            for match in _STREAM_START.finditer(data):
                start = match.end()
                head = data[max(0, match.start() - _DICT_WINDOW):match.start()]
                head = head[head.rfind(b"obj") + 1:]                # this object's dictionary only
                if b"/Fl" not in head or _IMAGE_SUBTYPE.search(head):
                    continue          # not Flate (/FlateDecode or /Fl), or an image: images may inflate large
                end = data.find(b"endstream", start)
                size = _inflated_size(data[start:end if end >= 0 else len(data)], MAX_STREAM_INFLATED)
                total += size
                if size > MAX_STREAM_INFLATED or total > MAX_INFLATED_BYTES:
                    raise TooLargeError(f"{name} holds compressed data that inflates to over "
                                        f"{min(size, total) // 2**20} MiB (a decompression bomb?); "
                                        f"refusing to read it")
    except (OSError, ValueError) as e:
        raise _unreadable(name, e) from None


def _check_inflation(name: str, doc) -> None:
    """Refuse a decompression bomb before the parser inflates it into memory (see MAX_INFLATED_BYTES), counting
    the streams pdfminer finds (it deciphers encrypted ones)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream
    from pdfminer.psparser import LIT

    image = LIT("Image")
    total = 0
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = doc.getobj(objid)
                if not isinstance(obj, PDFStream) or obj.rawdata is None or obj.get("Subtype") is image:
                    continue
                filters = obj.get_filters()
                if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
                    continue
                data = obj.rawdata
                if obj.decipher and obj.objid is not None and obj.genno is not None:
                    data = obj.decipher(obj.objid, obj.genno, data, obj.attrs)
            except Exception:
                continue      # a damaged object: the extractor reports it if it matters
            size = _inflated_size(data, MAX_STREAM_INFLATED)
            total += size
            if size > MAX_STREAM_INFLATED or total > MAX_INFLATED_BYTES:
                raise TooLargeError(f"{name} holds compressed data that inflates to over "
                                    f"{min(size, total) // 2**20} MiB (a decompression bomb?); refusing to read it")


def validate_pdf(path: str | os.PathLike, *, max_pages: int, max_bytes: int = MAX_FILE_BYTES,
                 engine: str = "pdfium") -> int:
    """See `_validate_pdf`. A file that passed is not checked again in this process while its content stays the
    same (the CLI checks every input before parsing, and `load` checks again for library callers)."""
    key = _content_key(path, max_bytes)
    if key is not None:
        key += (max_pages, max_bytes, engine)
    if key is not None and key in _VALIDATED:
        return _VALIDATED[key]
    pages = _validate_pdf(path, max_pages=max_pages, max_bytes=max_bytes, engine=engine)
    if key is not None:
        _VALIDATED[key] = pages
    return pages


_VALIDATED: dict[tuple, int] = {}


def _content_key(path: str | os.PathLike, max_bytes: int) -> tuple | None:
    """(real path, sha256 of the bytes) of a regular file within the size limit, else None (not remembered). The
    digest is the edition cache's (`cache.file_digest`), read once per process and file."""
    from ..cache import readable_digest

    digest = readable_digest(path, max_bytes)
    return (os.path.realpath(path), digest) if digest else None


def _validate_pdf(path: str | os.PathLike, *, max_pages: int, max_bytes: int = MAX_FILE_BYTES,
                  engine: str = "pdfium") -> int:
    """Check that `path` is a readable, unencrypted, whole PDF of at most `max_pages` pages that `engine` can
    read; return its page count.

    Raises (all `ReportDiffError`s, one-line messages naming the file):
      InputFileError    missing, a directory, not a regular file, unreadable, empty
      TooLargeError     file above `max_bytes`, or more than `max_pages` pages
      NotAPDFError      no %PDF- header (says what it looks like: HTML, ZIP, text...)
      CorruptPDFError   no %%EOF near the end (truncated), or PDFium / pdfminer cannot open it, or no pages
      EncryptedPDFError needs a user password, or an unsupported security handler (owner-password-only is accepted)
      UsageError        max_pages < 1
    """
    name = _name(path)
    if max_pages < 1:
        raise UsageError(f"--max-pages must be at least 1 (got {max_pages})")
    st = stat_regular_file(path)
    if st.st_size == 0:
        raise InputFileError(f"{name} is empty (0 bytes); download the PDF again")
    if st.st_size > max_bytes:
        raise TooLargeError(f"{name} is {st.st_size / 2**20:.0f} MiB, above the {max_bytes / 2**20:.0f} MiB limit "
                            f"for an input (reportdiff.pdf.inputs.MAX_FILE_BYTES); check that it is the right file")
    head, tail = _read_ends(path, st.st_size)
    _check_header_and_end(path, head, tail)
    pages, revision = _pdfium_page_count(path)
    if pages > max_pages:
        raise TooLargeError(f"{name} has {pages} pages, more than the limit of {max_pages}; "
                            f"if the file is trusted, raise the limit with --max-pages {pages}")
    if engine == "pdfplumber" or revision != -1:     # -1: not encrypted, so the raw scan sees every stream
        _pdfminer_check(path)
    else:
        _check_inflation_raw(path)
    return pages


def _sample_indices(pages: int, sample_pages: int | None) -> list[int]:
    if sample_pages is None or sample_pages >= pages:
        return list(range(pages))
    first = list(range(min(3, sample_pages)))                     # a title page and the first pages of text
    rest = sample_pages - len(first)
    spread = [round(i * (pages - 1) / max(1, rest - 1)) for i in range(rest)] if rest > 0 else []
    return sorted(set(first + spread))


@with_pdfium_lock
def text_char_counts(path: str | os.PathLike, sample_pages: int | None = 20) -> dict[int, int]:
    """Characters in the text layer of a sample of pages (0-based page index → count), read with PDFium.

    The sample is the first three pages and pages spread evenly over the rest (all pages when sample_pages is
    None). Reads no images; a few milliseconds per page. Call after validate_pdf (errors here are not mapped)."""
    import pypdfium2 as pdfium

    counts: dict[int, int] = {}
    doc = pdfium.PdfDocument(os.fspath(path))
    try:
        for i in _sample_indices(len(doc), sample_pages):
            page = doc[i]
            try:
                tp = page.get_textpage()
                try:
                    text = tp.get_text_range() if tp.count_chars() else ""
                    counts[i] = sum(1 for ch in text if not ch.isspace())
                finally:
                    tp.close()
            finally:
                page.close()
    finally:
        doc.close()
    return counts


def has_text_layer(path: str | os.PathLike, sample_pages: int | None = 20, *, min_chars: int = 20) -> bool:
    """Whether the PDF has a text layer: some sampled page holds at least `min_chars` non-space characters.

    False for a scan (images only, or a few stray characters such as a stamp). Call after validate_pdf."""
    return any(n >= min_chars for n in text_char_counts(path, sample_pages).values())


def require_text_layer(path: str | os.PathLike, sample_pages: int | None = 20) -> None:
    """Raise NoTextLayerError (the project's message) when `has_text_layer` is false."""
    if not has_text_layer(path, sample_pages):
        raise no_text_layer(path)


def no_text_layer(path: str | os.PathLike) -> NoTextLayerError:
    """The error for a PDF without a text layer, naming OCR with a command that runs from where the user is: the
    path as given, as every other input error says it (two scans may share a file name)."""
    given = os.fspath(path)
    return NoTextLayerError(f"{given} has no text layer (a scan?); run OCR first, e.g. ocrmypdf "
                            f"{shlex.quote(given)} {shlex.quote(_ocr_output(given))}")


def _ocr_output(given: str) -> str:
    """Where the suggested OCR command writes: beside the scan, "report.ocr.pdf" for "report.pdf"."""
    stem, ext = os.path.splitext(given)
    return f"{stem}.ocr{ext or '.pdf'}"


__all__ = ["MAX_FILE_BYTES", "validate_pdf", "has_text_layer", "require_text_layer", "no_text_layer",
           "text_char_counts", "describe_non_pdf"]
