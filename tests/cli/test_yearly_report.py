"""lif report yearly: the safeguarding partners' yearly report (rule Y2) on a real store, for
12 months the partnership chooses; a period spanning the transition shows each regime's
figures side by side (rule G1). It opens in Word and in a browser."""

import re
from html.parser import HTMLParser

from docx import Document

from tests.cli.test_rapid_review import notify, partnership  # noqa: F401 (a fixture)

PARTNERS = (("la1", "local-authority"), ("icb1", "health"), ("police1", "police"))


def test_a_yearly_report_across_the_transition_shows_both_regimes(partnership, tmp_path):
    run = partnership  # new arrangements from 2019-06-28
    notify(run, "Child T", "2019-06-20", "2019-06-21")  # Working Together 2015
    notify(run, "Child U", "2019-07-01", "2019-07-10")  # 2018, told late (rule N2)
    for member, partner in PARTNERS:
        run("case", "partner-decision", "Child U", "--decision", "no-lcspr", "--rationale",
            "themes known", "--learning", "a briefing on bruising in babies", "--partner",
            partner, "--as", member, "--on", "2019-07-22")
    run("case", "rapid-review-sent", "Child U", "--as", "bm1", "--on", "2019-07-23")
    out = run("report", "yearly", "--from", "2019-04-01", "--out", str(tmp_path)).output
    assert out.count("Wrote ") == 3
    text = (tmp_path / "partners-yearly-report-2019-04-01.md").read_text()
    assert text.startswith("# Test LSCB, safeguarding partners' yearly report, 2019-04-01 to "
                           "2020-03-31")
    assert "Foundations (formerly What Works for Children's Social Care) within 7 days " \
           "(rule Y2)" in text
    assert "## The partners' arrangements: Rapid Reviews, national reviews, scrutiny" in text
    assert "- Serious incidents notified to the Panel: **1**" in text
    assert "- Rapid Reviews sent to the Panel: **1**" in text
    assert "Child U: decided 2019-07-22; learning taken forward: a briefing on bruising in " \
           "babies" in text
    assert "health safeguarding partner (clinical commissioning group): no local" in run(
        "case", "show", "Child U").output  # in 2019, before integrated care boards
    side = text[text.index("### Each regime's figures side by side"):]
    assert "| Measure | Working Together 2015 | Working Together 2018 |" in side
    assert "| Cases notified | 1 | 1 |" in side
    # Child T: notification met, decision overdue; Child U: Panel told late, Rapid Review met
    assert "| ... missed (late, breached or still open) | 1 | 1 |" in side
    page = (tmp_path / "partners-yearly-report-2019-04-01.html").read_text()
    HTMLParser().feed(page)  # a browser's parser takes it
    assert "<svg" in page and not re.search(r"(src|href)=\"?https?:", page)
    assert "<th>Working Together 2018</th>" in page
    document = Document(tmp_path / "partners-yearly-report-2019-04-01.docx")
    assert document.core_properties.title.startswith(
        "Test LSCB, safeguarding partners' yearly report")
    assert any(t.rows[0].cells[2].text == "Working Together 2018" for t in document.tables)


def test_a_yearly_report_of_one_regime_has_no_side_by_side_table(partnership, tmp_path):
    run = partnership
    notify(run, "Child P", "2024-03-01", "2024-03-04")
    run("member", "appoint", "scrutineer1", "--role", "independent_scrutineer", "--org",
        "Independent", "--as", "bm1", "--on", "2023-09-01")
    run("member", "agree", "scrutineer1", "--as", "chair1", "--on", "2023-09-01")
    refused = run("board", "scrutiny", "--summary", "fine", "--as", "la1", "--on",
                  "2024-03-10", expect=1)
    assert "that needs an independent scrutineer" in refused.output
    run("board", "scrutiny", "--summary", "Rapid Reviews on time; learning not yet reaching "
        "schools", "--as", "scrutineer1", "--on", "2024-03-10")
    run("report", "yearly", "--from", "2023-09-01", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "partners-yearly-report-2023-09-01.md").read_text()
    assert "side by side" not in text and "Serious incidents notified to the Panel: **1**" in text
    assert "Independent scrutiny of the arrangements (rule Y3): **1**" in text
    assert "2024-03-10 scrutineer1: Rapid Reviews on time; learning not yet reaching schools" \
        in text


def test_twelve_months_before_any_partners_existed_are_refused(partnership, tmp_path):
    refused = partnership("report", "yearly", "--from", "2017-04-01", "--out",
                          str(tmp_path / "out"), expect=1).output
    assert "end before safeguarding partners existed (2018-06-29): use 'lif report annual'" \
        in refused and not (tmp_path / "out").exists()


def test_a_national_review_shows_in_the_case_and_the_yearly_report(partnership, tmp_path):
    run = partnership
    notify(run, "Child N", "2024-03-01", "2024-03-04")
    for member, partner in PARTNERS:
        run("case", "partner-decision", "Child N", "--decision", "national-review",
            "--rationale", "a national theme", "--partner", partner, "--as", member,
            "--on", "2024-03-18")
    run("case", "rapid-review-sent", "Child N", "--as", "bm1", "--on", "2024-03-19")
    run("case", "national-review", "Child N", "--reference", "NR-2024-02", "--local-part",
        "chronology and a practitioner event", "--as", "la1", "--on", "2024-04-02")
    assert "National review (rule RR5): NR-2024-02, taken on 2024-04-02; the partnership's " \
           "part: chronology and a practitioner event" in run("case", "show", "Child N").output
    run("report", "yearly", "--from", "2023-09-01", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "partners-yearly-report-2023-09-01.md").read_text()
    assert "National reviews the Panel took on, and the partnership's part: **1**" in text
