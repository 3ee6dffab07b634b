"""Page furniture: the running header and footer, page marker, job number, stamp and barcode of a UN document,
found by position (the top and bottom bands of a page), by pattern and by repetition on other pages."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from .extract import Line, PageText
from .labels import DOC_SYMBOL_RE, find_symbol

FURNITURE_RES = [
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}(\s+\d{2}-\d{5}\*?(\s*\([A-Z]\))?)?$"),       # 2/15 25-00800
    re.compile(r"^\d{2}-\d{5}\*?(\s*\([A-Z]\)\s*\d{6})?(\s+\d{1,4}\s*/\s*\d{1,4})?$"),  # 25-00800 (E) 070225
    re.compile(r"^\*\d{5,9}\*$"),                                                    # barcode *2500800*
    re.compile(r"^Please\s+recycle", re.I),
    re.compile(r"^\d{1,4}$"),                                                        # bare page number
    re.compile(r"^page\s+\d{1,4}$", re.I),               # "Page 2" under the running symbol (1990s, Geneva)
]
# the language of the version, under the running symbol (1990s, Geneva: "A/47/435 / English / Page 2")
LANGUAGES = ("English", "French", "Spanish", "Russian", "Arabic", "Chinese", "Français", "Anglais", "Espagnol",
             "Español", "Inglés", "Francés")
FURNITURE_RES.append(re.compile(rf"^({'|'.join(LANGUAGES)})$"))
# Furniture printed only at a page's foot, distinctive enough to be looked for a little higher up (a scanned
# page sits lower or higher on its sheet): the continuation mark of 1990s documents ("/...", OCR'd "/.,.")
# and the library's stamp on scanned documents.
FOOT_RES = [
    re.compile(r"^/\s*[.,]{1,4}$"),
    re.compile(r"^Digitized by Dag Hammarskj", re.I),
]
# A job number: 25-00800, 24-21234X, the 1990s' 95-37106, Geneva's GE.25-04731.
JOB_RE = re.compile(r"(?<![\w/.-])(?:GE\.)?\d{2}-\d{5}[A-Z]?\*?(?![\w-])")
# Symbol fonts' private-use codes for ASCII (U+F020-U+F07E): a barcode drawn in such a font reads "\uf02a\uf031...".
_PRIVATE_ASCII = {0xF000 + c: c for c in range(0x20, 0x7F)}
TOP_BAND, BOTTOM_BAND, FOOT_BAND = 0.12, 0.85, 0.80


def norm_digits(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def is_job_line(text: str) -> bool:
    """A job number with nothing but its stamps around it and no word: `95-37106 (E) 011295 /...`,
    `GE.25-04731 (E) 280325 280325`, `25-10679 13`, `iv 25-10679`, `GE.17-23427(E)`, OCR'd `92-43708 3486i (E)`."""
    if not JOB_RE.search(text):
        return False
    rest = JOB_RE.sub(" ", text)
    return not any(w.lower() != "page" and not re.fullmatch(r"[ivxlc]+", w)     # a page "iii" is no word
                   for w in re.findall(r"[^\W\d_]{3,}", rest))


_PAGE_MARKS = re.compile(r"\b\d{1,4}\s*/\s*\d{1,4}\b|\b\d{1,4}\b")


def marks_only(text: str) -> bool:
    """Symbols, job numbers and page numbers and no word: what a page set sideways prints up its margin
    ("JIU/REP/2025/2", "25-10679", "S/2025/211 25-04828 17/17")."""
    rest = _PAGE_MARKS.sub(" ", JOB_RE.sub(" ", DOC_SYMBOL_RE.sub(" ", text)))
    return not any(ch.isalpha() for ch in rest)


def _folded(text: str, keep: str = "") -> str:
    """Letters and digits (and the characters in `keep`) of a text, accents and case aside."""
    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if (c.isalnum() or c in keep) and not unicodedata.combining(c)).lower()


