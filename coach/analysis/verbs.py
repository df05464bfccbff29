"""Verbs: which steps a sentence tells, and whose (own, team-only, planned, a practice kept).

Part of the sentence preparation (elements.py): SudachiPy's morphemes decide tense, voice and
who acts (a が-subject that is not the speaker, 〜てくれる, 〜てしまう, 〜べきでした).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.analysis.lexicon import Lexicon, lexicon
from coach.analysis.text import Token

if TYPE_CHECKING:
    from coach.analysis.elements import Sentence


def _form(name: str) -> re.Pattern[str]:
    return lexicon().patterns[name]


# Auxiliary verbs that follow a て-form and carry no action of their own.
_AUX_AFTER_TE = frozenset(
    {
        "いる",
        "おる",
        "しまう",
        "みる",
        "いく",
        "くる",
        "もらう",
        "くれる",
        "あげる",
        "いただく",
        "くださる",
        "おく",
        "ある",
        "下さる",
        "頂く",
        "貰う",
        "来る",
        "行く",
        "居る",
        "見る",
        "置く",
    }
)


_SURU = frozenset({"する", "為る", "致す", "いたす"})
# plain verbs of doing whose object names the step (照合をやる: やる alone is too vague to count)
_DO = frozenset({"やる", "遣る"})
_PASSIVE = frozenset({"れる", "られる", "せる", "させる"})
_VOLITIONAL = frozenset({"たい", "う", "よう", "まい"})


def _verbal_noun(t: Token) -> bool:
    """A noun that takes する as a verb: 提案, and also 一本化 / 見える化, which the dictionary
    does not mark as サ変可能."""
    if t.pos == "名詞" and (t.pos2 == "サ変可能" or t.lemma.endswith("化")):
        return True
    return t.pos == "接尾辞" and t.pos2 == "サ変可能"


def find_verbs(sent: Sentence, lex: Lexicon) -> None:
    """Find action verbs and sort them into own deeds, team-only deeds and plans."""
    toks = sent.tokens
    non_action = lex.words["non_action_verbs"]
    n = len(toks)
    other_subject = _other_subjects(toks)
    for i, t in enumerate(toks):
        if t.pos != "動詞":
            continue
        lemma = t.lemma
        if lemma in _SURU:
            prev = toks[i - 1] if i else None
            if prev is not None and _verbal_noun(prev):
                lemma = prev.lemma
                if prev.pos == "接尾辞" and i >= 2:
                    lemma = toks[i - 2].lemma + prev.lemma  # 見える化, 見える + 化
            elif (
                prev is not None
                and prev.surface == "に"
                and i >= 2
                and toks[i - 2].lemma
                in (
                    "よう",
                    "こと",
                )
            ):
                lemma = "ようにする"  # 〜ようにしました / 〜ことにしました: a decision taken
            elif (
                prev is not None
                and prev.surface == "に"
                and i >= 2
                and toks[i - 2].pos == "名詞"
                and toks[i - 2].pos1 == "普通名詞"
                and toks[i - 2].lemma not in lex.words["not_a_choice"]
                and not (i >= 3 and toks[i - 3].pos1 == "数詞")  # 1.5倍にした: a figure
            ):
                lemma = toks[i - 2].lemma + "にする"  # 代行プランにしました: a choice made
            else:
                continue
        elif (
            t.pos1 == "非自立可能"
            and i
            and toks[i - 1].surface in ("て", "で")
            and toks[i - 1].pos1 == "接続助詞"
        ):
            continue
        if lemma in _DO and i >= 2 and toks[i - 1].surface == "を" and _verbal_noun(toks[i - 2]):
            lemma = toks[i - 2].lemma  # 照合をやりました: the step is the noun, done as with する
        if lemma in non_action or t.lemma in ("出来る", "できる"):
            continue
        # Look at what follows the verb, up to the next content word.
        passive = volitional = past = negated = linked = mishap = False
        j = i + 1
        while j < n:
            f = toks[j]
            if f.pos == "助動詞":
                if f.lemma in _PASSIVE:
                    passive = True
                elif f.lemma in _VOLITIONAL:
                    volitional = True
                elif f.lemma == "た":
                    past = True
                elif f.lemma in ("ない", "ぬ", "ず"):
                    negated = True
                elif f.lemma == "べし":
                    negated = True  # 〜と伝えるべきでした: what should have been done, not a deed
            elif f.pos == "動詞" and f.pos1 == "非自立可能":
                if f.lemma in ("くれる", "くださる", "下さる"):
                    passive = True  # someone did it for the speaker
                elif f.lemma in ("しまう", "ちゃう"):
                    mishap = True  # 〜てしまった: it happened, nobody chose it
                elif f.lemma not in _AUX_AFTER_TE:
                    break
            elif f.pos == "助詞" and f.surface in ("て", "で"):
                # a て that only leads into an auxiliary (〜てしまう, 〜ている) links nothing
                nxt = toks[j + 1] if j + 1 < n else None
                if nxt is not None and nxt.surface == "も":
                    negated = True  # 〜ても: a concession, not a step taken
                    break
                linked = not (nxt is not None and nxt.pos == "動詞" and nxt.pos1 == "非自立可能")
            elif f.surface == "、" or (f.pos == "助詞" and f.surface in ("ながら", "つつ")):
                linked = True
                break
            else:
                break
            j += 1
        if passive or negated or mishap or other_subject[i]:
            continue
        if volitional:
            sent.planned.append(lemma)
            continue
        relative = (
            past
            and j < n
            and toks[j].pos in ("名詞", "代名詞", "助詞")
            and toks[j].surface not in ("が", "けれど", "けど", "ので", "から", "し", "ため")
        )
        # 分析し、提案しました: a linked verb borrows the tense of the sentence; a past verb inside
        # a noun phrase (減らした経験) counts only in a sentence that narrates the past.
        done = (past and not relative) or ((linked or relative) and sent.past and not sent.future)
        if done:
            if sent.team and not sent.first_person:
                sent.team_actions.append(lemma)
            elif sent.other and not sent.first_person:
                continue
            else:
                sent.actions.append(lemma)
        elif sent.future and not past:
            sent.planned.append(lemma)
        elif not sent.past and not sent.hypothetical and _form("ongoing").search(sent.norm):
            sent.habits.append(lemma)


_FIRST_PERSON_NOUNS = frozenset({"私", "わたし", "僕", "自分", "私自身", "自分自身"})
_CLAUSE_BREAK = frozenset(
    {"、", "。", "て", "で", "ば", "ので", "から", "けど", "けれど", "ながら"}
)


def _other_subjects(toks: list[Token]) -> list[bool]:
    """For each token: is a verb there governed by a が-subject that is not the speaker
    (新人が入り…)? The nearest clause break, が, を or か before it decides, so one pass
    carries the verdict forward (scanning back from each verb was quadratic in a long
    sentence of verbs)."""
    verdicts: list[bool] = []
    verdict = False
    for k, t in enumerate(toks):
        verdicts.append(verdict)
        if k == 0:
            continue  # the first token never decides: a が there has no subject before it
        if t.surface in _CLAUSE_BREAK and t.pos in ("補助記号", "助詞"):
            if not (t.surface == "で" and t.pos1 == "格助詞"):
                verdict = False
        elif t.surface == "が" and t.pos1 == "格助詞":
            verdict = toks[k - 1].surface not in _FIRST_PERSON_NOUNS
        elif (t.surface == "を" and t.pos1 == "格助詞") or (
            t.surface == "か" and t.pos1 == "副助詞"
        ):
            verdict = False  # a が before the object belongs to an embedded clause
    return verdicts


def befell(toks: list[Token], lex: Lexicon) -> bool:
    """〜てしまった told of an event (遅れてしまいました, 叱られてしまいました), not of the speaker's
    own deed (引き受けてしまいました: the decision itself, told with regret)."""
    for k, t in enumerate(toks):
        if t.lemma not in ("しまう", "ちゃう") or k < 2 or toks[k - 1].surface not in ("て", "で"):
            continue
        j = k - 2
        while j > 0 and toks[j].pos == "助動詞":
            if toks[j].lemma in _PASSIVE:
                return True
            j -= 1
        verb = toks[j]
        if verb.lemma in _SURU and j and _verbal_noun(toks[j - 1]):
            verb = toks[j - 1]
        if (verb.pos != "動詞" and not _verbal_noun(verb)) or verb.lemma in lex.words[
            "non_action_verbs"
        ]:
            return True
        if verb.pos == "動詞" and verb.pos1 != "一般":
            return True
    return False
