"""A partnership on a real store: cases judged by the regime of their date (rule G1), the
Panel notified (N2), the Rapid Review and the partners' decision (RR1 to RR3), from the CLI."""

import json

import pytest

from tests.cli.conftest import found_board

PARTNERS = (("la1", "local_authority_partner", "Council"), ("icb1", "health_partner", "ICB"),
            ("police1", "police_partner", "Police"))


@pytest.fixture
def partnership(run, custodian):
    found_board(run)
    for ref, role, org in PARTNERS:
        run("member", "appoint", ref, "--role", role, "--org", org, "--as", "bm1",
            "--on", "2019-04-01")
        run("member", "agree", ref, "--as", "chair1", "--on", "2019-04-01")
    run("board", "arrangements", "--took-effect", "2019-06-28", "--as", "chair1",
        "--on", "2019-07-01")
    return run


def notify(run, ref, aware, on):
    return run("case", "notify", ref, "--aware-on", aware, "--abuse", "suspected", "--harm",
               "seriously-harmed", "--agency-concern", "yes", "--as", "bm1", "--on", on)


def test_each_case_is_judged_by_the_regime_of_its_date_and_says_why(partnership):
    run = partnership
    assert "Working Together 2015" in notify(run, "Child T", "2019-06-27", "2019-06-28").output
    out = notify(run, "Child U", "2019-06-28", "2019-07-02").output
    assert "judged under Working Together 2018 (rule G1" in out
    assert "Serious incident criteria MET (s16C(1))" in out
    show = run("case", "show", "Child U").output
    assert "Judged under Working Together 2018 (rule G1): the local authority became aware " \
           "on 2019-06-28, on or after the partnership's new arrangements took effect on " \
           "2019-06-28" in show
    assert "before the partnership's new arrangements (Working Together 2018) took effect" in \
        run("case", "show", "Child T").output
    history = run("history", "Child U", "--kind", "case").output
    assert "judged under Working Together 2018 because" in history
    listed = json.loads(run("case", "list", "--json").output)
    assert [c["regime"] for c in listed] == ["wt2015", "wt2018"]
    board = json.loads(run("board", "show", "--json").output)
    assert board["arrangements_took_effect"] == "2019-06-28"
    assert [r["from"] for r in board["regimes"]][1:] == ["2019-06-28", "2023-12-15"]
    # a case keeps its regime: the 2015 case's SCR steps still work, a Rapid Review does not
    run("case", "recommend", "Child T", "--recommendation", "scr", "--rationale", "met",
        "--as", "panel1", "--on", "2019-07-05")
    before = run.count()
    refused = run("case", "rapid-review-sent", "Child T", "--as", "bm1", "--on", "2019-07-06",
                  expect=1)
    assert "Working Together 2015 (rule G1), which has no step to send the Rapid Review" in \
        refused.output and run.count() == before
    refused = run("case", "recommend", "Child U", "--recommendation", "scr", "--rationale",
                  "x", "--as", "panel1", "--on", "2019-07-05", expect=1)
    assert "Working Together 2018 (rule G1), which has no step to record the panel's" in \
        refused.output and run.count() == before


def test_a_rapid_review_on_time_to_the_partners_decision_and_the_panels_response(partnership):
    run = partnership
    notify(run, "Child P", "2024-03-01", "2024-03-04")
    run("case", "panel-reference", "Child P", "--reference", "SIN-0412", "--as", "bm1",
        "--on", "2024-03-05")
    run("case", "ask-agencies", "Child P", "--agency", "Health", "--agency", "Police",
        "--as", "bm1", "--on", "2024-03-05")
    run("case", "agency-return", "Child P", "--agency", "Health", "--as", "bm1",
        "--on", "2024-03-12")
    run("case", "rapid-review-meeting", "Child P", "--summary", "missed appointments",
        "--immediate-actions", "none", "--as", "bm1", "--on", "2024-03-14")
    before = run.count()
    refused = run("case", "partner-decision", "Child P", "--decision", "lcspr", "--rationale",
                  "x", "--partner", "health", "--as", "police1", "--on", "2024-03-15", expect=1)
    assert "may not record the health safeguarding partner's decision" in refused.output
    refused = run("case", "rapid-review-sent", "Child P", "--as", "bm1", "--on", "2024-03-15",
                  expect=1)
    assert "all three partners agree (rule RR2); so far: none yet" in refused.output
    assert run.count() == before
    for ref, partner in (("la1", "local-authority"), ("icb1", "health"), ("police1", "police")):
        out = run("case", "partner-decision", "Child P", "--decision", "lcspr", "--rationale",
                  "learning on neglect", "--partner", partner, "--as", ref,
                  "--on", "2024-03-18").output
    assert "The partners' decision is made: a local child safeguarding practice review" in out
    run("case", "rapid-review-sent", "Child P", "--as", "bm1", "--on", "2024-03-20")
    run("case", "panel-response", "Child P", "--response", "agrees", "--as", "bm1",
        "--on", "2024-04-02")
    data = json.loads(run("case", "show", "Child P", "--json").output)
    rr = data["rapid_review"]
    assert rr["partners_decision"] == "lcspr" and rr["panel_reference"] == "SIN-0412"
    assert rr["agencies_returned"] == {"Health": "2024-03-12"}
    clocks = {c["clock"]: c for c in data["clocks"]}
    assert clocks["Panel notified"]["status"] == "met"
    assert clocks["Rapid Review"]["due_on"] == "2024-03-25"
    assert clocks["Rapid Review"]["status"] == "met"
    text = run("case", "show", "Child P").output
    assert "Police (no return yet)" in text and "Partners' decision (rule RR2): a local" in text


