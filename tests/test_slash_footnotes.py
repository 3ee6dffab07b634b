"""1990s notes: "1/ See A/48/23 (Part III)." at the page's foot, at the text's size and with no rule over them,
cited by "1/" on the text line (A/48/653, A/50/610, A/51/595, E/ICEF/672). Generated typescript pages."""
from __future__ import annotations

import pytest

import reportdiff
from pdfgen import slash_notes_report

PAGE_1 = [
    "1.   The Committee considered the item at its 2nd meeting, on 6 October, and",
    "drew attention to chapter V of the report of the Special Committee, 1/ as well",
    "as the relevant documentation.",
    "",
    "2.   At the same meeting the Chairman said that the Committee had before it the",
    "report of the Secretary-General 2/ and the amendments submitted by Papua New",
    "Guinea, which would replace the title of the item by the following words and",
]
NOTES_1 = [
    "1/   See A/48/23 (Part III). To be incorporated in Official Records of the",
    "General Assembly, Forty-eighth Session, Supplement No. 23.",
    "",
    "2/   A/48/412.",
]
PAGE_2 = [
    "delete the fourth preambular paragraph of the draft resolution.",
    "",
    "3.   The draft resolution was adopted by 1/3 of the members present, as stated",
    "in A/48/23 and in decision 47/409 of 16 November 1992. 3/",
]
NOTES_2 = ["3/   Subsequently, the delegation of Rwanda informed the Committee."]


@pytest.fixture(scope="module", params=[10, 8], ids=["notes at text size", "notes in smaller type"])
def edition(request, tmp_path_factory):
    pdf = slash_notes_report(tmp_path_factory.mktemp("slash") / "A_48_999.pdf",
                             [(PAGE_1, NOTES_1), (PAGE_2, NOTES_2)], note_size=request.param)
    return reportdiff.load(pdf, cache=False, workers=1)


def test_slash_notes_read_attached_and_paragraph_joined(edition):
    """Each "n/" note at the foot is a footnote of the paragraph citing "n/"; the marker leaves the text, and the
    paragraph running on to the next page is joined without the notes between."""
    p1, p2 = edition.paragraph("1"), edition.paragraph("2")
    assert [(f.number, f.text) for f in p1.footnotes] == [
        ("1", "See A/48/23 (Part III). To be incorporated in Official Records of the General Assembly, "
              "Forty-eighth Session, Supplement No. 23.")]
    assert p1.text.endswith("report of the Special Committee, as well as the relevant documentation.")
    assert [(f.number, f.text) for f in p2.footnotes] == [("2", "A/48/412.")]
    assert p2.text.endswith("report of the Secretary-General and the amendments submitted by Papua New Guinea, "
                            "which would replace the title of the item by the following words and delete the "
                            "fourth preambular paragraph of the draft resolution.")
    assert (p2.page_start, p2.page_end) == (1, 2)
    assert edition.notes == []


def test_slash_like_text_stays_text(edition):
    """A fraction "1/3", a symbol "A/48/23" and a decision "47/409" are text, in a document whose "n/" notes are
    read: only "3/" is a marker."""
    p3 = edition.paragraph("3")
    assert p3.text == ("The draft resolution was adopted by 1/3 of the members present, as stated in A/48/23 and "
                       "in decision 47/409 of 16 November 1992.")
    assert [(f.number, f.text) for f in p3.footnotes] == [
        ("3", "Subsequently, the delegation of Rwanda informed the Committee.")]
