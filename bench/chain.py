"""Tamper-evidence costs (issue 4, ADR 0025): verify throughput on a large store, and what the
Merkle leaves cost on writes.

1. verify: events per second on a store of --events events (default 1,000,000), against a
   custodian's checkpoint of the whole tree, beside a floor of a raw select of the same rows
   with one SHA-256 each. Target: at least 100,000 events/s.
2. writes: events per second through the application with LIF's recorder (each event's leaf
   hash in its row), against the library's own SQLite recorder in the same run, one event per
   save (a CLI command: bound by the disk's fsync, so noisy) and 100 per save (the leaves' own
   work shows). Target: at most 15%.

Run: .venv/bin/python bench/chain.py [--events N] [--writes N]
"""

import argparse
import hashlib
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from adapters import checkpoint  # noqa: E402
from adapters.chain import event_leaf  # noqa: E402
from adapters.composition import build_app  # noqa: E402
from adapters.event_log import EventLog  # noqa: E402
from adapters.signed_note import Signer  # noqa: E402
from adapters.trust import Trust  # noqa: E402
from adapters.verify import verify  # noqa: E402
from lif_domain.case import Case  # noqa: E402
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm  # noqa: E402
from lif_domain.roles import Actor, Role  # noqa: E402

FACTS = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES)
MANAGER = Actor("bm1", Role.BUSINESS_MANAGER)


def big_store(folder: Path, events: int) -> Path:
    """A store made by LIF, then grown to `events` rows of real event bytes with true leaves."""
    path = folder / "big.sqlite"
    app = build_app({"LIF_STORE": str(path)}, creating=True)
    app.initialise("Bench", "chair1", "Independent", "bm1", "Council", on=date(2017, 4, 3))
    template = app.mapper.to_stored_event(
        Case.notify("Child X", date(2017, 5, 1), FACTS, MANAGER, date(2017, 5, 2))
        .collect_events()[0])
    db = sqlite3.connect(path)
    position = db.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0]
    batch = []
    while position < events:
        position += 1
        originator = uuid.uuid4().hex
        state = template.state.replace(b"Child X", f"Child {position}".encode())
        batch.append((position, originator, 1, template.topic, state, None,
                      event_leaf(originator, 1, template.topic, state)))
        if len(batch) == 50_000 or position == events:
            db.executemany("INSERT INTO stored_events (rowid, originator_id, originator_version, "
                           "topic, state, key_id, link) VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
            db.commit()
            batch = []
    db.close()
    return path


def floor(path: Path) -> float:
    start = time.perf_counter()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    n = 0
    for _, _, _, _, state in db.execute("SELECT rowid, originator_id, originator_version, topic, "
                                        "state FROM stored_events ORDER BY rowid"):
        hashlib.sha256(state).digest()
        n += 1
    db.close()
    return n / (time.perf_counter() - start)


def write_rate(folder: Path, chained: bool, writes: int, per_save: int) -> float:
    folder.mkdir(exist_ok=True)
    path = folder / f"writes-{chained}.sqlite"
    if chained:
        app = build_app({"LIF_STORE": str(path)}, creating=True)
    else:  # the same application and connections, with the library's own recorder
        from adapters.calendar import EnglandWalesCalendar
        from lif_domain.application import LifApplication

        app = LifApplication({"PERSISTENCE_MODULE": "adapters.lif_sqlite",
                              "APPLICATION_RECORDER_TOPIC":
                                  "eventsourcing.sqlite:SQLiteApplicationRecorder",
                              "SQLITE_DBNAME": str(path)}, calendar=EnglandWalesCalendar(),
                             today=date.today)
    cases = [Case.notify(f"Child {i}", date(2017, 5, 1), FACTS, MANAGER, date(2017, 5, 2))
             for i in range(writes)]
    start = time.perf_counter()
    for i in range(0, writes, per_save):
        app.save(*cases[i:i + per_save])
    return writes / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--writes", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        path = big_store(folder, args.events)
        print(f"store: {args.events:,} events, built in {time.perf_counter() - started:.1f} s")
        chair = Signer.generate("chair-bench")
        trust = Trust(folder / "trust", custodians=[chair.verifier])
        log = EventLog(path)
        whole = verify(log, trust)
        signed = checkpoint.make(log.meta()["origin"], whole.tree.end, whole.head, chair)
        base = floor(path)
        start = time.perf_counter()
        report = verify(log, trust, [signed])
        rate = report.events / (time.perf_counter() - start)
        assert not report.problems and report.checkpoints, report.first
        print(f"floor (select rows + SHA-256 each): {base:,.0f} events/s")
        print(f"lif verify:                         {rate:,.0f} events/s "
              f"({rate / base:.2f}x the floor; target at least 100,000/s)")
        for per_save in (1, 100):
            rates = {False: [], True: []}
            for round_ in range(5):  # alternate, in both orders, so both see the same load
                order = (False, True) if round_ % 2 else (True, False)
                for chained in order:
                    rates[chained].append(write_rate(folder / f"w{per_save}-{round_}", chained,
                                                     args.writes, per_save))
            plain, chained = statistics.median(rates[False]), statistics.median(rates[True])
            print(f"writes of {per_save} event(s) per save, median of 5: library recorder "
                  f"{plain:,.0f}/s, LIF's {chained:,.0f}/s: the leaves cost "
                  f"{100 * (1 - chained / plain):.1f}% (target at most 15%)")

if __name__ == "__main__":
    main()
