"""Bytes -> text: detect the encoding of a Vietnamese document and decode it to NFC.

Handled: UTF-8 (with or without BOM), UTF-16 (BOM, or detected from its NUL bytes), Windows-1258
(combining tone marks, composed to NFC), and the legacy font encodings still found in government
files, TCVN3 (ABC) and VNI, whose text shows as Windows-1252 characters ("QuyÕt ®Þnh",
"Quyeát ñònh"): their tables live in ``graph/data/legacy_encodings.json``. Candidates are scored by
how Vietnamese the result reads (share of known syllables). Binary files (PDF, Word, images ...)
and empty files raise :class:`~graph.errors.InputError` saying what the file is and what to do.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from functools import lru_cache

from graph.datafiles import read_json
from graph.errors import InputError
from graph.text import nfc, unify_tones

SAMPLE = 200_000  # characters scored when choosing an encoding
MIN_SCORE = 0.45  # share of known syllables below which a non-UTF-8 file is "unknown encoding"
MAX_BAD_UTF8 = 0.001  # a UTF-8 file with at most this share of broken bytes is read as UTF-8

_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF", "extract its text first, e.g. `pdftotext -layout FILE FILE.txt`"),
    (b"PK\x03\x04", "a ZIP archive (Word .docx / .xlsx / .odt)",
     "save it as plain text (UTF-8) first, e.g. `libreoffice --headless --convert-to txt FILE`"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc / .xls)",
     "save it as plain text (UTF-8) first, e.g. `libreoffice --headless --convert-to txt FILE`"),
    (b"{\\rtf", "an RTF document", "save it as plain text (UTF-8) first"),
    (b"\x89PNG", "a PNG image", "a scan needs OCR first, e.g. `tesseract FILE out -l vie`"),
    (b"\xff\xd8\xff", "a JPEG image", "a scan needs OCR first, e.g. `tesseract FILE out -l vie`"),
    (b"GIF8", "a GIF image", "a scan needs OCR first"),
    (b"II*\x00", "a TIFF image", "a scan needs OCR first, e.g. `tesseract FILE out -l vie`"),
    (b"MM\x00*", "a TIFF image", "a scan needs OCR first, e.g. `tesseract FILE out -l vie`"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "unpack it first"),
    (b"Rar!", "a RAR archive", "unpack it first"),
)

# characters of Windows-1252 that Vietnamese text never uses but TCVN3 / VNI text shows
_GARBLE = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c8\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e8\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]"
)
_SYLLABLE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _tables() -> dict:
    return read_json("legacy_encodings.json")


@lru_cache(maxsize=1)
def _vni_re() -> re.Pattern:
    keys = sorted(_tables()["vni"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


_WORD = re.compile(r"[^\W\d_]{2,}")
_LINE = re.compile(r"[^\n]+")
_ANY_WORD = re.compile(r"[^\W\d_]+")


def _upper_toned(w: str) -> str:
    return "".join(c.upper() if ord(c) > 127 else c for c in w)


def _capitalise_word(m: re.Match) -> str:
    w = m.group()
    upper = sum(1 for c in w if c.isupper())
    if upper > len(w) - upper or (w[0].islower() and upper):
        return _upper_toned(w)
    return w


def _capitalise(m: re.Match) -> str:
    line = m.group()
    ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 10 and sum(1 for c in ascii_letters if c.isupper()) >= 0.9 * len(ascii_letters):
        return _upper_toned(line)
    return _WORD.sub(_capitalise_word, line)


_ITEM = re.compile(r"[ \t]*(?:[-+•*][ \t]+|\d{1,2}(?:\.\d{1,2})*[.)][ \t]+|[IVXLC]{1,5}\.[ \t]+)?")
_MID_SENTENCE = re.compile(r"([.!?][ \t]+)([^\x00-\x7f\W])")


def _capitalise_starts(text: str) -> str:
    """A toned letter opening a paragraph or a sentence is a capital the font drew ("Ủy ban",
    "1. Ứng dụng"); a line that goes on from the line before keeps its small letter."""
    lines = text.split("\n")
    prev = ""
    for i, line in enumerate(lines):
        stripped = prev.rstrip()
        starts = (not stripped or stripped[-1] in ".!?:;" or
                  (any(c.isalpha() for c in stripped) and not any(c.islower() for c in stripped)))
        if starts:
            j = _ITEM.match(line).end()
            first = line[j:j + 1]
            if first.islower() and not first.isascii() and line[j + 1:j + 2] not in (".", ")"):
                line = line[:j] + line[j].upper() + line[j + 1:]
        lines[i] = _MID_SENTENCE.sub(lambda m: m.group(1) + m.group(2).upper(), line)
        prev = line
    return "\n".join(lines)


def from_tcvn3(text: str) -> str:
    """Text in TCVN3 (as Windows-1252 characters) -> Unicode.

    TCVN3 writes capitals with toned letters through a capitals font, with lower-case codes:
    a word mostly in capitals ("TỉNH") is put wholly in capitals."""
    table = _tables()["tcvn3"]
    text = _LINE.sub(_capitalise, text.translate({ord(k): v for k, v in table.items()}))
    return _capitalise_among_capitals(_capitalise_starts(text))


def _capitalise_among_capitals(text: str) -> str:
    """A word whose only small letters are toned ones, between two words in capitals, is in capitals
    too ("TỈNH Cà MAU", "QUYẾT ĐỊNH Về VIỆC")."""
    words = list(_ANY_WORD.finditer(text))
    caps = [len(w.group()) > 1 and w.group().isupper() for w in words]
    out = []
    last = 0
    for k, w in enumerate(words):
        word = w.group()
        if caps[k] or not any(c.islower() and not c.isascii() for c in word):
            continue
        if any(c.islower() and c.isascii() for c in word):
            continue
        same_line = [j for j in (k - 1, k + 1) if 0 <= j < len(words) and "\n" not in
                     text[min(words[j].end(), w.end()):max(words[j].start(), w.start())]]
        both = 0 < k < len(words) - 1 and caps[k - 1] and caps[k + 1]
        same_line = [j for j in same_line
                     if text[min(words[j].end(), w.end()):max(words[j].start(), w.start())].isspace()]
        beside = bool(same_line) and all(caps[j] for j in same_line) and any(
            not words[j].group().isascii() for j in same_line)
        if both or beside:
            out.append(text[last:w.start()])
            out.append(word.upper())
            last = w.end()
    out.append(text[last:])
    return "".join(out)


def from_vni(text: str) -> str:
    """Text in VNI-Windows (as Windows-1252 characters) -> Unicode."""
    table = _tables()["vni"]
    return _vni_re().sub(lambda m: table[m.group()], text)


def to_legacy(text: str, encoding: str) -> bytes:
    """Unicode -> bytes in ``tcvn3``, ``vni`` or ``cp1258`` (the inverse maps; for tests and tools)."""
    text = nfc(text)
    if encoding == "cp1258":
        return _to_cp1258(text)
    table = _tables()[encoding]
    inverse = {v: k for k, v in table.items()}
    if encoding == "tcvn3":
        # upper-case toned letters share the lower-case codes
        out = "".join(inverse.get(c) or inverse.get(c.lower(), c) for c in text)
    else:
        out = "".join(inverse.get(c, c) for c in text)
    return out.encode("cp1252")


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _to_cp1258(text: str) -> bytes:
    out = []
    for c in text:
        try:
            out.append(c.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", c)
        base = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
        out.append((unicodedata.normalize("NFC", base) + tones).encode("cp1258"))
    return b"".join(out)


@lru_cache(maxsize=1)
def _known() -> frozenset:
    from graph.reading.text.syllables import model

    return frozenset(w for w in model().unigrams if w != "0")


def vietnamese_score(text: str) -> float:
    """Share of the words of ``text`` (first ~200k characters) that are known Vietnamese syllables."""
    words = _SYLLABLE.findall(unify_tones(text[:SAMPLE]).lower())
    if not words:
        return 0.0
    known = _known()
    return sum(1 for w in words if w in known) / len(words)


MAX_STRAY_NULS = 16  # in the first 4 KB: more is a binary file or UTF-16


def _stray_nuls(data: bytes, head: bytes) -> bool:
    """A few NUL bytes in a valid UTF-8 text (left by a Windows tool or a bad copy): text, not binary."""
    if head.count(0) > MAX_STRAY_NULS:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return sum(c.isalpha() for c in text[:4096]) > len(head) // 4


def _describe_binary(data: bytes, source: str) -> None:
    for magic, what, todo in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{source}: looks like {what}, not a text file", hint=todo)
    head = data[:4096]
    if b"\x00" in head and not _stray_nuls(data, head):
        raise InputError(f"{source}: binary file (contains NUL bytes), not a text file",
                         hint="give the document as plain text (UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)")


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4000]
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        enc = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data[: len(data) - len(data) % 2].decode(enc)
    except UnicodeDecodeError:
        return None


def _legacy_candidates(text: str) -> list[tuple[str, str]]:
    """TCVN3 / VNI readings of ``text`` when it shows their characters."""
    sample = text[:SAMPLE]
    if not _GARBLE.search(sample) or len(_GARBLE.findall(sample)) < 0.005 * len(sample):
        return []
    return [("tcvn3", from_tcvn3(text)), ("vni", from_vni(text))]


def decode(data: bytes, source: str = "input") -> tuple[str, str]:
    """Decode one file's bytes: (NFC text, encoding name). Raises InputError for what is not text."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{source}: empty file", hint="nothing to extract; check the file was saved")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if len(data) % 2:  # cut short inside a character: read up to the last whole one
            data = data[:-1]
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: starts like UTF-16 but is not valid UTF-16 ({exc.reason})") from None
    else:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            text, enc = text16, "utf-16"
        else:
            _describe_binary(data, source)
            try:
                text, enc = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text = data.decode("utf-8", errors="replace")
                bad = text.count("\ufffd")
                if bad > MAX_BAD_UTF8 * len(data) or vietnamese_score(text) < MIN_SCORE:
                    return _decode_mixed(data) or _decode_8bit(data, source)
                enc = f"utf-8 ({bad} invalid bytes replaced)"
    if not text.strip():
        raise InputError(f"{source}: empty file", hint="nothing to extract; check the file was saved")
    if "\r" in text and "\n" not in text:  # old Mac line ends
        text = text.replace("\r", "\n")
    legacy = [] if _UNICODE_VIETNAMESE.search(text, 0, SAMPLE) else _legacy_candidates(text)
    if legacy:
        base = vietnamese_score(text)
        name, best = max(legacy, key=lambda c: vietnamese_score(c[1]))
        if vietnamese_score(best) > base + 0.15:
            return nfc(best), f"{enc}+{name}"
    if _GARBLE.search(text, 0, SAMPLE):
        mixed = _legacy_lines(text)
        if mixed:
            return nfc(mixed[0]), f"{enc}+{mixed[1]} (some lines)"
    return nfc(text), enc


