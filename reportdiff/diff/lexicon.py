"""The language of assessment in Secretary-General reports: a small lexicon, by what each word does.

How it was found (benchmarks/lexicon_counts.py re-counts it over any folder of reports): the 23 reports of 2025 in
the team's shared set were read paragraph by paragraph; (1) the words most over-represented in the
"Observations"/"Conclusions" sections against the rest of the same reports (reiterate, welcome, urge, commend,
deeply, condemn, concerned, encourage, crucial, vital, essential…: the Secretary-General's own voice); (2) the
words that follow "remained/remains/continued/was/is" (resilient, fragile, critical, high, tense, undiminished,
confined, limited…: levels); (3) the trend, likelihood and attribution words of the narrative sections
(increased, escalation, deteriorating, improving, declined, reportedly, assessed, likely, expected, risk…). Each
word kept occurs in at least two of the 23 reports, or is an inflection of one that does ("grew" of "growing");
the counts are in the script's output. It is a lexicon of how these reports *speak*, not of any one subject: no
actor, place or topic is in it.

Categories (`CATEGORY[word]`), with the weight a change of that kind carries in the brief (WEIGHT):
- stance: the Secretary-General's or an actor's evaluation (concerned, alarmed, welcome, encouraged, condemn);
  thanks and gratitude to staff and donors are courtesy, not assessment, and are left out
- worse / better: a judged direction (deteriorated, escalated, undermined / improved, progress, stabilized)
- up / down: a trend in a quantity or an activity (increased, expanded, intensified / declined, reduced, confined)
- level: how much or how serious (high, undiminished, fragile, volatile, critical, severe, limited)
- necessity: what the report says must happen (must, should, need, require, necessary)
- likelihood: hedging and attribution (likely, may, could, reportedly, assessed, expected, risk)
- continuity: no change asserted (remained, continued, persisted, sustained) — weak alone, but "remained
  undiminished → remained high" is exactly the judgement an analyst briefs.
"""
from __future__ import annotations

import re
from typing import Callable

from .word_forms import can_be_noun

_WORDS = {
    "stance": """hope concern concerns concerned concerning alarm alarmed alarming appalled condemn condemns
        condemned condemnation worrying regret regrettable regrets welcome welcomes welcomed welcoming encouraged
        encouraging commend commends commended commendable applaud applauds positive negative unacceptable""",
    "worse": """collapse collapsing impasse deteriorated deteriorating deterioration deteriorate worsened worsening
        worsen aggravated escalated escalating escalation escalate setback setbacks stalled undermine undermined
        undermines undermining threatened threatening destabilize destabilizing destabilized erode erodes eroded
        eroding erosion""",
    "better": """improved improving improvement improvements improve progress progressed stabilized stabilizing
        stabilize de-escalation calm recovered recovery strengthened achieved gains""",
    "up": """increase increased increases increasing increasingly rose risen rising rise grew growing grown grow
        expanded expanding expand expansion intensified intensify intensifying heightened surge surged surging
        double doubled proliferation""",
    "down": """decrease decreased decreases decreasing decline declined declines declining fell fallen reduced
        reduction reducing diminished diminishing weakened weakening constrained confined contracted lower""",
    "level": """relative relatively high higher highest low undiminished significant significantly serious
        seriously severe severely grave gravely critical critically fragile fragility volatile volatility tense dire
        acute limited considerable substantial unprecedented dynamic resilient resilience sharp sharply steady
        steadily widespread persistent crucial vital essential imperative urgent urgently deeply marked major most
        prolific only divided unchanged""",
    "likelihood": """likely unlikely likelihood may might could reportedly allegedly alleged assessed assessment
        assess expected appeared appears appear indicated indications suggest suggested risk risks unclear
        uncertain intent intention potential potentially""",
    "necessity": """must should need needs needed require requires required necessary""",
    "continuity": """remain remains remained continue continues continued continuing persist persists persisted
        sustained still ongoing""",
}

CATEGORY: dict[str, str] = {w: cat for cat, words in _WORDS.items() for w in words.split()}

WEIGHT = {"stance": 1.0, "worse": 1.0, "better": 1.0, "up": 0.8, "down": 0.8, "level": 0.8, "necessity": 0.6,
          "likelihood": 0.5, "continuity": 0.3}

_STANCE_POSITIVE = frozenset("""hope welcome welcomes welcomed welcoming encouraged encouraging commend commends
    commended commendable applaud applauds positive""".split())

_TOKEN = re.compile(r"[^\W\d_][\w-]*")
# base forms read as a goal, a plan or an ask after "to", a modal or a call ("to improve", "will continue to provide
# support", "Urges the administering Powers to continue to take effective measures"): what is observed is said
# "improved", "continued", "remains"
_BASE_VERBS = frozenset("""improve increase decrease reduce expand escalate intensify strengthen stabilize undermine
    worsen deteriorate grow rise diminish decline destabilize drop erode assess continue remain persist""".split())
