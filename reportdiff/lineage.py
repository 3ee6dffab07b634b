"""A series of editions: every paragraph followed through many editions by chaining the pairwise comparisons.

`build_series(editions)` orders the editions by date, compares each with the next (the existing `compare` stage,
each Edition object reused for both comparisons it takes part in) and turns the paragraph links into a lineage
graph.

Representation (JSON schema `reportdiff.series/1`):

- **Node**: `(edition index, paragraph id)`; edition indices follow the series' date order, 0 is the oldest.
- **Edge**: from a node of edition i to a node of edition i+1, one per paragraph link of comparison i, labelled
  with the change kind (`unchanged`, `modified`, `rewritten`, `split`, `merged`) and a `moved` flag: a lineage
  chains through a rewritten paragraph (the same subject in other words) as through an edited one. One more kind of edge
  bridges a gap: a paragraph removed after edition i that comes back, nearly word for word, as an added paragraph
  of a later edition j > i+1 is linked to it (`reappeared`: true; see REAPPEAR_RATIO). A split gives one node
  several outgoing edges (the lineage branches); a merge gives one node several incoming edges (lineages join).
  Added and removed paragraphs have no edge on that side.
- **Lineage**: a connected component of that graph (edges taken both ways) — everything that descends from, or
  was merged with, one passage of text. Its id (`L1`, `L2`, … numbered in order of first appearance, then reading
  order) is for presentation; the graph itself is in `edges`. A lineage is *born* in the first edition holding
  one of its nodes and *last seen* in the last one; `events` says, edition by edition, what happened to it
  (`first` in the oldest edition, `added`, `unchanged`, `modified`, `rewritten`, `split`, `merged`, `removed`,
  `reappeared`, with `moved`).
- **Figure track**: the figures the compare stage flags (`Change.signals` of kind `figure`) chained along a lineage:
  a signal whose old value carries the same numbers as the previous signal's new value continues its track
  ("20,000 → 14,000–18,000 → 9,000"), across editions where the figure did not change.
- **Section track**: sections chained the same way through the compare stage's section pairs, with their size
  (words of the section and its subsections) and how many words came in and went out at each edition.
"""
from __future__ import annotations

import errno
import glob
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .errors import InputFileError, MissingFileError, UsageError
from .model import Change, Comparison, Edition

SERIES_SCHEMA = "reportdiff.series/1"

_GLOB_CHARS = re.compile(r"[*?\[]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_REV = re.compile(r"/(Rev|Corr|Add)\.(\d+)", re.I)


# ---------------------------------------------------------------------------------------------------- model

@dataclass(frozen=True, order=True)
class Node:
    """A paragraph of one edition of a series: (edition index in date order, 0 the oldest; paragraph id)."""

    edition: int
    paragraph: str

    def to_list(self) -> list[Any]:
        return [self.edition, self.paragraph]


@dataclass
class LineageEdge:
    """A link from a paragraph of one edition to its successor in a later one (`kind` as a `Change`'s kind:
    unchanged, modified, rewritten, split, merged; `similarity` 0-1 as `Change.similarity`)."""

    source: Node                 # in edition i
    target: Node                 # in edition i + 1 (or later, for a paragraph that reappeared)
    kind: str                    # unchanged | modified | rewritten | split | merged
    moved: bool = False
    similarity: float = 1.0
    reappeared: bool = False     # the paragraph was absent from the editions in between (target > source + 1)

    def to_dict(self) -> dict[str, Any]:
        d = {"from": self.source.to_list(), "to": self.target.to_list(), "kind": self.kind, "moved": self.moved,
             "similarity": round(self.similarity, 4)}
        if self.reappeared:
            d["reappeared"] = True
        return d


@dataclass
class LineageEvent:
    """What happened to a lineage in one edition: `kind` is first, added, unchanged, modified, rewritten, split,
    merged, removed or reappeared; `old`/`new` the paragraph ids in editions `previous` and `edition`."""

    edition: int                 # the edition where it shows (for `removed`: the first edition without it)
    kind: str                    # first | added | unchanged | modified | rewritten | split | merged | removed | reappeared
    moved: bool = False
    old: list[str] = field(default_factory=list)   # paragraph ids in edition `previous`
    new: list[str] = field(default_factory=list)   # paragraph ids in edition
    changes: list[int] = field(default_factory=list)   # indices into series.comparisons[edition - 1].changes
    previous: int | None = None  # the edition `old` is in: edition - 1, or earlier for `reappeared`
    # `removed` where the paragraph may stand on a page of this edition that could not be read (its page number)
    unread_page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"edition": self.edition, "kind": self.kind, "moved": self.moved, "previous": self.previous,
                "old": list(self.old), "new": list(self.new), "unread_page": self.unread_page}


