"""Comparisons for the render tests, built from the model classes directly (no extraction or alignment needed).

- `realistic_comparison()`: a small ISIL-report-like pair with every kind of change, signals, footnote changes, a
  moved paragraph, a renamed, an added and a removed section, unnumbered paragraphs and unchanged runs.
- `fixture_comparison()`: the generated pair in tests/fixtures/pair-seed3 (≈100 paragraphs, 23 sections) with its
  ground truth turned into changes and word diffs, for size and layout on a report of real length.
- `hostile_comparison()`: texts, titles, symbols and footnotes full of markup and script injections.
"""
from __future__ import annotations

import json
import difflib
import re
from pathlib import Path

from reportdiff.render.view import small_word_diff
from reportdiff.model import (Change, Comparison, Edition, Footnote, FootnoteChange, Paragraph, Section, SectionPair,
                              Signal)

FIXTURES = Path(__file__).parent / "fixtures"

word_ops = small_word_diff   # the renderer's own small word diff builds the sample redlines


_NUM = re.compile(r"\d[\d,.]*\d|\d")
_HEDGE = re.compile(r"\b(may|might|likely|possibly|reportedly|probably|could|appears?|remained?|increas\w*|"
                    r"decreas\w*|high|low|significant\w*)\b", re.I)


def signals_for(ops: list[tuple[str, str]]) -> list[Signal]:
    """A crude stand-in for signals.py: changed numbers and hedging words next to each other in the diff."""
    out: list[Signal] = []
    new_text = "".join(t for op, t in ops if op != "-")
    i = 0
    while i < len(ops):
        op, t = ops[i]
        if op == "-" and i + 1 < len(ops) and ops[i + 1][0] == "+":
            a, b = t, ops[i + 1][1]
            kind = "date" if re.search(r"\b(19|20)\d\d\b|January|February|March|April|May|June|July|August|"
                                       r"September|October|November|December", a + b) else \
                "figure" if _NUM.search(a) or _NUM.search(b) else "hedge" if _HEDGE.search(a + b) else None
            if kind:
                pos = new_text.find(b)
                ctx = new_text[max(0, pos - 40): pos + len(b) + 40] if pos >= 0 else b
                out.append(Signal(kind, a.strip(), b.strip(), " ".join(ctx.split())))
            i += 2
            continue
        i += 1
    return out


# ---------------------------------------------------------------------------------------------------- realistic

P9_OLD = ("Da’esh maintained up to 3,000 fighters across Iraq and the Syrian Arab Republic, most of them in "
          "remote desert areas. The group was likely to exploit security gaps in the north-east.")
P9_NEW = ("Da’esh maintained up to 4,000 fighters across Iraq and the Syrian Arab Republic, most of them in "
          "remote desert areas and detention facilities. The group was expected to exploit security gaps in the "
          "north-east.")


