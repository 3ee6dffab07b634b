"""Assessment signals: the changed figures, dates and hedging words of a modified paragraph.

An analyst comparing two editions scans for "about 4,000 → between 2,600 and 3,500", "8 December → 15 March 2025"
and "likely → may". These are read off the word diff:
1. Hunks: a run of deletions and insertions, joined across very short unchanged gaps (a space, "and", "of") so
   that "about 4,000" → "between 2,600 and 3,500" is one change, not three.
2. Each hunk is classified by what differs between its two sides: numbers (figure), dates or years (date), words
   of likelihood, attribution or trend (hedge). One hunk can give several signals.
3. Each side is widened by a little unchanged text around the edit ("up to 3,000 fighters" → "up to 4,000
   fighters") and the signal carries a few words of the new text around it as context.
Whole inserted or deleted sentences are not scanned word by word: a long pure insertion says "text added", not
"figure changed"; only short pure insertions/deletions (≤ PURE_EDIT_MAX_WORDS) give signals. A long replacement
(a rewritten passage, or a list of figures the semantic cleanup joined into one change) is diffed again without
cleanup, and only its short edits give signals.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import DiffOp, Signal
from .wordiff import MONTHS, diff_words, merge_runs, new_text, old_text, tokenize

HEDGES = frozenset("""
likely unlikely likelihood probably probable possibly possible may might could can would should will
reportedly allegedly apparently assessed assess assesses believed believe believes estimated expected
appear appears appeared seem seems seemed suggest suggests suggested indicate indicates indicated
remain remains remained continue continues continued continuing persist persists persisted
increase increased increases increasing decrease decreased decreases decreasing decline declined declining
grew grow grows growing rose rise rising fell fall falling stable significant significantly considerable
limited modest unchanged
""".split())
# Words of approximation are part of an estimate: they count as a hedge only when no figure changed with them.
QUANTIFIERS = frozenset("almost nearly about approximately roughly around some many several few most over".split())

# Words after which a number is a reference to a paragraph, footnote or document, not a figure.
_REFERENCE_WORDS = frozenset("para paras paragraph paragraphs footnote footnotes annex annexes chap chapter section "
                             "resolution resolutions page pages p pp no item items".split())
_LIST_REFERENCE_WORDS = frozenset("paras paragraphs footnotes annexes resolutions pages pp items".split())
# A number followed by these is an ordinal ("the 5th meeting"), or a 1990s footnote marker ("5/"): not a figure.
_NOT_FIGURE_AFTER = frozenset("st nd rd th /".split())
_ABBREVIATIONS = frozenset("para paras No no p pp e.g i.e art arts vol chap Mr Ms Dr St Rev Corr Add".split())

PURE_EDIT_MAX_WORDS = 6      # longer pure insertions/deletions are "text added/removed", not signals
LONG_HUNK_WORDS = 8          # a longer change is a rewrite: only the short edits inside it give signals
WIDEN_BEFORE = 2             # unchanged words added before the edit in Signal.old/new
WIDEN_AFTER = 1
CONTEXT_WORDS = 5

_DATE_RE = re.compile(rf"\b(?:{MONTHS})\b|\b(?:19|20)\d\d\b")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_WORD_RE = re.compile(r"\w")
_SHORT_GAP = re.compile(r"\s*(?:[^\W\d_]+\s+)?")     # spaces and at most one word: "about 4,000" -> "between..."


_NUMBER_IN_TEXT = re.compile(r"\d[\d,.]*\d|\d")


def numbers_in(text: str | None) -> frozenset[str]:
    """The numbers a text writes, as written ("1,592", "8.7")."""
    return frozenset(_NUMBER_IN_TEXT.findall(text or ""))


def replaced_number(sig: Signal) -> tuple[str, str] | None:
    """The one number a word diff's figure signal took out and the one it put in its place ("Fiji (146)" →
    "Fiji (148)": ("146", "148")); None for a number only deleted or added, or several changed at once."""
    if sig.kind != "figure" or not sig.old or not sig.new:
        return None
    old, new = numbers_in(sig.old), numbers_in(sig.new)
    gone, came = old - new, new - old
    return (next(iter(gone)), next(iter(came))) if len(gone) == 1 and len(came) == 1 else None


@dataclass
class _Hunk:
    start: int          # index of the first op of the hunk
    end: int            # index after the last op
    old: str
    new: str

    def __post_init__(self) -> None:
        # every test below looks at the tokens of both sides: tokenised once here
        self.old_tokens, self.new_tokens = tokenize(self.old), tokenize(self.new)


def _word_count(tokens: list[str]) -> int:
    return sum(1 for t in tokens if _WORD_RE.search(t))


def _hunks(ops: list[DiffOp]) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "=":
            k += 1
            continue
        start = k
        while k < len(ops):
            op, text = ops[k]
            if op != "=":
                k += 1
            elif k + 1 < len(ops) and _SHORT_GAP.fullmatch(text):
                k += 1      # a very short unchanged gap inside one change
            else:
                break
        end = k
        hunks.append(_Hunk(start, end, old_text(ops[start:end]), new_text(ops[start:end])))
    return hunks


def _figures(tokens: list[str], following: str = "") -> Counter:
    """Figures among a text's tokens: numbers that are not a year, an ordinal, a footnote marker or a reference
    ("resolution 2334", "items 88 and 89", "A/C.4/50/SR.2, 5-7 and 14"; document symbols are single tokens, never
    counted). `following`: the token after the last one."""
    out: Counter = Counter()
    state = _FREE
    for tok, after in zip(tokens, tokens[1:] + [following]):
        if state == _FREE and _NUMBER_RE.match(tok) and not _YEAR_RE.fullmatch(tok) \
                and after.lower() not in _NOT_FIGURE_AFTER:
            out[tok] += 1
        state = _reference_state(state, tok)
    return out


# Where a number stands, read left to right: free (a figure), right after a reference word ("resolution 2334"),
# right after a plural one ("items 88"), or inside a list of references ("items 88, 89 and 90", "SR.2, 5-7").
_FREE, _ONE, _LIST_HEAD, _IN_LIST = "free", "one", "list head", "in list"
_MEETING_RECORD = re.compile(r"/(?:SR|PV)\.\d+(?:-\d+)?$", re.I)   # "A/C.4/50/SR.2": a meeting's record
_LIST_JOINS = (",", "and", "-", "–")


def _reference_state(state: str, token: str) -> str:
    """The state after a token."""
    if _NUMBER_RE.match(token):
        return _IN_LIST if state in (_LIST_HEAD, _IN_LIST) else _FREE
    low = token.lower()
    if _MEETING_RECORD.search(token):
        return _IN_LIST                    # its own number opens the list of meetings
    if low in _LIST_REFERENCE_WORDS:
        return _LIST_HEAD
    if low in _REFERENCE_WORDS:
        return _ONE
    if token.isspace() or token == ".":
        return state                       # "para. 59"
    if token in _LIST_JOINS and state == _IN_LIST:
        return state                       # "items 88, 89": not "170 agenda items, 40 were completed"
    return _FREE


def _dates(tokens: list[str]) -> Counter:
    return Counter(tok for tok in tokens if "/" not in tok and _DATE_RE.search(tok))


def _hedges(tokens: list[str], words: frozenset) -> Counter:
    return Counter(tok.lower() for tok in tokens if tok.lower() in words)


def _is_sentence_end(toks: list[str], k: int) -> bool:
    """Token k ends a sentence (or clause): ; ! ? :, or a full stop that does not close an abbreviation."""
    if toks[k] in ";!?:":
        return True
    return toks[k] == "." and not (k > 0 and toks[k - 1] in _ABBREVIATIONS)


def _edge_words(text: str, n: int, from_end: bool, clause: bool = False) -> str:
    """The last (or first) n words of an unchanged run, not crossing a sentence end (nor a comma: `clause`)."""
    if n <= 0 or not text:
        return ""
    return _edge_pick(tokenize(text), n, from_end, clause)[0]


def _edge_pick(toks: list[str], n: int, from_end: bool, clause: bool = False) -> tuple[str, int | None]:
    """`_edge_words` of tokens, and the index of the token where the picking stopped (a sentence end, or the n-th
    word); None when it ran out of tokens."""
    order = range(len(toks) - 1, -1, -1) if from_end else range(len(toks))
    picked: list[str] = []
    words = 0
    stop = None
    for k in order:
        if _is_sentence_end(toks, k) or (clause and toks[k] == ","):
            stop = k
            break
        picked.append(toks[k])
        if _WORD_RE.search(toks[k]):
            words += 1
            if words >= n:
                stop = k
                break
    if from_end:
        picked.reverse()
    return "".join(picked), stop


REFERENCE_REACH = 200     # characters before a changed number read for its reference word or list


def _new_text_before(ops: list[DiffOp], start: int, reach: int = REFERENCE_REACH) -> str:
    """The new text's last `reach` characters (or a little more) before op `start`: read backwards, so that a long
    paragraph's many changed figures each cost their neighbourhood, not the paragraph."""
    return _text_near(ops[:start], True, reach)[0]


