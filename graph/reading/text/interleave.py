"""Two columns read across: the words of a margin label interleaved with the text beside it.

A PDF page whose margin holds the label "Căn cứ" (one word under the other) beside the cited document's
name is read row by row: "Căn Nghị cứ định 28/1998/NĐ-CP", "Căn Luật cứ thuế ...". The label's second word
is moved back beside the first, where nothing else can stand between them in running text.
"""

from __future__ import annotations

import re

Edit = tuple[int, int, str, bool]

# "Căn", one to three words (not "cứ"; a word may hold a comma or stop: "ổi,bổ"), on the same line or the
# next, then "cứ" as a word of its own; matched at each "Căn" found
_SPLIT_LABEL = re.compile(
    r"(Căn|CĂN)([ \t]+)((?:(?!cứ\b|CỨ\b)[^\W\d_]+(?:[,.][^\W\d_]+)?(?:[ \t]+|[ \t]*\n[ \t]*)){1,3})"
    r"(cứ|CỨ)(?![^\W\d_])")

# where the label may stand: one pass of a pattern with a literal start (faster than str.find on this text)
_LABEL = re.compile("(?:Căn|CĂN) ")


def interleave_edits(text: str) -> list[Edit]:
    """Edits moving the label's "cứ" back after "Căn" ("Căn Nghị cứ định" -> "Căn cứ Nghị  định"), joining
    the rows it spanned."""
    out: list[Edit] = []
    for label in _LABEL.finditer(text):
        at = label.start()
        m = _SPLIT_LABEL.match(text, at)
        if m and (at == 0 or text[at - 1].isspace()):
            out.append((m.end(2), m.end(2), m.group(4) + " ", True))
            # the label's rows were the text's rows too: the text goes on across the line break
            out.extend((m.start(3) + i, m.start(3) + i + 1, " ", True)
                       for i, ch in enumerate(m.group(3)) if ch == "\n")
            out.append((m.start(4), m.end(4), "", True))
    out.sort()
    return out
