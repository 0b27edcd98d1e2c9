"""Every command, called with malformed, huge and hostile arguments on a real store (a SQLite
file and a PostgreSQL schema), answers with a documented exit code and at most a one-line
message, never a traceback (issue 12).

Seeded and bounded for CI (LIF_FUZZ_EXAMPLES, default 150 calls; LIF_FUZZ_SEED); set them for
a longer hunt, e.g. LIF_FUZZ_EXAMPLES=20000 LIF_FUZZ_SEED=7 .venv/bin/python -m pytest
tests/cli/test_fuzz.py."""

import os

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, seed, settings, strategies as st

from cli.main import lif
from tests.cli.conftest import found_board, notify
from tests.cli.test_help import ALL

EXIT_CODES = {0, 1, 2, 3, 4, 5}
EXAMPLES = int(os.environ.get("LIF_FUZZ_EXAMPLES", "150"))
SEED = int(os.environ.get("LIF_FUZZ_SEED", "20261203"))

HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "\x00", "a\x00b", "\udcff\udcfe", "..", "../../etc/passwd",
                     "/dev/null", "-", "--", "Child H", "SCR-1", "2017-05-04", "9999-12-31",
                     "0000-00-00", "-1", "1e9", "NaN", "\u202eevil", "'; DROP TABLE x; --",
                     "x" * 200_000, "Child H\n\nChild J", "{json}", "scr", "PLQA-2017-10"]),
    st.integers(-10**12, 10**12).map(str),
)


def _options(command: click.Command) -> list[click.Parameter]:
    return [p for p in command.params if p.name not in ("help",)]


@st.composite
def calls(draw, files):
    path, command = draw(st.sampled_from(ALL))
    args = list(path)
    for param in _options(command):
        if isinstance(param, click.Argument):
            if param.required or draw(st.booleans()):
                args.append(draw(st.one_of(HOSTILE, st.sampled_from(files))))
        elif draw(st.integers(0, 3)) == 0:
            flag = param.opts[0]
            if param.is_flag:
                args.append(flag)
            else:
                args += [flag, draw(st.one_of(HOSTILE, st.sampled_from(files)))]
    if draw(st.integers(0, 5)) == 0:
        args.insert(draw(st.integers(0, len(args))), draw(HOSTILE))  # something out of place
    return args


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Hostile files to pass where a command takes one: binary, empty, invalid UTF-8, a CSV
    with a 200 KiB cell, a scenario that is not TOML, a folder, a missing file."""
    folder = tmp_path_factory.mktemp("hostile")
    made = {"binary.toml": bytes(range(256)) * 40, "empty.csv": b"",
            "bad-utf8.csv": b"ref,what\n\xff\xfe\xfa,\x00\n",
            "huge-cell.csv": b"ref,what\nA1," + b"x" * 200_000 + b"\n",
            "not-toml.toml": b"[[[ this is not = toml", "nul.xlsx": b"\x00" * 1000,
            "fake.sqlite": b"SQLite format 3\x00" + b"\x00" * 200}
    for name, data in made.items():
        (folder / name).write_bytes(data)
    (folder / "a-folder").mkdir()
    return {name: str(folder / name) for name in [*made, "a-folder", "missing/out.txt"]}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def store(request, tmp_path_factory):
    """A board with a case, on either store (issue 15), made once for the module's calls."""
    from tests.cli.conftest import Lif
    from tests.postgres import postgres_store

    path = tmp_path_factory.mktemp("fuzz") / "lif.sqlite"
    if request.param == "sqlite":
        yield found_board_with_a_case(Lif(path))
        return
    with postgres_store() as env:
        yield found_board_with_a_case(Lif(path, env))


def found_board_with_a_case(run):
    found_board(run)
    notify(run)
    return run


@settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@seed(SEED)
@given(data=st.data())
def test_every_command_answers_hostile_input_with_a_code_and_one_line(store, files, data,
                                                                     tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = data.draw(calls(list(files.values())))
    result = CliRunner().invoke(lif, ["--store", str(store.store), *args], input="\n",
                                env={**store.env, "LIF_ACTOR": "bm1", "LIF_LOCK_TIMEOUT": "1"})
    output = result.output
    assert "Traceback" not in output, (args, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        (args, repr(result.exception))
    assert result.exit_code in EXIT_CODES, (args, result.exit_code, output[-300:])
    if result.exit_code not in (0, 5):
        message = [line for line in output.splitlines() if line.startswith(("Error", "Cannot"))]
        assert len(message) <= 1, (args, output[-500:])


@pytest.mark.parametrize("make_args", [
    lambda f: ["case", "show", "\udcff\udcfe"],  # invalid UTF-8 on the command line
    lambda f: ["scenario", "run", f["binary.toml"]],
    lambda f: ["scenario", "run", f["not-toml.toml"]],
    lambda f: ["export", "events", "--out", f["missing/out.txt"]],
    lambda f: ["export", "events", "--out", "a\x00b.jsonl"],
    lambda f: ["case", "notify", "Child\x00H", "--aware-on", "2017-05-01", "--abuse",
               "suspected", "--harm", "died", "--agency-concern", "yes"],
    lambda f: ["action", "import", f["huge-cell.csv"], "--dry-run"],
    lambda f: ["action", "import", f["bad-utf8.csv"], "--dry-run"],
    lambda f: ["action", "import", f["nul.xlsx"], "--dry-run"],
    lambda f: ["action", "escalate", "AUD-1/A1"],  # a required option left out
    lambda f: ["witness", "cosign", f["binary.toml"], "--key", "\x00"],
], ids=["bad-utf8-arg", "binary-scenario", "not-toml", "missing-folder", "nul-path",
        "nul-ref", "huge-csv-cell", "bad-utf8-csv", "nul-xlsx", "required-option",
        "nul-key"])
def test_the_hostile_inputs_issue_12_found(store, files, make_args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(lif, ["--store", str(store.store), *make_args(files)],
                                env={**store.env, "LIF_ACTOR": "bm1"})
    assert result.exit_code in {1, 2, 4}, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "unexpected" not in result.output
