"""A local child safeguarding practice review on a real store, from the partners' decision to
publication (rules LC1 to LC5): commissioning refused until all three partners decide, the
reg 14 monitoring deadlines in `lif due`, `review show` and the annual report."""

import json

from tests.cli.test_rapid_review import notify, partnership  # noqa: F401 (a fixture)

PARTNERS = (("la1", "local-authority"), ("icb1", "health"), ("police1", "police"))


def test_an_lcspr_waits_for_all_three_partners_then_runs_to_publication(partnership, tmp_path):
    run = partnership
    notify(run, "Child P", "2024-03-01", "2024-03-04")
    run("case", "partner-decision", "Child P", "--decision", "lcspr", "--rationale", "x",
        "--partner", "health", "--as", "icb1", "--on", "2024-03-18")
    before = run.count()
    refused = run("review", "commission", "LCSPR-2024-01", "--case", "Child P", "--kind",
                  "lcspr", "--rationale", "x", "--as", "bm1", "--on", "2024-03-25", expect=1)
    assert "partners must decide on a local child safeguarding practice review" in \
        refused.output and "rule LC1" in refused.output and run.count() == before
    for member, partner in (PARTNERS[0], PARTNERS[2]):
        run("case", "partner-decision", "Child P", "--decision", "lcspr", "--rationale",
            "neglect", "--partner", partner, "--as", member, "--on", "2024-03-18")
    run("review", "commission", "LCSPR-2024-01", "--case", "Child P", "--kind", "lcspr",
        "--rationale", "the partners' decision of 18 March", "--as", "bm1", "--on", "2024-03-25")
    ref = "LCSPR-2024-01"
    run("review", "reviewer", ref, "--reviewer", "rev1", "--declaration", "no involvement",
          "--as", "bm1", "--on", "2024-03-26")
    run("review", "monitoring-agreed", ref, "--every-weeks", "4", "--as", "la1", "--on",
          "2024-04-01")
    run("review", "monitored", ref, "--time", "on track", "--quality", "terms clear", "--as",
          "la1", "--on", "2024-04-26")
    # the next interval ran to 2024-05-24 and nobody monitored it
    due = json.loads(run("due", "--as-of", "2024-06-01", "--json").output)
    [late] = [c for c in due["clocks"] if c["clock"] == "monitored (2)"]
    assert (late["subject"], late["status"], late["due_on"], late["owed_by"]) == (
        ref, "overdue", "2024-05-24", "local_authority_partner")
    run("review", "family-invited", ref, "--invitee", "Mother of Child P", "--as", "rev1",
        "--on", "2024-05-01")
    run("review", "information-requested", ref, "--what", "draft_report", "--letter",
          "letter of 3 June, ref LCSPR-2024-01/07", "--as", "la1", "--on", "2024-06-03")
    run("review", "monitored", ref, "--time", "three weeks behind", "--quality", "family view "
          "awaited", "--as", "la1", "--on", "2024-06-04")
    show = run("review", "show", ref).output
    assert "Time and quality monitored (rule LC2): every 4 weeks" in show
    assert "asked the reviewer in writing for a draft report (letter of 3 June" in show
    assert "monitored (2) by 2024-05-24, done 2024-06-04" in show
    data = json.loads(run("review", "show", ref, "--json").output)
    assert data["kind"] == "lcspr" and data["monitored_every_weeks"] == 4
    statuses = {c["clock"]: c["status"] for c in data["clocks"]}
    assert statuses["monitored (1)"] == "met" and statuses["monitored (2)"] == "met late"
    refused = run("review", "publish", ref, "--where", "site", "--as", "bm1", "--on",
                  "2024-06-05", expect=1)
    assert "report sent to the Panel and the Secretary of State" in refused.output
    refused = run("review", "imr-author", ref, "--agency", "Police", "--author", "x", "--as",
                  "bm1", "--on", "2024-06-05", expect=1)
    assert "is a stage of an SCR or a PLR only; LCSPR-2024-01 is an LCSPR" in refused.output
    run("report", "annual", "--year", "2023/24", "--out", str(tmp_path / "rep"))
    assert "LCSPRs initiated: **1**" in (tmp_path / "rep" / "annual-report-2023-24.md").read_text()
    run("report", "annual", "--year", "2024/25", "--out", str(tmp_path / "rep"))
    text = (tmp_path / "rep" / "annual-report-2024-25.md").read_text()
    assert "LCSPRs' time and quality monitored at the interval agreed (reg 14) (met late): " \
           "**1**" in text
    assert "Family members invited to contribute to a review: **1**" in text
    run("evidence", ref, "--as-of", "2024-06-05", "--out", str(tmp_path / "pack"))
    pack = next((tmp_path / "pack").glob("*.md")).read_text()
    assert "judged under Working Together 2023: Serious incident criteria met (s16C(1))" in pack
    assert "Decision of the partners: a local child safeguarding practice review" in pack
    # the second interval, monitored late, and the Rapid Review never sent to the Panel
    assert "5 deadlines, 2 missed or breached" in pack


def test_an_lcspr_under_2015_is_refused_naming_the_regime(partnership):
    run = partnership
    notify(run, "Child T", "2019-06-01", "2019-06-03")  # before the partnership's date
    before = run.count()
    refused = run("review", "commission", "LCSPR-1", "--case", "Child T", "--kind", "lcspr",
                  "--rationale", "x", "--as", "bm1", "--on", "2019-07-01", expect=1)
    assert "judged under Working Together 2015 (rule G1): a case under it is not reviewed " \
           "by an LCSPR (its reviews: SCR or PLR)" in refused.output
    assert run.count() == before
