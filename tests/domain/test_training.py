"""Training events as records of their own (issue 14, item 4): one event, its attendance
counted once however many findings it carries, evaluated at the event and again months later,
its provider checked against the committee's standards. Given / when / then."""

from datetime import date

import pytest

from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.training import TrainingEvent, TrainingProgramme, reach
from tests.conftest import AGENCY, MANAGER, PLQA, recorded, replay

HELD = date(2018, 3, 14)


def conference(carries=(("SCR-2017-01", 1), ("AUD-2017-02", 2))) -> list:
    return recorded(TrainingEvent.record(
        "TRN-2018-03", "neglect programme 2017-18", "Neglect conference", HELD,
        "Learning Partners Ltd", list(carries), MANAGER, HELD))


def test_a_conference_carrying_two_findings_counts_its_delegates_once():
    event = replay(conference())
    event.record_attendance({"Health": 80, "Police": 60}, {"health visitor": 50, "GP": 30,
                                                          "officer": 60}, MANAGER, HELD)
    assert event.attendees == 140 and len(event.carries) == 2
    assert reach([event]) == (1, 140)  # not 280: once, not per finding
    assert reach([]) == (0, 0)
    with pytest.raises(OutOfOrder, match="already recorded .140 people.: it is counted once"):
        event.record_attendance({"Health": 1}, {"GP": 1}, MANAGER, HELD)


def test_attendance_by_organisation_and_by_role_counts_the_same_people():
    event = replay(conference())
    with pytest.raises(InvalidInput, match=r"by organisation \(140\) and by role \(120\)"):
        event.record_attendance({"Health": 80, "Police": 60}, {"GP": 120}, MANAGER, HELD)
    assert recorded(event) == []


def test_an_event_passes_on_at_least_one_finding_and_names_its_programme():
    with pytest.raises(InvalidInput, match="at least one finding"):
        conference(carries=())
    with pytest.raises(MissingRationale, match="name the programme"):
        TrainingEvent.record("T", " ", "x", HELD, "p", [("S", 1)], MANAGER, HELD)


def test_a_follow_up_evaluation_comes_months_later_and_each_once():
    event = replay(conference())
    event.evaluate(False, "92% found it useful", MANAGER, HELD)
    with pytest.raises(InvalidInput, match="at least 3 months after the event .2018-06-14"):
        event.evaluate(True, "practice changed", MANAGER, date(2018, 5, 1))
    event.evaluate(True, "audit: earlier referrals by those who attended", MANAGER,
                   date(2018, 9, 1))
    with pytest.raises(OutOfOrder, match="already evaluated at the event"):
        event.evaluate(False, "again", MANAGER, date(2018, 9, 2))
    assert [w for w, _, _ in event.evaluations] == ["at the event", "follow-up"]


STANDARDS = ("trainers accredited at level 3", "content agreed by PLQA")


def test_the_provider_is_checked_by_the_plqa_committee_on_each_standard():
    event = replay(conference())
    with pytest.raises(NotAuthorised):
        event.check_provider({s: True for s in STANDARDS}, STANDARDS, "x", AGENCY, HELD)
    with pytest.raises(InvalidInput, match="judge each standard .* once, met or not: content"):
        event.check_provider({STANDARDS[0]: True}, STANDARDS, "x", PLQA, HELD)
    with pytest.raises(InvalidInput, match="'parking' is not a standard of the neglect"):
        event.check_provider({"parking": True, **{s: True for s in STANDARDS}}, STANDARDS,
                             "x", PLQA, HELD)
    assert recorded(event) == []
    event.check_provider({"Trainers accredited at level 3": False, STANDARDS[1]: True},
                         STANDARDS, "no safeguarding level 3 accreditation", PLQA, HELD)
    assert event.provider_check == (HELD, False, "no safeguarding level 3 accreditation")
    assert event.provider_judged == {STANDARDS[0]: False, STANDARDS[1]: True}


def test_a_programme_names_the_standards_its_providers_must_meet():
    programme = replay(recorded(TrainingProgramme.record(
        "NEGLECT-2018", "Neglect 2017-18", [*STANDARDS, " content agreed by plqa "], MANAGER,
        HELD)))
    assert programme.standards == STANDARDS  # each once
    with pytest.raises(InvalidInput, match="at least one standard"):
        TrainingProgramme.record("P-1", "x", [" "], MANAGER, HELD)


def test_a_provider_check_stored_before_programmes_had_standards_reads_as_judged_whole():
    from lif_domain.training import TrainingEvent as T

    state = {"meets_standards": True, "notes": "ok"}
    T.ProviderChecked.upcast_v1_v2(state)
    assert state["judged"] == {}
