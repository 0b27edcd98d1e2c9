"""lif org: the partner organisations that can own actions."""

import click

from cli.common import app_for, emit, reads, writes


@click.group()
def org():
    """Register the board's partner organisations."""


@org.command()
@click.argument("name")
@click.option("--relevant-agency", is_flag=True,
              help="From 2018: an agency the partners' published arrangements name as a "
              "relevant agency (rule RR6).")
@writes
def add(ctx, name, relevant_agency, by, on):
    """Register organisation NAME (so that actions can name it as owner).

    \b
    Example:
      lif org add "Health" --as bm1
      lif org add "Northfield Academy Trust" --relevant-agency --as bm1
    """
    app_for(ctx).register_organisation(name, relevant_agency=relevant_agency, by=by, on=on)
    click.echo(f"Registered {name}{', a relevant agency' if relevant_agency else ''}.")


@org.command("list")
@reads
def list_orgs(ctx, as_json):
    """List the registered organisations.

    \b
    Example:
      lif org list
    """
    names = app_for(ctx).board().organisations
    emit(as_json, names, "\n".join(names) or "No organisations.")
