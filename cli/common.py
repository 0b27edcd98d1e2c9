"""What every command shares: the application, acting member, dates, output and errors."""

import functools
import io
import json
import sys
from contextlib import contextmanager, nullcontext, redirect_stdout
from datetime import date
from pathlib import Path

import click

# Exit codes, one meaning each (README, `lif --help`).
EXIT_REFUSED = 1  # refused by the framework's rules, or bad input
EXIT_USAGE = 2  # bad usage: an unknown option, a missing argument (click's own)
EXIT_BUSY = 3  # busy or conflicting: retry
EXIT_DAMAGED = 4  # the store is damaged or cannot be read; cannot verify
EXIT_TAMPERED = 5  # lif verify found tampering
EXIT_BUG = 70  # an error LIF did not expect (sysexits' EX_SOFTWARE): please report it


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD", param, ctx)


DATE = DateType()


# The safeguarding partners as options name them, and the role each is (REFERENCE §9).
PARTNERS = {"local-authority": "local_authority_partner", "health": "health_partner",
            "police": "police_partner"}

def lif_for(ctx: click.Context):
    """The one object the composition root builds for a command (ADR 0016)."""
    root = ctx.find_root()
    if "lif" not in root.obj:
        from adapters.composition import Lif

        root.obj["lif"] = Lif(store=root.obj["store"])
        root.call_on_close(root.obj["lif"].close)  # a server's connections, given back
    return root.obj["lif"]


def replaceable(option):
    """`--force` for a command that writes a file: without it, an existing file is refused."""
    return click.option("--force", is_flag=True, help="Replace the file(s) if they exist "
                        "(never the store, its companions or a key).")(option)


def new_file(ctx: click.Context, path: str | None, force: bool) -> None:
    """Refuse to write `path` over an existing file unless `force`, and ever over the store,
    its companions, a key, the trust file or the checkpoint log (a file is never destroyed
    unasked, issue 12), or into a folder that does not exist. Nothing is written when
    refused."""
    if path is not None:
        lif_for(ctx).check_new_file(Path(path), force)


@contextmanager
def progress(label: str, length, show: bool = True):
    """A progress bar on standard error while a person watches (stderr a terminal, and `show`);
    otherwise nothing, so scripts and pipes see only the result. Yields the function to call
    with the number of items just done, or None; `length()` is only asked when shown."""
    if not (show and sys.stderr.isatty()):
        yield None
        return
    with click.progressbar(length=length(), file=sys.stderr, label=label) as bar:
        yield bar.update


def app_for(ctx: click.Context, creating: bool = False):
    return lif_for(ctx).app(creating)


def refusals(func):
    """Turn the domain's refusals into one line on stderr and their exit code (1 refused, 3
    busy, 4 the store cannot be read, 5 tampering: lif_domain.errors)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from lif_domain.errors import LifError

        try:
            return func(*args, **kwargs)
        except LifError as e:
            raise failure(str(e), e.exit_code) from None

    return wrapper


def failure(message: str, code: int) -> click.ClickException:
    """One line on stderr ("Error: ..."), and exit `code`."""
    error = click.ClickException(message)
    error.exit_code = code
    return error


def writes(func):
    """A command that records: it is taken as a member (--as) on a business date (--on). A
    deadline the write misses is recorded all the same, and said on stderr once it is (with
    --json, what the command said and the warnings are printed as JSON instead)."""
    func = refusals(_warned(func))
    func = click.option("--json", "as_json", is_flag=True, help="Print what was recorded and "
                        "any deadline it missed as JSON.")(func)
    func = click.option("--on", "on", type=DATE, default=None,
                        help="Business date of the step (default today; never in the future).")(func)
    func = click.option("--on-behalf", is_flag=True, help="You key the step for the --as "
                        "member (from the minutes, say); they confirm it later (rule W5).")(func)
    func = click.option("--as", "by", envvar="LIF_ACTOR", required=True, metavar="MEMBER",
                        help="The member taking the step (or set LIF_ACTOR).")(func)
    return click.pass_context(func)


def _warned(func):
    @functools.wraps(func)
    def wrapper(ctx, *args, as_json=False, on_behalf=False, **kwargs):
        lif = lif_for(ctx)
        lif.on_behalf = on_behalf
        said = io.StringIO()
        with redirect_stdout(said) if as_json else nullcontext():
            result = func(ctx, *args, **kwargs)
        warnings = lif.warnings()
        if as_json:
            emit(True, {"said": said.getvalue().splitlines(), "warnings": warnings}, "")
        else:
            for line in warnings:
                click.echo(f"Warning: {line}", err=True)
        return result

    return wrapper


def reads(func):
    """A command that only reads: it has --json."""
    func = refusals(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print data as JSON.")(func)
    return click.pass_context(func)


def emit(as_json: bool, data, text: str) -> None:
    if as_json:
        click.echo(json.dumps(data, indent=2, default=str, sort_keys=True))
    else:
        click.echo(text)


def emit_rows(as_json: bool, rows, line, empty: str) -> None:
    """A list written a row at a time, so a long list is never held twice: the JSON is the
    same as emit's; in text, one `line(row)` per row, or `empty` when there are none."""
    written = 0
    for row in rows:
        if as_json:
            text = json.dumps(row, indent=2, default=str, sort_keys=True)
            click.echo(("[\n" if not written else ",\n") + "  " + text.replace("\n", "\n  "),
                       nl=False)
        else:
            click.echo(line(row))
        written += 1
    if as_json:
        click.echo("\n]" if written else "[]")
    elif not written:
        click.echo(empty)


