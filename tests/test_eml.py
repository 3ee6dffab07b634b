"""The `eml` format: a ready-to-send e-mail with a short inline-styled summary, a plain-text alternative and the
full HTML report attached."""
from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser

from reportdiff.render import report as render
from render_samples import hostile_comparison, realistic_comparison


def parse(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_eml_structure_subject_and_attachment():
    data = render.render_comparison(realistic_comparison(), "eml")
    assert isinstance(data, bytes)
    msg = parse(data)
    assert msg["Subject"].startswith("What changed: S/2025/72 → S/2025/496 (Twenty-first report")
    assert msg["X-Unsent"] == "1" and msg["Date"]
    assert msg.get_content_type() == "multipart/mixed"
    body = msg.get_body(preferencelist=("html",))
    plain = msg.get_body(preferencelist=("plain",))
    assert body is not None and plain is not None
    assert msg.get_body(preferencelist=("related", "html", "plain")).get_content_type() == "text/html"
    atts = list(msg.iter_attachments())
    assert len(atts) == 1
    att = atts[0]
    assert att.get_content_type() == "text/html"
    assert att.get_filename() == "changes_S-2025-72_to_S-2025-496.html"
    report = att.get_content()
    assert report.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in report
    assert "<del>3,000</del><ins>4,000</ins>" in report
    # Every line of the message fits the RFC 5322 limit (the attachment is encoded).
    assert max(len(line) for line in data.split(b"\n")) <= 998


def test_eml_html_body_uses_inline_styles_only():
    msg = parse(render.render_comparison(realistic_comparison(), "eml"))
    html = msg.get_body(preferencelist=("html",)).get_content()
    low = html.lower()
    assert "<style" not in low and "<script" not in low and "<link" not in low and "<img" not in low
    t = Tags()
    t.feed(html)
    assert not any("class" in a for _, a in t.tags), "classes mean nothing without a stylesheet"
    assert not any(k.startswith("on") for _, a in t.tags for k in a)
    assert not any("href" in a or "src" in a for _, a in t.tags), "the summary needs no links"
    assert sum(1 for _, a in t.tags if "style" in a) > 20
    for s in ("S/2025/72", "S/2025/496", "up to 3,000", "up to 4,000", "changes_S-2025-72_to_S-2025-496.html",
              "Sections with the most change", "The brief: key changes in the assessment"):
        assert s in html, s
    assert "&middot; in the report&#39;s observations" in html      # where the item stands, with its preposition
    # the report's eight cards, "Unchanged" included (a reviewer: the headline told of unchanged paragraphs that
    # the e-mail's cards left out)
    cards = re.findall(r'font-size:11px;color:#5a6675;">([A-Za-z]+)</div>', html)
    assert cards == ["Rewritten", "Modified", "Added", "Removed", "Moved", "Split", "Merged", "Unchanged"]
    plain = msg.get_body(preferencelist=("plain",)).get_content()
    assert "II.A ¶8 (figure): up to 3,000 → up to 4,000" in plain
    assert "attached (changes_S-2025-72_to_S-2025-496.html)" in plain
    assert "<" not in plain


def test_eml_with_hostile_text():
    data = render.render_comparison(hostile_comparison(), "eml")
    msg = parse(data)
    subject = msg["Subject"]
    assert "\n" not in subject and "\r" not in subject and "\x1b" not in subject
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<svg" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Only our own headers: nothing smuggled in through a symbol or title.
    assert set(k.lower() for k in msg.keys()) <= {"subject", "date", "x-unsent", "x-mailer", "content-type",
                                                   "mime-version"}
    att = next(msg.iter_attachments())
    assert re.fullmatch(r"changes_[A-Za-z0-9.-]+_to_[A-Za-z0-9.-]+\.html", att.get_filename())
    assert att.get_content().count("<script") == 1


def test_eml_title_with_encoded_words_stays_one_subject():
    """A title holding RFC 2047 encoded words ("=?utf-8?q?=0D=0ABcc:…?=") is plain text in the Subject: the
    email package would decode them into a line break and smuggle a Bcc header (or end the headers early)."""
    from dataclasses import replace

    c = realistic_comparison()
    for title in ("Report on the situation =?utf-8?q?=0D=0ABcc:_attacker@evil.example=0D=0AX-Injected:_yes?=",
                  "Report =?utf-8?q?=0A=0A<h1>Spoofed_body</h1>?="):
        c = replace(c, new=replace(c.new, title=title))
        msg = parse(render.render_comparison(c, "eml"))
        assert set(k.lower() for k in msg.keys()) == {"subject", "date", "x-unsent", "x-mailer", "content-type",
                                                      "mime-version"}
        assert "=0D=0A" in msg["Subject"] or "=0A=0A" in msg["Subject"]        # shown as written
        assert msg.get_content_type() == "multipart/mixed" and len(list(msg.iter_attachments())) == 1


def test_eml_attachment_is_utf8():
    """The attached report is UTF-8 and says so: read as anything else its "→" and any accented word are
    garbled, and its stylesheet no longer matches the Content-Security-Policy's hash."""
    att = next(parse(render.render_comparison(realistic_comparison(), "eml")).iter_attachments())
    assert att.get_content_charset() == "utf-8"
    assert "S/2025/72 → S/2025/496" in att.get_content()


def test_eml_html_body_tells_what_the_plain_part_tells():
    # Most mail clients show the HTML part: its reader missed "Read with care …" and the tables line, which only the
    # plain part had; and on a phone the brief's place column squeezed the words into a third of the width
    c = realistic_comparison()
    c.warnings = ["S_2025_72.pdf: page 15 of 15, the last, is a picture without a text layer"]
    msg = parse(render.render_comparison(c, "eml"))
    html = msg.get_body(preferencelist=("html",)).get_content()
    plain = msg.get_body(preferencelist=("plain",)).get_content()
    for part in (html, plain):
        assert "Read with care" in part and "page 15 of 15, the last, is a picture" in part
    if "Tables and figures:" in plain:
        assert "Tables and figures:" in html
    assert "white-space:nowrap" not in html
    # one column: the place and the kind in the cell that holds the words
    assert re.search(r'<td valign="top"[^>]*>\s*<span[^>]*>1\. [^<]*</span> <span[^>]*>[A-Za-z ]', html)
