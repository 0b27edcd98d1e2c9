"""lif export events: streamed, filtered, reproducible, on a real SQLite store."""

import csv
import json

import pytest

from tests.cli.test_journey import test_a_case_from_notification_to_a_closed_scr as journey


@pytest.fixture
def store(board):
    journey(board)
    return board


def test_the_same_store_and_arguments_give_byte_identical_files(store, tmp_path):
    for fmt in ("jsonl", "csv"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        store("export", "events", "--out", str(a))
        store("export", "events", "--out", str(b))
        assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 1000


def test_every_row_has_the_columns_and_the_log_in_order(store, tmp_path):
    lines = store("export", "events").output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["position"] for r in rows] == sorted(r["position"] for r in rows)
    assert set(rows[0]) == {"position", "event", "aggregate", "version", "on", "recorded_at",
                            "member", "role", "payload"}
    decided = next(r for r in rows if r["event"] == "Case.ChairDecided")
    assert (decided["member"], decided["role"], decided["on"]) == (
        "chair1", "independent_chair", "2017-05-12")
    assert decided["payload"]["rationale"] == "agree"  # the state exactly as stored
    assert decided["payload"]["on"] == {"_type_": "date_iso", "_data_": "2017-05-12"}
    path = tmp_path / "log.csv"
    store("export", "events", "--out", str(path))
    with path.open() as f:
        table = list(csv.DictReader(f))
    assert len(table) == len(rows) and json.loads(table[0]["payload"]) == rows[0]["payload"]
    assert [int(t["position"]) for t in table] == [r["position"] for r in rows]


def test_filters_by_business_date_type_and_record(store):
    def rows(*args):
        return [json.loads(line) for line in store("export", "events", *args).output.splitlines()]

    year = rows("--from", "2017-04-01", "--to", "2017-05-31")
    assert year and all("2017-04-01" <= r["on"] <= "2017-05-31" for r in year)
    assert [r["event"] for r in rows("--type", "ChairDecided")] == ["Case.ChairDecided"]
    assert {r["event"].split(".")[0] for r in rows("--aggregate", "SCR-2017-01")} == {"Review"}
    assert "no record 'Nobody'" in store("export", "events", "--aggregate", "Nobody",
                                         expect=1).output
    assert "is after --to" in store("export", "events", "--from", "2018-01-01", "--to",
                                    "2017-01-01", expect=1).output
