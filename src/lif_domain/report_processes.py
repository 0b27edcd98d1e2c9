"""The annual report's section for each process a board records in LIF (issue 14): child
deaths (rules CD5, CD6), Section 11 rounds (SA1 to SA4), audits of practice (AU1 to AU4) and
training events (L2)."""

from collections import Counter
from datetime import date

from lif_domain.child_death import DeathFigures
from lif_domain.clocks import death_clocks, returns_clocks
from lif_domain.report_parts import DEADLINE_OUTCOMES, Section, compliance, within as _within
from lif_domain.training import reach


def child_deaths(deaths, start: date, end: date) -> Section:
    """The Child Death Overview Panel's figures for the period (rule CD6), read from the one
    place `lif deaths report` reads them, and its deadlines (rule CD5)."""
    s = Section("Child deaths reviewed by the Child Death Overview Panel")
    figures = DeathFigures.of(deaths, start, end)
    s.figure("Child deaths notified", [f"{d.ref}: notified {d.notified_on}, "
                                       f"{'expected' if d.expected else 'unexpected'}"
                                       for d in figures.notified])
    s.figure("Unexpected deaths (a rapid or joint agency response)",
             [d.ref for d in figures.notified if not d.expected])
    s.figure("Deaths reviewed by the panel",
             [f"{d.ref}: {d.review.reviewed_on}: category {d.review.category_words}"
              for d in figures.reviewed])
    s.figure("Reviewed deaths with modifiable factors",
             [f"{d.ref}: {d.review.factors}" for d in figures.reviewed
              if d.review.modifiable.value == "yes"])
    s.figure("Deaths referred for a case review",
             [f"{d.ref}: {d.referral[0]} to {d.referral[1]} (case {d.referral[2]})"
              for d in figures.referred])
    for title, table in (("Deaths notified by age band", figures.by_age_band()),
                         ("Deaths reviewed by category", figures.by_category()),
                         ("Deaths reviewed: modifiable factors", figures.by_modifiable()),
                         ("Themes across the deaths reviewed", figures.by_theme())):
        s.tables.append((title, ["", "Deaths"], [[k, str(n)] for k, n in table.items()]))
    s.tables.append(("The panel's learning", ["Death", "Category", "Modifiable factors",
                                              "Learning"],
                     [[d.ref, d.review.category_words, d.review.modifiable.words,
                       d.review.learning] for d in figures.reviewed]))
    known = [k for d in deaths if d.notified_on <= end for k in death_clocks(d, end)]
    compliance(s, known, _within(start, end), end,
                [("child death notified", "Deaths notified to the panel within 24 hours"),
                 ("child death reviewed", "Deaths reviewed by the panel within six months")],
                DEADLINE_OUTCOMES)
    return s


def training(training, start: date, end: date) -> Section:
    """Training events as records of their own, each counted once (rule L2)."""
    within = _within(start, end)
    s = Section("Training events, conferences and briefings")
    held = [e for e in training if within(e.held_on)]
    s.figure("Training events held (distinct events)",
             [f"{e.ref}: {e.title} ({e.programme}), {e.held_on}" for e in held])
    s.figure("Attendees at training events (each event counted once)",
             [f"{e.ref}: {e.attendees}" for e in held], value=reach(held)[1])
    s.figure("Training events evaluated months later (in the year)",
             [f"{e.ref}: {on}: {summary}" for e in training
              for when, on, summary in e.evaluations if when == "follow-up" and within(on)])
    checked = [e for e in training if e.provider_check and within(e.provider_check[0])]
    s.figure("Training providers checked against their programme's standards (in the year)",
             [f"{e.ref}: {e.provider}" for e in checked])
    s.figure("Training providers found not to meet the committee's standards (in the year)",
             [f"{e.ref}: {e.provider}: {e.provider_check[2]}"
              + "".join(f"; not met: {std}" for std, ok in e.provider_judged.items() if not ok)
              for e in checked if not e.provider_check[1]])
    programmes = Counter(e.programme for e in held)
    s.tables.append(("Training events held by programme", ["Programme", "Events",
                                                           "Attendees"],
                     [[p, str(n), str(reach([e for e in held if e.programme == p])[1])]
                      for p, n in sorted(programmes.items())]))
    return s


