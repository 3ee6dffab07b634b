"""Reading a change as an analyst would: the judgements, figures, recommendations and concerns that moved.

`signals_for(old_paras, new_paras, kind, ops, ctx)` is called once per change, whatever linked it (a redline-able
edit, a rewritten successor, a split or a merge) and for every added or removed paragraph:

1. Each side is cut into sentences; a sentence found word for word on both sides is left out (nothing changed).
2. Sentences are paired by subject: cosine of their word stems weighted by rarity in the pair (`PairContext.idf`),
   so that two sentences naming "Abu Khadija" or "Islamic State in the Greater Sahara" pair and two that share
   "security" do not. The lead sentences of the paragraphs (where UN reports put the paragraph's judgement) are
   also paired with each other.
3. **judgement**: a sentence pair whose assessment words (lexicon.py: stance, trend, level, likelihood) differ —
   "remained undiminished" → "remained high", "declined significantly" → "increased significantly". The signal
   quotes the clause of each sentence that holds them (sentences.quote), names the subject (the rarest words the
   two share) and states the change and its direction (reversed, firmer, softer, new, dropped, changed).
4. **figure**: figures paired by what they count (figures.py), when the value changed.
5. **recommendation**: "I call on / urge / encourage / recommend …" sentences (and a named author's "The Monitoring
   Team recommends that …"), paired by addressee and ask; a call that appears or disappears is reported as new or
   dropped.
6. **new_concern / dropped_concern** (added / removed paragraphs): the subject's salient terms — rare in the pair
   and absent from the other edition — and the paragraph's most assessing sentence.
For a paragraph edited lightly the word diff's own signals (signals.py: figure, date, hedge) are kept; a figure
pair found here replaces the diff's signal for the same numbers (it knows what they count).
Every signal carries a `score`: how large the change is (the weight of its words, the ratio of its figures) times
how sure the pairing is; brief.py ranks on it, with the paragraph's role in the report.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..model import DiffOp, Paragraph, Signal
from . import figures as fig
from . import lexicon
from .align import equality_key
from .brief import base_score, telling_score
from .sentences import PairContext, content_words, quote, salient_terms, sentences, stem
from .topics import key_phrase, topic_phrase
from .signals import numbers_in, replaced_number

MIN_SENTENCE_SIM = 0.12      # weighted cosine below which two sentences are not about the same thing
MAX_JUDGEMENTS = 6           # per change at most (2 + the paragraphs of its larger side)
SUBJECT_TERMS = 3            # words named as a signal's subject
CONCERN_TERMS = 4
REUSED_SENTENCE = 0.6        # a judgement pair whose sentence is already quoted by a better pair counts this much
LEAD_BONUS = 1.2             # a change in a paragraph's lead sentence: where the reports put their judgement
REVERSAL_BONUS = 1.5
NOVEL_BELOW = 0.4            # nearest cosine above which an added/removed paragraph is more likely a rewrite
FRAGMENT_WORDS = 8           # an added/removed text shorter than this is a fragment (a table cell, a label)
# A concern's sentence shorter than this is quoted with the sentence after it, which says what it is about:
# "Regional relations remain fragile. There is a risk that terrorist groups may exploit these regional tensions …"
SHORT_CONCERN = 8
CONTINUITY_WORDS = 5         # a continuity word ("remained") is shown with what follows it, this many words in all
# A welcome on one side and a demand on the other weigh this share of a judgement that moved (read on the seven
# gold pairs' briefs: "welcome → must", "required → welcome", "welcome → should", "encouraged → imperative" each
# paired two statements on different subjects of one paragraph; at half weight the observations' double weight
# still kept them in the briefs)
SPEECH_ACTS = 0.3
# A dropped paragraph of the narrative with no stance word weighs this share: last period's events, not a concern
# the report dropped (read on the gold pairs' briefs: UNDOF's 7 December attack, Lebanon's November incursions)
PAST_EVENT = 0.5
LONE_STANCE = 0.5            # score of a stance sentence taken or dropped with no counterpart (one-sided)
PRAISE_WEIGHT = 0.5          # weight of praise in a new or dropped concern (_concern_weight)
# A call to the same addressee asking the same, but for at most this many words, anywhere in the other edition, is
# made there too: Lebanon's moved call differs by none; "maintain" / "lift the arms embargo" is a changed call
SAME_CALL = 2
# A breakdown ("35 boys" of "49 children") tells less than its total, which it follows: it weighs this share (second
# helper review: South Sudan's "12 → 35 boys" had taken the brief's place of "18 → 49 children")
BREAKDOWN = 0.8
OUTPUT = 0.5                 # a figure of a mission's outputs (figures.is_output) weighs this share


# A sentence that opens on a pronoun or "the group" speaks of the subject of the sentence before it.
_ANAPHOR = re.compile(r"^(?:(?:The|This|These|That|Those|Such|Its|Their)\s+(?:\w+\s+)?(?:group|groups|organization|"
                      r"affiliate|network|movement|mission|entity|force|forces|attack|attacks|incident|incidents|"
                      r"operation|operations|process|situation|trend|development|developments|leader|faction)\b|"
                      r"(?:It|They|He|She|The latter|The former)\b)")


@dataclass
class Sentence:
    pid: str
    text: str
    lead: bool                   # the first sentence of its paragraph
    stems: frozenset
    hits: list                   # lexicon.hits: (word, category, offset)
    topic: frozenset = frozenset()   # stems it is paired on: its own, and its antecedent's after an anaphor
    running_total: bool = False  # "over that same period", after a sentence about a running total

    @property
    def words(self) -> set[str]:
        return {w.lower() for w, _, _ in self.hits}


def _sentences(paras: list[Paragraph]) -> list[Sentence]:
    out = []
    for p in paras:
        previous: Sentence | None = None
        quoted = lexicon.quoted_spans(p.text)       # a quotation may run over several sentences
        for k, (a, b) in enumerate(sentences(p.text)):
            text = p.text[a:b]
            stems = frozenset(stem(w) for w, _, _ in content_words(text))
            topic = stems | previous.stems if previous is not None and _ANAPHOR.match(text) else stems
            running = previous is not None and fig.refers_to_same_period(text) and (
                previous.running_total or fig.is_cumulative_sentence(previous.text))
            hits = [] if lexicon.judges_nothing(text) else lexicon.hits(text, [(x - a, y - a) for x, y in quoted
                                                                            if x < b and y > a])
            previous = Sentence(p.id, text, k == 0, stems, hits, topic, running)
            out.append(previous)
    return out


def _drop_identical(old: list[Sentence], new: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Sentences found word for word on both sides said nothing new: both copies go."""
    old_keys = Counter(equality_key(s.text) for s in old)
    new_keys = Counter(equality_key(s.text) for s in new)
    both = old_keys & new_keys
    kept_old, kept_new = [], []
    for side, kept in ((old, kept_old), (new, kept_new)):
        left = Counter(both)
        for s in side:
            k = equality_key(s.text)
            if left[k]:
                left[k] -= 1
            else:
                kept.append(s)
    return kept_old, kept_new


