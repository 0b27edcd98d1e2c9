"""The export reads the front of each stored event without a full parse: it must agree with a
full parse on every event, escapes included."""

import json

import pytest

from adapters.event_export import _head

TEMPLATE = ('{{"timestamp":{{"_type_":"datetime_iso","_data_":"2026-11-25T20:45:55+00:00"}},'
            '"originator_topic":"lif_domain.case:Case","member":{member},"role":"scr_panel_member",'
            '"on":{{"_type_":"date_iso","_data_":"2017-05-05"}},"rationale":"x"}}')


@pytest.mark.parametrize("member", ["panel1", 'a"b', "back\\\\slash", "caf\u00e9", "",
                                    '","role":"forged'])
def test_the_fast_reading_agrees_with_a_full_parse(member):
    text = TEMPLATE.format(member=json.dumps(member))
    data = json.loads(text)
    assert _head(text) == (data["on"]["_data_"], data["timestamp"]["_data_"], data["member"],
                           data["role"])


def test_an_event_in_another_shape_is_parsed_in_full():
    text = json.dumps({"on": {"_data_": "2017-01-02"}, "timestamp": {"_data_": "t"},
                       "member": "m", "role": "r"})
    assert _head(text) == ("2017-01-02", "t", "m", "r")


def test_csv_rows_read_back_with_the_csv_module(tmp_path):
    import csv
    import io

    from adapters.event_export import write

    row = (7, "Case.ChairDecided", "ab" * 16, 3, "2017-05-12", "2026-11-25T20:45:55+00:00",
           'Smith, "J"', "independent_chair", '{"rationale":"a, \\"quoted\\" line\\nnext"}')
    out = io.StringIO()
    write(out, iter([row]), "csv")
    [read] = list(csv.reader(io.StringIO(out.getvalue())))[1:]
    assert read == [str(v) for v in row]
