"""Child deaths on a real store (issue 14, item 1; rules CD1 to CD6): a year of deaths keyed
from the CLI, refusals that write nothing, the panel's figures in text and JSON, the analysis
export, the annual report's section, and a referral that opens a case (a Rapid Review after
2018)."""

import csv
import json
from pathlib import Path

import pytest

from tests.cli.conftest import found_board


@pytest.fixture
def panel(run):
    found_board(run)
    run("member", "appoint", "cdop1", "--role", "cdop_member", "--org", "Health", "--as",
        "bm1", "--on", "2017-04-03")
    run("member", "agree", "cdop1", "--as", "chair1", "--on", "2017-04-03")
    return run


def a_year_of_deaths(run):
    """2017/18: three deaths notified, two reviewed (one with modifiable factors), one referred;
    one reviewed in 2018/19."""
    run("deaths", "notify", "CD-2017-01", "--died-on", "2017-05-01", "--age-band",
        "0-27-days", "--expected", "--as", "bm1", "--on", "2017-05-02")
    run("deaths", "notify", "CD-2017-02", "--died-on", "2017-06-10", "--age-band",
        "28-364-days", "--unexpected", "--as", "bm1", "--on", "2017-06-11")
    run("deaths", "response", "CD-2017-02", "--started-on", "2017-06-10", "--meeting-on",
        "2017-06-11", "--summary", "home visit by the paediatrician and police", "--as", "bm1",
        "--on", "2017-06-11")
    run("deaths", "notify", "CD-2017-03", "--died-on", "2018-01-05", "--age-band",
        "15-17-years", "--unexpected", "--as", "bm1", "--on", "2018-01-09")  # late (CD5)
    run("deaths", "response", "CD-2017-03", "--started-on", "2018-01-09", "--summary",
        "police and the school", "--as", "bm1", "--on", "2018-01-10")
    run("deaths", "review", "CD-2017-01", "--category", "8", "--modifiable", "no",
        "--learning", "care was timely", "--as", "cdop1", "--on", "2017-09-05")
    run("deaths", "review", "CD-2017-02", "--category", "10", "--modifiable", "yes",
        "--factors", "unsafe sleeping arrangement", "--learning", "safe sleep advice",
        "--theme", "safe sleep", "--as", "cdop1", "--on", "2017-11-07")
    run("deaths", "refer", "CD-2017-03", "--case", "Child K", "--aware-on", "2018-01-08",
        "--abuse", "suspected", "--harm", "died", "--agency-concern", "yes", "--rationale",
        "missed signs of neglect", "--as", "cdop1", "--on", "2018-01-12")
    run("deaths", "review", "CD-2017-03", "--category", "2", "--modifiable", "insufficient-"
        "information", "--learning", "await the SCR", "--theme", "self-harm", "--as",
        "cdop1", "--on", "2018-06-05")
    return run


def test_a_year_of_deaths_gives_the_panels_figures_in_text_and_json(panel):
    run = a_year_of_deaths(panel)
    data = json.loads(run("deaths", "report", "--from", "2017-04-01", "--to", "2018-03-31",
                          "--json").output)
    assert (data["notified"], data["expected"], data["unexpected"]) == (3, 1, 2)
    assert data["by_age_band"] == {"0 to 27 days": 1, "28 to 364 days": 1, "1 to 4 years": 0,
                                   "5 to 9 years": 0, "10 to 14 years": 0, "15 to 17 years": 1}
    assert data["reviewed"] == 2  # the third was reviewed in 2018/19
    assert data["by_category"]["8 perinatal or neonatal event"] == 1
    assert data["by_category"]["10 sudden unexpected, unexplained death"] == 1
    assert data["modifiable_factors"] == {"yes": 1, "no": 1, "insufficient information": 0}
    assert data["themes"] == {"safe sleep": 1}
    assert data["referred"] == [{"death": "CD-2017-03", "on": "2018-01-12",
                                 "to": "the independent chair", "case": "Child K"}]
    text = run("deaths", "report", "--from", "2018-04-01", "--to", "2019-03-31").output
    assert "Notified: 0" in text and "Reviewed by the panel: 1" in text
    assert "  2 suicide or deliberate self-inflicted harm: 1" in text
    assert "  insufficient information: 1" in text


def test_the_referral_opened_the_case_and_both_show_it(panel):
    run = a_year_of_deaths(panel)
    case = run("case", "show", "Child K").output
    assert "Working Together 2015" in case and "SCR criteria met" in case
    history = run("history", "CD-2017-03").output
    assert "Linked case: Child K" in history
    assert "referred the death to the independent chair" in history
    due = run("due", "--as-of", "2018-03-31", "--all").output
    assert "MET LATE  CD-2017-03: notified to the panel by 2018-01-06, done 2018-01-09" in due
    assert "Child K: decision by 2018-02-12" in due


