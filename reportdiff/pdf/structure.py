"""Stage 2 — positioned lines → an `Edition`: metadata, section tree, paragraphs and their footnotes.

The steps, in order:
1. page furniture (running header, page marker, job number, stamp, barcode) is dropped: lines in the page's top or
   bottom band that match a furniture pattern or repeat (digits aside) on other pages in the same band;
2. the masthead of page 1 gives the symbol, date and title;
3. each page is cut into body and footnote area (below a short rule or a line of underscores; in a 1990s
   document, from the page's next "n/" note, cited "n/" above it);
4. body lines become headings (bold or italic lines, labelled `I.`, `A.`, `1.`, `(a)`, `Annex`, or not) and
   paragraphs (a line starting with the next paragraph number, or a new block after extra space or an indent);
5. lines are joined: a line-end hyphen stays unless the evidence (the document's own words, then a word-frequency
   list) says a word was split; superscript markers are taken out of the text and tie footnotes to paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median

from . import _wordfreq, legibility, tables
from .extract import Line, PageText, Word, words_text
from .furniture import TOP_BAND, furniture_mask, marks_only, ocr_marks
from .labels import (ANNEX_RE, DIGIT_RE, LETTER_RE, MARKER_RE, PARA_NUM_RE, PAREN_RE, ROMAN_RE, SYMBOL_RE,
                     misread_paragraph_number, symbol_from_file_name)
from .masthead import Masthead, read_masthead
from ..model import Edition, Footnote, Paragraph, Section


@dataclass
class Block:
    """A run of body lines that forms one heading or one paragraph."""
    kind: str                    # "heading" | "para"
    lines: list[Line] = field(default_factory=list)
    number: str | None = None    # printed paragraph number
    label: str = ""              # heading label
    label_kind: str = ""         # "roman" | "letter" | "digit" | "paren" | "annex" | "plain:<style>"

    @property
    def prominence(self) -> float:
        """How loud the heading is printed: larger, bold, upright outranks smaller, plain, italic."""
        ln = self.lines[0]
        return round(ln.size, 1) + (1.5 if ln.bold else 0.0) + (0.0 if ln.italic else 0.5)


@dataclass
class _Reading:
    """Where the reading of the body's lines into blocks stands."""
    line_gap: float                                  # the body text's usual space between lines
    blocks: list[Block] = field(default_factory=list)
    expected: int = 1                                # the paragraph number that comes next
    seen_numbers: set[int] = field(default_factory=set)
    prev: Line | None = None                         # the line read before
    numbered_page: int = 0                           # the page where the last numbered paragraph opened


# ---------------------------------------------------------------------------------------------------- utilities

def _is_blank_rule(line: Line) -> bool:
    t = line.text.replace(" ", "")
    return len(t) >= 5 and set(t) <= {"_", "-", "—", "–"}


def _line_style(line: Line, body: float) -> str:
    size = "L" if line.size > body * 1.15 else ("S" if line.size < body * 0.92 else "M")
    return f"{'B' if line.bold else ''}{'I' if line.italic else ''}{size}"


ROMAN_WORD = re.compile(r"[IVXLC]+")


# ------------------------------------------------------------------------------------------- table of contents

CONTENTS_RE = re.compile(r"^(Contents|Table of contents|Sommaire|Table des matières|Índice)$", re.I)
# leader dots and what follows them in a table of contents: a page ("5", "iii") or paragraphs and page ("11–60 5")
LEADERS_RE = re.compile(r"(\.\s?){5,}\s*(\d+\s*[–-]\s*\d+\s+)?(\d+|[ivxlc]+)?$")


def _cut_table_of_contents(lines: list[Line], continued: bool = False) -> tuple[list[Line], bool]:
    """The lines without the table of contents, and whether it runs on to the next page (its last entry is
    among the page's last lines). A table of contents (a "Contents" line, then entries with leader dots and page
    numbers) is a map of the document, not its text: its page numbers would show up as changes in every
    comparison. `continued`: the page before ended inside a table of contents, which runs on at the top of this
    one."""
    if continued and any(LEADERS_RE.search(ln.text) for ln in lines[:3]):
        start = 0
    else:
        start = next((i for i, ln in enumerate(lines) if CONTENTS_RE.match(ln.text.strip())), None)
    if start is None:
        return lines, False
    last = max((i for i, ln in enumerate(lines) if i >= start and LEADERS_RE.search(ln.text)), default=None)
    if last is None:
        return lines, False
    return lines[:start] + lines[last + 1:], last >= len(lines) - 2


# --------------------------------------------------------------------------------------------------- footnotes

def _split_footnote_zone(page: PageText, lines: list[Line], body: float) -> tuple[list[Line], list[Line]]:
    """Cut a page's lines into (body, footnote area). The area starts at a short rule or a line of underscores,
    or, failing that, at a run of small lines at the page bottom that begins with a footnote number."""
    for i, ln in enumerate(lines):
        if _is_blank_rule(ln) and ln.x1 - ln.x0 < page.width * 0.5 and i > 0:
            return lines[:i], lines[i + 1:]
    short = [r for r in page.rules if r[2] - r[1] < page.width * 0.45]
    rules = sorted((y, x0) for y, x0, x1 in short if y > page.height * 0.3 and not _row_rule((y, x0, x1), short))
    for k, (y, x0) in enumerate(rules):       # the first rule with footnotes below (a centred rule ends the text)
        below = [ln for ln in lines if ln.top >= y - 1]
        if below and ((k == 0 and all(ln.size < body * 0.95 for ln in below))
                      or (_notes_at_text_size(below, x0, body)
                          and not any(ln.top - 1 <= y <= ln.bottom + 1 for ln in lines))):   # no underline
            return [ln for ln in lines if ln.top < y - 1], below
    # No rule: small-size lines at the bottom starting with a number
    k = len(lines)
    while k > 0 and lines[k - 1].size < body * 0.92:
        k -= 1
    if k < len(lines):
        first = lines[k].words[0]
        # a footnote's number has its text beside it; a lone number is a chart's axis label (S/2025/460's "35"),
        # and so is a number in thousands ("30 000", S/2025/269's axis over its legend and source line)
        if (first.sup or re.fullmatch(r"\d{1,3}", first.text)) and _words_follow(lines[k].words):
            return lines[:k], lines[k:]
    return lines, []


def _words_follow(words: list[Word]) -> bool:
    """A note's number is followed by words, not only by more digits (a number set in thousands)."""
    return any(any(ch.isalpha() for ch in w.text) for w in words[1:])


def _row_rule(rule: tuple[float, float, float], rules: list[tuple[float, float, float]]) -> bool:
    """A rule repeated at the same span higher or lower on the page: one of a table's row rules, not the rule over
    the footnotes (JIU/REP/2025/2's annex, a matrix of recommendations by organization ruled row by row, was
    taken for footnotes under its first rule, and its rows, numbered by no note, were lost)."""
    y, x0, x1 = rule
    return any(abs(v - y) > 1 and abs(a - x0) < 2 and abs(b - x1) < 2 for v, a, b in rules)


def _broke_early(above: Line, line: Line, right: float | None = None) -> bool:
    """Whether `line` starts anew rather than wrapping `above`: its first word would have fitted at the end of
    `above`, within `right` (by default `line`'s own width: a boxed recommendation, the short bold
    "Recommendation 13", then its text in bold lines that run to the box's edge)."""
    first = line.words[0]
    return above.x1 + 0.3 * line.size + (first.x1 - first.x0) < max(line.x1, right or 0.0) - 2


BULLETS = frozenset("•·▪◦‣●■–")