def choice(*values: str) -> click.Choice:
    return click.Choice(values, case_sensitive=False)


def correct_date_command(group: click.Group, noun: str, method: str, example_ref: str) -> None:
    """`lif NOUN correct-date REF --event N --date D --reason R`, for cases and reviews."""

    @click.argument("ref")
    @click.option("--event", "version", type=int, required=True,
                  help="The number of the event in the record's history.")
    @click.option("--date", "now_on", type=DATE, required=True, help="The correct date.")
    @click.option("--reason", required=True)
    @writes
    def correct_date(ctx, ref, version, now_on, reason, by, on):
        getattr(app_for(ctx), method)(ref, version, now_on, reason, by=by, on=on)
        click.echo(f"Corrected the date of event {version} of {ref} to {now_on}.")

    correct_date.__doc__ = (
        f"Correct the business date of an event of {noun} REF. The original event stays in the "
        f"history; the correction is a new event that points at it.\n\n\b\nExample:\n"
        f"  lif {group.name} correct-date {example_ref} --event 3 --date 2017-05-11 "
        f"--reason \"minutes show 11 May\" --as bm1")
    group.command("correct-date")(correct_date)


def text_option(flag: str, dest: str, text: str):
    return click.option(flag, dest, required=True, help=text)


def step_commands(group: click.Group, example_ref: str, commands: dict, run) -> None:
    """Add one write command per stage declaration (key: stages.Command) to `group`.

    Each takes REF, the options its details name, --as and --on, and calls
    run(ctx, ref, key, by, on, details), which does the work and returns the line to print."""
    for key, declared in commands.items():
        def command(ctx, ref, by, on, _key=key, **details):
            click.echo(run(ctx, ref, _key, by, on, details))

        command.__doc__ = (f"{declared.summary}\n\n\b\nExample:\n  lif {group.name} "
                           f"{declared.name} {example_ref} {declared.example}")
        for detail in reversed(declared.details):
            command = detail_option(detail)(command)
        group.command(declared.name)(click.argument("ref")(writes(command)))


def detail_option(d):
    """The click option for one detail of a stage (lif_domain.stages.Detail)."""
    if d.kind == "flag":
        return click.option(d.option, d.name, required=d.required, help=d.help or None)
    kind = choice(*d.choices) if d.kind == "choice" else {"date": DATE, "int": int}.get(d.kind)
    # An explicit default of None would satisfy `required` in click 8.3 on: pass none at all.
    default = {} if d.default is None else {"default": d.default}
    return click.option(d.option, d.name, type=kind, multiple=d.kind == "many",
                        required=d.required, help=d.help or None, **default)

def pairs(values: tuple[str, ...], option: str, sep: str, shape: str) -> list[tuple[str, int]]:
    """Each of an option's values, "SCR-2017-01:1" or "Health=80", as (name, number); one
    that is not NAME`sep`NUMBER is refused, saying `shape`."""
    from lif_domain.errors import InvalidInput

    found = []
    for value in values:
        name, _, number = value.rpartition(sep)
        if not name.strip() or not number.strip().isdigit():
            raise InvalidInput(f"{option} {value!r} is not {shape}")
        found.append((name.strip(), int(number)))
    return found
