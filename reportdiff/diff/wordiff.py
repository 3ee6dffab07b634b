"""Word-level diffs of two texts, built on diff-match-patch.

Algorithm (the "linesToChars" trick of diff-match-patch, applied to words):
1. Tokenise each text into atoms: dates (`8 December 2024`, `March 2025`), numbers with their separators
   (`3,000`, `2.5`, `2025`), document symbols (`S/2025/72`), words (with inner hyphens and apostrophes:
   `counter-terrorism`, `Da'esh`), runs of whitespace, and single punctuation marks.
2. Map each distinct token to one private character, so each text becomes a short string in which one character
   is one token.
3. Run diff-match-patch on those strings, then `diff_cleanupSemantic` to group scattered one-token edits into
   readable phrases.
4. Map the characters back to tokens and merge adjacent runs with the same op.

Because the diff only ever sees whole tokens, no change can split a word, a number or a date.

Timeout: diff-match-patch stops at `Diff_Timeout` seconds and returns a valid but coarser diff. We bound it
(`DEFAULT_TIMEOUT`, measured: a 2,000-token paragraph rewritten throughout diffs in well under 0.1 s, so the bound
is only hit by pathological input) and report when it was hit through `WordDiff.timed_out`, so a degraded diff is
never silent.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from ..model import DiffOp

DEFAULT_TIMEOUT = 2.0   # seconds per diff; 0 would mean "no limit"

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTHS = "|".join(MONTH_NAMES)                 # for regular expressions
MONTHS_LOWER = frozenset(m.lower() for m in MONTH_NAMES)
_DATE = (rf"\d{{1,2}}(?:\s(?:and|to)\s\d{{1,2}})?\s(?:{MONTHS})(?:\s\d{{4}})?"   # 8 December [2024], 3 to 5 May 2025
         rf"|(?:{MONTHS})\s\d{{1,2}},\s\d{{4}}"                                  # December 8, 2024
         rf"|(?:{MONTHS})\s\d{{4}}")                                             # March 2025
# a document symbol, or a numbered resolution or decision of the General Assembly ("resolution 79/83"): one token,
# so that a changed symbol is one word changed, never a number that changed
_SYMBOL = r"[A-Z]{1,4}(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+|\d+(?:/\d+)+(?![\d/])"  # S/2025/72, S/RES/2734, 79/83
_NUMBER = r"\d+(?:[.,]\d+)*"                                                     # 3,000  2.5  2025
_WORD = r"[^\W\d_]\w*(?:['’\-‐]\w+)*"                                            # Da'esh, north-east, G5
TOKEN_RE = re.compile(rf"(?:{_DATE})(?!\w)|{_SYMBOL}|{_NUMBER}|{_WORD}|\s+|.", re.S)

# Content tokens for similarity scores: words and numbers (a date counts as its parts), no spaces or punctuation.
CONTENT_RE = re.compile(rf"{_NUMBER}|{_WORD}")


def tokenize(text: str) -> list[str]:
    """Split a text into diff atoms; joining the tokens gives the text back unchanged."""
    return TOKEN_RE.findall(text)


def content_tokens(text: str) -> list[str]:
    """The lower-cased words and numbers of a text (no spaces or punctuation), for similarity scoring."""
    return CONTENT_RE.findall(text.lower())


@dataclass
class WordDiff:
    ops: list[DiffOp]
    timed_out: bool = False


class TokenCodec:
    """Maps each distinct token to one character and back, so that texts compare token by token as strings
    (shared by both texts of a diff, or by both editions in `align`)."""

    # Start above ASCII so no token maps to a character diff-match-patch treats specially (newline), and skip the
    # surrogate block, which cannot stand alone in a str.
    _FIRST = 0x100

    def __init__(self) -> None:
        self.chars: dict[str, str] = {}
        self.tokens: list[str] = []

    def encode(self, tokens: list[str]) -> str:
        chars = self.chars
        return "".join([chars.get(t) or self._add(t) for t in tokens])

    def _add(self, token: str) -> str:
        code = self._FIRST + len(self.tokens)
        ch = chr(code + 0x800 if code >= 0xD800 else code)
        self.chars[token] = ch
        self.tokens.append(token)
        return ch

    def decode(self, chars: str) -> str:
        return "".join(self.tokens[self._index(c)] for c in chars)

    def _index(self, ch: str) -> int:
        code = ord(ch)
        if code >= 0xE000:
            code -= 0x800
        return code - self._FIRST


_OP = {diff_match_patch.DIFF_EQUAL: "=", diff_match_patch.DIFF_DELETE: "-", diff_match_patch.DIFF_INSERT: "+"}


def diff_words(old: str, new: str, timeout: float = DEFAULT_TIMEOUT, semantic: bool = True) -> WordDiff:
    """Word-level diff of two texts, with a flag telling whether diff-match-patch hit its timeout.

    `semantic=False` skips the semantic cleanup and keeps the minimal token edits (used to find the small
    changes inside a long rewritten passage)."""
    if old == new:
        return WordDiff([("=", old)] if old else [])
    codec = TokenCodec()
    a, b = codec.encode(tokenize(old)), codec.encode(tokenize(new))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    started = time.monotonic()
    diffs = dmp.diff_main(a, b, checklines=False)
    timed_out = timeout > 0 and time.monotonic() - started >= timeout
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    ops = merge_runs([(_OP[op], codec.decode(chars)) for op, chars in diffs])
    return WordDiff(ops, timed_out)


def word_diff(old: str, new: str, timeout: float = DEFAULT_TIMEOUT) -> list[DiffOp]:
    """Word-level diff of two texts as a list of (op, text), op one of "=", "-", "+"."""
    return diff_words(old, new, timeout).ops


def merge_runs(ops: list[DiffOp]) -> list[DiffOp]:
    """Drop empty runs and merge adjacent runs with the same op."""
    out: list[DiffOp] = []
    for op, text in ops:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def old_text(ops: list[DiffOp]) -> str:
    return "".join(t for op, t in ops if op != "+")


def new_text(ops: list[DiffOp]) -> str:
    return "".join(t for op, t in ops if op != "-")
