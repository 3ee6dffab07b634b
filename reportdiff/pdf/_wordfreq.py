"""wordfreq's English Zipf frequencies without importing wordfreq.

`import wordfreq` (langcodes, ftfy, regex, its tokenizer) and its first lookup (a 321,000-entry dict built in
Python) take about 0.2 s — in each of the two processes that read a pair of editions, a fifth of a cold
comparison of two 15-page reports. The line-end hyphen rule only asks whether a plain word's Zipf value reaches
2.0 or 3.0, so this module reads wordfreq's own English list (its "cBpack" file: a gzipped msgpack list whose
n-th element holds the words at -n centibels, see `wordfreq.read_cBpack`) only down to `FLOOR`, about 96,000
words, in ~25 ms.

`zipf(word)` equals `wordfreq.zipf_frequency(word, "en")` for every plain ASCII word at or above FLOOR and is 0.0
below it; `tests/test_wordfreq.py` checks that against wordfreq itself. Any other word, another language, or a
wordfreq whose files look different is handed to wordfreq.
"""
from __future__ import annotations

import importlib.util
import math
import os
import zlib

#: Lowest Zipf value told apart from "rare": words below it come out as 0.0.
FLOOR = 2.0
# Bucket n of the list holds the words at -n centibels, i.e. Zipf 9 - n/100.
_LAST_BUCKET = round((9 - FLOOR) * 100)

_BUCKETS: dict[str, int] | None = None
_UNAVAILABLE = False


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of `word` as wordfreq gives it (see the module's note on FLOOR)."""
    if lang == "en" and word.isascii() and word.isalpha():
        buckets = _english_buckets()
        if buckets is not None:
            bucket = buckets.get(word.lower())
            return 0.0 if bucket is None else _bucket_zipf(bucket)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def _bucket_zipf(bucket: int) -> float:
    """The Zipf value wordfreq reports for a one-token word in this bucket, computed the way it does (the
    frequency rounded to three significant digits, then the Zipf value to two decimals)."""
    freq = 1.0 / (1.0 / 10 ** (-bucket / 100))
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def _english_buckets() -> dict[str, int] | None:
    """word → bucket for the English list's buckets 0.._LAST_BUCKET, read once; None if the file is not usable."""
    global _BUCKETS, _UNAVAILABLE
    if _BUCKETS is None and not _UNAVAILABLE:
        try:
            _BUCKETS = _read_buckets(_data_file("large_en.msgpack.gz"), _LAST_BUCKET)
        except Exception:     # another wordfreq layout or format: fall back to wordfreq itself
            _UNAVAILABLE = True
    return _BUCKETS


def _data_file(name: str) -> str:
    spec = importlib.util.find_spec("wordfreq")     # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("wordfreq is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "data", name)


def _read_buckets(path: str, last: int) -> dict[str, int]:
    """Stream the gzipped msgpack list and stop after bucket `last`: the rarer words are most of the file."""
    import msgpack     # wordfreq's own dependency

    with open(path, "rb") as fh:
        raw = fh.read()
    inflate = zlib.decompressobj(wbits=31)            # gzip framing
    unpacker = msgpack.Unpacker(raw=False)
    words: dict[str, int] = {}
    items = bucket = None                             # list length, index of the next bucket (-1: the header)
    pos = 0
    while True:
        if pos >= len(raw):
            if items is None:
                raise ValueError("empty word list")
            return words                              # the whole list is above the floor
        unpacker.feed(inflate.decompress(raw[pos:pos + (1 << 16)]))
        pos += 1 << 16
        try:
            while True:
                if items is None:
                    items, bucket = unpacker.read_array_header(), -1
                    continue
                value = unpacker.unpack()
                if bucket == -1:
                    if not isinstance(value, dict) or value.get("format") != "cB" or value.get("version") != 1:
                        raise ValueError(f"unexpected word list header {value!r}")
                else:
                    words.update(dict.fromkeys(value, bucket))
                bucket += 1
                if bucket > last or bucket >= items - 1:
                    return words
        except msgpack.OutOfData:
            continue
