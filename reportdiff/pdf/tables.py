"""Stage 2b — tables and figures: body lines that are a table or a chart are taken out of the running text and
read as whole objects (`model.Table`, `model.Figure`), so that their cells and labels are not paragraphs.

What the real reports hold (measured on the 23 reports in shared/reports, 2025):
- **Annex tables** (troop and police strength, lists of names): no vertical rules, at most a rule over and under the
  header and over the total; numbers right-aligned, thousands split by a thin space (`1 375`), `–` for zero; a
  bold or italic title above ("Composition and strength of the police component … (as at 14 March 2025)"); a small
  or italic header, sometimes over two lines; wrapped cells; a "Total" row; a long table goes on over the next
  page under its header repeated.
- **Charts** (bars, lines, maps): a "Figure I" line and a bold title, then the chart's own words — axis ticks
  (`1 600`, `1 400` …), category and legend labels, data labels — in a smaller type, then "Source: …". Some put the
  caption under the chart ("Figure 4. Denial of … Source: UNIFIL."); an image chart leaves only its "Source:" line.

How they are found, on the lines left after page furniture and footnotes:
1. Figures first (their data labels can look like table rows): a figure label ("Figure II", "Map", "Chart 3")
   with the title lines under it, the chart's words (lines in a type other than the body's, or made of numbers
   only) and its source and note lines; or a caption under a run of chart words; or a stack of axis ticks; or a
   lone "Source:" line below an empty space (the chart is a picture).
2. Tables by the alignment of positioned words, the rule-less case that pdfplumber's table finder does not cover
   (its "lines" strategy needs ruled cell borders; its "text" strategy finds columns in any justified page). A run
   of lines that have gaps of a column's width (2+ words far apart) is a table candidate; its columns are the
   x-ranges left between *gutters*, vertical strips that no word of its body rows crosses (pdfplumber's
   `words_to_edges_v` clusters word edges instead, which needs every column to be aligned on one edge). The header
   is the lines above the body set in another style (italic, smaller) whose words stand inside the columns;
   the title the bold or italic lines above; a row starts where the first column has text (a line with an empty
   first column continues the row above, a wrapped cell); a table at the top of a page continues the one that
   ends the page before when it has as many columns and the same or no header.
Every word a table or figure takes is kept in it: the text of cells, titles, labels and notes.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from statistics import median
from typing import Callable

from ..model import NOTE_MARK, Figure, Table, marked_note
from .extract import Line, Word, words_text
from .labels import PARA_NUM_RE
from .turned import TurnedText, beside, over_columns

# A gap wider than this share of the type size splits a line into pieces (cells). Measured on the body lines of
# the 23 real reports: word spaces are 0.35 em (median), 0.78 em at the 99th percentile, and up to 1.34 em in a
# justified line stretched across the column; a line that stops short of the right margin is not stretched, and
# its spaces stay under 0.6 em. Table gaps are 0.8 em (an acronym list) to several em. A paragraph number's gap
# (1.1-1.6 em) leaves two pieces only, the first a label (see _LABEL).
CELL_GAP_SHORT = 0.6
CELL_GAP_FULL = 1.5
# A vertical strip this wide (share of the type size) that no word crosses separates two columns.
GUTTER = 0.6
# Lines further apart than this (share of the type size) are not rows of one table.
ROW_GAP = 2.6
# Lines whose boxes are closer than this (share of the type size) are set solid, at the type's own leading: the
# lines of one wrapped cell, in a table that puts space between its rows (see _solid_wraps). Boxes that overlap
# are no such lines (an OCR layer's lines of uneven sizes).
SOLID = 0.005
MIN_ROWS = 3                 # a table has at least this many rows with 2+ cells (header included)

FIGURE_LABEL = re.compile(r"^(Figure|Fig\.|Chart|Graph|Map|Diagram|Graphique|Gráfico)(\s+([IVXLC]+|\d+[A-Za-z]?))?"
                          r"\s*[.:]?$", re.I)
FIGURE_CAPTION = re.compile(r"^(Figure|Fig\.|Chart|Graph|Map)\s+([IVXLC]+|\d+)\s*[.:]\s+\S", re.I)
TABLE_LABEL = re.compile(r"^(Table|Tableau|Cuadro)(\s+([IVXLC]+|\d+[A-Za-z]?))?\s*[.:]?$", re.I)
NOTE = re.compile(r"^(Sources?|Notes?|Abbreviations?|Source and notes?)\s*:", re.I)
LETTER_MARK = re.compile(r"[a-z]")                                 # how a cell cites a note, raised
TOTAL = re.compile(r"^(Grand\s+|Sub-?)?total\b", re.I)
NUMBER = re.compile(r"^[(\[]?[-−+]?(\d{1,3}(?:[ \u2009\u202f\u00a0,]\d{3})+|\d+)([.,]\d+)?\s*%?[)\]]?$")
DASHES = frozenset("–—−-")
# What starts a paragraph or a heading, not a row: "12.", "(a)", "•", "IV.", "B."
_LABEL = re.compile(r"^(\d{1,3}\.|\([a-z]{1,2}\)|\([ivx]{1,5}\)|[•·▪◦–-]|[IVXLC]+\.|[A-Z]\.)$")
_HEADING_LABEL = re.compile(r"^(Annex|Appendix|Enclosure|Annexe|Anexo)\b|^([IVXLC]+|[A-Z]|\d{1,2})\.\s", re.I)


_LEADERS = re.compile(r"(\.\s?){5,}")


def _numbered(ln: Line) -> bool:
    """A line that starts with a paragraph number ("12."): numbered paragraphs are the report's backbone (their
    numbers are its ids), so such a line is never taken into a table, even where a table numbers its rows so."""
    return bool(PARA_NUM_RE.match(ln.first_plain))


def is_number(text: str) -> bool:
    """A cell that holds a figure: `1 375`, `13,990`, `4.5`, `12 %`, `(3)`, or `–` for zero."""
    t = text.strip()
    return bool(t) and (t in DASHES or bool(NUMBER.match(t)))


# ---------------------------------------------------------------------------------------------------- found objects

@dataclass
class FoundTable:
    """A table as found on the page: word lists, not yet joined into text (see `attach`)."""
    lines: list[Line]                               # every line it took (title, header, rows, notes), in order
    title: list[list[Word]] = field(default_factory=list)
    label: list[Word] = field(default_factory=list)
    header: list[list[list[Word]]] = field(default_factory=list)   # per column, its header words line by line
    rows: list[list[list[list[Word]]]] = field(default_factory=list)  # row → column → lines of words
    notes: list[list[Word]] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)
    first_row: tuple[int, float] = (0, 0.0)          # page and top of its first row (turned headings stand over it)


@dataclass
class FoundFigure:
    lines: list[Line]
    label: list[Word] = field(default_factory=list)
    title: list[list[Word]] = field(default_factory=list)
    body: list[list[Word]] = field(default_factory=list)
    notes: list[list[Word]] = field(default_factory=list)


Found = FoundTable | FoundFigure


# ---------------------------------------------------------------------------------------------------- line tests

# What the tests below find out about a line is asked many times while the figures and tables are looked for (a
# line's text, style and pieces cost a pass over its words each time): `take_out_all` keeps the answers for the
# length of one call, per thread, keyed by the line's id (its lines stay alive meanwhile, so no id is reused).
_memo = threading.local()
_MISS = object()


def _cached(kind: object, ln: Line, compute: Callable[[Line], object]):
    store = getattr(_memo, "store", None)
    if store is None:
        return compute(ln)
    key = (kind, id(ln))
    value = store.get(key, _MISS)
    if value is _MISS:
        value = store[key] = compute(ln)
    return value


def _text(ln: Line) -> str:
    return _cached("text", ln, lambda line: words_text(line.plain_words).strip())


def _bold(ln: Line) -> bool:
    return _cached("bold", ln, lambda line: line.bold)


def _italic(ln: Line) -> bool:
    return _cached("italic", ln, lambda line: line.italic)


def _cells(ln: Line, right: float = 1e9) -> list[list[Word]]:
    """A line cut into pieces at gaps of a column's width; `right` is the text column's right edge (a line that
    reaches it may be justified, its spaces stretched)."""
    return _cached(("cells", right), ln, lambda line: _pieces(line, right))


def _pieces(ln: Line, right: float) -> list[list[Word]]:
    out: list[list[Word]] = []
    gap = (CELL_GAP_FULL if ln.x1 > right - ln.size else CELL_GAP_SHORT) * ln.size
    for w in ln.words:
        if out and (w.x0 - out[-1][-1].x1) <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _numeric_line(ln: Line) -> bool:
    return _cached("numeric", ln, _all_numbers)


def _all_numbers(ln: Line) -> bool:
    words = ln.plain_words
    return bool(words) and all(is_number(c) for c in (words_text(p) for p in _cells(ln, 0.0)))


def _gap(a: Line, b: Line) -> float:
    return b.top - a.bottom if a.page == b.page else 1e9


# The first letters a figure label, a caption or a note can start with: most lines are ruled out without
# building their text.
_LABEL_START = re.compile(r"^(Fig|Cha|Gra|Map|Dia|Tab|Cua|Sou|Not|Abb)", re.I)


def _is_note(ln: Line) -> bool:
    return _lettered_note(ln.words) or bool(_LABEL_START.match(ln.words[0].text)) and _cached(
        "note", ln, lambda line: bool(NOTE.match(_text(line))))


def _lettered_note(words: list[Word]) -> bool:
    """A note that opens on its raised letter or star, as a table's notes do ("a In accordance with paragraph 4 (b)
    …", cited by "58/316a" in a cell)."""
    return len(words) > 1 and words[0].sup and bool(NOTE_MARK.fullmatch(words[0].text))


