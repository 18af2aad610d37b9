"""Names users type that must be known (provinces, agencies, metrics): the nearest known ones.

A misspelt name is a usage error naming the closest known names, never a silent "none found"; every
question that takes a name uses :func:`closest` for that list, and :func:`check_metric` for metrics.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from graph.datafiles import read_json
from graph.errors import LineageError
from graph.i18n import _
from graph.text import fold

_WORDS = re.compile(r"[a-z0-9]+")


def _plain(text: str | None) -> str:
    """Folded words only: 'Sở TT&TT' -> 'so tt tt', 'dvc_muc_4' -> 'dvc muc 4'."""
    return " ".join(_WORDS.findall(fold(text)))


def closest(asked: str, names: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The known names nearest to ``asked`` (insensitive to diacritics, case and punctuation), best first;
    names that contain what was asked come after the close spellings."""
    by_plain: dict[str, str] = {}
    for name in names:
        if name:
            by_plain.setdefault(_plain(name), name)
    q = _plain(asked)
    if not q:
        return []
    close = [by_plain[k] for k in difflib.get_close_matches(q, list(by_plain), n=n, cutoff=cutoff)]
    containing = sorted((v for k, v in by_plain.items() if len(q) >= 3 and q in k), key=fold)
    return list(dict.fromkeys(close + containing))[:n]


@lru_cache(maxsize=1)
def _metric_patterns() -> dict[str, re.Pattern]:
    metrics = read_json("task_patterns.json")["metrics"]
    return {k: re.compile(v) for k, v in metrics.items() if not k.startswith("_")}


def metric_known(metric: str, targets: Iterable[dict]) -> bool:
    """Whether ``metric`` names a metric at all: a metric id (``dvc_muc_4``, "dvc muc 4"), words the
    metric patterns of ``graph/data/task_patterns.json`` recognise, or words of some target in the store."""
    q = _plain(metric)
    if not q:
        return True
    targets = list(targets)
    ids = {*_metric_patterns(), *(t.get("metric") for t in targets if t.get("metric"))}
    if any(q in _plain(k) for k in ids) or any(p.search(fold(metric)) for p in _metric_patterns().values()):
        return True
    words = q.split()
    for t in targets:
        have = set(_plain(t.get("text")).split())
        if all(w in have for w in words):
            return True
    return False


def check_metric(metric: str | None, targets: Iterable[dict], named: Iterable[str] = ()) -> None:
    """A usage error naming the nearest metrics when ``metric`` names no metric (``targets``: the props
    of every target in the store; ``named``: the metric keys its words already name)."""
    if not metric or any(named):
        return
    targets = list(targets)
    if metric_known(metric, targets):
        return
    names = sorted({*_metric_patterns(), *(t.get("metric") for t in targets if t.get("metric"))})
    near = closest(metric, names, cutoff=0.5)
    hint = (_("nearest: {names}").format(names=", ".join(near)) if near
            else _("known metrics: {names}").format(names=", ".join(names)))
    raise LineageError(_("no metric or target words match {metric}").format(metric=repr(metric)), hint=hint)
