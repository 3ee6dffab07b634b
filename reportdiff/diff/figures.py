"""Figures paired by what they count: "more than 760 individuals repatriated" ↔ "more than 5,970 individuals".

A paragraph rewritten between editions keeps its subject but not its wording, so its figures cannot be paired by
their place in a word diff. An analyst pairs them by *what they count*:
1. `figures_in(sentence)` reads every figure of a sentence — a count, a percentage or an amount of money, with its
   qualifier ("more than", "approximately", "between … and …") — and what it counts: the noun phrase after it,
   whose head is its last plural noun ("3 women teachers" counts teachers; "migrants and refugees" both; "51 of
   the 62 municipalities" municipalities), or failing that a plural noun just before it ("the number of migrants
   … exceeded 824,000"); the words around it, weighted by nearness (repatriated, camps, Assah); and its time
   frame: a running total ("bringing the total to", "since June 2023", "from June 2023 to 3 April 2025") is not the
   same quantity as a count for the period. Dates, years, ages, durations, ordinals, document symbols and numbers
   after "resolution", "paragraph", "No." are not figures.
2. `pair_figures(old, new, ctx)` pairs an old figure with a new one only when they are of the same unit (count,
   per cent, one currency) and the same frame, and count the same thing: the same head noun (for "people",
   "individuals", "persons", also a word in common right after the number when both have some: "people … needed
   urgent assistance" are not "people displaced"); or a generic word for
   people ("individuals") against a specific one ("migrants") with much of their surroundings in common; or, for
   a figure with no noun ("292 were stationed in Tripoli"), the same value or the same words right after it. No
   conflicting modifiers ("Iraqi nationals" never pairs with "Syrian nationals"). Surroundings are compared
   weighted by how rare each word is in the pair (`PairContext.idf`) and how near it stands. Pairs are taken best
   first, one to one; a figure with two about equally good partners of different values is left unpaired: a
   missed pair is better than a false one.
3. `change_text(a, b)` states the change: direction and ratio ("up ×7.9", "down 18 %").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .sentences import STOP, PairContext, content_words, quote, stem
from .wordiff import MONTHS

SAME_HEAD_CONTEXT = 0.08     # weighted share of surroundings two figures with the same counted noun must share
PEOPLE_CONTEXT = 0.3         # ... a generic and a specific word for people ("individuals" / "migrants")
NO_NOUN_CONTEXT = 0.3        # ... a figure with no counted noun and another one
NO_NOUN_MIN_VALUE = 10       # a bare small number ("2 in Benghazi") is too ambiguous to pair without its noun
LEAD_WEIGHT = 0.4            # evidence from the words just before both figures ("police completed" / "police conducted")
MODIFIER_WEIGHT = 0.6        # ... from the words of their noun phrases ("child protection training sessions")
ONE_GOVERNOR = 0.3           # ... more when only one of them is "of" something ("the trial of 93 cases")
SAME_HEAD_EVIDENCE = 0.5     # surroundings + sentence likeness two figures with the same noun need (unless they
                             # share a modifier: "34 integrated patrols" / "45 integrated patrols")
SAME_VALUE = 0.5             # evidence an identical value adds
RESTATED_VALUE = 100         # an identical value from this size on, under the same noun, is one quantity restated
RIVAL_SHARE = 0.7            # a rival partner with this share of the evidence, and another value: ambiguous
CONTEXT_WORDS = 10           # content words either side of a figure that make its surroundings
NEAR_WORDS = 4               # ... the nearest of them, which name what a bare number is about
NOUN_PHRASE_WORDS = 5        # "15 explosive ordnance risk education teams"
QUOTE_WORDS_BEFORE = 3       # a figure's quote: a few words before it in its clause ("had repatriated") …
QUOTE_WORDS_AFTER = 5        # … and, when it names no counted noun, a few after ("were injured")
QUOTE_WORDS = 16             # a figure's quote: its clause, at most this long
_CONJUNCTIONS = frozenset({"and", "or", "but", "while", "whereas", "nor"})

_QUALIFIER = (r"(?:(?:more|fewer|less) than|over|about|around|approximately|nearly|almost|some|up to|at least|"
              r"at most|close to|an estimated|estimated|roughly|only|just|a total of|a further|an additional|"
              r"between)")
_SPELLED = {w: k for k, w in enumerate("""zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split()) if k >= 2}
_SPELLED_ONE = {"one": 1}
_SPELLED.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "hundred": 100, "dozens": 24})
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w-])(?:" + _TENS + "-" + _UNITS + "|"
           + "|".join(sorted(_SPELLED, key=len, reverse=True)) + r")(?![\w-])")
