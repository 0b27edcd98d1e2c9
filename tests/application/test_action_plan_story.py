"""A year of one action plan, told month by month under a frozen clock: the action goes
overdue, escalates, is re-dated with approval, completed, verified and closed with impact."""

from datetime import date

import pytest
from freezegun import freeze_time

from lif_domain.action import Level, Rag, Status
from lif_domain.errors import NotAuthorised, OutOfOrder, UnknownRecord
from lif_domain.monitoring import Outcome
from lif_domain.roles import Role
from lif_domain.source import Channel, SourceType
from tests.conftest import appoint, event_count, founded, make_app

A1 = "AUD-2017-02/A1"


@pytest.fixture
def story():
    with freeze_time("2017-09-01") as clock:
        app = founded(make_app(), on=date(2017, 4, 3))
        app.appoint("lead1", Role.AGENCY_LEAD, "Health", by="bm1")
        appoint(app, "plqa2", Role.PLQA_MEMBER, "Police", on=app.today())
        app.register_organisation("Health", by="bm1")
        yield app, clock


def test_an_action_goes_overdue_escalates_is_redated_completed_verified_and_closed(story):
    app, clock = story
    app.record_source("AUD-2017-02", SourceType.PRACTICE_AUDIT, "Neglect audit",
                      date(2017, 8, 1), "plqa1", by="plqa1")
    app.record_finding("AUD-2017-02", "finding", "Neglect recognised late", ["neglect"],
                       by="bm1")
    app.approve_source_report("AUD-2017-02", "PLQA committee", "findings accepted", by="plqa1")
    action, warning = app.propose_action(A1, "AUD-2017-02", 1, "Train health visitors",
                                         "health", "hv-lead", date(2017, 11, 30),
                                         "80% trained", by="lead1")
    assert warning is None and action.owner == "Health"
    app.action_step(A1, "agree", by="plqa1")

    clock.move_to("2017-10-02")
    app.action_step(A1, "update_progress", rag=Rag.AMBER, narrative="venue found", by="lead1")
    app.hold_round("PLQA-2017-10", "PLQA committee", by="plqa1")
    app.record_outcome("PLQA-2017-10", A1, Outcome.ON_TRACK, "on track", by="plqa1")

    clock.move_to("2017-12-04")
    report = app.monitor()
    assert [x.ref for x in report.overdue] == [A1]
    assert report.not_updated == []  # updated 2 Oct, the last round was 2 Oct
    app.action_step(A1, "escalate", level=Level.SUBGROUP, reason="overdue", by="bm1")
    app.hold_round("PLQA-2017-12", "PLQA committee", by="plqa1")
    assert app.monitor().not_updated == [A1]
    app.action_step(A1, "request_due_change", new_due=date(2018, 2, 28),
                    reason="trainer ill", by="lead1")

    clock.move_to("2017-12-11")
    app.action_step(A1, "decide_due_change", approve=True, note="reasonable", by="plqa2")
    assert not app.monitor().overdue
    assert app.monitor(date(2017, 12, 5)).overdue[0].ref == A1  # as it stood then

    clock.move_to("2018-02-20")
    app.action_step(A1, "claim_complete", evidence="register: 86% trained", by="lead1")
    with pytest.raises(NotAuthorised):
        app.action_step(A1, "verify", note="ok", by="lead1")
    app.action_step(A1, "verify", note="register checked", by="plqa2")
    clock.move_to("2018-06-01")
    app.action_step(A1, "assess_impact", measure="re-audit",
                    result="neglect recognised early in 9 of 10 cases", by="plqa1")
    app.action_step(A1, "close", rationale="impact evidenced", by="chair1")
    app.disseminate("AUD-2017-02", Channel.PRACTITIONER_FORUM, "health visitors", 35, [1],
                    by="bm1")
    app.record_source("AUD-2018-05", SourceType.PRACTICE_AUDIT, "Neglect re-audit",
                      date(2018, 5, 20), "plqa1", by="plqa1")
    app.evidence_impact("AUD-2017-02", "re-audit shows earlier recognition", "AUD-2018-05",
                        by="plqa1")

    final = app.action(A1)
    assert final.status is Status.CLOSED
    assert final.value_on("due_on", date(2017, 12, 1)) == date(2017, 11, 30)
    steps = {s.name: s.reached_on for s in app.cycle_of("AUD-2017-02")}
    assert steps == {
        "information gathered": date(2017, 8, 1),
        "report and action plan produced": date(2017, 9, 1),
        "approval": date(2017, 9, 1),
        "implementation programme": date(2017, 9, 1),
        "monitoring": date(2017, 10, 2),
        "dissemination": date(2018, 6, 1),
        "impact evidenced": date(2018, 6, 1),
    }
    history = app.events.get(final.id)
    assert all(e.member and e.role and e.on for e in history)


def test_too_many_actions_on_one_source_warns_but_does_not_refuse(story):
    app, _ = story
    app.max_actions_per_source = 2
    app.record_source("SCR-X", SourceType.NATIONAL_LEARNING, "Briefing", date(2017, 8, 1),
                      "plqa1", by="plqa1")
    app.record_finding("SCR-X", "recommendation", "r", ["neglect"], by="bm1")
    warnings = [app.propose_action(f"X/{i}", "SCR-X", 1, "w", "Health", "l",
                                   date(2017, 12, 1), "m", by="bm1")[1] for i in range(3)]
    assert warnings[:2] == [None, None] and "3 actions, more than 2" in warnings[2]
    assert len(app.actions_of("SCR-X")) == 3


def test_an_unknown_organisation_or_a_missing_source_writes_nothing(story):
    app, _ = story
    app.record_source("S", SourceType.SECTION_11, "S11", date(2017, 8, 1), "plqa1", by="plqa1")
    app.record_finding("S", "finding", "f", ["training"], by="bm1")
    app.hold_round("R", "PLQA committee", by="plqa1")
    before = event_count(app)
    with pytest.raises(UnknownRecord, match="unknown organisation 'Schools'"):
        app.propose_action("S/1", "S", 1, "w", "Schools", "l", date(2017, 12, 1), "m", by="bm1")
    with pytest.raises(UnknownRecord, match="no learning source"):
        app.propose_action("S/1", "T", 1, "w", "Health", "l", date(2017, 12, 1), "m", by="bm1")
    with pytest.raises(UnknownRecord, match="no action"):
        app.record_outcome("R", "S/9", Outcome.ON_TRACK, "x", by="plqa1")
    app.propose_action("S/1", "S", 1, "w", "Health", "l", date(2017, 12, 1), "m", by="bm1")
    with pytest.raises(OutOfOrder):
        app.action_step("S/1", "close", rationale="x", by="plqa1")
    assert event_count(app) == before + 1
