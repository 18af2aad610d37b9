"""Agency names: abbreviations expanded through the alias table in ``graph/data/agency_aliases.json``.

``expand_agency("Sở TT&TT")`` -> ``"Sở Thông tin và Truyền thông"``; ``split_agencies`` reads lists
such as "Giám đốc các Sở: Tư pháp, Tài chính" or "Sở Nội vụ, Sở Tài chính và UBND các huyện".
Abbreviations of departments and ministries (TT&TT, TTTT, STTTT, KH&ĐT ...) are derived from the
initials of their names, so the table lists each body once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.text.folding import quick_fold as fold
from graph.text import nfc, unify_tones

_STRIP = " \t\r\n:;,.-–—*+•“”\"'()"


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_json("agency_aliases.json")


_UBND_RE = re.compile(r"\buy ban nhan dan\b")
_HDND_RE = re.compile(r"\bhoi dong nhan dan\b")
_NOT_KEY_RE = re.compile(r"[^a-z0-9]+")
# the fixed patterns of expand_agency and split_agencies (compiled once; each tried only where the
# literal it needs is in the text: a pattern led by a look-behind or \s* is tried at every position)
_BRACKET_RE = re.compile(r"\s*\((?:[^()a-zà-ỹđ]{1,12})\)?$")
_DOT_RE = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_EVERY_DISTRICT_RE = re.compile(r"^UBND (huyện|quận|thị xã)(?=,)")
_GROUP_RE = re.compile(r"(?:^|\s)các\s", re.IGNORECASE)
_LIST_HEAD_RE = re.compile(r"^(?:các\s+)?(Sở|Bộ|Ban)\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_LIST_KIND_RE = re.compile(r"^các\s+(Sở|Bộ)\s+(.+)$", re.DOTALL)
_MEMBER_RE = re.compile(r"(.+?)(?=\s*(?:,|;|\bvà\b)|$)", re.DOTALL)
_NEXT_MEMBER_RE = re.compile(r"^\s*(?:,|;|\bvà\b)?\s*")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A matching key for an agency name: folded, UBND/HĐND spelt short, punctuation and spaces gone."""
    text = fold(name).replace("&", " va ")
    if "uy ban nhan dan" in text:
        text = _UBND_RE.sub("ubnd", text)
    if "hoi dong nhan dan" in text:
        text = _HDND_RE.sub("hdnd", text)
    return _NOT_KEY_RE.sub("", text)


def _groups(rest: str) -> list[str]:
    """'Lao động - Thương binh và Xã hội' -> ['Lao động', 'Thương binh', 'Xã hội']."""
    return [g for g in re.split(r"\s*(?:,|-|–|\bvà\b)\s*", rest) if g.strip()]


def _initials(group: str) -> str:
    return "".join(w[0] for w in group.split())


def _variants(body: str) -> set[str]:
    """Written forms of a body's name: full, without 'và', and its abbreviations."""
    out = {body, body.replace(" và ", " ")}
    head, _, rest = body.partition(" ")
    if head not in ("Sở", "Bộ") or not rest:
        return out
    inits = [_initials(g) for g in _groups(rest)]
    if not all(inits):
        return out
    joined = "".join(inits)
    forms = {joined}
    if len(inits) > 1:
        forms.add("".join(inits[:-1]) + "&" + inits[-1])
        forms.add("-".join(inits[:-1]) + "&" + inits[-1])
        forms.add(" và ".join(inits))
    for form in forms:
        out.add(f"{head} {form}")
    if (head == "Sở" and len(joined) >= 2) or (head == "Bộ" and len(joined) >= 4):
        out.add(head[0] + joined)
    return out


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    data = _data()
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for body in data["bodies"]:
        for form in _variants(body):
            key = name_key(form)
            if index.setdefault(key, body) != body:
                ambiguous.add(key)  # two bodies share an abbreviation: expand neither
    for key in ambiguous:
        index.pop(key, None)
    for alias, full in data["aliases"].items():
        index[name_key(alias)] = full
    return index


@lru_cache(maxsize=1)
def _max_alias_words() -> int:
    data = _data()
    names = list(data["bodies"]) + list(data["aliases"])
    return max(len(n.split()) for n in names)


def _ci(words: list[str]) -> re.Pattern:
    """Case-insensitive alternation of phrases, longest first, at word boundaries."""
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alts})(?![\w&])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = _data()
    rewrites = data["head_rewrites"]
    heads = [h for h in data["heads"]]
    dotted = {k: v for k, v in data["words"].items() if k.endswith(".")}
    plain = {k: v for k, v in data["words"].items() if not k.endswith(".")}
    return {
        "rewrite": re.compile(r"^(?:" + "|".join(map(re.escape, sorted(rewrites, key=len, reverse=True)))
                              + r")(?=\s|$)", re.IGNORECASE),
        "head": re.compile(r"^(?:" + "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
                           + r")\s+(?=\S)", re.IGNORECASE),
        "dotted": re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(dotted, key=len, reverse=True)))
                             + r")\s*", re.IGNORECASE),
        "plain": _ci(list(plain)),
        "lower": _ci(data["lowercase_words"]),
        "places": _ci(data["place_words"]),
    }


