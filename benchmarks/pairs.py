"""Edition pairs of any length for the benchmarks, generated from the two bundled samples.

The old edition is S/2025/72 and the new one S/2025/496 (20th and 21st ISIL reports: a real pair, with real
rewording, renumbering, added and removed paragraphs), each repeated `copies` times in a UN-style PDF drawn by
tests/pdfgen.py (masthead, running header, `n/N` footers, numbered paragraphs, footnotes under a rule). Copy k's
words go through the k-th permutation of the samples' vocabulary, the same in both editions: copies stay as related
to each other as the two real editions are, but unrelated to the other copies, so the aligner faces as many
distinct paragraphs as a real report of that length would have (repeating the text verbatim would not do: every
paragraph would have `copies` identical twins).

    python benchmarks/pairs.py --pages 300 --out DIR     # writes DIR/old.pdf, DIR/new.pdf
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OLD, NEW = SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf"
VERSION = 1                       # bump when the generated PDFs change (the cached pairs are then rebuilt)
_WORD = re.compile(r"[A-Za-z]{2,}")


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _vocabulary(*editions) -> list[str]:
    words = set()
    for ed in editions:
        for p in ed.paragraphs:
            words.update(w.lower() for w in _WORD.findall(p.text))
        for s in ed.sections:
            words.update(w.lower() for w in _WORD.findall(s.title))
    return sorted(words)


def _permuter(vocab: list[str], k: int):
    """Copy k's word map (copy 0 keeps the real text); capitals are kept."""
    if k == 0:
        return lambda text: text
    shuffled = vocab[:]
    random.Random(k).shuffle(shuffled)
    mapping = dict(zip(vocab, shuffled))

    def sub(m: re.Match) -> str:
        w = m.group(0)
        t = mapping.get(w.lower(), w)
        return t.upper() if w.isupper() and len(w) > 1 else t.capitalize() if w[0].isupper() else t

    return lambda text: _WORD.sub(sub, text)


def _write(edition, path: Path, copies: int, vocab: list[str], symbol: str, date: str) -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    import pdfgen

    c = pdfgen._canvas(path)
    w = pdfgen._Writer(c, symbol)
    w.masthead(date, edition.title or "Report of the Secretary-General")
    top = [s for s in edition.sections if s.level == 1]
    by_section: dict[str | None, list] = {}
    for p in edition.paragraphs:
        # each paragraph under its top-level section
        sec = edition.section(p.section)
        while sec is not None and sec.parent:
            sec = edition.section(sec.parent)
        by_section.setdefault(sec.id if sec else None, []).append(p)
    number = footnote = heading = 0
    for k in range(copies):
        perm = _permuter(vocab, k)
        for sec in [None] + top:
            paras = by_section.get(sec.id if sec else None, [])
            if sec is not None:
                heading += 1
                w.heading(f"{_roman(heading)}.", perm(sec.title))
            elif not paras:
                continue
            for p in paras:
                number += 1
                fn = None
                if p.footnotes:
                    footnote += 1
                    fn = (str(footnote), perm(p.footnotes[0].text))
                w.paragraph(str(number), perm(p.text), fn)
    w.finish()
    return w.page


def make_pair(out: Path, pages: int) -> tuple[Path, Path]:
    """Write out/old.pdf and out/new.pdf of about `pages` pages each (one copy is about 11 pages)."""
    from reportdiff import api

    out.mkdir(parents=True, exist_ok=True)
    old, new = api.load(OLD), api.load(NEW)
    vocab = _vocabulary(old, new)
    per_copy = _write(old, out / "probe.pdf", 1, vocab, "S/2099/1", "31 January 2099")
    (out / "probe.pdf").unlink()
    copies = max(1, round(pages / per_copy))
    _write(old, out / "old.pdf", copies, vocab, "S/2099/72", "31 January 2099")
    _write(new, out / "new.pdf", copies, vocab, "S/2099/496", "1 August 2099")
    return out / "old.pdf", out / "new.pdf"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    for p in make_pair(a.out, a.pages):
        print(p)


if __name__ == "__main__":
    main()
