"""Split a file into its documents.

A document starts
- at its issuer block, the capitals just above the national motto (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
  NAM``): a decision and the plan a department signed are two headed documents;
- at the type heading of a document issued with a decision, recognised by its caption
  (``KẾ HOẠCH ... (Ban hành kèm theo Quyết định số 2345/QĐ-UBND ...)``), which has no header;
- at the beginning of the text when a document without header opens it (a plan whose number is
  only in the captions of its appendices).
An appendix (``PHỤ LỤC ... (Kèm theo Kế hoạch số ...)``) stays with its document. Text before the
first document that is none (a web page's boilerplate) is skipped.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from graph.reading.documents.header import HEADING_RE, LOOSE_HEADING_RE, MOTTO_RE, signature_ends
from graph.text import unify_tones

#: "(Ban hành kèm theo Quyết định số ...)" / "(kèm theo Quyết định số ...)"
ATTACHED_CAPTION_RE = re.compile(unify_tones(
    r"\(\s{0,3}(?:[Bb]an\s+hành\s+|[Đđ]ược\s+ban\s+hành\s+)?[Kk]èm\s+theo\s+(?=\S)"
    r"|(?m:^)[ \t]*(?:Ban\s+hành|Được\s+ban\s+hành)\s+kèm\s+theo\s+(?=\S)"
))
APPENDIX_RE = re.compile(unify_tones(r"(?<![^\W\d_])(?:PHỤ\s+LỤC|Phụ\s+lục|BIỂU|Biểu\s+mẫu)(?![^\W\d_])"))
_SEPARATORS = re.compile(r"^[\s\-–_|=*.]*$")


@dataclass
class Part:
    """Where one document lies in the text and how it was recognised."""

    start: int
    end: int
    headed: bool  # has an issuer block / motto of its own
    caption: int | None = None  # position of its "(Ban hành kèm theo ...)" caption


def _block_start(text: str, motto: int, floor: int) -> int:
    """Start of the issuer block: the run of capital lines just above the motto (at most 4)."""
    line_start = text.rfind("\n", floor, motto) + 1
    # the motto may share its line with the block (columns flattened by PDF extraction)
    start = line_start
    pos = line_start
    content = 0
    for _ in range(10):
        if pos <= floor or content >= 4:
            break
        prev = text.rfind("\n", floor, pos - 1) + 1
        line = text[prev:pos - 1]
        if _SEPARATORS.match(line):
            pos = prev
            continue
        content += 1
        letters = [c for c in line if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters) or len(line) > 120:
            break
        start = prev
        pos = prev
    return max(start, floor)


def _caption_heading(text: str, caption: int, floor: int) -> int | None:
    """The type heading in capitals that opens the run of capitals ending at a caption."""
    pos = caption
    lo = max(floor, caption - 600)
    while pos > lo:
        c = text[pos - 1]
        if c.isalpha() and c.islower():
            break
        pos -= 1
    run_start = pos
    # the heading is the first type word of the run (its first word may have lost its capitals)
    m = LOOSE_HEADING_RE.search(text, max(lo, run_start - 12), caption)
    if m and m.end() <= run_start:
        m = None
    if m and not text[run_start:m.start()].strip(" \t\n.,;:-|"):
        return m.start()
    if m and sum(c.isalpha() for c in text[run_start:m.start()]) <= 2:
        return m.start()
    return None


def _is_heading_line(text: str, head: re.Match[str]) -> bool:
    """A type heading alone on its line, in capitals (not "QUYẾT ĐỊNH:" nor a word of a sentence)."""
    nl = text.find("\n", head.end())
    rest = text[head.end():nl if nl >= 0 else len(text)]
    return not rest.strip() and head.group("heading")[1:].isupper()


def split_documents(match: str) -> list[Part]:
    """The documents of a file's tone-unified text, in order."""
    starts: list[Part] = []
    floor = 0
    for motto in MOTTO_RE.finditer(match):
        if starts and motto.start() - starts[-1].start < 400:
            continue  # a second motto line inside the same header
        start = _block_start(match, motto.start(), floor)
        starts.append(Part(start, len(match), True))
        floor = motto.end()
    for cap in ATTACHED_CAPTION_RE.finditer(match):
        head = _caption_heading(match, cap.start(), 0)
        if head is None:
            continue
        # an appendix caption belongs to the document above it
        if APPENDIX_RE.search(match, max(0, head - 80), head):
            continue
        if any(p.start <= head < p.start + 300 for p in starts):
            continue
        starts.append(Part(head, len(match), False, caption=cap.start()))
    # a document without header right after the signature of the one before ("KẾ HOẠCH" on its line)
    for sig in signature_ends(match, 0, len(match)):
        gap = match[sig:sig + 40]
        head = LOOSE_HEADING_RE.match(match, sig + len(gap) - len(gap.lstrip()))
        if head is None or not _is_heading_line(match, head):
            continue
        if any(p.start <= head.start() < p.start + 300 for p in starts):
            continue
        starts.append(Part(head.start(), len(match), False))
    starts.sort(key=lambda p: p.start)
    # a document without header at the very beginning (its type heading opens the text)
    first = starts[0].start if starts else len(match)
    lead = HEADING_RE.search(match, 0, min(first, 600))
    if lead and (lead.start() == 0 or match[lead.start() - 1] == "\n") and (
        not match[:lead.start()].strip() or first - lead.start() > 2000
    ):
        starts.insert(0, Part(lead.start(), len(match), False))
    if not starts:
        starts.append(Part(0, len(match), False))
    for a, b in itertools.pairwise(starts):
        a.end = b.start
    return starts
