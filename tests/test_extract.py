"""Extraction: real UN reports (the samples) and a generated edition whose text model is known exactly."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import reportdiff
from reportdiff.pdf import extract
from reportdiff.pdf.extract import lines_from_chars, Char
from reportdiff.pdf.structure import Joiner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pair-seed3"

# The outline of both ISIL reports as printed (checked against the PDFs page by page).
OUTLINE_COMMON = [
    ("I", 1, "I.", "Introduction"),
    ("II", 1, "II.", "Threat assessment"),
    ("II.A", 2, "A.", "Overview and evolution of the threat"),
    ("II.B", 2, "B.", "Situation of suspected Da’esh members and their family members in conflict zones"),
    ("III", 1, "III.", "Updates on responses to the evolving threat"),
    ("III.A", 2, "A.", "Addressing the situation of suspected Da’esh members and their family members in conflict "
                       "zones"),
    ("III.A.1", 3, "1.", "Repatriation efforts"),
    ("III.A.2", 3, "2.", "Prosecution and investigation"),
    ("III.A.3", 3, "3.", "Rehabilitation and reintegration"),
    ("III.B", 2, "B.", "International and regional cooperation"),
    ("III.C", 2, "C.", "Coordination and coherence across United Nations Global Counter-Terrorism Coordination "
                       "Compact entities"),
    ("III.D", 2, "D.", "Supporting the victims of Da’esh"),
    ("III.E", 2, "E.", "Border management and law enforcement"),
    ("III.F", 2, "F.", "Countering the financing of terrorism"),
    ("III.G", 2, "G.", "Impact of information and communications technologies and new technologies on "
                       "counter-terrorism"),
    ("III.H", 2, "H.", "Countering terrorist narratives and engaging with communities to prevent and counter violent "
                       "extremism conducive to terrorism"),
    ("IV", 1, "IV.", "Observations"),
]
ANNEX_TITLE = ("{} report of the Analytical Support and Sanctions Monitoring Team submitted pursuant to resolution "
               "2734 (2024) concerning ISIL (Da’esh), Al-Qaida and associated individuals and entities")


@pytest.fixture(scope="module")
def ed72() -> reportdiff.Edition:
    return reportdiff.load(SAMPLES / "S_2025_72.pdf")


@pytest.fixture(scope="module")
def ed496() -> reportdiff.Edition:
    return reportdiff.load(SAMPLES / "S_2025_496.pdf")


def outline(ed):
    return [(s.id, s.level, s.label, s.title) for s in ed.sections]


def test_metadata(ed72, ed496):
    assert (ed72.symbol, ed72.date, ed72.pages) == ("S/2025/72", "2025-01-31", 15)
    assert (ed496.symbol, ed496.date, ed496.pages) == ("S/2025/496", "2025-08-01", 14)
    assert ed72.title == ("Twentieth report of the Secretary-General on the threat posed by ISIL (Da’esh) to "
                          "international peace and security and the range of United Nations efforts in support of "
                          "Member States in countering the threat")
    assert ed496.title.startswith("Twenty-first report of the Secretary-General on the threat posed by ISIL")


def test_outline_exact(ed72, ed496):
    assert outline(ed72) == OUTLINE_COMMON + [("ANNEX", 1, "Annex", ANNEX_TITLE.format("Thirty-fifth"))]
    assert outline(ed496) == OUTLINE_COMMON + [("ANNEX", 1, "Annex", ANNEX_TITLE.format("Thirty-sixth"))]
    assert all(s.parent is None for s in ed72.sections if s.level == 1)
    assert ed72.section("III.A.2").parent == "III.A"


def test_paragraph_numbering(ed72, ed496):
    for ed, n in ((ed72, 67), (ed496, 70)):
        numbers = [p.number for p in ed.paragraphs if p.number]
        assert numbers == [str(i) for i in range(1, n + 1)]
        # the one unnumbered paragraph is the annex's note on where the report was issued
        rest = [p for p in ed.paragraphs if not p.number]
        assert len(rest) == 1 and rest[0].section == "ANNEX" and rest[0].text.startswith("The report was issued")
        assert len({p.id for p in ed.paragraphs}) == len(ed.paragraphs)


def test_paragraph_across_pages(ed72):
    p3 = ed72.paragraph("3")
    assert (p3.page_start, p3.page_end, p3.section) == (1, 2, "I")
    assert p3.text.startswith("During the reporting period, the threat posed to international peace and security "
                              "by Da’esh remained undiminished.")
    # the page break falls after "continued to support"; header, footer, footnotes of page 1 must not intrude
    assert ("The United Nations continued to support Member States in countering the threat posed by Da’esh, "
            "including in their efforts to implement") in p3.text
    assert p3.text.endswith("Global Counter-Terrorism Strategy and relevant Security Council resolutions.")


def test_compound_hyphens_at_line_ends_stay(ed72, ed496):
    p3 = ed72.paragraph("3").text
    assert "Islamic State in Iraq and the Levant-Khorasan (ISIL-K)" in p3          # "Levant-" ends a line
    text72 = " ".join(p.text for p in ed72.paragraphs)
    text496 = " ".join(p.text for p in ed496.paragraphs)
    assert "highest-profile" in text72 and "whole-of-government" in text72
    assert "north-east" in text496 and "rights-based" in text496
    for text in (text72, text496):
        assert not re.search(r"[a-z] -[a-z]", text), "a word broken by a stray space"
        assert "Counter- Terrorism" not in text and "CounterTerrorism" not in text


def test_no_page_furniture(ed72, ed496):
    for ed, job in ((ed72, "25-00800"), (ed496, "25-12039")):
        texts = [p.text for p in ed.paragraphs] + [f.text for p in ed.paragraphs for f in p.footnotes]
        texts += [s.title for s in ed.sections]
        joined = "\n".join(texts)
        assert job not in joined
        assert not re.search(r"\*\d{7}\*", joined)
        assert not re.search(rf"(?<![\d/])\d{{1,2}}/{ed.pages}(?![\d/])", joined)
        assert "Please recycle" not in joined and "Distr.: General" not in joined


def test_footnotes_attached_and_numbered(ed72):
    heading = ed72.section("II.A")
    assert [f.number for f in heading.footnotes] == ["4"]
    assert heading.footnotes[0].text.startswith("More information on the threat posed to international peace")
    assert heading.footnotes[0].text.endswith("(S/2025/71).")
    p1 = ed72.paragraph("1")
    assert [(f.number, f.text) for f in p1.footnotes] == [
        ("1", "Listed as Al-Qaida in Iraq (QDe.115)."), ("2", "In line with General Assembly resolution 75/291.")]
    assert "Levant (ISIL" in p1.text and "Levant1" not in p1.text        # the marker left the text
    # footnote 3 runs over three lines of small type
    f3 = ed72.paragraph("2").footnotes[0]
    assert f3.number == "3" and f3.text.startswith("See S/2016/92,") and f3.text.endswith("and S/2024/583.")
    # all footnotes, in reading order, are 1..N with no gap
    numbers = [f.number for f in heading.footnotes]
    seen = []
    for p in ed72.paragraphs:
        if p.section == "II.A" and "4" not in seen:
            seen += numbers
        seen += [f.number for f in p.footnotes if f.number not in seen]
    assert seen == [str(i) for i in range(1, len(seen) + 1)] and len(seen) >= 9


def canon(text: str) -> str:
    fold = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                          "\u00a0": " "})
    return " ".join(re.sub(r"\[\^\d+\]", "", text).translate(fold).split())


@pytest.mark.parametrize("side", ["old", "new"])
def test_generated_edition_matches_its_text_model(side):
    """Every numbered paragraph, footnote and heading of a generated edition, exactly (layouts differ per side)."""
    model = json.loads((FIXTURE / f"{side}.json").read_text(encoding="utf-8"))
    ed = reportdiff.load(FIXTURE / f"{side}.pdf")
    want_paras = {str(p["number"]): canon(p["text"]) for s in model["sections"] for p in s["paragraphs"]}
    got_paras = {p.number: canon(p.text) for p in ed.paragraphs if p.number}
    wrong = [k for k in want_paras if got_paras.get(k) != want_paras[k]]
    assert not wrong, f"paragraphs differ: {wrong[:5]}"
    want_notes = {str(f["number"]): (str(p["number"]), canon(f["text"]))
                  for s in model["sections"] for p in s["paragraphs"] for f in p["footnotes"]}
    got_notes = {f.number: (p.number, canon(f.text)) for p in ed.paragraphs for f in p.footnotes}
    assert got_notes == want_notes
    assert [(canon(s["title"]), s["level"]) for s in model["sections"]] == [(canon(s.title), s.level)
                                                                            for s in ed.sections]
    assert ed.symbol == model["meta"]["symbol"]


def _chars(text: str, x: float, top: float, size: float = 10.0, gap: float = 0.0, bold: bool = False):
    out = []
    for ch in text:
        w = size * 0.5
        out.append(Char(ch, x, x + w, top, top + size, size, bold, False))
        x += w + gap
    return out


def test_justified_gaps_do_not_split_words_and_markers_are_found():
    """Characters spread by justification stay one word; a small raised number is a marker."""
    chars = _chars("Secretary-General", 100, 100, gap=0.4)           # loose tracking, no space characters
    chars += _chars("said", chars[-1].x1 + 6, 100)                   # a wide justified space
    chars += [Char("7", chars[-1].x1 + 0.2, chars[-1].x1 + 3.5, 97, 103, 6.0, False, False)]
    (line,) = lines_from_chars(chars, 1)
    assert [w.text for w in line.words] == ["Secretary-General", "said", "7"]
    assert [w.sup for w in line.words] == [False, False, True]


def test_line_end_hyphen_decided_by_evidence():
    from collections import Counter
    joiner = Joiner(Counter({"paragraph": 2}), Counter({"north-east": 3}))
    assert joiner.keep_hyphen("the north", "east of")                 # written with a hyphen elsewhere
    assert not joiner.keep_hyphen("in para", "graph 9")               # written whole elsewhere
    assert joiner.keep_hyphen("counter", "terrorism")                 # two words: a compound
    assert not joiner.keep_hyphen("organiza", "tion")                 # a word cut in two
    assert joiner.keep_hyphen("ISIL", "K")


def test_suspended_hyphens_and_number_ranges_at_line_ends():
    """"troop-|and police-contributing" keeps its space (a suspended hyphen), and "2025–|2027" none (a range): the
    sample S/2025/496 ¶22's "(2025–2027)" had read "(2025– 2027)"."""
    from collections import Counter
    joiner = Joiner(Counter(), Counter())
    lines = [_line("special thanks to the troop-", 100).words, _line("and police-contributing countries", 112).words]
    assert joiner.join(lines)[0] == "special thanks to the troop- and police-contributing countries"
    lines = [_line("the action plan for 2025–", 100).words, _line("2027 and beyond", 112).words]
    assert joiner.join(lines)[0] == "the action plan for 2025–2027 and beyond"
    joiner.hyphenating = True             # a layout that splits words: "convey-|or" is one, unless a compound follows
    lines = [_line("the airport convey-", 100).words, _line("or belt was repaired", 112).words]
    assert joiner.join(lines)[0] == "the airport conveyor belt was repaired"
    lines = [_line("special thanks to the troop-", 100).words, _line("and police-contributing countries", 112).words]
    assert joiner.join(lines)[0] == "special thanks to the troop- and police-contributing countries"


