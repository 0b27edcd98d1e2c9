"""Regimes as policy (rule G1), the notification to the Panel (N2) and the Rapid Review (RR1
to RR3): given events, when a command, then events or a one-line refusal naming the rule."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from adapters.calendar import EnglandWalesCalendar
from lif_domain import regimes
from lif_domain.case import Case, RapidReviewChoice as RR, ReviewChoice
from lif_domain.clocks import Clock, Status, case_clocks
from lif_domain.dates import add_working_days
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.regimes import WT2015, WT2018, WT2023, regime_for
from lif_domain.review import Review
from lif_domain.roles import Actor, Role
from tests.conftest import CHAIR, HEALTH, LA, MANAGER, PANEL, POLICE, recorded, replay

CAL = EnglandWalesCalendar()
DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.YES)


def clock(case, name, as_of):
    [found] = [c for c in case_clocks(case, CAL, as_of) if c.name == name]
    return found


@pytest.mark.parametrize("aware, arrangements, key", [
    (date(2018, 6, 28), None, "wt2015"),
    (date(2019, 9, 28), None, "wt2015"),  # no date recorded: the latest for any area
    (date(2019, 9, 29), None, "wt2018"),
    (date(2019, 3, 31), date(2019, 4, 1), "wt2015"),  # the day before the partnership's date
    (date(2019, 4, 1), date(2019, 4, 1), "wt2018"),
    (date(2023, 12, 14), date(2019, 4, 1), "wt2018"),
    (date(2023, 12, 15), None, "wt2023"),
    (date(2026, 12, 1), date(2018, 6, 29), "wt2023"),
])
def test_the_regime_is_the_one_in_force_on_the_date_of_awareness(aware, arrangements, key):
    chosen, why = regime_for(aware, arrangements)
    assert chosen.key == key
    assert str(aware) in why and (str(arrangements) in why) == (
        arrangements is not None and key != "wt2023")


def test_arrangements_took_effect_only_in_the_transition():
    assert regimes.check_arrangements_date(date(2018, 6, 29)) == date(2018, 6, 29)
    for day in (date(2018, 6, 28), date(2019, 9, 30)):
        with pytest.raises(InvalidInput, match="between 2018-06-29 and 2019-09-29"):
            regimes.check_arrangements_date(day)


def notified(aware=date(2024, 3, 1), on=date(2024, 3, 4), facts=DEATH) -> Case:
    return Case.notify("Child P", aware, facts, MANAGER, on)


def test_a_case_keeps_its_regime_and_says_why():
    case = replay(recorded(notified()))
    assert case.policy is WT2023 and "2023-12-15" in case.regime_reason
    assert case.assessment.rule == "s16C(1)"
    with pytest.raises(OutOfOrder, match="judged under Working Together 2023 .rule G1.; "
                                         "awareness on 2019-01-02 would put it under Working "
                                         "Together 2015"):
        case.correct_notification(date(2019, 1, 2), DEATH, "mistyped", MANAGER, date(2024, 3, 5))


def test_a_case_before_the_transition_finishes_under_2015_rules():
    case = Case.notify("Child T", date(2019, 5, 1), DEATH, MANAGER, date(2019, 5, 2),
                       judged_by=regime_for(date(2019, 5, 1), date(2019, 6, 28)))
    case.recommend(ReviewChoice.SCR, "met", PANEL, date(2019, 5, 10))
    case.decide(ReviewChoice.SCR, "agree", "", CHAIR, date(2019, 5, 20))
    review = Review.commission("SCR-2019-01", case, "scr", "criteria met", None, CHAIR,
                               date(2019, 7, 1))  # after the partnership's date: still an SCR
    assert case.policy is WT2015 and review.kind == "scr"
    with pytest.raises(OutOfOrder, match="Working Together 2015 .rule G1., which has no step "
                                         "to record a safeguarding partner's decision; it is a "
                                         "step under Working Together 2018 and Working "
                                         "Together 2023"):
        case.partner_agrees(RR.LCSPR, "x", "", None, LA, date(2019, 7, 2))


def test_an_scr_step_under_2018_is_refused_naming_the_regime_and_the_rule():
    case = notified(date(2020, 1, 6), date(2020, 1, 7))
    assert case.policy is WT2018
    with pytest.raises(OutOfOrder, match="judged under Working Together 2018 .rule G1., which "
                                         "has no step to decide whether to hold a review"):
        case.decide(ReviewChoice.SCR, "x", "", CHAIR, date(2020, 1, 8))
    with pytest.raises(OutOfOrder, match="not reviewed by an SCR"):
        Review.commission("SCR-2020-01", case, "scr", "x", None, CHAIR, date(2020, 1, 9))


@pytest.mark.parametrize("aware, due", [
    (date(2024, 3, 1), date(2024, 3, 8)),  # an ordinary week
    (date(2024, 3, 27), date(2024, 4, 5)),  # Good Friday and Easter Monday 2024
])
def test_the_panel_is_notified_within_five_working_days(aware, due):
    case = notified(aware, due)
    assert clock(case, "Panel notified", due).due_on == due
    assert clock(case, "Panel notified", due).status() is Status.MET
    late = notified(aware, date.fromordinal(due.toordinal() + 1))
    assert clock(late, "Panel notified", date(2024, 6, 1)).status() is Status.MET_LATE


def test_no_panel_clock_where_abuse_is_not_suspected():
    case = notified(facts=CaseFacts(A.NOT_SUSPECTED, H.DIED, C.YES))
    assert [c.name for c in case_clocks(case, CAL, date(2024, 3, 4))] == ["Rapid Review"]
    assert not case.assessment.met and case.assessment.rule == "s16C(1)(a) not met"


def test_a_rapid_review_over_christmas_counts_working_days():
    # notified Friday 20 Dec 2024: Christmas, Boxing Day and New Year are not working days
    case = notified(date(2024, 12, 18), date(2024, 12, 20))
    assert clock(case, "Rapid Review", date(2024, 12, 20)).due_on == date(2025, 1, 15)


def agreed(case, decision=RR.LCSPR, on=date(2024, 3, 18), learning=""):
    for partner in (LA, HEALTH, POLICE):
        case.partner_agrees(decision, "reasons", learning, None, partner, on)
    return case


def test_the_partners_decision_is_made_only_when_all_three_agree():
    case = notified()
    case.partner_agrees(RR.LCSPR, "learning on neglect", "", None, LA, date(2024, 3, 15))
    case.partner_agrees(RR.NO_LCSPR, "known themes", "multi-agency briefing", None, HEALTH,
                        date(2024, 3, 15))
    assert case.partners_decision is None
    with pytest.raises(OutOfOrder, match=r"all three partners agree \(rule RR2\); so far: "
                                         "health safeguarding partner: no local"):
        case.send_rapid_review(MANAGER, date(2024, 3, 18))
    agreed(case)
    assert case.partners_decision == (RR.LCSPR, date(2024, 3, 18))
    case.send_rapid_review(MANAGER, date(2024, 3, 19))
    case.record_panel_response("agrees an LCSPR", MANAGER, date(2024, 4, 2))
    rr = clock(case, "Rapid Review", date(2024, 4, 2))
    assert rr.due_on == date(2024, 3, 25) and rr.status() is Status.MET


def test_a_partner_records_only_its_own_decision():
    case = notified()
    with pytest.raises(NotAuthorised, match="police1 .police safeguarding partner. may not "
                                            "record the health safeguarding partner's decision"):
        case.partner_agrees(RR.LCSPR, "x", "", Role.HEALTH_PARTNER, POLICE, date(2024, 3, 5))
    with pytest.raises(NotAuthorised):
        case.partner_agrees(RR.LCSPR, "x", "", None, MANAGER, date(2024, 3, 5))
    with pytest.raises(MissingRationale, match="how the learning will be taken forward"):
        case.partner_agrees(RR.NO_LCSPR, "x", "", None, POLICE, date(2024, 3, 5))
    assert len(recorded(case)) == 1  # nothing written


def test_a_withdrawn_notification_ends_the_rapid_review_duty():
    case = notified()
    with pytest.raises(OutOfOrder, match="with the Panel's agreement"):
        case.withdraw("accidental injury", False, MANAGER, date(2024, 3, 6))
    case.withdraw("accidental injury", True, MANAGER, date(2024, 3, 6))
    rr = clock(case, "Rapid Review", date(2024, 6, 1))
    assert rr.status() is Status.DISCHARGED and "accidental injury" in rr.discharged
    with pytest.raises(OutOfOrder, match="was withdrawn on 2024-03-06"):
        case.ask_agencies(["Health"], MANAGER, date(2024, 3, 7))


def test_a_withdrawal_after_the_deadline_leaves_it_missed():
    case = notified()
    case.withdraw("accidental injury", True, MANAGER, date(2024, 4, 30))
    assert clock(case, "Rapid Review", date(2024, 5, 1)).status() is Status.DISCHARGED_LATE


def test_agencies_returns_only_from_those_asked():
    case = notified()
    case.ask_agencies(["Health", "Police", "Health"], MANAGER, date(2024, 3, 5))
    assert list(case.asked) == ["Health", "Police"]
    with pytest.raises(InvalidInput, match="'School' was not asked"):
        case.record_return("School", MANAGER, date(2024, 3, 8))
    case.record_return("Health", MANAGER, date(2024, 3, 8))
    with pytest.raises(OutOfOrder, match="return was recorded on 2024-03-08"):
        case.record_return("Health", MANAGER, date(2024, 3, 9))


def test_a_rapid_review_step_under_2015_is_refused():
    case = notified(date(2017, 5, 1), date(2017, 5, 2))
    with pytest.raises(OutOfOrder, match="Working Together 2015 .rule G1., which has no step "
                                         "to send the Rapid Review"):
        case.send_rapid_review(MANAGER, date(2017, 5, 3))


def test_a_later_regime_is_one_more_policy(monkeypatch):
    """A made-up regime from 2030 with a 10-working-day Rapid Review and no withdrawal: added
    to the policy list only, no aggregate changed."""
    def quicker(case, calendar, as_of) -> list[Clock]:
        clocks = regimes.clocks.rapid_review_clocks(case, calendar, as_of)
        return [replace(c, due_on=regimes.clocks.add_working_days(calendar, c.started_on, 10),
                        rule="within 10 working days (made up)")
                if c.name == "Rapid Review" else c for c in clocks]

    wt2030 = replace(WT2023, key="wt2030", title="Working Together 2030",
                     starts=date(2030, 1, 1), case_clocks=quicker,
                     case_steps=WT2023.case_steps - {"withdraw a notification"})
    monkeypatch.setattr(regimes, "REGIMES", [*regimes.REGIMES, wt2030])
    case = replay(recorded(notified(date(2030, 1, 7), date(2030, 1, 8))))
    assert case.policy is wt2030 and "Working Together 2030 took effect on 2030-01-01" in \
        case.regime_reason
    assert clock(case, "Rapid Review", date(2030, 1, 8)).due_on == date(2030, 1, 22)
    with pytest.raises(OutOfOrder, match="Working Together 2030 .rule G1., which has no step "
                                         "to withdraw a notification; it is a step under "
                                         "Working Together 2018 and Working Together 2023"):
        case.withdraw("x", True, MANAGER, date(2030, 1, 9))
    assert notified().policy is WT2023  # earlier cases keep theirs


def test_a_case_recorded_before_regimes_reads_back_under_2015():
    state = {"aware_on": date(2024, 3, 1)}
    Case.Notified.upcast_v1_v2(state)
    Case.NotificationCorrected.upcast_v1_v2(correction := {})
    assert state["regime"] == correction["regime"] == "wt2015"
    assert "kept under the rules it was recorded by" in state["regime_reason"]


@pytest.mark.parametrize("aware, facts, owed", [
    (date(2022, 5, 3), CaseFacts(A.NOT_SUSPECTED, H.DIED, C.NO_DEFINITIVE, looked_after=True),
     True),  # a looked-after child's death, whatever the cause
    (date(2022, 5, 3), CaseFacts(A.NOT_SUSPECTED, H.DIED, C.NO_DEFINITIVE, care_leaver=True),
     False),  # a care leaver's: not under 2018
    (date(2024, 5, 1), CaseFacts(A.NOT_SUSPECTED, H.DIED, C.NO_DEFINITIVE, care_leaver=True),
     True),  # under 2023, up to and including 24
    (date(2024, 5, 1), CaseFacts(A.SUSPECTED, H.SERIOUSLY_HARMED, C.YES, looked_after=True),
     False),  # seriously harmed, not died
])
def test_the_secretary_of_state_and_ofsted_are_told_of_a_looked_after_or_care_leaver_death(
        aware, facts, owed):
    case = notified(aware, aware + timedelta(days=1), facts)
    told = [c for c in case_clocks(case, CAL, aware) if c.name.startswith("Secretary")]
    assert bool(told) is owed
    if not owed:
        with pytest.raises(OutOfOrder, match="not a death the Secretary of State and Ofsted "
                                             "are told of under Working Together 20.. .rule N3."):
            case.tell_ministers(LA, aware + timedelta(days=2))
        return
    assert told[0].due_on == add_working_days(CAL, aware, 5) and "rule N3" in told[0].rule
    case.withdraw("not abuse", True, MANAGER, aware + timedelta(days=2))  # still owed
    case.tell_ministers(LA, aware + timedelta(days=3))
    with pytest.raises(OutOfOrder, match="were told on"):
        case.tell_ministers(LA, aware + timedelta(days=4))
    [told] = [c for c in case_clocks(case, CAL, aware + timedelta(days=9))
              if c.name.startswith("Secretary")]
    assert told.status() is Status.MET


def test_a_care_leaver_is_not_also_looked_after_and_old_facts_read_as_neither():
    with pytest.raises(InvalidInput, match="looked after or a care leaver, not both"):
        CaseFacts(A.KNOWN, H.DIED, C.YES, looked_after=True, care_leaver=True)
    old = {"abuse": "known", "harm": "died", "agency_concern": "yes", "custody_death": False,
           "looked_after": False}  # as recorded before care leavers were
    assert CaseFacts.from_fields(old).care_leaver is False


def test_under_a_published_delegation_one_partners_decision_stands_for_all_three():
    case = notified()
    delegation = ("local_authority_partner", "Arrangements 2024, 4.2")
    with pytest.raises(NotAuthorised, match="delegate the decision to the local authority "
                                            "safeguarding partner, not to police1 .* .rule RR4."):
        case.partner_agrees(RR.LCSPR, "x", "", None, POLICE, date(2024, 3, 15), delegation)
    case.partner_agrees(RR.LCSPR, "neglect", "", None, LA, date(2024, 3, 15), delegation)
    assert case.partners_decision == (RR.LCSPR, date(2024, 3, 15))
    assert case.delegated == delegation
    events = recorded(case)
    [event] = [e for e in events if isinstance(e, Case.PartnerAgreed)]
    assert sorted(event.on_behalf_of) == ["health_partner", "police_partner"]
    assert replay(events).partners_decision == (RR.LCSPR, date(2024, 3, 15))


def test_a_delegation_is_to_a_partner_and_stands_from_its_date():
    from lif_domain.board import Board

    board = Board.initialise("P", CHAIR, date(2023, 1, 2))
    with pytest.raises(InvalidInput, match="delegate to one of themselves"):
        board.record_delegation(Role.BUSINESS_MANAGER, "x", LA, date(2024, 1, 8))
    board.record_delegation(Role.LOCAL_AUTHORITY_PARTNER, "Arrangements 2024, 4.2", LA,
                            date(2024, 1, 8))
    assert board.delegation_on(date(2024, 1, 7)) is None
    assert board.delegation_on(date(2024, 1, 8)) == ("local_authority_partner",
                                                     "Arrangements 2024, 4.2")


def test_a_national_review_is_recorded_once_the_panel_has_the_rapid_review():
    case = agreed(notified(), RR.NATIONAL_REVIEW)
    with pytest.raises(OutOfOrder, match="has not been sent .rule RR5."):
        case.record_national_review("NR-1", "chronology", MANAGER, date(2024, 3, 20))
    case.send_rapid_review(MANAGER, date(2024, 3, 19))
    with pytest.raises(MissingRationale, match="what part the partnership plays"):
        case.record_national_review("NR-1", " ", MANAGER, date(2024, 4, 2))
    case.record_national_review("NR-1", "chronology and a practitioner event", LA,
                                date(2024, 4, 2))
    assert case.national_review == (date(2024, 4, 2), "NR-1",
                                    "chronology and a practitioner event")
    with pytest.raises(OutOfOrder, match="took Child P on as national review NR-1"):
        case.record_national_review("NR-2", "x", LA, date(2024, 4, 3))
    with pytest.raises(OutOfOrder, match="Working Together 2015 .rule G1."):
        notified(date(2017, 5, 1), date(2017, 5, 2)).record_national_review(
            "NR-1", "x", MANAGER, date(2017, 6, 1))


def test_a_rapid_reviews_dates_are_corrected_in_order_and_the_clock_follows():
    case = agreed(notified())
    case.send_rapid_review(MANAGER, date(2024, 3, 19))
    sent = next(v for v, (key, _) in case.dates.items() if key == "rapid_review_sent_on")
    with pytest.raises(OutOfOrder, match="cannot be dated before notified on"):
        case.correct_date(sent, date(2024, 3, 1), "typo", MANAGER, date(2024, 3, 20))
    case.record_panel_response("agrees", MANAGER, date(2024, 3, 28))
    with pytest.raises(OutOfOrder, match="panel responded on"):
        case.correct_date(sent, date(2024, 3, 29), "typo", MANAGER, date(2024, 4, 2))
    case.correct_date(sent, date(2024, 3, 26), "the email went on the 26th", MANAGER,
                      date(2024, 4, 2))
    rr = clock(replay(recorded(case)), "Rapid Review", date(2024, 4, 2))
    assert rr.done_on == date(2024, 3, 26) and rr.status() is Status.MET_LATE


def test_the_health_partner_is_the_ccg_until_july_2022_then_the_icb():
    from lif_domain.roles import partner_title

    assert partner_title(Role.HEALTH_PARTNER, date(2022, 6, 30)).endswith(
        "(clinical commissioning group)")
    assert partner_title(Role.HEALTH_PARTNER, date(2022, 7, 1)).endswith(
        "(integrated care board)")
    assert partner_title(Role.POLICE_PARTNER, date(2022, 7, 1)) == "police safeguarding partner"


def test_only_the_independent_scrutineer_reports_scrutiny():
    from lif_domain.board import Board

    board = Board.initialise("P", CHAIR, date(2023, 1, 2))
    with pytest.raises(NotAuthorised, match="independent scrutineer"):
        board.report_scrutiny("fine", LA, date(2024, 3, 1))
    board.report_scrutiny("Rapid Reviews on time", Actor("s1", Role.INDEPENDENT_SCRUTINEER),
                          date(2024, 3, 1))
    assert board.scrutiny == ((date(2024, 3, 1), "s1", "Rapid Reviews on time"),)


def test_a_lead_partner_leads_one_of_the_three_and_names_its_delegate_from_a_date():
    from lif_domain.board import Board

    board = Board.initialise("P", CHAIR, date(2023, 1, 2))
    with pytest.raises(InvalidInput, match="leads one of the three partners"):
        board.name_lead_partner(Role.PLQA_MEMBER, "x", "y", "z", MANAGER, date(2024, 1, 8))
    with pytest.raises(MissingRationale, match="where the published arrangements name them"):
        board.name_lead_partner(Role.POLICE_PARTNER, "chief constable", "police2", " ",
                                MANAGER, date(2024, 1, 8))
    chair = Actor("pc1", Role.PARTNERSHIP_CHAIR)
    board.name_lead_partner(Role.POLICE_PARTNER, "chief constable", "police2", "2.1", chair,
                            date(2024, 1, 8))
    assert board.delegate_on(Role.POLICE_PARTNER, date(2024, 1, 7)) is None
    assert board.delegate_on(Role.POLICE_PARTNER, date(2024, 1, 8)) == (
        "chief constable", "police2", "2.1")
    assert board.delegate_on(Role.HEALTH_PARTNER, date(2024, 1, 8)) is None
    board.name_lead_partner(Role.POLICE_PARTNER, "chief constable", "police3", "2.1 (2025)",
                            chair, date(2025, 1, 6))
    assert board.delegate_on(Role.POLICE_PARTNER, date(2024, 6, 1))[1] == "police2"
    assert board.delegate_on(Role.POLICE_PARTNER, date(2025, 1, 6))[1] == "police3"
    assert WT2023.lead_partners and not WT2018.lead_partners


def test_a_delegation_recorded_again_leaves_the_earlier_one_in_force_before_its_date():
    from lif_domain.board import Board

    board = Board.initialise("P", CHAIR, date(2023, 1, 2))
    board.record_delegation(Role.LOCAL_AUTHORITY_PARTNER, "2024, 4.2", LA, date(2024, 1, 8))
    board.record_delegation(Role.HEALTH_PARTNER, "2025, 4.2", HEALTH, date(2025, 1, 6))
    assert board.delegation_on(date(2024, 6, 1)) == ("local_authority_partner", "2024, 4.2")
    assert board.delegation_on(date(2025, 1, 6)) == ("health_partner", "2025, 4.2")
