"""Does the first sentence answer the question, rather than set a scene? (conclusion_first)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.analysis.lexicon import Lexicon
from coach.analysis.substance import content_words
from coach.analysis.text import matching_form

if TYPE_CHECKING:
    from coach.analysis.elements import Sentence

# What a question can ask for by name (a topic overlap rescues a scene-setting first sentence
# only for these, not for generic words like 仕事 or 役割).


def said_back(said: str, question: str) -> bool:
    """Are most of the words of ``said`` the question's (its character pairs found in it)?"""
    if len(said) == 1:
        return said in question  # 「今、ですか。」 under 「なぜ「今」転職なのですか」
    pairs = {said[i : i + 2] for i in range(len(said) - 1)}
    return bool(pairs) and sum(p in question for p in pairs) >= max(1, len(pairs) // 2)


def _takes_up(sent: Sentence, q: str, lex: Lexicon) -> bool:
    """Does the sentence use a content word of the question (a verb by its stem: 立て直す in
    「どう立て直しましたか」)?"""
    return any(w in q or (len(w) >= 3 and w[:-1] in q) for w in content_words(sent.tokens, lex))


def answers_first(
    sent: Sentence, lex: Lexicon, question: str | None, reverse: bool, whole: str = ""
) -> bool:
    """Does the first sentence answer the question, rather than set a scene? ``sent`` is its
    first clause, ``whole`` the typed sentence it opens."""
    norm = lex.lead_filler.sub("", sent.norm)
    q = matching_form(question) if question else ""
    if lex.other_ask.search(norm):
        return False  # asks leave to say something else, or to tell it first
    if reverse:
        return sent.question or bool(lex.decline.search(norm) or lex.answer_announce.search(norm))
    if sent.hollow and lex.decline.search(norm):
        return (
            False  # 「特にありません。」 declines to answer (only a reverse question is declined)
        )
    if lex.asks_yes_no.search(q) and lex.affirm_ending.search(norm):
        # 「ありました。」「予算も人手も足りない時期はありました。」 says yes to what was asked
        m = lex.affirm_ending.search(norm)
        said = lex.lead_filler.sub("", norm[: m.start() if m else 0]).strip("、,。 ")
        if not said or (len(norm) <= 30 and said_back(said, q)):
            return True
    typed = whole or norm  # the typed sentence the first clause opens
    if q and lex.negative_answer.search(typed) and _takes_up(sent, q, lex):
        return True  # 「前職ではあまり成長を実感できませんでした」: a no, in the question's words
    if (
        whole
        and len(norm) <= 45
        and norm != lex.lead_filler.sub("", whole)
        and lex.setup_clause.search(norm)
        and not lex.affirm_start.search(norm)
    ):
        return False  # 「入電数が急に増えた時期があって」: a run-on answer's story set up first
    if (
        whole
        and len(norm) <= 60
        and norm != lex.lead_filler.sub("", whole)
        and lex.setup_but.search(norm)
        and "のは" not in norm
        and not lex.affirm_start.search(norm)
        and not (q and _takes_up(sent, q, lex))
    ):
        return False  # 「御社のアプリで何回か買ってみたんですけど、」: a story set up first
    if whole and lex.trailing_but.search(whole):
        return False  # 「外してたら申し訳ないんですけど。」: a disclaimer, the answer still to come
    if lex.background_announce.search(typed):
        return False  # 「その前に少し職場の説明をすると」: background comes first
    # (a first clause that is a sentence of its own, 「ありました」, is read alone)
    opening = norm if sent.norm.endswith(("ます", "ました", "です", "でした")) else typed
    if lex.setup_opening.search(lex.lead_filler.sub("", opening)):
        return False  # 「前の会社にいたときの話なんですけど、」: a story's setting comes first
    if (
        lex.asks_ahead.search(q)
        and lex.past_ending.search(typed)
        and not lex.looks_ahead.search(typed)
    ):
        return False  # asked what one will do here: 「前職では〜を取りまとめました。」 sets it up
    if (
        lex.had_happen.search(norm)
        and lex.asks_doing.search(q)
        and not lex.asks_experience.search(q)
    ):
        return False  # asked how it was handled: 「〜が遅れたことがあります。」 only sets it up
    if lex.asks_own_part.search(q) and sent.team and not sent.first_person:
        # asked one's own part, the whole team is the doer: 「店全体で、みんなで色々な取り組みを
        # しました」 has not said the part yet (with 私 in it, it has)
        return False
    if (
        lex.asks_company_choice.search(q)
        and lex.old_job.search(typed)
        and not lex.company_or_motive.search(typed)
    ):
        return False  # asked why this company: 「前のサロンは、店長が〜短かったんです」
    scene = bool(lex.scene_opener.search(norm))
    if lex.asks_scale.search(q) and sent.quantities and _takes_up(sent, q, lex):
        return True  # asked a scale or a figure: 「売場は約150坪で、売上は月3,200万円です」
    if lex.names_the_answer.search(norm):
        return True  # 「〜が決め手でした」 is the answer itself
    topic_overlap = bool(
        set(lex.asked_topic.findall(q)) & set(lex.asked_topic.findall(norm))
    ) and not lex.asks_how.search(q)
    job_q = bool(lex.asks_job.search(q)) and not lex.asks_how.search(q)
    if job_q and lex.job_words.search(norm) and not lex.occasion_frame.search(norm):
        # the question asks what the job is: describing it answers (with a figure, if asked)
        return not lex.asks_scale.search(q) or bool(sent.quantities)
    if lex.occurs("frame_sentence", norm):
        # 「〜したことがあります」 can itself name what was asked (a failure, an experience)
        if lex.had_happen.search(norm):
            failure = bool(
                lex.failure_word.search(q) and (lex.failure_word.search(norm) or sent.outcome)
            )
            # 「〜したことはありますか」「はい、〜したことがあります」 answers in kind
            yes = sent.norm.startswith(("はい", "あります", "ございます"))
            experience = bool(
                lex.asks_experience.search(q)
                and not scene
                and (sent.actions or topic_overlap or yes)
            )
            return failure or experience
        return False
    if lex.asks_how.search(q) and not scene and (lex.method.search(norm) or sent.actions):
        return True  # asked how: the first sentence gives the way of doing it
    # an endeavour told with its outcome (挑戦しましたが、合格できませんでした) answers
    # (an outcome stated: a result cue, or a mishap that befell: 〜させてしまったことです)
    result_cue = bool(
        (sent.outcome or lex.occurs("result_marker", norm))
        and not lex.role_became.search(norm)
        and (sent.first_person or lex.endeavour_then_outcome.search(norm))
    )
    # (taking on a job or a part, 〜を私が担当しました, is no step of how it was done)
    steps = bool(sent.actions) and not lex.role_taken.search(norm)
    story_opening = not steps or not lex.asks_how.search(q)
    # asked for a failure, the first sentence tells the failure itself (入社3年目に、発注数を一桁
    # 間違えて在庫が三倍になりました): the answer, even with a time in front
    told_failure = bool(
        lex.failure_word.search(q)
        and not lex.asks_after_failure.search(q)
        and sent.past
        and lex.failure_word.search(norm)
        and (sent.outcome or lex.mishap_ending.search(norm))
    )
    if told_failure:
        return True
    if (
        scene
        and not sent.past
        and not sent.actions
        and not topic_overlap
        and lex.runs_on.search(sent.norm)
    ):
        return False  # 「前職では物流センターで入出荷の管理をしていて、」 runs on into a story
    if scene and sent.past and not topic_overlap and not result_cue and story_opening:
        return False  # 「入社2年目の冬、〜という事態が起きました。」 opens a story
    # asked how something was done, the first sentence only describes a state (きつかった)
    if (
        lex.asks_how.search(q)
        and not sent.actions
        and not lex.method.search(norm)
        and lex.state_only.search(norm)
    ):
        return False
    setting = (bool(lex.setting_topic.search(norm)) and not sent.first_person) or bool(
        lex.setting_topic_own.search(norm)
    )
    if setting and not topic_overlap:
        # 「介護の仕事は、〜大切な仕事だと考えております」: a belief about the field
        if lex.setting_belief.search(typed) and not lex.asks_values.search(q):
            return False
        if not lex.setting_answers.search(typed):
            return False  # 「物流センターでは毎日多くの判断が求められます」 describes the setting
    copula_past = lex.copula_past.search(norm) is not None  # 〜でした: a state only after a scene
    if lex.state_ending.search(norm) or (scene and copula_past):
        # a scene-setting sentence still answers when it names what was asked (課題, 失敗…)
        if topic_overlap:
            return True
        if scene:
            return False
        if lex.conduct_stance.search(norm):
            return True  # 「〜を心がけていました」: the way it was handled
        return job_q or not question
    return True
