"""The language of what users read: ``_`` translates a message (Vietnamese or English).

Skeleton: the i18n work replaces the internals (gettext catalogs, locale detection, number
formatting) and keeps this interface: ``_(message)``, ``ngettext(singular, plural, n)``,
``format_number(value, decimals=0)``.
"""

from __future__ import annotations


def _(message: str) -> str:
    """The message in the user's language."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, in the user's language."""
    return singular if n == 1 else plural


def format_number(value: float, decimals: int = 0) -> str:
    """``value`` with the thousands and decimal separators of the user's language."""
    return f"{value:,.{decimals}f}"
