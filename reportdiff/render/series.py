"""Writers for a Series: the timeline HTML (one self-contained file), JSON, Markdown and a terminal summary.

The HTML follows the change report's rules (see report.py): jinja2 with autoescaping (every string from a PDF is
untrusted), the stylesheet and script inlined and pinned by hashes in a Content-Security-Policy that forbids every
other load, no external requests. `build_series_view` turns the Series into plain view data; the template draws
the per-section charts as inline SVG from those numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ..model import Change, Edition
from .report import _clean, _md, _md_emphasis, _md_line, md_warnings, render_page, stamp
from .view import (KIND_LABELS, Seg, marked, change_segs, clip, count_text, human_date, one_line, para_nums, safe,
                   section_places, section_ref, unread_note)
from ..lineage import (Lineage, LineageEvent, Node, SectionTrack, Series, _diff_words, _edition_words,
                       original_of)
from ..diff.wordiff import diff_words

CHART_H = 34            # px height of a section chart's tallest bar
BAR_W = 14
BAR_GAP = 6


# ---------------------------------------------------------------------------------------------------- view records

@dataclass
class SeriesEditionView:
    symbol: str
    date: str
    date_iso: str
    title: str
    source: str
    pages: int
    paragraphs: int
    words: int
    bar: int = 0                     # 0-100, words relative to the longest edition
    # change from the previous edition (empty for the first)
    new_percent: int | None = None   # share of this edition's words that are new or rewritten
    counts_text: str = ""
    carried: int = 0                 # paragraphs whose lineage reaches back to an earlier edition
    new_sections: list[str] = field(default_factory=list)    # headings first seen in this edition
    gone_sections: list[str] = field(default_factory=list)   # headings of the previous edition not in this one
    unread_sections: list[str] = field(default_factory=list)  # ... that may stand on a page it could not read
    revises: str = ""                # the symbol of the edition this one revises, when it is in the series


@dataclass
class BarView:
    x: int
    h: int
    new_h: int
    present: bool
    title: str


@dataclass
class SectionRowView:
    ref: str
    title: str
    level: int
    bars: list[BarView]
    width: int
    words_text: str                  # "1,532 → 1,459 → 1,197 words"
    trend: str                       # "grew", "shrank", "steady", "new", "gone"
    renamed: bool = False
    titles_text: str = ""


@dataclass
class FigurePointView:
    symbol: str
    value: str | None
    href: str
    carried: bool


@dataclass
class FigureView:
    context: str
    ref: str
    href: str
    points: list[FigurePointView]


@dataclass
class HistoryStepView:
    anchor: str
    symbol: str
    date: str
    nums: str
    kind: str
    label: str
    moved: bool
    blocks: list[list[Seg]]          # one redline per change (or the plain text when first seen)
    note: str = ""


@dataclass
class HistoryView:
    anchor: str
    lineage: str
    nums: str                        # in the latest edition it reaches
    para_anchors: list[str]
    summary: str
    badges: list[tuple[str, str]]
    steps: list[HistoryStepView]
    preview: str


@dataclass
class HistoryGroupView:
    ref: str
    title: str
    items: list[HistoryView]


@dataclass
class SeriesView:
    editions: list[SeriesEditionView]
    headline: str
    sections: list[SectionRowView]
    figures: list[FigureView]
    groups: list[HistoryGroupView]
    gone: list[HistoryView]
    warnings: list[str]
    generated: str
    generated_iso: str
    version: str
    chart_h: int = CHART_H

    @property
    def first(self) -> SeriesEditionView:
        return self.editions[0]

    @property
    def latest(self) -> SeriesEditionView:
        return self.editions[-1]


# ---------------------------------------------------------------------------------------------------- building

def _anchor(*parts: object) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9_]+", "_", str(p)) for p in parts)


def _fmt(n: int) -> str:
    return f"{n:,}"


def _sym(e: Edition, i: int) -> str:
    return one_line(e.symbol) or one_line(e.source) or f"edition {i + 1}"


def build_series_view(series: Series, *, generated: str = "", generated_iso: str = "",
                      version: str = "") -> SeriesView:
    syms = [_sym(e, i) for i, e in enumerate(series.editions)]
    ed_views = _edition_views(series, syms)
    _mark_section_changes(series, ed_views)
    rows = [_section_row(t, syms) for t in series.sections]
    para_of = [{p.id: p for p in e.paragraphs} for e in series.editions]
    places = [section_places(e) for e in series.editions]
    lin_anchor = {lin.id: _anchor("l", lin.id) for lin in series.lineages}
    histories = {lin.id: _history(series, lin, syms, para_of, places, lin_anchor[lin.id])
                 for lin in series.lineages}
    groups, gone = _history_groups(series, histories)
    figs = _figure_views(series, syms, para_of, places, lin_anchor)
    return SeriesView(ed_views, _series_headline(series, syms, ed_views), rows, figs, groups, gone,
                      [one_line(w) for w in series.warnings], generated, generated_iso, version)


def _edition_views(series: Series, syms: list[str]) -> list[SeriesEditionView]:
    """Each edition with its size, and what its comparison with the one before says: the share of new words,
    the change counts, the paragraphs carried over."""
    eds, cmps = series.editions, series.comparisons
    words = [_edition_words(e) for e in eds]
    top = max(words) or 1
    # a paragraph carried over is one with a predecessor: a link into it (from the edition before, or across a
    # gap). Its lineage's birth would not do: a new paragraph merged later with an old one shares the old one's
    # lineage (S/2025/211: "68 carried over" of 105 paragraphs with 39 added)
    succeeding = {edge.target for edge in series.edges}
    ed_views: list[SeriesEditionView] = []
    for i, e in enumerate(eds):
        v = SeriesEditionView(syms[i], human_date(e.date) or "undated", e.date or "", one_line(e.title),
                              one_line(e.source), e.pages, len(e.paragraphs), words[i], round(100 * words[i] / top))
        if i:
            c = cmps[i - 1]
            ins = sum(_diff_words(ch)[0] for ch in c.changes if ch.kind != "unchanged")
            v.new_percent = round(100 * min(ins, words[i]) / words[i]) if words[i] else 0
            v.counts_text = count_text(c.summary())
            v.carried = sum(1 for p in e.paragraphs if Node(i, p.id) in succeeding)
        original = original_of(syms[i])
        if original in syms[:i]:
            v.revises = original           # "S/2025/71/Rev.1" replaces S/2025/71: not an edition of its own
        ed_views.append(v)
    return ed_views


def _mark_section_changes(series: Series, ed_views: list[SeriesEditionView]) -> None:
    """The sections each edition opens (for the first time) and closes, and those it could not read (a page
    without a text layer where they would stand: not closed)."""
    unread: dict[tuple[int, str | None], int] = {
        (i + 1, sp.old): sp.unread_page for i, c in enumerate(series.comparisons) for sp in c.sections
        if sp.old is not None and sp.new is None and sp.unread_page}
    for t in series.sections:
        for i in range(1, len(series.editions)):
            cur, prev = t.states[i], t.states[i - 1]
            if cur and not prev and not any(t.states[:i]):
                ed_views[i].new_sections.append(_heading(cur.label, cur.title))
            elif prev and not cur and (page := unread.get((i, prev.section))):
                ed_views[i].unread_sections.append(f"{_heading(prev.label, prev.title)} (page {page})")
            elif prev and not cur:
                ed_views[i].gone_sections.append(_heading(prev.label, prev.title))


def _section_row(t: SectionTrack, syms: list[str]) -> SectionRowView:
    """One section across the editions: a bar per edition, its sizes, its trend and its titles."""
    n = len(t.states)
    present = [s for s in t.states if s]
    last = present[-1]
    sizes = [s.words if s else None for s in t.states]
    words_text = " → ".join(_fmt(w) if w is not None else "—" for w in sizes) + " words"
    titles = _changes_of([one_line(s.title) for s in present])
    labels = [label for s in present if (label := s.label.strip().rstrip("."))]   # an unlabelled heading: none
    ref = " → ".join(_changes_of(labels))                                          # renumbered: "X → IX"
    return SectionRowView(ref, one_line(last.title), t.level, _section_bars(t, syms), n * (BAR_W + BAR_GAP) - BAR_GAP,
                          words_text, _section_trend(t), renamed=len(titles) > 1,
                          titles_text=" → ".join(f"“{x}”" for x in titles) if len(titles) > 1 else "")


def _changes_of(values: list[str]) -> list[str]:
    """The values a section took across the editions, each once per stretch: "X", "X", "IX" → "X", "IX"."""
    out: list[str] = []
    for v in values:
        if not out or out[-1] != v:
            out.append(v)
    return out


def _section_bars(t: SectionTrack, syms: list[str]) -> list[BarView]:
    """A bar per edition, its height the section's words, its new or rewritten words shaded."""
    maxw = max((s.words for s in t.states if s), default=0) or 1
    bars = []
    for i, s in enumerate(t.states):
        x = i * (BAR_W + BAR_GAP)
        if s is None:
            bars.append(BarView(x, 0, 0, False, f"{syms[i]}: not in this edition"))
            continue
        h = max(1, round(CHART_H * s.words / maxw)) if s.words else 0
        new_h = min(h, round(CHART_H * s.new_words / maxw)) if i else 0
        tip = f"{syms[i]}: {_fmt(s.words)} words"
        if i and t.states[i - 1] is not None:
            tip += f" ({_fmt(s.new_words)} new or rewritten, {_fmt(s.removed_words)} gone)"
        elif i:
            tip += " (new section)"
        bars.append(BarView(x, h, new_h, True, tip))
    return bars