def _bold_text_apart(block: Block) -> list[Block]:
    """A heading block whose lines run on into whole sentences set in bold, as [heading, paragraph] or
    [paragraph]; any other block as it is. The Inspectors' boxed recommendation is a short bold
    "Recommendation 13" and then its text in bold lines to the box's edge: the label line ended early (the next
    line's first word would have fitted on it), and what follows is three lines or more, 25 words or more, ending
    a sentence, which no heading does."""
    if block.kind != "heading" or block.label_kind == "annex":
        return [block]
    lines = block.lines
    unlabelled = 0 if not block.label else None          # the whole block may be text; a labelled one keeps its label
    start = next((k for k in range(1, len(lines)) if _broke_early(lines[k - 1], lines[k])), unlabelled)
    if start is None or not _running_sentences(lines[start:]):
        return [block]
    text = Block("para", lines[start:])
    if start == 0:
        return [text]
    return [Block("heading", lines[:start], label=block.label, label_kind=block.label_kind), text]


def _label_and_value(words: list[Word]) -> bool:
    """A form's line, its label in italics or bold and its value set apart to the right ("Communication submitted
    by:   C", "State party:   Russian Federation", a treaty body's decision, CCPR/C/121/D/2025/2011): no
    heading, though its label's style makes most of it."""
    return any(a.text.endswith(":") and b.x0 - a.x1 > 3 * b.size for a, b in zip(words, words[1:]))


def _running_sentences(lines: list[Line]) -> bool:
    words = sum(len(ln.plain_words) for ln in lines)
    return len(lines) >= 3 and words >= 25 and lines[-1].text.rstrip().endswith((".", ".”", ".)"))


def _notes_at_text_size(below: list[Line], rule_x0: float, body: float) -> bool:
    """Footnotes printed at the text's own size under their short rule (a treaty body's "* Adopted by the
    Committee at its 121st session"): the rule starts where they do, the first starts with a marker (raised, or
    stars, or a bare number: "1." would be a paragraph), and none is larger than the text. A typescript of the
    1990s (A/52/620, in Courier) starts its rule at the margin and indents its notes as a paragraph, each opening
    on its raised number: a raised number indented as far as a paragraph is from the rule is a note too."""
    first = below[0].words[0]
    marker = first.sup or re.fullmatch(r"\*{1,3}|\d{1,3}", first.text)
    indent = below[0].x0 - rule_x0
    at_rule = abs(indent) < 15 or (first.sup and 0 < indent < 6 * body)
    return bool(marker) and len(below[0].words) > 1 and at_rule and all(ln.size < body * 1.05 for ln in below)


def _footnote_entries(zone: list[Line]) -> list[tuple[str | None, list[Line]]]:
    """Footnote area lines → [(number or None for a continuation from the previous page, lines)]."""
    entries: list[tuple[str | None, list[Line]]] = []
    for ln in zone:
        first = ln.words[0]
        # a number, stars, or a raised letter (a table's notes: "a A dispute exists between ...")
        marker = re.fullmatch(r"\d{1,3}|\*{1,3}", first.text) or (first.sup and re.fullmatch(r"[a-z]", first.text))
        num = first.text if marker and len(ln.words) > 1 else None
        if num is not None and not first.sup:
            # An unraised number starts a footnote only if it is the next one ("30 April" continues a note);
            # unraised stars count up from "*" ("*", "**").
            last = next((n for n, _ in reversed(entries) if n), None)
            if not (num.isdigit() and last and last.isdigit() and int(num) == int(last) + 1) \
                    and not (num.startswith("*") and len(num) == (len(last) + 1 if last and last[0] == "*" else 1)):
                num = None
        if num is not None:
            entries.append((num, [ln]))
        elif entries:
            entries[-1][1].append(ln)
        else:
            entries.append((None, [ln]))
    return entries


# 1990s notes: "1/ See A/48/23 (Part III)." at the page's foot, with no rule and often at the text's size, cited
# by "1/" on the text line. An OCR may read the number as other marks ("U/" for 4/, "2k/" 24/, "9./", "lU/_").
_SLASH_MARK = re.compile(r"^_?([^\s/]{1,3}?)\.?/_?[.,;:)\"”»•]*$")


def _slash_marker(token: str, wanted: set[int], misread: set[int] = frozenset()) -> str | None:
    """The note number a word "n/" (with any punctuation after it: "1/.") cites, if it is one of `wanted`, or an
    OCR's misreading of one of `misread` ("U/", but a table's letter note "b/" only where no note 4 or 6 is
    near). Not "1/3", "47/409" or "A/48/23": the slash ends the number."""
    m = _SLASH_MARK.match(token)
    if not m:
        return None
    core = m.group(1)
    for n in sorted(wanted | misread):
        if (core == str(n) and n in wanted) or (
                n in misread and not core.isdigit() and misread_paragraph_number(core + ".", n)):
            return str(n)
    return None


def _note_number(ln: Line, wanted: int, scanned: bool) -> tuple[str, int] | None:
    """(number, words it takes) when the line starts note `wanted` ("6/ See …", an OCR's "3 / …")."""
    words = ln.words
    spaced = len(words) > 2 and words[1].text == "/"          # an OCR's "3 /"
    token = words[0].text + "/" if spaced else words[0].text
    num = _slash_marker(token, {wanted}, {wanted} if scanned else set())
    width = 2 if spaced else 1
    return (num, width) if num is not None and len(words) > width else None


def _slash_notes_start(lines: list[Line], wanted: int, body: float, scanned: bool) -> int | None:
    """Where a page's 1990s notes begin: the first line after extra space that starts with note `wanted` (the
    document's next), cited "n/" in the lines above it, with nothing in larger type from there to the page's
    foot. These notes have no rule over them and are often at the text's own size: the number's sequence and
    its citation are what tell a note from a line of text."""
    misread = {wanted} if scanned else set()
    for k in range(1, len(lines)):
        ln = lines[k]
        if _note_number(ln, wanted, scanned) is None or ln.top - lines[k - 1].bottom < 0.5 * body:
            continue
        cited = any(_slash_marker(w.text, {wanted}, misread) for above in lines[:k] for w in above.words)
        if cited and all(x.size < body * 1.15 for x in lines[k:]):
            return k
    return None


def _close_below(upper: Line | None, lower: Line | None, line_gap: float) -> bool:
    """`lower` stands right under `upper` on its page, no further apart than the body's lines (2 points' play)."""
    return upper is not None and lower is not None and lower.page == upper.page \
        and lower.top - upper.bottom <= line_gap + 2


_TYPESCRIPT_NOTE = re.compile(r"\w{1,3}/")     # "19/", "3_/": the number opening a typescript's note


def _as_raised_number(ln: Line, num: str, width: int) -> Line:
    """The note's first line with its printed number ("1/", "U/", "3 /") as the raised number today's footnotes
    start with, so that the footnote area is read as any other."""
    return replace(ln, words=[replace(ln.words[0], text=num, sup=True)] + ln.words[width:])


def _raised_slash_markers(words: list[Word], numbers: set[int], misread: set[int]) -> list[Word]:
    """A body line's "n/" markers of the document's 1990s notes as raised markers (taken out of the text and used
    to attach the note, as a superscript marker is); punctuation printed after one stays ("1/." -> ".")."""
    out = []
    for w in words:
        num = _slash_marker(w.text, numbers, misread)
        if num is None:
            out.append(w)
            continue
        out.append(replace(w, text=num, sup=True))
        rest = w.text[w.text.index("/") + 1:].lstrip("_")
        if rest:
            out.append(replace(w, text=rest, sup=False, space_before=False))
    return out


# ------------------------------------------------------------------------------------------------- line joining

# Prefixes that UN editorial style joins with a hyphen, and endings that only a word split leaves on a new line.
COMPOUND_PREFIXES = frozenset("non anti self counter cross".split())
WORD_ENDINGS = frozenset("ing ings ed er ers ness ment ments tion tions sion sions ly ity ities ance ence ances "
                         "ences able ible al ally ous ive ist ists ism ize ized izes ization".split())