def _text_near(ops: list[DiffOp], from_end: bool, reach: int, side: str = "new") -> tuple[str, bool]:
    """The new text (or the old, `side`) of `ops` nearest the change — their last (`from_end`) or first `reach`
    characters, or a little more, whole ops — and whether that is all of it."""
    left_out = "-" if side == "new" else "+"
    parts: list[str] = []
    size = 0
    for op, text in (reversed(ops) if from_end else ops):
        if op != left_out:
            parts.append(text)
            size += len(text)
            if size >= reach:
                return "".join(reversed(parts) if from_end else parts), False
    return "".join(reversed(parts) if from_end else parts), True


def _is_reference(ops: list[DiffOp], hunk: _Hunk, earlier: str = "") -> bool:
    """The change is a number in a cross-reference ("see para. 59", "resolution 2734", one of "agenda items 18,
    88 and 89", a meeting of "A/C.4/50/SR.2, 5-7 and 14"), not a figure."""
    # the earlier numbers of a list may have changed too; a list of references is shorter than REFERENCE_REACH
    tokens = tokenize((earlier + _new_text_before(ops, hunk.start))[-REFERENCE_REACH:])
    state = _FREE
    for token in tokens:
        state = _reference_state(state, token)
    return state != _FREE


_MONTH_WORD = re.compile(rf"\b(?:{MONTHS})\b")      # the tokenizer keeps "6 and 29 October" as one token


