"""Read files into the embedded store: collect, extract (in parallel where it pays), merge, write.

The library side of ``lineage ingest``. Inputs are policy texts -- extracted by
:mod:`graph.reading.pool` (``extract_paths`` runs worker processes with a per-file watchdog) --
or extraction JSON (``lineage extract --format json`` output, or a gold file): one
``FileExtraction`` object or a list of them, or JSON lines (``*.jsonl``, e.g. the synthetic national
corpus). Folders contribute their text files and ``*.json`` / ``*.jsonl``.
A file that fails is reported and left out; the others are stored.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from graph import problem_text as say
from graph.errors import InputError, InterruptedRun, NotFoundError
from graph.i18n import _
from graph.loaders import documents
from graph.loaders.build import add_extraction
from graph.loaders.retract import Retraction, reach, reference_sources, retract, settle
from graph.model import FileExtraction, Problem
from graph.reading import extract, pool
from graph.stores import ingested_files
from graph.stores.embedded import EmbeddedStore
from graph.stores.sqlite_graph import StoreGraph
from graph.stores.sqlite_store import open_readonly
from graph.stores.sqlite_write import write_diff

# Parallel extraction pays from this many text files on (starting a worker costs ~0.3 s).
PARALLEL_FROM = 4
BATCH = 512  # text files extracted per batch of workers (what is held before it is added)
FLUSH_NODES = 50_000  # nodes in memory at which an ingest writes what it has (same transaction)

Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """What ``lineage ingest`` did."""

    store: str
    files: int = 0
    loaded: int = 0
    #: text files left unread: as they were when last ingested, by the same reader
    unchanged: int = 0
    documents: int = 0
    nodes_added: int = 0
    relationships_added: int = 0
    nodes: int = 0
    relationships: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the problems behind ``failed`` and ``warnings``, for the screen (said in the user's language
    #: there); the JSON keeps the English lines above
    problems: list[Problem] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, object]:
        shown = {k: v for k, v in self.__dict__.items() if k != "problems"}
        return {**shown, "failed": [{"file": f, "error": e} for f, e in self.failed]}


JSON_SUFFIXES = (".json", ".jsonl")
INPUT_SUFFIXES = (*extract.TEXT_SUFFIXES, *JSON_SUFFIXES)  # a folder's files read whatever they hold


def _is_json(p: Path) -> bool:
    return p.suffix.lower() in JSON_SUFFIXES


def collect_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path | FileExtraction]:
    """Files as given; folders replaced by their text files and extraction JSON files (sorted);
    a missing path becomes a failed result in its place."""
    out: list[Path | FileExtraction] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            jsons = sorted(f for f in p.rglob("*") if f.is_file() and _is_json(f)
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            texts = [f for f in extract.expand_paths([p]) if not (isinstance(f, Path) and _is_json(f))]
            if jsons and all(isinstance(t, FileExtraction) for t in texts):
                texts = []  # a folder of extraction JSON only: not a "folder without text files"
            out.extend(sorted([*jsons, *(t for t in texts if isinstance(t, Path))]))
            out.extend(t for t in texts if isinstance(t, FileExtraction))
            out.extend(unreachable(p))
        else:
            out.extend(extract.expand_paths([p]))
    seen: set[Path] = set()
    unique: list[Path | FileExtraction] = []
    for item in out:
        if isinstance(item, Path):
            if item in seen:
                continue
            seen.add(item)
        unique.append(item)
    return unique


def unreachable(folder: Path) -> list[FileExtraction]:
    """What a folder holds that cannot be read and would otherwise be passed over without a word, each
    a failed result naming it: a subfolder this user may not list, a link to nothing (or a loop) and a
    pipe, device or socket named as an input file (``*.txt``, ``*.json`` ...). Hidden ones are skipped
    as the folder's files are."""
    found: list[FileExtraction] = []

    def refused(exc: OSError) -> None:
        if exc.filename is not None:
            why = (say.PERMISSION_DENIED if isinstance(exc, PermissionError)
                   else say.CANNOT_BE_READ.format(error=exc.strerror or exc))
            found.append(extract.failed(Path(exc.filename), why))

    for top, dirs, files in os.walk(folder, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            f = Path(top, name)
            if name.startswith(".") or f.suffix.lower() not in INPUT_SUFFIXES:
                continue
            try:
                mode = f.stat().st_mode
            except OSError:  # a link to nothing, or links in a loop
                found.append(extract.failed(f, say.NO_SUCH_FILE))
                continue
            if not stat.S_ISREG(mode):
                found.append(extract.failed(f, say.NOT_A_REGULAR_FILE))
    return found


def read_json(path: Path) -> FileExtraction | list[FileExtraction]:
    """Extraction JSON (one object or a list; ``.jsonl``: one per line) -> extractions; a file that is
    not one -> a failed result naming the file."""
    got = list(iter_json(path))
    return got if path.suffix.lower() == ".jsonl" or len(got) != 1 else got[0]


def iter_json(path: Path) -> Iterator[FileExtraction]:
    """The extractions of a JSON file one at a time (``.jsonl``: read a line at a time, so a national
    corpus is never held whole); what cannot be read is a failed result naming the file (and the line:
    the other lines are still read)."""
    if path.suffix.lower() != ".jsonl":
        try:
            data = _json(path.read_text(encoding="utf-8"))
            items = data if isinstance(data, list) else [data]
            got = [FileExtraction.model_validate(item) for item in items]
        except (RecursionError, ValidationError, OSError, UnicodeError, ValueError) as exc:
            yield _unreadable(path, _why(exc))
            return
        yield from got
        return
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    x = FileExtraction.model_validate_json(line)
                except (RecursionError, ValidationError, ValueError) as exc:
                    yield _unreadable(path, say.AT_LINE.format(n=n, why=_why(exc)))
                    continue
                yield x
    except (OSError, UnicodeError) as exc:
        yield _unreadable(path, _why(exc))


def _unreadable(path: Path, why: str) -> FileExtraction:
    return extract.failed(path, say.NOT_EXTRACTION_JSON.format(why=why))


def _why(exc: BaseException) -> str:
    """What is wrong with a JSON input, in one line."""
    if isinstance(exc, RecursionError):
        return say.NESTED_TOO_DEEPLY
    if isinstance(exc, ValidationError):  # the first problem, where: "documents.0.projects.0.budget: ..."
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        return f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__  # JSONDecodeError, too many digits
    return say.HUGE_NUMBER if "integer string conversion" in first else first


def _not_a_number(word: str) -> float:
    raise ValueError(say.NOT_A_FINITE_NUMBER.format(word=word))


def _json(text: str) -> object:
    """JSON as the standard allows it: NaN and Infinity refused."""
    return json.loads(text, parse_constant=_not_a_number)


def read_inputs(items: list[Path | FileExtraction], workers: int | None = None,
                progress: Progress | None = None) -> list[tuple[int, FileExtraction]]:
    """Every input as (input index, extraction), in input order (see :func:`iter_inputs`)."""
    return list(iter_inputs(items, workers, progress))


def iter_inputs(items: list[Path | FileExtraction], workers: int | None = None,
                progress: Progress | None = None) -> Iterator[tuple[int, FileExtraction]]:
    """Every input as (input index, extraction), in input order, as they are read: text files are
    extracted in parallel batches of :data:`BATCH` when it pays, JSON lines one line at a time."""
    total, done = len(items), 0

    def tick(name: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, name)

    parallel = (workers or 2) > 1 and sum(
        1 for p in items if isinstance(p, Path) and not _is_json(p)) >= PARALLEL_FROM
    extracted: dict[Path, FileExtraction] = {}
    for i, item in enumerate(items):
        if isinstance(item, FileExtraction):
            yield i, item
            tick(item.source)
        elif _is_json(item):
            for x in iter_json(item):
                yield i, x
            tick(item.name)
        elif parallel:
            if item not in extracted:
                extracted.clear()
                batch = [p for p in items[i:] if isinstance(p, Path) and not _is_json(p)][:BATCH]
                results = pool.extract_paths(batch, workers=workers,
                                             progress=lambda _d, _t, name: tick(name))
                extracted.update(zip(batch, results, strict=True))
            yield i, extracted.pop(item)
        else:
            yield i, extract.extract_file(item)
            tick(item.name)


def _where(p: Problem) -> str:
    return f"{p.source}:{p.line}" if p.line else p.source


def ingest(paths: Iterable[str | os.PathLike[str]], store: str | os.PathLike[str] | None = None,
           workers: int | None = None, progress: Progress | None = None, fresh: bool = False,
           reread: bool = False) -> IngestReport:
    """Extract ``paths`` and merge them into the store (created when missing), in one transaction.

    Extractions are added to the graph as they arrive (never all held); only the part of the store
    they touch is read, and only what changed is written. A file read again replaces what its
    earlier version said (retract, load, settle); a text file whose name, bytes and reader are those
    of its last ingest into this store is not read at all (``reread``: every file is read; see
    :mod:`graph.stores.ingested_files`). Files with an error are listed in the report and left out;
    the others are stored. ``fresh`` starts a new store: what ``store`` held is dropped
    (and kept when every file fails). A missing store is made at the first file to store: none when
    every file fails (never made and removed: another ingest may be writing into it by then).
    """
    items = collect_inputs(paths)
    embedded = EmbeddedStore(store)
    report = IngestReport(store=str(embedded.path), files=len(items))
    if not items:
        raise InputError(_("nothing to ingest: no files in the paths given"))
    if not fresh:
        embedded.check()  # a store this version cannot write to is said before any extraction
    records = ingested_files.plan_for(embedded, items, fresh or reread)
    items = records.to_read
    failed_inputs: set[int] = set()
    inputs: Iterator[tuple[int, FileExtraction]] | None = records.watch(iter_inputs(items, workers, progress))
    try:
        if not embedded.exists():  # a new store is made at the first file to store, not before
            inputs = _from_first_good(inputs, report, failed_inputs)
            if inputs is None:
                return report
        g, flushed, rels, good = _ingest_into(embedded, inputs, fresh, report, failed_inputs, records)
    except _NothingStored:  # --fresh and every file failed: the store that was there stays
        return report
    except KeyboardInterrupt:  # Ctrl-C: the transaction was rolled back, unless it had just committed
        if embedded.committed:
            raise
        raise InterruptedRun(_("interrupted: nothing of this run was stored; {store} is as it was").format(
            store=embedded.path)) from None
    added, removed = g.written[0] + flushed[0], g.written[1] + flushed[1]
    report.relationships_added = added - removed
    report.relationships = rels + added - removed
    report.loaded = len(items) - len(failed_inputs) if good else 0
    report.unchanged = len(records.unchanged)
    return report


class _NothingStored(Exception):
    """Raised inside the transaction to leave the store as it was."""


def _from_first_good(inputs: Iterator[tuple[int, FileExtraction]], report: IngestReport,
                     failed_inputs: set[int]) -> Iterator[tuple[int, FileExtraction]] | None:
    """``inputs`` from the first that can be stored on (the failed ones before it put in the report),
    or None when every one failed."""
    for i, x in inputs:
        if not _has_errors(x):
            return itertools.chain([(i, x)], inputs)
        _note(report, x)
        failed_inputs.add(i)
    return None


def _ingest_into(embedded: EmbeddedStore, inputs: Iterator[tuple[int, FileExtraction]], fresh: bool,
                 report: IngestReport, failed_inputs: set[int], records: ingested_files.Records) -> tuple:
    """The transaction of :func:`ingest`: (graph, flushed counts, relationships before, files stored);
    the records of the files read are written in it too."""
    good = 0
    with embedded.update(fresh=fresh) as g:
        conn = g._state.conn
        nodes = g.number_of_nodes()
        rels = conn.execute("SELECT count(*) FROM edges").fetchone()[0]
        redone: dict[str, set[str]] = {}  # file read again -> the nodes its new version touched
        retractions: list[Retraction] = []
        flushed = (0, 0)  # relationships added, removed by the writes before the last
        _seed_index(g)
        for i, x in inputs:
            if _note(report, x):
                failed_inputs.add(i)
                continue
            good += 1
            if nodes and x.source not in redone and holds_source(conn, x.source):
                redone[x.source] = set()  # read again: what its earlier version said goes first
                sources = {x.source}
                with g.scoped(reach(g, sources, g.load_sources(sources))):
                    retractions.append(retract(g, sources))
                _seed_index(g)
            if x.source in redone:
                with g.touching() as touched:
                    report.documents += len(add_extraction(g, x))
                redone[x.source] |= touched
            else:
                report.documents += len(add_extraction(g, x))
            if not retractions and g.in_memory() >= FLUSH_NODES:  # written so far, then forgotten
                added, removed = write_diff(g)
                flushed = (flushed[0] + added, flushed[1] + removed)
                g.forget()
                _seed_index(g)
        for r in retractions:  # each looks only at what its file said and touched (linear, not quadratic)
            near = g.load_sources(r.sources).union(*(redone[s] for s in r.sources))
            with g.scoped(reach(g, r.sources, near)):
                settle(g, r)
            for u, v, source in r.restated:  # stated again on another file's word: that file's facts now
                redone.get(source, set()).update((u, v))
        records.write(conn)
        report.nodes = g.number_of_nodes()
        report.nodes_added = report.nodes - nodes
        if fresh and not good:
            raise _NothingStored
    return g, flushed, rels, good


def holds_source(conn: sqlite3.Connection, source: str) -> bool:
    """Does the store hold facts read from the file ``source`` (nodes' ``source``, relationships'
    ``file``)? Reference data files (the catalog ...) are not files that were read."""
    if source in reference_sources():
        return False
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM nodes WHERE source = ?) OR "
                             "EXISTS (SELECT 1 FROM edges WHERE file = ?)", (source, source)).fetchone()[0])


