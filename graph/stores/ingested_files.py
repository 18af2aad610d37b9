"""What the store knows of the text files ingested into it: a file left as it was is not read again.

The table ``ingested_files`` (schema version 4) holds, per text file (its ``source``: the name the
graph's provenance gives it), the SHA-256 of the bytes its facts were read from and the reader's
fingerprint (:func:`graph.reading.fingerprint.reader_fingerprint`). ``lineage ingest`` leaves a file
unread when both are still those (:func:`plan`), and writes the records of the files it stored in the
transaction that stores them (:meth:`Records.write`). The rules, so that a record never claims what
the store does not hold:

- a record is written only for a text file read and stored in this run, whose name no other input
  of the run has, and whose bytes are the same after reading as before (an edit during the run);
- the record of a name is dropped when a file of that name fails, when facts under that name come
  from elsewhere (extraction JSON, two files of one name) and when ``lineage remove`` takes them out;
- extraction JSON is not concerned: loading it costs little next to reading a text.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import FileExtraction
from graph.reading import extract, fingerprint
from graph.stores.embedded import EmbeddedStore
from graph.stores.sqlite_store import open_readonly, said_as_store_errors

TABLE = "ingested_files"
_CHUNK = 1 << 20


def file_digest(path: Path) -> str | None:
    """The SHA-256 (hex) of a regular file's bytes; None when it cannot be read (said when it is)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would block
            return None
        with path.open("rb") as f:
            digest = hashlib.sha256()
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _has_table(conn: sqlite3.Connection) -> bool:
    """A store of schema version 3 or older has no records (it gets the table when next written)."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,))
    return found.fetchone() is not None


def recorded(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Every record: source -> (sha256, reader)."""
    if not _has_table(conn):
        return {}
    return {s: (h, r) for s, h, r in conn.execute(f"SELECT source, sha256, reader FROM {TABLE}")}


def is_recorded(conn: sqlite3.Connection, source: str) -> bool:
    """Does the store record a file of this name?"""
    return _has_table(conn) and conn.execute(
        f"SELECT 1 FROM {TABLE} WHERE source = ?", (source,)).fetchone() is not None


def forget(conn: sqlite3.Connection, sources: set[str] | list[str]) -> None:
    """Drop the records of ``sources`` (in the caller's transaction): they are read again next time."""
    if _has_table(conn):
        conn.executemany(f"DELETE FROM {TABLE} WHERE source = ?", ((s,) for s in sources))


def _is_text(item: Path | FileExtraction) -> bool:
    return isinstance(item, Path) and item.suffix.lower() not in (".json", ".jsonl")


@dataclass
class Records:
    """The plan of one ingest (what is read, what is left as it was) and what it stored."""

    reader: str
    to_read: list[Path | FileExtraction]
    #: the text files left unread, by name
    unchanged: dict[str, Path] = field(default_factory=dict)
    #: the digests of the text files to read, taken before they are read
    digests: dict[Path, str] = field(default_factory=dict)
    #: names that more than one text file of the run has: never recorded
    shared: set[str] = field(default_factory=set)
    stored: dict[str, Path] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)

    def watch(self, inputs: Iterator[tuple[int, FileExtraction]]) -> Iterator[tuple[int, FileExtraction]]:
        """``inputs`` (the extractions of :attr:`to_read`) as they are, noting what will be stored.

        Extraction JSON giving facts of a file left unread: that file is read first after all (its facts
        and the JSON's are stored together, as when both are read)."""
        for i, x in inputs:
            item = self.to_read[i]
            failed = any(p.severity == "error" for p in x.problems)
            if _is_text(item) and not failed:
                self.stored[x.source] = item  # type: ignore[assignment]
                yield i, x
                continue
            self.dropped.add(x.source)
            if not failed and x.source in self.unchanged:
                text = extract.extract_file(self.unchanged.pop(x.source))
                if not any(p.severity == "error" for p in text.problems):
                    yield i, text
            yield i, x

    def write(self, conn: sqlite3.Connection) -> None:
        """Write the records of what was stored, drop those it no longer speaks for (the store's
        transaction, before it commits)."""
        keep = {s: p for s, p in self.stored.items() if s not in self.dropped and s not in self.shared}
        fresh = {s: file_digest(p) for s, p in keep.items()}
        good = {s: h for s, h in fresh.items() if h is not None and h == self.digests.get(keep[s])}
        forget(conn, (set(self.stored) | self.dropped | self.shared) - set(good))
        conn.executemany(f"INSERT OR REPLACE INTO {TABLE} (source, sha256, reader) VALUES (?, ?, ?)",
                         ((s, h, self.reader) for s, h in sorted(good.items())))


def plan_for(embedded: EmbeddedStore, items: list[Path | FileExtraction], read_all: bool) -> Records:
    """What of ``items`` to read into ``embedded``: all of them for a new store or with ``read_all``
    (``--fresh``, ``--reread``), else all but the text files it records as they are. The reader's
    fingerprint is taken here, once a run."""
    reader = fingerprint.reader_fingerprint()
    if read_all or not embedded.exists():
        return plan(items, None, reader)
    with contextlib.closing(open_readonly(embedded.real)) as conn, said_as_store_errors(embedded.path):
        return plan(items, conn, reader)


def plan(items: list[Path | FileExtraction], conn: sqlite3.Connection | None, reader: str) -> Records:
    """Which of ``items`` to read: every one but the text files whose name, bytes and reader are those
    of the store's record (``conn``: the store read-only; None: every file is read)."""
    names = Counter(p.name for p in items if _is_text(p))  # type: ignore[union-attr]
    known = recorded(conn) if conn is not None else {}
    records = Records(reader, [], shared={n for n, k in names.items() if k > 1})
    for item in items:
        if _is_text(item):
            path: Path = item  # type: ignore[assignment]
            digest = file_digest(path)
            if digest is not None and path.name not in records.shared \
                    and known.get(path.name) == (digest, reader):
                records.unchanged[path.name] = path
                continue
            if digest is not None:
                records.digests[path] = digest
        records.to_read.append(item)
    return records
