"""The record directory kept in a real store, a SQLite file or a PostgreSQL schema: the views
that read it give the answers the whole log gives, year by year and date by date, also after
more events arrive; rebuilt from the log it equals the one kept; and a directory deleted, cut
back, corrupted or of another layout is rebuilt or caught up, never answered from."""

from datetime import date, timedelta

import pytest

from adapters.composition import build_app
from lif_domain.clocks import clocks_of
from lif_domain.monitor import monitor
from tests.cli.conftest import found_board
from tests.cli.conftest import run as run  # noqa: F401  (the fixture: both stores)
from tests.cli.test_journey import test_a_case_from_notification_to_a_closed_scr as journey
from tests.tampering import execute

YEARS = ["2016/17", "2017/18", "2018/19", "2019/20", "2021/22"]


def figures(report):
    return [(s.title, f.label, f.value, f.evidence) for s in report.sections for f in s.figures]


@pytest.fixture
def store(run):
    found_board(run, on="2016-04-03")
    journey(run)
    run("member", "appoint", "panel2", "--role", "scr_panel_member", "--org", "P", "--as", "bm1",
        "--on", "2016-04-03")
    run("member", "agree", "panel2", "--as", "chair1", "--on", "2016-04-03")
    run("case", "notify", "Child Old", "--aware-on", "2016-06-01", "--abuse", "known",
        "--harm", "neither", "--agency-concern", "yes", "--as", "bm1", "--on", "2016-06-02")
    learning(run)
    return run


A1, A2 = "SCR-2017-01/A1", "SCR-2017-01/A2"


def learning(run):
    """The SCR's report as a source, with two actions, monitoring rounds and one closure."""
    run("member", "appoint", "lead1", "--role", "agency_lead", "--org", "Health", "--as", "bm1",
        "--on", "2016-04-03")
    run("org", "add", "Health", "--as", "bm1", "--on", "2016-04-03")
    run("source", "record", "SCR-2017-01", "--type", "scr", "--title", "Child H", "--date",
        "2017-11-13", "--lead", "plqa1", "--review", "scr-2017-01", "--as", "plqa1",
        "--on", "2017-11-14")
    run("source", "finding", "SCR-2017-01", "--text", "Neglect recognised late", "--theme",
        "neglect", "--as", "bm1", "--on", "2017-11-14")
    for ref, due in ((A1, "2018-01-31"), (A2, "2018-06-30")):
        run("action", "propose", ref, "--source", "SCR-2017-01", "--finding", "1", "--what",
            "Train health visitors", "--owner", "health", "--lead", "hv-lead", "--due", due,
            "--measure", "80% trained", "--as", "lead1", "--on", "2017-11-15")
        run("action", "agree", ref, "--as", "plqa1", "--on", "2017-11-16")
    run("action", "update", A1, "--rag", "amber", "--narrative", "venue booked", "--as",
        "lead1", "--on", "2017-12-02")
    for round_, on, action in (("PLQA-2017-12", "2017-12-04", A1), ("PLQA-2018-03", "2018-03-05",
                                                                    A2)):
        run("monitor", "round", round_, "--committee", "PLQA", "--as", "plqa1", "--on", on)
        run("monitor", "outcome", round_, "--action", action, "--outcome", "off-track",
            "--note", "late", "--as", "plqa1", "--on", on)
    run("action", "claim", A1, "--evidence", "register", "--as", "lead1", "--on", "2018-02-20")
    run("action", "verify", A1, "--note", "checked", "--as", "plqa1", "--on", "2018-02-21")
    run("action", "impact", A1, "--measure", "re-audit", "--result", "9 of 10", "--as", "plqa1",
        "--on", "2018-05-01")
    run("action", "close", A1, "--rationale", "impact evidenced", "--as", "chair1", "--on",
        "2018-05-02")


def app_for(run):
    return build_app({**run.env, "LIF_STORE": str(run.store)}, today=lambda: date(2026, 11, 25))


def whole_log_clocks(app, as_of):
    """What lif due says, worked out from every case, review and action in the log."""
    from lif_domain.action import Action
    from lif_domain.case import Case
    from lif_domain.review import Review

    found = app.replay_all(Case, Review, Action)
    return sorted((c for r in found[Case] + found[Review] + found[Action]
                   for c in clocks_of(r, app.calendar, as_of)
                   if c.shown_on(as_of)),
                  key=lambda c: (c.due_on, c.subject, c.name))


def whole_log_monitor(app, as_of):
    from lif_domain.action import Action
    from lif_domain.monitoring import MonitoringRound

    found = app.replay_all(Action, MonitoringRound)
    return monitor(found[Action], found[MonitoringRound], as_of)


def whole_log_cycles(app):
    """Each source's learning cycle worked out from every source, action, round and review."""
    from lif_domain.action import Action
    from lif_domain.cycle import cycle
    from lif_domain.monitoring import MonitoringRound
    from lif_domain.review import Review
    from lif_domain.source import LearningSource

    found = app.replay_all(LearningSource, Action, MonitoringRound, Review)
    approved = {r.ref.casefold(): r.done.get("report_approved") for r in found[Review]}
    cycles = []
    for source in found[LearningSource]:
        actions = [a for a in found[Action] if a.source_ref == source.ref]
        refs = {a.ref for a in actions}
        monitored = min((r.held_on for r in found[MonitoringRound] if refs & r.reviewed.keys()),
                        default=None)
        cycles.append((source.ref, cycle(source, actions, monitored,
                                         approved.get((source.review_ref or "").casefold())),
                       sorted(refs)))
    return cycles


