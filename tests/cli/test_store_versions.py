"""Stores and events evolve without editing what is stored (ADR 0017): a store written by a
newer LIF is refused with one line and nothing written; an event class that gains a field
upcasts the events stored before, which keep replaying, and the log keeps verifying."""

import json
import sqlite3

from datetime import date

import pytest

from adapters.composition import build_app

from lif_domain.case import Case
from tests.cli.conftest import notify

pytestmark = pytest.mark.sqlite_only  # the layout of a SQLite file


@pytest.fixture
def told(board):
    notify(board)
    board("case", "recommend", "Child H", "--recommendation", "no-review", "--rationale",
          "not met", "--as", "panel1", "--on", "2017-05-10")
    board("case", "decide", "Child H", "--decision", "no-review", "--rationale", "agree",
          "--departure-reason", "family moved abroad", "--as", "chair1", "--on", "2017-05-12")
    board("case", "panel-told", "Child H", "--as", "bm1", "--on", "2017-05-15")
    return board


def test_a_new_store_is_marked_with_its_layout_version(told):
    with sqlite3.connect(told.store) as db:
        assert db.execute("SELECT value FROM lif_meta WHERE name = 'schema_version'"
                          ).fetchone() == ("2",)


@pytest.mark.parametrize("command", [["case", "show", "Child H"], ["due"], ["verify"],
                                     ["case", "panel-request", "Child H", "--kind",
                                      "information", "--detail", "x", "--as", "bm1"]])
def test_a_store_written_by_a_newer_lif_is_refused_and_nothing_is_written(told, command):
    with sqlite3.connect(told.store) as db:
        db.execute("UPDATE lif_meta SET value = '3' WHERE name = 'schema_version'")
    before = told.count()
    result = told(*command, expect=4)
    assert "written by a newer LIF (store version 3" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert told.count() == before


def test_an_event_that_gains_a_field_upcasts_what_was_stored_and_still_verifies(told,
                                                                                 monkeypatch):
    told_class = Case.NationalPanelTold

    def upcast_v1_v2(state):
        state["how"] = "not recorded"  # events stored before the field existed

    monkeypatch.setattr(told_class, "class_version", 2, raising=False)
    monkeypatch.setattr(told_class, "upcast_v1_v2", staticmethod(upcast_v1_v2), raising=False)
    app = build_app({"LIF_STORE": str(told.store)})
    [event] = [e for e in app.decoded_events(Case.id_for("Child H"))
               if isinstance(e, told_class)]
    assert event.how == "not recorded" and event.on == date(2017, 5, 15)
    assert app.case("Child H").panel_told_on == date(2017, 5, 15)
    history = json.loads(told("history", "Child H", "--json").output)
    assert history["state"]["panel_told_on"] == "2017-05-15"
    assert "intact" in told("verify").output
    with sqlite3.connect(told.store) as db:  # nothing stored was edited
        [state] = db.execute("SELECT state FROM stored_events WHERE topic LIKE "
                             "'%NationalPanelTold'").fetchone()
    assert b"how" not in state and b"class_version" not in state


def test_a_panel_request_stored_before_it_had_a_date_replays_with_none(told):
    """NationalPanelRequestReceived gained `answer_by` (class version 2, rule D3): a request
    stored by an earlier LIF, without it, replays as one without a date and has no clock."""
    told("case", "panel-request", "Child H", "--kind", "information", "--detail", "minutes",
         "--as", "bm1", "--on", "2017-05-20")
    with sqlite3.connect(told.store) as db:  # as an earlier LIF stored it
        [(id, state)] = db.execute("SELECT rowid, state FROM stored_events WHERE topic LIKE "
                                   "'%NationalPanelRequestReceived'").fetchall()
        old = json.loads(state)
        assert old.pop("answer_by") is None and old.pop("class_version") == 2
        db.execute("UPDATE stored_events SET state = ? WHERE rowid = ?",
                   (json.dumps(old).encode(), id))
    app = build_app({"LIF_STORE": str(told.store)})
    [request] = app.case("Child H").requests
    assert (request.detail, request.answer_by) == ("minutes", None)
    assert "national panel request" not in told("due", "--all").output
