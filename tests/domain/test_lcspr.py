"""Local child safeguarding practice reviews (rules LC1 to LC5): commissioned on the partners'
decision, monitored at the interval they agree (SI 2018/789 reg 14), sent to the Panel and the
Secretary of State 7 working days before publication, or the improvements published instead.
Given events, when a command, then events or a one-line refusal naming the rule."""

from datetime import date, timedelta

import pytest

from adapters.calendar import EnglandWalesCalendar
from lif_domain.case import Case, RapidReviewChoice as RR
from lif_domain.clocks import Status, clocks_of
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.review import COMMANDS, Review
from lif_domain.review_steps import STEPS, TITLES
from tests.conftest import (CHAIR, HEALTH, LA, MANAGER, PANEL, POLICE, REVIEWER, recorded,
                            replay)
from tests.domain.test_review import ARGS, take

CAL = EnglandWalesCalendar()
DECIDED = date(2024, 3, 18)
START = date(2024, 3, 25)
LCSPR_STEPS = [s for s in STEPS if STEPS[s].kinds == {"lcspr"}]
# An LCSPR from commissioning to closure, the partners approving its report.
PATH = ["reviewer_commissioned", "monitoring_agreed", "agencies_identified", "terms_drafted",
        "terms_circulated", "terms_agreed", "methodology_chosen", "meeting_scheduled",
        "meeting_held", "timescale_agreed", "family_invited", "family_responded",
        "professionals_involved", "progress_monitored", "information_requested",
        "report_drafted", "report_presented", "report_approved", "copy_sent", "published",
        "closed"]
BY = {"report_approved": LA, "timescale_agreed": LA, "closed": MANAGER}


def partners_case(decision=RR.LCSPR, partners=(LA, HEALTH, POLICE)) -> Case:
    case = Case.notify("Child P", date(2024, 3, 1), CaseFacts(A.SUSPECTED, H.DIED, C.YES),
                       MANAGER, date(2024, 3, 4))
    for partner in partners:
        case.partner_agrees(decision, "reasons", "briefings" if decision is RR.NO_LCSPR else "",
                            None, partner, DECIDED)
    return case


def commissioned() -> list:
    return recorded(Review.commission("LCSPR-1", partners_case(), "lcspr", "partners decided",
                                      None, MANAGER, START))


def through(last: str, gap=timedelta(days=7)) -> Review:
    """An LCSPR taken along PATH to `last`, a week between stages."""
    review = replay(commissioned())
    for i, step in enumerate(PATH[: PATH.index(last) + 1]):
        take(review, step, START + gap * (i + 1), **({"actor": BY[step]} if step in BY else {}))
    return review


def named(review, name, as_of):
    return [c for c in clocks_of(review, CAL, as_of) if c.name.startswith(name)]


def test_an_lcspr_is_commissioned_on_the_partners_decision_and_records_its_date():
    [event] = commissioned()
    assert (event.kind, event.partners_agreed_on, event.role) == (
        "lcspr", DECIDED, "business_manager")


@pytest.mark.parametrize("case, words", [
    (partners_case(partners=(LA, HEALTH)), "decided: nothing yet .rule RR2.; rule LC1"),
    (partners_case(RR.NO_LCSPR), "decided: no local child safeguarding practice review"),
])
def test_an_lcspr_needs_all_three_partners_deciding_on_one(case, words):
    with pytest.raises(OutOfOrder, match=words):
        Review.commission("LCSPR-1", case, "lcspr", "x", None, MANAGER, START)


def test_an_lcspr_is_not_commissioned_before_the_partners_decided_nor_by_the_chair():
    with pytest.raises(OutOfOrder, match="cannot be dated before the partners' decision"):
        Review.commission("LCSPR-1", partners_case(), "lcspr", "x", None, MANAGER,
                          DECIDED - timedelta(days=1))
    with pytest.raises(NotAuthorised, match="may commission an LCSPR"):
        Review.commission("LCSPR-1", partners_case(), "lcspr", "x", None, CHAIR, START)


