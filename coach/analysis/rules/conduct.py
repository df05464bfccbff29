"""R306–R311, S106: the failure patterns a career adviser names on sight — a motive made of
conditions or of taking only, a reason for leaving told as the motive, talk a manager hears as
a confidentiality risk, certainty with nothing behind it, a strength renamed as a weakness, and
a résumé read out in date order. Cue words live in ``patterns.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from coach.analysis.elements import Sentence
from coach.analysis.lexicon import _relaxed
from coach.analysis.rules import ANSWER_STRUCTURES, Draft, Hit, rule, unquoted
from coach.analysis.rules.patterns import patterns

# categories whose questions are about why this company or why a change
MOTIVE_CATEGORIES = ("motivation", "career")
# what a motive-category question asks when it asks for the motive (why, why here, what next)
MOTIVE_ASKS = frozenset({"reason", "company_link", "future", "transfer"})
# categories where conditions or the past job are the topic asked about
NOT_MOTIVE = ("conditions", "reverse-questions")
_DIGIT = re.compile(r"\d")


def motive_asked(draft: Draft) -> bool:
    """Is this a why-this-company / why-change question? Its text or its asks say so; without
    a question, the category. (「当社のことは、どこで知りましたか」「合わないと感じた点は」 are
    motivation-category questions that do not ask for the motive.)"""
    if not draft.question:
        return draft.category in MOTIVE_CATEGORIES
    if draft.category in NOT_MOTIVE:
        return False
    if draft.category in MOTIVE_CATEGORIES and set(draft.asks) & MOTIVE_ASKS:
        return True
    return patterns().motive_question.search(draft.question) is not None


def weakness_asked(draft: Draft) -> bool:
    return (
        bool(draft.question)
        and patterns().weakness_question.search(draft.question or "") is not None
    )


def _first(draft: Draft, section: str, *, now: bool = False) -> tuple[int, str] | None:
    """The first body sentence with a cue of the section, outside quotes (「…」 is someone
    else's words); with ``now``, only a sentence not told in the past."""
    p = patterns()
    pattern = p.sections[section]
    # a section split into probes (one slow alternative apart) tells quicker that a sentence
    # has no match at all; the matches themselves are the section's own
    screen = p.probes[section] if len(p.probes[section]) > 1 else ()
    for s in draft.body:
        norm = unquoted(s.norm)
        if screen and not any(q.search(norm) for q in screen):
            continue
        for m in pattern.finditer(norm):
            if now and _told_in_past(norm, m.end()):
                continue
            return s.index, m.group(0)
    return None


def _told_in_past(norm: str, end: int) -> bool:
    """Is the predicate after a match past? Its own clause says so, or, when that clause only
    continues (「お約束し、」), the end of the sentence does."""
    p = patterns()
    tail = _rest_of_clause(norm, end)
    if p.present_tail.search(tail):
        return False  # 「学ばせていただきたいと思い、応募しました」: the wish is now
    if p.past_tail.search(tail):
        return True
    end_of_sentence = norm.rstrip("。!！")[-6:] + "。"
    return not p.present_tail.search(end_of_sentence) and bool(p.past_tail.search(end_of_sentence))


def _rest_of_clause(norm: str, end: int) -> str:
    """From a match to the end of its sentence part (the next 、 or 。), where its tense is."""
    stops = [i for i in (norm.find("、", end), norm.find("。", end)) if i >= 0]
    return norm[end : min(stops) if stops else len(norm)]


def _anywhere(draft: Draft, section: str) -> bool:
    screen = patterns().probes[section]  # a yes or no: the probes say it as the section would
    return any(q.search(norm) for s in draft.body for norm in [unquoted(s.norm)] for q in screen)


@rule(
    "R306",
    "conditions-motive",
    level="error",
    title="条件だけの志望動機",
    summary="志望動機・転職理由が、年収・リモート・残業・安定・家から近いといった条件面だけになっていないかを見ます。",
    rationale=(
        "条件は誰にとっても大切ですが、それだけが理由だと、面接官は「もっと条件の良い会社があれば"
        "すぐ移る人」「仕事の中身には関心がない人」と受け取ります。現場の責任者が知りたいのは、"
        "この仕事で何をしたいのか・何ができるのかです。採用の判断を止める理由になりやすいので重大としています。"
    ),
    fix="仕事の中身（やりたいこと・活かせる経験・その会社の事業）を理由の中心に置き、条件面は話すとしても最後に短く添えましょう",
    bad="御社を志望したのは、年収が上がることと、リモートで働けることが理由です。",
    good="御社を志望したのは、法人向けの在庫管理システムで、前職の物流現場での改善経験を活かせるからです。",
    structures=ANSWER_STRUCTURES,
    priority=2,
    penalty=20,
)
def conditions_motive(draft: Draft) -> Iterator[Hit]:
    if not motive_asked(draft):
        return
    found = _first(draft, "conditions_motive")
    if found is None:
        return
    p = patterns()
    # a motive about the work itself anywhere (the condition words taken out) is enough
    if any(p.work_motive.search(p.conditions_motive.sub("", s.norm)) for s in draft.body):
        return
    index, word = found
    yield Hit(
        index,
        f"「{word}」など条件面だけが理由で、仕事の中身（やりたいこと・活かせる経験）が語られていません",
    )


@rule(
    "R307",
    "passive-growth",
    level="warning",
    title="受け身の成長意欲",
    summary="「学ばせていただきたい」「成長できる環境」のように、会社から受け取ることだけを話し、自分が返すものを語っていないかを見ます。",
    rationale=(
        "中途採用は、育てる前提の新卒採用とは違い、入社後に力を出してくれる人を探す場です。"
        "学びたいという言葉だけでは、面接官には「教えてもらう側」に聞こえ、給料を払って育てる理由が見えません。"
        "意欲そのものは悪くないので、重大ではなく注意としています。"
    ),
    fix="学びたいことは、それを使って何を返すか（担える仕事・活かせる経験）と一緒に話しましょう（例: 〜を学び、半年で〜を一人で担当できるようにします）",
    bad="御社の充実した研修で、一から学ばせていただきたいと考えています。",
    good="前職で培った原価管理の経験を活かしつつ、御社の管理会計の手法を学び、1年目のうちに月次の予実分析を一人で担えるようになりたいと考えています。",
    structures=ANSWER_STRUCTURES,
    priority=7,
    penalty=12,
)
def passive_growth(draft: Draft) -> Iterator[Hit]:
    # growth questions about what comes next (「入社後どう成長したいか」), not past episodes
    ahead = draft.category == "growth" and bool(
        patterns().future_question.search(draft.question or "")
    )
    if not (motive_asked(draft) or ahead):
        return
    # 「経験させてもらいました」 tells what happened; the motive is what one wants now
    cues = [_first(draft, "passive_growth", now=True), _first(draft, "passive_environment")]
    found = min((c for c in cues if c is not None), default=None)
    if found is None:
        return
    p = patterns()
    if any(p.give_back.search(p.deferred_give_back.sub("", s.norm)) for s in draft.body):
        return
    index, word = found
    yield Hit(
        index,
        f"「{word}」と受け取ることだけを話していて、あなたが返すもの（担える仕事・活かせる経験）がありません",
    )


@rule(
    "R308",
    "negative-motive",
    level="warning",
    title="後ろ向きな転職理由",
    summary="「将来性に不安」「給料が上がらない」「人間関係」「聞いていた仕事と違った」のような、今の職場への不満を転職の動機として語っていないかを見ます。",
    rationale=(
        "不満から始まる転職理由は、誰かを責めていなくても「うちでも同じ不満を持てば辞める人」に聞こえます。"
        "とくに短い在籍で「聞いていた仕事と違った」と言うと、入社前の確認不足にも見えます。"
        "言い換えれば評価が変わる内容なので、重大ではなく注意としています。"
    ),
    fix="不満ではなく「何をしたいか」を動機として言い、そのために今の会社の中で試したこと（異動の希望・上司への提案など）を添えましょう",
    bad="今の会社の将来性に不安を感じ、給料も上がらないため転職を考えました。",
    good="既存顧客の深耕にもっと携わりたいと考え、社内公募にも応募しましたが、今の会社では新規開拓の部署しかないため転職を決めました。",
    structures=ANSWER_STRUCTURES,
    priority=4,
    penalty=15,
)
def negative_motive(draft: Draft) -> Iterator[Hit]:
    if not motive_asked(draft) or draft.labels["blame"]:
        return  # R301 speaks when a third party is accused
    found = _negative_cue(draft)
    if found is None:
        return
    if _anywhere(draft, "wants_to_do") and _anywhere(draft, "tried_inside"):
        return  # reframed: what one wants, and what was tried inside first
    index, word = found
    p = patterns()
    if p.mismatch_motive.search(word) and _anywhere(draft, "short_tenure"):
        yield Hit(
            index,
            f"短い在籍で「{word}」と話すと、入社前の確認不足や、同じ理由でまた辞める人に聞こえます",
            fix="入社後に分かったことを責めずに一言で述べ、本当にやりたい仕事と、"
            "社内で試したこと（配置の相談など）を中心に話しましょう",
        )
        return
    yield Hit(index, f"「{word}」という今の職場への不満が、転職の動機として語られています")


@cache
def _honorific_anywhere() -> re.Pattern[str]:
    """The honorific cue without its anchors: where no morpheme can be one, this finds nothing
    in the sentence either (lexicon._relaxed matches wherever the pattern does)."""
    return re.compile(_relaxed(patterns().honorific_suffix.pattern))


def _named_with_honorific(s: Sentence) -> str | None:
    """「山中様」「トヨタ様」「〇〇様」: a proper noun (or a placeholder for one) before 様."""
    p = patterns()
    honorific, placeholder = p.honorific_suffix.search, p.name_placeholder.search
    tokens = s.tokens
    if not _honorific_anywhere().search("".join(t.surface for t in tokens)):
        return None  # one search of the sentence instead of one per morpheme
    for i in range(1, len(tokens)):
        if not honorific(tokens[i].surface):
            continue
        before = tokens[i - 1]
        if before.pos1 == "固有名詞" or placeholder(before.surface):
            return before.surface + tokens[i].surface
    return None


def _clause(norm: str, m: re.Match[str]) -> str:
    """The clause a match stands in: from the clause break before it to the one after."""
    start = max(norm.rfind("、", 0, m.start()), norm.rfind(",", 0, m.start())) + 1
    ends = [i for i in (norm.find("、", m.end()), norm.find("。", m.end())) if i >= 0]
    return norm[start : min(ends) if ends else len(norm)]


def _negative_cue(draft: Draft) -> tuple[int, str] | None:
    """The first complaint told as a motive, not one the speaker denies right after it."""
    p = patterns()
    for s in draft.body:
        norm = unquoted(s.norm)
        for m in p.negative_motive.finditer(norm):
            if not p.negative_denied.search(norm[m.end() :]):
                return s.index, m.group(0)
    return None


def _significant_digits(amount: str) -> int:
    """3,240万円 → 3, 500万円 → 1, 1億2,300万円 → 3."""
    digits = re.sub(r"\.\d+", lambda m: m.group(0)[1:], amount)
    digits = "".join(ch for ch in digits if ch.isdigit())
    return len(digits.strip("0")) if digits.strip("0") else 0


@rule(
    "R309",
    "confidential",
    level="error",
    title="守秘義務への不安",
    summary="取引先の実名（〇〇様・株式会社〇〇）、取引先や勤務先の正確な金額、まだ公表されていない計画を話していないかを見ます。",
    rationale=(
        "面接官は話の中身と同時に、「この人はうちの情報も外で話すのではないか」を見ています。"
        "取引先の名前や正確な金額、未公表の計画を面接で話すと、実績の大きさより情報管理への不安が残ります。"
        "信頼に関わり、一度で採用を見送られる理由になるので重大としています。"
    ),
    fix="取引先は「大手食品メーカー」「従業員300名規模の製造業」のように業界と規模で、金額は「前年比120%」「約3割削減」のように割合で話しましょう。未公表の情報は話さないのが原則です",
    bad="株式会社〇〇様との3,240万円の契約を、まだ公表されていない新サービスで受注しました。",
    good="大手物流会社との年間契約を、前年の約1.5倍の規模で受注しました。",
    structures=ANSWER_STRUCTURES,
    priority=1,
    penalty=20,
)
def confidential(draft: Draft) -> Iterator[Hit]:
    p = patterns()
    for s in draft.body:
        norm = unquoted(s.norm)
        m = p.unpublished.search(norm)
        if m:
            yield Hit(s.index, f"「{m.group(0)}」と、公表されていない情報に触れています")
            return
        m = next(
            (
                m
                for m in p.named_company.finditer(norm)
                if not p.own_employer.search(_clause(norm, m))
            ),
            None,
        )
        if m:
            yield Hit(s.index, f"「{m.group(0)}」と、取引先などの会社名をそのまま出しています")
            return
        named = _named_with_honorific(s)
        if named:
            yield Hit(s.index, f"「{named}」と、取引先や相手の名前をそのまま出しています")
            return
        if (
            p.money_context.search(norm)
            and not p.own_pay.search(norm)
            and p.asks_for_figures.search(draft.question or "") is None
        ):
            for m in p.money_amount.finditer(norm):
                if _significant_digits(m.group(0)) >= 3:
                    yield Hit(
                        s.index,
                        f"「{m.group(0).strip()}」と、取引や会社の金額を正確に出しています",
                    )
                    return


@rule(
    "R310",
    "unsupported-certainty",
    level="warning",
    title="根拠のない断言",
    summary="「確実に」「必ず倍に」「絶対に達成できます」のような言い切りに、回答の中で根拠（過去の実績・前提条件）が示されているかを見ます。",
    rationale=(
        "根拠のない断言は自信ではなく、見通しの甘さや現場を知らない人の発言に聞こえます。"
        "現場の責任者は数字を約束する難しさを知っているので、根拠のない約束ほど信用されません。"
        "言い方を変えれば済むことが多いので、重大ではなく注意としています。"
    ),
    fix="断言の代わりに、根拠になる過去の実績と前提を示しましょう（例: 前職で同じ手法により受注を1.3倍にしたので、御社でも〜の条件が整えば同じ進め方ができると考えています）",
    bad="入社後は確実に売上を倍にできると確信しています。",
    good="前職では休眠顧客の掘り起こしで受注を1年で1.3倍にしました。御社でも顧客データが使えれば、同じ手順で伸ばせると考えています。",
    structures=ANSWER_STRUCTURES,
    priority=8,
    penalty=10,
)
def unsupported_certainty(draft: Draft) -> Iterator[Hit]:
    # 「必ず続報をお届けするとお約束しました」 tells a past promise, not a claim about the future
    found = _first(draft, "certainty", now=True)
    if found is None or _anywhere(draft, "certainty_basis"):
        return
    if any(
        s.quantities and _DIGIT.search(s.norm) and draft.elements.shows(s, "result")
        for s in draft.body
    ):
        return  # a past outcome with its measured size is a basis (「二回とも」 is not a size)
    index, word = found
    yield Hit(index, f"「{word}」と言い切っていますが、そう言える根拠が回答の中にありません")


@rule(
    "R311",
    "weakness-as-strength",
    level="warning",
    title="長所の言い換えの弱み",
    summary="弱みを聞かれて、「頑張りすぎてしまう」「真面目すぎる」「完璧を求めすぎる」のような、長所を言い換えただけの答えになっていないかを見ます。",
    rationale=(
        "長所の言い換えは定番の答え方として知られていて、面接官には「弱みを隠している」「自分を客観的に見られない」と映ります。"
        "弱みの質問で見たいのは、自分の課題を認め、どう手を打っているかです。"
    ),
    fix="実際に仕事で困った弱みを一つ挙げ、それで起きたこと（遅れ・手戻りなど）と、今どう補っているかを話しましょう",
    bad="私の弱みは、頑張りすぎてしまうところです。",
    good="私の弱みは、人に仕事を頼むのが遅いことです。昨年は抱え込んで月次報告を1日遅らせたため、今は週初めに作業を分けて依頼しています。",
    structures=ANSWER_STRUCTURES,
    priority=5,
    penalty=12,
)
def weakness_as_strength(draft: Draft) -> Iterator[Hit]:
    if not weakness_asked(draft):
        return
    found = _first(draft, "renamed_strength")
    if found is None or _anywhere(draft, "weakness_cost"):
        return
    index, word = found
    yield Hit(index, f"「{word}」は長所の言い換えに聞こえ、仕事で困った本当の弱みが見えません")


@rule(
    "S106",
    "resume-recital",
    level="warning",
    title="職務経歴の読み上げ",
    summary="入社・配属・異動などの経歴を年月の順に並べるだけで、要点（強み・できること）やエピソードがない答えになっていないかを見ます。",
    rationale=(
        "経歴は書類で面接官の手元にあります。年表を読み上げると、時間を使っても「この人に何を任せられるか」が伝わらず、"
        "要約する力がないとも受け取られます。面接官が聞きたいのは、経歴から見える強みと、それが表れた一場面です。"
    ),
    fix="最初の一文で「何ができる人か」を言い、経歴はそれを支える部分だけに絞って、一つの仕事の場面を具体的に話しましょう",
    bad="2015年に入社し、営業部に配属されました。2018年に企画部へ異動しました。2021年に課長に昇格しました。以上が私の職務経歴になります。",
    good="私は法人営業で、既存顧客の深耕を得意としてきました。企画部に異動した後も、営業時代の顧客の声をもとに、解約の多い商品の改定を担当しました。",
    structures=ANSWER_STRUCTURES,
    priority=9,
    penalty=12,
)
def resume_recital(draft: Draft) -> Iterator[Hit]:
    p = patterns()
    moves = {s.index: len(p.posting.findall(s.norm)) for s in draft.body}
    postings = [s for s in draft.body if moves[s.index]]
    count = sum(moves.values())
    closed = _anywhere(draft, "recital_close")
    if count < (2 if closed else 3):
        return
    # the point or the episode: sentences that are not postings and carry a claim, a reason,
    # a device or an outcome
    point = [
        s
        for s in draft.body
        if s not in postings
        and not p.recital_close.search(s.norm)
        and any(draft.elements.shows(s, e) for e in ("conclusion", "reason", "ingenuity", "result"))
    ]
    if len(point) >= 2 or (point and not closed and len(postings) * 2 < len(draft.body)):
        return
    yield Hit(
        postings[0].index,
        f"経歴（入社・配属・異動など{count}つ）を年月の順に並べるだけで、要点（何ができる人か）やエピソードがありません",
    )
