"""Spot checks of real UN documents of other bodies, offices and eras (tests/fixtures/more/, copied from the
project's wider test set): masthead, furniture, word spacing and structure as each layout prints them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportdiff

MORE = Path(__file__).resolve().parent / "fixtures" / "more"
JOB = re.compile(r"\b\d{2}-\d{5}\b")


@pytest.fixture(scope="module")
def editions():
    return {p.stem: reportdiff.load(p, cache=False, workers=1) for p in sorted(MORE.glob("*.pdf"))}


def _all_text(ed) -> str:
    parts = [ed.title] + [s.title for s in ed.sections] + [p.text for p in ed.paragraphs]
    parts += [f.text for p in ed.paragraphs for f in p.footnotes] + [f.text for f in ed.notes]
    return "\n".join(parts)


@pytest.mark.parametrize("name, symbol, date", [
    ("A_48_653", "A/48/653", "1993-11-29"),          # 1990s: "Distr. / GENERAL / ... / ORIGINAL: ENGLISH"
    ("A_51_595", "A/51/595", "1996-11-08"),
    ("A_56_509", "A/56/509", "2001-10-26"),
    ("FCCC_SBSTA_2011_Misc.14", "FCCC/SBSTA/2011/MISC.14", "2011-11-08"),   # symbol only at page 1's foot
    ("GEGN.2_2025_64", "GEGN.2/2025/64", "2025-02-13"),
    ("HRI_MC_2025_1", "HRI/MC/2025/1", "2025-03-28"),
    ("S_2025_411_p1-3", "S/2025/411", "2025-06-25"),
])
def test_masthead(editions, name, symbol, date):
    ed = editions[name]
    assert (ed.symbol, ed.date, ed.language) == (symbol, date, "en")


@pytest.mark.parametrize("name", ["A_48_653", "A_51_595", "FCCC_SBSTA_2011_Misc.14", "HRI_MC_2025_1",
                                  "S_2025_411_p1-3"])
def test_no_furniture_in_the_text(editions, name):
    """Job lines of every era and office (95-37106 (E) 011295 /..., GE.25-04731 (E) 280325 280325), the 1990s
    running header (A/51/595 / English / Page 2) and continuation mark, Geneva's symbol at the foot."""
    text = _all_text(editions[name])
    assert not JOB.search(text)
    assert not re.search(r"^(English|Page \d+|/\.\.\.)$", text, re.M)
    assert "/..." not in text and "Page 2" not in text


def test_numbered_paragraphs_of_the_1990s(editions):
    """Typewriter pages (Courier, 1990s): paragraphs 1-13 in order, the running header gone from them."""
    ed = editions["A_48_653"]
    assert [p.number for p in ed.paragraphs if p.number] == [str(k) for k in range(1, 14)]
    assert ed.paragraph("1").text.startswith("At its 3rd plenary meeting, on 24 September 1993, the General "
                                             "Assembly")


def test_two_columns(editions):
    """A/56/509 (2001) is set in two columns: each paragraph reads whole, in order."""
    ed = editions["A_56_509"]
    assert [p.number for p in ed.paragraphs if p.number] == [str(k) for k in range(1, 12)]
    assert ed.paragraph("2").text.startswith("The Conference of the Parties to the United Nations Framework "
                                             "Convention on Climate Change held its fourth session at Buenos Aires")
    assert ed.paragraph("3").text.startswith("The fifth session of the Conference of the Parties was held at Bonn")


def test_adobe_pdf_library_words(editions):
    """S/2025/411 (Adobe PDF Library: font size 1, text matrix scaled): words, not letters."""
    ed = editions["S_2025_411_p1-3"]
    assert ed.paragraphs[0].text.startswith("I have the honour to transmit herewith my six-month report on the "
                                            "implementation of resolution 2231 (2015)")
    assert ed.paragraph("1").text.startswith("The note by the President of the Security Council of 16 January 2016 "
                                             "(S/2016/44) sets forth the practical arrangements")
    assert [p.number for p in ed.paragraphs if p.number][:5] == ["1", "2", "3", "4", "5"]


def test_star_footnotes_at_text_size(editions):
    """GEGN.2/2025/64: '*' and '**' footnotes under the rule, their markers printed at text size in the
    agenda line and the 'Summary**' heading, which is no part of the title."""
    ed = editions["GEGN.2_2025_64"]
    assert ed.title == ("Implementation by New Zealand of relevant resolutions, recommendations and strategic "
                        "intentions")
    agenda = next(p for p in ed.paragraphs if "provisional agenda" in p.text)
    assert agenda.text.endswith("Item 7 (a) of the provisional agenda")
    assert [(f.number, f.text) for f in agenda.footnotes] == [("*", "GEGN.2/2025/1.")]
    summary = next(s for s in ed.sections if s.title == "Summary")
    assert [f.number for f in summary.footnotes] == ["**"]
    assert summary.footnotes[0].text.startswith("The full report was prepared by Wendy Shaw")


def test_title_footnote_kept_as_a_note(editions):
    """HRI/MC/2025/1: the title's footnote marker stands in no paragraph; its text is kept as a note."""
    ed = editions["HRI_MC_2025_1"]
    assert ed.title == "Provisional agenda and annotations"
    assert [n.number for n in ed.notes] == ["*"]
    assert ed.notes[0].text.startswith("Agreement was reached to publish the present document after the standard")