def realistic_comparison() -> Comparison:
    old_secs = [
        Section("I", "I.", "Introduction", 1),
        Section("II", "II.", "Threat assessment", 1),
        Section("II.A", "A.", "Overview and evolution of the threat", 2, "II",
                footnotes=[Footnote("4", "More information on the threat is in S/2025/71.")]),
        Section("II.B", "B.", "Regional trends", 2, "II"),
        Section("II.B.1", "1.", "Africa", 3, "II.B"),
        Section("II.B.2", "2.", "Europe", 3, "II.B"),
        Section("II.C", "C.", "Financing", 2, "II"),
        Section("III", "III.", "Observations", 1),
    ]
    new_secs = [
        Section("I", "I.", "Introduction", 1),
        Section("II", "II.", "Threat assessment", 1),
        Section("II.A", "A.", "Overview and evolution of the threat", 2, "II",
                footnotes=[Footnote("4", "More information on the threat is in S/2025/482.")]),
        Section("II.B", "B.", "Regional developments", 2, "II"),
        Section("II.B.1", "1.", "Africa", 3, "II.B"),
        Section("II.B.2", "2.", "Europe", 3, "II.B"),
        Section("II.C", "C.", "Use of new technologies", 2, "II"),
        Section("III", "III.", "Observations and recommendations", 1),
    ]
    intro = [
        "In adopting its resolution 2253 (2015), the Security Council expressed its determination to address the "
        "threat posed to international peace and security by Da’esh and associated individuals and groups.",
        "The present report is the twentieth such report. It was prepared by the Office of Counter-Terrorism, with "
        "the input of the Counter-Terrorism Committee Executive Directorate and the Monitoring Team.",
        "During the reporting period, the threat posed by Da’esh and its affiliates to international peace and "
        "security remained high.",
    ]
    intro_new = [intro[0],
                 intro[1].replace("twentieth", "twenty-first"),
                 intro[2]]
    overview_same = [
        "The threat posed by Da’esh and its affiliates remained dynamic and diverse, with the highest intensity "
        "observed in parts of Africa.",
        "Da’esh had still not officially confirmed the identity of its overall leader, who had adopted the name "
        "Abu Hafs al-Hashimi al-Qurayshi.",
        "Leadership attrition continued, notably with the death of a senior figure in Anbar Governorate in Iraq.",
    ]
    old_p = [
        Paragraph("1", "1", "I", intro[0]), Paragraph("2", "2", "I", intro[1],
                                                      [Footnote("3", "See S/2016/92 and S/2024/583.")]),
        Paragraph("3", "3", "I", intro[2]),
        Paragraph("4", "4", "II.A", overview_same[0]), Paragraph("5", "5", "II.A", overview_same[1]),
        Paragraph("6", "6", "II.A", overview_same[2]),
        Paragraph("7", "7", "II.A", "Member States reported that the group relied increasingly on cash couriers."),
        Paragraph("8", "8", "II.A", P9_OLD, [Footnote("5", "Information provided by a Member State.")]),
        Paragraph("9", "9", "II.B.1", "In West Africa, the Islamic State West Africa Province remained the largest "
                  "affiliate, with between 3,500 and 5,000 fighters. Attacks increased in the Lake Chad Basin."),
        Paragraph("10", "10", "II.B.1", "In the Sahel, the affiliate expanded its operations towards the coastal "
                  "States. Kidnapping for ransom remained an important source of revenue for the group and its "
                  "regional partners."),
        Paragraph("11", "11", "II.B.2", "The threat in Europe remained high, with several attacks foiled in 2024."),
        Paragraph("12", "12", "II.B.2", "Online radicalization of minors was a growing concern for Member States."),
        Paragraph("13", "13", "II.C", "Da’esh continued to raise funds through extortion, kidnapping and the "
                  "taxation of local populations, with reserves estimated at $10 million to $20 million."),
        Paragraph("14", "14", "III", "The Secretary-General remains concerned by the persistence of the threat."),
        Paragraph("u1", None, "III", "Member States are encouraged to continue sharing information."),
    ]
    new_p = [
        Paragraph("1", "1", "I", intro_new[0]),
        Paragraph("2", "2", "I", intro_new[1], [Footnote("3", "See S/2016/92, S/2024/583 and S/2025/72.")]),
        Paragraph("3", "3", "I", intro_new[2]),
        Paragraph("4", "4", "II.A", overview_same[0]), Paragraph("5", "5", "II.A", overview_same[1]),
        Paragraph("6", "6", "II.A", overview_same[2]),
        Paragraph("7", "7", "II.A", "Da’esh deployed new recruitment tactics targeting young people online, "
                  "including through gaming platforms."),
        Paragraph("8", "8", "II.A", P9_NEW, [Footnote("5", "Information provided by Member States.")]),
        Paragraph("9", "9", "II.B.1", "In West Africa, the Islamic State West Africa Province remained the largest "
                  "affiliate, with between 4,000 and 6,000 fighters."),
        Paragraph("10", "10", "II.B.1", "Attacks increased in the Lake Chad Basin since March 2025."),
        Paragraph("11", "11", "II.B.1", "In the Sahel, the affiliate expanded its operations towards the coastal "
                  "States. Kidnapping for ransom remained an important source of revenue for the group and its "
                  "regional partners."),
        Paragraph("12", "12", "II.B.2", "The threat in Europe remained high, with several attacks foiled in 2024 "
                  "and 2025. Online radicalization of minors was a growing concern for Member States."),
        Paragraph("13", "13", "II.C", "Da’esh increasingly used cryptocurrencies and generative artificial "
                  "intelligence for propaganda."),
        Paragraph("14", "14", "III", "Da’esh continued to raise funds through extortion, kidnapping and the "
                  "taxation of local populations, with reserves estimated at $10 million to $25 million."),
        Paragraph("15", "15", "III", "The Secretary-General remains deeply concerned by the persistence of the "
                  "threat."),
        Paragraph("u1", None, "III", "Member States are encouraged to continue sharing information."),
    ]
    old = Edition("S/2025/72", "2025-01-31", "Twentieth report of the Secretary-General on the threat posed by "
                  "ISIL (Da’esh) to international peace and security", 14, old_secs, old_p, "S_2025_72.pdf")
    new = Edition("S/2025/496", "2025-08-01", "Twenty-first report of the Secretary-General on the threat posed "
                  "by ISIL (Da’esh) to international peace and security", 15, new_secs, new_p, "S_2025_496.pdf")
    op, np_ = {p.id: p for p in old_p}, {p.id: p for p in new_p}

    def mod(o: list[str], n: list[str], kind: str = "modified", moved: bool = False, fns=()) -> Change:
        a = " ".join(op[x].text for x in o)
        b = " ".join(np_[x].text for x in n)
        ops = word_ops(a, b)
        sim = difflib.SequenceMatcher(None, a, b).ratio()
        return Change(kind, o, n, moved, sim, ops, signals_for(ops), list(fns))

    def same(i: str) -> Change:
        return Change("unchanged", [i], [i], False, 1.0, [("=", np_[i].text)])

    changes = [
        same("1"),
        mod(["2"], ["2"], fns=[FootnoteChange("modified", Footnote("3", "See S/2016/92 and S/2024/583."),
                                              Footnote("3", "See S/2016/92, S/2024/583 and S/2025/72."),
                                              word_ops("See S/2016/92 and S/2024/583.",
                                                       "See S/2016/92, S/2024/583 and S/2025/72."))]),
        same("3"), same("4"), same("5"), same("6"),
        Change("removed", ["7"], [], diff=[("-", op["7"].text)]),
        Change("added", [], ["7"], similarity=0.0, diff=[("+", np_["7"].text)]),
        mod(["8"], ["8"], fns=[FootnoteChange("modified", Footnote("5", "Information provided by a Member State."),
                                              Footnote("5", "Information provided by Member States."),
                                              word_ops("Information provided by a Member State.",
                                                       "Information provided by Member States."))]),
        mod(["9"], ["9", "10"], kind="split"),
        Change("unchanged", ["10"], ["11"], diff=[("=", np_["11"].text)]),
        mod(["11", "12"], ["12"], kind="merged"),
        Change("added", [], ["13"], similarity=0.0, diff=[("+", np_["13"].text)]),
        mod(["13"], ["14"], moved=True),
        mod(["14"], ["15"]),
        Change("unchanged", ["u1"], ["u1"], diff=[("=", np_["u1"].text)]),
    ]
    # The mock signal finder is crude; make the headline ones explicit, as signals.py would.
    changes[8].signals = [Signal("figure", "up to 3,000", "up to 4,000", "Da’esh maintained up to 4,000 fighters "
                                 "across Iraq"),
                          Signal("hedge", "likely", "expected", "The group was expected to exploit security gaps")]
    changes[13].signals = [Signal("figure", "$20 million", "$25 million", "reserves estimated at $10 million to "
                                  "$25 million")]
    changes[9].signals = [Signal("figure", "between 3,500 and 5,000", "between 4,000 and 6,000",
                                 "with between 4,000 and 6,000 fighters"),
                          Signal("date", None, "March 2025", "Attacks increased in the Lake Chad Basin since "
                                 "March 2025")]
    changes[14].signals = [Signal("hedge", None, "deeply", "remains deeply concerned")]
    sections = [SectionPair("I", "I", "Introduction", "Introduction"),
                SectionPair("II", "II", "Threat assessment", "Threat assessment"),
                SectionPair("II.A", "II.A", "Overview and evolution of the threat",
                            "Overview and evolution of the threat"),
                SectionPair("II.B", "II.B", "Regional trends", "Regional developments"),
                SectionPair("II.B.1", "II.B.1", "Africa", "Africa"),
                SectionPair("II.B.2", "II.B.2", "Europe", "Europe"),
                SectionPair(None, "II.C", None, "Use of new technologies"),
                SectionPair("II.C", None, "Financing", None),
                SectionPair("III", "III", "Observations", "Observations and recommendations")]
    return Comparison(old, new, sections, changes, warnings=[])


