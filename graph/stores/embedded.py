"""The embedded store: the lineage graph in one file on disk, no server needed (the default store).

- Writes are atomic: the graph goes to a temporary file in the same folder, is flushed and fsynced,
  then ``os.replace``-d over the store; a crash or kill mid-write leaves the previous store intact.
- Writers take a lock file (``<store>.lock``) so two ``lineage ingest`` runs are serialised; a run
  that cannot get the lock within ``timeout`` seconds stops with a :class:`StoreError`.
- Readers need no lock: they always see a complete file, old or new. :class:`EmbeddedReader` is the
  store read-only, as a :class:`graph.stores.protocol.Store`.
- A store given through a symbolic link is the link's target: the lock and the write are on the real
  file (two links to one store are one store), and a save keeps the file's permissions.
- Only regular files are stores: a pipe, device or socket is refused before it is opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
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


def refuse_special(store: Path) -> None:
    """StoreError when ``store`` exists but is not a regular file (opening a FIFO would wait forever)."""
    try:
        mode = store.stat().st_mode
    except OSError:
        return  # missing, unreadable ...: said by whoever opens it
    if stat.S_ISDIR(mode):
        raise StoreError(f"{store}: is a folder, not a store file")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{store}: not a regular file (a pipe, device or socket), not a store",
                         hint="point --store at a store file")


def load_graph(path: str | os.PathLike[str] | None = None, *, freeze: bool = False,
               writable: bool = False, trust_old: bool = False) -> Graph:
    """Load the lineage graph from the store (default location when ``path`` is None).

    The graph is read-only (a :class:`~graph.stores.column_graph.ColumnGraph`, built lazily) unless
    ``writable``, which builds an ordinary networkx graph to edit. ``freeze=True`` (one-shot commands)
    keeps the garbage collector from rescanning what was loaded, see :func:`graph_file.load_stream`.
    ``trust_old`` reads an old (pickle) format, which can run code: only for a file the user trusts.
    """
    store = resolve_store_path(path)
    refuse_special(store)
    try:
        f = open(store, "rb", opener=_open_nonblocking)  # noqa: SIM115 (closed below)
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
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):  # replaced by a pipe since the check
            raise StoreError(f"{store}: not a regular file (a pipe, device or socket), not a store")
        return graph_file.load_stream(f, st.st_size, str(store), freeze=freeze, writable=writable,
                                      trust_old=trust_old)


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without waiting for a writer (a FIFO), then read as usual."""
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


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


def _new_file_mode() -> int:
    """The mode a new file gets here (0666 less the umask), as any program's output would."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write_atomic(g: Graph, store: Path) -> int:
    """Write ``g`` next to ``store`` (the real file, not a link) and move it into place, keeping the
    file's permissions; returns the file size (lock held)."""
    store.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(store)
    try:
        mode = stat.S_IMODE(store.stat().st_mode)
    except OSError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{store.name}.", suffix=".tmp", dir=store.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            size = graph_file.dump(g, out)
            out.flush()
            with contextlib.suppress(OSError):  # a file system without modes
                os.fchmod(out.fileno(), mode)
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
        self.real = self.path.resolve()  # a link's target: the file locked, written and replaced
        self.timeout = timeout
        self._lock = FileLock(str(self.real) + ".lock", timeout=timeout)

    def exists(self) -> bool:
        return self.real.is_file()

    def check(self) -> None:
        """Raise the StoreError a load would (foreign, newer, old or truncated file, not a regular
        file) without reading the graph: ``ingest`` calls it before spending minutes extracting. A
        missing store is fine."""
        refuse_special(self.real)
        try:
            with self.real.open("rb") as f:
                graph_file.read_header(f, os.fstat(f.fileno()).st_size, str(self.path))
        except OSError:
            return  # missing, unreadable ...: reported by the load or the save

    def load(self, trust_old: bool = False) -> Graph:
        """The stored graph, writable (StoreError when there is none)."""
        return load_graph(self.path, writable=True, trust_old=trust_old)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's write lock (waits up to ``timeout`` seconds for another writer)."""
        refuse_special(self.real)
        try:
            self.real.parent.mkdir(parents=True, exist_ok=True)
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
            return _write_atomic(g, self.real)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror}); "
                             "the previous store is unchanged") from None

    def save(self, g: Graph) -> int:
        """Replace the stored graph atomically; returns the file size in bytes."""
        with self.locked():
            return self._write(g)

    @contextlib.contextmanager
    def update(self, fresh: bool = False) -> Iterator[Graph]:
        """Lock, load (an empty graph when the store does not exist yet, or ``fresh``: the file is then
        never opened, only replaced), yield, then save atomically.

        Nothing is saved when the block raises.
        """
        with self.locked():
            g = self.load() if self.exists() and not fresh else new_graph()
            yield g
            self._write(g)

    def upgrade(self) -> tuple[int, int]:
        """Rewrite a store of an old (pickle) format in the current one: only for a file the user
        trusts, as reading it can run code. Returns (old format version, new file size)."""
        with self.locked():
            with self.real.open("rb") as f:
                version, _, _ = graph_file.read_header(f, os.fstat(f.fileno()).st_size, str(self.path),
                                                       trust_old=True)
            g = self.load(trust_old=True)
            return version, self._write(g)


def save_graph(g: Graph, path: str | os.PathLike[str] | None = None) -> int:
    """Save ``g`` to the store atomically, under the store's lock; returns the file size in bytes."""
    return EmbeddedStore(path).save(g)
