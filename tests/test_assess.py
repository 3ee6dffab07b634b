"""Assessment signals and the brief (diff/assess.py, figures.py, brief.py), on editions built in code and on a
generated PDF pair: what an analyst would brief, and what must never be claimed."""
from __future__ import annotations

import json
import re

import pytest

from reportdiff.diff import figures as fig
from reportdiff.diff.assess import signals_for
from reportdiff.diff.brief import assess_changes, brief_of
from reportdiff.diff.comparison import compare_editions
from reportdiff.diff.sentences import pair_context, quote, sentences
from reportdiff.diff.topics import key_phrase
from reportdiff.model import Change, Comparison, Edition, Paragraph, Section
from reportdiff.render import report as render

FILLER = [
    "UNODC organized a workshop on border management for officials of the region in Vienna.",
    "The Office of Counter-Terrorism delivered training on the protection of critical infrastructure.",
    "The Counter-Terrorism Committee Executive Directorate conducted an assessment visit to a Member State.",
    "UNICEF supported the reintegration of children formerly associated with armed groups in the north.",
    "Member States exchanged information on the financing of terrorism through informal transfer systems.",
    "The Global Programme on Detention provided guidance on the management of violent extremist prisoners.",
]


def edition(symbol: str, paras: list[tuple[str, str | None, str]], sections=None) -> Edition:
    """An Edition from (id, section id, text) triples."""
    secs = sections or [Section("I", "I.", "Introduction", 1), Section("II", "II.", "Developments", 1),
                        Section("III", "III.", "Observations", 1)]
    return Edition(symbol, "2025-01-31", "Report of the Secretary-General", 3, secs,
                   [Paragraph(pid, pid if pid.isdigit() else None, sec, text) for pid, sec, text in paras])


def read_pair(old_texts: dict[str, str], new_texts: dict[str, str], sections: dict[str, str] | None = None):
    """Two editions that share some filler paragraphs (so that word weights are those of a real pair) and hold
    the given paragraphs; returns (old, new, context)."""
    sections = sections or {}
    filler = [(str(11 + k), "I", t) for k, t in enumerate(FILLER)]     # the report's first paragraphs
    old = edition("S/2025/1", filler + [(k, sections.get(k, "II"), t) for k, t in old_texts.items()])
    new = edition("S/2025/2", filler + [(k, sections.get(k, "II"), t) for k, t in new_texts.items()])
    return old, new, pair_context(old, new)


def signals(old_text: str, new_text: str, kind: str = "rewritten", **kw):
    old, new, ctx = read_pair({"1": old_text}, {"1": new_text}, **kw)
    return signals_for([old.paragraph("1")], [new.paragraph("1")], kind, None, ctx)


def of_kind(sigs, kind):
    return [s for s in sigs if s.kind == kind]


# ---------------------------------------------------------------------------------------------------- figures

def test_figures_pair_by_what_they_count():
    sigs = signals(
        "The pace of repatriations declined during the period, with five Member States having repatriated more "
        "than 760 individuals from the camps.",
        "Five Member States reportedly repatriated more than 5,970 individuals from the camps, a marked increase.")
    (f,) = of_kind(sigs, "figure")
    assert "760 individuals" in f.old and "5,970 individuals" in f.new
    assert f.direction == "up" and "×7.9" in f.change and f.subject == "individuals"


def test_figures_in_a_list_pair_by_noun_and_modifier_never_across():
    sigs = signals(
        "An estimated 42,500 individuals, including more than 17,700 Iraqi nationals and approximately 16,200 "
        "Syrian nationals, remained in the Hawl and Rawj camps.",
        "Approximately 34,800 individuals remained in the Hawl and Rawj camps, including 15,500 Syrian nationals "
        "and more than 6,700 Iraqi nationals.")
    pairs = {(s.change.split(" → ")[0], s.change.split(" → ")[1].split(" (")[0]) for s in of_kind(sigs, "figure")}
    assert ("An estimated 42,500", "Approximately 34,800 individuals") in pairs
    assert ("more than 17,700", "more than 6,700 Iraqi nationals") in pairs
    assert ("approximately 16,200", "15,500 Syrian nationals") in pairs
    assert len(pairs) == 3                        # never Iraqi with Syrian, never individuals with nationals


def test_unrelated_figures_are_not_paired():
    sigs = signals("UNSMIL trained 3 women teachers in Tripoli on explosive ordnance risk education.",
                   "Explosive ordnance risk education reached more than 4,700 women in Tripoli.")
    assert of_kind(sigs, "figure") == []          # teachers are not the women reached
    sigs = signals("The Mine Action Service escorted patrols for 1,294 km in Unity.",
                   "The Mission held 12 workshops in Unity on the protection of civilians.")
    assert of_kind(sigs, "figure") == []


def test_people_counted_for_different_things_are_not_paired():
    """"People" says little: what they are is in the words after the number (in need of aid, displaced). The South
    Sudan pair's Nasir paragraph had paired the two below, as "down 72 %"."""
    sigs = signals(
        "An inter-agency rapid assessment conducted at the end of January reported that over 67,000 people in "
        "10 payams in Nasir County needed urgent humanitarian assistance.",
        "An inter-agency rapid assessment conducted in Morobo County reported that an estimated 18,700 people "
        "were displaced by armed clashes in Central Equatoria.")
    assert of_kind(sigs, "figure") == []
    sigs = signals(
        "An inter-agency rapid assessment conducted at the end of January reported that over 67,000 people in "
        "10 payams in Nasir County needed urgent humanitarian assistance.",
        "An inter-agency rapid assessment conducted at the end of May reported that some 90,000 people in "
        "Nasir County needed urgent humanitarian assistance.")
    (f,) = of_kind(sigs, "figure")
    assert "67,000 people" in f.old and "90,000 people" in f.new


def test_a_missions_outputs_weigh_less_than_what_happened():
    """Patrols run and people trained are the mission's own work: tripling them is no change in the assessment,
    and a rise in civilian casualties of half as much must rank above it. Monitoring is not an output."""
    sigs = signals(
        "UNMISS conducted 1,334 short-duration patrols and held workshops for 377 participants. UNMISS verified "
        "that 338 civilians were killed.",
        "UNMISS conducted 4,460 short-duration patrols and held workshops for 1,178 participants. UNMISS verified "
        "that 512 civilians were killed.")
    by_noun = {f.subject: f for f in of_kind(sigs, "figure")}
    assert set(by_noun) == {"short-duration patrols", "participants", "civilians"}
    assert by_noun["civilians"].score > by_noun["participants"].score
    assert by_noun["civilians"].score > by_noun["short-duration patrols"].score
    parts = fig.figures_in("The workshops reached 326 young persons, including 119 women.",
                           read_pair({}, {})[2])
    assert [fig.is_output(f) for f in parts] == [True, True]       # told after "workshops", and its breakdown
    (verified,) = fig.figures_in("UNMISS verified 53 grave violations against children.", read_pair({}, {})[2])
    assert not fig.is_output(verified)


def test_counts_of_two_events_on_different_days_are_not_paired():
    """The injured of the clashes of 16 and 17 October and those of 14 February are two events, not one count that
    fell; a count "as at" a date is the same quantity brought up to date."""
    sigs = signals("In Nasir, fighting was reported between 16 and 17 October, resulting in 16 injured. As at "
                   "19 February, 99,000 people remained displaced in Nasir.",
                   "In Nasir, fighting was reported on 14 February that left 12 injured. As at 31 May, 82,000 "
                   "people remained displaced in Nasir.")
    assert [f.subject for f in of_kind(sigs, "figure")] == ["people"]


def test_a_value_restated_in_other_words_is_not_paired_with_its_neighbour():
    """The old edition gives the current count (6.3 million) and the projection (6.1 million); the new one restates
    the projection in other words. 6.1 million is the same quantity: 6.3 → 6.1 ("down 3 %") is no change."""
    sigs = signals("According to the IPC report released on 18 November, an estimated 6.3 million people are "
                   "experiencing high levels of acute food insecurity classified in IPC phase 3+ (crisis or worse), "
                   "including 41,000 people in IPC phase 5 (catastrophe), between September and November. "
                   "Projections for the harvest/post-harvest season from December to March 2025 indicate that 6.1 "
                   "million people will likely experience IPC phase 3+, including 31,000 people classified in IPC "
                   "phase 5.",
                   "An estimated 6.1 million South Sudanese people are at risk of experiencing high levels of acute "
                   "food insecurity or above, including some 31,000 South Sudanese returnees at risk of "
                   "catastrophe/famine level, or IPC phase 5, between December 2024 and March 2025.")
    assert of_kind(sigs, "figure") == []


def test_a_small_range_is_not_a_value_restated():
    """A code review: "2 to 3" was read by its midpoint, 2.5, as a fractional value that does not recur by chance."""
    ctx = read_pair({}, {})[2]
    (a,) = fig.figures_in("Armed groups attacked 2 to 3 convoys every week along the Juba-Nimule road.", ctx)
    (b,) = fig.figures_in("Humanitarian partners said that 2 to 3 convoys a month reached Pibor by river.", ctx)
    assert not fig._restated(a, b) and fig.pair_score(a, b) is None
    (c,) = fig.figures_in("Some 6.1 million people faced acute food insecurity.", ctx)
    (d,) = fig.figures_in("The projection gave 6.1 million people at risk until the harvest.", ctx)
    assert fig._restated(c, d)


def test_a_breakdown_weighs_less_than_its_total():
    sigs = signals("The country task force verified 19 grave violations against 18 children (12 boys and 6 girls).",
                   "The country task force verified 53 grave violations against 49 children (35 boys and 14 girls).")
    by_noun = {f.subject: f for f in of_kind(sigs, "figure")}
    assert by_noun["boys"].score < by_noun["children"].score and by_noun["boys"].score < by_noun["grave violations"].score


def test_dates_years_references_and_names_are_not_figures():
    ctx = pair_context(edition("a", []), edition("b", []))
    text = ("On 12 May 2025, under resolution 2254 (2015), the 5+5 Joint Military Commission and the 444th Brigade "
            "met an 18-year-old from Special Detachment 88 in QDe.161 territory.")
    assert fig.figures_in(text, ctx) == []
    (f,) = fig.figures_in("The group retained between 8,000 and 12,000 fighters.", ctx)
    assert (f.low, f.high, f.noun) == (8000, 12000, "fighters")
    (money, share) = fig.figures_in("Only $22 million (22 per cent) had been received.", ctx)
    assert (money.unit, money.value, share.unit, share.value) == ("$", 22e6, "%", 22)
    # agenda items, in a list too, and a quoted resolution's paragraph label; a count after a singular reference
    assert fig.figures_in("The debate covered agenda items 18, 88, 89 and 12, and 91 and item 117.", ctx) == []
    assert fig.figures_in("4. Condemns those activities.", ctx) == []
    (count,) = fig.figures_in("Under resolution 2254, 15 members voted for it.", ctx)
    assert (count.value, count.noun) == (15, "members")


def test_the_change_of_a_figure_is_stated_as_the_text_allows():
    ctx = pair_context(edition("a", []), edition("b", []))

    def change(old: str, new: str) -> str:
        (a,), (b,) = fig.figures_in(old, ctx), fig.figures_in(new, ctx)
        return fig.change_text(a, b)
    assert change("The group had between 200 and 300 fighters.", "The group had 300–400 fighters.").endswith("(up)")
    assert change("It had only 100 to 150 fighters.", "It had fewer than 100 fighters.").endswith("(down)")
    assert change("The strength stood at 13,930 military personnel.",
                  "The strength stood at 13,888 military personnel.").endswith("(down less than 1 %)")
    assert change("It retained up to 3,000 fighters.", "It retained up to 4,000 fighters.").endswith("(up 33 %)")
    assert change("It had 200 fighters.", "It had 199 fighters.").endswith("(down 1 %)")          # half rounds up
    assert change("It had 50 fighters.", "It had fewer than 100 fighters.").endswith("(changed)")  # no way known
    assert change("It had more than 1,800 fighters.", "It had approximately 1,000 fighters.").endswith("(down 44 %)")
    assert change("It held between 20 and 30 per cent.", "It held 45 per cent.").endswith("(up)")  # no midpoints


def test_a_figure_without_its_noun_is_told_by_what_happened():
    """"65 → 209 (up ×3.2)" in the brief said nothing of what was counted (a helper's reading of the South Sudan
    brief); the sentence says "65 were arbitrarily arrested and detained"."""
    sigs = signals("UNMISS verified 233 incidents. A total of 338 civilians were killed, 280 were injured, 115 were "
                   "abducted and 65 were arbitrarily arrested and detained.",
                   "UNMISS verified 358 incidents. A total of 856 civilians were killed, 792 were injured, 117 were "
                   "abducted and 209 were arbitrarily arrested and detained (see figure I).")
    changes = {s.change for s in of_kind(sigs, "figure")}
    assert {"65 → 209 arbitrarily arrested and detained (up ×3.2)", "280 → 792 injured (up ×2.8)",
            "115 → 117 abducted (up 2 %)"} <= changes
    # its quote starts at the figure: the words before "and" are the figure before's ("115 were abducted")
    arrested = next(s for s in of_kind(sigs, "figure") if s.change.startswith("65 "))
    assert (arrested.old, arrested.new) == ("65 were arbitrarily arrested and detained.",
                                            "209 were arbitrarily arrested and detained")


def test_a_running_total_is_not_a_count_for_the_period():
    sigs = signals(
        "From June 2023 to 3 April 2025, more than 12,750 migrants were intercepted at the border with Tunisia.",
        "Since 3 April, more than 300 migrants have been intercepted at the Libya-Tunisia border.")
    assert of_kind(sigs, "figure") == []


def test_breakdowns_pair_only_under_paired_totals():
    sigs = signals(
        "UNMISS trained 65 participants (19 women) on human rights. It engaged 154 representatives (5 women).",
        "UNMISS gathered 52 chiefs (18 women) at a conference in Juba on land disputes and cattle raiding.")
    assert not any("women" in s.change for s in of_kind(sigs, "figure"))


