"""End to end: the committed generated pair (tests/fixtures/pair-seed3) against its ground truth, and, when the
sample PDFs are there, a real pair of UN reports read from PDF."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import assert_new_reading_order, assert_partition
from reportdiff.diff.comparison import compare_editions
from reportdiff.model import Edition, Footnote, Paragraph, Section

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "pair-seed3"
SAMPLES = ROOT / "samples"
MARKER = re.compile(r"\[\^\d+\]")


def edition_from_model(model: dict) -> Edition:
    """The generator's text model as an Edition: paragraph id = number, section id = path (II.B.1, or
    III.B.[Organized crime] for an unlabelled heading), footnote markers stripped from the text."""
    sections, paragraphs, stack = [], [], []
    for s in model["sections"]:
        while stack and stack[-1][0] >= s["level"]:
            stack.pop()
        parent = stack[-1][1] if stack else None
        part = s["label"].rstrip(".") if s["label"] else f"[{s['title']}]"
        path = f"{parent}.{part}" if parent else part
        stack.append((s["level"], path))
        sections.append(Section(id=path, label=s["label"], title=s["title"], level=s["level"], parent=parent))
        for p in s["paragraphs"]:
            paragraphs.append(Paragraph(id=str(p["number"]), number=str(p["number"]), section=path,
                                        text=" ".join(MARKER.sub("", p["text"]).split()),
                                        footnotes=[Footnote(str(f["number"]), f["text"]) for f in p["footnotes"]]))
    meta = model["meta"]
    return Edition(symbol=meta.get("symbol"), date=meta.get("date"), title=meta.get("title", ""), pages=0,
                   sections=sections, paragraphs=paragraphs)


def truth_sets(truth: dict):
    """(links, kinds, moved, section title pairs) as the project's scorer reads the ground truth."""
    links, kinds, moved = set(), {}, set()
    for r in truth["paragraphs"]:
        n, kind = str(r["new"]), r["kind"]
        if kind == "moved":
            moved.add(n)
            kind = "modified" if r.get("text_changed") else "unchanged"
        kinds["n" + n] = kind
        links |= {(str(o), n) for o in r["from"]} or {(None, n)}
    for r in truth["removed"]:
        links.add((str(r["old"]), None))
        kinds["o" + str(r["old"])] = "removed"
    sections = {(s["from"]["title"], s["title"]) for s in truth["sections"] if s["from"]}
    return links, kinds, moved, sections


def comparison_sets(c: dict):
    links, kinds, moved = set(), {}, set()
    for ch in c["changes"]:
        for n in ch["new"]:
            kinds["n" + n] = ch["kind"]
            if ch["moved"]:
                moved.add(n)
        if ch["kind"] == "removed":
            kinds.update({"o" + o: "removed" for o in ch["old"]})
        links |= {(o, n) for o in ch["old"] or [None] for n in ch["new"] or [None]}
    sections = {(s["old_title"], s["new_title"]) for s in c["sections"] if s["old"] and s["new"]}
    return links, kinds, moved, sections


@pytest.fixture(scope="module")
def fixture_comparison():
    old, new = (edition_from_model(json.loads((FIXTURE / f).read_text(encoding="utf-8")))
                for f in ("old.json", "new.json"))
    truth = json.loads((FIXTURE / "truth.json").read_text(encoding="utf-8"))
    return compare_editions(old, new), truth


def test_fixture_pair_matches_its_ground_truth(fixture_comparison):
    comparison, truth = fixture_comparison
    want_links, want_kinds, want_moved, want_sections = truth_sets(truth)
    got_links, got_kinds, got_moved, got_sections = comparison_sets(comparison.to_dict())
    tp = len(got_links & want_links)
    f1 = 2 * tp / (len(got_links) + len(want_links))
    assert f1 >= 0.99, (sorted(want_links - got_links, key=str), sorted(got_links - want_links, key=str))
    kind_ok = sum(got_kinds.get(k) == v for k, v in want_kinds.items()) / len(want_kinds)
    assert kind_ok >= 0.97
    assert got_moved == want_moved
    assert got_sections == want_sections


def test_fixture_json_is_a_partition_in_reading_order(fixture_comparison):
    comparison, _ = fixture_comparison
    d = json.loads(json.dumps(comparison.to_dict()))
    olds = [o for ch in d["changes"] for o in ch["old"]]
    assert sorted(olds, key=int) == [p.id for p in comparison.old.paragraphs]
    assert_partition(comparison)
    assert_new_reading_order(comparison)
    assert sum(v for k, v in d["summary"].items() if k != "moved") == len(d["changes"])


def test_fixture_signals_report_the_changed_figures_and_dates(fixture_comparison):
    comparison, truth = fixture_comparison
    by_new = {n: ch for ch in comparison.changes for n in ch.new}
    for r in truth["paragraphs"]:
        edits = set(r["edits"])
        ch = by_new[str(r["new"])]
        if "number" in edits:
            assert any(s.kind == "figure" for s in ch.signals), ch.diff
        if "date" in edits:
            assert any(s.kind == "date" for s in ch.signals), ch.diff
        if "reword:hedge" in edits:
            assert any(s.kind == "hedge" for s in ch.signals), ch.diff


def test_fixture_renamed_section_and_edited_footnote(fixture_comparison):
    comparison, _ = fixture_comparison
    renamed = {(s.old_title, s.new_title) for s in comparison.sections if s.renamed}
    assert ("International judicial cooperation", "International legal and judicial cooperation") in renamed
    # footnote 1 of the old edition gained the previous report's symbol; its paragraph reports the edit
    edits = [f for ch in comparison.changes for f in ch.footnotes if f.kind == "modified"]
    assert any("S/2018/770" in t for f in edits for op, t in f.diff if op == "+")


@pytest.mark.slow
@pytest.mark.skipif(not (SAMPLES / "S_2025_72.pdf").exists() or not (SAMPLES / "S_2025_496.pdf").exists(),
                    reason="sample PDFs not present")
def test_real_pair_from_pdf():
    pytest.importorskip("reportdiff.pdf.extract")
    from reportdiff.api import compare

    c = compare(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf")
    d = c.to_dict()
    # a partition, in the new edition's reading order
    assert sorted(o for ch in d["changes"] for o in ch["old"]) == sorted(p.id for p in c.old.paragraphs)
    assert_partition(c)
    assert_new_reading_order(c)
    # the 21st report rewrote most paragraphs, but it is the same series with the same headings
    assert not c.warnings
    paired = [s for s in c.sections if s.old and s.new]
    assert len(paired) >= 0.9 * len(c.new.sections)
    assert all(s.old_title == s.new_title for s in paired if s.new_title and "Introduction" in s.new_title)
    # what kept its wording stayed in place; what moved is a rewritten subject, such as the ISIL-K paragraph, which
    # the 21st report tells after the African affiliates (old 8 -> new 15, as the analysts' keys link it)
    moved = [ch for ch in d["changes"] if ch["moved"]]
    assert all(ch["kind"] == "rewritten" for ch in moved)
    assert any(ch["old"] == ["8"] and ch["new"] == ["15"] for ch in moved)
    # the paragraph that numbers the report is the same paragraph, with the ordinal changed
    texts = {p.id: p.text for p in c.new.paragraphs}
    ordinal = next(ch for ch in c.changes if ch.new and texts[ch.new[0]].startswith("The present report is the"))
    assert ordinal.kind == "modified"
    assert any(op == "-" and "twentieth" in t for op, t in ordinal.diff)
    assert any(op == "+" and "twenty-first" in t for op, t in ordinal.diff)
