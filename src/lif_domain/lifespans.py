"""When a record stops mattering to later years' reports: events that end it, and events that
bring it back. Read by the record index (adapters/record_index.py) that lets the annual report
load only the records a year needs (issue 5)."""

# Event type -> True if the record is ended by it, False if it is live again.
ENDING = {
    "Case.ChairDecided": True,  # no longer awaiting a decision
    "Review.Closed": True,
    "Action.Closed": True,
    "Action.Withdrawn": True,
    "Action.Superseded": True,
    "Action.Reopened": False,
}

# The kinds of record the annual report reads.
REPORTED = ("lif_domain.case:Case.", "lif_domain.review:Review.",
            "lif_domain.source:LearningSource.", "lif_domain.action:Action.")