def ocr_key(text: str) -> str:
    """A line's text as an OCR layer's misreadings of it still share it: accents, case, spaces, punctuation
    and numbers aside ("Franç ai s" and "Français", "Page 1+1" and "Page 41" read alike)."""
    return re.sub(r"\d+", "#", _folded(text))


def symbol_key(text: str) -> str:
    """A running symbol as an OCR layer's misreadings of it still share it, its digits kept: letters, digits and
    slashes, lower case ("A./47/466" and "A/47/466" read alike; `ocr_key` leaves a symbol too little to compare)."""
    return _folded(text, "/")


def ocr_marks(text: str) -> bool:
    """OCR noise: two or more marks and at most one letter or digit (`I ...`, `1 •••`, `I . . "`: a continuation
    mark "/..." misread; specks read as `,~;.`). No heading nor furniture of a text reads so."""
    marks = sum(not c.isalnum() and not c.isspace() for c in text)
    return marks >= 2 and sum(c.isalnum() for c in text) <= 1


def _misread_marker(text: str) -> bool:
    """The page marker or the language line of a running header, misread by an OCR ("Pape lU", "Pe,ge 9",
    "Page h2", "Franc air:"): one edit from "Page" before a short number of any marks, or from a language."""
    words = text.split()
    if len(words) == 2 and len(words[1]) <= 4 and Levenshtein.distance(ocr_key(words[0]), "page") <= 1:
        return True
    key = ocr_key(text)
    return any(Levenshtein.distance(key, lang) <= 1 for lang in _LANGUAGE_KEYS)


_LANGUAGE_KEYS = tuple(ocr_key(lang) for lang in LANGUAGES)


def printed(ln: Line) -> str:
    """A line's text as the furniture tests read it: single spaces, a symbol font's private-use codes as the ASCII
    they stand for (a barcode drawn in such a font reads "\uf02a\uf031...")."""
    return " ".join(ln.text.split()).translate(_PRIVATE_ASCII)


def _is_foot(text: str) -> bool:
    return is_job_line(text) or any(r.match(text) for r in FOOT_RES) or bool(FURNITURE_RES[2].match(text))


def furniture_mask(pages: list[PageText]) -> dict[int, set[int]]:
    """Indices of lines that are page furniture, per page number.

    A line is furniture when it sits in the top or bottom band of its page and either matches a known pattern
    (page marker, job number, barcode, "Please recycle") or its text, digits aside, recurs in the same band on
    other pages (running headers, symbol lines). The scan stops at the first body-like line from each edge.
    """
    bands = _Bands.of(pages)
    mask: dict[int, set[int]] = {}
    for p in pages:
        drop: set[int] = set()
        for i, ln in enumerate(p.lines):                      # from the top
            if ln.bottom <= 0:
                drop.add(i)            # above the sheet: an OCR layer's specks beyond the page's edge, unseen
                continue
            if ln.bottom > p.height * TOP_BAND or p.number == 1:
                break
            if not bands.furniture(ln, "top", p.number, p.scanned):
                break
            drop.add(i)
        for i in range(len(p.lines) - 1, -1, -1):              # from the bottom
            ln = p.lines[i]
            if ln.top >= p.height:
                drop.add(i)            # below the sheet, as above
                continue
            if ln.top < p.height * FOOT_BAND or (ln.top < p.height * BOTTOM_BAND and not _is_foot(printed(ln))):
                break
            if not bands.furniture(ln, "bottom", p.number, p.scanned):
                break
            drop.add(i)
        mask[p.number] = drop
    return mask


# Column heads stand this far apart (share of the type size); words of a running header are a space apart.
HEADS_GAP = 2.0


def _column_heads(ln: Line) -> bool:
    """Three or more words or phrases of letters standing far apart: a borderless table's header repeated at the
    top of each page it runs over ("Country   Representative   Alternates   Advisers"), which belongs to the
    table; a running header is a symbol, a title or a page marker."""
    heads = 1 + sum(1 for a, b in zip(ln.words, ln.words[1:]) if b.x0 - a.x1 > HEADS_GAP * ln.size)
    return heads >= 3 and all(w.text.isalpha() for w in ln.words)


