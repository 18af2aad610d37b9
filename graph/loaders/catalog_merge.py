"""Merge sourced additions into ``central_catalog.json``; safe to run again when more arrive.

    python -m graph.loaders.catalog_merge ADDITIONS.json [ADDITIONS.json ...] [--dry-run]

An addition has the catalog's shape plus ``source_url``, ``source_quote`` and ``source_kind`` ("page":
a page about the document; "citation": another document citing it). Rules:
- A record without a URL and the words that state it is not merged; nor is one the checker rejects.
- A "page" record wins over what the catalog holds; a "citation" record only fills in what is missing
  and never gives a status or an effective date.
- Aliases (how a document is cited, e.g. "Luật An toàn thông tin" for 86/2015/QH13) of an unsourced entry
  stay with the sourced record that replaces it: they resolve citations and state no fact about it.
- A catalog fact without a source leaves the catalog unless a source is found for it: a sourced event
  whose words name the document (its URL and words). From such a source only what its words state is
  kept (number, and name or date if quoted). The documents the project is measured against (the samples
  and the development set) are never a source: no sentence of theirs belongs in the data.
- The whole catalog is checked (:mod:`.catalog_check`) before it is written; nothing is written when a
  problem remains.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from graph.loaders.catalog import number_ident
from graph.loaders.catalog_check import check_catalog, check_document, check_relation
from graph.text import fold

CATALOG_PATH = Path(__file__).resolve().parent.parent / "data" / "central_catalog.json"
DOCUMENT_FIELDS = ("number", "doc_type", "date", "issuer", "name", "title", "aliases", "effective", "status",
                   "status_as_of", "source", "source_url", "source_quote", "source_kind", "extra_sources",
                   "note")
RELATION_FIELDS = ("old", "new", "type", "date", "source", "source_url", "source_quote", "note")
COMMENT = ("Central documents and the events that changed them (old -> new: SUPERSEDES = replaced, BÃI_BỎ = "
           "repealed, HẾT_HIỆU_LỰC = expired, SỬA_ĐỔI = amended; date = in effect from). Every fact carries "
           "the URL of a page that states it and the words that state it (source_url, source_quote). "
           "source_kind 'citation' = known from another document citing it: proves existence and how it is "
           "cited, never its status. Checked by python -m graph.loaders.catalog_check; merged by "
           "python -m graph.loaders.catalog_merge.")


def _ident(item: dict[str, Any]) -> str:
    """A document's identity: its number (with its year of signing when the number holds none: two
    "76/NQ-CP" of 2013 and 2021 are two documents), else its name and date."""
    if item.get("number"):
        return number_ident(item["number"], item.get("date"))
    return f"{fold(item.get('name') or item.get('title') or '')}|{item.get('date')}"


def _clean(item: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    out = {f: item[f] for f in fields if item.get(f) not in (None, [], "")}
    if out.get("source_kind") == "citation":  # existence and how it is cited, nothing else
        for f in ("status", "status_as_of", "effective"):
            out.pop(f, None)
    return out


def _sourced(item: dict[str, Any]) -> bool:
    return bool(item.get("source_url") and str(item.get("source_quote") or "").strip())


_DATE_FORMS = ("{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}/{m:02d}/{y}", "{d:02d}/{m}/{y}",
               "ngày {d} tháng {m} năm {y}", "ngày {d:02d} tháng {m:02d} năm {y}",
               "ngày {d} tháng {m:02d} năm {y}", "ngày {d:02d} tháng {m} năm {y}")


def states_date(quote: str, iso: str) -> bool:
    """Whether the words give this date (d/m/yyyy or "ngày d tháng m năm yyyy", with or without zeros)."""
    y, m, d = (int(x) for x in iso.split("-"))
    text = " ".join(quote.split()).casefold()
    return any(f.format(d=d, m=m, y=y) in text for f in _DATE_FORMS)


def _from_source(old: dict[str, Any], url: str, quote: str, source: str) -> dict[str, Any]:
    """What an unsourced entry keeps from a source that cites it: only the facts its words state."""
    kept = {f: old[f] for f in ("number", "doc_type", "issuer") if old.get(f)}
    text = fold(quote)
    if old.get("name") and fold(old["name"]) in text:
        kept["name"] = old["name"]
        kept["aliases"] = [a for a in old.get("aliases", ()) if fold(a) in text]
    if old.get("title") and fold(old["title"]) in text:
        kept["title"] = old["title"]
    if old.get("date") and states_date(quote, old["date"]):
        kept["date"] = old["date"]
    return {**kept, "source": source, "source_url": url, "source_quote": quote, "source_kind": "citation"}


def _quotes(additions: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(url, words, source name) of every sourced record and extra source of the additions."""
    out = []
    for add in additions:
        for r in [*add.get("relations", ()), *add.get("documents", ())]:
            if _sourced(r):
                out.append((r["source_url"], r["source_quote"], r["source"]))
            for x in r.get("extra_sources", ()):
                if x.get("url") and x.get("quote"):
                    out.append((x["url"], x["quote"], x.get("source") or x["url"]))
    return out


