"""`check_real.py` with the parse's words counted wherever the edition keeps them.

The shipped checker (`../shared/tools/check_real.py`) was written for Secretary-General reports: its coverage check
reads the title, the section titles, the paragraphs and the paragraphs' footnotes only. An edition also keeps text
in its tables, figures, the title's footnotes (`notes`) and the headings' footnotes, so a document whose words are
all there can fail "coverage" there. This runs the same checks, on the same reference words, with those words
counted too, and prints the checker's lines: set beside the checker's own run, a lost word and a word kept
elsewhere can be told apart.

usage: REPORTDIFF_SHARED=../shared python benchmarks/check_kept.py [PDF ...]   (default: the 52 of reports/more/)
       REPORTDIFF_SHARED=../shared python benchmarks/check_kept.py --lost [PDF ...]

`--lost` prints, for each document, the lines of the text layer (pdftotext) that the edition keeps nothing of: none
of the line's word trigrams occurs anywhere in its kept words, the checker's furniture lines left out. What is
left is furniture of other kinds (mastheads, tables of contents, a digitizer's stamp) or words the parse lost: the
list to read when a document's recall is low.

Not a test: it needs `../shared` (the checker and the documents) and pdftotext.
"""
from __future__ import annotations

import collections
import glob
import os
import re
import subprocess
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


def lost_lines(pdf: str, ed: dict, check_real) -> list[str]:
    """The text layer's lines of five words or more none of whose word trigrams the edition keeps."""
    words = re.compile(r"[^\W\d_]+|\d+")

    def tokens(text: str) -> list[str]:
        return [w.lower() for w in words.findall(text)]

    def trigrams(ws: list[str]) -> set[tuple[str, ...]]:
        return {tuple(ws[k:k + 3]) for k in range(len(ws) - 2)}

    kept = trigrams(tokens(" ".join(kept_texts(ed))))
    text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
    out = []
    for line in text.splitlines():
        s = line.strip()           # the checker's furniture filter (check_real.body_words_pdftotext), line by line
        if check_real.JOB.search(s) or check_real.BARCODE.search(s) or re.fullmatch(r"[A-Z]+/[\w/.\-* ]+", s) \
                or re.fullmatch(r"\d+/\d+", s) or re.search(r"Distr\.: |Original: |Please recycle", s):
            continue
        ws = tokens(s)
        if len(ws) >= 5 and not trigrams(ws) & kept:
            out.append(s)
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import check_real                                    # the checker itself: same reference words, same checks

    if argv[:1] == ["--lost"]:
        pdfs = argv[1:] or sorted(glob.glob(os.path.join(SHARED, "reports", "more", "*.pdf")))
        for pdf in pdfs:
            try:
                lost = lost_lines(pdf, check_real.run_extract(CLI, pdf), check_real)
            except RuntimeError as failed:           # a scan without a text layer: the CLI's own error
                print(f"{os.path.basename(pdf)}: {failed}")
                continue
            print(f"{os.path.basename(pdf)}: {len(lost)} lines kept nowhere")
            for s in lost:
                print(f"    {s[:120]}")
        return 0

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
