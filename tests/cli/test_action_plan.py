"""The action plan from the CLI: sources, findings, actions, monitoring, on a real SQLite file."""

import json

import pytest

A1 = "AUD-2017-02/A1"


@pytest.fixture
def plan(board):
    run = board
    run("member", "appoint", "lead1", "--role", "agency_lead", "--org", "Health", "--as", "bm1",
        "--on", "2017-04-03")
    run("org", "add", "Health", "--as", "bm1", "--on", "2017-04-03")
    run("source", "record", "AUD-2017-02", "--type", "practice-audit", "--title", "Neglect",
        "--date", "2017-08-01", "--lead", "plqa1", "--as", "plqa1", "--on", "2017-09-01")
    run("source", "finding", "AUD-2017-02", "--text", "Neglect recognised late", "--theme",
        "neglect", "--as", "bm1", "--on", "2017-09-01")
    run("source", "approve", "AUD-2017-02", "--body", "PLQA committee", "--rationale", "ok",
        "--as", "plqa1", "--on", "2017-09-05")
    run("action", "propose", A1, "--source", "AUD-2017-02", "--finding", "1", "--what",
        "Train health visitors", "--owner", "health", "--lead", "hv-lead", "--due",
        "2017-11-30", "--measure", "80% trained", "--as", "lead1", "--on", "2017-09-06")
    run("action", "agree", A1, "--as", "plqa1", "--on", "2017-09-07")
    return run


def test_an_action_from_proposal_to_closure_with_monitoring(plan):
    run = plan
    run("action", "update", A1, "--rag", "amber", "--narrative", "venue booked", "--as",
        "lead1", "--on", "2017-10-02")
    run("monitor", "round", "PLQA-2017-12", "--committee", "PLQA committee", "--as", "plqa1",
        "--on", "2017-12-04")
    run("monitor", "outcome", "PLQA-2017-12", "--action", A1, "--outcome", "off-track",
        "--note", "overdue", "--as", "plqa1", "--on", "2017-12-04")
    run("action", "escalate", A1, "--level", "subgroup", "--reason", "overdue", "--as", "bm1",
        "--on", "2017-12-04")
    out = run("monitor", "--as-of", "2017-12-04").output
    assert "1 open action, 1 overdue, 1 escalated" in out
    assert f"{A1} (Health, lead hv-lead): due 2017-11-30, RAG amber, escalated to subgroup" in out
    assert "No update since the last round (PLQA-2017-12, 2017-12-04):\n  " + A1 in out
    run("action", "redate", A1, "--due", "2018-02-28", "--reason", "trainer ill", "--as",
        "lead1", "--on", "2017-12-05")
    run("action", "redate-decision", A1, "--approve", "--note", "fine", "--as", "plqa2",
        "--on", "2017-12-06", expect=1)  # plqa2 is not a member
    run("action", "redate-decision", A1, "--approve", "--note", "fine", "--as", "plqa1",
        "--on", "2017-12-06")
    data = json.loads(run("monitor", "--as-of", "2017-12-06", "--json").output)
    assert data["overdue"] == [] and data["by_organisation"] == {"Health": 1}
    run("action", "claim", A1, "--evidence", "register", "--as", "lead1", "--on", "2018-02-20")
    run("action", "verify", A1, "--note", "checked", "--as", "plqa1", "--on", "2018-02-21")
    run("action", "impact", A1, "--measure", "re-audit", "--result", "9 of 10", "--as", "plqa1",
        "--on", "2018-05-01")
    run("action", "close", A1, "--rationale", "impact evidenced", "--as", "chair1", "--on",
        "2018-05-02")
    run("source", "disseminate", "AUD-2017-02", "--channel", "practitioner-forum",
        "--audience", "health visitors", "--attendance", "35", "--finding", "1", "--as", "bm1",
        "--on", "2018-05-10")
    run("source", "impact", "AUD-2017-02", "--summary", "re-audit shows change", "--as",
        "plqa1", "--on", "2018-06-01")
    action = json.loads(run("action", "show", A1, "--json").output)
    assert action["status"] == "closed" and action["due_on"] == "2018-02-28"
    assert [h["event"] for h in action["history"]].count("Action.DueDateChangeApproved") == 1
    source = json.loads(run("source", "show", "AUD-2017-02", "--json").output)
    assert [c["reached_on"] for c in source["cycle"]] == [
        "2017-08-01", "2017-09-01", "2017-09-05", "2017-09-07", "2017-12-04", "2018-05-10",
        "2018-06-01"]
    assert "impact evidenced" in run("source", "list").output
    assert source["status"] == "impact evidenced"
    assert A1 in run("action", "list", "--source", "AUD-2017-02").output