def merge(catalog: dict[str, Any], additions: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The merged catalog and what was left out or changed, one line each."""
    report: list[str] = []
    docs: dict[str, dict[str, Any]] = {_ident(d): dict(d) for d in catalog["documents"]}
    order = list(docs)
    for add in additions:
        for item in add.get("documents", ()):
            problems: list[str] = []
            ident, new = _ident(item), _clean(item, DOCUMENT_FIELDS)  # a citation's status is dropped here
            check_document(new, problems)
            if problems:
                report += [f"not merged: {p}" for p in problems]
                continue
            old = docs.get(ident)
            if old is None:
                docs[ident] = new
                order.append(ident)
            elif not _sourced(old) or (new.get("source_kind") == "page" and old.get("source_kind") != "page"):
                docs[ident] = new if not _sourced(old) else {**old, **new}
                if not _sourced(old) and old.get("aliases"):  # how it is cited: kept to resolve citations
                    docs[ident]["aliases"] = list(dict.fromkeys([*new.get("aliases", ()), *old["aliases"]]))
            elif new.get("source_kind") == "page":
                docs[ident] = {**old, **new}
            else:
                docs[ident] = {**new, **old}
    sourced_relations = [r for add in additions for r in add.get("relations", ())]
    quotes = _quotes(additions)
    for ident in order:
        d = docs[ident]
        if _sourced(d):
            continue
        number = d.get("number")
        hit = next(((u, q, s) for u, q, s in quotes
                    if number and re.search(rf"(?<![\w/]){re.escape(number)}(?![\w/])", q)), None)
        if hit is None:
            report.append(f"left out (no source found): document {number or d.get('name')}")
            del docs[ident]
            continue
        docs[ident] = _from_source(d, *hit)
        dropped = sorted(set(d) - set(docs[ident]) - {"source", "aliases"})
        why = f" (dropped {', '.join(dropped)}: not in its words)" if dropped else ""
        report.append(f"sourced as a citation: document {number}{why}")
    merged_docs = [docs[i] for i in order if i in docs]
    index_raw = {"documents": merged_docs}
    from graph.loaders.catalog import endpoint_index

    known = endpoint_index(index_raw)
    rels: dict[tuple[str, str, str], dict[str, Any]] = {}
    resourced = {(r["old"], r["new"], r["type"]) for r in sourced_relations if _sourced(r)}
    for r in catalog.get("relations", ()):
        if _sourced(r):
            rels[(r["old"], r["new"], r["type"])] = dict(r)
        elif (r["old"], r["new"], r["type"]) not in resourced:
            report.append(f"left out (no source): event {r['old']} -[{r['type']}]-> {r['new']} "
                          f"{r.get('date')}")
    for r in sourced_relations:
        problems = []
        check_relation(r, known, problems)
        if problems:
            report += [f"not merged: {p}" for p in problems]
            continue
        rels[(r["old"], r["new"], r["type"])] = _clean(r, RELATION_FIELDS)
    merged = {"_comment": COMMENT, "documents": merged_docs, "relations": list(rels.values())}
    return merged, report


def main(argv: list[str] | None = None) -> int:
    """Merge the given additions into the catalog (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m graph.loaders.catalog_merge", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("additions", nargs="+", type=Path, help="JSON files of sourced additions")
    parser.add_argument("--catalog", type=Path, default=CATALOG_PATH)
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)
    catalog = json.loads(args.catalog.read_text("utf-8"))
    additions = [json.loads(p.read_text("utf-8")) for p in args.additions]
    merged, report = merge(catalog, additions)
    for line in report:
        print(line)
    problems = check_catalog(merged)
    for p in problems:
        print(f"problem: {p}")
    n_docs, n_rels = len(merged["documents"]), len(merged["relations"])
    print(f"{n_docs} documents, {n_rels} events ({len(catalog['documents'])} and "
          f"{len(catalog.get('relations', ()))} before), {len(problems)} problem(s)", file=sys.stderr)
    if problems:
        print("nothing written: fix the problems first", file=sys.stderr)
        return 1
    if not args.dry_run:
        text = json.dumps(merged, ensure_ascii=False, indent=1) + "\n"
        args.catalog.write_text(re.sub(r'\[\n\s+\]', "[]", text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
