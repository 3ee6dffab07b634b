"""The HTML report in a real browser (Debian's headless Chromium through playwright).

Every test opens a report from a file:// URL, aborts and records any other request, and fails on a console error,
a page error or a dialog. Screenshots at desktop and phone widths go to tests/artifacts/ (gitignored).
Skipped only when /usr/bin/chromium is absent, and never on CI (env CI set): there it fails.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_util import ARTIFACTS, DESKTOP, PHONE, assert_clean, opened_report, screenshot
from reportdiff.render import report as render
from render_samples import (fixture_comparison, hostile_comparison, real_comparison, realistic_comparison,
                            scaled_comparison)

pytestmark = pytest.mark.browser
FIXED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)

COUNT_VISIBLE = ("(sel) => Array.from(document.querySelectorAll(sel)).filter(e => e.checkVisibility({visibilityProperty: true}))"
                 ".length")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("reports")
    out = {}
    for name, make in (("realistic", realistic_comparison), ("fixture", fixture_comparison),
                       ("hostile", hostile_comparison)):
        out[name] = d / f"{name}.html"
        out[name].write_text(render.render_html(make(), generated=FIXED), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def real_report(tmp_path_factory) -> Path:
    comparison = real_comparison()          # skips while the pipeline cannot compare the samples yet
    path = tmp_path_factory.mktemp("real") / "S_2025_72_to_S_2025_496.html"
    path.write_text(render.render_comparison(comparison, "html"), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "real-S_2025_72-S_2025_496.html").write_bytes(path.read_bytes())
    return path


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }""")


def count_visible(page, selector: str) -> int:
    return page.evaluate(COUNT_VISIBLE, selector)


# ---------------------------------------------------------------------------------------------------- loading

@pytest.mark.parametrize("viewport,tag", [(DESKTOP, "desktop"), (PHONE, "phone")])
@pytest.mark.parametrize("name", ["realistic", "fixture"])
def test_report_shows_summary_overview_and_redline(browser, reports, name, viewport, tag):
    with opened_report(browser, reports[name], viewport) as (page, log, url):
        assert page.locator("h1").inner_text().replace("\n", " ").strip().startswith(
            "S/2025/72 → S/2025/496" if name == "realistic" else "S/2018/770 → S/2019/115")
        assert page.locator("#glance").is_visible()
        assert page.locator(".headline").is_visible()
        assert page.locator(".count").count() == 8 and page.locator(".count").first.is_visible()
        rows = page.locator(".ov-row")
        assert rows.count() >= 8 and rows.first.is_visible()
        assert page.locator(".ov-bar .fill").first.is_visible()
        assert page.locator(".chg del").first.is_visible() and page.locator(".chg ins").first.is_visible()
        assert page.locator("#controls").is_visible(), "the script did not reveal the controls"
        # Nothing wider than the screen (a phone must not scroll sideways).
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        # Redline is not colour alone.
        assert "line-through" in page.eval_on_selector(".chg del", "e => getComputedStyle(e).textDecorationLine")
        assert "underline" in page.eval_on_selector(".chg ins", "e => getComputedStyle(e).textDecorationLine")
        screenshot(page, f"{name}-{tag}")
        screenshot(page, f"{name}-{tag}-top", full_page=False)
        assert_clean(log, url)


def test_key_changes_link_to_their_paragraphs(browser, reports):
    with opened_report(browser, reports["realistic"]) as (page, log, url):
        sig = page.locator(".sig", has_text="up to 4,000").first
        assert sig.is_visible()
        assert "II.A ¶8" in sig.inner_text() and "up to 3,000" in sig.inner_text()
        sig.locator("a.sig-ref").click()
        target = page.evaluate("location.hash")
        expect(page.locator(target)).to_be_visible(timeout=5000)
        assert in_viewport(page, target)
        assert "4,000" in page.locator(target).inner_text()
        # The moved paragraph: to its old place and back.
        page.locator("a.moved-link").first.click()
        ghost = page.evaluate("location.hash")
        assert ghost.startswith("#g-") and in_viewport(page, ghost)
        page.locator(f"{ghost} a").click()
        assert page.evaluate("location.hash").startswith("#c-")
        assert_clean(log, url)


