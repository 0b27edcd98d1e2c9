"""Use cases: child deaths, from notification to the panel's review and a referral that opens
a case (issue 14, item 1; rules CD1 to CD6)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.application.cases import Cases
from lif_domain.errors import InvalidInput

if TYPE_CHECKING:  # imported where used: commands on other records do not build its events
    from lif_domain.child_death import AgeBand, ChildDeath, DeathFigures, Modifiable
    from lif_domain.criteria import CaseFacts


class Deaths(Cases):
    def notify_death(self, ref: str, died_on: date, age_band: AgeBand, expected: bool, *,
                     by: str, on: date | None = None) -> ChildDeath:
        """A death notified to the panel, under the regime in force on the notification's
        date (rule G1): a rapid response and the chair before the partnership's arrangements,
        a joint agency response and the partners after."""
        from lif_domain.child_death import ChildDeath

        actor, on = self.act(by, "notify a child death", on)
        self.refuse_duplicate(ChildDeath, ref, "child death")
        policy, why = self.regime_for(on, "the death was notified to the panel")
        death = ChildDeath.notify(ref, self.business_date(died_on), age_band, expected, actor,
                                  on, (policy.key, why))
        self.save_all(death)
        return death

    def death_response(self, ref: str, started_on: date, meeting_on: date | None,
                       summary: str, *, by: str, on: date | None = None) -> ChildDeath:
        actor, on = self.act(by, "record a child death's response", on)
        death = self.death(ref)
        death.record_response(started_on, meeting_on, summary, actor, on)
        self.save_all(death)
        return death

    def death_review_meeting(self, ref: str, summary: str, *, by: str,
                             on: date | None = None) -> ChildDeath:
        actor, on = self.act(by, "record a child death's response", on)
        death = self.death(ref)
        death.hold_review_meeting(summary, actor, on)
        self.save_all(death)
        return death

    def panel_review(self, ref: str, category: int, modifiable: Modifiable, factors: str,
                     learning: str, themes: list[str], *, by: str,
                     on: date | None = None) -> ChildDeath:
        actor, on = self.act(by, "record the child death overview panel's review", on)
        death = self.death(ref)
        death.panel_review(category, modifiable, factors, learning, themes, actor, on)
        self.save_all(death)
        return death

    def refer_death(self, ref: str, case_ref: str, aware_on: date, facts: CaseFacts,
                    rationale: str, *, by: str, on: date | None = None) -> ChildDeath:
        """Death `ref` referred for a case review (rule CD4), opening case `case_ref` with the
        facts known, judged by the regime of `aware_on` as any case is; both saved at once or
        neither."""
        from lif_domain.case import Case
        from lif_domain.criteria import Harm

        actor, on = self.act(by, "refer a child death for a case review", on)
        if facts.harm is not Harm.DIED:
            raise InvalidInput("a child death's case is notified with --harm died")
        death = self.death(ref)
        self.refuse_duplicate(Case, case_ref, "case")
        if aware_on < death.died_on:
            raise InvalidInput(f"the local authority cannot have become aware ({aware_on}) "
                               f"before {ref}'s death ({death.died_on})")
        death.refer(case_ref, rationale, actor, on)
        notifier = self.actor(by, "record a notification", on)
        case = Case.notify(case_ref, aware_on, facts, notifier, on, self.regime_for(aware_on))
        self.save_all(death, case)
        return death

    def death(self, ref: str) -> ChildDeath:
        from lif_domain.child_death import ChildDeath

        return self.load(ChildDeath, ref, "child death")

    def deaths(self) -> list[ChildDeath]:
        return self.records(self.directory.ids("death"))

    def death_figures(self, start: date | None = None,
                      end: date | None = None) -> DeathFigures:
        """The panel's figures for `start`..`end` (rule CD6); by default the financial year
        to date."""
        from lif_domain.child_death import DeathFigures
        from lif_domain.dates import year_start

        end = end or self.today()
        return DeathFigures.of(self.deaths(), start or year_start(end), end)

    def death_analysis(self, since: date | None = None, until: date | None = None) -> list:
        """The analysis fields of each death notified in `since`..`until` (rule CD6)."""
        from lif_domain.child_death import analysis_row

        if since and until and since > until:
            raise InvalidInput(f"--from {since} is after --to {until}")
        return [analysis_row(d) for d in self.deaths()
                if (since is None or d.notified_on >= since)
                and (until is None or d.notified_on <= until)]