def section11(rounds, start: date, end: date) -> Section:
    """Section 11 rounds: returns, challenge sessions, the ratings agreed, amber and red
    carried forward (rules SA1 to SA4), with the returns' deadlines."""
    within = _within(start, end)
    s = Section("Section 11 self-assessments")
    s.figure("Section 11 rounds opened", [f"{r.ref}: {len(r.agencies)} agencies, returns due "
                                          f"by {r.returns_due}" for r in rounds
                                          if within(r.opened_on)])
    s.figure("Agencies' returns completed", [f"{r.ref}: {a}: {r.returned_on(a)}" for r in rounds
                                             for a in r.agencies if within(r.returned_on(a))])
    s.figure("Challenge sessions held", [f"{r.ref}: {a}: {on}: {summary}" for r in rounds
                                         for a, (on, summary, _) in r.challenges.items()
                                         if within(on)])
    s.figure("Ratings the challenge changed",
             [f"{r.ref}: {a}: {key} {own.value} -> {rating.value}: {why}" for r in rounds
              for a, (on, _, changes) in r.challenges.items() if within(on)
              for key, rating, why in changes
              for own in [r.ratings[(a, key)].rating]])
    s.figure("Amber and red standards carried into a new round",
             [f"{r.ref}: {a}: {key} {rating.value} (from {r.carried_from})" for r in rounds
              if within(r.opened_on) for a, key, rating in r.carried])
    s.tables.append(("Amber and red standards agreed at the year's challenge sessions",
                     ["Round", "Agency", "Standard", "Agreed"],
                     [[r.ref, a, key, rating.value] for r in rounds
                      for a, key, rating in r.open_items()
                      if a in r.challenges and within(r.challenges[a][0])]))
    compliance(s, [k for r in rounds if r.opened_on <= end for k in returns_clocks(r, end)],
                within, end, [("agency return", "Section 11 returns by the date set")],
                DEADLINE_OUTCOMES)
    return s


def audits(audits, start: date, end: date) -> Section:
    """Audits of practice: plans, returns, moderation, findings by agency (strengths and
    weaknesses), approval, and what re-audits found changed (rules AU1 to AU4)."""
    within = _within(start, end)
    s = Section("Audits of practice")
    s.figure("Audits planned", [f"{a.ref}: {a.theme}: {a.question}" for a in audits
                                if within(a.opened_on)])
    s.figure("Returns chased", [f"{a.ref}: {g}: {on}" for a in audits for g, on in a.chased
                                if within(on)])
    s.figure("Audits moderated or challenged", [f"{a.ref}: {a.moderation[0]}" for a in audits
                                                if a.moderation and within(a.moderation[0])])
    found = [(a, f) for a in audits for f in a.findings if within(f.recorded_on)]
    for nature, plural in (("strength", "strengths"), ("weakness", "weaknesses")):
        s.figure(f"Findings: {plural}", [f"{a.ref} {f.number}: {f.said}" for a, f in found
                                         if f.nature == nature])
    s.figure("Audits approved", [f"{a.ref}: {a.approval[0]} by {a.approval[1]}" for a in audits
                                 if a.approval and within(a.approval[0])])
    s.figure("Re-audits: what changed on the findings re-tested",
             [f"{a.ref} re-tested {a.reaudit_of} finding {n}: {text}" for a in audits
              for n, (on, text) in sorted(a.changes.items()) if within(on)])
    agencies = sorted({f.agency for _, f in found})
    s.tables.append(("Findings of the year by agency", ["Agency", "Strengths", "Weaknesses"],
                     [[g, str(sum(f.agency == g and f.nature == "strength" for _, f in found)),
                       str(sum(f.agency == g and f.nature == "weakness" for _, f in found))]
                      for g in agencies]))
    compliance(s, [k for a in audits if a.opened_on <= end for k in returns_clocks(a, end)],
                within, end, [("agency return", "Audit returns by the date set")],
                DEADLINE_OUTCOMES)
    return s
