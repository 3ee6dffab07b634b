"""The typed data model passed between the pipeline stages, and its JSON form.

extract/structure produce an `Edition`; align/diff turn two Editions into a `Comparison`; render reads a
Comparison. The JSON field names follow the contract read by the measuring tools (schemas
`reportdiff.edition/1` and `reportdiff.comparison/1`, shipped as JSON Schema files in `reportdiff/schemas/` and
documented field by field in docs/json.md); extra fields are allowed.

Every class has `to_dict()` / `from_dict()`; `Edition` and `Comparison` also `to_json()` / `from_json()`, which
round-trip through a JSON text, a file or a parsed dict:

    >>> ed = reportdiff.load("samples/S_2025_72.pdf")
    >>> ed
    Edition('S/2025/72', 2025-01-31, 15 pages, 68 paragraphs)
    >>> Edition.from_json(ed.to_json()) == ed
    True
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import IO, Any, Literal, Union

EDITION_SCHEMA = "reportdiff.edition/1"
COMPARISON_SCHEMA = "reportdiff.comparison/1"

ChangeKind = Literal["unchanged", "modified", "added", "removed", "split", "merged"]
CHANGE_KINDS: tuple[str, ...] = ("unchanged", "modified", "added", "removed", "split", "merged")


# Short, one-line reprs: a notebook shows an edition or a comparison, not its 60,000 characters of text.
def _short(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters, with an ellipsis, as a repr."""
    return repr(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")


@dataclass
class Footnote:
    """A footnote: its number as printed (`"3"`, or a symbol such as `"*"`) and its whole text on one line."""

    number: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Footnote:
        return cls(number=str(d["number"]), text=d.get("text") or "")

    def __repr__(self) -> str:
        return f"Footnote({self.number!r}, {_short(self.text)})"


@dataclass
class Section:
    """A heading of the report and the part it opens.

    `id` is unique in the edition and built from the labels of the heading and its parents (`"II.A"`, `"ANNEX-I"`;
    `"H3"` for an unlabelled heading); `label` is the label as printed (`"A."`, `"(a)"`, `"Annex I"`, or `""`);
    `title` the heading text without label or footnote markers; `level` 1 is outermost; `parent` the id of the
    enclosing section (None at level 1); `footnotes` those whose markers stand in the heading; `page` the
    1-based page where the heading is printed.
    """

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

    def __repr__(self) -> str:
        return f"Section({self.id!r}, {_short(f'{self.label} {self.title}'.strip(), 60)}, level {self.level})"


@dataclass
class Paragraph:
    """A body paragraph, joined across lines and pages.

    `id` is the printed number of a numbered paragraph of the main body (`"21"`), else an id unique in the
    edition (`"A1-3"` for paragraph 3 of the first annex, `"u12"` for an unnumbered one); `number` is the number
    as printed or None; `section` the id of the innermost section holding it (None before the first heading);
    `text` the whole text on one line, footnote markers, headers and footers removed; `footnotes` those whose
    markers occur in it, in order; `page_start`/`page_end` are 1-based page numbers.
    """

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

    def __repr__(self) -> str:
        where = f"section {self.section!r}" if self.section else "no section"
        pages = f"p. {self.page_start}" + (f"-{self.page_end}" if self.page_end != self.page_start else "")
        return f"Paragraph({self.id!r}, {where}, {pages}, {len(self.text.split())} words: {_short(self.text)})"


@dataclass
class Edition:
    """One edition of a report, read from its PDF by `reportdiff.load`.

    `symbol` is the UN document symbol as printed (`"S/2025/72"`; None when the PDF shows none), `date` the
    edition's date as ISO `yyyy-mm-dd` (or None), `title` the report's title, `pages` its page count;
    `sections` (the section tree in reading order, parents before children) and `paragraphs` (every body
    paragraph once, in reading order, annexes included); `source` the file name it was read from.

    >>> ed = reportdiff.load("samples/S_2025_72.pdf")
    >>> ed.paragraph("21").section, ed.section("III.A.1").title
    ('III.A.1', 'Repatriation efforts')
    """

    symbol: str | None
    date: str | None             # ISO yyyy-mm-dd
    title: str
    pages: int
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    source: str | None = None    # file name it was read from (not part of the contract)

    def section(self, section_id: str | None) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        """The paragraph with this id (for a numbered paragraph, its number as a string: `"21"`), or None."""
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": EDITION_SCHEMA, "symbol": self.symbol, "date": self.date, "title": self.title,
                "pages": self.pages, "source": self.source,
                "sections": [s.to_dict() for s in self.sections],
                "paragraphs": [p.to_dict() for p in self.paragraphs]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edition:
        return cls(symbol=d.get("symbol"), date=d.get("date"), title=d.get("title") or "",
                   pages=int(d.get("pages") or 0),
                   sections=[Section.from_dict(s) for s in d.get("sections", [])],
                   paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])], source=d.get("source"))

    def meta(self) -> dict[str, Any]:
        """The edition's metadata (symbol, date, title, pages, source), as a comparison's JSON gives it."""
        return {"symbol": self.symbol, "date": self.date, "title": self.title, "pages": self.pages,
                "source": self.source}

    def to_json(self, *, indent: int | None = 1) -> str:
        """The edition as JSON text (schema `reportdiff.edition/1`, as `reportdiff extract -f json` writes it)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, source: JSONSource) -> Edition:
        """An Edition from its JSON (`reportdiff.edition/1`): a `dict` already parsed, JSON text (`str` starting
        with `{`, or `bytes`), a path (`pathlib.Path`, or a `str` that is not JSON text) or an open file.

        Raises `InputFileError` (also a `FileNotFoundError`/`OSError`) when the file cannot be read, and
        `JSONInputError` (also a `ValueError`) when it is not JSON or not an edition's JSON.
        """
        d = _json_document(source, EDITION_SCHEMA)
        try:
            return cls.from_dict(d)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise _malformed(EDITION_SCHEMA, e) from e

    def __repr__(self) -> str:
        return (f"Edition({self.symbol!r}, {self.date or 'undated'}, {self.pages} pages, "
                f"{len(self.paragraphs)} paragraphs)")


# A word-level diff is a list of (op, text) with op "=", "-" or "+".
DiffOp = tuple[str, str]


@dataclass
class Signal:
    """A change an analyst scans for: a figure, a date or a hedging word that changed in a paragraph.

    `old`/`new` are the wordings on each side (`"more than 760 individuals"` → `"more than 5,970
    individuals"`), None on the side where it is absent; `context` a few words around it.
    """

    kind: Literal["figure", "date", "hedge"]
    old: str | None              # the old wording (None when only added)
    new: str | None              # the new wording (None when only removed)
    context: str = ""            # a few words around the change in the new (or old) text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "context": self.context}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Signal:
        return cls(kind=d["kind"], old=d.get("old"), new=d.get("new"), context=d.get("context") or "")

    def __repr__(self) -> str:
        return f"Signal({self.kind!r}, {self.old!r} → {self.new!r})"


@dataclass
class FootnoteChange:
    """A footnote of a paragraph that was edited, added or removed, with its word diff."""

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

    def __repr__(self) -> str:
        old, new = (f.number if f else None for f in (self.old, self.new))
        return f"FootnoteChange({self.kind!r}, {old!r} → {new!r})"


@dataclass
class Change:
    """What became of one paragraph, or of the paragraphs joined by a split or a merge.

    `kind` is one of `CHANGE_KINDS` (`unchanged`, `modified`, `added`, `removed`, `split`: one old paragraph
    became several, `merged`: several became one); `old`/`new` the paragraph ids on each side (empty for added /
    removed); `moved` whether it left its place (another section, or out of order), whatever its kind;
    `similarity` the share of content words the two sides have in common, in order (2 × longest common
    subsequence / total words, from 0 to 1; 0 for added and removed); `diff` the word-level diff as
    `(op, text)` pairs with op `"="`, `"-"` or `"+"`; `signals` the changed figures, dates and hedging words;
    `footnotes` the edited footnotes.
    """

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

    def __repr__(self) -> str:
        extra = [f"similarity {self.similarity:.2f}"] if self.kind not in ("added", "removed", "unchanged") else []
        if self.moved:
            extra.insert(0, "moved")
        if self.signals:
            extra.append(f"{len(self.signals)} signal{'s' if len(self.signals) != 1 else ''}")
        return f"Change({self.kind!r}, {self.old!r} → {self.new!r}" + "".join(f", {x}" for x in extra) + ")"


@dataclass
class SectionPair:
    """A section of the old edition paired with one of the new (ids; either None when added or removed)."""

    old: str | None              # section id in the old edition, None when the section was added
    new: str | None              # section id in the new edition, None when the section was removed
    old_title: str | None = None
    new_title: str | None = None

    @property
    def renamed(self) -> bool:
        """Whether both sides exist and the heading's title changed."""
        return bool(self.old and self.new and (self.old_title or "").strip() != (self.new_title or "").strip())

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "old_title": self.old_title, "new_title": self.new_title,
                "renamed": self.renamed}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SectionPair:
        return cls(old=d.get("old"), new=d.get("new"), old_title=d.get("old_title"), new_title=d.get("new_title"))

    def __repr__(self) -> str:
        return f"SectionPair({self.old!r} → {self.new!r}{', renamed' if self.renamed else ''})"


