"""lif report annual: the files a business manager gets, on a real SQLite store."""

import re

from docx import Document

from tests.cli.test_journey import test_a_case_from_notification_to_a_closed_scr as journey


def test_the_report_is_written_as_markdown_html_and_a_word_document(board, tmp_path):
    journey(board)
    out = board("report", "annual", "--year", "2017/18", "--out", str(tmp_path)).output
    assert out.count("Wrote ") == 3
    markdown = (tmp_path / "annual-report-2017-18.md").read_text()
    assert "- Cases notified: **1**" in markdown
    assert "## Appendix: the events behind each figure" in markdown
    page = (tmp_path / "annual-report-2017-18.html").read_text()
    assert "<svg" in page and not re.search(r"(src|href)=\"?https?:", page)
    document = Document(tmp_path / "annual-report-2017-18.docx")
    text = [p.text for p in document.paragraphs]
    assert "Test LSCB, annual report 2017/18: learning and improvement" in text
    assert "Cases notified: 1" in text
    document.add_paragraph("Chair's foreword, added by the business manager.")
    document.save(tmp_path / "edited.docx")
    assert "Chair's foreword" in Document(tmp_path / "edited.docx").paragraphs[-1].text


def test_explain_prints_the_events_behind_each_figure(board, tmp_path):
    journey(board)
    out = board("report", "annual", "--year", "2017/18", "--format", "md", "--out",
                str(tmp_path), "--explain").output
    assert "Cases notified and decided: Cases notified: 1\n  - Child H: notified 2017-05-04" in out
    assert "a financial year is written like 2017/18" in board(
        "report", "annual", "--year", "2017", expect=1).output


def test_each_review_of_the_year_is_told_in_brief_with_its_learning_and_actions(board,
                                                                                 tmp_path):
    journey(board)
    board("org", "add", "Health", "--as", "bm1", "--on", "2017-04-03")
    board("source", "record", "SCR-2017-01", "--type", "scr", "--review", "SCR-2017-01",
          "--title", "Child H", "--date", "2017-11-15", "--lead", "plqa1", "--as", "plqa1",
          "--on", "2017-11-20")
    board("source", "finding", "SCR-2017-01", "--text", "Neglect was not shared", "--theme",
          "neglect", "--as", "plqa1", "--on", "2017-11-20")
    board("action", "propose", "SCR-2017-01/A1", "--source", "SCR-2017-01", "--finding", "1",
          "--what", "Share neglect concerns", "--owner", "Health", "--lead", "hv-lead",
          "--due", "2018-01-31", "--measure", "audit", "--as", "plqa1", "--on", "2017-11-21")
    board("action", "agree", "SCR-2017-01/A1", "--as", "plqa1", "--on", "2017-11-22")
    board("report", "annual", "--year", "2017/18", "--format", "md", "--out", str(tmp_path))
    text = (tmp_path / "annual-report-2017-18.md").read_text()
    table = text[text.index("### Each review in brief"):]
    table = table[:table.index("\n## ")]
    [row] = [line for line in table.splitlines() if line.startswith("| SCR-2017-01 |")]
    happened, learned, done, changed = [c.strip() for c in row.split("|")[2:6]]
    assert happened.startswith("SCR of Child H: commissioned 2017-05-")
    assert learned == "Neglect was not shared"
    assert done == "1 action: 0 completed, 1 open (1 overdue)"  # due 31 January
    assert changed == "no impact evidenced yet"
    board("report", "annual", "--year", "2019/20", "--format", "md", "--out", str(tmp_path))
    later = (tmp_path / "annual-report-2019-20.md").read_text()
    assert "- Reviews accounted for: **0**" in later  # closed before that year
