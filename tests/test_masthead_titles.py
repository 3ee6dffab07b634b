"""Titles that are not set in bold: a 1990s masthead's title in centred capitals, a masthead line the OCR misread,
a 1948 bilingual masthead on a scanned page, and the organs' session block of a joint document, on generated
pages."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

import reportdiff

from pdfgen_spacing import _scan_picture

T, TB, C = "Times-Roman", "Times-Bold", "Courier"
LEFT = 72                                   # the text column's left edge
PARAGRAPH = ("1.   In his last report the Secretary-General informed the Assembly that the",
             "talks between the two Governments had continued under his auspices and that",
             "they had reached agreement on a number of issues related to the terms of",
             "reference for a visit to the Territory by a delegation of its Parliament.",
             "2.   Regrettably, however, after much of the groundwork had been laid, the",
             "visit did not take place as planned, and the dialogue has been interrupted.")


def _centred(y: float, text: str, font: str = C, size: float = 10) -> tuple[float, float, float, str, str]:
    """A line centred on the column of PARAGRAPH's lines set in that type."""
    right = LEFT + max(stringWidth(line, font, size) for line in PARAGRAPH)
    return ((LEFT + right - stringWidth(text, font, size)) / 2, y, size, font, text)


def _draw(path, items, scanned: bool = False):
    """One A4 page of (x, y, size, font, text); `scanned`: a picture covers the page and the text is its OCR
    layer (invisible)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if scanned:
        c.beginForm("scan")
        c.drawImage(_scan_picture(), 0, 0, *A4)
        c.endForm()
        c.doForm("scan")
    for x, y, size, font, text in items:
        t = c.beginText(x, y)
        t.setTextRenderMode(3 if scanned else 0)
        t.setFont(font, size)
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return path


def _masthead_1990s(path, original: str = "ORIGINAL: ENGLISH"):
    """A/47/435's page 1: organ, "Distr. GENERAL", symbol, date and the ORIGINAL line in a column at the right,
    the session and agenda lines flush left, the title in centred capitals (typewriter type, not bold) and the
    "Report of the Secretary-General" line under it, then "I. INTRODUCTION", centred, and numbered paragraphs."""
    items = [(LEFT, 800, 14, TB, "UNITED"), (LEFT, 786, 14, TB, "NATIONS"), (150, 760, 16, TB, "General Assembly"),
             (430, 752, 10, C, "Distr."), (430, 740, 10, C, "GENERAL"), (430, 716, 10, C, "A/99/435"),
             (430, 704, 10, C, "11 September 1999"), (430, 680, 10, C, original),
             (LEFT, 630, 10, C, "Fifty-fourth session"), (LEFT, 618, 10, C, "Agenda item 103 of the provisional"),
             (LEFT, 606, 10, C, "agenda"),
             _centred(580, "QUESTION OF THE TERRITORY OF ZEMBLA AND OF ITS"),
             _centred(568, "NEIGHBOURING ISLANDS"),
             _centred(544, "Report of the Secretary-General"),
             _centred(510, "I.   INTRODUCTION")]
    items += [(LEFT, 486 - 12 * k, 10, C, line) for k, line in enumerate(PARAGRAPH)]
    return _draw(path, items)


TITLE = "QUESTION OF THE TERRITORY OF ZEMBLA AND OF ITS NEIGHBOURING ISLANDS Report of the Secretary-General"


def test_a_title_in_centred_capitals_not_bold(tmp_path):
    """The 1990s title is centred capitals in the body's type (A/47/435, A/48/653, A/52/826): it is the title, with
    the "Report of" line under it; the session and agenda lines before it stay body text, the text after it is
    the body."""
    ed = reportdiff.load(_masthead_1990s(tmp_path / "a.pdf"), cache=False, workers=1)
    assert ed.title == TITLE
    assert (ed.symbol, ed.date) == ("A/99/435", "1999-09-11")
    assert not any("ZEMBLA" in s.title for s in ed.sections)
    assert not any("ZEMBLA" in p.text or "Report of the Secretary" in p.text for p in ed.paragraphs)
    assert [p.number for p in ed.paragraphs if p.number] == ["1", "2"]
    assert any(p.text.startswith("Fifty-fourth session") for p in ed.paragraphs)


def test_a_misread_original_line_is_masthead(tmp_path):
    """An OCR that reads "ORIGINAL: ENGLISH" as "OBIGINAL: EMGLISH" still ends the masthead there: the line is
    neither the title nor text."""
    ed = reportdiff.load(_masthead_1990s(tmp_path / "a.pdf", "OBIGINAL: EMGLISH"), cache=False, workers=1)
    assert ed.title == TITLE and ed.date == "1999-09-11"
    assert not any("OBIGINAL" in p.text for p in ed.paragraphs)
    assert not any("OBIGINAL" in s.title for s in ed.sections)


def test_a_scanned_bilingual_masthead_with_a_misread_original(tmp_path):
    """E/CN.4/149 (1948, scanned): the organ's name in English and French in large bold type that the OCR reads at
    different sizes, "ORIGINAL: ENGLISH" misread on its first line. The French half ("ET SOCIAL") is masthead, not
    the title; the title is the centred capitals under the commission's name."""
    items = [(75, 800, 21, TB, "United Nations        Nations Unies"),
             (430, 784, 12, T, "17 June 1948"),
             (LEFT, 762, 16, TB, "ECONOMIC"), (250, 762, 16, TB, "CONSEIL"), (430, 762, 12, TB, "OBIGIHALS EMSLISI"),
             (100, 744, 16, TB, "AND"), (250, 744, 16, TB, "ECONOMIQUE"),
             (LEFT, 722, 20, TB, "SOCIAL COUNCIL"), (250, 722, 20, TB, "ET SOCIAL"),
             (LEFT, 680, 12, T, "COMMISSION ON HUMAN RIGHTS"), (LEFT, 662, 12, T, "Third session"),
             _centred(620, "SECOND REPORT OF THE DRAFTING SUB-COMMITTEE", T, 12),
             _centred(604, "TO THE DRAFT DECLARATION OF HUMAN RIGHTS", T, 12)]
    items += [(LEFT, 570 - 14 * k, 12, T, line) for k, line in enumerate(PARAGRAPH)]
    ed = reportdiff.load(_draw(tmp_path / "E_CN.4_999.pdf", items, scanned=True), cache=False, workers=1)
    assert ed.title == "SECOND REPORT OF THE DRAFTING SUB-COMMITTEE TO THE DRAFT DECLARATION OF HUMAN RIGHTS"
    assert ed.date == "1948-06-17"
    assert not any("CONSEIL" in s.title or "SOCIAL" in s.title for s in ed.sections)
    assert not any("OBIGIHALS" in p.text or "ET SOCIAL" in p.text for p in ed.paragraphs)


