"""An agreed action is owed by its due date (rule A5), given / when / then: the first due date
stays when the action is re-dated, a claim counts only while it stands, and an action withdrawn
or superseded is discharged as not applicable, with its reasons."""

from datetime import date

import pytest

from lif_domain.clocks import Status, action_clocks, clocks_of
from lif_domain.errors import InvalidInput
from tests.conftest import AGENCY, PLQA, recorded, replay
from tests.domain.test_action import DEC, SEP, agreed, proposed

JAN, MAR = date(2018, 1, 1), date(2018, 3, 31)


def statuses(action, as_of):
    return {c.name: c.status_on(as_of) for c in action_clocks(action, as_of)}


def test_a_proposed_action_owes_nothing_until_it_is_agreed():
    assert clocks_of(replay(proposed()), None, DEC) == []
    [clock] = action_clocks(replay(agreed()), SEP)
    assert (clock.subject, clock.started_on, clock.due_on, clock.owed_by, clock.kind) == (
        "AUD-2017-02/A1", SEP, DEC, "agency_lead", "action")
    assert "rule A5" in clock.rule


def test_an_action_is_due_then_overdue_then_met_late_when_completion_is_claimed():
    action = replay(agreed())
    assert statuses(action, DEC) == {"action completed": Status.DUE}
    assert statuses(action, JAN) == {"action completed": Status.OVERDUE}
    action.claim_complete("training register", AGENCY, date(2018, 1, 10))
    assert statuses(action, date(2018, 1, 10)) == {"action completed": Status.MET_LATE}
    assert statuses(action, JAN) == {"action completed": Status.OVERDUE}  # as it stood


def test_a_rejected_claim_makes_the_action_open_again_from_the_rejection():
    action = replay(agreed())
    action.claim_complete("register", AGENCY, date(2017, 12, 1))
    action.reject_claim("register incomplete", PLQA, date(2018, 1, 5))
    assert statuses(action, date(2017, 12, 31)) == {"action completed": Status.MET}
    assert statuses(action, date(2018, 1, 5)) == {"action completed": Status.OVERDUE}
    action.claim_complete("full register", AGENCY, date(2018, 2, 1))
    assert statuses(action, date(2018, 2, 1)) == {"action completed": Status.MET_LATE}


def test_a_re_dated_action_keeps_its_first_due_date_beside_the_new_one():
    action = replay(agreed())
    action.request_due_change(MAR, "training venue lost", AGENCY, date(2017, 12, 1))
    action.decide_due_change(True, "reasonable", PLQA, date(2017, 12, 5))
    first, again = action_clocks(action, date(2018, 2, 1))
    assert (first.due_on, again.due_on, again.varies) == (DEC, MAR, DEC)
    assert "agreed again on 2017-12-05 by plqa1, varying the first due date of 2017-12-31: " \
        "reasonable" in again.rule
    assert (first.status_on(date(2018, 2, 1)), again.status_on(date(2018, 2, 1))) == (
        Status.OVERDUE, Status.DUE)
    action.claim_complete("register", AGENCY, date(2018, 2, 12))
    assert statuses(action, date(2018, 2, 12)) == {
        "action completed": Status.MET_LATE, "action completed (re-dated)": Status.MET}
    assert again.said(date(2018, 2, 1)).endswith("; 32 days late against the original "
                                                 "2017-12-31")
    assert action_clocks(action, date(2018, 2, 12))[1].late_against_original(MAR) == 43


def test_no_second_clock_before_the_re_dating_is_approved():
    action = replay(agreed())
    action.request_due_change(MAR, "venue lost", AGENCY, date(2017, 12, 1))
    assert [c.name for c in action_clocks(action, date(2017, 12, 2))] == ["action completed"]


def test_a_withdrawn_action_is_discharged_as_not_applicable_with_its_reasons():
    action = replay(agreed())
    action.withdraw("the service closed", PLQA, date(2017, 11, 1))
    [clock] = action_clocks(action, DEC)
    assert clock.status_on(DEC) is Status.DISCHARGED and not clock.shown_on(DEC)
    assert clock.said(DEC).endswith("discharged 2017-11-01 as not applicable (withdrawn: the "
                                    "service closed)")
    assert clock.status_on(date(2017, 10, 31)) is Status.DUE


def test_discharging_an_overdue_action_never_hides_the_miss():
    action = replay(agreed())
    action.supersede("AUD-2017-02/A2", "merged into A2", PLQA, date(2018, 2, 1))
    [clock] = action_clocks(action, MAR)
    assert clock.status_on(MAR) is Status.DISCHARGED_LATE and clock.shown_on(MAR)
    assert "superseded by AUD-2017-02/A2: merged into A2" in clock.said(MAR)


def test_a_reopened_action_is_owed_again_against_the_same_date():
    action = replay(agreed())
    action.withdraw("no longer needed", PLQA, date(2017, 10, 4))
    action.reopen("needed after all", PLQA, date(2017, 10, 20))
    assert statuses(action, JAN) == {"action completed": Status.OVERDUE}


def test_a_miss_is_listed_by_default_until_the_end_of_its_financial_year():
    action = replay(agreed())
    action.claim_complete("register", AGENCY, date(2018, 1, 10))
    [clock] = action_clocks(action, MAR)
    assert clock.shown_on(MAR) and not clock.shown_on(date(2018, 4, 1))
    assert clock.status_on(date(2018, 4, 1)) is Status.MET_LATE  # still a miss, on asking


def test_an_action_is_never_re_dated_before_the_date_first_agreed():
    action = replay(agreed())
    with pytest.raises(InvalidInput, match="before the date first agreed, 2017-12-31"):
        action.request_due_change(date(2017, 12, 20), "done early", AGENCY, date(2017, 10, 1))
    assert recorded(action) == []
