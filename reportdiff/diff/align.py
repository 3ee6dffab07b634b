"""Alignment of two editions: which paragraphs and sections of the new edition came from which of the old.

Paragraph numbers and section labels shift every edition, so everything is paired by content and context.

Paragraphs
1. Features: each text becomes a sequence of content tokens (lower-cased words and numbers; no punctuation), each
   distinct token one character, so rapidfuzz's Indel distance gives the longest common subsequence (LCS) of two
   paragraphs in tokens. From it: `ratio` = 2·LCS / (|a| + |b|), and the share of each side covered.
   Equality ("unchanged") is tested on a key without spaces and hyphens: where two layouts differ only in those,
   it is line breaking, not editing.
2. Candidates: a TF-IDF cosine over token unigrams and bigrams (all pairs at once, in numpy) keeps the pairs
   worth a closer look; the LCS is computed only for those, so the cost follows the number of plausible pairs,
   not all pairs of long texts.
3. Anchors: texts identical and unique in both editions, if long enough to be evidence on their own.
4. Splits and merges: an old paragraph whose content covers a run of nearby new paragraphs (each mostly contained
   in it, the run together clearly more similar than its best single member), and the reverse.
5. One-to-one: `linear_sum_assignment` on the ratio matrix. A first round keeps only clear pairs (long enough,
   similar enough, no close rival). Sections are then paired; then links are extended to the free paragraphs
   right beside them, and a second assignment, scored with context (neighbours linked to each other, sections
   paired), admits weaker or short pairs only where that context supports them.
6. Moves: a link whose old and new sections both live on, but not as each other's pair, changed section; among
   the rest, links in new reading order whose old positions fall outside the longest increasing subsequence are
   out of order. A paragraph under a heading that was added or dropped, still in order, is not called moved.

Sections are paired by the votes of their paragraph links (Dice over whole subtrees, so a heading with no
paragraphs of its own is carried by its children), title similarity and level, with `linear_sum_assignment`;
sections no link speaks for (all their paragraphs rewritten) pair by an identical unique title, or by a related
title in the same slot of the tree. A section of one edition only, where the other edition has a page without a
text layer at its place (a map printed as a picture), is unread there, not removed or new (`SectionPair.unread_page`).

Thresholds (ratio in tokens) were measured on generated edition pairs (tools/make_pair.py, seeds 1-20): true
links of modified paragraphs score ≥ 0.74, while the best wrong candidate of any paragraph, or of an added or
removed one, scores ≤ 0.41. ACCEPT sits between them. ACCEPT_WITH_CONTEXT was read off the real pairs (South
Sudan, Golan, ISIL, Libya): every context-supported pair at 0.45-0.6 was the same paragraph rewritten, while
below 0.45 about half were merely neighbours on related topics, so lower pairs are left unlinked.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz import fuzz, process
from .._lsap import linear_sum_assignment   # scipy.optimize without its 0.5-1 s import

from ..model import Edition, Paragraph, Section, SectionPair
from .successors import find_successors, is_dated, terms, tfidf_cosines
from .wordiff import TokenCodec, content_tokens

# --- measured thresholds (see the module docstring) ---
ACCEPT = 0.6                 # ratio for a link on content alone
ACCEPT_WITH_CONTEXT = 0.45   # ratio for a link the neighbourhood supports
SHORT = 10                   # paragraphs with fewer content tokens need context and a high ratio ...
SHORT_ACCEPT = 0.8           # ... this high
RIVAL_MARGIN = 0.05          # first round: the pair must beat any rival in its row and column by this much
CANDIDATE_COSINE = 0.1       # TF-IDF cosine below which a pair is not looked at
COMMON_GRAM = 0.1            # grams in more than this share of paragraphs (and more than COMMON_GRAM_MIN_DOCS)
COMMON_GRAM_MIN_DOCS = 20    # do not count towards candidates
DENSE_COSINE_CELLS = 6_000_000   # up to this many (old, new) pairs the cosines add up in one array (48 MB)
GROUP_PART_COVER = 0.8       # split/merge: share of each part found in the whole
GROUP_GAIN = 0.08            # the group must beat its best single member's ratio by this much
GROUP_MIN_PART = 5           # tokens: a smaller part is not evidence of a split
GROUP_MAX_GAP = 2            # paragraphs allowed between two parts of one split or merge
GROUP_RIVAL_MARGIN = 0.1     # a part must be covered by the whole this much better than by any other paragraph
SECTION_ACCEPT = 0.4         # 0.6 × Dice of paragraph links + 0.4 × title similarity, with Dice ≥ 0.3
SECTION_TITLE_ONLY = 0.85    # sections without paragraph votes pair only on a near-identical title ...
RELATED_TITLE = 80           # ... or, in the same slot of the tree, on a related one (rapidfuzz 0-100 scale)
SECTION_CONTENT = 0.2        # sections left unpaired pair on their paragraphs' words (TF-IDF cosine at least this)
SECTION_CONTENT_ACCEPT = 0.3  # ... and cosine + half the Dice of their titles' words at least this
LOG_DATED = 0.8              # a section this much of dated incidents is a log (not paired on its words)


@dataclass
class Link:
    """Paragraph indices (into each edition's `paragraphs`) that belong together; one side empty = added/removed.
    A successor link (`successor.py`: same subject, rewritten) carries how sure the choice was and the salient
    terms both sides share; an added or removed paragraph the successor tier weighed, how likely its most likely
    successor was (not linked: too unlikely, or sharing no name or rare word with it; the lower, the surer "new" or
    "dropped" is)."""
    old: list[int]
    new: list[int]
    similarity: float = 1.0
    moved: bool = False
    successor: bool = False
    confidence: float = 1.0
    shared: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    place: str = ""                    # a successor: "opening" / "closing" of paired sections (successors.shared_place)
    successor_likelihood: float | None = None
    unread_page: int | None = None     # added / removed: the other edition's unread page where it may stand

    @property
    def kind(self) -> str:
        """added, removed, or paired: all the alignment knows. Whether a pair is unchanged, modified, split,
        merged or rewritten is decided where the texts are compared (`comparison._change`)."""
        if not self.old:
            return "added"
        if not self.new:
            return "removed"
        return "paired"


@dataclass
class Alignment:
    links: list[Link]                                  # new reading order, removed ones where they stood
    sections: list[SectionPair] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- features

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def normalize(text: str) -> str:
    """Text for display-level comparisons: unified quotes and dashes, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split())


