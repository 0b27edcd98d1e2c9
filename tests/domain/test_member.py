"""Membership: appointments dated, checked on the date of each decision."""

from datetime import date

import pytest

from lif_domain.errors import NotAuthorised, OutOfOrder
from lif_domain.member import Member
from lif_domain.roles import Role
from tests.conftest import CHAIR, MANAGER, PANEL, recorded, replay

APRIL = date(2017, 4, 3)


def registered() -> list:
    member = Member.register("panel1", MANAGER, APRIL)
    member.appoint(Role.SCR_PANEL_MEMBER, "Police", MANAGER, APRIL)
    return recorded(member)


def test_appointing_a_member_records_role_organisation_and_who_appointed():
    registered_, appointed = registered()
    assert isinstance(registered_, Member.Registered)
    assert isinstance(appointed, Member.Appointed)
    assert (appointed.appointed_role, appointed.organisation) == ("scr_panel_member", "Police")
    assert (appointed.member, appointed.role, appointed.on) == ("bm1", "business_manager", APRIL)


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