# ---------------------------------------------------------------------------------------------------- fixture pair

def _strip_markers(text: str) -> str:
    return " ".join(re.sub(r"\[\^\d+\]", "", text).split())


def _edition_from_model(model: dict, pages: int) -> tuple[Edition, dict[int, str]]:
    meta = model["meta"]
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    stack: list[str] = []
    para_section: dict[int, str] = {}
    months = {m: i for i, m in enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                                          "September", "October", "November", "December"), 1)}
    d, m, y = meta["date"].split()
    for k, s in enumerate(model["sections"]):
        level = s["level"]
        core = s["label"].strip(".") or f"[{s['title']}]"
        stack = stack[: level - 1] + [core]
        sid = ".".join(stack)
        sections.append(Section(sid, s["label"], s["title"], level, ".".join(stack[:-1]) or None))
        for p in s.get("paragraphs", []):
            paragraphs.append(Paragraph(str(p["number"]), str(p["number"]), sid, _strip_markers(p["text"]),
                                        [Footnote(str(f["number"]), f["text"]) for f in p.get("footnotes", [])]))
            para_section[p["number"]] = sid
    ed = Edition(meta["symbol"], f"{y}-{months[m]:02d}-{int(d):02d}", meta["title"], pages, sections, paragraphs,
                 meta["symbol"].replace("/", "_") + ".pdf")
    return ed, para_section