def test_a_range_broken_at_its_dash_in_the_sample(ed496):
    assert "United Nations plan (2025–2027)" in " ".join(p.text for p in ed496.paragraphs)


def _line(text: str, top: float, size: float = 10.0):
    from reportdiff.pdf.extract import Line, Word
    words, x = [], 100.0
    for t in text.split():
        words.append(Word(t, x, x + 5 * len(t), size, False, False))
        x += 5 * len(t) + 3
    return Line(words=words, top=top, bottom=top + size, size=size, page=3)


def test_table_of_contents_is_not_text():
    from reportdiff.pdf.structure import _cut_table_of_contents
    lines = [_line("Contents", 70), _line("Page", 90),
             _line("I. Overview and evolution of the threat. . . . . . . . . . 3", 110),
             _line("A. Resolutions 2199 (2015) on the financing of terrorism . . . . . . . 19", 130),
             _line("Summary", 300), _line("The threat remained high.", 320)]
    assert [ln.text for ln in _cut_table_of_contents(lines)[0]] == ["Summary", "The threat remained high."]
    plain = lines[4:]
    assert _cut_table_of_contents(plain)[0] == plain


def test_table_of_contents_with_paragraph_ranges_is_not_text():
    """A 2007 secretariat note (ICCD/COP(8)/CST/8) lists paragraphs and page after the leaders: "11–60 5"."""
    from reportdiff.pdf.structure import _cut_table_of_contents
    lines = [_line("CONTENTS", 70), _line("Paragraph Page", 90),
             _line("I. INTRODUCTION .................................... 1–10 3", 110),
             _line("B. Session on weather and climate information for monitoring", 130),
             _line("and assessing land degradation ............................ 16–34 6", 150),
             _line("IV. MAIN CONCLUSIONS AND RECOMMENDATIONS.............. 70–71 18", 170),
             _line("I. INTRODUCTION", 300), _line("1. By its decision 20/COP.7, the Conference of Parties", 320)]
    assert [ln.text for ln in _cut_table_of_contents(lines)[0]] == [
        "I. INTRODUCTION", "1. By its decision 20/COP.7, the Conference of Parties"]


