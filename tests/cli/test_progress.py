"""Long work shows its progress on standard error while a person watches (a terminal), and
nothing when standard error is a pipe or a file: real `lif` processes, a real pseudo-terminal."""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_action_plan import plan  # noqa: F401  (a fixture: a source and actions)
from tests.cli.test_action_plan_files import TRACKER, write_csv
from tests.cli.test_export import store  # noqa: F401  (a fixture: a closed SCR's store)

LIF = str(Path(sys.executable).parent / "lif")


def stderr_of(store, args, terminal: bool) -> str:  # noqa: F811
    env = {**os.environ, "LIF_STORE": str(store.store), **store.env}
    if not terminal:
        return subprocess.run([LIF, *args], env=env, capture_output=True, text=True,
                              check=True).stderr
    watcher, screen = pty.openpty()
    done = subprocess.run([LIF, *args], env=env, stdout=subprocess.DEVNULL, stderr=screen)
    os.close(screen)
    seen = b""
    try:
        while chunk := os.read(watcher, 4096):
            seen += chunk
    except OSError:  # the terminal closed once everything was read
        pass
    os.close(watcher)
    assert done.returncode == 0, seen
    return seen.decode()


@pytest.mark.parametrize("args, label", [
    (["verify"], "Verifying"),
    (["export", "events", "--out", "{tmp}/log.jsonl"], "Exporting events"),
    (["report", "annual", "--year", "2017/18", "--out", "{tmp}", "--force"],
     "Writing the annual report"),
])
def test_progress_shows_on_a_terminal_only(store, tmp_path, args, label):  # noqa: F811
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert label in stderr_of(store, args, terminal=True)
    (tmp_path / "log.jsonl").unlink(missing_ok=True)
    assert label not in stderr_of(store, args, terminal=False)


def test_an_import_shows_its_progress_on_a_terminal_only(plan, tmp_path):  # noqa: F811
    tracker = tmp_path / "tracker.csv"
    write_csv(tracker, TRACKER)
    args = ["action", "import", str(tracker), "--dry-run", "--as", "bm1", "--on", "2017-10-01"]
    assert "Importing actions" in stderr_of(plan, args, terminal=True)
    assert "Importing actions" not in stderr_of(plan, args, terminal=False)
