"""The serious case criteria, LSCB Regulations 2006 reg 5(2), with WT2015's reading of them
(REFERENCE §3), and the notifiable-incident test behind the 5-working-day clock."""


from dataclasses import dataclass

from lif_domain.choices import Choice
from lif_domain.errors import InvalidInput


NOTIFY_WITHIN = 5  # working days from awareness (rules N1, N2)
RAPID_REVIEW_WITHIN = 15  # working days from the notification to the Panel (rule RR1)


def surely_notified_in_time(aware_on, notified_on) -> bool:
    """Notified within as many calendar days as it has working days: in time whatever the
    holidays (so a notification is judged without loading the bank-holiday calendar)."""
    return (notified_on - aware_on).days <= NOTIFY_WITHIN


class ReviewChoice(Choice):
    """The panel's recommendation and the chair's decision: which review, if any."""

    SCR = "scr"
    PLR = "plr"
    OTHER_REVIEW = "other_review"
    NO_REVIEW = "no_review"

    @property
    def words(self) -> str:
        return {"scr": "a serious case review", "plr": "a practice learning review",
                "other_review": "another kind of review", "no_review": "no review"}[self.value]


class RapidReviewChoice(Choice):
    """The partners' decision on a Rapid Review (REFERENCE §9)."""

    LCSPR = "lcspr"
    NO_LCSPR = "no_lcspr"
    NATIONAL_REVIEW = "national_review"  # a suggestion that the Panel consider one

    @property
    def words(self) -> str:
        return {"lcspr": "a local child safeguarding practice review",
                "no_lcspr": "no local child safeguarding practice review",
                "national_review": "suggesting that the Panel consider a national review"}[
                    self.value]


class AbuseOrNeglect(Choice):
    KNOWN = "known"
    SUSPECTED = "suspected"
    NOT_SUSPECTED = "not_suspected"


class Harm(Choice):
    DIED = "died"
    SERIOUSLY_HARMED = "seriously_harmed"
    NEITHER = "neither"


class AgencyConcern(Choice):
    """Cause for concern about how the authority, partners or others worked together."""

    YES = "yes"
    NO_DEFINITIVE = "no_definitive"  # no concern, with definitive evidence of that
    NOT_YET_KNOWN = "not_yet_known"

    @property
    def words(self) -> str:
        return {"yes": "yes", "no_definitive": "none, with definitive evidence",
                "not_yet_known": "not yet known"}[self.value]


@dataclass(frozen=True)
class CaseFacts:
    abuse: AbuseOrNeglect
    harm: Harm
    agency_concern: AgencyConcern
    custody_death: bool = False  # in custody, a secure setting, or detained under the MHA
    looked_after: bool = False
    care_leaver: bool = False  # a care leaver aged up to and including 24 (rule N3)

    def __post_init__(self) -> None:
        if self.custody_death and self.harm is not Harm.DIED:
            raise InvalidInput("a death in custody can only be recorded where the child died")
        if self.care_leaver and self.looked_after:
            raise InvalidInput("a young person is looked after or a care leaver, not both")

    def as_fields(self) -> dict:
        return {
            "abuse": self.abuse.value,
            "harm": self.harm.value,
            "agency_concern": self.agency_concern.value,
            "custody_death": self.custody_death,
            "looked_after": self.looked_after,
            "care_leaver": self.care_leaver,
        }

    @classmethod
    def from_fields(cls, fields: dict) -> "CaseFacts":
        return cls(
            AbuseOrNeglect(fields["abuse"]),
            Harm(fields["harm"]),
            AgencyConcern(fields["agency_concern"]),
            bool(fields["custody_death"]),
            bool(fields["looked_after"]),
            bool(fields.get("care_leaver", False)),  # recorded from issue 13 on
        )


@dataclass(frozen=True)
class Assessment:
    met: bool
    rule: str  # the provision that decided it
    explanation: str


def assess(facts: CaseFacts) -> Assessment:
    """Whether the facts meet the SCR criteria, and the rule that decided it."""
    abuse = facts.abuse is not AbuseOrNeglect.NOT_SUSPECTED
    if facts.custody_death:
        return Assessment(True, "Working Together 2015 (rule S2): death in custody or detention",
                          "an SCR should always follow a child's death in custody, in a secure "
                          "setting or while detained under the Mental Health Act")
    if not abuse:
        return Assessment(False, "reg 5(2)(a) not met",
                          "abuse or neglect is neither known nor suspected")
    if facts.harm is Harm.DIED:
        return Assessment(True, "reg 5(2)(a) and (b)(i)",
                          f"abuse or neglect is {facts.abuse.words} and the child has died")
    if facts.harm is Harm.NEITHER:
        return Assessment(False, "reg 5(2)(b) not met",
                          "the child has neither died nor been seriously harmed")
    if facts.agency_concern is AgencyConcern.YES:
        return Assessment(True, "reg 5(2)(a) and (b)(ii)",
                          f"abuse or neglect is {facts.abuse.words}, the child was seriously "
                          "harmed and there is cause for concern about inter-agency working")
    if facts.agency_concern is AgencyConcern.NOT_YET_KNOWN:
        return Assessment(True, "reg 5(2)(b)(ii) read with WT2015",
                          "the child was seriously harmed and there is no definitive evidence "
                          "that agencies worked well together, so an SCR must be commissioned")
    return Assessment(False, "reg 5(2)(b)(ii) not met",
                      "the child was seriously harmed but there is definitive evidence of no "
                      "concern about inter-agency working")


def is_notifiable(facts: CaseFacts) -> bool:
    """WT2015 notifiable incident (REFERENCE §3): the 5-working-day notification applies."""
    abuse = facts.abuse is not AbuseOrNeglect.NOT_SUSPECTED
    harmed = facts.harm in (Harm.DIED, Harm.SERIOUSLY_HARMED)
    return (abuse and harmed) or (facts.looked_after and facts.harm is Harm.DIED)


def looked_after_death(facts: CaseFacts) -> bool:
    """Working Together 2018: the death of a looked-after child, whatever its cause, is
    notified to the Secretary of State and Ofsted (rule N3)."""
    return facts.looked_after and facts.harm is Harm.DIED


def looked_after_or_care_leaver_death(facts: CaseFacts) -> bool:
    """Working Together 2023 adds the death of a care leaver up to and including age 24
    (rule N3)."""
    return (facts.looked_after or facts.care_leaver) and facts.harm is Harm.DIED


def serious_incident(facts: CaseFacts) -> Assessment:
    """Children Act 2004 s16C (REFERENCE §9): the local authority must notify the Child
    Safeguarding Practice Review Panel where it knows or suspects that a child has been abused
    or neglected and the child dies or is seriously harmed."""
    if facts.abuse is AbuseOrNeglect.NOT_SUSPECTED:
        return Assessment(False, "s16C(1)(a) not met",
                          "abuse or neglect is neither known nor suspected")
    if facts.harm is Harm.NEITHER:
        return Assessment(False, "s16C(1)(b) not met",
                          "the child has neither died nor been seriously harmed")
    harm = "has died" if facts.harm is Harm.DIED else "was seriously harmed"
    return Assessment(True, "s16C(1)",
                      f"abuse or neglect is {facts.abuse.words} and the child {harm}")
