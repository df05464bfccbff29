from __future__ import annotations

import json
import re
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import bank_messages, banks, paths
from coach.cli import app
from coach.domain import STRUCTURE_ELEMENTS
from coach.errors import CoachError

from support import GOOD_BANK, SPEC_CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_CATEGORIES = SPEC_CATEGORIES


@pytest.fixture(scope="module")
def catalog() -> banks.Catalog:
    return banks.load_catalog()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(CoachError) as info:
        banks.load_catalog([path])
    return str(info.value)


# --- the built-in banks ------------------------------------------------------------------------


def test_builtin_categories_are_the_ten_of_the_spec(catalog: banks.Catalog) -> None:
    assert set(catalog.categories) >= REQUIRED_CATEGORIES
    for cat in catalog.categories.values():
        assert cat.name and cat.description
        assert cat.structure in STRUCTURE_ELEMENTS
    assert catalog.categories["reverse-questions"].structure == "reverse"


def test_builtin_banks_have_enough_questions(catalog: banks.Catalog) -> None:
    for cat_id in REQUIRED_CATEGORIES:
        assert len(catalog.questions_of(cat_id)) >= 8, cat_id
    assert sum(len(qs) for qs in catalog.questions.values()) >= 80


def test_builtin_question_ids_follow_the_pattern_and_are_unique(catalog: banks.Catalog) -> None:
    ids = [q.id for q in catalog.all_questions()]
    assert len(ids) == len(set(ids))
    for cat_id, questions in catalog.questions.items():
        for q in questions:
            assert re.fullmatch(rf"{re.escape(cat_id)}-\d{{2}}", q.id), q.id


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s、。？！?!「」（）]", "", unicodedata.normalize("NFKC", text))
    return {text[i : i + 2] for i in range(len(text) - 1)}


def test_builtin_question_texts_are_distinct(catalog: banks.Catalog) -> None:
    questions = list(catalog.all_questions())
    texts = [q.text for q in questions]
    assert len(texts) == len(set(texts))
    # near-duplicates: character-bigram overlap this high means the same question reworded
    grams = [(q.id, _bigrams(q.text)) for q in questions]
    for i, (id_a, a) in enumerate(grams):
        for id_b, b in grams[i + 1 :]:
            overlap = len(a & b) / max(1, len(a | b))
            assert overlap < 0.6, f"{id_a} and {id_b} read like the same question"


def test_every_builtin_category_has_three_model_answers(catalog: banks.Catalog) -> None:
    for cat_id in REQUIRED_CATEGORIES:
        with_model = [q for q in catalog.questions_of(cat_id) if q.model_answer]
        assert len(with_model) >= 3, cat_id


def test_every_builtin_question_has_probes_and_element_follow_ups(
    catalog: banks.Catalog,
) -> None:
    elements = ("conclusion", "reason", "example", "action", "result", "ingenuity", "quantified")
    for q in catalog.all_questions():
        assert len(q.follow_ups.probes) >= 2, q.id
        assert q.tips, q.id
        if catalog.category_of(q).structure == "reverse":
            assert q.follow_ups.question, q.id
        else:
            for element in elements:
                assert q.follow_ups.for_element(element), (q.id, element)


def test_exported_schema_is_up_to_date() -> None:
    exported = json.loads((ROOT / "question_banks" / "schema.json").read_text(encoding="utf-8"))
    assert exported == banks.json_schema(), (
        "question_banks/schema.json is stale: run `coach banks schema > question_banks/schema.json`"
    )


def test_schema_descriptions_do_not_depend_on_docstring_trimming() -> None:
    # msgspec 0.23 dedents a docstring's continuation lines; older versions kept the indent
    kept = {
        "description": "First line;\n    second line.",
        "properties": {"x": {"description": "a"}},
    }
    trimmed = {
        "description": "First line;\nsecond line.",
        "properties": {"x": {"description": "a"}},
    }
    assert banks.normalise_descriptions(kept) == banks.normalise_descriptions(trimmed)
    assert banks.normalise_descriptions(kept)["description"] == "First line; second line."
    # a property that happens to be called "description" is a schema, not text
    schema = banks.json_schema()
    assert isinstance(schema["$defs"]["CategoryDef"]["properties"]["description"], dict)
    texts = re.findall(r'"description": "([^"]*)"', json.dumps(schema, ensure_ascii=False))
    assert texts and all("\\n" not in t and "  " not in t for t in texts)