@dataclass
class Lineage:
    """A passage of text followed through the editions: every paragraph that descends from it or was merged
    with it (`nodes`), and what happened to it edition by edition (`events`). Edition numbers are indices in
    the series' date order (0: the oldest). The lineage of paragraph 66 of the latest edition:

    >>> lin = ser.lineage_of("66")                 # doctest: +SKIP
    >>> lin.born, lin.paragraphs(lin.born)         # doctest: +SKIP
    (0, ['73'])
    """

    id: str
    nodes: list[Node]            # by edition, then reading order
    events: list[LineageEvent] = field(default_factory=list)

    @property
    def born(self) -> int:
        """The first edition (index) holding one of its paragraphs."""
        return self.nodes[0].edition

    @property
    def last(self) -> int:
        """The last edition (index) holding one of its paragraphs."""
        return max(n.edition for n in self.nodes)

    def paragraphs(self, edition: int) -> list[str]:
        """Its paragraph ids in one edition (empty where it is absent)."""
        return [n.paragraph for n in self.nodes if n.edition == edition]

    def unchanged_since(self, n_editions: int) -> int | None:
        """The earliest edition from which the text stayed the same up to the latest edition (None when the
        lineage is not in the latest edition)."""
        if self.last != n_editions - 1:
            return None
        since = n_editions - 1
        for ev in reversed(self.events):
            if ev.kind in ("unchanged",) and ev.edition == since:
                since = ev.edition - 1
            else:
                break
        return max(since, self.born)

    def to_dict(self, n_editions: int) -> dict[str, Any]:
        return {"id": self.id, "born": self.born, "last": self.last, "present": self.last == n_editions - 1,
                "unchanged_since": self.unchanged_since(n_editions),
                "nodes": [n.to_list() for n in self.nodes], "events": [e.to_dict() for e in self.events]}

    def __repr__(self) -> str:
        span = f"edition {self.born}" if self.born == self.last else f"editions {self.born}-{self.last}"
        return f"Lineage({self.id!r}, {span}, {len(self.nodes)} paragraphs, {len(self.events)} events)"


@dataclass
class FigurePoint:
    """A figure's wording in one edition (`value`, None once removed) and the paragraphs that hold it."""

    edition: int
    value: str | None            # the wording of the figure in that edition; None once removed
    paragraphs: list[str] = field(default_factory=list)
    carried: bool = False        # unchanged from the previous point (shown for continuity)

    def to_dict(self) -> dict[str, Any]:
        return {"edition": self.edition, "value": self.value, "paragraphs": list(self.paragraphs),
                "carried": self.carried}


@dataclass
class FigureTrack:
    """A figure followed along its paragraph's lineage: "more than 20,000 → between 14,000 and 18,000"."""

    lineage: str
    context: str                 # a few words around the figure in the latest edition, where a word diff read it;
                                 # "" when the points' values are quotes of their own clauses (rewritten pairs)
    points: list[FigurePoint] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"lineage": self.lineage, "context": self.context, "points": [p.to_dict() for p in self.points]}

    def __repr__(self) -> str:
        chain = " → ".join(p.value or "(removed)" for p in self.points)
        return f"FigureTrack({self.lineage!r}, {chain if len(chain) <= 80 else chain[:79] + '…'!r})"


@dataclass
class SectionState:
    """A section in one edition: its size in words, and the words that came in and went out since the previous."""

    section: str | None          # section id in that edition (None: the text before the first heading)
    label: str
    title: str
    words: int                   # words of its paragraphs and its subsections' paragraphs
    new_words: int = 0           # words inserted since the previous edition (added paragraphs included)
    removed_words: int = 0       # words deleted since the previous edition (removed paragraphs included)

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "label": self.label, "title": self.title, "words": self.words,
                "new_words": self.new_words, "removed_words": self.removed_words}


@dataclass
class SectionTrack:
    """A section followed through the editions (`states`: one per edition, None where it is absent)."""

    id: str                      # S1, S2, … for presentation
    level: int
    states: list[SectionState | None]   # one per edition, None where the section is absent

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "level": self.level,
                "editions": [s.to_dict() if s else None for s in self.states]}

    def __repr__(self) -> str:
        last = next((s for s in reversed(self.states) if s), None)
        name = f"{last.label} {last.title}".strip() if last else ""
        words = " → ".join(str(s.words) if s else "—" for s in self.states)
        return f"SectionTrack({self.id!r}, {name[:50]!r}, words {words})"


