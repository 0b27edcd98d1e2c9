"""Varying a review's timescale (issue 11, rules R1 and R2), given / when / then: once a
timescale is agreed, only the independent chair extends it, with a reason, to a date after the
first deadline, which stays; anything else is refused and records nothing."""

from datetime import date

import pytest

from adapters.calendar import EnglandWalesCalendar
from lif_domain.clocks import Status, review_clocks
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.review import Review
from tests.conftest import CHAIR, PANEL, recorded, replay
from tests.domain.test_review import SCR_PATH, START, take, through

CAL = EnglandWalesCalendar()

AGREED = through("timescale_agreed")  # six months from the initial meeting
FIRST = date(2017, 12, 1)  # the SCR's six months from initiation on 2017-06-01 (rule R1)


def agreed() -> Review:
    return replay(AGREED)


@pytest.mark.parametrize("actor, due_on, rationale, error, words", [
    (PANEL, date(2018, 3, 31), "more time", NotAuthorised, "only the independent chair"),
    (CHAIR, date(2018, 3, 31), " ", MissingRationale, "needs a reason"),
    (CHAIR, None, "more time", InvalidInput, "give the new completion date"),
    (CHAIR, date(2017, 11, 30), "more time", InvalidInput,
     "must be after the first deadline, 2017-12-01, which stays"),
    (CHAIR, FIRST, "more time", InvalidInput, "must be after the first deadline"),
], ids=["not the chair", "no reason", "no date", "before the first", "the first itself"])
def test_a_variation_that_breaks_a_rule_is_refused_and_records_nothing(actor, due_on,
                                                                        rationale, error, words):
    review = agreed()
    with pytest.raises(error, match=words):
        take(review, "timescale_agreed", date(2017, 9, 1), actor=actor, due_on=due_on,
             rationale=rationale)
    assert recorded(review) == []


def test_a_closed_review_cannot_be_varied():
    review = replay(through("closed"))
    with pytest.raises(OutOfOrder):
        take(review, "timescale_agreed", date(2018, 6, 1), actor=CHAIR,
             due_on=date(2018, 12, 31), rationale="more time")
    assert recorded(review) == []


def test_the_chair_varies_it_and_both_deadlines_are_judged():
    review = agreed()
    take(review, "timescale_agreed", date(2017, 12, 10), actor=CHAIR, due_on=date(2018, 3, 31),
         rationale="the family asked to meet the reviewer")
    [event] = recorded(review)
    assert (event.member, event.due_on, event.rationale) == (
        "chair1", date(2018, 3, 31), "the family asked to meet the reviewer")
    first, varied = review_clocks(review, CAL, date(2018, 1, 12))
    assert (first.due_on, first.status_on(date(2018, 1, 12))) == (FIRST, Status.OVERDUE)
    assert (varied.due_on, varied.varies, varied.status_on(date(2018, 1, 12))) == (
        date(2018, 3, 31), FIRST, Status.DUE)
    assert varied.said(date(2018, 1, 12)).endswith("; 42 days late against the original "
                                                   "2017-12-01")


def test_the_first_agreement_is_not_a_variation():
    review = replay(through(SCR_PATH[SCR_PATH.index("timescale_agreed") - 1]))
    take(review, "timescale_agreed", date(2017, 7, 1), due_on=date(2018, 1, 31),
         rationale="many agencies")  # by the panel, as at the initial meeting
    assert review.due_on == date(2018, 1, 31)


def test_a_variation_before_the_deadline_still_leaves_the_first_deadline_to_be_judged():
    review = agreed()
    take(review, "timescale_agreed", date(2017, 11, 1), actor=CHAIR, due_on=date(2018, 2, 28),
         rationale="police disclosure awaited")
    for step in ("report_drafted", "report_presented", "report_approved"):
        take(review, step, date(2018, 1, 15))
    first, varied = review_clocks(review, CAL, date(2018, 1, 15))
    assert first.status_on(date(2017, 11, 30)) is Status.DUE  # before its date, still due
    assert (first.status_on(date(2018, 1, 15)), varied.status_on(date(2018, 1, 15))) == (
        Status.MET_LATE, Status.MET)
    assert "agreed on 2017-11-01 by chair1" in varied.rule and "police disclosure" in varied.rule
