"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium through playwright (never a downloaded one).

`open_report` loads a report from a file:// URL while recording every request, console message, page error and
dialog, so a test can assert that the report loaded nothing but itself, logged no error and ran no foreign script.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def require_chromium() -> None:
    """Skip without Chromium, except on CI (env CI set), where a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is absent: install Debian's chromium package to run the browser tests"
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def foreign_requests(self, allowed_url: str) -> list[str]:
        return [u for u in self.requests if u.split("#")[0] != allowed_url]


@contextmanager
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_report(browser, path: Path, viewport=DESKTOP, *, javascript: bool = True, reduced_motion: bool = True):
    """A new page showing `path`, with its log. Every request but the report itself is aborted and recorded."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript,
                                  reduced_motion="reduce" if reduced_motion else "no-preference",
                                  device_scale_factor=1, service_workers="block")
    page = context.new_page()
    log = PageLog()
    url = path.resolve().as_uri()

    def on_route(route):
        if route.request.url.split("#")[0] == url:
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", on_route)
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))

    def on_dialog(d):
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="load")
    return page, log, url


@contextmanager
def opened_report(browser, path: Path, viewport=DESKTOP, **options):
    """`open_report` as a context: (page, log, url), the page's browser context closed at the end."""
    page, log, url = open_report(browser, path, viewport, **options)
    try:
        yield page, log, url
    finally:
        page.context.close()


def assert_clean(log: PageLog, url: str) -> None:
    """The page loaded nothing but itself, logged no error or warning and opened no dialog."""
    assert log.foreign_requests(url) == [], f"the page made requests: {log.foreign_requests(url)}"
    assert log.blocked == []
    assert log.console_errors == [], log.console_errors
    assert log.page_errors == [], log.page_errors
    assert log.dialogs == [], log.dialogs


def screenshot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(out), full_page=full_page)
    return out
