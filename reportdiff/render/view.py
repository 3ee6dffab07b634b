"""View data for the change report: a Comparison turned into plain, template-ready records.

Everything here is data, never markup: the templates (autoescaped) decide how it looks, so every string that came
from a PDF reaches the HTML only through jinja's escaping. The text writers (markdown, terminal) read the same
records, so all outputs agree on what counts as a change, a section's amount of change and a paragraph reference.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any

from ..model import Change, Comparison, DiffOp, Edition, Paragraph, Section, Signal
from ..diff.brief import brief_of, unmatched_weight
from ..diff.sentences import content_stems, observation_words
from ..diff.wordiff import MONTH_NAMES, merge_runs


KIND_LABELS = {"modified": "Modified", "rewritten": "Rewritten", "added": "Added", "removed": "Removed",
               "split": "Split", "merged": "Merged", "unchanged": "Unchanged", "moved": "Moved"}
SIGNAL_LABELS = {"judgement": "Judgements", "figure": "Figures", "recommendation": "Recommendations",
                 "new_concern": "New concerns", "dropped_concern": "Dropped concerns", "date": "Dates",
                 "hedge": "Assessment wording"}
SIGNAL_SINGULAR = {"judgement": "judgement", "figure": "figure", "recommendation": "recommendation",
                   "new_concern": "new concern", "dropped_concern": "dropped concern", "date": "date",
                   "hedge": "wording"}
ROLE_LABELS = {"observation": "the report's observations", "opening": "the opening assessment"}
MAX_CONTINUES = 3    # sections named where a removed section's paragraphs went (or a new one's came from)
COUNT_KINDS = ("rewritten", "modified", "added", "removed", "moved", "split", "merged")
SUBJECT_LIST = 12           # new and dropped subjects listed at the head of the report


# ---------------------------------------------------------------------------------------------------- formatting

def human_date(iso: str | None) -> str:
    """'2025-01-31' → '31 January 2025' (UN style); anything else is returned as it came."""
    if not iso:
        return ""
    try:
        d = _date.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


# Control characters and explicit bidi overrides/isolates have no place in extracted report text; in a PDF they can
# only be noise or an attempt to make the report display something other than what it holds.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plural(n: int, word: str) -> str:
    """'1 page', '3 pages'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def safe(s: str | None) -> str:
    return _UNSAFE.sub("", s or "")


def one_line(s: str | None) -> str:
    return " ".join(safe(s).split())


def section_ref(section: Section | None) -> str:
    """How a reader names a section: 'II.A', 'Annex I', or the start of an unlabelled heading's title."""
    if section is None:
        return "Opening"
    label = section.label.strip()
    core = label.strip(" .()")
    if label and core and core in section.id:
        return section.id
    if label:
        return label.rstrip(".")
    words = one_line(section.title).split()
    return " ".join(words[:4]) + ("…" if len(words) > 4 else "") if words else section.id


def _is_int(s: str | None) -> bool:
    return bool(s) and s.isdigit()


def para_nums(paras: list[Paragraph | None], places: Mapping[str, int] | None = None) -> str:
    """'¶9', '¶11–12', '¶9, ¶14'; an unnumbered paragraph by its place in its section, where `places` (from
    `section_places`) has it ('3rd ¶'), else 'unnumbered ¶'."""
    nums = [p.number if p is not None else None for p in paras]
    if not nums:
        return ""
    tops = [_annex_of(p) for p in paras]
    if all(_is_int(n) for n in nums) and len(nums) > 1 and len(set(tops)) == 1:
        ints = [int(n) for n in nums]  # type: ignore[arg-type]
        if ints == list(range(ints[0], ints[0] + len(ints))):
            return f"¶{ints[0]}–{ints[-1]}"
    out = [f"¶{n}" if n else _unnumbered(p, places) for n, p in zip(nums, paras)]
    if len(set(tops)) > 1:          # a group across the body and an annex: "¶25, Annex I ¶8", not "¶25, ¶8"
        out = [f"{top} {label}" if top else label for top, label in zip(tops, out)]
    return ", ".join(out)


def section_places(edition: Edition) -> dict[str, int]:
    """Each unnumbered paragraph's place among the paragraphs of its section (1 = first): how a reader finds a
    paragraph of a document that numbers none ("II, 3rd ¶", where every paragraph was "II, unnumbered ¶")."""
    seen: Counter = Counter()
    places: dict[str, int] = {}
    for p in edition.paragraphs:
        seen[p.section] += 1
        if not p.number:
            places[p.id] = seen[p.section]
    return places


def _unnumbered(p: Paragraph | None, places: Mapping[str, int] | None) -> str:
    place = places.get(p.id) if places and p is not None else None
    return f"{ordinal(place)} ¶" if place else "unnumbered ¶"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _annex_of(p: Paragraph | None) -> str:
    """"Annex I" for a paragraph of an annex (its outermost section's id is "ANNEX-I"; "ANNEX" for a report's one
    unnumbered annex), "" otherwise."""
    top = ((p.section if p is not None else None) or "").split(".")[0]
    if top == "ANNEX":
        return "Annex"
    return "Annex " + top[len("ANNEX-"):] if top.startswith("ANNEX-") else ""


# ---------------------------------------------------------------------------------------------------- records

@dataclass
class Seg:
    op: str            # "=", "-", "+", or "pb-old" / "pb-new" (a paragraph boundary inside a split or merge)
    text: str


@dataclass
class EditionView:
    symbol: str
    date: str
    date_iso: str
    title: str
    pages: int
    source: str
    paragraphs: int


@dataclass
class FootnoteView:
    kind: str
    label: str
    segs: list[Seg]


@dataclass
class SignalView:
    kind: str
    kind_label: str
    ref: str
    anchor: str
    old: str | None
    new: str | None
    context_pre: str
    context_match: str
    context_post: str
    summary: str = ""           # the change in a few words ("undiminished → high"), where the signal says it

    @property
    def context(self) -> str:
        """The few words around the change, as one string (the HTML marks the middle part)."""
        return self.context_pre + self.context_match + self.context_post


# a judgement's side with no assessment word of its own, in its change: "— → urgent", "Progress → —"
_NO_WORD_BEFORE = re.compile(r"^— →")
_NO_WORD_AFTER = re.compile(r"→ —( |$)")


