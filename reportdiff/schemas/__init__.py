"""JSON Schemas (draft 2020-12) of reportdiff's JSON documents, shipped with the package.

    edition.json      reportdiff.edition/1       `reportdiff extract -f json`, `Edition.to_json()`
    comparison.json   reportdiff.comparison/1    `reportdiff compare -f json`, `Comparison.to_json()`
    series.json       reportdiff.series/1        `reportdiff series -f json`, `Series.to_json()`

The schemas are the documentation: every field has a description, and docs/json.md is generated from them
(`python -m reportdiff.schemas > docs/json.md`; a test keeps the page current). Required fields are those of the
contract the measuring tools read; any other field may be added by a later version (no schema forbids
additional properties), so a reader must ignore fields it does not know.

    >>> from reportdiff import schemas
    >>> schemas.validate(edition.to_dict())        # raises jsonschema.ValidationError when it does not conform

`validate` needs the `jsonschema` package (in the `test` extra); reading the schemas does not.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

#: Document schema name (the `schema` field) → schema file.
FILES = {"reportdiff.edition/1": "edition.json", "reportdiff.comparison/1": "comparison.json",
         "reportdiff.series/1": "series.json"}


@functools.lru_cache(maxsize=None)
def _text(file: str) -> str:
    return resources.files(__name__).joinpath(file).read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of documents named `name` (`"reportdiff.edition/1"`, or the short `"edition"`)."""
    file = FILES.get(name) or f"{name}.json"
    if file not in FILES.values():
        raise KeyError(f"no schema {name!r}; known: {', '.join(FILES)}")
    loaded: dict[str, Any] = json.loads(_text(file))
    return loaded


def validate(document: dict[str, Any], name: str | None = None) -> None:
    """Check a JSON document (as a dict) against its schema: the one its `schema` field names, or `name`.
    Raises `jsonschema.ValidationError` (with the path of the offending field) when it does not conform."""
    target = name or document.get("schema")
    if not isinstance(target, str):
        raise ValueError("the document names no schema; pass name='reportdiff.edition/1' (or comparison, series)")
    _validator(target).validate(document)


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(schema(name), registry=_registry())


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    """The three schemas by their $id, so that one can refer to another (a comparison holds editions)."""
    from referencing import Registry, Resource

    return Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in (schema(n) for n in FILES))


# ---------------------------------------------------------------------------------------------------- docs

def markdown() -> str:
    """docs/json.md: every object of every schema as a table of its fields (type, required, meaning)."""
    out = ["# reportdiff's JSON documents", "",
           "<!-- Generated from reportdiff/schemas/*.json by `python -m reportdiff.schemas > docs/json.md`; "
           "edit the schemas, not this page. -->", "",
           "Three documents, each naming its format in its `schema` field. The JSON Schemas (draft 2020-12) ship "
           "with the package in `reportdiff/schemas/` (`reportdiff.schemas.schema(name)`, "
           "`reportdiff.schemas.validate(document)`).", "",
           "**Compatibility.** Required fields (marked ✓) are the contract: they are always there, with these "
           "meanings, for the major version in the name (`/1`). Other fields may be added at any time, to any "
           "object: a reader must ignore fields it does not know. A field that is absent or `null` where the "
           "type allows it means \"not known\".", ""]
    for name, file in FILES.items():
        s = schema(name)
        out += [f'<a name="{_anchor(file, "")}"></a>', "", f"## `{name}` ({file})", "", s.get("description", ""), ""]
        out += _table(s, file)
        for key, d in s.get("$defs", {}).items():
            out += [f'<a name="{_anchor(file, key)}"></a>', "", f"### {d.get('title', key)} ({file.removesuffix('.json')})", ""]
            if d.get("description"):
                out += [d["description"], ""]
            if d.get("type") == "object":
                out += _table(d, file)
            else:
                out += [f"Type: {_type(d, file)}.", ""]
    return "\n".join(out).rstrip() + "\n"


def _anchor(file: str, key: str) -> str:
    """The HTML anchor of a schema's section (`key` empty) or of one of its objects."""
    stem = file.removesuffix(".json")
    return f"{stem}-{key.replace('_', '-')}" if key else stem


def _table(obj: dict[str, Any], file: str) -> list[str]:
    required = set(obj.get("required", []))
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for field, spec in obj.get("properties", {}).items():
        text = spec.get("description", "").replace("|", "\\|")
        rows.append(f"| `{field}` | {_type(spec, file)} | {'✓' if field in required else ''} | {text} |")
    return rows + [""]


def _type(spec: dict[str, Any], file: str) -> str:
    """A short human reading of a field's type: `string or null`, `array of Section`, `"=", "-" or "+"`."""
    if "const" in spec:
        return f"`{json.dumps(spec['const'])}`"
    if "enum" in spec:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" for v in spec["enum"])
    if "$ref" in spec:
        return _ref(spec["$ref"], file)
    if "oneOf" in spec:
        return " or ".join(_type(s, file) for s in spec["oneOf"])
    kinds = spec.get("type", "any")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    words = []
    for kind in kinds:
        if kind == "array" and "items" in spec:
            words.append(f"array of {_type(spec['items'], file)}")
        elif kind == "array" and "prefixItems" in spec:
            words.append("[" + "; ".join(_type(s, file) for s in spec["prefixItems"]) + "]")
        elif kind in ("number", "integer"):
            words.append(kind + _bounds(spec))
        else:
            words.append(kind)
    return " or ".join(words)


def _bounds(spec: dict[str, Any]) -> str:
    """A number's range as a reader wants it: ` 0 to 1`, ` ≥ 1` (empty when unbounded)."""
    low, high = spec.get("minimum"), spec.get("maximum")
    if low is not None and high is not None:
        return f" {low} to {high}"
    if low is not None:
        return f" ≥ {low}"
    return f" ≤ {high}" if high is not None else ""


def _ref(ref: str, file: str) -> str:
    """A $ref as a link to the object's table: `#/$defs/x` in this file, `urn:reportdiff:edition:1#/$defs/x`."""
    target, _, pointer = ref.partition("#")
    target_file = f"{target.split(':')[2]}.json" if target.startswith("urn:reportdiff:") else file
    key = pointer.rsplit("/", 1)[-1] if pointer else ""
    if not key:
        return f"[{target_file.removesuffix('.json')}](#{_anchor(target_file, '')})"
    title = schema(target_file.removesuffix(".json")).get("$defs", {}).get(key, {}).get("title", key)
    return f"[{title}](#{_anchor(target_file, key)})"

