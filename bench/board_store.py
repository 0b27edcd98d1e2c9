"""A store shaped like a board's log over 2012-2026, for the benchmarks: about 20 cases a year
(most decided against a review; about one in eight an SCR taken through ~22 stages to
publication and closure, the last ones still running; from 29 September 2019, the regimes after
2018: a Rapid Review decided by the three partners, one in eight leading to an LCSPR monitored
every six weeks to publication), learning sources with findings, each with
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
from lif_domain.case import Case, RapidReviewChoice, ReviewChoice  # noqa: E402
from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm  # noqa: E402
from lif_domain.monitoring import MonitoringRound, Outcome  # noqa: E402
from lif_domain.review import Review  # noqa: E402
from lif_domain.roles import Actor, Role  # noqa: E402
from lif_domain.source import Channel, LearningSource, SourceType  # noqa: E402

BM, PANEL = Actor("bm1", Role.BUSINESS_MANAGER), Actor("panel1", Role.SCR_PANEL_MEMBER)
CHAIR, PLQA = Actor("chair1", Role.INDEPENDENT_CHAIR), Actor("plqa1", Role.PLQA_MEMBER)
LEAD, REVIEWER = Actor("lead1", Role.AGENCY_LEAD), Actor("rev1", Role.INDEPENDENT_REVIEWER)
PARTNERS = (Actor("la1", Role.LOCAL_AUTHORITY_PARTNER), Actor("icb1", Role.HEALTH_PARTNER),
            Actor("police1", Role.POLICE_PARTNER))
DEATH = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES)
HARM = CaseFacts(AbuseOrNeglect.SUSPECTED, Harm.SERIOUSLY_HARMED, AgencyConcern.NO_DEFINITIVE)
FIRST, TODAY = date(2012, 1, 2), date(2026, 11, 25)
EVENTS_PER_SOURCE = 91  # a source and its 6 events, 3 actions of ~21, ~22 round outcomes


def days(n: int) -> timedelta:
    return timedelta(days=n)


def case_and_review(n: int, day: date) -> list:
    scr = n % 8 == 0
    case = Case.notify(f"Child {n}", day - days(3), DEATH if scr else HARM, BM, day)
    if case.policy.rapid_review:
        return rapid_review_and_lcspr(case, n, day)
    choice = ReviewChoice.SCR if scr else ReviewChoice.NO_REVIEW
    if day + days(40) > TODAY:
        return [case]  # still being screened
    case.recommend(choice, "criteria" if scr else "not met", PANEL, day + days(10))
    case.decide(choice, "agree", "", CHAIR, day + days(20))
    if not scr:
        case.tell_national_panel(BM, day + days(30))
        return [case]
    review = Review.commission(f"SCR-{n}", case, "scr", "decided", None, CHAIR, day + days(25))
    steps = [  # 22 stages, one report in three returned and drafted again
        (30, lambda on: review.commission_reviewer("rev1", "independent", BM, on)),
        (32, lambda on: review.identify_agencies(["Police", "Health", "Education"], BM, on)),
        (33, lambda on: review.advise_imr_author("Police", "police-imr", BM, on)),
        (35, lambda on: review.draft_terms("scope", PANEL, on)),
        (38, lambda on: review.circulate_terms("panel", PANEL, on)),
        (45, lambda on: review.agree_terms(PANEL, on)),
        (45, lambda on: review.choose_methodology("SILP", "fits", PANEL, on)),
        (46, lambda on: review.schedule_meeting("initial", on + days(14), BM, on)),
        (60, lambda on: review.hold_meeting(1, BM, on)),
        (60, lambda on: review.agree_timescale(None, "", PANEL, on)),
        (70, lambda on: review.invite_family("Mother", REVIEWER, on)),
        (90, lambda on: review.record_family_response("Mother", "accepted", REVIEWER, on)),
        (120, lambda on: review.involve_professionals("learning event", REVIEWER, on)),
        (180, lambda on: review.draft_report(REVIEWER, on)),
        (200, lambda on: review.present_report("Board", BM, on)),
    ]
    if n % 3 == 0:
        steps += [(205, lambda on: review.return_report("family view", CHAIR, on)),
                  (230, lambda on: review.draft_report(REVIEWER, on)),
                  (240, lambda on: review.present_report("Board", BM, on))]
    steps += [
        (240 + n % 90, lambda on: review.approve_report("accepted", CHAIR, on)),
        (340, lambda on: review.send_to_national_panel(BM, on)),
        (350, lambda on: review.publish("website", BM, on)),
        (740, lambda on: review.remove_from_website("12 months", BM, on)),
        (741, lambda on: review.close("done", CHAIR, on)),
    ]
    _take(steps, day)
    return [case, review]


def rapid_review_and_lcspr(case: Case, n: int, day: date) -> list:
    """After 2018: the Rapid Review, the partners' decision and, one case in eight, an LCSPR
    through its stages with the partners' six-weekly monitoring."""
    if day + days(21) > TODAY:
        return [case]
    case.ask_agencies(["Police", "Health", "Education"], BM, day + days(1))
    case.hold_meeting("facts", "none", "share concerns sooner", BM, day + days(10))
    choice = RapidReviewChoice.LCSPR if n % 8 == 0 else RapidReviewChoice.NO_LCSPR
    for partner in PARTNERS:
        case.partner_agrees(choice, "reasons", "briefing", None, partner, day + days(14))
    case.send_rapid_review(BM, day + days(15))
    if choice is not RapidReviewChoice.LCSPR:
        return [case]
    review = Review.commission(f"LCSPR-{n}", case, "lcspr", "decided", None, BM,
                               day + days(25))
    la, icb = PARTNERS[0], PARTNERS[1]
    steps = [
        (30, lambda on: review.commission_reviewer("rev1", "independent", BM, on)),
        (30, lambda on: review.agree_monitoring(6, la, on)),
        (32, lambda on: review.identify_agencies(["Police", "Health", "Education"], BM, on)),
        (35, lambda on: review.draft_terms("scope", PANEL, on)),
        (38, lambda on: review.circulate_terms("panel", PANEL, on)),
        (45, lambda on: review.agree_terms(PANEL, on)),
        (45, lambda on: review.choose_methodology("systems", "fits", PANEL, on)),
        (46, lambda on: review.schedule_meeting("initial", on + days(14), BM, on)),
        (60, lambda on: review.hold_meeting(1, BM, on)),
        (60, lambda on: review.agree_timescale(None, "", la, on)),
        (70, lambda on: review.monitor_progress("on track", "fine", la, on)),
        (110, lambda on: review.monitor_progress("on track", "fine", la, on)),
        (120, lambda on: review.involve_professionals("learning event", REVIEWER, on)),
        (150, lambda on: review.monitor_progress("late", "fine", la, on)),
        (180, lambda on: review.draft_report(REVIEWER, on)),
        (200, lambda on: review.present_report("partners", BM, on)),
        (240 + n % 90, lambda on: review.approve_report("accepted", icb, on)),
        (340, lambda on: review.send_copy(BM, on)),
        (360, lambda on: review.publish("website", BM, on)),
        (400, lambda on: review.close("done", BM, on)),
    ]
    _take(steps, day)
    return [case, review]


