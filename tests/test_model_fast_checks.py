"""The public models' checks, made cheaper (the surrogate check on text fields only, ``exclude_if``
instead of model serializers), still guarantee what they did: no lone surrogate in any text field
however it is set, and the fields added after the gold schema written only when they say something."""

from __future__ import annotations

import json
import typing

import pytest

from graph import model as m

#: the least each public model needs; every public model must be here, so that a new one is checked
MINIMAL: dict[type, dict[str, typing.Any]] = {
    m.Citation: {"text": "t"},
    m.Nested: {"doc": {"text": "t"}, "relation": "amends", "of": "o"},
    m.Proposal: {},
    m.Assignment: {"agency": "a", "role": "lead"},
    m.FundingShare: {"source": "s", "kind": "public"},
    m.Project: {"name": "p"},
    m.Target: {"text": "t", "value": 1.0},
    m.Document: {},
    m.Problem: {"source": "s", "message": "m"},
    m.FileExtraction: {"source": "s"},
}


def _holds_text(annotation: typing.Any) -> str | None:
    """'str' or 'list' when a field holds free text (alone, optional or in a list), else None."""
    if annotation is str:
        return "str"
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return None
    if origin is typing.Annotated:
        return _holds_text(typing.get_args(annotation)[0])
    if origin is list:
        return "list" if _holds_text(typing.get_args(annotation)[0]) else None
    kinds = {_holds_text(a) for a in typing.get_args(annotation)} - {None}
    return kinds.pop() if kinds else None


TEXT_FIELDS = [(cls, name, kind) for cls in MINIMAL for name, f in cls.model_fields.items()
               if (kind := _holds_text(f.annotation))]


def test_every_public_model_is_checked_here():
    public = {c for c in vars(m).values()
              if isinstance(c, type) and issubclass(c, m._Model) and c is not m._Model}
    assert public == set(MINIMAL)
    assert len(TEXT_FIELDS) > 30  # the walk over the annotations finds the text fields


@pytest.mark.parametrize("cls, name, kind", TEXT_FIELDS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_no_text_field_keeps_a_lone_surrogate(cls, name, kind):
    bad = "Kế hoạch \ud800 số \udfff"
    value = [bad, "ổn"] if kind == "list" else bad
    fixed = ["Kế hoạch \ufffd số \ufffd", "ổn"] if kind == "list" else "Kế hoạch \ufffd số \ufffd"
    built = cls(**{**MINIMAL[cls], name: value})
    assert getattr(built, name) == fixed
    validated = cls.model_validate({**MINIMAL[cls], name: value})
    assert getattr(validated, name) == fixed
    assigned = cls(**MINIMAL[cls])
    setattr(assigned, name, value)
    assert getattr(assigned, name) == fixed
    built.model_dump_json().encode("utf-8")  # writable


def test_clean_text_is_kept_as_it_is():
    s = "Căn cứ Luật Tổ chức chính quyền địa phương"
    assert m.Citation(text=s).text is s


@pytest.mark.parametrize("cls, kwargs, name, value", [
    (m.Citation, {"text": "t"}, "text_restored", "tt"),
    (m.Citation, {"text": "t"}, "sentence", "s"),
    (m.Target, {"text": "t", "value": 15.0}, "high", 16.0),
    (m.Target, {"text": "t", "value": 1.0}, "text_restored", "tt"),
    (m.Assignment, {"agency": "a", "role": "lead"}, "coordinators", ["Sở B"]),
])
def test_later_fields_are_written_only_when_they_say_something(cls, kwargs, name, value):
    bare, full = cls(**kwargs), cls(**kwargs, **{name: value})
    for dumped in (bare.model_dump(), bare.model_dump(mode="json"), json.loads(bare.model_dump_json())):
        assert name not in dumped and set(kwargs) <= set(dumped)
    for dumped in (full.model_dump(), json.loads(full.model_dump_json())):
        assert dumped[name] == value
    doc = m.Document(bases=[m.Citation(text="t")], targets=[m.Target(text="t", value=1.0)],
                     assignments=[m.Assignment(agency="a", role="lead")])
    nested = json.loads(m.FileExtraction(source="s", documents=[doc]).model_dump_json())["documents"][0]
    assert nested["bases"][0].keys() >= {"text", "restored"} and "sentence" not in nested["bases"][0]
    assert "high" not in nested["targets"][0] and "coordinators" not in nested["assignments"][0]


def test_list_fields_start_as_new_empty_lists_made_by_a_python_function():
    """Each list field's default is a new empty list, made by a Python function: pydantic reads a factory's
    signature when it builds a class, and a builtin's (``list``) is parsed from text (tokenize's patterns
    compiled at every start)."""
    for cls, kwargs in MINIMAL.items():
        factories = {name: f.default_factory for name, f in cls.model_fields.items() if f.default_factory}
        assert all(type(f) is type(m._new_list) for f in factories.values()), (cls, factories)
        a, b = cls(**kwargs), cls(**kwargs)
        for name in factories:
            assert getattr(a, name) == [] and getattr(a, name) is not getattr(b, name)
