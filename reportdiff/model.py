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

import dataclasses
import functools
import json
import os
import re
import types
import typing
from dataclasses import dataclass, field
from typing import IO, Any, Literal, Union, get_args

EDITION_SCHEMA = "reportdiff.edition/1"
COMPARISON_SCHEMA = "reportdiff.comparison/1"

ChangeKind = Literal["unchanged", "modified", "rewritten", "added", "removed", "split", "merged"]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)


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
                   level=_whole(d.get("level") or 1), parent=d.get("parent"),
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
                   page_start=_whole(d.get("page_start") or 1), page_end=_whole(d.get("page_end") or 1))

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
    tables: list[Table] = field(default_factory=list)      # read whole, not as paragraphs (pdf/tables.py)
    figures: list[Figure] = field(default_factory=list)    # charts and maps: one object each, text kept
    language: str | None = None  # the text's language, ISO 639-1 ("en", "fr", "es", "ru", "ar", "zh")
    # footnotes tied to no paragraph or heading: the title's ("* Reissued for technical reasons") or a masthead's
    notes: list[Footnote] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)   # pages unread: no text layer, or OCR noise
    warnings: list[str] = field(default_factory=list)             # what the reader should know (unread pages)

    @property
    def name(self) -> str:
        """What a message calls the edition: its symbol, else its file's name ("" when it has neither)."""
        return self.symbol or self.source or ""

    def section(self, section_id: str | None) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def ancestors(self) -> dict[str | None, list[str]]:
        """Each section's chain of enclosing sections, itself first (None, the opening: no chain). A cycle of
        parents, which a damaged edition could hold, ends the chain."""
        parent = {s.id: s.parent for s in self.sections}
        out: dict[str | None, list[str]] = {None: []}
        for s in self.sections:
            chain: list[str] = []
            k: str | None = s.id
            while k and k not in chain and len(chain) < 50:
                chain.append(k)
                k = parent.get(k)
            out[s.id] = chain
        return out

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        """The paragraph with this id (for a numbered paragraph, its number as a string: `"21"`), or None."""
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": EDITION_SCHEMA, "symbol": self.symbol, "date": self.date, "title": self.title,
                "pages": self.pages, "source": self.source,
                "sections": [s.to_dict() for s in self.sections],
                "paragraphs": [p.to_dict() for p in self.paragraphs],
                "tables": [t.to_dict() for t in self.tables], "figures": [f.to_dict() for f in self.figures],
                "language": self.language, "notes": [f.to_dict() for f in self.notes],
                "pages_without_text": list(self.pages_without_text), "warnings": list(self.warnings)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edition:
        return cls(symbol=d.get("symbol"), date=d.get("date"), title=d.get("title") or "",
                   pages=_whole(d.get("pages") or 0),
                   sections=[Section.from_dict(s) for s in d.get("sections", [])],
                   paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])], source=d.get("source"),
                   tables=[Table.from_dict(t) for t in d.get("tables", [])],
                   figures=[Figure.from_dict(f) for f in d.get("figures", [])],
                   language=d.get("language"), notes=[Footnote.from_dict(f) for f in d.get("notes", [])],
                   pages_without_text=[_whole(n) for n in d.get("pages_without_text", [])],
                   warnings=[str(w) for w in d.get("warnings", [])])

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
            return _typed(cls.from_dict(d))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise _malformed(EDITION_SCHEMA, e) from e

    def __repr__(self) -> str:
        return (f"Edition({self.symbol!r}, {self.date or 'undated'}, {self.pages} pages, "
                f"{len(self.paragraphs)} paragraphs)")


# A word-level diff is a list of (op, text) with op "=", "-" or "+".
DiffOp = tuple[str, str]


