"""Writers: Comparison and Edition → json / text / markdown (html and eml to come)."""
from __future__ import annotations

import json

from .model import Comparison, Edition


def render_edition(edition: Edition, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(edition.to_dict(), ensure_ascii=False, indent=1)
    lines = [f"{edition.symbol or '(no symbol)'}  {edition.date or ''}", edition.title, ""]
    by_section: dict = {}
    for p in edition.paragraphs:
        by_section.setdefault(p.section, []).append(p)
    md = fmt == "markdown"
    for p in by_section.get(None, []):
        lines.append(f"{p.number + '. ' if p.number else ''}{p.text}")
    for s in edition.sections:
        head = f"{s.label} {s.title}".strip()
        lines += ["", ("#" * min(6, s.level + 1) + " " + head) if md else "  " * (s.level - 1) + head]
        for p in by_section.get(s.id, []):
            lines.append(("" if md else "  " * s.level) + f"{p.number + '. ' if p.number else ''}{p.text}")
            for f in p.footnotes:
                lines.append(("" if md else "  " * s.level) + f"    [{f.number}] {f.text}")
    return "\n".join(lines) + "\n"


def render_comparison(comparison: Comparison, fmt: str) -> str | bytes:
    if fmt == "json":
        return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1)
    raise NotImplementedError(fmt)


def terminal_summary(comparison: Comparison) -> str:
    s = comparison.summary()
    return (f"{comparison.old.symbol} → {comparison.new.symbol}: "
            + ", ".join(f"{v} {k}" for k, v in s.items()) + "\n")