# A word or a hyphenated chain of words (letters only): the document's own spelling, counted as evidence.
_WORD_CHAIN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Joiner:
    """Joins lines into running text, deciding each line-end hyphen from evidence.

    UN editorial style breaks lines only at spaces or after real compound hyphens (north-east, counter-terrorism),
    so a line-end hyphen is kept unless the document or the word list says a word was split there.
    """

    def __init__(self, all_words: Counter, hyphenated: Counter, lang: str = "en") -> None:
        self.words = all_words
        self.hyphenated = hyphenated
        self.lang = lang
        self.hyphenating = False      # set once the document's line ends have been looked at

    def look_at_line_ends(self, lines: list[Line]) -> None:
        """Decide whether this layout hyphenates words: a few line ends that can only be split words say so."""
        splits = 0
        plain = [ln.plain_words for ln in lines]      # a property: built once a line here, not four times
        for a, b in zip(plain, plain[1:]):
            last = a[-1].text if a else ""
            first = b[0].text if b else ""
            if last.endswith("-") and len(last) > 2 and self.is_definite_split(last[:-1], first):
                splits += 1
        self.hyphenating = splits >= 2

    def keep_hyphen(self, left: str, right: str) -> bool:
        halves = _hyphen_halves(left, right)
        if halves is None:
            return True                       # a number or symbol range: keep (2017-\n2018, ISIL-\n4)
        a, b = halves
        if re.search(r"[^\W\d_]-[^\W\d_]+$", left):
            return True                       # the end of a compound chain: Al-Qaida-|affiliated
        joined = (a + b).lower()
        compound = f"{a}-{b}".lower()
        # The document's own usage first: a word it writes elsewhere is the best evidence there is.
        if self.hyphenated[compound] > self.words[joined]:
            return True
        if self.words[joined] > self.hyphenated[compound]:
            return False                      # INTER-POL where INTERPOL is written elsewhere
        if b[0].isupper() or a.isupper():
            return True                       # Counter-Terrorism, ISIL-K, Levant-Khorasan
        if a.lower() in COMPOUND_PREFIXES:
            return True                       # non-violent, self-reliant, cross-border: UN style hyphenates these
        za, zb, zj = _zipf(a.lower(), self.lang), _zipf(b.lower(), self.lang), _zipf(joined, self.lang)
        both_words = za >= 3.0 and zb >= 3.0
        if self.hyphenating and b.lower() in WORD_ENDINGS:
            return False                      # appropriate-ness, regroup-ing: an ending, not a word
        if self.hyphenating:
            # A layout seen to hyphenate words: a split unless both halves are words and the joined one is rare
            # (counter-terrorism, rights-compliant stay; para-graph, weaponiza-tion, regroup-ing join).
            return both_words and zj < 3.0
        # UN editorial style does not hyphenate words: join only what can only be a word cut in two.
        return not (zj >= 2.0 and not both_words)

    def is_definite_split(self, left: str, right: str) -> bool:
        """A line-end hyphen that can only be a word cut in two (evidence that the layout hyphenates)."""
        halves = _hyphen_halves(left, right)
        if halves is None or halves[1][0].isupper() or halves[0].isupper():
            return False
        a, b = halves[0].lower(), halves[1].lower()
        return _zipf(a + b, self.lang) >= 3.0 and min(_zipf(a, self.lang), _zipf(b, self.lang)) < 2.0

    def join(self, lines: list[list[Word]]) -> tuple[str, list[tuple[int, str]]]:
        """Word lists of consecutive lines (empty ones allowed) → (text, [(line index, marker number)]), the
        markers taken out of the text."""
        text = ""
        markers: list[tuple[int, str]] = []
        for li, words in enumerate(lines):
            for wi, w in enumerate(words):
                if w.sup and MARKER_RE.match(w.text):
                    for num in re.split(r"[,–-]", w.text):
                        if num:
                            markers.append((li, num))
                    continue
                if not text:
                    text = w.text
                    continue
                if wi == 0 and li > 0:        # first word of a continuation line
                    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and w.text in ("and", "or") \
                            and (not self.hyphenating or "-" in (words[wi + 1].text if wi + 1 < len(words) else "")):
                        # a suspended hyphen: "troop- and police-contributing" (where the layout splits words, only
                        # before a compound: "convey-|or belt" is a word)
                        text += " " + w.text
                        continue
                    if text.endswith("–") and len(text) > 1 and text[-2].isdigit() and w.text[:1].isdigit():
                        text += w.text            # a range of numbers broken at its dash: "2024–|2025"
                        continue
                    if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
                        if text[-2].isdigit() or self.keep_hyphen(text[:-1], w.text):   # 8-|year-old
                            text += w.text
                        else:
                            text = text[:-1] + w.text
                        continue
                    last = text.rsplit(" ", 1)[-1]
                    if last.endswith(("/", "_")) or (_looks_like_url(last) and not last.endswith((".", ",", ";"))):
                        text += w.text            # a web address broken at a line end has no space in it
                        continue
                    text += " " + w.text
                    continue
                text += (" " if w.space_before or w.sup else "") + w.text
        return " ".join(text.split()), markers


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values.get(a, 0)
        total += -v if values.get(b, 0) > v else v
    return total


def _hyphen_halves(left: str, right: str) -> tuple[str, str] | None:
    """The letters before a line-end hyphen and after it ("organiza", "tion"), or None if either side has none."""
    a = re.search(r"[^\W\d_]+$", left)
    b = re.match(r"[^\W\d_]+", right)
    return (a.group(0), b.group(0)) if a and b else None


def _looks_like_url(token: str) -> bool:
    return "www." in token or "://" in token or token.count("/") >= 3 and not SYMBOL_RE.fullmatch(token)


