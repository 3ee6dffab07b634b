"""Tables and figures read whole and compared cell by cell (pdf/tables.py, diff/tables.py, render/tableview.py).

The PDFs are drawn by tests/pdfgen_tables.py with the truth of every cell (UN annex tables without rules, figures
right-aligned with thin-space thousands, `–` for zero, a two-line header, a total row, a table continued on the
next page, a bar chart), plus one real page: annex III of S/2025/200 (tests/fixtures).
"""
from __future__ import annotations

import json

import pytest

import pdfgen_tables as gen
from conftest import FIXTURES, run_cli
from reportdiff import api
from reportdiff.diff.tables import compare_table, number, row_keys, same_cell, title_date
from reportdiff.model import Edition, Table
from reportdiff.render import report as render


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    old_pdf, new_pdf, old_truth, new_truth = gen.edition_pair(tmp_path_factory.mktemp("annex"))
    return {"old_pdf": old_pdf, "new_pdf": new_pdf, "old_truth": old_truth, "new_truth": new_truth,
            "old": api.load(old_pdf, cache=False), "new": api.load(new_pdf, cache=False)}


# ---------------------------------------------------------------------------------------------------- reading

@pytest.mark.parametrize("side", ["old", "new"])
def test_reader_gets_every_cell_of_every_table(pair, side):
    edition, truth = pair[side], pair[f"{side}_truth"]
    assert len(edition.tables) == len(truth.tables)
    for got, want in zip(edition.tables, truth.tables):
        assert got.title == want.title
        assert got.header == want.header_text           # "Military observers": a heading over two lines, joined
        assert got.rows == want.all_rows                 # every cell as printed: "1 375", "–"
        assert got.total_rows == [len(want.all_rows) - 1]


def test_a_table_continued_on_the_next_page_is_one_table(pair):
    military = pair["old"].tables[1]
    assert (military.page_start, military.page_end) == (3, 4)       # its header is printed again on page 4
    assert len(military.rows) == len(gen.COUNTRIES) + 1
    assert ["India", "2", "9", "1 375", "1 386"] in military.rows


@pytest.mark.parametrize("side", ["old", "new"])
def test_tables_and_chart_are_not_paragraphs(pair, side):
    edition, truth = pair[side], pair[f"{side}_truth"]
    assert [p.id for p in edition.paragraphs] == [str(k) for k in range(1, truth.paragraphs + 1)]
    texts = " ".join(p.text for p in edition.paragraphs)
    for table in truth.tables:
        for row in table.rows[:5]:
            assert row[0] not in texts
    for label in truth.chart.categories + ["Source:", "Figure I"]:
        assert label not in texts


@pytest.mark.parametrize("side", ["old", "new"])
def test_the_bar_chart_is_one_figure_with_its_words(pair, side):
    edition, chart = pair[side], pair[f"{side}_truth"].chart
    assert len(edition.figures) == 1
    fig = edition.figures[0]
    assert (fig.label, fig.title, fig.section) == (chart.label, chart.title, "II")
    assert fig.notes == [chart.source]
    assert fig.labels.split() == [gen.un_number(t) if t else "0" for t in reversed(chart.ticks)] + \
        " ".join(chart.categories).split()
    assert fig.text == fig.labels + " " + chart.source


def test_real_page_s_2025_200_annex_iii():
    """Both composition tables of S/2025/200 read with every row and the right column headers."""
    edition = api.load(FIXTURES / "S_2025_200_annex_III.pdf", cache=False)
    assert edition.paragraphs == []
    police, military = edition.tables
    assert police.title == ("Composition and strength of the police component of the United Nations Interim "
                            "Administration Mission in Kosovo (as at 14 March 2025)")
    assert military.title.startswith("Composition and strength of the military liaison component")
    assert police.header == military.header == ["Country", "Women", "Men", "Total"]
    assert police.rows == [["Austria", "1", "–", "1"], ["Canada", "–", "1", "1"], ["Finland", "1", "–", "1"],
                           ["Germany", "–", "1", "1"], ["Montenegro", "1", "1", "2"], ["Nepal", "–", "2", "2"],
                           ["Slovenia", "–", "1", "1"], ["Total", "3", "6", "9"]]
    assert [r[0] for r in military.rows] == ["Austria", "Czechia", "Hungary", "Moldova", "Poland", "Romania",
                                             "Slovenia", "Türkiye", "Total"]
    assert military.rows[4] == ["Poland", "2", "–", "2"] and military.rows[-1] == ["Total", "4", "5", "9"]
    assert police.total_rows == [7] and military.total_rows == [8]


