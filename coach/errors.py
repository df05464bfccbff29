"""Errors the user can act on.

A :class:`CoachError` carries one line that names what is wrong and where. The CLI prints it
without a traceback and exits with status 2.
"""

from __future__ import annotations


class CoachError(Exception):
    """Bad input or an unusable file: one line for the user, exit status 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# What the JSON and YAML parsers say, in the words a user of this tool reads. Anything not
# listed keeps the parser's own words.
_PARSER_MESSAGES: tuple[tuple[str, str], ...] = (
    ("Expecting value", "値がありません"),
    ("Expecting property name enclosed in double quotes", 'キーを " " で囲んでください'),
    ("Unterminated string", '文字列の " が閉じていません'),
    ("Extra data", "1つの値のあとに余分な文字があります"),
    ("Expecting ',' delimiter", "「,」がありません"),
    ("Expecting ':' delimiter", "「:」がありません"),
    ("Invalid control character", "文字列の中に改行などの制御文字があります"),
    ("Invalid \\escape", "「\\」の使い方が正しくありません"),
    # YAML: libyaml and PyYAML's own parser word some problems differently; both are here
    ("did not find expected ',' or ']'", "「]」で閉じていないか、「,」がありません"),
    ("did not find expected ',' or '}'", "「}」で閉じていないか、「,」がありません"),
    ("expected ',' or ']'", "「]」で閉じていないか、「,」がありません"),
    ("expected ',' or '}'", "「}」で閉じていないか、「,」がありません"),
    (
        "mapping values are not allowed",
        "ここには「キー: 値」を書けません（インデントか「:」を確認）",
    ),
    ("could not find expected ':'", "「:」がありません"),
    ("did not find expected key", "インデントがずれているか、キーがありません"),
    ("did not find expected '-' indicator", "リストの「- 」がありません（インデントを確認）"),
    ("did not find expected node content", "値がありません（「,」が続いていないか確認）"),
    ("expected the node content", "値がありません（「,」が続いていないか確認）"),
    ("found a tab character", "インデントにタブは使えません（スペースで）"),
    (
        "found character",
        "使えない文字があります（インデントはスペースで。@ や ` で始まる値は引用符で囲んでください）",
    ),
    (
        "found unknown escape character",
        '「\\」の使い方が正しくありません（" " の中で \\ を書くなら \\\\ に）',
    ),
    ("found undefined alias", "定義されていない別名（*）があります"),
    (
        "found unexpected end of stream",
        "ファイルが途中で終わっています（引用符やかっこの閉じ忘れ）",
    ),
    ("expected <block end>, but found", "インデントがずれています"),
    ("exceeded maximum nesting depth", "入れ子が深すぎます"),
    (
        "but found another document",
        "1つのファイルに書ける文書は1つだけです（途中の --- を消してください）",
    ),
)


def parser_message(message: str) -> str:
    """A JSON/YAML parser's complaint in Japanese (the original stays for anything unknown)."""
    for english, japanese in _PARSER_MESSAGES:
        if message.startswith(english):
            return japanese
    return message