def test_footnotes_above_the_symbol_at_the_foot(editions):
    ed = editions["FCCC_SBSTA_2011_Misc.14"]
    notes = {f.number: f.text for p in ed.paragraphs for f in p.footnotes}
    assert notes == {"1": "FCCC/SBSTA/2010/13, paragraph 47.", "2": "FCCC/SBSTA/2010/13, paragraphs 48–50.",
                     "3": "FCCC/SBSTA/2011/2, paragraph 56."}


def test_slash_notes_of_the_1990s(editions):
    """A/48/653: "1/ See A/48/23 (Part III)." at the page's foot, no rule, at the text's size, cited "1/" in the
    text: footnotes of the paragraphs citing them, not text glued to the next page's paragraph."""
    ed = editions["A_48_653"]
    assert [(f.number, f.text[:26]) for f in ed.paragraph("3").footnotes] == [("1", "See A/48/23 (Part III). To")]
    assert [f.number for f in ed.paragraph("10").footnotes] == ["2", "4"]    # "2/" cited again a page on
    glued = next(p for p in ed.paragraphs if p.text.startswith("(a) The title of the item would be replaced"))
    assert glued.text.startswith('(a) The title of the item would be replaced by: "Activities of foreign')
    assert glued.text.endswith('Colonial Countries and Peoples in Territories under colonial domination";')
    concerned = next(p for p in ed.paragraphs if p.text.startswith("Concerned about the activities of those"))
    assert "the interests of the inhabitants of those Territories" in concerned.text
    assert not any(re.search(r"\b\d/ ", p.text) for p in ed.paragraphs) and ed.notes == []


def test_edition_json_has_the_new_fields(editions):
    d = editions["HRI_MC_2025_1"].to_dict()
    assert d["language"] == "en" and d["pages_without_text"] == [] and d["warnings"] == []
    assert d["notes"][0]["number"] == "*"
    again = reportdiff.Edition.from_dict(d)
    assert again.to_dict() == d


def test_boxed_recommendation_is_text_under_its_label(editions):
    """The Inspectors' boxed recommendation (JIU/REP/2025/2, page 30): a short bold "Recommendation 13", then its
    text in bold lines to the box's edge. The label is a heading; the text is a paragraph under it, not part of the
    heading's title (the brief quotes paragraphs: recommendations must be one)."""
    ed = editions["JIU_REP_2025_2_p1-30"]
    box = next(s for s in ed.sections if s.title == "Recommendation 13")
    (text,) = [p for p in ed.paragraphs if p.section == box.id]
    assert text.text.startswith("By the end of 2026, legislative organs and/or governing bodies should request")
    assert text.text.endswith("criminal referrals made to the competent national authorities.")
    assert all(len(s.title.split()) < 20 for s in ed.sections)


def test_typescript_headings_in_capitals(editions):
    """A/51/595 (1996, Courier, nothing in bold): its headings are centred lines in capitals; the numbered
    paragraphs sit under them, the session and rapporteur lines before the first."""
    ed = editions["A_51_595"]
    assert [(s.id, s.title) for s in ed.sections] == [
        ("I", "INTRODUCTION"), ("II", "CONSIDERATION OF PROPOSALS"),
        ("III", "RECOMMENDATION OF THE SPECIAL POLITICAL AND DECOLONIZATION COMMITTEE (FOURTH COMMITTEE)")]
    assert [p.section for p in ed.paragraphs if p.number in ("1", "3", "4", "8")] == ["I", "I", "II", "III"]
    assert not any(p.text.startswith(("I. INTRODUCTION", "II. CONSIDERATION")) for p in ed.paragraphs)


def test_a_forms_rows_are_neither_heading_nor_one_paragraph(editions):
    """CCPR/C/121/D/2025/2011 (a treaty body's decision): "Communication submitted by: C", "Alleged victim: The
    author" … — labels in italics, values set apart to the right — are a form's rows, each its own paragraph; they
    had been read as headings, two rows to a heading."""
    ed = editions["CCPR_C_121_D_2025_2011"]
    assert ed.sections == []               # "Human Rights Committee", over the title, is the session block's
    assert [p.text for p in ed.paragraphs[:6]] == [
        "Human Rights Committee", "Communication submitted by: C", "Alleged victim: The author",
        "State party: Russian Federation", "Date of communication: 2 November 2009", "Substantive issue: Unfair trial"]
    assert ed.paragraphs[6].text.startswith("At its meeting on 8 November 2017, the Committee")
    assert [n.number for n in ed.notes] == ["*", "**"]


@pytest.mark.parametrize("name, first_sections", [
    ("GEGN.2_2025_64", ["Summary"]),
    ("HRI_MC_2025_1", ["Provisional agenda", "Annotations"]),
    ("FCCC_SBSTA_2011_Misc.14", ["Submission from the secretariat of the Global Terrestrial Observing System"]),
])
def test_the_session_block_over_the_title_is_no_section(editions, name, first_sections):
    """The organ, session, agenda item and the item's title printed over the document's title (in bold, as the
    title is) are the session block, body text before the document's own sections: GEGN.2/2025/64's section tree
    had opened "United Nations Group of Experts on Geographical Names" › "2025 session" › the agenda item's title,
    every section of the document under them."""
    ed = editions[name]
    assert [s.title for s in ed.sections[:len(first_sections)]] == first_sections
    assert all(s.parent is None for s in ed.sections[:1])