@lru_cache(maxsize=100_000)
def _zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency (exact at and above 2.0, the lowest value the hyphen rules compare with)."""
    try:
        return _wordfreq.zipf(word, lang)
    except Exception:  # no word list for that language: no evidence either way
        return 0.0


# ------------------------------------------------------------------------------------------------------- builder

class EditionBuilder:
    def __init__(self, pages: list[PageText], source: str | None) -> None:
        self.pages = pages
        self.source = source
        sizes: Counter = Counter()
        for p in pages:
            for ln in p.lines:
                sizes[round(ln.size * 2) / 2] += sum(len(w.text) for w in ln.words)
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        self.block_starts: set[int] = set()     # ids of lines that start a paragraph (after a table taken out)
        self._scanned = {p.number for p in pages if p.scanned}   # pages whose text is an OCR layer's
        self._unread: set[int] = set()          # pages whose words are missing (no text layer, illegible OCR)
        self._slash_next = 1                    # the number of the document's next 1990s "n/" note
        self.slash_numbers: set[int] = set()    # the numbers of its "n/" notes found
        self._title_lines: list[Line] = []      # the title's lines on page 1 (text of the document's language)
        self._session_block: set[int] = set()   # id() of page 1's lines before the title: session, agenda item

    # -- zones
    def _zones(self) -> tuple[Masthead, list[tuple[int, list[Line]]], list[tuple[int, list[Line]]]]:
        mask = furniture_mask(self.pages)
        headers = []
        for p in self.pages[1:4]:
            headers += [p.lines[i].text for i in sorted(mask[p.number]) if p.lines[i].bottom < p.height * TOP_BAND]
        body_pages, fn_pages = [], []
        mh = Masthead()
        in_contents = False
        for p in self.pages:
            lines = [ln for i, ln in enumerate(p.lines) if i not in mask[p.number]]
            if p.number == 1:
                mh = read_masthead(lines, headers, p)
                self._title_lines = lines[mh.kept[1]:mh.end]
                self._session_block = {id(ln) for ln in lines[mh.kept[0]:mh.kept[1]]}
                lines = lines[mh.kept[0]:mh.kept[1]] + lines[mh.end:]
            lines, in_contents = _cut_table_of_contents(lines, in_contents)
            body, fns = _split_footnote_zone(p, lines, self.body)
            if not fns:
                body, fns = self._slash_notes_apart(body, p.scanned)
            body_pages.append((p.number, body))
            fn_pages.append((p.number, fns))
        return mh, body_pages, fn_pages

    def _slash_notes_apart(self, lines: list[Line], scanned: bool) -> tuple[list[Line], list[Line]]:
        """(body, footnote area) of a page whose notes are 1990s "n/" notes (see _slash_notes_start), the notes'
        numbers taken as the document's next ones; (lines, []) when there are none."""
        start = _slash_notes_start(lines, self._slash_next, self.body, scanned)
        if start is None:
            return lines, []
        notes = []
        for ln in lines[start:]:
            found = _note_number(ln, self._slash_next, scanned)
            if found is not None:
                ln = _as_raised_number(ln, *found)
                self.slash_numbers.add(self._slash_next)
                self._slash_next += 1
            notes.append(ln)
        return lines[:start], notes

    def build(self) -> Edition:
        mh, body_pages, fn_pages = self._zones()
        # the title counts: a bilingual page of 1948 prints its English title as the title, its French one as text
        lang = _guess_lang(self._title_lines + [ln for _, ls in body_pages + fn_pages for ln in ls])
        # scanned pages whose OCR text is not words (a table printed sideways) are left out, and said so
        illegible = legibility.illegible_pages(_merged_pages(body_pages, fn_pages), self._scanned, lang)
        body_pages = [(n, [] if n in illegible else ls) for n, ls in body_pages]
        fn_pages = [(n, [] if n in illegible else ls) for n, ls in fn_pages]
        all_lines = [ln for _, ls in body_pages for ln in ls] + [ln for _, ls in fn_pages for ln in ls]
        words: Counter = Counter()
        hyph: Counter = Counter()
        for ln in all_lines:
            toks = [w.text for w in ln.words if not w.sup]
            for k, t in enumerate(toks):
                if t.endswith("-") and k == len(toks) - 1:
                    continue              # a line-end hyphen is the thing in question: not evidence
                for piece in _WORD_CHAIN.findall(t):
                    if "-" in piece:
                        parts = piece.lower().split("-")
                        for x, y in zip(parts, parts[1:]):      # every adjacent pair of a chain
                            hyph[f"{x}-{y}"] += 1
                    else:
                        words[piece.lower()] += 1
        joiner = Joiner(words, hyph, lang)
        joiner.look_at_line_ends(all_lines)
        footnotes_by_page = self._footnotes(fn_pages, joiner)
        # Tables and charts are read whole, not as paragraphs (the words above still count as spelling evidence).
        images = {p.number: p.images for p in self.pages}
        taken = tables.take_out_all(body_pages, self.body, lambda page: images.get(page, 0))
        self.block_starts = taken.starts
        unread, warnings = _unread_pages(self.pages, illegible)
        self._unread = set(unread)
        blocks = self._blocks(taken.body_pages)
        edition = self._assemble(mh, blocks, footnotes_by_page, joiner)
        # text set sideways, less the symbol and page marks up a sideways page's margin, goes to what it labels
        turned = {p.number: [t for t in p.turned if not marks_only(t.text)] for p in self.pages if p.turned}
        tables.attach(edition, taken, blocks, joiner, turned)
        edition.language = lang
        edition.pages_without_text, edition.warnings = unread, warnings
        return edition

    # -- footnotes
    def _footnotes(self, fn_pages, joiner: Joiner) -> dict[int, dict[str, Footnote]]:
        by_page: dict[int, dict[str, Footnote]] = defaultdict(dict)
        raw: list[tuple[int, str, list[list[Word]]]] = []
        last_page = 0                             # the page of the last footnote's last line
        for pno, zone in fn_pages:
            for num, lines in _footnote_entries(zone):
                wl = [list(ln.words) for ln in lines]
                if num is None:
                    # continues the last footnote of the previous page (not one of pages before: a chart's
                    # numbers at a later page's foot are no footnote's end)
                    if raw and last_page == pno - 1:
                        raw[-1][2].extend(wl)
                        last_page = pno
                    continue
                wl[0] = wl[0][1:]                 # drop the number itself
                raw.append((pno, num, wl))
                last_page = pno
        for pno, num, wl in raw:
            text, _ = joiner.join(wl)
            by_page[pno][num] = Footnote(number=num, text=text)
        return by_page

    # -- blocks
    def _blocks(self, body_pages) -> list[Block]:
        """The body's lines, in reading order, as headings and paragraphs."""
        self._last_letter, self._last_roman = "", 0
        self._list_next: tuple[int, float] | None = None    # (next number, x) of a list numbered afresh
        self._para_x = -1.0                                    # where the last numbered paragraph's line starts
        lines = [ln for _, ls in body_pages for ln in ls]
        reading = _Reading(line_gap=self._measure_body(lines))
        for k, ln in enumerate(lines):
            self._read_line(reading, ln, lines[k + 1] if k + 1 < len(lines) else None)
            reading.prev = ln
        return [part for b in reading.blocks for part in _bold_text_apart(b)]

    def _measure_body(self, lines: list[Line]) -> float:
        """The body text's usual space between lines (returned), left edge and right edges (kept: the whole
        document's, each page's right edges and its longest line, and odd and even pages' left edges, since they
        may differ), and whether anything is set in bold (kept: a typescript sets nothing so)."""
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and
                abs(a.size - self.body) < 1 and abs(b.size - self.body) < 1]
        body_lines = [ln for ln in lines if abs(ln.size - self.body) < 1]
        self._sets_bold = any(ln.bold for ln in lines)       # else a typewriter's: headings in capitals
        lefts_by_parity: dict[int, Counter] = defaultdict(Counter)
        rights_by_page: dict[int, Counter] = defaultdict(Counter)
        for ln in body_lines:
            lefts_by_parity[ln.page % 2][round(ln.x0)] += 1
            rights_by_page[ln.page][round(ln.x1)] += 1
        lefts, rights = sum(lefts_by_parity.values(), Counter()), sum(rights_by_page.values(), Counter())
        self._body_left = lefts.most_common(1)[0][0] if lefts else 0
        self._right_edge = rights.most_common(1)[0][0] if rights else 0
        # odd and even pages' own margins, where each has lines enough to tell (a short last page does not)
        self._parity_left = {parity: c.most_common(1)[0][0] for parity, c in lefts_by_parity.items()
                             if c.total() >= 10}
        self._page_right = {page: c.most_common(1)[0][0] for page, c in rights_by_page.items()}
        self._page_widest = {page: max(c) for page, c in rights_by_page.items()}
        return median(gaps) if gaps else self.body * 0.2

    def _read_line(self, reading: _Reading, ln: Line, nxt: Line | None) -> None:
        """One line: it opens a numbered paragraph, is (part of) a heading, or is body text."""
        words = ln.plain_words
        if not words:
            if reading.blocks:
                reading.blocks[-1].lines.append(ln)
            return
        prev = reading.prev
        gap_before = (ln.top - prev.bottom) if prev is not None and prev.page == ln.page else None
        if ln.box:
            self._sidebar_line(reading, ln, gap_before)
            return
        m = PARA_NUM_RE.match(words[0].text)
        if m is None and ln.page in self._scanned and misread_paragraph_number(words[0].text, reading.expected):
            m = PARA_NUM_RE.match(f"{reading.expected}.")
        heading_kind, lower = self._heading_or_text(reading, ln, words, gap_before, nxt)
        if m and not heading_kind and len(words) > 1 and self._numbered(reading, ln, int(m.group(1)), gap_before):
            return
        if heading_kind:
            self._heading_line(reading, ln, heading_kind, lower == "wrap", gap_before)
        else:
            self._text_line(reading, ln, gap_before)

    def _heading_or_text(self, reading: _Reading, ln: Line, words: list[Word], gap_before: float | None,
                         nxt: Line | None) -> tuple[tuple[str, str] | None, str | None]:
        """The line's heading kind (None for text) and what its small-letter start says ("text", "wrap")."""
        blocks = reading.blocks
        if id(ln) in self._session_block:
            return None, None         # the session, agenda item and its title over the document's: no section
        heading_kind = self._heading_kind(ln, words)
        if heading_kind is None and blocks and self._typescript_annex_title(blocks[-1], ln):
            heading_kind = "", f"plain:{_line_style(ln, self.body)}"
        if heading_kind and self._bold_text(ln, words, heading_kind, blocks, reading.expected, gap_before,
                                            reading.line_gap, nxt):
            heading_kind = None       # a paragraph printed in bold (a report's conclusions), not a heading
        if heading_kind and heading_kind[1] != "annex" and (not heading_kind[0] or heading_kind[1] == "digit") \
                and ln.page in self._scanned and self._ocr_prose(ln, words, nxt, reading):
            heading_kind = None       # an OCR layer's bold is no evidence: whole typescript pages come out bold
        if heading_kind and not heading_kind[0] and words_text(words).rstrip().endswith(":") and (
                nxt is None or _line_style(nxt, self.body) != _line_style(ln, self.body)):
            heading_kind = None       # "The Monitoring Team recommends:" over the list it opens: a lead-in in bold
        lower = self._lower_case_start(ln, words, heading_kind, blocks, gap_before) if heading_kind else None
        if lower == "text":
            heading_kind = None
        elif lower == "wrap" and heading_kind and blocks[-1].kind != "heading":
            # the heading's first line, ending with a comma, was taken for text: it is the heading this line wraps
            blocks[-1].kind, blocks[-1].label, blocks[-1].label_kind = "heading", "", heading_kind[1]
        return heading_kind, lower

    def _numbered(self, reading: _Reading, ln: Line, n: int, gap_before: float | None) -> bool:
        """Open paragraph `n` when it is the number expected (or one or two on, after extra space, or 1 again in
        an annex, or any number on after a page that could not be read: the paragraphs it held are missing, not the
        numbering); a number that is an item of a list instead is remembered as the list's."""
        expected = reading.expected
        restart = n == 1 and expected > 1 and self._in_annex(reading.blocks)
        in_list = self._items_list(n, ln)
        if not in_list and (n == expected or restart or (
                n > expected and n - expected <= 2 and n not in reading.seen_numbers
                and gap_before is not None and gap_before > reading.line_gap + 2) or (
                n > expected and n not in reading.seen_numbers and self._unread_between(reading.numbered_page,
                                                                                       ln.page))):
            reading.blocks.append(Block("para", [ln], number=str(n)))
            self._para_x, self._list_next = ln.x0, None     # a paragraph number ends any list
            reading.expected = n + 1
            reading.seen_numbers.add(n)
            reading.numbered_page = ln.page
            return True
        if n == 1 or in_list:
            self._list_next = (n + 1, ln.x0)
        return False

    def _extra_space(self, reading: _Reading) -> float:
        """A gap between lines wider than this is extra space: it parts paragraphs (and headings)."""
        return reading.line_gap + max(2.0, 0.35 * self.body)

    def _heading_line(self, reading: _Reading, ln: Line, heading_kind: tuple[str, str], lower_wrap: bool,
                      gap_before: float | None) -> None:
        """A heading's line: a new heading, or the next line of the heading above (wrapped, or an annex's title)."""
        label, kind = heading_kind
        blocks, prev = reading.blocks, reading.prev
        cur = blocks[-1] if blocks else None
        # an annex's title: bold, or in a typescript the line centred under "ANNEX" (A/52/826's "Final text of
        # talking points on Afghanistan")
        annex_title = (cur is not None and cur.kind == "heading" and cur.label_kind == "annex" and not label
                       and (ln.bold or self._typescript_annex_title(cur, ln)))
        # a wrapped heading: the next line in the same style, close below, without a label of its own
        # (one that starts in small letters may stand further down: a heading set with double spacing). Closer
        # than the extra space that parts the body's paragraphs, or than the heading's own leading (12 pt type
        # on 18 pt lines wraps): a status line in bold above its section's first heading ("Special, 2020" in
        # 10 pt, then "Introduction" 18 pt below) is not the heading's first line.
        close = ln.size * 1.5 if lower_wrap else min(ln.size * 0.9, max(self._extra_space(reading), ln.size * 0.6))
        wrapped = (cur is not None and cur.kind == "heading" and not label and prev is not None
                   and prev.page == ln.page and gap_before is not None and gap_before < close
                   and _line_style(cur.lines[-1], self.body) == _line_style(ln, self.body))
        if cur is not None and (annex_title or wrapped):
            cur.lines.append(ln)
            return
        blocks.append(Block("heading", [ln], label=label, label_kind=kind))
        if kind == "letter":
            self._last_letter = label[0]
        elif kind == "roman":
            self._last_letter, self._last_roman = "", _roman_value(label.rstrip("."))
        elif kind == "annex":
            self._last_letter, self._last_roman = "", 0

    def _text_line(self, reading: _Reading, ln: Line, gap_before: float | None) -> None:
        """Body text: it continues the block above, or opens an unnumbered paragraph (after a heading, extra
        space, an indent under a short line, where a table was taken out, or on a new page after one that
        ended its paragraph)."""
        blocks, prev = reading.blocks, reading.prev
        cur = blocks[-1] if blocks else None
        new_block = (cur is None or cur.kind == "heading"
                     or (gap_before is not None and gap_before > self._extra_space(reading)
                         and not self._continues_list(cur, ln))
                     or (cur.number is None and prev is not None and self._indented_under_short(prev, ln))
                     or id(ln) in self.block_starts
                     or _label_and_value(ln.plain_words)                # a form's row: one row, one paragraph
                     or (id(ln) in self._session_block and prev is not None      # the session block's parts:
                         and _line_style(prev, self.body) != _line_style(ln, self.body))   # organ, item, title
                     or (prev is not None and prev.box != ln.box)        # the body resumes after a sidebar
                     or (prev is not None and self._unread_between(prev.page, ln.page))   # no run-on across it
                     or (prev is not None and prev.page != ln.page and self._ended_on_last_page(prev, ln)
                         and not self._continues_list(cur, ln)))
        if new_block or cur is None:
            blocks.append(Block("para", [ln]))
        else:
            cur.lines.append(ln)

    def _unread_between(self, first: int, last: int) -> bool:
        """A page that could not be read (`pages_without_text`) lies between pages `first` and `last`."""
        return any(p in self._unread for p in range(first + 1, last))

    def _indented_under_short(self, prev: Line, ln: Line) -> bool:
        """An indented line under a short one: the first line of an unnumbered paragraph, unless it stands where
        the line above stands and its first word would not have fitted at that line's end — the wrap of
        ragged-right text set in from the margin (a typescript's indented points: "… raised suspicions and
        worsened / relations among outside powers", A/52/826). Across a page break (a resolution's preambular
        paragraph ending at a page's foot on its comma, the next opening the page: "Stressing …", A/52/620), each
        line is placed on its own page's margin, as odd and even pages may be set apart, and only an indent
        beyond the line above says a paragraph opens, unless that line ends on a colon: what it announces follows
        it, set in ("(a) The title of the item would be replaced by:" and the new title overleaf, A/48/653)."""
        if prev.page == ln.page:
            if not (ln.x0 > self._body_left + 8 and prev.x1 < ln.x1 - 40):
                return False
            return ln.x0 > prev.x0 + 4 or _broke_early(prev, ln, self._page_right.get(ln.page, self._right_edge))
        left, prev_left = (self._parity_left.get(p % 2, self._body_left) for p in (ln.page, prev.page))
        indent, prev_indent = ln.x0 - left, prev.x0 - prev_left
        return indent > 8 and prev.x1 - prev_left < ln.x1 - left - 40 and indent > prev_indent + 4 \
            and not prev.text.rstrip().endswith(":")

    def _sidebar_line(self, reading: _Reading, ln: Line, gap_before: float | None) -> None:
        """A sidebar's line (pdf/columns.py): text beside the body, never its heading nor a numbered paragraph;
        a paragraph opens at the box's first line and after extra space (a box's title, its items set apart)."""
        prev = reading.prev
        if not reading.blocks or prev is None or (prev.box, prev.page) != (ln.box, ln.page) or (
                gap_before is not None and gap_before > self._extra_space(reading)):
            reading.blocks.append(Block("para", [ln]))
        else:
            reading.blocks[-1].lines.append(ln)

    def _bold_text(self, ln: Line, words: list[Word], heading_kind: tuple[str, str], blocks: list[Block],
                   expected: int, gap_before: float | None, line_gap: float, nxt: Line | None) -> bool:
        """Whether a bold line is running text: ACABQ's and CEB's conclusions are whole numbered paragraphs in
        bold, UNDP's are led in by a bold phrase. The next paragraph number starting a line that ends with a
        colon, or runs to the right margin with text close below it that is plain, runs on too or ends a
        sentence (a numbered heading that wraps ends short in its style: "and operational support"); or a line
        without a label close below a paragraph's full line (it runs on), with no more space between than between
        its lines (the Advisory Committee's and the Inspectors' conclusions in bold within a paragraph: headings
        stand apart, and a figure's title follows a short "Figure I"), or the same close below a full line of a
        paragraph in the same bold style (its last line). A bold "(a)" after a line ending with a colon or a
        semicolon is an item of the list the paragraph opened (the Advisory Committee's "recommends that the
        General Assembly: (a) Take note …;")."""
        label, kind = heading_kind
        m = PARA_NUM_RE.match(words[0].text)
        if m and int(m.group(1)) == expected and (kind == "digit" or not label):
            if ln.text.rstrip().endswith(":"):
                return True               # "54. Engaging the private sector:" opens a list, as a paragraph does
            runs_on = _close_below(ln, nxt, line_gap) \
                and (not (nxt.bold or nxt.italic) or nxt.x1 >= self._right_edge - 12
                     or nxt.text.rstrip().endswith((".", ";")))
            if len(words) >= 6 and ln.x1 >= self._right_edge - 12 and runs_on:
                return True               # a whole paragraph in bold, or one led in by a bold phrase
        cur = blocks[-1] if blocks else None
        if kind == "paren" and cur is not None and cur.kind == "para" \
                and cur.lines[-1].text.rstrip().endswith((":", ";", "; and", "; or")):
            return True                   # "(a) Take note of the report;" in bold: an item of the list the text opened
        if label or cur is None or cur.kind != "para" or gap_before is None or gap_before > line_gap + 2 \
                or cur.lines[-1].x1 < self._right_edge - 12:
            return False
        # the last line of a paragraph set in bold (CEB's "Conclusion" paragraphs: "organized crime.")
        bold_paragraph_ends = cur.lines[-1].bold and _line_style(cur.lines[-1], self.body) == _line_style(ln, self.body)
        return bold_paragraph_ends or self._running_text(ln, words)

    def _ended_on_last_page(self, prev: Line, ln: Line) -> bool:
        """A paragraph ended at the foot of the page before: its last line stops short of that page's right edge
        after a full stop, and this page's first line starts with a capital or a figure (ICCD/COP(8)/CST/INF.1's
        "3.6 Dr Clarke …" at a page's top had run into 3.5). Justified text leaves a line short only where its
        paragraph ends."""
        first = ln.first_plain
        return (prev.text.rstrip().endswith((".", "!", "?", ".”", "”"))
                and prev.x1 < self._page_right.get(prev.page, self._right_edge) - 40
                and (first[:1].isupper() or first[:1].isdigit()))

    def _lower_case_start(self, ln: Line, words: list[Word], heading_kind: tuple[str, str], blocks: list[Block],
                          gap_before: float | None) -> str | None:
        """No heading starts with a small letter. An unlabelled heading-like line that does ("technology and
        innovation for the Sustainable Development Goals", "maritime legislation and multimodal transport")
        continues the line above it in the same style, close above it: "wrap" (a heading set with double spacing,
        or one whose first line ends with a comma and so was taken for text); otherwise it is "text" (a bold
        passage running on at the top of a page). None: the rule does not apply (a label, a capital, "ii.")."""
        first = words[0].text
        if heading_kind[0] or not first[:1].islower() or re.fullmatch(r"[a-z]{1,4}[.)]", first):
            return None
        cur = blocks[-1] if blocks else None
        if cur is not None and gap_before is not None and gap_before < 1.5 * ln.size \
                and _line_style(cur.lines[-1], self.body) == _line_style(ln, self.body) \
                and (cur.kind == "heading" or (len(cur.lines) == 1 and cur.number is None)):
            return "wrap"
        return "text"

    def _ocr_prose(self, ln: Line, words: list[Word], nxt: Line | None, reading: _Reading) -> bool:
        """On a scanned page, a bold line unlabelled or numbered "n." is text when it is OCR noise (`I ...`), a
        note ("18/ Conférence …") or prose: the next line of the paragraph above (close below it, at its left
        edge), six words or more with the next line close below at the same left edge (a paragraph's first line;
        a typescript's heading stands apart, centred or followed by space, and its ragged right edge says
        nothing), or four words or more ending a sentence. The OCR reads whole pages as bold (E/ICEF/672 part
        II) and misreads paragraph numbers ("3L.", "1+2."), so paragraphs were taken for headings."""
        text = words_text(words).rstrip()
        line_gap, prev, cur = reading.line_gap, reading.prev, reading.blocks[-1] if reading.blocks else None
        runs_on = _close_below(ln, nxt, line_gap) and abs(nxt.x0 - ln.x0) < 3
        if _close_below(prev, ln, line_gap) and abs(prev.x0 - ln.x0) < 3 and cur is not None and cur.kind == "para":
            return True               # the next line of the paragraph above, close below it at its left edge
        note = _TYPESCRIPT_NOTE.fullmatch(words[0].text) and len(words) >= 4     # "19/ Voir …": a typescript's note
        return ocr_marks(text) or note or (len(words) >= 6 and runs_on) \
            or (len(words) >= 4 and text.endswith((".", ";")))

    def _running_text(self, ln: Line, words: list[Word]) -> bool:
        """A line of prose: six words or more across most of the text's width (not a line set to the right:
        "Adopted under agenda item 5 (a)"), no gap between them as wide as a table's between its cells, and it
        runs to the right margin or ends a sentence."""
        gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
        return len(words) >= 6 and max(gaps) < 2.5 * ln.size \
            and ln.x1 - ln.x0 >= 0.6 * (self._right_edge - self._body_left) \
            and (ln.x1 >= self._right_edge - 12 or ln.text.rstrip().endswith((".", ";", ":")))

    def _continues_list(self, cur: Block, ln: Line) -> bool:
        """A sub-item "(a) …" or an indented line after extra space stays inside a numbered paragraph."""
        if cur.kind != "para" or cur.number is None:
            return False
        first = ln.first_plain
        return bool(PAREN_RE.match(first) or first in BULLETS or first == "-")

    def _items_list(self, n: int, ln: Line) -> bool:
        """Whether "n." continues a list numbered afresh from 1 in the text (not a paragraph number): its next
        number, set at the same place as its items. A compilation of reports (E/C.2/2025/2/Add.3) numbers each
        part's items from 1; the paragraph count of an earlier list ("1."-"5.") must not take the "6." of a later
        list whose "1."-"5." it did not take. Only for a list set where the numbered paragraphs are: its items
        look like paragraphs, and only the nearer sequence tells them apart."""
        return (self._list_next is not None and n == self._list_next[0] and abs(ln.x0 - self._list_next[1]) < 2
                and abs(ln.x0 - self._para_x) < 2)

    def _in_annex(self, blocks: list[Block]) -> bool:
        return any(b.kind == "heading" and b.label_kind == "annex" for b in blocks)

    def _heading_kind(self, ln: Line, words: list[Word]) -> tuple[str, str] | None:
        """(label, kind) when the line is a heading line, else None."""
        text = words_text(words).strip()
        if ANNEX_RE.match(text) and (ln.bold or ln.size > self.body * 1.1 or self._capitals_heading(ln, text)):
            return text.rstrip("*"), "annex"
        bold = ln.bold
        italic_heading = ln.italic and len(text) < 120 and not text.endswith((".", ";", ":", ",")) \
            and ln.size >= self.body * 0.95
        if not (bold or italic_heading or self._capitals_heading(ln, text)) or _label_and_value(words):
            return None
        if len(text) > 250:
            return None
        first = words[0].text
        if first in BULLETS:
            return None                   # a list's item, in bold or not, is no heading
        if ROMAN_RE.match(first) and LETTER_RE.match(first) and len(words) > 1:
            # "C.", "D.", "V." may be a letter or a Roman numeral: the sequence so far decides.
            next_letter = chr(ord(self._last_letter) + 1) if self._last_letter else "A"
            if first[0] == next_letter and _roman_value(first[0]) != self._last_roman + 1:
                return first, "letter"
            if _roman_value(first[0]) == self._last_roman + 1:
                return first, "roman"
            return first, "letter"
        if ROMAN_RE.match(first) and len(words) > 1:
            return first, "roman"
        if LETTER_RE.match(first) and len(words) > 1:
            return first, "letter"
        if DIGIT_RE.match(first) and len(words) > 1:
            return first, "digit"
        if PAREN_RE.match(first) and len(words) > 1:
            return first, "paren"
        return "", f"plain:{_line_style(ln, self.body)}"

    def _capitals_heading(self, ln: Line, text: str) -> bool:
        """A typescript's heading (the 1990s' Courier: one face, one size, no bold anywhere): a short line in
        capitals set in the middle of the text's width, with a word to it ("I.   INTRODUCTION", "VI.   OBSERVATIONS
        AND CONCLUSIONS", A/52/620 and A/52/826), where today's documents set their headings in bold."""
        letters = [c for c in text if c.isalpha()]
        if self._sets_bold or len(letters) < 4 or len(text) > 120 or text.endswith((".", ";", ",", ":")) \
                or ln.size < self.body * 0.95:
            return False
        outside_brackets = re.sub(r"\([^)]*\)", " ", text)
        if not any(len(w) >= 4 and not ROMAN_WORD.fullmatch(w) for w in re.findall(r"[^\W\d_]+", outside_brackets)):
            return False                  # a code, a symbol, a numeral: "3357 (XXIX) (ACEFRS)"
        if sum(c.isupper() for c in letters) < 0.9 * len(letters):
            return False
        return self._centred(ln)

    def _typescript_annex_title(self, cur: Block, ln: Line) -> bool:
        """In a typescript, the line centred under a lone "ANNEX" is the annex's title (A/52/826's "Final text
        of talking points on Afghanistan"), where today's documents set it in bold."""
        return (not self._sets_bold and cur.kind == "heading" and cur.label_kind == "annex" and len(cur.lines) == 1
                and self._centred(ln) and not ln.text.rstrip().endswith((".", ";", ",")))

    def _centred(self, ln: Line) -> bool:
        """Set in the middle of the text's width, short of both margins (a typescript's ragged lines: the width
        runs to the longest)."""
        right = self._page_widest.get(ln.page, self._right_edge)
        middle, width = (self._body_left + right) / 2, right - self._body_left
        return ln.x0 > self._body_left + 2 * ln.size and abs((ln.x0 + ln.x1) / 2 - middle) < 0.1 * width

    # -- assembly
    def _assemble(self, mh: Masthead, blocks: list[Block], fns: dict[int, dict[str, Footnote]],
                  joiner: Joiner) -> Edition:
        assembly = _Assembly(fns, joiner, self.slash_numbers, self._scanned)
        for b in blocks:
            if b.kind == "heading":
                assembly.add_heading(b)
            else:
                assembly.add_paragraph(b)
        # A footnote cited nowhere in the body (the title's "* Reissued for technical reasons", an agenda
        # reference of the masthead) is kept as a note of the edition: no text is lost.
        notes = [f for page in sorted(fns) for f in fns[page].values() if id(f) not in assembly.cited]
        symbol = mh.symbol or symbol_from_file_name(self.source)
        return Edition(symbol=symbol, date=mh.date, title=mh.title, pages=len(self.pages),
                       sections=assembly.sections, paragraphs=assembly.paragraphs, source=self.source, notes=notes)


