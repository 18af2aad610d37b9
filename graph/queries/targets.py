"""``targets``: quantified targets across documents over time (one goal's evolution is one table).

``--metric`` words find a target by its metric's words (the Vietnamese phrases of each metric key in
``graph/data/metric_phrases.json``: "mức độ 4" finds ``dvc_muc_4`` goals written "mức 4" or "toàn trình")
or by its own wording; accents and case do not matter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.datafiles import read_json
from graph.queries.agency_results import TargetRow, TargetsResult
from graph.queries.backend import Backend
from graph.queries.known_names import check_metric
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import to_docref
from graph.text import fold

_WORDS = re.compile(r"\w+")


def _words(text: str | None) -> str:
    """The folded words of ``text``, space-separated and framed by spaces (to match whole-word runs)."""
    return " " + " ".join(_WORDS.findall(fold((text or "").replace("_", " ")))) + " "


@lru_cache(maxsize=1)
def _metric_phrases() -> dict[str, tuple[str, ...]]:
    """Metric key -> the folded words of its key and of each of its phrases."""
    data = read_json("metric_phrases.json", nfc=True)
    return {k: (_words(k), *(_words(p) for p in v)) for k, v in data.items() if not k.startswith("_")}


def metrics_named(words: str) -> set[str]:
    """The metric keys one of whose phrases (or key) holds ``words`` as a run of whole words ("mức độ 4"),
    or whose phrase of two words or more ``words`` holds ("tỷ lệ dịch vụ công mức độ 4")."""
    want = _words(words)
    if not want.strip():
        return set()
    return {k for k, phrases in _metric_phrases().items()
            if any(want in p or (p.count(" ") > 2 and p in want) for p in phrases)}


def targets(backend: Backend, province: str | None = None, metric: str | None = None) -> TargetsResult:
    """Targets, optionally of one province's documents and whose metric (by its key or its phrases) or
    text matches ``metric``."""
    scope = province_scope(province) if province else None
    # a province's targets only (a country holds ~150,000 of them)
    nodes, edges = backend.province_targets({fold(m) for m in scope.members}) if scope else backend.targets()
    want_m = fold(metric)
    named = metrics_named(metric) if metric else set()
    rows = []
    for e in edges:
        doc, t = to_docref(nodes[e.source]), nodes[e.target].props
        if not in_scope(scope, doc.province):
            continue
        restored = t.get("text_restored")  # damaged input: the words as the reader restored them
        if want_m and t.get("metric") not in named and want_m not in fold(t.get("metric")) \
                and want_m not in fold(restored or t.get("text")):
            continue
        line = t.get("line")
        rows.append(TargetRow(document=doc, key=e.target, metric=t.get("metric"),
                              text=str(restored or t.get("text") or ""),
                              raw_text=str(t["text"]) if restored and t.get("text") else None,
                              value=t.get("value"), high=t.get("high"), unit=t.get("unit"),
                              deadline=t.get("deadline"), line=int(line) if line is not None else None))
    if not rows:  # a misspelt metric is an error naming the nearest ones, not "none found"
        every = backend.targets() if scope and metric and not named else (nodes, edges)  # every metric
        check_metric(metric, (every[0][e.target].props for e in every[1]), named)
    rows.sort(key=lambda r: (r.metric is None, r.metric or "", r.document.date or "9999", r.document.key,
                             r.deadline or 0, r.line or 0, r.text))
    return TargetsResult(province=province, province_scope=scope, metric=metric, rows=rows)
