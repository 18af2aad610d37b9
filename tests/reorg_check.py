# ruff: noqa: UP031, E501, SIM115  (the data file's own checker, kept close to how it was written)
"""Check graph/data/reorg_2025.json (Vietnam 2025 reorganisation) -- stdlib only.

The checker written with the data file, kept as it was (tests/test_reorg.py runs it).
Usage: python3 tests/reorg_check.py [path/to/reorg_2025.json] [--reference DIR]

Prints each check and exits 1 if any check fails.  With --reference DIR (or when
the default reference directory exists) it also checks that no run of 10 words
from the reference tables' quote columns was copied into the file.
"""

import csv
import datetime
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FILE = os.path.join(HERE, "..", "graph", "data", "reorg_2025.json")
DEFAULT_REF = os.path.join(os.environ.get("LINEAGE_SHARED") or os.path.join(HERE, "..", "..", "shared"),
                           "reference", "reorg-2025")

STATUSES = {"confirmed", "partially_confirmed"}
GRADES = {"A", "B", "C", "D", "E"}
PROVINCE_KINDS = {"tỉnh", "thành phố"}
SEAT_STATUSES = {"unchanged", "planned", "weak"}
MIN_KINDS = {
    "merged",
    "merged_name_kept",
    "functions_transferred",
    "renamed",
    "resubordinated",
    "kept",
    "split",
}
SOURCE_TYPES = {"government", "news", "legal-database", "secondary", "mirror"}
DOC_NUMBER_RES = [
    re.compile(r"^\d{1,4}/\d{4}/QH\d{2}$"),  # 202/2025/QH15 (Nghị quyết / Luật of the Quốc hội)
    re.compile(r"^\d{1,4}/\d{4}/NĐ-CP$"),  # 45/2025/NĐ-CP
    re.compile(r"^\d{1,4}/\d{4}/QĐ-TTg$"),  # 759/2025/QĐ-TTg style
    re.compile(r"^\d{1,4}/QĐ-TTg$"),  # 759/QĐ-TTg
    re.compile(r"^\d{1,5}/NQ-UBTVQH\d{2}$"),  # 1655/NQ-UBTVQH15
    re.compile(r"^\d{1,4}-NQ/TW$"),  # 60-NQ/TW
]
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SOURCE_ID_RE = re.compile(r"^S\d+$")


class Checker:
    def __init__(self):
        self.failures = 0

    def check(self, label, problems):
        problems = [p for p in problems if p]
        if problems:
            self.failures += 1
            print(f"FAIL  {label}")
            for p in problems[:25]:
                print(f"        - {p}")
            if len(problems) > 25:
                print("        ... and %d more" % (len(problems) - 25))
        else:
            print(f"ok    {label}")


def walk_strings(o, path="$"):
    if isinstance(o, str):
        yield path, o
    elif isinstance(o, list):
        for i, x in enumerate(o):
            yield from walk_strings(x, "%s[%d]" % (path, i))
    elif isinstance(o, dict):
        for k, v in o.items():
            yield f"{path}.<key>", k
            yield from walk_strings(v, f"{path}.{k}")


def valid_date(s):
    if not isinstance(s, str) or not DATE_RE.match(s):
        return False
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def is_doc_number(s):
    return isinstance(s, str) and any(r.match(s) for r in DOC_NUMBER_RES)


def find_cycles(edges):
    """edges: iterable of (a, b); self-loops (unchanged units) are ignored."""
    graph = {}
    for a, b in edges:
        if a != b:
            graph.setdefault(a, set()).add(b)
    WHITE, GREY, BLACK = 0, 1, 2
    colour, cycles = {}, []

    def dfs(n, stack):
        colour[n] = GREY
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            c = colour.get(m, WHITE)
            if c == GREY:
                cycles.append([*stack[stack.index(m) :], m])
            elif c == WHITE:
                dfs(m, stack)
        stack.pop()
        colour[n] = BLACK

    for n in sorted(graph):
        if colour.get(n, WHITE) == WHITE:
            dfs(n, [])
    return cycles


