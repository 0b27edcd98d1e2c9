"""Use cases: Section 11 rounds, their self-assessments (one at a time or from the agencies'
returns), challenge sessions, carry-forward and comparison (issue 14, item 2; rules SA1 to
SA4)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lif_domain.application.base import LifBase
from lif_domain.errors import LifError

if TYPE_CHECKING:
    from lif_domain.import_report import ImportReport
    from lif_domain.section11 import Rating, Section11Round


class Section11(LifBase):
    def open_round(self, ref: str, agencies: list[str], standards: list[str],
                   returns_due: date, *, by: str, on: date | None = None,
                   carry_from: str | None = None) -> Section11Round:
        from lif_domain.section11 import Section11Round

        actor, on = self.act(by, "open a Section 11 round", on)
        self.refuse_duplicate(Section11Round, ref, "Section 11 round")
        earlier = self.s11_round(carry_from) if carry_from else None
        round_ = Section11Round.open(ref, agencies, standards, returns_due, actor, on, earlier)
        self.save_all(round_)
        return round_

    def self_assess(self, ref: str, agency: str, standard: str, rating: Rating,
                    evidence: str, *, by: str, on: date | None = None) -> bool:
        from lif_domain.section11 import standard as standard_key

        actor, on = self.act(by, "record a Section 11 self-assessment", on)
        round_ = self.s11_round(ref)
        recorded = round_.self_assess(agency, standard_key(standard), rating, evidence, actor,
                                      on)
        self.save_all(round_)
        return recorded

    def import_self_assessments(self, ref: str, rows: list[dict], *, dry_run: bool = False,
                                by: str, on: date | None = None) -> ImportReport:
        """An agency's return (.csv or .xlsx rows: Agency, Standard, Rating, Evidence): every
        row checked, all recorded or none; a row recorded already is skipped, so the same
        file imported twice records nothing new (rule SA2)."""
        from lif_domain.import_report import ImportReport, RowResult
        from lif_domain.section11 import Rating, standard

        actor, on = self.act(by, "record a Section 11 self-assessment", on)
        round_ = self.s11_round(ref)
        report = ImportReport(dry_run)
        for row in rows:
            name = f"{row.get('agency', '')}: {row.get('standard', '')}".strip(": ")
            try:
                recorded = round_.self_assess(
                    row.get("agency", ""), standard(row.get("standard", "")),
                    Rating.parse(row.get("rating", ""), "rating"), row.get("evidence", ""),
                    actor, on)
            except LifError as e:
                report.results.append(RowResult(row["row"], name, "invalid", str(e)))
                continue
            report.results.append(RowResult(row["row"], name, "create" if recorded else
                                            "exists", "recorded" if recorded else
                                            "already recorded: skipped"))
        if round_.pending_events and not dry_run and not report.invalid:
            self.save_all(round_)
        return report

    def challenge(self, ref: str, agency: str, summary: str,
                  changes: list[tuple[str, Rating, str]], *, by: str,
                  on: date | None = None) -> Section11Round:
        from lif_domain.section11 import standard

        actor, on = self.act(by, "hold a Section 11 challenge session", on)
        round_ = self.s11_round(ref)
        round_.challenge(agency, summary, [(standard(s), r, why) for s, r, why in changes],
                         actor, on)
        self.save_all(round_)
        return round_

    def compare_rounds(self, earlier: str, later: str) -> dict:
        from lif_domain.section11 import compare

        return compare(self.s11_round(earlier), self.s11_round(later))

    def s11_round(self, ref: str) -> Section11Round:
        from lif_domain.section11 import Section11Round

        return self.load(Section11Round, ref, "Section 11 round")

    def s11_rounds(self) -> list[Section11Round]:
        return self.records(self.directory.ids("s11"))