# --- user banks and merging ----------------------------------------------------------------------


def test_user_banks_folder_is_merged(home: Path) -> None:
    user = home / "banks"
    user.mkdir(parents=True)
    (user / "sales.yaml").write_text(GOOD_BANK, encoding="utf-8")
    catalog = banks.load_catalog()
    assert catalog.category("営業の深掘り").id == "my-sales"
    assert [q.id for q in catalog.questions_of("my-sales")] == ["my-sales-01"]


def test_bank_option_accepts_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder, "a.yaml", GOOD_BANK)
    catalog = banks.load_catalog([folder])
    assert "my-sales" in catalog.categories


def test_a_bank_can_add_questions_to_a_builtin_category(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "more.yaml",
        """\
        category:
          id: growth
        questions:
          - id: growth-90
            text: 最近一番時間を使って学んだことは何ですか。
            intent: 自走して学ぶ習慣があるかを見ます。
            follow_ups:
              conclusion: [一言で言うと何ですか。]
              reason: [なぜそれを学んだのですか。]
              example: [いつ、どんな場面で使いましたか。]
              probes: [なぜそれを選んだのですか。, 続かなかったらどうしますか。]
            tips: [仕事への活かし方まで話しましょう。]
        """,
    )
    catalog = banks.load_catalog([path])
    assert "growth-90" in [q.id for q in catalog.questions_of("growth")]


def test_duplicate_question_id_names_both_files(tmp_path: Path) -> None:
    first = write(tmp_path, "one.yaml", GOOD_BANK)
    second = write(
        tmp_path,
        "two.yaml",
        "category:\n  id: my-sales\nquestions:\n" + GOOD_BANK.split("questions:\n", 1)[1],
    )
    with pytest.raises(CoachError) as info:
        banks.load_catalog([first, second])
    message = str(info.value)
    assert "my-sales-01" in message
    assert "one.yaml" in message and "two.yaml" in message


def test_category_lookup_accepts_the_japanese_name(catalog: banks.Catalog) -> None:
    assert catalog.category("成長意欲").id == "growth"
    assert catalog.category(" GROWTH ").id == "growth"


def test_unknown_category_lists_valid_ids(catalog: banks.Catalog) -> None:
    with pytest.raises(CoachError) as info:
        catalog.category("宇宙飛行")
    assert "宇宙飛行" in str(info.value)
    assert "growth（成長意欲）" in str(info.value)


# --- malformed banks: one line with file, line and field path ---------------------------------


