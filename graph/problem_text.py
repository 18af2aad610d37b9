"""The problems of reading a file, said in the user's language on screen.

The reading code writes each problem of a file in English (:attr:`graph.model.Problem.message`): the JSON
keeps it so, machine-readable and stable. Every message it can write is one of :data:`TEMPLATES`, English
with named placeholders and marked for the catalogs with ``N_``. :func:`on_screen` finds the template a
message was made from, translates it with gettext at display time and fills in the values it held. A value
that is itself a message (the reason a citation could not be read, an input error's hint ...) is translated
in turn; the others (document numbers, citation text, sizes) are kept exactly as written. A message of no
template comes back unchanged: text is never lost. The engine, :class:`Templates`, serves other sets of
messages too (the issues of ``lineage check``: :mod:`graph.queries.check_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cached_property

from graph.i18n import N_, _

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

TEMPLATES: tuple[str, ...] = (
    # a path that cannot be read (graph/reading/extract.py, graph/reading/pool.py)
    N_("no such file"),
    N_("no such file or folder"),
    N_("is a folder (give its files, or the folder to extract_paths)"),
    N_("not a regular file (a pipe, device or socket): give a text file"),
    N_("permission denied"),
    N_("cannot be read ({error})"),
    N_("{size} MB is larger than the {limit} MB a document can be: split it into one file per document "
       "first"),
    N_("folder has no text files (*.txt) to extract"),
    N_("needs more than the {mb} MB of memory a file may use and was stopped (split it into smaller files)"),
    N_("internal error while extracting: {error}"),
    N_("the extractor stopped unexpectedly on this file"),
    N_("took longer than {seconds} s and was stopped"),
    # bytes that are not a text (graph/reading/text/decode.py): message, then the hint in parentheses
    N_("empty file ({hint})"),
    N_("nothing to extract; check the file was saved"),
    N_("binary file (contains NUL bytes), not a text file ({hint})"),
    N_("give the document as plain text (UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)"),
    N_("looks like {what}, not a text file ({hint})"),
    N_("a PDF"),
    N_("a ZIP archive (Word .docx / .xlsx / .odt)"),
    N_("an old Microsoft Office file (.doc / .xls)"),
    N_("an RTF document"),
    N_("a PNG image"),
    N_("a JPEG image"),
    N_("a GIF image"),
    N_("a TIFF image"),
    N_("a gzip archive"),
    N_("a 7-Zip archive"),
    N_("a RAR archive"),
    N_("extract its text first, e.g. `pdftotext -layout FILE FILE.txt`"),
    N_("save it as plain text (UTF-8) first, e.g. `libreoffice --headless --convert-to txt FILE`"),
    N_("save it as plain text (UTF-8) first"),
    N_("a scan needs OCR first, e.g. `tesseract FILE out -l vie`"),
    N_("a scan needs OCR first"),
    N_("unpack it first"),
    N_("starts like UTF-16 but is not valid UTF-16 ({reason})"),
    N_("starts like UTF-32 but is not valid UTF-32 ({reason})"),
    N_("illegal UTF-16 surrogate"),
    N_("illegal encoding"),
    N_("unexpected end of data"),
    N_("code point not in range(0x110000)"),
    N_("code point in surrogate code point range(0xd800, 0xe000)"),
    N_("unknown text encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI) ({hint})"),
    N_("convert it to UTF-8 first, e.g. `iconv -f ENCODING -t UTF-8 FILE > FILE.txt`"),
    N_("not valid UTF-8: {detail}"),
    N_("{n} invalid bytes replaced"),
    # reading the text (graph/reading/extract.py)
    N_("text too deeply nested to read"),
    N_("no document found (no header, citation or table recognised)"),
    # document numbers mended (graph/reading/restore/numbers.py)
    N_("document number {number} lost the hyphen between its codes; read as {read}"),
    N_("document number {number} is letter-spaced; read as {read}"),
    N_("document number {number} was cut between its codes; read as {read}"),
    N_("document number {number} has a footnote marker glued to it; read as {read}"),
    N_("document number {number} is written with look-alike or invisible characters ({characters}); "
       "read the usual way"),
    # documents (graph/reading/documents/: header.py, citations.py, names.py, documents.py)
    N_("the date of the document, {written}, does not exist"),
    N_("the date of the cited {cited}, {written}, does not exist"),
    N_("could not read a citation: '{citation}' ({why})"),  # graph.model.UNREAD_CITATION
    N_("its number is cut off or damaged"),
    N_("the text ends before its number"),
    N_("its name is damaged: '{word}' is not a Vietnamese word, and no number proves it"),
    N_("a name in small letters, no number or date proves it"),
    N_("a heading in capitals after the signature, read as the text the document above issues; its type "
       "word and caption are lost"),
    N_("no recognisable header (no number, date or document type)"),
    # an extraction JSON that cannot be loaded (graph/ingest.py)
    N_("not an extraction JSON file ({why})"),
    N_("line {n}: {why}"),
    N_("nested too deeply"),
    N_("a number with thousands of digits"),
    N_("{word} is not a number (numbers must be finite)"),
)


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
