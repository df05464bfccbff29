"""Category and role names as people type them (issue 18, item 6): ids, Japanese names, their
parts, short names and the aliases the banks define; ambiguous and unknown names are one line."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import banks, category_names, roles
from coach.cli import app
from coach.errors import CoachError


@pytest.fixture(scope="module")
def catalog() -> banks.Catalog:
    return banks.load_catalog()


def _every_alias() -> list[tuple[str, str]]:
    return [(cat.id, alias) for cat in banks.load_catalog().ordered() for alias in cat.aliases]


def test_every_builtin_category_defines_aliases(catalog: banks.Catalog) -> None:
    # the lists are data: a category added without any is a gap in `coach banks`
    assert all(cat.aliases for cat in catalog.ordered())


@pytest.mark.parametrize(("expected", "alias"), _every_alias())
def test_every_alias_resolves_to_its_own_category(
    catalog: banks.Catalog, expected: str, alias: str
) -> None:
    assert catalog.category(alias).id == expected
    # as typed on a Japanese keyboard: full-width Latin, with 「カテゴリ」 after it
    wide = unicodedata.normalize("NFKC", alias).translate(
        {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
    )
    assert catalog.category(wide + "カテゴリ").id == expected


def test_no_two_categories_answer_to_the_same_name(catalog: banks.Catalog) -> None:
    owners: dict[str, set[str]] = {}
    for cat in catalog.ordered():
        for name in category_names.names(cat):
            owners.setdefault(name, set()).add(cat.id)
    assert {n: ids for n, ids in owners.items() if len(ids) > 1} == {}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("失敗", "failure"),
        ("志望動機", "motivation"),
        ("転職理由", "career"),
        ("逆質問", "reverse-questions"),
        ("強み", "introduction"),
        ("自己紹介", "introduction"),
        ("プレッシャー", "failure"),  # a part of 「失敗経験・プレッシャー」
        ("ﾌﾟﾚｯｼｬｰ", "failure"),  # half-width kana
        ("企業理解カテゴリー", "motivation"),
        ("ＧＲＯＷＴＨ", "growth"),
        (" 成長意欲 ", "growth"),
        ("協調", "collaboration"),  # the start of one name only
        ("営業", "role-sales"),  # a role is a category too
        ("sales", "role-sales"),
    ],
)
def test_names_people_type(catalog: banks.Catalog, typed: str, expected: str) -> None:
    assert catalog.category(typed).id == expected


def test_the_start_of_names_of_two_categories_is_refused_with_both_named(
    catalog: banks.Catalog,
) -> None:
    with pytest.raises(CoachError) as info:
        catalog.category("職務")  # 職務要約 (introduction) and 職務内容 (deep-dive)
    message = str(info.value)
    assert "「職務」に当てはまるカテゴリが複数あります" in message
    assert "introduction（自己紹介・職務要約）" in message
    assert "deep-dive（職務内容の深掘り）" in message
    assert "\n" not in message


def test_an_alias_two_banks_define_is_refused_with_both_named(tmp_path: Path) -> None:
    bank = tmp_path / "mine.yaml"
    bank.write_text(
        textwrap.dedent(
            """\
            category:
              id: blunders
              name: しくじり
              aliases: [失敗]
              description: 自分の判断の誤りをどう受け止めたかを確かめる
              structure: prep
            """
        ),
        encoding="utf-8",
    )
    catalog = banks.load_catalog([bank])
    with pytest.raises(CoachError) as info:
        catalog.category("失敗")
    assert "failure（失敗経験・プレッシャー）" in str(info.value)
    assert "blunders（しくじり）" in str(info.value)


def test_a_bank_that_adds_questions_may_add_aliases(tmp_path: Path) -> None:
    bank = tmp_path / "more.yaml"
    bank.write_text("category:\n  id: growth\n  aliases: [自己研鑽]\n", encoding="utf-8")
    assert banks.load_catalog([bank]).category("自己研鑽").id == "growth"


@pytest.mark.parametrize(
    ("typed", "guess"),
    [("志望動悸", "motivation（志望動機・企業理解）"), ("営業力", "role-sales（営業職の深掘り）")],
)
def test_a_miss_names_the_nearest(catalog: banks.Catalog, typed: str, guess: str) -> None:
    with pytest.raises(CoachError) as info:
        catalog.category(typed)
    message = str(info.value)
    assert message.startswith(f"不明なカテゴリです: '{typed}'。もしかして: ")
    assert guess in message
    assert "coach banks" in message


def test_a_miss_with_nothing_near_lists_the_general_ids(catalog: banks.Catalog) -> None:
    with pytest.raises(CoachError) as info:
        catalog.category("宇宙飛行")
    message = str(info.value)
    assert "もしかして" not in message
    assert "growth（成長意欲）" in message and "role-sales" not in message


def test_role_aliases_resolve_for_role_and_a_general_name_does_not(
    catalog: banks.Catalog,
) -> None:
    assert roles.find_role(catalog, "エンジニア").id == "role-engineer"
    assert roles.find_role(catalog, "ｺｰﾙｾﾝﾀｰ").id == "role-support"
    with pytest.raises(CoachError, match="不明な職種です: '失敗'"):
        roles.find_role(catalog, "失敗")


def test_practice_with_a_short_name_and_with_a_typo(runner: CliRunner) -> None:
    ok = runner.invoke(app, ["questions", "転職理由"])
    assert ok.exit_code == 0, ok.output
    assert "career-01" in ok.output
    bad = runner.invoke(app, ["practice", "-c", "志望動悸"], input="")
    assert bad.exit_code == 2
    lines = [line for line in bad.output.splitlines() if line.strip()]
    assert len(lines) == 1, bad.output
    assert "もしかして: motivation（志望動機・企業理解）" in lines[0]


def test_banks_lists_the_short_names(runner: CliRunner) -> None:
    result = runner.invoke(app, ["banks"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    for alias in ("失敗談", "志望理由", "退職理由", "エンジニア"):
        assert alias in result.output
