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
from .sentences import STOP, content_words, is_name_word, stem
from .word_forms import can_be_noun
from .wordiff import MONTHS_LOWER

# A resolution's verbs that judge what follows them (its operative and preambular forms): its stance, as "I
# welcome …" is the Secretary-General's
_RESOLUTION_JUDGES = {"welcomes": "welcoming", "commends": "commending", "condemns": "condemning",
                      "deplores": "deploring", "stresses": "stressing", "emphasizes": "emphasizing",
                      "underlines": "underlining", "recognizes": "recognizing", "reaffirms": "reaffirming"}

# What opens a sentence before what it is about: its date or place frame ("Shortly after the attack, …"), a
# connective, or the report's own stance ("I remain deeply concerned about …", "I welcome …"), whose object is then
# what the sentence is about.
_FRAME = re.compile(r"^(?:(?:Immediately|Shortly|Soon|Just|Long)\s+(?:after|before|following|upon)\s[^,]{1,80},\s+"
                    r"|(?:On|In|As at|As of|By|Since|From|During|Between|Following|After|Throughout|According to|"
                    r"At|For|To|Under|Upon|Before|Through|Across|Against|Within|Over)\s[^,]{1,80},\s+"
                    r"|(?:Following|After|According to)\s[^,]{81,140},\s+(?=(?:I|we|the|a|an|its|their|some|many)\s)"
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
                             r"\s+(?!that\b)"
                             # a resolution's voice: "Welcomes …", "Stresses the critical importance of …",
                             # "Expressing deep concern at …", "Deeply concerned by …" (its asks, "Decides",
                             # "Requests", "Calls upon", judge nothing: they stay as they are)
                             r"|^(?:(?:Strongly|Also|Further|Again|Deeply|Gravely|Seriously|Firmly)\s+)*"
                             rf"(?:(?:{'|'.join(w.capitalize() for pair in _RESOLUTION_JUDGES.items() for w in pair)})"
                             r"(?:\s+that)?"
                             r"|(?:Expresses|Expressing)\s+(?:its\s+)?(?:(?:deep|grave|serious|strong)\s+)?concern"
                             r"\s+(?:at|about|over|regarding|that)"
                             r"|(?:Concerned|Alarmed|Aware|Conscious|Mindful|Convinced)\s+(?:about|at|by|of|over|that))"
                             r"\s+")
# a clause with a subject of its own ends the phrase: "The crucial and decisive role | that the imposition of
# international sanctions played", "The Prime Minister's comment | that a solution …"; one whose verb follows
# "that" is part of it ("The public unrest that arose from retaliatory attacks")
_CLAUSE_WITH_SUBJECT = re.compile(r"\s(?:that|which)\s+(?:the|a|an|its|their|his|her|this|these|those|some|all|"
                                  r"[A-Z])\b")
# a present tense before its object, which _VERB's list does not hold: "encourages the expectation"
_VERB_BEFORE_OBJECT = re.compile(r"\s([a-z]+e?s)\s+(?:the|a|an|its|their|his|her|this|these|those)\b")
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
    clause = _CLAUSE_WITH_SUBJECT.search(phrase)
    phrase = phrase[:clause.start()] if clause else phrase
    present = _VERB_BEFORE_OBJECT.search(phrase)      # "… by 156 States encourages the expectation"
    phrase = phrase[:present.start()] if present and not can_be_noun(present.group(1)) else phrase
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


# ------------------------------------------------------------------------------------- a phrase of salient terms

# The small words inside a noun phrase ("Code of conduct for armed groups", "Hawl and Rawj camps"); "to" is left
# out: after it comes a purpose ("to promote national ownership"), not more of the subject
_JOINERS = frozenset("of and for on against in with from at by near".split())
_DETERMINERS = frozenset("the a an its their his her this these those that such all some".split())
_PHRASE_TOKEN = re.compile(r"[\w’'\-]+|[^\w\s]")
# a finite verb, which ends a subject whatever its form
_FINITE = frozenset("""is are was were be been being has have had remains remain remained continues continue
    continued will would can could may might must should did does do led took grew fell rose saw made became held
    met sought began came went gave brought said told found kept left set put built won lost threw fled fought shot
    struck drove stole chose spoke wrote ran meant felt paid sent spent stood withdrew overran""".split())
