"""A source of learning and what it found (REFERENCE §2; seed, "The different types of
learning"): its findings and recommendations, the approval of its report and action plan, the
dissemination of its learning, and the evidence of impact that closes the cycle."""

from dataclasses import dataclass
from datetime import date

from lif_domain.choices import Choice
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before


class SourceType(Choice):
    """The seed's eight types of learning."""

    SCR = "scr"
    CHILD_DEATH_REVIEW = "child_death_review"
    PLR = "plr"  # reviews below the SCR threshold
    PRACTICE_AUDIT = "practice_audit"  # review or audit of practice in one or more agencies
    SECTION_11 = "section_11"
    TRAINING_EVENT = "training_event"  # conference, training course or briefing
    NATIONAL_LEARNING = "national_learning"  # guidance, training, policy briefings
    MEMBER_PERFORMANCE = "member_performance"  # performance and learning outcomes from members
    # After 2018 (REFERENCE §9): a Rapid Review's learning, a local review's report
    RAPID_REVIEW = "rapid_review"
    LCSPR = "lcspr"

    @property
    def label(self) -> str:
        return {"scr": "SCR", "plr": "PLR", "section_11": "Section 11 assessment",
                "practice_audit": "practice audit", "rapid_review": "Rapid Review",
                "lcspr": "LCSPR"}.get(self.value, self.words)


# The sources a review's report is: each links to a review of its own kind.
REVIEW_SOURCES = (SourceType.SCR, SourceType.PLR, SourceType.LCSPR)
# The sources that take their learning from a process recorded in LIF (issue 14): an audit's
# findings, a Section 11 round's amber and red standards.
PROCESS_SOURCES = (SourceType.PRACTICE_AUDIT, SourceType.SECTION_11)


class Channel(Choice):
    """How learning is passed on to front-line practitioners (seed; REFERENCE §2 step 6)."""

    PRACTITIONER_FORUM = "practitioner_forum"
    BRIEFING = "briefing"
    TRAINING_COURSE = "training_course"
    CONFERENCE = "conference"
    LEARNING_BRIEF = "learning_brief"


@dataclass(frozen=True)
class Finding:
    number: int
    kind: str  # finding or recommendation
    text: str
    themes: tuple[str, ...]
    recorded_on: date


@dataclass(frozen=True)
class Dissemination:
    number: int
    channel: Channel
    held_on: date
    audience: str
    attendance: int
    findings: tuple[int, ...]
    event_ref: str | None = None  # the training event it was, whose attendance counts once


