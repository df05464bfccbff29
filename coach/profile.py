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


PROFILE_FILE = "profile.yaml"
REJECTED_FILE = "profile.rejected.yaml"  # an edit that did not validate, kept beside the profile


def profile_path() -> Path:
    return paths.data_dir() / PROFILE_FILE


def rejected_path(path: Path | None = None) -> Path:
    return (path or profile_path()).with_name(REJECTED_FILE)


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
    out = [
        "# 二次面接コーチのプロフィール（coach profile edit で編集できます）",
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
    """The context the rules read: the saved profile (unless left out) and a company file.

    The profile is implicit, so a broken one never stops a practice: ``warn`` gets one line
    and the context goes on without it. A company file was named, so its error is raised.
    """
    return Context(
        profile=implicit_profile(warn) if use_profile else None,
        company=load_company(company) if company is not None else None,
    )


def implicit_profile(warn: Callable[[str], None] | None = None) -> Profile | None:
    """The saved profile, or None (with one line to ``warn``) when it cannot be read."""
    try:
        return load_profile()
    except CoachError as exc:
        if warn is not None:
            warn(
                f"注意: プロフィールを読めないので、使わずに続けます（{exc.message}）。"
                "coach profile edit で直せます"
            )
        return None


# --- reverse-question suggestions from the company profile -------------------------------------------


def suggested_questions(company: Company) -> list[str]:
    """Good reverse questions built from what the user knows about the company."""
    out = []
    team = company.team.strip()
    role = company.role.strip()
    if company.issues:
        out.append(
            f"「{company.issues[0]}」に関して、配属先のチームが今いちばん苦労されている点は何でしょうか。"
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
    if len(company.issues) > 1:
        out.append(
            f"「{company.issues[1]}」について、現場ではどのような取り組みが始まっていますか。"
        )
    out.append("活躍されている方に共通する仕事の進め方があれば、伺えますか。")
    return out


def write_company_template(path: Path, force: bool = False) -> Path:
    from coach.output import write_output

    return write_output(path, COMPANY_TEMPLATE, force)
