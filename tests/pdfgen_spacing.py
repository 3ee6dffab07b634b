"""Test PDFs whose words are spaced the ways other producers space them (reportlab, written into pytest's tmp_path).

Each `*_report` writes a short UN-style report (masthead, two numbered paragraphs, `PARAGRAPHS`) whose body lines are
drawn in one spacing regime, so that a test can compare the text read back with the text drawn:

- `scaled_matrix_report`: every word placed on its own, no space characters, font size 1 and the text matrix scaled
  to 10 points, letters 0.03 em apart (Adobe PDF Library, Acrobat Distiller: S/2025/411, A/80/150);
- `kerned_report`: words kerned pair by pair through TJ adjustments (some letters 0.1 em closer, some 0.05 em
  apart), word gaps made by TJ displacements instead of space characters, the first paragraph's 0.18 em, the
  second set tight at 0.12 em (below the 0.15 em that separates words elsewhere);
- `letter_spaced_report`: headings spread with character spacing 0.3 em, one written with space characters, one
  with each word placed on its own;
- `monospaced_report`: typewriter text in Courier (1990s documents), two spaces after a full stop, and a line whose
  words are placed at character cells without space characters;
- `partly_scanned_report`: a digital report whose second page is an image without a text layer;
- `ocr_layer_report`: two typewritten pages scanned, each picture wrapped in a form that covers the page, with an
  OCR layer of invisible text that misreads paragraph numbers as the scans of the 1980s do (E/ICEF/672: "U." for
  4., "lU." for 14.);
- `ocr_noise_report`: three scanned pages, the middle one a table printed sideways whose OCR layer is letters
  without words;
- `two_column_report`: numbered paragraphs in two justified columns (UN documents of about 2000), and below them a
  two-column table whose left cells end ragged (which must stay rows).
"""
from __future__ import annotations

import io
import random
from pathlib import Path

from reportlab.lib.utils import ImageReader

from pdfgen import BODY_FONT, BOLD_FONT, BOTTOM, LEFT, PAGE_H, PAGE_W, RIGHT, TEXT_LEFT, _canvas, _gray_png, _Writer

PARAGRAPHS = [
    "The Mission recorded forty incidents affecting civilians, compared with thirty-one in the previous period.",
    "Toward the end of the year, the Provisional Authority adopted a revised workplan and asked the Office of "
    "the Secretary-General to verify its implementation.",
]
HEADINGS = ["SUMMARY OF FINDINGS", "WAY FORWARD"]
SIZE = 10.0


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(text: str, per_line: int = 8) -> list[str]:
    words = text.split()
    return [" ".join(words[i:i + per_line]) for i in range(0, len(words), per_line)]


def _report(path: Path, draw_line, heading=None, *, font: str = BODY_FONT) -> Path:
    """Masthead and title as usual, then for each paragraph an optional heading and the numbered paragraph whose
    lines `draw_line(canvas, x, y, text)` draws; footer and job number as usual."""
    c = _canvas(path)
    w = _Writer(c, "S/2099/7", total_pages_hint=1)
    w.masthead("3 March 2099", "Report of the Secretary-General on spacing")
    y = w.y
    for k, text in enumerate(PARAGRAPHS, start=1):
        if heading is not None:
            heading(c, TEXT_LEFT, y, HEADINGS[k - 1])
            y -= 30
        c.setFont(font, SIZE)
        c.drawString(LEFT + 0.1 * 72, y, f"{k}.")
        for line in _lines(text):
            draw_line(c, TEXT_LEFT, y, line)
            y -= 12
        y -= 10
    w.y = y
    w.finish()
    return path


def scaled_matrix_report(path: str | Path) -> Path:
    def draw(c, x, y, line):
        for word in line.split():
            t = c.beginText()
            t.setTextTransform(SIZE, 0, 0, SIZE, x, y)      # Tm scales the text; Tf is 1
            t.setFont(BODY_FONT, 1)
            t.setCharSpace(0.03)                            # in text space: 0.3 pt between letters
            t.textOut(word)
            t.setCharSpace(0)
            c.drawText(t)
            x += c.stringWidth(word, BODY_FONT, SIZE) + 0.3 * len(word) + 0.25 * SIZE
    return _report(Path(path), draw)


