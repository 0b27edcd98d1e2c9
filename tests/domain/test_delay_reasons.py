"""Reasons for delay on an open deadline (issue 11), given / when / then: recorded as an event
on the record, by the role owing the deadline, the chair or the business manager, only while
the deadline is open, and shown with its clock; the deadline itself never moves."""

from datetime import date

import pytest

from lif_domain.clocks import Status, action_clocks, clocks_of
from lif_domain.errors import MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.events import DelayExplained
from lif_domain.roles import Actor, Role
from tests.conftest import AGENCY, CHAIR, MANAGER, PLQA, recorded, replay
from tests.domain.test_action import DEC, agreed

REVIEWER = Actor("rev1", Role.INDEPENDENT_REVIEWER)
JAN = date(2018, 1, 10)


def clock_of(action, on):
    return action_clocks(action, on)[0]


@pytest.mark.parametrize("actor", [AGENCY, CHAIR, MANAGER], ids=["owner", "chair", "manager"])
def test_a_delay_is_explained_on_an_open_deadline_and_shown_with_it(actor):
    action = replay(agreed())
    action.explain_delay(clock_of(action, JAN), "trainer off sick", actor, JAN)
    [event] = recorded(action)
    assert isinstance(event, DelayExplained) and (event.clock, event.reason, event.member) == (
        "action completed", "trainer off sick", actor.member)
    [clock] = clocks_of(action, None, date(2018, 2, 1))
    assert (clock.due_on, clock.status_on(date(2018, 2, 1))) == (DEC, Status.OVERDUE)
    assert clock.row(date(2018, 2, 1))["delays"] == [f"2018-01-10 {actor.member}: trainer off "
                                                     "sick"]
    assert clock.row(date(2018, 1, 9))["delays"] == []  # as it stood before


@pytest.mark.parametrize("actor, reason, error, words", [
    (PLQA, "busy", NotAuthorised, "may not"),
    (REVIEWER, "busy", NotAuthorised, r"only the role that owes it \(agency lead\)"),
    (AGENCY, " ", MissingRationale, "say why it is late"),
], ids=["a role that may not", "not the owner", "no reason"])
def test_a_delay_without_a_reason_or_by_another_role_is_refused(actor, reason, error, words):
    action = replay(agreed())
    with pytest.raises(error, match=words):
        action.explain_delay(clock_of(action, JAN), reason, actor, JAN)
    assert recorded(action) == []


def test_a_deadline_already_met_takes_no_reason():
    action = replay(agreed())
    action.claim_complete("register", AGENCY, date(2017, 12, 1))
    with pytest.raises(OutOfOrder, match="is met on 2018-01-10"):
        action.explain_delay(clock_of(action, JAN), "late", AGENCY, JAN)
    assert [e for e in recorded(action) if isinstance(e, DelayExplained)] == []
