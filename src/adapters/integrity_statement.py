"""What a published document (the evidence pack, the annual report) says of the log it was
drawn from (ADR 0025): whether it verified, the tree size and head it was drawn at, and the
latest checkpoint a custodian signed of it, printed whole, so the document pins the log:
whoever holds it and the custodian's public key can later check that the log still extends
that tree (`lif proof consistency`)."""

import base64


def integrity_statement(report, problem_text: str | None = None) -> dict:
    """`report`: what adapters.verify found (None: it could not be run, `problem_text` why)."""
    if report is None:
        return {"status": "not verified", "checkpoint": None,
                "text": f"The log could not be verified: {problem_text}."}
    if report.problems:
        first = report.first
        return {"status": "TAMPERED", "events": report.events, "checkpoint": None,
                "text": f"WARNING: the log failed verification: {len(report.problems)} "
                        f"problem(s), the first at position {first.position}: {first.message}."}
    head = base64.b64encode(report.head).decode()
    if report.verified_in_full:
        checked = (f"The log's first {report.events - report.walked} events were verified in "
                   f"full against the checkpoint of {report.verified_in_full}; the "
                   f"{report.walked} events recorded since were verified intact when this was made "
                   "(`lif verify` reads the whole log again)")
    else:
        checked = (f"The whole log of {report.events} events was verified intact when this "
                   "was made")
    latest = report.latest
    if latest:
        pinned = (f"It extends the latest signed checkpoint, of {latest.describe()}, printed "
                  "below; check it with that custodian's public key.")
    else:
        pinned = ("No custodian has signed a checkpoint of this log yet, so only its own hashes "
                  "were checked: a rewrite of the whole log would not show. Ask the custodian "
                  "to sign one (`lif checkpoint --key`).")
    return {"status": "intact", "events": report.events, "tree_size": report.tree.end,
            "tree_head": head, "verified_in_full_on": report.verified_in_full,
            "verified_now": report.walked,
            "checkpoint": latest.note.whole if latest else None,
            "text": f"{checked}. Drawn from the log at tree size {report.tree.end}, tree head "
                    f"{head}: the RFC 6962 Merkle tree over every event's exact stored bytes, "
                    f"its record, version and type. {pinned}"}