# Pairs that a kerned font sets closer (negative: apart), in thousandths of an em, as a TJ array writes them.
_KERNS = {"To": 100, "Te": 80, "Pr": 60, "ov": 40, "fo": 30, "rd": -50, "ye": 60, "r,": 70, "ff": -40}


def kerned_report(path: str | Path) -> Path:
    def draw(c, x, y, line):
        parts = []
        tight = line in _lines(PARAGRAPHS[1])
        for i, word in enumerate(line.split()):
            if i:
                parts.append("-120" if tight else "-180")   # a word gap of 0.12 or 0.18 em, no space character
            chunk = word[0]
            for a, b in zip(word, word[1:]):
                kern = _KERNS.get(a + b)
                if kern:
                    parts.append(f"({_escape(chunk)})")
                    parts.append(str(kern))
                    chunk = b
                else:
                    chunk += b
            parts.append(f"({_escape(chunk)})")
        t = c.beginText()
        t.setTextOrigin(x, y)
        t.setFont(BODY_FONT, SIZE)
        t._code.append("[" + " ".join(parts) + "] TJ")
        c.drawText(t)
    return _report(Path(path), draw)


def letter_spaced_report(path: str | Path) -> Path:
    def spaced(c, x, y, text):
        t = c.beginText()
        t.setTextOrigin(x, y)
        t.setFont(BOLD_FONT, 12)
        t.setCharSpace(0.3 * 12)
        t.textOut(text)
        t.setCharSpace(0)
        c.drawText(t)

    def heading(c, x, y, text):
        if text == HEADINGS[0]:
            spaced(c, x, y, text)                           # with space characters, spread like the letters
            return
        for word in text.split():                           # each word placed on its own
            spaced(c, x, y, word)
            x += c.stringWidth(word, BOLD_FONT, 12) + 0.3 * 12 * len(word) + 0.6 * 12

    def draw(c, x, y, line):
        c.setFont(BODY_FONT, SIZE)
        c.drawString(x, y, line)
    return _report(Path(path), draw, heading)


def monospaced_report(path: str | Path) -> Path:
    cell = 0.6 * SIZE                                       # Courier's advance width

    def draw(c, x, y, line):
        if line.startswith("the Secretary-General"):
            for word in line.split():                       # words set at character cells, no space characters
                c.setFont("Courier", SIZE)
                c.drawString(x, y, word)
                x += cell * (len(word) + 1)
            return
        c.setFont("Courier", SIZE)
        c.drawString(x, y, line.replace(". ", ".  "))       # a typist's two spaces after a full stop
    return _report(Path(path), draw, font="Courier")


def partly_scanned_report(path: str | Path) -> Path:
    """Page 1 digital, page 2 an image only (a scanned annex), page 3 digital again."""
    return _report_with_a_picture_page(Path(path), "S/2099/8", "with a scanned page", picture_at=2)


def ending_in_a_map_report(path: str | Path) -> Path:
    """Two digital pages, then a last page that is only a picture: the map that closes a mission's report."""
    return _report_with_a_picture_page(Path(path), "S/2099/9", "with a map", picture_at=3)


def _report_with_a_picture_page(path: Path, symbol: str, title: str, picture_at: int) -> Path:
    """Three pages: paragraphs 1 and 2 on the two digital ones, and at page `picture_at` one picture and no
    text of any kind (no header, no footer)."""
    c = _canvas(path)
    w = _Writer(c, symbol, total_pages_hint=3)
    w.masthead("4 April 2099", f"Report of the Secretary-General {title}")
    for page in (1, 2, 3):
        w.page = page
        if page == picture_at:
            _image_page(c)
        elif page == 1:
            w.paragraph("1", PARAGRAPHS[0])
            w._footer()
            c.showPage()
        else:
            c.setFont(BOLD_FONT, 9)
            c.drawString(LEFT, PAGE_H - 0.6 * 72, w.symbol)
            w.y = PAGE_H - 72
            w.paragraph("2", PARAGRAPHS[1])
            w._footer()
            c.showPage()
    c.save()
    return path


# A paragraph cut by a scanned page: its start ends page 1 mid-sentence, the page between is a picture, and page 3
# opens on the end of another paragraph, then the numbering goes on from where the missing page left it.
CUT_START = ("The Mission supported the Provisional Authority in preparing the verification of the revised "
             "workplan, and the Authority")
