"""`lif source list` and `lif action list`: written a row at a time, and each row the same
answer as the record's own `show` gives (one cycle function, one action view)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sources(board):
    """Three audits with actions; one round reviews an action of the second only."""
    run = board
    run("org", "add", "Health", "--as", "bm1", "--on", "2017-04-03")
    for n in (1, 2, 3):
        ref = f"AUD-{n}"
        run("source", "record", ref, "--type", "practice-audit", "--title", "Neglect", "--date",
            "2017-08-01", "--lead", "plqa1", "--as", "plqa1", "--on", "2017-09-01")
        if n == 3:
            continue  # recorded only
        run("source", "finding", ref, "--text", "late", "--theme", "neglect", "--as", "bm1",
            "--on", "2017-09-01")
        run("source", "approve", ref, "--body", "PLQA", "--rationale", "ok", "--as", "plqa1",
            "--on", "2017-09-05")
        for a in (1, 2):
            run("action", "propose", f"{ref}/A{a}", "--source", ref, "--finding", "1", "--what",
                "Train", "--owner", "Health", "--lead", "hv", "--due", "2017-11-30",
                "--measure", "80%", "--as", "bm1", "--on", "2017-09-06")
            run("action", "agree", f"{ref}/A{a}", "--as", "plqa1", "--on", f"2017-09-0{6 + n}")
    run("monitor", "round", "PLQA-1", "--committee", "PLQA", "--as", "plqa1", "--on",
        "2017-10-02")
    run("monitor", "outcome", "PLQA-1", "--action", "AUD-2/A2", "--outcome", "on-track",
        "--note", "fine", "--as", "plqa1", "--on", "2017-10-02")
    return run


def test_each_source_in_the_list_is_what_its_show_says(sources):
    listed = json.loads(sources("source", "list", "--json").output)
    assert [r["ref"] for r in listed] == ["AUD-1", "AUD-2", "AUD-3"]
    for row in listed:
        shown = json.loads(sources("source", "show", row["ref"], "--json").output)
        del shown["history"]
        assert row == shown
    cycle = {r["ref"]: {c["name"]: c["reached_on"] for c in r["cycle"]} for r in listed}
    assert cycle["AUD-2"]["monitoring"] == "2017-10-02"  # its round
    assert cycle["AUD-1"]["monitoring"] is None  # the round reviewed no action of it
    assert cycle["AUD-1"]["implementation programme"] == "2017-09-07"  # first agreed
    assert listed[1]["actions"] == ["AUD-2/A1", "AUD-2/A2"] and listed[2]["actions"] == []
    assert [r["status"] for r in listed] == ["implementation programme", "monitoring",
                                             "information gathered"]
    assert sources("source", "list").output.splitlines()[1].split() == [
        "AUD-2", "practice", "audit", "monitoring"]


def test_the_action_list_is_one_row_per_action_as_json_and_as_text(sources):
    listed = json.loads(sources("action", "list", "--json").output)
    assert [r["ref"] for r in listed] == ["AUD-1/A1", "AUD-1/A2", "AUD-2/A1", "AUD-2/A2"]
    assert len(sources("action", "list").output.splitlines()) == 4
    only = json.loads(sources("action", "list", "--source", "aud-2", "--json").output)
    assert only == listed[2:]
    assert sources("action", "list", "--source", "AUD-3").output.strip() == "No actions."
    refused = sources("action", "list", "--source", "AUD-9", expect=1).output
    assert "AUD-9" in refused and refused.count("\n") == 1  # one line: no such source


def test_empty_lists_say_so(board):
    assert board("action", "list", "--json").output.strip() == "[]"
    assert board("source", "list").output.strip() == "No sources."


def test_a_reader_that_goes_away_ends_the_list_quietly(sources):
    """`lif action list | head -1`: no error message, the shell's SIGPIPE status (141)."""
    lif = Path(sys.executable).with_name("lif")
    listing = subprocess.Popen([str(lif), "--store", str(sources.store), "action", "list",
                                "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **sources.env})
    listing.stdout.close()  # the reader leaves before the first line
    assert listing.wait(timeout=60) == 141
    assert listing.stderr.read() == b""


def test_lists_speak_words_not_codes(sources):
    listed = sources("source", "list").output
    assert "practice audit" in listed and "practice_audit" not in listed
    members = sources("member", "list").output
    assert "independent chair" in members and "independent_chair" not in members
    monitor = sources("monitor", "--as-of", "2017-12-31").output  # no action rated yet
    assert "By RAG:          not rated 4" in monitor and "None" not in monitor
