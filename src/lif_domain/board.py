"""The board itself: one record per store, created by `lif init`."""

from datetime import date

from lif_domain.errors import DuplicateReference, InvalidInput, UnknownRecord
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor, Role


class Board(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every board event: member, role and business date `on`."""

    class Initialised(Event, Opened):
        name: str

        def apply(self, board: "Board") -> None:
            board.name = self.name
            board.organisations = []

    class OrganisationRegistered(Event):
        """A partner organisation that can own actions (REFERENCE §1, §7)."""

        organisation: str

        def apply(self, board: "Board") -> None:
            board.organisations.append(self.organisation)

    ID = record_id("board", "the board")

    @classmethod
    def initialise(cls, name: str, chair: Actor, on: date) -> "Board":
        if not name.strip():
            raise InvalidInput("the board needs a name")
        if chair.role is not Role.INDEPENDENT_CHAIR:
            raise InvalidInput("a store is initialised by its independent chair")
        return cls._open(cls.Initialised, cls.ID, chair, on, name=name.strip())

    def register_organisation(self, name: str, actor: Actor, on: date) -> None:
        authorise(actor, "register an organisation")
        name = name.strip()
        if not name or len(name) > 80:
            raise InvalidInput("an organisation's name must be 1 to 80 characters")
        if self.knows(name):
            raise DuplicateReference(f"{name} is already registered")
        self._record(self.OrganisationRegistered, actor, on, organisation=name)

    def knows(self, organisation: str) -> bool:
        return organisation.strip().casefold() in {o.casefold() for o in self.organisations}

    def require_organisation(self, organisation: str) -> str:
        """The registered spelling of `organisation`, or UnknownRecord."""
        for known in self.organisations:
            if known.casefold() == organisation.strip().casefold():
                return known
        raise UnknownRecord(f"unknown organisation {organisation!r}; registered: "
                            f"{', '.join(self.organisations) or 'none'} "
                            "(add one with 'lif org add')")
