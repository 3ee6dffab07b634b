"""Series: lineages chained through four editions checked against their known histories; ordering, inputs, JSON,
the timeline's HTML and the `series` command."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import reportdiff
from reportdiff import api
from reportdiff.render import series as render_series
from reportdiff.errors import InputFileError, UsageError
from reportdiff.model import Edition, Paragraph, Section
from reportdiff.lineage import SERIES_SCHEMA, Node, _symbol_key, build_series, expand_inputs, order_editions
from conftest import assert_clean_error, run_cli
from series_samples import TRUE_LINKS, TRUE_MOVED, chain_editions, hostile_chain
from successor_texts import CITING, ONLY_OLD, SUBJECTS, THEME_OLD, build
import pdfgen


@pytest.fixture(scope="module")
def chain():
    editions, keys = chain_editions()
    return build_series(list(reversed(editions))), keys


def _key_links(series, keys, i):
    return {(keys[i][e.source.paragraph], keys[i + 1][e.target.paragraph], e.kind)
            for e in series.edges if e.source.edition == i}


# ---------------------------------------------------------------------------------------------------- lineages

def test_editions_are_put_in_date_order(chain):
    series, _ = chain
    assert [e.symbol for e in series.editions] == ["S/2016/92", "S/2016/501", "S/2017/97", "S/2017/573"]
    assert len(series.comparisons) == 3
    assert all(series.comparisons[i].old is series.editions[i] and series.comparisons[i].new is series.editions[i + 1]
               for i in range(3)), "each Edition object takes part in both of its comparisons"


@pytest.mark.parametrize("i", [0, 1, 2])
def test_edges_match_the_true_links(chain, i):
    series, keys = chain
    assert _key_links(series, keys, i) == TRUE_LINKS[i]


def test_moves_are_flagged_on_their_edges(chain):
    series, keys = chain
    moved = {(e.source.edition, keys[e.source.edition][e.source.paragraph]) for e in series.edges if e.moved}
    assert moved == TRUE_MOVED


def test_every_paragraph_of_every_edition_is_in_exactly_one_lineage(chain):
    series, _ = chain
    seen = [n for lin in series.lineages for n in lin.nodes]
    assert len(seen) == len(set(seen)) == sum(len(e.paragraphs) for e in series.editions)
    for i, e in enumerate(series.editions):
        for p in e.paragraphs:
            assert series.lineage_of(p.id, i) is not None


def _lineage(series, keys, edition, key):
    pid = next(p for p, k in keys[edition].items() if k == key)
    return series.lineage_of(pid, edition)


def test_lineages_follow_renumbering_moves_splits_and_merges(chain):
    series, keys = chain
    n = len(series.editions)
    a = _lineage(series, keys, 3, "a")
    assert (a.born, a.last, a.unchanged_since(n)) == (0, 3, 0)
    assert [ev.kind for ev in a.events] == ["first", "unchanged", "unchanged", "unchanged"]
    # b: renumbered (¶2 → ¶3 in the last edition), reworded twice, then left alone
    b = _lineage(series, keys, 3, "b")
    assert b.paragraphs(0) == ["2"] and b.paragraphs(3) == ["3"]
    assert [ev.kind for ev in b.events] == ["first", "modified", "modified", "unchanged"]
    assert b.unchanged_since(n) == 2
    # c splits: one lineage, two branches
    c = _lineage(series, keys, 3, "c1")
    assert c is _lineage(series, keys, 3, "c2")
    assert len(c.paragraphs(2)) == 2 and [ev.kind for ev in c.events][2] == "split"
    # d and e merge: their lineages join
    d = _lineage(series, keys, 0, "d")
    assert d is _lineage(series, keys, 0, "e") is _lineage(series, keys, 3, "d+e")
    assert [ev.kind for ev in d.events] == ["first", "merged", "unchanged", "modified"]
    # f moved
    f = _lineage(series, keys, 3, "f")
    assert f.events[1].kind == "unchanged" and f.events[1].moved
    # g gone after E1, i after E2; h added in E1, j in E3
    g = _lineage(series, keys, 0, "g")
    assert (g.born, g.last, g.events[-1].kind, g.events[-1].edition) == (0, 1, "removed", 2)
    assert g.unchanged_since(n) is None
    i = _lineage(series, keys, 0, "i")
    assert (i.last, i.events[-1].kind) == (2, "removed")
    h = _lineage(series, keys, 3, "h")
    assert (h.born, [ev.kind for ev in h.events]) == (1, ["added", "unchanged", "modified"])
    j = _lineage(series, keys, 3, "j")
    assert (j.born, j.events[0].kind) == (3, "added")
    assert len(series.lineages) == 9


def test_history_of_a_latest_paragraph(chain):
    series, keys = chain
    pid = next(p for p, k in keys[3].items() if k == "b")
    assert [(ev.edition, ev.kind) for ev in series.history(pid)] == [(0, "first"), (1, "modified"),
                                                                    (2, "modified"), (3, "unchanged")]
    assert series.history("999") == []


def test_figures_are_followed_along_their_lineage(chain):
    series, keys = chain
    assert len(series.figures) >= 1
    top = series.figures[0]
    assert top.lineage == _lineage(series, keys, 3, "b").id
    values = [p.value for p in top.points]
    assert [p.edition for p in top.points] == [0, 1, 2]
    assert "20,000" in values[0] and "14,000 and 18,000" in values[1] and "9,000" in values[2]
    assert top.points[0].paragraphs == ["2"] and top.points[2].paragraphs == ["2"]


def test_sections_are_tracked_with_their_size(chain):
    series, _ = chain
    by_title = {t.states[-1].title: t for t in series.sections if t.states[-1]}
    asia, africa = by_title["Asia"], by_title["Africa"]
    assert [s.section for s in asia.states] == ["II.A"] * 4
    words = [s.words for s in africa.states]
    assert words[1] > words[0] > 0 and words[3] < words[2]        # f moved in, h added; then g and i removed
    assert africa.states[1].new_words > 0 and africa.states[0].new_words == 0


def test_a_renumbered_section_says_its_numbers():
    """South Sudan's Observations were IX, then X (a section "IX Financial aspects" came before them), then IX
    again: two rows of the timeline both read "IX"."""
    from reportdiff.model import Section

    def edition(k, sections):
        secs = [Section(sid, label, title, 1) for sid, label, title in sections]
        paras = [Paragraph(str(n + 1), str(n + 1), sid, f"The {title.lower()} of the mission were reviewed "
                           f"in depth during period {k} by the Security Council and the host Government.")
                 for n, (sid, _, title) in enumerate(sections)]
        return Edition(f"S/2020/{k}", f"2020-0{k}-01", "Report", 1, secs, paras)

    eds = [edition(1, [("VIII", "VIII.", "Performance"), ("IX", "IX.", "Observations")]),
           edition(2, [("VIII", "VIII.", "Performance"), ("IX", "IX.", "Financial aspects"),
                       ("X", "X.", "Observations")]),
           edition(3, [("VIII", "VIII.", "Performance"), ("IX", "IX.", "Observations")])]
    md = render_series.render_series_markdown(build_series(eds))
    assert "| IX → X → IX Observations |" in md and "| IX Financial aspects |" in md


def test_a_figure_unchanged_in_between_is_carried():
    eds = []
    texts = ["The force counted 1,200 troops at the end of the period in the northern sector of the mission area.",
             "The force counted 1,200 troops at the end of the period in the northern sector of the mission area.",
             "The force counted 1,500 troops at the end of the period in the northern sector of the mission area."]
    for i, t in enumerate(texts):
        eds.append(Edition(f"S/2020/{i + 1}", f"2020-0{i + 1}-01", "Report", 1, [],
                           [Paragraph("1", "1", None, t)]))
    series = build_series(eds)
    (track,) = series.figures
    # the track starts where the value was first stated, carried until it changed ("1,200" in both first editions)
    assert [(p.edition, p.carried) for p in track.points] == [(0, False), (1, True), (2, False)]
    assert track.points[0].value == track.points[1].value and track.points[0].paragraphs == ["1"]
    eds.insert(0, Edition("S/2019/9", "2019-12-01", "Report", 1, [],
                          [Paragraph("1", "1", None, texts[0].replace("1,200", "900"))]))
    series = build_series(eds)
    (track,) = series.figures
    assert [(p.edition, p.carried) for p in track.points] == [(0, False), (1, False), (2, True), (3, False)]
    assert "1,500" in track.points[-1].value


def test_a_figure_is_carried_back_only_where_it_was_stated_as_a_whole_number():
    """"150 people injured" is new in the second edition: the first edition's "1,500 troops" does not state 150."""
    base = ("The Mission deployed 1,500 troops to Malakal during the reporting period to protect civilians at the "
            "site and along the river")
    texts = [base + ".", base + ", where 150 people were injured in clashes.",
             base + ", where 170 people were injured in clashes."]
    eds = [Edition(f"S/2030/{k + 1}", f"2030-0{k + 1}-01", "Report", 1, [], [Paragraph("1", "1", None, t)])
           for k, t in enumerate(texts)]
    (track,) = build_series(eds).figures
    assert [(p.edition, p.carried) for p in track.points] == [(1, False), (2, False)]
    assert "150" in track.points[0].value and "170" in track.points[1].value


