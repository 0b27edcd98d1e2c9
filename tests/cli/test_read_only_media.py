"""A store on read-only media (issue 12): every read command works, and verify too; a write is
refused in one line, exit 4, with nothing written; a write-ahead log left beside the store,
whose changes an immutable reader would miss, is refused rather than read past.

Real processes on a real read-only mount: each command runs in a private mount namespace of
its own (`unshare`) where the store's folder is bind-mounted read-only, so the file system
itself refuses writes whoever the user is (root included)."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Lif, found_board, notify

ROOT = Path(__file__).resolve().parents[2]
MOUNT = ('mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" && shift 2 && cd / && '
         'exec "$@"')


def namespaces_work() -> bool:
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


pytestmark = [pytest.mark.skipif(not namespaces_work(), reason="this machine cannot make a "
                                 "private read-only mount (unshare -rm)"),
              pytest.mark.sqlite_only]  # a SQLite file on read-only media


@pytest.fixture
def media(tmp_path):
    """(folder holding a board's store, run): `run(*args)` runs lif against the store with
    the folder mounted read-only."""
    built = tmp_path / "built.sqlite"
    notify(found_board(Lif(built)))
    folder = tmp_path / "board"
    folder.mkdir()
    # A store as a lif process leaves it: closed, its write-ahead log folded in (this test's
    # own commands ran in-process and keep their connections open).
    with sqlite3.connect(built) as source, sqlite3.connect(folder / "lif.sqlite") as copy:
        source.backup(copy)
    copy.close()
    mounted = tmp_path / "media"
    mounted.mkdir()

    def run(*args):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
               "HOME": str(tmp_path)}
        return subprocess.run(["unshare", "-rm", "sh", "-c", MOUNT, "sh", str(folder),
                               str(mounted), sys.executable, "-c",
                               "from cli.main import main; main()", "--store",
                               str(mounted / "lif.sqlite"), *args],
                              capture_output=True, text=True, timeout=120, env=env)

    return folder, run


def test_every_read_command_works_on_read_only_media(media, tmp_path):
    folder, run = media
    before = sorted(p.name for p in folder.iterdir())
    for args, said in [(["case", "list"], "Child H"), (["case", "show", "Child H"], "Case Child H"),
                       (["history", "Child H"], "History of case Child H"),
                       (["due", "--as-of", "2017-06-30"], "Child H: decision"),
                       (["member", "list"], "chair1"), (["verify"], "intact"),
                       (["export", "events", "--out", str(tmp_path / "events.jsonl")], ""),
                       (["report", "annual", "--year", "2017/18", "--out",
                         str(tmp_path / "report")], "Wrote")]:
        result = run(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert said in result.stdout, (args, result.stdout)
    assert (tmp_path / "events.jsonl").stat().st_size > 0
    assert sorted(p.name for p in folder.iterdir()) == before  # no -wal, -shm or index made


def test_a_write_on_read_only_media_is_refused_in_one_line(media):
    folder, run = media
    with sqlite3.connect(folder / "lif.sqlite") as db:
        events = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    result = run("member", "appoint", "lead2", "--role", "agency_lead", "--org", "Health",
                 "--as", "bm1", "--on", "2017-05-01")
    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == [
        "Error: the store is on read-only media or in a folder this account cannot write: it "
        "can be read and verified there, not written; nothing was saved"]
    with sqlite3.connect(folder / "lif.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == events


def test_a_write_ahead_log_left_beside_the_store_is_refused_not_read_past(media, tmp_path):
    folder, run = media
    writer = sqlite3.connect(folder / "lif.sqlite")  # open: its last change stays in -wal
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT OR REPLACE INTO lif_meta VALUES ('note', 'not yet in the file')")
    writer.commit()
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("lif.sqlite", "lif.sqlite-wal"):
        shutil.copy(folder / name, copy / name)
    writer.close()
    shutil.rmtree(folder)
    copy.rename(folder)
    result = run("case", "list")
    assert result.returncode == 4
    assert "write-ahead log beside it (lif.sqlite-wal) holding changes not yet in the store" \
        in result.stderr
