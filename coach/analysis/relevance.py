"""Does the answer answer the question? What a question asks, off-topic and partial answers.

Offline and lexical, so every verdict can be explained in the words of the question:

* :func:`infer_asks` reads what a free-text question asks (なぜ → reason, 失敗 → failure_event,
  質問はありますか → question …), part by part (a question of two sentences asks both).
* :func:`assess` checks each part against the answer: does the answer show the part's asks (a
  failure of its own, a future, a question to the interviewer, a view of others …) and does it
  take up the part's own content words? An answer whose first part is unanswered is off-topic
  and the finding names the question's words it never addressed; an answer that takes up the
  first part and not a later one is partial, and the finding quotes the part left out.

Why lexical: the check must run offline on every answer in a batch at no visible cost, and a
finding must say *which* words were not addressed. Measured against GiNZA's word vectors in
benchmarks/relevance.py (docs/relevance.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.analysis.asks import _asks_of, content_terms, question_parts
from coach.analysis.asks import demanded as demanded
from coach.analysis.asks import infer_asks as infer_asks
from coach.analysis.text import matching_form

if TYPE_CHECKING:
    from coach.analysis.elements import Elements

# An off-topic answer scores at most this, however well it is built (the score issue refines it).
OFF_TOPIC_MAX = 40


@dataclass(frozen=True)
class Part:
    """One part of a question: its text, what it asks and its own content words."""

    text: str
    asks: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Relevance:
    """The verdict on one answer. ``unaddressed`` are the question's words the answer never
    took up; ``missing_part`` is the part of a two-part question left unanswered."""

    off_topic: bool
    asks: tuple[str, ...]
    parts: tuple[Part, ...] = ()
    unaddressed: tuple[str, ...] = ()
    unshown: tuple[str, ...] = ()  # asks of the first part the answer does not show
    instead: str = ""  # what the answer spoke about, in Japanese
    missing_part: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)
    why: tuple[str, ...] = ()  # which tests said off-topic (for the benchmark)


# --- what an answer shows ---------------------------------------------------------------------

_FAILURE = re.compile(
    r"失敗|ミス|しくじ|挫折|反省|誤り|誤っ|間違|甘かった|浅かった|足りなかった|できなかった|守れなかった|"
    r"迷惑|お詫び|謝罪|クレーム|怒らせ|損失|未達|届かな|遅れ(?:て|が出|ました|させ)|うまくいかな|上手くいかな|"
    r"後悔|悔し|至らな|私の(?:判断|確認|責任|落ち度)|思ったほど|効果が(?:出|上が)(?:ず|なかった)|やり直|"
    r"遅れ|ずれ込|間に合わ|苦い|しまい|しまった|しまって|きれなかった|できなかった|まずい|外れ|後回し|裏目|不十分"
)
_FUTURE = re.compile(
    r"たい(?:です|と(?:考え|思)|。|と|ので)|[0-9一二三四五六七八九十]+年後|将来|今後|これから|目指|なりたい|していきます|"
    r"つもりです|予定です|考えています|挑戦したい|担いたい|携わりたい|入社後|入社したら"
)
_COMPANY = re.compile(
    r"御社|貴社|御行|貴行|御校|貴院|御院|当社|志望|応募|入社|こちらの会社|こちらで"
)
_OTHERS = re.compile(
    r"言われ|言って(?:もら|いただ|くれ)|評価(?:され|して|を(?:いただ|もら))|頼られ|呼ばれ|任され|"
    r"(?:同僚|上司|部下|後輩|先輩|周り|周囲|お客様|皆)(?:から|には|は|に)[^。]{0,30}(?:思われ|見られ|言われ|評価|印象)|"
    r"と(?:思われ|見られ)|印象"
)
_SELF = re.compile(r"強み|弱み|長所|短所|苦手|得意|課題|欠点|持ち味|性格|癖|タイプ")
_LEARNING = re.compile(
    r"学ん|学び|学ぶ|教訓|気づ|気付|分かりました|わかりました|痛感|実感|身につ|身に付|以来|それ以降|それから|"
    r"今では|今は|心がけ|意識(?:して|する|しています)|ようにしています|ようになりました|大切さ|変わりました|改め"
)
_TRANSFER = re.compile(
    r"御社|貴社|当社|御行|入社後|こちらでも|活か|生か|役立て|役に立て|貢献|再現|同じように|発揮|使えると|"
    r"(?:業務|仕事|現場|実務)で[^。]{0,12}使|(?:業務|仕事|現場|実務|分析|作業|集計|資料|報告|会議|案件|担当)[^。]{0,4}で使|活用|応用|取り入れ"
)
_STEP = re.compile(
    r"まず|最初に|次に|そのうえで|その上で|そして|並行して|(?:確認|相談|報告|連絡|共有|整理|依頼|調整|説明|提案|準備|把握|聞き取)(?:し|いた)(?:ます|、)|"
    r"(?:します|いたします|ます)。|伺い|聞きます|動きます|進めます|取ります|作ります|決めます"
)
_HABIT_OR_GENERAL = re.compile(
    r"大切(?:だ|です|に)|重要(?:だ|です)|大事(?:だ|です|に)|と思います|と考えています|べき|一般的に|ものです|ようにしています"
)
_INTRO = re.compile(r"と申します|申します。|自己紹介|経歴|職務経歴")
_PAST_END = re.compile(r"(?:ました|でした|った|かった|だ|した)(?:ね|よ|けど|が)?[。!]?$")


def _any(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


@dataclass
class _Answer:
    question: str
    norm: str
    first: str
    lead: str  # the first two sentences
    opening: str  # the first three sentences, prefaces included (「はい、山田と申します。」)
    sentences: list[str]
    past: int
    questions: int
    episode: bool
    action: bool
    reason: bool
    terms: set[str]


def _read_answer(elements: Elements, question: str) -> _Answer:
    body = [s for s in elements.sentences if not s.preface]
    norm = "".join(s.norm for s in body)
    labels = elements.labels
    past = sum(1 for s in body if s.past)
    terms: set[str] = set()
    for s in body:
        for t in s.tokens:
            terms.add(t.lemma)
            terms.add(t.surface)
    return _Answer(
        question=matching_form(question),
        norm=norm,
        first=body[0].norm if body else "",
        lead="".join(s.norm for s in body[:2]),
        opening="".join(s.norm for s in elements.sentences[:3]),
        sentences=[s.norm for s in body],
        past=past,
        questions=sum(1 for s in body if _ASKING.search(s.norm)),
        episode=bool(labels.get("example")) or past >= 2,
        action=bool(labels.get("action")) or any(s.actions for s in body),
        reason=bool(labels.get("reason")),
        terms=terms,
    )


def _shows(ask: str, a: _Answer) -> bool:
    """Does the answer show this ask (lexically)?"""
    n = a.norm
    if ask == "question":
        return a.questions > 0
    if ask == "failure_event":
        hits = _any(_FAILURE, n)
        return (
            _any(_FAILURE, a.lead) > 0 or hits >= 2 or (hits == 1 and _any(_LEARNING, a.lead) > 0)
        )
    if ask == "future":
        return _any(_FUTURE, n) > 0
    if ask == "company_link":  # the company named, or a reason for choosing it (however thin)
        return _any(_COMPANY, n) > 0 or bool(_CHOSEN.search(n))
    if ask == "others_view":
        return _any(_OTHERS, n) > 0
    if ask == "self_assessment":
        return _any(_SELF, n) > 0 or bool(re.search(r"(?:力|性)(?:です|だと|があ)", n))
    if ask == "learning":
        return _any(_LEARNING, n) > 0
    if ask == "transfer":
        return _any(_TRANSFER, n) > 0
    if ask == "hypothetical_steps":
        return _any(_STEP, n) >= 2 or a.action
    if ask == "episode":
        return a.episode
    if ask == "process":
        return a.action or _any(_STEP, n) >= 2 or a.past >= 3  # a told sequence of deeds
    if ask == "reason":
        return a.reason or bool(
            re.search(r"から(?:です|でした|だ)|ため(?:です|でした)|理由|なぜなら|というのも", n)
        )
    if ask == "one_word":
        return len(a.first) <= 45
    return True  # own_part, fact: too weak to decide on


# Asks that decide by themselves: an answer that does not show them answers something else.
_DECISIVE = (
    "question",
    "failure_event",
    "future",
    "others_view",
    "company_link",
    "self_assessment",
)


def _covered(term: str, a: _Answer) -> bool:
    return term in a.terms or term in a.norm or (len(term) >= 3 and term[:2] in a.norm)


def _instead(a: _Answer) -> str:
    """What the answer spoke about, named by its kind (for the finding)."""
    if a.questions >= 1 and a.questions * 2 >= len(a.sentences):
        return "面接官への質問"
    if _any(_INTRO, a.norm):
        return "自己紹介・経歴"
    if _any(_COMPANY, a.norm) >= 2 and _any(_FUTURE, a.norm):
        return "志望動機や入社後の抱負"
    if _any(_FAILURE, a.norm) >= 2:
        return "失敗の経験"
    if a.episode and a.action:
        return "別の場面での成功体験"
    if _any(_SELF, a.norm):
        return "自分の強み・人柄"
    if _any(_HABIT_OR_GENERAL, a.norm) and not a.episode:
        return "一般論や心がけ"
    return "質問とは別の話題"


def _off_topic_reasons(
    a: _Answer,
    first_asks: Sequence[str],
    all_asks: Sequence[str],
    unshown: Sequence[str],
    overlap: float,
    structure: str,
) -> list[str]:
    why: list[str] = []
    decisive_unshown = [x for x in first_asks if x in _DECISIVE and x in unshown]
    if "question" in decisive_unshown and (
        _DECLINE.search(a.norm) or _OR_SUPPLEMENT.search(a.question)
    ):
        # a decline answers 「質問はありますか」 (no_question says so): not another topic
        decisive_unshown.remove("question")
    if "question" in decisive_unshown and (_WRAP_UP.search(a.norm) or len(a.sentences) <= 1):
        decisive_unshown.remove("question")  # a decline or a thank-you: no_question, not a topic
    if "self_assessment" in decisive_unshown and "transfer" in first_asks:
        decisive_unshown.remove("self_assessment")  # 「強みは当社でも活かせますか」 asks the use
    if (
        "failure_event" in decisive_unshown
        and _DIFFICULTY.search(a.norm)
        and not _SUCCESS.search(a.norm)
    ):
        decisive_unshown.remove("failure_event")  # a hardship told in other words, no success
    why += [f"unshown:{x}" for x in decisive_unshown]
    for name, (asked, shown) in _TOPICS.items():
        if asked.search(a.question) and not shown.search(a.norm):
            why.append(f"topic:{name}")
    if (
        "episode" in first_asks
        and not a.episode
        and _any(_HABIT_OR_GENERAL, a.norm) >= 2
        and overlap < 0.5
    ):
        why.append("general-for-episode")  # a general talk where one occasion was asked
    # what the answer is, against what was asked: a question list, a self-introduction or a
    # motivation speech under a question that asks none of those
    if (
        a.questions >= 2
        and "question" not in all_asks
        and structure != "reverse"
        and a.questions * 2 >= len(a.sentences)
    ):
        why.append("question-list")
    if (
        _any(_COMPANY, a.norm) >= 2
        and _any(_FUTURE, a.norm) >= 1
        and not a.episode
        and not set(all_asks) & {"company_link", "future", "transfer", "reason", "question"}
        and overlap < 0.5
    ):
        why.append("motivation-speech")
    first = a.first
    lead = "".join(a.sentences[:2])
    q = a.question
    if _ASKS_SUCCESS.search(q) and "failure_event" not in all_asks and _FAILURE_NAMED.search(lead):
        why.append("failure-for-success")  # 「一番大きかったのは…失敗です」 under 成果
    m = _DEFLECT.search(lead)
    if m and m.group(1) in q:
        why.append("deflected")  # 「失敗というより、苦労した話を」
    if _ASKS_INTRO.search(q) and _NOT_INTRO.search(first):
        why.append("not-intro")  # a failure or a goal where a self-introduction was asked
    if _SELF_INTRO.search(a.opening) and not _ASKS_INTRO.search(q):
        why.append("self-intro")
    if (
        _CAREER_MOVE_TOLD.search(lead)
        and not _TOPICS["career-move"][0].search(q)
        and not _FUTURE_Q.search(q)
        and "company_link" not in all_asks
    ):
        why.append("career-move-told")  # 「今の会社を離れようと決めたきっかけは」 elsewhere
    if _HISTORY.search(first) and not _ASKS_HISTORY.search(q):
        why.append(
            "career-history"
        )  # 「大学卒業後、2014年に入社し」 where a way of working was asked
    if (
        _WISH.search(first)
        and not set(all_asks)
        & {"future", "company_link", "transfer", "self_assessment", "hypothetical_steps"}
        and not _FUTURE_Q.search(q)
    ):
        why.append("future-wish")  # 「私は将来的には〜になりたい」 where no future was asked
    if _CAREER_TOLD.search(lead) and not _CAREER_Q.search(q):
        why.append("career-told")  # 「キャリアの軸は」「転職の理由は」 under an episode question
    if (
        _DECLINE_TOLD.search(lead)
        and "question" not in all_asks
        and structure != "reverse"
        and not _YES_NO.search(q)
    ):
        why.append("decline-told")  # 「特に気になる点はなくなりました」 where an answer was asked
    if _BARE_REASON.search(first) and "reason" not in all_asks and not _FUTURE_Q.search(q):
        why.append("reason-unasked")  # 「〜を広げたいからです」 answers a why nobody asked
    m = _ANNOUNCED.search(first)
    # a strength told through the episode that was asked for still answers it
    framed = m is not None and m.group(1) in ("強み", "長所") and "episode" in first_asks
    if m and not any(w in q for w in _ANNOUNCED_FAMILY[m.group(1)]) and not (framed and a.episode):
        why.append("announced-other")  # 「私の強みは」 under a question that asks no strength
    if (
        "question" not in all_asks
        and structure != "reverse"
        and any(_ASKS_BACK.search(x) for x in a.sentences[:2])
    ):
        why.append("asks-back")  # a question to the interviewer where an answer was asked
    if (
        _COMPANY_TOLD.search(first)
        and not set(all_asks) & {"company_link", "transfer", "future", "question"}
        and not _COMPANY_Q.search(q)
    ):
        why.append("company-told")  # 「御社の中期経営計画を拝見し」 under a teamwork question
    if (
        "episode" in first_asks
        and not set(all_asks) & _NOT_AN_EPISODE
        and a.past == 0
        and not a.episode
        and len(a.sentences) >= 2
    ):
        why.append("no-episode")  # one occasion asked, none told
    return why


# Topics a question names that an answer cannot skip and still answer it (the category's
# expected content): asked in the question → some word of it in the answer.
_TOPICS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "career-move": (
        re.compile(
            r"(?:辞め|退職|離職|転職|離れ)(?:た|る|を(?:考え|決め|繰り返)|し(?:た|よう)|ようと)?[^。]{0,8}(?:理由|きっかけ|のですか|のか)|キャリアチェンジ|転機|一貫|キャリアの軸|(?:会社|職場|今の|現職)[^。]{0,6}残(?:る|って)"
        ),
        re.compile(
            r"転職|辞め|退職|離職|離れ|転機|きっかけ|一貫|軸|共通|キャリア|残|タイミング|時期|区切り|方向|やりたい|不満|挑戦|"
            r"評価|方針|給与|給料|残業|人間関係|将来性|したい|今の職場|今の会社|現職"
        ),
    ),
    "hobby": (
        re.compile(r"趣味|休日|プライベート|休みの日"),
        re.compile(r"趣味|休日|休み|週末|好き|楽しみ|プライベート|毎週|毎朝|時間"),
    ),
}

# What every answer in a category talks about, whatever the question's wording (the category's
# expected content): a motivation answer names the company or the wish, a collaboration
# answer has other people in it, a career answer a future or a move.
_EXPECTED: dict[str, re.Pattern[str]] = {
    "motivation": re.compile(
        _COMPANY.pattern
        + "|"
        + _FUTURE.pattern
        + r"|魅力|惹か|共感|理由|きっかけ|業界|会社|説明会|見学|調べ"
    ),
    "career": re.compile(
        _FUTURE.pattern
        + r"|転職|辞め|退職|離職|離れ|転機|きっかけ|一貫|軸|共通|キャリア|残|タイミング|時期|方向|条件"
        + r"|評価|方針|給与|給料|残業|人間関係|将来性|不満"  # reasons for leaving, told as they are
    ),
    "collaboration": re.compile(
        r"チーム|メンバー|同僚|上司|部下|先輩|後輩|部署|部門|相手|関係者|皆|周り|周囲|さん|様|協力|一緒|取引先|業者|職長|職人|店長|スタッフ|担当者|方々|全員|人|誰|みんな|役割"
    ),
    "failure": re.compile(
        _FAILURE.pattern
        + r"|苦労|大変|難し|厳し|きつ|プレッシャー|ストレス|課題|問題|壁|悩|焦|不安|原因|反省|叱|怒|足り|期限|限られ|ぶつか|対立|反対|揉め|意見"
    ),
    "growth": re.compile(
        _LEARNING.pattern
        + "|"
        + _SELF.pattern
        + r"|成長|勉強|資格|習|覚え|スキル|講座|本|研修|克服|改善"
    ),
}

# The answer announces its own topic in its first sentence (「私の強みは」「キャリアの軸は」):
# a topic the question does not name is another question's answer.
_ANNOUNCED = re.compile(
    r"^[^。]{0,12}?(?:私の|一番の|一番大きな|自分の)(強み|長所|弱み|短所|キャリアの軸|目標|志望(?:動機|理由)|夢|失敗)(?:は|として|と)"
)
_ANNOUNCED_FAMILY: dict[str, tuple[str, ...]] = {
    "強み": ("強み", "長所", "得意", "自信", "アピール", "あなたらしさ", "人柄", "評価"),
    "長所": ("強み", "長所", "得意", "自信", "アピール", "あなたらしさ", "人柄", "評価"),
    "弱み": ("弱み", "短所", "苦手", "課題", "改善", "指摘"),
    "短所": ("弱み", "短所", "苦手", "課題", "改善", "指摘"),
    "キャリアの軸": ("軸", "キャリア", "一貫", "大切", "転職", "価値観", "選"),
    "目標": ("目標", "将来", "年後", "キャリア", "ビジョン", "入社後", "今後", "これから"),
    "志望動機": ("志望", "理由", "選", "当社", "弊社", "応募", "入社"),
    "志望理由": ("志望", "理由", "選", "当社", "弊社", "応募", "入社"),
    "夢": ("夢", "将来", "目標", "年後"),
    "失敗": (
        "失敗",
        "ミス",
        "うまくいかな",
        "挫折",
        "後悔",
        "反省",
        "やり直",
        "誤",
        "トラブル",
        "苦労",
        "叱",
    ),
}
_ASKS_BACK = re.compile(
    r"(?:伺い|伺いし|お聞きし|お尋ねし)たい(?:です|と思|のです|こと|点)|教えていただけ(?:ます|ません)か|(?<!こと)(?<!件)(?<!話)(?<!よろしい)でしょうか[。?？]?$|(?:っすか|ですか|ますか)[?？]$"
)
_COMPANY_TOLD = re.compile(
    r"^(?:はい[、。])?(?:御社|貴社)(?:は|の課題|を志望)|志望(?:する|した)(?:のは|理由)|志望動機|(?:御社|貴社)の(?:中期経営計画|決算|事業|理念|製品|サービス|取り組み|強み)|中期経営計画|決算資料|拝見し"
)
_COMPANY_Q = re.compile(r"当社|弊社|うちの会社|中期|計画|事業|調べ|知って|イメージ|ご存じ|理解")

_CAREER_TOLD = re.compile(
    r"キャリアの軸|が軸です|転職(?:の|した|する)?理由|前職の環境に不満|キャリアです"
)
_CAREER_Q = re.compile(r"キャリア|軸|転職|理由|辞め|退職|なぜ|経歴|一貫|選")
_DECLINE_TOLD = re.compile(r"今日(?:お話|の面接)[^。]{0,10}(?:伺|聞)|特に(?:気になる|疑問|質問)")
_YES_NO = re.compile(
    r"(?:あります|ございます|いますか|ましたか)(?:か)?[。?？]?$|ありますか|ございますか"
)
_BARE_REASON = re.compile(r"^[^。、]{4,40}(?:たい|ため|だ|の)?からです[。]?$")

_ASKS_SUCCESS = re.compile(
    r"成果|成功|うまくいった|上手くいった|正しかった|誇れる|自信を持|評価された|達成"
)
_FAILURE_NAMED = re.compile(
    r"失敗(?!(?:を|は|も)?(?:した)?(?:こと)?(?:は|が|も)?(?:なく|ない|ありません|しない))|後悔|やり直したい|反省してい|悔やま"
)
_DEFLECT = re.compile(
    r"(失敗|成果|成功|強み|弱み|長所|短所|質問|志望|理由|きっかけ|課題|判断)というより"
)
_ASKS_INTRO = re.compile(r"自己紹介|職務経歴|ご経歴|経歴を|これまでの(?:ご)?経験を")
_NOT_INTRO = re.compile(r"失敗|目標は|転職を考え|志望|なりたい|強みは|弱みは")
_SELF_INTRO = re.compile(r"と申します(?![とかのがけ])")
_CAREER_MOVE_TOLD = re.compile(
    r"(?:転職|退職|離職)(?:を(?:考え|決め)|の(?:理由|きっかけ)|しようと|する(?:のは|理由))"
    r"|(?:辞め|離れ)(?:よう|る)(?:と|理由|きっかけ)|辞めた(?:のは|理由)"
)
_HISTORY = re.compile(
    r"卒業後|新卒で[^。]{0,10}入社|(?:19|20)\d\d年に[^。]{0,20}入社|に入社し(?:、|て)"
)
_ASKS_HISTORY = re.compile(
    r"経歴|経験|業務|仕事内容|担当|キャリア|これまで|自己紹介|どんな仕事|お仕事"
)
_WISH = re.compile(r"将来(?:的に)?は|目標は|なりたい|目指して|(?:ていき|し)たいと(?:考え|思)")
_FUTURE_Q = re.compile(r"年後|将来|キャリア|目標|入社後|今後|これから|なぜ|理由|選")


_SUCCESS = re.compile(
    r"成功|達成|表彰|評価され|受注|増え|伸び|改善し|短縮|削減|減りました|減らせ|上がりました|喜ばれ|感謝され|"
    r"できました|実現し|解決し|乗り越え|成果"
)
_DIFFICULTY = re.compile(r"壁|苦労|大変|難し|まずい|原因|反省|困|悩|厳し|失|うまく")
_WRAP_UP = re.compile(
    r"今日の(?:お話|面接)|十分|イメージ(?:が|も|を)|よく分かり|理解でき|準備して|拝見し|ございません|ありません"
)
_CHOSEN = re.compile(r"惹か|魅力|決め手|選ん|選び|共感|興味|関心|憧れ|働きたい|働ける")
_DECLINE = re.compile(
    r"特に(?:ございません|ありません|ない)|大丈夫です|十分(?:理解|分かり)|(?:疑問|質問|気になる)(?:点)?は(?:特に)?(?:ございません|ありません|ない|なくなり)"
)
# Asks whose answer is not one past occasion, even when the question says 経験.
_NOT_AN_EPISODE = frozenset(
    {
        "future",
        "transfer",
        "hypothetical_steps",
        "company_link",
        "self_assessment",
        "one_word",
        "others_view",
    }
)
# 「話し足りなかったことや、確かめておきたいことは」: a supplement answers too
_OR_SUPPLEMENT = re.compile(r"話し足りな|言い足りな|伝えきれな|補足|アピール")
_ASKING = re.compile(
    r"(?:誰|何|どう|どの|どんな|いつ|どこ|なぜ|どれ)[^。]{0,30}か(?:で|と|、)|(?:か|でしょうか|ますか|ですか|ませんか)[?？。!]*$|[?？]|(?:伺い|伺いし|お聞きし|お尋ねし|聞き|確かめ|確認し)たい(?:です|と思|のです|こと|点)|教えていただけ|お聞かせいただけ|伺えますか|伺えれば|教えていただければ|伺います|お聞きします"
)


@functools.lru_cache(maxsize=2048)
def _parts(question: str) -> tuple[Part, ...]:
    """The question read once: a batch or a practice session asks the same questions again and
    again, and tokenising them was a tenth of the analysis time."""
    return tuple(
        Part(t, tuple(_asks_of(t)), tuple(content_terms(t))) for t in question_parts(question)
    )


def assess(
    elements: Elements,
    question: str | None,
    asks: Sequence[str] | None = None,
    structure: str = "both",
    category: str = "",
) -> Relevance:
    """Off-topic and partial verdicts for one analysed answer. Without a question, neither."""
    if not question or not question.strip():
        return Relevance(False, ())
    a = _read_answer(elements, question)
    parts = _parts(question)
    declared = tuple(asks) if asks else ()
    all_asks = declared or tuple(dict.fromkeys(x for p in parts for x in p.asks))
    if not parts:
        return Relevance(False, all_asks)
    first = parts[0]
    first_asks = first.asks
    if declared and len(parts) == 1:
        first_asks = declared
    if structure == "reverse" and not first_asks:
        first_asks = ("question",)  # a reverse-question category asks for a question
    unshown = tuple(x for x in first_asks if not _shows(x, a))
    terms = [t for p in parts for t in p.terms]
    uncovered = tuple(dict.fromkeys(t for t in terms if not _covered(t, a)))
    overlap = 1 - len(uncovered) / len(set(terms)) if terms else 1.0
    first_overlap = (
        sum(1 for t in first.terms if _covered(t, a)) / len(first.terms) if first.terms else 1.0
    )
    evidence = {"overlap": overlap, "first_overlap": first_overlap}

    why = _off_topic_reasons(a, first_asks, all_asks, unshown, overlap, structure)
    expected = _EXPECTED.get(category)
    if (
        expected is not None
        and not expected.search(a.norm)
        and first_overlap == 0
        and a.episode  # a story told, and nothing of what this category talks about
    ):
        why.append(f"category:{category}")  # none of what this category's answers talk about
    missing_part = None
    if why and len(parts) > 1 and all(w.startswith("unshown:") for w in why):
        # the first part unanswered but a later one answered: partial, not off-topic
        later = [t for p in parts[1:] for t in p.terms]
        if later and sum(1 for t in later if _covered(t, a)) * 2 >= len(later):
            missing_part = first.text
            why = []
    off = bool(why)
    if not off and missing_part is None and len(parts) > 1:
        seen = set(first.terms)
        for p in parts[1:]:
            own = [x for x in p.asks if x not in first.asks and x not in ("own_part", "fact")]
            # the part's own words (not the first part's): none taken up means not answered
            words = [t for t in p.terms if t not in seen]
            seen.update(p.terms)
            unasked = bool(own) and all(not _shows(x, a) for x in own)
            untouched = len(words) >= 2 and not any(_covered(t, a) for t in words)
            if unasked or untouched:
                missing_part = p.text
                break
    return Relevance(
        off_topic=off,
        asks=all_asks,
        parts=parts,
        unaddressed=uncovered,
        unshown=unshown,
        instead=_instead(a) if off else "",
        missing_part=missing_part,
        evidence=evidence,
        why=tuple(why),
    )