@dataclass
class Series:
    """A report followed through many editions, made by `reportdiff.series`.

    `editions` in date order (indices 0 … n-1 name them everywhere in the series); `comparisons[i]` compares
    edition i with i + 1; `edges` link each paragraph to its successors; `lineages` are the connected parts of
    that graph (every paragraph of every edition is in exactly one); `figures` follow the changed figures,
    `sections` the sections' sizes. JSON: `to_dict()` (schema `reportdiff.series/1`).

    >>> ser = reportdiff.series(["S_2025_54.pdf", "S_2025_211.pdf", "S_2025_504.pdf"])   # doctest: +SKIP
    >>> ser                                                                                # doctest: +SKIP
    Series(3 editions S/2025/54 … S/2025/504, 319 lineages, 58 figure tracks)
    """

    editions: list[Edition]                  # in date order
    comparisons: list[Comparison]            # comparisons[i]: editions[i] → editions[i + 1]
    edges: list[LineageEdge] = field(default_factory=list)
    lineages: list[Lineage] = field(default_factory=list)
    figures: list[FigureTrack] = field(default_factory=list)
    sections: list[SectionTrack] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _index: dict[Node, Lineage] = field(default_factory=dict, repr=False, compare=False)

    def lineage_of(self, paragraph: str, edition: int = -1) -> Lineage | None:
        """The lineage of paragraph `paragraph` of edition `edition` (default: the latest)."""
        if edition < 0:
            edition += len(self.editions)
        return self._index.get(Node(edition, str(paragraph)))

    def history(self, paragraph: str, edition: int = -1) -> list[LineageEvent]:
        """What happened to the lineage of a paragraph, edition by edition."""
        lin = self.lineage_of(paragraph, edition)
        return list(lin.events) if lin else []

    def __repr__(self) -> str:
        span = " … ".join(dict.fromkeys(_name(e) for e in (self.editions[0], self.editions[-1]))) \
            if self.editions else "no editions"
        return (f"Series({len(self.editions)} editions {span}, {len(self.lineages)} lineages, "
                f"{len(self.figures)} figure tracks)")

    def to_json(self, *, indent: int | None = 1) -> str:
        """The series as JSON text (`reportdiff.series/1`, as `reportdiff series -f json` writes it). There is no
        `from_json`: the JSON holds the lineage graph and the tracks but not the editions' texts; rebuild a
        Series from the editions (cached parses make that quick)."""
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """The series' JSON as a dict (schema `reportdiff.series/1`, see docs/json.md)."""
        n = len(self.editions)
        return {
            "schema": SERIES_SCHEMA,
            "editions": [{**e.meta(), "paragraphs": len(e.paragraphs), "words": _edition_words(e)}
                         for e in self.editions],
            "transitions": [{"from": i, "to": i + 1, "summary": c.summary(), "warnings": list(c.warnings)}
                            for i, c in enumerate(self.comparisons)],
            "warnings": list(self.warnings),
            "lineages": [lin.to_dict(n) for lin in self.lineages],
            "edges": [e.to_dict() for e in self.edges],
            "figures": [f.to_dict() for f in self.figures],
            "sections": [s.to_dict() for s in self.sections],
        }


# ---------------------------------------------------------------------------------------------------- inputs

def expand_inputs(items: Iterable[str | os.PathLike[str] | Edition] | str | os.PathLike[str]
                  ) -> list[str | Edition]:
    """Paths as given, a folder → its PDFs, a glob pattern → the PDFs it matches; Editions pass through.
    The same file named twice is kept once."""
    if isinstance(items, (str, os.PathLike)):
        items = [items]
    out: list[str | Edition] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)

    for item in items:
        if isinstance(item, Edition):
            out.append(item)
            continue
        path = os.fspath(item)
        if os.path.isdir(path):
            found = sorted(p for p in glob.glob(os.path.join(glob.escape(path), "*"))
                           if p.lower().endswith(".pdf") and os.path.isfile(p))
            if not found:
                raise InputFileError(f"{path} is a folder with no PDF files; give the editions' PDFs")
            for p in found:
                add(p)
        elif not os.path.exists(path) and _GLOB_CHARS.search(path):
            found = sorted(p for p in glob.glob(path) if os.path.isfile(p))
            if not found:
                raise MissingFileError(f"no file matches {path}; check the pattern").with_os_details(
                    errno.ENOENT, os.strerror(errno.ENOENT), path)
            for p in found:
                add(p)
        else:
            add(path)
    return out