_TO_OR_MODAL = re.compile(r"\b(?:to|must|should|will|would|can|could|may|might|help|helps|further)\s+(?:not\s+)?$",
                          re.I)
_ASK = re.compile(r"\b(?:(?i:must|should|needs? to|it is (?:critical|essential|imperative|vital|important|necessary|"
                  r"crucial))|I (?:\w+ )?(?:call|urge|encourage|recommend|request|appeal))\b")
# "to strengthen coordination … and improve emergency preparedness", "efforts to accelerate and intensify support":
# a second verb joined to an infinitive is a goal as the first is. Not for a judgement of worse ("violations …
# increase tensions … and undermine stability" is observed), nor after a determiner ("to the Agreement and …": a
# preposition). Read in the 75 documents: 27 such verbs of improvement, growth or assessment, all goals, purposes or
# capabilities.
_JOINED_TO_INFINITIVE = re.compile(r"\bto\s+(?:further\s+)?(?!(?:the|a|an|its|their|this|these|those|his|her|"
                                   r"all|any|each)\b)[a-z]+\b[^.;:]{0,80}?\s(?:and|or)\s+$")
# "with the goal of reducing reliance on confessions", "with a view to encouraging progress", "the objective of
# increasing awareness", "aimed at strengthening": a purpose (4 in the 75 documents, each a goal)
_PURPOSE = re.compile(r"(?:\b(?:goal|aim|objective|purpose)s?\s+of|\bwith\s+a\s+view\s+to|\baim(?:ed|s|ing)?\s+at)"
                      r"\s+(?:further\s+)?$", re.I)
# "called for calm", "calls for increased international support", "called for an urgent EAC-SADC meeting", "calls
# for a ceasefire …, increased humanitarian aid": what is asked for, not a trend or a level seen (16 in the 75
# documents, all asks)
_ASKED_FOR = re.compile(r"\b(?:call(?:s|ed|ing)?|appeal(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}?for\s+(?:[\w’'-]+,?\s+){0,6}$",
                        re.I)
# "supporting long-term recovery", "to supporting progress on this file": work towards an improvement, not one seen
_SUPPORTED = re.compile(r"\b(?:support(?:s|ed|ing)?|promot(?:e|es|ed|ing)|foster(?:s|ed|ing)?|facilitat(?:e|es|ed|ing))"
                        r"\s+(?:(?:the|a|an|its|their|long-term|early|economic|sustainable|further)\s+){0,2}$", re.I)
# "in order to make progress", "efforts to make further progress": a goal, where "continued to make progress" is
# progress seen (5 of the 6 "to make progress" of the 75 documents are goals)
_TO_MAKE = re.compile(r"(?<!continued )(?<!continues )(?<!continue )\bto\s+make\s+(?:[\w-]+\s+)?$", re.I)
# "Progress in this area can help to rebuild the social fabric": what progress would bring, not progress seen
_COULD_HELP = re.compile(r"(?:\s+[\w-]+){0,4}?\s+(?:can|could|would|will|may|might)\s+(?:help|contribute|enable|"
                         r"pave|support)\b", re.I)
_GOAL_REACH = 80               # characters back a "to" or a modal is looked for ("to further improve")
_ASK_REACH = 400               # characters back a call or a "must" is looked for (bounds the work on a long text)


def _object_of(verbs: str, fillers: str, most: int) -> re.Pattern:
    """A text ending on one of `verbs` and at most `most` of the small words `fillers` after it: the word that
    follows is that verb's object ("to prevent further | escalation", "erode the | gains")."""
    return re.compile(rf"\b(?:{verbs})\s+(?:(?:{fillers})\s+){{0,{most}}}$", re.I)


_AVERTED = _object_of("prevent|prevents|preventing|prevented|avoid|avoids|avoiding|avert|averting|forestall|halt|curb",
                      "any|a|the|further|an|renewed|new|possible|potential", 2)
# "erode the gains made", "reverse the gains", "threatening gains and progress", "safeguarding the gains",
# "consolidate progress": gains that are threatened, kept or built on are the object of what the sentence judges,
# not an improvement observed (South Sudan's "… rapidly erode the gains made since its signing" was read "→ gains").
# Read in the 75 documents of the shared set: 16 such objects in 8 documents, none an observed improvement.
_KEPT_OR_LOST = _object_of(
    "erode|erodes|eroded|eroding|reverse|reverses|reversed|reversing|roll(?:s|ed|ing)? back|undermine|undermines|"
    "undermined|undermining|threaten|threatens|threatened|threatening|jeopardi[sz](?:e|es|ed|ing)|"
    "safeguard(?:s|ed|ing)?|preserv(?:e|es|ed|ing)|protect(?:s|ed|ing)?|consolidat(?:e|es|ed|ing)|"
    "sustain(?:s|ed|ing)?|maintain(?:s|ed|ing)?|los(?:e|es|t|ing)|build(?:s|ing)? on|built on",
    "the|these|those|its|their|any|all|such|hard-won|fragile|recent|important|significant|modest", 3)
