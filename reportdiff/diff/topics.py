"""What a sentence is about, as a phrase of its own words: the name of a new or dropped concern in the brief.

"new: The suspension of municipal election operations in 11 key municipalities — deeply concerning" tells a reader
what the new edition worries about; "new: casts, suspension, doubt, municipalities" (the paragraph's salient terms,
which stay the fallback) did not, as every review of the briefs found. The phrase is the sentence's subject, read
from its surface: after its frame ("On 19 March, …") and the report's own stance ("I remain deeply concerned about
…"), before its verb or its first comma; only where the report judges it, and never a bare actor.
"""
from __future__ import annotations

import re

from . import lexicon
from .sentences import content_words

# What opens a sentence before what it is about: its date or place frame, a connective, or the report's own stance
# ("I remain deeply concerned about …", "I welcome …"), whose object is then what the sentence is about.
_FRAME = re.compile(r"^(?:(?:On|In|As at|As of|By|Since|From|During|Between|Following|After|Throughout|According to|"
                    r"At|For|To|Under|Upon|Before|Through|Across|Against|Within|Over)\s[^,]{1,80},\s+"
                    r"|(?:As|While|Although|Though|Despite|Given|With|When|Once|Amid|Due to)\s.{1,160}?,\s+"
                    r"(?=(?:the|a|an|its|their|this|these|some|many|all|most|several)\s)"
                    r"|(?:Notably|However|Moreover|Furthermore|Meanwhile|Overall|In addition|In particular|Also),\s+)+")
_STANCE_OPENING = re.compile(r"^(?:I|We)\s+(?:(?:also|further|again|continue to|remain|am|are|was|note with)\s+)*"
                             r"(?:(?:deeply|gravely|seriously|particularly|very|most|greatly)\s+)?"
                             r"(?:concerned|alarmed|troubled|disturbed|encouraged|heartened|appalled|saddened|concern)"
                             r"\s+(?:about|by|at|over|that|with)\s+"
                             r"|^(?:I|We)\s+(?:(?:also|further|again|strongly)\s+)*(?:welcome|commend|condemn|deplore|"
                             r"note|regret|applaud)(?:\s+with\s+(?:\w+\s+)?concern)?(?:\s+that)?\s+"
                             r"|^(?:I|We)\s+(?:(?:also|further|again|still)\s+)*(?P<considers>consider|deem|regard)"
                             r"\s+(?!that\b)")
# what "I consider … essential" (UNDOF's closing formula) says of its object, at the object's end
_JUDGED_AS = re.compile(r"\s+(?:as\s+|to\s+be\s+)?(?:\w+ly\s+)?([a-z]+)(?=\s+(?:for|to|in)\b|$)")
# where a sentence's subject ends: a verb of being, having, continuing or seeming, a modal, or a past tense ("gains
# allowed", "clashes erupted"; not "the continued presence", nor "clashes that occurred", a relative clause)
_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|remains?|remained|continues?|continued|will|would|can|could|"
                   r"may|might|must|should|appears?|appeared|seems?|seemed|led|took|grew|fell|rose|saw|made|became|"
                   r"notes|highlights|recommends|reports|considers|observes|stresses|underlines|indicates|include|"
                   r"includes|began|did|does|do|comes|came|seeks?|[a-z]+ed)\b")
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:also|further|later|again|still|now|increasingly|already|then))+$")
_BEFORE_ADJECTIVE = frozenset("""the a an its their his her our this that these those of and or in on at for with to by
    from which who newly""".split())
_NOT_A_SUBJECT = re.compile(r"^(?:it|this|that|these|those|they|he|she|there|the (?:patrol|mission|report|team|"
                            r"peacekeepers|soldiers|individuals|group|latter|former|secretariat|office|united nations|"
                            r"monitoring team)|united nations|(?:one|two|three|several|some|many|all|other )?member "
                            r"states?)$|^(?:as|while|although|though|despite|given|with|when|once|amid|after|according|"
                            r"at|for|to|if|in|on|from|during|following|notwithstanding|owing|aided|developed|by|since|"
                            r"between|under|within|without|through|based|over|of)\b", re.I)


