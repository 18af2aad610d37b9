"""Throughput of the task readers (assignments, projects, targets) on prepared documents.

Prints MB/s of input (CPU time, best of runs, so other processes on the machine count less) for
each reader alone and for ``read_tasks`` as the pipeline calls it, with the ratio to one bare
``re`` pass over the same text. Text preparation and document splitting are done once, before.

    python3 -m benchmarks.tasks               # over benchmarks/data/extract-corpus (generated if needed)
    python3 -m benchmarks.tasks --mb 2 --runs 3
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable

from benchmarks.make_corpus import ensure


def _best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=3.0, help="MB of the generated corpus to read (default 3)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measure; the best is printed (default 5)")
    args = ap.parse_args()

    import graph.reading.tasks.tables as tables
    from graph.reading.documents.documents import read_documents
    from graph.reading.prepare import prepare
    from graph.reading.tasks.assignments import read_assignments
    from graph.reading.tasks.outline import Outline
    from graph.reading.tasks.projects import read_projects
    from graph.reading.tasks.read import read_tasks
    from graph.reading.tasks.targets import read_targets

    files, size = [], 0
    for f in ensure(20.0):
        if size >= args.mb * 1e6:
            break
        files.append(f)
        size += f.stat().st_size
    preps = [prepare(f.read_bytes(), f.name) for f in files]
    spans = [(p, read_documents(p)) for p in preps]
    mb = size / 1e6
    word = re.compile(r"\w+")

    def over_spans(fn: Callable) -> Callable[[], None]:
        def run() -> None:
            tables._find_tables.cache_clear()  # what one pass over new text would cost
            Outline.of.cache_clear()
            for prep, doc_spans in spans:
                for span in doc_spans:
                    fn(prep, span)
        return run

    def bare_re() -> None:
        for p in preps:
            for _m in word.finditer(p.text):
                pass

    t_re = _best(bare_re, args.runs)
    rows = [
        ("bare re pass (\\w+)", t_re),
        ("assignments", _best(over_spans(lambda p, s: read_assignments(p, s.start, s.end)), args.runs)),
        ("projects", _best(over_spans(lambda p, s: read_projects(p, s.start, s.end)), args.runs)),
        ("targets", _best(over_spans(lambda p, s: read_targets(p, s.start, s.end)), args.runs)),
        ("read_tasks (all three)", _best(over_spans(read_tasks), args.runs)),
    ]
    print(f"corpus: {len(files)} files, {mb:.1f} MB; CPU time, best of {args.runs} run(s)")
    print(f"{'measure':26} {'seconds':>8} {'MB/s':>8} {'x re pass':>10}")
    for label, t in rows:
        print(f"{label:26} {t:8.3f} {mb / t:8.2f} {t / t_re:10.1f}")


if __name__ == "__main__":
    main()
