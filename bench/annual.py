"""The annual report on a large store (issue 5 target: 1,000,000 events in at most 5 s).

Builds a store of about --events events shaped like a busy board's log (cases screened and
decided; one in four with a review; learning sources with findings; actions updated monthly and
closed with impact), then times the report for one financial year in-process, as `lif report
annual` makes it (through the record directory: built on the first run, then kept up to date) and
from every record, beside a floor: a raw select of every row with json.loads.

Run: .venv/bin/python bench/annual.py [--events N]
"""

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from adapters.composition import build_app  # noqa: E402
from lif_domain.action import Action, Rag  # noqa: E402
from lif_domain.case import Case, ReviewChoice  # noqa: E402
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm  # noqa: E402
from lif_domain.roles import Actor, Role  # noqa: E402
from lif_domain.source import LearningSource, SourceType  # noqa: E402

BM, PANEL = Actor("bm1", Role.BUSINESS_MANAGER), Actor("panel1", Role.SCR_PANEL_MEMBER)
CHAIR, PLQA = Actor("chair1", Role.INDEPENDENT_CHAIR), Actor("plqa1", Role.PLQA_MEMBER)
LEAD = Actor("lead1", Role.AGENCY_LEAD)
FACTS = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.SERIOUSLY_HARMED, AgencyConcern.NO_DEFINITIVE)


def build(folder: Path, events: int):
    env = {"LIF_STORE": str(folder / "a.sqlite"), "LIF_KEY_DIR": str(folder / "keys")}
    app = build_app(env, creating=True, today=lambda: date(2026, 11, 25))
    app.initialise("Bench", "chair1", "Independent", "bm1", "Health", on=date(2010, 4, 1))
    pending, n, day = [], 0, date(2010, 4, 5)
    while app.recorder.max_notification_id() < events:
        n += 1
        day += timedelta(days=1)
        case = Case.notify(f"Child {n}", day, FACTS, BM, day)
        case.recommend(ReviewChoice.NO_REVIEW, "not met", PANEL, day)
        case.decide(ReviewChoice.NO_REVIEW, "not met", "", CHAIR, day + timedelta(days=7))
        source = LearningSource.record(f"AUD-{n}", SourceType.PRACTICE_AUDIT, "audit", day,
                                       "plqa1", None, PLQA, day)
        source.record_finding("finding", "late recognition", ["neglect"], PLQA, day)
        pending += [case, source]
        for a in range(3):
            action = Action.propose(f"AUD-{n}/A{a}", source, 1, "w", "Health", "l",
                                    day + timedelta(days=120), "m", BM, day)
            action.agree(PLQA, day)
            for month in range(1, 4):
                action.update_progress(Rag.AMBER, "progress", LEAD, day + timedelta(30 * month))
            done = day + timedelta(100)
            action.claim_complete("register", LEAD, done)
            action.verify("checked", PLQA, done)
            action.assess_impact("re-audit", "better", PLQA, done + timedelta(60))
            action.close("impact evidenced", CHAIR, done + timedelta(61))
            pending.append(action)
        if len(pending) >= 400:
            app.save(*pending)
            pending = []
    if pending:
        app.save(*pending)
    return app, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        app, env = build(Path(tmp), args.events)
        total = app.recorder.max_notification_id()
        print(f"store: {total:,} events, built in {time.perf_counter() - started:.0f} s")
        start = time.perf_counter()
        db = sqlite3.connect(env["LIF_STORE"])
        rows = sum(1 for (s,) in db.execute("SELECT state FROM stored_events") if json.loads(s))
        db.close()
        floor = time.perf_counter() - start
        print(f"floor (select + json.loads of {rows:,} rows): {floor:.1f} s")
        year = "2012/13"
        for label, whole in (("from every record", True), ("through the record directory, "
                                                           "built now", False),
                             ("through the record directory, up to date", False)):
            fresh = build_app(env, today=lambda: date(2026, 11, 25))
            start = time.perf_counter()
            fresh.annual_report(year, whole_log=whole)
            took = time.perf_counter() - start
            print(f"annual report {year}, {label}: {took:.2f} s ({took / floor:.2f}x the "
                  "floor; target at most 5 s on 1,000,000 events)")


if __name__ == "__main__":
    main()
