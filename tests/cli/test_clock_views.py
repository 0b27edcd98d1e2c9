"""On a real store, through the commands themselves: lif due, lif history by business time,
lif case show, lif review show and lif evidence give a record the same clocks, also when the
review's timescale was agreed again after it first ran out (issue 10: they used to differ)."""

import json

import pytest

from tests.cli.conftest import notify
from tests.cli.test_journey import SCR, STAGES

RE_AGREED = ("timescale", "2018-01-10", "--due", "2018-03-31", "--rationale", "trial delayed",
             "--as", "chair1")
DATES = ["2017-05-03", "2017-06-01", "2017-06-20", "2017-12-20", "2018-01-09", "2018-01-10",
         "2018-02-01", "2018-04-02", "2018-11-30", "2018-12-06", "2019-06-01"]


@pytest.fixture
def store(board):
    run = board
    notify(run)
    run("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
        "--as", "panel1", "--on", "2017-05-10")
    run("case", "decide", "Child H", "--decision", "scr", "--rationale", "agree", "--as",
        "chair1", "--on", "2017-05-12")
    run("review", "commission", SCR, "--case", "Child H", "--kind", "scr", "--rationale", "x",
        "--as", "chair1", "--on", "2017-05-15")
    before = [s for s in STAGES if s[1] <= "2017-07-20"]
    after = [("report-drafted", "2018-01-15", "--as", "rev1"),
             ("report-presented", "2018-01-22", "--to", "Board", "--as", "bm1"),
             ("approve", "2018-01-22", "--rationale", "accepted", "--as", "plqa1"),
             ("sent-to-panel", "2018-01-29", "--as", "bm1"),
             ("publish", "2018-02-12", "--where", "board website", "--as", "bm1"),
             ("taken-down", "2018-12-05", "--reason", "trial", "--as", "bm1")]
    for name, on, *details in before + [RE_AGREED] + after:
        run("review", name, SCR, *details, "--on", on)
    return run


def clocks(run, *args):
    return sorted(json.loads(run(*args, "--json").output)["clocks"], key=str)


@pytest.mark.parametrize("day", DATES)
def test_due_and_history_by_business_time_give_the_same_clocks(store, day):
    due = clocks(store, "due", "--all", "--as-of", day)
    for ref, kind in (("Child H", "case"), (SCR, "review")):
        history = clocks(store, "history", ref, "--kind", kind, "--as-of", day, "--by",
                         "business")
        assert history == [c for c in due if c["subject"] == ref]


def test_show_and_the_evidence_pack_give_the_clocks_due_gives_today(store, tmp_path):
    due = clocks(store, "due", "--all")
    shown = clocks(store, "case", "show", "Child H") + clocks(store, "review", "show", SCR)
    assert sorted(shown, key=str) == due
    store("evidence", "Child H", "--out", str(tmp_path / "pack"))
    pack = json.loads((tmp_path / "pack" / "Child-H-evidence.json").read_text())
    assert sorted(pack["clocks"], key=str) == due
    assert "2018-03-31" in {c["due_on"] for c in due}  # the timescale agreed again counts
