"""Alignment cases built in code: renumbering, edits, moves, splits, merges, renamed and relettered sections,
repeated boilerplate, short paragraphs, footnotes, and the partition property."""
from __future__ import annotations

import random

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_new_reading_order, assert_partition
from reportdiff.diff import align
from reportdiff.diff.comparison import compare_editions
from reportdiff.model import Comparison, Edition, Footnote, Paragraph, Section

VOCABULARY = """security situation remained volatile during reporting period armed groups attacks civilians
humanitarian access displacement returnees Mission patrols ceasefire violations Government authorities
national dialogue elections transitional arrangements human rights violations abuses investigations
accountability justice detention monitoring reporting conflict-related sexual violence children recruitment
food insecurity flooding funding appeal partners assistance delivered million people affected counties
militia clashes cattle raiding intercommunal violence disarmament reintegration police training protection
sites peacekeepers deployment logistics fuel shortages airstrikes border crossings refugees camps
Member States cooperation regional organizations sanctions committee panel experts arms embargo financing
recruitment online propaganda detention facilities prosecution rehabilitation returnees families women
youth engagement local leaders peace conferences mediation reconciliation commission constitution drafting
budget salaries civil servants inflation currency economy oil production revenues pipeline""".split()


OTHER_VOCABULARY = """maritime vessels inspection high seas migrants smuggling trafficking cargo ports flag
coastguard boarding interdiction shipment weapons ammunition navy operation fishing licences piracy anchorage
harbour manifest container tanker crude smuggled fuel diesel customs declarations""".split()


def text(seed: int, words: int = 60, vocabulary: list[str] = VOCABULARY) -> str:
    """A deterministic paragraph of report-like words, unrelated to the paragraphs of other seeds."""
    rng = random.Random(seed)
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + "."


def edition(spec: list[tuple[str, str, int, list[str]]], footnotes: dict[int, list[Footnote]] | None = None,
            title: str = "Report of the Secretary-General on South Sudan") -> Edition:
    """spec: (section id, title, level, paragraph texts); paragraphs numbered 1..n in reading order."""
    sections, paras, n = [], [], 0
    for sid, stitle, level, texts in spec:
        parent = sid.rsplit(".", 1)[0] if "." in sid else None
        sections.append(Section(id=sid, label=sid.rsplit(".", 1)[-1] + ".", title=stitle, level=level, parent=parent))
        for t in texts:
            n += 1
            paras.append(Paragraph(id=str(n), number=str(n), section=sid, text=t,
                                   footnotes=list((footnotes or {}).get(n, []))))
    return Edition(symbol="S/2025/1", date="2025-01-01", title=title, pages=1, sections=sections, paragraphs=paras)


def change_of(c: Comparison, new_id: str | None = None, old_id: str | None = None):
    return next(ch for ch in c.changes if (new_id and new_id in ch.new) or (old_id and old_id in ch.old))


def edit_words(t: str, k: int, seed: int = 0) -> str:
    """Replace k words of t (a light rewording)."""
    rng = random.Random(seed)
    words = t.split()
    for _ in range(k):
        words[rng.randrange(len(words))] = rng.choice(["notably", "further", "reportedly", "new"])
    return " ".join(words)


BASE = [("I", "Introduction", 1, [text(1), text(2)]),
        ("II", "Political developments", 1, [text(3), text(4), text(5), text(6)]),
        ("III", "Security situation", 1, [text(7), text(8), text(9)]),
        ("IV", "Observations", 1, [text(10), text(11)])]


def test_identical_editions_are_all_unchanged_and_in_place():
    c = compare_editions(edition(BASE), edition(BASE))
    assert [ch.kind for ch in c.changes] == ["unchanged"] * 11
    assert not any(ch.moved for ch in c.changes)
    assert [(s.old, s.new) for s in c.sections] == [("I", "I"), ("II", "II"), ("III", "III"), ("IV", "IV")]
    assert c.warnings == []