def equality_key(text: str) -> str:
    """Two texts with the same key are the same text. Spaces and hyphens are left out: where two editions
    differ only in those, it is the line breaks of two layouts talking (`LATEST_ 18_JUNE`, `Secretary -General`,
    `weaponiza-tion`), not an edit; nor is the length of a row of leader dots in a table of contents."""
    text = _LEADER_DOTS.sub("…", normalize(text))
    return "".join(text.split()).replace("-", "").replace("\u00ad", "")


_LEADER_DOTS = re.compile(r"(?:\.\s*){3,}")


@dataclass
class _Side:
    """What the aligner needs of one edition's paragraphs."""
    paragraphs: list[Paragraph]
    norm: list[str]           # equality keys
    codes: list[str]          # one character per content token
    section: list[int]        # index into the edition's sections, -1 when outside any section

    @property
    def size(self) -> int:
        return len(self.paragraphs)

    def length(self, i: int) -> int:
        return len(self.codes[i])


def _side(edition: Edition, vocab: TokenCodec, tokens: list[list[str]] | None = None) -> _Side:
    """`tokens`: the paragraphs' content tokens when the caller has them already."""
    index = {s.id: k for k, s in enumerate(edition.sections)}
    paras = edition.paragraphs
    if tokens is None:
        tokens = [content_tokens(p.text) for p in paras]
    return _Side(paragraphs=paras, norm=[equality_key(p.text) for p in paras],
                 codes=[vocab.encode(t) for t in tokens],
                 section=[index.get(p.section, -1) for p in paras])


class _Scores:
    """LCS-based similarity of candidate paragraph pairs, computed lazily and cached."""

    def __init__(self, old: _Side, new: _Side, candidates: dict[int, list[int]]):
        self.old, self.new = old, new
        self.candidates = candidates                 # old index -> new indices worth scoring
        self._lcs: dict[tuple[int, int], int] = {}

    def lcs(self, i: int, j: int) -> int:
        key = (i, j)
        if key not in self._lcs:
            a, b = self.old.codes[i], self.new.codes[j]
            self._lcs[key] = (len(a) + len(b) - Indel.distance(a, b)) // 2
        return self._lcs[key]

    def ratio(self, i: int, j: int) -> float:
        la, lb = self.old.length(i), self.new.length(j)
        if la + lb == 0:
            return 1.0 if self.old.norm[i] == self.new.norm[j] else 0.0
        return 2 * self.lcs(i, j) / (la + lb)

    def new_covered(self, i: int, j: int) -> float:
        """Share of new paragraph j found (in order) in old paragraph i."""
        lb = self.new.length(j)
        return self.lcs(i, j) / lb if lb else 0.0

    def old_covered(self, i: int, j: int) -> float:
        la = self.old.length(i)
        return self.lcs(i, j) / la if la else 0.0

    def pairs(self):
        for i, js in self.candidates.items():
            for j in js:
                yield i, j


