"""Membership: appointments dated, checked on the date of each decision; changes of powers
agreed by a second member (rule W4); entries keyed on a member's behalf, confirmed by them
(rule W5)."""

from datetime import date

import pytest

from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.member import Member
from lif_domain.roles import Role
from tests.conftest import CHAIR, MANAGER, PANEL, recorded, replay

APRIL = date(2017, 4, 3)


def registered() -> list:
    member = Member.register("panel1", MANAGER, APRIL)
    member.appoint(Role.SCR_PANEL_MEMBER, "Police", MANAGER, APRIL)
    member.agree(2, CHAIR, APRIL)
    return recorded(member)


def test_appointing_a_member_records_role_organisation_and_who_appointed():
    registered_, proposed, agreed = registered()
    assert isinstance(registered_, Member.Registered)
    assert isinstance(proposed, Member.AppointmentProposed)
    assert (proposed.appointed_role, proposed.organisation) == ("scr_panel_member", "Police")
    assert (proposed.member, proposed.role, proposed.on) == ("bm1", "business_manager", APRIL)
    assert isinstance(agreed, Member.ChangeAgreed)
    assert (agreed.proposal, agreed.member, agreed.role) == (2, "chair1", "independent_chair")


def test_a_role_with_powers_is_held_only_once_a_second_member_agrees():
    member = Member.register("plqa2", MANAGER, APRIL)
    proposal = member.appoint(Role.PLQA_MEMBER, "Health", MANAGER, APRIL)
    assert proposal.number == 2 and proposal.by == "bm1"
    assert member.roles_on(APRIL) == []
    with pytest.raises(NotAuthorised, match="bm1 proposed it: a second member"):
        member.agree(2, MANAGER, APRIL)
    with pytest.raises(OutOfOrder, match="cannot be agreed before"):
        member.agree(2, CHAIR, date(2017, 4, 2))
    with pytest.raises(OutOfOrder, match="awaits agreement"):
        member.appoint(Role.PLQA_MEMBER, "Health", CHAIR, APRIL)
    member.agree(2, CHAIR, date(2017, 4, 5))
    assert member.roles_on(APRIL) == [Role.PLQA_MEMBER]  # from the proposal's date
    assert member.proposals == {}
    with pytest.raises(InvalidInput, match="not a change awaiting agreement"):
        member.agree(2, CHAIR, APRIL)


def test_a_role_without_powers_is_appointed_at_once():
    member = Member.register("lead2", MANAGER, APRIL)
    assert member.appoint(Role.AGENCY_LEAD, "Health", MANAGER, APRIL) is None
    assert [type(e) for e in recorded(member)][-1] is Member.Appointed


def test_nobody_agrees_a_change_of_their_own_powers_but_may_agree_their_own_end():
    bm = replay(recorded(founding("bm1", Role.BUSINESS_MANAGER)))
    bm.appoint(Role.INDEPENDENT_CHAIR, "Council", CHAIR, APRIL)
    with pytest.raises(NotAuthorised, match="bm1 may not agree a change of their own powers"):
        bm.agree(bm.version, MANAGER, APRIL)
    chair = replay(recorded(founding("chair1", Role.INDEPENDENT_CHAIR)))
    chair.end_appointment(Role.INDEPENDENT_CHAIR, "term ended", MANAGER, APRIL)
    chair.agree(chair.version, CHAIR, APRIL)
    assert chair.appointments[0].end == APRIL


def test_a_declined_change_never_takes_effect():
    member = Member.register("plqa2", MANAGER, APRIL)
    member.appoint(Role.PLQA_MEMBER, "Health", MANAGER, APRIL)
    with pytest.raises(MissingRationale):
        member.decline(2, " ", CHAIR, APRIL)
    member.decline(2, "not agreed at the board", CHAIR, APRIL)
    assert member.proposals == {} and member.roles_on(APRIL) == []
    with pytest.raises(InvalidInput, match="awaiting: none"):
        member.agree(2, CHAIR, APRIL)


def test_a_member_proposes_their_own_account_link_and_another_agrees():
    member = replay(registered())
    with pytest.raises(InvalidInput, match="not an account name"):
        member.link_account("psmith; rm -rf", PANEL, APRIL)
    with pytest.raises(NotAuthorised, match="panel1 links their own account"):
        member.link_account("psmith", MANAGER, APRIL)
    member.link_account("psmith", PANEL, APRIL)
    assert member.account is None
    with pytest.raises(NotAuthorised, match="only a business manager or an independent chair"):
        member.agree(member.version, PANEL, APRIL)
    member.agree(member.version, CHAIR, APRIL)
    assert member.account == "psmith"
    with pytest.raises(OutOfOrder, match="already keys from account psmith"):
        member.link_account("psmith", PANEL, APRIL)


