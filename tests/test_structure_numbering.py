"""Paragraph numbers against lists numbered afresh, and an OCR'd masthead date, on generated pages."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4

import reportdiff
from reportdiff.pdf.masthead import parse_date

from pdfgen import free_layout

T, TB = "Times-Roman", "Times-Bold"


def _compilation(path):
    """Two parts of a compilation (E/C.2/2025/2/Add.3's layout): part 1 has a list 1.-2. where paragraph numbers
    would stand, part 2 (next page) a list 1.-4. set at the same place: its "3." and "4." are the list's."""
    page1 = [(72, 780, 10, T, "United Nations                                   E/C.2/2099/1"),
             (72, 760, 10, T, "Distr.: General  1 January 2099"),
             (72, 700, 12, TB, "1.   First organization"),
             (100, 670, 10, T, "The organization has initiated several projects:"),
             (100, 650, 10, T, "1.    Madagascar: a local pact on commitment to sustainable development."),
             (100, 635, 10, T, "2.    All entities: social pacts on voluntary community engagement.")]
    page2 = [(72, 780, 12, TB, "2.   Second organization"),
             (100, 750, 10, T, "1.    The organization has continued its project of football tournaments."),
             (100, 735, 10, T, "2.    Each year, the organization distributes footballs in villages."),
             (100, 720, 10, T, "3.    The organization has established a football team for young people."),
             (100, 705, 10, T, "4.    The organization has launched a tree-planting project in the villages.")]
    return free_layout(path, [page1, page2], pagesize=A4)


def test_a_list_numbered_afresh_keeps_its_numbers(tmp_path):
    ed = reportdiff.load(_compilation(tmp_path / "c.pdf"), cache=False, workers=1)
    assert [p.number for p in ed.paragraphs if p.number] == ["1", "2"]
    text = " ".join(p.text for p in ed.paragraphs if not p.number)
    assert "3. The organization has established" in text and "4. The organization has launched" in text


def test_ocr_letters_in_a_masthead_day():
    """An OCR'd typescript reads "l6 avril 1980" (E/ICEF/672 (Part II)); the month between day and year makes it
    a date. A letter with no digit beside it is no day."""
    assert parse_date("l6 avril 1980") == "1980-04-16"
    assert parse_date("2O June 1948") == "1948-06-20"
    assert parse_date("Il June 1948") is None
