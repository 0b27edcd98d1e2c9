"""What every report is made of: figures with the events behind them, sections, the records a
period needs, and deadline compliance counted the one way (rules Y1, Y2)."""

from dataclasses import dataclass, field
from datetime import date

from lif_domain.clocks import Status as ClockStatus


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    evidence: tuple[str, ...]  # the events behind the number, in words


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)

    def figure(self, label: str, evidence: list[str], value: int | None = None) -> None:
        """A count of its evidence, unless another value (a total) is given."""
        self.figures.append(Figure(label, len(evidence) if value is None else value,
                                   tuple(evidence)))


@dataclass
class AnnualReport:
    year: str  # the period's name: "2017/18", or "2024-09-01 to 2025-08-31"
    start: date
    end: date
    sections: list[Section]
    charts: dict[str, list[tuple[str, int]]]
    title: str = ""
    period: str = ""  # the period in words, to open the report
    stem: str = ""  # its files' names, without the extension
    sent_to: str = ""  # where the report goes once published, when the guidance says


@dataclass(frozen=True)
class Records:
    """What a report on a period reads: the records the period needs, by kind."""

    cases: list
    reviews: list
    sources: list
    actions: list
    training: list = ()
    deaths: list = ()
    rounds: list = ()  # Section 11 rounds
    audits: list = ()


def within(start: date, end: date):
    """Whether a date falls in the period (a missing one never does)."""
    return lambda day: day is not None and start <= day <= end


OUTCOMES = (((ClockStatus.MET,), "on time"), ((ClockStatus.MET_LATE,), "met late"),
            ((ClockStatus.BREACHED,), "breached"),
            ((ClockStatus.OVERDUE, ClockStatus.DUE), "missed: still open"))
DISCHARGED = (((ClockStatus.DISCHARGED,), "discharged"),
              ((ClockStatus.DISCHARGED_LATE,), "discharged late"))
# An action has no minimum period to breach, and is discharged when withdrawn (rule A5); so is
# a Rapid Review when its notification is withdrawn (rule RR3).
DEADLINE_OUTCOMES = tuple(o for o in OUTCOMES if ClockStatus.BREACHED not in o[0])  # no minimum
ACTION_OUTCOMES = (*DEADLINE_OUTCOMES, *DISCHARGED)
CASE_OUTCOMES = (*OUTCOMES, *DISCHARGED)


def compliance(s: "Section", clocks, within, end: date, duties, outcomes=OUTCOMES) -> None:
    """Each duty's line counts every clock of it that fell due in the year (its date within
    the year), judged at the year's end: on time, met late, breached (a minimum period cut
    short), missed (still open past its date), or discharged as not applicable (by its date,
    or late: a miss all the same). Each clock is counted once, in the year it fell due,
    whether or not anything was recorded in that year."""
    rows = []
    for name, label in duties:
        due = [k for k in clocks if (k.duty or k.name) == name and within(k.due_on)]
        counts = []
        for statuses, words in outcomes:
            found = [k.said(end) for k in due if k.status_on(end) in statuses]
            s.figure(f"{label} ({words})", found)
            counts.append(str(len(found)))
        rows.append([label, str(len(due)), *counts])
    s.tables.append(("Deadline compliance (deadlines falling in the year, as at its end)",
                     ["Deadline", "Fell due", *(words for _, words in outcomes)], rows))