def founding(ref: str, role: Role) -> Member:
    member = Member.register(ref, CHAIR, APRIL)
    member.appoint(role, "Council", CHAIR, APRIL, founding=True)
    return member


def keyed_for_chair() -> Member:
    chair = replay(recorded(founding("chair1", Role.INDEPENDENT_CHAIR)))
    chair.keyed_on_behalf([("case", "Child H", 4)], "bm1", CHAIR, date(2017, 5, 2))
    return chair


def test_entries_keyed_on_a_members_behalf_await_their_own_confirmation():
    chair = keyed_for_chair()
    (number, entry), = chair.awaiting_confirmation().items()
    assert (entry.keyer, entry.entries, entry.on) == ("bm1", (("case", "Child H", 4),),
                                                      date(2017, 5, 2))
    with pytest.raises(NotAuthorised, match="only chair1 confirms"):
        chair.confirm(number, MANAGER, date(2017, 5, 3))
    with pytest.raises(OutOfOrder, match="cannot be confirmed before"):
        chair.confirm(number, CHAIR, date(2017, 5, 1))
    chair.confirm(number, CHAIR, date(2017, 5, 3))
    assert chair.awaiting_confirmation() == {}
    assert chair.keyed_for[number].settled == "confirmed"
    with pytest.raises(OutOfOrder, match="chair1 confirmed entry 3 on 2017-05-03"):
        chair.dispute(number, "no", CHAIR, date(2017, 5, 4))


def test_a_disputed_entry_keeps_the_reason():
    chair = keyed_for_chair()
    with pytest.raises(MissingRationale):
        chair.dispute(3, "", CHAIR, date(2017, 5, 3))
    chair.dispute(3, "the minutes say deferred", CHAIR, date(2017, 5, 3))
    entry = chair.keyed_for[3]
    assert (entry.settled, entry.reason) == ("disputed", "the minutes say deferred")
    with pytest.raises(InvalidInput, match="not an entry keyed on their behalf"):
        chair.confirm(2, CHAIR, date(2017, 5, 3))


def test_only_the_chair_or_business_manager_appoints():
    with pytest.raises(NotAuthorised):
        Member.register("x", PANEL, APRIL)


def test_a_role_already_held_is_refused():
    member = replay(registered())
    with pytest.raises(OutOfOrder, match="already holds"):
        member.appoint(Role.SCR_PANEL_MEMBER, "Police", CHAIR, APRIL)


def test_a_member_acts_in_a_role_only_while_appointed():
    member = replay(registered())
    member.end_appointment(Role.SCR_PANEL_MEMBER, "left the police", MANAGER, date(2017, 9, 30))
    member.agree(member.version, CHAIR, date(2017, 10, 2))
    assert member.act_as(frozenset({Role.SCR_PANEL_MEMBER}), date(2017, 9, 30), "x").role \
        is Role.SCR_PANEL_MEMBER
    with pytest.raises(NotAuthorised, match="held no role"):
        member.act_as(frozenset({Role.SCR_PANEL_MEMBER}), date(2017, 10, 1), "x")
    with pytest.raises(NotAuthorised, match="held no role"):
        member.act_as(frozenset({Role.SCR_PANEL_MEMBER}), date(2017, 4, 2), "x")


def test_acting_in_a_role_not_held_names_the_role_needed():
    member = replay(registered())
    with pytest.raises(NotAuthorised, match="needs an independent chair, and panel1 held SCR "
                                            "panel member"):
        member.act_as(frozenset({Role.INDEPENDENT_CHAIR}), APRIL, "decide")


def test_ending_an_appointment_not_held_or_before_it_began_is_refused():
    member = replay(registered())
    with pytest.raises(OutOfOrder, match="no current appointment"):
        member.end_appointment(Role.PLQA_MEMBER, "x", MANAGER, APRIL)
    with pytest.raises(OutOfOrder, match="cannot end before"):
        member.end_appointment(Role.SCR_PANEL_MEMBER, "x", MANAGER, date(2017, 4, 1))
    assert recorded(member) == []
