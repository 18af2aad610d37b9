"""Bytes -> text: detect the encoding of a Vietnamese document and decode it to NFC.

Handled: UTF-8 (with or without BOM), UTF-16 (BOM, or detected from its NUL bytes), UTF-32 (BOM),
Windows-1258 (combining tone marks, composed to NFC), and the legacy font encodings still found in
government files, TCVN3 (ABC) and VNI, whose text shows as Windows-1252 characters ("QuyÕt ®Þnh",
"Quyeát ñònh"): their tables live in ``graph/data/legacy_encodings.json``. Candidates are scored by
how Vietnamese the result reads (share of known syllables); a UTF-8 file with passages pasted from a
legacy one is decoded line by line, and a line that switches encoding run by run (the conversions:
:mod:`.legacy`). U+2028 and U+2029
are line breaks. Binary files (PDF, Word, images ...) and empty files raise
:class:`~graph.errors.InputError` saying what the file is and what to do.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from functools import lru_cache

from graph import problem_text as say
from graph.errors import InputError
from graph.reading.text.legacy import from_tcvn3, from_vni
from graph.reading.text.scan import find_first, table_of
from graph.text import nfc, unify_tones

SAMPLE = 200_000  # characters scored when choosing an encoding
MIN_SCORE = 0.45  # share of known syllables below which a non-UTF-8 file is "unknown encoding"
MAX_BAD_UTF8 = 0.001  # a UTF-8 file with at most this share of broken bytes is read as UTF-8

#: (first bytes, what the file is, what to do): the words are graph/problem_text.py's
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", say.A_PDF, say.EXTRACT_PDF_TEXT),
    (b"PK\x03\x04", say.A_ZIP, say.SAVE_AS_TEXT_WITH),
    (b"\xd0\xcf\x11\xe0", say.AN_OLD_OFFICE_FILE, say.SAVE_AS_TEXT_WITH),
    (b"{\\rtf", say.AN_RTF, say.SAVE_AS_TEXT),
    (b"\x89PNG", say.A_PNG, say.OCR_WITH),
    (b"\xff\xd8\xff", say.A_JPEG, say.OCR_WITH),
    (b"GIF8", say.A_GIF, say.OCR),
    (b"II*\x00", say.A_TIFF, say.OCR_WITH),
    (b"MM\x00*", say.A_TIFF, say.OCR_WITH),
    (b"\x1f\x8b", say.A_GZIP, say.UNPACK),
    (b"7z\xbc\xaf", say.A_7ZIP, say.UNPACK),
    (b"Rar!", say.A_RAR, say.UNPACK),
)

# characters of Windows-1252 that Vietnamese text never uses but TCVN3 / VNI text shows
_GARBLE = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c8\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e8\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]"
)
_SYLLABLE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _garble_table() -> bytes:
    """_GARBLE's characters (all below U+0100), for :func:`find_first`."""
    return table_of(c for c in map(chr, range(0x100)) if _GARBLE.match(c))


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
            raise InputError(f"{source}: {say.without_hint(say.LOOKS_LIKE).format(what=what)}", hint=todo)
    head = data[:4096]
    if b"\x00" in head and not _stray_nuls(data, head):
        raise InputError(f"{source}: {say.without_hint(say.BINARY_FILE)}", hint=say.GIVE_PLAIN_TEXT)


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
        raise InputError(f"{source}: {say.without_hint(say.EMPTY_FILE)}", hint=say.NOTHING_TO_EXTRACT)
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        data = data[: len(data) - len(data) % 4]  # cut short inside a character: up to the last whole one
        try:
            text, enc = data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: {say.NOT_UTF32.format(reason=exc.reason)}") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if len(data) % 2:  # cut short inside a character: read up to the last whole one
            data = data[:-1]
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: {say.NOT_UTF16.format(reason=exc.reason)}") from None
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
                mixed = _decode_mixed(data, min_words=MIN_PASSAGE_WORDS)  # a short pasted passage
                if mixed:
                    return mixed
                enc = f"utf-8 ({say.INVALID_BYTES.format(n=bad)})"
    if not text.strip():
        raise InputError(f"{source}: {say.without_hint(say.EMPTY_FILE)}", hint=say.NOTHING_TO_EXTRACT)
    if "\r" in text and "\n" not in text:  # old Mac line ends
        text = text.replace("\r", "\n")
    text = line_breaks(text)
    legacy = [] if _UNICODE_VIETNAMESE.search(text, 0, SAMPLE) else _legacy_candidates(text)
    if legacy:
        base = vietnamese_score(text)
        name, best = max(legacy, key=lambda c: vietnamese_score(c[1]))
        if vietnamese_score(best) > base + 0.15:
            return nfc(best), f"{enc}+{name}"
    first = find_first(text, _GARBLE, _garble_table(), 0, SAMPLE)
    if first >= 0:
        mixed = _legacy_lines(text, first)
        if mixed:
            return nfc(mixed[0]), f"{enc}+{mixed[1]} (some lines)"
    return nfc(text), enc


# letters only Unicode Vietnamese text has (ă đ ĩ ũ ơ ư and the toned vowels): a page holding them is
# Unicode, whatever legacy lines were pasted into it, so it is decoded line by line
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                                 "\u01af\u01b0\u1ea0-\u1ef9]")
MIN_GARBLE_IN_LINE = 2  # legacy characters a line shows before it is tried in the legacy encodings
LINE_GAIN = 0.3  # how much more Vietnamese a line must read in a legacy encoding to be decoded so


def _legacy_lines(text: str, first: int = 0) -> tuple[str, str] | None:
    """A Unicode page with lines pasted from a TCVN3 or VNI document ("QuyÕt ®Þnh" inside
    Unicode text): each such line decoded on its own when it then reads as Vietnamese. ``first``: where
    the first legacy character is (the text before it is not searched again)."""
    hits = [m.start() for m in _GARBLE.finditer(text, first)]
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


