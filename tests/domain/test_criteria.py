"""The whole reg 5(2) criteria table (REFERENCE §3), row by row."""

import pytest

from lif_domain.criteria import (AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H,
                                 assess, is_notifiable)
from lif_domain.errors import InvalidInput

# abuse, harm, concern -> SCR criteria met?, the rule that decided it
TABLE = [
    (A.KNOWN, H.DIED, C.YES, True, "reg 5(2)(a) and (b)(i)"),
    (A.KNOWN, H.DIED, C.NO_DEFINITIVE, True, "reg 5(2)(a) and (b)(i)"),
    (A.KNOWN, H.DIED, C.NOT_YET_KNOWN, True, "reg 5(2)(a) and (b)(i)"),
    (A.SUSPECTED, H.DIED, C.YES, True, "reg 5(2)(a) and (b)(i)"),
    (A.SUSPECTED, H.DIED, C.NO_DEFINITIVE, True, "reg 5(2)(a) and (b)(i)"),
    (A.SUSPECTED, H.DIED, C.NOT_YET_KNOWN, True, "reg 5(2)(a) and (b)(i)"),
    (A.KNOWN, H.SERIOUSLY_HARMED, C.YES, True, "reg 5(2)(a) and (b)(ii)"),
    (A.KNOWN, H.SERIOUSLY_HARMED, C.NOT_YET_KNOWN, True, "reg 5(2)(b)(ii) read with WT2015"),
    (A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE, False, "reg 5(2)(b)(ii) not met"),
    (A.SUSPECTED, H.SERIOUSLY_HARMED, C.YES, True, "reg 5(2)(a) and (b)(ii)"),
    (A.SUSPECTED, H.SERIOUSLY_HARMED, C.NOT_YET_KNOWN, True, "reg 5(2)(b)(ii) read with WT2015"),
    (A.SUSPECTED, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE, False, "reg 5(2)(b)(ii) not met"),
    (A.KNOWN, H.NEITHER, C.YES, False, "reg 5(2)(b) not met"),
    (A.KNOWN, H.NEITHER, C.NO_DEFINITIVE, False, "reg 5(2)(b) not met"),
    (A.KNOWN, H.NEITHER, C.NOT_YET_KNOWN, False, "reg 5(2)(b) not met"),
    (A.SUSPECTED, H.NEITHER, C.YES, False, "reg 5(2)(b) not met"),
    (A.SUSPECTED, H.NEITHER, C.NO_DEFINITIVE, False, "reg 5(2)(b) not met"),
    (A.SUSPECTED, H.NEITHER, C.NOT_YET_KNOWN, False, "reg 5(2)(b) not met"),
] + [(A.NOT_SUSPECTED, h, c, False, "reg 5(2)(a) not met") for h in H for c in C]


@pytest.mark.parametrize("abuse, harm, concern, met, rule", TABLE)
def test_criteria_table_row(abuse, harm, concern, met, rule):
    result = assess(CaseFacts(abuse, harm, concern))
    assert (result.met, result.rule) == (met, rule)
    assert result.explanation


@pytest.mark.parametrize("abuse", list(A))
def test_a_death_in_custody_always_meets_the_criteria_even_without_suspected_abuse(abuse):
    result = assess(CaseFacts(abuse, H.DIED, C.NO_DEFINITIVE, custody_death=True))
    assert result.met and "custody" in result.rule


def test_a_death_in_custody_is_refused_when_the_child_did_not_die():
    with pytest.raises(InvalidInput, match="only be recorded where the child died"):
        CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.YES, custody_death=True)


@pytest.mark.parametrize("abuse, harm, looked_after, notifiable", [
    (A.SUSPECTED, H.DIED, False, True),
    (A.KNOWN, H.SERIOUSLY_HARMED, False, True),
    (A.NOT_SUSPECTED, H.DIED, False, False),
    (A.NOT_SUSPECTED, H.DIED, True, True),  # any death of a looked-after child
    (A.NOT_SUSPECTED, H.SERIOUSLY_HARMED, True, False),
    (A.KNOWN, H.NEITHER, True, False),
])
def test_notifiable_incidents_follow_wt2015(abuse, harm, looked_after, notifiable):
    facts = CaseFacts(abuse, harm, C.YES, looked_after=looked_after)
    assert is_notifiable(facts) is notifiable
