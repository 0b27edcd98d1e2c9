"""Actions through their lifecycle (REFERENCE §7), given / when / then."""

from datetime import date

import pytest

from lif_domain.action import Action, Level, Rag, Status
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.roles import Actor, Role
from tests.conftest import AGENCY, CHAIR, MANAGER, PLQA, recorded, replay
from tests.domain.test_source import with_findings

PLQA2 = Actor("plqa2", Role.PLQA_MEMBER)
SEP, DEC = date(2017, 9, 20), date(2017, 12, 31)


def proposed(due=DEC) -> list:
    source = replay(with_findings())
    action = Action.propose("AUD-2017-02/A1", source, 1, "Neglect training for health visitors",
                            "Health", "hv-lead", due, "80% of health visitors trained", MANAGER,
                            SEP)
    return recorded(action)


def agreed() -> list:
    action = replay(proposed())
    action.agree(PLQA, SEP)
    return proposed() + recorded(action)


def claimed(by=AGENCY) -> list:
    action = replay(agreed())
    action.claim_complete("training register, 86% attended", by, date(2017, 12, 1))
    return agreed() + recorded(action)


def test_a_proposed_action_carries_every_required_field():
    [event] = proposed()
    assert isinstance(event, Action.Proposed)
    assert (event.source_ref, event.finding, event.owner, event.lead_officer, event.due_on) == (
        "AUD-2017-02", 1, "Health", "hv-lead", DEC)
    assert event.measure and event.what


def test_an_unknown_finding_is_refused():
    source = replay(with_findings())
    with pytest.raises(InvalidInput, match="no finding number 7"):
        Action.propose("A1", source, 7, "x", "Health", "l", DEC, "m", MANAGER, SEP)


def test_agreeing_opens_the_action_unless_its_due_date_is_already_past():
    action = replay(proposed(due=date(2017, 9, 1)))
    with pytest.raises(InvalidInput, match="already past"):
        action.agree(PLQA, SEP)
    action = replay(proposed())
    action.agree(PLQA, SEP)
    assert action.status is Status.OPEN


def test_progress_updates_are_history_never_overwritten():
    action = replay(agreed())
    action.update_progress(Rag.AMBER, "half trained", AGENCY, date(2017, 10, 1))
    action.update_progress(Rag.GREEN, "most trained", AGENCY, date(2017, 11, 1))
    assert [u.rag for u in action.updates] == [Rag.AMBER, Rag.GREEN]
    assert action.rag_on(date(2017, 10, 15)) is Rag.AMBER


def test_completion_needs_evidence():
    action = replay(agreed())
    with pytest.raises(MissingRationale, match="evidence"):
        action.claim_complete(" ", AGENCY, date(2017, 12, 1))


def test_the_claimant_cannot_verify_their_own_action():
    action = replay(claimed(by=MANAGER))
    with pytest.raises(NotAuthorised, match="cannot verify their own claim"):
        action.verify("looked fine", Actor("bm1", Role.PLQA_MEMBER), date(2017, 12, 5))
    assert recorded(action) == []


def test_only_a_plqa_member_verifies():
    action = replay(claimed())
    with pytest.raises(NotAuthorised):
        action.verify("ok", CHAIR, date(2017, 12, 5))


def test_a_rejected_claim_reopens_the_action():
    action = replay(claimed())
    action.reject_claim("register incomplete", PLQA, date(2017, 12, 5))
    assert action.status is Status.OPEN


def test_closure_needs_an_impact_assessment():
    action = replay(claimed())
    action.verify("register checked", PLQA, date(2017, 12, 5))
    with pytest.raises(OutOfOrder, match="needs an impact assessment"):
        action.close("done", PLQA, date(2017, 12, 6))
    action.assess_impact("re-audit", "neglect recognised in 9 of 10 cases", PLQA2,
                         date(2018, 3, 1))
    action.close("impact evidenced", CHAIR, date(2018, 3, 2))
    assert action.status is Status.CLOSED


def test_an_update_to_a_closed_action_is_refused():
    action = replay(claimed())
    action.verify("ok", PLQA, date(2017, 12, 5))
    action.assess_impact("m", "r", PLQA, date(2017, 12, 6))
    action.close("done", PLQA, date(2017, 12, 7))
    with pytest.raises(OutOfOrder, match="is closed: cannot update"):
        action.update_progress(Rag.GREEN, "more", AGENCY, date(2017, 12, 8))


def test_overdue_is_derived_from_the_due_date_and_business_dates():
    action = replay(agreed())
    assert not action.is_overdue(DEC)
    assert action.is_overdue(date(2018, 1, 1))
    action.claim_complete("evidence", AGENCY, date(2018, 1, 5))
    assert not action.is_overdue(date(2018, 1, 6))
    assert action.is_overdue(date(2018, 1, 4))  # as it stood before the claim


def test_a_due_date_change_needs_approval_by_someone_else_and_keeps_the_old_date():
    action = replay(agreed())
    action.request_due_change(date(2018, 3, 31), "training venue lost", AGENCY,
                              date(2017, 12, 1))
    with pytest.raises(NotAuthorised, match="requested this change"):
        action.decide_due_change(True, "ok", Actor("lead1", Role.PLQA_MEMBER), date(2017, 12, 2))
    action.decide_due_change(True, "reasonable", PLQA, date(2017, 12, 5))
    events = recorded(action)
    assert isinstance(events[-1], Action.DueDateChangeApproved)
    assert (events[-1].old_due, events[-1].new_due) == (DEC, date(2018, 3, 31))
    assert action.due_on == date(2018, 3, 31) and action.value_on("due_on", date(2017, 12, 4)) \
        == DEC