def _take(steps, day: date) -> None:
    """Each (days after `day`, step) in turn, up to today: later ones are still to come."""
    for offset, step in steps:
        if day + days(offset) > TODAY:
            break
        step(day + days(offset))


def source_and_actions(n: int, day: date) -> list:
    source = LearningSource.record(f"AUD-{n}", SourceType.PRACTICE_AUDIT, "audit", day,
                                   "plqa1", None, PLQA, day)
    source.record_finding("finding", "late recognition", ["neglect"], PLQA, day)
    source.record_finding("finding", "voice of the child", ["voice-of-the-child"], PLQA, day)
    source.approve_report("PLQA committee", "ok", CHAIR, day + days(5))
    if day + days(30) <= TODAY:
        source.disseminate(Channel.BRIEFING, "practitioners", 40, [1, 2], PLQA, day + days(30))
    if day + days(480) <= TODAY:
        source.evidence_impact("re-audit shows change", None, PLQA, day + days(480))
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
        _live.append((action.ref, day + days(7), done + days(61)))
    return made


def monitoring_round(start: date) -> MonitoringRound:
    """The month's PLQA round: each open action comes up every other month."""
    on = start + days(26)
    round_ = MonitoringRound.hold(f"PLQA-{start:%Y-%m}", "PLQA committee", PLQA, on)
    _live[:] = [live for live in _live if live[2] > on]
    for i, (ref, opened, _) in enumerate(_live):
        if opened <= on and (i + on.month) % 2 == 0:
            round_.review(ref, Outcome.ON_TRACK, "noted", PLQA, on)
    return round_


def build(path: Path, events: int):
    """Build a store of about `events` events at `path`; return the application over it."""
    _counters.update(case=0, source=0)
    _live.clear()
    env = {"LIF_STORE": str(path)}
    app = build_app(env, creating=True, today=lambda: TODAY)
    app.initialise("Bench", "chair1", "Independent", "bm1", "Health", on=FIRST - days(1))
    app.appoint("rev1", Role.INDEPENDENT_REVIEWER, "Independent", by="bm1", on=FIRST - days(1))
    months = (TODAY.year - FIRST.year) * 12 + TODAY.month - FIRST.month
    cases_per_month = 20 / 12
    case_events = months * cases_per_month * 6
    sources_per_month = max(0.2, (events - case_events) / EVENTS_PER_SOURCE / months)
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
        pending.append(monitoring_round(start))
        if len(pending) >= 300:
            app.save(*pending)
            pending = []
    app.save(*pending)
    return app, env


_counters = {"case": 0, "source": 0}
_live: list[tuple[str, date, date]] = []  # open actions: reference, agreed, closed


def _next(kind: str) -> int:
    _counters[kind] += 1
    return _counters[kind]
