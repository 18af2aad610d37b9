"""Assignments: which agency is told to lead (chủ trì) or coordinate (phối hợp) which task.

Two shapes are read, in every section except those reporting on the past:
- a heading naming agencies ("3.2. Sở Tài chính", "1. Trách nhiệm của Sở ...",
  "7. Báo ..., Đài ... có trách nhiệm:") followed by bullets "Chủ trì, phối hợp với ..." (lead)
  or "Phối hợp với ..." (coordinate);
- a sentence with its own subject: "Giao Sở X chủ trì, phối hợp với ...", "Sở X, Sở Y phối hợp
  với Sở Z ...".
A clause with neither verb that charges an agency with its task ("Giao Sở X triển khai ...", "Sở X có
trách nhiệm bổ sung ...") makes the agency lead (not the closing article's "... chịu trách nhiệm thi hành
Quyết định này").
A clause with "chủ trì" makes its subject lead; the agencies it is told to work with ("chủ trì, phối
hợp với Sở B, Sở C ...", "chủ trì và phối hợp cùng ...") are the lead's ``coordinators``, read by
:func:`_partners` (the graph gives each a ``PHỐI_HỢP`` role on the task). A clause with only "phối hợp"
makes its subject coordinate. Vague groups ("các đơn vị có liên quan", "các sở, ngành liên quan") are
neither assignees nor coordinators; named groups ("UBND các huyện, thành phố") are both.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from graph.model import Assignment
from graph.reading.documents.agencies import _data as agency_data
from graph.reading.documents.agencies import canonical_prefix, split_agencies
from graph.reading.tasks.lowered import span_low
from graph.reading.tasks.money import patterns
from graph.reading.tasks.outline import Heading, Outline
from graph.reading.tasks.tables import find_tables, split_row
from graph.reading.tasks.targets_patterns import finditer_after_marks
from graph.reading.tasks.verb_hits import COORD, LEAD, coord_starts, duty_starts, lead_starts
from graph.reading.text.prepared import PreparedText
from graph.text import unify_tones

_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ\-–•*+])|;\s*")
_CLAUSE_MARKS = re.compile(r"[.!?;]")  # where each end of a clause starts, or the mark before it
_MAX_TASK = 300
_CLOSING = " \t.,;:/"  # what may follow a verb that ends its clause
_MAX_NAME_WORDS = 10  # an agency told its task after "giao" and longer than this ran on into the task
_LABEL = re.compile(r"^\s*(?:[-–•*+]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)])\s*")  # a list item's label
_LEGAL_BASIS = re.compile(r"^\s*Căn cứ\b")
_LAW_OR_NUMBER = re.compile(r"\d+/|Luật")
_LISTED = re.compile(r"(?:,|\bvà)\s*$")  # a gap between two agencies of a list
_PUNCT_END = re.compile(r"[,;:]\s*$")
_SENTENCE_SPLIT = re.compile(r"[;.]\s")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    p = patterns()["assignments"]
    starts = sorted(agency_data()["starts"], key=len, reverse=True)
    heads = sorted(agency_data()["heads"], key=len, reverse=True)
    alt = lambda ws: "|".join(re.escape(w) for w in ws)  # noqa: E731
    return {
        # "Sở hữu", "Bộ phận", "bộ chỉ số" are words, not bodies: Sở / Bộ name one before a capital
        "start": re.compile(rf"(?<![\w])(?!(?:Sở|Bộ)\s+[a-zà-ỹđ])(?:{alt(starts)})(?![\w])"),
        "head": re.compile(rf"(?<![\w])(?:{alt(heads)})\s+(?=\S)"),
        "noun_before": re.compile(rf"(?:{alt(p['verb_as_noun'])})\s*$", re.IGNORECASE),
        "subject_prefix": re.compile(rf"^\s*(?:[-–•*+]\s*)?(?:{alt(p['subject_prefixes'])})\s+",
                                     re.IGNORECASE),
        "heading_prefix": re.compile(rf"^\s*(?:{alt(p['heading_prefixes'])})\s+", re.IGNORECASE),
        "heading_suffix": re.compile(rf"\s*(?:{alt(p['heading_suffixes'])})\s*[:.]?\s*$", re.IGNORECASE),
        "object_before": re.compile(rf"\b(?:{alt(p['object_prepositions'])})\s*$", re.IGNORECASE),
        # the longest words of "noun_before" and "object_before" (see _ends_with)
        "noun_before_len": max(map(len, p["verb_as_noun"])),
        "object_before_len": max(map(len, p["object_prepositions"])),
        "vague": re.compile(rf"(?:{alt(p['vague_endings'])})\s*$|^(?:{alt(p['vague_names'])})$",
                            re.IGNORECASE),
        "name_goes_on": re.compile(rf"(?:{alt(p['name_continuations'])})\b", re.IGNORECASE),
        "past": re.compile(rf"\b(?:{alt(patterns()['target_sections']['past'])})\b", re.IGNORECASE),
        # after "chủ trì": ", phối hợp với", " và phối hợp cùng", ", chủ động phối hợp chặt chẽ với" ...
        "partner_verb": re.compile(
            rf"\s*,?\s*(?:và\s+)?(?:(?:{alt(p['partner_adverbs'])})\s+)?{COORD.pattern}"
            rf"\s+(?:(?:{alt(p['partner_adverbs'])})\s+)?(?:{alt(p['partner_links'])})(?![\w])\s*:?\s*"),
        "partner_verb_bare": re.compile(
            rf"\s*,?\s*(?:và\s+)?(?:(?:{alt(p['partner_adverbs'])})\s+)?{COORD.pattern}\s+"),
        # where a list of partners gives way to the task (case-sensitive: "Ban Tổ chức" is a name)
        "list_end": re.compile(rf"(?<![\w])(?:{alt(p['partner_list_ends'])})(?![\w])"
                              r"|(?<=[a-zà-ỹđ]{2})[.!?](?:\s|$)|:(?:\s|$)"),
        "list_sep": re.compile(r"\s*;\s*(?!$)"),
        "task_opening": re.compile(rf"(?<![\w])(?:{alt([*p['task_openings'], *p['duty_words']])})(?![\w])"),
        # "Sở X là cơ quan chủ trì", "Sở X có trách nhiệm chủ trì": the noun before the verb is the subject's
        "subject_tail": re.compile(rf"\s+(?:là\s+(?:{alt(p['copula_nouns'])})|{alt(p['duty_words'])})\s*$",
                                   re.IGNORECASE),
        "purpose": re.compile(rf"(?<![\w])(?:{alt(p['purpose_words'])})(?![\w])", re.IGNORECASE),
        "lead_in": re.compile(rf"^\s*(?:{alt(p['lead_ins'])})\s*,\s*", re.IGNORECASE),
        "assigning": re.compile(rf"(?<![\w])(?:{alt(p['assigning_words'])})\s+", re.IGNORECASE),
        "duty": re.compile(rf"(?<![\w])(?:{alt(p['duty_words'])})\s+(?!(?:{alt(p['duty_not_task'])})(?![\w]))"
                           r"(?=[^\W\d_])", re.IGNORECASE),
    }


def _ends_with(key: str, text: str) -> bool:
    """``_vocab()[key].search(text)`` for a pattern of words then white space to the end ("noun_before",
    "object_before"), faster: a match is one of the words (one character for each of the pattern's, in
    any case) and white space, so it is looked for in the last characters only (the pattern, tried at
    every position, would read the whole text)."""
    v = _vocab()
    return v[key].search(text, max(0, len(text.rstrip()) - v[f"{key}_len"])) is not None


def _verb(clause: str, rx: re.Pattern) -> re.Match | None:
    """The first use of a verb in a clause that is a verb ("đơn vị phối hợp" is a noun, "Sở X là cơ
    quan chủ trì" and "Sở X có trách nhiệm chủ trì" say Sở X leads)."""
    for m in rx.finditer(clause):
        if m.start() and clause[m.start() - 1].isalnum():
            continue
        if not _ends_with("noun_before", clause[:m.start()]) or _subject_tail(clause, m.start()):
            return m
    return None


def _subject_tail(clause: str, at: int) -> re.Match | None:
    """" là cơ quan " / " có trách nhiệm " … just before ``at``: the agency before it is the subject."""
    return _vocab()["subject_tail"].search(clause, max(0, at - 25), at)


def _agencies_in(subject: str, province: str | None, whole: bool = False) -> list[str]:
    """The agencies a subject names: from the last agency word on ("UBND tỉnh chỉ đạo Sở X" -> Sở X);
    ``whole``: the subject is names alone, none holds a predicate to cut ("Ban Chỉ đạo cải cách hành chính
    tỉnh" is one name, not "Ban Chỉ đạo" told to reform)."""
    v = _vocab()
    subject = v["subject_prefix"].sub("", subject).strip(" ,:-–")
    if not subject:
        return []
    # a body named after 'của', 'thuộc', 'với' ... is inside a longer phrase, not a subject
    starts = sorted({m.start() for rx in (v["start"], v["head"]) for m in rx.finditer(subject)
                     if not _ends_with("object_before", subject[:m.start()])})
    if not starts:
        return []
    # the subject is the agency named just before the verb; a list of agencies runs back over
    # ", " / " và " to its first member
    k = len(starts) - 1
    while k > 0:
        gap = subject[starts[k - 1]:starts[k]]
        listed = _LISTED.search(gap) and len(gap.split()) <= 12
        compound = len(gap.split()) <= 2 and not _PUNCT_END.search(gap)  # "Ủy ban Mặt trận ..."
        if not (listed or compound):
            break
        k -= 1
    tail = subject[starts[k]:]
    if v["purpose"].search(tail):  # "Quy chế … giữa Công an tỉnh và Sở X nhằm tăng cường phối hợp": the
        return []  # verb is in a clause of purpose, its agencies are no subject of it
    names = split_agencies(tail, province)
    names = names if whole else map(_without_predicate, names)
    return [n for n in names if n and not v["vague"].search(n)]


def _without_predicate(name: str) -> str:
    """A known body followed by what it is told to do ("Bộ Tài chính cân đối, bố trí vốn") -> the body.
    Places and qualifiers after the name stay ("Sở Tư pháp tỉnh Bắc Ninh", "UBND các huyện")."""
    found = canonical_prefix(name)
    if not found or not found[1]:
        return name
    full, rest = found
    first = rest.split()[0]
    if first[:1].isupper() or _vocab()["name_goes_on"].match(rest):
        return name
    return full


def heading_agencies(heading: Heading, province: str | None) -> list[str]:
    """Agencies a heading is about ("1. Trách nhiệm của Sở X", "2. Sở A, Sở B có trách nhiệm")."""
    return list(_heading_agencies(heading.text, province))


@lru_cache(maxsize=4096)  # every line below a heading asks again
def _heading_agencies(heading: str, province: str | None) -> tuple[str, ...]:
    v = _vocab()
    text = v["heading_prefix"].sub("", heading)
    verb = _verb(text, LEAD) or _verb(text, COORD)
    if verb:
        text = text[:verb.start()]
    text = _SENTENCE_SPLIT.split(text, 1)[0]
    text = v["heading_suffix"].sub("", text).strip(" :.")
    if not text or not (v["start"].match(text) or v["head"].match(text)) or len(text) > 160:
        return ()
    names = map(_without_predicate, split_agencies(text, province))
    return tuple(n for n in names if not v["vague"].search(n))


@lru_cache(maxsize=4096)
def _past_heading(heading: str) -> bool:
    """Whether a heading opens a section that reports on the past ("Kết quả ...", "Đánh giá ...")."""
    return bool(_vocab()["past"].search(unify_tones(heading)))


def _partners(text: str, lead: re.Match, province: str | None) -> list[str]:
    """The agencies a lead is told to work with: "[chủ trì], phối hợp với Sở B, Sở C và UBND các huyện
    tổ chức ..." -> Sở B, Sở C, UBND các huyện. ``text`` runs from the clause on to the end of the line
    (a list may go on over ';'); the list ends where the task begins or at a part that names no agency."""
    v = _vocab()
    link = v["partner_verb"].match(text, lead.end())
    if link is None:  # "chủ trì, phối hợp các Sở, ngành …": no "với", an agency right after the verb
        link = v["partner_verb_bare"].match(text, lead.end())
        if link is None or not (v["start"].match(text, link.end()) or v["head"].match(text, link.end())):
            return []
    return _agency_list(text[link.end():], province)


def _agency_list(rest: str, province: str | None) -> list[str]:
    """The agencies a text opens with, up to where the task begins ("Sở B, Sở C và UBND các huyện tổ
    chức ..." -> Sở B, Sở C, UBND các huyện), or at a part that names no agency."""
    v = _vocab()
    end = v["list_end"].search(rest)
    rest = rest[:end.start()] if end else rest
    parts = []
    for part in v["list_sep"].split(rest):  # "Sở A; Sở B" is a list, "Sở A; tổ chức ..." ends it
        part = part.strip(" ,;")
        if not (v["start"].match(part) or v["head"].match(part)):
            break
        parts.append(part)
    names = map(_without_predicate, split_agencies("; ".join(parts), province))
    return [n for n in names if n and len(n.split()) <= 14 and not v["vague"].search(n)]


def _assigned(clause: str, province: str | None) -> list[str]:
    """The agencies a clause without chủ trì / phối hợp charges with its task, as its lead: "Giao Sở X
    triển khai ..." (the agencies after "giao"), "Sở X có trách nhiệm bổ sung ..." (the subject of
    "có / chịu trách nhiệm"). None for "... chịu trách nhiệm thi hành Quyết định này" or a vague subject."""
    v = _vocab()
    m = v["assigning"].search(clause)
    if m and _names_only(clause[:m.start()], empty=True) and (v["start"].match(clause, m.end())
                                                               or v["head"].match(clause, m.end())):
        rest = clause[m.end():]
        opening = v["task_opening"].search(rest)
        names = _agency_list(rest[:opening.start()] if opening else rest, province)
        return [n for n in names if len(n.split()) <= _MAX_NAME_WORDS]
    m = v["duty"].search(clause)
    # the agencies are its whole subject: "…, chịu trách nhiệm …" is a second predicate of a longer one
    if m is None or not _names_only(clause[:m.start()]):
        return []
    return _agencies_in(clause[:m.start()], province, whole=True)


def _names_only(subject: str, empty: bool = False) -> bool:
    """Whether a clause's words before its verb are a subject of agencies alone: they open with an
    agency and do not end a phrase with ','; ``empty``: no subject at all will do too."""
    v = _vocab()
    subject = v["lead_in"].sub("", _LABEL.sub("", subject)).strip()
    if not subject:
        return empty
    return bool(v["start"].match(subject) or v["head"].match(subject)) and not subject.endswith(",")


def _task(clause: str) -> str:
    text = _LABEL.sub("", clause).strip(" ;.")
    return text if len(text) <= _MAX_TASK else text[:_MAX_TASK].rsplit(" ", 1)[0] + " …"


def _context(chain: list[Heading], line_start: int, province: str | None) -> list[str]:
    """The agencies the nearest heading above a line names (the line's own heading only when it goes on
    after its ':')."""
    for h in reversed(chain):
        if h.start == line_start and not h.inline:
            continue
        context = heading_agencies(h, province)
        if context:
            return context
    return []


def _heading_context(contexts: dict[int, list[str]], chain: list[Heading], line_start: int,
                     province: str | None) -> list[str]:
    """:func:`_context` of the line at ``line_start``; for a line that is no heading, remembered in
    ``contexts`` by the heading above it (every line under it has the same)."""
    here = chain[-1].start if chain else -1
    if here == line_start:
        return _context(chain, line_start, province)
    if here not in contexts:
        contexts[here] = _context(chain, line_start, province)
    return contexts[here]


def read_assignments(prep: PreparedText, start: int, end: int,
                     province: str | None = None) -> list[Assignment]:
    """Every chủ trì / phối hợp assignment in ``prep.text[start:end]``."""
    v = _vocab()
    outline = Outline.of(prep.text, start, end)
    tables = [(t.start, t.end) for t in find_tables(prep.text, start, end)]
    out: list[Assignment] = []
    seen: set[tuple[str, str, str]] = set()
    text = prep.text
    low, lowered = span_low(prep, start, end)
    starts = lead_starts(text, start, end, low if lowered else None) + \
        coord_starts(text, start, end, low, lowered) + duty_starts(text, start, end, low, lowered)
    hits = sorted({at for at in starts if at == 0 or not text[at - 1].isalnum()})
    verbs = sorted(starts)  # a clause without one of these has no verb: it is not searched
    past: dict[int, bool] = {}  # under a heading (its start), whether the lines report on the past
    contexts: dict[int, list[str]] = {}  # under a heading, the agencies of the lines that are no heading
    line_starts = sorted({max(text.rfind("\n", start, h) + 1, start) for h in hits})
    for line_start in line_starts:
        nl = text.find("\n", line_start, end)
        line = text[line_start:end if nl < 0 else nl]
        if split_row(line) is not None or any(s <= line_start < e for s, e in tables):
            continue
        if _LEGAL_BASIS.match(line) and _LAW_OR_NUMBER.search(line):
            continue
        chain = outline.chain(line_start)
        here = chain[-1].start if chain else -1
        if here == line_start:  # the line is a heading: its words before the first verb name its section
            first = hits[bisect_left(hits, line_start)]
            if any(_past_heading(h.text) for h in chain[:-1]) or _past_heading(line[:first - line_start]):
                continue
        else:
            if here not in past:
                past[here] = any(_past_heading(h.text) for h in chain)
            if past[here]:
                continue
        context: list[str] | None = None  # the agencies of a clause without its own, read at the first one
        body_offset = 0
        if chain and chain[-1].start == line_start:
            own = heading_agencies(chain[-1], province)
            if own:
                context = own
                if chain[-1].inline:
                    body_offset = line.find(chain[-1].inline)
        body = line[body_offset:]
        cpos = 0
        for m in [*finditer_after_marks(_CLAUSE, _CLAUSE_MARKS, ".!?", body), None]:
            cend = m.start() if m else len(body)
            clause = body[cpos:cend]
            nxt = m.end() if m else len(body)
            c_start = cpos
            cpos = nxt
            k = bisect_left(verbs, line_start + body_offset + c_start)
            if k == len(verbs) or verbs[k] >= line_start + body_offset + cend:
                continue
            lead, coord = _verb(clause, LEAD), _verb(clause, COORD)
            if lead and not clause[lead.end():].strip(_CLOSING):
                lead = None  # "Hội nghị do …, Giám đốc Sở X chủ trì.": who chairs a meeting, told nothing
            verb = lead or coord
            if verb:
                role = "lead" if lead else "coordinate"
                subject = clause[max(0, verb.start() - 400):verb.start()]
                tail = _subject_tail(subject, len(subject))
                subject = subject[:tail.start()] if tail else subject
                agencies = _agencies_in(subject, province)
            else:
                role, subject, agencies = "lead", "", _assigned(clause, province)
                if not agencies:
                    continue
            if not agencies:
                if v["start"].search(v["subject_prefix"].sub("", subject)):
                    continue  # a subject of its own, but vague ("các đơn vị có liên quan")
                if context is None:
                    context = _heading_context(contexts, chain, line_start, province)
                agencies = context
            cited, line_no = prep.cite(line_start + body_offset + c_start, line_start + body_offset + cend)
            partners = _partners(body[c_start:], lead, province) if lead else []
            for agency in agencies:
                key = (agency, role, clause)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Assignment(agency=agency, role=role, task=_task(clause), text=cited.strip(),
                                      line=line_no, coordinators=[p for p in partners if p not in agencies]))
    return out
