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


def test_csv_rows_read_back_with_the_csv_module(tmp_path):
    import csv

    from adapters.event_export import write

    row = (7, "Case.ChairDecided", "ab" * 16, 3, b"2017-05-12", b"2026-11-25T20:45:55+00:00",
           'Smith, "J\u00e9"'.encode(), b"independent_chair",
           b'{"rationale":"a, \\"quoted\\" line\\nnext"}')
    out = io.BytesIO()
    write(out, iter([row]), "csv")
    [read] = list(csv.reader(io.StringIO(out.getvalue().decode())))[1:]
    assert read == [v.decode() if isinstance(v, bytes) else str(v) for v in row]


def test_jsonl_lines_read_back_as_json(tmp_path):
    from adapters.event_export import write

    row = (7, "Case.ChairDecided", "ab" * 16, 3, b"2017-05-12", b"2026-11-25T20:45:55+00:00",
           'Smith, "J\u00e9"'.encode(), b"independent_chair", b'{"rationale":"caf\xc3\xa9"}')
    out = io.BytesIO()
    write(out, iter([row, row]), "jsonl")
    first, second = out.getvalue().decode().splitlines()
    assert first == second and json.loads(first) == {
        "position": 7, "event": "Case.ChairDecided", "aggregate": "ab" * 16, "version": 3,
        "on": "2017-05-12", "recorded_at": "2026-11-25T20:45:55+00:00",
        "member": 'Smith, "J\u00e9"', "role": "independent_chair",
        "payload": {"rationale": "caf\u00e9"}}
