"""A single- or multi-agency audit of practice (issue 14, item 3; REFERENCE §6; rules AU1 to
AU4 in docs/rules.md): planned with a theme, a question, a sample, the agencies and the tool;
each agency's return chased and received by the date set; moderated or challenged; findings
attributed to agencies, strengths as well as weaknesses; approved by the PLQA committee. A
re-audit names the findings of one earlier audit it re-tests, and records what changed."""

from dataclasses import dataclass
from datetime import date

from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import DelayExplained, LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before, one_of, reference, unique
from lif_domain.source import theme_tags

ALL_AGENCIES = "all agencies"  # a finding about the agencies together
NATURES = ("strength", "weakness")


@dataclass(frozen=True)
class AuditFinding:
    number: int
    agency: str
    nature: str  # strength or weakness
    text: str
    themes: tuple[str, ...]
    recorded_on: date

    @property
    def said(self) -> str:
        return f"{self.agency} ({self.nature}): {self.text}"


class Audit(LifAggregate):
    KIND = "audit"  # in the record directory and lif history --kind
    RETURNS_RULE = "rule AU2"  # each agency's return is due by the date set

    class Event(LifAggregate.Event):
        """Base of every audit's events: member, role and business date `on`."""

    class Planned(Event, Opened):
        ref: str
        theme: str
        question: str
        sample_size: int
        agencies: list
        tool: str
        returns_due: date
        reaudit_of: str | None  # the audit whose findings it re-tests
        retests: list  # their numbers there

        def apply(self, audit: "Audit") -> None:
            audit.ref, audit.theme, audit.question = self.ref, self.theme, self.question
            audit.sample_size, audit.agencies = self.sample_size, tuple(self.agencies)
            audit.tool, audit.returns_due = self.tool, self.returns_due
            audit.reaudit_of, audit.retests = self.reaudit_of, tuple(self.retests)
            audit.opened_on = self.on
            audit.dates = {1: ("planned", self.on)}

    class ReturnChased(Event):
        agency: str

        def apply(self, audit: "Audit") -> None:
            audit.chased = (*audit.chased, (self.agency, self.on))
            audit.dates[self.originator_version] = ("chased", self.on)

    class ReturnReceived(Event):
        agency: str
        cases: int  # cases of the sample it audited

        def apply(self, audit: "Audit") -> None:
            audit.returns[self.agency] = (self.on, self.cases)
            audit.dates[self.originator_version] = ("returned", self.on)

    class Moderated(Event):
        how: str  # moderation or challenge
        summary: str

        def apply(self, audit: "Audit") -> None:
            audit.moderation = (self.on, self.how, self.summary)
            audit.dates[self.originator_version] = ("moderated", self.on)

    class FindingRecorded(Event):
        number: int
        agency: str
        nature: str
        text: str
        themes: list

        def apply(self, audit: "Audit") -> None:
            audit.findings = (*audit.findings, AuditFinding(
                self.number, self.agency, self.nature, self.text, tuple(self.themes), self.on))
            audit.dates[self.originator_version] = ("finding", self.on)

    class Approved(Event):
        approved_by: str
        rationale: str

        def apply(self, audit: "Audit") -> None:
            audit.approval = (self.on, self.approved_by, self.rationale)
            audit.dates[self.originator_version] = ("approved", self.on)

    class ChangeRecorded(Event):
        finding: int  # the number, in the audit re-audited, of the finding re-tested
        what_changed: str

        def apply(self, audit: "Audit") -> None:
            audit.changes[self.finding] = (self.on, self.what_changed)
            audit.dates[self.originator_version] = ("change", self.on)

    class DelayExplained(Event, DelayExplained):
        pass

    def __init__(self) -> None:
        self.chased: tuple[tuple[str, date], ...] = ()
        self.returns: dict[str, tuple[date, int]] = {}
        self.moderation: tuple[date, str, str] | None = None
        self.findings: tuple[AuditFinding, ...] = ()
        self.approval: tuple[date, str, str] | None = None
        self.changes: dict[int, tuple[date, str]] = {}

    @staticmethod
    def id_for(ref: str):
        return record_id(Audit.KIND, ref)

    @classmethod
    def plan(cls, ref: str, theme: str, question: str, sample_size: int, agencies: list[str],
             tool: str, returns_due: date, actor: Actor, on: date,
             reaudit_of: "Audit | None" = None, retests: list[int] = ()) -> "Audit":
        """The audit's plan (rule AU1); a re-audit names the earlier audit and the numbers of
        its findings it re-tests, each of which must be one of them (rule AU4)."""
        authorise(actor, "plan an audit")
        ref = reference(ref, "an audit's reference", "AUD-2018-01")
        names = unique(agencies)
        if not names:
            raise InvalidInput("name the agencies whose practice the audit looks at")
        if sample_size < 1:
            raise InvalidInput("the sample is at least one case")
        not_before(returns_due, on, "the returns' deadline", "the plan")
        retested = sorted(set(retests))
        if reaudit_of is not None:
            if not retested:
                raise InvalidInput(f"a re-audit names the findings of {reaudit_of.ref} it "
                                   "re-tests")
            known = {f.number for f in reaudit_of.findings}
            unknown = [n for n in retested if n not in known]
            if unknown:
                listed = ", ".join(map(str, sorted(known))) or "none"
                raise InvalidInput(f"{reaudit_of.ref} has no finding "
                                   f"{', '.join(map(str, unknown))} (its findings: {listed})")
        elif retested:
            raise InvalidInput("name the audit whose findings it re-tests (--reaudit-of)")
        return cls._open(cls.Planned, cls.id_for(ref), actor, on, ref=ref,
                         theme=need(theme, "give the audit's theme"),
                         question=need(question, "give the question the audit answers"),
                         sample_size=sample_size, agencies=names,
                         tool=need(tool, "name the audit tool"), returns_due=returns_due,
                         reaudit_of=reaudit_of.ref if reaudit_of else None, retests=retested)

    def agency(self, name: str) -> str:
        found = one_of(name, self.agencies)
        if found is None:
            raise InvalidInput(f"{name.strip()!r} is not in {self.ref}'s plan (its agencies: "
                               f"{', '.join(self.agencies)})")
        return found

    def chase(self, agency: str, actor: Actor, on: date) -> None:
        """A return chased: only one not yet received (rule AU2)."""
        authorise(actor, "record an audit's returns")
        agency = self.agency(agency)
        if agency in self.returns:
            raise OutOfOrder(f"{agency}'s return to {self.ref} was received on "
                             f"{self.returns[agency][0]}")
        not_before(on, self.opened_on, "the chase", "the plan")
        self._record(self.ReturnChased, actor, on, agency=agency)

    def receive(self, agency: str, cases: int, actor: Actor, on: date) -> None:
        """An agency's return, once (rule AU2); late if after the date set."""
        authorise(actor, "record an audit's returns")
        agency = self.agency(agency)
        if agency in self.returns:
            raise OutOfOrder(f"{agency}'s return to {self.ref} was already received on "
                             f"{self.returns[agency][0]}")
        if not 0 < cases <= self.sample_size:
            raise InvalidInput(f"a return covers 1 to {self.sample_size} cases (the sample)")
        not_before(on, self.opened_on, "the return", "the plan")
        self._record(self.ReturnReceived, actor, on, agency=agency, cases=cases)

    def moderate(self, how: str, summary: str, actor: Actor, on: date) -> None:
        """Moderation or challenge of the returns, once, when at least one is in (rule
        AU3)."""
        authorise(actor, "moderate an audit")
        if how not in ("moderation", "challenge"):
            raise InvalidInput(f"an audit is tested by 'moderation' or 'challenge', not {how!r}")
        if self.moderation is not None:
            raise OutOfOrder(f"{self.ref}'s {self.moderation[1]} was already recorded "
                             f"({self.moderation[0]})")
        if not self.returns:
            raise OutOfOrder(f"{self.ref} has no return yet to moderate")
        not_before(on, max(d for d, _ in self.returns.values()), f"the {how}", "the returns")
        self._record(self.Moderated, actor, on, how=how,
                     summary=need(summary, f"summarise the {how}"))

    def record_finding(self, agency: str, nature: str, text: str, themes: list[str],
                       actor: Actor, on: date) -> int:
        """A finding after moderation, attributed to an agency of the plan (or to all of
        them), a strength or a weakness (rule AU3)."""
        authorise(actor, "record an audit's findings")
        if self.approval is not None:
            raise OutOfOrder(f"{self.ref} was approved on {self.approval[0]}: its findings are "
                             "settled")
        if self.moderation is None:
            raise OutOfOrder(f"{self.ref}'s findings follow its moderation or challenge (rule "
                             "AU3): record that first")
        agency = ALL_AGENCIES if agency.strip().casefold() == ALL_AGENCIES else \
            self.agency(agency)
        if nature not in NATURES:
            raise InvalidInput(f"a finding is a 'strength' or a 'weakness', not {nature!r}")
        not_before(on, self.moderation[0], "the finding", f"the {self.moderation[1]}")
        number = len(self.findings) + 1
        self._record(self.FindingRecorded, actor, on, number=number, agency=agency,
                     nature=nature, text=need(text, "say what was found"),
                     themes=theme_tags([self.theme, *themes]))
        return number

    def approve(self, approved_by: str, rationale: str, actor: Actor, on: date) -> None:
        """The findings report approved by the PLQA committee, once it has findings (rule
        AU3)."""
        authorise(actor, "approve or return a report and action plan")
        if self.approval is not None:
            raise OutOfOrder(f"{self.ref} was already approved on {self.approval[0]}")
        if not self.findings:
            raise OutOfOrder(f"{self.ref} has no findings to approve")
        not_before(on, max(f.recorded_on for f in self.findings), "the approval",
                   "the findings")
        self._record(self.Approved, actor, on,
                     approved_by=need(approved_by, "name the committee that approved it"),
                     rationale=need(rationale, "the approval needs a rationale"))

    def record_change(self, finding: int, what_changed: str, actor: Actor, on: date) -> None:
        """What changed on a finding this re-audit re-tests, once each, after its own
        findings are approved (rule AU4)."""
        authorise(actor, "record an audit's findings")
        if self.reaudit_of is None:
            raise OutOfOrder(f"{self.ref} is not a re-audit: it re-tests no finding")
        if finding not in self.retests:
            raise InvalidInput(f"{self.ref} re-tests {self.reaudit_of}'s findings "
                               f"{', '.join(map(str, self.retests))}, not {finding}")
        if finding in self.changes:
            raise OutOfOrder(f"what changed on {self.reaudit_of} finding {finding} was already "
                             f"recorded ({self.changes[finding][0]})")
        if self.approval is None:
            raise OutOfOrder(f"{self.ref}'s report is approved before it says what changed")
        not_before(on, self.approval[0], "what changed", "the approval")
        self._record(self.ChangeRecorded, actor, on, finding=finding,
                     what_changed=need(what_changed, "say what changed"))

    def returned_on(self, agency: str) -> date | None:
        got = self.returns.get(agency)
        return got[0] if got else None
