"""Where a source stands in the seven steps of the learning and improvement cycle
(REFERENCE §2), each with the date it was first reached. Derived, never stored."""

from dataclasses import dataclass
from datetime import date

from lif_domain.action import Action, Status
from lif_domain.source import LearningSource

STEPS = ("information gathered", "report and action plan produced", "approval",
         "implementation programme", "monitoring", "dissemination", "impact evidenced")


@dataclass(frozen=True)
class CycleStep:
    number: int
    name: str
    reached_on: date | None


def cycle(source: LearningSource, actions: list[Action], monitored_on: date | None,
          review_approved_on: date | None = None) -> list[CycleStep]:
    """The seven steps for `source`, given its actions and the date the first monitoring
    round reviewed any of them. For an SCR or PLR source, the approval of the review's report
    counts as approval."""
    agreed = [on for a in actions for on, s in a.timeline["status"] if s is Status.OPEN]
    reached = [
        source.source_date,
        min((f.recorded_on for f in source.findings), default=None),
        source.approved_on or review_approved_on,
        min(agreed, default=None),
        monitored_on,
        min((d.held_on for d in source.disseminations), default=None),
        source.impact_on,
    ]
    return [CycleStep(i + 1, name, on) for i, (name, on) in enumerate(zip(STEPS, reached))]


def stage(steps: list[CycleStep]) -> CycleStep | None:
    """The furthest step reached, or None."""
    done = [s for s in steps if s.reached_on is not None]
    return done[-1] if done else None
