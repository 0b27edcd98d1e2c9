"""The application service: acting members checked on the decision date, business dates, and
refusals that write nothing (counted in the store)."""

from datetime import date

import pytest
from freezegun import freeze_time

from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import (DuplicateReference, FutureDate, InvalidInput, MissingRationale,
                               NotAuthorised,
                               OutOfOrder, StoreError, UnknownRecord)
from lif_domain.roles import Role
from tests.conftest import appoint, event_count, founded, make_app

DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.YES)


def notified(app):
    app.notify_case("Child H", date(2017, 5, 1), DEATH, by="bm1", on=date(2017, 5, 4))
    app.recommend("Child H", R.SCR, "criteria met", by="panel1", on=date(2017, 5, 10))


REFUSALS = [
    ("unknown member", UnknownRecord, lambda app: app.decide(
        "Child H", R.SCR, "x", by="nobody", on=date(2017, 5, 12))),
    ("wrong role", NotAuthorised, lambda app: app.decide(
        "Child H", R.SCR, "x", by="bm1", on=date(2017, 5, 12))),
    ("unknown case", UnknownRecord, lambda app: app.decide(
        "Child Z", R.SCR, "x", by="chair1", on=date(2017, 5, 12))),
    ("unknown review", UnknownRecord, lambda app: app.record_step(
        "SCR-9", "terms_agreed", by="panel1", on=date(2017, 5, 12))),
    ("out of order", OutOfOrder, lambda app: app.commission_review(
        "SCR-1", "Child H", "scr", "x", by="chair1", on=date(2017, 5, 12))),
    ("future date", FutureDate, lambda app: app.decide(
        "Child H", R.SCR, "x", by="chair1", on=date(2099, 1, 1))),
    ("missing rationale", MissingRationale, lambda app: app.decide(
        "Child H", R.SCR, " ", by="chair1", on=date(2017, 5, 12))),
    ("duplicate reference", DuplicateReference, lambda app: app.notify_case(
        "child h", date(2017, 5, 1), DEATH, by="bm1", on=date(2017, 5, 4))),
    ("not yet appointed", NotAuthorised, lambda app: app.appoint(
        "x", Role.AGENCY_LEAD, "Schools", by="bm1", on=date(2017, 1, 1))),
    ("reviewer not appointed", InvalidInput, lambda app: app.record_step(
        "SCR-1", "reviewer_commissioned", reviewer="bm1", declaration="x", by="bm1",
        on=date(2017, 5, 20))),
]


@pytest.mark.parametrize("name, error, command", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refused_command_writes_nothing(app, name, error, command):
    notified(app)
    if name == "reviewer not appointed":
        app.decide("Child H", R.SCR, "agree", by="chair1", on=date(2017, 5, 12))
        app.commission_review("SCR-1", "Child H", "scr", "x", by="chair1", on=date(2017, 5, 15))
    before = event_count(app)
    with pytest.raises(error):
        command(app)
    assert event_count(app) == before


def test_the_business_date_defaults_to_today_and_the_recorded_time_is_the_stores():
    with freeze_time("2017-05-04 10:30:00"):
        app = founded(make_app(), on=date(2017, 4, 3))
        case = app.notify_case("Child H", date(2017, 5, 1), DEATH, by="bm1")
        [event] = app.history(case)
        assert event.on == date(2017, 5, 4)
        assert event.timestamp.isoformat().startswith("2017-05-04T10:30:00")


def test_a_decision_keyed_in_late_keeps_its_business_date():
    with freeze_time("2017-06-20"):
        app = founded(make_app(), on=date(2017, 4, 3))
        notified(app)
        app.decide("Child H", R.SCR, "taken at the May board", by="chair1", on=date(2017, 5, 12))
        decision = [c for c in app.clocks(met_too=True) if c.name == "decision"][0]
        assert decision.done_on == date(2017, 5, 12) and decision.status().value == "met"
        assert app.history(app.case("Child H"))[-1].timestamp.date() == date(2017, 6, 20)


def test_a_member_acts_in_a_role_only_on_dates_they_held_it(app):
    notified(app)
    last_day = date(2017, 5, 11)
    appoint(app, "chair2", Role.INDEPENDENT_CHAIR, "Independent", on=last_day)
    app.end_appointment("chair1", Role.INDEPENDENT_CHAIR, "term ended", by="bm1", on=last_day)
    app.agree("chair1", by="chair1", on=last_day)  # the member may agree their own end
    with pytest.raises(NotAuthorised, match="held no role"):
        app.decide("Child H", R.SCR, "agree", by="chair1", on=date(2017, 5, 12))
    app.decide("Child H", R.SCR, "agree", by="chair2", on=date(2017, 5, 12))


def test_a_store_is_initialised_once(app):
    with pytest.raises(DuplicateReference, match="already initialised"):
        app.initialise("Again", "c", "o", "m", "o", on=date(2017, 4, 3))


def test_an_uninitialised_store_says_so():
    app = make_app()
    with pytest.raises(StoreError, match="lif init"):
        app.board()


def test_lists_and_clocks_cover_every_case_and_review(app):
    notified(app)
    app.notify_case("Child J", date(2017, 6, 1), CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED,
                                                           C.NO_DEFINITIVE),
                    by="bm1", on=date(2017, 6, 2))
    assert [c.ref for c in app.cases()] == ["Child H", "Child J"]
    assert [m.ref for m in app.members()] == ["chair1", "bm1", "panel1", "rev1", "plqa1"]
    names = [(c.subject, c.name) for c in app.clocks(date(2017, 7, 10), met_too=True)]
    assert ("Child H", "decision") in names and ("Child J", "decision") in names
    assert ("Child J", "notification") in names
