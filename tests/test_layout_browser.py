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

from browser_util import (DESKTOP, PHONE, broken_words, horizontal_overflow, label_lines, low_contrast, opened_report,
                          screenshot, text_contrasts)
from reportdiff.render import report as render
from reportdiff.render.series import render_series_html
from reportdiff.lineage import build_series
from render_samples import fixture_comparison, real_comparison, realistic_comparison
from series_samples import chain_editions, figure_editions

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
    fixture pair (down to (a), unlabelled headings) and of the hand-made one; timelines of a generated chain, of
    the real pair and of three editions with twenty figures (five folded)."""
    d = tmp_path_factory.mktemp("layout")
    out = {}
    real = real_comparison()
    for name, comparison in (("real", real), ("fixture", fixture_comparison()),
                             ("realistic", realistic_comparison())):
        out[name] = d / f"{name}.html"
        out[name].write_text(render.render_html(comparison, generated=FIXED), encoding="utf-8")
    for name, editions in (("chain", chain_editions()[0]), ("real-series", [real.old, real.new]),
                           ("figures", figure_editions())):
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


# ---------------------------------------------------------------------------------------------------- the glance
# "Change by section" (a screen high) beside "Every signal, by kind" (four to five screens) left the page's left
# half blank for several screens at 1280 px. Two blocks side by side must end near each other.

GLANCE_BLOCKS_JS = """() => ['.glance-grid > .overview', '.glance-grid > .keys'].map(s => {
  const r = document.querySelector(s).getBoundingClientRect();
  return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right};
})"""


@pytest.mark.parametrize("viewport,tag", VIEWPORTS)
def test_glance_leaves_no_blank_column(browser, pages, viewport, tag):
    with opened_report(browser, pages["real"], viewport) as (page, _, _):
        ov, keys = page.evaluate(GLANCE_BLOCKS_JS)
        side_by_side = ov["top"] < keys["bottom"] and keys["top"] < ov["bottom"]
        if side_by_side:
            gap = abs(ov["bottom"] - keys["bottom"])
            assert gap < viewport["height"] / 2, \
                f"one column of the glance ends {gap:.0f} px before the other: a blank column of that height"
        else:
            assert keys["top"] >= ov["bottom"] - 1, "the signals overlap the sections"
            # stacked, each takes the width: no blank half beside either
            width = page.evaluate("document.querySelector('.glance-grid').getBoundingClientRect().width")
            for block in (ov, keys):
                assert block["right"] - block["left"] > 0.95 * width
        rows = page.evaluate("new Set([...document.querySelectorAll('.counts .count')].map(c => c.offsetTop)).size")
        assert rows == (1 if viewport["width"] >= 1000 else 2), "a stat card alone on a row of its own"
        assert broken_words(page, ".count-k") == []
        page.evaluate("document.querySelector('.glance-grid').scrollIntoView()")
        screenshot(page, f"layout-real-{tag}-glance", full_page=False)


# ---------------------------------------------------------------------------------------------------- print
# A printed report shows everything: folded unchanged paragraphs, the signals past the first twelve, the new and
# dropped subjects, the timeline's histories and figures. With JavaScript, a beforeprint handler opens every
# <details> (afterprint folds them back); without it (a mail client's viewer), the print style shows their contents.

FOLDED_CONTENT_JS = """() => [...document.querySelectorAll('details')].flatMap(d => [...d.children])
  .filter(c => c.tagName !== 'SUMMARY' && !c.checkVisibility({visibilityProperty: true}))
  .map(c => (c.closest('details').className || 'details') + ': ' + c.textContent.trim().slice(0, 60))"""


#: (room left of the brief's items, width of its longest number "12. ") in CSS px
BRIEF_MARKER_JS = """() => { const ol = document.querySelector('.brief-list'), li = ol.querySelector('li');
  const cs = getComputedStyle(li), ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  return [li.getBoundingClientRect().left, ctx.measureText(ol.children.length + '. ').width]; }"""


def _pdf_text(page, path: Path) -> str:
    import pypdfium2

    page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_the_margins_contents_keep_the_current_section_in_view(browser, pages):
    """A reader review: in a long report the margin's contents are taller than the window, and the highlighted
    current section slid out of the margin's box as the reader went down (the Monitoring Team's "IV.B" 270 px
    below it). The box now scrolls to it, and the page does not move for it."""
    short = {"width": 1280, "height": 420}                   # a contents list taller than the window
    with opened_report(browser, pages["real"], short) as (page, log, _):
        assert page.evaluate("(() => { const t = document.querySelector('nav.toc'); "
                             "return t.scrollHeight > t.clientHeight; })()")
        page.locator(".text-main > .sec").last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)                            # the observer's callback, then the box's scroll
        inside = page.evaluate("""(() => {
            const a = document.querySelector('.toc a[aria-current]'), t = document.querySelector('nav.toc');
            const r = a.getBoundingClientRect(), b = t.getBoundingClientRect();
            return r.top >= b.top - 1 && r.bottom <= b.bottom + 1; })()""")
        assert inside, "the current section's link is outside the margin's visible box"
        assert log.page_errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_print_shows_every_folded_part_of_the_report(browser, pages, javascript, tmp_path):
    # printed from a desktop window, as a reader does: Chromium lays the paper out with the window's media rules
    with opened_report(browser, pages["real"], DESKTOP, javascript=javascript) as (page, _, _):
        assert page.locator("details.same").count() and page.locator("details.more-sigs").count()
        assert page.locator("details.subj").count() == 2
        if javascript:
            page.check("#changes-only")                 # a filter set on screen does not thin the paper
        page.emulate_media(media="print")
        assert page.evaluate(FOLDED_CONTENT_JS) == [], "folded content missing from the printed page"
        assert page.evaluate("[...document.querySelectorAll('.more-sigs > summary, .more-figs > summary')]"
                             ".filter(s => s.checkVisibility()).length") == 0, "'N more …' on paper"
        labels = page.evaluate("[...document.querySelectorAll('.count-k')].map(e => e.textContent.trim())")
        room, marker = page.evaluate(BRIEF_MARKER_JS)
        assert room >= marker, "the brief's numbers ('12.') stand outside the page's margin and print cut ('.2')"
        text = _pdf_text(page, tmp_path / "report.pdf")
        flat = " ".join(text.split())
        assert "In adopting its resolution 2253 (2015)" in flat, "the unchanged ¶1 is missing from the paper"
        # the new and dropped subjects, opened for paper, follow the brief (before it they pushed it to page 3-9)
        assert flat.index("The brief: key changes") < flat.index("New in this edition"), "the brief printed late"
        assert "more judgements" not in flat and "open them with" not in flat
        words = text.split()
        cut = {a + b for a, b in zip(words, words[1:])}        # a word cut over two lines reads as two
        assert len(labels) == 8 and [w for w in labels if w in cut] == [], "a stat card's label cut (Unchang/ed)"
        if javascript:
            assert page.locator("details[open]").count() == 0, "afterprint left the folds open"


def test_print_handler_opens_details_and_restores_them(browser, pages):
    with opened_report(browser, pages["real"]) as (page, log, _):
        total = page.locator("details").count()
        page.locator("details.same > summary").first.click()
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("details[open]").count() == total
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.locator("details[open]").count() == 1
        assert page.locator("details.same").first.evaluate("d => d.open")
        assert log.page_errors == []


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("name", ["chain", "real-series", "figures"])
def test_print_shows_every_history_of_the_timeline(browser, pages, name, javascript, tmp_path):
    with opened_report(browser, pages[name], DESKTOP, javascript=javascript) as (page, log, _):
        n_hist = page.locator("details.hist").count()
        assert n_hist >= 5
        page.emulate_media(media="print")
        assert page.evaluate(FOLDED_CONTENT_JS) == [], "folded content missing from the printed page"
        assert page.evaluate("[...document.querySelectorAll('.h-preview')].filter(s => s.checkVisibility()).length"
                             ) == 0, "a one-line preview printed above the full history"
        assert page.evaluate("[...document.querySelectorAll('.more-figs > summary')]"
                             ".filter(s => s.checkVisibility()).length") == 0
        text = " ".join(_pdf_text(page, tmp_path / "series.pdf").split())
        assert "more figure histories" not in text
        steps = page.locator("details.hist .step").count()
        assert steps >= n_hist
        if name == "chain":
            assert "20,000" in text and "14,000" in text and "9,000" in text
        if javascript:
            assert page.locator("details[open]").count() == 0 and log.page_errors == []


def test_a_timeline_folds_figures_past_fifteen(pages):
    """The timeline print test above covers the folded 'N more figure histories' list."""
    assert "5 more figure histories" in pages["figures"].read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------- contrast
# Every text as drawn reaches WCAG AA (4.5:1) against its background: the edition labels above the columns of a
# rewritten pair, the signal counts, the column labels of the side-by-side view, the e-mail's caution line (all
# #8a94a3 on white, 3.07:1, before).

def _report_states(page):
    yield "inline"
    page.click("[data-view=side]")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    yield "side, open"
    page.click("[data-view=inline]")
    page.check("#changes-only")                 # the side list's quiet sections dimmed (an opacity of .45 before)
    yield "changes only"


@pytest.mark.parametrize("viewport,tag", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_text_contrast_meets_wcag_aa(browser, pages, viewport, tag, tmp_path):
    with opened_report(browser, pages["real"], viewport) as (page, _, _):
        for state in _report_states(page):
            texts = text_contrasts(page)
            for listed in ("p.pair-tag", "span.sig-count", "span.sig-arrow", "span.n-arrow"):
                assert any(t["where"].startswith(listed) for t in texts), f"{listed} was not measured"
            low = [t for t in texts if t["ratio"] < 4.5]
            assert low == [], f"{state}: text below 4.5:1: {low[:8]}"
    for name in ("chain", "real-series", "figures"):
        with opened_report(browser, pages[name], viewport) as (page, _, _):
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            assert low_contrast(page) == []
    from email import policy
    from email.parser import BytesParser

    msg = BytesParser(policy=policy.default).parsebytes(render.render_comparison(realistic_comparison(), "eml"))
    mail = tmp_path / "mail.html"
    mail.write_text(msg.get_body(preferencelist=("html",)).get_content(), encoding="utf-8")
    with opened_report(browser, mail, viewport) as (page, _, _):
        texts = text_contrasts(page)
        assert any(t["text"].startswith("Generated") for t in texts), "the caution line was not measured"
        assert [t for t in texts if t["ratio"] < 4.5] == []
