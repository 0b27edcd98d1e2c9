"""Learning sources: findings with themes, approval, dissemination, impact (REFERENCE §2)."""

from datetime import date

import pytest

from lif_domain.errors import InvalidInput, NotAuthorised, OutOfOrder
from lif_domain.source import Channel, LearningSource, SourceType, theme_tags
from tests.conftest import CHAIR, MANAGER, PANEL, PLQA, REVIEWER, recorded, replay

ON = date(2017, 9, 1)


def recorded_source(kind=SourceType.PRACTICE_AUDIT) -> list:
    case = "Child P" if kind is SourceType.RAPID_REVIEW else None  # a Rapid Review's case
    source = LearningSource.record("AUD-2017-02", kind, "Neglect audit", date(2017, 8, 1),
                                   "plqa1", None, PLQA, ON, case)
    return recorded(source)


def with_findings() -> list:
    source = replay(recorded_source())
    source.record_finding("finding", "Neglect not recognised early", ["Neglect",
                                                                      "voice of the child"],
                          MANAGER, ON)
    source.record_finding("recommendation", "Share chronologies", ["information_sharing"],
                          REVIEWER, ON)
    return recorded_source() + recorded(source)


@pytest.mark.parametrize("kind", list(SourceType))
def test_each_of_the_eight_types_of_learning_and_the_two_after_2018_can_be_recorded(kind):
    [event] = recorded_source(kind)
    assert isinstance(event, LearningSource.Recorded) and event.source_type == kind.value
    assert len(SourceType) == 8 + 2


def test_only_an_scr_plr_or_lcspr_source_links_to_a_review():
    with pytest.raises(InvalidInput, match="only an SCR, PLR or LCSPR"):
        LearningSource.record("X", SourceType.SECTION_11, "t", ON, "plqa1", "SCR-1", PLQA, ON)


def test_only_a_rapid_review_source_names_its_case():
    for kind, case in ((SourceType.RAPID_REVIEW, None), (SourceType.SECTION_11, "Child P")):
        with pytest.raises(InvalidInput, match="a Rapid Review source names its case"):
            LearningSource.record("X", kind, "t", ON, "plqa1", None, PLQA, ON, case)


def test_findings_are_numbered_and_their_themes_normalised_so_they_count_alike():
    source = replay(with_findings())
    assert [f.number for f in source.findings] == [1, 2]
    assert source.findings[0].themes == ("neglect", "voice-of-the-child")
    assert source.findings[1].themes == ("information-sharing",)
    assert theme_tags([" Domestic  Abuse ", "domestic abuse"]) == ["domestic-abuse"]


def test_a_finding_without_theme_or_by_the_wrong_role_is_refused():
    source = replay(recorded_source())
    with pytest.raises(InvalidInput, match="at least one theme"):
        source.record_finding("finding", "x", [" "], MANAGER, ON)
    with pytest.raises(NotAuthorised):
        source.record_finding("finding", "x", ["neglect"], PANEL, ON)
    assert recorded(source) == []


def test_approval_needs_findings_and_happens_once():
    source = replay(recorded_source())
    with pytest.raises(OutOfOrder, match="at least one finding"):
        source.approve_report("PLQA committee", "ok", PLQA, ON)
    source = replay(with_findings())
    source.return_report("PLQA committee", "actions too many", CHAIR, ON)
    source.approve_report("PLQA committee", "ok now", CHAIR, date(2017, 9, 20))
    with pytest.raises(OutOfOrder, match="already approved"):
        source.approve_report("Board", "again", CHAIR, date(2017, 9, 21))
    assert [type(e).__name__ for e in recorded(source)] == ["ReportReturned", "ReportApproved"]


def test_dissemination_names_the_findings_it_carries_with_audience_and_attendance():
    source = replay(with_findings())
    number = source.disseminate(Channel.PRACTITIONER_FORUM, "front-line social workers", 42,
                                [1, 2], MANAGER, date(2017, 10, 5))
    [event] = recorded(source)
    assert number == 1 and (event.attendance, event.findings) == (42, [1, 2])
    with pytest.raises(InvalidInput, match="unknown: \\[3\\]"):
        source.disseminate(Channel.BRIEFING, "GPs", 10, [3], MANAGER, date(2017, 10, 6))


def test_impact_is_evidenced_only_after_approval_and_may_point_to_a_later_audit():
    source = replay(with_findings())
    with pytest.raises(OutOfOrder, match="must be approved"):
        source.evidence_impact("re-audit shows change", "AUD-2018-01", PLQA, date(2018, 6, 1))
    source.approve_report("PLQA committee", "ok", PLQA, date(2017, 9, 20))
    source.evidence_impact("re-audit shows change", "AUD-2018-01", PLQA, date(2018, 6, 1))
    assert source.impact_evidence_ref == "AUD-2018-01"


def test_a_step_dated_before_the_source_was_recorded_is_refused():
    source = replay(recorded_source())
    with pytest.raises(OutOfOrder, match="cannot be dated before"):
        source.record_finding("finding", "x", ["neglect"], MANAGER, date(2017, 8, 31))


def test_impact_with_actions_still_open_needs_the_committees_reason():
    source = replay(with_findings())
    source.approve_report("PLQA committee", "ok", PLQA, ON)
    with pytest.raises(OutOfOrder, match=r"still has open actions \(A1, A2\): impact is "
                                         "evidenced once they are done, or give the "
                                         "committee's reason .* rule L1"):
        source.evidence_impact("re-audit", None, PLQA, date(2018, 6, 1), ["A1", "A2"])
    source.evidence_impact("re-audit", None, PLQA, date(2018, 6, 1), ["A1", "A2"],
                           "re-audit shows change; A1 and A2 are the last 10% of training")
    [*_, event] = recorded(source)
    assert event.open_actions == ["A1", "A2"] and event.why_open.startswith("re-audit shows")
