"""Use cases: notification, screening, the chair's decision and the national panel."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.application.base import LifBase
from lif_domain.errors import OutOfOrder

if TYPE_CHECKING:  # imported where used: commands on other records do not build its events
    from lif_domain.case import Case, ReviewChoice
    from lif_domain.criteria import CaseFacts
    from lif_domain.roles import Role


class Cases(LifBase):
    def notify_case(self, ref: str, aware_on: date, facts: CaseFacts, *, by: str,
               on: date | None = None) -> Case:
        from lif_domain.case import Case

        actor, on = self.act(by, "record a notification", on)
        self.refuse_duplicate(Case, ref, "case")
        case = Case.notify(ref, aware_on, facts, actor, on, self.regime_for(aware_on))
        self.save_all(case)
        return case

    def correct_notification(self, ref: str, aware_on: date | None, facts: CaseFacts,
                             reason: str, *, by: str, on: date | None = None) -> Case:
        actor, on = self.act(by, "correct a notification", on)
        case = self.case(ref)
        aware_on = aware_on or case.aware_on
        case.correct_notification(aware_on, facts, reason, actor, on, self.regime_for(aware_on))
        self.save_all(case)
        return case

    def recommend(self, ref: str, recommendation: ReviewChoice, rationale: str, *, by: str,
                  on: date | None = None) -> None:
        actor, on = self.act(by, "record the panel's recommendation", on)
        case = self.case(ref)
        case.recommend(recommendation, rationale, actor, on)
        self.save_all(case)

    def decide(self, ref: str, decision: ReviewChoice, rationale: str,
               departure_reason: str = "", *, by: str, on: date | None = None) -> Case:
        actor, on = self.act(by, "decide whether to hold a review", on)
        case = self.case(ref)
        case.decide(decision, rationale, departure_reason, actor, on)
        self.save_all(case)
        return case

    def tell_national_panel(self, ref: str, *, by: str, on: date | None = None) -> None:
        actor, on = self.act(by, "record that the national panel was told", on)
        case = self.case(ref)
        case.tell_national_panel(actor, on)
        self.save_all(case)

    def hold_personal_data(self, ref: str, what: str, *, by: str,
                           on: date | None = None) -> Case:
        actor, on = self.act(by, "hold a case's personal data", on)
        case = self.case(ref)
        case.hold_personal_data(what, actor, on)
        self.save_all(case)
        return case

    def erase_personal_data(self, ref: str, what: str, reason: str, *, by: str,
                            on: date | None = None) -> Case:
        actor, on = self.act(by, "erase a case's personal data", on)
        case = self.case(ref)
        case.erase_personal_data(what, reason, actor, on)
        self.save_all(case)
        return case

    def receive_panel_request(self, ref: str, kind: str, detail: str, *, by: str,
                              on: date | None = None, answer_by: date | None = None) -> int:
        actor, on = self.act(by, "record a national panel request", on)
        case = self.case(ref)
        number = case.receive_panel_request(kind, detail, actor, on, answer_by)
        self.save_all(case)
        return number

    def answer_panel_request(self, ref: str, number: int, answer: str, *, by: str,
                             on: date | None = None) -> None:
        actor, on = self.act(by, "record the board's answer to the national panel", on)
        case = self.case(ref)
        case.answer_panel_request(number, answer, actor, on)
        self.save_all(case)

    def correct_case_date(self, ref: str, version: int, now_on: date, reason: str, *, by: str,
                          on: date | None = None) -> Case:
        actor, on = self.act(by, "correct a date", on)
        case = self.case(ref)
        case.correct_date(version, self.business_date(now_on), reason, actor, on)
        self.save_all(case)
        return case

    def regime_for(self, aware_on: date, event: str = "the local authority became aware"):
        """The regime in force on `aware_on` for this board, and why (rule G1)."""
        from lif_domain.regimes import regime_for

        return regime_for(aware_on, self.board().arrangements_on, event)

    # ---- the Rapid Review (Working Together 2018 and 2023) ----------------------------------
    def rapid_review_step(self, ref: str, step: str, command: str, *args, by: str,
                          on: date | None = None) -> Case:
        """Take Rapid Review `step` on case `ref` with the case's method `command`."""
        actor, on = self.act(by, step, on)
        case = self.case(ref)
        getattr(case, command)(*args, actor, on)
        self.save_all(case)
        return case

    def partner_decision(self, ref: str, decision, rationale: str, learning: str,
                         partner: Role | None, *, under_delegation: bool = False, by: str,
                         on: date | None = None) -> Case:
        """One partner's decision on case `ref`'s Rapid Review (rule RR2); with
        `under_delegation`, for all three under the published delegation in force (RR4)."""
        step = "record a safeguarding partner's decision"
        actor, on = self.act(by, step, on)
        delegation = None
        if under_delegation:
            delegation = self.board().delegation_on(on)
            if delegation is None:
                raise OutOfOrder(f"no published delegation of the partners' decision is "
                                 f"recorded by {on} (lif board delegation): each partner "
                                 "decides for itself (rules RR2, RR4)")
        case = self.case(ref)
        if case.policy.lead_partners:
            self._check_delegate(actor, on)
        case.partner_agrees(decision, rationale, learning, partner, actor, on, delegation)
        self.save_all(case)
        return case

    def _check_delegate(self, actor, on: date) -> None:
        """Working Together 2023: where the arrangements name the member a lead partner
        delegates its decisions to, only that member decides for it (rule RR6)."""
        from lif_domain.errors import NotAuthorised

        named = self.board().delegate_on(actor.role, on)
        if named is not None and named[1] != actor.member:
            lead, delegate, published = named
            raise NotAuthorised(f"the {lead} leads the {actor.role.title} and delegates its "
                                f"decisions to {delegate} ({published}; rule RR6): "
                                f"{actor.member} may not decide for it")

    def case(self, ref: str) -> Case:
        from lif_domain.case import Case

        return self.load(Case, ref, "case")

    def cases(self) -> list[Case]:
        return self.records(self.directory.ids("case"))