def test_a_figure_standing_alone_waits_for_its_own_breakdown():
    # "54 women" of the task force stands alone in the old text; "66 women" is the breakdown of the task force's
    # 699 personnel in the new one. Breakdowns are paired after their totals, but the force's "827 women" must not
    # take 54 only because a figure standing alone is paired first.
    sigs = signals(
        "As at 20 February, UNIFIL had 10,280 military personnel, including 891 women (8.7 per cent), from 48 "
        "troop-contributing countries, and 782 civilian staff (238 international and 544 national), including 254 "
        "women (32.5 per cent). The UNIFIL Maritime Task Force consisted of five vessels, with 620 of the mission’s "
        "military personnel, including 54 women (8.7 per cent).",
        "As at 20 June, UNIFIL consisted of 10,372 military personnel from 47 contributing countries, with 827 women "
        "(7.97 per cent). In addition, UNIFIL had 777 civilian staff, including 237 international and 540 national "
        "personnel, with 252 women (32.43 per cent). The UNIFIL Maritime Task Force operated with five vessels and "
        "699 military personnel, including 66 women (9.44 per cent).")
    changes = {s.change for s in of_kind(sigs, "figure")}
    assert "54 → 66 women (up 22 %)" in changes and "891 → 827 women (down 7 %)" in changes
    assert not any("54 → 827" in c for c in changes)
    assert "620 → 699 military personnel (up 13 %)" in changes      # "of the mission’s": a possessive is no noun


def test_a_count_told_in_parts_is_not_paired_with_a_whole():
    sigs = signals(
        "In total, 12 individual police officers were deployed to the Tambura temporary operating base and a further "
        "83 were deployed to five company operating bases in Yei, Kodok, Renk, Akobo and Pibor.",
        "Ninety-two individual police officers were deployed to the Tambura and Akobo temporary operating bases and "
        "five company operating bases to support confidence-building.")
    assert not any("12 → Ninety-two" in s.change for s in of_kind(sigs, "figure"))     # 12 is one part of 95
    parts = signals("UNMISS rescued 273 asylum-seekers in Wahat district and another 71 in Kufrah district.",
                    "UNMISS rescued 310 asylum-seekers in Wahat district and another 40 in Kufrah district.")
    assert {s.change for s in of_kind(parts, "figure")} >= {"273 → 310 asylum-seekers (up 14 %)"}
    other = signals("In another attack, 12 civilians were killed in the market of Kadugli.",
                    "In a separate attack, 15 civilians were killed in the market of Kadugli.")
    assert [s.change for s in of_kind(other, "figure")] == ["12 → 15 civilians (up 25 %)"]   # "another attack"


def test_a_number_replaced_in_an_edited_paragraph_is_told_as_a_change():
    # the word diff says where "102" became "101"; read in its whole sentence, the figure counts national staff
    # (the sentences' own reader leaves it: its total, "314 … staff members" → "316 … staff", is not paired)
    from reportdiff.diff.signals import signals_from_diff
    from reportdiff.diff.wordiff import word_diff

    a = ("UNSMIL maintained a presence of 314 civilian staff members, comprising 102 national staff, 208 "
         "international staff and 4 United Nations Volunteers. Of those, 292 were stationed in Tripoli and 2 in "
         "Benghazi.")
    b = ("UNSMIL maintained a presence of 316 civilian staff, comprising 101 national staff, 208 international staff "
         "and 5 United Nations Volunteers. Of those, 292 were stationed in Tripoli and 4 in Benghazi.")
    old, new, ctx = read_pair({"1": a}, {"1": b})
    ops = word_diff(a, b)
    sigs = signals_for([old.paragraph("1")], [new.paragraph("1")], "modified", ops, ctx, signals_from_diff(ops))
    told = sorted(s.change for s in of_kind(sigs, "figure"))
    assert "102 → 101 national staff (down 1 %)" in told
    assert "4 → 5 United Nations Volunteers (up 25 %)" in told
    assert "" in told                       # "2 in Benghazi" → "4": a bare small number, shown, not told


def test_ambiguous_figures_are_left_out():
    old, new, ctx = read_pair({}, {})
    a = fig.figures_in("Staff trained 150 individuals in Assah and 160 individuals in Ghadamis.", ctx)
    b = fig.figures_in("Staff trained 460 individuals in the region.", ctx)
    assert fig.pair_figures(a, b) == []           # 150 or 160? Neither is claimed


# ---------------------------------------------------------------------------------------------------- judgements

def test_a_sentences_judgement_has_one_counterpart():
    """ISIL's opening: "remained undiminished" → "remained high" is the change; the old paragraph's "continued to
    increase their focus on Africa" was also paired with "remained high" ("continued → high", a reader review)."""
    sigs = signals("During the reporting period, the threat posed to international peace and security by Da’esh "
                   "remained undiminished. Da’esh continued to maintain a reduced pace of activity in Iraq. In the "
                   "Syrian Arab Republic, there was a risk of the group exploiting security vacuums after the fall of "
                   "the Syrian government of Bashar Al-Assad on 8 December. Da’esh and its affiliates continued to "
                   "increase their focus on activities in Africa, seeking to expand territorial control. The United "
                   "Nations continued to support Member States in countering the threat posed by Da’esh.",
                   "During the reporting period, the threat posed by Da’esh and its affiliates to international "
                   "peace and security remained high. Despite sustained counter-terrorism pressure, the group "
                   "continued to demonstrate resilience and adaptability, including through evolving tactics and "
                   "geographic shifts in operational focus. The United Nations supported Member States in "
                   "countering this threat.")
    told = [s.change for s in of_kind(sigs, "judgement")]
    assert "undiminished → high" in told and sum(t.endswith("→ high") for t in told) == 1, told


def test_continued_to_act_and_acted_is_no_judgement():
    """"continued to support" → "supported" (ISIL's opening, a reader review: "continued → —"), "continued to
    transfer" → "were transferred" (Libya): the act goes on, only its aspect changed. "remained in charge" with
    nothing in its place is still told."""
    sigs = signals("The United Nations continued to support Member States in countering the threat posed by Da’esh.",
                   "The United Nations supported Member States in countering this threat, including through "
                   "the implementation of the Strategy.")
    assert of_kind(sigs, "judgement") == []
    sigs = signals("Libyan authorities continued to transfer those intercepted to facilities where they were "
                   "arbitrarily detained.",
                   "Those intercepted were transferred to facilities where they were arbitrarily detained.")
    assert of_kind(sigs, "judgement") == []
    sigs = signals("Abu Khadija remained in charge of the group's operations in Iraq and the Syrian Arab Republic.",
                   "Abu Khadija was killed; the group's operations in Iraq and the Syrian Arab Republic declined.")
    assert any(s.change.startswith("remained") for s in of_kind(sigs, "judgement"))


def test_a_continuity_word_is_told_with_what_follows_it():
    """"remained → setback" said nothing a reader could weigh (the Monitoring Team's Abu Khadija, a reader
    review): a continuity word alone on a side is shown with the words after it, to its clause's end. Other
    judging words stay as they were, and which changes are told does not depend on it."""
    sigs = signals("Abu Khadija remained in charge of the Al-Ard al-Mubaraka office, covering Iraq.",
                   "The death of Abu Khadija in March was a major setback for the organization.")
    told = [s.change for s in of_kind(sigs, "judgement")]
    assert told == ["remained in charge of the… → setback"], told
    sigs = signals("The situation in the Sahel continued trends observed previously.",
                   "The situation in the Sahel remained deeply concerning.")
    assert [s.change for s in of_kind(sigs, "judgement")] == ["continued trends observed previously → deeply concerning"]


def test_a_summary_repeating_its_body_gives_one_judgement():
    # The Monitoring Team's summary repeats a sentence of its body; paired with the one new sentence on the same
    # subject, both gave "growing → divided" with the same new quote: one change told twice.
    old, new, ctx = read_pair(
        {"u8": "There was growing confidence among some Member States that al-Qurashi was Abdul Qadir Mumin, the "
               "head of ISIL (Da’esh) in Somalia.",
         "2": "The identity of the leader was unclear. There was growing confidence among some Member States that "
              "al-Qurashi was Abdul Qadir Mumin (Somali, not listed), the head of ISIL (Da’esh) in Somalia."},
        {"4": "Some Member States believed that the overall leader of ISIL (Da’esh) was Abdul Qadir Mumin (not "
              "listed); however, opinion remained divided."})
    sigs = signals_for([old.paragraph("u8"), old.paragraph("2")], [new.paragraph("4")], "rewritten", None, ctx)
    changes = [s.change for s in of_kind(sigs, "judgement")]
    assert changes.count("growing → divided") == 1


def test_judgement_change_is_found_and_quoted():
    sigs = signals(
        "During the reporting period, the threat posed to international peace and security by Da’esh remained "
        "undiminished. Da’esh continued to maintain a reduced pace of activity in Iraq.",
        "During the reporting period, the threat posed by Da’esh and its affiliates to international peace and "
        "security remained high. The group continued to demonstrate resilience.")
    j = of_kind(sigs, "judgement")[0]
    assert "remained undiminished" in j.old and "remained high" in j.new
    assert j.change == "undiminished → high" and "Da’esh" in j.subject


def test_a_judgement_word_on_one_side_only_ranks_below_a_changed_judgement():
    """"The Government provided equipment" -> "The Government strengthened …" is a fact told in other words;
    "remained high" -> "increased sharply" is a judgement that moved. Both stay signals, with their own scores; in
    the brief the change comes first even where the one-sided word weighs as much."""
    from reportdiff.diff.brief import rank
    from reportdiff.model import Signal

    sigs = signals("The Government of Iraq provided equipment and infrastructure for border management in "
                   "Anbar. The number of returns from the camps remained high during the period. The situation in "
                   "Nineveh was stable. Violence in the west remained high.",
                   "The Government of Iraq strengthened its border management efforts in Anbar. The number "
                   "of returns from the camps increased sharply during the period. The situation in Nineveh "
                   "deteriorated. Violence in the west declined.")
    judgements = {s.change: s for s in of_kind(sigs, "judgement")}
    assert {"— → strengthened", "— → deteriorated", "high → increased"} <= set(judgements)   # none is lost
    one_sided = Change("rewritten", ["1"], ["1"], signals=[Signal("judgement", "provided", "strengthened",
                                                                  direction="new", score=0.8)])
    moved = Change("rewritten", ["2"], ["2"], signals=[Signal("judgement", "remained high", "increased",
                                                              direction="changed", score=0.8)])
    assert [b.old for b in rank([one_sided, moved], {})] == [["2"], ["1"]]


def test_the_united_nations_own_work_is_no_judgement():
    """The report's account of its own work — "UNMISS continued to support …", "IOM continued its support to …",
    "the ongoing development of legislation", "the Mission strengthened the capacity of …" — says that work went
    on, not how the situation stands (an audit of the gold pairs' signals: 25 of 102 wrong judgements were these).
    A continuity word before a condition still judges, and so does a threat that grew."""
    from reportdiff.diff.lexicon import hits

    def words(text):
        return [w for w, _, _ in hits(text)]

    assert words("UNMISS continued to support the Government in preparing for elections.") == []
    assert words("IOM continued its support to the Government of Iraq.") == []
    assert words("The Facility contributed to the ongoing development of new counter-terrorism legislation.") == []
    assert words("The force sustained the capability to respond in a crisis situation.") == []
    assert words("The Mine Action Service continued clearing land for the establishment of a camp.") == []
    assert words("Moreover, the Mission strengthened the capacity of 44 representatives of local authorities.") == []
    assert words("Da’esh continued to pose a threat and expanded its network in the region.") == [
        "continued", "expanded"]
    assert words("ISIL-K continued to build its capabilities to threaten Central Asian countries.") == ["continued"]
    assert words("The European Union continued its support of the Lebanese Armed Forces.") == []
    # the work is ours only when one of ours is the verb's own subject (a review of this rule)
    assert words("Member States assessed that ISIL-K continued to build its capabilities.") == ["assessed",
                                                                                              "continued"]
    assert words("Member States reported that Al-Shabaab continued to prioritize attacks.") == ["continued"]
    assert words("The Monitoring Team noted that Da’esh expanded its network in the region.") == ["expanded"]
    assert words("The Government of the Sudan continued to deploy troops to El Fasher.") == ["continued"]
    assert words("The Quds Force continued to provide weapons to the Houthis.") == ["continued"]
    assert words("The ongoing Israeli military operation in Gaza") == ["ongoing"]
    assert words("Hostilities continued to escalate; ongoing challenges remained.") == [
        "continued", "ongoing", "remained"]
    sigs = signals("UNMISS continued to support the Government in preparing for elections in the capital.",
                   "UNMISS supported the Government through training for 80 officials on elections in the capital.")
    assert of_kind(sigs, "judgement") == []
    sigs = signals("IOM provided equipment to the Government of Iraq for border management in Anbar.",
                   "IOM strengthened the border management efforts of the Government of Iraq in Anbar.")
    assert of_kind(sigs, "judgement") == []


def test_a_hedge_on_one_side_of_a_rewritten_pair_is_no_change():
    """"reportedly → —" between two different sentences of a rewritten paragraph says only that they differ; the
    same word dropped from an edited sentence is an attribution dropped, and is told."""
    old = ("Men and boys in the detention facilities were reportedly held in overcrowded cells in Hasakah, with "
           "insufficient food.")
    rewritten = ("The vast majority of detainees in Hasakah were being held incommunicado, with no information "
                 "provided about their fate.")
    assert of_kind(signals(old, rewritten, "rewritten"), "judgement") == []
    edited = ("Men and boys in the detention facilities were held in overcrowded cells in Hasakah, with "
              "insufficient food.")
    assert [s.change for s in of_kind(signals(old, edited, "modified"), "judgement")] == ["reportedly → —"]
    # a judgement proper on one side of a rewritten pair is still told
    worse = ("The vast majority of detainees in Hasakah were being held incommunicado, and conditions in the "
             "facilities deteriorated.")
    assert [s.change for s in of_kind(signals(old, worse, "rewritten"), "judgement")] == [
        "reportedly → deteriorated"]