def theme_tags(themes: list[str]) -> list[str]:
    """Theme tags are lower-case words joined by hyphens, so they count alike across sources."""
    tags = []
    for theme in themes:
        tag = "-".join(theme.strip().lower().replace("_", " ").split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class LearningSource(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every learning-source event: member, role and business date `on`."""

    class Recorded(Event, Opened):
        class_version = 3  # 2: the case whose Rapid Review it is (issue 13); 3: the audit or
        # Section 11 round whose learning it takes (issue 14)
        ref: str
        source_type: str
        title: str
        source_date: date
        lead: str
        review_ref: str | None
        case_ref: str | None
        process_ref: str | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["case_ref"] = None

        @staticmethod
        def upcast_v2_v3(state: dict) -> None:
            state["process_ref"] = None

        def apply(self, source: "LearningSource") -> None:
            source.ref, source.title, source.lead = self.ref, self.title, self.lead
            source.source_type = SourceType(self.source_type)
            source.source_date, source.review_ref = self.source_date, self.review_ref
            source.case_ref, source.process_ref = self.case_ref, self.process_ref
            source.recorded_on = self.on

    class FindingRecorded(Event):
        class_version = 2  # 2: a finding taken from where it was first keyed (issue 13)
        number: int
        kind: str
        text: str
        themes: list
        taken_from: str  # "" when keyed here; else the record it was keyed on

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["taken_from"] = ""

        def apply(self, source: "LearningSource") -> None:
            source.findings.append(Finding(self.number, self.kind, self.text,
                                           tuple(self.themes), self.on))

    class ReportApproved(Event):
        class_version = 2  # 2: an approval taken from the review whose report it is (issue 13)
        approved_by: str
        rationale: str
        taken_from: str  # "" when keyed here; else the review approval it was taken from

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["taken_from"] = ""

        def apply(self, source: "LearningSource") -> None:
            source.approved_on, source.approved_by = self.on, self.approved_by

    class ReportReturned(Event):
        returned_by: str
        reasons: str

        def apply(self, source: "LearningSource") -> None:
            source.returned_on = self.on

    class LearningDisseminated(Event):
        class_version = 2  # 2: the training event it was, if one (issue 14)
        number: int
        channel: str
        audience: str
        attendance: int
        findings: list
        event_ref: str | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["event_ref"] = None

        def apply(self, source: "LearningSource") -> None:
            source.disseminations.append(Dissemination(
                self.number, Channel(self.channel), self.on, self.audience, self.attendance,
                tuple(self.findings), self.event_ref))

    class ImpactEvidenced(Event):
        class_version = 2  # 2: the actions still open, and why impact stands (issue 14)
        summary: str
        evidence_ref: str | None  # a later audit or review, which starts the cycle again
        open_actions: list  # its actions still open then
        why_open: str  # the committee's reason for judging impact evidenced all the same

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["open_actions"], state["why_open"] = [], ""

        def apply(self, source: "LearningSource") -> None:
            source.impact_on, source.impact_summary = self.on, self.summary
            source.impact_evidence_ref = self.evidence_ref

    def __init__(self) -> None:
        self.case_ref: str | None = None
        self.process_ref: str | None = None
        self.findings: list[Finding] = []
        self.disseminations: list[Dissemination] = []
        self.approved_on: date | None = None
        self.approved_by: str | None = None
        self.returned_on: date | None = None
        self.impact_on: date | None = None
        self.impact_summary: str | None = None
        self.impact_evidence_ref: str | None = None

    # ---- commands ----------------------------------------------------------------------------
    @staticmethod
    def id_for(ref: str):
        return record_id("source", ref)

    @classmethod
    def record(cls, ref: str, source_type: SourceType, title: str, source_date: date,
               lead: str, review_ref: str | None, actor: Actor, on: date,
               case_ref: str | None = None,
               process_ref: str | None = None) -> "LearningSource":
        """`process_ref`: the audit or Section 11 round whose learning it takes (issue 14)."""
        authorise(actor, "record a learning source")
        ref = ref.strip()
        if not ref or len(ref) > 40:
            raise InvalidInput("a source reference must be 1 to 40 characters, e.g. AUD-2017-02")
        if review_ref and source_type not in REVIEW_SOURCES:
            raise InvalidInput("only an SCR, PLR or LCSPR source links to a review")
        if bool(case_ref) != (source_type is SourceType.RAPID_REVIEW):
            raise InvalidInput("a Rapid Review source names its case (--case), and only it does")
        if process_ref and source_type not in PROCESS_SOURCES:
            raise InvalidInput("only a practice audit or a Section 11 source takes its learning "
                               "from an audit or a round")
        return cls._open(cls.Recorded, cls.id_for(ref), actor, on, ref=ref,
                         source_type=source_type.value,
                         title=need(title, "a learning source needs a title"),
                         source_date=source_date, lead=need(lead, "name the source's lead"),
                         review_ref=review_ref or None, case_ref=case_ref or None,
                         process_ref=process_ref or None)

    def record_finding(self, kind: str, text: str, themes: list[str], actor: Actor,
                       on: date, taken_from: str = "") -> int:
        """A finding keyed here, or `taken_from` the record it was keyed on (a Rapid Review's
        learning), so that nobody keys it twice."""
        authorise(actor, "record a finding")
        if kind not in ("finding", "recommendation"):
            raise InvalidInput(f"record a 'finding' or a 'recommendation', not {kind!r}")
        tags = theme_tags(themes)
        if not tags:
            raise InvalidInput("tag the finding with at least one theme, e.g. neglect")
        not_before(on, self.recorded_on, "the finding", "the source")
        number = len(self.findings) + 1
        self._step(self.FindingRecorded, actor, on, number=number, kind=kind,
                   text=need(text, "say what was found"), themes=tags, taken_from=taken_from)
        return number

    def approve_report(self, approved_by: str, rationale: str, actor: Actor, on: date) -> None:
        authorise(actor, "approve or return a report and action plan")
        if self.review_ref:
            raise OutOfOrder(f"the report and action plan of {self.ref} are approved with review "
                             f"{self.review_ref} ('lif review approve'), not keyed again: LIF "
                             "records the approval here once the review's report is approved "
                             "and the source has a finding")
        if self.process_ref and self.source_type is SourceType.PRACTICE_AUDIT:
            raise OutOfOrder(f"the report of {self.ref} is audit {self.process_ref}'s, approved "
                             "with the audit ('lif audit approve') and recorded here from it")
        self._require_findings("approval")
        if self.approved_on is not None:
            raise OutOfOrder(f"the report of {self.ref} was already approved on {self.approved_on}")
        self._step(self.ReportApproved, actor, on,
                   approved_by=need(approved_by, "name the board or committee approving"),
                   rationale=need(rationale, "approval needs a rationale"), taken_from="")

    def take_review_approval(self, approved_on: date, rationale: str, actor: Actor,
                             on: date) -> bool:
        """Approve a review's source with its review's report, approved on `approved_on`, once
        the source has a finding (issue 13, item 6): the decision keyed once, on the review,
        recorded here by the command that completes the pair. False if not yet, or done."""
        if not self.review_ref:
            return False
        return self.take_approval(f"review {self.review_ref}", approved_on, rationale, actor,
                                  on)

    def take_approval(self, record: str, approved_on: date, rationale: str, actor: Actor,
                      on: date) -> bool:
        """Approve with the approval of `record` ("review SCR-2017-01", "audit AUD-2018-01")
        given on `approved_on`, once the source has a finding: keyed once, where it was made.
        False if not yet, or done."""
        if self.approved_on is not None or not self.findings:
            return False
        self._step(self.ReportApproved, actor, on, approved_by=record, rationale=rationale,
                   taken_from=f"the approval of {record}'s report on {approved_on}")
        return True

    def return_report(self, returned_by: str, reasons: str, actor: Actor, on: date) -> None:
        authorise(actor, "approve or return a report and action plan")
        self._require_findings("returning the report")
        if self.approved_on is not None:
            raise OutOfOrder(f"the report of {self.ref} was already approved on {self.approved_on}")
        self._step(self.ReportReturned, actor, on,
                     returned_by=need(returned_by, "name the board or committee"),
                     reasons=need(reasons, "a returned report needs the reasons"))

    def disseminate(self, channel: Channel, audience: str, attendance: int,
                    findings: list[int], actor: Actor, on: date,
                    event_ref: str | None = None) -> int:
        """Learning passed on; `event_ref`: at that training event (issue 14)."""
        authorise(actor, "record dissemination")
        self._require_findings("dissemination")
        unknown = [n for n in findings if not 1 <= n <= len(self.findings)]
        if unknown or not findings:
            raise InvalidInput(f"name the findings passed on, by number (1 to "
                               f"{len(self.findings)}); unknown: {unknown or 'none given'}")
        if attendance < 0:
            raise InvalidInput("attendance cannot be negative")
        number = len(self.disseminations) + 1
        self._step(self.LearningDisseminated, actor, on, number=number,
                     channel=channel.value, audience=need(audience, "say who the audience was"),
                     attendance=attendance, findings=sorted(set(findings)),
                     event_ref=event_ref)
        return number

    def evidence_impact(self, summary: str, evidence_ref: str | None, actor: Actor,
                        on: date, open_actions: list[str] = (), why_open: str = "") -> None:
        """The cycle's last step, once its actions are done (rule L1): with `open_actions`
        (its actions still open on `on`), only when the committee records why."""
        authorise(actor, "record impact evidenced")
        if self.approved_on is None:
            raise OutOfOrder(f"the report and action plan of {self.ref} must be approved before "
                             "impact is evidenced")
        if open_actions and not why_open.strip():
            raise OutOfOrder(f"{self.ref} still has open actions ({', '.join(open_actions)}): "
                             "impact is evidenced once they are done, or give the committee's "
                             "reason for judging it evidenced now (--why-open; rule L1)")
        self._step(self.ImpactEvidenced, actor, on,
                   summary=need(summary, "summarise the evidence of impact"),
                   evidence_ref=evidence_ref or None, open_actions=list(open_actions),
                   why_open=why_open.strip() if open_actions else "")

    def finding(self, number: int) -> Finding:
        if not 1 <= number <= len(self.findings):
            raise InvalidInput(f"{self.ref} has no finding number {number} "
                               f"(it has {len(self.findings)})")
        return self.findings[number - 1]

    def _step(self, event_class, actor: Actor, on: date, **fields) -> None:
        not_before(on, self.recorded_on, "this step", f"the recording of {self.ref}")
        self._record(event_class, actor, on, **fields)

    def _require_findings(self, what: str) -> None:
        if not self.findings:
            raise OutOfOrder(f"{self.ref} needs at least one finding before {what}")