# ---------------------------------------------------------------------------------------------------- controls

def test_keys_step_through_changes_and_contents_follow(browser, reports):
    with opened_report(browser, reports["fixture"], {"width": 1400, "height": 900}) as (page, log, url):
        assert page.locator(".toc").is_visible(), "the contents show in the margin of a wide screen"
        page.locator(".toc a").nth(5).click()
        expect(page.locator(".toc a[aria-current]")).to_have_count(1)     # waits for the observer (a busy CPU)
        ids = page.evaluate("Array.from(document.querySelectorAll('.chg')).map(c => c.id)")
        page.evaluate("window.scrollTo(0, 0)")
        page.keyboard.press("n")
        assert page.evaluate("document.activeElement.id") == ids[0]
        page.keyboard.press("n")
        assert page.evaluate("document.activeElement.id") == ids[1]
        page.keyboard.press("p")
        assert page.evaluate("document.activeElement.id") == ids[0]
        assert_clean(log, url)


@pytest.mark.parametrize("viewport,tag", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_view_switch_side_by_side_and_back(browser, reports, viewport, tag):
    with opened_report(browser, reports["realistic"], viewport) as (page, log, url):
        inline = count_visible(page, ".chg > .redline")
        assert inline > 5 and count_visible(page, ".sbs") == 0
        page.click("[data-view=side]")
        assert page.get_attribute("[data-view=side]", "aria-pressed") == "true"
        assert count_visible(page, ".chg > .redline") == 0
        assert count_visible(page, ".sbs") == inline
        assert count_visible(page, ".sbs-old ins") == 0 and count_visible(page, ".sbs-new del") == 0
        assert count_visible(page, ".sbs-old del") > 0 and count_visible(page, ".sbs-new ins") > 0
        # An added paragraph has nothing on the old side, and says so.
        added = page.locator(".chg.k-added .sbs-old").first
        assert added.inner_text() == "Not in the earlier edition"
        first = page.locator(".chg.k-modified").nth(1)
        first.scroll_into_view_if_needed()
        screenshot(page, f"realistic-{tag}-side-by-side", full_page=False)
        page.click("[data-view=inline]")
        assert count_visible(page, ".sbs") == 0 and count_visible(page, ".chg > .redline") == inline
        assert_clean(log, url)


def test_changes_only_filter_and_expand(browser, reports):
    with opened_report(browser, reports["fixture"]) as (page, log, url):
        folded = count_visible(page, "details.same")
        changes = count_visible(page, ".chg")
        assert folded > 5 and changes > 20
        assert count_visible(page, "details.same[open]") == 0
        assert count_visible(page, "details.same .para .redline") == 0, "unchanged text is folded by default"
        page.check("#changes-only")
        assert count_visible(page, "details.same") == 0
        assert count_visible(page, ".chg") == changes
        assert count_visible(page, ".sec.nochange") == 0
        screenshot(page, "fixture-desktop-changes-only", full_page=False)
        page.uncheck("#changes-only")
        assert count_visible(page, "details.same") == folded
        page.click("#expand-all")
        assert count_visible(page, "details.same[open]") == folded
        assert count_visible(page, "details.same .para .redline") > 50
        page.click("#expand-all")
        assert count_visible(page, "details.same[open]") == 0
        # A link to a section the filter hides clears the filter; one into a fold opens it.
        page.check("#changes-only")
        quiet = page.locator(".ov-row.ov-quiet a").first
        href = quiet.get_attribute("href")
        assert count_visible(page, href) == 0
        quiet.click()
        # the page reacts to the hash change in an event handler: wait for it (up to 5 s) rather than race it
        expect(page.locator(href)).to_be_visible(timeout=5000)
        expect(page.locator("#changes-only")).not_to_be_checked(timeout=5000)
        para = page.locator("details.same .para").first.get_attribute("id")
        page.evaluate("id => { location.hash = id; }", para)
        expect(page.locator(f"#{para}")).to_be_visible(timeout=5000)
        assert_clean(log, url)


def test_readable_without_javascript(browser, reports):
    with opened_report(browser, reports["realistic"], javascript=False) as (page, log, url):
        assert not page.locator("#controls").is_visible(), "controls that cannot work must not show"
        assert page.locator("#glance").is_visible() and page.locator(".ov-row").first.is_visible()
        assert page.locator(".chg del").first.is_visible()
        same = page.locator("details.same").first
        assert not same.locator(".para").first.is_visible()
        same.locator("summary").click()
        assert same.locator(".para").first.is_visible()
        screenshot(page, "realistic-desktop-nojs", full_page=False)
        assert_clean(log, url)


def test_csp_blocks_injected_scripts(browser, reports):
    with opened_report(browser, reports["realistic"]) as (page, log, url):
        page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';
                                 document.body.appendChild(s); }""")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None
        assert any("Content Security Policy" in m for m in log.console_errors), log.console_errors


def test_print_to_a4_keeps_the_redline(browser, reports):
    with opened_report(browser, reports["realistic"]) as (page, log, url):
        page.emulate_media(media="print")
        assert not page.locator("#controls").is_visible()
        assert "line-through" in page.eval_on_selector(".chg del", "e => getComputedStyle(e).textDecorationLine")
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / "realistic-print.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        import pypdfium2

        doc = pypdfium2.PdfDocument(str(pdf))
        try:
            assert 1 <= len(doc) <= 8
            w, h = doc[0].get_size()
            assert abs(w - 595) < 3 and abs(h - 842) < 3, (w, h)          # A4 in points
            text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()
        assert "S/2025/496" in text and "4,000" in text and "3,000" in text
        assert_clean(log, url)


# ---------------------------------------------------------------------------------------------------- XSS

@pytest.mark.parametrize("javascript", [True, False])
def test_hostile_text_is_shown_never_run(browser, reports, javascript):
    with opened_report(browser, reports["hostile"], PHONE if not javascript else DESKTOP,
                       javascript=javascript) as (page, log, url):
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        assert '<script>alert("sym")</script>' in page.title()
        body = page.locator("body").inner_text()
        for s in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                  "<svg onload=alert(1)>", "{{ 7*7 }}", "<style>body{display:none}</style>"):
            assert s in body, s
        assert page.get_by_text('"><img src=x onerror=alert(1)>').first.is_visible()
        counts = page.evaluate("""() => ({img: document.images.length, iframe: document.querySelectorAll('iframe').length,
            script: document.scripts.length, svg: document.querySelectorAll('svg:not(.ov-bar)').length,
            style: document.querySelectorAll('style').length, on: document.querySelectorAll('[onerror],[onload],[onclick]').length,
            links: Array.from(document.links).filter(a => !a.getAttribute('href').startsWith('#')).length})""")
        assert counts == {"img": 0, "iframe": 0, "script": 1, "svg": 0, "style": 1, "on": 0, "links": 0}
        if javascript:
            page.click("[data-view=side]")
            page.check("#changes-only")
            page.click("#expand-all")
            for a in page.locator("main a").all():
                if a.is_visible():
                    a.click(timeout=3000)
            screenshot(page, "hostile-desktop", full_page=True)
        page.wait_for_timeout(200)
        assert log.dialogs == [], "a script from the PDF ran"
        assert_clean(log, url)


# ---------------------------------------------------------------------------------------------------- real samples

@pytest.mark.slow
def test_real_sample_report(browser, real_report):
    size = real_report.stat().st_size
    assert size < 2_000_000, f"the report is {size} bytes"
    for viewport, tag in ((DESKTOP, "desktop"), (PHONE, "phone")):
        with opened_report(browser, real_report, viewport) as (page, log, url):
            assert page.locator("h1").inner_text().replace("\n", " ").strip() == "S/2025/72 → S/2025/496"
            assert page.locator("#glance").is_visible() and page.locator(".ov-row").first.is_visible()
            if page.locator(".chg del").count():
                assert page.locator(".chg del").first.is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            screenshot(page, f"real-{tag}")
            screenshot(page, f"real-{tag}-top", full_page=False)
            if tag == "desktop":
                page.click("[data-view=side]")
                page.check("#changes-only")
                screenshot(page, "real-desktop-side-changes-only", full_page=False)
            assert_clean(log, url)


def test_hostile_pdf_end_to_end(browser, tmp_path):
    """Markup typed into a PDF (title and body) goes through extraction, alignment and rendering as text."""
    import pdfgen
    from reportdiff import api
    title = "Situation <script>alert(1)</script> report"
    body = ('The Mission recorded "><img src=x onerror=alert(1)> 57 incidents, <script>alert(2)</script> '
            'javascript:alert(3) compared with 33.')
    old = pdfgen.un_report(tmp_path / "old.pdf", title=title)
    new = pdfgen.un_report(tmp_path / "new.pdf", symbol="S/2099/50", date="1 July 2099", title=title,
                           texts={3: body})
    report = tmp_path / "hostile-pdf.html"
    report.write_text(render.render_comparison(api.compare(old, new), "html"), encoding="utf-8")
    with opened_report(browser, report) as (page, log, url):
        text = page.locator("body").inner_text()
        assert "<script>alert(1)</script>" in text and '"><img src=x onerror=alert(1)>' in text
        assert page.evaluate("document.images.length + document.scripts.length") == 1
        page.click("[data-view=side]")
        page.wait_for_timeout(100)
        assert log.dialogs == []
        assert_clean(log, url)


@pytest.mark.slow
def test_long_report_stays_responsive(browser, tmp_path):
    """~1,000 paragraphs (about 150 pages): loads, switches view and filters quickly, without errors."""
    import time

    path = tmp_path / "long.html"
    path.write_text(render.render_html(scaled_comparison(10), generated=FIXED), encoding="utf-8")
    with opened_report(browser, path) as (page, log, url):
        for action in (lambda: page.click("[data-view=side]"), lambda: page.check("#changes-only"),
                       lambda: page.click("#expand-all"), lambda: page.keyboard.press("n")):
            t = time.monotonic()
            action()
            assert time.monotonic() - t < 5
        assert count_visible(page, ".sbs") == count_visible(page, ".chg")
        assert_clean(log, url)


# ---------------------------------------------------------------------------------------------------- long names

def _unlabelled_long_sections(c):
    """The realistic pair with its sections unlabelled and named at length, as a report's unnumbered headings
    are ("Supporting the implementation of the Revitalized Agreement and the peace process"): each paragraph's
    reference then names its section in full."""
    from dataclasses import replace

    long = "Regional engagements, developments and the implementation of the Revitalized Agreement"
    for ed in (c.old, c.new):
        ed.sections = [replace(s, label="", title=f"{long} {k}") for k, s in enumerate(ed.sections)]
        ed.paragraphs = [replace(p, number=None) for p in ed.paragraphs]
    return c


def test_long_section_names_wrap_on_a_phone(browser, tmp_path):
    path = tmp_path / "long.html"
    path.write_text(render.render_html(_unlabelled_long_sections(realistic_comparison()), generated=FIXED),
                    encoding="utf-8")
    with opened_report(browser, path, PHONE) as (page, log, url):
        refs = page.locator(".sig-ref")
        assert refs.count() and "Regional engagements" in refs.first.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "long-names-phone")
        assert_clean(log, url)


# ---------------------------------------------------------------------------------------------------- keys after controls

def test_keys_work_after_a_control_is_clicked(browser, reports):
    """n / p step through the changes whatever control was used last (a clicked button keeps the focus); they
    are left alone only where a reader types: text inputs, textareas, selects and editable text."""
    with opened_report(browser, reports["fixture"]) as (page, log, url):
        ids = page.evaluate("Array.from(document.querySelectorAll('.chg')).map(c => c.id)")
        for control in ("[data-view=side]", "#expand-all", "[data-view=inline]", "#changes-only"):
            page.evaluate("window.scrollTo(0, 0)")
            page.click(control)
            assert page.evaluate(f"document.activeElement.matches({control!r})"), f"{control} did not take the focus"
            page.keyboard.press("n")
            assert page.evaluate("document.activeElement.id") == ids[0], f"n did nothing after {control}"
            page.keyboard.press("n")
            assert page.evaluate("document.activeElement.id") == ids[1]
            page.keyboard.press("p")
            assert page.evaluate("document.activeElement.id") == ids[0]
        fields = ['<input id="t-text" type="search">', '<textarea id="t-area"></textarea>',
                  '<div id="t-edit" contenteditable="true">x</div>', '<select id="t-sel"><option>n</option></select>']
        page.evaluate("fields => fields.forEach(f => document.querySelector('main').insertAdjacentHTML('afterbegin', f))",
                      fields)
        for field in ("#t-text", "#t-area", "#t-edit", "#t-sel"):
            page.evaluate("window.scrollTo(0, 0)")
            page.focus(field)
            page.keyboard.press("n")
            assert page.evaluate(f"document.activeElement.matches({field!r})"), f"n moved away from {field}"
            assert page.evaluate("window.scrollY") == 0
        assert_clean(log, url)


# ---------------------------------------------------------------------------------------------------- nothing unchanged

def _nothing_unchanged(c):
    """The realistic pair with every unchanged paragraph edited (as in UNDOF S/2025/154 → S/2025/350: 0 unchanged)."""
    from dataclasses import replace

    c.changes = [replace(ch, kind="modified", similarity=0.97, diff=list(ch.diff) + [("+", " Reviewed.")])
                 if ch.kind == "unchanged" else ch for ch in c.changes]
    return c


@pytest.mark.parametrize("javascript", [True, False])
def test_no_controls_for_unchanged_paragraphs_when_there_are_none(browser, tmp_path, reports, javascript):
    path = tmp_path / "none-unchanged.html"
    path.write_text(render.render_html(_nothing_unchanged(realistic_comparison()), generated=FIXED), encoding="utf-8")
    with opened_report(browser, path, javascript=javascript) as (page, log, url):
        assert page.locator("details.same").count() == 0
        assert page.locator("#glance .c-unchanged .count-n").inner_text() == "0"
        for text in ("Changes only", "Expand unchanged", "Unchanged paragraphs are folded"):
            assert page.get_by_text(text).count() == 0 or not page.get_by_text(text).first.is_visible(), text
        if javascript:
            assert page.locator("#controls").is_visible() and page.locator("[data-view=side]").is_visible()
            page.click("[data-view=side]")
            page.keyboard.press("n")
            assert page.evaluate("document.activeElement.classList.contains('chg')")
            page.evaluate("location.hash = document.querySelector('.chg').id")
            page.wait_for_timeout(100)
        screenshot(page, f"none-unchanged-desktop{'' if javascript else '-nojs'}", full_page=False)
        assert_clean(log, url)
    # the ordinary report keeps them
    with opened_report(browser, reports["realistic"], javascript=javascript) as (page, log, url):
        assert page.get_by_text("Unchanged paragraphs are folded").first.is_visible()
        if javascript:
            assert page.locator("#changes-only").is_visible() and page.locator("#expand-all").is_visible()