def test_renumbering_after_an_insertion_is_no_change():
    spec = [("I", "Introduction", 1, [text(100), text(1), text(2)])] + BASE[1:]
    c = compare_editions(edition(BASE), edition(spec))
    assert change_of(c, new_id="1").kind == "added"
    for k in range(1, 12):
        ch = change_of(c, old_id=str(k))
        assert ch.kind == "unchanged" and ch.new == [str(k + 1)] and not ch.moved
    assert_partition(c)


def test_modified_paragraph_with_diff():
    spec = [s if s[0] != "III" else ("III", s[1], 1, [text(7), edit_words(text(8), 4), text(9)]) for s in BASE]
    c = compare_editions(edition(BASE), edition(spec))
    ch = change_of(c, old_id="8")
    assert ch.kind == "modified" and ch.new == ["8"] and not ch.moved
    assert any(op == "-" for op, _ in ch.diff) and 0.8 < ch.similarity < 1


def test_paragraph_moved_to_another_section():
    spec = [("I", "Introduction", 1, [text(1), text(2)]),
            ("II", "Political developments", 1, [text(3), text(5), text(6)]),
            ("III", "Security situation", 1, [text(7), text(4), text(8), text(9)]),
            ("IV", "Observations", 1, [text(10), text(11)])]
    c = compare_editions(edition(BASE), edition(spec))
    moved = [ch for ch in c.changes if ch.moved]
    assert [(ch.old, ch.new, ch.kind) for ch in moved] == [(["4"], ["7"], "unchanged")]


def test_paragraph_moved_to_the_start_of_the_next_section_is_moved():
    # In reading order nothing changes: only the section says it moved.
    spec = [("I", "Introduction", 1, [text(1), text(2)]),
            ("II", "Political developments", 1, [text(3), text(4), text(5)]),
            ("III", "Security situation", 1, [text(6), text(7), text(8), text(9)]),
            ("IV", "Observations", 1, [text(10), text(11)])]
    c = compare_editions(edition(BASE), edition(spec))
    assert [ch.old for ch in c.changes if ch.moved] == [["6"]]


def test_paragraph_out_of_order_within_its_section():
    spec = [s if s[0] != "II" else ("II", s[1], 1, [text(5), text(3), text(4), text(6)]) for s in BASE]
    c = compare_editions(edition(BASE), edition(spec))
    assert [ch.old for ch in c.changes if ch.moved] == [["5"]]


def test_split_and_merge():
    a, b = text(3, 40), text(33, 40)
    c1, c2 = text(8, 40), text(88, 40)
    old = [("I", "Introduction", 1, [text(1), text(2)]),
           ("II", "Political developments", 1, [a + " " + b, text(5)]),
           ("III", "Security situation", 1, [text(7), c1, c2, text(9)])]
    new = [("I", "Introduction", 1, [text(1), text(2)]),
           ("II", "Political developments", 1, [a, b, text(5)]),
           ("III", "Security situation", 1, [text(7), c1 + " " + c2, text(9)])]
    c = compare_editions(edition(old), edition(new))
    split = change_of(c, old_id="3")
    assert split.kind == "split" and split.new == ["3", "4"] and not split.moved
    merged = change_of(c, new_id="7")
    assert merged.kind == "merged" and merged.old == ["6", "7"] and not merged.moved
    assert all(ch.kind == "unchanged" for ch in c.changes if ch not in (split, merged))
    assert_partition(c)


def test_sections_paired_by_content_when_relettered_and_renamed():
    old = [("I", "Threat assessment", 1, []),
           ("I.A", "Overview", 2, [text(1), text(2), text(3)]),
           ("I.B", "Organized crime", 2, [text(4), text(5), text(6)]),
           ("I.C", "Regional trends", 2, [text(7), text(8)])]
    new = [("I", "Threat assessment", 1, []),
           ("I.A", "Overview", 2, [text(1), text(2), text(3)]),
           ("I.B", "Supporting victims of terrorism", 2, [text(200)]),
           ("I.C", "Nexus between organized crime and terrorism", 2, [text(4), edit_words(text(5), 3), text(6)]),
           ("I.D", "Regional trends", 2, [text(7), text(8)])]
    c = compare_editions(edition(old), edition(new))
    pairs = {(s.old, s.new) for s in c.sections}
    assert pairs == {("I", "I"), ("I.A", "I.A"), ("I.B", "I.C"), ("I.C", "I.D"), (None, "I.B")}
    renamed = next(s for s in c.sections if s.old == "I.B")
    assert renamed.renamed and renamed.new_title == "Nexus between organized crime and terrorism"
    assert not any(ch.moved for ch in c.changes)


