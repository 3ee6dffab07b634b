"""View data for the tables and figures of a comparison: each changed table laid out as a table again, its rows in
the new edition's order (a removed row where it stood), every cell marked same, changed, added or removed.

Like `view.py`, this is data, never markup: the template (`report_tables.html.j2`, autoescaped) draws it, and the
text writers read the same records (`summary_lines`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..diff.tables import TablePairing, norm, number, same_cell
from ..model import Comparison, Figure, FigureChange, Table, TableChange, note_mark
from .view import Seg, clip, one_line, plural, safe, section_ref, small_word_diff

KIND_LABELS = {"modified": "Changed", "added": "New table", "removed": "Table removed", "unchanged": "Unchanged"}
FIGURE_LABELS = {"modified": "Changed", "added": "New figure", "removed": "Figure removed", "unchanged": "Unchanged"}


TEXT_CELL_CHARS = 24                # a cell longer than this, of several words, is text
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@dataclass
class CellView:
    status: str                  # "same", "changed", "added" (new row or column), "removed"
    new: str = ""
    old: str = ""
    difference: str = ""         # "+27", "−3" for a changed figure

    @property
    def is_text(self) -> bool:
        """Words rather than a figure or a short label: set flush left and wrapped, not as one line of a column
        of figures (A/79/7/Add.13's 'Responsibilities' cells run to 470 characters)."""
        value = self.new or self.old
        return len(value) > TEXT_CELL_CHARS and len(_LETTERS.findall(value)) > 2


@dataclass
class RowView:
    status: str                  # "same", "changed", "added", "removed"
    cells: list[CellView]
    total: bool = False


@dataclass
class TableView:
    anchor: str
    kind: str
    kind_label: str
    ref: str                     # "Annex III, p. 22"
    label: str
    title: str
    title_segs: list[Seg]        # the title's redline when it changed
    date_note: str               # "as at 14 March 2025 → 13 June 2025"
    columns: list[tuple[str, str]]   # (header, status "same" | "added" | "removed")
    rows: list[RowView]          # the rows to show: changed, added and removed ones (all of them for a new table)
    all_rows: list[RowView]      # every row, for the folded full table
    n_same: int                  # unchanged rows, folded
    summary: str                 # "3 cells changed, 1 row added"
    notes: list[tuple[str, str]] = field(default_factory=list)   # (its raised mark or "", its text)


@dataclass
class FigureView:
    anchor: str
    kind: str
    kind_label: str
    ref: str
    label: str
    title: str
    title_segs: list[Seg]
    segs: list[Seg]              # the figure's words (labels and notes), redlined when they changed
    summary: str
    read_labels: bool = True     # words were read from the chart itself (else only its source or notes)

    @property
    def words_label(self) -> str:
        """What the fold of the figure's words holds: a chart drawn as a picture keeps only its source line."""
        return ("The figure's words (labels and values)" if self.read_labels else
                "The figure's source and notes (no words could be read from the chart itself)")

    @property
    def badge_note(self) -> str:
        """The summary beside the figure's badge, unless the badge says it already ("New figure")."""
        return "" if self.summary == self.kind_label.lower() else self.summary


# ---------------------------------------------------------------------------------------------------- helpers

def _signed(value: float | None) -> str:
    if value is None or value == 0:
        return ""
    text = f"{abs(value):,.0f}" if float(value).is_integer() else f"{abs(value):,.2f}".rstrip("0")
    return ("+" if value > 0 else "−") + text


def change_summary(tc: TableChange) -> str:
    """"3 cells changed, 1 row added, 2 removed, date changed" — what changed in a table, in a few words."""
    if tc.kind == "added":
        return f"new table of {plural(len(tc.rows_added), 'row')}"
    if tc.kind == "removed":
        return f"table of {plural(len(tc.rows_removed), 'row')} removed"
    parts = []
    if tc.cells:
        parts.append(plural(len(tc.cells), "cell") + " changed")
    if tc.rows_added:
        parts.append(plural(len(tc.rows_added), "row") + " added")
    if tc.rows_removed:
        parts.append(plural(len(tc.rows_removed), "row") + " removed")
    if tc.columns_added:
        parts.append(plural(len(tc.columns_added), "column") + " added")
    if tc.columns_removed:
        parts.append(plural(len(tc.columns_removed), "column") + " removed")
    if tc.old_date and tc.new_date:
        parts.append("date changed")
    elif tc.old_title is not None:
        parts.append("title changed")
    return ", ".join(parts) if parts else "no change"


def _ref(comparison: Comparison, table: Table | Figure, new: bool) -> str:
    edition = comparison.new if new else comparison.old
    section = edition.section(table.section) if table.section else None
    where = section_ref(section) if section is not None else "Opening"
    pages = f"p. {table.page_start}" if table.page_start == table.page_end else \
        f"pp. {table.page_start}–{table.page_end}"
    return f"{where}, {pages}" + ("" if new else f" of {one_line(edition.symbol) or 'the old edition'}")


def _date_note(tc: TableChange) -> str:
    from .view import human_date
    if tc.old_date and tc.new_date:
        return f"as at {human_date(tc.old_date)} → {human_date(tc.new_date)}"
    return ""


# ---------------------------------------------------------------------------------------------------- tables

def _cells_of(row: list[str], width: int, status: str) -> list[CellView]:
    cells = [CellView(status, new=safe(c) if status != "removed" else "", old=safe(c) if status == "removed" else "")
             for c in row]
    return cells + [CellView(status) for _ in range(width - len(cells))]


def _grid(a: Table, b: Table) -> tuple[list[tuple[str, str]], list[RowView]]:
    """The columns and every row of the two tables lined up: the new order, removed rows where they stood."""
    pairing = TablePairing.of(a, b)        # as the comparison paired them: a cell it did not compare is "same"
    cols, keys_a, keys_b = pairing.columns, pairing.keys_a, pairing.keys_b
    index_a, index_b = pairing.index_a, pairing.index_b
    columns = [(safe(name), "added" if ci is None else "removed" if cj is None else "same") for ci, cj, name in cols]
    totals_b, totals_a = set(b.total_rows), set(a.total_rows)

    def row_view(i: int | None, j: int | None) -> RowView:
        cells: list[CellView] = []
        for ci, cj, _ in cols:
            old = a.rows[i][ci] if i is not None and ci is not None and ci < len(a.rows[i]) else None
            new = b.rows[j][cj] if j is not None and cj is not None and cj < len(b.rows[j]) else None
            if j is None or cj is None:
                cells.append(CellView("removed", old=safe(old)))
            elif i is None or ci is None:
                cells.append(CellView("added", new=safe(new)))
            elif same_cell(old, new) or not pairing.compares(ci, cj):      # the key, a counting column
                cells.append(CellView("same", new=safe(new)))
            else:
                vo, vn = number(old), number(new)
                cells.append(CellView("changed", new=safe(new), old=safe(old),
                                      difference=_signed(vn - vo) if vo is not None and vn is not None else ""))
        status = ("added" if i is None else "removed" if j is None else
                  "changed" if any(c.status != "same" for c in cells) else "same")
        return RowView(status, cells, total=(j in totals_b) if j is not None else (i in totals_a))

    rows: list[RowView] = []
    removed_after: dict[int, list[int]] = {}
    leading: list[int] = []
    for i, k in enumerate(keys_a):
        if norm(k) in index_b:
            continue
        prev = next((index_b[norm(keys_a[p])] for p in range(i - 1, -1, -1) if norm(keys_a[p]) in index_b), None)
        (removed_after.setdefault(prev, []) if prev is not None else leading).append(i)
    rows += [row_view(i, None) for i in leading]
    for j, k in enumerate(keys_b):
        rows.append(row_view(index_a.get(norm(k)), j))
        rows += [row_view(i, None) for i in removed_after.get(j, [])]
    return columns, rows


def table_view(comparison: Comparison, tc: TableChange, n: int) -> TableView:
    a = next((t for t in comparison.old.tables if t.id == tc.old), None) if tc.old else None
    b = next((t for t in comparison.new.tables if t.id == tc.new), None) if tc.new else None
    shown = b or a
    title = one_line(shown.title) if shown else ""
    segs = [Seg(op, safe(t)) for op, t in small_word_diff(one_line(a.title), one_line(b.title))] \
        if a and b and tc.old_title is not None else []
    if a is not None and b is not None:
        columns, rows = _grid(a, b)
    else:
        status = "added" if b is not None else "removed"
        width = max(len(shown.header), max((len(r) for r in shown.rows), default=0))
        header = list(shown.header) + [""] * (width - len(shown.header))
        columns = [(safe(h) or f"column {k + 1}", "same") for k, h in enumerate(header)]
        rows = [RowView(status, _cells_of(r, width, status), total=k in shown.total_rows)
                for k, r in enumerate(shown.rows)]
    changed = [r for r in rows if r.status != "same"]
    return TableView(anchor=f"t-{n}", kind=tc.kind, kind_label=KIND_LABELS.get(tc.kind, tc.kind),
                     ref=_ref(comparison, shown, b is not None) if shown else "", label=one_line(shown.label),
                     title=title, title_segs=segs, date_note=_date_note(tc), columns=columns, rows=changed,
                     all_rows=rows, n_same=len(rows) - len(changed), summary=change_summary(tc),
                     notes=[note_mark(one_line(x)) for x in shown.notes])


# ---------------------------------------------------------------------------------------------------- figures

def figure_view(comparison: Comparison, fc: FigureChange, n: int) -> FigureView:
    a = next((f for f in comparison.old.figures if f.id == fc.old), None) if fc.old else None
    b = next((f for f in comparison.new.figures if f.id == fc.new), None) if fc.new else None
    shown = b or a
    if fc.kind == "added":
        segs = [Seg("+", safe(b.text))] if b.text else []
    elif fc.kind == "removed":
        segs = [Seg("-", safe(a.text))] if a.text else []
    elif fc.diff:
        segs = [Seg(op, safe(t)) for op, t in fc.diff if op in ("=", "-", "+") and t]
    else:
        segs = [Seg("=", safe(shown.text))] if shown.text else []
    title_segs = [Seg(op, safe(t)) for op, t in small_word_diff(one_line(a.title), one_line(b.title))] \
        if a and b and "title" in fc.changed else []
    parts = {"title": "title", "labels": "labels and figures", "notes": "source or notes"}
    summary = (FIGURE_LABELS[fc.kind].lower() if fc.kind in ("added", "removed") else
               ", ".join(parts[c] for c in fc.changed) + " changed" if fc.changed else "no change")
    return FigureView(anchor=f"f-{n}", kind=fc.kind, kind_label=FIGURE_LABELS.get(fc.kind, fc.kind),
                      ref=_ref(comparison, shown, b is not None), label=one_line(shown.label),
                      title=one_line(shown.title), title_segs=title_segs, segs=segs, summary=summary,
                      read_labels=any(f is not None and _has_chart_words(f) for f in (a, b)))


def _has_chart_words(figure: Figure) -> bool:
    """Whether words were read from the chart itself, not only its source or notes (`text` is labels, then
    notes; an edition from elsewhere may leave `labels` empty)."""
    return bool(figure.labels.strip() or (figure.text.strip() and not figure.notes))


@dataclass
class TablesView:
    tables: list[TableView]          # changed, added and removed tables
    figures: list[FigureView]        # changed, added and removed figures
    same_tables: list[TableView]     # unchanged tables (listed, folded)
    same_figures: list[FigureView]

    @property
    def any(self) -> bool:
        return bool(self.tables or self.figures or self.same_tables or self.same_figures)

    @property
    def changed(self) -> bool:
        """Whether a table or figure changed, came or went (what the short forms tell)."""
        return bool(self.tables or self.figures)

    @property
    def folds(self) -> bool:
        """Whether anything unchanged is folded: a table or figure listed as unchanged, or a table's rows."""
        return bool(self.same_tables or self.same_figures or any(t.n_same for t in self.tables))

    @property
    def headline(self) -> str:
        """"3 tables (1 changed, 1 new, 1 unchanged); 2 new figures": a new one is not "changed"."""
        parts = [_counts("table", self.tables, self.same_tables), _counts("figure", self.figures, self.same_figures)]
        return "; ".join(p for p in parts if p)


def _counts(noun: str, changed: list, same: list) -> str:
    """"2 new figures", "1 table changed", "5 tables (1 changed, 1 new, 3 unchanged)"."""
    if not changed and not same:
        return ""
    kinds = Counter(x.kind for x in changed)
    kinds["unchanged"] = len(same)
    told = [(kinds[k], word) for k, word in (("modified", "changed"), ("added", "new"), ("removed", "removed"),
                                            ("unchanged", "unchanged")) if kinds[k]]
    if len(told) == 1:
        n, word = told[0]
        return plural(n, f"new {noun}") if word == "new" else f"{plural(n, noun)} {word}"
    return f"{plural(len(changed) + len(same), noun)} ({', '.join(f'{n} {word}' for n, word in told)})"


def build_tables_view(comparison: Comparison) -> TablesView:
    tables = [table_view(comparison, tc, n) for n, tc in enumerate(comparison.tables, 1)]
    figures = [figure_view(comparison, fc, n) for n, fc in enumerate(comparison.figures, 1)]
    return TablesView(tables=[t for t in tables if t.kind != "unchanged"],
                      figures=[f for f in figures if f.kind != "unchanged"],
                      same_tables=[t for t in tables if t.kind == "unchanged"],
                      same_figures=[f for f in figures if f.kind == "unchanged"])


def summary_lines(tv: TablesView, limit: int = 6) -> list[str]:
    """Plain lines for the text writers: one per changed table or figure, with its first changed cells."""
    out = []
    for t in tv.tables:
        name = clip(t.title or t.label or "untitled table", 70)
        cells = [f"{c_row}: {cell.old or '(none)'} → {cell.new or '(none)'}" + (f" ({cell.difference})"
                                                                                 if cell.difference else "")
                 for c_row, cell in _changed_cells(t)[:3]]
        out.append(f"{t.ref} — {name}: {t.summary}" + (f" ({'; '.join(cells)})" if cells else ""))
    for f in tv.figures:
        out.append(f"{f.ref} — {clip(f.title or f.label or 'untitled figure', 70)}: {f.summary}")
    return out[:limit] + ([f"… and {len(out) - limit} more"] if len(out) > limit else [])


def _changed_cells(t: TableView) -> list[tuple[str, CellView]]:
    out = []
    for r in t.rows:
        if r.status != "changed":
            continue
        key = next((c.new or c.old for c in r.cells if c.new or c.old), "")
        for (header, _), cell in zip(t.columns, r.cells):
            if cell.status == "changed":
                out.append((f"{one_line(key)} / {one_line(header)}", cell))
    return out
