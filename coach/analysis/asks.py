"""What a question asks: its parts, the asks each part names, its own content words.

Read from the question's text (issue 14, item 3) when a bank question does not declare its asks;
the vocabulary is coach.domain.ASKS. :func:`demanded` makes the elements an answer is judged on
fit what the question asks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from coach.analysis.text import matching_form, tokens

# What a question asks, read from its text (issue 14, item 3), in the order they are tried.
_ASK_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "question",
        re.compile(
            r"質問(?:は|が|を)(?:あります|ございます|ない|あれば|どうぞ|二つ|一つ|して)|逆質問|(?:聞いて|確かめて|確認して|知って)おきたい|(?:知り|聞き|伺い|確かめ)たいこと|聞けないこと|聞いてみて"
        ),
    ),
    ("one_word", re.compile(r"一言で|ひとことで|一言でいう|端的に|一つの言葉")),
    (
        "others_view",
        re.compile(
            r"と言われ(?:る|ます)|言われると思|周り(?:から|の人)|(?:同僚|上司|部下|後輩|周囲)(?:から|には|に|は)[^。]{0,20}(?:見|思|言|評価|紹介)|どう見られ"
        ),
    ),
    (
        "hypothetical_steps",
        re.compile(
            r"(?:なら|だったら|としたら|とします|場合|仮に|もし)[^。]{0,40}(?:どう|何を|どのように|どんな)|(?:なら|たら)[、,]?(?:どう|何を)|どうしますか|どう(?:動き|対応し|進め|受け止め)ますか"
        ),
    ),
    (
        "failure_event",
        re.compile(
            r"失敗|ミス|挫折|うまくいかな|上手くいかな|思ったほど|効果が出なかった|やり直(?:せる|したい)|後悔|反省|しくじ|間違"
        ),
    ),
    (
        "future",
        re.compile(
            r"[0-9一二三四五六七八九十何]+年後|将来|キャリア(?:を|の)?(?:描|プラン|ビジョン|目標|展望)|これから|今後|目指し|ビジョン|なりたい|したいこと|実現したい|やりたいこと|挑戦したい"
        ),
    ),
    (
        "company_link",
        re.compile(
            r"(?:当社|弊社|当行|弊行|うちの会社)(?:を|に|の何|でなければ|を選|を志望|でなく)|志望|応募(?:した|の)|なぜ当社|数ある中"
        ),
    ),
    (
        "transfer",
        re.compile(
            r"貢献|(?:業務|仕事|現場|職場)で(?:どう|どのように)(?:使|活か|生か)|(?:当社|弊社|うち|ここ|入社後|この仕事|このポジション)[^。]{0,20}(?:活か|生か|役立|使え|再現|発揮|どう)|活か(?:せ|し|す)|生か(?:せ|し|す)|再現"
        ),
    ),
    (
        "self_assessment",
        re.compile(
            r"強み|弱み|長所|短所|苦手(?:な|だ|と)|得意(?:な|だと|と)|あなたらしさ|自己評価"
        ),
    ),
    ("reason", re.compile(r"なぜ|何故|理由|根拠|決め手|どうして|きっかけ|なぜそう")),
    (
        "process",
        re.compile(
            r"どのように|どうやって|どう(?:対応|乗り越|解決|進め|克服|立て直|し|動|考え|見分け|決め|向き合|補|工夫)|何をし|手順|順を追って|順番|具体的に何|どんな(?:工夫|方法|手)"
        ),
    ),
    (
        "learning",
        re.compile(r"学ん|学び|学ぶ|教訓|気づ|気付|身につけ|得たもの|変わった|変えた|成長"),
    ),
    (
        "episode",
        re.compile(
            r"経験|エピソード|ことは(?:あります|ありました|ございます)|場面|出来事|とき(?:の|は|に)|時(?:の|は)こと|一番大きな|最も大きな|実際に|具体的に"
        ),
    ),
    (
        "own_part",
        re.compile(r"あなた(?:自身|が|は)|ご自身(?:が|は|の役割)|自分(?:自身|が)|役割|担当"),
    ),
    (
        "fact",
        re.compile(
            r"何(?:人|名|件|年|か月|ヶ月|割|%|時間)|いくら|どのくらい|どれくらい|年収|時期|いつ(?:から|まで|頃)|規模"
        ),
    ),
)

_QUESTION_SENTENCE = re.compile(r"[^。？?]+[。？?]?")
# A part of a question ends at a sentence end or at a て-form joint before a second request
# (「成果を一つ挙げて、その成果を出すまでに何をしたのか教えてください」).
_JOINT = re.compile(r"(?<=[てで])、(?=[^。]{8,})")
_REQUEST = re.compile(
    r"(?:教えて|聞かせて|話して|お聞かせ|お願い|挙げて|説明して|ください|ますか|ですか|でしょうか|ませんか|ありますか)|か[。?？]?$"
)


def question_parts(question: str) -> list[str]:
    """The parts of a question: its sentences, and the two halves of a 「〜て、〜ください」."""
    norm = matching_form(question).strip()
    out: list[str] = []
    for m in _QUESTION_SENTENCE.finditer(norm):
        sent = m.group(0).strip()
        if not sent:
            continue
        pieces = _JOINT.split(sent)
        if len(pieces) == 2 and _REQUEST.search(pieces[1]) and len(pieces[0]) >= 6:
            out.extend(pieces)
        else:
            out.append(sent)
    # a lead-in without a request (「当社は前職と規模が違います。」) belongs to what follows
    merged: list[str] = []
    carry = ""
    for piece in out:
        if not _REQUEST.search(piece) and not piece.endswith(("?", "？")):
            carry += piece
            continue
        merged.append(carry + piece)
        carry = ""
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    return merged


def _asks_of(text: str) -> list[str]:
    found = [name for name, pattern in _ASK_CUES if pattern.search(text)]
    if "hypothetical_steps" in found:
        # 「〜なら、どうしますか」 asks for steps, not for a past failure or a process told
        found = [a for a in found if a not in ("process", "episode")]
    if "question" in found:
        found = ["question"]
    return found


@functools.lru_cache(maxsize=2048)
def infer_asks(question: str | None) -> tuple[str, ...]:
    """What a free-text question asks, in the order its parts ask it (both parts of a
    question of two sentences)."""
    if not question or not question.strip():
        return ()
    asks: list[str] = []
    for part in question_parts(question):
        for a in _asks_of(part):
            if a not in asks:
                asks.append(a)
    return tuple(asks)


# --- content words ---------------------------------------------------------------------------

# Words every interview question uses: taking them up says nothing about answering.
_GENERIC_WORDS = """
こと もの ため よう ところ 方 とき 時 中 上 前 後 今 場合 点 話 内容 一つ 一番 最も 自分 自身 あなた ご自身 私 仕事 業務 経験 前職 当社 弊社 御社
会社 具体 具体的 教える 聞く 話す 挙げる 説明 お願い 思う 考える 言う する ある いる なる できる 出来る 感じる 見る 行う 何 どう どの どんな 理由 質問
場面 エピソード 以上 最後 最初 入社 職場 皆さん 際 実際 普段 これ それ あれ どれ 一言 振り返る 教え 聞かせる 伺う 頂く 致す 下さる くださる ござる 順 順番
今回 逆 少し
"""
_GENERIC = frozenset(_GENERIC_WORDS.split())


def content_terms(text: str) -> list[str]:
    """Content words (nouns, verbs, adjectives by dictionary form), generic interview words left
    out, in order of first appearance."""
    out: list[str] = []
    for t in tokens(matching_form(text)):
        if t.pos not in ("名詞", "動詞", "形容詞") or t.pos1 in ("数詞", "非自立可能", "代名詞"):
            continue
        word = t.lemma
        if len(word) < 2 and not re.match(r"[一-龥]", word):
            continue
        if word in _GENERIC or re.fullmatch(r"[ぁ-ゖー]{1,2}", word):
            continue
        if word not in out:
            out.append(word)
    return out


def demanded(base: Sequence[str], asks: Sequence[str]) -> tuple[str, ...]:
    """The elements an answer to this question is judged on: the category's, made to fit what
    the question asks. A hypothetical is answered with steps (not a deed done, not a result:
    T103 checks the steps); 「なぜ」 wants a reason whatever the category's structure."""
    out = list(base)
    if "hypothetical_steps" in asks:
        out = [e for e in out if e not in ("action", "result")]
    if "reason" in asks and out and "reason" not in out:
        out.insert(1 if out[0] == "conclusion" else 0, "reason")
    return tuple(out)