def test_the_annual_report_has_the_panels_section_with_its_deadlines(panel, tmp_path):
    run = a_year_of_deaths(panel)
    run("report", "annual", "--year", "2017/18", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "annual-report-2017-18.md").read_text()
    start = text.index("## Child deaths")
    section = text[start:text.index("\n## ", start)]
    assert "- Child deaths notified: **3**" in section
    assert "- Deaths reviewed by the panel: **2**" in section
    assert "- Reviewed deaths with modifiable factors: **1**" in section
    assert "- Deaths referred for a case review: **1**" in section
    assert "| 28 to 364 days | 1 |" in section and "| safe sleep | 1 |" in section
    assert "| CD-2017-02 | 10 sudden unexpected, unexplained death | yes | safe sleep advice |" \
        in section
    # the third death was notified 4 days after it: counted as met late, never as on time
    assert "| Deaths notified to the panel within 24 hours | 3 | 2 | 1 | 0 |" in section
    assert "| Deaths reviewed by the panel within six months | 2 | 2 | 0 | 0 |" in section


def test_the_analysis_export_in_csv_and_json_has_the_documented_layout(panel, tmp_path):
    run = a_year_of_deaths(panel)
    out = tmp_path / "deaths.csv"
    run("deaths", "export", str(out), "--from", "2017-06-01")
    rows = list(csv.DictReader(out.open()))
    assert [r["reference"] for r in rows] == ["CD-2017-02", "CD-2017-03"]
    assert rows[0]["themes"] == "safe sleep" and rows[0]["expected"] == "no"
    assert rows[1]["case"] == "Child K" and rows[1]["category"] == "2"
    docs = (Path(__file__).resolve().parents[2] / "docs" / "child-deaths.md").read_text()
    assert all(f"| `{name}` |" in docs for name in rows[0])  # every column is documented
    refused = run("deaths", "export", str(out), expect=1)
    assert "already exists" in refused.output
    run("deaths", "export", str(tmp_path / "d.json"))
    data = json.loads((tmp_path / "d.json").read_text())
    assert data["layout"] == "lif-child-death-analysis-1" and len(data["deaths"]) == 3
    assert data["deaths"][0]["expected"] is True


@pytest.mark.parametrize("args, words", [
    (("notify", "Jane Smith", "--died-on", "2017-05-01", "--age-band", "1-4-years",
      "--expected"), "is not a pseudonym"),
    (("notify", "CD-943 476 5919", "--died-on", "2017-05-01", "--age-band", "1-4-years",
      "--expected"), "NHS number"),
    (("review", "CD-2017-01", "--category", "12", "--modifiable", "no", "--learning", "x"),
     "not one of the analysis form's ten"),
    (("review", "CD-2017-02", "--category", "3", "--modifiable", "no", "--learning", "x"),
     "follows its rapid response (rule CD2)"),
    (("review", "CD-2017-01", "--category", "3", "--modifiable", "no", "--learning",
      "born on 3 May 2016"), "date of birth"),
    (("response", "CD-2017-01", "--started-on", "2017-05-01", "--summary", "x"),
     "expected death: it has no rapid response"),
    (("refer", "CD-2017-01", "--case", "Child Q", "--aware-on", "2017-05-01", "--abuse",
      "suspected", "--harm", "seriously-harmed", "--agency-concern", "yes", "--rationale",
      "x"), "--harm died"),
])
def test_bad_input_is_refused_in_one_line_and_writes_nothing(panel, args, words):
    run = panel
    run("deaths", "notify", "CD-2017-01", "--died-on", "2017-05-01", "--age-band",
        "0-27-days", "--expected", "--as", "bm1", "--on", "2017-05-02")
    run("deaths", "notify", "CD-2017-02", "--died-on", "2017-06-10", "--age-band",
        "28-364-days", "--unexpected", "--as", "bm1", "--on", "2017-06-11")
    before = run.count()
    by = "cdop1" if args[0] in ("review", "refer") else "bm1"
    refused = run("deaths", *args, "--as", by, "--on", "2017-09-01", expect=1)
    assert words in refused.output and len(refused.output.strip().splitlines()) == 1
    assert run.count() == before


def test_after_2018_a_referral_goes_to_the_partners_for_a_rapid_review(panel):
    run = panel
    run("board", "arrangements", "--took-effect", "2019-06-28", "--as", "chair1", "--on",
        "2019-07-01")
    run("deaths", "notify", "CD-2020-01", "--died-on", "2020-01-02", "--age-band",
        "1-4-years", "--unexpected", "--as", "bm1", "--on", "2020-01-03")
    said = run("deaths", "response", "CD-2020-01", "--started-on", "2020-01-02",
               "--summary", "joint visit", "--as", "bm1", "--on", "2020-01-03").output
    assert "joint agency response" in said
    refused = run("deaths", "review", "CD-2020-01", "--category", "3", "--modifiable", "no",
                  "--learning", "x", "--as", "cdop1", "--on", "2020-03-01", expect=1)
    assert "after its child death review meeting (rule CD3)" in refused.output
    said = run("deaths", "refer", "CD-2020-01", "--case", "Child R", "--aware-on",
               "2020-01-02", "--abuse", "suspected", "--harm", "died", "--agency-concern",
               "not-yet-known", "--rationale", "bruising", "--as", "cdop1", "--on",
               "2020-01-06").output
    assert "to the safeguarding partners: case Child R opened, judged under Working " \
           "Together 2018" in said
    assert "Rapid Review" in run("due", "--as-of", "2020-01-06").output
