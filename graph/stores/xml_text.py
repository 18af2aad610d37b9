"""XML written piece by piece exactly as Python's ``xml.etree.ElementTree`` writes it (which networkx's
GraphML and GEXF writers use, with their two-space indentation): the same escaping of text and of
attribute values, ``<tag a="v" />`` for an empty element, and the same encoding -- UTF-8, a character it
cannot encode (a lone surrogate) as a character reference.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator
from typing import IO

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def text(value: str) -> str:
    """Element text, escaped as ElementTree escapes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def attribute(value: str) -> str:
    """An attribute value, escaped as ElementTree escapes it (line breaks and tabs as references)."""
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


def start(tag: str, attributes: Iterable[tuple[str, str]]) -> str:
    """``<tag a="v"`` (to be closed by ``>`` or `` />``)."""
    return "<" + tag + "".join(f' {name}="{attribute(value)}"' for name, value in attributes)


def leaf(tag: str, attributes: Iterable[tuple[str, str]], content: str = "") -> str:
    """An element without children: ``<tag a="v">content</tag>``, or ``<tag a="v" />`` when empty."""
    head = start(tag, attributes)
    return f"{head}>{text(content)}</{tag}>" if content else head + " />"


def indent(level: int) -> str:
    """The line break and indentation before an element at ``level`` (the root is 0)."""
    return "\n" + "  " * level


@contextlib.contextmanager
def text_writer(out: IO[bytes]) -> Iterator[IO[str]]:
    """A text stream over the binary ``out``, encoding as ElementTree does (left open)."""
    wrapper = io.TextIOWrapper(out, encoding="utf-8", errors="xmlcharrefreplace", newline="\n")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()
