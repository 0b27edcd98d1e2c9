"""Architecture rules checked by machine (ADR 0002): the domain imports no adapter, CLI or
database driver. import-linter reads its contracts from pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def lint(root: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": f"{root / 'src'}:{root}", "PATH": "/usr/bin:/bin"}
    return subprocess.run(LINT, cwd=root, env=env, capture_output=True, text=True)


def test_the_import_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("forbidden", ["sqlite3", "click", "adapters.calendar"])
def test_the_contract_catches_a_domain_module_importing_a_forbidden_module(tmp_path, forbidden):
    for part in ("src", "cli", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, tmp_path / part)
    rules = tmp_path / "src" / "lif_domain" / "rules.py"
    rules.write_text(f"import {forbidden}\n" + rules.read_text())
    result = lint(tmp_path)
    assert result.returncode != 0 and "BROKEN" in result.stdout
