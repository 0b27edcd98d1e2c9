"""Use cases: the action plan as rows, out to a spreadsheet and in from an existing tracker."""

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.action_steps import Status
from lif_domain.application.actions import Actions
from lif_domain.dates import parse_date
from lif_domain.errors import InvalidInput, LifError

if TYPE_CHECKING:
    from lif_domain.import_report import ImportReport



class ActionPlan(Actions):
    def action_plan_rows(self, as_of: date | None = None) -> list[dict]:
        """One row per action with the columns boards use (REFERENCE §7), as at `as_of`."""
        as_of = as_of or self.today()
        rows = []
        sources = {}
        for a in self.actions(by_ref=True):
            source = sources.get(a.source_ref) or sources.setdefault(a.source_ref,
                                                                     self.source(a.source_ref))
            updates = [u for u in a.updates if u.on <= as_of]
            escalation = a.value_on("escalation", as_of)
            status = a.value_on("status", as_of)
            if status is None:
                continue
            rows.append({
                "ref": a.ref, "source": a.source_ref, "finding": a.finding,
                "finding_text": source.finding(a.finding).text, "what": a.what,
                "owner": a.owner, "lead_officer": a.lead_officer,
                "due_on": a.value_on("due_on", as_of),
                "agreed_on": next((on for on, s in a.timeline["status"]
                                   if s is Status.OPEN and on <= as_of), None),
                "measure": a.measure,
                "status": status.words, "rag": updates[-1].rag.value if updates else None,
                "overdue": a.is_overdue(as_of),
                "escalation": escalation.words if escalation else None,
                "last_update_on": updates[-1].on if updates else None,
                "latest_progress": updates[-1].narrative if updates else None,
                "evidence": a.evidence, "impact": ": ".join(a.impact) if a.impact else None})
        return rows

    def import_actions(self, rows: list[dict], *, agree: bool = False, dry_run: bool = False,
                       by: str, on: date | None = None, progress=None) -> "ImportReport":
        """Create the actions of an existing tracker. Rows whose reference exists are skipped,
        so the same file imported twice creates nothing new. If any row is invalid nothing is
        written; a dry run writes nothing and says what would happen. `progress(1)`, when
        given, is told of each row read."""
        from lif_domain.action import Action
        from lif_domain.import_report import ImportReport, RowResult

        actor, on = self.act(by, "propose an action", on)
        agreer = self.actor(by, "agree an action", on) if agree else None
        board = self.board()
        report, created, seen = ImportReport(dry_run), [], set()
        for row in rows:
            if progress:
                progress(1)
            ref = row.get("ref", "").strip()
            if ref.casefold() in seen:
                report.results.append(RowResult(row["row"], ref, "invalid",
                                                "the reference appears twice in the file"))
                continue
            seen.add(ref.casefold())
            if ref and self.exists(Action.id_for(ref)):
                report.results.append(RowResult(row["row"], ref, "exists",
                                                "already recorded: skipped"))
                continue
            try:
                # agreed on the date the tracker gives, if it gives one (issue 14, item 5)
                agreed = _agreed_on(row.get("agreed_on", ""), on) if agreer else on
                action = Action.propose(
                    ref, self.source(row.get("source", "")), _whole(row.get("finding", "")),
                    row.get("what", ""), board.require_organisation(row.get("owner", "")),
                    row.get("lead_officer", ""), parse_date(row.get("due_on", ""), "due date"),
                    row.get("measure", ""), actor, agreed)
                if agreer:
                    action.agree(agreer, agreed)
            except LifError as e:
                report.results.append(RowResult(row["row"], ref, "invalid", str(e)))
                continue
            created.append(action)
            report.results.append(RowResult(row["row"], ref, "create",
                                            f"{action.what} ({action.owner}, due {action.due_on})"))
        if created and not dry_run and not report.invalid:
            self.save_all(*created)
        return report


def _agreed_on(text: str, on: date) -> date:
    """The tracker's agreed date (the import's own date where it gives none); not later than
    the import."""
    if not text.strip():
        return on
    agreed = parse_date(text, "agreed date")
    if agreed > on:
        raise InvalidInput(f"the agreed date {agreed} is after the import's date {on}")
    return agreed


def _whole(text: str) -> int:
    if not text.strip().isdigit():
        raise InvalidInput(f"finding {text!r} is not a finding number")
    return int(text)