@dataclass
class Signal:
    """A change an analyst scans for.

    Read off the word diff of a lightly edited paragraph (signals.py): `figure`, `date`, `hedge`. Read off any
    linked pair or added/removed paragraph (assess.py): `judgement` (evaluative or trend wording about the same
    subject), `figure` (two figures that count the same thing), `recommendation` (a call of the
    Secretary-General), `new_concern` / `dropped_concern` (a new or dropped subject). `old` and `new` are exact
    words of the two paragraphs (a phrase or clause, not the paragraph): `"more than 760 individuals"` →
    `"more than 5,970 individuals"`, None on the side where it is absent.
    """

    kind: str                    # figure | date | hedge | judgement | recommendation | new_concern | dropped_concern
    old: str | None              # the old wording (None when only added)
    new: str | None              # the new wording (None when only removed)
    context: str = ""            # a few words around the change in the new (or old) text (word-diff signals)
    subject: str = ""            # what it is about: the rarest words both sides share, a figure's counted noun
    change: str = ""             # the change in a few words: "undiminished → high", "760 → 5,970 individuals (up ×7.9)"
    direction: str = ""          # up | down | reversed | firmer | softer | changed | new | dropped ("" unknown)
    score: float = 0.0           # size of the change × sureness of the pairing (the brief ranks on it)
    topic: str = ""              # a new or dropped concern's subject as the text names it ("The security situation
                                 # in Tripoli"), where its sentence names one (diff/topics.py)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": self.old, "new": self.new, "context": self.context,
                "subject": self.subject, "change": self.change, "direction": self.direction,
                "score": round(self.score, 3), "topic": self.topic}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Signal:
        return cls(kind=d["kind"], old=d.get("old"), new=d.get("new"), context=d.get("context") or "",
                   subject=d.get("subject") or "", change=d.get("change") or "", direction=d.get("direction") or "",
                   score=float(d.get("score") or 0.0), topic=d.get("topic") or "")

    def __repr__(self) -> str:
        old = _short(self.old, 60) if self.old is not None else "None"
        new = _short(self.new, 60) if self.new is not None else "None"
        return f"Signal({self.kind!r}, {old} → {new})"


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
class Successor:
    """Why a paragraph was linked to its successor by subject rather than by wording (diff/successors.py)."""
    confidence: float            # how likely the choice was (0-1)
    shared_terms: list[str] = field(default_factory=list)   # names and rare words both sides use
    cites: list[str] = field(default_factory=list)   # the new edition's citations of the old paragraphs, as written
    place: str = ""              # "opening" / "closing": both open (close) paired sections; "" otherwise

    def to_dict(self) -> dict[str, Any]:
        return {"confidence": round(self.confidence, 3), "shared_terms": list(self.shared_terms),
                "cites": list(self.cites), "place": self.place}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Successor:
        return cls(confidence=float(d.get("confidence") or 0.0), shared_terms=list(d.get("shared_terms") or []),
                   cites=list(d.get("cites") or []), place=str(d.get("place") or ""))


