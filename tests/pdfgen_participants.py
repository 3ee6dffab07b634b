"""A list of participants, drawn with reportlab, with the truth of every cell.

Set the way the UN sets one (see A/AC.182/2025/INF/1): a borderless table of four columns (Country |
Representative | Alternates | Advisers) under a header in three languages, italic, repeated at the top of every page
it runs over; the country in bold, the people in a smaller roman type; many countries with no delegate (the row
holds its first cell only); long country names wrapped onto two or three lines set solid (at the type's own
leading), long person names wrapped the same way, several people in one cell one under the other, and a little
space between rows.

`participants_list(path)` writes the PDF and returns the table as a reader should give it: the header and the rows,
each cell's lines joined by a space.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit

from pdfgen import BODY_FONT, BOLD_FONT, BOTTOM, LEFT, RIGHT, TOP, _canvas, _Writer

ITALIC_FONT = "Times-Italic"
KEY_SIZE, NAME_SIZE = 12.0, 10.0
ROW_SPACE = 0.5                 # between rows: the lines of one cell are set solid, rows stand this much apart
HEADER = [["Country", "Representative", "Alternates", "Advisers"],
          ["Pays", "Représentant", "Suppléants", "Conseillers"],
          ["País", "Representante", "Suplentes", "Consejeros"]]

# (country, representatives, alternates, advisers): many countries sent no one
DELEGATIONS: list[tuple[str, list[str], list[str], list[str]]] = [
    ("Afghanistan", [], [], []),
    ("Albania", ["Ms. Suela Janina"], ["Mr. Erlis Hereni"], []),
    ("Andorra", [], [], []),
    ("Angola", [], [], []),
    ("Antigua and Barbuda", [], [], []),
    ("Argentina", ["Mr. Martín Juan Mainero", "Mr. Fabián Oddone"], [], []),
    ("Australia", ["Mr. James Martin Larsen"], ["Ms. Rebecca Suzanne Bryant-Whitford"],
     ["Mr. Harry Aitken", "Ms. Laura McIlhenny"]),
    ("Bahamas", [], [], []),
    ("Bolivia (Plurinational State of)", ["Ms. Carmen Rosa Rios"], [], []),
    ("Bosnia and Herzegovina", [], [], []),
    ("Botswana", [], [], []),
    ("Central African Republic", [], [], []),
    ("Chile", ["Ms. Paula Narváez"], ["Mr. Claudio Garrido"], ["Ms. Daniela Rivera"]),
    ("Democratic People’s Republic of Korea", ["Mr. Kim In Chol"], [], []),
    ("Denmark", ["Mr. Jeppe Mejer Kjelgaard", "Mr. Lars Bo Kirketerp Lund"], [], []),
    ("Djibouti", [], [], []),
    ("Ecuador", ["Mr. Andrés Efren Montalvo Sosa Sandoval"], [], ["Mr. Pablo Agustín Escobar Ullauri Vega"]),
    ("Equatorial Guinea", [], [], []),
    ("Fiji", [], [], []),
    ("Gabon", [], [], []),
    ("Gambia", [], [], []),
    ("Germany", ["Mr. Michael Hasenau"], ["Mr. Engin Gurnipar"], ["Ms. Allessandra Novelli"]),
    ("Ghana", [], [], []),
    ("Grenada", [], [], []),
    ("Guinea", [], [], []),
    ("Guinea-Bissau", [], [], []),
    ("Iran (Islamic Republic of)", ["Ms. Zahra Ershadi"], ["Mr. Yahya Aref"], []),
    ("Jamaica", [], [], []),
    ("Kenya", [], [], []),
    ("Lao People’s Democratic Republic", [], [], []),
    ("Latvia", ["Ms. Eliza Grisle"], [], []),
    ("Lebanon", [], [], []),
    ("Mexico", ["Mr. Alfredo Uriel Pérez Manríquez"], ["Mr. Sergio Emanuel Delgado Fernandez"],
     ["Ms. Teresa Jacques Valenzuela"]),
    ("Micronesia (Federated States of)", [], [], []),
    ("Monaco", [], [], []),
    ("Mongolia", [], [], []),
    ("Netherlands (Kingdom of the)", [], [], ["Ms. Wieteke Theeuwen", "Mr. Jimmy Senders"]),
    ("New Zealand", ["Ms. Carolyn Schwalger"], ["Mr. Justin Peter Fepuleai"],
     ["Ms. Zoe Russell", "Ms. Angela Mary Fitzsimons", "Mr. Tim Witten-Sage"]),
    ("Niger", [], [], []),
    ("Saint Vincent and the Grenadines", [], [], []),
    ("Samoa", [], [], []),
    ("Sao Tome and Principe", [], [], []),
    ("Spain", ["Mr. Héctor José Gómez Hernández", "Ms. Ana Jiménez de la Hoz"], [], []),
    ("Sri Lanka", [], [], []),
    ("Suriname", [], [], []),
    ("Syrian Arab Republic", [], [], []),
    ("Tajikistan", [], [], []),
    ("Togo", ["Mr. Kofi Akakpo"], ["Mr. Sondou Baka"], ["Mr. Abd-El Kader Yasmin Tchalare"]),
    ("Tonga", [], [], []),
    ("Trinidad and Tobago", [], [], []),
    ("Tuvalu", [], [], []),
    ("Uganda", [], [], []),
    ("United Kingdom of Great Britain and Northern Ireland", ["Ms. Lieve Caron", "Mr. Greg Ross Reisman"],
     ["Ms. Euphema Mcmorris Robinson"], []),
    ("United Republic of Tanzania", [], [], []),
    ("Uruguay", [], [], []),
    ("Venezuela (Bolivarian Republic of)", ["Mr. Samuel Moncada"], ["Mr. Joaquín Alberto Pérez Ayestarán"],
     ["Ms. Isis Amahl Gabriela Solorzano Cavalieri"]),
    ("Viet Nam", ["Ms. Thi Mai Lien Vu"], [], []),
    ("Yemen", [], [], []),
    ("Zambia", ["Mr. Mwenda Hamanyati"], [], []),
]

_X = [LEFT - 0.3 * 72, LEFT + 1.3 * 72, LEFT + 3.3 * 72, LEFT + 5.1 * 72]     # the columns' left edges
_WIDTH = [1.45 * 72, 1.85 * 72, 1.65 * 72, RIGHT + 0.3 * 72 - _X[3]]


def truth() -> tuple[list[str], list[list[str]]]:
    """The header and the rows as a reader joins them."""
    header = [" ".join(line[k] for line in HEADER) for k in range(4)]
    return header, [[country] + [" ".join(people) for people in cells] for country, *cells in DELEGATIONS]


def _cell_lines(country: str, cells: list[list[str]]) -> list[list[tuple[str, str, float]]]:
    """Each column's printed lines (text, font, size): names wrapped within the column's width."""
    out = [[(t, BOLD_FONT, KEY_SIZE) for t in simpleSplit(country, BOLD_FONT, KEY_SIZE, _WIDTH[0])]]
    for k, people in enumerate(cells, 1):
        out.append([(t, BODY_FONT, NAME_SIZE) for p in people for t in simpleSplit(p, BODY_FONT, NAME_SIZE, _WIDTH[k])])
    return out


class _ListWriter(_Writer):
    def header(self) -> None:
        self.c.setFont(ITALIC_FONT, KEY_SIZE)
        for line in HEADER:
            for k, text in enumerate(line):
                self.c.drawString(_X[k] + 0.25 * 72, self.y, text)     # headings stand a little in
            self.y -= KEY_SIZE + 1
        self.y -= 2

    def row(self, country: str, cells: list[list[str]]) -> None:
        columns = _cell_lines(country, cells)
        depth = max(len(col) for col in columns)
        if self.y - depth * KEY_SIZE < BOTTOM:
            self.new_page()
            self.header()
        for k, col in enumerate(columns):
            for n, (text, font, size) in enumerate(col):
                self.c.setFont(font, size)
                self.c.drawString(_X[k], self.y - n * KEY_SIZE, text)        # set solid: one line a type size
        self.y -= depth * KEY_SIZE + ROW_SPACE


def participants_list(path: str | Path) -> Path:
    """A list of participants over several pages (a cover page with the officers, then the table)."""
    c = _canvas(Path(path))
    w = _ListWriter(c, "A/AC.999/2099/INF/1", None)
    w.masthead("6 March 2099", "Special Committee on the Test Region")
    c.setFont(BOLD_FONT, 12)
    c.drawCentredString((LEFT + RIGHT) / 2, w.y, "LIST OF PARTICIPANTS")
    w.new_page()
    w.y = TOP
    w.header()
    for country, *cells in DELEGATIONS:
        w.row(country, cells)
    w.finish()
    return Path(path)


SECTOR_ROWS = [["Sector North", "1,200", "340"], ["Sector South", "980", "210"], ["Sector East", "450", "120"],
               ["Sector West", "300", "90"]]
SHORT_PROSE = ["Additional notes", "follow here", "in short", "lines of text", "that are prose"]


def _page_around(path: str | Path, symbol: str, opening: str, draw) -> Path:
    """One page of a report: masthead, paragraph 1 (`opening`), what `draw(canvas, writer)` sets at the writer's
    place, then a closing paragraph 2."""
    c = _canvas(Path(path))
    w = _Writer(c, symbol, total_pages_hint=1)
    w.masthead("1 March 2099", "Report of the Secretary-General on the Test Region")
    w.paragraph("1", opening)
    draw(c, w)
    w.paragraph("2", "The Secretary-General remains concerned at the continued violence and calls on all parties "
                     "to respect their obligations under international humanitarian law and human rights law.")
    w.finish()
    return Path(path)


def prose_under_table(path: str | Path) -> Path:
    """A borderless table of four rows (a name, two figures right-aligned), its rows 20 points apart, and right
    under it a paragraph set in short lines at its own leading (11 points), each line shaped as a first cell
    alone: they are a paragraph (" ".join(SHORT_PROSE)), not rows with their key only."""
    def draw(c, w):
        c.setFont(BODY_FONT, 10)
        for name, first, second in SECTOR_ROWS:
            c.drawString(LEFT, w.y, name)
            c.drawRightString(LEFT + 290, w.y, first)
            c.drawRightString(LEFT + 410, w.y, second)
            w.y -= 20
        w.y += 8
        for line in SHORT_PROSE:
            c.drawString(LEFT, w.y, line)
            w.y -= 11
        w.y -= 10

    return _page_around(path, "S/2099/999", "The Mission continued to monitor the situation in the region during "
                        "the period under review and reported on the following deployments of its personnel across "
                        "the sectors of the area.", draw)


HOLIDAY_CAPTION = ["Dates of Orthodox Good Friday, Yom Kippur, the Day of Vesak, Diwali,",
                   "Gurpurab, Orthodox Christmas, Nowruz, Lunar New Year, Eid al-Fitr and Eid",
                   "al-Adha in 2099"]
HOLIDAY_ROWS = [["Orthodox Christmas", "7 January"], ["Lunar New Year", "29 January"], ["Nowruz", "20 March"],
                ["Yom Kippur", "2 October"], ["Diwali", "20 October"]]


def caption_over_table(path: str | Path) -> Path:
    """A bold caption of three lines, the last one short, right above a borderless table of two columns whose
    header names only the second ("2099") — as A/AC.172/2025/2 sets its table of holidays: the caption's last line
    stands over the first column, in the header's place."""
    def draw(c, w):
        c.setFont(BOLD_FONT, 10)
        for line in HOLIDAY_CAPTION:
            c.drawString(LEFT, w.y, line)
            w.y -= 12
        w.y -= 12
        c.setFont(BODY_FONT, 7)
        c.drawString(LEFT + 220, w.y, "2099")
        w.y -= 18
        c.setFont(BODY_FONT, 10)
        for name, day in HOLIDAY_ROWS:
            c.drawString(LEFT, w.y, name)
            c.drawString(LEFT + 220, w.y, day)
            w.y -= 14
        w.y -= 10

    return _page_around(path, "S/2099/998", "The Secretariat took into account the official holidays set out in the "
                        "table below, as confirmed by the Office of Human Resources, when it drew up the calendar of "
                        "meetings.", draw)