def test_a_withdrawn_notification_is_no_longer_due(partnership):
    run = partnership
    notify(run, "Child W", "2024-03-01", "2024-03-04")
    due = json.loads(run("due", "--as-of", "2024-03-05", "--json").output)
    assert any(c["clock"] == "Rapid Review" and c["subject"] == "Child W"
               for c in due["clocks"])
    run("case", "withdraw", "Child W", "--reason", "not met", "--as", "bm1", "--on",
        "2024-03-06", expect=1)  # without the Panel's agreement: refused
    run("case", "withdraw", "Child W", "--reason", "injury found accidental", "--panel-agreed",
        "--as", "la1", "--on", "2024-03-06")
    due = json.loads(run("due", "--as-of", "2024-03-07", "--json").output)
    assert not any(c["subject"] == "Child W" for c in due["clocks"])
    assert "WITHDRAWN 2024-03-06" in run("case", "show", "Child W").output
    assert run("case", "list").output.split("\n")[0].endswith("decision withdrawn")


def test_the_annual_report_counts_the_duties_after_2018_beside_those_of_2015(partnership,
                                                                           tmp_path):
    run = partnership
    notify(run, "Child P", "2024-03-01", "2024-03-11")  # the Panel told late (rule N2)
    run("report", "annual", "--year", "2023/24", "--out", str(tmp_path / "rep"))
    text = (tmp_path / "rep" / "annual-report-2023-24.md").read_text()
    assert "Serious incidents notified to the Panel within 5 working days (met late): **1**" \
        in text
    # due 2024-04-02, in the next year: counted there, missed while still open at its end
    run("report", "annual", "--year", "2024/25", "--out", str(tmp_path / "next"))
    text = (tmp_path / "next" / "annual-report-2024-25.md").read_text()
    assert "Rapid Reviews sent to the Panel within 15 working days of notification (missed: " \
           "still open): **1**" in text
    assert "Cases meeting the serious incident criteria" not in text  # notified the year before


def test_an_arrangements_date_that_contradicts_a_case_already_judged_is_refused(run, custodian):
    found_board(run)
    notify(run, "Child X", "2019-07-01", "2019-07-02")  # no date yet: judged under 2015
    before = run.count()
    refused = run("board", "arrangements", "--took-effect", "2019-06-28", "--as", "chair1",
                  "--on", "2019-07-03", expect=1)
    assert "new arrangements from 2019-06-28 contradict cases already notified, which keep " \
           "their regime (rule G1): Child X (aware 2019-07-01) is judged under Working " \
           "Together 2015, not Working Together 2018. Nothing recorded" in refused.output
    assert run.count() == before
    run("board", "arrangements", "--took-effect", "2019-07-02", "--as", "chair1",
        "--on", "2019-07-03")  # a date after the case changes nothing for it


def test_a_care_leavers_death_is_told_to_the_secretary_of_state_and_ofsted(partnership):
    run = partnership
    run("case", "notify", "Young person Q", "--aware-on", "2024-05-01", "--abuse",
        "not-suspected", "--harm", "died", "--agency-concern", "no-definitive", "--care-leaver",
        "--as", "bm1", "--on", "2024-05-02")
    due = json.loads(run("due", "--as-of", "2024-05-02", "--json").output)
    [told] = [c for c in due["clocks"] if c["clock"] == "Secretary of State and Ofsted told"]
    # five working days from Wednesday 1 May, over the early May bank holiday (rule T1)
    assert (told["due_on"], told["owed_by"]) == ("2024-05-09", "local_authority_partner")
    run("case", "ministers-told", "Young person Q", "--as", "la1", "--on", "2024-05-07")
    show = run("case", "show", "Young person Q").output
    assert "care leaver up to 24" in show and "Secretary of State and Ofsted told of the " \
        "death (rule N3)" in show
    refused = run("case", "ministers-told", "Young person Q", "--as", "la1", "--on",
                  "2024-05-08", expect=1)
    assert "were told on 2024-05-07" in refused.output


