"""The render stage without a browser: HTML structure and safety, CSP, size, markdown, text, terminal summary,
edition outlines, template loading from a wheel, and the CLI writing each format."""
from __future__ import annotations

import base64
import functools
import hashlib
import html as htmllib
import json
import os
import re
import subprocess
import sys
import venv
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

import reportdiff
from reportdiff.render import report as render
from reportdiff.model import Change, Comparison, Edition, Paragraph, Section
from reportdiff.render.view import build_view, change_segs, ordinal, para_nums, section_places, section_ref
from render_samples import (fixture_comparison, hostile_comparison, real_comparison, realistic_comparison,
                            scaled_comparison)

ROOT = Path(__file__).resolve().parent.parent
FIXED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the raw text of <style> and <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data


def parse(doc: str) -> Tags:
    t = Tags()
    t.feed(doc)
    return t


@functools.lru_cache(maxsize=None)
def html_of(name: str) -> str:
    make = {"realistic": realistic_comparison, "fixture": fixture_comparison, "hostile": hostile_comparison}[name]
    return render.render_html(make(), generated=FIXED)


def new_side(fragment: str) -> str:
    """The later edition's text as a reader sees it in a redline fragment: deletions dropped, tags stripped."""
    fragment = re.sub(r"<del\b[^>]*>.*?</del>", "", fragment, flags=re.S)
    fragment = re.sub(r'<span class="pb[^"]*"[^>]*>.*?</span>', " ", fragment, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


# ---------------------------------------------------------------------------------------------------- HTML

@pytest.mark.parametrize("name", ["realistic", "fixture", "hostile"])
def test_html_is_one_self_contained_file_pinned_by_its_csp(name):
    doc = html_of(name)
    t = parse(doc)
    tags = [tag for tag, _ in t.tags]
    assert tags.count("script") == 1 and tags.count("style") == 1
    for banned in ("link", "img", "iframe", "object", "embed", "base", "form", "input type=image", "video", "audio"):
        assert banned not in tags, banned
    for tag, attrs in t.tags:
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs["href"]
    csp = next(a["content"] for tag, a in t.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for kind, directive in (("style", "style-src"), ("script", "script-src")):
        digest = base64.b64encode(hashlib.sha256(t.raw[kind][0].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp, f"the inline {kind} does not match its CSP hash"
    assert not re.search(r"(?i)\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", t.raw["style"][0] + t.raw["script"][0])
    assert "@import" not in t.raw["style"][0] and "url(" not in t.raw["style"][0]


def test_html_shows_header_summary_overview_and_key_changes():
    doc = html_of("realistic")
    assert "<title>S/2025/72 → S/2025/496: what changed</title>" in doc
    for s in ("S/2025/72", "31 January 2025", "S/2025/496", "1 August 2025", "Twentieth report", "Twenty-first report",
              "reportdiff 0.1.0", "2 January 2026, 03:04 UTC", 'datetime="2026-01-02T03:04:00Z"'):
        assert s in doc, s
    counts = dict(re.findall(r'<span class="count-n">(\d+)</span> <span class="count-k">(\w+)</span>', doc)[i][::-1]
                  for i in range(8))
    assert counts == {"Rewritten": "0", "Modified": "4", "Added": "2", "Removed": "1", "Moved": "1", "Split": "1",
                      "Merged": "1", "Unchanged": "7"}
    # The per-section overview lists each section of the new edition (and the removed one), linked to it.
    rows = re.findall(r'<li class="ov-row[^"]*">\s*<a href="#(s-\d+)"', doc)
    assert len(rows) == 9
    for anchor in rows:
        assert f'id="{anchor}"' in doc
    # Key changes: the signal with its context and a link to its paragraph.
    m = re.search(r'<a class="sig-ref" href="#(c-\d+)">II\.A ¶8</a>\s*<span class="sig-change"><del>up to 3,000</del>'
                  r' <span class="sig-arrow" aria-label="became">→</span> <ins>up to 4,000</ins>', doc)
    assert m, "the figure change II.A ¶8: up to 3,000 → up to 4,000 is not in the key changes"
    assert f'<article class="chg k-modified" id="{m.group(1)}" tabindex="-1">' in doc
    assert "“Da’esh maintained <b>up to 4,000</b> fighters across Iraq”" in doc.replace("&rsquo;", "’")


def test_html_text_section_by_section_with_redline_badges_and_moves():
    doc = html_of("realistic")
    # Paragraph numbers old → new, redline with <del>/<ins>.
    assert '<span class="n-old">¶13</span><span class="n-arrow" aria-label="became"> → </span><span class="n-new">¶14</span>' in doc
    assert "<del>3,000</del><ins>4,000</ins>" in doc
    # Badges.
    for b in ("b-modified", "b-added", "b-removed", "b-moved", "b-split", "b-merged", "b-renamed"):
        assert f'class="badge {b}"' in doc, b
    # The moved paragraph links to its old place, which links back.
    m = re.search(r'<a class="moved-link" href="#(g-\d+)">moved from II\.C, was ¶13</a>', doc)
    assert m, "no 'moved from' link"
    ghost = re.search(rf'<p class="ghost" id="{m.group(1)}"><a href="#(c-\d+)">¶13 of S/2025/72 stood here; moved to '
                      rf'III ¶14</a></p>', doc)
    assert ghost and f'id="{ghost.group(1)}"' in doc
    # The ghost stands in the removed section it came from, and that section is shown as removed.
    removed_sec = doc[doc.index('<del class="sec-title">Financing</del>'):]
    assert removed_sec.index(f'id="{m.group(1)}"') < removed_sec.index("<section")
    # Renamed heading shown as such, with the old title.
    assert "Heading in S/2025/72: “Regional trends”" in doc
    assert "<del>trends</del><ins>developments</ins>" in doc
    assert '<span class="badge b-added">New section</span>' in doc
    # Split: the new paragraph boundary is marked; merged: the old one.
    assert '<span class="pb pb-new">¶10</span>' in doc
    assert '<span class="pb pb-old">was ¶12</span>' in doc
    # Footnote change with its diff.
    assert re.search(r'<span class="fn-label">Footnote 5</span> <span class="fn-text">Information provided by '
                     r'<del>a </del>Member <del>State</del><ins>States</ins>\.</span>', doc)
    # Unchanged paragraphs folded in <details>, closed by default.
    assert '<details class="same">\n<summary>3 unchanged paragraphs (¶4–6)</summary>' in doc
    assert "<details open" not in doc
    # Sections in the new edition's order.
    order = [htmllib.unescape(x) for x in re.findall(r'<span class="sec-title">([^<]+)</span>', doc)]
    assert order[:3] == ["Introduction", "Threat assessment", "Overview and evolution of the threat"]


def test_every_new_paragraph_reads_whole_on_the_new_side():
    """Dropping deletions from each change's redline gives back the later edition's text (nothing lost or doubled)."""
    c = fixture_comparison()
    doc = render.render_html(c, generated=FIXED)
    arts = {m.group(1): m.group(2) for m in re.finditer(
        r'<(?:article class="chg[^"]*"|div class="para") id="(c-\d+)"(?: tabindex="-1")?>(.*?)(?=<article |<div class="para"|</details>|<p class="ghost"|</section>)',
        doc, flags=re.S)}
    np_ = {p.id: p.text for p in c.new.paragraphs}
    for i, ch in enumerate(c.changes):
        frag = arts[f"c-{i}"]
        frag = re.split(r'<ul class="fns">', frag)[0]
        red = re.search(r'<div class="redline">(.*?)</div>', frag, flags=re.S).group(1)
        want = " ".join(" ".join(np_[x] for x in ch.new).split())
        if ch.new:
            assert new_side(red) == want, (ch.kind, ch.new)


def test_html_without_paired_sections_or_diffs_still_renders():
    """Robust to a thin Comparison: no section pairs, no diff ops, unnumbered paragraphs, paragraphs before any
    heading, a paragraph id that the edition does not know."""
    s = [Section("I", "I.", "One", 1)]
    old = Edition(None, None, "", 1, s, [Paragraph("a", None, None, "Opening words."),
                                        Paragraph("1", "1", "I", "Old text here.")])
    new = Edition(None, "2025-13-45", "", 1, s, [Paragraph("a", None, None, "Opening words."),
                                                Paragraph("1", "1", "I", "New text here.")])
    c = Comparison(old, new, [], [Change("unchanged", ["a"], ["a"]), Change("modified", ["1"], ["1"]),
                                  Change("added", [], ["ghost-id"])])
    doc = render.render_html(c, generated=FIXED)
    assert "<del>Old</del><ins>New</ins> text here." in doc
    assert "Opening paragraphs" in doc and "(no symbol)" in doc and "2025-13-45" in doc


def test_a_document_that_numbers_no_paragraph_says_where_each_one_stands():
    """Every change of two editions of an unnumbered document was "II, unnumbered ¶": each is now told by its place
    in its section, in the report's lists, headings and brief and in the Markdown (the series: test_series)."""
    s = [Section("I", "I.", "One", 1), Section("II", "II.", "Two", 1)]
    texts = ["The Council met on the question.", "It heard the Special Envoy on the talks in Geneva.",
             "The Envoy reported that the ceasefire held in the north of the country."]
    old = Edition("A/1", "2025-01-01", "", 1, s, [Paragraph("u1", None, "I", "Opening words.")] + [
        Paragraph(f"u{k + 2}", None, "II", t) for k, t in enumerate(texts)])
    new_texts = texts[:2] + ["The Envoy reported that the ceasefire no longer held in the north of the country."]
    new = Edition("A/2", "2025-07-01", "", 1, s, [Paragraph("u1", None, "I", "Opening words.")] + [
        Paragraph(f"u{k + 2}", None, "II", t) for k, t in enumerate(new_texts)])
    assert section_places(new) == {"u1": 1, "u2": 1, "u3": 2, "u4": 3}
    c = reportdiff.compare(old, new)
    assert "**3rd ¶** · *Modified*" in render.render_comparison(c, "markdown")
    doc = render.render_html(c, generated=FIXED)
    assert "unnumbered" not in doc and "3rd ¶" in doc
    assert [item.ref for item in build_view(c).sections[-1].items if item.type == "change"][-1] == "II, 3rd ¶"
    # numbered paragraphs keep their numbers, and a paragraph with no place known is still "unnumbered ¶"
    assert para_nums([Paragraph("u4", None, "II", "")], section_places(new)) == "3rd ¶"
    assert para_nums([Paragraph("9", "9", "II", ""), Paragraph("u4", None, "II", "")], {"u4": 3}) == "¶9, 3rd ¶"


def test_helpers():
    assert para_nums([Paragraph("3", "3", None, ""), Paragraph("4", "4", None, "")]) == "¶3–4"
    assert para_nums([Paragraph("3", "3", None, ""), Paragraph("9", "9", None, "")]) == "¶3, ¶9"
    assert para_nums([Paragraph("u", None, None, "")]) == "unnumbered ¶"
    # a group across the body and an annex (Lebanon: "¶25, ¶8 of S/2025/153 stood here")
    assert para_nums([Paragraph("25", "25", "II.A", ""), Paragraph("A1-8", "8", "ANNEX-I.H1", "")]) == \
        "¶25, Annex I ¶8"
    assert para_nums([Paragraph("80", "80", "VI", ""), Paragraph("81", "81", "ANNEX-I.H3", "")]) == \
        "¶80, Annex I ¶81"
    assert para_nums([Paragraph("25", "25", "II", ""), Paragraph("A-8", "8", "ANNEX", "")]) == "¶25, Annex ¶8"
    assert section_ref(Section("II.A", "A.", "x", 2)) == "II.A"
    assert [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    assert section_ref(Section("ANNEX-I", "Annex I", "x", 1)) == "Annex I"
    assert section_ref(Section("H3", "", "Lake Chad Basin and beyond the region", 3)) == "Lake Chad Basin and…"
    segs = change_segs(Change("split", ["1"], ["2", "3"], diff=[("=", "A b."), ("+", " C d.")]),
                       [Paragraph("1", "1", None, "A b.")],
                       [Paragraph("2", "2", None, "A b."), Paragraph("3", "3", None, "C d.")])
    assert [(s.op, s.text) for s in segs] == [("=", "A b."), ("+", " "), ("pb-new", "¶3"), ("+", "C d.")]


@pytest.mark.parametrize("name", ["realistic", "fixture"])
def test_html_size_is_reasonable(name):
    # A 15-page pair with every paragraph twice over stays far below 2 MB; a 30-page pair is about twice this.
    size = len(html_of(name).encode())
    assert size < 400_000, size


@pytest.mark.parametrize("times,limit", [(2, 400_000), (10, 2_000_000)])
def test_long_pairs_stay_small(times, limit):
    # (2: a 30-page pair; 10: ~150 pages, ~1,000 paragraphs)
    doc = render.render_html(scaled_comparison(times), generated=FIXED)
    assert len(doc.encode()) < limit
    assert doc.count("<article ") == times * sum(1 for c in fixture_comparison().changes
                                                 if c.kind != "unchanged" or c.moved or c.footnotes)


def test_html_escapes_everything_from_the_pdf():
    doc = html_of("hostile")
    assert doc.count("<script") == 1 and "<svg onload" not in doc and "<img" not in doc and "<iframe" not in doc
    assert "<style>body" not in doc and "<b>III.</b>" not in doc and "<a href=\"javascript" not in doc
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in doc
    assert "{{ 7*7 }}" in doc            # not evaluated as a template
    assert "\u202e" not in doc and "\x1b" not in doc   # no bidi override or escape to disguise the text
    # Ids from the PDF never become attribute values.
    assert 'id="&lt;x&gt;"' not in doc and "<x>" not in doc


def test_report_is_reproducible_given_the_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767323040")
    a = render.render_comparison(realistic_comparison(), "html")
    b = render.render_comparison(realistic_comparison(), "html")
    assert a == b and "2 January 2026, 03:04 UTC" in a


def test_json_stays_the_contract():
    c = realistic_comparison()
    assert json.loads(render.render_comparison(c, "json")) == json.loads(json.dumps(c.to_dict()))


def test_unknown_format():
    with pytest.raises(ValueError):
        render.render_comparison(realistic_comparison(), "pdf")


# ---------------------------------------------------------------------------------------------------- text forms

def test_markdown_summary():
    md = render.render_comparison(realistic_comparison(), "markdown", summary_only=True)
    assert md.startswith("**S/2025/72** (31 January 2025) → **S/2025/496** (1 August 2025)")
    assert "| 4 | 2 | 1 | 1 | 1 | 1 | 7 |" in md
    # the brief replaces the old key-change list (numbered by rank)
    assert "**The brief: key changes in the assessment**" in md
    assert re.search(r"\n\d+\. II\.A ¶8 \(figure\): ~~up to 3,000~~ → \*\*up to 4,000\*\*", md)
    assert "](" not in md and "http" not in md and "<" not in md
    assert len(md.splitlines()) < 40


def test_markdown_full_report_has_every_change_in_a_redline():
    from markdown_it import MarkdownIt

    c = realistic_comparison()
    md = render.render_comparison(c, "markdown")
    assert md.startswith(render.render_comparison(c, "markdown", summary_only=True).rsplit("_Generated", 1)[0])
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "up to <s>3,000</s> <strong>4,000</strong> fighters" in html       # ¶8's figure, in its paragraph
    shown = re.sub(r"<[^>]+>", "", re.sub(r"<(s|del)>.*?</\1>", "", html))      # the new side of the redline
    for p in c.new.paragraphs:                                                 # every paragraph's words are there
        assert " ".join(p.text.split()[:8]) in " ".join(shown.split()), p.id


def test_markdown_and_text_neutralise_hostile_text():
    from markdown_it import MarkdownIt

    md = render.render_comparison(hostile_comparison(), "markdown")
    ours = re.compile(r"</?(del|ins|details|summary)>|^> ", re.M)              # the report's own markup
    assert not re.search(r"(?<!\\)[<>\[\]]", ours.sub("", md)), "unescaped markup in markdown"
    assert "](" not in md and "https://" not in md
    assert "\\<script\\>alert(1)\\</script\\>" in md
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"p", "br", "strong", "em", "s", "del", "ins", "details", "summary", "h2", "h3", "h4", "h5", "h6",
                    "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "hr", "blockquote"}, tags
    txt = render.render_text(hostile_comparison(), color=True)
    assert "\x1b[31mred" not in txt and "\u202e" not in txt
    plain = render.render_text(hostile_comparison(), color=False)
    assert "\x1b" not in plain and "<script>alert(1)</script>" in plain


def test_invisible_characters_and_markdown_math_are_neutralised():
    """Format characters a PDF's text layer can carry (the Arabic letter mark, word joiners, a byte order mark,
    soft hyphens, tag characters) hide or reorder text in a terminal or a Markdown view; "$…$" is mathematics on
    GitHub; a blank title left a stray "**"."""
    from dataclasses import replace

    invisible = "\u061c\u2060\ufeff\u00ad\u180e\ufff9\u2061\U000e0041\u3164\u034f"
    c = realistic_comparison()
    c = replace(c, new=replace(c.new, title=f"Report x{invisible}y $\\Huge\\text{{ALL CLEAR}}$"))
    for text in (render.render_text(c, color=False), render.render_text(c, color=True),
                 render.render_comparison(c, "markdown")):
        assert not any(ch in text for ch in invisible)
        assert "xy" in text
    md = render.render_comparison(c, "markdown")
    assert "\\$" in md and not re.search(r"(?<!\\)\$", md)
    edged = replace(c, new=replace(c.new, title="\ufeff Report of the Secretary-General \u00ad"))
    lines = render.render_comparison(edged, "markdown").splitlines()
    assert "*Report of the Secretary-General*" in lines         # not "* Report…" (a list item)
    blank = replace(realistic_comparison(), new=replace(c.new, title="   "))
    assert not any(line.strip() == "**" for line in render.render_comparison(blank, "markdown").splitlines())


def test_a_heading_that_ends_in_a_hash_keeps_it_and_a_series_without_title_has_no_stray_emphasis():
    """A reviewer's findings: CommonMark reads a heading's trailing " #" as its closing sequence and drops it
    ("Vote on resolution #" became "Vote on resolution"), and the series' Markdown wrote a blank title as "**"."""
    from dataclasses import replace

    from markdown_it import MarkdownIt

    from reportdiff.lineage import build_series
    from reportdiff.render import series as render_series

    from reportdiff.diff.comparison import compare_editions

    base = realistic_comparison()
    old, new = ([replace(sec, title="Vote on resolution #") if sec.id == "III" else sec for sec in e.sections]
                for e in (base.old, base.new))     # the same title in both: a heading, not a redline of it
    c = compare_editions(replace(base.old, sections=old), replace(base.new, sections=new))
    for md in (render.render_comparison(c, "markdown"), render.render_edition(c.new, "markdown")):
        html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
        assert re.search(r"<h\d>III\. Vote on resolution #", html), md
    blank = [replace(e, title="") for e in (c.old, c.new)]
    lines = render_series.render_series_markdown(build_series(blank)).splitlines()
    assert not any(line.strip() in ("*", "**") for line in lines)


def test_reading_difficulties_are_told_in_every_format():
    """A page that could not be read (a scan, a map without text) is said in the text, Markdown and e-mail forms
    too, not only in the HTML and JSON: a reader of any of them must know what was not compared."""
    import email

    c = realistic_comparison()
    c.warnings = ["S_2025_211.pdf: page 17 of 17 is a picture without a text layer: its contents are not compared"]
    said = "page 17 of 17 is a picture without a text layer"
    assert said in render.render_text(c, color=False) and said in render.render_text(c, color=True)
    assert said in render.render_comparison(c, "markdown", summary_only=True)
    message = email.message_from_bytes(render.render_eml(c))
    parts = [p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain"]
    assert parts and all(said in p for p in parts)
    assert said in render.render_html(c)
    c.warnings = []
    assert "Read with care" not in render.render_text(c, color=False)


def test_text_is_plain_off_a_tty_and_coloured_on_one():
    plain = render.render_comparison(realistic_comparison(), "text")     # pytest captures stdout: not a tty
    assert "\x1b[" not in plain
    assert "II.A ¶8 (figure): up to 3,000 → up to 4,000" in plain
    coloured = render.render_text(realistic_comparison(), color=True)
    assert "\x1b[" in coloured and "up to 4,000" in coloured


def test_terminal_summary_is_short():
    s = render.terminal_summary(realistic_comparison())
    lines = s.splitlines()
    assert 3 <= len(lines) <= 8
    assert lines[0] == "S/2025/72 (31 January 2025) → S/2025/496 (1 August 2025)"
    # the moved paragraph was edited too: it is one of the six, not a group of its own
    assert lines[1] == ("6 subjects edited (1 of them moved), 2 new subjects and 1 dropped; about 18% of the "
                        "text changed and 7 paragraphs are unchanged.")
    moved = realistic_comparison()
    moved.changes.append(Change("unchanged", ["40"], ["40"], moved=True))
    assert "and 1 moved unchanged;" in render.terminal_summary(moved).splitlines()[1]
    # the first three items of the brief, in rank order
    brief = build_view(realistic_comparison()).brief
    assert [ln.split(". ", 1)[0].strip() for ln in lines[2:5]] == ["1", "2", "3"]
    assert lines[2].startswith(f"  1. {brief[0].ref} ({brief[0].kind_label}): ")
    same = realistic_comparison()
    same.changes = [Change("unchanged", c.new[:1], c.new[:1]) for c in same.changes if c.new]
    assert "No differences" in render.terminal_summary(same)


def test_render_edition_outlines():
    new = realistic_comparison().new
    text = render.render_edition(new, "text")
    assert text.startswith("S/2025/496 · 1 August 2025\n")
    assert "  A. Overview and evolution of the threat   [II.A]" in text
    assert "    8. Da’esh maintained up to 4,000" in text
    md = render.render_edition(new, "markdown")
    assert "### A. Overview and evolution of the threat" in md
    assert "\n8. Da’esh maintained up to 4,000" in md
    assert "> [5] Information provided by Member States." in md
    assert json.loads(render.render_edition(new, "json"))["schema"] == "reportdiff.edition/1"


# ---------------------------------------------------------------------------------------------------- packaging

@pytest.mark.slow
def test_templates_ship_in_the_wheel(tmp_path):
    """A regular (non-editable) install finds the templates through importlib.resources."""
    wheels = tmp_path / "wheels"
    # Build isolation fetches setuptools/wheel from PyPI (the venv may lack `wheel`); offline, try without it.
    base = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)]
    r = subprocess.run(base, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        r = subprocess.run(base + ["--no-build-isolation"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    wheel = next(wheels.glob("reportdiff-*.whl"))
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("report.html.j2", "report.css", "report.js", "email.html.j2", "__init__.py"):
        assert f"reportdiff/templates/{f}" in names, f
    for f in ("py.typed", "schemas/__init__.py", "schemas/edition.json", "schemas/comparison.json",
              "schemas/series.json"):
        assert f"reportdiff/{f}" in names, f
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, str(wheel)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    # The dependencies (rapidfuzz, pdfplumber, …) come from this interpreter's site-packages, appended after the
    # wheel's own folder, so `reportdiff` itself can only be the wheel's copy.
    import sysconfig
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    code = ("import sys, reportdiff, reportdiff.render.report as r; sys.path.insert(0, %r);"
            "from render_samples import realistic_comparison as c;"
            "assert '/site-packages/' in reportdiff.__file__ or %r in reportdiff.__file__, reportdiff.__file__;"
            "h = r.render_comparison(c(), 'html'); e = r.render_comparison(c(), 'eml');"
            "print(reportdiff.__file__, len(h), len(e))") % (str(Path(__file__).parent), site)
    r = subprocess.run([str(py), "-I", "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert site in r.stdout and str(ROOT / "reportdiff") not in r.stdout
    # A user's mypy sees the installed package's types (py.typed), with nothing of the source tree on its path.
    script = tmp_path / "user_script.py"
    script.write_bytes((ROOT / "tests" / "typing_check.py").read_bytes())
    r = subprocess.run([sys.executable, "-m", "mypy", "--python-executable", str(py), "--strict",
                        "--disallow-any-expr", "--no-incremental", "--cache-dir", os.devnull, str(script)],
                       capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


# ---------------------------------------------------------------------------------------------------- CLI

@pytest.mark.slow
def test_cli_writes_every_format(gen, tmp_path):
    from conftest import run_cli

    for suffix, check in ((".html", lambda b: b.startswith(b"<!DOCTYPE html>")),
                          (".eml", lambda b: b"Subject: What changed:" in b),
                          (".md", lambda b: b.startswith(b"**")), (".txt", lambda b: b"\x1b" not in b)):
        out = tmp_path / f"report{suffix}"
        proc = run_cli("compare", gen["report"], gen["report2"], "-o", out)
        assert proc.returncode == 0, proc.stderr
        assert check(out.read_bytes()), suffix
    proc = run_cli("compare", gen["report"], gen["report2"])
    assert proc.returncode == 0 and 2 <= len(proc.stdout.splitlines()) <= 8, proc.stdout


def test_text_colour_follows_the_terminal_but_never_goes_to_a_file(monkeypatch, tmp_path):
    import io

    from typer.testing import CliRunner

    from reportdiff import api, cli

    class TTY(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdout", TTY())
    assert "\x1b[" in render.render_comparison(realistic_comparison(), "text")
    assert "\x1b" not in render.render_comparison(realistic_comparison(), "text", color=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in render.render_comparison(realistic_comparison(), "text")
    monkeypatch.delenv("NO_COLOR")
    # the CLI asks for plain text whenever it writes a file, terminal or not
    asked = []
    real = render.render_comparison

    def spy(comparison, fmt, *, color=None, **options):
        asked.append(color)
        return real(comparison, fmt, color=color, **options)

    monkeypatch.setattr(render, "render_comparison", spy)
    monkeypatch.setattr(api, "load_pair", lambda *a, **k: (None, None))
    monkeypatch.setattr(api, "compare", lambda *a, **k: realistic_comparison())
    out = tmp_path / "summary.txt"
    samples = [str(ROOT / "samples" / "S_2025_72.pdf"), str(ROOT / "samples" / "S_2025_496.pdf")]
    result = CliRunner().invoke(cli.app, ["compare", *samples, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert asked == [False] and "\x1b" not in out.read_text(encoding="utf-8")


def test_browser_tests_skip_without_chromium_but_fail_on_ci(monkeypatch, tmp_path):
    import browser_util

    monkeypatch.setattr(browser_util, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="is absent"):
        browser_util.require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        browser_util.require_chromium()


@pytest.mark.slow
def test_real_sample_outputs():
    """S/2025/72 → S/2025/496 through the whole pipeline (skips while the pipeline cannot compare yet)."""
    c = real_comparison()
    doc = render.render_comparison(c, "html")
    assert len(doc.encode()) < 2_000_000
    assert "S/2025/72" in doc and "S/2025/496" in doc and "31 January 2025" in doc and "1 August 2025" in doc
    # Every paragraph of the new edition is in the report, in full.
    text = " ".join(new_side(doc).split())
    missing = [p.id for p in c.new.paragraphs if " ".join(p.text.split()) not in text]
    assert not missing, f"new paragraphs missing from the report: {missing[:10]}"
    t = parse(doc)
    assert sum(1 for tag, _ in t.tags if tag == "article") == sum(
        1 for ch in c.changes if ch.kind != "unchanged" or ch.moved or ch.footnotes)
    for fmt in ("markdown", "text"):
        out = render.render_comparison(c, fmt, color=False, summary_only=True)
        assert "S/2025/72" in out and len(out.splitlines()) < 60
    assert isinstance(render.render_comparison(c, "eml"), bytes)
    assert len(render.terminal_summary(c).splitlines()) <= 8


def test_identical_editions_say_so():
    c = realistic_comparison()
    c.old = c.new
    c.sections = []
    c.changes = [Change("unchanged", [p.id], [p.id], diff=[("=", p.text)]) for p in c.new.paragraphs]
    doc = render.render_html(c, generated=FIXED)
    assert "No paragraph changed: all 16 paragraphs of the new edition are in the old one, in place." in doc
    assert "<article" not in doc and "No figure, date or hedging word changed." in doc
    assert doc.count('<details class="same">') >= 5
    assert "No differences" in render.terminal_summary(c)


@pytest.mark.slow
@pytest.mark.malformed_models
def test_render_survives_inconsistent_comparisons():
    """Writers never raise on a Comparison whose parts disagree (unknown ids, odd pairs, empty texts, odd ops)."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    from reportdiff.model import FootnoteChange, Footnote, SectionPair, Signal

    ids = st.sampled_from(["1", "2", "3", "u1", "zz", ""])
    secs = st.sampled_from([None, "I", "II", "II.A", "nope"])
    txt = st.text(max_size=30)
    op = st.tuples(st.sampled_from(["=", "-", "+", "?"]), txt)
    sig = st.builds(Signal, kind=st.sampled_from(["figure", "date", "hedge", "other"]), old=st.none() | txt,
                    new=st.none() | txt, context=txt)
    fn = st.builds(FootnoteChange, kind=st.sampled_from(["modified", "added", "removed"]),
                   old=st.none() | st.builds(Footnote, number=txt, text=txt),
                   new=st.none() | st.builds(Footnote, number=txt, text=txt), diff=st.lists(op, max_size=3))
    change = st.builds(Change, kind=st.sampled_from(["unchanged", "modified", "added", "removed", "split", "merged"]),
                       old=st.lists(ids, max_size=2), new=st.lists(ids, max_size=2), moved=st.booleans(),
                       similarity=st.floats(0, 1), diff=st.lists(op, max_size=4), signals=st.lists(sig, max_size=2),
                       footnotes=st.lists(fn, max_size=1))
    para = st.builds(Paragraph, id=ids, number=st.none() | ids, section=secs, text=txt)
    sec = st.builds(Section, id=st.sampled_from(["I", "II", "II.A"]), label=st.sampled_from(["", "I.", "A."]),
                    title=txt, level=st.integers(1, 6), parent=st.none())
    edition = st.builds(Edition, symbol=st.none() | txt, date=st.none() | txt, title=txt, pages=st.integers(0, 3),
                        sections=st.lists(sec, max_size=3), paragraphs=st.lists(para, max_size=4))
    pair = st.builds(SectionPair, old=secs, new=secs, old_title=st.none() | txt, new_title=st.none() | txt)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(old=edition, new=edition, pairs=st.lists(pair, max_size=3), changes=st.lists(change, max_size=5))
    def run(old, new, pairs, changes):
        c = Comparison(old, new, pairs, changes)
        for fmt in ("html", "markdown", "text", "eml", "json"):
            assert render.render_comparison(c, fmt)
        render.terminal_summary(c)

    run()


@pytest.mark.slow
def test_compiled_templates_are_cached_and_a_bad_cache_folder_only_costs_time(tmp_path):
    """The report's templates are compiled once into the cache folder's templates/ (0.35 s a run otherwise); a
    child process renders the same page from the compiled copy, and with a cache folder that cannot be made."""
    script = ("import sys; from reportdiff import api; from reportdiff.render import report; "
              "cmp = api.compare(sys.argv[1], sys.argv[2], cache=False); "
              "sys.stdout.write(report.render_comparison(cmp, 'html'))")
    samples = ROOT / "samples"
    args = [sys.executable, "-c", script, str(samples / "S_2025_72.pdf"), str(samples / "S_2025_496.pdf")]

    def render(cache_dir):
        proc = subprocess.run(args, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "REPORTDIFF_CACHE_DIR": str(cache_dir),
                                   "SOURCE_DATE_EPOCH": "1767323040"})
        assert proc.returncode == 0, proc.stderr[-1500:]
        return proc.stdout

    folder = tmp_path / "cache"
    first = render(folder)
    compiled = sorted((folder / "templates").glob("__jinja2_*.cache"))
    assert compiled and all(p.stat().st_size > 1000 for p in compiled)
    assert render(folder) == first                                   # read back from the compiled copy
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert render(blocked) == first                                  # nowhere to keep them: compiled each time
    for p in compiled:
        p.write_bytes(p.read_bytes()[:50])                           # a damaged entry: compiled again
    assert render(folder) == first


def test_an_unlabelled_heading_is_named_once_in_every_summary():
    # An unlabelled heading's ref is the start of its title; "ref + title" said a four-word title twice
    # ("Tripoli and western region Tripoli and western region") in the terminal, Markdown and e-mail summaries.
    from reportdiff import api
    from successor_texts import build

    def edition(texts, symbol):
        ed = build([("I", "Introduction", texts[:1])], symbol=symbol)
        ed.sections.append(Section(id="H1", label="", title="Tripoli and western region", level=1))
        ed.paragraphs += [Paragraph(id=str(len(ed.paragraphs) + k + 1), number=str(len(ed.paragraphs) + k + 1),
                                    section="H1", text=t) for k, t in enumerate(texts[1:])]
        return ed

    old = edition(["The report covers the period.", "Armed groups clashed in Zawiyah on 3 May, killing 12 civilians.",
                   "The Government of National Unity announced a plan to disband militias in Tripoli."], "S/2025/1")
    new = edition(["The report covers the period.", "Armed groups clashed in Zawiyah on 9 July, killing 4 civilians.",
                   "Municipal elections were held in 26 municipalities of the western region in August."], "S/2025/2")
    c = api.compare(old, new)
    name = "Tripoli and western region"
    import email
    from email import policy

    mail = email.message_from_bytes(render.render_eml(c), policy=policy.default)
    parts = [p.get_content() for p in mail.walk() if p.get_content_type() in ("text/plain", "text/html")
             and p.get_content_disposition() != "attachment"]
    assert len(parts) == 2
    for text in [render.render_markdown(c, summary_only=True), render.render_text(c, color=False), *parts]:
        lines = [line for line in text.splitlines() if name in line]
        assert lines and not any(line.count(name) > 1 for line in lines)


def test_the_subjects_named_first_are_the_surest_new():
    """Of new subjects told alike, the summary names first those whose paragraph had no likely successor (one with a
    likely successor is more often a rewrite), as the brief ranks them."""
    from reportdiff import api
    from successor_texts import build

    old = build([("I", "Security", ["Clashes at Mitiga airport in Tripoli closed the airport for two days."])],
                symbol="S/2025/1")
    new = build([("I", "Security", [
        "Clashes at Mitiga airport in Tripoli closed the airport for two days.",
        "Flooding in Derna displaced thousands of families and destroyed the Derna bridges.",
        "Locusts from Chad destroyed harvests in Kufra and the Kufra oasis farms.",
        "Cholera spread through Sabha, and the Sabha hospital ran out of saline solution.",
        "Smugglers in Zuwarah moved fuel to Tunisia on fishing boats from the Zuwarah port."])], symbol="S/2025/2")
    c = api.compare(old, new)
    added = [ch for ch in c.changes if ch.kind == "added"]
    assert len(added) == 4
    for ch, likelihood in zip(added, (0.01, 0.45, 0.02, 0.03)):
        ch.successor_likelihood = likelihood
        for sg in ch.signals:
            sg.score = 1.0
    leads = " ".join(x.terms for x in build_view(c).new_subjects if x.lead)
    assert "Kufra" not in leads and all(name in leads for name in ("Derna", "Sabha", "Zuwarah"))


def test_new_and_dropped_subjects_name_only_what_the_other_edition_lacks():
    # "New in this edition: Mitiga" was wrong where the old edition reported on Mitiga too; and the list's summary
    # names its newest subjects, not its first paragraphs
    from reportdiff import api
    from successor_texts import build

    common = ["Clashes at Mitiga airport in Tripoli closed the airport for two days in March.",
              "Flights from Misratah to Istanbul were suspended after the clashes at Mitiga airport."]
    old = build([("I", "Security", common + [
        "The Tumaini Initiative in Nairobi, led by William Ruto, brought opposition groups to the table."])],
        symbol="S/2025/1")
    new = build([("I", "Security", common + [
        "Passengers at Mitiga and Misratah described long queues, cancelled bookings and stranded pilgrims.",
        "Flooding in Derna displaced thousands of families, and the Derna reconstruction fund was created."])],
        symbol="S/2025/2")
    c = api.compare(old, new)
    assert [ch.kind for ch in c.changes].count("added") == 2
    v = build_view(c)
    named_new = " ".join(x.terms for x in v.new_subjects)
    assert "Mitiga" not in named_new and "Misratah" not in named_new
    assert "Derna" in " ".join(x.terms for x in v.new_subjects if x.lead)
    assert "Tumaini Initiative" in " ".join(x.terms for x in v.dropped_subjects if x.lead)
    doc = render.render_html(c)
    summary = re.search(r'<details class="subj subj-new"><summary>(.*?)</summary>', doc, re.S).group(1)
    assert "Derna" in summary and "Mitiga" not in summary


def test_a_judgement_side_with_no_word_reads_none_after_one_dash():
    # Markdown and the terminal printed "… needs. — — → urgent": the summary's own dash doubled the separator
    from reportdiff.render.view import BriefView

    item = BriefView(rank=4, kind="judgement", kind_label="judgement", ref="X ¶96", anchor="c-1",
                     old="I encourage donors to provide funding.", new="in order to address urgent needs.",
                     summary="— → urgent (funding)", role="observation", role_label="the report's observations")
    assert item.plain.endswith("needs. — (none) → urgent (funding)")
    gone = BriefView(rank=5, kind="judgement", kind_label="judgement", ref="V ¶68", anchor="c-2", old="Progress …",
                     new="UNSMIL continued …", summary="Progress → — (reconciliation)", role="", role_label="")
    assert gone.plain.endswith("— Progress → (none) (reconciliation)")
    from types import SimpleNamespace

    lines = render._rich_brief(SimpleNamespace(brief=[item, gone], signals=[]))      # the coloured terminal too
    assert "needs.  (none) → urgent (funding)" in "\n".join(t.plain for t in lines)


def test_an_item_from_the_recommendations_says_so():
    # the Monitoring Team's report closes with "Recommendations", not "Observations": its brief items said "in the
    # report's observations"
    from reportdiff import api
    from successor_texts import build

    def edition(call, symbol):
        return build([("I", "Threat assessment", ["ISIL remained the main threat in the region during the period.",
                                                  "Al-Qaida kept its network in the Sahel despite losses."]),
                      ("II", "Recommendations", [call])], symbol=symbol)

    old = edition("The Monitoring Team recommends that the Committee write to Member States on travel bans.",
                  "S/2025/1")
    new = edition("The Monitoring Team recommends that the Committee consider a briefing on asset freeze "
                  "exemptions for Member States.", "S/2025/2")
    v = build_view(api.compare(old, new))
    labels = {b.role_label for b in v.brief if b.ref.startswith("II")}
    assert labels == {"in the report's recommendations"}


def test_an_item_whose_paragraph_left_the_observations_says_where_from():
    # Lebanon: "II.B ¶16 in the report's observations", where ¶16 is narrative and only its old paragraph stood
    # in the observations
    from reportdiff import api
    from successor_texts import build

    narrative = ["UNIFIL conducted patrols along the Blue Line in cooperation with the Lebanese Armed Forces.",
                 "The Lebanese Armed Forces redeployed units to the south of the Litani River during the period."]
    moved = "The occupation of northern Ghajar and the adjacent area north of the Blue Line {} resolution 1701."
    old = build([("I", "Developments", narrative),
                 ("II", "Observations", [moved.format("remained a grave violation of"),
                                         "I thank the troop-contributing countries for their support."])],
                symbol="S/2025/1")
    new = build([("I", "Developments", narrative + [moved.format("is a violation of")]),
                 ("II", "Observations", ["I thank the troop-contributing countries for their support."])],
                symbol="S/2025/2")
    v = build_view(api.compare(old, new))
    assert {b.ref: b.role_label for b in v.brief} == {"I ¶3": "from the report's observations"}


def test_a_brief_quote_cut_for_length_still_shows_the_word_its_summary_tells():
    from reportdiff.render.view import clip_showing
    quote = ("Some Member States continued to believe him to be the head of the office in Somalia, and some reported "
             "that he travelled to the region twice; however, opinions remained divided on his role in the group.")
    shown = clip_showing(quote, "divided", 120)
    assert "remained divided" in shown and shown.startswith("…") and len(shown) <= 120
    assert clip_showing(quote, "continued", 120) == quote[:quote.rfind(" ", 0, 120)] + "…"   # told early: cut as before
    assert clip_showing("A short quote.", "divided", 120) == "A short quote."


def test_a_long_change_summary_keeps_both_sides():
    from reportdiff.render.view import clip_change
    call = ("call on the 5+5 Joint Military Commission and all concerned actors: … promote the reunification of "
            "military and security institutions → continue with efforts to uphold the ceasefire agreement…")
    shown = clip_change(call, 140)
    assert len(shown) <= 141 and shown.startswith("call on the 5+5 Joint Military Commission and all concerned "
                                                  "actors: … promote the") and "→ continue with efforts" in shown
    judged = clip_change("crucial step towards reviving an inclusive Libyan-led… → imperative for a revitalized and "
                         "inclusive Libyan-led… (Libyan-led and Libyan-owned, elections, institutions)", 120)
    assert "→ imperative for a" in judged and judged.endswith(")") and len(judged) <= 122
    assert clip_change("undiminished → high (Da’esh, threat)", 140) == "undiminished → high (Da’esh, threat)"


def test_a_change_summary_stays_in_its_limit_with_a_long_addressee_or_a_bracket_inside():
    from reportdiff.render.view import clip_change, clip_showing
    who = ("call on the Presidential Council, the Government of National Unity, the House of Representatives, the "
           "High Council of State and the Libyan National Army")
    shown = clip_change(who + ": agree on a unified budget → agree on a national budget and safeguard oversight", 140)
    assert len(shown) <= 141 and "agree on a unified budget → agree on a national budget" in shown
    call = ("call on the Israeli authorities: fulfil their obligations under resolution 1701 (2006) and withdraw from "
            "northern Ghajar → fulfil their obligations under resolution 1701 (2006) and withdraw from all positions")
    assert ")" not in clip_change(call, 140).split("→")[1].replace("(2006)", "")     # no subject made of "(2006)"
    quote = ("These developments underscore, for the Libyan people and for all international partners who have "
             "supported the process since 2020 and who continue to do so, the imperative for a revitalized and "
             "inclusive Libyan-led and Libyan-owned political process.")
    assert "imperative" in clip_showing(quote, "imperative for a revitalized and inclusive Libyan-led…", 160)


def test_a_summary_is_read_as_its_two_sides_and_a_closing_subject():
    from reportdiff.render.view import summary_sides
    assert summary_sides("undiminished → high (Da’esh, threat)") == ("undiminished", "high", "Da’esh, threat")
    assert summary_sides("call on X: a (2006) b → c (2006) d") == ("call on X: a (2006) b", "c (2006) d", "")
    assert summary_sides("a → ends on a bracket)") == ("a", "ends on a bracket)", "")


def test_the_signal_list_says_what_changed_and_its_quotes_keep_the_word():
    """A reader review: 'Every signal, by kind' gave a judgement as two cut quotes, no "undiminished → high",
    and the cut fell before the judging word."""
    from reportdiff.model import Signal
    old_text = ("During the reporting period, and in spite of the many operations conducted against it in several "
                "regions, the threat posed to international peace and security by Da’esh remained undiminished.")
    new_text = ("During the reporting period, the threat posed by Da’esh and its affiliates to international peace "
                "and security remained high.")
    judged = Signal("judgement", old_text, new_text, subject="Da’esh, threat",
                    change="undiminished → high (Da’esh, threat)", direction="softer", score=1.2)
    figure = Signal("figure", "760", "5,970", context="more than 5,970 individuals", change="760 → 5,970",
                    direction="up")
    old = Edition("S/2025/1", "2025-01-31", "Report", 1, [], [Paragraph("3", "3", None, old_text)])
    new = Edition("S/2025/2", "2025-07-31", "Report", 1, [], [Paragraph("3", "3", None, new_text)])
    comparison = Comparison(old, new, [], [Change("rewritten", ["3"], ["3"], similarity=0.3,
                                                   signals=[judged, figure])])
    doc = render.render_html(comparison)
    items = re.findall(r'<li class="sig sk-(\w+)">(.*?)</li>', doc.split('<ul class="sigs">', 1)[1], re.S)
    text = {kind: htmllib.unescape(re.sub(r"<[^>]+>", "", body)) for kind, body in items}
    assert "undiminished → high (Da’esh, threat)" in text["judgement"]
    assert "remained undiminished" in text["judgement"] and "…" in text["judgement"]   # cut, but not before it
    assert "760 → 5,970" in text["figure"] and '<strong class="sig-sum">' not in dict(items)["figure"]


def test_a_new_or_dropped_subject_is_named_as_its_sentence_names_it():
    """A reader review: the list of dropped subjects named ISIL's ¶64 "consequences, pose, funds" while the brief
    named it "The sustained terrorist threat in parts of Africa"."""
    from reportdiff.model import Signal
    text = "I am gravely concerned about the sustained terrorist threat in parts of Africa. It may pose consequences."
    named = Signal("dropped_concern", text, None, subject="consequences, pose, funds",
                   change="dropped: The sustained terrorist threat in parts of Africa — gravely concerned",
                   direction="dropped", score=1.3, topic="The sustained terrorist threat in parts of Africa")
    unnamed = Signal("dropped_concern", "Funds from Washington reached the coalition.", None,
                     subject="Washington, coalition, funds", change="dropped: Washington, coalition, funds",
                     direction="dropped", score=0.4)
    old = Edition("S/2025/1", "2025-01-31", "Report", 1, [], [Paragraph("64", "64", None, text),
                                                            Paragraph("65", "65", None, unnamed.old)])
    new = Edition("S/2025/2", "2025-07-31", "Report", 1, [], [Paragraph("1", "1", None, "Funds were spent.")])
    v = build_view(Comparison(old, new, [], [Change("removed", ["64"], [], similarity=0.0, signals=[named]),
                                             Change("removed", ["65"], [], similarity=0.0, signals=[unnamed])]))
    assert [s.terms for s in v.dropped_subjects] == ["The sustained terrorist threat in parts of Africa",
                                                     "Washington, coalition"]      # "funds": the new edition's too
    assert named.to_dict()["topic"] == named.topic and unnamed.to_dict()["topic"] == ""
    assert Signal.from_dict(named.to_dict()) == named


def test_a_charts_words_are_folded_under_its_title():
    """A reader review: a chart's labels and values ("300 282 282 … Alpha line Bravo line Total"), redlined as a
    run of numbers under the figure's title, told nothing read as a line: folded, the title stays in view."""
    from reportdiff.model import Figure, FigureChange
    chart = "Number of barrels restored along the ceasefire line"
    old = Edition("S/2025/1", "2025-01-31", "Report", 1, [], [Paragraph("1", "1", None, "Text.")],
                  figures=[Figure("F1", None, chart, "300 282 282 Alpha line Bravo line", label="Figure I")])
    new = Edition("S/2025/2", "2025-07-31", "Report", 1, [], [Paragraph("1", "1", None, "Text.")],
                  figures=[Figure("F1", None, chart, "285 285 300 Alpha line Bravo line", label="Figure I")])
    comparison = Comparison(old, new, [], [Change("unchanged", ["1"], ["1"])], figures=[
        FigureChange("modified", "F1", "F1", changed=["labels"], old_title=chart, new_title=chart,
                     diff=[("-", "300 282 282"), ("+", "285 285 300"), ("=", " Alpha line Bravo line")])])
    doc = render.render_html(comparison)
    article = doc[doc.index('<article class="fig'):]
    article = article[:article.index("</article>")]
    assert chart in article and re.search(r'<details class="fig-words"><summary>The figure(?:&#39;|\')s words '
                                          r'\(labels and values\), word by word</summary><p class="fig-text">'
                                          r'.*285 285 300', article, re.S)


def test_a_chart_drawn_as_a_picture_says_its_fold_holds_only_its_source():
    """A reader review: the fold promised "The figure's words (labels and values)" and held only "Source: …"
    where the chart is a picture (the Monitoring Team's annex): it now says what it holds."""
    from reportdiff.model import Figure, FigureChange
    picture = Figure("F1", None, "", "Source: Monitoring Team.", label="", notes=["Source: Monitoring Team."])
    edition = Edition("S/2025/2", "2025-07-31", "Report", 1, [], [Paragraph("1", "1", None, "Text.")],
                      figures=[picture])
    comparison = Comparison(Edition("S/2025/1", "2025-01-31", "Report", 1, [], [Paragraph("1", "1", None, "Text.")]),
                            edition, [], [Change("unchanged", ["1"], ["1"])],
                            figures=[FigureChange("added", None, "F1")])
    doc = render.render_html(comparison)
    assert "source and notes (no words could be read from the chart itself)" in doc
    assert "labels and values" not in doc


def _split_section_comparison() -> Comparison:
    """Old "II. Situation in the area" split: its paragraphs rewritten into new II and into an unlabelled heading
    whose title is hostile text; one of them dropped."""
    from reportdiff.model import SectionPair

    old_s = [Section("I", "I.", "Introduction", 1), Section("II", "II.", "Situation in the area", 1)]
    new_s = [Section("I", "I.", "Introduction", 1), Section("II", "II.", "Cessation of hostilities", 1),
             Section("H1", "", "<b>Blue</b> *Line* [x](http://e.vil)", 1)]
    old = Edition("S/2025/1", "2025-01-01", "", 1, old_s, [
        Paragraph("1", "1", "I", "The report covers the period."),
        Paragraph("2", "2", "II", "Exchanges of fire continued across the line near Khiyam."),
        Paragraph("3", "3", "II", "The Blue Line markers were removed near Hula."),
        Paragraph("4", "4", "II", "A patrol was stopped near Yarin.")])
    new = Edition("S/2025/2", "2025-07-01", "", 1, new_s, [
        Paragraph("1", "1", "I", "The report covers the period."),
        Paragraph("2", "2", "II", "Near Khiyam, fire was exchanged across the line on several occasions."),
        Paragraph("3", "3", "H1", "Near Hula, markers of the Blue Line were taken away.")])
    changes = [Change("unchanged", ["1"], ["1"]), Change("rewritten", ["2"], ["2"]),
               Change("rewritten", ["3"], ["3"]), Change("removed", ["4"], [])]
    sections = [SectionPair("I", "I", "Introduction", "Introduction"),
                SectionPair("II", None, "Situation in the area", None),
                SectionPair(None, "II", None, "Cessation of hostilities"),
                SectionPair(None, "H1", None, new_s[2].title)]
    return Comparison(old, new, sections, changes)


def test_a_removed_section_says_where_its_paragraphs_continue():
    """A section split or renamed out of recognition is gone as a heading, not as a subject: the removed section
    names the new sections its linked paragraphs stand in, each new one the old section it continues."""
    c = _split_section_comparison()
    views = {s.key: s for s in build_view(c).sections}
    assert views[("old", "II")].change_text == ("section removed, 1 removed, "
                                                "2 paragraphs continue in II, <b>Blue</b> *Line* [x](http://e.vil)")
    assert views[("new", "II")].change_text == "new section, 1 rewritten, continues what was II"
    assert views[("new", "I")].continues == ""          # a paired section continues itself
    doc = render.render_html(c, generated=FIXED)
    assert "2 paragraphs continue in II, &lt;b&gt;Blue&lt;/b&gt;" in doc and "<b>Blue</b>" not in doc
    md = render.render_markdown(c, generated=FIXED)
    line = next(x for x in md.splitlines() if "continue in" in x)
    assert line.endswith(r"2 paragraphs continue in II, \<b\>Blue\</b\> \*Line\* \[x\](http:\u2060//e.vil)".replace(
        r"\u2060", "\u2060"))
