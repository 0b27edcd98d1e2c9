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
