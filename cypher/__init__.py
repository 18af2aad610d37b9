"""The Cypher statements, kept as files: ``schema.cypher``, load statements, ``queries/*.cypher``."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(name: str) -> str:
    """Return the text of ``cypher/<name>.cypher`` (``name`` may be ``queries/bases``)."""
    return resources.files(__name__).joinpath(f"{name}.cypher").read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """Split a file of several statements on ';' at line ends, skipping comments and blanks."""
    text = "\n".join(line for line in load(name).splitlines() if not line.strip().startswith("//"))
    return [s.strip().rstrip(";").strip() for s in text.split(";\n") if s.strip().rstrip(";").strip()]