def test_a_number_only_deleted_starts_no_figure_history():
    """South Sudan's "… and a further 83 were deployed to five company operating bases" lost its 83 in the next
    edition ("… and five company operating bases"): the redline shows it, but a history "83 … five → … five" would
    read as 83 officers becoming five (test_a_figure_unchanged_in_between_is_carried: a replaced one still does)."""
    texts = ["In total, 12 police officers were deployed to Tambura and a further 83 were deployed to five company "
             "operating bases in Yei, Kodok, Renk, Akobo and Pibor to support confidence-building.",
             "In total, 12 police officers were deployed to Tambura and five company operating bases in Yei, Kodok, "
             "Renk, Akobo and Pibor to support confidence-building, with 1,500 patrols."]
    eds = [Edition(f"S/2020/{k + 1}", f"2020-0{k + 1}-01", "Report", 1, [], [Paragraph("1", "1", None, t)])
           for k, t in enumerate(texts)]
    series = build_series(eds)
    assert any(s.kind == "figure" for ch in series.comparisons[0].changes for s in ch.signals)
    assert not any("83" in (p.value or "") for t in series.figures for p in t.points)


def test_a_figure_history_without_surroundings_prints_no_empty_quote():
    """A figure read from a rewritten pair has no word-diff context (its values are quotes that say what they
    count): the timeline prints no empty “” for it."""
    filler = ["UNODC organized a workshop on border management for officials of the region in Vienna.",
              "The Office of Counter-Terrorism delivered training on the protection of critical infrastructure.",
              "UNICEF supported the reintegration of children formerly associated with armed groups in the north."]
    texts = ["An inter-agency assessment reported that 67,000 people in Nasir County needed urgent assistance "
             "after the fighting that broke out in the northern counties in February.",
             "Humanitarian partners working across the northern counties since the fighting in Nasir County said "
             "that some 90,000 people there needed urgent assistance by the end of May."]
    eds = [Edition(f"S/2020/{k + 1}", f"2020-0{k + 1}-01", "Report", 1, [],
                   [Paragraph(str(i + 1), str(i + 1), None, t) for i, t in enumerate(filler + [text])])
           for k, text in enumerate(texts)]
    series = build_series(eds)
    assert series.comparisons[0].changes[-1].kind == "rewritten"
    (track,) = series.figures
    assert "90,000 people" in track.points[-1].value and not track.context
    assert "“”" not in render_series.render_series_html(series)
    assert "“”" not in render_series.render_series_markdown(series)