def _lookup_words(table: dict[str, str], found: str) -> str:
    for k, v in table.items():
        if fold(k) == fold(found):
            return v
    return found


def _strip_head(name: str) -> str:
    pats = _patterns()
    m = pats["rewrite"].match(name)
    if m:
        rewrites = _data()["head_rewrites"]
        return _lookup_words(rewrites, m.group(0)) + name[m.end():]
    m = pats["head"].match(name)
    if m:
        rest = name[m.end():]
        # "Thủ trưởng các sở, ngành" -> "các sở, ngành"; "Chủ tịch UBND tỉnh" -> "UBND tỉnh"
        return rest
    return name


@lru_cache(maxsize=1)
def _plain_words() -> dict[str, str]:
    return {k: v for k, v in _data()["words"].items() if not k.endswith(".")}


# letters that match others ignoring case but lower-case apart from them ('İ' -> 'i̇', 'ı', 'ſ')
_CASE_APART = ("İ", "ı", "ſ")


@lru_cache(maxsize=1)
def _plain_lower() -> re.Pattern:
    """Each plain word lower-cased, alone: what the lower-cased text holds wherever ``_patterns()["plain"]``
    matches (case-sensitive and led by its first letters, the engine skips through the text)."""
    return re.compile("|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in _plain_words()))


def _may_hold_plain(name: str) -> bool:
    """False when no plain word can be in ``name`` (a pre-check of the pattern ignoring case)."""
    if any(map(name.__contains__, _CASE_APART)):
        return True  # read by the pattern ignoring case
    return _plain_lower().search(name.lower()) is not None


def _expand_words(name: str) -> str:
    pats = _patterns()
    if "." in name:  # every dotted word ends with one
        data = _data()["words"]
        name = pats["dotted"].sub(lambda m: _lookup_words(data, m.group(1)) + " ", name)
    if not _may_hold_plain(name):
        return name
    plain = _plain_words()
    return pats["plain"].sub(lambda m: _lookup_words(plain, m.group(0)), name)


def _is_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))
    return len(letters) > 3 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _recase(rest: str) -> str:
    """Upper-case remainder ("TỈNH BẮC NINH") -> "tỉnh Bắc Ninh": lower known words, title the names."""
    data = _data()
    lowers = {fold(w) for w in data["lowercase_words"] for w in w.split()}
    keep = {fold(w) for pair in data["words"].items() for w in pair if w.isupper()}
    out = []
    for w in rest.split():
        if fold(w.strip(_STRIP)) in keep:
            out.append(w)
        elif fold(w) in lowers:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:].lower())
    return " ".join(out)


def _is_group(name: str) -> bool:
    return bool(_GROUP_RE.search(name))


def canonical_prefix(name: str) -> tuple[str, str] | None:
    """The known body a name starts with and the words after it (``("Sở Tư pháp", "tỉnh Bắc Ninh")``)."""
    return _canonical_prefix(" ".join(name.split()))


def _canonical_prefix(name: str) -> tuple[str, str] | None:
    """The longest leading run of words that is a known name: (full name, the rest of the words)."""
    index = _alias_index()
    words = name.split()
    for n in range(min(len(words), _max_alias_words() + 1), 0, -1):
        full = index.get(name_key(" ".join(words[:n])))
        # a group ("Các sở, ban, ngành", "UBND các huyện") is only ever the whole name, and so is
        # a bare acronym ("VNPT" is the group, "VNPT Bình Định" its provincial branch)
        acronym = n == 1 and words[0].isupper() and not full.startswith(words[0]) if full else False
        if full and (n == len(words) or not (_is_group(full) or acronym)):
            return full, " ".join(words[n:])
    return None


#: "thành phố" after a body whose canonical name ends in "tỉnh" ("Văn phòng UBND" + "thành phố Đà Nẵng")
_CITY_AFTER_RE = re.compile(r"(?:[Tt]hành\s+phố|TP\.?)(?=\s|$)\s*")