#: the line breaks besides "\n" that Unicode text may use (LINE SEPARATOR, PARAGRAPH SEPARATOR): each
#: is read as "\n" (one character for one, so offsets and line numbers hold)
_OTHER_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def line_breaks(text: str) -> str:
    """``text`` with U+2028 and U+2029 as "\n" (a file whose lines end with them is not one line)."""
    if "\u2028" in text or "\u2029" in text:
        return text.translate(_OTHER_BREAKS)
    return text


MIN_PASSAGE_WORDS = 3  # words a legacy passage in an otherwise valid UTF-8 file must have to be decoded
_BLANKS = re.compile(rb"[ \t\r\f\v]+")
#: a letter only Vietnamese in Unicode has (see _UNICODE_VIETNAMESE) or a Vietnamese vowel of Latin-1:
#: a word that decodes as UTF-8 to one of these is UTF-8, not legacy bytes that happen to be valid UTF-8
_VIETNAMESE_LETTER = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                                "\u1ea0-\u1ef9\u00c0-\u00c3\u00c8-\u00ca\u00cc\u00cd\u00d2-\u00d5\u00d9\u00da"
                                "\u00dd\u00e0-\u00e3\u00e8-\u00ea\u00ec\u00ed\u00f2-\u00f5\u00f9\u00fa\u00fd]")


UTF8, LEGACY, LEGACY_MID_LINE = range(3)  # the pieces of a line


def _runs(line: bytes) -> list[tuple[int, bytes]] | None:
    """A line that is not valid UTF-8 cut where it switches between UTF-8 and a legacy encoding:
    ``(UTF8 | LEGACY | LEGACY_MID_LINE, bytes)`` pieces. Words (between blanks) that decode as UTF-8
    to Vietnamese letters are UTF-8; a legacy run goes from the first to the last word that is not
    UTF-8, over the ASCII words between them. None when the line holds no UTF-8 word (all of it is legacy)."""
    words = []  # (start, end, kind): 0 ASCII, 1 UTF-8, 2 legacy
    pos = 0
    for blank in [*_BLANKS.finditer(line), None]:
        end = blank.start() if blank else len(line)
        if end > pos:
            word = line[pos:end]
            kind = 0
            if not word.isascii():
                try:
                    kind = 1 if _VIETNAMESE_LETTER.search(word.decode("utf-8")) else 2
                except UnicodeDecodeError:
                    kind = 2
            words.append((pos, end, kind))
        pos = blank.end() if blank else pos
    if not any(k == 1 for _s, _e, k in words):
        return None
    pieces: list[tuple[int, bytes]] = []
    at = 0
    i = 0
    while i < len(words):
        if words[i][2] != 2:
            i += 1
            continue
        j = i  # the legacy run: words i..j, the last of them legacy, no UTF-8 word inside
        k = i + 1
        while k < len(words) and words[k][2] != 1:
            if words[k][2] == 2:
                j = k
            k += 1
        start, end = words[i][0], words[j][1]
        if start > at:
            pieces.append((UTF8, line[at:start]))
        pieces.append((LEGACY if start == 0 else LEGACY_MID_LINE, line[start:end]))
        at = end
        i = j + 1
    if at < len(line):
        pieces.append((UTF8, line[at:]))
    return pieces


#: put before a legacy run that starts inside a line and taken off after: the legacy readers see it go
#: on from a word, not open a line (whose first toned letter TCVN3 reads as a capital)
_MID_LINE = b"x "


def _piece(conv, kind: int, b: bytes) -> str:
    if kind == UTF8:
        return b.decode("utf-8", errors="replace")
    return conv(_MID_LINE + b)[len(_MID_LINE):] if kind == LEGACY_MID_LINE else conv(b)


def _decode_mixed(data: bytes, min_words: int = 0) -> tuple[str, str] | None:
    """A UTF-8 file with passages pasted from a legacy-encoded one: each line in its own encoding, and
    a line that switches from one to the other in each run of its bytes. With ``min_words``, only when
    the legacy passages hold that many words (not a few broken bytes)."""
    lines = data.split(b"\n")
    pieces: list[list[tuple[int, bytes]]] = []
    utf8_text = False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            runs = _runs(line)
            pieces.append(runs or [(LEGACY, line)])
            utf8_text = utf8_text or runs is not None
            continue
        pieces.append([(UTF8, line)])
        utf8_text = utf8_text or not text.isascii()
    if not utf8_text:
        return None  # no real UTF-8 text: the whole file is in one legacy encoding
    rest = b"\n".join(b for line in pieces for kind, b in line if kind != UTF8)
    cands = []
    with contextlib.suppress(UnicodeDecodeError):
        rest.decode("cp1258")
        cands.append(("cp1258", lambda b: b.decode("cp1258")))
    cands += [("tcvn3", lambda b: from_tcvn3(b.decode("cp1252", errors="replace"))),
              ("vni", lambda b: from_vni(b.decode("cp1252", errors="replace")))]
    score, name, conv = max(((vietnamese_score(nfc(c(rest))), n, c) for n, c in cands), key=lambda x: x[0])
    if score < MIN_SCORE or (min_words and len(_SYLLABLE.findall(nfc(conv(rest)))) < min_words):
        return None
    text = "\n".join("".join(_piece(conv, kind, b) for kind, b in line) for line in pieces)
    return nfc(line_breaks(text)), f"utf-8+{name}"


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
        raise InputError(f"{source}: {say.without_hint(say.UNKNOWN_ENCODING)}", hint=say.CONVERT_TO_UTF8)
    return nfc(text), name