def _symbol_key(symbol: str | None) -> tuple:
    """S/2025/71 < S/2025/71/Rev.1 < S/2025/72: numbers compared as numbers, a revision after its original."""
    s = (symbol or "").rstrip("*").strip()
    m = _REV.search(s)
    rev = (1, int(m.group(2))) if m else (0, 0)
    base = _REV.sub("", s)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[/\s]+", base) if p)
    return parts + (rev,)


def original_of(symbol: str | None) -> str | None:
    """The symbol of the edition a revision replaces: S/2025/71/Rev.1 → S/2025/71 (a corrigendum or an addendum
    replaces none: None, as for any other symbol)."""
    s = (symbol or "").rstrip("*").strip()
    m = _REV.search(s)
    return s[:m.start()] if m and m.group(1).lower() == "rev" and m.end() == len(s) else None


def order_editions(editions: Sequence[Edition]) -> list[int]:
    """Indices of `editions` in date order; same date → by symbol (a revision after its original); undated
    editions after the dated ones, by symbol (numbers compared as numbers: S/2025/9 before S/2025/10), which in
    a series follows the order of issue better than the order the files were given in (a glob's S_2025_100.pdf
    comes before S_2025_90.pdf)."""
    return sorted(range(len(editions)),
                  key=lambda i: (editions[i].date is None, editions[i].date or "", _symbol_key(editions[i].symbol),
                                 i))


# ---------------------------------------------------------------------------------------------------- building

def build_series(editions: Sequence[Edition], comparisons: Sequence[Comparison] | None = None,
                 *, ordered: bool = False) -> Series:
    """A Series from two or more Editions (any order unless `ordered`). `comparisons`, when given, are the
    comparisons of consecutive editions in the final order (otherwise they are computed)."""
    from .diff.comparison import compare_editions, reading_warnings

    if len(editions) < 2:
        raise UsageError(f"a series needs at least two editions (got {len(editions)})")
    warnings: list[str] = []
    if not ordered:
        order = order_editions(editions)
        editions = [editions[i] for i in order]
        undated = [e.name or "?" for e in editions if not e.date]
        if undated:
            warnings.append(f"no date found in {', '.join(undated)}: placed after the dated editions, in the order "
                            "of their symbols")
    editions = list(editions)
    if comparisons is None:
        comparisons = [compare_editions(editions[i], editions[i + 1]) for i in range(len(editions) - 1)]
    comparisons = list(comparisons)
    # an edition's own reading difficulties once each (a comparison repeats those of both its editions, so an
    # edition between two others would be told twice), then each comparison's own
    warnings += [f"{_name(e)}: {w}" for e in editions for w in e.warnings]
    for i, c in enumerate(comparisons):
        read = set(reading_warnings(c.old, c.new))
        warnings += [f"{_name(editions[i])} → {_name(editions[i + 1])}: {w}" for w in c.warnings if w not in read]
    warnings += [f"{_name(a)} is given twice (two files with the same text): the series compares it with itself"
                 for a, b in zip(editions, editions[1:]) if _same_edition(a, b)]
    series = Series(editions=editions, comparisons=comparisons, warnings=warnings)
    _build_lineages(series)
    _build_figures(series)
    _build_sections(series)
    return series


def _name(e: Edition) -> str:
    return e.name or "an edition"


def _same_edition(a: Edition, b: Edition) -> bool:
    """One edition read from two files (a copy under another name): same symbol, date and paragraphs."""
    return (a.symbol, a.date) == (b.symbol, b.date) and [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]