def test_wrong_type_reports_file_line_and_field_path(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("      result: [結果はどうなりましたか。]", "      result: 結果は？")
    path = write(tmp_path, "growth.yaml", text)
    message = error_of(path)
    line = text.splitlines().index("      result: 結果は？") + 1
    assert message.startswith(f"{path}:{line}: questions[0].follow_ups.result: ")
    assert "文字列のリスト" in message
    assert "\n" not in message


def test_missing_field_is_named(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("    intent: 商談の進め方に再現性があるかを見ます。\n", "")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert ":7: questions[0].intent: 必須の項目がありません" in message  # the item's line


def test_unknown_field_is_named(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("    tips:", "    tipz: [x]\n    tips:")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert "questions[0].tipz: 知らない項目です" in message


def test_missing_follow_up_for_an_expected_element(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("      ingenuity: [あなたなりの工夫は何ですか。]\n", "")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert "questions[0].follow_ups.ingenuity: 工夫が足りないときの追質問" in message


def test_question_id_must_start_with_the_category(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("id: my-sales-01", "id: other-01")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert "questions[0].id: 質問IDはカテゴリIDで始めてください" in message


def test_invalid_structure_is_explained(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("structure: both", "structure: star")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert "category.structure: 'star' は使えません" in message


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The checks must hold with and without libyaml (PyYAML falls back to its own parser)."""
    import yaml

    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(banks, "_SafeLoader", banks.plain_loader(yaml.CSafeLoader))
    else:
        monkeypatch.setattr(banks, "_SafeLoader", banks.plain_loader(yaml.SafeLoader))
    return str(request.param)


@pytest.mark.parametrize(
    "tag", ["!!python/object/apply:os.system", "!!python/name:os.system", "!custom"]
)
def test_python_tags_are_refused_and_shown_intact(tmp_path: Path, tag: str, loader: str) -> None:
    path = write(tmp_path, "evil.yaml", f"category:\n  id: {tag} ['echo hacked']\n")
    message = error_of(path)
    assert message.startswith(f"{path}:2: YAML エラー")
    assert f"使えないYAMLタグです（安全のため {tag} は読み込みません）" in message


# --- hostile YAML: one line, exit 2, at once ----------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    text = "\n".join(lines) + "\n"
    return text + "# " + "x" * max(0, 1020 - len(text)) + "\n"  # the 1 KB file of the issue


HOSTILE = {
    "bomb": billion_laughs(),
    "self-mapping": "category: &c\n  id: x\n  again: *c\n",
    "self-sequence": "category:\n  id: x\nquestions: &q [1, *q]\n",
    "merge": "base: &b {id: x}\ncategory:\n  <<: *b\n",
    "unused-anchor": "category:\n  id: &i my-sales\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_aliases_and_anchors_are_refused_at_once(
    tmp_path: Path, runner: CliRunner, name: str, loader: str
) -> None:
    text = HOSTILE[name]
    path = write(tmp_path, f"{name}.yaml", text)
    anchor_line = next(i for i, line in enumerate(text.splitlines(), 1) if "&" in line)
    started = time.perf_counter()
    result = runner.invoke(app, ["banks", "validate", str(path)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2, result.output
    assert elapsed < 1.0
    [line] = result.stderr.splitlines()
    assert line.startswith(f"coach: エラー: {path}:{anchor_line}: YAML エラー: ")
    assert "アンカー（&）と別名（*）は使えません" in line


@pytest.mark.parametrize("name", ["bomb", "self-mapping"])
def test_company_files_refuse_aliases_too(tmp_path: Path, runner: CliRunner, name: str) -> None:
    path = write(tmp_path, "company.yaml", HOSTILE[name])
    started = time.perf_counter()
    result = runner.invoke(app, ["company", "show", str(path)])
    assert time.perf_counter() - started < 1.0
    assert result.exit_code == 2, result.output
    assert "アンカー（&）と別名（*）は使えません" in result.stderr
    assert "Traceback" not in result.output


def test_profile_files_refuse_aliases_too(home: Path) -> None:
    # profiles go through the same parse_yaml (coach.second)
    path = home / "profile.yaml"
    home.mkdir(parents=True, exist_ok=True)
    path.write_text("round_one: &r\n  self_pr: x\ncareer_axis:\n  statement: *r\n", "utf-8")
    with pytest.raises(CoachError, match=r"profile.yaml:1: YAML エラー: アンカー"):
        banks.parse_yaml(path)


@pytest.mark.parametrize("depth", [60, 995, 5000])
def test_deep_nesting_is_one_line(tmp_path: Path, depth: int, loader: str) -> None:
    path = write(tmp_path, "deep.yaml", "category: " + "[" * depth + "]" * depth + "\n")
    message = error_of(path)
    assert message.startswith(f"{path}:1: YAML エラー: 入れ子が深すぎます")


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_control_characters_give_one_line_with_the_line(
    tmp_path: Path, runner: CliRunner, char: str, code: str, loader: str
) -> None:
    # Japanese before the character: libyaml counts bytes, so a byte offset would miss the line
    text = GOOD_BANK.replace(
        "    tips: [結論から話しましょう。]", f"    tips: [結論から{char}話しましょう。]"
    )
    path = write(tmp_path, "ctrl.yaml", text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if char in row)
    result = runner.invoke(app, ["banks", "validate", str(path)])
    assert result.exit_code == 2
    [message] = result.stderr.splitlines()
    assert message.startswith(f"coach: エラー: {path}:{line}: YAML エラー: 使えない制御文字")
    assert code in message


@pytest.mark.parametrize(
    ("key", "kind"), [("1", "整数"), ("yes", "真偽値"), ("null", "空の値"), ("1.5", "数値")]
)
def test_a_non_string_key_is_reported_at_its_own_line(
    tmp_path: Path, key: str, kind: str, loader: str
) -> None:
    text = GOOD_BANK.replace("    tips:", f"    {key}: x\n    tips:")
    line = text.splitlines().index(f"    {key}: x") + 1
    message = error_of(write(tmp_path, "b.yaml", text))
    assert message.startswith(f"{tmp_path / 'b.yaml'}:{line}: questions[0].{key}: キー {key} が")
    assert f"{kind}として読まれます" in message


# Broken YAML as people write it: each must be one Japanese line with its line number, with
# libyaml and without (the two parsers word their complaints differently).
BROKEN_YAML = {
    "two documents": ("category:\n  id: x\n---\ncategory:\n  id: y\n", 3, "文書は1つだけ"),
    "tab indent": ("category:\n\tid: x\n", 2, "タブ"),
    "tab after spaces": ("category:\n  id: x\n  \tname: y\n", 3, "タブ"),
    "bad escape": ('category:\n  id: "a\\qb"\n', 2, "「\\」の使い方"),
    "at sign": ("category:\n  id: @x\n", 2, "値の先頭に「@」は書けません"),
    "backtick": ("category:\n  id: `x\n", 2, "値の先頭に「`」は書けません"),
    "double comma": ("category: [a,, b]\n", 1, "値がありません"),
    "colon in value": ("category:\n  id: x: y\n", 2, "「キー: 値」を書けません"),
    "unclosed brace": ("category: {id: x\n", 2, "「}」で閉じていない"),
    "bad explicit int": ("category:\n  id: x\n  order: !!int abc\n", 3, "!!int として読めません"),
    "bad explicit date": (
        "category:\n  id: x\n  name: !!timestamp 2024-02-30\n",
        3,
        "!!timestamp として読めません",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_broken_yaml_is_one_japanese_line(tmp_path: Path, name: str, loader: str) -> None:
    text, line, expected = BROKEN_YAML[name]
    path = write(tmp_path, "broken.yaml", text)
    with pytest.raises(CoachError) as info:
        banks.parse_yaml(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: YAML エラー: "), message
    assert expected in message, message
    assert "\n" not in message
    assert not re.search(r"\b(found|expected|but|not allowed)\b", message), message


def test_a_value_that_looks_like_a_date_stays_text(tmp_path: Path, loader: str) -> None:
    # YAML 1.1 would make it a date (or crash on 2024-02-30); no field of ours is a date
    path = write(tmp_path, "c.yaml", "name: 2024-02-30\nrole: 2024-04-01\n")
    data, _node = banks.parse_yaml(path)
    assert data == {"name": "2024-02-30", "role": "2024-04-01"}


# msgspec's messages for every kind of wrong value in every field: none may stay in English
WRONG_VALUES: list[object] = [1, 1.5, True, None, "", "x", [], [1], ["x"], {}, {"k": 1}, 10, 999]


def _leaf_paths(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(data, dict):
        out = [path] if path else []
        for key, value in data.items():
            out += _leaf_paths(value, (*path, key))
        return out
    if isinstance(data, list):
        return [path] + [p for i, v in enumerate(data) for p in _leaf_paths(v, (*path, i))]
    return [path]


def _replaced(data: object, path: tuple[str | int, ...], value: object) -> object:
    if not path:
        return value
    copy = json.loads(json.dumps(data))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


def test_every_validation_error_is_in_japanese_and_names_the_field() -> None:
    import msgspec
    import yaml

    good = yaml.safe_load(GOOD_BANK)
    good["questions"][0]["seconds"] = 30
    good["questions"][0]["expects"] = ["result"]
    seen = 0
    for path in _leaf_paths(good):
        for value in WRONG_VALUES:
            try:
                msgspec.convert(_replaced(good, path, value), banks.BankFile)
            except msgspec.ValidationError as exc:
                where, message = bank_messages.translate(str(exc))
            else:
                continue
            seen += 1
            assert not re.search(r"Expected|got|Object|Invalid|`", message), (path, value, message)
            assert re.search(r"[ぁ-んァ-ヶ一-龥]", message), message
            assert tuple(where[: len(path)]) == path[: len(where)], (path, where)
    assert seen > 200


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        (
            "    tips:",
            "    seconds: abc\n    tips:",
            "questions[0].seconds",
            "整数が必要です（実際は文字列）",
        ),
        (
            "    tips:",
            "    seconds: 5\n    tips:",
            "questions[0].seconds",
            "15以上の整数にしてください",
        ),
        (
            "    tips:",
            "    seconds: 500\n    tips:",
            "questions[0].seconds",
            "180以下の整数にしてください",
        ),
        (
            "    tips:",
            "    expects: result\n    tips:",
            "questions[0].expects",
            "文字列のリストが必要です",
        ),
        (
            "  structure: both",
            "  structure: 3",
            "category.structure",
            "文字列が必要です（実際は整数）",
        ),
        ("  structure: both", "  order: x\n  structure: both", "category.order", "整数が必要です"),
    ],
)
def test_validation_errors_are_translated(
    tmp_path: Path, old: str, new: str, field: str, expected: str
) -> None:
    message = error_of(write(tmp_path, "b.yaml", GOOD_BANK.replace(old, new, 1)))
    assert f": {field}: {expected}" in message


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", "category:\n  id: x\n  name: [unclosed\n")
    assert re.match(rf"{re.escape(str(path))}:\d+: YAML エラー", error_of(path))


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("  name: 営業の深掘り\n", "  name: 営業の深掘り\n  name: 二つ目\n")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert ":4: category.name: キーが重複しています" in message


def test_non_utf8_and_empty_files(tmp_path: Path) -> None:
    sjis = tmp_path / "sjis.yaml"
    sjis.write_bytes(GOOD_BANK.encode("shift_jis"))
    assert "UTF-8 として読めません" in error_of(sjis)
    empty = write(tmp_path, "empty.yaml", "\n")
    assert "空のファイル" in error_of(empty)


def test_new_category_needs_its_name(tmp_path: Path) -> None:
    text = GOOD_BANK.replace("  name: 営業の深掘り\n", "")
    message = error_of(write(tmp_path, "b.yaml", text))
    assert "category.name: 新しいカテゴリには必須の項目です" in message


def test_validate_collects_errors_per_file(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD_BANK)
    files, questions, errors = banks.validate([good])
    assert (files, questions, errors) == (1, 1, [])
    bad = write(tmp_path, "bad.yaml", "category: [1, 2]\n")
    files, questions, errors = banks.validate([good, bad, tmp_path / "missing.yaml"])
    assert len(errors) == 2
    assert any("missing.yaml" in e for e in errors)


def test_builtin_dir_is_found_from_the_package() -> None:
    assert (paths.builtin_banks_dir() / "ja" / "growth.yaml").is_file()


def _as_practised(catalog: banks.Catalog, q: banks.Question, text: str) -> object:
    """The analysis a practice gives this text under this question (coach.session's check)."""
    from coach.analysis import analyze

    cat = catalog.category_of(q)
    return analyze(
        text,
        category=cat.id,
        structure=cat.structure,
        question=q.text,
        asks=tuple(q.asks) if q.asks else None,
        expects=catalog.expects(q),
        target_seconds=q.seconds,
    )


def test_model_answers_pass_the_coachs_own_check(catalog: banks.Catalog) -> None:
    """Every model answer, checked as the practice checks an answer to its question: score 80 or
    more, no error-level finding, not off-topic, no red flag."""
    problems = []
    for q in catalog.all_questions():
        assert q.model_answer, q.id
        a = _as_practised(catalog, q, q.model_answer)
        bad = [f.code for f in a.findings if f.level == "error"]  # type: ignore[attr-defined]
        bad += [f"red flag {f.code}" for f in a.red_flags]  # type: ignore[attr-defined]
        if a.extras["relevance"].off_topic:  # type: ignore[attr-defined]
            bad.append("off-topic")
        if a.score < 80:  # type: ignore[attr-defined]
            bad.append(f"score {a.score}")  # type: ignore[attr-defined]
        if bad:
            problems.append(f"{q.id}: {bad}")
    assert not problems, "model answers that fail their own question:\n" + "\n".join(problems)


def test_the_check_of_model_answers_can_fail(catalog: banks.Catalog) -> None:
    # the test above means something only if an answer to another question is caught
    motivation = catalog.question("motivation-01")
    other = catalog.question("role-engineer-03")  # an outage told where 「なぜ当社か」 is asked
    assert other.model_answer
    a = _as_practised(catalog, motivation, other.model_answer)
    assert a.extras["relevance"].off_topic or a.score < 80  # type: ignore[attr-defined]


def test_every_question_has_asks_a_model_answer_and_enough_follow_ups(
    catalog: banks.Catalog,
) -> None:
    questions = list(catalog.all_questions())
    assert len(questions) >= 250
    for q in questions:
        assert q.asks, q.id
        assert q.model_answer, q.id
        cat = catalog.category_of(q)
        if cat.kind == "role" or cat.id in ("management", "conditions"):
            assert len(q.follow_ups.probes) >= 3, q.id  # the reviewed banks: three probes each


def test_model_answers_do_not_share_one_template(catalog: banks.Catalog) -> None:
    answers = [q.model_answer or "" for q in catalog.all_questions()]
    for phrase in ("工夫した点は", "あえて"):
        share = sum(phrase in a for a in answers) / len(answers)
        assert share <= 0.3, f"{phrase}: {share:.0%} of the model answers"


def test_introduction_and_motivation_have_a_30_second_answer(catalog: banks.Catalog) -> None:
    for cat_id in ("introduction", "motivation"):
        for q in catalog.questions_of(cat_id):
            assert q.model_answer_short, q.id
            chars = sum(1 for ch in q.model_answer_short if not ch.isspace())
            assert 100 <= chars <= 150, (q.id, chars)
            assert chars < sum(1 for ch in q.model_answer or "" if not ch.isspace()), q.id


def test_role_banks_load_by_default(catalog: banks.Catalog) -> None:
    from coach import roles

    found = roles.roles(catalog)
    assert len(found) >= 8
    for cat in found:
        assert cat.kind == "role" and cat.id.startswith("role-")
        assert len(catalog.questions_of(cat.id)) >= 10, cat.id
    assert {"management", "conditions"} <= set(catalog.categories)
    assert not (ROOT / "question_banks" / "drafts").exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sales", "role-sales"),
        ("role-sales", "role-sales"),
        ("営業", "role-sales"),
        ("営業職", "role-sales"),
        ("営業職の深掘り", "role-sales"),
        (" ＳＡＬＥＳ ", "role-sales"),
        ("看護師", "role-nursing"),
        ("施工管理", "role-construction"),
    ],
)
def test_a_role_is_found_by_id_or_japanese_name(
    catalog: banks.Catalog, typed: str, expected: str
) -> None:
    from coach import roles

    assert roles.find_role(catalog, typed).id == expected


def test_a_general_category_is_not_a_role(catalog: banks.Catalog) -> None:
    from coach import roles

    with pytest.raises(CoachError, match="不明な職種です: 'growth'"):
        roles.find_role(catalog, "growth")


def test_mix_alternates_and_fills_from_the_longer_side(catalog: banks.Catalog) -> None:
    from coach import roles

    general = catalog.questions_of("growth")[:1]
    role = catalog.questions_of("role-hr")[:4]
    mixed = roles.mix(general, role, 4)
    assert [q.id for q in mixed] == [general[0].id, *[q.id for q in role[:3]]]
    assert roles.mix(general, role, 10) == [general[0], *role]
