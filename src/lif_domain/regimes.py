"""The regimes a case is judged by, as policy (REFERENCE §3, §9; rule G1): Working Together
2015 (LSCBs, SCRs), 2018 (safeguarding partners, Rapid Reviews) and 2023. A regime is data: the
steps a case has under it, who may take them (the permissions table), the criteria its
notification is judged by, its clocks and the reviews it commissions. Every case is judged by
the regime in force on the date the local authority became aware of the incident and keeps it
to the end, so a case running through the transition finishes under the rules it began under.
A later regime is one more `Regime` in `REGIMES`; no aggregate changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lif_domain import clocks
from lif_domain.criteria import (Assessment, CaseFacts, assess, is_notifiable,
                                 looked_after_death, looked_after_or_care_leaver_death,
                                 serious_incident)
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.review_steps import a_kind

# Steps of a case under every regime: its notification and its corrections, reasons for delay,
# the personal data register and requests from the national panel.
COMMON_STEPS = frozenset({
    "record a notification", "correct a notification", "correct a date", "explain a delay",
    "hold a case's personal data", "erase a case's personal data",
    "record a national panel request", "record the board's answer to the national panel"})
# The LSCB's screening: the SCR panel recommends, the chair decides (REFERENCE §3).
SCR_STEPS = COMMON_STEPS | {
    "record the panel's recommendation", "decide whether to hold a review",
    "record that the national panel was told"}
# The notification to the Child Safeguarding Practice Review Panel and the partners' Rapid
# Review (REFERENCE §9).
RAPID_REVIEW_STEPS = COMMON_STEPS | {
    "record the Panel's reference", "withdraw a notification", "ask agencies for information",
    "record an agency's return", "record the Rapid Review meeting",
    "record a safeguarding partner's decision", "send the Rapid Review to the Panel",
    "record the Panel's response", "record the Secretary of State and Ofsted told",
    "record a national review the Panel takes on"}

# Every area published its new arrangements and moved to them between these dates (REFERENCE
# §9: Working Together 2018, transitional guidance).
ARRANGEMENTS_FROM, ARRANGEMENTS_BY = date(2018, 6, 29), date(2019, 9, 29)


@dataclass(frozen=True)
class Regime:
    key: str
    title: str
    starts: date  # in force for incidents the local authority became aware of from this date
    source: str  # the guidance it follows, as cited to users
    case_steps: frozenset[str]
    review_kinds: tuple[str, ...]  # the reviews a case under it can lead to
    criteria: str  # what its notification is judged against, in words
    assess: Callable[[CaseFacts], Assessment]
    notifiable: Callable[[CaseFacts], bool]  # the notification's own deadline applies
    case_clocks: Callable  # (case, calendar, as_of) -> [Clock]
    working_days: bool  # its clocks count working days beyond the notification's
    by_arrangements: bool = False  # starts on the partnership's arrangements date, if recorded
    # whose death the local authority tells the Secretary of State and Ofsted of (rule N3)
    ministers_told: Callable[[CaseFacts], bool] = lambda facts: False
    lead_partners: bool = False  # lead partners delegate their decisions (rule RR6)

    @property
    def criteria_heading(self) -> str:
        """Its criteria in words, to begin a sentence: "SCR criteria"."""
        return self.criteria[:1].upper() + self.criteria[1:]

    @property
    def rapid_review(self) -> bool:
        """Whether a case under it has a Rapid Review (rules RR1 to RR3)."""
        return "send the Rapid Review to the Panel" in self.case_steps

    def starts_for(self, arrangements_on: date | None) -> date:
        return arrangements_on if self.by_arrangements and arrangements_on else self.starts

    def allow(self, step: str, ref: str) -> None:
        """Refuse `step` on case `ref` unless this regime has it (rule G1), naming the regimes
        that do."""
        if step in self.case_steps:
            return
        others = [r.title for r in REGIMES if step in r.case_steps]
        where = f"; it is a step under {' and '.join(others)}" if others else ""
        raise OutOfOrder(f"{ref} is judged under {self.title} (rule G1), which has no step to "
                         f"{step}{where}")

    def allow_review(self, kind: str, ref: str) -> None:
        if kind not in self.review_kinds:
            kinds = " or ".join(k.upper() for k in self.review_kinds)
            raise OutOfOrder(f"{ref} is judged under {self.title} (rule G1): a case under it "
                             f"is not reviewed by {a_kind(kind)} (its reviews: {kinds})")


def _notifiable_to_the_panel(facts: CaseFacts) -> bool:
    return serious_incident(facts).met


WT2015 = Regime(
    "wt2015", "Working Together 2015", date.min,
    "Working Together to Safeguard Children 2015; LSCB Regulations 2006, reg 5",
    SCR_STEPS, ("scr", "plr"), "SCR criteria", assess, is_notifiable,
    clocks.scr_case_clocks, working_days=False)
WT2018 = Regime(
    "wt2018", "Working Together 2018", ARRANGEMENTS_BY,
    "Working Together to Safeguard Children 2018, chapter 4; Children Act 2004 s16C",
    RAPID_REVIEW_STEPS, ("lcspr",), "serious incident criteria", serious_incident,
    _notifiable_to_the_panel, clocks.rapid_review_clocks, working_days=True,
    by_arrangements=True, ministers_told=looked_after_death)
WT2023 = Regime(
    "wt2023", "Working Together 2023", date(2023, 12, 15),
    "Working Together to Safeguard Children 2023, chapter 5; Children Act 2004 s16C",
    RAPID_REVIEW_STEPS, ("lcspr",), "serious incident criteria", serious_incident,
    _notifiable_to_the_panel, clocks.rapid_review_clocks, working_days=True,
    ministers_told=looked_after_or_care_leaver_death, lead_partners=True)

REGIMES: list[Regime] = [WT2015, WT2018, WT2023]  # in the order they came into force


def regimes_reviewing(kind: str) -> str:
    """The regimes whose cases lead to reviews of `kind`, in words (rule G1)."""
    return " and ".join(r.title for r in REGIMES if kind in r.review_kinds)


def regime(key: str) -> Regime:
    for known in REGIMES:
        if known.key == key:
            return known
    raise InvalidInput(f"no regime {key!r}; LIF knows {', '.join(r.key for r in REGIMES)}")


def regime_for(aware_on: date, arrangements_on: date | None,
               event: str = "the local authority became aware") -> tuple[Regime, str]:
    """The regime in force when the local authority became aware (or `event`: a child death
    is judged by the date it was notified to the panel), and why (rule G1): the latest to have
    started by then, a partnership's own arrangements date standing for the date its new
    arrangements took effect."""
    chosen = max((r for r in REGIMES if r.starts_for(arrangements_on) <= aware_on),
                 key=lambda r: r.starts_for(arrangements_on))
    aware = f"{event} on {aware_on}"
    if chosen.starts_for(arrangements_on) == date.min:
        next_ = min((r for r in REGIMES if r.starts_for(arrangements_on) > aware_on),
                    key=lambda r: r.starts_for(arrangements_on))
        return chosen, f"{aware}, before {_took_effect(next_, arrangements_on, named=True)}"
    return chosen, f"{aware}, on or after {_took_effect(chosen, arrangements_on, named=False)}"


def _took_effect(r: Regime, arrangements_on: date | None, named: bool) -> str:
    """When `r` took effect, in words; `named`: with its title where the words lack it."""
    on = r.starts_for(arrangements_on)
    if r.by_arrangements and arrangements_on:
        return f"the partnership's new arrangements{f' ({r.title})' if named else ''} took " \
               f"effect on {on}"
    if r.by_arrangements:
        return (f"{on}, the latest date for any area's new arrangements "
                f"({f'{r.title}; ' if named else ''}the partnership's own date is not recorded)")
    return f"{r.title} took effect on {on}"


def check_arrangements_date(took_effect: date) -> date:
    """A partnership's new arrangements took effect between 29 June 2018 and 29 September
    2019 (REFERENCE §9)."""
    if not ARRANGEMENTS_FROM <= took_effect <= ARRANGEMENTS_BY:
        raise InvalidInput(f"new safeguarding arrangements took effect between "
                           f"{ARRANGEMENTS_FROM} and {ARRANGEMENTS_BY}, not on {took_effect}")
    return took_effect