def _weights(stems, ctx: PairContext) -> dict[str, float]:
    return {s: ctx.idf(s) for s in sorted(stems)}      # sorted: float sums the same in every process


def _similarity(a: Sentence, b: Sentence, ctx: PairContext) -> float:
    wa, wb = _weights(a.topic or a.stems, ctx), _weights(b.topic or b.stems, ctx)
    dot = sum(wa[s] * wb[s] for s in sorted(wa.keys() & wb.keys()))
    na, nb = math.sqrt(sum(v * v for v in wa.values())), math.sqrt(sum(v * v for v in wb.values()))
    return dot / (na * nb) if na and nb else 0.0


def _surface(text: str, stems: list[str]) -> list[str]:
    """Each stem as the text first writes it."""
    out = []
    for s in stems:
        w = next((w for w, _, _ in content_words(text) if stem(w) == s), None)
        if w and w not in out:
            out.append(w)
    return out


def _subject(a: Sentence, b: Sentence, ctx: PairContext, n: int = SUBJECT_TERMS) -> str:
    """What the two sentences both speak of: the most telling words they share (names first)."""
    from .lexicon import CATEGORY
    shared = {s for s in a.stems & b.stems if s not in CATEGORY}
    return ", ".join(salient_terms(b.text, ctx, ctx.old_stems, n, within=shared))


def _offsets(sentence: Sentence, words: set[str], stems: list[str]) -> list[int]:
    """Anchors for a quote: the changed assessment words first, then the subject's words."""
    anchors = [off for w, _, off in sentence.hits if w.lower() in words]
    for s in stems:
        anchors += [a for w, a, _ in content_words(sentence.text) if stem(w) == s][:1]
    return anchors


# ---------------------------------------------------------------------------------------------------- judgements

def _sentence_pairs(old: list[Sentence], new: list[Sentence], sim: list[list[float]]) -> dict[tuple, bool]:
    """(i, j) → is a lead pair: each assessing sentence with its best partner, and lead sentence with lead."""
    pairs: dict[tuple, bool] = {}
    for i, o in enumerate(old):
        if o.hits and new:
            j = max(range(len(new)), key=lambda j: sim[i][j])
            if sim[i][j] >= MIN_SENTENCE_SIM:
                pairs[(i, j)] = False
    for j, n in enumerate(new):
        if n.hits and old:
            i = max(range(len(old)), key=lambda i: sim[i][j])
            if sim[i][j] >= MIN_SENTENCE_SIM:
                pairs[(i, j)] = False
    leads_old = [i for i, o in enumerate(old) if o.lead and o.hits]
    leads_new = [j for j, n in enumerate(new) if n.lead and n.hits]
    for i in leads_old:
        if leads_new:
            j = max(leads_new, key=lambda j: sim[i][j])
            if sim[i][j] > 0 or (len(leads_old) == 1 and len(leads_new) == 1):
                pairs[(i, j)] = True
    return pairs


def _direction(old_words: set[str], new_words: set[str], gone: set[str], came: set[str]) -> str:
    """reversed (a pole turned to its opposite, which the old sentence did not already hold: "rose … a decrease"
    → "increased" is no reversal), new / dropped (a word on one side only: "— → urgent"), firmer / softer (a
    hedge gone or come), or changed."""
    pol_old = {lexicon.polarity(w) for w in old_words} - {""}
    pol_new = {lexicon.polarity(w) for w in new_words} - {""}
    flips = lexicon.OTHER_POLE
    if any(flips[p] in pol_new and p not in pol_new and flips[p] not in pol_old for p in pol_old):
        return "reversed"
    if not old_words:
        return "new"
    if not new_words:
        return "dropped"
    gone_cats = {lexicon.category(w) for w in gone}
    came_cats = {lexicon.category(w) for w in came}
    if "likelihood" in gone_cats and "likelihood" not in came_cats:
        return "firmer"
    if "likelihood" in came_cats and "likelihood" not in gone_cats:
        return "softer"
    # a word added to what the old sentence said ("continue" → "continue, urgent"), or taken from it: told as
    # "— → urgent", and ranked as a one-sided judgement
    if not gone:
        return "new"
    if not came:
        return "dropped"
    return "changed"


def _speech_acts_differ(gone: set[str], came: set[str]) -> bool:
    """A stance on one side and a demand on the other ("we welcome the support" → "… should be strengthened"):
    two statements side by side, not one judgement that moved."""
    cats = {_act(w) for w in gone}, {_act(w) for w in came}
    return cats in (({"stance"}, {"necessity"}), ({"necessity"}, {"stance"}))


def _importance_reworded(gone: set[str], came: set[str]) -> bool:
    """What must happen said as strongly in other words ("crucial" → "imperative", "essential, vital" →
    "critical", "required" → "essential", "imperative" → "needed"): what moved is *what* must happen (read on the
    Libya pair's brief: "crucial → imperative" paired the analyst's key change of the road to elections and told
    nothing of it)."""
    gone_said, came_said = _judging(gone), _judging(came)
    return bool(gone_said) and bool(came_said) and gone_said | came_said <= _MATTERS


# words that say something matters, each as strongly as the others: the lexicon's importance and necessity words
# but its two modals ("should" → "must" is a firmer demand, and stays told by its words)
_MATTERS = lexicon.IMPORTANCE | {"critical"} | (
    {w for w, c in lexicon.CATEGORY.items() if c == "necessity"} - {"must", "should"})


def _judging(words: set[str]) -> set[str]:
    return {w.lower() for w in words} - lexicon.QUALIFIERS


