"""Many files at once: worker processes started once, given chunks of files, results in input order.

The workers are forked once, after :func:`~graph.reading.prepare.warm_up` (patterns and vocabularies
are loaded once and shared), and given chunks of files (:data:`CHUNK_MAX` at most, smaller towards
the end so that they finish together). A worker sends each file's result back as soon as it is read,
turned by a ``render`` function into what the caller needs: the model itself
(:func:`extract_paths`) or the compact JSON bytes the CLI prints (:func:`as_json`), so the parent
neither rebuilds nor serialises models it only writes out.

Each file runs under a watchdog: past its time budget (:data:`TIMEOUT_BASE` + :data:`TIMEOUT_PER_MB`
per MB) its worker is stopped and replaced, the file reported, and the rest of its chunk given to the
new worker. Each worker's memory is bounded too (:data:`WORKER_MEMORY_MB`): a file that needs more
is reported.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from graph import problem_text as say
from graph.model import FileExtraction, Problem
from graph.reading.extract import expand_paths, extract_file, failed
from graph.reading.prepare import warm_up

#: seconds allowed per file: a base plus time proportional to its size
TIMEOUT_BASE = 20.0
TIMEOUT_PER_MB = 20.0
#: files per job at most (a job is sent to a worker at once; its results come back one by one)
CHUNK_MAX = 16

#: a worker's garbage collector: first-generation threshold (CPython's default: 700). Reading makes
#: many short-lived objects and almost no reference cycles, so collecting less often costs no memory
#: to speak of and saves most of the collector's time (~2-3% of a worker's CPU)
WORKER_GC_THRESHOLD = 20_000

#: memory a worker may use for one file, in MB beyond what it starts with ($LINEAGE_WORKER_MEMORY_MB;
#: 0: no bound). Reading takes up to ~50x a file's size for a single-line file, ~10x for ordinary text.
WORKER_MEMORY_MB = 2048

Progress = Callable[[int, int, str], None]
Render = Callable[[FileExtraction], Any]


@dataclass(frozen=True)
class JsonResult:
    """One file's extraction as ``lineage extract --format json`` prints it (UTF-8 bytes of the
    indented JSON object), with what the CLI reports on stderr: where it was read and its problems."""

    source: str
    path: str | None
    json: bytes
    problems: list[Problem] = field(default_factory=list)

    def __reduce__(self) -> tuple[Callable[..., JsonResult], tuple[Any, ...]]:
        """Pickled as plain values, the problems as tuples (one result travels back per file): a
        quarter of the CPU of pickling the models, on each side."""
        return _json_result, (self.source, self.path, self.json,
                              [(p.source, p.message, p.severity, p.line) for p in self.problems])


def _json_result(source: str, path: str | None, json: bytes,
                 problems: list[tuple[str, str, Any, int | None]]) -> JsonResult:
    """A :class:`JsonResult` back from what its ``__reduce__`` gave."""
    return JsonResult(source, path, json, [Problem(source=s, message=m, severity=v, line=line)
                                           for s, m, v, line in problems])


def as_json(result: FileExtraction) -> JsonResult:
    """``result`` as compact bytes for the CLI's JSON output (rendered in the worker)."""
    return JsonResult(source=result.source, path=result.path, problems=result.problems,
                      json=result.json_bytes())


def _same(result: FileExtraction) -> FileExtraction:
    return result


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


def _read_one(path: str, memory_mb: int, render: Render) -> Any:  # pragma: no cover - in a child
    """One file's result, rendered; what goes wrong is a problem of the file, never a stopped worker."""
    try:
        return render(extract_file(path))
    except MemoryError:
        return render(failed(Path(path), say.OUT_OF_MEMORY.format(mb=memory_mb)))
    except Exception as exc:  # a bug must not stop the other files
        name = Path(path).name
        return render(FileExtraction(source=name, path=str(path), problems=[Problem(
            source=name, message=say.INTERNAL_ERROR.format(error=f"{type(exc).__name__}: {exc}"))]))


def _worker(conn: Connection, memory_mb: int, render: Render) -> None:  # pragma: no cover - in a child
    """Read chunks of (index, path) until told to stop; send (index, rendered result) per file."""
    # Ctrl-C in a terminal reaches every process of the group: the parent stops the workers, and a
    # worker's own KeyboardInterrupt would only print its traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _bound_memory(memory_mb)
    # what the parent loaded (patterns, vocabularies) lives as long as the worker: out of the
    # collector's sight, so that it is not walked again at each full collection
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        for index, path in job:
            conn.send((index, _read_one(path, memory_mb, render)))


