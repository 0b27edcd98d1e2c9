"""Replaying a record as it stood at the end of a date, by recorded and by business time."""

from datetime import date

from freezegun import freeze_time

from cli.history import state_of
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from tests.conftest import founded, make_app

DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.YES)


def test_the_state_as_at_a_recorded_date_equals_what_the_application_held_then():
    held = {}
    with freeze_time("2017-05-04 09:00") as clock:
        app = founded(make_app(), on=date(2017, 4, 3))
        app.notify_case("Child H", date(2017, 5, 1), DEATH, by="bm1")
        held[date(2017, 5, 4)] = state_of(app.case("Child H"))
        clock.move_to("2017-05-10 16:00")
        app.recommend("Child H", R.SCR, "criteria met", by="panel1")
        held[date(2017, 5, 10)] = state_of(app.case("Child H"))
        clock.move_to("2017-06-20 11:00")  # keyed late: decided at the 22 May board
        app.decide("Child H", R.SCR, "agree", by="chair1", on=date(2017, 5, 22))
        held[date(2017, 6, 20)] = state_of(app.case("Child H"))
        case = app.case("Child H")
        for day, expected in held.items():
            state, events = app.as_it_stood(app.history(case), day, "recorded")
            assert state_of(state) == expected
        state, events = app.as_it_stood(app.history(case), date(2017, 5, 31), "recorded")
        assert state.decision is None and len(events) == 2  # our record did not know yet
        state, events = app.as_it_stood(app.history(case), date(2017, 5, 31), "business")
        assert state.decision is R.SCR and len(events) == 3  # but it had happened
        assert app.as_it_stood(app.history(case), date(2017, 5, 3), "recorded") == (None, [])


def test_business_time_keeps_steps_dated_by_then_even_when_recorded_out_of_order():
    with freeze_time("2017-06-30"):
        app = founded(make_app(), on=date(2017, 4, 3))
        app.notify_case("Child H", date(2017, 5, 1), DEATH, by="bm1", on=date(2017, 5, 4))
        app.recommend("Child H", R.SCR, "met", by="panel1", on=date(2017, 5, 10))
        app.decide("Child H", R.SCR, "agree", by="chair1", on=date(2017, 5, 12))
        app.commission_review("SCR-1", "Child H", "scr", "x", by="chair1", on=date(2017, 5, 15))
        app.record_step("SCR-1", "reviewer_commissioned", reviewer="rev1", declaration="d",
                        by="bm1", on=date(2017, 5, 20))
        app.record_step("SCR-1", "terms_drafted", summary="s", by="panel1", on=date(2017, 6, 9))
        app.record_step("SCR-1", "meeting_scheduled", kind="initial",
                        planned_for=date(2017, 6, 20), by="bm1", on=date(2017, 6, 1))
        review = app.review("SCR-1")
        state, events = app.as_it_stood(app.history(review), date(2017, 6, 5), "business")
        assert set(state.done) == {"commissioned", "reviewer_commissioned", "meeting_scheduled"}
        assert [e.originator_version for e in events] == [1, 2, 4]