def test_edition_json_keeps_tables_and_figures(pair):
    d = pair["old"].to_dict()
    assert set(d["tables"][0]) >= {"id", "section", "title", "header", "rows"}
    assert set(d["figures"][0]) >= {"id", "section", "title", "text"}
    again = Edition.from_dict(json.loads(json.dumps(d)))
    assert again.tables == pair["old"].tables and again.figures == pair["old"].figures


# ---------------------------------------------------------------------------------------------------- comparing

def _expected_cells(old: gen.AnnexTable, new: gen.AnnexTable) -> set[tuple]:
    """The cells that differ, from the truth: rows by key, columns by heading."""
    heads = old.header_text
    old_rows = {r[0]: r for r in old.all_rows}
    out = set()
    for row in new.all_rows:
        before = old_rows.get(row[0])
        if before is None:
            continue
        for k in range(1, len(heads)):
            if before[k] != row[k]:
                out.add((row[0], heads[k], before[k], row[k], number(row[k]) - number(before[k])))
    return out


def test_comparison_reports_exactly_the_changed_cells_and_rows(pair):
    comparison = api.compare(pair["old"], pair["new"])
    assert [(t.kind, t.old, t.new) for t in comparison.tables] == [("modified", "T1", "T1"), ("modified", "T2", "T2")]
    for change, old, new in zip(comparison.tables, pair["old_truth"].tables, pair["new_truth"].tables):
        got = {(c.row, c.column, c.old, c.new, c.difference) for c in change.cells}
        assert got == _expected_cells(old, new)
        assert set(change.rows_added) == {r[0] for r in new.rows} - {r[0] for r in old.rows}
        assert set(change.rows_removed) == {r[0] for r in old.rows} - {r[0] for r in new.rows}
        assert (change.old_date, change.new_date) == ("2099-03-14", "2099-06-13")
        assert change.columns_added == change.columns_removed == []
    police, military = comparison.tables
    assert police.rows_added == ["Norway"] and military.rows_added == ["Chile"] and military.rows_removed == ["Ghana"]
    india = next(c for c in military.cells if c.row == "India" and c.column == "Troops")
    assert (india.old, india.new, india.difference) == ("1 375", "1 402", 27)
    finland = next(c for c in police.cells if c.row == "Finland" and c.column == "Women")
    assert (finland.old, finland.new, finland.difference) == ("1", "–", -1)
    assert comparison.differs


def test_figure_compared_as_a_unit(pair):
    comparison = api.compare(pair["old"], pair["new"])
    (fig,) = comparison.figures
    assert fig.kind == "modified" and fig.changed == ["title", "labels"]
    assert fig.new_title.endswith("January to May 2099")
    assert ("+", "May ") in fig.diff


def test_comparison_json_fields(pair):
    d = api.compare(pair["old"], pair["new"]).to_dict()
    t = d["tables"][1]
    assert {"old", "new", "cells", "rows_added", "rows_removed"} <= set(t)
    assert {"row", "column", "old", "new"} <= set(t["cells"][0])
    assert d["figures"][0]["old"] == "F1" and d["figures"][0]["new"] == "F1"


def test_identical_editions_have_unchanged_tables(pair):
    comparison = api.compare(pair["old"], pair["old"])
    assert [t.kind for t in comparison.tables] == ["unchanged", "unchanged"]
    assert [f.kind for f in comparison.figures] == ["unchanged"]
    assert not comparison.differs


def _table(rows, header=("Country", "Women", "Men", "Total"), title="Strength (as at 1 May 2099)", tid="T1"):
    return Table(id=tid, section=None, title=title, header=list(header), rows=[list(r) for r in rows])


def test_reordered_and_longer_table_still_lines_up():
    a = _table([["Austria", "1", "–", "1"], ["Canada", "–", "1", "1"], ["Nepal", "–", "2", "2"]])
    b = _table([["Nepal", "–", "2", "2"], ["Chile", "1", "1", "2"], ["Austria", "1", "–", "1"],
                ["Canada", "–", "1", "1"]])
    change = compare_table(a, b)
    assert change.cells == [] and change.rows_added == ["Chile"] and change.rows_removed == []


def test_columns_pair_by_header_not_position():
    a = _table([["Austria", "1", "2", "3"]])
    b = _table([["Austria", "2", "1", "9", "3"]], header=("Country", "Men", "Women", "Civilians", "Total"))
    change = compare_table(a, b)
    assert change.cells == [] and change.columns_added == ["Civilians"] and change.columns_removed == []


