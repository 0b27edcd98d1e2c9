"""The export reads the front of each stored event without a full parse: it must agree with a
full parse on every event, escapes included."""

import io
import json

import pytest

from adapters.event_export import _head

TEMPLATE = ('{{"timestamp":{{"_type_":"datetime_iso","_data_":"2026-11-25T20:45:55+00:00"}},'
            '"originator_topic":"lif_domain.case:Case","member":{member},"role":"scr_panel_member",'
            '"on":{{"_type_":"date_iso","_data_":"2017-05-05"}},"rationale":"x"}}')


@pytest.mark.parametrize("member", ["panel1", 'a"b', "back\\\\slash", "caf\u00e9", "",
                                    '","role":"forged'])
def test_the_fast_reading_agrees_with_a_full_parse(member):
    text = TEMPLATE.format(member=json.dumps(member, ensure_ascii=False))
    data = json.loads(text)
    assert _head(text.encode()) == tuple(v.encode() for v in (
        data["on"]["_data_"], data["timestamp"]["_data_"], data["member"], data["role"]))


def test_an_event_in_another_shape_is_parsed_in_full():
    text = json.dumps({"on": {"_data_": "2017-01-02"}, "timestamp": {"_data_": "t"},
                       "member": "m", "role": "r"})
    assert _head(text.encode()) == (b"2017-01-02", b"t", b"m", b"r")


class OneBatch:
    """An event log of the given rows, as EventLog.head and .batches give them."""

    def __init__(self, *rows):
        self.rows = list(rows)

    def head(self):
        return max(row[0] for row in self.rows)

    def batches(self, after, through):
        yield [row for row in self.rows if after < row[0] <= through]


NAME = 'Smith, "J\u00e9"'
ROW = (7, "ab" * 16, 3, "lif_domain.case:Case.ChairDecided", TEMPLATE.format(
    member=json.dumps(NAME, ensure_ascii=False)).replace('"rationale":"x"', '"rationale":'
    '"a, \\"quoted\\" line\\nnext caf\u00e9"').encode())


def test_csv_rows_read_back_with_the_csv_module():
    import csv

    from adapters.event_export import export

    out = io.BytesIO()
    assert export(out, OneBatch(ROW), "csv") == 1
    header, read = list(csv.reader(io.StringIO(out.getvalue().decode())))
    assert header[:3] == ["position", "event", "aggregate"]
    assert read == ["7", "Case.ChairDecided", "ab" * 16, "3", "2017-05-05",
                    "2026-11-25T20:45:55+00:00", NAME, "scr_panel_member", ROW[4].decode()]


def test_jsonl_lines_read_back_as_json():
    from adapters.event_export import export

    out = io.BytesIO()
    assert export(out, OneBatch(ROW, ROW), "jsonl") == 2
    first, second = out.getvalue().decode().splitlines()
    assert first == second and json.loads(first) == {
        "position": 7, "event": "Case.ChairDecided", "aggregate": "ab" * 16, "version": 3,
        "on": "2017-05-05", "recorded_at": "2026-11-25T20:45:55+00:00", "member": NAME,
        "role": "scr_panel_member", "payload": json.loads(ROW[4])}
    assert "\\u00e9" in first  # quoted as json.dumps quotes, as exports always were
