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
from functools import lru_cache

from graph.reading.documents.header import (
    HEADING_RE,
    LOOSE_HEADING_RE,
    NUMBER_LINE_RE,
    iter_mottos,
)
from graph.reading.documents.refdata import signer_titles
from graph.reading.documents.signature import signature_ends
from graph.reading.text.folding import cached_fold as fold
from graph.text import unify_tones

#: "(Ban hành kèm theo Quyết định số ...)" / "(kèm theo Quyết định số ...)" / "(Ban hành theo Quyết định ...)"
ATTACHED_CAPTION_RE = re.compile(unify_tones(
    r"\(\s{0,3}(?:[Bb]an\s+hành\s+|[Đđ]ược\s+ban\s+hành\s+)?[Kk]èm\s+theo\s+(?=\S)"
    r"|\(\s{0,3}(?:[Bb]an\s+hành|[Đđ]ược\s+ban\s+hành)\s+theo\s+(?=(?:Quyết|Nghị|Thông|Chỉ)\s)"
    r"|(?m:^)[ \t]*(?:Ban\s+hành|Được\s+ban\s+hành)\s+kèm\s+theo\s+(?=\S)"
))
#: a caption that says the document is issued ("ban hành"), not a plain "(kèm theo ...)" of a table
ISSUED_CAPTION_RE = re.compile(unify_tones(r"\(?\s{0,3}(?:[Bb]an\s+hành|[Đđ]ược\s+ban\s+hành)\s"))
#: the types of a document that a decision issues or approves, with no header of its own
ATTACHABLE_TYPES = ("Quy chế", "Quy định", "Điều lệ", "Kế hoạch", "Chương trình hành động", "Chương trình",
                    "Đề án", "Hướng dẫn", "Chiến lược", "Quy hoạch")
#: "Điều 1. Ban hành kèm theo Quyết định này Quy chế ..." / "Điều 1. Phê duyệt Đề án ...": type and subject
ISSUED_IN_ARTICLE_ONE_RE = re.compile(unify_tones(
    r"Điều\s+1\s*[.:]\s*(?:Ban\s+hành|Phê\s+duyệt)\s+(?:kèm\s+theo\s+Quyết\s+định\s+này\s+)?"
    r"[“\"]?\s*(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in ATTACHABLE_TYPES) + r")(?![^\W\d_])"
    r"[ \t]*(?P<subject>[^\n]{10,400})"
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
    lost_heading: bool = False  # its type word is lost: the heading is only the subject in capitals
    after_signature: bool = False  # found as the capitals that follow the signature of the document before


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
        if NUMBER_LINE_RE.match(line.strip(" \t|")):
            pass  # the number may stand above the motto, under the issuer ("QUỐC HỘI / Số: 32/2001/QH10")
        elif not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters) or len(line) > 120:
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
    if m and fold(m.group("heading")) in _ATTACHABLE_KEYS and _title_lines_only(text[run_start:m.start()]):
        return m.start()  # under a signature whose name is lost ("KT. THỦ TƯỚNG" / "KẾ HOẠCH")
    return _heading_over_title(text, caption, lo)


def _heading_over_title(text: str, caption: int, floor: int) -> int | None:
    """The heading of a type issued with a decision, alone on its line over a title in small letters
    that the caption closes ("KẾ HOẠCH / Triển khai thi hành Luật ... / (Kèm theo Quyết định số ...)"):
    at most three title lines, none of them a sentence of a body (ending in ".", ";" or ":")."""
    pos = caption + 1  # the caption's own line, the title's last line when the layout joined them
    for n in range(4):
        prev = text.rfind("\n", floor, pos - 1) + 1
        raw = text[prev:min(pos - 1, caption)]
        line = raw.strip(" \t|")
        head = HEADING_RE.match(text, prev + len(raw) - len(raw.lstrip(" \t|")))
        if n and head and _is_heading_line(text, head):
            return head.start() if fold(head.group("heading")) in _ATTACHABLE_KEYS else None
        if (n and not line) or line[-1:] in (".", ";", ":") or prev <= floor:
            return None
        pos = prev
    return None


