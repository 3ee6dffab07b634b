"""Word-level diffs: whole tokens only, numbers and dates atomic, texts rebuilt exactly, timeouts reported."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.diff.wordiff import diff_words, merge_runs, new_text, old_text, tokenize, word_diff


def changed(ops, op):
    return [t for o, t in ops if o == op]


def test_tokenize_round_trips_and_keeps_atoms_whole():
    text = "Da'esh kept up to 3,000 fighters (S/2025/72) on 8 December 2024 and 2.5 per cent in north-east Syria."
    toks = tokenize(text)
    assert "".join(toks) == text
    for atom in ("Da'esh", "3,000", "S/2025/72", "8 December 2024", "2.5", "north-east"):
        assert atom in toks


def test_changed_word_is_replaced_whole_never_split():
    ops = word_diff("The terrorist group regrouped.", "The terrorism threat regrouped.")
    assert changed(ops, "-") == ["terrorist group"]
    assert changed(ops, "+") == ["terrorism threat"]


def test_numbers_are_atomic():
    ops = word_diff("Da'esh maintained up to 3,000 fighters.", "Da'esh maintained up to 3,500 fighters.")
    assert changed(ops, "-") == ["3,000"]
    assert changed(ops, "+") == ["3,500"]


def test_decimal_and_year_are_atomic():
    ops = word_diff("A rise of 2.5 per cent in 2024.", "A rise of 2.8 per cent in 2025.")
    assert "2.5" in changed(ops, "-") and "2.8" in changed(ops, "+")
    assert all("." not in t or t in ("2.5", "2.8") for t in changed(ops, "-") + changed(ops, "+"))


def test_dates_are_atomic():
    ops = word_diff("The attack of 8 December 2024 was claimed.", "The attack of 9 December 2024 was claimed.")
    assert changed(ops, "-") == ["8 December 2024"]
    assert changed(ops, "+") == ["9 December 2024"]


def test_semantic_cleanup_groups_a_rewritten_phrase():
    ops = word_diff("The group is likely to remain active in the border areas.",
                    "The group may well stay active in the border areas.")
    assert len(changed(ops, "-")) == 1 and len(changed(ops, "+")) == 1


def test_identical_and_empty_texts():
    assert word_diff("Same text.", "Same text.") == [("=", "Same text.")]
    assert word_diff("", "") == []
    assert word_diff("", "New.") == [("+", "New.")]
    assert word_diff("Old.", "") == [("-", "Old.")]


def test_merge_runs_joins_adjacent_same_ops_and_drops_empty():
    assert merge_runs([("=", "a"), ("=", " b"), ("-", ""), ("+", "c"), ("+", "d")]) == [("=", "a b"), ("+", "cd")]


def test_timeout_is_reported_and_the_diff_still_rebuilds_both_texts():
    words = [f"w{k}" for k in range(4000)]
    a = " ".join(words[::2])
    b = " ".join(reversed(words[1::2]))
    result = diff_words(a, b, timeout=0.01)
    assert result.timed_out
    assert old_text(result.ops) == a and new_text(result.ops) == b


def test_no_timeout_flag_on_an_ordinary_paragraph():
    result = diff_words("The situation remained tense in the north.", "The situation remains tense in the north.")
    assert not result.timed_out


_text = st.lists(st.sampled_from(["ISIL", "fighters", "3,000", "2.5", "8 December 2024", "March 2025", "the",
                                  "north-east", "Da'esh", ",", ".", " ", "  ", "(S/2025/72)", "likely", "é"]),
                 max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(_text, _text)
def test_diff_rebuilds_both_texts_and_never_splits_a_token(a, b):
    ops = word_diff(a, b)
    assert old_text(ops) == a and new_text(ops) == b
    assert all(ops[k][0] != ops[k + 1][0] for k in range(len(ops) - 1))
    # every op boundary is a token boundary of the side(s) it belongs to
    for side, keep in ((a, "-"), (b, "+")):
        bounds, pos = {0}, 0
        for tok in tokenize(side):
            pos += len(tok)
            bounds.add(pos)
        pos = 0
        for op, text in ops:
            if op in ("=", keep):
                pos += len(text)
                assert pos in bounds


def test_a_comparison_reports_a_diff_that_hit_the_timeout(monkeypatch):
    from reportdiff.diff import wordiff
    from reportdiff.diff.comparison import compare_editions
    from reportdiff.model import Edition, Paragraph

    words = [f"w{k}" for k in range(3000)]
    old_text = " ".join(words)
    new_text = " ".join(w if k % 3 else "x" + w for k, w in enumerate(words))      # linked, but edited throughout
    monkeypatch.setattr(wordiff, "DEFAULT_TIMEOUT", 0.001)

    def edition(text: str) -> Edition:
        return Edition(symbol=None, date=None, title="t", pages=1,
                       paragraphs=[Paragraph(id="1", number="1", section=None, text=text)])

    c = compare_editions(edition(old_text), edition(new_text))
    (change,) = c.changes
    assert change.kind == "modified"
    assert any("time limit" in w for w in c.warnings)
    assert "".join(t for op, t in change.diff if op != "-") == new_text