# ------------------------------------------------------------------------------------------- pages in parallel

@pytest.mark.slow
def test_pages_split_between_processes_read_the_same(tmp_path, monkeypatch):
    import pdfgen
    from reportdiff import _fork

    pdf = pdfgen.big_document(tmp_path / "long.pdf", pages=40)
    alone = extract.read_pages(pdf)
    started = []
    real = _fork.Forked

    def counting(*args, **kwargs):
        started.append(args[2:])                     # (path, first page, end)
        return real(*args, **kwargs)

    monkeypatch.setattr(_fork, "Forked", counting)
    seen = []
    split = extract.read_pages(pdf, workers=3, progress=lambda done, total: seen.append((done, total)))
    assert split == alone
    assert [run[1:] for run in started] == [(13, 27), (27, 40)]       # this process reads pages 1-13
    assert seen[-1] == (40, 40) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_short_files_are_not_split(tmp_path, monkeypatch):
    import pdfgen
    from reportdiff import _fork

    pdf = pdfgen.big_document(tmp_path / "short.pdf", pages=extract.MIN_PAGES_PER_WORKER * 2 - 1)
    monkeypatch.setattr(_fork, "Forked", lambda *a, **k: pytest.fail("a short file was split"))
    assert len(extract.read_pages(pdf, workers=4)) == extract.MIN_PAGES_PER_WORKER * 2 - 1