def _caption_under(match: str, head: int, captions: list[re.Match[str]]) -> int | None:
    """The caption that closes a heading starting at ``head`` ("TRIỂN KHAI THI HÀNH LUẬT ... / (Kèm theo
    Quyết định số ...)"), its lines in between no sentence of a body (ending in ".", ";" or ":")."""
    cap = next((c.start() for c in captions if head < c.start() < head + 600), None)
    if cap is None:
        return None
    lines = [ln.strip(" \t|") for ln in match[head:cap].split("\n")]
    return cap if len(lines) <= 4 and not any(ln[-1:] in (".", ";", ":") for ln in lines) else None


def _title_lines_only(gap: str) -> bool:
    """Whether ``gap`` holds only the title lines of a signature ("KT. THỦ TƯỚNG", "PHÓ CHỦ TỊCH")."""
    lines = [ln.strip(" \t|") for ln in gap.split("\n")]
    lines = [ln for ln in lines if ln.strip(" .,;:-")]
    return bool(lines) and all(_SIGNATURE_LINE_RE.match(ln) or ln in _signer_titles() for ln in lines)


@lru_cache(maxsize=1)
def _signer_titles() -> frozenset[str]:
    return frozenset(unify_tones(t) for t in signer_titles())


def _subject_heading(text: str, caption: int, floor: int) -> int | None:
    """Start of the subject in capitals just above an issuing caption whose type word was lost
    ("QUẢN LÝ CỔNG THÔNG TIN ĐIỆN TỬ TỈNH / (Ban hành kèm theo Quyết định số ...)"): up to four
    lines in capitals, not a signature or table row ("| TM. ỦY BAN NHÂN DÂN |") nor a heading line."""
    if not ISSUED_CAPTION_RE.match(text, caption):
        return None
    pos = text.rfind("\n", floor, caption) + 1
    if text[pos:caption].strip():
        return None  # the caption does not open its line
    start: int | None = None
    letters = 0
    for _ in range(4):
        if pos <= floor:
            break
        prev = text.rfind("\n", floor, pos - 1) + 1
        row = text[prev:pos - 1].rstrip(" \t|")
        pos = prev
        cell = row.rfind("|") + 1  # a table row: the heading is its last cell ("| KT. CHỦ TỊCH | QUẢN ...")
        line = row[cell:].strip()
        if not line and start is None and not cell:
            continue
        alpha = [c for c in line if c.isalpha()]
        if not alpha or sum(c.isupper() for c in alpha) < 0.9 * len(alpha) or ":" in line:
            break
        if _SIGNATURE_LINE_RE.match(line):
            break
        start, letters = prev + cell + len(row[cell:]) - len(row[cell:].lstrip()), letters + len(alpha)
        if cell:
            break
    return start if start is not None and letters >= 12 else None


_SIGNATURE_LINE_RE = re.compile(unify_tones(r"(?:TM|KT|TL|TUQ|Q)\s*\.|(?:PHÓ\s+)?CHỦ\s+TỊCH\s*$"))


#: how far after Điều 1 the heading of the document it issues is looked for (the decision's articles,
#: signature and recipients are short)
_DECISION_BODY = 20000


def _article_one_headings(match: str, parts: list[Part]) -> list[Part]:
    """Attached documents whose type word and caption are lost: after a decision's Điều 1 that
    issues "<type> <subject>", a line in capitals that repeats the subject (or its beginning)."""
    found = []
    for part in parts:
        one = ISSUED_IN_ARTICLE_ONE_RE.search(match, part.start, part.end)  # (a literal start: fast)
        if one is None or (one.start() > 0 and match[one.start() - 1].isalpha()):
            continue
        raw_subject = one.group("subject").strip(" .;,”\"")
        subject = fold(raw_subject).removeprefix("ve ")
        words = raw_subject.split()
        words = words[1:] if words and fold(words[0]) == "ve" else words
        if len(words) < 3:
            continue
        # the heading repeats the subject in capitals: look for its first words so written
        needle = re.compile(r"\s+".join(re.escape(w.upper()) for w in words[:4]))
        end = min(part.end, one.end() + _DECISION_BODY)
        for hit in needle.finditer(match, one.end(), end):
            line_start = match.rfind("\n", 0, hit.start()) + 1
            nl = match.find("\n", hit.end(), end)
            row = match[line_start:nl if nl >= 0 else end].rstrip(" \t|")
            cell = row.rfind("|") + 1
            line = row[cell:].strip()
            alpha = [c for c in line if c.isalpha()]
            if len(alpha) < 20 or sum(c.isupper() for c in alpha) < 0.9 * len(alpha):
                continue
            key = fold(line).removeprefix("ve ")
            if subject.startswith(key) or key.startswith(subject):
                start = line_start + cell + len(row[cell:]) - len(row[cell:].lstrip())
                found.append(Part(start, len(match), False, lost_heading=True))
                break
    return found


