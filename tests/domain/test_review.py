"""Reviews through their stages (REFERENCE §3, §4; seed, Appendix B), given / when / then."""

from datetime import date, timedelta

import pytest

from lif_domain.case import Case, ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput, MissingRationale, NotAuthorised, OutOfOrder
from lif_domain.review import COMMANDS, Review
from lif_domain.review_steps import STEPS, TITLES
from tests.conftest import CHAIR, LA, MANAGER, PANEL, PLQA, REVIEWER, recorded, replay

START = date(2017, 6, 1)

# The details and actor of every step taken on an existing review.
ARGS = {
    "reviewer_commissioned": (MANAGER, {"reviewer": "rev1", "declaration": "independent"}),
    "agencies_identified": (MANAGER, {"agencies": ["Police", "Health"]}),
    "imr_author_advised": (MANAGER, {"agency": "Police", "author": "imr-1"}),
    "terms_drafted": (PANEL, {"summary": "2016-17; neglect"}),
    "terms_circulated": (PANEL, {"circulated_to": "all members"}),
    "terms_agreed": (PANEL, {}),
    "methodology_chosen": (PANEL, {"methodology": "SILP", "rationale": "few agencies"}),
    "meeting_scheduled": (MANAGER, {"kind": "initial", "planned_for": date(2017, 6, 20)}),
    "meeting_held": (MANAGER, {"number": 1}),
    "timescale_agreed": (PANEL, {"due_on": None, "rationale": ""}),
    "family_invited": (REVIEWER, {"invitee": "Mother of Child H"}),
    "family_responded": (REVIEWER, {"invitee": "Mother of Child H", "response": "accepted"}),
    "professionals_involved": (REVIEWER, {"how": "learning event"}),
    "report_drafted": (REVIEWER, {}),
    "report_presented": (MANAGER, {"presented_to": "Board"}),
    "report_approved": (CHAIR, {"rationale": "accepted"}),
    "report_returned": (CHAIR, {"reasons": "family view missing"}),
    "sent_to_national_panel": (MANAGER, {}),
    "publication_deferred": (CHAIR, {"reasons": "criminal trial"}),
    "published": (MANAGER, {"where": "board website"}),
    "not_published": (CHAIR, {"reasons": "would identify a sibling"}),
    "removed_from_website": (MANAGER, {"reason": "after 12 months"}),
    "escalated": (CHAIR, {"rationale": "criteria now met"}),
    "closed": (CHAIR, {"rationale": "done"}),
    "monitoring_agreed": (LA, {"every_weeks": 6}),
    "progress_monitored": (LA, {"time": "on track", "quality": "good"}),
    "information_requested": (LA, {"what": "draft_report", "letter": "letter of 3 March"}),
    "copy_sent": (MANAGER, {}),
    "improvements_published": (LA, {"reasons": "would identify a sibling",
                                    "where": "partnership website"}),
}
# The stages of the 2015 reviews (an LCSPR's own are tested in test_lcspr).
BOARD_STEPS = [s for s in STEPS if s != "commissioned" and STEPS[s].kinds & {"scr", "plr"}]
SCR_PATH = ["reviewer_commissioned", "agencies_identified", "imr_author_advised",
            "terms_drafted", "terms_circulated", "terms_agreed", "methodology_chosen",
            "meeting_scheduled", "meeting_held", "timescale_agreed", "family_invited",
            "family_responded", "professionals_involved", "report_drafted", "report_presented",
            "report_approved", "sent_to_national_panel", "published", "closed"]


def decided_case(decision=R.SCR, facts=CaseFacts(A.SUSPECTED, H.DIED, C.YES)) -> Case:
    case = Case.notify("Child H", date(2017, 5, 1), facts, MANAGER, date(2017, 5, 2))
    case.recommend(decision, "view", PANEL, date(2017, 5, 10))
    case.decide(decision, "view", "reason" if decision not in (R.SCR,) else "",
                CHAIR, date(2017, 5, 12))
    return case


def take(review: Review, step: str, on: date, **override) -> None:
    actor, details = ARGS[step]
    actor = override.pop("actor", actor)
    COMMANDS[step](review, **{**details, **override}, actor=actor, on=on)


def commissioned(kind="scr") -> list:
    case = decided_case(R.SCR if kind == "scr" else R.PLR, CaseFacts(
        A.SUSPECTED, H.DIED if kind == "scr" else H.SERIOUSLY_HARMED,
        C.YES if kind == "scr" else C.NO_DEFINITIVE))
    partners = None if kind == "scr" else date(2017, 5, 20)
    return recorded(Review.commission("R-1", case, kind, "decided", partners, CHAIR, START))


def through(last_step: str, kind="scr", path=SCR_PATH) -> list:
    """The events of a review taken along `path` up to and including `last_step`."""
    review = replay(commissioned(kind))
    for i, step in enumerate(path[: path.index(last_step) + 1]):
        take(review, step, START + timedelta(days=i + 1))
    return commissioned(kind) + recorded(review)