# "the countries concerned", "all concerned actors", "the individuals concerned would": the ones involved, not a
# worry. Concern is felt by someone ("I remain deeply concerned", "Member States were concerned", a resolution's
# "Concerned by …") about something ("concerned about / by / over / at / that / for"), where the involved are "all
# parties (directly) concerned". Read in the 75 documents of the team's shared set: 38 felt, 57 involved, each told
# apart by these tests. "As far as … is concerned" is neither.
_FELT_BY = re.compile(r"(?:\b(?:am|is|are|was|were|be|been|being|remain|remains|remained|remaining|feel|feels|felt|"
                      r"become|becomes|became|grew|seem|seems|seemed|appear|appears|appeared|also|very|I|we|"
                      r"(?!(?:directly|immediately|closely)\b)\w+ly)|(?:^|[.;:,(\n]))\s*$", re.I)
_FELT_ABOUT = re.compile(r"\s*(?:,\s*(?:however|therefore|moreover|in particular)\s*,\s*)?(?:about|by|over|at|that|"
                         r"for)\b", re.I)
_AS_FAR_AS = re.compile(r"\b(?:as|so) far as\b[^.;]{0,80}$", re.I)


def _involved(text: str, start: int, end: int) -> bool:
    """Whether the "concerned" at text[start:end] names the ones involved rather than a concern felt."""
    reach = max(0, start - _IDIOM_REACH)
    if _AS_FAR_AS.search(text, reach, start):
        return True
    return not (_FELT_BY.search(text, reach, start) or _FELT_ABOUT.match(text, end))


# "I am encouraged by …", "it was encouraged by", "the reforms are encouraging", "some encouraging signs",
# "Encouraged by the changing political landscape, …": a feeling, or a development judged. Otherwise "encourage" is
# an act done to someone: the Council "encouraged all Member States to …", "Member States are encouraged to share",
# Al-Qaida "encouraging lone-actor attacks", a goal "reportedly encouraged by the Al-Furqan leadership". Read in the
# 75 documents: 79 uses, 12 feelings or judgements; these tests keep the 12 and one act in the passive
# ("collaboration … was encouraged, particularly in …"). Asks are read as recommendations where the
# Secretary-General makes them.
_FELT_ENCOURAGED = re.compile(r"(?:\b(?:am|is|are|was|were|be|been|being|remain|remains|remained|feel|feels|felt)"
                              r"(?:\s+(?:also|very|particularly|most|deeply|greatly|highly|much|further|therefore))*"
                              r"|\b(?:some|an|the|most|very|particularly|highly|more))\s*$", re.I)
_OPENS = re.compile(r"(?:^|[.;:])\s*$")
_BY_AFTER = re.compile(r"\s+by\b")
_TO_AFTER = re.compile(r"\s+to\b")


def _encouraging_someone(text: str, start: int, end: int) -> bool:
    """Whether the "encouraged"/"encouraging" at text[start:end] is the act of encouraging, not a feeling or a
    judgement of a development ("Encouraged by …" opening a sentence is one: the actor's)."""
    felt = _FELT_ENCOURAGED.search(text, max(0, start - _IDIOM_REACH), start) or (
        _OPENS.search(text, max(0, start - 3), start) and _BY_AFTER.match(text, end))
    return not felt or bool(_TO_AFTER.match(text, end))


# "most of their rockets", "most cases", "most Member States", "of whom most were returnees", "the most recent
# developments": a share or a time, where "the most serious threat", "remained the most active" judge a level.
_MOST_AS_SHARE = re.compile(r"\s+(?:of\b|recent(?:ly)?\b|(?:were|was|are|is|had|have|has)\b|[A-Z]"
                            r"|(?P<plural>[a-z’'-]{2,}s)\b)")


def _most_as_share(text: str, start: int, end: int) -> bool:
    """Whether the "most" at text[start:end] counts a share (most of, most cases, most Member States, most were) or
    a time (most recent), not how serious something is: a word ending in "s" after it must be a plural noun
    ("cases", not "serious")."""
    m = _MOST_AS_SHARE.match(text, end)
    return bool(m) and (not m.group("plural") or can_be_noun(m.group("plural").rstrip("’'")))


# An assessment that is a study, not a judgement: one of a kind ("a risk assessment", "an inter-agency assessment"),
# or one made ("UN-Women launched a localized assessment", "The Secretariat conducted a thorough assessment")
_STUDY_KIND = r"(?:risk|needs|rapid|joint|technical|security|threat|inter-agency)"
_STUDY_MADE = (r"(?:launched|conducted|carried\s+out|undertook|undertaken|completed|commissioned)\s+(?:an?\s+|the\s+)?"
               r"(?:[\w-]+\s+){0,3}?")


