"""Writers: Comparison → html | eml | markdown | text | json, Edition → json | text | markdown.

The HTML report is one self-contained file built from jinja2 templates (autoescaped: every string from a PDF is
untrusted) with the stylesheet and script inlined and pinned by hashes in a Content-Security-Policy that forbids
every other load. `render_view.build_view` turns the Comparison into plain view data that all writers share.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import io
import os
import re
import shutil
import sys
import textwrap
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate
from importlib import resources
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from ..model import Comparison, Edition
from ..sources import without_controls
from .view import CountView, ReportView, build_view, human_date, one_line, plural, section_ref

if TYPE_CHECKING:
    from rich.text import Text

TEMPLATE_PACKAGE = "reportdiff.templates"
# the same words as the HTML report's notice (report.html.j2)
READ_WITH_CARE = "Read with care: reportdiff met difficulties while reading these editions:"
COUNT_COLORS = {"rewritten": "#7a68c9", "modified": "#0b5ea8", "added": "#0d6634", "removed": "#a3231b", "moved": "#6b3fa0",
                "split": "#b07b00", "merged": "#b07b00", "unchanged": "#dfe4ea"}
#: Sections listed under "Sections with the most change" in the e-mail, terminal and Markdown summaries.
MOST_CHANGED = 5


# ---------------------------------------------------------------------------------------------------- templates

def _read_template(name: str) -> str:
    return resources.files(TEMPLATE_PACKAGE).joinpath(name).read_text(encoding="utf-8")


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder (`templates/`): compiling the report's templates costs about
    0.35 s of every run, loading them a few milliseconds. Jinja keys an entry by the template's name and checks it
    against the source's hash and its own and Python's version, and writes atomically. A folder that cannot be
    written or an unreadable entry only means compiling again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:       # a damaged entry fails in pickle or marshal in many ways: all mean compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> _TemplateCache | None:
    from ..cache import template_cache_dir

    folder = template_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    # FunctionLoader over importlib.resources works alike for an editable install and a wheel (where templates/
    # is shipped as the package reportdiff.templates).
    return jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: _read_template(name)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True, bytecode_cache=_template_cache())


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


PRINTS_EVERYTHING = ("report", "series")      # pages whose folds print open (templates/print.js)


@functools.lru_cache(maxsize=4)
def page_assets(stem: str = "report") -> tuple[str, str, str]:
    """(css, js, Content-Security-Policy) of a self-contained page: its own stylesheet and script are allowed by
    hash, nothing else loads."""
    css, js = _read_template(f"{stem}.css"), _read_template(f"{stem}.js")
    if stem in PRINTS_EVERYTHING:
        js = _read_template("print.js") + js
    csp = ("default-src 'none'; "
           f"style-src {_csp_hash(css)}; "
           f"script-src {_csp_hash(js)}; "
           "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
           "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")
    return css, js, csp


def render_page(template: str, stem: str, view) -> str:
    """A self-contained page: `template` rendered with `view`, its own stylesheet and script inline."""
    css, js, csp = page_assets(stem)
    return _env().get_template(template).render(v=view, css=Markup(css), js=Markup(js), csp=csp)


def _now(generated: datetime | None) -> datetime:
    if generated is not None:
        return generated.astimezone(timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")           # reproducible builds and tests
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def stamp(generated: datetime | None = None) -> dict[str, str]:
    """When and by which version a page was made (for its header)."""
    from .. import __version__

    when = _now(generated)
    return {"generated": f"{human_date(when.date().isoformat())}, {when:%H:%M} UTC",
            "generated_iso": when.isoformat(timespec="seconds").replace("+00:00", "Z"), "version": __version__}


def _view(comparison: Comparison, generated: datetime | None = None) -> ReportView:
    return build_view(comparison, **stamp(generated))


def render_html(comparison: Comparison, *, generated: datetime | None = None) -> str:
    return render_page("report.html.j2", "report", _view(comparison, generated))


# ---------------------------------------------------------------------------------------------------- e-mail

def _file_token(symbol: str | None, fallback: str) -> str:
    token = re.sub(r"[^A-Za-z0-9.]+", "-", one_line(symbol)).strip("-.")
    return token[:40] or fallback


def report_filename(comparison: Comparison) -> str:
    return (f"changes_{_file_token(comparison.old.symbol, 'old')}_to_"
            f"{_file_token(comparison.new.symbol, 'new')}.html")


def _header_text(s: str, limit: int = 200) -> str:
    """Untrusted text for a header: one printable line, and no RFC 2047 encoded word ("=?utf-8?q?=0D=0ABcc:…?="):
    the email package decodes those in a value it is given, so a title could carry a line break into the
    headers. A space after each "=" that opens one keeps the text as it reads and makes it plain text."""
    s = one_line("".join(ch if ch.isprintable() else " " for ch in s)).replace("=?", "= ?")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def render_eml(comparison: Comparison, *, generated: datetime | None = None) -> bytes:
    view = _view(comparison, generated)
    subject = _header_text(f"What changed: {view.old.symbol} → {view.new.symbol}"
                           + (f" ({_short_title(view.new.title)})" if view.new.title else ""))
    filename = report_filename(comparison)
    html = _env().get_template("email.html.j2").render(
        v=view, subject=subject, filename=filename, brief=view.brief,
        more_signals=max(0, len(view.signals) - len(view.brief)), top_sections=view.most_changed(MOST_CHANGED),
        tiles=[*view.counts, CountView("unchanged", "Unchanged", view.unchanged)],     # the report's eight cards
        count_colors=COUNT_COLORS, read_with_care=READ_WITH_CARE,
        tables=view.tables if view.tables is not None and view.tables.any else None,
        table_lines=table_lines(view.tables) if view.tables is not None else [])
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["Date"] = formatdate(_now(generated).timestamp(), localtime=False, usegmt=True)
    msg["X-Unsent"] = "1"                       # open as a draft, ready to address and send
    msg["X-Mailer"] = f"reportdiff {view.version}"
    msg.set_content(_plain_summary(view, filename=filename))
    msg.add_alternative(html, subtype="html")
    report = render_page("report.html.j2", "report", view).encode("utf-8")    # the same view, not built again
    msg.add_attachment(report, maintype="text", subtype="html", filename=filename,
                       params={"charset": "utf-8"})        # read as anything else, "→" breaks the CSP's hashes
    return msg.as_bytes()


def _short_title(title: str, words: int = 12) -> str:
    w = title.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


# ---------------------------------------------------------------------------------------------------- text forms

def _clean(s: str | None) -> str:
    """Untrusted text for a terminal or a plain-text body: one line, no control character, escape sequence or
    invisible format character (`sources.without_controls`); stripped after them, so that a space beside a removed
    character does not stand at an edge ("* Report*" is a Markdown list item)."""
    return without_controls(one_line(s)).strip()


# `&` too: a PDF's literal "&lt;script&gt;" would otherwise be read as an entity and shown as <script>
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")         # "$": GitHub reads $…$ as mathematics
# Where a Markdown renderer makes a live link of plain text (GitHub's autolinks: "http://…", "www.…", "a@b.org"):
# an invisible word joiner there keeps the text as it reads and the link dead.
_MD_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))|(?<=@)")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


_MD_CLOSING_HASHES = re.compile(r"(^|\s)(#+)(\s*)$")


def md_heading(level: int, text: str) -> str:
    """A Markdown heading of `text` (made inert already): a run of "#" that ends it is escaped, which CommonMark
    would otherwise take for the heading's closing sequence and drop ("Vote on resolution #")."""
    return "#" * level + " " + _MD_CLOSING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), text)


