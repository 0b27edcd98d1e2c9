"""lif due lists by record, kind, status and the role that must act (issue 11 item 3)."""

import json

from tests.cli.test_missed_deadlines import screened_late


def due(board, *args):
    return json.loads(board("due", "--as-of", "2017-07-31", "--json", *args).output)["clocks"]


def test_due_filters_by_record_kind_status_and_role(board):
    screened_late(board)  # Child H: notified in time, decided late (chair); an SCR
    board("case", "notify", "Child J", "--aware-on", "2017-07-03", "--abuse", "suspected",
          "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2017-07-05")
    board("review", "commission", "SCR-1", "--case", "Child H", "--kind", "scr",
          "--rationale", "decided", "--as", "chair1", "--on", "2017-06-21")
    every = due(board, "--all")
    assert {(c["subject"], c["clock"]) for c in every} == {
        ("Child H", "notification"), ("Child H", "decision"), ("Child J", "notification"),
        ("Child J", "decision"), ("SCR-1", "review completed")}
    assert {c["subject"] for c in due(board, "--all", "--kind", "review")} == {"SCR-1"}
    assert {c["clock"] for c in due(board, "--all", "--record", "child j")} == {
        "notification", "decision"}
    late = due(board, "--status", "met-late")
    assert [(c["subject"], c["clock"], c["owed_by"]) for c in late] == [
        ("Child H", "decision", "independent_chair")]
    chair = due(board, "--all", "--role", "independent_chair")
    assert {(c["subject"], c["clock"]) for c in chair} == {("Child H", "decision"),
                                                           ("Child J", "decision")}
    assert [c["clock"] for c in due(board, "--role", "independent_reviewer")] == [
        "review completed"]
    assert "no case, review" in board("due", "--record", "Child Z", expect=1).output
