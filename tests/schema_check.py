"""Every JSON document the tests produce is checked against the shipped JSON Schemas (reportdiff/schemas/).

conftest.py calls these from three places, so that no test has to remember to:
- the in-process writers (`render_comparison(..., "json")`, `render_edition(..., "json")`, `render_series_json`),
  wrapped for every test;
- the CLI run in a subprocess (`run_cli`): its stdout, and the file named by `-o`;
- after each test, every `*.json` under its `tmp_path`, and at the end of the session every entry of the test
  session's cache of parsed editions.
A document is recognised by its `schema` field (`reportdiff.*`); other JSON (fixtures, fuzz inputs) is left alone.
Beyond validity, every field of such a document must be described in its schema (`undescribed`): the schemas allow
extra fields for later versions, so validation alone would not see a field that the code writes and docs/json.md
does not document.
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
    forgotten = undescribed(doc)
    if forgotten:                   # a field the code writes and the schemas (so docs/json.md) do not describe
        raise AssertionError(f"{where or 'a JSON output'}: fields not described in {name}'s schema: "
                             f"{', '.join(forgotten[:10])}{' …' if len(forgotten) > 10 else ''}")
    checked["documents"] += 1
    return True


def undescribed(doc: Any, name: str | None = None) -> list[str]:
    """The fields of a document that its schema does not describe, as paths (`changes[3].successor.reason`).

    The schemas allow any extra field (later versions add fields), so validation alone cannot tell a field the
    schema forgot: this walks the document alongside its schema ($ref, oneOf/anyOf, items, prefixItems followed)
    and lists every object key that is not among the `properties` of the schema object it is read against."""
    if not isinstance(doc, dict):
        return []
    roots = {schemas.schema(n)["$id"]: schemas.schema(n) for n in schemas.FILES}
    root = schemas.schema(name or doc["schema"])
    out: list[str] = []
    _walk(doc, root, root, roots, "", out)
    return out


def _resolve(spec: dict, root: dict, roots: dict) -> tuple[dict, dict]:
    """`spec` with its $ref followed (also into another schema file, by its $id), and the root it now belongs to."""
    while "$ref" in spec:
        target, _, pointer = spec["$ref"].partition("#")
        root = roots[target] if target else root
        spec = root
        for part in [p for p in pointer.split("/") if p]:
            spec = spec[part]
    return spec, root


def _type_fits(value: Any, spec: dict) -> bool:
    kinds = spec.get("type")
    if kinds is None:
        return "const" in spec and spec["const"] == value or "enum" in spec and value in spec["enum"] or (
            "const" not in spec and "enum" not in spec)
    kinds = kinds if isinstance(kinds, list) else [kinds]
    python = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if isinstance(value, bool):
        return "boolean" in kinds
    if isinstance(value, (int, float)):
        return "number" in kinds or ("integer" in kinds and float(value).is_integer())
    return any(isinstance(value, python[k]) for k in kinds if k in python)


def _walk(value: Any, spec: dict, root: dict, roots: dict, path: str, out: list[str]) -> None:
    spec, root = _resolve(spec, root, roots)
    for key in ("oneOf", "anyOf"):
        if key in spec:
            fitting = [_resolve(s, root, roots) for s in spec[key]]
            fitting = [(s, r) for s, r in fitting if _type_fits(value, s)]
            if fitting:
                _walk(value, fitting[0][0], fitting[0][1], roots, path, out)
            return
    if isinstance(value, dict):
        described = spec.get("properties", {})
        for k, v in value.items():
            where = f"{path}.{k}" if path else k
            if k not in described:
                out.append(where)
            else:
                _walk(v, described[k], root, roots, where, out)
    elif isinstance(value, list):
        prefix = spec.get("prefixItems", [])
        for i, v in enumerate(value):
            item = prefix[i] if i < len(prefix) else spec.get("items")
            if isinstance(item, dict):
                _walk(v, item, root, roots, f"{path}[{i}]", out)


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
