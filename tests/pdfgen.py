"""Helpers that write small, realistic test PDFs with reportlab (UN-style reports, scans, encrypted files, letters,
French reports and very long documents). Every function takes the output path and returns it, so tests can write
into pytest's tmp_path: `un_report(tmp_path / "r.pdf")`.

The layout imitates a UN Secretary-General report closely enough for the extractor: symbol as masthead and running
header, date, bold title, roman-numbered section headings, numbered paragraphs (number in the margin, text indented),
superscript footnote markers with the footnotes under a short rule, and a page footer `n/N`.
"""
from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Sequence

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas
from reportlab.lib.utils import simpleSplit

PAGE_W, PAGE_H = LETTER
LEFT = 1.1 * inch
TEXT_LEFT = LEFT + 0.5 * inch          # paragraph text sits right of its number
RIGHT = PAGE_W - 1.1 * inch
TOP = PAGE_H - 0.9 * inch
BOTTOM = 1.1 * inch
BODY_FONT, BOLD_FONT, SIZE, LEADING = "Times-Roman", "Times-Bold", 10, 12

LOREM = ("The Secretary-General welcomes the continued cooperation of the parties and notes that the security "
         "situation in the area of operations remained volatile during the reporting period. The Mission recorded "
         "{n} incidents affecting civilians, compared with {m} in the previous period, and continued to support the "
         "national authorities in the implementation of the agreement.")

LOREM_FR = ("Le Secrétaire général se félicite de la coopération continue des parties et note que la situation en "
            "matière de sécurité dans la zone d'opérations est restée instable pendant la période considérée. La "
            "Mission a recensé {n} incidents touchant des civils, contre {m} au cours de la période précédente.")


def _canvas(path: Path, **kw) -> canvas.Canvas:
    c = canvas.Canvas(str(path), pagesize=LETTER, invariant=1, **kw)   # invariant: same bytes every run
    c.setTitle("Test report")
    c.setAuthor("reportdiff tests")
    return c


class _Writer:
    """Flows headings and numbered paragraphs down pages, with running header, footer and footnotes per page."""

    def __init__(self, c: canvas.Canvas, symbol: str, total_pages_hint: int | None = None):
        self.c, self.symbol = c, symbol
        self.page = 1
        self.y = TOP
        self.footnotes: list[tuple[str, str]] = []   # footnotes to print at the bottom of the current page
        self.total = total_pages_hint

    def _footer(self) -> None:
        c = self.c
        if self.footnotes:
            y = BOTTOM + 0.15 * inch + LEADING * len(self.footnotes)
            c.setLineWidth(0.5)
            c.line(TEXT_LEFT, y, TEXT_LEFT + 1.5 * inch, y)
            c.setFont(BODY_FONT, 8)
            for i, (num, text) in enumerate(self.footnotes):
                yy = y - 10 - 10 * i
                c.setFont(BODY_FONT, 6)
                c.drawString(TEXT_LEFT, yy + 3, num)
                c.setFont(BODY_FONT, 8)
                c.drawString(TEXT_LEFT + 8, yy, text[:110])
        c.setFont(BODY_FONT, 8)
        label = f"{self.page}/{self.total}" if self.total else str(self.page)
        c.drawString(RIGHT - 0.4 * inch, 0.7 * inch, label)
        if self.page == 1:
            c.drawString(LEFT, 0.7 * inch, "25-99999 (E) 010199")

    def new_page(self) -> None:
        self._footer()
        self.c.showPage()
        self.page += 1
        self.footnotes = []
        self.c.setFont(BOLD_FONT, 9)
        self.c.drawString(LEFT, PAGE_H - 0.6 * inch, self.symbol)
        self.c.setLineWidth(0.5)
        self.c.line(LEFT, PAGE_H - 0.65 * inch, RIGHT, PAGE_H - 0.65 * inch)
        self.y = TOP

    def _room(self, lines: int) -> None:
        reserve = BOTTOM + (len(self.footnotes) + 2) * LEADING
        if self.y - lines * LEADING < reserve:
            self.new_page()

    def masthead(self, date: str, title: str, lang_note: str = "Original: English") -> None:
        c = self.c
        c.setFont(BOLD_FONT, 14)
        c.drawString(LEFT, TOP, "United Nations")
        c.setFont(BOLD_FONT, 16)
        c.drawRightString(RIGHT, TOP, self.symbol)
        c.setFont(BOLD_FONT, 20)
        c.drawString(LEFT, TOP - 0.5 * inch, "Security Council")
        c.setFont(BODY_FONT, 10)
        c.drawString(RIGHT - 1.6 * inch, TOP - 0.45 * inch, "Distr.: General")
        c.drawString(RIGHT - 1.6 * inch, TOP - 0.45 * inch - 12, date)
        c.drawString(RIGHT - 1.6 * inch, TOP - 0.45 * inch - 36, lang_note)
        c.line(LEFT, TOP - 1.0 * inch, RIGHT, TOP - 1.0 * inch)
        self.y = TOP - 1.5 * inch
        c.setFont(BOLD_FONT, 17)
        for line in simpleSplit(title, BOLD_FONT, 17, RIGHT - TEXT_LEFT):
            c.drawString(TEXT_LEFT, self.y, line)
            self.y -= 20
        self.y -= 2 * LEADING

    def heading(self, label: str, title: str) -> None:
        self._room(4)
        self.c.setFont(BOLD_FONT, 12)
        self.c.drawString(LEFT, self.y, label)
        self.c.drawString(TEXT_LEFT, self.y, title)
        self.y -= 2 * LEADING

    def paragraph(self, number: str | None, text: str, footnote: tuple[str, str] | None = None) -> None:
        lines = simpleSplit(text, BODY_FONT, SIZE, RIGHT - TEXT_LEFT)
        self._room(min(len(lines), 3) + 1)
        c = self.c
        c.setFont(BODY_FONT, SIZE)
        if number is not None:
            c.drawString(LEFT + 0.1 * inch, self.y, f"{number}.")
        for i, line in enumerate(lines):
            if self.y < BOTTOM + (len(self.footnotes) + 2) * LEADING:
                self.new_page()
                c.setFont(BODY_FONT, SIZE)
            c.drawString(TEXT_LEFT, self.y, line)
            if footnote and i == len(lines) - 1:
                w = c.stringWidth(line, BODY_FONT, SIZE)
                c.setFont(BODY_FONT, 6)
                c.drawString(TEXT_LEFT + w + 1, self.y + 4, footnote[0])
                c.setFont(BODY_FONT, SIZE)
                self.footnotes.append(footnote)
            self.y -= LEADING
        self.y -= LEADING * 0.6

    def finish(self) -> None:
        self._footer()
        self.c.save()


