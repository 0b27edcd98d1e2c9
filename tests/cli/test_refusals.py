"""Bad input: one clear line, exit 1 (rules) or 2 (usage), and the store unchanged."""

import sqlite3

import pytest

from tests.cli.conftest import notify

DECIDE = ["case", "decide", "Child H", "--decision", "scr", "--rationale", "agree"]

REFUSED = [  # (name, arguments, exit code, words in the message)
    ("unknown member", [*DECIDE, "--as", "nobody"], 1, "no member 'nobody'"),
    ("wrong role", [*DECIDE, "--as", "bm1"], 1, "needs an independent chair"),
    ("unknown case", ["case", "recommend", "Child Z", "--recommendation", "scr", "--rationale",
                      "x", "--as", "panel1"], 1, "no case 'Child Z'"),
    ("unknown review", ["review", "terms-agreed", "SCR-9", "--as", "panel1"], 1,
     "no review 'SCR-9'"),
    ("out of order", [*DECIDE, "--as", "chair1"], 1, "recommendation on Child H must be"),
    ("future date", [*DECIDE, "--as", "chair1", "--on", "2999-01-01"], 1, "in the future"),
    ("not a date", [*DECIDE, "--as", "chair1", "--on", "12/05/2017"], 2, "is not a date"),
    ("missing rationale", ["case", "recommend", "Child H", "--recommendation", "scr",
                           "--rationale", " ", "--as", "panel1"], 1, "needs a rationale"),
    ("missing option", ["case", "decide", "Child H", "--decision", "scr", "--as", "chair1"], 2,
     "Missing option '--rationale'"),
    ("bad choice", [*DECIDE[:4], "maybe", "--rationale", "x", "--as", "chair1"], 2,
     "'maybe' is not one of"),
    ("duplicate reference", ["case", "notify", "CHILD H", "--aware-on", "2017-05-01",
                             "--abuse", "known", "--harm", "died", "--agency-concern", "yes",
                             "--as", "bm1", "--on", "2017-05-04"], 1, "already exists"),
    ("personal data", ["case", "notify", "485 777 3456", "--aware-on", "2017-05-01",
                       "--abuse", "known", "--harm", "died", "--agency-concern", "yes",
                       "--as", "bm1", "--on", "2017-05-04"], 1, "looks like an NHS number"),
    ("no actor", DECIDE, 2, "Missing option '--as'"),
    ("init twice", ["init", "--board", "B", "--chair", "c", "--chair-org", "o", "--manager",
                    "m", "--manager-org", "o"], 1, "already initialised"),
    # changes of powers and entries keyed on a member's behalf (rules W4, W5)
    ("nothing to agree", ["member", "agree", "panel1", "--as", "chair1"], 1,
     "panel1 has no change awaiting agreement"),
    ("no such proposal", ["member", "agree", "panel1", "7", "--as", "chair1"], 1,
     "event 7 of panel1 is not a change awaiting agreement"),
    ("agree without the power", ["member", "agree", "panel1", "--as", "plqa1"], 1,
     "may not agree or decline a change of powers"),
    ("decline without a reason", ["member", "decline", "panel1", "--as", "chair1"], 2,
     "Missing option '--reason'"),
    ("nothing to confirm", ["member", "confirm", "--as", "chair1"], 1,
     "nothing awaits chair1's confirmation"),
    ("dispute without a number", ["member", "confirm", "--dispute", "wrong", "--as", "chair1"],
     1, "say which entry is disputed"),
    ("link an unknown member", ["member", "link", "--as", "nobody"], 1, "no member 'nobody'"),
    # the regimes after 2018 (rules G1, RR1, RR2)
    ("a Rapid Review without a notification", ["case", "rapid-review-sent", "Child Q", "--as",
                                               "bm1"], 1, "no case 'Child Q'"),
    ("a Rapid Review step under 2015", ["case", "rapid-review-sent", "Child H", "--as", "bm1"],
     1, "Child H is judged under Working Together 2015 (rule G1), which has no step to send"),
    ("a partner's decision by no partner", ["case", "partner-decision", "Child H", "--decision",
                                            "lcspr", "--rationale", "x", "--as", "bm1"], 1,
     "safeguarding partner"),
    ("arrangements outside the transition", ["board", "arrangements", "--took-effect",
                                             "2020-01-01", "--as", "chair1"], 1,
     "took effect between 2018-06-29 and 2019-09-29"),
    ("an LCSPR under 2015", ["review", "commission", "LCSPR-1", "--case", "Child H", "--kind",
                             "lcspr", "--rationale", "x", "--as", "bm1"], 1,
     "judged under Working Together 2015 (rule G1): a case under it is not reviewed by an "
     "LCSPR"),
    ("a partners' report before partners", ["report", "yearly", "--from", "2017-04-01"], 1,
     "end before safeguarding partners existed"),
    ("scrutiny by the chair", ["board", "scrutiny", "--summary", "x", "--as", "chair1"], 1,
     "needs an independent scrutineer"),
    ("looked after and a care leaver", ["case", "notify", "Child Y", "--aware-on", "2024-05-01",
                                        "--abuse", "known", "--harm", "died",
                                        "--agency-concern", "yes", "--looked-after",
                                        "--care-leaver", "--as", "bm1", "--on", "2024-05-02"],
     1, "looked after or a care leaver, not both"),
]


