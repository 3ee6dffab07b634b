"""Successor links: the new edition's paragraph on the same subject, in the same role, however reworded.

Successive UN reports are rewritten, not edited: the textual tier of the alignment (`align.py`) links a paragraph
only when most of its words survive, which on real pairs of editions is 10-20 % of what an analyst pairs. This
tier links the paragraphs left over, using the evidence an analyst uses:

- the specific subject: words rare in the pair of editions weigh most (TF-IDF over word stems), also with the
  rarity counted inside the paired section (in a section on Africa "Mali" tells paragraphs apart, in the whole
  report it is common), and the named actors and places (capitalised words) counted the same way; and the pair's
  own latent semantic space (LSA), in which words that go together in these two reports bring paragraphs close;
- a sentence carried over nearly word for word (the best-matching pair of sentences);
- the section pairing (a rewritten section still pairs by title and place in the tree) and the place inside the
  section (a section's first and last paragraphs keep their role), the length, and whether both paragraphs are
  dated event reports ("On 7 December, ...": two incidents of two periods are different subjects);
- the competition: how a pair's similarity compares with the best each of its two paragraphs has elsewhere (a
  new paragraph that suits another old paragraph better is a weaker choice).

Each paragraph *chooses* its successor among all the free paragraphs of the other edition, or none: a conditional
logit (a softmax over the candidates plus a "no successor" option), one for old → new and one for new → old. A
paragraph is linked to its choice when that choice is likely enough; the chosen pairs of both directions, joined
where they share a paragraph, are the groups (two old paragraphs rewritten as three new ones are one group).

The weights are fitted on analysts' answer keys for real pairs of editions (`benchmarks/train_successors.py`, which
also measures them on pairs held out of the fitting) and shipped in `successor_model.json`; the threshold is
chosen there so that a false successor stays rarer than a missed one. A shared broad theme does not carry a link:
the no-successor option wins unless the specific evidence does.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from ..model import Edition
from .word_forms import can_be_noun
from .wordiff import MONTHS, MONTHS_LOWER

MODEL_FILE = "successor_model.json"
MIN_TERMS = 5                 # paragraphs with fewer content terms (chart labels, table cells) are never linked
MAX_GROUP = 4                 # paragraphs on one side of a successor group at most
ATTACH = 0.4                  # a weaker choice joins a group a paragraph near it belongs to (see _attachments)
ATTACH_REACH = 2              # ... at most this many paragraphs away in its edition (2: one paragraph between)
MAX_CITED_RANGE = 5           # "paras. 12-14" cites each; a longer range is a summary, not a predecessor
ABSORB = 0.3                  # a paragraph this close to the words an edit added next to it was folded in (absorbed)
MAX_DENSE_CELLS = 400_000     # above this many candidate pairs, only pairs inside related sections are scored
MAX_SHARED_TERMS = 5          # salient terms quoted as the reason for a link
LATENT_DIMS = 50              # dimensions of the pair's latent semantic space (measured best of 20-120)
LATENT_MAX_DOCS = 800         # above this many paragraphs, the latent space is built from the free ones only
STEM = 6                      # word stems: the first letters of a word ("repatriated", "repatriation" -> "repatr")

_STOP = frozenset("""
the a an and or of to in on at by for from with as is are was were be been has have had that this these those its
their it which who whom than then there also into over under between during within per all any some such not no
more most less other he she they we our his her them would could should may might will can shall including include
includes included well while since through against among about after before both each further however made make
new one two three continued continue remained remain reporting period report present secretary general united
nations
""".split())
_WORD = re.compile(r"[^\W\d_][\w’'\-]+")
_TOKEN = re.compile(r"[\w’'\-]+|[.!?;:]")
_CAPITALISED = re.compile(r"[A-Z][\w’'\-]*")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“(])")
_DATED = re.compile(
    r"^(?:(?:Early|Late|Later)\s+(?:in\s+the\s+\w+\s+)?)?(?:On|In|Between|From|By|Since|During|As of|As at|"
    r"Throughout)?\s*(?:the\s+(?:morning|evening|night)\s+of\s+)?(?:\d{1,2}(?:\s*(?:and|to|–|-)\s*\d{1,2})?\s+)?"
    rf"(?:{MONTHS})\b")
_NAME = re.compile(r"(?:[A-Z][\w’'\-]+|al-[A-Z][\w’'\-]+)(?:\s+(?:(?:of|the|al|bin|ibn|de|du|la|el)\s+)?"
                   r"(?:[A-Z][\w’'\-]+|al-[A-Z][\w’'\-]+))*")


# ---------------------------------------------------------------------------------------------- what is read

def terms(text: str) -> list[str]:
    """Content word stems of a text, lower case, function words left out."""
    return [w.lower()[:STEM] for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in _STOP]


def names(text: str) -> list[str]:
    """Capitalised words that are not a sentence's first word (actors, places, organisations, programmes), and
    acronyms anywhere, lower case."""
    out, sentence_start = [], True
    for tok in _TOKEN.findall(text):
        if tok in ".!?;:":
            sentence_start = True
            continue
        low = tok.lower()
        if (_CAPITALISED.fullmatch(tok) and (not sentence_start or tok.isupper()) and low not in MONTHS_LOWER
                and low not in _STOP):
            out.append(low.removesuffix("’s").removesuffix("'s"))
        sentence_start = False
    return out


def sentences(text: str) -> list[str]:
    """The sentences of five words or more, each as its content words (for the carried-over-sentence test)."""
    return [" ".join(terms(s)) for s in _SENTENCE_END.split(text) if len(s.split()) >= 5]


def is_dated(text: str) -> bool:
    """The paragraph reports a dated event ("On 7 December, ...", "Late on 2 April ...")."""
    return bool(_DATED.match(text))


@dataclass
class _Paragraphs:
    """What this tier reads of one edition's paragraphs."""
    terms: list[list[str]]
    names: list[list[str]]
    sentences: list[list[str]]
    dated: np.ndarray
    length: np.ndarray            # characters
    section: list[str | None]
    top: list[str | None]         # outermost section
    rank: np.ndarray              # place in its section (0 = first) ...
    count: np.ndarray             # ... of how many

    @property
    def opens(self) -> np.ndarray:
        """Whether each paragraph is its section's first."""
        return self.rank == 0

    @property
    def closes(self) -> np.ndarray:
        """Whether each paragraph is its section's last."""
        return self.rank == self.count - 1

    @classmethod
    def of(cls, edition: Edition) -> _Paragraphs:
        paras = edition.paragraphs
        outer = _outermost(edition)
        count = Counter(p.section for p in paras)
        seen: Counter = Counter()
        rank = []
        for p in paras:
            rank.append(seen[p.section])
            seen[p.section] += 1
        return cls(terms=[terms(p.text) for p in paras], names=[names(p.text) for p in paras],
                   sentences=[sentences(p.text) for p in paras],
                   dated=np.array([is_dated(p.text) for p in paras], dtype=float),
                   length=np.array([len(p.text) for p in paras], dtype=float),
                   section=[p.section for p in paras], top=[outer.get(p.section) for p in paras],
                   rank=np.array(rank, dtype=float), count=np.array([count[p.section] for p in paras], dtype=float))


