"""The full redline in Markdown, readable on GitHub (and in any Markdown viewer): the report's text section by
section, each changed paragraph with its words ~~deleted~~ and **inserted**, unchanged paragraphs folded in a
`<details>` block.

Text from a PDF is untrusted and full of Markdown's own characters (`*`, `_`, `[`, `|`, `<`, a line starting
`1.` or `#`): every piece is escaped (`report._md`), so that it reads as the text it is and can neither format
nor link nor inject HTML. Emphasis markers must touch the words they wrap (CommonMark's flanking rule): spaces at
the edge of a deleted or inserted run stay outside the markers.
"""
from __future__ import annotations

import html
import unicodedata

from .report import _md, _md_line, md_heading
from .view import FootnoteView, ItemView, ReportView, SectionView, Seg

#: How the markup shows each operation of the diff: deletions struck, insertions bold — or, where CommonMark's
#: flanking rule would leave the markers as literal characters (a run that starts or ends with punctuation inside
#: a word: `117**, S/2024/583**`), the HTML tags GitHub allows.
MARKERS = {"-": ("~~", "~~", "<del>", "</del>"), "+": ("**", "**", "<ins>", "</ins>")}


def _is_punct(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def _pieces(segs: list[Seg]) -> list[tuple[str, str]]:
    """(op, text) with the spaces at the edges of deleted and inserted runs split off as plain text, and
    paragraph boundaries as op "pb"."""
    out: list[tuple[str, str]] = []
    for s in segs:
        if s.op.startswith("pb-"):
            out.append(("pb", s.text))
        elif s.op in MARKERS:
            core = s.text.strip()
            if s.text[:1].isspace():
                out.append(("=", " "))
            if core:
                out.append((s.op, core))
            if s.text[-1:].isspace() and core:
                out.append(("=", " "))
        elif s.text:
            out.append(("=", s.text))
    return out


def redline(segs: list[Seg], *, line_start: bool = True) -> str:
    """One paragraph's redline on one line: plain text, ~~deleted~~, **inserted** (<del>/<ins> where Markdown's
    markers would not hold), a paragraph boundary inside a split or merge as *(¶12)*."""
    pieces = _pieces(segs)
    out = ""
    for i, (op, text) in enumerate(pieces):
        if op == "pb":
            out += f" *({_md(text)})* "
        elif op == "=":
            core = _md_line(text) if line_start and not out.strip() else _md(text)     # _md trims the edges
            out += (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() and core else "")
        else:
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            after = "" if nxt is None else ("*" if nxt[0] in MARKERS else nxt[1][:1] if nxt[0] == "=" else " ")
            before = out[-1:]
            md_open, md_close, tag_open, tag_close = MARKERS[op]
            opens = not _is_punct(text[0]) or not before or before.isspace() or _is_punct(before)
            closes = not _is_punct(text[-1]) or not after or after.isspace() or _is_punct(after)
            body = _md(text)
            out += f"{md_open}{body}{md_close}" if opens and closes else f"{tag_open}{body}{tag_close}"
            if op == "-" and nxt is not None and nxt[0] == "+" and (not before or before.isspace()):
                out += " "           # a word replaced: "~~twentieth~~ **twenty-first**"
    return " ".join(out.split())


def markdown_redline(v: ReportView) -> list[str]:
    """The text part of the Markdown report, as lines."""
    out = ["---", "", "## The text, section by section", "",
           f"~~Deleted~~ and **inserted** words; ¶ numbers are {_md(v.new.symbol)}'s (was ¶: {_md(v.old.symbol)}'s). "
           "Unchanged paragraphs are folded.", ""]
    for sec in v.sections:
        out += _section(sec)
    return out


def _section(sec: SectionView) -> list[str]:
    label = f"{_md(sec.label)} " if sec.label else ""
    if sec.status == "renamed":
        title = redline(sec.title_segs, line_start=False) + " *(heading renamed)*"
    elif sec.status == "removed":
        title = f"~~{_md(sec.title)}~~ *(section removed)*"
    else:
        title = _md(sec.title) + (" *(new section)*" if sec.status == "added" else "")
    out = [md_heading(min(6, sec.level + 2), f"{label}{title}"), ""]
    if sec.unread_note:
        out += [f"*{_md(sec.unread_note)}*", ""]
    for it in sec.items:
        out += _item(it)
    return out


def _item(it: ItemView) -> list[str]:
    if it.type == "ghost":
        return [f"*{_md(it.ghost_text)}*", ""]
    if it.type == "same":
        out = [f"<details><summary>{html.escape(it.summary)}</summary>", ""]
        for p in it.items:
            out += [f"**{_md(p.new_nums)}** {redline(p.segs, line_start=False)}", ""]
        return out + ["</details>", ""]
    nums = (f"{it.old_nums} → {it.new_nums}" if it.old_nums and it.new_nums and it.old_nums != it.new_nums
            else it.new_nums or f"was {it.old_nums}")
    tags = [label for _, label in it.badges] + ([it.moved_text] if it.moved_text else [])
    out = [f"**{_md(nums)}**" + "".join(f" · *{_md(t)}*" for t in tags), ""]
    out += [f"*{_md(it.unread_note)}*", ""] if it.unread_note else []
    out += [redline(it.segs), ""]
    for f in it.footnotes:
        out += _footnote(f)
    return out


def _footnote(f: FootnoteView) -> list[str]:
    return [f"> *{_md(f.label)}:* {redline(f.segs, line_start=False)}", ""]
