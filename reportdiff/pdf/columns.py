"""Pages set in two columns of text (UN documents of the late 1990s and early 2000s): the lines of a page, grouped
across the whole width, are cut at the gutter and put in reading order (the left column, then the right one,
between the lines that cross the gutter: a title above, footnotes below).

A gutter is believed only on the page's own evidence: many lines break at the same x near the middle of the page,
their left halves end flush at that x and their right halves start flush after it (justified columns). A table
whose cells happen to break at the same x fails the first of these: its left cells end ragged.
"""
from __future__ import annotations

from collections import Counter
from statistics import median

from .extract import Line, Word

MIN_GAP = 6.0          # points between the two halves of a line at the gutter
FLUSH = 3.0            # points within which justified column edges line up
MAX_GUTTER = 36.0      # a gutter is an em or two wide; a wider white is a table's


def in_column_order(lines: list[Line], width: float, height: float) -> list[Line]:
    """The page's lines in reading order, two-column text split at its gutter; the page as it is otherwise."""
    body = [ln for ln in lines if height * 0.08 < ln.top and ln.bottom < height * 0.9]
    gutter = _gutter(body, width) if len(body) >= 6 else None
    if gutter is None:
        return lines
    left_edge, right_edge = gutter
    shift = right_edge - min(ln.x0 for ln in body if ln.x0 < left_edge)
    in_body = {id(ln) for ln in body}
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines:
        if id(ln) not in in_body or _crosses(ln, left_edge, right_edge):
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
    return out + left + right


def _gutter(body: list[Line], width: float) -> tuple[float, float] | None:
    """(where the left column ends, where the right one starts), or None when the page is not set in two
    columns."""
    gaps: list[tuple[float, float]] = []
    halves: list[tuple[float, float]] = []         # the widths of a gap line's two halves
    for ln in body:
        for k, (a, b) in enumerate(zip(ln.words, ln.words[1:])):
            if b.x0 - a.x1 >= MIN_GAP and 0.35 * width < (a.x1 + b.x0) / 2 < 0.65 * width:
                gaps.append((a.x1, b.x0))
                halves.append((a.x1 - ln.words[0].x0, ln.words[-1].x1 - b.x0))
    if len(gaps) < 6:
        return None
    # The right column starts at one x on every line; a justified line's wide word spaces fall anywhere.
    starts = Counter(round(b) for _, b in gaps)
    start, n = starts.most_common(1)[0]
    at_gutter = [(a, b) for a, b in gaps if abs(b - start) <= FLUSH]
    if len(at_gutter) < max(6, 0.25 * len(body)):
        return None
    # Columns of text fill their width on both sides; a table's first column (a symbol, a name, a date) does not.
    wide = [h for (a, b), h in zip(gaps, halves) if abs(b - start) <= FLUSH]
    if median(min(h) for h in wide) < 0.3 * width:
        return None
    left_edge, right_edge = median(a for a, _ in at_gutter), median(b for _, b in at_gutter)
    flush = [a for a, _ in at_gutter if abs(a - left_edge) <= FLUSH]
    if len(flush) < 0.6 * len(at_gutter) or not MIN_GAP <= right_edge - left_edge <= MAX_GUTTER:
        return None               # the left halves end ragged: a table's cells, not a justified column
    crossing = sum(1 for ln in body if _crosses(ln, left_edge, right_edge))
    if crossing * 2 > len(at_gutter) or _more_columns(body, left_edge, right_edge):
        return None
    return left_edge, right_edge


def _more_columns(body: list[Line], left_edge: float, right_edge: float) -> bool:
    """Whether the lines that break at the gutter break as wide elsewhere too: a table of many columns."""
    wide = 0.8 * (right_edge - left_edge)
    others = []
    for ln in body:
        gaps = [(a.x1, b.x0) for a, b in zip(ln.words, ln.words[1:]) if b.x0 - a.x1 >= wide]
        if any(abs(a - left_edge) <= FLUSH and abs(b - right_edge) <= FLUSH for a, b in gaps):
            others.append(len(gaps) - 1)
    return bool(others) and median(others) >= 1


def _crosses(ln: Line, left_edge: float, right_edge: float) -> bool:
    """Whether a word of the line stands in the gutter (a title or footnote across the page)."""
    return any(w.x1 > left_edge + FLUSH and w.x0 < right_edge - FLUSH for w in ln.words)


def _part(ln: Line, words: list[Word], shift: float) -> Line:
    if shift:
        words = [Word(w.text, w.x0 - shift, w.x1 - shift, w.size, w.bold, w.italic, w.sup, w.space_before)
                 for w in words]
    else:
        words = list(words)
    words[0].space_before = False
    size = max((w.size for w in words if not w.sup), default=ln.size)
    return Line(words=words, top=ln.top, bottom=ln.bottom, size=size, page=ln.page)
