"""The JSON Schemas (reportdiff/schemas/) describe every field the documents hold, with the right types.

Validation alone cannot catch a field the schemas forgot (they allow extra fields, for later versions), so each real
document here is also walked alongside its schema (`schema_check.undescribed`) and every key the schema does not
describe is a failure. The documents: the bundled samples compared (S/2025/72 → S/2025/496: rewritten changes with
successors, the brief, signals of five kinds), two generated editions with annex tables and a chart compared
(tests/pdfgen_tables.py: changed cells, rows, dates, a changed chart), the series of the samples, and an edition with
the fields of the `extract` branch (language, notes, unread pages, warnings).
"""
from __future__ import annotations

import copy

import jsonschema
import pytest

import pdfgen_tables as gen
import schema_check
from conftest import SAMPLES
from reportdiff import api, schemas
from reportdiff.lineage import build_series
from reportdiff.model import CHANGE_KINDS
from schema_check import undescribed

ASSESSMENT_KINDS = {"judgement", "figure", "recommendation", "new_concern", "dropped_concern"}
SIGNAL_FIELDS = {"kind", "old", "new", "context", "subject", "change", "direction", "score", "topic"}


@pytest.fixture(scope="module")
def samples():
    return api.compare(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf")


@pytest.fixture(scope="module")
def samples_doc(samples):
    return samples.to_dict(include_editions=True)


@pytest.fixture(scope="module")
def tables_doc(tmp_path_factory):
    old_pdf, new_pdf, _, _ = gen.edition_pair(tmp_path_factory.mktemp("annex"))
    return api.compare(old_pdf, new_pdf, cache=False).to_dict(include_editions=True)


def conforms(doc):
    """Valid against its schema, and no field of it left undescribed."""
    schemas.validate(doc)
    assert undescribed(doc) == []


def defs(name):
    return schemas.schema(name)["$defs"]


# ---------------------------------------------------------------------------------------------------- real documents

def test_samples_comparison_is_described_field_by_field(samples_doc):
    conforms(samples_doc)
    conforms(samples_doc["editions"]["new"])
    changes = samples_doc["changes"]
    summary = samples_doc["summary"]
    assert summary["rewritten"] == sum(c["kind"] == "rewritten" for c in changes) > 0
    assert sum(summary[k] for k in CHANGE_KINDS) == len(changes)
    rewritten = [c for c in changes if c["kind"] == "rewritten"]
    assert all(c["successor"] and 0 < c["successor"]["confidence"] <= 1 and c["successor"]["shared_terms"]
               for c in rewritten)
    signals = [s for c in changes for s in c["signals"]]
    assert ASSESSMENT_KINDS <= {s["kind"] for s in signals}
    assert all(set(s) == SIGNAL_FIELDS for s in signals)
    brief = samples_doc["brief"]
    assert [b["rank"] for b in brief] == list(range(1, len(brief) + 1)) and brief
    for item in brief:
        change = changes[item["change"]]
        assert (item["old"], item["new"]) == (change["old"], change["new"])
        assert any((s["old"], s["new"]) == (item["quote_old"], item["quote_new"]) for s in change["signals"])
    assert samples_doc["tables"] == [] and samples_doc["figures"] == []


def test_open_vocabularies_are_documented(samples_doc):
    """Signal kinds and directions, brief kinds and roles are open strings (later versions add values): every value
    the samples give is named in its field's description (`figure`; an empty string as 'empty')."""
    def named(values, spec):
        text = spec["description"]
        return {v for v in values if (f"`{v}`" not in text if v else "empty" not in text)}

    signals = [s for c in samples_doc["changes"] for s in c["signals"]]
    signal, item = defs("comparison")["signal"]["properties"], defs("comparison")["brief_item"]["properties"]
    assert len({s["direction"] for s in signals}) >= 8            # up, down, reversed, firmer, softer, changed, …
    assert named({s["kind"] for s in signals}, signal["kind"]) == set()
    assert named({s["direction"] for s in signals}, signal["direction"]) == set()
    assert named({b["kind"] for b in samples_doc["brief"]}, item["kind"]) == set()
    assert named({b["role"] for b in samples_doc["brief"]}, item["role"]) == set()


def test_tables_comparison_is_described_field_by_field(tables_doc):
    conforms(tables_doc)
    for side in ("old", "new"):
        edition = tables_doc["editions"][side]
        assert len(edition["tables"]) == 2 and len(edition["figures"]) == 1
        assert all(t["header"] and t["rows"] and t["total_rows"] for t in edition["tables"])
    changed = [t for t in tables_doc["tables"] if t["kind"] == "modified"]
    assert len(changed) == 2
    cells = [c for t in changed for c in t["cells"]]
    assert any(c["difference"] == 27 for c in cells) and any(c["total"] for c in cells)
    assert {"Norway", "Chile"} <= {r for t in changed for r in t["rows_added"]}
    assert {t["old_date"] for t in changed} == {"2099-03-14"} and {t["new_date"] for t in changed} == {"2099-06-13"}
    (chart,) = tables_doc["figures"]
    assert chart["kind"] == "modified" and chart["changed"] == ["title", "labels"] and chart["diff"]


def test_series_of_the_samples_is_described_field_by_field(samples):
    doc = build_series([samples.old, samples.new], [samples]).to_dict()
    conforms(doc)
    assert "rewritten" in {e["kind"] for e in doc["edges"]}
    assert "rewritten" in {e["kind"] for lin in doc["lineages"] for e in lin["events"]}


def test_edition_fields_of_the_extract_branch(samples):
    """The fields the `extract` branch adds to an edition (its Edition.to_dict, not merged yet) are described."""
    doc = samples.new.to_dict()
    doc.update({"language": "en", "notes": [{"number": "*", "text": "Reissued for technical reasons."}],
                "pages_without_text": [2], "warnings": ["page 2 of 14 is an image without a text layer"]})
    conforms(doc)
    for field, bad in (("language", "English"), ("pages_without_text", [0]), ("notes", ["*"])):
        with pytest.raises(jsonschema.ValidationError):
            schemas.validate({**doc, field: bad})


# ---------------------------------------------------------------------------------------------------- strictness

def _set(path):
    """A mutation: set the field at `path` (keys and indices) of a document to a value."""
    def apply(doc, value):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return apply


def _first(doc, kind):
    return next(i for i, c in enumerate(doc["changes"]) if c["kind"] == kind)


@pytest.mark.parametrize("where, value", [
    (lambda d: ["changes", _first(d, "rewritten"), "successor", "confidence"], 1.5),
    (lambda d: ["changes", _first(d, "rewritten"), "successor"], {"shared_terms": ["x"]}),
    (lambda d: ["changes", _first(d, "rewritten"), "signals", 0, "score"], -0.1),
    (lambda d: ["changes", _first(d, "rewritten"), "signals", 0, "direction"], None),
    (lambda d: ["brief", 0, "rank"], 0),
    (lambda d: ["brief", 0, "change"], "3"),
    (lambda d: ["brief", 0, "quote_new"], 7),
])
def test_comparison_schema_rejects_wrong_values(samples_doc, where, value):
    doc = copy.deepcopy(samples_doc)
    _set(where(doc))(doc, value)
    with pytest.raises(jsonschema.ValidationError):
        schemas.validate(doc)


@pytest.mark.parametrize("path, value", [
    (["tables", 0, "kind"], "renamed"),
    (["tables", 0, "cells", 0, "difference"], "-1"),
    (["tables", 0, "cells", 0, "total"], "no"),
    (["tables", 0, "old_date"], "14 March 2099"),
    (["figures", 0, "changed"], ["colour"]),
    (["figures", 0, "kind"], "rewritten"),
    (["editions", "old", "tables", 0, "rows"], ["Austria", "1"]),
    (["editions", "old", "tables", 0, "total_rows"], [-1]),
    (["editions", "old", "figures", 0, "notes"], "Source: the Mission."),
])
def test_table_and_figure_schemas_reject_wrong_values(tables_doc, path, value):
    doc = copy.deepcopy(tables_doc)
    _set(path)(doc, value)
    with pytest.raises(jsonschema.ValidationError):
        schemas.validate(doc)


def test_summary_and_series_know_rewritten(samples, samples_doc):
    doc = copy.deepcopy(samples_doc)
    for bad in (-1, "32", 1.5):
        doc["summary"]["rewritten"] = bad
        with pytest.raises(jsonschema.ValidationError):
            schemas.validate(doc)
    del doc["summary"]["rewritten"]             # a document of a version before the kind existed stays valid
    schemas.validate(doc)
    series = build_series([samples.old, samples.new], [samples]).to_dict()
    series["edges"][0]["kind"] = "moved"
    with pytest.raises(jsonschema.ValidationError):
        schemas.validate(series)


# ---------------------------------------------------------------------------------------------------- the walker

def test_a_field_the_schema_forgot_is_found(samples_doc, monkeypatch):
    """The walker reports a field the schema does not describe, however deep (through $ref, oneOf, arrays and
    into the edition schema)."""
    shipped = schemas.schema

    def forgetful(name):
        s = shipped(name)
        if s["$id"] == "urn:reportdiff:comparison:1":
            del s["$defs"]["successor"]["properties"]["shared_terms"]
            del s["$defs"]["signal"]["properties"]["direction"]
        if s["$id"] == "urn:reportdiff:edition:1":
            del s["$defs"]["footnote"]["properties"]["text"]
        return s

    monkeypatch.setattr(schema_check.schemas, "schema", forgetful)
    found = undescribed(samples_doc)
    k = _first(samples_doc, "rewritten")
    assert f"changes[{k}].successor.shared_terms" in found
    assert f"changes[{k}].signals[0].direction" in found
    footnoted = next(i for i, p in enumerate(samples_doc["editions"]["new"]["paragraphs"]) if p["footnotes"])
    assert f"editions.new.paragraphs[{footnoted}].footnotes[0].text" in found
    assert not any(f.endswith(".kind") or f.endswith(".confidence") for f in found)