def un_report(path: str | Path, *, symbol: str = "S/2099/1", date: str = "1 January 2099",
              title: str = "Situation in the test region: report of the Secretary-General",
              paragraphs: int = 12, encrypt=None, lang: str = "en", texts: dict[int, str] | None = None) -> Path:
    """A short UN-style report: masthead with symbol and date, bold title, two sections of numbered paragraphs
    and one footnote. `encrypt` is passed to reportlab's Canvas (a password string or a StandardEncryption);
    `texts` replaces the text of some paragraphs (by number), to make a next edition."""
    path = Path(path)
    c = _canvas(path, encrypt=encrypt)
    w = _Writer(c, symbol)
    body = LOREM_FR if lang == "fr" else LOREM
    if lang == "fr":
        w.masthead(date, title, "Original : français")
        heads = [("I.", "Introduction"), ("II.", "Principaux faits nouveaux")]
        fn = ("1", "Voir S/2098/12, par. 4.")
    else:
        w.masthead(date, title)
        heads = [("I.", "Introduction"), ("II.", "Major developments")]
        fn = ("1", "See S/2098/12, para. 4.")
    half = max(1, paragraphs // 2)
    for k in range(1, paragraphs + 1):
        if k == 1:
            w.heading(*heads[0])
        elif k == half + 1:
            w.heading(*heads[1])
        text = (texts or {}).get(k) or body.format(n=10 * k + 3, m=9 * k + 1)
        w.paragraph(str(k), text, fn if k == 2 else None)
    w.finish()
    return path


def _typescript_page(w: _Writer, number: int, date: str) -> None:
    """A typescript page's head: the masthead on page 1, the 1990s running header (symbol, language, page) after."""
    if number == 1:
        w.masthead(date, "Report of the Fourth Committee")
        return
    w.c.setFont("Courier", SIZE)
    for k, text in enumerate((w.symbol, "English", f"Page {number}")):
        w.c.drawString(LEFT, PAGE_H - 0.6 * inch - 12 * k, text)
    w.y = TOP - 0.4 * inch


def slash_notes_report(path: str | Path, pages: list[tuple[list[str], list[str]]], *, symbol: str = "A/48/999",
                       note_size: float = SIZE) -> Path:
    """A 1990s typescript report: Courier, notes "1/ See ..." at each page's foot after extra space, with no rule
    over them, cited by "1/" on the text line. `pages`: per page, (body lines, note lines) as printed; a body
    line "" leaves a blank line (a paragraph break)."""
    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, symbol)
    for number, (body, notes) in enumerate(pages, 1):
        _typescript_page(w, number, "29 November 1993")
        c.setFont("Courier", SIZE)
        for line in body:
            c.drawString(LEFT, w.y, line)
            w.y -= LEADING
        y = BOTTOM + LEADING * len(notes)
        for line in notes:
            c.setFont("Courier", note_size)
            c.drawString(LEFT + (0.4 * inch if "/ " in line[:5] else 0), y, line)
            y -= LEADING
        c.showPage()
    c.save()
    return path


