"""The cached loaders of the reading modules, found by what they are: a function cached with
``lru_cache(maxsize=1)`` that takes no argument builds a table on first use (patterns compiled,
vocabularies indexed) and keeps it for the process."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator


def loaders(package: str = "graph.reading") -> Iterator[tuple[str, Callable[[], object]]]:
    """``(module.name, loader)`` for each cached loader of the modules of ``package`` imported so far."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(package + "."):
            continue
        for key, value in list(vars(module).items()):
            parameters = getattr(value, "cache_parameters", None)  # a functools.lru_cache function
            if (callable(parameters) and parameters()["maxsize"] == 1 and value.__module__ == name
                    and not inspect.signature(value).parameters):
                yield f"{name}.{key}", value
