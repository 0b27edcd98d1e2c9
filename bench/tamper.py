"""Tampering trials (issue 12, ADR 0025): an attacker with write access to the store and no
custodian key changes, removes, reorders or adds a past event, or cuts the tail, then makes
every row's leaf hash right again (the leaf hash is public); `lif verify` runs with the trust file and the checkpoint log only (public keys). Each kind
is tried --trials times (default 30) at random places, seeded; an untouched copy is the
control. Prints, per kind, how often verify exited 5 (tampering found), 0 or anything else.

Run: .venv/bin/python bench/tamper.py [--trials 30] [--events 3000] [--seed 12]
"""

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from click.testing import CliRunner  # noqa: E402

from adapters.chain import event_leaf  # noqa: E402
from adapters.event_log import EventLog  # noqa: E402
from adapters.signed_note import Signer  # noqa: E402
from board_store import build  # noqa: E402
from cli.main import lif  # noqa: E402
from lif_domain.roles import Role  # noqa: E402

AFTER = 5  # events written after the custodian's last checkpoint


def rows(db) -> list[tuple]:
    return db.execute("SELECT rowid, originator_id, originator_version, topic, state, keyed_by "
                      "FROM stored_events ORDER BY rowid").fetchall()


def rewrite(db, new_rows) -> None:
    """The whole table rewritten from `new_rows` (id, version, topic, state, who keyed it),
    positions from 1 and every leaf hash right: what an attacker who read ADR 0025 leaves."""
    db.execute("DELETE FROM stored_events")
    db.executemany("INSERT INTO stored_events (rowid, originator_id, originator_version, topic, "
                   "state, key_id, link, keyed_by) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
                   [(i, oid, v, t, s, event_leaf(oid, v, t, s, by), by)
                    for i, (oid, v, t, s, by) in enumerate(new_rows, 1)])


def change(db, rng, signed):
    """One past event's bytes changed: a decision's member or words."""
    old = rows(db)
    at = rng.randrange(signed)
    oid, v, t, s, by = old[at][1:]
    edited = s.replace(b'"member":"', b'"member":"x', 1) if b'"member":"' in s else s + b" "
    old[at] = (None, oid, v, t, edited, by)
    rewrite(db, [r[1:] for r in old])


def remove(db, rng, signed):
    """One past event deleted, the positions after it moved down (no gap)."""
    old = rows(db)
    del old[rng.randrange(signed)]
    rewrite(db, [r[1:] for r in old])


def reorder(db, rng, signed):
    """Two past events of different records swapped in the log's order."""
    old = rows(db)
    while True:
        a, b = sorted(rng.sample(range(signed), 2))
        if old[a][1] != old[b][1]:
            break
    old[a], old[b] = old[b], old[a]
    rewrite(db, [r[1:] for r in old])


def add(db, rng, signed):
    """A forged event put among the past ones: a new record's first event, copying another's
    bytes."""
    old = rows(db)
    at = rng.randrange(1, signed)
    _, oid, _, t, s, by = old[rng.randrange(signed)]
    forged = f"{rng.getrandbits(128):032x}"
    old.insert(at, (None, forged, 1, t, s, by))
    rewrite(db, [r[1:] for r in old])


def cut(db, rng, signed):
    """The tail cut: the events since the checkpoint and some before it."""
    db.execute("DELETE FROM stored_events WHERE rowid > ?", (signed - rng.randint(1, 10),))


def untouched(db, rng, signed):
    pass


KINDS = [change, remove, reorder, add, cut, untouched]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = folder / "board.sqlite"
        app, _ = build(store, args.events)
        chair = Signer.generate("chair-trials")
        key = folder / "chair.key"
        key.write_text(chair.text)
        env = {"LIF_STORE": str(store), "LIF_TRUST": str(folder / "trust"),
               "LIF_CHECKPOINT_LOG": str(folder / "checkpoints.txt"),
               "LIF_KEY_DIR": str(folder / "no-keys"), "LIF_CUSTODIAN_KEY": str(key)}
        (folder / "trust").write_text(f"custodian {chair.verifier.text}\n")
        runner = CliRunner()
        assert runner.invoke(lif, ["checkpoint"], env=env).exit_code == 0
        signed = EventLog(store).count()
        for i in range(AFTER):  # the undetectable window: written since the checkpoint
            app.appoint(f"late{i}", Role.AGENCY_LEAD, "Health", by="bm1",
                        on=date(2026, 11, 2) + timedelta(days=i))
        del app
        with sqlite3.connect(store) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"store: {EventLog(store).count():,} events, {signed:,} under the custodian's "
              f"checkpoint; {args.trials} trials of each kind, seed {args.seed}")
        print(f"{'tamper':10} {'exit 5':>7} {'exit 0':>7} {'other':>6}   mean verify")
        for kind in KINDS:
            exits, spent = Counter(), 0.0
            for _ in range(args.trials):
                copy = folder / "copy.sqlite"
                for stale in folder.glob("copy.sqlite*"):
                    stale.unlink()
                shutil.copy(store, copy)
                with sqlite3.connect(copy) as db:
                    kind(db, rng, signed)
                started = time.perf_counter()
                result = runner.invoke(lif, ["--store", str(copy), "verify"],
                                       env={**env, "LIF_CUSTODIAN_KEY": None})  # public keys only
                spent += time.perf_counter() - started
                exits[result.exit_code] += 1
            print(f"{kind.__name__:10} {exits[5]:>7} {exits[0]:>7} "
                  f"{sum(exits.values()) - exits[5] - exits[0]:>6}   {spent / args.trials * 1000:.0f} ms")
        print("target: every tamper exits 5 in every trial; the untouched control exits 0")


if __name__ == "__main__":
    main()