def typescript_report(path: str | Path, pages: list[tuple[list[str], list[tuple[str, list[str]]]]], *,
                      symbol: str = "A/52/999") -> Path:
    """A 1990s typescript (A/52/620): Courier at one size throughout, footnotes cited by a raised number ("^1" in a
    body line) and printed at the page's foot under a short rule that starts at the margin, each note opening on
    its raised number indented as a paragraph is; headings in capitals, centred. `pages`: per page, (body lines,
    notes as (number, lines)); a body line's leading spaces indent it (typewriter cells), one starting with "|" is
    centred on the text's width, and "" leaves a blank line."""
    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, symbol)
    cell, small = 0.6 * SIZE, 0.6 * SIZE
    for number, (body, notes) in enumerate(pages, 1):
        _typescript_page(w, number, "13 November 1997")
        for line in body:
            x = LEFT + cell * (len(line) - len(line.lstrip()))
            if line.startswith("|"):
                line = line[1:]
                x = (LEFT + RIGHT) / 2 - c.stringWidth(line, "Courier", SIZE) / 2
            for k, part in enumerate(line.lstrip().split("^")):
                if k:                                  # a raised note number, then the rest of the line
                    c.setFont("Courier", small)
                    c.drawString(x, w.y + 4, part[0])
                    x += c.stringWidth(part[0], "Courier", small)
                    part = part[1:]
                c.setFont("Courier", SIZE)
                c.drawString(x, w.y, part)
                x += c.stringWidth(part, "Courier", SIZE)
            w.y -= LEADING
        y = BOTTOM + LEADING * (sum(len(lines) + 1 for _, lines in notes) + 1)
        if notes:
            c.setLineWidth(0.5)
            c.line(LEFT, y, LEFT + 2 * inch, y)
        for num, lines in notes:
            y -= LEADING
            c.setFont("Courier", small)
            c.drawString(LEFT + 0.4 * inch, y + 4, num)
            c.setFont("Courier", SIZE)
            for k, text in enumerate(lines):
                c.drawString(LEFT + (0.4 * inch + cell if k == 0 else 0), y, text)
                y -= LEADING
        c.showPage()
    c.save()
    return path


def french_report(path: str | Path, **kw) -> Path:
    """The same short report in French (accents, « Original : français »)."""
    kw.setdefault("date", "1er janvier 2099")
    kw.setdefault("title", "Situation dans la région test : rapport du Secrétaire général")
    return un_report(path, lang="fr", **kw)


def letter(path: str | Path, *, symbol: str = "S/2099/2") -> Path:
    """A letter to the President of the Security Council: prose without numbered paragraphs."""
    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, symbol)
    w.masthead("2 January 2099", "Letter dated 1 January 2099 from the Secretary-General addressed to the President "
                                 "of the Security Council")
    for k in range(4):
        w.paragraph(None, LOREM.format(n=k + 2, m=k + 5))
    w.paragraph(None, "(Signed) A. N. Other")
    w.finish()
    return path


def scanned(path: str | Path, pages: int = 2) -> Path:
    """Image-only pages with no text layer, like a scan: a grey bitmap with dark 'text' bars on each page."""
    from reportlab.lib.utils import ImageReader

    path = Path(path)
    width, height = 170, 220
    rows = []
    for y in range(height):
        dark = (y % 8) < 3 and 20 < y < height - 20
        rows.append(bytes(0x20 if dark and 15 < x < width - 15 else 0xF0 for x in range(width)))
    raw = b"".join(rows)
    img = _gray_png(width, height, raw)
    c = _canvas(path)
    for _ in range(pages):
        c.drawImage(ImageReader(io.BytesIO(img)), 0.5 * inch, 0.5 * inch, PAGE_W - inch, PAGE_H - inch)
        c.showPage()
    c.save()
    return path