CUT_TAIL = "asked the donors to fund the electoral commission before the end of the year."
AFTER_GAP = [("8", "The Mission recorded twelve incidents affecting civilians in the north, against nine before."),
             ("9", "The Board approved the staffing table of the field offices for the next two years.")]


def cut_by_a_scanned_page_report(path: str | Path) -> Path:
    """Paragraphs 1 and 2 and the start of 3 on page 1, a picture on page 2 (what stood there is missing: the rest
    of 3, then 4 to 7), and on page 3 the end of paragraph 7, then paragraphs 8 and 9."""
    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, "S/2099/12", total_pages_hint=3)
    w.masthead("4 April 2099", "Report of the Secretary-General with a scanned page between paragraphs")
    w.paragraph("1", PARAGRAPHS[0])
    w.paragraph("2", PARAGRAPHS[1])
    w.paragraph("3", CUT_START)
    w._footer()
    c.showPage()
    _image_page(c)
    w.page = 3
    c.setFont(BOLD_FONT, 9)
    c.drawString(LEFT, PAGE_H - 0.6 * 72, w.symbol)
    w.y = PAGE_H - 72
    w.paragraph(None, CUT_TAIL)
    for number, text in AFTER_GAP:
        w.paragraph(number, text)
    w.finish()
    return path


OCR_PARAGRAPHS = [
    "The Executive Board reviewed the progress made in the programmes for children in the past year.",
    "The situation of children remained difficult in many of the least developed countries.",
    "Emergency operations were expanded in the region after the drought of the previous season.",
    "The Board approved the medium-term plan and the financial estimates that support it.",
    "Contributions from Governments increased, although not as much as the rise in costs.",
    "The Director would report again to the Board on the staffing of the field offices.",
]
# How the OCR layer prints each paragraph's number (4 and 6 misread, and the full stop after 5; the rest read right).
OCR_NUMBERS = ["1.", "2.", "3.", "U.", "5>", "é."]


# An OCR engine's reading of a table printed sideways (E/ICEF/672 part II, page 44: "CrMH OrH OJ CM ON LTN O OJ").
_OCR_NOISE_LETTERS = "OHrCMlJNTcoahPpWdfSiXg0134-"


def ocr_noise_lines(count: int = 16, seed: int = 44) -> list[str]:
    import random
    rng = random.Random(seed)
    return [" ".join("".join(rng.choice(_OCR_NOISE_LETTERS) for _ in range(rng.randint(1, 5)))
                     for _ in range(12)) for _ in range(count)]


def ocr_noise_report(path: str | Path) -> Path:
    """Three scanned pages: the six paragraphs on page 1, on page 2 a sideways table whose OCR layer is noise
    (`ocr_noise_lines`), and on page 3 a seventh paragraph."""
    c = _canvas(Path(path))
    picture = _scan_picture()
    pages = [[(f"{k}.", text) for k, text in enumerate(OCR_PARAGRAPHS, start=1)],
             [("", line) for line in ocr_noise_lines()],
             [("7.", OCR_SEVENTH)]]
    for number, lines in enumerate(pages):
        _scanned_page(c, picture, number, lines)
    c.save()
    return Path(path)


OCR_SEVENTH = "The Board thanked the staff of the field offices for their work during the emergency."


def _scanned_page(c, picture: ImageReader, number: int, lines: list[tuple[str, str]]) -> None:
    """One scanned page: the picture drawn through a form XObject covering the page, and the OCR's text drawn
    invisible (render mode 3) in Courier, each line a label at the left margin and its text at the text's edge."""
    c.beginForm(f"scan{number}")
    c.drawImage(picture, 0, 0, PAGE_W, PAGE_H)
    c.endForm()
    c.doForm(f"scan{number}")
    text = c.beginText()
    text.setTextRenderMode(3)
    text.setFont("Courier", SIZE)
    y = PAGE_H - 90
    for label, line in lines:
        if label:
            text.setTextOrigin(LEFT, y)
            text.textOut(label)
        if line:
            text.setTextOrigin(TEXT_LEFT, y)
            text.textOut(line)
        y -= 2 * SIZE * 1.2
    c.drawText(text)
    c.showPage()


def _scan_picture() -> ImageReader:
    width, height = 120, 160
    raw = bytes(0xF0 if (y % 9) else 0x40 for y in range(height) for _ in range(width))
    return ImageReader(io.BytesIO(_gray_png(width, height, raw)))


