"""The steps of an action, each declared once (REFERENCE §7; seed, "The Learning and Improvement
Process" steps 4 to 7; ADR 0019).

A step's entry says who may take it (a key of permissions.WHO_MAY), the statuses it may be taken
from, how it is taken from the CLI (its command, help, example and details) and its words in a
history. The action's events name their step by `step`, its command is marked @takes(key), and
the CLI and the narrative are built from this table. It imports no event class, so the CLI's
help costs no more than reading it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from lif_domain.choices import Choice
from lif_domain.stages import Command, Detail, text


class Status(Choice):
    PROPOSED = "proposed"
    OPEN = "open"
    CLAIMED = "completion_claimed"
    VERIFIED = "verified"
    IMPACT_ASSESSED = "impact_assessed"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"


class Rag(Choice):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Level(Choice):
    """Escalation goes up: subgroup, then PLQA, then the board chair (REFERENCE §7)."""

    SUBGROUP = "subgroup"
    PLQA = "plqa"
    BOARD_CHAIR = "board_chair"


ENDED = (Status.CLOSED, Status.WITHDRAWN, Status.SUPERSEDED)
_LIVE = (Status.PROPOSED, Status.OPEN, Status.CLAIMED, Status.VERIFIED, Status.IMPACT_ASSESSED)


@dataclass(frozen=True)
class Step:
    permission: str
    allowed: tuple[Status, ...] = ()
    command: Command | None = None
    told: Callable = lambda e: ""


def _due_decided(e) -> str:
    if hasattr(e, "old_due"):
        return f"approved moving the due date from {e.old_due} to {e.new_due}: {e.note}"
    return f"refused the due-date change: {e.reasons}"


STEPS: dict[str, Step] = {
    "propose": Step(
        "propose an action",
        told=lambda e: f"proposed action {e.ref} on finding {e.finding} of {e.source_ref}: "
                       f"{e.what}; owner {e.owner}, lead {e.lead_officer}, due {e.due_on}; "
                       f"measure: {e.measure}"),
    "agree": Step(
        "agree an action", (Status.PROPOSED,),
        Command("agree", "Agree the action: it is now open.", "--as plqa1"),
        lambda e: "agreed the action (now open)"),
    "update_progress": Step(
        "update an action's progress", (Status.OPEN, Status.CLAIMED),
        Command("update", "Record a dated progress update with its RAG rating.",
                '--rag amber --narrative "venue booked" --as lead1',
                (Detail("rag", "--rag", kind="choice", choices=("red", "amber", "green")),
                 text("--narrative", "narrative", "What has happened."))),
        lambda e: f"updated progress: {Rag(e.rag).words.upper()}: {e.narrative}"),
    "claim_complete": Step(
        "claim an action complete", (Status.OPEN,),
        Command("claim", "Claim the action complete, with evidence.",
                '--evidence "training register: 86% trained" --as lead1',
                (text("--evidence", "evidence", "The evidence of completion."),)),
        lambda e: f"claimed the action complete, with evidence: {e.evidence}"),
    "verify": Step(
        "verify an action's completion", (Status.CLAIMED,),
        Command("verify", "Verify a claimed completion (a PLQA member, not the claimant, "
                "from another organisation than the owner's; rule A4).",
                '--note "register checked" --as plqa1',
                (text("--note", "note", "How the evidence was checked."),)),
        lambda e: f"verified completion: {e.note}"
                  + (f" (the verifier is of {e.organisation})" if e.organisation else "")),
    "reject_claim": Step(
        "verify an action's completion", (Status.CLAIMED,),
        Command("reject", "Reject a claimed completion: the action is open again.",
                '--reasons "register incomplete" --as plqa1', (text("--reasons", "reasons"),)),
        lambda e: f"rejected the claim of completion: {e.reasons}"),
    "assess_impact": Step(
        "assess an action's impact", (Status.VERIFIED,),
        Command("impact", "Record the assessment of impact of a verified action.",
                '--measure re-audit --result "9 of 10 cases recognised early" --as plqa1',
                (text("--measure", "measure", "The measure used."),
                 text("--result", "result", "What it showed."))),
        lambda e: f"assessed impact by {e.measure}: {e.result}"),
    "close": Step(
        "close an action", (Status.IMPACT_ASSESSED,),
        Command("close", "Close an action whose impact has been assessed.",
                '--rationale "impact evidenced" --as chair1', (text("--rationale", "rationale"),)),
        lambda e: f"closed the action. Rationale: {e.rationale}"),
    "request_due_change": Step(
        "request a due-date change", (Status.PROPOSED, Status.OPEN),
        Command("redate", "Ask to move the due date (the old date stays in history).",
                '--due 2018-02-28 --reason "trainer ill" --as lead1',
                (Detail("new_due", "--due", "The new due date.", kind="date"),
                 text("--reason", "reason"))),
        lambda e: f"asked to move the due date to {e.new_due}: {e.reason}"),
    "decide_due_change": Step(
        "decide a due-date change", (Status.PROPOSED, Status.OPEN),
        Command("redate-decision", "Approve or refuse a requested due-date change (not by the "
                "requester).", '--approve --note "reasonable" --as plqa1',
                (Detail("approve", "--approve/--refuse", kind="flag"), text("--note", "note"))),
        _due_decided),
    "escalate": Step(
        "escalate an action", (Status.OPEN,),
        Command("escalate", "Escalate one level at a time: subgroup, then PLQA, then the "
                "board chair (rule A2); --skip-reason to go higher at once.",
                '--level subgroup --reason "overdue" --as bm1',
                (Detail("level", "--level", kind="choice",
                        choices=("subgroup", "plqa", "board-chair")),
                 text("--reason", "reason"),
                 Detail("skip_reason", "--skip-reason", "Why it skips a level (only then).",
                        required=False, default=""))),
        lambda e: f"escalated the action to {Level(e.level).words}: {e.reason}"
                  + (f" (skipping {', '.join(Level(lv).words for lv in e.skipped)}: "
                     f"{e.skip_reason})" if e.skipped else "")),
    "withdraw": Step(
        "withdraw or supersede an action", _LIVE,
        Command("withdraw", "Withdraw the action, with reasons.",
                '--reasons "service decommissioned" --as plqa1', (text("--reasons", "reasons"),)),
        lambda e: f"withdrew the action: {e.reasons}"),
    "supersede": Step(
        "withdraw or supersede an action", _LIVE,
        Command("supersede", "Record the action superseded by another.",
                '--by AUD-2017-02/A2 --reasons "merged" --as plqa1',
                (text("--by", "by_action", "The action that replaces it."),
                 text("--reasons", "reasons"))),
        lambda e: f"recorded the action superseded by {e.by_action}: {e.reasons}"),
    "reopen": Step(
        "reopen an action", (*ENDED, Status.VERIFIED, Status.IMPACT_ASSESSED),
        Command("reopen", "Reopen a closed, withdrawn, superseded or verified action.",
                '--reason "re-audit shows relapse" --as chair1', (text("--reason", "reason"),)),
        lambda e: f"reopened the action: {e.reason}"),
}
