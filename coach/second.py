"""What makes round two different: the round-one answers, the career axis, the company.

The user's profile (``profile.yaml`` in the data folder) records what they said in the first
interview and their career axis (キャリアの軸). A company profile (any YAML file, passed with
``--company``) records what they know about the company. Rules in the N family read them through
a :class:`Context`. Everything here returns values; the CLI does the asking and printing.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import msgspec

from coach import paths
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


def profile_path() -> Path:
    return paths.data_dir() / PROFILE_FILE


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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(profile_yaml(profile), encoding="utf-8")
    return path


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


def write_company_template(path: Path, force: bool = False) -> Path:
    if path.exists() and not force:
        raise CoachError(
            f"{path}: すでにファイルがあります。上書きするには --force を付けてください"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMPANY_TEMPLATE, encoding="utf-8")
    return path


# --- comparing texts ------------------------------------------------------------------------------

_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
_STOP = frozenset(
    [
        "する",
        "為る",
        "ある",
        "有る",
        "いる",
        "居る",
        "なる",
        "成る",
        "こと",
        "事",
        "もの",
        "物",
        "ため",
        "為",
        "よう",
        "様",
        "私",
        "わたし",
        "自分",
        "御社",
        "貴社",
        "弊社",
        "前職",
        "現職",
        "会社",
        "仕事",
        "業務",
        "経験",
        "思う",
        "考える",
        "方",
        "中",
        "時",
        "とき",
        "際",
        "今",
        "これ",
        "それ",
        "あれ",
        "ところ",
        "上",
        "できる",
        "出来る",
        "行う",
        "いただく",
        "頂く",
        "くださる",
        "申す",
        "おる",
        "れる",
        "られる",
        "様々",
        "色々",
        "一",
        "二",
        "三",
    ]
)


@cache
def content_words(text: str) -> tuple[str, ...]:
    from coach.analysis.text import normalize, tokens

    return tuple(
        t.norm
        for t in tokens(normalize(text))
        if t.pos in _CONTENT_POS and t.norm not in _STOP and t.pos1 != "数詞" and len(t.norm) > 1
    )


_GENERIC_NOUNS = frozenset(
    [
        "担当",
        "対応",
        "チーム",
        "改善",
        "現場",
        "候補",
        "不足",
        "主義",
        "運営",
        "センター",
        "事業",
        "会社",
        "仕事",
        "業務",
        "顧客",
        "お客様",
        "サービス",
        "提供",
        "企業",
        "社員",
        "入社",
        "営業",
        "管理",
        "部門",
        "部署",
        "課題",
        "計画",
        "関係",
        "推進",
        "強化",
        "拡大",
        "向上",
        "実現",
        "活用",
        "支援",
        "開発",
        "製品",
        "商品",
        "体制",
        "役割",
        "人材",
        "組織",
        "方針",
        "価値",
        "理念",
        "成長",
        "環境",
        "社会",
        "世界",
        "日本",
        "全国",
        "地域",
        "向け",
        "以上",
        "以下",
        "程度",
        "今後",
        "将来",
        "現在",
        "最近",
        "予定",
        "目標",
        "結果",
        "成果",
        "方法",
        "手法",
        "仕組み",
        "全体",
        "一部",
    ]
)


@cache
def key_nouns(text: str) -> tuple[str, ...]:
    """Distinctive noun phrases as written (consecutive nouns joined: 物流拠点, 共同配送)."""
    from coach.analysis.text import normalize, tokens

    out: list[str] = []
    run: list[str] = []

    def close() -> None:
        phrase = "".join(run)
        if len(phrase) >= 2 and phrase not in _GENERIC_NOUNS:
            out.append(phrase)
        run.clear()

    for t in tokens(normalize(text)):
        if t.pos in ("名詞", "接尾辞") and t.pos1 not in ("数詞",) and t.pos2 != "助数詞可能":
            if t.pos == "接尾辞" and not run:
                continue
            run.append(t.surface)
        else:
            close()
    close()
    return tuple(dict.fromkeys(out))


def shingles(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def containment(answer: str, source: str) -> float:
    """Share of the answer's content-word pairs that already appear in the source text."""
    a = shingles(content_words(answer))
    if not a:
        return 0.0
    return len(a & shingles(content_words(source))) / len(a)


def repeat_share(answer: str, source: str) -> float:
    """How much of the answer the source already said: shared word pairs, or, for a reworded
    telling (調整力です → 調整する力だと考えています), most of the same content words."""
    return max(containment(answer, source), 0.8 * word_overlap(answer, source))


def word_overlap(answer: str, source: str) -> float:
    a = set(content_words(answer))
    if not a:
        return 0.0
    return len(a & set(content_words(source))) / len(a)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


def mentions(text: str, terms: Iterable[str]) -> list[str]:
    folded = unicodedata.normalize("NFKC", text)
    found = []
    for term in terms:
        t = unicodedata.normalize("NFKC", term).strip()
        if len(t) >= 2 and t in folded:
            found.append(term)
    return found


# --- the context rules read -------------------------------------------------------------------------


@dataclass
class Context:
    """What the N rules know besides the answer: profile, company, earlier answers this session."""

    profile: Profile | None = None
    company: Company | None = None
    session_reasons: list[tuple[str, str]] = field(default_factory=list)  # (category, answer)

    def has(self, need: str) -> bool:
        if need == "profile":
            return self.profile is not None and bool(self.profile.round_one.answers())
        if need == "axis":
            axis = self.profile.career_axis if self.profile else None
            return axis is not None and bool(axis.statement.strip() or axis.keywords)
        if need == "company":
            return self.company is not None
        return False

    def remember(self, category: str, answer: str) -> None:
        self.session_reasons.append((category, answer))

    @classmethod
    def from_fixture(cls, case: dict[str, Any]) -> Context:
        profile = msgspec.convert(case["profile"], Profile) if case.get("profile") else None
        company = msgspec.convert(case["company"], Company) if case.get("company") else None
        ctx = cls(profile=profile, company=company)
        for prev in case.get("previous", []):
            ctx.remember(prev.get("category", "motivation"), prev["answer"])
        return ctx

    # --- helpers the rules share -------------------------------------------------------------

    def axis_terms(self) -> list[str]:
        if self.profile is None:
            return []
        axis = self.profile.career_axis
        return [*axis.keywords, *content_words(axis.statement)]

    def touches_axis(self, text: str) -> bool:
        if self.profile is None:
            return False
        axis = self.profile.career_axis
        if mentions(text, axis.keywords):
            return True
        return word_overlap(axis.statement, text) >= 0.34 if axis.statement else False

    def company_terms(self) -> list[str]:
        """Words only this company's answer would use: its name, the user's key terms, and the
        distinctive noun phrases of its business, issues, values, role and team."""
        c = self.company
        if c is None:
            return []
        terms = [c.name, *c.key_terms]
        for text in (c.business, c.role, c.team, *c.issues, *c.values):
            terms += list(key_nouns(text))
        short = re.sub(r"^(?:株式会社|有限会社)|(?:株式会社|ホールディングス)$", "", c.name).strip()
        if short and short != c.name:
            terms.append(short)
        return [t for t in dict.fromkeys(terms) if len(t) >= 2]


def build_context(company: Path | None = None, use_profile: bool = True) -> Context:
    return Context(
        profile=load_profile() if use_profile else None,
        company=load_company(company) if company is not None else None,
    )


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
