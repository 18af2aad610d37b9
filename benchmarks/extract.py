"""Extraction throughput over a generated corpus (>= 20 MB), on one core and with N worker processes.

Prints MB/s (median of ``--runs`` runs) in wall time and in CPU time (the machine is shared: CPU
time is what the extractor costs, wall time what a user waits), for:

- one bare ``re`` pass over the text (``re.finditer(r"\\w+")``), the yardstick of the ratios;
- the text preparation alone (decode, layout, restoration of damaged text, run-on split);
- the whole extraction in one process, over all files, clean files only and damaged files only
  (the generator varies the five samples, one of which is damaged: about 1 file in 5), and damaged
  files each read with empty restoration caches (as different damaged documents would be; emptying
  them is not counted);
- CPU per MB of each stage in one process (prepare, documents, tasks, the JSON of the result);
- the real documents (below) in one process, and their CPU per stage: they are mostly short
  documents, headers and bases dense with citations, dearer per MB than the generated corpus;
- the whole extraction with N workers: ``extract_paths`` (chunks of files, a watchdog per file) and
  a plain process pool given chunks of files;
- ``lineage extract DIR --workers N --format json`` as a user runs it (a new process, its start
  included), on the generated corpus and on real documents: the samples and ``../shared/dev/docs``,
  :data:`REAL_COPIES` copies with their document numbers and dates varied; with one worker too (the
  two-worker speed-up, the CPU of the hand-off) and on one small file (what any run costs first);
  see :mod:`benchmarks.extract_cli`;
- with ``--baseline REV`` the same CLI runs with the code of git revision REV (e.g. ``HEAD``, today's
  main), exported to a temporary folder, and the ratio of the two: both in one invocation, so on the
  same machine load.

    python3 -m benchmarks.extract            # generates benchmarks/data/extract-corpus/ if needed
    python3 -m benchmarks.extract --mb 5 --runs 1   # quicker
    python3 -m benchmarks.extract --mb 5 --only-cli --baseline HEAD   # the CLI, against the last commit
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.extract_cli import REAL_COPIES, SHARED, Row, cli_rows, real_copies, summary
from benchmarks.make_corpus import ensure

COLD_FILES = 20  # damaged files read with the restoration caches emptied before each


def _new_layout() -> bool:
    """Whether the code measured has graph/reading/ (an editable install of another checkout may
    otherwise answer an import of graph.reading that this checkout lacks)."""
    import graph

    return (Path(graph.__file__).parent / "reading").is_dir()


def _reset_caches() -> None:
    """Forget what earlier runs memoised, so each run reads the corpus as a new one: the restoration's
    caches and every memo of an input (a cached function of the reading code that takes arguments); what
    is loaded once per process (patterns, vocabularies: cached functions without arguments) stays."""
    if _new_layout():
        from graph.reading.restore import edits, index, search
        from graph.reading.text import syllables

        caches = (edits._RUN_CACHE, search._CHUNK_CACHE, index._CANDS_CACHE)
        if hasattr(syllables.model(), "_rows"):  # the model's memo of word pairs, filled as it reads
            caches += (syllables.model()._rows,)
        memos = _memos("graph.reading")
    else:  # the layout before graph/reading/ (commit 2864d11 and older)
        from graph.loaders import repair

        caches = (repair._RUN_CACHE, repair._CHUNK_CACHE, getattr(repair, "_CANDS_CACHE", {}))
        memos = _memos("graph.loaders")
    for cache in caches:
        cache.clear()
    for fn in memos:
        fn.cache_clear()


def _memos(package: str) -> list[Callable[..., object]]:
    """The memoised functions of arguments defined in the modules of ``package`` imported so far (found
    here, not by graph.reading.cached: the benchmark also runs in checkouts older than that module)."""
    out = []
    for name, module in list(sys.modules.items()):
        if name != package and not name.startswith(package + "."):
            continue
        for fn in vars(module).values():
            if getattr(fn, "__module__", None) != name or not hasattr(fn, "cache_clear"):
                continue
            try:
                takes_arguments = bool(inspect.signature(fn).parameters)
            except (TypeError, ValueError):
                continue
            if takes_arguments:
                out.append(fn)
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], object], runs: int,
           prepare: Callable[[], object] | None = None) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn`` over ``runs`` runs, each after an untimed ``prepare``
    (by default the memos of the reading emptied)."""
    walls, cpus = [], []
    for _ in range(runs):
        (prepare or _reset_caches)()
        c, t = _cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu() - c)
    return statistics.median(walls), statistics.median(cpus)


