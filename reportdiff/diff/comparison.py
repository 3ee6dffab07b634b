"""Comparison of two editions: alignment, then for every link its kind, word diff, footnote changes and signals.

`compare_editions(old, new)` is the comparison stage of the pipeline:
1. `align.align` pairs sections and links paragraphs (one-to-one, split, merged, added, removed; moved flags).
2. Each link becomes a `Change`. A successor whose wording changed too far for a redline (similarity under
   REDLINE_USEFUL) is `rewritten`: both texts shown whole. Otherwise a one-to-one link is `unchanged` when the
   normalised texts are equal and its footnotes are the same texts (whatever their numbers), else `modified`.
   Split and merged groups are diffed as the concatenation of the group's texts.
3. Footnotes of linked paragraphs are matched by text, not number: identical texts first, then the most similar
   remaining ones (one-to-one); the rest are added or removed.
4. Signals (figures, dates, hedges) are read off the word diff of every changed link; then brief.assess_changes
   reads every change as an analyst would (assess.py: judgements, figures by what they count, recommendations,
   new and dropped concerns) and ranks all signals into the brief.
5. Warnings: diffs that hit the timeout, and a pair of files that do not look like two editions of one report
   (word-frequency cosine of the whole documents and title similarity, thresholds measured on the real reports).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

import numpy as np
from rapidfuzz import fuzz
from .._lsap import linear_sum_assignment   # scipy.optimize without its 0.5-1 s import

from .align import Link, align, equality_key, normalize
from ..model import Change, Comparison, Edition, Footnote, FootnoteChange, Successor
from .brief import assess_changes
from .signals import signals_from_diff
from .tables import compare_figures, compare_tables
from . import wordiff
from .wordiff import content_tokens, diff_words

FOOTNOTE_PAIR = 0.5          # similarity (0-1) for two different footnote texts to count as one edited footnote
SAME_REPORT_CONTENT = 0.7        # document word-frequency cosine below which two files are different reports
SAME_REPORT_CONTENT_SURE = 0.8   # ... and below which differing titles confirm it
SAME_SERIES_TITLE = 0.5          # title similarity (ordinals, numbers and dates removed) within one series
REDLINE_USEFUL = 0.5             # a successor keeping this share of its wording is shown as an edit (redline)


def compare_editions(old: Edition, new: Edition) -> Comparison:
    """Every paragraph of both editions in exactly one Change, in the new edition's reading order (removed ones
    where they stood), with section pairs and warnings."""
    from threadpoolctl import threadpool_limits

    # The matrices here are small (paragraphs x paragraphs): OpenBLAS's threads only wait on each other, and on a
    # busy machine they made one 139 x 139 eigendecomposition 100 times slower (0.4 s instead of 4 ms).
    with threadpool_limits(limits=1, user_api="blas"):
        return _compare(old, new)


def _compare(old: Edition, new: Edition) -> Comparison:
    tokens = ([content_tokens(p.text) for p in old.paragraphs], [content_tokens(p.text) for p in new.paragraphs])
    alignment = align(old, new, tokens)
    warnings: list[str] = []
    changes = [_change(link, old, new, warnings) for link in alignment.links]
    brief = assess_changes(old, new, changes)        # every change's assessment signals, and the ranked brief
    warnings = reading_warnings(old, new) + _order_warnings(old, new) + _series_warnings(old, new, tokens) + warnings
    return Comparison(old=old, new=new, sections=alignment.sections, changes=changes, warnings=warnings,
                      brief=brief, tables=compare_tables(old, new, alignment.sections),
                      figures=compare_figures(old, new, alignment.sections))


def reading_warnings(old: Edition, new: Edition) -> list[str]:
    """What reading either edition met (an unread page), as the comparison tells it: the file first."""
    return [f"{ed.source or side}: {w}" for side, ed in (("old", old), ("new", new)) for w in ed.warnings]


def _change(link: Link, old: Edition, new: Edition, warnings: list[str]) -> Change:
    olds = [old.paragraphs[i] for i in link.old]
    news = [new.paragraphs[j] for j in link.new]
    old_ids, new_ids = [p.id for p in olds], [p.id for p in news]
    old_text = " ".join(p.text for p in olds)
    new_text = " ".join(p.text for p in news)
    if link.kind == "added":
        return Change("added", [], new_ids, similarity=0.0, diff=[("+", new_text)] if new_text else [],
                      successor_likelihood=link.successor_likelihood, unread_page=link.unread_page)
    if link.kind == "removed":
        return Change("removed", old_ids, [], similarity=0.0, diff=[("-", old_text)] if old_text else [],
                      successor_likelihood=link.successor_likelihood, unread_page=link.unread_page)
    footnotes = footnote_changes([f for p in olds for f in p.footnotes], [f for p in news for f in p.footnotes])
    same_text = equality_key(old_text) == equality_key(new_text)
    successor = Successor(link.confidence, link.shared, link.cites, link.place) if link.successor else None
    if successor and link.similarity < REDLINE_USEFUL:
        # the same subject in other words: a redline of two unrelated texts helps nobody; both texts are shown
        return Change("rewritten", old_ids, new_ids, moved=link.moved, similarity=link.similarity,
                      diff=[("-", old_text), ("+", new_text)], footnotes=footnotes, successor=successor)
    kind = _shape(link) if len(link.old) > 1 or len(link.new) > 1 else (
        "unchanged" if same_text and not footnotes else "modified")
    if same_text:
        ops = [("=", new_text)] if new_text else []
    else:
        result = diff_words(old_text, new_text, timeout=wordiff.DEFAULT_TIMEOUT)
        ops = result.ops
        if result.timed_out:
            warnings.append(f"the word diff of paragraph(s) {', '.join(new_ids)} hit its time limit and is "
                            "coarser than usual")
    return Change(kind, old_ids, new_ids, moved=link.moved, similarity=link.similarity, diff=ops,
                  signals=signals_from_diff(ops) if not same_text else [], footnotes=footnotes,
                  successor=successor)


def _shape(link: Link) -> str:
    """split (one old, several new) or merged (several old into one, or several into several)."""
    return "split" if len(link.old) == 1 else "merged"


def footnote_changes(old: list[Footnote], new: list[Footnote]) -> list[FootnoteChange]:
    """Footnote edits between two paragraphs (or groups), matched by text so that renumbering is no change."""
    old_left, new_left = list(old), list(new)
    for f in list(new_left):                   # identical texts: not a change, whatever the numbers
        twin = next((g for g in old_left if equality_key(g.text) == equality_key(f.text)), None)
        if twin is not None:
            old_left.remove(twin)
            new_left.remove(f)
    out: list[FootnoteChange] = []
    if old_left and new_left:
        sim = np.array([[fuzz.ratio(normalize(a.text), normalize(b.text)) / 100 for b in new_left]
                        for a in old_left])
        rows, cols = linear_sum_assignment(sim, maximize=True)
        matched_old, matched_new = set(), set()
        for r, c in zip(rows, cols):
            if sim[r, c] >= FOOTNOTE_PAIR:
                a, b = old_left[r], new_left[c]
                out.append(FootnoteChange("modified", a, b, diff_words(a.text, b.text).ops))
                matched_old.add(r)
                matched_new.add(c)
        old_left = [f for k, f in enumerate(old_left) if k not in matched_old]
        new_left = [f for k, f in enumerate(new_left) if k not in matched_new]
    out += [FootnoteChange("removed", f, None, [("-", f.text)]) for f in old_left]
    out += [FootnoteChange("added", None, f, [("+", f.text)]) for f in new_left]
    return out


_SERIES_NOISE = re.compile(
    r"\b(?:\d[\d,./]*|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    rf"fortieth|twenty|thirty|forty|fifty|{wordiff.MONTHS})\b", re.I)


def series_title(title: str) -> str:
    """A report title without what changes between editions of one series (ordinals, numbers, dates)."""
    return " ".join(_SERIES_NOISE.sub(" ", normalize(title).lower()).replace("-", " ").split())


def document_similarity(old: Edition, new: Edition,
                        tokens: tuple[list[list[str]], list[list[str]]] | None = None) -> float:
    """Cosine of the two editions' word frequencies (words of 4+ letters, so function words weigh nothing).

    Measured on the real reports in shared/reports: successive editions of one series score 0.85-0.99 even when
    nearly every paragraph was rewritten (ISIL 20th -> 21st: 0.92, with only 12 % of paragraphs linkable);
    reports of different series score 0.26-0.63 (the closest: the ISIL report and the Monitoring Team's)."""
    if tokens is None:
        tokens = ([content_tokens(p.text) for p in old.paragraphs], [content_tokens(p.text) for p in new.paragraphs])

    def counts(paragraph_tokens: list[list[str]]) -> Counter:
        return Counter(t for toks in paragraph_tokens for t in toks if len(t) >= 4)

    a, b = counts(tokens[0]), counts(tokens[1])
    if not a or not b:
        return 1.0
    dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _order_warnings(old: Edition, new: Edition) -> list[str]:
    """A later edition dated before the earlier one: the files were most likely given the wrong way round, and
    every change would read backwards ("concerned -> alarmed" for "alarmed -> concerned"). Compared as given: the
    user may mean it (what an older text said against a newer one), but must not miss it."""
    try:
        old_date, new_date = date.fromisoformat(old.date or ""), date.fromisoformat(new.date or "")
    except ValueError:
        return []
    if new_date >= old_date:
        return []
    return [f"the later edition given ({new.name or 'no symbol'}, dated {new.date}) is older than the earlier "
            f"one ({old.name or 'no symbol'}, dated {old.date}): every change reads backwards; give the older file "
            f"first to see what changed since it"]


def _series_warnings(old: Edition, new: Edition, tokens) -> list[str]:
    content = document_similarity(old, new, tokens)
    both_titled = bool(old.title and new.title)
    titles = fuzz.ratio(series_title(old.title), series_title(new.title)) / 100 if both_titled else 1.0
    if content < SAME_REPORT_CONTENT or (titles < SAME_SERIES_TITLE and content < SAME_REPORT_CONTENT_SURE):
        # an edition without a title gives no title evidence: saying "title similarity 100%" would mislead
        title_note = (f", title similarity {titles:.0%} once ordinals and dates are set aside" if both_titled
                      else ", no title to compare")
        return [f"these look like two different reports, not two editions of one (shared vocabulary {content:.0%}"
                f"{title_note}); compared anyway"]
    return []
