"""A child death as the panel records it (issue 14, item 1; rules CD1 to CD6): pseudonymous,
its response for an unexpected death, the review meeting (from 2018), the panel's review with a
category and modifiable factors, a referral, its clocks and the period's figures. Given / when /
then."""

from datetime import date

import pytest

from lif_domain.child_death import (ANALYSIS_FIELDS, AgeBand, ChildDeath, DeathFigures,
                                    Modifiable, analysis_row, category)
from lif_domain.clocks import Status, clocks_of
from lif_domain.dates import WEEKDAYS
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.identifiers import PersonalData
from lif_domain.roles import Actor, Role
from tests.conftest import MANAGER, PLQA, recorded, replay

CDOP = Actor("cdop1", Role.CDOP_MEMBER)
DIED = date(2017, 6, 10)
WT2015 = ("wt2015", "notified before the partnership's arrangements")
WT2018 = ("wt2018", "notified after the partnership's arrangements took effect")


def notified(expected=False, regime=WT2015, on=date(2017, 6, 11), ref="CD-2017-04") -> list:
    return recorded(ChildDeath.notify(ref, DIED, AgeBand.INFANT, expected, MANAGER, on,
                                      regime))


def test_a_death_is_notified_with_an_age_band_and_no_identifier():
    death = replay(notified())
    assert (death.ref, death.age_band.label, death.expected) == ("CD-2017-04",
                                                                "28 to 364 days", False)
    assert death.response_kind == "rapid response"
    assert death.referred_to == "the independent chair"
    for ref in ("Jane Smith", "943 476 5919", "CD 12/03/2017"):
        with pytest.raises(PersonalData, match="child death reference"):
            ChildDeath.notify(ref, DIED, AgeBand.INFANT, False, MANAGER, DIED, WT2015)


def test_only_the_business_unit_or_the_panel_notifies_a_death():
    with pytest.raises(NotAuthorised, match="notify a child death"):
        ChildDeath.notify("CD-1", DIED, AgeBand.INFANT, False, PLQA, DIED, WT2015)


def test_an_unexpected_death_has_its_response_before_the_panel_reviews_it():
    death = replay(notified())
    with pytest.raises(OutOfOrder, match="follows its rapid response .rule CD2."):
        death.panel_review(10, Modifiable.NO, "", "safe sleep", [], CDOP, date(2017, 9, 1))
    death.record_response(DIED, date(2017, 6, 11), "home visit; police and paediatrician",
                          MANAGER, date(2017, 6, 12))
    with pytest.raises(OutOfOrder, match="already recorded"):
        death.record_response(DIED, None, "again", MANAGER, date(2017, 6, 12))
    death.panel_review(10, Modifiable.YES, "unsafe sleeping arrangement", "safe sleep advice",
                       ["Safe sleep", " sudi "], CDOP, date(2017, 9, 1))
    assert [type(e).__name__ for e in recorded(death)] == ["ResponseRecorded", "PanelReviewed"]
    assert death.review.themes == ("safe sleep", "sudi")
    assert death.review.category_words == "10 sudden unexpected, unexplained death"


def test_an_expected_death_has_no_response():
    death = replay(notified(expected=True))
    with pytest.raises(OutOfOrder, match="expected death: it has no rapid response"):
        death.record_response(DIED, None, "x", MANAGER, DIED)
    assert recorded(death) == []


def test_from_2018_the_review_meeting_comes_before_the_panel():
    death = replay(notified(expected=True, regime=WT2018, on=date(2020, 1, 2)))
    assert death.response_kind == "joint agency response"
    with pytest.raises(OutOfOrder, match="after its child death review meeting .rule CD3."):
        death.panel_review(6, Modifiable.NO, "", "care well coordinated", [], CDOP,
                           date(2020, 3, 1))
    death.hold_review_meeting("the hospital and GP met", MANAGER, date(2020, 2, 1))
    with pytest.raises(OutOfOrder, match="cannot be dated before the child death review"):
        death.panel_review(6, Modifiable.NO, "", "x", [], CDOP, date(2020, 1, 31))
    death.panel_review(6, Modifiable.NO, "", "care well coordinated", [], CDOP,
                       date(2020, 3, 1))
    assert death.review.modifiable is Modifiable.NO


@pytest.mark.parametrize("text, number", [("1", 1), ("10", 10), ("infection", 9),
                                          ("Malignancy", 4)])
def test_a_category_is_given_by_number_or_words(text, number):
    assert category(text) == number