# a phrase ending on one of these names who acts, not what is judged ("A UNIFIL peacekeeper", "The Libyan National
# Army", "Several Member States"): the salient terms tell the subject better
_ACTORS = frozenset("""peacekeeper peacekeepers soldier soldiers individual individuals forces force personnel member
    members mayor minister representative representatives delegation participants patrol patrols army police
    authorities government team office mission council committee commission secretariat programme states state
    coordinator envoy president rapporteur directorate ministry cabinet mayor general
    days weeks months years hours period time""".split())


def _word_before(text: str, at: int) -> str:
    """The word before position `at`, lower case ("" at the start); a short look back, not the whole text."""
    words = text[max(0, at - 30):at].split()
    return words[-1].lower() if words else ""


def _raw_offset(raw: str, flat: str, at: int) -> int:
    """The position in `raw` of position `at` of `flat` (`raw` with each run of white space one space, and none
    at its ends): the same count of other characters stands before both."""
    wanted = len(flat[:at]) - flat[:at].count(" ")
    seen = 0
    for i, c in enumerate(raw):
        if not c.isspace():
            if seen == wanted:
                return i
            seen += 1
    return len(raw)


def topic_phrase(sentence: str, hits: list[tuple[str, str, int]], words: int = 12) -> str:
    """The noun phrase a sentence is about, as written ("The suspension of municipal election operations in 11 key
    municipalities", "Economic constraints", "The deterioration in the security situation"): after its frame and
    the report's own stance, before its verb or its first comma. `hits`: the sentence's assessment words
    (lexicon.hits). Empty when that phrase is a pronoun, a generic actor ("The patrol"), a single common word, or
    nothing the report judges."""
    flat = " ".join(sentence.split())                      # one space between words: no run to backtrack over
    text = _FRAME.sub("", flat)
    stance = _STANCE_OPENING.match(text)
    text = text[stance.end():] if stance else text
    start = _raw_offset(sentence, flat, len(flat) - len(text))    # where the subject starts, as `hits` count
    verb = next((m.start() for m in _VERB.finditer(text) if _word_before(text, m.start()) not in _BEFORE_ADJECTIVE),
                len(text))
    brk = re.search(r"[,;:(]|\s[–—]\s", text)
    end = min(verb, brk.start() if brk else len(text))
    phrase = _TRAILING_ADVERB.sub("", text[:end].strip().rstrip("."))
    if stance and stance.group("considers"):
        # "the continued presence of UNDOF in the area essential", "the ceasefire as critical for the region"
        said = next((m for m in _JUDGED_AS.finditer(phrase) if lexicon.category(m.group(1))), None)
        phrase = phrase[:said.start()] if said else phrase
    cut = phrase.split()
    if len(cut) > words:              # "… in 11 key municipalities in eastern Libya": to the last "in"/"of" that fits
        ends = [k for k in range(2, words) if cut[k].lower() in ("in", "of", "on", "at", "for", "by")]
        phrase = " ".join(cut[:ends[-1]]) if ends else ""
    if not phrase or _NOT_A_SUBJECT.match(phrase):
        return ""
    if len(content_words(phrase)) < 2 or phrase.split()[0].lower() in ("i", "we", "it", "they", "he", "she", "this",
                                                                       "there"):
        return ""                     # "Progress", "UNDOF", "They expanded …": too little to name a subject
    # what the report judges: the object of its stance, or a subject its verb judges ("… is deeply concerning",
    # "… deteriorated"); a narrative sentence's subject is its actor ("Israel Defense Forces soldiers"), which the
    # salient terms tell better
    judged = stance or any(lexicon.WEIGHT[c] >= 0.8 and off >= start and not sentence[off:off + 1].isupper()
                           for _, c, off in hits)           # "Major General …" is a rank, not a level
    # the head noun: the last word before the first "of"/"in"/"on" ("The mayor of Bayt Lif", "The Ministry of …")
    head = re.split(r"\s(?:of|in|on|for|at|from)\s", phrase)[0].split()[-1].lower()
    if not judged or head.removesuffix("’s").removesuffix("'s") in _ACTORS or all(
            w[:1].isupper() for w in phrase.split()):         # a bare name ("Major General Hassan Audi")
        return ""
    return phrase[:1].upper() + phrase[1:]