def _figure_label(ln: Line) -> bool:
    return bool(_LABEL_START.match(ln.words[0].text)) and bool(FIGURE_LABEL.match(_text(ln)))


def _caption_start(ln: Line) -> bool:
    return bool(_LABEL_START.match(ln.words[0].text)) and bool(FIGURE_CAPTION.match(_text(ln)))


class _Page:
    """What the tests below need to know about the document: its body type size and text column."""

    def __init__(self, body: float, lines: list[Line]) -> None:
        self.body = body
        full = [ln for ln in lines if abs(ln.size - body) < 0.6]
        self.left = median([ln.x0 for ln in full]) if full else 0.0
        self.right = median([ln.x1 for ln in full]) if full else 600.0

    def body_text(self, ln: Line) -> bool:
        """A line of running text: body type, roman, reaching across most of the text column."""
        return _cached(("body", self.body, self.right), ln, self._body_text)

    def _body_text(self, ln: Line) -> bool:
        if abs(ln.size - self.body) >= 0.6 or _bold(ln) or len(ln.plain_words) < 5 \
                or ln.x1 - ln.x0 <= 0.7 * (self.right - self.left):
            return False
        cells = self.cells(ln)
        return len(cells) == 1 or (len(cells) == 2 and bool(_LABEL.match(words_text(cells[0]))))

    def cells(self, ln: Line) -> list[list[Word]]:
        return _cells(ln, self.right)

    def row_candidate(self, ln: Line) -> bool:
        """A line with 2+ pieces far apart that is not a numbered or labelled paragraph's first line, nor a
        line of a table of contents."""
        cells = self.cells(ln)
        if len(cells) < 2 or _numbered(ln) or _LEADERS.search(_text(ln)):
            return False
        return not (len(cells) == 2 and _LABEL.match(words_text(cells[0])))

    def chart_word(self, ln: Line) -> bool:
        """A chart's own words: a type other than the body's (not a bold heading), or figures only."""
        if abs(ln.size - self.body) < 0.6:          # body type (so no note, caption or running text): figures only
            first = ln.words[0].text[:1]
            return (first.isdigit() or first in DASHES or first in "([+") and _numeric_line(ln)
        if _is_note(ln) or _caption_start(ln):
            return False
        return not (ln.size > self.body and _bold(ln))