def _grams(codes: str) -> np.ndarray:
    """Token unigrams and bigrams of a paragraph as integers (a bigram packs its two token codes)."""
    ids = np.frombuffer(codes.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return np.concatenate([ids, (ids[:-1] << 21 | ids[1:]) + (1 << 21)])


def _tfidf(gram_lists: list[np.ndarray], columns: np.ndarray, idf: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row-normalised TF-IDF weights over the given (sorted) gram columns, other grams dropped, as the arrays
    (column, row, weight) of the non-zero entries, sorted by column."""
    if not len(columns):             # every gram too common to weigh: no entries (and nothing to search)
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    cols_all, rows_all, weights_all = [], [], []
    for r, g in enumerate(gram_lists):
        k = np.searchsorted(columns, g)
        k = k[(k < len(columns)) & (columns[np.minimum(k, len(columns) - 1)] == g)]
        cols, counts = np.unique(k, return_counts=True)
        w = (1 + np.log(counts)) * idf[cols]
        norm = np.sqrt(np.dot(w, w))
        cols_all.append(cols)
        rows_all.append(np.full(len(cols), r, dtype=np.int64))
        weights_all.append(w / norm if norm else w)
    cols = np.concatenate(cols_all) if cols_all else np.zeros(0, dtype=np.int64)
    order = np.argsort(cols, kind="stable")
    return (cols[order], np.concatenate(rows_all)[order] if rows_all else cols[order],
            np.concatenate(weights_all)[order] if weights_all else np.zeros(0))


def _cosines(old: tuple, new: tuple, n_new: int, floor: float, chunk: int = 200_000) -> dict[int, list[int]]:
    """Pairs (old row, new row) whose cosine (the sum of weight products over shared grams) reaches `floor`.

    An inverted index in numpy: for every gram both sides hold, the product of its old and new entries; the
    products of one pair summed. Done in slices of grams so memory stays bounded on long documents. (This is what
    a sparse matrix product computes; numpy alone spares the 0.1 s import of scipy.sparse on every run.)"""
    col_o, row_o, w_o = old
    col_n, row_n, w_n = new
    shared = np.intersect1d(col_o, col_n, assume_unique=False)
    start_o, end_o = np.searchsorted(col_o, shared), np.searchsorted(col_o, shared, side="right")
    start_n, end_n = np.searchsorted(col_n, shared), np.searchsorted(col_n, shared, side="right")
    cnt_o, cnt_n = end_o - start_o, end_n - start_n
    pairs_per_gram = cnt_o * cnt_n
    n_old = int(row_o.max()) + 1 if len(row_o) else 0
    dense = n_old * n_new <= DENSE_COSINE_CELLS      # one accumulator cell a pair: no sorting at all
    acc = np.zeros(n_old * n_new) if dense else None
    keys_acc, sums_acc = [], []
    k = 0
    while k < len(shared):
        # take grams until about `chunk` products
        stop = k + max(1, int(np.searchsorted(np.cumsum(pairs_per_gram[k:]), chunk, side="right")))
        sel = slice(k, stop)
        rep = pairs_per_gram[sel]
        gram = np.repeat(np.arange(stop - k), rep)
        offset = np.arange(rep.sum()) - np.repeat(np.cumsum(rep) - rep, rep)
        io = start_o[sel][gram] + offset // cnt_n[sel][gram]
        jn = start_n[sel][gram] + offset % cnt_n[sel][gram]
        keys = row_o[io] * n_new + row_n[jn]
        if dense:
            acc += np.bincount(keys, weights=w_o[io] * w_n[jn], minlength=len(acc))
        else:
            uniq, inverse = np.unique(keys, return_inverse=True)
            keys_acc.append(uniq)
            sums_acc.append(np.bincount(inverse, weights=w_o[io] * w_n[jn]))
        k = stop
    if dense:
        uniq = np.flatnonzero(acc)
        sums = acc[uniq]
    elif keys_acc:
        uniq, inverse = np.unique(np.concatenate(keys_acc), return_inverse=True)
        sums = np.bincount(inverse, weights=np.concatenate(sums_acc))
    else:
        return {}
    out: dict[int, list[int]] = {}
    for key in uniq[sums >= floor].tolist():
        out.setdefault(key // n_new, []).append(key % n_new)
    return out


def _candidates(old: _Side, new: _Side) -> dict[int, list[int]]:
    """Pairs worth scoring: TF-IDF cosine over token unigrams and bigrams (sparse, all pairs at once) above a
    floor. Grams found in more than COMMON_GRAM of the paragraphs are left out: they weigh little and would make
    the product dense."""
    if not old.size or not new.size:
        return {}
    grams_o, grams_n = [_grams(c) for c in old.codes], [_grams(c) for c in new.codes]
    unique_per_doc = [np.unique(g) for g in grams_o + grams_n]
    columns, df = np.unique(np.concatenate(unique_per_doc), return_counts=True)
    n_docs = len(unique_per_doc)
    keep = df <= max(COMMON_GRAM_MIN_DOCS, COMMON_GRAM * n_docs)
    columns, df = columns[keep], df[keep]
    idf = np.log((1 + n_docs) / (1 + df)) + 1
    close = _cosines(_tfidf(grams_o, columns, idf), _tfidf(grams_n, columns, idf), new.size, CANDIDATE_COSINE)
    same_text: dict[str, list[int]] = {}
    for j, key in enumerate(new.norm):
        same_text.setdefault(key, []).append(j)
    out: dict[int, list[int]] = {}
    for i in range(old.size):
        found = set(close.get(i, ()))
        found.update(same_text.get(old.norm[i], []))      # repeated boilerplate: always a candidate
        out[i] = sorted(found)
    return out


# ---------------------------------------------------------------------------------------------- the links

class _Linker:
    """Accumulates links and answers 'which link holds paragraph i / j'."""

    def __init__(self, n_old: int, n_new: int):
        self.links: list[Link] = []
        self.of_old: list[Link | None] = [None] * n_old
        self.of_new: list[Link | None] = [None] * n_new

    def add(self, old: list[int], new: list[int], similarity: float, **details) -> None:
        link = Link(sorted(old), sorted(new), similarity, **details)
        self.links.append(link)
        for i in old:
            self.of_old[i] = link
        for j in new:
            self.of_new[j] = link

    def join(self, link: Link, old: list[int], new: list[int]) -> None:
        """Add free paragraphs to a link (a group grows)."""
        link.old, link.new = sorted(link.old + old), sorted(link.new + new)
        for i in old:
            self.of_old[i] = link
        for j in new:
            self.of_new[j] = link

    def free_old(self) -> list[int]:
        return [i for i, l in enumerate(self.of_old) if l is None]

    def free_new(self) -> list[int]:
        return [j for j, l in enumerate(self.of_new) if l is None]

    def neighbours_agree(self, i: int, j: int, reach: int = 3) -> bool:
        """The nearest linked paragraphs before (or after) i and j, within `reach`, are linked to each other."""
        for step in (-1, 1):
            a = self._nearest(self.of_old, i, step, reach)
            b = self._nearest(self.of_new, j, step, reach)
            if a is not None and a is b:
                return True
        return False

    @staticmethod
    def _nearest(of: list, k: int, step: int, reach: int):
        for d in range(1, reach + 1):
            m = k + step * d
            if not 0 <= m < len(of):
                return None
            if of[m] is not None:
                return of[m]
        return None


def _link_identical(old: _Side, new: _Side, linker: _Linker) -> None:
    """Anchors: texts that occur exactly once in each edition, long enough to be evidence on their own (a chart
    label "10" or a short formula is paired later, and only where its neighbours agree)."""
    def once(side: _Side) -> dict[str, int]:
        seen: dict[str, list[int]] = {}
        for k, t in enumerate(side.norm):
            seen.setdefault(t, []).append(k)
        return {t: ks[0] for t, ks in seen.items() if len(ks) == 1 and t}

    in_old, in_new = once(old), once(new)
    for text, i in in_old.items():
        j = in_new.get(text)
        if j is not None and min(old.length(i), new.length(j)) >= SHORT:
            linker.add([i], [j], 1.0)


def _link_identical_runs(old: _Side, new: _Side, linker: _Linker) -> None:
    """Identical texts that stand in the same order: runs of two or more in a row (repeated or short texts
    included, where a unique anchor cannot speak), a single long one, or everything when the editions are the
    same text throughout (an edition compared with itself)."""
    if old.norm == new.norm:
        for k in range(old.size):
            if linker.of_old[k] is None and linker.of_new[k] is None:
                linker.add([k], [k], 1.0)
        return
    matcher = difflib.SequenceMatcher(a=old.norm, b=new.norm, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            i, j = a + k, b + k
            if not old.norm[i] or linker.of_old[i] is not None or linker.of_new[j] is not None:
                continue
            if size >= 2 or min(old.length(i), new.length(j)) >= SHORT:
                linker.add([i], [j], 1.0)


def _nearby_runs(indices: list[int]) -> list[list[int]]:
    """Runs of indices at most GROUP_MAX_GAP apart: parts of a split or merge are neighbours, give or take a
    paragraph that moved away or was removed between them."""
    runs: list[list[int]] = []
    for k in sorted(indices):
        if runs and k - runs[-1][-1] <= GROUP_MAX_GAP + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return [r for r in runs if len(r) >= 2]


def _best_group(whole: str, parts: list[list[int]], part_codes: list[str]) -> tuple[list[int], float]:
    """The sub-run of consecutive parts whose concatenation is most similar to `whole`."""
    best, best_ratio = [], 0.0
    for run in parts:
        for a in range(len(run)):
            for b in range(a + 2, len(run) + 1):
                joined = "".join(part_codes[k] for k in run[a:b])
                r = Indel.normalized_similarity(whole, joined)
                if r > best_ratio:
                    best, best_ratio = run[a:b], r
    return best, best_ratio


def _link_groups(scores: _Scores, linker: _Linker) -> None:
    """Splits (one old -> nearby new) and merges (nearby old -> one new), best groups first."""
    old, new = scores.old, scores.new
    free_old, free_new = set(linker.free_old()), set(linker.free_new())
    olds_of: dict[int, list[int]] = {}          # new paragraph -> its free old candidates
    news_of: dict[int, list[int]] = {}          # old paragraph -> its free new candidates
    for i, j in scores.pairs():
        if i in free_old and j in free_new:
            olds_of.setdefault(j, []).append(i)
            news_of.setdefault(i, []).append(j)

    def is_part(part_len: int, whole_len: int, cover: float, rival) -> bool:
        # mostly contained in the whole, and not better explained by another paragraph (`rival()`, the best
        # other match, is asked last: it scores every other candidate, quadratic in long documents)
        return (GROUP_MIN_PART <= part_len < whole_len and cover >= GROUP_PART_COVER
                and rival() < cover - GROUP_RIVAL_MARGIN)

    proposals: list[tuple[float, list[int], list[int]]] = []
    for i in free_old:
        parts = [j for j in news_of.get(i, [])
                 if is_part(new.length(j), old.length(i), scores.new_covered(i, j),
                            lambda: max((scores.ratio(k, j) for k in olds_of[j] if k != i), default=0.0))]
        group, r = _best_group(old.codes[i], _nearby_runs(parts), new.codes)
        if group and r >= ACCEPT and r >= max(scores.ratio(i, j) for j in group) + GROUP_GAIN:
            proposals.append((r, [i], group))
    for j in free_new:
        parts = [i for i in olds_of.get(j, [])
                 if is_part(old.length(i), new.length(j), scores.old_covered(i, j),
                            lambda: max((scores.ratio(i, k) for k in news_of[i] if k != j), default=0.0))]
        group, r = _best_group(new.codes[j], _nearby_runs(parts), old.codes)
        if group and r >= ACCEPT and r >= max(scores.ratio(i, j) for i in group) + GROUP_GAIN:
            proposals.append((r, group, [j]))
    for r, olds, news in sorted(proposals, key=lambda p: -p[0]):
        if all(linker.of_old[i] is None for i in olds) and all(linker.of_new[j] is None for j in news):
            linker.add(olds, news, r)


def _assignment(scores: _Scores, linker: _Linker, bonus=None) -> list[tuple[int, int, float]]:
    """One-to-one assignment of the free paragraphs maximising ratio (+ a context bonus when given)."""
    free_old, free_new = linker.free_old(), linker.free_new()
    if not free_old or not free_new:
        return []
    row = {i: r for r, i in enumerate(free_old)}
    col = {j: c for c, j in enumerate(free_new)}
    m = np.zeros((len(free_old), len(free_new)))
    for i, j in scores.pairs():
        if i in row and j in col:
            r = scores.ratio(i, j)
            if r >= ACCEPT_WITH_CONTEXT:
                m[row[i], col[j]] = r + (bonus(i, j) if bonus else 0.0)
    rows, cols = linear_sum_assignment(m, maximize=True)
    return [(free_old[r], free_new[c], m[r, c]) for r, c in zip(rows, cols) if m[r, c] > 0]


def _clear_pairs(scores: _Scores, linker: _Linker) -> None:
    """First round: long, similar pairs with no close rival among the free paragraphs."""
    free_old, free_new = set(linker.free_old()), set(linker.free_new())
    best_in_row: dict[int, list[float]] = {}
    best_in_col: dict[int, list[float]] = {}
    for i, j in scores.pairs():
        if i in free_old and j in free_new:
            r = scores.ratio(i, j)
            best_in_row.setdefault(i, []).append(r)
            best_in_col.setdefault(j, []).append(r)

    def runner_up(values: list[float]) -> float:
        return sorted(values, reverse=True)[1] if len(values) > 1 else 0.0

    for i, j, _ in _assignment(scores, linker):
        r = scores.ratio(i, j)
        short = min(scores.old.length(i), scores.new.length(j)) < SHORT
        if (r >= ACCEPT and not short and r - runner_up(best_in_row[i]) >= RIVAL_MARGIN
                and r - runner_up(best_in_col[j]) >= RIVAL_MARGIN):
            linker.add([i], [j], r)


def _extend_runs(scores: _Scores, linker: _Linker) -> bool:
    """Walk from every link to the paragraphs right after (and before) it on both sides: while those are free,
    similar enough for their length, and each other's best free match, link them. This carries runs of short
    paragraphs (table rows, lists) that no assignment could tell apart on content alone."""
    old, new = scores.old, scores.new
    added = False

    def best_free(i: int, j: int, r: float) -> bool:
        rivals = [scores.ratio(i, k) for k in scores.candidates.get(i, ()) if k != j and linker.of_new[k] is None]
        return all(r >= x - RIVAL_MARGIN for x in rivals)

    for link in list(linker.links):
        for step in (1, -1):
            i = (max(link.old) if step > 0 else min(link.old)) + step
            j = (max(link.new) if step > 0 else min(link.new)) + step
            while 0 <= i < old.size and 0 <= j < new.size and linker.of_old[i] is None and linker.of_new[j] is None:
                r = scores.ratio(i, j)
                short = min(old.length(i), new.length(j)) < SHORT
                if r < (SHORT_ACCEPT if short else ACCEPT_WITH_CONTEXT) or not best_free(i, j, r):
                    break
                linker.add([i], [j], r)
                added = True
                i, j = i + step, j + step
    return added


def _context_pairs(scores: _Scores, linker: _Linker, sections_paired) -> bool:
    """Second round: pairs whose context (neighbours, sections) supports them. Returns whether any was added."""
    old, new = scores.old, scores.new

    def support(i: int, j: int) -> tuple[bool, bool]:
        return linker.neighbours_agree(i, j), sections_paired(old.section[i], new.section[j])

    def bonus(i: int, j: int) -> float:
        near, same_section = support(i, j)
        return 0.1 * near + 0.05 * same_section

    added = False
    for i, j, _ in _assignment(scores, linker, bonus):
        r = scores.ratio(i, j)
        near, same_section = support(i, j)
        short = min(old.length(i), new.length(j)) < SHORT
        if short:
            ok = r >= SHORT_ACCEPT and near
        else:
            ok = r >= ACCEPT or (r >= ACCEPT_WITH_CONTEXT and (near or same_section))
        if ok:
            linker.add([i], [j], r)
            added = True
    return added


# ---------------------------------------------------------------------------------------------- sections

def _parents(sections: list[Section]) -> list[int]:
    """Index of each section's parent: its `parent` id when it resolves, else the nearest shallower heading."""
    index = {s.id: k for k, s in enumerate(sections)}
    out = []
    for k, s in enumerate(sections):
        p = index.get(s.parent) if s.parent is not None else None
        if p is None or p >= k:
            p = next((m for m in range(k - 1, -1, -1) if sections[m].level < s.level), -1)
        out.append(p)
    return out


def _ancestors(parents: list[int]) -> list[list[int]]:
    out = []
    for k in range(len(parents)):
        chain, p = [k], parents[k]
        while p >= 0 and p not in chain:
            chain.append(p)
            p = parents[p]
        out.append(chain)
    return out


@dataclass
class _Tree:
    """One edition's headings: parents, ancestor chains, normalised titles and title paths."""
    sections: list[Section]
    parents: list[int]
    ancestors: list[list[int]]
    titles: list[str]
    paths: list[str]          # titles of the ancestors, outermost first

    @classmethod
    def of(cls, sections: list[Section]) -> _Tree:
        parents = _parents(sections)
        ancestors = _ancestors(parents)
        titles = [normalize(s.title).lower() for s in sections]
        paths = [" / ".join(titles[k] for k in reversed(chain[1:])) for chain in ancestors]
        return cls(sections, parents, ancestors, titles, paths)

    def subtree_sizes(self, paragraph_sections: list[int]) -> np.ndarray:
        size = np.zeros(len(self.sections))
        for k in paragraph_sections:
            if k >= 0:
                size[self.ancestors[k]] += 1
        return size


def pair_sections(old: Edition, new: Edition, old_side: _Side, new_side: _Side,
                  links: list[Link]) -> dict[int, int]:
    """Old section index -> new section index.

    Main pass: `linear_sum_assignment` over 0.6 × (Dice of the paragraph links between the two subtrees) + 0.4 ×
    title similarity; a pair needs real votes, or a near-identical title. Then sections no paragraph link speaks
    for (every paragraph rewritten) are paired by place: the same title where it is unique, or a related title
    (one contains the other's words: "Europe" -> "Europe and the Americas") in the same slot of the tree."""
    to, tn = _Tree.of(old.sections), _Tree.of(new.sections)
    if not to.sections or not tn.sections:
        return {}
    size_o, size_n = to.subtree_sizes(old_side.section), tn.subtree_sizes(new_side.section)
    votes = np.zeros((len(to.sections), len(tn.sections)))
    for link in links:
        if not link.old or not link.new:
            continue
        w = 1.0 / (len(link.old) * len(link.new))
        for i in link.old:
            for j in link.new:
                a, b = old_side.section[i], new_side.section[j]
                if a >= 0 and b >= 0:
                    votes[np.ix_(to.ancestors[a], tn.ancestors[b])] += w
    sizes = size_o[:, None] + size_n[None, :]
    dice = np.divide(2 * votes, sizes, out=np.zeros_like(votes), where=sizes > 0)
    title = _title_matrix(to, tn)
    score = 0.6 * dice + 0.4 * title
    rows, cols = linear_sum_assignment(score, maximize=True)
    pairs = {}
    for x, y in zip(rows, cols):
        if (dice[x, y] >= 0.3 and score[x, y] >= SECTION_ACCEPT) or title[x, y] >= SECTION_TITLE_ONLY:
            pairs[int(x)] = int(y)
    _pair_unique_titles(to, tn, pairs)
    _pair_by_slot(to, tn, pairs)
    _pair_by_content(to, tn, old_side, new_side, pairs)
    return pairs


def _title_matrix(to: _Tree, tn: _Tree) -> np.ndarray:
    """Own title (mostly) and the ancestors' titles (a little), discounted when the levels differ."""
    own = process.cdist(to.titles, tn.titles, scorer=fuzz.ratio) / 100
    path = process.cdist(to.paths, tn.paths, scorer=fuzz.ratio) / 100
    both_root = np.array([[not a and not b for b in tn.paths] for a in to.paths], dtype=bool)
    path[both_root] = 1.0
    levels = np.array([[a.level == b.level for b in tn.sections] for a in to.sections])
    return (0.8 * own + 0.2 * path) * np.where(levels, 1.0, 0.7)


def _pair_unique_titles(to: _Tree, tn: _Tree, pairs: dict[int, int]) -> None:
    """Unpaired sections with the same title, found once among the unpaired of each edition."""
    taken = set(pairs.values())
    free_o = [x for x in range(len(to.sections)) if x not in pairs]
    free_n = [y for y in range(len(tn.sections)) if y not in taken]
    count_o = Counter(to.titles[x] for x in free_o)
    count_n = Counter(tn.titles[y] for y in free_n)
    by_title = {tn.titles[y]: y for y in free_n if count_n[tn.titles[y]] == 1}
    for x in free_o:
        t = to.titles[x]
        if t and count_o[t] == 1 and t in by_title:
            pairs[x] = by_title[t]


def _slot(tree: _Tree, k: int, paired: dict[int, int] | None, is_paired) -> tuple:
    """Where a section sits: its parent, and its nearest paired siblings before and after (all as seen from the
    new edition when `paired` maps old indices to new ones)."""
    def name(m: int):
        if m < 0:
            return -1
        return paired.get(m) if paired is not None else m

    parent = tree.parents[k]
    siblings = [m for m in range(len(tree.sections)) if tree.parents[m] == parent]
    before = next((m for m in reversed(siblings) if m < k and is_paired(m)), -1)
    after = next((m for m in siblings if m > k and is_paired(m)), -1)
    return name(parent), name(before), name(after)


def _pair_by_slot(to: _Tree, tn: _Tree, pairs: dict[int, int]) -> None:
    """Unpaired old and new sections in the same slot of the tree, with related titles."""
    taken = set(pairs.values())
    slots: dict[tuple, list[int]] = {}
    for y in range(len(tn.sections)):
        if y not in taken:
            slots.setdefault(_slot(tn, y, None, lambda m: m in taken), []).append(y)
    for x in range(len(to.sections)):
        if x in pairs:
            continue
        slot = _slot(to, x, pairs, lambda m: m in pairs)
        if None in slot:          # its parent or a sibling is paired with nothing: no common frame
            continue
        for y in slots.get(slot, []):
            if y not in taken and _related_titles(to.titles[x], tn.titles[y]):
                pairs[x] = y
                taken.add(y)
                break


def _pair_by_content(to: _Tree, tn: _Tree, old_side: _Side, new_side: _Side, pairs: dict[int, int]) -> None:
    """Sections still unpaired, paired on what their paragraphs say: a report restructured and rewritten keeps its
    subjects under new titles and places (Lebanon's "Disarming armed groups" -> "Disarmament of all armed groups in
    Lebanon …", "Political and institutional stability" -> "III. Extension of State authority and institutional
    stability", one level up). The TF-IDF cosine of the two sections' own paragraphs' words, rarity counted over
    all sections of both editions, plus half the Dice of their titles' content words; one-to-one. A log of dated
    incidents is left out: two logs share their places and patrols, but each entry is a subject of its own, and
    pairing the logs draws the successor tier into linking incident to incident."""
    taken = set(pairs.values())
    free_o = [x for x in set(old_side.section) - {-1} if x not in pairs]
    free_n = [y for y in set(new_side.section) - {-1} if y not in taken]
    if not free_o or not free_n:            # most pairs: every section with paragraphs is paired by now
        return
    words_o = _section_words(old_side, len(to.sections))
    words_n = _section_words(new_side, len(tn.sections))
    logs_o, logs_n = _logs(old_side, len(to.sections)), _logs(new_side, len(tn.sections))
    free_o = [x for x in sorted(free_o) if words_o[x] and x not in logs_o]
    free_n = [y for y in sorted(free_n) if words_n[y] and y not in logs_n]
    if not free_o or not free_n:
        return
    cos = tfidf_cosines([words_o[x] for x in free_o], [words_n[y] for y in free_n], words_o + words_n)
    titles_o = [set(terms(s.title)) for s in to.sections]
    titles_n = [set(terms(s.title)) for s in tn.sections]
    dice = np.array([[2 * len(titles_o[x] & titles_n[y]) / max(1, len(titles_o[x]) + len(titles_n[y]))
                      for y in free_n] for x in free_o])
    score = cos + 0.5 * dice
    for r, c in zip(*linear_sum_assignment(score, maximize=True)):
        if cos[r, c] >= SECTION_CONTENT and score[r, c] >= SECTION_CONTENT_ACCEPT:
            pairs[free_o[r]] = free_n[c]


def _section_words(side: _Side, n_sections: int) -> list[list[str]]:
    """Each section's own paragraphs' content word stems (successors.terms), one list per section."""
    out: list[list[str]] = [[] for _ in range(n_sections)]
    for p, k in zip(side.paragraphs, side.section):
        if k >= 0:
            out[k] += terms(p.text)
    return out


def _logs(side: _Side, n_sections: int) -> set[int]:
    """Sections at least LOG_DATED of whose paragraphs report a dated event ("On 21 March, ...":
    successors.is_dated). A body section tells of dated events too (Lebanon's "Disarming armed groups": 6 of 10),
    an annex's list of incidents is nearly all of them (22 of 22, 48 of 49, 23 of 28)."""
    dated, total = Counter(), Counter()
    for p, k in zip(side.paragraphs, side.section):
        total[k] += 1
        dated[k] += is_dated(p.text)
    return {k for k in range(n_sections) if total[k] and dated[k] >= LOG_DATED * total[k]}


def _related_titles(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a, b) >= RELATED_TITLE or fuzz.ratio(a, b) >= RELATED_TITLE


# ---------------------------------------------------------------------------------------------- moves, order

def _in_order(links: list[Link]) -> set[int]:
    """ids of the links (paired ones, in new order) on a longest increasing subsequence of old positions."""
    seq = [(min(l.new), min(l.old), id(l)) for l in links if l.old and l.new]
    seq.sort()
    tails: list[int] = []          # smallest old position ending an increasing run of each length
    tail_at: list[int] = []        # index into seq of that element
    back: list[int] = [-1] * len(seq)
    for k, (_, o, _) in enumerate(seq):
        pos = bisect_left(tails, o)
        back[k] = tail_at[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(o)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = o, k
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(seq[k][2])
        k = back[k]
    return keep


def _mark_moves(links: list[Link], old: _Side, new: _Side, section_map: dict[int, int]) -> None:
    """Flag links that changed section, then those out of order among the rest (so that a paragraph that
    changed section cannot make its innocent neighbours look out of order)."""
    paired_new = set(section_map.values())
    paired = [l for l in links if l.old and l.new]
    for link in paired:
        old_secs = {old.section[i] for i in link.old}
        new_secs = {new.section[j] for j in link.new}
        # Only a move between two sections that both live on counts: a paragraph under a heading that was added or
        # dropped, still in its old order, was restructured, not moved (a false move is worse than a missed one).
        link.moved = any(a in section_map and section_map[a] not in new_secs for a in old_secs) and \
            all(b in paired_new for b in new_secs)
    rest = [l for l in paired if not l.moved]
    in_order = _in_order(rest)
    for link in rest:
        link.moved = id(link) not in in_order


def _reading_order(links: list[Link]) -> list[Link]:
    """Links in new reading order; each removed paragraph right after the nearest earlier old paragraph that
    stayed in place (so it shows where it stood)."""
    of_old: dict[int, Link] = {i: l for l in links for i in l.old}
    removed = sorted((l for l in links if not l.new), key=lambda l: l.old[0])
    placed = sorted((l for l in links if l.new), key=lambda l: min(l.new))
    after: dict[int, list[Link]] = {}
    head: list[Link] = []
    for r in removed:
        anchor = next((of_old[k] for k in range(r.old[0] - 1, -1, -1)
                       if of_old[k].new and not of_old[k].moved), None)
        (after.setdefault(id(anchor), []) if anchor else head).append(r)
    out = list(head)
    for l in placed:
        out.append(l)
        out.extend(after.get(id(l), []))
    return out


# ---------------------------------------------------------------------------------------------- entry point

@dataclass
class _State:
    """The alignment under way: both editions' features, the links so far and the section pairing."""
    old: Edition
    new: Edition
    old_side: _Side
    new_side: _Side
    linker: _Linker
    section_map: dict[int, int]

    def pair_sections(self) -> None:
        self.section_map = pair_sections(self.old, self.new, self.old_side, self.new_side, self.linker.links)


def align(old: Edition, new: Edition, tokens: tuple[list[list[str]], list[list[str]]] | None = None, *,
          successors: bool = True) -> Alignment:
    """Section pairs and paragraph links of two editions: the textual tier (same wording: unchanged, modified,
    split, merged), then, unless `successors` is False, the successor tier (same subject, rewritten: see
    `successors.py`); what is left is added or removed. `tokens`: both editions' paragraph content tokens
    (`content_tokens`), when the caller has them already."""
    state = textual_alignment(old, new, tokens)
    likely_old: dict[int, float] = {}
    likely_new: dict[int, float] = {}
    if successors:
        likely_old, likely_new = _link_successors(state)
        state.pair_sections()             # rewritten paragraphs vote for their sections too
    linker = state.linker
    for i in linker.free_old():
        linker.add([i], [], 0.0, successor_likelihood=likely_old.get(i))
    for j in linker.free_new():
        linker.add([], [j], 0.0, successor_likelihood=likely_new.get(j))
    _mark_unread(linker, old, new)
    _mark_moves(linker.links, state.old_side, state.new_side, state.section_map)
    return Alignment(links=_reading_order(linker.links), sections=_section_pairs(old, new, state.section_map))


def textual_alignment(old: Edition, new: Edition,
                      tokens: tuple[list[list[str]], list[list[str]]] | None = None) -> _State:
    """The links made on wording: identical anchors and runs, splits and merges, clear pairs, then pairs their
    context supports; sections paired by those links."""
    vocab = TokenCodec()
    old_side, new_side = _side(old, vocab, tokens and tokens[0]), _side(new, vocab, tokens and tokens[1])
    scores = _Scores(old_side, new_side, _candidates(old_side, new_side))
    state = _State(old, new, old_side, new_side, _Linker(old_side.size, new_side.size), {})
    linker = state.linker
    _link_identical(old_side, new_side, linker)
    _link_identical_runs(old_side, new_side, linker)
    _link_groups(scores, linker)
    _clear_pairs(scores, linker)
    state.pair_sections()

    def sections_paired(a: int, b: int) -> bool:
        return a >= 0 and state.section_map.get(a) == b

    for _ in range(3):                      # neighbours linked in one pass support pairs in the next
        extended = _extend_runs(scores, linker)
        if not _context_pairs(scores, linker, sections_paired) and not extended:
            break
    state.pair_sections()
    return state


def section_ids(state: _State) -> dict[str, str]:
    """The state's section pairing by section id (old -> new)."""
    return {state.old.sections[a].id: state.new.sections[b].id for a, b in state.section_map.items()}


def _link_successors(state: _State) -> tuple[dict[int, float], dict[int, float]]:
    """The successor tier: paragraphs left free, linked to the paragraph on the same subject in the same role, or
    joined to a textual pair whose edit absorbed them (`successors.absorbed`). Returns, for each paragraph it
    weighed, how likely its most likely successor was (old side, new side)."""
    linker = state.linker
    textual = [link for link in linker.links if link.old and link.new]
    found = find_successors(state.old, state.new, linker.free_old(), linker.free_new(), section_ids(state),
                            textual=[(link.old, link.new) for link in textual])
    for s in found.groups:
        linker.add(s.old, s.new, _ratio(state, s.old, s.new), successor=True, confidence=s.confidence,
                   shared=s.shared, cites=s.cites, place=s.place)
    for a in found.absorbed:
        link = textual[a.link]
        linker.join(link, [a.paragraph] if a.side == "old" else [], [a.paragraph] if a.side == "new" else [])
        link.similarity = _ratio(state, link.old, link.new)
    return found.likely_old, found.likely_new


def _ratio(state: _State, old: list[int], new: list[int]) -> float:
    """Indel similarity (0-1) of the two sides' token codes, each side's paragraphs joined."""
    return Indel.normalized_similarity("".join(state.old_side.codes[i] for i in old),
                                       "".join(state.new_side.codes[j] for j in new))


def _mark_unread(linker: _Linker, old: Edition, new: Edition) -> None:
    """An added or removed paragraph whose paired neighbours' partners stand on either side of a page of the other
    edition without a text layer (a scanned page, an OCR layer that is not words) may stand on that page: it is
    unread there (`Link.unread_page`), not known to be new or dropped. Only between two partners: a picture closing
    a report (a map) after the last one holds no paragraph the text goes on to."""
    for of, other, far in ((linker.of_old, new, "new"), (linker.of_new, old, "old")):
        if not other.pages_without_text:
            continue
        before, after = _paired_neighbours(of, far)
        for k, link in enumerate(of):
            if link is None or (link.old and link.new):
                continue
            if before[k] and after[k]:      # strictly between the two partners' pages
                link.unread_page = _first_unread(other, other.paragraphs[max(before[k])].page_end + 1,
                                                 other.paragraphs[min(after[k])].page_start - 1)


def _first_unread(edition: Edition, first: int, last: int) -> int | None:
    """The first page of `edition` without a text layer from page `first` to `last` (both included), or None."""
    return next((p for p in sorted(edition.pages_without_text) if first <= p <= last), None)


def _paired_neighbours(of: list[Link | None], far: str) -> tuple[list[list[int]], list[list[int]]]:
    """For each paragraph, the other side's paragraphs of the nearest paragraph before it, and after it, that has
    a partner ([] where there is none): one pass each way, where a walk from every unpaired paragraph took time
    quadratic in a long run of them."""
    def nearest(order: range) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in of]
        last: list[int] = []
        for k in order:
            out[k] = last
            link = of[k]
            if link is not None and link.old and link.new:
                last = getattr(link, far)
        return out

    return nearest(range(len(of))), nearest(range(len(of) - 1, -1, -1))


def _section_pairs(old: Edition, new: Edition, section_map: dict[int, int]) -> list[SectionPair]:
    """All sections of both editions: pairs in new order, removed ones after the pair of their predecessor. A
    section of one edition only says where the other edition's unread page would have held it (`unread_page`)."""
    by_new = {b: a for a, b in section_map.items()}

    def removed(k: int) -> SectionPair:
        return SectionPair(old.sections[k].id, None, old.sections[k].title, None,
                           unread_page=_unread_page(k, section_map, new))

    out: list[SectionPair] = []
    unpaired_old = [a for a in range(len(old.sections)) if a not in section_map]
    emitted_old: set[int] = set()
    for b, s in enumerate(new.sections):
        a = by_new.get(b)
        if a is not None:
            # removed old sections that stood before this one's partner go first
            for k in [k for k in unpaired_old if k < a and k not in emitted_old]:
                out.append(removed(k))
                emitted_old.add(k)
            out.append(SectionPair(old.sections[a].id, s.id, old.sections[a].title, s.title))
        else:
            out.append(SectionPair(None, s.id, None, s.title, unread_page=_unread_page(b, by_new, old)))
    out += [removed(k) for k in unpaired_old if k not in emitted_old]
    return out


def _unread_page(k: int, pairing: dict[int, int], other: Edition) -> int | None:
    """The first page of `other` without a text layer between the pages of the sections paired with the paired
    sections before and after section `k` of this edition (`pairing`: this edition's section -> other's): where
    `k`'s counterpart would stand. A map printed as a picture closes a report; its "Map" heading is then read in
    one edition and not in the next, which is no section gone."""
    if not other.pages_without_text:
        return None
    before = [pairing[a] for a in pairing if a < k]
    after = [pairing[a] for a in pairing if a > k]
    return _first_unread(other, (other.sections[max(before)].page if before else None) or 1,
                         (other.sections[min(after)].page if after else None) or other.pages)