def test_terms_of_art_are_not_judgements():
    """"grave violations" (the monitoring mechanism's category), "critical infrastructure", "a high court judge",
    "community violence reduction", "dynamic air patrols", "humanitarian needs", "urgent medical assistance", "a
    risk assessment", a project "expected to serve" its beneficiaries: names of things, each counted in the 2025
    reports; the same words judging still do."""
    from reportdiff.diff.lexicon import hits

    def words(text):
        return [w for w, _, _ in hits(text)]

    for text in ("The 127 grave violations were verified.", "It protects critical energy infrastructure.",
                 "A high court judge was deployed to Malakal.", "It ran community violence reduction projects.",
                 "UNMISS cancelled 466 dynamic air and ground patrols.", "The plan covers humanitarian needs.",
                 "Fourteen survivors received urgent medical assistance.", "It finished a risk assessment.",
                 "Each unit was placed on a performance improvement plan.",
                 "Classrooms expected to benefit 648 pupils were built.",
                 "A primary healthcare unit expected to serve 11,299 individuals opened."):
        assert words(text) == [], text
    # "the needs" are what people lack (a noun: necessity is "needs to"); "urgent" is the judgement
    assert words("I am gravely concerned; the situation is grave and the needs are urgent.") == [
        "gravely", "concerned", "grave", "urgent"]
    assert words("Infrastructure remains critical, and the risk of escalation is high.") == [
        "remains", "critical", "risk", "escalation", "high"]
    assert words("Israeli forces committed grave violations of international humanitarian law.") == ["grave"]
    assert words("The 127 grave violations against children occurred in Unity.") == []
    assert words("Grave violations, particularly the killing and maiming of children, persisted.") == ["persisted"]


def test_importance_said_in_other_words_is_told_by_what_is_asked():
    """"crucial" → "imperative" says nothing; what is said to matter is the change a reader wants."""
    sigs = signals("An agreement on a unified budget is crucial to restore trust in the institutions of Libya.",
                   "It is imperative that Libyan actors agree on a national budget and safeguard the institutions "
                   "of Libya.")
    (j,) = of_kind(sigs, "judgement")
    assert j.change.startswith("crucial to restore trust in the institutions") and "→ imperative that Libyan" in j.change
    (k,) = of_kind(signals("The security situation in Libya remained critical and volatile.",
                           "The security situation in Libya remained fragile and volatile."), "judgement")
    assert k.change == "critical → fragile"       # a level, not what matters: told by its words


def test_a_hedge_a_continuity_or_a_stance_in_other_words_is_no_change():
    base = "{} the leadership of the Force {} to call upon the parties to exercise restraint, as any escalation {} " \
           "lead to a serious deterioration of the situation in the area of separation."
    assert of_kind(signals(base.format("In its interactions,", "continued", "might"),
                           base.format("In its interactions,", "continues", "may")), "judgement") == []
    assert of_kind(signals("Developments in the Syrian Arab Republic offer hope for the safe return of refugees.",
                           "Developments in the Syrian Arab Republic will have positive implications for the safe "
                           "return of refugees."), "judgement") == []
    (hardened,) = of_kind(signals("I am concerned by the strikes on the villages of southern Lebanon.",
                                  "I am alarmed by the strikes on the villages of southern Lebanon."), "judgement")
    assert hardened.change == "concerned → alarmed"
    (need,) = of_kind(signals("Freedom of movement of the Force requires that no restrictions be imposed on patrols.",
                              "Freedom of movement of the Force is essential for the full implementation of its "
                              "patrols."), "judgement")
    assert need.change.startswith("requires that no restrictions") and "→ essential for the full" in need.change


def test_opinions_that_remained_divided_are_a_judgement():
    (j,) = of_kind(signals("There was growing confidence among some Member States that the leader is Abdul Qadir Mumin.",
                           "Some Member States believed the leader to be Abdul Qadir Mumin; however, opinions remained "
                           "divided."), "judgement")
    assert j.change == "growing → divided"


def test_reversed_trend():
    sigs = signals("The pace of repatriations from the camps declined significantly during the reporting period.",
                   "The pace of repatriations from the camps increased significantly during the reporting period.",
                   kind="modified")
    j = of_kind(sigs, "judgement")[0]
    assert j.direction == "reversed" and j.change == "declined → increased"


def test_a_qualifier_gives_way_to_the_judgement_it_qualifies():
    """"only five Member States" qualifies a count: the summary of the change names the trend that turned."""
    sigs = signals("The pace of repatriations from the camps declined significantly, with only five Member States "
                   "repatriating their nationals during the reporting period.",
                   "The pace of repatriations from the camps increased significantly, with five Member States "
                   "repatriating their nationals during the reporting period.", kind="modified")
    assert of_kind(sigs, "judgement")[0].change == "declined → increased"


def test_a_stance_is_told_with_its_qualifier():
    """"alarmed → concerned" read as a softening where the new text says "I remain gravely concerned" (a reading
    of the ISIL brief): a stance keeps the qualifier written before it; a trend's still gives way (above)."""
    sigs = signals("I am alarmed by the reports of violations in the camps in the north-east of the Syrian Arab "
                   "Republic.",
                   "I remain gravely concerned about the reports of violations in the camps in the north-east of the "
                   "Syrian Arab Republic.")
    assert [s.change for s in of_kind(sigs, "judgement")] == ["alarmed → gravely concerned"]


def test_same_judgement_in_new_words_is_no_judgement_change():
    sigs = signals("The security situation in the south remained volatile, with clashes near the border.",
                   "The security situation in the south remained volatile, with incidents near the river.")
    assert of_kind(sigs, "judgement") == []


def test_praise_of_the_missions_own_people_is_courtesy_but_praise_of_a_government_is_stance():
    """The closing thanks are no judgement, even without a word of thanks; praise of a Government is one."""
    closing = signals("Lastly, I would like to express my gratitude to the military, police and civilian personnel of "
                      "the Mission and to my Special Representative for their dedication.",
                      "I commend the military, the police and the civilian staff of the Mission, under the leadership of "
                      "my Special Representative, for their work.")
    assert of_kind(closing, "judgement") == []
    stance = signals("The Government took no measures to protect civilians in the border areas.",
                     "I commend the Government for taking measures to protect civilians in the border areas.")
    assert [j.new for j in of_kind(stance, "judgement")] and "commend" in of_kind(stance, "judgement")[0].new


def test_a_goal_is_not_a_trend():
    sigs = signals("Libyan actors agreed on a unified budget for the oil sector in Tripoli.",
                   "It is critical that Libyan actors agree on a unified budget and improve transparency in the oil "
                   "sector in Tripoli.")
    assert all("improve" not in s.change for s in of_kind(sigs, "judgement"))


def test_a_quote_does_not_open_on_a_relative_clause_without_its_subject():
    s = ("Welcoming the return by the Government of Israel of five Lebanese citizens who were being held in Israeli "
         "custody, I call for the release of the remaining Lebanese detainees.")
    assert quote(s, [s.index("I call")]) == "I call for the release of the remaining Lebanese detainees."
    # where the anchor is in the relative clause itself, it stays, with what it speaks of
    s = ("The group, which remained active in the north of the country, expanded its reach in the south and the east "
         "of the country during the reporting period, according to Member States.")
    assert quote(s, [s.index("remained")]).startswith("The group, which remained active")


def test_a_quote_cut_inside_a_long_clause_does_not_open_on_a_function_word():
    s = ("The agreement on the road map put forward by the advisory committee of Libyan experts is a crucial step "
         "towards reviving an inclusive Libyan-led and Libyan-owned political process to preserve stability and "
         "enable a path to national elections without further delay")
    q = quote(s, [s.index("crucial")])
    assert q in s and q.startswith("the advisory committee of Libyan experts is a crucial step")


def test_quotes_are_exact_words_of_the_paragraph_and_short():
    long = ("Further steps, however, need to be taken by the Libyan authorities, including the 5+5 Joint Military "
            "Commission and the security institutions of the east and of the west, to fully implement the ceasefire "
            "agreement and promote the reunification of military and security institutions across the country.")
    q = quote(long, [long.index("ceasefire")])
    assert q in long and len(q.split()) <= 28 and "ceasefire agreement" in q
    # a bracket the cut leaves open ends the quote before it; one the paragraph itself leaves unmatched stays
    ipc = ("According to the IPC report released on 18 November, an estimated 6.3 million people are experiencing "
           "high levels of acute food insecurity classified in IPC phase 3 or above (crisis or worse, as defined by "
           "the Integrated Food Security Phase Classification partnership in its technical manual), including "
           "41,000 people in IPC phase 5 in the counties of the north.")
    q = quote(ipc, [ipc.index("6.3 million")], max_words=24)
    assert q in ipc and q.startswith("an estimated 6.3 million people") and q.endswith("IPC phase 3 or above")
    # … unless the quote's own word stands inside that bracket: then the bracket stays open, nothing is taken out
    inside = ("The Mission supported the elections in all ten states (including 4,200 polling stations, which were "
              "staffed by national officers trained over several months by the Mission's electoral team, and "
              "transported by air to the most remote counties of the country) and the Council welcomed it.")
    q = quote(inside, [inside.index("4,200")])
    assert q in inside and "4,200 polling stations" in q
    two = ("The groups attacked the armed forces and civilians across the north over the whole of the reporting "
           "period, and the armed groups (in Gao, Kidal and Menaka regions, and in the Timbuktu region) (see annex "
           "IV, figures 3 to 7, for the full list of incidents recorded).")
    q = quote(two, [two.index("Timbuktu")])
    assert q in two and "Timbuktu region" in q
    typo = ("Some Member States continued to believe him to be Abdul Qadir Mumin (Somali) (not listed), head of the "
            "Karrar “office” in Somalia); however, opinions remained divided.")
    assert quote(typo, [typo.index("divided")]) == typo
    # a quote never opens on a bracketed year or place: Lebanon's "(2006) and must cease."
    ghajar = ("The continued occupation by the Israel Defense Forces of northern Ghajar and the adjacent area north "
              "of the Blue Line is also in violation of resolution 1701 (2006) and must cease.")
    q = quote(ghajar, [ghajar.index("must")])
    assert q in ghajar and q.endswith("resolution 1701 (2006) and must cease.") and len(q.split()) <= 28
    text = "Mr. Takala was elected (see S/2025/72, para. 4). He took office on 3 May. Abu Bakr A. Smith left."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Mr. Takala was elected (see S/2025/72, para. 4).", "He took office on 3 May.", "Abu Bakr A. Smith left."]


# ---------------------------------------------------------------------------------------------------- recommendations

def test_recommendations_are_compared_by_addressee_and_ask():
    sigs = signals(
        "I call upon Member States to continue collaborating with the United Nations on border security.",
        "I call upon Member States to strengthen cooperation with the United Nations on border security.")
    (r,) = of_kind(sigs, "recommendation")
    assert r.direction == "changed" and r.subject == "Member States"
    assert "continue collaborating" in r.old and "strengthen cooperation" in r.new


def test_one_sentence_read_as_a_recommendation_and_a_judgement_is_one_signal():
    """The ISIL pair's closing call ("voluntary contributions essential for …" → "the resources needed to …") is
    both a changed call and a changed judgement; it is one signal, so that the JSON and every view count alike."""
    sigs = signals(
        "I call upon Member States to continue collaborating with the United Nations, including through voluntary "
        "contributions essential for the provision of capacity-building and technical assistance.",
        "I call upon Member States to strengthen cooperation with the United Nations and to provide the resources "
        "needed to deliver timely, effective assistance.")
    quotes = [(s.old, s.new) for s in sigs]
    assert of_kind(sigs, "recommendation") and len(quotes) == len(set(quotes))


def test_two_calls_in_one_sentence_are_two_calls():
    """Libya's "I encourage the Libyan authorities to continue supporting Sudanese refugees and urge the international
    community to scale up funding …" was one call, on the authorities: the old funding call on donors was paired
    with it ("call on donors → the Libyan authorities")."""
    sigs = signals(
        "I encourage donors to provide additional funding for the Sudan Regional Refugee Response Plan.",
        "I encourage the Libyan authorities to continue supporting Sudanese refugees and urge the international "
        "community to scale up funding for the Sudan Regional Refugee Response Plan.")
    told = [s.change for s in of_kind(sigs, "recommendation")]
    assert any(t.startswith("call on donors → the international community: provide additional funding")
               for t in told)
    assert not any("→ the Libyan authorities" in t for t in told)
    one = signals("The Mission met the parties.", "I urge Member States to comply with their obligations and "
                  "encourage access for child protection actors to children deprived of liberty.")
    assert [s.subject for s in of_kind(one, "recommendation")] == ["Member States"]   # "access" is no addressee
    from reportdiff.diff.assess import Sentence, _calls
    for text in ("I encourage the Libyan authorities to protect refugees and urge Member States to fund the plan.",
                 "I encourage the Libyan authorities to protect refugees; I urge Member States to fund the plan."):
        assert [(c.addressee, c.ask) for c in _calls([Sentence("", text, False, frozenset(), [])])] == [
            ("the Libyan authorities", "protect refugees"), ("Member States", "fund the plan")]
    for text in ("I urge the Presidency Council and encourage the House of Representatives to agree on a budget.",
                 "The Monitoring Team recommends that the Committee write to Member States and encourage the "
                 "relevant authorities to submit names."):
        assert len(_calls([Sentence("", text, False, frozenset(), [])])) == 1      # one ask
    # "I urge adherence to the Agreement" names no one: "adherence" was told as the addressee ("call on adherence")
    (c,) = _calls([Sentence("", "I urge adherence to the Agreement on Cessation of Hostilities.", False,
                            frozenset(), [])])
    assert (c.addressee, c.ask) == ("", "adherence to the Agreement on Cessation of Hostilities")
    dropped = signals("I urge adherence to the Agreement on Cessation of Hostilities.", "The Mission met the parties.")
    assert [s.change for s in of_kind(dropped, "recommendation")] == [
        "call dropped: adherence to the Agreement on Cessation of Hostilities"]


