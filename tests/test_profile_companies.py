"""A profile per company (issue 18, item 5) and reverse questions said aloud (item 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import profile as profiles
from coach.cli import app
from coach.errors import CoachError

# what was said in one company's first interview, and in another's
ABC_STORY = (
    "私の強みは関係者を巻き込む調整力です。前職では営業と製造の間に立ち、納期調整を担当してきました。"
    "どちらの立場も理解したうえで落としどころを探すことを大切にしてきました。"
)
XYZ_STORY = (
    "私は数字で現場を動かすことを得意としています。前職では在庫の回転日数を毎週集計し、"
    "発注の基準を見直す提案を続けてきました。"
)
AXIS = profiles.CareerAxis(statement="現場の課題を仕組みで解決する", keywords=["仕組み"])


@pytest.fixture
def two(home: Path) -> Path:
    """The unnamed profile (XYZ's story and the axis) and ABC's own (its story, no axis)."""
    profiles.save_profile(
        profiles.Profile(round_one=profiles.RoundOne(self_pr=XYZ_STORY), career_axis=AXIS)
    )
    own = profiles.Profile(company="株式会社ABC", round_one=profiles.RoundOne(self_pr=ABC_STORY))
    profiles.save_profile(own, profiles.profile_path("株式会社ABC"))
    return home


def check(runner: CliRunner, *args: str, answer: str = ABC_STORY) -> list[str]:
    result = runner.invoke(
        app, ["check", "--json", "-c", "reproducibility", "--profile", *args, "-"], input=answer
    )
    assert result.exit_code == 0, result.output
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_company_profiles_are_kept_apart_and_the_unnamed_one_stays_the_default(
    two: Path, runner: CliRunner
) -> None:
    assert (two / "profiles" / "株式会社ABC.yaml").exists()
    assert "N601" not in check(runner)  # the default holds XYZ's story, not ABC's
    assert "N601" in check(runner, "--company", "株式会社ABC")
    assert "N601" in check(runner, answer=XYZ_STORY)
    assert "N601" not in check(runner, "--company", "株式会社ABC", answer=XYZ_STORY)


def test_a_company_profile_takes_the_axis_from_the_default_and_the_name_as_typed(
    two: Path,
) -> None:
    context = profiles.build_context(Path("株式会社ＡＢＣ"))  # full-width letters: the same
    assert context.profile is not None and context.company is None
    assert context.profile.round_one.self_pr == ABC_STORY
    assert context.profile.career_axis == AXIS
    default = profiles.build_context(None)
    assert default.profile is not None and default.profile.round_one.self_pr == XYZ_STORY


def test_a_company_file_uses_the_profile_of_its_name_and_its_own_round_one(
    two: Path, tmp_path: Path
) -> None:
    path = tmp_path / "abc.yaml"
    path.write_text("name: 株式会社ABC\nbusiness: 共同配送\n", encoding="utf-8")
    context = profiles.build_context(path)
    assert context.company is not None and context.company.name == "株式会社ABC"
    assert context.profile is not None and context.profile.round_one.self_pr == ABC_STORY
    path.write_text(
        "name: 株式会社ABC\nround_one:\n  motivation: 物流の自動化に関わりたいからです。\n",
        encoding="utf-8",
    )
    context = profiles.build_context(path)
    assert context.profile is not None
    assert context.profile.round_one.motivation == "物流の自動化に関わりたいからです。"
    assert context.profile.round_one.self_pr == ""  # the file's round one, whole
    other = tmp_path / "other.yaml"
    other.write_text("name: 株式会社その他\n", encoding="utf-8")
    context = profiles.build_context(other)
    assert context.profile is not None and context.profile.round_one.self_pr == XYZ_STORY


def test_an_unknown_company_name_is_one_line_naming_what_exists(
    two: Path, runner: CliRunner
) -> None:
    with pytest.raises(CoachError, match="プロフィールのある会社: 株式会社ABC"):
        profiles.build_context(Path("株式会社DEF"))
    result = runner.invoke(
        app, ["check", "-c", "growth", "--company", "株式会社DEF", "-"], input=ABC_STORY
    )
    assert result.exit_code == 2
    assert "coach profile --company 株式会社DEF" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_profile_show_and_edit_with_a_company(
    two: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = runner.invoke(app, ["profile", "show"]).output
    assert "在庫の回転日数" in out and "会社ごとのプロフィール: 株式会社ABC" in out
    out = runner.invoke(app, ["profile", "show", "--company", "株式会社ABC"]).output
    assert "落としどころ" in out and "現場の課題を仕組みで解決する" in out
    result = runner.invoke(app, ["profile", "show", "--company", "株式会社DEF"])
    assert result.exit_code == 2 and "coach profile --company 株式会社DEF" in result.output
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/motivation: \\"\\"/motivation: 御社の物流網/" "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    result = runner.invoke(app, ["profile", "edit", "--company", "株式会社DEF"])
    assert result.exit_code == 0, result.output
    made = profiles.load_profile(profiles.profile_path("株式会社DEF"))
    assert made is not None and made.company == "株式会社DEF"
    assert made.round_one.motivation == "御社の物流網"
    assert made.career_axis == AXIS  # begun from the default's axis
    default = profiles.load_profile()
    assert default is not None and default.round_one.motivation == ""  # untouched


def test_company_names_never_leave_the_profiles_folder(home: Path) -> None:
    path = profiles.profile_path("../../etc/passwd")
    assert path.parent == home / "profiles" and "/" not in path.name
    with pytest.raises(CoachError):
        profiles.profile_path("  ..  ")


def test_reverse_questions_never_read_a_parenthetical_aloud() -> None:
    company = profiles.Company(
        name="株式会社サンプル",
        team="大阪オフィスの導入支援チーム（8名、うち経理経験者3名）",
        role="導入支援（リーダー候補）",
        issues=["中堅企業向けの拡販(2026年度から)", "サポートの内製化"],
    )
    questions = profiles.suggested_questions(company)
    assert all("（" not in q and "(" not in q for q in questions)
    assert "大阪オフィスの導入支援チームでは、" in questions[1]
    assert questions[2].startswith("導入支援として入社した場合")
    assert questions[0].startswith("「中堅企業向けの拡販」に関して")
    assert profiles.spoken("（非公開）") == ""
    only_aside = profiles.Company(name="x", team="（未定）")
    assert profiles.suggested_questions(only_aside)[0].startswith("配属予定のチームは何名体制")


def test_practice_with_a_company_name_uses_that_companys_round_one(
    two: Path, runner: CliRunner
) -> None:
    args = ["practice", "-c", "reproducibility", "-n", "1", "--order", "bank"]
    named = runner.invoke(app, [*args, "--company", "株式会社ABC"], input=ABC_STORY)
    assert named.exit_code == 0, named.output
    assert "一次面接と同じ話" in named.output
    unnamed = runner.invoke(app, args, input=ABC_STORY)
    assert unnamed.exit_code == 0 and "一次面接と同じ話" not in unnamed.output


@pytest.mark.pty
def test_the_wizard_with_a_company_saves_that_companys_round_one_only(tmp_path: Path) -> None:
    from pty_support import finish, spawn, wait_for_prompt

    home = tmp_path / "home"
    home.mkdir()
    default = profiles.Profile(round_one=profiles.RoundOne(self_pr=XYZ_STORY), career_axis=AXIS)
    (home / "profile.yaml").write_text(profiles.profile_yaml(default), encoding="utf-8")
    child = spawn(home, "profile", "--company", "株式会社ABC")
    child.expect("株式会社ABC の一次面接の回答を記録します")
    wait_for_prompt(child)
    child.send(ABC_STORY + "\r\r")
    child.expect("一次面接で話した志望動機")
    child.expect_exact("\x1b[?2004h")
    child.sendcontrol("c")
    child.expect("確定した回答は保存しました")
    status, rest = finish(child)
    assert status == 130 and "Traceback" not in rest
    own = profiles.load_profile(home / "profiles" / "株式会社ABC.yaml")
    assert own is not None and own.company == "株式会社ABC"
    assert own.round_one.self_pr == ABC_STORY and own.career_axis == AXIS
    unchanged = profiles.load_profile(home / "profile.yaml")
    assert unchanged == default
