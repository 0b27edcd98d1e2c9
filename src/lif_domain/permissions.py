"""Who may take each step: one table, read by the application to pick the acting role and by
the aggregates to refuse anyone else (REFERENCE §1; seed, Appendix B)."""

from lif_domain.errors import NotAuthorised
from lif_domain.roles import (AGENCY, CDOP, CHAIR, EVERY_ROLE, LOCAL_AUTHORITY, MANAGER, PANEL,
                              PARTNERS, PARTNERSHIP_CHAIR, PLQA, REVIEWER, SCRUTINEER, Actor,
                              Role)

WHO_MAY = {
    "appoint a member": CHAIR | MANAGER,
    "end an appointment": CHAIR | MANAGER,
    "register an organisation": CHAIR | MANAGER,
    "record when the new arrangements took effect": CHAIR | MANAGER | PARTNERS,
    "record the partners' published delegation": CHAIR | MANAGER | PARTNERS | PARTNERSHIP_CHAIR,
    "name a lead safeguarding partner and its delegate": MANAGER | PARTNERS | PARTNERSHIP_CHAIR,
    "record independent scrutiny of the arrangements": SCRUTINEER,
    # Changes that carry powers, agreed by a second member (rule W4), and entries keyed on a
    # member's behalf, confirmed by that member (rule W5)
    "link one's own account": EVERY_ROLE,
    "agree or decline a change of powers": CHAIR | MANAGER,
    "confirm an entry keyed on their behalf": EVERY_ROLE,
    # Learning sources, findings and dissemination (REFERENCE §2)
    "record a learning source": MANAGER | PLQA,
    "record a finding": MANAGER | PLQA | REVIEWER,
    "approve or return a report and action plan": CHAIR | PLQA,
    "record dissemination": MANAGER | PLQA,
    "record impact evidenced": PLQA | CHAIR,
    # Actions (REFERENCE §7)
    "propose an action": MANAGER | PLQA | AGENCY,
    "agree an action": PLQA | CHAIR,
    "update an action's progress": MANAGER | PLQA | AGENCY,
    "claim an action complete": MANAGER | AGENCY,
    "verify an action's completion": PLQA,
    "assess an action's impact": PLQA,
    "close an action": PLQA | CHAIR,
    "request a due-date change": MANAGER | AGENCY,
    "decide a due-date change": PLQA | CHAIR,
    "escalate an action": MANAGER | PLQA | CHAIR,
    "withdraw or supersede an action": PLQA | CHAIR,
    "reopen an action": PLQA | CHAIR,
    "record a monitoring round": PLQA | MANAGER,
    # The CDOP's referral of a death opens its case (rule CD4)
    "record a notification": MANAGER | PANEL | LOCAL_AUTHORITY | CDOP,
    "correct a notification": MANAGER | PANEL | LOCAL_AUTHORITY,
    "correct a date": MANAGER | CHAIR,
    # Reasons for delay on an open deadline (issue 11): by the role owing it, the chair or the
    # business manager (rule W2)
    "explain a delay": CHAIR | MANAGER | REVIEWER | AGENCY | CDOP,
    "record the panel's recommendation": PANEL,
    "decide whether to hold a review": CHAIR,
    "record that the national panel was told": CHAIR | MANAGER,
    "hold a case's personal data": MANAGER,
    "erase a case's personal data": MANAGER | CHAIR,
    "record a national panel request": CHAIR | MANAGER,
    "record the board's answer to the national panel": CHAIR | MANAGER,
    # The notification to the Panel and the Rapid Review (REFERENCE §9): the local authority
    # notifies, the business unit keeps the record, each partner decides for itself (rule RR2)
    "record the Panel's reference": MANAGER | LOCAL_AUTHORITY,
    "withdraw a notification": MANAGER | LOCAL_AUTHORITY,
    "ask agencies for information": MANAGER,
    "record an agency's return": MANAGER,
    "record the Rapid Review meeting": MANAGER | PARTNERS | PARTNERSHIP_CHAIR,
    "record a safeguarding partner's decision": PARTNERS,
    "send the Rapid Review to the Panel": MANAGER | PARTNERS,
    "record the Panel's response": MANAGER | PARTNERS,
    "record the Secretary of State and Ofsted told": MANAGER | LOCAL_AUTHORITY,
    "record a national review the Panel takes on": MANAGER | PARTNERS,
    # Child deaths (REFERENCE §5, §9; rules CD1 to CD5): the business unit (the panel's
    # administrator) records notifications and responses, the panel reviews and refers
    "notify a child death": MANAGER | CDOP,
    "record a child death's response": MANAGER | CDOP,
    "record the child death overview panel's review": CDOP,
    "refer a child death for a case review": CDOP,
    # Section 11 rounds (REFERENCE §6; rules SA1 to SA4): the business unit opens them, each
    # agency rates itself, the PLQA committee or the chair challenges
    "open a Section 11 round": MANAGER | PLQA,
    "record a Section 11 self-assessment": MANAGER | AGENCY,
    "hold a Section 11 challenge session": PLQA | CHAIR,
    # Audits of practice (REFERENCE §6; rules AU1 to AU4)
    "plan an audit": MANAGER | PLQA,
    "record an audit's returns": MANAGER,
    "moderate an audit": PLQA | MANAGER,
    "record an audit's findings": PLQA | MANAGER,
    # Review stages (REFERENCE §3, §4)
    "commission a review": CHAIR,
    "commission the independent reviewer": CHAIR | MANAGER,
    "identify the agencies": MANAGER | PANEL,
    "advise an IMR author": MANAGER | PANEL,
    "draft the terms of reference": PANEL,
    "circulate the terms of reference": PANEL | MANAGER,
    "agree the terms of reference": PANEL | CHAIR,
    "choose the methodology": PANEL | REVIEWER,
    "schedule a meeting": MANAGER,
    "record a meeting held": MANAGER,
    "agree the timescale": PANEL | CHAIR | MANAGER,
    "invite the family": REVIEWER | MANAGER,
    "record the family's response": REVIEWER | MANAGER,
    "record professionals' involvement": REVIEWER | MANAGER,
    "record the report drafted": REVIEWER,
    "present the report": MANAGER | REVIEWER,
    "approve or return the report": CHAIR | PLQA,
    "send the report to the national panel": CHAIR | MANAGER,
    "record publication": CHAIR | MANAGER,
    "defer publication": CHAIR,
    "decide not to publish": CHAIR,
    "record the report withdrawn from the website": CHAIR | MANAGER,
    "escalate a PLR to an SCR": CHAIR,
    "close a review": CHAIR | MANAGER,
    # A local child safeguarding practice review (REFERENCE §9): commissioned on the partners'
    # decision, monitored and approved by them (rules LC1 to LC4); the business unit records
    "commission an LCSPR": PARTNERS | MANAGER,
    "monitor an LCSPR's time and quality": PARTNERS | MANAGER,
    "agree an LCSPR's timescale": PARTNERS | MANAGER | PANEL,
    "approve or return an LCSPR's report": PARTNERS,
    "send the report to the Panel and the Secretary of State": PARTNERS | MANAGER,
    "publish the improvements instead": PARTNERS,
}


def roles_for(step: str) -> frozenset[Role]:
    return WHO_MAY[step]


def authorise(actor: Actor, step: str) -> None:
    """Refuse `actor` unless the role they act in may take `step`."""
    allowed = WHO_MAY[step]
    if actor.role not in allowed:
        raise NotAuthorised(f"only {any_of(allowed)} may {step}; {actor} may not")


def any_of(roles: frozenset[Role]) -> str:
    """'a business manager or an independent chair'"""
    return " or ".join(sorted(r.with_article for r in roles))
