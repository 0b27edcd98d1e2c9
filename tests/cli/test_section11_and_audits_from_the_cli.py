"""Section 11 rounds and audits of practice on a real store (issue 14, items 2 and 3; rules SA1
to SA4, AU1 to AU4): an agency's return imported from the .xlsx sheet it filled in (dry run,
every bad row said, all or nothing, twice is once), the challenge, actions on amber and red
through a source, carry-forward and comparison; an audit from plan to re-audit; the annual
report's sections; --json on the views."""

import json

import pytest
from openpyxl import Workbook

from tests.cli.conftest import found_board


@pytest.fixture
def board(run):
    found_board(run)
    run("member", "appoint", "lead1", "--role", "agency_lead", "--org", "Health", "--as",
        "bm1", "--on", "2017-04-03")
    for org in ("Health", "Police"):
        run("org", "add", org, "--as", "bm1", "--on", "2017-04-03")
    return run


def sheet(path, rows):
    book = Workbook()
    book.active.append(["Agency", "Standard", "Rating", "Evidence"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return str(path)


HEALTH = [("Health", n, "green", f"evidence {n}") for n in (1, 2, 3, 4, 6, 8)] + [
    ("Health", "training", "amber", "72% of staff trained"),
    ("Health", "inter-agency", "red", "no health presence in the front door")]


def a_round_challenged(run, tmp_path):
    run("section11", "open", "S11-2018", "--agency", "Health", "--agency", "Police",
        "--returns-due", "2018-06-29", "--as", "bm1", "--on", "2018-04-03")
    path = sheet(tmp_path / "health.xlsx", HEALTH)
    run("section11", "import", "S11-2018", path, "--as", "bm1", "--on", "2018-06-25")
    run("section11", "challenge", "S11-2018", "--agency", "Health", "--summary",
        "evidence tested with the designated nurse", "--agree", "information-sharing=amber",
        "--reason", "the agreement is unsigned", "--as", "plqa1", "--on", "2018-07-10")
    return run


def test_a_return_with_bad_rows_is_refused_whole_with_every_row_said(board, tmp_path):
    run = board
    run("section11", "open", "S11-2018", "--agency", "Health", "--agency", "Police",
        "--returns-due", "2018-06-29", "--as", "bm1", "--on", "2018-04-03")
    path = sheet(tmp_path / "bad.xlsx", [*HEALTH[:2], ("Health", "parking", "green", "x"),
                                         ("Fire", 1, "red", "x"), ("Police", 1, "purple", "x"),
                                         ("Police", 2, "red", "")])
    before = run.count()
    dry = run("section11", "import", "S11-2018", path, "--dry-run", "--as", "bm1", "--on",
              "2018-06-25").output
    assert "would record 2, skipped 0 already recorded, 4 invalid." in dry
    refused = run("section11", "import", "S11-2018", path, "--as", "bm1", "--on",
                  "2018-06-25", expect=1)
    for words in ("row 4: Health: parking: invalid: standard 'parking' is not one of",
                  "row 5: Fire: 1: invalid: 'Fire' is not an agency of S11-2018",
                  "row 6: Police: 1: invalid: rating 'purple' is not one of: green, amber, red",
                  "row 7: Police: 2: invalid: give the evidence for the rating",
                  "4 invalid rows: nothing was imported"):
        assert words in refused.output
    assert run.count() == before


def test_a_return_imported_twice_is_recorded_once(board, tmp_path):
    run = a_round_challenged(board, tmp_path)
    before = run.count()
    path = sheet(tmp_path / "again.xlsx", HEALTH[:3])
    out = run("section11", "import", "S11-2018", path, "--as", "bm1", "--on",
              "2018-07-20", expect=1).output  # Health's ratings were challenged: settled
    assert "were challenged on 2018-07-10" in out and run.count() == before


def test_the_round_challenged_gives_actions_on_amber_and_red_and_the_next_round(board,
                                                                                  tmp_path):
    run = a_round_challenged(board, tmp_path)
    shown = json.loads(run("section11", "show", "S11-2018", "--json").output)
    health = {r["standard"]: r for r in shown["ratings"] if r["agency"] == "Health"}
    assert health["information_sharing"]["self_rating"] == "green"
    assert health["information_sharing"]["agreed_rating"] == "amber"
    assert [c["status"] for c in shown["clocks"]] == ["met", "overdue"]  # Police never returned
    said = run("source", "record", "S11-2018", "--type", "section-11", "--title",
               "Section 11 2018", "--date", "2018-07-10", "--lead", "plqa1", "--round",
               "S11-2018", "--as", "plqa1", "--on", "2018-07-11").output
    assert "with 3 findings taken from S11-2018" in said
    run("action", "propose", "S11-2018/A1", "--source", "S11-2018", "--finding", "2",
        "--what", "Health at the front door", "--owner", "Health", "--lead", "hv-lead",
        "--due", "2018-12-31", "--measure", "daily presence", "--as", "plqa1", "--on",
        "2018-07-12")
    history = run("history", "S11-2018", "--kind", "source").output
    assert "taken from Section 11 round S11-2018: Health, inter_agency" in history
    said = run("section11", "open", "S11-2020", "--agency", "Police", "--carry-from",
               "S11-2018", "--standard", "1", "--returns-due", "2020-06-30", "--as", "bm1",
               "--on", "2020-04-01").output
    assert "carried forward from S11-2018: 3 amber or red" in said
    run("section11", "assess", "S11-2020", "--agency", "Health", "--standard", "training",
        "--rating", "green", "--evidence", "95% trained", "--as", "lead1", "--on",
        "2020-05-01")
    data = json.loads(run("section11", "compare", "S11-2018", "S11-2020", "--json").output)
    rows = {(r["agency"], r["standard"]): r["change"] for r in data["rows"]}
    assert rows[("Health", "training")] == "improved"
    assert rows[("Health", "inter_agency")] == "not compared"
    text = run("section11", "compare", "S11-2018", "S11-2020").output
    assert "Health       training             amber      green      improved" in text


def an_audit_approved(run):
    run("audit", "plan", "AUD-2018-01", "--theme", "neglect", "--question",
        "Is neglect recognised early?", "--sample", "20", "--agency", "Health", "--agency",
        "Police", "--tool", "neglect tool v2", "--returns-due", "2018-05-31", "--as", "plqa1",
        "--on", "2018-04-09")
    run("audit", "return", "AUD-2018-01", "--agency", "Health", "--cases", "10", "--as",
        "bm1", "--on", "2018-05-25")
    run("audit", "chase", "AUD-2018-01", "--agency", "Police", "--as", "bm1", "--on",
        "2018-06-04")
    late = run("audit", "return", "AUD-2018-01", "--agency", "Police", "--cases", "10",
               "--as", "bm1", "--on", "2018-06-08")
    assert "MET LATE" in late.output  # said on standard error
    run("audit", "moderate", "AUD-2018-01", "--summary", "two gradings raised", "--as",
        "plqa1", "--on", "2018-06-12")
    run("audit", "finding", "AUD-2018-01", "--agency", "Health", "--weakness", "--text",
        "Neglect recognised late in 6 of 10 cases", "--as", "plqa1", "--on", "2018-06-20")
    run("audit", "finding", "AUD-2018-01", "--agency", "Police", "--strength", "--text",
        "Good use of the neglect tool", "--as", "plqa1", "--on", "2018-06-20")
    run("audit", "approve", "AUD-2018-01", "--approved-by", "PLQA committee", "--rationale",
        "sound", "--as", "plqa1", "--on", "2018-07-03")
    return run


def test_an_audit_from_plan_to_actions_and_a_re_audit_that_says_what_changed(board):
    run = an_audit_approved(board)
    said = run("source", "record", "AUD-2018-01", "--type", "practice-audit", "--title",
               "Neglect audit", "--date", "2018-07-03", "--lead", "plqa1", "--audit",
               "AUD-2018-01", "--as", "plqa1", "--on", "2018-07-03").output
    assert "with 2 findings taken from AUD-2018-01" in said
    refused = run("source", "approve", "AUD-2018-01", "--body", "PLQA", "--rationale",
                  "again", "--as", "plqa1", "--on", "2018-07-04", expect=1)
    assert "approved with the audit ('lif audit approve')" in refused.output
    history = run("history", "AUD-2018-01", "--kind", "source").output
    assert "taken from the approval of audit AUD-2018-01's report on 2018-07-03" in history
    run("action", "propose", "AUD-2018-01/A1", "--source", "AUD-2018-01", "--finding", "1",
        "--what", "Train HVs", "--owner", "Health", "--lead", "hv-lead", "--due",
        "2018-11-30", "--measure", "80% trained", "--as", "plqa1", "--on", "2018-07-06")
    before = run.count()
    refused = run("audit", "plan", "AUD-2019-01", "--theme", "neglect", "--question", "again",
                  "--sample", "20", "--agency", "Health", "--tool", "v2", "--returns-due",
                  "2019-05-31", "--retest", "AUD-2018-01:1", "--retest", "AUD-2017-09:2",
                  "--as", "plqa1", "--on", "2019-04-09", expect=1)
    assert "re-tests the findings of one audit" in refused.output and run.count() == before
    run("audit", "plan", "AUD-2019-01", "--theme", "neglect", "--question", "again",
        "--sample", "20", "--agency", "Health", "--tool", "v2", "--returns-due", "2019-05-31",
        "--retest", "AUD-2018-01:1", "--as", "plqa1", "--on", "2019-04-09")
    run("audit", "return", "AUD-2019-01", "--agency", "Health", "--cases", "10", "--as",
        "bm1", "--on", "2019-05-20")
    run("audit", "moderate", "AUD-2019-01", "--summary", "ok", "--as", "plqa1", "--on",
        "2019-06-01")
    run("audit", "finding", "AUD-2019-01", "--agency", "Health", "--strength", "--text",
        "Neglect recognised early in 8 of 10", "--as", "plqa1", "--on", "2019-06-02")
    run("audit", "approve", "AUD-2019-01", "--approved-by", "PLQA committee", "--rationale",
        "sound", "--as", "plqa1", "--on", "2019-06-03")
    run("audit", "changed", "AUD-2019-01", "--finding", "1", "--text",
        "recognised early in 8 of 10, was 4", "--as", "plqa1", "--on", "2019-06-04")
    data = json.loads(run("audit", "show", "AUD-2019-01", "--json").output)
    assert data["reaudit_of"] == "AUD-2018-01"
    assert data["changes"] == {"1": {"on": "2019-06-04",
                                     "what_changed": "recognised early in 8 of 10, was 4"}}
    first = json.loads(run("audit", "show", "AUD-2018-01", "--json").output)
    assert [(f["agency"], f["nature"]) for f in first["findings"]] == [
        ("Health", "weakness"), ("Police", "strength")]
    assert [c["status"] for c in first["clocks"]] == ["met", "met late"]


@pytest.mark.parametrize("args, words", [
    (("return", "AUD-2018-01", "--agency", "Fire", "--cases", "3"), "not in AUD-2018-01's plan"),
    (("finding", "AUD-2018-01", "--agency", "Health", "--weakness", "--text", "x"),
     "follow its moderation or challenge"),
    (("changed", "AUD-2018-01", "--finding", "1", "--text", "x"), "not a re-audit"),
])
def test_bad_audit_steps_are_refused_in_one_line_and_write_nothing(board, args, words):
    run = board
    run("audit", "plan", "AUD-2018-01", "--theme", "neglect", "--question", "q", "--sample",
        "20", "--agency", "Health", "--tool", "t", "--returns-due", "2018-05-31", "--as",
        "plqa1", "--on", "2018-04-09")
    before = run.count()
    by = "bm1" if args[0] == "return" else "plqa1"
    refused = run("audit", *args, "--as", by, "--on", "2018-05-01", expect=1)
    assert words in refused.output and len(refused.output.strip().splitlines()) == 1
    assert run.count() == before


def test_the_annual_report_has_a_section_for_each_process(board, tmp_path):
    run = a_round_challenged(an_audit_approved(board), tmp_path)
    run("report", "annual", "--year", "2018/19", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "annual-report-2018-19.md").read_text()
    assert text.startswith("# Test LSCB, annual report 2018/19")
    s11 = text[text.index("## Section 11 self-assessments"):]
    s11 = s11[:s11.index("\n## ")]
    assert "- Section 11 rounds opened: **1**" in s11
    assert "- Challenge sessions held: **1**" in s11
    assert "- Ratings the challenge changed: **1**" in s11
    assert "| S11-2018 | Health | inter_agency | red |" in s11
    assert "| Section 11 returns by the date set | 2 | 1 | 0 | 1 |" in s11
    audits = text[text.index("## Audits of practice"):]
    audits = audits[:audits.index("\n## ")]
    assert "- Audits planned: **1**" in audits and "- Findings: weaknesses: **1**" in audits
    assert "| Health | 0 | 1 |" in audits and "| Police | 1 | 0 |" in audits
    assert "| Audit returns by the date set | 2 | 1 | 1 | 0 |" in audits


def test_a_reference_with_braces_is_named_in_the_refusal_not_taken_for_a_template(board):
    """Found on review: a refusal once formatted the record's own reference as a template."""
    run = board
    run("audit", "plan", "AUD-{x}", "--theme", "t", "--question", "q", "--sample", "2",
        "--agency", "Health", "--tool", "t", "--returns-due", "2018-05-31", "--as", "plqa1",
        "--on", "2018-04-09")
    before = run.count()
    out = run("audit", "return", "AUD-{x}", "--agency", "Fire", "--cases", "1", "--as", "bm1",
              "--on", "2018-04-10", expect=1).output
    assert "'Fire' is not in AUD-{x}'s plan (its agencies: Health)" in out
    run("section11", "open", "S11-{y}", "--agency", "Health", "--returns-due", "2018-06-29",
        "--as", "bm1", "--on", "2018-04-03")
    out = run("section11", "assess", "S11-{y}", "--agency", "Fire", "--standard", "1",
              "--rating", "red", "--evidence", "x", "--as", "lead1", "--on", "2018-04-10",
              expect=1).output
    assert "'Fire' is not an agency of S11-{y} (its agencies: Health)" in out
    assert run.count() == before + 1
