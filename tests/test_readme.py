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
    assert result.stderr == ""
