"""Sentences, clauses, word stems and the pair's word weights: what the assessment readers (assess.py, figures.py)
work on.

- `sentences(text)` splits a paragraph into sentences without breaking at "Mr.", "No.", "a.i." or an initial.
- `quote(sentence, anchors)` cuts from a sentence the clause(s) that hold the anchors (an assessment word, a figure,
  the shared subject) — an exact substring, at most QUOTE_MAX_WORDS words: a signal quotes a phrase, not a paragraph.
- `stem(word)` is a light suffix stripper ("repatriated", "repatriations" → "repatri"), enough to see that two
  sentences speak of the same thing; `content_stems(text)` the stems of a text's content words.
- `PairContext` holds what one comparison needs once: the inverse document frequency of every stem over the
  paragraphs of both editions (a term rare in the pair is a specific subject: "Abu Khadija", "al-Hol"; a term in
  every paragraph is the report's theme), and each paragraph's role in its report (observations, opening assessment).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Edition
from .word_forms import can_be_noun
from .wordiff import MONTHS_LOWER

QUOTE_MAX_WORDS = 28        # a quote is a clause or two, well under the 40 words a reader takes in at a glance
OPENING_PARAGRAPHS = 4      # the first numbered paragraphs of a report hold its overall assessment
OPENING_SECTION_PARAGRAPHS = 2   # ... and so do the first paragraphs of an "Overview" or "Summary" section

STOP = frozenset("""
a an the and or but nor of to in on at by for from with as is are was were be been being has have had having that
this these those its it their they them his her he she we our you your which who whom whose what when where while
than then there also into over under between during within per all any some such not no more most less other
another same both each either neither only very can could may might shall should will would must do does did done
about after before since until upon against among through throughout toward towards via including include includes
if so however although though because whether yet still even just well further furthermore moreover thus therefore
i me my mine myself one ones
""".split())

_ABBREVIATIONS = frozenset("""mr mrs ms dr no nos para paras e.g i.e st rev corr add vol art arts a.i u.s u.k gen
lt col maj capt sgt prof jr sr approx fig op cf p pp vs""".split())
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?][”\"’)]*\s*$")
WORD_RE = re.compile(r"[^\W\d_][\w’'‘-]*|\d[\d,.]*\d|\d")
_LETTER_WORD = re.compile(r"[^\W\d_][\w’'‘-]+")       # content words start with a letter and have two or more
_CLAUSE_BREAK = re.compile(r"\s*(?:[;:–—()]|,(?!\d))\s*|\s+(?:but|while|whereas|although|which|who)\s+")
_OBSERVATIONS = re.compile(r"\b(?:observations?|conclusions?|concluding|recommendations?)\b", re.I)
_OVERVIEW = re.compile(r"\b(?:summary|overview|introduction|general assessment|key developments)\b", re.I)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, in order; the spans cover the text without its gaps."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = _WORD_BEFORE.search(text[start:m.end()])
        word = before.group(1).lower().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or word.endswith("."):
            continue        # "Mr. Takala", "No. 3", "Abu Bakr A. Smith", "U.S. forces"
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@functools.lru_cache(maxsize=65536)        # a pair has a few thousand distinct words, each seen many times
def stem(word: str) -> str:
    """A light stem: lower case, possessive and common suffixes off, at most 7 letters ("deteriorated" and
    "deterioration" → "deterio")."""
    w = word.lower().replace("’", "'").replace("‘", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:7]


@functools.lru_cache(maxsize=65536)        # the readers ask again for the words of the same sentences (a 300-page pair
# holds some 20,000 sentences and paragraphs: a smaller cache thrashes)
def content_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) of the content words of a text (no function words, no numbers)."""
    out = []
    for m in _LETTER_WORD.finditer(text):
        w = m.group(0)
        if w.lower() not in STOP:
            out.append((w, m.start(), m.end()))
    return tuple(out)


def content_stems(text: str) -> set[str]:
    return {stem(w) for w, _, _ in content_words(text)}


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


