"""Use cases: sources of learning, findings, approval, dissemination and the cycle."""

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.application.audits import Audits
from lif_domain.application.membership import Membership
from lif_domain.application.reviews import Reviews
from lif_domain.application.section11 import Section11
from lif_domain.errors import InvalidInput, OutOfOrder

if TYPE_CHECKING:
    from lif_domain.source import Channel, LearningSource, SourceType
    from lif_domain.training import TrainingEvent, TrainingProgramme

# Domain modules are imported inside the methods: commands on cases and members should not pay
# for building these event classes at start-up (ADR 0005).


class Learning(Membership, Reviews, Audits, Section11):
    def record_source(self, ref: str, source_type: "SourceType", title: str, source_date: date,
                      lead: str, review_ref: str | None = None, *, by: str,
                      on: date | None = None, case_ref: str | None = None,
                      themes: list[str] = (), process_ref: str | None = None
                      ) -> "LearningSource":
        """Record a source of learning. A Rapid Review's (`case_ref`) takes its findings from
        what the case recorded (the meeting's learning, the partners' learning taken forward),
        tagged with `themes`, so that nobody keys them twice; so does an audit's or a Section
        11 round's (`process_ref`; issue 14)."""
        from lif_domain.source import LearningSource

        actor, on = self.act(by, "record a learning source", on)
        self.refuse_duplicate(LearningSource, ref, "learning source")
        if review_ref:
            review = self.review(review_ref)
            if review.kind != source_type.value:
                raise InvalidInput(f"{review_ref} is a {review.kind.upper()}, not a "
                                   f"{source_type.words} source")
        source = LearningSource.record(ref, source_type, title, self.business_date(source_date),
                                       lead, review_ref, actor, on, case_ref, process_ref)
        if process_ref:
            self._take_process_learning(source, actor, on)
        if case_ref:
            from lif_domain.case import Case

            learned = self.load(Case, case_ref, "case").rapid_review_learning()
            if not learned:
                raise OutOfOrder(f"{case_ref}'s Rapid Review has recorded no learning yet (at "
                                 "its meeting or in the partners' decisions): nothing to take")
            for text, keyed_on in learned:
                source.record_finding("finding", text, list(themes), actor, on, keyed_on)
        self.save_all(source)
        return source

    def _take_process_learning(self, source: "LearningSource", actor, on: date) -> None:
        """An audit's approved findings, strengths and weaknesses, with its approval (rule
        AU3); a Section 11 round's amber and red standards as agreed at the challenge sessions
        held (rule SA3): each taken once, saying where it was keyed."""
        from lif_domain.section11 import STANDARDS
        from lif_domain.source import SourceType

        if source.source_type is SourceType.PRACTICE_AUDIT:
            audit = self.audit(source.process_ref)
            if audit.approval is None:
                raise OutOfOrder(f"audit {audit.ref}'s findings are not approved yet (lif "
                                 "audit approve): nothing to take")
            for f in audit.findings:
                source.record_finding("finding", f.said, list(f.themes), actor, on,
                                      f"audit {audit.ref} finding {f.number}")
            approved_on, approved_by, rationale = audit.approval
            source.take_approval(f"audit {audit.ref}", approved_on,
                                 f"{approved_by}: {rationale}", actor, on)
            return
        round_ = self.s11_round(source.process_ref)
        items = [(a, s, r) for a, s, r in round_.open_items() if a in round_.challenges]
        if not items:
            raise OutOfOrder(f"{round_.ref} has no amber or red standard agreed at a challenge "
                             "session yet: nothing to take")
        for agency, key, rating in items:
            source.record_finding("finding", f"{agency}: {STANDARDS[key]}: {rating.value} "
                                  f"({rating.meaning})", ["section-11", key], actor, on,
                                  f"Section 11 round {round_.ref}: {agency}, {key}")

    def record_finding(self, ref: str, kind: str, text: str, themes: list[str], *, by: str,
                       on: date | None = None) -> int:
        actor, on = self.act(by, "record a finding", on)
        source = self.source(ref)
        number = source.record_finding(kind, text, themes, actor, on)
        if source.review_ref and source.approved_on is None:  # approved with its review?
            review = self.review(source.review_ref)
            approved = review.done.get("report_approved")
            if approved is not None and approved <= on:
                source.take_review_approval(approved, review.approval_rationale, actor, on)
        self.save_all(source)
        return number

    def approve_source_report(self, ref: str, approved_by: str, rationale: str, *, by: str,
                              on: date | None = None) -> None:
        actor, on = self.act(by, "approve or return a report and action plan", on)
        source = self.source(ref)
        source.approve_report(approved_by, rationale, actor, on)
        self.save_all(source)

    def return_source_report(self, ref: str, returned_by: str, reasons: str, *, by: str,
                             on: date | None = None) -> None:
        actor, on = self.act(by, "approve or return a report and action plan", on)
        source = self.source(ref)
        source.return_report(returned_by, reasons, actor, on)
        self.save_all(source)

    def disseminate(self, ref: str, channel: "Channel", audience: str, attendance: int,
                    findings: list[int], *, by: str, on: date | None = None,
                    event_ref: str | None = None) -> int:
        """Learning from source `ref` passed on; at training event `event_ref`, which must
        carry each finding named, and whose attendance the reports then count once."""
        actor, on = self.act(by, "record dissemination", on)
        source = self.source(ref)
        if event_ref:
            event = self.training_event(event_ref)
            carried = {(c.source_ref, c.finding) for c in event.carries}
            missing = [n for n in findings if (source.ref, n) not in carried]
            if missing:
                raise InvalidInput(f"{event.ref} does not pass on {source.ref} finding "
                                   f"{', '.join(map(str, missing))}: record it with the event")
            event_ref = event.ref
        number = source.disseminate(channel, audience, attendance, findings, actor, on,
                                    event_ref)
        self.save_all(source)
        return number

    # ---- training programmes and events (issue 14, item 4; rule L2) --------------------------
    def record_programme(self, ref: str, title: str, standards: list[str], *, by: str,
                         on: date | None = None) -> "TrainingProgramme":
        from lif_domain.training import TrainingProgramme

        actor, on = self.act(by, "record dissemination", on)
        self.refuse_duplicate(TrainingProgramme, ref, "training programme")
        programme = TrainingProgramme.record(ref, title, standards, actor, on)
        self.save_all(programme)
        return programme

    def record_training_event(self, ref: str, programme: str, title: str, held_on: date,
                              provider: str, carries: list[tuple[str, int]], *, by: str,
                              on: date | None = None) -> "TrainingEvent":
        """A training event of a recorded programme, passing on findings of recorded sources
        (each must exist)."""
        from lif_domain.training import TrainingEvent

        actor, on = self.act(by, "record dissemination", on)
        self.refuse_duplicate(TrainingEvent, ref, "training event")
        programme = self.programme(programme).ref
        for source_ref, number in carries:
            self.source(source_ref).finding(number)
        event = TrainingEvent.record(ref, programme, title, self.business_date(held_on),
                                     provider, [(self.source(s).ref, n) for s, n in carries],
                                     actor, on)
        self.save_all(event)
        return event

    def record_attendance(self, ref: str, by_organisation: dict[str, int],
                          by_role: dict[str, int], *, by: str,
                          on: date | None = None) -> "TrainingEvent":
        actor, on = self.act(by, "record dissemination", on)
        event = self.training_event(ref)
        event.record_attendance(by_organisation, by_role, actor, on)
        self.save_all(event)
        return event

    def evaluate_training(self, ref: str, follow_up: bool, summary: str, *, by: str,
                          on: date | None = None) -> "TrainingEvent":
        actor, on = self.act(by, "record dissemination", on)
        event = self.training_event(ref)
        event.evaluate(follow_up, summary, actor, on)
        self.save_all(event)
        return event

    def check_training_provider(self, ref: str, judged: dict[str, bool], notes: str, *,
                                by: str, on: date | None = None) -> "TrainingEvent":
        """The provider of event `ref` judged against each standard of its programme."""
        actor, on = self.act(by, "assess an action's impact", on)
        event = self.training_event(ref)
        standards = self.programme(event.programme).standards
        event.check_provider(judged, standards, notes, actor, on)
        self.save_all(event)
        return event

    def programme(self, ref: str) -> "TrainingProgramme":
        from lif_domain.training import TrainingProgramme

        return self.load(TrainingProgramme, ref, "training programme")

    def programmes(self) -> list["TrainingProgramme"]:
        return self.records(self.directory.ids("programme"))

    def training_event(self, ref: str) -> "TrainingEvent":
        from lif_domain.training import TrainingEvent

        return self.load(TrainingEvent, ref, "training event")

    def training_events(self) -> list["TrainingEvent"]:
        return self.records(self.directory.ids("training"))

    def evidence_impact(self, ref: str, summary: str, evidence_ref: str | None = None, *,
                        by: str, on: date | None = None, why_open: str = "") -> None:
        """Impact evidenced for source `ref`, with its actions still open on `on` named (and
        then only with the committee's reason, `why_open`; rule L1)."""
        from lif_domain.action_steps import Status

        actor, on = self.act(by, "record impact evidenced", on)
        source = self.source(ref)
        from lif_domain.audit import Audit

        if evidence_ref and not self.exists(Audit.id_for(evidence_ref)):
            self.source(evidence_ref)  # the later audit (a re-audit) or review must be recorded
        actions = self.records(self.directory.ids("action", link=source.ref))
        still_open = [a.ref for a in actions
                      if a.value_on("status", on) in (Status.PROPOSED, Status.OPEN)]
        source.evidence_impact(summary, evidence_ref, actor, on, still_open, why_open)
        self.save_all(source)

    def source(self, ref: str) -> "LearningSource":
        from lif_domain.source import LearningSource

        return self.load(LearningSource, ref, "learning source")

    def sources(self) -> list["LearningSource"]:
        return self.records(self.directory.ids("source"))
