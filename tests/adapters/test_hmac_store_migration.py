"""A store written before ADR 0025, with HMAC chain links and a v1 checkpoint (the fixture in
tests/fixtures/hmac-store, made by ./scripts/demo at commit c8ceaeb), keeps verifying; new
events follow it as leaves of the same tree, and a custodian's checkpoint then covers old and
new alike, checked with public keys only."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from adapters import checkpoint as checkpoints
from adapters.composition import build_app
from adapters.event_log import EventLog
from adapters.keys import KeyMissing, KeyRing
from adapters.signed_note import Signer
from adapters.trust import Trust
from adapters.verify import verify
from lif_domain.roles import Role
from tests.conftest import appoint

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "hmac-store"
CHAIR = Signer.generate("chair-test")
TRUST = Trust(Path("trust"), custodians=[CHAIR.verifier])
EVENTS = 57


@pytest.fixture
def old(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "old")
    path = tmp_path / "old" / "lif.sqlite"
    return path, KeyRing(tmp_path / "old" / "keys"), (tmp_path / "old" / "checkpoint-v1.txt"
                                                       ).read_text()


def test_an_old_store_verifies_with_its_keys_and_its_old_checkpoint(old):
    path, keys, v1 = old
    report = verify(EventLog(path), TRUST, [v1], keys)
    assert report.problems == [] and report.events == EVENTS
    assert report.hmac_checked == EVENTS and "before ADR 0025" in report.checkpoints[0]


def test_without_its_keys_the_old_links_go_unchecked_and_the_old_checkpoint_cannot_verify(old,
                                                                                        tmp_path):
    path, _, v1 = old
    report = verify(EventLog(path), TRUST, keys=KeyRing(tmp_path / "none"))
    assert report.problems == [] and report.hmac_unchecked == EVENTS
    with pytest.raises(KeyMissing):
        verify(EventLog(path), TRUST, [v1], KeyRing(tmp_path / "none"))


def test_new_events_follow_as_leaves_and_a_custodian_checkpoint_covers_old_and_new(old):
    path, keys, v1 = old
    app = build_app({"LIF_STORE": str(path)}, today=lambda: date(2026, 11, 25))
    appoint(app, "plqa9", Role.PLQA_MEMBER, "Health", on=date(2018, 1, 8))
    with sqlite3.connect(path) as db:
        kinds = db.execute("SELECT key_id IS NULL, COUNT(*) FROM stored_events GROUP BY 1"
                           ).fetchall()
    assert dict(kinds)[0] == EVENTS and dict(kinds)[1] >= 1
    report = verify(EventLog(path), TRUST, [v1], keys)
    assert report.problems == []
    checkpoint = checkpoints.make(EventLog(path).meta()["origin"], report.tree.end, report.head,
                                  CHAIR)
    assert verify(EventLog(path), TRUST, [checkpoint, v1], keys).problems == []
    with sqlite3.connect(path) as db:  # the chair's old rationale edited, its link as it was
        db.execute("UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), "
                   "'agree with the panel', 'disagree with the panel') AS BLOB) WHERE rowid = 14")
    with_keys = verify(EventLog(path), TRUST, [checkpoint], keys).problems
    assert with_keys[0].position == 14 and "chain link (ADR 0008)" in with_keys[0].message
    public_only = verify(EventLog(path), TRUST, [checkpoint]).problems
    assert any("signed by chair-test" in p.message for p in public_only)


def test_an_old_store_gains_who_keyed_each_new_event_and_its_layout_version(old):
    path, keys, v1 = old
    app = build_app({"LIF_STORE": str(path)}, today=lambda: date(2026, 11, 25))
    appoint(app, "plqa9", Role.PLQA_MEMBER, "Health", on=date(2018, 1, 8))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM lif_meta WHERE name = 'schema_version'"
                          ).fetchone() == ("2",)
        keyed = db.execute("SELECT keyed_by IS NOT NULL, COUNT(*) FROM stored_events "
                           "GROUP BY 1").fetchall()
    assert dict(keyed)[0] == EVENTS and dict(keyed)[1] >= 1  # old rows never edited
    assert verify(EventLog(path), TRUST, [v1], keys).problems == []
