"""lif evidence: the inspection pack for a case, from the CLI on a real SQLite store."""

import json
import re

from tests.cli.conftest import notify
from tests.tampering import edit_meta, edit_state, last_position
from tests.cli.test_action_plan import plan  # noqa: F401  (the fixture)


def screened(run):
    notify(run)
    run("case", "recommend", "Child H", "--recommendation", "scr", "--rationale", "met",
        "--as", "panel1", "--on", "2017-05-10")
    run("case", "decide", "Child H", "--decision", "scr", "--rationale", "agree with panel",
        "--as", "chair1", "--on", "2017-06-20")  # late: a missed deadline
    run("review", "commission", "SCR-1", "--case", "Child H", "--kind", "scr", "--rationale",
        "decided", "--as", "chair1", "--on", "2017-06-21")


def test_the_pack_is_written_as_html_markdown_and_json(board, tmp_path):
    screened(board)
    out = board("evidence", "Child H", "--out", str(tmp_path / "pack")).output
    assert out.count("Wrote ") == 3
    data = json.loads((tmp_path / "pack" / "Child-H-evidence.json").read_text())
    assert data["reviews"] == ["SCR-1"] and data["integrity"]["status"] == "intact"
    assert {"clock": "decision", "status": "met late"}.items() <= next(
        c for c in data["clocks"] if c["clock"] == "decision").items()
    assert any(d["why"].get("rationale") == "agree with panel" for d in data["decisions"])
    page = (tmp_path / "pack" / "Child-H-evidence.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "Deadlines met and missed" in page
    assert not re.search(r"(src|href)=\"?https?:", page)  # self-contained: opens offline
    markdown = (tmp_path / "pack" / "Child-H-evidence.md").read_text()
    assert "| Child H | decision | by 2017-06-04 | done 2017-06-20 | met late |" in markdown
    assert "verified intact" in markdown
    assert "| Child H | chair decided | rationale: agree with panel |" in markdown
    decisions = markdown.split("## Decisions and their rationale")[1].split("\n## ")[0]
    assert not re.search(r"\b[A-Z][a-z]+[A-Z][a-z]+", decisions)  # no event class names


def test_a_tampered_log_is_stated_in_the_pack(board, tmp_path):
    screened(board)
    edit_state(board, "agree with panel", "disagree")
    result = board("evidence", "Child H", "--out", str(tmp_path / "pack"))
    assert "Warning: WARNING: the log failed verification" in result.output
    data = json.loads((tmp_path / "pack" / "Child-H-evidence.json").read_text())
    assert data["integrity"]["status"] == "TAMPERED"


def test_a_pack_is_for_a_case_or_review(plan, tmp_path):  # noqa: F811
    out = plan("evidence", "AUD-2017-02", "--out", str(tmp_path), expect=1).output
    assert "made for a case or a review" in out


def pack(board, tmp_path) -> dict:
    board("evidence", "Child H", "--out", str(tmp_path / "pack"), "--force")
    return json.loads((tmp_path / "pack" / "Child-H-evidence.json").read_text())["integrity"]


def marked(board):
    """A screened case, checkpointed (which leaves its mark, ADR 0025), then a member
    appointed; gives the number of events the checkpoint signed."""
    screened(board)
    board("checkpoint")
    seen = board.count()
    board("member", "appoint", "lead2", "--role", "agency_lead", "--org", "Health", "--as",
          "bm1", "--on", "2017-06-22")
    return seen


def test_a_pack_verifies_what_was_added_since_the_last_full_verification(board, tmp_path):
    seen = marked(board)
    since = board.count() - seen
    statement = pack(board, tmp_path)
    assert statement["status"] == "intact" and statement["verified_now"] == since
    assert statement["events"] == board.count()
    assert "verified in full against the checkpoint of " + statement["verified_in_full_on"] \
        in statement["text"]
    assert "signed by chair-test" in statement["text"] and "\u2014 chair-test" in \
        statement["checkpoint"]
    assert f"the {since} events recorded since" in statement["text"]


def test_a_pack_with_no_full_verification_verifies_the_whole_log(board, tmp_path):
    screened(board)
    statement = pack(board, tmp_path)
    assert statement["verified_in_full_on"] is None
    assert statement["verified_now"] == statement["events"] == board.count()
    assert statement["text"].startswith(f"The whole log of {board.count()} events")


def test_an_event_edited_after_the_mark_is_caught(board, tmp_path):
    marked(board)
    edit_state(board, "Health", "Wealth", last_position(board))
    assert pack(board, tmp_path)["status"] == "TAMPERED"


def test_an_edit_before_the_mark_is_left_to_the_next_full_verify(board, tmp_path):
    seen = marked(board)  # the last event the checkpoint signed: the commissioning
    edit_state(board, "decided", "undecided", seen)  # its rationale
    statement = pack(board, tmp_path)  # the pack says it verified only what came after
    assert statement["status"] == "intact" and statement["verified_now"] == board.count() - seen
    assert f"the first at position {seen}: " in board("verify", expect=5).output
    assert pack(board, tmp_path)["status"] == "TAMPERED"  # the full walk left no mark


def test_an_altered_mark_means_verifying_in_full(board, tmp_path):
    marked(board)
    edit_meta(board, "verified_tree", '"size": ', '"size": 1')
    edit_state(board, "chair1", "chair9", 5)  # before the mark: only a full walk sees it
    statement = pack(board, tmp_path)
    assert statement["status"] == "TAMPERED" and "at position 5:" in statement["text"]


def test_a_pack_as_it_stood_on_a_date(board, tmp_path):
    screened(board)  # notified 2017-05-04; decided late on 2017-06-20; SCR-1 on 2017-06-21
    board("evidence", "Child H", "--as-of", "2017-06-10", "--out", str(tmp_path / "then"))
    data = json.loads((tmp_path / "then" / "Child-H-evidence.json").read_text())
    assert data["as_of"] == "2017-06-10" and data["reviews"] == [] and data["decision"] is None
    assert max(t["on"] for t in data["timeline"]) <= "2017-06-10"
    assert {"clock": "decision", "status": "overdue"}.items() <= next(
        c for c in data["clocks"] if c["clock"] == "decision").items()
    refused = board("evidence", "Child H", "--as-of", "2017-05-01", "--out",
                    str(tmp_path / "before"), expect=1).output
    assert "was not yet notified on 2017-05-01" in refused
    assert refused.count("\n") == 1 and not (tmp_path / "before").exists()  # nothing written