def test_a_changed_call_is_summarised_by_what_changed():
    """Libya's "enhance efforts to protect the dignity and rights… → enhance protection of the dignity and rights
    of…" hid what the new call adds (holding the perpetrators of abuse accountable): the summary now shows, of each
    side, the words the other does not use."""
    sigs = signals("I call on the Libyan authorities to enhance efforts to protect the dignity and rights of migrants.",
                   "I call on the Libyan authorities to enhance protection of the dignity and rights of these "
                   "vulnerable groups and hold accountable the perpetrators of abuse and violations against them.")
    (r,) = of_kind(sigs, "recommendation")
    assert r.change.startswith("call on the Libyan authorities: enhance efforts to protect the dignity")
    assert "hold accountable the perpetrators" in r.change.split(" → ")[1]


def test_a_new_call_to_a_new_addressee():
    sigs = signals(
        "The Mission supported the electoral commission in the registration of voters in the east.",
        "The Mission supported the electoral commission in the east. I urge Libyan leaders to agree on a "
        "time-bound road map towards national elections.")
    (r,) = of_kind(sigs, "recommendation")
    assert r.direction == "new" and r.subject == "Libyan leaders" and "time-bound road map" in r.new


def test_a_call_made_before_as_a_need_is_a_changed_call_not_a_new_one():
    """The old edition said what the Commission must do without "I call on": the new call is that ask changed."""
    old = ("Further steps need to be taken by the Libyan authorities, including the 5+5 Joint Military Commission, "
           "to fully implement the ceasefire agreement and reunify the military institutions.")
    new = "I call on the 5+5 Joint Military Commission to continue efforts to uphold the ceasefire agreement."
    (r,) = of_kind(signals(old, new), "recommendation")
    assert r.direction == "changed" and r.change.startswith("call on the 5+5 Joint Military Commission: ")
    assert ": fully implement the ceasefire agreement" in r.change and r.change.endswith("uphold the ceasefire agreement")
    assert "Joint Military Commission" in r.old
    other = ("Further steps need to be taken by the Central Bank to unify the exchange rate and the ceasefire "
             "agreement budget lines.")
    (n,) = of_kind(signals(other, new), "recommendation")
    assert n.direction == "new"                # a need of someone else: the call is new


def test_a_call_that_moved_to_another_paragraph_is_neither_new_nor_dropped():
    call = ("I again urge the Israeli authorities to fulfil their obligations under resolution 1701 (2006) to "
            "withdraw from northern Ghajar and the adjacent area north of the Blue Line.")
    old, new, ctx = read_pair({"1": "I am concerned by the strikes in the south. " + call,
                               "2": "I welcome the deployment of the Lebanese Armed Forces south of the Litani."},
                              {"1": "I am concerned by the continued strikes in the south.",
                               "2": "I welcome the deployment of the Lebanese Armed Forces. " + call.replace(
                                   "I again urge", "I urge")})
    linked_elsewhere = signals_for([old.paragraph("2")], [new.paragraph("2")], "rewritten", None, ctx) + \
        signals_for([old.paragraph("1")], [new.paragraph("1")], "rewritten", None, ctx)
    assert of_kind(linked_elsewhere, "recommendation") == []
    (really_new,) = of_kind(signals_for([], [new.paragraph("2")], "added", None,
                                        read_pair({"1": "I welcome the deployment."}, {})[2]), "recommendation")
    assert really_new.direction == "new"


def test_a_named_author_recommending_in_the_third_person():
    """The Monitoring Team, the Advisory Committee and the Inspectors recommend in the third person; a body whose
    recommendation the report only relates ("the Government recommended") is not the report's call."""
    sigs = signals(
        "The Mission supported the electoral commission in the registration of voters in the east.",
        "The Mission supported the electoral commission in the east. The Monitoring Team recommends that the "
        "Committee address these questions in its next review of the sanctions list.")
    (r,) = of_kind(sigs, "recommendation")
    assert r.direction == "new" and r.subject == "the Committee"
    assert "recommends that the Committee address these questions" in r.new
    sigs = signals(
        "The Mission supported the electoral commission in the registration of voters in the east.",
        "The Mission supported the electoral commission in the east. The Government recommended that the "
        "commission extend the registration period by two weeks.")
    assert of_kind(sigs, "recommendation") == []


# ---------------------------------------------------------------------------------------------------- concerns

def test_idioms_are_not_trends_or_levels():
    """"conditions that give rise to terrorism" is a cause and "is marked by adaptability" a description: neither
    is a judgement that moved; "a marked rise" still is."""
    sigs = signals("As terrorism continues to pose a global threat, I welcome the adoption of the Pact.",
                   "The Pact reaffirmed the resolve to address the conditions that give rise to terrorism.")
    assert all("rise" not in s.change for s in of_kind(sigs, "judgement"))
    sigs = signals("The severity of the threat posed by the group remains concerning.",
                   "The threat posed by the group remains undiminished and is marked by adaptability.")
    assert [s.change for s in of_kind(sigs, "judgement")] == ["concerning → undiminished"]
    sigs = signals("Attacks by the group in the north declined in the reporting period.",
                   "Attacks by the group in the north showed a marked rise in the reporting period.")
    assert any("marked" in s.change and "rise" in s.change for s in of_kind(sigs, "judgement"))
    from reportdiff.diff import lexicon                  # "concerning" as "about" judges nothing
    assert [w for w, _, _ in lexicon.hits("It received 25 requests from six Member States, concerning 11 listed "
                                          "individuals, and reports concerning the Territory.")] == []
    assert [w for w, _, _ in lexicon.hits("This is a concerning trend; the spread of conflict is deeply "
                                          "concerning.")] == ["concerning", "deeply", "concerning"]
    assert lexicon.hits("The Coordinator led a joint mission to Kufrah to assess the humanitarian response.") == []
    assert lexicon.hits("I reiterate the critical mass of outstanding provisions.") == []     # a quantity
    assert [w for w, _, _ in lexicon.hits("Member States assess that the group is resilient.")] == ["assess",
                                                                                                    "resilient"]


@pytest.mark.parametrize("text, felt", [
    # concern felt, by someone, about something: a stance
    ("I remain deeply concerned about the continued violations of the ceasefire.", True),
    ("I am deeply concerned, however, about the lack of progress.", True),
    ("Member States were concerned that, without sustained pressure, the group would recover.", True),
    ("Concerned about the activities of foreign economic interests, the Assembly acted.", True),
    # the ones involved: "the parties concerned", "all concerned actors", "as far as … is concerned"
    ("The Council called upon the parties concerned to immediately implement resolution 338 (1973).", False),
    ("I call on all concerned actors to refrain from unilateral actions.", False),
    ("Several resolutions were agreed among the concerned communities.", False),
    ("He held consultations with all parties directly concerned.", False),
    ("The countries concerned seemed to be dealing with the conflict in divergent ways.", False),
    ("Such behaviour is dangerous as far as nuclear weapons are concerned.", False),
])
def test_concerned_is_a_stance_only_when_concern_is_felt(text, felt):
    """"Concerned" names a worry when someone feels it ("I remain concerned", "Member States were concerned") or
    it is about something ("concerned about / by / that"); after the ones it qualifies ("the countries concerned",
    "all concerned actors") it names who is involved: a report that calls on "the parties concerned" judges
    nothing (A/52/826's brief had four such "new concerns")."""
    from reportdiff.diff import lexicon

    assert ("concerned" in [w.lower() for w, _, _ in lexicon.hits(text)]) is felt


def test_a_frame_opened_by_an_adverb_is_still_a_frame():
    """"Immediately after the news broke, I … expressed deep concern about the reported discovery of mass graves":
    the frame is when, not what; the subject is what the concern is about (it had been named "Immediately after
    the news broke")."""
    from reportdiff.diff import lexicon
    from reportdiff.diff.topics import key_phrase, topic_phrase

    text = ("Immediately after the news broke, I issued a statement on 18 November and expressed deep concern "
            "about the reported discovery of mass graves.")
    assert topic_phrase(text, lexicon.hits(text)) == ""
    assert key_phrase(text, ["graves", "discovery", "news"]) == "Reported discovery of mass graves"
    judged = "Shortly after the attack, the humanitarian situation in the camps deteriorated sharply."
    assert topic_phrase(judged, lexicon.hits(judged)) == "The humanitarian situation in the camps"


@pytest.mark.parametrize("sentence, phrase", [
    # a resolution's own voice opens its sentence as "I welcome …" opens the Secretary-General's
    ("Welcomes UNAMA’s ongoing efforts in the implementation of its mandated tasks and priorities.",
     "UNAMA’s ongoing efforts in the implementation of its mandated tasks and priorities"),
    ("Expresses deep concern at the offensive of the M23 in North and South Kivu.",
     "The offensive of the M23 in North and South Kivu"),
    # a clause with a subject of its own ends the phrase; one whose verb follows "that" stays in it
    ("Recognizing the crucial and decisive role that the imposition of international sanctions played in applying "
     "the necessary pressure on the regime.", "The crucial and decisive role"),
    ("I am concerned about the public unrest that arose from retaliatory attacks on Sudanese nationals.",
     "The public unrest that arose from retaliatory attacks on Sudanese nationals"),
    # a present tense before its object ends it too
    ("Increased civic engagement by women and young people strengthens the legitimacy and increases the "
     "inclusivity of political and electoral processes.", "Increased civic engagement by women and young people"),
    # the resolution's asks judge nothing: no phrase of theirs names a concern
    ("Demands that States exercise enhanced vigilance to ensure the full implementation of the measures.", ""),
])
def test_the_judged_phrase_of_a_sentence(sentence, phrase):
    from reportdiff.diff import lexicon
    from reportdiff.diff.topics import topic_phrase

    assert topic_phrase(sentence, lexicon.hits(sentence)) == phrase


def test_assessment_words_inside_names_are_names():
    """"the Necessary Unified Forces" (27 times in the South Sudan reports), "the High Council of State", "Major
    General": capitalised inside a sentence, they name something and judge nothing; at a sentence's or a list
    item's start they still judge."""
    from reportdiff.diff.lexicon import hits

    assert hits("Training of the Necessary Unified Forces continued under the High Council of State.") == [
        ("continued", "continuity", 41)]
    assert [w for w, _, _ in hits("High levels of violence persisted. (a) Increased attacks.")] == [
        "High", "persisted", "Increased"]


def test_a_concern_is_named_by_nouns():
    """The subject of a dropped concern is what it is about ("consequences", "funds", "continent"), not the
    rare verbs and adjectives around them ("enormous", "attract", "unite")."""
    text = ("I am gravely concerned about the sustained terrorist threat in parts of Africa. Groups attract enormous "
            "funds and unite fighters across the continent, with grave consequences for civilians.")
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    (d,) = signals_for([old.paragraph("1")], [], "removed", None, ctx)
    subject = d.subject.split(", ")
    assert not {"attract", "enormous", "unite"} & set(subject)
    assert len({"funds", "consequences", "continent", "fighters", "civilians", "Africa"} & set(subject)) >= 3


def test_names_in_a_subject_are_whole():
    """Names are told whole — "Côte d’Ivoire", "Bahr el-Ghazal", "Stephen Par Kuol" once, not also "Par Kuol" —
    and without a sentence's opening word ("In Lakes") or a bare month."""
    from reportdiff.diff.sentences import salient_terms

    text = ("In Lakes, Stephen Par Kuol met traders from Côte d’Ivoire in Bahr el-Ghazal. In November, Par Kuol "
            "opened the Rumbek market in Lakes to traders from Côte d’Ivoire.")
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    terms = salient_terms(text, ctx, ctx.new_stems, 8)
    assert {"Côte d’Ivoire", "Stephen Par Kuol", "Bahr el-Ghazal", "Lakes"} <= set(terms)
    assert not {"Ivoire", "Côte", "Par Kuol", "In Lakes", "November", "In November"} & set(terms)
    assert len(salient_terms(text, ctx, ctx.new_stems, 3)) == 3       # a shorter form's place is filled again


def test_references_and_forms_of_address_name_no_subject():
    from reportdiff.diff.sentences import salient_terms

    text = ("Messrs. Takala and Mishri met, inter alia, Abu Ubaydah Yusuf al-Anabi (QDi.194) and AQIM (QDe.014) "
            "representatives (ibid., para. 42; see also paras. 12 and 13) on the ceasefire in Kufrah.")
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    terms = salient_terms(text, ctx, ctx.new_stems, 12)
    assert not {"alia", "ibid", "para", "paras", "Messrs", "QDi", "QDe"} & set(terms)
    assert {"Takala and Mishri", "Kufrah"} <= set(terms)
    # Lebanon's and South Sudan's lists named "III" (annex III) and "EET, IST" (an incident log's times)
    text = ("As set out in annex III, on 8 October at 1400 hrs EET (1730 hrs IST) an exchange of fire near Kafr "
            "Kila marked the eruption of hostilities under phase IV of the plan, at 04:00 hours (IST/EET).")
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    terms = salient_terms(text, ctx, ctx.new_stems, 12)
    assert not {"III", "IV", "EET", "IST"} & set(terms) and "Kafr Kila" in terms
    text = "The ICC and CAT reviewed the case of the detainees in Mitiga prison in annex II."   # acronyms stay
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    terms = salient_terms(text, ctx, ctx.new_stems, 12)
    assert any("ICC" in t for t in terms) and any("CAT" in t for t in terms)
    # the Monitoring Team's opening judgement was subtitled "(hereinafter, Levant, Al-Qaida)"
    text = ("The threat from Al-Qaida, Islamic State in Iraq and the Levant (ISIL, QDe.115, hereinafter “ISIL "
            "(Da’esh)”) and their affiliates remained dynamic and diverse.")
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    assert "hereinafter" not in salient_terms(text, ctx, ctx.new_stems, 12)
    # S/2025/71/Rev.1's notes cite press releases by symbol and address ("SC", "https" had been terms); a party
    # named with a slash is a name ("SPLM/A-IO")
    text = ("Al-Nusrah Front for the People of the Levant changed its name to Hay’at Tahrir al-Sham in 2017, as "
            "the SPLM/A-IO noted in S/PRST/1997/55. See press release SC/12861 "
            "(https://press.un.org/en/2017/sc12861.doc.htm).")
    old, new, ctx = read_pair({"1": text}, {"2": FILLER[0]})
    terms = salient_terms(text, ctx, ctx.new_stems, 12)
    assert not {"SC", "https", "press.un.org", "PRST", "doc", "htm"} & set(terms)
    assert "Al-Nusrah Front" in terms and any("SPLM" in t for t in terms)


