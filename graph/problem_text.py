"""The problems of reading a file, said in the user's language on screen.

The reading code writes each problem of a file in English (:attr:`graph.model.Problem.message`): the JSON
keeps it so, machine-readable and stable. Every message it can write is one of :data:`TEMPLATES`, English
with named placeholders and marked for the catalogs with ``N_``. :func:`on_screen` finds the template a
message was made from, translates it with gettext at display time and fills in the values it held. A value
that is itself a message (the reason a citation could not be read, an input error's hint ...) is translated
in turn; the others (document numbers, citation text, sizes) are kept exactly as written. A message of no
template comes back unchanged: text is never lost. The engine, :class:`Templates`, serves other sets of
messages too (the issues of ``lineage check``: :mod:`graph.queries.check_text`).

Each template is a named constant here, and the reading code (:mod:`graph.reading`, :mod:`graph.ingest`)
writes its messages by formatting these constants: a message exists once. This module imports no
gettext at its top, so the reading code imports it at no cost; :meth:`Templates.on_screen` does, at
display time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cached_property


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs, as :func:`graph.i18n.N_` does, without importing gettext."""
    return message


#: placeholders whose value is itself a message, translated in turn
SUB_MESSAGES = frozenset({"why", "hint", "what", "reason", "detail"})
#: what a placeholder matches when it is not any text, shortest first
PATTERNS = {
    "n": r"\d+", "size": r"\d+", "limit": r"\d+", "mb": r"\d+", "seconds": r"\d+",
    "citation": r".+",  # the longest: the text cited may hold "' (", the reasons after it never do
    "cited": r".+",  # a cited title may hold commas, the date written after it does not
}
_DEFAULT = r".+?"
_FIELD = re.compile(r"\{(\w+)\}")

# a path that cannot be read (graph/reading/extract.py, graph/reading/pool.py)
NO_SUCH_FILE = N_("no such file")
NO_SUCH_PATH = N_("no such file or folder")
IS_A_FOLDER = N_("is a folder (give its files, or the folder to extract_paths)")
NOT_A_REGULAR_FILE = N_("not a regular file (a pipe, device or socket): give a text file")
PERMISSION_DENIED = N_("permission denied")
CANNOT_BE_READ = N_("cannot be read ({error})")
TOO_LARGE = N_("{size} MB is larger than the {limit} MB a document can be: split it into one file per "
               "document first")
NO_TEXT_FILES = N_("folder has no text files (*.txt) to extract")
OUT_OF_MEMORY = N_("needs more than the {mb} MB of memory a file may use and was stopped (split it into "
                   "smaller files)")
INTERNAL_ERROR = N_("internal error while extracting: {error}")
WORKER_DIED = N_("the extractor stopped unexpectedly on this file")
TIMED_OUT = N_("took longer than {seconds} s and was stopped")
# bytes that are not a text (graph/reading/text/decode.py): an InputError's message, then its hint in
# parentheses (HINTED; graph/reading/extract.py writes them so)
EMPTY_FILE = N_("empty file ({hint})")
NOTHING_TO_EXTRACT = N_("nothing to extract; check the file was saved")
BINARY_FILE = N_("binary file (contains NUL bytes), not a text file ({hint})")
GIVE_PLAIN_TEXT = N_("give the document as plain text (UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)")
LOOKS_LIKE = N_("looks like {what}, not a text file ({hint})")
A_PDF = N_("a PDF")
A_ZIP = N_("a ZIP archive (Word .docx / .xlsx / .odt)")
AN_OLD_OFFICE_FILE = N_("an old Microsoft Office file (.doc / .xls)")
AN_RTF = N_("an RTF document")
A_PNG = N_("a PNG image")
A_JPEG = N_("a JPEG image")
A_GIF = N_("a GIF image")
A_TIFF = N_("a TIFF image")
A_GZIP = N_("a gzip archive")
A_7ZIP = N_("a 7-Zip archive")
A_RAR = N_("a RAR archive")
EXTRACT_PDF_TEXT = N_("extract its text first, e.g. `pdftotext -layout FILE FILE.txt`")
SAVE_AS_TEXT_WITH = N_("save it as plain text (UTF-8) first, e.g. `libreoffice --headless --convert-to txt "
                       "FILE`")
