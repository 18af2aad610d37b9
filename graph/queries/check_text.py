"""The issues of ``lineage check``, said in the user's language on screen.

:mod:`graph.queries.check` writes each issue's message in English from the templates here
(``TEMPLATE.format(...)``), and the JSON keeps it so, stable for scripts. On screen, :func:`on_screen` finds
the template of a message and says it in the user's language (the engine of :mod:`graph.problem_text`):
the labels of documents, numbers, names and places stay as written, dates as the language writes them,
and the reason a citation could not be read is said as the reading problems are. :func:`kind_label`
names a kind of issue.
"""

from __future__ import annotations

import re

from graph.i18n import N_, _, format_date
from graph.model import UNREAD_CITATION
from graph.problem_text import Templates
from graph.problem_text import on_screen as problem_on_screen
from graph.queries.resolve import described_on_screen

UNRESOLVED = N_("{document}: cited without a number and not found in the catalog")
#: a conflict between what a document was cited as and what it is, by the field that differs
CITED_WITH = {
    "date": N_("{document} is cited with date {date} at {where}"),
    "issuer": N_("{document} is cited with issuer {value} at {where}"),
}
#: one number cited as two types of document (the National Assembly numbers its laws and its resolutions
#: apart, with the same suffix): the type known and where, then the other and where
CITED_AS_TYPE = N_("{number} is cited as {type} at {known_at} and as {value} at {where}: they may be two "
                   "different documents")
BASIS_AFTER = N_("{document} cites {basis} as a basis, dated after it")
CYCLE = N_("cycle of bases: {documents}")
#: a document whose issuing unit ended while its tasks run on, by what is known of the successor
INHERITED = N_("{document}: its issuer {unit} ceased on {ended}; its tasks run to {year} and are now "
               "inherited by {successor}")
INHERITED_DISTRICT = N_("{document}: its issuer {unit} ceased on {ended}; its tasks run to {year}; the "
                        "district level has ended, with no successor at the same level")
INHERITED_UNKNOWN = N_("{document}: its issuer {unit} ceased on {ended}; its tasks run to {year}; its "
                       "successor is not known")
#: a citation of the document's text that could not be read: the reading warning after "file:line: "
UNREAD = N_("{document}: {place}: {problem}")

TEMPLATES: tuple[str, ...] = (UNRESOLVED, *CITED_WITH.values(), CITED_AS_TYPE, BASIS_AFTER, CYCLE, INHERITED,
                              INHERITED_DISTRICT, INHERITED_UNKNOWN, UNREAD)

#: what a placeholder matches when it is not any text (shortest first)
PATTERNS = {"place": r".+?:\d+", "year": r"\d+", "problem": re.escape(UNREAD_CITATION) + r": .+"}
#: where a conflict was seen when the citation kept no file (graph/loaders/documents.py)
SOMEWHERE = N_("citation")
#: where a document's type came from when it is the catalog of central documents' (graph/data)
CATALOG = N_("the catalog")


def _place(where: str) -> str:
    if where == SOMEWHERE:
        return _(SOMEWHERE)
    return _(CATALOG) if where == CATALOG else where


ISSUES = Templates(TEMPLATES, PATTERNS, said_by={"problem": problem_on_screen, "where": _place,
                                                 "known_at": _place, "date": format_date,
                                                 "ended": format_date,
                                                 "document": described_on_screen,
                                                 "basis": described_on_screen})

#: the kinds of issue (the JSON's ``kind``) as the screen names them
KINDS = {
    "unresolved_citation": N_("citation without a number"),
    "unread_citation": N_("unreadable citation"),
    "conflicting_date": N_("conflicting dates"),
    "conflicting_issuer": N_("conflicting issuers"),
    "conflicting_type": N_("one number, two types of document"),
    "basis_after_document": N_("basis dated after the document"),
    "cycle": N_("cycle of bases"),
    "inherited_tasks": N_("tasks inherited by a successor"),
}


def on_screen(message: str) -> str:
    """An issue's English message in the user's language; a message of no template, unchanged."""
    return ISSUES.on_screen(message)


def kind_label(kind: str) -> str:
    """A kind of issue in the user's language; an unknown kind, as written."""
    return _(KINDS[kind]) if kind in KINDS else kind
