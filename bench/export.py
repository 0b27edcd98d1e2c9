"""Event export throughput and memory (issue 5): `lif export events` of a --events store
(default 1,000,000) against a floor that selects the columns the export reads and writes a line
per row, and the export's peak resident memory. Targets: at least 0.5x the floor; under 150 MB.

Run: .venv/bin/python bench/export.py [--events N]
"""

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from chain import big_store  # noqa: E402


def floor(path: Path) -> float:
    """Select the columns the export reads and write each row as one line of them: the least
    an export does (issue 16: an honest floor reads the same rows and writes a line each)."""
    start = time.perf_counter()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    n = 0
    with open(path.with_suffix(".floor"), "wb") as out:
        for p, i, v, t, s in db.execute("SELECT rowid, originator_id, originator_version, "
                                        "topic, state FROM stored_events ORDER BY rowid"):
            out.write(b"%d,%s,%d,%s,%s\n" % (p, i.encode(), v, t.encode(), s))
            n += 1
    db.close()
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, keys = big_store(folder, args.events)
        base = floor(path)
        env = {**os.environ, "LIF_KEY_DIR": str(keys.folder)}
        lif = str(Path(sys.executable).parent / "lif")
        for fmt in ("jsonl", "csv"):
            out = folder / f"events.{fmt}"
            start = time.perf_counter()
            subprocess.run([lif, "--store", str(path), "export", "events", "--out", str(out)],
                           check=True, env=env, capture_output=True)
            rate = args.events / (time.perf_counter() - start)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"export {fmt}: {rate:,.0f} events/s = {rate / base:.2f}x the floor "
                  f"({base:,.0f}/s, select + a line per row); peak memory of the largest run so "
                  f"far {peak:.0f} MB; {out.stat().st_size / 1e6:.0f} MB written "
                  "(targets: at least 0.5x; under 150 MB)")


if __name__ == "__main__":
    main()
