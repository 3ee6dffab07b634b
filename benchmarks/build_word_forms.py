"""Build reportdiff/diff/word_forms.json: which common English words can be nouns.

    .venv/bin/pip install lemminflect && .venv/bin/python benchmarks/build_word_forms.py

A development tool, run by hand when the list should change; the package reads the JSON it writes and never needs
lemminflect (its lexicon takes half a second to load, on every run). Why the list exists: the subject of a new or
dropped concern, and the reason shown for a successor link, are named by nouns — "consequences, funds" says what a
paragraph is about, "enormous, pose, attract" does not. Without a part-of-speech lexicon the code could only guess
from endings ("-ed", "-ing", "-ly"), which wrongly demotes nouns ("funding", "bombing", "assembly") and lets base
verbs and adjectives through ("unite", "attract", "diverse").

For the 60,000 most frequent English words (wordfreq), lower case and alphabetic, lemminflect's lexicon (MIT,
built from the Automatically Generated Inflection Database and the English Wiktionary) gives every part of speech
the written form can have. Written out:
- `not_nouns`: the words it knows only as verbs, adjectives, adverbs and the like;
- `nouns_with_verb_endings`: the words ending in -ed, -ing or -ly that can be nouns (for words missing from both
  lists, the ending is still the guess).
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import wordfreq
from lemminflect import getAllLemmas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.diff.word_forms import VERB_ENDING  # noqa: E402  (the endings the package judges by)

OUT = ROOT / "reportdiff" / "diff" / "word_forms.json"
TOP = 60_000


def main() -> None:
    words = [w for w in wordfreq.top_n_list("en", TOP) if w.isalpha() and w.isascii() and w.islower() and len(w) > 2]
    not_nouns, nouns_with_verb_endings = [], []
    for w in words:
        tags = set(getAllLemmas(w))
        if not tags:
            continue                                 # unknown to the lexicon: the ending decides
        noun = bool(tags & {"NOUN", "PROPN"})
        if not noun:
            not_nouns.append(w)
        elif VERB_ENDING.search(w):
            nouns_with_verb_endings.append(w)
    out = {"built": dt.date.today().isoformat(), "source": f"wordfreq top {TOP} English words, lemminflect lexicon",
           "not_nouns": sorted(not_nouns), "nouns_with_verb_endings": sorted(nouns_with_verb_endings)}
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(not_nouns)} words never nouns, {len(nouns_with_verb_endings)} nouns with verb endings")


if __name__ == "__main__":
    main()