def test_word_forms_tell_nouns_from_other_words():
    from reportdiff.diff.word_forms import can_be_noun
    assert all(map(can_be_noun, ["funding", "bombing", "assembly", "consequences", "repatriation", "Hawl"]))
    assert not any(map(can_be_noun, ["attract", "enormous", "unite", "posed", "significantly", "conveying"]))


def test_new_and_dropped_concerns():
    old, new, ctx = read_pair(
        {"1": "The leadership crisis in the High Council of State continues to prevent it from fulfilling its "
              "mandate."},
        {"2": "The suspension of municipal election operations in 11 key municipalities in eastern Libya is deeply "
              "concerning."})
    (n,) = signals_for([], [new.paragraph("2")], "added", None, ctx)
    assert n.kind == "new_concern" and n.old is None and "deeply concerning" in n.new
    assert "municipal" in n.subject or "suspension" in n.subject
    (d,) = signals_for([old.paragraph("1")], [], "removed", None, ctx)
    assert d.kind == "dropped_concern" and d.new is None and "High Council of State" in d.subject



def test_a_new_concern_is_told_by_its_demand_and_praise_alone_weighs_less():
    """Praise is no concern: a paragraph that welcomes a truce and demands a withdrawal is quoted by the demand,
    and a paragraph of praise alone ranks below a worry of the same length."""
    praise_then_demand = ("I welcome the efforts of the Presidential Council to solidify the truce in Tripoli. "
                          "I also commend local leaders, whose contributions have been instrumental in "
                          "de-escalation and reducing tensions. "
                          "All armed actors must withdraw from civilian areas of Tripoli and refrain from violence.")
    praise = ("I commend the sustained engagement of civil society in Juba, particularly women and young people, "
              "under very challenging circumstances.")
    worry = ("I am deeply concerned about the detention of journalists in Juba, particularly women and young "
             "people, under very challenging circumstances.")
    old, new, ctx = read_pair({}, {"2": praise_then_demand, "3": praise, "4": worry})
    (demand,) = signals_for([], [new.paragraph("2")], "added", None, ctx)
    assert demand.new.startswith("All armed actors must") or "must withdraw" in demand.new
    (p,) = signals_for([], [new.paragraph("3")], "added", None, ctx)
    (w,) = signals_for([], [new.paragraph("4")], "added", None, ctx)
    assert p.score < w.score



def test_a_calls_grounds_are_told_with_the_call_not_as_a_concern():
    rec = ("Given the growing concern that listed individuals might seek to travel using legal travel documents, "
           "the Monitoring Team recommends that the Committee write to Member States highlighting the importance "
           "of biometric information to interdict attempted travel.")
    old, new, ctx = read_pair({"130": rec}, {})
    sigs = signals_for([old.paragraph("130")], [], "removed", None, ctx)
    assert [s.kind for s in sigs] == ["recommendation"] and sigs[0].direction == "dropped"
    old, new, ctx = read_pair({"130": rec + " I am gravely concerned by the use of forged passports at borders."},
                              {})
    kinds = {s.kind for s in signals_for([old.paragraph("130")], [], "removed", None, ctx)}
    assert kinds == {"recommendation", "dropped_concern"}      # a concern voiced apart from the call is told



def test_a_new_concern_is_named_by_what_its_sentence_judges():
    """The phrase the report judges, as written, names a new or dropped concern; a narrative sentence's actor does
    not: the phrase that holds its salient terms does."""
    old, new, ctx = read_pair({}, {
        "2": "The suspension of municipal election operations in 11 key municipalities in eastern Libya is deeply "
             "concerning.",
        "3": "I remain deeply concerned about the escalation of military operations in Upper Nile, including aerial "
             "bombardments.",
        "4": "On 19 March, a UNIFIL peacekeeper was severely injured in a landmine explosion near Zibqin."})
    told = {pid: signals_for([], [new.paragraph(pid)], "added", None, ctx)[0].change for pid in ("2", "3", "4")}
    assert told["2"] == ("new: The suspension of municipal election operations in 11 key municipalities — deeply "
                         "concerning")
    assert told["3"].startswith("new: The escalation of military operations in Upper Nile — ")
    assert "escalation" not in told["3"].split(" — ")[1]          # the name is not said again
    assert not told["4"].startswith("new: A UNIFIL peacekeeper") and "Zibqin" in told["4"]
    topics = {pid: signals_for([], [new.paragraph(pid)], "added", None, ctx)[0].topic for pid in ("2", "4")}
    assert topics == {"2": "The suspension of municipal election operations in 11 key municipalities",
                      "4": "Landmine explosion near Zibqin"}


def test_a_concern_in_another_language_keeps_its_terms():
    """Both namers read English sentences: in a French edition, "En deuxième lieu" had named a concern. The edition's
    language decides (the same English sentence in an edition said to be French keeps its terms)."""
    text = "On 19 March, a UNIFIL peacekeeper was severely injured in a landmine explosion near Zibqin."
    old, new, _ = read_pair({}, {"4": text})
    named = {}
    for language in ("en", "fr"):
        new.language = language
        sig = signals_for([], [new.paragraph("4")], "added", None, pair_context(old, new))[0]
        named[language] = (sig.topic, sig.change.split(" — ")[0])
    assert named["en"] == ("Landmine explosion near Zibqin", "new: Landmine explosion near Zibqin")
    assert named["fr"][0] == "" and "Zibqin" in named["fr"][1]


@pytest.mark.parametrize("sentence, terms, phrase", [
    # the noun phrase that holds the most salient terms, as written
    ("During the reporting period, the authorities conducted mass roundups of sub-Saharan African migrants in "
     "Tripoli and Sabratah.", ["roundups", "Tripoli and Sabratah", "Saharan African"],
     "Mass roundups of sub-Saharan African migrants"),
    ("At the ministerial meeting of the international counter-Da’esh coalition, held in Washington, D.C., on 4 "
     "June, members reaffirmed their commitment.", ["coalition", "Washington"],
     "International counter-Da’esh coalition"),
    # … unless a name holds more of them than any phrase: the terms, which lead with it, tell it
    ("At the ministerial meeting of the international counter-Da’esh coalition, held in Washington, D.C., on 4 "
     "June, members reaffirmed their commitment.", ["Washington", "coalition"], ""),
    ("Exports were disrupted by sporadic closures of oil facilities in the south.", ["sporadic", "closures"],
     "Sporadic closures of oil facilities"),
    # adjectives open a phrase, -ed forms after a determiner are adjectives, verbs after a noun end it
    ("The armed groups recruited children in Jonglei.", ["recruited", "armed", "Jonglei"], "Armed groups"),
    ("The practice undermines defendants’ rights.", ["practice", "defendants"], "Defendants’ rights"),
    # a purpose after "to", an order, a date or a count, a bare name, a person by role: none is the subject
    ("The Office decided to promote national ownership and coordination.", ["ownership", "coordination"], ""),
    ("On 30 June in Surman, the bodies were handed over.", ["Surman"], ""),
    ("In Yatar, the mayor of Yatar apologised to the UNIFIL patrol.", ["mayor", "Yatar"], ""),
    ("Talks with Abdulhamid Al Dabiba continued.", ["Abdulhamid Al Dabiba"], ""),
    ("It organized a study visit to Nigeria for representatives.", ["Nigeria", "representatives"], ""),
    ("Incidents of particular note are set out in annex I.", ["incidents", "note"], "Incidents of particular note"),
    # a resolution's operative verb is its act, not its subject ("Condemns attacks" was a phrase)
    ("Condemns attacks against peacekeepers in Sector East.", ["attacks", "peacekeepers"],
     "Attacks against peacekeepers in Sector East"),
])
def test_key_phrase_names_a_subject_by_a_phrase_of_its_sentence(sentence, terms, phrase):
    assert key_phrase(sentence, terms) == phrase


# ---------------------------------------------------------------------------------------------------- the brief

def _brief_pair():
    old_texts = {"3": "The threat posed by the group to international peace and security remained undiminished "
                      "across the region.",
                 "9": "The local council of the northern district reported that repairs of the water network "
                      "remained limited in the outskirts of the town."}
    new_texts = {"3": "The threat posed by the group to international peace and security remained high across "
                      "the region.",
                 "9": "The local council of the northern district reported that repairs of the water network "
                      "remained substantial in the outskirts of the town."}
    old, new, ctx = read_pair(old_texts, new_texts, sections={"3": "III", "9": "II"})
    changes = [Change("modified", ["9"], ["9"]), Change("modified", ["3"], ["3"])]
    for k, t in enumerate(FILLER):
        changes.append(Change("unchanged", [str(11 + k)], [str(11 + k)]))
    brief = assess_changes(old, new, changes, ctx)
    return Comparison(old, new, [], changes, brief=brief)


def test_a_concern_the_report_considers_essential_is_named_by_its_object():
    """UNDOF's closing formula, "I consider the continued presence of UNDOF in the area essential", was named
    "assent, extension, essential, mandate — essential" (its salient terms) at the top of the brief."""
    from reportdiff.diff import lexicon
    from reportdiff.diff.topics import topic_phrase

    for text in ("I consider the continued presence of UNDOF in the area essential.",
                 "I also consider the continued presence of UNDOF in the area to be essential."):
        assert topic_phrase(text, lexicon.hits(text)) == "The continued presence of UNDOF in the area"
    text = "I consider that the parties must act."
    assert topic_phrase(text, lexicon.hits(text)) == ""


def test_an_observation_outranks_a_detail():
    c = _brief_pair()
    assert [b.old for b in c.brief[:2]] == [["3"], ["9"]]
    assert c.brief[0].role == "observation" and c.brief[0].rank == 1 and c.brief[1].role == ""
    assert c.brief[0].quote_old and "undiminished" in c.brief[0].quote_old


def test_the_brief_tells_observations_first_even_when_a_detail_moved_more():
    """A large change in the narrative earns its place in the brief, but the report's readers are told the
    observations and the opening assessment first, as the report's heading promises."""
    from reportdiff.diff.brief import rank
    from reportdiff.model import Signal

    detail = Change("rewritten", ["20"], ["21"], signals=[Signal("figure", "6 detainees", "88 detainees",
                                                                 change="6 → 88 detainees (up ×14.7)", score=1.0)])
    observation = Change("rewritten", ["60"], ["61"], signals=[Signal("judgement", "remained high", "increased",
                                                                      score=0.3)])
    brief = rank([detail, observation], {("new", "61"): "observation"})
    assert [b.old for b in brief] == [["60"], ["20"]] and brief[0].score < brief[1].score


def test_the_brief_in_json_html_markdown_and_terminal():
    c = _brief_pair()
    d = json.loads(render.render_comparison(c, "json"))
    assert d["brief"][0]["rank"] == 1 and d["brief"][0]["old"] == ["3"] and d["brief"][0]["summary"]
    sig = d["changes"][1]["signals"][0]
    assert {"kind", "old", "new", "context", "subject", "change", "direction", "score"} <= set(sig)
    html = render.render_html(c)
    m = re.search(r'<section class="brief".*?</section>', html, re.S)
    assert m and "The brief: key changes in the assessment" in m.group(0)
    first = re.search(r'<li class="bi [^"]*"><span class="bi-head"><span class="bi-kind">judgement</span> '
                      r'<a class="bi-ref" href="#(c-\d+)">', m.group(0))
    assert first and f'id="{first.group(1)}"' in html          # the item links to its paragraph pair
    assert html.index('class="brief"') < html.index('id="text"')  # at the head of the report
    md = render.render_comparison(c, "markdown")
    assert "**The brief: key changes in the assessment**" in md and "\n1. III ¶3 (judgement): ~~" in md
    text = render.render_comparison(c, "text", color=False)
    assert "The brief: key changes in the assessment" in text and "   1. III ¶3 (judgement): " in text
    assert "  1. III ¶3 (judgement)" in render.terminal_summary(c)


def test_a_comparison_without_a_brief_is_ranked_when_rendered():
    c = _brief_pair()
    c.brief = []
    assert [b.old for b in brief_of(c)[:2]] == [["3"], ["9"]]


# ---------------------------------------------------------------------------------------------------- end to end

@pytest.mark.slow
def test_compare_two_generated_pdfs_gives_signals_and_a_brief(tmp_path):
    import pdfgen
    from conftest import run_cli

    old_texts = {3: "During the reporting period, the security situation in the region remained volatile. "
                    "The Mission recorded 120 incidents affecting civilians in the north.",
                 8: "I call upon the parties to continue the dialogue on the border with the support of the Mission "
                    "and of the countries of the region."}
    new_texts = {3: "During the reporting period, the security situation in the region deteriorated further. "
                    "The Mission recorded 310 incidents affecting civilians in the north.",
                 8: "I call upon the parties and their regional partners to conclude the dialogue on the border with "
                    "the support of the Mission and of the countries of the region."}
    a = pdfgen.un_report(tmp_path / "old.pdf", symbol="S/2099/10", texts=old_texts)
    b = pdfgen.un_report(tmp_path / "new.pdf", symbol="S/2099/11", date="1 July 2099", texts=new_texts)
    out = tmp_path / "out.json"
    proc = run_cli("compare", a, b, "-f", "json", "-o", out, "--no-cache")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(out.read_text())
    by_new = {tuple(c["new"]): c for c in d["changes"]}
    kinds = {s["kind"] for s in by_new[("3",)]["signals"]}
    assert {"judgement", "figure"} <= kinds
    fig3 = next(s for s in by_new[("3",)]["signals"] if s["kind"] == "figure" and "310" in (s["new"] or ""))
    assert "120 incidents" in fig3["old"] and fig3["direction"] == "up"
    assert any(s["kind"] == "recommendation" for s in by_new[("8",)]["signals"])
    assert d["brief"] and d["brief"][0]["rank"] == 1


