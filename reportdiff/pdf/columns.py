"""Pages set in two columns of text (UN documents of the late 1990s and early 2000s): the lines of a page, grouped
across the whole width, are cut at the gutter and put in reading order (the left column, then the right one,
between the lines that cross the gutter: a title above, footnotes below).

A gutter is believed only on the page's own evidence: many lines break at the same x near the middle of the page,
with their left halves ending flush at one x and their right halves starting flush at another (justified columns),
both halves full of text, and no other break as wide on those lines. A table whose cells happen to break at the
same x fails that: its left cells end ragged, or hold a word or two, or it breaks into more columns. The columns
run from the first such line to the last, and on below it while lines keep clear of the gutter and close
together; a table set apart under the columns stays rows.

A sidebar (a report's "SPOTLIGHT" box of key figures) is text framed by a drawn box beside the body's lines, at
the same heights: grouped across the page, its lines and the body's would run into one another. A box is taken
for one when it holds lines of words (a chart's plot holds figures), no character crosses its sides (text running
through a shaded band is no sidebar), body text stands beside it at three heights or more, it is narrower than
the page's text, and no box touches it (a table's cells and a chart's bars come in touching or overlapping
shapes). Its text is read on its own and put at the body's first paragraph break below the box's top (the reader
finishes the paragraph it interrupts), or after the page's text when no break follows.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from statistics import median

from .extract import Box, Char, Line, Word, unspaced_first

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


def sidebars(chars: list[Char], boxes: list[Box], width: float) -> tuple[list[Char], list[list[Char]]]:
    """(the page's characters outside its sidebars, each sidebar's characters, top to bottom).

    A map or a chart may draw thousands of shapes on a page: each box is judged on the characters at its heights
    only (found by bisection among the characters sorted by height), the cheap tests first, and only a box that
    passes them all is set against the other shapes."""
    inked = sorted((c for c in chars if c.text.strip()), key=lambda c: (c.top + c.bottom) / 2)
    heights = [(c.top + c.bottom) / 2 for c in inked]
    found = [box for box in _distinct(boxes) if _is_sidebar(box, inked, heights, boxes, width)]
    if not found:
        return chars, []
    found.sort(key=lambda box: box[1])
    asides: list[list[Char]] = [[] for _ in found]
    rest = []
    for c in chars:
        k = next((k for k, box in enumerate(found) if _inside(c, box)), None)
        (rest if k is None else asides[k]).append(c)
    return rest, asides


SAME = 2.0             # points within which two boxes are one drawn twice


def _distinct(boxes: list[Box]) -> list[Box]:
    """The boxes, each once: a box is often drawn twice, filled and then stroked. (The first of each kept, as a
    pairwise comparison would; boxes are looked up by their top-left corner on a grid of SAME points.)"""
    out: list[Box] = []
    grid: dict[tuple[int, int], list[Box]] = {}
    for box in boxes:
        gx, gy = int(box[0] // SAME), int(box[1] // SAME)
        if any(_same(box, b) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for b in grid.get((gx + dx, gy + dy), ())):
            continue
        out.append(box)
        grid.setdefault((gx, gy), []).append(box)
    return out


def _same(a: Box, b: Box, tol: float = SAME) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def _inside(c: Char, box: Box) -> bool:
    x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _is_sidebar(box: Box, inked: list[Char], heights: list[float], boxes: list[Box], width: float) -> bool:
    """`inked`: the page's characters other than spaces, sorted by the height of their middle (`heights`)."""
    x0, top, x1, bottom = box
    if x1 - x0 > 0.6 * width:
        return False              # as wide as the text: a framed paragraph or table, read in its place
    level = inked[bisect_left(heights, top):bisect_right(heights, bottom)]
    inside = [c for c in level if x0 <= (c.x0 + c.x1) / 2 <= x1]
    if len(inside) < 20 or sum(c.text.isalpha() for c in inside) < 0.5 * len(inside):
        return False              # too little text, or figures: a chart's plot or legend (S/2025/350, S/2025/504)
    if any(c.x0 < edge - 0.5 and c.x1 > edge + 0.5 for c in level for edge in (x0, x1)):
        return False              # text running across the box's side: a band behind the text
    # body text beside it: a run of words at a height, not an axis's tick label
    beside = Counter(round(c.bottom) for c in level if c.x1 < x0 or c.x0 > x1)
    return sum(n >= 15 for n in beside.values()) >= 3 and not any(_touches(box, b) for b in boxes)


def _touches(box: Box, other: Box, tol: float = SAME) -> bool:
    """Whether another shape meets or overlaps the box (one inside it, a heading's band, or around it, a page
    frame, does not)."""
    if _same(box, other) or _within(other, box) or _within(box, other):
        return False
    return other[0] <= box[2] + tol and box[0] <= other[2] + tol and other[1] <= box[3] + tol \
        and box[1] <= other[3] + tol


def _within(a: Box, b: Box, tol: float = SAME) -> bool:
    return b[0] - tol <= a[0] and a[2] <= b[2] + tol and b[1] - tol <= a[1] and a[3] <= b[3] + tol


def with_sidebars(body: list[Line], asides: list[list[Line]]) -> list[Line]:
    """The body's lines with each sidebar's lines put at the first paragraph break (more space than between the
    body's lines) whose line above ends below the box's top; after the last line when none does."""
    gaps = sorted(b.top - a.bottom for a, b in zip(body, body[1:]) if b.top > a.bottom - 1)
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    out = list(body)
    for lines in reversed(asides):
        if not lines:
            continue
        top = lines[0].top
        at = next((k for k in range(1, len(body)) if body[k - 1].bottom >= top and
                   body[k].top - body[k - 1].bottom > usual + max(2.0, 0.35 * body[k].size)), len(body))
        at = next(i for i, ln in enumerate(out) if ln is body[at]) if at < len(body) else len(out)
        out[at:at] = lines
    return out
