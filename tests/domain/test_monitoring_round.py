"""A PLQA monitoring round records each action's outcome once, dated the meeting or after
(REFERENCE §2 step 5, §7), given / when / then. A round's first date is therefore its
meeting's for good, which the directory's saved first review dates rely on."""

from datetime import date

import pytest

from lif_domain.errors import OutOfOrder
from lif_domain.monitoring import MonitoringRound, Outcome
from tests.conftest import PLQA, recorded, replay

MEETING = date(2017, 12, 4)


def held() -> list:
    return recorded(MonitoringRound.hold("PLQA-2017-12", "PLQA", PLQA, MEETING))


def test_an_outcome_dated_the_meeting_is_recorded():
    round_ = replay(held())
    round_.review("AUD-2017-02/A1", Outcome.OFF_TRACK, "venue not booked", PLQA, MEETING)
    [event] = recorded(round_)
    assert isinstance(event, MonitoringRound.ActionReviewed)
    assert (event.action_ref, event.outcome, event.on) == ("AUD-2017-02/A1", "off_track",
                                                           MEETING)


def test_an_outcome_dated_before_the_meeting_is_refused_and_records_nothing():
    round_ = replay(held())
    with pytest.raises(OutOfOrder, match="before the meeting"):
        round_.review("AUD-2017-02/A1", Outcome.OFF_TRACK, "late", PLQA, date(2017, 12, 3))
    assert recorded(round_) == []


def test_a_second_outcome_for_the_same_action_is_refused():
    round_ = replay(held())
    round_.review("AUD-2017-02/A1", Outcome.ON_TRACK, "on course", PLQA, MEETING)
    with pytest.raises(OutOfOrder, match="already recorded an outcome"):
        round_.review("AUD-2017-02/A1", Outcome.AT_RISK, "changed", PLQA, MEETING)
    assert len(recorded(round_)) == 1