# ------------------------------------------------------------------ what reviews of the gold pairs' briefs found

def test_a_negated_assessment_word_is_read_with_its_negator():
    """Lebanon's "There was no progress with respect to the withdrawal" was read as "— → progress"."""
    from reportdiff.diff import lexicon
    assert [(w, c) for w, c, _ in lexicon.hits("There was no progress with respect to the withdrawal.")] == [
        ("no progress", "worse")]
    assert [w for w, _, _ in lexicon.hits("No substantive progress was made; it has not yet improved.")] == [
        "No substantive progress", "not yet improved"]
    assert lexicon.polarity("not welcome") == "concern" and lexicon.polarity("did not increase".split(" ", 1)[1]) == ""
    assert [w for w, _, _ in lexicon.hits("This is not only a significant step.")] == ["significant"]
    # a qualifying adverb is passed over, "a little" and "whether or not" negate nothing (code review)
    assert [(w, c) for w, c, _ in lexicon.hits("The situation has not significantly improved.")] == [
        ("not significantly improved", "worse")]
    assert [w for w, _, _ in lexicon.hits("There was a little progress, whether or not progress lasts.")] == [
        "progress", "progress"]
    # a negator and its word across a line break or a no-break space (text given to the library)
    assert [lexicon.category(w) for w, _, _ in lexicon.hits("There was no\nprogress, no\u00a0progress.")] == [
        "worse", "worse"]
    sigs = signals("Progress was made with respect to the withdrawal of forces from the area north of the Blue Line.",
                   "There was no progress with respect to the withdrawal of forces from the area north of the Blue "
                   "Line.")
    (j,) = of_kind(sigs, "judgement")
    assert j.change == "progress → no progress" and j.direction == "reversed"


def test_words_in_quotation_marks_are_anothers():
    """A party's words quoted in the report ("a “dangerous escalation”") are not the report's judgement."""
    from reportdiff.diff import lexicon
    assert [w for w, _, _ in lexicon.hits("The letter called the strike “a dangerous escalation” and the situation "
                                          "deteriorated.")] == ["deteriorated"]


def test_a_quotation_over_several_sentences_is_anothers_throughout():
    """UNDOF: the Syrian letters quoted over two sentences ("… condemns this aggression. It is an unacceptable
    escalation …") gave "condemns → unacceptable, escalation"."""
    sigs = signals("In a letter, the Syrian Arab Republic stated: “The Government condemns this aggression. It is an "
                   "unacceptable escalation of the occupation.” UNDOF observed the construction of a berm.",
                   "In a letter, the Syrian Arab Republic stated: “The Government rejects these violations. They "
                   "constitute a grave breach of the Agreement.” UNDOF observed the construction of a road.",
                   kind="modified")
    assert of_kind(sigs, "judgement") == []


def test_what_is_to_be_averted_is_no_trend():
    """Lebanon's "to prevent escalation" was read as a judgement "welcome → escalation"."""
    from reportdiff.diff import lexicon
    assert lexicon.hits("Liaison channels are essential to prevent escalation and avoid further deterioration.") == [
        ("essential", "level", 21)]


def test_gains_threatened_or_kept_are_no_improvement():
    """South Sudan's "… rapidly erode the gains made since its signing" was judged "deeply concerning → gains": the
    gains are what is eroded, and the erosion is the judgement."""
    from reportdiff.diff import lexicon
    assert lexicon.hits("Offensives are violations of the peace agreement and rapidly erode the gains made.") == [
        ("erode", "worse", 61)]
    assert lexicon.hits("The plan is an opportunity to consolidate progress and to protect hard-won gains.") == []
    assert lexicon.hits("The situation improved and gains were recorded.") == [
        ("improved", "better", 14), ("gains", "better", 27)]
    old = "The spread of conflict between the armed forces and opposition forces is deeply concerning."
    new = "The ongoing military offensives by the armed forces against opposition forces erode the gains made."
    judged = of_kind(signals(old, new), "judgement")
    assert judged and all("gains" not in s.change for s in judged)
    assert any("erode" in s.change for s in judged)


def test_a_verb_joined_to_a_goal_and_those_in_need_judge_nothing():
    """Libya's "met with municipal authorities to strengthen coordination … and improve emergency preparedness" was
    judged "— → improve", and "individuals in need of international protection" "need → reportedly"."""
    from reportdiff.diff import lexicon
    assert lexicon.hits("They met with the authorities to strengthen coordination on the refugee response and "
                        "improve emergency preparedness.") == []
    assert lexicon.hits("The Cabinet approved $7.9 million for assistance to those in need in the South.") == []
    assert lexicon.hits("360 individuals in need of international protection were held.") == []
    # observed, not a goal: a judgement of worse after a preposition's "to", a need the report states
    assert [h[0] for h in lexicon.hits("Violations increase tensions between the signatories to the Agreement "
                                       "and undermine stability.")] == ["increase", "undermine"]
    assert [h[0] for h in lexicon.hits("There is a need for further funding.")] == ["need"]


def test_a_purpose_a_noun_of_needs_and_the_verb_marked_judge_nothing():
    """Read in the ISIL pair's signals: "with the goal of reducing reliance on confessions" judged "— → reducing",
    "in response to needs identified under the Global Framework" "needs → —", "a suicide bombing … marked the
    highest-profile casualty" "marked → diminished"."""
    from reportdiff.diff import lexicon
    assert lexicon.hits("Training was given with the goal of reducing reliance on confessions.") == []
    assert lexicon.hits("Talks were held with a view to encouraging dialogue.") == []
    assert lexicon.hits("The appeal seeks to meet the needs of 1 million vulnerable people.") == []
    assert lexicon.hits("A suicide bombing marked the highest-profile casualty since 2021.") == []
    # still read: a need stated, a marked change, a trend
    assert [h[0] for h in lexicon.hits("This needs to be done before the elections.")] == ["needs"]
    assert [h[0] for h in lexicon.hits("There was a marked increase in attacks.")] == ["marked", "increase"]
    assert [h[0] for h in lexicon.hits("Attacks were reducing in the north.")] == ["reducing"]


def test_encouraging_someone_is_an_act_not_a_stance():
    """The Monitoring Team's "Al-Qaida tried to exploit the Gaza and Israel conflict by encouraging lone-actor
    attacks" was judged "— → encouraging", as if the report were encouraged."""
    from reportdiff.diff import lexicon

    def words(text):
        return [w for w, _, _ in lexicon.hits(text)]
    for act in ("Al-Qaida tried to exploit the conflict by encouraging lone-actor attacks.",
                "The Directorate encouraged Member States to strengthen their efforts.",
                "Member States were encouraged to share relevant information.",
                "It is a goal reportedly encouraged by the leadership."):
        assert "encouraged" not in words(act) and "encouraging" not in words(act), act
    for felt in ("I am encouraged by the commitment of the Government.", "The reforms are encouraging.",
                 "Some encouraging steps have been taken.", "I am also encouraged that talks resumed.",
                 "The group was weak. Encouraged by the changing landscape, it expanded."):
        assert {"encouraged", "encouraging", "Encouraged"} & set(words(felt)), felt


def test_most_as_a_share_or_a_time_judges_nothing():
    """South Sudan's "The number of arrivals … totalled 198,000, of whom most were South Sudanese returnees" was
    judged "— → most"; "the most serious threat" still judges a level."""
    from reportdiff.diff import lexicon

    def words(text):
        return [w for w, _, _ in lexicon.hits(text)]
    for share in ("Arrivals totalled 198,000, of whom most were returnees.", "It destroyed most of their rockets.",
                  "The most recent developments were discussed.", "Freedom of movement was respected in most cases.",
                  "Most Member States assessed the threat.", "Of the funding pledged, most has yet to arrive."):
        assert "most" not in [w.lower() for w in words(share)], share
    assert words("ISIL-K continued to represent the most serious threat.")[-2:] == ["most", "serious"]
    assert "most" in words("The Bakura Doro faction remained the most active.")


def test_what_is_called_for_is_no_trend_or_level():
    """South Sudan's "press statements condemning the clashes and calling for restraint and calm" was judged "— →
    calm"; "the operational needs to achieve elections" "necessary → needs"."""
    from reportdiff.diff import lexicon

    def words(text):
        return [w for w, _, _ in lexicon.hits(text)]
    assert words("Press statements condemned the clashes and called for restraint and calm.") == ["condemned"]
    assert words("Leaders have made several calls for increased international support.") == []
    assert words("The plan outlines the operational needs to achieve elections.") == []
    assert words("Calm returned and attacks increased.") == ["Calm", "increased"]


def test_to_continue_is_a_plan_or_an_ask_not_a_state_seen():
    """A/50/610's resolution "Urges the administering Powers concerned to continue to take effective measures …" was
    the second item of its brief, "— → continue to take effective measures…"; a patrol "was able to continue" is a
    permission. "continued", "remains" and "still" are what is seen."""
    from reportdiff.diff import lexicon

    def words(text):
        return [w.lower() for w, _, _ in lexicon.hits(text)]
    for plan in ("Urges the administering Powers concerned to continue to take effective measures.",
                 "After 15 minutes the patrol was able to continue its movement.",
                 "The United Nations will continue to provide support.",
                 "Israel announced that its forces would remain in five positions."):
        assert "continue" not in words(plan) and "remain" not in words(plan), plan
    assert words("Clashes continued and tensions remain high.") == ["continued", "remain", "high"]


def test_the_report_describing_itself_judges_nothing():
    sigs = signals("The present report provides an assessment of the implementation of resolution 1701 (2006).",
                   "The present report highlights continuing progress, as well as areas of prevailing concern, in "
                   "the implementation of resolution 1701 (2006).")
    assert of_kind(sigs, "judgement") == []
    from reportdiff.diff import lexicon
    assert lexicon.judges_nothing("This report describes the mission.")
    assert not lexicon.judges_nothing("This report's findings show that the situation deteriorated.")


def test_a_pole_already_held_is_no_reversal():
    """South Sudan's "prices rose … the rate of increase slowed to a decrease" → "prices increased" read as a
    reversal: the old sentence already held the rise."""
    from reportdiff.diff.assess import _direction
    assert _direction({"rose", "decrease"}, {"increased"}, {"rose", "decrease"}, {"increased"}) != "reversed"
    assert _direction({"declined"}, {"increased"}, {"declined"}, {"increased"}) == "reversed"


def test_a_word_added_to_a_judgement_is_one_sided():
    """"continue" → "continue … urgent" shows as "— → urgent": it is told and ranked as a new word, not a change."""
    from reportdiff.diff.assess import _direction
    assert _direction({"continue"}, {"continue", "urgent"}, set(), {"urgent"}) == "new"
    assert _direction({"continue", "critical"}, {"continue"}, {"critical"}, set()) == "dropped"
    assert _direction({"reportedly", "killed"}, {"killed"}, {"reportedly"}, set()) == "firmer"


def test_inflections_of_one_word_are_no_judgement_change():
    sigs = signals("I am encouraged by the pledge of the Government to pursue the national dialogue.",
                   "The pledge of the Government to pursue the national dialogue is encouraging.")
    assert of_kind(sigs, "judgement") == []


def test_a_welcome_and_a_demand_are_two_statements_not_one_judgement():
    from reportdiff.diff.assess import _speech_acts_differ
    assert _speech_acts_differ({"welcome"}, {"should"}) and not _speech_acts_differ({"welcome"}, {"applaud"})
    moved = of_kind(signals("I am concerned by the cuts in support of troop contributors to the mission's functions.",
                            "Member States should restore the support of troop contributors to the mission's "
                            "functions."), "judgement")
    # one act that moved: a stance hardened ("welcome" → "applaud" would be the same stance in other words)
    same = of_kind(signals("I am concerned by the cuts in support of troop contributors to the mission's functions.",
                           "I am alarmed by the cuts in support of troop contributors to the mission's functions."),
                   "judgement")
    assert moved and same and moved[0].score < 0.6 * same[0].score
    # "imperative", "essential" … say what must be done; the test reads the words the summary shows (Lebanon's
    # "I am encouraged … are encouraging" → "It is imperative that … the army continue" kept its full weight)
    assert _speech_acts_differ({"encouraged"}, {"imperative"})
    assert not _speech_acts_differ({"crucial"}, {"imperative"})
    mixed = of_kind(signals("I am encouraged by the support of troop contributors to the mission's functions, which "
                            "remained steady.",
                            "It is imperative that the troop contributors continue to support the mission's "
                            "functions."), "judgement")
    assert mixed and mixed[0].change == "encouraged → imperative" and mixed[0].score < 0.6 * same[0].score


def test_a_call_in_other_case_or_word_order_is_the_same_call():
    """UNDOF's "I call on the Parties to uphold …" → "the parties" was a changed recommendation in the brief."""
    sigs = signals("I call on the Parties to uphold their obligations under the Agreement on Disengagement.",
                   "I call on the parties to uphold their obligations under the Agreement on Disengagement, "
                   "and I reiterate my commitment.")
    assert of_kind(sigs, "recommendation") == []
    sigs = signals("I call on all concerned actors to refrain from unilateral actions.",
                   "I call on all actors concerned to refrain from unilateral actions, and I remain committed.")
    assert of_kind(sigs, "recommendation") == []
    # … but an ask whose words changed places asks another thing (code review)
    sigs = signals("I call on the authorities to transfer the detainees from military custody to civilian custody.",
                   "I call on the authorities to transfer the detainees from civilian custody to military custody.")
    assert [r.direction for r in of_kind(sigs, "recommendation")] == ["changed"]


