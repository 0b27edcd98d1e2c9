"""Read side: the clocks of cases, reviews and actions, as at any business date."""

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.application.cases import Cases
from lif_domain.application.directory import CLOCKED
from lif_domain.application.reviews import Reviews

if TYPE_CHECKING:
    from lif_domain.clocks import Clock


class Queries(Cases, Reviews):
    def history(self, record) -> list:
        """Every event of a record, oldest first."""
        return list(self.events.get(record.id))

    def clocks_of(self, record, as_of: date | None = None) -> list["Clock"]:
        """The clocks of one case or review as at `as_of` (default today): the one answer
        that lif due, case show, review show, history and the evidence pack all give."""
        from lif_domain.clocks import clocks_of

        return clocks_of(record, self.calendar, as_of or self.today())

    def clocks(self, as_of: date | None = None, *, met_too: bool = False) -> list["Clock"]:
        """The clocks of every case, review and action that lif due shows as at `as_of`
        (Clock.shown_on; with `met_too`, every clock), ordered by due date. The directory says
        which records those are; clocks_of, the one answer, says what their clocks are."""
        from lif_domain.clocks import clocks_of

        as_of = as_of or self.today()
        day = as_of.isoformat()
        ids = [id for kind in CLOCKED
               for id in self.directory.ids(kind, clocks=day, all_clocks=met_too)]
        clocks = [c for record in self.records(ids)
                  for c in clocks_of(record, self.calendar, as_of)
                  if met_too or c.shown_on(as_of)]
        return sorted(clocks, key=lambda c: (c.due_on, c.subject, c.name))
