"""Stage 1 — PDF → positioned text lines, one page at a time.

A page's characters (text, box, font size, bold/italic) are grouped into lines by vertical overlap, and each line
into words by the gaps between characters. Superscripts (footnote markers) are flagged by their smaller size and
raised baseline. Nothing here knows about paragraphs or sections: that is `structure`'s job. Each page is read
on its own, so pages can be processed in parallel.
"""
from __future__ import annotations

import bisect
import operator
import os
import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from typing import Callable, Iterable

from ..errors import CorruptPDFError, raise_if_interrupted
from .fontcodes import MacReadFonts, windows_char
from .pdfium_lock import with_pdfium_lock
from .turned import TurnedText
from .turned import runs as turned_runs

# Two characters are in one word unless the gap between them exceeds this share of the font size. Justified lines
# stretch only the spaces, which the PDF draws as real space characters or as wide gaps; letter gaps stay tiny.
WORD_GAP = 0.15
# A character no larger than this share of its line's body size, and raised, is a superscript (footnote marker).
SUPERSCRIPT_SIZE = 0.82
CLOSING = frozenset("’'”,.;:)]}%")   # characters that end a word without a space before them
SUPERSCRIPT_RISE = 0.15
# A space PDFium made up at a gap (kept where the gap is a word space: see _keeps_space). It reads as any blank,
# but a line whose spacing is measured afresh (letter-spaced) is measured without it: PDFium's guess for such a
# line put a space between every two letters.
MADE_UP_SPACE = "\u2002"


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    size: float
    bold: bool
    italic: bool
    sup: bool = False            # a raised, smaller run: a footnote marker (or a superscript like "th")
    space_before: bool = True    # separated from the previous word by a space (False for a marker glued to it)


def unspaced_first(words: list[Word]) -> list[Word]:
    """The words with the first one not preceded by a space (what is left of a line once words before it went)."""
    if words and words[0].space_before:
        words = [replace(words[0], space_before=False)] + words[1:]
    return words


def words_text(words: list[Word]) -> str:
    """Words as printed: a space only where the line has one."""
    return "".join((" " if i and w.space_before else "") + w.text for i, w in enumerate(words))


@dataclass
class Line:
    words: list[Word]
    top: float
    bottom: float
    size: float                  # body size of the line (largest non-superscript size)
    page: int
    box: int = 0                 # k > 0: the line is text of the page's k-th sidebar box (see `columns`)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        """The line as printed, superscripts included."""
        return words_text(self.words)

    @property
    def plain_words(self) -> list[Word]:
        return [w for w in self.words if not w.sup]

    @property
    def first_plain(self) -> str:
        """The text of its first word that is not a superscript ("" if none): where a label would stand."""
        return next((w.text for w in self.words if not w.sup), "")

    @property
    def bold(self) -> bool:
        return self._mostly("bold")

    @property
    def italic(self) -> bool:
        return self._mostly("italic")

    def _mostly(self, style: str) -> bool:
        """Whether at least 60 % of the letters of its words (superscripts aside) are set in `style`."""
        letters = [w for w in self.plain_words if any(c.isalpha() for c in w.text)]
        return bool(letters) and (sum(len(w.text) for w in letters if getattr(w, style))
                                  >= 0.6 * sum(len(w.text) for w in letters))


#: (x0, top, x1, bottom) of a drawn rectangle or shape, and the least size of one that may frame a sidebar
Box = tuple[float, float, float, float]
BOX_MIN_WIDTH, BOX_MIN_HEIGHT = 60.0, 24.0


@dataclass
class PageText:
    number: int                  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)   # horizontal rules: (y, x0, x1)
    images: int = 0              # count of images (a page with images and no text is a scan)
    scanned: bool = False        # one image covers most of the page: its text, if any, is an OCR layer's
    turned: list[TurnedText] = field(default_factory=list)   # text set sideways (turned.py), apart from the lines


def _font_flags(fontname: str) -> tuple[bool, bool]:
    name = fontname.split("+", 1)[-1].lower()
    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", "demi"))
    italic = any(k in name for k in ("italic", "oblique"))
    return bold, italic