_DAYS_REACH = 80                # characters after a change where the month of its list of days is looked for


def _days_of_a_month(ops: list[DiffOp], hunk: _Hunk) -> bool:
    """Every number of both sides is a day (1-31) that a month follows, after more days: "4, 11 and 16 October"
    (the tokenizer keeps "11 and 16 October" as one token), each side read on in its own text, across the other
    days' changes ("on 1, 7, 9, 10 and 28 October" → "on 6, 8, 9, 10 and 13 October"); an ordinal is no day
    ("the 3rd to 7th meetings, on 6 …")."""
    rest = ops[hunk.end:]
    for changed, side in ((hunk.old_tokens, "old"), (hunk.new_tokens, "new")):
        following = _text_near(rest, False, _DAYS_REACH, side)[0]        # as far as it needs, not the whole rest
        tokens = changed + tokenize(following[:_DAYS_REACH])
        if not all(_is_day(tokens, k) for k, t in enumerate(changed)
                   if _NUMBER_RE.match(t) and "".join(tokens[k + 1:k + 2]).lower() not in _NOT_FIGURE_AFTER):
            return False
    return True


def _is_day(tokens: list[str], k: int) -> bool:
    if not (tokens[k].isdigit() and 1 <= int(tokens[k]) <= 31):
        return False
    rest = (t for t in tokens[k + 1:] if not (t.isspace() or t in (",", "and", "to", "-", "–") or t.isdigit()))
    return bool(_MONTH_WORD.search(next(rest, "")))


def _is_label(ops: list[DiffOp], hunk: _Hunk) -> bool:
    """The change is the number that opens the paragraph or a sentence ("4. Condemns …": an operative paragraph
    of a resolution quoted in the text, renumbered; two of them in a merged paragraph), not a figure: at the start
    or after a full stop or a semicolon, followed by ". " and a capitalised word ("Casualties: 55." is a figure)."""
    before = _new_text_before(ops, hunk.start).rstrip()
    if before and before[-1] not in ".;":        # a resolution's operative paragraphs end in ";"
        return False
    rest = ops[hunk.end:hunk.end + 3]
    for side, side_rest in ((hunk.old, old_text(rest)), (hunk.new, new_text(rest))):
        toks = [t for t in tokenize(side + side_rest) if not t.isspace()]
        if side.strip() and not (_NUMBER_RE.match(toks[0]) and toks[1:2] == ["."] and toks[2:3]
                                 and toks[2][:1].isupper()):
            return False
    return True


def _surroundings(ops: list[DiffOp], hunk: _Hunk, n_before: int, n_after: int,
                  clause: bool = False) -> tuple[str, str]:
    before = ops[hunk.start - 1][1] if hunk.start > 0 and ops[hunk.start - 1][0] == "=" else ""
    after = ops[hunk.end][1] if hunk.end < len(ops) and ops[hunk.end][0] == "=" else ""
    return _edge_words(before, n_before, True, clause), _edge_words(after, n_after, False, clause)


