"""Assemble the self-contained HTML page: template, inlined assets and the graph data as safe JSON."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.i18n import _
from graph.stores.atomic import write_text

_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
# Characters that could end a <script> element or start markup, plus the JS line separators.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


#: the vis-network build that pyvis ships and the page is written for
VIS_VERSION = "9.1.2"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*\s*\Z")


@cache
def asset(name: str) -> str:
    """The text of a file in ``visualizations/assets``."""
    return resources.files("visualizations").joinpath("assets", name).read_text("utf-8")


@cache
def vis_asset(name: str) -> str:
    """``vis-network.min.js`` / ``.css`` as the installed pyvis package ships them.

    The source-map comment is dropped: the page is opened offline and must not ask for the map.
    """
    try:
        text = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise InputError(_("cannot find vis-network {version} in the installed pyvis package ({error}); "
                           "reinstall policy-lineage (pip install .)").format(
                               version=VIS_VERSION, error=exc)) from None
    return _SOURCE_MAP.sub("", text)


def script_json(data: Any) -> str:
    """JSON that is inert inside ``<script>``: ``<``, ``>``, ``&``, U+2028/2029 become ``\\uXXXX`` escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


def page_html(payload: dict[str, Any]) -> str:
    """The whole page as a string; every text from the data is escaped (HTML text or script JSON)."""
    n_nodes, n_edges = len(payload["nodes"]), len(payload["edges"])
    values = {
        "TITLE": html.escape(payload.get("title") or "Sơ đồ quan hệ văn bản"),
        "COUNTS": html.escape(f"{n_nodes} nút, {n_edges} quan hệ"),
        "OMITTED": html.escape(payload.get("note") or ""),
        "OMITTED_CLASS": "some" if payload.get("note") else "none",
        "DATA": script_json(payload),
        "VIS_CSS": vis_asset("vis-network.css"),
        "VIS_JS": vis_asset("vis-network.min.js"),
        "PAGE_CSS": asset("page.css"),
        "PAGE_JS": asset("page.js"),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], asset("page.html"))


def write_html(path: Path, html: str, what: str | None = None) -> Path:
    """Write ``html`` to ``path`` (creating its folder); a path that cannot be written is a user error."""
    try:
        write_text(path, html)  # whole or not at all: an earlier page is never left empty
    except OSError as exc:
        raise InputError(_("{path}: cannot write the {what} ({error})").format(
            path=path, what=what or _("HTML page"), error=exc.strerror or exc)) from None
    return path


def write_page(path: Path, payload: dict[str, Any]) -> Path:
    """Write the lineage page for ``payload`` to ``path``."""
    return write_html(path, page_html(payload))