@pytest.mark.parametrize("text", ["0", "11", "accident", ""])
def test_an_unknown_category_is_refused_with_the_ten(text):
    with pytest.raises(InvalidInput, match="not one of the analysis form's ten: 1 deliberately"):
        category(text)


def test_modifiable_factors_are_said_when_found_and_only_then():
    death = replay(notified(expected=True))
    with pytest.raises(MissingRationale, match="say what they were"):
        death.panel_review(5, Modifiable.YES, " ", "learning", [], CDOP, date(2017, 9, 1))
    with pytest.raises(InvalidInput, match="found 'insufficient information': leave out"):
        death.panel_review(5, Modifiable.INSUFFICIENT, "delay", "l", [], CDOP,
                           date(2017, 9, 1))
    with pytest.raises(NotAuthorised, match="record the child death overview panel's review"):
        death.panel_review(5, Modifiable.NO, "", "l", [], MANAGER, date(2017, 9, 1))
    assert recorded(death) == []


def test_learning_that_names_an_identifier_is_refused_and_nothing_is_recorded():
    death = replay(notified(expected=True))
    with pytest.raises(PersonalData, match="NHS number"):
        death.panel_review(5, Modifiable.NO, "", "see 943 476 5919", [], CDOP,
                           date(2017, 9, 1))
    assert recorded(death) == []


def test_a_death_is_referred_once_to_the_chair_or_the_partners():
    death = replay(notified())
    with pytest.raises(NotAuthorised):
        death.refer("Child K", "bruising noted", MANAGER, date(2017, 6, 20))
    death.refer("Child K", "bruising noted at the rapid response", CDOP, date(2017, 6, 20))
    assert death.referral[1:3] == ("the independent chair", "Child K")
    with pytest.raises(OutOfOrder, match="already referred to the independent chair"):
        death.refer("Child L", "again", CDOP, date(2017, 6, 21))
    later = replay(notified(regime=WT2018, on=date(2020, 1, 2), ref="CD-2020-01"))
    later.refer("Child M", "suspected neglect", CDOP, date(2020, 1, 3))
    assert later.referral[1] == "the safeguarding partners"


def test_its_clocks_notified_by_the_next_day_and_reviewed_within_six_months():
    late = replay(notified(expected=True, on=date(2017, 6, 13)))
    notification, review = clocks_of(late, WEEKDAYS, date(2017, 12, 11))
    assert (notification.due_on, notification.status_on(date(2017, 12, 11))) == (
        date(2017, 6, 11), Status.MET_LATE)
    assert (review.due_on, review.status_on(date(2017, 12, 11))) == (date(2017, 12, 10),
                                                                     Status.OVERDUE)
    assert review.owed_by == "cdop_member" and "rule CD5" in review.rule
    late.panel_review(3, Modifiable.NO, "", "road safety", [], CDOP, date(2017, 12, 12))
    assert clocks_of(late, WEEKDAYS, date(2018, 1, 1))[1].status_on(date(2018, 1, 1)) is \
        Status.MET_LATE  # the miss stays


def test_the_figures_count_notifications_and_reviews_each_in_their_own_period():
    a = replay(notified(expected=True, ref="CD-A1"))
    a.panel_review(9, Modifiable.YES, "late vaccination", "immunise", ["immunisation"], CDOP,
                   date(2018, 5, 1))
    b = replay(notified(expected=True, ref="CD-B1", on=date(2018, 4, 2)))
    figures = DeathFigures.of([a, b], date(2018, 4, 1), date(2019, 3, 31))
    assert [d.ref for d in figures.notified] == ["CD-B1"]
    assert [d.ref for d in figures.reviewed] == ["CD-A1"]
    data = figures.data()
    assert data["by_category"]["9 infection"] == 1 and sum(data["by_category"].values()) == 1
    assert data["modifiable_factors"] == {"yes": 1, "no": 0, "insufficient information": 0}
    assert data["by_age_band"]["28 to 364 days"] == 1 and data["expected"] == 1
    assert data["themes"] == {"immunisation": 1}
    with pytest.raises(InvalidInput, match="starts .2019-01-01. after it ends"):
        DeathFigures.of([a], date(2019, 1, 1), date(2018, 1, 1))


def test_the_analysis_row_has_every_field_of_the_layout_and_no_identifier():
    death = replay(notified())
    row = analysis_row(death)
    assert tuple(row) == ANALYSIS_FIELDS
    assert row["category"] is None and row["response"] == "rapid response"