def test_heading_without_paragraphs_is_paired_through_its_children():
    old = [("I", "Regional trends", 1, []), ("I.1", "Middle East", 2, [text(1), text(2)]),
           ("I.2", "Africa", 2, [text(3), text(4)])]
    new = [("I", "Regional developments", 1, []), ("I.1", "Middle East", 2, [text(1), text(2)]),
           ("I.2", "Africa", 2, [text(3), text(4)])]
    c = compare_editions(edition(old), edition(new))
    assert ("I", "I") in {(s.old, s.new) for s in c.sections}


def test_repeated_boilerplate_is_paired_within_its_own_section():
    boiler = "The Mission continued to monitor the situation closely."
    old = [("I", "Jonglei", 1, [text(1), boiler, text(2)]),
           ("II", "Unity", 1, [text(3), boiler, text(4)])]
    new = [("I", "Jonglei", 1, [text(1), boiler, text(2)]),
           ("II", "Unity", 1, [text(3), boiler, text(4)])]
    c = compare_editions(edition(old), edition(new))
    assert change_of(c, old_id="2").new == ["2"]
    assert change_of(c, old_id="5").new == ["5"]
    assert not any(ch.moved for ch in c.changes)


def test_boilerplate_dropped_from_one_section_is_removed_there_not_moved():
    boiler = "The Mission continued to monitor the situation closely."
    old = [("I", "Jonglei", 1, [text(1), boiler, text(2)]),
           ("II", "Unity", 1, [text(3), boiler, text(4)])]
    new = [("I", "Jonglei", 1, [text(1), text(2)]),
           ("II", "Unity", 1, [text(3), boiler, text(4)])]
    c = compare_editions(edition(old), edition(new))
    assert change_of(c, old_id="2").kind == "removed"
    assert change_of(c, old_id="5").new == ["4"]
    assert not any(ch.moved for ch in c.changes)


def test_short_paragraph_is_not_matched_to_an_unrelated_one():
    old = [("I", "Introduction", 1, [text(1), "The Council remains seized of the matter.", text(2)])]
    new = [("I", "Introduction", 1, [text(1), "The Mission continues its work in the region.", text(2)])]
    c = compare_editions(edition(old), edition(new))
    assert change_of(c, old_id="2").kind == "removed"
    assert change_of(c, new_id="2").kind == "added"


def test_short_paragraph_with_a_small_edit_in_place_is_modified():
    old = [("I", "Introduction", 1, [text(1), "The Council remains seized of the matter.", text(2)])]
    new = [("I", "Introduction", 1, [text(1), "The Council remains actively seized of the matter.", text(2)])]
    c = compare_editions(edition(old), edition(new))
    assert change_of(c, old_id="2").kind == "modified"


def test_a_paragraph_on_another_subject_is_not_linked_to_the_dropped_one():
    # the new paragraph takes the dropped one's place but speaks of something else (ships, not South Sudan)
    old = [("I", "Introduction", 1, [text(1), text(2)]), ("II", "Security", 1, [text(3), text(4)])]
    new = [("I", "Introduction", 1, [text(1), text(500, vocabulary=OTHER_VOCABULARY)]),
           ("II", "Security", 1, [text(3), text(4)])]
    c = compare_editions(edition(old), edition(new))
    assert change_of(c, old_id="2").kind == "removed" and change_of(c, new_id="2").kind == "added"
    assert not any(ch.moved for ch in c.changes)


def test_removed_paragraph_is_listed_where_it_stood():
    new = [s if s[0] != "II" else ("II", s[1], 1, [text(3), text(5), text(6)]) for s in BASE]
    c = compare_editions(edition(BASE), edition(new))
    order = [(ch.old, ch.new) for ch in c.changes]
    assert order.index((["4"], [])) == order.index((["3"], ["3"])) + 1


