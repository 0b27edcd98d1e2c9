"""No sequence of events turns a missed deadline into one met (issue 11), over generated
histories of a case, its review and an action (property tests): once a first deadline is
overdue, met late, breached or discharged late, it is never met or discharged on time on any
later date. Only a date agreed again (a review's timescale, an action re-dated) may move, and it
is judged beside the first, never instead of it. The directory's answer for actions equals
the one worked out from every record, day by day."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from lif_domain.action_steps import Rag
from lif_domain.clocks import Status, action_clocks, clocks_of
from lif_domain.errors import LifError
from lif_domain.roles import Role
from tests.conftest import appoint
from lif_domain.source import SourceType
from tests.application.test_clock_answers import build, days, every_clock, histories

MISSED_ONCE = {Status.OVERDUE, Status.MET_LATE, Status.BREACHED, Status.DISCHARGED_LATE}
AGREED_AGAIN = ("review completed (timescale agreed)", "action completed (re-dated)")
STEPS = {  # an action's steps a history may try, with who takes them and their details
    "update": ("update_progress", "lead1", {"rag": Rag.AMBER, "narrative": "progress"}),
    "claim": ("claim_complete", "lead1", {"evidence": "register"}),
    "reject": ("reject_claim", "plqa2", {"reasons": "not enough"}),
    "verify": ("verify", "plqa2", {"note": "checked"}),
    "withdraw": ("withdraw", "plqa1", {"reasons": "no longer needed"}),
    "supersede": ("supersede", "plqa1", {"by_action": "A9", "reasons": "merged"}),
    "reopen": ("reopen", "chair1", {"reason": "needed after all"}),
}
action_histories = st.fixed_dictionaries({
    "due_in": st.integers(1, 200),
    "steps": st.lists(st.tuples(st.sampled_from([*STEPS, "redate"]), st.integers(0, 30)),
                      max_size=8),
})


def with_an_action(h, a):
    """The generated case and review, and an action whose steps are tried in turn: a step
    the rules refuse is not part of the history."""
    app, _ = build(h)
    on = date(2016, 4, 1)
    app.register_organisation("Health", by="bm1", on=on)
    app.appoint("lead1", Role.AGENCY_LEAD, "Health", by="bm1", on=on)
    appoint(app, "plqa2", Role.PLQA_MEMBER, "Police", on=on)
    app.record_source("AUD-1", SourceType.PRACTICE_AUDIT, "audit", on, "plqa1", by="plqa1",
                      on=on)
    app.record_finding("AUD-1", "finding", "late", ["neglect"], by="bm1", on=on)
    app.propose_action("A1", "AUD-1", 1, "train", "Health", "lead", on + timedelta(
        days=a["due_in"]), "trained", by="lead1", on=on)
    app.action_step("A1", "agree", by="plqa1", on=on)
    for name, gap in a["steps"]:
        on += timedelta(days=gap)
        try:
            if name == "redate":
                app.action_step("A1", "request_due_change", new_due=on + timedelta(days=60),
                                reason="staff off", by="lead1", on=on)
                app.action_step("A1", "decide_due_change", approve=True, note="fair",
                                by="plqa1", on=on)
            else:
                step, by, details = STEPS[name]
                app.action_step("A1", step, by=by, on=on, **details)
        except LifError:
            pass
    return app


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, action_histories)
def test_a_first_deadline_once_missed_is_never_met(h, a):
    app = with_an_action(h, a)
    records = app.cases() + app.reviews() + list(app.actions())
    seen: dict[tuple[str, str], date] = {}  # each first deadline: the day it was first missed
    for day in days(date(2016, 2, 20), date(2021, 6, 1), 3):
        for record in records:
            for clock in clocks_of(record, app.calendar, day):
                if clock.name in AGREED_AGAIN:
                    continue
                key, status = (clock.subject, clock.name), clock.status_on(day)
                if key in seen:
                    assert status in MISSED_ONCE, (key, seen[key], day, status)
                elif status in MISSED_ONCE:
                    seen[key] = day


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, action_histories)
def test_lif_due_through_the_directory_equals_every_record_with_actions(h, a):
    app = with_an_action(h, a)
    records = app.cases() + app.reviews() + list(app.actions())
    for day in days(date(2016, 3, 25), date(2021, 6, 1), 7):
        assert app.clocks(day) == every_clock(app, records, day, False), day
        assert app.clocks(day, met_too=True) == every_clock(app, records, day, True), day
        due = [c.row(day) for c in app.clocks(day, met_too=True) if c.subject == "A1"]
        _, action, _ = app.find("A1", "action")  # as lif history and action show read it
        assert [c.row(day) for c in app.clocks_of(action, day)] == due, day


ACTION_DUTIES = {"action completed": "Actions completed by their agreed due date",
                 "action completed (re-dated)": "Actions completed by a due date agreed again"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, action_histories)
def test_every_action_deadline_falling_in_a_year_is_counted_once_in_its_report(h, a):
    from lif_domain.annual import ACTION_OUTCOMES, financial_year

    words = {status: label for statuses, label in ACTION_OUTCOMES for status in statuses}
    app = with_an_action(h, a)
    for first in range(2016, 2019):
        year = f"{first}/{(first + 1) % 100:02d}"
        start, end = financial_year(year)
        counted = sorted((f.label, line.split(":")[0]) for s in app.annual_report(year).sections
                         for f in s.figures for line in f.evidence
                         if any(f.label.startswith(d + " (") for d in ACTION_DUTIES.values()))
        expected = sorted((f"{ACTION_DUTIES[c.name]} ({words[c.status_on(end)]})", c.subject)
                          for c in action_clocks(app.action("A1"), end)
                          if start <= c.due_on <= end)
        assert counted == expected, year