def test_commissioning_records_kind_case_and_rationale():
    [event] = commissioned()
    assert isinstance(event, Review.Commissioned)
    assert (event.kind, event.case_ref, event.role) == ("scr", "Child H", "independent_chair")


def test_a_review_needs_the_chairs_decision_for_that_kind():
    case = decided_case(R.PLR, CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE))
    with pytest.raises(OutOfOrder, match="must decide on a serious case review"):
        Review.commission("R-1", case, "scr", "x", None, CHAIR, START)


def test_a_plr_begins_only_once_agreed_through_the_strategic_partners():
    case = decided_case(R.PLR, CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE))
    with pytest.raises(OutOfOrder, match="strategic partners"):
        Review.commission("R-1", case, "plr", "x", None, CHAIR, START)


def test_only_the_chair_commissions_a_review():
    with pytest.raises(NotAuthorised):
        Review.commission("R-1", decided_case(), "scr", "x", None, MANAGER, START)


def test_an_scr_runs_through_every_stage_to_closure():
    events = through("closed")
    review = replay(events)
    assert review.closed_on is not None and review.next_steps() == []
    assert [type(e).__name__ for e in events][-3:] == ["SentToNationalPanel", "Published",
                                                       "Closed"]
    assert all(e.member and e.role and e.on for e in events)


@pytest.mark.parametrize("step", [s for s in BOARD_STEPS
                                  if set(STEPS[s].requires) - {"commissioned"}])
def test_a_step_out_of_order_is_refused_naming_what_must_come_first(step):
    review = replay(commissioned())
    first_missing = next(r for r in STEPS[step].requires if r not in review.done)
    with pytest.raises(OutOfOrder, match=TITLES[first_missing]):
        take(review, step, START + timedelta(days=1))
    assert recorded(review) == []


@pytest.mark.parametrize("step", ["sent_to_national_panel", "publication_deferred", "published",
                                  "not_published", "removed_from_website"])
def test_publication_steps_belong_to_an_scr_only(step):
    review = replay(commissioned("plr"))
    with pytest.raises(OutOfOrder, match="is a stage of an SCR (or an LCSPR )?only; R-1 is a PLR"):
        take(review, step, START + timedelta(days=1))


def test_a_step_taken_by_a_role_not_allowed_is_refused():
    review = replay(through("timescale_agreed"))
    with pytest.raises(NotAuthorised, match="independent reviewer"):
        review.draft_report(MANAGER, START + timedelta(days=30))
    with pytest.raises(NotAuthorised):
        review.schedule_meeting("update", date(2017, 8, 1), PLQA, START + timedelta(days=30))


@pytest.mark.parametrize("step", BOARD_STEPS)
def test_who_may_not_take_a_step_is_told_so_before_anything_about_its_details(step):
    """Permission first: a member without the role hears that, not that a text is missing."""
    from lif_domain.permissions import roles_for
    from lif_domain.roles import Actor, Role

    outsider = Actor("x", next(r for r in Role if r not in roles_for(STEPS[step].permission)))
    blank = {k: ("" if isinstance(v, str) else [] if isinstance(v, list) else v)
             for k, v in ARGS[step][1].items()}
    with pytest.raises(NotAuthorised):
        COMMANDS[step](replay(commissioned("plr" if step == "escalated" else "scr")), **blank, **({"case": decided_case()}
                                                  if step == "escalated" else {}),
                                     actor=outsider, on=START + timedelta(days=1))


def test_a_step_dated_before_what_it_depends_on_is_refused():
    review = replay(through("terms_drafted"))
    with pytest.raises(OutOfOrder, match="cannot be dated before 'terms of reference drafted'"):
        review.circulate_terms("all", PANEL, START)


def test_the_timescale_defaults_to_six_months_from_the_initial_meeting():
    review = replay(through("timescale_agreed"))
    held = review.done["initial_meeting_held"]
    assert review.due_on == date(held.year, held.month + 6, held.day)


def test_another_timescale_needs_a_reason():
    review = replay(through("meeting_held"))
    with pytest.raises(MissingRationale, match="six months from the initial meeting"):
        review.agree_timescale(date(2018, 6, 30), "", PANEL, date(2017, 6, 30))
    review.agree_timescale(date(2018, 6, 30), "criminal trial first", PANEL, date(2017, 6, 30))
    assert review.due_on == date(2018, 6, 30)


def test_an_update_meeting_needs_the_initial_meeting_held_first():
    review = replay(through("reviewer_commissioned"))
    with pytest.raises(OutOfOrder, match="initial review meeting must be held"):
        review.schedule_meeting("update", date(2017, 7, 1), MANAGER, date(2017, 6, 5))
    assert review.schedule_meeting("initial", date(2017, 6, 20), MANAGER, date(2017, 6, 5)) == 1
    with pytest.raises(OutOfOrder, match="already has an initial meeting"):
        review.schedule_meeting("initial", date(2017, 6, 21), MANAGER, date(2017, 6, 5))