def _timed_cold(extract_text: Callable[[bytes, str], object], selection: list[tuple[str, bytes]],
                runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of reading each file of ``selection`` cold: the caches are emptied
    before each file (a new document shares no damaged phrase with the ones before), outside the
    time counted, since emptying them is what this measure costs, not what a new document does."""
    walls, cpus = [], []
    for _ in range(runs):
        wall = cpu = 0.0
        for name, data in selection:
            _reset_caches()
            c, t = _cpu(), time.perf_counter()
            extract_text(data, name)
            wall += time.perf_counter() - t
            cpu += _cpu() - c
        walls.append(wall)
        cpus.append(cpu)
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


def stage_rows(blobs: list[tuple[str, bytes]], runs: int) -> list[Row]:
    """CPU of each stage of the extraction in one process (the stages of ``extract_text``)."""
    from graph.model import FileExtraction
    from graph.reading.documents.documents import read_documents
    from graph.reading.prepare import prepare
    from graph.reading.tasks.read import read_tasks

    spent = {"prepare": [], "documents": [], "tasks": [], "JSON of the result": []}
    mb = sum(len(b) for _n, b in blobs) / 1e6
    for _ in range(runs):
        _reset_caches()
        run = dict.fromkeys(spent, 0.0)
        for name, data in blobs:
            t = time.process_time()
            prep = prepare(data, name)
            t1 = time.process_time()
            spans = read_documents(prep)
            t2 = time.process_time()
            for span in spans:
                read_tasks(prep, span)
            t3 = time.process_time()
            FileExtraction(source=name, documents=[x.document for x in spans]).model_dump_json(indent=2)
            t4 = time.process_time()
            for key, dt in zip(spent, (t1 - t, t2 - t1, t3 - t2, t4 - t3), strict=True):
                run[key] += dt
        for key, value in run.items():
            spent[key].append(value)
    return [(f"  stage: {key}", mb, (float("nan"), statistics.median(v))) for key, v in spent.items()]


def real_rows(real: list[Path], runs: int) -> list[Row]:
    """The real documents in one process (caches warm, as for the corpus) and the CPU of each stage:
    why they cost more per MB than the generated corpus."""
    if not real:
        return []
    from graph.reading.extract import extract_text

    blobs = [(f.name, f.read_bytes()) for f in real]
    mb = sum(len(b) for _n, b in blobs) / 1e6

    def run() -> None:
        for name, data in blobs:
            extract_text(data, name)
    label = f"extract, 1 process, real docs x{REAL_COPIES} ({len(blobs)} files)"
    stages = [(name.replace("  stage", "  real stage"), size, t) for name, size, t in stage_rows(blobs, runs)]
    return [(label, mb, _timed(run, runs)), *stages]


def bare_re_seconds(texts: list[str], runs: int) -> tuple[float, float]:
    """Wall and CPU of one bare ``re`` pass (``\\w+``) over ``texts``: the yardstick."""
    word = re.compile(r"\w+")

    def run() -> None:
        for t in texts:
            for _m in word.finditer(t):
                pass
    return _timed(run, runs)


def print_rows(rows: list[Row], re_rate: float) -> None:
    """The table: seconds, MB/s in wall and CPU time, and how many times slower than ``re`` (CPU)."""
    print(f"{'measure':46} {'wall s':>7} {'CPU s':>7} {'MB/s wall':>10} {'MB/s CPU':>9} {'re/x (CPU)':>11}")
    for label, size, (wall, cpu) in rows:
        timed = wall == wall  # the stages have CPU time only (nan wall)
        walls = f"{wall:7.2f} {cpu:7.2f} {size / wall:10.2f}" if timed else f"{'':7} {cpu:7.2f} {'':10}"
        print(f"{label:46} {walls} {size / cpu:9.2f} {re_rate / (size / cpu):11.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure; the median is printed (default 3)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for the N-worker runs")
    ap.add_argument("--chunk", type=int, default=16, help="files per job of the process pool (default 16)")
    ap.add_argument("--no-workers", action="store_true", help="skip the N-worker runs (the CLI's too)")
    ap.add_argument("--only-cli", action="store_true", help="only the runs of lineage extract")
    ap.add_argument("--baseline", metavar="REV", help="also run the CLI with git revision REV's code")
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder of corpus/ and dev/docs/ (../shared)")
    args = ap.parse_args()

    files: list[Path] = _first_mb(ensure(args.mb), args.mb)
    blobs = [(f.name, f.read_bytes()) for f in files]
    mb = sum(len(b) for _n, b in blobs) / 1e6
    texts = [b.decode("utf-8") for _n, b in blobs]
    t_re = bare_re_seconds(texts, args.runs)
    re_rate = mb / t_re[1]
    print(f"corpus: {len(files)} files, {mb:.1f} MB ({files[0].parent}); median of {args.runs} run(s)")
    rows: list[Row] = [("bare re pass (\\w+)", mb, t_re)]
    real = real_copies(args.shared) if _new_layout() and not (args.only_cli and args.no_workers) else []
    real_texts = [f.read_text(encoding="utf-8") for f in real]
    real_mb = sum(len(t.encode("utf-8")) for t in real_texts) / 1e6
    real_re_rate = real_mb / bare_re_seconds(real_texts, args.runs)[1] if real else float("nan")
    cold_rate = float("nan")
    one_process: dict[str, float] = {}
    if not args.only_cli:
        in_process, cold_rate = process_rows(blobs, texts, args)
        more = real_rows(real, args.runs)
        rows += in_process + more
        one_process = {"corpus": next(cpu for label, _mb, (_wall, cpu) in in_process
                                      if label == "extract, 1 process, all files")}
        if more:
            one_process["real"] = more[0][2][1]
    cli: dict[str, Row] = {}
    if not args.no_workers:
        with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
            cli = cli_rows(_timed, files, real, args.workers, args.runs, args.baseline, Path(tmp))
        rows += [row for key, row in cli.items() if not key.startswith("small")]  # in the summary
    print_rows(rows, re_rate)
    if cli:
        summary(cli, re_rate, real_re_rate, args.baseline, cold_rate, one_process)
    print("CPU time of worker runs counts the workers (children) and this process; 're/x' is how many times"
          " slower than the bare re pass, per MB of CPU")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average after the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
          " (wall figures are only comparable on a quiet machine)")


def process_rows(blobs: list[tuple[str, bytes]], texts: list[str], args: argparse.Namespace,
                 ) -> tuple[list[Row], float]:
    """The measures in this process (and its worker pools); the cold damaged-file rate (MB/CPU-s)."""
    if _new_layout():
        from graph.reading.extract import extract_text
        from graph.reading.pool import extract_paths
        from graph.reading.prepare import prepare, warm_up
        from graph.reading.restore.damage import is_damaged
    else:  # the layout before graph/reading/ (commit 2864d11 and older)
        from graph.loaders.extract import extract_paths, extract_text
        from graph.loaders.prepare import prepare, warm_up
        from graph.loaders.repair import is_damaged

    mb = sum(len(b) for _n, b in blobs) / 1e6
    damaged = {name for (name, _b), t in zip(blobs, texts, strict=True) if is_damaged(t)}
    clean_blobs = [(n, b) for n, b in blobs if n not in damaged]
    damaged_blobs = [(n, b) for n, b in blobs if n in damaged]
    mb_clean = sum(len(b) for _n, b in clean_blobs) / 1e6
    mb_damaged = mb - mb_clean
    print(f"{len(damaged_blobs)} damaged files ({mb_damaged:.1f} MB, {100 * mb_damaged / mb:.0f}%),"
          f" {len(clean_blobs)} clean ({mb_clean:.1f} MB)")
    warm_up()
    for name, data in blobs[:5]:  # load patterns and vocabularies once
        extract_text(data, name)

    def prepare_all() -> None:
        for name, data in blobs:
            prepare(data, name)

    def extract_in_process(selection: list[tuple[str, bytes]]) -> Callable[[], None]:
        def run() -> None:
            for name, data in selection:
                extract_text(data, name)
        return run


    rows: list[Row] = [
        ("prepare (decode, layout, restore)", mb, _timed(prepare_all, args.runs)),
        ("extract, 1 process, all files", mb, _timed(extract_in_process(blobs), args.runs)),
    ]
    if _new_layout():
        rows += stage_rows(blobs, args.runs)
    rows.append(("extract, 1 process, clean files", mb_clean,
                 _timed(extract_in_process(clean_blobs), args.runs)))
    cold_rate = float("nan")
    if damaged_blobs:
        rows.append(("extract, 1 process, damaged files", mb_damaged,
                     _timed(extract_in_process(damaged_blobs), args.runs)))
        cold = damaged_blobs[:COLD_FILES]
        cold_mb = sum(len(b) for _n, b in cold) / 1e6
        timing = _timed_cold(extract_text, cold, args.runs)
        rows.append((f"  damaged, each file cold ({len(cold)} files)", cold_mb, timing))
        cold_rate = cold_mb / timing[1]
    if not args.no_workers:
        n = args.workers
        paths = _first_mb(ensure(args.mb), args.mb)
        chunks = [[str(f) for f in paths[i:i + args.chunk]] for i in range(0, len(paths), args.chunk)]

        def extract_pool() -> None:
            with ProcessPoolExecutor(n) as pool:
                sum(pool.map(_extract_chunk, chunks))

        rows.append((f"extract, {n} workers (extract_paths)", mb,
                     _timed(lambda: extract_paths(paths, workers=n), args.runs)))
        rows.append((f"extract, {n} workers (plain pool, {args.chunk}/job)", mb,
                     _timed(extract_pool, args.runs)))
    print("The generated damaged files are copies of one sample with other numbers: later files find their"
          " damaged phrases already read. 'each file cold' forgets them before every file (outside the time"
          " counted), as a corpus of different damaged documents would.")
    return rows, cold_rate


if __name__ == "__main__":
    main()