def _outermost(edition: Edition) -> dict[str | None, str | None]:
    """Each section's outermost enclosing section (itself at the top level)."""
    return {sid: chain[-1] if chain else None for sid, chain in edition.ancestors().items()}


# ---------------------------------------------------------------------------------------------- evidence

def document_frequencies(docs: list[list[str]]) -> tuple[Counter, int]:
    """(documents using each term, in the order the documents first use them; number of documents). The order is
    the TF-IDF matrices' column order: a set's order changes with Python's hash seed, and with it the rounding of
    the latent space's eigenvalues, so that one run's 50th dimension was another's 51st and a paragraph's best
    successor was 50 % likely in one process, 40 % in the next (a batch run on a local cluster against a pool)."""
    return Counter(t for d in docs for t in dict.fromkeys(d)), len(docs)


def tfidf_cosines(docs_a: list[list[str]], docs_b: list[list[str]],
                  background: list[list[str]] | None = None,
                  counts: tuple[Counter, int] | None = None) -> np.ndarray:
    """Cosine of sublinear TF-IDF vectors; the IDF is counted over `background` (default: both lists), or given as
    `counts` (documents using each term, in the order the background first uses them; number of documents)."""
    if not docs_a or not docs_b:
        return np.zeros((len(docs_a), len(docs_b)))
    if counts is None:
        counts = document_frequencies(docs_a + docs_b if background is None else background)
    return tfidf_vectors(docs_a, counts) @ tfidf_vectors(docs_b, counts).T


def tfidf_vectors(docs: list[list[str]], counts: tuple[Counter, int]) -> np.ndarray:
    """Unit-length sublinear TF-IDF vectors of `docs` (one row each; terms missing from `counts` are left out,
    a document with none is a row of zeros)."""
    df, n_docs = counts
    column = {t: k for k, t in enumerate(df)}
    idf = np.log(n_docs / np.array(list(df.values()), dtype=float)) if df else np.zeros(0)
    m = np.zeros((len(docs), len(column)))
    for r, d in enumerate(docs):
        for t, c in Counter(d).items():
            k = column.get(t)
            if k is not None:
                m[r, k] = 1 + math.log(c)
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1)


