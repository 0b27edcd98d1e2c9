"""Enumerations typed by people: parsed leniently, refused with the list of valid choices."""

from enum import Enum

from lif_domain.errors import InvalidInput


class Choice(str, Enum):
    @classmethod
    def parse(cls, text: str, what: str = "value"):
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            choices = ", ".join(c.value for c in cls)
            raise InvalidInput(f"{what} {text!r} is not one of: {choices}") from None

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")
