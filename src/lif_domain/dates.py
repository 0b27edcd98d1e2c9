"""Business dates and the calendar arithmetic the clocks need (REFERENCE §10)."""

import calendar
from datetime import date, timedelta
from typing import Protocol

from lif_domain.errors import FutureDate, InvalidInput


class WorkingDays(Protocol):
    """A working-day calendar: weekends and England and Wales bank holidays skipped."""

    def is_working_day(self, day: date) -> bool: ...


class _Weekdays:
    """Monday to Friday, holidays not known: for a clock whose inputs a write cannot change."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5


WEEKDAYS = _Weekdays()


def add_working_days(calendar_: WorkingDays, start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if calendar_.is_working_day(current):
            remaining -= 1
    return current


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def year_start(day: date) -> date:
    """The first day (1 April) of the financial year `day` falls in (rule Y1)."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def check_business_date(on: date, today: date, what: str = "the business date") -> date:
    """Refuse a business date after today: decisions cannot be recorded ahead of time."""
    if on > today:
        raise FutureDate(f"{what} {on.isoformat()} is in the future (today is {today.isoformat()})")
    return on


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} {text!r} is not a date; use YYYY-MM-DD") from None
