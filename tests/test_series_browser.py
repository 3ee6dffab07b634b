"""The series timeline in a real browser (Debian's headless Chromium through playwright), as for the change report.

Every test opens a timeline from a file:// URL, aborts and records any other request, and fails on a console error,
a page error or a dialog. Screenshots at desktop and phone widths go to tests/artifacts/ (gitignored).
Skipped only when /usr/bin/chromium is absent, and never on CI (env CI set): there it fails.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_util import DESKTOP, PHONE, assert_clean, opened_report, screenshot
from reportdiff.render.series import render_series_html
from reportdiff.lineage import build_series
from reportdiff.model import Edition, Paragraph
from series_samples import chain_editions, hostile_chain

pytestmark = pytest.mark.browser
FIXED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def timelines(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("series")
    out = {}
    editions, _ = chain_editions()
    for name, eds in (("chain", editions), ("hostile", hostile_chain())):
        out[name] = d / f"{name}.html"
        out[name].write_text(render_series_html(build_series(eds), generated=FIXED), encoding="utf-8")
    return out


@pytest.mark.parametrize("viewport,tag", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_timeline_renders(browser, timelines, viewport, tag):
    with opened_report(browser, timelines["chain"], viewport) as (page, log, url):
        h1 = page.locator("h1").inner_text().replace("\n", " ")
        assert h1.startswith("S/2016/92 → S/2016/501 → S/2017/97 → S/2017/573")
        assert page.locator(".ed").count() == 4 and page.locator(".ed").first.is_visible()
        assert page.locator(".headline").is_visible()
        # key figures: the fighters estimate followed over three editions
        fig = page.locator(".fig").first
        assert fig.is_visible()
        chain = fig.locator(".fig-chain").inner_text()
        assert chain.index("20,000") < chain.index("14,000") < chain.index("9,000")
        # per-section charts are drawn (inline SVG with a bar per edition)
        assert page.locator("svg.chart").first.is_visible()
        assert page.locator("svg.chart").first.locator("rect").count() >= 4
        box = page.locator("svg.chart rect.b-all").first.bounding_box()
        assert box and box["height"] > 0
        # histories folded; the script revealed its button
        assert page.locator("details.hist").count() == 9
        assert page.locator("details.hist[open]").count() == 0
        assert page.locator("#open-all").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"series-chain-{tag}")
        screenshot(page, f"series-chain-{tag}-top", full_page=False)
        assert_clean(log, url)


def test_figure_links_open_the_paragraph_history(browser, timelines):
    with opened_report(browser, timelines["chain"]) as (page, log, url):
        page.locator(".fig .fp").nth(1).click()
        target = page.evaluate("location.hash")
        assert target.endswith("-e-1")
        step = page.locator(target)
        expect(step).to_be_visible(timeout=5000)       # the folded history opened (a hashchange handler)
        assert "14,000" in step.inner_text()
        assert step.locator("del").first.is_visible() and step.locator("ins").first.is_visible()
        assert "line-through" in step.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
        hist = page.locator("details.hist[open]")
        assert hist.count() == 1
        text = hist.inner_text()
        assert all(s in text for s in ("S/2016/92", "S/2016/501", "S/2017/97", "S/2017/573"))
        screenshot(page, "series-chain-history", full_page=False)
        assert_clean(log, url)


def test_open_all_and_split_history(browser, timelines):
    with opened_report(browser, timelines["chain"], PHONE) as (page, log, url):
        page.locator("#open-all").click()
        assert page.locator("details.hist[open]").count() == 9
        split = page.locator("details.hist", has=page.locator(".badge.b-split")).first
        assert "Split" in split.inner_text() and split.locator(".pb").count() >= 1
        gone = page.locator("#gone details.hist")
        assert gone.count() == 2 and "Removed" in gone.first.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "series-chain-phone-open")
        page.locator("#open-all").click()
        assert page.locator("details.hist[open]").count() == 0
        assert_clean(log, url)


def test_a_malformed_fragment_breaks_nothing(browser, timelines):
    """A link ending "#%E0%A4%A" (not a link of ours: a mangled URL) threw "URI malformed", and the page's
    buttons no longer worked."""
    with opened_report(browser, timelines["chain"]) as (page, log, url):
        page.goto(url + "#%E0%A4%A")
        page.wait_for_timeout(200)
        page.locator("#open-all").click()
        assert page.locator("details.hist[open]").count() == 9
        assert_clean(log, url)


def test_without_javascript_the_timeline_still_reads(browser, timelines):
    with opened_report(browser, timelines["chain"], javascript=False) as (page, log, url):
        assert page.locator(".fig").first.is_visible()
        assert not page.locator("#open-all").is_visible()
        page.locator("details.hist summary").first.click()
        assert page.locator("details.hist[open] .step").first.is_visible()
        assert_clean(log, url)


def test_hostile_text_stays_text(browser, timelines):
    with opened_report(browser, timelines["hostile"]) as (page, log, url):
        assert "S/2099/1<b>" in page.locator("h1").inner_text()
        assert page.locator("img").count() == 0 and page.locator("main b").count() == 0
        page.locator("#open-all").click()
        assert "<script>alert" in page.locator("details.hist").first.inner_text()
        screenshot(page, "series-hostile-desktop")
        assert_clean(log, url)


def test_a_long_series_stays_within_a_phone_screen(browser, tmp_path):
    """23 editions: each section's chart is 20 px an edition (454 px) and a paragraph changed in every edition
    is badged "changed in S/2099/1, S/2099/2, …": both ran past a 390 px screen; they shrink and wrap."""
    editions, _ = chain_editions()
    first = editions[0]
    long_series = []
    for k in range(23):
        paragraphs = [Paragraph(p.id, p.number, p.section, p.text) for p in first.paragraphs]
        paragraphs[0].text += f" In its edition {k + 1}, the Panel counted {1000 + 37 * k} fighters."
        long_series.append(Edition(f"S/2099/{100 + k}", f"2099-{1 + k // 2:02d}-{1 + 14 * (k % 2):02d}", first.title,
                                   pages=5, sections=first.sections, paragraphs=paragraphs,
                                   source=f"S_2099_{100 + k}.pdf"))
    path = tmp_path / "long.html"
    path.write_text(render_series_html(build_series(long_series), generated=FIXED), encoding="utf-8")
    with opened_report(browser, path, PHONE) as (page, log, url):
        assert page.locator(".ed").count() == 23
        badge = page.locator(".badge.b-modified").first
        assert badge.inner_text().count("S/2099/") >= 10
        chart = page.locator("svg.chart").first
        chart.scroll_into_view_if_needed()
        assert chart.bounding_box()["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "series-long-phone")
        assert_clean(log, url)
