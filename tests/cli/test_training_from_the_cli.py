"""Training events on a real store (issue 14, item 4): a conference passing on two findings
of two sources counts its 140 delegates once; its evaluations, provider check and history."""

import json

from tests.cli.test_action_plan import plan  # noqa: F401 (the fixture)


def test_a_conference_on_two_findings_counts_its_delegates_once(plan):  # noqa: F811
    run = plan
    run("source", "finding", "AUD-2017-02", "--text", "Voice of the child missing", "--theme",
        "voice", "--as", "bm1", "--on", "2017-09-01")
    before = run.count()
    refused = run("training", "record", "TRN-1", "--programme", "NEGLECT-2018", "--title",
                  "Neglect conference", "--date", "2018-03-14", "--provider", "LP Ltd",
                  "--finding", "AUD-2017-02:1", "--as", "bm1", "--on", "2018-03-14", expect=1)
    assert "no training programme 'NEGLECT-2018'" in refused.output and run.count() == before
    run("training", "programme", "NEGLECT-2018", "--title", "neglect 2017-18", "--standard",
        "trainers accredited", "--standard", "content agreed by PLQA", "--as", "bm1", "--on",
        "2017-09-01")
    before = run.count()
    refused = run("training", "record", "TRN-1", "--programme", "NEGLECT-2018", "--title",
                  "Neglect conference", "--date", "2018-03-14", "--provider", "LP Ltd",
                  "--finding", "AUD-2017-02:9", "--as", "bm1", "--on", "2018-03-14", expect=1)
    assert "has no finding number 9" in refused.output and run.count() == before
    run("training", "record", "TRN-1", "--programme", "neglect-2018", "--title",
        "Neglect conference", "--date", "2018-03-14", "--provider", "LP Ltd", "--finding",
        "AUD-2017-02:1", "--finding", "aud-2017-02:2", "--as", "bm1", "--on", "2018-03-14")
    run("training", "attendance", "TRN-1", "--org", "Health=80", "--org", "Police=60",
        "--role", "health visitor=80", "--role", "officer=60", "--as", "bm1", "--on",
        "2018-03-14")
    refused = run("training", "attendance", "TRN-1", "--org", "Health=1", "--role", "GP=1",
                  "--as", "bm1", "--on", "2018-03-15", expect=1)
    assert "counted once" in refused.output
    run("training", "evaluate", "TRN-1", "--summary", "92% useful", "--as", "bm1", "--on",
        "2018-03-14")
    run("training", "evaluate", "TRN-1", "--follow-up", "--summary", "earlier referrals",
        "--as", "bm1", "--on", "2018-07-01")
    refused = run("training", "provider", "TRN-1", "--met", "trainers accredited", "--notes",
                  "accredited", "--as", "plqa1", "--on", "2018-03-20", expect=1)
    assert "judge each standard of the NEGLECT-2018 programme once" in refused.output
    run("training", "provider", "TRN-1", "--met", "trainers accredited", "--met",
        "content agreed by PLQA", "--notes", "accredited", "--as", "plqa1",
        "--on", "2018-03-20")
    data = json.loads(run("training", "list", "--json").output)
    assert data["reach"] == {"events": 1, "attendees": 140}
    [event] = data["events"]
    assert event["findings"] == ["AUD-2017-02:1", "AUD-2017-02:2"]
    assert event["evaluations"] == ["at the event", "follow-up"]
    history = run("history", "TRN-1", "--kind", "training").output
    assert "recorded the attendance, counted once: 140 people (Health 80, Police 60)" in history


def test_the_annual_report_counts_training_events_and_attendees_once(plan, tmp_path):  # noqa: F811
    test_a_conference_on_two_findings_counts_its_delegates_once(plan)
    plan("report", "annual", "--year", "2017/18", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "annual-report-2017-18.md").read_text()
    assert "Training events held (distinct events): **1**" in text
    assert "Attendees at training events (each event counted once): **140**" in text
    assert "Training events evaluated months later (in the year): **0**" in text
    plan("report", "annual", "--year", "2018/19", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "annual-report-2018-19.md").read_text()
    assert "Training events held (distinct events): **0**" in text
    assert "Training events evaluated months later (in the year): **1**" in text


def test_a_conference_disseminating_two_sources_is_counted_once_in_the_reach(plan, tmp_path):  # noqa: F811
    run = plan
    test_a_conference_on_two_findings_counts_its_delegates_once(run)
    run("source", "record", "AUD-2017-09", "--type", "practice-audit", "--title", "GP audit",
        "--date", "2017-10-01", "--lead", "plqa1", "--as", "plqa1", "--on", "2017-10-01")
    run("source", "finding", "AUD-2017-09", "--text", "GPs not told", "--theme", "neglect",
        "--as", "bm1", "--on", "2017-10-01")
    refused = run("source", "disseminate", "AUD-2017-09", "--channel", "conference",
                  "--audience", "delegates", "--attendance", "140", "--finding", "1",
                  "--event", "TRN-1", "--as", "bm1", "--on", "2018-03-14", expect=1)
    assert "TRN-1 does not pass on AUD-2017-09 finding 1" in refused.output
    run("source", "disseminate", "AUD-2017-02", "--channel", "conference", "--audience",
        "delegates", "--attendance", "140", "--finding", "1", "--finding", "2", "--event",
        "TRN-1", "--as", "bm1", "--on", "2018-03-14")
    run("source", "disseminate", "AUD-2017-02", "--channel", "briefing", "--audience", "GPs",
        "--attendance", "20", "--finding", "1", "--event", "trn-1", "--as", "bm1", "--on",
        "2018-03-15")  # the same event keyed twice: still one event's 140
    run("source", "disseminate", "AUD-2017-09", "--channel", "briefing", "--audience", "GPs",
        "--attendance", "12", "--finding", "1", "--as", "bm1", "--on", "2018-03-20")
    run("report", "annual", "--year", "2017/18", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "annual-report-2017-18.md").read_text()
    assert "Practitioners reached (total attendance): **152**" in text  # 140 once, and 12