REFUSED = [
    ("verify own claim", [["member", "appoint", "plqa1", "--role", "agency_lead", "--org",
                           "Health", "--as", "chair1", "--on", "2017-09-01"],
                          ["action", "claim", A1, "--evidence", "e", "--as", "plqa1", "--on",
                           "2017-10-01"]],
     ["action", "verify", A1, "--note", "ok", "--as", "plqa1"], "cannot verify their own claim"),
    ("completion without evidence", [], ["action", "claim", A1, "--evidence", " ", "--as",
                                         "lead1"], "completion needs evidence"),
    ("closure without impact", [], ["action", "close", A1, "--rationale", "done", "--as",
                                    "chair1"], "needs an impact assessment"),
    ("unknown organisation", [], ["action", "propose", "X1", "--source", "AUD-2017-02",
                                  "--finding", "1", "--what", "w", "--owner", "Schools",
                                  "--lead", "l", "--due", "2018-01-01", "--measure", "m",
                                  "--as", "bm1"], "unknown organisation 'Schools'"),
    ("unknown finding", [], ["action", "propose", "X1", "--source", "AUD-2017-02", "--finding",
                             "4", "--what", "w", "--owner", "Health", "--lead", "l", "--due",
                             "2018-01-01", "--measure", "m", "--as", "bm1"],
     "no finding number 4"),
    ("due date past at agreement", [["action", "propose", "X2", "--source", "AUD-2017-02",
                                     "--finding", "1", "--what", "w", "--owner", "Health",
                                     "--lead", "l", "--due", "2017-09-10", "--measure", "m",
                                     "--as", "bm1", "--on", "2017-09-08"]],
     ["action", "agree", "X2", "--as", "plqa1", "--on", "2017-09-12"], "already past"),
]


@pytest.mark.parametrize("name, given, command, words", REFUSED, ids=[r[0] for r in REFUSED])
def test_action_plan_refusals_write_nothing(plan, name, given, command, words):
    for args in given:
        plan(*args)
    before = plan.count()
    result = plan(*command, expect=1)
    assert words in result.output and len(result.output.strip().splitlines()) == 1
    assert plan.count() == before


def test_an_update_to_a_closed_action_is_refused(plan):
    for args in (["claim", A1, "--evidence", "e", "--as", "lead1"],
                 ["verify", A1, "--note", "ok", "--as", "plqa1"],
                 ["impact", A1, "--measure", "m", "--result", "r", "--as", "plqa1"],
                 ["close", A1, "--rationale", "done", "--as", "plqa1"]):
        plan("action", *args, "--on", "2017-10-01")
    before = plan.count()
    out = plan("action", "update", A1, "--rag", "green", "--narrative", "x", "--as", "lead1",
               expect=1).output
    assert "is closed: cannot update" in out and plan.count() == before


def test_too_many_actions_warn_on_stderr_but_are_recorded(plan):
    result = plan("action", "propose", "A2", "--source", "AUD-2017-02", "--finding", "1",
                  "--what", "w", "--owner", "Health", "--lead", "l", "--due", "2018-01-01",
                  "--measure", "m", "--as", "bm1", "--on", "2017-09-08",
                  env={"LIF_MAX_ACTIONS_PER_SOURCE": "1"})
    assert "Warning: AUD-2017-02 now carries 2 actions, more than 1" in result.output
    assert "A2" in plan("action", "list").output


def test_an_action_completed_late_is_recorded_with_a_warning_and_listed_by_lif_due(plan):
    run = plan
    out = run("action", "update", A1, "--rag", "red", "--narrative", "trainer off sick",
              "--as", "lead1", "--on", "2017-12-04").output
    assert "Warning" not in out  # an update ends no deadline, however late
    due = run("due", "--as-of", "2017-12-04", "--kind", "action", "--role", "agency_lead")
    assert ("OVERDUE   AUD-2017-02/A1: action completed by 2017-11-30 (complete by the due "
            "date agreed for it (rule A5))") in due.output
    out = run("action", "claim", A1, "--evidence", "register", "--as", "lead1", "--on",
              "2017-12-06").output
    assert ("Warning: AUD-2017-02/A1: action completed by 2017-11-30, done 2017-12-06: "
            "MET LATE") in out
    shown = json.loads(run("action", "show", A1, "--json").output)
    assert [(c["clock"], c["status"]) for c in shown["clocks"]] == [
        ("action completed", "met late")]
    # Listed as a miss until the financial year ends; then only on asking.
    assert "MET LATE" in run("due", "--as-of", "2018-03-31").output
    assert "AUD-2017-02/A1" not in run("due", "--as-of", "2018-04-01").output
    assert "MET LATE" in run("due", "--as-of", "2018-04-01", "--status", "met-late").output


def test_a_withdrawn_action_is_discharged_with_its_reasons(plan):
    run = plan
    run("action", "withdraw", A1, "--reasons", "the service closed", "--as", "plqa1", "--on",
        "2017-11-01")
    out = run("due", "--as-of", "2017-12-31", "--all", "--record", A1).output
    assert ("DISCHARGED AUD-2017-02/A1: action completed by 2017-11-30, discharged 2017-11-01 "
            "as not applicable (withdrawn: the service closed)") in out
    assert "AUD-2017-02/A1" not in run("due", "--as-of", "2017-12-31").output
