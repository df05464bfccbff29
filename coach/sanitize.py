"""Text as a user typed or pasted it, made safe to store, show and analyse.

Everything that enters the coach from outside (an answer, a reply to a follow-up, a logged
question, a line of a batch file) passes through :func:`clean` before it is stored, shown or
analysed, so that:

- a lone surrogate (from a JSON ``"\\ud800"`` escape or undecodable input) becomes U+FFFD and
  can always be encoded as UTF-8 (SQLite, SudachiPy and the terminal all refuse it otherwise);
- terminal escape sequences (CSI such as ``\\x1b[2J``, OSC titles and hyperlinks) are removed
  whole, so neither the terminal nor an exported file runs them and their digits are not read
  as the speaker's numbers; an OSC or other string sequence that is never terminated loses
  only its introducer, never the text after it;
- other control characters go, except newline and tab; ``\\r\\n``, a lone ``\\r`` and the
  Unicode line and paragraph separators become ``\\n``;
- bidirectional controls (the embeddings, overrides and isolates U+202A–U+202E and
  U+2066–U+2069, and the marks U+200E, U+200F and U+061C), which can make a line read
  differently from what it holds, are dropped.

Ordinary text (Japanese, emoji, combining marks, full-width forms) is left exactly as typed:
no normalisation happens here (analysis normalises its own copy).
"""

from __future__ import annotations

import re

# ESC-introduced sequences, removed whole: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \),
# other string controls (DCS, SOS, PM, APC), and two-character escapes. A string control
# without its terminator would swallow everything after it, so only a terminated one is
# removed whole; an unterminated one loses its introducer and numeric parameters. (A body
# stops at the next introducer, so many unterminated ones cost one pass, not one each.)
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x90\x98\x9b-\x9f]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\]PX^_][0-9;]*"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x90\x98\x9b-\x9f]*(?:\x07|\x9c|\x1b\\)"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")
# C0 except tab and newline, DEL, C1, and the bidi controls.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """The text with what cannot be stored or shown safely repaired or removed. Idempotent:
    what it returns contains none of the characters it acts on."""
    if text.isascii() and text.isprintable():
        return text
    text = _SURROGATE.sub("\ufffd", text)
    text = _LINE_BREAK.sub("\n", text)
    text = _ESCAPES.sub("", text)
    return _DROP.sub("", text)
