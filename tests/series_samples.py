"""A chain of four editions built from the model classes, with every paragraph's known history (the truth).

Paragraph keys (letters) name a passage of text; each edition lists which keys its paragraphs hold:

    key  E0 (Jan 2016)       E1 (Jul 2016)             E2 (Jan 2017)            E3 (Jul 2017)
    a    ¶1 I               unchanged                  unchanged                unchanged        (never changes)
    b    ¶2 I  20,000       reworded: 14,000-18,000    reworded: 9,000          unchanged        (figure track)
    c    ¶3 I               unchanged                  split into c1, c2        c1, c2 unchanged
    d,e  ¶4, ¶5 II.A        merged into one            unchanged                reworded
    f    ¶6 II.A            moved to II.B              unchanged                unchanged
    g    ¶7 II.B            unchanged                  removed                  —
    h    —                  added in II.B              unchanged                reworded
    i    ¶8 II.B            unchanged                  unchanged                removed
    j    —                  —                          —                        added in I
"""
from __future__ import annotations

from reportdiff.model import Edition, Paragraph, Section

TEXTS = {
    "a": ("The present report is submitted pursuant to Security Council resolution 2368 (2017), in which the "
          "Council requested the Secretary-General to report on the threat posed by the group to international "
          "peace and security and on the range of United Nations efforts in support of Member States."),
    "b0": ("The group is assessed to retain more than 20,000 fighters in Iraq and the Syrian Arab Republic, many of "
           "them foreign terrorist fighters who travelled to the conflict zone from over one hundred countries."),
    "b1": ("The group is assessed to retain between 14,000 and 18,000 fighters in Iraq and the Syrian Arab Republic, "
           "many of them foreign terrorist fighters who travelled to the conflict zone from over one hundred "
           "countries."),
    "b2": ("The group is assessed to retain some 9,000 fighters in Iraq and the Syrian Arab Republic, many of them "
           "foreign terrorist fighters who travelled to the conflict zone from over one hundred countries, and "
           "its leadership has dispersed."),
    "c": ("Financial flows to the group have declined markedly as it lost control of oil fields and of the "
          "populations it once taxed. Member States report that the group continues to rely on extortion, "
          "kidnapping for ransom and the looting of antiquities, and that it holds reserves in cash hidden across "
          "the region for future use."),
    "c1": ("Financial flows to the group have declined markedly as it lost control of oil fields and of the "
           "populations it once taxed."),
    "c2": ("Member States report that the group continues to rely on extortion, kidnapping for ransom and the "
           "looting of antiquities, and that it holds reserves in cash hidden across the region for future use."),
    "d": ("In Afghanistan, the affiliate known as Islamic State in Khorasan Province has suffered heavy losses in "
          "Nangarhar and Kunar provinces but continues to recruit among disaffected members of other groups."),
    "e": ("Its attacks in Kabul against places of worship and civilian gatherings show an intent to provoke "
          "sectarian violence and to undermine confidence in the authorities."),
    "de3": ("In Afghanistan, the affiliate known as Islamic State in Khorasan Province has suffered heavy losses in "
            "Nangarhar and Kunar provinces but still recruits among disaffected members of other groups. Its "
            "attacks in Kabul against places of worship and civilian gatherings show an intent to provoke sectarian "
            "violence and to undermine public confidence in the national authorities."),
    "f": ("In South-East Asia, the siege of Marawi in the southern Philippines demonstrated the capacity of "
          "pledged groups to seize and hold urban terrain for several months before being defeated."),
    "g": ("In Libya, the group has been driven out of Sirte but small cells remain active in the desert south of "
          "the city and along the smuggling routes that cross the border with the Niger and Chad."),
    "h": ("In West Africa, the faction that split from Boko Haram has consolidated its hold around Lake Chad and "
          "benefits from a steady flow of weapons and fighters from the wider Sahel."),
    "h3": ("In West Africa, the faction that split from Boko Haram has consolidated its hold around Lake Chad and "
           "benefits from a steady flow of weapons, money and fighters from the wider Sahel and from Libya."),
    "i": ("Member States continue to strengthen border security, passenger screening and the sharing of "
          "biometric data, supported by the Office of Counter-Terrorism and the Counter-Terrorism Committee "
          "Executive Directorate."),
    "j": ("The Secretary-General welcomes the adoption of the Global Counter-Terrorism Strategy review and calls "
          "on Member States to implement its recommendations without delay, with full respect for human rights."),
}

SECTIONS = [Section("I", "I.", "Introduction", 1), Section("II", "II.", "Regional developments", 1),
            Section("II.A", "A.", "Asia", 2, parent="II"), Section("II.B", "B.", "Africa", 2, parent="II")]

