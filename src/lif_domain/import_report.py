"""What an import of an existing action tracker did, or would do, row by row."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowResult:
    row: int
    ref: str
    outcome: str  # "create", "exists" or "invalid"
    message: str


@dataclass
class ImportReport:
    dry_run: bool
    results: list[RowResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def invalid(self) -> list[RowResult]:
        return [r for r in self.results if r.outcome == "invalid"]
