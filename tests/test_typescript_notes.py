"""A 1990s typescript's footnotes under a rule at the margin, its headings in capitals and its resolution's
preambular paragraphs across a page break (A/52/620, the Fourth Committee's report of 1997, and A/52/826: Courier
at one size and no bold, raised note numbers indented as a paragraph is). Generated typescript pages."""
from __future__ import annotations

import pytest

import reportdiff
from pdfgen import typescript_report

PAGE_1 = [
    "|I.   INTRODUCTION",
    "",
    "1.   At its 9th meeting, on 27 October, the Committee adopted the draft",
    "resolution contained in chapter VIII of the report of the Special Committee^1",
    "by a recorded vote of 134 to none, with 4 abstentions. The representatives of",
    "two delegations made statements in explanation of vote after the vote, and",
    "the Chairman drew attention to the documents before the Committee.",
    "",
    "     The General Assembly,",
    "",
    "     Having examined the chapter of the report of the Special Committee^2",
    "relating to the information transmitted under Article 73 e of the Charter,",
    "",
    "     Recalling its resolution 1970 (XVIII) of 16 December 1963, in which it",
    "requested the Special Committee to continue to discharge the functions",
    "entrusted to it under resolution 1970 (XVIII),",
]
NOTES_1 = [("1", ["To be issued as Official Records of the General Assembly, Fifty-first",
                  "Session, Supplement No. 23 (A/51/23)."]),
           ("2", ["A/52/23 (Part IV), chap. VIII."])]
PAGE_2 = [
    "     Stressing the importance of timely transmission by the administering",
    "Powers of adequate information under Article 73 e of the Charter,",
    "",
    "     1.  Approves the chapter of the report of the Special Committee.",
    "",
    "|II.   OBSERVATIONS AND CONCLUSIONS",
    "",
    "2.   The Committee remains seized of the matter and will continue to follow",
    "developments in the Territories closely, in consultation with the administering",
    "Powers and the peoples of the Territories, and will report to the General",
    "Assembly at its next session on the progress made in that regard.",
    "",
    "|ANNEX",
    "",
    "|Final text of the talking points",
    "",
    "     The group agreed that the United Nations should remain engaged with all",
    "the parties, individually and collectively, and that the Member States involved",
    "should support the efforts of the Special Mission to bring the parties to the",
    "negotiating table without preconditions.",
]


def _read(tmp_path_factory, notes):
    pdf = typescript_report(tmp_path_factory.mktemp("typescript") / "A_52_999.pdf", [(PAGE_1, notes), (PAGE_2, [])])
    return reportdiff.load(pdf, cache=False, workers=1)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return _read(tmp_path_factory, NOTES_1)


@pytest.fixture(scope="module", params=[NOTES_1, []], ids=["notes on page 1", "no notes"])
def any_edition(request, tmp_path_factory):
    return _read(tmp_path_factory, request.param)


def _starting(edition, words: str):
    return next(p for p in edition.paragraphs if p.text.startswith(words))


def test_notes_under_a_rule_at_the_margin_are_footnotes(edition):
    """The notes at the page's foot are footnotes of the paragraphs citing them, not paragraphs of the body: the
    rule starts at the margin, each note is indented as a paragraph and opens on its raised number."""
    p1 = edition.paragraph("1")
    assert [(f.number, f.text) for f in p1.footnotes] == [
        ("1", "To be issued as Official Records of the General Assembly, Fifty-first Session, Supplement No. 23 "
              "(A/51/23).")]
    assert "report of the Special Committee by a recorded vote of 134 to none, with 4 abstentions." in p1.text
    having = _starting(edition, "Having examined")
    assert [(f.number, f.text) for f in having.footnotes] == [("2", "A/52/23 (Part IV), chap. VIII.")]
    assert not any("Official Records" in p.text or p.text.startswith("A/52/23") for p in edition.paragraphs)


def test_a_preambular_paragraph_opening_a_page_is_its_own(any_edition):
    """"Recalling …," ends at page 1's foot on its comma, as every preambular paragraph does; "Stressing …"
    opens page 2 indented as a paragraph: two paragraphs, not one run on across the page."""
    recalling = _starting(any_edition, "Recalling its resolution")
    assert recalling.text.endswith("the functions entrusted to it under resolution 1970 (XVIII),")
    stressing = _starting(any_edition, "Stressing the importance")
    assert stressing.text.endswith("under Article 73 e of the Charter,") and stressing.page_start == 2


def test_headings_in_capitals_make_the_section_tree(edition):
    """No bold in a typescript: its headings are short lines in capitals centred on the text's width, an annex's
    title the centred line under "ANNEX". Sections, and the paragraphs under them, as in today's documents (the
    observations found, for the brief)."""
    assert [(s.id, s.title) for s in edition.sections] == [
        ("I", "INTRODUCTION"), ("II", "OBSERVATIONS AND CONCLUSIONS"), ("ANNEX", "Final text of the talking points")]
    assert (edition.paragraph("1").section, edition.paragraph("2").section) == ("I", "II")
    assert _starting(edition, "The group agreed").section == "ANNEX"
    assert not any(p.text in ("INTRODUCTION", "ANNEX") or p.text.startswith("I. ") for p in edition.paragraphs)
