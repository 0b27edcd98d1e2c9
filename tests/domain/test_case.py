"""Case: notification, screening and the chair's decision, as given / when / then."""

from datetime import date

import pytest

from lif_domain.case import Case, ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from tests.conftest import CHAIR, MANAGER, PANEL, recorded, replay

DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.NOT_YET_KNOWN)
NO_CONCERN = CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE)
MAY = date(2017, 5, 1)


def notified(facts=DEATH) -> list:
    case = Case.notify("Child H", MAY, facts, MANAGER, date(2017, 5, 4))
    return recorded(case)


def recommended(rec=R.SCR, facts=DEATH) -> list:
    case = replay(notified(facts))
    case.recommend(rec, "panel's view", PANEL, date(2017, 5, 10))
    return notified(facts) + recorded(case)


def decided(decision=R.NO_REVIEW, facts=NO_CONCERN) -> list:
    case = replay(recommended(decision, facts))
    case.decide(decision, "chair's view", "", CHAIR, date(2017, 5, 12))
    return recommended(decision, facts) + recorded(case)


def test_a_notification_records_the_facts_and_the_criteria_outcome_with_its_rule():
    [event] = notified()
    assert isinstance(event, Case.Notified)
    assert (event.member, event.role, event.on) == ("bm1", "business_manager", date(2017, 5, 4))
    assert event.criteria_met and event.criteria_rule == "reg 5(2)(a) and (b)(i)"
    assert event.notifiable and event.aware_on == MAY


@pytest.mark.parametrize("ref", ["485 777 3456", "4857773456", "Child 12/03/2015", ""])
def test_a_reference_that_looks_like_personal_data_is_refused(ref):
    with pytest.raises(InvalidInput):
        Case.notify(ref, MAY, DEATH, MANAGER, date(2017, 5, 4))


def test_a_notification_dated_before_awareness_is_refused():
    with pytest.raises(OutOfOrder, match="before the date the local authority became aware"):
        Case.notify("Child H", MAY, DEATH, MANAGER, date(2017, 4, 30))


def test_only_a_manager_or_panel_member_records_a_notification():
    with pytest.raises(NotAuthorised):
        Case.notify("Child H", MAY, DEATH, CHAIR, date(2017, 5, 4))


def test_the_panel_recommends_with_a_rationale():
    case = replay(notified())
    case.recommend(R.SCR, "criteria met", PANEL, date(2017, 5, 10))
    [event] = recorded(case)
    assert isinstance(event, Case.PanelRecommended)
    assert (event.recommendation, event.rationale, event.role) == ("scr", "criteria met",
                                                                  "scr_panel_member")


@pytest.mark.parametrize("actor", [MANAGER, CHAIR])
def test_only_the_panel_records_its_recommendation(actor):
    case = replay(notified())
    with pytest.raises(NotAuthorised):
        case.recommend(R.SCR, "criteria met", actor, date(2017, 5, 10))
    assert recorded(case) == []


def test_a_recommendation_without_rationale_is_refused():
    case = replay(notified())
    with pytest.raises(MissingRationale):
        case.recommend(R.SCR, "  ", PANEL, date(2017, 5, 10))
    assert recorded(case) == []


def test_the_chair_decides_in_line_with_panel_and_criteria():
    case = replay(recommended(R.SCR))
    case.decide(R.SCR, "agree", "", CHAIR, date(2017, 5, 12))
    [event] = recorded(case)
    assert isinstance(event, Case.ChairDecided)
    assert not event.departs_from_panel and not event.departs_from_criteria
    assert (event.member, event.role, event.rationale) == ("chair1", "independent_chair", "agree")


@pytest.mark.parametrize("actor", [MANAGER, PANEL])
def test_only_the_chair_decides(actor):
    case = replay(recommended(R.SCR))
    with pytest.raises(NotAuthorised, match="independent chair"):
        case.decide(R.SCR, "agree", "", actor, date(2017, 5, 12))
    assert recorded(case) == []


