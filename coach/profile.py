"""Round two's own material: the round-one answers, the career axis, the company profile.

The user's profile (``profile.yaml`` in the data folder) records what they said in the first
interview and their career axis (キャリアの軸). A company profile (any YAML file, passed with
``--company``) records what they know about the company. Here: the schemas, the YAML I/O, the
company template and the reverse questions built from a company. The rules read these through
:class:`coach.analysis.context.Context`. Everything here returns values; the CLI does the asking
and printing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Annotated, Any

import msgspec

from coach import paths
from coach.analysis.context import Context
from coach.errors import CoachError

Text = Annotated[str, msgspec.Meta(min_length=1)]


# --- the schemas ---------------------------------------------------------------------------------


class RoundOneAnswer(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    question: Annotated[Text, msgspec.Meta(description="一次面接で聞かれた質問")]
    answer: Annotated[Text, msgspec.Meta(description="そのとき答えた内容")]


class RoundOne(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    self_pr: Annotated[str, msgspec.Meta(description="自己紹介・自己PR")] = ""
    motivation: Annotated[str, msgspec.Meta(description="志望動機")] = ""
    reason_for_leaving: Annotated[str, msgspec.Meta(description="転職理由")] = ""
    others: list[RoundOneAnswer] = []

    def answers(self) -> list[tuple[str, str]]:
        out = [
            ("自己紹介・自己PR", self.self_pr),
            ("志望動機", self.motivation),
            ("転職理由", self.reason_for_leaving),
        ]
        out += [(o.question, o.answer) for o in self.others]
        return [(k, v) for k, v in out if v.strip()]


class CareerAxis(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    statement: Annotated[str, msgspec.Meta(description="キャリアの軸を一文で")] = ""
    keywords: Annotated[list[Text], msgspec.Meta(description="軸を表すキーワード（3〜5個）")] = []


class Profile(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    company: Annotated[
        str, msgspec.Meta(description="この一次面接の会社（会社ごとのプロフィールのとき）")
    ] = ""
    round_one: RoundOne = msgspec.field(default_factory=RoundOne)
    career_axis: CareerAxis = msgspec.field(default_factory=CareerAxis)
    role: Annotated[
        str, msgspec.Meta(description="職種別の深掘りの既定（sales・営業など。coach banks で一覧）")
    ] = ""


class Company(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    name: Annotated[Text, msgspec.Meta(description="会社名")]
    business: Annotated[str, msgspec.Meta(description="事業内容")] = ""
    issues: Annotated[
        list[Text], msgspec.Meta(description="今の課題・計画（中期経営計画、IR、ニュース）")
    ] = []
    values: Annotated[list[Text], msgspec.Meta(description="理念・大切にしている価値観")] = []
    role: Annotated[str, msgspec.Meta(description="応募している職種・ポジション")] = ""
    team: Annotated[
        str, msgspec.Meta(description="配属予定のチーム（人数・体制・仕事の進め方）")
    ] = ""
    key_terms: Annotated[list[Text], msgspec.Meta(description="その会社・業界ならではの言葉")] = []
    known_answers: Annotated[
        list[Text],
        msgspec.Meta(description="面接や説明会ですでに聞いたこと（逆質問で重複しないように）"),
    ] = []
    round_one: Annotated[
        RoundOne | None,
        msgspec.Meta(description="この会社の一次面接で答えた内容（プロフィールより優先）"),
    ] = None


PROFILE_FILE = "profile.yaml"
REJECTED_FILE = "profile.rejected.yaml"  # an edit that did not validate, kept beside the profile
COMPANY_PROFILES = "profiles"  # one profile per company, beside the unnamed default one

# characters a file name cannot hold on some system, and the ones that would leave the folder
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def profile_path(company: str | None = None) -> Path:
    """The unnamed profile (the default), or the profile kept for one company."""
    if company is None:
        return paths.data_dir() / PROFILE_FILE
    return paths.data_dir() / COMPANY_PROFILES / f"{company_slug(company)}.yaml"


def company_slug(name: str) -> str:
    """A company name as a file name: the same name however it was typed (全角・半角), and
    nothing that could leave the folder."""
    slug = _UNSAFE.sub("_", unicodedata.normalize("NFKC", name).strip()).strip(". ")
    if not slug:
        raise CoachError(
            f"会社名 '{name}' ではプロフィールを作れません。文字を含む名前にしてください"
        )
    return slug[:100]


def company_profiles() -> list[str]:
    """The companies that have a profile of their own, by name."""
    folder = paths.data_dir() / COMPANY_PROFILES
    names = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.stem.endswith(".rejected"):
            continue
        try:
            loaded = load_profile(path)
        except CoachError:
            loaded = None
        names.append(loaded.company if loaded is not None and loaded.company else path.stem)
    return names


def rejected_path(path: Path | None = None) -> Path:
    path = path or profile_path()
    if path.parent.name == COMPANY_PROFILES:
        return path.with_name(f"{path.stem}.rejected.yaml")
    return path.with_name(REJECTED_FILE)


def _load_struct(path: Path, kind: type[Any]) -> Any:
    from coach.banks import LoadedFile, _translate, parse_yaml

    data, node = parse_yaml(path)
    if node is None or data is None:
        raise CoachError(f"{path}: 空のファイルです")
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        where, message = _translate(str(exc))
        from coach.banks import BankFile, CategoryDef

        raise LoadedFile(path, BankFile(CategoryDef(id="x")), node).error(where, message) from None


def load_profile(path: Path | None = None) -> Profile | None:
    path = path or profile_path()
    if not path.exists():
        return None
    profile: Profile = _load_struct(path, Profile)
    return profile


def load_company(path: Path) -> Company:
    company: Company = _load_struct(path, Company)
    return company


def save_profile(profile: Profile, path: Path | None = None) -> Path:
    path = path or profile_path()
    _write(path, profile_yaml(profile).encode("utf-8"))
    return path


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` whole (a temporary file, then rename): a failure leaves the old file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise CoachError(f"{path}: 書き込めません（{exc.strerror}）") from None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CoachError(f"{path}: 読めません（{exc.strerror}）") from None


def reject_edit(path: Path, edited: Path, before: bytes) -> Path:
    """An edit of ``path`` (now in ``edited``) that did not validate: its text goes to the
    rejected file beside the profile, and the profile gets back ``before`` (its last text).
    Returns the rejected file."""
    rejected = rejected_path(path)
    text = read_bytes(edited)
    _write(rejected, text)
    if edited != rejected:
        _write(path, before)
    return rejected


def accept_edit(path: Path, edited: Path) -> None:
    """A corrected edit (in the rejected file) becomes the profile."""
    if edited == path:
        return
    try:
        os.replace(edited, path)
    except OSError as exc:
        raise CoachError(f"{path}: 書き込めません（{exc.strerror}）") from None


def _block(text: str, indent: str) -> str:
    if not text.strip():
        return ' ""\n'
    body = "\n".join(indent + line for line in text.strip().splitlines())
    return " |-\n" + body + "\n"


def profile_yaml(profile: Profile) -> str:
    """A commented profile file (msgspec's YAML would lose the comments that guide the user)."""
    r = profile.round_one
    a = profile.career_axis
    head = []
    if profile.company:
        head = [
            "# 会社ごとのプロフィール: --company でこの会社を指定したときに使います。",
            "# 空の項目（キャリアの軸・role）は、会社名なしのプロフィールのものを使います。",
            "company: " + _quote(profile.company),
        ]
    out = [
        "# 二次面接コーチのプロフィール（coach profile edit で編集できます）",
        *head,
        "# round_one: 一次面接で答えた内容。二次面接で同じ話を繰り返していないかを確かめます。",
        "round_one:",
        "  # 自己紹介・自己PR",
        "  self_pr:" + _block(r.self_pr, "    "),
        "  # 志望動機",
        "  motivation:" + _block(r.motivation, "    "),
        "  # 転職理由",
        "  reason_for_leaving:" + _block(r.reason_for_leaving, "    "),
        "  # そのほか聞かれた質問と答え（- question: … / answer: …）",
        "  others:" + (" []" if not r.others else ""),
    ]
    for o in r.others:
        out.append("    - question:" + _block(o.question, "        ").rstrip("\n"))
        out.append("      answer:" + _block(o.answer, "        ").rstrip("\n"))
    out += [
        "# career_axis: キャリアの軸。志望動機や転職理由がこの軸からぶれていないかを確かめます。",
        "career_axis:",
        "  statement:" + _block(a.statement, "    "),
        "  keywords: [" + ", ".join(_quote(k) for k in a.keywords) + "]",
    ]
    if profile.role:
        out += [
            "# role: 職種別の深掘り。練習と模擬面接に、この職種の質問を混ぜます。",
            "role: " + _quote(profile.role),
        ]
    return "\n".join(line.rstrip("\n") for line in out) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The company the template is filled with: a profile still naming it was never edited.
TEMPLATE_COMPANY = "株式会社サンプル物流"


COMPANY_TEMPLATE = """\
# 企業プロフィール（coach practice/mock --company このファイル で使います）
# 調べたことを、自分の言葉で短く書いてください。書いた内容は志望動機と逆質問のチェックに使います。

# 会社名（必須）
name: 株式会社サンプル物流

# 事業内容: 何を、誰に、どうやって提供しているか
business: 食品メーカー向けの共同配送と倉庫運営

# 今の課題・計画: 中期経営計画、IR資料、社員インタビュー、ニュースから
issues:
  - 物流拠点の自動化を3年で進める
  - ドライバー不足への対応

# 理念・大切にしている価値観
values:
  - 現場主義

# 応募している職種・ポジション
role: 倉庫運営の改善担当（センター長候補）

# 配属予定のチーム: 人数、体制、仕事の進め方など分かっていること
team: 関東センターの運営チーム（15名）

# その会社・業界ならではの言葉（志望動機で使えるとよい言葉）
key_terms:
  - 共同配送
  - WMS

# 面接や説明会ですでに聞いたこと（逆質問で同じことを聞かないように）
known_answers:
  - 研修は入社後2週間のOJT
"""


def build_context(
    company: Path | None = None,
    use_profile: bool = True,
    warn: Callable[[str], None] | None = None,
) -> Context:
    """The context the rules read: the profile (unless left out) and a company.

    ``company`` is a company file, or the name of a company with a profile of its own
    (``coach profile --company NAME``). The profile is that company's when it has one (its
    empty parts filled from the unnamed profile), else the unnamed one; round-one answers
    written in the company file come before both.

    The profile is implicit, so a broken one never stops a practice: ``warn`` gets one line
    and the context goes on without it. A company was named, so its error is raised.
    """
    loaded, name = resolve_company(company) if company is not None else (None, None)
    profile = None
    if use_profile:
        profile = implicit_profile(warn, name)
        if loaded is not None and loaded.round_one is not None:
            base = profile or Profile()
            profile = msgspec.structs.replace(base, round_one=loaded.round_one)
    return Context(profile=profile, company=loaded)


def resolve_company(company: Path) -> tuple[Company | None, str]:
    """(the company file's contents or None, the company's name) for ``--company``."""
    if company.is_file() or _looks_like_a_file(company):
        loaded = load_company(company)
        return loaded, loaded.name
    name = str(company).strip()
    if profile_path(name).exists():
        return None, name
    known = company_profiles()
    hint = f"（プロフィールのある会社: {'、'.join(known)}）" if known else ""
    raise CoachError(
        f"--company {name}: 企業プロフィールのファイルも、この会社のプロフィールもありません。"
        f"coach company init FILE でファイルを、coach profile --company {name} で"
        f"この会社の一次面接の回答を作れます{hint}"
    )


def _looks_like_a_file(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml") or len(path.parts) > 1


def implicit_profile(
    warn: Callable[[str], None] | None = None, company: str | None = None
) -> Profile | None:
    """The saved profile, or None (with one line to ``warn``) when it cannot be read. With
    ``company``: that company's profile when there is one, its empty parts taken from the
    unnamed profile."""
    try:
        default = load_profile()
        own = load_profile(profile_path(company)) if company is not None else None
    except CoachError as exc:
        if warn is not None:
            warn(
                f"注意: プロフィールを読めないので、使わずに続けます（{exc.message}）。"
                "coach profile edit で直せます"
            )
        return None
    if own is None:
        return default
    return merged(own, default)


def merged(own: Profile, default: Profile | None) -> Profile:
    """A company's profile with what it leaves empty (axis, role) from the unnamed one. Its
    round-one answers are its own: another company's first interview is not this one's."""
    if default is None:
        return own
    axis = own.career_axis
    if not axis.statement.strip() and not axis.keywords:
        axis = default.career_axis
    return msgspec.structs.replace(own, career_axis=axis, role=own.role.strip() or default.role)


# --- reverse-question suggestions from the company profile -------------------------------------------


# A parenthetical (full-width or not, one level): notes for the reader, not words to say.
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")


def spoken(text: str) -> str:
    """What the user wrote, as it can be said aloud in a question: parentheticals dropped
    (「導入支援チーム（8名、うち経理経験者3名）」 → 「導入支援チーム」)."""
    previous = None
    while previous != text:  # inner ones first: （A（B）C） goes in two steps
        previous, text = text, _ASIDE.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" 　、,")


def suggested_questions(company: Company) -> list[str]:
    """Good reverse questions built from what the user knows about the company, worded to be
    said aloud (:func:`spoken`)."""
    out = []
    team = spoken(company.team)
    role = spoken(company.role)
    issues = [i for i in (spoken(x) for x in company.issues) if i]
    if issues:
        out.append(
            f"「{issues[0]}」に関して、配属先のチームが今いちばん苦労されている点は何でしょうか。"
        )
    if team:
        out.append(f"{team}では、日々の仕事をどのような流れで進めていらっしゃいますか。")
    else:
        out.append("配属予定のチームは何名体制で、どのように仕事を分担していらっしゃいますか。")
    if role:
        out.append(
            f"{role}として入社した場合、最初の3か月で期待される役割や成果を教えていただけますか。"
        )
    else:
        out.append("入社後の最初の3か月で、どのような役割や成果を期待されていますか。")
    if len(issues) > 1:
        out.append(f"「{issues[1]}」について、現場ではどのような取り組みが始まっていますか。")
    out.append("活躍されている方に共通する仕事の進め方があれば、伺えますか。")
    return out


def write_company_template(path: Path, force: bool = False) -> Path:
    from coach.output import write_output

    return write_output(path, COMPANY_TEMPLATE, force)