@dataclass
class Comparison:
    """Two editions aligned: paired sections and what became of every paragraph, made by `reportdiff.compare`.

    `changes` are in the new edition's reading order, removed paragraphs where they stood; every paragraph of
    each edition is in exactly one change. `warnings` say what made the comparison doubtful (e.g. editions of
    different series).

    >>> cmp = reportdiff.compare("samples/S_2025_72.pdf", "samples/S_2025_496.pdf")
    >>> cmp.differs, cmp.summary()["unchanged"] + cmp.summary()["modified"] > 0
    (True, True)
    """

    old: Edition
    new: Edition
    sections: list[SectionPair] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)   # in the new edition's reading order, removed ones in place
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Number of changes of each kind, and `moved`: the number of changes that moved."""
        counts = {k: 0 for k in CHANGE_KINDS}
        for c in self.changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        counts["moved"] = sum(1 for c in self.changes if c.moved)
        return counts

    @property
    def differs(self) -> bool:
        """Whether anything changed or moved (what `reportdiff compare --exit-code` tells)."""
        return any(c.kind != "unchanged" or c.moved for c in self.changes)

    def to_dict(self, include_editions: bool = False) -> dict[str, Any]:
        """The comparison's JSON as a dict (`reportdiff.comparison/1`); with both editions in full under
        `editions` when `include_editions` (needed for `from_json` to give back the paragraphs' texts)."""
        d: dict[str, Any] = {"schema": COMPARISON_SCHEMA, "old": self.old.meta(), "new": self.new.meta(),
                             "summary": self.summary(), "warnings": list(self.warnings),
                             "sections": [s.to_dict() for s in self.sections],
                             "changes": [c.to_dict() for c in self.changes]}
        if include_editions:
            d["editions"] = {"old": self.old.to_dict(), "new": self.new.to_dict()}
        return d

    def to_json(self, *, editions: bool = False, indent: int | None = 1) -> str:
        """The comparison as JSON text (`reportdiff.comparison/1`, as `reportdiff compare -f json` writes it);
        `editions=True` adds both editions in full, so that `from_json` gives back an identical Comparison."""
        return json.dumps(self.to_dict(include_editions=editions), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, source: JSONSource) -> Comparison:
        """A Comparison from its JSON (`reportdiff.comparison/1`): a parsed `dict`, JSON text (`str` starting
        with `{`, or `bytes`), a path (`pathlib.Path`, or a `str` that is not JSON text) or an open file.

        With the editions in the JSON (`to_json(editions=True)`) the round trip is complete. Without them, as
        `reportdiff compare -f json` writes by default, `old` and `new` carry the editions' metadata only (no
        sections or paragraphs): the changes, their diffs and signals, the section pairs and `summary()` are
        whole, and a paragraph's text is what its diff holds. Errors as `Edition.from_json`.
        """
        d = _json_document(source, COMPARISON_SCHEMA)
        try:
            full = d.get("editions") or {}
            old, new = (Edition.from_dict(full[side]) if side in full else _meta_edition(d[side])
                        for side in ("old", "new"))
            return cls(old=old, new=new, sections=[SectionPair.from_dict(s) for s in d.get("sections", [])],
                       changes=[Change.from_dict(c) for c in d.get("changes", [])],
                       warnings=[str(w) for w in d.get("warnings", [])])
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise _malformed(COMPARISON_SCHEMA, e) from e

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.summary().items() if n)
        return f"Comparison({self.old.symbol!r} → {self.new.symbol!r}: {counts or 'no paragraphs'})"


