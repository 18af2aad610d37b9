"""The embedded store: the lineage graph in one SQLite file, no server needed (the default store).

- Writes are transactions: ``with EmbeddedStore(path).update() as g`` yields the store's graph
  (:class:`~graph.stores.sqlite_graph.StoreGraph`, read as touched) and writes what changed in one
  transaction; a crash or kill at any instant leaves the old or the new state (SQLite's journal).
- Two writers are serialised by SQLite's lock; one that waits more than ``timeout`` seconds stops
  with a :class:`StoreError`. Readers never wait (WAL mode) and always see a committed state.
- :func:`load_graph` reads the whole graph (exports, push, show, check); :class:`EmbeddedReader` is
  the store read-only, as a :class:`graph.stores.protocol.Store` (``stats`` counts by SQL).
- Only SQLite files of this schema are stores (:mod:`graph.stores.sqlite_store`); a store of the old
  formats is converted once by :func:`migrate` (``lineage migrate``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graph.errors import StoreError
from graph.i18n import _
from graph.lineage_graph import Graph
from graph.stores import sqlite_store
from graph.stores.location import resolve_store_path
from graph.stores.sqlite_graph import StoreGraph
from graph.stores.sqlite_rows import read_graph
from graph.stores.sqlite_store import LOCK_TIMEOUT, refuse_special
from graph.stores.sqlite_write import write_diff, write_graph


def load_graph(path: str | os.PathLike[str] | None = None, *, freeze: bool = False,
               writable: bool = False) -> Graph:
    """The whole lineage graph of the store (default location when ``path`` is None), as an ordinary
    networkx graph. ``freeze=True`` (one-shot commands) keeps the garbage collector from rescanning
    what was loaded (``gc.freeze``). ``writable`` is accepted for callers of the old store: every
    graph read is an ordinary one."""
    del writable
    with contextlib.closing(sqlite_store.open_readonly(path)) as conn:
        enabled = gc.isenabled()
        gc.disable()
        try:
            g = _read(conn, resolve_store_path(path))
            if freeze:
                gc.freeze()
        finally:
            if enabled:
                gc.enable()
    return g


def _read(conn: sqlite3.Connection, store: Path) -> Graph:
    try:
        return read_graph(conn)
    except (sqlite3.DatabaseError, ValueError, KeyError) as exc:
        raise StoreError(_("{store}: store is damaged ({why})").format(
            store=store, why=f"{type(exc).__name__}: {exc}"), hint=_("ingest again to rebuild it")) from None


def counts(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Node counts by label and relationship counts by type, by SQL (``lineage_graph.counts``' shape)."""
    labels = conn.execute("SELECT j.value, count(*) FROM nodes, json_each(nodes.labels) AS j "
                          "GROUP BY j.value ORDER BY j.value").fetchall()
    rels = conn.execute("SELECT type, count(*) FROM edges GROUP BY type ORDER BY type").fetchall()
    return {"nodes": dict(sorted(labels)), "relationships": dict(sorted(rels))}


