"""What the parent prepares before forking the workers: with several workers, every table the reading
builds on first use is built once, before the fork (not again by each worker on its first files); the
run leaves the garbage collector as it found it; results come back whole when several wait at once."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from graph.reading import pool
from graph.reading.extract import extract_file

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))

#: in a fresh process: which cached loaders without arguments the reading modules have, which of them
#: warm_up(restoration) left unloaded, and which the reading of the samples then loaded
_PROBE = textwrap.dedent("""
    import json, sys
    from graph.reading.cached import loaders as cached_loaders
    from graph.reading.extract import extract_file
    from graph.reading.prepare import warm_up

    def loaders():
        return ((name, load.cache_info().currsize) for name, load in cached_loaders())

    warm_up(restoration=sys.argv[1] == "1")
    before = dict(loaders())
    for path in sys.argv[2:]:
        extract_file(path)
    after = dict(loaders())
    print(json.dumps({"all": sorted(before), "left": sorted(k for k, v in before.items() if not v),
                      "read": sorted(k for k, v in after.items() if v and not before.get(k))}))
""")


def _probe(restoration: bool) -> dict[str, list[str]]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, "1" if restoration else "0", *map(str, SAMPLES)],
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).parent.parent)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_warm_up_for_several_workers_leaves_no_table_to_the_first_file() -> None:
    got = _probe(restoration=True)
    assert len(got["all"]) >= 20, got  # the reading modules do have loaders: the probe finds them
    assert got["left"] == [] and got["read"] == [], got


def test_warm_up_for_one_worker_leaves_the_tables_to_the_files_that_need_them() -> None:
    got = _probe(restoration=False)
    assert got["read"], got  # one worker: not built before the fork, built by the files that need them


def test_a_run_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    frozen = gc.get_freeze_count()
    enabled = gc.isenabled()
    assert [r.source for r in pool.extract_paths(SAMPLES[:3], workers=2)] == [p.name for p in SAMPLES[:3]]
    assert gc.get_freeze_count() == frozen and gc.isenabled() == enabled
    stopped = pool.iter_paths(SAMPLES[:3], workers=1)
    next(stopped)
    stopped.close()  # a caller that stops reading early
    assert gc.get_freeze_count() == frozen


def test_results_waiting_together_all_come_back_in_order() -> None:
    """The parent held up on its first result (a slow progress callback) while the workers send several
    more into their pipes: each is read, in input order, none lost or taken for another file's."""
    files = [*SAMPLES] * 3
    seen: list[int] = []

    def slow_progress(done: int, _total: int, _source: str) -> None:
        seen.append(done)
        if done == 1:
            time.sleep(1.0)

    got = [r for _i, r in pool.iter_paths(files, workers=2, progress=slow_progress)]
    assert [r.source for r in got] == [p.name for p in files]
    assert seen == list(range(1, len(files) + 1))
    expected = {p.name: extract_file(p).model_dump() for p in SAMPLES}
    assert all(r.model_dump() == expected[r.source] for r in got)