class _Bands:
    """What the document prints in its pages' top and bottom bands, digits aside: how often each text stands
    at each height, and on how many pages."""

    def __init__(self, pages: int):
        self.pages = pages
        self.at_height: dict[str, Counter] = {"top": Counter(), "bottom": Counter()}
        self.on_pages: dict[str, Counter] = {"top": Counter(), "bottom": Counter()}
        # scanned pages: the pages on which each OCR key (and symbol key) stands in each band, and how many pages
        # are scanned
        self.ocr_pages: dict[str, dict[str, set[int]]] = {"top": defaultdict(set), "bottom": defaultdict(set)}
        self.symbol_pages: dict[str, dict[str, set[int]]] = {"top": defaultdict(set), "bottom": defaultdict(set)}
        self.scanned = 0

    @classmethod
    def of(cls, pages: list[PageText]) -> _Bands:
        bands = cls(len(pages))
        for p in pages:
            bands.scanned += p.scanned
            seen = set()
            for ln in p.lines:
                where = "top" if ln.bottom < p.height * TOP_BAND else "bottom" if ln.top > p.height * BOTTOM_BAND \
                    else None
                if where:
                    norm = norm_digits(ln.text)
                    bands.at_height[where][(norm, round(ln.top / 4))] += 1
                    seen.add((where, norm))
                    if p.scanned:
                        bands.ocr_pages[where][ocr_key(ln.text)].add(p.number)
                        bands.symbol_pages[where][symbol_key(ln.text)].add(p.number)
            for where, norm in seen:
                bands.on_pages[where][norm] += 1
        return bands

    def furniture(self, ln: Line, where: str, page: int, scanned: bool = False) -> bool:
        """Whether a line in the band `where` ("top", "bottom") of page number `page` is furniture."""
        text = printed(ln)
        if any(r.match(text) for r in FURNITURE_RES) or _is_foot(text):
            return True
        if scanned and (ocr_marks(text) or _misread_marker(text) or self._misread_repeat(text, where, page)):
            return True           # an OCR reads the same header differently on each page: the exact tests miss it
        if ln.words[0].sup and where == "bottom":
            return False          # a footnote ("¹ Information provided by a Member State.") is not furniture
        if (where == "top" and page > 1 or where == "bottom") and find_symbol(text) == text.rstrip("*"):
            return True               # the symbol as running header, or at the foot (Geneva's "Misc." layout)
        if self.pages < 3 or len(text) >= 80 or _column_heads(ln):
            return False
        # Repeated, digits aside, at the same height on a third of the pages: a running header or footer;
        # or, short, in the same band on half the pages at whatever height (scanned pages move on the sheet).
        norm = norm_digits(text)
        if self.at_height[where][(norm, round(ln.top / 4))] >= max(2, self.pages // 3):
            return True
        return len(text) < 60 and self.on_pages[where][norm] >= max(3, self.pages // 2)

    def _misread_repeat(self, text: str, where: str, page: int) -> bool:
        """On a scanned page: a line that recurs in the same band of a third of the scanned pages up to a few
        edits (one in four characters of its OCR key: "E/lCEF/6î2(Première partie)", "E/ICEF/Ô72(...)"), or the
        start of such a line where the OCR lost its end ("E/ICFF/672(Première t-t' :")."""
        key = ocr_key(text)
        if len(text) >= 80 or self.scanned < 3:
            return False
        if len(key) < 5:           # a running symbol is mostly digits: "A./47/466" on one page, "A/47/466" on others
            key, by_key, cut = symbol_key(text), self.symbol_pages[where], 1
            if len(key) < 6 or not find_symbol(key.upper()):
                return False
        else:
            by_key, cut = self.ocr_pages[where], len(key) // 4
        near = {pg for k, pgs in by_key.items()
                if Levenshtein.distance(k[:len(key)], key, score_cutoff=cut) <= cut for pg in pgs}
        return len(near - {page}) >= max(2, self.scanned // 3)
