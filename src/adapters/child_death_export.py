"""The child deaths' analysis fields as a file for a national return (rule CD6): CSV with one
header row in the order of ANALYSIS_FIELDS, or JSON naming its layout. The layout is described
for users in docs/child-deaths.md; a change to it gets a new layout name."""

import csv
import io
import json
from datetime import date
from pathlib import Path

from adapters.files import write_new
from lif_domain.child_death import ANALYSIS_FIELDS, LAYOUT


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def analysis_bytes(rows: list[dict], suffix: str) -> bytes:
    """The file's bytes: the same rows always give the same bytes."""
    if suffix == ".json":
        def plain(value):
            return value.isoformat() if isinstance(value, date) else value

        data = {"layout": LAYOUT, "fields": list(ANALYSIS_FIELDS),
                "deaths": [{k: plain(row[k]) for k in ANALYSIS_FIELDS} for row in rows]}
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(ANALYSIS_FIELDS)
    writer.writerows([[_cell(row[k]) for k in ANALYSIS_FIELDS] for row in rows])
    return out.getvalue().encode()


def write_analysis(path: Path, rows: list[dict], replace: bool) -> None:
    """Whole or not at all, readable by its owner only."""
    write_new(path, analysis_bytes(rows, path.suffix.lower()), replace=replace)
