"""Document references as legal staff type them: a number, a key, or words of the title.

"1891", "749/QĐ-TTg", "749/qd-ttg", "1891/QĐ-UBND Kiên Giang 2016", a key, or
"chuyen doi so kien giang" (words of the title, issuer, province or date; insensitive to diacritics
and case). :func:`find` lists every match; :func:`resolve` wants exactly one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from graph.errors import AmbiguousError, LineageError, NotFoundError
from graph.i18n import _, format_date
from graph.loaders.succession import current_province
from graph.queries.backend import Backend, Node
from graph.queries.levels import level_group
from graph.queries.result_refs import DocRef, cited_types, unresolved
from graph.queries.search_text import search_text
from graph.text import fold, nfc

_NUMBER = re.compile(r"^\d+[\w.]*(?:[-/][\w.Đđ&]+)*$")
_TOKEN = re.compile(r"[a-z0-9]+")
_DIGITS = re.compile(r"\d+(?:[/-](?=.))?")  # the number's first part with its separator: "64/"
_SEPARATORS = "/-"
MAX_LISTED = 10
#: the date that :func:`describe` writes after a document's label: " (2020-06-03, …)" at the end
_DESCRIBED_DATE = re.compile(r" \((\d{4}-\d{2}-\d{2})(?=(?:, [^()]*)?\)$)")


# the properties :func:`docref_data` reads (with :func:`graph.queries.levels.level_group`'s)
DOCREF_FIELDS = ("number", "doc_type", "title", "name", "date", "issuer", "province", "province_now", "level",
                 "source", "catalog_source", "cited_as")


def docref_data(node: Node) -> dict:
    """The fields of :class:`DocRef` for a document node."""
    p = node.props
    get = p.get  # (once: this runs for every document of every answer)
    date, province = get("date"), _str(get("province"))
    return {"key": node.key, "number": _str(get("number")), "doc_type": _str(get("doc_type")),
            "title": _str(get("title") or get("name")), "date": str(date)[:10] if date else None,
            "issuer": _str(get("issuer")), "province": province,
            "province_now": _str(get("province_now")) or current_province(province),
            "level": _str(get("level")), "group": level_group(p), "ingested": bool(get("source")),
            "resolved": not unresolved(p), "cited_types": cited_types(p) if get("cited_as") else []}


def to_docref(node: Node) -> DocRef:
    """The document as answers show it."""
    return DocRef(**docref_data(node))


def _str(value) -> str | None:
    return None if value is None else str(value)


def doc_sort_key(d: DocRef) -> tuple:
    return (d.date or "9999", d.number or "", d.title or "", d.key)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _words_match(words: list[str], text: str) -> bool:
    have = set(_TOKEN.findall(text))
    return all(w in have for w in words)


def find(backend: Backend, reference: str) -> list[DocRef]:
    """Every document the reference can mean, best first (documents read in full, then by date)."""
    ref = nfc(reference).strip()
    if not ref:
        raise LineageError(_("empty document reference"),
                           hint=_('give a number ("749/QĐ-TTg") or words of the title'))
    exact = backend.documents_by_key([ref])
    if exact:
        return [to_docref(n) for n in exact.values()]
    first, *rest = ref.split()
    words = [w for r in rest for w in _tokens(r)]
    nodes: list[Node]
    if _NUMBER.match(first):
        if "/" in first or "-" in first:
            nodes = backend.documents_by_number([first, first.upper()])
            if not nodes:  # typed without diacritics or in another case
                nodes = backend.documents_by_folded_number([fold(first)])
            if not nodes:  # only its first parts: "64/2007" for 64/2007/NĐ-CP
                nodes = numbered_like(backend, first)
        else:
            nodes = [*backend.documents_by_number_prefix(first + "/"),
                     *backend.documents_by_number_prefix(first + "-")]
        nodes = [n for n in nodes if _words_match(words, search_text(n.props))]
    else:
        nodes = backend.search_documents(_tokens(ref))
    unique = {n.key: n for n in nodes}
    docs = [to_docref(n) for n in unique.values()]
    return sorted(docs, key=lambda d: (not d.ingested, *doc_sort_key(d)))


def numbered_like(backend: Backend, typed: str) -> list[Node]:
    """Documents whose number begins with ``typed`` up to a separator, insensitive to case and
    diacritics: officers write "64/2007" for 64/2007/NĐ-CP, "2174/QĐ" for 2174/QĐ-UBND, "52-NQ" for
    52-NQ/TW (whole parts only: "2174/QĐ-U" is no prefix of 2174/QĐ-UBND)."""
    want = fold(typed)
    digits = _DIGITS.match(want)
    if not digits:
        return []
    out = []
    for n in backend.documents_by_number_prefix(digits.group()):
        number = fold(n.props.get("number"))
        if number.startswith(want) and (number == want or want[-1] in _SEPARATORS
                                        or number[len(want)] in _SEPARATORS):
            out.append(n)
    return out


def suggestions(backend: Backend, reference: str, n: int = 3,
                keep: Callable[[Node], bool] | None = None) -> list[str]:
    """Labels of documents whose number or title is close to the reference (for "did you mean"), only
    among those ``keep`` accepts when it is given (the documents of a province).

    Each distinct number is compared once, and only when difflib's cheap upper bounds leave it a
    chance of 0.5 (a national store has ~160k documents but far fewer distinct numbers). Only the
    documents that can be among the n best are read: those with enough of the words, and those of
    the closest numbers.
    """
    target = fold(reference)
    words = set(_tokens(reference))
    matcher = difflib.SequenceMatcher(None)
    matcher.set_seq2(target)  # difflib caches what it learns of the second sequence
    number_scores: dict[str, float] = {}

    def number_score(number: str) -> float:
        score = number_scores.get(number)
        if score is None:
            matcher.set_seq1(number)
            close = matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5
            score = number_scores[number] = matcher.ratio() if close else 0.0
        return score

    need = next((k for k in range(1, len(words) + 1) if k / len(words) * 0.9 >= 0.5), None)
    by_words = {d.key: d for d in backend.search_documents(words, need)
                if keep is None or keep(d)} if need is not None else {}
    scored = []
    for node in by_words.values():
        text = search_text(node.props)
        number = fold(node.props.get("number"))
        score = number_score(number) if number else 0.0
        if words:
            score = max(score, len(words & set(_TOKEN.findall(text))) / len(words) * 0.9)
        scored.append((score, node.key, node))
    # Any other document scores its number's score (its words score under 0.5): read the documents
    # of the closest numbers only, a whole score at a time, until n of them are in.
    close = sorted({(score, number) for number in backend.folded_numbers()
                    if (score := number_score(number)) >= 0.5}, reverse=True)
    taken = 0
    while close and taken < n:
        level = close[0][0]
        numbers = [number for score, number in close if score == level]
        close = close[len(numbers):]
        for node in backend.documents_by_folded_number(numbers):
            if node.key not in by_words and (keep is None or keep(node)):
                scored.append((level, node.key, node))
                taken += 1
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [describe(to_docref(node)) for score, _, node in scored[:n] if score >= 0.5]


def describe(d: DocRef) -> str:
    """'Quyết định 749/QĐ-TTg (2020-06-03, Thủ tướng Chính phủ)' for messages."""
    extra = ", ".join(x for x in (d.date, d.issuer or d.province) if x)
    return f"{d.label} ({extra})" if extra else d.label


def described_on_screen(text: str) -> str:
    """A :func:`describe` text with its date written as the user's language writes it ("03/06/2020" in
    Vietnamese); the rest, and any other text, unchanged."""
    return _DESCRIBED_DATE.sub(lambda m: f" ({format_date(m.group(1))}", text)


def resolve(backend: Backend, reference: str) -> DocRef:
    """The one document the reference means, or a :class:`NotFoundError` / :class:`AmbiguousError`."""
    matches = find(backend, reference)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        if backend.count_documents() == 0:
            raise NotFoundError(_("no document matches {reference}: the store is empty").format(
                reference=repr(reference)),
                hint=_("run lineage ingest first (or point --store / --neo4j at your store)"))
        close = suggestions(backend, reference)
        hint = _("did you mean {choices}?").format(
            choices=_(" or ").join(map(described_on_screen, close))) if close else _(
            'try lineage find with a number ("749/QĐ-TTg") or words of the title')
        raise NotFoundError(_("no document matches {reference}").format(reference=repr(reference)), hint=hint)
    listed = "; ".join(_("{document}, key {key}").format(document=described_on_screen(describe(d)),
                                                         key=d.key) for d in matches[:MAX_LISTED])
    more = " " + _("and {n} more").format(n=len(matches) - MAX_LISTED) if len(matches) > MAX_LISTED else ""
    raise AmbiguousError(
        _("{reference} matches {n} documents: {listed}{more}").format(
            reference=repr(reference), n=len(matches), listed=listed, more=more),
        hint=_('add the province or the year ("1891/QĐ-UBND Kiên Giang 2016"), or give the key'))