def test_a_counting_first_column_is_not_the_key():
    a = _table([["1", "Al-Qaida", "QDe.004"], ["2", "Asbat al-Ansar", "QDe.007"]], header=("No.", "Name", "Ref"))
    b = _table([["1", "Asbat al-Ansar", "QDe.007"]], header=("No.", "Name", "Ref"))
    assert row_keys(a) == ["Al-Qaida", "Asbat al-Ansar"]
    change = compare_table(a, b)
    assert change.rows_removed == ["Al-Qaida"] and change.cells == []


def test_numbers_as_printed():
    assert number("1 375") == 1375 and number("13,990") == 13990 and number("1\u2009402") == 1402
    assert number("–") == 0 and number("4.5") == 4.5 and number("12 %") == 12
    assert number("Austria") is None and number("") is None
    assert same_cell("–", "-") and not same_cell("1", "–")
    assert title_date("Strength of the police component (as at 14 March 2025)") == "2025-03-14"


# ---------------------------------------------------------------------------------------------------- showing

def test_writers_show_the_table_changes(pair):
    comparison = api.compare(pair["old"], pair["new"])
    text = render.render_comparison(comparison, "text", color=False)
    assert "Tables and figures: 2 tables changed; 1 figure changed" in text
    assert "India / Troops: 1 375 → 1 402 (+27)" in text
    md = render.render_comparison(comparison, "markdown")
    assert "**Tables and figures**" in md and "India / Troops: 1 375 → 1 402 (+27)" in md
    html = render.render_comparison(comparison, "html")
    assert '<table class="dt">' in html and '<del>1 375</del> <ins>1 402</ins> <span class="tc-diff">+27</span>' in html
    assert 'class="tr-added"' in html and 'class="tr-removed"' in html


@pytest.mark.slow
def test_cli_json_has_tables(pair, tmp_path):
    out = tmp_path / "c.json"
    proc = run_cli("compare", pair["old_pdf"], pair["new_pdf"], "-f", "json", "-o", out)
    assert proc.returncode == 0, proc.stderr
    d = json.loads(out.read_text(encoding="utf-8"))
    assert [len(t["cells"]) for t in d["tables"]] == [4, 7]
    proc = run_cli("extract", pair["new_pdf"], "-f", "json")
    assert json.loads(proc.stdout)["tables"][0]["rows"][2] == ["Finland", "–", "–", "–"]


def test_the_tables_headline_tells_new_from_changed():
    # "2 figures of 2 changed" was said of two figures that were both new (the Monitoring Team's annex)
    from types import SimpleNamespace as Item

    from reportdiff.render.tableview import TablesView

    new_figures = TablesView(tables=[], figures=[Item(kind="added"), Item(kind="added")], same_tables=[],
                             same_figures=[])
    assert new_figures.headline == "2 new figures"
    mixed = TablesView(tables=[Item(kind="modified"), Item(kind="added")], figures=[], same_tables=[Item(kind="x")],
                       same_figures=[Item(kind="x")])
    assert mixed.headline == "3 tables (1 changed, 1 new, 1 unchanged); 1 figure unchanged"


# ---------------------------------------------------------------------------------------------------- participants

@pytest.fixture(scope="module")
def participants(tmp_path_factory):
    import pdfgen_participants
    pdf = pdfgen_participants.participants_list(tmp_path_factory.mktemp("participants") / "list.pdf")
    return api.load(pdf, cache=False), pdfgen_participants.truth()


def test_participants_list_is_one_table_with_every_row(participants):
    """A borderless list of participants (tests/pdfgen_participants.py): countries with no delegate fill the first
    cell only, long country and person names wrap onto lines set solid, the trilingual header is repeated at the
    top of every page. One table over the pages, one row a country, each cell's lines joined, empty cells empty."""
    edition, (header, rows) = participants
    assert len(edition.tables) == 1
    table = edition.tables[0]
    assert (table.page_start, table.page_end) == (2, 3)
    assert table.header == header              # "Country Pays País": the repeated header is the table's, not furniture
    assert table.rows == rows


def test_participants_list_rows_are_no_sections_or_paragraphs(participants):
    edition, (_, rows) = participants
    texts = [s.title for s in edition.sections] + [p.text for p in edition.paragraphs]
    for country, *people in rows:
        for name in [country.split()[0]] + [p for p in people if p]:
            assert not any(name in t for t in texts), (name, texts)


