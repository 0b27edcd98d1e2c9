"""Board roles (REFERENCE §1) and the acting member recorded in every event."""

from dataclasses import dataclass

from lif_domain.choices import Choice


class Role(Choice):
    INDEPENDENT_CHAIR = "independent_chair"
    BUSINESS_MANAGER = "business_manager"
    SCR_PANEL_MEMBER = "scr_panel_member"
    PLQA_MEMBER = "plqa_member"
    INDEPENDENT_REVIEWER = "independent_reviewer"
    AGENCY_LEAD = "agency_lead"

    @property
    def title(self) -> str:
        return self.value.replace("_", " ").replace("scr", "SCR").replace("plqa", "PLQA")

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
EVERY_ROLE = frozenset(Role)
# Roles that carry the board's powers: appointing or ending one needs a second member's
# agreement (rule W4). Independent reviewers and agency leads are appointed directly.
POWERS = CHAIR | MANAGER | PANEL | PLQA


@dataclass(frozen=True)
class Actor:
    """Who takes a step: a member reference and the role they act in."""

    member: str
    role: Role

    def __str__(self) -> str:
        return f"{self.member} ({self.role.title})"