# Idioms that use an assessment word for something else: word -> (what precedes it, what follows it) there, or a
# test of its own.
_Idiom = tuple[re.Pattern | None, re.Pattern | None] | Callable[[str, int, int], bool]
_IDIOMS: dict[str, _Idiom] = {
    "concerned": _involved,
    "most": _most_as_share,
    "encouraged": _encouraging_someone,
    "encouraging": _encouraging_someone,
    # UNHCR's "persons of concern"
    "concern": (re.compile(r"\b(?:persons|people|individuals|refugees) of $", re.I), None),
    # "not only … but also"
    "only": (re.compile(r"\bnot $", re.I), None),
    # "conditions that give rise to terrorism": a cause, not a rise
    "rise": (re.compile(r"\b(?:give|gives|gave|given|giving)\s+$", re.I), None),
    # "is marked by adaptability": a description, where "a marked increase" weighs; "ISIL-K marked the highest-profile
    # casualty", "marked the eleventh anniversary": the verb (8 times in the 75 documents, never a judgement)
    "marked": (None, re.compile(r"\s+(?:by|the|a|an|its|their|his|her|this|these)\b", re.I)),
    # "the critical mass of outstanding provisions": a quantity enough to act on, not a critical situation
    # (and "critical (energy) infrastructure", a term of art: see below)
    "critical": (None, re.compile(r"\s+(?:mass|(?:energy\s+)?infrastructures?)\b", re.I)),
    # "requests … concerning 11 listed individuals", "concerning the Territory": a preposition (about), where
    # "deeply concerning" and "a concerning trend" judge
    "concerning": (None, re.compile(r"\s+(?:(?i:the|a|an|its|their|his|her|this|these|those|such|each|all|any)\b|"
                                    r"\d|[A-Z])")),
    # Terms of art, counted in the 23 reports of 2025: "grave violations (against children)", "the six grave
    # violations", "127 grave violations" (10 times: a category of the monitoring mechanism, not a level; "a grave
    # violation of international humanitarian law" still judges), "critical (energy) infrastructure" (7, above), "a high court
    # judge", "community violence reduction" (13) and "disaster risk reduction" (programmes), "dynamic air
    # patrols" (4), "a performance improvement plan", "humanitarian needs" (16: what people lack, not what must be
    # done), "a rapid needs assessment" and "a risk assessment" (a study made, not a judgement held), "urgent
    # medical assistance", "expected to benefit" or "to serve" (a project's beneficiaries).
    "grave": (None, re.compile(r"\s+violations?\b(?!\s+of\b)", re.I)),
    "high": (None, re.compile(r"\s+court\b", re.I)),
    "reduction": (re.compile(r"\b(?:violence|risk)\s+$", re.I), None),
    "risk": (re.compile(r"\b(?:reduc|mitigat|lower)\w*\s+the\s+$", re.I),
             re.compile(r"\s+(?:reduction|assessments?|management|mitigation)\b", re.I)),
    "dynamic": (None, re.compile(r"\s+(?:air|ground|aerial)\b", re.I)),
    # "as part of an escalation of force procedure": a soldier's graded use of force (warning shots), a drill's name
    "escalation": (None, re.compile(r"\s+of\s+force\b", re.I)),
    "improvement": (None, re.compile(r"\s+plans?\b", re.I)),
    # "individuals in need of international protection", "people in need": whom help is for (19 times in the 75
    # documents), not what the report says must be done
    "need": (re.compile(r"\bin\s+$", re.I), None),
    # "needs" is the report saying what must be done when "to" follows ("This needs to be done"); otherwise it is
    # what someone lacks ("the needs of 1 million vulnerable people", "urgent needs", "financial needs", "in
    # response to needs identified": 86 times in the 75 documents, every one a noun)
    "needs": (re.compile(r"\b(?:humanitarian|basic|specific|special|priority|protection|medical|food|development|"
                         r"capacity|training|identified|assessed|operational|financial|funding|logistical|resource)"
                         r"\s+$", re.I), re.compile(r"(?!\s+to\b)")),
    "urgent": (None, re.compile(r"\s+medical\b", re.I)),
    "assessment": (re.compile(rf"\b(?:{_STUDY_KIND}\s+|{_STUDY_MADE})$", re.I), None),
    # "reducing the risk of accidents": what a mine-risk session is for, not a trend seen
    "reducing": (None, re.compile(r"\s+the\s+risks?\b", re.I)),
    "expected": (None, re.compile(r"\s+to\s+(?:benefit|serve)\b", re.I)),
    # "Some of the weapons remained within Shabelle Hoose", "fighters who remain in the Syrian Arab Republic": where
    # something stayed, not that a state went on ("remained in political deadlock", "under Taliban control" judge)
    **dict.fromkeys(("remain", "remains", "remained", "remaining"),
                    (None, re.compile(r"\s+(?:in|within|inside|at|near)\s+(?:the\s+)?[A-Z]"))),
    # "assessed contributions", "assessed funding": what Member States are charged (17 times in the 75 documents,
    # S/2025/211, 269, 350, 122, TPNW/MSP/2025/11/Rev.1), not what anyone judges
    "assessed": (None, re.compile(r"\s+(?:contributions?|funding|funds|budgets?)\b", re.I)),
}