# ---------------------------------------------------------------------------------------------------- quotes

def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence: cut at commas, semicolons, dashes, brackets and a few
    conjunctions that open a new clause."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return [s for s in spans if sentence[s[0]:s[1]].strip()]


def _words_in(sentence: str, a: int, b: int) -> int:
    return len(WORD_RE.findall(sentence[a:b]))


_NO_OPENING = frozenset("""of by in on at for to with from into over under and or but nor that which who whom whose as
than is are was were be been being has have had""".split())
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which)\s*$")
FRAGMENT_CLAUSE = 3          # words: a clause this short (a bracketed year or place) opens no quote on its own
_LOOSE = re.compile(r"^[\s,;:.)\]–—]+|[\s,;:(\[–—]+$")


def _tidy_span(sentence: str, a: int, b: int, keep: int | None = None) -> str:
    """The span without loose punctuation at its ends, and cut short of a bracket the cut leaves unmatched (one
    whose partner stands outside the span) where that keeps the quote's anchor (`keep`, an offset) and some words;
    otherwise the bracket stays, unmatched. Nothing inside is ever taken out: a quote is the paragraph's words
    (S/2025/496's own unmatched "in Somalia); however" included)."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for k, ch in enumerate(sentence):
        if ch == "(":
            stack.append(k)
        elif ch == ")" and stack:
            o = stack.pop()
            partner[o], partner[k] = k, o
    cut_close = [k for k in range(a, b) if sentence[k] == ")" and -1 < partner.get(k, b) < a]
    cut_open = [k for k in range(a, b) if sentence[k] == "(" and partner.get(k, -1) >= b]
    if cut_close:                                         # start after a bracket the cut left closing …
        a2 = cut_close[-1] + 1
        if (keep is None or keep >= a2) and WORD_RE.search(sentence[a2:b]):
            a = a2
    if cut_open:                                          # … and end before one it left open
        b2 = cut_open[0]
        if (keep is None or keep < b2) and WORD_RE.search(sentence[a:b2]):
            b = b2
    return _LOOSE.sub("", " ".join(sentence[a:b].split()))


def quote(sentence: str, anchors: list[int], max_words: int = QUOTE_MAX_WORDS) -> str:
    """The part of `sentence` an analyst would quote: the clause holding the first anchor (a character offset),
    grown by the clauses holding the other anchors and then by its neighbours (the one before first: it usually
    holds the subject), while it stays within `max_words`. A clause too long on its own is cut to a window around
    its anchor. Always an exact substring of the sentence (tidied of loose punctuation at its ends)."""
    if _words_in(sentence, 0, len(sentence)) <= max_words:
        return _tidy_span(sentence, 0, len(sentence))
    clauses = _clauses(sentence) or [(0, len(sentence))]

    def clause_of(pos: int) -> int:
        return next((k for k, (a, b) in enumerate(clauses) if a <= pos < b),
                    min(range(len(clauses)), key=lambda k: abs(clauses[k][0] - pos)))

    anchors = anchors or [0]
    lo = hi = clause_of(anchors[0])
    if _words_in(sentence, *clauses[lo]) > max_words:
        return _window(sentence, clauses[lo], anchors[0], max_words)
    for pos in anchors[1:]:
        k = clause_of(pos)
        a, b = min(lo, k), max(hi, k)
        if _words_in(sentence, clauses[a][0], clauses[b][1]) <= max_words:
            lo, hi = a, b
    grown = True
    while grown:
        grown = False
        for a, b in ((lo - 1, hi), (lo, hi + 1)):
            if 0 <= a and b < len(clauses) and _words_in(sentence, clauses[a][0], clauses[b][1]) <= max_words:
                lo, hi, grown = a, b, True
                break
    # nor on a relative clause whose subject it leaves out ("… citizens who | were being held in Israeli custody,
    # I call for …"), when the anchor stands in a later clause
    while lo < min(hi, clause_of(anchors[0])) and _RELATIVE_BEFORE.search(sentence, 0, clauses[lo][0]):
        lo += 1
    start = clauses[lo][0]
    if _words_in(sentence, *clauses[lo]) <= FRAGMENT_CLAUSE:
        start = _fill_back(sentence, start, max_words - _words_in(sentence, start, clauses[hi][1]))
    return _tidy_span(sentence, *_balance(sentence, start, clauses[hi][1]), keep=anchors[0])


def _fill_back(sentence: str, start: int, room: int) -> int:
    """Where a quote that would open on a fragment ("(2006) and must cease.", "(Sector West), with …") starts
    when the clause before is too long to take whole: as many of that clause's last words as fit ("… in
    violation of resolution 1701 (2006) and must cease.")."""
    if room <= 0 or start == 0:
        return start
    before = list(WORD_RE.finditer(sentence, 0, start))[-room:]
    return before[0].start() if before else start


