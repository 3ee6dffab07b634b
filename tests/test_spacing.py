"""Word spacing as other producers set it (generated PDFs, tests/pdfgen_spacing.py), read by both engines, and the
reading of layouts other than the Secretary-General's reports of 2025: two columns, a scanned page among digital
ones."""
from __future__ import annotations

import json

import pytest

import pdfgen_spacing as gen
from conftest import run_cli
from reportdiff.pdf.extract import Char, lines_from_chars, read_pages
from reportdiff.pdf import legibility
from reportdiff.pdf.labels import misread_paragraph_number
from reportdiff.pdf.structure import build_edition

ENGINES = ["pdfium", "pdfplumber"]


def _read(path, engine):
    return build_edition(read_pages(path, engine=engine, workers=1), source=path.name)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    d = tmp_path_factory.mktemp("spacing")
    return {name: getattr(gen, f"{name}_report")(d / f"{name}.pdf")
            for name in ("scaled_matrix", "kerned", "letter_spaced", "monospaced", "partly_scanned", "two_column",
                         "ending_in_a_map", "ocr_layer", "ocr_noise", "ocr_header", "ocr_bold",
                         "ocr_symbol_header", "cut_by_a_scanned_page")}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("regime", ["scaled_matrix", "kerned", "letter_spaced", "monospaced"])
def test_words_as_drawn(pdfs, regime, engine):
    """Every regime reads back the words drawn: no word torn into letters, none run into the next (the kerned
    report's second paragraph sets its words 0.12 em apart with no space character; pdftotext joins them)."""
    ed = _read(pdfs[regime], engine)
    assert ed.symbol == "S/2099/7" and ed.date == "2099-03-03"
    assert ed.title == "Report of the Secretary-General on spacing"
    assert [(p.number, p.text) for p in ed.paragraphs] == [("1", gen.PARAGRAPHS[0]), ("2", gen.PARAGRAPHS[1])]


@pytest.mark.parametrize("engine", ENGINES)
def test_letter_spaced_headings(pdfs, engine):
    """Headings spread 0.3 em between letters read as words, with space characters between the words and
    without (each word placed on its own, where PDFium makes up a space between every two letters)."""
    ed = _read(pdfs["letter_spaced"], engine)
    assert [s.title for s in ed.sections] == gen.HEADINGS
    assert [p.section for p in ed.paragraphs] == [s.id for s in ed.sections]


def test_table_digits_stay_apart():
    """A table row of single digits ("Jonglei 5 4 7 13", S/2025/496's annex) is no letter-spaced word."""
    row = [("Jonglei", 100), ("5", 200), ("4", 240), ("7", 280), ("13", 320)]
    chars = []
    for word, x in row:
        for k, ch in enumerate(word):
            chars.append(Char(ch, x + 5 * k, x + 5 * k + 5, 100, 110, 10, False, False))
    (line,) = lines_from_chars(chars, 1)
    assert line.text == "Jonglei 5 4 7 13"


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_read_in_order(pdfs, engine):
    """Two justified columns read left column first; the ragged table under them stays rows: read as a table."""
    ed = _read(pdfs["two_column"], engine)
    numbered = [(p.number, p.text) for p in ed.paragraphs if p.number]
    assert numbered == [(str(k), t) for k, t in enumerate(gen.COLUMN_PARAGRAPHS, start=1)]
    assert not [p.text for p in ed.paragraphs if not p.number]
    (table,) = ed.tables
    assert [tuple(row) for row in table.rows] == list(gen.TABLE_ROWS)


@pytest.mark.parametrize("engine", ENGINES)
def test_scanned_page_is_reported_and_the_rest_read(pdfs, engine):
    ed = _read(pdfs["partly_scanned"], engine)
    assert ed.pages == 3 and ed.pages_without_text == [2]
    assert len(ed.warnings) == 1 and "page 2 of 3" in ed.warnings[0] and "ocrmypdf" in ed.warnings[0]
    assert [p.text for p in ed.paragraphs] == gen.PARAGRAPHS
    assert ed.to_dict()["pages_without_text"] == [2]