class _Assembly:
    """Blocks, in order, made into the section tree and the paragraphs, with their ids and footnotes."""

    def __init__(self, fns: dict[int, dict[str, Footnote]], joiner: Joiner, slash_numbers: set[int] = frozenset(),
                 scanned: set[int] = frozenset()):
        self.fns, self.joiner = fns, joiner
        self.slash_numbers, self.scanned = slash_numbers, scanned
        # a 1990s document numbers its "n/" notes once for the whole text: "2/" cited pages later is note 2
        self.slash_notes = {n: f for page in sorted(fns) for n, f in fns[page].items()
                            if n.isdigit() and int(n) in slash_numbers}
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.stack: list[tuple[str, Section]] = []     # the open sections, outermost first: (label kind, section)
        self.used_ids: set[str] = set()
        self.annex_count = 0
        self.annex_prefix = ""
        self.unnumbered = 0
        self.used_fn: set[tuple[int, str]] = set()
        self.prominence: dict[str, float] = {}
        self.cited: set[int] = set()                   # id() of every footnote cited somewhere

    def find_footnote(self, num: str, page: int, slashed: bool = False) -> Footnote | None:
        """The footnote of marker `num` on `page`; a "n/" marker (`slashed`) may cite its note pages away."""
        f = _find_footnote(self.fns, self.used_fn, num, page) or (self.slash_notes.get(num) if slashed else None)
        if f is not None:
            self.cited.add(id(f))
        return f

    def unique(self, sid: str) -> str:
        base, k = sid, 2
        while sid in self.used_ids:
            sid = f"{base}~{k}"
            k += 1
        self.used_ids.add(sid)
        return sid

    def cites_slashed(self, lines: list[Line], num: str) -> bool:
        """Whether `num` is cited "n/" as printed in these lines (not by a raised OCR speck, nor misread by an
        OCR: those cite only a note on their page or the next)."""
        return bool(self.slash_numbers) and any(_slash_marker(w.text, self.slash_numbers) == num for ln in lines for w in ln.words)

    def misread_here(self, page: int) -> set[int]:
        """The "n/" notes an OCR's misread marker on `page` may cite: those printed on it or the next page."""
        if page not in self.scanned:
            return set()
        return {int(n) for p in (page, page + 1) for n in self.fns.get(p, {}) if n in self.slash_notes}

    def line_words(self, ln: Line) -> list[Word]:
        if not self.slash_numbers:
            return list(ln.words)
        return _raised_slash_markers(ln.words, self.slash_numbers, self.misread_here(ln.page))

    def add_heading(self, b: Block) -> None:
        wl = [self.line_words(ln) for ln in b.lines]
        if b.label:
            if b.label_kind == "annex":
                wl[0] = []                 # the "Annex I" line is the label; title follows
            else:
                wl[0] = wl[0][1:]          # drop the label word
        text, markers = self.joiner.join(wl)
        page = b.lines[0].page
        text, markers = _plain_stars(text, markers, self.fns, page)
        sec = self._annex(b, text, page) if b.label_kind == "annex" else self._nested(b, text, page)
        self.prominence[sec.id] = b.prominence
        for _, num in markers:
            f = self.find_footnote(num, page, self.cites_slashed(b.lines, num))
            if f:
                sec.footnotes.append(f)
        self.sections.append(sec)

    def _annex(self, b: Block, text: str, page: int) -> Section:
        """An annex opens a tree of its own; its paragraphs' numbers may start again."""
        self.annex_count += 1
        self.annex_prefix = f"A{self.annex_count}"
        words = b.label.split()
        sid = self.unique("ANNEX" + ("-" + words[-1] if len(words) > 1 else
                                     (f"-{self.annex_count}" if self.annex_count > 1 else "")))
        sec = Section(id=sid, label=b.label, title=text, level=1, parent=None, page=page)
        self.stack = [("annex", sec)]
        return sec

    def _nested(self, b: Block, text: str, page: int) -> Section:
        """A heading closes the open sections of its own label kind and those below them, and opens under the
        rest."""
        kinds = [k for k, _ in self.stack]
        if b.label_kind in kinds:
            self.stack = self.stack[:kinds.index(b.label_kind)]
        # An unlabelled heading does not hold a heading printed as loud or louder than itself.
        while (self.stack and self.stack[-1][0].startswith("plain")
               and self.prominence[self.stack[-1][1].id] <= b.prominence):
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        core = b.label.strip(".") if b.label else ""
        if not core:
            core = "H" + str(sum(1 for s in self.sections if not s.label) + 1)
        sid = self.unique(f"{parent.id}.{core}" if parent else core)
        sec = Section(id=sid, label=b.label, title=text, level=len(self.stack) + 1,
                      parent=parent.id if parent else None, page=page)
        self.stack.append((b.label_kind, sec))
        return sec

    def add_paragraph(self, b: Block) -> None:
        wl = [self.line_words(ln) for ln in b.lines]
        if b.number:
            number_word = b.lines[0].plain_words[0]
            wl[0] = [w for w in wl[0] if w is not number_word]
        text, markers = self.joiner.join(wl)
        text, markers = _plain_stars(text, markers, self.fns, b.lines[0].page)
        if not text:
            return
        if b.number:
            pid = b.number if b.number not in self.used_ids else f"{self.annex_prefix or 'X'}-{b.number}"
            pid = self.unique(pid)
        else:
            self.unnumbered += 1
            pid = self.unique(f"u{self.unnumbered}")
        notes = []
        for li, num in markers:            # a marker's footnote is on the page of the line it stands on
            f = self.find_footnote(num, b.lines[li].page, self.cites_slashed(b.lines[li:li + 1], num))
            if f and f not in notes:
                notes.append(f)
        self.paragraphs.append(Paragraph(id=pid, number=b.number,
                                         section=self.stack[-1][1].id if self.stack else None, text=text,
                                         footnotes=notes, page_start=b.lines[0].page, page_end=b.lines[-1].page))


