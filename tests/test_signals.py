"""Signals read off word diffs: changed figures, dates and hedging words, with a little context."""
from __future__ import annotations

from reportdiff.diff.signals import signals_from_diff
from reportdiff.diff.wordiff import word_diff


def signals(old: str, new: str):
    return signals_from_diff(word_diff(old, new))


def kinds(sigs):
    return sorted(s.kind for s in sigs)


def test_changed_figure_reads_with_its_surroundings():
    (sig,) = signals("Da'esh maintained up to 3,000 fighters across Iraq.",
                     "Da'esh maintained up to 4,000 fighters across Iraq.")
    assert sig.kind == "figure"
    assert sig.old == "up to 3,000 fighters"
    assert sig.new == "up to 4,000 fighters"
    assert "maintained up to 4,000 fighters across" in sig.context


def test_estimate_rewritten_as_a_range_is_one_signal():
    sigs = signals("The group retains about 4,000 fighters in the region.",
                   "The group retains between 2,600 and 3,500 fighters in the region.")
    (fig,) = sigs                  # "about" belongs to the estimate: no separate hedge signal
    assert fig.kind == "figure"
    assert "about 4,000" in fig.old and "between 2,600 and 3,500" in fig.new


def test_approximation_word_alone_is_a_hedge():
    (sig,) = signals("The group has some supporters in the south.", "The group has many supporters in the south.")
    assert sig.kind == "hedge"


def test_changed_document_symbol_is_not_a_date():
    assert signals("See my previous report (S/2018/80).", "See my previous report (S/2018/770).") == []


def test_changed_date():
    (sig,) = signals("The meeting held on 8 December was postponed.",
                     "The meeting held on 15 March 2025 was postponed.")
    assert sig.kind == "date"
    assert "8 December" in sig.old and "15 March 2025" in sig.new


def test_changed_hedge():
    (sig,) = signals("The group is likely to expand its operations.", "The group may expand its operations.")
    assert sig.kind == "hedge"
    assert "likely" in sig.old and "may" in sig.new


def test_trend_words_are_hedges():
    sigs = signals("Attacks remained frequent.", "Attacks increased sharply.")
    assert "hedge" in kinds(sigs)


def test_plain_rewording_gives_no_signal():
    assert signals("UNODC organized a workshop in Vienna.", "UNODC convened a workshop in Vienna.") == []


def test_a_whole_added_sentence_is_not_a_figure_change():
    sigs = signals("The Mission continued its patrols.",
                   "The Mission continued its patrols. Since January, more than 3,000 people have been displaced "
                   "from the border villages.")
    assert sigs == []


def test_short_pure_insertion_of_a_figure_is_a_signal():
    (sig,) = signals("The attack killed civilians.", "The attack killed 12 civilians.")
    assert sig.kind == "figure" and sig.old is None and "12" in sig.new


def test_unchanged_text_gives_no_signal():
    assert signals("Nothing changed here, 3,000 stays.", "Nothing changed here, 3,000 stays.") == []


def test_renumbered_cross_reference_is_not_a_figure():
    assert signals("He acted on instructions (see para. 59). In October, a network was dismantled.",
                   "He acted on instructions (see para. 58). In October, a network was dismantled.") == []


def test_agenda_items_ordinals_markers_and_labels_are_not_figures():
    """1990s editions renumber their agenda items ("agenda items 18, 116 and 117" -> "18, 88 and 89"), meetings
    ("2nd to 6th"), footnote markers ("5/") and the operative paragraphs of a resolution they quote ("4. Condemns"):
    none of them is a figure (A/48/653 -> A/50/610, where they were 7 of the 12 items of the brief)."""
    assert signals("The debate covered agenda items 18, 116, 117 and 12, and 119 on the understanding.",
                   "The debate covered agenda items 18, 88, 89 and 12, and 91 on the understanding.") == []
    assert signals("The Committee considered item 117 at its 2nd to 6th meetings.",
                   "The Committee considered item 89 at its 2nd, 5th to 7th meetings.") == []
    assert signals("Recalling the report of the Special Committee relating to the item, 5/ as well as",
                   "Recalling the report of the Special Committee relating to the item, 6/ as well as") == []
    assert signals("4. Condemns those activities of foreign economic interests.",
                   "5. Condemns those activities of foreign economic interests.") == []
    assert signals("2. Reiterates that the Power is wrong. 3. Reaffirms its concern.",      # two merged
                   "3. Reiterates that the Power is wrong. 4. Reaffirms its concern.") == []
    assert signals("The debate was held on 4 October (see A/C.4/48/SR.11 and 12).",
                   "The debate was held on 4 October (see A/C.4/50/SR.2, 5-7 and 14).") == []
    assert signals("It met on 4 October (see A/C.4/48/SR.2-6, 11 and 12). The general debate took place.",
                   "It met on 4 October (see A/C.4/50/SR.2, 5-7 and 14). The general debate took place.") == []
    (dates,) = signals("Meetings took place between 6 and 29 October (see the records).",
                       "Meetings took place on 4, 11 and 16 October and 3 November (see the records).")
    assert dates.kind == "date"              # days of a month, "4" too: a date, not a figure
    # … also where other days changed between it and its month, and ordinals stand in the same change (A/51/595 →
    # A/52/620: "1 → 6" and "7 → 8" had been briefed as figures)
    (dates,) = signals("It considered the item at its 2nd to 5th and 8th meetings, on 1, 7, 9, 10 and 28 October "
                       "1996 (see the records).",
                       "It considered the item at the 3rd to 7th meetings, on 6, 8, 9, 10 and 13 October (see the "
                       "records).")
    assert dates.kind == "date"
    assert kinds(signals("The Mission recorded 12 incidents on 3 May, and 4 patrols.",
                         "The Mission recorded 15 incidents on 3 May, and 7 patrols.")) == ["figure", "figure"]
    assert kinds(signals("The total was 5", "The total was 6")) == ["figure"]      # a number ending the text
    # a count after a singular reference or a date, or opening a sentence without a label's full stop, is a figure
    assert kinds(signals("On 12 May, 30 people were killed.", "On 14 May, 31 people were killed.")) == [
        "date", "figure"]
    (after_reference,) = signals("Under resolution 2254, 15 members voted for it.",
                                 "Under resolution 2254, 14 members voted for it.")
    (opening,) = signals("4 people were killed in the attack.", "5 people were killed in the attack.")
    assert (after_reference.old, opening.new) == ("15 members", "5 people")
    # counts after a symbol, a date, a plural's comma or a colon are figures too
    for old, new in [("Since the issuance of S/2025/72, 300 cases were recorded.",
                      "Since the issuance of S/2025/72, 450 cases were recorded."),
                     ("On 12/10/2024, 300 people fled.", "On 12/10/2024, 450 people fled."),
                     ("Of the 170 agenda items, 35 were completed.", "Of the 170 agenda items, 40 were completed."),
                     ("The report has 40 pages, 12 of them annexes.", "The report has 40 pages, 15 of them annexes."),
                     ("Civilian deaths (total): 1,200.", "Civilian deaths (total): 1,450.")]:
        assert kinds(signals(old, new)) == ["figure"], old


