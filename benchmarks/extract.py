"""Extraction throughput over a generated corpus (>= 20 MB), one core and all cores.

Prints MB/s (median of runs) for: one bare ``re`` pass over the text (``re.finditer(r"\\w+")``),
the text preparation alone (decode, layout, restoration), and the whole extraction on one core
(in process) and on all cores (``extract_paths`` with one worker per core), with ratios.

    python3 -m benchmarks.extract            # generates benchmarks/data/extract-corpus/ if needed
    python3 -m benchmarks.extract --mb 5 --runs 1   # quicker
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.make_corpus import ensure


def _timed(fn: Callable[[], object], runs: int) -> float:
    from graph.loaders import repair

    times = []
    for _ in range(runs):
        repair._RUN_CACHE.clear()  # each run reads damaged phrases afresh, as a new corpus would
        repair._CHUNK_CACHE.clear()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure; the median is printed (default 3)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for the all-cores run")
    args = ap.parse_args()

    from graph.loaders.extract import extract_paths, extract_text
    from graph.loaders.prepare import prepare, warm_up

    files: list[Path] = ensure(args.mb)
    blobs = [(f.name, f.read_bytes()) for f in files]
    mb = sum(len(b) for _n, b in blobs) / 1e6
    texts = [b.decode("utf-8") for _n, b in blobs]
    warm_up()
    prepare(blobs[4][1], blobs[4][0])  # load the restoration vocabulary once

    word = re.compile(r"\w+")

    def bare_re() -> None:
        for t in texts:
            for _m in word.finditer(t):
                pass

    from graph.loaders.repair import is_damaged

    damaged = {name for name, t in zip((n for n, _b in blobs), texts, strict=True) if is_damaged(t)}
    clean_blobs = [(n, b) for n, b in blobs if n not in damaged]
    damaged_blobs = [(n, b) for n, b in blobs if n in damaged]
    mb_clean = sum(len(b) for _n, b in clean_blobs) / 1e6

    def prepare_all() -> None:
        for name, data in blobs:
            prepare(data, name)

    def prepare_clean() -> None:
        for name, data in clean_blobs:
            prepare(data, name)

    def prepare_damaged() -> None:
        for name, data in damaged_blobs:
            prepare(data, name)

    def extract_one_core() -> None:
        for name, data in blobs:
            extract_text(data, name)

    def extract_all_cores() -> None:
        extract_paths(files, workers=args.workers)

    print(f"corpus: {len(files)} files, {mb:.1f} MB ({files[0].parent}); median of {args.runs} run(s)")
    t_re = _timed(bare_re, args.runs)
    t_prep = _timed(prepare_all, args.runs)
    t_clean = _timed(prepare_clean, args.runs)
    t_damaged = _timed(prepare_damaged, args.runs) if damaged_blobs else 0.0
    t_one = _timed(extract_one_core, args.runs)
    t_all = _timed(extract_all_cores, args.runs)
    rows = [
        ("bare re pass (\\w+)", t_re),
        ("prepare (decode, layout, restore)", t_prep),
        ("extract, 1 core", t_one),
        (f"extract, {args.workers} workers", t_all),
    ]
    print(f"{'measure':38} {'seconds':>8} {'MB/s':>8} {'x re pass':>10}")
    for label, t in rows:
        print(f"{label:38} {t:8.2f} {mb / t:8.2f} {t / t_re:10.1f}")
    print(f"prepare, clean files only ({mb_clean:.1f} MB):     {mb_clean / t_clean:6.2f} MB/s")
    if damaged_blobs:
        mb_dam = mb - mb_clean
        print(f"prepare, damaged files only ({mb_dam:.1f} MB):    {mb_dam / t_damaged:6.2f} MB/s"
              " (restoration of lost letters)")
    print(f"speed-up with {args.workers} workers: {t_one / t_all:.2f}x")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average during the run: {load:.1f} on {os.cpu_count()} cores (figures are only comparable"
          " on a quiet machine)")


if __name__ == "__main__":
    main()
