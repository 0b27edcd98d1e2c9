"""Architecture rules checked by machine (ADR 0002, ADR 0016): the domain imports no adapter,
CLI or database driver; the CLI reaches the adapters only through the composition root and
reads no environment variable of its own; only the store adapter knows the database driver and
the event table. import-linter reads its contracts from pyproject.toml."""

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
    assert "4 kept, 0 broken" in result.stdout


def copy_project(folder: Path) -> None:
    for part in ("src", "cli", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, folder / part)


@pytest.mark.parametrize("forbidden", ["sqlite3", "click", "adapters.calendar"])
def test_the_contract_catches_a_domain_module_importing_a_forbidden_module(tmp_path, forbidden):
    copy_project(tmp_path)
    rules = tmp_path / "src" / "lif_domain" / "rules.py"
    rules.write_text(f"import {forbidden}\n" + rules.read_text())
    result = lint(tmp_path)
    assert result.returncode != 0 and "BROKEN" in result.stdout


@pytest.mark.parametrize("module, line", [
    ("cli/export.py", "from adapters.event_log import EventLog"),
    ("cli/due.py", "import sqlite3"),
    ("src/adapters/verify.py", "import sqlite3"),
])
def test_the_contract_catches_the_cli_or_an_adapter_going_round_the_root(tmp_path, module,
                                                                          line):
    copy_project(tmp_path)
    target = tmp_path / module
    target.write_text(f"{line}\n" + target.read_text())
    result = lint(tmp_path)
    assert result.returncode != 0 and "BROKEN" in result.stdout


def test_the_cli_reads_no_environment_variable_and_only_the_store_knows_the_tables():
    import re

    for path in (ROOT / "cli").glob("*.py"):
        assert not re.search(r"os\.environ|getenv", path.read_text()), path
    store_modules = {"chain.py", "event_log.py", "lif_sqlite.py", "sqlite_read_store.py",
                     "sqlite_store.py", "chain_postgres.py", "store_copy.py"}
    for path in [*(ROOT / "cli").glob("*.py"), *(ROOT / "src").rglob("*.py")]:
        if path.name not in store_modules:
            assert "stored_events" not in path.read_text(), path


def self_calls_not_inherited(cls, source: str) -> set[str]:
    """The names `cls`'s own code reads from `self` that neither it nor anything it inherits
    defines or assigns: a part of the application calling a method it does not inherit."""
    import ast
    import inspect
    import textwrap

    known = set()
    for c in cls.__mro__:
        known |= set(vars(c)) | set(vars(c).get("__annotations__", {}))
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(c)))
        except (OSError, TypeError):
            continue
        known |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                  and isinstance(n.ctx, ast.Store) and getattr(n.value, "id", "") == "self"}
    return {n.attr for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Attribute)
            and getattr(n.value, "id", "") == "self" and n.attr not in known}


@pytest.mark.parametrize("path", sorted((ROOT / "src/lif_domain/application").glob("*.py")),
                         ids=lambda p: p.stem)
def test_each_part_of_the_application_inherits_what_it_calls(path):
    import ast
    import importlib

    module = importlib.import_module(f"lif_domain.application.{path.stem}")
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ClassDef):
            cls = getattr(module, node.name)
            assert self_calls_not_inherited(cls, ast.unparse(node)) == set(), node.name


def test_the_inheritance_check_catches_a_call_to_a_method_not_inherited():
    from lif_domain.application.cases import Cases

    assert self_calls_not_inherited(Cases, "def f(self):\n    return self.review('R')\n") == {
        "review"}
