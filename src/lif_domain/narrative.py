"""Every event told in plain words, for histories read by board members and inspectors."""

from collections.abc import Callable
from functools import cache

from lif_domain.action import Action, Level, Rag
from lif_domain.board import Board
from lif_domain.case import Case, ReviewChoice
from lif_domain.criteria import CaseFacts
from lif_domain.events import DateCorrected
from lif_domain.member import Member
from lif_domain.monitoring import MonitoringRound, Outcome
from lif_domain.review import Review
from lif_domain.roles import Role
from lif_domain.source import Channel, LearningSource, SourceType


def _facts(e) -> str:
    f = CaseFacts.from_fields(e.facts)
    words = [f"abuse or neglect {f.abuse.words}", f"child {f.harm.words}",
             f"concern about inter-agency working: {f.agency_concern.words}"]
    if f.custody_death:
        words.append("death in custody or detention")
    if f.looked_after:
        words.append("looked-after child")
    met = "met" if e.criteria_met else "not met"
    return (f"{'; '.join(words)}. SCR criteria {met} ({e.criteria_rule}): "
            f"{e.criteria_explanation}")


def _decision(e) -> str:
    text = f"decided on {ReviewChoice(e.decision).words}. Rationale: {e.rationale}"
    departs = [w for w, d in (("the panel's recommendation", e.departs_from_panel),
                              ("the SCR criteria", e.departs_from_criteria)) if d]
    if departs:
        text += f". DEPARTS FROM {' AND '.join(departs).upper()}: {e.departure_reason}"
    return text


def _redated(e) -> str:
    return (f"corrected the date of event {e.corrects_version} ({e.key.replace('_', ' ')}) "
            f"from {e.was_on} to {e.now_on}, because {e.reason}")