def _section_trend(t: SectionTrack) -> str:
    """"gone", "new", or how its size went from its first edition to its last: "grew", "shrank", "steady"."""
    present = [s for s in t.states if s]
    if t.states[-1] is None:
        return "gone"
    if t.states[0] is None and len(present) == 1:
        return "new"
    a, b = present[0].words, present[-1].words
    return "grew" if b > a * 1.1 else "shrank" if b < a * 0.9 else "steady"


def _history_groups(series: Series,
                    histories: dict[str, HistoryView]) -> tuple[list[HistoryGroupView], list[HistoryView]]:
    """The histories of the latest edition's paragraphs, grouped by its sections in its order; then the
    histories that ended before it, by when they ended."""
    latest = len(series.editions) - 1
    edition = series.editions[latest]
    groups: list[HistoryGroupView] = []
    seen: set[str] = set()
    by_section: dict = {}
    for p in edition.paragraphs:
        lin = series.lineage_of(p.id, latest)
        if lin is None or lin.id in seen:
            continue
        seen.add(lin.id)
        if p.section not in by_section:
            sec = edition.section(p.section)
            g = HistoryGroupView(section_ref(sec), one_line(sec.title) if sec else "Opening paragraphs", [])
            by_section[p.section] = g
            groups.append(g)
        by_section[p.section].items.append(histories[lin.id])
    gone = [histories[lin.id] for lin in sorted((x for x in series.lineages if x.id not in seen),
                                                key=lambda x: (x.last, x.born))]
    return groups, gone