@lru_cache(maxsize=8192)
def expand_agency(name: str, province: str | None = None) -> str:
    """The agency's full name as legal staff write it ("Sở TT&TT" -> "Sở Thông tin và Truyền thông").

    Head titles are dropped ("Giám đốc Sở Tư pháp" -> "Sở Tư pháp", "Chánh Văn phòng UBND tỉnh" ->
    "Văn phòng UBND tỉnh"); upper-case header names are re-cased. ``province`` names the
    document's province: it is kept out of the name (a department's province is a property, not
    part of its name) unless the text itself writes it.
    """
    # tone marks placed one way ("Uỷ ban" as older texts write it is "Ủy ban", as the data spells it)
    text = unify_tones(nfc(" ".join(str(name).split()))).strip(_STRIP)
    # a trailing abbreviation in brackets: "Sở Thông tin và Truyền thông (TTTT)"
    if "(" in text:
        text = _BRACKET_RE.sub("", text).strip(_STRIP)
    if not text:
        return text
    upper = _is_upper(text)
    if "." in text:
        text = _DOT_RE.sub(". ", text)  # VP.UBND, TP.Bắc Ninh
    text = _strip_head(text)
    found = _canonical_prefix(text)
    if not found:
        text = _expand_words(text)
        text = " ".join(text.split())
        found = _canonical_prefix(text)
    if found:
        full, rest = found
        if rest.startswith("("):  # a note in brackets after a known body: "(Thường trực Ban Vì sự tiến bộ …)"
            rest = ""
        rest = _expand_words(rest).strip() if rest else ""
        city = _CITY_AFTER_RE.match(rest) if full.endswith(" tỉnh") else None
        if city:  # "Văn phòng UBND thành phố (Đà Nẵng)": the body of a city, not "… UBND tỉnh thành phố"
            full, rest = full[:-len("tỉnh")] + "thành phố", rest[city.end():]
        if upper and rest:
            rest = _recase(rest)
        result = f"{full} {rest}".strip() if rest else full
    else:
        result = _expand_words(text) if not upper else _recase(_expand_words(text))
    result = " ".join(result.split()).strip(_STRIP)
    # "UBND huyện, thành phố" (every district) -> "UBND các huyện, thành phố"
    if result.startswith("UBND "):
        result = _EVERY_DISTRICT_RE.sub(r"UBND các \1", result)
    alias = _alias_index().get(name_key(result))
    if alias:
        result = alias
    return result[:1].upper() + result[1:]


def _list_head(text: str) -> tuple[str, str] | None:
    """'các Sở: Tư pháp, Tài chính' -> ('Sở', 'Tư pháp, Tài chính')."""
    m = _LIST_HEAD_RE.match(text)
    if not m:
        m = _LIST_KIND_RE.match(text)
    if not m:
        return None
    return m.group(1).capitalize(), m.group(2)


@lru_cache(maxsize=16)
def _members(kind: str) -> list[tuple[str, str]]:
    """The names of the bodies of a kind ('Sở', 'Bộ', 'Ban') after the kind, folded and as written,
    longest first."""
    bodies = [b[len(kind) + 1:] for b in _data()["bodies"] if b.startswith(kind + " ")]
    return sorted(((fold(b), b) for b in bodies), key=lambda kb: len(kb[0]), reverse=True)


def _split_members(kind: str, items: str) -> list[str]:
    """Members of 'các Sở: A, B và C': known names first (they may contain commas), else up to ','."""
    keyed = _members(kind)
    out = []
    rest = items.strip(_STRIP)
    while rest:
        low = fold(rest)
        hit = next((b for k, b in keyed
                    if low.startswith(k) and (len(low) == len(k) or not low[len(k)].isalnum())), None)
        if hit:
            out.append(f"{kind} {hit}")
            rest = rest[len(hit):]
        else:
            m = _MEMBER_RE.match(rest)
            piece = m.group(1) if m else rest
            out.append(expand_agency(f"{kind} {piece}"))
            rest = rest[len(piece):]
        rest = _NEXT_MEMBER_RE.sub("", rest)
    return out


@lru_cache(maxsize=1)
def _separator_re() -> re.Pattern:
    """A separator of a list of agencies and the white space after it: ';', or ',', '&', 'và' before a
    name's first words (a head title or a body). The pattern starts with the separator's character,
    which the engine skips to, then tells which it was ("(?<!\\wv)" after the 'v' is "\\b" before it)."""
    starts = sorted(_data()["starts"], key=len, reverse=True)
    alts = "|".join(re.escape(s) for s in starts)
    heads = "|".join(re.escape(h) for h in sorted(_data()["heads"], key=len, reverse=True))
    ahead = rf"(?=\s*(?:{heads}|{alts})(?!\w))"
    return re.compile(rf"[;,&v](?:(?<=;)|(?:(?<=[,&])|(?<=v)(?<!\wv)à\b){ahead})\s*")


def _cut_list(text: str) -> list[str]:
    """``text`` cut at its separators, each with the white space around it (what ``re.split`` gives
    with the separator pattern led by ``\\s*``, which the engine would try at every position)."""
    out = []
    end = 0
    for m in _separator_re().finditer(text):
        start = m.start()
        while start > end and text[start - 1].isspace():
            start -= 1
        out.append(text[end:start])
        end = m.end()
    out.append(text[end:])
    return out


def split_agencies(text: str, province: str | None = None) -> list[str]:
    """Every agency named in a list, expanded: 'Giám đốc các Sở: Tư pháp, Tài chính; Chủ tịch UBND
    các huyện' -> ['Sở Tư pháp', 'Sở Tài chính', 'UBND các huyện']."""
    return list(_split_agencies(text, province))


@lru_cache(maxsize=4096)
def _split_agencies(text: str, province: str | None) -> tuple[str, ...]:
    text = nfc(" ".join(text.split())).strip(_STRIP)
    out: list[str] = []
    for part in _cut_list(text):
        part = _strip_head(part.strip(_STRIP))
        if not part:
            continue
        head = _list_head(part)
        names = _split_members(*head) if head else [expand_agency(part, province)]
        for n in names:
            if n and n not in out:
                out.append(n)
    return tuple(out)
