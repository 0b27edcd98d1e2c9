"""The lean decoding of a record's events gives exactly what the library's mapper gives."""

from datetime import date

from adapters.composition import build_app
from tests.cli.conftest import found_board
from tests.cli.conftest import run as run  # noqa: F401  (the fixture: both stores)
from tests.cli.test_journey import test_a_case_from_notification_to_a_closed_scr as journey


def test_lean_decoding_equals_the_library_decoding_for_every_record(run):
    journey(found_board(run))
    app = build_app({**run.env, "LIF_STORE": str(run.store)}, today=lambda: date(2026, 11, 25))
    ids = {n.originator_id for n in app.recorder.select_notifications(1, 10_000)}
    assert len(ids) > 5
    for id in ids:
        lean, library = app.decoded_events(id), list(app.events.get(id))
        assert [type(e) for e in lean] == [type(e) for e in library]
        assert [vars(e) for e in lean] == [vars(e) for e in library]