def test_an_editions_reading_difficulty_is_told_once():
    eds, _ = chain_editions()
    eds.sort(key=lambda e: e.date)
    eds[1].warnings = ["page 17 of 17 is a picture without a text layer: its contents are not compared"]
    series = build_series(eds)
    told = [w for w in series.warnings if "page 17 of 17" in w]
    assert told == [f"{eds[1].symbol}: page 17 of 17 is a picture without a text layer: its contents are not "
                    "compared"]          # its two comparisons each carry it


# ---------------------------------------------------------------------------------------------------- order, inputs

def test_order_by_date_then_symbol_with_revisions_after_their_original():
    def ed(sym, date):
        return Edition(sym, date, "t", 1)
    eds = [ed("S/2025/482", "2025-07-24"), ed("S/2025/71/Rev.1", "2025-02-06"), ed("S/2025/71", "2025-02-06"),
           ed("S/2025/9", None)]
    assert [eds[i].symbol for i in order_editions(eds)] == ["S/2025/71", "S/2025/71/Rev.1", "S/2025/482",
                                                            "S/2025/9"]
    assert _symbol_key("S/2025/9") < _symbol_key("S/2025/10")


def test_undated_editions_are_warned_about():
    eds, _ = chain_editions()
    eds[1].date = None
    series = build_series(eds)
    assert series.editions[-1] is eds[1]
    assert any("no date" in w for w in series.warnings)
    # two undated editions follow their symbols' order, whatever the order they were given in
    eds[0].date = None
    first, second = sorted(eds[:2], key=lambda e: _symbol_key(e.symbol))
    series = build_series([second, first] + eds[2:])
    assert series.editions[-2:] == [first, second]
    assert any("in the order of their symbols" in w for w in series.warnings)