def fixture_comparison(name: str = "pair-seed3") -> Comparison:
    base = FIXTURES / name
    truth = json.loads((base / "truth.json").read_text())
    old, _ = _edition_from_model(json.loads((base / "old.json").read_text()), 14)
    new, _ = _edition_from_model(json.loads((base / "new.json").read_text()), 15)
    op, np_ = {p.id: p for p in old.paragraphs}, {p.id: p for p in new.paragraphs}
    changes: list[Change] = []
    seen_split: set[tuple] = set()
    removed = {r["old"]: r for r in truth["removed"]}
    emitted_old: set[int] = set()

    def emit_removed_before(old_num: int) -> None:
        for r in sorted(removed):
            if r < old_num and r not in emitted_old:
                emitted_old.add(r)
                changes.append(Change("removed", [str(r)], [], diff=[("-", op[str(r)].text)], similarity=0.0))

    by_new = {p["new"]: p for p in truth["paragraphs"]}
    i = 0
    news = sorted(by_new)
    while i < len(news):
        t = by_new[news[i]]
        kind, frm = t["kind"], [str(x) for x in t["from"]]
        if frm:
            emit_removed_before(int(frm[0]))
        if kind == "split":
            group = [news[i]]
            while i + 1 < len(news) and by_new[news[i + 1]]["kind"] == "split" and by_new[news[i + 1]]["from"] == t["from"]:
                i += 1
                group.append(news[i])
            key = tuple(frm)
            if key in seen_split:
                i += 1
                continue
            seen_split.add(key)
            nids = [str(x) for x in group]
        else:
            nids = [str(news[i])]
        a = " ".join(op[x].text for x in frm)
        b = " ".join(np_[x].text for x in nids)
        ops = word_ops(a, b) if frm else [("+", b)]
        emitted_old.update(int(x) for x in frm)
        real = {"moved": "unchanged" if a == b else "modified"}.get(kind, kind)
        if real == "modified" and a == b:
            real = "unchanged"
        if real in ("unchanged",) and a != b:
            real = "modified"
        fns = []
        if frm and len(frm) == 1 and len(nids) == 1:
            for fo, fn in zip(op[frm[0]].footnotes, np_[nids[0]].footnotes):
                if fo.text != fn.text:
                    fns.append(FootnoteChange("modified", fo, fn, word_ops(fo.text, fn.text)))
        changes.append(Change(real, frm, nids, kind == "moved", difflib.SequenceMatcher(None, a, b).ratio(),
                              ops if real != "unchanged" else [("=", b)],
                              signals_for(ops) if real != "unchanged" else [], fns))
        i += 1
    emit_removed_before(10 ** 6)
    pairs = []
    for s in truth["sections"]:
        nid = s["path"]
        frm = s.get("from")
        pairs.append(SectionPair(frm["path"] if frm else None, nid, frm["title"] if frm else None, s["title"]))
    for r in truth.get("removed_sections", []):
        pairs.append(SectionPair(r["path"], None, r.get("title"), None))
    return Comparison(old, new, pairs, changes)


# ---------------------------------------------------------------------------------------------------- hostile

PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
            "'><svg onload=alert(1)>", "</textarea><iframe src=\"https://evil.example/\"></iframe>",
            "{{ 7*7 }} {% raw %}", "<style>body{display:none}</style>", "\u202eevil\x1b[31mred"]


