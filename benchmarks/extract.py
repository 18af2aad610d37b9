"""Extraction throughput over a generated corpus (>= 20 MB), on one core and with N worker processes.

Prints MB/s (median of ``--runs`` runs) in wall time and in CPU time (the machine is shared: CPU
time is what the extractor costs, wall time what a user waits), for:

- one bare ``re`` pass over the text (``re.finditer(r"\\w+")``), the yardstick of the ratios;
- the text preparation alone (decode, layout, restoration of damaged text, run-on split);
- the whole extraction in one process, over all files, clean files only and damaged files only
  (the generator varies the five samples, one of which is damaged: about 1 file in 5), and damaged
  files each read with empty restoration caches (as different damaged documents would be);
- the whole extraction with N workers: ``extract_paths`` as the CLI runs it (one file per job,
  a watchdog per file) and a process pool given chunks of files.

    python3 -m benchmarks.extract            # generates benchmarks/data/extract-corpus/ if needed
    python3 -m benchmarks.extract --mb 5 --runs 1   # quicker
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.make_corpus import ensure

COLD_FILES = 20  # damaged files read with the restoration caches emptied before each


def _new_layout() -> bool:
    """Whether the code measured has graph/reading/ (an editable install of another checkout may
    otherwise answer an import of graph.reading that this checkout lacks)."""
    import graph

    return (Path(graph.__file__).parent / "reading").is_dir()


def _reset_caches() -> None:
    """Forget what earlier runs memoised, so each run reads the corpus as a new one."""
    if _new_layout():
        from graph.reading.documents import agencies
        from graph.reading.restore import edits, index, search
        from graph.reading.tasks import money, projects
        from graph.reading.text import folding

        caches = (edits._RUN_CACHE, search._CHUNK_CACHE, index._CANDS_CACHE)
    else:  # the layout before graph/reading/ (commit 2864d11 and older)
        from graph.loaders import agencies, folding, money, projects, repair

        caches = (repair._RUN_CACHE, repair._CHUNK_CACHE, getattr(repair, "_CANDS_CACHE", {}))
    for cache in caches:
        cache.clear()
    for fn in (getattr(folding, "quick_fold", None), getattr(folding, "cached_fold", None),
               getattr(agencies, "name_key", None), getattr(money, "parse_number", None),
               getattr(projects, "_period_of", None)):
        if hasattr(fn, "cache_clear"):  # memoised (older versions of the loaders were not)
            fn.cache_clear()


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn`` over ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        _reset_caches()
        c, t = _cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu() - c)
    return statistics.median(walls), statistics.median(cpus)


def _extract_chunk(paths: list[str]) -> int:
    """Worker job: extract a chunk of files in this process; the number of documents found."""
    if _new_layout():
        from graph.reading.extract import extract_file
    else:  # the layout before graph/reading/
        from graph.loaders.extract import extract_file

    return sum(len(extract_file(p).documents) for p in paths)


def _first_mb(files: list[Path], mb: float) -> list[Path]:
    """The first files that make ``mb`` MB (a larger generated corpus is not all measured)."""
    out, size = [], 0
    for f in files:
        if size >= mb * 1e6:
            break
        out.append(f)
        size += f.stat().st_size
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure; the median is printed (default 3)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for the N-worker runs")
    ap.add_argument("--chunk", type=int, default=16, help="files per job of the process pool (default 16)")
    ap.add_argument("--no-workers", action="store_true", help="skip the N-worker runs")
    args = ap.parse_args()

    if _new_layout():
        from graph.reading.extract import extract_text
        from graph.reading.pool import extract_paths
        from graph.reading.prepare import prepare, warm_up
        from graph.reading.restore.damage import is_damaged
    else:  # the layout before graph/reading/ (commit 2864d11 and older)
        from graph.loaders.extract import extract_paths, extract_text
        from graph.loaders.prepare import prepare, warm_up
        from graph.loaders.repair import is_damaged

    files: list[Path] = _first_mb(ensure(args.mb), args.mb)
    blobs = [(f.name, f.read_bytes()) for f in files]
    mb = sum(len(b) for _n, b in blobs) / 1e6
    texts = [b.decode("utf-8") for _n, b in blobs]
    damaged = {name for (name, _b), t in zip(blobs, texts, strict=True) if is_damaged(t)}
    clean_blobs = [(n, b) for n, b in blobs if n not in damaged]
    damaged_blobs = [(n, b) for n, b in blobs if n in damaged]
    mb_clean = sum(len(b) for _n, b in clean_blobs) / 1e6
    mb_damaged = mb - mb_clean
    warm_up()
    for name, data in blobs[:5]:  # load patterns and vocabularies once
        extract_text(data, name)

    word = re.compile(r"\w+")

    def bare_re() -> None:
        for t in texts:
            for _m in word.finditer(t):
                pass

    def prepare_all() -> None:
        for name, data in blobs:
            prepare(data, name)

    def extract_in_process(selection: list[tuple[str, bytes]]) -> Callable[[], None]:
        def run() -> None:
            for name, data in selection:
                extract_text(data, name)
        return run

    def extract_cold(selection: list[tuple[str, bytes]]) -> Callable[[], None]:
        def run() -> None:
            for name, data in selection:
                _reset_caches()  # a new document shares no damaged phrase with the ones before
                extract_text(data, name)
        return run

    def extract_cli_workers() -> None:
        extract_paths(files, workers=args.workers)

    chunks = [[str(f) for f in files[i:i + args.chunk]] for i in range(0, len(files), args.chunk)]

    def extract_pool() -> None:
        with ProcessPoolExecutor(args.workers) as pool:
            sum(pool.map(_extract_chunk, chunks))

    print(f"corpus: {len(files)} files, {mb:.1f} MB ({files[0].parent}); {len(damaged_blobs)} damaged"
          f" files ({mb_damaged:.1f} MB, {100 * mb_damaged / mb:.0f}%), {len(clean_blobs)} clean"
          f" ({mb_clean:.1f} MB); median of {args.runs} run(s)")
    t_re = _timed(bare_re, args.runs)
    rows = [
        ("bare re pass (\\w+)", mb, t_re),
        ("prepare (decode, layout, restore)", mb, _timed(prepare_all, args.runs)),
        ("extract, 1 process, all files", mb, _timed(extract_in_process(blobs), args.runs)),
        ("extract, 1 process, clean files", mb_clean, _timed(extract_in_process(clean_blobs), args.runs)),
    ]
    if damaged_blobs:
        rows.append(("extract, 1 process, damaged files", mb_damaged,
                     _timed(extract_in_process(damaged_blobs), args.runs)))
        cold = damaged_blobs[:COLD_FILES]
        rows.append((f"  damaged, each file cold ({len(cold)} files)", sum(len(b) for _n, b in cold) / 1e6,
                     _timed(extract_cold(cold), args.runs)))
    n = args.workers
    if not args.no_workers:
        rows.append((f"extract, {n} workers (CLI, file/job)", mb, _timed(extract_cli_workers, args.runs)))
        rows.append((f"extract, {n} workers (pool, {args.chunk}/job)", mb, _timed(extract_pool, args.runs)))
    re_rate = mb / t_re[1]
    print(f"{'measure':42} {'wall s':>7} {'CPU s':>7} {'MB/s wall':>10} {'MB/s CPU':>9} {'re/x (CPU)':>11}")
    for label, size, (wall, cpu) in rows:
        print(f"{label:42} {wall:7.2f} {cpu:7.2f} {size / wall:10.2f} {size / cpu:9.2f}"
              f" {re_rate / (size / cpu):11.1f}")
    one = rows[2][2]
    print("The generated damaged files are copies of one sample with other numbers: later files find their"
          " damaged phrases already read. 'each file cold' forgets them before every file, as a corpus of"
          " different damaged documents would.")
    for label, _size, (wall, cpu) in ([] if args.no_workers else rows[-2:]):
        print(f"{label}: {one[0] / wall:.2f}x the one-process wall time; CPU {cpu:.1f} s"
              f" for {one[1]:.1f} s in one process")
    print("CPU time of worker runs counts the workers (children) and this process; 're/x' is how many times"
          " slower than the bare re pass, per MB of CPU")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average after the run: {load:.1f} on {os.cpu_count()} cores (wall figures are only"
          " comparable on a quiet machine)")


if __name__ == "__main__":
    main()
