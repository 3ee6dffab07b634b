"""Fonts whose characters PDFium reads in the wrong character set, and their characters read right.

A TrueType font flagged symbolic that carries neither an /Encoding nor a /ToUnicode map gives its character codes
no Unicode meaning. PDFium then reads them through the font's Macintosh cmap, as Mac Roman, where pdfminer, poppler
and Acrobat read them as the Windows set (cp1252) their producer wrote: Word documents of the 2000s printed through
Distiller set their text so ("BMOEIA+TimesNewRoman" in ICCD/COP(8)/CST/INF.1, of 2007), and PDFium read its
“agriculture friendly environment” as ìagriculture friendly environmentî, Dr Tengberg’s as Tengbergís, a dash – as
ñ. Only such fonts are read again (`MacReadFonts.of`): a symbolic font with a ToUnicode map (S/2025/411's
"TimesNewRomanPS-BoldMT", which PDFium reads right) and the symbol fonts themselves (Symbol, Wingdings) are not.
"""
from __future__ import annotations

import os
import re
from itertools import islice

SYMBOLIC, NONSYMBOLIC = 4, 32                       # the font descriptor's flags (PDF 32000-1, 9.8.2)
_SUBSET = re.compile(r"^[A-Z]{6}\+")                # "BMOEIA+TimesNewRoman": a subset's tag
_SYMBOL_FONT = re.compile(r"symbol|wingding|dingbat|webding|mt ?extra", re.I)


def base_name(name: str) -> str:
    return _SUBSET.sub("", name)


def windows_char(ch: str) -> str:
    """The character its code stands for in the Windows set, the code being the one Mac Roman reads as `ch`."""
    try:
        return ch.encode("mac_roman").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):     # not a Mac Roman character, or a code cp1252 leaves empty
        return ch


class MacReadFonts:
    """Which of a document's fonts PDFium reads as Mac Roman, decided font by font the first time a page uses one:
    from the font's own dictionary, read with pdfminer (only for a font PDFium reports as symbolic whose name is
    not a symbol font's, so most documents never open it)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = path
        self.known: dict[str, bool] = {}

    def of(self, name: str, flags: int, page_index: int) -> bool:
        """Whether PDFium reads the font `name` (with the descriptor `flags` PDFium reports), which the page
        `page_index` (0-based) uses, as Mac Roman."""
        if not flags & SYMBOLIC or flags & NONSYMBOLIC or _SYMBOL_FONT.search(name):
            return False
        key = base_name(name)
        if key not in self.known:
            self.known[key] = _without_unicode(self.path, page_index, key)
        return self.known[key]


def _without_unicode(path: str | os.PathLike, page_index: int, name: str) -> bool:
    """Whether the page's TrueType font `name` (subset tag left out) is symbolic with neither /Encoding nor
    /ToUnicode. A file pdfminer cannot read so far is left as PDFium reads it."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        with open(path, "rb") as fh:
            page = next(islice(PDFPage.create_pages(PDFDocument(PDFParser(fh))), page_index, None), None)
            if page is None:
                return False
            fonts = resolve1(resolve1(page.resources or {}).get("Font")) or {}
            for font in (resolve1(f) for f in fonts.values()):
                base = resolve1(font.get("BaseFont"))
                if base is None or base_name(getattr(base, "name", str(base))) != name:
                    continue
                flags = int(resolve1((resolve1(font.get("FontDescriptor")) or {}).get("Flags")) or 0)
                return (getattr(resolve1(font.get("Subtype")), "name", None) == "TrueType"
                        and font.get("Encoding") is None and font.get("ToUnicode") is None
                        and bool(flags & SYMBOLIC) and not flags & NONSYMBOLIC)
    except MemoryError:
        raise
    except Exception:                 # noqa: BLE001 - a damaged file's fonts stay as PDFium read them
        return False
    return False