def _same_in_other_words(gone: set[str], came: set[str]) -> bool:
    """The same judgement in other words, which no reader would brief: one hedge for another ("might" → "may"),
    one continuity for another ("continued" → "remained"), or a stance for one of the same pole and strength
    ("offer hope" → "I am hopeful": "hope → positive"; read on the gold pairs' briefs, where each was an item).
    "concerned" → "alarmed" is a stance that hardened, and stays. Read on the words a summary would show (the
    strongest), other inflections of one word ("continued" → "continues") left out."""
    gone_rows, came_rows = {_word_row(w) for w in gone}, {_word_row(w) for w in came}
    gone_said = _judging(_strongest({w for w in gone if _word_row(w) not in came_rows}))
    came_said = _judging(_strongest({w for w in came if _word_row(w) not in gone_rows}))
    if not gone_said or not came_said:
        return False
    cats = {lexicon.category(w) for w in gone_said | came_said}
    if cats == {"continuity"} or any(gone_said | came_said <= group for group in lexicon.HEDGES_ALIKE):
        return True                     # not "likely → unlikely", nor "could → likely": those move
    poles = {lexicon.polarity(w) for w in gone_said | came_said}
    return cats == {"stance"} and len(poles) == 1 and (
        bool(gone_said & lexicon.STRONG_STANCE) == bool(came_said & lexicon.STRONG_STANCE))


_CLAUSE_END = re.compile(r"[,;:.()]")


_CONTINUED_TO = re.compile(r"\b(?:continued|continues|continue|continuing)\s+to\s+([^\W\d_]+)", re.I)


def _only_tense_changed(o: Sentence, n: Sentence, gone: set[str], came: set[str]) -> bool:
    """"continued to support" → "supported": only the aspect changed, and the act goes on; no judgement moved (a
    reader review of ISIL's opening: "continued → —"). Every word gone is "continued to <verb>" whose verb the new
    sentence still says; nothing came."""
    if came or not gone:
        return False
    verbs = [stem(m.group(1)) for m in _CONTINUED_TO.finditer(o.text)]
    # the lexicon's only "continu…" words are its continuity words
    return bool(verbs) and all(w.lower().startswith("continu") for w in gone) and all(v in n.stems for v in verbs)


def _what_matters(s: Sentence, words: set[str], length: int = 7) -> str:
    """An importance word with what it is said of, as written: "crucial step towards reviving an inclusive
    Libyan-led…", "critical that Libyan actors agree on a national budget…" (to the end of its clause, at most
    `length` words)."""
    low = {w.lower() for w in words}
    for w, start, _ in content_words(s.text):
        if w.lower() in low:
            clause = _CLAUSE_END.split(s.text[start:])[0].split()
            return " ".join(clause[:length]) + ("…" if len(clause) > length else "")
    return "—"


def _act(word: str) -> str:
    """What a judgement word does: "imperative", "essential", "crucial" … say what must happen, as "must" does."""
    return "necessity" if word.lower() in lexicon.IMPORTANCE else lexicon.category(word)


def judgement_signals(old: list[Sentence], new: list[Sentence], sim, ctx: PairContext, limit: int,
                      rewritten: bool = False) -> list[Signal]:
    """The changed judgements of a change's paired sentences, best first (at most `limit`). `rewritten`: the
    change is a successor reworded too far for a word redline (its sentences are other sentences, not edits)."""
    found = []
    shown: dict[int, str] = {}      # id() of a signal -> its change as told (its `change` stays the bare words)
    pairs = _sentence_pairs(old, new, sim)
    found += _lone_stances(old, {i for i, _ in pairs}, "old", ctx)
    found += _lone_stances(new, {j for _, j in pairs}, "new", ctx)
    for (i, j), lead in pairs.items():
        o, n = old[i], new[j]
        ow, nw = o.words, n.words
        if {_word_row(w) for w in ow} == {_word_row(w) for w in nw}:
            continue                    # the same assessment words ("encouraged" → "encouraging"): no move
        gone, came = ow - nw, nw - ow
        if _same_in_other_words(gone, came) or _only_tense_changed(o, n, gone, came):
            continue
        d = _direction(ow, nw, gone, came)
        if rewritten and d in ("new", "dropped") and _hedge_or_need_only(came if d == "new" else gone):
            continue
        size = lexicon.strength({lexicon.category(w) for w in gone | came})
        two_acts = _speech_acts_differ(_strongest(gone), _strongest(came))      # the words the summary shows
        score = size * (0.4 + 0.6 * min(1.0, sim[i][j] * 2)) * (LEAD_BONUS if lead else 1.0) * (
            REVERSAL_BONUS if d == "reversed" else 1.0) * (SPEECH_ACTS if two_acts else 1.0)
        shared = sorted(o.stems & n.stems, key=lambda s: (-ctx.idf(s), s))[:2]
        reworded = _importance_reworded(gone, came)      # what is asked moved, not how much it matters
        if reworded:
            change = f"{_what_matters(o, gone)} → {_what_matters(n, came)}"
        else:
            change = f"{_words_text(o, _strongest(gone)) or '—'} → {_words_text(n, _strongest(came)) or '—'}"
        sig = Signal(kind="judgement", old=quote(o.text, _offsets(o, gone or ow, shared)),
                     new=quote(n.text, _offsets(n, came or nw, shared)), subject=_subject(o, n, ctx),
                     change=change, direction=d, score=round(score, 3))
        if not reworded:
            shown[id(sig)] = f"{_shown(o, _strongest(gone))} → {_shown(n, _strongest(came))}"
        found.append((i, j, sig))
    chosen = _diverse(found, limit)          # which changes are told is decided on their bare judging words
    for _, _, sig in chosen:
        sig.change = shown.get(id(sig), sig.change)
    return [sig for _, _, sig in chosen]


def _hedge_or_need_only(words: set[str]) -> bool:
    """A hedge or a need on one side only ("reportedly → —", "— → need"): in an edited sentence a real edit (an
    attribution dropped), but between the other sentences of a rewritten paragraph it says only that the new
    sentence is another sentence (read on the gold pairs' signals: 14 such, none an analyst would brief). What must
    be done is told by the recommendations."""
    strongest = {w.lower() for w in _strongest(words)}
    return bool(strongest) and all(w in lexicon.ATTRIBUTION_HEDGES or lexicon.category(w) == "necessity"
                                   for w in strongest)


def _lone_stances(side: list[Sentence], paired: set[int], which: str, ctx: PairContext) -> list[tuple]:
    """A sentence of the report's own stance ("I condemn the attack on the convoy", "Firing … is also
    unacceptable") with no counterpart on the other side: a stance taken or dropped, told one-sided. Returned as
    `_diverse` takes them, (old index, new index, signal), the missing side an index of its own (-1 - k)."""
    out = []
    dropped = which == "old"
    for k, s in enumerate(side):
        stance = {w.lower() for w, c, _ in s.hits if c == "stance"}
        if not lexicon.FIRST_PERSON.search(s.text):
            stance -= lexicon.STANCE_NOUNS     # "humanitarian concerns", "positive developments": what, not a stance
        if k in paired or not stance or _CALL.search(s.text):
            continue                    # paired (told above), no stance, or a call (told as a recommendation)
        words = _words_text(s, stance)
        q = quote(s.text, _offsets(s, stance, []))
        terms = ", ".join(salient_terms(s.text, ctx, ctx.new_stems if dropped else ctx.old_stems, 3))
        sig = Signal(kind="judgement", old=q if dropped else None, new=None if dropped else q, subject=terms,
                     change=f"{words} → —" if dropped else f"— → {words}",
                     direction="dropped" if dropped else "new",
                     score=round(LONE_STANCE * (LEAD_BONUS if s.lead else 1.0), 3))
        out.append((k, -1 - k, sig) if dropped else (-1 - k, k, sig))
    return out


