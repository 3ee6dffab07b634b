"""The library as a Python user meets it: precise types (mypy --strict), docstrings, one-line reprs, JSON round
trips, module names that no function hides, exceptions that are also the standard ones, and the JSON Schemas."""
from __future__ import annotations

import doctest
import errno
import io
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import reportdiff
from conftest import ROOT, SAMPLES
from reportdiff import api, schemas
from reportdiff.errors import InputFileError, JSONInputError, MissingFileError
from reportdiff.model import Comparison, Edition


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return reportdiff.compare(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf")


# ---------------------------------------------------------------------------------------------------- types

MYPY = [sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr", "--follow-imports=silent",
        "--no-incremental", "--cache-dir", os.devnull, "--no-error-summary"]


def _mypy(script: Path) -> subprocess.CompletedProcess:
    # --follow-imports=silent: mypy reads reportdiff's types, as a user's mypy reads an installed package's, but
    # reports only the user's script (the library itself is not written for --strict)
    return subprocess.run(MYPY + [str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_public_api_gives_mypy_strict_no_any():
    r = _mypy(ROOT / "tests" / "typing_check.py")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
def test_the_typing_check_catches_an_any(tmp_path):
    """The check above can fail: a call whose result is untyped is reported."""
    script = tmp_path / "leaky.py"
    script.write_text("import reportdiff\n\ndef f(c: reportdiff.Comparison) -> object:\n"
                      "    return c.to_dict()['changes']\n")
    r = _mypy(script)
    assert r.returncode == 1 and 'Expression has type "Any"' in r.stdout, r.stdout


def test_py_typed_ships_with_the_package():
    assert (Path(reportdiff.__file__).parent / "py.typed").is_file()
    text = (ROOT / "pyproject.toml").read_text()
    assert '"reportdiff" = ["py.typed"]' in text and '"reportdiff.schemas" = ["*.json"]' in text


# ---------------------------------------------------------------------------------------------------- docs

def _public_objects():
    for name in reportdiff.__all__:
        obj = getattr(reportdiff, name)
        if isinstance(obj, str):
            continue
        yield name, obj
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or not (callable(member) or isinstance(member, (property, classmethod))):
                    continue
                if attr in ("to_dict", "from_dict", "to_list"):     # the JSON plumbing, documented once below
                    continue
                yield f"{name}.{attr}", member
    for name in ("load_pair", "load_many", "is_cached"):
        yield f"api.{name}", getattr(api, name)


def test_every_public_class_and_function_has_a_docstring():
    missing = []
    for name, obj in _public_objects():
        target = obj.__func__ if isinstance(obj, classmethod) else obj.fget if isinstance(obj, property) else obj
        if not (getattr(target, "__doc__", None) or "").strip():
            missing.append(name)
    assert missing == []


def test_docstring_examples_run(monkeypatch):
    """The examples in the model's and the API's docstrings (run on the bundled samples) print what they say."""
    from reportdiff import model

    monkeypatch.chdir(ROOT)
    for module in (model, api):
        result = doctest.testmod(module, extraglobs={"reportdiff": reportdiff}, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted >= 3, (module.__name__, result)


def test_printing_an_edition_is_one_line():
    r = subprocess.run([sys.executable, "-c", "import reportdiff; print(reportdiff.load('samples/S_2025_72.pdf'))"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Edition('S/2025/72', 2025-01-31, 15 pages, 68 paragraphs)\n"


def test_reprs_are_short_single_lines(comparison):
    objects = [comparison, comparison.old, comparison.new, *comparison.changes, *comparison.sections,
               *comparison.old.sections, *comparison.new.paragraphs,
               *(f for p in comparison.old.paragraphs for f in p.footnotes),
               *(s for c in comparison.changes for s in c.signals),
               *(f for c in comparison.changes for f in c.footnotes)]
    series = reportdiff.lineage.build_series([comparison.old, comparison.new], [comparison])
    objects += [series, *series.lineages, *series.figures, *series.sections]
    for obj in objects:
        text = repr(obj)
        assert "\n" not in text and len(text) <= 160, text
    assert repr(comparison).startswith("Comparison('S/2025/72' → 'S/2025/496': ")
    assert repr(series).startswith("Series(2 editions S/2025/72 … S/2025/496, ")
    assert repr(comparison.changes[0]) == "Change('unchanged', ['1'] → ['1'])"


def test_reprs_show_untrusted_text_escaped():
    from reportdiff.model import Paragraph

    p = Paragraph("1", "1", None, "evil \x1b[31mred\u202e text")
    assert "\x1b" not in repr(p) and "\u202e" not in repr(p) and "\\x1b" in repr(p)


# ---------------------------------------------------------------------------------------------------- modules

def test_no_submodule_is_hidden_by_a_function():
    import importlib
    import pkgutil

    names = {m.name for m in pkgutil.iter_modules(reportdiff.__path__)}
    clashes = [n for n in names if callable(getattr(reportdiff, n, None))
               and not isinstance(getattr(reportdiff, n), type(reportdiff))]
    assert clashes == []
    lineage = importlib.import_module("reportdiff.lineage")
    assert lineage.Series is reportdiff.Series and callable(reportdiff.series)
    r = subprocess.run([sys.executable, "-c", "import reportdiff.lineage as m, reportdiff;"
                        "print(type(m).__name__, callable(reportdiff.series), m.build_series.__module__)"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.split() == ["module", "True", "reportdiff.lineage"], r.stderr


def test_import_reportdiff_is_light_and_reaches_names_and_submodules():
    """`import reportdiff` loads nothing until a name is used (a Ctrl-C while the command line loads is then ours
    to answer), yet every public name and submodule is there: `reportdiff.batches.run_item` (the README's task for a
    cluster) and `reportdiff.errors.UsageError` worked when the package imported its modules eagerly (a code
    review of the lazy exports)."""
    code = ("import sys, reportdiff; light = 'reportdiff.model' not in sys.modules and 'numpy' not in sys.modules; "
            "print(light, callable(reportdiff.batches.run_item), reportdiff.errors.UsageError.__name__, "
            "reportdiff.Edition.__module__, sorted(set(reportdiff.__all__) - set(dir(reportdiff))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.split() == ["True", "True", "UsageError", "reportdiff.model", "[]"], r.stderr


# ---------------------------------------------------------------------------------------------------- errors

def test_a_missing_file_is_also_a_file_not_found_error(tmp_path):
    missing = tmp_path / "missing.pdf"
    with pytest.raises(FileNotFoundError) as info:
        reportdiff.load(missing)
    err = info.value
    assert isinstance(err, InputFileError) and isinstance(err, reportdiff.ReportDiffError)
    assert isinstance(err, MissingFileError) and isinstance(err, OSError)
    assert err.errno == errno.ENOENT and err.filename == str(missing)
    assert str(err) == f"{missing} does not exist; check the path"       # still the one-line message
    again = pickle.loads(pickle.dumps(err))                               # as it comes back from a worker
    assert type(again) is MissingFileError and str(again) == str(err) and again.errno == errno.ENOENT
    with pytest.raises(IsADirectoryError):
        reportdiff.load(tmp_path)
    with pytest.raises(FileNotFoundError, match="no file matches"):
        reportdiff.series(str(tmp_path / "*.pdf"))


def test_an_empty_file_is_an_input_error_but_no_os_error(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError) as info:
        reportdiff.load(empty)
    assert not isinstance(info.value, OSError)


# ---------------------------------------------------------------------------------------------------- JSON

def test_edition_from_json_round_trips_every_source(comparison, tmp_path):
    ed = comparison.old
    text = ed.to_json()
    path = tmp_path / "edition.json"
    path.write_text(text, encoding="utf-8")
    for source in (text, text.encode("utf-8"), json.loads(text), path, str(path), io.StringIO(text),
                   io.BytesIO(text.encode())):
        assert Edition.from_json(source) == ed, type(source)
    assert json.loads(text)["schema"] == "reportdiff.edition/1"


def test_comparison_from_json_round_trips(comparison):
    again = Comparison.from_json(comparison.to_json(editions=True))
    assert again.to_dict(include_editions=True) == comparison.to_dict(include_editions=True)
    assert again.old == comparison.old and again.new == comparison.new
    assert [(c.kind, c.old, c.new, c.diff, c.signals) for c in again.changes] == \
        [(c.kind, c.old, c.new, c.diff, c.signals) for c in comparison.changes]


def test_comparison_from_the_cli_json_keeps_changes_and_metadata(comparison):
    """Without the editions (as `compare -f json` writes), the changes are whole and the editions are metadata."""
    again = Comparison.from_json(comparison.to_json())
    assert again.to_dict() == comparison.to_dict()
    assert again.summary() == comparison.summary() and again.differs
    assert again.old.symbol == "S/2025/72" and again.old.pages == 15 and again.old.paragraphs == []


def test_from_json_errors_are_clear(tmp_path, comparison):
    with pytest.raises(FileNotFoundError):
        Edition.from_json(tmp_path / "nope.json")
    with pytest.raises(JSONInputError, match="not JSON"):
        Edition.from_json(b"\x00not json")
    with pytest.raises(ValueError, match="reportdiff.comparison/1 document, not reportdiff.edition/1"):
        Edition.from_json(comparison.to_json())
    with pytest.raises(JSONInputError, match="malformed"):
        Comparison.from_json({"schema": "reportdiff.comparison/1", "old": {}, "new": {}, "summary": {},
                              "sections": [], "changes": [{}]})
    with pytest.raises(JSONInputError, match="JSON object"):
        Comparison.from_json(b"[1, 2]")


def test_from_json_refuses_what_is_no_document(comparison):
    """A user review: these were read, or failed outside the project's errors."""
    with pytest.raises(JSONInputError, match="not a value of type int"):
        Comparison.from_json(5)                           # was AttributeError: 'int' object has no attribute 'read'
    with pytest.raises(JSONInputError, match="got a list"):
        Comparison.from_json("[]")                        # was read as a path: "[] does not exist"
    with pytest.raises(JSONInputError, match="no 'symbol', 'date', 'title', 'pages', 'sections', 'paragraphs'"):
        Edition.from_json({})                             # was an empty edition
    data = comparison.to_dict()
    data["changes"][0]["kind"] = 123
    with pytest.raises(JSONInputError, match="change kind '123' is not one of unchanged"):
        Comparison.from_json(data)                        # was a change of kind 123
    full = comparison.to_dict(include_editions=True)
    for doc, cls, field in ((dict(full["editions"]["new"], title=5), Edition, "title should be str, not int"),
                            (_with_paragraph_text(full["editions"]["old"], ["x"]), Edition,
                             "paragraphs[0].text should be str, not list"),
                            (_with_signal_old(comparison.to_dict(), 7), Comparison, "signals[0].old")):
        with pytest.raises(JSONInputError, match=re.escape(field)):
            cls.from_json(doc)                            # was read, then AttributeError deep in a comparison


def test_from_json_refuses_numbers_and_versions_it_cannot_read(tmp_path, monkeypatch, comparison):
    """A reviewer's findings: these were read wrongly, or failed outside the project's errors."""
    edition = comparison.to_dict(include_editions=True)["editions"]["old"]
    with pytest.raises(JSONInputError, match="malformed"):
        Edition.from_json(b'{"schema": "reportdiff.edition/1", "symbol": null, "date": null, "title": "",'
                          b' "pages": 1e400, "sections": [], "paragraphs": []}')    # was OverflowError
    with pytest.raises(JSONInputError, match="2.7 is not a whole number"):
        Edition.from_json(dict(edition, pages=2.7))                                # was read as 2 pages
    assert Edition.from_json(dict(edition, pages=15.0)).pages == 15
    with pytest.raises(JSONInputError, match="reportdiff.edition/2 document; this reportdiff reads "
                                             "reportdiff.edition/1"):
        Edition.from_json(dict(edition, schema="reportdiff.edition/2"))            # was read as /1
    monkeypatch.chdir(tmp_path)
    for name in ("{draft}.json", "[draft].json"):                                  # "{…" was read as JSON text
        (tmp_path / name).write_text(json.dumps(edition), encoding="utf-8")
        assert Edition.from_json(name).symbol == "S/2025/72"


def _with_paragraph_text(edition: dict, text) -> dict:
    paragraphs = [dict(edition["paragraphs"][0], text=text)] + edition["paragraphs"][1:]
    return dict(edition, paragraphs=paragraphs)


def _with_signal_old(data: dict, value) -> dict:
    k = next(i for i, c in enumerate(data["changes"]) if c.get("signals"))
    change = data["changes"][k]
    data["changes"][k] = dict(change, signals=[dict(change["signals"][0], old=value)] + change["signals"][1:])
    return data


def test_schemas_accept_real_documents_and_reject_broken_ones(comparison):
    series = reportdiff.lineage.build_series([comparison.old, comparison.new], [comparison])
    for doc in (comparison.old.to_dict(), comparison.to_dict(), comparison.to_dict(include_editions=True),
                series.to_dict()):
        schemas.validate(doc)
    import jsonschema

    broken = comparison.to_dict()
    broken["changes"][0]["kind"] = "renamed"
    with pytest.raises(jsonschema.ValidationError):
        schemas.validate(broken)
    del broken["changes"][0]["kind"]
    with pytest.raises(jsonschema.ValidationError):
        schemas.validate(broken)
    extra = comparison.to_dict()
    extra["later_field"] = {"anything": 1}            # fields added by later versions are allowed
    extra["changes"][0]["tables"] = []
    schemas.validate(extra)


def test_no_schema_forbids_extra_fields():
    def walk(node):
        if isinstance(node, dict):
            assert node.get("additionalProperties", True) is not False
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for name in schemas.FILES:
        walk(schemas.schema(name))


def test_json_docs_page_is_generated_from_the_schemas():
    """docs/json.md is what `python -m reportdiff.schemas` writes: edit the schemas and regenerate."""
    assert (ROOT / "docs" / "json.md").read_text(encoding="utf-8") == schemas.markdown()