def _context(ops: list[DiffOp], hunk: _Hunk) -> str:
    """A few words of the new text either side of the change (across other changes), within the sentence."""
    middle = hunk.new if hunk.new.strip() else hunk.old
    return _tidy(_near_edge(ops[:hunk.start], True) + middle + _near_edge(ops[hunk.end:], False))


def _near_edge(ops: list[DiffOp], from_end: bool, n: int = CONTEXT_WORDS) -> str:
    """`_edge_words` of the new text of `ops`, read from the side next to the change outwards, only as far as
    it needs: a 400-row troop list with every number changed cost the whole paragraph for each of its figures
    (its signals took 0.91 s, now 0.27 s). The text read grows until the picking stops before its first two
    tokens (the cut may fall inside one): then the words picked are those of the whole text."""
    reach = REFERENCE_REACH
    while True:
        text, whole = _text_near(ops, from_end, reach)
        toks = tokenize(text)
        picked, stop = _edge_pick(toks, n, from_end)
        if whole or (stop is not None and (stop >= 2 if from_end else stop < len(toks) - 2)):
            return picked
        reach *= 4


_LOOSE_EDGES = re.compile(r"^[\s),;:]+|[\s(,;:]+$")


def _tidy(text: str) -> str:
    """Single spaces, no dangling punctuation at either end."""
    return _LOOSE_EDGES.sub("", " ".join(text.split()))


def _side(text: str, before: str, after: str) -> str | None:
    if not text.strip():
        return None
    return _tidy(before + text + after)


def signals_from_diff(ops: list[DiffOp]) -> list[Signal]:
    """The figure, date and hedge changes in a word diff, each with a little context.

    A hunk longer than LONG_HUNK_WORDS, or holding several figures on each side, is a rewritten passage or a
    list: its signals come from the minimal token diff of that passage, keeping only its short edits (a list of
    troop numbers gives one signal per number; a sentence rewritten in other words gives none)."""
    out: list[Signal] = []
    for hunk in _hunks(ops):
        several_figures = min(sum(_figures(hunk.old_tokens).values()), sum(_figures(hunk.new_tokens).values())) > 1
        if max(_word_count(hunk.old_tokens), _word_count(hunk.new_tokens)) <= LONG_HUNK_WORDS and not several_figures:
            out += _classify(ops, hunk)
            continue
        # the unchanged text around the passage stays, so the small edits keep their context
        fine = merge_runs(ops[hunk.start - 1:hunk.start] + diff_words(hunk.old, hunk.new, semantic=False).ops
                          + ops[hunk.end:hunk.end + 1])
        earlier = _new_text_before(ops, max(0, hunk.start - 1))   # the text before the context kept: a reference's word
        for part in _hunks(fine):
            if max(_word_count(part.old_tokens), _word_count(part.new_tokens)) <= LONG_HUNK_WORDS:
                out += _classify(fine, part, earlier)
    return out


def _classify(ops: list[DiffOp], hunk: _Hunk, earlier: str = "") -> list[Signal]:
    """The signals of one short hunk: figure, date and/or hedge, or none. `earlier`: the paragraph's text before
    `ops` (when they are a passage's own diff)."""
    pure = not hunk.old.strip() or not hunk.new.strip()
    # one side is blank, so the words of both are the words of the two added up
    if pure and _word_count(hunk.old_tokens) + _word_count(hunk.new_tokens) > PURE_EDIT_MAX_WORDS:
        return []
    old_toks, new_toks = hunk.old_tokens, hunk.new_tokens
    kinds = []
    after = tokenize(ops[hunk.end][1]) if hunk.end < len(ops) and ops[hunk.end][0] == "=" else []
    following = after[:1]
    changed_figures = _figures(old_toks, "".join(following)) != _figures(new_toks, "".join(following))
    if changed_figures and _days_of_a_month(ops, hunk):
        changed_figures = False            # "between 6 and 29 October" -> "on 4, 11 and 16 October": dates
    if changed_figures and not _is_reference(ops, hunk, earlier) and not _is_label(ops, hunk):
        kinds.append("figure")
    if _dates(old_toks) != _dates(new_toks):
        kinds.append("date")
    hedge_words = HEDGES if "figure" in kinds else HEDGES | QUANTIFIERS
    if _hedges(old_toks, hedge_words) != _hedges(new_toks, hedge_words):
        kinds.append("hedge")
    if not kinds:
        return []
    before, after = _surroundings(ops, hunk, WIDEN_BEFORE, WIDEN_AFTER, clause=True)
    context = _context(ops, hunk)
    old, new = _side(hunk.old, before, after), _side(hunk.new, before, after)
    return [Signal(kind=kind, old=old, new=new, context=context) for kind in kinds]