def test_a_refused_due_date_change_leaves_the_date():
    action = replay(agreed())
    action.request_due_change(date(2018, 3, 31), "busy", AGENCY, date(2017, 12, 1))
    action.decide_due_change(False, "not a good reason", PLQA, date(2017, 12, 5))
    assert action.due_on == DEC and action.pending is None
    with pytest.raises(OutOfOrder, match="no due-date change"):
        action.decide_due_change(True, "x", PLQA, date(2017, 12, 6))


def test_escalation_goes_up_from_subgroup_to_plqa_to_the_board_chair():
    action = replay(agreed())
    action.escalate(Level.SUBGROUP, "overdue", MANAGER, date(2018, 1, 5))
    with pytest.raises(OutOfOrder, match="already escalated to subgroup"):
        action.escalate(Level.SUBGROUP, "again", MANAGER, date(2018, 2, 5))
    action.escalate(Level.PLQA, "still overdue", MANAGER, date(2018, 2, 5))
    action.escalate(Level.BOARD_CHAIR, "no progress", PLQA, date(2018, 3, 5))
    assert action.value_on("escalation") is Level.BOARD_CHAIR
    assert action.value_on("escalation", date(2018, 2, 1)) is Level.SUBGROUP


def test_withdrawn_and_superseded_actions_can_be_reopened():
    action = replay(agreed())
    with pytest.raises(InvalidInput, match="cannot supersede itself"):
        action.supersede("AUD-2017-02/A1", "x", PLQA, date(2017, 10, 1))
    action.supersede("AUD-2017-02/A2", "merged into A2", PLQA, date(2017, 10, 1))
    assert action.status is Status.SUPERSEDED
    with pytest.raises(OutOfOrder, match="is superseded"):
        action.withdraw("x", PLQA, date(2017, 10, 2))
    action.reopen("A2 dropped", CHAIR, date(2017, 10, 3))
    action.withdraw("no longer needed", PLQA, date(2017, 10, 4))
    assert action.status is Status.WITHDRAWN


def test_a_closed_action_can_be_reopened_and_its_impact_is_assessed_again():
    action = replay(claimed())
    action.verify("ok", PLQA, date(2017, 12, 5))
    action.assess_impact("m", "r", PLQA, date(2017, 12, 6))
    action.close("done", PLQA, date(2017, 12, 7))
    action.reopen("re-audit shows relapse", CHAIR, date(2018, 6, 1))
    assert action.status is Status.OPEN and action.impact is None
    with pytest.raises(OutOfOrder, match="is open: cannot reopen"):
        action.reopen("again", CHAIR, date(2018, 6, 2))


def test_only_open_actions_escalate_and_one_change_of_date_awaits_at_a_time():
    action = replay(agreed())
    action.request_due_change(date(2018, 3, 31), "x", AGENCY, date(2017, 12, 1))
    with pytest.raises(OutOfOrder, match="already awaiting decision"):
        action.request_due_change(date(2018, 4, 30), "y", AGENCY, date(2017, 12, 2))
    action = replay(claimed())
    with pytest.raises(OutOfOrder, match="is completion claimed: cannot escalate"):
        action.escalate(Level.SUBGROUP, "x", MANAGER, date(2017, 12, 2))


def test_a_step_dated_before_the_last_change_of_status_is_refused():
    action = replay(agreed())
    with pytest.raises(OutOfOrder, match="cannot be dated before the action's last change"):
        action.claim_complete("e", AGENCY, date(2017, 9, 1))


def test_escalation_goes_one_level_at_a_time_unless_the_skip_is_given_a_reason():
    action = replay(agreed())
    with pytest.raises(MissingRationale, match="goes to subgroup next: escalation goes one "
                                               "level at a time .rule A2.; give --skip-reason "
                                               "to go straight to board chair"):
        action.escalate(Level.BOARD_CHAIR, "overdue", MANAGER, date(2018, 1, 5))
    assert recorded(action) == []
    action.escalate(Level.SUBGROUP, "overdue", MANAGER, date(2018, 1, 5))
    action.escalate(Level.BOARD_CHAIR, "no progress", MANAGER, date(2018, 2, 5),
                    skip_reason="the PLQA chair is the action's lead")
    [*_, skipped] = recorded(action)
    assert (skipped.skipped, skipped.skip_reason) == (["plqa"], "the PLQA chair is the "
                                                                "action's lead")


def test_a_verifier_from_the_owning_organisation_is_refused():
    action = replay(claimed())
    with pytest.raises(NotAuthorised, match="is of Health, which owns AUD-2017-02/A1: its "
                                            "completion is verified by someone from another "
                                            "organisation .rule A4."):
        action.verify("checked", PLQA, date(2017, 12, 2), organisation="health")
    action.verify("checked", PLQA, date(2017, 12, 2), organisation="Police")
    [*_, verified] = recorded(action)
    assert verified.organisation == "Police"
