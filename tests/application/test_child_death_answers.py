"""Child deaths give one answer in every view, over generated years of a panel's work (property
tests; rules CD5, CD6): lif due through the directory equals every death's clocks day by day;
the annual report's section counts what `lif deaths report` counts; the figures add up; a death
notified or reviewed late is never counted on time."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from lif_domain.child_death import AgeBand, CATEGORIES, Modifiable
from lif_domain.clocks import Status
from lif_domain.roles import Role
from tests.application.test_clock_answers import days, every_clock
from tests.conftest import appoint, founded, make_app

TODAY = date(2030, 1, 1)

deaths = st.lists(st.fixed_dictionaries({
    "died": st.dates(date(2017, 4, 3), date(2019, 3, 31)),
    "notify_gap": st.sampled_from([0, 1, 1, 2, 9]),
    "band": st.sampled_from(list(AgeBand)),
    "expected": st.booleans(),
    "review_gap": st.one_of(st.none(), st.integers(20, 300)),
    "category": st.integers(1, 10),
    "modifiable": st.sampled_from(list(Modifiable)),
    "themes": st.lists(st.sampled_from(["safe sleep", "sudi", "neglect"]), max_size=2),
    "referred": st.booleans(),
}), max_size=6)


def build(generated):
    app = founded(make_app(today=lambda: TODAY))
    appoint(app, "cdop1", Role.CDOP_MEMBER, "Health")
    for n, d in enumerate(generated):
        ref, notified = f"CD-{n + 1}", d["died"] + timedelta(days=d["notify_gap"])
        app.notify_death(ref, d["died"], d["band"], d["expected"], by="bm1", on=notified)
        if not d["expected"]:
            app.death_response(ref, d["died"], None, "joint visit", by="bm1", on=notified)
        if d["referred"]:
            app.refer_death(ref, f"Child {n + 1}", d["died"], _facts(), "suspected abuse",
                            by="cdop1", on=notified)
        if d["review_gap"] is not None:
            app.panel_review(ref, d["category"], d["modifiable"],
                             "a factor" if d["modifiable"] is Modifiable.YES else "",
                             "learning", d["themes"], by="cdop1",
                             on=notified + timedelta(days=d["review_gap"]))
    return app


def _facts():
    from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm

    return CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.NOT_YET_KNOWN)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deaths)
def test_due_through_the_directory_equals_every_deaths_clocks(generated):
    app = build(generated)
    records = app.deaths()
    for day in days(date(2017, 4, 1), date(2020, 6, 1), step=17):
        shown = [c for c in app.clocks(day) if c.kind == "death"]
        assert shown == every_clock(app, records, day, False), day


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deaths)
def test_the_annual_report_counts_what_the_panels_report_counts(generated):
    app = build(generated)
    for year, start, end in (("2017/18", date(2017, 4, 1), date(2018, 3, 31)),
                             ("2018/19", date(2018, 4, 1), date(2019, 3, 31)),
                             ("2019/20", date(2019, 4, 1), date(2020, 3, 31))):
        data = app.death_figures(start, end).data()
        assert sum(data["by_age_band"].values()) == data["notified"]
        assert data["expected"] + data["unexpected"] == data["notified"]
        assert sum(data["by_category"].values()) == data["reviewed"]
        assert sum(data["modifiable_factors"].values()) == data["reviewed"]
        assert data["notified"] == sum(start <= d["died"] + timedelta(days=d["notify_gap"])
                                       <= end for d in generated)
        sections = {s.title: s for s in app.annual_report(year).sections}
        section = sections.get("Child deaths reviewed by the Child Death Overview Panel")
        if section is None:  # no death mattered to the year: nothing to count in it
            assert data["notified"] == data["reviewed"] == len(data["referred"]) == 0
            continue
        figures = {f.label: f.value for f in section.figures}
        assert figures["Child deaths notified"] == data["notified"]
        assert figures["Deaths reviewed by the panel"] == data["reviewed"]
        assert figures["Deaths referred for a case review"] == len(data["referred"])
        assert figures["Reviewed deaths with modifiable factors"] == \
            data["modifiable_factors"]["yes"]
        [table] = [rows for title, _, rows in section.tables
                   if title == "Deaths reviewed by category"]
        assert {k: int(n) for k, n in table} == data["by_category"]
        assert len(table) == len(CATEGORIES)
        # every clock falling due in the year counted once, late ones never on time (a death
        # is known from its notification, as a case is)
        late_notices = sum(start <= d["died"] + timedelta(days=1) <= end
                           and d["died"] + timedelta(days=d["notify_gap"]) <= end
                           and d["notify_gap"] > 1 for d in generated)
        assert figures["Deaths notified to the panel within 24 hours (met late)"] == late_notices


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deaths)
def test_a_late_review_is_never_on_time_however_it_is_read(generated):
    app = build(generated)
    for death in app.deaths():
        _, review = app.clocks_of(death, TODAY)
        six_months_on = review.due_on
        if death.review and death.review.reviewed_on > six_months_on:
            assert review.status_on(TODAY) is Status.MET_LATE
            assert all(c.status_on(TODAY) is Status.MET_LATE for c in app.clocks(TODAY)
                       if c.subject == death.ref and c.name == "reviewed by the panel")
