"""A year of activity under a frozen clock, with records straddling 31 March, and every section
of the 2017/18 annual report checked against counts made by hand."""

from datetime import date

import pytest
from freezegun import freeze_time

from lif_domain.action import Level
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import InvalidInput
from lif_domain.roles import Role
from lif_domain.source import Channel, SourceType
from tests.conftest import appoint, founded, make_app

DEATH = CaseFacts(A.SUSPECTED, H.DIED, C.YES)
NO_CONCERN = CaseFacts(A.KNOWN, H.SERIOUSLY_HARMED, C.NO_DEFINITIVE)
SCR_STEPS = [  # step, business date, details
    ("reviewer_commissioned", "2017-05-26", {"reviewer": "rev1", "declaration": "none"}),
    ("terms_drafted", "2017-05-29", {"summary": "2016-17"}),
    ("terms_circulated", "2017-05-30", {"circulated_to": "panel"}),
    ("terms_agreed", "2017-05-31", {}),
    ("methodology_chosen", "2017-05-31", {"methodology": "SILP", "rationale": "few agencies"}),
    ("meeting_scheduled", "2017-06-01", {"kind": "initial", "planned_for": date(2017, 6, 5)}),
    ("meeting_held", "2017-06-05", {"number": 1}),
    ("timescale_agreed", "2017-06-05", {"due_on": None, "rationale": ""}),
    ("report_drafted", "2017-11-20", {}),
    ("report_presented", "2017-12-01", {"presented_to": "Board"}),
    ("report_approved", "2017-12-01", {"rationale": "accepted"}),
    ("sent_to_national_panel", "2018-01-02", {}),
    ("published", "2018-01-15", {"where": "website"}),
]


def by(member):
    return {"by": member}


def case(app, ref, aware, notified, facts, decision=None, decided=None):
    app.notify_case(ref, date.fromisoformat(aware), facts, by="bm1",
                    on=date.fromisoformat(notified))
    if decision:
        app.recommend(ref, decision, "panel view", by="panel1", on=date.fromisoformat(notified))
        app.decide(ref, decision, "chair's view", "" if decision is R.SCR else "proportionate",
                   by="chair1", on=date.fromisoformat(decided))


@pytest.fixture(scope="module")
def report():
    with freeze_time("2017-03-28") as clock:
        app = founded(make_app(), on=date(2017, 3, 1))
        app.appoint("lead1", Role.AGENCY_LEAD, "Health", by="bm1")
        appoint(app, "plqa2", Role.PLQA_MEMBER, "Police", on=app.today())
        for org in ("Health", "Police"):
            app.register_organisation(org, by="bm1")
        app.notify_case("Child A", date(2017, 3, 27), NO_CONCERN, by="bm1")  # last year
        clock.move_to("2018-06-01")
        app.recommend("Child A", R.PLR, "learning", by="panel1", on=date(2017, 4, 3))
        app.decide("Child A", R.PLR, "learning", "", by="chair1", on=date(2017, 4, 10))
        app.commission_review("PLR-1", "Child A", "plr", "decided", date(2017, 4, 15),
                              by="chair1", on=date(2017, 4, 20))
        case(app, "Child B", "2017-04-26", "2017-05-02", DEATH, R.SCR, "2017-05-20")
        case(app, "Child C", "2017-05-20", "2017-06-01", NO_CONCERN, R.NO_REVIEW, "2017-07-10")
        app.tell_national_panel("Child C", by="bm1", on=date(2017, 7, 30))
        case(app, "Child D", "2018-03-19", "2018-03-20", DEATH)
        app.recommend("Child D", R.SCR, "met", by="panel1", on=date(2018, 3, 28))
        app.decide("Child D", R.SCR, "agree", "", by="chair1", on=date(2018, 4, 5))
        app.commission_review("SCR-1", "Child B", "scr", "decided", by="chair1",
                              on=date(2017, 5, 25))
        for step, on, details in SCR_STEPS:
            app.record_step("SCR-1", step, by=_who(step), on=date.fromisoformat(on), **details)
        app.record_source("AUD-1", SourceType.PRACTICE_AUDIT, "Neglect audit",
                          date(2017, 6, 15), "plqa1", by="plqa1", on=date(2017, 6, 15))
        app.record_finding("AUD-1", "finding", "late recognition", ["neglect"], by="bm1",
                           on=date(2017, 6, 20))
        app.record_finding("AUD-1", "finding", "records not shared",
                           ["neglect", "information sharing"], by="bm1", on=date(2017, 6, 20))
        app.record_source("S11-1", SourceType.SECTION_11, "Section 11 audit", date(2018, 3, 30),
                          "plqa1", by="plqa1", on=date(2018, 3, 30))
        app.record_finding("S11-1", "finding", "training gaps", ["training"], by="bm1",
                           on=date(2018, 4, 2))
        for ref, finding, owner, due in (("A1", 1, "Health", date(2017, 10, 31)),
                                         ("A2", 2, "Police", date(2018, 1, 31))):
            app.propose_action(ref, "AUD-1", finding, "w", owner, "l", due, "m", by="bm1",
                               on=date(2017, 6, 25))
            app.action_step(ref, "agree", by="plqa1", on=date(2017, 7, 1))
        app.action_step("A1", "claim_complete", evidence="register", by="lead1",
                        on=date(2017, 10, 20))
        app.action_step("A1", "verify", note="checked", by="plqa2", on=date(2017, 11, 1))
        app.action_step("A1", "assess_impact", measure="re-audit", result="better",
                        by="plqa2", on=date(2018, 2, 1))
        app.action_step("A2", "escalate", level=Level.SUBGROUP, reason="overdue", by="bm1",
                        on=date(2018, 2, 10))
        app.propose_action("A3", "AUD-1", 1, "w", "Health", "l", date(2018, 9, 30), "m",
                           by="bm1", on=date(2018, 3, 25))
        app.action_step("A3", "agree", by="plqa1", on=date(2018, 4, 3))
        app.disseminate("AUD-1", Channel.PRACTITIONER_FORUM, "social workers", 30, [1, 2],
                        by="bm1", on=date(2017, 9, 1))
        app.disseminate("AUD-1", Channel.BRIEFING, "GPs", 12, [1], by="bm1",
                        on=date(2018, 4, 10))
        return app.annual_report("2017/18")


