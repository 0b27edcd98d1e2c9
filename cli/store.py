"""lif store: a partnership's PostgreSQL store, its roles and its people's logins (issue 15)."""

import click

from cli.common import lif_for, progress, refusals


@click.group()
def store():
    """A partnership's PostgreSQL store: its owner, writers' and readers' roles, and a login
    for each person (docs/adr/0037)."""


def _password(ctx, path) -> str:
    from pathlib import Path

    if path:
        return lif_for(ctx).read_text(Path(path)).strip()
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@store.command("init-postgres")
@click.option("--owner", required=True, help="The owner's login: it alone makes and migrates "
              "the tables (run lif init as it).")
@click.option("--password-file", default=None, help="A file holding the owner's password "
              "(default: asked for, not shown).")
@click.pass_context
@refusals
def init_postgres(ctx, owner, password_file):
    """Set up the schema LIF_POSTGRES_SCHEMA with its owner and the writers' and readers'
    roles, as the server's administrator (LIF_POSTGRES_URL). Writers may add events, never
    change, delete or empty them; readers may only read.

    \b
    Example:
      LIF_DATABASE=postgres LIF_POSTGRES_SCHEMA=partnership \\
      LIF_POSTGRES_URL=postgresql://postgres@localhost/lif lif store init-postgres \\
          --owner lif_owner
    """
    p = lif_for(ctx).set_up_partnership(owner, _password(ctx, password_file))
    click.echo(f"Set up schema {p.schema}: owner {p.owner}, roles {p.writers} and {p.readers}."
               f" Next, as {p.owner}: lif init; then a login for each person: lif store "
               "add-login.")


@store.command("add-login")
@click.argument("login")
@click.option("--writer/--reader", "writer", required=True,
              help="A writer keys events; a reader (an inspector) only reads.")
@click.option("--password-file", default=None, help="A file holding the password (default: "
              "asked for, not shown).")
@click.pass_context
@refusals
def add_login(ctx, login, writer, password_file):
    """Give a person LOGIN of their own on the store, as the server's administrator. Link it
    to their member with lif member link, run from that login (rule W5).

    \b
    Example:
      lif store add-login asha --writer
    """
    p = lif_for(ctx).add_login(login, _password(ctx, password_file), not writer)
    click.echo(f"Added login {login} to {p.writers if writer else p.readers}.")


@store.command()
@click.option("--to", "target", required=True, help="A PostgreSQL URL (postgresql://...), or "
              "the path of a new SQLite file.")
@click.option("--schema", default="public", show_default=True,
              help="The PostgreSQL schema to copy into.")
@click.pass_context
@refusals
def copy(ctx, target, schema):
    """Copy this store's log to an empty PostgreSQL store, or back to a new SQLite file:
    verified before and after against the same signed checkpoints, every event with its bytes,
    who keyed it and its leaf hash. Run it as the target's owner.

    \b
    Example:
      lif --store board.sqlite store copy --to postgresql://lif_owner@localhost/lif \\
          --schema partnership
      LIF_DATABASE=postgres lif store copy --to board-copy.sqlite
    """
    lif = lif_for(ctx)
    with progress("Copying events", lif.count_events) as step:
        copied, where = lif.copy_to(target, schema, step)
    click.echo(f"Copied {copied} events to {where}; it verifies as this store does.")