@dataclass
class BriefView:
    """One item of the brief (the ranked key changes), ready for every writer."""
    rank: int
    kind: str
    kind_label: str              # "judgement", "figure", "new concern" …
    ref: str                     # where: "II.A ¶9", "IV (was ¶63)"
    anchor: str                  # the change in the report: "c-12"
    old: str | None              # the quoted words, clipped for a summary line
    new: str | None
    summary: str                 # what changed, when it says more than the quotes: "undiminished → high"
    role: str                    # "observation" | "opening" | ""
    role_label: str              # "in the report's observations", "from the report's conclusions" …

    @property
    def one_sided(self) -> bool:
        """A new or dropped concern quotes one edition only; any other item shows old → new."""
        return self.kind in ("new_concern", "dropped_concern")

    @property
    def plain(self) -> str:
        """"II.A ¶9 (figure): more than 760 individuals → more than 5,970 individuals — up ×7.9", as plain text
        (the writers clean it for their medium)."""
        if self.one_sided:
            quotes = self.new or self.old or ""
        else:
            quotes = f"{self.old or '(none)'} → {self.new or '(removed)'}"
        return f"{self.ref} ({self.kind_label}): {quotes}{self.summary_tail}"

    @property
    def summary_text(self) -> str:
        """The summary for a text form: a judgement's side with no word of its own, "—" in the change ("— →
        urgent"), reads "(none)", as the quotes' missing side does; a dash there would read as punctuation."""
        return _NO_WORD_BEFORE.sub("(none) →", _NO_WORD_AFTER.sub(r"→ (none)\1", self.summary))

    @property
    def summary_tail(self) -> str:
        """The summary after the quotes: " — up ×7.9"."""
        return f" — {self.summary_text}" if self.summary else ""


@dataclass
class PairSide:
    """One paragraph of a rewritten pair, its subject's shared names and words marked (Seg op "mark")."""
    label: str                      # "¶5", "was ¶5"
    segs: list[Seg]


@dataclass
class SubjectView:
    """A new or dropped subject, for the lists at the head of the report."""
    ref: str
    anchor: str
    terms: str                      # its salient terms: "Damascus, multilingual campaigns"
    opening: str = ""               # the start of its first sentence
    lead: bool = False              # one of the few named in the list's one-line summary


@dataclass
class ItemView:
    type: str                       # "change", "same" (a run of unchanged paragraphs), "ghost" (a moved paragraph's old place)
    anchor: str = ""
    kind: str = ""
    moved: bool = False
    badges: list[tuple[str, str]] = field(default_factory=list)   # (css class, label)
    old_nums: str = ""
    new_nums: str = ""
    ref: str = ""
    segs: list[Seg] = field(default_factory=list)
    footnotes: list[FootnoteView] = field(default_factory=list)
    moved_text: str = ""            # "moved from II.B.1, was ¶13"
    moved_href: str = ""
    # a run of unchanged paragraphs
    items: list["ItemView"] = field(default_factory=list)
    summary: str = ""
    # a ghost
    ghost_text: str = ""
    ghost_href: str = ""
    # a rewritten pair: both sides in full, the shared subject marked, the pair's own signals on top
    pair_old: list[PairSide] = field(default_factory=list)
    pair_new: list[PairSide] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)     # the new edition's own citations of the old paragraphs
    place: str = ""               # a rewritten pair's shared role: "both open their section" (Successor.place)
    signals: list["SignalView"] = field(default_factory=list)
    unread_note: str = ""           # an added or removed paragraph that may stand on the other edition's unread page


@dataclass
class SectionView:
    anchor: str
    key: Any
    level: int
    label: str
    title: str
    ref: str
    status: str = ""                # "", "added", "removed", "renamed", "unread"
    old_title: str = ""
    unread_note: str = ""           # status "unread": which page of the other edition could not be read
    # status "removed" or "added": where the section's linked paragraphs stand in the other edition ("4 paragraphs
    # continue in II.A, II.C"; "continues what was II.A", old numbering said as the text's "(was ¶12)" says it): a
    # section split or renamed out of recognition is gone as a heading, not as a subject
    continues: str = ""
    title_segs: list[Seg] = field(default_factory=list)
    items: list[ItemView] = field(default_factory=list)
    n_changes: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    changed_chars: int = 0
    total_chars: int = 0
    subtree_changed: bool = False

    @property
    def name(self) -> str:
        """"II.C Tripoli and western region"; an unlabelled heading by its title alone (its ref is the title's
        start, which would say it twice)."""
        return f"{self.ref} {self.title}".strip() if self.label else self.title or self.ref

    @property
    def ratio(self) -> float:
        return self.changed_chars / self.total_chars if self.total_chars else 0.0

    @property
    def percent(self) -> int:
        r = self.ratio
        return 0 if r == 0 else max(1, round(r * 100))

    @property
    def heat(self) -> int:
        r = self.ratio
        if self.n_changes == 0 and not self.status:
            return 0
        return 1 if r < 0.05 else 2 if r < 0.15 else 3 if r < 0.35 else 4

    @property
    def bar(self) -> int:
        """Bar length out of 100 (at least a sliver when anything changed)."""
        return 0 if self.n_changes == 0 else max(3, min(100, round(self.ratio * 100)))

    @property
    def change_text(self) -> str:
        order = ("modified", "added", "removed", "moved", "split", "merged", "footnotes")
        parts = [f"{self.counts[k]} {k if k != 'footnotes' else 'with footnote changes'}"
                 for k in sorted(self.counts, key=lambda k: order.index(k) if k in order else 99) if self.counts[k]]
        if self.status == "added":
            parts.insert(0, "new section")
        elif self.status == "removed":
            parts.insert(0, "section removed")
        elif self.status == "renamed":
            parts.insert(0, "renamed")
        elif self.status == "unread":
            parts.insert(0, "unread in the other edition")
        if self.continues:
            parts.append(self.continues)
        if not parts and not self.total_chars:
            return ""                       # a heading over subsections, with no text of its own
        return ", ".join(parts) if parts else "no change"


@dataclass
class CountView:
    key: str
    label: str
    n: int