def _who(step):
    return {"reviewer_commissioned": "bm1", "meeting_scheduled": "bm1", "meeting_held": "bm1",
            "report_drafted": "rev1", "report_presented": "bm1", "report_approved": "chair1",
            "sent_to_national_panel": "bm1", "published": "bm1"}.get(step, "panel1")


def figures(report, title):
    [section] = [s for s in report.sections if s.title == title]
    return {f.label: f.value for f in section.figures}, section


def test_cases_notified_decided_and_deadline_compliance(report):
    counts, section = figures(report, "Cases notified and decided")
    assert counts["Cases notified"] == 3  # B, C, D; A was notified in March 2017
    assert counts["Cases whose SCR criteria were met"] == 2  # B, D
    assert counts["Cases decided by the chair"] == 3  # A (April), B, C; D in April 2018
    # Deadlines count in the year they fell due, judged at its end. A's notification fell due
    # on 2017-04-03 (met in March); D's decision falls due on 2018-04-20, in the next year.
    assert counts["Notified within 5 working days (on time)"] == 3  # A, B, D
    assert counts["Notified within 5 working days (met late)"] == 1  # C
    assert counts["Decided within one month of notification (on time)"] == 2  # A, B
    assert counts["Decided within one month of notification (met late)"] == 1  # C
    assert counts["National panel told of non-initiation within 14 days (met late)"] == 1  # C
    # A (a PLR: no SCR) was never reported to the national panel: a miss that stays open.
    assert counts["National panel told of non-initiation within 14 days (missed: still open)"] \
        == 1
    header, rows = section.tables[1][1:]
    assert header == ["Deadline", "Fell due", "on time", "met late", "breached",
                      "missed: still open"]
    compliance = {row[0]: row[1:] for row in rows}
    assert compliance["Notified within 5 working days"] == ["4", "3", "1", "0", "0"]
    assert compliance["Decided within one month of notification"] == ["3", "2", "1", "0", "0"]
    assert compliance["National panel told of non-initiation within 14 days"] == [
        "2", "0", "1", "0", "1"]


def test_reviews_initiated_completed_and_published(report):
    counts, _ = figures(report, "Reviews initiated, completed and published")
    assert (counts["SCRs initiated"], counts["SCRs completed (report approved)"],
            counts["SCRs published"]) == (1, 1, 1)
    assert (counts["PLRs initiated"], counts["PLRs completed (report approved)"]) == (1, 0)
    # SCR-1: six months from initiation ran to 2017-11-25 (rule R1); approved on 2017-12-01,
    # within the timescale agreed at its initial meeting (2017-12-05), counted on its own.
    assert counts["Reviews completed within their timescale (met late)"] == 1
    assert counts["Reviews completed within a timescale agreed otherwise (on time)"] == 1
    assert counts["National panel told a week before publication (on time)"] == 1
    assert counts["Reports kept published for 12 months (on time)"] == 0  # due in 2019