def ocr_layer_report(path: str | Path) -> Path:
    """Two scanned pages of three paragraphs each: the page's picture drawn through a form XObject, the OCR's text
    drawn invisible (render mode 3) in Courier where the typewriter put it. Page 2 ends with a line that starts
    with "U." and is no paragraph (the number it would misread, 4, is not the one the text is waiting for)."""
    c = _canvas(Path(path))
    picture = _scan_picture()
    for page in (0, 1):
        lines = [(OCR_NUMBERS[k], OCR_PARAGRAPHS[k]) for k in range(3 * page, 3 * page + 3)]
        # page 2's last line starts "U." at the paragraphs' numbers' place, and is no paragraph
        _scanned_page(c, picture, page, lines + ([("U. The field offices kept their staffing plans under review.", "")]
                                                 if page == 1 else []))
    c.save()
    return Path(path)


def _image_page(c) -> None:
    """A page that is one picture and no text at all (a scanned page, or a map drawn as an image)."""
    width, height = 120, 160
    raw = b"".join(bytes(0x30 if (y % 9) < 3 and 12 < x < width - 12 else 0xF0 for x in range(width))
                   for y in range(height))
    c.drawImage(ImageReader(io.BytesIO(_gray_png(width, height, raw))), 36, 36, PAGE_W - 72, PAGE_H - 72)
    c.showPage()


COLUMN_PARAGRAPHS = [
    "The Conference of the Parties held its fourth session at Buenos Aires and adopted a plan of action that "
    "consists of six decisions on the financial mechanism, the transfer of technology and the needs of developing "
    "countries arising from the adverse effects of climate change.",
    "The fifth session was held at Bonn and advanced the implementation of the plan of action; several countries "
    "called for the Protocol to be ratified so that it could enter into force as one of the markers of the summit.",
    "The first part of the sixth session was held in The Hague and its outcome was inconclusive; the session was "
    "suspended and resumed at Bonn, where a political agreement on the main issues was reached.",
    "Progress is being made in promoting policy coherence with other conventions related to sustainable "
    "development, and a joint liaison group is being formed with the secretariats of the other conventions.",
]
TABLE_ROWS = [("Belarus", "11 June 1992"), ("Bhutan", "11 June 1992"), ("Democratic Republic of the Congo",
              "12 June 1992"), ("Trinidad and Tobago", "11 June 1992"), ("Viet Nam", "11 June 1992"),
              ("Zambia", "11 June 1992"), ("Cabo Verde", "12 June 1992"), ("Saint Kitts and Nevis", "12 June 1992")]


def _justified(c, x: float, y: float, words: list[str], width: float, last: bool) -> None:
    """One line of words set to fill `width` by stretching its word spaces (Tw), as a justified column is."""
    t = c.beginText()
    t.setTextOrigin(x, y)
    t.setFont(BODY_FONT, SIZE)
    if not last and len(words) > 1:
        natural = c.stringWidth(" ".join(words), BODY_FONT, SIZE)
        t.setWordSpace((width - natural) / (len(words) - 1))
    t.textOut(" ".join(words))
    t.setWordSpace(0)
    c.drawText(t)


def two_column_report(path: str | Path) -> Path:
    from reportlab.lib.utils import simpleSplit

    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, "A/99/509", total_pages_hint=1)
    w.masthead("5 May 2099", "Report on the sessions of the Conference of the Parties")
    gutter = 14.0
    col = (RIGHT - LEFT - gutter) / 2
    top = w.y
    for k, text in enumerate(COLUMN_PARAGRAPHS, start=1):
        x = LEFT if k <= 2 else LEFT + col + gutter
        if k == 3:
            w.y = top
        lines = simpleSplit(f"{k}. " + text, BODY_FONT, SIZE, col)
        for i, line in enumerate(lines):
            _justified(c, x, w.y, line.split(), col, i == len(lines) - 1)
            w.y -= 12
        w.y -= 10
    w.y = min(w.y, top - 12 * 14) - 20
    c.setFont(BODY_FONT, SIZE)
    for name, date in TABLE_ROWS:             # a table: names ragged, dates in a column after a gap
        c.drawString(LEFT + 30, w.y, name)
        c.drawString(LEFT + col + gutter, w.y, date)
        w.y -= 12
    w.finish()
    return path