class EmbeddedReader:
    """The store file read-only, as a :class:`~graph.stores.protocol.Store` (read on first use, once).

    ``freeze`` as for :func:`load_graph` (one-shot commands).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, freeze: bool = False) -> None:
        self.path = resolve_store_path(path)
        self.freeze = freeze
        self._graph: Graph | None = None

    def read_graph(self) -> Graph:
        """The stored graph (the same object on every call until :meth:`close`)."""
        if self._graph is None:
            self._graph = load_graph(self.path, freeze=self.freeze)
        return self._graph

    def counts(self) -> dict[str, dict[str, int]]:
        with contextlib.closing(sqlite_store.open_readonly(self.path)) as conn, \
                sqlite_store.said_as_store_errors(self.path):
            return counts(conn)

    def close(self) -> None:
        self._graph = None

    def __enter__(self) -> EmbeddedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EmbeddedStore:
    """One store file: ``with EmbeddedStore(path).update() as g: ...`` edits it in one transaction."""

    def __init__(self, path: str | os.PathLike[str] | None = None, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = resolve_store_path(path)
        self.real = self.path.resolve()  # a link's target
        self.timeout = timeout
        self.committed = False  # a transaction of this object reached the file

    def exists(self) -> bool:
        return self.real.is_file() and self.real.stat().st_size > 0

    def check(self) -> None:
        """Raise the StoreError opening the store would (not ours, newer, old format, not a regular
        file) without reading the graph: ``ingest`` calls it before spending minutes extracting. A
        missing store is fine."""
        sqlite_store.sniff(self.real)
        if self.exists():
            sqlite_store.open_readonly(self.real).close()

    @contextlib.contextmanager
    def transaction(self, fresh: bool = False) -> Iterator[sqlite3.Connection]:
        """The store open for writing in one transaction (committed when the block ends without an
        error, else rolled back). ``fresh``: a new store is written beside and moved over the file
        there, which is never opened (it could be anything)."""
        if fresh:
            with self._fresh() as conn:
                yield conn
            return
        conn = sqlite_store.open_writable(self.real, timeout=self.timeout)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
                self.committed = True
            except BaseException:
                sqlite_store.rollback(conn)
                raise
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # a mistake of the code, not of the file
        except sqlite3.Error as exc:  # locked, disk full, damaged pages met while reading or writing
            raise sqlite_store.database_error(self.path, exc, writing=True) from None
        finally:
            conn.close()

    @contextlib.contextmanager
    def _fresh(self) -> Iterator[sqlite3.Connection]:
        """A new store in a temporary file beside the real one, moved into place when the block ends
        without an error (keeping the replaced file's mode)."""
        refuse_special(self.real)
        try:
            self.real.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.real.name}.", suffix=".tmp", dir=self.real.parent)
        except OSError as exc:
            raise sqlite_store.unwritable_error(self.path, exc) from None
        os.close(fd)
        tmp = Path(name)
        tmp.unlink()
        beside = EmbeddedStore(tmp, self.timeout)
        beside.path = self.path  # what its errors name: the store the user gave
        try:
            with beside.transaction() as conn:
                yield conn
            with contextlib.suppress(OSError):
                os.chmod(tmp, self.real.stat().st_mode & 0o7777)
            for stale in _sidecars(self.real):  # the old file's journal must not meet the new file
                with contextlib.suppress(OSError):
                    stale.unlink()
            try:
                os.replace(tmp, self.real)
            except OSError as exc:
                raise sqlite_store.unwritable_error(self.path, exc) from None
            self.committed = True
        finally:
            for leftover in (tmp, *_sidecars(tmp)):
                with contextlib.suppress(OSError):
                    leftover.unlink()

    @contextlib.contextmanager
    def update(self, fresh: bool = False) -> Iterator[StoreGraph]:
        """The store's graph to edit, read as touched; what changed is written in one transaction when
        the block ends without an error (nothing otherwise). ``fresh`` starts from an empty store."""
        with self.transaction(fresh) as conn:
            g = StoreGraph(conn)
            yield g
            g.written = write_diff(g)  # (relationships added, removed)

    def save(self, g: Graph) -> None:
        """Replace the stored graph by ``g``, in one transaction."""
        with self.transaction(fresh=True) as conn:
            write_graph(conn, g)


def _sidecars(store: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and its index, beside the store."""
    return Path(f"{store}-wal"), Path(f"{store}-shm")


def save_graph(g: Graph, path: str | os.PathLike[str] | None = None) -> None:
    """Replace the store's graph by ``g`` (one transaction)."""
    EmbeddedStore(path).save(g)


def migrate(old: str | os.PathLike[str], store: str | os.PathLike[str] | None = None,
            trust_old: bool = False) -> tuple[int, Path, int, int]:
    """Import a store of the old formats (``old``) into the SQLite store ``store`` (which must hold no
    graph yet; the same path is converted in place). Format 3 and older are pickles: only with
    ``trust_old``. Returns (old format version, store path, nodes, relationships)."""
    from graph.stores import graph_file

    source = Path(old).expanduser()
    refuse_special(source)
    try:
        with source.open("rb") as f:
            if f.read(len(sqlite_store.SQLITE_MAGIC)) == sqlite_store.SQLITE_MAGIC:
                raise StoreError(_("{store}: already a store of the current format (SQLite): nothing to "
                                   "migrate").format(store=source),
                                 hint=_("use it as it is: --store {store}").format(store=source))
            f.seek(0)
            size = os.fstat(f.fileno()).st_size
            version, _codec, _length = graph_file.read_header(f, size, str(source), trust_old=trust_old)
            f.seek(0)
            g = graph_file.load_stream(f, size, str(source), writable=True, trust_old=trust_old)
    except FileNotFoundError:
        raise StoreError(_("{store}: no such file").format(store=source)) from None
    except IsADirectoryError:
        raise StoreError(_("{store}: is a folder, not a store file").format(store=source)) from None
    except OSError as exc:  # no permission, an I/O error ...
        raise StoreError(_("{store}: cannot read the store ({reason})").format(
            store=source, reason=sqlite_store.read_reason(exc))) from None
    target = resolve_store_path(store)
    if target.exists() and target.resolve() == source.resolve():  # converted in place
        with EmbeddedStore(target).transaction(fresh=True) as conn:
            write_graph(conn, g)
    else:
        s = EmbeddedStore(target)
        with s.transaction() as conn:
            if conn.execute("SELECT count(*) FROM nodes").fetchone()[0]:
                raise StoreError(_("{store}: this store already holds a graph; not overwritten").format(
                    store=target), hint=_("give --store a new file to import into"))
            write_graph(conn, g)
    return version, target, g.number_of_nodes(), g.number_of_edges()