def test_an_lcspr_under_2015_and_an_scr_under_2018_are_refused_naming_the_regime():
    case = Case.notify("Child H", date(2017, 5, 1), CaseFacts(A.SUSPECTED, H.DIED, C.YES),
                       MANAGER, date(2017, 5, 2))
    with pytest.raises(OutOfOrder, match="Working Together 2015 .rule G1.: a case under it is "
                                         "not reviewed by an LCSPR .its reviews: SCR or PLR."):
        Review.commission("LCSPR-1", case, "lcspr", "x", None, MANAGER, START)
    with pytest.raises(OutOfOrder, match="Working Together 2023 .rule G1.: a case under it is "
                                         "not reviewed by an SCR .its reviews: LCSPR."):
        Review.commission("SCR-1", partners_case(), "scr", "x", None, CHAIR, START)


def test_an_lcspr_runs_through_its_stages_to_closure_without_management_reviews():
    review = through("closed")
    assert review.closed_on is not None and review.next_steps() == []
    fresh = replay(commissioned())
    assert "imr_author_advised" not in through("agencies_identified").next_steps()
    assert {"reviewer_commissioned", "monitoring_agreed"} <= set(fresh.next_steps())
    with pytest.raises(OutOfOrder, match="is a stage of an SCR or a PLR only; LCSPR-1 is an "
                                         "LCSPR"):
        take(through("agencies_identified"), "imr_author_advised", date(2024, 6, 1))


@pytest.mark.parametrize("step", LCSPR_STEPS)
def test_an_lcspr_stage_on_a_2015_review_is_refused(step):
    from tests.domain.test_review import commissioned as scr

    review = replay(scr())
    with pytest.raises(OutOfOrder, match="is a stage of an LCSPR only; R-1 is an SCR, a review "
                                         "under Working Together 2015 .rule G1."):
        take(review, step, date(2017, 6, 2))
    assert recorded(review) == []


@pytest.mark.parametrize("step", LCSPR_STEPS)
def test_who_may_not_take_an_lcspr_stage_is_told_so(step):
    review = replay(commissioned())
    with pytest.raises(NotAuthorised):
        COMMANDS[step](review, **ARGS[step][1], actor=REVIEWER, on=START)
    assert recorded(review) == []


@pytest.mark.parametrize("step", [s for s in LCSPR_STEPS
                                  if set(STEPS[s].requires) - {"commissioned"}])
def test_an_lcspr_stage_out_of_order_is_refused_naming_what_comes_first(step):
    review = replay(commissioned())
    first = next(r for r in STEPS[step].of("lcspr").requires if r not in review.done)
    with pytest.raises(OutOfOrder, match=TITLES[first]):
        take(review, step, START + timedelta(days=1))


def test_the_partners_approve_an_lcspr_report_not_the_chair():
    review = through("report_presented")
    with pytest.raises(NotAuthorised, match="safeguarding partner"):
        review.approve_report("fine", CHAIR, date(2024, 12, 1))
    review.approve_report("fine", HEALTH, date(2024, 12, 1))
    assert review.done["report_approved"] == date(2024, 12, 1)


def test_an_lcspr_timescale_is_varied_by_a_partner_and_judged_beside_the_first():
    review = through("timescale_agreed")
    first = review.due_on
    with pytest.raises(NotAuthorised, match="only a safeguarding partner extends it"):
        review.agree_timescale(first + timedelta(days=60), "trial", PANEL, date(2024, 7, 1))
    review.agree_timescale(first + timedelta(days=60), "criminal trial", POLICE, date(2024, 7, 1))
    completion = named(review, "review completed", date(2025, 6, 1))
    assert [c.due_on for c in completion] == [first, first + timedelta(days=60)]
    assert "rule LC5" in completion[0].rule


def test_no_completion_deadline_until_a_timescale_is_agreed():
    assert named(through("meeting_held"), "review completed", date(2026, 1, 1)) == []


