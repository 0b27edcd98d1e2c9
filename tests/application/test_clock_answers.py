"""Every view of a record's clocks gives one answer, for any history and any date (property
tests over generated histories): lif due through the record directory equals the clocks
worked out from every record in the log, day by day; and history, case show, review show and
the evidence pack read the same clocks lif due gives."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from lif_domain.case import ReviewChoice as R
from lif_domain.clocks import Status, clocks_of
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import LifError
from tests.conftest import founded, make_app

TODAY = date(2030, 1, 1)
SCR = "SCR-1"
# review stage, who takes it, its details: the shortest path from commissioning to removal
PATH = [
    ("reviewer_commissioned", "bm1", {"reviewer": "rev1", "declaration": "independent"}),
    ("terms_drafted", "panel1", {"summary": "scope"}),
    ("terms_circulated", "panel1", {"circulated_to": "panel"}),
    ("terms_agreed", "panel1", {}),
    ("methodology_chosen", "panel1", {"methodology": "SILP", "rationale": "fits"}),
    ("meeting_scheduled", "bm1", {"kind": "initial", "planned_for": date(2017, 1, 1)}),
    ("meeting_held", "bm1", {"number": 1}),
    ("timescale_agreed", "panel1", {"due_on": None, "rationale": ""}),
    ("report_drafted", "rev1", {}),
    ("report_presented", "bm1", {"presented_to": "Board"}),
    ("report_approved", "chair1", {"rationale": "accepted"}),
    ("sent_to_national_panel", "bm1", {}),
    ("published", "bm1", {"where": "website"}),
    ("removed_from_website", "bm1", {"reason": "done"}),
]

histories = st.fixed_dictionaries({
    "notify_gap": st.integers(0, 12),
    "decide_gap": st.one_of(st.none(), st.integers(0, 45)),
    "scr": st.booleans(),
    "told_gap": st.one_of(st.none(), st.integers(0, 30)),
    "gaps": st.lists(st.integers(0, 120), min_size=len(PATH) + 1, max_size=len(PATH) + 1),
    "steps": st.integers(0, len(PATH)),
    "agreed_months": st.one_of(st.none(), st.integers(1, 14)),
    "agreed_again": st.one_of(st.none(), st.tuples(st.integers(0, 200), st.integers(1, 20))),
    "correction": st.one_of(st.none(), st.tuples(st.integers(2, len(PATH) + 2),
                                                 st.integers(-20, 20))),
})


def build(h):
    """A store with one case and, if the chair decided on an SCR, its review, as generated."""
    app = founded(make_app(today=lambda: TODAY), on=date(2016, 1, 4))
    aware = date(2016, 3, 1)
    on = aware + timedelta(days=h["notify_gap"])
    app.notify_case("Child H", aware, CaseFacts(A.SUSPECTED, H.DIED, C.YES), by="bm1", on=on)
    records = [app.case("Child H")]
    if h["decide_gap"] is None:
        return app, records
    on += timedelta(days=h["decide_gap"])
    app.recommend("Child H", R.SCR, "criteria met", by="panel1", on=on)
    decision = R.SCR if h["scr"] else R.NO_REVIEW
    app.decide("Child H", decision, "agree" if h["scr"] else "no", "" if h["scr"] else "why",
               by="chair1", on=on)
    if not h["scr"]:
        if h["told_gap"] is not None:
            app.tell_national_panel("Child H", by="bm1", on=on + timedelta(days=h["told_gap"]))
        return app, [app.case("Child H")]
    on += timedelta(days=h["gaps"][0])
    app.commission_review(SCR, "Child H", "scr", "chair's decision", by="chair1", on=on)
    for (step, by, details), gap in zip(PATH[:h["steps"]], h["gaps"][1:]):
        on += timedelta(days=gap)
        details = dict(details)
        if step == "timescale_agreed" and h["agreed_months"]:
            details = {"due_on": on + timedelta(days=30 * h["agreed_months"]),
                       "rationale": "complex"}
        app.record_step(SCR, step, by=by, on=on, **details)
        if step == "timescale_agreed" and h["agreed_again"]:
            later, months = h["agreed_again"]
            again = on + timedelta(days=later)
            try:  # a variation must end after the first deadline (rule R1): if not, refused
                app.record_step(SCR, step, by="chair1", on=again,
                                due_on=again + timedelta(days=30 * months), rationale="re-agreed")
                on = max(on, again)
            except LifError:
                pass
    if h["correction"]:
        version, shift = h["correction"]
        review = app.review(SCR)
        if version in review.dates and shift:
            try:
                app.correct_review_date(SCR, version, review.dates[version][1]
                                        + timedelta(days=shift), "minutes", by="bm1", on=on)
            except LifError:
                pass  # a correction the rules refuse is not part of the history
    return app, [app.case("Child H"), app.review(SCR)]


def days(first: date, last: date, step: int = 5):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=step)


def every_clock(app, records, as_of, met_too):
    clocks = [c for r in records for c in clocks_of(r, app.calendar, as_of)
              if met_too or c.shown_on(as_of)]
    return sorted(clocks, key=lambda c: (c.due_on, c.subject, c.name))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_due_through_the_directory_equals_every_record_on_every_date(h):
    app, _ = build(h)
    records = app.cases() + app.reviews()
    for day in days(date(2016, 2, 20), date(2021, 6, 1)):
        assert app.clocks(day) == every_clock(app, records, day, False), day
        assert app.clocks(day, met_too=True) == every_clock(app, records, day, True), day


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_history_by_business_time_and_show_read_the_clocks_due_gives(h):
    app, _ = build(h)
    for day in days(date(2016, 2, 20), date(2021, 6, 1), 17):
        due = [c.row(day) for c in app.clocks(day, met_too=True)]
        for ref, kind in (("Child H", "case"), (SCR, "review")):
            if kind == "review" and not app.reviews():
                continue
            _, record, _, _ = app.read(ref, kind)
            history = [c.row(day) for c in app.clocks_of(record, day)]
            assert sorted(history, key=str) == sorted(
                (r for r in due if r["subject"] == record.ref), key=str), (kind, day)
        if day >= app.case("Child H").notified_on:  # the evidence pack as it stood then
            pack = app.evidence_pack("Child H", "case", day)
            assert sorted(pack["clocks"], key=str) == sorted(due, key=str), day
    # as it stands: case show, review show and the evidence pack give lif due's clocks today
    due_today = [c.row(TODAY) for c in app.clocks(TODAY, met_too=True)]
    pack = app.evidence_pack("Child H", "case")
    assert sorted(pack["clocks"], key=str) == sorted(due_today, key=str)
    shown = [c.row(TODAY) for r in app.cases() + app.reviews() for c in app.clocks_of(r)]
    assert sorted(shown, key=str) == sorted(due_today, key=str)


DUTIES = {"notification": "Notified within 5 working days",
          "decision": "Decided within one month of notification",
          "national panel told": "National panel told of non-initiation within 14 days",
          "review completed": "Reviews completed within their timescale",
          "review completed (timescale agreed)":
              "Reviews completed within a timescale agreed otherwise",
          "national panel notice": "National panel told a week before publication",
          "kept published": "Reports kept published for 12 months"}
WORDS = {Status.MET: "on time", Status.MET_LATE: "met late", Status.BREACHED: "breached",
         Status.OVERDUE: "missed: still open", Status.DUE: "missed: still open",
         Status.DISCHARGED: "discharged", Status.DISCHARGED_LATE: "discharged late"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_every_deadline_falling_in_a_year_is_counted_once_in_its_report(h):
    """The annual report counts each deadline in the year it fell due, in its outcome at the
    year's end, exactly once: none that is still open drops out, none is counted twice."""
    from lif_domain.annual import financial_year

    app, _ = build(h)
    for first in range(2015, 2021):
        year = f"{first}/{(first + 1) % 100:02d}"
        start, end = financial_year(year)
        report = app.annual_report(year)
        counted = [(f.label, line) for s in report.sections for f in s.figures
                   for line in f.evidence if any(f.label.startswith(d + " (")
                                                 for d in DUTIES.values())]
        expected = [(f"{DUTIES[c.duty or c.name]} ({WORDS[c.status_on(end)]})", c.subject)
                    for r in app.cases() + app.reviews()
                    for c in clocks_of(r, app.calendar, end) if start <= c.due_on <= end]
        assert sorted((label, line.split(":")[0]) for label, line in counted) == sorted(
            expected), year
