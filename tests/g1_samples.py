"""Sample extractions for the graph tests: gold annotations and real extraction of the corpus."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from graph.model import FileExtraction

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graph" / "data" / "corpus"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"  # copies of ../shared/gold/seeds


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@cache
def real_extractions() -> tuple[FileExtraction, ...]:
    """Every corpus file through the real extraction pipeline (read once per test session)."""
    from graph.reading.extract import extract_file

    return tuple(extract_file(p) for p in corpus_files())


def real(stem: str) -> FileExtraction:
    return next(x for x in real_extractions() if x.source.startswith(stem))


def gold(stem: str) -> FileExtraction:
    path = next(GOLD.glob(f"{stem}*.json"))
    return FileExtraction.model_validate(json.loads(path.read_text(encoding="utf-8")))


def copy(x: FileExtraction) -> FileExtraction:
    return FileExtraction.model_validate(x.model_dump())
