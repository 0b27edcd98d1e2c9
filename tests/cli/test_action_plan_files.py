"""The action plan out to CSV and Excel, and an existing tracker in, on real files."""

import csv

import pytest
from openpyxl import Workbook, load_workbook

from adapters.action_plan_files import REQUIRED
from tests.cli.test_action_plan import A1, plan  # noqa: F401  (the fixture)

TRACKER = [
    ["Reference", "Source", "Finding", "Action", "Owner organisation", "Lead officer",
     "Due date", "Success or impact measure"],
    ["T-1", "AUD-2017-02", "1", "Audit referrals", "Health", "audit-lead", "2018-03-31",
     "audit done"],
    ["T-2", "AUD-2017-02", "1", "Brief GPs", "health", "gp-lead", "2018-01-31", "brief sent"],
]


def write_csv(path, table):
    with path.open("w", newline="") as f:
        csv.writer(f).writerows(table)


def write_xlsx(path, table):
    workbook = Workbook()
    for row in table:
        workbook.active.append(row)
    workbook.save(path)


@pytest.mark.parametrize("suffix, write", [(".csv", write_csv), (".xlsx", write_xlsx)])
def test_importing_a_tracker_twice_creates_nothing_new(plan, tmp_path, suffix, write):  # noqa: F811
    path = tmp_path / f"tracker{suffix}"
    write(path, TRACKER)
    before = plan.count()
    out = plan("action", "import", str(path), "--dry-run", "--as", "bm1", "--on",
               "2017-10-01").output
    assert "row 2: T-1: create" in out and "would create 2, skipped 0" in out
    assert plan.count() == before
    plan("action", "import", str(path), "--agree", "--as", "plqa1", "--on", "2017-10-01")
    assert plan.count() == before + 4  # proposed and agreed, two actions
    again = plan("action", "import", str(path), "--as", "plqa1", "--on", "2017-10-02").output
    assert "created 0, skipped 2 already recorded" in again
    assert plan.count() == before + 4
    assert "T-2" in plan("action", "list").output


def test_a_tracker_with_invalid_rows_says_which_and_why_and_writes_nothing(plan, tmp_path):  # noqa: F811
    path = tmp_path / "tracker.csv"
    write_csv(path, TRACKER + [
        ["T-3", "AUD-2017-02", "9", "x", "Health", "l", "2018-01-01", "m"],
        ["T-4", "AUD-2017-02", "1", "x", "Schools", "l", "2018-01-01", "m"],
        ["T-5", "AUD-2017-02", "1", "x", "Health", "l", "31/01/2018", "m"],
        ["T-1", "AUD-2017-02", "1", "x", "Health", "l", "2018-01-01", "m"],
    ])
    before = plan.count()
    result = plan("action", "import", str(path), "--as", "bm1", "--on", "2017-10-01", expect=1)
    assert "row 4: T-3: invalid: AUD-2017-02 has no finding number 9" in result.output
    assert "row 5: T-4: invalid: unknown organisation 'Schools'" in result.output
    assert "row 6: T-5: invalid: due date '31/01/2018' is not a date" in result.output
    assert "row 7: T-1: invalid: the reference appears twice" in result.output
    assert "4 invalid rows: nothing was imported" in result.output
    assert plan.count() == before


def test_a_file_without_the_required_columns_is_refused(plan, tmp_path):  # noqa: F811
    path = tmp_path / "tracker.csv"
    write_csv(path, [["Reference", "Action"], ["T-1", "x"]])
    out = plan("action", "import", str(path), "--as", "bm1", expect=1).output
    assert "lacks the column(s): Source, Finding" in out
    notes = tmp_path / "tracker.txt"
    notes.write_text("x")
    assert "use a .csv or .xlsx file" in plan("action", "import", str(notes), "--as", "bm1",
                                               expect=1).output
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a zip")
    assert "cannot be read as an Excel workbook" in plan("action", "import", str(broken),
                                                          "--as", "bm1", expect=1).output


def test_the_plan_exports_to_csv_and_xlsx_with_the_columns_boards_use(plan, tmp_path):  # noqa: F811
    plan("action", "update", A1, "--rag", "amber", "--narrative", "venue booked", "--as",
         "lead1", "--on", "2017-10-02")
    csv_path, xlsx_path = tmp_path / "plan.csv", tmp_path / "plan.xlsx"
    plan("action", "export", str(csv_path), "--as-of", "2017-12-04")
    plan("action", "export", str(xlsx_path), "--as-of", "2017-12-04")
    with csv_path.open() as f:
        [row] = list(csv.DictReader(f))
    assert set(REQUIRED) <= row.keys()
    assert (row["Reference"], row["Owner organisation"], row["Due date"], row["RAG"],
            row["Overdue"], row["Finding text"]) == (A1, "Health", "2017-11-30", "amber", "yes",
                                                     "Neglect recognised late")
    sheet = load_workbook(xlsx_path).active
    headings = [c.value for c in sheet[1]]
    values = dict(zip(headings, [c.value for c in sheet[2]]))
    assert values["Reference"] == A1 and values["Latest progress"] == "venue booked"
    assert values["Due date"].date().isoformat() == "2017-11-30"
    first = csv_path.read_bytes()
    plan("action", "export", str(csv_path), "--as-of", "2017-12-04", "--force")
    assert csv_path.read_bytes() == first  # the same plan, byte for byte
    # The export round-trips through the import as "already recorded".
    out = plan("action", "import", str(xlsx_path), "--dry-run", "--as", "bm1").output
    assert "skipped 1 already recorded, 0 invalid" in out


def test_imported_actions_keep_the_agreed_date_their_tracker_gives(plan, tmp_path):  # noqa: F811
    """Last year's carried-forward actions count as agreed last year, not on the import's
    date (issue 14, item 5)."""
    import json

    path = tmp_path / "tracker.csv"
    table = [[*TRACKER[0], "Agreed"], [*TRACKER[1], "2017-09-20"], [*TRACKER[2], ""]]
    write_csv(path, [*table, ["T-3", "AUD-2017-02", "1", "x", "Health", "l", "2018-03-31", "m",
                              "2018-05-01"]])
    before = plan.count()
    out = plan("action", "import", str(path), "--agree", "--as", "plqa1", "--on", "2018-01-10",
               expect=1).output
    assert "T-3" in out and "the agreed date 2018-05-01 is after the import's date" in out
    assert plan.count() == before  # all or nothing
    write_csv(path, table)
    plan("action", "import", str(path), "--agree", "--as", "plqa1", "--on", "2018-01-10")
    rows = {r["ref"]: r for r in json.loads(plan("action", "list", "--json").output)}
    history = plan("history", "T-1", "--kind", "action").output
    assert "2017-09-20" in history
    plan("action", "export", str(tmp_path / "plan.csv"), "--as-of", "2018-01-10")
    exported = {r["Reference"]: r for r in csv.DictReader((tmp_path / "plan.csv").open())}
    assert exported["T-1"]["Agreed"] == "2017-09-20"
    assert exported["T-2"]["Agreed"] == "2018-01-10"  # none given: the import's date
    assert set(rows) >= {"T-1", "T-2"}