def _figure_views(series: Series, syms: list[str], para_of: list[dict], places: list[dict[str, int]],
                  lin_anchor: dict[str, str]) -> list[FigureView]:
    """Each followed figure: its value in every edition, each value linking to its paragraph's history."""
    figs: list[FigureView] = []
    lineage_by_id = {lin.id: lin for lin in series.lineages}
    for f in series.figures:
        lin = lineage_by_id[f.lineage]
        pts = [FigurePointView(syms[p.edition], one_line(p.value) if p.value is not None else None,
                               "#" + _anchor(lin_anchor[lin.id], "e", p.edition), p.carried) for p in f.points]
        last = f.points[-1]
        paras = [para_of[last.edition].get(pid) for pid in last.paragraphs]
        ref = f"{syms[last.edition]} {para_nums([p for p in paras if p], places[last.edition])}".strip()
        figs.append(FigureView(clip(one_line(f.context), 140) or "", ref, "#" + lin_anchor[lin.id], pts))
    return figs


def _series_headline(series: Series, syms: list[str], ed_views: list[SeriesEditionView]) -> str:
    """"3 editions, 14 February 2025 to 13 June 2025. Of the 120 paragraphs of S/2025/504, 40 go back to …"."""
    n = len(series.editions)
    latest = n - 1
    born_counts = [0] * n
    unchanged_first = 0
    for lin in series.lineages:
        if lin.last == latest:
            k = sum(1 for pid in lin.paragraphs(latest))
            born_counts[lin.born] += k
            if lin.unchanged_since(n) == 0:
                unchanged_first += k
    span = f"{ed_views[0].date} to {ed_views[-1].date}"
    parts = [f"{born_counts[i]} {'goes' if born_counts[i] == 1 else 'go'} back to {syms[i]}"
             for i in range(n - 1) if born_counts[i]]
    return (f"{n} editions, {span}. Of the {len(series.editions[latest].paragraphs)} paragraphs of {syms[latest]}, "
            + (", ".join(parts) + f" and {born_counts[latest]} {'is' if born_counts[latest] == 1 else 'are'} new in "
               "it" if parts else f"all {born_counts[latest]} are new in it")
            + (f"; {unchanged_first} have kept their text since {syms[0]}" if unchanged_first else "") + ".")


