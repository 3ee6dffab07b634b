"""reportdiff._wordfreq reads wordfreq's English list directly; it must agree with wordfreq.zipf_frequency."""
import random

import pytest
import wordfreq

from reportdiff.pdf import _wordfreq


def _english_list():
    return wordfreq.get_frequency_list("en", "large")


def test_every_bucket_above_the_floor_matches_wordfreq():
    buckets = _english_list()
    rng = random.Random(7)
    checked = 0
    for index, bucket in enumerate(buckets):
        words = [w for w in bucket if w.isascii() and w.isalpha()]
        for word in rng.sample(words, min(3, len(words))):
            expected = wordfreq.zipf_frequency(word, "en")
            got = _wordfreq.zipf(word)
            if expected >= _wordfreq.FLOOR:
                assert got == expected, (word, index)
            else:
                assert got == 0.0, (word, index)
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize("word", ["organization", "Organization", "ORGANIZATION", "weaponiza", "tion", "para",
                                  "graph", "counterterrorism", "xqzzt", "a", "I"])
def test_hyphen_rule_words_match_wordfreq(word):
    expected = wordfreq.zipf_frequency(word, "en")
    assert _wordfreq.zipf(word) == (expected if expected >= _wordfreq.FLOOR else 0.0)


def test_words_outside_the_fast_path_go_to_wordfreq():
    for word in ["naïve", "café", "Dа'esh"]:
        assert _wordfreq.zipf(word) == wordfreq.zipf_frequency(word, "en")
    assert _wordfreq.zipf("organisation", "fr") == wordfreq.zipf_frequency("organisation", "fr")


def test_reads_only_down_to_the_floor():
    buckets = _wordfreq._english_buckets()
    assert buckets is not None and 50_000 < len(buckets) < len(wordfreq.get_frequency_dict("en", "large"))
    assert max(buckets.values()) == _wordfreq._LAST_BUCKET


def test_another_wordfreq_layout_falls_back_to_wordfreq(monkeypatch):
    monkeypatch.setattr(_wordfreq, "_BUCKETS", None)
    monkeypatch.setattr(_wordfreq, "_UNAVAILABLE", False)
    monkeypatch.setattr(_wordfreq, "_data_file", lambda name: "/nonexistent/" + name)
    assert _wordfreq.zipf("organization") == wordfreq.zipf_frequency("organization", "en")
    assert _wordfreq._UNAVAILABLE
