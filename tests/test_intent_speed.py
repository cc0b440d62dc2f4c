"""The intent layer's shortcuts change its speed, never its answers: the RE2 prefilter only
rules out pattern families that cannot match, and a word alone finds all a word in a sentence
finds (the clause reader's one-lookup test for 'no keyword here' relies on it)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from intents import prefilter, reader
from intents.clauses import CLAUSE_BREAK, split_clauses
from intents.evaluate import read_tsv
from intents.ham import SHARED, ham_rows
from intents.matcher import DEFAULT_KEYWORDS, Keywords
from intents.normalise import fold, tokens
from intents.pipeline import Pipeline
from intents.prefilter import Prefilter, without_lookarounds
from intents.suite import REAL_REPLIES
from intents.training_data import training_pairs

TEST_SET = Path(__file__).resolve().parent.parent / "intents" / "testdata" / "test.tsv"


@functools.cache  # read once for all the tests here; callers never change it
def corpus() -> list[str]:
    """Every message the project can read here: its own data, and the shared sets if present."""
    texts = [text for _, text in training_pairs()] + [text for _, text in read_tsv(TEST_SET)]
    if (SHARED / "SMSSpamCollection").exists():
        texts += [text for _, text in ham_rows()]
    if REAL_REPLIES.exists():
        texts += [text for _, text in read_tsv(REAL_REPLIES)]
    return texts


def clause_text(text: str) -> str:
    """What the reader's pattern families run over: the folded clauses, one per line."""
    return "\n".join(clause.folded for clause in split_clauses(text))


@pytest.mark.skipif(prefilter.re2 is None, reason="google-re2 not installed")
def test_a_family_that_matches_is_never_ruled_out():
    texts = [clause_text(text) for text in corpus()]
    matched = dict.fromkeys(range(len(reader.FAMILIES)), 0)
    for text in texts:
        ruled_out = reader.PREFILTER.ruled_out(text)
        for index, family in enumerate(reader.FAMILIES):
            if family.search(text):
                assert id(family) not in ruled_out, (family.pattern[:60], text)
                matched[index] += 1
    assert all(matched.values()), matched  # every family was put to the test
    ruled = sum(len(reader.PREFILTER.ruled_out(t)) for t in texts) / len(texts)
    assert ruled > len(reader.FAMILIES) / 2  # and it does rule most of them out


def test_the_pipeline_reads_every_message_the_same_with_and_without_it(monkeypatch):
    texts = corpus()[::3]
    with_it = [Pipeline()(text) for text in texts]
    monkeypatch.setattr(reader, "PREFILTER", Prefilter([]))
    without_it = [Pipeline()(text) for text in texts]
    assert with_it == without_it


@pytest.mark.parametrize(
    "pattern, stripped",
    [
        (r"\bstop(?! by)\b", r"\bstop\b"),
        (r"(?<!\byou)\s+and\s+", r"\s+and\s+"),
        (r"a(?=(?:b|c))d", r"ad"),
        (r"x(?! from (?:the |[()] )?list)y", r"xy"),
        (r"\(?!not a group\)", r"\(?!not a group\)"),
        (r"[(?!]z", r"[(?!]z"),
    ],
)
def test_lookarounds_are_dropped_and_nothing_else(pattern, stripped):
    assert without_lookarounds(pattern) == stripped


@pytest.mark.skipif(prefilter.re2 is None, reason="google-re2 not installed")
@pytest.mark.parametrize(
    "text, ruled_out",
    [
        ("please stop texting me", False),
        ("see you at noon", True),
        ("пожалуйста", False),  # not ASCII: RE2's \w and \b would read it differently
        ("see you\vat noon", False),  # spacing RE2's \s reads differently
        ("see you\x1cat noon", False),
    ],
)
def test_only_plain_ascii_text_is_ruled_on(text, ruled_out):
    family = re.compile(r"\bstop\b")
    assert Prefilter([family]).ruled_out(text) == ({id(family)} if ruled_out else frozenset())


@pytest.mark.skipif(prefilter.re2 is None, reason="google-re2 not installed")
def test_families_re2_cannot_read_fail_loudly():
    with pytest.raises(ValueError, match="case-insensitive"):
        Prefilter([re.compile("stop", re.IGNORECASE)])


@pytest.mark.parametrize("keywords", [DEFAULT_KEYWORDS, Keywords({"opt_out": ["Quit2End"], "opt_in": ["Join2Win"]})])
def test_a_word_alone_finds_whatever_it_finds_in_a_sentence(keywords):
    words = {word for text in corpus() for word in tokens(fold(text))}
    found = {word for word in words if keywords.word_intent(word) is not None}
    assert found  # keywords, typos and compounds are among them
    assert all(keywords.word_intent(word, lone=True) is not None for word in found)


def test_the_clause_break_lookahead_changes_no_split():
    # the same alternatives without the leading character test
    plain = re.compile(CLAUSE_BREAK.pattern.removeprefix(r"(?=[.!?;:\n(),/\s-])"), re.IGNORECASE)
    assert plain.pattern != CLAUSE_BREAK.pattern
    texts = corpus() + ["stop - now", "a--b", "x/y", "me and you", "you and me", "this, that (and) more!"]
    assert all(plain.split(text) == CLAUSE_BREAK.split(text) for text in texts)
