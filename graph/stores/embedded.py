"""The embedded store: the lineage graph in one file on disk, no server needed (the default store).

- Writes are atomic: the graph goes to a temporary file in the same folder, is flushed and fsynced,
  then ``os.replace``-d over the store; a crash or kill mid-write leaves the previous store intact.
- Writers take a lock file (``<store>.lock``) so two ``lineage ingest`` runs are serialised; a run
  that cannot get the lock within ``timeout`` seconds stops with a :class:`StoreError`.
- Readers need no lock: they always see a complete file, old or new. :class:`EmbeddedReader` is the
  store read-only, as a :class:`graph.stores.protocol.Store`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from graph.errors import StoreError
from graph.lineage_graph import Graph, new_graph
from graph.lineage_graph import counts as graph_counts
from graph.stores import graph_file
from graph.stores.location import resolve_store_path

LOCK_TIMEOUT = 30.0


def load_graph(path: str | os.PathLike[str] | None = None, *, freeze: bool = False,
               writable: bool = False) -> Graph:
    """Load the lineage graph from the store (default location when ``path`` is None).

    The graph is read-only (a :class:`~graph.stores.column_graph.ColumnGraph`, built lazily) unless
    ``writable``, which builds an ordinary networkx graph to edit. ``freeze=True`` (one-shot commands)
    keeps the garbage collector from rescanning what was loaded, see :func:`graph_file.load_stream`.
    """
    store = resolve_store_path(path)
    try:
        f = store.open("rb")
    except FileNotFoundError:
        raise StoreError(
            f"{store}: no lineage store here",
            hint="run lineage ingest first (or give --store / set LINEAGE_STORE)",
        ) from None
    except IsADirectoryError:
        raise StoreError(f"{store}: is a folder, not a store file") from None
    except OSError as exc:
        raise StoreError(f"{store}: cannot read the store ({exc.strerror})") from None
    with f:
        return graph_file.load_stream(f, os.fstat(f.fileno()).st_size, str(store), freeze=freeze,
                                      writable=writable)


class EmbeddedReader:
    """The store file read-only, as a :class:`~graph.stores.protocol.Store` (loaded on first use, once).

    ``freeze`` as for :func:`load_graph` (one-shot commands).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, freeze: bool = False) -> None:
        self.path = resolve_store_path(path)
        self.freeze = freeze
        self._graph: Graph | None = None

    def read_graph(self) -> Graph:
        """The stored graph, read-only (the same object on every call until :meth:`close`)."""
        if self._graph is None:
            self._graph = load_graph(self.path, freeze=self.freeze)
        return self._graph

    def counts(self) -> dict[str, dict[str, int]]:
        return graph_counts(self.read_graph())

    def close(self) -> None:
        self._graph = None

    def __enter__(self) -> EmbeddedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _remove_stale_temps(store: Path) -> None:
    """Temporary files left by a writer that was killed (call with the lock held)."""
    for stale in store.parent.glob(f".{store.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _write_atomic(g: Graph, store: Path) -> int:
    """Write ``g`` next to ``store`` and move it into place; returns the file size (lock held)."""
    store.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(store)
    fd, tmp = tempfile.mkstemp(prefix=f".{store.name}.", suffix=".tmp", dir=store.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            size = graph_file.dump(g, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, store)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(store.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return size


class EmbeddedStore:
    """One store file with its lock: ``with EmbeddedStore(path).update() as g: ...`` edits it safely."""

    def __init__(self, path: str | os.PathLike[str] | None = None, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = resolve_store_path(path)
        self.timeout = timeout
        self._lock = FileLock(str(self.path) + ".lock", timeout=timeout)

    def exists(self) -> bool:
        return self.path.is_file()

    def check(self) -> None:
        """Raise the StoreError a load would (foreign, newer or truncated file) without reading the
        graph: ``ingest`` calls it before spending minutes extracting. A missing store is fine."""
        try:
            with self.path.open("rb") as f:
                graph_file.read_header(f, os.fstat(f.fileno()).st_size, str(self.path))
        except OSError:
            return  # missing, a folder, unreadable ...: reported by the load or the save

    def load(self) -> Graph:
        """The stored graph, writable (StoreError when there is none)."""
        return load_graph(self.path, writable=True)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's write lock (waits up to ``timeout`` seconds for another writer)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=self.timeout)
        except Timeout:
            raise StoreError(
                f"{self.path}: store is locked by another lineage process",
                hint=f"wait for it to finish (or remove {self._lock.lock_file} "
                "if no lineage process is running)",
            ) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store here ({exc.strerror})",
                             hint="give --store a path in a folder you can write") from None
        try:
            yield
        finally:
            self._lock.release()

    def _write(self, g: Graph) -> int:
        try:
            return _write_atomic(g, self.path)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror}); "
                             "the previous store is unchanged") from None

    def save(self, g: Graph) -> int:
        """Replace the stored graph atomically; returns the file size in bytes."""
        with self.locked():
            return self._write(g)

    @contextlib.contextmanager
    def update(self) -> Iterator[Graph]:
        """Lock, load (an empty graph when the store does not exist yet), yield, then save atomically.

        Nothing is saved when the block raises.
        """
        with self.locked():
            g = self.load() if self.exists() else new_graph()
            yield g
            self._write(g)


def save_graph(g: Graph, path: str | os.PathLike[str] | None = None) -> int:
    """Save ``g`` to the store atomically, under the store's lock; returns the file size in bytes."""
    return EmbeddedStore(path).save(g)
