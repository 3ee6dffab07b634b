"""Pages set in two columns of text (UN documents of the late 1990s and early 2000s): the lines of a page, grouped
across the whole width, are cut at the gutter and put in reading order (the left column, then the right one,
between the lines that cross the gutter: a title above, footnotes below).

A gutter is believed only on the page's own evidence: many lines break at the same x near the middle of the page,
with their left halves ending flush at one x and their right halves starting flush at another (justified columns),
both halves full of text, and no other break as wide on those lines. A table whose cells happen to break at the
same x fails that: its left cells end ragged, or hold a word or two, or it breaks into more columns. The columns
run from the first such line to the last, and on below it while lines keep clear of the gutter and close
together; a table set apart under the columns stays rows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from statistics import median

from .extract import Line, Word, unspaced_first

MIN_GAP = 6.0          # points between the two halves of a line at the gutter
MAX_GUTTER = 36.0      # a gutter is an em or two wide; a wider white is a table's
FLUSH = 3.0            # points within which justified column edges line up


def in_column_order(lines: list[Line], width: float, height: float) -> list[Line]:
    """The page's lines in reading order, two-column text split at its gutter; the page as it is otherwise."""
    body = [ln for ln in lines if height * 0.08 < ln.top and ln.bottom < height * 0.9]
    found = _gutter(body, width) if len(body) >= 6 and not _one_column(body, width) else None
    if found is None:
        return lines
    left_edge, right_edge, flush = found
    first = next(i for i, ln in enumerate(lines) if ln is flush[0])
    last = next(i for i, ln in enumerate(lines) if ln is flush[-1])
    while last + 1 < len(lines) and _continues(lines[last + 1], lines[last], left_edge, right_edge, height):
        last += 1
    while first > 0 and _continues(lines[first - 1], lines[first], left_edge, right_edge, height, above=False):
        first -= 1
    shift = right_edge - min(ln.x0 for ln in lines[first:last + 1] if ln.x0 < left_edge)
    out = lines[:first]
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines[first:last + 1]:
        if _crosses(ln, left_edge, right_edge):
            out += left + right + [ln]          # a line across the gutter ends the columns above it
            left, right = [], []
            continue
        lw = [w for w in ln.words if w.x1 <= left_edge + FLUSH]
        rw = [w for w in ln.words if w.x0 >= right_edge - FLUSH]
        if lw:
            left.append(_part(ln, lw, 0.0))
        if rw:
            # The right column is moved onto the left one: later stages see one column and read its indents
            # (a paragraph's first line, a list item) as they read the left column's.
            right.append(_part(ln, rw, shift))
    return out + left + right + lines[last + 1:]


def _one_column(body: list[Line], width: float) -> bool:
    """Whether the lines that reach past the page's middle nearly all set a word across it: one column (a
    quick look before `_gutter`: two columns part there, or near it)."""
    middle, across, reach = width / 2, 0, 0
    for ln in body:
        for w in ln.words:
            if w.x1 >= middle:
                across += w.x0 <= middle + MIN_GAP / 2      # a word space at the middle is no gutter
                reach += 1
                break
    return across >= 0.9 * reach


def _gutter(body: list[Line], width: float) -> tuple[float, float, list[Line]] | None:
    """(where the left column ends, where the right one starts, the lines broken flush at the gutter), or None
    when the page is not set in two columns."""
    breaks: list[tuple[Line, float, float]] = []
    for ln in body:
        for a, b in zip(ln.words, ln.words[1:]):
            if b.x0 - a.x1 >= MIN_GAP and 0.35 * width < (a.x1 + b.x0) / 2 < 0.65 * width:
                breaks.append((ln, a.x1, b.x0))
    if len(breaks) < 6:
        return None
    # Justified columns end and start at one x each; a justified line's wide word spaces fall anywhere.
    end = Counter(round(a) for _, a, _ in breaks).most_common(1)[0][0]
    start = Counter(round(b) for _, _, b in breaks).most_common(1)[0][0]
    flush = [(ln, a, b) for ln, a, b in breaks if abs(a - end) <= FLUSH and abs(b - start) <= FLUSH]
    if len(flush) < max(6, 0.25 * len(body)):
        return None
    left_edge, right_edge = median(a for _, a, _ in flush), median(b for _, _, b in flush)
    if not MIN_GAP <= right_edge - left_edge <= MAX_GUTTER:
        return None               # a wide white between two runs of cells: a table
    lines = [ln for ln, _, _ in flush]
    halves = [min(a - ln.words[0].x0, ln.words[-1].x1 - b) for ln, a, b in flush]
    if median(halves) < 0.3 * width or _more_columns(lines, left_edge, right_edge):
        return None               # a table's first column (a symbol, a name) is no column of text
    return left_edge, right_edge, lines


def _more_columns(lines: list[Line], left_edge: float, right_edge: float) -> bool:
    """Whether the lines that break at the gutter break as wide elsewhere too: a table of many columns."""
    wide = 0.8 * (right_edge - left_edge)
    others = [sum(1 for a, b in zip(ln.words, ln.words[1:]) if b.x0 - a.x1 >= wide) - 1 for ln in lines]
    return median(others) >= 1


def _continues(ln: Line, near: Line, left_edge: float, right_edge: float, height: float,
               above: bool = True) -> bool:
    """Whether a line below the last that broke flush at the gutter (or above the first) still belongs to the
    columns (a paragraph's last line, a column running on alone, a heading beside the other column's text):
    nothing of it in the gutter, close to the line `near` it (a table set under the columns stands apart),
    off the page's head and foot."""
    gap = ln.top - near.bottom if above else near.top - ln.bottom
    return not _crosses(ln, left_edge, right_edge) and gap < 2.5 * ln.size and height * 0.08 < ln.top \
        and ln.bottom < height * 0.9


def _crosses(ln: Line, left_edge: float, right_edge: float) -> bool:
    """Whether a word of the line stands in the gutter (a title or footnote across the page)."""
    return any(w.x1 > left_edge + FLUSH and w.x0 < right_edge - FLUSH for w in ln.words)


def _part(ln: Line, words: list[Word], shift: float) -> Line:
    words = unspaced_first([replace(w, x0=w.x0 - shift, x1=w.x1 - shift) for w in words] if shift else list(words))
    size = max((w.size for w in words if not w.sup), default=ln.size)
    return Line(words=words, top=ln.top, bottom=ln.bottom, size=size, page=ln.page)