SIDEBAR_LINES = ["SPOTLIGHT: Clean water", "- 12 million people with safe", "  drinking water in 40 countries",
                 "- 300 new treatment plants", "- 5,000 engineers trained"]


def sidebar_report(path: str | Path, shapes: int = 0) -> Path:
    """Numbered paragraphs whose lines stop short of a narrow box of key figures beside them (a UNDP annual
    report's "SPOTLIGHT"): the box's lines fall at the body lines' heights, between them. With `shapes`, the box is
    drawn twice (filled, then stroked a point off), and a map of that many small overlapping frames, without text,
    is drawn under the paragraphs."""
    from reportlab.lib.utils import simpleSplit

    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, "DP/2099/12", total_pages_hint=1)
    w.masthead("5 May 2099", "Annual report of the Administrator")
    box_w, gap = 190.0, 16.0
    narrow = RIGHT - LEFT - box_w - gap
    box_x, box_top = RIGHT - box_w, w.y + 10
    c.setFillGray(0.9)
    box_h = 14 * len(SIDEBAR_LINES) + 16
    c.rect(box_x, box_top - box_h, box_w, box_h, stroke=0 if shapes else 1, fill=1)
    c.setFillGray(0)
    if shapes:
        c.rect(box_x + 1, box_top - box_h + 1, box_w - 1, box_h - 1, stroke=1, fill=0)
        rng = random.Random(7)
        for _ in range(shapes):               # a map's shapes, in the band above the footer, clear of the text
            x, y = rng.uniform(LEFT, RIGHT - 80), rng.uniform(BOTTOM + 10, BOTTOM + 70)
            c.rect(x, y, rng.uniform(60, 80), rng.uniform(24, 40), stroke=1, fill=0)
    y = box_top - 16
    for k, line in enumerate(SIDEBAR_LINES):
        c.setFont(BOLD_FONT if k == 0 else BODY_FONT, SIZE)
        c.drawString(box_x + 8, y - 7 * (k > 0), line)      # set between the body's lines, not on them
        y -= 14
    for k, text in enumerate(COLUMN_PARAGRAPHS, start=1):
        lines = simpleSplit(f"{k}. " + text, BODY_FONT, SIZE, narrow)
        for i, line in enumerate(lines):
            _justified(c, LEFT, w.y, line.split(), narrow, i == len(lines) - 1)
            w.y -= 12
        w.y -= 10
    w.finish()
    return path


__all__ = ["PARAGRAPHS", "HEADINGS", "scaled_matrix_report", "kerned_report", "letter_spaced_report",
           "monospaced_report", "partly_scanned_report", "ending_in_a_map_report", "ocr_layer_report",
           "ocr_noise_report", "two_column_report", "sidebar_report", "SIDEBAR_LINES", "COLUMN_PARAGRAPHS",
           "TABLE_ROWS", "OCR_PARAGRAPHS", "OCR_NUMBERS"]


# The running header of a scanned typescript as its OCR layer reads it on pages 2-6: symbol, language and page
# marker misread differently on most pages (E/ICEF/672: "E/lCEF/6î2(...)", "Franc air:", "Pape 7", "Pe,ge 9").
OCR_HEADERS = [("E/lCEF/6T2(Part I)", "Engl ish", "Pape 2"), ("E/ICEF/672(Part I)", "English", "Page 3"),
               ("L'/ICEF/672( Part I)", "Englisn", "Page U"), ("E/ICEF/672(Part I)", "English", "Pe,ge 5"),
               ("E/ICFF/672(Part I)", "Eng1ish", "Page 6")]
# A continuation mark "/..." at a page's foot the OCR read as a bold "I . . ." (A/47/466).
OCR_DOTS = "I . . ."


