"""Where the embedded store lives: ``--store``, else ``$LINEAGE_STORE``, else the user's data folder."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from graph.i18n import _

STORE_ENV = "LINEAGE_STORE"
STORE_FILE = "lineage.db"  # a SQLite database (graph/stores/sqlite_schema.sql)
DEMO_FOLDER = "lineage-demo"  # where ``lineage demo`` writes its pages and its own store


def default_store_path() -> Path:
    """``$LINEAGE_STORE``, else ``$XDG_DATA_HOME/policy-lineage/lineage.db`` (``~/.local/share`` ...)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "policy-lineage" / STORE_FILE


def resolve_store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store file to use: the given path when there is one, else :func:`default_store_path`."""
    return Path(path).expanduser() if path else default_store_path()


def use_store_hint(store: Path) -> str:
    """What to type to ask ``store`` questions: ``--store`` as given, or ``LINEAGE_STORE`` absolute."""
    return _("add --store {store} to each command, or export {env}={path}").format(
        store=shlex.quote(str(store)), env=STORE_ENV, path=shlex.quote(str(store.absolute())))


def demo_store_hint(missing: Path) -> str | None:
    """When ``./lineage-demo/`` holds the demo's store and ``missing`` is another file: how to use it."""
    demo = Path(DEMO_FOLDER) / STORE_FILE
    if not demo.is_file() or demo.absolute() == missing.absolute():
        return None
    return _("the demo's store is {demo}: {how}").format(demo=demo, how=use_store_hint(demo))
