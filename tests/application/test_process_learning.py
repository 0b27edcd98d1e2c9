"""The learning of an audit or a Section 11 round reaches the cycle once (issue 14; rules AU3,
AU4, SA3, L1): a source takes an approved audit's findings and approval, or a round's amber
and red as agreed at its challenge sessions, each saying where it was keyed; a re-audit
evidences impact. Stories through the application service on an in-memory store."""

from datetime import date

import pytest

from lif_domain.errors import OutOfOrder
from lif_domain.roles import Role
from lif_domain.section11 import Rating
from lif_domain.source import SourceType
from tests.conftest import appoint


@pytest.fixture
def board(app):
    appoint(app, "lead1", Role.AGENCY_LEAD, "Health")
    app.register_organisation("Health", by="bm1", on=date(2017, 4, 3))
    return app


def audit_approved(app, ref="AUD-2018-01"):
    app.plan_audit(ref, "neglect", "early?", 20, ["Health", "Police"], "tool",
                   date(2018, 5, 31), by="plqa1", on=date(2018, 4, 9))
    app.receive_return(ref, "Health", 10, by="bm1", on=date(2018, 5, 25))
    app.moderate_audit(ref, "moderation", "agreed", by="plqa1", on=date(2018, 6, 1))
    app.audit_finding(ref, "Health", "weakness", "recognised late", [], by="plqa1",
                      on=date(2018, 6, 2))
    app.audit_finding(ref, "Police", "strength", "tool used well", ["tools"], by="plqa1",
                      on=date(2018, 6, 2))


def test_a_source_takes_an_approved_audits_findings_and_approval_once(board):
    app = board
    audit_approved(app)
    with pytest.raises(OutOfOrder, match="not approved yet"):
        app.record_source("AUD-2018-01", SourceType.PRACTICE_AUDIT, "Neglect audit",
                          date(2018, 6, 3), "plqa1", by="plqa1", on=date(2018, 6, 3),
                          process_ref="AUD-2018-01")
    assert not app.directory.refs("source")  # nothing written
    app.approve_audit("AUD-2018-01", "PLQA committee", "sound", by="plqa1",
                      on=date(2018, 6, 4))
    source = app.record_source("AUD-2018-01", SourceType.PRACTICE_AUDIT, "Neglect audit",
                               date(2018, 6, 4), "plqa1", by="plqa1", on=date(2018, 6, 4),
                               process_ref="AUD-2018-01")
    assert [f.text for f in source.findings] == ["Health (weakness): recognised late",
                                                 "Police (strength): tool used well"]
    assert source.findings[1].themes == ("neglect", "tools")
    assert (source.approved_on, source.approved_by) == (date(2018, 6, 4),
                                                        "audit AUD-2018-01")
    assert app.directory.refs("source", link="AUD-2018-01") == ["AUD-2018-01"]


def test_a_section_11_source_takes_only_what_a_challenge_agreed(board):
    app = board
    app.open_round("S11-2018", ["Health", "Police"], ["training", "inter-agency"],
                   date(2018, 6, 29), by="bm1", on=date(2018, 4, 3))
    for agency in ("Health", "Police"):
        for standard, rating in (("training", Rating.AMBER), ("inter-agency", Rating.GREEN)):
            app.self_assess("S11-2018", agency, standard, rating, "evidence", by="bm1",
                            on=date(2018, 6, 20))
    with pytest.raises(OutOfOrder, match="no amber or red standard agreed at a challenge"):
        app.record_source("S11-2018", SourceType.SECTION_11, "S11", date(2018, 7, 1),
                          "plqa1", by="plqa1", on=date(2018, 7, 1), process_ref="S11-2018")
    app.challenge("S11-2018", "Health", "tested", [("inter-agency", Rating.RED, "no MASH")],
                  by="plqa1", on=date(2018, 7, 10))
    source = app.record_source("S11-2018", SourceType.SECTION_11, "S11", date(2018, 7, 10),
                               "plqa1", by="plqa1", on=date(2018, 7, 11),
                               process_ref="S11-2018")
    # Police's amber is not yet agreed at a challenge: not taken
    assert [f.text for f in source.findings] == [
        "Health: safeguarding training for staff: amber (partially met)",
        "Health: effective inter-agency working: red (not met)"]
    assert app.source("S11-2018").approved_on is None  # approved on the source, as any


def test_a_re_audit_evidences_the_impact_of_the_audits_source(board):
    app = board
    audit_approved(app)
    app.approve_audit("AUD-2018-01", "PLQA committee", "sound", by="plqa1",
                      on=date(2018, 6, 4))
    app.record_source("AUD-2018-01", SourceType.PRACTICE_AUDIT, "Neglect audit",
                      date(2018, 6, 4), "plqa1", by="plqa1", on=date(2018, 6, 4),
                      process_ref="AUD-2018-01")
    app.plan_audit("AUD-2019-01", "neglect", "earlier now?", 10, ["Health"], "tool",
                   date(2019, 5, 31), by="plqa1", on=date(2019, 4, 1),
                   retests=[("aud-2018-01", 1)])
    app.evidence_impact("AUD-2018-01", "re-audit: earlier recognition", "AUD-2019-01",
                        by="plqa1", on=date(2019, 7, 1))
    assert app.source("AUD-2018-01").impact_evidence_ref == "AUD-2019-01"