def _find(parent: dict, x):
    """The root of x's set in a union-find forest (halving the path on the way)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _build_lineages(series: Series) -> None:
    """Each paragraph followed across the editions: the sets of paragraphs the comparisons (and reappearances
    across a gap) link, in order of first appearance, with an event per edition."""
    parent, order = _link_paragraphs(series)
    groups: dict[Node, list[Node]] = {}
    for node in parent:
        groups.setdefault(_find(parent, node), []).append(node)
    comps = sorted((sorted(g, key=lambda n: order[n]) for g in groups.values()), key=lambda g: order[g[0]])
    for k, nodes in enumerate(comps, 1):
        lin = Lineage(id=f"L{k}", nodes=nodes)
        series.lineages.append(lin)
        for n in nodes:
            series._index[n] = lin
    change_of = [_change_index(c) for c in series.comparisons]
    for lin in series.lineages:
        _add_events(series, lin, change_of)


def _link_paragraphs(series: Series) -> tuple[dict[Node, Node], dict[Node, tuple[int, int]]]:
    """A union-find forest of every paragraph of every edition, joined along the comparisons' links (recorded as
    the series' edges) and the reappearances; and each paragraph's (edition, reading position)."""
    parent: dict[Node, Node] = {}

    def union(a: Node, b: Node) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra

    order: dict[Node, tuple[int, int]] = {}
    for i, e in enumerate(series.editions):
        for k, p in enumerate(e.paragraphs):
            node = Node(i, p.id)
            parent[node] = node
            order[node] = (i, k)
    for i, c in enumerate(series.comparisons):
        for ch in c.changes:
            if not ch.old or not ch.new:
                continue
            for a in ch.old:
                for b in ch.new:
                    src, dst = Node(i, a), Node(i + 1, b)
                    if src not in parent or dst not in parent:
                        continue
                    series.edges.append(LineageEdge(src, dst, ch.kind, ch.moved, ch.similarity))
                    union(src, dst)
    for src, dst, kind, sim in _reappearances(series.editions, series.edges):
        series.edges.append(LineageEdge(src, dst, kind, False, sim, reappeared=True))
        union(src, dst)
    return parent, order


def _change_index(c: Comparison) -> tuple[dict[str, int], dict[str, int]]:
    """The change that holds each old paragraph, and each new one."""
    olds: dict[str, int] = {}
    news: dict[str, int] = {}
    for j, ch in enumerate(c.changes):
        for a in ch.old:
            olds.setdefault(a, j)
        for b in ch.new:
            news.setdefault(b, j)
    return olds, news


def _add_events(series: Series, lin: Lineage, change_of: list[tuple[dict[str, int], dict[str, int]]]) -> None:
    """Events: which changes of each comparison touch the lineage, from its first edition to the one after its
    last."""
    eds, cmps = series.editions, series.comparisons
    present = {n.edition for n in lin.nodes}
    first = lin.born
    lin.events.append(LineageEvent(first, "first" if first == 0 else "added", new=lin.paragraphs(first),
                                   changes=[change_of[first - 1][1][p] for p in lin.paragraphs(first)
                                            if first > 0 and p in change_of[first - 1][1]][:1]))
    last_seen = first
    for i in range(first + 1, min(lin.last + 2, len(eds))):
        if i not in present and i - 1 not in present:
            continue                                  # absent in between: said once, by `removed`
        if i in present and i - 1 not in present:     # back after a gap
            lin.events.append(LineageEvent(i, "reappeared", old=lin.paragraphs(last_seen),
                                           new=lin.paragraphs(i), previous=last_seen))
            last_seen = i
            continue
        olds, news = change_of[i - 1]
        idx = sorted({olds[p] for p in lin.paragraphs(i - 1) if p in olds}
                     | {news[p] for p in lin.paragraphs(i) if p in news})
        chs = [cmps[i - 1].changes[j] for j in idx]
        kind = "removed" if i not in present else _event_kind(chs)
        unread = next((c.unread_page for c in chs if c.unread_page), None) if kind == "removed" else None
        lin.events.append(LineageEvent(i, kind, moved=any(c.moved for c in chs), old=lin.paragraphs(i - 1),
                                       new=lin.paragraphs(i), changes=idx, previous=i - 1, unread_page=unread))
        if i in present:
            last_seen = i


#: A paragraph removed from one edition and added to a later one (not the next) is the same passage coming back
#: when the two texts are at least this similar (rapidfuzz ratio of the normalised texts, 0-100) and long enough
#: to mean something: a paragraph back with a new date and figures scores 91-96 (tests/test_series.py's staffing
#: paragraph), unrelated paragraphs of the 2025 reports below 55. (The South Sudan series' staffing paragraph, once
#: such a comeback, is now chained through S/2025/211 by a rewritten link.)
REAPPEAR_RATIO = 85
REAPPEAR_MIN_WORDS = 8


def _reappearances(eds: Sequence[Edition], edges: list[LineageEdge]) -> list[tuple[Node, Node, str, float]]:
    """Links across a gap: (node in edition i with no successor, node in edition j >= i + 2 with no predecessor),
    one to one, best matches first, the most recent earlier edition preferred."""
    from rapidfuzz import fuzz

    from .diff.align import equality_key, normalize

    has_next = {e.source for e in edges}
    has_prev = {e.target for e in edges}
    ends = [(Node(i, p.id), normalize(p.text)) for i, e in enumerate(eds[:-2]) for p in e.paragraphs
            if Node(i, p.id) not in has_next and len(p.text.split()) >= REAPPEAR_MIN_WORDS]
    starts = [(Node(j, p.id), normalize(p.text)) for j, e in enumerate(eds) if j >= 2 for p in e.paragraphs
              if Node(j, p.id) not in has_prev and len(p.text.split()) >= REAPPEAR_MIN_WORDS]
    if not ends or not starts:
        return []
    cands = []
    for a, ta in ends:
        for b, tb in starts:
            if b.edition < a.edition + 2:
                continue
            ratio = fuzz.ratio(ta, tb, score_cutoff=REAPPEAR_RATIO)
            if ratio:
                cands.append((ratio, a.edition, a, b, ta, tb))
    cands.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_a: set[Node] = set()
    used_b: set[Node] = set()
    out = []
    for ratio, _, a, b, ta, tb in cands:
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        kind = "unchanged" if equality_key(ta) == equality_key(tb) else "modified"
        out.append((a, b, kind, ratio / 100))
    return out


def _event_kind(changes: list[Change]) -> str:
    kinds = {c.kind for c in changes}
    if "split" in kinds:
        return "split"
    if "merged" in kinds:
        return "merged"
    if "rewritten" in kinds:
        return "rewritten"
    if kinds & {"modified", "added", "removed"}:
        return "modified"
    return "unchanged"


def _numbers(s: str | None) -> tuple[str, ...]:
    return tuple(n.replace(",", "") for n in _NUMBER.findall(s or ""))


_CLAUSE_BREAK = re.compile(r"[;:()]|[.,](?!\d)")


def _said_in(text: str, numbers: tuple[str, ...], quote: str | None) -> str | None:
    """A figure as an earlier edition words it: the clause of `text` that holds all its numbers, from three words
    before the first of them to five after the last ("season indicate that 6.1 million people will likely
    experience"), since the signal's quote is the later edition's wording ("An estimated 6.1 million South
    Sudanese people"). `quote` itself where `text` has the same words, or where no clause holds every number (a
    number found alone may be another figure, or a year)."""
    if quote and quote in text or not numbers:
        return quote
    start = 0
    for brk in [*_CLAUSE_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        ours = [m for m in _NUMBER.finditer(text, start, end) if m.group(0).replace(",", "") in numbers]
        if {m.group(0).replace(",", "") for m in ours} >= set(numbers):
            before = text[start:ours[0].start()].split()[-3:]
            after = text[ours[-1].end():end].split()[:5]
            return " ".join(before + [text[ours[0].start():ours[-1].end()]] + after)
        start = brk.end() if brk else end
    return quote


def _point_before(lin: Lineage, k: int, since: int, text_of, numbers: tuple[str, ...],
                  quote: str | None) -> FigurePoint:
    """Edition k's point of a figure stated (unchanged) from edition `since` on, in edition k's own words."""
    return FigurePoint(k, _said_in(text_of(lin, k), numbers, quote), lin.paragraphs(k), carried=k > since)


def _stated_since(lin: Lineage, i: int, numbers: tuple[str, ...], text_of) -> int:
    """The first edition from which a figure's value stood, unchanged, in its lineage up to edition `i`: "1,592"
    in S/2025/54 and S/2025/211 before "1,601" in S/2025/504 is a history of three editions, not two. Only numbers
    of three characters or more are looked for in the earlier texts ("5" is found anywhere)."""
    if not numbers or any(len(n) < 3 for n in numbers):
        return i
    since = i
    while since - 1 >= lin.born and _states(text_of(lin, since - 1), numbers):
        since -= 1
    return since


def _states(text: str, numbers: tuple[str, ...]) -> bool:
    """Whether `text` states each of `numbers` as a whole number ("150" is not in "1,500")."""
    stated = set(_numbers(text))
    return all(n in stated for n in numbers)


def _build_figures(series: Series) -> None:
    from .diff.signals import replaced_number      # the diff stage is loaded by now: the series compared its pairs

    eds, cmps = series.editions, series.comparisons
    by_lineage: dict[str, list[FigureTrack]] = {}
    lineage_text: dict[tuple[str, int], str] = {}

    texts = [{p.id: p.text for p in e.paragraphs} for e in eds]

    def text_of(lin: Lineage, i: int) -> str:
        key = (lin.id, i)
        if key not in lineage_text:
            lineage_text[key] = " ".join(texts[i].get(pid, "") for pid in lin.paragraphs(i))
        return lineage_text[key]

    tracks: list[FigureTrack] = []
    for i, c in enumerate(cmps):
        new_i = i + 1
        for ch in c.changes:
            # a figure told as a change of one quantity, or a word diff's that replaced one number by one other
            # ("Fiji (146)" → "(148)"); a redline excerpt where a number was only deleted or added ("a further 83
            # were deployed to five" → "… and five") would read as one count becoming another
            figs = [s for s in ch.signals if s.kind == "figure" and (s.change or replaced_number(s))]
            if not figs:
                continue
            anchor = Node(new_i, ch.new[0]) if ch.new else Node(i, ch.old[0])
            lin = series._index.get(anchor)
            if lin is None:
                continue
            for s in figs:
                old_nums = _numbers(s.old)
                track = None
                if s.old is not None:
                    for t in reversed(by_lineage.get(lin.id, [])):
                        last = t.points[-1]
                        if last.edition >= new_i or last.value is None:
                            continue
                        same = (old_nums and _numbers(last.value) == old_nums) or last.value == s.old
                        if not same:
                            continue
                        # the figure must have stayed in the text of the editions in between
                        if all(_states(text_of(lin, k), old_nums) for k in range(last.edition + 1, new_i)):
                            track = t
                            break
                if track is None:
                    track = FigureTrack(lineage=lin.id, context="")
                    by_lineage.setdefault(lin.id, []).append(track)
                    tracks.append(track)
                    if s.old is not None:
                        since = _stated_since(lin, i, old_nums, text_of)
                        track.points += [_point_before(lin, k, since, text_of, old_nums, s.old)
                                         for k in range(since, i)]
                        track.points.append(FigurePoint(i, s.old, list(ch.old), carried=since < i))
                else:
                    last = track.points[-1]
                    track.points += [_point_before(lin, k, last.edition, text_of, _numbers(last.value), last.value)
                                     for k in range(last.edition + 1, new_i)]
                track.points.append(FigurePoint(new_i, s.new, list(ch.new)))
                track.context = s.context or track.context     # a word diff's figure has its surroundings
    # Longest histories first, then in the reading order of the latest edition each reaches.
    pos = {Node(i, p.id): k for i, e in enumerate(eds) for k, p in enumerate(e.paragraphs)}

    def key(t: FigureTrack):
        last = t.points[-1]
        para = last.paragraphs[0] if last.paragraphs else ""
        return (-len({p.edition for p in t.points}), -last.edition, pos.get(Node(last.edition, para), 0))

    series.figures = sorted(tracks, key=key)


def _words(text: str) -> int:
    return len(text.split())


def _edition_words(e: Edition) -> int:
    return sum(_words(p.text) for p in e.paragraphs)


def _diff_words(ch: Change) -> tuple[int, int]:
    ins = sum(_words(t) for op, t in ch.diff if op == "+")
    dele = sum(_words(t) for op, t in ch.diff if op == "-")
    return ins, dele


def _build_sections(series: Series) -> None:
    """Each section followed across the editions (joined where the comparisons pair them), with its words and the
    words that came in and went out at each edition."""
    eds = series.editions
    words: list[dict[str | None, int]] = []
    chain_of: list[dict[str | None, list[str | None]]] = []
    parent: dict[tuple[int, str | None], tuple[int, str | None]] = {}
    for i, e in enumerate(eds):
        w, chains = _section_words(e)
        words.append(w)
        chain_of.append(chains)
        for sid in [s.id for s in e.sections] + ([None] if None in w else []):
            parent[(i, sid)] = (i, sid)
    _join_paired_sections(series.comparisons, parent)
    new_w, rem_w = _words_in_and_out(series, parent, chain_of)
    groups: dict[Any, list[tuple[int, str | None]]] = {}
    for key in parent:
        groups.setdefault(_find(parent, key), []).append(key)
    sec_pos = [{s.id: k for k, s in enumerate(e.sections)} for e in eds]

    def latest_position(root: Any) -> tuple:
        # the latest edition first, then its reading order
        last = max(m[0] for m in groups[root])
        sid = next(m[1] for m in groups[root] if m[0] == last)
        return -last, sec_pos[last].get(sid, -1) if sid is not None else -1

    tracks: list[SectionTrack] = []
    for k, root in enumerate(sorted(groups, key=latest_position), 1):
        members = dict(groups[root])
        states: list[SectionState | None] = []
        level = 1
        for i, e in enumerate(eds):
            if i not in members:
                states.append(None)
                continue
            sid = members[i]
            sec = e.section(sid) if sid is not None else None
            if sec is not None:
                level = sec.level
            states.append(SectionState(sid, sec.label if sec else "", sec.title if sec else "Opening paragraphs",
                                       words[i].get(sid, 0), new_w[i].get(root, 0), rem_w[i].get(root, 0)))
        tracks.append(SectionTrack(id=f"S{k}", level=level, states=states))
    series.sections = tracks


def _section_words(e: Edition) -> tuple[dict[str | None, int], dict[str | None, list[str | None]]]:
    """Words per section subtree, and each section's chain of ancestors (itself first); paragraphs outside any
    section are in the pseudo-section None."""
    ancestors = e.ancestors()

    def chain(sid: str | None) -> list[str | None]:
        return list(ancestors.get(sid) or [None])      # the opening, or a section the edition does not hold

    w: dict[str | None, int] = {}
    for p in e.paragraphs:
        for sid in chain(p.section):
            w[sid] = w.get(sid, 0) + _words(p.text)
    return w, {sid: chain(sid) for sid in [s.id for s in e.sections] + [None]}


def _join_paired_sections(cmps: Sequence[Comparison], parent: dict) -> None:
    """One set per followed section: the sections each comparison pairs, and the opening paragraphs."""
    def join(a, b) -> None:
        ra, rb = sorted((_find(parent, a), _find(parent, b)), key=lambda k: (k[0], k[1] or ""))
        if ra != rb:
            parent[rb] = ra

    for i, c in enumerate(cmps):
        for sp in c.sections:
            a, b = (i, sp.old), (i + 1, sp.new)
            if sp.old is not None and sp.new is not None and a in parent and b in parent:
                join(a, b)
        if (i, None) in parent and (i + 1, None) in parent:
            join((i, None), (i + 1, None))
    for a, b in _across_unread(cmps):
        if a in parent and b in parent:
            join(a, b)


def _across_unread(cmps: Sequence[Comparison]) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """Sections followed across an edition that could not read them: edition i's section is unread in edition
    i + 1 (its page there has no text layer) and edition i + 2 has a section of the same title that edition i + 1
    could not read either (the map closing S/2025/54, a picture in S/2025/211, read again in S/2025/504)."""
    from .diff.align import equality_key

    def same(title: str | None) -> str:
        return equality_key((title or "").casefold())

    out = []
    for i in range(len(cmps) - 1):
        unread = {same(sp.old_title): sp.old for sp in cmps[i].sections
                  if sp.old is not None and sp.new is None and sp.unread_page}
        for sp in cmps[i + 1].sections:
            if sp.old is None and sp.new is not None and sp.unread_page and same(sp.new_title) in unread:
                out.append(((i, unread[same(sp.new_title)]), (i + 2, sp.new)))
    return out


def _words_in_and_out(series: Series, parent: dict, chain_of: list[dict]) -> tuple[list[dict], list[dict]]:
    """Words in and out at each edition, by followed section: attributed to the sections (and their parents) of
    the new paragraphs, of the old ones for removed paragraphs."""
    eds = series.editions
    new_w: list[dict] = [dict() for _ in eds]
    rem_w: list[dict] = [dict() for _ in eds]
    for i, c in enumerate(series.comparisons):
        old_sec = {p.id: p.section for p in eds[i].paragraphs}
        new_sec = {p.id: p.section for p in eds[i + 1].paragraphs}
        for ch in c.changes:
            if ch.kind == "unchanged":
                continue
            ins, dele = _diff_words(ch)
            if ch.new:
                node_keys = [(i + 1, s) for s in chain_of[i + 1].get(new_sec.get(ch.new[0]), [None])]
            else:
                node_keys = [(i, s) for s in chain_of[i].get(old_sec.get(ch.old[0]), [None])]
            for key in node_keys:
                if key not in parent:
                    continue
                root = _find(parent, key)
                new_w[i + 1][root] = new_w[i + 1].get(root, 0) + ins
                rem_w[i + 1][root] = rem_w[i + 1].get(root, 0) + dele
    return new_w, rem_w