# Each edition: (symbol, date, [(section, key, text key)]); keys joined by "+" name a merge of lineages.
LAYOUT = [
    ("S/2016/92", "2016-01-29", [("I", "a", "a"), ("I", "b", "b0"), ("I", "c", "c"), ("II.A", "d", "d"),
                                  ("II.A", "e", "e"), ("II.A", "f", "f"), ("II.B", "g", "g"), ("II.B", "i", "i")]),
    ("S/2016/501", "2016-07-15", [("I", "a", "a"), ("I", "b", "b1"), ("I", "c", "c"), ("II.A", "d+e", "de"),
                                   ("II.B", "f", "f"), ("II.B", "g", "g"), ("II.B", "h", "h"), ("II.B", "i", "i")]),
    ("S/2017/97", "2017-01-31", [("I", "a", "a"), ("I", "b", "b2"), ("I", "c1", "c1"), ("I", "c2", "c2"),
                                  ("II.A", "d+e", "de"), ("II.B", "f", "f"), ("II.B", "h", "h"),
                                  ("II.B", "i", "i")]),
    ("S/2017/573", "2017-07-07", [("I", "a", "a"), ("I", "j", "j"), ("I", "b", "b2"), ("I", "c1", "c1"),
                                   ("I", "c2", "c2"), ("II.A", "d+e", "de3"), ("II.B", "f", "f"),
                                   ("II.B", "h", "h3")]),
]

#: Truth: the links between consecutive editions, as (key in E_i, key in E_i+1, kind).
TRUE_LINKS = [
    {("a", "a", "unchanged"), ("b", "b", "modified"), ("c", "c", "unchanged"), ("d", "d+e", "merged"),
     ("e", "d+e", "merged"), ("f", "f", "unchanged"), ("g", "g", "unchanged"), ("i", "i", "unchanged")},
    {("a", "a", "unchanged"), ("b", "b", "modified"), ("c", "c1", "split"), ("c", "c2", "split"),
     ("d+e", "d+e", "unchanged"), ("f", "f", "unchanged"), ("h", "h", "unchanged"), ("i", "i", "unchanged")},
    {("a", "a", "unchanged"), ("b", "b", "unchanged"), ("c1", "c1", "unchanged"), ("c2", "c2", "unchanged"),
     ("d+e", "d+e", "modified"), ("f", "f", "unchanged"), ("h", "h", "modified")},
]
TRUE_MOVED = {(0, "f")}      # f moved from II.A to II.B between E0 and E1


def _text(key: str) -> str:
    if key == "de":
        return TEXTS["d"] + " " + TEXTS["e"]
    return TEXTS[key]


def chain_editions() -> tuple[list[Edition], list[dict[str, str]]]:
    """The four editions (in date order) and, per edition, paragraph id → lineage key."""
    editions, keys = [], []
    for symbol, date, paras in LAYOUT:
        ps, k = [], {}
        for n, (sec, key, text) in enumerate(paras, 1):
            ps.append(Paragraph(str(n), str(n), sec, _text(text)))
            k[str(n)] = key
        editions.append(Edition(symbol, date, "Threat posed by the group to international peace and security",
                                pages=5, sections=[Section(s.id, s.label, s.title, s.level, s.parent)
                                                   for s in SECTIONS],
                                paragraphs=ps, source=symbol.replace("/", "_") + ".pdf"))
        keys.append(k)
    return editions, keys


def hostile_chain() -> list[Edition]:
    """Two editions whose texts, titles and symbols carry markup and script."""
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; "quotes" \u202e'
    eds = []
    for i, (sym, date) in enumerate((("S/2099/1<b>", "2099-01-01"), ("S/2099/2\"'><i>", "2099-07-01"))):
        ps = [Paragraph("1", "1", "I", f"Fighters number {1000 + i * 500} in the region {evil} and remain active "
                                       "across the border areas of the two neighbouring States."),
              Paragraph("2", "2", "I", f"A second paragraph {evil} about the group's finances and its reserves.")]
        eds.append(Edition(sym, date, f"Title {evil}", 2, [Section("I", "I.", f"Heading {evil}", 1)], ps,
                           source=f"{evil}.pdf"))
    return eds


PLACES = ["Kidal", "Gao", "Timbuktu", "Mopti", "Ménaka", "Ségou", "Tessalit", "Ansongo", "Bourem", "Douentza",
          "Niono", "Aguelhok", "Léré", "Goundam", "Diré", "Tombouctou", "Kayes", "Sikasso", "Koulikoro", "Bandiagara"]
SUBJECTS = ["security incidents", "explosive devices", "abductions", "displaced households", "schools closed",
            "health centres damaged", "checkpoints", "patrols attacked", "convoys delayed", "wells repaired"]


def figure_editions(n: int = 20) -> list[Edition]:
    """Three editions of `n` paragraphs, each about one place, each counting something that changes from one
    edition to the next: a timeline with more figure histories than it shows unfolded (15)."""
    eds = []
    for e, (symbol, date) in enumerate((("S/2030/10", "2030-01-15"), ("S/2030/300", "2030-07-15"),
                                        ("S/2031/10", "2031-01-15"))):
        ps = [Paragraph(str(k), str(k), "I",
                        f"In the region of {place}, the Mission documented {40 + 7 * k + 13 * e} "
                        f"{SUBJECTS[k % len(SUBJECTS)]} during the period, and local authorities of {place} "
                        f"requested support from the country team for the {k + 1} affected communes.")
              for k, place in enumerate(PLACES[:n], 1)]
        eds.append(Edition(symbol, date, "Situation in the region", 6, [Section("I", "I.", "Developments", 1)], ps,
                           source=symbol.replace("/", "_") + ".pdf"))
    return eds
