"""A write that misses a deadline is recorded (it is a fact) and says so on stderr, naming the
duty, its date and the rule; a write on time, or on a record already late, says nothing."""

from tests.cli.conftest import notify
from tests.cli.test_journey import SCR, STAGES


def screened_late(run):
    notify(run)  # aware 2017-05-01, notified 2017-05-04: in time
    run("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
        "--as", "panel1", "--on", "2017-05-10")
    return run("case", "decide", "Child H", "--decision", "scr", "--rationale", "agree",
               "--as", "chair1", "--on", "2017-06-20")


def test_a_late_decision_is_recorded_and_said_once(board):
    before = board.count()
    out = screened_late(board).output
    assert board.count() == before + 3
    assert ("Warning: Child H: decision by 2017-06-04, done 2017-06-20: MET LATE (decide "
            "within one month of notification (Working Together 2015; rule D1))") in out
    assert out.count("Warning:") == 1  # the notification was in time
    later = board("case", "panel-told", "Child H", "--as", "bm1", "--on", "2017-06-21").output
    assert "Warning" not in later  # still late, but not made late by this write


def to_the_national_panel(run):
    screened_late(run)
    run("review", "commission", SCR, "--case", "Child H", "--kind", "scr", "--rationale",
        "decided", "--as", "chair1", "--on", "2017-06-21")
    outputs = []
    for name, on, *details in STAGES[:STAGES.index(next(s for s in STAGES
                                                         if s[0] == "publish"))]:
        on = max(on, "2017-06-21")
        outputs.append(run("review", name, SCR, *details, "--on", on).output)
    return outputs


def test_stages_in_time_say_nothing(board):
    assert not [out for out in to_the_national_panel(board) if "Warning" in out]


def test_publishing_within_the_week_and_taking_down_early_are_breaches(board):
    to_the_national_panel(board)  # sent on 2017-11-20
    out = board("review", "publish", SCR, "--where", "website", "--as", "bm1", "--on",
                "2017-11-22").output
    assert "Recorded" in out or SCR in out
    assert ("Warning: SCR-2017-01: national panel notice at least until 2017-11-27, "
            "published 2017-11-22: BREACHED") in out and "rule P1" in out
    out = board("review", "taken-down", SCR, "--reason", "complaint", "--as", "bm1", "--on",
                "2018-02-01").output
    assert ("Warning: SCR-2017-01: kept published at least until 2018-11-22, taken down "
            "2018-02-01: BREACHED (published for at least 12 months (rule P2))") in out


def test_a_reason_for_delay_is_shown_with_the_deadline_and_refusals_write_nothing(board):
    screened_late(board)
    board("review", "commission", SCR, "--case", "Child H", "--kind", "scr", "--rationale",
          "decided", "--as", "chair1", "--on", "2017-06-21")
    before = board.count()
    for args, words in (
            (["--clock", "review done", "--reason", "trial"], "has no deadline 'review done'"),
            (["--clock", "review completed", "--reason", " "], "say why it is late"),
    ):
        out = board("delay", SCR, *args, "--as", "bm1", "--on", "2017-11-10", expect=1).output
        assert words in out and len(out.strip().splitlines()) == 1
    assert board.count() == before
    board("delay", SCR, "--clock", "review completed", "--reason", "police disclosure awaited",
          "--as", "bm1", "--on", "2017-11-10")
    shown = "delay explained 2017-11-10 bm1: police disclosure awaited"
    assert shown in board("due", "--as-of", "2017-12-22").output
    assert shown in board("review", "show", SCR).output
    history = board("history", SCR).output
    assert "explained the delay of the review completed deadline: police disclosure" in history


def test_with_json_a_write_gives_what_it_said_and_the_deadlines_it_missed(board):
    import json

    notify(board)
    board("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
          "--as", "panel1", "--on", "2017-05-10")
    result = board("case", "decide", "Child H", "--decision", "scr", "--rationale", "agree",
                   "--as", "chair1", "--on", "2017-06-20", "--json")
    data = json.loads(result.stdout)
    assert data["warnings"] == ["Child H: decision by 2017-06-04, done 2017-06-20: MET LATE "
                                "(decide within one month of notification (Working Together "
                                "2015; rule D1))"]
    assert data["said"] and "Warning" not in result.stdout
    later = json.loads(board("case", "panel-told", "Child H", "--as", "bm1", "--on",
                             "2017-06-21", "--json").stdout)
    assert later["warnings"] == []