def test_context_reaches_across_brackets_and_abbreviations_but_not_sentences():
    (sig,) = signals("Attacks rose. About 300 fighters (see para. 4) remained in the area.",
                     "Attacks rose. About 450 fighters (see para. 4) remained in the area.")
    assert sig.context.startswith("About 450 fighters (see para. 4)")


def test_a_list_of_changed_figures_gives_one_signal_per_figure():
    sigs = signals("Troops were deployed from Fiji (146), Ghana (5), India (187), Ireland (4) and Nepal (445).",
                   "Troops were deployed from Fiji (148), Ghana (15), India (199), Ireland (3) and Nepal (439).")
    assert [(s.kind, s.old, s.new) for s in sigs][:2] == [("figure", "from Fiji (146)", "from Fiji (148)"),
                                                          ("figure", "Ghana (5)", "Ghana (15)")]
    assert len(sigs) == 5


def test_a_rewritten_sentence_gives_no_signal_for_its_function_words():
    sigs = signals("Following the fall of the Government in the Syrian Arab Republic and the entry of forces into "
                   "the area, the situation was altered.",
                   "The situation continued to be characterized by the presence and activities of the forces in "
                   "the area.")
    assert all(max(len((s.old or "").split()), len((s.new or "").split())) <= 12 for s in sigs)


def test_a_changed_resolution_symbol_is_no_figure():
    """UNDOF's "General Assembly resolution 79/83" -> "78/11": both halves changed, and "/83" -> "/11" was read as a
    figure that changed."""
    sigs = signals("The report was submitted pursuant to General Assembly resolution 79/83, entitled “The Syrian Golan”.",
                   "The report was submitted pursuant to General Assembly resolution 78/11, entitled “The Syrian Golan”.")
    assert [s for s in sigs if s.kind == "figure"] == []


def test_a_changes_context_is_read_near_it_and_is_the_same_as_from_the_whole_text():
    """The words either side of a change are read from its neighbourhood only (a long list with every number
    changed cost the whole paragraph per figure), growing it as far as needed: the same words as from the whole
    paragraph, also where five words reach further back than a first read (long words, no sentence end)."""
    from reportdiff.diff import signals
    from reportdiff.diff.wordiff import diff_words, new_text

    def from_whole(ops, hunk):
        middle = hunk.new if hunk.new.strip() else hunk.old
        return signals._tidy(signals._edge_words(new_text(ops[:hunk.start]), signals.CONTEXT_WORDS, True) + middle
                             + signals._edge_words(new_text(ops[hunk.end:]), signals.CONTEXT_WORDS, False))

    items = [f"Contingent{'x' * 90}{k} ({k})," for k in range(1, 60)]
    old = "Troops as at 1 May. " + " ".join(items) + " and others."
    new = old
    for k in range(1, 60):                      # every count changed: the changes stand a row apart
        new = new.replace(f"({k})", f"({k + 100})")
    ops = diff_words(old, new).ops
    hunks = signals._hunks(ops)
    assert len(hunks) == 59
    assert [signals._context(ops, h) for h in hunks] == [from_whole(ops, h) for h in hunks]
    before = signals._context(ops, hunks[29]).split("(130)")[0]
    assert len(before) > signals.REFERENCE_REACH and before.startswith(f"Contingent{'x' * 90}28 (128), ")