def _has_errors(x: FileExtraction) -> bool:
    return any(p.severity == "error" for p in x.problems)


def _note(report: IngestReport, x: FileExtraction) -> bool:
    """Put the problems of ``x`` in the report; True when it failed (not to be stored)."""
    errors = [p for p in x.problems if p.severity == "error"]
    report.problems += x.problems
    report.warnings += [f"{_where(p)}: {p.message}" for p in x.problems if p.severity != "error"]
    if errors:
        report.failed.append((x.path or x.source, "; ".join(f"{_where(p)}: {p.message}" for p in errors)))
    return bool(errors)


def _seed_index(g: StoreGraph) -> None:
    """Give the loaders' index of documents by number (``known_key``) what the store holds, without
    reading every node into the graph."""
    documents._INDEXES[g] = g.number_index(documents._stem)


@dataclass
class RemoveReport:
    """What ``lineage remove`` took out of the store."""

    store: str
    source: str
    documents: list[str]
    nodes_removed: int
    relationships_removed: int


def remove(source: str, store: str | os.PathLike[str] | None = None,
           documents: list[str] | None = None) -> RemoveReport:
    """Take out of the store what the file ``source`` (its name, as ingested) said -- or, with
    ``documents`` (keys), only what those documents of it said. A document another file cites stays,
    with what a citation could say of it. One transaction; only the rows concerned are read."""
    embedded = EmbeddedStore(store)
    embedded.check()
    if not embedded.exists():
        open_readonly(embedded.real).close()  # the error of a missing store
    with embedded.update() as g:
        conn = g._state.conn
        if not holds_source(conn, source) and not ingested_files.is_recorded(conn, source):
            raise NotFoundError(_("{source}: no file of this name was ingested into {store}").format(
                source=source, store=embedded.path),
                hint=_("give the file name as ingested, or a document (lineage find)"))
        nodes = g.number_of_nodes()
        g.load_sources([source])
        with g.scoped():
            r = retract(g, {source}, documents)
            settle(g, r)
        ingested_files.forget(conn, [source])  # read again at the next ingest
        removed_nodes = nodes - g.number_of_nodes()
    added, removed = g.written
    return RemoveReport(str(embedded.path), source, sorted(r.documents), removed_nodes, removed - added)
