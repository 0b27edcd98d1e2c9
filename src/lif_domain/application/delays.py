"""Use case: a reason for delay recorded on an open deadline of a case, review or action
(issue 11), shown with the clock wherever it is read."""

from datetime import date

from lif_domain.application.directory import CLOCKED
from lif_domain.application.history import History
from lif_domain.application.queries import Queries
from lif_domain.errors import InvalidInput


class Delays(History, Queries):
    def explain_delay(self, ref: str, clock_name: str, reason: str, *, by: str,
                      kind: str | None = None, on: date | None = None) -> None:
        """Record why deadline `clock_name` of record `ref` is or will be late."""
        actor, on = self.act(by, "explain a delay", on)
        if kind is not None and kind not in CLOCKED:
            raise InvalidInput(f"only a case, review or action has deadlines, not a {kind}")
        _, record, _ = self.find(ref, kind)
        clocks = {c.name: c for c in self.clocks_of(record, on)}
        if clock_name not in clocks:
            names = "; ".join(f"'{name}'" for name in clocks) or "none yet"
            raise InvalidInput(f"{record.ref} has no deadline {clock_name!r} on {on} (its "
                               f"deadlines: {names})")
        record.explain_delay(clocks[clock_name], reason, actor, on)
        self.save_all(record)
