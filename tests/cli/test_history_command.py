"""lif history for every kind of record, from the CLI on a real SQLite file."""

import json

import pytest

from tests.cli.test_action_plan import A1, plan  # noqa: F401  (the fixture)


def test_history_tells_each_kind_of_record_with_its_links(plan):  # noqa: F811
    run = plan
    run("monitor", "round", "PLQA-1", "--committee", "PLQA", "--as", "plqa1", "--on",
        "2017-10-01")
    run("monitor", "outcome", "PLQA-1", "--action", A1, "--outcome", "on-track", "--note", "ok",
        "--as", "plqa1", "--on", "2017-10-01")
    source = json.loads(run("history", "AUD-2017-02", "--json").output)
    assert source["kind"] == "source" and source["links"]["actions"] == [A1]
    assert source["links"]["monitoring"] == ["PLQA-1"]
    action = run("history", A1).output
    assert "History of action AUD-2017-02/A1" in action
    assert "Linked monitoring: PLQA-1" in action
    assert "plqa1 (PLQA member) agreed the action" in action
    assert "Linked actions: AUD-2017-02/A1" in run("history", "PLQA-1").output


def test_history_of_a_case_as_at_a_business_date_shows_the_clocks_then(board):
    from tests.cli.conftest import notify

    notify(board)
    out = board("history", "Child H", "--as-of", "2017-06-05", "--by", "business").output
    assert "OVERDUE   Child H: decision by 2017-06-04" in out
    data = json.loads(board("history", "Child H", "--as-of", "2017-05-03", "--by", "business",
                            "--json").output)
    assert data["state"] is None and data["events"] == []


@pytest.mark.parametrize("args, words", [
    (["history", "Nobody"],
     "no case, review, source, action, round, training event or programme, child death, "
     "Section 11 round or audit 'Nobody'"),
    (["history", "Child H", "--kind", "review"], "no review 'Child H'"),
])
def test_history_of_an_unknown_record_is_one_line(board, args, words):
    from tests.cli.conftest import notify

    notify(board)
    assert words in board(*args, expect=1).output


def test_history_is_in_business_date_order_and_says_where_recording_differs(board):
    from tests.cli.test_evidence import screened

    screened(board)  # SCR-1 commissioned on 2017-06-21
    board("review", "reviewer", "SCR-1", "--reviewer", "rev1", "--declaration", "none",
          "--as", "bm1", "--on", "2017-06-28")
    board("review", "agencies", "SCR-1", "--agency", "Police", "--as", "bm1", "--on",
          "2017-06-23")  # recorded after the reviewer, done before
    lines = [line for line in board("history", "SCR-1").output.splitlines()
             if line.strip()[:2] in ("1.", "2.", "3.")]
    assert [line.split()[1] for line in lines] == ["2017-06-21", "2017-06-23", "2017-06-28"]
    assert lines[0].endswith("]") and "recorded as event" not in lines[0]
    assert lines[1].endswith("; recorded as event 3]")
    assert lines[2].endswith("; recorded as event 2]")
    rows = json.loads(board("history", "SCR-1", "--json").output)["events"]
    assert [r["version"] for r in rows] == [1, 3, 2]


def test_an_entry_backdated_after_its_members_appointment_ended_is_shown_as_such(board):
    from tests.cli.conftest import notify

    notify(board)
    board("member", "end", "panel1", "--role", "scr_panel_member", "--reason", "left the "
          "police", "--as", "bm1", "--on", "2017-06-30")
    board("member", "agree", "panel1", "--as", "chair1", "--on", "2017-06-30")
    board("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
          "--as", "panel1", "--on", "2017-05-10")  # keyed now, dated before the end
    out = board("history", "Child H").output
    assert "NOTE: keyed after panel1's appointment as SCR panel member ended on 2017-06-30" \
        in out


def test_nobody_appoints_themselves(board):
    out = board("member", "appoint", "bm1", "--role", "independent_chair", "--org", "Council",
                "--as", "bm1", "--on", "2017-05-01", expect=1).output
    assert "bm1 may not appoint themselves (rules W3, W4)" in out


def test_history_says_which_account_keyed_each_event_and_the_tree_covers_it(board):
    import json

    from adapters.composition import os_account
    from tests.cli.conftest import notify

    notify(board)
    # the operating-system account on SQLite; on PostgreSQL the database login (issue 15)
    from tests.postgres import LOGIN

    account = LOGIN if board.database == "postgres" else os_account()
    out = board("history", "Child H").output
    assert f"by account {account}]" in out
    rows = json.loads(board("history", "Child H", "--json").output)["events"]
    assert {r["keyed_by"] for r in rows} == {account}


def test_history_kinds_offered_are_the_kinds_it_knows():
    from cli.history import history
    from lif_domain.application.history import KINDS

    [kind] = [p for p in history.params if p.name == "kind"]
    assert tuple(kind.type.choices) == KINDS
