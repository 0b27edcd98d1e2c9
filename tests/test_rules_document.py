"""The rules LIF applies are written down for its users (docs/rules.md), and what users read
(help, clocks, criteria, scenarios) cites them there, never a document users do not have."""

import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from cli.main import lif
from tests.cli.test_help import ALL

ROOT = Path(__file__).resolve().parents[1]
RULES = (ROOT / "docs" / "rules.md").read_text()
DEFINED = set(re.findall(r"^### ([A-Z]{1,2}\d+)\. ", RULES, re.M))
CITED = re.compile(r"\brules? ([A-Z]{1,2}\d+(?:(?:, | and )[A-Z]{1,2}\d+)*)")
UNKNOWN_TO_USERS = re.compile(r"REFERENCE|Appendix B|\bseed\b")


def cited(text: str) -> set[str]:
    return {rule for group in CITED.findall(text) for rule in re.split(r", | and ", group)}


def helps() -> str:
    runner = CliRunner()
    return "\n".join(runner.invoke(lif, [*path, "--help"]).output for path, _ in ALL) + \
        runner.invoke(lif, ["--help"]).output


def test_every_rule_has_a_source_and_a_number_of_its_own():
    sections = re.split(r"^### ", RULES, flags=re.M)[1:]
    assert len(sections) == len(DEFINED) >= 15
    assert all("*Source: " in section for section in sections)


def test_help_cites_only_rules_that_exist_and_no_document_users_lack():
    text = helps()
    assert not UNKNOWN_TO_USERS.search(text), UNKNOWN_TO_USERS.search(text)
    assert cited(text) <= DEFINED
    assert "docs/rules.md" in text


def test_every_clock_and_criterion_cites_a_rule_that_exists():
    from lif_domain import case, clocks, criteria, regimes

    sources = [Path(m.__file__).read_text() for m in (case, clocks, criteria, regimes)]
    rules = set().union(*(cited(text) for text in sources))
    assert {"N1", "D1", "D2", "R1", "R2", "P1", "P2", "S2", "G1", "N2", "RR1", "RR2",
            "RR3"} <= rules <= DEFINED


def test_scenarios_cite_rules_that_exist_and_no_document_users_lack():
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        text = path.read_text()
        assert not UNKNOWN_TO_USERS.search(text), (path.name, UNKNOWN_TO_USERS.search(text))
        assert cited(text) <= DEFINED, path.name


def test_a_clock_line_a_user_reads_names_its_rule(tmp_path):
    from adapters.calendar import EnglandWalesCalendar
    from lif_domain.case import Case
    from lif_domain.clocks import clocks_of
    from lif_domain.criteria import AbuseOrNeglect, AgencyConcern, CaseFacts, Harm
    from lif_domain.roles import Actor, Role

    case = Case.notify("Child H", date(2017, 5, 1), CaseFacts(
        AbuseOrNeglect.SUSPECTED, Harm.DIED, AgencyConcern.YES),
        Actor("bm1", Role.BUSINESS_MANAGER), date(2017, 5, 4))
    rules = [c.rule for c in clocks_of(case, EnglandWalesCalendar(), date(2017, 6, 30))]
    assert [cited(rule) for rule in rules] == [{"N1"}, {"D1"}]
