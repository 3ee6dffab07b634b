"""A user's script over reportdiff's public API, for `mypy --strict` (see tests/test_typing.py): every type it gets
from reportdiff must be precise — no `Any` leaking out of the library into the caller's code.

Never run, only type-checked: it names files that do not exist.
"""
from __future__ import annotations

from pathlib import Path

import reportdiff
from reportdiff import api


def use_the_library() -> list[str]:
    old: reportdiff.Edition = reportdiff.load("old.pdf", max_pages=100, cache=False, workers=1)
    new = reportdiff.load(Path("new.pdf"), progress=lambda done, total: None)
    symbol: str | None = new.symbol
    pages: int = new.pages
    section: reportdiff.Section | None = new.section("II.A")
    para: reportdiff.Paragraph | None = new.paragraph("9")
    first: reportdiff.Paragraph = new.paragraphs[0]
    words: str = first.text
    notes: list[reportdiff.Footnote] = first.footnotes

    cmp: reportdiff.Comparison = reportdiff.compare(old, "new.pdf", cache=False)
    counts: dict[str, int] = cmp.summary()
    differs: bool = cmp.differs
    change: reportdiff.Change = cmp.changes[0]
    kind: str = change.kind
    similarity: float = change.similarity
    signal: reportdiff.Signal = change.signals[0]
    op, text = change.diff[0]
    pair: reportdiff.SectionPair = cmp.sections[0]
    renamed: bool = pair.renamed

    again: reportdiff.Comparison = reportdiff.Comparison.from_json(cmp.to_json(editions=True))
    edition_again: reportdiff.Edition = reportdiff.Edition.from_json(Path("edition.json"))
    json_text: str = edition_again.to_json()

    a, b = api.load_pair("a.pdf", "b.pdf", workers=2)
    many: list[reportdiff.Edition] = api.load_many(["a.pdf", Path("b.pdf")], cache=True)
    cached: bool = api.is_cached("a.pdf")

    ser: reportdiff.Series = reportdiff.series(["a.pdf", new, Path("c.pdf")], cache=False)
    lineage: reportdiff.Lineage | None = ser.lineage_of("66")
    events: list[reportdiff.LineageEvent] = ser.history("66")
    born: int | None = lineage.born if lineage else None
    since: int | None = lineage.unchanged_since(len(ser.editions)) if lineage else None
    track: reportdiff.FigureTrack = ser.figures[0]
    values: list[str | None] = [p.value for p in track.points]
    state: reportdiff.SectionState | None = ser.sections[0].states[0]

    batch: reportdiff.BatchResult = reportdiff.batch("manifest.csv", "out/", jobs=2)   # was untyped (user review)
    failed: dict[str, str] = batch.failed

    try:
        reportdiff.load("missing.pdf")
    except FileNotFoundError as e:          # InputFileError is also an OSError / FileNotFoundError
        message: str = str(e)
    except reportdiff.ReportDiffError as e:
        code: int = e.exit_code

    return [repr(x) for x in (symbol, pages, section, para, words, notes, counts, differs, kind, similarity,
                              signal, op, text, renamed, again, json_text, a, b, many, cached, events, born,
                              since, values, state, failed)]