#: lines of a signature block after its title: "CHỦ TỊCH", "(Đã ký)", the signer's name, table rules
_SIGNATURE_REST_RE = re.compile(unify_tones(r"(?:PHÓ\s+)?CHỦ\s+TỊCH|\(?\s*[Đđ]ã\s+ký\s*\)?|[\s\-–_=*.]*"))
#: capitals after a signature that are no heading of a document: an appendix, a list, the recipients
_NOT_A_DOCUMENT_RE = re.compile(unify_tones(
    r"(?:PHỤ\s+LỤC|DANH\s+MỤC|DANH\s+SÁCH|BIỂU|BẢNG|MẪU|TỔNG\s+HỢP|NƠI\s+NHẬN)(?![^\W\d_])"))


def _cells(match: str, start: int, end: int) -> list[tuple[int, str]]:
    """The lines of ``match[start:end]``, a table row's cells one by one: (start, text stripped)."""
    out = []
    for m in _CELL_RE.finditer(match, start, end):
        text = m.group().strip(" \t")
        if text:
            out.append((m.start() + len(m.group()) - len(m.group().lstrip(" \t")), text))
    return out


_CELL_RE = re.compile(r"[^|\n]+")
_ARTICLE_ONE_RE = re.compile(unify_tones(r"Điều\s+1\s*[.:]"))  # a literal start: a fast scan
#: the words a signature title opens with ("TM.", "KT.", "CHỦ TỊCH"), looked for from the end
_SIGNATURE_WORDS = ("TM", "KT", "TL", "TUQ", "Q", unify_tones("CHỦ"), unify_tones("PHÓ"))


def _last_signature(match: str, start: int, end: int) -> int | None:
    """Where the last line or table cell of ``match[start:end]`` that opens with a signature title
    starts (``str.rfind`` from the end for each opening word: a signature stands near the end)."""
    best: int | None = None
    for word in _SIGNATURE_WORDS:
        at = match.rfind(word, start, end)
        while at >= 0 and (best is None or at > best):
            before = match[max(start, at - 8):at].rstrip(" \t")
            if (not before or before[-1] in "\n|") and _SIGNATURE_LINE_RE.match(match, at):
                best = at
                break
            at = match.rfind(word, start, at)
    return best


def _after_signature_headings(match: str, parts: list[Part]) -> list[Part]:
    """The text a decision issues, printed after its signature with its type word, caption and motto
    lost: the first line (or table cell) after the signature block ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    the signer's name) in capitals, of six words or more (more than a name), that is no appendix, list
    or recipients heading; unless the decision's Điều 1 is there and issues nothing."""
    found = []
    for part in parts:
        one = next((m for m in _ARTICLE_ONE_RE.finditer(match, part.start, part.end)
                    if not match[m.start() - 1:m.start()].isalpha()), None)
        if one is not None and not ISSUED_IN_ARTICLE_ONE_RE.match(match, one.start()):
            continue  # its Điều 1 is there and issues nothing
        last = _last_signature(match, part.start, part.end)
        if last is None:
            continue
        cells = _cells(match, last, min(part.end, last + 2000))
        for at, line in cells[1:7]:
            if _SIGNATURE_REST_RE.fullmatch(line):
                continue
            words = line.split()
            alpha = [c for c in line if c.isalpha()]
            if (len(words) >= 6 and len(alpha) >= 20 and sum(c.isupper() for c in alpha) >= 0.9 * len(alpha)
                    and not _NOT_A_DOCUMENT_RE.match(line)):
                found.append(Part(at, len(match), False, lost_heading=True, after_signature=True))
                break
            if len(words) > 5 or not alpha or alpha[0].islower():
                break  # running text, not the signer's name
    return found


def _is_heading_line(text: str, head: re.Match[str]) -> bool:
    """A type heading alone on its line, in capitals (not "QUYẾT ĐỊNH:" nor a word of a sentence)."""
    nl = text.find("\n", head.end())
    rest = text[head.end():nl if nl >= 0 else len(text)]
    return not rest.strip() and head.group("heading")[1:].isupper()


_HEADER_END_RE = re.compile(unify_tones(r"Căn\s+cứ|CĂN\s+CỨ|(?<![^\W\d_])Điều\s+\d|QUYẾT\s+ĐỊNH\s*:"))


