"""Personal identifiers never enter the log (rules X1, X2): the examples issue 12 found passing
are refused, ordinary safeguarding prose is not, and a refused command records nothing."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from lif_domain.case import Case
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.identifiers import PersonalData, check_pseudonym, screen
from tests.conftest import CHAIR, MANAGER, PANEL, recorded
from lif_domain.case import ReviewChoice as R

FACTS = CaseFacts(A.SUSPECTED, H.DIED, C.YES)

REFUSED = {
    "an NHS number": ["943 476 5919", "9434765919", "943-476-5919", "NHS no. 943.476.5919"],
    "a telephone number": ["call 0161 496 0000", "mum on 07700 900123", "+44 7700 900123",
                           "(0161) 4960000"],
    "an e-mail address": ["wrote to jo.bloggs@example.org.uk"],
    "a National Insurance number": ["NI QQ 12 34 56 C", "ni number ab123456c"],
    "a postcode": ["lives at SW1A 1AA", "moved to m1 1ae last year", "B33 8TH"],
    "a date of birth": ["born 12 March 2015", "DOB: 12/03/2015", "d.o.b. 2015-03-12",
                        "date of birth March 12, 2015", "born on 3rd of May 2016"],
}
ALLOWED = ["reg 5(2)(b)(i): death, neglect suspected", "meeting held on 12 March 2018",
           "SCR-2017-01 published on 4 December 2017", "Children's Social Care and Police",
           "14 staff at the practitioner event", "the 2nd and 3rd strategy meetings",
           "Year 10 2nd term", "80% of health visitors trained by 2017-11-30",
           "W1 target met", "Mother of Child H", "timescale: 6 months"]


@pytest.mark.parametrize("kind, text", [(k, t) for k, ts in REFUSED.items() for t in ts])
def test_an_identifier_in_free_text_is_refused_without_being_repeated(kind, text):
    with pytest.raises(PersonalData, match=f"looks like {kind}") as refused:
        screen(text, "rationale")
    assert "rule X1" in str(refused.value) and "the rationale" in str(refused.value)
    digits = "".join(ch for ch in text if ch.isdigit())
    assert len(digits) < 6 or digits not in "".join(ch for ch in str(refused.value)
                                                     if ch.isdigit())


@pytest.mark.parametrize("text", ALLOWED)
def test_ordinary_safeguarding_prose_passes(text):
    assert screen(text, "rationale") == text


@pytest.mark.parametrize("ref", ["Jayden Smith", "12 March 2015", "943-476-5919", "H",
                                 "Child 943 476 5919", "Smith family"])
def test_a_case_reference_that_is_not_a_pseudonym_is_refused(ref):
    with pytest.raises(PersonalData):
        check_pseudonym(ref)


@pytest.mark.parametrize("ref", ["Child H", "CHILD H", "Family U2", "Baby 3", "Siblings A-C",
                                 "C-2017-04", "LSCB/2017/12", "Child 12345", "Young person K"])
def test_pseudonyms_are_accepted(ref):
    assert check_pseudonym(ref) == ref


@given(st.from_regex(r"\d{3}[ \-.]?\d{3}[ \-.]?\d{4}", fullmatch=True),
       st.sampled_from(["the rationale was ", "notes: ", ""]))
def test_ten_digits_however_grouped_never_pass(number, before):
    with pytest.raises(PersonalData):
        screen(before + number, "note")


def test_a_decision_with_an_identifier_in_its_rationale_records_nothing():
    case = Case.notify("Child H", date(2017, 5, 1), FACTS, MANAGER, date(2017, 5, 4))
    recorded(case)
    case.recommend(R.SCR, "criteria met", PANEL, date(2017, 5, 10))
    recorded(case)
    with pytest.raises(PersonalData, match="the rationale holds what looks like a telephone"):
        case.decide(R.SCR, "agreed; mother on 07700 900123", "", CHAIR, date(2017, 5, 12))
    assert recorded(case) == []


@pytest.mark.parametrize("text", ["943\u00a0476\u00a05919", "\uff19\uff14\uff13 476 5919",
                                  "943\u2013476\u20135919", "call 0161\u2009496\u20090000"])
def test_unusual_spaces_dashes_and_digits_hide_nothing(text):
    with pytest.raises(PersonalData):
        screen(text, "note")
