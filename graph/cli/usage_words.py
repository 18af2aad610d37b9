"""click's usage errors in the user's language: "No such option: --foo" -> "Không có tùy chọn --foo.".

typer's bundled click (and pydantic, which checks typer's values) writes the sentence of a usage error
with f-strings, out of reach of a catalog. :func:`worded` reads the sentence click would show, finds the
known English sentence it is (:data:`SENTENCES`, each a message of the catalogs with its values as
``{fields}``) and says it again through the catalog with the same values. A sentence it does not know
(a newer typer's, one of our own) stays as click wrote it: nothing is guessed. In English the catalog
gives back the English sentence, so the screen is click's own. Imported only when a usage error happens.
"""

from __future__ import annotations

import re
import string
from functools import cache

from typer._click.exceptions import UsageError

from graph.i18n import N_, _

#: the sentences of click's usage errors as click, typer and pydantic write them, a value as a field;
#: the first that the whole sentence matches is said (the longer of two alike comes first)
SENTENCES = (
    # the frames: what is wrong with which option or argument
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("Option '{name}' requires an argument."),
    N_("Option '{name}' requires {n} arguments."),
    N_("Option '{name}' does not take a value."),
    N_("Argument '{name}' takes {n} values."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Missing argument {name}. {detail}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}. {detail}"),
    N_("Missing option {name}."),
    N_("Missing parameter {name}. {detail}"),
    N_("Missing parameter {name}."),
    N_("Invalid value for {name}: {detail}"),
    N_("Invalid value: {detail}"),
    # the details of a bad value (typer's checks of a choice and a path; pydantic's of a number)
    N_("Value error, {detail}"),
    N_("{value} is not one of {choices}."),
    N_("Choose from:\n\t{choices}"),
    N_("{kind} {name} does not exist."),
    N_("{kind} {name} is a file."),
    N_("{kind} {name} is a directory."),
    N_("{kind} {name} is not readable."),
    N_("{kind} {name} is not writable."),
    N_("Input should be greater than or equal to {ge}"),
    N_("Input should be greater than {gt}"),
    N_("Input should be less than or equal to {le}"),
    N_("Input should be less than {lt}"),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid integer, got a number with a fractional part"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be a valid boolean, unable to interpret input"),
    # typer's suggestion after its own (already translated) "No such command …"
    N_("{message}. Did you mean {suggestions}?"),
)
#: fields that hold a sentence of their own, said again in turn (kept as they are when unknown)
SENTENCE_FIELDS = frozenset({"detail", "message"})
#: the word typer gives a path ("file '/tmp' is a directory.") -> its message
PATH_KINDS = {"file": N_("file"), "dir": N_("dir"), "path": N_("path")}


@cache
def _pattern(sentence: str) -> re.Pattern[str]:
    """The regular expression of ``sentence``: its words as they are, each field any text."""
    parts = [re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
             for literal, field, _spec, _conv in string.Formatter().parse(sentence)]
    return re.compile("".join(parts), re.DOTALL)


def say(text: str) -> str | None:
    """``text``, a sentence of click's, in the user's language; None when it is none we know."""
    for sentence in SENTENCES:
        found = _pattern(sentence).fullmatch(text)
        if found is None:
            continue
        values = found.groupdict()
        if "kind" in values:
            if values["kind"] not in PATH_KINDS:
                continue
            values["kind"] = _(PATH_KINDS[values["kind"]])
        for field in SENTENCE_FIELDS & values.keys():
            values[field] = say(values[field]) or values[field]
        return _(sentence).format(**values)
    return None


def worded(error: UsageError) -> UsageError | None:
    """The usage error to show instead of ``error``: its sentence in the user's language, the same
    context (for the usage line) and exit code; None when the sentence is unknown or already said."""
    if type(error).__name__ == "NoArgsIsHelpError":  # its "message" is the --help page (typer shows none)
        return None
    text = error.format_message()
    said = say(text)
    if said is None or said == text:
        return None
    replacement = UsageError(said, ctx=error.ctx)
    replacement.exit_code = error.exit_code
    return replacement
