"""A store shaped like a board's log over 2012-2026, for the benchmarks: about 20 cases a year
(most decided against a review; about one in eight an SCR taken through ~16 stages to
publication and closure, the last ones still running), learning sources with findings, each with
three actions updated monthly until verified, assessed and closed (the bulk of the log), and a
monthly PLQA round recording outcomes. A larger store has more learning per year, not more
years: the cases, reviews and today's clocks stay a board's size, as they do in life.

Built through the domain and saved in batches, as the annual-report benchmark does."""

import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from adapters.composition import build_app  # noqa: E402
from lif_domain.action import Action, Rag  # noqa: E402
from lif_domain.case import Case, ReviewChoice  # noqa: E402
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm  # noqa: E402
from lif_domain.monitoring import MonitoringRound, Outcome  # noqa: E402
from lif_domain.review import Review  # noqa: E402
from lif_domain.roles import Actor, Role  # noqa: E402
from lif_domain.source import LearningSource, SourceType  # noqa: E402

BM, PANEL = Actor("bm1", Role.BUSINESS_MANAGER), Actor("panel1", Role.SCR_PANEL_MEMBER)
CHAIR, PLQA = Actor("chair1", Role.INDEPENDENT_CHAIR), Actor("plqa1", Role.PLQA_MEMBER)
LEAD, REVIEWER = Actor("lead1", Role.AGENCY_LEAD), Actor("rev1", Role.INDEPENDENT_REVIEWER)
DEATH = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES)
HARM = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.SERIOUSLY_HARMED, AgencyConcern.NO_DEFINITIVE)
FIRST, TODAY = date(2012, 1, 2), date(2026, 11, 25)
EVENTS_PER_SOURCE = 66  # a source, 2 findings, approval, 3 actions of about 21 events


def days(n: int) -> timedelta:
    return timedelta(days=n)


def case_and_review(n: int, day: date) -> list:
    scr = n % 8 == 0
    case = Case.notify(f"Child {n}", day - days(3), DEATH if scr else HARM, BM, day)
    choice = ReviewChoice.SCR if scr else ReviewChoice.NO_REVIEW
    if day + days(40) > TODAY:
        return [case]  # still being screened
    case.recommend(choice, "criteria" if scr else "not met", PANEL, day + days(10))
    case.decide(choice, "agree", "", CHAIR, day + days(20))
    if not scr:
        case.tell_national_panel(BM, day + days(30))
        return [case]
    review = Review.commission(f"SCR-{n}", case, "scr", "decided", None, CHAIR, day + days(25))
    steps = [
        (30, lambda on: review.commission_reviewer("rev1", "independent", BM, on)),
        (35, lambda on: review.draft_terms("scope", PANEL, on)),
        (38, lambda on: review.circulate_terms("panel", PANEL, on)),
        (45, lambda on: review.agree_terms(PANEL, on)),
        (45, lambda on: review.choose_methodology("SILP", "fits", PANEL, on)),
        (46, lambda on: review.schedule_meeting("initial", on + days(14), BM, on)),
        (60, lambda on: review.hold_meeting(1, BM, on)),
        (60, lambda on: review.agree_timescale(None, "", PANEL, on)),
        (180, lambda on: review.draft_report(REVIEWER, on)),
        (200, lambda on: review.present_report("Board", BM, on)),
        (200 + n % 90, lambda on: review.approve_report("accepted", CHAIR, on)),
        (300, lambda on: review.send_to_national_panel(BM, on)),
        (310, lambda on: review.publish("website", BM, on)),
        (700, lambda on: review.remove_from_website("12 months", BM, on)),
        (701, lambda on: review.close("done", CHAIR, on)),
    ]
    for offset, step in steps:
        if day + days(offset) > TODAY:
            break
        step(day + days(offset))
    return [case, review]


def source_and_actions(n: int, day: date) -> list:
    source = LearningSource.record(f"AUD-{n}", SourceType.PRACTICE_AUDIT, "audit", day,
                                   "plqa1", None, PLQA, day)
    source.record_finding("finding", "late recognition", ["neglect"], PLQA, day)
    source.record_finding("finding", "voice of the child", ["voice-of-the-child"], PLQA, day)
    source.approve_report("PLQA committee", "ok", CHAIR, day + days(5))
    made = [source]
    for a in range(3):
        action = Action.propose(f"AUD-{n}/A{a}", source, 1, "w", "Health", "l",
                                day + days(400), "m", BM, day + days(6))
        action.agree(PLQA, day + days(7))
        for month in range(1, 14):
            on = day + days(7 + 30 * month)
            if on > TODAY:
                break
            action.update_progress(Rag.AMBER, "progress", LEAD, on)
        done = day + days(410)
        if done + days(61) <= TODAY:
            action.claim_complete("register", LEAD, done)
            action.verify("checked", PLQA, done)
            action.assess_impact("re-audit", "better", PLQA, done + days(60))
            action.close("impact evidenced", CHAIR, done + days(61))
        made.append(action)
    return made


def build(path: Path, key_dir: Path, events: int):
    """Build a store of about `events` events at `path`; return the application over it."""
    _counters.update(case=0, source=0)
    env = {"LIF_STORE": str(path), "LIF_KEY_DIR": str(key_dir)}
    app = build_app(env, creating=True, today=lambda: TODAY)
    app.initialise("Bench", "chair1", "Independent", "bm1", "Health", on=FIRST - days(1))
    app.appoint("rev1", Role.INDEPENDENT_REVIEWER, "Independent", by="bm1", on=FIRST - days(1))
    months = (TODAY.year - FIRST.year) * 12 + TODAY.month - FIRST.month
    cases_per_month = 20 / 12
    case_events = months * cases_per_month * 6
    sources_per_month = max(1.0, (events - case_events) / EVENTS_PER_SOURCE / months)
    pending, cases, sources = [], 0.0, 0.0
    for month in range(months):
        start = date(FIRST.year + month // 12, month % 12 + 1, 2)
        cases += cases_per_month
        sources += sources_per_month
        while cases >= 1:
            cases -= 1
            pending += case_and_review(_next("case"), start + days(int(cases * 25)))
        while sources >= 1:
            sources -= 1
            pending += source_and_actions(_next("source"), start + days(int(sources * 25) % 27))
        round_ = MonitoringRound.hold(f"PLQA-{start:%Y-%m}", "PLQA committee", PLQA,
                                      start + days(26))
        for a in range(3):
            ref = f"AUD-{max(1, _counters['source'] - 5)}/A{a}"
            round_.review(ref, Outcome.ON_TRACK, "noted", PLQA, start + days(26))
        pending.append(round_)
        if len(pending) >= 300:
            app.save(*pending)
            pending = []
    app.save(*pending)
    return app, env


_counters = {"case": 0, "source": 0}


def _next(kind: str) -> int:
    _counters[kind] += 1
    return _counters[kind]