SAVE_AS_TEXT = N_("save it as plain text (UTF-8) first")
OCR_WITH = N_("a scan needs OCR first, e.g. `tesseract FILE out -l vie`")
OCR = N_("a scan needs OCR first")
UNPACK = N_("unpack it first")
NOT_UTF16 = N_("starts like UTF-16 but is not valid UTF-16 ({reason})")
NOT_UTF32 = N_("starts like UTF-32 but is not valid UTF-32 ({reason})")
#: the reasons of Python's codecs (UnicodeDecodeError.reason) a NOT_UTF16 / NOT_UTF32 holds
CODEC_REASONS = (
    N_("illegal UTF-16 surrogate"),
    N_("illegal encoding"),
    N_("unexpected end of data"),
    N_("code point not in range(0x110000)"),
    N_("code point in surrogate code point range(0xd800, 0xe000)"),
)
UNKNOWN_ENCODING = N_("unknown text encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI) ({hint})")
CONVERT_TO_UTF8 = N_("convert it to UTF-8 first, e.g. `iconv -f ENCODING -t UTF-8 FILE > FILE.txt`")
NOT_VALID_UTF8 = N_("not valid UTF-8: {detail}")
#: also in the file's encoding: "utf-8 (3 invalid bytes replaced)"
INVALID_BYTES = N_("{n} invalid bytes replaced")
# reading the text (graph/reading/extract.py)
TOO_DEEPLY_NESTED = N_("text too deeply nested to read")
NO_DOCUMENT = N_("no document found (no header, citation or table recognised)")
# document numbers mended (graph/reading/restore/numbers.py)
NUMBER_LOST_HYPHEN = N_("document number {number} lost the hyphen between its codes; read as {read}")
NUMBER_LETTER_SPACED = N_("document number {number} is letter-spaced; read as {read}")
NUMBER_CUT_BETWEEN_CODES = N_("document number {number} was cut between its codes; read as {read}")
NUMBER_FOOTNOTE_MARKER = N_("document number {number} has a footnote marker glued to it; read as {read}")
NUMBER_LOOK_ALIKE = N_("document number {number} is written with look-alike or invisible characters "
                       "({characters}); read the usual way")
# text preparation (graph/reading/prepare.py, graph/reading/restore/damage.py)
LETTERS_LOST = N_("letters seem lost from the text and were not put back ('{example}', {n} places): "
                  "citations and names there may be missing or wrong")
# documents (graph/reading/documents/: header.py, citations.py, names.py, documents.py)
DATE_DOES_NOT_EXIST = N_("the date of the document, {written}, does not exist")
CITED_DATE_DOES_NOT_EXIST = N_("the date of the cited {cited}, {written}, does not exist")
#: opens with graph.model.UNREAD_CITATION, by which ``lineage check`` finds it
CITATION_NOT_READ = N_("could not read a citation: '{citation}' ({why})")
NUMBER_CUT_OFF = N_("its number is cut off or damaged")
ENDS_BEFORE_NUMBER = N_("the text ends before its number")
DAMAGED_NAME = N_("its name is damaged: '{word}' is not a Vietnamese word, and no number proves it")
NAME_IN_SMALL_LETTERS = N_("a name in small letters, no number or date proves it")
HEADING_AFTER_SIGNATURE = N_("a heading in capitals after the signature, read as the text the document above "
                             "issues; its type word and caption are lost")
NO_HEADER = N_("no recognisable header (no number, date or document type)")
NUMBER_NOT_READ = N_("the document's number, {written}, cannot be read (a code lost or damaged): read "
                     "without one")
TYPE_NOT_THE_NUMBERS = N_("the heading says {heading} but the number {number} is that of a {by_number}: "
                          "read as the heading says; check the number")
# an extraction JSON that cannot be loaded (graph/ingest.py)
NOT_EXTRACTION_JSON = N_("not an extraction JSON file ({why})")
AT_LINE = N_("line {n}: {why}")
NESTED_TOO_DEEPLY = N_("nested too deeply")
HUGE_NUMBER = N_("a number with thousands of digits")
NOT_A_FINITE_NUMBER = N_("{word} is not a number (numbers must be finite)")

