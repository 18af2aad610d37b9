"""The language of what users read: ``_`` translates a message (Vietnamese or English).

Messages are English in the code and translated with Python's :mod:`gettext` from the catalogs
``graph/locale/<lang>/LC_MESSAGES/lineage.mo`` (compiled from the ``.po`` next to them, shipped in the
package). The language is, in order: :func:`set_language` (the CLI's ``--lang``), ``$LINEAGE_LANG``,
the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: Vietnamese for "vi…", English for another language),
else Vietnamese, the language of the users (a machine's "C" or "POSIX" locale names no language). It is
looked up at each call, so a changed environment takes effect at once. JSON never goes through here.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "lineage"
#: gettext's default domain, through which typer words its own messages ("No such command …", the
#: "Error" panel of a usage error): ``graph/locale/vi/LC_MESSAGES/messages.po`` says them in Vietnamese
LIBRARY_DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
#: locales that name no language
_NO_LANGUAGE = frozenset({"C", "POSIX"})

#: (thousands separator, decimal separator) per language
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}

_chosen: str | None = None
_library_bound = False


def set_language(lang: str | None) -> None:
    """Use ``lang`` ("vi" or "en") from now on; ``None`` goes back to the environment and locale.

    typer's own messages follow (:func:`library_language`)."""
    global _chosen
    if lang is not None and _normalise(lang) is None:
        raise ValueError(f"unknown language {lang!r}: choose from {', '.join(LANGUAGES)}")
    _chosen = _normalise(lang) if lang else None
    library_language()


def library_language() -> None:
    """typer's own messages in the user's language, as gettext documents it for a library that calls
    ``gettext.gettext``: when the language is Vietnamese, the catalog of :data:`LIBRARY_DOMAIN` is bound
    and ``$LANGUAGE`` (the first variable gettext reads) names "vi"; in English nothing is bound (once
    bound, ``$LANGUAGE`` names "en", which has no catalog). Call it before typer words a message."""
    global _library_bound
    lang = language()
    if lang == "vi" and not _library_bound:
        gettext.bindtextdomain(LIBRARY_DOMAIN, str(LOCALE_DIR))
        _library_bound = True
    if _library_bound:
        os.environ["LANGUAGE"] = lang


def _normalise(value: str | None) -> str | None:
    """'vi', 'vi_VN.UTF-8', 'VI' -> 'vi'; 'en_US' -> 'en'; anything else -> None."""
    head = (value or "").strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return head if head in LANGUAGES else None


def language() -> str:
    """The language of the messages: --lang, else $LINEAGE_LANG, else the locale, else Vietnamese."""
    if _chosen:
        return _chosen
    explicit = _normalise(os.environ.get("LINEAGE_LANG"))
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:  # the first one set decides, as in POSIX
            if value.split(".")[0].upper() in _NO_LANGUAGE:
                return DEFAULT_LANGUAGE  # "C.UTF-8": a machine's default, not its reader's language
            return "vi" if value.lower().startswith("vi") else "en"
    return DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (messages untranslated when it is missing)."""
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """The message in the user's language."""
    return translations(language()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it: it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, in the user's language."""
    return translations(language()).ngettext(singular, plural, n)


def vietnamese_date(iso: str | None) -> str:
    """2025-03-01 -> 01/03/2025, as legal staff write dates (a partial date, "2022", stays as it is)."""
    if not iso:
        return ""
    parts = iso[:10].split("-")
    return f"{parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 else iso


def format_date(iso: str | None) -> str:
    """An ISO date as the user's language writes it: "26/08/2022" in Vietnamese, "2022-08-26" in English."""
    return vietnamese_date(iso) if language() == "vi" else iso or ""


def format_decimal(value: float) -> str:
    """A short decimal ("15.5", "16") with the decimal separator of the user's language ("15,5")."""
    text = f"{value:g}"
    return text.replace(".", _SEPARATORS[language()][1])


def format_number(value: float, decimals: int = 0) -> str:
    """``value`` with the thousands and decimal separators of the user's language.

    English "1,356.66", Vietnamese "1.356,66"; ``2500000000`` -> "2.500.000.000" in Vietnamese.
    """
    text = f"{value:,.{decimals}f}"
    thousands, point = _SEPARATORS[language()]
    return text.translate(str.maketrans({",": thousands, ".": point}))
