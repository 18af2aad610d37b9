"""A small language model of Vietnamese legal text: syllable counts and syllable-pair counts.

Built from the seed vocabulary (``graph/data/vi_legal_seeds.json``: general administrative phrases
written for it, names), the central catalog's titles and the issuer and province names of the other
data files, optionally plus clean legal text, and stored in ``graph/data/vi_syllables.json``. The
shipped model uses no sample-corpus text, so restoration is not tuned to the samples.
:mod:`graph.reading.restore.search` uses it to choose, among the words whose damaged form matches a run
of orphan fragments, the one the context makes likely.

Rebuild (optionally with clean UTF-8 legal documents that are not the ones to be restored)::

    python -m graph.reading.text.syllables [DOC.txt ...] > graph/data/vi_syllables.json
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from graph.datafiles import read_json
from graph.text import nfc, unify_tones

_PHRASE_SPLIT = re.compile(r"[^\w\s:/.-]|\n|[.:](?!\d)")
_NUMBER = re.compile(r"\d+(?:[/.-]\w+)*")
NUMBER = "0"  # every number is this one token: "số 0", "ngày 0"
_SYLLABLE = re.compile(r"[^\W\d_]+|0")
_ORPHAN = re.compile(r"[bcdghklmnpqrstvx]")  # a lone consonant is never a syllable
_MID_WORD = re.compile(r"(?<=[^\W\d_] )([^\W\d_]+)")
SEED_WEIGHT = 3


def _phrases(text: str) -> Iterable[list[str]]:
    for chunk in _PHRASE_SPLIT.split(unify_tones(nfc(text)).lower()):
        words = _SYLLABLE.findall(_NUMBER.sub(" 0 ", chunk))
        if words:
            yield words


def _data(name: str) -> dict:
    return read_json(name)


def seed_phrases() -> list[str]:
    """The seed vocabulary: legal phrases, names of people, places and issuers."""
    seeds = _data("vi_legal_seeds.json")
    out = list(seeds["phrases"]) + list(seeds.get("general_phrases", ())) + list(seeds["cities"])
    out += [f"{s} {m}" for s in seeds["surnames"] for m in seeds["middle_names"][:3]]
    out += seeds["surnames"] + seeds["middle_names"]
    out += [f"{head} {d}" for d in seeds.get("departments", ()) for head in ("Sở", "Bộ", "Giám đốc Sở")]
    try:
        provinces = _data("provinces.json")
        names = [p["name"] for p in provinces.get("provinces", [])] + list(provinces.get("centrally_run", []))
        out += [f"Ủy ban nhân dân tỉnh {n}" for n in names] + [f"tỉnh {n}" for n in names]
    except (FileNotFoundError, KeyError, TypeError):  # pragma: no cover - optional data
        pass
    try:  # names and titles of central documents (laws, decrees, decisions)
        for doc in _data("central_catalog.json").get("documents", []):
            out += [t for t in (doc.get("name"), doc.get("title"), *doc.get("aliases", ())) if t]
    except (FileNotFoundError, KeyError, TypeError, AttributeError):  # pragma: no cover - optional data
        pass
    for name in ("provinces.json", "issuers.json", "doc_types.json"):
        try:
            data = _data(name)
        except FileNotFoundError:  # pragma: no cover - optional data
            continue
        out.extend(_strings(data))
    return out


def _strings(obj) -> Iterable[str]:
    """Every string value of a JSON document, except its _about notes."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if not k.startswith("_"):
                yield from _strings(v)


def build(texts: Iterable[str]) -> dict:
    """Counts of syllables and of adjacent syllable pairs in ``texts`` and the seed vocabulary."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    caps: Counter = Counter()  # +1 capitalised, -1 lower-case, for occurrences inside a phrase

    def add(text: str, weight: int) -> None:
        for words in _phrases(text):
            words = [w for w in words if not _ORPHAN.fullmatch(w)]
            for w in words:
                uni[w] += weight
            for a, b in itertools.pairwise(words):
                bi[f"{a} {b}"] += weight
        for m in _MID_WORD.finditer(unify_tones(nfc(text))):
            w = m.group(1)
            if not w.isupper() or len(w) == 1:
                caps[w.lower()] += weight if w[0].isupper() else -weight

    n_texts = 0
    for t in texts:
        add(t, 1)
        n_texts += 1
    for s in seed_phrases():
        add(s, SEED_WEIGHT)
    return {
        "_about": "Syllable and syllable-pair counts (lower-case, tone marks unified) used to restore damaged"
                  " text (graph/reading/restore/). Held out from the sample corpus: built only from general"
                  " administrative vocabulary written for it (vi_legal_seeds.json: phrases, general_phrases,"
                  " names, departments), the names and titles of central_catalog.json and the names in"
                  " provinces.json, issuers.json and doc_types.json"
                  + (f", plus {n_texts} clean text file(s) given on the command line" if n_texts else "")
                  + ". Rebuild: python -m graph.reading.text.syllables [CLEAN.txt ...]"
                    " > graph/data/vi_syllables.json",
        "unigrams": dict(sorted(uni.items())),
        "bigrams": dict(sorted(bi.items())),
        "capitalised": sorted(w for w, c in caps.items() if c > 0),
    }


@dataclass(frozen=True)
class SyllableModel:
    """Interpolated bigram model over lower-case syllables."""

    unigrams: dict
    bigrams: dict
    total: int
    capitalised: frozenset = frozenset()
    followers: dict = field(default_factory=dict)
    _rows: dict = field(default_factory=dict, repr=False, compare=False)

    def logp(self, prev: str | None, word: str) -> float:
        """log P(word | prev), with a floor for unseen words (memoised)."""
        row = self._rows.get(prev)
        if row is None:
            row = self._rows[prev] = {}
        v = row.get(word)
        if v is None:
            v = row[word] = self._logp(prev, word)
        return v

    def row(self, prev: str | None) -> dict:
        """The memo of ``logp(prev, word)`` by ``word`` (a hot loop reads it directly, filling misses
        with :meth:`logp`)."""
        row = self._rows.get(prev)
        if row is None:
            row = self._rows[prev] = {}
        return row

    def _logp(self, prev: str | None, word: str) -> float:
        cu = self.unigrams.get(word, 0)
        p_uni = (cu + 0.1) / (self.total + 0.1 * 10000)
        if prev is None:
            return math.log(p_uni)
        cp = self.unigrams.get(prev, 0)
        if not cp:
            return math.log(p_uni)
        # Witten-Bell: trust the pair counts of ``prev`` as much as it has been seen with few followers
        followers = self.followers.get(prev, 0) + 1
        cb = self.bigrams.get(f"{prev} {word}", 0)
        return math.log((cb + followers * p_uni) / (cp + followers))


@lru_cache(maxsize=1)
def model() -> SyllableModel:
    """The stored model (``graph/data/vi_syllables.json``)."""
    data = _data("vi_syllables.json")
    uni = data["unigrams"]
    followers: Counter = Counter(pair.partition(" ")[0] for pair in data["bigrams"])
    return SyllableModel(unigrams=uni, bigrams=data["bigrams"], total=sum(uni.values()),
                         capitalised=frozenset(data.get("capitalised", ())), followers=dict(followers))


def main(argv: list[str]) -> None:
    texts = [open(p, encoding="utf-8-sig").read() for p in argv]  # noqa: SIM115
    json.dump(build(texts), sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