def test_footnote_renumbering_alone_is_no_change():
    old = edition(BASE, footnotes={3: [Footnote("1", "Information provided by a Member State.")]})
    new = edition(BASE, footnotes={3: [Footnote("4", "Information provided by a Member State.")]})
    c = compare_editions(old, new)
    assert change_of(c, old_id="3").kind == "unchanged"
    assert change_of(c, old_id="3").footnotes == []


def test_footnote_edit_added_and_removed():
    old = edition(BASE, footnotes={3: [Footnote("1", "See S/2024/100."), Footnote("2", "Information provided.")]})
    new = edition(BASE, footnotes={3: [Footnote("2", "See S/2024/100 and S/2025/1."), Footnote("3", "New source.")]})
    ch = change_of(compare_editions(old, new), old_id="3")
    assert ch.kind == "modified"
    kinds = sorted((f.kind, f.old.number if f.old else None, f.new.number if f.new else None) for f in ch.footnotes)
    assert kinds == [("added", None, "3"), ("modified", "1", "2"), ("removed", "2", None)]
    edited = next(f for f in ch.footnotes if f.kind == "modified")
    assert ("+", " and S/2025/1") in edited.diff


def test_unrelated_documents_get_a_warning_and_are_still_compared():
    other = [("I", "Introduction", 1, [text(900 + k, vocabulary=OTHER_VOCABULARY) for k in range(6)])]
    c = compare_editions(edition(BASE), edition(other, title="Vessel inspections off the coast of Libya"))
    assert c.warnings and "different reports" in c.warnings[0]
    assert_partition(c)


def test_editions_given_the_wrong_way_round_are_said_to_be():
    """The later edition dated before the earlier one: every change would read backwards ("concerned -> alarmed"),
    so the comparison says so (and still compares, as given); editions in order, or of one day, are not warned of."""
    older, newer = edition(BASE), edition(BASE)
    older.symbol, older.date, newer.symbol, newer.date = "S/2025/72", "2025-01-31", "S/2025/496", "2025-08-01"
    backwards = compare_editions(newer, older)
    (warning,) = backwards.warnings
    assert warning.startswith("the later edition given (S/2025/72, dated 2025-01-31) is older than the earlier "
                              "one (S/2025/496, dated 2025-08-01)")
    assert_partition(backwards)
    assert compare_editions(older, newer).warnings == []
    same_day = edition(BASE)
    same_day.date = older.date
    undated = edition(BASE)
    undated.date = None
    assert compare_editions(same_day, older).warnings == compare_editions(undated, older).warnings == []


def test_an_edition_without_a_title_is_not_said_to_share_it():
    other = [("I", "Introduction", 1, [text(900 + k, vocabulary=OTHER_VOCABULARY) for k in range(6)])]
    c = compare_editions(edition(BASE), edition(other, title=""))
    assert c.warnings and "no title to compare" in c.warnings[0] and "title similarity" not in c.warnings[0]


def test_a_rewritten_edition_of_the_same_series_gets_no_warning():
    # Every paragraph rewritten (no wording kept), same subject and vocabulary: still one report series.
    rewritten = [(sid, title, level, [text(300 + k) for k in range(len(texts))]) for sid, title, level, texts in BASE]
    c = compare_editions(edition(BASE), edition(rewritten))
    assert all(ch.kind in ("added", "removed", "rewritten") for ch in c.changes)
    assert c.warnings == []


def test_successive_titles_of_one_series_give_no_warning():
    old = edition(BASE, title="Twentieth report of the Secretary-General on the threat posed by ISIL (Da'esh)")
    new = edition(BASE, title="Twenty-first report of the Secretary-General on the threat posed by ISIL (Da'esh)")
    assert compare_editions(old, new).warnings == []


def test_empty_editions():
    empty = Edition(symbol=None, date=None, title="", pages=0)
    c = compare_editions(empty, edition(BASE))
    assert [ch.kind for ch in c.changes] == ["added"] * 11
    assert compare_editions(empty, empty).changes == []


# --- the partition property, on random edits of a random edition ---