def test_lessons_by_theme_leave_out_findings_after_31_march(report):
    counts, section = figures(report, "Lessons and findings by theme")
    assert counts["Findings and recommendations recorded"] == 2
    assert dict((r[0], r[1]) for r in section.tables[0][2]) == {"neglect": "2",
                                                               "information-sharing": "1"}
    assert "Theme: training" not in counts


def test_actions_by_status_organisation_and_source(report):
    counts, section = figures(report, "Actions agreed, completed, verified, overdue and "
                                      "escalated")
    measures = {k: v for k, v in counts.items() if "due date" not in k}
    assert measures == {"Actions agreed": 2, "Actions completed": 1, "Actions verified": 1,
                        "Actions overdue at year end": 1, "Actions escalated": 1}
    # Rule A5: A1 was completed by its date; A2's fell due in January and is still open;
    # A3 falls due in the next year, so it counts there, not here.
    compliance = {k: v for k, v in counts.items() if "agreed due date" in k and v}
    assert compliance == {"Actions completed by their agreed due date (on time)": 1,
                          "Actions completed by their agreed due date (missed: still open)": 1}
    title, header, rows = section.tables[0]
    assert header[2:] == ["on time", "met late", "missed: still open", "discharged",
                          "discharged late"] and rows[0][:2] == [
        "Actions completed by their agreed due date", "2"]
    by_org = {row[0]: row[1:] for row in section.tables[1][2]}
    assert by_org["Health"] == ["1", "1", "1", "0", "0"]  # A1; A3 agreed in April
    assert by_org["Police"] == ["1", "0", "0", "1", "1"]  # A2
    assert title.startswith("Deadline compliance")


def test_improvements_dissemination_sources_and_what_carries_over(report):
    impact, _ = figures(report, "Improvements and their impact")
    assert impact["Actions with impact evidenced"] == 1
    assert impact["Actions completed but still without evidence of impact"] == 0
    spread, _ = figures(report, "Learning disseminated")
    assert spread == {"Dissemination events": 1, "Practitioners reached (total attendance)": 30}
    sources, _ = figures(report, "Sources of learning by type")
    assert len(sources) == 8 and sources["Practice audit"] == 1
    assert sources["Section 11 assessment"] == 1 and sources["SCR"] == 0
    carried, _ = figures(report, "Carried into the next year")
    assert carried == {"Cases awaiting the chair's decision": 1, "Reviews still open": 2,
                       "Actions still open": 2}


def test_every_figure_lists_the_events_behind_it(report):
    for section in report.sections:
        for figure in section.figures:
            if figure.label != "Practitioners reached (total attendance)":
                assert len(figure.evidence) == figure.value, figure.label
    counts, section = figures(report, "Cases notified and decided")
    assert section.figures[0].evidence == ("Child B: notified 2017-05-02",
                                           "Child C: notified 2017-06-01",
                                           "Child D: notified 2018-03-20")


@pytest.mark.parametrize("year", ["2017", "2017/19", "17/18", "2017-18"])
def test_a_malformed_year_is_refused(year):
    with pytest.raises(InvalidInput, match="written like 2017/18"):
        make_app().annual_report(year)


def test_decisions_departing_from_the_panel_or_the_criteria_are_listed():
    with freeze_time("2018-06-01"):
        app = founded(make_app(), on=date(2017, 3, 1))
        case(app, "Child K", "2017-05-01", "2017-05-02", DEATH)
        app.recommend("Child K", R.NO_REVIEW, "no concern", by="panel1", on=date(2017, 5, 10))
        app.decide("Child K", R.SCR, "a death with neglect suspected", "the criteria are met",
                   by="chair1", on=date(2017, 5, 20))
        case(app, "Child L", "2017-06-01", "2017-06-02", DEATH, R.SCR, "2017-06-20")
        case(app, "Child M", "2017-07-03", "2017-07-04", DEATH, R.NO_REVIEW, "2017-07-20")
        counts, section = figures(app.annual_report("2017/18"),
                                  "Cases notified and decided")
    evidence = {f.label: f.evidence for f in section.figures}
    assert evidence["Decisions departing from the panel's recommendation"] == (
        "Child K: decided a serious case review on 2017-05-20; reason: the criteria are met",)
    assert evidence["Decisions departing from the SCR criteria"] == (
        "Child M: decided no review on 2017-07-20; reason: proportionate",)