@dataclass
class ReportView:
    old: EditionView
    new: EditionView
    generated: str
    generated_iso: str
    version: str
    counts: list[CountView]
    unchanged: int
    counts_text: str            # "7 modified, 63 added, 60 removed, 1 unchanged"
    headline: str
    sections: list[SectionView]
    signals: list[SignalView]
    signal_groups: list[tuple[str, str, list[SignalView]]]
    warnings: list[str]
    differs: bool
    brief: list[BriefView] = field(default_factory=list)   # the ranked key changes (diff/brief.py)
    tables: Any = None          # render.tableview.TablesView: the changed tables and figures
    new_subjects: list[SubjectView] = field(default_factory=list)       # added paragraphs, by subject
    dropped_subjects: list[SubjectView] = field(default_factory=list)   # removed paragraphs

    @property
    def top_signals(self) -> list[SignalView]:
        """Key changes for the short summaries: figures first, then dates, then wording, each in reading order."""
        rank = {"figure": 0, "date": 1, "hedge": 2}
        return sorted(self.signals, key=lambda s: rank.get(s.kind, 3))

    def most_changed(self, n: int) -> list[SectionView]:
        """The n sections with the most changed text (then the most changes), for the short summaries."""
        return sorted((s for s in self.sections if s.n_changes), key=lambda s: (-s.changed_chars, -s.n_changes))[:n]

    @property
    def overview(self) -> list[SectionView]:
        return [s for s in self.sections if s.key is not None or s.items]

    @property
    def folds_paragraphs(self) -> bool:
        """Whether a run of unchanged paragraphs is folded (and so told of, and given its controls)."""
        return any(it.type == "same" for s in self.sections for it in s.items)

    @property
    def folds(self) -> bool:
        """Whether anything unchanged is folded, paragraphs or tables: without, no control or note about folds."""
        return self.folds_paragraphs or bool(self.tables and self.tables.folds)


# ---------------------------------------------------------------------------------------------------- diffs

_TOKEN = re.compile(r"\w+(?:[.,'’-]\w+)*|\s+|[^\w\s]", re.UNICODE)


def small_word_diff(a: str, b: str) -> list[DiffOp]:
    """A small word diff for headings and fallbacks (the pipeline's own diff is used for paragraphs)."""
    ta, tb = _TOKEN.findall(a or ""), _TOKEN.findall(b or "")
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                ops.append(("-", "".join(ta[i1:i2])))
            if j2 > j1:
                ops.append(("+", "".join(tb[j1:j2])))
    return merge_runs(ops)


def _side_boundaries(side_text: str, texts: list[str]) -> list[tuple[int, int]]:
    """(offset, k): where paragraph k (k >= 1) starts in the joined text of one side (best effort; misses skipped)."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for k, t in enumerate(texts):
        t = t.strip()
        if not t:
            continue
        probe = t[:40]
        idx = side_text.find(probe, pos)
        if idx < 0:
            continue
        if k > 0 and idx > 0:
            bounds.append((idx, k))
        pos = idx + max(1, len(t) - 5)
    return bounds


def _insert_breaks(segs: list[Seg], side: str, bounds: list[tuple[int, str]]) -> list[Seg]:
    """Insert paragraph-boundary markers at offsets of one side's text ("new": = and +; "old": = and -)."""
    if not bounds:
        return segs
    visible = {"=", "+"} if side == "new" else {"=", "-"}
    marker = "pb-" + side
    out: list[Seg] = []
    pos = 0
    queue = sorted(bounds)
    for s in segs:
        if s.op not in visible:
            out.append(s)
            continue
        text, start = s.text, pos
        while queue and start <= queue[0][0] < start + len(text):
            cut = queue[0][0] - start
            if cut > 0:
                out.append(Seg(s.op, text[:cut]))
            out.append(Seg(marker, queue.pop(0)[1]))
            text, start = text[cut:], start + cut
        if text:
            out.append(Seg(s.op, text))
        pos = start + len(text)
    return out


def change_segs(change: Change, old_paras: list[Paragraph | None], new_paras: list[Paragraph | None]) -> list[Seg]:
    old_text = " ".join(p.text for p in old_paras if p)
    new_text = " ".join(p.text for p in new_paras if p)
    ops = [(op, text) for op, text in change.diff if op in ("=", "-", "+") and text]
    if not ops:
        if change.kind == "added":
            ops = [("+", new_text)]
        elif change.kind == "removed":
            ops = [("-", old_text)]
        elif change.kind == "unchanged" or old_text == new_text:
            ops = [("=", new_text or old_text)]
        else:
            ops = small_word_diff(old_text, new_text)
    segs = [Seg(op, safe(text)) for op, text in ops]
    for side, paras in (("new", new_paras), ("old", old_paras)):
        if len(paras) > 1:
            visible = {"=", "+"} if side == "new" else {"=", "-"}
            side_text = "".join(s.text for s in segs if s.op in visible)
            found = _side_boundaries(side_text, [p.text if p else "" for p in paras])
            label = [("" if side == "new" else "was ") + (f"¶{p.number}" if p and p.number else "next paragraph")
                     for p in paras]
            segs = _insert_breaks(segs, side, [(off, label[k]) for off, k in found])
    return segs


def _chars(segs: list[Seg]) -> tuple[int, int]:
    changed = sum(len(s.text) for s in segs if s.op in ("-", "+"))
    total = sum(len(s.text) for s in segs if s.op in ("=", "-", "+"))
    return changed, total


# ---------------------------------------------------------------------------------------------------- building

def _edition_view(e: Edition) -> EditionView:
    return EditionView(symbol=one_line(e.symbol) or "(no symbol)", date=human_date(e.date), date_iso=e.date or "",
                       title=one_line(e.title), pages=e.pages, source=one_line(e.source),
                       paragraphs=len(e.paragraphs))


def _footnote_views(change: Change) -> list[FootnoteView]:
    out = []
    for fc in change.footnotes:
        on, nn = (fc.old.number if fc.old else None), (fc.new.number if fc.new else None)
        if fc.kind == "added":
            label = f"Footnote {nn} added"
        elif fc.kind == "removed":
            label = f"Footnote {on} removed"
        elif on and nn and on != nn:
            label = f"Footnote {on} → {nn}"
        else:
            label = f"Footnote {nn or on}"
        ops = [(op, t) for op, t in fc.diff if op in ("=", "-", "+") and t]
        if not ops:
            if fc.kind == "added":
                ops = [("+", fc.new.text if fc.new else "")]
            elif fc.kind == "removed":
                ops = [("-", fc.old.text if fc.old else "")]
            else:
                ops = small_word_diff(fc.old.text if fc.old else "", fc.new.text if fc.new else "")
        out.append(FootnoteView(kind=fc.kind, label=safe(label), segs=[Seg(op, safe(t)) for op, t in ops]))
    return out


def clip(s: str | None, limit: int = 90) -> str | None:
    """Long wording cut at a word boundary for the summary lists (the paragraph holds the whole of it)."""
    s = one_line(s)
    if not s:
        return None
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else s[:limit]) + "…"


