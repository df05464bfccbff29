"""Text as a user typed or pasted it, made safe to store, show and analyse.

Everything that enters the coach from outside (an answer, a reply to a follow-up, a logged
question, a line of a batch file) passes through :func:`clean` before it is stored, shown or
analysed, so that:

- a lone surrogate (from a JSON ``"\\ud800"`` escape or undecodable input) becomes U+FFFD and
  can always be encoded as UTF-8 (SQLite, SudachiPy and the terminal all refuse it otherwise);
- terminal escape sequences (CSI such as ``\\x1b[2J``, OSC titles and hyperlinks) are removed
  whole, so neither the terminal nor an exported file runs them and their digits are not read
  as the speaker's numbers;
- other control characters go, except newline and tab; ``\\r\\n`` and a lone ``\\r`` become
  ``\\n``;
- bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a line
  read differently from what it holds, are dropped.
"""

from __future__ import annotations

import re

# ESC-introduced sequences, removed whole: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \),
# other string controls (DCS, SOS, PM, APC), and two-character escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 except tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """The text with what cannot be stored or shown safely repaired or removed."""
    if text.isascii() and text.isprintable():
        return text
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _DROP.sub("", text)