def test_short_prose_lines_under_a_table_stay_a_paragraph(tmp_path):
    """Short lines of prose right under a borderless table, each shaped as a first cell alone: the table keeps its
    four rows, and the lines are one paragraph, not rows with their key only (key-only rows count only inside a
    table, with a full row below them)."""
    import pdfgen_participants
    edition = api.load(pdfgen_participants.prose_under_table(tmp_path / "prose.pdf"), cache=False)
    assert [t.rows for t in edition.tables] == [pdfgen_participants.SECTOR_ROWS]
    assert " ".join(pdfgen_participants.SHORT_PROSE) in [p.text for p in edition.paragraphs]


def test_a_caption_wrapping_over_a_table_keeps_its_last_line(tmp_path):
    """The short last line of a bold caption, standing over the first column of a table whose header names only
    the second, is the caption's, not a header cell (A/AC.172/2025/2's header was ["al-Adha in 2025", "2025"])."""
    import pdfgen_participants as gen_p
    edition = api.load(gen_p.caption_over_table(tmp_path / "caption.pdf"), cache=False)
    (table,) = edition.tables
    assert table.header == ["", "2099"] and table.rows == gen_p.HOLIDAY_ROWS
    caption = " ".join(gen_p.HOLIDAY_CAPTION)
    named = [table.title] + [s.title for s in edition.sections] + [p.text for p in edition.paragraphs]
    assert caption in named and not any("al-Adha in 2099" in t for t in named if t != caption)


def test_a_table_changed_under_unchanged_paragraphs_is_what_the_headline_tells():
    """Every paragraph as it was and one table changed: the comparison differs, and its headline says a table
    changed (not "Only footnotes changed", which no footnote did)."""
    from reportdiff.diff.comparison import compare_editions
    from reportdiff.model import Paragraph
    from reportdiff.render.view import headline

    def edition(troops):
        para = Paragraph(id="1", number="1", section=None,
                         text="The strength of the Force is set out in the table below.")
        return Edition(symbol="S/2099/9", date="2099-01-01", title="Report", pages=1, paragraphs=[para],
                       tables=[_table([["Fiji", "1", troops, "147"]])])

    comparison = compare_editions(edition("146"), edition("148"))
    assert [c.kind for c in comparison.changes] == ["unchanged"] and comparison.differs
    assert headline(comparison, 0) == "No paragraph changed (1 in the new edition); 1 table changed."


def test_the_tables_view_marks_only_what_the_comparison_found():
    """The report's view of a changed table lines it up as the comparison did: a key cell that differs only in
    case ("TOTAL" → "Total", the rows are paired by it) is no change in either; a changed count is one in both."""
    from reportdiff.render.tableview import _grid

    a = _table([["Fiji", "1", "145", "146"], ["TOTAL", "1", "145", "146"]])
    b = _table([["Fiji", "1", "147", "148"], ["Total", "1", "147", "148"]])
    change = compare_table(a, b)
    assert {(c.row, c.column) for c in change.cells} == {(r, c) for r in ("Fiji", "Total") for c in ("Men", "Total")}
    _, rows = _grid(a, b)
    marked = {(row.cells[0].new, k) for row in rows for k, cell in enumerate(row.cells) if cell.status != "same"}
    assert marked == {(r, k) for r in ("Fiji", "Total") for k in (2, 3)}


def test_a_paragraph_number_is_one_pattern_for_the_reader_and_the_table_finder():
    """Structure opens a numbered paragraph at "1000." as at "12."; the table finder protects both lines from
    being taken into a table (it knew numbers of three digits only)."""
    from reportdiff.pdf.extract import Line, Word
    from reportdiff.pdf.tables import _numbered

    def line(first):
        return Line([Word(first, 72, 100, 10, False, False), Word("Text", 110, 140, 10, False, False)], 100, 110,
                    10, 1)

    assert _numbered(line("12.")) and _numbered(line("1000.")) and not _numbered(line("(a)"))


@pytest.fixture(scope="module", params=[False, True], ids=["notes at the foot", "text after the notes"])
def ruled_annex(request, tmp_path_factory):
    path = gen.ruled_annex_report(tmp_path_factory.mktemp("ruled") / "ruled.pdf", text_after=request.param)
    return api.load(path, cache=False)


