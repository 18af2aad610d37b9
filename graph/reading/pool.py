"""Many files at once: worker processes, each file under a watchdog, results in input order.

:func:`extract_paths` gives one file at a time to each worker (:func:`graph.reading.extract.extract_file`);
a file past its time budget has its worker stopped and replaced, and is reported; the others go on.
Each worker's memory is bounded too (:data:`WORKER_MEMORY_MB`): a file that needs more is reported.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from pathlib import Path

from graph.model import FileExtraction, Problem
from graph.reading.extract import _failed, expand_paths, extract_file
from graph.reading.prepare import warm_up

#: seconds allowed per file: a base plus time proportional to its size
TIMEOUT_BASE = 20.0
TIMEOUT_PER_MB = 20.0

#: memory a worker may use for one file, in MB beyond what it starts with ($LINEAGE_WORKER_MEMORY_MB;
#: 0: no bound). Reading takes up to ~50x a file's size for a single-line file, ~10x for ordinary text.
WORKER_MEMORY_MB = 2048

Progress = Callable[[int, int, str], None]


def _memory_budget() -> int:
    try:
        return int(os.environ.get("LINEAGE_WORKER_MEMORY_MB", WORKER_MEMORY_MB))
    except ValueError:
        return WORKER_MEMORY_MB


def _bound_memory(mb: int) -> None:  # pragma: no cover - runs in a child process
    """Cap this process's address space at what it uses now plus ``mb`` MB (RLIMIT_AS)."""
    if mb <= 0:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + (mb << 20)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _timeout(p: Path) -> float:
    try:
        size = p.stat().st_size
    except OSError:
        size = 0
    return TIMEOUT_BASE + TIMEOUT_PER_MB * size / 1e6


def _worker(conn: Connection, memory_mb: int = 0) -> None:  # pragma: no cover - runs in a child process
    _bound_memory(memory_mb)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, path = job
        try:
            result = extract_file(path)
        except MemoryError:
            result = _failed(Path(path), f"needs more than the {memory_mb} MB of memory a file may use "
                             "and was stopped (split it into smaller files)")
        except Exception as exc:  # a bug must not stop the other files
            name = Path(path).name
            result = FileExtraction(source=name, path=str(path), problems=[Problem(
                source=name, message=f"internal error while extracting: {type(exc).__name__}: {exc}")])
        conn.send((index, result))


class _Slot:
    """One worker process and the job it is on."""

    def __init__(self, ctx: BaseContext) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, _memory_budget()), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[int, Path] | None = None
        self.deadline = 0.0

    def give(self, index: int, path: Path) -> None:
        self.job = (index, path)
        self.deadline = time.monotonic() + _timeout(path)
        self.conn.send((index, str(path)))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _context() -> BaseContext:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def extract_paths(paths: Sequence[str | Path], workers: int | None = None,
                  progress: Progress | None = None) -> list[FileExtraction]:
    """Extract files and folders (their text files) in worker processes; results in input order.

    ``workers`` defaults to the number of cores (at most one per file). Each file runs under a
    watchdog: past its time budget (:data:`TIMEOUT_BASE` + :data:`TIMEOUT_PER_MB` per MB) its worker
    is stopped and the file reported, the other files go on. ``progress(done, total, source)`` is
    called after each file."""
    items = expand_paths(paths)
    results: list[FileExtraction | None] = [it if isinstance(it, FileExtraction) else None for it in items]
    todo = [(i, it) for i, it in enumerate(items) if isinstance(it, Path)]
    total = len(items)
    done = total - len(todo)
    if not todo:
        return [r for r in results if r is not None]
    n = max(1, min(workers or os.cpu_count() or 1, len(todo)))
    warm_up()  # load patterns and vocabulary once, before the workers are forked
    ctx = _context()
    slots = [_Slot(ctx) for _ in range(n)]
    queue = list(reversed(todo))
    try:
        for slot in slots:
            if queue:
                slot.give(*queue.pop())
        while any(s.job for s in slots):
            busy = [s for s in slots if s.job]
            wait_for = max(0.0, min(s.deadline for s in busy) - time.monotonic())
            ready = wait([s.conn for s in busy], timeout=wait_for)
            now = time.monotonic()
            for k, slot in enumerate(slots):
                if not slot.job:
                    continue
                index, path = slot.job
                result: FileExtraction | None = None
                if slot.conn in ready:
                    try:
                        _i, result = slot.conn.recv()
                    except (EOFError, OSError):
                        result = _failed(path, "the extractor stopped unexpectedly on this file")
                        slot.stop(kill=True)
                        slots[k] = slot = _Slot(ctx)
                elif now >= slot.deadline:
                    slot.stop(kill=True)
                    slots[k] = slot = _Slot(ctx)
                    result = _failed(path, f"took longer than {_timeout(path):.0f} s and was stopped")
                if result is None:
                    continue
                results[index] = result
                slot.job = None
                done += 1
                if progress:
                    progress(done, total, result.source)
                if queue:
                    slot.give(*queue.pop())
    finally:
        for slot in slots:
            slot.stop(kill=slot.job is not None)
    return [r for r in results if r is not None]
