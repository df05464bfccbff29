"""Each sentence is tokenised once: the follow-up planner and the relevance check read the
tokens the element stage made (issue 16: re-tokenising cost a batch 40%)."""

from __future__ import annotations

from typing import Any

import pytest

from coach.analysis import analyze, text
from coach.followup import plan_follow_up

ANSWER = (
    "前職では物流倉庫の出荷チームで班長をしていました。"
    "繁忙期に誤出荷が月に12件まで増えたので、まずピッキングの動線を一週間かけて記録しました。"
    "そのうえで、似た品番の棚を離して配置し直しました。"
    "翌月には誤出荷が3件に減り、その配置は他の倉庫でも使われています。"
)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = text._Morphology._chunk

    def chunk(tokenizer: Any, part: str, pos_cache: dict[int, tuple[str, ...]]) -> Any:
        seen.append(part)
        return real(tokenizer, part, pos_cache)

    monkeypatch.setattr(text._Morphology, "_chunk", staticmethod(chunk))
    return seen


def test_the_follow_up_planner_reads_the_analysed_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    analyze("準備のための文です。")  # load the dictionary first
    seen = _counting(monkeypatch)
    analysis = analyze(ANSWER, category="problem-solving")
    assert seen, "the answer was never tokenised: the test proves nothing"
    before = len(seen)
    follow_up = plan_follow_up(analysis, "仕事で直面した課題と、その解決方法を教えてください。")
    assert follow_up is not None
    again = [part for part in seen[before:] if any(part in s.text for s in analysis.sentences)]
    assert again == [], f"sentences tokenised a second time: {again}"


def test_the_kept_tokens_are_bounded_and_cannot_be_changed_by_a_reader() -> None:
    first = text.tokens("売上が二割増えました。")
    first.clear()  # a reader that edits its list does not edit the next reader's
    assert text.tokens("売上が二割増えました。")
    for k in range(text._SEEN_MAX + 50):
        text.tokens(f"{k}件の問い合わせに答えました。")
    assert len(text.MORPHOLOGY._seen) <= text._SEEN_MAX
    long = "あ" * (text._SEEN_CHARS + 1)
    text.tokens(long)
    assert long not in text.MORPHOLOGY._seen  # whole documents are not kept