def _find_footnote(fns: dict[int, dict[str, Footnote]], used: set[tuple[int, str]], num: str,
                   page: int) -> Footnote | None:
    """The footnote a marker on `page` refers to: the first not yet cited on this page or near it (a marker at a
    page's foot may have its note overleaf), else one cited before (a footnote cited twice)."""
    for p in (page, page + 1, page - 1, page + 2):
        f = fns.get(p, {}).get(num)
        if f is not None and (p, num) not in used:
            used.add((p, num))
            return f
    for p in (page, page + 1, page - 1):
        if num in fns.get(p, {}):
            return fns[p][num]
    return None


_PLAIN_STARS = re.compile(r"(?<=[^\s*])(\*{1,3})(?=[\s,.;:)]|$)")


def _plain_stars(text: str, markers: list[tuple[int, str]], fns: dict[int, dict[str, Footnote]],
                 page: int) -> tuple[str, list[tuple[int, str]]]:
    """Star markers printed at text size ("Item 7 (a) of the provisional agenda*", "Summary**") are markers only
    where a footnote with those stars stands on the page (or the next): then they leave the text."""
    if "*" not in text:
        return text, markers
    stars = {n for p in (page, page + 1) for n in fns.get(p, {}) if n.startswith("*")}
    found = [m.group(1) for m in _PLAIN_STARS.finditer(text) if m.group(1) in stars]
    if not found:
        return text, markers
    text = _PLAIN_STARS.sub(lambda m: "" if m.group(1) in stars else m.group(1), text)
    return " ".join(text.split()), markers + [(0, n) for n in found]


