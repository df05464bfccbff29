"""msgspec's English validation messages for a bank file, as (field path, Japanese message).

Kept apart from coach.banks, which defines the schema: this is the one place that reads
msgspec's wording (pinned in pyproject.toml), so a new msgspec release is checked here.
"""

from __future__ import annotations

import re

from coach import domain
from coach.domain import ELEMENT_JA


def _one_line(text: str) -> str:
    return " ".join(text.split())


_AT = re.compile(
    r"^(?P<msg>.*?)(?: - at (?P<key>`key` in )?`\$(?P<path>[^`]*)`)?$",
    re.S,
)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_TYPES = {
    "array": "リスト",
    "str": "文字列",
    "object": "マッピング（キー: 値）",
    "int": "整数",
    "null": "空の値",
    "bool": "真偽値",
    "float": "数値",
}
_BOUNDS = {">=": "以上の", "<=": "以下の", ">": "より大きい", "<": "より小さい"}
# the list fields whose items are records, not strings
_RECORD_LISTS = ("questions", "others")


def _types_ja(spec: str) -> str:
    """`int | null` → 整数: an optional field may be left out, so null is not what to ask for."""
    parts = [p.strip() for p in spec.split("|")]
    named = [_TYPES.get(p, p) for p in parts if p != "null"] or [_TYPES["null"]]
    return "か".join(named)


def translate(error: str) -> tuple[list[str | int], str]:
    """Turn a msgspec validation message into (field path, Japanese message)."""
    m = _AT.match(error)
    assert m is not None
    msg, raw_path = m.group("msg"), m.group("path") or ""
    where: list[str | int] = [
        int(idx) if idx else str(key) for key, idx in _PATH_PART.findall(raw_path)
    ]
    if m.group("key"):
        got = re.search(r"got `([^`]+)`", msg)
        actual = f"（実際は{_types_ja(got.group(1))}）" if got else ""
        return where, f"キーは文字列で書いてください{actual}"
    if mm := re.match(r"Expected `([^`]+)`, got `([^`]+)`", msg):
        want, got_ = mm.groups()
        if want.split(" |")[0] == "array" and where and where[-1] not in _RECORD_LISTS:
            text = "文字列のリストが必要です"
        else:
            text = f"{_types_ja(want)}が必要です"
        return where, f"{text}（実際は{_types_ja(got_)}）"
    if mm := re.match(r"Object missing required field `(\w+)`", msg):
        return [*where, mm.group(1)], "必須の項目がありません"
    if mm := re.match(r"Object contains unknown field `([^`]+)`", msg):
        return [*where, mm.group(1)], "知らない項目です（綴りを確認してください）"
    if re.match(r"Expected `str` of length >= 1$", msg):
        return where, "空の文字列は使えません"
    if mm := re.match(r"Expected `([^`]+)` of length (>=|<=) (\d+)", msg):
        kind, op, n = mm.groups()
        if kind.startswith("str"):
            return (
                where,
                f"{n}文字以上で書いてください" if op == ">=" else f"{n}文字以内にしてください",
            )
        return where, f"{n}個以上の項目が必要です" if op == ">=" else f"{n}個までにしてください"
    if mm := re.match(r"Expected `([^`]+)` (>=|<=|>|<) (\S+)", msg):
        kind, op, n = mm.groups()
        return where, f"{n}{_BOUNDS[op]}{_types_ja(kind)}にしてください"
    if re.match(r"Expected `str` matching regex", msg):
        if where and where[-1] == "id" and len(where) > 1:
            return where, "質問IDは <カテゴリID>-NN（例: growth-03）の形にしてください"
        return where, "IDは英小文字・数字・ハイフンで書いてください（例: my-category）"
    if mm := re.match(r"Invalid enum value '([^']*)'", msg):
        if where and where[-1] == "structure":
            return where, f"'{mm.group(1)}' は使えません（prep, ari, both, reverse のどれか）"
        at = next((w for w in reversed(where) if isinstance(w, str)), "")
        lists = {"kind": "general, role", "asks": ", ".join(domain.ASKS)}
        allowed = lists.get(at, ", ".join(ELEMENT_JA))
        return where, f"'{mm.group(1)}' は使えません（{allowed} のどれか）"
    # a message msgspec has not used before: still a Japanese line, with its words for detail
    return where, f"値が正しくありません（{_one_line(msg)}）"