# words that can open a noun phrase though never nouns: adjectives, told by their endings, and the short ones
_ADJECTIVE_ENDING = re.compile(r"(?:al|ic|ous|ive|ent|ant|ful|ble|ary|ory|ile|ing|ed|an|ese|ish|ian|less|ate|ial)$")
_SHORT_ADJECTIVES = frozenset("""new old high low major key main large small great long full poor free open joint
    mass grave serious severe dire clear fresh first second third last late early recent current urgent""".split())
_NOT_OPENING = frozenset("""following including regarding concerning notably particular mostly currently reporting
    taken given whereas whereby albeit""".split())
_NOT_CLOSING = frozenset("due ago alike concerned involved later earlier order".split())   # "… in order"
# people named by their role: a narrative sentence's actor ("a UNIFIL peacekeeper was injured"), never its subject
# (a force, an office or a government can be: "Riverine force", "Interim government")
_PEOPLE = frozenset("""peacekeeper peacekeepers soldier soldiers individual individuals personnel member members
    mayor mayors official officials resident residents participant participants""".split())
KEY_PHRASE_WORDS = 8            # a label, not a clause


def _is_verb_after(word: str, before: str | None) -> bool:
    """Whether `word` acts as a verb (or an adverb) where it stands: a finite verb, an adverb in -ly, or a word
    that is never a noun after a noun ("operations resulted", "the practice undermines"); after a determiner or an
    adjective, -ed and -ing forms are adjectives ("the armed groups", "displaced persons")."""
    w = word.lower()
    if w in _FINITE or (w.endswith("ly") and not word[:1].isupper() and not can_be_noun(word)):
        return True
    if word[:1].isupper() or can_be_noun(word) or w in _SHORT_ADJECTIVES:
        return False
    after_noun = before is not None and before.lower() not in STOP and (can_be_noun(before) or before[:1].isupper())
    return after_noun and (re.search(r"(?:ed|ing|en)$", w) is not None or not _ADJECTIVE_ENDING.search(w))


# The verbs a resolution's operative paragraphs open on ("Recalls paragraph 1 of resolution 2293 …"): the paragraph's
# act, not part of what it is about — those that judge, and those that ask or record
_OPERATIVE = frozenset(_RESOLUTION_JUDGES) | frozenset("""recalls decides requests demands urges calls notes
    encourages reiterates expresses affirms invites authorizes acknowledges takes appeals approves endorses extends
    reminds""".split())


def _noun_runs(sentence: str) -> list[list[str]]:
    """The sentence's stretches of nouns, names and adjectives, joined by the small words of noun phrases: where a
    punctuation mark, a function word, a determiner or a verb stands, a stretch ends (a participle opening a clause
    after a comma is a verb: ", giving ADF complete freedom of movement")."""
    tokens = _PHRASE_TOKEN.findall(sentence)
    runs: list[list[str]] = []
    current: list[str] = []
    opened_by: list[str] = []         # the word before each run ("to" before a purpose)
    previous: str | None = None
    for k, token in enumerate(tokens):
        low = token.lower()
        is_word = bool(re.match(r"[\w’'\-]", token))
        breaks = not is_word or low in _DETERMINERS or (low in STOP and low not in _JOINERS) or (
            low not in _JOINERS and _is_verb_after(token, previous)) or (k == 0 and low in _OPERATIVE) or (
            not current and k and tokens[k - 1] == "," and token.islower() and low.endswith("ing"))
        if breaks:
            if current:
                runs.append(current)
            current = []
            previous = token if is_word and low in _DETERMINERS else None
            continue
        if not current:
            opened_by.append(tokens[k - 1].lower() if k else "")
        current.append(token)
        previous = token
    if current:
        runs.append(current)
    return [run for run, before in zip(runs, opened_by) if before != "to" or run[0][:1].isupper()]


def _cut_at_dates(run: list[str]) -> list[list[str]]:
    """A run cut where a joiner meets another ("and with"), a month or a number ("on 30 June", "of 15")."""
    parts, current = [], []
    for k, token in enumerate(run):
        after = run[k + 1] if k + 1 < len(run) else ""
        if token.lower() in _JOINERS and (after.lower() in _JOINERS or after.lower() in MONTHS_LOWER
                                          or after[:1].isdigit()):
            parts.append(current)
            current = []
            continue
        current.append(token)
    parts.append(current)
    return parts


