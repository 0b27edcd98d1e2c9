"""A partnership's store on PostgreSQL (issue 15), in one run:

1. one writer: events per second through the application (one case notified per save, as a
   command does), on SQLite and on PostgreSQL;
2. 2, 4 and 8 writers at once on PostgreSQL, each its own process on records of its own: their
   events per second together, as a ratio to one writer's (target for 8: at least 2x), and
   the CPU the machine kept busy meanwhile, server included. One writer's busy cores bound
   the ratio: on C cores, no number of writers goes faster than C / busy times one. Beside
   them, a floor measured in the same run: bare writers (psycopg and nothing else) sending
   the statements a LIF write sends (five reads by primary key, then BEGIN, the store's lock,
   an insert and COMMIT in one round trip), 1 and 8 at once: the ratio this machine gives
   that traffic when the clients' own work is next to none.
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
     [--writes-only]
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
def letters(number):  # a reference of letters only: digits could look like a postcode
    return "".join(chr(97 + int(d)) for d in str(number))
app.members()  # the record directory caught up with the earlier rounds' events, as set-up
print("ready", flush=True)
sys.stdin.readline()  # every writer starts at once, its imports and set-up done
start = time.time()
for n in range({writes}):
    app.notify_case(f"Case {tag} {{letters(n)}}", date(2017, 5, 1), facts, by="bm1",
                    on=date(2017, 5, 2))
print(start, time.time())
app.close()
"""


BARE_WRITER = """
import os, sys, time
import psycopg
db = psycopg.connect({url!r}, autocommit=True, options="-c search_path={schema}")
db.execute("SELECT 1")
print("ready", flush=True)
sys.stdin.readline()
start = time.time()
for n in range({writes}):
    for _ in range(5):  # a LIF write reads the member, the board, the login's account, ...
        db.execute("SELECT body FROM bare_events WHERE id = %s", (n,), prepare=True).fetchall()
    with db.pipeline(), db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(hashtext('bare'))")
        db.execute("INSERT INTO bare_events (body) VALUES (%s)", (os.urandom(400),))
print(start, time.time())
"""


def writer(env: dict, writes: int, tag: str, bare: bool = False) -> subprocess.Popen:
    code = (BARE_WRITER.format(url=SERVER, schema=env.get("LIF_POSTGRES_SCHEMA"),
                               writes=writes) if bare else
            WRITER.format(src=str(ROOT / "src"), root=str(ROOT), writes=writes, tag=tag))
    return subprocess.Popen([sys.executable, "-c", code], env={**os.environ, **env},
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def init(env: dict) -> None:
    subprocess.run([LIF, "init", "--board", "Bench", "--chair", "chair1", "--chair-org", "I",
                    "--manager", "bm1", "--manager-org", "C", "--on", "2017-04-03"],
                   env={**os.environ, **env}, check=True, capture_output=True)


def busy_jiffies() -> int:
    """The machine's CPU time so far, in clock ticks, over every core (Linux's /proc/stat):
    the writers' and the server's alike."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(
        int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
    return user + nice + system + irq + softirq + steal


def throughput(env: dict, writes: int, writers: int,
               bare: bool = False) -> tuple[float, float]:
    """Events per second of `writers` processes writing `writes` cases each, at once: from the
    first write's start to the last one's end, after every process has started and built its
    application (Python's start-up is not a write, and 8 of them at once on 2 cores would
    count against the 8 writers only); and how many cores the machine kept busy meanwhile."""
    run = uuid.uuid4().int % 10 ** 6
    running = [writer(env, writes, "".join(chr(97 + int(d)) for d in f"{run}{n}"), bare)
               for n in range(writers)]
    for p in running:
        assert p.stdout.readline() == "ready\n"
    busy = busy_jiffies()
    for p in running:
        p.stdin.write("go\n")
        p.stdin.flush()
    spans = []
    for p in running:
        out, _ = p.communicate()
        assert p.returncode == 0
        spans.append([float(t) for t in out.split()])
    busy = (busy_jiffies() - busy) / os.sysconf("SC_CLK_TCK")
    took = max(end for _, end in spans) - min(start for start, _ in spans)
    return writers * writes / took, busy / took


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
    parser.add_argument("--writes-only", action="store_true", help="Measure the writes only.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sqlite_env = {"LIF_DATABASE": "sqlite", "LIF_STORE": str(Path(folder) / "w.sqlite")}
        init(sqlite_env)
        one_sqlite, _ = throughput(sqlite_env, args.writes, 1)
        with postgres_store() as env:
            init(env)
            one, cores = throughput(env, args.writes, 1)
            rates = {n: throughput(env, args.writes, n) for n in (2, 4, 8)}
            with psycopg.connect(SERVER, autocommit=True) as db:
                db.execute(f"CREATE TABLE {env['LIF_POSTGRES_SCHEMA']}.bare_events "
                           "(id bigserial PRIMARY KEY, body bytea)")
            bare = [throughput(env, args.writes * 3, n, bare=True) for n in (1, 8)]
        print("writes (one case notified per save; cores: the machine's CPU kept busy, the "
              "server's included; ms: that CPU per event):")

        def line(name: str, rate: float, busy: float, ratio: str = "") -> None:
            print(f"  {name:<26}{rate:8.0f} events/s  {busy:.2f} cores busy  "
                  f"{busy / rate * 1000:.2f} ms{ratio}")

        print(f"  {'one writer, SQLite':<26}{one_sqlite:8.0f} events/s")
        line("one writer, PostgreSQL", one, cores)
        for n, (rate, busy) in rates.items():
            line(f"{n} writers, PostgreSQL", rate, busy, f"  {rate / one:.1f}x one writer"
                 + ("  (target >= 2x)" if n == 8 else ""))
        line("floor: 1 bare writer", *bare[0])
        line("floor: 8 bare writers", *bare[1], f"  {bare[1][0] / bare[0][0]:.1f}x one")
        print(f"  on {os.cpu_count()} cores, work that keeps {cores:.2f} cores busy for one "
              f"writer can go at most {os.cpu_count() / cores:.1f}x as fast however many write")
        if args.writes_only:
            return
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