def test_imr_authors_and_family_responses_need_what_they_refer_to():
    review = replay(through("family_invited"))
    with pytest.raises(InvalidInput, match="not among the agencies"):
        review.advise_imr_author("Schools", "x", MANAGER, date(2017, 7, 1))
    with pytest.raises(OutOfOrder, match="must be invited"):
        review.record_family_response("Father", "declined", REVIEWER, date(2017, 7, 1))


def test_a_returned_report_must_be_redrafted_and_presented_again():
    review = replay(through("report_presented"))
    review.return_report("family view missing", CHAIR, date(2017, 9, 1))
    with pytest.raises(OutOfOrder, match="report and action plan presented"):
        review.approve_report("ok", CHAIR, date(2017, 9, 2))
    review.draft_report(REVIEWER, date(2017, 9, 10))
    review.present_report("Board", MANAGER, date(2017, 9, 11))
    review.approve_report("ok now", PLQA, date(2017, 9, 12))
    assert "report_approved" in review.done


def test_an_scr_closes_only_once_published_or_not_published():
    review = replay(through("sent_to_national_panel"))
    with pytest.raises(OutOfOrder, match="once published or decided not to be published"):
        review.close("done", CHAIR, date(2017, 9, 1))
    review.defer_publication("criminal trial", CHAIR, date(2017, 9, 1))
    with pytest.raises(OutOfOrder):
        review.close("done", CHAIR, date(2017, 9, 2))
    review.decide_not_to_publish("would identify a sibling", CHAIR, date(2018, 3, 1))
    review.close("done", CHAIR, date(2018, 3, 2))
    assert review.closed_on == date(2018, 3, 2)


def test_nothing_is_recorded_on_a_closed_review():
    review = replay(through("closed"))
    with pytest.raises(OutOfOrder, match="was closed on"):
        review.remove_from_website("x", MANAGER, date(2019, 1, 1))


def test_a_plr_escalates_to_an_scr_only_when_the_criteria_are_met():
    review = replay(commissioned("plr"))
    not_met = decided_case(R.PLR, CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE))
    with pytest.raises(OutOfOrder, match="does not meet the SCR criteria"):
        review.escalate(not_met, "x", CHAIR, date(2017, 7, 1))
    not_met.correct_notification(not_met.aware_on, CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.YES),
                                 "IMRs show failings", MANAGER, date(2017, 6, 30))
    review.escalate(not_met, "criteria now met", CHAIR, date(2017, 7, 1))
    [event] = recorded(review)
    assert isinstance(event, Review.EscalatedToScr) and review.kind == "scr"


def test_a_plr_closes_once_its_report_is_approved():
    path = [s for s in SCR_PATH if s not in ("sent_to_national_panel", "published")]
    review = replay(through("closed", "plr", path))
    assert review.closed_on is not None


RETURNED_PATH = SCR_PATH[:SCR_PATH.index("report_presented") + 1] + [
    "report_returned", "report_drafted", "report_presented", "report_approved",
    "sent_to_national_panel", "published", "removed_from_website", "closed"]


def takeable(events: list, on: date) -> set[str]:
    """The stages that a review replayed from `events` accepts now (each tried on a copy)."""
    accepted = set()
    for step in STEPS:
        if step in ("commissioned", "escalated"):  # escalation needs the case: tested apart
            continue
        review = replay(events)
        override = {}
        if step == "meeting_scheduled" and review.meetings:
            override = {"kind": "update"}
        if step == "meeting_held":
            override = {"number": next((m.number for m in review.meetings if not m.held_on),
                                       1)}
        if step == "timescale_agreed" and review.due_on:  # a variation: the chair's
            override = {"actor": CHAIR, "due_on": review.due_on + timedelta(days=90),
                        "rationale": "more time needed"}
        try:
            take(review, step, on, **override)
        except OutOfOrder:
            continue
        accepted.add(step)
    return accepted


@pytest.mark.parametrize("path", [SCR_PATH, RETURNED_PATH], ids=["approved", "returned"])
def test_next_offers_only_stages_the_review_accepts_now(path):
    """`review show` says what can be done next: at every point of a review's life, every step
    it offers is one it accepts (a report's turns, meetings waiting, publication), and the
    path's own next step is among them."""
    on = START + timedelta(days=len(path) + 1)
    for i, step in enumerate(path):  # the state before `step`
        events = through(path[i - 1], path=path) if i else commissioned()
        offered = set(replay(events).next_steps()) - {"escalated"}
        assert offered <= takeable(events, on), (step, offered - takeable(events, on))
        assert step in offered, step
    assert replay(through(path[-1], path=path)).next_steps() == []  # closed


def test_after_approval_the_report_is_not_drafted_or_returned_again():
    review = replay(through("report_approved"))
    assert {"report_drafted", "report_presented", "report_returned"}.isdisjoint(
        review.next_steps())
    with pytest.raises(OutOfOrder, match="'report returned' cannot follow 'report approved'"):
        take(review, "report_returned", START + timedelta(days=30))
