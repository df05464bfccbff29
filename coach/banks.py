"""Question banks: the schema, safe YAML loading, and merging built-in and user banks.

The schema is defined once, here, with msgspec (its import and validation cost a fifth of
pydantic's and its errors carry the field path). ``coach banks schema`` exports it as JSON Schema
for YAML editors; ``question_banks/schema.json`` is that export and a test keeps it in sync.

Every problem is reported as a :class:`~coach.errors.CoachError` with one line of the form
``FILE:LINE: FIELD.PATH: what is wrong``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
import yaml

from coach import domain, paths
from coach.bank_messages import translate
from coach.domain import ELEMENT_JA, STRUCTURE_ELEMENTS, Element, Structure
from coach.errors import CoachError, parser_message
from coach.files import read_text

CATEGORY_ID = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
Text = Annotated[str, msgspec.Meta(min_length=1)]
Texts = list[Text]
_translate = translate  # coach.profile reads its own YAML errors with it, by this name


class CategoryDef(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """The category a bank file belongs to. A new category needs name, description, structure;
    a file that adds questions to an existing category gives only its id."""

    id: Annotated[
        str,
        msgspec.Meta(pattern=CATEGORY_ID, description="カテゴリID（英小文字とハイフン）"),
    ]
    name: Annotated[Text, msgspec.Meta(description="カテゴリの日本語名")] | None = None
    description: (
        Annotated[Text, msgspec.Meta(description="現場の面接官がこのカテゴリで確認すること")] | None
    ) = None
    structure: (
        Annotated[
            Literal["prep", "ari", "both", "reverse"],
            msgspec.Meta(
                description=(
                    "回答に求める型: prep=結論→理由→具体例, ari=行動・結果・工夫, "
                    "both=両方, reverse=逆質問"
                )
            ),
        ]
        | None
    ) = None
    order: Annotated[int, msgspec.Meta(description="一覧での並び順（小さいほど先）")] | None = None
    kind: Annotated[domain.Kind, msgspec.Meta(description="general=共通, role=職種別")] = "general"
    aliases: Annotated[
        Texts,
        msgspec.Meta(
            description="-c などで使える短い名前・別名（例: 失敗, 志望動機）。IDと日本語名は書かなくても使えます"
        ),
    ] = []


class FollowUps(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Follow-up questions, keyed by the element the answer is missing, plus generic probes."""

    probes: Annotated[
        Texts,
        msgspec.Meta(
            min_length=2, description="要素に関係なく使える深掘り（なぜ？他の選択肢は？など）"
        ),
    ]
    conclusion: Annotated[Texts, msgspec.Meta(description="結論がないときの追質問")] = []
    reason: Annotated[Texts, msgspec.Meta(description="理由がないときの追質問")] = []
    example: Annotated[Texts, msgspec.Meta(description="具体例がないときの追質問")] = []
    action: Annotated[Texts, msgspec.Meta(description="自分の行動がないときの追質問")] = []
    result: Annotated[Texts, msgspec.Meta(description="結果がないときの追質問")] = []
    ingenuity: Annotated[Texts, msgspec.Meta(description="工夫・判断がないときの追質問")] = []
    quantified: Annotated[Texts, msgspec.Meta(description="数字がないときの追質問")] = []
    question: Annotated[
        Texts, msgspec.Meta(description="逆質問で何も質問しなかったときの追質問")
    ] = []

    def for_element(self, element: str) -> list[str]:
        value = getattr(self, element, [])
        return list(value) if isinstance(value, list) else []


