"""Section 11 rounds (issue 14, item 2; rules SA1 to SA4): agencies rate themselves per
standard with evidence; the challenge agrees different ratings; amber and red carried forward;
two rounds compared. Given / when / then."""

from datetime import date

import pytest

from lif_domain.clocks import Status, clocks_of
from lif_domain.dates import WEEKDAYS
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.identifiers import PersonalData
from lif_domain.section11 import STANDARDS, Rating, Section11Round, compare, standard
from tests.conftest import AGENCY, MANAGER, PLQA, recorded, replay

OPENED = date(2018, 4, 3)
DUE = date(2018, 6, 29)


def opened(standards=("training", "information_sharing"), ref="S11-2018", on=OPENED,
           carried_from=None) -> Section11Round:
    due = date(on.year, DUE.month, DUE.day)
    return replay(recorded(Section11Round.open(ref, ["Health", "Police"], list(standards),
                                               due, MANAGER, on, carried_from)))


def returned(round_, agency="Health", ratings=(("training", Rating.AMBER),
                                               ("information_sharing", Rating.GREEN))):
    for key, rating in ratings:
        round_.self_assess(agency, key, rating, f"{key} evidence", AGENCY, date(2018, 6, 20))
    return round_


def test_a_round_takes_all_eight_standards_unless_it_names_some():
    assert opened(standards=()).standards == tuple(STANDARDS)
    assert opened().standards == ("training", "information_sharing")


@pytest.mark.parametrize("text, key", [("5", "training"), ("safer-recruitment",
                                                            "safer_recruitment"),
                                       ("Information sharing", "information_sharing")])
def test_a_standard_is_named_by_number_key_or_words(text, key):
    assert standard(text) == key


@pytest.mark.parametrize("text", ["9", "0", "parking", ""])
def test_an_unknown_standard_is_refused_with_the_list(text):
    with pytest.raises(InvalidInput, match="not one of the Section 11 standards: 1 senior"):
        standard(text)


def test_an_agency_rates_itself_once_with_evidence():
    round_ = opened()
    assert round_.self_assess("health", "training", Rating.AMBER, "72% trained", AGENCY,
                              date(2018, 6, 20))
    [event] = recorded(round_)
    assert (event.agency, event.standard, event.rating) == ("Health", "training", "amber")
    # the same again is no change; a different rating is refused
    assert not round_.self_assess("Health", "training", Rating.AMBER, "72% trained", AGENCY,
                                  date(2018, 6, 21))
    with pytest.raises(OutOfOrder, match="already rated training amber on 2018-06-20: a "
                                         "different rating is agreed at the challenge"):
        round_.self_assess("Health", "training", Rating.GREEN, "90%", AGENCY, date(2018, 6, 21))
    assert recorded(round_) == []


@pytest.mark.parametrize("agency, key, evidence, error, words", [
    ("Fire", "training", "x", InvalidInput, "'Fire' is not an agency of S11-2018"),
    ("Health", "safer_recruitment", "x", InvalidInput, "does not assess safer_recruitment"),
    ("Health", "training", " ", MissingRationale, "evidence"),
    ("Health", "training", "ring 07700 900123", PersonalData, "telephone number"),
])
def test_bad_self_assessments_are_refused_and_record_nothing(agency, key, evidence, error,
                                                              words):
    round_ = opened()
    with pytest.raises(error, match=words):
        round_.self_assess(agency, key, Rating.RED, evidence, AGENCY, date(2018, 6, 20))
    assert recorded(round_) == []


def test_the_challenge_tests_a_whole_return_and_agrees_what_differs():
    round_ = opened()
    round_.self_assess("Health", "training", Rating.AMBER, "72%", AGENCY, date(2018, 6, 20))
    with pytest.raises(OutOfOrder, match="has not rated information_sharing"):
        round_.challenge("Health", "tested", [], PLQA, date(2018, 7, 1))
    round_.self_assess("Health", "information_sharing", Rating.GREEN, "agreement signed",
                       AGENCY, date(2018, 6, 20))
    with pytest.raises(NotAuthorised):
        round_.challenge("Health", "tested", [], AGENCY, date(2018, 7, 1))
    with pytest.raises(InvalidInput, match="rated training amber itself"):
        round_.challenge("Health", "tested", [("training", Rating.AMBER, "same")], PLQA,
                         date(2018, 7, 1))
    round_.challenge("Health", "evidence tested", [("training", Rating.RED, "no GP records")],
                     PLQA, date(2018, 7, 1))
    assert round_.agreed("Health", "training") is Rating.RED
    assert round_.agreed("Health", "information_sharing") is Rating.GREEN
    assert round_.open_items() == [("Health", "training", Rating.RED)]
    with pytest.raises(OutOfOrder, match="were challenged on 2018-07-01"):
        round_.self_assess("Health", "training", Rating.GREEN, "x", AGENCY, date(2018, 7, 2))


def test_the_next_round_carries_amber_and_red_forward_and_compares():
    first = returned(opened())
    first.challenge("Health", "tested", [], PLQA, date(2018, 7, 1))
    second = opened(standards=("senior_commitment",), ref="S11-2020", on=date(2020, 4, 1),
                    carried_from=first)
    assert second.carried == (("Health", "training", Rating.AMBER),)
    assert "training" in second.standards and "senior_commitment" in second.standards
    second.self_assess("Health", "training", Rating.GREEN, "95% trained", AGENCY,
                       date(2020, 5, 1))
    rows = {(r["agency"], r["standard"]): r for r in compare(first, second)["rows"]}
    assert rows[("Health", "training")] == {"agency": "Health", "standard": "training",
                                            "earlier": "amber", "later": "green",
                                            "change": "improved"}
    assert rows[("Police", "training")]["change"] == "not compared"
    assert compare(second, first)["earlier"] == "S11-2018"  # in the order they opened


def test_each_agencys_return_is_a_deadline_owed_by_its_lead():
    round_ = returned(opened())
    health, police = clocks_of(round_, WEEKDAYS, date(2018, 7, 31))
    assert (health.name, health.status_on(date(2018, 7, 31))) == ("return from Health",
                                                                   Status.MET)
    assert (police.status_on(date(2018, 7, 31)), police.owed_by) == (Status.OVERDUE,
                                                                     "agency_lead")
