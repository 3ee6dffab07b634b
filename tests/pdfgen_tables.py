"""UN-style reports with annex tables and a bar chart, drawn with reportlab, with the truth of every cell.

The tables are set the way the UN sets its annex tables (see S/2025/200, annex III): no rules at all, a bold title
above ("Composition and strength of … (as at 14 March 2025)"), a small italic header whose headings may take two
lines (bottom-aligned, right-aligned over the figures), right-aligned numbers with a thin space between thousands
(`1 375`), `–` for zero, a bold "Total" row, and a long table that goes on over the next page under its header
repeated. The chart is a "Figure I" line, a bold title, bars with the axis ticks and category labels in small type,
and a "Source:" line.

`annex_report(path, edition)` writes the PDF of an `AnnexEdition`; `edition_pair()` gives two editions whose tables
differ in known cells, rows and dates, so a test knows exactly what a comparison must report.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit

from pdfgen import BODY_FONT, BOLD_FONT, BOTTOM, LEADING, LOREM, RIGHT, SIZE, TEXT_LEFT, _canvas, _Writer

ITALIC_FONT = "Times-Italic"
CELL_SIZE, HEAD_SIZE = 8.5, 7.0
ROW_PITCH = 14.5               # as in S/2025/200
THIN = CELL_SIZE / 6           # a thin space


@dataclass
class AnnexTable:
    title: str
    header: list[list[str]]                 # per column, its heading line by line (top to bottom)
    rows: list[list[str]]                   # body rows as printed, the key first
    total: list[str] | None = None          # the total row, "Total" first

    @property
    def header_text(self) -> list[str]:
        """The headings as a reader joins them: the lines of each column, top to bottom."""
        return [" ".join(lines) for lines in self.header]

    @property
    def all_rows(self) -> list[list[str]]:
        return self.rows + ([self.total] if self.total else [])


@dataclass
class BarChart:
    label: str
    title: str
    categories: list[str]
    values: list[int]
    source: str
    ticks: list[int] = field(default_factory=lambda: [0, 100, 200, 300, 400])


@dataclass
class AnnexEdition:
    symbol: str
    date: str
    paragraphs: int
    chart: BarChart
    tables: list[AnnexTable]
    texts: dict[int, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------- numbers

def un_number(n: int) -> str:
    """How the UN prints a figure in a table: `–` for zero, a thin space between thousands (`1 375`)."""
    if n == 0:
        return "–"
    return f"{n:,}".replace(",", " ")


def _draw_number(c, text: str, right: float, y: float, font: str) -> None:
    """A figure right-aligned at `right`, its thousands groups a thin space apart (drawn as a gap, as a PDF from
    Word does), so that the reader sees `1 375`."""
    groups = text.split(" ")
    widths = [c.stringWidth(g, font, CELL_SIZE) for g in groups]
    x = right - sum(widths) - THIN * (len(groups) - 1)
    for g, w in zip(groups, widths):
        c.drawString(x, y, g)
        x += w + THIN


# ---------------------------------------------------------------------------------------------------- drawing

class _AnnexWriter(_Writer):
    """The report writer with a chart and annex tables."""

    def column_rights(self, n: int) -> list[float]:
        """Right edges of the figure columns (the key column starts at TEXT_LEFT)."""
        first, last = TEXT_LEFT + 2.4 * inch, RIGHT - 0.2 * inch
        step = (last - first) / max(1, n - 1)
        return [first + k * step for k in range(n)]

    def bar_chart(self, chart: BarChart) -> None:
        c = self.c
        self._room(22)
        c.setFont(BODY_FONT, 10)
        c.drawString(TEXT_LEFT, self.y, chart.label)
        self.y -= LEADING
        c.setFont(BOLD_FONT, 10)
        c.drawString(TEXT_LEFT, self.y, chart.title)
        self.y -= 2 * LEADING
        top, height = self.y, 150.0
        base = top - height
        left = TEXT_LEFT + 30
        c.setFont(BODY_FONT, CELL_SIZE)
        peak = chart.ticks[-1]
        for t in chart.ticks:                                  # the axis, its ticks and grid lines
            yy = base + height * t / peak
            c.drawRightString(left - 6, yy - 3, un_number(t) if t else "0")
            c.setLineWidth(0.3)
            c.line(left, yy, RIGHT - 20, yy)
        step = (RIGHT - 20 - left) / len(chart.categories)
        for k, (cat, v) in enumerate(zip(chart.categories, chart.values)):
            x = left + k * step + step * 0.25
            c.setFillGray(0.35)
            c.rect(x, base, step * 0.5, height * v / peak, stroke=0, fill=1)
            c.setFillGray(0)
            c.drawCentredString(x + step * 0.25, base - 12, cat)
        self.y = base - 30
        c.setFont(BODY_FONT, CELL_SIZE)
        c.drawString(TEXT_LEFT, self.y, chart.source)
        self.y -= 2 * LEADING

    def _table_header(self, table: AnnexTable) -> None:
        c = self.c
        rights = self.column_rights(len(table.header) - 1)
        depth = max(len(h) for h in table.header)
        c.setFont(ITALIC_FONT, HEAD_SIZE)
        for line in range(depth):
            for k, lines in enumerate(table.header):
                offset = depth - len(lines)                    # bottom-aligned headings
                if line < offset:
                    continue
                text = lines[line - offset]
                if k == 0:
                    c.drawString(TEXT_LEFT, self.y, text)
                else:
                    c.drawRightString(rights[k - 1], self.y, text)
            self.y -= HEAD_SIZE + 2
        self.y -= ROW_PITCH - HEAD_SIZE

    def _row(self, table: AnnexTable, row: list[str], bold: bool = False) -> None:
        c = self.c
        rights = self.column_rights(len(table.header) - 1)
        font = BOLD_FONT if bold else BODY_FONT
        c.setFont(font, CELL_SIZE)
        c.drawString(TEXT_LEFT + (10 if bold else 0), self.y, row[0])
        for text, right in zip(row[1:], rights):
            _draw_number(c, text, right, self.y, font)
        self.y -= ROW_PITCH

    def table(self, table: AnnexTable) -> None:
        c = self.c
        self._room(8)
        c.setFont(BOLD_FONT, 10)
        for line in simpleSplit(table.title, BOLD_FONT, 10, RIGHT - TEXT_LEFT):
            c.drawString(TEXT_LEFT, self.y, line)
            self.y -= LEADING
        self.y -= LEADING * 0.8
        self._table_header(table)
        for row in table.rows:
            if self.y < BOTTOM + 2 * LEADING:
                self.new_page()                                # the table goes on, under its header repeated
                self._table_header(table)
            self._row(table, row)
        if table.total:
            self._row(table, table.total, bold=True)
        self.y -= 2 * LEADING


def annex_report(path: str | Path, edition: AnnexEdition) -> Path:
    """A UN-style report: numbered paragraphs, the bar chart after paragraph 3, then "Annex" with the tables
    (the page footers say `n/N`: the report is drawn once to count its pages)."""
    pages = _draw(Path(path), edition, None)
    _draw(Path(path), edition, pages)
    return Path(path)


def _draw(path: Path, edition: AnnexEdition, pages: int | None) -> int:
    c = _canvas(path)
    w = _AnnexWriter(c, edition.symbol, pages)
    w.masthead(edition.date, "Situation in the test region: report of the Secretary-General")
    for k in range(1, edition.paragraphs + 1):
        if k == 1:
            w.heading("I.", "Introduction")
        elif k == 3:
            w.heading("II.", "Major developments")
        w.paragraph(str(k), edition.texts.get(k) or LOREM.format(n=10 * k + 3, m=9 * k + 1))
        if k == 3:
            w.bar_chart(edition.chart)
    w.new_page()
    c.setFont(BOLD_FONT, 14)
    c.drawString(TEXT_LEFT - 0.5 * inch, w.y, "Annex")
    w.y -= 2.5 * LEADING
    for table in edition.tables:
        w.table(table)
    w.finish()
    return w.page


# ---------------------------------------------------------------------------------------------------- editions

COUNTRIES = ["Argentina", "Bangladesh", "Brazil", "Cambodia", "China", "Egypt", "Ethiopia", "Fiji", "France",
             "Ghana", "India", "Indonesia", "Ireland", "Italy", "Kenya", "Malaysia", "Mongolia", "Morocco", "Nepal",
             "Nigeria", "Pakistan", "Peru", "Poland", "Republic of Korea", "Rwanda", "Senegal", "Spain",
             "Sri Lanka", "Tunisia", "Türkiye", "United Republic of Tanzania", "Uruguay", "Viet Nam", "Zambia"]


def _military(counts: dict[str, tuple[int, int, int]], date: str) -> AnnexTable:
    rows = [[name, un_number(a), un_number(b), un_number(t), un_number(a + b + t)]
            for name, (a, b, t) in counts.items()]
    sums = [sum(v[k] for v in counts.values()) for k in range(3)]
    return AnnexTable(
        title=f"Military and police personnel of the Mission by contributing country (as at {date})",
        header=[["Country"], ["Military", "observers"], ["Staff", "officers"], ["Troops"], ["Total"]],
        rows=rows, total=["Total"] + [un_number(s) for s in sums] + [un_number(sum(sums))])


def _police(counts: dict[str, tuple[int, int]], date: str) -> AnnexTable:
    rows = [[name, un_number(wm), un_number(m), un_number(wm + m)] for name, (wm, m) in counts.items()]
    sums = [sum(v[k] for v in counts.values()) for k in range(2)]
    return AnnexTable(
        title=f"Composition and strength of the police component of the Mission (as at {date})",
        header=[["Country"], ["Women"], ["Men"], ["Total"]],
        rows=rows, total=["Total"] + [un_number(s) for s in sums] + [un_number(sum(sums))])


def _military_counts() -> dict[str, tuple[int, int, int]]:
    out = {}
    for k, name in enumerate(COUNTRIES):
        troops = 0 if k % 5 == 3 else (k * 97) % 1400 + 40 * (k % 3)
        out[name] = (k % 4, (k * 3) % 11, troops)
    out["India"] = (2, 9, 1375)
    return out


def old_edition() -> AnnexEdition:
    chart = BarChart("Figure I", "Incidents affecting civilians by month, January to April 2099",
                     ["January", "February", "March", "April"], [120, 260, 190, 310], "Source: the Mission.")
    police = {"Austria": (1, 0), "Canada": (0, 1), "Finland": (1, 0), "Germany": (0, 1), "Montenegro": (1, 1),
              "Nepal": (0, 2), "Slovenia": (0, 1)}
    return AnnexEdition(symbol="S/2099/100", date="1 May 2099", paragraphs=8, chart=chart,
                        tables=[_police(police, "14 March 2099"), _military(_military_counts(), "14 March 2099")])


def new_edition() -> AnnexEdition:
    """The next edition: some figures changed (India's troops 1 375 → 1 402 …), Ghana gone, Chile new, Finland's
    woman officer gone (1 → –), Norway's police new, a new date; the chart's April bar and title changed."""
    old = old_edition()
    mil = _military_counts()
    mil["India"] = (2, 9, 1402)
    mil["Nepal"] = (mil["Nepal"][0], mil["Nepal"][1] + 2, mil["Nepal"][2])
    del mil["Ghana"]
    mil = dict(sorted({**mil, "Chile": (1, 2, 0)}.items()))
    police = {"Austria": (1, 0), "Canada": (0, 1), "Finland": (0, 0), "Germany": (0, 1), "Montenegro": (1, 1),
              "Nepal": (0, 2), "Norway": (1, 1), "Slovenia": (0, 1)}
    chart = replace(old.chart, title="Incidents affecting civilians by month, January to May 2099",
                    categories=old.chart.categories + ["May"], values=[120, 260, 190, 340, 280])
    return AnnexEdition(symbol="S/2099/200", date="1 August 2099", paragraphs=8, chart=chart,
                        tables=[_police(police, "13 June 2099"), _military(mil, "13 June 2099")])


def edition_pair(directory: str | Path) -> tuple[Path, Path, AnnexEdition, AnnexEdition]:
    d = Path(directory)
    old, new = old_edition(), new_edition()
    return annex_report(d / "old.pdf", old), annex_report(d / "new.pdf", new), old, new


# ---------------------------------------------------------------------------------------------------- ruled annex

MATRIX_CODES = {1: ("a", "EEEEEEEE"), 2: ("a", "EEEE EEE"), 3: ("d", "LLLLLLLL"), 4: ("e", "L       "),
                5: ("h", "EEEEEEEE")}
NOTED_ROWS = [("Falkland Islands (Malvinas)", "58/316", "1 July 2004"),
              ("Western Sahara", "79/98", "4 December 2024"), ("American Samoa", "79/99", "4 December 2024"),
              ("Anguilla", "79/100", "4 December 2024")]
NOTED_COLUMNS = (("Territory", 0), ("Resolution number", 200), ("Date of adoption", 290))   # heading, x from the text
CITED = {0: "a", 2: "b"}                  # row -> the note its number cites
NOTES = [("a", "In accordance with paragraph 4 (b) of the annex to the resolution, the item shall remain on the "
               "agenda for consideration upon notification by a Member State."),
         ("b", "Adopted without a vote.")]


def ruled_annex_report(path: str | Path, *, text_after: bool = False) -> Path:
    """A report whose annex sets its tables the way a Joint Inspection Unit or Special Committee annex does:

    - page 2 ends on a matrix of recommendations by organization in small bold type, each row under a short rule of
      the same span, its cells one code letter each ("Recommendation 3  d  L L L …"): no footnotes, though a short
      rule stands over small lines at the page's foot (JIU/REP/2025/2);
    - page 3 holds a table whose first cell cites a raised "a", and under it the table's notes, each opening on its
      raised letter, the first wrapped onto a second line: at the page's foot (A/AC.109/2025/L.2), or, with
      `text_after`, followed by a heading and a paragraph (A/AC.109/2025/L.1)."""
    path = Path(path)
    c = _canvas(path)
    w = _Writer(c, "A/2099/9", 3)
    w.masthead("1 January 2099", "Implementation of the recommendations: report of the Secretary-General")
    w.heading("I.", "Introduction")
    for k in range(1, 4):
        w.paragraph(str(k), LOREM.format(n=10 * k + 3, m=9 * k + 1))
    w.new_page()
    c.setFont(BOLD_FONT, 14)
    c.drawString(TEXT_LEFT - 0.5 * inch, w.y, "Annex")
    w.y -= 2 * LEADING
    c.setFont(BOLD_FONT, 12)
    c.drawString(TEXT_LEFT, w.y, "Overview of actions to be taken on the recommendations")
    w.y = 330.0                                     # the matrix sits in the page's lower half, down to its foot
    for k, (impact, codes) in MATRIX_CODES.items():
        c.setLineWidth(0.5)
        c.line(TEXT_LEFT - 6, w.y + 14, TEXT_LEFT + 100, w.y + 14)
        c.setFont(BOLD_FONT, 9)
        c.drawString(TEXT_LEFT, w.y, f"Recommendation {k}")
        c.drawString(TEXT_LEFT + 112, w.y, impact)
        _codes(c, codes, TEXT_LEFT + 140, 19, w.y)
        w.y -= 23
    w.new_page()
    c.setFont(BOLD_FONT, 12)
    c.drawString(TEXT_LEFT - 0.5 * inch, w.y, "II.")
    c.drawString(TEXT_LEFT, w.y, "Resolutions concerning specific Territories")
    w.y -= 2.5 * LEADING
    c.setFont(ITALIC_FONT, HEAD_SIZE)
    for text, x in NOTED_COLUMNS:
        c.drawString(TEXT_LEFT + x, w.y, text)
    w.y -= 20
    for k, row in enumerate(NOTED_ROWS):
        c.setFont(BODY_FONT, SIZE)
        for cell, (_, x) in zip(row, NOTED_COLUMNS):
            c.drawString(TEXT_LEFT + x, w.y, cell)
        if k in CITED:                              # the number cites its note by a raised letter: "58/316ᵃ"
            number_x = NOTED_COLUMNS[1][1]
            c.setFont(BODY_FONT, 6)
            c.drawString(TEXT_LEFT + number_x + c.stringWidth(row[1], BODY_FONT, SIZE) + 0.5, w.y + 4, CITED[k])
        w.y -= 20
    w.y -= 6
    for mark, text in NOTES:
        lines = simpleSplit(text, BODY_FONT, 8.5, RIGHT - TEXT_LEFT - 20)
        c.setFont(BODY_FONT, 6)
        c.drawString(TEXT_LEFT + 8, w.y + 3, mark)
        c.setFont(BODY_FONT, 8.5)
        for n, line in enumerate(lines):
            c.drawString(TEXT_LEFT + 12 + (3 if n else 0), w.y, line)
            w.y -= 10
    if text_after:
        w.y -= LEADING
        w.heading("III.", "Other resolutions")
        w.paragraph("4", LOREM.format(n=7, m=5))
    w.finish()
    return path


def chart_at_page_foot(path: str | Path) -> Path:
    """A report whose page 1 ends on a chart with no "Figure" label (a bold title, as S/2025/269's "Force ground
    patrols, by sector"), its axis in thousands ("30 000") over its category labels and a "Source:" line: small
    lines at the page's foot that start with a number, as footnotes do."""
    path = Path(path)
    c = _canvas(path)
    w = _AnnexWriter(c, "S/2099/269", 2)
    w.masthead("1 January 2099", "Situation in the test region: report of the Secretary-General")
    w.heading("I.", "Introduction")
    for k in (1, 2):
        w.paragraph(str(k), LOREM.format(n=10 * k + 3, m=9 * k + 1))
    w.y = BOTTOM + 300                             # room for the chart, which then ends the page
    top = w.y
    w.bar_chart(replace(FOOT_CHART, title=""))
    c.setFont(BOLD_FONT, 10)                       # the title as close over the axis as S/2025/269 sets it
    c.drawString(TEXT_LEFT, top - 18, FOOT_CHART.title)
    w.new_page()
    w.paragraph("3", LOREM.format(n=33, m=28))
    w.finish()
    return path


FOOT_CHART = BarChart(label="", title="Force ground patrols, by sector", categories=["North", "Centre", "South"],
                      values=[21000, 8000, 13000], source="Source: Joint Mission Analysis Centre.",
                      ticks=[0, 5000, 10000, 15000, 20000, 25000, 30000])


# ---------------------------------------------------------------------------------------------------- turned text

AXIS_TITLE = "Number of trajectories"
TURNED_HEADINGS = ["Intended impact", "UNAIDS", "UNCTAD", "UN-Habitat", "UNICEF", "WFP"]
TURNED_ROWS = [("Recommendation 1", "a", "EEEEE"), ("Recommendation 2", "d", "LLLLL"),
               ("Recommendation 3", "e", "E E E"), ("Recommendation 4", "h", "EEEEE")]
TURNED_MARGIN = "A/2099/77 25-99999 2/2"


def _codes(c, codes: str, x: float, step: float, y: float) -> None:
    """A matrix row's code letters, one per column from x, `step` apart (a space: the column left empty)."""
    for m, code in enumerate(codes):
        if code != " ":
            c.drawString(x + step * m, y, code)


def _turned(c, x: float, y: float, font: str, size: float, text: str) -> None:
    """Text turned to read upwards from (x, y)."""
    c.saveState()
    c.translate(x, y)
    c.rotate(90)
    c.setFont(font, size)
    c.drawString(0, 0, text)
    c.restoreState()


def turned_text_report(path: str | Path) -> Path:
    """Text set sideways, as the UN sets it: page 1 holds a chart whose vertical axis has its title turned up the
    axis (S/2025/153's "Number of trajectories"); page 2 a matrix whose column headings stand turned over narrow
    columns of code letters (JIU/REP/2025/2's annex), and up its margin the running symbol, job number and page
    number, as a page set sideways prints them."""
    path = Path(path)
    c = _canvas(path)
    w = _AnnexWriter(c, "A/2099/77", 2)
    w.masthead("1 January 2099", "Situation in the test region: report of the Secretary-General")
    w.heading("I.", "Introduction")
    w.paragraph("1", LOREM.format(n=13, m=10))
    top = w.y
    w.bar_chart(TURNED_CHART)
    _turned(c, TEXT_LEFT - 4, top - 150, BODY_FONT, CELL_SIZE, AXIS_TITLE)   # up the axis, left of the ticks
    w.paragraph("2", LOREM.format(n=23, m=19))
    w.new_page()
    c.setFont(BOLD_FONT, 12)
    c.drawString(TEXT_LEFT, w.y, "Annex")
    first_row = w.y - 150
    for k, heading in enumerate(TURNED_HEADINGS):   # each heading reads upwards from just over the first row
        _turned(c, TEXT_LEFT + 150 + 24 * k, first_row + 16, BOLD_FONT, 9, heading)
    y = first_row
    for key, impact, codes in TURNED_ROWS:
        c.setFont(BOLD_FONT, 9)
        c.drawString(TEXT_LEFT, y, key)
        _codes(c, impact + codes, TEXT_LEFT + 147, 24, y)
        y -= 23
    _turned(c, RIGHT + 30, BOTTOM, BODY_FONT, 8, TURNED_MARGIN)   # the margin's symbol, job and page numbers
    w.finish()
    return path


TURNED_CHART = BarChart(label="Figure I", title="Trajectories detected, by direction", categories=["North", "South"],
                        values=[1200, 800], source="Source: Joint Mission Analysis Centre.",
                        ticks=[0, 200, 400, 600, 800, 1000, 1200, 1400])