def test_the_session_block_of_a_joint_document_is_masthead(tmp_path):
    """A letter to both the General Assembly and the Security Council (A/79/740) heads its session block with the
    two organs side by side and their session and year under them: that block is masthead, not a section; the
    agenda lines under it stay body text, the item's title in bold too (no section of the letter)."""
    items = [(123, 780, 20, T, "United Nations"), (400, 780, 10, T, "A/99/740-S/2099/45"),
             (123, 752, 20, TB, "General Assembly"), (400, 758, 10, T, "Distr.: General"),
             (123, 732, 20, TB, "Security Council"), (400, 740, 10, T, "21 January 2099"),
             (400, 716, 10, T, "Original: English"),
             (60, 640, 10, TB, "General Assembly"), (340, 640, 10, TB, "Security Council"),
             (60, 628, 10, TB, "Ninety-ninth session"), (340, 628, 10, TB, "Hundredth year"),
             (60, 616, 10, T, "Agenda item 62"),
             (60, 598, 10, TB, "Crimes against humanity"),
             (123, 570, 12, TB, "Letter dated 20 January 2099 from the Permanent Representative of"),
             (123, 556, 12, TB, "Zembla to the United Nations addressed to the Secretary-General"),
             (147, 530, 10, T, "I write to inform you of the attacks that deliberately targeted civilians and the"),
             (123, 518, 10, T, "infrastructure in the capital. The annex to the present letter contains photographs."),
             (147, 500, 10, T, "I would appreciate your kind assistance in having the present letter distributed.")]
    ed = reportdiff.load(_draw(tmp_path / "a.pdf", items), cache=False, workers=1)
    assert ed.title.startswith("Letter dated 20 January 2099") and ed.symbol.startswith("A/99/740")
    assert ed.sections == []
    assert [p.text for p in ed.paragraphs[:2]] == ["Agenda item 62", "Crimes against humanity"]
    assert not any("Ninety-ninth" in p.text or "Security Council" in p.text for p in ed.paragraphs)
