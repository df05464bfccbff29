"""`--role`: a role bank's questions in practice and the mock, the profile's role as the default,
and `coach banks` listing the roles apart from the general categories."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.banks import load_catalog
from coach.cli import app

ANSWER = (
    "私の強みは調整力です。というのも、前職で営業と製造の間に入り、納期の調整を任されていたからです。"
    "2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、夜間の段取り替えを提案しました。"
    "その結果、納期を守り、追加の受注を3件いただきました。"
)


def answers(n: int) -> str:
    return "\n---\n".join([ANSWER] * n) + "\n"


def heads(category: str) -> set[str]:
    """The opening of each question of a category, as it shows on screen."""
    return {q.text[:12] for q in load_catalog().questions_of(category)}


def shown(output: str, category: str) -> set[str]:
    flat = output.replace("\n", "")
    return {head for head in heads(category) if head in flat}


def test_practice_role_alone_draws_only_from_the_role(home: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["practice", "--role", "sales", "-n", "3"], input=answers(3))
    assert result.exit_code == 0, result.output
    assert "営業職の深掘りを3問練習します" in result.output
    assert len(shown(result.output, "role-sales")) == 3


def test_practice_role_by_japanese_name_is_mixed_with_the_category(
    home: Path, runner: CliRunner
) -> None:
    result = runner.invoke(
        app, ["practice", "-c", "growth", "--role", "営業", "-n", "4"], input=answers(4)
    )
    assert result.exit_code == 0, result.output
    assert "成長意欲と営業職の深掘りを4問練習します" in result.output
    assert len(shown(result.output, "role-sales")) == 2
    assert len(shown(result.output, "growth")) == 2


def test_the_profiles_role_is_the_default(home: Path, runner: CliRunner) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.yaml").write_text("role: 経理\n", encoding="utf-8")
    result = runner.invoke(app, ["practice", "-n", "2"], input=answers(2))
    assert result.exit_code == 0, result.output
    assert "経理職の深掘りを2問練習します" in result.output
    assert len(shown(result.output, "role-accounting")) == 2
    # --role wins over the profile
    result = runner.invoke(app, ["practice", "--role", "nursing", "-n", "1"], input=answers(1))
    assert "看護師の深掘りを1問練習します" in result.output


@pytest.mark.parametrize("argv", [["practice"], ["mock"]])
def test_unknown_role_is_one_japanese_line(home: Path, runner: CliRunner, argv: list[str]) -> None:
    result = runner.invoke(app, [*argv, "--role", "sals"], input="")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "不明な職種です: 'sals'" in line
    assert "もしかして: sales。" in line
    assert "engineer（ソフトウェアエンジニアの深掘り）" in line
    assert "Traceback" not in result.output


def test_mock_role_replaces_the_deep_dive(home: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["mock", "--role", "construction", "--seed", "1", "--follow-ups", "0"],
        input=answers(8),
    )
    assert result.exit_code == 0, result.output
    assert len(shown(result.output, "role-construction")) == 1
    assert not shown(result.output, "deep-dive")
    # without a role the general deep-dive is asked
    result = runner.invoke(app, ["mock", "--seed", "1", "--follow-ups", "0"], input=answers(8))
    assert len(shown(result.output, "deep-dive")) == 1
    assert not shown(result.output, "role-construction")


def test_banks_lists_roles_in_their_own_table(home: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["banks"])
    assert result.exit_code == 0, result.output
    general, roles = result.output.split("職種別の深掘り", 1)
    assert "growth" in general and "role-sales" not in general
    assert "営業職の深掘り" in roles and "sales" in roles and "growth" not in roles
    catalog = load_catalog()
    role_count = sum(len(catalog.questions_of(c.id)) for c in catalog.ordered() if c.kind == "role")
    assert f"職種・{role_count}問" in roles


@pytest.mark.parametrize("command", ["practice", "mock"])
def test_help_explains_role(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    assert "--role" in flat
    assert "職種別の深掘り" in flat


def test_the_profiles_role_survives_a_save(tmp_path: Path) -> None:
    from coach import profile as profiles

    path = profiles.save_profile(profiles.Profile(role="営業"), tmp_path / "profile.yaml")
    assert 'role: "営業"' in path.read_text(encoding="utf-8")
    assert profiles.load_profile(path) == profiles.Profile(role="営業")
    # no role, no line: the field stays optional
    path = profiles.save_profile(profiles.Profile(), tmp_path / "plain.yaml")
    assert "role:" not in path.read_text(encoding="utf-8")
