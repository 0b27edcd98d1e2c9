"""The clocks (REFERENCE §3, §4, §10), judged on business dates, with bank holidays."""

from datetime import date

import pytest

from adapters.calendar import EnglandWalesCalendar
from lif_domain.case import Case, ReviewChoice as R
from lif_domain.clocks import Status, case_clocks, review_clocks
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.dates import add_months, add_working_days
from lif_domain.errors import InvalidInput
from tests.conftest import CHAIR, MANAGER, PANEL, replay
from tests.domain.test_review import SCR_PATH, take

CAL = EnglandWalesCalendar()
DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.YES)


def clock(clocks, name):
    [found] = [c for c in clocks if c.name == name]
    return found


@pytest.mark.parametrize("aware, due, name", [
    (date(2017, 5, 1), date(2017, 5, 8), "notification"),  # Mon: early May bank holiday
    (date(2017, 4, 13), date(2017, 4, 24), "notification"),  # Good Friday, Easter Monday
    (date(2017, 12, 22), date(2018, 1, 3), "notification"),  # Christmas, Boxing Day, New Year
    # the Queen's funeral, 19 Sep 2022 (a one-off), under Working Together 2018 (rule N2)
    (date(2022, 9, 16), date(2022, 9, 26), "Panel notified"),
    (date(2017, 6, 5), date(2017, 6, 12), "notification"),  # an ordinary week
])
def test_notification_is_due_five_working_days_after_awareness(aware, due, name):
    assert add_working_days(CAL, aware, 5) == due
    case = Case.notify("Child H", aware, DEATH, MANAGER, aware)
    assert clock(case_clocks(case, CAL, aware), name).due_on == due


def test_a_notification_after_five_working_days_is_met_late():
    case = Case.notify("Child H", date(2017, 12, 22), DEATH, MANAGER, date(2018, 1, 4))
    assert clock(case_clocks(case, CAL, date(2018, 1, 4)), "notification").status() \
        is Status.MET_LATE


def test_no_notification_clock_where_the_incident_is_not_notifiable():
    facts = CaseFacts(A.NOT_SUSPECTED, H.SERIOUSLY_HARMED, C.YES)
    case = Case.notify("Child K", date(2017, 5, 1), facts, MANAGER, date(2017, 5, 30))
    assert [c.name for c in case_clocks(case, CAL, date(2017, 6, 1))] == ["decision"]


def screened(decision=R.SCR, facts=DEATH, decided_on=None) -> Case:
    case = Case.notify("Child H", date(2017, 1, 31), facts, MANAGER, date(2017, 1, 31))
    case.recommend(decision, "x", PANEL, date(2017, 2, 1))
    if decided_on:
        case.decide(decision, "x", "" if decision is R.SCR else "reason", CHAIR, decided_on)
    return case


def test_the_decision_is_due_one_month_after_notification_clamped_to_month_end():
    case = screened()
    decision = clock(case_clocks(case, CAL, date(2017, 2, 28)), "decision")
    assert decision.due_on == date(2017, 2, 28)
    assert decision.status_on(date(2017, 2, 28)) is Status.DUE
    assert decision.status_on(date(2017, 3, 1)) is Status.OVERDUE


@pytest.mark.parametrize("decided_on, status", [(date(2017, 2, 28), Status.MET),
                                                (date(2017, 3, 10), Status.MET_LATE)])
def test_a_decision_after_one_month_is_met_late(decided_on, status):
    case = screened(decided_on=decided_on)
    assert clock(case_clocks(case, CAL, date(2017, 4, 1)), "decision").status_on(
        date(2017, 4, 1)) is status


def test_a_decision_not_to_initiate_starts_the_14_day_clock_to_tell_the_national_panel():
    case = screened(R.NO_REVIEW, CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE),
                    decided_on=date(2017, 2, 20))
    told = clock(case_clocks(case, CAL, date(2017, 3, 6)), "national panel told")
    assert told.due_on == date(2017, 3, 6)
    assert told.status_on(date(2017, 3, 6)) is Status.DUE
    assert told.status_on(date(2017, 3, 7)) is Status.OVERDUE
    case.tell_national_panel(MANAGER, date(2017, 3, 8))
    told = clock(case_clocks(case, CAL, date(2017, 3, 8)), "national panel told")
    assert told.status_on(date(2017, 3, 8)) is Status.MET_LATE
    assert told.status_on(date(2017, 3, 7)) is Status.OVERDUE  # as it stood the day before


def test_a_national_panel_request_with_a_date_is_owed_by_it_and_one_without_is_not_a_clock():
    case = screened(R.NO_REVIEW, CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE),
                    decided_on=date(2017, 2, 20))
    case.tell_national_panel(MANAGER, date(2017, 3, 1))
    with pytest.raises(InvalidInput, match="before the request was received"):
        case.receive_panel_request("information", "the chronology", MANAGER, date(2017, 3, 20),
                                   answer_by=date(2017, 3, 19))
    case.receive_panel_request("information", "the chronology", MANAGER, date(2017, 3, 20),
                               answer_by=date(2017, 4, 3))
    case.receive_panel_request("attendance", "chair to attend", MANAGER, date(2017, 3, 21))
    [answer] = [c for c in case_clocks(case, CAL, date(2017, 4, 4)) if c.duty]
    assert (answer.name, answer.due_on, answer.owed_by, answer.status_on(date(2017, 4, 3))) == (
        "national panel request 1 answered", date(2017, 4, 3), "business_manager", Status.DUE)
    assert answer.status_on(date(2017, 4, 4)) is Status.OVERDUE and "rule D3" in answer.rule
    case.answer_panel_request(1, "chronology sent", MANAGER, date(2017, 4, 5))
    [answer] = [c for c in case_clocks(case, CAL, date(2017, 4, 5)) if c.duty]
    assert answer.status_on(date(2017, 4, 5)) is Status.MET_LATE