class _Slot:
    """One worker process and the files it was given and has not answered yet (the first is being read)."""

    def __init__(self, ctx: BaseContext, render: Render) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, _memory_budget(), render), daemon=True)
        self.proc.start()
        child.close()
        self.pending: deque[tuple[int, Path]] = deque()
        self.deadline = 0.0

    def give(self, chunk: list[tuple[int, Path]]) -> None:
        self.pending.extend(chunk)
        self.deadline = time.monotonic() + _timeout(chunk[0][1])
        self.conn.send([(index, str(path)) for index, path in chunk])

    def answered(self) -> tuple[int, Path]:
        """The file being read is done: the next one's time budget starts now."""
        done = self.pending.popleft()
        if self.pending:
            self.deadline = time.monotonic() + _timeout(self.pending[0][1])
        return done

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


def _chunk(queue: deque[tuple[int, Path]], workers: int) -> list[tuple[int, Path]]:
    """The next job: up to :data:`CHUNK_MAX` files, fewer as the queue empties (each worker gets
    about half of what would be its share of the rest), so that no worker is left with a long tail."""
    size = max(1, min(CHUNK_MAX, len(queue) // (2 * workers)))
    return [queue.popleft() for _ in range(min(size, len(queue)))]


def iter_paths(paths: Sequence[str | Path], workers: int | None = None, progress: Progress | None = None,
               render: Render = _same) -> Iterator[tuple[int, Any]]:
    """Extract files and folders (their text files) in worker processes; yield ``(i, render(result))``
    in input order, each as soon as it and the ones before it are read.

    ``workers`` defaults to the number of cores (at most one per file). ``render`` runs in the worker
    (it must be a module-level function); a file stopped by the watchdog, or that could not be
    listed, is rendered here. ``progress(done, total, source)`` is called after each file."""
    items = expand_paths(paths)
    total = len(items)
    queue = deque((i, it) for i, it in enumerate(items) if isinstance(it, Path))
    ready: dict[int, Any] = {i: render(it) for i, it in enumerate(items) if isinstance(it, FileExtraction)}
    done = len(ready)
    following = 0  # the next index to yield
    n = max(1, min(workers or os.cpu_count() or 1, len(queue))) if queue else 0
    if n:
        warm_up(restoration=n > 1)  # load patterns and vocabulary once, before the workers are forked
    # what is loaded now lives as long as the run: out of the collector's sight, so that collecting the
    # results does not walk it all again (~15 ms; the workers inherit it so), thawed at the end. Not when
    # the caller has frozen objects of its own: thawing would thaw theirs too
    frozen = bool(n) and gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    ctx = _context()
    slots: list[_Slot] = []
    try:
        slots.extend(_Slot(ctx, render) for _ in range(n))
        for slot in slots:
            slot.give(_chunk(queue, n))
        while any(s.pending for s in slots):
            busy = [s for s in slots if s.pending]
            wait_for = max(0.0, min(s.deadline for s in busy) - time.monotonic())
            answered = wait([s.conn for s in busy], timeout=wait_for)
            now = time.monotonic()
            for k, slot in enumerate(slots):
                if not slot.pending:
                    continue
                got: list[tuple[int, Path, Any]] = []
                if slot.conn in answered:  # one result a wake-up: the next wait returns at once if more
                    try:
                        index, result = slot.conn.recv()
                        got.append((*slot.answered(), result))
                    except (EOFError, OSError):
                        index, path = slot.pending.popleft()
                        got.append((index, path, render(failed(path, say.WORKER_DIED))))
                        slots[k] = slot = _replace(ctx, slot, queue, render)
                elif now >= slot.deadline:
                    index, path = slot.pending.popleft()
                    got.append((index, path, render(failed(
                        path, say.TIMED_OUT.format(seconds=f"{_timeout(path):.0f}")))))
                    slots[k] = slot = _replace(ctx, slot, queue, render)
                for index, path, result in got:
                    ready[index] = result
                    done += 1
                    if progress:
                        progress(done, total, path.name or str(path))
                if not slot.pending and queue:
                    slot.give(_chunk(queue, n))
            while following in ready:
                yield following, ready.pop(following)
                following += 1
    finally:
        for slot in slots:
            slot.stop(kill=bool(slot.pending))
        if frozen:
            gc.unfreeze()
    while following in ready:  # inputs that were never files (all of them when no file was given)
        yield following, ready.pop(following)
        following += 1


def _replace(ctx: BaseContext, slot: _Slot, queue: deque[tuple[int, Path]], render: Render) -> _Slot:
    """Stop ``slot``'s worker; the files it had not read yet go back to the front of the queue."""
    slot.stop(kill=True)
    queue.extendleft(reversed(slot.pending))
    slot.pending.clear()
    return _Slot(ctx, render)


def extract_paths(paths: Sequence[str | Path], workers: int | None = None,
                  progress: Progress | None = None) -> list[FileExtraction]:
    """Extract files and folders (their text files) in worker processes; results in input order
    (see :func:`iter_paths` for the workers, the watchdog and ``progress``)."""
    return [result for _i, result in iter_paths(paths, workers, progress)]