def dates():
    day = date(2016, 4, 1)
    while day < date(2020, 1, 1):
        yield day
        day += timedelta(days=23)


def assert_views_equal_the_whole_log(app):
    for year in YEARS:
        assert figures(app.annual_report(year)) == figures(app.annual_report(year,
                                                                             whole_log=True))
    for day in dates():
        assert app.clocks(day) == whole_log_clocks(app, day), day
        assert app.monitor(day) == whole_log_monitor(app, day), day


def test_every_view_through_the_directory_equals_the_whole_log(store):
    assert_views_equal_the_whole_log(app_for(store))


@pytest.mark.parametrize("chunk", [1, 200])
def test_each_source_s_cycle_through_the_directory_equals_the_whole_log_s(store, chunk):
    app = app_for(store)
    store("source", "record", "AUD-1", "--type", "practice-audit", "--title", "t", "--date",
          "2018-01-01", "--lead", "plqa1", "--as", "plqa1", "--on", "2018-01-02")
    listed = [(s.ref, steps, sorted(refs)) for s, steps, refs in app.cycles(chunk=chunk)]
    assert listed == whole_log_cycles(app)
    reached = [c.name for c in listed[0][1] if c.reached_on]
    assert reached == ["information gathered", "report and action plan produced", "approval",
                       "implementation programme", "monitoring"]  # approval: the SCR's
    assert len(listed) == 2 and listed[0][2] == [A1, A2]


def test_records_read_a_chunk_at_a_time_come_back_in_order(store):
    app = app_for(store)
    ids = app.directory.ids("action") + app.directory.ids("case")
    assert [r.ref for r in app.each_record(ids[::-1], chunk=2)] == [
        app.replay(i).ref for i in ids[::-1]]


def test_the_directory_follows_new_events_and_rebuilt_equals_kept(store):
    app = app_for(store)
    app.clocks(date(2019, 5, 1))  # the directory is caught up
    store("case", "recommend", "Child Old", "--recommendation", "no-review", "--rationale",
          "no harm", "--as", "panel2", "--on", "2019-05-01")
    store("case", "decide", "Child Old", "--decision", "no-review", "--rationale", "no harm",
          "--as", "chair1", "--on", "2019-05-02")
    app = app_for(store)
    assert_views_equal_the_whole_log(app)
    kept = table(store)
    app.directory.rebuild()
    assert table(store) == kept
    assert app.directory.ids("case", active=("2021-04-01", "2022-03-31")) == []


def table(run):
    return (execute(run, "SELECT * FROM lif_records ORDER BY id"),
            execute(run, "SELECT * FROM lif_round_actions ORDER BY 1, 2"))


DAMAGE = {
    "table dropped": "DROP TABLE lif_records",
    "rows deleted": "DELETE FROM lif_records WHERE kind = 'review'",
    "a row added": "INSERT INTO lif_records SELECT 'x' || id, kind, ref, opened, first_on, "
                   "last_on, ended_on, link, clocks_from, quiet_from, due_until FROM lif_records "
                   "LIMIT 1",
    "a field corrupted": "UPDATE lif_records SET quiet_from = '2000-01-01' WHERE kind = 'case'",
    "a link corrupted": "UPDATE lif_records SET link = 'nobody' WHERE kind = 'review'",
    "a round's actions deleted": "DELETE FROM lif_round_actions",
    "position cut back": "UPDATE {meta} SET value = '3' WHERE name = 'read_model_position'",
    "position moved on": "UPDATE {meta} SET value = '999999' "
                         "WHERE name = 'read_model_position'",
    "another layout": "UPDATE {meta} SET value = '0' WHERE name = 'read_model_version'",
    "meta deleted": "DELETE FROM {meta} WHERE name LIKE 'read_model%'",
    "a trigger dropped": "DROP TRIGGER lif_lif_records_update{on_records}",
}
# The read model's own values: in lif_meta on SQLite, a table of their own on PostgreSQL.
NAMES = {"sqlite": {"meta": "lif_meta", "on_records": ""},
         "postgres": {"meta": "lif_read_model", "on_records": " ON lif_records"}}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_directory_is_rebuilt_not_answered_from(store, damage):
    app = app_for(store)
    day = date(2017, 12, 1)
    expected = (whole_log_clocks(app, day), app.links("case", app.case("Child H")),
                app.links("action", app.action(A1)))
    assert (app.clocks(day), app.links("case", app.case("Child H")),
            app.links("action", app.action(A1))) == expected
    kept = table(store)
    execute(store, DAMAGE[damage].format(**NAMES[store.database]))
    app = app_for(store)
    assert (app.clocks(day), app.links("case", app.case("Child H")),
            app.links("action", app.action(A1))) == expected
    assert table(store) == kept
