"""A monitoring round records the outcomes for many actions at once, from the command line or
a sheet, all or nothing (issue 14, item 5)."""

import csv

from tests.cli.test_action_plan import A1, plan  # noqa: F401 (the fixture)

A2 = "AUD-2017-02/A2"


def second_action(run):
    run("action", "propose", A2, "--source", "AUD-2017-02", "--finding", "1", "--what",
        "Brief GPs", "--owner", "health", "--lead", "gp-lead", "--due", "2017-12-31",
        "--measure", "briefed", "--as", "lead1", "--on", "2017-09-06")
    run("action", "agree", A2, "--as", "plqa1", "--on", "2017-09-07")
    run("monitor", "round", "PLQA-2017-12", "--committee", "PLQA", "--as", "plqa1", "--on",
        "2017-12-04")


def test_the_same_outcome_for_several_actions_from_the_command_line(plan):  # noqa: F811
    second_action(plan)
    out = plan("monitor", "outcome", "PLQA-2017-12", "--action", A1, "--action", A2,
               "--outcome", "on-track", "--note", "updates in", "--as", "plqa1", "--on",
               "2017-12-04").output
    assert "(2 actions)" in out
    before = plan.count()
    refused = plan("monitor", "outcome", "PLQA-2017-12", "--action", A1, "--action", "NOPE",
                   "--outcome", "on-track", "--note", "x", "--as", "plqa1", "--on",
                   "2017-12-04", expect=1).output
    assert "2 of 2 outcomes refused, nothing recorded: row 1: PLQA-2017-12 already recorded " \
           f"an outcome for {A1}; row 2: no action 'NOPE'" in refused
    assert plan.count() == before


def test_a_sheet_of_outcomes_is_all_or_nothing(plan, tmp_path):  # noqa: F811
    second_action(plan)
    sheet = tmp_path / "outcomes.csv"
    rows = [["Reference", "Outcome", "Note"], [A1, "off-track", "overdue"],
            [A2, "maybe", "?"]]
    with sheet.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    before = plan.count()
    refused = plan("monitor", "outcomes", "PLQA-2017-12", str(sheet), "--as", "plqa1", "--on",
                   "2017-12-04", expect=1).output
    assert "1 of 2 outcomes refused, nothing recorded: row 3: outcome 'maybe' is not one of" \
        in refused and plan.count() == before
    rows[2][1] = "at-risk"
    with sheet.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    assert "Recorded 2 outcomes in PLQA-2017-12." in plan(
        "monitor", "outcomes", "PLQA-2017-12", str(sheet), "--as", "plqa1", "--on",
        "2017-12-04").output
    shown = plan("history", "PLQA-2017-12", "--kind", "round").output
    assert f"{A1}" in shown and "at risk" in shown.replace("_", " ")
