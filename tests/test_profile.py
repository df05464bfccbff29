"""Round-two specifics: profile, company profile and the context the rules read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import profile as profiles
from coach.analysis import analyze
from coach.analysis.context import Context, containment
from coach.cli import app
from coach.errors import CoachError

REPEATED = (
    "私の強みは関係者を巻き込む調整力です。前職では営業と製造の間に立ち、納期調整を担当してきました。"
    "どちらの立場も理解したうえで落としどころを探すことを大切にしてきました。"
)
DEEPENED = (
    "私の強みは関係者を巻き込む調整力です。2023年に大口案件の納期が2週間前倒しになった際、私は工程表を組み直し、"
    "夜間の段取り替えを製造課長に提案しました。その結果、納期を守り、追加で3件の受注につながりました。"
)
GENERIC = "御社の理念に共感し、成長できる環境だと感じたため志望しました。"
LINKED = "御社が3年で進める物流拠点の自動化に、前職でWMSを導入して誤出荷を半分にした経験を生かしたいと考え、志望しました。"


def profile() -> profiles.Profile:
    return profiles.Profile(
        round_one=profiles.RoundOne(self_pr=REPEATED),
        career_axis=profiles.CareerAxis(
            statement="現場の課題を仕組みで解決する", keywords=["仕組み"]
        ),
    )


@pytest.fixture
def company_file(tmp_path: Path) -> Path:
    return profiles.write_company_template(tmp_path / "company.yaml")


def codes(text: str, category: str, structure: str, context: Context) -> list[str]:
    return [
        f.code
        for f in analyze(text, category=category, structure=structure, context=context).findings
    ]


def test_round_one_repeat_versus_deepened_answer() -> None:
    ctx = Context(profile=profile())
    assert "N601" in codes(REPEATED + "御社でも再現できます。", "reproducibility", "both", ctx)
    assert "N601" not in codes(DEEPENED, "reproducibility", "both", ctx)
    assert containment(REPEATED, REPEATED) == 1.0
    assert containment(DEEPENED, REPEATED) < 0.5
    # the same story in other words is still the same story
    reworded = (
        "強みは、関係者を巻き込んで調整する力だと考えています。前職で営業部と製造部の間に入り、"
        "納期の調整を担当していました。双方の立場を理解し、落としどころを探ることを大切にしています。"
    )
    assert "N601" in codes(reworded, "reproducibility", "both", ctx)


def test_company_profile_generic_versus_linked_motivation(company_file: Path) -> None:
    ctx = Context(company=profiles.load_company(company_file))
    assert "N604" in codes(GENERIC, "motivation", "prep", ctx)
    linked = codes(LINKED, "motivation", "prep", ctx)
    assert "N604" not in linked and "N605" not in linked
    assert "N605" in codes(
        "御社は物流拠点の自動化を進めていて、業界の先を行っていると感じました。",
        "motivation",
        "prep",
        ctx,
    )


def test_company_generic_never_offers_the_company_name_as_company_words(company_file: Path) -> None:
    company = profiles.load_company(company_file)
    ctx = Context(company=company)
    named = f"{company.name}の理念に共感し、成長できる環境だと感じたため志望しました。"
    finding = next(
        f
        for f in analyze(named, category="motivation", structure="prep", context=ctx).findings
        if f.code == "N604"
    )  # saying the name is not knowing the company
    examples = finding.message.split("例: ")[1].split("）")[0]
    assert company.name not in examples and "サンプル物流" not in examples


def test_rules_that_need_context_do_not_run_without_it() -> None:
    assert not {"N601", "N602", "N603", "N604", "N605", "N606"} & set(
        f.code for f in analyze(GENERIC, category="motivation", structure="prep").findings
    )


def test_profile_round_trip_and_line_numbered_errors(tmp_path: Path) -> None:
    path = profiles.save_profile(profile(), tmp_path / "profile.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 二次面接コーチのプロフィール")
    assert profiles.load_profile(path) == profile()
    path.write_text(text.replace("  keywords: [", "  keywordz: ["), encoding="utf-8")
    with pytest.raises(
        CoachError, match=r"profile.yaml:\d+: career_axis.keywordz: 知らない項目です"
    ):
        profiles.load_profile(path)


def test_company_template_validates_and_suggests_questions(company_file: Path) -> None:
    company = profiles.load_company(company_file)
    assert company.name == "株式会社サンプル物流"
    suggestions = profiles.suggested_questions(company)
    assert len(suggestions) >= 3
    assert any("物流拠点の自動化" in q for q in suggestions)
    assert any("最初の3か月" in q for q in suggestions)
    with pytest.raises(CoachError, match="--force"):
        profiles.write_company_template(company_file)
    terms = Context(company=company).company_terms()
    assert "共同配送" in terms and "担当" not in terms


def test_axis_drift_within_a_session() -> None:
    ctx = Context(profile=profile())
    first = "現場の課題を仕組みで解決するという軸を、御社の大きな拠点で実践したいと考えました。"
    assert "N603" not in codes(first, "motivation", "prep", ctx)
    ctx.remember("motivation", first)
    later = "今の会社では評価が不透明なので、正当に評価される場所で働きたいと考えたのが理由です。"
    assert "N603" in codes(later, "career", "prep", ctx)
    drift = next(
        f
        for f in analyze(later, category="career", structure="prep", context=ctx).findings
        if f.code == "N603"
    )
    assert "別の理由" in drift.message


def test_axis_drift_without_any_reason_does_not_speak_of_another_reason() -> None:
    ctx = Context(profile=profile())
    ctx.remember(
        "motivation",
        "現場の課題を仕組みで解決するという軸を、御社の大きな拠点で実践したいと考えました。",
    )
    none = "合わないと感じた点は全くありません。"
    found = [
        f
        for f in analyze(none, category="career", structure="prep", context=ctx).findings
        if f.code == "N603"
    ]
    assert found and "別の理由" not in found[0].message
    assert "触れていません" in found[0].message


def test_profile_and_company_commands(runner: CliRunner, home: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["profile", "show"])
    assert "まだありません" in result.output
    profiles.save_profile(profile(), home / "profile.yaml")
    result = runner.invoke(app, ["profile", "show"])
    assert result.exit_code == 0 and "現場の課題を仕組みで解決する" in result.output
    result = runner.invoke(app, ["profile"], input="")  # not a terminal
    assert result.exit_code == 2 and "coach profile edit" in result.output
    target = tmp_path / "c.yaml"
    result = runner.invoke(app, ["company", "init", str(target)])
    assert result.exit_code == 0 and target.exists()
    result = runner.invoke(app, ["company", "show", str(target)])
    assert result.exit_code == 0 and "逆質問の例" in result.output
    target.write_text("name: [1\n", encoding="utf-8")
    result = runner.invoke(app, ["company", "show", str(target)])
    assert result.exit_code == 2 and f"{target}:" in result.output


def test_profile_edit_validates_with_a_scripted_editor(
    runner: CliRunner, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text(
        '#!/bin/sh\nsed -i "s/statement: \\"\\"/statement: 数字で判断を支える/" "$1"\n'
    )
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    result = runner.invoke(app, ["profile", "edit"])
    assert result.exit_code == 0, result.output
    assert (
        profiles.load_profile(home / "profile.yaml").career_axis.statement == "数字で判断を支える"
    )


def test_check_uses_the_company_and_profile_when_asked(
    runner: CliRunner, home: Path, company_file: Path
) -> None:
    result = runner.invoke(
        app,
        ["check", "--json", "-c", "motivation", "--company", str(company_file), "-"],
        input=GENERIC,
    )
    assert "N604" in [f["code"] for f in json.loads(result.stdout)["findings"]]
    # the template is still the made-up company: say so, on stderr, and go on
    assert "ひな形の会社（株式会社サンプル物流）のままです" in result.stderr
    edited = company_file.read_text(encoding="utf-8").replace(
        "株式会社サンプル物流", "株式会社北星運輸"
    )
    company_file.write_text(edited, encoding="utf-8")
    result = runner.invoke(
        app,
        ["check", "--json", "-c", "motivation", "--company", str(company_file), "-"],
        input=GENERIC,
    )
    assert result.exit_code == 0 and "ひな形" not in result.stderr
    profiles.save_profile(profile(), home / "profile.yaml")
    result = runner.invoke(
        app, ["check", "--json", "-c", "reproducibility", "--profile", "-"], input=REPEATED
    )
    assert "N601" in [f["code"] for f in json.loads(result.output)["findings"]]
    result = runner.invoke(app, ["check", "--json", "-c", "reproducibility", "-"], input=REPEATED)
    assert "N601" not in [f["code"] for f in json.loads(result.output)["findings"]]
