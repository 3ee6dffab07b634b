"""The typed data model passed between the pipeline stages, and its JSON form.

extract/structure produce an `Edition`; align/diff turn two Editions into a `Comparison`; render reads a
Comparison. The JSON field names follow the contract read by the measuring tools (schemas
`reportdiff.edition/1` and `reportdiff.comparison/1`); extra fields are allowed and kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EDITION_SCHEMA = "reportdiff.edition/1"
COMPARISON_SCHEMA = "reportdiff.comparison/1"

ChangeKind = Literal["unchanged", "modified", "rewritten", "added", "removed", "split", "merged"]
CHANGE_KINDS: tuple[str, ...] = ("unchanged", "modified", "rewritten", "added", "removed", "split", "merged")


@dataclass
class Footnote:
    number: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Footnote:
        return cls(number=str(d["number"]), text=d.get("text") or "")


@dataclass
class Section:
    id: str                      # unique in the edition, e.g. "II.A", "ANNEX-I", "H3" for an unlabelled heading
    label: str                   # as printed: "II.", "A.", "1.", "(a)", "Annex I", or "" for an unlabelled heading
    title: str                   # heading text without label and footnote markers
    level: int                   # 1 is outermost
    parent: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "title": self.title, "level": self.level,
                "parent": self.parent, "footnotes": [f.to_dict() for f in self.footnotes], "page": self.page}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(id=str(d["id"]), label=d.get("label") or "", title=d.get("title") or "",
                   level=int(d.get("level") or 1), parent=d.get("parent"),
                   footnotes=[Footnote.from_dict(f) for f in d.get("footnotes", [])], page=d.get("page"))


@dataclass
class Paragraph:
    id: str                      # printed number for numbered body paragraphs; unique otherwise ("A1-3", "u12")
    number: str | None           # as printed, or None for an unnumbered paragraph
    section: str | None          # id of the innermost section holding it
    text: str                    # whole text on one line, markers and furniture removed
    footnotes: list[Footnote] = field(default_factory=list)
    page_start: int = 1
    page_end: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "section": self.section, "text": self.text,
                "footnotes": [f.to_dict() for f in self.footnotes],
                "page_start": self.page_start, "page_end": self.page_end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paragraph:
        num = d.get("number")
        return cls(id=str(d["id"]), number=None if num in (None, "") else str(num), section=d.get("section"),
                   text=d.get("text") or "", footnotes=[Footnote.from_dict(f) for f in d.get("footnotes", [])],
                   page_start=int(d.get("page_start") or 1), page_end=int(d.get("page_end") or 1))


@dataclass
class Edition:
    symbol: str | None
    date: str | None             # ISO yyyy-mm-dd
    title: str
    pages: int
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    source: str | None = None    # file name it was read from (not part of the contract)
    tables: list[Table] = field(default_factory=list)      # read whole, not as paragraphs (pdf/tables.py)
    figures: list[Figure] = field(default_factory=list)    # charts and maps: one object each, text kept

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": EDITION_SCHEMA, "symbol": self.symbol, "date": self.date, "title": self.title,
                "pages": self.pages, "source": self.source,
                "sections": [s.to_dict() for s in self.sections],
                "paragraphs": [p.to_dict() for p in self.paragraphs],
                "tables": [t.to_dict() for t in self.tables], "figures": [f.to_dict() for f in self.figures]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edition:
        return cls(symbol=d.get("symbol"), date=d.get("date"), title=d.get("title") or "",
                   pages=int(d.get("pages") or 0),
                   sections=[Section.from_dict(s) for s in d.get("sections", [])],
                   paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])], source=d.get("source"),
                   tables=[Table.from_dict(t) for t in d.get("tables", [])],
                   figures=[Figure.from_dict(f) for f in d.get("figures", [])])

    def meta(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "date": self.date, "title": self.title, "pages": self.pages,
                "source": self.source}


# A word-level diff is a list of (op, text) with op "=", "-" or "+".
DiffOp = tuple[str, str]


@dataclass
class Signal:
    """A change an analyst scans for.

    Read off the word diff of a lightly edited paragraph (signals.py): `figure`, `date`, `hedge`. Read off any
    linked pair or added/removed paragraph (assess.py): `judgement` (evaluative or trend wording about the same
    subject), `figure` (two figures that count the same thing), `recommendation` (a call of the
    Secretary-General), `new_concern` / `dropped_concern` (a new or dropped subject). `old` and `new` are exact
    words of the two paragraphs (a phrase or clause, not the paragraph)."""
    kind: str                    # figure | date | hedge | judgement | recommendation | new_concern | dropped_concern
    old: str | None              # the old wording (None when only added)
    new: str | None              # the new wording (None when only removed)
    context: str = ""            # a few words around the change in the new (or old) text (word-diff signals)
    subject: str = ""            # what it is about: the rarest words both sides share, a figure's counted noun
    change: str = ""             # the change in a few words: "undiminished → high", "760 → 5,970 individuals (up ×7.9)"
    direction: str = ""          # up | down | reversed | firmer | softer | changed | new | dropped ("" unknown)
    score: float = 0.0           # size of the change × sureness of the pairing (the brief ranks on it)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "context": self.context,
                "subject": self.subject, "change": self.change, "direction": self.direction,
                "score": round(self.score, 3)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Signal:
        return cls(kind=d["kind"], old=d.get("old"), new=d.get("new"), context=d.get("context") or "",
                   subject=d.get("subject") or "", change=d.get("change") or "", direction=d.get("direction") or "",
                   score=float(d.get("score") or 0.0))


@dataclass
class FootnoteChange:
    kind: Literal["modified", "added", "removed"]
    old: Footnote | None
    new: Footnote | None
    diff: list[DiffOp] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None, "diff": [list(op) for op in self.diff]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FootnoteChange:
        return cls(kind=d["kind"], old=Footnote.from_dict(d["old"]) if d.get("old") else None,
                   new=Footnote.from_dict(d["new"]) if d.get("new") else None,
                   diff=[(op[0], op[1]) for op in d.get("diff", [])])


@dataclass
class Successor:
    """Why a paragraph was linked to its successor by subject rather than by wording (diff/successors.py)."""
    confidence: float            # how likely the choice was (0-1)
    shared_terms: list[str] = field(default_factory=list)   # names and rare words both sides use

    def to_dict(self) -> dict[str, Any]:
        return {"confidence": round(self.confidence, 3), "shared_terms": list(self.shared_terms)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Successor:
        return cls(confidence=float(d.get("confidence") or 0.0), shared_terms=list(d.get("shared_terms") or []))


@dataclass
class Change:
    kind: str                    # one of CHANGE_KINDS
    old: list[str]               # paragraph ids in the old edition (empty when added)
    new: list[str]               # paragraph ids in the new edition (empty when removed)
    moved: bool = False
    similarity: float = 1.0      # share of the wording kept (2 x common words / all words)
    diff: list[DiffOp] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    footnotes: list[FootnoteChange] = field(default_factory=list)
    successor: Successor | None = None   # set when the link was made by subject (kind rewritten, or a group)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "moved": self.moved, "old": list(self.old), "new": list(self.new),
                "similarity": round(self.similarity, 4), "diff": [list(op) for op in self.diff],
                "signals": [s.to_dict() for s in self.signals],
                "footnotes": [f.to_dict() for f in self.footnotes],
                "successor": self.successor.to_dict() if self.successor else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        return cls(kind=d["kind"], old=[str(x) for x in d.get("old", [])], new=[str(x) for x in d.get("new", [])],
                   moved=bool(d.get("moved")), similarity=float(d.get("similarity", 1.0)),
                   diff=[(op[0], op[1]) for op in d.get("diff", [])],
                   signals=[Signal.from_dict(s) for s in d.get("signals", [])],
                   footnotes=[FootnoteChange.from_dict(f) for f in d.get("footnotes", [])],
                   successor=Successor.from_dict(d["successor"]) if d.get("successor") else None)


@dataclass
class SectionPair:
    old: str | None              # section id in the old edition, None when the section was added
    new: str | None              # section id in the new edition, None when the section was removed
    old_title: str | None = None
    new_title: str | None = None

    @property
    def renamed(self) -> bool:
        return bool(self.old and self.new and (self.old_title or "").strip() != (self.new_title or "").strip())

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "old_title": self.old_title, "new_title": self.new_title,
                "renamed": self.renamed}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SectionPair:
        return cls(old=d.get("old"), new=d.get("new"), old_title=d.get("old_title"), new_title=d.get("new_title"))


@dataclass
class BriefItem:
    """One line of "the brief": the ranked key changes in the assessment (diff/brief.py)."""
    rank: int                    # 1 = most important
    kind: str                    # the signal's kind
    change: int                  # index of its Change in Comparison.changes
    old: list[str]               # the change's paragraph ids, old edition
    new: list[str]               # ... new edition
    quote_old: str | None        # the signal's old and new words
    quote_new: str | None
    summary: str                 # one line: "judgement: undiminished → high (threat, Da’esh)"
    role: str = ""               # "observation" | "opening" | "": where the report says it
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "kind": self.kind, "change": self.change, "old": list(self.old),
                "new": list(self.new), "quote_old": self.quote_old, "quote_new": self.quote_new,
                "summary": self.summary, "role": self.role, "score": round(self.score, 3)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BriefItem:
        return cls(rank=int(d["rank"]), kind=d["kind"], change=int(d.get("change", -1)),
                   old=[str(x) for x in d.get("old", [])], new=[str(x) for x in d.get("new", [])],
                   quote_old=d.get("quote_old"), quote_new=d.get("quote_new"), summary=d.get("summary") or "",
                   role=d.get("role") or "", score=float(d.get("score") or 0.0))


@dataclass
class Comparison:
    old: Edition
    new: Edition
    sections: list[SectionPair] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)   # in the new edition's reading order, removed ones in place
    warnings: list[str] = field(default_factory=list)
    brief: list[BriefItem] = field(default_factory=list)  # the ranked key changes (diff/brief.py)
    tables: list[TableChange] = field(default_factory=list)     # every table of either edition, paired
    figures: list[FigureChange] = field(default_factory=list)   # every figure of either edition, paired

    def summary(self) -> dict[str, int]:
        counts = {k: 0 for k in CHANGE_KINDS}
        for c in self.changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        counts["moved"] = sum(1 for c in self.changes if c.moved)
        return counts

    @property
    def differs(self) -> bool:
        return (any(c.kind != "unchanged" or c.moved for c in self.changes)
                or any(t.kind != "unchanged" for t in self.tables) or any(f.kind != "unchanged" for f in self.figures))

    def to_dict(self, include_editions: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": COMPARISON_SCHEMA, "old": self.old.meta(), "new": self.new.meta(),
                             "summary": self.summary(), "warnings": list(self.warnings),
                             "sections": [s.to_dict() for s in self.sections],
                             "changes": [c.to_dict() for c in self.changes],
                             "brief": [b.to_dict() for b in self.brief],
                             "tables": [t.to_dict() for t in self.tables],
                             "figures": [f.to_dict() for f in self.figures]}
        if include_editions:
            d["editions"] = {"old": self.old.to_dict(), "new": self.new.to_dict()}
        return d


# ------------------------------------------------------------------------------------------- tables and figures

@dataclass
class Table:
    """A table read whole (pdf/tables.py): cells keep their text as printed (`1 375`, `–`)."""
    id: str                      # "T1", "T2" … in reading order
    section: str | None          # id of the innermost section holding it
    title: str                   # the lines above it ("Composition and strength of … (as at 14 March 2025)")
    header: list[str]            # one per column, a header over several lines joined ("" where none)
    rows: list[list[str]]        # body rows, one cell per column, the total row included
    label: str = ""              # "Table 2" when printed
    total_rows: list[int] = field(default_factory=list)   # indices (in rows) of total rows
    notes: list[str] = field(default_factory=list)        # "Source: …", "Note: …" under it
    page_start: int = 1
    page_end: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "section": self.section, "title": self.title, "header": list(self.header),
                "rows": [list(r) for r in self.rows], "label": self.label, "total_rows": list(self.total_rows),
                "notes": list(self.notes), "page_start": self.page_start, "page_end": self.page_end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Table:
        return cls(id=str(d["id"]), section=d.get("section"), title=d.get("title") or "",
                   header=[str(h) for h in d.get("header", [])], rows=[[str(c) for c in r] for r in d.get("rows", [])],
                   label=d.get("label") or "", total_rows=[int(i) for i in d.get("total_rows", [])],
                   notes=[str(n) for n in d.get("notes", [])], page_start=int(d.get("page_start") or 1),
                   page_end=int(d.get("page_end") or 1))


@dataclass
class Figure:
    """A chart or map read as one object: its words (axis ticks, categories, legend, data labels) kept in order."""
    id: str                      # "F1", "F2" … in reading order
    section: str | None
    title: str                   # the title printed with it ("Number of victims by State and type of violation")
    text: str                    # every word of it but its label and title: labels, then notes
    label: str = ""              # "Figure II" as printed
    labels: str = ""             # the chart's own words only
    notes: list[str] = field(default_factory=list)        # "Source: UNIFIL."
    page_start: int = 1
    page_end: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "section": self.section, "title": self.title, "text": self.text, "label": self.label,
                "labels": self.labels, "notes": list(self.notes), "page_start": self.page_start,
                "page_end": self.page_end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        return cls(id=str(d["id"]), section=d.get("section"), title=d.get("title") or "", text=d.get("text") or "",
                   label=d.get("label") or "", labels=d.get("labels") or "",
                   notes=[str(n) for n in d.get("notes", [])], page_start=int(d.get("page_start") or 1),
                   page_end=int(d.get("page_end") or 1))


@dataclass
class CellChange:
    """One changed cell: its row (the row's key, its first cell) and column (its header), old → new."""
    row: str
    column: str
    old: str | None              # None when the cell's row or column is new
    new: str | None              # None when the cell's row or column was dropped
    difference: float | None = None   # new - old when both are figures (`–` counts as 0)
    total: bool = False          # the cell is in a total row

    def to_dict(self) -> dict[str, Any]:
        diff = self.difference
        if diff is not None and float(diff).is_integer():
            diff = int(diff)
        return {"row": self.row, "column": self.column, "old": self.old, "new": self.new, "difference": diff,
                "total": self.total}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CellChange:
        return cls(row=str(d["row"]), column=str(d["column"]), old=d.get("old"), new=d.get("new"),
                   difference=d.get("difference"), total=bool(d.get("total")))


@dataclass
class TableChange:
    """A table of the old edition paired with one of the new (either may be None: added or removed)."""
    kind: Literal["unchanged", "modified", "added", "removed"]
    old: str | None              # table id in the old edition
    new: str | None              # table id in the new edition
    cells: list[CellChange] = field(default_factory=list)
    rows_added: list[str] = field(default_factory=list)      # row keys
    rows_removed: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)   # headers
    columns_removed: list[str] = field(default_factory=list)
    old_title: str | None = None  # both set when the title changed (the "as at" date included)
    new_title: str | None = None
    old_date: str | None = None   # ISO date in the title ("(as at 14 March 2025)") when it changed
    new_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "cells": [c.to_dict() for c in self.cells],
                "rows_added": list(self.rows_added), "rows_removed": list(self.rows_removed),
                "columns_added": list(self.columns_added), "columns_removed": list(self.columns_removed),
                "old_title": self.old_title, "new_title": self.new_title, "old_date": self.old_date,
                "new_date": self.new_date}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TableChange:
        return cls(kind=d["kind"], old=d.get("old"), new=d.get("new"),
                   cells=[CellChange.from_dict(c) for c in d.get("cells", [])],
                   rows_added=list(d.get("rows_added", [])), rows_removed=list(d.get("rows_removed", [])),
                   columns_added=list(d.get("columns_added", [])), columns_removed=list(d.get("columns_removed", [])),
                   old_title=d.get("old_title"), new_title=d.get("new_title"), old_date=d.get("old_date"),
                   new_date=d.get("new_date"))


@dataclass
class FigureChange:
    """A figure of the old edition paired with one of the new, compared as a unit."""
    kind: Literal["unchanged", "modified", "added", "removed"]
    old: str | None
    new: str | None
    changed: list[str] = field(default_factory=list)        # which parts changed: "title", "labels", "notes"
    old_title: str | None = None
    new_title: str | None = None
    diff: list[DiffOp] = field(default_factory=list)        # word diff of the figure's text (labels and notes)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "changed": list(self.changed),
                "old_title": self.old_title, "new_title": self.new_title, "diff": [list(op) for op in self.diff]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FigureChange:
        return cls(kind=d["kind"], old=d.get("old"), new=d.get("new"), changed=list(d.get("changed", [])),
                   old_title=d.get("old_title"), new_title=d.get("new_title"),
                   diff=[(op[0], op[1]) for op in d.get("diff", [])])
