"""How LIF's event classes get their fields, without generating code for each class (ADR 0024).

The event-sourcing library makes every event class a frozen dataclass: for each class, the
standard library writes and compiles six methods (`__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__`, `__delattr__`), about 0.4 ms a class, and a write imports some seventy classes.
A class derived from `FieldsDefined` gets the same behaviour from shared methods that read the
class's field list, and is marked as processed (`__dataclass_fields__` in its own namespace),
which the library takes as "already a dataclass". `dataclasses.fields`, equality, hashing, immutability, the
field order of `vars(event)` (and so the stored JSON) stay as a dataclass's would.
"""

import dataclasses
import inspect
import typing
from typing import Any

_MISSING = dataclasses.MISSING


class FieldsDefined:
    """Put first among an event class's bases: it and every class derived from it get their
    fields from `define_fields` before the library would generate a dataclass's code."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        define_fields(cls)


def define_fields(cls: type) -> None:
    """Collect `cls`'s fields as a dataclass would (its bases' first, then its own annotations
    in order, a field redeclared keeping its place) and install the shared methods."""
    fields: dict[str, dataclasses.Field] = {}
    for base in cls.__mro__[-1:0:-1]:
        fields.update(getattr(base, "__dataclass_fields__", {}))
    for name, kind in inspect.get_annotations(cls).items():
        if (kind is typing.ClassVar or typing.get_origin(kind) is typing.ClassVar
                or isinstance(kind, str) and kind.startswith(("ClassVar", "typing.ClassVar"))):
            continue
        default = cls.__dict__.get(name, _MISSING)
        if isinstance(default, dataclasses.Field):
            raise TypeError(f"{cls.__qualname__}.{name}: an event field's default is a value")
        field = dataclasses.field(default=default)
        field.name, field.type = name, kind
        field._field_type = dataclasses._FIELD  # what dataclasses.fields() selects by
        fields[name] = field
    cls.__dataclass_fields__ = fields
    cls._field_names = tuple(fields)
    cls._field_defaults = tuple((name, f.default) for name, f in fields.items())
    cls.__match_args__ = cls._field_names
    for method in (__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__):
        setattr(cls, method.__name__, method)


def __init__(self, **values: Any) -> None:
    state = self.__dict__
    for name, default in type(self)._field_defaults:
        if name in values:
            state[name] = values.pop(name)
        elif default is not _MISSING:
            state[name] = default
        else:
            raise TypeError(f"{type(self).__qualname__} needs a value for {name!r}")
    if values:
        raise TypeError(f"{type(self).__qualname__} has no field {next(iter(values))!r}")


def __repr__(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._field_names)
    return f"{type(self).__qualname__}({shown})"


def _values(event) -> tuple:
    return tuple(getattr(event, name) for name in event._field_names)


def __eq__(self, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def __hash__(self) -> int:
    return hash(_values(self))


def __setattr__(self, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def __delattr__(self, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
