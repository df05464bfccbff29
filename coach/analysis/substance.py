"""Does a sentence give anything, or only name an element? (issue 13 item 3, spec: 「Substance,
not phrases」)

A cue names an element (理由は, その結果, 工夫した点は, 具体的には, 私は…しました); the element is
given only when the sentence says something a listener could check or picture: an object, a
person, a tool, a figure, a contrast (〜ではなく〜). A sentence whose content words are all generic
(values, evaluations, attitudes, effort in general, placeholders: ``generic_content`` in
``cues.yaml``) is hollow: 「それが大切だと考えているからです」「良い成果を出すことができました」
「丁寧に取り組んだことです」「私は自ら率先して行動しました」. Decided by the words, not by a list of
phrases.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coach.analysis.lexicon import Lexicon
from coach.analysis.text import Token

if TYPE_CHECKING:
    from coach.analysis.elements import Sentence

# Parts of speech that carry content; adverbs (しっかり, やはり, あえて) and function words never do.
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# 一つ一つ, 何, 数詞 without a counter: not a figure (figures are the sentence's quantities)
_NOT_CONTENT_POS1 = frozenset({"数詞", "助動詞語幹", "非自立可能"})


def content_words(toks: Iterable[Token], lex: Lexicon) -> list[str]:
    """The lemmas of a sentence that carry content of their own (not generic)."""
    generic = lex.words["generic_content"]
    out = []
    for t in toks:
        if t.pos not in _CONTENT_POS or t.lemma in generic or t.surface in generic:
            continue
        if t.pos == "名詞" and t.pos1 in _NOT_CONTENT_POS1:
            continue
        if t.pos == "形状詞" and t.pos1 == "助動詞語幹":
            continue
        out.append(t.lemma)
    return out


def hollow(norm: str, toks: Iterable[Token], quantities: list[str], lex: Lexicon) -> bool:
    """True when the sentence gives no substance: no figure, no contrast, and no content word
    outside the generic lexicon."""
    if quantities or lex.substance_marker.search(norm):
        return False
    return not content_words(toks, lex)


def restates(
    toks: Iterable[Token], quantities: list[str], norm: str, said: set[str], lex: Lexicon
) -> bool:
    """A justification that only says again what was already said (「ユーザー目線が大事です。
    理由は、ユーザー目線がないと良い対応はできないからです」): every content word of it occurs
    in the sentences before it, and it brings no figure or contrast of its own. A circular
    reason names the element without giving it."""
    if not said or quantities or lex.substance_marker.search(norm):
        return False
    words = content_words(toks, lex)
    return bool(words) and all(w in said for w in words)


def fixed_before(body: Iterable[Sentence], index: int) -> bool:
    """Did the speaker own a part or take a step (a one-off or a practice kept since) before
    sentence ``index``? Then 「以後、同じミスは一度もありません」 is the fix's outcome, not a denial
    of failure (R304's exception and the label model's fixed_since read it the same way)."""
    return any(
        t.cue("ownership") or t.cue("own_cause") or t.actions or t.habits
        for t in body
        if t.index < index
    )