# letters only Unicode Vietnamese text has (ă đ ĩ ũ ơ ư and the toned vowels): a page holding them is
# Unicode, whatever legacy lines were pasted into it, so it is decoded line by line
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                                 "\u01af\u01b0\u1ea0-\u1ef9]")
MIN_GARBLE_IN_LINE = 2  # legacy characters a line shows before it is tried in the legacy encodings
LINE_GAIN = 0.3  # how much more Vietnamese a line must read in a legacy encoding to be decoded so


def _legacy_lines(text: str) -> tuple[str, str] | None:
    """A Unicode page with lines pasted from a TCVN3 or VNI document ("QuyÕt ®Þnh" inside
    Unicode text): each such line decoded on its own when it then reads as Vietnamese."""
    hits = [m.start() for m in _GARBLE.finditer(text)]
    if len(hits) < MIN_GARBLE_IN_LINE:
        return None
    # the lines holding hits, with their counts (the hits are in order: one pass, no split of the text)
    lines: list[list[int]] = []
    end = -1
    for h in hits:
        if h < end:
            lines[-1][2] += 1
            continue
        end = text.find("\n", h)
        if end < 0:
            end = len(text)
        lines.append([text.rfind("\n", 0, h) + 1, end, 1])
    used: list[str] = []
    parts: list[str] = []
    pos = 0
    for start, end, n in lines:
        if n < MIN_GARBLE_IN_LINE:
            continue
        line = text[start:end]
        base = vietnamese_score(line)
        name, best = max((("tcvn3", from_tcvn3(line)), ("vni", from_vni(line))),
                         key=lambda c: vietnamese_score(c[1]))
        score = vietnamese_score(best)
        if score >= base + LINE_GAIN and score >= MIN_SCORE:
            parts += (text[pos:start], best)
            pos = end
            used.append(name)
    if not used:
        return None
    parts.append(text[pos:])
    return "".join(parts), max(set(used), key=used.count)


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """A UTF-8 file with passages pasted from a legacy-encoded one: each line in its own encoding."""
    lines = data.split(b"\n")
    utf8: dict[int, str] = {}
    for i, line in enumerate(lines):
        with contextlib.suppress(UnicodeDecodeError):
            utf8[i] = line.decode("utf-8")
    if not any(not t.isascii() for t in utf8.values()):
        return None  # no real UTF-8 text: the whole file is in one legacy encoding
    rest = b"\n".join(line for i, line in enumerate(lines) if i not in utf8)
    cands = []
    with contextlib.suppress(UnicodeDecodeError):
        rest.decode("cp1258")
        cands.append(("cp1258", lambda b: b.decode("cp1258")))
    cands += [("tcvn3", lambda b: from_tcvn3(b.decode("cp1252", errors="replace"))),
              ("vni", lambda b: from_vni(b.decode("cp1252", errors="replace")))]
    score, name, conv = max(((vietnamese_score(nfc(c(rest))), n, c) for n, c in cands), key=lambda x: x[0])
    if score < MIN_SCORE:
        return None
    text = "\n".join(utf8[i] if i in utf8 else conv(line) for i, line in enumerate(lines))
    return nfc(text), f"utf-8+{name}"


def _decode_8bit(data: bytes, source: str) -> tuple[str, str]:
    """A file that is not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese."""
    cands: list[tuple[str, str]] = []
    with contextlib.suppress(UnicodeDecodeError):
        cands.append(("cp1258", data.decode("cp1258")))
    as1252 = data.decode("cp1252", errors="replace")
    cands += [("tcvn3", from_tcvn3(as1252)), ("vni", from_vni(as1252))]
    scored = [(vietnamese_score(nfc(t)), name, t) for name, t in cands]
    score, name, text = max(scored, key=lambda s: s[0])
    if score < MIN_SCORE:
        raise InputError(
            f"{source}: unknown text encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)",
            hint="convert it to UTF-8 first, e.g. `iconv -f ENCODING -t UTF-8 FILE > FILE.txt`",
        )
    return nfc(text), name
