"""Board roles (REFERENCE §1) and the acting member recorded in every event."""

from dataclasses import dataclass
from datetime import date

from lif_domain.choices import Choice


ACRONYMS = {"scr": "SCR", "plqa": "PLQA", "cdop": "CDOP"}  # said as words in role titles


class Role(Choice):
    INDEPENDENT_CHAIR = "independent_chair"
    BUSINESS_MANAGER = "business_manager"
    SCR_PANEL_MEMBER = "scr_panel_member"
    PLQA_MEMBER = "plqa_member"
    INDEPENDENT_REVIEWER = "independent_reviewer"
    AGENCY_LEAD = "agency_lead"
    # The three statutory safeguarding partners from Working Together 2018 (Children Act 2004
    # s16E; REFERENCE §9): each takes the partners' joint decisions for itself (rule RR2).
    LOCAL_AUTHORITY_PARTNER = "local_authority_partner"
    HEALTH_PARTNER = "health_partner"  # the CCG, the integrated care board from 1 July 2022
    POLICE_PARTNER = "police_partner"
    # The arrangements must include independent scrutiny of how well they work (rule Y3)
    INDEPENDENT_SCRUTINEER = "independent_scrutineer"
    # Working Together 2023: the lead partners agree a partnership chair (rule RR6)
    PARTNERSHIP_CHAIR = "partnership_chair"
    # The Child Death Overview Panel reviews every child death in the area (REFERENCE §5, §9)
    CDOP_MEMBER = "cdop_member"

    @property
    def title(self) -> str:
        if self in PARTNERS:
            return self.value.replace("_partner", " safeguarding partner").replace("_", " ")
        return " ".join(ACRONYMS.get(w, w) for w in self.value.split("_"))

    @property
    def with_article(self) -> str:
        spoken_vowel = self.title[0] in "aeiouAEIOU" or self.title.startswith("SCR")  # "ess"
        return ("an " if spoken_vowel else "a ") + self.title


CHAIR = frozenset({Role.INDEPENDENT_CHAIR})
MANAGER = frozenset({Role.BUSINESS_MANAGER})
PANEL = frozenset({Role.SCR_PANEL_MEMBER})
REVIEWER = frozenset({Role.INDEPENDENT_REVIEWER})
PLQA = frozenset({Role.PLQA_MEMBER})
AGENCY = frozenset({Role.AGENCY_LEAD})
PARTNERS = frozenset({Role.LOCAL_AUTHORITY_PARTNER, Role.HEALTH_PARTNER, Role.POLICE_PARTNER})
SCRUTINEER = frozenset({Role.INDEPENDENT_SCRUTINEER})
PARTNERSHIP_CHAIR = frozenset({Role.PARTNERSHIP_CHAIR})
CDOP = frozenset({Role.CDOP_MEMBER})
LOCAL_AUTHORITY = frozenset({Role.LOCAL_AUTHORITY_PARTNER})
EVERY_ROLE = frozenset(Role)
# Roles that carry the board's powers: appointing or ending one needs a second member's
# agreement (rule W4). Independent reviewers and agency leads are appointed directly.
POWERS = CHAIR | MANAGER | PANEL | PLQA | PARTNERS | SCRUTINEER | PARTNERSHIP_CHAIR | CDOP


def partner_title(role: Role, on: date) -> str:
    """A role's title, the health partner's with the body it was on `on`: the clinical
    commissioning group until 30 June 2022, the integrated care board from 1 July (REFERENCE
    §9)."""
    if role is not Role.HEALTH_PARTNER:
        return role.title
    body = "integrated care board" if on >= ICB_FROM else "clinical commissioning group"
    return f"{role.title} ({body})"


ICB_FROM = date(2022, 7, 1)  # clinical commissioning groups became integrated care boards


@dataclass(frozen=True)
class Actor:
    """Who takes a step: a member reference and the role they act in."""

    member: str
    role: Role

    def __str__(self) -> str:
        return f"{self.member} ({self.role.title})"