# The report's account of the United Nations' own work is not an assessment of the situation: "UNMISS continued
# to support …", "IOM continued its support to …", "the ongoing development of … legislation", "the force
# sustained the capability to respond", "continued clearing land". A continuity word followed by such an
# activity says that work went on (the verbs after "continued to" counted in the 23 reports: support 38, provide
# 28, engage 15, monitor 7, prioritize 7, coordinate 6, advocate 6 …); followed by a condition it still judges
# ("continued to pose", "to face", "to escalate", "ongoing conflict", "ongoing challenges").
_ACTIVITY_VERBS = """support provide engage monitor prioritize prioritise coordinate advocate follow encourage call urge
    implement facilitate build assist deliver work strengthen deploy liaise consult document stress issue focus
    perform observe note express receive enhance clear leverage cooperate collaborate contribute promote help
    organize organise convene participate offer train advise mobilize mobilise update""".split()
# the work itself ("ongoing efforts", "its support"), and what else may follow "continued its/the …"
_WORK_NOUNS = """efforts development capacity support work engagement cooperation consultations implementation training
    programme programmes project projects activities review assessment""".split()
_ACTIVITY_NOUNS = _WORK_NOUNS + "assistance advocacy outreach capacities capability capabilities operation".split()
_ACTIVITY_GERUNDS = """supporting providing engaging monitoring coordinating assisting delivering working building
    clearing facilitating implementing training deploying""".split()
_ACTIVITY_AFTER = re.compile(
    r"\s+(?:to\s+(?:\w+ly\s+)?(?:serve\s+to\s+)?(?:carry\s+out|" + "|".join(_ACTIVITY_VERBS) + ")"  # "to support"
    r"|(?:(?:its|their|his|her|the)\s+)?(?:[\w-]+\s+){0,3}?(?:" + "|".join(_ACTIVITY_NOUNS) + ")"    # "its support"
    r"|(?:" + "|".join(_ACTIVITY_GERUNDS) + r"))\b", re.I)                                         # "clearing land"
# The same work told as an outcome: "the Mission strengthened the capacity of 44 representatives", "IOM
# strengthened the border management efforts of the Government", "The Programme expanded its Global Network":
# an output of the United Nations' own, where "Da’esh expanded its network" is the threat growing. Told by the
# actor (a United Nations body opening the clause) and the object (capacities, networks, efforts, support).
_OUTPUT_WORDS = frozenset("strengthened expanded improved".split())
_OUTPUT_OBJECT = re.compile(r"\s+(?:(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?)?(?:capacit|capabilit|network|efforts|"
                            r"support|assistance|cooperation|coordination|engagement|partnership|outreach|border)",
                            re.I)
# "UNIFIL assessed 22 subordinate military units", "… reopened and assessed secondary roads": the United Nations'
# inspection, where "The mission assessed that the situation remained volatile" (or "… assessed it as …", "… to
# be …") is its judgement
_INSPECTION_WORDS = frozenset("assess assessed".split())   # the lexicon's verb forms
_ASSESSED_AS = re.compile(r"[^.;]{0,60}?\b(?:that|as|to\s+be|to\s+have)\b", re.I)
UN_ACTOR = re.compile(r"\b(?:United Nations|UN[A-Z]{2,}|IOM|WFP|OHCHR|OCHA|[Tt]he\s+(?:Mission|Force|force)|"
                      r"[Tt]he\s+(?:[A-Z][\w’'-]*\s+){0,4}(?:Office|Programme|Facility|Centre|Center|Service|"
                      r"Secretariat|Team)|[Mm]y\s+(?:Special\s+)?(?:Representative|Envoy))\b")
_UN_WHICH = re.compile("(?:" + UN_ACTOR.pattern + r")\s*,?\s+(?:which|that|who)\s+(?:\w+ly\s+)?$")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
_BY_UN = re.compile(r"\s+(?:through|with|by|thanks\s+to)\b[^.;]{0,60}?" + UN_ACTOR.pattern)
# ("the Force" alone is a mission's own: the Quds Force, a national defence force, a General Directorate are not)


# Who does such work: the United Nations' bodies (UN_ACTOR) and those it works beside, named in the verb's own
# subject. "ISIL-K continued to build its capabilities", "Member States assessed that Al-Shabaab continued to
# prioritize …", "The Government … continued to deploy troops" are the threat or the conflict going on, and judge.
_PARTNERS = re.compile(r"\b(?:Member States|[Dd]onors|[Pp]artners|[Hh]umanitarian (?:actors|organizations|community)|"
                       r"European Union|African Union|IGAD)\b")
