"""The `lif` executable: a root group whose command groups load only when called."""

import importlib
import os
import sys

import click

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader left

GROUPS = {
    "init": ("cli.init_cmd", "init"),
    "member": ("cli.member", "member"),
    "board": ("cli.board", "board"),
    "case": ("cli.case_rapid_review", "case"),
    "review": ("cli.review", "review"),
    "due": ("cli.due", "due"),
    "delay": ("cli.delay", "delay"),
    "org": ("cli.org", "org"),
    "source": ("cli.source", "source"),
    "training": ("cli.training", "training"),
    "deaths": ("cli.deaths", "deaths"),
    "section11": ("cli.section11", "section11"),
    "audit": ("cli.audit", "audit"),
    "action": ("cli.action", "action"),
    "monitor": ("cli.monitor", "monitor"),
    "history": ("cli.history", "history"),
    "checkpoint": ("cli.integrity", "checkpoint"),
    "verify": ("cli.integrity", "verify_command"),
    "key": ("cli.integrity", "key"),
    "trust": ("cli.integrity", "trust"),
    "witness": ("cli.integrity", "witness"),
    "proof": ("cli.integrity", "proof"),
    "evidence": ("cli.evidence", "evidence"),
    "export": ("cli.export", "export"),
    "report": ("cli.report", "report"),
    "scenario": ("cli.scenario", "scenario"),
    "store": ("cli.store", "store"),
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (keeps start-up fast)."""

    def list_commands(self, ctx):
        return sorted(GROUPS)

    def invoke(self, ctx):
        """Last resort: say what failed in one line, with the exit code of its kind (README);
        no traceback reaches a user unless --debug (or LIF_DEBUG) asks for it."""
        from cli.common import failure

        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`lif action list | head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as e:
            if ctx.params.get("debug"):
                raise
            from adapters.composition import failure_of

            message, code = failure_of(e)
            raise failure(message, code) from None

    def get_command(self, ctx, name):
        if name not in GROUPS:
            return None
        module, attr = GROUPS[name]
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", envvar="LIF_STORE", default="lif.sqlite", show_default=True,
              metavar="PATH", help="The SQLite store file (or set LIF_STORE).")
@click.option("--debug", envvar="LIF_DEBUG", is_flag=True, hidden=True,
              help="Let an unexpected error show its traceback (or set LIF_DEBUG=1).")
@click.version_option(package_name="lif")
@click.pass_context
def lif(ctx, store, debug):
    """LIF records a safeguarding board's learning and improvement decisions as an
    immutable event log: notifications, screening, the chair's decisions, reviews and
    their deadlines. The rules it applies, each with its source, are in docs/rules.md;
    outputs cite them by number (e.g. rule D1).

    \b
    Exit codes: 0 done; 1 refused by the framework's rules (nothing written);
    2 bad usage; 3 busy or conflicting (nothing written: run it again);
    4 the store is damaged or cannot be read, or cannot be written where it is (read-only
    media) (lif verify: cannot verify);
    5 tampering found; 70 a fault in LIF (please report it).

    \b
    Example (a case notified in May 2017, whose decision is overdue by 30 June):
      lif init --board "Example LSCB" --chair chair1 --chair-org "Independent" \\
               --manager bm1 --manager-org "Council" --on 2017-04-03
      lif case notify "Child H" --as bm1 --aware-on 2017-05-01 --abuse suspected \\
               --harm died --agency-concern not-yet-known --on 2017-05-04
      lif due --as-of 2017-06-30
    """
    os.umask(0o077)  # every file LIF makes (stores, exports, reports, keys) is its owner's only
    ctx.obj = {"store": store}


def main() -> None:
    """Entry point: rules refusals and usage errors are one line; no traceback reaches a user."""
    lif.main(prog_name="lif", standalone_mode=True)
