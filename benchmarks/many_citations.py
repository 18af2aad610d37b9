"""Extraction time against the number of distinct citations in one document (issue 16, item 4).

A "danh mục văn bản" annex lists thousands of documents, one a line. Each citation is kept once per
document; deciding whether one was already kept must not compare it with every kept one (that made
8,000 citations take 42 s and 16,000 more than the watchdog allows). Prints the CPU time of one
extraction (median of ``--runs``) for 1k, 4k and 16k distinct citations, the time per citation and the
ratio of each time to the 1k one: linear time gives ratios near 4 and 16 (quadratic, 16 and 256).

    python3 -m benchmarks.many_citations            # 1k, 4k, 16k
    python3 -m benchmarks.many_citations --sizes 1000 20000 --runs 1
"""

from __future__ import annotations

import argparse
import statistics
import time

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 99/2021/QĐ-UBND\n\nKiên Giang, ngày 22 tháng 8 năm 2021\n\nQUYẾT ĐỊNH\n\n"
    "VỀ VIỆC CÔNG BỐ DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Công bố danh mục văn bản kèm theo Quyết định này.\n\nDANH MỤC VĂN BẢN\n\n"
)


def annex(n: int) -> str:
    """A decision whose annex lists ``n`` distinct decisions, one a line (line ``i`` cites number ``i``)."""
    lines = "".join(f"- Quyết định số {i}/QĐ-UBND ngày 01/01/2020 của UBND tỉnh Kiên Giang về việc "
                    f"ban hành quy định số {i}\n" for i in range(1, n + 1))
    return HEADER + lines


def cpu_seconds(text: str, runs: int = 1) -> float:
    """Median CPU seconds of extracting ``text`` in this process."""
    from graph.reading.extract import extract_text

    times = []
    for _ in range(runs):
        start = time.process_time()
        extract_text(text.encode("utf-8"), "annex.txt")
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000],
                    help="distinct citations per document (default 1000 4000 16000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size; the median is printed (default 3)")
    args = ap.parse_args()

    from graph.reading.extract import extract_text

    extract_text(annex(50).encode("utf-8"), "warm-up.txt")  # load patterns and data once
    first: float | None = None
    print(f"{'citations':>10} {'MB':>6} {'CPU s':>8} {'µs/citation':>12} {'ratio':>7} {'linear':>7}")
    for n in args.sizes:
        text = annex(n)
        cpu = cpu_seconds(text, args.runs)
        first = first or cpu
        print(f"{n:>10,} {len(text.encode()) / 1e6:>6.2f} {cpu:>8.2f} {cpu / n * 1e6:>12.0f} "
              f"{cpu / first:>7.1f} {n / args.sizes[0]:>7.1f}")


if __name__ == "__main__":
    main()