def _heading(label: str, title: str) -> str:
    return one_line(f"{label} {title}" if label else title)


def _history(series: Series, lin: Lineage, syms: list[str], para_of: list[dict], places: list[dict[str, int]],
             anchor: str) -> HistoryView:
    """A paragraph's history: a step per edition it went through, a summary and badges of what happened."""
    n = len(series.editions)
    steps: list[HistoryStepView] = []
    changed_in: list[str] = []
    for ev in lin.events:
        step, changed = _history_step(series, lin, ev, syms, para_of, places, anchor)
        steps.append(step)
        if changed:
            changed_in.append(syms[ev.edition])
    last = lin.last
    last_paras = [para_of[last].get(pid) for pid in lin.paragraphs(last)]
    nums = para_nums([p for p in last_paras if p], places[last])
    if last < n - 1:
        nums = f"{nums} of {syms[last]}"
    first_paras = [para_of[lin.born].get(pid) for pid in lin.paragraphs(lin.born)]
    if lin.born == last:
        summary = f"only in {syms[last]}" if last < n - 1 else f"new in {syms[last]}"
    else:
        summary = f"since {syms[lin.born]} ({para_nums([p for p in first_paras if p], places[lin.born])})"
    preview = clip(one_line(" ".join(p.text for p in last_paras if p)), 110) or ""
    return HistoryView(anchor, lin.id, nums, [_anchor("p", pid) for pid in lin.paragraphs(n - 1)],
                       summary, _history_badges(lin, syms, n, changed_in), steps, preview)


def _history_step(series: Series, lin: Lineage, ev: LineageEvent, syms: list[str], para_of: list[dict],
                  places: list[dict[str, int]], anchor: str) -> tuple[HistoryStepView, bool]:
    """One edition of a history, and whether the paragraph's text changed in it."""
    i = ev.edition
    paras = [para_of[i].get(pid) for pid in lin.paragraphs(i)] if ev.kind != "removed" else []
    nums = para_nums([p for p in paras if p], places[i]) if paras else ""
    blocks, note, changed = _step_blocks(series, ev, syms, para_of, paras)
    if ev.kind == "removed":
        old_paras = [para_of[i - 1].get(pid) for pid in lin.paragraphs(i - 1)]
        nums = "was " + para_nums([p for p in old_paras if p], places[i - 1])
    label = {"first": "First edition", "added": "First appears", "reappeared": "Back",
             "removed": "Unread" if ev.unread_page else "Removed" if lin.last < i else "Absent"}.get(
        ev.kind, KIND_LABELS.get(ev.kind, ev.kind.title()))
    step = HistoryStepView(_anchor(anchor, "e", i), syms[i], human_date(series.editions[i].date), nums, ev.kind,
                           label, ev.moved, blocks, note)
    return step, changed