def _balance(sentence: str, a: int, b: int, reach: int = 60) -> tuple[int, int]:
    """Widen a span to the bracket it leaves open, when that bracket closes (or opens) nearby."""
    depth = 0
    for ch in sentence[a:b]:
        depth += (ch == "(") - (ch == ")")
    if depth > 0:
        close = sentence.find(")", b)
        if 0 <= close < b + reach:
            b = close + 1
    elif depth < 0:
        open_ = sentence.rfind("(", 0, a)
        if open_ >= 0 and a - open_ < reach:
            a = open_
    return a, b


def _window(sentence: str, span: tuple[int, int], anchor: int, max_words: int) -> str:
    """At most max_words words of one long clause, about a third of them before the anchor."""
    words = [m for m in re.finditer(r"\S+", sentence[span[0]:span[1]])]
    at = next((k for k, m in enumerate(words) if span[0] + m.end() > anchor), 0)
    first = max(0, min(at - max_words // 3, len(words) - max_words))
    # a cut inside the clause opens on a word that can open a phrase ("the advisory committee …", not "by the
    # advisory committee …"): the window moves on, at most to its anchor
    while 0 < first < at and words[first].group(0).lower() in _NO_OPENING:
        first += 1
    chosen = words[first:first + max_words]
    return _tidy_span(sentence, span[0] + chosen[0].start(), span[0] + chosen[-1].end(), keep=anchor)


# ---------------------------------------------------------------------------------------------------- the pair

@dataclass
class PairContext:
    """What every change of one comparison is read against: word weights over both editions and paragraph roles."""
    df: Counter = field(default_factory=Counter)     # stem -> number of paragraphs (both editions) holding it
    n_docs: int = 1
    old_stems: Counter = field(default_factory=Counter)   # stem -> paragraphs of the old edition holding it
    new_stems: Counter = field(default_factory=Counter)
    roles: dict[tuple[str, str], str] = field(default_factory=dict)   # ("old"|"new", paragraph id) -> role
    paragraph_stems: dict[tuple[str, str], set] = field(default_factory=dict)
    _nearest: dict[tuple[str, str], float] | None = None
    _index: dict[str, tuple] | None = None     # side -> (stem -> its paragraphs' indices, the paragraphs' norms)
    _idf: dict[str, float] = field(default_factory=dict)
    paragraphs: dict[str, list] = field(default_factory=dict)   # "old"|"new" -> the edition's paragraphs
    languages: dict[str, str | None] = field(default_factory=dict)   # "old"|"new" -> the edition's language
    cache: dict = field(default_factory=dict)                   # what a reader of the pair computes once

    def idf(self, s: str) -> float:
        w = self._idf.get(s)
        if w is None:
            w = self._idf[s] = math.log((self.n_docs + 1) / (self.df.get(s, 0) + 0.5))
        return w

    def nearest(self, side: str, pid: str) -> float:
        """How close the other edition comes to this paragraph: the best cosine (stems weighted by idf) with any of
        its paragraphs. Near 0 for a subject the other edition does not treat; 0.3 and up for one it does.
        Computed on demand (for added and removed paragraphs) through an index of the other side's stems."""
        key = (side, pid)
        if self._nearest is None:
            self._nearest = {}
        if key not in self._nearest:
            self._nearest[key] = _nearest_cosine(self, side, pid)
        return self._nearest[key]

    def role(self, side: str, pid: str) -> str:
        """"observation" (the report's own observations or conclusions), "opening" (its first, overall
        assessment) or ""."""
        return self.roles.get((side, pid), "")


def _section_titles(edition: Edition) -> dict[str | None, list[str]]:
    """Each section id → its own title and its ancestors' titles."""
    by_id = {s.id: s for s in edition.sections}
    out: dict[str | None, list[str]] = {None: []}
    for s in edition.sections:
        titles, cur, seen = [], s, set()
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            titles.append(cur.title)
            cur = by_id.get(cur.parent) if cur.parent else None
        out[s.id] = titles
    return out


def _observations_word(titles: list[str]) -> str | None:
    """How a section names the report's own assessment, from its title or an enclosing one's (innermost first):
    "observations", "conclusions" or "recommendations"; None for a section of the narrative."""
    for title in titles:
        m = _OBSERVATIONS.search(title)
        if m:
            word = m.group(0).lower()
            return {"observation": "observations", "conclusion": "conclusions", "concluding": "conclusions",
                    "recommendation": "recommendations"}.get(word, word)
    return None


def observation_words(edition: Edition) -> dict[str, str]:
    """Paragraph id → how the report names the part of it that holds its own assessment ("observations",
    "conclusions", "recommendations"), for the paragraphs there: those `paragraph_roles` calls "observation"."""
    words = {sid: w for sid, own in _section_titles(edition).items() if (w := _observations_word(own))}
    return {p.id: words[p.section] for p in edition.paragraphs if p.section in words}


def paragraph_roles(edition: Edition) -> dict[str, str]:
    """Paragraph id → "observation" | "opening" for the paragraphs that carry the report's own assessment."""
    titles = _section_titles(edition)
    roles: dict[str, str] = {}
    numbered = [p for p in edition.paragraphs if p.number]
    for p in numbered[:OPENING_PARAGRAPHS]:
        roles[p.id] = "opening"
    seen_in_section: Counter = Counter()
    for p in edition.paragraphs:
        own = titles.get(p.section, [])
        if _observations_word(own):
            roles[p.id] = "observation"
            continue
        if own and _OVERVIEW.search(own[0]):
            seen_in_section[p.section] += 1
            if seen_in_section[p.section] <= OPENING_SECTION_PARAGRAPHS:
                roles[p.id] = "opening"
    return roles


def pair_context(old: Edition, new: Edition) -> PairContext:
    ctx = PairContext()
    for side, edition, counter in (("old", old, ctx.old_stems), ("new", new, ctx.new_stems)):
        for p in edition.paragraphs:
            stems = content_stems(p.text)
            ctx.paragraph_stems[(side, p.id)] = stems
            counter.update(stems)
            ctx.df.update(stems)
        for pid, role in paragraph_roles(edition).items():
            ctx.roles[(side, pid)] = role
    ctx.n_docs = max(1, len(old.paragraphs) + len(new.paragraphs))
    ctx.paragraphs = {"old": old.paragraphs, "new": new.paragraphs}
    ctx.languages = {"old": old.language, "new": new.language}
    return ctx


# Stems in more than this share of the paragraphs add little to a cosine and much to its cost: left out of it.
NEAREST_COMMON = 0.2


def _nearest_cosine(ctx: PairContext, side: str, pid: str) -> float:
    """The best idf-weighted cosine of one paragraph with the paragraphs of the other edition."""
    import numpy as np

    other = "new" if side == "old" else "old"
    if ctx._index is None:
        ctx._index = {}
    if other not in ctx._index:
        ctx._index[other] = _postings(ctx, other)
    postings, norms = ctx._index[other]
    stems = ctx.paragraph_stems.get((side, pid), set())
    if not len(norms):
        return 0.0
    norm = math.sqrt(sum(ctx.idf(x) ** 2 for x in sorted(stems))) or 1.0
    # One stem at a time over all the paragraphs that use it: each paragraph's dot product adds the same terms in
    # the same (sorted) order as a loop per paragraph would, so the sums are the same to the last bit in every
    # process — 8 s -> under 1 s for the ~1,400 new and dropped paragraphs of a 300-page pair.
    dots = np.zeros(len(norms))
    for x in sorted(stems):
        where = postings.get(x)
        if where is not None:
            dots[where] += ctx.idf(x) ** 2
    return float((dots / (norm * norms)).max())


def _postings(ctx: PairContext, side: str):
    """(stem -> indices of the side's paragraphs that use it, leaving out the commonest stems; each paragraph's
    norm), for `_nearest_cosine`."""
    import numpy as np

    postings: dict[str, list[int]] = {}
    norms: list[float] = []
    for (s, _), stems in ctx.paragraph_stems.items():
        if s != side:
            continue
        k = len(norms)
        norms.append(math.sqrt(sum(ctx.idf(x) ** 2 for x in sorted(stems))) or 1.0)
        for x in sorted(stems):
            if ctx.df.get(x, 0) <= NEAREST_COMMON * ctx.n_docs:
                postings.setdefault(x, []).append(k)
    return {x: np.array(ks) for x, ks in postings.items()}, np.array(norms)


@functools.lru_cache(maxsize=65536)
def _english(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf value; 0 for a word it does not know, or not plain ASCII)."""
    return _wordfreq().zipf(word) if word.isascii() and word.isalpha() else 0.0


@functools.lru_cache(maxsize=1)
def _wordfreq():
    from ..pdf import _wordfreq       # its list is read on first use, by the first concern that needs it
    return _wordfreq


_CAP = "[A-ZÀ-ÖØ-Þ]"           # a capital, accented ones included ("École", "Équateur")
# a run of capitalised words, joined by the small words of names ("Bank of Sudan", "Abu Bakr al Baghdadi",
# "Côte d’Ivoire", "Forces armées de la République")
_NAME_WORD = rf"(?:(?:al|el|ad|as|ash)-)?{_CAP}[\w’'-]*"      # "Dayr al-Zawr", "Bahr el-Ghazal"
_NAME_WORD_START = re.compile(_NAME_WORD)


def is_name_word(word: str) -> bool:
    """Whether a word is written as (part of) a name: capitalised, or a particle joined to a capitalised word
    ("al-Zawr", "el-Ghazal") — the words `salient_terms` joins into names."""
    return _NAME_WORD_START.match(word) is not None


_NAME_RUN = re.compile(rf"(?:{_NAME_WORD}(?:\s+(?:of|and|al|bin|ibn|de|du|des|la|le|el)\s+|\s+d[’']|\s+)?)+"
                       rf"{_NAME_WORD}|{_CAP}[\w’'-]{{2,}}")


NOT_NOUN_WEIGHT = 0.15         # a word that cannot be a noun names a subject only when nothing else does
# the words of references, forms of address and drafting ("inter alia", "ibid., para. 42", "Messrs. Takala and
# Mishri", "(hereinafter “ISIL (Da’esh)”)"): never what a paragraph is about
_NOT_SUBJECT = frozenset("""alia para paras ibid idem supra infra messrs mr mrs ms hereinafter herein hereby hereto
    thereof therein thereto thereby whereby wherein mutatis mutandis""".split())
# a Roman numeral ("annex III", "phase IV"), not an acronym made of the same letters ("ICC")
_ROMAN = re.compile(r"(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# standard abbreviations of time zones, after a time as incident logs give them ("at 1400 hrs EET"): "CAT" alone
# is the Committee against Torture
_TIME_ZONES = frozenset("UTC GMT EET EEST CET CEST IST EST EDT CST PST AST EAT WAT CAT".split())
_TIME_BEFORE = re.compile(r"\d{1,2}:?\d{2}\s*(?:hrs|hours|h)?\.?\s*\(?(?:[A-Z]{2,4}/)?$")
_CODE_AFTER = re.compile(r"\.\d")          # "QDe.115", "CDi.036": a sanctions list entry's code, not a word
# a web address and a document's or press release's symbol name no subject ("See press release SC/11019
# (https://press.un.org/en/2013/sc11019.doc.htm)" had given "SC" and "https" as terms); a symbol has a number in
# it, a party's name does not ("SPLM/A-IO")
_ADDRESS = re.compile(r"https?://\S+|www\.\S+|\b[A-Z][A-Za-z]{0,5}(?:\.\d+)?(?:/[\w.()\-]+)+")


def _blank_symbol(m: re.Match) -> str:
    """The address or symbol as spaces (the same length: the text's sentences keep their places)."""
    found = m.group(0)
    return " " * len(found) if found.startswith(("http", "www")) or any(c.isdigit() for c in found) else found


def salient_terms(text: str, ctx: PairContext, other: Counter, n: int, within: set[str] | None = None) -> list[str]:
    """The words that say what a text is about, as the text writes them: names (runs of capitalised words not
    opening a sentence) and words rare in the pair and in English (wordfreq), repeated words weighing more, those
    the other edition never uses (`other`: stem -> paragraphs) twice as much. `within`: only words of these stems
    (a subject two sentences share)."""
    text = _ADDRESS.sub(_blank_symbol, text)
    counts = Counter(stem(w) for w, _, _ in content_words(text))
    starts = {a for a, _ in sentences(text)}

    def word_score(w: str) -> float:
        s = stem(w)
        english = _english(w.lower())
        specific = min(1.5, max(0.2, (6.5 - english) / 3))
        # a subject is named by nouns: verbs, adjectives and adverbs ("ensued", "attract", "enormous", "swiftly")
        # say little of it
        form = 1.0 if can_be_noun(w) else NOT_NOUN_WEIGHT
        return ctx.idf(s) * specific * form * (1 + 0.5 * (counts[s] - 1)) * (1.0 if other.get(s) else 2.0)

    terms: dict[str, tuple[float, str, frozenset]] = {}
    for m in _NAME_RUN.finditer(text):
        name = m.group(0)
        first, _, rest = name.partition(" ")
        if first.lower() in _NOT_SUBJECT:
            if not rest:
                continue
            name = rest                    # "Messrs Takala and Mishri" is about "Takala and Mishri"
        if _CODE_AFTER.match(text, m.end()):
            continue
        if m.start() in starts:
            first, _, rest = name.partition(" ")
            if not rest:
                continue                   # a capitalised first word of a sentence is not a name …
            if first.lower() in STOP:
                name = rest                # … nor part of one ("In Lakes", "During Operation Horizon")
        if name.lower() in MONTHS_LOWER or _ROMAN.fullmatch(name) or (
                name in _TIME_ZONES and _TIME_BEFORE.search(text, max(0, m.start() - 16), m.start())):
            continue                       # "In November", "annex III", "1400 hrs EET": no subject
        words = [w for w, _, _ in content_words(name) if within is None or stem(w) in within]
        if words:
            score = max(word_score(w) for w in words) * 1.3
            terms[name] = (score, name, frozenset(stem(w) for w in words))
    for w, _, _ in content_words(text):
        if w not in terms and w.lower() == w and w.isalpha() and len(w) > 3 and w not in _NOT_SUBJECT and (
                within is None or stem(w) in within):
            terms[w] = (word_score(w), w, frozenset({stem(w)}))
    chosen: list[str] = []
    covered: set[str] = set()
    for score, term, stems in sorted(terms.values(), key=lambda t: (-t[0], t[1])):
        if stems <= covered:
            continue
        # a name told in full takes the place of its shorter form ("Stephen Par Kuol", not also "Par Kuol")
        chosen = [u for u in chosen if f" {u} " not in f" {term} "]
        chosen.append(term)
        covered |= stems
        if len(chosen) == n:
            break
    return chosen
