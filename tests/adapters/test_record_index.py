"""The annual report through its record index equals the report from every record, year by
year, also after more events arrive and after a rebuild."""

from datetime import date

import pytest

from adapters.composition import build_app
from adapters.record_index import relevant_records
from lif_domain.annual import financial_year
from tests.cli.conftest import Lif, found_board
from tests.cli.test_journey import test_a_case_from_notification_to_a_closed_scr as journey

YEARS = ["2016/17", "2017/18", "2018/19", "2019/20"]


def figures(report):
    return [(s.title, f.label, f.value, f.evidence) for s in report.sections for f in s.figures]


@pytest.fixture
def store(tmp_path):
    run = found_board(Lif(tmp_path / "lif.sqlite"), on="2016-04-03")
    journey(run)
    run("member", "appoint", "panel2", "--role", "scr_panel_member", "--org", "P", "--as", "bm1",
        "--on", "2016-04-03")
    run("case", "notify", "Child Old", "--aware-on", "2016-06-01", "--abuse", "known",
        "--harm", "neither", "--agency-concern", "yes", "--as", "bm1", "--on", "2016-06-02")
    return run


def app_for(run):
    return build_app({"LIF_STORE": str(run.store)}, today=lambda: date(2026, 11, 25))


@pytest.mark.parametrize("year", YEARS)
def test_the_indexed_report_equals_the_full_report(store, year):
    app = app_for(store)
    start, end = financial_year(year)
    indexed = app.annual_report(year, relevant_records(store.store, start, end))
    assert figures(indexed) == figures(app.annual_report(year))


def test_the_index_follows_new_events_and_can_be_rebuilt(store):
    start, end = financial_year("2019/20")
    before = relevant_records(store.store, start, end)
    assert len(before) >= 1  # Child Old was never decided: still awaiting, so still needed
    store("case", "recommend", "Child Old", "--recommendation", "no-review", "--rationale",
          "no harm", "--as", "panel2", "--on", "2019-05-01")
    store("case", "decide", "Child Old", "--decision", "no-review", "--rationale", "no harm",
          "--as", "chair1", "--on", "2019-05-02")
    app = app_for(store)
    for year in YEARS:
        s, e = financial_year(year)
        assert figures(app.annual_report(year, relevant_records(store.store, s, e))) == \
            figures(app.annual_report(year))
        assert relevant_records(store.store, s, e, rebuild=True) == \
            relevant_records(store.store, s, e)
    decided_long_ago = relevant_records(store.store, *financial_year("2021/22"))
    assert decided_long_ago == []  # everything ended before 2021
