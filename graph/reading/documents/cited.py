"""``Cited``: one citation as read from the text, with its span and the citations inside its subject."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.reading.documents.numbering import number_key
from graph.text import fold

#: how deep citations are read inside the subjects (and amended laws) of citations
MAX_DEPTH = 3


@dataclass(slots=True)
class Cited:
    """A citation read from the text, with its span and the documents named inside its subject."""

    doc_type: str | None
    start: int
    end: int
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    title: str | None = None
    #: of a law cited by name and year ("Luật Đất đai năm 2013"): the year, when no date is given
    year: int | None = None
    by_name: bool = False
    children: list[tuple[Cited, str]] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        """What a nested entry's ``of`` says about this document: its number, else its title."""
        return self.number or self.title

    def key(self) -> tuple:
        """Identity for de-duplication: number and year, or type and folded name."""
        year = self.date.year if self.date else None
        if self.number:
            return ("n", number_key(self.number), year)
        return ("t", fold(self.doc_type), fold(self.title))

    def walk(self):
        """This citation and every citation inside it, depth first."""
        yield self
        for child, _ in self.children:
            yield from child.walk()
