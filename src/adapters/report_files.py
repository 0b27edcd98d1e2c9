"""The annual report as files: Markdown, a self-contained HTML page with SVG charts (opens
with no network), and a Word document a business manager can edit (python-docx, ADR 0009).
Each ends with an appendix listing the events behind every figure."""

import html
from copy import deepcopy
from pathlib import Path

INTRO = ("This is the evidence half of the report, drawn from the event log: every figure "
         "counts recorded events by their business date within the period, and the appendix "
         "lists the events behind each one.")


def write_report(report, folder: Path, formats: tuple[str, ...], progress=None,
                 integrity: dict | None = None, force: bool = False) -> list[Path]:
    """Write each format, each under a .partial name renamed when whole; `progress(1)` is told
    of each file written. `integrity` (adapters.integrity_statement) closes each: the log the
    report was drawn from."""
    from adapters.files import refuse_existing

    report = _with_integrity(report, integrity)
    stem = report.stem
    refuse_existing([folder / f"{stem}.{fmt}" for fmt in formats], force)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = folder / f"{stem}.{fmt}"
        partial = path.with_name(path.name + ".partial")
        if fmt == "docx":
            docx_document(report).save(partial)
        else:
            partial.write_text(markdown(report) if fmt == "md" else page(report),
                               encoding="utf-8")
        partial.replace(path)
        paths.append(path)
        if progress:
            progress(1)
    return paths


def _with_integrity(report, integrity: dict | None):
    """The report with a last section saying which log it was drawn from (its checkpoint
    printed whole), so the published report pins the log."""
    if integrity is None:
        return report
    from dataclasses import replace

    from lif_domain.annual import Section

    lines = [integrity["text"]] + ([f"    {line}" for line in
                                    integrity["checkpoint"].splitlines()]
                                   if integrity.get("checkpoint") else [])
    return replace(report, sections=[*report.sections, Section(
        "The log this report was drawn from", [], [("Integrity", ["Statement"],
                                                   [[line] for line in lines])])])


def _title(report) -> str:
    return report.title


def _opening(report) -> str:
    return " ".join(filter(None, (report.period, INTRO, report.sent_to)))


def markdown(report) -> str:
    out = [f"# {_title(report)}", "", f"{_opening(report)}"]
    for section in report.sections:
        out += ["", f"## {section.title}", ""]
        out += [f"- {f.label}: **{f.value}**" for f in section.figures]
        for title, headings, rows in section.tables:
            out += ["", f"### {title}", ""]
            if not rows:
                out.append("None.")
                continue
            out += ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
            out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    out += ["", "## Appendix: the events behind each figure"]
    for section in report.sections:
        for f in section.figures:
            out += ["", f"**{section.title}: {f.label} ({f.value})**", ""]
            out += [f"- {e}" for e in f.evidence] or ["- none"]
    return "\n".join(out) + "\n"