def _merged_pages(*zones: list[tuple[int, list[Line]]]) -> list[tuple[int, list[Line]]]:
    """Each page's lines of every zone (body, footnotes), by page number."""
    merged: dict[int, list[Line]] = defaultdict(list)
    for zone in zones:
        for number, lines in zone:
            merged[number] += lines
    return sorted(merged.items())


def _unread_pages(pages: list[PageText], illegible: list[int]) -> tuple[list[int], list[str]]:
    """Pages whose words are missing from the edition, and the warnings for them: pages that hold images and no
    text (scanned pages in an otherwise digital file), and scanned pages whose OCR text is not words."""
    pictures, warnings = _picture_pages(pages)
    if illegible:
        several = len(illegible) > 1
        warnings.append(f"page{'s' if several else ''} {', '.join(map(str, illegible))} of {len(pages)}: the OCR "
                        f"text layer is not words (a table printed sideways or a picture read as letters): "
                        f"{'their' if several else 'its'} text is not in the edition")
    return sorted(set(pictures) | set(illegible)), warnings


def _picture_pages(pages: list[PageText]) -> tuple[list[int], list[str]]:
    """Pages that hold images and no text, and the warning for them."""
    unread = [p.number for p in pages if not p.lines and p.images]
    if not unread:
        return [], []
    if unread == [pages[-1].number] and len(pages) >= 3:
        # a mission's report closes with its deployment map, often placed as one picture (S/2025/211): no OCR
        # advice for it, which would only tell the reader that something is wrong with a sound file
        return unread, [f"page {unread[0]} of {len(pages)}, the last, is a picture without a text layer (usually a "
                        f"map or a figure closing the report): its contents are not compared"]
    several = len(unread) > 1
    return unread, [f"page{'s' if several else ''} {', '.join(map(str, unread))} of {len(pages)} "
                    f"{'are images' if several else 'is an image'} without a text layer (a scan, or a full-page "
                    f"figure): any text on {'them' if several else 'it'} is not in the edition; if scanned, run "
                    f"OCR first, e.g. ocrmypdf --skip-text IN.pdf OUT.pdf"]