def _trimmed(run: list[str], opens_sentence: bool = False) -> list[str]:
    """A run as a phrase: from its first word that can open one to its last noun; [] when what is left is no
    subject (a bare name, which the salient terms tell already, or a verb: "Provides for procedures").
    `opens_sentence`: the run is the sentence's first words, its first capitalised as every first word is, not as
    a name."""
    def opens(w: str) -> bool:
        low = w.lower()
        return not (low in STOP or low in _JOINERS or low in MONTHS_LOWER or w[:1].isdigit() or low.endswith("ly")
                    or low in _NOT_OPENING)

    while run and (not opens(run[0]) or (len(run) > 1 and run[1].lower() in _JOINERS
                                         and re.search(r"(?:ed|en)$", run[0].lower()) and not can_be_noun(run[0]))):
        run = run[1:]                  # … and "disrupted by …", a passive's verb
        opens_sentence = False
    while run and (run[-1].lower() in STOP or run[-1].lower() in _JOINERS or run[-1].lower() in _NOT_CLOSING
                   or not re.search(r"[^\W\d_]", run[-1])
                   or not (can_be_noun(run[-1]) or run[-1][:1].isupper())):
        run = run[:-1]
    if not run:
        return []
    first = run[0]
    if not (first[:1].isupper() or can_be_noun(first) or first.lower() in _SHORT_ADJECTIVES
            or _ADJECTIVE_ENDING.search(first.lower())):
        return []                      # "Strengthen coordination …", "Update estimates …": an order, not a subject
    if all(is_name_word(w) or w.lower() in _JOINERS for w in run):
        return []
    head = next((k for k, w in enumerate(run) if w.lower() in _JOINERS - {"and"}), len(run))
    if run[head - 1].lower().removesuffix("’s").removesuffix("'s") in _PEOPLE:
        return []                      # "A UNIFIL peacekeeper", "The mayor of Yatar": who acts, not what happened
    if all((is_name_word(w) and not (k == 0 and opens_sentence)) or w.lower() == "and"
           for k, w in enumerate(run[:head])):
        return []                      # "Nigeria for representatives": a name with a circumstance
    if len(run) > KEY_PHRASE_WORDS:    # to the last joiner that fits: "Code of conduct by military …"
        ends = [k for k in range(2, KEY_PHRASE_WORDS) if run[k].lower() in _JOINERS]
        return _trimmed(run[:ends[-1]], opens_sentence) if ends else []
    return run


def key_phrase(sentence: str, salient: list[str]) -> str:
    """The noun phrase of a sentence that holds most of its paragraph's salient terms (`salient`, the most salient
    first), as written: "Mass roundups of sub-Saharan African migrants" where the terms were "roundups, Tripoli and
    Sabratah, Saharan African". The name of a new or dropped concern when its sentence judges no subject
    (topic_phrase); empty when no phrase of two content words holds a salient term. Its word lists are English:
    the caller asks it of English sentences only (assess.concern_signal, by the edition's language)."""
    weight: dict[str, int] = {}
    for rank, term in enumerate(salient):
        for w, _, _ in content_words(term):
            weight.setdefault(stem(w), len(salient) - rank)

    def words_and_score(phrase: list[str]) -> tuple[int, int]:
        words = [w for w, _, _ in content_words(" ".join(phrase))]
        return len(words), sum(weight.get(stem(w), 0) for w in words)

    best: tuple[tuple[int, int], list[str]] | None = None
    runs = _noun_runs(sentence)
    first_run_opens = bool(runs) and sentence.lstrip().startswith(runs[0][0])
    for n, run in enumerate(runs):
        for m, part in enumerate(_cut_at_dates(run)):
            phrase = _trimmed(part, opens_sentence=first_run_opens and n == 0 and m == 0)
            count, score = words_and_score(phrase)
            if count >= 2 and score > 0 and (best is None or (score, -len(phrase)) > best[0]):
                best = ((score, -len(phrase)), phrase)
    names = [run for run in runs if all(is_name_word(w) or w.lower() in _JOINERS for w in run)]
    if best is None or any(words_and_score(run)[1] > best[0][0] for run in names):
        return ""                      # a name holds more of the salient terms than any phrase: the terms, which
        #                                lead with it, tell it ("Tumaini Initiative, …", not "Opposition groups")
    phrase = best[1]
    # without a circumstance that holds no salient term and names nothing: "Sporadic closures of oil facilities", not
    # "… in the south", but "… polarization in Upper Nile" ("of" and "and" are part of the noun phrase itself)
    for k in range(2, len(phrase)):
        if phrase[k].lower() in _JOINERS - {"of", "and"} and not any(is_name_word(w) for w in phrase[k:]):
            count, score = words_and_score(phrase[:k])
            if count >= 2 and score == best[0][0]:
                phrase = phrase[:k]
                break
    text = " ".join(phrase)
    return text[:1].upper() + text[1:]