def _svg_bars(points: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not points:
        return "<p>No data.</p>"
    top = max(v for _, v in points) or 1
    height = 22 * len(points) + 10
    bars = []
    for i, (label, value) in enumerate(points):
        y = 5 + 22 * i
        width = 300 * value / top
        bars.append(f'<text x="0" y="{y + 14}" font-size="12">{html.escape(label)}</text>'
                    f'<rect x="200" y="{y}" width="{width:.1f}" height="16" fill="#46a"/>'
                    f'<text x="{205 + width:.1f}" y="{y + 13}" font-size="12">{value}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="560" height="{height}" '
            f'role="img">{"".join(bars)}</svg>')


STYLE = """body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;color:#111}
h2{border-bottom:1px solid #999;margin-top:2rem}table{border-collapse:collapse;width:100%;
font-size:.85rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left}
th{background:#eee}.figure b{font-size:1.1rem}details{margin:.3rem 0}
@media print{details{display:block}}"""


def page(report) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(_title(report))}</title><style>{STYLE}</style></head><body>",
           f"<h1>{e(_title(report))}</h1>",
           f"<p>{e(_opening(report))}</p>", "<h2>Charts</h2>"]
    for name, points in report.charts.items():
        out += [f"<h3>{e(name)}</h3>", _svg_bars(points)]
    for section in report.sections:
        out.append(f"<h2>{e(section.title)}</h2><ul>")
        for f in section.figures:
            items = "".join(f"<li>{e(x)}</li>" for x in f.evidence) or "<li>none</li>"
            out.append(f'<li class="figure">{e(f.label)}: <b>{f.value}</b><details>'
                       f"<summary>events behind it</summary><ul>{items}</ul></details></li>")
        out.append("</ul>")
        for title, headings, rows in section.tables:
            out.append(f"<h3>{e(title)}</h3>")
            if not rows:
                out.append("<p>None.</p>")
                continue
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in headings) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def docx_document(report):
    """The Word document, built in time linear in its length: paragraphs and table rows go
    straight to the end of the body (python-docx's add_paragraph finds the end by scanning the
    whole body and looks its style up by name, and a new row's cells are found through the whole
    table, so a long appendix took quadratic time)."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = _title(report)
    add = _Appender(doc)
    add(_title(report), "Title")
    add(_opening(report))
    for section in report.sections:
        add(section.title, "Heading 1")
        for f in section.figures:
            add(f"{f.label}: {f.value}", "List Bullet")
        for title, headings, rows in section.tables:
            add(title, "Heading 2")
            if rows:
                add.table(headings, rows)
            else:
                add("None.")
    add("Appendix: the events behind each figure", "Heading 1")
    for section in report.sections:
        for f in section.figures:
            add(f"{section.title}: {f.label} ({f.value})", "Heading 3")
            for item in f.evidence or ["none"]:
                add(item, "List Bullet")
    return doc


class _Appender:
    """Adds paragraphs and tables at the end of a document's body, each in constant time."""

    def __init__(self, doc):
        self.doc, self.end = doc, doc.element.body.sectPr  # new blocks go just before it
        self.made: dict[str | None, object] = {}

    def __call__(self, text: str, style: str | None = None) -> None:
        """Add a paragraph of `text` in `style`: a copy of the first paragraph made in that
        style, with its text replaced (the same XML python-docx writes, made by lxml in C)."""
        if style not in self.made or not _plain(text):
            p = self._made_by_python_docx(text, style)
            if _plain(text):
                self.made[style] = p
        else:
            p = deepcopy(self.made[style])
            p[-1][-1].text = text  # <w:p><w:pPr/><w:r><w:t>text</w:t></w:r></w:p>
        self._place(p)

    def _made_by_python_docx(self, text: str, style: str | None):
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        if style:
            p.get_or_add_pPr().style = self.doc.styles[style].style_id
        Paragraph(p, self.doc).add_run(text)
        return p

    def table(self, headings: list[str], rows: list[list[str]]) -> None:
        """A table: each cell a copy of the first plain cell made in its column, its text
        replaced (python-docx's add_row finds a new row's cells through the whole table)."""
        from docx.table import _Cell

        table = self.doc.add_table(rows=0, cols=len(headings))  # one scan of the body a table
        table.style = "Table Grid"
        tbl = table._tbl
        widths = [column.w for column in tbl.tblGrid.gridCol_lst]
        made: dict[int, object] = {}
        for row in [headings, *rows]:
            tr = tbl.add_tr()
            for column, value in enumerate(row):
                if column in made and _plain(value):
                    tc = deepcopy(made[column])
                    tc[-1][-1][-1].text = value  # <w:tc><w:tcPr/><w:p><w:r><w:t>
                    tr.append(tc)
                    continue
                tc = tr.add_tc()
                if widths[column] is not None:
                    tc.width = widths[column]
                _Cell(tc, table).text = value
                if _plain(value):
                    made[column] = tc

    def _place(self, element) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.doc.element.body.append(element)


def _plain(text: str) -> bool:
    """Text python-docx writes as one <w:t> with nothing else: no tabs, breaks or edge spaces."""
    return bool(text) and text == text.strip() and not any(c in text for c in "\t\n\r")