def test_monitoring_is_a_deadline_every_interval_and_a_missed_one_stays_missed():
    review = replay(commissioned())
    review.agree_monitoring(4, LA, date(2024, 4, 1))
    review.monitor_progress("on track", "terms clear", LA, date(2024, 4, 26))  # within 4 weeks
    review.monitor_progress("behind", "family view awaited", LA, date(2024, 6, 14))  # 7 weeks
    first, second, third = named(review, "monitored", date(2024, 6, 20))
    assert (first.due_on, first.status()) == (date(2024, 4, 29), Status.MET)
    assert (second.started_on, second.due_on, second.status()) == (
        date(2024, 4, 26), date(2024, 5, 24), Status.MET_LATE)
    assert (third.started_on, third.due_on, third.done_on) == (
        date(2024, 6, 14), date(2024, 7, 12), None)
    assert third.status_on(date(2024, 7, 13)) is Status.OVERDUE
    assert "SI 2018/789 reg 14; rule LC2" in first.rule


def test_monitoring_ends_with_the_final_report_discharged_late_if_an_interval_had_passed():
    review = through("report_approved", gap=timedelta(days=3))
    [*_, last] = named(review, "monitored", date(2026, 1, 1))
    assert last.status() is Status.DISCHARGED and last.discharged == "final report approved"
    slow = through("report_approved", gap=timedelta(weeks=3))  # approval 6 weeks after
    [*_, last] = named(slow, "monitored", date(2026, 1, 1))
    assert last.status() is Status.DISCHARGED_LATE


@pytest.mark.parametrize("weeks", [0, 27])
def test_the_monitoring_interval_is_one_to_26_weeks(weeks):
    review = replay(commissioned())
    with pytest.raises(InvalidInput, match="every 1 to 26 weeks"):
        review.agree_monitoring(weeks, LA, date(2024, 4, 1))


def test_a_request_to_the_reviewer_is_in_writing():
    review = through("reviewer_commissioned")
    with pytest.raises(MissingRationale, match="in writing.*reg 14.3."):
        review.request_information("draft_report", " ", LA, date(2024, 5, 1))
    with pytest.raises(InvalidInput, match="information or draft_report"):
        review.request_information("everything", "letter", LA, date(2024, 5, 1))


@pytest.mark.parametrize("sent, published, status", [
    (date(2024, 12, 19), date(2024, 12, 31), Status.BREACHED),  # 6 working days: Christmas
    (date(2024, 12, 19), date(2025, 1, 2), Status.MET),  # New Year's Day not counted
])
def test_the_panel_and_the_secretary_of_state_get_7_working_days_before_publication(
        sent, published, status):
    review = through("report_approved")
    review.send_copy(MANAGER, sent)
    review.publish("partnership website", MANAGER, published)
    [notice] = named(review, "Panel and Secretary of State notice", published)
    assert notice.due_on == date(2025, 1, 2) and notice.status() is status


def test_publication_needs_the_copy_sent_first():
    review = through("report_approved")
    with pytest.raises(OutOfOrder, match="report sent to the Panel and the Secretary of State"):
        review.publish("website", MANAGER, date(2025, 1, 2))


def test_improvements_published_instead_close_the_review_and_the_report_is_not_published():
    review = through("report_approved")
    with pytest.raises(OutOfOrder, match="closes once published or decided not to be published"):
        review.close("done", MANAGER, date(2025, 1, 2))
    with pytest.raises(NotAuthorised):
        review.publish_improvements("site", "would identify siblings", MANAGER, date(2025, 1, 2))
    review.publish_improvements("site", "would identify siblings", POLICE, date(2025, 1, 2))
    review.send_copy(MANAGER, date(2025, 1, 3))
    with pytest.raises(OutOfOrder, match="improvements were published instead .rule LC4."):
        review.publish("website", MANAGER, date(2025, 1, 20))
    review.close("learning handed on", MANAGER, date(2025, 1, 21))
    assert review.closed_on == date(2025, 1, 21)