SENTENCES: dict[type, Callable] = {
    DateCorrected: _redated,
    Board.Initialised: lambda e: f"initialised the store for {e.name}",
    Member.Registered: lambda e: f"registered member {e.ref}",
    Member.Appointed: lambda e: f"appointed as {Role(e.appointed_role).title} for "
                                f"{e.organisation}",
    Member.AppointmentEnded: lambda e: f"ended the appointment as "
                                      f"{Role(e.appointed_role).title}: {e.reason}",
    Case.Notified: lambda e: f"recorded the notification of {e.ref} (local authority aware "
                             f"{e.aware_on}): {_facts(e)}",
    Case.NotificationCorrected: lambda e: f"corrected the notification (event "
                                          f"{e.corrects_version}), because {e.reason}: aware "
                                          f"{e.aware_on}; {_facts(e)}",
    Case.PanelRecommended: lambda e: f"recorded the SCR panel's recommendation of "
                                     f"{ReviewChoice(e.recommendation).words}. Rationale: "
                                     f"{e.rationale}",
    Case.ChairDecided: _decision,
    Case.NationalPanelTold: lambda e: "recorded that the national panel was told of the decision",
    Case.NationalPanelRequestReceived: lambda e: f"recorded national panel request {e.number} "
                                                 f"({e.kind}): {e.detail}",
    Case.NationalPanelRequestAnswered: lambda e: f"recorded the board's answer to request "
                                                 f"{e.number}: {e.answer}",
    Review.Commissioned: lambda e: f"commissioned {e.kind.upper()} {e.ref} for {e.case_ref}"
                                   + (f" (agreed through the strategic partners on "
                                      f"{e.partners_agreed_on})" if e.partners_agreed_on else "")
                                   + f". Rationale: {e.rationale}",
    Review.ReviewerCommissioned: lambda e: f"commissioned {e.reviewer} as independent reviewer, "
                                           f"who declared: {e.independence_declaration}",
    Review.AgenciesIdentified: lambda e: f"identified the agencies: {', '.join(e.agencies)}",
    Review.ImrAuthorAdvised: lambda e: f"advised the panel that {e.author} writes the IMR for "
                                       f"{e.agency}",
    Review.TermsDrafted: lambda e: f"drafted the terms of reference: {e.summary}",
    Review.TermsCirculated: lambda e: f"circulated the terms of reference to {e.circulated_to}",
    Review.TermsAgreed: lambda e: "recorded the terms of reference agreed",
    Review.MethodologyChosen: lambda e: f"chose the methodology {e.methodology}, as "
                                        f"proportionate because {e.rationale}",
    Review.MeetingScheduled: lambda e: f"scheduled meeting {e.number} ({e.meeting_kind}) for "
                                       f"{e.planned_for}",
    Review.MeetingHeld: lambda e: f"recorded meeting {e.number} held",
    Review.TimescaleAgreed: lambda e: f"agreed the timescale: complete by {e.due_on} "
                                      f"({e.rationale})",
    Review.FamilyInvited: lambda e: f"invited {e.invitee} to contribute",
    Review.FamilyResponded: lambda e: f"recorded {e.invitee}'s response: "
                                      f"{e.response.replace('_', ' ')}",
    Review.ProfessionalsInvolved: lambda e: f"recorded professionals' involvement: {e.how}",
    Review.ReportDrafted: lambda e: "recorded the report drafted",
    Review.ReportPresented: lambda e: f"presented the report and action plan to "
                                      f"{e.presented_to}",
    Review.ReportApproved: lambda e: f"approved the report. Rationale: {e.rationale}",
    Review.ReportReturned: lambda e: f"returned the report for more work: {e.reasons}",
    Review.SentToNationalPanel: lambda e: "sent the final report to the national panel",
    Review.PublicationDeferred: lambda e: f"deferred publication: {e.reasons}",
    Review.Published: lambda e: f"published the report at {e.where}",
    Review.NotPublished: lambda e: f"decided not to publish the report: {e.reasons}",
    Review.RemovedFromWebsite: lambda e: f"recorded the report taken off the website: {e.reason}",
    Review.EscalatedToScr: lambda e: f"escalated the PLR to an SCR. Rationale: {e.rationale}",
    Review.Closed: lambda e: f"closed the review. Rationale: {e.rationale}",
    Board.OrganisationRegistered: lambda e: f"registered the organisation {e.organisation}",
    LearningSource.Recorded: lambda e: f"recorded {SourceType(e.source_type).label} source "
                                       f"{e.ref} '{e.title}' of {e.source_date}, led by {e.lead}"
                                       + (f", from review {e.review_ref}" if e.review_ref else ""),
    LearningSource.FindingRecorded: lambda e: f"recorded {e.kind} {e.number}: {e.text} "
                                              f"(themes: {', '.join(e.themes)})",
    LearningSource.ReportApproved: lambda e: f"recorded the report and action plan approved by "
                                             f"{e.approved_by}. Rationale: {e.rationale}",
    LearningSource.ReportReturned: lambda e: f"recorded the report and action plan returned by "
                                             f"{e.returned_by}: {e.reasons}",
    LearningSource.LearningDisseminated: lambda e: f"passed on findings "
                                                   f"{', '.join(map(str, e.findings))} through a "
                                                   f"{Channel(e.channel).words} to {e.audience} "
                                                   f"({e.attendance} attended)",
    LearningSource.ImpactEvidenced: lambda e: f"recorded impact evidenced: {e.summary}"
                                              + (f" (evidence: {e.evidence_ref})"
                                                 if e.evidence_ref else ""),
    Action.Proposed: lambda e: f"proposed action {e.ref} on finding {e.finding} of "
                               f"{e.source_ref}: {e.what}; owner {e.owner}, lead {e.lead_officer}, "
                               f"due {e.due_on}; measure: {e.measure}",
    Action.Agreed: lambda e: "agreed the action (now open)",
    Action.ProgressUpdated: lambda e: f"updated progress: {Rag(e.rag).words.upper()}: "
                                      f"{e.narrative}",
    Action.CompletionClaimed: lambda e: f"claimed the action complete, with evidence: "
                                        f"{e.evidence}",
    Action.CompletionVerified: lambda e: f"verified completion: {e.note}",
    Action.CompletionRejected: lambda e: f"rejected the claim of completion: {e.reasons}",
    Action.ImpactAssessed: lambda e: f"assessed impact by {e.measure}: {e.result}",
    Action.Closed: lambda e: f"closed the action. Rationale: {e.rationale}",
    Action.DueDateChangeRequested: lambda e: f"asked to move the due date to {e.new_due}: "
                                             f"{e.reason}",
    Action.DueDateChangeApproved: lambda e: f"approved moving the due date from {e.old_due} to "
                                            f"{e.new_due}: {e.note}",
    Action.DueDateChangeRefused: lambda e: f"refused the due-date change: {e.reasons}",
    Action.Escalated: lambda e: f"escalated the action to {Level(e.level).words}: {e.reason}",
    Action.Withdrawn: lambda e: f"withdrew the action: {e.reasons}",
    Action.Superseded: lambda e: f"recorded the action superseded by {e.by_action}: "
                                 f"{e.reasons}",
    Action.Reopened: lambda e: f"reopened the action: {e.reason}",
    MonitoringRound.Held: lambda e: f"recorded monitoring round {e.ref} of the {e.committee}",
    MonitoringRound.ActionReviewed: lambda e: f"recorded the round's outcome for {e.action_ref}: "
                                              f"{Outcome(e.outcome).words}: {e.note}",
}


def describe(event) -> str:
    """One plain sentence: who, in what role, did what on which business date."""
    what = sentence_for(type(event))(event)
    return f"{event.on}  {event.member} ({_ROLE_TITLES[event.role]}) {what}"


_ROLE_TITLES = {role.value: role.title for role in Role}


@cache
def sentence_for(event_class: type) -> Callable:
    """The sentence of an event class, or of the nearest class it derives from."""
    return next(SENTENCES[c] for c in event_class.__mro__ if c in SENTENCES)
