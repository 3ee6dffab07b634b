"""Tables and figures of two editions compared by meaning, not by position.

Tables are paired by title and place (section, order), their rows by key and their columns by header, so that a
table whose rows were reordered or that grew by a row still lines up cell for cell:
1. **Pairing**: a score per (old, new) pair — the titles' similarity once dates and numbers are set aside (the "as at"
   date changes every edition), the share of common headers and of common row keys, a little for sections that the
   alignment paired and for the same rank among the tables — then the best one-to-one assignment above a floor.
   What is left is an added or a removed table.
2. **Rows** by their key, the first cell (a country, a month, a category), case and spacing aside; a first column
   that only counts the rows (1, 2, 3 …) is no key, the second column is. A key printed twice is told apart by
   its occurrence ("SJF", "SJF #2").
3. **Columns** by header (the same text, then a close one), then by position when the headers are missing.
4. **Cells**: a paired row's cells in paired columns that differ (`–`, `-` and `—` are one zero), each with the
   difference when both are figures (`1 375` → `1 402`: +27).
5. **Figures** as units: title, the chart's words and the notes; a renumbered label ("Figure II" → "Figure III")
   alone is no change.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from .._lsap import linear_sum_assignment
from ..model import CellChange, Edition, Figure, FigureChange, SectionPair, Table, TableChange
from .wordiff import MONTH_NAMES, diff_words

PAIR_FLOOR = 0.45            # a pairing score below this is no pair (an added and a removed table)
DASHES = "–—−-"
_NUMBER = re.compile(r"^[(\[]?([-−+]?)(\d{1,3}(?:[ \u2009\u202f\u00a0,]\d{3})+|\d+)(?:\.(\d+))?\s*(%|per cent)?[)\]]?$")
_MONTHS = [m.lower() for m in MONTH_NAMES]
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.I)
_NOISE = re.compile(r"\b(\d[\d,./ ]*|" + "|".join(_MONTHS) + r"|as at|as of)\b", re.I)


# ---------------------------------------------------------------------------------------------------- values

def number(text: str | None) -> float | None:
    """The value of a cell that holds a figure (`1 375`, `13,990`, `4.5`, `12 %`), 0 for a dash; else None."""
    t = " ".join((text or "").split())
    if not t:
        return None
    if t in DASHES:
        return 0.0
    m = _NUMBER.match(t)
    if not m:
        return None
    whole = re.sub(r"[ \u2009\u202f\u00a0,]", "", m.group(2))
    value = float(whole + ("." + m.group(3) if m.group(3) else ""))
    return -value if m.group(1) in ("-", "−") else value


def same_cell(a: str | None, b: str | None) -> bool:
    """Two cells that say the same: spacing aside, and any dash for zero."""
    na, nb = " ".join((a or "").split()), " ".join((b or "").split())
    if na == nb:
        return True
    return bool(na) and bool(nb) and na in DASHES and nb in DASHES


def title_date(title: str) -> str | None:
    """The ISO date printed in a table's title ("(as at 14 March 2025)"), or None."""
    m = _DATE.search(title or "")
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{_MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"


def _plain(text: str) -> str:
    return " ".join(_NOISE.sub(" ", (text or "").lower()).split())


def norm(text: str) -> str:
    return " ".join((text or "").lower().split())


# ---------------------------------------------------------------------------------------------------- pairing

_COUNTER_HEAD = re.compile(r"^(No\.?|Nos?\.|#|S/?N|Serial( No\.?)?|Item)$", re.I)


def key_column(table: Table) -> int:
    """The column that names the rows: the first, or the second when the first only counts them ("No.", or
    1, 2, 3 … down the rows)."""
    if not table.rows or any(len(r) < 2 for r in table.rows):
        return 0
    if table.header and _COUNTER_HEAD.match(table.header[0].strip()):
        return 1
    firsts = [r[0].strip().rstrip(".") for r in table.rows]
    if len(firsts) >= 2 and all(f.isdigit() for f in firsts) \
            and [int(f) for f in firsts] == list(range(int(firsts[0]), int(firsts[0]) + len(firsts))):
        return 1
    return 0


def shared_key_column(a: Table, b: Table) -> int:
    """The key column of a pair of tables: a counting column in either (a one-row table cannot show it) makes
    the second column the key of both."""
    return max(key_column(a), key_column(b))


def _width(table: Table) -> int:
    return len(table.header) if table.header else max((len(r) for r in table.rows), default=0)


def row_keys(table: Table, col: int | None = None) -> list[str]:
    """Each row's key (see key_column), spacing aside; a key printed twice is numbered ("SJF #2")."""
    col = key_column(table) if col is None else col
    seen: Counter = Counter()
    keys = []
    for r in table.rows:
        key = " ".join(r[col].split()) if len(r) > col else ""
        seen[norm(key)] += 1
        keys.append(key if seen[norm(key)] == 1 else f"{key} #{seen[norm(key)]}")
    return keys


_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset("the and for from with into by of to in on at as per".split())


class TitleSimilarity:
    """Similarity of two titles as the weighted share of their words, each word weighted by how rare it is among
    all the titles of both editions: every chart of a UNIFIL report says "United Nations Interim Force in Lebanon",
    so only "weekly air attacks" or "trajectories of projectiles" tell two of them apart (a plain string ratio
    paired "Daily trajectories of projectiles …" with "Caches of weapons …" on the shared words)."""

    def __init__(self, titles: list[str]) -> None:
        self.df: Counter = Counter(w for t in titles for w in self.words(t))
        self.n = max(1, len(titles))

    @staticmethod
    def words(title: str) -> set[str]:
        return {w for w in _WORD.findall(_plain(title)) if w not in _STOP}

    def weight(self, word: str) -> float:
        return math.log(1 + self.n / max(1, self.df[word]))

    def __call__(self, a: str, b: str) -> float:
        wa, wb = self.words(a), self.words(b)
        if not wa and not wb:
            return 0.5
        union = sum(self.weight(w) for w in wa | wb)
        return sum(self.weight(w) for w in wa & wb) / union if union else 0.0


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = {norm(x) for x in a if x.strip()}, {norm(x) for x in b if x.strip()}
    return len(sa & sb) / max(1, len(sa | sb))


def _pair(old_items: list, new_items: list, score) -> list[tuple[int | None, int | None]]:
    """One-to-one pairs above the floor (old index, new index), the unpaired ones with None, in the new order."""
    pairs: dict[int, int] = {}
    if old_items and new_items:
        m = np.array([[score(a, i, b, j) for j, b in enumerate(new_items)] for i, a in enumerate(old_items)])
        rows, cols = linear_sum_assignment(m, maximize=True)
        pairs = {int(c): int(r) for r, c in zip(rows, cols) if m[r, c] >= PAIR_FLOOR}
    out: list[tuple[int | None, int | None]] = []
    used = set(pairs.values())
    pending_old = [i for i in range(len(old_items)) if i not in used]
    for j in range(len(new_items)):
        i = pairs.get(j)
        while pending_old and i is not None and pending_old[0] < i:
            out.append((pending_old.pop(0), None))         # a removed one where it stood
        out.append((i, j))
    out += [(i, None) for i in pending_old]
    return out


def _section_bonus(sections: list[SectionPair]):
    paired = {(sp.old, sp.new) for sp in sections if sp.old and sp.new}
    return lambda a, b: 0.1 if (a, b) in paired else 0.0


class _Evidence:
    """What pairs two tables or two figures whatever else they hold: their titles' likeness (words weighted by
    rarity among all the titles), their place in their edition (0-1) and whether their sections are paired."""

    def __init__(self, olds: list, news: list, sections: list[SectionPair]) -> None:
        self.section = _section_bonus(sections)
        self.title = TitleSimilarity([x.title for x in olds + news])
        self._n_old, self._n_new = max(1, len(olds)), max(1, len(news))

    def place(self, i: int, j: int) -> float:
        return 1 - abs(i / self._n_old - j / self._n_new)


def _table_score(old: Edition, new: Edition, sections: list[SectionPair]):
    ev = _Evidence(old.tables, new.tables, sections)
    keys_o, keys_n = [row_keys(t) for t in old.tables], [row_keys(t) for t in new.tables]

    def score(a: Table, i: int, b: Table, j: int) -> float:
        header = _overlap(a.header, b.header) if a.header or b.header else 0.5
        keys = _overlap(keys_o[i], keys_n[j])
        unlike = _width(a) != _width(b) and keys < 0.3          # another shape and other rows: another table
        return (0.4 * ev.title(a.title, b.title) + 0.2 * header + 0.3 * keys + 0.1 * ev.place(i, j)
                + ev.section(a.section, b.section) - (0.3 if unlike else 0.0))
    return score


# ---------------------------------------------------------------------------------------------------- tables

def match_columns(a: Table, b: Table) -> list[tuple[int | None, int | None, str]]:
    """(old index, new index, name) for every column of either table: by header, then by position."""
    na, nb = _width(a), _width(b)
    ha = [norm(h) for h in a.header] if a.header else [""] * na
    hb = [norm(h) for h in b.header] if b.header else [""] * nb
    pairs: dict[int, int] = {}
    for j, h in enumerate(hb):                                   # the same header
        if h and h in ha and ha.index(h) not in pairs.values() and ha.count(h) == 1:
            pairs[j] = ha.index(h)
    for j, h in enumerate(hb):                                   # a close one (a reworded header)
        if j in pairs or not h:
            continue
        best = max((i for i in range(na) if i not in pairs.values() and ha[i]),
                   key=lambda i: fuzz.ratio(ha[i], h), default=None)
        if best is not None and fuzz.ratio(ha[best], h) >= 80:
            pairs[j] = best
    if na == nb:                                                 # no headers to go by: the same position
        for j in range(nb):
            if j not in pairs and j not in pairs.values() and not (ha[j] and hb[j]):
                pairs[j] = j
    out: list[tuple[int | None, int | None, str]] = []
    for j in range(nb):
        i = pairs.get(j)
        name = (b.header[j] if b.header and b.header[j] else
                a.header[i] if i is not None and a.header and a.header[i] else f"column {j + 1}")
        out.append((i, j, name))
    for i in range(na):
        if i not in pairs.values():
            out.append((i, None, a.header[i] if a.header and a.header[i] else f"column {i + 1} (old)"))
    return out


@dataclass
class TablePairing:
    """How an old and a new table line up, for the comparison and for the report's view of both: the key column
    they share, each row's key and place by key, and the columns paired (`match_columns`)."""
    key: int
    keys_a: list[str]
    keys_b: list[str]
    index_a: dict[str, int]
    index_b: dict[str, int]
    columns: list[tuple[int | None, int | None, str]]

    @classmethod
    def of(cls, a: Table, b: Table) -> TablePairing:
        key = shared_key_column(a, b)
        keys_a, keys_b = row_keys(a, key), row_keys(b, key)
        return cls(key, keys_a, keys_b, {norm(k): i for i, k in enumerate(keys_a)},
                   {norm(k): j for j, k in enumerate(keys_b)}, match_columns(a, b))

    def compares(self, ci: int | None, cj: int | None) -> bool:
        """Whether a cell of these paired columns can change: not the key itself (its rows are paired by it), nor
        a counting first column when the key is the next one (renumbering is no change)."""
        return ci is not None and cj is not None and not (ci == cj == self.key) and not (self.key == 1 and
                                                                                       ci == cj == 0)


def compare_table(a: Table | None, b: Table | None) -> TableChange:
    """The changes between an old and a new table (either may be None: added or removed)."""
    if a is None or b is None:
        t = b or a
        keys = row_keys(t)
        return TableChange("added" if a is None else "removed", a.id if a else None, b.id if b else None,
                           rows_added=keys if a is None else [], rows_removed=keys if b is None else [])
    pairing = TablePairing.of(a, b)
    keys_a, index_b, cols = pairing.keys_a, pairing.index_b, pairing.columns
    change = TableChange("unchanged", a.id, b.id)
    totals = set(b.total_rows)
    for j, key in enumerate(pairing.keys_b):
        i = pairing.index_a.get(norm(key))
        if i is None:
            change.rows_added.append(key)
            continue
        for ci, cj, name in cols:
            if ci is None or cj is None or not pairing.compares(ci, cj):
                continue
            old = a.rows[i][ci] if ci < len(a.rows[i]) else ""
            new = b.rows[j][cj] if cj < len(b.rows[j]) else ""
            if not same_cell(old, new):
                vo, vn = number(old), number(new)
                change.cells.append(CellChange(row=key, column=name, old=old, new=new,
                                               difference=vn - vo if vo is not None and vn is not None else None,
                                               total=j in totals))
    change.rows_removed = [k for k in keys_a if norm(k) not in index_b]
    change.columns_added = [name for ci, cj, name in cols if ci is None]
    change.columns_removed = [name for ci, cj, name in cols if cj is None]
    if " ".join(a.title.split()) != " ".join(b.title.split()):
        change.old_title, change.new_title = a.title, b.title
        da, db = title_date(a.title), title_date(b.title)
        if da != db:
            change.old_date, change.new_date = da, db
    if (change.cells or change.rows_added or change.rows_removed or change.columns_added or change.columns_removed
            or change.old_title is not None):
        change.kind = "modified"
    return change


def compare_tables(old: Edition, new: Edition, sections: list[SectionPair] = ()) -> list[TableChange]:
    """Every table of either edition in one TableChange, in the new edition's order (removed ones in place)."""
    return _compare_paired(old.tables, new.tables, _table_score(old, new, list(sections)), compare_table)


# ---------------------------------------------------------------------------------------------------- figures

def _figure_score(old: Edition, new: Edition, sections: list[SectionPair]):
    ev = _Evidence(old.figures, new.figures, sections)

    def score(a: Figure, i: int, b: Figure, j: int) -> float:
        words = fuzz.token_set_ratio(_plain(a.text), _plain(b.text)) / 100 if a.text or b.text else 0.5
        return (0.7 * ev.title(a.title, b.title) + 0.15 * words + 0.15 * ev.place(i, j)
                + ev.section(a.section, b.section))
    return score


def compare_figure(a: Figure | None, b: Figure | None) -> FigureChange:
    if a is None or b is None:
        return FigureChange("added" if a is None else "removed", a.id if a else None, b.id if b else None)
    change = FigureChange("unchanged", a.id, b.id)
    if norm(a.title) != norm(b.title):
        change.changed.append("title")
        change.old_title, change.new_title = a.title, b.title
    if norm(a.labels) != norm(b.labels):
        change.changed.append("labels")
    if [norm(n) for n in a.notes] != [norm(n) for n in b.notes]:
        change.changed.append("notes")
    if "labels" in change.changed or "notes" in change.changed:
        change.diff = diff_words(a.text, b.text).ops
    if change.changed:
        change.kind = "modified"
    return change


def compare_figures(old: Edition, new: Edition, sections: list[SectionPair] = ()) -> list[FigureChange]:
    """Every figure of either edition in one FigureChange, in the new edition's order (removed ones in place)."""
    return _compare_paired(old.figures, new.figures, _figure_score(old, new, list(sections)), compare_figure)


def _compare_paired(olds: list, news: list, score, compare_one) -> list:
    """Pair two lists of tables (or figures) by `score`, then compare each pair, a lone one as added or removed."""
    return [compare_one(olds[i] if i is not None else None, news[j] if j is not None else None)
            for i, j in _pair(olds, news, score)]