def test_wording_only_and_untold_signals_stay_out_of_the_brief_or_low():
    from reportdiff.diff.brief import rank
    from reportdiff.model import Signal
    hedge = Change("modified", ["44"], ["44"], signals=[Signal("hedge", "is accorded the ability to operate",
                                                               "can operate")])
    date = Change("modified", ["37"], ["34"], signals=[Signal("date", "As at 11 February", "As at 14 May")])
    untold = Change("modified", ["38"], ["35"], signals=[Signal("figure", "Australia (2)", "Australia (4)")])
    told = Change("modified", ["39"], ["36"], signals=[Signal("figure", "92 military observers",
                                                              "80 military observers",
                                                              change="92 → 80 military observers (down 13 %)",
                                                              score=0.65)])
    brief = rank([hedge, date, untold, told], {("new", "44"): "observation"})
    assert [b.old for b in brief] == [["39"], ["38"]]


def test_a_new_concern_ranks_as_surely_as_its_paragraph_has_no_successor():
    """Of two new subjects told alike, the one whose paragraph had a likely successor (the model not sure enough
    to link it) is more often a rewrite and ranks lower; a new call keeps its rank (its novelty is read from
    the other edition's every sentence), and so does a paragraph the successor tier never weighed."""
    from reportdiff.diff.brief import UNMATCHED_FLOOR, rank
    from reportdiff.model import Signal

    def added(pid: str, likelihood: float | None, kind: str = "new_concern") -> Change:
        return Change("added", [], [pid], successor_likelihood=likelihood,
                      signals=[Signal(kind, None, f"words of {pid}", change=f"new: {pid}", direction="new",
                                      score=1.0)])

    unsure, sure, unweighed = added("7", 0.45), added("8", 0.01), added("9", None)
    brief = rank([unsure, sure, unweighed], {})
    assert [b.new for b in brief] == [["9"], ["8"], ["7"]]
    assert brief[2].score == pytest.approx(UNMATCHED_FLOOR * brief[0].score)
    assert brief[1].score == pytest.approx(0.985 * brief[0].score)
    calls = rank([added("7", 0.45, "recommendation"), added("8", 0.01, "recommendation")], {})
    assert [b.score for b in calls] == [1.0 * 0.9, 1.0 * 0.9]


def test_a_text_printed_twice_is_briefed_once():
    """A/50/610 prints a draft resolution and then the text adopted: the same new paragraph twice, the same new
    concern twice; the brief tells it once and gives the other place to the next change."""
    from reportdiff.diff.brief import rank
    from reportdiff.model import Signal

    def added(pid: str, words: str, score: float) -> Change:
        return Change("added", [], [pid], signals=[Signal("new_concern", None, words, change=f"new: {words}",
                                                          direction="new", score=score)])

    twice = "Value of foreign economic investment"
    brief = rank([added("27", twice, 1.0), added("184", twice, 1.0), added("12", "Small Territories", 0.9)], {})
    assert [(b.new, b.summary) for b in brief] == [(["27"], f"new: {twice}"), (["12"], "new: Small Territories")]


def test_a_short_concern_is_quoted_with_the_sentence_that_says_what_it_is_about():
    """The Monitoring Team's new "Regional relations remain fragile." says what worries it in the next sentence:
    the quote holds both (the analysts' key item quotes the second); a concern told in a full sentence, or followed
    by a call, is quoted alone."""
    short = ("Regional relations remain fragile. There is a risk that terrorist groups may exploit these regional "
             "tensions. The Monitoring Team recommends that the Committee consider the matter.")
    full = ("The security situation in the north-east of the country deteriorated sharply during the period. "
            "Markets in the area were closed for several weeks.")
    call = "Regional relations remain fragile. I call upon the parties to exercise restraint."
    old, new, ctx = read_pair({"1": "The Committee met twice."}, {"7": short, "8": full, "9": call})
    quotes = {pid: next(s.new for s in signals_for([], [new.paragraph(pid)], "added", None, ctx)
                        if s.kind == "new_concern") for pid in ("7", "8", "9")}
    assert quotes["7"] == ("Regional relations remain fragile. There is a risk that terrorist groups may exploit "
                           "these regional tensions.")
    assert quotes["8"] == "The security situation in the north-east of the country deteriorated sharply during the period."
    assert quotes["9"] == "Regional relations remain fragile."


def test_a_label_is_no_new_subject():
    """A heading read as text, a masthead's session and agenda line, a rapporteur's name, a row of a table: a few
    words that end no sentence and assess nothing are no new or dropped concern (A/51/595 → A/52/620's brief had
    "new: Fifty-second session Agenda item" and "new: Riitta RESCH, Finland"); a short sentence that judges, or
    a short one that ends, still is."""
    labels = {"u1": "Fifty-second session Agenda item 90", "u2": "Rapporteur: Ms. Riitta RESCH (Finland)",
              "u3": "Background", "u4": "Malawi 10 June 1992", "u7": "Agenda items 24, 62, 67, 80, 110, 132 and 135"}
    told = {"u5": "Fighting escalated sharply in Jonglei", "u6": "The camp at Tawila was closed."}
    old, new, ctx = read_pair({"1": "The Committee met twice."}, labels | told)
    concerns = {pid: [s for s in signals_for([], [new.paragraph(pid)], "added", None, ctx)
                      if s.kind == "new_concern"] for pid in labels | told}
    assert {pid for pid, found in concerns.items() if found} == {"u5", "u6"}


def test_last_periods_incident_weighs_less_than_a_dropped_concern():
    from reportdiff.diff.assess import PAST_EVENT
    old, new, ctx = read_pair(
        {"4": "On 7 December, unidentified individuals attacked United Nations position 10A, looting bunkers, "
              "generators and vehicles near the perimeter of the position.",
         "5": "I am deeply concerned by attacks of unidentified individuals on United Nations position 10A, "
              "looting bunkers, generators and vehicles near the perimeter of the position."},
        {"9": "The mission repaired the water network of its camp."})
    (event,) = signals_for([old.paragraph("4")], [], "removed", None, ctx)
    (concern,) = signals_for([old.paragraph("5")], [], "removed", None, ctx)
    assert event.kind == concern.kind == "dropped_concern"
    assert event.score < concern.score * PAST_EVENT * 1.5


def test_counts_for_different_months_are_not_paired():
    """UNDOF: "1,098 operational activities carried out in November, 378 in December and 531 in January" →
    "649 … in February, 811 in March and 920 in April" was told as "1,098 → 649 (down 41 %)"."""
    sigs = signals("UNDOF patrols continued, with 1,098 operational activities carried out in November, 378 in "
                   "December and 531 in January.",
                   "UNDOF patrols continued, with 649 operational activities carried out in February, 811 in March "
                   "and 920 in April.", kind="modified")
    assert of_kind(sigs, "figure") == []
    same_month = signals("UNDOF carried out 1,098 operational activities in November.",
                         "UNDOF carried out 1,200 operational activities in November.", kind="modified")
    assert [s.change for s in of_kind(same_month, "figure")] == ["1,098 → 1,200 operational activities (up 9 %)"]


def test_figures_of_things_named_by_different_years_are_not_paired():
    """Lebanon: "The 2024 appeal for the Lebanon Response Plan was 49 per cent funded" → "the 2025 appeal for the
    Lebanon Response Plan was 18 per cent funded" was told as one figure down 31 points: two appeals."""
    sigs = signals("By 31 December, the 2024 appeal for the Lebanon Response Plan was 49 per cent funded.",
                   "By 31 March, the 2025 appeal for the Lebanon Response Plan was 18 per cent funded.",
                   kind="modified")
    assert of_kind(sigs, "figure") == []
    same = signals("By 31 December, the 2025 appeal for the Lebanon Response Plan was 12 per cent funded.",
                   "By 31 March, the 2025 appeal for the Lebanon Response Plan was 18 per cent funded.",
                   kind="modified")
    assert [s.change for s in of_kind(same, "figure")] == ["12 per cent → 18 per cent (up 6 points)"]
    # the year names every figure of its sentence (South Sudan: the 2024 plan's "6 million people" → the 2025
    # plan's "5.4 million", after a comma)
    plans = signals("The 2024 humanitarian needs and response plan, which sought $1.8 billion to assist 6 million "
                    "people across South Sudan, was 64.6 per cent funded.",
                    "The 2025 humanitarian needs and response plan, which seeks $1.7 billion to assist 5.4 million "
                    "people across South Sudan, was 10.5 per cent funded.", kind="modified")
    assert of_kind(plans, "figure") == []


def test_the_whole_of_a_partitive_is_not_its_part():
    """Lebanon: "including 752,675 Syrian refugees" → "including 716,050 of an estimated 1.4 million Syrian
    refugees" was told as "752,675 → an estimated 1.4 million (up 86 %)": registered refugees against all."""
    sigs = signals("As at 31 January, 763,707 refugees and asylum-seekers were registered with UNHCR in Lebanon, "
                   "including 752,675 Syrian refugees.",
                   "As at 31 May, 727,430 refugees and asylum-seekers were registered with UNHCR in Lebanon, "
                   "including 716,050 of an estimated 1.4 million Syrian refugees in Lebanon.", kind="modified")
    told = [s.change for s in of_kind(sigs, "figure")]
    assert "752,675 → 716,050 Syrian refugees (down 5 %)" in told and not any("1.4 million" in t for t in told)
    for between in ("of the", "out of"):                      # the whole told otherwise (code review)
        sigs = signals("As at 31 January, UNHCR had registered 752,675 Syrian refugees in Lebanon.",
                       f"As at 31 May, UNHCR had registered 716,050 {between} 1.4 million Syrian refugees in "
                       "Lebanon.", kind="modified")
        assert [s.change for s in of_kind(sigs, "figure")] == ["752,675 → 716,050 Syrian refugees (down 5 %)"]


def test_a_list_item_that_leaves_out_what_it_counts_counts_the_same():
    """Lebanon: "Drones accounted for 55 per cent of the violations, fighter aircraft 41 per cent …" → "… 88 per
    cent …, fighter aircraft 8 per cent …": the fighter aircraft's share was in the redline only."""
    sigs = signals("UNIFIL recorded 1,295 air violations. Drones accounted for 55 per cent of the violations, fighter "
                   "aircraft 41 per cent, and helicopters and unidentified aircraft 4 per cent.",
                   "UNIFIL detected 2,318 violations of Lebanese airspace. Drones accounted for 88 per cent of the "
                   "violations, fighter aircraft 8 per cent, and helicopters and unidentified aircraft 4 per cent.",
                   kind="modified")
    told = {s.change for s in of_kind(sigs, "figure")}
    assert {"55 per cent → 88 per cent violations (up 33 points)",
            "41 per cent → 8 per cent violations, fighter aircraft (down 33 points)"} <= told
    assert not any(t.startswith("41 per cent → 88") or t.startswith("55 per cent → 8 ") for t in told)


def test_of_two_readings_the_one_that_tells_more_is_kept():
    """Lebanon: a sentence read as a dropped welcome ("welcome → —", one-sided) and as a new call on the parties
    is one signal, the call."""
    sigs = signals("I welcome the use by the parties of the established liaison and coordination channels of the "
                   "Mechanism.",
                   "I call on the parties to utilize the established liaison and coordination channels of the "
                   "Mechanism.")
    assert [s.kind for s in sigs if s.new and "utilize" in s.new] == ["recommendation"]


def test_a_stance_taken_or_dropped_with_no_counterpart_is_told():
    """Lebanon ¶85 → ¶76: "I strongly condemn the attack on a UNIFIL convoy …" went, "Firing … at or near UNIFIL
    personnel and premises is also unacceptable" came; the change had no signal at all."""
    base = ("The safety and security of peacekeepers and the inviolability of United Nations premises must be "
            "respected at all times by all parties.")
    sigs = signals(base + " I strongly condemn the attack on a convoy near the airport on 14 February in which several "
                   "peacekeepers were injured.",
                   base + " Firing by the Israel Defense Forces at or near personnel and camps is also unacceptable. "
                   "The fighting prompted large-scale displacement and humanitarian concerns.",
                   kind="modified")
    told = {s.change: s for s in of_kind(sigs, "judgement")}
    assert set(told) == {"condemn → —", "— → unacceptable"}
    assert told["condemn → —"].new is None and "convoy" in told["condemn → —"].old
    assert told["— → unacceptable"].direction == "new" and told["— → unacceptable"].old is None
    # "concern" names a stance in the first person only, whatever its case; annex I is no first person
    from reportdiff.diff import lexicon
    assert lexicon.FIRST_PERSON.search("Our concerns about the berm remain.")
    assert not lexicon.FIRST_PERSON.search("The humanitarian concerns set out in annex I grew.")