def _diverse(found: list[tuple[int, int, Signal]], limit: int) -> list[tuple[int, int, Signal]]:
    """The best pairs, preferring ones that bring a sentence not yet quoted: four old sentences all paired with
    the one new sentence that sums them up say less than four different pairs."""
    out: list[tuple[int, int, Signal]] = []
    told_old: dict[int, set[str]] = {}      # sentence -> the changes already told with it ("growing → remained")
    told_new: dict[int, set[str]] = {}
    words_old: dict[int, set[str]] = {}     # sentence -> its judging words already told ("high")
    words_new: dict[int, set[str]] = {}
    left = list(found)
    while left and len(out) < limit:
        def worth(item):
            i, j, sig = item
            return sig.score * (REUSED_SENTENCE if i in told_old else 1.0) * (REUSED_SENTENCE if j in told_new else 1.0)
        best = max(left, key=worth)
        left.remove(best)
        i, j, sig = best
        if (i in told_old and j in told_new) or sig.change in told_old.get(i, ()) or sig.change in told_new.get(j, ()):
            continue                    # the same change again: a summary repeats the sentence of its body
        was, _, became = sig.change.partition(" → ")
        if became != "—" and became in words_new.get(j, ()) or was != "—" and was in words_old.get(i, ()):
            continue                    # a sentence's judgement has one counterpart: ISIL's "remained high" is
                                        # "undiminished → high", not also "continued → high" from another sentence
        told_old.setdefault(i, set()).add(sig.change)
        told_new.setdefault(j, set()).add(sig.change)
        words_old.setdefault(i, set()).add(was)
        words_new.setdefault(j, set()).add(became)
        out.append(best)
    return out


def _strongest(words: set[str]) -> set[str]:
    """The words that carry the judgement: "declined significantly only" → "declined" (a trend outweighs a
    qualifier); all of them when they weigh alike."""
    judging = {w for w in words if w not in lexicon.QUALIFIERS} or words
    top = max((lexicon.WEIGHT[lexicon.category(w)] for w in judging), default=0.0)
    return {w for w in judging if lexicon.WEIGHT[lexicon.category(w)] >= top - 0.05}


def _shown(s: Sentence, words: set[str]) -> str:
    """The judging words of one side as the summary shows them. A continuity word alone says nothing until what
    follows it is read: "remained → setback" tells a reader less than "remained in charge of the… → setback",
    "continued → concerning" less than "continued trends observed previously. → concerning"."""
    if words and all(lexicon.category(w) == "continuity" for w in words):
        followed = _what_matters(s, words, length=CONTINUITY_WORDS)
        if followed != "—":
            return followed
    return _words_text(s, words | _qualifying(s, words)) or "—"


def _qualifying(s: Sentence, words: set[str]) -> set[str]:
    """The qualifier written right before a shown stance ("gravely concerned", "deeply alarmed"): left out when
    choosing what changed, it is part of how strongly the stance is taken ("alarmed → concerned" read as a
    softening where the new text says "I remain gravely concerned"; a helper's reading of the ISIL brief). A trend's
    or a level's qualifier still gives way ("declined → increased", not "declined significantly → …")."""
    low = {w.lower() for w in words}
    return {w1.lower() for (w1, _, o1), (w2, c2, o2) in zip(s.hits, s.hits[1:])
            if w1.lower() in lexicon.QUALIFIERS and c2 == "stance" and w2.lower() in low
            and not s.text[o1 + len(w1):o2].strip()}


def _words_text(s: Sentence, words: set[str]) -> str:
    """The assessment words of a sentence that are in `words`, in the order the sentence has them: words that
    stand together as written ("gravely concerned"), words from apart with a comma ("dynamic, highest")."""
    seen: set[str] = set()
    out, last_end = "", None
    for w, _, off in s.hits:
        if w.lower() in words and w.lower() not in seen:
            seen.add(w.lower())
            if out:
                out += " " if last_end is not None and not s.text[last_end:off].strip() else ", "
            told = " ".join(w.split())          # a negated phrase may span a line break ("no\nprogress")
            if not s.text[:off].strip() and told[1:2].islower():
                told = told[:1].lower() + told[1:]    # capitalised only as the sentence's first word ("Progress")
            out += told
            last_end = off + len(w)
    return out


# ---------------------------------------------------------------------------------------------------- figures

def figures_of(side: list[Sentence], ctx: PairContext) -> list[fig.Figure]:
    """Every figure of one side's sentences, each knowing its sentence's place."""
    return [f for k, s in enumerate(side) for f in fig.figures_in(s.text, ctx, s.running_total, k)]


def figure_signals(old_figs: list[fig.Figure], new_figs: list[fig.Figure]) -> list[Signal]:
    out = []
    for a, b, surety in fig.pair_figures(old_figs, new_figs):
        d = fig.direction(a, b)
        if d == "same":
            continue
        ratio = max(a.value, b.value) / max(min(a.value, b.value), 1e-9)
        size = 0.6 + 0.4 * min(1.0, math.log(ratio) / math.log(3))
        if fig.is_output(a) or fig.is_output(b):
            size *= OUTPUT
        if a.parent is not None and b.parent is not None:
            size *= BREAKDOWN
        out.append(Signal(kind="figure", old=a.quote, new=b.quote, subject=b.noun or a.noun,
                          change=fig.change_text(a, b), direction=d, score=round(size * min(1.0, surety / 1.3), 3)))
    return out


# ---------------------------------------------------------------------------------------------------- recommendations

_CALL = re.compile(
    r"\bI\s+(?:(?:also|further|therefore|again|once again|strongly|continue to|would like to|wish to|renew my|"
    r"reiterate my(?: urgent)?)\s+)*(?P<verb>calls?\s+(?:on|upon|for)|urge|encourage|recommend|appeals?\s+(?:to|for)|"
    r"invite|request)\b\s*(?P<rest>.*)", re.I | re.S)
