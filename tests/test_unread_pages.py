"""A section whose counterpart would stand on a page the other edition could not read (no text layer: a map
printed as a picture) is unread there, not removed or new: in the comparison's JSON, its HTML and Markdown, and in a
series, where the section is followed across the edition that could not read it."""
from __future__ import annotations

import json

from reportdiff.diff.comparison import compare_editions
from reportdiff.lineage import build_series
from reportdiff.render import report as render
from reportdiff.render import series as render_series
from reportdiff.render.view import headline

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


def paged(texts: list[str], pages: list[int], symbol: str, date: str, unread: list[int] = ()):
    ed = build([("I", "Overview", texts)], symbol, date)
    for p, page in zip(ed.paragraphs, pages):
        p.page_start = p.page_end = page
    ed.pages = max(pages + list(unread))
    ed.pages_without_text = list(unread)
    return ed


DROPPED = ("The security situation in Mogadishu deteriorated sharply, and I am alarmed by the escalation of attacks "
           "on civilians by Al-Shabaab.")


def test_a_paragraph_on_the_other_editions_unread_page_is_not_called_dropped():
    """Old ¶2 stood between ¶1 and ¶3, whose partners stand on pages 1 and 3 of the new edition; its page 2 has no
    text layer. ¶2 may be there: it carries no dropped-concern signal, stays out of the brief and of the dropped
    subjects, and the report says which page could not be read. With every page read, it is dropped as before."""
    texts = [TEXTS["threat"], DROPPED, TEXTS["repatriation"], TEXTS["somalia"]]
    old = paged(texts, [1, 2, 3, 4], "S/2025/10", "2025-01-31")
    c = compare_editions(old, paged([texts[0]] + texts[2:], [1, 3, 4], "S/2025/20", "2025-04-30", unread=[2]))
    (ch,) = [ch for ch in c.changes if ch.kind == "removed"]
    assert (ch.old, ch.unread_page, ch.signals) == (["2"], 2, [])
    assert json.loads(c.to_json())["changes"][c.changes.index(ch)]["unread_page"] == 2
    assert not any(b.change == c.changes.index(ch) for b in c.brief)
    html = render.render_comparison(c, "html")
    assert "Page 2 of S/2025/20 has no text layer (a picture): this paragraph may be there" in html
    told = headline(c, 25)
    assert "1 paragraph beside a page the other edition could not read" in told and "dropped" not in told
    assert "*Page 2 of S/2025/20 has no text layer" in render.render_comparison(c, "markdown")

    read = compare_editions(old, paged([texts[0]] + texts[2:], [1, 2, 3], "S/2025/20", "2025-04-30"))
    (ch,) = [ch for ch in read.changes if ch.kind == "removed"]
    assert ch.unread_page is None and [s.kind for s in ch.signals] == ["dropped_concern"]
    assert "1 dropped" in headline(read, 25) and "could not read" not in headline(read, 25)


def test_an_unread_page_closing_the_other_edition_leaves_the_last_paragraphs_dropped():
    """A picture after the other edition's last paragraph (a closing map) holds no paragraph the text goes on to:
    a paragraph dropped after the last one that has a partner is dropped, not unread."""
    texts = [TEXTS["threat"], TEXTS["repatriation"], DROPPED]
    c = compare_editions(paged(texts, [1, 2, 3], "S/2025/10", "2025-01-31"),
                         paged(texts[:2], [1, 2], "S/2025/20", "2025-04-30", unread=[3]))
    (ch,) = [ch for ch in c.changes if ch.kind == "removed"]
    assert ch.unread_page is None and ch.signals


def test_a_series_tells_a_paragraph_unread_in_one_edition_apart_from_one_gone():
    """The middle edition could not read the page its ¶2 would stand on: the paragraph's history says "Unread"
    there, with the page, and "unread in" that edition, where it came back after an absence."""
    texts = [TEXTS["threat"], DROPPED, TEXTS["repatriation"], TEXTS["somalia"]]
    eds = [paged(texts, [1, 2, 3, 4], "S/2025/10", "2025-01-31"),
           paged([texts[0]] + texts[2:], [1, 3, 4], "S/2025/20", "2025-04-30", unread=[2]),
           paged(texts, [1, 2, 3, 4], "S/2025/30", "2025-07-31")]
    series = build_series(eds)
    assert [(ev.edition, ev.kind, ev.unread_page) for ev in series.history("2", 2)] == [
        (0, "first", None), (1, "removed", 2), (2, "reappeared", None)]
    assert json.loads(series.to_json())["lineages"][1]["events"][1]["unread_page"] == 2
    html = render_series.render_series_html(series)
    assert "unread in S/2025/20" in html and "absent from S/2025/20" not in html
    assert "Page 2 of S/2025/20 has no text layer (a picture): this paragraph may be there" in html
    # a paragraph that was truly gone in between is still "absent from"
    eds[1].pages_without_text, eds[1].pages = [], 4
    assert "absent from S/2025/20" in render_series.render_series_html(build_series(eds))
