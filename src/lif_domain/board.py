"""The board itself: one record per store, created by `lif init`."""

from datetime import date

from lif_domain.errors import InvalidInput
from lif_domain.events import LifAggregate, record_id
from lif_domain.roles import Actor, Role


class Board(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every board event: member, role and business date `on`."""

    class Initialised(Event, LifAggregate.Created):
        name: str

        def apply(self, board: "Board") -> None:
            board.name = self.name

    ID = record_id("board", "the board")

    @classmethod
    def initialise(cls, name: str, chair: Actor, on: date) -> "Board":
        if not name.strip():
            raise InvalidInput("the board needs a name")
        if chair.role is not Role.INDEPENDENT_CHAIR:
            raise InvalidInput("a store is initialised by its independent chair")
        return cls._open(cls.Initialised, cls.ID, chair, on, name=name.strip())