@st.composite
def edited_pair(draw):
    n_sections = draw(st.integers(1, 4))
    seeds = iter(range(draw(st.integers(0, 10_000)), 10**6))
    spec = [(f"S{k}", f"Section {k}", 1, [text(next(seeds), draw(st.integers(3, 40)))
                                          for _ in range(draw(st.integers(0, 5)))]) for k in range(n_sections)]
    new_spec = []
    for sid, title, level, texts in spec:
        out = []
        for t in texts:
            op = draw(st.sampled_from(["keep", "keep", "edit", "drop", "split", "dup"]))
            if op == "keep":
                out.append(t)
            elif op == "edit":
                out.append(edit_words(t, 2))
            elif op == "split" and len(t.split()) > 6:
                words = t.split()
                out += [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])]
            elif op == "dup":
                out += [t, t]
        if draw(st.booleans()):
            out.insert(0, text(next(seeds)))
        new_spec.append((sid, title, level, out))
    if draw(st.booleans()):
        draw(st.randoms()).shuffle(new_spec)
    return edition(spec), edition(new_spec)


@settings(max_examples=60, deadline=None)
@given(edited_pair())
def test_every_paragraph_is_in_exactly_one_change(pair):
    old, new = pair
    c = compare_editions(old, new)
    assert_partition(c)
    for ch in c.changes:
        assert ch.kind in ("unchanged", "modified", "rewritten", "added", "removed", "split", "merged")
        assert (ch.kind == "added") == (not ch.old) and (ch.kind == "removed") == (not ch.new)
    assert_new_reading_order(c)


def test_section_with_every_paragraph_rewritten_is_paired_by_place_and_title():
    old = [("I", "Overview and evolution of the threat", 1, [text(1), text(2)]),
           ("II", "Regional developments", 1, []),
           ("II.A", "Africa", 2, [text(3), text(4)]),
           ("II.B", "Europe", 2, [text(5)]),
           ("II.C", "Asia", 2, [text(6), text(7)]),
           ("III", "Recommendations", 1, [text(8)])]
    new = [("I", "Overview", 1, [text(101), text(102)]),
           ("II", "Regional developments", 1, []),
           ("II.A", "Africa", 2, [text(3), text(4)]),
           ("II.B", "Europe and the Americas", 2, [text(105)]),
           ("II.C", "Asia", 2, [text(6), text(7)]),
           ("III", "Recommendations", 1, [text(108)])]
    c = compare_editions(edition(old), edition(new))
    assert {(s.old, s.new) for s in c.sections} == {("I", "I"), ("II", "II"), ("II.A", "II.A"), ("II.B", "II.B"),
                                                    ("II.C", "II.C"), ("III", "III")}


def test_unrelated_section_in_the_same_place_is_not_paired():
    old = [("I", "Introduction", 1, [text(1)]), ("II", "Resolution 2347 (2017) on cultural heritage", 1, [text(2)]),
           ("III", "Observations", 1, [text(3)])]
    new = [("I", "Introduction", 1, [text(1)]), ("II", "Propaganda", 1, [text(102)]),
           ("III", "Observations", 1, [text(3)])]
    c = compare_editions(edition(old), edition(new))
    assert {(s.old, s.new) for s in c.sections} == {("I", "I"), ("III", "III"), ("II", None), (None, "II")}


def reworded(t: str, seed: int) -> str:
    """The same words in another order: a paragraph rewritten on the same subject, with no wording kept."""
    words = t.rstrip(".").lower().split()
    random.Random(seed).shuffle(words)
    return " ".join(words).capitalize() + "."


def _restructured(opening: str = "") -> tuple[Edition, Edition]:
    """Old "II. Security and liaison arrangements" rewritten as new "III. Liaison and progress towards sustainable
    solutions", after a new section II; old "III. Safety measures" dropped."""
    old = [("I", "Introduction", 1, [text(1)]),
           ("II", "Security and liaison arrangements", 1, [opening + text(2), opening + text(3)]),
           ("III", "Safety measures", 1, [text(4)]),
           ("IV", "Observations", 1, [text(5)])]
    new = [("I", "Introduction", 1, [text(1)]),
           ("II", "Cessation of hostilities", 1, [text(104, vocabulary=OTHER_VOCABULARY)]),
           ("III", "Liaison and progress towards sustainable solutions", 1,
            [opening + reworded(text(3), 1), opening + reworded(text(2), 2)]),
           ("IV", "Observations", 1, [text(5)])]
    return edition(old), edition(new)