def _group_lines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines by vertical overlap.

    Large characters found the lines; smaller ones (superscripts, the footnote number beside its text) join the
    line they overlap most, so a raised marker never starts a line of its own.
    """
    lines: list[dict] = []       # {"top", "bottom", "chars"}, kept sorted by top
    tops: list[float] = []
    last_top = last_bottom = None
    last_line: dict | None = None
    rank = {size: -round(size, 1) for size in {c.size for c in chars}}     # a page has a handful of sizes
    for ch in sorted(chars, key=lambda c: (rank[c.size], c.top)):
        top, bottom = ch.top, ch.bottom
        if top == last_top and bottom == last_bottom and bottom > top:
            # Same box height as the character before (the rest of its line, in this order): lines never move,
            # so the search below would find the line that one went to.
            last_line["chars"].append(ch)
            continue
        h = max(bottom - top, 0.1)
        best, best_overlap = None, 0.0
        lo = bisect.bisect_left(tops, top - 40)
        for ln in lines[lo:]:
            if ln["top"] > bottom:
                break
            overlap = min(bottom, ln["bottom"]) - max(top, ln["top"])
            if overlap > best_overlap:
                best, best_overlap = ln, overlap
        last_top, last_bottom = top, bottom
        if best is not None and best_overlap >= 0.5 * min(h, best["bottom"] - best["top"]):
            best["chars"].append(ch)
            last_line = best
            continue
        ln = {"top": top, "bottom": bottom, "chars": [ch]}
        i = bisect.bisect_left(tops, top)
        tops.insert(i, top)
        lines.insert(i, ln)
        last_line = ln
    typical = 0.0
    out = []
    for ln in lines:
        height = ln["bottom"] - ln["top"]
        if not typical and height > 18:
            typical = Counter(c.size for c in chars).most_common(1)[0][0]     # asked for once, on a tall line
        if typical and height > 1.8 * typical:
            out += _split_baselines(ln["chars"], typical)
        else:
            out += _split_stacked(ln["chars"])
    return out


def _split_stacked(chars: list[Char]) -> list[list[Char]]:
    """A line founded by large type may have gathered two lines of smaller type set beside it, one above the
    other (a 1948 masthead: "ECONOMIC  CONSEIL" in 19-point type, and at its right "3 June 1948" over
    "ORIGINAL: ENGLISH" in 13-point): their letters would interleave in one line. When the smaller characters sit on
    two baselines or more, in a column of their own beside the large type, each baseline is a line of its own, and
    the large type another. Raised footnote markers share one height and stay."""
    big = max(c.size for c in chars)
    small = [c for c in chars if c.size < 0.9 * big]
    if len(small) < 4 or len(small) == len(chars):
        return [chars]
    large = [c for c in chars if c.size >= 0.9 * big]
    if sum(c.text.isalpha() for c in large) < 3:
        return [chars]        # the large ones are specks of a scan ("!", "]"), not a line of type
    if min(c.x0 for c in small) < max(c.x1 for c in large) and max(c.x1 for c in small) > min(c.x0 for c in large):
        return [chars]        # smaller words among the large ones (an OCR layer sizes each word): one line
    stacked = _by_baseline(small, 0.6 * sorted(c.size for c in small)[len(small) // 2])
    if len(stacked) < 2 or any(sum(c.text.isalpha() for c in g) < 3 for g in stacked):
        return [chars]        # one baseline, or a speck of the scan beside the line: not lines of their own
    return sorted([large] + stacked, key=lambda g: max(c.bottom for c in g))


def _split_baselines(chars: list[Char], typical: float) -> list[list[Char]]:
    """A line founded by a character far taller than the page's text (a speck of a scan that the OCR layer read
    as a huge glyph; the big "A" beside a 1990s "UNITED / NATIONS") may have gathered two or three text lines:
    split it at the distinct baselines of its text-sized characters; the tall ones make a line of their own, or
    none when no word is among them."""
    tall = 1.8 * typical
    groups = _by_baseline([c for c in chars if c.size < tall], 0.6 * typical)
    if len(groups) < 2:
        return [chars]        # one line of mixed sizes (a masthead: "United Nations" beside a big "S/2025/70")
    specks = [c for c in chars if c.size >= tall]
    text = "".join(c.text for c in specks)
    if any(a.isalpha() and b.isalpha() for a, b in zip(text, text[1:])):
        groups.append(specks)
    # else no word among the tall glyphs ("~I·..·", "I"): specks of the scan, not text
    return [g for g in groups if g]


def _by_baseline(chars: list[Char], gap: float) -> list[list[Char]]:
    """Characters grouped by baseline: their bottoms, in order, clustered while each lies within `gap` of the one
    before; each character goes to the cluster whose last bottom is nearest its own. A cluster may come out empty
    (its characters nearer another's last bottom)."""
    clusters: list[list[float]] = []
    for b in sorted({round(c.bottom, 1) for c in chars}):
        if clusters and b - clusters[-1][-1] <= gap:
            clusters[-1].append(b)
        else:
            clusters.append([b])
    groups: list[list[Char]] = [[] for _ in clusters]
    for c in chars:
        groups[min(range(len(clusters)), key=lambda k: abs(c.bottom - clusters[k][-1]))].append(c)
    return groups


_LEFT_TO_RIGHT = operator.attrgetter("x0", "top")


def _words_of_line(chars: list[Char]) -> tuple[list[Word], float, float, float]:
    """A line's characters → its words (none if it holds only blanks), its body size and the top and bottom of
    its body-size characters."""
    chars.sort(key=_LEFT_TO_RIGHT)
    body = max((c.size for c in chars if c.text.strip()), default=chars[0].size)
    # The body baseline: the bottom of the largest characters (superscripts sit above it).
    low = 0.9 * body
    full = [c for c in chars if c.size >= low] or chars
    base = max([c.bottom for c in full])
    words = _read_words(chars, base, SUPERSCRIPT_SIZE * body, WORD_GAP)
    # Prose averages five or six characters a word: only a line far from that may be spaced otherwise.
    if words and not 2 * len(words) <= len(chars) <= 12 * len(words) and _other_spacing(words):
        own = [c for c in chars if c.text != MADE_UP_SPACE]
        gap = _line_word_gap(own)
        if gap is not None:
            words = _read_words(own, base, SUPERSCRIPT_SIZE * body, gap)
    return words, body, min([c.top for c in full]), base


def _read_words(chars: list[Char], base: float, sup_size: float, word_gap: float) -> list[Word]:
    """Characters, left to right, → words: a blank ends a word, and so does a gap wider than `word_gap` times
    the font size. The loop runs once per character of the document, so it keeps everything in local
    variables."""
    words: list[Word] = []
    cur: list[Char] = []             # the word being read
    cur_sup = last_sup = False       # whether its first and last characters are superscript
    last: Char | None = None         # its last character
    pending_space = True             # whether a space separates it from the word before (a word's first
                                     # character comes after a blank or at the line's start: always so then)
    for k, c in enumerate(chars):
        text = c.text
        if not text.strip():         # an explicit space (or other blank) ends the word
            if cur and c.x0 < last.x1 - 0.1 * c.size and k + 1 < len(chars) and chars[k + 1].text.strip() \
                    and chars[k + 1].x0 < c.x1 - 0.3 * c.size:
                continue             # unless the letters on both sides are drawn over it: a stray blank amid
                #                      letters set tight ("ICC D/COP(8)", ICCD/COP(8)/CST/INF.1)
            if cur:
                words.append(_word(cur, last, cur_sup, pending_space))
                cur = []
            pending_space = True
            continue
        size = c.size
        # a superscript: clearly smaller than the line's body and raised above its baseline
        sup = size <= sup_size and (base - c.bottom) >= SUPERSCRIPT_RISE * size
        if cur:
            # Closing punctuation and apostrophes cling to the word before them unless a space is drawn:
            # a kerning gap must not make "Prosecutor ’s".
            smaller = last.size if last.size < size else size
            wide = c.x0 - last.x1 > word_gap * smaller and text not in CLOSING
            if wide or sup != last_sup:
                words.append(_word(cur, last, cur_sup, pending_space))
                cur = [c]
                cur_sup = sup
                pending_space = wide
            else:
                cur.append(c)
        else:
            cur = [c]
            cur_sup = sup
        last = c
        last_sup = sup
    if cur:
        words.append(_word(cur, last, cur_sup, pending_space))
    if words:
        words[0].space_before = False
    return words


def _other_spacing(words: list[Word]) -> bool:
    """Whether a line read with the usual word gap shows another spacing: letter-spaced (most of its "words"
    single letters: "S U M M A R Y") or set tight without space characters (one "word" of 30 letters)."""
    if len(words) >= 4 and sum(1 for w in words if len(w.text) == 1 and w.text.isalpha()) >= 0.6 * len(words):
        return True
    return any(len(w.text) >= 30 and "/" not in w.text and sum(ch.isalpha() for ch in w.text) >= 0.8 * len(w.text)
               for w in words)


def _line_word_gap(chars: list[Char]) -> float | None:
    """The word gap of one line, in ems, from its own gaps between characters (a blank between two
    characters is no gap to measure): the letters' gaps cluster low, the words' high; the widest jump between
    the two, with a word every 2 to 25 letters, separates them. None when the gaps show no such two groups."""
    gaps = []
    for a, b in zip(chars, chars[1:]):
        if a.text.strip() and b.text.strip():
            gaps.append((b.x0 - a.x1) / min(a.size, b.size))
    if len(gaps) < 6:
        return None
    gaps.sort()
    n = len(gaps)
    if gaps[-1] - gaps[0] < 0.1 and gaps[0] > WORD_GAP:
        return gaps[-1] + 0.05       # letters spread evenly, the words parted by space characters
    best, best_jump = None, 0.04     # a jump of less than 0.04 em separates nothing
    middle = gaps[n // 2]            # a letters' gap (most gaps are)
    for k in range(int(n * 0.55), int(n * 0.96) + 1):
        # the letters' gaps are one spacing, give or take the font's kerning: a spread of more is no spacing
        if 0 < k < n and gaps[k] - gaps[k - 1] > best_jump and gaps[k] > 0.05 and gaps[k - 1] - middle < 0.15:
            best, best_jump = (gaps[k] + gaps[k - 1]) / 2, gaps[k] - gaps[k - 1]
    return best


def _word(chars: list[Char], last: Char, sup: bool, space_before: bool) -> Word:
    first = chars[0]
    return Word("".join([c.text for c in chars]), first.x0, last.x1, first.size, first.bold, first.italic, sup,
                space_before)


def _reading_order(line: Line) -> tuple[float, float]:
    return round(line.bottom, 0), line.x0


def lines_from_chars(chars: Iterable[Char], page_number: int, width: float | None = None,
                     height: float | None = None, boxes: list[Box] = ()) -> list[Line]:
    """Chars of one page → its lines in reading order (top to bottom; with the page's size, a page set in two
    columns reads one column after the other, and text boxed beside the body is read apart: see `columns`)."""
    chars, asides = list(chars), []
    if width and height and boxes:
        from .columns import sidebars
        chars, asides = sidebars(chars, boxes, width)
    out = _page_lines(chars, page_number, width, height)
    if asides:
        from .columns import with_sidebars
        out = with_sidebars(out, [[replace(ln, box=k) for ln in _page_lines(a, page_number)]
                                  for k, a in enumerate(asides, start=1)])
    return out


def _page_lines(chars: list[Char], page_number: int, width: float | None = None,
                height: float | None = None) -> list[Line]:
    out = []
    for group in _group_lines(chars):
        words, body, top, bottom = _words_of_line(group)
        if not words:
            continue                 # only blanks
        out.append(Line(words=words, top=top, bottom=bottom, size=body, page=page_number))
    out.sort(key=_reading_order)
    if width and height:
        from .columns import in_column_order
        out = in_column_order(out, width, height)
    return out


# ----------------------------------------------------------------------------------------------- character sources

def _chars_pdfplumber(page, turned: list[Char] | None = None) -> list[Char]:
    """The page's upright characters; its turned ones (a chart's axis title, a margin note) go to `turned`."""
    out = []
    seen: set[tuple] = set()
    for c in page.chars:
        matrix = c.get("matrix") or (1, 0, 0, 1, 0, 0)
        if not c.get("upright", True) or abs(matrix[1]) > 0.01 or matrix[0] < 0:
            if turned is not None:     # rotated text is no body text: kept apart
                turned.append(Char(_encodable(c["text"]), c["x0"], c["x1"], c["top"], c["bottom"], c["size"],
                                   False, False))
            continue
        # Fake bold is the same glyph drawn twice, slightly offset: keep one (pdfplumber's dedupe_chars does
        # the same but sorts every character against every other, ten times slower than this key).
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key in seen:
            continue
        seen.add(key)
        bold, italic = _font_flags(c.get("fontname", ""))
        out.append(Char(_encodable(c["text"]), c["x0"], c["x1"], c["top"], c["bottom"], c["size"], bold, italic))
    return out


def _boxes_pdfplumber(page) -> list[Box]:
    """Rectangles and curves (a rounded box) large enough to hold lines of text: (x0, top, x1, bottom)."""
    return [box for obj in list(page.rects) + list(page.curves)
            if _box_sized(box := (obj["x0"], obj["top"], obj["x1"], obj["bottom"]))]


def _box_sized(box: Box) -> bool:
    return box[2] - box[0] >= BOX_MIN_WIDTH and box[3] - box[1] >= BOX_MIN_HEIGHT


def _is_rule(width: float, height: float) -> bool:
    """A drawn path or rectangle this wide and high is a horizontal rule (a footnote separator, a table's line)."""
    return height <= 2 and width >= 30


def _covers_page(width: float, height: float, page_width: float, page_height: float) -> bool:
    """An image this large covers most of its page: a scanned page (its text, if any, an OCR layer's)."""
    return width * height >= SCAN_SHARE * page_width * page_height


def _page_text(number: int, width: float, height: float, chars: list[Char], boxes: list[Box],
               rules: list[tuple[float, float, float]], images: int, scanned: bool,
               turned: Iterable[Char] = ()) -> PageText:
    """A page's lines from its characters, as both engines build them (a scanned page without its margin
    specks), and its turned text."""
    lines = lines_from_chars(chars, number, width, height, boxes)
    return PageText(number=number, width=float(width), height=float(height), rules=rules, images=images,
                    lines=_without_margin_specks(lines) if scanned else lines, scanned=scanned,
                    turned=turned_runs(turned))


def _rules_pdfplumber(page) -> list[tuple[float, float, float]]:
    rules = []
    for obj in list(page.lines) + list(page.rects):
        if _is_rule(obj["x1"] - obj["x0"], abs(obj["bottom"] - obj["top"])):
            rules.append(((obj["top"] + obj["bottom"]) / 2, obj["x0"], obj["x1"]))
    return rules


class _RunStyle:
    """What PDFium tells of a run of characters through their text object: whether it is rotated, its printed size,
    bold and italic, and for a standard font PDFium substitutes, its advance widths. Holds the ctypes buffers the
    calls fill (made once per page, not per run) and the fonts already seen."""

    def __init__(self, raw, pdfium_c, mac_read: MacReadFonts | None = None, page_index: int = 0) -> None:
        import ctypes

        self.raw = raw
        self.mac_read, self.page_index = mac_read, page_index
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.get_angle, self.get_size = pdfium_c.FPDFText_GetCharAngle, pdfium_c.FPDFText_GetFontSize
        self.get_font, self.get_matrix = pdfium_c.FPDFText_GetFontInfo, pdfium_c.FPDFText_GetMatrix
        # by name: bold, italic, one of the standard fonts, read by PDFium as Mac Roman (fontcodes)
        self.fonts: dict[bytes, tuple[bool, bool, bool, bool]] = {}
        self.advances: dict[int, dict | None] = {}               # by font: its advance widths, where PDFium knows them

    def of(self, i: int, obj: int | None = None) -> tuple[bool, float, bool, bool, tuple[dict, float] | None, bool]:
        """(rotated, font size, bold, italic, (the advance widths, their scale) of a standard font PDFium
        substitutes, whether PDFium reads the font as Mac Roman) of character i: all come from its text object
        `obj`."""
        raw, matrix = self.raw, self.matrix
        rotated = abs(self.get_angle(raw, i)) > 0.01
        # PDFium gives the size set by the text's Tf operator; some producers (Adobe PDF Library, Distiller) set
        # Tf 1 and scale the text matrix instead. The printed size is that times the matrix's vertical scale
        # (as pdfminer measures it): with a size of 1, every letter gap looked like a word space.
        set_size = size = self.get_size(raw, i)
        self.get_matrix(raw, i, self.matrix_ref)
        scale = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5
        if abs(scale - 1.0) > 1e-3:
            size *= scale
        self.get_font(raw, i, self.name, 256, self.flags_ref)
        font = self.name.value
        style = self.fonts.get(font)
        if style is None:
            name = font.decode("latin-1")
            mac = self.mac_read is not None and self.mac_read.of(name, self.flags.value, self.page_index)
            style = self.fonts[font] = (*_font_flags(name), name.split("+")[-1] in _STANDARD_FONTS, mac)
        widths = None if obj is None or not style[2] else _advances(obj, self.advances)
        if widths is not None:
            # the advance runs along the text's horizontal axis, scaled by the matrix (OCR layers squeeze it)
            widths = (widths, set_size * (matrix.a * matrix.a + matrix.b * matrix.b) ** 0.5)
        return rotated, size, style[0], style[1], widths, style[3]


def _chars_pdfium(textpage, page_height: float, mac_read: MacReadFonts | None = None,
                  page_index: int = 0, turned: list[Char] | None = None) -> list[Char]:
    """Characters through PDFium: the same boxes as pdfplumber's (advance width, baseline + descent, em height)
    at a fraction of the cost, since PDFium parses the content stream in C.

    Speed: every character's code comes from one call for the page; per character three calls are made (text
    object, loose box into one reused struct, pen origin; a space also asks whether PDFium made it up), through
    `_fast_calls` at 0.2 µs a call instead of 0.6. The angle, font size and font name belong to the character's
    text object (made-up spaces aside) and are asked once per run of its characters (`_RunStyle`)."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    raw = textpage.raw
    out: list[Char] = []
    seen: set[tuple] = set()
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_unicode, is_generated, get_box, get_origin, get_object = _fast_calls(checked=not isinstance(
        raw, ctypes._Pointer))      # the twins need the text page as a ctypes pointer, as pypdfium2 4 and 5 give it
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    origin_x_ref, origin_y_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)
    run_style = _RunStyle(raw, pdfium_c, mac_read, page_index)
    count = pdfium_c.FPDFText_CountChars(raw)
    codes = _page_codes(raw, count, pdfium_c)
    last_obj, last_props = None, None
    pending_space = False
    for i in range(count):
        code = codes[i] if codes is not None else get_unicode(raw, i)
        if code == 0xFFFE:
            code = get_unicode(raw, i)   # the page text's mark for a hyphen PDFium took (0x02) or a character with
                                         # no Unicode (0): only the character itself says which
        if code in (0x0D, 0x0A) or code == 0:
            continue       # a line break (PDFium makes them up)
        # PDFium makes up only spaces and line breaks, so only a space needs asking whether it was made up
        generated = code == 0x20 and is_generated(raw, i) == 1
        if code in (0x02, 0xFFFE):
            code = 0x2D    # PDFium's mark for a hyphen it took to end a line: it is the printed "-"
        obj = None if generated or get_object is None else get_object(raw, i)
        if obj is None:
            # PDFium gives a made-up space its form's matrix, not its text object's: ask for everything.
            rotated, size, bold, italic, widths, mac = run_style.of(i)
        elif obj == last_obj:
            rotated, size, bold, italic, widths, mac = last_props
        else:
            last_obj, last_props = obj, run_style.of(i, obj)
            rotated, size, bold, italic, widths, mac = last_props
        if not get_box(raw, i, rect_ref):
            raise PdfiumError("Failed to get charbox.")
        if rotated:        # rotated text is no body text (pdfplumber: upright only): kept apart
            if turned is not None and not generated:
                turned.append(Char(_char_text(code), rect.left, rect.right, page_height - rect.top,
                                   page_height - rect.bottom, size, False, False))
            continue
        # The pen position, not the glyph's box, starts a character (as in pdfminer): a glyph that reaches left of
        # it (the descender of "j") must not eat the word space before it ("of judicial").
        get_origin(raw, i, origin_x_ref, origin_y_ref)
        l = min(origin_x.value, rect.right)
        y_bottom = page_height - rect.bottom
        text = _char_text(code)
        if mac and code > 0x7F:
            text = windows_char(text)
        key = (text, round(l), round(y_bottom - size))
        if key in seen:
            continue
        seen.add(key)
        if generated:
            # PDFium marks some real spaces as made up, and makes up others inside words ("Da ’esh"):
            # keep one only where the characters around it leave a real gap (decided below).
            pending_space = True
            continue
        if pending_space and out and abs(out[-1].bottom - y_bottom) < 1 and _keeps_space(out[-1], l, size):
            out.append(Char(MADE_UP_SPACE, out[-1].x1, l, y_bottom - size, y_bottom, size, bold, italic))
        pending_space = False
        if widths is None:
            out.append(Char(text, l, rect.right, y_bottom - size, y_bottom, size, bold, italic))
        else:
            out.append(Char(text, l, l + _advance(widths[0], code) * widths[1], y_bottom - size, y_bottom, size,
                            bold, italic))
    return out


def _char_text(code: int) -> str:
    """A character code as text. A ToUnicode map may name a lone surrogate (U+D800) or a code beyond Unicode: no
    output can encode such a character (every writer failed on it), so it is read as U+FFFD, the replacement
    character, as a UTF-8 decoder reads a broken byte."""
    return chr(code) if code < 0xD800 or 0xDFFF < code <= 0x10FFFF else "\ufffd"


def _encodable(text: str) -> str:
    """`_char_text` for a string (pdfminer's characters): its lone surrogates replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


# The standard fonts every PDF reader has: a file may name them without embedding them or giving their widths.
_STANDARD_FONTS = frozenset(("Times-Roman Times-Bold Times-Italic Times-BoldItalic Helvetica Helvetica-Bold "
                             "Helvetica-Oblique Helvetica-BoldOblique Courier Courier-Bold Courier-Oblique "
                             "Courier-BoldOblique Symbol ZapfDingbats").split())


def _advances(obj: int, by_font: dict) -> dict | None:
    """The advance widths (per point of size, filled as met) of a standard font named without being embedded
    (1990s files, OCR layers, simple generators): PDFium boxes such a font's glyphs by its substitute font's
    widths, so an "f" wider there than its real advance ate the word space after it ("ofthe"). None for any
    other font (PDFium boxes those by their own widths); the caller asks only for standard fonts."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT))
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in by_font:
        by_font[key] = None if pdfium_c.FPDFFont_GetIsEmbedded(font) else {"font": font}
    return by_font[key]


def _advance(widths: dict, code: int) -> float:
    """The advance width per point of size of a character whose font's widths PDFium knows (see `_advances`)."""
    width = widths.get(code)
    if width is None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        out = ctypes.c_float()
        ok = pdfium_c.FPDFFont_GetGlyphWidth(widths["font"], code, ctypes.c_float(1.0), ctypes.byref(out))
        width = widths[code] = out.value if ok else 0.0
    return width


def _keeps_space(prev: Char, left: float, size: float) -> bool:
    """Whether a space PDFium reports after `prev` is real: only over a gap of a real word space. PDFium makes
    up spaces at kerning gaps inside words ("Isra el", "Da ’esh"); measured on the real reports, those gaps stay
    below 0.13 em, real word gaps in tight justified lines do not go under 0.15 em."""
    return left - prev.x1 > WORD_GAP * size


def _page_codes(raw, count: int, pdfium_c) -> list[int] | None:
    """Every character's code in one call (FPDFText_GetText), or None when the page text does not line up one to
    one with the characters (PDFium leaves control characters out of it; characters beyond U+FFFF take two
    UTF-16 units): the caller then asks character by character."""
    import ctypes

    if count <= 0:
        return None
    buffer = (ctypes.c_ushort * (2 * count + 2))()      # room for surrogate pairs, whatever PDFium writes
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    if written != count + 1:                             # the count includes the terminating NUL
        return None
    codes = buffer[:count]
    if any(0xD800 <= c <= 0xDFFF for c in codes):
        return None
    return codes


_FAST_CALLS: dict[bool, tuple] = {}


def _fast_calls(checked: bool = False) -> tuple:
    """The per-character PDFium functions without ctypes' argument conversion: FPDFText_GetUnicode,
    FPDFText_IsGenerated, FPDFText_GetLooseCharBox, FPDFText_GetCharOrigin and FPDFText_GetTextObject (None when
    this PDFium lacks it).

    pypdfium2's bindings check and convert every argument against the declared types, which makes a call cost
    ~0.6 µs, three times the call itself (measured on 50,000 characters); these twins skip that. The caller
    must then pass exactly what C expects: the text page's own pointer object, a Python int for the index
    (passed as a C int) and byref() pointers. GetTextObject returns the object's address as an int (None for no
    object), so that two characters' objects compare cheaply. `checked`: the same calls with pypdfium2's checks
    (for a text page handle of another type)."""
    if checked not in _FAST_CALLS:
        import ctypes

        import pypdfium2.raw as pdfium_c

        def twin(fn, restype):
            if fn is None:
                return None
            if checked:
                return ctypes.CFUNCTYPE(restype, *fn.argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)
            unchecked = ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)
            unchecked.argtypes = None
            return unchecked

        _FAST_CALLS[checked] = (
            twin(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
            twin(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
            twin(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int),
            twin(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),
            twin(getattr(pdfium_c, "FPDFText_GetTextObject", None), ctypes.c_void_p),
        )
    return _FAST_CALLS[checked]


#: The character source used unless another is asked for (and the one the edition cache is keyed by).
DEFAULT_ENGINE = "pdfium"

#: Pages each process reads at the least when a file's pages are split (`read_pages(workers=...)`): starting a
#: process and sending its pages back costs about what reading one page does (S/2025/496, 14 pages, two processes:
#: 0.21 s -> 0.12 s), so only the shortest files stay in one process.
MIN_PAGES_PER_WORKER = 4


def read_pages(path: str | os.PathLike, *, max_pages: int = 3000,
               progress: Callable[[int, int], None] | None = None, engine: str = DEFAULT_ENGINE,
               workers: int = 1) -> list[PageText]:
    """Read every page of a PDF into positioned lines. Raises ReportDiffError subclasses for unreadable input.

    engine "pdfium" (the default, fast) or "pdfplumber" (the reference); both give the same lines.
    workers: with PDFium, a long file's pages are split into this many runs of consecutive pages, read at once in
    forked processes (this one reads the first run), at least MIN_PAGES_PER_WORKER pages each. Every page is read
    on its own, so the lines are the same however the pages are split.
    """
    from . import inputs

    total = inputs.validate_pdf(path, max_pages=max_pages, engine=engine)
    name = os.path.basename(os.fspath(path))
    try:
        if engine == "pdfplumber":
            pages = _read_pdfplumber(path, total, progress)
        else:
            pages = _read_pdfium(path, total, workers, progress)
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as e:  # the parsers raise many kinds of exceptions on damaged files
        raise_if_interrupted(e)
        raise CorruptPDFError(f"{name} could not be read as a PDF ({type(e).__name__}: {str(e)[:80]}); "
                              f"it may be damaged or truncated: get a fresh copy") from e
    if not any(p.lines for p in pages):
        raise inputs.no_text_layer(path)
    return pages


def _read_pdfplumber(path, total: int, progress) -> list[PageText]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages, start=1):
            width, height, images = float(page.width), float(page.height), len(page.images)
            scan = any(_covers_page(im["x1"] - im["x0"], im["bottom"] - im["top"], width, height)
                       for im in page.images)
            turned: list[Char] = []
            chars = _chars_pdfplumber(page, turned)
            pages.append(_page_text(i, width, height, chars, _boxes_pdfplumber(page), _rules_pdfplumber(page),
                                    images, scan, turned))
            page.close()     # free the page's parsed objects: memory stays bounded on long documents
            if progress:
                progress(i, total)
    return pages


def _read_pdfium(path, total: int, workers: int, progress) -> list[PageText]:
    from .. import _fork

    workers = max(1, min(workers, total // MIN_PAGES_PER_WORKER))
    context = _fork.fork_context() if workers > 1 else None
    if context is None:
        return _pdfium_pages(path, 0, total, progress, total)
    bounds = [round(total * k / workers) for k in range(workers + 1)]
    runs = list(zip(bounds, bounds[1:]))
    forked = [_fork.Forked(context, _pdfium_pages_packed, path, start, stop) for start, stop in runs[1:]]
    try:
        pages = _pdfium_pages(path, *runs[0], progress, total)
        for (start, stop), worker in zip(runs[1:], forked):
            try:
                pages += [_unpack_page(packed) for packed in worker.result()]
            except _fork.WorkerDied:        # killed, out of memory: read its pages here
                pages += _pdfium_pages(path, start, stop, None, total)
            if progress:
                progress(stop, total)
    finally:
        for worker in forked:
            worker.stop()
    return pages


@with_pdfium_lock
def _pdfium_pages(path, start: int, stop: int, progress, total: int) -> list[PageText]:
    """Pages start..stop-1 (0-based) through PDFium."""
    import pypdfium2 as pdfium

    pages = []
    pdf = pdfium.PdfDocument(os.fspath(path))
    mac_read = MacReadFonts(path)
    try:
        for i in range(start, stop):
            page = pdf[i]
            width, height = page.get_size()
            textpage = page.get_textpage()
            rules, images, scan, boxes = _objects_pdfium(page, width, height)
            turned: list[Char] = []
            chars = _chars_pdfium(textpage, height, mac_read, i, turned)
            pages.append(_page_text(i + 1, width, height, chars, boxes, rules, images, scan, turned))
            textpage.close()
            page.close()
            if progress:
                progress(i + 1, total)
    finally:
        pdf.close()
    return pages


#: An image covering this share of a page makes it a scanned page (its text layer, if any, an OCR's).
SCAN_SHARE = 0.6


def _without_margin_specks(lines: list[Line]) -> list[Line]:
    """On a scanned page, words standing apart in the margin beside the text column are the sheet's edge, not
    the page's text: the previous page showing through and specks the OCR layer read ("and 8. The ideas
    conveyed", A/47/435). A word is dropped when it lies wholly outside the column (its edges: where most lines
    start and end) and at least 30 points from the line's next word."""
    if not lines:
        return lines
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in lines).most_common(1)[0][0]
    out = []
    for ln in lines:
        words = list(ln.words)
        while len(words) > 1 and words[0].x1 < left - 20 and words[1].x0 - words[0].x1 >= 30:
            words.pop(0)
        while len(words) > 1 and words[-1].x0 > right + 20 and words[-1].x0 - words[-2].x1 >= 30:
            words.pop()
        if len(words) == len(ln.words):
            out.append(ln)
            continue
        out.append(replace(ln, words=unspaced_first(words)))      # a sidebar's line stays in its box
    return out


# A worker sends its pages as plain tuples: pickling those is about 5 times cheaper than pickling the dataclasses
# (344 pages: 0.19 s instead of 0.9 s to dump, 0.5 s instead of 0.9 s to load and rebuild).
_WORD_FIELDS = operator.attrgetter(*(f.name for f in fields(Word)))
_LINE_FIELDS = operator.attrgetter(*(f.name for f in fields(Line) if f.name != "words"))   # Line(words, *these)


def _pdfium_pages_packed(path, start: int, stop: int) -> list[tuple]:
    return [(p.number, p.width, p.height, p.rules, p.images, p.scanned,
             [(_LINE_FIELDS(ln), [_WORD_FIELDS(w) for w in ln.words]) for ln in p.lines],
             [(t.text, t.x0, t.top, t.x1, t.bottom) for t in p.turned])
            for p in _pdfium_pages(path, start, stop, None, 0)]


def _unpack_page(packed: tuple) -> PageText:
    number, width, height, rules, images, scanned, lines, turned = packed
    return PageText(number=number, width=width, height=height, rules=rules, images=images, scanned=scanned,
                    lines=[Line([Word(*w) for w in words], *line) for line, words in lines],
                    turned=[TurnedText(*t) for t in turned])


def _objects_pdfium(page, width: float, height: float) -> tuple[list[tuple[float, float, float]], int, bool,
                                                                list[Box]]:
    """Horizontal rules (thin path objects), the number of images on a page, whether one of them covers
    most of it (a scanned page), and the boxes (paths large enough to frame text, as `_boxes_pdfplumber`). Some
    scanners wrap the page's picture in a form covering the page (E/ICEF/672): an image inside such a form counts
    too."""
    import pypdfium2.raw as pdfium_c

    def covers_page(obj) -> bool:
        left, bottom, right, top = obj.get_bounds()
        return _covers_page(right - left, top - bottom, width, height)

    rules, images, scan, boxes = [], 0, False, []
    in_page_form = False                       # the last top-level object is a form that covers the page
    for obj in page.get_objects(max_depth=2):
        if obj.level > 0:
            if in_page_form and obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and covers_page(obj):
                images += 1
                scan = True
            continue
        in_page_form = obj.type == pdfium_c.FPDF_PAGEOBJ_FORM and covers_page(obj)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
            scan = scan or covers_page(obj)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if _is_rule(right - left, top - bottom):
                rules.append((height - (top + bottom) / 2, left, right))
            elif _box_sized(box := (left, height - top, right, height - bottom)):
                boxes.append(box)
    return rules, images, scan, boxes

