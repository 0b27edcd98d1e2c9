"""Read side: histories and the clocks, as at any business date."""

from datetime import date

from lif_domain.application.cases import Cases
from lif_domain.application.reviews import Reviews
from typing import TYPE_CHECKING

from lif_domain.case import Case

if TYPE_CHECKING:
    from lif_domain.clocks import Clock
    from lif_domain.review import Review


class Queries(Cases, Reviews):
    def history(self, record: "Case | Review") -> list:
        """Every event of a record, oldest first."""
        return list(self.events.get(record.id))

    def clocks(self, as_of: date | None = None) -> list["Clock"]:
        """Every clock of every case and review, ordered by due date, as at `as_of`."""
        from lif_domain.clocks import case_clocks, review_clocks
        from lif_domain.review import Review

        as_of = as_of or self.today()
        found = self.replay_all(Case, Review)
        clocks = []
        for case in found[Case]:
            if case.notified_on <= as_of:
                clocks.extend(case_clocks(case, self.calendar, as_of))
        for review in found[Review]:
            clocks.extend(review_clocks(review, as_of))
        return sorted(clocks, key=lambda c: (c.due_on, c.subject, c.name))