#: every problem message, in the order :meth:`Templates.template_of` tries them
TEMPLATES: tuple[str, ...] = (
    NO_SUCH_FILE, NO_SUCH_PATH, IS_A_FOLDER, NOT_A_REGULAR_FILE, PERMISSION_DENIED, CANNOT_BE_READ, TOO_LARGE,
    NO_TEXT_FILES, OUT_OF_MEMORY, INTERNAL_ERROR, WORKER_DIED, TIMED_OUT,
    EMPTY_FILE, NOTHING_TO_EXTRACT, BINARY_FILE, GIVE_PLAIN_TEXT, LOOKS_LIKE,
    A_PDF, A_ZIP, AN_OLD_OFFICE_FILE, AN_RTF, A_PNG, A_JPEG, A_GIF, A_TIFF, A_GZIP, A_7ZIP, A_RAR,
    EXTRACT_PDF_TEXT, SAVE_AS_TEXT_WITH, SAVE_AS_TEXT, OCR_WITH, OCR, UNPACK,
    NOT_UTF16, NOT_UTF32, *CODEC_REASONS, UNKNOWN_ENCODING, CONVERT_TO_UTF8, NOT_VALID_UTF8, INVALID_BYTES,
    TOO_DEEPLY_NESTED, NO_DOCUMENT,
    NUMBER_LOST_HYPHEN, NUMBER_LETTER_SPACED, NUMBER_CUT_BETWEEN_CODES, NUMBER_FOOTNOTE_MARKER,
    NUMBER_LOOK_ALIKE, LETTERS_LOST,
    DATE_DOES_NOT_EXIST, CITED_DATE_DOES_NOT_EXIST, CITATION_NOT_READ, NUMBER_CUT_OFF, ENDS_BEFORE_NUMBER,
    DAMAGED_NAME, NAME_IN_SMALL_LETTERS, HEADING_AFTER_SIGNATURE, NO_HEADER, TYPE_NOT_THE_NUMBERS,
    NUMBER_NOT_READ,
    NOT_EXTRACTION_JSON, AT_LINE, NESTED_TOO_DEEPLY, HUGE_NUMBER, NOT_A_FINITE_NUMBER,
)
#: how an InputError's hint ends the problem written for it: EMPTY_FILE is without_hint(EMPTY_FILE) + this
HINTED = " ({hint})"


def without_hint(template: str) -> str:
    """The message of an InputError whose problem is ``template``: the text before its :data:`HINTED`."""
    if not template.endswith(HINTED):
        raise ValueError(f"no hint at the end of {template!r}")
    return template[:-len(HINTED)]


class Templates:
    """English message templates with named placeholders, matched and translated at display time.

    ``patterns`` says what a placeholder matches when it is not any text (shortest first otherwise);
    the values of ``sub_messages`` are messages of these templates themselves, translated in turn, and
    ``said_by`` names placeholders whose value another function says on screen (another set's
    :meth:`on_screen`, a label). Every other value is kept exactly as written.
    """

    def __init__(self, templates: tuple[str, ...], patterns: Mapping[str, str] | None = None,
                 sub_messages: frozenset[str] = frozenset(),
                 said_by: Mapping[str, Callable[[str], str]] | None = None) -> None:
        self.templates = templates
        self.patterns = dict(patterns or {})
        self.sub_messages = sub_messages
        self.said_by = dict(said_by or {})

    def _pattern(self, template: str) -> re.Pattern[str]:
        """The regular expression of a template: its text as written, each placeholder a named group."""
        parts, pos = [], 0
        for m in _FIELD.finditer(template):
            name = m.group(1)
            parts += [re.escape(template[pos:m.start()]), f"(?P<{name}>{self.patterns.get(name, _DEFAULT)})"]
            pos = m.end()
        parts.append(re.escape(template[pos:]))
        return re.compile("".join(parts), re.S)

    @cached_property
    def _prefixes(self) -> tuple[tuple[str, str], ...]:
        """Each template with its text before the first placeholder (all of it when it has none)."""
        return tuple((t, t[:m.start()] if (m := _FIELD.search(t)) else t) for t in self.templates)

    @cached_property
    def _compiled(self) -> dict[str, re.Pattern[str]]:
        """The patterns of the templates a message has started with so far, compiled at first need."""
        return {}

    def template_of(self, message: str) -> tuple[str, dict[str, str]] | None:
        """The template ``message`` was made from and the values of its placeholders, or ``None``: the
        first in order that matches all of it, tried only where the message starts with its text."""
        for template, prefix in self._prefixes:
            if not message.startswith(prefix):
                continue
            pattern = self._compiled.get(template)
            if pattern is None:
                pattern = self._compiled[template] = self._pattern(template)
            m = pattern.fullmatch(message)
            if m:
                return template, m.groupdict()
        return None

    def on_screen(self, message: str) -> str:
        """An English message in the user's language; a message of no template, unchanged."""
        found = self.template_of(message)
        if found is None:
            return message
        template, values = found
        for name in self.sub_messages.intersection(values):
            values[name] = self.on_screen(values[name])
        for name in self.said_by.keys() & values.keys():
            values[name] = self.said_by[name](values[name])
        from graph.i18n import _  # at display time only: the reading code imports this module, not gettext

        try:
            return _(template).format_map(values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: the English
            return message


#: the problems of reading a file
PROBLEMS = Templates(TEMPLATES, PATTERNS, SUB_MESSAGES)


def template_of(message: str) -> tuple[str, dict[str, str]] | None:
    """The template ``message`` was made from and the values of its placeholders, or ``None``."""
    return PROBLEMS.template_of(message)


def on_screen(message: str) -> str:
    """An English problem message in the user's language; a message of no template, unchanged."""
    return PROBLEMS.on_screen(message)