class Question(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    id: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9]{2,}$",
            description="<カテゴリID>-NN の形の固定ID",
        ),
    ]
    text: Annotated[Text, msgspec.Meta(description="現場の面接官が聞く質問文")]
    intent: Annotated[Text, msgspec.Meta(description="面接官の意図（1〜2文）")]
    follow_ups: FollowUps
    tips: Annotated[Texts, msgspec.Meta(min_length=1, description="答えるときのヒント")]
    model_answer: Annotated[Text, msgspec.Meta(description="模範回答")] | None = None
    model_answer_short: Annotated[Text, msgspec.Meta(description="30秒版の模範回答")] | None = None
    asks: (
        Annotated[list[domain.Ask], msgspec.Meta(min_length=1, description=domain.ASKS_DESCRIPTION)]
        | None
    ) = None
    expects: (
        Annotated[
            list[
                Literal[
                    "conclusion",
                    "reason",
                    "example",
                    "action",
                    "result",
                    "ingenuity",
                    "quantified",
                ]
            ],
            msgspec.Meta(description="この質問で特に求める要素（省略時はカテゴリの型から）"),
        ]
        | None
    ) = None
    seconds: (
        Annotated[
            int,
            msgspec.Meta(
                ge=15,
                le=180,
                description="話す長さの目安（秒）。質問が「30秒で」と求めるとき（省略時は60秒）",
            ),
        ]
        | None
    ) = None


