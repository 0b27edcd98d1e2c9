"""The Word report is built by appending to the end of the body (linear time); it holds the
same blocks, texts and styles, in the same order, as python-docx's own methods would give."""

from datetime import date
from types import SimpleNamespace as NS

from docx import Document

from adapters.report_files import _opening, _title, docx_document


def report(evidence_lines: int):
    figures = [NS(label="Cases notified", value=2, evidence=[f"Child {i}: notified"
                                                              for i in range(evidence_lines)]
                    + [" leading space", "a\ttab", "two\nlines", "Child 1: notified"]),
               NS(label="Reviews", value=0, evidence=[])]
    tables = [("By organisation", ["Organisation", "Open", "Overdue"],
               [["Health", "3", "1"], ["Police | CID", "0", "0"]]), ("By theme", ["Theme"], [])]
    return NS(year="2017/18", start=date(2017, 4, 1), end=date(2018, 3, 31), charts={},
              sections=[NS(title="Cases", figures=figures, tables=tables)],
              title="Annual report 2017/18: learning and improvement",
              period="Financial year 2017-04-01 to 2018-03-31.", sent_to="", stem="a")


def with_python_docx(r):
    """The same document through python-docx's public methods (quadratic on long reports)."""
    doc = Document()
    doc.add_heading(_title(r), 0)
    doc.add_paragraph(_opening(r))
    for section in r.sections:
        doc.add_heading(section.title, 1)
        for f in section.figures:
            doc.add_paragraph(f"{f.label}: {f.value}", style="List Bullet")
        for title, headings, rows in section.tables:
            doc.add_heading(title, 2)
            if not rows:
                doc.add_paragraph("None.")
                continue
            table = doc.add_table(rows=1, cols=len(headings))
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, headings):
                cell.text = heading
            for row in rows:
                for cell, value in zip(table.add_row().cells, row):
                    cell.text = value
    doc.add_heading("Appendix: the events behind each figure", 1)
    for section in r.sections:
        for f in section.figures:
            doc.add_paragraph(f"{section.title}: {f.label} ({f.value})", style="Heading 3")
            for item in f.evidence or ["none"]:
                doc.add_paragraph(item, style="List Bullet")
    return doc


def blocks(doc) -> list:
    out = []
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            out.append(("table", block.style.name,
                        [[c.text for c in row.cells] for row in block.rows]))
        else:
            out.append(("paragraph", block.style.name, block.text))
    return out


def test_the_appended_document_equals_python_docx_s_own(tmp_path):
    r = report(evidence_lines=40)
    ours, theirs = docx_document(r), with_python_docx(r)
    assert blocks(ours) == blocks(theirs)
    ours.save(tmp_path / "ours.docx")  # and it survives a save and a reopen as Word reads it
    assert blocks(Document(tmp_path / "ours.docx")) == blocks(theirs)
    assert ours.element.body[-1].tag.endswith("sectPr")  # section properties stay last
