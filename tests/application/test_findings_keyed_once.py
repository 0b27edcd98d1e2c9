"""A review's report and action plan are approved once, on the review; its learning source
takes that approval instead of having it keyed again (issue 13, item 6), whichever comes
first: the review's approval or the source's first finding."""

from datetime import date

import pytest

from lif_domain.errors import OutOfOrder
from lif_domain.source import SourceType
from tests.application.test_clock_answers import PATH, SCR, build

UP_TO = {"notify_gap": 1, "decide_gap": 5, "scr": True, "told_gap": None,
         "gaps": [1] * (len(PATH) + 1), "agreed_months": None, "agreed_again": None,
         "correction": None}
APPROVED = [step for step, _, _ in PATH].index("report_approved") + 1


def scr_source(app, on):
    app.record_source(SCR, SourceType.SCR, "Child H", on, "rev1", SCR, by="bm1", on=on)


def test_a_finding_after_the_reviews_approval_approves_the_source_with_it():
    app, _ = build({**UP_TO, "steps": APPROVED})
    approved = app.review(SCR).done["report_approved"]
    scr_source(app, approved)
    with pytest.raises(OutOfOrder, match="approved with review SCR-1 .'lif review approve'., "
                                         "not keyed again"):
        app.approve_source_report(SCR, "Board", "ok", by="chair1", on=approved)
    assert app.source(SCR).approved_on is None  # no finding yet
    app.record_finding(SCR, "finding", "neglect seen late", ["neglect"], by="rev1", on=approved)
    source = app.source(SCR)
    assert (source.approved_on, source.approved_by) == (approved, "review SCR-1")
    from lif_domain.narrative import describe

    _, _, events, _ = app.read(SCR, "source")
    assert describe(events[-1]).endswith(f"(taken from the approval of review SCR-1's report "
                                         f"on {approved}, not keyed again)")


def test_the_reviews_approval_after_the_sources_finding_approves_the_source():
    app, _ = build({**UP_TO, "steps": APPROVED - 1})
    on = date(2016, 12, 1)
    scr_source(app, on)
    app.record_finding(SCR, "finding", "neglect seen late", ["neglect"], by="rev1", on=on)
    assert app.source(SCR).approved_on is None
    app.record_step(SCR, "report_approved", by="chair1", on=on, rationale="accepted")
    assert app.source(SCR).approved_on == on
    # the learning cycle goes on from it: impact can be evidenced on an approved source
    app.evidence_impact(SCR, "re-audit: earlier referrals", None, by="plqa1", on=on)
