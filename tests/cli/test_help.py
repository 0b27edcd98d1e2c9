"""Every command has help with an example, and read commands have --json."""

import click
import pytest

from cli.main import lif


def commands(group=lif, path=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


ALL = list(commands())


def test_the_cli_has_every_noun_and_many_commands():
    nouns = {path[0] for path, _ in ALL}
    assert nouns == {"init", "member", "board", "case", "review", "due", "delay", "org", "source",
                     "action", "monitor", "history", "checkpoint", "verify", "key", "trust",
                     "witness", "proof", "evidence", "export", "report", "scenario", "training",
                     "deaths", "section11", "audit", "store"}
    assert len(ALL) > 60


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_command_has_help_with_an_example(path, command):
    assert "Example:" in command.help and f"lif {' '.join(path)}" in command.help.replace(
        "lif --store board.sqlite ", "lif ")


@pytest.mark.parametrize("path, command", [(p, c) for p, c in ALL
                                           if p[-1] in ("show", "list", "reveal")
                                           or p in (("due",), ("history",))],
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_read_command_has_json(path, command):
    assert "as_json" in [p.name for p in command.params]


@pytest.mark.parametrize("path, command", [(p, c) for p, c in ALL
                                           if p[-1] not in ("show", "list", "export", "reveal",
                                                            "report", "compare")
                                           and p[0] not in
                                           ("due", "init", "history", "checkpoint", "verify",
                                            "key", "trust", "witness", "proof", "evidence", "export",
                                            "report", "scenario", "store")],
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_write_command_takes_a_member_and_a_business_date(path, command):
    names = [p.name for p in command.params]
    assert "by" in names and "on" in names
