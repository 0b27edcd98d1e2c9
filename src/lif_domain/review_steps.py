"""The stages of a review, each declared once (REFERENCE §3, §4 and §9; seed, Appendix B; ADR
0019). Serious case reviews (SCR) and practice learning reviews (PLR) are reviews under Working
Together 2015; local child safeguarding practice reviews (LCSPR) under 2018 and 2023.

A stage's entry says who may take it (a key of permissions.WHO_MAY), the stages that must come
first, the kinds of review it belongs to, how it is taken from the CLI (its command, help,
example and details) and its words in a history. The review's event for it names it by `step`,
its command is marked @takes(key), and the CLI and the narrative are built from this table.
This module imports no event class, so the CLI's help costs no more than reading it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lif_domain.stages import Command, Detail, possessive, text

SCR, PLR, LCSPR = "scr", "plr", "lcspr"
BOTH = frozenset({SCR, PLR})  # the reviews of Working Together 2015
EVERY = BOTH | {LCSPR}


def a_kind(kind: str) -> str:
    """"an SCR", "a PLR", "an LCSPR": a kind of review as a sentence names it."""
    return f"{'a' if kind == PLR else 'an'} {kind.upper()}"


@dataclass(frozen=True)
class Step:
    title: str
    permission: str
    requires: tuple[str, ...] = ()
    kinds: frozenset[str] = EVERY
    command: Command | None = None
    told: Callable = lambda e: ""
    repeatable: bool = False
    variants: dict = field(default_factory=dict)  # kind -> the fields that differ for it

    def of(self, kind: str) -> "Step":
        """This stage as a review of `kind` takes it: an LCSPR's report is approved by the
        partners, not the chair, and is published after its copy to the Panel."""
        return replace(self, **self.variants[kind]) if kind in self.variants else self


def _partners(e) -> str:
    return (f" (agreed through the strategic partners on {e.partners_agreed_on})"
            if e.partners_agreed_on else "")


STEPS: dict[str, Step] = {
    "commissioned": Step(
        "review commissioned", "commission a review",
        variants={LCSPR: {"permission": "commission an LCSPR"}},
        told=lambda e: f"commissioned {e.kind.upper()} {e.ref} for {e.case_ref}{_partners(e)}. "
                       f"Rationale: {e.rationale}"),
    "reviewer_commissioned": Step(
        "independent reviewer commissioned", "commission the independent reviewer",
        ("commissioned",),
        command=Command("reviewer", "Record the independent reviewer commissioned.",
                        '--reviewer rev1 --declaration "no involvement with the family or '
                        'agencies" --as bm1',
                        (text("--reviewer", "reviewer", "Member appointed as independent "
                              "reviewer."),
                         text("--declaration", "declaration", "Their declaration of "
                              "independence."))),
        told=lambda e: f"commissioned {e.reviewer} as independent reviewer, who declared: "
                       f"{e.independence_declaration}"),
    "agencies_identified": Step(
        "agencies identified", "identify the agencies", ("commissioned",), repeatable=True,
        command=Command("agencies", "Record the agencies identified.",
                        "--agency Police --agency Health --as bm1",
                        (Detail("agencies", "--agency", "An agency (repeat for each).",
                                kind="many"),)),
        told=lambda e: f"identified the agencies: {', '.join(e.agencies)}"),
    "imr_author_advised": Step(
        "IMR author advised to the panel", "advise an IMR author", ("agencies_identified",),
        BOTH, repeatable=True,
        command=Command("imr-author", "Record an IMR author advised to the panel.",
                        "--agency Police --author police-imr-1 --as bm1",
                        (text("--agency", "agency", "An identified agency."),
                         text("--author", "author", "The author's reference."))),
        told=lambda e: f"advised the panel that {e.author} writes the IMR for {e.agency}"),
    "terms_drafted": Step(
        "terms of reference drafted", "draft the terms of reference", ("reviewer_commissioned",),
        command=Command("terms-drafted", "Record the terms of reference drafted.",
                        '--summary "period Jan 2016 to May 2017; multi-agency response" '
                        '--as panel1',
                        (text("--summary", "summary", "Scope, questions and period covered."),)),
        told=lambda e: f"drafted the terms of reference: {e.summary}"),
    "terms_circulated": Step(
        "terms of reference circulated", "circulate the terms of reference", ("terms_drafted",),
        command=Command("terms-circulated", "Record the terms circulated for agreement.",
                        '--to "all panel members" --as panel1',
                        (text("--to", "circulated_to", "To whom."),)),
        told=lambda e: f"circulated the terms of reference to {e.circulated_to}"),
    "terms_agreed": Step(
        "terms of reference agreed", "agree the terms of reference", ("terms_circulated",),
        command=Command("terms-agreed", "Record the terms of reference agreed.", "--as panel1"),
        told=lambda e: "recorded the terms of reference agreed"),
    "methodology_chosen": Step(
        "methodology chosen", "choose the methodology", ("terms_drafted",),
        command=Command("methodology", "Record the methodology and why it is proportionate.",
                        '--methodology "SCIE Learning Together" --rationale "complex, many '
                        'agencies" --as panel1',
                        (text("--methodology", "methodology", "The learning model."),
                         text("--rationale", "rationale", "Why it is proportionate."))),
        told=lambda e: f"chose the methodology {e.methodology}, as proportionate because "
                       f"{e.rationale}"),
    "meeting_scheduled": Step(
        "meeting scheduled", "schedule a meeting", ("reviewer_commissioned",), repeatable=True,
        command=Command("meeting-scheduled", "Schedule an initial or update meeting.",
                        "--kind initial --date 2017-06-20 --as bm1",
                        (Detail("kind", "--kind", kind="choice", choices=("initial", "update")),
                         Detail("planned_for", "--date", "The date planned.", kind="date"))),
        told=lambda e: f"scheduled meeting {e.number} ({e.meeting_kind}) for {e.planned_for}"),
    "meeting_held": Step(
        "meeting held", "record a meeting held", ("meeting_scheduled",), repeatable=True,
        command=Command("meeting-held", "Record a scheduled meeting held (--on is its date).",
                        "--number 1 --as bm1 --on 2017-06-20",
                        (Detail("number", "--number", "The meeting's number.", kind="int"),)),
        told=lambda e: f"recorded meeting {e.number} held"),
    "timescale_agreed": Step(
        "timescale agreed", "agree the timescale", ("initial_meeting_held",),
        variants={LCSPR: {"permission": "agree an LCSPR's timescale"}},
        command=Command("timescale", "Agree the timescale: six months from the initial meeting "
                        "unless --due is given. Agreed again, it varies the deadline: only the "
                        "chair, with --due after the first deadline (which stays) and "
                        "--rationale (rules R1, R2).", "--as panel1 --on 2017-06-20",
                        (Detail("due_on", "--due", "The completion date agreed.", kind="date",
                                required=False),
                         Detail("rationale", "--rationale", "Needed for any other timescale.",
                                required=False, default=""))),
        told=lambda e: f"agreed the timescale: complete by {e.due_on} ({e.rationale})"),
    "family_invited": Step(
        "family invited to contribute", "invite the family", ("reviewer_commissioned",),
        repeatable=True,
        command=Command("family-invited", "Record a family member invited to contribute.",
                        '--invitee "Mother of Child H" --as rev1',
                        (text("--invitee", "invitee", "Pseudonymous reference."),)),
        told=lambda e: f"invited {e.invitee} to contribute"),
    "family_responded": Step(
        "family's response recorded", "record the family's response", ("family_invited",),
        repeatable=True,
        command=Command("family-response", "Record a family member's response.",
                        '--invitee "Mother of Child H" --response accepted --as rev1',
                        (text("--invitee", "invitee", "As invited."),
                         Detail("response", "--response", kind="choice",
                                choices=("accepted", "declined", "no_response")))),
        told=lambda e: f"recorded {possessive(e.invitee)} response: {e.response.replace('_', ' ')}"),
    "professionals_involved": Step(
        "professionals involved", "record professionals' involvement", ("terms_agreed",),
        command=Command("professionals", "Record how professionals were involved.",
                        '--how "practitioner learning event, 14 staff" --as rev1',
                        (text("--how", "how", "How they were involved."),)),
        told=lambda e: f"recorded professionals' involvement: {e.how}"),
    "report_drafted": Step(
        "report drafted", "record the report drafted",
        ("terms_agreed", "methodology_chosen", "timescale_agreed"),
        command=Command("report-drafted", "Record the report drafted.", "--as rev1"),
        told=lambda e: "recorded the report drafted"),
    "report_presented": Step(
        "report and action plan presented", "present the report", ("report_drafted",),
        command=Command("report-presented", "Record the report and action plan presented.",
                        '--to "Board" --as bm1',
                        (text("--to", "presented_to", "The board or a named committee."),)),
        told=lambda e: f"presented the report and action plan to {e.presented_to}"),
    "report_approved": Step(
        "report approved", "approve or return the report", ("report_presented",),
        variants={LCSPR: {"permission": "approve or return an LCSPR's report"}},
        command=Command("approve", "Record the report approved.",
                        '--rationale "findings accepted" --as chair1',
                        (text("--rationale", "rationale"),)),
        told=lambda e: f"approved the report. Rationale: {e.rationale}"),
    "report_returned": Step(
        "report returned", "approve or return the report", ("report_presented",),
        variants={LCSPR: {"permission": "approve or return an LCSPR's report"}},
        command=Command("return", "Record the report returned, with reasons.",
                        '--reasons "family view missing" --as chair1',
                        (text("--reasons", "reasons"),)),
        told=lambda e: f"returned the report for more work: {e.reasons}"),
    "sent_to_national_panel": Step(
        "report sent to the national panel", "send the report to the national panel",
        ("report_approved",), frozenset({SCR}),
        command=Command("sent-to-panel", "Record the final report sent to the national panel.",
                        "--as bm1"),
        told=lambda e: "sent the final report to the national panel"),
    "publication_deferred": Step(
        "publication deferred", "defer publication", ("report_approved",), frozenset({SCR}),
        command=Command("defer", "Record publication deferred, with reasons.",
                        '--reasons "criminal trial listed for March" --as chair1',
                        (text("--reasons", "reasons"),)),
        told=lambda e: f"deferred publication: {e.reasons}"),
    "published": Step(
        "report published", "record publication", ("sent_to_national_panel",),
        frozenset({SCR, LCSPR}), variants={LCSPR: {"requires": ("copy_sent",)}},
        command=Command("publish", "Record the report published, and where.",
                        "--where https://example.org/scr --as bm1",
                        (text("--where", "where", "Where."),)),
        told=lambda e: f"published the report at {e.where}"),
    "not_published": Step(
        "decided not to publish", "decide not to publish", ("report_approved",),
        frozenset({SCR}),
        command=Command("not-published", "Record a decision not to publish, with reasons.",
                        '--reasons "would identify siblings" --as chair1',
                        (text("--reasons", "reasons"),)),
        told=lambda e: f"decided not to publish the report: {e.reasons}"),
    "removed_from_website": Step(
        "report taken off the website", "record the report withdrawn from the website",
        ("published",), frozenset({SCR}),
        command=Command("taken-down", "Record the report taken off the website.",
                        '--reason "12 months elapsed" --as bm1', (text("--reason", "reason"),)),
        told=lambda e: f"recorded the report taken off the website: {e.reason}"),
    # An LCSPR's own stages (REFERENCE §9; SI 2018/789, reg 14): the partners monitor its time
    # and quality at the interval they agree (rule LC2), a copy of the final report goes to
    # the Panel and the Secretary of State before publication (rule LC3), and a report the
    # partners decide not to publish gives way to the improvements, published (rule LC4).
    "monitoring_agreed": Step(
        "monitoring interval agreed", "monitor an LCSPR's time and quality", ("commissioned",),
        frozenset({LCSPR}),
        command=Command("monitoring-agreed", "Record how often the partners will monitor the "
                        "time taken and the quality of the LCSPR (rule LC2).",
                        "--every-weeks 6 --as la1",
                        (Detail("every_weeks", "--every-weeks", "Weeks between reviews of its "
                                "progress (1 to 26).", kind="int"),)),
        told=lambda e: f"agreed to monitor the time taken and the quality of the review every "
                       f"{e.every_weeks} weeks"),
    "progress_monitored": Step(
        "time and quality monitored", "monitor an LCSPR's time and quality",
        ("monitoring_agreed",), frozenset({LCSPR}), repeatable=True,
        command=Command("monitored", "Record the partners' review of the LCSPR's time taken "
                        "and quality (rule LC2).",
                        '--time "on track for the agreed date" --quality "terms answered; '
                        'family view still to come" --as la1',
                        (text("--time", "time", "How the time taken stands."),
                         text("--quality", "quality", "How its quality stands."))),
        told=lambda e: f"monitored the review: time: {e.time}; quality: {e.quality}"),
    "information_requested": Step(
        "information requested from the reviewer", "monitor an LCSPR's time and quality",
        ("reviewer_commissioned",), frozenset({LCSPR}), repeatable=True,
        command=Command("information-requested", "Record a written request to the reviewer "
                        "for specified information or a draft report (rule LC2).",
                        '--what draft_report --letter "letter of 3 March, ref LCSPR-1/07" '
                        '--as la1',
                        (Detail("what", "--what", kind="choice",
                                choices=("information", "draft_report")),
                         text("--letter", "letter", "The written request (its date and "
                              "reference)."))),
        told=lambda e: f"asked the reviewer in writing for "
                       f"{'a draft report' if e.what == 'draft_report' else 'information'} "
                       f"({e.letter})"),
    "copy_sent": Step(
        "report sent to the Panel and the Secretary of State",
        "send the report to the Panel and the Secretary of State", ("report_approved",),
        frozenset({LCSPR}),
        command=Command("copy-sent", "Record a copy of the final report sent to the Child "
                        "Safeguarding Practice Review Panel and the Secretary of State (rule "
                        "LC3).", "--as bm1"),
        told=lambda e: "sent a copy of the final report to the Child Safeguarding Practice "
                       "Review Panel and the Secretary of State"),
    "improvements_published": Step(
        "improvements published instead of the report", "publish the improvements instead",
        ("report_approved",), frozenset({LCSPR}),
        command=Command("improvements-published", "Record the partners' decision not to "
                        "publish the report, and the improvements published instead (rule "
                        "LC4).", '--where https://example.org/lcspr-1 --reasons "would '
                        'identify the siblings" --as la1',
                        (text("--where", "where", "Where the improvements are published."),
                         text("--reasons", "reasons", "Why the report is not published."))),
        told=lambda e: f"decided not to publish the report ({e.reasons}) and published the "
                       f"improvements to be made at {e.where}"),
    "escalated": Step(
        "escalated to an SCR", "escalate a PLR to an SCR", ("commissioned",), frozenset({PLR}),
        command=Command("escalate", "Escalate a PLR to an SCR when the criteria turn out to be "
                        "met.", '--rationale "new evidence of agency failings" --as chair1',
                        (text("--rationale", "rationale"),)),
        told=lambda e: f"escalated the PLR to an SCR. Rationale: {e.rationale}"),
    "closed": Step(
        "review closed", "close a review", ("report_approved",),
        command=Command("close", "Close the review.",
                        '--rationale "actions handed to PLQA" --as bm1',
                        (text("--rationale", "rationale"),)),
        told=lambda e: f"closed the review. Rationale: {e.rationale}"),
}

# Pseudo-steps that are not events of their own but conditions the table refers to.
TITLES = {name: step.title for name, step in STEPS.items()}
TITLES["initial_meeting_held"] = "initial review meeting held"

REVIEW_MONTHS = 6  # REFERENCE §3 (SCR, from initiation) and §4 (PLR, from the initial meeting)
