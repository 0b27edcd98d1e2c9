"""When a record stops mattering to later years' reports: events that end it, and events that
bring it back. Read by the record directory (lif_domain/application/directory.py, ADR 0015),
which lets the annual report load only the records a year needs."""

# Event type -> True if the record is ended by it, False if it is live again.
ENDING = {
    "Case.ChairDecided": True,  # no longer awaiting a decision
    "Review.Closed": True,
    "Action.Closed": True,
    "Action.Withdrawn": True,
    "Action.Superseded": True,
    "Action.Reopened": False,
    "ChildDeath.PanelReviewed": True,  # its later events (a referral) are dated in their year
}

# Records that matter to a year only through their events dated in it: a learning source's
# findings, approval, dissemination and impact are each counted in the year of their date, so
# a source is ended by every event it has (its actions carry its work into later years).
ENDED_BY_EACH_EVENT = ("LearningSource",)