def test_review_cases_of_the_readings_added_on_2026_12_01():
    """Cases a code review found against the day's rules, each now read as its rule promises."""
    (likely,) = of_kind(signals("ISIL is likely to regain ground in the Badia desert.",
                                "ISIL is unlikely to regain ground in the Badia desert."), "judgement")
    assert likely.change == "likely → unlikely"                       # not a hedge for a hedge
    (someone_elses,) = of_kind(signals(
        "I call on the Government of South Sudan to release all political detainees held in Juba.",
        "Humanitarian partners need safe access to all detainees held by the Government of South Sudan in Juba."),
        "recommendation")
    assert someone_elses.direction == "dropped"                       # the partners' need, not the Government's
    old, new, ctx = read_pair(
        {"1": "I urge the Security Council to maintain the arms embargo on South Sudan until the benchmarks are met.",
         "2": "I urge the Israeli authorities to withdraw from northern Ghajar and the adjacent area north of the "
              "Blue Line.", "3": "The situation remained tense."},
        {"1": "The situation remained tense.",
         "2": "I urge the Security Council to lift the arms embargo on South Sudan until the benchmarks are met.",
         "3": "I urge the Israeli authorities to withdraw from all areas north of the Blue Line."})
    told = [s for k in "123" for s in signals_for([old.paragraph(k)], [new.paragraph(k)], "rewritten", None, ctx)
            if s.kind == "recommendation"]
    assert sorted(s.direction for s in told) == ["changed", "dropped", "new"]
    (moved,) = [s for s in told if s.direction == "changed"]
    assert "northern Ghajar" in moved.change and "all areas" in moved.change
    (hurt,) = [f for f in of_kind(signals("Attacks against UNIFIL patrols injured 4 peacekeepers.",
                                          "Attacks against UNIFIL patrols injured 12 peacekeepers."), "figure")]
    assert not fig.is_output(fig.figures_in("Attacks against UNIFIL patrols injured 12 peacekeepers.",
                                            read_pair({}, {})[2])[0]) and hurt.score == 1.0
    (month,) = of_kind(signals("Between 1 and 31 May, 45 civilians were killed in Nasir.",
                               "Between 1 and 30 June, 60 civilians were killed in Nasir."), "figure")
    assert month.change.startswith("45 → 60 civilians")              # a month is a period, not an event
    old, new, ctx = read_pair({}, {"2": "The flow of returnees into Renk and Malakal remained alarmingly low."})
    assert signals_for([], [new.paragraph("2")], "added", None, ctx)[0].change.endswith("— low")


def test_a_topic_is_read_the_same_whatever_the_white_space():
    """The subject's start and the assessment words' places are counted in one text: a line break and its
    indent in the frame (a text made by hand or read from JSON) do not make the frame's "progress" judge the
    subject; a subject that is judged is read whatever the spacing."""
    from reportdiff.diff import lexicon
    from reportdiff.diff.topics import topic_phrase

    said = "the suspension of municipal election operations was announced by the commission."
    for frame in ("Despite significant progress, ", "Despite significant\n                progress, ",
                  "Despite\n\n            significant   progress,  "):
        text = frame + said
        assert topic_phrase(text, lexicon.hits(text)) == ""
        judged = frame + said.replace("was announced by the commission", "was deeply concerning")
        assert topic_phrase(judged, lexicon.hits(judged)) == "The suspension of municipal election operations"


def test_a_level_said_unchanged_is_a_judgement():
    """"The status and strength of ISIL-K remained unchanged" (the Monitoring Team, S/2025/71 ¶86) judges the
    group against the last report, as "undiminished" does: a new or dropped paragraph that says it is named by
    what it judges ("Al-Shabaab leadership — unchanged"), not by the names it lists, and the judgement is the one
    told when it changes."""
    dropped = ("The status and strength of ISIL-K remained unchanged, with its deputy, Mawlawi Rajab, in charge "
               "of operations in Parwan and Kapisa Provinces.")
    new = ("Al-Shabaab leadership remained largely unchanged following the killing, on 24 October, of Mohamed Mire "
           "and Abu Ubaidah.")
    old, new, ctx = read_pair({"86": dropped}, {"40": new})
    concerns = [s.change for s in signals_for([old.paragraph("86")], [], "removed", None, ctx)
                + signals_for([], [new.paragraph("40")], "added", None, ctx) if s.kind.endswith("_concern")]
    assert concerns == ["dropped: The status and strength of ISIL-K — unchanged",
                        "new: Al-Shabaab leadership — unchanged"]
    sigs = signals("Member States noted that the strength and status of Al-Shabaab remained unchanged.",
                   "Member States noted that the strength and status of Al-Shabaab had increased.")
    assert [s.change for s in of_kind(sigs, "judgement")] == ["unchanged → increased"]


def test_assessed_contributions_are_charges_not_judgements():
    """"The total outstanding assessed contributions for all peacekeeping operations amounted to $2,836.5 million"
    (UNDOF, S/2025/350 ¶38) states what Member States are charged: no assessment word, so no new concern ranked as
    one (it was 11th of UNDOF's brief); "Member States assessed that the group …" still is one."""
    from reportdiff.diff import lexicon
    charged = ("The total outstanding assessed contributions for all peacekeeping operations as at that date "
               "amounted to $2,836.5 million. The loss of assessed funding would affect the Force.")
    assert lexicon.hits(charged) == []
    judged = "Member States assessed that the group remained resilient."
    assert [w for w, _, _ in lexicon.hits(judged)] == ["assessed", "remained", "resilient"]
    old, new, ctx = read_pair({"1": "The Committee met twice."}, {"38": charged})
    concern = next(s for s in signals_for([], [new.paragraph("38")], "added", None, ctx) if s.kind == "new_concern")
    assert "assessed" not in concern.change


def test_a_concern_that_points_back_is_named_from_the_sentence_before():
    """"These developments represent a significant infringement on human rights" (South Sudan, S/2025/211 ¶70) was
    named "These developments represent a significant infringement": its subject is what the sentence before tells
    (the ban on social media platforms). A sentence that names its own subject keeps its name."""
    pointing = ("UNMISS documented 304 civilian casualties during the civil unrest against Sudanese nationals from 16 "
                "to 24 January. In addition, misinformation related to the tensions was circulated on social media "
                "platforms, which prompted the Government to impose a ban on some social media platforms. These "
                "developments represent a significant infringement on human rights and the protection of civilians.")
    own = ("Markets in Malakal were closed for several weeks. The humanitarian situation in the camps "
           "deteriorated sharply.")
    old, new, ctx = read_pair({"1": "The Committee met twice."}, {"70": pointing, "71": own})
    names = {pid: next(s.topic for s in signals_for([], [new.paragraph(pid)], "added", None, ctx)
                       if s.kind == "new_concern") for pid in ("70", "71")}
    assert names == {"70": "Social media platforms", "71": "The humanitarian situation in the camps"}


def test_where_something_remained_is_no_continuity():
    """"Some of the weapons remained within Shabelle Hoose" (the Monitoring Team, S/2025/71 ¶39) says where the
    weapons stayed: it was paired as "remained within Shabelle Hoose and… → increased". A state that went on
    ("remained in political deadlock", "under Taliban control", "remained high") still is one."""
    from reportdiff.diff import lexicon
    placed = ("Some of the weapons remained within Shabelle Hoose and others were dispatched to the Bay Region. About "
              "34,800 individuals remained in the Hawl and Rawj camps.")
    assert lexicon.hits(placed) == []
    for text in ("The talks remained in political deadlock.", "The district remained under Taliban control.",
                 "Tensions remained high in the area."):
        assert "remained" in [w for w, _, _ in lexicon.hits(text)], text


def test_the_united_nations_inspecting_or_updating_judges_nothing():
    """Lebanon (S/2025/153 → S/2025/460) read "strengthened → assessed" between "to rapidly deploy strengthened
    capacities in … mine clearance" and "UNIFIL … reopened and assessed secondary roads", and "potential →
    continued to update a list…": the mission's own work, inspected, updated or built up. Its judgement ("assessed
    that", "assessed … as") and another actor's stay."""
    from reportdiff.diff import lexicon
    work = ["UNIFIL removed more than 100 roadblocks, cleared unexploded ordnance, reopened and assessed secondary "
            "roads.", "UNIFIL assessed 22 subordinate military units and 3 vessels for logistics.",
            "UNIFIL continued to update a list of locations of interest.",
            "The Mission is working to rapidly deploy strengthened capacities in the areas of mine clearance."]
    for text in work:
        assert lexicon.hits(text) == [], text
    judged = {"UNDOF assessed by the nature of their activities in the area that they were smugglers.": "assessed",
              "UNIFIL assessed the damage as severe.": "assessed",
              "Member States assessed 300 fighters to be active in the area.": "assessed",
              "The group strengthened its capabilities.": "strengthened"}
    for text, word in judged.items():
        assert word in [w for w, _, _ in lexicon.hits(text)], text


def test_scant_progress_is_no_progress():
    """"Limited progress has been made on the implementation of the Revitalized Agreement" (S/2025/231) and
    "insufficient progress" read as progress made; Libya's "… on which progress remained limited" → "The ceasefire
    continued to hold" was told "progress → continued to hold". Scant progress reads as little progress does (worse),
    and "progress remained limited" by its level; a limited rise is still a rise. Progress that "can help to rebuild
    the social fabric" (South Sudan, S/2025/211 ¶101, 4th in the next edition's brief as "dropped: Social fabric —
    progress") is a hope, not progress seen."""
    from reportdiff.diff import lexicon
    told = {t: [(w, c) for w, c, _ in lexicon.hits(t)] for t in (
        "Limited progress has been made on the implementation of the Revitalized Agreement.",
        "Insufficient progress was made on the targets.",
        "The withdrawal of foreign fighters, on which progress remained limited.",
        "A limited increase in attacks was reported.")}
    assert list(told.values()) == [[("Limited progress", "worse")], [("Insufficient progress", "worse")],
                                   [("remained", "continuity"), ("limited", "level")],
                                   [("limited", "level"), ("increase", "up")]]
    assert lexicon.hits("Progress in this area can help to rebuild the social fabric of this young nation.") == []
    sigs = signals("The withdrawal of foreign fighters, on which progress remained limited, was discussed.",
                   "The withdrawal of foreign fighters, on which progress was achieved, was discussed.")
    assert [s.change for s in of_kind(sigs, "judgement")] == ["limited → progress, achieved"]


def test_progress_to_be_made_and_a_risk_to_be_reduced_are_goals():
    """South Sudan (S/2025/211 → S/2025/504) read "— → progress" from "to discuss urgent issues to be addressed in
    order to make progress towards elections", "— → reducing" from mine-risk education "reducing the risk of
    accidents", and "urgent → assessment" from "In an inter-agency assessment conducted on 22 May": a goal, what a
    session is for, a study. Progress made ("continued to make progress") and a risk seen still judge."""
    from reportdiff.diff import lexicon
    for text in ("They met to discuss the issues to be addressed in order to make progress towards elections.",
                 "The sessions reached 80,599 individuals, reducing the risk of accidents.",
                 "Measures to mitigate the risk of human rights violations were agreed.",
                 "In an inter-agency assessment conducted on 22 May, 18,700 people were found displaced."):
        assert lexicon.hits(text) == [], text
    assert [w for w, _, _ in lexicon.hits("The Government continued to make progress in designing the law.")] == [
        "continued", "progress"]
    assert [w for w, _, _ in lexicon.hits("There is a risk of renewed fighting.")] == ["risk"]


def test_the_united_nations_work_towards_an_improvement_is_no_improvement_seen():
    """The ISIL report's account of United Nations support (S/2025/496) was read as new concerns: "Criminal justice
    cooperation — strengthened" ("… was strengthened through support provided by the United Nations"),
    "Strengthening advocacy capacity — recovery" ("… supporting long-term recovery from the impact of terrorist
    acts"), "… — assessment" (UN-Women "launched a localized assessment"). Work done or supported by the United
    Nations is not a judgement of the situation; an improvement seen still is one."""
    from reportdiff.diff import lexicon
    for text in ("Criminal justice cooperation was strengthened through support provided by the United Nations.",
                 "The plan was adopted with the support of UNMISS, which strengthened national regulations.",
                 "UNODC organized meetings supporting long-term recovery from the impact of terrorist acts.",
                 "UN-Women launched a localized assessment of gendered drivers of violent extremism.",
                 "UNAMI reiterated its commitment to supporting progress on the file."):
        assert lexicon.hits(text) == [], text
    for text, word in (("The security situation was improved by the deployment of the army.", "improved"),
                       ("The economy showed signs of recovery.", "recovery")):
        assert word in [w for w, _, _ in lexicon.hits(text)], text


def test_a_long_opening_of_time_or_source_is_a_frame():
    """"Following the extension of the transitional period in September 2024 by the parties to the Revitalized
    Agreement, I am concerned about the absence of a clear plan, financial support and sense of urgency …" (South
    Sudan, S/2025/54 ¶98) was named "Financial support and sense of urgency": the opening, longer than the 80
    characters a frame was read to, hid the subject the stance judges."""
    from reportdiff.diff import lexicon
    from reportdiff.diff.topics import topic_phrase
    text = ("Following the extension of the transitional period in September 2024 by the parties to the Revitalized "
            "Agreement, I am concerned about the absence of a clear plan, financial support and sense of urgency to "
            "implement the critical outstanding tasks of the Revitalized Agreement.")
    assert topic_phrase(text, lexicon.hits(text)) == "The absence of a clear plan"


def test_a_participle_after_a_comma_opens_no_subject():
    """"… leaving a limited security footprint in Beni, Ituri and Lubero, giving ADF complete freedom of movement"
    (the Monitoring Team, S/2025/482 ¶28) was named "Giving ADF", and "… replacing Hussein Abdelbagi" "Replacing
    Hussein Abdelbagi": a participle opening a clause is a verb, not the head of a noun phrase."""
    text = ("M23 has stretched security resources in the region, leaving a limited security footprint in Beni, "
            "giving ADF complete freedom of movement in these areas.")
    assert key_phrase(text, ["ADF", "Beni"]) == ""          # no phrase holds a term: the terms name it
    assert key_phrase("Attacks increased, targeting factory owners and shepherds in the north.",
                      ["shepherds", "factory"]) == "Factory owners and shepherds"


def test_a_patrol_that_could_not_continue_and_an_escalation_of_force_judge_nothing():
    """Lebanon's annex of incidents (S/2025/460) had "new: Southwest of Siddiqin — could, continue" from "stated that
    it could not continue without the Lebanese Armed Forces", and "— escalation" from warning shots fired "as part of
    an escalation of force procedure": a patrol stopped, a drill's name. "The escalation of violence" still judges."""
    from reportdiff.diff import lexicon
    assert [w for w, _, _ in lexicon.hits("They stated that the patrol could not continue without the army.")] == [
        "could"]
    assert lexicon.hits("These were warning shots, as part of an escalation of force procedure.") == []
    assert [w for w, _, _ in lexicon.hits("The escalation of violence in the south continued.")] == [
        "escalation", "continued"]
