"""Wall time of one `lif` write of each command group (case, review, source, action, monitor,
member) on a board's store of about --events events (bench/board_store.py), each as a ratio to
the floor: a fresh Python process that opens a copy of the same store with sqlite3, inserts
one row and commits. Interleaved, medians of --runs runs. Target: every write at most 4x.

Run: .venv/bin/python bench/cli_write.py [--events 100000] [--runs 11]
"""

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import board_store  # noqa: E402
from board_store import BM, CHAIR, DEATH, PANEL, TODAY, build  # noqa: E402
from lif_domain.case import Case, ReviewChoice  # noqa: E402
from lif_domain.review import Review  # noqa: E402
from lif_domain.roles import Role  # noqa: E402

ON = str(TODAY)
FLOOR = ("import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(\"INSERT INTO "
         "stored_events (originator_id, originator_version, topic, state) VALUES (?, 1, 't', "
         "x'00')\", (sys.argv[2],)); db.commit()")


def writes(i: int, action: str) -> dict[str, list[str]]:
    """The timed command of each group for run `i`: each writes to a record of its own or
    one that takes the step again."""
    return {
        "case notify": ["case", "notify", f"Child B{i}", "--aware-on", ON, "--abuse",
                        "suspected", "--harm", "died", "--agency-concern", "yes", "--as", "bm1",
                        "--on", ON],
        "review reviewer": ["review", "reviewer", f"SCR-T{i}", "--reviewer", "rev1",
                            "--declaration", "no involvement", "--as", "bm1", "--on", ON],
        "source record": ["source", "record", f"AUD-T{i}", "--type", "practice-audit",
                          "--title", "audit", "--date", ON, "--lead", "plqa1", "--as", "plqa1",
                          "--on", ON],
        "action update": ["action", "update", action, "--rag", "amber", "--narrative",
                          "progress", "--as", "lead1", "--on", ON],
        "monitor round": ["monitor", "round", f"PLQA-T{i}", "--committee", "PLQA committee",
                          "--as", "plqa1", "--on", ON],
        "member appoint": ["member", "appoint", f"bench{i}", "--role", "agency_lead", "--org",
                           "Health", "--as", "bm1", "--on", ON],
    }


def prepare(app, runs: int) -> str:
    """The members the commands name, a commissioned review per run; gives an open action."""
    for ref, role in (("panel1", Role.SCR_PANEL_MEMBER), ("plqa1", Role.PLQA_MEMBER),
                      ("lead1", Role.AGENCY_LEAD)):
        if app.appoint(ref, role, "Health", by="bm1", on=TODAY - timedelta(days=1)):
            app.agree(ref, by="chair1", on=TODAY - timedelta(days=1))  # powers (rule W4)
    made = []
    for i in range(runs):
        day = TODAY - timedelta(days=30)
        case = Case.notify(f"Case T{i}", day, DEATH, BM, day)
        case.recommend(ReviewChoice.SCR, "criteria", PANEL, day)
        case.decide(ReviewChoice.SCR, "agree", "", CHAIR, day)
        made += [case, Review.commission(f"SCR-T{i}", case, "scr", "decided", None, CHAIR, day)]
    app.save(*made)
    return f"AUD-{board_store._counters['source']}/A0"  # the newest source's: still open


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    lif = str(Path(sys.executable).parent / "lif")
    # Time LIF as installed: with its modules' bytecode up to date, as scripts/setup leaves it
    # (an edit since then would otherwise be compiled again by every timed command).
    for folder in ("src", "cli"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.sqlite"
        started = time.perf_counter()
        app, env = build(store, args.events)
        action = prepare(app, args.runs)
        count = app.max_position()
        del app
        env = {**os.environ, **env}
        subprocess.run([lif, "due"], env=env, check=True, capture_output=True)  # directory
        print(f"store: {count:,} events, built in {time.perf_counter() - started:.1f} s")
        floor_store = Path(tmp) / "floor.sqlite"
        shutil.copy(store, floor_store)
        floors: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in writes(0, action)}
        for i in range(args.runs):  # interleaved, so each sees the same machine load
            for name, command in writes(i, action).items():
                floors.append(timed([sys.executable, "-c", FLOOR, str(floor_store),
                                     f"f{name}{i}"]))
                started = time.perf_counter()
                subprocess.run([lif, *command], env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - started)
    floor = statistics.median(floors)
    print(f"floor (python + sqlite3 one-row insert and commit): median {floor * 1000:.1f} ms "
          f"over {len(floors)} runs")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"lif {name:<16} median {median * 1000:6.1f} ms   {median / floor:.2f}x "
              f"the floor (target at most 4x)")


if __name__ == "__main__":
    main()