@pytest.mark.parametrize("engine", ENGINES)
def test_reading_goes_on_after_a_scanned_page_between_paragraphs(pdfs, engine):
    """What a page without a text layer held is missing, not the structure around it: the paragraph cut at its top
    does not run on into the words after it, and the numbering resumes at the next number printed (8, where 4 was
    expected) instead of reading the rest as unnumbered text."""
    ed = _read(pdfs["cut_by_a_scanned_page"], engine)
    assert ed.pages_without_text == [2]
    assert [(p.number, p.text) for p in ed.paragraphs] == [
        ("1", gen.PARAGRAPHS[0]), ("2", gen.PARAGRAPHS[1]), ("3", gen.CUT_START), (None, gen.CUT_TAIL),
        *gen.AFTER_GAP]
    assert [p.page_start for p in ed.paragraphs] == [1, 1, 1, 3, 3, 3]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_closing_map_page_is_noted_without_ocr_advice(pdfs, engine):
    """A mission's report often ends with its map as one picture: it is not compared, and that is said plainly;
    a picture page inside the report (test above) is more likely a scan, and OCR is suggested."""
    ed = _read(pdfs["ending_in_a_map"], engine)
    assert ed.pages == 3 and ed.pages_without_text == [3]
    assert [p.text for p in ed.paragraphs] == gen.PARAGRAPHS
    (warning,) = ed.warnings
    assert warning.startswith("page 3 of 3, the last, is a picture without a text layer") and "OCR" not in warning


@pytest.mark.parametrize("engine", ENGINES)
def test_ocr_misread_paragraph_numbers(pdfs, engine):
    """On scanned pages (the picture wrapped in a form, as some scanners write it) the OCR layer's "U.", "5>" and
    "é." are the paragraph numbers 4, 5 and 6 the text is waiting for; a later line starting "U." is text, because 4 is
    not the number expected there."""
    ed = _read(pdfs["ocr_layer"], engine)
    assert [p.number for p in ed.paragraphs] == ["1", "2", "3", "4", "5", "6"]
    assert [p.text for p in ed.paragraphs[:5]] == gen.OCR_PARAGRAPHS[:5]
    last = " U. The field offices kept their staffing plans under review."
    assert ed.paragraphs[5].text == gen.OCR_PARAGRAPHS[5] + last
    assert ed.pages_without_text == [] and ed.warnings == []


@pytest.mark.parametrize("engine", ENGINES)
def test_misread_running_header_on_scanned_pages_is_furniture(pdfs, engine):
    """A scanned typescript's running header that the OCR misreads differently on each page ("E/lCEF/6T2(Part I)",
    "Engl ish", "Pape 2", "Pe,ge 5", "E/ICFF/672(...)", E/ICEF/672's kind) and a continuation mark read as a bold
    "I . . ." (A/47/466) are page furniture: the paragraphs they cut run on whole, and none is a heading."""
    ed = _read(pdfs["ocr_header"], engine)
    assert [(p.number, p.text) for p in ed.paragraphs] == [
        (str(k), t) for k, t in enumerate(gen.OCR_PARAGRAPHS, start=1)]
    assert ed.sections == []


@pytest.mark.parametrize("engine", ENGINES)
def test_running_symbol_misread_and_specks_beyond_the_sheet_are_furniture(pdfs, engine):
    """A 1990s running header that is the symbol alone, misread on one page ("A./47/999"), and letters an OCR read
    from specks above the page's top edge ("Ai", A/47/466) are furniture: the paragraphs they cut run on whole,
    the header's lines and the specks are nowhere in the text."""
    ed = _read(pdfs["ocr_symbol_header"], engine)
    assert [(p.number, p.text) for p in ed.paragraphs] == [
        (str(k), t) for k, t in enumerate(gen.OCR_PARAGRAPHS[:5], start=1)]
    assert ed.sections == []


@pytest.mark.parametrize("engine", ENGINES)
def test_paragraphs_an_ocr_read_as_bold_are_no_headings(pdfs, engine):
    """An OCR layer that reads a whole typescript page as bold (E/ICEF/672 part II): paragraph 1, its last line
    "year." and a paragraph whose number the OCR split ("2 .") are text; the centred short line is the heading."""
    ed = _read(pdfs["ocr_bold"], engine)
    assert [s.title for s in ed.sections] == [gen.OCR_BOLD_HEADING]
    assert [(p.number, p.text) for p in ed.paragraphs] == [
        ("1", gen.OCR_PARAGRAPHS[0]), (None, "2 . " + gen.OCR_PARAGRAPHS[1] + " " + gen.OCR_PARAGRAPHS[2])]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_scanned_page_whose_ocr_is_not_words_is_left_out_and_said(pdfs, engine):
    """A scanned table printed sideways that the OCR read as letters ("CrMH OrH OJ CM", E/ICEF/672 part II) is no
    paragraph: the page is named as unread and the pages around it are read whole."""
    ed = _read(pdfs["ocr_noise"], engine)
    assert [(p.number, p.text) for p in ed.paragraphs] == [
        (str(k), t) for k, t in enumerate(gen.OCR_PARAGRAPHS + [gen.OCR_SEVENTH], start=1)]
    assert ed.pages_without_text == [2] and not ed.tables
    (warning,) = ed.warnings
    assert warning.startswith("page 2 of 3: the OCR text layer is not words")