# ---------------------------------------------------------------------------------------------------- JSON input

#: What `from_json` reads: a parsed dict, JSON text (str or bytes), a path, or an open file.
JSONSource = Union[dict[str, Any], str, bytes, os.PathLike[str], IO[str], IO[bytes]]


def _json_document(source: JSONSource, schema: str) -> dict[str, Any]:
    """The JSON object `source` holds, checked to be a document of `schema` (or to name no schema at all)."""
    from .errors import InputFileError, JSONInputError

    what = schema.split(".")[1].split("/")[0]               # "edition", "comparison", "series"
    if isinstance(source, dict):
        data: Any = source
    else:
        try:
            if isinstance(source, (bytes, bytearray)) or (isinstance(source, str) and source.lstrip()[:1] == "{"):
                data = json.loads(source)
            elif isinstance(source, (str, os.PathLike)):
                try:
                    with open(source, "rb") as f:
                        data = json.loads(f.read())
                except OSError as e:
                    raise InputFileError.from_os_error(e, os.fspath(source),
                                                       f"give the path of a {what}'s JSON file") from e
            else:
                data = json.loads(source.read())
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise JSONInputError(f"not JSON ({e}); expected a {schema} document") from e
    if not isinstance(data, dict):
        raise JSONInputError(f"expected a JSON object with schema {schema}, got a {type(data).__name__}")
    found = data.get("schema")
    if found is not None and str(found).split("/")[0] != schema.split("/")[0]:
        raise JSONInputError(f"this is a {found} document, not {schema}; read it with the matching class")
    return data


def _malformed(schema: str, e: Exception) -> Exception:
    from .errors import JSONInputError

    return JSONInputError(f"a {schema} document with a missing or malformed field ({type(e).__name__}: {e})")


def _meta_edition(meta: dict[str, Any]) -> Edition:
    """An Edition holding only what a comparison's JSON says of it (symbol, date, title, pages, source)."""
    return Edition(symbol=meta.get("symbol"), date=meta.get("date"), title=meta.get("title") or "",
                   pages=int(meta.get("pages") or 0), source=meta.get("source"))