def test_one_edition_is_not_a_series():
    eds, _ = chain_editions()
    with pytest.raises(UsageError):
        build_series(eds[:1])


def test_expand_inputs_folders_globs_and_duplicates(tmp_path):
    for name in ("b.pdf", "a.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    assert expand_inputs(tmp_path) == [str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")]
    assert expand_inputs([str(tmp_path / "*.pdf"), tmp_path / "a.pdf"]) == [str(tmp_path / "a.pdf"),
                                                                           str(tmp_path / "b.pdf")]
    with pytest.raises(InputFileError):
        expand_inputs([str(tmp_path / "*.docx")])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputFileError):
        expand_inputs([empty])


def test_api_reads_each_edition_once(monkeypatch):
    eds, _ = chain_editions()
    by_name = {e.source: e for e in eds}
    calls: list[str] = []

    options: list[dict] = []

    def fake_load_many(paths, **kw):         # the files of a series are read together, in parallel
        calls.extend(str(p) for p in paths)
        options.append(kw)
        return [by_name[str(p)] for p in paths]

    compared: list[tuple[int, int]] = []
    import importlib
    compare_stage = importlib.import_module("reportdiff.diff.comparison")
    real = compare_stage.compare_editions

    def spy(old, new):
        compared.append((id(old), id(new)))
        return real(old, new)

    monkeypatch.setattr(api, "load_many", fake_load_many)
    monkeypatch.setattr(compare_stage, "compare_editions", spy)
    names = [e.source for e in reversed(eds)]
    series = reportdiff.series(names)
    assert sorted(calls) == sorted(names) and len(calls) == 4
    assert compared == [(id(series.editions[i]), id(series.editions[i + 1])) for i in range(3)]
    reportdiff.series(names[:2], cache=False)           # load options reach the loads (the parsed-edition cache)
    assert options[-1] == {"cache": False} and len(options) == 2


def test_public_api_exports():
    assert callable(reportdiff.series) and reportdiff.series is api.series
    for name in ("Series", "Lineage", "LineageEdge", "LineageEvent", "FigureTrack", "SectionTrack"):
        assert name in reportdiff.__all__ and hasattr(reportdiff, name)


# ---------------------------------------------------------------------------------------------------- outputs

def test_json_form(chain):
    series, _ = chain
    d = json.loads(render_series.render_series(series, "json"))
    assert d["schema"] == SERIES_SCHEMA == "reportdiff.series/1"
    assert [e["symbol"] for e in d["editions"]] == [e.symbol for e in series.editions]
    assert len(d["transitions"]) == 3 and d["transitions"][0]["summary"]["merged"] == 1
    nodes = [tuple(n) for lin in d["lineages"] for n in lin["nodes"]]
    assert len(nodes) == len(set(nodes)) == sum(e["paragraphs"] for e in d["editions"])
    assert all({"from", "to", "kind", "moved"} <= set(e) for e in d["edges"])
    lin_a = d["lineages"][0]
    assert lin_a["present"] and lin_a["unchanged_since"] == 0 and lin_a["born"] == 0
    assert d["figures"][0]["points"][0]["value"].endswith("20,000 fighters")
    assert len(d["sections"]) == 4 and len(d["sections"][0]["editions"]) == 4


