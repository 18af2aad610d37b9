"""The embedded store's file: one SQLite database (``sqlite_schema.sql``), opened safely.

- :func:`open_readonly` is for questions: ``mode=ro``, never blocked by a writer (WAL mode), never
  writes. :func:`open_writable` is for ``ingest`` / ``remove`` / ``migrate``: it creates the schema in
  a new file, or upgrades an older one (``MIGRATIONS``).
- A file is ours when it is a SQLite database whose ``PRAGMA application_id`` is ours (or unset, by a
  tool that ran the schema itself), whose ``PRAGMA user_version`` is 1..:data:`SCHEMA_VERSION` and which
  has the schema's tables. Anything else -- not SQLite, another program's database, a newer schema, a
  store of the old formats (``lineage migrate``), a folder, a pipe -- is a :class:`StoreError` that says
  so, before any of it is read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from graph.errors import StoreError
from graph.i18n import _
from graph.stores.location import demo_store_hint, resolve_store_path

SCHEMA_VERSION = 4  # 1: the first SQLite schema; 2: nodes.stem; 3: edges_status; 4: ingested_files
APPLICATION_ID = 0x4C696E65  # "Line": written in every store this code creates
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another writer
SQLITE_MAGIC = b"SQLite format 3\x00"
OLD_MAGIC = b"POLICY-LINEAGE\x00\x01"  # the columnar / pickle formats (graph_file.py), before SQLite
MIGRATE_COMMAND = "lineage migrate"
TABLES = frozenset({"meta", "nodes", "edges", "doc_search"})


def _add_stems(conn: sqlite3.Connection) -> None:
    """Version 2: ``nodes.stem`` (see the schema), filled for the numbered nodes."""
    from graph.stores.sqlite_rows import key_stem

    if "stem" not in {r[1] for r in conn.execute("PRAGMA table_info(nodes)")}:
        conn.execute("ALTER TABLE nodes ADD COLUMN stem TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS nodes_stem ON nodes (stem)")
    rows = conn.execute("SELECT id, key FROM nodes WHERE number IS NOT NULL AND number != ''").fetchall()
    conn.executemany("UPDATE nodes SET stem = ? WHERE id = ?", ((key_stem(k), i) for i, k in rows))


def _add_status_index(conn: sqlite3.Connection) -> None:
    """Version 3: the index ``edges_status`` (see the schema)."""
    statement = next(s for s in _statements(schema_sql()) if "edges_status" in s)
    conn.execute(statement)


def _add_ingested_files(conn: sqlite3.Connection) -> None:
    """Version 4: the table ``ingested_files`` (see the schema), empty: every file is read once more."""
    statement = next(s for s in _statements(schema_sql()) if "ingested_files" in s)
    conn.execute(statement)


# Schema version -> what brings a store of the version before it up to it (in the writer's transaction).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _add_stems, 3: _add_status_index, 4: _add_ingested_files}

# A database made from the schema before it had ``edges.seq`` (the order relationships were made in:
# networkx's iteration order, which exports keep) gets it when first written.
_EDGE_ORDER = (
    "ALTER TABLE edges ADD COLUMN seq INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX IF NOT EXISTS edges_seq ON edges (seq)",
)


def schema_sql() -> str:
    """The schema (``sqlite_schema.sql``)."""
    return resources.files("graph.stores").joinpath("sqlite_schema.sql").read_text(encoding="utf-8")


def refuse_special(store: Path) -> None:
    """StoreError when ``store`` exists but is not a regular file (opening a FIFO would wait forever)."""
    try:
        mode = store.stat().st_mode
    except OSError:
        return  # missing, unreadable ...: said by whoever opens it
    if stat.S_ISDIR(mode):
        raise StoreError(_("{store}: is a folder, not a store file").format(store=store))
    if not stat.S_ISREG(mode):
        raise StoreError(_("{store}: not a regular file (a pipe, device or socket), not a store").format(
            store=store), hint=_("point --store at a store file"))


def _not_ours(store: Path, why: str = "") -> StoreError:
    """The error of a file that is not a store; ``why`` (translated) says what it is instead."""
    message = (_("{store}: not a policy-lineage store ({why})").format(store=store, why=why) if why
               else _("{store}: not a policy-lineage store").format(store=store))
    return StoreError(message, hint=_("point --store at a file written by 'lineage ingest', or ingest again"))


def sniff(store: Path) -> None:
    """StoreError for a file that is not a SQLite database (its first bytes), with the way out for a
    store of the old formats. An empty or missing file passes (a new store)."""
    refuse_special(store)
    try:
        with open(store, "rb", opener=_open_nonblocking) as f:
            head = f.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there: said by whoever opens or creates it
    except OSError as exc:
        raise StoreError(_("{store}: cannot read the store ({reason})").format(
            store=store, reason=read_reason(exc))) from None
    if not head or head == SQLITE_MAGIC:
        return
    if head.startswith(OLD_MAGIC[:len(head)]) and len(head) >= 8:
        raise StoreError(
            _("{store}: a store of the old format (before SQLite); not opened").format(store=store),
            hint=_("convert it once: {command} {store} (add --trust-old-store for a format-3 store, which "
                   "can run code when read: only for a file your own lineage wrote)").format(
                command=MIGRATE_COMMAND, store=store))
    raise _not_ours(store, _("not a SQLite database, or damaged"))


def read_reason(exc: OSError) -> str:
    """Why a file could not be read, in the user's language when it is a lack of permission."""
    return _("permission denied") if isinstance(exc, PermissionError) else exc.strerror or str(exc)


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without waiting for a writer (a FIFO), then read as usual."""
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def check_schema(conn: sqlite3.Connection, store: Path) -> int:
    """The schema version of an open database, or the StoreError for one that is not ours or newer."""
    try:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        kinds = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _not_ours(store, _("a damaged database: {error}").format(error=exc)) from None
    tables = {name for kind, name in kinds if kind == "table"}
    if any(kind in ("trigger", "view") for kind, _ in kinds):  # code in the file: never written by us
        raise _not_ours(store, _("a SQLite database with triggers or views"))
    if app not in (0, APPLICATION_ID):
        raise _not_ours(store, _("a SQLite database of another program"))
    if version > SCHEMA_VERSION:
        raise StoreError(_("{store}: store schema version {version} is newer than this lineage "
                           "(reads up to {supported})").format(store=store, version=version,
                                                               supported=SCHEMA_VERSION),
                         hint=_("upgrade policy-lineage to read it"))
    if version < 1 or not tables >= TABLES:
        raise _not_ours(store, _("a SQLite database without the lineage tables"))
    return version


def open_readonly(path: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    """The store opened read-only (``mode=ro``): never writes, never waits for a writer (WAL).

    StoreError, with a clear message, for a missing file, a folder or pipe, a file that is not a
    lineage store, a store of the old format or of a newer schema.
    """
    store = resolve_store_path(path)
    sniff(store)
    if not store.is_file():
        raise StoreError(_("{store}: no lineage store here").format(store=store),
                         hint=demo_store_hint(store)
                         or _("run lineage ingest first (or give --store / set LINEAGE_STORE)"))
    if store.stat().st_size == 0:
        raise _not_ours(store, _("an empty file"))
    uri = f"file:{quote(str(store.resolve()))}?mode=ro"
    wal = Path(f"{store}-wal")
    if on_read_only_disk(store) and not (wal.is_file() and wal.stat().st_size):
        uri += "&immutable=1"  # nothing can write it there; SQLite could not open it without a -shm file
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT, check_same_thread=False)
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as exc:
        raise StoreError(_("{store}: cannot open the store ({error})").format(
            store=store, error=exc)) from None
    try:
        check_schema(conn, store)  # an older version reads as well: it is upgraded when next written
    except BaseException:
        conn.close()
        raise
    return conn


def open_writable(path: str | os.PathLike[str] | None = None, *, fresh: bool = False,
                  timeout: float = LOCK_TIMEOUT) -> sqlite3.Connection:
    """The store opened for writing (created with the schema when missing or empty; upgraded when
    of an older schema). ``fresh``: every row of an existing store is deleted in the caller's
    transaction instead (see :func:`clear`). Autocommit mode: the caller opens the transaction."""
    store = resolve_store_path(path)
    sniff(store)
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(store), timeout=timeout, isolation_level=None,
                               check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise unwritable_error(store, exc) from None
    try:
        _prepare(conn, store, timeout)
    except sqlite3.Error as exc:
        conn.close()
        raise database_error(store, exc, writing=True) from None
    except BaseException:
        conn.close()
        raise
    return conn


def on_read_only_disk(path: Path) -> bool:
    """Is ``path`` on a file system mounted read-only (a CD, a read-only share or volume)?"""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # missing, or no statvfs (Windows)
        return False


def _unwritable_why(store: Path) -> str | None:
    """Why no store can be made at ``store``, said plainly (SQLite says "unable to open database file",
    mkdir "File exists"): a part of the path that is a file, or a folder this user cannot write."""
    try:
        if on_read_only_disk(store if store.exists() else store.parent):
            return _("the disk is read-only")
        if store.is_file() and not os.access(store, os.W_OK):
            return _("no permission to write the file")
        for folder in store.parents:
            if folder.exists():
                if not folder.is_dir():
                    return _("{path} is a file, not a folder").format(path=folder)
                if not os.access(folder, os.W_OK | os.X_OK):  # where SQLite writes its journal, too
                    return _("no permission to write in the folder {path}").format(path=folder)
                return None
    except OSError:  # a folder on the way that may not be looked into: what the system said stands
        return None
    return None


def unwritable_error(store: Path, exc: OSError | sqlite3.Error) -> StoreError:
    """The error of a store that cannot be made at ``store`` (its folder, or the file beside it)."""
    why = _unwritable_why(store) or getattr(exc, "strerror", None) or str(exc)
    return StoreError(_("{store}: cannot create the store here ({reason})").format(store=store, reason=why),
                      hint=_("give --store a path in a folder you can write"))


def locked_error(store: Path) -> StoreError:
    """The error of a writer that waited too long for another."""
    return StoreError(_("{store}: store is locked by another lineage process").format(store=store),
                      hint=_("wait for it to finish, then run the command again"))


def database_error(store: Path, exc: sqlite3.Error, writing: bool = False) -> StoreError:
    """The StoreError of what SQLite said while the store was read or written: locked, a full disk,
    damaged pages (a header that reads well can hide them), or the error as SQLite says it.
    ``writing``: the store is said to be as it was (the transaction was rolled back)."""
    said = str(exc)
    if "locked" in said or "busy" in said:
        return locked_error(store)
    unchanged = _("nothing of this run was stored; the store is as it was")
    if isinstance(exc, sqlite3.OperationalError) and "full" in said:
        return StoreError(_("{store}: the disk is full").format(store=store) + "; " + unchanged,
                          hint=_("free some space (or give --store a path on another disk), then run "
                                 "the command again"))
    if not isinstance(exc, sqlite3.OperationalError) or "malformed" in said:
        message = _("{store}: store is damaged ({why})").format(store=store, why=said)
        return StoreError(message + ("; " + unchanged if writing else ""),
                          hint=_("ingest again into a new store (--store NEW.db) to rebuild it"))
    if writing:
        why = (_unwritable_why(store) if "readonly" in said or "unable to open" in said else None) or said
        return StoreError(_("{store}: cannot write the store ({error}); the previous store is "
                            "unchanged").format(store=store, error=why))
    return StoreError(_("{store}: cannot read the store ({reason})").format(store=store, reason=exc))


@contextlib.contextmanager
def said_as_store_errors(store: Path, writing: bool = False) -> Iterator[None]:
    """Turn what SQLite raises in the block into the store's :func:`database_error`."""
    try:
        yield
    except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise  # a mistake of the code, not of the file
    except sqlite3.Error as exc:
        raise database_error(store, exc, writing) from None


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already (it does after a full disk or an
    I/O error): an error here would hide the one that made the caller roll back."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _prepare(conn: sqlite3.Connection, store: Path, timeout: float) -> None:
    """Schema for a new database, migrations for an older one, WAL mode."""
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not tables and version == 0:
            for statement in _statements(schema_sql()):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        else:
            version = check_schema(conn, store)
            if "seq" not in {r[1] for r in conn.execute("PRAGMA table_info(edges)")}:
                for statement in _EDGE_ORDER:  # a store made by running the schema alone
                    conn.execute(statement)
            for target in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](conn)
                conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a kill never loses a committed transaction


def _statements(script: str) -> list[str]:
    """The statements of a SQL script (comments dropped), to run one at a time in a transaction."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def clear(conn: sqlite3.Connection) -> None:
    """Delete every row (``ingest --fresh``), in the caller's transaction."""
    for table in ("edges", "doc_search", "nodes", "meta", "ingested_files"):
        conn.execute(f"DELETE FROM {table}")
