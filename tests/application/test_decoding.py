"""The lean decoding of a record's events gives exactly what the library's mapper gives."""

from datetime import date

from tests.application.test_annual_report import report  # noqa: F401  (a year of records)


def test_lean_decoding_equals_the_library_decoding_for_every_record(tmp_path):
    from adapters.composition import build_app
    from tests.cli.conftest import Lif
    from tests.cli.test_journey import test_a_case_from_notification_to_a_closed_scr as journey

    run = Lif(tmp_path / "lif.sqlite")
    run("init", "--board", "B", "--chair", "chair1", "--chair-org", "I", "--manager", "bm1",
        "--manager-org", "C", "--on", "2017-04-03")
    for ref, role in (("panel1", "scr_panel_member"), ("rev1", "independent_reviewer"),
                      ("plqa1", "plqa_member")):
        run("member", "appoint", ref, "--role", role, "--org", "P", "--as", "bm1", "--on",
            "2017-04-03")
    journey(run)
    app = build_app({"LIF_STORE": str(run.store)}, today=lambda: date(2026, 11, 25))
    ids = {n.originator_id for n in app.recorder.select_notifications(1, 10_000)}
    assert len(ids) > 5
    for id in ids:
        lean, library = app.decoded_events(id), list(app.events.get(id))
        assert [type(e) for e in lean] == [type(e) for e in library]
        assert [vars(e) for e in lean] == [vars(e) for e in library]
