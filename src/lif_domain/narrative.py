"""Every event told in plain words, for histories read by board members and inspectors."""

import re
from collections.abc import Callable
from functools import cache

from lif_domain.account import Account
from lif_domain.board import Board
from lif_domain.case import Case, RapidReviewChoice, ReviewChoice
from lif_domain.audit import Audit
from lif_domain.child_death import CATEGORIES, AgeBand, ChildDeath, Modifiable
from lif_domain.section11 import STANDARDS, Section11Round
from lif_domain.criteria import CaseFacts
from lif_domain.events import DateCorrected, DelayExplained
from lif_domain.member import Member
from lif_domain.monitoring import MonitoringRound, Outcome
from lif_domain.regimes import regime
from lif_domain import action_steps, review_steps
from lif_domain.roles import Role, partner_title
from lif_domain.source import Channel, LearningSource, SourceType
from lif_domain.training import TrainingEvent, TrainingProgramme


def _facts(e) -> str:
    f = CaseFacts.from_fields(e.facts)
    words = [f"abuse or neglect {f.abuse.words}", f"child {f.harm.words}",
             f"concern about inter-agency working: {f.agency_concern.words}"]
    if f.custody_death:
        words.append("death in custody or detention")
    if f.looked_after:
        words.append("looked-after child")
    if f.care_leaver:
        words.append("care leaver up to 24")
    met = "met" if e.criteria_met else "not met"
    return (f"{'; '.join(words)}. {regime(e.regime).criteria_heading} {met} "
            f"({e.criteria_rule}): {e.criteria_explanation}")


def _decision(e) -> str:
    text = f"decided on {ReviewChoice(e.decision).words}. Rationale: {e.rationale}"
    if e.departures:
        text += f". DEPARTS FROM {' AND '.join(e.departures).upper()}: {e.departure_reason}"
    return text


def _redated(e) -> str:
    return (f"corrected the date of event {e.corrects_version} ({e.key.replace('_', ' ')}) "
            f"from {e.was_on} to {e.now_on}, because {e.reason}")


