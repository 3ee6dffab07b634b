"""Layout as a reader sees it, in a real browser: section labels on one line, no word cut across lines, nothing
wider than the window — at desktop width (1280 px), at the narrowest width that shows the side list of sections
(1180 px) and on a phone (390 px).

The content tests (test_browser.py, test_series_browser.py) ask whether things are there; these ask how they look:
a side list whose labels ran down the page one character per line ("I" over "I.", "A" over ".") passed every
content test. Measured on the rendered text itself (one box per line fragment), not on the CSS.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from browser_util import (DESKTOP, PHONE, broken_words, horizontal_overflow, label_lines, opened_report,
                          screenshot)
from reportdiff.render import report as render
from reportdiff.render.series import render_series_html
from reportdiff.lineage import build_series
from render_samples import fixture_comparison, real_comparison, realistic_comparison
from series_samples import chain_editions

pytestmark = pytest.mark.browser
FIXED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
NARROW_DESKTOP = {"width": 1180, "height": 900}       # the narrowest window that shows the side list
VIEWPORTS = [(DESKTOP, "desktop"), (NARROW_DESKTOP, "narrow"), (PHONE, "phone")]

#: Arrows of a figure's chain (S/1 value → S/2 value) that start a line of their own, away from the next value.
LONE_ARROWS_JS = """() => [...document.querySelectorAll('.fp-arrow')].filter(a => {
  const next = [...document.querySelectorAll('.fp')].find(f => a.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!next || !a.checkVisibility()) return false;
  const r = a.getBoundingClientRect(), n = next.getBoundingClientRect();
  return r.bottom <= n.top || r.top >= n.bottom;
}).length"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Change reports of the real sample pair (labels I. to IV., A. to H., 1. to 3., Annex), of the generated
    fixture pair (down to (a), unlabelled headings) and of the hand-made one; timelines of a generated chain and
    of the real pair."""
    d = tmp_path_factory.mktemp("layout")
    out = {}
    real = real_comparison()
    for name, comparison in (("real", real), ("fixture", fixture_comparison()),
                             ("realistic", realistic_comparison())):
        out[name] = d / f"{name}.html"
        out[name].write_text(render.render_html(comparison, generated=FIXED), encoding="utf-8")
    for name, editions in (("chain", chain_editions()[0]), ("real-series", [real.old, real.new])):
        out[name] = d / f"{name}.html"
        out[name].write_text(render_series_html(build_series(editions), generated=FIXED), encoding="utf-8")
    return out


def _multi_line(page, selector: str) -> list[tuple[str, int]]:
    return [(text, n) for text, n in label_lines(page, selector) if n != 1]


@pytest.mark.parametrize("viewport,tag", VIEWPORTS)
@pytest.mark.parametrize("name", ["real", "fixture", "realistic"])
def test_report_section_lists_read_on_one_line_per_label(browser, pages, name, viewport, tag):
    with opened_report(browser, pages[name], viewport) as (page, _, _):
        toc_shown = page.locator("nav.toc").is_visible()
        assert toc_shown == (viewport["width"] >= 1180), "the side list shows on wide windows only"
        if toc_shown:
            labels = label_lines(page, ".toc .toc-label")
            assert len(labels) >= 4
            assert _multi_line(page, ".toc .toc-label") == [], "side list labels taller than one line"
            assert broken_words(page, ".toc a") == [], "words of the side list cut across lines"
            assert page.evaluate("(() => { const t = document.querySelector('nav.toc');"
                                 " return t.scrollWidth - t.clientWidth; })()") <= 0, "the side list scrolls sideways"
        assert _multi_line(page, ".ov-row .ov-label") == [], "labels of 'Change by section' taller than one line"
        assert broken_words(page, ".ov-row a") == []
        assert _multi_line(page, ".sec-h .sec-label") == [], "section heading labels taller than one line"
        assert broken_words(page, ".sec-h") == []
        assert horizontal_overflow(page) <= 0, "the page is wider than the window"
        page.locator("#text").scroll_into_view_if_needed()
        screenshot(page, f"layout-{name}-{tag}-text", full_page=False)


@pytest.mark.parametrize("viewport,tag", VIEWPORTS)
@pytest.mark.parametrize("name", ["chain", "real-series"])
def test_timeline_sections_and_figures_read_cleanly(browser, pages, name, viewport, tag):
    with opened_report(browser, pages[name], viewport) as (page, _, _):
        assert len(label_lines(page, ".secs .sec-label")) >= 3
        assert _multi_line(page, ".secs .sec-label") == [], "section labels taller than one line"
        assert _multi_line(page, ".hgroup h3 .sec-label") == []
        assert broken_words(page, ".secs .sec-name") == [], "words of section names cut across lines"
        assert broken_words(page, ".hgroup h3") == []
        assert broken_words(page, ".fig-chain") == []
        assert page.evaluate(LONE_ARROWS_JS) == 0, "an arrow of a figure's chain stands on a line of its own"
        assert horizontal_overflow(page) <= 0, "the page is wider than the window"
        page.locator("#sections").scroll_into_view_if_needed()
        screenshot(page, f"layout-{name}-{tag}-sections", full_page=False)