# Words that only one of the languages of UN documents written in Latin letters uses often.
_LANGUAGE_WORDS = {"en": ("the", "and", "of", "to", "in"),
                   "fr": ("le", "les", "et", "des", "du", "une", "est"),
                   "es": ("el", "los", "y", "del", "las", "que", "por")}
# Scripts of the other official languages: Cyrillic (Russian), Arabic, CJK ideographs (Chinese).
_SCRIPTS = {"ru": re.compile("[\u0400-\u04ff]"), "ar": re.compile("[\u0600-\u06ff]"),
            "zh": re.compile("[\u4e00-\u9fff]")}


def _guess_lang(lines: list[Line]) -> str:
    """The text's language: by script, then, in Latin letters, by the words only English, French or Spanish use
    often."""
    text = " ".join(ln.text for ln in lines[:400])
    latin = len(re.findall(r"[A-Za-z]", text))
    script, n = max(((lang, len(rx.findall(text))) for lang, rx in _SCRIPTS.items()), key=lambda x: x[1])
    if n > latin:
        return script
    sample = Counter(w.text.lower() for ln in lines[:400] for w in ln.words)
    scores = {lang: sum(sample[w] for w in words) for lang, words in _LANGUAGE_WORDS.items()}
    return max(scores, key=scores.get)


def build_edition(pages: list[PageText], source: str | None = None) -> Edition:
    """Lines of every page → the Edition (see the module docstring for the steps)."""
    return EditionBuilder(pages, source).build()