def test_a_matrix_under_row_rules_is_a_table_not_footnotes(ruled_annex):
    """Short rules of one span over each row are a table's row rules, not the rule over the footnotes: the matrix
    of code letters at the page's foot was read as footnotes numbered by nothing, and lost (JIU/REP/2025/2)."""
    matrix = next(t for t in ruled_annex.tables if t.rows and t.rows[0][0] == "Recommendation 1")
    assert [r[0] for r in matrix.rows] == [f"Recommendation {k}" for k in gen.MATRIX_CODES]
    for row, (impact, codes) in zip(matrix.rows, gen.MATRIX_CODES.values()):
        assert row[1] == impact and "".join(c or " " for c in row[2:]).rstrip() == codes.rstrip()
    everything = " ".join([p.text for p in ruled_annex.paragraphs] + [s.title for s in ruled_annex.sections]
                          + [n.text for n in ruled_annex.notes])
    assert "Recommendation" not in everything


def test_a_tables_lettered_notes_are_its_own_with_their_letters(ruled_annex):
    """Notes that open on a raised letter under a table are the table's notes, told with their letters and whole
    (a wrapped note's second line too), whether they end the page or text follows them (A/AC.109/2025/L.1, L.2)."""
    table = next(t for t in ruled_annex.tables if t.header and t.header[0] == "Territory")
    assert [r[0] for r in table.rows] == [r[0] for r in gen.NOTED_ROWS]
    assert table.notes == [f"{mark} {text}" for mark, text in gen.NOTES]
    assert not ruled_annex.notes
    assert not any("In accordance with paragraph" in p.text for p in ruled_annex.paragraphs)


def test_a_chart_at_the_page_foot_with_an_axis_in_thousands_is_a_figure(tmp_path):
    """An axis label "30 000" is a number followed by digits only, no footnote's number followed by its text: the
    chart at the page's foot is one figure with its title, labels and source, and its title no section
    (S/2025/269's chart was read as footnotes numbered by nothing and lost, its title left as a section)."""
    ed = api.load(gen.chart_at_page_foot(tmp_path / "chart.pdf"), cache=False)
    chart = gen.FOOT_CHART
    [figure] = ed.figures
    assert figure.title == chart.title
    assert all(cat in figure.labels for cat in chart.categories) and "30 000" in figure.labels
    assert figure.notes == [chart.source]
    assert chart.title not in [s.title for s in ed.sections]
    assert [p.number for p in ed.paragraphs] == ["1", "2", "3"] and not ed.notes


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_text_set_sideways_is_given_to_its_figure_and_its_columns(tmp_path, engine):
    """A chart's axis title turned up its axis is one of the figure's words, and headings turned over a table's
    narrow columns are its header (S/2025/153's "Number of trajectories", JIU/REP/2025/2's organizations: both
    were dropped as rotated text); the symbol, job number and page number up the margin are given to nothing.
    Both engines read them alike."""
    from reportdiff.pdf.extract import read_pages
    from reportdiff.pdf.structure import build_edition

    ed = build_edition(read_pages(gen.turned_text_report(tmp_path / "turned.pdf"), engine=engine))
    [figure] = ed.figures
    assert figure.labels.startswith(gen.AXIS_TITLE + " ")
    [matrix] = ed.tables
    assert matrix.header == [""] + gen.TURNED_HEADINGS
    assert [r[0] for r in matrix.rows] == [key for key, _, _ in gen.TURNED_ROWS]
    read = ed.to_dict()
    everything = json.dumps([read[k] for k in ("sections", "paragraphs", "tables", "figures", "notes")])
    assert not any(mark in everything for mark in gen.TURNED_MARGIN.split())


def test_a_tables_lettered_note_is_shown_with_its_letter_raised():
    """The HTML sets a table's lettered note as printed, its letter raised ("ᵃ In accordance with …"), and a
    "Source:" note as it is; the letter is text from the PDF like any other, escaped."""
    from reportdiff.diff.comparison import compare_editions
    from reportdiff.model import Paragraph
    from reportdiff.model import note_mark

    notes = ["a In accordance with paragraph 4 (b), the item remains on the agenda.", "Source: UNIFIL.",
             "a total of four <b>meetings</b>"]

    def edition(troops):
        table = _table([["Fiji", "1", troops, "147"]])
        table.notes = list(notes)
        return Edition(symbol="S/2099/9", date="2099-01-01", title="Report", pages=1, tables=[table],
                       paragraphs=[Paragraph(id="1", number="1", section=None, text="The table below.")])

    assert [note_mark(n) for n in notes] == [("a", notes[0][2:]), ("", notes[1]), ("", notes[2])]
    html = render.render_comparison(compare_editions(edition("146"), edition("148")), "html")
    assert '<p class="tbl-note"><sup>a</sup>&#8202;In accordance with paragraph 4 (b)' in html
    assert '<p class="tbl-note">Source: UNIFIL.</p>' in html
    assert "a total of four &lt;b&gt;meetings&lt;/b&gt;" in html
