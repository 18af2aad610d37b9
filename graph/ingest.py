"""Read files into the embedded store: collect, extract (in parallel where it pays), merge, save.

The library side of ``lineage ingest``. Inputs are policy texts -- extracted by
:mod:`graph.reading.pool` (``extract_paths`` runs worker processes with a per-file watchdog) --
or extraction JSON (``lineage extract --format json`` output, or a gold file): one
``FileExtraction`` object or a list of them, or JSON lines (``*.jsonl``, e.g. the synthetic national
corpus). Folders contribute their text files and ``*.json`` / ``*.jsonl``.
A file that fails is reported and left out; the others are stored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from graph.errors import InputError, NotFoundError
from graph.loaders.build import add_extraction
from graph.loaders.retract import retract, settle, sources_in
from graph.model import FileExtraction, Problem
from graph.reading import extract, pool
from graph.stores.embedded import EmbeddedStore

# Parallel extraction pays from this many text files on (starting a worker costs ~0.3 s).
PARALLEL_FROM = 4

Progress = Callable[[int, int, str], None]


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


JSON_SUFFIXES = (".json", ".jsonl")


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


def read_json(path: Path) -> FileExtraction | list[FileExtraction]:
    """Extraction JSON (one object or a list; ``.jsonl``: one per line) -> extractions; a file that is
    not one -> a failed result naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".jsonl":
            return [FileExtraction.model_validate_json(line) for line in text.splitlines() if line.strip()]
        data = _json(text)
        items = data if isinstance(data, list) else [data]
        return [FileExtraction.model_validate(item) for item in items]
    except RecursionError:
        first = "nested too deeply"
    except ValidationError as exc:  # the first problem, where it is: "documents.0.projects.0.budget: ..."
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        first = f"{where}: {err.get('msg')}" if where else str(err.get("msg"))
    except (OSError, UnicodeError, ValueError) as exc:  # JSONDecodeError, too many digits
        first = str(exc).splitlines()[0]
        if "integer string conversion" in first:
            first = "a number with thousands of digits"
    return FileExtraction(source=path.name, path=str(path), problems=[Problem(
        source=path.name, message=f"not an extraction JSON file ({first})")])


def _not_a_number(word: str) -> float:
    raise ValueError(f"{word} is not a number (numbers must be finite)")


def _json(text: str) -> object:
    """JSON as the standard allows it: NaN and Infinity refused."""
    return json.loads(text, parse_constant=_not_a_number)


def read_inputs(items: list[Path | FileExtraction], workers: int | None = None,
                progress: Progress | None = None) -> list[tuple[int, FileExtraction]]:
    """Every input as (input index, extraction), in input order; text files extracted in parallel
    when it pays."""
    texts = [p for p in items if isinstance(p, Path) and not _is_json(p)]
    total, done = len(items), 0
    extracted: dict[Path, FileExtraction] = {}

    def tick(name: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, name)

    if texts and (workers or 2) > 1 and len(texts) >= PARALLEL_FROM:
        results = pool.extract_paths(texts, workers=workers,
                                     progress=lambda _d, _t, name: tick(name))
        extracted = dict(zip(texts, results, strict=True))
    out: list[tuple[int, FileExtraction]] = []
    for i, item in enumerate(items):
        if isinstance(item, FileExtraction):
            out.append((i, item))
            tick(item.source)
        elif _is_json(item):
            got = read_json(item)
            out.extend((i, x) for x in (got if isinstance(got, list) else [got]))
            tick(item.name)
        elif item in extracted:
            out.append((i, extracted[item]))
        else:
            out.append((i, extract.extract_file(item)))
            tick(item.name)
    return out


def _where(p: Problem) -> str:
    return f"{p.source}:{p.line}" if p.line else p.source


def ingest(paths: Iterable[str | os.PathLike[str]], store: str | os.PathLike[str] | None = None,
           workers: int | None = None, progress: Progress | None = None, fresh: bool = False) -> IngestReport:
    """Extract ``paths`` and merge them into the store (created when missing), saving atomically.

    Files with an error are listed in the report and left out; the others are stored. ``fresh``
    starts a new store: a file already at ``store`` is replaced, never opened.
    """
    items = collect_inputs(paths)
    embedded = EmbeddedStore(store)
    report = IngestReport(store=str(embedded.path), files=len(items))
    if not items:
        raise InputError("nothing to ingest: no files in the paths given")
    if not fresh:
        embedded.check()  # a store this version cannot write to is said before any extraction
    good: list[FileExtraction] = []
    failed_inputs: set[int] = set()
    for i, x in read_inputs(items, workers, progress):
        errors = [p for p in x.problems if p.severity == "error"]
        report.warnings += [f"{_where(p)}: {p.message}" for p in x.problems if p.severity != "error"]
        if errors:
            report.failed.append((x.path or x.source, "; ".join(f"{_where(p)}: {p.message}" for p in errors)))
            failed_inputs.add(i)
        else:
            good.append(x)
    if not good:
        return report
    with embedded.update(fresh=fresh) as g:
        nodes, rels = g.number_of_nodes(), g.number_of_edges()
        # a file read again replaces what its earlier version said (retract, load, settle)
        retraction = retract(g, {x.source for x in good} & sources_in(g)) if nodes else None
        for x in good:
            report.documents += len(add_extraction(g, x))
        if retraction is not None:
            settle(g, retraction)
        report.loaded = len(items) - len(failed_inputs)
        report.nodes_added = g.number_of_nodes() - nodes
        report.relationships_added = g.number_of_edges() - rels
        report.nodes, report.relationships = g.number_of_nodes(), g.number_of_edges()
    return report


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
    with what a citation could say of it."""
    embedded = EmbeddedStore(store)
    embedded.check()
    with embedded.update() as g:
        if source not in sources_in(g):
            raise NotFoundError(f"{source}: no file of this name was ingested into {embedded.path}",
                                hint="give the file name as ingested, or a document (lineage find)")
        nodes, rels = g.number_of_nodes(), g.number_of_edges()
        r = retract(g, {source}, documents)
        settle(g, r)
        return RemoveReport(str(embedded.path), source, sorted(r.documents),
                            nodes - g.number_of_nodes(), rels - g.number_of_edges())