# ---------------------------------------------------------------------------------------------------- figures

def _take_notes(lines: list[Line], j: int, page: _Page) -> int:
    """Index after the source and note lines that start at j (a note may wrap onto lines of its own size)."""
    first = j
    while j < len(lines) and _is_note(lines[j]) and (j == first or _gap(lines[j - 1], lines[j]) < 3 * page.body):
        size = lines[j].size
        j += 1
        # a line of the note's own type, or smaller than the text's (a document whose body is its small-type
        # annex sets its notes at nearly that size: A/AC.172/2025/2's calendar)
        while (j < len(lines) and not _is_note(lines[j])
               and (lines[j].size < page.body - 0.4 or abs(lines[j].size - size) < 0.3)
               and _gap(lines[j - 1], lines[j]) < 0.6 * lines[j].size and not page.body_text(lines[j])):
            j += 1
    return j


def _figure_from_label(lines: list[Line], i: int, page: _Page) -> FoundFigure | None:
    """The figure whose label line is lines[i] ("Figure II"): the bold title under it, the chart's words and its
    notes; None for a label alone (a label and a title are a figure even when the chart holds no words)."""
    j = i + 1
    while j < len(lines) and _bold(lines[j]) and _gap(lines[j - 1], lines[j]) < 1.5 * page.body \
            and not _LABEL.match(lines[j].first_plain):
        j += 1                                                       # the title
    if j == i + 1 and j < len(lines) and lines[j].page != lines[i].page and _bold(lines[j]):
        j += 1                                                       # label at a page's foot, title overleaf
    body = j
    while j < len(lines) and page.chart_word(lines[j]):
        j += 1
    end = _take_notes(lines, j, page)
    if end == i + 1:
        return None
    return _figure(lines[i:end], label=lines[i], title=lines[i + 1:body], body=lines[body:j], notes=lines[j:end])


def _figure_above_caption(lines: list[Line], i: int, page: _Page) -> int:
    """Start index of the chart words above a caption line ("Figure 4. Denial of …"), or i when none."""
    k = i
    while k > 0 and lines[k - 1].page == lines[i].page and page.chart_word(lines[k - 1]) \
            and not _bold(lines[k - 1]):
        k -= 1
    return k


def _tick_stack(lines: list[Line], i: int, page: _Page) -> int:
    """End index of a run of chart words from i that holds 3+ lines of numbers only (an axis), or i."""
    j, ticks = i, 0
    while j < len(lines) and lines[j].page == lines[i].page and page.chart_word(lines[j]) \
            and (j == i or _gap(lines[j - 1], lines[j]) < 4 * page.body):
        ticks += _numeric_line(lines[j]) and len(lines[j].plain_words) <= 2
        j += 1
    return j if ticks >= 3 else i


def _caption(ln: Line, page: _Page, following: Line | None) -> bool:
    """A caption under a chart: "Figure 4. Denial of …", in small type or followed by its source."""
    return _caption_start(ln) and (ln.size < page.body - 0.4 or (
        following is not None and _is_note(following)))


def find_figures(lines: list[Line], page: _Page, images: Callable[[int], int]) -> tuple[list[Line], list[Found]]:
    """Figures among the body lines of the whole document (a figure may start at a page's foot). Returns the
    lines left and the figures, in reading order."""
    kept: list[Line] = []
    found: list[Found] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        fig: FoundFigure | None = None
        if _figure_label(ln):
            fig = _figure_from_label(lines, i, page)
        elif _caption(ln, page, nxt):
            start = _figure_above_caption(lines, i, page)
            if start < i:
                del kept[len(kept) - (i - start):]
                end = _take_notes(lines, i + 1, page)
                fig = _figure(lines[start:end], body=lines[start:i], caption=ln, notes=lines[i + 1:end])
        elif page.chart_word(ln):
            end = _tick_stack(lines, i, page)
            if end > i:
                title_start = len(kept)          # the bold title just above, when there is one
                while (title_start > 0 and _bold(kept[title_start - 1]) and kept[title_start - 1].page == ln.page
                       and _gap(kept[title_start - 1], kept[title_start] if title_start < len(kept) else ln)
                       < 1.5 * page.body):
                    title_start -= 1
                title = kept[title_start:]
                del kept[title_start:]
                caption = lines[end] if end < len(lines) and _caption(lines[end], page, None) else None
                stop = _take_notes(lines, end + (caption is not None), page)
                fig = _figure(title + lines[i:stop], title=title, body=lines[i:end], caption=caption,
                              notes=lines[end + (caption is not None):stop])
        elif _is_note(ln) and ln.size < page.body - 0.4 and images(ln.page) and (
                not kept or _gap(kept[-1], ln) > 6 * page.body):
            stop = _take_notes(lines, i, page)                       # a picture's source line
            fig = _figure(lines[i:stop], notes=lines[i:stop])
        if fig is not None:
            found.append(fig)
            i = lines.index(fig.lines[-1], i) + 1
            continue
        kept.append(ln)
        i += 1
    return kept, found


def _figure(lines: list[Line], *, label: Line | None = None, title: list[Line] = (), body: list[Line] = (),
            caption: Line | None = None, notes: list[Line] = ()) -> FoundFigure:
    """A figure of its parts; a caption line ("Figure 4. Title") gives the label and the title."""
    fig = FoundFigure(lines=list(lines), label=label.words if label else [], title=[ln.words for ln in title],
                      body=[ln.words for ln in body], notes=[ln.words for ln in notes])
    if caption is not None:
        words = caption.words
        k = next((n for n, w in enumerate(words) if n >= 1 and re.search(r"[.:]$", w.text)), 1)
        fig.label, fig.title = words[:k + 1], fig.title + [words[k + 1:]]
    return fig


# ---------------------------------------------------------------------------------------------------- tables

def _style(ln: Line) -> tuple:
    return round(ln.size * 2) / 2, _bold(ln), _italic(ln)


