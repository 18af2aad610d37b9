"""Consoles that print data as text: never as terminal markup, never as control sequences.

Titles, citing words, queries and file names come from documents and users. Through a plain rich
console, "[sửa đổi lần 2]" would vanish as an unknown style, "[link=…]" become a hidden hyperlink,
"[/]" raise an error, an escape sequence reach the terminal and a newline in a file name forge a second
error line. :class:`SafeConsole` prints strings literally (markup only where a call asks for it with
``markup=True``, its data escaped) and shows control characters as visible escapes (``\\x1b``); on
stderr, where every message is one line, line breaks too.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.text import Text

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides that reorder text
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_BREAKS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def safe_text(text: str, one_line: bool = False) -> str:
    """``text`` with control characters (and, ``one_line``, line breaks) shown as visible escapes."""
    return (_CONTROL_AND_BREAKS if one_line else _CONTROL).sub(_visible, text)


class SafeConsole(Console):
    """A rich console whose strings are data: no markup or emoji codes unless asked, controls escaped.

    ``one_line`` (stderr): line breaks inside a printed string are escaped too, so one call prints
    one line.
    """

    def __init__(self, *args: Any, one_line: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        super().__init__(*args, **kwargs)
        self.one_line = one_line

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(safe_text(text, self.one_line), **kwargs)