# A report's named author recommending in the third person: "The Monitoring Team recommends that the Committee
# …", "The Advisory Committee recommends that the General Assembly …", "The Inspectors recommend that …". Only
# "recommend": a body that "requests" or "encourages" in the third person is more often reported than the author.
_AUTHOR_CALL = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w’'-]*\s+(?:(?:of|on)\s+(?:the\s+)?)?){1,5}(?:(?:also|further|therefore|again|"
    r"strongly)\s+)*(?P<verb>recommends?)\s+(?=that\b|to\b)(?P<rest>.*)", re.S)
_ASK_START = re.compile(r"\s(?:to|that)\s+(?=[a-z])")
# "recommend that the Committee consider …": the addressee is the named body after "that", the ask what follows
_THAT_WHO = re.compile(r"^that\s+(?P<who>(?:the\s+)?[A-Z][\w’'-]*"
                       r"(?:\s+(?:(?:of|on|and)\s+(?:the\s+)?)?[A-Z][\w’'-]*)*)\s+(?P<ask>[a-z].*)", re.S)


@dataclass
class Call:
    sentence: Sentence
    verb: str
    addressee: str
    ask: str
    offset: int


# how an addressee starts: "the parties", "all Member States", "donors", "Libyan leaders" (not "adherence to …",
# "restraint", "access for … to …": what is asked, with no one named)
_ADDRESSEE = (r"(?:(?:the|all|both|each|every|relevant|other|international|regional|national|donors|partners|"
              r"parties)\b|[A-Z])")
# a second call in the same sentence: "I encourage the Libyan authorities to continue … and urge the international
# community to scale up funding …". An addressee and "to" must follow, or it is the first call's ask going on
# ("… and encourage dialogue", "… and encourage access for child protection actors to children")
_MORE_CALL = re.compile(r"(?:\sand|;)\s+(?:I\s+)?(?:also\s+)?(?P<verb>calls?\s+(?:on|upon)|urges?|encourages?|"
                        r"appeals?\s+to|invites?)\s+(?P<rest>" + _ADDRESSEE + r"(?:(?!\sto\s).){0,60}?\sto\s.*)",
                        re.S)
_NAMES_SOMEONE = re.compile(_ADDRESSEE)


def _holds_call(text: str) -> bool:
    """The text makes a call: the Secretary-General's ("I urge …") or a named author's ("The Team recommends …")."""
    return bool(_CALL.search(text) or _AUTHOR_CALL.search(text))


def _calls(side: list[Sentence]) -> list[Call]:
    out = []
    for s in side:
        m = _CALL.search(s.text)
        if m:
            out += _calls_of(s, m)
        elif m := _AUTHOR_CALL.search(s.text):
            # a named author's "recommends that the Committee write … and encourage …" asks the Committee both
            addressee, ask = _addressee_and_ask(m.group("rest"))
            out.append(Call(s, m.group("verb").lower(), addressee.strip(" ,"), ask.strip(), m.start()))
    return out


def _calls_of(s: Sentence, m: re.Match) -> list[Call]:
    """The Secretary-General's calls in one sentence: the first, and each further "and urge …" that has an
    addressee and an ask of its own (the first call's ask must have its own "to" or "that" for it to end there)."""
    out = []
    verb, start, offset = m.group("verb"), m.start("rest"), m.start()
    while True:
        rest = s.text[start:]
        more = _MORE_CALL.search(rest)
        if more and not _ASK_START.search(rest[:more.start()]) and not rest.startswith("that"):
            more = None                    # "I urge the Council and encourage the House to agree": one ask, two
        addressee, ask = _addressee_and_ask(rest[:more.start()] if more else rest)
        out.append(Call(s, " ".join(verb.split()).lower(), addressee.strip(" ,"), ask.strip(), offset))
        if not more:
            return out
        verb, start, offset = more.group("verb"), start + more.start("rest"), start + more.start("verb")


def _addressee_and_ask(rest: str) -> tuple[str, str]:
    """What follows the verb of a call → (whom it calls on, what it asks, to its first clause's end): "Member
    States to strengthen …", "that the Committee consider …"."""
    that = _THAT_WHO.match(rest)
    if that:
        addressee, ask = that.group("who"), that.group("ask")
    else:
        cut = _ASK_START.search(rest)
        addressee, ask = (rest[:cut.start()], rest[cut.end():]) if cut else ("", rest)
        if addressee and not _NAMES_SOMEONE.match(addressee):
            addressee, ask = "", rest      # "I urge adherence to the Agreement": the ask, no one named
    return addressee, re.split(r"[,;.]", ask, maxsplit=1)[0]


def _call_similarity(a: Call, b: Call, ctx: PairContext) -> float:
    addr_a = {stem(w) for w, _, _ in content_words(a.addressee)}
    addr_b = {stem(w) for w, _, _ in content_words(b.addressee)}
    addr = len(addr_a & addr_b) / len(addr_a | addr_b) if addr_a | addr_b else 0.0
    ask = _similarity(Sentence("", a.ask, False, frozenset(stem(w) for w, _, _ in content_words(a.ask)), []),
                      Sentence("", b.ask, False, frozenset(stem(w) for w, _, _ in content_words(b.ask)), []), ctx)
    return 0.5 * addr + 0.5 * ask


def recommendation_signals(old: list[Sentence], new: list[Sentence], sim, ctx: PairContext) -> list[Signal]:
    old_calls, new_calls = _calls(old), _calls(new)
    pairs = sorted(((_call_similarity(a, b, ctx), i, j) for i, a in enumerate(old_calls)
                    for j, b in enumerate(new_calls)), reverse=True)
    used_old, used_new, out = set(), set(), []
    for s, i, j in pairs:
        if s < MIN_SENTENCE_SIM or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        a, b = old_calls[i], new_calls[j]
        same_addressee = _word_bag(a.addressee) == _word_bag(b.addressee)
        if _word_row(a.ask) == _word_row(b.ask) and same_addressee:
            continue                       # "the Parties" → "the parties", "all concerned actors" → "all actors
                                           # concerned", "actions" → "action": the same call
        who = b.addressee if same_addressee else f"{a.addressee or 'no one named'} → {b.addressee or 'no one named'}"
        out.append(_call_signal(a, b, f"call{_on(who)}: {_telling(a.ask, b.ask)} → {_telling(b.ask, a.ask)}",
                                "changed", 0.7))
    index = {id(s): k for k, s in enumerate(old)}, {id(s): k for k, s in enumerate(new)}
    for j, b in enumerate(new_calls):
        if j in used_new:
            continue
        made = _made_elsewhere(b, "old", ctx)
        if made is not None:           # the call moved to this paragraph: told if its ask changed
            if not _same_ask(_word_row(made.ask), _word_row(b.ask)):
                out.append(_changed_call(made, b, made.ask, b.addressee))
            continue
        partner = _best_partner(index[1][id(b.sentence)], sim, old, by_row=False)
        if _needed_of(partner, b.addressee):
            out.append(_changed_call(partner, b, _need_ask(partner, b.addressee), b.addressee))
        else:
            out.append(_call_signal(partner, b, f"new call{_on(b.addressee)}: {_short(b.ask)}", "new", 0.65))
    for i, a in enumerate(old_calls):
        if i in used_old or _made_elsewhere(a, "new", ctx) is not None:
            continue                   # made elsewhere in the new edition: told there if it changed
        partner = _best_partner(index[0][id(a.sentence)], sim, new, by_row=True)
        if _needed_of(partner, a.addressee):
            out.append(_changed_call(a, partner, _need_ask(partner, a.addressee), a.addressee, need_is_new=True))
        else:
            out.append(_call_signal(a, partner, f"call dropped{',' if a.addressee else ''}{_on(a.addressee)}: "
                                    f"{_short(a.ask)}", "dropped", 0.5))
    return out