def hostile_comparison() -> Comparison:
    bad = " ".join(PAYLOADS)
    sec_old = [Section("I", "I.", "Intro <script>alert(1)</script>", 1),
               Section("II", "II.", '"><img src=x onerror=alert(1)>', 1)]
    sec_new = [Section("I", "I.", "Intro <script>alert(2)</script>", 1),
               Section("II", "II.", '"><img src=x onerror=alert(1)>', 1),
               Section("III", "<b>III.</b>", "javascript:alert(1)", 1)]
    old_p = [Paragraph("1", "1", "I", "Plain start. " + bad, [Footnote("1", "<script>alert('fn')</script>")]),
             Paragraph("2", "2", "II", "Unchanged <img src=x onerror=alert(1)> text."),
             Paragraph("3", "3", "II", "Gone <script>alert(3)</script>"),
             Paragraph("<x>", '"><b>4', "II", "Moved <svg onload=alert(1)>")]
    new_p = [Paragraph("1", "1", "I", "Plain start changed. " + bad, [Footnote("1", "<script>alert('fn2')</script>")]),
             Paragraph("2", "2", "II", "Unchanged <img src=x onerror=alert(1)> text."),
             Paragraph("<x>", '"><b>4', "III", "Moved <svg onload=alert(1)>"),
             Paragraph("5", "5", "III", "New javascript:alert(1) <a href=\"javascript:alert(1)\">click</a>")]
    old = Edition('S/2025/<script>alert("sym")</script>', "2025-01-31", "Title " + bad, 3, sec_old, old_p,
                  '"><img src=x onerror=alert(1)>.pdf')
    new = Edition('S/2025/"><img src=x onerror=alert(1)>', "not a <date>", "Title 2 " + bad, 3, sec_new, new_p,
                  "<script>alert(1)</script>.pdf")
    ops = word_ops(old_p[0].text, new_p[0].text)
    changes = [
        Change("modified", ["1"], ["1"], False, 0.9, ops,
               [Signal("figure", "<script>alert('old')</script>", '"><img src=x onerror=alert(1)>',
                       "ctx <script>alert('ctx')</script> " + '"><img src=x onerror=alert(1)>')],
               [FootnoteChange("modified", old_p[0].footnotes[0], new_p[0].footnotes[0],
                               word_ops(old_p[0].footnotes[0].text, new_p[0].footnotes[0].text))]),
        Change("unchanged", ["2"], ["2"], diff=[("=", new_p[1].text)]),
        Change("removed", ["3"], [], diff=[("-", old_p[2].text)]),
        Change("unchanged", ["<x>"], ["<x>"], moved=True, diff=[("=", new_p[2].text)]),
        Change("added", [], ["5"], diff=[("+", new_p[3].text)]),
    ]
    pairs = [SectionPair("I", "I", sec_old[0].title, sec_new[0].title),
             SectionPair("II", "II", sec_old[1].title, sec_new[1].title),
             SectionPair(None, "III", None, sec_new[2].title)]
    return Comparison(old, new, pairs, changes, warnings=["warning <script>alert('w')</script>"])


# ---------------------------------------------------------------------------------------------------- real samples

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_real: dict[str, object] = {}


def real_comparison() -> Comparison:
    """S/2025/72 → S/2025/496 through the whole pipeline, computed once per test session."""
    if "value" not in _real:
        from reportdiff import api

        _real["value"] = api.compare(SAMPLES / "S_2025_72.pdf", SAMPLES / "S_2025_496.pdf")
    return _real["value"]


def scaled_comparison(times: int) -> Comparison:
    """The fixture pair repeated `times` times with distinct ids: a report `times` × 15 pages long."""
    c = fixture_comparison()
    old_s, new_s, old_p, new_p, pairs, changes = [], [], [], [], [], []
    for k in range(times):
        def r(x, k=k):
            return None if x is None else f"{k}-{x}"
        old_s += [Section(r(s.id), s.label, s.title, s.level, r(s.parent)) for s in c.old.sections]
        new_s += [Section(r(s.id), s.label, s.title, s.level, r(s.parent)) for s in c.new.sections]
        pairs += [SectionPair(r(p.old), r(p.new), p.old_title, p.new_title) for p in c.sections]
        old_p += [Paragraph(r(p.id), p.number, r(p.section), p.text, p.footnotes) for p in c.old.paragraphs]
        new_p += [Paragraph(r(p.id), p.number, r(p.section), p.text, p.footnotes) for p in c.new.paragraphs]
        changes += [Change(ch.kind, [r(x) for x in ch.old], [r(x) for x in ch.new], ch.moved, ch.similarity, ch.diff,
                           ch.signals, ch.footnotes) for ch in c.changes]
    return Comparison(Edition(c.old.symbol, c.old.date, c.old.title, 14 * times, old_s, old_p, c.old.source),
                      Edition(c.new.symbol, c.new.date, c.new.title, 15 * times, new_s, new_p, c.new.source),
                      pairs, changes)
