"""The stages of a review and the order they come in (REFERENCE §3 and §4; seed, Appendix B).

Each step names who may take it (a key of permissions.WHO_MAY) and the steps that must come
first. The aggregate reads this table; the CLI's help and the refusals quote its titles.
"""

from dataclasses import dataclass

SCR, PLR = "scr", "plr"
BOTH = frozenset({SCR, PLR})


@dataclass(frozen=True)
class Step:
    title: str
    permission: str
    requires: tuple[str, ...] = ()
    kinds: frozenset[str] = BOTH


STEPS: dict[str, Step] = {
    "commissioned": Step("review commissioned", "commission a review"),
    "reviewer_commissioned": Step("independent reviewer commissioned",
                                  "commission the independent reviewer", ("commissioned",)),
    "agencies_identified": Step("agencies identified", "identify the agencies", ("commissioned",)),
    "imr_author_advised": Step("IMR author advised to the panel", "advise an IMR author",
                               ("agencies_identified",)),
    "terms_drafted": Step("terms of reference drafted", "draft the terms of reference",
                          ("reviewer_commissioned",)),
    "terms_circulated": Step("terms of reference circulated", "circulate the terms of reference",
                             ("terms_drafted",)),
    "terms_agreed": Step("terms of reference agreed", "agree the terms of reference",
                         ("terms_circulated",)),
    "methodology_chosen": Step("methodology chosen", "choose the methodology", ("terms_drafted",)),
    "meeting_scheduled": Step("meeting scheduled", "schedule a meeting",
                              ("reviewer_commissioned",)),
    "meeting_held": Step("meeting held", "record a meeting held", ("meeting_scheduled",)),
    "timescale_agreed": Step("timescale agreed", "agree the timescale", ("initial_meeting_held",)),
    "family_invited": Step("family invited to contribute", "invite the family",
                           ("reviewer_commissioned",)),
    "family_responded": Step("family's response recorded", "record the family's response",
                             ("family_invited",)),
    "professionals_involved": Step("professionals involved", "record professionals' involvement",
                                   ("terms_agreed",)),
    "report_drafted": Step("report drafted", "record the report drafted",
                           ("terms_agreed", "methodology_chosen", "timescale_agreed")),
    "report_presented": Step("report and action plan presented", "present the report",
                             ("report_drafted",)),
    "report_approved": Step("report approved", "approve or return the report",
                            ("report_presented",)),
    "report_returned": Step("report returned", "approve or return the report",
                            ("report_presented",)),
    "sent_to_national_panel": Step("report sent to the national panel",
                                   "send the report to the national panel",
                                   ("report_approved",), frozenset({SCR})),
    "publication_deferred": Step("publication deferred", "defer publication",
                                 ("report_approved",), frozenset({SCR})),
    "published": Step("report published", "record publication", ("sent_to_national_panel",),
                      frozenset({SCR})),
    "not_published": Step("decided not to publish", "decide not to publish",
                          ("report_approved",), frozenset({SCR})),
    "removed_from_website": Step("report taken off the website",
                                 "record the report withdrawn from the website", ("published",),
                                 frozenset({SCR})),
    "escalated": Step("escalated to an SCR", "escalate a PLR to an SCR", ("commissioned",),
                      frozenset({PLR})),
    "closed": Step("review closed", "close a review", ("report_approved",)),
}

# Pseudo-steps that are not events of their own but conditions the table refers to.
TITLES = {name: step.title for name, step in STEPS.items()}
TITLES["initial_meeting_held"] = "initial review meeting held"

REVIEW_MONTHS = 6  # REFERENCE §3 (SCR, from initiation) and §4 (PLR, from the initial meeting)
