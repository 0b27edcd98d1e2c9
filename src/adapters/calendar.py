"""England and Wales working days, from the maintained `holidays` package (ADR 0004)."""

from datetime import date


class EnglandWalesCalendar:
    """Weekends and England and Wales bank holidays are not working days (REFERENCE §10).

    The `holidays` package is imported on first use: it costs about 0.1 s, which write
    commands that compute no clock should not pay.
    """

    def __init__(self) -> None:
        self._holidays = None

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        if self._holidays is None:
            import holidays

            self._holidays = holidays.country_holidays("GB", subdiv="ENG")
        return day not in self._holidays

    def holiday_name(self, day: date) -> str | None:
        self.is_working_day(day)
        return self._holidays.get(day)