@pytest.mark.slow
def test_no_fork_while_other_threads_run(tmp_path, monkeypatch):
    """A library caller's threads (Jupyter, a web server): forking could leave a child waiting on a lock another
    thread held, so the pages are read in workers started by a forkserver instead, and read the same."""
    import threading

    import pdfgen
    from reportdiff import _fork

    pdf = pdfgen.big_document(tmp_path / "long.pdf", pages=40)
    alone = extract.read_pages(pdf)
    methods = []
    real = _fork.Forked

    def recording(context, *args, **kwargs):
        methods.append(context.get_start_method())
        return real(context, *args, **kwargs)

    monkeypatch.setattr(_fork, "Forked", recording)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert extract.read_pages(pdf, workers=2) == alone
    finally:
        stop.set()
        other.join()
    assert methods == ["forkserver"]


def _words_at(text: str, x: float, size: float = 10.0) -> list:
    """Words of `text` from `x`, 6 points a letter and a space between words."""
    out = []
    for w in text.split():
        out.append(extract.Word(w, x, x + 6 * len(w), size, False, False))
        x += 6 * len(w) + 6
    return out


def test_a_sidebar_line_trimmed_of_a_margin_speck_stays_in_its_box():
    """On a scanned page, a word standing apart in the margin is dropped from its line; the line keeps the
    sidebar box it belongs to (structure reads a box's lines as a sidebar's, apart from the body)."""
    body = [extract.Line(_words_at("the body column runs from here to the right edge", 72), 100 + 12 * k,
                         110 + 12 * k, 10.0, 1) for k in range(5)]
    speck = extract.Word("i", 10, 14, 10.0, False, False)
    boxed = extract.Line([speck] + _words_at("a line of the boxed text", 72), 200, 210, 10.0, 1, box=2)
    kept = extract._without_margin_specks(body + [boxed])
    assert kept[-1].text == "a line of the boxed text" and kept[-1].box == 2


def test_a_barcode_in_a_symbol_font_just_above_the_foot_band_is_furniture():
    """A barcode drawn in a symbol font reads as private-use codes ("\\uf02a\\uf032..."); the furniture tests read
    it as the ASCII it stands for wherever it stands at a page's foot, also a little above the footer band."""
    from reportdiff.pdf.furniture import furniture_mask

    barcode = "".join(chr(0xF000 + ord(c)) for c in "*2500800*")
    pages = []
    for n in (1, 2):
        lines = [extract.Line(_words_at("Body text of the page that goes on for a while.", 72), 100, 110, 10.0, n),
                 extract.Line([extract.Word(barcode, 400, 480, 10.0, False, False)], 825, 835, 10.0, n)]
        pages.append(extract.PageText(n, 600, 1000, lines))
    assert furniture_mask(pages) == {1: {1}, 2: {1}}
