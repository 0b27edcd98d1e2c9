"""Use cases: commissioning a review and recording each of its stages."""

from datetime import date

from typing import TYPE_CHECKING

from lif_domain.application.base import LifBase
from lif_domain.errors import InvalidInput
from lif_domain.member import Member
from lif_domain.roles import Role

if TYPE_CHECKING:
    from lif_domain.review import Review

# lif_domain.review and lif_domain.case are imported inside the methods: building their event
# classes costs about 35 and 8 ms, which commands that do not need them should not pay at
# start-up (ADR 0005).


class Reviews(LifBase):
    def commission_review(self, ref: str, case_ref: str, kind: str, rationale: str,
                          partners_agreed_on: date | None = None, *, by: str,
                          on: date | None = None) -> "Review":
        from lif_domain.case import Case
        from lif_domain.review import Review
        from lif_domain.review_steps import STEPS

        actor, on = self.act(by, STEPS["commissioned"].of(kind).permission, on)
        self.refuse_duplicate(Review, ref, "review")
        case = self.load(Case, case_ref, "case")
        review = Review.commission(ref, case, kind, rationale, partners_agreed_on, actor, on)
        self.save_all(review)
        return review

    def record_step(self, ref: str, step: str, *, by: str, on: date | None = None,
                    **details) -> "Review":
        """Take one stage of review `ref` (a key of review_steps.STEPS other than
        'commissioned'), with the details its declaration names. Who may take it is checked
        first; the review's command for it is the method marked @takes for that stage."""
        from lif_domain.review import COMMANDS
        from lif_domain.review_steps import STEPS

        if step not in COMMANDS:
            raise InvalidInput(f"unknown review step {step!r}")
        review = self.review(ref)
        actor, on = self.act(by, STEPS[step].of(review.kind).permission, on)
        if step == "reviewer_commissioned":
            self._check_reviewer(details["reviewer"], on)
        if step == "escalated":
            from lif_domain.case import Case

            details["case"] = self.load(Case, review.case_ref, "case")
        COMMANDS[step](review, **details, actor=actor, on=on)
        sources = self._sources_approved_with(review, actor, on) if step == "report_approved" \
            else []
        self.save_all(review, *sources)
        return review

    def _sources_approved_with(self, review: "Review", actor, on: date) -> list:
        """The review's learning sources, approved with its report (issue 13, item 6)."""
        sources = self.records(self.directory.ids("source", link=review.ref))
        return [s for s in sources if s.take_review_approval(
            review.done["report_approved"], review.approval_rationale, actor, on)]

    def correct_review_date(self, ref: str, version: int, now_on: date, reason: str, *,
                            by: str, on: date | None = None) -> "Review":
        actor, on = self.act(by, "correct a date", on)
        review = self.review(ref)
        review.correct_date(version, self.business_date(now_on), reason, actor, on)
        self.save_all(review)
        return review

    def _check_reviewer(self, reviewer: str, on: date) -> None:
        member = self.load(Member, reviewer, "member")
        if Role.INDEPENDENT_REVIEWER not in member.roles_on(on):
            raise InvalidInput(f"{reviewer} is not appointed as an independent reviewer on "
                               f"{on}: appoint them first")

    def review(self, ref: str) -> "Review":
        from lif_domain.review import Review

        return self.load(Review, ref, "review")

    def reviews(self) -> list["Review"]:
        return self.records(self.directory.ids("review"))
