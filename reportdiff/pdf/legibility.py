"""Is a scanned page's OCR text layer text at all?

An OCR engine that meets a table printed sideways, a chart or a stamp reads it as letters: E/ICEF/672 (1980),
pages 42 and 44, give "CrMH OrH OJ CM ON LTN O OJ O W lA OJltn O m oo Ocm". Kept, such a page becomes paragraphs
of noise that a comparison reports as changed text. The evidence is the share of the page's words that are words
of the document's language (or of English, which bilingual documents of the early years print beside French):

    E/ICEF/672 parts I and II (French), 57 scanned pages of text   0.79-0.99
    A/47/435, A/47/466, E/CN.4/149 (English), 14 pages             0.98-1.00
    E/CN.4/110 (English and French side by side, 1948)             0.97
    E/ICEF/672 part II, pages 42 and 44 (sideways tables)          0.06, 0.16

(pages with at least MIN_JUDGED words judged, after the page furniture is taken away).

Figures, symbols, ordinals, words of one or two letters and capitalised words (names, which no word list holds)
are not counted either way; a word joined by an apostrophe or a hyphen is judged part by part ("l'Assemblée",
"peace-keeping"); letters and digits mixed in one token ("4C3") are not words. Only scanned pages are judged: a
digital page's text is the text its producer wrote.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import _wordfreq
from .extract import Line

#: A scanned page where fewer than this share of the words are words is unreadable (see the module's table).
MIN_WORD_SHARE = 0.5
#: Pages with fewer judged words than this are not judged (a caption, a signature: too little evidence).
MIN_JUDGED = 40
#: Languages whose word lists are looked in (Latin script; other scripts' OCR is not judged).
_JUDGED_LANGUAGES = ("en", "fr", "es")
_EDGES = ".,;:()[]\"'“”‘’«»!?*"
_FIGURE = re.compile(r"[\d.,%()\-–]+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|ère|ème|o|a)", re.I)
_DIGIT = re.compile(r"\d")
_NAME = re.compile(r"[A-Z][a-zà-ÿ]+")
_JOINS = re.compile(r"[’'\-]")


def word_share(lines: list[Line], lang: str) -> tuple[float, int]:
    """The share of a page's judged words that are words of `lang` or English, and how many were judged."""
    good = judged = 0
    for ln in lines:
        for w in ln.words:
            token = w.text.strip(_EDGES)
            if "/" in token or _FIGURE.fullmatch(token) or _ORDINAL.fullmatch(token):
                continue                   # symbols ("A/48/23"), figures, "2nd": no word list holds them
            if _DIGIT.search(token):       # letters and digits mixed: "4C3", "N0433", the OCR's reading of a table
                judged += 1
                continue
            for part in _JOINS.split(token):   # "l'Assemblée", "d'une", "peace-keeping": judged part by part
                if len(part) > 2 and not _NAME.fullmatch(part):
                    judged += 1
                    good += _is_word(part.lower(), lang)
    return (good / judged if judged else 1.0), judged


def illegible_pages(pages: list[tuple[int, list[Line]]], scanned: set[int], lang: str) -> list[int]:
    """Numbers of the scanned pages among `pages` ((number, lines) each) whose text is not words."""
    if lang not in _JUDGED_LANGUAGES:
        return []
    out = []
    for number, lines in pages:
        if number in scanned:
            share, judged = word_share(lines, lang)
            if judged >= MIN_JUDGED and share < MIN_WORD_SHARE:
                out.append(number)
    return out


@lru_cache(maxsize=50_000)
def _is_word(word: str, lang: str) -> bool:
    if not word.isalpha():
        return False
    # `lang` is one of _JUDGED_LANGUAGES (illegible_pages judges no other), and wordfreq has lists for all three
    languages = dict.fromkeys((lang,) + _JUDGED_LANGUAGES)
    return any(_wordfreq.zipf(word, language) >= _wordfreq.FLOOR for language in languages)
