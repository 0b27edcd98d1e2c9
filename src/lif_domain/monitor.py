"""The PLQA committee's view of the implementation programme as at a date (REFERENCE §7):
open, overdue and escalated actions by organisation, source and RAG, and the actions with no
update since the last monitoring round."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from lif_domain.action import Action, Status
from lif_domain.monitoring import MonitoringRound


@dataclass(frozen=True)
class ActionLine:
    ref: str
    source: str
    owner: str
    lead_officer: str
    what: str
    due_on: date
    status: str
    rag: str | None
    overdue: bool
    escalation: str | None
    last_update_on: date | None


@dataclass
class MonitorReport:
    as_of: date
    last_round: str | None
    last_round_on: date | None
    lines: list[ActionLine] = field(default_factory=list)
    not_updated: list[str] = field(default_factory=list)

    def count_by(self, key: str, lines=None) -> dict[str, int]:
        """How many lines have each value of `key` (an action with no RAG yet: "not rated")."""
        values = (getattr(x, key) for x in (self.lines if lines is None else lines))
        return dict(sorted(Counter("not rated" if v is None else str(v)
                                   for v in values).items()))

    @property
    def overdue(self) -> list[ActionLine]:
        return [x for x in self.lines if x.overdue]

    @property
    def escalated(self) -> list[ActionLine]:
        return [x for x in self.lines if x.escalation]


LIVE = (Status.OPEN, Status.CLAIMED)


def monitor(actions: list[Action], rounds: list[MonitoringRound], as_of: date) -> MonitorReport:
    held = sorted((r for r in rounds if r.held_on <= as_of), key=lambda r: r.held_on)
    last = held[-1] if held else None
    report = MonitorReport(as_of, last.ref if last else None, last.held_on if last else None)
    for a in sorted(actions, key=lambda a: a.ref):
        status = a.value_on("status", as_of)
        if status not in LIVE:
            continue
        escalation = a.value_on("escalation", as_of)
        rag = a.rag_on(as_of)
        report.lines.append(ActionLine(
            a.ref, a.source_ref, a.owner, a.lead_officer, a.what, a.value_on("due_on", as_of),
            status.words, rag.value if rag else None, a.is_overdue(as_of),
            escalation.words if escalation else None, a.last_update_on(as_of)))
        updated = a.last_update_on(as_of)
        if last and (updated is None or updated < last.held_on):
            report.not_updated.append(a.ref)
    return report