def summary_sides(summary: str) -> tuple[str, str, str]:
    """A change summary "X → Y (subject)" as (X, Y, subject); the subject is a judgement's or a figure's size that
    closes it in brackets ("… (Da’esh, threat)", "(up 26 %)"), not a bracket inside Y ("resolution 1701 (2006) …")."""
    head, _, tail = one_line(summary).partition(" → ")
    new, paren, subject = tail.rpartition(" (") if tail.endswith(")") else ("", "", "")
    return (head, new, subject.removesuffix(")")) if paren else (head, tail, "")


def clip_change(summary: str, limit: int = 140) -> str:
    """A summary "X → Y (subject)" cut to `limit` with both sides kept: the subject gets up to 40 characters and
    the two sides share the rest, a short side leaving its share to the other (a long old ask had pushed the new
    one out: "call on …: … the reunification of military and security institutions →…")."""
    summary = one_line(summary)
    head, arrow, _ = summary.partition(" → ")
    if len(summary) <= limit or not arrow:
        return clip(summary, limit) or ""
    # a call's "call on the Committee: " is said once for both asks: kept whole (cut too, if it is most of the room)
    lead = head[:head.index(": ") + 2] if head.startswith("call") and ": " in head else ""
    lead = lead if len(lead) <= limit // 2 else (clip(lead[:-2], limit // 3) or "") + ": "
    head = head[head.index(": ") + 2:] if lead else head
    _, new, subject = summary_sides(summary)
    paren = bool(subject)
    subject_room = min(len(subject), 40) if paren else 0
    room = max(24, limit - len(lead) - len(arrow) - subject_room - (4 if paren else 0))
    head_room = max(room // 2, room - len(new))
    new_room = room - min(len(head), head_room)
    out = lead + (clip(head, head_room) or "") + arrow + (clip(new, new_room) or "")
    return out + (f" ({clip(subject, subject_room)})" if paren else "")


_NOT_TOLD = frozenset("""that this with from into than then they them their there these those have been were
    will would could should also more most call dropped some such""".split())     # words that tell nothing
_TOLD_WORD = re.compile(r"[^\W_][\w’'%-]*")


def clip_showing(s: str | None, told: str, limit: int = 90) -> str | None:
    """A quote cut to `limit` so that it still shows the first of the words its summary tells ("however, opinions
    remained…" lost "divided", the word the change is about): from a little before that word, "…" in front, when
    the plain cut would leave it out."""
    s = one_line(s)
    if not s or len(s) <= limit:
        return s or None
    words = {w.lower() for w in _TOLD_WORD.findall(told) if len(w) > 3 and w.lower() not in _NOT_TOLD
             or w[:1].isdigit()}
    found = [m for m in _TOLD_WORD.finditer(s) if m.group(0).lower() in words]
    if not found or found[0].end() <= limit - 1:
        return clip(s, limit)
    start = max(0, min(found[0].start() - limit // 3, len(s) - limit + 1))
    space = s.find(" ", start)
    start = space + 1 if 0 < space < found[0].start() else start
    return "…" + (clip(s[start:], limit - 1) or "")


def _clip_left(s: str, limit: int) -> str:
    if len(s) <= limit:
        return s
    cut = s[-limit:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < limit // 2 else cut)


def _signal_context(context: str, needle: str | None) -> tuple[str, str, str]:
    """The context split around the new wording; empty when it would only repeat the wording itself."""
    context = one_line(context)
    needle = one_line(needle)
    if needle:
        i = context.find(needle)
        if i >= 0:
            if len(context) - len(needle) < 12:
                return "", "", ""
            pre, post = context[:i], context[i + len(needle):]
            if len(needle) > 60:
                needle = clip(needle, 60) or ""
            return _clip_left(pre, 60), needle, (" " if post[:1] == " " else "") + (clip(post, 60) or "")
    return clip(context, 140) or "", "", ""


def marked(text: str, terms: list[str]) -> list[Seg]:
    """A text as segments, each occurrence of the given terms (whole words, any case) marked."""
    if not terms:
        return [Seg("=", text)]
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
    out: list[Seg] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append(Seg("=", text[pos:m.start()]))
        out.append(Seg("mark", m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(Seg("=", text[pos:]))
    return out


# Successor.place as the reader is told it, after the shared terms
_PLACE_TOLD = {"opening": "both open their section", "closing": "both close their section"}


def _pair_sides(paras: list[Paragraph | None], terms: list[str], was: bool,
                places: Mapping[str, int]) -> list[PairSide]:
    return [PairSide(label=("was " if was else "") + para_nums([p], places),
                     segs=marked(safe(p.text), terms)) for p in paras if p is not None]


def _signal_view(sg: Signal, ref: str, anchor: str) -> SignalView:
    """A signal for the lists: its quotes cut so that they still show the words its change tells ("the threat
    posed … by…" had lost "undiminished"), and the change itself unless it only repeats the two quotes (a
    judgement says "undiminished → high", a figure its size: "102 → 101 national staff (down 1 %)")."""
    pre, match, post = _signal_context(sg.context, sg.new or sg.old)
    old, new, summary = _told_with_quotes(sg.change, sg.old, sg.new, 90, 120)
    return SignalView(kind=sg.kind, kind_label=SIGNAL_SINGULAR.get(sg.kind, sg.kind), ref=ref, anchor=anchor,
                      old=old, new=new, context_pre=pre, context_match=match, context_post=post, summary=summary)


def _told_with_quotes(summary: str | None, old: str | None, new: str | None, quote_limit: int,
                     summary_limit: int) -> tuple[str | None, str | None, str]:
    """A change as the lists and the brief show it: its two quotes cut to `quote_limit` so that each still shows
    the words the summary tells of it (clip_showing), and the summary cut to `summary_limit` both sides kept
    (clip_change), or "" where it only repeats the quotes (a word diff's "760 → 5,970")."""
    told_old, told_new, _ = summary_sides(summary or "")   # the words it tells, not its subject or size
    line = one_line(summary)
    if line == f"{one_line(old) or '(none)'} → {one_line(new) or '(removed)'}":
        line = ""
    return (clip_showing(old, told_old, quote_limit), clip_showing(new, told_new, quote_limit),
            clip_change(line, summary_limit))


SUBJECTS_NAMED = 3              # subjects named in a list's one-line summary


def _subjects(comparison: Comparison, change_views: list[ItemView], kind: str) -> list[SubjectView]:
    """Added (or removed) paragraphs with what they are about: the subject as their concern's sentence names it
    ("The sustained terrorist threat in parts of Africa", as the brief names it), else their concern signal's
    salient terms, names first, less those the other edition also uses (a list headed "New in this edition" does
    not name "Mitiga" when the old edition reported on Mitiga too; a paragraph left with none is told by its
    opening words)."""
    out, scores = [], []
    side, other = (comparison.new, comparison.old) if kind == "added" else (comparison.old, comparison.new)
    paras = {p.id: p for p in side.paragraphs}
    told = set().union(*(content_stems(p.text) for p in other.paragraphs))
    for ci, ch in enumerate(comparison.changes):
        if ch.kind != kind or ch.unread_page:
            continue
        concern = next((sg for sg in ch.signals if sg.kind in ("new_concern", "dropped_concern") and sg.subject), None)
        terms = _subject_names(concern, told) if concern else []
        first = paras.get((ch.new or ch.old)[0]) if (ch.new or ch.old) else None
        out.append(SubjectView(ref=change_views[ci].ref, anchor=f"c-{ci}", terms=one_line(", ".join(terms[:3])),
                               opening=clip(first.text if first else "", 110) or ""))
        scores.append(concern.score * unmatched_weight(ch, concern) if concern and terms else 0.0)
    # the summary names the newest subjects (a concern's score grows with how new its subject is, and counts as
    # surely as its paragraph has no successor, as in the brief), not the first
    for k in sorted((k for k, sc in enumerate(scores) if sc > 0), key=lambda k: -scores[k])[:SUBJECTS_NAMED]:
        out[k].lead = True
    return out


def _subject_names(concern: Signal, told: set[str]) -> list[str]:
    """A concern's subject as its sentence names it, else its salient terms less those `told` (stems) by the other
    edition, names first."""
    if concern.topic:
        return [concern.topic]
    terms = [t.strip() for t in concern.subject.split(",") if not content_stems(t) <= told]
    return sorted(terms, key=lambda t: not t[:1].isupper())


def build_view(comparison: Comparison, *, generated: str = "", generated_iso: str = "",
               version: str = "") -> ReportView:
    layout = _Layout.of(comparison)
    change_views, change_key = _change_items(layout)
    ghosts_after, ghosts_first = _moved_ghosts(layout, change_views, change_key)
    _fill_sections(layout, change_views, change_key, ghosts_after, ghosts_first)
    _tell_continuations(layout)
    signals = _signal_list(comparison, change_views)
    summary = comparison.summary()
    pct = _percent_changed(list(layout.views.values()))
    return ReportView(old=_edition_view(comparison.old), new=_edition_view(comparison.new), generated=generated,
                      generated_iso=generated_iso, version=version,
                      counts=[CountView(k, KIND_LABELS[k], summary.get(k, 0)) for k in COUNT_KINDS],
                      unchanged=summary.get("unchanged", 0), counts_text=count_text(summary),
                      headline=headline(comparison, pct), sections=_ordered_sections(layout),
                      signals=signals, signal_groups=_signal_groups(signals),
                      warnings=[one_line(w) for w in comparison.warnings],
                      differs=comparison.differs, brief=_brief_views(comparison, change_views),
                      tables=_tables_view(comparison),
                      new_subjects=_subjects(comparison, change_views, "added"),
                      dropped_subjects=_subjects(comparison, change_views, "removed"))


# ---------------------------------------------------------------------------------------------------- layout

@dataclass
class _Layout:
    """The comparison's lookups and the report's sections, keyed ("new", id) or ("old", id) for a removed section
    (None: the opening paragraphs), in reading order: what every step of build_view shares."""
    comparison: Comparison
    old_para: dict[str, Paragraph]
    new_para: dict[str, Paragraph]
    old_sec: dict[str, Section]
    new_sec: dict[str, Section]
    pair_by_old: dict[str, Any]
    old_places: dict[str, int] = field(default_factory=dict)     # unnumbered paragraphs' places (section_places)
    new_places: dict[str, int] = field(default_factory=dict)
    views: dict[Any, SectionView] = field(default_factory=dict)
    order: list[Any] = field(default_factory=list)

    @classmethod
    def of(cls, comparison: Comparison) -> "_Layout":
        old, new = comparison.old, comparison.new
        layout = cls(comparison=comparison, old_para={p.id: p for p in old.paragraphs},
                     new_para={p.id: p for p in new.paragraphs}, old_sec={s.id: s for s in old.sections},
                     new_sec={s.id: s for s in new.sections},
                     pair_by_old={sp.old: sp for sp in comparison.sections if sp.old},
                     old_places=section_places(old), new_places=section_places(new))
        layout._add_new_sections()
        layout._place_removed_sections()
        return layout

    def _add_new_sections(self) -> None:
        """The new edition's sections in its order, after an opening group for paragraphs before the first
        heading."""
        pair_by_new = {sp.new: sp for sp in self.comparison.sections if sp.new}
        self.views[None] = SectionView(anchor="s-0", key=None, level=1, label="", title="Opening paragraphs",
                                       ref="Opening")
        self.order.append(None)
        for i, s in enumerate(self.comparison.new.sections, 1):
            sp = pair_by_new.get(s.id)
            status, old_title, title_segs = "", "", []
            if sp is not None and not sp.old:
                status = "unread" if sp.unread_page else "added"
            elif sp is not None and sp.renamed:
                status, old_title = "renamed", one_line(sp.old_title)
                title_segs = [Seg(op, t) for op, t in small_word_diff(old_title, one_line(sp.new_title or s.title))]
            key = ("new", s.id)
            self.views[key] = SectionView(anchor=f"s-{i}", key=key, level=max(1, min(4, s.level)),
                                          label=one_line(s.label), title=one_line(s.title), ref=section_ref(s),
                                          status=status, old_title=old_title, title_segs=title_segs,
                                          unread_note=unread_note(sp.unread_page if sp else None,
                                                                  self.comparison.old, "section"))
            self.order.append(key)

    def _place_removed_sections(self) -> None:
        """A removed section goes after the new section that holds its predecessor in the old edition."""
        n_extra = len(self.comparison.new.sections)
        old_sections = self.comparison.old.sections
        for j, s in enumerate(old_sections):
            sp = self.pair_by_old.get(s.id)
            if sp is None or sp.new:
                continue
            n_extra += 1
            key = ("old", s.id)
            self.views[key] = SectionView(anchor=f"s-{n_extra}", key=key, level=max(1, min(4, s.level)),
                                          label=one_line(s.label), title=one_line(s.title), ref=section_ref(s),
                                          status="unread" if sp.unread_page else "removed",
                                          unread_note=unread_note(sp.unread_page, self.comparison.new, "section"))
            pos = 1
            for prev in reversed(old_sections[:j]):
                pk = self.new_key_of_old_section(prev.id)
                if pk is not None and pk in self.order:
                    pos = self.order.index(pk) + 1
                    break
            while pos < len(self.order) and isinstance(self.order[pos], tuple) and self.order[pos][0] == "old":
                pos += 1
            self.order.insert(pos, key)

    def new_key_of_old_section(self, old_id: str | None) -> Any:
        """Where an old section's content is shown: its successor, else its own (removed) section."""
        sp = self.pair_by_old.get(old_id) if old_id else None
        if sp is not None and sp.new and ("new", sp.new) in self.views:
            return ("new", sp.new)
        if old_id and ("new", old_id) in self.views and sp is None and not self.comparison.sections:
            return ("new", old_id)          # no section pairing given: same ids are the best guess
        if old_id and old_id in self.old_sec:
            return ("old", old_id)
        return None


# ---------------------------------------------------------------------------------------------------- changes

def unread_note(page: int | None, other: Edition, what: str) -> str:
    """"Page 17 of S/2025/211 has no text layer (a picture): this section may be there, unread — so it is not called
    new or removed." (`what`: "section" or "paragraph"), for the page of `other` that could not be read; "" when
    there is none."""
    if not page:
        return ""
    name = one_line(other.name) or "the other edition"
    return (f"Page {page} of {name} has no text layer (a picture): this {what} may be there, unread — so it is not "
            "called new or removed.")


def _change_items(layout: _Layout) -> tuple[list[ItemView], list[Any]]:
    """Each change as an item, and the key of the section it is shown in."""
    views: list[ItemView] = []
    keys: list[Any] = []
    for ci, ch in enumerate(layout.comparison.changes):
        old_paras = [layout.old_para.get(x) for x in ch.old]
        new_paras = [layout.new_para.get(x) for x in ch.new]
        key = _change_section(layout, ch, old_paras, new_paras)
        views.append(_change_item(layout, ci, ch, old_paras, new_paras, layout.views[key].ref))
        keys.append(key)
    return views, keys


def _change_section(layout: _Layout, ch: Change, old_paras: list[Paragraph | None],
                    new_paras: list[Paragraph | None]) -> Any:
    """The new section of a change's first new paragraph; a removal's, where its old section went."""
    if ch.new:
        first = next((p for p in new_paras if p), None)
        key = ("new", first.section) if first and first.section in layout.new_sec else None
    else:
        first_old = next((p for p in old_paras if p), None)
        key = layout.new_key_of_old_section(first_old.section if first_old else None)
    return key if key in layout.views else None


def _change_item(layout: _Layout, ci: int, ch: Change, old_paras: list[Paragraph | None],
                 new_paras: list[Paragraph | None], sec_ref: str) -> ItemView:
    badges: list[tuple[str, str]] = []
    if ch.kind != "unchanged":
        badges.append((ch.kind, KIND_LABELS.get(ch.kind, ch.kind)))
    if ch.moved:
        badges.append(("moved", "Moved"))
    if ch.footnotes and ch.kind == "unchanged":
        badges.append(("footnote", "Footnote changed"))
    if ch.unread_page:
        badges.append(("unread", "Unread in the other edition"))
    old_places, new_places = layout.old_places, layout.new_places
    ref_paras, ref_places = (new_paras, new_places) if ch.new else (old_paras, old_places)
    nums = para_nums(ref_paras, ref_places) if ref_paras else ""
    sep = ", " if nums[:1].isdigit() or nums.startswith("unnumbered") else " "     # "II, 3rd ¶", "II ¶5"
    ref = f"{sec_ref}{sep}{nums}".strip() if ch.new else f"{sec_ref} (was {nums})"
    item = ItemView(type="change", anchor=f"c-{ci}", kind=ch.kind, moved=ch.moved, badges=badges,
                    old_nums=para_nums(old_paras, old_places) if ch.old else "",
                    new_nums=para_nums(new_paras, new_places) if ch.new else "",
                    ref=ref, segs=change_segs(ch, old_paras, new_paras), footnotes=_footnote_views(ch),
                    unread_note=unread_note(ch.unread_page, layout.comparison.old if ch.new else layout.comparison.new,
                                            "paragraph"))
    if ch.kind == "rewritten":
        shared = [one_line(t) for t in (ch.successor.shared_terms if ch.successor else [])]
        item.shared = shared
        item.cites = [one_line(c) for c in (ch.successor.cites if ch.successor else [])]
        item.place = _PLACE_TOLD.get(ch.successor.place if ch.successor else "", "")
        item.pair_old = _pair_sides(old_paras, shared, True, old_places)
        item.pair_new = _pair_sides(new_paras, shared, False, new_places)
        item.signals = [_signal_view(sg, ref, f"c-{ci}") for sg in ch.signals]
    return item


def _moved_ghosts(layout: _Layout, change_views: list[ItemView],
                  change_key: list[Any]) -> tuple[dict[int, list[ItemView]], dict[Any, list[ItemView]]]:
    """Moved paragraphs: a marker at the old place, and a link to it from the new place. The markers are returned
    by where they go: after change i, or first in a section."""
    old = layout.comparison.old
    old_to_change = {oid: ci for ci, ch in enumerate(layout.comparison.changes) for oid in ch.old}
    old_index = {p.id: i for i, p in enumerate(old.paragraphs)}
    ghosts_after: dict[int, list[ItemView]] = {}
    ghosts_first: dict[Any, list[ItemView]] = {}
    for ci, ch in enumerate(layout.comparison.changes):
        if not ch.moved or not ch.old:
            continue
        item = change_views[ci]
        op0 = layout.old_para.get(ch.old[0])
        old_s = layout.old_sec.get(op0.section) if op0 and op0.section else None
        was = para_nums([layout.old_para.get(x) for x in ch.old], layout.old_places)
        where = section_ref(old_s) if old_s else "the opening"
        same = old_s is not None and change_key[ci] == layout.new_key_of_old_section(old_s.id)
        item.moved_text = (f"moved within {where}, was {was}" if same else f"moved from {where}, was {was}")
        ghost = ItemView(type="ghost", anchor=f"g-{ci}", ghost_href=f"#c-{ci}",
                         ghost_text=f"{was} of {one_line(old.symbol) or 'the old edition'} stood here; "
                                    f"moved to {item.ref}")
        anchor = _stayed_before(layout, old_index.get(ch.old[0]), op0.section if op0 else None, old_to_change)
        if anchor is not None:
            ghosts_after.setdefault(anchor, []).append(ghost)
        else:
            gk = layout.new_key_of_old_section(old_s.id if old_s else None)
            if gk in layout.views:
                ghosts_first.setdefault(gk, []).append(ghost)
            else:
                continue
        item.moved_href = f"#g-{ci}"
    return ghosts_after, ghosts_first


def _stayed_before(layout: _Layout, k: int | None, section: str | None, old_to_change: dict[str, int]) -> int | None:
    """The change of the nearest paragraph before old paragraph k, in its section, that stayed in place."""
    if k is None:
        return None
    paragraphs = layout.comparison.old.paragraphs
    for j in range(k - 1, -1, -1):
        if paragraphs[j].section != section:
            return None
        pc = old_to_change.get(paragraphs[j].id)
        if pc is not None and not layout.comparison.changes[pc].moved:
            return pc
    return None


# ---------------------------------------------------------------------------------------------------- sections

def _fill_sections(layout: _Layout, change_views: list[ItemView], change_key: list[Any],
                   ghosts_after: dict[int, list[ItemView]], ghosts_first: dict[Any, list[ItemView]]) -> None:
    """The sections' items: changes in order, unchanged paragraphs gathered into collapsible runs, and their
    amounts of change."""
    for key, ghosts in ghosts_first.items():
        layout.views[key].items.extend(ghosts)
    for ci, item in enumerate(change_views):
        sv = layout.views[change_key[ci]]
        ch = layout.comparison.changes[ci]
        changed, total = _chars(item.segs)
        sv.total_chars += total
        if ch.kind == "unchanged" and not ch.moved and not ch.footnotes:
            if sv.items and sv.items[-1].type == "same":
                sv.items[-1].items.append(item)
            else:
                sv.items.append(ItemView(type="same", items=[item]))
        else:
            sv.items.append(item)
            _count_change(sv, ch, changed)
        sv.items.extend(ghosts_after.get(ci, []))
    for sv in layout.views.values():
        for it in sv.items:
            if it.type == "same":
                it.summary = _run_summary(it.items)


def _tell_continuations(layout: _Layout) -> None:
    """For each removed section, the new edition's sections that its linked paragraphs stand in now, and for each
    new section, the old sections its linked paragraphs come from (SectionView.continues)."""
    def section(paragraphs: dict[str, Paragraph], pid: str) -> str | None:
        p = paragraphs.get(pid)
        return p.section if p else None

    went: dict[str | None, Counter] = {}       # old section -> new sections, by paragraphs linked there
    came: dict[str | None, Counter] = {}       # new section -> old sections
    linked: Counter = Counter()                # old section -> its paragraphs linked
    for ch in layout.comparison.changes:
        if not (ch.old and ch.new):
            continue
        olds = [section(layout.old_para, i) for i in ch.old]
        news = [section(layout.new_para, j) for j in ch.new]
        for a in olds:
            linked[a] += 1
            went.setdefault(a, Counter()).update(news)
        for b in news:
            came.setdefault(b, Counter()).update(olds)
    new_order = {s.id: k for k, s in enumerate(layout.comparison.new.sections)}
    old_order = {s.id: k for k, s in enumerate(layout.comparison.old.sections)}
    for key, sv in layout.views.items():
        if key is None:
            continue
        side, sid = key
        if side == "old" and sv.status == "removed" and sid in went:
            n = linked[sid]
            places = _refs(went[sid], layout.new_sec, new_order)
            sv.continues = f"{n} paragraph{'s' if n != 1 else ''} continue{'s' if n == 1 else ''} in {places}"
        elif side == "new" and sv.status == "added" and sid in came:
            sv.continues = f"continues what was {_refs(came[sid], layout.old_sec, old_order)}"


def _refs(where: Counter, known: dict[str, Section], order: dict[str, int]) -> str:
    """"II.A, II.C and 2 other sections": the sections holding most of the linked paragraphs (in the edition's
    order when as many), as a reader names them (the paragraphs before any heading: "Opening")."""
    ranked = sorted(where, key=lambda s: (-where[s], order.get(s, -1)))
    names = [section_ref(known.get(s)) for s in ranked[:MAX_CONTINUES]]      # no section (None): "Opening"
    rest = len(ranked) - len(names)
    return ", ".join(names) + (f" and {rest} other section{'s' if rest != 1 else ''}" if rest else "")


def _count_change(sv: SectionView, ch: Change, changed: int) -> None:
    sv.n_changes += 1
    sv.changed_chars += changed if ch.kind != "unchanged" else 0
    label = ch.kind if ch.kind != "unchanged" else ("moved" if ch.moved else "footnotes")
    sv.counts[label] = sv.counts.get(label, 0) + 1
    if ch.moved and ch.kind != "unchanged":
        sv.counts["moved"] = sv.counts.get("moved", 0) + 1


def _run_summary(items: list[ItemView]) -> str:
    """"3 unchanged paragraphs (¶4–6)"."""
    n = len(items)
    nums = [x.new_nums for x in items if x.new_nums]
    rng = ""
    if nums:
        a, b = nums[0], nums[-1]
        rng = a if a == b else f"{a}–{b.lstrip('¶')}" if a.startswith("¶") and b.startswith("¶") \
            and "–" not in a + b and "," not in a + b else f"{a} … {b}"
    return f"{n} unchanged paragraph{'s' if n != 1 else ''}" + (f" ({rng})" if rng else "")


def _ordered_sections(layout: _Layout) -> list[SectionView]:
    """The sections in reading order, each flagged when it or a subsection changed (a parent heading stays
    visible in "changes only" when a child changed); the opening group only when it holds paragraphs."""
    sections = [layout.views[k] for k in layout.order]
    for i, sv in enumerate(sections):
        changed = sv.n_changes > 0 or bool(sv.status)
        for later in sections[i + 1:]:
            if later.level <= sv.level:
                break
            if later.n_changes > 0 or later.status:
                changed = True
                break
        sv.subtree_changed = changed
    return sections if sections[0].items else sections[1:]


def _percent_changed(views: list[SectionView]) -> int:
    changed_all = sum(s.changed_chars for s in views)
    total_all = sum(s.total_chars for s in views)
    return 0 if not changed_all else max(1, round(100 * changed_all / total_all)) if total_all else 0


# ---------------------------------------------------------------------------------------------------- signals

def _signal_list(comparison: Comparison, change_views: list[ItemView]) -> list[SignalView]:
    """Every change's signals in reading order (the comparison holds one signal per wording change:
    assess._distinct)."""
    return [sv for ci, ch in enumerate(comparison.changes)
            for sv in (change_views[ci].signals if ch.kind == "rewritten" else      # built with its pair already
                       [_signal_view(sg, change_views[ci].ref, f"c-{ci}") for sg in ch.signals])]


def _signal_groups(signals: list[SignalView]) -> list[tuple[str, str, list[SignalView]]]:
    groups = [(k, SIGNAL_LABELS[k], [s for s in signals if s.kind == k]) for k in SIGNAL_LABELS]
    groups = [g for g in groups if g[2]]
    others = [s for s in signals if s.kind not in SIGNAL_LABELS]
    if others:
        groups.append(("other", "Other", others))
    return groups


def _brief_views(comparison: Comparison, change_views: list[ItemView]) -> list[BriefView]:
    """The brief, each item pointing at its change in the report."""
    out: list[BriefView] = []
    label = _RoleLabels(comparison)
    for item in brief_of(comparison):
        if not 0 <= item.change < len(change_views):
            continue                       # a brief that does not fit its changes (hand-made JSON): skip the item
        old, new, summary = _told_with_quotes(item.summary, item.quote_old, item.quote_new, 160, 140)
        out.append(BriefView(rank=len(out) + 1, kind=item.kind, kind_label=SIGNAL_SINGULAR.get(item.kind, item.kind),
                             ref=change_views[item.change].ref, anchor=f"c-{item.change}", old=old, new=new,
                             summary=summary, role=item.role,
                             role_label=label(item.role, item.old, item.new)))
    return out


class _RoleLabels:
    """"the report's observations" — or its "conclusions" or "recommendations", as the report names the part
    where the paragraph that gave the item its role stands (the new side first, as the brief's role is found)."""

    def __init__(self, comparison: Comparison):
        self.words = (observation_words(comparison.new), observation_words(comparison.old))

    def __call__(self, role: str, old_ids: list[str], new_ids: list[str]) -> str:
        """"in the report's observations"; "from the report's observations" where only the old paragraph stood
        there (the item is placed by its new paragraph, which the new edition moved into its narrative)."""
        if role != "observation":
            return f"in {ROLE_LABELS[role]}" if role in ROLE_LABELS else ""
        for words, ids, where in zip(self.words, (new_ids, old_ids), ("in", "from" if new_ids else "in")):
            for pid in ids:
                if pid in words:
                    return f"{where} the report's {words[pid]}"
        return f"in {ROLE_LABELS['observation']}"


def _tables_view(comparison: Comparison):
    from .tableview import build_tables_view     # it builds on this module's helpers
    return build_tables_view(comparison)


def count_text(summary: dict[str, int]) -> str:
    """"7 modified, 63 added, 60 removed, 1 unchanged": the non-zero change kinds, then the unchanged."""
    parts = [f"{summary[k]} {KIND_LABELS[k].lower()}" for k in COUNT_KINDS if summary.get(k)]
    parts.append(f"{summary.get('unchanged', 0)} unchanged")
    return ", ".join(parts)


def _paragraphs_unchanged(comparison: Comparison, new_n: int) -> str:
    """The headline when every paragraph is as it was and something else changed: a table or figure (the
    comparison's `differs` counts them), or a footnote that the word diff did not count as a paragraph's edit
    (a comparison read back from JSON made by hand)."""
    tables = sum(t.kind != "unchanged" for t in comparison.tables)
    figures = sum(f.kind != "unchanged" for f in comparison.figures)
    told = [plural(n, noun) for n, noun in ((tables, "table"), (figures, "figure")) if n]
    if told:
        return f"No paragraph changed ({new_n} in the new edition); {' and '.join(told)} changed."
    return f"Only footnotes changed; all {new_n} paragraphs of the new edition are otherwise unchanged."


def headline(comparison: Comparison, pct: int) -> str:
    """One sentence a reader can take away, in subjects rather than paragraphs: "40 subjects updated (32
    rewritten, 8 edited), 25 new subjects and 22 dropped; about 88% of the text changed and 1 paragraph is
    unchanged." A rewritten paragraph is an updated subject, not a removal and an addition."""
    s = comparison.summary()
    new_n = len(comparison.new.paragraphs)
    if not comparison.differs:
        return f"No paragraph changed: all {new_n} paragraphs of the new edition are in the old one, in place."
    edited = s.get("modified", 0) + s.get("split", 0) + s.get("merged", 0)
    rewritten = s.get("rewritten", 0)
    # a move is told with what else happened to the paragraph: a rewritten paragraph that moved is one subject
    # updated, not also one of a group of its own
    moved_as_is = sum(1 for c in comparison.changes if c.moved and c.kind == "unchanged")
    moved_too = s.get("moved", 0) - moved_as_is
    of_them = [f"{moved_too} of them moved"] if moved_too else []
    parts = []
    if edited and rewritten:
        told = "; ".join([f"{rewritten} rewritten, {edited} edited", *of_them])
        parts.append(f"{edited + rewritten} subjects updated ({told})")
    elif edited or rewritten:
        n = edited or rewritten
        parts.append(f"{n} subject{'s' if n != 1 else ''} {'edited' if edited else 'rewritten'}"
                     + (f" ({of_them[0]})" if of_them else ""))
    # a paragraph that may stand on a page the other edition could not read is not known to be new or dropped
    unread = Counter(c.kind for c in comparison.changes if c.unread_page)
    added, removed = s.get("added", 0) - unread["added"], s.get("removed", 0) - unread["removed"]
    if added:
        parts.append(f"{added} new subject{'s' if added != 1 else ''}")
    if removed:
        parts.append(f"{removed} dropped")
    if moved_as_is:
        parts.append(f"{moved_as_is} moved unchanged")
    if unread:
        n = unread.total()
        parts.append(f"{n} paragraph{'s' if n != 1 else ''} beside a page the other edition could not read")
    if not parts:
        return _paragraphs_unchanged(comparison, new_n)
    listing = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    same = s.get("unchanged", 0)
    return (f"{listing}; about {pct}% of the text changed and {same} "
            f"{'paragraph is' if same == 1 else 'paragraphs are'} unchanged.")