@dataclass
class Change:
    """What became of one paragraph, or of the paragraphs joined by a split or a merge.

    `kind` is one of `CHANGE_KINDS` (`unchanged`, `modified`, `rewritten`: a successor in other words, `added`,
    `removed`, `split`: one old paragraph became several, `merged`: several became one); `old`/`new` the paragraph
    ids on each side (empty for added / removed); `moved` whether it left its place (another section, or out of
    order), whatever its kind; `similarity` the share of content words the two sides have in common, in order
    (2 × longest common subsequence / total words, from 0 to 1; 0 for added and removed); `diff` the word-level
    diff as `(op, text)` pairs with op `"="`, `"-"` or `"+"` (a rewritten pair: the old text removed, the new
    added); `signals` its assessment signals (judgements, figures, recommendations, new and dropped concerns, and
    the word diff's dates and hedges), best first; `footnotes` the edited footnotes.
    """

    kind: str                    # one of CHANGE_KINDS
    old: list[str]               # paragraph ids in the old edition (empty when added)
    new: list[str]               # paragraph ids in the new edition (empty when removed)
    moved: bool = False
    similarity: float = 1.0      # share of the wording kept (2 x common words / all words)
    diff: list[DiffOp] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    footnotes: list[FootnoteChange] = field(default_factory=list)
    successor: Successor | None = None   # set when the link was made by subject (kind rewritten, or a group)
    # added / removed: how likely the successor tier found this paragraph's most likely successor (0-1; not linked:
    # too unlikely, or sharing no specific term); None where it weighed none (a fragment, successors off, a part of a
    # very long document with no counterpart section). Tells how sure "new" or "dropped" is (brief.UNMATCHED_SLOPE).
    successor_likelihood: float | None = None
    # added / removed: the other edition's page without a text layer where this paragraph may stand (its paired
    # neighbours' partners stand on either side of it): not known to be new or dropped, so it carries no signals
    unread_page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "moved": self.moved, "old": list(self.old), "new": list(self.new),
                "similarity": round(self.similarity, 4), "diff": [list(op) for op in self.diff],
                "signals": [s.to_dict() for s in self.signals],
                "footnotes": [f.to_dict() for f in self.footnotes],
                "successor": self.successor.to_dict() if self.successor else None,
                "successor_likelihood": (None if self.successor_likelihood is None
                                         else round(self.successor_likelihood, 3)),
                "unread_page": self.unread_page}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        if d["kind"] not in CHANGE_KINDS:
            raise ValueError(f"change kind {str(d['kind'])[:40]!r} is not one of {', '.join(CHANGE_KINDS)}")
        return cls(kind=d["kind"], old=[str(x) for x in d.get("old", [])], new=[str(x) for x in d.get("new", [])],
                   moved=bool(d.get("moved")), similarity=float(d.get("similarity", 1.0)),
                   diff=[(op[0], op[1]) for op in d.get("diff", [])],
                   signals=[Signal.from_dict(s) for s in d.get("signals", [])],
                   footnotes=[FootnoteChange.from_dict(f) for f in d.get("footnotes", [])],
                   successor=Successor.from_dict(d["successor"]) if d.get("successor") else None,
                   successor_likelihood=(None if d.get("successor_likelihood") is None
                                         else float(d["successor_likelihood"])),
                   unread_page=d.get("unread_page"))

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
    # a section of one edition only, where the other edition has a page without a text layer (a map printed as a
    # picture) at the place its counterpart would stand: that page (1-based), and the section is not known gone
    # or new, only unread
    unread_page: int | None = None

    @property
    def renamed(self) -> bool:
        """Whether both sides exist and the heading's title changed."""
        return bool(self.old and self.new and (self.old_title or "").strip() != (self.new_title or "").strip())

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "old_title": self.old_title, "new_title": self.new_title,
                "renamed": self.renamed, "unread_page": self.unread_page}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SectionPair:
        return cls(old=d.get("old"), new=d.get("new"), old_title=d.get("old_title"), new_title=d.get("new_title"),
                   unread_page=d.get("unread_page"))

    def __repr__(self) -> str:
        return f"SectionPair({self.old!r} → {self.new!r}{', renamed' if self.renamed else ''})"


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
        return cls(rank=_whole(d["rank"]), kind=d["kind"], change=_whole(d.get("change", -1)),
                   old=[str(x) for x in d.get("old", [])], new=[str(x) for x in d.get("new", [])],
                   quote_old=d.get("quote_old"), quote_new=d.get("quote_new"), summary=d.get("summary") or "",
                   role=d.get("role") or "", score=float(d.get("score") or 0.0))


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
    brief: list[BriefItem] = field(default_factory=list)  # the ranked key changes (diff/brief.py)
    tables: list[TableChange] = field(default_factory=list)     # every table of either edition, paired
    figures: list[FigureChange] = field(default_factory=list)   # every figure of either edition, paired

    def summary(self) -> dict[str, int]:
        """Number of changes of each kind, and `moved`: the number of changes that moved."""
        counts = {k: 0 for k in CHANGE_KINDS}
        for c in self.changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        counts["moved"] = sum(1 for c in self.changes if c.moved)
        return counts

    @property
    def differs(self) -> bool:
        """Whether anything changed or moved, a table or figure included (what `reportdiff compare --exit-code`
        tells)."""
        return (any(c.kind != "unchanged" or c.moved for c in self.changes)
                or any(t.kind != "unchanged" for t in self.tables) or any(f.kind != "unchanged" for f in self.figures))

    def to_dict(self, include_editions: bool = False) -> dict[str, Any]:
        """The comparison's JSON as a dict (`reportdiff.comparison/1`); with both editions in full under
        `editions` when `include_editions` (needed for `from_json` to give back the paragraphs' texts)."""
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

    def to_json(self, *, editions: bool = False, indent: int | None = 1) -> str:
        """The comparison as JSON text (`reportdiff.comparison/1`, as `reportdiff compare -f json` writes it);
        `editions=True` adds both editions in full, so that `from_json` gives back the same Comparison (its
        similarities rounded to four decimals and scores and likelihoods to three, as the JSON has them)."""
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
            return _typed(cls(old=old, new=new, sections=[SectionPair.from_dict(s) for s in d.get("sections", [])],
                              changes=[Change.from_dict(c) for c in d.get("changes", [])],
                              warnings=[str(w) for w in d.get("warnings", [])],
                              brief=[BriefItem.from_dict(b) for b in d.get("brief", [])],
                              tables=[TableChange.from_dict(t) for t in d.get("tables", [])],
                              figures=[FigureChange.from_dict(f) for f in d.get("figures", [])]))
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
    if not isinstance(source, (dict, str, bytes, bytearray, os.PathLike)) and not hasattr(source, "read"):
        raise JSONInputError(f"expected a {schema} document (a dict, JSON text, a path or an open file), not "
                             f"a value of type {type(source).__name__}")
    if isinstance(source, dict):
        data: Any = source
    else:
        try:
            if isinstance(source, (bytes, bytearray)) or isinstance(source, str) and _is_json_text(source):
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
    if found is not None and str(found) != schema:   # another version of the same document: its fields differ
        raise JSONInputError(f"this is a {found} document; this reportdiff reads {schema}")
    missing = [f for f in _required_fields(schema) if f not in data]
    if missing:                     # `{}` read as an empty edition would hide a wrong file behind a blank report
        raise JSONInputError(f"not a {schema} document: no {', '.join(repr(f) for f in missing)}")
    return data