# Where a verb's subject starts: a sentence, a clause after "that", "which", "who" … (a subject told further back
# is another verb's: "Member States reported that Al-Shabaab continued …")
_SUBJECT_START = re.compile(r".*(?:[.;:]\s|\b(?:that|which|who|whom|whereby|while|whereas|although|as)\s)",
                            re.S)
_SUBJECT_REACH = 300           # characters looked back for it (bounds the work on a very long sentence)
# "the ongoing development of …", "ongoing capacity development", "ongoing efforts": work itself, named right
# after "ongoing" (not "the ongoing Israeli military operation")
_ONGOING_WORK = re.compile(r"\s+(?:" + "|".join(_WORK_NOUNS) + r")\b", re.I)


def _own_work(text: str, word: str, start: int, end: int) -> bool:
    """The word tells the United Nations' own work (or its partners') going on or done, not the situation (see
    _ACTIVITY_AFTER and _OUTPUT_OBJECT)."""
    if word == "ongoing":
        return bool(_ONGOING_WORK.match(text, end))
    if CATEGORY[word] == "continuity":
        if not _ACTIVITY_AFTER.match(text, end):
            return False
        return _subject_names(text, start, UN_ACTOR) or _subject_names(text, start, _PARTNERS)
    if word in _OUTPUT_WORDS:
        if _OUTPUT_OBJECT.match(text, end):
            return _subject_names(text, start, UN_ACTOR)
        # "… of UNMISS, which strengthened national regulations", "… was strengthened through support provided by
        # the United Nations": the body named in a relative clause's antecedent or as the passive's agent
        return bool(_UN_WHICH.search(text, max(0, start - 80), start)) or bool(
            _PASSIVE.search(text, max(0, start - 30), start) and _BY_UN.match(text, end))
    if word in _INSPECTION_WORDS and not _ASSESSED_AS.match(text, end):
        return _subject_names(text, start, UN_ACTOR)
    return False


def _subject_names(text: str, start: int, actor: re.Pattern) -> bool:
    """Whether the subject of the verb at `start` (the words before it, back to its clause's start) names `actor`."""
    window = max(0, start - _SUBJECT_REACH)
    m = _SUBJECT_START.match(text, window, start)
    return bool(actor.search(text, m.end() if m else window, start))


# Level words that qualify another assessment word rather than judge on their own ("declined significantly",
# "only five Member States", "gravely concerned"): in the one-line summary of a change they give way to it.
QUALIFIERS = frozenset("""only significantly relatively relative most major sharply steadily seriously severely
    gravely critically urgently deeply considerable substantial""".split())


# Negation: "There was no progress", "has not improved", "without significant progress", "the lack of progress".
# A negated assessment word is read as one phrase with its negator ("no progress"): a judged direction turns to
# its opposite ("no progress" is a setback in the telling, "did not deteriorate" a relief), a stance to the other
# pole ("not welcome"), and a trend or level loses its pole ("did not increase" is no rise, not a fall). Counted
# in the 23 reports of 2025: "no progress" 12 times, "no significant" 2, "little progress" 2, "without
# (significant) progress" 2, "not welcome" 1; each was read as its bare word before ("progress").
_NEGATORS = re.compile(r"(?i:\b(?:no|(?<!\bor )not|never|without|(?<!\ba )little|nor|(?:lack|absence) of))\s+$")
# A judged improvement said to be scant is none: "limited progress" (6 times in the 75 documents), "insufficient
# progress" read as "little progress" does; "progress remained limited" tells its level by "limited", not by
# "progress" (before, each read as progress made: Libya's "progress remained limited" → "The ceasefire continued to
# hold" was told "progress → continued to hold")
_SCANT = re.compile(r"(?i:\b(?:limited|insufficient|slow|scant|minimal|modest)\s+$)")
_SCANT_AFTER = re.compile(r"\s+(?:has\s+|had\s+)?(?:remained|remains|was|were|has\s+been|had\s+been|is|are)\s+"
                          r"(?:\w+ly\s+)?(?:limited|insufficient|slow|scant|minimal|modest)\b", re.I)
# Words that may stand between a negator and the word it negates: "has not yet improved", "no significant
# progress", "had not been achieved", "without any tangible progress", "has not significantly improved" (the
# qualifiers below).
_THROUGH = frozenset("""yet been be any further much real tangible meaningful notable significant substantive
    substantial major sufficient genuine concrete visible discernible measurable appreciable markedly the a
    an""".split()) | (QUALIFIERS - {"only"})
# The other pole of each judged direction and stance: a reversal moves to it; a negation turns a direction or a
# stance to it ("no progress": worse; "not welcome": concern); a negated trend or level loses its pole.
OTHER_POLE = {"worse": "better", "better": "worse", "up": "down", "down": "up", "concern": "positive",
              "positive": "concern"}
# Words in quotation marks are someone else's (a party's letter, a communiqué), not the report's assessment.
_QUOTED = re.compile(r"“[^“”]{1,400}”|\"[^\"]{1,400}\"")


