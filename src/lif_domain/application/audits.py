"""Use cases: audits of practice, from the plan to the findings approved, and re-audits of
an earlier audit's findings (issue 14, item 3; rules AU1 to AU4)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.application.base import LifBase

if TYPE_CHECKING:
    from lif_domain.audit import Audit


class Audits(LifBase):
    def plan_audit(self, ref: str, theme: str, question: str, sample_size: int,
                   agencies: list[str], tool: str, returns_due: date, *, by: str,
                   on: date | None = None, retests: list[tuple[str, int]] = ()) -> Audit:
        """Audit `ref`'s plan; `retests`: (audit, finding number) pairs of the one earlier
        audit it re-tests (rule AU4)."""
        from lif_domain.audit import Audit
        from lif_domain.errors import InvalidInput

        actor, on = self.act(by, "plan an audit", on)
        self.refuse_duplicate(Audit, ref, "audit")
        earlier = None
        if retests:
            named = {a.strip().casefold() for a, _ in retests}
            if len(named) > 1:
                raise InvalidInput("a re-audit re-tests the findings of one audit: "
                                   f"{', '.join(sorted({a.strip() for a, _ in retests}))} "
                                   "are several")
            earlier = self.audit(retests[0][0])
        audit = Audit.plan(ref, theme, question, sample_size, agencies, tool, returns_due,
                           actor, on, earlier, [n for _, n in retests])
        self.save_all(audit)
        return audit

    def chase_return(self, ref: str, agency: str, *, by: str, on: date | None = None) -> None:
        actor, on = self.act(by, "record an audit's returns", on)
        audit = self.audit(ref)
        audit.chase(agency, actor, on)
        self.save_all(audit)

    def receive_return(self, ref: str, agency: str, cases: int, *, by: str,
                       on: date | None = None) -> None:
        actor, on = self.act(by, "record an audit's returns", on)
        audit = self.audit(ref)
        audit.receive(agency, cases, actor, on)
        self.save_all(audit)

    def moderate_audit(self, ref: str, how: str, summary: str, *, by: str,
                       on: date | None = None) -> None:
        actor, on = self.act(by, "moderate an audit", on)
        audit = self.audit(ref)
        audit.moderate(how, summary, actor, on)
        self.save_all(audit)

    def audit_finding(self, ref: str, agency: str, nature: str, text: str,
                      themes: list[str], *, by: str, on: date | None = None) -> int:
        actor, on = self.act(by, "record an audit's findings", on)
        audit = self.audit(ref)
        number = audit.record_finding(agency, nature, text, themes, actor, on)
        self.save_all(audit)
        return number

    def approve_audit(self, ref: str, approved_by: str, rationale: str, *, by: str,
                      on: date | None = None) -> None:
        actor, on = self.act(by, "approve or return a report and action plan", on)
        audit = self.audit(ref)
        audit.approve(approved_by, rationale, actor, on)
        self.save_all(audit)

    def audit_change(self, ref: str, finding: int, what_changed: str, *, by: str,
                     on: date | None = None) -> None:
        actor, on = self.act(by, "record an audit's findings", on)
        audit = self.audit(ref)
        audit.record_change(finding, what_changed, actor, on)
        self.save_all(audit)

    def audit(self, ref: str) -> Audit:
        from lif_domain.audit import Audit

        return self.load(Audit, ref, "audit")

    def audits(self) -> list[Audit]:
        return self.records(self.directory.ids("audit"))
