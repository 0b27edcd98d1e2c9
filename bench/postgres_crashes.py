"""Writers killed mid-transaction on a PostgreSQL store (issue 15, item 3): --trials times
(default 100), a `lif deaths refer` is started and killed (SIGKILL) after a random moment.
The command saves two records at once, the death's referral and the case it opens, so a
partial command would show as one without the other. After every kill: the referral and its
case are both there or both absent, and at the end the log verifies, its versions contiguous.
Each trial then runs the command again, which must succeed once nothing was saved, or be
refused as already done (its case exists) when the kill came after the commit.

Run: .venv/bin/python bench/postgres_crashes.py [--trials N]
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import psycopg  # noqa: E402

from tests.postgres import SERVER, postgres_store  # noqa: E402

LIF = str(Path(sys.executable).parent / "lif")


def lif(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([LIF, *args], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=60)


def letters(number: int) -> str:
    return "".join(chr(97 + int(d)) for d in str(number))


def refer(n: int) -> list[str]:
    return ["deaths", "refer", f"CD-{n}", "--case", f"Child {letters(n)}", "--aware-on",
            "2017-06-10", "--abuse", "suspected", "--harm", "died", "--agency-concern",
            "not-yet-known", "--rationale", "bruising", "--as", "cdop1", "--on", "2017-06-20"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    args = parser.parse_args()
    chance = random.Random(15)
    whole = absent = 0
    with postgres_store() as env:
        duration = 0.0
        for step in (["init", "--board", "B", "--chair", "chair1", "--chair-org", "I",
                      "--manager", "bm1", "--manager-org", "C", "--on", "2017-04-03"],
                     ["member", "appoint", "cdop1", "--role", "cdop_member", "--org", "Health",
                      "--as", "bm1", "--on", "2017-04-03"],
                     ["member", "agree", "cdop1", "--as", "chair1", "--on", "2017-04-03"]):
            assert lif(env, *step).returncode == 0
        for n in range(args.trials):
            done = lif(env, "deaths", "notify", f"CD-{n}", "--died-on", "2017-06-10",
                       "--age-band", "1-4-years", "--unexpected", "--as", "bm1", "--on",
                       "2017-06-11")
            assert done.returncode == 0, done.stderr
            if not duration:  # how long a whole command takes here, measured once
                started = time.perf_counter()
                lif(env, "deaths", "list")
                duration = time.perf_counter() - started
            writer = subprocess.Popen([LIF, *refer(n)], env={**os.environ, **env},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # from half a command's time (connected, deciding) to a little over a whole one
            time.sleep(chance.uniform(0.5, 1.3) * duration)
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            with psycopg.connect(SERVER, options=f"-c search_path={env['LIF_POSTGRES_SCHEMA']}"
                                 ) as db:
                topics = [t for (t,) in db.execute("SELECT topic FROM stored_events WHERE "
                                                   "topic LIKE '%%Referred' OR topic LIKE "
                                                   "'%%Case.Notified'")]
            referred = sum(t.endswith("Referred") for t in topics)
            opened = sum(t.endswith("Case.Notified") for t in topics)
            assert referred == opened, f"trial {n}: a referral without its case, or the reverse"
            again = lif(env, *refer(n))
            if referred == whole + absent + 1:  # the kill came after the commit
                whole += 1
                assert again.returncode == 1 and "already" in again.stderr, again
            else:
                absent += 1
                assert again.returncode == 0, again.stderr
        verified = lif(env, "verify")
        assert verified.returncode == 0 and "versions contiguous" in verified.stdout
    print(f"{args.trials} writers killed mid-command on PostgreSQL: {whole} had committed "
          f"whole, {absent} had saved nothing; none partial; the log verifies.")


if __name__ == "__main__":
    main()
