"""Page furniture: the running header and footer, page marker, job number, stamp and barcode of a UN document,
found by position (the top and bottom bands of a page), by pattern and by repetition on other pages."""
from __future__ import annotations

import re
from collections import Counter

from .extract import Line, PageText
from .labels import SYMBOL_RE

FURNITURE_RES = [
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}(\s+\d{2}-\d{5}\*?(\s*\([A-Z]\))?)?$"),       # 2/15 25-00800
    re.compile(r"^\d{2}-\d{5}\*?(\s*\([A-Z]\)\s*\d{6})?(\s+\d{1,4}\s*/\s*\d{1,4})?$"),  # 25-00800 (E) 070225
    re.compile(r"^\*\d{5,9}\*$"),                                                    # barcode *2500800*
    re.compile(r"^Please\s+recycle", re.I),
    re.compile(r"^\d{1,4}$"),                                                        # bare page number
]


def norm_digits(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def furniture_mask(pages: list[PageText]) -> dict[int, set[int]]:
    """Indices of lines that are page furniture, per page number.

    A line is furniture when it sits in the top or bottom band of its page and either matches a known pattern
    (page marker, job number, barcode, "Please recycle") or its text, digits aside, recurs in the same band on
    other pages (running headers, symbol lines). The scan stops at the first body-like line from each edge.
    """
    band_texts: dict[str, Counter] = {"top": Counter(), "bottom": Counter()}
    for p in pages:
        for ln in p.lines:
            where = "top" if ln.bottom < p.height * 0.12 else "bottom" if ln.top > p.height * 0.85 else None
            if where:
                band_texts[where][(norm_digits(ln.text), round(ln.top / 4))] += 1
    multi = len(pages) >= 3
    mask: dict[int, set[int]] = {}
    for p in pages:
        drop: set[int] = set()

        def furniture(ln: Line, where: str) -> bool:
            text = " ".join(ln.text.split())
            if any(r.match(text) for r in FURNITURE_RES):
                return True
            if ln.words[0].sup and where == "bottom":
                return False          # a footnote ("¹ Information provided by a Member State.") is not furniture
            if where == "top" and SYMBOL_RE.fullmatch(text.rstrip("*")) and p.number > 1:
                return True
            # Repeated, digits aside, at the same height on a third of the pages: a running header or footer.
            repeats = band_texts[where][(norm_digits(text), round(ln.top / 4))]
            return multi and repeats >= max(2, len(pages) // 3) and len(text) < 80

        for i, ln in enumerate(p.lines):                      # from the top
            if ln.bottom > p.height * 0.12 or p.number == 1:
                break
            if furniture(ln, "top"):
                drop.add(i)
            else:
                break
        for i in range(len(p.lines) - 1, -1, -1):              # from the bottom
            ln = p.lines[i]
            if ln.top < p.height * 0.85:
                break
            if furniture(ln, "bottom"):
                drop.add(i)
            else:
                break
        mask[p.number] = drop
    return mask
