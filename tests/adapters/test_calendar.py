"""The England and Wales calendar comes from the maintained `holidays` package."""

from datetime import date

import pytest

from adapters.calendar import EnglandWalesCalendar


@pytest.mark.parametrize("day, working", [
    (date(2017, 12, 25), False), (date(2017, 12, 26), False), (date(2018, 1, 1), False),
    (date(2017, 4, 14), False), (date(2017, 4, 17), False), (date(2017, 5, 1), False),
    (date(2017, 5, 29), False), (date(2017, 8, 28), False),
    (date(2022, 6, 3), False),  # platinum jubilee
    (date(2017, 8, 7), True),  # Scotland's summer holiday, not England's
    (date(2017, 3, 17), True),  # St Patrick's Day: Northern Ireland only
    (date(2017, 6, 10), False),  # a Saturday
    (date(2017, 6, 12), True),
])
def test_working_days_skip_weekends_and_england_and_wales_bank_holidays(day, working):
    assert EnglandWalesCalendar().is_working_day(day) is working
