"""Every JSON document the tests produce is checked against the shipped JSON Schemas (reportdiff/schemas/).

conftest.py calls these from three places, so that no test has to remember to:
- the in-process writers (`render_comparison(..., "json")`, `render_edition(..., "json")`, `render_series_json`),
  wrapped for every test;
- the CLI run in a subprocess (`run_cli`): its stdout, and the file named by `-o`;
- after each test, every `*.json` under its `tmp_path`, and at the end of the session every entry of the test
  session's cache of parsed editions.
A document is recognised by its `schema` field (`reportdiff.*`); other JSON (fixtures, fuzz inputs) is left alone.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportdiff import schemas

CACHE_FORMAT = "reportdiff.edition-cache/1"
checked = {"documents": 0}
late_failures: list[str] = []          # found after the tests ran (the cache of parsed editions)


def check_document(doc: Any, where: str = "") -> bool:
    """Validate a parsed document if it is one of reportdiff's (raises with the offending field); True if it was."""
    if not isinstance(doc, dict):
        return False
    if doc.get("format") == CACHE_FORMAT and isinstance(doc.get("edition"), dict):
        doc = doc["edition"]
    name = doc.get("schema")
    if name not in schemas.FILES:
        return False
    try:
        schemas.validate(doc)
    except Exception as e:          # jsonschema.ValidationError: say which output broke the schema
        raise AssertionError(f"{where or 'a JSON output'} does not match {name}: {e}") from e
    checked["documents"] += 1
    return True


def check_text(text: str | bytes, where: str = "") -> bool:
    """`check_document` for JSON text; text that is not JSON is not a document (False)."""
    try:
        doc = json.loads(text)
    except (ValueError, TypeError):
        return False
    return check_document(doc, where)


def check_file(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return check_text(data, str(path))


def check_tree(folder: Path) -> int:
    """Check every `*.json` file under `folder` (hidden ones too: cache entries); returns how many were
    documents."""
    return sum(check_file(p) for p in sorted(folder.rglob("*.json")) if p.is_file())


def wrap_writers(monkeypatch) -> None:
    """Check the JSON of the in-process writers as they produce it."""
    from reportdiff.render import report, series

    def checked_writer(fn, is_json):
        def writer(*args, **kwargs):
            out = fn(*args, **kwargs)
            if is_json(args, kwargs):
                check_text(out, f"{fn.__name__}(…)")
            return out
        writer.__wrapped__ = fn
        return writer

    fmt = lambda args, kwargs: (args[1] if len(args) > 1 else kwargs.get("fmt")) == "json"  # noqa: E731
    monkeypatch.setattr(report, "render_comparison", checked_writer(report.render_comparison, fmt))
    monkeypatch.setattr(report, "render_edition", checked_writer(report.render_edition, fmt))
    monkeypatch.setattr(series, "render_series_json", checked_writer(series.render_series_json,
                                                                     lambda a, k: True))


def output_path(args: tuple) -> Path | None:
    """The file a CLI command line writes with `-o`/`--output` (None for stdout)."""
    args = [str(a) for a in args]
    for i, a in enumerate(args[:-1]):
        if a in ("-o", "--output") and args[i + 1] != "-":
            return Path(args[i + 1])
    return None
