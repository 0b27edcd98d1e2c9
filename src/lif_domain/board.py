"""The board itself: one record per store, created by `lif init`."""

from datetime import date

from lif_domain.errors import DuplicateReference, InvalidInput, OutOfOrder, UnknownRecord
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.regimes import check_arrangements_date
from lif_domain.rules import need, not_before
from lif_domain.roles import PARTNERS, Actor, Role


class Board(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every board event: member, role and business date `on`."""

    class Initialised(Event, Opened):
        name: str

        def apply(self, board: "Board") -> None:
            board.name = self.name
            board.organisations = []
            board.arrangements_on = None
            board.delegations = ()  # (from, partner's role, where published), by date
            board.scrutiny = ()
            board.leads = {}
            board.relevant_agencies = ()

    class ArrangementsTookEffect(Event):
        """The date the partnership's new safeguarding arrangements took effect (Working
        Together 2018): cases the local authority became aware of from then are judged under
        the regimes after 2018 (rule G1)."""

        took_effect: date

        def apply(self, board: "Board") -> None:
            board.arrangements_on = self.took_effect

    class DelegationPublished(Event):
        """The partners' published arrangements delegate their joint decision on a Rapid
        Review to one partner, from `on` (rule RR4); recorded again, the latest stands."""

        delegate: str  # the partner's role
        published: str  # where the published arrangements say so

        def apply(self, board: "Board") -> None:
            board.delegations = tuple(sorted((*board.delegations,
                                              (self.on, self.delegate, self.published))))

    class LeadPartnerNamed(Event):
        """Working Together 2023: the lead safeguarding partner for one of the three (its
        office, such as the chief constable) and the member it delegates its decisions to,
        as the published arrangements say (rule RR6); named again, the latest stands."""

        partner: str  # the partner's role
        lead: str  # the lead partner's office
        delegate: str  # the member who decides for it
        published: str

        def apply(self, board: "Board") -> None:
            named = (*board.leads.get(self.partner, ()),
                     (self.on, self.lead, self.delegate, self.published))
            board.leads = {**board.leads, self.partner: tuple(sorted(named))}

    class ScrutinyReported(Event):
        """The independent scrutineer's assessment of how well the arrangements work (rule
        Y3), for the partners' yearly report."""

        summary: str

        def apply(self, board: "Board") -> None:
            board.scrutiny = (*board.scrutiny, (self.on, self.member, self.summary))

    class OrganisationRegistered(Event):
        """A partner organisation that can own actions (REFERENCE §1, §7); from 2018, one the
        published arrangements may name as a relevant agency (rule RR6)."""

        class_version = 2  # 2: whether it is a relevant agency (issue 13)
        organisation: str
        relevant_agency: bool

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["relevant_agency"] = False

        def apply(self, board: "Board") -> None:
            board.organisations.append(self.organisation)
            if self.relevant_agency:
                board.relevant_agencies = (*board.relevant_agencies, self.organisation)

    ID = record_id("board", "the board")

    @classmethod
    def initialise(cls, name: str, chair: Actor, on: date) -> "Board":
        if not name.strip():
            raise InvalidInput("the board needs a name")
        if chair.role is not Role.INDEPENDENT_CHAIR:
            raise InvalidInput("a store is initialised by its independent chair")
        return cls._open(cls.Initialised, cls.ID, chair, on, name=name.strip())

    def register_organisation(self, name: str, actor: Actor, on: date,
                              relevant_agency: bool = False) -> None:
        authorise(actor, "register an organisation")
        name = name.strip()
        if not name or len(name) > 80:
            raise InvalidInput("an organisation's name must be 1 to 80 characters")
        if self.knows(name):
            raise DuplicateReference(f"{name} is already registered")
        self._record(self.OrganisationRegistered, actor, on, organisation=name,
                     relevant_agency=relevant_agency)

    def record_arrangements(self, took_effect: date, actor: Actor, on: date) -> None:
        authorise(actor, "record when the new arrangements took effect")
        if self.arrangements_on is not None:
            raise OutOfOrder(f"the new arrangements were recorded as taking effect on "
                             f"{self.arrangements_on}; cases already judged by that date keep "
                             "their regime")
        not_before(on, check_arrangements_date(took_effect), "recording the arrangements",
                   "the date they took effect")
        self._record(self.ArrangementsTookEffect, actor, on, took_effect=took_effect)

    def record_delegation(self, delegate: Role, published: str, actor: Actor, on: date):
        authorise(actor, "record the partners' published delegation")
        if delegate not in PARTNERS:
            raise InvalidInput(f"the partners delegate to one of themselves, not to "
                               f"{delegate.with_article}")
        self._record(self.DelegationPublished, actor, on, delegate=delegate.value,
                     published=need(published, "say where the published arrangements "
                                               "delegate the decision (rule RR4)"))

    def name_lead_partner(self, partner: Role, lead: str, delegate: str, published: str,
                          actor: Actor, on: date) -> None:
        authorise(actor, "name a lead safeguarding partner and its delegate")
        if partner not in PARTNERS:
            raise InvalidInput(f"a lead safeguarding partner leads one of the three partners, "
                               f"not {partner.with_article}")
        self._record(self.LeadPartnerNamed, actor, on, partner=partner.value,
                     lead=need(lead, "name the lead partner's office, e.g. chief constable"),
                     delegate=need(delegate, "name the member it delegates its decisions to"),
                     published=need(published, "say where the published arrangements name "
                                               "them (rule RR6)"))

    def delegate_on(self, partner: Role, day: date) -> tuple[str, str, str] | None:
        """(lead's office, delegate, where published) for `partner`: the naming in force on
        `day`, the latest dated by then (None before any)."""
        return _in_force(self.leads.get(partner.value, ()), day)

    def report_scrutiny(self, summary: str, actor: Actor, on: date) -> None:
        authorise(actor, "record independent scrutiny of the arrangements")
        self._record(self.ScrutinyReported, actor, on, summary=need(
            summary, "summarise the scrutineer's assessment of the arrangements"))

    def delegation_on(self, day: date) -> tuple[str, str] | None:
        """(the partner's role, where it is published) of the delegation in force on `day`:
        the latest dated by then (None before any)."""
        return _in_force(self.delegations, day)

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


def _in_force(namings: tuple, day: date) -> tuple | None:
    """The rest of the latest of `namings` (each dated first, in date order) dated by `day`."""
    dated = [n for n in namings if n[0] <= day]
    return dated[-1][1:] if dated else None
