"""The evidence pack as files: a self-contained printable HTML page, Markdown, and JSON for
machines. No personal identifiers: records are named by their pseudonymous references."""

import html
import json
from datetime import date, datetime
from pathlib import Path

from adapters.files import refuse_existing


def write_pack(pack: dict, integrity: dict, folder: Path, force: bool = False) -> list[Path]:
    """The pack's three files, none written over unless `force` (refused whole, before any is
    written), each written whole under a temporary name and renamed."""
    stem = "".join(ch if ch.isalnum() else "-" for ch in pack["subject"]["ref"]).strip("-")
    data = {**pack, "integrity": integrity}
    outputs = {
        f"{stem}-evidence.json": json.dumps(data, indent=2, default=_plain, sort_keys=True),
        f"{stem}-evidence.md": markdown(data),
        f"{stem}-evidence.html": page(data),
    }
    refuse_existing([folder / name for name in outputs], force)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in outputs.items():
        path = folder / name
        partial = path.with_name(name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
        paths.append(path)
    return paths


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__}")


def _sections(data: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, column headings, rows) of every table in the pack."""
    s = data["subject"]
    return [
        ("Timeline", ["Business date", "Record", "What happened (who, role, why)", "Recorded (UTC)"],
         [[str(t["on"]), t["record"], t["text"].split("  ", 1)[1],
           t["recorded_at"].strftime("%Y-%m-%d %H:%M")] for t in data["timeline"]]),
        ("Decisions and their rationale", ["Date", "Record", "Decision", "Why"],
         [[str(t["on"]), t["record"], t["what"],
           "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in t["why"].items())]
          for t in data["decisions"]]),
        ("Deadlines met and missed", ["Record", "Clock", "Date", "Done", "Status", "Rule"],
         [[c["subject"], c["clock"], c["when"], c["ended"] or "-", c["status"], c["rule"]]
          for c in data["clocks"]]),
        ("Findings", ["Source", "No.", "Finding", "Themes"],
         [[f["source"], str(f["number"]), f["text"], ", ".join(f["themes"])]
          for f in data["findings"]]),
        ("Actions and their monitoring", ["Action", "Owner", "Due", "Status", "Monitoring"],
         [[a["ref"], a["owner"], str(a["due_on"]),
           a["status"] + (" (OVERDUE)" if a["overdue"] else ""),
           "; ".join(f"{m['on']} {m['round']}: {m['outcome']} ({m['note']})"
                     for m in a["monitoring"]) or "-"] for a in data["actions"]]),
        ("Learning disseminated", ["Date", "Source", "How", "Audience", "Attended", "Findings"],
         [[str(d["on"]), d["source"], d["channel"], d["audience"], str(d["attendance"]),
           ", ".join(map(str, d["findings"]))] for d in data["dissemination"]]),
    ] if s else []


def _summary(data: dict) -> list[str]:
    criteria = data["criteria"]
    met = "met" if criteria["met"] else "not met"
    return [f"Case {data['case']}, judged under {data['regime']}: {criteria['heading']} {met} "
            f"({criteria['rule']}): {criteria['explanation']}.",
            f"Decision of {data['decided_by']}: {data['decision'] or 'not yet made'}; reviews: "
            f"{', '.join(data['reviews']) or 'none'}.",
            f"{len(data['timeline'])} recorded steps, {len(data['decisions'])} with reasons; "
            f"{len(data['clocks'])} deadlines, {data['missed']} missed or breached; "
            f"{len(data['actions'])} actions; {len(data['dissemination'])} dissemination events."]


def markdown(data: dict) -> str:
    s = data["subject"]
    out = [f"# Evidence pack: {s['kind']} {s['ref']}", "",
           f"As at {data['as_of']}. Names of children and families never appear: records use "
           "pseudonymous references.", "", "## Summary", ""]
    out += [f"- {line}" for line in _summary(data)]
    for title, headings, rows in _sections(data):
        out += ["", f"## {title}", ""]
        if not rows:
            out.append("None recorded.")
            continue
        out.append("| " + " | ".join(headings) + " |")
        out.append("|" + "---|" * len(headings))
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                for row in rows]
    out += ["", "## Integrity", "", data["integrity"]["text"], ""]
    if data["integrity"].get("checkpoint"):
        out += ["```", data["integrity"]["checkpoint"].rstrip("\n"), "```", ""]
    return "\n".join(out)


STYLE = """body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;color:#111}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #bbb;
padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#eee}
td:first-child,td:nth-child(2){white-space:nowrap}.intact{color:#064}.TAMPERED{color:#a00;font-weight:bold}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}tr{page-break-inside:avoid}}"""


def page(data: dict) -> str:
    e = html.escape
    s = data["subject"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Evidence pack: {e(s['kind'])} {e(s['ref'])}</title>",
           f"<style>{STYLE}</style></head><body>",
           f"<h1>Evidence pack: {e(s['kind'])} {e(s['ref'])}</h1>",
           f"<p>As at {e(str(data['as_of']))}. Records use pseudonymous references only.</p>",
           "<h2>Summary</h2><ul>"]
    out += [f"<li>{e(line)}</li>" for line in _summary(data)]
    out.append("</ul>")
    for title, headings, rows in _sections(data):
        out.append(f"<h2>{e(title)}</h2>")
        if not rows:
            out.append("<p>None recorded.</p>")
            continue
        out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headings)
                   + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        out.append("</tbody></table>")
    status = data["integrity"]["status"]
    out += ["<h2>Integrity</h2>",
            f'<p class="{e(status)}">{e(data["integrity"]["text"])}</p>']
    if data["integrity"].get("checkpoint"):
        out.append(f'<pre>{e(data["integrity"]["checkpoint"])}</pre>')
    out.append("</body></html>")
    return "\n".join(out)
