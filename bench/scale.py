"""Every-day commands at three sizes of store (issue 10): the time of lif due, lif monitor,
lif case list, lif case show, lif history and one write on stores of about 10,000, 100,000
and 1,000,000 events shaped like a board's log (bench/board_store.py), each as a ratio to the
same command on the 10,000-event store, measured in one run: whole `lif` processes, medians
of --runs interleaved runs. Targets: reads of one record or of today's due list at most 1.5x
from 10,000 to 1,000,000 events; a write at most 1.2x.

Run: .venv/bin/python bench/scale.py [--runs 11] [--sizes 10000,100000,1000000]
"""

import argparse
import os
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
READS = {
    "lif due": ["due"],
    "lif monitor": ["monitor"],
    "lif case list": ["case", "list"],
    "lif case show": ["case", "show", "Child 8"],
    "lif history": ["history", "Child 8"],
}
ONE_RECORD = {"lif due", "lif case show", "lif history"}


def run(env: dict, args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([LIF, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src"),
                    str(ROOT / "cli")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for size in sizes:
            started = time.perf_counter()
            app, env = build(Path(tmp) / f"{size}.sqlite", Path(tmp) / "keys", size)
            events = app.max_position()
            del app
            envs[size] = {**os.environ, **env, "LIF_ACTOR": "bm1"}
            built = time.perf_counter() - started
            first = run(envs[size], ["due"])  # builds the record directory
            print(f"{size:>9,}: {events:,} events, built in {built:.0f} s; first lif due "
                  f"(builds the record directory) {first:.2f} s", flush=True)
        times = {(size, name): [] for size in sizes for name in [*READS, "one write"]}
        for i in range(args.runs):
            for size in sizes:
                for name, command in READS.items():
                    times[size, name].append(run(envs[size], command))
                times[size, "one write"].append(run(envs[size], [
                    "member", "appoint", f"bench{i}", "--role", "agency_lead", "--org",
                    "Health"]))
        base = sizes[0]
        print(f"\nmedians of {args.runs} runs; ratio to the {base:,}-event store")
        print(f"{'command':<16}" + "".join(f"{s:>18,}" for s in sizes) + "   target")
        for name in [*READS, "one write"]:
            floor = statistics.median(times[base, name])
            cells = "".join(f"{statistics.median(times[s, name]) * 1000:>9.0f} ms "
                            f"{statistics.median(times[s, name]) / floor:>5.2f}x"
                            for s in sizes)
            target = ("<= 1.5x" if name in ONE_RECORD else "<= 1.2x" if name == "one write"
                      else "(grows with what it lists)")
            print(f"{name:<16}{cells}   {target}")


if __name__ == "__main__":
    main()