def _md_emphasis(s: str | None) -> str:
    """A title in italics, or nothing when it is empty or blank (not a stray "**")."""
    text = _md(s)
    return f"*{text}*" if text.strip() else ""


def _md(s: str | None) -> str:
    """Untrusted text for markdown: inert (no links, no HTML, no entities, no emphasis)."""
    return _MD_AUTOLINK.sub("\u2060", _MD_SPECIAL.sub(r"\\\1", _clean(s)))


def md_warnings(warnings: list[str]) -> list[str]:
    """Reading difficulties as a Markdown quote block (nothing when there are none)."""
    return [f"> **{READ_WITH_CARE}**", *(f"> - {_md(w)}" for w in warnings), ""] if warnings else []


def _md_line(s: str | None) -> str:
    """`_md` for text that starts a line: no heading, quote, list or rule either."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit()
                                                      else m.group(2) + "\\"), _md(s))


def table_lines(tables) -> list[str]:
    """A line per changed table or figure (render/tableview.py, imported here only when there is one: it brings
    the table comparison's libraries, which the CLI does not load before it compares)."""
    from .tableview import summary_lines
    return summary_lines(tables)


def _pair_head(view: ReportView) -> str:
    """"S/2025/72 (2025-01-31) → S/2025/496 (2025-08-01)", as plain text."""
    return (f"{_clean(view.old.symbol)} ({_clean(view.old.date) or 'undated'}) → {_clean(view.new.symbol)} "
            f"({_clean(view.new.date) or 'undated'})")


def _plain_summary(view: ReportView, *, filename: str | None = None, max_signals: int = 12) -> str:
    lines = [_pair_head(view), _clean(view.new.title), "", _clean(view.headline),
             view.counts_text, ""]
    if view.warnings:
        lines.append(READ_WITH_CARE)
        lines += [f"  - {_clean(w)}" for w in view.warnings]
        lines.append("")
    if view.brief:
        lines.append("The brief: key changes in the assessment, the report's observations and opening assessment "
                     "first:")
        lines += [f"  {b.rank:>2}. {_clean(b.plain)}" for b in view.brief[:max_signals]]
        if len(view.signals) > len(view.brief[:max_signals]):
            lines.append(f"  … {len(view.signals)} signals in all, in the full report")
        lines.append("")
    if view.tables is not None and view.tables.changed:
        lines.append(f"Tables and figures: {_clean(view.tables.headline)}")
        lines += [f"  - {_clean(t)}" for t in table_lines(view.tables)]
        lines.append("")
    top = view.most_changed(MOST_CHANGED)
    if top:
        lines.append("Sections with the most change:")
        lines += [f"  - {_clean(s.name)}: {_clean(s.change_text)}" for s in top]
        lines.append("")
    if filename:
        lines.append(f"The full report is attached ({filename}); open it in any web browser, it works offline.")
    lines.append(f"Generated {view.generated} by reportdiff {view.version}.")
    return "\n".join(lines) + "\n"


def render_markdown(comparison: Comparison, *, generated: datetime | None = None, summary_only: bool = False
                    ) -> str:
    """The report in Markdown: the summary (counts, key changes, sections most changed), then, unless
    `summary_only`, the full redline section by section (`render.markdown`)."""
    v = _view(comparison, generated)
    out = [f"**{_md(v.old.symbol)}** ({_md(v.old.date) or 'undated'}) → **{_md(v.new.symbol)}** "
           f"({_md(v.new.date) or 'undated'})  ", _md_emphasis(v.new.title), "", _md_line(v.headline), "",
           "| " + " | ".join(c.label for c in v.counts) + " | Unchanged |",
           "|" + "---:|" * (len(v.counts) + 1),
           "| " + " | ".join(str(c.n) for c in v.counts) + f" | {v.unchanged} |", ""]
    out += md_warnings(v.warnings)
    if v.brief:
        out.append("**The brief: key changes in the assessment**")
        out.append("")
        for b in v.brief:
            if b.one_sided:
                quotes = f"~~{_md(b.old)}~~" if b.old else f"**{_md(b.new)}**"
            else:
                quotes = (f"~~{_md(b.old)}~~" if b.old else "*(none)*") + " → " + (
                    f"**{_md(b.new)}**" if b.new else "*(removed)*")
            out.append(f"{b.rank}. {_md(b.ref)} ({b.kind_label}): {quotes}" + (f" {_md(b.summary_tail)}"
                                                                                  if b.summary else ""))
        if len(v.signals) > len(v.brief):
            out.append(f"\n{len(v.signals)} signals in all: see the HTML or JSON report.")
        out.append("")
    if v.tables is not None and v.tables.changed:
        out.append(f"**Tables and figures**: {_md(v.tables.headline)}")
        out.append("")
        out += [f"- {_md(t)}" for t in table_lines(v.tables)]
        out.append("")
    top = v.most_changed(MOST_CHANGED)
    if top:
        out.append("**Sections with the most change**")
        out.append("")
        out += [f"- {_md(s.name)}: {_md(s.change_text)}" for s in top]
        out.append("")
    if not summary_only:
        from .markdown import markdown_redline

        out += markdown_redline(v)
    out.append(f"_Generated {v.generated} by reportdiff {v.version}._")
    return "\n".join(out) + "\n"


def _use_color() -> bool:
    # The CLI passes color=False when it saves to a file; left to itself, colour only on a real terminal.
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def render_text(comparison: Comparison, *, color: bool | None = None, generated: datetime | None = None) -> str:
    """The summary for a terminal: coloured with rich on a tty, plain otherwise (pipes, files, NO_COLOR)."""
    v = _view(comparison, generated)
    if not (_use_color() if color is None else color):
        return _plain_summary(v)
    from rich.console import Console

    width = min(110, shutil.get_terminal_size((100, 24)).columns)
    console = Console(file=io.StringIO(), force_terminal=True, width=width, color_system="standard",
                      highlight=False, emoji=False, markup=False, no_color=False)   # colour was decided above
    for part in (_rich_header, _rich_warnings, _rich_brief, _rich_tables, _rich_sections):
        for line in part(v):
            console.print(line)
    return console.file.getvalue()  # type: ignore[attr-defined]


_KIND_STYLES = {"rewritten": "purple", "modified": "blue", "added": "green", "removed": "red", "moved": "magenta",
                "split": "yellow", "merged": "yellow"}


def _rich_header(v: ReportView) -> list[Text]:
    """The two editions, the new title, the headline and the count of each kind of change."""
    from rich.text import Text

    t = Text()
    t.append(_clean(v.old.symbol), "bold")
    t.append(f" ({_clean(v.old.date) or 'undated'}) → ", "dim")
    t.append(_clean(v.new.symbol), "bold cyan")
    t.append(f" ({_clean(v.new.date) or 'undated'})", "dim")
    counts = Text()
    for c in v.counts:
        counts.append(f"{c.n} {c.label.lower()}", ("bold " + _KIND_STYLES[c.key]) if c.n else "dim")
        counts.append("  ")
    counts.append(f"{v.unchanged} unchanged", "dim")
    return [t, Text(_clean(v.new.title), "italic"), Text(), Text(_clean(v.headline)), counts]


def _rich_warnings(v: ReportView) -> list[Text]:
    from rich.text import Text

    if not v.warnings:
        return []
    return [Text(), Text(READ_WITH_CARE, "bold yellow"), *(Text(f"  - {_clean(w)}") for w in v.warnings)]


def _rich_brief(v: ReportView) -> list[Text]:
    """The brief, one line per key change: old words struck through, new ones underlined."""
    from rich.text import Text

    if not v.brief:
        return []
    out = [Text(), Text("The brief: key changes in the assessment", "bold")]
    for b in v.brief:
        line = Text(f"  {b.rank:>2}. ")
        line.append(_clean(b.ref), "bold")
        line.append(f" {b.kind_label}: ", "dim")
        if b.old or not b.one_sided:
            line.append(_clean(b.old) if b.old else "(none)", "red strike")
        if not b.one_sided:
            line.append(" → ")
        if b.new or not b.one_sided:
            line.append(_clean(b.new) if b.new else "(removed)", "green underline")
        if b.summary:
            line.append(f"  {_clean(b.summary_text)}", "dim")
        out.append(line)
    if len(v.signals) > len(v.brief):
        out.append(Text(f"  … {len(v.signals)} signals in all, in the full report", "dim"))
    return out


def _rich_tables(v: ReportView) -> list[Text]:
    from rich.text import Text

    if v.tables is None or not v.tables.changed:
        return []
    return [Text(), Text(f"Tables and figures: {_clean(v.tables.headline)}", "bold"),
            *(Text("  " + _clean(t)) for t in table_lines(v.tables))]


def _rich_sections(v: ReportView) -> list[Text]:
    from rich.text import Text

    top = v.most_changed(MOST_CHANGED)
    if not top:
        return []
    out = [Text(), Text("Sections with the most change", "bold")]
    for s in top:
        line = Text("  ")
        line.append(_clean(s.name))
        line.append(f"  {_clean(s.change_text)}", "dim")
        out.append(line)
    return out


def _clip_line(s: str, limit: int = 120) -> str:
    return s if len(s) <= limit else s[: limit - 1].rsplit(" ", 1)[0] + "…"


def terminal_summary(comparison: Comparison) -> str:
    """A few lines for `reportdiff compare` without -o."""
    v = _view(comparison)
    head = _pair_head(v)
    if not v.differs and not any(s.n_changes for s in v.sections):
        return f"{head}\nNo differences: all {v.new.paragraphs} paragraphs are unchanged.\n"
    lines = [head, _clean(v.headline)]
    for b in v.brief[:3]:
        lines.append(f"  {b.rank}. {_clip_line(_clean(b.plain))}")
    if len(v.brief) > 3:
        lines.append(f"  … {len(v.brief) - 3} more in the brief, {len(v.signals)} signals in all")
    if v.tables is not None and v.tables.changed:
        lines.append(f"  Tables and figures: {_clean(v.tables.headline)}")
    lines.append("Full report: add -o report.html (or .eml, .md, .json).")
    return "\n".join(lines) + "\n"


def render_comparison(comparison: Comparison, fmt: str, *, color: bool | None = None, summary_only: bool = False
                      ) -> str | bytes:
    """The comparison in `fmt` (html, json, markdown, text: str; eml: bytes). `color` applies to text only:
    None picks it from the terminal (plain when stdout is not a tty, NO_COLOR is set or -o is given).
    `summary_only`: markdown without the redline of every paragraph."""
    if fmt == "json":
        return comparison.to_json()
    if fmt == "html":
        return render_html(comparison)
    if fmt == "eml":
        return render_eml(comparison)
    if fmt == "markdown":
        return render_markdown(comparison, summary_only=summary_only)
    if fmt == "text":
        return render_text(comparison, color=color)
    raise ValueError(f"unknown format {fmt!r}; expected html, json, markdown, text or eml")


# ---------------------------------------------------------------------------------------------------- editions

def render_edition(edition: Edition, fmt: str) -> str:
    if fmt == "json":
        return edition.to_json()
    md = fmt == "markdown"
    if fmt not in ("text", "markdown"):
        raise ValueError(f"unknown format {fmt!r}; expected json, text or markdown")
    esc = _md if md else _clean
    by_section: dict = {}
    for p in edition.paragraphs:
        by_section.setdefault(p.section, []).append(p)
    head = f"{esc(edition.symbol) or '(no symbol)'}" + (f" · {human_date(edition.date)}" if edition.date else "")
    lines = [md_heading(1, head) if md else head, "", _md_emphasis(edition.title) if md else _clean(edition.title)]
    counts = [plural(edition.pages, "page"), plural(len(edition.sections), "section"),
              plural(len(edition.paragraphs), "paragraph")]
    lines += ["", ", ".join(counts), ""]

    def para_lines(p, indent: str) -> list[str]:
        num = f"{p.number}. " if p.number else ""
        if md:
            if p.number and p.number.isdigit():
                out = [f"{p.number}. {esc(p.text)}", ""]
            else:
                out = [_md_line((num + p.text) if num else p.text), ""]
            out += [f"> [{esc(f.number)}] {esc(f.text)}" for f in p.footnotes]
            return out + ([""] if p.footnotes else [])
        out = textwrap.wrap(num + _clean(p.text), width=100, initial_indent=indent, break_on_hyphens=False,
                            break_long_words=False, subsequent_indent=indent + " " * len(num)) or [indent]
        for f in p.footnotes:
            out += textwrap.wrap(f"[{_clean(f.number)}] {_clean(f.text)}", width=100, initial_indent=indent + "    ",
                                 subsequent_indent=indent + "        ", break_on_hyphens=False,
                                 break_long_words=False)
        return out

    for p in by_section.get(None, []):
        lines += para_lines(p, "")
    for s in edition.sections:
        title = f"{s.label} {s.title}".strip()
        if md:
            lines += [md_heading(min(6, s.level + 1), esc(title)), ""]
        else:
            lines += ["", "  " * (s.level - 1) + _clean(title) + f"   [{_clean(section_ref(s))}]"]
        for p in by_section.get(s.id, []):
            lines += para_lines(p, "" if md else "  " * s.level)
    return "\n".join(lines).rstrip() + "\n"
