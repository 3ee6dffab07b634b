"""The masthead of a UN document's first page: its symbol, date and title."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .extract import Line, PageText, words_text
from .furniture import BOTTOM_BAND
from .labels import OCR_DIGIT, PARA_NUM_RE, find_symbol, starts_heading_label

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m: i for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                           "septembre", "octobre", "novembre", "décembre"], 1)})
MONTHS.update({m: i for i, m in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                           "agosto", "septiembre", "octubre", "noviembre", "diciembre"], 1)})
# The day and the year may hold the mark an OCR'd typescript reads for a digit beside real ones: "l6 avril 1980",
# "3 June 19k8", "17 June 19^8" (the month name between day and year is the evidence it is a date). Only marks
# that stand for one digit, and few of them: a date is short, and any letter could pass for a mark.
_DATE_MARKS = "lIOkU^"
DATE_RE = re.compile(r"\b(\d{1,2}|[lI]\d|\d[lIO])(?:er)?\s+(?:de\s+)?([A-Za-zéû]+)\s+(?:de\s+)?"
                     rf"(\d{{4}}|(?=[12])[\d{re.escape(_DATE_MARKS)}]{{4}})(?![\w^])")
OCR_DIGITS = str.maketrans({mark: OCR_DIGIT[mark] for mark in _DATE_MARKS})
MASTHEAD_RE = re.compile(r"^(United Nations|Nations Unies|Naciones Unidas|Distr\.|Original|General Assembly|"
                         r"(?:UN)?RESTRICTED$|LIMITED$|"
                         r"Security Council|Conseil de sécurité|Consejo de Seguridad|Assemblée générale|"
                         r"Asamblea General|Economic and Social Council)", re.I)


@dataclass
class Masthead:
    symbol: str | None = None
    date: str | None = None
    title: str = ""
    end: int = 0                 # index of the first body line on page 1
    kept: tuple[int, int] = (0, 0)   # lines between masthead and title that are body text (session, agenda item)


def parse_date(text: str) -> str | None:
    for m in DATE_RE.finditer(text):
        month = MONTHS.get(m.group(2).lower())
        if month:
            try:
                year = int(m.group(3).translate(OCR_DIGITS))
                if not 1900 <= year <= 2099:
                    continue
                return dt.date(year, month, int(m.group(1).translate(OCR_DIGITS))).isoformat()
            except ValueError:
                continue
    return None


def _masthead_run(page1: list[Line]) -> int:
    """The end of a masthead without an "Original" line: the last line of the opening run that looks like
    masthead (organ, symbol, "Distr.", a date), where the organ's name in large bold type may stand between them
    (a circular: "United Nations ST/IC/2025/1", "Secretariat", "1 January 2025")."""
    end = k = 0
    while k < min(len(page1), 8) and len(page1[k].text) < 60:
        ln = page1[k]
        if MASTHEAD_RE.match(ln.text) or find_symbol(ln.text) or parse_date(ln.text):
            end = k + 1
        elif k == 0 and _stamp(ln.text):
            pass                  # a distribution stamp the OCR misread ("TfflEESTSICEED" for UNRESTRICTED)
        elif not (ln.bold and ln.size > 15):
            break
        k += 1
    return end


def _stamp(text: str) -> bool:
    """One short word of capitals standing above the masthead: how a distribution stamp looks, read or not."""
    word = text.strip()
    return " " not in word and 6 <= len(word) <= 16 and sum(c.isupper() for c in word) >= 0.6 * len(word)


def _after_organ(page1: list[Line], i: int, page: PageText | None) -> int:
    """The index after the masthead's last line: the organ's name may run on below "Original: English" in its
    large bold type ("Executive Board of the / United Nations Development / Programme, ..."), and the right-hand
    column may hold more ("English, French and Spanish only", "For decision")."""
    if i == 0:
        return i
    organ = max((ln.size for ln in page1[:i] if ln.bold), default=0.0)
    ocr = page is not None and page.scanned
    while i < len(page1):
        ln = page1[i]
        close = ln.top - page1[i - 1].bottom < max(ln.size, page1[i - 1].size)
        # an OCR reads one type's size differently line by line (1948: 21, 16, 20 points for one organ's name)
        run_on = organ > 15 and ln.bold and (abs(ln.size - organ) < 0.5 or (ocr and ln.size >= 0.75 * organ))
        right = page is not None and ln.x0 >= page.width / 2
        if not (close and (run_on or right)):
            break
        i += 1
    return i


def _title_start(page1: list[Line], i: int, page: PageText | None) -> int:
    """Where the title starts: the first line of the largest bold type after the masthead, before the text
    starts (a heading label, a numbered paragraph, a full-width plain line). What comes before it (session,
    agenda item and its title: smaller type) is body text that comes before the title."""
    if page is None or i == 0:
        return i              # no masthead recognised: no evidence of where a title would be
    best, best_size = i, 0.0
    for j in range(i, min(len(page1), i + 16)):
        ln = page1[j]
        first = ln.first_plain
        if starts_heading_label(ln) or PARA_NUM_RE.match(first) \
                or (not ln.bold and ln.x1 - ln.x0 > 0.6 * page.width):
            break
        if ln.bold and ln.size > best_size + 0.5:
            best, best_size = j, ln.size
    return best


def _right_column_date(page1: list[Line], page: PageText | None) -> str | None:
    """A date in the masthead's right-hand column (words right of the middle, in the top third of the page), for
    a masthead whose date follows its last line that looks like masthead (a circular: symbol, office, date)."""
    if page is None:
        return None
    for ln in page1[:12]:
        if ln.top > page.height / 3:
            break
        date = parse_date(words_text([w for w in ln.words if w.x0 >= page.width / 2]))
        if date:
            return date
    return None


# A heading that follows the title in bold but is no part of it ("Summary**" after a short report's title).
SECTION_WORD_RE = re.compile(r"^(Summary|Abstract|Contents|Introduction|Résumé|Resumen|Sommaire|Índice)\W*$")
# The line that ends a masthead: "Original: English" (anywhere in the line: the organ's name may share it; 1990s
# capitals "ORIGINAL: ENGLISH", French "ORIGINAL : ANGLAIS") or a version in one language only ("English only").
ORIGINAL_RE = re.compile(r"^(Original|Orig\.|Anglais|Inglés)\b|\b(Original|ORIGINAL|Orig\.)\s?:|"
                         r"\b(English|ENGLISH|French|FRENCH|Spanish|SPANISH) (only|ONLY)\b")


def _misread_original(text: str) -> bool:
    """An "ORIGINAL: ENGLISH" line an OCR misread ("OBIGIHALS EMSLISI", 1948): a word of capitals with the
    letters of ORIGINAL in at least six of its eight places (its colon read as a letter or lost), then the
    language. Six of eight: two misread letters leave a word no other masthead word resembles."""
    for word in text.split()[:-1]:
        word = word.rstrip(":;.?")
        if len(word) in (8, 9) and word.isupper() and sum(a == b for a, b in zip(word, "ORIGINAL")) >= 6:
            return True
    return False


def _two_columns(ln: Line) -> bool:
    """A line printed in two columns: a gap of several ems between two of its words."""
    words = ln.plain_words
    return any(b.x0 - a.x1 > 4 * ln.size for a, b in zip(words, words[1:]))


def _joint_organs(page1: list[Line], i: int, t: int) -> int:
    """Where the body text before the title starts: a document of two organs heads its session block with their
    names side by side ("General Assembly  Security Council", then "Seventy-ninth session  Eightieth year"):
    those two-column lines are masthead; the agenda lines under them stay body text, as for one organ."""
    if i >= t or not MASTHEAD_RE.match(page1[i].text):
        return i
    while i < t and _two_columns(page1[i]):
        i += 1
    return i


def _column(lines: list[Line]) -> tuple[float, float] | None:
    """The text column's left and right edges: the leftmost x where three lines start (a stray mark starts
    one), and the furthest right end of the lines starting there."""
    starts = sorted(ln.x0 for ln in lines)
    left = next((x for x in starts if sum(abs(y - x) < 4 for y in starts) >= 3), None)
    if left is None:
        return None
    return left, max(ln.x1 for ln in lines if abs(ln.x0 - left) < 4)


def _centred(ln: Line, column: tuple[float, float]) -> bool:
    """Set in the middle of the column: clear of both edges by about as much on each side (a paragraph's first
    line is indented on the left only). A line running past the right edge carries a scan's marks: its indent
    from the left is the evidence."""
    left, right = column
    if ln.x0 - left < 2 * ln.size:
        return False
    if ln.x1 > right + ln.size:
        return ln.x0 < (left + right) / 2
    return right - ln.x1 >= 2 * ln.size \
        and abs((ln.x0 + ln.x1) / 2 - (left + right) / 2) <= max(1.5 * ln.size, 0.06 * (right - left))


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _text_begins(ln: Line, column: tuple[float, float]) -> bool:
    """A heading label, a numbered paragraph or a line of running text (long, not centred, not two columns):
    the body has begun."""
    first = ln.first_plain
    running = ln.x1 - ln.x0 > 0.75 * (column[1] - column[0]) and not _centred(ln, column) \
        and not _two_columns(ln)
    return starts_heading_label(ln) or bool(PARA_NUM_RE.match(first)) or running


def _layout_title(page1: list[Line], i: int, page: PageText | None) -> tuple[int, int] | None:
    """The title of a document that sets it centred, not in bold (typescripts and 1990s word processing): the
    first centred line after the masthead and the session and agenda lines (flush left), and the centred lines
    that follow it at most a blank line or two apart: capitals, then any lines in lower case ("Report of the
    Secretary-General"). It ends at capitals after lower case (a heading: "ARTICLE 8", "TABLE DES MATIERES"),
    at a line that opens with a label ("Rapporteur: ...", "CONTENTS") or where the text begins."""
    column = _column(page1[i:]) if page is not None and i > 0 else None
    if column is None:
        return None
    start = next((j for j in range(i, min(len(page1), i + 16))
                  if _text_begins(page1[j], column) or _centred(page1[j], column)), None)
    if start is None or not _centred(page1[start], column) or _text_begins(page1[start], column):
        return None
    end, lower = start, False
    while end < len(page1):
        ln = page1[end]
        if end > start and (ln.top - page1[end - 1].bottom > 3 * ln.size or not _centred(ln, column)
                            or _text_begins(ln, column) or (lower and _capitals(ln.text))):
            break
        first = ln.first_plain
        if first.endswith(":") or SECTION_WORD_RE.match(ln.text.title()):
            break
        lower = lower or not _capitals(ln.text)
        end += 1
    return (start, end) if end > start else None


def read_masthead(page1: list[Line], later_headers: list[str], page: PageText | None = None) -> Masthead:
    """Symbol, date and title from the first page's masthead; the title is the large bold block after it.
    `page`: the first page as read (its size, and its foot, where some bodies print the symbol)."""
    mh = Masthead()
    # The masthead ends with the "Original: <language>" line; without one, with the last line of the opening
    # run that looks like masthead (organ, symbol, "Distr.", a date).
    i = next((k + 1 for k, ln in enumerate(page1[:12])
              if ORIGINAL_RE.search(ln.text) or _misread_original(ln.text)), 0)
    if i == 0:
        i = _masthead_run(page1)
    head_text = [ln.text for ln in page1[:i]]
    foot = [ln.text for ln in page.lines if ln.top > page.height * BOTTOM_BAND] if page is not None else []
    # symbol: prefer the running header of later pages (clean), else the masthead, else page 1's foot
    for cand in later_headers + head_text + foot:
        # as printed, then without spaces (a symbol drawn in pieces: "S /2025/72")
        sym = find_symbol(cand) or find_symbol(cand.replace(" ", ""))
        if sym:
            mh.symbol = sym
            break
    mh.date = next(filter(None, map(parse_date, head_text)), None) or _right_column_date(page1, page)
    i = _after_organ(page1, i, page)
    t = _title_start(page1, i, page)
    # title: bold lines, larger than body, directly after the masthead (a letter's title may be body-sized bold)
    title_lines = []
    j = t
    while j < len(page1):
        ln = page1[j]
        if not ln.bold or (title_lines and starts_heading_label(ln)) or SECTION_WORD_RE.match(ln.text):
            break
        if title_lines and ln.top - title_lines[-1].bottom > 1.2 * ln.size:
            break
        if not title_lines and starts_heading_label(ln):
            break
        title_lines.append(ln)
        j += 1
    # no bold title: one set centred, read by its place (the lines before it, session and agenda, are body text)
    layout = None if title_lines else _layout_title(page1, i, page)
    if layout:
        t, j = layout
        title_lines = page1[t:j]
    mh.kept = (_joint_organs(page1, i, t), t)
    # Sub-titles (e.g. "Report of the Secretary-General") follow in bold after a small gap
    mh.title = " ".join(" ".join(w.text for w in ln.words if not w.sup) for ln in title_lines)
    # stars printed at text size after the title are its footnote markers ("Provisional agenda and annotations*")
    mh.title = " ".join(re.sub(r"(?<=\S)\*+(?=\s|$)|(?<=\s)\*+(?=\s|$)", " ", mh.title).split())
    mh.end = j
    return mh