def test_a_rewritten_section_under_a_new_title_and_place_is_paired_on_its_words():
    # the successor tier is given the pairing: the textual links alone pair I and IV only
    state = align.textual_alignment(*_restructured())
    assert not any(link.old and link.new and link.old[0] in (1, 2) for link in state.linker.links)
    assert align.section_ids(state) == {"I": "I", "II": "III", "IV": "IV"}


def test_two_logs_of_dated_incidents_are_not_paired_on_their_words():
    # each entry of a log is a subject of its own: paired logs draw the successor tier into linking incidents
    state = align.textual_alignment(*_restructured(opening="On 3 March, "))
    assert align.section_ids(state) == {"I": "I", "IV": "IV"}


@pytest.mark.slow
def test_similarity_is_scored_for_few_pairs_not_all_pairs():
    # Near-linear scaling: on 600 paragraphs, only plausible pairs get the (costlier) LCS score.
    from reportdiff.diff import align as A

    spec = [(f"S{k}", f"Section {k}", 1, [text(1000 + 20 * k + m, 80) for m in range(20)]) for k in range(30)]
    old = edition(spec)
    new = edition([(sid, t, lv, [edit_words(x, 3, seed=len(x)) for x in texts]) for sid, t, lv, texts in spec])
    vocab = A.TokenCodec()
    o, n = A._side(old, vocab), A._side(new, vocab)
    pairs = sum(len(js) for js in A._candidates(o, n).values())
    assert len(old.paragraphs) <= pairs < 0.05 * len(old.paragraphs) * len(new.paragraphs)
    c = compare_editions(old, new)
    assert all(ch.kind == "modified" and ch.old == ch.new and not ch.moved for ch in c.changes)


def test_candidate_cosines_same_with_and_without_the_dense_accumulator(monkeypatch):
    """Long documents add the cosines up by sorting instead of in one array: both ways find the same pairs."""

    texts_old = [f"The Mission recorded {n} incidents in sector {s} and supported the authorities in the area."
                 for n, s in zip(range(40), "ABCDEFGH" * 5)]
    texts_new = [t.replace("recorded", "documented") for t in texts_old[5:]] + ["An unrelated sentence entirely."]
    make = lambda texts: Edition(symbol="S/1", date=None, title="", pages=1, paragraphs=[  # noqa: E731
        Paragraph(id=str(i + 1), number=str(i + 1), section=None, text=t) for i, t in enumerate(texts)])
    vocab = align.TokenCodec()
    old, new = align._side(make(texts_old), vocab), align._side(make(texts_new), vocab)
    dense = align._candidates(old, new)
    monkeypatch.setattr(align, "DENSE_COSINE_CELLS", 0)
    assert align._candidates(old, new) == dense
    assert dense[5] and 0 in dense[5]                     # old ¶6 is new ¶1, reworded
    assert all(len(new_ids) < len(texts_new) for new_ids in dense.values())   # not everything with everything


def test_editions_whose_every_word_is_common():
    """Paragraphs built from the same few words: every gram is too common to weigh, so no candidate comes from
    the cosines (this once crashed on an empty column index); identical texts still link, reworded ones are
    added/removed rather than guessed."""
    same = "The Mission continued to monitor the situation in the region."
    many = align.COMMON_GRAM_MIN_DOCS // 2 + 1           # each edition: more paragraphs than half that bound
    old = edition([("I", "Introduction", 1, [same] * many)])
    new = edition([("I", "Introduction", 1, [same] * (many - 1) + ["The Mission continued to monitor the region."])])
    c = compare_editions(old, new)
    assert_partition(c)
    assert sum(len(ch.new) for ch in c.changes if ch.kind == "unchanged") == many - 1