class BankFile(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """One YAML bank file: a category and its questions."""

    category: CategoryDef
    questions: list[Question] = []


# --- the merged, loaded catalogue ------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str
    structure: Structure
    order: int
    source: Path
    kind: domain.Kind = "general"
    aliases: tuple[str, ...] = ()

    @property
    def expects(self) -> tuple[Element, ...]:
        return STRUCTURE_ELEMENTS[self.structure]


@dataclass
class Catalog:
    """Every category and question from the built-in and user banks, merged."""

    categories: dict[str, Category] = field(default_factory=dict)
    questions: dict[str, list[Question]] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # question id -> file

    def ordered(self) -> list[Category]:
        return sorted(self.categories.values(), key=lambda c: (c.order, c.id))

    def category(self, name_or_id: str) -> Category:
        """Look a category up by id, Japanese name, short name or alias (coach.category_names);
        unknown or ambiguous → CoachError naming the candidates."""
        from coach.category_names import resolve

        return resolve(self.ordered(), name_or_id)

    def questions_of(self, category_id: str) -> list[Question]:
        return list(self.questions.get(category_id, []))

    def question(self, question_id: str) -> Question:
        for items in self.questions.values():
            for q in items:
                if q.id == question_id:
                    return q
        raise CoachError(f"不明な質問IDです: '{question_id}'")

    def category_of(self, question: Question) -> Category:
        cat_id = question.id.rsplit("-", 1)[0]
        return self.categories[cat_id]

    def expects(self, question: Question) -> tuple[Element, ...]:
        """The elements an answer to ``question`` is scored on: its own `expects` (else its
        category's, fitted to its asks), less those its asks do not demand (a self-introduction
        that asks facts demands its point and a figure, not an episode): what the question
        panel, the checklist, the rules and the score all use."""
        from coach.analysis.asks import demanded, infer_asks
        from coach.analysis.score import demanded_elements

        asks = question.asks or infer_asks(question.text)
        declared = question.expects or demanded(self.category_of(question).expects, asks)
        return demanded_elements(declared, asks)  # type: ignore[return-value]

    def all_questions(self) -> Iterator[Question]:
        for cat in self.ordered():
            yield from self.questions.get(cat.id, [])


# --- loading one file -------------------------------------------------------------------------


@dataclass
class LoadedFile:
    path: Path
    bank: BankFile
    root: yaml.Node | None  # None when the bank came from the cache: parsed again if needed

    def line_of(self, path: Sequence[str | int]) -> int:
        if self.root is None:
            self.root = parse_yaml(self.path)[1]
        return _line_of(self.root, path) if self.root is not None else 1

    def error(self, path: Sequence[str | int], message: str) -> CoachError:
        return CoachError(f"{_display(self.path)}:{self.line_of(path)}: {_dotted(path)}: {message}")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(ファイル全体)"


def _line_of(node: yaml.Node, path: Sequence[str | int]) -> int:
    """1-based line of the node at ``path``, or of the deepest ancestor that exists."""
    current = node
    for part in path:
        nxt: yaml.Node | None = None
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    # a missing or empty value points at its key
                    nxt = value if value.start_mark.line >= key.start_mark.line else key
                    if isinstance(value, yaml.ScalarNode) and value.value == "":
                        nxt = key
                    break
        elif (
            isinstance(current, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(current.value)
        ):
            nxt = current.value[part]
        if nxt is None:
            break
        current = nxt
    return int(current.start_mark.line) + 1


# A bank or profile is a few levels deep; anything deeper is a mistake or an attack, and the
# recursive checks below must never meet Python's recursion limit.
MAX_DEPTH = 50

_STR_TAG = "tag:yaml.org,2002:str"
_KEY_KINDS = {
    "tag:yaml.org,2002:int": "整数",
    "tag:yaml.org,2002:float": "数値",
    "tag:yaml.org,2002:bool": "真偽値",
    "tag:yaml.org,2002:null": "空の値",
    "tag:yaml.org,2002:timestamp": "日付",
    "tag:yaml.org,2002:merge": "マージ（<<）",
}


def _check_keys(node: yaml.Node, path: list[str | int], file: Path) -> None:
    """Every key a string, and none twice. The tree has no aliases (see _scan), so each node is
    visited once."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if not isinstance(key, yaml.ScalarNode):
                raise CoachError(
                    f"{_display(file)}:{line}: {_dotted(path)}: "
                    "キーにリストやマッピングは使えません（文字列で書いてください）"
                )
            if key.tag != _STR_TAG:
                kind = _KEY_KINDS.get(key.tag, "文字列以外")
                raise CoachError(
                    f"{_display(file)}:{line}: {_dotted([*path, key.value])}: "
                    f"キー {key.value} が{kind}として読まれます"
                    f'（"{key.value}" のように引用符で囲むか、綴りを確認してください）'
                )
            if key.value in seen:
                where = _dotted([*path, key.value])
                raise CoachError(
                    f"{_display(file)}:{line}: {where}: "
                    f"キーが重複しています（{seen[key.value]}行目にもあります）"
                )
            seen[key.value] = line
            _check_keys(value, [*path, key.value], file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_keys(item, [*path, i], file)


def plain_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """``base`` without YAML 1.1's implicit timestamps: no field is a date, and a text that looks
    like one (2024-02-30) would otherwise become a date object or crash the constructor."""
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    return type("PlainLoader", (base,), {"yaml_implicit_resolvers": resolvers})


_SafeLoader = plain_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _scan(text: str, shown: str) -> None:
    """Refuse anchors, aliases and deep nesting from the event stream, before any tree is built.

    An alias makes a node shared: nine levels of nine aliases in 1 KB expand to 387 million
    strings for anything that walks the data, and an alias inside its own anchor is a cycle.
    No bank, profile or company file needs one, so none is allowed.
    """
    # Any: the loader's methods are untyped in older types-PyYAML stubs
    loader: Any = _SafeLoader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            row = event.start_mark.line + 1 if event.start_mark is not None else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise CoachError(
                    f"{shown}:{row}: YAML エラー: "
                    "アンカー（&）と別名（*）は使えません（同じ内容はそれぞれの場所に書いてください）"
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise CoachError(
                        f"{shown}:{row}: YAML エラー: 入れ子が深すぎます（{MAX_DEPTH}段まで）"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _tag_problem(problem: str) -> str | None:
    """The refused tag as the user wrote it (!!python/object/apply:os.system), if any."""
    m = re.search(r"tag '(.+)'", problem)
    if m is None:
        return None
    tag = m.group(1).replace("tag:yaml.org,2002:", "!!", 1)
    return f"使えないYAMLタグです（安全のため {tag} は読み込みません）"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _character_at(text: str, mark: Any) -> str | None:
    lines = text.splitlines()
    if mark is None or not 0 <= mark.line < len(lines):
        return None
    row = lines[mark.line]
    return row[mark.column] if 0 <= mark.column < len(row) else None


def _unconstructible(node: yaml.Node) -> yaml.Node | None:
    """The first scalar whose explicit tag cannot take its value (!!int abc), for its line."""
    constructor: Any = yaml.SafeLoader("")
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current)
            except Exception:
                return current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(reversed([n for pair in current.value for n in pair]))
    return None


def parse_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Read a YAML file with the safe loader; return (data, node tree).

    Beyond YAML itself: no anchors or aliases, at most MAX_DEPTH levels, every key a string
    and none twice (banks, profiles and company files are all records with named fields).
    """
    shown = _display(path)
    text = read_text(path, shown)
    try:
        _scan(text, shown)
        loader: Any = _SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_keys(node, [], path)
            try:
                data = loader.construct_document(node) if node is not None else None
            except (ValueError, OverflowError, TypeError):
                # an explicit tag the value does not fit (!!int abc): Python's error, not YAML's
                bad = _unconstructible(node) if node is not None else None
                if bad is None:
                    raise CoachError(f"{shown}: YAML エラー: 読み込めない値があります") from None
                tag = str(bad.tag).replace("tag:yaml.org,2002:", "!!", 1)
                raise CoachError(
                    f"{shown}:{bad.start_mark.line + 1}: YAML エラー: "
                    f"「{bad.value}」は {tag} として読めません（タグを消すか値を直してください）"
                ) from None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raw = exc.problem or exc.context or "YAML の書式が正しくありません"
        problem = parser_message(raw)
        if isinstance(exc, yaml.constructor.ConstructorError):
            problem = _tag_problem(raw) or problem
        elif raw.startswith("found character") and (char := _character_at(text, mark)):
            problem = (
                "インデントにタブは使えません（スペースで）"
                if char == "\t"
                else f"値の先頭に「{char}」は書けません（引用符で囲んでください）"
            )
        raise CoachError(f"{shown}{line}: YAML エラー: {_one_line(problem)}") from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, PyYAML in characters: find the character
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        at = text.find(chr(code))
        row = text.count("\n", 0, at) + 1
        where = f"{shown}:{row}" if at >= 0 else shown
        raise CoachError(
            f"{where}: YAML エラー: 使えない制御文字（U+{code:04X}）があります"
            "（NUL やエスケープ文字は書けません。消してください）"
        ) from None
    except yaml.YAMLError as exc:
        raise CoachError(f"{shown}: YAML エラー: {_one_line(str(exc))}") from None
    return data, node


def load_file(path: Path) -> LoadedFile:
    from coach import bank_cache

    builtin = bank_cache.is_builtin(path)
    if builtin and (cached := bank_cache.load(path, BankFile)) is not None:
        return LoadedFile(path, cached, None)
    data, node = parse_yaml(path)
    if node is None or data is None:
        raise CoachError(f"{_display(path)}: 空のファイルです（category と questions が必要です）")
    try:
        bank = msgspec.convert(data, BankFile)
    except msgspec.ValidationError as exc:
        where, message = translate(str(exc))
        loaded = LoadedFile(path, BankFile(CategoryDef(id="x")), node)
        raise loaded.error(where, message) from None
    if builtin:
        bank_cache.store(path, bank)
    return LoadedFile(path, bank, node)


# --- merging ----------------------------------------------------------------------------------


def bank_files(path: Path) -> list[Path]:
    """The YAML files a --bank argument names: the file itself, or every *.yaml below a folder."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not path.exists():
        raise CoachError(f"{_display(path)}: ファイルまたはフォルダが見つかりません")
    return [path]


def default_sources(extra: Iterable[Path] = ()) -> list[Path]:
    """Built-in banks, then the user's banks folder, then each --bank path."""
    files = bank_files(paths.builtin_banks_dir() / "ja")
    user_dir = paths.user_banks_dir()
    if user_dir.is_dir():
        files += bank_files(user_dir)
    for p in extra:
        files += bank_files(Path(p))
    return files


def merge(loaded: Iterable[LoadedFile]) -> Catalog:
    catalog = Catalog()
    defined_in: dict[str, LoadedFile] = {}
    pending: list[LoadedFile] = []
    for f in loaded:
        cat = f.bank.category
        if cat.name is not None or cat.description is not None or cat.structure is not None:
            if cat.id in defined_in:
                other = _display(defined_in[cat.id].path)
                raise f.error(["category", "id"], f"カテゴリ '{cat.id}' は {other} で定義済みです")
            for key in ("name", "description", "structure"):
                if getattr(cat, key) is None:
                    raise f.error(["category", key], "新しいカテゴリには必須の項目です")
            assert cat.name and cat.description and cat.structure
            defined_in[cat.id] = f
            catalog.categories[cat.id] = Category(
                id=cat.id,
                name=cat.name,
                description=cat.description,
                structure=cat.structure,
                order=cat.order if cat.order is not None else 1000,
                source=f.path,
                kind=cat.kind,
                aliases=tuple(cat.aliases),
            )
        pending.append(f)
    for f in pending:
        cat_id = f.bank.category.id
        if cat_id not in catalog.categories:
            raise f.error(
                ["category", "id"],
                f"カテゴリ '{cat_id}' はどのバンクでも定義されていません"
                "（新しいカテゴリなら name, description, structure を書いてください）",
            )
        known = catalog.categories[cat_id]
        if f.bank.category.aliases and f is not defined_in[cat_id]:
            # a file that adds questions may add names too (its own team's word for the category)
            added = tuple(dict.fromkeys([*known.aliases, *f.bank.category.aliases]))
            catalog.categories[cat_id] = replace(known, aliases=added)
        structure = known.structure
        for i, q in enumerate(f.bank.questions):
            _check_question(f, i, q, cat_id, structure)
            if q.id in catalog.sources:
                first = _display(catalog.sources[q.id])
                raise f.error(
                    ["questions", i, "id"],
                    f"質問ID '{q.id}' が重複しています（{first} にもあります）",
                )
            catalog.sources[q.id] = f.path
            catalog.questions.setdefault(cat_id, []).append(q)
    return catalog


def _check_question(f: LoadedFile, i: int, q: Question, cat_id: str, structure: str) -> None:
    if q.id.rsplit("-", 1)[0] != cat_id:
        raise f.error(
            ["questions", i, "id"], f"質問IDはカテゴリIDで始めてください（例: {cat_id}-01）"
        )
    needed: tuple[str, ...] = STRUCTURE_ELEMENTS[structure] if structure != "reverse" else ()
    if q.expects:
        needed = tuple(dict.fromkeys([*needed, *q.expects]))
    for element in needed:
        if not q.follow_ups.for_element(element):
            raise f.error(
                ["questions", i, "follow_ups", element],
                f"{ELEMENT_JA[element]}が足りないときの追質問を1つ以上書いてください",
            )
    if structure == "reverse" and not q.follow_ups.question:
        raise f.error(
            ["questions", i, "follow_ups", "question"],
            "逆質問のカテゴリでは、質問しなかったときの追質問を1つ以上書いてください",
        )


def load_catalog(extra: Iterable[Path] = ()) -> Catalog:
    return merge(load_file(p) for p in default_sources(extra))


def validate(paths_: Sequence[Path]) -> tuple[int, int, list[str]]:
    """Validate user banks against the built-ins. Returns (files, questions, errors)."""
    errors: list[str] = []
    files: list[LoadedFile] = []
    for p in paths_:
        try:
            targets = bank_files(Path(p))
        except CoachError as exc:
            errors.append(str(exc))
            continue
        if not targets:
            errors.append(f"{_display(Path(p))}: YAML ファイルがありません")
        for target in targets:
            try:
                files.append(load_file(target))
            except CoachError as exc:
                errors.append(str(exc))
    questions = 0
    if not errors:
        # the built-ins are only needed to check the merge: a broken file is reported at once
        mine = {f.path.resolve() for f in files}
        builtin = [
            load_file(p)
            for p in bank_files(paths.builtin_banks_dir() / "ja")
            if p.resolve() not in mine
        ]
        try:
            merged = merge([*builtin, *files])
        except CoachError as exc:
            errors.append(str(exc))
        else:
            own = {f.path for f in files}
            questions = sum(1 for src in merged.sources.values() if src in own)
    return len(files), questions, errors


def normalise_descriptions(node: Any) -> Any:
    """Every ``description`` in a JSON Schema on one line with single spaces.

    msgspec takes class descriptions from docstrings, and its versions trim their indentation
    differently (0.23 dedents continuation lines, older versions kept them); one line is what an
    editor's hover shows anyway, and it keeps the committed schema.json the same on every version.
    """
    if isinstance(node, dict):
        return {
            key: " ".join(value.split())
            if key == "description" and isinstance(value, str)
            else normalise_descriptions(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [normalise_descriptions(item) for item in node]
    return node


def json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = normalise_descriptions(msgspec.json.schema(BankFile))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "coach question bank"
    return schema