def _parts(word: str) -> list[str]:
    return word.lower().split()


def category(word: str) -> str:
    """The lexicon category of an assessment word as `hits` gives it, a negated phrase ("no progress")
    included."""
    parts = _parts(word)
    head = CATEGORY.get(parts[-1], "") if parts else ""
    if len(parts) > 1 and head in ("worse", "better"):
        return OTHER_POLE[head]
    return head


def polarity(word: str) -> str:
    """The pole a word stands for: "worse", "better", "up", "down", "concern", "positive", or "" (neutral)."""
    parts = _parts(word)
    if not parts:
        return ""
    if len(parts) > 1:                        # negated: a direction or a stance turns, a trend loses its pole
        head = polarity(parts[-1])
        return OTHER_POLE[head] if head in ("worse", "better", "concern", "positive") else ""
    w = parts[0]
    cat = CATEGORY.get(w, "")
    if cat in ("worse", "better", "up", "down"):
        return cat
    if cat == "stance":
        return "positive" if w in _STANCE_POSITIVE else "concern"
    return ""


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where a text quotes another's words (“…”, "…")."""
    return [q.span() for q in _QUOTED.finditer(text)]


def _wanted_not_seen(text: str, word: str, cat: str, start: int, end: int) -> bool:
    """Whether the assessment word `word` (lower case, of category `cat`) at text[start:end] names what is aimed at,
    asked for, hoped for, to be averted or kept rather than what the report sees."""
    def before(pattern: re.Pattern, reach: int) -> bool:
        return bool(pattern.search(text, max(0, start - reach), start))

    if word in _BASE_VERBS and (before(_TO_OR_MODAL, _GOAL_REACH) or before(_ASK, _ASK_REACH)
                                or (cat != "worse" and before(_JOINED_TO_INFINITIVE, _GOAL_REACH + 40))):
        return True         # "to improve", "must strengthen", "I urge … to reduce": a goal, not an observed trend
    if cat in ("better", "up", "down", "level") and before(_ASKED_FOR, 90):
        return True         # "called for calm", "calls for increased support": asked for
    if word.endswith("ing") and before(_PURPOSE, 40):
        return True         # "with the goal of reducing …": what is aimed at
    if cat == "better" and before(_SUPPORTED, 50):
        return True         # "supporting long-term recovery", "to support progress": work towards it, not seen
    if cat == "better" and before(_TO_MAKE, 40):
        return True         # "in order to make progress towards elections": what is aimed at
    if cat == "better" and _COULD_HELP.match(text, end):
        return True         # "progress in this area can help to rebuild …": what is hoped for
    if cat in ("worse", "up") and before(_AVERTED, 60):
        return True         # "to prevent escalation", "avoid further deterioration": what is to be averted
    return cat == "better" and before(_KEPT_OR_LOST, 60)    # "erode the gains", "consolidate progress"


def hits(text: str, quoted: list[tuple[int, int]] | None = None) -> list[tuple[str, str, int]]:
    """(word, category, offset) of every assessment word in a text, in order. "may" as a month is skipped; a
    negated word is given with its negator ("no significant progress", category "worse", at the negator's
    offset). `quoted`: the spans of the text inside quotation marks, when a quotation may run on past it (a
    sentence of a paragraph that quotes a letter over several sentences); by default, the text's own."""
    out: list[tuple[str, str, int]] = []
    quoted = quoted_spans(text) if quoted is None else quoted
    for m in _TOKEN.finditer(text):
        w = m.group(0).lower()
        cat = CATEGORY.get(w)
        if cat is None:
            continue
        if any(a < m.start() < b for a, b in quoted):
            continue        # another's words, quoted: "the Syrian letter said the attack was “a dangerous escalation”"
        if w == "may" and m.group(0) == "May":       # the month
            continue
        if m.group(0)[0].isupper() and not _starts_sentence(text, m.start()):
            continue        # a name: the "High" of "High Council of State", "Critical" of a programme's title
        if w in _IDIOMS and _in_idiom(_IDIOMS[w], text, m.start(), m.end()):
            continue
        if _own_work(text, w, m.start(), m.end()):
            continue        # "UNMISS continued to support …", "the Mission strengthened the capacity of …"
        if _wanted_not_seen(text, w, cat, m.start(), m.end()):
            continue
        if cat == "better" and _SCANT_AFTER.match(text, m.end()):
            continue        # "progress remained limited": told by "remained limited"
        negator = _negator_before(text, m.start())
        if negator is None and cat == "better":
            negator = _negator_before(text, m.start(), _SCANT)
        if negator is not None and cat != "continuity" and not (w == "only" and _is_not(text, negator)):
            out = [h for h in out if h[2] < negator]       # the qualifiers it passed over belong to the phrase
            phrase = text[negator:m.end()]
            out.append((phrase, category(phrase), negator))
            continue
        out.append((m.group(0), cat, m.start()))
    return out