def _commonest(styles: list[tuple]) -> tuple:
    return max(set(styles), key=lambda s: (styles.count(s), -styles.index(s)))


def _word_style(w: Word) -> tuple:
    return w.size, w.bold, w.italic


def _same_type(style: tuple, w: Word) -> bool:
    """The word is set in this type: the same weight and slant, a size within a tenth (a cell's text may be
    shrunk to fit its width)."""
    size, bold, italic = style
    return (bold, italic) == (w.bold, w.italic) and abs(size - w.size) <= 0.1 * size


def _gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """Columns: the x-ranges between vertical strips that no word of these lines crosses."""
    spans = sorted((w.x0, w.x1) for ln in lines for w in ln.words)
    size = median([ln.size for ln in lines])
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 - cols[-1][1] < GUTTER * size:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _column_of(w: Word, cols: list[tuple[float, float]]) -> int:
    mid = (w.x0 + w.x1) / 2
    best, dist = 0, 1e9
    for k, (a, b) in enumerate(cols):
        d = 0.0 if a - 1 <= mid <= b + 1 else min(abs(mid - a), abs(mid - b))
        if d < dist:
            best, dist = k, d
    return best


def _inside_columns(ln: Line, cols: list[tuple[float, float]]) -> bool:
    """No word of the line crosses the middle of a gutter between two columns (a header line, a row whose gaps
    are narrow); a title or a line of text runs across them."""
    middles = [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])]
    return not any(w.x0 < m < w.x1 for w in ln.words for m in middles)


def _fits(ln: Line, cols: list[tuple[float, float]]) -> bool:
    """A row of these columns: no word crosses a gutter, and where words stand on both sides of one, they are a
    gutter's width apart (a line of prose may happen to have a word space at a gutter, but not a wide one)."""
    if not _inside_columns(ln, cols):
        return False
    for a, b in zip(cols, cols[1:]):
        m = (a[1] + b[0]) / 2
        left = max((w.x1 for w in ln.words if w.x1 <= m), default=None)
        right = min((w.x0 for w in ln.words if w.x0 >= m), default=None)
        if left is not None and right is not None and right - left < GUTTER * ln.size:
            return False
    return True


def _split_row(ln: Line, cols: list[tuple[float, float]]) -> list[list[Word]]:
    cells: list[list[Word]] = [[] for _ in cols]
    for w in ln.words:
        cells[_column_of(w, cols)].append(w)
    return cells


