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

ChangeKind = Literal["unchanged", "modified", "added", "removed", "split", "merged"]
CHANGE_KINDS: tuple[str, ...] = ("unchanged", "modified", "added", "removed", "split", "merged")


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
    language: str | None = None  # the text's language, ISO 639-1 ("en", "fr", "es", "ru", "ar", "zh")
    # footnotes tied to no paragraph or heading: the title's ("* Reissued for technical reasons") or a masthead's
    notes: list[Footnote] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)   # scanned pages with no text layer: unread
    warnings: list[str] = field(default_factory=list)             # what the reader should know (unread pages)

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": EDITION_SCHEMA, "symbol": self.symbol, "date": self.date, "title": self.title,
                "pages": self.pages, "source": self.source,
                "sections": [s.to_dict() for s in self.sections],
                "paragraphs": [p.to_dict() for p in self.paragraphs],
                "language": self.language, "notes": [f.to_dict() for f in self.notes],
                "pages_without_text": list(self.pages_without_text), "warnings": list(self.warnings)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edition:
        return cls(symbol=d.get("symbol"), date=d.get("date"), title=d.get("title") or "",
                   pages=int(d.get("pages") or 0),
                   sections=[Section.from_dict(s) for s in d.get("sections", [])],
                   paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])], source=d.get("source"),
                   language=d.get("language"), notes=[Footnote.from_dict(f) for f in d.get("notes", [])],
                   pages_without_text=[int(n) for n in d.get("pages_without_text", [])],
                   warnings=[str(w) for w in d.get("warnings", [])])

    def meta(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "date": self.date, "title": self.title, "pages": self.pages,
                "source": self.source}


# A word-level diff is a list of (op, text) with op "=", "-" or "+".
DiffOp = tuple[str, str]


@dataclass
class Signal:
    """A change an analyst scans for: a figure, a date or a hedging word that changed in a paragraph."""
    kind: Literal["figure", "date", "hedge"]
    old: str | None              # the old wording (None when only added)
    new: str | None              # the new wording (None when only removed)
    context: str = ""            # a few words around the change in the new (or old) text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "context": self.context}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Signal:
        return cls(kind=d["kind"], old=d.get("old"), new=d.get("new"), context=d.get("context") or "")


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
class Change:
    kind: str                    # one of CHANGE_KINDS
    old: list[str]               # paragraph ids in the old edition (empty when added)
    new: list[str]               # paragraph ids in the new edition (empty when removed)
    moved: bool = False
    similarity: float = 1.0
    diff: list[DiffOp] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    footnotes: list[FootnoteChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "moved": self.moved, "old": list(self.old), "new": list(self.new),
                "similarity": round(self.similarity, 4), "diff": [list(op) for op in self.diff],
                "signals": [s.to_dict() for s in self.signals],
                "footnotes": [f.to_dict() for f in self.footnotes]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        return cls(kind=d["kind"], old=[str(x) for x in d.get("old", [])], new=[str(x) for x in d.get("new", [])],
                   moved=bool(d.get("moved")), similarity=float(d.get("similarity", 1.0)),
                   diff=[(op[0], op[1]) for op in d.get("diff", [])],
                   signals=[Signal.from_dict(s) for s in d.get("signals", [])],
                   footnotes=[FootnoteChange.from_dict(f) for f in d.get("footnotes", [])])


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
class Comparison:
    old: Edition
    new: Edition
    sections: list[SectionPair] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)   # in the new edition's reading order, removed ones in place
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts = {k: 0 for k in CHANGE_KINDS}
        for c in self.changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        counts["moved"] = sum(1 for c in self.changes if c.moved)
        return counts

    @property
    def differs(self) -> bool:
        return any(c.kind != "unchanged" or c.moved for c in self.changes)

    def to_dict(self, include_editions: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": COMPARISON_SCHEMA, "old": self.old.meta(), "new": self.new.meta(),
                             "summary": self.summary(), "warnings": list(self.warnings),
                             "sections": [s.to_dict() for s in self.sections],
                             "changes": [c.to_dict() for c in self.changes]}
        if include_editions:
            d["editions"] = {"old": self.old.to_dict(), "new": self.new.to_dict()}
        return d
