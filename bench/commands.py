"""Every command at a board's scale (issue 16), in one table: each command on stores of about
10,000, 100,000 and 1,000,000 events shaped like a board's log (bench/board_store.py), its
time, its ratio to the same command on the smallest store, its floor on the same store and the
ratio to that floor, and its peak memory. Whole `lif` processes and whole floor processes,
interleaved, medians of --runs runs.

Floors (each a fresh Python process on the same store, as the command is):
  start   opens the store and reads its head: the least any command does
  rows    selects and json-parses every event of the kinds listed
  chain   selects every row and takes one SHA-256 of each (what verifying must read)
  write   inserts one row into a copy of the store and commits (what a write must do)
  lines   selects the columns the export reads (position, record, version, type, payload) of
          every row and writes each row's as one line to a file (what exporting must do)

Targets at 1M: reads of one record or of today's lists within 1.5x of 10k; a write within
1.2x of 10k and 4x its floor; action list and
source list linear in what they list (the cost of each record more is printed); the annual
report of a late year at most 5 s with all three formats; export at least 0.5x its floor in
under 150 MB; verify at least 250,000 events/s.

Run: .venv/bin/python bench/commands.py [--runs 5] [--sizes 10000,100000,1000000]
                                        [--keep DIR]   (keep the stores there, reuse them)
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench")]

from board_store import build  # noqa: E402

LIF = str(ROOT / ".venv" / "bin" / "lif")
ACTIONS = "topic LIKE 'lif_domain.action:%'"
SOURCES = "topic LIKE 'lif_domain.source:%'"
FLOORS = {
    "start": "db.execute('SELECT MAX(rowid) FROM stored_events').fetchone()",
    "write": "db.execute(\"INSERT INTO stored_events (originator_id, originator_version, topic, "
              "state) VALUES (?, 1, 't', x'00')\", (sys.argv[2],)); db.commit()",
    "rows": "[json.loads(s) for (s,) in db.execute("
            "'SELECT state FROM stored_events WHERE ' + sys.argv[2])]",
    "chain": "[hashlib.sha256(s).digest() for (s,) in db.execute("
             "'SELECT state FROM stored_events ORDER BY rowid')]",
    "lines": "out = open(sys.argv[2], 'wb'); [out.write(b'%d,%s,%d,%s,%s\\n' % (p, i.encode(), "
             "v, t.encode(), s)) for (p, i, v, t, s) in db.execute('SELECT rowid, originator_id, "
             "originator_version, topic, state FROM stored_events ORDER BY rowid')]",
}
# name: (arguments ({out} is a new path each run), floor, its argument, what it lists (its
# --json counted), target)
COMMANDS = {
    "due": (["due"], "start", None, "clocks", "<= 1.5x (or linear in the clocks listed)"),
    "monitor": (["monitor"], "start", None, "actions", "<= 1.5x (or linear in open actions)"),
    "case list": (["case", "list"], "start", None, None, "<= 1.5x"),
    "case show": (["case", "show", "Child 8"], "start", None, None, "<= 1.5x"),
    "history": (["history", "Child 8"], "start", None, None, "<= 1.5x"),
    "evidence": (["evidence", "Child 8", "--out", "{out}"], "start", None, None, "<= 1.5x"),
    "checkpoint": (["checkpoint"], "start", None, None, "<= 1.5x"),
    "source list": (["source", "list"], "rows", f"{SOURCES} OR {ACTIONS}", "sources", "linear"),
    "action list": (["action", "list"], "rows", ACTIONS, "actions", "linear"),
    "report 2019/20": (["report", "annual", "--year", "2019/20", "--out", "{out}"], "start",
                       None, None, "<= 5 s"),
    "report 2025/26": (["report", "annual", "--year", "2025/26", "--out", "{out}"], "start",
                       None, None, "<= 5 s"),
    "export": (["export", "events", "--out", "{out}.jsonl"], "lines", "{out}", None,
               ">= 0.5x floor speed, < 150 MB"),
    "verify": (["verify"], "chain", None, None, ">= 250,000 events/s"),
    "one write": (["member", "appoint", "bench{n}", "--role", "agency_lead", "--org", "Health",
                   "--on", "2026-11-25"], "write", "floor{n}", None,
                  "<= 1.2x of 10k; <= 4x floor"),
}


class Runner:
    def __init__(self, folder: Path):
        self.folder, self.n = folder, 0

    def out(self) -> str:
        self.n += 1
        return str(self.folder / f"out{self.n}")

    def fill(self, args: list[str]) -> list[str]:
        """{out}: a new path; {n}: a new reference part, never used before (kept stores are
        reused by later runs, so it carries this run's process id)."""
        self.n += 1
        return [a.replace("{out}", str(self.folder / f"out{self.n}"))
                .replace("{n}", f"{os.getpid()}-{self.n}") for a in args]

    def timed(self, argv: list[str], env: dict) -> tuple[float, float]:
        """Wall time in seconds and peak resident memory in MB of one process."""
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status:
            raise SystemExit(f"{' '.join(argv)} failed: {process.stderr.read().decode()}")
        return elapsed, usage.ru_maxrss / 1024

    def command(self, name: str, env: dict) -> tuple[float, float]:
        return self.timed([LIF, *self.fill(COMMANDS[name][0])], env)

    def floor(self, name: str, store: str, env: dict) -> float:
        _, kind, argument, _, _ = COMMANDS[name]
        code = f"import hashlib, json, sqlite3, sys; db = sqlite3.connect(sys.argv[1]); " \
               f"{FLOORS[kind]}"
        if kind == "write":  # never into the store itself: its chain would break
            store = f"{store}.floor-copy"
        [argument] = self.fill([argument or ""])
        return self.timed([sys.executable, "-c", code, store, argument], env)[0]


def custodian(folder: Path) -> dict[str, str]:
    """A custodian's key, trusted, and a checkpoint log, all in `folder` (ADR 0025)."""
    key = folder / "chair-bench.key"
    env = {"LIF_CUSTODIAN_KEY": str(key), "LIF_TRUST": str(folder / "trust"),
           "LIF_CHECKPOINT_LOG": str(folder / "checkpoints.txt")}
    if not key.exists():
        subprocess.run([LIF, "key", "create", "chair-bench", "--role", "custodian", "--out",
                        str(key)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([LIF, "trust", "add", "custodian", f"{key}.pub"], env={**os.environ, **env},
                       check=True, stdout=subprocess.DEVNULL)
    return env


def stores(folder: Path, sizes: list[int]) -> dict[int, tuple[str, dict, int]]:
    """Each size's store (built unless already in `folder`): path, environment, events."""
    found = {}
    for size in sizes:
        path = folder / f"{size}.sqlite"
        env = {**os.environ, "LIF_STORE": str(path), "LIF_ACTOR": "bm1", **custodian(folder)}
        built = folder / f"{size}.built"  # written once the store is whole
        if not built.exists():
            started = time.perf_counter()
            for stale in folder.glob(f"{size}.sqlite*"):
                stale.unlink()
            app, _ = build(path, size)
            del app
            built.touch()
            print(f"{size:>9,}: built in {time.perf_counter() - started:.0f} s", flush=True)
        with sqlite3.connect(path) as db, sqlite3.connect(f"{path}.floor-copy") as copy:
            events = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
            db.backup(copy)  # for the write's floor
        started = time.perf_counter()  # the record directory and the verified mark
        subprocess.run([LIF, "verify"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([LIF, "checkpoint"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([LIF, "due"], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"{size:>9,}: {events:,} events; verify and first due (builds the record "
              f"directory) {time.perf_counter() - started:.1f} s", flush=True)
        found[size] = (str(path), env, events)
    return found


def listed(name: str, env: dict) -> int:
    """How many records `lif <name> --json` lists."""
    out = subprocess.run([LIF, *COMMANDS[name][0], "--json"], env=env, check=True,
                         capture_output=True).stdout
    data = json.loads(out)
    return len(data if isinstance(data, list) else data.get("actions", data.get("clocks")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--keep", type=Path, help="Keep the stores in this folder and reuse "
                        "the ones already there.")
    parser.add_argument("--only", help="Only these commands, comma-separated.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = args.only.split(",") if args.only else list(COMMANDS)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src"),
                    str(ROOT / "cli")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        found = stores(keep, sizes)
        runner = Runner(Path(tmp))
        times = {(s, n): [] for s in sizes for n in names}
        floors = {(s, n): [] for s in sizes for n in names}
        memory = {}
        for _ in range(args.runs):  # interleaved, so each sees the same machine load
            for size in sizes:
                store, env, _ = found[size]
                for name in names:
                    elapsed, peak = runner.command(name, env)
                    times[size, name].append(elapsed)
                    memory[size, name] = max(memory.get((size, name), 0), peak)
                    floors[size, name].append(runner.floor(name, store, env))
    base = sizes[0]
    print(f"\nwhole processes, medians of {args.runs} runs; x{base // 1000}k: ratio to the "
          f"{base:,}-event store; /floor: ratio to the floor on the same store")
    print(f"{'command':<15}" + "".join(f"{f'{s:,} events':>40}" for s in sizes) + "  target")
    print(f"{'':<15}" + f"{'time  x10k  floor /floor   MB':>40}" * len(sizes))
    for name in names:
        first = statistics.median(times[base, name])
        cells = ""
        for size in sizes:
            t, f = statistics.median(times[size, name]), statistics.median(floors[size, name])
            cells += (f"{t:>9.2f}s {t / first:>5.2f}x {COMMANDS[name][1]:>5} {f:>5.2f}s "
                      f"{t / f:>5.1f}x {memory[size, name]:>4.0f}")
        print(f"{name:<15}{cells}  {COMMANDS[name][4]}")
    for name in names:
        if COMMANDS[name][3]:
            counts = [listed(name, found[s][1]) for s in sizes]
            medians = [statistics.median(times[s, name]) for s in sizes]
            steps = [f"{(t - t0) / (n - n0) * 1000:.2f} ms per {COMMANDS[name][3][:-1]} from "
                     f"{n0:,} to {n:,}" for n0, n, t0, t in zip(counts, counts[1:], medians,
                                                                  medians[1:]) if n > n0]
            print(f"{name}: lists {', '.join(f'{n:,}' for n in counts)} {COMMANDS[name][3]}; "
                  f"{'; '.join(steps)} (linear: the same cost per record at each step)")
    for name, what in (("export", "exported"), ("verify", "verified")):
        if name in names:
            print(f"{name}: " + ", ".join(
                f"{found[s][2] / statistics.median(times[s, name]):,.0f} events/s {what}"
                for s in sizes))


if __name__ == "__main__":
    main()