_MULTIPLIER = r"(?:million|billion|thousand|trillion)"
_CURRENCY = r"(?:US\$|\$|€|£|USD\s|EUR\s)"
FIGURE_RE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?(?P<cur>{_CURRENCY})?(?P<a>{_NUMBER})(?:\s*(?P<amult>{_MULTIPLIER}))?"
    rf"(?:\s*(?:and|to|-|–)\s*(?P<cur2>{_CURRENCY})?(?P<b>{_NUMBER}))?"
    rf"(?:\s*(?P<mult>{_MULTIPLIER}))?(?:\s*(?P<pct>per cent|percent|%))?", re.I)
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_REFERENCE_BEFORE = re.compile(
    r"(?:(?:resolution|paragraph|para\.?|article|arts?\.|No\.|footnote|annex|chapter|section|rule|phase|page|"
    rf"decree|law|brigade|division|route|level|grade|item|{MONTHS})\s*"
    # after a plural, a list: "agenda items 18, 88 and 89" (not "resolution 2254, 15 members")
    r"|(?:resolutions|paragraphs|paras\.?|articles|nos\.|footnotes|annexes|chapters|sections|rules|pages|items)"
    r"\s*(?:\d+\s*(?:,\s*(?:and\s+)?|and\s+))*)$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.I)
_LABEL_AFTER = re.compile(r"\.\s+[A-Z]")          # "4. Condemns …": a quoted resolution's paragraph label
_CLAUSE_END = re.compile(r"[;:()]|,(?!\d)|\sand\s+\d")   # where the words about a figure stop: the next item of a list
_BREAK = re.compile(r"[;:()]|,(?!\d)")
_COMPLEMENT = re.compile(r"\s+(?:of|related to|involving|affecting|against|concerning)\s+((?:[^\W\d][\w’'-]*\s*){1,4})")
_GOVERNOR = re.compile(r"\b([a-z]{3,}) of (?:the |some |about |approximately |nearly |almost |over |more than |at least |"
                       r"up to |fewer than |less than |an estimated |around )?$")
_QUANTITY_NOUNS = frozenset("total number estimate maximum minimum average sum figure".split())
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
_TARGET = re.compile(r"\b(?:planned|plans?|planning|targets?|targeted|budgeted|pledged|aims?|aimed|goal)\b\W*(?:\w+\W+){0,3}$|"
                     r"\s+(?:were |are )?(?:planned|targeted|budgeted|pledged)\b", re.I)
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]{2,}\s$")
_MONTH_AFTER = re.compile(rf"\s*(?:(?:and|to|-|–)\s*\d{{1,2}}\s+)?(?:{MONTHS})\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A running total: "bringing the total to", "since June 2023", "from June 2023 to 3 April 2025", "to date".
_CUMULATIVE = re.compile(rf"\b(?:cumulative|cumulatively|to date|in all|bringing (?:the )?(?:\w+ )?totals?)\b|"
                         rf"\b(?:since|from)\s+(?:\d{{1,2}}\s+)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d\b", re.I)
_SAME_PERIOD = re.compile(r"\b(?:that|the) same period\b|\bover that period\b", re.I)
_GENERIC_PEOPLE = frozenset(stem(w) for w in "individuals persons people".split())
_PEOPLE = _GENERIC_PEOPLE | frozenset(stem(w) for w in """civilians migrants refugees children women men nationals
    detainees residents inhabitants returnees displaced victims casualties fighters members recruits combatants
    prisoners families households girls boys asylum-seekers staff personnel students participants""".split())
_IRREGULAR_PLURALS = frozenset("children people women men personnel staff police youth".split())
_NP_STOP = STOP | frozenset("""were was are is had has have been being per from who which that whose as than to
    also reportedly including included according during since across among while""".split())
_TIME_UNITS = frozenset("years year months month days day weeks week hours hour minutes".split())
_FRACTION_STEMS = frozenset(stem(w) for w in "halves thirds quarters fifths tenths times".split())


@dataclass
class Figure:
    text: str                     # as printed: "more than 5,970", "$106 million", "22 per cent"
    low: float
    high: float                   # equal to low unless a range ("between 8,000 and 12,000")
    unit: str                     # "" for a count, "%", a currency sign, or "time" (not paired)
    noun: str                     # what it counts, as printed ("Iraqi nationals"), or ""
    heads: frozenset              # stems of the counted noun(s)
    mods: frozenset               # stems of the noun phrase's other words
    proper: frozenset             # its capitalised modifiers ("iraqi"): a nationality, a place, a name
    context: dict                 # stem -> weight (rarity × nearness) of the words around it
    near: frozenset               # stems of the few words right after it (and its noun), in its clause
    before: frozenset             # stems of the few words right before it, in its clause ("United Nations police
                                  # completed 4,703 patrols")
    complement: frozenset         # what restricts its noun: "incidents of crime and harassment", "… related to"
    governor: str                 # the noun it is "of": "the release of seven boys" → "release"
    ordinals: frozenset           # "first", "second" … around it: "the second group of … elections in 62"
    target: bool                  # a plan or target ("planned 15 evaluations"), not what was done
    month: str                    # the month it is counted in, named after it ("carried out in November"), or ""
    event_day: str                # the day of the event it counts, named before it ("On 14 February, clashes …
                                  # left 12 injured" → "14 february"), or ""
    label_year: str               # the year that names what it is of, before it in its sentence: "the 2025 appeal
                                  # … was 18 per cent funded" → "2025" (a date's year, "in 2024", is not one)
    cumulative: bool              # a running total rather than a count for the period
    start: int                    # span of the figure and its noun in the sentence
    end: int
    sentence: str = field(repr=False, default="")
    sentence_index: int = 0       # which sentence of its side (figures keep their order within a sentence pair)
    parent: "Figure | None" = field(default=None, repr=False)   # the total it breaks down: "65 participants (19 women)"
    part: bool = False            # one part of a count told in parts ("12 … and a further 83"), or an increment
    whole: bool = False           # the whole of a partitive: the 1.4 million of "716,050 of an estimated 1.4 million"
    topic: dict = field(default_factory=dict, repr=False)        # its sentence's words, stem -> rarity

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else 1 + self.parent.depth

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2

    @property
    def quote(self) -> str:
        """The figure as the text says it, with what it counts and the few words before it in its clause:
        "had repatriated more than 760 individuals", "An estimated 42,500 individuals"; for a figure with no
        counted noun, the words after it to the end of its clause ("280 were injured"). The words before stop at
        a conjunction: those of "115 were abducted and 65 were arrested" belong to the figure before."""
        s = self.sentence
        clause = _last_break(s, self.start)
        lead = list(re.finditer(r"\S+", s[clause:self.start]))[-QUOTE_WORDS_BEFORE:]
        joined = [k for k, w in enumerate(lead) if w.group(0).lower() in _CONJUNCTIONS]
        lead = lead[joined[-1] + 1:] if joined else lead
        a = clause + lead[0].start() if lead else self.start
        b = self.end
        if not self.noun:
            stop = _CLAUSE_END.search(s, self.end)
            tail = list(re.finditer(r"\S+", s[self.end:stop.start() if stop else len(s)]))[:QUOTE_WORDS_AFTER]
            b = self.end + tail[-1].end() if tail else self.end
        return quote(s[a:b], [0], QUOTE_WORDS)


def _number(s: str) -> float:
    low = s.lower()
    if "-" in low:                         # "twenty-seven"
        tens, units = low.split("-", 1)
        return float(_SPELLED[tens] + (_SPELLED.get(units) or _SPELLED_ONE.get(units, 0)))
    return float(_SPELLED.get(low) or s.replace(",", ""))


def _is_plural(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR_PLURALS or (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")))


_WORD_OR_MARK = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*|\S")


_PARTITIVE_WHOLE_LEAD = frozenset("""the those these that this its their all an a estimated some about approximately
    around nearly almost roughly over""".split())
# what stands between a part and its whole: "716,050 of an estimated 1.4 million", "12 out of the 40"
_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:(?:" + "|".join(sorted(_PARTITIVE_WHOLE_LEAD)) + r")\s+)*", re.I)


def _noun_after(sentence: str, pos: int) -> tuple[str, list[str], list[str], int]:
    """The noun phrase right after a figure: (as printed, its words, its head words, end offset). The head is the
    last plural noun ("women teachers" → teachers), or both nouns of "migrants and refugees"; partitives are read
    through ("11,590 of those children", "51 of the 62 municipalities")."""
    toks = list(_WORD_OR_MARK.finditer(sentence, pos))
    k = 0
    if len(toks) > 1 and toks[0].group(0).lower() == "out" and toks[1].group(0).lower() == "of":
        k = 1                                  # "12 out of the 40 municipalities"
    if k < len(toks) and toks[k].group(0).lower() == "of":
        k += 1
        while k < len(toks) and toks[k].group(0).lower() in _PARTITIVE_WHOLE_LEAD:
            k += 1                             # "of the", "of an estimated", "of some"
        if k < len(toks) and toks[k].group(0)[0].isdigit():
            k += 1
            if k < len(toks) and toks[k].group(0).lower() in _MULTIPLIERS:
                k += 1                         # "716,050 of an estimated 1.4 million Syrian refugees"
    words: list[re.Match] = []
    heads: list[str] = []
    while k < len(toks) and sum(1 for w in words if not w.group(0)[0].isupper()) < NOUN_PHRASE_WORDS \
            and len(words) < 2 * NOUN_PHRASE_WORDS:
        t = toks[k].group(0)
        if not t[0].isalpha() or t.lower() in _NP_STOP:
            if t.lower() == "and" and heads and k + 1 < len(toks) and _is_plural(toks[k + 1].group(0)):
                words.append(toks[k + 1])          # "migrants and refugees"
                heads.append(toks[k + 1].group(0))
            break
        words.append(toks[k])
        nxt = toks[k + 1].group(0) if k + 1 < len(toks) else ""
        continues = bool(nxt) and nxt[0].isalpha() and nxt.lower() not in _NP_STOP
        if t.endswith(("’s", "'s", "s’", "s'")) and continues:
            k += 1                             # a possessive is not what is counted: "620 of the mission’s personnel"
            continue
        if _is_plural(t):
            heads = [t]
        if t[0].isupper() and continues:
            k += 1                             # a name goes on: "South Sudan People’s Defence Forces soldiers"
            continue
        if _is_plural(t) and not (continues and _is_plural(nxt) and nxt[0].islower()):
            if nxt.lower() == "and":
                k += 1
                continue
            break
        k += 1
    if not words:
        return "", [], [], pos
    if not heads:
        heads = [words[-1].group(0)]
    return sentence[words[0].start():words[-1].end()], [w.group(0) for w in words], heads, words[-1].end()


def _noun_before(sentence: str, pos: int) -> list[str]:
    """A counted noun named just before the figure ("the number of migrants in Libya exceeded 824,000"): the last
    plural content word of the clause before it."""
    clause = re.split(r"[,;:()]", sentence[:pos])[-1]
    words = [w for w, _, _ in content_words(clause)][-6:]
    plural = [w for w in words if _is_plural(w)]
    return plural[-1:]


def _skip(sentence: str, m: re.Match) -> bool:
    """Not a figure: a date, a year, an ordinal, an age, a reference or part of a code."""
    a_start, end = m.start("a"), m.end()
    before = sentence[max(0, a_start - 1):a_start]
    after = sentence[end:end + 1]
    if before and (before.isalnum() or before in "/.+-") or after in ("+", "/") or (
            after.isalpha() and not m.group("pct")):
        return True                        # QDe.161, S/2025/72, 5+5, 444th
    if re.match(r"-[^\W\d_]", sentence[end:end + 2]):
        return True                        # 18-year-old, 12-month
    if not m.group("cur") and not m.group("pct") and not m.group("b") and _YEAR.fullmatch(m.group("a")):
        return True                        # a year
    if _MONTH_AFTER.match(sentence, end) or _REFERENCE_BEFORE.search(sentence[max(0, m.start() - 60):m.start()]):
        return True                        # 12 May, resolution 2254, May 2025
    if a_start == 0 and _LABEL_AFTER.match(sentence, end, end + 4):
        return True                        # "4. Condemns …": the label of a quoted resolution's paragraph
    name = _NAME_BEFORE.search(sentence, 0, m.start())
    if name and name.start() > 0 and not m.group("qual"):
        return True                        # "Special Detachment 88", "Sector 4": part of a name
    return False


def figures_in(sentence: str, ctx: PairContext, cumulative_sentence: bool = False, index: int = 0) -> list[Figure]:
    """Every figure of a sentence with what it counts, its surroundings and its frame. `cumulative_sentence`:
    the sentence speaks of "that same period" and the one before it of a running total."""
    out: list[Figure] = []
    words = content_words(sentence)
    topic = {stem(w): ctx.idf(stem(w)) for w, _, _ in words}
    pos = number_end = 0
    while True:
        m = FIGURE_RE.search(sentence, pos)
        if m is None:
            break
        pos = m.end()
        if m.group("b") and _FROM_BEFORE.search(sentence[max(0, m.start() - 6):m.start()]):
            # "from 760 to 5,970" is a change told in one text, not a range: read 760 alone, then 5,970
            m = FIGURE_RE.match(sentence[:m.end("amult") if m.group("amult") else m.end("a")], m.start())
            pos = m.end()
        if m is None or _skip(sentence, m):
            continue
        figure = _figure(sentence, m, words, ctx, cumulative_sentence)
        figure.topic = topic
        if not m.group("a")[0].isdigit() and (not figure.noun or figure.heads & _FRACTION_STEMS):
            continue                       # "one of", "two thirds": a spelled number counts only with its noun
        figure.sentence_index = index
        if out:
            figure.parent = _parent(sentence, out[-1], figure)
            _take_elided_noun(sentence, out[-1], figure)
            figure.whole = bool(_OF.fullmatch(sentence[number_end:m.start()]))
        if _INCREMENT_BEFORE.search(sentence, max(0, figure.start - 20), figure.start) \
                or _INCREMENT_OPENS.match(figure.text):
            figure.part = True
            if out and (not figure.noun or figure.heads & out[-1].heads):
                out[-1].part = True
        out.append(figure)
        number_end = m.end()
    return out


# "a further 83 were deployed", "another 71 in Kufrah", "an additional 18 investigators": the count before it is
# one part of a total the text does not state, and this one is another part or an increment
_INCREMENT_BEFORE = re.compile(r"\b(?:a further|another|an additional)\s*$", re.I)    # right before the number
_INCREMENT_OPENS = re.compile(r"(?:a further|another|an additional)\b", re.I)        # its qualifier, in its text


_BREAKDOWN = re.compile(r"\s*,?\s*(?:\(\s*(?:including|of whom|comprising|among them)?|"
                        r"(?:including|of whom|comprising|among them))\s*|"
                        r"\s+(?:[^\W\d][\w’'-]*\s+){1,8}\(\s*(?:including\s+)?")   # "78 participants from the police (9 women)"
_SIBLING = re.compile(r"\s*(?:,|and|, and|;)\s*")


def _parent(sentence: str, previous: Figure, figure: Figure) -> Figure | None:
    """The total a figure breaks down: the figure just before it, when a bracket or "including" comes between
    ("798 civilians, including 94 women and 51 children (31 boys and 20 girls)"); a figure listed after a
    breakdown ("and 51 children") shares its total."""
    between = sentence[previous.end:figure.start]
    if _BREAKDOWN.fullmatch(between):
        return previous
    if _SIBLING.fullmatch(between) and previous.parent is not None:
        return previous.parent
    return None


# "Drones accounted for 55 per cent of the violations, fighter aircraft 41 per cent, and helicopters 4 per cent":
# a list item that names its own subject and leaves out what it counts
_ELIDED = re.compile(r"\s*,\s*(?:and\s+)?((?:[^\W\d][\w’'-]*\s+){1,4})")


def _take_elided_noun(sentence: str, previous: Figure, figure: Figure) -> None:
    """A figure with no counted noun, listed after one of the same unit that has one, counts the same thing for
    the subject named just before it: "fighter aircraft 41 per cent" counts violations, of fighter aircraft."""
    if figure.heads or not previous.heads or figure.unit != previous.unit or figure.unit == "time":
        return
    m = _ELIDED.fullmatch(sentence[previous.end:figure.start])
    if m is None:
        return
    subject = [w for w, _, _ in content_words(m.group(1))]
    if not subject:
        return
    figure.noun, figure.heads = f"{previous.noun}, {' '.join(subject)}", previous.heads   # "violations, fighter
                                                                                          # aircraft"
    figure.mods = frozenset(stem(w) for w in subject)
    figure.proper = frozenset(stem(w) for w in subject if w[:1].isupper())


def is_cumulative_sentence(sentence: str) -> bool:
    return bool(_CUMULATIVE.search(sentence))


def refers_to_same_period(sentence: str) -> bool:
    return bool(_SAME_PERIOD.search(sentence))


def _figure(sentence: str, m: re.Match, words, ctx: PairContext, cumulative_sentence: bool) -> Figure:
    mult = _MULTIPLIERS.get((m.group("mult") or m.group("amult") or "").lower(), 1.0)
    a = _number(m.group("a")) * _MULTIPLIERS.get((m.group("amult") or "").lower(), mult)
    b = _number(m.group("b")) * mult if m.group("b") else a
    start, end = m.start(), m.end()
    unit = "%" if m.group("pct") else (m.group("cur") or "").strip().replace("USD", "$").replace("US$", "$")
    noun, noun_words, heads, noun_end = _noun_after(sentence, end) if unit in ("", "%") else ("", [], [], end)
    if unit == "%" and noun_words and sentence[end:noun_end].lstrip()[:2].lower() != "of":
        noun, noun_words, heads, noun_end = "", [], [], end   # "22 per cent were children": no counted noun
    if not noun_words and unit == "":
        heads = noun_words = _noun_before(sentence, start)
    mods = [w for w in noun_words if w not in heads]
    if any(h.lower() in _TIME_UNITS for h in heads):
        unit = "time"                      # a duration or an age is not a count of things
    noun_stems = {stem(w) for w in noun_words}
    before = [(w, s) for w, s, e in words if e <= start][-CONTEXT_WORDS:]
    after = [(w, s) for w, s, e in words if s >= noun_end][:CONTEXT_WORDS]
    clause_end = _CLAUSE_END.search(sentence, noun_end)
    clause_end = clause_end.start() if clause_end else len(sentence)
    context: dict[str, float] = {}
    for dist, (w, _) in enumerate(reversed(before)):
        _weigh(context, stem(w), ctx.idf(stem(w)) / (1 + dist / 3))
    for dist, (w, _) in enumerate(after):
        _weigh(context, stem(w), ctx.idf(stem(w)) / (1 + dist / 3))
    for s in noun_stems - {stem(h) for h in heads}:
        context.pop(s, None)
    # the frame is told just before the figure ("Since 3 April, more than 300") or just after its noun
    frame_start = max(sentence.rfind(";", 0, start) + 1, start - 90, 0)
    frame_text = sentence[frame_start:start] + sentence[noun_end:noun_end + 40]
    clause_start = max(_last_break(sentence, start), 0)
    before_words = [stem(w) for w, s, e in words if clause_start <= s and e <= start][-NEAR_WORDS:]
    complement = _COMPLEMENT.match(sentence, noun_end) if noun_words else None
    governor = _GOVERNOR.search(sentence, 0, start)
    return Figure(
        text=_tidy(sentence[start:end]), low=min(a, b), high=max(a, b), unit=unit, noun=noun,
        before=frozenset(before_words),
        complement=frozenset(stem(w) for w, _, _ in content_words(complement.group(1))) if complement else frozenset(),
        governor=stem(governor.group(1)) if governor and governor.group(1) not in _QUANTITY_NOUNS else "",
        ordinals=frozenset(w.lower() for w, _ in before + after if w.lower() in _ORDINALS),
        target=bool(_TARGET.search(sentence[max(clause_start, start - 60):start]))
        or bool(_TARGET.match(sentence, noun_end)),
        month=_month_after(sentence[noun_end:clause_end]),
        event_day=_event_day(sentence[:start]),
        label_year=_label_year(sentence[:start]),
        heads=frozenset(stem(h) for h in heads), mods=frozenset(stem(w) for w in mods),
        proper=frozenset(stem(w) for w in mods if w[:1].isupper()), context=context,
        near=frozenset(stem(w) for w, s in after[:NEAR_WORDS] if s < clause_end),
        cumulative=cumulative_sentence or bool(_CUMULATIVE.search(frame_text)),
        start=start, end=max(end, noun_end), sentence=sentence)


def _last_break(sentence: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last comma, semicolon, colon or bracket before it; the
    comma of "42,308" is no break)."""
    breaks = [m.end() for m in _BREAK.finditer(sentence, 0, pos)]
    return breaks[-1] if breaks else 0


def _weigh(context: dict[str, float], s: str, w: float) -> None:
    context[s] = max(context.get(s, 0.0), w)


def _tidy(s: str) -> str:
    return " ".join(s.split()).strip(" ,;")


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard of two surroundings."""
    keys = a.keys() | b.keys()
    top = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys) / top if top else 0.0


# "1,098 operational activities carried out in November, 378 in December": a count for one month
_IN_MONTH = re.compile(rf"^(?:\s+[^\W\d][\w’'-]*){{0,4}}?\s+(?:in|during|for)\s+(?:the month of\s+)?({MONTHS})\b")


# "the 2024 appeal", "The 2025 Humanitarian Needs and Response Plan": a year naming the thing, not a date
_LABEL_YEAR = re.compile(r"\b(?:the|its|their|this|that)\s+((?:19|20)\d{2})\s+(?!and\b|to\b|[-–])[A-Za-z]", re.I)


def _label_year(before: str) -> str:
    """The last year naming a thing in the sentence before a figure: "the 2025 appeal … was 18 per cent funded,
    at $482.8 million" names both figures."""
    found = _LABEL_YEAR.findall(before)
    return found[-1] if found else ""


# "On 3 March …", "fighting reported between 16 and 17 October": one event's day or days ("Between 1 April and 30
# June", "Between 11 December 2024 and 31 March 2025" are periods). A reference date ("As at 31 May", "From 1 October to
# 30 January") is not one: it dates a count that the next edition brings up to date.
_EVENT_DAY = re.compile(rf"\b(?:[Oo]n\s+(\d{{1,2}}(?:\s*(?:and|to|–|-)\s*\d{{1,2}})?\s+(?:{MONTHS}))|"
                        rf"[Bb]etween\s+(\d{{1,2}}\s+and\s+\d{{1,2}}\s+(?:{MONTHS})))\b(?!\s+\d{{4}}\s+and)")
EVENT_DAYS = 3                  # a span of more days than this is a period ("between 1 and 31 May"), not an event


def _event_day(before: str) -> str:
    found = [on or between for on, between in _EVENT_DAY.findall(before)]
    if not found:
        return ""
    days = [int(d) for d in re.findall(r"\d+", found[-1])]
    return " ".join(found[-1].lower().split()) if days[-1] - days[0] <= EVENT_DAYS else ""


def _month_after(clause_rest: str) -> str:
    m = _IN_MONTH.match(clause_rest)
    return m.group(1).lower() if m else ""


def pair_score(a: Figure, b: Figure) -> tuple[float, float] | None:
    """(noun, evidence) for two figures that count the same thing — noun: 1 for the same counted noun, less for
    kindred ones; evidence: how much their surroundings and their sentences have in common — or None when they do
    not count the same thing."""
    if a.unit != b.unit or a.unit == "time" or a.cumulative != b.cumulative or a.part != b.part:
        return None                        # "12 … and a further 83 officers" / "Ninety-two officers" in all
    if a.whole != b.whole:
        return None                        # "752,675 Syrian refugees" (registered) / the "estimated 1.4 million"
                                           # of which 716,050 are registered
    if a.proper and b.proper and not (a.proper & b.proper):
        return None                        # Iraqi nationals / Syrian nationals
    if a.mods and b.mods and not (a.mods & b.mods):
        return None                        # foreign nationals / Iraqi nationals
    if a.complement and b.complement and not (a.complement & b.complement):
        return None                        # incidents of crime and harassment / incidents affecting operations
    if a.governor and b.governor and a.governor != b.governor:
        return None                        # the release of seven boys / the separation of five boys
    if a.ordinals and b.ordinals and not (a.ordinals & b.ordinals) or a.target != b.target:
        return None                        # the first group of elections / the second; planned / conducted
    if a.month and b.month and a.month != b.month:
        return None                        # activities in November / in February: two months, not one count
    if a.event_day and b.event_day and a.event_day != b.event_day:
        return None                        # injured on 16 and 17 October / on 14 February: two clashes
    if a.label_year and b.label_year and a.label_year != b.label_year:
        return None                        # the 2024 appeal / the 2025 appeal: two appeals
    overlap = _overlap(a.context, b.context)
    lead = len(a.before & b.before) / len(a.before | b.before) if a.before and b.before else 0.0
    kin = len(a.mods & b.mods) / len(a.mods | b.mods) if a.mods and b.mods else 0.0
    evidence = overlap + _cosine(a.topic, b.topic) + LEAD_WEIGHT * lead + MODIFIER_WEIGHT * kin + (
        SAME_VALUE if math.isclose(a.value, b.value) else 0.0)
    if a.heads and a.heads & b.heads:
        # "the trial of 93 cases" / "adjudicated 26 cases": what is counted of them may differ, unless much agrees
        need = SAME_HEAD_EVIDENCE + (ONE_GOVERNOR if a.governor != b.governor else 0.0)
        if not _restated(a, b) and (overlap < SAME_HEAD_CONTEXT or not (
                a.mods & b.mods and a.governor == b.governor or evidence >= need)):
            return None                    # "78 participants" of a police workshop / "180 participants" of forums
        if a.heads <= _GENERIC_PEOPLE and a.near and b.near and not a.near & b.near:
            return None                    # "67,000 people … needed urgent assistance" / "18,700 people displaced"
        return 1.0, evidence
    if a.heads and b.heads and (a.heads | b.heads) <= _PEOPLE and (
            a.heads <= _GENERIC_PEOPLE or b.heads <= _GENERIC_PEOPLE):
        return (0.5, evidence) if overlap >= PEOPLE_CONTEXT else None
    if not a.heads or not b.heads:
        if min(a.value, b.value) < NO_NOUN_MIN_VALUE or not (math.isclose(a.value, b.value) or a.near & b.near):
            return None                    # "2 in Benghazi" / "4 in Sabha"
        return (0.3, evidence) if overlap >= NO_NOUN_CONTEXT else None
    return None


def _restated(a: Figure, b: Figure) -> bool:
    """The same value of the same noun, large or fractional enough not to recur by chance: one quantity, restated
    in other words. "6.1 million people will likely experience IPC phase 3+" (a projection, beside the current
    6.3 million) is the new edition's "An estimated 6.1 million South Sudanese people are at risk …": with few
    surroundings in common it was refused, and the 6.3 million taken for the same count ("down 3 %")."""
    same = math.isclose(a.low, b.low) and math.isclose(a.high, b.high)       # a range: both its ends
    return same and (a.low >= RESTATED_VALUE or a.low != int(a.low) or a.high != int(a.high))


def pair_figures(old: list[Figure], new: list[Figure]) -> list[tuple[Figure, Figure, float]]:
    """One-to-one pairs of figures that count the same thing, best first; ambiguous figures are left out.

    Totals are paired before their breakdowns: "19 women" of "65 participants" pairs with "18 women" of
    "52 representatives" only if those two totals were paired with each other."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    unsure: tuple[set[int], set[int]] = (set(), set())     # figures left out as ambiguous: still rivals
    out: list[tuple[Figure, Figure, float]] = []
    scores = {(i, j): score for i, a in enumerate(old) for j, b in enumerate(new)
              if (score := pair_score(a, b)) is not None}
    for depth in range(1 + max((f.depth for f in old + new), default=0)):
        partner = {id(a): b for a, b, _ in out}
        cands = []
        for (i, j), (noun, evidence) in scores.items():
            a, b = old[i], new[j]
            if max(a.depth, b.depth) == depth and _same_total(a, b, partner):
                cands.append((noun, evidence, i, j, True))
            elif max(a.depth, b.depth) > depth and _waits_on_nothing(a, b):
                cands.append((noun, evidence, i, j, False))
        cands.sort(key=lambda t: -(t[0] + t[1]))
        _take(cands, old, new, used_old, used_new, unsure, out)
    return out


def _waits_on_nothing(a: Figure, b: Figure) -> bool:
    """A breakdown and a figure standing alone, under the same noun: a pair of a later round whose chance does not
    depend on how the totals are paired. It takes part in earlier rounds, keeping its figures: "54 women" of the
    Maritime Task Force, standing alone, is not given "827 women" of the whole force in round 0 when "66 women" of
    the task force's 699 personnel suits it better in round 1."""
    return (a.parent is None) != (b.parent is None) and bool(a.heads & b.heads)


def _same_total(a: Figure, b: Figure, partner: dict) -> bool:
    """Breakdowns pair when their totals were paired; a breakdown and a figure standing alone only under the same
    noun ("17,700 Iraqi nationals" of 42,500 → "6,700 Iraqi nationals"; never "9,887 men" → "80,599 individuals")."""
    if a.parent is not None and b.parent is not None:
        return partner.get(id(a.parent)) is b.parent
    if a.parent is not None or b.parent is not None:
        return _waits_on_nothing(a, b)
    return True


def _take(cands, old, new, used_old: set, used_new: set, unsure: tuple[set, set], out: list) -> None:
    """Greedy one-to-one pairing, best first. A figure with a rival partner of another value about as well
    supported (RIVAL_SHARE of the evidence, the same kind of noun) is ambiguous: it and its best partner are
    left out, and stay rivals of the figures that come after. A candidate of a later round (`now` false), when
    it comes first, keeps its two figures for that round."""
    waiting: tuple[set, set] = (set(), set())
    for noun, ev, i, j, now in cands:
        if i in used_old or j in used_new or i in unsure[0] or j in unsure[1] \
                or i in waiting[0] or j in waiting[1] or _crosses(old[i], new[j], out, old, new):
            continue
        if not now:
            waiting[0].add(i)
            waiting[1].add(j)
            continue
        ambiguous = any(
            n2 >= noun and e2 >= RIVAL_SHARE * ev and (
                (i2 == i and j2 != j and j2 not in used_new and _differs(new[j2], new[j]))
                or (j2 == j and i2 != i and i2 not in used_old and _differs(old[i2], old[i])))
            for n2, e2, i2, j2, now2 in cands if now2)
        if ambiguous:
            unsure[0].add(i)
            unsure[1].add(j)
            continue
        used_old.add(i)
        used_new.add(j)
        out.append((old[i], new[j], noun + ev))


def _crosses(a: Figure, b: Figure, pairs: list[tuple[Figure, Figure, float]], old: list[Figure],
             new: list[Figure]) -> bool:
    """Within one pair of sentences figures keep their order ("360 … in Assah (325 men, 28 women and 7 children),
    in addition to 150 individuals …" → "460 individuals (399 men, 51 women and 10 children)"): a pair that would
    cross a surer one of the same two sentences is refused — unless its noun is found once in each sentence
    ("57 women and 87 men" → "207 men, 119 women", "17,700 Iraqi nationals and 16,200 Syrian nationals" →
    "15,500 Syrian nationals and 6,700 Iraqi nationals" cannot be misread)."""
    def once(f: Figure, side: list[Figure]) -> bool:
        return sum(1 for g in side if g.sentence_index == f.sentence_index and g.heads & f.heads
                   and g.proper == f.proper) == 1
    if a.heads and once(a, old) and once(b, new):
        return False
    for a2, b2, _ in pairs:
        if a2.sentence_index == a.sentence_index and b2.sentence_index == b.sentence_index \
                and (a2.start < a.start) != (b2.start < b.start):
            return True
    return False


def _differs(x: Figure, y: Figure) -> bool:
    return not math.isclose(x.value, y.value)


# A ceiling: "fewer than 100" says only that the value is under 100. The reports' "more than 760", "over 6.9
# million" and "up to 3,000" are estimates near the number (an analyst reads "more than 1,800 → approximately
# 1,000" as down by almost half), so they count as the value.
_UPPER_BOUND = re.compile(r"(?:fewer|less) than|at most|under\b|below\b", re.I)


def _is_ceiling(f: Figure) -> bool:
    return bool(_UPPER_BOUND.match(f.text))


def _exact_terms(a: Figure, b: Figure) -> bool:
    """Two single values (estimates included: "more than 760" → "more than 5,970"), or two ceilings: a ratio
    reads true."""
    return a.low == a.high and b.low == b.high and _is_ceiling(a) == _is_ceiling(b)


def _interval(f: Figure) -> tuple[float, float]:
    """What the text lets the value be: a range, a ceiling ("fewer than 100": 0-100), or the value."""
    return (0.0, f.high) if _is_ceiling(f) else (f.low, f.high)


# What a mission or an agency did in the period, its outputs, counted by these nouns or right after these words:
# patrols run, workshops held, participants trained. A change in outputs is reported activity, not a change in the
# assessment (read on the gold pairs' briefs: South Sudan's "1,178 → 3,905 participants", "80 → 622 local actors"
# trained, "Ninety-two → Twenty-seven police officers" deployed to bases, Libya's "87 → 207 men" at workshops
# each outranked the civilian casualties an analyst briefs). Monitoring is not an output: "UNMISS verified 53 grave
# violations" counts what happened.
_OUTPUT_STEMS = frozenset(stem(w) for w in """patrols workshops trainings training trained participants sessions
    meetings consultations programmes projects activities visits requests beneficiaries""".split())


def is_output(f: Figure) -> bool:
    """The figure counts the work of a mission or an agency (its noun, the words right before it, the subject of its
    clause, or the total it breaks down say so): "709 integrated patrols", "training 622 local actors", "Training …
    was provided to 72 civilian", "57 women" of "144 participants"; not "Attacks against UNIFIL patrols injured 12
    peacekeepers"."""
    clause = content_words(f.sentence[max(_last_break(f.sentence, f.start), 0):f.start])
    # the clause's subject ("Training … was provided to 72") or the word right before ("training 622 local actors")
    told_by = {stem(clause[0][0]), stem(clause[-1][0])} if clause else set()
    return bool((f.heads | told_by) & _OUTPUT_STEMS) or (f.parent is not None and is_output(f.parent))


def direction(a: Figure, b: Figure) -> str:
    """"up", "down", "same", or "changed" when a range or a bound leaves the way it went open ("50 → fewer than
    100", "between 20 and 30 per cent → 25 per cent")."""
    if _exact_terms(a, b):
        if math.isclose(a.value, b.value):
            return "same"
        return "up" if b.value > a.value else "down"
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    if (alo, ahi) == (blo, bhi):
        return "same"
    if alo <= blo and ahi <= bhi:
        return "up"                        # both ends rose: "between 200 and 300" → "300–400"
    if alo >= blo and ahi >= bhi:
        return "down"                      # "120" → "fewer than 100"
    return "changed"


def change_text(a: Figure, b: Figure) -> str:
    """"more than 760 → more than 5,970 individuals (up ×7.9)", "42,500 → 34,800 individuals (down 18 %)"; for a
    range or a bound only the direction the text allows ("between 200 and 300 → 300–400 fighters (up)")."""
    noun = b.noun or a.noun
    d = direction(a, b)
    if d == "same":
        how = "unchanged"
    elif not _exact_terms(a, b):
        how = d                            # a ratio or a difference of midpoints would be made up
    elif a.unit == "%":
        points = abs(b.value - a.value)
        how = f"{d} {points:g} point{'' if points == 1 else 's'}"
    elif a.value and b.value / a.value >= 2:
        how = f"up ×{b.value / a.value:.1f}"
    elif a.value:
        percent = math.floor(100 * abs(b.value - a.value) / a.value + 0.5)
        how = f"{d} {percent} %" if percent >= 1 else f"{d} less than 1 %"
    else:
        how = d
    what = noun or _predicate(b) or _predicate(a)
    return f"{a.text} → {b.text}{' ' + what if what else ''} ({how})"


# "A total of 338 civilians were killed, 280 were injured, 115 were abducted and 65 were arbitrarily arrested": a
# figure whose noun is left out is told by what it says happened
_PREDICATE = re.compile(r"\s+(?:were|was|are|is|have been|has been|had been)\s+((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)")
_LOOSE_END = re.compile(r"(?:\s+(?:and|or|by|in|on|at|of|to|for|from|with))+$")


def _predicate(f: Figure) -> str:
    """What a figure without a counted noun says happened to its number ("were arbitrarily arrested and
    detained" → "arbitrarily arrested and detained"), or ""."""
    m = _PREDICATE.match(f.sentence, f.end)
    return _LOOSE_END.sub("", m.group(1)) if m else ""
