"""Reading the reference data shipped in ``graph/data/`` (patterns, aliases, catalogs): one way for all."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from graph.text import nfc as _nfc


def read_json(name: str, *, nfc: bool = False) -> Any:
    """Parse ``graph/data/<name>``; ``nfc=True`` NFC-normalises the text first. Callers cache the result."""
    text = resources.files("graph").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(_nfc(text) if nfc else text)
