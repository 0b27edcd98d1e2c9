"""Every command, end to end, through CliRunner on a real SQLite file."""

import json

from tests.cli.conftest import notify

SCR = "SCR-2017-01"
STAGES = [  # command, business date, details
    ("reviewer", "2017-06-01", "--reviewer", "rev1", "--declaration", "no involvement", "--as",
     "bm1"),
    ("agencies", "2017-06-02", "--agency", "Police", "--agency", "Health", "--as", "bm1"),
    ("imr-author", "2017-06-05", "--agency", "Police", "--author", "imr-1", "--as", "bm1"),
    ("terms-drafted", "2017-06-06", "--summary", "2016-17", "--as", "panel1"),
    ("terms-circulated", "2017-06-07", "--to", "all members", "--as", "panel1"),
    ("terms-agreed", "2017-06-14", "--as", "panel1"),
    ("methodology", "2017-06-14", "--methodology", "SILP", "--rationale", "few agencies",
     "--as", "panel1"),
    ("meeting-scheduled", "2017-06-08", "--kind", "initial", "--date", "2017-06-20", "--as",
     "bm1"),
    ("meeting-held", "2017-06-20", "--number", "1", "--as", "bm1"),
    ("timescale", "2017-06-20", "--as", "panel1"),
    ("meeting-scheduled", "2017-06-21", "--kind", "update", "--date", "2017-09-01", "--as",
     "bm1"),
    ("family-invited", "2017-06-22", "--invitee", "Mother of Child H", "--as", "rev1"),
    ("family-response", "2017-07-03", "--invitee", "Mother of Child H", "--response",
     "declined", "--as", "rev1"),
    ("professionals", "2017-07-20", "--how", "learning event", "--as", "rev1"),
    ("report-drafted", "2017-10-02", "--as", "rev1"),
    ("report-presented", "2017-10-16", "--to", "Board", "--as", "bm1"),
    ("return", "2017-10-16", "--reasons", "needs the family's view", "--as", "chair1"),
    ("report-drafted", "2017-10-30", "--as", "rev1"),
    ("report-presented", "2017-11-13", "--to", "Board", "--as", "bm1"),
    ("approve", "2017-11-13", "--rationale", "accepted", "--as", "plqa1"),
    ("defer", "2017-11-14", "--reasons", "criminal trial", "--as", "chair1"),
    ("sent-to-panel", "2017-11-20", "--as", "bm1"),
    ("publish", "2017-12-04", "--where", "board website", "--as", "bm1"),
    ("taken-down", "2018-12-05", "--reason", "12 months", "--as", "bm1"),
    ("close", "2018-12-06", "--rationale", "done", "--as", "chair1"),
]


def test_a_case_from_notification_to_a_closed_scr(board):
    run = board
    out = notify(run).output
    assert "SCR criteria MET (reg 5(2)(a) and (b)(i))" in out
    run("case", "correct", "Child H", "--agency-concern", "yes", "--reason", "IMRs", "--as",
        "bm1", "--on", "2017-05-08")
    run("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
        "--as", "panel1", "--on", "2017-05-10")
    run("case", "decide", "Child H", "--decision", "scr", "--rationale", "agree", "--as",
        "chair1", "--on", "2017-05-12")
    run("case", "panel-told", "Child H", "--as", "bm1", "--on", "2017-05-15")
    run("case", "panel-request", "Child H", "--kind", "information", "--detail", "ToR",
        "--as", "bm1", "--on", "2017-05-20")
    run("case", "panel-answer", "Child H", "--number", "1", "--answer", "sent", "--as", "bm1",
        "--on", "2017-05-22")
    run("review", "commission", SCR, "--case", "Child H", "--kind", "scr", "--rationale",
        "decided", "--as", "chair1", "--on", "2017-05-25")
    for name, on, *details in STAGES:
        run("review", name, SCR, *details, "--on", on)
    review = json.loads(run("review", "show", SCR, "--json").output)
    assert review["closed_on"] == "2018-12-06" and review["kind"] == "scr"
    assert len(review["history"]) == len(STAGES) + 1
    assert review["history"][-1]["fields"]["rationale"] == "done"
    case = json.loads(run("case", "show", "Child H", "--json").output)
    assert case["decision"] == "scr" and case["criteria"]["rule"] == "reg 5(2)(a) and (b)(i)"
    assert [h["event"] for h in case["history"]][1] == "Case.NotificationCorrected"
    text = run("case", "show", "Child H").output
    assert "chair1 (independent chair) decided on a serious case review" in text
    assert [c["ref"] for c in json.loads(run("case", "list", "--json").output)] == ["Child H"]
    assert SCR in run("review", "list").output
    members = json.loads(run("member", "list", "--json").output)
    assert {m["member"] for m in members} == {"chair1", "bm1", "panel1", "rev1", "plqa1"}
    run("member", "end", "panel1", "--role", "scr_panel_member", "--reason", "left", "--as",
        "bm1", "--on", "2018-01-01")
    assert "PROPOSED" in run("member", "list").output  # until a second member agrees (rule W4)
    run("member", "agree", "panel1", "--as", "chair1", "--on", "2018-01-01")
    assert "to 2018-01-01" in run("member", "list").output
    clocks = json.loads(run("due", "--all", "--as-of", "2019-01-01", "--json").output)["clocks"]
    assert {(c["subject"], c["clock"], c["status"]) for c in clocks} >= {
        ("Child H", "decision", "met"), (SCR, "kept published", "met")}
    due = run("due", "--all", "--as-of", "2019-01-01").output  # minimum periods read as such
    assert f"MET       {SCR}: kept published at least until " in due
    assert f"{SCR}: national panel notice at least until " in due and ", published 20" in due


def test_due_lists_what_is_overdue_as_at_a_date(board):
    notify(board)
    out = board("due", "--as-of", "2017-06-05").output
    assert "OVERDUE   Child H: decision by 2017-06-04" in out
    assert "Child H: notification" not in out  # met on time: shown only with --all
    assert "Child H: notification" in board("due", "--all", "--as-of", "2017-06-05").output
    assert "nothing due" in board("due", "--as-of", "2017-05-03").output


def test_a_date_is_corrected_by_a_new_event_and_the_history_keeps_both(board):
    notify(board)
    board("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
          "--as", "panel1", "--on", "2017-05-10")
    board("case", "correct-date", "Child H", "--event", "2", "--date", "2017-05-09",
          "--reason", "panel met on 9 May", "--as", "bm1", "--on", "2017-05-11")
    case = json.loads(board("case", "show", "Child H", "--json").output)
    assert case["recommended_on"] == "2017-05-09"
    assert case["history"][1]["fields"]["on"] == "2017-05-10"
    assert "corrected the date of event 2 (recommended on) from 2017-05-10 to 2017-05-09" in \
        case["history"][2]["text"]
    board("review", "correct-date", "SCR-1", "--event", "1", "--date", "2017-05-09",
          "--reason", "x", "--as", "bm1", expect=1)
