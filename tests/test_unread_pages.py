"""A section whose counterpart would stand on a page the other edition could not read (no text layer: a map
printed as a picture) is unread there, not removed or new: in the comparison's JSON, its HTML and Markdown, and in a
series, where the section is followed across the edition that could not read it."""
from __future__ import annotations

import json

from reportdiff.diff.comparison import compare_editions
from reportdiff.lineage import build_series
from reportdiff.render import report as render
from reportdiff.render import series as render_series

from successor_texts import SUBJECTS, build

TEXTS = {k: SUBJECTS[k][0] for k in ("threat", "repatriation", "somalia", "mozambique")}


def edition(symbol: str, date: str, with_map: bool, unread: list[int] = (), extra: str = ""):
    """Sections I (page 1), II (page 4) and, closing the report on page 10, a "Map" heading; `extra`: a section
    "III. Financial aspects" (page 8) before it."""
    sections = [("I", "Introduction", [TEXTS["threat"], TEXTS["repatriation"]]),
                ("II", "Security situation", [TEXTS["somalia"]])]
    pages = {"I": 1, "II": 4}
    if extra:
        sections.append(("III", extra, [TEXTS["mozambique"]]))
        pages["III"] = 8
    if with_map:
        sections.append(("M", "Map", []))
        pages["M"] = 10
    ed = build(sections, symbol, date)
    for s in ed.sections:
        s.page = pages[s.id]
    ed.pages_without_text = list(unread)
    return ed


def test_a_section_on_the_other_editions_unread_page_is_unread_not_removed():
    old, new = edition("S/2025/10", "2025-01-31", True), edition("S/2025/20", "2025-04-30", False, [10])
    c = compare_editions(old, new)
    (pair,) = [sp for sp in c.sections if sp.old == "M"]
    assert (pair.new, pair.unread_page) == (None, 10)
    assert json.loads(c.to_json())["sections"][-1] == {"old": "M", "new": None, "old_title": "Map",
                                                       "new_title": None, "renamed": False, "unread_page": 10}
    html = render.render_comparison(c, "html")
    assert "Unread in the other edition" in html and "Section removed" not in html
    assert "Page 10 of S/2025/20 has no text layer (a picture)" in html
    assert "*Page 10 of S/2025/20 has no text layer (a picture)" in render.render_comparison(c, "markdown")
    # the other way round: a section first read in the new edition, where the old one's page was a picture
    c = compare_editions(edition("S/2025/10", "2025-01-31", False, [10]), edition("S/2025/20", "2025-04-30", True))
    assert [(sp.new, sp.unread_page) for sp in c.sections if sp.old is None] == [("M", 10)]
    assert "New section" not in render.render_comparison(c, "html")


def test_a_section_gone_where_every_page_was_read_is_removed():
    """No unread page, or an unread page elsewhere than where the section would stand: removed, as before."""
    for unread in ([], [2]):
        c = compare_editions(edition("S/2025/10", "2025-01-31", True),
                             edition("S/2025/20", "2025-04-30", False, unread, extra="Financial aspects"))
        assert [(sp.old, sp.unread_page) for sp in c.sections if sp.new is None] == [("M", None)]
        assert "Section removed" in render.render_comparison(c, "html")


def test_a_series_follows_a_section_across_the_edition_that_could_not_read_it():
    eds = [edition("S/2025/10", "2025-01-31", True), edition("S/2025/20", "2025-04-30", False, [10]),
           edition("S/2025/30", "2025-07-31", True)]
    series = build_series(eds)
    maps = [t for t in series.sections if any(s and s.title == "Map" for s in t.states)]
    assert len(maps) == 1 and [bool(s) for s in maps[0].states] == [True, False, True]
    view = render_series.build_series_view(series)
    assert view.editions[1].unread_sections == ["M. Map (page 10)"]
    assert not any(e.gone_sections or e.new_sections for e in view.editions[1:])
    assert "sections unread: M. Map (page 10)" in render_series.render_series_markdown(series)
    assert "sections unread</span> M. Map (page 10)" in render_series.render_series_html(series)
