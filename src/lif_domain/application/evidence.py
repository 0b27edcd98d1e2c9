"""Use case: an inspection evidence pack for a case or review, gathered as plain data: the
records behind it, one timeline, the decisions with their rationale, the clocks, the actions
with their monitoring, and the learning passed on. Rendering and files are the adapters' job."""

from datetime import date

from lif_domain.application.history import History
from lif_domain.application.queries import Queries
from lif_domain.errors import InvalidInput

RATIONALE_FIELDS = ("rationale", "reasons", "departure_reason", "reason", "note", "answer")


class Evidence(History, Queries):
    def evidence_pack(self, ref: str, kind: str | None = None,
                      as_of: date | None = None) -> dict:
        """The inspection pack of case or review `ref`, as it stood at the end of `as_of`
        (default today) by business dates: what had happened by then, the clocks as they
        stood then (as lif due --as-of gives them)."""
        from lif_domain.clocks import clocks_of
        from lif_domain.narrative import describe, headline

        kind, record, _ = self.find(ref, kind)
        if kind not in ("case", "review"):
            raise InvalidInput(f"an evidence pack is made for a case or a review; {ref} is a "
                               f"{kind}: give the case or review it comes from")
        cases = [record] if kind == "case" else [self.case(record.case_ref)]
        find = self.directory
        reviews = self.records(find.ids("review", link=cases[0].ref))
        sources = self.records([id for r in reviews for id in find.ids("source", link=r.ref)])
        actions = self.records([id for s in sources for id in find.ids("action", link=s.ref)])
        rounds = self.rounds_reviewing(actions)
        today = as_of or self.today()
        if cases[0].notified_on > today:
            raise InvalidInput(f"{cases[0].ref} was not yet notified on {today} (notified "
                               f"{cases[0].notified_on})")
        records = ([("case", c) for c in cases] + [("review", r) for r in reviews]
                   + [("source", s) for s in sources] + [("action", a) for a in actions]
                   + [("round", r) for r in rounds])
        timeline, begun = [], set()
        for record_kind, rec in records:
            events = self.decoded_events(rec.id)
            if events[0].on > today:
                continue  # not yet in being then
            begun.add(rec.id)
            for e in (e for e in events if e.on <= today):
                fields = {k: getattr(e, k) for k in RATIONALE_FIELDS if getattr(e, k, None)}
                timeline.append({"on": e.on, "recorded_at": e.timestamp, "record": rec.ref,
                                 "kind": record_kind, "event": type(e).__qualname__,
                                 "what": headline(e),
                                 "member": e.member, "role": e.role, "text": describe(e),
                                 "why": fields})
        timeline.sort(key=lambda t: (t["on"], t["recorded_at"]))
        reviews, sources, actions, rounds = ([r for r in found if r.id in begun]
                                             for found in (reviews, sources, actions, rounds))
        clocks = [c for rec in cases + reviews for c in clocks_of(rec, self.calendar, today)]
        case = cases[0]
        if case.policy.rapid_review:  # the partners decide (rule RR2), not a chair
            made = case.partners_decision
            decision = made[0].words if made and made[1] <= today else None
        else:
            decision = case.decision.words if case.decided_on and case.decided_on <= today \
                else None
        return {
            "subject": {"kind": kind, "ref": record.ref},
            "as_of": today,
            "case": cases[0].ref,
            "reviews": [r.ref for r in reviews],
            "regime": case.policy.title,
            "criteria": {"heading": case.policy.criteria_heading, "met": case.assessment.met,
                         "rule": case.assessment.rule,
                         "explanation": case.assessment.explanation},
            "decided_by": "the partners" if case.policy.rapid_review else "the chair",
            "decision": decision,
            "timeline": timeline,
            "decisions": [t for t in timeline if t["why"]],
            "clocks": [c.row(today) for c in clocks],
            "missed": sum(c.missed_on(today) for c in clocks),
            "actions": [{"ref": a.ref, "source": a.source_ref, "what": a.what, "owner": a.owner,
                         "due_on": a.value_on("due_on", today),
                         "status": a.value_on("status", today).words,
                         "overdue": a.is_overdue(today),
                         "monitoring": [{"round": r.ref, "on": r.held_on,
                                         "outcome": r.reviewed[a.ref].outcome.words,
                                         "note": r.reviewed[a.ref].note}
                                        for r in rounds if a.ref in r.reviewed]}
                        for a in actions],
            "dissemination": [{"source": s.ref, "on": d.held_on, "channel": d.channel.words,
                               "audience": d.audience, "attendance": d.attendance,
                               "findings": list(d.findings)}
                              for s in sources for d in s.disseminations
                              if d.held_on <= today],
            "findings": [{"source": s.ref, "number": f.number, "kind": f.kind, "text": f.text,
                          "themes": list(f.themes)} for s in sources for f in s.findings
                         if f.recorded_on <= today],
        }


    def annual_report(self, year: str, *, whole_log: bool = False):
        """The evidence half of the annual report for financial year `year` ('2017/18'), from
        the records the directory says the year needs (or, with `whole_log`, from every
        record: the reference the directory is tested against)."""
        from lif_domain.annual import annual_report, financial_year

        start, end = financial_year(year)  # refuse a malformed year before reading anything
        return annual_report(year, self._active(start, end, whole_log), self.calendar,
                             self.board())

    def yearly_report(self, first_day: date, *, whole_log: bool = False):
        """The safeguarding partners' yearly report on the 12 months from `first_day` (rule
        Y2), from the records the directory says the period needs."""
        from lif_domain.annual import twelve_months, yearly_report

        start, end = twelve_months(first_day)
        return yearly_report(start, self._active(start, end, whole_log), self.calendar,
                             self.board())

    def _active(self, start: date, end: date, whole_log: bool):
        """The records a report on `start`..`end` reads (annual.Records)."""
        from lif_domain.action import Action
        from lif_domain.annual import Records
        from lif_domain.audit import Audit
        from lif_domain.case import Case
        from lif_domain.child_death import ChildDeath
        from lif_domain.review import Review
        from lif_domain.section11 import Section11Round
        from lif_domain.source import LearningSource
        from lif_domain.training import TrainingEvent

        kinds = {"cases": (Case, "case"), "reviews": (Review, "review"),
                 "sources": (LearningSource, "source"), "actions": (Action, "action"),
                 "training": (TrainingEvent, "training"), "deaths": (ChildDeath, "death"),
                 "rounds": (Section11Round, "s11"), "audits": (Audit, "audit")}
        if whole_log:
            found = self.replay_all(*(cls for cls, _ in kinds.values()))
            return Records(**{name: found[cls] for name, (cls, _) in kinds.items()})
        period = (start.isoformat(), end.isoformat())
        return Records(**{name: self.records(self.directory.ids(kind, active=period))
                          for name, (_, kind) in kinds.items()})