def _local_cosines(docs_o: list[list[str]], docs_n: list[list[str]], group_o: list, group_n: list,
                   rows: list[int], cols: list[int], paired: dict) -> np.ndarray:
    """TF-IDF cosines of the `rows` x `cols` paragraphs with the rarity counted inside each pair of paired
    groups (sections) of all the paragraphs; zero for pairs outside a paired group."""
    out = np.zeros((len(rows), len(cols)))
    members_o: dict = {}
    members_n: dict = {}
    for i, g in enumerate(group_o):
        members_o.setdefault(g, []).append(i)
    for j, g in enumerate(group_n):
        members_n.setdefault(g, []).append(j)
    rows_of: dict = {}
    cols_of: dict = {}
    for r, i in enumerate(rows):
        rows_of.setdefault(group_o[i], []).append(r)
    for c, j in enumerate(cols):
        cols_of.setdefault(group_n[j], []).append(c)
    for g, rs in rows_of.items():
        h = paired.get(g) if g is not None else None
        cs = cols_of.get(h)
        if not cs:
            continue
        background = [docs_o[i] for i in members_o[g]] + [docs_n[j] for j in members_n[h]]
        out[np.ix_(rs, cs)] = tfidf_cosines([docs_o[rows[r]] for r in rs], [docs_n[cols[c]] for c in cs],
                                            background)
    return out


def _latent_cosines(docs_o: list[list[str]], docs_n: list[list[str]], rows: list[int],
                     cols: list[int]) -> np.ndarray:
    """Cosines in the pair's own latent semantic space (LSA: a truncated SVD of the TF-IDF paragraph x stem
    matrix of both editions): paragraphs whose words tend to occur together elsewhere in the two reports come
    close even when they share few words themselves ("repatriation" and "returnees", "camps" and "Hawl")."""
    if len(docs_o) + len(docs_n) > LATENT_MAX_DOCS:
        docs_o, docs_n = [docs_o[i] for i in rows], [docs_n[j] for j in cols]
        rows, cols = list(range(len(rows))), list(range(len(cols)))
    docs = docs_o + docs_n
    counts = document_frequencies(docs)
    if not counts[0] or not rows or not cols:
        return np.zeros((len(rows), len(cols)))
    m = tfidf_vectors(docs, counts)
    # the SVD's left side from the paragraphs' Gram matrix (paragraphs x paragraphs, far smaller than
    # paragraphs x stems): eigenvectors U and eigenvalues s^2, so that U s are the paragraphs' coordinates
    values, vectors = np.linalg.eigh(m @ m.T)
    k = max(1, min(LATENT_DIMS, len(values)))
    top = np.argsort(values)[::-1][:k]
    e = vectors[:, top] * np.sqrt(np.maximum(values[top], 0.0))
    e /= np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-12)
    return e[rows] @ e[[len(docs_o) + j for j in cols]].T


