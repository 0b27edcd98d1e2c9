"""Small checks shared by the aggregates' commands."""

from dataclasses import dataclass
from datetime import date

from lif_domain.errors import MissingRationale, OutOfOrder


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