def _changed_call(a, b, other_ask: str, addressee: str, need_is_new: bool = False) -> Signal:
    """A call told as changed against `other_ask` (the other side's call or need, read from `a` or `b`)."""
    old_ask, new_ask = (a.ask, other_ask) if need_is_new else (other_ask, b.ask)
    return _call_signal(a, b, f"call{_on(addressee)}: {_telling(old_ask, new_ask)} → {_telling(new_ask, old_ask)}",
                        "changed", 0.7)


def _made_elsewhere(call: Call, side: str, ctx: PairContext) -> Call | None:
    """The call of the `side` edition, anywhere in it, to the same addressee and asking to do the same (the same
    first word): a call that moved to another paragraph is neither new nor dropped. Read on the Lebanon pair's
    brief: "new call on the Israeli authorities: fulfil their obligations under resolution 1701 (2006) …", made
    in the old edition's ¶80, which the alignment had linked elsewhere; "… to withdraw from northern Ghajar" →
    "… from all areas north of the Blue Line" is that call changed. The likest ask first."""
    who, ask = _word_bag(call.addressee), _word_row(call.ask)
    found = [(len(set(ask) ^ set(row)), k, other) for k, (other, bag, row) in enumerate(_edition_calls(side, ctx))
             if bag == who and ask and row[:1] == ask[:1]]
    return min(found, key=lambda t: t[:2])[2] if found else None