def _gray_png(width: int, height: int, raw: bytes) -> bytes:
    """A minimal 8-bit greyscale PNG (no PIL needed)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    scan = b"".join(b"\x00" + raw[y * width:(y + 1) * width] for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(scan)) + chunk(b"IEND", b""))


def encrypted(path: str | Path, *, user_password: str = "secret", owner_password: str = "owner") -> Path:
    """A UN-style report encrypted with a user password: it cannot be opened without it."""
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword=owner_password, canPrint=1, canModify=0,
                                        canCopy=0, canAnnotate=0, strength=128)
    return un_report(path, encrypt=enc)


def owner_only_encrypted(path: str | Path, *, owner_password: str = "owner", can_copy: bool = False) -> Path:
    """Encrypted with an empty user password and an owner password only (permissions restricted): any reader can
    open and read it; only 'copy' and 'modify' permissions are denied."""
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword=owner_password, canPrint=1, canModify=0,
                                        canCopy=1 if can_copy else 0, canAnnotate=0, strength=128)
    return un_report(path, encrypt=enc)


def big_document(path: str | Path, pages: int = 2000, *, paragraphs_per_page: int = 4,
                 symbol: str = "S/2099/999") -> Path:
    """A long report: `pages` pages of numbered paragraphs, running header and `n/N` footers. Written directly
    (one text block per paragraph, no layout search), so 2,000 pages take a few seconds; page compression off
    for speed."""
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=LETTER, pageCompression=0, invariant=1)
    c.setTitle("Long test report")
    para = 1
    lines_cache: dict[int, list[str]] = {}
    for page in range(1, pages + 1):
        if page == 1:
            c.setFont(BOLD_FONT, 16)
            c.drawRightString(RIGHT, TOP, symbol)
            c.setFont(BODY_FONT, 10)
            c.drawString(RIGHT - 1.6 * inch, TOP - 0.45 * inch, "1 January 2099")
            c.setFont(BOLD_FONT, 17)
            c.drawString(TEXT_LEFT, TOP - 1.2 * inch, "A very long report of the Secretary-General")
            y = TOP - 1.8 * inch
        else:
            c.setFont(BOLD_FONT, 9)
            c.drawString(LEFT, PAGE_H - 0.6 * inch, symbol)
            y = TOP
        for _ in range(paragraphs_per_page):
            key = para % 7
            if key not in lines_cache:
                lines_cache[key] = simpleSplit(LOREM.format(n=key * 11 + 3, m=key * 7 + 2), BODY_FONT, SIZE,
                                               RIGHT - TEXT_LEFT)
            lines = lines_cache[key]
            if y - LEADING * len(lines) < BOTTOM:
                break
            c.setFont(BODY_FONT, SIZE)
            c.drawString(LEFT + 0.1 * inch, y, f"{para}.")
            t = c.beginText(TEXT_LEFT, y)
            t.setFont(BODY_FONT, SIZE)
            t.setLeading(LEADING)
            for line in lines:
                t.textLine(line)
            c.drawText(t)
            y -= LEADING * (len(lines) + 1)
            para += 1
        c.setFont(BODY_FONT, 8)
        c.drawString(RIGHT - 0.4 * inch, 0.7 * inch, f"{page}/{pages}")
        c.showPage()
    c.save()
    return path


# --- byte-level damage, for the bad-input and fuzz tests -------------------------------------------------------

def truncate(data: bytes, keep: int | float) -> bytes:
    """The first `keep` bytes (an int) or share of the file (a float in 0..1)."""
    n = int(len(data) * keep) if isinstance(keep, float) else keep
    return data[:max(0, n)]


def corrupt_xref(data: bytes) -> bytes:
    """Break the cross-reference table and the startxref offset (every offset digit turned to garbage), keeping
    the %%EOF so that only a real parse notices."""
    i = data.rfind(b"startxref")
    if i < 0:
        raise ValueError("no startxref")
    head, tail = data[:i], data[i:]
    xref = head.rfind(b"\nxref")
    if xref >= 0:
        body = bytearray(head)
        for j in range(xref + 5, len(body)):
            if 0x30 <= body[j] <= 0x39:
                body[j] = ord("x")
        head = bytes(body)
    tail = b"startxref\n999999999\n%%EOF\n"
    return head + tail


def not_pdfs() -> dict[str, bytes]:
    """Things that are not PDFs but get named `.pdf`: an HTML error page, a ZIP (e.g. a .docx), plain text."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return {
        "html": b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n",
        "zip": buf.getvalue(),
        "text": b"Report of the Secretary-General\n\n1. The situation remained tense.\n",
    }


