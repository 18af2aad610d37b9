"""Read files into the embedded store: collect, extract (in parallel where it pays), merge, save.

The library side of ``lineage ingest``. Input files are policy texts (extracted with
:func:`graph.loaders.extract.extract_file`) or extraction JSON (``lineage extract --format json``
output, or a gold file): one ``FileExtraction`` object or a list of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from graph.errors import InputError, LineageError
from graph.loaders.to_graph import add_extraction
from graph.model import FileExtraction
from graph.stores.embedded import EmbeddedStore

# Parallel extraction pays from this many files on (process start-up costs ~0.3 s per worker).
PARALLEL_FROM = 8


@dataclass
class FileResult:
    path: Path
    extractions: list[FileExtraction] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestReport:
    """What ``lineage ingest`` did."""

    store: str
    files: int = 0
    loaded: int = 0
    documents: int = 0
    nodes_added: int = 0
    relationships_added: int = 0
    nodes: int = 0
    relationships: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "failed": [{"file": f, "error": e} for f, e in self.failed]}


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to ingest: the files given, and every non-hidden file under the folders given (sorted)."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file()
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.exists():
            found.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return list(dict.fromkeys(found))


def read_file(path: Path) -> FileResult:
    """Extract one file (or parse extraction JSON); errors become a one-line message, not an exception."""
    try:
        if path.suffix.lower() == ".json":
            return FileResult(path, _read_json(path))
        from graph.loaders.extract import extract_file

        return FileResult(path, [extract_file(path)])
    except LineageError as exc:
        return FileResult(path, error=str(exc))
    except (OSError, UnicodeError, ValueError) as exc:
        return FileResult(path, error=f"{path.name}: {exc.__class__.__name__}: {exc}")
    except Exception as exc:  # an extractor bug must not stop the other files
        return FileResult(path, error=f"{path.name}: extraction failed ({exc.__class__.__name__}: {exc})")


def _read_json(path: Path) -> list[FileExtraction]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        return [FileExtraction.model_validate(item) for item in items]
    except (json.JSONDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"{path.name}: not an extraction JSON file ({first})") from None


def read_files(paths: list[Path], workers: int | None = None) -> Iterator[FileResult]:
    """Results in input order; extraction runs in ``workers`` processes when there are enough files."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        yield from map(read_file, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(read_file, paths, chunksize=max(1, len(paths) // (workers * 8)))


Progress = Callable[[int, int, str], None]


def ingest(paths: Iterable[str | os.PathLike[str]], store: str | os.PathLike[str] | None = None,
           workers: int | None = None, progress: Progress | None = None) -> IngestReport:
    """Extract ``paths`` and merge them into the store (created when missing), saving atomically.

    Files that fail are listed in the report; the others are still stored.
    """
    files = collect_paths(paths)
    embedded = EmbeddedStore(store)
    report = IngestReport(store=str(embedded.path), files=len(files))
    if not files:
        raise InputError("nothing to ingest: no files found in the paths given")
    results: list[FileResult] = []
    for i, result in enumerate(read_files(files, workers), 1):
        results.append(result)
        if progress:
            progress(i, len(files), result.path.name)
    good = []
    for result in results:
        if result.error:
            report.failed.append((str(result.path), result.error))
            continue
        errors = [p for x in result.extractions for p in x.problems if p.severity == "error"]
        for x in result.extractions:
            report.warnings += [f"{p.source}{':' + str(p.line) if p.line else ''}: {p.message}"
                                for p in x.problems if p.severity != "error"]
        if errors:
            report.failed.append((str(result.path), "; ".join(
                f"{p.source}{':' + str(p.line) if p.line else ''}: {p.message}" for p in errors)))
            continue
        good.append(result)
    if not good:
        return report
    with embedded.update() as g:
        nodes, rels = g.number_of_nodes(), g.number_of_edges()
        for result in good:
            for extraction in result.extractions:
                report.documents += len(add_extraction(g, extraction))
            report.loaded += 1
        report.nodes_added = g.number_of_nodes() - nodes
        report.relationships_added = g.number_of_edges() - rels
        report.nodes, report.relationships = g.number_of_nodes(), g.number_of_edges()
    return report
