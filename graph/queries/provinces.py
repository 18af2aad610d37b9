"""``--province``: a province as legal staff name it, before or after the 2025 reorganisation.

"An Giang" means today's tỉnh An Giang, so it includes the documents of the former tỉnh Kiên Giang
(merged on 2025-07-01); "Kiên Giang" means the former province alone, and says what it is part of now.
A name that is no former or current province is an error naming the nearest ones (never a silent
"none found"); a part of a name that fits several lists them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.errors import AmbiguousError, LineageError
from graph.i18n import _, format_date
from graph.loaders.succession import ProvinceChange, current_provinces, graph_province, province_changes
from graph.queries.known_names import closest
from graph.queries.result_refs import ProvinceChangeRef, ProvinceScope
from graph.text import fold

_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?)\s+")
_ALIASES = {"tp hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "hcm": "Hồ Chí Minh", "sai gon": "Hồ Chí Minh"}
_STATUS = {"partially_confirmed": " (dữ liệu tham chiếu chưa xác nhận đầy đủ)"}


def _ref(c: ProvinceChange) -> ProvinceChangeRef:
    return ProvinceChangeRef(
        former=c.former,
        successor=c.successor,
        date=c.date,
        legal_basis=list(c.legal_basis),
        grade=c.grade,
        status=c.status,
    )


def _names() -> dict[str, str]:
    """Every former and current province by folded name (with and without 'tỉnh' / 'thành phố')."""
    out = {}
    for change in province_changes().values():
        for name in (change.former, change.successor):
            out[fold(name)] = name
    return out


def _key(text: str) -> str:
    return _PREFIX.sub("", fold(text).replace(".", ". ").replace("  ", " ")).strip()


def _how(c: ProvinceChange) -> str:
    return "hợp nhất từ" if c.merged_with else "đổi thành đơn vị mới từ"


def _basis(c: ProvinceChange) -> str:
    return ", ".join(f"Nghị quyết {b}" for b in c.legal_basis)


def _including_note(found: str, changed: list[ProvinceChange], say_date: Callable[[str], str]) -> str:
    """'An Giang: bao gồm cả tỉnh Kiên Giang cũ (hợp nhất từ …, Nghị quyết …)', or "" (nothing merged)."""
    if not changed:
        return ""
    parts = "; ".join(
        f"{c.former_kind} {c.former} cũ ({_how(c)} {say_date(c.date)}, {_basis(c)})"
        f"{_STATUS.get(c.status, '')}"
        for c in changed
    )
    return f"{found}: bao gồm cả {parts}"


def _part_of_note(found: str, change: ProvinceChange, say_date: Callable[[str], str]) -> str:
    """'tỉnh Kiên Giang cũ: từ … là một phần của tỉnh An Giang (…); chỉ gồm văn bản của …'."""
    now = "là một phần của" if change.merged_with else "trở thành"
    return (
        f"{change.former_kind} {found} cũ: từ {say_date(change.date)} {now} {change.successor_kind} "
        f"{change.successor} ({_basis(change)}){_STATUS.get(change.status, '')}; chỉ gồm văn bản của "
        f'{change.former_kind} {found} cũ — cả đơn vị mới: --province "{change.successor}"'
    )


def _merged_into(found: str, members: list[ProvinceChange]) -> list[ProvinceChange]:
    return [c for c in members if c.former != found and c.successor == found]


def _as_stored(day: str) -> str:
    return day


def province_scope(name: str) -> ProvinceScope:
    """What ``--province name`` includes; an error when no former or current province is called so."""
    asked = " ".join(name.split())
    names = _names()
    q = _key(asked)
    found = names.get(q) or _ALIASES.get(q) or names.get(fold(graph_province(asked)))
    if found is None:
        _unknown(asked, q, names)
    members = current_provinces().get(fold(found))
    if members is not None:  # a province of today, with the former ones merged into it
        changed = _merged_into(found, members)
        return ProvinceScope(
            asked=asked,
            province=found,
            current=found,
            members=sorted({found, *(c.former for c in members)}, key=fold),
            includes_former=[_ref(c) for c in changed],
            note=_including_note(found, changed, _as_stored),
        )
    change = province_changes()[fold(found)]
    return ProvinceScope(
        asked=asked,
        province=found,
        current=change.successor,
        members=[found],
        part_of=_ref(change),
        note=_part_of_note(found, change, _as_stored),
    )


def scope_note_on_screen(scope: ProvinceScope) -> str:
    """The scope's note with its dates as the user's language writes them ("01/07/2025" in Vietnamese);
    the JSON's ``note`` keeps ISO dates."""
    found = scope.province
    if scope.part_of is not None:
        return _part_of_note(found, province_changes()[fold(found)], format_date)
    members = current_provinces().get(fold(found)) or []
    return _including_note(found, _merged_into(found, members), format_date)


def _unknown(asked: str, q: str, names: dict[str, str]) -> None:
    partial = sorted({n for k, n in names.items() if q and len(q) >= 3 and q in k}, key=fold)
    if len(partial) > 1:
        raise AmbiguousError(
            _("'{asked}' can be {n} provinces or cities: {names}").format(
                asked=asked, n=len(partial), names=", ".join(partial)),
            hint=_('write the full name of the province, e.g. --province "An Giang"'),
        )
    close = list(dict.fromkeys(closest(q, names.values()) + partial))  # nearest first
    hint = (
        _("nearest: {names}").format(names=", ".join(close))
        if close
        else _('write the name of a province or city before or after 2025-07-01, e.g. "An Giang", '
               '"Kiên Giang"')
    )
    raise LineageError(_("no province or city is named '{asked}' (before or after the 2025 "
                         "reorganisation)").format(asked=asked), hint=hint)


def in_scope(scope: ProvinceScope | None, province: str | None) -> bool:
    """Whether a document or agency of ``province`` is inside the filter (no filter: everything)."""
    return scope is None or fold(province) in {fold(m) for m in scope.members}
