"""The obligations of the regimes after 2018 give one answer in every view, and a miss stays a
miss, over generated histories of a partnership's case and its LCSPR (property tests; rules
N2, RR1 to RR3, LC2 to LC5): the Panel notified, the Rapid Review (sent, withdrawn, or late),
the partners' decisions, the reg 14 monitoring intervals, the timescale, the copy to the Panel
and the Secretary of State and publication. lif due through the directory equals the clocks
of every record, day by day; show and the evidence pack read the same clocks; the annual
report counts each deadline once, in the year it fell due."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from lif_domain.annual import CASE_OUTCOMES, financial_year
from lif_domain.case import RapidReviewChoice as RR
from lif_domain.clocks import MISSED, Status, clocks_of
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import LifError
from lif_domain.roles import Role
from tests.application.test_clock_answers import days, every_clock
from tests.conftest import appoint, founded, make_app

TODAY = date(2030, 1, 1)
LCSPR = "LCSPR-1"
PARTNERS = (("la1", Role.LOCAL_AUTHORITY_PARTNER), ("icb1", Role.HEALTH_PARTNER),
            ("police1", Role.POLICE_PARTNER))
# an LCSPR's stages in order, who takes each and its details; "monitored" may repeat
PATH = [
    ("reviewer_commissioned", "bm1", {"reviewer": "rev1", "declaration": "independent"}),
    ("monitoring_agreed", "la1", {"every_weeks": 4}),
    ("terms_drafted", "panel1", {"summary": "scope"}),
    ("terms_circulated", "panel1", {"circulated_to": "group"}),
    ("terms_agreed", "panel1", {}),
    ("methodology_chosen", "panel1", {"methodology": "systems", "rationale": "fits"}),
    ("meeting_scheduled", "bm1", {"kind": "initial", "planned_for": date(2024, 1, 1)}),
    ("meeting_held", "bm1", {"number": 1}),
    ("timescale_agreed", "la1", {"due_on": None, "rationale": ""}),
    ("report_drafted", "rev1", {}),
    ("report_presented", "bm1", {"presented_to": "partners"}),
    ("report_approved", "icb1", {"rationale": "accepted"}),
    ("copy_sent", "bm1", {}),
    ("published", "bm1", {"where": "website"}),
]
MONITORED = ("progress_monitored", "la1", {"time": "on track", "quality": "fine"})

histories = st.fixed_dictionaries({
    "aware": st.dates(date(2024, 1, 1), date(2025, 12, 31)),
    "notify_gap": st.integers(0, 12),
    "withdraw_gap": st.one_of(st.none(), st.none(), st.none(), st.integers(0, 40)),
    "decision": st.sampled_from([RR.LCSPR, RR.LCSPR, RR.LCSPR, RR.NO_LCSPR]),
    "deciding": st.sampled_from([3, 3, 3, 2, 0]),  # how many partners record it
    "decision_gaps": st.lists(st.integers(0, 10), min_size=3, max_size=3),
    "sent_gap": st.one_of(st.none(), st.integers(0, 30)),
    "gaps": st.lists(st.integers(0, 45), min_size=len(PATH) + 1, max_size=len(PATH) + 1),
    "steps": st.one_of(st.just(len(PATH)), st.integers(0, len(PATH))),
    "monitored": st.lists(st.integers(1, len(PATH)), max_size=5),
    "weeks": st.integers(1, 8),
})


def build(h):
    """A partnership's store with one case under Working Together 2023 and, when all three
    partners decided on one, its LCSPR, as generated; a step the rules refuse is not part of
    the history."""
    app = founded(make_app(today=lambda: TODAY), on=date(2023, 1, 2))
    for ref, role in PARTNERS:
        appoint(app, ref, role, "Council", on=date(2023, 1, 2))
    on = h["aware"] + timedelta(days=h["notify_gap"])
    app.notify_case("Child P", h["aware"], CaseFacts(A.SUSPECTED, H.DIED, C.YES), by="bm1",
                    on=on)

    def step(ref, permission, command, *args, by, on):
        try:
            app.rapid_review_step(ref, permission, command, *args, by=by, on=on)
        except LifError:
            pass

    if h["withdraw_gap"] is not None:
        step("Child P", "withdraw a notification", "withdraw", "criteria not met", True,
             by="bm1", on=on + timedelta(days=h["withdraw_gap"]))
    for (member, _), gap in zip(PARTNERS[:h["deciding"]], h["decision_gaps"]):
        on += timedelta(days=gap)
        step("Child P", "record a safeguarding partner's decision", "partner_agrees",
             h["decision"], "reasons", "briefings", None, by=member, on=on)
    if h["sent_gap"] is not None:
        on += timedelta(days=h["sent_gap"])
        step("Child P", "send the Rapid Review to the Panel", "send_rapid_review", by="bm1",
             on=on)
    decided = app.case("Child P").partners_decision
    if not decided or decided[0] is not RR.LCSPR:
        return app
    on = max(on, decided[1]) + timedelta(days=h["gaps"][0])
    app.commission_review(LCSPR, "Child P", "lcspr", "partners decided", by="bm1", on=on)
    for i, ((name, by, details), gap) in enumerate(zip(PATH[:h["steps"]], h["gaps"][1:]), 1):
        on += timedelta(days=gap)
        if name == "monitoring_agreed":
            details = {"every_weeks": h["weeks"]}
        try:
            app.record_step(LCSPR, name, by=by, on=on, **details)
        except LifError:
            pass
        for _ in range(h["monitored"].count(i)):
            on += timedelta(days=max(1, gap // 2))
            try:
                app.record_step(LCSPR, MONITORED[0], by=MONITORED[1], on=on, **MONITORED[2])
            except LifError:
                pass
    return app


def records(app):
    return app.cases() + app.reviews()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_due_through_the_directory_equals_every_record_on_every_date(h):
    app = build(h)
    for day in days(h["aware"] - timedelta(days=3), h["aware"] + timedelta(days=900), 6):
        assert app.clocks(day) == every_clock(app, records(app), day, False), day
        assert app.clocks(day, met_too=True) == every_clock(app, records(app), day, True), day


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_show_history_and_the_evidence_pack_read_the_clocks_due_gives(h):
    app = build(h)
    for day in days(h["aware"] + timedelta(days=h["notify_gap"]),
                    h["aware"] + timedelta(days=900), 29):
        due = [c.row(day) for c in app.clocks(day, met_too=True)]
        for record in records(app):
            kind = "case" if record.ref == "Child P" else "review"
            _, found, _, _ = app.read(record.ref, kind)
            mine = [c.row(day) for c in app.clocks_of(found, day)]
            assert sorted(mine, key=str) == sorted(
                (r for r in due if r["subject"] == record.ref), key=str), (kind, day)
        pack = app.evidence_pack("Child P", "case", day)
        assert sorted(pack["clocks"], key=str) == sorted(due, key=str), day
        assert pack["missed"] == sum(
            Status(r["status"]) in MISSED | {Status.OVERDUE} for r in due), day


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_a_deadline_once_missed_is_never_met(h):
    app = build(h)
    seen = {}
    for day in days(h["aware"], h["aware"] + timedelta(days=900), 3):
        for record in records(app):
            for clock in clocks_of(record, app.calendar, day):
                if clock.name == "review completed (timescale agreed)":
                    continue
                key, status = (clock.subject, clock.name), clock.status_on(day)
                if key in seen:
                    assert status in MISSED | {Status.OVERDUE}, (key, seen[key], day, status)
                elif status in MISSED | {Status.OVERDUE}:
                    seen[key] = day


DUTIES = {"Panel notified": "Serious incidents notified to the Panel within 5 working days",
          "Rapid Review": "Rapid Reviews sent to the Panel within 15 working days of "
                          "notification",
          "review completed": "Reviews completed within their timescale",
          "review completed (timescale agreed)":
              "Reviews completed within a timescale agreed otherwise",
          "LCSPR monitored": "LCSPRs' time and quality monitored at the interval agreed "
                             "(reg 14)",
          "Panel and Secretary of State notice": "Panel and Secretary of State sent the "
                                                 "report 7 working days before publication"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_every_deadline_falling_in_a_year_is_counted_once_in_its_report(h):
    words = {status: label for statuses, label in CASE_OUTCOMES for status in statuses}
    words[Status.DUE] = words[Status.OVERDUE]
    app = build(h)
    for first in range(h["aware"].year - 1, h["aware"].year + 3):
        year = f"{first}/{(first + 1) % 100:02d}"
        start, end = financial_year(year)
        counted = sorted((f.label, line.split(":")[0]) for s in app.annual_report(year).sections
                         for f in s.figures for line in f.evidence
                         if any(f.label.startswith(d + " (") for d in DUTIES.values()))
        expected = sorted((f"{DUTIES[c.duty or c.name]} ({words[c.status_on(end)]})",
                           c.subject) for r in records(app)
                          for c in clocks_of(r, app.calendar, end) if start <= c.due_on <= end)
        assert counted == expected, year
