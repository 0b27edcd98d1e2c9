"""Use cases: the implementation programme (actions) and its monitoring by PLQA."""

from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING
from uuid import UUID

from lif_domain.application.learning import Learning
from lif_domain.errors import InvalidInput, LifError

if TYPE_CHECKING:
    from lif_domain.action import Action
    from lif_domain.cycle import CycleStep
    from lif_domain.monitor import MonitorReport
    from lif_domain.monitoring import MonitoringRound, Outcome
    from lif_domain.source import LearningSource

# Domain modules are imported inside the methods (start-up budget, ADR 0005).


class Actions(Learning):
    max_actions_per_source = 10  # REFERENCE §7: keep few; set by LIF_MAX_ACTIONS_PER_SOURCE

    def propose_action(self, ref: str, source_ref: str, finding: int, what: str, owner: str,
                       lead_officer: str, due_on: date, measure: str, *, by: str,
                       on: date | None = None) -> tuple["Action", str | None]:
        """Propose an action; the second value warns when its source carries too many."""
        from lif_domain.action import Action

        actor, on = self.act(by, "propose an action", on)
        self.refuse_duplicate(Action, ref, "action")
        source = self.source(source_ref)
        owner = self.board().require_organisation(owner)
        action = Action.propose(ref, source, finding, what, owner, lead_officer, due_on,
                                measure, actor, on)
        self.save_all(action)
        count = len(self.directory.ids("action", link=source.ref))
        warning = None
        if count > self.max_actions_per_source:
            warning = (f"{source.ref} now carries {count} actions, more than "
                       f"{self.max_actions_per_source}: research found about 47 "
                       "recommendations per SCR and urges fewer, system-level actions")
        return action, warning

    def action_step(self, ref: str, command: str, *, by: str, on: date | None = None,
                    **details) -> "Action":
        """Take one step on action `ref` (a key of action_steps.STEPS other than 'propose'),
        with its details. Who may take it is checked first; the action's command for it is the
        method marked @takes for that step."""
        from lif_domain.action import COMMANDS
        from lif_domain.action_steps import STEPS

        if command not in COMMANDS:
            raise InvalidInput(f"unknown action step {command!r}")
        actor, on = self.act(by, STEPS[command].permission, on)
        action = self.action(ref)
        if command == "supersede":
            details["by_action"] = self.action(details["by_action"]).ref
        if command == "verify":  # not from the owning organisation (rule A4)
            details["organisation"] = self.organisation_of(actor, on)
        COMMANDS[command](action, **details, actor=actor, on=on)
        self.save_all(action)
        return action

    def organisation_of(self, actor, on: date) -> str:
        """The organisation `actor` holds its acting role for on `on`."""
        from lif_domain.member import Member

        member = self.load(Member, actor.member, "member")
        return next((a.organisation for a in member.appointments
                     if a.role is actor.role and a.covers(on)), "")

    def action(self, ref: str) -> "Action":
        from lif_domain.action import Action

        return self.load(Action, ref, "action")

    def actions(self, by_ref: bool = False) -> Iterator["Action"]:
        """Every action, in the order recorded (or by reference), a few hundred loaded at a
        time."""
        found = self.directory.entries("action")
        if by_ref:
            found.sort(key=lambda e: e.ref)
        return self.each_record([UUID(hex=e.id) for e in found])

    def actions_of(self, source_ref: str) -> list["Action"]:
        """The actions of learning source `source_ref`; refused if there is no such source."""
        self.source(source_ref)
        return self.records(self.directory.ids("action", link=source_ref))

    def hold_round(self, ref: str, committee: str, *, by: str,
                   on: date | None = None) -> "MonitoringRound":
        from lif_domain.monitoring import MonitoringRound

        actor, on = self.act(by, "record a monitoring round", on)
        self.refuse_duplicate(MonitoringRound, ref, "monitoring round")
        round_ = MonitoringRound.hold(ref, committee, actor, on)
        self.save_all(round_)
        return round_

    def record_outcome(self, round_ref: str, action_ref: str, outcome: "Outcome", note: str,
                       *, by: str, on: date | None = None) -> None:
        self.record_outcomes(round_ref, [{"ref": action_ref, "outcome": outcome.value,
                                          "note": note}], by=by, on=on)

    def record_outcomes(self, round_ref: str, rows: list[dict], *, by: str,
                        on: date | None = None) -> int:
        """Round `round_ref`'s outcomes for many actions at once (rows of "ref", "outcome",
        "note", and "row" when read from a sheet): all or nothing, every refused row said."""
        from lif_domain.monitoring import MonitoringRound, Outcome

        actor, on = self.act(by, "record a monitoring round", on)
        round_ = self.load(MonitoringRound, round_ref, "monitoring round")
        if not rows:
            raise InvalidInput("no outcomes given")
        refused = []
        for number, row in enumerate(rows, start=1):
            try:
                action = self.action(row.get("ref", "").strip())
                round_.review(action.ref, Outcome.parse(row.get("outcome", ""), "outcome"),
                              row.get("note", ""), actor, on)
            except LifError as e:
                if len(rows) == 1:
                    raise
                refused.append(f"row {row.get('row', number)}: {e}")
        if refused:
            raise InvalidInput(f"{len(refused)} of {len(rows)} outcomes refused, nothing "
                               f"recorded: {'; '.join(refused)}")
        self.save_all(round_)
        return len(rows)

    def round(self, ref: str) -> "MonitoringRound":
        from lif_domain.monitoring import MonitoringRound

        return self.load(MonitoringRound, ref, "monitoring round")

    def rounds(self) -> list["MonitoringRound"]:
        return self.records(self.directory.ids("round"))

    def rounds_reviewing(self, actions: list["Action"]) -> list["MonitoringRound"]:
        """The monitoring rounds that recorded an outcome for any of `actions`."""
        found = self.directory.rounds_reviewing(a.ref for a in actions)
        return self.records([UUID(hex=e.id) for e in found])

    def monitor(self, as_of: date | None = None) -> "MonitorReport":
        from lif_domain.monitor import monitor

        as_of = as_of or self.today()
        day = as_of.isoformat()
        actions = self.records(self.directory.ids("action", active=(day, day)))
        held = self.directory.entries("round", active=("", day))  # held by then
        last = [e for e in held if e.first_on == max(h.first_on for h in held)]  # its day
        return monitor(actions, self.records([UUID(hex=e.id) for e in last]), as_of)

    def cycle_of(self, source_ref: str) -> list["CycleStep"]:
        """Where source `source_ref` stands in the learning cycle."""
        return next(self.cycles([source_ref]))[1]

    def cycles(self, refs: list[str] | None = None, chunk: int = 200) -> Iterator[
            tuple["LearningSource", list["CycleStep"], list[str]]]:
        """Each source of `refs` (all of them, in the order recorded, when None), where it
        stands in the learning cycle and its actions' references: `chunk` sources, their
        actions and their reviews loaded at a time, so a list of every source costs the same
        per source however long the log."""
        from lif_domain.cycle import cycle
        from lif_domain.review import Review

        if refs is None:
            sources = self.each_record(self.directory.ids("source"))
            own = self.directory.entries("action")
        else:
            sources = iter([self.source(ref) for ref in refs])
            own = [e for ref in refs for e in self.directory.entries("action", link=ref)]
        by_source: dict[str, list[UUID]] = {}
        for e in own:
            by_source.setdefault(e.link, []).append(UUID(hex=e.id))
        while part := list(islice(sources, chunk)):
            actions = self.records([i for s in part for i in by_source.get(s.ref.casefold(), ())])
            first = self.directory.first_reviews(a.ref for a in actions)
            reviews = self.records([Review.id_for(s.review_ref) for s in part if s.review_ref])
            approved = {r.ref.casefold(): r.done.get("report_approved") for r in reviews if r}
            of_source: dict[str, list] = {}
            for a in actions:
                of_source.setdefault(a.source_ref.casefold(), []).append(a)
            for source in part:
                mine = of_source.get(source.ref.casefold(), [])
                monitored = min((first[a.ref.casefold()] for a in mine
                                 if a.ref.casefold() in first), default=None)
                steps = cycle(source, mine, monitored and date.fromisoformat(monitored),
                              approved.get((source.review_ref or "").casefold()))
                yield source, steps, [a.ref for a in mine]
