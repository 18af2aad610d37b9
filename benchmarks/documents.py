"""Throughput of the document reader alone (splitting, headers, citation grammar) over the generated
corpus, on text already prepared, with its ratio to one bare ``re`` pass over the same text.

    python3 -m benchmarks.documents              # 5 MB of the generated corpus, median of 3 runs
    python3 -m benchmarks.documents --mb 20 --runs 5
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

from benchmarks.make_corpus import ensure


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--runs", type=int, default=3, help="runs; the median is printed (default 3)")
    args = ap.parse_args()

    from graph.reading.documents.documents import read_documents
    from graph.reading.prepare import prepare

    paths = ensure(max(args.mb, 20.0))
    preps, size = [], 0
    for path in paths:
        if size >= args.mb * 1e6:
            break
        data = path.read_bytes()
        size += len(data)
        preps.append(prepare(data, path.name))
    words = re.compile(r"\w+")

    def timed(fn) -> float:
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    bare = timed(lambda: [sum(1 for _ in words.finditer(p.text)) for p in preps])
    docs = timed(lambda: [read_documents(p) for p in preps])
    n_docs = sum(len(read_documents(p)) for p in preps[:50])
    print(f"corpus: {len(preps)} files, {size / 1e6:.1f} MB ({n_docs} documents in the first 50 files)")
    print(f"bare re pass (\\w+):  {size / bare / 1e6:7.2f} MB/s")
    print(f"read_documents:      {size / docs / 1e6:7.2f} MB/s   ratio to bare re: {docs / bare:.1f}x slower")


if __name__ == "__main__":
    main()
