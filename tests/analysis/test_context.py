"""The second-interview context reads the analysed answer: the round-one overlap and the career
axis use the tokens the analysis made, so an answer is tokenised once."""

from __future__ import annotations

import unicodedata

import pytest

from coach.analysis import analyze, text
from coach.analysis.context import Context, content_words, word_overlap, words_of
from coach.profile import CareerAxis, Profile, RoundOne

ROUND_ONE = "私の強みは調整力です。前職では営業と製造の間に立ち、納期の調整を担当していました。"
ANSWER = ROUND_ONE + "御社でも再現できます。"  # round one again, nothing new


def profile() -> Profile:
    return Profile(
        round_one=RoundOne(self_pr=ROUND_ONE),
        career_axis=CareerAxis(statement="現場の課題を仕組みで解決する", keywords=["仕組み"]),
    )


def test_an_answer_is_tokenised_once_even_with_a_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    analyze("準備のための文です。")  # load the dictionary first
    content_words.cache_clear()
    seen: list[str] = []
    tokenise = text.MORPHOLOGY.tokens

    def counting(chunk: str) -> list[text.Token]:
        seen.append(chunk)
        return tokenise(chunk)

    monkeypatch.setattr(text.MORPHOLOGY, "tokens", counting)
    analysis = analyze(
        ANSWER,
        category="reproducibility",
        structure="both",
        context=Context(profile=profile()),
    )
    assert "N601" in [f.code for f in analysis.findings]  # the overlap rule did run
    answer = unicodedata.normalize("NFKC", ANSWER)
    # the round-one text is tokenised (once, it is cached); of the answer, each character once
    of_answer = [chunk for chunk in seen if chunk in answer and chunk not in ROUND_ONE]
    assert of_answer, "the answer was never tokenised: the test proves nothing"
    assert sum(len(chunk) for chunk in of_answer) <= len(answer)


def test_analysed_words_compare_like_the_text() -> None:
    tokens = text.tokens(unicodedata.normalize("NFKC", ANSWER))
    assert words_of(tokens) == content_words(ANSWER)
    assert word_overlap(words_of(tokens), ROUND_ONE) == word_overlap(ANSWER, ROUND_ONE)
