"""A partnership's store on PostgreSQL (issue 15), in one run:

1. one writer: events per second through the application (one case notified per save, as a
   command does), on SQLite and on PostgreSQL;
2. eight writers at once on PostgreSQL, each its own process on records of its own: their
   events per second together, as a ratio to one writer's. Target: at least 2x.
3. on a store of --events events (default 1,000,000) copied to PostgreSQL with `lif store
   copy`: the reads of bench/commands.py (due, monitor, case list, case show, history), each
   beside the same command on the SQLite store it was copied from (medians of 3, after the
   first `lif due` has built the record directory's tables: its time is printed too);
   `lif verify` (events per second; target at least 100,000) and `lif export events`
   (target at least half the floor), beside a floor measured in the same run: a raw SELECT of
   the same rows in position order (and, for verify, one SHA-256 each).

The server is the machine's own (LIF_TEST_POSTGRES_URL, default postgresql://postgres@
127.0.0.1:5432/postgres); each store is a schema of its own, dropped at the end.

Run: .venv/bin/python bench/postgres.py [--events N] [--writes N] [--store BIG.sqlite]
"""

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import psycopg  # noqa: E402

from tests.postgres import SERVER, postgres_store  # noqa: E402

LIF = str(Path(sys.executable).parent / "lif")
WRITER = """
import sys, time
from datetime import date
sys.path[:0] = [{src!r}, {root!r}]
from adapters.composition import build_app
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm
facts = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES)
app = build_app()
start = time.perf_counter()
def letters(number):  # a reference of letters only: digits could look like a postcode
    return "".join(chr(97 + int(d)) for d in str(number))
for n in range({writes}):
    app.notify_case(f"Case {tag} {{letters(n)}}", date(2017, 5, 1), facts, by="bm1",
                    on=date(2017, 5, 2))
print(time.perf_counter() - start)
app.close()
"""


def writer(env: dict, writes: int, tag: str) -> subprocess.Popen:
    code = WRITER.format(src=str(ROOT / "src"), root=str(ROOT), writes=writes, tag=tag)
    return subprocess.Popen([sys.executable, "-c", code], env={**os.environ, **env},
                            stdout=subprocess.PIPE, text=True)


def init(env: dict) -> None:
    subprocess.run([LIF, "init", "--board", "Bench", "--chair", "chair1", "--chair-org", "I",
                    "--manager", "bm1", "--manager-org", "C", "--on", "2017-04-03"],
                   env={**os.environ, **env}, check=True, capture_output=True)


def throughput(env: dict, writes: int, writers: int) -> float:
    """Events per second of `writers` processes writing `writes` cases each, at once."""
    started = time.perf_counter()
    run = uuid.uuid4().int % 10 ** 6
    running = [writer(env, writes, "".join(chr(97 + int(d)) for d in f"{run}{n}"))
               for n in range(writers)]
    for p in running:
        p.communicate()
        assert p.returncode == 0
    return writers * writes / (time.perf_counter() - started)


def timed(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([LIF, *args], env={**os.environ, **env}, check=True, capture_output=True)
    return time.perf_counter() - started


def reads(sqlite_env: dict, env: dict) -> None:
    """The everyday reads on the copy, beside the same on the SQLite store."""
    from bench.commands import COMMANDS

    def median(args: list[str], env: dict) -> float:
        return statistics.median(timed(args, env) for _ in range(3))

    print(f"  first lif due (builds the record directory) {timed(['due'], env):6.2f} s")
    print("  command        SQLite  PostgreSQL")
    for name in ("due", "monitor", "case list", "case show", "history"):
        args = COMMANDS[name][0]
        on_sqlite, on_postgres = median(args, sqlite_env), median(args, env)
        print(f"  {name:<12} {on_sqlite:6.2f} s  {on_postgres:6.2f} s  "
              f"{on_postgres / on_sqlite:.1f}x")


def floor(env: dict, hashing: bool) -> float:
    """Seconds for a raw SELECT of every row in position order (and a SHA-256 of each)."""
    started = time.perf_counter()
    with psycopg.connect(SERVER, options=f"-c search_path={env['LIF_POSTGRES_SCHEMA']}") as db:
        with db.cursor(name="floor") as c:
            c.itersize = 5000
            c.execute("SELECT notification_id, originator_id, originator_version, topic, "
                      "state, link, keyed_by FROM stored_events ORDER BY notification_id")
            for row in c:
                if hashing:
                    hashlib.sha256(row[4]).digest()
    return time.perf_counter() - started


def big_sqlite_store(folder: Path, events: int) -> Path:
    sys.argv = [sys.argv[0]]
    from bench.chain import big_store

    return big_store(folder, events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--store", default=None, help="A big SQLite store to copy (default: "
                        "one of --events events is made).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sqlite_env = {"LIF_DATABASE": "sqlite", "LIF_STORE": str(Path(folder) / "w.sqlite")}
        init(sqlite_env)
        one_sqlite = throughput(sqlite_env, args.writes, 1)
        with postgres_store() as env:
            init(env)
            one = throughput(env, args.writes, 1)
            eight = throughput(env, args.writes, 8)
        print("writes (one case notified per save):")
        print(f"  one writer, SQLite      {one_sqlite:8.0f} events/s")
        print(f"  one writer, PostgreSQL  {one:8.0f} events/s")
        print(f"  8 writers, PostgreSQL   {eight:8.0f} events/s  {eight / one:.1f}x one writer "
              "(target >= 2x)")
        big = Path(args.store) if args.store else big_sqlite_store(Path(folder), args.events)
        with postgres_store() as env:
            keys = {"LIF_TRUST": str(Path(folder) / "trust"),
                    "LIF_CHECKPOINT_LOG": str(Path(folder) / "checkpoints")}
            copy = timed(["--store", str(big), "store", "copy", "--to", SERVER, "--schema",
                          env["LIF_POSTGRES_SCHEMA"]], keys)
            with psycopg.connect(SERVER) as db:
                events = db.execute(f"SELECT COUNT(*) FROM {env['LIF_POSTGRES_SCHEMA']}."
                                    "stored_events").fetchone()[0]
            print(f"on {events:,} events copied to PostgreSQL ({copy:.0f} s to copy):")
            reads({"LIF_DATABASE": "sqlite", "LIF_STORE": str(big), **keys}, {**env, **keys})
            verify = timed(["verify"], {**env, **keys})
            export = timed(["export", "events", "--out", str(Path(folder) / "all.jsonl")],
                           {**env, **keys})
            read, hashed = floor(env, False), floor(env, True)
        print(f"  verify  {events / verify:9,.0f} events/s  floor (select + SHA-256) "
              f"{events / hashed:9,.0f} events/s  (target >= 100,000 events/s)")
        print(f"  export  {events / export:9,.0f} events/s  floor (select)           "
              f"{events / read:9,.0f} events/s  {read / export:.2f}x floor (target >= 0.5x)")


if __name__ == "__main__":
    main()
