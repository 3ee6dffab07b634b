"""A rewritten pair in a real browser (Debian's Chromium): both texts side by side on a desktop, stacked on a phone,
the shared subject marked, the headline in subjects and the new and dropped subjects listed."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from browser_util import DESKTOP, PHONE, assert_clean, opened_report, screenshot
from reportdiff.diff.comparison import compare_editions
from reportdiff.render import report as render
from successor_texts import ONLY_NEW, ONLY_OLD, build, new_of, old_of

pytestmark = pytest.mark.browser
FIXED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    old = build([("I", "Introduction", old_of("threat")),
                 ("II", "Threat assessment", old_of("iswap", "somalia", "afghanistan") + [ONLY_OLD]),
                 ("III", "Responses", old_of("repatriation", "mozambique", "victims"))])
    new = build([("I", "Introduction", new_of("threat")),
                 ("II", "Threat assessment", new_of("iswap", "somalia", "afghanistan") + [ONLY_NEW]),
                 ("III", "Responses", new_of("repatriation", "mozambique", "victims"))], "S/2025/20", "2025-07-31")
    path = tmp_path_factory.mktemp("successors") / "rewritten.html"
    path.write_text(render.render_html(compare_editions(old, new), generated=FIXED), encoding="utf-8")
    return path


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                                               " return {x: r.x, y: r.y, w: r.width, h: r.height}; })")


@pytest.mark.parametrize("viewport,tag", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_a_rewritten_pair_is_shown_as_a_pair(browser, report, viewport, tag):
    with opened_report(browser, report, viewport) as (page, log, url):
        pair = page.locator(".chg.k-rewritten").first
        pair.scroll_into_view_if_needed()
        assert pair.locator(".badge.b-rewritten").inner_text().lower() == "rewritten"
        # the two texts, not a redline of one into the other
        assert pair.locator(".redline del, .redline ins").count() == 0
        old_side, new_side = boxes(page, ".chg.k-rewritten >> nth=0 >> .pair-side")
        if tag == "desktop":
            assert new_side["x"] >= old_side["x"] + old_side["w"] - 1 and abs(new_side["y"] - old_side["y"]) < 2
        else:
            assert new_side["y"] >= old_side["y"] + old_side["h"] - 1 and abs(new_side["x"] - old_side["x"]) < 2
        # the shared subject is marked on both sides and named above them
        assert pair.locator(".pair-old mark").count() and pair.locator(".pair-new mark").count()
        assert pair.locator(".pair-why mark").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"rewritten-pair-{tag}", full_page=False)
        assert_clean(log, url)


def test_headline_counts_subjects_and_lists_new_and_dropped_ones(browser, report):
    with opened_report(browser, report, DESKTOP) as (page, log, url):
        headline = page.locator(".headline").inner_text()
        assert "subjects updated" in headline and "rewritten" in headline
        assert "1 new subject" in headline and "1 dropped" in headline
        new_list = page.locator(".subj-new")
        assert "New in this edition (1)" in new_list.inner_text()
        new_list.locator("summary").click()
        link = new_list.locator("a").first
        target = link.get_attribute("href")
        link.click()
        assert page.locator(target).get_attribute("class").startswith("chg k-added")
        assert "Dropped from this edition (1)" in page.locator(".subj-dropped").inner_text()
        assert_clean(log, url)
