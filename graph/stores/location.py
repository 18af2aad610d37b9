"""Where the embedded store lives: ``--store``, else ``$LINEAGE_STORE``, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "LINEAGE_STORE"
STORE_FILE = "lineage.graph"


def default_store_path() -> Path:
    """``$LINEAGE_STORE``, else ``$XDG_DATA_HOME/policy-lineage/lineage.graph`` (``~/.local/share`` ...)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "policy-lineage" / STORE_FILE


def resolve_store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store file to use: the given path when there is one, else :func:`default_store_path`."""
    return Path(path).expanduser() if path else default_store_path()