def _same_ask(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same thing asked: the same first word (what is to be done) and at most SAME_CALL other words apart
    ("maintain the arms embargo" / "lift the arms embargo" is a changed call)."""
    return bool(a) and bool(b) and a[0] == b[0] and len(set(a) ^ set(b)) <= SAME_CALL


def _edition_calls(side: str, ctx: PairContext) -> list[tuple[Call, frozenset, tuple[str, ...]]]:
    """Every call of one edition with its addressee's and its ask's stems, read once per comparison (only the
    calls' words are compared: sentences read no further than that)."""
    key = ("calls", side)
    if key not in ctx.cache:
        paras = [p for p in ctx.paragraphs.get(side, []) if _holds_call(p.text)]
        calls = _calls([Sentence(p.id, p.text[a:b], k == 0, frozenset(), [])
                        for p in paras for k, (a, b) in enumerate(sentences(p.text))])
        ctx.cache[key] = [(c, _word_bag(c.addressee), _word_row(c.ask)) for c in calls]
    return ctx.cache[key]


# who a call is on, less the words that name anyone ("all concerned actors", "relevant stakeholders")
_ANYONE = frozenset(stem(w) for w in """all the and other relevant concerned actors parties stakeholders partners
    international community including""".split())


def _named(addressee: str) -> frozenset:
    """The stems that name this addressee, less those that would name anyone."""
    return _word_bag(addressee) - _ANYONE


def _need_ask(sentence: Sentence, addressee: str) -> str:
    """What a sentence of need asks of the addressee: from the first "to" after the words naming it ("… including
    the 5+5 Joint Military Commission, to fully implement the ceasefire agreement" → "fully implement the
    ceasefire agreement"), or the whole sentence."""
    named = _named(addressee)
    first = next((m.end() for m in _WORD.finditer(sentence.text) if stem(m.group(0)) in named), -1)
    to = _ASK_START.search(sentence.text, first) if first >= 0 else None
    return sentence.text[to.end():].rstrip(" .") if to else sentence.text


def _needed_of(sentence: Sentence | None, addressee: str) -> bool:
    """The sentence says what the addressee must do, in other words than a call ("Further steps need to be taken
    by the Libyan authorities, including the 5+5 Joint Military Commission, to …"): the call is then made in
    another form, not new or dropped (read on the Libya pair's brief: "new call on the 5+5 Joint Military
    Commission" where the old edition had said what it must do)."""
    if sentence is None:
        return False
    needs = [off for w, c, off in sentence.hits if c == "necessity" or w.lower() in lexicon.IMPORTANCE]
    named = _named(addressee)
    if not needs or not named:
        return False
    # whose need: the addressee before the need word ("the Commission must …"), or the agent of a passive need
    # ("need to be taken by the Libyan authorities, including …"); not "partners need access to detainees held by
    # the Government"
    before = _word_bag(sentence.text[:needs[0]])
    agent = _PASSIVE_NEED.match(sentence.text, needs[0])
    after = _word_bag(sentence.text[agent.end():agent.end() + 120]) if agent else frozenset()
    return any(len(named & side) * 2 >= len(named) + 1 for side in (before, after))


_PASSIVE_NEED = re.compile(r"\w+\s+to\s+be\s+\w+\s+by\s+")


def _word_row(text: str) -> tuple[str, ...]:
    """The stems of a text's words, in order, in any case: an ask's words in another order ask another thing
    ("from military custody to civilian custody" / "from civilian custody to military custody")."""
    return tuple(stem(w) for w in _WORD.findall(text))


def _word_bag(text: str) -> frozenset:
    """The stems of a text's words, in any order and case (an addressee: "all concerned actors")."""
    return frozenset(_word_row(text))


_WORD = re.compile(r"[^\W_][\w’'-]*")


def _on(addressee: str) -> str:
    """" on Member States", or nothing for a call that names no one ("I urge adherence to the Agreement")."""
    return f" on {addressee}" if addressee else ""


def _best_partner(k: int, sim, other: list[Sentence], by_row: bool) -> Sentence | None:
    """The sentence of the other side most like sentence k, if any is about the same thing."""
    if not other or not sim:
        return None
    scores = sim[k] if by_row else [row[k] for row in sim]
    best = max(range(len(other)), key=lambda x: scores[x])
    return other[best] if scores[best] >= MIN_SENTENCE_SIM else None


def _call_signal(a, b, change: str, direction: str, score: float) -> Signal:
    def side(x):
        if x is None:
            return None
        if isinstance(x, Call):          # the call itself, then as much of its ask as fits
            return quote(x.sentence.text, [x.offset, max(x.offset, x.sentence.text.find(x.ask))])
        return quote(x.text, [off for _, _, off in x.hits][:1])
    sa = a.sentence if isinstance(a, Call) else a
    sb = b.sentence if isinstance(b, Call) else b
    who = (b if isinstance(b, Call) else a).addressee
    return Signal(kind="recommendation", old=side(a), new=side(b), subject=who,
                  change=change, direction=direction,
                  score=score if sa is not None or sb is not None else score * 0.8)


def _telling(ask: str, other: str, words: int = 8) -> str:
    """An ask cut to the words that tell it from the other side's: the window of `words` words holding most words
    the other does not use ("… these vulnerable groups and hold accountable the perpetrators …"), from the start
    when that does as well."""
    ws = ask.split()
    if len(ws) <= words:
        return ask
    theirs = _word_bag(other)
    new = [not _word_bag(w) <= theirs for w in ws]
    start = max(range(len(ws) - words + 1), key=lambda k: (sum(new[k:k + words]), -k))
    return ("… " if start else "") + _short(" ".join(ws[start:]), words)


def _short(s: str, words: int = 8) -> str:
    w = s.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


# ---------------------------------------------------------------------------------------------------- concerns

def concern_signal(paras: list[Paragraph], side: str, ctx: PairContext,
                   sents: list[Sentence] | None = None) -> list[Signal]:
    """A new (side "new") or dropped ("old") subject: its salient terms and its most assessing sentence.

    Scored by the weight of its assessment words and by how new the subject is: one minus the closest any
    paragraph of the other edition comes to it (PairContext.nearest); a fragment (a table cell, a label) weighs
    little. `sents`: the paragraphs' sentences, when the caller has read them."""
    # a call's own grounds ("Given the growing concern that …, the Monitoring Team recommends that …") are told
    # with the call, as a new or dropped recommendation: the concern is read from the other sentences
    sents = [s for s in (_sentences(paras) if sents is None else sents) if not _holds_call(s.text)]
    if not sents:
        return []
    text = " ".join(p.text for p in paras)
    if _label(text, sents):
        return []
    terms = salient_terms(text, ctx, ctx.old_stems if side == "new" else ctx.new_stems, CONCERN_TERMS)
    term_stems = [stem(w) for t in terms for w, _, _ in content_words(t)]
    best = max(sents, key=lambda s: (_concern_weight(s), len(s.stems & set(term_stems)), -sents.index(s)))
    words = {w.lower() for w, c, _ in best.hits if lexicon.WEIGHT[c] >= 0.8} or best.words
    assessed = _words_text(best, words)
    # the closest paragraph of the other edition: 0.1 for a subject it never treats, 0.25 and up for a rewrite
    novelty = min(1.0, max(0.1, (NOVEL_BELOW - max(ctx.nearest(side, p.id) for p in paras)) / 0.3))
    fragment = len(text.split()) < FRAGMENT_WORDS or not any(p.number for p in paras)
    score = (0.35 + _concern_weight(best)) * (0.5 + 0.5 * novelty) * (
        0.3 if fragment else 1.0) * (PAST_EVENT if side == "old" and _past_event(paras, sents, ctx) else 1.0)
    q = quote(_with_next(best, paras), _offsets(best, words, term_stems[:2]))
    subject = ", ".join(terms)
    kind, direction = ("new_concern", "new") if side == "new" else ("dropped_concern", "dropped")
    # the subject as the sentence judges it, else the phrase that holds the salient terms ("Mass roundups of
    # sub-Saharan African migrants", where the terms were "roundups, Tripoli and Sabratah, Saharan African"); both
    # read English sentences ("En deuxième lieu" named a French report's concern): another language keeps its terms
    english = ctx.languages.get(side) in (None, "en")
    named = _concern_name(best, sents, terms) if english else ""
    # "The escalation of military operations — escalation": what the name already says is not said again
    named_words = {w.lower() for w in _WORD.findall(named)}
    assessed = ", ".join(a for a in assessed.split(", ")
                         if a and not {w.lower() for w in _WORD.findall(a)} <= named_words)
    change = f"{direction}: {named or subject}" + (f" — {assessed}" if assessed else "")
    return [Signal(kind=kind, old=None if side == "new" else q, new=q if side == "new" else None,
                   subject=subject, change=change, direction=direction, score=round(score, 3), topic=named)]


# "Progress in this area can help …", "These efforts are …" (and _ANAPHOR's "It remains …", "The group …"): the
# subject is the sentence before's
_REFERS_BACK = re.compile(r"^(?:(?:This|These|That|Those|Such)\b|[\w-]+(?:\s+[\w-]+)?\s+(?:in|on|of)\s+"
                          r"(?:this|that|these|those|such)\b)")
_POINTER = re.compile(r"\b(?:this|these|that|those|such)\b", re.I)


def _concern_name(best: Sentence, sents: list[Sentence], terms: list[str]) -> str:
    """The noun phrase naming a concern: the one its sentence judges, else the one holding its salient terms; where
    the sentence names its subject only by pointing back ("These developments represent …"), the sentence
    before's, and when that has none, its own unless that is the pointer itself (the salient terms then name it)."""
    def name(s: Sentence) -> str:
        return topic_phrase(s.text, s.hits) or key_phrase(s.text, terms)
    before = _antecedent(best, sents)
    named_before = name(before) if before is not None else ""
    if named_before:
        return named_before
    own = name(best)
    return "" if before is not None and _POINTER.search(own) else own


def _antecedent(best: Sentence, sents: list[Sentence]) -> Sentence | None:
    """The sentence before `best` in its paragraph, where `best` names its subject only by pointing back to it ("…
    a ban on some social media platforms. These developments represent a significant infringement …" is about the
    ban: South Sudan, S/2025/211 ¶70)."""
    k = next((k for k, s in enumerate(sents) if s is best), 0)
    if k and sents[k - 1].pid == best.pid and (_REFERS_BACK.match(best.text) or _ANAPHOR.match(best.text)):
        return sents[k - 1]
    return None


def _with_next(best: Sentence, paras: list[Paragraph]) -> str:
    """The concern's sentence, and the one after it in its paragraph when it is short (SHORT_CONCERN) and that one
    makes no call (a call is told as one): the words of the paragraph, as written."""
    para = next((p for p in paras if p.id == best.pid), None)
    if para is None or len(best.text.split()) >= SHORT_CONCERN:
        return best.text
    spans = sentences(para.text)
    for (a, b), (_, end) in zip(spans, spans[1:]):
        if para.text[a:b] == best.text and not _holds_call(para.text[b:end]):
            return para.text[a:end]
    return best.text


def _label(text: str, sents: list[Sentence]) -> bool:
    """A few words that end no sentence and assess nothing: a heading read as text ("Background"), a masthead's
    session and agenda line ("Fifty-second session Agenda item 90"), a rapporteur's name, a table's row ("Malawi
    10 June 1992"), the numbers of its list not counted as words ("Agenda items 24, 62, 67, 80, 110, 132 and
    135"). It says no subject is new or dropped (the lists of new and dropped subjects still show it, by its
    words)."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) < FRAGMENT_WORDS and not text.rstrip().endswith((".", "!", "?", ".”", ".)")) \
        and not any(s.hits for s in sents)


def _concern_weight(s: Sentence) -> float:
    """How much a sentence tells of a concern: its strongest assessment word, or PRAISE_WEIGHT for a sentence that
    praises ("I welcome", "I commend") and voices no concern or worsening. A paragraph that welcomes the truce and
    demands that armed actors withdraw is told by the demand, and a paragraph of praise alone is no new concern
    (read on the gold pairs' briefs: Libya's "I welcome the efforts … to solidify the truce", South Sudan's "I
    commend the sustained engagement of civil society")."""
    poles = {lexicon.polarity(w) for w, _, _ in s.hits}
    if "positive" in poles and not poles & {"concern", "worse"} and not any(c == "level" for _, c, _ in s.hits):
        return PRAISE_WEIGHT           # praise throughout: "I commend … instrumental in de-escalation"
    return max((lexicon.WEIGHT[c] for _, c, _ in s.hits), default=0.0)


def _past_event(paras: list[Paragraph], sents: list[Sentence], ctx: PairContext) -> bool:
    """A removed paragraph of the narrative that no stance word judges: last period's incident (an attack, an
    incursion), which a periodic report leaves behind as a matter of course."""
    return not any(c == "stance" for s in sents for _, c, _ in s.hits) and not any(
        ctx.role("old", p.id) == "observation" for p in paras)


# ---------------------------------------------------------------------------------------------------- entry point

def signals_for(old_paras: list[Paragraph], new_paras: list[Paragraph], kind: str, ops: list[DiffOp] | None,
                ctx: PairContext, diff_signals: list[Signal] | None = None) -> list[Signal]:
    """Every assessment signal of one change (see the module docstring), best first.

    `diff_signals` are the word diff's own signals for the change (signals.signals_from_diff); `ops` is its word
    diff, read to decide whether they are kept (a diff still readable as a redline: a lightly edited paragraph)."""
    if kind == "added":
        sents = _sentences(new_paras)
        return _distinct(concern_signal(new_paras, "new", ctx, sents) + recommendation_signals([], sents, [], ctx))
    if kind == "removed":
        sents = _sentences(old_paras)
        return _distinct(concern_signal(old_paras, "old", ctx, sents) + recommendation_signals(sents, [], [], ctx))
    diff_signals = [_scored(s) for s in (diff_signals or [])] if _readable(ops) else []
    if kind == "unchanged":
        return _distinct(diff_signals)
    old, new = _drop_identical(_sentences(old_paras), _sentences(new_paras))
    sim = [[_similarity(o, n, ctx) for n in new] for o in old]
    limit = min(MAX_JUDGEMENTS, 2 + max(len(old_paras), len(new_paras)))
    old_figs, new_figs = figures_of(old, ctx), figures_of(new, ctx)      # read once, for both uses below
    found = (judgement_signals(old, new, sim, ctx, limit, rewritten=kind == "rewritten")
             + figure_signals(old_figs, new_figs)
             + recommendation_signals(old, new, sim, ctx))
    paired_numbers = {numbers_in(s.old) | numbers_in(s.new) for s in found if s.kind == "figure"}
    kept = [s for s in diff_signals
            if not (s.kind == "figure" and any(numbers_in(s.old) | numbers_in(s.new) <= p for p in paired_numbers))]
    _tell_replaced_figures(kept, old_figs, new_figs)
    return _distinct(sorted(found + kept, key=lambda s: -s.score))


def _tell_replaced_figures(diff_signals: list[Signal], old_figs: list[fig.Figure], new_figs: list[fig.Figure]
                           ) -> None:
    """A word-diff figure signal says where one number replaced another ("… 314 …" → "… 316 …"); where the two,
    read in their whole sentences, count the same thing (the figure signals' own test), it also tells the change:
    "314 → 316 civilian staff (up 1 %)". Read in its clipped quote, a figure loses what it counts."""
    for s in diff_signals:
        replaced = None if s.change else replaced_number(s)
        if replaced is None:
            continue
        a = [f for f in old_figs if numbers_in(f.text) == {replaced[0]}]
        b = [f for f in new_figs if numbers_in(f.text) == {replaced[1]}]
        if len(a) == 1 and len(b) == 1 and fig.pair_score(a[0], b[0]) is not None:
            s.change, s.direction = fig.change_text(a[0], b[0]), fig.direction(a[0], b[0])


def _distinct(signals: list[Signal]) -> list[Signal]:
    """One wording change read twice (a recommendation that is also a judgement or a new concern, a figure that
    is also a hedge) is one signal, the one that tells more (brief.telling_score; the first of equals): the JSON,
    the brief and every view then count the same signals. The order is kept."""
    best: dict[tuple[str, str], tuple[float, Signal]] = {}
    for s in signals:
        key = (" ".join((s.old or "").split()), " ".join((s.new or "").split()))
        weight = telling_score(s)
        if key not in best or weight > best[key][0]:
            best[key] = (weight, s)
    kept = {id(s) for _, s in best.values()}
    return [s for s in signals if id(s) in kept]


READABLE_DIFF = 0.5          # share of a diff's text left unchanged below which its word-level signals are noise


def _readable(ops: list[DiffOp] | None) -> bool:
    """A word diff that still reads as an edit (most of the text kept): its figure, date and hedge hunks are real
    edits. In a rewritten pair they pair words that merely stand in the same place."""
    if not ops:
        return True
    kept = sum(len(t) for op, t in ops if op == "=")
    total = sum(len(t) for op, t in ops if op in ("=", "-", "+"))
    return not total or kept / total >= READABLE_DIFF


def _scored(s: Signal) -> Signal:
    s.score = base_score(s)
    return s
