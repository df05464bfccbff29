"""Does the first sentence answer the question, rather than set a scene? (conclusion_first)"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.analysis.lexicon import Lexicon
from coach.analysis.text import matching_form

if TYPE_CHECKING:
    from coach.analysis.elements import Sentence

_LEAD_FILLER = re.compile(
    r"^(?:(?:えーっと|えーと|えっと|ええと|えー|あのー|まあ|うーん|そうですね|はい|正直(?:に申し上げると|なところ)?)[、,…]*\s*|(?:あの|あー|まず)[、,…]+\s*)+"
)
_ASKS_HOW = re.compile(
    r"どのように|どうやって|どう(?:対応|乗り越|解決|進め|克服|立て直|し|動)|何をし|具体的に何"
)
# What a question can ask for by name (a topic overlap rescues a scene-setting first sentence
# only for these, not for generic words like 仕事 or 役割).
_ASKED_TOPIC = re.compile(
    r"強み|長所|弱み|短所|苦手|失敗|挫折|ミス|課題|理由|動機|きっかけ|決め手|志望|軸|成果|実績|学び|教訓|目標|ビジョン"
)
_NAMES_THE_ANSWER = re.compile(
    r"(?:が|は)、?(?:一番の)?(?:決め手|理由|きっかけ|原因|要因)(?:です|でした|でございます)"
)
_ENDEAVOUR_THEN_OUTCOME = re.compile(
    r"(?:ました|した)が、.{0,60}(?:ませんでした|なかった|ず(?:に)?終わ|下回)"
)
_ROLE_BECAME = re.compile(
    r"(?:リーダー|担当|主任|係長|課長|部長|店長|マネージャー|責任者|専任|配属|異動|メンバー)(?:に|と)なり"
)
_ASKS_SCALE = re.compile(r"規模|人数|件数|金額|どのくらい|どれくらい")
_ASKS_EXPERIENCE = re.compile(r"経験|ありますか|ことは|ございますか")
_METHOD = re.compile(
    r"方法|やり方|手順|ように|ことで|ことです|ことでした|まず|最初に|しました|行いました"
)
_COPULA_PAST = re.compile(
    r"(?<!こと)(?<!点)(?<!ため)(?<!から)(?<!の)(?<!ませ)(?<!ません)(?:でした|だった)[。!]?$"
)
_STATE_ONLY = re.compile(
    r"(?:かった|ではありませんでした|ませんでした|でした|だった)(?:です)?[。!]?$"
)
_FAILURE = re.compile(
    r"失敗|ミス|不具合|トラブル|事故|クレーム|遅延|遅れ|誤|損失|赤字|迷惑|間違|守れ|できなかった|失っ|怒らせ|未達|届かな|終わった"
)


def answers_first(sent: Sentence, lex: Lexicon, question: str | None, reverse: bool) -> bool:
    """Does the first sentence answer the question, rather than set a scene?"""
    norm = _LEAD_FILLER.sub("", sent.norm)
    q = matching_form(question) if question else ""
    if reverse:
        if re.search(r"(?:質問|ご質問)というより", norm):
            return False  # asks permission to say something else
        return sent.question or bool(lex.decline.search(norm) or lex.answer_announce.search(norm))
    if sent.hollow and lex.decline.search(norm):
        return (
            False  # 「特にありません。」 declines to answer (only a reverse question is declined)
        )
    scene = bool(lex.scene_opener.search(norm))
    if _NAMES_THE_ANSWER.search(norm):
        return True  # 「〜が決め手でした」 is the answer itself
    topic_overlap = bool(
        set(_ASKED_TOPIC.findall(q)) & set(_ASKED_TOPIC.findall(norm))
    ) and not _ASKS_HOW.search(q)
    job_q = bool(lex.asks_job.search(q))
    if (
        job_q
        and re.search(r"担当|業務|役割|として|仕事|を(?:して|やって)", norm)
        and not re.search(r"(?:時|とき|頃|際)の(?:こと|話)", norm)
    ):
        # the question asks what the job is: describing it answers (with a figure, if asked)
        return not _ASKS_SCALE.search(q) or bool(sent.quantities)
    if lex.frame_sentence.search(norm):
        # 「〜したことがあります」 can itself name what was asked (a failure, an experience)
        if re.search(r"ことが(?:あります|ありました|ございます|あった)", norm):
            failure = bool(
                _FAILURE.search(q) and (_FAILURE.search(norm) or lex.result_marker.search(norm))
            )
            # 「〜したことはありますか」「はい、〜したことがあります」 answers in kind
            yes = sent.norm.startswith(("はい", "あります", "ございます"))
            experience = bool(
                _ASKS_EXPERIENCE.search(q) and not scene and (sent.actions or topic_overlap or yes)
            )
            return failure or experience
        return False
    if _ASKS_HOW.search(q) and _METHOD.search(norm) and not scene:
        return True  # asked how: the first sentence gives the way of doing it
    # an endeavour told with its outcome (挑戦しましたが、合格できませんでした) answers
    result_cue = bool(
        lex.result_marker.search(norm)
        and not _ROLE_BECAME.search(norm)
        and (sent.first_person or _ENDEAVOUR_THEN_OUTCOME.search(norm))
    )
    story_opening = not sent.actions or not _ASKS_HOW.search(q)
    if scene and sent.past and not topic_overlap and not result_cue and story_opening:
        return False  # 「入社2年目の冬、〜という事態が起きました。」 opens a story
    # asked how something was done, the first sentence only describes a state (きつかった)
    if (
        _ASKS_HOW.search(q)
        and not sent.actions
        and not _METHOD.search(norm)
        and _STATE_ONLY.search(norm)
    ):
        return False
    copula_past = _COPULA_PAST.search(norm) is not None  # 〜でした: a state only after a scene
    if lex.state_ending.search(norm) or (scene and copula_past):
        # a scene-setting sentence still answers when it names what was asked (課題, 失敗…)
        if topic_overlap:
            return True
        if scene:
            return False
        return job_q or not question
    return True
