"""History of one review of --events events (default 1,000), as `lif history` reads it (load
and decode the events, find the review, tell each event in plain words), as a ratio to two
floors measured in the same run: a raw select of the same rows with json.loads of each, and a
raw select decoded into domain events by the library's mapper. Target: at most 3x.

Run: .venv/bin/python bench/history.py [--events N] [--runs N]
"""

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from adapters.composition import build_app  # noqa: E402
from cli.render import history_rows  # noqa: E402
from eventsourcing.persistence import StoredEvent  # noqa: E402
from lif_domain.case import ReviewChoice  # noqa: E402
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm  # noqa: E402
from lif_domain.roles import Role  # noqa: E402

START = date(2017, 5, 15)


def build(folder: Path, events: int):
    env = {"LIF_STORE": str(folder / "h.sqlite")}
    app = build_app(env, creating=True, today=lambda: date(2026, 11, 25))
    app.initialise("Bench", "chair1", "Independent", "bm1", "Council", on=date(2017, 4, 3))
    app.appoint("panel1", Role.SCR_PANEL_MEMBER, "Police", by="bm1", on=date(2017, 4, 3))
    app.agree("panel1", by="chair1", on=date(2017, 4, 3))  # a role with powers (rule W4)
    app.appoint("rev1", Role.INDEPENDENT_REVIEWER, "Independent", by="bm1", on=date(2017, 4, 3))
    facts = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES)
    app.notify_case("Child H", date(2017, 5, 1), facts, by="bm1", on=date(2017, 5, 4))
    app.recommend("Child H", ReviewChoice.SCR, "met", by="panel1", on=date(2017, 5, 10))
    app.decide("Child H", ReviewChoice.SCR, "agree", by="chair1", on=date(2017, 5, 12))
    app.commission_review("SCR-1", "Child H", "scr", "decided", by="chair1", on=START)
    app.record_step("SCR-1", "reviewer_commissioned", reviewer="rev1", declaration="none",
                    by="bm1", on=START)
    app.record_step("SCR-1", "meeting_scheduled", kind="initial", planned_for=START, by="bm1",
                    on=START)
    app.record_step("SCR-1", "meeting_held", number=1, by="bm1", on=START)
    review = app.review("SCR-1")
    day = START
    while review.version < events:  # update meetings, scheduled and held
        day += timedelta(days=1)
        number = review.schedule_meeting("update", day, app.actor("bm1", "schedule a meeting",
                                                                  day), day)
        if review.version < events:
            review.hold_meeting(number, app.actor("bm1", "record a meeting held", day), day)
        if len(review.pending_events) >= 200:
            app.save(review)
    app.save(review)
    return app, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app, env = build(Path(tmp), args.events)
        review_id = app.review("SCR-1").id.hex
        floors, decodes, lifs = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            db = sqlite3.connect(env["LIF_STORE"])
            rows = [json.loads(r[0]) for r in db.execute(
                "SELECT state FROM stored_events WHERE originator_id = ? ORDER BY "
                "originator_version", (review_id,))]
            db.close()
            floors.append(time.perf_counter() - start)
            start = time.perf_counter()
            db = sqlite3.connect(env["LIF_STORE"])
            decoded = [app.mapper.to_domain_event(StoredEvent(r[0], r[1], r[2], r[3]))
                       for r in db.execute("SELECT originator_id, originator_version, topic, "
                                           "state FROM stored_events WHERE originator_id = ? "
                                           "ORDER BY originator_version", (review_id,))]
            db.close()
            decodes.append(time.perf_counter() - start)
            fresh = build_app(env, today=lambda: date(2026, 11, 25))
            start = time.perf_counter()
            _, record, events, _ = fresh.read("SCR-1", "review")  # as `lif history` does
            told = history_rows(events, with_fields=False)  # the text view, as by default
            lifs.append(time.perf_counter() - start)
        assert len(rows) == len(decoded) == len(told) == args.events
    floor, decode = statistics.median(floors), statistics.median(decodes)
    lif = statistics.median(lifs)
    print(f"review of {args.events} events, medians of {args.runs} runs")
    print(f"floor 1 (select + json.loads):            {floor * 1000:.1f} ms")
    print(f"floor 2 (select + the library's decode):  {decode * 1000:.1f} ms")
    print(f"history (load, find, tell in words):      {lif * 1000:.1f} ms")
    print(f"ratio: {lif / floor:.2f}x floor 1, {lif / decode:.2f}x floor 2 (target at most 3x)")


if __name__ == "__main__":
    main()