def _step_blocks(series: Series, ev: LineageEvent, syms: list[str], para_of: list[dict],
                 paras: list) -> tuple[list[list[Seg]], str, bool]:
    """What a step shows: the text where it first appears, a redline per change, the new text with its shared
    subject marked where it was rewritten; a note; and whether the text changed."""
    i, cmps = ev.edition, series.comparisons
    if ev.kind in ("first", "added"):
        return [[Seg("=", safe(p.text))] for p in paras if p], "", False
    if ev.kind == "unchanged":
        return [], "Same text as in the previous edition" + (" (moved)" if ev.moved else "") + ".", False
    if ev.kind == "reappeared":
        prev = ev.previous if ev.previous is not None else i - 1
        olds = [para_of[prev].get(pid) for pid in ev.old]
        old_text = " ".join(p.text for p in olds if p)
        new_text = " ".join(p.text for p in paras if p)
        if old_text == new_text:
            return [], f"Back after an absence, with the same text as in {syms[prev]}.", False
        back = Change("modified", list(ev.old), list(ev.new), diff=diff_words(old_text, new_text).ops)
        return [change_segs(back, olds, paras)], f"Back after an absence; the redline is from {syms[prev]}.", True
    if ev.kind == "rewritten":
        # the same subject in other words: the new text with the shared subject marked, not a redline
        linked = [cmps[i - 1].changes[j].successor for j in ev.changes]
        shared = [t for s in linked if s for t in s.shared_terms]
        cites = [c for s in linked if s for c in s.cites]
        subject = f" ({', '.join(one_line(t) for t in shared[:4])})" if shared else ""
        cited = f", citing {', '.join(one_line(c) for c in cites)}" if cites else ""
        note = f"Rewritten on the same subject{subject}{cited}; the earlier wording is above."
        return [marked(safe(p.text), shared) for p in paras if p], note, True
    blocks = []
    for j in ev.changes:
        ch = cmps[i - 1].changes[j]
        olds = [para_of[i - 1].get(pid) for pid in ch.old]
        news = [para_of[i].get(pid) for pid in ch.new]
        blocks.append(change_segs(ch, olds, news))
    return blocks, unread_note(ev.unread_page, series.editions[i], "paragraph"), ev.kind != "removed"


def _history_badges(lin: Lineage, syms: list[str], n: int, changed_in: list[str]) -> list[tuple[str, str]]:
    """(css class, label) of what happened to the paragraph across the series: "new", "changed in …"."""
    since = lin.unchanged_since(n)
    badges: list[tuple[str, str]] = []
    if lin.last < n - 1:
        badges.append(("removed", f"gone after {syms[lin.last]}"))
    elif lin.born == n - 1:
        badges.append(("added", "new"))
    elif since is not None and since <= lin.born:
        badges.append(("unchanged", "unchanged since " + syms[lin.born] if lin.born else "never changed"))
    if changed_in:
        badges.append(("modified", "changed in " + ", ".join(changed_in)))
        if since is not None and lin.born < since < n - 1:
            badges.append(("unchanged", "same text since " + syms[since]))
    if any(ev.kind == "split" for ev in lin.events):
        badges.append(("split", "split"))
    if any(ev.kind == "merged" for ev in lin.events):
        badges.append(("merged", "merged"))
    if any(ev.moved for ev in lin.events):
        badges.append(("moved", "moved"))
    unread = {ev.edition for ev in lin.events if ev.unread_page}
    gaps = [k for ev in lin.events if ev.kind == "reappeared" and ev.previous is not None
            for k in range(ev.previous + 1, ev.edition)]
    for told, editions in (("absent from", [k for k in gaps if k not in unread]),
                           ("unread in", [k for k in gaps if k in unread])):   # a page it may be on, unread
        if editions:
            badges.append(("reappeared", f"{told} " + ", ".join(syms[k] for k in editions)))
    return badges


# ---------------------------------------------------------------------------------------------------- writers

def series_view(series: Series, generated: datetime | None = None) -> SeriesView:
    return build_series_view(series, **stamp(generated))


def render_series_html(series: Series, *, generated: datetime | None = None) -> str:
    return render_page("series.html.j2", "series", series_view(series, generated))


def render_series_json(series: Series) -> str:
    return series.to_json()


