"""What a stage is declared with, for reviews and actions alike: the details its command takes
and the CLI option that names each. One declaration per stage; the aggregate's command, the
application, the CLI and the history all read it (ADR 0019)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Detail:
    """One thing a stage's command takes, and the CLI option that gives it.

    `kind` is "text", "date", "int", "many" (a repeated option), "flag" (an on/off pair such
    as "--approve/--refuse") or "choice" (one of `choices`)."""

    name: str
    option: str
    help: str = ""
    kind: str = "text"
    choices: tuple[str, ...] = ()
    required: bool = True
    default: object = None


@dataclass(frozen=True)
class Command:
    """How a stage is taken from the CLI: `lif NOUN NAME REF ...details`, with its help."""

    name: str
    summary: str
    example: str
    details: tuple[Detail, ...] = ()


def text(option: str, name: str, help: str = "Why.") -> Detail:
    return Detail(name, option, help)


def takes(stage):
    """Mark an aggregate's public method as the command that takes `stage`: a stage's key, or
    the event class that records it (its `step`). The aggregate's COMMANDS table is derived
    from these marks, never written out by hand."""

    def mark(method):
        method.takes = getattr(stage, "step", stage)
        return method

    return mark


def commands_of(cls) -> dict:
    """The methods of `cls` marked with @takes, by the stage each takes."""
    return {m.takes: m for c in reversed(cls.__mro__) for m in vars(c).values()
            if callable(m) and hasattr(m, "takes")}


def possessive(name: str) -> str:
    """"rev1's", "the parents'": how a history says whose something is."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
