"""The masthead of a UN document's first page: its symbol, date and title."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .extract import Line
from .labels import SYMBOL_RE, starts_heading_label

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m: i for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                           "septembre", "octobre", "novembre", "décembre"], 1)})
MONTHS.update({m: i for i, m in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                           "agosto", "septiembre", "octubre", "noviembre", "diciembre"], 1)})
DATE_RE = re.compile(r"\b(\d{1,2})(?:er)?\s+(?:de\s+)?([A-Za-zéû]+)\s+(?:de\s+)?(\d{4})\b")
MASTHEAD_RE = re.compile(r"^(United Nations|Nations Unies|Naciones Unidas|Distr\.|Original|General Assembly|"
                         r"Security Council|Conseil de sécurité|Consejo de Seguridad|Assemblée générale|"
                         r"Asamblea General|Economic and Social Council)", re.I)


@dataclass
class Masthead:
    symbol: str | None = None
    date: str | None = None
    title: str = ""
    end: int = 0                 # index of the first body line on page 1


def parse_date(text: str) -> str | None:
    for m in DATE_RE.finditer(text):
        month = MONTHS.get(m.group(2).lower())
        if month:
            try:
                return dt.date(int(m.group(3)), month, int(m.group(1))).isoformat()
            except ValueError:
                continue
    return None


def clean_symbol(sym: str) -> str:
    return sym.rstrip("*").strip()


def read_masthead(page1: list[Line], later_headers: list[str]) -> Masthead:
    """Symbol, date and title from the first page's masthead; the title is the large bold block after it."""
    mh = Masthead()
    # The masthead ends with the "Original: <language>" line; without one, with the last line of the opening
    # run that looks like masthead (organ, symbol, "Distr.", a date).
    i = next((k + 1 for k, ln in enumerate(page1[:12]) if re.match(r"^(Original|Orig\.|Anglais|Inglés)\b", ln.text)), 0)
    if i == 0:
        while i < min(len(page1), 8) and (MASTHEAD_RE.match(page1[i].text) or SYMBOL_RE.search(page1[i].text)
                                         or parse_date(page1[i].text)) and len(page1[i].text) < 60:
            i += 1
    head_text = [ln.text for ln in page1[:i]]
    # symbol: prefer the running header of later pages (clean), else the masthead
    for cand in later_headers + head_text:
        # as printed, then without spaces (a symbol drawn in pieces: "S /2025/72")
        m = SYMBOL_RE.search(cand) or SYMBOL_RE.search(cand.replace(" ", ""))
        if m and "/" in m.group(0):
            mh.symbol = clean_symbol(m.group(0))
            break
    for t in head_text:
        d = parse_date(t)
        if d:
            mh.date = d
            break
    # title: bold lines, larger than body, directly after the masthead (a letter's title may be body-sized bold)
    title_lines = []
    j = i
    while j < len(page1):
        ln = page1[j]
        if not ln.bold or (title_lines and starts_heading_label(ln)):
            break
        if title_lines and ln.top - title_lines[-1].bottom > 1.2 * ln.size:
            break
        if not title_lines and starts_heading_label(ln):
            break
        title_lines.append(ln)
        j += 1
    # Sub-titles (e.g. "Report of the Secretary-General") follow in bold after a small gap
    mh.title = " ".join(" ".join(w.text for w in ln.words if not w.sup) for ln in title_lines)
    mh.title = " ".join(mh.title.split())
    mh.end = j
    return mh
