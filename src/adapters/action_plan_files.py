"""The action plan as a spreadsheet: CSV and Excel (.xlsx), read and written with the columns
boards use (REFERENCE §7). Files only: the rules live in the application."""

import csv
from zipfile import BadZipFile
from datetime import date, datetime
from pathlib import Path

from lif_domain.errors import InvalidInput

# Column heading -> field name, in the order written.
COLUMNS = {
    "Reference": "ref",
    "Source": "source",
    "Finding": "finding",
    "Finding text": "finding_text",
    "Action": "what",
    "Owner organisation": "owner",
    "Lead officer": "lead_officer",
    "Due date": "due_on",
    "Agreed": "agreed_on",
    "Success or impact measure": "measure",
    "Status": "status",
    "RAG": "rag",
    "Overdue": "overdue",
    "Escalation": "escalation",
    "Last update": "last_update_on",
    "Latest progress": "latest_progress",
    "Evidence of completion": "evidence",
    "Impact": "impact",
}
REQUIRED = ("Reference", "Source", "Finding", "Action", "Owner organisation", "Lead officer",
            "Due date", "Success or impact measure")
FORMATS = (".csv", ".xlsx")


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(f"{path.name}: use a .csv or .xlsx file")
    return suffix


# A monitoring round's outcomes sheet: one row per action reviewed (issue 14).
OUTCOME_COLUMNS = {"Reference": "ref", "Outcome": "outcome", "Note": "note"}


def read_rows(path: Path, columns: dict = COLUMNS, required=REQUIRED) -> list[dict]:
    """Rows of an action tracker (or, with its `columns`, an outcomes sheet) as {field:
    text}, each with its spreadsheet row number."""
    suffix = _format(path)
    if not path.is_file():
        raise InvalidInput(f"no file {path}")
    table = _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    if not table:
        raise InvalidInput(f"{path.name} is empty")
    headings = [str(h or "").strip() for h in table[0]]
    missing = [h for h in required if h not in headings]
    if missing:
        raise InvalidInput(f"{path.name} lacks the column(s): {', '.join(missing)}")
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {columns[h]: _text(c) for h, c in zip(headings, cells) if h in columns}
        if any(values.values()):
            rows.append({"row": number, **values})
    return rows


def _read_csv(path: Path) -> list[list]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            return [row for row in csv.reader(f)]
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name} is not a UTF-8 CSV file") from None
    except csv.Error as e:  # a cell over the reader's limit (128 KiB), a NUL in a line...
        raise InvalidInput(f"{path.name} cannot be read as CSV ({e}); nothing was "
                           "imported") from None


def _read_xlsx(path: Path) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as e:
        raise InvalidInput(f"{path.name} cannot be read as an Excel workbook ({e})") from None
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def write_plan(path: Path, rows: list[dict]) -> None:
    """Write the action plan (a CSV of the same rows is byte for byte the same)."""
    suffix = _format(path)
    table = [list(COLUMNS)] + [[row.get(field) for field in COLUMNS.values()] for row in rows]
    partial = path.with_name(path.name + ".partial")
    if suffix == ".csv":
        with partial.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([[_cell_text(v) for v in row] for row in table])
    else:
        _write_xlsx(partial, table)
    partial.replace(path)  # never a half-written file under the real name


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _write_xlsx(path: Path, table: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    for row in table:
        sheet.append([("yes" if v else "no") if isinstance(v, bool) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, heading in zip(sheet.columns, table[0]):
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width, 10), 60) + 2
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    # Fixed document times: the workbook's properties do not change with the clock.
    workbook.properties.created = workbook.properties.modified = datetime(2000, 1, 1)
    workbook.save(path)