@pytest.mark.parametrize("name, args, code, words", REFUSED, ids=[r[0] for r in REFUSED])
def test_bad_input_is_refused_in_one_line_and_writes_nothing(board, name, args, code, words):
    notify(board)
    before = board.count()
    result = board(*args, expect=code)
    assert words in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    if code == 1:
        assert len(result.output.strip().splitlines()) == 1
    assert board.count() == before


def test_the_actor_can_come_from_LIF_ACTOR(board):
    notify(board)
    board("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "x",
          "--on", "2017-05-10", env={"LIF_ACTOR": "panel1"})


@pytest.mark.sqlite_only  # the SQLite file itself
def test_a_file_that_is_not_a_lif_store_gets_a_clear_message(run):
    run.store.write_text("not a database")
    result = run("case", "list", expect=4)
    assert result.output == f"Error: {run.store} is not a LIF store (not an SQLite database)\n"


@pytest.mark.sqlite_only  # the SQLite file itself
def test_a_missing_store_says_how_to_create_one(run):
    assert "run 'lif init'" in run("due", expect=4).output


@pytest.mark.sqlite_only  # the SQLite file itself
def test_a_locked_store_gets_a_clear_message_and_nothing_is_saved(board):
    notify(board)
    before = board.count()
    blocker = sqlite3.connect(board.store, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        result = board("case", "recommend", "Child H", "--recommendation", "scr",
                       "--rationale", "x", "--as", "panel1", "--on", "2017-05-10", expect=3,
                       env={"LIF_LOCK_TIMEOUT": "1"})
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "locked by another writer" in result.output
    assert board.count() == before


@pytest.mark.sqlite_only  # the SQLite file itself
@pytest.mark.parametrize("command", [["case", "list"], ["case", "show", "Child H"],
                                     ["member", "appoint", "x", "--role", "agency_lead",
                                      "--org", "o", "--as", "bm1"]])
def test_another_sqlite_database_is_not_taken_for_a_store(run, command):
    with sqlite3.connect(run.store) as db:
        db.execute("CREATE TABLE budget (line TEXT)")
    result = run(*command, expect=4)
    assert "not a LIF store" in result.output
    with sqlite3.connect(run.store) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["budget"]


@pytest.mark.parametrize("args", [
    ["case", "notify", "Jayden Smith", "--aware-on", "2017-05-01", "--abuse", "suspected",
     "--harm", "died", "--agency-concern", "yes", "--as", "bm1", "--on", "2017-05-04"],
    ["source", "record", "AUD-1", "--type", "practice-audit", "--title",
     "Audit of DOB 12/03/2015 cases", "--date", "2017-08-01", "--lead", "plqa1", "--as",
     "plqa1", "--on", "2017-09-01"],
    ["member", "appoint", "lead9", "--role", "agency_lead", "--org", "jo@example.org",
     "--as", "bm1", "--on", "2017-04-03"],
])
def test_personal_identifiers_are_refused_in_one_line_and_nothing_is_written(board, args):
    before = board.count()
    out = board(*args, expect=1).output
    assert len(out.strip().splitlines()) == 1 and "rule X" in out
    assert board.count() == before
