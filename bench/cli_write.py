"""Wall time of one `lif` write command on a store holding 100,000 events, as a ratio to the
floor: a fresh Python process that opens the same store with sqlite3 and inserts one row.

Run: .venv/bin/python bench/cli_write.py [--events N] [--runs N]
"""

import argparse
import compileall
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from adapters.composition import build_app  # noqa: E402
from lif_domain.case import Case, ReviewChoice  # noqa: E402
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm  # noqa: E402
from lif_domain.roles import Actor, Role  # noqa: E402

FACTS = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES)
MANAGER = Actor("bm1", Role.BUSINESS_MANAGER)
PANEL = Actor("panel1", Role.SCR_PANEL_MEMBER)


def build_store(path: Path, events: int) -> None:
    app = build_app({"LIF_STORE": str(path), "LIF_KEY_DIR": os.environ["LIF_KEY_DIR"]},
                    creating=True)
    app.initialise("Bench LSCB", "chair1", "Independent", "bm1", "Council", on=date(2017, 4, 3))
    app.appoint("panel1", Role.SCR_PANEL_MEMBER, "Police", by="bm1", on=date(2017, 4, 3))
    n, batch = 0, []
    while app.recorder.max_notification_id() < events:
        n += 1
        case = Case.notify(f"Case {n}", date(2017, 5, 1), FACTS, MANAGER, date(2017, 5, 2))
        case.recommend(ReviewChoice.SCR, "criteria met", PANEL, date(2017, 5, 3))
        batch.append(case)
        if len(batch) == 500:
            app.save(*batch)
            batch = []
    if batch:
        app.save(*batch)
    # Cases whose recommendation the timed command records: notified only.
    app.save(*(Case.notify(f"Timed {i}", date(2017, 5, 1), FACTS, MANAGER, date(2017, 5, 2))
               for i in range(100)))


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    lif = str(Path(sys.executable).parent / "lif")
    # Time LIF as installed: with its modules' bytecode up to date, as scripts/setup leaves it
    # (an edit since then would otherwise be compiled again by every timed command).
    for folder in ("src", "cli"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LIF_KEY_DIR"] = str(Path(tmp) / "keys")  # the timed commands see it too
        store = Path(tmp) / "bench.sqlite"
        started = time.perf_counter()
        build_store(store, args.events)
        with sqlite3.connect(store) as db:
            count = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
        print(f"store: {count:,} events, built in {time.perf_counter() - started:.1f} s")
        floor_store = Path(tmp) / "floor.sqlite"
        shutil.copy(store, floor_store)
        floor_code = ("import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
                      "db.execute(\"INSERT INTO stored_events (originator_id, originator_version, topic, "
                      "state) VALUES (?, 1, 't', x'00')\", "
                      "(sys.argv[2],)); db.commit()")
        floors, lifs = [], []
        for i in range(args.runs):  # interleaved, so both see the same machine load
            floors.append(timed([sys.executable, "-c", floor_code, str(floor_store), f"f{i}"]))
            lifs.append(timed([lif, "--store", str(store), "case", "recommend", f"Timed {i}",
                               "--recommendation", "scr", "--rationale", "criteria met",
                               "--as", "panel1", "--on", "2017-05-03"]))
    floor, write = statistics.median(floors), statistics.median(lifs)
    print(f"floor (python + sqlite3 one-row insert): median {floor * 1000:.1f} ms "
          f"over {args.runs} runs")
    print(f"lif case recommend (one write):          median {write * 1000:.1f} ms")
    print(f"ratio: {write / floor:.2f}x (target at most 4x)")


if __name__ == "__main__":
    main()