def _whole(value: Any) -> int:
    """An integer field of JSON from elsewhere: 3 or 3.0, not 2.7 (int() would read it as 2 unnoticed), nor an
    infinity (1e400) or NaN, which int() refuses with an error other than ValueError."""
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{value!r} is not a whole number")
    return int(value)


def _is_json_text(text: str) -> bool:
    """A JSON object, or an array (a wrong document, said as such), rather than a path; a file named "[draft].json"
    or "{draft}.json" is still a path."""
    opening = text.lstrip()[:1]
    return opening in ("{", "[") and not os.path.exists(text)


def _required_fields(schema: str) -> list[str]:
    """The fields every document of `schema` has (its JSON Schema's `required`), less `schema` itself: a document
    that names no schema is read as the one asked for."""
    from . import schemas

    return [f for f in schemas.schema(schema).get("required", []) if f != "schema"]


def _typed(obj: Any, where: str = "") -> Any:
    """`obj` (a model read from JSON) with every field of the type its annotation names, checked through nested
    models and lists; TypeError naming the first field that is not. JSON from elsewhere is untrusted: a title that
    is a number would otherwise surface as an AttributeError deep inside a comparison."""
    hints = _field_types(type(obj))
    for name, hint in hints.items():
        value = getattr(obj, name)
        path = f"{where}{name}"
        if not _conforms(value, hint):
            raise TypeError(f"{path} should be {_type_name(hint)}, not {type(value).__name__}")
        for k, item in enumerate(value if isinstance(value, list) else [value]):
            if dataclasses.is_dataclass(item):
                _typed(item, f"{path}[{k}]." if isinstance(value, list) else f"{path}.")
    return obj


@functools.lru_cache(maxsize=None)
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _conforms(value: Any, hint: Any) -> bool:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return True
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin in (Union, types.UnionType):
        return any(_conforms(value, a) for a in args)
    if origin is Literal:
        return value in args
    if origin is list:
        return isinstance(value, list) and (not args or all(_conforms(v, args[0]) for v in value))
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:                 # tuple[str, ...]
            return all(_conforms(v, args[0]) for v in value)
        return not args or len(args) == len(value) and all(_conforms(v, a) for v, a in zip(value, args))
    if origin is dict:
        return isinstance(value, dict)
    return isinstance(value, hint) if isinstance(hint, type) else True


def _type_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _malformed(schema: str, e: Exception) -> Exception:
    from .errors import JSONInputError

    return JSONInputError(f"a {schema} document with a missing or malformed field ({type(e).__name__}: {e})")


def _meta_edition(meta: dict[str, Any]) -> Edition:
    """An Edition holding only what a comparison's JSON says of it (symbol, date, title, pages, source)."""
    return Edition(symbol=meta.get("symbol"), date=meta.get("date"), title=meta.get("title") or "",
                   pages=_whole(meta.get("pages") or 0), source=meta.get("source"))

# ------------------------------------------------------------------------------------------- tables and figures

# A table's note that opens on a raised mark ("a In accordance with …", which a cell cites: "58/316a") keeps the mark
# as its first word: pdf/tables.py writes it so (marked_note), the report sets it raised again (note_mark).
NOTE_MARK = re.compile(r"[a-z]|\*{1,3}")
_MARKED_NOTE = re.compile(rf"({NOTE_MARK.pattern}) (?=[A-Z0-9“‘(\"])")


def marked_note(mark: str, text: str) -> str:
    """A table's note as the edition keeps it: its raised mark, then its text."""
    return f"{mark} {text}"


def note_mark(note: str) -> tuple[str, str]:
    """(mark, text) of a note kept by `marked_note` ("a A dispute exists …"); ("", note) for any other ("Source:
    UNIFIL.")."""
    m = _MARKED_NOTE.match(note)
    return (m.group(1), note[m.end():]) if m else ("", note)


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
                   label=d.get("label") or "", total_rows=[_whole(i) for i in d.get("total_rows", [])],
                   notes=[str(n) for n in d.get("notes", [])], page_start=_whole(d.get("page_start") or 1),
                   page_end=_whole(d.get("page_end") or 1))


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
                   notes=[str(n) for n in d.get("notes", [])], page_start=_whole(d.get("page_start") or 1),
                   page_end=_whole(d.get("page_end") or 1))


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
