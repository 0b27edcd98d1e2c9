"""What the annual report tells beyond counts (issue 14, item 6; REFERENCE §8): a short account
of each review the year touched (what happened, what was learned, what was done, what
changed), and the evidence of impact the processes give (re-audits, Section 11 ratings
improved since the last round, training evaluated months later)."""

from datetime import date

from lif_domain.action_steps import Status
from lif_domain.report_parts import Section, within as _within

DONE = (Status.CLAIMED, Status.VERIFIED, Status.IMPACT_ASSESSED, Status.CLOSED)
STEPS_TOLD = (("commissioned", "commissioned"), ("report_approved", "report approved"),
              ("published", "published"))


def accounts(reviews, sources, actions, start: date, end: date) -> Section:
    """One row per review with a step in the year or open at its end."""
    within = _within(start, end)
    s = Section("The year's reviews in brief: what happened, was learned, was done, changed")
    rows = []
    for review in sorted(reviews, key=lambda r: r.done["commissioned"]):
        done = {step: on for step, on in review.done.items() if on <= end}
        closed = review.closed_on if review.closed_on and review.closed_on <= end else None
        if "commissioned" not in done or (closed and not any(map(within, done.values()))):
            continue  # not begun by the year's end, or ended before the year
        theirs = [src for src in sources if src.review_ref == review.ref]
        their_actions = [a for a in actions
                         if a.source_ref in {src.ref for src in theirs}]
        rows.append([review.ref, _happened(review, done, closed), _learned(theirs, end),
                     _done(their_actions, end), _changed(theirs, their_actions, end)])
    s.figure("Reviews accounted for", [row[0] for row in rows])
    s.tables.append(("Each review in brief", ["Review", "What happened", "What was learned",
                                              "What was done", "What changed"], rows))
    return s


def _happened(review, done: dict, closed: date | None) -> str:
    steps = [f"{words} {done[step]}" for step, words in STEPS_TOLD if step in done]
    end = f"closed {closed}" if closed else "still open at the year's end"
    return f"{review.kind.upper()} of {review.case_ref}: {', '.join(steps)}; {end}"


def _learned(sources, end: date) -> str:
    found = [f.text for src in sources for f in src.findings if f.recorded_on <= end]
    return "; ".join(found) or "no finding recorded yet"


def _done(actions, end: date) -> str:
    if not actions:
        return "no action agreed yet"
    statuses = [a.value_on("status", end) for a in actions]
    completed = sum(s in DONE for s in statuses)
    still = sum(s in (Status.PROPOSED, Status.OPEN) for s in statuses)
    overdue = sum(a.is_overdue(end) for a in actions)
    return (f"{len(actions)} action{'s' if len(actions) > 1 else ''}: {completed} completed, "
            f"{still} open"
            + (f" ({overdue} overdue)" if overdue else ""))


def _changed(sources, actions, end: date) -> str:
    evidence = [f"{src.impact_summary} ({src.impact_on})" for src in sources
                if src.impact_on and src.impact_on <= end]
    evidence += [f"{a.ref}: {a.impact[1]}" for a in actions if a.impact and any(
        s is Status.IMPACT_ASSESSED and on <= end for on, s in a.timeline["status"])]
    return "; ".join(evidence) or "no impact evidenced yet"


def process_impact(s: Section, rounds, audits, training, within) -> None:
    """Evidence of impact from the processes (rules AU4, SA4, L2), added to the impact
    section."""
    s.figure("Re-audits showing what changed on earlier findings",
             [f"{a.ref} re-tested {a.reaudit_of} finding {n}: {text} ({on})" for a in audits
              for n, (on, text) in sorted(a.changes.items()) if within(on)])
    improved = []
    for r in rounds:
        if not r.carried_from:
            continue
        for agency, key, was in r.carried:
            now = r.agreed(agency, key)
            rated = r.ratings.get((agency, key))
            if now and rated and within(rated.on) and now.rank > was.rank:
                improved.append(f"{r.ref}: {agency}: {key} {was.value} -> {now.value} (since "
                                f"{r.carried_from})")
    s.figure("Section 11 standards improved since the last round", improved)
    s.figure("Training evaluated months later for what changed in practice",
             [f"{e.ref}: {summary} ({on})" for e in training
              for when, on, summary in e.evaluations if when == "follow-up" and within(on)])
