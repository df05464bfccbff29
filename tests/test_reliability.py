"""Text from outside never loses an answer (issue 11, items 1, 11, 12 and 13).

The fuzz at the end sends a few thousand generated answers with every kind of hostile text
through the installed `coach check --batch --json`, as a script would, and checks that every
line is answered, in order, without a traceback.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from coach.analysis import analyze
from coach.analysis.text import MAX_ANSWER, MAX_SENTENCE
from coach.banks import load_catalog
from coach.checking import read_batch, write_batch_json

from support import coach_executable, subprocess_env

ANSWER = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _run_batch(
    tmp_path: Path, lines: list[str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """The installed coach on a batch file whose lines are written exactly as given."""
    path = tmp_path / "batch.jsonl"
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return subprocess.run(
        [coach_executable(), "check", "--batch", str(path), "--json", *args],
        capture_output=True,
        env=subprocess_env(tmp_path / "home"),
        timeout=timeout,
    )


def _results(out: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.stdout.decode("utf-8").split("\n") if line]


def _line(id: str, answer_json: str, **extra: str) -> str:
    """A JSON line with the answer given as raw JSON string text (so it can hold a \\ud800
    escape, which Python's json.dumps would not write for a str)."""
    fields = "".join(f', "{k}": {json.dumps(v, ensure_ascii=False)}' for k, v in extra.items())
    return f'{{"id": "{id}", "answer": "{answer_json}"{fields}}}'


# --- item 1: a lone surrogate ------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_lone_surrogate_in_one_line_is_repaired_and_every_line_answered(
    tmp_path: Path, jobs: str
) -> None:
    count = 3 if jobs == "1" else 240  # 240: over PARALLEL_FROM, so workers run it
    bad = {1, count - 2}
    lines = [
        _line(f"a{i}", "私は\\ud800リーダーでした。売上を\\udfff2割伸ばしました。")
        if i in bad
        else json.dumps({"id": f"a{i}", "answer": ANSWER}, ensure_ascii=False)
        for i in range(count)
    ]
    out = _run_batch(tmp_path, lines, "-j", jobs)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert out.stderr == b""
    results = _results(out)
    assert [r["id"] for r in results] == [f"a{i}" for i in range(count)]
    repaired = results[1]
    assert repaired["sentences"][0]["text"] == "私は\ufffdリーダーでした。"
    assert repaired["labels"]["quantified"] is True  # analysed, not skipped


def test_a_lone_surrogate_in_the_id_and_question_is_repaired(tmp_path: Path) -> None:
    line = '{"id": "x\\ud800", "question": "\\udc00強みは？", "answer": "私の強みは調整力です。"}'
    out = _run_batch(tmp_path, [line])
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert _results(out)[0]["id"] == "x\ufffd"


def test_a_line_separator_inside_an_answer_does_not_split_the_json_line(tmp_path: Path) -> None:
    # JSON allows U+2028, U+2029 and U+0085 unescaped in a string; str.splitlines cuts there
    answer = "結論です。\u2028理由は二つあります。\x85以上です。\u2029"
    out = _run_batch(tmp_path, [json.dumps({"id": "s", "answer": answer}, ensure_ascii=False)])
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    [result] = _results(out)
    assert result["id"] == "s"
    assert [s["text"] for s in result["sentences"]] == [
        "結論です。",
        "理由は二つあります。",
        "以上です。",
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "b", "answer": "途中で切れた', ":3: JSON として読めません"),
        (
            '{"answer": "id のない回答です。"}',
            ":3: id（結果と回答を対応させる文字列か数値）がありません",
        ),
        ('{"id": "  ", "answer": "空の id です。"}', ":3: id が空です"),
        ('{"id": "b", "answer": "\\u001b[31m\\u0000\\u202e"}', ":3: answer が空です"),
    ],
)
def test_one_bad_line_is_one_error_line_naming_file_and_line(
    tmp_path: Path, bad: str, message: str
) -> None:
    good = json.dumps({"id": "g", "answer": ANSWER}, ensure_ascii=False)
    out = _run_batch(tmp_path, [good, good.replace('"g"', '"h"'), bad, good.replace('"g"', '"i"')])
    assert out.returncode == 2
    assert out.stdout == b""  # checked before any answer is analysed: no half output
    stderr = out.stderr.decode("utf-8")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert f"batch.jsonl{message}" in stderr


def test_unknown_category_names_the_line_and_shows_the_repaired_name(tmp_path: Path) -> None:
    bad = '{"id": "b", "category": "\\ud800存在しない", "answer": "回答です。"}'
    out = _run_batch(tmp_path, [bad])
    assert out.returncode == 2
    stderr = out.stderr.decode("utf-8")
    assert "batch.jsonl:1: " in stderr and "\ufffd存在しない" in stderr and "\\ud800" not in stderr


# --- item 11: bounded time on huge input -----------------------------------------------------


