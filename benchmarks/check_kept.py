"""`check_real.py` with the parse's words counted wherever the edition keeps them.

The shipped checker (`../shared/tools/check_real.py`) was written for Secretary-General reports: its coverage check
reads the title, the section titles, the paragraphs and the paragraphs' footnotes only. An edition also keeps text
in its tables, figures, the title's footnotes (`notes`) and the headings' footnotes, so a document whose words are
all there can fail "coverage" there. This runs the same checks, on the same reference words, with those words
counted too, and prints the checker's lines: set beside the checker's own run, a lost word and a word kept
elsewhere can be told apart.

usage: REPORTDIFF_SHARED=../shared python benchmarks/check_kept.py [PDF ...]   (default: the 52 of reports/more/)

Not a test: it needs `../shared` (the checker and the documents) and pdftotext.
"""
from __future__ import annotations

import collections
import glob
import os
import sys

SHARED = os.environ.get("REPORTDIFF_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
CLI = os.path.join(os.path.dirname(os.path.abspath(sys.executable)), "reportdiff")


def kept_texts(ed: dict) -> list[str]:
    """Every string of an edition that holds words of the document."""
    parts = [ed.get("title") or ""]
    for s in ed.get("sections", []):
        parts.append(s.get("title") or "")
        parts += [f.get("text") or "" for f in s.get("footnotes", [])]
    for p in ed.get("paragraphs", []):
        parts.append(p.get("text") or "")
        parts += [f.get("text") or "" for f in p.get("footnotes", [])]
    for t in ed.get("tables", []):
        parts += [t.get("title") or ""] + list(t.get("header") or [])
        parts += [c for row in t.get("rows", []) for c in row]
        parts += [n for n in (t.get("notes") or []) if isinstance(n, str)]
    for f in ed.get("figures", []):
        parts += [f.get("title") or "", f.get("text") or ""]
    parts += [n.get("text") or "" for n in ed.get("notes", []) or []]
    return parts


def main(argv: list[str]) -> int:
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import check_real                                    # the checker itself: same reference words, same checks

    shipped = check_real.parse_words

    def kept_words(ed: dict) -> collections.Counter:
        return collections.Counter(w.lower() for w in check_real.WORD.findall(" ".join(kept_texts(ed))))

    pdfs = argv or sorted(glob.glob(os.path.join(SHARED, "reports", "more", "*.pdf")))
    check_real.parse_words = kept_words
    sys.argv = ["check_real.py", "--cmd", CLI] + pdfs
    try:
        return check_real.main() or 0
    except SystemExit as done:                          # the checker exits 0 only when every PDF passes
        return done.code if isinstance(done.code, int) else 1
    finally:
        check_real.parse_words = shipped


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
