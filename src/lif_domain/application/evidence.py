"""Use case: an inspection evidence pack for a case or review, gathered as plain data: the
records behind it, one timeline, the decisions with their rationale, the clocks, the actions
with their monitoring, and the learning passed on. Rendering and files are the adapters' job."""

from lif_domain.application.history import History
from lif_domain.errors import InvalidInput

RATIONALE_FIELDS = ("rationale", "reasons", "departure_reason", "reason", "note", "answer")


class Evidence(History):
    def evidence_pack(self, ref: str, kind: str | None = None) -> dict:
        from lif_domain.action import Action
        from lif_domain.clocks import case_clocks, review_clocks
        from lif_domain.monitoring import MonitoringRound
        from lif_domain.narrative import describe
        from lif_domain.review import Review
        from lif_domain.source import LearningSource

        kind, record, _ = self.find(ref, kind)
        if kind not in ("case", "review"):
            raise InvalidInput(f"an evidence pack is made for a case or a review; {ref} is a "
                               f"{kind}: give the case or review it comes from")
        cases = [record] if kind == "case" else [self.case(record.case_ref)]
        every = self.replay_all(Review, LearningSource, Action, MonitoringRound)
        reviews = [r for r in every[Review] if r.case_ref == cases[0].ref]
        sources = [s for s in every[LearningSource] if s.review_ref in {r.ref for r in reviews}]
        source_refs = {s.ref for s in sources}
        actions = [a for a in every[Action] if a.source_ref in source_refs]
        action_refs = {a.ref for a in actions}
        rounds = [r for r in every[MonitoringRound] if action_refs & r.reviewed.keys()]
        today = self.today()
        records = ([("case", c) for c in cases] + [("review", r) for r in reviews]
                   + [("source", s) for s in sources] + [("action", a) for a in actions]
                   + [("round", r) for r in rounds])
        timeline = []
        for record_kind, rec in records:
            for e in self.decoded_events(rec.id):
                fields = {k: getattr(e, k) for k in RATIONALE_FIELDS if getattr(e, k, None)}
                timeline.append({"on": e.on, "recorded_at": e.timestamp, "record": rec.ref,
                                 "kind": record_kind, "event": type(e).__qualname__,
                                 "member": e.member, "role": e.role, "text": describe(e),
                                 "why": fields})
        timeline.sort(key=lambda t: (t["on"], t["recorded_at"]))
        clocks = [c for case in cases for c in case_clocks(case, self.calendar, today)]
        clocks += [c for r in reviews for c in review_clocks(r, today)]
        return {
            "subject": {"kind": kind, "ref": record.ref},
            "as_of": today,
            "case": cases[0].ref,
            "reviews": [r.ref for r in reviews],
            "criteria": {"met": cases[0].assessment.met, "rule": cases[0].assessment.rule,
                         "explanation": cases[0].assessment.explanation},
            "decision": cases[0].decision.words if cases[0].decision else None,
            "timeline": timeline,
            "decisions": [t for t in timeline if t["why"]],
            "clocks": [c.row(today) for c in clocks],
            "actions": [{"ref": a.ref, "source": a.source_ref, "what": a.what, "owner": a.owner,
                         "due_on": a.due_on, "status": a.status.words,
                         "overdue": a.is_overdue(today),
                         "monitoring": [{"round": r.ref, "on": r.held_on,
                                         "outcome": r.reviewed[a.ref].outcome.words,
                                         "note": r.reviewed[a.ref].note}
                                        for r in rounds if a.ref in r.reviewed]}
                        for a in actions],
            "dissemination": [{"source": s.ref, "on": d.held_on, "channel": d.channel.words,
                               "audience": d.audience, "attendance": d.attendance,
                               "findings": list(d.findings)}
                              for s in sources for d in s.disseminations],
            "findings": [{"source": s.ref, "number": f.number, "kind": f.kind, "text": f.text,
                          "themes": list(f.themes)} for s in sources for f in s.findings],
        }


    def annual_report(self, year: str, records: list | None = None):
        """The evidence half of the annual report for financial year `year` ('2017/18'), from
        every record, or only from `records` (ids) when a read model says which matter."""
        from lif_domain.action import Action
        from lif_domain.annual import annual_report, financial_year
        from lif_domain.application.history import replay
        from lif_domain.case import Case
        from lif_domain.review import Review
        from lif_domain.source import LearningSource

        financial_year(year)  # refuse a malformed year before reading anything
        classes = (Case, Review, LearningSource, Action)
        if records is None:
            found = self.replay_all(*classes)
        else:
            found = {cls: [] for cls in classes}
            for record in (replay(self.decoded_events(id)) for id in records):
                found[type(record)].append(record)
        return annual_report(year, found[Case], found[Review], found[LearningSource],
                             found[Action], self.calendar)