def test_a_decision_under_the_published_delegation_is_made_by_one_partner(partnership):
    run = partnership
    notify(run, "Child D", "2024-03-01", "2024-03-04")
    before = run.count()
    refused = run("case", "partner-decision", "Child D", "--decision", "lcspr", "--rationale",
                  "x", "--under-delegation", "--as", "la1", "--on", "2024-03-15", expect=1)
    assert "no published delegation of the partners' decision is recorded by 2024-03-15" in \
        refused.output and run.count() == before
    run("board", "delegation", "--partner", "local-authority", "--published",
        "Arrangements 2024, 4.2", "--as", "la1", "--on", "2024-01-08")
    assert "delegated (rule RR4): to the local authority safeguarding partner from " \
           "2024-01-08" in run("board", "show").output
    out = run("case", "partner-decision", "Child D", "--decision", "lcspr", "--rationale",
              "neglect", "--under-delegation", "--as", "la1", "--on", "2024-03-15").output
    assert "The partners' decision is made" in out
    show = run("case", "show", "Child D").output
    assert "by the local authority safeguarding partner under the published delegation " \
           "(Arrangements 2024, 4.2; rule RR4)" in show
    assert "for all three partners under the published delegation" in show
    run("case", "rapid-review-sent", "Child D", "--as", "bm1", "--on", "2024-03-18")


def test_a_rapid_reviews_learning_becomes_a_sources_findings_without_keying_it_again(
        partnership):
    run = partnership
    notify(run, "Child P", "2024-03-01", "2024-03-04")
    before = run.count()
    refused = run("source", "record", "RR-2024-03", "--type", "rapid-review", "--title",
                  "Child P", "--date", "2024-03-20", "--lead", "bm1", "--case", "Child P",
                  "--theme", "neglect", "--as", "bm1", "--on", "2024-03-20", expect=1)
    assert "has recorded no learning yet" in refused.output and run.count() == before
    run("case", "rapid-review-meeting", "Child P", "--summary", "missed appointments",
        "--immediate-actions", "none", "--learning", "share missed health appointments",
        "--as", "bm1", "--on", "2024-03-14")
    for ref, partner in (("la1", "local-authority"), ("icb1", "health"), ("police1", "police")):
        run("case", "partner-decision", "Child P", "--decision", "no-lcspr", "--rationale",
            "known themes", "--learning", "a multi-agency briefing on neglect", "--partner",
            partner, "--as", ref, "--on", "2024-03-18")
    out = run("source", "record", "RR-2024-03", "--type", "rapid-review", "--title", "Child P",
              "--date", "2024-03-20", "--lead", "bm1", "--case", "Child P", "--theme",
              "neglect", "--as", "bm1", "--on", "2024-03-20").output
    assert "with 2 findings taken from Child P's Rapid Review" in out
    shown = run("source", "show", "RR-2024-03").output
    assert "share missed health appointments" in shown
    assert "taken from the Rapid Review meeting of Child P on 2024-03-14, not keyed again" in \
        shown
    # the learning cycle works on it unchanged: an action on a taken finding
    run("org", "add", "Health", "--as", "bm1", "--on", "2024-03-20")
    run("action", "propose", "RR-2024-03/A1", "--source", "RR-2024-03", "--finding", "2",
        "--what", "Neglect briefing", "--owner", "Health", "--lead", "hv-lead", "--due",
        "2024-06-30", "--measure", "briefing held", "--as", "bm1", "--on", "2024-03-21")


def test_under_2023_only_the_member_a_lead_partner_delegates_to_decides_for_it(partnership):
    run = partnership
    run("member", "appoint", "police2", "--role", "police_partner", "--org", "Police",
        "--as", "bm1", "--on", "2024-01-02")
    run("member", "agree", "police2", "--as", "chair1", "--on", "2024-01-02")
    refused = run("board", "lead-partner", "--partner", "police", "--lead", "chief constable",
                  "--delegate", "icb1", "--published", "Arrangements 2024, 2.1", "--as", "bm1",
                  "--on", "2024-01-08", expect=1)
    assert "icb1 does not hold the police safeguarding partner role" in refused.output
    run("board", "lead-partner", "--partner", "police", "--lead", "chief constable",
        "--delegate", "police2", "--published", "Arrangements 2024, 2.1", "--as", "bm1",
        "--on", "2024-01-08")
    run("org", "add", "Northfield Academy Trust", "--relevant-agency", "--as", "bm1",
        "--on", "2024-01-08")
    shown = run("board", "show").output
    assert "Relevant agencies (rule RR6): Northfield Academy Trust" in shown
    assert "the chief constable leads the police safeguarding partner, delegating to police2" \
        in shown
    notify(run, "Child R", "2024-03-01", "2024-03-04")
    before = run.count()
    refused = run("case", "partner-decision", "Child R", "--decision", "lcspr", "--rationale",
                  "x", "--as", "police1", "--on", "2024-03-15", expect=1)
    assert "the chief constable leads the police safeguarding partner and delegates its " \
           "decisions to police2 (Arrangements 2024, 2.1; rule RR6): police1 may not decide " \
           "for it" in refused.output and run.count() == before
    run("case", "partner-decision", "Child R", "--decision", "lcspr", "--rationale", "neglect",
        "--as", "police2", "--on", "2024-03-15")
    # a case under 2018 is not bound by 2023's lead partners
    notify(run, "Child S", "2021-03-01", "2021-03-02")
    run("case", "partner-decision", "Child S", "--decision", "lcspr", "--rationale", "x",
        "--as", "police1", "--on", "2024-03-15")