def test_word_share_tells_ocr_noise_from_text():
    """The share of words that are words: prose in English or French, names and figures aside, against noise."""
    def line(text):
        return lines_from_chars([Char(ch, 10 + 6 * k, 16 + 6 * k, 100, 110, 10, False, False)
                                 for k, ch in enumerate(text)], 1)
    english = line("The Mission recorded 40 incidents in Malakal, more than in the previous period.")
    french = line("Le Conseil a examiné le rapport du Directeur sur la situation des enfants.")
    noise = line(gen.ocr_noise_lines(1)[0])
    assert legibility.word_share(english, "en")[0] == 1.0
    assert legibility.word_share(french, "fr")[0] == 1.0
    assert legibility.word_share(french, "en")[0] == 1.0        # a bilingual document's other language
    assert legibility.word_share(noise, "en")[0] < legibility.MIN_WORD_SHARE
    pages = [(1, english * 8), (2, noise * 8)]
    assert legibility.illegible_pages(pages, {1, 2}, "en") == [2]
    assert legibility.illegible_pages(pages, {1}, "en") == []    # a digital page's text is never judged
    assert legibility.illegible_pages([(2, noise)], {2}, "en") == []   # too few words to judge
    # elisions, hyphens, symbols and ordinals are no noise: clean French prose and a list of documents stay
    elided = line("L'Assemblée générale s'est réunie d'urgence: l'examen du rapport de maintien de la paix.")
    symbols = line("Voir les documents A/48/23, A/48/653 et E/CN.4/1996/2 de la 2e session, peace-keeping.")
    assert legibility.word_share(elided, "fr")[0] == 1.0
    assert legibility.word_share(symbols, "fr")[0] == 1.0
    assert legibility.word_share(line("CrMH 4C3 N0433 OJltn P03 Ocm"), "en")[0] < 0.2


def test_cli_warns_of_a_scanned_page(pdfs):
    r = run_cli("extract", pdfs["partly_scanned"], "-f", "json", "--no-cache")
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("warning: partly_scanned.pdf: page 2 of 3 is an image without a text layer")
    assert json.loads(r.stdout)["pages_without_text"] == [2]


@pytest.mark.parametrize("token, expected, read", [
    ("U.", 4, True), ("lU.", 14, True), ("2k.", 24, True), ("3l+.", 34, True), ("3L.", 34, True), ("1*7•", 47, True),
    ("17^", 17, True), ("é.", 6, True), ("7>", 7, True),
    ("4.", 4, False),          # a number read right is the ordinary rule's
    ("U.", 5, False),          # only the number the text waits for
    ("I.", 1, False),          # a heading's roman one
    ("lU.", 4, False), ("Ua.", 44, False), ("17,", 17, False)])
def test_misread_paragraph_number(token, expected, read):
    assert misread_paragraph_number(token, expected) is read


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_sidebar_box_read_apart_from_the_body(tmp_path, engine):
    """A narrow shaded box of key figures beside numbered paragraphs: the paragraphs read whole, without the
    box's words, and the box's text is kept, as paragraphs of its own after the one it stands beside."""
    ed = _read(gen.sidebar_report(tmp_path / "sidebar.pdf"), engine)
    numbered = [p for p in ed.paragraphs if not p.id.startswith("u")]
    assert [p.text for p in numbered] == gen.COLUMN_PARAGRAPHS
    boxed = " ".join(p.text for p in ed.paragraphs if p.id.startswith("u"))
    assert boxed.split() == " ".join(gen.SIDEBAR_LINES).split()
    assert not any("SPOTLIGHT" in s.title for s in ed.sections)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_sidebar_found_among_hundreds_of_shapes(tmp_path, engine):
    """The same page with the box drawn twice (filled, then stroked a point off) and 300 small overlapping frames
    of a map below the text: the box is still one sidebar read apart, and the frames change nothing."""
    ed = _read(gen.sidebar_report(tmp_path / "sidebar.pdf", shapes=300), engine)
    numbered = [p for p in ed.paragraphs if not p.id.startswith("u")]
    assert [p.text for p in numbered] == gen.COLUMN_PARAGRAPHS
    boxed = " ".join(p.text for p in ed.paragraphs if p.id.startswith("u"))
    assert boxed.split() == " ".join(gen.SIDEBAR_LINES).split()
    assert not any("SPOTLIGHT" in s.title for s in ed.sections)