def main(argv):
    path, ref = DEFAULT_FILE, DEFAULT_REF if os.path.isdir(DEFAULT_REF) else None
    args = list(argv)
    if "--reference" in args:
        i = args.index("--reference")
        ref = args[i + 1]
        del args[i : i + 2]
    if args:
        path = args[0]
    print(f"checking {path}")
    C = Checker()

    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"FAIL  file is not UTF-8: {e}")
        return 1
    C.check("file is UTF-8 without BOM", ["starts with a BOM"] if text.startswith("\ufeff") else [])
    C.check(
        "whole file text is NFC",
        [] if unicodedata.normalize("NFC", text) == text else ["file text is not NFC"],
    )
    doc = json.loads(text)

    top = ["_comment", "sources", "provinces", "ministries", "departments", "district_level"]
    C.check("top-level keys present", [f"missing {k}" for k in top if k not in doc])

    # ---- strings: NFC, whitespace
    probs = []
    for p, s in walk_strings(doc):
        if unicodedata.normalize("NFC", s) != s:
            probs.append(f"{p} not NFC: {s!r}")
        if s != s.strip() or "  " in s:
            probs.append(f"{p} has stray whitespace: {s!r}")
    C.check("every string (names, scopes, notes, keys) is NFC with no stray whitespace", probs)

    # ---- sources registry
    sources = doc.get("sources", {})
    probs, seen_urls = [], {}
    for sid, s in sources.items():
        if not SOURCE_ID_RE.match(sid):
            probs.append(f"bad source id {sid!r}")
        url = s.get("url", "")
        if not re.match(r"^https?://[^\s]+$", url):
            probs.append(f"{sid}: bad url {url!r}")
        if url in seen_urls:
            probs.append(f"{sid}: url already registered as {seen_urls[url]}")
        seen_urls[url] = sid
        if not s.get("publisher"):
            probs.append(f"{sid}: no publisher")
        if "type" in s and s["type"] not in SOURCE_TYPES:
            probs.append("{}: bad type {!r}".format(sid, s["type"]))
    C.check("sources: %d ids, each URL registered once, each with a publisher" % len(sources), probs)

    referenced = set()

    def refs(label, lst, where):
        out = []
        if not isinstance(lst, list) or not lst:
            return [f"{where}: {label} has no sources"]
        for sid in lst:
            referenced.add(sid)
            if sid not in sources:
                out.append(f"{where}: {label} references unknown source {sid!r}")
        if len(set(lst)) != len(lst):
            out.append(f"{where}: {label} lists a source twice")
        return out

    legal_docs = doc.get("legal_documents", {})

    def basis(lst, where):
        out = []
        if not isinstance(lst, list) or not lst:
            return [f"{where}: empty legal_basis"]
        for n in lst:
            if not is_doc_number(n):
                out.append(f"{where}: legal basis {n!r} has no document-number shape")
            elif legal_docs and n not in legal_docs:
                out.append(f"{where}: legal basis {n!r} not described in legal_documents")
        return out

    all_dates, all_refs, all_basis, all_status = [], [], [], []

    # ---- provinces
    prov = doc.get("provinces", [])
    formers = [r.get("former") for r in prov]
    dup = sorted({f for f in formers if formers.count(f) > 1})
    C.check("provinces: every former province appears exactly once", [f"duplicate former {f!r}" for f in dup])
    C.check(
        "provinces: exactly 63 former provinces (found %d)" % len(set(formers)),
        []
        if len(prov) == 63 and len(set(formers)) == 63
        else ["%d rows, %d distinct formers" % (len(prov), len(set(formers)))],
    )
    succs = {r.get("successor") for r in prov}
    C.check(
        "provinces: exactly 34 distinct successors (found %d)" % len(succs),
        [] if len(succs) == 34 else [f"successors: {sorted(succs)}"],
    )

    probs = []
    for r in prov:
        w = "province {!r}".format(r.get("former"))
        for k in ("former_kind", "successor_kind"):
            if r.get(k) not in PROVINCE_KINDS:
                probs.append(f"{w}: bad {k} {r.get(k)!r}")
        n = r.get("former", "")
        if re.match(r"^(Tỉnh|tỉnh|TP\.?|Thành phố|thành phố) ", n) and n != "Thành phố Hồ Chí Minh":
            probs.append(f"{w}: name carries a unit-kind prefix")
        if r.get("grade") not in GRADES:
            probs.append("{}: bad grade {!r}".format(w, r.get("grade")))
        if r.get("seat_in_former") not in (True, False, None):
            probs.append(f"{w}: seat_in_former must be bool or null")
        if "seat_status" in r and r["seat_status"] not in SEAT_STATUSES:
            probs.append("{}: bad seat_status {!r}".format(w, r["seat_status"]))
    C.check(
        "provinces: kinds, grades, seat fields well-formed, names without 'Tỉnh'/'Thành phố' prefix", probs
    )

    # successor kind consistent per successor; unchanged units
    probs, kinds = [], {}
    for r in prov:
        kinds.setdefault(r["successor"], set()).add(r.get("successor_kind"))
    probs += [f"successor {s!r} has kinds {sorted(k)}" for s, k in kinds.items() if len(k) != 1]
    C.check(
        "provinces: each successor has one successor_kind (%d thành phố, %d tỉnh)"
        % (
            sum(1 for k in kinds.values() if k == {"thành phố"}),
            sum(1 for k in kinds.values() if k == {"tỉnh"}),
        ),
        probs,
    )

    # merged_with consistency
    groups = {}
    for r in prov:
        groups.setdefault(r["successor"], []).append(r["former"])
    probs = []
    for r in prov:
        mw = r.get("merged_with")
        if not isinstance(mw, list):
            probs.append("{!r}: merged_with is not a list".format(r["former"]))
            continue
        expect = set(groups[r["successor"]]) - {r["former"]}
        if set(mw) != expect or len(mw) != len(set(mw)) or r["former"] in mw:
            probs.append("{!r}: merged_with {}, expected {}".format(r["former"], mw, sorted(expect)))
    single = [s for s, g in groups.items() if len(g) == 1]
    C.check(
        "provinces: merged_with lists equal the other formers of the same successor "
        "(%d unchanged units, %d merged units)" % (len(single), len(groups) - len(single)),
        probs,
    )

    # seat consistency: within a merged group at most one former holds the seat
    probs = []
    for s, g in groups.items():
        rows = [r for r in prov if r["successor"] == s]
        holders = [r["former"] for r in rows if r.get("seat_in_former") is True]
        if len(g) > 1 and len(holders) > 1:
            probs.append(f"successor {s!r}: seat in several formers {holders}")
        if len(g) > 1 and all(r.get("seat_in_former") is not None for r in rows) and not holders:
            probs.append(f"successor {s!r}: seat in no former")
    C.check("provinces: each merged successor has its seat in exactly one former unit (or null)", probs)

    for r in prov:
        w = "province {!r}".format(r.get("former"))
        all_dates += [(w + ".date", r.get("date")), (w + ".in_force_from", r.get("in_force_from"))]
        all_refs.append(("sources", r.get("sources"), w))
        if "date_sources" in r:
            all_refs.append(("date_sources", r.get("date_sources"), w))
        all_basis.append((r.get("legal_basis"), w))
        all_status.append((r.get("status"), w))

    # ---- ministries & departments
    for section in ("ministries", "departments"):
        rows = doc.get(section, [])
        probs = []
        keyset = set()
        for i, r in enumerate(rows):
            w = "%s[%d] %r->%r" % (section, i, r.get("former"), r.get("successor"))
            for k in ("former", "successor", "kind", "date", "legal_basis", "status", "sources"):
                if k not in r:
                    probs.append(f"{w}: missing {k}")
            if r.get("kind") not in MIN_KINDS:
                probs.append("{}: bad kind {!r}".format(w, r.get("kind")))
            if "scope" not in r or not (r["scope"] is None or (isinstance(r["scope"], str) and r["scope"])):
                probs.append(f"{w}: scope must be null or a non-empty string")
            if r.get("kind") == "functions_transferred" and r.get("scope") is None:
                probs.append(f"{w}: functions_transferred without a scope")
            if r.get("kind") in ("kept", "merged_name_kept") and r.get("former") != r.get("successor"):
                probs.append("{}: kind {} but names differ".format(w, r.get("kind")))
            key = (r.get("former"), r.get("successor"), r.get("scope"), r.get("condition"))
            if key in keyset:
                probs.append(f"{w}: duplicate row")
            keyset.add(key)
            all_dates += [(w + ".date", r.get("date"))]
            if r.get("in_force_from") is not None:
                all_dates.append((w + ".in_force_from", r.get("in_force_from")))
            all_refs.append(("sources", r.get("sources"), w))
            all_basis.append((r.get("legal_basis"), w))
            all_status.append((r.get("status"), w))
        # at most one default (scope null) successor per former and condition
        defaults = {}
        for r in rows:
            if r.get("scope") is None and r.get("kind") != "resubordinated":
                defaults.setdefault((r.get("former"), r.get("condition")), []).append(r.get("successor"))
        probs += [
            f"{section}: {f!r} has several default successors {s}" for f, s in defaults.items() if len(s) > 1
        ]
        C.check(
            "%s: %d rows well-formed (kind, scope, no duplicates, one default successor per former)"
            % (section, len(rows)),
            probs,
        )

    # ---- district level
    dl = doc.get("district_level", {})
    probs = []
    if dl.get("ended") != "2025-07-01":
        probs.append("district_level.ended is {!r}, expected 2025-07-01".format(dl.get("ended")))
    if not dl.get("successor_note"):
        probs.append("district_level.successor_note missing")
    C.check("district_level: ended 2025-07-01, successor_note present", probs)
    all_dates.append(("district_level.ended", dl.get("ended")))
    if dl.get("in_force_from") is not None:
        all_dates.append(("district_level.in_force_from", dl.get("in_force_from")))
    all_basis.append((dl.get("legal_basis"), "district_level"))
    all_refs.append(("sources", dl.get("sources"), "district_level"))
    if "status" in dl:
        all_status.append((dl["status"], "district_level"))
    for key in ("communes_after", "before", "district_offices"):
        sub = dl.get(key)
        if isinstance(sub, dict):
            all_refs.append(("sources", sub.get("sources"), "district_level." + key))
            all_status.append((sub.get("status"), "district_level." + key))
            if sub.get("date") is not None:
                all_dates.append((f"district_level.{key}.date", sub.get("date")))
            if "legal_basis" in sub:
                all_basis.append((sub["legal_basis"], "district_level." + key))
    for i, cr in enumerate(dl.get("commune_resolutions", [])):
        w = "district_level.commune_resolutions[%d]" % i
        all_refs.append(("sources", cr.get("sources"), w))
        all_status.append((cr.get("status"), w))
        all_basis.append(([cr.get("legal_basis")], w))
    ca = dl.get("communes_after")
    if isinstance(ca, dict):
        C.check(
            "district_level: commune counts add up ({})".format(ca.get("total")),
            []
            if ca.get("xã", 0) + ca.get("phường", 0) + ca.get("đặc khu", 0) == ca.get("total")
            else ["counts do not add up"],
        )

    # ---- legal documents registry
    probs = []
    for num, d in legal_docs.items():
        w = f"legal_documents[{num!r}]"
        if not is_doc_number(num):
            probs.append(f"{w}: no document-number shape")
        for k in ("date", "in_force_from"):
            if d.get(k) is not None:
                all_dates.append((w + "." + k, d[k]))
        if d.get("date") and d.get("in_force_from") and d["in_force_from"] < d["date"]:
            probs.append(f"{w}: in force before it was issued")
        all_status.append((d.get("status"), w))
        if d.get("sources"):
            all_refs.append(("sources", d.get("sources"), w))
    C.check(
        "legal_documents: %d numbers well-formed, in_force_from not before issue date" % len(legal_docs),
        probs,
    )

    # ---- cross-cutting checks
    C.check(
        "dates: %d values are real ISO dates (YYYY-MM-DD)" % len(all_dates),
        [f"{w} = {d!r}" for w, d in all_dates if not valid_date(d)],
    )
    probs = []
    for section in ("provinces", "ministries"):
        for r in doc.get(section, []):
            if (
                valid_date(r.get("in_force_from"))
                and valid_date(r.get("date"))
                and r["in_force_from"] > r["date"]
            ):
                probs.append(
                    "{} {!r}: in_force_from {} after date {}".format(
                        section, r["former"], r["in_force_from"], r["date"]
                    )
                )
    C.check("dates: legal basis in force on or before the change date", probs)
    probs = []
    for label, lst, w in all_refs:
        probs += refs(label, lst, w)
    C.check(
        "sources: every referenced source id exists (%d references)" % sum(len(x[1] or []) for x in all_refs),
        probs,
    )
    C.check(
        "sources: every registered source is referenced",
        [f"{s} never referenced" for s in sources if s not in referenced],
    )
    probs = []
    for lst, w in all_basis:
        probs += basis(lst, w)
    C.check(
        "legal_basis: every entry has a document-number shape (e.g. 202/2025/QH15, 45/2025/NĐ-CP, 60-NQ/TW)",
        probs,
    )
    C.check(
        "status: every status is confirmed or partially_confirmed",
        [f"{w}: {s!r}" for s, w in all_status if s not in STATUSES],
    )

    # ---- cycles
    for section in ("provinces", "ministries", "departments"):
        cyc = find_cycles((r["former"], r["successor"]) for r in doc.get(section, []) if r.get("successor"))
        C.check(f"{section}: no successor chain forms a cycle", [" -> ".join(c) for c in cyc])
    # provinces: every successor of a merged group is final (no successor is itself succeeded by something else)
    former_to_succ = {r["former"]: r["successor"] for r in prov}
    C.check(
        "provinces: chains have length 1 (a successor is not re-succeeded)",
        [
            f"{f!r} -> {s!r} -> {former_to_succ[s]!r}"
            for f, s in former_to_succ.items()
            if s in former_to_succ and former_to_succ[s] != s
        ],
    )

    # ---- no copied quotes
    if ref and os.path.isdir(ref):

        def words(t):
            return re.findall(r"\w+", t.lower())

        grams = set()
        for name in os.listdir(ref):
            if name.endswith(".csv"):
                with open(os.path.join(ref, name), encoding="utf-8", newline="") as f:
                    for row in csv.DictReader(f):
                        for q in (row.get("quote") or "").split("||"):
                            ws = words(unicodedata.normalize("NFC", q))
                            grams.update(tuple(ws[i : i + 10]) for i in range(len(ws) - 9))
            elif name.endswith(".md") and name != "README.md":
                for q in re.findall(
                    r"(?:^\s*>\s*(.+)$)|\"([^\"]{40,})\"",
                    open(os.path.join(ref, name), encoding="utf-8").read(),
                    re.M,
                ):
                    ws = words(unicodedata.normalize("NFC", q[0] or q[1]))
                    grams.update(tuple(ws[i : i + 10]) for i in range(len(ws) - 9))
        probs = []
        for p, s in walk_strings(doc):
            if p.startswith("$.sources"):
                continue
            ws = words(s)
            for i in range(len(ws) - 9):
                if tuple(ws[i : i + 10]) in grams:
                    probs.append("{} repeats quoted text: {!r}".format(p, " ".join(ws[i : i + 10])))
                    break
        C.check(
            "no 10-word run of the reference quotes is copied (%d quote n-grams from %s)" % (len(grams), ref),
            probs,
        )
    else:
        print("skip  quote-copy check (reference directory not available)")

    print()
    if C.failures:
        print("%d check(s) FAILED" % C.failures)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
