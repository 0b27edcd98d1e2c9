"""Shared test fixtures: actors, a story builder for given/when/then, and applications."""

from datetime import date

import pytest
from eventsourcing.persistence import DatetimeAsISO
from freezegun.api import FakeDate, FakeDatetime

from adapters.calendar import EnglandWalesCalendar
from lif_domain.application import LifApplication
from lif_domain.application.transcodings import DateAsISO
from lif_domain.roles import Actor, Role

CHAIR = Actor("chair1", Role.INDEPENDENT_CHAIR)
MANAGER = Actor("bm1", Role.BUSINESS_MANAGER)
PANEL = Actor("panel1", Role.SCR_PANEL_MEMBER)
REVIEWER = Actor("rev1", Role.INDEPENDENT_REVIEWER)
PLQA = Actor("plqa1", Role.PLQA_MEMBER)
AGENCY = Actor("lead1", Role.AGENCY_LEAD)
LA = Actor("la1", Role.LOCAL_AUTHORITY_PARTNER)
HEALTH = Actor("icb1", Role.HEALTH_PARTNER)
POLICE = Actor("police1", Role.POLICE_PARTNER)


class FakeDateAsISO(DateAsISO):
    type = FakeDate


class FakeDatetimeAsISO(DatetimeAsISO):
    type = FakeDatetime


class FrozenClockLif(LifApplication):
    """LIF that can also store freezegun's fake dates and times (tests only)."""

    def register_transcodings(self, transcoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(FakeDateAsISO())
        transcoder.register(FakeDatetimeAsISO())


def replay(events):
    """An aggregate rebuilt from past events, with nothing pending: the 'given'."""
    aggregate = None
    for e in events:
        aggregate = e.mutate(aggregate)
    return aggregate


def recorded(aggregate) -> list:
    """The events a command produced: the 'then'."""
    return aggregate.collect_events()


def make_app(env=None, today=date.today) -> FrozenClockLif:
    return FrozenClockLif(env or {}, calendar=EnglandWalesCalendar(), today=today)


def founded(app, on=date(2017, 4, 3)):
    """A store with a chair, business manager, panel member, reviewer and PLQA member."""
    app.initialise("Test LSCB", "chair1", "Independent", "bm1", "Council", on=on)
    appoint(app, "panel1", Role.SCR_PANEL_MEMBER, "Police", on=on)
    appoint(app, "rev1", Role.INDEPENDENT_REVIEWER, "Independent", on=on)
    appoint(app, "plqa1", Role.PLQA_MEMBER, "Health", on=on)
    return app


def appoint(app, ref, role, organisation, *, by="bm1", agreed_by="chair1", on=date(2017, 4, 3)):
    """Appoint; a role that carries powers is proposed by `by` and agreed by `agreed_by`
    (rule W4)."""
    if app.appoint(ref, role, organisation, by=by, on=on):
        app.agree(ref, by=agreed_by, on=on)


@pytest.fixture
def app():
    return founded(make_app(today=lambda: date(2026, 11, 25)))


def event_count(app) -> int:
    return app.recorder.max_notification_id() or 0


@pytest.fixture(autouse=True)
def key_folder(tmp_path_factory, monkeypatch):
    """Every test has a home of its own (its trust file and checkpoint log, ADR 0025) and a key
    folder in it, never the user's."""
    home = tmp_path_factory.mktemp("home")
    folder = home / "keys"
    folder.mkdir()
    monkeypatch.setenv("LIF_KEY_DIR", str(folder))
    monkeypatch.setenv("HOME", str(home))
    for name in ("LIF_TRUST", "LIF_CHECKPOINT_LOG", "LIF_CUSTODIAN_KEY", "LIF_WITNESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    return folder


def pytest_collection_modifyitems(config, items):
    """A test marked `sqlite_only` (of the SQLite file itself) runs on SQLite alone: its
    PostgreSQL variant is not collected (issue 15)."""
    kept, dropped = [], []
    for item in items:
        store = getattr(item, "callspec", None) and item.callspec.params.get("run")
        (dropped if store == "postgres" and item.get_closest_marker("sqlite_only")
         else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
