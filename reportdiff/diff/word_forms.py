"""Which words can name a subject: nouns, as opposed to verb forms, adjectives and adverbs.

The subject of a new or dropped concern and the reason shown for a successor link are lists of words, and a reader
learns what a paragraph is about from its nouns: "consequences, funds, Afghanistan" says it, "enormous, pose,
attract" does not. `word_forms.json` lists, for the 60,000 most frequent English words, those that are never
nouns and those that end like a verb form but can be nouns ("funding", "bombing", "assembly"); it was built from
lemminflect's lexicon by benchmarks/build_word_forms.py (that lexicon takes half a second to load, this list a few
milliseconds). A word in neither list — a rare or technical word — is judged by its ending, as before.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

WORD_FORMS_FILE = "word_forms.json"
VERB_ENDING = re.compile(r"(?:ed|ing|ly)$", re.IGNORECASE)   # how a word with no entry is judged


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(resources.files(__package__).joinpath(WORD_FORMS_FILE).read_text(encoding="utf-8"))
    return frozenset(data["not_nouns"]), frozenset(data["nouns_with_verb_endings"])


def can_be_noun(word: str) -> bool:
    """Whether a (lower-case or capitalised) English word can be a noun: `can_be_noun("funding")` is True,
    `can_be_noun("attract")` and `can_be_noun("enormous")` are False. Unknown words are nouns unless they end in
    -ed, -ing or -ly."""
    w = word.lower()
    not_nouns, nouns = _lists()
    if w in not_nouns:
        return False
    return w in nouns or not VERB_ENDING.search(w)