def write(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    path.write_bytes(data)
    return path


def mapped_text(path: str | Path, codes: dict[str, int], **report) -> Path:
    """`un_report` in an embedded TrueType font (reportlab's own Vera) whose ToUnicode map reads each placeholder
    character of `codes` as the code given: a lone surrogate (0xD800), a control character... — what a damaged or
    hostile file's map may say, whatever glyph it draws."""
    global BODY_FONT, BOLD_FONT, _canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    saved = BODY_FONT, BOLD_FONT, _canvas
    BODY_FONT, BOLD_FONT = "Vera", "VeraBd"
    _canvas = lambda target, **kw: saved[2](target, pageCompression=0, **kw)   # the map readable, to edit it
    try:
        path = un_report(path, **report)
    finally:
        BODY_FONT, BOLD_FONT, _canvas = saved
    data = path.read_bytes()
    for placeholder, code in codes.items():
        data = data.replace(b"<%04X>" % ord(placeholder), b"<%04X>" % code)
    return write(path, data)


__all__: Sequence[str] = ("un_report", "french_report", "slash_notes_report", "typescript_report", "letter", "scanned",
                          "encrypted", "owner_only_encrypted",
                          "big_document", "free_layout", "truncate", "corrupt_xref", "not_pdfs", "write", "mapped_text",
                          "raw_pdf", "decompression_bomb", "page_tree_bomb", "page_tree_loop", "lying_page_count")


def free_layout(path: str | Path, pages: list[list[tuple[float, float, float, str, str]]], *,
                pagesize: tuple[float, float] = LETTER, rotate: int = 0) -> Path:
    """Text drawn at arbitrary places: each page a list of (x, y, font size, font name, text). For fuzzing the
    structure stage with valid PDFs whose content is anything at all."""
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=pagesize, invariant=1)
    for items in pages:
        if rotate:
            c.setPageRotation(rotate)
        for x, y, size, font, text in items:
            c.setFont(font, size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return path


# --- hand-built PDFs for malicious-resource cases ----------------------------------------------------------------

_TEXT = b"BT /F1 12 Tf 72 720 Td (1. The Mission recorded 12 incidents.) Tj ET\n"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from object bodies (object i+1 is objects[i]) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _one_page(contents: bytes, pages_dict: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>") -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", pages_dict,
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                    b"/Resources << /Font << /F1 5 0 R >> >> >>", contents, _FONT])


def decompression_bomb(megabytes: int = 400, dictionary: bytes | None = None) -> bytes:
    """One page whose content stream is a line of text followed by `megabytes` MiB of spaces, Flate-compressed
    (about 1 KB per MiB): a few hundred KB that inflate to hundreds of MB. `dictionary`: the stream's own
    dictionary instead of the usual `<< /Length n /Filter /FlateDecode >>`."""
    z = zlib.compressobj(9)
    data = z.compress(_TEXT)
    chunk = b" " * (1 << 20)
    for _ in range(megabytes):
        data += z.compress(chunk)
    data += z.flush()
    dictionary = dictionary or b"<< /Length %d /Filter /FlateDecode >>\n" % len(data)
    return _one_page(dictionary + b"stream\n" + data + b"\nendstream")


def page_tree_bomb(levels: int = 9, fanout: int = 10) -> bytes:
    """A page tree where every Pages node lists the next one `fanout` times: fanout**levels pages from one page
    object, in under 2 KB."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    page = 2 + levels
    for lvl in range(levels):
        me = 2 + lvl
        parent = b"/Parent %d 0 R " % (me - 1) if lvl else b""
        objs.append(b"<< /Type /Pages " + parent + b"/Kids [" + b" ".join([b"%d 0 R" % (me + 1)] * fanout)
                    + b"] /Count %d >>" % fanout ** (levels - lvl))
    objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page - 1, page + 1, page + 2))
    objs.append(b"<< /Length %d >>\nstream\n" % len(_TEXT) + _TEXT + b"\nendstream")
    objs.append(_FONT)
    return raw_pdf(objs)


def page_tree_loop() -> bytes:
    """A Pages node that lists itself among its kids."""
    return _one_page(b"<< /Length %d >>\nstream\n" % len(_TEXT) + _TEXT + b"\nendstream",
                     b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>")


def lying_page_count(count: int = 10**9) -> bytes:
    """One real page, with the page tree claiming `count`."""
    return _one_page(b"<< /Length %d >>\nstream\n" % len(_TEXT) + _TEXT + b"\nendstream",
                     b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count)