def test_html_is_self_contained_and_complete(chain):
    series, keys = chain
    html = render_series.render_series_html(series)
    import html as htmllib
    assert "Content-Security-Policy" in html and "default-src 'none'" in htmllib.unescape(html)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert html.count('<details class="hist"') == len(series.lineages)
    # every paragraph of the latest edition has an anchor
    for pid in keys[3]:
        assert f'id="p-{pid}"' in html
    assert "<svg class=\"chart\"" in html and html.count('class="fig"') == len(series.figures)
    assert "<del>" in html and "<ins>" in html
    assert "S/2016/92" in html and "29 January 2016" in html


def test_html_escapes_text_from_the_pdfs():
    series = build_series(hostile_chain())
    html = render_series.render_series_html(series)
    body = html.split("<body", 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>" not in body
    assert "&lt;script&gt;" in body
    assert body.count("<script>") == 1       # our own script only
    assert "\u202e" not in html
    summary = render_series.series_summary(series)
    assert "\u202e" not in summary and "\x1b" not in summary


def test_markdown_form(chain):
    """The timeline in Markdown: the editions in order, each step's change, the figures' histories and the
    paragraphs that changed; text from the PDFs is inert."""
    from markdown_it import MarkdownIt

    series, _ = chain
    md = render_series.render_series_markdown(series)
    assert md.splitlines()[0].startswith("**S/2016/92** (29 January 2016) → **S/2016/501**")
    assert "| Edition | Date |" in md and "**Figures over time**" in md and "**Paragraphs that changed**" in md
    assert "20,000" in md and "9,000" in md
    hostile = render_series.render_series_markdown(build_series(hostile_chain()))
    html = MarkdownIt("commonmark").enable(["table"]).render(hostile)
    assert "<script" not in html and "<img" not in html and "](" not in hostile and "\u202e" not in hostile


def test_terminal_summary(chain):
    series, _ = chain
    text = render_series.series_summary(series)
    assert text.splitlines()[0].startswith("S/2016/92 (29 January 2016) → S/2016/501")
    assert "20,000" in text and "9,000" in text
    assert "-o timeline.html" in text


# ---------------------------------------------------------------------------------------------------- command

@pytest.fixture(scope="module")
def pdf_chain(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("chain")
    base = {3: "The mission counted 1,200 troops in the northern sector at the end of the reporting period, "
               "and its patrols reached every county of the region."}
    out = []
    for i, (sym, date, troops) in enumerate((("S/2099/10", "3 January 2099", "1,200"),
                                             ("S/2099/20", "3 April 2099", "1,450"),
                                             ("S/2099/30", "3 July 2099", "1,900"))):
        texts = {3: base[3].replace("1,200", troops)}
        out.append(pdfgen.un_report(d / f"e{i}.pdf", symbol=sym, date=date, paragraphs=8, texts=texts))
    return out


@pytest.mark.slow
def test_cli_series_writes_html_and_json(pdf_chain, tmp_path):
    late_first = list(reversed(pdf_chain))
    out = tmp_path / "timeline.html"
    proc = run_cli("series", *late_first, "-o", out)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    h1 = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert h1.index("S/2099/10") < h1.index("S/2099/20") < h1.index("S/2099/30")
    proc = run_cli("series", pdf_chain[0].parent, "-o", tmp_path / "t.json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert d["schema"] == "reportdiff.series/1" and [e["symbol"] for e in d["editions"]] == \
        ["S/2099/10", "S/2099/20", "S/2099/30"]
    fig = next(f for f in d["figures"] if "1,900" in (f["points"][-1]["value"] or ""))
    assert [p["edition"] for p in fig["points"]] == [0, 1, 2]
    proc = run_cli("series", *pdf_chain, "-o", tmp_path / "t.md")
    assert proc.returncode == 0, proc.stderr
    md = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert md.startswith("**S/2099/10**") and "1,200" in md and "1,900" in md
    proc = run_cli("series", *pdf_chain)
    assert proc.returncode == 0 and "1,200" in proc.stdout and "1,900" in proc.stdout
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.slow
def test_cli_series_errors(pdf_chain, tmp_path):
    assert_clean_error(run_cli("series", pdf_chain[0]), "at least two editions")
    assert_clean_error(run_cli("series", pdf_chain[0], tmp_path / "missing.pdf"), "missing.pdf")
    assert_clean_error(run_cli("series", *pdf_chain, "-o", tmp_path / "t.eml"), "html, json or markdown")
    assert_clean_error(run_cli("series", *pdf_chain, "-o", pdf_chain[0].with_suffix(".pdf")), "overwrite")
    assert not (tmp_path / "t.eml").exists()


def test_a_paragraph_that_leaves_and_comes_back_keeps_its_lineage():
    staff = ("As at 15 January, the number of civilian personnel of the Mission stood at 2,211, including "
             "887 international staff, 1,324 national staff and 402 United Nations Volunteers.")
    other = ("The Mission continued its support to the national authorities in preparing the elections, through "
             "technical advice to the electoral commission and workshops in every state.")
    texts = [[other, staff], [other], [other, staff.replace("15 January", "29 May").replace("2,211", "2,198")]]
    eds = [Edition(f"S/2030/{k + 1}", f"2030-0{k + 1}-01", "Report", 1, [],
                   [Paragraph(str(n), str(n), None, t) for n, t in enumerate(ts, 1)]) for k, ts in enumerate(texts)]
    series = build_series(eds)
    lin = series.lineage_of("2")
    assert lin is series.lineage_of("2", 0)
    assert [(ev.edition, ev.kind) for ev in lin.events] == [(0, "first"), (1, "removed"), (2, "reappeared")]
    assert lin.events[-1].previous == 0 and lin.unchanged_since(3) == 2
    (edge,) = [e for e in series.edges if e.reappeared]
    assert (edge.source, edge.target, edge.kind) == (Node(0, "2"), Node(2, "2"), "modified")
    assert json.loads(render_series.render_series_json(series))["edges"][-1]["reappeared"] is True
    html = render_series.render_series_html(series)
    assert "Back after an absence" in html and "absent from S/2030/2" in html
    # an unrelated paragraph is not taken for a comeback
    texts[2][1] = ("The humanitarian situation deteriorated further as flooding displaced thousands of families "
                   "in the north of the country.")
    eds[2].paragraphs[1].text = texts[2][1]
    assert not [e for e in build_series(eds).edges if e.reappeared]


def test_a_paragraph_back_word_for_word_after_two_absences_is_not_called_changed():
    staff = ("As at 15 January, the number of civilian personnel of the Mission stood at 2,211, including "
             "887 international staff, 1,324 national staff and 402 United Nations Volunteers.")
    other = ("The Mission continued its support to the national authorities in preparing the elections, through "
             "technical advice to the electoral commission and workshops in every state.")
    texts = [[other, staff], [other], [other], [other, staff]]
    eds = [Edition(f"S/2030/{k + 1}", f"2030-0{k + 1}-01", "Report", 1, [],
                   [Paragraph(str(n), str(n), None, t) for n, t in enumerate(ts, 1)]) for k, ts in enumerate(texts)]
    series = build_series(eds)
    lin = series.lineage_of("2")
    assert [(ev.edition, ev.kind) for ev in lin.events] == [(0, "first"), (1, "removed"), (3, "reappeared")]
    view = render_series.build_series_view(series)
    (history,) = [h for g in view.groups for h in g.items if h.lineage == lin.id]
    assert history.badges == [("reappeared", "absent from S/2030/2, S/2030/3")]
    assert history.steps[-1].note == "Back after an absence, with the same text as in S/2030/1."
    assert not history.steps[-1].blocks


@pytest.mark.slow
def test_series_templates_ship_in_the_wheel(tmp_path):
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parent.parent
    base = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)]
    r = subprocess.run(base, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        r = subprocess.run(base + ["--no-build-isolation"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    names = set(zipfile.ZipFile(next(tmp_path.glob("reportdiff-*.whl"))).namelist())
    for f in ("templates/series.html.j2", "templates/series.css", "templates/series.js", "lineage.py",
              "render/series.py", "pdf/extract.py", "diff/align.py"):
        assert f"reportdiff/{f}" in names, f


# ---------------------------------------------------------------------------------------------- parallel reading

def _three_editions(folder: Path) -> list[Path]:
    return [pdfgen.un_report(folder / f"ed{k}.pdf", symbol=f"S/2099/{10 + k}", date=f"{k} March 2099",
                             paragraphs=8 + 2 * k, texts={3: f"The Mission recorded {40 + k} incidents."})
            for k in (1, 2, 3)]


def test_load_many_reads_in_parallel_what_load_reads_one_by_one(tmp_path):
    paths = _three_editions(tmp_path)
    calls = []
    parallel = api.load_many(paths, parallel=True, cache=False, progress=lambda done, total: calls.append((done, total)))
    alone = [api.load(p, cache=False) for p in paths]
    assert [e.to_dict() for e in parallel] == [e.to_dict() for e in alone]
    assert [e.symbol for e in parallel] == ["S/2099/11", "S/2099/12", "S/2099/13"]    # the order given
    total = sum(e.pages for e in alone)
    assert len(calls) == 3 and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_load_many_uses_the_cache_and_reads_the_rest(tmp_path):
    paths = _three_editions(tmp_path)
    api.load(paths[1])                                    # cached now
    assert api.is_cached(paths[1]) and not api.is_cached(paths[0])
    editions = api.load_many(paths, parallel=True)
    assert [e.symbol for e in editions] == ["S/2099/11", "S/2099/12", "S/2099/13"]
    assert all(api.is_cached(p) for p in paths)


def test_load_many_raises_the_error_of_a_bad_file(tmp_path):
    paths = _three_editions(tmp_path)
    paths.insert(1, pdfgen.scanned(tmp_path / "scan.pdf"))
    with pytest.raises(reportdiff.NoTextLayerError):
        api.load_many(paths, parallel=True, cache=False)


@pytest.mark.slow
def test_ctrl_c_during_a_series_is_one_line(tmp_path):
    """Ctrl-C reaches the whole process group, the workers reading the editions included: one line, exit 130."""
    import time

    from conftest import ctrl_c, start_cli_group

    long = [pdfgen.big_document(tmp_path / f"long{k}.pdf", pages=300, symbol=f"S/2099/9{k}") for k in (1, 2, 3)]
    out = tmp_path / "timeline.html"
    proc = start_cli_group("series", *long, "-o", out, "--no-cache")
    time.sleep(1.5)                     # past the imports and the checks: the workers are reading
    if proc.poll() is not None:
        pytest.skip("the series finished before the interrupt")
    ctrl_c(proc, out)


def test_the_list_of_what_ended_says_it_lists_subjects(chain):
    # "Paragraphs no longer in the latest edition" listed 34 where the edition's row said 38 removed: it lists
    # subjects (lineages), and a paragraph dropped while its subject goes on is in that subject's history
    series, _ = chain
    ended = [lin for lin in series.lineages if lin.last < len(series.editions) - 1]
    assert ended
    md = render_series.render_series_markdown(series)
    html = render_series.render_series_html(series)
    assert "**Subjects no longer in the latest edition**" in md and "Paragraphs no longer" not in md
    assert f"Subjects no longer in {series.editions[-1].symbol}" in html
    assert "is in that subject's history above" in md and "is in that subject's history above" in html


def test_a_revision_says_which_edition_it_replaces():
    # S/2025/71/Rev.1 stood in the Monitoring Team's timeline as an edition of its own, dated as S/2025/71
    text = "The group retained between 200 and 300 fighters in the north-east of the country during the period."
    eds = [Edition(sym, date, "Report", 1, [], [Paragraph("1", "1", None, text)])
           for sym, date in (("S/2025/71", "2025-02-06"), ("S/2025/71/Rev.1", "2025-02-07"),
                             ("S/2025/482", "2025-07-24"))]
    series = build_series(eds)
    assert "S/2025/71/Rev.1 (a revision of S/2025/71)" in render_series.render_series_markdown(series)
    assert "of S/2025/71, which it replaces" in render_series.render_series_html(series)
    assert "(a revision of S/2025/71)" in render_series.series_summary(series)


def test_a_new_paragraph_merged_later_with_an_old_one_is_not_carried_over():
    """S/2025/211's card said "68 of its paragraphs carried over" of 105 with 39 added: a paragraph new in an
    edition, merged in the next one with an old paragraph, shares the old one's lineage but was not carried."""
    a = ("The Mission conducted regular patrols along the main supply routes in the northern counties and met the "
         "local authorities of each county to discuss the protection of civilians and humanitarian access.")
    x = ("Armed clashes between the two factions displaced some 20,000 people in the eastern districts, where the "
         "humanitarian partners reported that food and water supplies were running short in the camps.")
    b = ("The authorities of the eastern districts opened two additional sites for the displaced families and asked "
         "the humanitarian partners to register the new arrivals before the start of the rainy season.")
    editions = [Edition(f"S/2020/{k}", f"2020-0{k}-01", "Report on the region", 1, [],
                        [Paragraph(str(n), str(n), None, t) for n, t in enumerate(texts, 1)])
                for k, texts in ((1, [a, x]), (2, [a, x, b]), (3, [a, x + " " + b]))]
    series = build_series(editions)
    assert series.comparisons[1].summary()["merged"] == 1
    assert series.lineage_of("3", 1).born == 0                  # b joined x's lineage when they merged
    cards = render_series._edition_views(series, [e.symbol for e in editions])
    assert (cards[1].carried, cards[1].paragraphs) == (2, 3)    # a and x; b is new in this edition
    assert cards[2].carried == 2


def test_a_figure_stated_earlier_in_other_words_is_quoted_in_those_words():
    """A reader review: the timeline gave S/2025/54's point in S/2025/211's words ("An estimated 6.1 million South
    Sudanese people"); S/2025/54 says "6.1 million people will likely experience IPC phase 3+"."""
    texts = ["Projections for the season indicate that 6.1 million people will likely experience acute food "
             "insecurity in the northern counties of the country until the next harvest.",
             "An estimated 6.1 million South Sudanese people are at risk of acute food insecurity in the northern "
             "counties of the country until the next harvest.",
             "An estimated 7.7 million South Sudanese people are at risk of acute food insecurity in the northern "
             "counties of the country until the next harvest."]
    eds = [Edition(f"S/2020/{i + 1}", f"2020-0{i + 1}-01", "Report", 1, [], [Paragraph("1", "1", None, t)])
           for i, t in enumerate(texts)]
    (track,) = build_series(eds).figures
    assert [p.edition for p in track.points] == [0, 1, 2]
    assert track.points[0].value == "season indicate that 6.1 million people will likely experience"
    assert "South Sudanese" in track.points[1].value and "7.7 million" in track.points[2].value


def test_an_earlier_wording_is_quoted_only_where_it_holds_the_figure():
    """A code review: the first "200" was quoted ("Some 200 km north of Gao"), and a year taken for the figure."""
    from reportdiff.lineage import _said_in
    assert _said_in("Some 200 km north of Gao, the group had between 200 and 300 fighters.", ("200", "300"),
                    "between 200 and 300 adult fighters") == "group had between 200 and 300 fighters"
    assert _said_in("Production fell in 2025, and projections indicate that 6.1 million people will starve.",
                    ("2025", "6.1"), "In 2025 an estimated 6.1 million") == "In 2025 an estimated 6.1 million"


def test_a_rewritten_step_cited_by_the_new_edition_says_so():
    """A lineage step linked because the new edition cites the old paragraph tells the citation in its note."""
    old = build([("I", "Overview", [ONLY_OLD, THEME_OLD, SUBJECTS["somalia"][0]])])
    new = build([("I", "Overview", [SUBJECTS["somalia"][1], CITING])], "S/2025/20", "2025-07-31")
    page = render_series.render_series_html(build_series([old, new]))
    assert "citing S/2025/10, para. 2; the earlier wording is above." in page


def test_a_series_of_unnumbered_documents_tells_each_paragraphs_place():
    """The histories of a document that numbers no paragraph name each by its place ("3rd ¶")."""
    s = [Section("I", "I.", "One", 1)]
    texts = ["The Council met on the question of the talks.", "It heard the Special Envoy on the talks in Geneva.",
             "The Envoy reported that the ceasefire held in the north of the country."]
    eds = [Edition(f"A/{k}", f"2025-0{k}-01", "", 1, s, [Paragraph(f"u{j}", None, "I", t)
                                                            for j, t in enumerate(texts)]) for k in (1, 2)]
    eds[1].paragraphs[2].text = "The Envoy reported that the ceasefire no longer held in the north of the country."
    page = render_series.render_series_html(build_series(eds))
    assert "3rd ¶" in page and "unnumbered" not in page
