"""Audits of practice (issue 14, item 3; rules AU1 to AU4): planned, returns chased and
received by the date set, moderated, findings by agency as strengths or weaknesses, approved,
and a re-audit that re-tests named findings of one audit and says what changed. Given / when /
then."""

from datetime import date

import pytest

from lif_domain.audit import Audit
from lif_domain.clocks import Status, clocks_of
from lif_domain.dates import WEEKDAYS
from lif_domain.errors import InvalidInput, NotAuthorised, OutOfOrder
from tests.conftest import MANAGER, PLQA, recorded, replay

PLANNED, DUE = date(2018, 4, 9), date(2018, 5, 31)


def planned(ref="AUD-2018-01", reaudit_of=None, retests=(), on=PLANNED, due=DUE) -> Audit:
    return replay(recorded(Audit.plan(ref, "neglect", "Is neglect recognised early?", 20,
                                      ["Health", "Police"], "neglect tool v2", due, PLQA, on,
                                      reaudit_of, list(retests))))


def approved() -> Audit:
    audit = planned()
    audit.receive("Health", 10, MANAGER, date(2018, 5, 25))
    audit.moderate("moderation", "two gradings raised", PLQA, date(2018, 6, 12))
    audit.record_finding("Health", "weakness", "recognised late in 6 of 10", [], PLQA,
                         date(2018, 6, 20))
    audit.record_finding("all agencies", "strength", "good use of the tool", ["tools"], PLQA,
                         date(2018, 6, 20))
    audit.approve("PLQA committee", "sound", PLQA, date(2018, 7, 3))
    return audit


def test_returns_come_once_from_agencies_in_the_plan_and_late_ones_stay_late():
    audit = planned()
    with pytest.raises(InvalidInput, match="'Fire' is not in AUD-2018-01's plan"):
        audit.receive("Fire", 5, MANAGER, date(2018, 5, 1))
    with pytest.raises(InvalidInput, match="1 to 20 cases"):
        audit.receive("Health", 21, MANAGER, date(2018, 5, 1))
    assert recorded(audit) == []
    audit.receive("health", 10, MANAGER, date(2018, 5, 25))
    audit.chase("Police", MANAGER, date(2018, 6, 4))
    audit.receive("Police", 10, MANAGER, date(2018, 6, 8))
    with pytest.raises(OutOfOrder, match="already received on 2018-06-08"):
        audit.receive("Police", 1, MANAGER, date(2018, 6, 9))
    with pytest.raises(OutOfOrder, match="received on 2018-05-25"):
        audit.chase("Health", MANAGER, date(2018, 6, 9))
    health, police = clocks_of(audit, WEEKDAYS, date(2018, 12, 31))
    assert health.status_on(date(2018, 12, 31)) is Status.MET
    assert police.status_on(date(2018, 12, 31)) is Status.MET_LATE
    assert "rule AU2" in police.rule


def test_findings_follow_moderation_and_name_an_agency_and_a_nature():
    audit = planned()
    audit.receive("Health", 10, MANAGER, date(2018, 5, 25))
    with pytest.raises(OutOfOrder, match="follow its moderation or challenge .rule AU3."):
        audit.record_finding("Health", "weakness", "x", [], PLQA, date(2018, 6, 1))
    audit.moderate("challenge", "ratings tested", PLQA, date(2018, 6, 12))
    with pytest.raises(InvalidInput, match="'strength' or a 'weakness'"):
        audit.record_finding("Health", "concern", "x", [], PLQA, date(2018, 6, 20))
    with pytest.raises(InvalidInput, match="not in AUD-2018-01's plan"):
        audit.record_finding("Fire", "weakness", "x", [], PLQA, date(2018, 6, 20))
    assert audit.record_finding("Police", "strength", "tool used well", [], PLQA,
                                date(2018, 6, 20)) == 1
    assert audit.findings[0].themes == ("neglect",)


def test_approval_needs_findings_and_settles_them():
    audit = planned()
    with pytest.raises(OutOfOrder, match="no findings to approve"):
        audit.approve("PLQA committee", "sound", PLQA, date(2018, 7, 3))
    audit = approved()
    with pytest.raises(OutOfOrder, match="approved on 2018-07-03: its findings are settled"):
        audit.record_finding("Health", "weakness", "x", [], PLQA, date(2018, 7, 4))
    with pytest.raises(NotAuthorised):
        audit.approve("x", "y", MANAGER, date(2018, 7, 4))


def test_a_re_audit_names_findings_of_the_audit_it_re_tests():
    first = approved()
    with pytest.raises(InvalidInput, match="AUD-2018-01 has no finding 7 .its findings: 1, 2."):
        planned("AUD-2019-01", first, [7], date(2019, 4, 1), date(2019, 5, 31))
    with pytest.raises(InvalidInput, match="names the findings of AUD-2018-01"):
        planned("AUD-2019-01", first, [], date(2019, 4, 1), date(2019, 5, 31))
    again = planned("AUD-2019-01", first, [1, 1], date(2019, 4, 1), date(2019, 5, 31))
    assert (again.reaudit_of, again.retests) == ("AUD-2018-01", (1,))
    again.receive("Health", 10, MANAGER, date(2019, 5, 1))
    again.moderate("moderation", "ok", PLQA, date(2019, 6, 1))
    again.record_finding("Health", "strength", "recognised early in 8 of 10", [], PLQA,
                         date(2019, 6, 2))
    with pytest.raises(OutOfOrder, match="approved before it says what changed"):
        again.record_change(1, "better", PLQA, date(2019, 6, 3))
    again.approve("PLQA committee", "sound", PLQA, date(2019, 6, 3))
    with pytest.raises(InvalidInput, match="re-tests AUD-2018-01's findings 1, not 2"):
        again.record_change(2, "better", PLQA, date(2019, 6, 4))
    again.record_change(1, "recognised early in 8 of 10, was 4", PLQA, date(2019, 6, 4))
    assert again.changes[1][1] == "recognised early in 8 of 10, was 4"
    with pytest.raises(OutOfOrder, match="not a re-audit"):
        first.record_change(1, "x", PLQA, date(2019, 6, 4))
