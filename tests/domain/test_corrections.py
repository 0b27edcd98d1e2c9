"""Corrections are new events that point at what they correct; the original stays."""

from datetime import date

import pytest

from lif_domain.case import Case
from adapters.calendar import EnglandWalesCalendar
from lif_domain.clocks import Status, case_clocks, review_clocks
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from tests.conftest import CHAIR, MANAGER, PANEL, recorded, replay
from tests.domain.test_clocks import CAL, screened
from tests.domain.test_review import through

CAL = EnglandWalesCalendar()


def test_a_decision_date_keyed_wrongly_is_corrected_and_the_clock_follows():
    case = screened(decided_on=date(2017, 3, 10))  # keyed as 10 March: late
    given = recorded(case)
    case = replay(given)
    case.correct_date(3, date(2017, 2, 27), "minutes show the decision on 27 Feb", MANAGER,
                      date(2017, 3, 12))
    [event] = recorded(case)
    assert isinstance(event, Case.DateCorrected)
    assert (event.corrects_version, event.key, event.was_on, event.now_on) == (
        3, "decided_on", date(2017, 3, 10), date(2017, 2, 27))
    assert case.decided_on == date(2017, 2, 27)
    decision = [c for c in case_clocks(case, CAL, date(2017, 4, 1)) if c.name == "decision"][0]
    assert decision.status_on(date(2017, 4, 1)) is Status.MET
    assert given[2].on == date(2017, 3, 10)  # the original is untouched


def test_a_corrected_date_cannot_put_steps_out_of_order():
    case = replay(recorded(screened(decided_on=date(2017, 2, 20))))
    with pytest.raises(OutOfOrder, match="cannot be dated before recommended on"):
        case.correct_date(3, date(2017, 1, 31), "typo", MANAGER, date(2017, 3, 1))
    with pytest.raises(OutOfOrder, match="decided on .* cannot be dated before the corrected"):
        case.correct_date(2, date(2017, 2, 21), "typo", MANAGER, date(2017, 3, 1))
    assert recorded(case) == []


def test_only_dated_events_can_be_corrected_with_a_reason_by_the_chair_or_manager():
    case = replay(recorded(screened(decided_on=date(2017, 2, 20))))
    with pytest.raises(InvalidInput, match="event 9 of Child H has no date"):
        case.correct_date(9, date(2017, 2, 1), "x", MANAGER, date(2017, 3, 1))
    with pytest.raises(MissingRationale):
        case.correct_date(3, date(2017, 2, 21), " ", MANAGER, date(2017, 3, 1))
    with pytest.raises(NotAuthorised):
        case.correct_date(3, date(2017, 2, 21), "x", PANEL, date(2017, 3, 1))
    with pytest.raises(InvalidInput, match="already dated"):
        case.correct_date(3, date(2017, 2, 20), "x", CHAIR, date(2017, 3, 1))


def test_correcting_the_initial_meeting_date_moves_the_plr_timescale_clock():
    review = replay(through("meeting_held", "plr"))
    [held_version] = [v for v, (k, _) in review.dates.items() if k == "meeting_held"]
    review.correct_date(held_version, date(2017, 6, 30), "meeting was postponed", MANAGER,
                        date(2017, 7, 1))
    assert review.done["initial_meeting_held"] == date(2017, 6, 30)
    assert review.meetings[0].held_on == date(2017, 6, 30)
    [completion] = review_clocks(review, CAL, date(2017, 7, 1))
    assert completion.started_on == date(2017, 6, 30)
