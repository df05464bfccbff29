"""Any Unicode string gives a result or a clean CoachError, never another exception."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.analysis import analyze
from coach.errors import CoachError
from coach.sanitize import clean

STRUCTURES = st.sampled_from(["prep", "ari", "both", "reverse"])
JAPANESE = st.text(
    alphabet=st.sampled_from(
        list(
            "。、！？「」・\n 私はをにがでしたです前職年月件名%％０１２３一二三例えば特にありません結果工夫"
        )
    ),
    max_size=300,
)


def check(text: str, structure: str) -> None:
    try:
        analysis = analyze(text, structure=structure, question=text[:20] or None)
    except CoachError:
        assert not clean(text).strip()  # empty once control characters are removed
        return
    data = analysis.to_json()
    json.dumps(data, ensure_ascii=False)
    assert 0 <= data["score"] <= 100
    for f in data["findings"]:
        assert f["sentence"] is None or 0 <= f["sentence"] < len(data["sentences"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), STRUCTURES)
def test_any_unicode(text: str, structure: str) -> None:
    check(text, structure)


@settings(max_examples=300, deadline=None)
@given(JAPANESE, STRUCTURES)
def test_japanese_like_noise(text: str, structure: str) -> None:
    check(text, structure)


def test_extremes() -> None:
    samples = [
        "😀" * 1000,
        "\x00\x01\x1b[31m\x7f",
        "。。。！？！？、、、",
        "あ" * 1_000_000,  # 1 MB of one character, no sentence end
        "Aa1 " * 50_000 + "。",
        "\u200b\u200d\ufeff\u202e",
        "前職で" + "、" * 5000 + "担当しました。",
    ]
    for text in samples:
        check(text, "both")