def _ocr_pages_report(path: str | Path, headers: list[tuple[str, ...]], header_x, extra=None) -> Path:
    """Scanned pages (pictures and invisible Courier OCR text), one more than `headers`: paragraph k (of
    `OCR_PARAGRAPHS`) starts at the foot of page k and ends at the top of page k + 1, under the running header
    lines `headers[k]` set from `header_x(page)` (each sheet a little apart); the last paragraph stands whole on
    the last page. `extra(text, page)` draws whatever else a page carries."""
    pages = len(headers) + 1
    c = _canvas(Path(path))
    picture = _scan_picture()
    halves = [(" ".join(t.split()[:len(t.split()) // 2]), " ".join(t.split()[len(t.split()) // 2:]))
              for t in OCR_PARAGRAPHS[:pages - 1]] + [(OCR_PARAGRAPHS[pages - 1], "")]
    for page in range(pages):
        c.drawImage(picture, 0, 0, PAGE_W, PAGE_H)
        text = c.beginText()
        text.setTextRenderMode(3)
        text.setFont("Courier", SIZE)
        if page:
            for k, line in enumerate(headers[page - 1]):
                text.setTextOrigin(header_x(page) + page, PAGE_H - 40 - 2 * page - 12 * k)
                text.textOut(line)
        y = PAGE_H - 130
        if page:
            text.setTextOrigin(LEFT, y)
            text.textOut(halves[page - 1][1])
            y -= 2 * SIZE * 1.2
        text.setTextOrigin(LEFT, y)
        text.textOut(f"{page + 1}.")
        text.setTextOrigin(TEXT_LEFT, y)
        text.textOut(halves[page][0])
        if extra:
            extra(text, page)
        c.drawText(text)
        c.showPage()
    c.save()
    return Path(path)


def ocr_header_report(path: str | Path) -> Path:
    """Six scanned pages (`_ocr_pages_report`) under a running header misread differently on most pages
    (`OCR_HEADERS`), standing left on even pages and right on odd ones. Pages 2 and 4 end with the bold dot noise
    `OCR_DOTS`."""
    def dots(text, page):
        if page in (1, 3):
            text.setFont("Courier-Bold", SIZE)
            text.setTextOrigin(RIGHT - 50, 70)
            text.textOut(OCR_DOTS)

    return _ocr_pages_report(path, OCR_HEADERS, lambda page: LEFT if page % 2 else RIGHT - 130, dots)


# A 1990s running header that is the symbol alone (A/47/466): the OCR misreads it on one page, and reads specks
# of the sheet above the page's edge as letters ("Ai", "aa": text beyond the visible page).
OCR_SYMBOL_HEADERS = [("A/47/999", "English", "Page 2"), ("A./47/999", "English", "Page 3"),
                      ("A/47/999", "English", "Page 4"), ("A/47/999", "English", "Page 5")]
OCR_SPECKS = {1: "Ai", 2: "aa"}           # page index -> the letters read above the sheet's top edge


def ocr_symbol_header_report(path: str | Path) -> Path:
    """Five scanned pages (`_ocr_pages_report`) under the running symbol, language and page marker
    (`OCR_SYMBOL_HEADERS`); pages 2 and 3 carry `OCR_SPECKS` drawn above the page's top edge."""
    def specks(text, page):
        if page in OCR_SPECKS:
            text.setTextOrigin(RIGHT - 60, PAGE_H + 24)
            text.textOut(OCR_SPECKS[page])

    return _ocr_pages_report(path, OCR_SYMBOL_HEADERS, lambda page: LEFT, specks)


OCR_BOLD_HEADING = "Primary health care"


def ocr_bold_report(path: str | Path) -> Path:
    """One scanned page whose OCR layer is all bold (Courier-Bold, as E/ICEF/672 part II's pages 9-14 read):
    paragraph 1, a centred heading, and a paragraph whose number the OCR split ("2 ."); lines of eight words,
    the next line at the left margin, ragged on the right as typescript is."""
    c = _canvas(Path(path))
    c.drawImage(_scan_picture(), 0, 0, PAGE_W, PAGE_H)
    text = c.beginText()
    text.setTextRenderMode(3)
    text.setFont("Courier-Bold", SIZE)
    y = PAGE_H - 130
    for number, paragraph in (("1.", OCR_PARAGRAPHS[0]), ("2 .", OCR_PARAGRAPHS[1] + " " + OCR_PARAGRAPHS[2])):
        if number != "1.":
            text.setTextOrigin(PAGE_W / 2 - 60, y)
            text.textOut(OCR_BOLD_HEADING)
            y -= 2 * SIZE * 1.2
        for line in _lines(f"{number} {paragraph}"):
            text.setTextOrigin(LEFT, y)
            text.textOut(line)
            y -= SIZE * 1.2
        y -= SIZE * 1.2
    c.drawText(text)
    c.showPage()
    c.save()
    return Path(path)
