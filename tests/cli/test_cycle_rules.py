"""The learning cycle's rules hold on a real store (issue 14, item 5): impact is not evidenced
over open actions without the committee's reason (rule L1)."""


def test_impact_over_open_actions_needs_the_committees_reason(board):
    run = board
    run("org", "add", "Health", "--as", "bm1", "--on", "2017-08-01")
    run("source", "record", "AUD-1", "--type", "practice-audit", "--title", "Neglect audit",
        "--date", "2017-08-01", "--lead", "plqa1", "--as", "plqa1", "--on", "2017-08-01")
    run("source", "finding", "AUD-1", "--text", "late recognition", "--theme", "neglect",
        "--as", "plqa1", "--on", "2017-08-01")
    run("source", "approve", "AUD-1", "--body", "PLQA", "--rationale", "ok", "--as", "plqa1",
        "--on", "2017-08-02")
    run("action", "propose", "AUD-1/A1", "--source", "AUD-1", "--finding", "1", "--what",
        "train", "--owner", "Health", "--lead", "hv-lead", "--due", "2017-12-31", "--measure",
        "trained", "--as", "bm1", "--on", "2017-08-03")
    run("action", "agree", "AUD-1/A1", "--as", "plqa1", "--on", "2017-08-04")
    before = run.count()
    refused = run("source", "impact", "AUD-1", "--summary", "re-audit", "--as", "plqa1",
                  "--on", "2018-01-10", expect=1)
    assert "AUD-1 still has open actions (AUD-1/A1)" in refused.output
    assert run.count() == before
    run("source", "impact", "AUD-1", "--summary", "re-audit", "--why-open", "the re-audit "
        "shows the change; A1's last sessions are booked", "--as", "plqa1", "--on",
        "2018-01-10")
    assert "actions still open (AUD-1/A1): the re-audit shows the change" in run(
        "source", "show", "AUD-1").output
