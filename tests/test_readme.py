"""Docs that run: README's two commands are the ones CI and the demo really use."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
DEMO = "./scripts/setup && ./scripts/demo"
TESTS = "./scripts/setup && .venv/bin/python -m pytest"


def test_readme_shows_the_two_commands_and_ci_runs_the_test_command():
    assert DEMO in README and TESTS in README
    assert TESTS in (ROOT / ".ci" / "run").read_text()


def test_the_demo_records_a_case_end_to_end_and_prints_its_history(tmp_path):
    env = {**os.environ, "LIF_STORE": str(tmp_path / "demo.sqlite")}
    result = subprocess.run([str(ROOT / "scripts" / "demo")], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "chair1 (independent chair) decided on a serious case review" in result.stdout
    assert "chair1 (independent chair) closed the review" in result.stdout
    assert "MET       SCR-2017-01: review completed" in result.stdout
    assert "intact" in result.stdout and "signed by chair-demo" in result.stdout
    # The only thing said on stderr: the training, re-dated in April, was done in June,
    # late against its first date of 31 March (rule A5).
    assert result.stderr == ("Warning: SCR-2017-01/A1: action completed by 2018-03-31, done "
                             "2018-06-25: MET LATE (complete by the due date agreed for it "
                             "(rule A5))\n")


def readme_lif_commands() -> list[list[str]]:
    """The `lif` lines of README's "Using it" section, continuation lines joined."""
    import shlex

    section = README.split("## Using it")[1].split("\n## ")[0]
    lines, current = [], ""
    for line in section.splitlines():
        if not line.startswith("    ") and not current:
            continue
        current += line.strip().removesuffix("\\") + " "
        if not line.rstrip().endswith("\\"):
            if current.startswith("lif "):
                lines.append(shlex.split(current.split("  #")[0], comments=True)[1:])
            current = ""
    return lines


def test_the_usage_examples_in_the_readme_run(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli.main import lif

    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")  # README's paths are the repo's
    commands = readme_lif_commands()
    assert len(commands) >= 15
    runner, outputs = CliRunner(), {}
    for args in commands:
        result = runner.invoke(lif, args, env={"LIF_ACTOR": "bm1", "LIF_STORE": "lif.sqlite"},
                               input="scr\n")  # the trainee's answer, for `scenario train`
        assert result.exit_code == 0, (args, result.output)
        outputs[args[0]] = outputs.get(args[0], "") + result.output
    assert "1 open action, 1 overdue" in outputs["monitor"]
    assert "SCR criteria met" in outputs["case"]  # the output of `lif case show`
    assert "Judged under Working Together 2023 (rule G1)" in outputs["case"]
    assert (tmp_path / "plan.xlsx").exists()
