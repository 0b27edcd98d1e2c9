"""Who keys a step, beside whose step it is (issue 12; rules W4, W5), on a real store: members
link the operating-system account they key from, a second member agrees; anyone else keys a
linked member's step only on their behalf, and the member confirms or disputes it.

The operating-system account is what `adapters.composition.os_account` returns; the tests
set it as a different login would."""

import json

import pytest

from tests.cli.conftest import notify

# Accounts are the operating system's here; PostgreSQL logins are issue 15, item 2.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def login(monkeypatch):
    """`login("bob")`: the following commands run as operating-system account bob."""
    import adapters.composition as composition

    def log_in(account: str) -> None:
        monkeypatch.setattr(composition, "os_account", lambda: account)

    return log_in


@pytest.fixture
def linked(board, login):
    """chair1 keys from account alice, bm1 from account bob, each agreed by the other."""
    login("alice")
    board("member", "link", "--as", "chair1", "--on", "2017-04-03")
    login("bob")
    board("member", "agree", "chair1", "--as", "bm1", "--on", "2017-04-03")
    board("member", "link", "--as", "bm1", "--on", "2017-04-03")
    login("alice")
    board("member", "agree", "bm1", "--as", "chair1", "--on", "2017-04-03")
    return board


def screened(board, login):
    """Child H notified by bm1 (from bob) and recommended by panel1 (from an account linked
    to no one, as panel1 is linked to none)."""
    login("bob")
    notify(board)
    login("shared-pc")
    board("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
          "--as", "panel1", "--on", "2017-05-10")
    login("bob")


def test_a_link_waits_for_a_second_member_and_is_listed_until_agreed(board, login):
    login("alice")
    out = board("member", "link", "--as", "chair1", "--on", "2017-04-03").output
    assert "Proposed the link to the operating-system account alice of chair1" in out
    assert "lif member agree chair1" in out
    due = board("due", "--as-of", "2017-04-03").output
    assert "chair1: link to the operating-system account alice, proposed by chair1" in due
    refused = board("member", "agree", "chair1", "--as", "chair1", expect=1).output
    assert "chair1 proposed it: a second member" in refused
    login("bob")
    board("member", "agree", "chair1", "--as", "bm1", "--on", "2017-04-03")
    members = {m["member"]: m for m in json.loads(board("member", "list", "--json").output)}
    assert members["chair1"]["account"] == "alice" and members["chair1"]["proposed"] == []
    assert json.loads(board("due", "--json").output)["awaiting"] == []


def test_an_account_keys_as_one_member_only(linked, login):
    login("alice")
    refused = linked("member", "link", "--as", "panel1", "--on", "2017-04-04", expect=1).output
    assert "this is account alice (chair1's)" in refused  # alice cannot claim panel1
    login("carol")  # linked to no one yet: it proposes for two members before either is agreed
    linked("member", "link", "--as", "panel1", "--on", "2017-04-04")
    linked("member", "link", "--as", "rev1", "--on", "2017-04-04")
    login("bob")
    linked("member", "agree", "panel1", "--as", "bm1", "--on", "2017-04-04")
    assert "account carol is already panel1's" in linked(
        "member", "agree", "rev1", "--as", "bm1", "--on", "2017-04-04", expect=1).output
    assert {m["member"]: m["account"] for m in json.loads(
        linked("member", "list", "--json").output)}["panel1"] == "carol"


def test_someone_else_keys_a_linked_members_step_only_on_their_behalf(linked, login):
    screened(linked, login)
    before = linked.count()
    refused = linked("case", "decide", "Child H", "--decision", "scr", "--rationale", "from "
                     "the minutes", "--as", "chair1", "--on", "2017-05-12", expect=1).output
    assert "this is account bob (bm1's), and chair1 keys from account alice" in refused
    assert "--on-behalf" in refused and linked.count() == before
    linked("case", "decide", "Child H", "--decision", "scr", "--rationale", "from the minutes "
           "of 12 May", "--as", "chair1", "--on", "2017-05-12", "--on-behalf")
    history = linked("history", "Child H").output
    assert "NOTE: keyed on chair1's behalf by bm1; awaiting chair1's confirmation" in history
    due = linked("due", "--as-of", "2017-05-12").output
    assert "chair1: 1 entry keyed by bm1 (case Child H event 3)" in due
    assert "lif member confirm" in due


def test_the_member_confirms_from_their_own_account_never_the_keyers(linked, login):
    screened(linked, login)
    linked("case", "decide", "Child H", "--decision", "scr", "--rationale", "from the minutes",
           "--as", "chair1", "--on", "2017-05-12", "--on-behalf")
    refused = linked("member", "confirm", "--as", "chair1", "--on-behalf", expect=1).output
    assert "a confirmation is chair1's own" in refused
    login("alice")
    assert "Confirmed" in linked("member", "confirm", "--as", "chair1", "--on",
                                 "2017-05-13").output
    history = linked("history", "Child H").output
    assert "keyed on chair1's behalf by bm1; confirmed by chair1 on 2017-05-13" in history
    assert json.loads(linked("due", "--json").output)["awaiting"] == []
    assert "nothing awaits chair1's confirmation" in linked(
        "member", "confirm", "--as", "chair1", expect=1).output


def test_a_disputed_entry_is_marked_in_its_history(linked, login):
    screened(linked, login)
    linked("case", "decide", "Child H", "--decision", "scr", "--rationale", "from the minutes",
           "--as", "chair1", "--on", "2017-05-12", "--on-behalf")
    number = json.loads(linked("due", "--json").output)["awaiting"][0]["number"]
    login("alice")
    linked("member", "confirm", str(number), "--dispute", "the minutes say deferred", "--as",
           "chair1", "--on", "2017-05-13")
    assert "DISPUTED by chair1 on 2017-05-13: the minutes say deferred" in linked(
        "history", "Child H").output


def test_on_behalf_from_the_members_own_account_is_refused(linked, login):
    login("alice")
    notify_as_chair = ("case", "notify", "Child H", "--aware-on", "2017-05-02", "--abuse",
                       "suspected", "--harm", "died", "--agency-concern", "not-yet-known")
    out = linked(*notify_as_chair, "--as", "bm1", "--on", "2017-05-05", "--on-behalf").output
    assert "Child H" in out  # alice keys bm1's notification for them: allowed, noted
    refused = linked("member", "agree", "panel1", "--as", "chair1", "--on-behalf",
                     expect=1).output
    assert "account alice is chair1's own: --on-behalf is for a step keyed for another" \
        in refused


def test_a_board_that_links_no_one_keys_as_before(board, login):
    login("anyone")
    notify(board)  # neither the account nor bm1 is linked
    assert "NOTE" not in board("history", "Child H").output