def _caption_of_own_heading(match: str, start: int, caption: int) -> bool:
    """Whether a caption belongs to the heading of the document starting at ``start``: it stands in
    that document's header, under a heading of a type that is issued with a decision ("QUY CHẾ",
    not "THÔNG TƯ ... (ban hành kèm theo ...)" naming another document)."""
    if caption - start > 1500 or _HEADER_END_RE.search(match, start, caption):
        return False
    headings = [h.group("heading") for h in HEADING_RE.finditer(match, max(start, caption - 600), caption)]
    return bool(headings) and fold(headings[-1]) in _ATTACHABLE_KEYS


_ATTACHABLE_KEYS = frozenset(fold(t) for t in ATTACHABLE_TYPES)


#: where a caption may open: "(" before "ban hành", "được ban hành" or "kèm theo" (ATTACHED_CAPTION_RE's
#: first two alternatives), and a line that opens with "Ban" or "Được" (its third); each starts with a
#: literal, so the regex engine skips ahead to it
_CAPTION_BRACKET_RE = re.compile(unify_tones(r"\((?=\s{0,3}(?:[Bb]an|[Đđ]ược|[Kk]èm))"))
_CAPTION_LINE_RE = re.compile(unify_tones(r"\n[ \t]*(?:Ban|Được)"))
_CAPTION_FIRST_LINE_RE = re.compile(unify_tones(r"[ \t]*(?:Ban|Được)"))


def _attached_captions(match: str) -> list[re.Match[str]]:
    """``list(ATTACHED_CAPTION_RE.finditer(match))``, faster: the pattern is tried only where a caption
    may open, in order, past the end of the caption before, as ``finditer`` does."""
    places = {m.start() for m in _CAPTION_BRACKET_RE.finditer(match)}
    places.update(m.start() + 1 for m in _CAPTION_LINE_RE.finditer(match))
    if _CAPTION_FIRST_LINE_RE.match(match):
        places.add(0)
    out = []
    after = 0
    for at in sorted(places):
        if at < after:
            continue
        m = ATTACHED_CAPTION_RE.match(match, at)
        if m:
            out.append(m)
            after = m.end()
    return out


def split_documents(match: str) -> list[Part]:
    """The documents of a file's tone-unified text, in order."""
    starts: list[Part] = []
    floor = 0
    for motto in iter_mottos(match):
        if starts and motto.start() - starts[-1].start < 400:
            continue  # a second motto line inside the same header
        start = _block_start(match, motto.start(), floor)
        starts.append(Part(start, len(match), True))
        floor = motto.end()
    captions = _attached_captions(match)
    for cap in captions:
        # a document printed with its own issuer block whose heading bears the caption
        own = next((p for p in reversed(starts) if p.start <= cap.start()), None)
        if own is not None and own.caption is None and _caption_of_own_heading(match, own.start, cap.start()):
            own.caption = cap.start()
            continue
        head = _caption_heading(match, cap.start(), 0)
        lost = head is None
        if lost:
            head = _subject_heading(match, cap.start(), 0)
        if head is None:
            continue
        # an appendix caption belongs to the document above it
        if APPENDIX_RE.search(match, max(0, head - 80), head):
            continue
        if any(p.start <= head < p.start + 300 for p in starts):
            continue
        starts.append(Part(head, len(match), False, caption=cap.start(), lost_heading=lost))
    # a document without header right after the signature of the one before ("KẾ HOẠCH" on its line)
    for sig in signature_ends(match, 0, len(match)):
        gap = match[sig:sig + 40]
        loose = LOOSE_HEADING_RE.match(match, sig + len(gap) - len(gap.lstrip()))
        if loose is None or not _is_heading_line(match, loose):
            continue
        if any(p.start <= loose.start() < p.start + 300 for p in starts):
            continue
        starts.append(Part(loose.start(), len(match), False))
    starts.sort(key=lambda p: p.start)
    for a, b in itertools.pairwise(starts):
        a.end = b.start
    for part in _article_one_headings(match, [p for p in starts if p.headed]):
        if not any(p.start - 300 < part.start < p.start + 300 for p in starts):
            part.caption = _caption_under(match, part.start, captions)
            starts.append(part)
    for part in _after_signature_headings(match, [p for p in starts if p.headed]):
        if not any(p.start - 300 < part.start < p.start + 300 for p in starts):
            starts.append(part)
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
