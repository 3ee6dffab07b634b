"""Report-like paragraphs on distinct subjects, each written twice: as an earlier edition put it and as the next
edition rewrote it (other words, the same actors, places and programmes). Used to build editions in code."""
from __future__ import annotations

from reportdiff.model import Edition, Paragraph, Section

# subject -> (as the earlier edition wrote it, as the later edition rewrote it)
SUBJECTS: dict[str, tuple[str, str]] = {
    "threat": (
        "During the reporting period, the threat posed to international peace and security by Da’esh remained "
        "undiminished. Da’esh continued to maintain a reduced pace of activity in Iraq, while its affiliates "
        "increased their focus on activities in Africa.",
        "The threat posed by Da’esh and its affiliates to international peace and security remained high and "
        "diverse, with the highest intensity observed in parts of Africa and a reduced footprint in Iraq."),
    "repatriation": (
        "The pace of repatriations from the Hawl and Rawj camps declined significantly: only five Member States "
        "had repatriated more than 760 individuals since the previous report.",
        "Repatriations from the Hawl and Rawj camps increased significantly, with five Member States reportedly "
        "repatriating more than 5,970 individuals in total, most of them children."),
    "iswap": (
        "Islamic State West Africa Province remained one of the most operationally active affiliates around Lake "
        "Chad, conducting raids against military bases in Borno State.",
        "In Borno State, Islamic State West Africa Province achieved some territorial gains around Lake Chad and "
        "emerged as the most prolific producer of propaganda among the affiliates."),
    "somalia": (
        "In Puntland, the Da’esh affiliate in Somalia recruited foreign terrorist fighters and strengthened its "
        "financial hub, the Karrar office, through extortion of local businesses.",
        "Security forces in Puntland launched a large-scale offensive against the Da’esh affiliate in Somalia, "
        "whose Karrar office continued to collect money from businesses through extortion."),
    "afghanistan": (
        "ISIL-K continued to pose the predominant terrorist threat in Afghanistan and Central Asia, recruiting "
        "among Tajik nationals and plotting attacks in Europe.",
        "With about 2,000 fighters, ISIL-K still represented the most serious threat in Central Asia and "
        "Afghanistan and sought recruits among Tajik nationals abroad."),
    "detention": (
        "Men and boys held in detention facilities in the north-east of the Syrian Arab Republic were reportedly "
        "kept incommunicado in overcrowded cells with insufficient food and healthcare.",
        "Detainees in the north-east of the Syrian Arab Republic, including boys, were still held incommunicado, "
        "and overcrowding and the lack of healthcare in the facilities persisted."),
    "mozambique": (
        "In Mozambique, UNODC delivered on-the-job training to more than 1,100 judicial officials in Cabo Delgado "
        "on prosecuting terrorism offences.",
        "UNODC trained prosecutors and judges from Cabo Delgado Province in Mozambique on adjudicating terrorism "
        "and terrorism-financing cases."),
    "technology": (
        "Member States noted the widespread accessibility of three-dimensional printing of weapon components and "
        "experimentation with artificial intelligence for propaganda.",
        "Terrorist groups experimented further with artificial intelligence to tailor propaganda, and the "
        "three-dimensional printing of weapon components spread."),
    "victims": (
        "The Office of Counter-Terrorism held the Global Congress of Victims of Terrorism in Geneva and launched a "
        "model legislative provisions pilot in Nigeria.",
        "Following the Global Congress of Victims of Terrorism, the Office of Counter-Terrorism extended its model "
        "legislative provisions pilot from Nigeria to Iraq."),
    "borders": (
        "The Countering Terrorist Travel Programme helped Member States collect advance passenger information and "
        "passenger name record data at airports in Ghana and Kenya.",
        "Through the Countering Terrorist Travel Programme, Ghana and Kenya began screening advance passenger "
        "information and passenger name record data against watch lists."),
}

# paragraphs on subjects found in one edition only (a new or a dropped concern)
ONLY_OLD = ("In Mali, a ceasefire between armed movements in the Kidal region collapsed after drone strikes on "
            "the Tinzaouaten market, displacing herders towards the Algerian border.")
ONLY_NEW = ("Chemical precursors for explosives were smuggled across the Gulf of Aden on dhows from Yemen, and the "
            "Houthis supplied naval mines to armed groups.")

# two paragraphs that share only a broad theme (terrorism financing), not a subject
THEME_OLD = ("Member States continued to strengthen their efforts to counter the financing of terrorism, in line "
             "with international standards, and the United Nations supported these efforts through workshops.")
THEME_NEW = ("Cryptocurrency exchanges in Türkiye were used by facilitators to move donations collected on "
             "Telegram channels, according to the Financial Intelligence Unit of Indonesia.")

# a paragraph sharing only that theme with THEME_OLD, but citing it by number (it is paragraph 2 in the tests)
CITING = ("Workshops on the financing of terrorism, which Member States had asked for (S/2025/10, para. 2), were "
          "held in Nairobi and Dakar for financial intelligence units.")


def build(sections: list[tuple[str, str, list[str]]], symbol: str = "S/2025/10",
          date: str = "2025-01-31") -> Edition:
    """An edition from (section id, title, paragraph texts); paragraphs numbered in reading order."""
    secs, paras, n = [], [], 0
    for sid, title, texts in sections:
        parent = sid.rsplit(".", 1)[0] if "." in sid else None
        secs.append(Section(id=sid, label=sid.rsplit(".", 1)[-1] + ".", title=title, level=sid.count(".") + 1,
                            parent=parent))
        for t in texts:
            n += 1
            paras.append(Paragraph(id=str(n), number=str(n), section=sid, text=t))
    return Edition(symbol=symbol, date=date, title="Report of the Secretary-General on the threat posed by ISIL",
                   pages=10, sections=secs, paragraphs=paras)


def old_of(*names: str) -> list[str]:
    return [SUBJECTS[k][0] for k in names]


def new_of(*names: str) -> list[str]:
    return [SUBJECTS[k][1] for k in names]
