"""LIF's event classes are built without generated code (ADR 0024) and must behave exactly as
the frozen dataclasses the event-sourcing library would have made of them: the same fields in
the same order (so the stored JSON is unchanged), refused mistakes, equality, immutability."""

import dataclasses
import importlib
import inspect
import json
from datetime import date

import pytest

from lif_domain.case import Case
from lif_domain.event_classes import FieldsDefined
from tests.conftest import MANAGER, make_app, recorded
from tests.domain.test_case import DEATH

AGGREGATES = ("action", "board", "case", "member", "monitoring", "review", "source")


def every_event_class() -> list[type]:
    for name in AGGREGATES:
        importlib.import_module(f"lif_domain.{name}")
    found, todo = [], [FieldsDefined]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def dataclass_fields(cls: type) -> list[str]:
    """The fields the standard library gives a frozen dataclass with `cls`'s annotations and
    defaults, base by base along its method resolution order."""
    twin: type | None = None
    for base in reversed(cls.__mro__):
        own = inspect.get_annotations(base)
        if own:
            namespace = {"__annotations__": dict(own), "__module__": base.__module__,
                         **{k: base.__dict__[k] for k in own if k in base.__dict__}}
            twin = dataclasses.dataclass(frozen=True)(
                type(base.__name__, (twin,) if twin else (), namespace))
    return [f.name for f in dataclasses.fields(twin)]


EVENT_CLASSES = every_event_class()


def test_every_aggregate_module_has_event_classes_built_this_way():
    modules = {c.__module__ for c in EVENT_CLASSES}
    assert {f"lif_domain.{name}" for name in AGGREGATES} <= modules
    assert len(EVENT_CLASSES) > 70


@pytest.mark.parametrize("cls", EVENT_CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_each_event_class_has_the_fields_a_dataclass_would_have_in_its_order(cls):
    assert [f.name for f in dataclasses.fields(cls)] == dataclass_fields(cls)
    assert "__dataclass_fields__" in cls.__dict__  # the library left it as LIF built it


def notified() -> Case.Event:
    case = Case.notify("Family A", date(2017, 6, 1), DEATH, MANAGER, date(2017, 6, 2))
    return recorded(case)[0]


def test_an_event_stored_and_read_back_is_equal_and_keeps_its_field_order():
    event = notified()
    mapper = make_app().mapper
    stored = mapper.to_stored_event(event)
    again = mapper.to_domain_event(stored)
    assert again == event
    names = [f.name for f in dataclasses.fields(event)]
    assert list(vars(event)) == names
    # the ids are columns of their own; the library adds the version of a class past its first
    assert [k for k in json.loads(stored.state) if k != "class_version"] == names[2:]
    with pytest.raises(TypeError, match="unhashable"):  # as a dataclass with a dict field
        hash(event)
    hashable = {k: () if isinstance(v, dict) else v for k, v in vars(event).items()}
    assert hash(type(event)(**hashable)) == hash(type(event)(**hashable))
    assert dataclasses.replace(event, member="bm2") != event


def test_an_event_cannot_be_changed_or_emptied():
    event = notified()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.member = "someone else"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del event.on
    assert event.member == MANAGER.member


def test_a_missing_or_unknown_field_is_refused_by_name():
    fields = dict(vars(notified()))
    cls = type(notified())
    with pytest.raises(TypeError, match="needs a value for 'on'"):
        cls(**{k: v for k, v in fields.items() if k != "on"})
    with pytest.raises(TypeError, match="has no field 'nhs_number'"):
        cls(**fields, nhs_number="943 476 5919")


def test_repr_names_the_class_and_its_fields():
    text = repr(notified())
    assert text.startswith("Case.Notified(originator_id=UUID(") and "member='bm1'" in text


def test_a_default_made_by_a_factory_is_refused_when_the_class_is_defined():
    with pytest.raises(TypeError, match="default is a value"):
        class Bad(Case.Event):
            items: list = dataclasses.field(default_factory=list)