SENTENCES: dict[type, Callable] = {
    DateCorrected: _redated,
    DelayExplained: lambda e: f"explained the delay of the {e.clock} deadline: {e.reason}",
    Board.Initialised: lambda e: f"initialised the store for {e.name}",
    Member.Registered: lambda e: f"registered member {e.ref}",
    Member.Appointed: lambda e: f"appointed as {Role(e.appointed_role).title} for "
                                f"{e.organisation}",
    Member.AppointmentEnded: lambda e: f"ended the appointment as "
                                      f"{Role(e.appointed_role).title}: {e.reason}",
    Member.AppointmentProposed: lambda e: f"proposed the appointment as "
                                          f"{Role(e.appointed_role).title} for {e.organisation}"
                                          " (awaits a second member's agreement)",
    Member.EndProposed: lambda e: f"proposed ending the appointment as "
                                  f"{Role(e.appointed_role).title}: {e.reason} (awaits a "
                                  "second member's agreement)",
    Member.AccountLinkProposed: lambda e: f"proposed that the member keys from the "
                                          f"operating-system account {e.account} (awaits a "
                                          "second member's agreement)",
    Member.ChangeAgreed: lambda e: f"agreed the change proposed in event {e.proposal}",
    Member.ChangeDeclined: lambda e: f"declined the change proposed in event {e.proposal}: "
                                     f"{e.reason}",
    Member.KeyedOnBehalf: lambda e: f"had {len(e.entries)} entr"
                                    f"{'y' if len(e.entries) == 1 else 'ies'} keyed on their "
                                    f"behalf by {e.keyer or 'an account linked to no member'}"
                                    " (awaiting their confirmation)",
    Member.OnBehalfConfirmed: lambda e: f"confirmed the entries keyed on their behalf in event "
                                        f"{e.entry}",
    Member.OnBehalfDisputed: lambda e: f"DISPUTED the entries keyed on their behalf in event "
                                       f"{e.entry}: {e.reason}",
    Account.Linked: lambda e: f"linked account {e.account} to member {e.holder}",
    Account.HolderChanged: lambda e: (f"linked the account to member {e.holder}" if e.holder
                                      else "unlinked the account from its member"),
    Case.Notified: lambda e: f"recorded the notification of {e.ref} (local authority aware "
                             f"{e.aware_on}), judged under {regime(e.regime).title} because "
                             f"{e.regime_reason}: {_facts(e)}",
    Case.NotificationCorrected: lambda e: f"corrected the notification (event "
                                          f"{e.corrects_version}), because {e.reason}: aware "
                                          f"{e.aware_on}; {_facts(e)}",
    Case.PanelRecommended: lambda e: f"recorded the SCR panel's recommendation of "
                                     f"{ReviewChoice(e.recommendation).words}. Rationale: "
                                     f"{e.rationale}",
    Case.ChairDecided: _decision,
    Case.NationalPanelTold: lambda e: "recorded that the national panel was told of the decision",
    Case.PersonalDataHeld: lambda e: f"put the case's {e.what} in the personal data register "
                                     "(encrypted, outside the log)",
    Case.PersonalDataErased: lambda e: f"erased the case's {e.what} from the register: "
                                       f"{e.reason}",
    Case.NationalPanelRequestReceived: lambda e: f"recorded national panel request {e.number} "
                                                 f"({e.kind}): {e.detail}",
    Case.NationalPanelRequestAnswered: lambda e: f"recorded the board's answer to request "
                                                 f"{e.number}: {e.answer}",
    Board.ArrangementsTookEffect: lambda e: f"recorded that the partnership's new "
                                            f"safeguarding arrangements took effect on "
                                            f"{e.took_effect}",
    Board.ScrutinyReported: lambda e: f"reported the independent scrutiny of the arrangements "
                                      f"(rule Y3): {e.summary}",
    Board.DelegationPublished: lambda e: f"recorded that the published arrangements "
                                         f"({e.published}) delegate the partners' Rapid Review "
                                         f"decision to the {Role(e.delegate).title} (rule RR4)",
    Case.PanelReferenceRecorded: lambda e: f"recorded the Panel's reference for the "
                                           f"notification: {e.reference}",
    Case.NotificationWithdrawn: lambda e: f"recorded the notification withdrawn with the "
                                          f"Panel's agreement: {e.reason}",
    Case.AgenciesAsked: lambda e: f"asked {', '.join(e.agencies)} for information for the "
                                  "Rapid Review",
    Case.AgencyReturned: lambda e: f"recorded {e.agency}'s return for the Rapid Review",
    Case.RapidReviewMeetingHeld: lambda e: f"recorded the Rapid Review meeting: {e.summary}. "
                                           f"Immediate action: {e.immediate_actions}"
                                           + (f". Learning: {e.learning}" if e.learning else ""),
    Case.PartnerAgreed: lambda e: f"agreed, as {partner_title(Role(e.role), e.on)}, on "
                                  f"{RapidReviewChoice(e.decision).words}"
                                  + (f", for all three partners under the published "
                                     f"delegation ({e.delegation}; rule RR4)"
                                     if e.delegation else "")
                                  + f". Rationale: {e.rationale}"
                                  + (f". Learning taken forward: {e.learning}" if e.learning
                                     else ""),
    Case.RapidReviewSent: lambda e: "recorded the Rapid Review and the partners' decision sent "
                                    "to the Panel",
    Case.PanelResponded: lambda e: f"recorded the Panel's response: {e.response}",
    Case.NationalReviewRecorded: lambda e: f"recorded that the Panel took the case on as "
                                           f"national review {e.reference}; the partnership's "
                                           f"part: {e.local_part} (rule RR5)",
    Case.MinistersTold: lambda e: "recorded the Secretary of State and Ofsted told of the death "
                                  "(rule N3)",
    Board.OrganisationRegistered: lambda e: f"registered the organisation {e.organisation}"
                                            + (", a relevant agency named in the arrangements"
                                               if e.relevant_agency else ""),
    Board.LeadPartnerNamed: lambda e: f"recorded that the {e.lead} leads the "
                                      f"{Role(e.partner).title} and delegates its decisions to "
                                      f"{e.delegate} ({e.published}; rule RR6)",
    LearningSource.Recorded: lambda e: f"recorded {SourceType(e.source_type).label} source "
                                       f"{e.ref} '{e.title}' of {e.source_date}, led by {e.lead}"
                                       + (f", from review {e.review_ref}" if e.review_ref else "")
                                       + (f", from the Rapid Review of {e.case_ref}"
                                          if e.case_ref else ""),
    LearningSource.FindingRecorded: lambda e: f"recorded {e.kind} {e.number}: {e.text} "
                                              f"(themes: {', '.join(e.themes)})"
                                              + (f", taken from {e.taken_from}, not keyed "
                                                 "again" if e.taken_from else ""),
    LearningSource.ReportApproved: lambda e: f"recorded the report and action plan approved by "
                                             f"{e.approved_by}. Rationale: {e.rationale}"
                                             + (f" (taken from {e.taken_from}, not keyed "
                                                "again)" if e.taken_from else ""),
    LearningSource.ReportReturned: lambda e: f"recorded the report and action plan returned by "
                                             f"{e.returned_by}: {e.reasons}",
    LearningSource.LearningDisseminated: lambda e: f"passed on findings "
                                                   f"{', '.join(map(str, e.findings))} through a "
                                                   f"{Channel(e.channel).words} to {e.audience} "
                                                   f"({e.attendance} attended)",
    LearningSource.ImpactEvidenced: lambda e: f"recorded impact evidenced: {e.summary}"
                                              + (f" (evidence: {e.evidence_ref})"
                                                 if e.evidence_ref else "")
                                              + (f"; actions still open "
                                                 f"({', '.join(e.open_actions)}): "
                                                 f"{e.why_open}" if e.open_actions else ""),
    TrainingEvent.Recorded: lambda e: f"recorded the {e.programme} event {e.ref} '{e.title}' of "
                                      f"{e.held_on}, provided by {e.provider}, passing on "
                                      + ", ".join(f"{s} finding {n}" for s, n in e.carries),
    TrainingEvent.AttendanceRecorded: lambda e: f"recorded the attendance, counted once: "
                                                f"{sum(e.by_organisation.values())} people ("
                                                + ", ".join(f"{o} {n}" for o, n in
                                                            sorted(e.by_organisation.items()))
                                                + ")",
    TrainingEvent.Evaluated: lambda e: f"recorded the evaluation {e.when}: {e.summary}",
    TrainingProgramme.Recorded: lambda e: f"recorded training programme {e.ref} '{e.title}', "
                                          "its providers to meet: " + "; ".join(e.standards),
    TrainingEvent.ProviderChecked: lambda e: f"checked the provider against the committee's "
                                             f"standards: "
                                             f"{'met' if e.meets_standards else 'NOT MET'}"
                                             + "".join(f"; {s}: {'met' if ok else 'NOT MET'}"
                                                       for s, ok in e.judged.items())
                                             + f": {e.notes}",
    ChildDeath.Notified: lambda e: f"recorded the notification of child death {e.ref}: died "
                                   f"{e.died_on}, aged {AgeBand(e.age_band).label}, "
                                   f"{'expected' if e.expected else 'unexpected'}; judged "
                                   f"under {regime(e.regime).title} ({e.regime_reason})",
    ChildDeath.ResponseRecorded: lambda e: f"recorded the {e.kind}, begun {e.started_on}"
                                           + (f", its meeting held {e.meeting_on}"
                                              if e.meeting_on else "") + f": {e.summary}",
    ChildDeath.ReviewMeetingHeld: lambda e: f"recorded the child death review meeting: "
                                            f"{e.summary}",
    ChildDeath.PanelReviewed: lambda e: f"recorded the panel's review: category {e.category} "
                                        f"({CATEGORIES[e.category]}); modifiable factors "
                                        f"{Modifiable(e.modifiable).words}"
                                        + (f" ({e.factors})" if e.factors else "")
                                        + f"; learning: {e.learning}"
                                        + (f"; themes: {', '.join(e.themes)}" if e.themes
                                           else ""),
    ChildDeath.Referred: lambda e: f"referred the death to {e.to} as one that may meet the "
                                   f"criteria for a case review, opening case {e.case_ref}: "
                                   f"{e.rationale}",
    Section11Round.RoundOpened: lambda e: f"opened Section 11 round {e.ref} for "
                                          f"{', '.join(e.agencies)} on {len(e.standards)} "
                                          f"standards, returns due by {e.returns_due}"
                                          + (f"; carried forward from {e.carried_from}: "
                                             + ("; ".join(f"{a} {s} {r}" for a, s, r in
                                                          e.carried) or "nothing amber or red")
                                             if e.carried_from else ""),
    Section11Round.SelfAssessed: lambda e: f"recorded {e.agency}'s self-assessment on "
                                           f"{STANDARDS[e.standard]}: {e.rating.upper()}; "
                                           f"evidence: {e.evidence}",
    Section11Round.ChallengeHeld: lambda e: f"recorded {e.agency}'s challenge session: "
                                            f"{e.summary}"
                                            + ("".join(f"; {s} agreed {r.upper()}: {why}"
                                                       for s, r, why in e.changes)
                                               or "; the ratings stand"),
    Audit.Planned: lambda e: f"planned audit {e.ref} on {e.theme} ('{e.question}'), a sample "
                             f"of {e.sample_size} from {', '.join(e.agencies)} with {e.tool}, "
                             f"returns due by {e.returns_due}"
                             + (f"; it re-audits {e.reaudit_of} findings "
                                f"{', '.join(map(str, e.retests))}" if e.reaudit_of else ""),
    Audit.ReturnChased: lambda e: f"chased {e.agency}'s return",
    Audit.ReturnReceived: lambda e: f"recorded {e.agency}'s return ({e.cases} cases)",
    Audit.Moderated: lambda e: f"recorded the {e.how} of the returns: {e.summary}",
    Audit.FindingRecorded: lambda e: f"recorded finding {e.number}, a {e.nature} of {e.agency}: "
                                     f"{e.text}",
    Audit.Approved: lambda e: f"recorded the findings approved by {e.approved_by}: "
                              f"{e.rationale}",
    Audit.ChangeRecorded: lambda e: f"recorded what changed on the re-tested finding "
                                    f"{e.finding}: {e.what_changed}",
    MonitoringRound.Held: lambda e: f"recorded monitoring round {e.ref} of the {e.committee}",
    MonitoringRound.ActionReviewed: lambda e: f"recorded the round's outcome for {e.action_ref}: "
                                              f"{Outcome(e.outcome).words}: {e.note}",
}


def describe(event) -> str:
    """One plain sentence: who, in what role, did what on which business date."""
    what = sentence_for(type(event))(event)
    return f"{event.on}  {event.member} ({_ROLE_TITLES[event.role]}) {what}"


def headline(event) -> str:
    """What an event was, in a few words ("report approved", "panel recommended"): a review
    stage's declared title, else its class's name in words (never the name itself)."""
    aggregate, _, name = type(event).__qualname__.rpartition(".")
    step = getattr(event, "step", "")
    if aggregate == "Review" and step in review_steps.TITLES:
        return review_steps.TITLES[step]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


_DECLARED = {"Review": review_steps.STEPS, "Action": action_steps.STEPS}
_ROLE_TITLES = {role.value: role.title for role in Role}


@cache
def sentence_for(event_class: type) -> Callable:
    """The sentence of an event class, or of the nearest class it derives from; a review's or
    an action's stage is told in the words declared with the stage."""
    if getattr(event_class, "step", ""):
        return _DECLARED[event_class.__qualname__.split(".")[0]][event_class.step].told
    return next(SENTENCES[c] for c in event_class.__mro__ if c in SENTENCES)