def test_a_sentence_of_100000_digits_is_analysed_in_bounded_time() -> None:
    analyze("準備です。")  # load SudachiPy and the lexicon outside the measurement
    for text in ("1" * 100_000 + "。", "１" * 10_000, "٣" * 10_000, "1," * 20_000, "去" * 50_000):
        start = time.perf_counter()
        analysis = analyze(text)
        elapsed = time.perf_counter() - start
        assert elapsed < 3.0, (text[:5], elapsed)  # was 28 s for 100,000 digits, 2.7 s for 10,000
        assert analysis.chars == len(text)


def test_an_answer_over_the_limit_is_read_up_to_it_and_the_user_is_told() -> None:
    sentence = "私は前職で営業として、毎月30社を訪問し、提案書を作りました。"
    text = sentence * (MAX_ANSWER // len(sentence) + 50)
    analysis = analyze(text)
    assert analysis.chars == len(text)  # the length judgment sees the whole answer
    read = "".join(s.text for s in analysis.sentences)
    assert MAX_ANSWER - MAX_SENTENCE <= len(read) <= MAX_ANSWER
    assert read.endswith("。")  # cut at a sentence end, not inside a sentence
    [note] = [f for f in analysis.findings if f.code == "D407"]
    assert f"{MAX_ANSWER:,}" in note.message and f"{len(text) - len(read):,}字" in note.message
    assert note.level == "warning"
    short = analyze(text[: MAX_ANSWER - 10])
    assert all(f.code != "D407" for f in short.findings)


def test_the_limit_is_documented_in_the_readme() -> None:
    from support import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 回答をチェックする: `coach check`")[1].split("\n## ")[0]
    assert f"{MAX_ANSWER:,}" in section and "D407" in section


# --- item 12: repair precedes analysis -------------------------------------------------------


def test_escape_sequences_and_controls_make_no_difference_to_the_analysis() -> None:
    dirty = (
        "\u202e私の強みは\x1b[31m調整力\x1b[0mです。\x00というのも、前職で営業と製造の間に入り、"
        "納期の調整を任されていたからです。\r\n\x1b]0;title\x07その結果、\u2066納期を守りました。"
    )
    tidy = (
        "私の強みは調整力です。というのも、前職で営業と製造の間に入り、"
        "納期の調整を任されていたからです。\nその結果、納期を守りました。"
    )
    assert analyze(dirty).to_json() == analyze(tidy).to_json()
    colour = analyze("\x1b[31m\x1b[1;42m赤い字で書きました。\x1b[0m")
    assert colour.labels["quantified"] is False  # the digits of \x1b[31m are no number


def test_no_control_or_bidi_character_reaches_sudachipy(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.analysis import text as text_module

    seen: list[str] = []
    real = text_module.MORPHOLOGY.tokens

    def record(text: str) -> Any:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(text_module.MORPHOLOGY, "tokens", record)
    analyze("\x1b[2J前職\x07で\u202e営業\ud800を\x7f担当\u200fしました。\x9b1m結果\x85です。")
    assert seen
    for text in seen:
        assert not any(ord(ch) < 0x20 and ch not in "\n\t" for ch in text)
        assert not any(0x7F <= ord(ch) <= 0x9F for ch in text)
        assert not set(text) & set(BIDI)
        text.encode("utf-8")


# --- item 13: -j 1 streams ---------------------------------------------------------------------


class _Recorder(io.StringIO):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def write(self, s: str) -> int:
        self.log.append("write")
        return super().write(s)


def test_one_process_batch_writes_each_result_before_analysing_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach import checking

    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(json.dumps({"id": i, "answer": ANSWER}) + "\n" for i in range(5)),
        encoding="utf-8",
    )
    catalog = load_catalog()
    items = read_batch(path, catalog)
    log: list[str] = []
    real = checking.analyze

    def counted(*args: Any, **kwargs: Any) -> Any:
        log.append("analyse")
        return real(*args, **kwargs)

    monkeypatch.setattr(checking, "analyze", counted)
    out = _Recorder(log)
    write_batch_json(items, catalog, out, jobs=1)
    # streamed: output never waits for the whole batch (100,000 answers held 356 MB)
    assert log == ["analyse", "write"] * 5
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == list(range(5))


# --- the fuzz ---------------------------------------------------------------------------------

BASE = [
    "私の強みは調整力です。",
    "前職では営業と製造の間に立ち、納期の調整を任されていました。",
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直しました。",
    "その結果、追加の受注を3件いただきました。",
    "理由は、現場の声を直接聞くことを大切にしているからです。",
    "御社では、入社後にどのような役割を期待されていますか。",
    "失敗から学んだのは、早めに相談することの大切さです。",
    "えーと、正直なところ、特にありません。",
]


def _surrogate(r: random.Random) -> str:
    return r.choice(["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00"])


def _control(r: random.Random) -> str:
    return r.choice(
        [
            "\x1b[31m",
            "\x1b[0m",
            "\x1b[2J",
            "\x1b]0;title\x07",
            "\x1b]8;;https://evil.example\x1b\\",
            "\x1b]",
            "\x07",
            "\x08",
            "\x0b",
            "\x0c",
            "\r",
            "\r\n",
            "\x7f",
            "\x85",
            "\x9b1m",
            "\x1b",
            "\u2028",
        ]
    )


KINDS: dict[str, Any] = {
    "surrogate": _surrogate,
    "control": _control,
    "bidi": lambda r: r.choice(BIDI),
    "nul": lambda r: "\x00" * r.randint(1, 3),
    "markup": lambda r: r.choice(
        ["[bold]", "[/]", "[red]", "[/red]", "[link=https://x.example]", "\\[", "[", "]", "[/bold"]
    ),
    "quotes": lambda r: r.choice(["「", "『", "」", "』", "（", "【", '"', "“", "「「『"]),
    "fullwidth": lambda r: "".join(
        r.choice("０１２３４５６７８９％，．") for _ in range(r.randint(1, 30))
    ),
    "emoji": lambda r: r.choice(["😀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "❤️", "🙇‍♂️", "\ufe0f", "\u200d"]),
    "combining": lambda r: r.choice(
        ["\u0301", "\u3099", "\u309a", "e\u0301", "か\u3099", "\u20dd"]
    ),
}
_SURROGATES = re.compile("[\ud800-\udfff]")
HUGE_LINES = 12  # 100,000-character answers (each read up to MAX_ANSWER)


def _answer(r: random.Random, kind: str) -> str:
    parts: list[str] = []
    for sentence in r.sample(BASE, r.randint(1, 5)):
        for _ in range(r.randint(1, 3)):
            at = r.randint(0, len(sentence))
            sentence = sentence[:at] + KINDS[kind](r) + sentence[at:]
        parts.append(sentence)
    return "".join(parts)


def _huge(r: random.Random, n: int) -> str:
    style = n % 4
    if style == 0:
        return "1" * 100_000
    if style == 1:
        return "".join(r.choice("0123456789０１２３") for _ in range(100_000))
    if style == 2:  # one sentence, no punctuation, every kind mixed in
        pieces = [r.choice(BASE).rstrip("。")]
        while sum(map(len, pieces)) < 100_000:
            pieces.append(KINDS[r.choice(list(KINDS))](r) + r.choice(BASE).rstrip("。"))
        return "".join(pieces)[:100_000]
    return (r.choice(BASE) * 5_000)[:100_000]


def fuzz_lines(seed: int = 11, per_kind: int = 225) -> tuple[list[str], dict[str, str]]:
    """JSON lines (as raw text: json.dumps writes a lone surrogate as a \\ud800 escape, which
    is exactly the input that used to abort the batch) and the kind of each id."""
    r = random.Random(seed)
    kinds: dict[str, str] = {}
    answers: list[tuple[str, str]] = []
    for kind in KINDS:
        for i in range(per_kind):
            answers.append((f"{kind}-{i:04d}", _answer(r, kind)))
    for i in range(HUGE_LINES):
        answers.append((f"huge-{i:04d}", _huge(r, i)))
    r.shuffle(answers)
    lines = []
    for number, (id, answer) in enumerate(answers):
        kinds[id] = id.split("-")[0]
        item: dict[str, Any] = {"id": id, "answer": answer}
        if number % 3 == 0:
            item["question"] = _answer(r, r.choice(list(KINDS)))
        if number % 5 == 0:
            item["category"] = r.choice(["growth", "reverse-questions", "一般", "failure"])
        # raw UTF-8 or \\u escapes; a lone surrogate can only be written as an escape
        line = json.dumps(item, ensure_ascii=number % 2 == 0)
        if not line.isascii() and _SURROGATES.search(line):
            line = json.dumps(item, ensure_ascii=True)
        lines.append(line)
    return lines, kinds


@pytest.mark.slow
def test_fuzz_every_answer_is_answered_in_order(tmp_path: Path) -> None:
    lines, kinds = fuzz_lines()
    assert len(lines) >= 2_000
    out = _run_batch(tmp_path, lines, timeout=300)
    stderr = out.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "内部エラー" not in stderr, stderr[-2000:]
    assert out.returncode == 0, stderr[-2000:]
    # no raw line separator in a result: a reader that splits at U+2028 or U+0085 still sees
    # one result per line (clean made them newlines or dropped them)
    assert "\u2028" not in out.stdout.decode("utf-8") and "\x85" not in out.stdout.decode("utf-8")
    results = _results(out)
    sent = [json.loads(line)["id"] for line in lines]
    got = [r["id"] for r in results]
    lost = Counter(kinds[i] for i in set(sent) - set(got))
    assert not lost, f"answers lost, by kind: {dict(lost)}"
    assert got == sent  # every line answered, in input order
    for result in results:
        assert result["schema"] == 1 and 0 <= result["score"] <= 100
        for s in result["sentences"]:
            text = s["text"]
            assert not any(ord(ch) < 0x20 and ch not in "\t" for ch in text), text
            assert not any(0x7F <= ord(ch) <= 0x9F for ch in text), text
            assert not set(text) & set(BIDI), text
            if "\ufffd" in text:  # repaired, and only where a surrogate was
                assert kinds[result["id"]] in ("surrogate", "huge"), text
        if kinds[result["id"]] == "huge":
            assert any(f["code"] == "D407" for f in result["findings"])