def _best_sentence_pairs(sents_o: list[list[str]], sents_n: list[list[str]]) -> np.ndarray:
    """For each pair of paragraphs, the similarity (0-1, Indel on characters of the content words) of their two
    most alike sentences: a sentence carried over into a rewritten paragraph."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    out = np.zeros((len(sents_o), len(sents_n)))
    flat_o = [s for ss in sents_o for s in ss]
    flat_n = [s for ss in sents_n for s in ss]
    if not flat_o or not flat_n:
        return out
    sim = process.cdist(flat_o, flat_n, scorer=Indel.normalized_similarity, dtype=np.float32, workers=1)
    row_of = np.repeat(np.arange(len(sents_o)), [len(s) for s in sents_o])
    col_of = np.repeat(np.arange(len(sents_n)), [len(s) for s in sents_n])
    by_row = np.zeros((len(sents_o), len(flat_n)), dtype=np.float32)
    np.maximum.at(by_row, row_of, sim)
    np.maximum.at(out.T, col_of, by_row.T)
    return out


def _section_relation(old: Edition, new: Edition, sec_o: list, sec_n: list,
                      section_pairs: dict[str, str]) -> np.ndarray:
    """1 where the two sections are paired, 0.5 where one of them or a section enclosing it is paired with the
    other or a section enclosing it (a section split into subsections: old "II" paired with new "II", whose
    paragraphs now sit in "II.D"), else 0."""
    anc_o = old.ancestors()
    anc_n = {b: set(chain) for b, chain in new.ancestors().items()}
    out = np.zeros((len(sec_o), len(sec_n)))
    for r, a in enumerate(sec_o):
        up = {section_pairs.get(s) for s in anc_o.get(a, [])} - {None}
        for c, b in enumerate(sec_n):
            if a is not None and section_pairs.get(a) == b:
                out[r, c] = 1.0
            elif up and up & anc_n.get(b, set()):
                out[r, c] = 0.5
    return out


FEATURES = ("cos", "latent", "sec", "secpos", "loc_top", "loc_sec", "loc_names", "dated", "sentence", "length",
            "edge", "cos_rowrel", "cos_colrel", "latent_rowrel", "latent_colrel", "cos_best", "latent_best")


def _competition(name: str, v: np.ndarray) -> dict[str, np.ndarray]:
    """How a pair's similarity compares with its rivals': as a share of the best of its row (the old paragraph's
    best candidate) and of its column (the new paragraph's), and whether it is the best of either (0, 1 or 2).
    The choice of an old paragraph is a softmax over its row only; these let it see that its favourite is a
    better match for another old paragraph (measured on the analysts' keys, each pair held out: F1 0.795 ->
    0.815)."""
    if not v.size:
        return {f"{name}_rowrel": v, f"{name}_colrel": v, f"{name}_best": v}
    row_best, col_best = v.max(axis=1, keepdims=True), v.max(axis=0, keepdims=True)
    best = ((v > 0) & (v >= row_best)).astype(float) + ((v > 0) & (v >= col_best)).astype(float)
    return {f"{name}_rowrel": v / np.maximum(row_best, 1e-9), f"{name}_colrel": v / np.maximum(col_best, 1e-9),
            f"{name}_best": best}


def pair_features(old: Edition, new: Edition, rows: list[int], cols: list[int], section_pairs: dict[str, str],
                  read: tuple[_Paragraphs, _Paragraphs] | None = None,
                  counts: tuple[Counter, int] | None = None) -> dict[str, np.ndarray]:
    """The evidence for every (old paragraph in `rows`, new paragraph in `cols`) as matrices, by feature name.

    `section_pairs`: old section id -> new section id. `read`: both editions' `_Paragraphs`, and `counts`: the
    document frequencies of their terms, when the caller has them (a long pair is scored block by block). Rarities
    are counted over all the paragraphs of both editions (or of the paired sections)."""
    po, pn = read or (_Paragraphs.of(old), _Paragraphs.of(new))
    counts = counts or document_frequencies(po.terms + pn.terms)
    sec_o, sec_n = [po.section[i] for i in rows], [pn.section[j] for j in cols]
    sec = _section_relation(old, new, sec_o, sec_n, section_pairs)
    outermost = _outermost(old)
    top_pairs = {a: b for a, b in section_pairs.items() if outermost.get(a) == a}
    place_o = (po.rank[rows] + 0.5) / po.count[rows]
    place_n = (pn.rank[cols] + 0.5) / pn.count[cols]
    same_section = sec == 1.0
    first = po.opens[rows][:, None] & pn.opens[cols][None, :]
    last = po.closes[rows][:, None] & pn.closes[cols][None, :]
    cos = tfidf_cosines([po.terms[i] for i in rows], [pn.terms[j] for j in cols], counts=counts)
    latent = _latent_cosines(po.terms, pn.terms, rows, cols)
    return {
        "cos": cos,
        "latent": latent,
        **_competition("cos", cos),
        **_competition("latent", latent),
        "sec": sec,
        "secpos": np.where(same_section, np.abs(place_o[:, None] - place_n[None, :]), 1.0),
        "loc_top": _local_cosines(po.terms, pn.terms, po.top, pn.top, rows, cols, top_pairs),
        "loc_sec": _local_cosines(po.terms, pn.terms, po.section, pn.section, rows, cols, section_pairs),
        "loc_names": _local_cosines(po.names, pn.names, po.top, pn.top, rows, cols, top_pairs),
        "dated": po.dated[rows][:, None] * pn.dated[cols][None, :],
        "sentence": _best_sentence_pairs([po.sentences[i] for i in rows], [pn.sentences[j] for j in cols]),
        "length": np.abs(np.log((po.length[rows][:, None] + 50) / (pn.length[cols][None, :] + 50))),
        "edge": (same_section & (first | last)).astype(float),
    }


# ---------------------------------------------------------------------------------------------- the choice

@dataclass(frozen=True)
class Model:
    """Fitted weights of the two choices (old -> new, new -> old) over standardised features."""
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights_old: np.ndarray       # one per feature, then the no-successor score
    weights_new: np.ndarray
    threshold: float              # a choice this likely links

    @classmethod
    def from_dict(cls, d: dict) -> Model:
        return cls(features=tuple(d["features"]), mean=np.array(d["mean"]), scale=np.array(d["scale"]),
                   weights_old=np.array(d["weights_old"]), weights_new=np.array(d["weights_new"]),
                   threshold=float(d["threshold"]))


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The model fitted by benchmarks/train_successors.py, shipped with the package."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_dict(json.loads(text))


def choice_probabilities(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Row-wise softmax over the candidates and a no-successor option; `x` is rows x candidates x features
    (standardised). Returns rows x candidates (the no-successor share is what is missing from 1)."""
    scores = x @ weights[:-1]
    scores = np.concatenate([scores, np.full((scores.shape[0], 1), weights[-1])], axis=1)
    scores -= scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return (e / e.sum(axis=1, keepdims=True))[:, :-1]


def _choices(features: dict[str, np.ndarray], model: Model) -> tuple[np.ndarray, np.ndarray]:
    x = (np.stack([features[k] for k in model.features], axis=-1) - model.mean) / model.scale
    return choice_probabilities(x, model.weights_old), choice_probabilities(x.transpose(1, 0, 2),
                                                                               model.weights_new).T


def _choices_made(p_old: np.ndarray, p_new: np.ndarray, threshold: float) -> dict[tuple[int, int], float]:
    """Each paragraph's most likely choice, both ways, where it is at least `threshold` likely."""
    edges: dict[tuple[int, int], float] = {}
    for r in range(p_old.shape[0]):
        c = int(np.argmax(p_old[r]))
        if p_old[r, c] >= threshold:
            edges[(r, c)] = max(edges.get((r, c), 0.0), float(p_old[r, c]))
    for c in range(p_new.shape[1]):
        r = int(np.argmax(p_new[:, c]))
        if p_new[r, c] >= threshold:
            edges[(r, c)] = max(edges.get((r, c), 0.0), float(p_new[r, c]))
    return edges


def _attachments(p_old: np.ndarray, p_new: np.ndarray, edges: dict[tuple[int, int], float],
                 rows: list[int], cols: list[int]) -> dict[tuple[int, int], float]:
    """Weaker choices (at least ATTACH likely) of paragraphs left out, where the chosen paragraph is already
    linked to a paragraph at most ATTACH_REACH paragraphs from theirs: the third paragraph of a block rewritten
    from two, also when one paragraph stands between them (measured on the analysts' keys, each pair held out: next
    paragraph only, F1 0.819; within two, with the cited paragraphs below, 0.826 at the same precision)."""
    linked_rows = {r for r, _ in edges}
    linked_cols = {c for _, c in edges}
    out: dict[tuple[int, int], float] = {}
    for (r, c), p in _choices_made(p_old, p_new, ATTACH).items():
        if r not in linked_rows and c in linked_cols:
            if any(abs(rows[r] - rows[r2]) <= ATTACH_REACH for r2, c2 in edges if c2 == c):
                out[(r, c)] = p
        elif c not in linked_cols and r in linked_rows:
            if any(abs(cols[c] - cols[c2]) <= ATTACH_REACH for r2, c2 in edges if r2 == r):
                out[(r, c)] = p
    return out


def _groups_of(p_old: np.ndarray, p_new: np.ndarray, threshold: float, rows: list[int],
               cols: list[int], cited: set[tuple[int, int]] = frozenset()
               ) -> list[tuple[list[int], list[int], float]]:
    """Choices at least `threshold` likely, and the `cited` pairs, joined into groups where they share a paragraph
    (positions into `rows` and `cols`, the paragraphs' indices); cited pairs first, then the strongest choices, and
    a choice that would make a group larger than MAX_GROUP on a side is dropped. A group's confidence is the
    model's, cited or not (the citation is told apart)."""
    edges = _choices_made(p_old, p_new, threshold)
    edges.update({rc: max(float(p_old[rc]), float(p_new[rc]), edges.get(rc, 0.0)) for rc in cited})
    edges.update(_attachments(p_old, p_new, edges, rows, cols))
    root: dict = {}

    def find(x):
        while root.setdefault(x, x) != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    members: dict = {}
    for (r, c), _ in sorted(edges.items(), key=lambda e: (e[0] not in cited, -e[1])):
        a, b = find(("o", r)), find(("n", c))
        if a == b:
            continue
        joined = members.get(a, {("o", r)}) | members.get(b, {("n", c)})
        if sum(1 for s, _ in joined if s == "o") > MAX_GROUP or sum(1 for s, _ in joined if s == "n") > MAX_GROUP:
            continue
        root[a] = b
        members[b] = joined
        members.pop(a, None)
    out = []
    for group in members.values():
        group_rows = sorted(k for s, k in group if s == "o")
        group_cols = sorted(k for s, k in group if s == "n")
        confidence = max(p for (r, c), p in edges.items() if r in group_rows and c in group_cols)
        out.append((group_rows, group_cols, confidence))
    return out


# ---------------------------------------------------------------------------------------------- entry point

@dataclass
class Successor:
    """Old paragraph indices succeeded by new paragraph indices, how sure the choice was (0-1), the salient terms
    the two sides share (the reason a reader sees), where the new edition cites the old paragraph by number
    ("S/2025/71, para. 42", as written), and the place both hold in paired sections (`shared_place`)."""
    old: list[int]
    new: list[int]
    confidence: float
    shared: list[str]
    cites: list[str] = field(default_factory=list)
    place: str = ""


@dataclass
class SuccessorSearch:
    """What the tier found: the successor groups, and for every paragraph it weighed, how likely its most likely
    choice was (`likely_old[i]`, `likely_new[j]`, 0-1; 0 when the other side had no free paragraph at all). For a
    paragraph left without a successor it says how sure its "new" or "dropped" is (measured: brief.UNMATCHED_SLOPE).
    Not weighed, so absent: paragraphs under MIN_TERMS, and in a very long document the parts with no counterpart
    section (`_blocks`)."""
    groups: list[Successor]
    likely_old: dict[int, float]
    likely_new: dict[int, float]
    absorbed: list[Absorbed] = field(default_factory=list)


@dataclass(frozen=True)
class Absorbed:
    """A free paragraph folded into a paragraph its neighbour was edited into: `link` is the position of that
    textual link in the list given to `find_successors`, `side` "old" or "new", `paragraph` the paragraph's index."""
    link: int
    side: str
    paragraph: int


def find_successors(old: Edition, new: Edition, free_old: list[int], free_new: list[int],
                    section_pairs: dict[str, str], model: Model | None = None,
                    textual: list[tuple[list[int], list[int]]] = ()) -> SuccessorSearch:
    """Successor groups among the paragraphs the textual alignment left free, and the free paragraphs the
    `textual` links (old indices, new indices) absorbed (`absorbed`). `section_pairs`: old section id -> new
    section id (the alignment's section pairing)."""
    model = model or shipped_model()
    read = _Paragraphs.of(old), _Paragraphs.of(new)
    rows = [i for i in free_old if len(read[0].terms[i]) >= MIN_TERMS]
    cols = [j for j in free_new if len(read[1].terms[j]) >= MIN_TERMS]
    # with nothing free on the other side, nothing can succeed: the surest "new" or "dropped"
    found = SuccessorSearch([], {} if cols else dict.fromkeys(rows, 0.0), {} if rows else dict.fromkeys(cols, 0.0))
    counts = document_frequencies(read[0].terms + read[1].terms)
    cited = citations(old, new)
    for block_rows, block_cols in _blocks(old, new, rows, cols, section_pairs):
        features = pair_features(old, new, block_rows, block_cols, section_pairs, read, counts)
        p_old, p_new = _choices(features, model)
        found.likely_old.update(zip(block_rows, p_old.max(axis=1).tolist()))
        found.likely_new.update(zip(block_cols, p_new.max(axis=0).tolist()))
        sure = cited_positions(cited, block_rows, block_cols)
        for rs, cs, confidence in _groups_of(p_old, p_new, model.threshold, block_rows, block_cols, set(sure)):
            olds, news = [block_rows[r] for r in rs], [block_cols[c] for c in cs]
            shared = shared_terms(old, new, olds, news, counts)
            cites = list(dict.fromkeys(sure[(r, c)] for r in rs for c in cs if (r, c) in sure))
            # a successor shares a specific subject (a name or a rare word, not only a theme), or is cited
            if shared or cites:
                found.groups.append(Successor(olds, news, confidence, shared, cites,
                                              shared_place(read, olds, news, section_pairs)))
    found.absorbed = absorbed(textual, left_free(rows, cols, [(g.old, g.new) for g in found.groups]), read, counts)
    return found


def shared_place(read: tuple[_Paragraphs, _Paragraphs], olds: list[int], news: list[int],
                 section_pairs: dict[str, str]) -> str:
    """"opening" where an old paragraph and a new one each open their section and the two sections are paired,
    "closing" where each closes it, else "": a role the editions keep (a report's first paragraph on a subject,
    its last word on it), told to the reader beside the shared terms, which for such a pair may be few and broad
    (ISIL's opening threat assessment shares "peace" and "focus")."""
    po, pn = read
    for place, at_old, at_new in (("opening", po.opens, pn.opens), ("closing", po.closes, pn.closes)):
        if any(at_old[i] and at_new[j] and po.section[i] is not None
               and section_pairs.get(po.section[i]) == pn.section[j] for i in olds for j in news):
            return place
    return ""


def left_free(rows: list[int], cols: list[int], groups: list[tuple[list[int], list[int]]]) -> set[tuple[str, int]]:
    """("old" | "new", index) of the paragraphs weighed (`rows`, `cols`) that no successor group holds."""
    taken = {("old", i) for olds, _ in groups for i in olds} | {("new", j) for _, news in groups for j in news}
    return ({("old", i) for i in rows} | {("new", j) for j in cols}) - taken


def absorbed(textual: list[tuple[list[int], list[int]]], free: set[tuple[str, int]],
             read: tuple[_Paragraphs, _Paragraphs], counts: tuple[Counter, int]) -> list[Absorbed]:
    """Free paragraphs folded into an edited neighbour: old ¶12 edited into new ¶15, which also tells, in words of
    its own, what old ¶13 told — ¶13 is absorbed into the group (12, 13 → 15). Evidence: the paragraph is at most
    ATTACH_REACH paragraphs from a paragraph of the link on its side, and the TF-IDF cosine of its words with the
    words the link's other side has and its own side lacks (what the edit added) is at least ABSORB. On the
    analysts' keys of seven pairs five paragraphs are absorbed, all five linked so by the analysts, the wrong
    candidates all under 0.16 (any ABSORB from 0.2 to 0.4 absorbs the same five); F1 0.838 -> 0.842, each pair
    held out 0.826 -> 0.829."""
    best: dict[tuple[str, int], tuple[float, int]] = {}
    for k, (olds, news) in enumerate(textual):
        for side, own, other, own_read, other_read in (("old", olds, news, read[0], read[1]),
                                                        ("new", news, olds, read[1], read[0])):
            near = list(dict.fromkeys((side, x) for i in own for x in range(i - ATTACH_REACH, i + ATTACH_REACH + 1)
                                      if (side, x) in free))
            if not near:                # most pairs: nothing left free beside them
                continue
            own_terms = {t for i in own for t in own_read.terms[i]}
            added = [t for j in other for t in other_read.terms[j] if t not in own_terms]
            if not added:
                continue
            docs = [own_read.terms[x] for _, x in near] + [added]
            # the IDF of the terms these texts use only: the same cosines as over the pair's whole vocabulary
            local = Counter({t: counts[0][t] for d in docs for t in d}), counts[1]
            vectors = tfidf_vectors(docs, local)
            for (s, x), cosine in zip(near, vectors[:-1] @ vectors[-1]):
                if cosine >= ABSORB and cosine > best.get((s, x), (0.0, -1))[0]:
                    best[(s, x)] = (float(cosine), k)
    # the closest first, while the link's side stays within MAX_GROUP paragraphs and in one piece: a paragraph two
    # off joins once the one between has (an edited pair's text is read as one stretch of the edition)
    members = {(k, side): set(link[0 if side == "old" else 1]) for k, link in enumerate(textual)
               for side in ("old", "new")}
    out = []
    waiting = sorted(best.items(), key=lambda e: -e[1][0])
    while waiting:
        joined = next(((side, x, k) for (side, x), (_, k) in waiting if len(members[(k, side)]) < MAX_GROUP
                       and (x - 1 in members[(k, side)] or x + 1 in members[(k, side)])), None)
        if joined is None:
            break
        side, x, k = joined
        members[(k, side)].add(x)
        out.append(Absorbed(k, side, x))
        waiting = [e for e in waiting if e[0] != (side, x)]
    return sorted(out, key=lambda a: (a.side, a.paragraph))


def citations(old: Edition, new: Edition) -> dict[tuple[int, int], str]:
    """(old paragraph index, new paragraph index) -> the citation, where a new paragraph cites a numbered paragraph
    of the old edition by its symbol ("(S/2025/71, para. 42)", "S/2025/153, paras. 12 and 13"): the report itself
    says which paragraph it continues (on the analysts' keys, every such citation is a link they made: 5 of 5, one
    of them "plausible")."""
    symbol = re.sub(r"/Rev\.\d+$", "", old.symbol or "")
    if not symbol:
        return {}
    cite = re.compile(rf"(?<![\w/]){re.escape(symbol)}(?:/Rev\.\d+)?,?\s+(?:paras?\.|paragraphs?)\s+"
                      r"(\d+(?:\s*(?:,|and|–|-|to)\s*\d+)*)")
    numbered = {p.id: i for i, p in enumerate(old.paragraphs) if p.number and p.id == p.number}
    out: dict[tuple[int, int], str] = {}
    for j, p in enumerate(new.paragraphs):
        for m in cite.finditer(p.text):
            for number in _cited_numbers(m.group(1)):
                if number in numbered:
                    out.setdefault((numbered[number], j), " ".join(m.group(0).split()))
    return out


def _cited_numbers(text: str) -> list[str]:
    """"12, 14 and 16-18" -> 12, 14, 16, 17, 18 (a range longer than MAX_CITED_RANGE: its ends only)."""
    out: list[str] = []
    for part in re.split(r"\s*(?:,|and)\s*", text):
        ends = [e for e in re.split(r"\s*(?:–|-|to)\s*", part) if e.isdigit()]
        if len(ends) == 2 and 0 < int(ends[1]) - int(ends[0]) < MAX_CITED_RANGE:
            out += [str(k) for k in range(int(ends[0]), int(ends[1]) + 1)]
        else:
            out += ends
    return out


def cited_positions(cited: dict[tuple[int, int], str], rows: list[int], cols: list[int]
                    ) -> dict[tuple[int, int], str]:
    """The citations between the paragraphs `rows` and `cols`, as positions into them."""
    at_row = {i: r for r, i in enumerate(rows)}
    at_col = {j: c for c, j in enumerate(cols)}
    return {(at_row[i], at_col[j]): text for (i, j), text in cited.items() if i in at_row and j in at_col}


def _blocks(old: Edition, new: Edition, rows: list[int], cols: list[int],
            section_pairs: dict[str, str]) -> list[tuple[list[int], list[int]]]:
    """All free paragraphs at once, or, for very long documents with much left free, one block per pair of
    outermost sections (a successor in an unrelated part of the report is then not looked for)."""
    if not rows or not cols:
        return []
    if len(rows) * len(cols) <= MAX_DENSE_CELLS:
        return [(rows, cols)]
    if not section_pairs:
        return _stretches(rows, cols)
    top_o, top_n = _outermost(old), _outermost(new)
    by_new: dict = {}
    for j in cols:
        by_new.setdefault(top_n.get(new.paragraphs[j].section), []).append(j)
    by_old: dict = {}
    for i in rows:
        by_old.setdefault(top_o.get(old.paragraphs[i].section), []).append(i)
    blocks = [(rs, by_new[section_pairs[t]]) for t, rs in by_old.items()
              if t in section_pairs and section_pairs[t] in by_new]
    return [part for rs, cs in blocks for part in _stretches(rs, cs)]


def _stretches(rows: list[int], cols: list[int]) -> list[tuple[list[int], list[int]]]:
    """A block still too large to score every pair of (thousands of rewritten paragraphs in one part of a
    report), cut into k consecutive stretches of each side, the i-th of the old with the i-th of the new: editions
    keep their order, and a successor far off in it is then not looked for. Bounds the time and memory of a
    comparison (a helper's 7,500 rewritten paragraphs a side took 133 s and 2.8 GB)."""
    k = min(math.ceil(math.sqrt(len(rows) * len(cols) / MAX_DENSE_CELLS)), len(rows), len(cols))
    if k <= 1:
        return [(rows, cols)]
    return [(rows[a * len(rows) // k:(a + 1) * len(rows) // k], cols[a * len(cols) // k:(a + 1) * len(cols) // k])
            for a in range(k)]                      # k at most each side's length: no stretch is empty


def shared_terms(old: Edition, new: Edition, olds: list[int], news: list[int],
                 counts: tuple[Counter, int]) -> list[str]:
    """The names and specific words both sides use, as written in the new edition, rarest first ("Abu Khadija",
    "Hawl", "repatriation"). Specific: found in at most a tenth of the two editions' paragraphs, or in no other
    paragraph than these. `counts`: paragraphs using each stem, and all paragraphs, of both editions."""
    df, total = counts
    limit = max(total / 10, len(olds) + len(news))
    text_o = " ".join(old.paragraphs[i].text for i in olds)
    text_n = " ".join(new.paragraphs[j].text for j in news)

    def rarity(stems: list[str]) -> float:      # mean log(paragraphs / paragraphs using the stem)
        return sum(math.log(total / max(1, df[t])) for t in stems) / len(stems)

    names_o = {_bare_name(m.group(0)).lower() for m in _NAME.finditer(text_o)}
    found: dict[str, tuple[float, str]] = {}
    for m in _NAME.finditer(text_n):
        name = _bare_name(m.group(0))
        stems = terms(name)
        if name.lower() in names_o and stems and min(df[t] for t in stems) <= limit:
            found.setdefault(name.lower(), (rarity(stems) + 0.5 * (len(stems) - 1), name))
    words_o = set(terms(text_o))
    in_names = {t for _, name in found.values() for t in terms(name)}
    for w in _WORD.findall(text_n):
        low = w.lower()
        if len(w) <= 2 or low in _STOP:
            continue
        stem = low[:STEM]                                   # as terms() stems it, without a regex a word
        if stem in words_o and stem not in in_names and df[stem] <= limit:
            found.setdefault(stem, (rarity([stem]), w))     # one form of a word
    ranked = [name for _, name in sorted(found.values(), key=lambda f: -f[0])]
    # for the reader, subject words: names and nouns before verbs, adjectives and adverbs ("posed", "reduced")
    subject_like = [t for t in ranked if " " in t or t[:1].isupper() or can_be_noun(t)]
    return (subject_like or ranked)[:MAX_SHARED_TERMS]


def _bare_name(name: str) -> str:
    """A name without the sentence's leading function words ("In Eastern Africa" -> "Eastern Africa")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _STOP:
        words.pop(0)
    return " ".join(words)