def test_the_chair_cannot_decide_before_the_panel_recommends():
    case = replay(notified())
    with pytest.raises(OutOfOrder, match="recommendation .* must be recorded before"):
        case.decide(R.SCR, "agree", "", CHAIR, date(2017, 5, 12))


def test_departing_from_the_panel_needs_a_reason_and_is_shown_as_such():
    case = replay(recommended(R.SCR))
    with pytest.raises(MissingRationale, match="departs from the panel's recommendation and "
                                               "the criteria"):
        case.decide(R.PLR, "proportionate", "", CHAIR, date(2017, 5, 12))
    case.decide(R.PLR, "proportionate", "family already engaged in a PLR", CHAIR,
                date(2017, 5, 12))
    [event] = recorded(case)
    assert event.departs_from_panel and event.departs_from_criteria
    assert event.departure_reason == "family already engaged in a PLR"


def test_an_scr_where_the_criteria_are_not_met_departs_from_the_criteria_only():
    case = replay(recommended(R.SCR, NO_CONCERN))
    with pytest.raises(MissingRationale, match="departs from the criteria"):
        case.decide(R.SCR, "wider learning", "", CHAIR, date(2017, 5, 12))


def test_a_decision_dated_before_the_recommendation_is_refused():
    case = replay(recommended(R.SCR))
    with pytest.raises(OutOfOrder, match="cannot be dated before the panel's recommendation"):
        case.decide(R.SCR, "agree", "", CHAIR, date(2017, 5, 9))


def test_a_second_decision_is_refused():
    case = replay(decided())
    with pytest.raises(OutOfOrder, match="already decided"):
        case.decide(R.PLR, "second thoughts", "x", CHAIR, date(2017, 5, 13))


def test_the_national_panel_is_told_after_the_decision_only():
    case = replay(recommended())
    with pytest.raises(OutOfOrder, match="decision .* must come before"):
        case.tell_national_panel(MANAGER, date(2017, 5, 12))
    case = replay(decided())
    case.tell_national_panel(MANAGER, date(2017, 5, 20))
    [event] = recorded(case)
    assert isinstance(event, Case.NationalPanelTold) and event.on == date(2017, 5, 20)


def test_national_panel_requests_are_numbered_and_answered_once():
    case = replay(decided())
    assert case.receive_panel_request("attendance", "chair to attend", MANAGER,
                                      date(2017, 6, 1)) == 1
    case.answer_panel_request(1, "chair attended on 3 July", CHAIR, date(2017, 7, 3))
    with pytest.raises(OutOfOrder, match="already answered"):
        case.answer_panel_request(1, "again", CHAIR, date(2017, 7, 4))
    with pytest.raises(InvalidInput, match="no national panel request number 2"):
        case.answer_panel_request(2, "?", CHAIR, date(2017, 7, 4))
    with pytest.raises(InvalidInput, match="'information' or 'attendance'"):
        case.receive_panel_request("gossip", "x", MANAGER, date(2017, 6, 1))
    events = recorded(case)
    assert [type(e).__name__ for e in events] == ["NationalPanelRequestReceived",
                                                  "NationalPanelRequestAnswered"]


def test_a_correction_is_a_new_event_that_recomputes_the_criteria_and_keeps_the_original():
    given = notified(NO_CONCERN)
    case = replay(given)
    assert not case.assessment.met
    corrected = CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.YES)
    case.correct_notification(MAY, corrected, "IMRs show missed referrals", MANAGER,
                              date(2017, 6, 1))
    [event] = recorded(case)
    assert isinstance(event, Case.NotificationCorrected) and event.corrects_version == 1
    assert case.assessment.met and event.criteria_rule == "reg 5(2)(a) and (b)(ii)"
    assert not given[0].criteria_met  # the original event is untouched


def test_a_correction_without_reason_is_refused():
    case = replay(notified())
    with pytest.raises(MissingRationale):
        case.correct_notification(MAY, DEATH, "", MANAGER, date(2017, 6, 1))
