"""Use cases: commissioning a review and recording each of its stages."""

from datetime import date

from lif_domain.application.base import LifBase
from lif_domain.case import Case
from lif_domain.errors import InvalidInput
from lif_domain.member import Member
from lif_domain.review import STEP_COMMANDS, Review
from lif_domain.review_steps import STEPS
from lif_domain.roles import Role


class Reviews(LifBase):
    def commission_review(self, ref: str, case_ref: str, kind: str, rationale: str,
                          partners_agreed_on: date | None = None, *, by: str,
                          on: date | None = None) -> Review:
        actor, on = self.act(by, STEPS["commissioned"].permission, on)
        self.refuse_duplicate(Review, ref, "review")
        case = self.load(Case, case_ref, "case")
        review = Review.commission(ref, case, kind, rationale, partners_agreed_on, actor, on)
        self.save_all(review)
        return review

    def record_step(self, ref: str, step: str, *, by: str, on: date | None = None,
                    **details) -> Review:
        """Take one stage of review `ref` (a key of review_steps.STEPS other than
        'commissioned'), with the details that stage records."""
        if step not in STEP_COMMANDS:
            raise InvalidInput(f"unknown review step {step!r}")
        actor, on = self.act(by, STEPS[step].permission, on)
        review = self.review(ref)
        if step == "reviewer_commissioned":
            self._check_reviewer(details["reviewer"], on)
        if step == "escalated":
            details["case"] = self.load(Case, review.case_ref, "case")
        getattr(review, STEP_COMMANDS[step])(**details, actor=actor, on=on)
        self.save_all(review)
        return review

    def _check_reviewer(self, reviewer: str, on: date) -> None:
        member = self.load(Member, reviewer, "member")
        if Role.INDEPENDENT_REVIEWER not in member.roles_on(on):
            raise InvalidInput(f"{reviewer} is not appointed as an independent reviewer on "
                               f"{on}: appoint them first")

    def review(self, ref: str) -> Review:
        return self.load(Review, ref, "review")

    def reviews(self) -> list[Review]:
        return [self.review(ref) for ref in self.refs_of(Review.Commissioned)]