def series_summary(series: Series, *, max_figures: int = 5) -> str:
    """A few plain lines for `reportdiff series` without -o (no colour codes, no control characters)."""
    v = series_view(series)
    lines = [" → ".join(f"{_clean(e.symbol)} ({_clean(e.date)})" for e in v.editions), _clean(v.headline)]
    for e in v.editions[1:]:
        lines.append(f"  {_clean(e.symbol)}: {e.new_percent}% new or rewritten; {e.counts_text}"
                     + (f" (a revision of {_clean(e.revises)})" if e.revises else ""))
        if e.new_sections:
            lines.append(f"    new sections: {_clean('; '.join(e.new_sections))}")
    for f in v.figures[:max_figures]:
        chain = " → ".join(_clean(p.value) if p.value else "(removed)" for p in f.points)
        lines.append(f"  {_clean(f.ref)}: {chain}")
    if len(v.figures) > max_figures:
        lines.append(f"  … and {len(v.figures) - max_figures} more figure histories")
    lines.append("Full timeline: add -o timeline.html (or .json).")
    return "\n".join(lines) + "\n"


def render_series_markdown(series: Series, *, generated: datetime | None = None) -> str:
    """The timeline in Markdown, for a wiki, an issue or a note: the editions, the change at each step, the
    sections' size over time, every figure's history and the paragraphs that changed, each with its lineage's
    summary (the redlines themselves are in the HTML). Every string from a PDF is made inert (`report._md`)."""
    v = series_view(series, generated)
    out = [" → ".join(f"**{_md(e.symbol)}** ({_md(e.date)})" for e in v.editions) + "  ",
           _md_emphasis(v.latest.title), "", _md_line(v.headline), ""]
    out += md_warnings(v.warnings)
    out += ["| Edition | Date | Pages | Paragraphs | Words | New or rewritten | Changes from the one before |",
            "|---|---|---:|---:|---:|---:|---|"]
    out += [f"| {_md(e.symbol)}{f' (a revision of {_md(e.revises)})' if e.revises else ''} | {_md(e.date)} | "
            f"{e.pages} | {e.paragraphs} | {_fmt(e.words)} | "
            f"{'' if e.new_percent is None else f'{e.new_percent}%'} | {_md(e.counts_text)} |" for e in v.editions]
    out.append("")
    for e in v.editions[1:]:
        if e.new_sections or e.gone_sections or e.unread_sections:
            told = [f"new sections: {_md('; '.join(e.new_sections))}"] if e.new_sections else []
            told += [f"sections gone: {_md('; '.join(e.gone_sections))}"] if e.gone_sections else []
            told += [f"sections unread: {_md('; '.join(e.unread_sections))}"] if e.unread_sections else []
            out.append(f"- {_md(e.symbol)}: " + "; ".join(told))
    out += ["", "**Sections over time**", "", "| Section | Words | Trend |", "|---|---|---|"]
    out += [f"| {_md((r.ref + ' ' + r.title).strip())} | {_md(r.words_text)} | {r.trend} |" for r in v.sections]
    if v.figures:
        out += ["", "**Figures over time**", ""]
        for f in v.figures:
            chain = " → ".join(f"{_md(p.symbol)} {_md(p.value) if p.value else '(removed)'}" for p in f.points)
            out.append(f"- {_md(f.ref)}: {chain}" + (f" — “{_md(f.context)}”" if f.context else ""))
    changed = [(g, h) for g in v.groups for h in g.items if any(b[0] != "unchanged" for b in h.badges)]
    if changed:
        out += ["", "**Paragraphs that changed**", ""]
        for g, h in changed:
            badges = "; ".join(label for _, label in h.badges)
            out.append(f"- {_md((g.ref + ' ' + h.nums).strip())}: {_md(h.summary)}" + (f" ({_md(badges)})" if badges
                                                                                         else ""))
    if v.gone:
        out += ["", "**Subjects no longer in the latest edition**", "",
                "_A paragraph dropped while its subject goes on in another paragraph is in that subject's history "
                "above._", ""]
        out += [f"- {_md(h.nums)}: {_md(h.summary)} — {_md(clip(h.preview, 110) or '')}" for h in v.gone]
    out += ["", f"_Generated {v.generated} by reportdiff {v.version}._", ""]
    return "\n".join(out)


def render_series(series: Series, fmt: str) -> str:
    if fmt == "html":
        return render_series_html(series)
    if fmt == "json":
        return render_series_json(series)
    if fmt == "markdown":
        return render_series_markdown(series)
    if fmt == "text":
        return series_summary(series)
    raise ValueError(f"unknown format {fmt!r}; expected html, json, markdown or text")
