"""Small checks shared by the aggregates' commands."""

from dataclasses import dataclass
from datetime import date

from lif_domain.errors import InvalidInput, MissingRationale, OutOfOrder


def need(text: str, message: str) -> str:
    """Refuse an empty rationale, reason or description; return it stripped."""
    if not text or not text.strip():
        raise MissingRationale(message)
    return text.strip()


def not_before(on: date, earlier: date, what: str, other: str) -> None:
    """Refuse a step dated before the step it depends on."""
    if on < earlier:
        raise OutOfOrder(f"{what} ({on}) cannot be dated before {other} ({earlier})")


@dataclass(frozen=True)
class Required:
    """A text a step needs, checked with `need` only after the step's permission and order
    are checked: who may not take a step is told so before anything about its details."""

    text: str
    message: str

    def value(self) -> str:
        return need(self.text, self.message)


def reference(ref: str, what: str, example: str) -> str:
    """A record's reference, stripped: 1 to 40 characters."""
    ref = ref.strip()
    if not ref or len(ref) > 40:
        raise InvalidInput(f"{what} must be 1 to 40 characters, e.g. {example}")
    return ref


def unique(names: list[str]) -> list[str]:
    """`names` stripped, without blanks, each once whatever its case (the first spelling)."""
    kept: list[str] = []
    for name in (n.strip() for n in names):
        if name and name.casefold() not in {k.casefold() for k in kept}:
            kept.append(name)
    return kept


def one_of(name: str, known: tuple[str, ...]) -> str | None:
    """The one of `known` that `name` is, whatever its case and surrounding spaces; None if it
    is none of them."""
    wanted = name.strip().casefold()
    return next((k for k in known if k.casefold() == wanted), None)
