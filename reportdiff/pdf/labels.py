"""The printed labels of UN documents, shared by the reading stages: document symbols, paragraph numbers,
heading labels (`I.`, `A.`, `1.`, `(a)`, `Annex I`) and footnote markers."""
from __future__ import annotations

import re

from .extract import Line

SYMBOL_RE = re.compile(r"\b(?:[A-Z]{1,6}/(?:[A-Z0-9.]+/)*[0-9]{1,5}(?:/[A-Za-z0-9.]+)*"
                       r"(?:-[A-Z]{1,6}/(?:[A-Z0-9.]+/)*[0-9]{1,5}(?:/[A-Za-z0-9.]+)*)?)\*?")
# A document symbol of any body and era, as the masthead and running header print it: S/2025/72,
# A/79/740-S/2025/54, DP-FPA/2025/1, GEGN.2/2025/64, ICCD/COP(8)/CST/INF.1, E/C.2/2025/2/Add.3 (it must hold a digit).
_SYMBOL_HEAD = r"[A-Z]{1,6}(?:-[A-Z]{1,6})?(?:\.\d{1,3})?"
_SYMBOL_PART = r"(?:\d{1,5}(?:\(\d{1,4}\))?|[A-Z][A-Za-z]{0,8}(?:\.\d{1,4}|\(\d{1,4}\))?)"
_SYMBOL_ONE = rf"{_SYMBOL_HEAD}(?:/{_SYMBOL_PART})+"
DOC_SYMBOL_RE = re.compile(rf"(?<![\w/.-])({_SYMBOL_ONE}(?:-{_SYMBOL_ONE})?)\*?(?![\w/])")
PARA_NUM_RE = re.compile(r"^(\d{1,4})\.$")
# What an OCR layer reads for a digit of typescript (mark -> the digits it stands for), seen in scans of the
# 1940s-1980s: E/ICEF/672's paragraph numbers ("U." for 4., "lU." 14., "2k." 24., "3l+." and "3L." 34., "b2." 42.,
# "é." 6., "17^" 17., "1*7•" 47.), and dates ("l6 avril 1980", E/CN.4/110's "19k8", E/CN.4/149's "19^8").
OCR_DIGIT = {"U": "4", "u": "4", "k": "4", "K": "4", "H": "4", "h": "4", "L": "4", "b": "46", "*": "4", "^": "4",
             "l": "1", "i": "1", "I": "1", "!": "1", "|": "1", "o": "0", "O": "0", "é": "6", "G": "6",
             "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9"}
_OCR_FOUR = re.compile(r"[li1L][+*]")       # a 4 read as two marks: "l+", "i+", "1+", "1*"
_OCR_NUMBER = re.compile(r"^(\S{1,4}?)[.^*•>-]$")  # the full stop misread too: "17^", "13-", "1*7•", "7>"
ROMAN_RE = re.compile(r"^(?=[IVXLC]+\.$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})\.$")
LETTER_RE = re.compile(r"^[A-Z]\.$")
DIGIT_RE = re.compile(r"^\d{1,2}\.$")
PAREN_RE = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)$")
ANNEX_RE = re.compile(r"^(Annex|Appendix|Enclosure|Annexe|Anexo|Appendice|Apéndice)(\s+([IVXL]+|\d+|[A-Z]))?\*?$",
                      re.I)
# a footnote marker: 3, 12–14, *, and a table's raised letter "a"
MARKER_RE = re.compile(r"^(\d{1,3}|\*{1,3}|[a-z])([,–-](\d{1,3}|[a-z]))*$")


def misread_paragraph_number(token: str, expected: int) -> bool:
    """Whether an OCR layer's `token` is paragraph number `expected` misread: every character the digit in its
    place or a mark the OCR reads for that digit, at least one of them a mark. Only the number the text is
    waiting for is accepted, so a misread cannot invent a paragraph out of order."""
    m = _OCR_NUMBER.match(token)
    if not m:
        return False
    marks = _OCR_FOUR.sub("*", m.group(1))
    want = str(expected)
    if marks.isdigit():
        return marks == want and not token.endswith(".")      # "17^": the full stop misread
    if len(marks) != len(want) or marks == "I":                 # "I." is a heading's roman one
        return False
    return all(c == d or d in OCR_DIGIT.get(c, "") for c, d in zip(marks, want))


def symbol_from_file_name(name: str | None) -> str | None:
    """The symbol a file is named after, as the UN's document system names them ("E_CN.4_110.pdf",
    "S_2025_72.pdf": "/" written "_"), or None. The last resort for a document that prints no readable symbol
    (a 1948 scan whose OCR reads "E/CNA/UO")."""
    if not name:
        return None
    stem = re.sub(r"\.pdf$", "", name.rsplit("/", 1)[-1], flags=re.I)
    m = DOC_SYMBOL_RE.fullmatch(stem.replace("_", "/"))
    return m.group(1) if m and any(c.isdigit() for c in m.group(1)) else None


def find_symbol(text: str) -> str | None:
    """The first document symbol in a text (see DOC_SYMBOL_RE), without its footnote star."""
    for m in DOC_SYMBOL_RE.finditer(text):
        if any(c.isdigit() for c in m.group(1)):
            return m.group(1)
    return None


def starts_heading_label(ln: Line) -> bool:
    first = ln.first_plain
    return bool(ROMAN_RE.match(first) or LETTER_RE.match(first) or DIGIT_RE.match(first) or PAREN_RE.match(first)
                or ANNEX_RE.match(ln.text.strip()))
