"""A changed table in the HTML report, in Debian's headless Chromium: drawn as a table, changed cells marked (old
struck, new beside), added and removed rows marked, unchanged rows folded, readable at desktop and phone widths
without the page scrolling sideways. Screenshots go to tests/artifacts/ (gitignored)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

import pdfgen_tables as gen
from browser_util import DESKTOP, PHONE, assert_clean, opened_report, screenshot
from reportdiff import api
from reportdiff.render import report as render

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_path(tmp_path_factory):
    d = tmp_path_factory.mktemp("tables-html")
    old_pdf, new_pdf, _, _ = gen.edition_pair(d)
    comparison = api.compare(old_pdf, new_pdf)
    path = d / "tables.html"
    path.write_text(render.render_html(comparison, generated=datetime(2026, 1, 2, tzinfo=timezone.utc)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("viewport,tag", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_changed_table_renders_as_a_table(browser, report_path, viewport, tag):
    with opened_report(browser, report_path, viewport) as (page, log, url):
        section = page.locator("#tables")
        section.scroll_into_view_if_needed()
        assert section.locator("h2").inner_text() == "Tables and figures"
        military = page.locator("article.tbl").nth(1)
        assert "Military and police personnel" in military.locator(".tbl-title").inner_text()
        assert military.locator(".tbl-date").inner_text() == "as at 14 March 2099 → 13 June 2099"
        table = military.locator("table.dt").first
        assert table.is_visible()
        assert table.locator("thead th").all_inner_texts() == ["Country", "Military observers", "Staff officers",
                                                               "Troops", "Total"]
        india = table.locator("tbody tr", has=page.locator("th", has_text="India"))
        cell = india.locator("td.tc-changed").first
        cell.scroll_into_view_if_needed()
        assert cell.is_visible()
        assert cell.locator("del").inner_text() == "1 375" and cell.locator("ins").inner_text() == "1 402"
        assert cell.locator(".tc-diff").inner_text() == "+27"
        assert "line-through" in cell.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine")
        assert table.locator("tr.tr-added th").inner_text() == "Chile"
        assert table.locator("tr.tr-removed th").inner_text() == "Ghana"
        # Unchanged rows are folded: the shown table holds only rows that changed, the whole one opens on demand.
        assert table.locator("tbody tr.tr-same").count() == 0
        fold = military.locator("details.tbl-full")
        assert not fold.locator("table").is_visible()
        fold.locator("summary").click()
        assert fold.locator("tbody tr").count() == len(gen.COUNTRIES) + 2      # 34 + Chile - Ghana + Ghana + Total
        # The page never scrolls sideways: a wide table scrolls inside its own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        title = page.locator("article.fig").first.locator(".tbl-title")
        assert title.locator("del").inner_text() == "April" and title.locator("ins").inner_text() == "May"
        screenshot(page, f"tables-{tag}")
        assert_clean(log, url)


def test_a_figure_placed_under_a_long_section_title_wraps_on_a_phone(browser, tmp_path):
    """Lebanon's "Impact on United Nations…, p. 28 of S/2025/153" ran 6 px past a 390 px screen."""
    old_pdf, new_pdf, _, _ = gen.edition_pair(tmp_path)
    comparison = api.compare(old_pdf, new_pdf)
    comparison.old.symbol = "S/2099/100/Rev.1"
    for edition in (comparison.old, comparison.new):
        for f in edition.figures:
            section = edition.section(f.section) if f.section else None
            if section is not None:
                section.title = "Impact on United Nations Interim Force in Lebanon operations and personnel"
                section.label = ""
    from reportdiff.model import FigureChange
    comparison.figures = [FigureChange("removed", f.old, None) for f in comparison.figures if f.old] + [
        FigureChange("added", None, f.new) for f in comparison.figures if f.new]       # told with "of S/…"
    path = tmp_path / "long-ref.html"
    path.write_text(render.render_html(comparison, generated=datetime(2026, 1, 2, tzinfo=timezone.utc)),
                    encoding="utf-8")
    with opened_report(browser, path, PHONE) as (page, log, url):
        page.locator("#tables").scroll_into_view_if_needed()
        assert "Impact on United Nations" in page.locator("article.fig .nums").first.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_clean(log, url)


def test_a_table_of_prose_cells_wraps_them_and_keeps_figures_on_one_line(browser, tmp_path):
    """A/79/7/Add.13's "Responsibilities" cells (up to 470 characters) stood on one line 4,700 px long: a cell of
    words wraps, flush left, while a figure stays one right-aligned line."""
    old_pdf, new_pdf, _, _ = gen.edition_pair(tmp_path)
    comparison = api.compare(old_pdf, new_pdf)
    duty = ("Oversee and provide technical guidance for the implementation of ongoing capital maintenance, "
            "alterations and improvement projects, and conduct regular coordination meetings with the managers "
            "of construction projects away from Headquarters")
    military = next(t for t in comparison.new.tables if "Military and police" in t.title)
    chile = next(row for row in military.rows if row[0] == "Chile")
    chile[1] = duty
    path = tmp_path / "prose-cell.html"
    path.write_text(render.render_html(comparison, generated=datetime(2026, 1, 2, tzinfo=timezone.utc)),
                    encoding="utf-8")
    with opened_report(browser, path, DESKTOP) as (page, log, url):
        table = page.locator("article.tbl", has_text="Military and police personnel").locator("table.dt").first
        row = table.locator("tr.tr-added", has=page.locator("th", has_text="Chile"))
        prose, figure = row.locator("td").nth(0), row.locator("td").nth(2)
        prose.scroll_into_view_if_needed()
        assert prose.inner_text() == duty and "tc-text" in prose.get_attribute("class")
        style = prose.evaluate("e => [getComputedStyle(e).textAlign, getComputedStyle(e).whiteSpace]")
        assert style[0] in ("left", "start") and style[1] == "normal"
        box, line = prose.bounding_box(), float(prose.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert box["width"] < 600 and box["height"] > 3 * line          # wrapped over several lines
        assert "tc-text" not in (figure.get_attribute("class") or "")
        assert figure.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
        assert_clean(log, url)
