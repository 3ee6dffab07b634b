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


# ---------------------------------------------------------------------------------------------------- layout
# Layout as a reader sees it: how many lines a piece of text takes on screen, measured on the text itself
# (Range.getClientRects gives one box per line fragment), not on the CSS that was meant to produce it.

_LINES_FN = """
function linesOf(root) {
  // the distinct lines (rounded tops, within half a line) that the text of `root` occupies
  const r = document.createRange();
  r.selectNodeContents(root);
  const tops = [...r.getClientRects()].filter(b => b.width > 0.5 && b.height > 0.5).map(b => b.top).sort((a, b) => a - b);
  const lh = parseFloat(getComputedStyle(root).fontSize) * 0.6;
  let lines = 0, last = -1e9;
  for (const t of tops) { if (t - last > lh) { lines++; last = t; } }
  return lines;
}
"""

_LABEL_LINES_JS = "(sel) => {" + _LINES_FN + """
  return [...document.querySelectorAll(sel)]
    .filter(e => e.checkVisibility({visibilityProperty: true}) && e.textContent.trim())
    .map(e => [e.textContent.trim(), linesOf(e)]);
}
"""

_BROKEN_WORDS_JS = """
(sel) => {
  // words (split at spaces, hyphens, dashes and slashes, where a line may break) that run over two lines or more
  const broken = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/[^\\s\\-\\u2010-\\u2015\\/]+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        const tops = [...r.getClientRects()].filter(b => b.width > 0.5).map(b => Math.round(b.top));
        if (new Set(tops).size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}
"""


def label_lines(page, selector: str) -> list[tuple[str, int]]:
    """(text, lines on screen) of every visible element matching `selector`."""
    return [tuple(x) for x in page.evaluate(_LABEL_LINES_JS, selector)]


def broken_words(page, selector: str) -> list[str]:
    """Words inside the visible elements matching `selector` that are cut across two lines or more."""
    return page.evaluate(_BROKEN_WORDS_JS, selector)


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (a phone reader would scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# ---------------------------------------------------------------------------------------------------- contrast
# WCAG 2 contrast of text as drawn: the text's colour (its alpha and every ancestor's opacity applied) over the
# backgrounds behind it, composited up to the page's white. Text in a pseudo-element (::before/::after with a
# string `content`, as a column label from attr()) is measured too; text clipped away for screen readers is not.

_CONTRAST_JS = """
(sel) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const background = el => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const opacity = el => { let o = 1; for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity); return o; };
  const hidden = st => st.clipPath !== 'none' && st.clipPath !== '' || /rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)/.test(st.clip);
  const out = [];
  const check = (el, st, text, where) => {
    const fg = parse(st.color), bg = background(el);
    const drawn = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
    const r = ratio(drawn, bg);
    out.push({text: text.trim().slice(0, 60), where, color: st.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')',
              ratio: Math.round(r * 100) / 100, size: parseFloat(st.fontSize), weight: Number(st.fontWeight)});
  };
  for (const el of document.querySelectorAll(sel)) {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: false})) continue;
    const st = getComputedStyle(el);
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('');
    if (own.trim() && !hidden(st)) check(el, st, own, el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''));
    for (const pseudo of ['::before', '::after']) {
      const ps = getComputedStyle(el, pseudo);
      if (!/^["']/.test(ps.content) || ps.content.length <= 2 || hidden(ps) || ps.display === 'none') continue;
      const txt = ps.content.slice(1, -1) || '';
      if (txt.trim()) check(el, ps, txt, el.tagName.toLowerCase() + pseudo);
    }
  }
  return out;
}
"""


def text_contrasts(page, selector: str = "body *") -> list[dict]:
    """Every visible piece of text under `selector`: its text, element, colour, background and contrast ratio."""
    return page.evaluate(_CONTRAST_JS, selector)


def low_contrast(page, minimum: float = 4.5, selector: str = "body *") -> list[dict]:
    """The texts under `selector` drawn below `minimum`:1 against their background (WCAG AA: 4.5 for body text)."""
    return [t for t in text_contrasts(page, selector) if t["ratio"] < minimum]