class _TableReader:
    """Reads one page's remaining lines into tables (see the module docstring, step 2)."""

    def __init__(self, page: _Page, lines: list[Line]) -> None:
        self.page = page
        self.cells_at = self._cell_starts(lines)
        self.above = {id(b): _gap(a, b) for a, b in zip(lines, lines[1:])}
        # The gap above a row: the median over the page's row lines that stand under another line of the table.
        gaps = [g for ln in lines
                if self.page.row_candidate(ln) and (g := self.above.get(id(ln), 1e9)) < ROW_GAP * ln.size]
        self.row_gap = median(gaps) if gaps else 0.0
        # The spacing evidence is taken inside each stretch of rows, never from the page at large: prose set solid
        # under a table (or anywhere on its page) says nothing of how the table sets its wrapped cells.
        self.stretch = self._stretches(lines)
        stretches = set(self.stretch.values())
        self.solid = {k for k in stretches
                      if any(self._key_shaped(ln) and abs(self.above.get(id(ln), 1e9)) < SOLID * ln.size
                             for ln in lines[k[0]:k[1]])}
        self.keyed = {k for k in stretches if any(self._first_cell_only(ln) for ln in lines[k[0]:k[1]])}

    def _stretches(self, lines: list[Line]) -> dict[int, tuple[int, int]]:
        """Each line's stretch of rows: among lines close enough to be rows of one table (ROW_GAP), the range from
        the first row line to the last one, or to the page's last line when the group runs to the foot of the
        page (a table continued overleaf). Lines before the first or after the last row line of their group
        belong to none."""
        out: dict[int, tuple[int, int]] = {}
        i = 0
        while i < len(lines):
            j = i + 1
            while j < len(lines) and self.above[id(lines[j])] < ROW_GAP * lines[j].size:
                j += 1
            rows = [k for k in range(i, j) if self.page.row_candidate(lines[k])]
            if rows:
                span = (rows[0], j if j == len(lines) else rows[-1] + 1)
                for k in range(*span):
                    out[id(lines[k])] = span
            i = j
        return out

    def runs(self, lines: list[Line]) -> list[tuple[int, int]]:
        """(start, end) index ranges of candidate runs: row lines, with short single-piece lines between them,
        and any number of lines that fill only the first column of the page's aligned rows."""
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(lines):
            if not self.page.row_candidate(lines[i]) or self.page.body_text(lines[i]):
                i += 1
                continue
            start, end, j, strays = i, i + 1, i + 1, 0
            while j < len(lines) and _gap(lines[j - 1], lines[j]) < ROW_GAP * lines[j].size:
                ln = lines[j]
                if self.page.body_text(ln) or _is_note(ln) or _numbered(ln):
                    break
                if self.page.row_candidate(ln):
                    end, strays = j + 1, 0
                elif self._aligned_alone(ln):
                    pass                  # a row with only its first cell filled, or a cell wrapped
                elif (_bold(ln) or _italic(ln)) and len(self.page.cells(ln)) == 1 and end - start >= 2 \
                        and not TOTAL.match(_text(ln)):
                    break                 # the title of the next table
                elif ln.x1 - ln.x0 > 0.6 * (self.page.right - self.page.left) or strays >= 2:
                    break
                else:
                    strays += 1
                j += 1
            out.append((start, end))
            i = end
        return out

    def _cell_starts(self, lines: list[Line]) -> list[tuple[float, tuple, float, list[float]]]:
        """Each row line of the page: where its first cell starts, that cell's type, where its second cell
        starts, and where its later cells start."""
        out = []
        for ln in lines:
            if self.page.row_candidate(ln):
                cells = self.page.cells(ln)
                out.append((cells[0][0].x0, _word_style(cells[0][0]), cells[1][0].x0, [c[0].x0 for c in cells[1:]]))
        return out

    def _first_cell_only(self, ln: Line) -> bool:
        """A line shaped as a first cell alone (see _key_shaped) that the spacing tells from the lines of its
        rows: its stretch of rows (see _stretches) sets wrapped first cells solid (so such a line standing apart is
        a row of its own), or the line sits closer under the line above than rows do (a first cell wrapped).
        Where rows and wrapped lines are set at one leading (an annex whose long names wrap line by line at the
        rows' spacing), each line of a wrapped name would be read as a row of its own: no."""
        if not self._key_shaped(ln):
            return False
        return self.stretch.get(id(ln)) in self.solid or self.above.get(id(ln), 1e9) < self.row_gap - 0.3 * ln.size

    def _key_shaped(self, ln: Line) -> bool:
        """A line that fills only the first column of the page's rows: one piece, starting where the first cells
        of MIN_ROWS rows or more start, in their type, ending before their second cells (a list of participants
        names countries without delegates, and wraps long country names, so)."""
        if len(self.page.cells(ln)) != 1:
            return False
        seconds = [second for x0, kind, second, _ in self.cells_at
                   if abs(x0 - ln.x0) < 0.5 * ln.size and _same_type(kind, ln.words[0])]
        return len(seconds) >= MIN_ROWS and ln.x1 < min(seconds) - GUTTER * ln.size

    def _aligned_alone(self, ln: Line) -> bool:
        """A row with only its first cell; or, in a stretch of rows that includes such rows (`keyed`), a later cell
        wrapped. Without them, lines that start where later cells start are as often the prose or the boxed
        bullets beside a text set in two columns (an infographic), and end the run as before."""
        return self._first_cell_only(ln) or self.stretch.get(id(ln)) in self.keyed and self._later_cell_only(ln)

    def _later_cell_only(self, ln: Line) -> bool:
        """A line whose pieces each start where a later cell of two rows or more starts, its first column empty:
        cells wrapped (a long name, a second adviser), not the title of the next table."""
        return all(sum(1 for *_, later in self.cells_at if any(abs(x - piece[0].x0) < 0.5 * ln.size for x in later))
                   >= 2 for piece in self.page.cells(ln))

    def read(self, lines: list[Line], start: int, end: int) -> FoundTable | None:
        run = lines[start:end]
        if sum(self.page.row_candidate(ln) for ln in run) < MIN_ROWS:
            return None
        body_style = self._body_style(run)
        head = 0
        while head < len(run) - 1 and _style(run[head]) != body_style and self._header_like(run[head], body_style) \
                and not self._first_cell_only(run[head]):
            head += 1
        body = run[head:]
        cols = self._columns(run[:head], body)
        if len(cols) < 2 or not self._tabular(body, cols):
            return None
        longer = self._extend(lines, end, cols)
        if longer > end and len(self._columns(run[:head], lines[start + head:longer])) == len(cols):
            end = longer
            body = lines[start + head:end]
            cols = self._columns(run[:head], body)
        table = FoundTable(lines=[], columns=cols, first_row=(body[0].page, body[0].top))
        size = median([ln.size for ln in body])
        # Header lines above the run: in another style, every word inside a column.
        top = start
        while top > 0 and _gap(lines[top - 1], lines[top]) < 2 * size and top > start - 3 \
                and self._header_like(lines[top - 1], body_style) and _inside_columns(lines[top - 1], cols) \
                and not _LABEL.match(lines[top - 1].words[0].text) \
                and not _HEADING_LABEL.match(_text(lines[top - 1])) and not _wrapped_into(lines, top - 1, cols):
            top -= 1
        header_lines = lines[top:start] + run[:head]
        if not header_lines and not self._numeric(body, cols) and (_bold(body[0]) or _italic(body[0])) \
                and not all(_bold(ln) or _italic(ln) for ln in body):
            header_lines, body = body[:1], body[1:]
        table.header = self._header_cells(header_lines, cols)
        table.rows = self._rows(body, cols)
        title_start = self._title_start(lines, top)
        label_lines = lines[title_start:top]
        if label_lines and TABLE_LABEL.match(_text(label_lines[0])):
            table.label, label_lines = label_lines[0].words, label_lines[1:]
        table.title = [ln.words for ln in label_lines]
        notes_end = _take_notes(lines, end, self.page) if end < len(lines) and _is_note(lines[end]) else end
        table.notes = [ln.words for ln in lines[end:notes_end]]
        table.lines = lines[title_start:notes_end]
        return table

    def _columns(self, head: list[Line], body: list[Line]) -> list[tuple[float, float]]:
        """The body's columns; or the header's, when each header line names more columns than the body fills
        (rows that leave the last columns empty)."""
        cols = _gutters(body)
        if not head:
            return cols
        wider = _gutters(head + body)
        if len(wider) > len(cols) and all(len(self.page.cells(ln)) == len(wider) for ln in head):
            return wider
        return cols

    def _body_style(self, run: list[Line]) -> tuple:
        """The rows' style: the commonest among the run's row lines; but when that is the style of the lines that
        open the run and they look like a header over the rest (a header of three lines, in three languages, over
        a few rows), the commonest below them."""
        styles = [_style(ln) for ln in run if self.page.row_candidate(ln)]
        common = _commonest(styles)
        lead = next((k for k, st in enumerate(styles) if st != styles[0]), len(styles))
        if common != styles[0] or lead == len(styles):
            return common
        below = _commonest(styles[lead:])
        # Told from the rows by its slant or weight: a size alone as often sets a chart's data labels apart, or
        # is an OCR layer's uneven sizes.
        apart = styles[0][1:] != below[1:]
        return below if apart and self._header_like(run[0], below) else common

    def _extend(self, lines: list[Line], end: int, cols: list[tuple[float, float]]) -> int:
        """End of the table once the lines below that fit its columns are added: rows whose gaps are too narrow
        to tell them from text on their own (an acronym and its expansion, 0.8 em apart). A line with only its
        first cell (see _first_cell_only) is a row only inside the table, with a fuller row below it, or at the
        foot of the page (the table goes on overleaf): short lines of prose under a table are shaped so too, and
        end it at its last full row."""
        j = end
        while j < len(lines) and _gap(lines[j - 1], lines[j]) < ROW_GAP * lines[j].size:
            ln = lines[j]
            cells = _split_row(ln, cols)
            if _is_note(ln) or _numbered(ln) or not _fits(ln, cols):
                break
            if cells[0] and sum(1 for c in cells if c) >= 2 or not cells[0]:
                end = j + 1
            elif not self._first_cell_only(ln):
                break
            j += 1
        return j if j == len(lines) else end        # run to the foot of the page: the table goes on overleaf

    def _header_like(self, ln: Line, body_style: tuple) -> bool:
        size, bold, italic = _style(ln)
        return not _is_note(ln) and ((italic and not body_style[2]) or size < body_style[0] - 0.4
                                     or (bold and not body_style[1] and not TOTAL.match(_text(ln))))

    def _tabular(self, body: list[Line], cols: list[tuple[float, float]]) -> bool:
        """Rows with two or more filled columns, and cells of a few words (not two columns of prose)."""
        # A line that fills one cell where the page's rows have one (a row with nothing but its key, a wrapped
        # cell) is judged neither for nor against the columns.
        body = [ln for ln in body
                if not (self._aligned_alone(ln) and sum(1 for c in _split_row(ln, cols) if c) == 1)]
        filled = [sum(1 for c in _split_row(ln, cols) if c) for ln in body]
        if sum(1 for f in filled if f >= 2) < max(2, len(body) // 2):
            return False
        cells = [c for ln in body for c in _split_row(ln, cols) if c]
        if sum(len(c) for c in cells) / len(cells) > 6:
            return False                   # cells of a line's length: columns of prose
        # Prose set in columns goes on from line to line: most of its pieces start in lower case. A table's
        # cells start with a capital or a figure; only the second line of a wrapped cell does not.
        if sum(1 for c in cells if c[0].text[:1].islower()) > 0.4 * len(cells):
            return False
        # Letter-spaced text (an OCR layer of the 1990s: "M a r s h a l l") is no table either: letters side by
        # side in one cell. A letter alone in its cell is a code (JIU/REP/2025/2's annex marks each organization's
        # column "E" or "L").
        words = [w for c in cells for w in c]
        spaced = sum(1 for c in cells for w in c if len(w.text) == 1 and w.text.isalpha() and len(c) > 1)
        return spaced < 0.3 * len(words)

    def _numeric(self, body: list[Line], cols: list[tuple[float, float]]) -> bool:
        cells = [words_text(c) for ln in body for c in _split_row(ln, cols)[1:] if c]
        return bool(cells) and sum(is_number(c) for c in cells) >= 0.6 * len(cells)

    def _header_cells(self, header_lines: list[Line], cols) -> list[list[list[Word]]]:
        cells: list[list[list[Word]]] = [[] for _ in cols]
        for ln in header_lines:
            for k, words in enumerate(_split_row(ln, cols)):
                if words:
                    cells[k].append(words)
        return cells if header_lines else []

    def _rows(self, body: list[Line], cols) -> list[list[list[list[Word]]]]:
        rows: list[list[list[list[Word]]]] = []
        wrap = _wrap_gap(body)
        solid = _solid_wraps(body, cols)
        prev: Line | None = None
        for ln in body:
            cells = _split_row(ln, cols)
            wrapped = prev is not None and _gap(prev, ln) < wrap
            if solid and cells[0] and prev is not None and abs(_gap(prev, ln)) < SOLID * ln.size \
                    and _split_row(prev, cols)[0]:
                for k, words in enumerate(cells):          # the first cell wrapped, set solid under the line above
                    if words:
                        rows[-1][k].append(words)
                prev = ln
                continue
            # An empty first column continues the row above (a wrapped cell), unless the line brings a figure
            # where the row has one already (a subtotal row whose label sits in the second column).
            refills = rows and any(words and rows[-1][k] and is_number(words_text(words))
                                   and is_number(words_text(rows[-1][k][-1])) for k, words in enumerate(cells))
            continues = rows and ((not cells[0] and not refills)
                                  or (wrapped and not any(cells[1:]) and not TOTAL.match(_text(ln))))
            if continues:
                for k, words in enumerate(cells):
                    if words:
                        rows[-1][k].append(words)
            elif rows and wrapped and not any(rows[-1][1:]) and cells[0]:
                rows[-1][0].append(cells[0])            # a key wrapped over the line that holds the figures
                for k, words in enumerate(cells[1:], 1):
                    if words:
                        rows[-1][k].append(words)
            else:
                rows.append([[words] if words else [] for words in cells])
            prev = ln
        return rows

    def _title_start(self, lines: list[Line], top: int) -> int:
        """Index of the first title line above the table (its label "Table 2" included), or top when none."""
        k = top
        while k > 0 and top - k < 4:
            ln = lines[k - 1]
            limit = (3.0 if k == top else 1.0) * self.page.body
            if _gap(ln, lines[k]) > limit or _HEADING_LABEL.match(_text(ln)) or ln.size > self.page.body + 0.6 \
                    or ln.size < self.page.body - 1.0 or _numbered(ln):
                break
            if TABLE_LABEL.match(_text(ln)):
                k -= 1
                break
            if not (_bold(ln) or _italic(ln)) or self.page.body_text(ln) and not _bold(ln):
                break
            k -= 1
        return k


def _wrapped_into(lines: list[Line], k: int, cols: list[tuple[float, float]]) -> bool:
    """Line k, header-like above a table, is the last line of a caption that wraps across the columns above it:
    one cell in the first column, at the caption's left edge, in its style, a line's spacing below it
    (A/AC.172/2025/2: "Dates of Orthodox Good Friday, … and Eid / al-Adha in 2025" over a table of two columns)."""
    if k == 0:
        return False
    above, ln = lines[k - 1], lines[k]
    return (not _inside_columns(above, cols) and _style(above) == _style(ln) and abs(above.x0 - ln.x0) < 2
            and _gap(above, ln) < 0.8 * ln.size and all(_column_of(w, cols) == 0 for w in ln.words)
            and above.x1 > cols[1][0])


def _wrap_gap(body: list[Line]) -> float:
    """The gap under which a line continues the row above: between the two kinds of gaps of a table whose rows
    are spaced wider than the lines of a wrapped cell; none when all gaps are alike."""
    gaps = sorted(_gap(a, b) for a, b in zip(body, body[1:]) if a.page == b.page)
    if not gaps:
        return 0.0
    size, typical = median([ln.size for ln in body]), median(gaps)
    if typical - gaps[0] < 0.3 * size:
        return 0.0
    return (gaps[0] + typical) / 2


def _solid_wraps(body: list[Line], cols) -> bool:
    """Whether the table puts space between its rows, so that a first cell set solid under the line above is that
    cell wrapped: most lines that fill the first column and another stand apart from the line above them."""
    gaps = [_gap(a, b) for a, b in zip(body, body[1:])
            if a.page == b.page and (cells := _split_row(b, cols))[0] and any(cells[1:])]
    return bool(gaps) and median(gaps) >= 4 * SOLID * median([ln.size for ln in body])


def find_tables(lines: list[Line], page: _Page) -> tuple[list[Line], list[Found]]:
    """Tables among one page's lines; returns the lines left and the tables."""
    reader = _TableReader(page, lines)
    found: list[Found] = []
    taken: set[int] = set()
    for start, end in reader.runs(lines):
        table = reader.read(lines, start, end)
        if table is not None and not any(id(ln) in taken for ln in table.lines):
            found.append(table)
            taken.update(id(ln) for ln in table.lines)
    return [ln for ln in lines if id(ln) not in taken], found


def _join_continued(found: list[Found], kept: list[Line]) -> list[Found]:
    """A table that opens a page continues the one that closes the page before (as many columns, the same header
    or none): its rows are added to it."""
    out: list[Found] = []
    for obj in found:
        prev = out[-1] if out else None
        if (isinstance(obj, FoundTable) and isinstance(prev, FoundTable)
                and obj.lines[0].page == prev.lines[-1].page + 1 and len(obj.columns) == len(prev.columns)
                and _ends_page(prev, kept) and _opens_page(obj, kept)
                and (not obj.header or _header_text(obj) == _header_text(prev))):
            prev.rows.extend(obj.rows)
            prev.notes.extend(obj.notes)
            prev.lines.extend(obj.lines)
            continue
        out.append(obj)
    return out


def _header_text(t: FoundTable) -> list[str]:
    return [" ".join(words_text(ws) for ws in col) for col in t.header]


def _ends_page(t: FoundTable, kept: list[Line]) -> bool:
    last = t.lines[-1]
    return not any(ln.page == last.page and ln.top > last.top for ln in kept)


def _opens_page(t: FoundTable, kept: list[Line]) -> bool:
    first = t.lines[0]
    return not any(ln.page == first.page and ln.top < first.top for ln in kept)


# ---------------------------------------------------------------------------------------------------- entry point

def take_out(body_pages: list[tuple[int, list[Line]]], body: float,
             images: Callable[[int], int] = lambda page: 0) -> tuple[list[tuple[int, list[Line]]], list[Found]]:
    """Tables and figures out of the body lines: (the body lines left, page by page; the objects in reading
    order). `images(page)` is the number of pictures on a page (a lone source line there is a picture's)."""
    all_lines = [ln for _, ls in body_pages for ln in ls]
    page = _Page(body, all_lines)
    kept, found = find_figures(all_lines, page, images)
    by_page: dict[int, list[Line]] = {}
    for ln in kept:
        by_page.setdefault(ln.page, []).append(ln)
    tables: list[Found] = []
    left: list[Line] = []
    for n, (pno, _) in enumerate(body_pages):
        lines = by_page.get(pno, [])
        # What stands above the first line of text on the first page is masthead (organ, symbol, "Distr.",
        # the date in columns), never a table.
        head = next((k for k, ln in enumerate(lines) if page.body_text(ln)), 0) if n == 0 else 0
        rest, objs = find_tables(lines[head:], page)
        left += lines[:head] + rest
        tables += objs
    objects = _join_continued(sorted(found + tables, key=lambda o: (o.lines[0].page, o.lines[0].top)), left)
    left_ids = {id(ln) for ln in left}
    return [(pno, [ln for ln in ls if id(ln) in left_ids]) for pno, ls in body_pages], objects


@dataclass
class Taken:
    """What `take_out` leaves and takes: the body lines left page by page, the objects in reading order, and each
    body line's place in the reading order before anything was taken (to put an object in its section)."""
    body_pages: list[tuple[int, list[Line]]]
    objects: list[Found]
    order: dict[int, int]
    starts: set[int] = field(default_factory=set)    # ids of lines that start a paragraph (see _paragraph_starts)


def take_out_all(body_pages: list[tuple[int, list[Line]]], body: float,
                 images: Callable[[int], int] = lambda page: 0) -> Taken:
    everything = [ln for _, ls in body_pages for ln in ls]
    order = {id(ln): i for i, ln in enumerate(everything)}
    _memo.store = {}
    try:
        left, objects = take_out(body_pages, body, images)
        return Taken(left, objects, order, _paragraph_starts(everything, order, left, objects, body))
    finally:
        del _memo.store


def _paragraph_starts(everything: list[Line], index: dict[int, int], left: list[tuple[int, list[Line]]],
                      objects: list[Found], body: float) -> set[int]:
    """Lines after a table or figure that start a paragraph: the text before the object ended a sentence and the
    line is indented. Once the object is gone, the line would otherwise continue the paragraph before it when
    the object filled the rest of a page (a paragraph that runs on over a page break is joined). `index`: each
    line's place in `everything`."""
    kept = [ln for _, ls in left for ln in ls]
    page = _Page(body, kept)
    pos = {id(ln): i for i, ln in enumerate(kept)}
    starts: set[int] = set()
    for obj in objects:
        after = index[id(obj.lines[-1])] + 1
        nxt = next((ln for ln in everything[after:] if id(ln) in pos), None)
        if nxt is None or pos[id(nxt)] == 0:
            continue
        before = kept[pos[id(nxt)] - 1]
        if re.search(r"[.:;!?”’)]$", _text(before)) and nxt.x0 > page.left + 0.8 * body:
            starts.add(id(nxt))
    return starts


# ---------------------------------------------------------------------------------------------------- to the model

def attach(edition, taken: Taken, blocks, joiner, turned: dict[int, list[TurnedText]] | None = None) -> None:
    """Turn the objects taken out into the edition's `tables` and `figures`, each in the section that holds it.

    `blocks` are structure's blocks of the lines left: its k-th heading block made the edition's k-th section,
    so an object belongs to the section of the last heading block above it. `turned`: each page's text set
    sideways, given to the figure it stands beside (an axis title) or the table column it stands over."""
    headings: list[tuple[int, str]] = []
    k = 0
    for b in blocks:
        if b.kind == "heading" and k < len(edition.sections):
            headings.append((taken.order.get(id(b.lines[0]), -1), edition.sections[k].id))
            k += 1

    def section_at(obj: Found) -> str | None:
        at = taken.order.get(id(obj.lines[0]), 0)
        return next((sid for pos, sid in reversed(headings) if pos < at), None)

    def text(lines: list[list[Word]]) -> str:
        return joiner.join(lines)[0]

    sideways = _Sideways(turned or {})
    for obj in taken.objects:
        pages = (obj.lines[0].page, obj.lines[-1].page)
        if isinstance(obj, FoundTable):
            rows = [[text(cell) for cell in row] for row in obj.rows]
            edition.tables.append(Table(
                id=f"T{len(edition.tables) + 1}", section=section_at(obj), title=text(obj.title),
                header=sideways.header(obj, [text(col) for col in obj.header] if obj.header else []),
                rows=rows, label=text([obj.label]) if obj.label else "",
                total_rows=[i for i, r in enumerate(rows) if r and TOTAL.match(r[0])],
                notes=_notes(obj.notes, text) + _claimed_notes(edition, obj), page_start=pages[0],
                page_end=pages[1]))
        else:
            labels = " ".join(t for t in [*sideways.beside(obj), *(text([ws]) for ws in obj.body)] if t)
            notes = _notes(obj.notes, text)
            edition.figures.append(Figure(
                id=f"F{len(edition.figures) + 1}", section=section_at(obj), title=text(obj.title),
                text=" ".join([labels] + notes).strip(), label=text([obj.label]) if obj.label else "",
                labels=labels, notes=notes, page_start=pages[0], page_end=pages[1]))


class _Sideways:
    """The pages' turned text, each run given once: to the figure it stands beside or the column it stands over."""

    def __init__(self, turned: dict[int, list[TurnedText]]) -> None:
        self.left = {page: list(runs) for page, runs in turned.items()}

    def _take(self, page: int, taken: list[TurnedText]) -> None:
        self.left[page] = [t for t in self.left.get(page, []) if t not in taken]

    def beside(self, figure: FoundFigure) -> list[str]:
        """The axis titles standing beside the figure's lines, page by page."""
        out: list[str] = []
        for page in dict.fromkeys(ln.page for ln in figure.lines):
            own = [ln for ln in figure.lines if ln.page == page]
            found = beside(self.left.get(page, []), min(ln.x0 for ln in own), min(ln.top for ln in own),
                           max(ln.x1 for ln in own), max(ln.bottom for ln in own))
            self._take(page, found)
            out += [t.text for t in found]
        return out

    def header(self, table: FoundTable, header: list[str]) -> list[str]:
        """The table's header with the turned headings over its columns written into the cells they head."""
        page, top = table.first_row
        heads = over_columns(self.left.get(page, []), table.columns, top)
        if not heads:
            return header
        header = header or [""] * len(table.columns)
        for k, runs in heads.items():
            printed = [header[k]] if header[k] else []
            header[k] = " ".join(printed + [t.text for t in sorted(runs, key=lambda t: t.x0)])
            self._take(page, runs)
        return header


def _claimed_notes(edition, table: FoundTable) -> list[str]:
    """The notes at the page's foot that the table's cells cite by a raised letter ("… resolution 58/316, annex,
    sect. D, para. 4 (b))ᵃ" over "ᵃ A dispute exists between …", A/AC.109/2025/L.2), taken from the edition's notes
    (the footnotes no paragraph or heading cites), told as the table's own notes are."""
    cited = {w.text for row in table.rows for cell in row for line in cell for w in line
             if w.sup and LETTER_MARK.fullmatch(w.text)}
    claimed = [n for n in edition.notes if n.number in cited]
    edition.notes = [n for n in edition.notes if n not in claimed]
    return [marked_note(n.number, n.text) for n in claimed]


def _notes(lines: list[list[Word]], text: Callable[[list[list[Word]]], str]) -> list[str]:
    """Note lines grouped into notes: a "Source:" or "Note:" line, or one opening on its raised letter, starts one;
    other lines continue it."""
    groups: list[list[list[Word]]] = []
    for words in lines:
        if not groups or _lettered_note(words) or NOTE.match(words_text([w for w in words if not w.sup]).strip()):
            groups.append([words])
        else:
            groups[-1].append(words)
    # a lettered note keeps its letter, which the joiner drops as a note marker: the cells cite it ("(observed)a")
    told = [marked_note(g[0][0].text, text(g)) if _lettered_note(g[0]) else text(g) for g in groups]
    return [t for t in told if t.strip()]