def _is_not(text: str, at: int) -> bool:
    return text[at:at + 3].lower() == "not"        # "not only … but also" negates nothing


def _negator_before(text: str, start: int, negators: re.Pattern = _NEGATORS) -> int | None:
    """The offset of a negator governing the word at `start` ("no", "not", "lack of" …, with at most three
    _THROUGH words between), or None."""
    end = start
    for _ in range(4):
        window = max(0, end - 40)               # a negator and its spaces: "absence of  "
        m = negators.search(text, window, end)
        if m:
            return m.start()
        prev = _LAST_WORD.search(text, window, end)
        if not prev or prev.group(1).lower() not in _THROUGH:
            return None
        end = prev.start(1)
    return None


_LAST_WORD = re.compile(r"([^\W\d_][\w-]*)\s+$")


_IDIOM_REACH = 100             # characters an idiom's words before the word are looked for in


def _in_idiom(idiom: _Idiom, text: str, start: int, end: int) -> bool:
    if callable(idiom):
        return idiom(text, start, end)
    before, after = idiom
    return bool(before and before.search(text, max(0, start - _IDIOM_REACH), start)) or bool(
        after and after.match(text, end))


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` opens the text, a sentence, a clause after a colon, a list item ("(a) Increased"),
    or a quote or bracket."""
    before = text[:at].rstrip(" \u00a0“\"‘'(")
    return not before or before[-1] in ".!?:;•)\n"


# Thanks to staff, donors and hosts close the observations of nearly every report (thank: 10 of the 23 reports,
# gratitude 8, appreciation 9, dedication 6 — all but never outside the observations): courtesy, not assessment.
# A sentence that gives thanks carries no judgement, whatever else it says ("I applaud the dedication of …").
COURTESY = re.compile(r"\b(?:thank|thanks|gratitude|grateful|appreciation|dedication|tribute)\b", re.I)


# Praise of the United Nations' own people closes the observations too, without a word of thanks: "I commend the
# military, the police and the civilian staff of UNMISS, under the leadership of my Special Representative"
# (S/2025/504), "I also commend the work of the United Nations country team" (S/2025/54). Praise of anyone else —
# a Government, the parties, communities — is the Secretary-General's stance and stays a judgement.
PRAISE = re.compile(r"\b(?:commend|applaud|salute|pay tribute)", re.I)
UN_OWN_PEOPLE = re.compile(r"\b(?:personnel|staff|peacekeepers|country team|"
                           r"Special (?:Representative|Envoy|Coordinator)|troop-\s?and police-contributing|"
                           r"Force Commander|Head of Mission)\b")


# The report telling what it covers ("The present report … highlights continuing progress, as well as areas of
# prevailing concern"): its own table of contents, not a judgement on anything.
SELF_DESCRIPTION = re.compile(r"^(?:The present|This) (?:report|letter)(?=\s)")


# A stance word that names a topic rather than takes a stance, unless the sentence speaks in the first person
# ("humanitarian concerns", "positive developments" / "my concern", "we have concerns").
STANCE_NOUNS = frozenset("concern concerns hope alarm regret regrets condemnation positive negative".split())
FIRST_PERSON = re.compile(r"(?i:\b(?:my|we|our)\b)|(?<!annex )(?<!phase )(?<!part )\bI\b")
# Hedges that say the same as each other: "might" → "may" is a rewording, "likely" → "unlikely" or "could" → "likely"
# is not
HEDGES_ALIKE = (frozenset("may might could".split()), frozenset("reportedly allegedly alleged".split()),
                frozenset("potential potentially".split()))
# Attribution and modal hedges ("reportedly", "assessed", "may"): who says it, how surely — the likelihood words
# but those that say something of the subject ("the status of the emir remained uncertain", "unlikely", "a risk")
ATTRIBUTION_HEDGES = frozenset(w for w, c in CATEGORY.items() if c == "likelihood") - frozenset(
    "likely unlikely likelihood expected risk risks unclear uncertain".split())
# Stances stronger than their pole's plain word ("concerned" → "alarmed" hardened; "concern" → "concerns" did not)
STRONG_STANCE = frozenset("""alarm alarmed alarming appalled condemn condemns condemned condemnation unacceptable
    regrettable""".split())
# Level words that say what must happen, as "must" does ("it is imperative that …").
IMPORTANCE = frozenset("crucial vital essential imperative".split())


def judges_nothing(sentence: str) -> bool:
    """Thanks, praise of the United Nations' own people (courtesy), or the report describing itself: whatever
    assessment words it holds, the sentence judges nothing."""
    return bool(COURTESY.search(sentence)) or bool(PRAISE.search(sentence) and UN_OWN_PEOPLE.search(sentence)) \
        or bool(SELF_DESCRIPTION.match(sentence))


def strength(categories) -> float:
    """How much a set of assessment categories weighs (the strongest counts)."""
    return max((WEIGHT[c] for c in categories), default=0.0)