def test_an_scr_decision_has_no_clock_to_tell_the_panel_of_non_initiation():
    case = screened(decided_on=date(2017, 2, 20))
    assert "national panel told" not in [c.name for c in case_clocks(case, CAL, date(2017, 9, 1))]


def test_clocks_do_not_exist_before_they_start():
    case = screened(R.NO_REVIEW, CaseFacts(A.KNOWN, H.NEITHER, C.YES), decided_on=date(2017, 2, 20))
    assert "national panel told" not in [c.name for c in
                                         case_clocks(case, CAL, date(2017, 2, 19))]


def reviewed(until: str, **dates):
    from tests.domain.test_review import commissioned

    review = replay(commissioned())
    day = date(2017, 6, 2)
    for step in SCR_PATH[: SCR_PATH.index(until) + 1]:
        on = dates.get(step, day)
        take(review, step, on)
        day = on
    return review


def test_an_scr_is_due_six_months_after_initiation_until_a_timescale_is_agreed():
    from tests.domain.test_review import commissioned

    review = replay(commissioned())
    [completion] = review_clocks(review, CAL, date(2017, 12, 2))
    assert completion.due_on == date(2017, 12, 1)
    assert completion.status_on(date(2017, 12, 2)) is Status.OVERDUE


def test_a_review_over_its_agreed_timescale_across_christmas_is_overdue_then_met_late():
    review = reviewed("timescale_agreed", meeting_held=date(2017, 6, 20))
    statutory = clock(review_clocks(review, CAL, date(2017, 12, 21)), "review completed")
    agreed = clock(review_clocks(review, CAL, date(2017, 12, 21)),
                   "review completed (timescale agreed)")
    assert (statutory.due_on, agreed.due_on) == (date(2017, 12, 1), date(2017, 12, 20))
    assert statutory.status_on(date(2017, 12, 21)) is Status.OVERDUE
    assert agreed.status_on(date(2017, 12, 21)) is Status.OVERDUE
    review = reviewed("report_approved", meeting_held=date(2017, 6, 20),
                      report_drafted=date(2018, 1, 8), report_approved=date(2018, 1, 10))
    for name in ("review completed", "review completed (timescale agreed)"):
        completion = clock(review_clocks(review, CAL, date(2018, 2, 1)), name)
        assert completion.status_on(date(2018, 2, 1)) is Status.MET_LATE


def test_a_timescale_agreed_after_the_deadline_never_turns_the_miss_into_a_met():
    """The breach that could be made to disappear (issue 11): an SCR six months past its
    initiation has its timescale agreed again, later, and is approved within the new date."""
    review = reviewed("report_approved", meeting_held=date(2017, 6, 20),
                      report_drafted=date(2018, 3, 1), report_approved=date(2018, 3, 5))
    take(review, "timescale_agreed", date(2018, 1, 15), due_on=date(2018, 6, 30),
         rationale="more time needed", actor=CHAIR)  # agreed again after 2017-12-01 passed
    clocks = review_clocks(review, CAL, date(2018, 4, 1))
    assert clock(clocks, "review completed").status_on(date(2018, 4, 1)) is Status.MET_LATE
    agreed = clock(clocks, "review completed (timescale agreed)")
    assert (agreed.due_on, agreed.status_on(date(2018, 4, 1))) == (date(2018, 6, 30),
                                                                    Status.MET)
    assert "varying the first deadline of 2017-12-01" in agreed.rule


def test_publication_less_than_a_week_after_sending_to_the_national_panel_is_a_breach():
    review = reviewed("published", sent_to_national_panel=date(2017, 11, 20),
                      published=date(2017, 11, 23))
    notice = clock(review_clocks(review, CAL, date(2017, 12, 1)), "national panel notice")
    assert notice.status_on(date(2017, 12, 1)) is Status.BREACHED


def test_publication_a_week_after_sending_meets_the_notice():
    review = reviewed("published", sent_to_national_panel=date(2017, 11, 20),
                      published=date(2017, 11, 27))
    notice = clock(review_clocks(review, CAL, date(2017, 12, 1)), "national panel notice")
    assert notice.status_on(date(2017, 12, 1)) is Status.MET
    # A minimum period is worded as one: publication ends it, after its date, and is not late.
    assert notice.wording(notice.done_on) == ("at least until 2017-11-27",
                                              "published 2017-11-27")


def test_a_report_taken_down_before_12_months_breaches_the_publication_period():
    review = reviewed("published", published=date(2017, 12, 4))
    kept = clock(review_clocks(review, CAL, date(2018, 6, 1)), "kept published")
    assert kept.due_on == add_months(date(2017, 12, 4), 12)
    assert kept.status_on(date(2018, 6, 1)) is Status.RUNNING
    assert kept.status_on(date(2018, 12, 4)) is Status.MET
    review.remove_from_website("site redesign", MANAGER, date(2018, 6, 2))
    kept = clock(review_clocks(review, CAL, date(2018, 7, 1)), "kept published")
    assert kept.status_on(date(2018, 7, 1)) is Status.BREACHED
    assert kept.wording(kept.done_on) == ("at least until 2018-12-04", "taken down 2018-06-02")
