"""T: 質問に答えているか — the answer answers what was asked, all of it, in the form it asks.

The verdicts come from :mod:`coach.analysis.relevance` (read once per answer by ``analyze``);
these rules only word them. All need the question: without one they never fire.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coach.analysis.rules import ANSWER_STRUCTURES, Draft, Hit, rule
from coach.domain import ASKS

ALL = frozenset({*ANSWER_STRUCTURES, "reverse"})


def _quote(text: str, limit: int = 40) -> str:
    text = text.strip().rstrip("。")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(asks: tuple[str, ...]) -> str:
    return "・".join(ASKS[a][0] for a in asks if a in ASKS)


@rule(
    "T101",
    "off-topic",
    level="error",
    title="質問に答えていない",
    summary="回答が、聞かれた質問ではなく別の質問に答えていないか（失敗を聞かれて成功談、5年後を聞かれて強み）を見ます。",
    rationale=(
        "現場の面接官が最初に見るのは、聞いたことに答えているかです。"
        "よくできた話でも別の質問への答えだと、話を聞いていない・準備した話を当てはめているだけと受け取られ、"
        "入社後の報告や指示の受け取り方まで不安視されます。"
    ),
    fix="最初の一文で聞かれたことに直接答え、用意していた話は、その答えを支える材料として後ろで使いましょう",
    bad="（失敗を教えてください）一番の成果は、在庫の欠品を半分に減らしたことです。…",
    good="一番の失敗は、在庫の発注点を見直さずに欠品を出したことです。原因は私の確認不足でした。…",
    structures=ALL,
    priority=0,
)
def off_topic(draft: Draft) -> Iterator[Hit]:
    rel = draft.relevance
    if rel is None or not rel.off_topic or not rel.parts:
        return
    asked = _quote(rel.parts[0].text)
    wanted = _names(rel.unshown) or _names(rel.parts[0].asks)
    found = f"質問は「{asked}」と聞いていますが、回答は{rel.instead}になっています"
    if rel.topic_words:  # the words that told the topic model what the answer was about
        found += "（「" + "」「".join(rel.topic_words) + "」などの話）"
    if wanted:
        found += f"（聞かれているのは{wanted}）"
    words = [w for w in rel.unaddressed if not re.fullmatch(r"[ぁ-ゖ]+", w)][:4]
    if words:
        found += "。質問の「" + "」「".join(words) + "」に触れていません"
    fix = f"まず「{asked}」に一文で直接答え、今の話はその答えを支える材料として後ろで使いましょう"
    yield Hit(None, found, fix)


@rule(
    "T102",
    "part-unanswered",
    level="warning",
    title="質問の後半に答えていない",
    summary="二つのことを聞く質問で、片方だけに答えて、もう片方が抜けていないかを見ます。",
    rationale=(
        "「〜は何ですか。それを当社でどう活かしますか」のような質問は、後半こそが本題であることが多く、"
        "面接官は抜けた部分をもう一度聞き直すことになります。聞かれたことを最後まで押さえられるかは、"
        "仕事の指示を正確に受け取れるかと同じ力として見られています。"
    ),
    fix="抜けている部分に一文で答えを足しましょう",
    bad="（学んだことと、それを業務でどう使ったか）Pythonを独学で学びました。講座を3か月受けました。",
    good="Pythonを独学で学びました。月次の集計を自動にし、作業を2日から半日に減らしました。",
    structures=ALL,
    priority=5,
    penalty=10,
)
def part_unanswered(draft: Draft) -> Iterator[Hit]:
    rel = draft.relevance
    if rel is None or rel.off_topic or rel.missing_part is None:
        return
    part = _quote(rel.missing_part, 50)
    yield Hit(
        None,
        f"質問の「{part}」の部分に答えていません",
        f"「{part}」に答える一文を足しましょう",
    )


_STEP = re.compile(
    r"まず|最初に|次に|そのうえで|その上で|並行して|(?:確認|相談|報告|連絡|共有|整理|依頼|調整|説明|提案|準備|把握|聞き取|"
    r"洗い出|優先順位|伺|聞|動|進|取|作|決|話|見直|集め|回)[^。]{0,6}(?:ます|ましょう)"
)


@rule(
    "T103",
    "hypothetical-without-steps",
    level="warning",
    title="仮定の質問に手順で答えていない",
    summary="「〜ならどうしますか」に、自分ならどう動くかを具体的な手順（まず〜、次に〜）で答えているかを見ます。",
    rationale=(
        "仮定の質問で現場の面接官が見ているのは、入社後にその場面で実際に動けるかです。"
        "「頑張ります」「うまくいくと思います」のような結果や意気込みだけでは、何から手をつける人なのかが分かりません。"
    ),
    fix="「まず〜を確認し、次に〜に相談します」と、最初の一手から順に述べ、できれば似た場面の経験を一つ添えましょう",
    bad="（引き継いだ取引先から強いクレームが入ったら）誠意をもって対応し、信頼を取り戻したいと思います。",
    good="まずその日のうちに先方に伺ってお詫びし、経緯を先方の言葉で聞き取ります。次に、過去の記録を…",
    structures=ANSWER_STRUCTURES,
    priority=26,
)
def hypothetical_without_steps(draft: Draft) -> Iterator[Hit]:
    if "hypothetical_steps" not in draft.asks or (draft.relevance and draft.relevance.off_topic):
        return
    steps = sum(len(_STEP.findall(s.norm)) for s in draft.body)
    if steps >= 2 or draft.labels["action"]:
        return  # steps told, or a past case of doing it told
    yield Hit(None, "その場面で自分がどう動くかの手順が述べられていません")


@rule(
    "T104",
    "short-answer-not-first",
    level="warning",
    title="一言での答えが最初にない",
    summary="「一言で」と聞かれたとき、最初の一文が短い答えになっているかを見ます。",
    rationale=(
        "「一言で」と聞く面接官は、要点をつかんで短く言い切れるかを見ています。"
        "前置きや説明から入ると、その力がないと受け取られます。"
    ),
    fix="最初に「〜です」と一言（20〜30字）で言い切り、理由やエピソードはその後に続けましょう",
    bad="前職では営業事務として受発注や請求の管理を担当しており、そのなかで周囲からは…",
    good="「段取りの人」です。前職では、月末の締めを誰より早く終えて…",
    structures=ANSWER_STRUCTURES,
    priority=9,
)
def short_answer_not_first(draft: Draft) -> Iterator[Hit]:
    if "one_word" not in draft.asks or (draft.relevance and draft.relevance.off_topic):
        return
    first = draft.elements.first
    if first is None:
        return
    lead = draft.sentence(first)
    if len(lead.norm) <= 45 and (draft.labels["conclusion_first"] or "「" in lead.norm):
        return
    yield Hit(first, "最初の一文が一言での答えになっていません")
